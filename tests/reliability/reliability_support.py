# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Run the collection's real modules and roles through ``ansible-playbook`` against the OpsRamp simulator.

``Ansible.play(tasks)`` writes a one-play playbook for localhost, runs it in a subprocess with the staged collection on
``ANSIBLE_COLLECTIONS_PATH`` and the ``reliability_record`` callback enabled, and returns a ``PlayRun``: the return
code, the whole output, and one record per task result (``result``, ``status`` and the simulator ``requests`` that task
caused). Secrets are checked with ``assert_no_secret``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import re
import subprocess
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SIMULATOR_DIR = os.path.join(ROOT, 'tests', 'simulator')
CALLBACK_DIR = os.path.join(HERE, 'callback_plugins')
TENANT = 'client_1'
CLIENT_ID = 'rel-client'
JOBS_PATH = '/api/v2/tenants/%s/jobs' % TENANT
SECRET_ENV = 'RELIABILITY_CLIENT_SECRET'
SECRET_LOOKUP = "{{ lookup('ansible.builtin.env', '%s') }}" % SECRET_ENV
# how a secret shows when hidden: by the collection (a field) or by Ansible (a no_log option)
MASKS = ('********', 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER')

if SIMULATOR_DIR not in sys.path:
    sys.path.insert(0, SIMULATOR_DIR)


def stage_collection(stage_root):
    """Copy the working tree to ``<stage_root>/ansible_collections/opsramp/automation`` (ci/stage.sh)."""
    subprocess.run(['bash', os.path.join(ROOT, 'ci', 'stage.sh'), stage_root], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    return stage_root


def when_fault_fires(sim, action, count=1, limit=30.0):
    """Run ``action()`` in a thread as soon as the fault rules have fired ``count`` times in total."""
    return sim.control.when_faults_fired(action, count=count, limit=limit)


class PlayRun:
    """The outcome of one ``ansible-playbook`` run."""

    def __init__(self, command, returncode, stdout, stderr, records):
        self.command = command
        self.rc = returncode
        self.stdout = stdout
        self.stderr = stderr
        self.records = records

    @property
    def output(self):
        return self.stdout + '\n' + self.stderr

    def __repr__(self):
        return 'PlayRun(rc=%s)\n--- stdout\n%s\n--- stderr\n%s' % (self.rc, self.stdout[-6000:], self.stderr[-3000:])

    def task(self, name):
        """The (last) result record of the task called ``name``."""
        matches = [record for record in self.records if record['task'] == name]
        assert matches, 'no result for task %r in %r' % (name, [r['task'] for r in self.records])
        return matches[-1]

    def result(self, name):
        """The result of task ``name``; ``failed`` is set from the callback status (2.19 hands it on separately)."""
        record = self.task(name)
        result = dict(record['result'])
        result.setdefault('failed', record['status'] == 'failed')
        return result

    def requests(self, name=None, kind=None, method=None, path=None):
        """Simulator requests caused by the task ``name`` (all tasks when None), filtered like the unit tests do."""
        records = self.records if name is None else [self.task(name)]
        entries = [entry for record in records for entry in record.get('requests') or []]
        if kind is not None:
            entries = [e for e in entries if e['kind'] == kind]
        if method is not None:
            entries = [e for e in entries if e['method'] == method]
        if path is not None:
            entries = [e for e in entries if re.search(path, e['path'])]
        return entries

    def texts(self):
        """Everything this run showed or kept: its output and every task result (what a callback, AWX for one,
        stores), without the simulator's own request log that the records carry (it holds what was sent)."""
        results = [dict((key, value) for key, value in record.items() if key != 'requests') for record in self.records]
        return [self.stdout, self.stderr, json.dumps(results)]


class Ansible:
    """Plays for localhost against one simulator (``sim``), in a private work directory."""

    def __init__(self, collections_root, workdir, sim=None, client_secret=None):
        self.collections_root = collections_root
        self.workdir = workdir
        self.sim = sim
        self.client_secret = client_secret
        self.runs = 0
        os.makedirs(workdir, exist_ok=True)
        self.inventory = os.path.join(workdir, 'inventory.ini')
        with open(self.inventory, 'w') as handle:
            handle.write('localhost ansible_connection=local ansible_python_interpreter=%s\n' % sys.executable)

    def connection(self, **overrides):
        """The connection options for the simulator, as module_defaults take them.

        The client secret comes from an environment variable, as a vault or AWX credential would provide it: a
        literal in the playbook would be shown by Ansible itself, which prints the source of a failed task at -vvvv.
        """
        options = dict(url=self.sim.url, tenant_id=TENANT, client_id=CLIENT_ID, client_secret=SECRET_LOOKUP)
        options.update(overrides)
        return dict((key, value) for key, value in options.items() if value is not None)

    def env(self, record, extra=None, record_requests=True):
        env = dict((key, value) for key, value in os.environ.items()
                   if not key.startswith(('OPSRAMP_', 'ANSIBLE_', 'REQUESTS_CA_BUNDLE', 'CURL_CA_BUNDLE')))
        home = os.path.join(self.workdir, 'ansible-home')
        env.update({
            'ANSIBLE_COLLECTIONS_PATH': self.collections_root,
            'ANSIBLE_COLLECTIONS_SCAN_SYS_PATH': 'false',
            'ANSIBLE_CALLBACK_PLUGINS': CALLBACK_DIR,
            'ANSIBLE_CALLBACKS_ENABLED': 'reliability_record',
            'ANSIBLE_HOME': home,
            'ANSIBLE_LOCAL_TEMP': os.path.join(home, 'tmp'),
            'ANSIBLE_REMOTE_TEMP': os.path.join(home, 'remote-tmp'),
            'ANSIBLE_NOCOLOR': '1',
            'ANSIBLE_FORCE_COLOR': '0',
            'ANSIBLE_LOCALHOST_WARNING': 'false',
            'ANSIBLE_RETRY_FILES_ENABLED': 'false',
            'ANSIBLE_PYTHON_INTERPRETER': sys.executable,
            'RELIABILITY_RECORD': record,
            SECRET_ENV: self.client_secret or '',
            'PYTHONDONTWRITEBYTECODE': '1',
            'NO_PROXY': '127.0.0.1,localhost',
            'no_proxy': '127.0.0.1,localhost',
        })
        if self.sim is not None and record_requests:
            env['RELIABILITY_SIM_URL'] = self.sim.control.url
        env.update(extra or {})
        return env

    def vars_file(self, data, name='secrets.yml'):
        """The path of a vars file holding ``data`` in the work directory, for ``vars_files``: values a vault would
        hold (Ansible prints the source lines of a failed task at -vvvv, so a literal there would show)."""
        path = os.path.join(self.workdir, name)
        with open(path, 'w') as handle:
            yaml.safe_dump(data, handle)
        return path

    def playbook(self, tasks, module_defaults=None, play_vars=None, hosts='localhost', **play):
        """A one-play playbook: ``module_defaults`` None means the simulator connection for the whole group."""
        if module_defaults is None:
            module_defaults = {'group/opsramp.automation.all': self.connection()}
        document = dict(name='reliability', hosts=hosts, gather_facts=False, tasks=list(tasks))
        if module_defaults:
            document['module_defaults'] = module_defaults
        if play_vars:
            document['vars'] = play_vars
        document.update(play)
        return [document]

    def play(self, tasks, check=False, diff=False, verbosity=0, env=None, extra_args=(), timeout=600,
             record_requests=True, inventory=None, **playbook_options):
        """Run ``tasks``; returns a PlayRun (it does not fail on a failed play: tests look at the results)."""
        self.runs += 1
        name = 'play-%03d' % self.runs
        path = os.path.join(self.workdir, name + '.yml')
        record = os.path.join(self.workdir, name + '.jsonl')
        with open(path, 'w') as handle:
            yaml.safe_dump(self.playbook(tasks, **playbook_options), handle, sort_keys=False)
        command = [os.path.join(os.path.dirname(sys.executable), 'ansible-playbook'), '-i', inventory or self.inventory,
                   path]
        if check:
            command.append('--check')
        if diff:
            command.append('--diff')
        if verbosity:
            command.append('-' + 'v' * verbosity)
        command.extend(extra_args)
        process = subprocess.run(command, cwd=self.workdir, env=self.env(record, env, record_requests),
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout, check=False)
        records = []
        if os.path.exists(record):
            with open(record) as handle:
                records = [json.loads(line) for line in handle if line.strip()]
        return PlayRun(command, process.returncode, process.stdout.decode('utf-8', 'replace'),
                       process.stderr.decode('utf-8', 'replace'), records)


def job_task(title, module='opsramp.automation.opsramp_job', **args):
    """A task named ``title`` calling ``module`` with ``args``; a failure is recorded, not fatal."""
    return {'name': title, module: args, 'ignore_errors': True}


def assert_no_secret(secrets, *texts):
    """None of ``secrets`` (non-empty strings) appears in any of ``texts``; the message shows where, not what."""
    secrets = [secret for secret in secrets if secret]
    assert secrets, 'no secret to look for'
    for index, text in enumerate(texts):
        for number, secret in enumerate(secrets):
            position = text.find(secret)
            assert position < 0, 'secret #%d leaked in text #%d near: %r' % (
                number, index, text[max(0, position - 120):position].replace(secret, '<SECRET>'))


def run_with_ansible_runner(ansible, private, tasks, cmdline='--diff', verbosity=4, secret_vars=None):
    """Run ``tasks`` as AWX does, through ``ansible_runner.run`` (process isolation off) in the private data directory
    ``private`` (a pathlib.Path); returns ``(events, texts)``: the job events, and the events with the content of
    every file ansible-runner wrote under ``artifacts/``.

    The connection (and ``secret_vars``, more variables) comes from a vars file, as a vault would hold it: an
    environment variable would be in the artifacts (ansible-runner writes its environment into
    artifacts/<id>/command).
    """
    import ansible_runner  # the caller skips its test without it (pytest.importorskip)

    (private / 'project').mkdir(parents=True, exist_ok=True)
    (private / 'project' / 'connection.yml').write_text(yaml.safe_dump(dict(
        secret_vars or {}, opsramp_connection=ansible.connection(client_secret=ansible.client_secret))))
    playbook = ansible.playbook(tasks, module_defaults={'group/opsramp.automation.all': '{{ opsramp_connection }}'},
                                vars_files=['connection.yml'])
    (private / 'project' / 'site.yml').write_text(yaml.safe_dump(playbook, sort_keys=False))
    env = ansible.env(str(private / 'unused.jsonl'), record_requests=False)
    for name in ('ANSIBLE_CALLBACKS_ENABLED', 'ANSIBLE_CALLBACK_PLUGINS', 'RELIABILITY_RECORD', SECRET_ENV):
        env.pop(name)
    env['PATH'] = os.path.dirname(sys.executable) + os.pathsep + env.get('PATH', '')
    saved = dict(os.environ)
    try:
        os.environ.clear()
        os.environ.update(env)
        result = ansible_runner.run(private_data_dir=str(private), playbook='site.yml', quiet=True, cmdline=cmdline,
                                    verbosity=verbosity, process_isolation=False, inventory=ansible.inventory)
    finally:
        os.environ.clear()
        os.environ.update(saved)
    events = list(result.events)
    texts = [json.dumps(events)]
    for root, _dirs, files in os.walk(str(private / 'artifacts')):
        for name in files:
            with open(os.path.join(root, name), 'rb') as handle:
                texts.append(handle.read().decode('utf-8', 'replace'))
    return events, texts


def runner_outcomes(events):
    """``{task name: the event of its (last) result}``, ``runner_on_ok``, ``runner_on_failed``..."""
    return dict((event['event_data'].get('task'), event['event']) for event in events
                if event['event'].startswith('runner_on_'))


INVOCATION_SCRIPT = r'''
import contextlib, importlib, json, sys
sys.path.insert(0, sys.argv[1])
from ansible.module_utils import basic
args = json.loads(sys.argv[3])
try:
    from ansible.module_utils.testing import patch_module_args  # ansible-core 2.19 and later
    arguments = patch_module_args(args)
except ImportError:
    basic._ANSIBLE_ARGS = json.dumps({'ANSIBLE_MODULE_ARGS': args}).encode('utf-8')
    arguments = contextlib.nullcontext()
logged = []
basic.AnsibleModule.log = lambda self, msg, log_args=None: logged.append({'msg': msg, 'log_args': log_args})
module = importlib.import_module('ansible_collections.opsramp.automation.plugins.modules.' + sys.argv[2])
with arguments:
    try:
        module.main()
    except SystemExit:
        pass
sys.stderr.write('\nLOGGED ' + json.dumps(logged, default=str) + '\n')
'''


def logged_invocation(collections_root, module, args, timeout=120):
    """Run the module ``module`` (``opsramp_job``) of the staged collection in a Python process with ``args``,
    catching what AnsibleModule logs (syslog or journal) before the module runs; returns ``(logged, stdout, stderr)``:
    the log calls (``msg``, ``log_args``), the module's output (its result) and its error output."""
    process = subprocess.run([sys.executable, '-c', INVOCATION_SCRIPT, collections_root, module, json.dumps(args)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout, check=False)
    stderr = process.stderr.decode('utf-8', 'replace')
    stdout = process.stdout.decode('utf-8', 'replace')
    assert 'LOGGED ' in stderr, stderr
    return json.loads(stderr.split('LOGGED ', 1)[1]), stdout, stderr
