# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fault injection through the real modules: ansible-playbook against the simulator, one fault per case.

Each case checks the task result, what the simulator holds afterwards, and the requests that reached it (recorded per
task by the reliability_record callback). Most cases then run the same task again, without the fault, to show that a
rerun converges without creating a second job. The outcome table is in docs/reliability.md.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import re
import time
import uuid

import pytest

from conftest import secrets_of
from reliability_support import JOBS_PATH, assert_no_secret, job_task, when_fault_fires

SEARCH = r'/jobs/search$'
CREATE = r'/jobs$'
ONE_JOB = r'/jobs/[0-9a-f-]{36}$'
API = r'^/api/v2/'
TOKEN = r'oauth/token$'

JOB = dict(
    name='rel-backup',
    job_type='networkconfigbackup',
    entities=[{'id': 'sw-1'}],
    schedule={'type': 'daily', 'frequency': 'everyday', 'start_date': '2030-01-01T02:00Z'},
    network_backup={'versions_saved': 'all_versions', 'backup_on_trap': True},
)
UPDATED = dict(copy.deepcopy(JOB), network_backup={'versions_saved': 'version_with_changes', 'backup_on_trap': True})
STORED = {
    'name': 'rel-backup',
    'jobQueued': False,
    'entities': [{'resource': {'id': 'sw-1', 'type': 'DEVICE'}}],
    'script': {'jobType': 'networkconfigbackup', 'configParams': {'versionsSaved': 'ALL_VERSIONS', 'backUpTrigger': True}},
    'schedule': {'startDate': '2030-01-01T02:00:00+0000', 'pattern': {'type': 'daily', 'frequency': 'everyday'}},
}


def fault(sim, **rule):
    sim.control.add_faults([rule])


def seed(sim, **changes):
    job = copy.deepcopy(STORED)
    job.update(changes)
    return sim.control.seed_job(job)


def stored(sim):
    return sim.control.jobs()


def names(sim):
    return sorted(job['name'] for job in stored(sim))


def versions_saved(sim):
    return [job['script']['configParams']['versionsSaved'] for job in stored(sim)]


def succeeded(result, changed=None):
    assert not result.get('failed'), result.get('msg')
    if changed is not None:
        assert result['changed'] is changed, result
    return result


def failed(result, *patterns):
    assert result.get('failed') is True, result
    for pattern in patterns:
        assert re.search(pattern, result['msg']), result['msg']
    assert 'Traceback' not in result['msg'] and 'module_stderr' not in result, result
    assert result.get('exception', '(traceback unavailable)') == '(traceback unavailable)', result['exception']
    return result['msg']


def statuses(entries):
    return [entry['status'] for entry in entries]


def create_and_rerun(ansible, args=None, **play):
    """The faulted run of JOB, then the same task again."""
    args = args or JOB
    return ansible.play([job_task('faulted', **args), job_task('rerun', **args)], **play)


def assert_rerun_converged(run):
    rerun = succeeded(run.result('rerun'), changed=False)
    assert run.requests('rerun', kind='write') == []
    return rerun


# ----------------------------------------------------------------------------------------------- 429 rate limits


def test_429_burst_on_reads_is_waited_out(sim, ansible):
    sim.control.configure(rate_window_seconds=2)
    fault(sim, method='GET', path=SEARCH, action='status', status=429, times=3, headers={'Retry-After': '0'})
    run = create_and_rerun(ansible)
    succeeded(run.result('faulted'), changed=True)
    # the lookup, then the one search after a create that looks for copies of concurrent runs (api-behaviour §19)
    assert statuses(run.requests('faulted', path=SEARCH)) == [429, 429, 429, 200, 200]
    assert len(run.requests('faulted', method='POST', path=CREATE)) == 1
    assert_rerun_converged(run)
    assert names(sim) == ['rel-backup']


def test_429_burst_on_a_create_resends_it_once_allowed(sim, ansible):
    sim.control.configure(rate_window_seconds=2)
    fault(sim, method='POST', path=CREATE, action='status', status=429, times=2, headers={'Retry-After': '0'})
    run = create_and_rerun(ansible)
    succeeded(run.result('faulted'), changed=True)
    assert statuses(run.requests('faulted', method='POST', path=CREATE)) == [429, 429, 200]
    assert_rerun_converged(run)
    assert names(sim) == ['rel-backup']


