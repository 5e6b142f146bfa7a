# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The opsramp_job flow (``ensure.ensure`` with ``JOBS``) over real HTTP against the OpsRamp simulator: what each
path costs in requests and leaves in the store, and the check for copies that concurrent runs created
(api-behaviour §19)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.opsramp.automation.plugins.module_utils._engine.ensure import ensure
from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import ObjectLookupError, ValidationError
from ansible_collections.opsramp.automation.plugins.module_utils._jobs.adapter import JOBS

START = '2026-01-01T02:00:00+0000'


def params(name='nightly', **options):
    given = dict((option, None) for option in JOBS.option_names())
    given.update(name=name, job_type='adCheckList', state='present',
                 schedule=dict(type='weekly', week_days=['Monday'], start_date=START))
    given.update(options)
    return given


def searches(log):
    return [e['query'] for e in log(kind='read') if e['path'].endswith('/search')]


def reads_by_id(log):
    return [e['path'].rsplit('/', 1)[1] for e in log(kind='read') if '/jobs/' in e['path'] and
            not e['path'].endswith('/search')]


def created(sim, make_client, **options):
    """A job as a previous run of the task left it; the requests of that run are forgotten."""
    job = ensure(JOBS, make_client(), params(**options))['job']
    sim.control.wait_until_idle()
    sim.control.clear_requests()
    return job


# ----------------------------------------------------------------------------------------------- what each path costs


def test_a_converged_job_costs_one_token_one_search_one_read_and_no_write(sim, make_client, log):
    job_id = created(sim, make_client)['id']
    held = sim.control.jobs()
    result = ensure(JOBS, make_client(), params())
    assert (result['changed'], result['changes'], result['job']['id']) == (False, [], job_id)
    assert len(log(kind='token')) == 1 and [q['queryString'] for q in searches(log)] == ['name:nightly']
    assert reads_by_id(log) == [job_id] and not log(kind='write')
    assert len(log()) == 3 and sim.control.jobs() == held


def test_a_converged_job_named_by_id_is_one_read(sim, make_client, log):
    job_id = created(sim, make_client)['id']
    result = ensure(JOBS, make_client(), params(id=job_id))
    assert result['changed'] is False and result['job']['id'] == job_id
    assert len(log(kind='token')) == 1 and reads_by_id(log) == [job_id] and len(log()) == 2


def test_an_unknown_id_fails_after_one_read_and_writes_nothing(sim, make_client, log):
    unknown = '00000000-0000-4000-8000-000000000000'
    with pytest.raises(ObjectLookupError) as info:
        ensure(JOBS, make_client(), params(id=unknown))
    assert info.value.message == ("no job with id '%s' in tenant client_1; to create a job give its name and no id"
                                  % unknown)
    assert reads_by_id(log) == [unknown] and not log(kind='write') and sim.control.jobs() == []


def test_an_update_sends_the_whole_job_once(sim, make_client, log):
    job_id = created(sim, make_client, queued=True)['id']
    result = ensure(JOBS, make_client(), params(schedule=dict(type='weekly', week_days=['Friday'], start_date=START)))
    assert (result['changed'], result['changes']) == (True, ['schedule.week_days'])
    [write] = log(kind='write')
    assert (write['method'], write['path'].rsplit('/', 1)[1]) == ('POST', job_id)
    assert write['body']['jobQueued'] is True  # what the task leaves alone is sent back as it is
    assert sim.control.job(job_id)['schedule']['pattern']['weekDays'] == 'Friday'
    assert len(searches(log)) == 1 and reads_by_id(log) == [job_id]


def test_check_mode_predicts_an_update_and_writes_nothing(sim, make_client, log):
    job_id = created(sim, make_client)['id']
    result = ensure(JOBS, make_client(), params(queued=True), check_mode=True, want_diff=True)
    assert (result['changed'], result['changes']) == (True, ['queued'])
    assert result['job']['jobQueued'] is True and result['job']['id'] == job_id
    assert (result['diff']['before']['queued'], result['diff']['after']['queued']) == (False, True)
    assert not log(kind='write') and sim.control.job(job_id).get('jobQueued') in (None, False)


