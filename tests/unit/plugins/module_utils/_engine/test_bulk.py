# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""_engine/bulk.py: the list reconcile over a tenant in memory (engine_support.FakeClient records every request):
what it decides for each element and for pruning, which requests it sends, and what it reports, with no server
(tests/component runs it over HTTP). Shown for jobs (the real adapter) and for a made-up resource (widgets)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.opsramp.automation.plugins.module_utils._engine import bulk
from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import (
    ApiError, AuthenticationError, ObjectLookupError, ValidationError)
from ansible_collections.opsramp.automation.plugins.module_utils._jobs.adapter import JOBS

from ansible_collections.opsramp.automation.tests.unit.plugins.module_utils._engine.engine_support import (
    SHAPED_WIDGETS, START, WIDGETS, FakeClient, RacingClient, search, stored_job, stored_widget)

JOB_TYPES = ('GET', '/jobs/types', None)


def element(name, week_day='mon', **options):
    spec = dict(name=name, job_type='adCheckList', schedule=dict(type='weekly', week_days=[week_day], start_date=START))
    spec.update(options)
    return spec


def object_reads(client, collection):
    """The GETs of single objects (not searches) sent to ``collection``."""
    return [request for request in client.made('GET') if request[1].startswith('/%s/' % collection)
            and request[1] != '/%s/search' % collection]


# ---------------------------------------------------------------------------------------------------- jobs

RUN = [
    # the list, then what each job became
    ('created', element('new')),
    ('updated', element('edit', week_day='thu')),
    ('unchanged', element('same')),
    ('deleted', dict(name='gone', state='absent')),
    ('unchanged', dict(name='never-there', state='absent')),
]


@pytest.mark.parametrize('check_mode', [False, True], ids=['run', 'check'])
def test_one_run_creates_updates_deletes_prunes_and_leaves_alone(check_mode):
    client = FakeClient(jobs=[stored_job('j-edit', 'edit'), stored_job('j-same', 'same'), stored_job('j-gone', 'gone'),
                              stored_job('j-old', 'team-old'), stored_job('j-other', 'other-team')])
    options = bulk.Options(prune=True, prune_prefix='team-', check_mode=check_mode, want_diff=True, workers=2)
    result = bulk.reconcile(JOBS, client, [spec for _action, spec in RUN], options)
    assert (result['created'], result['updated'], result['deleted'], result['unchanged']) == (
        ['new'], ['edit'], ['gone', 'team-old'], ['same', 'never-there'])
    assert [entry['action'] for entry in result['job_results']] == [action for action, _spec in RUN] + ['deleted']
    assert [entry['id'] for entry in result['job_results']] == [
        None if check_mode else 'new-new', 'j-edit', 'j-same', 'j-gone', None, 'j-old']
    assert result['job_results'][1]['changes'] == ['schedule.week_days']
    assert sorted(result['diffs']) == ['edit', 'gone', 'new', 'team-old'] and result['changed'] is True
    # one search, and in a real run one more after the create (for copies of concurrent runs, oldest first: by name
    # when the run created one job, else the whole list at once); a GET only for the update (it carries the whole
    # job); writes only in a real run
    assert client.made('GET') == [search('jobs')] + [('GET', '/jobs/j-edit', None)] + (
        [] if check_mode else [search('jobs', queryString='name:new', sortName='id', isDescendingOrder='false')])
    assert sorted(client.writes()) == ([] if check_mode else [
        ('DELETE', '/jobs/j-gone', None), ('DELETE', '/jobs/j-old', None), ('POST', '/jobs', None),
        ('POST', '/jobs/j-edit', None)])
    remaining = sorted(job['name'] for job in client.objects('jobs'))
    assert remaining == (['edit', 'gone', 'other-team', 'same', 'team-old'] if check_mode else
                         ['edit', 'new', 'other-team', 'same'])


@pytest.mark.parametrize('specs, option', [
    ([element('a'), element('b', schedule=dict(type='weekly'))], 'jobs[1].schedule.week_days'),
    ([element('a', state='gone')], 'jobs[0].state'),
    ([element('a'), element('a', state='absent')], 'jobs[1].name'),
    ([dict(id='x', state='absent'), dict(id='x', name='y', state='absent')], 'jobs[1].id'),
    ([element('a', job_type='ad_checklist', entities=[{'name': 'core-sw'}]), element('b', schedule=dict(type='daily'))],
     'jobs[1].schedule.frequency'),
], ids=['missing-companion', 'bad-state', 'duplicate-name', 'duplicate-id', 'before-lookups-and-types'])
def test_bad_elements_fail_before_any_request(specs, option):
    client = FakeClient(jobs=[stored_job('x', 'a')])
    with pytest.raises(ValidationError) as caught:
        bulk.reconcile(JOBS, client, specs)
    assert caught.value.option == option and client.requests == [] and client.warnings == []


