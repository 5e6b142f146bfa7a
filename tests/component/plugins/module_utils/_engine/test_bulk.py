# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The bulk reconcile of opsramp_jobs over real HTTP against the OpsRamp simulator: what it decides, what the server
ends up holding, and how many requests reached it."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
import time

import pytest

from ansible_collections.opsramp.automation.plugins.module_utils._engine import bulk
from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import (
    ObjectLookupError,
    ResourceLookupError,
    ValidationError,
)
from ansible_collections.opsramp.automation.plugins.module_utils._jobs.adapter import JOBS

START = '2026-01-01T02:00:00+0000'


def spec(name, **options):
    """A job element as Ansible would pass it (unset options are None, state defaults to present)."""
    params = dict(name=name, job_type='adCheckList', schedule=dict(type='daily', frequency='everyday', start_date=START))
    params.update(options)
    return params


def seed(sim, params):
    """Store the job ``params`` declare, exactly as a previous run of the module would have left it."""
    [full] = bulk.validated(JOBS, [params])
    now = datetime.datetime.now(datetime.timezone.utc)
    return sim.control.seed_job(JOBS.payload(None, JOBS.wanted(full), now), tenant='client_1')


def seed_raw(sim, name, **fields):
    job = dict(name=name, script={'jobType': 'adCheckList'}, schedule={'startDate': START, 'pattern': {'type': 'never'}})
    job.update(fields)
    return sim.control.seed_job(job, tenant='client_1')


def stored(sim):
    return dict((job['name'], job) for job in sim.control.jobs())


def reads_by_id(log):
    return [e for e in log(kind='read') if not e['path'].endswith('/search')]


# ----------------------------------------------------------------------------------------------- validation


@pytest.mark.parametrize('jobs, option', [
    ([spec('a'), spec('b', schedule=dict(type='weekly'))], 'jobs[1].schedule.week_days'),
    ([spec('a', schedule=dict(type='monthly', days_of_month=[32]))], 'jobs[0].schedule.days_of_month'),
    ([spec('a'), dict(job_type='adCheckList')], 'jobs[1].name'),
    ([spec('a', job_type='adCheckList', network_backup=dict(backup_on_trap=True))], 'jobs[0].network_backup'),
    ([spec('a', state='gone')], 'jobs[0].state'),
    ([spec('a'), spec('b'), spec('a', state='absent')], 'jobs[2].name'),
    ([dict(id='x', state='absent'), dict(id='x', name='y', state='absent')], 'jobs[1].id'),
], ids=['weekly-without-days', 'day-32', 'no-name', 'option-of-another-type', 'bad-state', 'duplicate-name',
        'duplicate-id'])
def test_bad_input_fails_before_any_request_naming_the_element(sim, make_client, log, jobs, option):
    with pytest.raises(ValidationError) as info:
        bulk.reconcile(JOBS, make_client(), jobs)
    assert info.value.option == option
    assert info.value.message.startswith(option)
    assert log() == []


@pytest.mark.parametrize('options, option', [
    (dict(workers=0), 'workers'), (dict(workers=17), 'workers'), (dict(workers=True), 'workers'),
    (dict(prune=True), 'prune_prefix'), (dict(prune=True, prune_prefix='  '), 'prune_prefix'),
])
def test_bad_task_options_fail_before_any_request(sim, make_client, log, options, option):
    with pytest.raises(ValidationError) as info:
        bulk.reconcile(JOBS, make_client(), [spec('a')], bulk.Options(**options))
    assert info.value.option == option and log() == []


def test_a_missing_create_option_is_a_job_error_naming_the_element(sim, make_client):
    with pytest.raises(bulk.BulkReconcileError) as info:
        bulk.reconcile(JOBS, make_client(), [spec('a'), dict(name='b', job_type='adCheckList', source='jobs/b.yml')])
    details = info.value.details
    assert details['created'] == ['a']
    message = "jobs[1].schedule: required to create the job, which does not exist yet (jobs[1] 'b' from jobs/b.yml)"
    assert details['errors'] == [dict(job="jobs[1] 'b' from jobs/b.yml", msg=message)]
    assert list(stored(sim)) == ['a']


