# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""_engine/plan.py: the decision every module shares (``decide``) and carrying it out (``execute``), over a tenant in
memory (engine_support.FakeClient records every request, so the tests assert what was read and written as well as
what was returned). Shown for jobs (the real adapter) and for a made-up resource (widgets)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import datetime

import pytest

from ansible_collections.opsramp.automation.plugins.module_utils._engine import plan as planning
from ansible_collections.opsramp.automation.plugins.module_utils._engine.labels import Labels
from ansible_collections.opsramp.automation.plugins.module_utils._engine.resource import Wanted
from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import (
    REDACTED, ApiError, ObjectLookupError, ValidationError)
from ansible_collections.opsramp.automation.plugins.module_utils._jobs.adapter import JOBS

from ansible_collections.opsramp.automation.tests.unit.plugins.module_utils._engine.engine_support import (
    START, TENANT, WIDGETS, FakeClient, job_params, stored_job, stored_widget, widget_params)

NOW = datetime.datetime(2026, 1, 1, 0, 0, tzinfo=datetime.timezone.utc)
WEEKLY_MONDAY = {'startDate': START, 'pattern': {'type': 'weekly', 'weekDays': 'Monday'}}
STORED = stored_job('job-1', 'nightly')


def snapshot(resource, client, stored, search_only):
    """The object as a lookup (whole) or a search (without the fields searches leave out) gives it."""
    if search_only and stored is not None:
        listed = client.get('/%s/search' % resource.plural)['results'][0]
        client.requests.clear()
        return planning.Snapshot(listed, TENANT, fetch=lambda: resource.get(client, stored['id']))
    return planning.Snapshot(copy.deepcopy(stored), TENANT)


def job_decision(options, stored=None, search_only=False):
    client = FakeClient(jobs=[stored] if stored else [])
    decided = planning.decide(JOBS, JOBS.wanted(job_params(**options)), snapshot(JOBS, client, stored, search_only),
                              now=NOW)
    return decided, client


# ---------------------------------------------------------------------------------------------------- decide: jobs

UPDATED_PATTERN = {'startDate': START, 'pattern': {'type': 'weekly', 'weekDays': 'Monday, Thursday'}}

DECISIONS = [
    # id, options, stored job, search result only, action, changes, payload, full reads
    ('create', {}, None, False, 'created', ['job_type', 'name', 'schedule.start_date', 'schedule.type',
                                            'schedule.week_days'],
     {'name': 'nightly', 'script': {'jobType': 'adCheckList'}, 'schedule': WEEKLY_MONDAY}, 0),
    ('update', {'schedule': dict(type='weekly', week_days=['thu', 'mon'])}, STORED, False, 'updated',
     ['schedule.week_days'], dict(STORED, schedule=UPDATED_PATTERN), 0),
    ('unchanged', {}, STORED, False, 'unchanged', [], None, 0),
    ('unchanged-case-and-order', {'job_type': 'ADCHECKLIST', 'entities': [{'id': 'dev-1', 'type': 'device'}]},
     STORED, False, 'unchanged', [], None, 0),
    ('delete', {'state': 'absent'}, STORED, False, 'deleted', [], None, 0),
    ('delete-missing', {'state': 'absent'}, None, False, 'unchanged', [], None, 0),
    ('search-only-unchanged', {}, STORED, True, 'unchanged', [], None, 0),
    ('search-only-entities-read-in-full', {'entities': [{'id': 'dev-1'}]}, STORED, True, 'unchanged', [], None, 1),
    ('search-only-entities-changed', {'entities': [{'id': 'dev-2'}]}, STORED, True, 'updated', ['entities'],
     dict(STORED, entities=[{'resource': {'id': 'dev-2', 'type': 'DEVICE'}}]), 1),
    # the update carries the whole job: a change found on the search result reads the job, entities included
    ('search-only-update-reads-the-entities', {'queued': True}, STORED, True, 'updated', ['queued'],
     dict(STORED, jobQueued=True), 1),
    ('search-only-delete', {'state': 'absent'}, STORED, True, 'deleted', [], None, 0),
]


@pytest.mark.parametrize('options, stored, search_only, action, changes, payload, reads',
                         [case[1:] for case in DECISIONS], ids=[case[0] for case in DECISIONS])