def test_permanent_429_fails_after_the_retries(sim, ansible):
    sim.control.configure(rate_window_seconds=2)
    fault(sim, method='*', path=API, action='status', status=429, times=0, headers={'Retry-After': '0'})
    run = ansible.play([job_task('faulted', max_retries=2, **JOB)])
    failed(run.result('faulted'), r'429 Too Many Requests after 2 retries', r'GET .*/jobs/search')
    assert statuses(run.requests('faulted', kind='read')) == [429, 429, 429]
    assert run.requests('faulted', kind='write') == []
    assert stored(sim) == []


def test_429_asking_for_a_long_wait_fails_at_once(sim, ansible):
    fault(sim, method='*', path=API, action='status', status=429, times=0, headers={'Retry-After': '3600'})
    started = time.time()
    run = ansible.play([job_task('faulted', **JOB)])
    failed(run.result('faulted'), r'429 .*asked to wait 3600 s more than the 120 s allowed')
    assert len(run.requests('faulted', kind='read')) == 1
    assert time.time() - started < 60
    assert stored(sim) == []


def test_a_low_write_limit_paces_the_creates(sim, ansible):
    sim.control.configure(write_limit=2, rate_window_seconds=2)
    jobs = ['rel-paced-%d' % number for number in range(5)]
    args = copy.deepcopy(JOB)
    args['name'] = '{{ item }}'
    task = job_task('faulted', **args)
    task['loop'] = jobs
    run = ansible.play([task])
    result = succeeded(run.result('faulted'), changed=True)
    assert [item.get('failed', False) for item in result['results']] == [False] * 5
    creates = run.requests('faulted', method='POST', path=CREATE)
    assert statuses(creates).count(200) == 5
    assert names(sim) == jobs


# ----------------------------------------------------------------------------------------------- authentication


def test_token_expiry_mid_run_renews_the_token_once(sim, ansible):
    sim.control.configure(expired_token_status=407)
    seed(sim)
    fault(sim, method='GET', path=SEARCH, action='delay_after_apply', seconds=1.5)
    watcher = when_fault_fires(sim, sim.control.expire_tokens)
    run = ansible.play([job_task('faulted', **UPDATED)])
    watcher.join()
    succeeded(run.result('faulted'), changed=True)
    assert len(run.requests('faulted', kind='token')) == 2
    assert 407 in statuses(run.requests('faulted', kind='read'))
    assert versions_saved(sim) == ['VERSION_WITH_CHANGES']


AUTH_FAILURES = {
    '401': dict(status=401),
    '407': dict(status=407),
    '400-unable-to-authenticate': dict(status=400, body={'message': 'Unable to authenticate'}),
}


@pytest.mark.parametrize('answer', sorted(AUTH_FAILURES))
def test_one_auth_failure_renews_the_token_and_resends(sim, ansible, answer):
    fault(sim, method='POST', path=CREATE, action='status', times=1, **AUTH_FAILURES[answer])
    run = create_and_rerun(ansible)
    succeeded(run.result('faulted'), changed=True)
    assert len(run.requests('faulted', kind='token')) == 2
    assert statuses(run.requests('faulted', method='POST', path=CREATE)) == [AUTH_FAILURES[answer]['status'], 200]
    assert_rerun_converged(run)
    assert names(sim) == ['rel-backup']


@pytest.mark.parametrize('answer', sorted(AUTH_FAILURES))
def test_repeated_auth_failure_fails_after_one_new_token(sim, ansible, answer):
    fault(sim, method='*', path=API, action='status', times=0, **AUTH_FAILURES[answer])
    run = ansible.play([job_task('faulted', **JOB)])
    failed(run.result('faulted'), r'refused a freshly issued token \(HTTP %s' % AUTH_FAILURES[answer]['status'],
           r"client_id 'rel-client'")
    assert len(run.requests('faulted', kind='token')) == 2
    assert len(run.requests('faulted', kind='read')) == 2
    assert run.requests('faulted', kind='write') == []
    assert stored(sim) == []
    assert_no_secret(secrets_of(sim), *run.texts())