@pytest.mark.parametrize('jobs, message', [
    ([spec('a', source='jobs/a.yml'), spec('b', schedule=dict(type='weekly'), source='jobs/b.yml')],
     "jobs[1].schedule.week_days: required when schedule.type is weekly (jobs[1] 'b' from jobs/b.yml)"),
    ([spec('a'), spec('b', schedule=dict(type='weekly'))],
     "jobs[1].schedule.week_days: required when schedule.type is weekly (jobs[1] 'b')"),
    ([dict(job_type='adCheckList', source='jobs/nameless.yml')],
     'jobs[0].name: name or id is required to find the job (jobs[0] from jobs/nameless.yml)'),
    ([spec('a', source='jobs/a.yml'), spec('a', source='jobs/a-again.yml')],
     "jobs[1].name: 'a' is also the name of jobs[0]; each job may appear once in the list "
     "(jobs[1] 'a' from jobs/a-again.yml, jobs[0] 'a' from jobs/a.yml)"),
], ids=['name-and-source', 'name-only', 'source-only', 'duplicate-name'])
def test_a_validation_message_names_the_element_and_where_it_comes_from(sim, make_client, log, jobs, message):
    with pytest.raises(ValidationError) as info:
        bulk.reconcile(JOBS, make_client(), jobs)
    assert info.value.message.startswith(info.value.option)
    assert info.value.message == message
    assert log() == []


def test_the_source_is_never_sent_nor_compared(sim, make_client, log):
    bulk.reconcile(JOBS, make_client(), [spec('a', source='jobs/a.yml')])
    assert 'jobs/a.yml' not in repr(log(kind='write')) and 'jobs/a.yml' not in repr(sim.control.jobs())
    result = bulk.reconcile(JOBS, make_client(), [spec('a', source='elsewhere/a.yml')])
    assert result['unchanged'] == ['a'] and result['job_results'][0]['changes'] == []


# ----------------------------------------------------------------------------------------------- matching


def test_a_name_several_jobs_share_fails_before_any_write(sim, make_client, log):
    first, second = seed_raw(sim, 'dup')['id'], seed_raw(sim, 'dup')['id']
    with pytest.raises(ObjectLookupError) as info:
        bulk.reconcile(JOBS, make_client(), [spec('new one'), spec('dup', source='jobs/dup.yml')])
    assert info.value.message == ("jobs[1]: 2 jobs are named 'dup' (ids %s, %s); give jobs[1].id to choose one "
                                  "(jobs[1] 'dup' from jobs/dup.yml); nothing was written" % (first, second))
    assert not log(kind='write') and len(log(kind='read')) == 1


def test_an_id_chooses_among_jobs_that_share_a_name(sim, make_client, log):
    seed_raw(sim, 'dup')
    chosen = seed_raw(sim, 'dup')['id']
    result = bulk.reconcile(JOBS, make_client(), [spec('dup', id=chosen)])
    assert result['updated'] == ['dup'] and result['job_results'][0]['id'] == chosen
    assert [w['path'].rsplit('/', 1)[1] for w in log(kind='write')] == [chosen]


def test_elements_that_give_ids_may_share_a_name(sim, make_client, log):
    first, second = seed_raw(sim, 'dup')['id'], seed_raw(sim, 'dup')['id']
    result = bulk.reconcile(JOBS, make_client(), [spec('dup', id=first), spec('dup', id=second)])
    assert [entry['id'] for entry in result['job_results']] == [first, second]
    assert result['updated'] == ['dup', 'dup'] and len(log(kind='write')) == 2


def test_two_elements_naming_one_job_fail_before_any_write(sim, make_client, log):
    job_id = seed_raw(sim, 'a')['id']
    with pytest.raises(ObjectLookupError) as info:
        bulk.reconcile(JOBS, make_client(), [spec('a'), spec('renamed', id=job_id, source='jobs/renamed.yml')])
    assert info.value.message == ("jobs[0] and jobs[1] both name job %s (jobs[0] 'a', jobs[1] 'renamed' from "
                                  "jobs/renamed.yml); nothing was written" % job_id)
    assert not log(kind='write')


