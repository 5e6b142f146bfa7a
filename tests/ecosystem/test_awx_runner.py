# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""An AWX / Automation Controller job, without AWX: the example project run through ansible-runner.

AWX runs a job template by handing ansible-runner a private data directory: the project, an inventory, the extra
variables, and the environment the credentials' injectors produce. These tests do the same (process isolation off),
with the "OpsRamp API" credential type's injectors rendered the way AWX renders them, against the simulator, and
read the outcome the way AWX does: the runner's status and events.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import shutil
import stat
import subprocess

import ansible_runner
import pytest
import yaml
from jinja2.sandbox import ImmutableSandboxedEnvironment

from conftest import BIN, ROOT, tool

CREDENTIAL_TYPE = os.path.join(ROOT, 'extras', 'awx', 'credential_type.yml')
PROJECT = os.path.join(ROOT, 'examples', 'awx')
PLAYBOOK = 'playbooks/weekly_job.yml'
# AWX's "Demo Inventory": localhost, run by the controller's own Python.
INVENTORY = 'localhost ansible_connection=local ansible_python_interpreter="{{ ansible_playbook_python }}"\n'
MODULE = 'opsramp.automation.opsramp_job'


def render_injected_env(credential_inputs):
    """The environment AWX gives a job that uses a credential of the shipped type (awx CredentialType.inject_credential:
    absent booleans become False, each env injector is rendered in a sandboxed Jinja environment)."""
    with open(CREDENTIAL_TYPE) as f:
        credential_type = yaml.safe_load(f)
    namespace = dict(credential_inputs)
    for field in credential_type['inputs']['fields']:
        if field.get('type') == 'boolean' and field['id'] not in namespace:
            namespace[field['id']] = False
    sandbox = ImmutableSandboxedEnvironment()
    return dict((name, sandbox.from_string(template).render(**namespace))
                for name, template in credential_type['injectors']['env'].items())


@pytest.fixture
def credential(simulator, client_secret):
    """The inputs of a credential of the "OpsRamp API" type pointing at the simulator."""
    return dict(url=simulator.url, tenant_id='client_1', client_id='demo-client', client_secret=client_secret,
                validate_certs=True)


@pytest.fixture
def extra_vars():
    with open(os.path.join(PROJECT, 'extra_vars.yml')) as f:
        return yaml.safe_load(f)


@pytest.fixture
def job_template(tmp_path, installed_collections, monkeypatch):
    """Run the example project like an AWX job template; returns (runner, private data dir)."""
    for name in list(os.environ):
        if name.startswith('OPSRAMP_'):  # the credential must be the only source of the connection
            monkeypatch.delenv(name)
    counter = [0]

    def run(extravars, injected_env, check=False, diff=False, verbosity=1):
        counter[0] += 1
        pdd = tmp_path / ('job%d' % counter[0])
        shutil.copytree(PROJECT, str(pdd / 'project'))
        envvars = dict(injected_env)
        # what the execution environment and the project sync provide
        envvars.update(PATH=BIN + os.pathsep + os.environ.get('PATH', ''), ANSIBLE_COLLECTIONS_PATH=installed_collections,
                       ANSIBLE_NOCOLOR='1', ANSIBLE_LOCALHOST_WARNING='0')
        cmdline = ' '.join(option for option, wanted in (('--check', check), ('--diff', diff)) if wanted)
        runner = ansible_runner.run(
            private_data_dir=str(pdd), playbook=PLAYBOOK, inventory=INVENTORY, extravars=extravars, envvars=envvars,
            cmdline=cmdline or None, verbosity=verbosity, quiet=True,
            suppress_env_files=True)  # as AWX does: the injected environment is not written to <pdd>/env
        return runner, pdd

    return run


def module_results(runner):
    """The opsramp_job results, from the runner_on_ok events (AWX's job events)."""
    return [event['event_data']['res'] for event in runner.events
            if event.get('event') == 'runner_on_ok' and event['event_data'].get('task_action') == MODULE]