def test_wrong_client_secret_fails_at_the_token_request(sim, ansible):
    run = ansible.play([job_task('faulted', client_secret='rel-wrong-secret', **JOB)])
    failed(run.result('faulted'), r"rejected the client credentials \(client_id 'rel-client'\)", r'HTTP 401')
    assert statuses(run.requests('faulted')) == [401]
    assert 'rel-wrong-secret' not in run.output
    assert stored(sim) == []


def test_an_expired_access_token_fails_without_retrying(sim, ansible):
    token = str(uuid.uuid4())
    run = ansible.play([job_task('faulted', access_token=token, **JOB)],
                       module_defaults={'group/opsramp.automation.all': ansible.connection(client_id=None,
                                                                                           client_secret=None)})
    failed(run.result('faulted'), r'refused the access token \(HTTP 401', r'give a fresh access_token')
    assert run.requests('faulted', kind='token') == []
    assert len(run.requests('faulted')) == 1
    assert token not in run.output


def test_a_token_endpoint_503_is_retried(sim, ansible):
    fault(sim, method='POST', path=TOKEN, action='status', status=503, times=1)
    run = create_and_rerun(ansible)
    succeeded(run.result('faulted'), changed=True)
    assert statuses(run.requests('faulted', kind='token')) == [503, 200]
    assert names(sim) == ['rel-backup']


# ----------------------------------------------------------------------------------------------- transient errors on reads


TRANSIENT = {
    '502': dict(status=502),
    '503': dict(status=503),
    '504': dict(status=504),
    '500-code-0005': dict(status=500, body={'code': '0005', 'message': 'not ready'}),
}


@pytest.mark.parametrize('answer', sorted(TRANSIENT))
def test_transient_errors_on_reads_are_retried(sim, ansible, answer):
    seed(sim)
    fault(sim, method='GET', path=SEARCH, action='status', times=2, **TRANSIENT[answer])
    fault(sim, method='GET', path=ONE_JOB, action='status', times=1, **TRANSIENT[answer])
    run = ansible.play([job_task('faulted', **UPDATED)])
    succeeded(run.result('faulted'), changed=True)
    status = TRANSIENT[answer]['status']
    assert statuses(run.requests('faulted', path=SEARCH)) == [status, status, 200]
    assert statuses(run.requests('faulted', method='GET', path=ONE_JOB)) == [status, 200]
    assert len(run.requests('faulted', kind='write')) == 1
    assert versions_saved(sim) == ['VERSION_WITH_CHANGES']


def test_persistent_503_on_reads_fails_after_the_retries(sim, ansible):
    fault(sim, method='GET', path=API, action='status', status=503, times=0)
    run = ansible.play([job_task('faulted', max_retries=2, **JOB)])
    failed(run.result('faulted'), r'API error 503 on GET .*/jobs/search')
    assert statuses(run.requests('faulted', kind='read')) == [503, 503, 503]
    assert run.requests('faulted', kind='write') == []
    assert stored(sim) == []


def test_500_without_code_0005_on_a_read_is_not_retried(sim, ansible):
    fault(sim, method='GET', path=SEARCH, action='status', status=500, body={'message': 'boom'}, times=0)
    run = ansible.play([job_task('faulted', **JOB)])
    failed(run.result('faulted'), r'API error 500 on GET .*: boom')
    assert statuses(run.requests('faulted', kind='read')) == [500]
    assert stored(sim) == []


def test_info_module_reads_every_page_through_503s(sim, ansible):
    sim.control.configure(max_page_size=2)
    for number in range(5):
        seed(sim, name='rel-info-%d' % number)
    fault(sim, method='GET', path=SEARCH, action='status', status=503, after=1, times=2)
    run = ansible.play([job_task('faulted', module='opsramp.automation.opsramp_job_info')])
    result = succeeded(run.result('faulted'), changed=False)
    assert sorted(job['name'] for job in result['jobs']) == ['rel-info-%d' % n for n in range(5)]
    assert statuses(run.requests('faulted', path=SEARCH)) == [200, 503, 503, 200, 200]


def test_job_type_info_retries_500_code_0005(sim, ansible):
    fault(sim, method='GET', path=r'/jobs/types$', action='status', status=500, times=1)
    run = ansible.play([job_task('faulted', module='opsramp.automation.opsramp_job_type_info')])
    result = succeeded(run.result('faulted'), changed=False)
    assert len(result['job_types']) == 14
    assert statuses(run.requests('faulted', kind='read')) == [500, 200]