def test_each_entity_name_of_the_list_is_searched_once_before_the_jobs(sim, make_client, log):
    sim.control.seed_resources([{'id': 'r-1', 'name': 'core-sw-01'}, {'id': 'r-2', 'name': 'core-sw-02'}])
    declared = [spec('a', entities=[dict(name='core-sw-01', type='DEVICE')]),
                spec('b', entities=[dict(name='core-sw-02', type='DEVICE'), dict(name='core-sw-01', type='DEVICE')])]
    result = bulk.reconcile(JOBS, make_client(), declared, bulk.Options(workers=2))
    assert result['created'] == ['a', 'b']
    held = stored(sim)
    assert [e['resource']['id'] for e in held['a']['entities']] == ['r-1']
    assert sorted(e['resource']['id'] for e in held['b']['entities']) == ['r-1', 'r-2']
    lookups = log(path='/resources/search')
    assert sorted(e['query']['queryString'] for e in lookups) == ['resourceName:core-sw-01', 'resourceName:core-sw-02']
    first_job_request = min(e['seq'] for e in log(path='/jobs'))
    assert all(e['seq'] < first_job_request for e in lookups)


def test_an_entity_name_that_finds_nothing_fails_before_any_job_request(sim, make_client, log):
    sim.control.seed_resources([{'id': 'r-1', 'name': 'core-sw-01'}])
    declared = [spec('a', entities=[dict(name='nowhere', type='DEVICE')]),
                spec('b', entities=[dict(name='core-sw-01', type='DEVICE')]),
                spec('c', entities=[dict(host_name='gone.example.net', type='DEVICE')])]
    with pytest.raises(ResourceLookupError) as info:
        bulk.reconcile(JOBS, make_client(), declared)
    assert info.value.message == (
        "jobs[0].entities[0]: no resource has the name 'nowhere' in tenant client_1; jobs[2].entities[0]: no resource "
        "has the host name 'gone.example.net' in tenant client_1; nothing was written")
    assert len(log(path='/resources/search')) == 3 and not log(path='/jobs') and sim.control.jobs() == []


# ----------------------------------------------------------------------------------------------- the reconcile


def test_create_update_delete_and_unchanged_in_one_run(sim, make_client, log):
    seed(sim, spec('same'))
    seed(sim, spec('edit'))
    seed(sim, spec('drop'))
    result = bulk.reconcile(JOBS, make_client(), [
        spec('new'), spec('same'), spec('edit', schedule=dict(type='weekly', week_days=['Monday'])),
        dict(name='drop', state='absent'), dict(name='never existed', state='absent')])
    assert (result['created'], result['updated'], result['deleted'], result['unchanged']) == (
        ['new'], ['edit'], ['drop'], ['same', 'never existed'])
    assert result['changed'] is True and result['errors'] == []
    actions = [entry['action'] for entry in result['job_results']]
    assert actions == ['created', 'unchanged', 'updated', 'deleted', 'unchanged']
    held = stored(sim)
    assert sorted(held) == ['edit', 'new', 'same']
    assert held['edit']['schedule']['pattern'] == {'type': 'weekly', 'weekDays': 'Monday'}
    assert len(log(kind='write')) == 3 and len(log(kind='token')) == 1


def test_a_converged_run_reads_the_list_once_and_only_the_jobs_search_cannot_decide(sim, make_client, log):
    with_entities = [spec('e%d' % n, entities=[dict(id='dev-%d' % n, type='DEVICE')]) for n in range(3)]
    with_parameters = [spec('c', job_type='custom', custom_script=dict(id='7', parameters=[dict(id='1', value='x')]))]
    plain = [spec('p%d' % n) for n in range(4)]
    for params in with_entities + with_parameters + plain:
        seed(sim, params)
    client = make_client()
    result = bulk.reconcile(JOBS, client, with_entities + with_parameters + plain)
    assert result['changed'] is False and len(result['unchanged']) == 8
    assert len(log(kind='token')) == 1 and not log(kind='write')
    assert len([e for e in log(kind='read') if e['path'].endswith('/search')]) == 1
    by_id = sorted(e['path'].rsplit('/', 1)[1] for e in reads_by_id(log))
    assert by_id == sorted(stored(sim)[name]['id'] for name in ('e0', 'e1', 'e2', 'c'))


def test_listing_uses_the_largest_pages(sim, make_client, log):
    for number in range(501):
        seed_raw(sim, 'job %03d' % number)
    bulk.reconcile(JOBS, make_client(), [spec('job 000', schedule=dict(type='never', start_date=START))])
    searches = [e['query'] for e in log(kind='read') if e['path'].endswith('/search')]
    assert [(q['pageNo'], q['pageSize']) for q in searches] == [('1', '500'), ('2', '500')]


