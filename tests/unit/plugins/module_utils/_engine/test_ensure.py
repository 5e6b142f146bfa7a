# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""_engine/ensure.py: one object brought to the state one task declares (validate, resolve, warn, find, decide, act,
settle the copies of concurrent runs), over a tenant in memory that records every request. Shown for jobs (the real
adapter) and for a made-up resource (widgets)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime

import pytest

from ansible_collections.opsramp.automation.plugins.module_utils._engine import compare, plan as planning
from ansible_collections.opsramp.automation.plugins.module_utils._engine.ensure import ensure
from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import (
    REDACTED, ApiError, ObjectLookupError, ValidationError)
from ansible_collections.opsramp.automation.plugins.module_utils._jobs.adapter import JOBS

from ansible_collections.opsramp.automation.tests.unit.plugins.module_utils._engine.engine_support import (
    TENANT, WIDGETS, FakeClient, RacingClient, job_params, search, stored_job, stored_widget, widget_params)

NOW = datetime.datetime(2026, 1, 1, 0, 0, tzinfo=datetime.timezone.utc)
STORED = stored_job('job-1', 'nightly')
FIND_BY_NAME = search('jobs', queryString='name:nightly')
COPIES_OF_NIGHTLY = search('jobs', queryString='name:nightly', sortName='id', isDescendingOrder='false')
JOB_TYPES = ('GET', '/jobs/types', None)


# ---------------------------------------------------------------------------------------------------- validate first

@pytest.mark.parametrize('resource, params, option', [
    (JOBS, job_params(schedule=dict(type='weekly')), 'schedule.week_days'),
    (JOBS, job_params(name=' ', job_type='ad_checklist', entities=[{'name': 'core-sw'}]), 'name'),
    (WIDGETS, widget_params(size=0), 'size'),
    (WIDGETS, widget_params(timing=dict(mode='every', minutes=0)), 'timing.minutes'),
], ids=['job-companion-missing', 'job-blank-name-before-lookups-and-types', 'widget-size', 'widget-section'])
@pytest.mark.parametrize('check_mode', [False, True], ids=['run', 'check'])
def test_every_option_is_validated_before_any_request(resource, params, option, check_mode):
    client = FakeClient(jobs=[STORED], widgets=[stored_widget('w-1', 'w')])
    with pytest.raises(ValidationError) as caught:
        ensure(resource, client, params, check_mode=check_mode)
    assert caught.value.option == option
    assert client.requests == [] and client.warnings == []


# ---------------------------------------------------------------------------------------------------- jobs

def find_requests(stored):
    return [FIND_BY_NAME] + ([('GET', '/jobs/job-1', None)] if stored else [])


@pytest.mark.parametrize('options, stored, action, writes', [
    ({}, None, 'created', [('POST', '/jobs', None), COPIES_OF_NIGHTLY]),  # a create is followed by one search
    ({'queued': True}, STORED, 'updated', [('POST', '/jobs/job-1', None)]),
    ({'state': 'absent'}, STORED, 'deleted', [('DELETE', '/jobs/job-1', None)]),
    ({}, STORED, 'unchanged', []),
], ids=['create', 'update', 'delete', 'unchanged'])
@pytest.mark.parametrize('check_mode', [False, True], ids=['run', 'check'])
def test_ensure_job(options, stored, action, writes, check_mode):
    client = FakeClient(jobs=[stored] if stored else [])
    plan = planning.decide(JOBS, JOBS.wanted(job_params(**options)), planning.Snapshot(stored, TENANT), now=NOW)
    result = ensure(JOBS, client, job_params(**options), check_mode=check_mode, want_diff=True)
    assert result['changed'] is (action != 'unchanged') and result['changes'] == plan.changes
    assert client.requests == find_requests(stored) + ([] if check_mode else writes)
    if check_mode:  # the job a real run would send, or the job as it is
        assert result.get('job') == (plan.payload if plan.payload is not None else stored)
        assert client.objects('jobs') == ([stored] if stored else [])
    elif action in ('created', 'updated'):
        assert [result['job']] == client.objects('jobs')
    assert result['diff']['after'] == ({} if action == 'deleted' else compare.diff_view(
        plan.after, plan.before)['after'])


