# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Short secrets: a sensitive parameter value that is also part of the job's id, start date, name or schedule.

Ansible masks no_log values as substrings anywhere in a result, so "1" or "30" used to garble the registered job id
and start date (issue 14, finding 1). The modules now mask parameter values by field (module_utils/_engine/secrets.py): the
tests check that every registered value is exact, and that the secret shows nowhere as a value, at -vvvv, in check
and diff mode, in a failure whose error body echoes it, through opsramp_job and opsramp_jobs.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

import pytest

from conftest import secrets_of
from reliability_support import MASKS, assert_no_secret, job_task

# the job of the report: its id and start date hold "1" and "30", its schedule the days 1 and 30
JOB_ID = '89257540-439d-4cf6-ac2a-676e2481aaf2'
NAME = 'cleanup 30 of 1'
START = '2026-12-01T01:30:00+0000'
BULK = 'opsramp.automation.opsramp_jobs'


def job(public='1', secret='30', name=NAME):
    return dict(id=JOB_ID, name=name, job_type='custom', entities=[{'id': 'srv-1'}],
                schedule={'type': 'monthly', 'days_of_month': [1, 30], 'start_date': '2026-12-01T01:30Z'},
                custom_script={'id': '7', 'user_type': 'system', 'parameters': [
                    {'id': '1', 'value': public}, {'id': '2', 'value': secret, 'sensitive': True}]})


def seed(sim, stored_secret):
    sim.control.seed_job({'id': JOB_ID, 'name': NAME, 'script': {
        'jobType': 'custom', 'customScript': {'id': '7'}, 'userType': 1,
        'parameters': [{'paramId': '1', 'value': '1'}, {'paramId': '2', 'value': stored_secret}]},
        'entities': [{'resource': {'id': 'srv-1', 'type': 'DEVICE'}}],
        'schedule': {'startDate': START, 'pattern': {'type': 'monthly', 'dayOfMonth': '1, 30'}}})


def echo_fault(sim, secret):
    body = {'message': 'refused parameter 2 = %s' % secret, 'code': '0002'}
    sim.control.add_faults([{'method': 'POST', 'path': r'/jobs/[0-9a-f-]{36}$', 'after': 1, 'times': 1,
                             'action': 'status', 'status': 400, 'body': body}])


def tasks(secret):
    return [
        dict(job_task('preview', **job(secret=secret)), check_mode=True),
        job_task('update', **job(secret=secret)),
        job_task('converged', **job(secret=secret)),
        dict(job_task('bulk-preview', module=BULK, jobs=[job(public='2', secret=secret)]), check_mode=True),
        job_task('rejected', **job(public='3', secret=secret)),
        job_task('bulk-converged', module=BULK, jobs=[job(secret=secret)]),
    ]


def parameter_values(result):
    """Every script parameter value the result shows: in the job, the diffs and the invocation."""
    values = [p['value'] for p in ((result.get('job') or {}).get('script') or {}).get('parameters', [])]
    diffs = [result.get('diff')] if isinstance(result.get('diff'), dict) else list((result.get('diffs') or {}).values())
    for diff in diffs:
        for side in ('before', 'after'):
            values += [p['value'] for p in diff[side].get('custom_script', {}).get('parameters', [])]
    args = result.get('invocation', {}).get('module_args', {})
    for element in [args] + list(args.get('jobs') or []):
        values += [p['value'] for p in (element.get('custom_script') or {}).get('parameters') or []]
    return values


def leaves(value):
    if isinstance(value, dict):
        return [leaf for item in value.values() for leaf in leaves(item)]
    if isinstance(value, list):
        return [leaf for item in value for leaf in leaves(item)]
    return [value]


def assert_secret_shown_nowhere(run, secret):
    """The secret is no recorded value, and no output shows it as a quoted value (JSON, YAML or Python)."""
    for record in run.records:
        assert secret not in [leaf for leaf in leaves(record['result']) if isinstance(leaf, str)], record['task']
    for text in run.texts():
        for quoted in ('"%s"' % secret, "'%s'" % secret, '\\"%s\\"' % secret):
            assert quoted not in text


@pytest.mark.parametrize('secret', ['30', '0', '00', '1aaf2', '12-01', 'cleanup'],
                         ids=['finding-1', 'zero', 'double-zero', 'in-the-id', 'in-the-start-date', 'in-the-name'])
def test_a_short_secret_leaves_every_other_value_exact(sim, ansible, secret):
    seed(sim, 'stored-%s-old' % secret)
    echo_fault(sim, secret)
    run = ansible.play(tasks(secret), diff=True, verbosity=4)
    for task in ('preview', 'update', 'converged'):
        result = run.result(task)
        assert result['changed'] is (task != 'converged'), task
        assert result['job']['id'] == JOB_ID and result['job']['name'] == NAME
        assert result['job']['schedule']['startDate'] == START
        assert result['invocation']['module_args']['name'] == NAME and result['invocation']['module_args']['id'] == JOB_ID
    for task in ('preview', 'update'):
        diff = run.result(task)['diff']
        assert diff['after']['schedule'] == {'type': 'monthly', 'days_of_month': [1, 30], 'start_date': START}
        assert diff['after']['name'] == NAME
    bulk = run.result('bulk-preview')
    assert bulk['updated'] == [NAME] and bulk['job_results'][0]['id'] == JOB_ID
    assert bulk['diffs'][NAME]['after']['schedule']['start_date'] == START
    rejected = run.result('rejected')
    assert rejected['failed'] and 'refused parameter 2 = ********' in rejected['msg']
    assert run.result('bulk-converged')['unchanged'] == [NAME]
    for record in run.records:
        assert set(parameter_values(record['result'])) <= set(MASKS), record['task']
    assert_secret_shown_nowhere(run, secret)
    assert any(mask in run.output for mask in MASKS)
    assert_no_secret(secrets_of(sim, 'stored-%s-old' % secret), *run.texts())
    stored = sim.control.jobs()
    assert [p['value'] for p in stored[0]['script']['parameters']] == ['1', secret]


def test_the_finding_registers_exact_values_for_later_tasks(sim, ansible):
    """The report's play: a later task uses the registered id and start date (it got a garbled id before)."""
    seed(sim, 'old')
    run = ansible.play([
        dict(job_task('apply', **job()), register='applied'),
        {'name': 'use', 'ansible.builtin.debug': {'msg': '{{ applied.job.id }} {{ applied.job.schedule.startDate }} '
                                                         '{{ applied.diff.after.schedule.days_of_month | join(",") }}'}},
    ], diff=True)
    assert run.result('use')['msg'] == '%s %s 1,30' % (JOB_ID, START)
    args = run.result('apply')['invocation']['module_args']
    assert [p['value'] for p in args['custom_script']['parameters']] == [MASKS[1], MASKS[1]]
    assert (args['id'], args['name'], args['schedule']['start_date'], args['schedule']['days_of_month']) == (
        JOB_ID, NAME, '2026-12-01T01:30Z', [1, 30])
    assert json.dumps(run.result('apply')).count(MASKS[1]) == 3  # and client_secret
