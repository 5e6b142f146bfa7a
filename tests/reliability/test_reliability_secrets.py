# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Secrets never show: the client secret, every access token the simulator issued, and script parameter values
marked sensitive, searched for in the whole output at -vvvv, in diffs, in check mode, in failures (with the server
echoing the secrets back), in every recorded task result, in ansible-runner's artifacts, and in the invocation line
AnsibleModule logs on the target.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import uuid

import pytest

from conftest import CLIENT_SECRET, secrets_of
from reliability_support import (
    CLIENT_ID, MASKS, TENANT, assert_no_secret, job_task, logged_invocation, run_with_ansible_runner, runner_outcomes)

SECRET_A = 'rel-param-a-%s' % uuid.uuid4().hex[:12]
SECRET_B = 'rel-param-b-%s' % uuid.uuid4().hex[:12]
SECRET_C = 'rel-param-c-%s' % uuid.uuid4().hex[:12]
SENSITIVE = [SECRET_A, SECRET_B, SECRET_C]


def custom_job(name, secret, **changes):
    args = dict(
        name=name,
        job_type='custom',
        entities=[{'id': 'srv-1'}],
        schedule={'type': 'weekly', 'week_days': ['mon'], 'start_date': '2030-01-06T03:00Z'},
        custom_script={'id': '7', 'user_type': 'system', 'parameters': [
            {'id': '1', 'value': 'public-value'},
            {'id': '2', 'value': secret, 'sensitive': True},
        ]},
    )
    args.update(changes)
    return args


def lifecycle_tasks(name='rel-secret-job'):
    return [
        job_task('create', **custom_job(name, SECRET_A)),
        job_task('update', **custom_job(name, SECRET_B)),
        job_task('converged', **custom_job(name, SECRET_B)),
        job_task('rejected', **custom_job(name, SECRET_C)),
        job_task('absent', name=name, state='absent'),
    ]


def echo_fault(sim):
    """The second update is refused with a body that echoes the secrets back: the client secret, the value stored
    and the value sent (SECRET_B and SECRET_C in lifecycle_tasks)."""
    body = {'message': 'refused %s, stored %s, sent %s' % (CLIENT_SECRET, SECRET_B, SECRET_C), 'code': '0002'}
    sim.control.add_faults([{'method': 'POST', 'path': r'/jobs/[0-9a-f-]{36}$', 'after': 1, 'times': 1,
                             'action': 'status', 'status': 400, 'body': body}])


def assert_masked_everywhere(sim, run):
    assert_no_secret(secrets_of(sim, *SENSITIVE), *run.texts())
    assert any(mask in run.output for mask in MASKS)


def test_lifecycle_at_vvvv_with_diff_and_an_echoing_server(sim, ansible):
    echo_fault(sim)
    run = ansible.play(lifecycle_tasks(), diff=True, verbosity=4)
    assert run.result('create')['changed'] and run.result('update')['changed']
    assert run.result('converged')['changed'] is False
    rejected = run.result('rejected')
    assert rejected['failed'] and 'API error 400' in rejected['msg'] and 'refused ********' in rejected['msg']
    assert run.result('absent')['changed']
    update_diff = run.result('update')['diff']
    assert update_diff['before']['custom_script']['parameters'][1]['value'] == '********'
    assert update_diff['after']['custom_script']['parameters'][1]['value'] == '********'
    # every parameter value is no_log once one is sensitive (arguments.job_argument_spec): the public one is masked too
    assert update_diff['after']['custom_script']['parameters'][0]['value'] in MASKS
    absent_diff = run.result('absent')['diff']
    assert [p['value'] for p in absent_diff['before']['custom_script']['parameters']] == ['********', '********']
    invocation = run.result('create')['invocation']['module_args']
    assert invocation['client_secret'] in MASKS
    assert [p['value'] for p in invocation['custom_script']['parameters']] == [MASKS[1], MASKS[1]]
    assert len(sim.control.tokens()) >= 5
    assert_masked_everywhere(sim, run)


def test_check_mode_with_diff_at_vvvv(sim, ansible):
    sim.control.seed_job({'name': 'rel-secret-job', 'script': {
        'jobType': 'custom', 'customScript': {'id': '7'}, 'userType': 1,
        'parameters': [{'paramId': '1', 'value': 'public-value'}, {'paramId': '2', 'value': SECRET_A}]},
        'entities': [{'resource': {'id': 'srv-1', 'type': 'DEVICE'}}],
        'schedule': {'startDate': '2030-01-06T03:00:00+0000', 'pattern': {'type': 'weekly', 'weekDays': 'Monday'}}})
    run = ansible.play([job_task('update', **custom_job('rel-secret-job', SECRET_B)),
                        job_task('create', **custom_job('rel-secret-new', SECRET_C)),
                        job_task('absent', name='rel-secret-job', state='absent')], check=True, diff=True, verbosity=4)
    for task in ('update', 'create', 'absent'):
        assert run.result(task)['changed'], task
    predicted = run.result('create')['job']['script']['parameters']
    assert predicted[1]['value'] in MASKS
    assert run.requests(kind='write') == []
    assert_masked_everywhere(sim, run)