def test_a_value_stored_differently_is_warned_about():
    client = FakeClient(jobs=[STORED])
    client.stores_as['/jobs/job-1'] = dict(STORED, jobQueued='sometimes')
    result = ensure(JOBS, client, job_params(queued=True))
    assert result['changed'] and client.warnings == [
        "OpsRamp stored queued of job 'nightly' differently from what was sent; the next run may report a change "
        "again. Please report this with the job type and the values used."]


def test_a_value_stored_as_sent_is_not_warned_about():
    client = FakeClient(jobs=[STORED])
    ensure(JOBS, client, job_params(queued=True))
    assert client.warnings == [] and client.objects('jobs')[0]['jobQueued'] is True


def test_entities_named_by_name_are_resolved_first_and_labelled_in_the_diff():
    client = FakeClient(jobs=[STORED], resources=[{'id': 'dev-2', 'name': 'core-sw', 'type': 'DEVICE'}])
    result = ensure(JOBS, client, job_params(entities=[{'name': 'core-sw'}]), check_mode=True, want_diff=True)
    assert client.requests[0] == search('resources', queryString='resourceName:core-sw')
    assert result['changes'] == ['entities']
    assert result['diff']['after']['entities'] == [{'id': 'core-sw (dev-2)', 'type': 'DEVICE'}]
    assert result['job']['entities'] == [{'resource': {'id': 'dev-2', 'type': 'DEVICE'}}]  # the ids, unlabelled


# ---------------------------------------------------------------------------------------------------- secrets

CUSTOM_STORED = {
    'id': '89257540-439d-4cf6-ac2a-676e24830aaf2', 'name': 'cleanup 1', 'jobQueued': False,
    'script': {'customScript': {'id': '7'}, 'userType': 1,
               'parameters': [{'paramId': '1', 'value': '1'}, {'paramId': '2', 'value': '0'}]},
    'schedule': {'startDate': '2026-01-30T01:30:00+0000', 'pattern': {'type': 'monthly', 'dayOfMonth': '1, 30'}},
}


def custom_params(secret='30', **options):
    return job_params(name='cleanup 1', job_type='custom',
                      schedule=dict(type='monthly', days_of_month=[1, 30], start_date='2026-01-30T01:30Z'),
                      custom_script=dict(id='7', user_type='system', parameters=[
                          dict(id='1', value='1'), dict(id='2', value=secret, sensitive=True)]), **options)


@pytest.mark.parametrize('check_mode', [False, True], ids=['run', 'check'])
def test_secrets_are_masked_in_their_fields_only(check_mode):
    client = FakeClient(jobs=[CUSTOM_STORED])
    result = ensure(JOBS, client, custom_params(), check_mode=check_mode, want_diff=True)
    job = result['job']
    assert job['id'] == CUSTOM_STORED['id'] and job['name'] == 'cleanup 1'
    assert job['schedule'] == CUSTOM_STORED['schedule']
    assert job['script']['parameters'] == [{'paramId': '1', 'value': '********'}, {'paramId': '2', 'value': '********'}]
    assert result['changes'] == ['custom_script.parameters']
    for side in ('before', 'after'):
        assert result['diff'][side]['custom_script']['parameters'] == [
            {'id': '1', 'value': '********'}, {'id': '2', 'value': '********'}]
        assert result['diff'][side]['schedule']['days_of_month'] == [1, 30]
        assert result['diff'][side]['schedule']['start_date'] == '2026-01-30T01:30:00+0000'
    if not check_mode:  # hidden in the result, sent as they are
        assert client.objects('jobs')[0]['script']['parameters'] == [{'paramId': '1', 'value': '1'},
                                                                     {'paramId': '2', 'value': '30'}]