def test_full_reads_overlap_the_listing_and_pages_after_the_first_go_concurrently(sim, make_client, log):
    declared = [spec('j%02d' % n, entities=[dict(id='dev-%d' % n, type='DEVICE')]) for n in range(12)]
    for params in declared:
        seed(sim, params)
    sim.control.configure(max_page_size=2, latency_ms=40)
    result = bulk.reconcile(JOBS, make_client(), declared + [spec('not-listed-yet')],
                            bulk.Options(workers=4, check_mode=True))
    assert len(result['unchanged']) == 12 and result['created'] == ['not-listed-yet']
    reads = sorted(log(kind='read'), key=lambda entry: entry['seq'])
    last_page = max(index for index, entry in enumerate(reads) if entry['path'].endswith('/search'))
    assert any(not entry['path'].endswith('/search') for entry in reads[:last_page])  # a GET before the last page
    assert len(reads) == 6 + 12 and not log(kind='write')  # every page and every job read once
    assert sim.control.stats()['max_in_flight'] > 2


def test_an_update_decided_from_the_search_result_keeps_what_the_search_leaves_out(sim, make_client, log):
    job_id = seed_raw(sim, 'kept', entities=[{'resource': {'id': 'dev-1', 'type': 'DEVICE'}}])['id']
    result = bulk.reconcile(JOBS, make_client(), [spec('kept', queued=True)])  # entities not managed
    assert result['updated'] == ['kept']
    assert [e['path'].rsplit('/', 1)[1] for e in reads_by_id(log)] == [job_id]  # read in full before the write
    assert stored(sim)['kept']['entities'] == [{'resource': {'id': 'dev-1', 'type': 'DEVICE'}}]


def test_an_empty_entity_list_is_compared_with_the_full_job(sim, make_client):
    seed_raw(sim, 'emptied', entities=[{'resource': {'id': 'dev-1', 'type': 'DEVICE'}}])
    result = bulk.reconcile(JOBS, make_client(), [spec('emptied', schedule=dict(type='never', start_date=START),
                                                       entities=[])])
    assert result['updated'] == ['emptied'] and result['job_results'][0]['changes'] == ['entities']
    assert not stored(sim)['emptied'].get('entities')


def test_check_mode_predicts_and_writes_nothing(sim, make_client, log):
    seed(sim, spec('edit'))
    seed(sim, spec('team-old'))
    result = bulk.reconcile(JOBS, make_client(), [spec('new'), spec('edit', queued=True)], bulk.Options(
        prune=True, prune_prefix='team-', check_mode=True, want_diff=True))
    assert (result['created'], result['updated'], result['deleted']) == (['new'], ['edit'], ['team-old'])
    assert result['job_results'][0]['id'] is None
    assert sorted(result['diffs']) == ['edit', 'new', 'team-old']
    assert result['diffs']['edit']['before']['queued'] is False and result['diffs']['edit']['after']['queued'] is True
    assert result['diffs']['team-old']['after'] == {}
    assert [d['before_header'] for d in result['diff']] == ["job 'new'", "job 'edit'", "job 'team-old'"]
    assert not log(kind='write') and sorted(stored(sim)) == ['edit', 'team-old']


def test_diffs_leave_out_unchanged_jobs_and_hide_secrets(sim, make_client):
    secret = spec('s', job_type='custom',
                  custom_script=dict(id='7', parameters=[dict(id='1', value='hunter2', sensitive=True)]))
    seed(sim, spec('same'))
    result = bulk.reconcile(JOBS, make_client(), [spec('same'), secret], bulk.Options(want_diff=True))
    assert list(result['diffs']) == ['s'] and len(result['diff']) == 1
    assert result['diffs']['s']['after']['custom_script']['parameters'] == [{'id': '1', 'value': '********'}]
    assert 'hunter2' not in repr(result)


# ----------------------------------------------------------------------------------------------- prune


def test_prune_deletes_only_unlisted_jobs_with_the_prefix(sim, make_client, recorder):
    for name in ('team-keep', 'team-gone', 'team-gone-too', 'other-team-job', 'TEAM-upper', 'team'):
        seed(sim, spec(name))
    renamed = seed(sim, spec('team-before-rename'))['id']
    result = bulk.reconcile(JOBS, make_client(), [spec('team-keep'), spec('team-after-rename', id=renamed),
                                                  spec('outside')], bulk.Options(prune=True, prune_prefix='team-'))
    assert result['deleted'] == ['team-gone', 'team-gone-too']
    assert result['updated'] == ['team-after-rename'] and result['created'] == ['outside']
    assert sorted(stored(sim)) == ['TEAM-upper', 'other-team-job', 'outside', 'team', 'team-after-rename',
                                   'team-keep']
    assert recorder.warnings == ["1 jobs of the list do not start with prune_prefix 'team-', so prune will not "
                                 "delete them once they leave the list: jobs[2] 'outside'"]