def writes(simulator):
    return [entry for entry in simulator.control.requests() if entry['kind'] == 'write']


def assert_no_leak(pdd, secret):
    """The secret is in no artifact AWX keeps or shows: stdout, stderr, status, job events.

    The only file that may hold it is ansible-runner's own ``artifacts/<ident>/command``, which records the
    environment it started ansible-playbook with (mode 0600, in the job's private data directory, which AWX deletes
    when the job ends).
    """
    leaks = []
    for folder, _dirs, files in os.walk(str(pdd)):
        for name in files:
            path = os.path.join(folder, name)
            with open(path, 'rb') as f:
                if secret.encode('utf-8') in f.read():
                    leaks.append(os.path.relpath(path, str(pdd)))
    for leak in leaks:
        parts = leak.split(os.sep)
        assert parts[0] == 'artifacts' and parts[-1] == 'command' and len(parts) == 3, 'the secret leaked into %s' % leak
        assert stat.S_IMODE(os.stat(os.path.join(str(pdd), leak)).st_mode) == 0o600
    artifacts = os.path.join(str(pdd), 'artifacts')
    idents = os.listdir(artifacts)
    assert len(idents) == 1
    job_events = os.listdir(os.path.join(artifacts, idents[0], 'job_events'))
    assert job_events, 'no job events were written: the scan above proved nothing'
    with open(os.path.join(artifacts, idents[0], 'stdout')) as f:
        assert 'PLAY RECAP' in f.read()


def test_job_template_run_check_and_rerun(simulator, credential, extra_vars, job_template, client_secret):
    injected = render_injected_env(credential)
    assert injected == {
        'OPSRAMP_URL': simulator.url, 'OPSRAMP_TENANT_ID': 'client_1', 'OPSRAMP_CLIENT_ID': 'demo-client',
        'OPSRAMP_CLIENT_SECRET': client_secret, 'OPSRAMP_VALIDATE_CERTS': 'True'}
    # nothing in the project or the extra variables names the tenant or the credentials
    assert not any(name.startswith('weekly_job_') and name[len('weekly_job_'):] in credential for name in extra_vars)

    # 1. a "Run" job with "Show Changes" at verbosity 3 (Debug): creates the job
    runner, pdd = job_template(extra_vars, injected, diff=True, verbosity=3)
    assert (runner.status, runner.rc) == ('successful', 0), runner.stdout.read()
    assert runner.stats['changed'] == {'localhost': 1} and not runner.stats['failures']
    results = module_results(runner)
    assert len(results) == 1
    created = results[0]
    assert created['changed'] is True
    assert created['diff']['before'] == {}
    assert created['diff']['after']['schedule'] == {'type': 'weekly', 'week_days': ['Monday', 'Thursday'], 'start_time': '05:30Z'}
    stored = simulator.control.jobs()
    assert [job['id'] for job in stored] == [created['job']['id']]
    job = stored[0]
    assert job['tenant'] == 'client_1'
    assert job['name'] == extra_vars['weekly_job_name']
    assert job['script']['jobType'] == 'adCheckList'
    assert job['schedule']['pattern'] == {'type': 'weekly', 'weekDays': 'Monday, Thursday'}
    assert job['schedule']['startDate'].endswith('T05:30:00+0000')  # 06:30 at UTC+01:00
    assert [entry['body']['client_id'] for entry in simulator.control.requests() if entry['kind'] == 'token'] == ['demo-client']
    if 'invocation' in created:  # the module arguments, with the environment fallbacks applied (ansible-core 2.19)
        assert created['invocation']['module_args']['client_secret'] == 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER'
        assert created['invocation']['module_args']['url'] == simulator.url
    assert_no_leak(pdd, client_secret)

    # 2. the same job template again: nothing to do, nothing written
    simulator.control.clear_requests()
    runner, pdd = job_template(extra_vars, injected)
    assert (runner.status, runner.rc) == ('successful', 0), runner.stdout.read()
    assert runner.stats['changed'] == {} and module_results(runner)[0]['changed'] is False
    assert writes(simulator) == []
    assert_no_leak(pdd, client_secret)

    # 3. a "Check" job with "Show Changes" for an edited survey answer: reports the change, writes nothing
    edited = dict(extra_vars, weekly_job_week_days=['Monday', 'Wednesday', 'Friday'])
    runner, pdd = job_template(edited, injected, check=True, diff=True)
    assert (runner.status, runner.rc) == ('successful', 0), runner.stdout.read()
    result = module_results(runner)[0]
    assert result['changed'] is True and result['changes'] == ['schedule.week_days']
    assert result['diff']['before']['schedule']['week_days'] != result['diff']['after']['schedule']['week_days']
    assert writes(simulator) == []
    assert simulator.control.jobs()[0]['schedule']['pattern']['weekDays'] == 'Monday, Thursday'
    with open(os.path.join(str(pdd), 'artifacts', os.listdir(os.path.join(str(pdd), 'artifacts'))[0], 'stdout')) as f:
        stdout = f.read()
    assert 'week_days' in stdout and 'Wednesday' in stdout  # the diff AWX shows in the job output
    assert_no_leak(pdd, client_secret)