def test_decide(options, stored, search_only, action, changes, payload, reads):
    plan, client = job_decision(options, stored, search_only)
    assert (plan.action, plan.changes, plan.payload) == (action, changes, payload)
    assert plan.changed is (action != 'unchanged')
    assert plan.object_id == (stored or {}).get('id')
    assert client.requests == [('GET', '/jobs/job-1', None)] * reads  # deciding writes nothing


def test_decide_reads_a_search_result_in_full_once():
    client = FakeClient(jobs=[STORED])
    current = snapshot(JOBS, client, STORED, search_only=True)
    assert not current.complete and 'entities' not in current.obj
    plan = planning.decide(JOBS, JOBS.wanted(job_params(entities=[{'id': 'dev-2'}], queued=True)), current, now=NOW)
    assert plan.changes == ['entities', 'queued']
    assert client.requests == [('GET', '/jobs/job-1', None)]
    assert current.complete and current.full() == STORED and len(client.requests) == 1


def test_a_job_deleted_since_the_search_is_created_again():
    client = FakeClient(jobs=[STORED])
    current = snapshot(JOBS, client, STORED, search_only=True)
    client.store['jobs'].clear()
    plan = planning.decide(JOBS, JOBS.wanted(job_params(entities=[{'id': 'dev-1'}])), current, now=NOW)
    assert plan.action == 'created' and plan.obj is None


def test_an_unknown_id_is_not_created():
    with pytest.raises(ObjectLookupError, match=r"no job with id 'job-9' in tenant client_1"):
        planning.decide(JOBS, JOBS.wanted(job_params(id='job-9')), planning.Snapshot(None, TENANT))


@pytest.mark.parametrize('options, stored, option', [
    ({'schedule': None}, None, 'schedule'),
    ({'job_type': 'custom', 'custom_script': {'user_type': 'system'}}, None, 'custom_script.id'),
    ({'job_type': None, 'network_backup': {'backup_on_trap': True}}, STORED, 'network_backup'),
], ids=['create-without-schedule', 'custom-without-script-id', 'option-of-the-stored-type'])
def test_decide_checks_what_depends_on_the_stored_job(options, stored, option):
    with pytest.raises(ValidationError) as caught:
        planning.decide(JOBS, JOBS.wanted(job_params(**options)), planning.Snapshot(stored, TENANT))
    assert caught.value.option == option


# ---------------------------------------------------------------------------------------------------- decide: widgets

def widget_decision(options, stored=None, search_only=False):
    client = FakeClient(widgets=[stored] if stored else [])
    target = WIDGETS.wanted(widget_params(**options))
    return planning.decide(WIDGETS, target, snapshot(WIDGETS, client, stored, search_only), now=NOW), client


def test_a_new_widget_is_created_from_its_options():
    plan, client = widget_decision(dict(timing=dict(mode='fixed')))
    assert (plan.action, plan.obj, plan.before) == ('created', None, None)
    assert plan.changes == ['enabled', 'name', 'shape', 'size', 'timing.mode']
    assert plan.payload == {'name': 'w', 'size': 2, 'enabled': True, 'look': {'shape': 'ROUND'},
                            'timing': {'mode': 'FIXED'}}
    assert plan.after == WIDGETS.model.desired(widget_params(timing=dict(mode='fixed'))) and client.requests == []


def test_a_stored_widget_is_updated_in_what_differs_and_sent_back_whole():
    stored = stored_widget('w-1', 'w', parts=[{'n': 1, 'cached': 'x'}])
    plan, dummy = widget_decision(dict(size=3, timing=dict(mode='every', minutes=10)), stored)
    assert (plan.action, plan.object_id, plan.changes) == ('updated', 'w-1', ['size', 'timing.minutes', 'timing.mode'])
    assert plan.payload == dict(stored, size=3, look={'shape': 'ROUND'}, parts=[{'n': 1}],
                                timing={'mode': 'EVERY_N', 'everyMinutes': 10, 'unit': 'MINUTES'})
    assert plan.before == WIDGETS.model.current(stored)


def test_a_widget_as_declared_is_unchanged_and_nothing_is_sent():
    plan, client = widget_decision(dict(enabled='true', shape='round'), stored_widget('w-1', 'w'))
    assert (plan.action, plan.changes, plan.payload, plan.changed) == ('unchanged', [], None, False)
    assert plan.predicted() == stored_widget('w-1', 'w') and client.requests == []