def test_bulk_module_at_vvvv_with_diff(sim, ansible):
    jobs = [custom_job('rel-bulk-%d' % n, SECRET_A if n else SECRET_B) for n in range(3)]
    changed = [dict(job, custom_script=dict(job['custom_script'], parameters=[
        {'id': '1', 'value': 'public-value'}, {'id': '2', 'value': SECRET_C, 'sensitive': True}])) for job in jobs]
    run = ansible.play([job_task('create', module='opsramp.automation.opsramp_jobs', jobs=jobs),
                        job_task('update', module='opsramp.automation.opsramp_jobs', jobs=changed),
                        job_task('prune', module='opsramp.automation.opsramp_jobs', jobs=[], prune=True,
                                 prune_prefix='rel-bulk-')],
                       diff=True, verbosity=4)
    assert run.result('create')['created'] == ['rel-bulk-0', 'rel-bulk-1', 'rel-bulk-2']
    assert run.result('update')['updated'] == ['rel-bulk-0', 'rel-bulk-1', 'rel-bulk-2']
    assert sorted(run.result('prune')['deleted']) == ['rel-bulk-0', 'rel-bulk-1', 'rel-bulk-2']
    assert sim.control.jobs() == []
    assert_masked_everywhere(sim, run)


def test_token_module_with_no_log_and_its_token_reused(sim, ansible):
    run = ansible.play([
        {'name': 'token', 'opsramp.automation.opsramp_token': {}, 'register': 'issued', 'no_log': True},
        job_task('types', module='opsramp.automation.opsramp_job_type_info', access_token='{{ issued.access_token }}',
                 client_id='{{ omit }}', client_secret='{{ omit }}'),
    ], verbosity=4)
    assert len(run.result('types')['job_types']) == 14
    assert run.requests('types', kind='token') == []
    assert len(sim.control.tokens()) == 1
    assert_no_secret(secrets_of(sim), *run.texts())


def test_failures_at_every_step_hide_the_secrets(sim, ansible):
    """Bad credentials, a refused token, a 429 and a timeout: each failure message is shown, no secret is."""
    sim.control.add_faults([
        {'method': 'GET', 'path': '/jobs/types$', 'action': 'status', 'status': 401, 'times': 2},
        {'method': 'GET', 'path': '/jobs/search$', 'action': 'status', 'status': 429, 'times': 0,
         'headers': {'Retry-After': '0'}, 'body': {'error': 'throttled', 'error_description': CLIENT_SECRET}},
    ])
    run = ansible.play([
        job_task('bad-secret', module='opsramp.automation.opsramp_job_type_info', client_secret='rel-wrong-secret'),
        job_task('refused-token', module='opsramp.automation.opsramp_job_type_info'),
        job_task('throttled', max_retries=1, **custom_job('rel-secret-job', SECRET_A)),
    ], verbosity=4)
    for task in ('bad-secret', 'refused-token', 'throttled'):
        assert run.result(task)['failed'], task
    assert_no_secret(secrets_of(sim, *SENSITIVE), *run.texts())


def test_ansible_runner_artifacts(sim, ansible, tmp_path):
    """As AWX runs it: every job event, the stdout and the other artifacts of ansible-runner hide the secrets."""
    pytest.importorskip('ansible_runner')
    echo_fault(sim)
    events, texts = run_with_ansible_runner(ansible, tmp_path / 'runner', lifecycle_tasks())
    outcomes = runner_outcomes(events)
    assert outcomes['rejected'] == 'runner_on_failed' and outcomes['converged'] == 'runner_on_ok', outcomes
    assert len(texts) > 10
    assert_no_secret(secrets_of(sim, *SENSITIVE), *texts)


def test_invocation_logged_on_the_target_hides_sensitive_values(sim, ansible, collections_root):
    """AnsibleModule logs its arguments (syslog or journal) before the module runs: sensitive values are masked.

    opsramp_job marks every script parameter value no_log when any is sensitive (arguments.job_argument_spec).
    """
    args = dict(custom_job('rel-invocation', SECRET_A), url=sim.url, tenant_id=TENANT, client_id=CLIENT_ID,
                client_secret=CLIENT_SECRET, _ansible_check_mode=True)
    logged, stdout, stderr = logged_invocation(collections_root, 'opsramp_job', args)
    assert len(logged) == 1 and logged[0]['msg'].startswith('Invoked with ')
    assert logged[0]['log_args']['client_secret'] == 'NOT_LOGGING_PARAMETER'
    assert '********' in logged[0]['log_args']['custom_script']
    assert json.loads(stdout)['changed'] is True
    assert_no_secret([CLIENT_SECRET, SECRET_A] + list(sim.control.tokens()), stdout, stderr)