def test_prune_of_an_empty_list_deletes_every_job_with_the_prefix(sim, make_client):
    for name in ('team-a', 'team-b', 'other'):
        seed(sim, spec(name))
    result = bulk.reconcile(JOBS, make_client(), [], bulk.Options(prune=True, prune_prefix='team-'))
    assert result['deleted'] == ['team-a', 'team-b'] and list(stored(sim)) == ['other']


def test_an_empty_list_without_prune_sends_nothing(sim, make_client, log):
    assert bulk.reconcile(JOBS, make_client(), [])['changed'] is False
    assert log() == []


# ----------------------------------------------------------------------------------------------- failures


def test_a_failing_job_does_not_lose_the_others_and_a_rerun_converges(sim, make_client, log):
    for name in ('u0', 'u1', 'u2', 'u3'):
        seed(sim, spec(name))
    failing = stored(sim)['u2']['id']
    sim.control.add_faults([dict(method='POST', path='/jobs/%s$' % failing, action='status', status=500,
                                 body={'code': '0001', 'message': 'internal error'})])
    declared = [spec('new')] + [spec(name, queued=True) for name in ('u0', 'u1', 'u2', 'u3')]
    with pytest.raises(bulk.BulkReconcileError) as info:
        bulk.reconcile(JOBS, make_client(), declared)
    error = info.value
    assert error.message.startswith("1 of 5 jobs failed (the others were reconciled; see created, updated, deleted "
                                    "and unchanged): jobs[3] 'u2': OpsRamp API error 500 on POST")
    assert error.details['created'] == ['new'] and error.details['updated'] == ['u0', 'u1', 'u3']
    assert error.details['changed'] is True
    assert [e['job'] for e in error.details['errors']] == ["jobs[3] 'u2'"]
    assert error.details['job_results'][3]['action'] == 'failed'
    assert error.to_fail_kwargs()['created'] == ['new']

    sim.control.clear_faults()
    sim.control.clear_requests()
    rerun = bulk.reconcile(JOBS, make_client(), declared)
    assert rerun['updated'] == ['u2'] and rerun['unchanged'] == ['new', 'u0', 'u1', 'u3']
    assert len(log(kind='write')) == 1 and len(sim.control.jobs()) == 5


def test_a_create_stored_despite_a_5xx_is_not_created_twice(sim, make_client, recorder):
    sim.control.add_faults([dict(method='POST', path='/jobs$', action='status_after_apply', status=500, after=1)])
    declared = [spec('c%d' % n) for n in range(4)]
    result = bulk.reconcile(JOBS, make_client(), declared, bulk.Options(workers=1))
    assert result['created'] == ['c0', 'c1', 'c2', 'c3']
    assert sorted(stored(sim)) == ['c0', 'c1', 'c2', 'c3'] and len(sim.control.jobs()) == 4
    assert len(recorder.warnings) == 1 and 'the job was stored; using it' in recorder.warnings[0]


def test_an_authentication_failure_stops_the_jobs_not_yet_started(sim, make_client, log):
    for number in range(12):
        seed(sim, spec('j%d' % number, entities=[dict(id='dev', type='DEVICE')]))
    sim.control.add_faults([dict(method='GET', path='/jobs/(?!search)[^/]+$', action='status', status=401, times=0,
                                 body={'error': 'invalid_token', 'error_description': 'Invalid access token'})])
    with pytest.raises(bulk.BulkReconcileError) as info:
        bulk.reconcile(JOBS, make_client(), [spec('j%d' % n, entities=[dict(id='dev', type='DEVICE')])
                                             for n in range(12)], bulk.Options(workers=2))
    errors = info.value.details['errors']
    assert len(errors) == 12
    assert sum(e['msg'] == 'not attempted: an earlier job could not authenticate' for e in errors) >= 10
    assert len(reads_by_id(log)) <= 4  # at most one attempt (and its retry with a fresh token) per worker


# ----------------------------------------------------------------------------------------------- concurrency