def test_a_job_without_sensitive_parameters_shows_its_values():
    options = custom_params()
    options['custom_script']['parameters'][1]['sensitive'] = False
    result = ensure(JOBS, FakeClient(jobs=[CUSTOM_STORED]), options, check_mode=True, want_diff=True)
    assert result['job']['script']['parameters'] == [{'paramId': '1', 'value': '1'}, {'paramId': '2', 'value': '30'}]


def test_a_deleted_job_hides_every_parameter_value():
    client = FakeClient(jobs=[CUSTOM_STORED])
    result = ensure(JOBS, client, job_params(name='cleanup 1', state='absent'), want_diff=True)
    assert [p['value'] for p in result['job']['script']['parameters']] == ['********', '********']
    assert [p['value'] for p in result['diff']['before']['custom_script']['parameters']] == ['********', '********']
    assert result['job']['id'] == CUSTOM_STORED['id'] and client.objects('jobs') == []


def test_an_error_echoing_the_secrets_hides_them():
    client = FakeClient(jobs=[CUSTOM_STORED])
    client.fail(('POST', '/jobs/' + CUSTOM_STORED['id']), ApiError(
        'refused s3cret-new, stored 0', status=400, body={'message': 'sent s3cret-new'}))
    with pytest.raises(ApiError) as caught:
        ensure(JOBS, client, custom_params('s3cret-new'))
    error = caught.value
    assert error.message == 'refused ********, stored ********' and error.status == 400
    assert error.body == {'message': 'sent ********'} and error.to_fail_kwargs()['body'] == error.body


# ---------------------------------------------------------------------------------------------------- job types

@pytest.mark.parametrize('job_type, listed, reads, warning', [
    ('adCheckList', [], 0, None),
    ('ADCHECKLIST', [], 0, None),
    ('ad_checklist', [], 1, "'ad_checklist' is neither a job type OpsRamp documents nor one this tenant lists "
                            "(GET /jobs/types); did you mean 'adCheckList'?"),
    ('adChekList', ['tenantSpecial'], 1, "did you mean 'adCheckList'?"),
    ('tenantSpecial', ['tenantSpecial'], 1, None),
    ('tenant_special', ['tenantSpecial'], 1, "did you mean 'tenantSpecial'?"),
    ('zzzz', [], 1, 'known types are adCheckList, antispyware'),
], ids=['documented', 'documented-other-case', 'separators', 'typo', 'tenant-listed', 'tenant-type-misspelt', 'no-match'])
@pytest.mark.parametrize('check_mode', [False, True], ids=['run', 'check'])
def test_unknown_job_types_are_warned_about_before_any_write(job_type, listed, reads, warning, check_mode):
    client = FakeClient(job_types=listed)
    ensure(JOBS, client, job_params(job_type=job_type), check_mode=check_mode)
    assert client.requests == [JOB_TYPES] * reads + [FIND_BY_NAME] + (
        [] if check_mode else [('POST', '/jobs', None), COPIES_OF_NIGHTLY])
    if warning is None:
        assert client.warnings == []
    else:
        assert len(client.warnings) == 1 and client.warnings[0].startswith('job_type: ') and warning in client.warnings[0]


# ---------------------------------------------------------------------------------------------------- widgets

def test_a_widget_is_created_and_its_copies_checked_once():
    client = FakeClient()
    result = ensure(WIDGETS, client, widget_params(vault=dict(key='k-1')), want_diff=True)
    assert result['changed'] and result['widget']['id'] == 'new-w'
    assert result['widget']['settings'] == {'vault': {'key': REDACTED}}
    assert result['diff']['after']['vault'] == {'key': REDACTED}
    assert client.objects('widgets')[0]['settings'] == {'vault': {'key': 'k-1'}}
    assert client.requests == [search('widgets'), ('POST', '/widgets', None), search('widgets', oldest='first')]
    assert client.warnings == []