def test_absent_deletes_the_job_then_costs_one_search(sim, make_client, log):
    job_id = created(sim, make_client)['id']
    result = ensure(JOBS, make_client(), dict(params(), state='absent'))
    assert result['changed'] is True and result['job']['id'] == job_id and sim.control.jobs() == []
    assert [(e['method'], e['path'].rsplit('/', 1)[1]) for e in log(kind='write')] == [('DELETE', job_id)]
    sim.control.clear_requests()
    assert ensure(JOBS, make_client(), dict(params(), state='absent'))['changed'] is False
    assert len(searches(log)) == 1 and not reads_by_id(log) and not log(kind='write')


def test_bad_options_fail_before_any_request(sim, make_client, log):
    with pytest.raises(ValidationError) as info:
        ensure(JOBS, make_client(), params(schedule=dict(type='weekly', start_date=START)))
    assert info.value.option == 'schedule.week_days' and log() == []


def test_entities_named_by_name_cost_one_resource_search_and_show_the_name_in_the_diff(sim, make_client, log):
    sim.control.seed_resources([{'id': 'r-1', 'name': 'core-sw-01'}, {'id': 'r-11', 'name': 'core-sw-011'}])
    job_id = created(sim, make_client, entities=[dict(id='r-1', type='DEVICE')])['id']
    result = ensure(JOBS, make_client(), params(entities=[dict(name='core-sw-01', type='DEVICE')]), want_diff=True)
    assert result['changed'] is False and sim.control.job(job_id)['entities'] == [
        {'resource': {'id': 'r-1', 'type': 'DEVICE'}}]
    assert [(e['kind'], e['path'].split('/client_1/', 1)[-1]) for e in log()] == [
        ('token', '/tenancy/auth/oauth/token'), ('read', 'resources/search'), ('read', 'jobs/search'),
        ('read', 'jobs/' + job_id)]  # every name resolved before the job is looked up
    assert log(path='/resources/search')[0]['query']['queryString'] == 'resourceName:core-sw-01'
    assert result['diff']['after']['entities'] == [{'id': 'core-sw-01 (r-1)', 'type': 'DEVICE'}]


# ----------------------------------------------------------------------------------------------- concurrent runs


def test_a_create_costs_one_more_search_by_name(sim, make_client, log, recorder):
    result = ensure(JOBS, make_client(), params())
    assert result['changed'] is True and recorder.warnings == []
    lookup, check = searches(log)
    assert lookup['queryString'] == check['queryString'] == 'name:nightly'
    assert (check['sortName'], check['isDescendingOrder']) == ('id', 'false')
    assert [job['id'] for job in sim.control.jobs()] == [result['job']['id']]


def test_an_update_does_not_check(sim, make_client, log):
    ensure(JOBS, make_client(), params())
    sim.control.clear_requests()
    ensure(JOBS, make_client(), params(schedule=dict(type='weekly', week_days=['Friday'], start_date=START)))
    assert len(searches(log)) == 1


def test_check_mode_does_not_check(sim, make_client, log):
    ensure(JOBS, make_client(), params(), check_mode=True)
    assert len(searches(log)) == 1 and not log(kind='write')


def test_a_copy_created_first_by_another_run_is_reported_with_what_differs(sim, make_client, log, recorder):
    sim.control.add_faults([dict(method='GET', path='/search$', action='delay_after_apply', seconds=1, times=1)])
    other = {}
    watcher = sim.control.when_faults_fired(lambda: other.update(ensure(
        JOBS, make_client(), params(schedule=dict(type='weekly', week_days=['Friday'], start_date=START)))))
    result = ensure(JOBS, make_client(), params())
    watcher.join()
    [held] = sim.control.jobs()
    assert held['id'] == other['job']['id'] == result['job']['id']
    assert result['changed'] is True and result['job']['schedule']['pattern']['weekDays'] == 'Friday'
    assert [e['method'] for e in log(kind='write')] == ['POST', 'POST', 'DELETE']
    gave_way = [warning for warning in recorder.warnings if 'this run deleted its own copy' in warning]
    assert len(gave_way) == 1 and 'schedule.week_days' in gave_way[0] and held['id'] in gave_way[0]