def test_a_listed_widget_is_read_in_full_only_for_what_the_listing_lacks():
    stored = stored_widget('w-1', 'w')
    plan, client = widget_decision(dict(), stored, search_only=True)
    assert plan.action == 'unchanged' and client.requests == []
    plan, client = widget_decision(dict(vault=dict(hint='')), stored, search_only=True)
    assert plan.action == 'unchanged' and client.requests == [('GET', '/widgets/w-1', None)]
    plan, client = widget_decision(dict(size=5), stored, search_only=True)
    assert plan.payload['settings'] == stored['settings'] and client.requests == [('GET', '/widgets/w-1', None)]


def test_a_deletion_shows_the_whole_widget_going_away_with_its_secrets_hidden():
    stored = stored_widget('w-1', 'w')
    plan = planning.decide(WIDGETS, Wanted('absent', None, 'w'), planning.Snapshot(stored, TENANT))
    assert (plan.action, plan.after, plan.payload, plan.object_id) == ('deleted', None, None, 'w-1')
    assert plan.secrets.values == {'k-w'}
    assert plan.diff() == {'before': dict(WIDGETS.model.current(stored), vault={'key': REDACTED, 'hint': ''}),
                           'after': {}}
    nothing = planning.decide(WIDGETS, Wanted('absent', None, 'w'), planning.Snapshot(None, TENANT))
    assert (nothing.action, nothing.obj, nothing.diff()) == ('unchanged', None, {'before': {}, 'after': {}})


def test_a_widget_the_resource_cannot_create_fails_naming_the_option():
    with pytest.raises(ValidationError) as caught:
        widget_decision(dict(name=None, size=3))
    assert caught.value.option == 'name'
    with pytest.raises(ObjectLookupError) as caught:
        widget_decision(dict(id='w-9'))
    assert caught.value.message == ("no widget with id 'w-9' in tenant client_1; to create a widget give its name and "
                                    "no id")


# ---------------------------------------------------------------------------------------------------- Snapshot and Plan

def test_a_snapshot_reads_the_full_object_the_first_time_only():
    reads = []
    current = planning.Snapshot({'id': 'w-1'}, TENANT, fetch=lambda: reads.append(1) or {'id': 'w-1', 'full': True})
    assert not current.complete and current.obj == {'id': 'w-1'}
    assert current.full() == current.full() == {'id': 'w-1', 'full': True} and reads == [1] and current.complete
    assert planning.Snapshot(None, TENANT, fetch=lambda: reads.append(2)).complete and reads == [1]


def test_a_plan_s_diff_shows_labels_and_hides_secrets():
    stored = stored_widget('w-1', 'w')
    plan, dummy = widget_decision(dict(name='w', vault=dict(key='k-new', hint='u-7')), stored)
    labels = Labels()
    labels.add('vault.hint', 'u-7', 'the ops team')
    assert plan.secrets.values == {'k-new', 'k-w'}
    shown = dict(name='w', size=2, enabled=True, shape='round')
    assert plan.diff(labels) == {'before': dict(shown, vault={'key': REDACTED, 'hint': ''}),
                                 'after': dict(shown, vault={'key': REDACTED, 'hint': 'the ops team (u-7)'})}
    assert plan.diff()['after']['vault']['hint'] == 'u-7'


def test_a_plan_s_result_masks_the_object_and_adds_the_diff_when_asked():
    stored = stored_widget('w-1', 'w')
    plan, dummy = widget_decision(dict(size=3), stored)
    result = plan.result('widget', plan.predicted(), want_diff=False)
    assert result == {'changed': True, 'changes': ['size'],
                      'widget': dict(plan.payload, settings={'vault': {'key': REDACTED, 'hint': ''}})}
    assert plan.payload['settings']['vault']['key'] == 'k-w'  # masked in the result only
    shown = dict(name='w', enabled=True, shape='round')
    assert plan.result('widget', None, want_diff=True) == {
        'changed': True, 'changes': ['size'], 'diff': {'before': dict(shown, size=2), 'after': dict(shown, size=3)}}