# ----------------------------------------------------------------------------------------------- writes that may have run


def test_create_answered_500_after_it_was_stored_is_not_duplicated(sim, ansible):
    fault(sim, method='POST', path=CREATE, action='status_after_apply', status=500, times=1)
    run = create_and_rerun(ansible)
    result = succeeded(run.result('faulted'), changed=True)
    assert any('the job was stored' in warning for warning in result['warnings'])
    assert result['job']['id'] == stored(sim)[0]['id']
    assert len(run.requests('faulted', kind='write')) == 1  # never re-sent
    assert_rerun_converged(run)
    assert names(sim) == ['rel-backup']


def test_create_timing_out_after_it_was_stored_is_not_duplicated(sim, ansible):
    fault(sim, method='POST', path=CREATE, action='delay_after_apply', seconds=2.5, times=1)
    run = create_and_rerun(ansible, args=dict(JOB, timeout=1))
    result = succeeded(run.result('faulted'), changed=True)
    assert any('did not answer within 1 s' in warning for warning in result['warnings'])
    assert len(run.requests('faulted', kind='write')) == 1
    assert_rerun_converged(run)
    assert names(sim) == ['rel-backup']


def test_create_timing_out_before_it_was_stored_is_not_duplicated(sim, ansible):
    """The server stores the job after the client gave up: the rerun finds it by name and does not create another."""
    fault(sim, method='POST', path=CREATE, action='delay', seconds=2.5, times=1)
    first = ansible.play([job_task('faulted', **dict(JOB, timeout=1))])
    failed(first.result('faulted'), r'did not answer within 1 s', r'no job of that name exists yet')
    sim.control.wait_until_idle()
    assert names(sim) == ['rel-backup']  # stored late
    second = ansible.play([job_task('rerun', **JOB)])
    succeeded(second.result('rerun'), changed=False)
    assert second.requests('rerun', kind='write') == []
    assert names(sim) == ['rel-backup']


@pytest.mark.parametrize('rule', [
    dict(action='reset'),
    dict(action='status', status=502),
    dict(action='status', status=500, body={'message': 'internal error'}),
], ids=['reset', '502', '500'])
def test_create_that_failed_before_storing_says_a_rerun_is_safe(sim, ansible, rule):
    fault(sim, method='POST', path=CREATE, times=1, **rule)
    run = create_and_rerun(ansible)
    failed(run.result('faulted'), r'was not created so far \(no job of that name exists yet\): it is safe to run the '
                                  r'task again')
    assert len(run.requests('faulted', kind='write')) == 1
    rerun = succeeded(run.result('rerun'), changed=True)  # the first run stored nothing: the rerun creates the job
    assert len(run.requests('rerun', method='POST', path=CREATE)) == 1
    assert names(sim) == ['rel-backup'] and stored(sim)[0]['id'] == rerun['job']['id']


@pytest.mark.parametrize('rule', [
    dict(action='reset_after_apply'),
    dict(action='bad_json', apply=True),
], ids=['reset-after-apply', 'bad-json-after-apply'])
def test_create_that_was_stored_but_answered_badly_is_recovered(sim, ansible, rule):
    fault(sim, method='POST', path=CREATE, times=1, **rule)
    run = create_and_rerun(ansible)
    result = succeeded(run.result('faulted'), changed=True)
    assert any('the job was stored' in warning for warning in result['warnings'])
    assert len(run.requests('faulted', kind='write')) == 1
    assert_rerun_converged(run)
    assert names(sim) == ['rel-backup']


def test_create_answered_with_an_empty_body_after_storing_returns_the_stored_job(sim, ansible):
    fault(sim, method='POST', path=CREATE, action='empty', apply=True, times=1)
    run = create_and_rerun(ansible)
    result = succeeded(run.result('faulted'), changed=True)
    assert result['job']['id'] == stored(sim)[0]['id']
    assert_rerun_converged(run)
    assert names(sim) == ['rel-backup']


def test_create_answered_200_with_an_empty_body_without_storing_fails(sim, ansible):
    fault(sim, method='POST', path=CREATE, action='empty', times=1)
    run = create_and_rerun(ansible)
    failed(run.result('faulted'), r'empty', r'rel-backup')
    assert len(run.requests('faulted', kind='write')) == 1
    succeeded(run.result('rerun'), changed=True)
    assert names(sim) == ['rel-backup']