def test_reads_fan_out_over_the_workers_with_one_token(sim, make_client, log):
    declared = [spec('j%d' % n, entities=[dict(id='dev', type='DEVICE')]) for n in range(16)]
    for params in declared:
        seed(sim, params)
    sim.control.configure(latency_ms=50)
    result = bulk.reconcile(JOBS, make_client(), declared, bulk.Options(workers=4))
    assert len(result['unchanged']) == 16
    assert sim.control.stats()['max_in_flight'] == 4  # bounded by the pool, and reached
    assert len(log(kind='token')) == 1 and len(log(kind='read')) == 17


def test_pacing_keeps_concurrent_workers_within_the_rate_limit(sim, make_client, log):
    declared = [spec('j%02d' % n, entities=[dict(id='dev', type='DEVICE')]) for n in range(24)]
    for params in declared:
        seed(sim, params)
    sim.control.configure(read_limit=10, rate_window_seconds=1, latency_ms=20)
    client = make_client(sleep=time.sleep)
    result = bulk.reconcile(JOBS, client, declared, bulk.Options(workers=4))
    assert len(result['unchanged']) == 24
    assert sim.control.stats()['throttled'] == 0  # no 429: the workers waited for the next window instead
    assert len(log(kind='read')) == 25 and client.stats['waits'] >= 2


# ----------------------------------------------------------------------------------------------- concurrent runs


def searches(log):
    return [e['query'] for e in log(kind='read') if e['path'].endswith('/search')]


def test_creates_cost_one_more_search_for_the_whole_list(sim, make_client, log, recorder):
    seed(sim, spec('same'))
    result = bulk.reconcile(JOBS, make_client(), [spec('new-%d' % n) for n in range(3)] + [spec('same')])
    assert sorted(result['created']) == ['new-0', 'new-1', 'new-2'] and result['unchanged'] == ['same']
    listing, check = searches(log)
    assert 'sortName' not in listing
    assert (check['sortName'], check['isDescendingOrder']) == ('id', 'false') and 'queryString' not in check
    assert [e['method'] for e in log(kind='write')] == ['POST'] * 3 and recorder.warnings == []
    assert dict((e['name'], e['id']) for e in result['job_results']) == dict(
        (name, job['id']) for name, job in stored(sim).items())


def test_a_run_that_creates_nothing_does_not_check(sim, make_client, log):
    seed(sim, spec('same'))
    bulk.reconcile(JOBS, make_client(), [spec('same')])
    assert len(searches(log)) == 1


def test_a_copy_another_run_created_first_stays_and_is_reported(sim, make_client, log, recorder):
    """Another run creates 'new' while this run's listing answer is on its way: this run creates it too, then
    deletes its own copy and reports the other."""
    sim.control.add_faults([dict(method='GET', path='/search$', action='delay_after_apply', seconds=1, times=1)])
    watcher = sim.control.when_faults_fired(lambda: seed(sim, spec('new')))
    result = bulk.reconcile(JOBS, make_client(), [spec('new'), spec('other')])
    watcher.join()
    held = sim.control.jobs()
    assert sorted(job['name'] for job in held) == ['new', 'other']
    survivor = [job['id'] for job in held if job['name'] == 'new']
    assert [e['id'] for e in result['job_results'] if e['name'] == 'new'] == survivor
    assert sorted(result['created']) == ['new', 'other'] and result['changed'] is True
    assert [e['method'] for e in log(kind='write')] == ['POST', 'POST', 'DELETE']
    [warning] = recorder.warnings
    assert "job 'new'" in warning and 'created it too' in warning and survivor[0] in warning


def test_a_failed_delete_of_the_own_copy_fails_that_job(sim, make_client, recorder):
    sim.control.add_faults([dict(method='GET', path='/search$', action='delay_after_apply', seconds=1, times=1),
                            dict(method='DELETE', path='/jobs/', action='status', status=403, times=0,
                                 body={'error': 'access_denied'})])
    watcher = sim.control.when_faults_fired(lambda: seed(sim, spec('new')))
    with pytest.raises(bulk.BulkReconcileError) as info:
        bulk.reconcile(JOBS, make_client(), [spec('new')])
    watcher.join()
    [entry] = info.value.details['job_results']
    assert entry['action'] == 'failed' and 'delete it in OpsRamp' in entry['msg']
    assert len(sim.control.jobs()) == 2