def test_job_template_without_the_credential_fails_clearly(simulator, credential, extra_vars, job_template, client_secret):
    """A job template whose OpsRamp credential is missing, or incomplete, fails before any request is sent,
    naming the environment variable to set."""
    injected = render_injected_env(credential)
    del injected['OPSRAMP_CLIENT_SECRET']
    runner, pdd = job_template(extra_vars, injected)
    assert runner.status == 'failed' and runner.rc != 0
    failures = [event['event_data']['res'] for event in runner.events if event.get('event') == 'runner_on_failed']
    assert len(failures) == 1
    assert 'OPSRAMP_CLIENT_SECRET' in failures[0]['msg']
    assert simulator.control.requests() == []
    assert_no_leak(pdd, client_secret)


def test_credential_type_validate_certs_is_injected_as_a_boolean(credential):
    """AWX renders a boolean input as "True" or "False": the modules must read both as the boolean meant."""
    from ansible.module_utils.parsing.convert_bool import boolean

    assert boolean(render_injected_env(credential)['OPSRAMP_VALIDATE_CERTS']) is True
    assert boolean(render_injected_env(dict(credential, validate_certs=False))['OPSRAMP_VALIDATE_CERTS']) is False


# ---------------------------------------------------------------------------------------------------- job slicing
# A partner's clients as the inventory (examples/msp), and a job template with job slicing: AWX syncs the inventory
# source once (ansible-inventory --list --export with the credential's environment), then runs one job per slice,
# each with an inventory of its own hosts: the hosts sorted by name, slice N of M taking every Mth from the Nth
# (awx/main/models/inventory.py, Inventory.get_sliced_hosts). The slices share nothing, not even a token.

MSP_PROJECT = os.path.join(ROOT, 'examples', 'msp')
MSP_PARTNER, MSP_KEY = 'msp_7', 'msp-partner-key'
MSP_SLICES = 2
MSP_BASELINE = ['msp-nightly-config-backup', 'msp-weekly-ad-checklist', 'msp-weekly-asset-inventory']


class _UnsafeAsText(yaml.SafeLoader):
    """Reads ansible-inventory's YAML, whose values from the API come tagged !unsafe, as plain text."""


_UnsafeAsText.add_constructor('!unsafe', lambda loader, node: loader.construct_scalar(node))