@pytest.mark.parametrize('options, option', [
    (dict(workers=0), 'workers'), (dict(workers=True), 'workers'), (dict(workers=17), 'workers'),
    (dict(workers=2.0), 'workers'), (dict(prune=True), 'prune_prefix'),
    (dict(prune=True, prune_prefix=' '), 'prune_prefix'),
])
def test_bad_options_fail_when_used(options, option):
    with pytest.raises(ValidationError) as caught:
        bulk.Options(**options).pruning('jobs')
    assert caught.value.option == option


def test_a_duplicate_is_named_with_the_element_it_repeats():
    with pytest.raises(ValidationError) as caught:
        bulk.reconcile(JOBS, FakeClient(), [element('a'), element('b'), element('a', source='jobs/a.yml')])
    assert caught.value.message == ("jobs[2].name: 'a' is also the name of jobs[0]; each job may appear once in the "
                                    "list (jobs[2] 'a' from jobs/a.yml, jobs[0] 'a')")


def test_good_options():
    assert bulk.Options(workers=None).workers == bulk.DEFAULT_WORKERS and bulk.Options(workers=16).workers == 16
    assert bulk.Options(prune=False, prune_prefix=' ').pruning('jobs') is None
    assert bulk.Options(prune=True, prune_prefix='team-').pruning('jobs') == 'team-'


def test_a_shared_name_fails_before_any_write():
    client = FakeClient(jobs=[stored_job('j-1', 'dup'), stored_job('j-2', 'dup')])
    with pytest.raises(ObjectLookupError, match=r"jobs\[1\]: 2 jobs are named 'dup' \(ids j-1, j-2\)"):
        bulk.reconcile(JOBS, client, [element('new'), element('dup')])
    assert client.requests == [search('jobs')]


def test_a_failing_job_keeps_the_others_and_hides_its_secrets():
    client = FakeClient(jobs=[stored_job('j-1', 'one'), stored_job('j-2', 'two')])
    client.fail(('POST', '/jobs/j-1'), ApiError('refused hunter2', status=400))
    secret = dict(id='7', parameters=[dict(id='1', value='hunter2', sensitive=True)])
    with pytest.raises(bulk.BulkReconcileError) as caught:
        bulk.reconcile(JOBS, client, [element('one', job_type='custom', custom_script=secret),
                                      element('two', week_day='fri')])
    details = caught.value.details
    assert details['updated'] == ['two'] and details['errors'] == [{'job': "jobs[0] 'one'", 'msg': 'refused ********'}]
    assert 'hunter2' not in caught.value.message
    assert caught.value.message.startswith('1 of 2 jobs failed (the others were reconciled; see created, updated, '
                                           "deleted and unchanged): jobs[0] 'one': refused ********")


def test_unknown_job_types_are_warned_about_before_the_search():
    client = FakeClient()
    bulk.reconcile(JOBS, client, [element('a', job_type='ad_checklist')], bulk.Options(check_mode=True))
    assert client.requests[:2] == [JOB_TYPES, search('jobs')]
    assert len(client.warnings) == 1 and client.warnings[0].startswith("jobs[0].job_type: 'ad_checklist'")


# ---------------------------------------------------------------------------------------------------- widgets

def widget(name, **options):
    return dict(dict(name=name, size=2, enabled=True, shape='round'), **options)


def test_widgets_are_reconciled_the_same_way():
    client = FakeClient(widgets=[stored_widget('w-1', 'edit'), stored_widget('w-2', 'same'),
                                 stored_widget('w-3', 'team-old'), stored_widget('w-4', 'keep')])
    options = bulk.Options(prune=True, prune_prefix='team-', want_diff=True)
    result = bulk.reconcile(WIDGETS, client, [widget('team-new', vault=dict(key='k-new')), widget('edit', size=5),
                                              widget('same'), dict(id='w-4', state='present')], options)
    assert (result['created'], result['updated'], result['deleted'], result['unchanged']) == (
        ['team-new'], ['edit'], ['team-old'], ['same', 'keep'])
    assert [entry['id'] for entry in result['widget_results']] == ['new-team-new', 'w-1', 'w-2', 'w-4', 'w-3']
    assert result['diffs']['team-new']['after']['vault'] == {'key': '********'}
    assert [entry['before_header'] for entry in result['diff']] == [
        "widget 'team-new'", "widget 'edit'", "widget 'team-old'"]
    assert sorted(widget['name'] for widget in client.objects('widgets')) == ['edit', 'keep', 'same', 'team-new']
    assert client.warnings == [
        "2 widgets of the list do not start with prune_prefix 'team-', so prune will not delete them once they leave "
        "the list: widgets[1] 'edit', widgets[2] 'same'"]  # widgets[3] has no name: prune could not delete it