@pytest.mark.parametrize('rule', [
    dict(action='status_after_apply', status=500),
    dict(action='reset_after_apply'),
    dict(action='delay_after_apply', seconds=2.5),
], ids=['500-after-apply', 'reset-after-apply', 'timeout-after-apply'])
def test_update_that_may_have_run_is_reported_and_a_rerun_converges(sim, ansible, rule):
    seed(sim)
    fault(sim, method='POST', path=ONE_JOB, times=1, **rule)
    run = ansible.play([job_task('faulted', **dict(UPDATED, timeout=1)), job_task('rerun', **UPDATED)])
    failed(run.result('faulted'), r'may or may not have been applied: running the task again will converge')
    assert len(run.requests('faulted', kind='write')) == 1
    assert_rerun_converged(run)
    assert versions_saved(sim) == ['VERSION_WITH_CHANGES']


def test_update_that_failed_is_reported_and_a_rerun_applies_it(sim, ansible):
    seed(sim)
    fault(sim, method='POST', path=ONE_JOB, action='status', status=500, times=1)
    run = ansible.play([job_task('faulted', **UPDATED)])
    failed(run.result('faulted'), r'may or may not have been applied')
    assert versions_saved(sim) == ['ALL_VERSIONS']
    rerun = ansible.play([job_task('rerun', **UPDATED)])
    succeeded(rerun.result('rerun'), changed=True)
    assert versions_saved(sim) == ['VERSION_WITH_CHANGES']


def test_delete_is_retried_on_503(sim, ansible):
    seed(sim)
    fault(sim, method='DELETE', path=ONE_JOB, action='status', status=503, times=1)
    run = create_and_rerun(ansible, args=dict(name='rel-backup', state='absent'))
    succeeded(run.result('faulted'), changed=True)
    assert statuses(run.requests('faulted', method='DELETE')) == [503, 200]
    assert_rerun_converged(run)
    assert stored(sim) == []


def test_delete_whose_answer_was_lost_is_retried_and_reported_done(sim, ansible):
    seed(sim)
    fault(sim, method='DELETE', path=ONE_JOB, action='reset_after_apply', times=1)
    run = create_and_rerun(ansible, args=dict(name='rel-backup', state='absent'))
    succeeded(run.result('faulted'), changed=True)
    assert statuses(run.requests('faulted', method='DELETE')) == [None, 404]
    assert_rerun_converged(run)
    assert stored(sim) == []


def test_delete_that_timed_out_is_retried_and_reported_done(sim, ansible):
    seed(sim)
    fault(sim, method='DELETE', path=ONE_JOB, action='delay_after_apply', seconds=2.5, times=1)
    run = create_and_rerun(ansible, args=dict(name='rel-backup', state='absent', timeout=1))
    succeeded(run.result('faulted'), changed=True)
    assert len(run.requests('faulted', method='DELETE')) == 2
    assert_rerun_converged(run)
    assert stored(sim) == []


@pytest.mark.parametrize('rule', [
    dict(action='status_after_apply', status=500),
    dict(action='delay_after_apply', seconds=2.5),
], ids=['500-after-apply', 'timeout-after-apply'])
def test_a_run_is_never_sent_twice(sim, ansible, rule):
    job = seed(sim)
    fault(sim, method='GET', path=r'/run$', times=1, **rule)
    run = ansible.play([job_task('faulted', module='opsramp.automation.opsramp_job_run', name='rel-backup', timeout=1)])
    failed(run.result('faulted'), r'may or may not have been started: check its runs in OpsRamp')
    assert len(run.requests('faulted', path=r'/run$')) == 1
    sim.control.wait_until_idle()
    assert len(sim.control.job(job['id'])['runs']) == 1


def test_a_run_throttled_with_429_is_sent_again(sim, ansible):
    sim.control.configure(rate_window_seconds=2)
    job = seed(sim)
    fault(sim, method='GET', path=r'/run$', action='status', status=429, times=1, headers={'Retry-After': '0'})
    run = ansible.play([job_task('faulted', module='opsramp.automation.opsramp_job_run', name='rel-backup')])
    succeeded(run.result('faulted'), changed=True)
    assert statuses(run.requests('faulted', path=r'/run$')) == [429, 200]
    assert len(sim.control.job(job['id'])['runs']) == 1


