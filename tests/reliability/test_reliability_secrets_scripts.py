# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Secrets of RBA scripts never show: the default of a PASSWORD parameter, and the value of a custom job's parameter
marked sensitive, named by name, searched for (with the client secret and every token) in the whole output at -vvvv,
in diffs (the body's text diff too), in check mode, in failures whose error body echoes the secrets, in summaries, in
every recorded task result, in the files the export_scripts role writes, in ansible-runner's artifacts and in the
invocation AnsibleModule logs on the target.

The simulator answers every read with PASSWORD defaults and job parameter values in clear (``rba_password_default``,
``job_password_value``: the least OpsRamp could do, api-behaviour §20.9), so that only the collection can hide them.
A secret in a script's body is not a secret by design (the body is shown as text in the diff): the bodies here hold
none. The secrets of the jobs alone are the subject of test_reliability_secrets.py.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import uuid

import pytest
import requests

from conftest import CLIENT_SECRET, secrets_of
from reliability_support import (
    CLIENT_ID, MASKS, TENANT, assert_no_secret, job_task, logged_invocation, run_with_ansible_runner, runner_outcomes)

SCRIPT_MODULE = 'opsramp.automation.opsramp_script'
INFO_MODULE = 'opsramp.automation.opsramp_script_info'
BULK_MODULE = 'opsramp.automation.opsramp_jobs'
CATEGORY = 'RelSecrets'
SCRIPT = 'rel-mount-share'
JOB = 'rel-nightly-mount'
VAULT_VARIABLE = 'vault_rel_mount_share_share_password'


# made up for the run; a play reads them from a vars file, as from a vault (ref)
SECRETS = dict(('%s_%s' % (kind, letter), 'rel-%s-%s-%s' % (kind, letter, uuid.uuid4().hex[:12]))
               for kind, letters in (('default', 'abcd'), ('value', 'abc')) for letter in letters)
DEFAULT_A, DEFAULT_B, DEFAULT_C, DEFAULT_D = (SECRETS['default_%s' % letter] for letter in 'abcd')
VALUE_A, VALUE_B, VALUE_C = (SECRETS['value_%s' % letter] for letter in 'abc')
SENSITIVE = list(SECRETS.values())
BODY = '#!/bin/sh\nmount -t cifs "//$1/ops" /mnt/ops -o "password=$2"\n'
NEW_BODY = '#!/bin/sh\nmount -t cifs "//$1/ops" /mnt/ops -o "ro,password=$2"\n'
REJECTED_BODY = '#!/bin/sh\nmount -t cifs "//$1/ops" /mnt/ops -o "rw,password=$2"\n'
SCRIPT_UPDATE = r'/rba/categories/[0-9]+/scripts/[0-9]+$'


@pytest.fixture
def rba(sim):
    """The simulator showing secrets in clear in every read, with the team's category; the category's id."""
    sim.control.configure(rba_password_default='clear', job_password_value='clear', custom_script_check=True)
    return sim.control.seed_rba_categories({'name': CATEGORY})[0]['id']


def ref(secret):
    """The template that gives ``secret`` in a play (a literal would show: Ansible prints a failed task's source)."""
    name = [key for key, value in SECRETS.items() if value == secret][0]
    return '{{ rel_secrets.%s }}' % name


def play(ansible, tasks, **options):
    """``ansible.play`` at -vvvv with --diff, the secrets in a vars file."""
    return ansible.play(tasks, diff=True, verbosity=4, vars_files=[ansible.vars_file({'rel_secrets': SECRETS})],
                        **options)


def script_args(default, body=BODY, **changes):
    """opsramp_script's options: a public parameter, then a PASSWORD one whose default is ``default``."""
    args = dict(name=SCRIPT, category=CATEGORY, description='Mounts the ops share', execution_type='shell',
                platforms=['linux'], content=body, parameters=[
                    {'name': 'share', 'description': 'host of the share', 'default': 'files.example.com'},
                    {'name': 'share_password', 'description': 'password of the share', 'data_type': 'password',
                     'default': default}])
    args.update(changes)
    return args


def script_task(title, default, **changes):
    return job_task(title, module=SCRIPT_MODULE, **script_args(ref(default), **changes))


def named_job(value, **changes):
    """A custom job naming its script and its parameters by name, the password one marked sensitive."""
    args = dict(name=JOB, job_type='custom', entities=[{'id': 'srv-1'}],
                schedule={'type': 'weekly', 'week_days': ['mon'], 'start_date': '2030-01-06T03:00Z'},
                custom_script={'script': {'name': SCRIPT, 'category': CATEGORY}, 'user_type': 'system', 'parameters': [
                    {'name': 'share', 'value': 'files.example.com'},
                    {'name': 'share_password', 'value': value, 'sensitive': True}]})
    args.update(changes)
    return args


def bulk_task(title, default, value, update_password='on_create', **options):
    return job_task(title, module=BULK_MODULE, scripts=[script_args(ref(default), update_password=update_password)],
                    jobs=[named_job(ref(value))], **options)


def sent_defaults(run, task):
    """The PASSWORD defaults the task's writes carried (as the simulator logged their bodies)."""
    return [parameter.get('defaultValue') for entry in run.requests(task, kind='write')
            for parameter in (entry['body'] or {}).get('parameters') or [] if parameter.get('dataType') == 'PASSWORD']


def sent_job_values(run, task):
    return [parameter.get('value') for entry in run.requests(task, kind='write', path='/jobs')
            for parameter in ((entry['body'] or {}).get('script') or {}).get('parameters') or []]


def stored_default(sim):
    """The PASSWORD default the simulator stores for the one script."""
    scripts = sim.control.rba()['scripts']
    assert len(scripts) == 1, scripts
    return [p['defaultValue'] for p in scripts[0]['parameters'] if p['dataType'] == 'PASSWORD']


def field_diff(result):
    """The diff of a script's fields: the result's diff, or the first of its diffs when the body's text follows."""
    return result['diff'][0] if isinstance(result['diff'], list) else result['diff']


def defaults_in_diff(result, side):
    return [parameter.get('default') for parameter in field_diff(result)[side].get('parameters') or []]


def assert_masked_everywhere(sim, texts, output):
    assert_no_secret(secrets_of(sim, *SENSITIVE), *texts)
    assert any(mask in output for mask in MASKS)


def echo_fault(sim, path, echoed, after=0, method='POST'):
    """The ``method`` request on ``path`` after ``after`` others is refused with a body that echoes the client secret
    and the ``echoed`` secrets (the one stored, the one sent); the message the task must show instead."""
    body = {'message': 'refused ' + ', '.join((CLIENT_SECRET,) + echoed), 'code': '0002'}
    sim.control.add_faults([{'method': method, 'path': path, 'after': after, 'times': 1, 'action': 'status',
                             'status': 400, 'body': body}])
    return 'refused ' + ', '.join([MASKS[0]] * (1 + len(echoed)))


def direct_read(sim, category_id):
    """The category's scripts as the simulator's API answers them (the test's own token)."""
    token = requests.post(sim.url + '/tenancy/auth/oauth/token', timeout=10, data=dict(
        grant_type='client_credentials', client_id=CLIENT_ID, client_secret=CLIENT_SECRET)).json()['access_token']
    answer = requests.get('%s/api/v2/tenants/%s/rba/categories/%s/scripts' % (sim.url, TENANT, category_id),
                          headers={'Authorization': 'Bearer ' + token}, timeout=10)
    return answer.json()


# ---------------------------------------------------------------------------------------------------- opsramp_script

def script_lifecycle_tasks():
    return [
        script_task('create', DEFAULT_A),
        script_task('new-default-on-create', DEFAULT_B),
        script_task('rotate', DEFAULT_B, update_password='always'),
        dict(script_task('preview-body', DEFAULT_C, body=NEW_BODY), check_mode=True),
        script_task('new-body', DEFAULT_C, body=NEW_BODY),
        script_task('converged', DEFAULT_C, body=NEW_BODY),
        script_task('rejected', DEFAULT_D, body=REJECTED_BODY),
    ]


def test_script_lifecycle_at_vvvv_with_diff_and_an_echoing_server(sim, rba, ansible):
    # the third script update (rejected) is refused, echoing the stored default (a read shows it) and the sent one
    refused = echo_fault(sim, SCRIPT_UPDATE, (DEFAULT_C, DEFAULT_D), after=2)
    run = play(ansible, script_lifecycle_tasks())

    created = run.result('create')
    assert created['changed'] and sent_defaults(run, 'create') == [DEFAULT_A]
    assert [p['defaultValue'] for p in created['script']['parameters']] == ['files.example.com', '********']
    assert [p['default'] for p in created['invocation']['module_args']['parameters']] == [MASKS[1], MASKS[1]]
    assert created['invocation']['module_args']['client_secret'] in MASKS
    # update_password on_create: the default is sent, not compared, so the diff leaves it out
    assert defaults_in_diff(created, 'after') == ['files.example.com', None]

    # update_password on_create: a new default alone is no change (OpsRamp never shows the stored one)
    kept = run.result('new-default-on-create')
    assert kept['changed'] is False and run.requests('new-default-on-create', kind='write') == []

    rotated = run.result('rotate')
    assert rotated['changed'] and rotated['changes'] == ['parameters']
    assert sent_defaults(run, 'rotate') == [DEFAULT_B]
    assert defaults_in_diff(rotated, 'after') == ['files.example.com', '********']
    assert defaults_in_diff(rotated, 'before') == ['files.example.com', None]

    preview = run.result('preview-body')
    assert preview['changed'] and preview['changes'] == ['body']
    assert run.requests('preview-body', kind='write') == []
    assert preview['diff'][1]['after'] == NEW_BODY

    changed_body = run.result('new-body')
    assert changed_body['changed'] and changed_body['changes'] == ['body']
    assert changed_body['diff'][1]['after'] == NEW_BODY
    # written for another reason: the task's new default goes with it
    assert sent_defaults(run, 'new-body') == [DEFAULT_C]

    assert run.result('converged')['changed'] is False and run.requests('converged', kind='write') == []

    rejected = run.result('rejected')
    assert rejected['failed'] and 'API error 400' in rejected['msg']
    assert refused in rejected['msg'], rejected['msg']
    assert sent_defaults(run, 'rejected') == [DEFAULT_D]

    assert stored_default(sim) == [DEFAULT_C]
    assert len(sim.control.tokens()) >= 7
    assert_masked_everywhere(sim, run.texts(), run.output)

    # the first delete is refused, echoing the stored default
    refused = echo_fault(sim, SCRIPT_UPDATE, (DEFAULT_C,), method='DELETE')
    removed = play(ansible, [dict(job_task('absent-preview', module=SCRIPT_MODULE, name=SCRIPT, category=CATEGORY,
                                           state='absent'), check_mode=True)]
                   + [job_task(task, module=SCRIPT_MODULE, name=SCRIPT, category=CATEGORY, state='absent')
                      for task in ('absent-refused', 'absent')])
    for task in ('absent-preview', 'absent'):
        result = removed.result(task)
        assert result['changed'], task
        assert defaults_in_diff(result, 'before') == ['files.example.com', None]
    assert removed.result('absent-refused')['failed'] and refused in removed.result('absent-refused')['msg']
    assert removed.requests('absent-preview', kind='write') == []
    assert [entry['status'] for entry in removed.requests(method='DELETE')] == [400, 200]
    assert sim.control.rba()['scripts'] == []
    assert_no_secret(secrets_of(sim, *SENSITIVE), *removed.texts())


def test_script_lifecycle_in_ansible_runner_artifacts(sim, rba, ansible, tmp_path):
    """As AWX runs it: every job event and every artifact of ansible-runner hide the PASSWORD defaults."""
    pytest.importorskip('ansible_runner')
    echo_fault(sim, SCRIPT_UPDATE, (DEFAULT_C, DEFAULT_D), after=2)
    events, texts = run_with_ansible_runner(ansible, tmp_path / 'runner', script_lifecycle_tasks(),
                                            secret_vars={'rel_secrets': SECRETS})
    outcomes = runner_outcomes(events)
    assert outcomes['rejected'] == 'runner_on_failed' and outcomes['converged'] == 'runner_on_ok', outcomes
    assert stored_default(sim) == [DEFAULT_C]
    assert len(texts) > 10
    assert_no_secret(secrets_of(sim, *SENSITIVE), *texts)


# ---------------------------------------------------------------------------------------------------- reading

def test_script_info_and_export_scripts_hide_password_defaults(sim, rba, ansible, tmp_path):
    """The simulator answers the default in clear: format api masks it, format options (and the export_scripts role,
    which writes files) replaces it with a Vault placeholder."""
    sim.control.seed_rba_scripts({'name': SCRIPT, 'category': rba, 'description': 'Mounts the ops share',
                                  'executionType': 'SHELL', 'platforms': ['LINUX'], 'content': BODY, 'parameters': [
                                      {'name': 'share', 'description': 'host of the share', 'type': 'OPTIONAL',
                                       'dataType': 'STRING', 'defaultValue': 'files.example.com'},
                                      {'name': 'share_password', 'description': 'password of the share',
                                       'type': 'OPTIONAL', 'dataType': 'PASSWORD', 'defaultValue': DEFAULT_A}]})
    export_dir = tmp_path / 'exported'
    run = play(ansible, [
        job_task('api', module=INFO_MODULE),
        job_task('api-by-name', module=INFO_MODULE, category=CATEGORY, name=SCRIPT),
        job_task('options', module=INFO_MODULE, format='options'),
        {'name': 'export', 'ansible.builtin.include_role': {'name': 'opsramp.automation.export_scripts'},
         'vars': {'export_scripts_dir': str(export_dir)}},
    ])
    for task in ('api', 'api-by-name'):
        scripts = run.result(task)['scripts']
        assert [[p.get('defaultValue') for p in s['parameters']] for s in scripts] == [['files.example.com', '********']]
    options = run.result('options')
    assert options['scripts'][0]['parameters'][1]['default'] == '{{ %s }}' % VAULT_VARIABLE
    assert options['scripts'][0]['parameters'][0]['default'] == 'files.example.com'
    assert options['secret_variables'] == [VAULT_VARIABLE]
    assert list(options['files'].values()) == [BODY]

    files = {}
    for name in sorted(os.listdir(str(export_dir))):
        with open(str(export_dir / name)) as handle:
            files[name] = handle.read()
    assert sorted(files) == sorted(options['option_files'] + list(options['files']))
    option_file = files[options['option_files'][0]]
    assert "default: '{{ %s }}'" % VAULT_VARIABLE in option_file and 'files.example.com' in option_file
    assert VAULT_VARIABLE in run.result('opsramp.automation.export_scripts : Say which Vault variables the files expect')['msg']

    # the server did answer the default in clear: only the collection hid it
    assert direct_read(sim, rba)[0]['parameters'][1]['defaultValue'] == DEFAULT_A
    assert_no_secret(secrets_of(sim, *SENSITIVE), *(run.texts() + list(files.values())))


# ---------------------------------------------------------------------------------------------------- opsramp_jobs

def test_bulk_scripts_and_jobs_at_vvvv_with_diff_summary_and_prune(sim, rba, ansible):
    # the second update of the job (rejected) is refused, echoing the value stored and the one sent
    refused = echo_fault(sim, r'/jobs/[0-9a-f-]{36}$', (VALUE_B, VALUE_C), after=1)
    run = play(ansible, [
        dict(bulk_task('preview', DEFAULT_A, VALUE_A), check_mode=True),
        bulk_task('create', DEFAULT_A, VALUE_A),
        bulk_task('converged', DEFAULT_A, VALUE_A),
        bulk_task('update', DEFAULT_B, VALUE_B, update_password='always'),
        bulk_task('rejected', DEFAULT_B, VALUE_C),
        job_task('prune', module=BULK_MODULE, scripts=[], jobs=[], prune=True, prune_prefix='rel-'),
    ])

    preview = run.result('preview')
    assert preview['changed'] and preview['scripts']['created'] == [SCRIPT] and preview['created'] == [JOB]
    assert run.requests('preview', kind='write') == []

    created = run.result('create')
    assert created['scripts']['created'] == [SCRIPT] and created['created'] == [JOB]
    assert sent_defaults(run, 'create') == [DEFAULT_A] and sent_job_values(run, 'create') == ['files.example.com', VALUE_A]
    for task in ('preview', 'create'):
        result = run.result(task)
        job_after = result['diffs'][JOB]['after']['custom_script']['parameters']
        assert [p['value'] for p in job_after] == [MASKS[0], MASKS[0]], task
        script_after = result['scripts']['diffs'][SCRIPT]['after']['parameters']
        assert [p.get('default') for p in script_after] == ['files.example.com', None], task  # sent, not compared
        assert '### OpsRamp scripts' in result['summary'] and '### OpsRamp jobs' in result['summary'], task
        args = result['invocation']['module_args']
        assert [p['default'] for p in args['scripts'][0]['parameters']] == [MASKS[1], MASKS[1]], task
        assert [p['value'] for p in args['jobs'][0]['custom_script']['parameters']] == [MASKS[1], MASKS[1]], task

    converged = run.result('converged')
    assert converged['changed'] is False and run.requests('converged', kind='write') == []
    assert converged['scripts']['unchanged'] == [SCRIPT] and converged['unchanged'] == [JOB]

    updated = run.result('update')
    assert updated['scripts']['updated'] == [SCRIPT] and updated['updated'] == [JOB]
    assert sent_defaults(run, 'update') == [DEFAULT_B] and sent_job_values(run, 'update') == ['files.example.com', VALUE_B]
    before = updated['diffs'][JOB]['before']['custom_script']['parameters']
    assert [p['value'] for p in before] == [MASKS[0], MASKS[0]]
    script_after = updated['scripts']['diffs'][SCRIPT]['after']['parameters']
    assert [p.get('default') for p in script_after] == ['files.example.com', '********']  # update_password always

    rejected = run.result('rejected')
    assert rejected['failed'] and rejected['errors'][0]['job'].startswith('jobs[0]')
    assert refused in rejected['errors'][0]['msg'] and refused in rejected['msg'], rejected['errors']
    assert sent_job_values(run, 'rejected') == ['files.example.com', VALUE_C]

    pruned = run.result('prune')
    assert pruned['deleted'] == [JOB] and pruned['scripts']['deleted'] == [SCRIPT]
    assert sim.control.jobs() == [] and sim.control.rba()['scripts'] == []
    assert_masked_everywhere(sim, run.texts(), run.output)


# ---------------------------------------------------------------------------------------------------- the target's log

@pytest.mark.parametrize('module', ['opsramp_script', 'opsramp_jobs'])
def test_invocation_logged_on_the_target_hides_password_defaults(sim, rba, collections_root, module):
    """AnsibleModule logs its arguments (syslog or journal) before the module runs: a task that declares a PASSWORD
    parameter hides every default (ScriptResource.hide_in_spec), and the sensitive value of a job's parameter."""
    if module == 'opsramp_script':
        args = script_args(DEFAULT_A)
    else:
        args = dict(scripts=[script_args(DEFAULT_A)], jobs=[named_job(VALUE_A)])
    args.update(url=sim.url, tenant_id=TENANT, client_id=CLIENT_ID, client_secret=CLIENT_SECRET, _ansible_check_mode=True)
    logged, stdout, stderr = logged_invocation(collections_root, module, args)
    assert len(logged) == 1 and logged[0]['msg'].startswith('Invoked with ')
    log_args = logged[0]['log_args']
    assert log_args['client_secret'] == 'NOT_LOGGING_PARAMETER'
    assert '********' in str(log_args['parameters'] if module == 'opsramp_script' else log_args['scripts'])
    if module == 'opsramp_jobs':
        assert '********' in str(log_args['jobs'])
    assert json.loads(stdout)['changed'] is True
    assert_no_secret([CLIENT_SECRET, DEFAULT_A, VALUE_A] + list(sim.control.tokens()), stdout, stderr)