def test_every_element_is_validated_before_any_request():
    client = FakeClient(widgets=[stored_widget('w-1', 'a')])
    specs = [widget('a'), widget('b', timing=dict(mode='every', minutes=5)), widget('c', size=0, source='w/c.yml')]
    with pytest.raises(ValidationError) as caught:
        bulk.reconcile(WIDGETS, client, specs, bulk.Options(prune=True, prune_prefix='x'))
    assert caught.value.option == 'widgets[2].size'
    assert caught.value.message == ("widgets[2].size: must be a whole number of slots, 1 or more, not 0 "
                                    "(widgets[2] 'c' from w/c.yml)")
    assert client.requests == [] and client.warnings == []


def test_listed_widgets_are_read_in_full_while_listing_and_only_once():
    client = FakeClient(page_size=2, widgets=[stored_widget('w-%d' % number, 'w%d' % number) for number in range(5)])
    result = bulk.reconcile(WIDGETS, client, [widget('w1', vault=dict(key='k-w1')), widget('w4', vault=dict(hint='x')),
                                              widget('w2', size=3)])
    assert (result['unchanged'], result['updated']) == (['w1'], ['w4', 'w2'])
    assert sorted(object_reads(client, 'widgets')) == [('GET', '/widgets/w-1', None), ('GET', '/widgets/w-2', None),
                                                       ('GET', '/widgets/w-4', None)]
    assert client.made('GET').count(search('widgets')) == 3  # three pages of two


def test_nothing_to_do_sends_nothing():
    client = FakeClient(widgets=[stored_widget('w-1', 'a')])
    assert bulk.reconcile(WIDGETS, client, []) == dict(
        changed=False, errors=[], widget_results=[], created=[], updated=[], deleted=[], unchanged=[])
    assert bulk.reconcile(WIDGETS, client, None, bulk.Options(want_diff=True))['diffs'] == {}
    assert client.requests == []


def test_an_empty_list_with_prune_deletes_every_prefixed_widget_in_name_order():
    client = FakeClient(widgets=[stored_widget('w-3', 'team-b'), stored_widget('w-1', 'team-a'),
                                 stored_widget('w-2', 'other'), stored_widget('w-4', 'team-a')])
    result = bulk.reconcile(WIDGETS, client, [], bulk.Options(prune=True, prune_prefix='team-'))
    assert [(entry['name'], entry['id']) for entry in result['widget_results']] == [
        ('team-a', 'w-1'), ('team-a', 'w-4'), ('team-b', 'w-3')]
    assert [widget['id'] for widget in client.objects('widgets')] == ['w-2']


def test_prune_spares_what_an_element_names_by_id():
    client = FakeClient(widgets=[stored_widget('w-1', 'team-a')])
    result = bulk.reconcile(WIDGETS, client, [dict(id='w-1', name='team-renamed', size=2)],
                            bulk.Options(prune=True, prune_prefix='team-'))
    assert result['updated'] == ['team-renamed'] and result['deleted'] == []


def test_two_elements_naming_one_widget_fail_before_any_write():
    client = FakeClient(widgets=[stored_widget('w-1', 'a')])
    with pytest.raises(ObjectLookupError) as caught:
        bulk.reconcile(WIDGETS, client, [dict(id='w-1', size=3, source='w/one.yml'), widget('a', size=4)])
    assert caught.value.message == ('widgets[0] and widgets[1] both name widget w-1 (widgets[0] from w/one.yml, '
                                    "widgets[1] 'a'); nothing was written")
    assert client.requests == [search('widgets')]


def test_an_id_not_listed_is_read_and_an_unknown_one_fails_alone():
    client = FakeClient(widgets=[stored_widget('w-1', 'a'), stored_widget('w-2', 'b')])
    client.unlisted.add('w-2')  # stored, but the search does not show it (yet)
    with pytest.raises(bulk.BulkReconcileError) as caught:
        bulk.reconcile(WIDGETS, client, [dict(id='w-2', size=3), dict(id='w-9', size=3)])
    details = caught.value.details
    assert details['updated'] == ['w-2'] and client.objects('widgets')[1]['size'] == 3  # named by its id
    assert details['errors'] == [{'widget': "widgets[1] 'w-9'", 'msg': "no widget with id 'w-9' in tenant client_1; to "
                                                                       "create a widget give its name and no id"}]
    assert sorted(object_reads(client, 'widgets')) == [('GET', '/widgets/w-2', None), ('GET', '/widgets/w-9', None)]
    assert [entry['action'] for entry in details['widget_results']] == ['updated', 'failed']