def test_a_widget_another_run_created_first_is_reported_instead_of_this_run_s_copy():
    client = RacingClient()
    result = ensure(WIDGETS, client, widget_params(vault=dict(key='k-1')))
    assert result['widget']['id'] == 'other-1' and result['widget']['settings'] == {'vault': {'key': REDACTED}}
    assert [widget['id'] for widget in client.objects('widgets')] == ['other-1']
    assert client.requests[-2:] == [('DELETE', '/widgets/new-w', None), ('GET', '/widgets/other-1', None)]
    assert client.warnings == [
        "widget 'w': another run working at the same time created it too, first (id other-1); this run deleted its "
        "own copy (id new-w) and reports other-1; that widget differs from this task in size: the next run of this "
        "task applies them"]


def test_a_copy_this_run_cannot_delete_fails_the_task():
    client = RacingClient()
    client.fail(('DELETE', '/widgets/new-w'), ApiError('OpsRamp API error 403: forbidden', status=403))
    with pytest.raises(ObjectLookupError) as caught:
        ensure(WIDGETS, client, widget_params())
    assert caught.value.message == (
        "another run working at the same time created widget 'w' too, first (id other-1); deleting this run's copy "
        "(id new-w) failed (OpsRamp API error 403: forbidden): delete it in OpsRamp and keep other-1")


def test_a_failed_check_for_copies_keeps_the_widget_created():
    client = FakeClient()
    client.fail(search('widgets', oldest='first'), ApiError('OpsRamp API error 503', status=503))
    result = ensure(WIDGETS, client, widget_params())
    assert result['widget']['id'] == 'new-w' and len(client.warnings) == 1
    assert client.warnings[0].startswith("could not check whether runs working at the same time created 'w' too")


def test_check_mode_writes_nothing_and_checks_no_copies():
    client = RacingClient()
    result = ensure(WIDGETS, client, widget_params(), check_mode=True)
    assert result['changed'] and 'id' not in result['widget']
    assert client.requests == [search('widgets')] and client.objects('widgets') == []


def test_a_widget_is_found_by_id_and_deleted():
    client = FakeClient(widgets=[stored_widget('w-1', 'w'), stored_widget('w-2', 'w')])
    result = ensure(WIDGETS, client, widget_params(id='w-2', state='absent'))
    assert result['changed'] and result['widget']['id'] == 'w-2'
    assert [widget['id'] for widget in client.objects('widgets')] == ['w-1']
    assert client.requests == [('GET', '/widgets/w-2', None), ('DELETE', '/widgets/w-2', None)]


def test_a_deletion_opsramp_would_refuse_fails_before_any_write_in_check_mode_too():
    for check_mode in (False, True):
        client = FakeClient(widgets=[stored_widget('w-1', 'w', locked=True)])
        with pytest.raises(ObjectLookupError, match=r"widget 'w' \(id w-1\) is locked: OpsRamp refuses to delete it"):
            ensure(WIDGETS, client, widget_params(state='absent'), check_mode=check_mode)
        assert client.writes() == [] and len(client.objects('widgets')) == 1


class Noted(type(WIDGETS)):
    """Widgets whose changed name is also shown as a text diff; records the plans it was asked about."""

    def __init__(self):
        self.asked = []

    def text_diffs(self, plan, target):
        self.asked.append((plan.action, target.name))
        return [dict(before_header='name', after_header='name', before='old\n', after='%s\n' % target.name)]


def test_the_diffs_of_long_texts_follow_the_fields_diff_when_a_diff_is_asked():
    noted = Noted()
    result = ensure(noted, FakeClient(), widget_params(), check_mode=True, want_diff=True)
    assert result['diff'][0] == {'before': {}, 'after': {'name': 'w', 'size': 2, 'enabled': True, 'shape': 'round'}}
    assert result['diff'][1] == dict(before_header='name', after_header='name', before='old\n', after='w\n')
    assert noted.asked == [('created', 'w')]
    assert 'diff' not in ensure(noted, FakeClient(), widget_params(), check_mode=True) and len(noted.asked) == 1