# ----------------------------------------------------------------------------------------------- connection problems


def test_connection_reset_on_a_read_is_retried(sim, ansible):
    fault(sim, method='GET', path=SEARCH, action='reset', times=1)
    run = create_and_rerun(ansible)
    succeeded(run.result('faulted'), changed=True)
    assert statuses(run.requests('faulted', path=SEARCH)) == [None, 200, 200]  # the lookup, the check after the create
    assert_rerun_converged(run)
    assert names(sim) == ['rel-backup']


def test_a_slow_read_past_the_timeout_is_retried(sim, ansible):
    fault(sim, method='GET', path=SEARCH, action='delay', seconds=2, times=1)
    run = ansible.play([job_task('faulted', **dict(JOB, timeout=1))])
    succeeded(run.result('faulted'), changed=True)
    # the one given up on is answered (and logged) later; the third is the check after the create
    assert len(run.requests('faulted', path=SEARCH)) == 3
    assert len(run.requests('faulted', kind='write')) == 1
    assert names(sim) == ['rel-backup']


def test_reads_slower_than_the_timeout_every_time_fail_bounded(sim, ansible):
    fault(sim, method='GET', path=SEARCH, action='delay', seconds=2.5, times=0)
    started = time.time()
    run = ansible.play([job_task('faulted', **dict(JOB, timeout=1, max_retries=1))])
    failed(run.result('faulted'), r'did not answer within 1 s \(GET .*/jobs/search\)')
    assert len(run.requests('faulted', path=SEARCH)) == 2
    assert time.time() - started < 30
    sim.control.wait_until_idle()
    assert stored(sim) == []


# ----------------------------------------------------------------------------------------------- malformed answers


# A read answered 200 without JSON (garbled or empty) is a fault, retried like a 5xx (api-behaviour §4); the cases
# below that fail keep the fault up for the first try and its one retry (max_retries: 1).


def test_a_search_answer_that_is_not_json_fails_before_any_write(sim, ansible):
    fault(sim, method='GET', path=SEARCH, action='bad_json', times=2)
    run = ansible.play([job_task('faulted', **dict(JOB, max_retries=1)), job_task('rerun', **JOB)])
    failed(run.result('faulted'), r'not JSON \(GET .*/jobs/search\): <html>oops')
    assert run.requests('faulted', kind='write') == [] and len(run.requests('faulted', path='/jobs/search')) == 2
    succeeded(run.result('rerun'), changed=True)
    assert names(sim) == ['rel-backup']


def test_a_job_answer_that_is_not_json_fails_before_any_write(sim, ansible):
    seed(sim)
    fault(sim, method='GET', path=ONE_JOB, action='bad_json', times=2)
    run = ansible.play([job_task('faulted', **dict(UPDATED, max_retries=1))])
    failed(run.result('faulted'), r'not JSON')
    assert run.requests('faulted', kind='write') == []
    assert versions_saved(sim) == ['ALL_VERSIONS']


def test_an_empty_job_answer_fails_before_any_write(sim, ansible):
    seed(sim)
    fault(sim, method='GET', path=ONE_JOB, action='empty', times=2)
    run = ansible.play([job_task('faulted', **dict(UPDATED, max_retries=1))])
    failed(run.result('faulted'), r"answered GET \S+ with an empty body, every time it was asked", r'try again later')
    assert run.requests('faulted', kind='write') == []
    assert versions_saved(sim) == ['ALL_VERSIONS']


@pytest.mark.parametrize('action', ['bad_json', 'empty'])
def test_a_job_answer_without_json_once_is_retried_and_the_update_applied(sim, ansible, action):
    seed(sim)
    fault(sim, method='GET', path=ONE_JOB, action=action, times=1)
    run = ansible.play([job_task('faulted', **UPDATED)])
    succeeded(run.result('faulted'), changed=True)
    assert len(run.requests('faulted', kind='write')) == 1
    assert versions_saved(sim) == ['VERSION_WITH_CHANGES']