# ---------------------------------------------------------------------------------------------------- failures

def test_a_refused_authentication_stops_the_elements_not_yet_attempted():
    client = FakeClient(widgets=[stored_widget('w-1', 'a'), stored_widget('w-2', 'b')])
    client.fail(('POST', '/widgets/w-1'), AuthenticationError('OpsRamp refused the token'))
    with pytest.raises(bulk.BulkReconcileError) as caught:
        bulk.reconcile(WIDGETS, client, [widget('a', size=3), widget('b', size=3)], bulk.Options(workers=1))
    assert caught.value.details['errors'] == [
        {'widget': "widgets[0] 'a'", 'msg': 'OpsRamp refused the token'},
        {'widget': "widgets[1] 'b'", 'msg': 'not attempted: an earlier widget could not authenticate'}]
    assert client.writes() == [('POST', '/widgets/w-1', None)]


def test_an_unexpected_error_is_reported_for_its_element_only():
    client = FakeClient(widgets=[stored_widget('w-1', 'a'), stored_widget('w-2', 'b')])
    client.fail(('POST', '/widgets/w-1'), KeyError('body'))
    with pytest.raises(bulk.BulkReconcileError) as caught:
        bulk.reconcile(WIDGETS, client, [widget('a', size=3), widget('b', size=3)])
    details = caught.value.details
    assert details['errors'] == [{'widget': "widgets[0] 'a'", 'msg': "unexpected error: KeyError: 'body'"}]
    assert details['updated'] == ['b'] and details['changed'] is True
    assert [entry['action'] for entry in details['widget_results']] == ['failed', 'updated']
    assert details['widget_results'][0]['msg'] == "unexpected error: KeyError: 'body'"


def test_the_failure_message_shows_the_first_errors_and_counts_the_rest():
    client = FakeClient()
    client.fail(('POST', '/widgets'), ApiError('OpsRamp API error 400', status=400))
    specs = [widget('w%02d' % number) for number in range(bulk.MAX_ERRORS_IN_MESSAGE + 2)]
    with pytest.raises(bulk.BulkReconcileError) as caught:
        bulk.reconcile(WIDGETS, client, specs)
    message = caught.value.message
    assert message.startswith('22 of 22 widgets failed (the others were reconciled; ')
    assert "widgets[19] 'w19': OpsRamp API error 400; and 2 more (see errors)" in message and 'w20' not in message
    assert len(caught.value.details['errors']) == 22 and client.objects('widgets') == []


def test_a_check_run_says_checked():
    client = FakeClient(widgets=[stored_widget('w-1', 'a')])
    with pytest.raises(bulk.BulkReconcileError) as caught:
        bulk.reconcile(WIDGETS, client, [widget('a', size=3), dict(id='w-9', size=1)], bulk.Options(check_mode=True))
    assert caught.value.message.startswith('1 of 2 widgets failed (the others were checked; ')
    assert caught.value.details['updated'] == ['a'] and client.writes() == []


def test_two_diffs_for_one_name_are_told_apart_by_id():
    client = FakeClient(widgets=[stored_widget('w-1', 'old')])
    result = bulk.reconcile(WIDGETS, client, [dict(widget('dup'), id='w-1'), widget('dup')],
                            bulk.Options(check_mode=True, want_diff=True))
    assert sorted(result['diffs']) == ['dup', 'dup (id new)']
    assert [entry['after_header'] for entry in result['diff']] == ["widget 'dup'", "widget 'dup (id new)'"]
    assert result['diffs']['dup']['after']['name'] == 'dup' and result['diffs']['dup (id new)']['before'] == {}


# ---------------------------------------------------------------------------------------------------- concurrent runs

def test_the_copies_of_concurrent_runs_are_settled_in_one_search():
    client = RacingClient(widgets=[stored_widget('w-1', 'a')])
    result = bulk.reconcile(WIDGETS, client, [widget('a'), widget('b'), widget('c')], bulk.Options(workers=1))
    assert result['created'] == ['b', 'c'] and result['unchanged'] == ['a']
    assert [entry['id'] for entry in result['widget_results']] == ['w-1', 'other-1', 'other-2']
    assert client.made('GET').count(search('widgets', oldest='first')) == 1
    assert sorted(client.made('DELETE')) == [('DELETE', '/widgets/new-b', None), ('DELETE', '/widgets/new-c', None)]
    assert sorted(widget['id'] for widget in client.objects('widgets')) == ['other-1', 'other-2', 'w-1']
    assert len(client.warnings) == 2 and all('differs from this task in size' in text for text in client.warnings)


