# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The opsramp_job flow (``ensure.ensure`` with ``JOBS``) over real HTTP against the OpsRamp simulator: the check for
copies that concurrent runs created (api-behaviour §19)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.opsramp.automation.plugins.module_utils._engine.ensure import ensure
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