def test_an_update_answered_with_an_empty_body_is_read_back(sim, ansible):
    seed(sim)
    fault(sim, method='POST', path=ONE_JOB, action='empty', apply=True, times=1)
    run = ansible.play([job_task('faulted', **UPDATED)])
    result = succeeded(run.result('faulted'), changed=True)
    assert result['job']['script']['configParams']['versionsSaved'] == 'VERSION_WITH_CHANGES'
    assert versions_saved(sim) == ['VERSION_WITH_CHANGES']


def test_an_update_answered_200_with_an_empty_body_but_not_applied_fails(sim, ansible):
    seed(sim)
    fault(sim, method='POST', path=ONE_JOB, action='empty', times=1)
    run = ansible.play([job_task('faulted', **UPDATED), job_task('rerun', **UPDATED)])
    failed(run.result('faulted'), r'without the job \(an empty body\), and job \S+ as read back does not hold '
                                  r'network_backup.versions_saved as sent', r'running the task again will converge')
    succeeded(run.result('rerun'), changed=True)
    assert versions_saved(sim) == ['VERSION_WITH_CHANGES']


def test_an_empty_search_answer_does_not_duplicate_an_existing_job(sim, ansible):
    seed(sim)
    fault(sim, method='GET', path=SEARCH, action='empty', times=1)
    run = ansible.play([job_task('faulted', **JOB)])
    run.result('faulted')
    assert names(sim) == ['rel-backup']
    assert len(run.requests('faulted', path='/jobs/search')) == 2  # the empty answer was asked again


# ----------------------------------------------------------------------------------------------- concurrent changes


@pytest.mark.parametrize('style', ['404', '500-0005'])
def test_a_job_deleted_between_lookup_and_update(sim, ansible, style):
    sim.control.configure(not_found_style=style)
    seed(sim)
    fault(sim, method='GET', path=ONE_JOB, action='delay_after_apply', seconds=1.5, times=1)
    watcher = when_fault_fires(sim, sim.control.delete_jobs)
    run = ansible.play([job_task('faulted', **UPDATED)])
    watcher.join()
    failed(run.result('faulted'), r'was deleted while this task was updating it', r'run the task again')
    assert len(run.requests('faulted', kind='write')) == 1
    assert stored(sim) == []  # not recreated behind the back of whoever deleted it
    rerun = ansible.play([job_task('rerun', **UPDATED)])
    succeeded(rerun.result('rerun'), changed=True)
    assert names(sim) == ['rel-backup']


def test_a_job_deleted_between_search_and_read(sim, ansible):
    seed(sim)
    fault(sim, method='GET', path=SEARCH, action='delay_after_apply', seconds=1.5, times=1)
    watcher = when_fault_fires(sim, sim.control.delete_jobs)
    run = ansible.play([job_task('faulted', **UPDATED)])
    watcher.join()
    failed(run.result('faulted'), r"the job named 'rel-backup' .* disappeared while it was being read")
    assert run.requests('faulted', kind='write') == []
    assert stored(sim) == []


def test_a_job_deleted_between_lookup_and_delete(sim, ansible):
    seed(sim)
    fault(sim, method='GET', path=ONE_JOB, action='delay_after_apply', seconds=1.5, times=1)
    watcher = when_fault_fires(sim, sim.control.delete_jobs)
    run = ansible.play([job_task('faulted', name='rel-backup', state='absent')])
    watcher.join()
    succeeded(run.result('faulted'), changed=True)
    assert statuses(run.requests('faulted', method='DELETE')) == [404]
    assert stored(sim) == []


def test_no_secret_in_any_fault_output(sim, ansible):
    """A sample of the failures above, at -vvvv: neither the secret nor a token shows anywhere."""
    sim.control.configure(rate_window_seconds=2)  # the 429 says no request is left until the window ends
    seed(sim)
    fault(sim, method='POST', path=ONE_JOB, action='status', status=500, times=1,
          body={'message': 'echo %s' % ansible.client_secret})
    fault(sim, method='GET', path=SEARCH, action='status', status=429, times=1, headers={'Retry-After': '0'})
    run = ansible.play([job_task('faulted', **UPDATED), job_task('again', **dict(UPDATED, client_secret='nope'))],
                       verbosity=4)
    failed(run.result('faulted'), r'500')
    failed(run.result('again'), r'rejected the client credentials')
    assert_no_secret(secrets_of(sim), *run.texts())
    assert JOBS_PATH in run.output