def test_a_copy_that_cannot_be_deleted_fails_its_element():
    client = RacingClient()
    client.fail(('DELETE', '/widgets/new-b'), ApiError('OpsRamp API error 403', status=403))
    with pytest.raises(bulk.BulkReconcileError) as caught:
        bulk.reconcile(WIDGETS, client, [widget('a'), widget('b')], bulk.Options(workers=1))
    details = caught.value.details
    assert details['created'] == ['a']
    assert [entry['id'] for entry in details['widget_results']] == ['other-1', 'other-2']
    assert details['errors'] == [{'widget': "widgets[1] 'b'", 'msg': (
        "another run working at the same time created widget 'b' too, first (id other-2); deleting this run's copy "
        "(id new-b) failed (OpsRamp API error 403): delete it in OpsRamp and keep other-2")}]


def test_check_mode_settles_nothing():
    client = RacingClient()
    result = bulk.reconcile(WIDGETS, client, [widget('a')], bulk.Options(check_mode=True))
    assert result['created'] == ['a'] and client.requests == [search('widgets')]


# ---------------------------------------------------------------------------------------------------- refused deletions

@pytest.mark.parametrize('check_mode', [False, True], ids=['run', 'check'])
def test_a_deletion_opsramp_would_refuse_fails_alone_before_its_write(check_mode):
    client = FakeClient(widgets=[stored_widget('w-1', 'a', locked=True), stored_widget('w-2', 'b'),
                                 stored_widget('w-3', 'team-x', locked=True), stored_widget('w-4', 'c')])
    with pytest.raises(bulk.BulkReconcileError) as caught:
        bulk.reconcile(WIDGETS, client, [dict(name='a', state='absent'), dict(name='b', state='absent')],
                       bulk.Options(prune=True, prune_prefix='team-', check_mode=check_mode))
    details = caught.value.details
    assert details['deleted'] == ['b'] and [error['widget'] for error in details['errors']] == [
        "widgets[0] 'a'", "prune 'team-x' (id w-3)"]
    assert details['errors'][0]['msg'] == "widget 'a' (id w-1) is locked: OpsRamp refuses to delete it"
    assert client.writes() == ([] if check_mode else [('DELETE', '/widgets/w-2', None)])


# ---------------------------------------------------------------------------------------------------- scoped names
# Widgets of SHAPED_WIDGETS have names unique within their shape only, as an RBA script's name is within its category.

def test_one_name_in_two_scopes_is_two_objects():
    square = {'shape': 'SQUARE'}
    client = FakeClient(widgets=[stored_widget('w-1', 'a'), stored_widget('w-2', 'a', look=square),
                                 stored_widget('w-3', 'team-a', look=square), stored_widget('w-4', 'b', look=square),
                                 stored_widget('w-5', 'b')])
    result = bulk.reconcile(SHAPED_WIDGETS, client, [
        widget('a', size=3), widget('a', shape='square', size=4, vault=dict(hint='h')),
        widget('b', shape='square', state='absent'), widget('team-a', size=5)],
        bulk.Options(prune=True, prune_prefix='team-'))
    assert [(entry['action'], entry['id']) for entry in result['widget_results']] == [
        ('updated', 'w-1'), ('updated', 'w-2'), ('deleted', 'w-4'), ('created', 'new-team-a'), ('deleted', 'w-3')]
    assert object_reads(client, 'widgets')[0] == ('GET', '/widgets/w-2', None)  # the full read of the square 'a'
    assert sorted((widget['id'], widget['size']) for widget in client.objects('widgets')) == [
        ('new-team-a', 5), ('w-1', 3), ('w-2', 4), ('w-5', 2)]


def test_one_name_twice_in_one_scope_is_refused_before_any_request():
    client = FakeClient()
    with pytest.raises(ValidationError) as caught:
        bulk.reconcile(SHAPED_WIDGETS, client, [widget('a'), widget('a', shape='square'), widget('a', shape='square')])
    assert caught.value.option == 'widgets[2].name'
    assert caught.value.message == ("widgets[2].name: 'a' is also the name of widgets[1]; each widget may appear once "
                                    "in the list")
    assert client.requests == []