def sync_inventory(project, environment, installed_collections):
    """The inventory update of an inventory source "Sourced from a Project" (inventory/clients.opsramp_tenants.yml)."""
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=installed_collections, ANSIBLE_NOCOLOR='1',
               ANSIBLE_CONFIG=os.path.join(project, 'ansible.cfg'), **environment)
    listed = subprocess.run([tool('ansible-inventory'), '-i', os.path.join('inventory', 'clients.opsramp_tenants.yml'),
                             '--list', '--export', '--yaml'], cwd=project, env=env, check=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
    return yaml.load(listed.stdout, Loader=_UnsafeAsText)


def sliced_inventory(synced, slice_number, slice_count):
    """What AWX gives slice ``slice_number``: its hosts (round robin over the hosts sorted by name), with their
    variables, in the groups they belong to, with the groups' variables."""
    clients = synced['all']['children']['opsramp_clients']
    hosts = sorted(clients['hosts'])[slice_number - 1::slice_count]
    group = dict(vars=clients.get('vars', {}), hosts=dict((name, clients['hosts'][name]) for name in hosts))
    return dict(all=dict(children=dict(opsramp_clients=group))), hosts


def test_sliced_job_each_slice_touches_only_its_clients(simulator, installed_collections, client_secret, tmp_path,
                                                        monkeypatch):
    for name in list(os.environ):
        if name.startswith('OPSRAMP_'):
            monkeypatch.delenv(name)
    clients = [c['uniqueId'] for c in simulator.control.seed_partner(MSP_PARTNER, count=6)['clients']]
    simulator.control.seed_integration(MSP_KEY, client_secret, MSP_PARTNER)
    simulator.control.seed_resources([dict(id='sw-' + client, name='core-sw-01', tenant=client) for client in clients])
    # the partner's credential: the inventory source and the job template use the same one
    injected = render_injected_env(dict(url=simulator.url, tenant_id=MSP_PARTNER, client_id=MSP_KEY,
                                        client_secret=client_secret, validate_certs=True))
    project = str(tmp_path / 'project')
    shutil.copytree(MSP_PROJECT, project)
    inventory_file = os.path.join(project, 'inventory', 'clients.opsramp_tenants.yml')
    with open(inventory_file) as f:
        source = f.read().replace('~/.cache/opsramp.automation/tenants', str(tmp_path / 'cache'))
    with open(inventory_file, 'w') as f:
        f.write(source)
    synced = sync_inventory(project, injected, installed_collections)
    assert sorted(synced['all']['children']['opsramp_clients']['hosts']) == clients
    assert synced['all']['children']['opsramp_clients']['vars']['msp_prefix'] == 'msp-'   # group_vars, exported
    simulator.control.clear_requests()

    touched, tokens = {}, []
    for slice_number in range(1, MSP_SLICES + 1):
        inventory, hosts = sliced_inventory(synced, slice_number, MSP_SLICES)
        pdd = tmp_path / ('slice%d' % slice_number)
        shutil.copytree(project, str(pdd / 'project'), ignore=shutil.ignore_patterns('inventory'))
        envvars = dict(injected, PATH=BIN + os.pathsep + os.environ.get('PATH', ''), ANSIBLE_NOCOLOR='1',
                       ANSIBLE_COLLECTIONS_PATH=installed_collections)
        runner = ansible_runner.run(private_data_dir=str(pdd), playbook='baseline.yml', inventory=inventory,
                                    envvars=envvars, quiet=True, suppress_env_files=True)
        assert (runner.status, runner.rc) == ('successful', 0), runner.stdout.read()
        assert sorted(runner.stats['changed']) == hosts and not runner.stats['failures']
        log = simulator.control.requests(clear=True)
        touched[slice_number] = sorted(set(entry['path'].split('/')[4] for entry in log if entry['kind'] == 'write'))
        tokens.append(len([entry for entry in log if entry['kind'] == 'token']))
        assert touched[slice_number] == hosts, 'slice %d wrote to other clients than its own' % slice_number
        for client in hosts:
            assert sorted(job['name'] for job in simulator.control.jobs(tenant=client)) == MSP_BASELINE[:(
                2 if client == 'client_1003' else 3)]      # the example's host_vars/client_1003.yml: no asset inventory
        assert_no_leak(pdd, client_secret)

    assert touched == {1: clients[0::2], 2: clients[1::2]}
    assert tokens == [1, 1]                  # one token per slice: each slice is a job of its own
    assert sum(len(simulator.control.jobs(tenant=client)) for client in clients) == 3 * len(clients) - 1