def test_a_plan_s_result_shows_the_diffs_of_long_texts_after_the_fields():
    plan, dummy = widget_decision(dict(size=3), stored_widget('w-1', 'w'))
    text = dict(before_header='body', after_header='body', before='echo 1\n', after='echo 2\n')
    result = plan.result('widget', None, True, None, [text])
    assert result['diff'] == [plan.diff(), text]
    assert plan.result('widget', None, False, None, [text]) == {'changed': True, 'changes': ['size']}


class Bodied(type(WIDGETS)):
    """Widgets whose request carries a body that the task gives and no field models (``Wanted.inputs``)."""

    def wanted(self, params, labels=None):
        target = super(Bodied, self).wanted(params, labels)
        target.inputs, target.secrets = {'body': 'login s3cret'}, ('s3cret',)
        return target

    def payload(self, stored, target, now):
        return dict(super(Bodied, self).payload(stored, target, now), body=target.inputs['body'])


def test_what_the_task_gives_beyond_the_fields_reaches_the_request_and_its_secrets_no_message():
    client = FakeClient(widgets=[stored_widget('w-1', 'w')])
    plan = planning.decide(Bodied(), Bodied().wanted(widget_params(size=3)),
                           planning.Snapshot(stored_widget('w-1', 'w'), TENANT))
    assert plan.payload['body'] == 'login s3cret' and plan.changes == ['size']
    assert plan.secrets.values == {'k-w', 's3cret'}
    client.fail(('POST', '/widgets/w-1'), ApiError('refused body login s3cret', status=400))
    with pytest.raises(ApiError) as caught:
        planning.execute(Bodied(), client, plan)
    assert caught.value.message == 'refused body login ********'


def test_not_stored_names_the_managed_paths_an_answer_does_not_hold():
    plan, dummy = widget_decision(dict(size=3, shape='square'), stored_widget('w-1', 'w'))
    assert plan.not_stored(dict(plan.payload, size='3')) == []
    assert plan.not_stored(dict(plan.payload, size=4, look={'shape': 'oval'})) == ['shape', 'size']
    assert plan.not_stored(None) == [] and plan.not_stored({}) == []
    deletion = planning.decide(WIDGETS, Wanted('absent', 'w-1'), planning.Snapshot(stored_widget('w-1', 'w'), TENANT))
    assert deletion.not_stored({'id': 'w-1'}) == []


# ---------------------------------------------------------------------------------------------------- execute

@pytest.mark.parametrize('options, stored, sent', [
    (dict(), None, ('POST', '/widgets', None)),
    (dict(size=3), stored_widget('w-1', 'w'), ('POST', '/widgets/w-1', None)),
    (dict(state='absent'), stored_widget('w-1', 'w'), ('DELETE', '/widgets/w-1', None)),
    (dict(), stored_widget('w-1', 'w'), None),
], ids=['create', 'update', 'delete', 'unchanged'])
def test_execute_sends_what_the_plan_says_and_returns_the_object_as_stored(options, stored, sent):
    plan, client = widget_decision(options, stored)
    obj = planning.execute(WIDGETS, client, plan)
    assert client.requests == ([sent] if sent else [])
    if plan.action == 'created':
        assert obj == dict(plan.payload, id='new-w') and client.objects('widgets') == [obj]
    elif plan.action == 'updated':
        assert obj == dict(plan.payload, id='w-1') == client.objects('widgets')[0]
    else:
        assert obj == stored and client.objects('widgets') == ([] if plan.action == 'deleted' else [stored])
    assert client.warnings == []


def test_an_error_echoing_a_secret_hides_it():
    plan, client = widget_decision(dict(vault=dict(key='k-new')), stored_widget('w-1', 'w'))
    client.fail(('POST', '/widgets/w-1'), ApiError('refused k-new (was k-w)', status=400, body={'sent': 'k-new'}))
    with pytest.raises(ApiError) as caught:
        planning.execute(WIDGETS, client, plan)
    assert caught.value.message == 'refused ******** (was ********)' and caught.value.body == {'sent': '********'}


def test_a_value_stored_differently_is_warned_about():
    plan, client = widget_decision(dict(size=3), stored_widget('w-1', 'w'))
    client.stores_as['/widgets/w-1'] = dict(plan.payload, size=30)
    assert planning.execute(WIDGETS, client, plan)['size'] == 30
    assert client.warnings == [
        "OpsRamp stored size of widget 'w' differently from what was sent; the next run may report a change again. "
        "Please report this with the widget type and the values used."]
