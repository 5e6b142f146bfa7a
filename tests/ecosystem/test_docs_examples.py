# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The guides run as written: every shell command and playbook snippet of the pages in PAGES, against the simulator.

The snippets are found by parsing the pages, so a new one runs here without a change to this file (and fails the
test until it works, or until SKIP lists it with the reason it cannot run here). Each page runs in document order, in
a clean checkout (the checkout's files in a fresh git work tree, nothing built, the test's virtualenv as ``.venv``)
or in an empty project directory, with the collection installed from the built tarball:

- a ``bash`` block: each command in its own bash process, as a user types it; the environment and the directory it
  leaves (``export``, ``cd``) carry over to the next command of the page.
- a ``yaml`` or ``ini`` block after a line that names a file ("`jobs.yml`:") is written to that file, unless it is a
  list of tasks, which is an excerpt of that playbook (below).
- a ``yaml`` list of tasks runs as a play: the play of the playbook file the line before names (an excerpt of
  ``site.yml``), else that of the page's last playbook, else a bare play on localhost. Consecutive lists run as one play.
- a ``yaml`` playbook that no command of the page runs is run with ``ansible-playbook``, taking a ``yaml`` mapping of
  variables that follows it as extra vars (as an AWX job template passes them).
- a ``yaml`` mapping with ``job_type`` is a GitOps job file, one with ``execution_type`` a GitOps script file: it must be
  the example's file it names (or of its job, or script).
- other blocks (``diff``, ``text``, unlabelled) show output or a layout and are not run.

Adapted, and only that: the examples' URL, tenant and client id become the simulator's (``adapt``), secrets come
from stdin (``read``) or from an extra-vars file (``vault_opsramp_*``), and a fixed scratch path becomes a temporary one.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import collections
import os
import re
import shutil
import subprocess

import pytest
import yaml

from conftest import BIN, GITOPS_CATEGORY, ROOT

# Commands that cannot run here, by page and command, each with its reason. A stale entry fails the test.
SKIP = {
    ('README.md', 'make test'):
        'runs every check of the project, this test among them; the lead and CI run it',
    ('docs/roles.md', 'ANSIBLE_COLLECTIONS_PATH=/tmp/opsramp-stage molecule test --all'):
        'the very command of `make molecule`, a step of `make test`: every scenario again here would cost minutes',
}

# Where each page runs, and whether the connection comes from the OPSRAMP_* variables (the pages that say so).
Page = collections.namedtuple('Page', 'directory connection_env fresh_tenant')
PAGES = {
    'README.md': Page('.', False, False),  # make demo starts its own simulator; the quick start has module_defaults
    'docs/quickstart.md': Page(None, False, False),  # an empty project directory; the page exports the connection
    'docs/schedules.md': Page(None, True, False),
    'docs/roles.md': Page('.', True, False),
    # the excerpt of site.yml and the preview/apply/check sequence are alternatives: each starts from an empty tenant
    # (but for the RBA category its scripts name, which the tenant holds as it holds the devices its jobs name)
    'docs/gitops.md': Page('examples/gitops', True, True),
}
INVENTORY_WARNINGS = ('No inventory was parsed', 'provided hosts list is empty')
ROLE_PATTERN_TYPES = {'opsramp.automation.daily_job': 'daily', 'opsramp.automation.weekly_job': 'weekly',
                      'opsramp.automation.monthly_job': 'monthly', 'opsramp.automation.run_once_job': 'run once'}

Snippet = collections.namedtuple('Snippet', 'line lang text intro')
FENCE = re.compile(r'^```(\w*)\n(.*?)^```', re.M | re.S)
NAMED_FILE = re.compile(r'`([\w./-]+\.(?:ya?ml|cfg|ini))`[^`]*:$')


def snippets(page):
    """The fenced blocks of ``page``, each with its line number and the line before it."""
    with open(os.path.join(ROOT, page)) as f:
        text = f.read()
    for match in FENCE.finditer(text):
        before = text[:match.start()].rstrip().splitlines()
        yield Snippet(text.count('\n', 0, match.start()) + 1, match.group(1), match.group(2),
                      before[-1] if before else '')


def commands(block):
    """The commands of a shell block: its lines without blank lines and comments, continuation lines joined."""
    found, pending = [], ''
    for line in block.splitlines():
        if not pending and (not line.strip() or line.lstrip().startswith('#')):
            continue
        pending += re.sub(r'\s+#\s[^\'"`]*$', '', line)  # a trailing comment, when it holds no quote
        if line.endswith('\\'):
            pending += '\n'
            continue
        found.append(pending)
        pending = ''
    return found


def recap_changed(output):
    recap = re.search(r'^localhost\s+:\s+ok=\d+\s+changed=(\d+)', output, re.M)
    return int(recap.group(1)) if recap else None


class Step:
    """One command or playbook run: what ran, its exit code and output, the writes that reached the simulator during
    it, and the names of the jobs the simulator held after it."""

    def __init__(self, what, done, writes, jobs, path=None):
        self.what = what
        self.path = path  # of the playbook, when the test ran one
        self.tasks = None  # the tasks, when the test ran a list of them
        self.rc = done.returncode
        self.output = done.stdout
        self.writes = writes
        self.jobs = jobs
        self.changed = recap_changed(done.stdout)


class Session:
    """A user's shell on one page: the environment and directory carry over from one command to the next."""

    def __init__(self, cwd, env, simulator, stdin, state):
        self.cwd = cwd
        self.env = env
        self.simulator = simulator
        self.stdin = stdin
        self.state = state  # a directory for what a command leaves behind: its environment and directory

    def _run(self, what, argv, path=None):
        self.simulator.control.clear_requests()
        done = subprocess.run(argv, cwd=self.cwd, env=self.env, input=self.stdin, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, universal_newlines=True, check=False)
        writes = [entry for entry in self.simulator.control.requests() if entry['kind'] == 'write']
        return Step(what, done, len(writes), sorted(job['name'] for job in self.simulator.control.jobs()), path)

    def shell(self, command):
        os.makedirs(self.state, exist_ok=True)
        env_file, pwd_file = os.path.join(self.state, 'env'), os.path.join(self.state, 'pwd')
        script = '%s\nstatus=$?\nenv -0 > %s\npwd > %s\nexit $status\n' % (command, env_file, pwd_file)
        step = self._run(command, ['bash', '-c', script])
        with open(env_file) as f:
            self.env = dict(entry.split('=', 1) for entry in f.read().split('\0') if '=' in entry)
        with open(pwd_file) as f:
            self.cwd = f.read().strip()
        return step

    def playbook(self, path, extra_vars=()):
        argv = [os.path.join(BIN, 'ansible-playbook'), path]
        for extra in extra_vars:
            argv += ['--extra-vars', '@' + extra]
        return self._run('ansible-playbook %s' % path, argv, path)


class PageRun:
    """Runs the snippets of one page in order (see the module docstring), keeping every step."""

    def __init__(self, page, session, adapt, credentials_file):
        self.page = page
        self.session = session
        self.adapt = adapt
        self.credentials_file = credentials_file
        self.steps = []
        self.skipped = []
        self.compared = []
        self.playbook_header = None
        self._snippets = list(snippets(page))
        self._commanded = '\n'.join(command for snippet in self._snippets if snippet.lang == 'bash'
                                    for command in commands(snippet.text))
        self._pending_tasks = []

    def run(self):
        for index, snippet in enumerate(self._snippets):
            if snippet.lang == 'bash':
                self._flush_tasks()
                self._fresh_tenant()
                for command in commands(snippet.text):
                    if (self.page, command) in SKIP:
                        self.skipped.append(command)
                    else:
                        self.steps.append(self.session.shell(self.adapt(command)))
            elif snippet.lang in ('yaml', 'ini'):
                self._file_or_play(snippet, self._snippets[index + 1:index + 2])
            else:
                assert snippet.lang in ('', 'text', 'diff'), '%s:%d: a %r block: teach %s to run it, or list it in SKIP' % (
                    self.page, snippet.line, snippet.lang, __file__)
        self._flush_tasks()
        stale = [key for key in SKIP if key[0] == self.page and key[1] not in self.skipped]
        assert not stale, 'SKIP names commands the page no longer has: %s' % stale
        return self

    def _file_or_play(self, snippet, following):
        named = NAMED_FILE.search(snippet.intro)
        data = yaml.safe_load(snippet.text) if snippet.lang == 'yaml' else None
        if isinstance(data, list) and data and 'hosts' not in data[0]:
            self._tasks(data, named.group(1) if named else None)
            return
        self._flush_tasks()
        if isinstance(data, dict) and 'job_type' in data:
            self._compare_file(data, named.group(1) if named else 'jobs/%s.yml' % data['name'], 'job')
        elif isinstance(data, dict) and 'execution_type' in data:
            self._compare_file(data, named.group(1) if named else 'scripts/%s.yml' % data['name'], 'script')
        elif isinstance(data, dict):
            assert self.steps and self.steps[-1].what.startswith('ansible-playbook'), (
                '%s:%d: variables that follow no playbook' % (self.page, snippet.line))
        else:
            assert named or isinstance(data, list), '%s:%d: a file block after no file name' % (self.page, snippet.line)
            path = named.group(1) if named else 'play-%d.yml' % snippet.line
            self._write(path, snippet.text)
            if isinstance(data, list):
                self.playbook_header = dict(data[0])
                if path not in self._commanded:  # nothing of the page runs it: run it as AWX would, vars included
                    self._run_playbook(path, following)

    def _write(self, path, text):
        path = os.path.join(self.session.cwd, path)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'w') as f:
            f.write(self.adapt(text))

    def _run_playbook(self, path, following):
        extra = [self.credentials_file]
        variables = yaml.safe_load(following[0].text) if following and following[0].lang == 'yaml' else None
        if isinstance(variables, dict) and 'job_type' not in variables:
            extra.append('vars-%d.yml' % following[0].line)
            self._write(extra[-1], following[0].text)
        self.steps.append(self.session.playbook(path, extra))

    def _fresh_tenant(self):
        if PAGES[self.page].fresh_tenant:
            control = self.session.simulator.control
            control.delete_jobs()
            control.delete_rba()
            control.seed_rba_categories([{'name': GITOPS_CATEGORY}], tenant='client_1')

    def _tasks(self, tasks, excerpt_of):
        header = self.playbook_header or dict(name='Tasks of %s' % self.page, hosts='localhost', gather_facts=False)
        if excerpt_of:
            with open(os.path.join(self.session.cwd, excerpt_of)) as f:
                header = yaml.safe_load(f)[0]
        header = dict((key, value) for key, value in header.items() if key not in ('tasks', 'roles'))
        if self._pending_tasks and self._pending_tasks[0] != header:
            self._flush_tasks()
        if not self._pending_tasks:
            self._pending_tasks = [header]
        self._pending_tasks.extend(tasks)

    def _flush_tasks(self):
        if not self._pending_tasks:
            return
        header, tasks = self._pending_tasks[0], self._pending_tasks[1:]
        self._pending_tasks = []
        self._fresh_tenant()
        path = 'tasks-%d.yml' % len(self.steps)
        self._write(path, yaml.safe_dump([dict(header, tasks=tasks)], sort_keys=False))
        self.steps.append(self.session.playbook(path, [self.credentials_file]))
        self.steps[-1].tasks = tasks

    def _compare_file(self, data, name, what):
        path = os.path.join(self.session.cwd, name)
        assert os.path.isfile(path), '%s: the %s file of %s is not in the example' % (self.page, what, data['name'])
        with open(path) as f:
            assert yaml.safe_load(f) == data, '%s: the %s file shown differs from %s' % (self.page, what, path)
        self.compared.append(path)

    def steps_running(self, text):
        return [step for step in self.steps if text in step.what]

    def rerun(self, step, tasks):
        """``step``, a run of tasks, again with ``tasks`` only."""
        with open(os.path.join(self.session.cwd, step.path)) as f:
            header = yaml.safe_load(f)[0]
        self._pending_tasks = [dict((key, value) for key, value in header.items() if key != 'tasks')] + tasks
        self._flush_tasks()
        return self.steps[-1]


# ---------------------------------------------------------------------------------------------------- fixtures

def clean_checkout(dest):
    """The checkout's tracked and new files in a fresh git work tree, with the test's virtualenv as .venv."""
    listed = subprocess.run(['git', 'ls-files', '-z', '--cached', '--others', '--exclude-standard'], cwd=ROOT, check=True,
                            stdout=subprocess.PIPE, universal_newlines=True).stdout
    for name in filter(None, listed.split('\0')):
        source = os.path.join(ROOT, name)
        if os.path.isfile(source):
            os.makedirs(os.path.join(dest, os.path.dirname(name)), exist_ok=True)
            shutil.copy2(source, os.path.join(dest, name))  # keeps the times make compares
    os.symlink(os.path.dirname(BIN), os.path.join(dest, '.venv'))
    subprocess.run('git init -q && git add -A', shell=True, cwd=dest, check=True)
    up_to_date = subprocess.run(['make', '-q', '.venv/.installed'], cwd=dest, check=False, stdout=subprocess.DEVNULL)
    if up_to_date.returncode != 0:  # make would rebuild the test's own virtualenv through the link
        pytest.fail('%s/.installed is missing or older than ci/requirements.txt or its lock file: run make venv'
                    % os.path.dirname(BIN))
    return dest


def user_environment(installed_collections, scratch):
    """The environment of a user with the virtualenv active and the collection installed: none of the variables
    that make or this test's callers set to quiet Ansible or to point at their own scratch space."""
    env = dict((name, value) for name, value in os.environ.items()
               if not name.startswith(('OPSRAMP_', 'ANSIBLE_', 'MAKE')) and name not in ('MFLAGS', 'WORK', 'PYTHONPATH'))
    env.update(PATH=BIN + os.pathsep + os.environ['PATH'], VIRTUAL_ENV=os.path.dirname(BIN),
               ANSIBLE_COLLECTIONS_PATH=installed_collections, ANSIBLE_NOCOLOR='1', WORK=scratch)
    return env


@pytest.fixture
def page_session(tmp_path, simulator, client_secret, installed_collections):
    """A user's session for a page of PAGES: in its directory, with its connection."""
    def start(page):
        config = PAGES[page]
        cwd = str(tmp_path / 'project')
        if config.directory is not None:
            cwd = os.path.join(clean_checkout(str(tmp_path / 'checkout')), config.directory)
        os.makedirs(cwd, exist_ok=True)
        env = user_environment(installed_collections, str(tmp_path / 'work'))
        if config.connection_env:
            env.update(OPSRAMP_URL=simulator.url, OPSRAMP_TENANT_ID='client_1', OPSRAMP_CLIENT_ID='demo-client',
                       OPSRAMP_CLIENT_SECRET=client_secret)
        return Session(cwd, env, simulator, client_secret + '\n', str(tmp_path / 'session'))
    return start


@pytest.fixture
def page_run(tmp_path, simulator, client_secret, page_session):
    def run(page):
        credentials = tmp_path / 'credentials.yml'
        credentials.write_text(yaml.safe_dump(dict(vault_opsramp_client_id='demo-client',
                                                   vault_opsramp_client_secret=client_secret)))
        replacements = [('https://acme.api.opsramp.com', simulator.url), ('client_123', 'client_1'),
                        ('my-integration-key', 'demo-client'), ('/tmp/opsramp-stage', str(tmp_path / 'opsramp-stage'))]

        def adapt(text):
            for example, here in replacements:
                text = text.replace(example, here)
            return text

        done = PageRun(page, page_session(page), adapt, str(credentials)).run()
        for step in done.steps:
            assert step.rc == 0, '%s: %s failed:\n%s' % (page, step.what, step.output)
            assert client_secret not in step.output, '%s: %s shows the client secret' % (page, step.what)
        return done
    return run


def no_inventory_warnings(steps):
    for step in steps:
        assert not any(warning in step.output for warning in INVENTORY_WARNINGS), step.output


def stored(simulator):
    return dict((job['name'], job) for job in simulator.control.jobs())


# ---------------------------------------------------------------------------------------------------- the pages

def test_readme(page_run, simulator):
    run = page_run('README.md')
    assert run.skipped == ['make test']
    demo, = run.steps_running('make demo')
    assert 'demo done: run 1 changed=3, run 2 changed=0, preview changed=1' in demo.output

    quick_start, = run.steps_running('ansible-playbook')
    assert quick_start.changed == 1 and quick_start.jobs == ['Nightly network config backup']
    schedule = stored(simulator)['Nightly network config backup']['schedule']
    assert schedule['pattern'] == {'type': 'daily', 'frequency': 'everyday'}
    assert schedule['startDate'] == '2026-01-01T02:00:00+0000'
    again = run.session.playbook(quick_start.path, [run.credentials_file])
    assert again.changed == 0 and again.writes == 0, again.output


def test_quick_start(page_run):
    run = page_run('docs/quickstart.md')
    install, pip = run.steps[:2]
    assert 'Nothing to do' in install.output  # Galaxy is out of reach: the installed collection satisfies it
    assert 'Requirement already satisfied: requests' in pip.output
    assert run.session.env['OPSRAMP_URL'] == run.session.simulator.url  # the exports, with the secret typed on stdin

    preview, apply, again = run.steps_running('ansible-playbook jobs.yml')
    assert preview.changed == 1 and preview.writes == 0 and preview.jobs == [], preview.output
    assert '+++ after' in preview.output and '"Thursday"' in preview.output
    assert apply.changed == 1 and apply.writes >= 1 and apply.jobs == ['Weekly AD checklist'], apply.output
    assert again.changed == 0 and again.writes == 0, again.output
    removal = run.steps[-1]
    assert removal.changed == 1 and removal.jobs == [], removal.output
    no_inventory_warnings(run.steps_running('ansible-playbook'))  # the page's ansible.cfg turns them off


# The RBA script the cookbook's custom jobs name, as if made in the OpsRamp UI: Clean up logs, in Maintenance.
COOKBOOK_CATEGORY = dict(name='Maintenance')
COOKBOOK_SCRIPT = dict(name='Clean up logs', executionType='SHELL', content='find /var/log -mtime +"$1" -delete\n',
                       parameters=[dict(name='days_to_keep', type='REQUIRED', dataType='INTEGER'),
                                   dict(name='site', type='OPTIONAL', dataType='STRING')])


def seed_cookbook_script(simulator):
    """The cookbook's script, seeded once per simulator; its stored form (ids of the script and its parameters)."""
    for stored_script in simulator.control.rba('client_1')['scripts']:
        if stored_script['name'] == COOKBOOK_SCRIPT['name']:
            return stored_script
    category, = simulator.control.seed_rba_categories(COOKBOOK_CATEGORY, tenant='client_1')
    stored_script, = simulator.control.seed_rba_scripts(dict(COOKBOOK_SCRIPT, category=category['id']))
    return stored_script


def test_schedules_cookbook(page_run, simulator):
    script = seed_cookbook_script(simulator)
    run = page_run('docs/schedules.md')
    play, = run.steps
    assert len(play.tasks) >= 17
    expected = {}  # job name -> OpsRamp pattern type
    for task in play.tasks:
        if 'opsramp.automation.opsramp_job' in task:
            args = task['opsramp.automation.opsramp_job']
            if args.get('state') != 'absent':
                expected[args['name']] = args['schedule']['type'].replace('_', ' ')
        elif 'ansible.builtin.include_role' in task:
            role = task['ansible.builtin.include_role']['name']
            expected[task['vars'][role.split('.')[-1] + '_name']] = ROLE_PATTERN_TYPES[role]
    assert set(expected.values()) == {'daily', 'weekly', 'monthly', 'run once', 'never'}
    assert play.changed == len(expected) + 1  # every job created, plus the on-demand run
    jobs = stored(simulator)
    assert sorted(jobs) == sorted(expected)
    for name, pattern_type in expected.items():
        assert jobs[name]['schedule']['pattern']['type'] == pattern_type, name
    assert jobs['Monthly cleanup script']['schedule']['pattern']['weekIndex'] == 'Second'
    # the custom jobs name their script and parameters by name: OpsRamp holds the ids
    parameter_ids = dict((parameter['name'], parameter['id']) for parameter in script['parameters'])
    assert str(jobs['Monthly cleanup script']['script']['customScript']['id']) == str(script['id'])
    assert str(jobs['Monthly site cleanup']['script']['customScript']['id']) == str(script['id'])
    assert sorted((str(parameter['paramId']), str(parameter.get('value') or (parameter.get('itopMacro') or {}).get('id')))
                  for parameter in jobs['Monthly site cleanup']['script']['parameters']) == sorted(
        [(str(parameter_ids['days_to_keep']), '30'), (str(parameter_ids['site']), '12')])
    assert jobs['Month-end agent backup']['schedule']['pattern']['weekIndex'] == 'Last'
    assert jobs['Weekly AD checklist']['schedule']['startDate'][11:16] == '05:30'  # 06:30+01:00 in UTC
    assert jobs['Agent update before the holidays']['schedule']['startDate'] == '2026-12-24T21:30:00+0000'
    assert simulator.control.job(jobs['On-demand core config backup']['id'])['runs']

    # again, without the on-demand run (which always runs): nothing changes, nothing is written
    again = run.rerun(play, [task for task in play.tasks if 'opsramp.automation.opsramp_job_run' not in task])
    assert again.changed == 0 and again.writes == 0, again.output


def test_roles_guide(page_run, simulator, tmp_path):
    run = page_run('docs/roles.md')
    roles, awx_playbook, stage = run.steps
    assert roles.changed == 4 and len(roles.jobs) == 4, roles.output
    jobs = stored(simulator)
    assert jobs['Weekly AD checklist']['schedule']['pattern'] == {'type': 'weekly', 'weekDays': 'Monday, Thursday'}
    assert jobs['Monthly cleanup script']['schedule']['startDate'][11:16] == '12:00'  # 04:00-08:00 in UTC
    # the AWX job template's extra vars declare the weekly example's job in other words: nothing to change
    assert awx_playbook.what.endswith('playbooks/weekly_job.yml')
    assert awx_playbook.changed == 0 and awx_playbook.writes == 0, awx_playbook.output
    assert stage.what.startswith('bash ci/stage.sh')
    assert os.path.isfile(str(tmp_path / 'opsramp-stage' / 'ansible_collections' / 'opsramp' / 'automation' / 'galaxy.yml'))
    assert run.skipped == ['ANSIBLE_COLLECTIONS_PATH=/tmp/opsramp-stage molecule test --all']


def test_gitops_guide(page_run, simulator):
    run = page_run('docs/gitops.md')
    assert [os.path.basename(path) for path in run.compared] == ['netops-weekly-ad-checklist.yml',
                                                                 'netops-disk-report.yml']
    names = sorted(os.path.basename(path)[:-4] for path in os.listdir(os.path.join(run.session.cwd, 'jobs')))
    excerpt, preview, apply, check, export = run.steps
    assert excerpt.changed == 1 and excerpt.jobs == names, excerpt.output

    assert preview.what == 'ansible-playbook site.yml --check --diff'
    assert preview.changed == 1 and preview.writes == 0 and preview.jobs == [], preview.output
    assert "+++ after: job 'netops-weekly-ad-checklist'" in preview.output
    # the script to create, its body as text, and the job that will run it, named by name
    assert "+++ after: script 'netops-disk-report'" in preview.output
    assert '+++ after: netops-disk-report (body)' in preview.output
    assert '"id": "netops-disk-report (new)"' in preview.output and '"id": "threshold (new-1)"' in preview.output
    assert apply.changed == 1 and apply.jobs == names, apply.output
    # the script of scripts/ is in OpsRamp, with its body, and the custom job of jobs/ runs it
    scripts = simulator.control.rba()['scripts']
    assert [script['name'] for script in scripts] == ['netops-disk-report']
    with open(os.path.join(run.session.cwd, 'scripts', 'netops-disk-report.sh')) as f:
        assert scripts[0]['content'] == f.read()
    report = [job for job in simulator.control.jobs() if job['name'] == 'netops-daily-disk-report'][0]
    assert str(report['script']['customScript']['id']) == str(scripts[0]['id'])
    assert check.what == 'ansible-playbook site.yml --check'
    assert check.changed == 0 and check.writes == 0, check.output
    # "Adopting an existing tenant": the export of the applied jobs and scripts names each file as the example does, so
    # it adds none and keeps the existing ones; it only reads
    assert export.what.startswith('ansible-playbook play-') and export.changed == 0 and export.writes == 0, export.output
    assert sorted(os.path.basename(path)[:-4] for path in os.listdir(os.path.join(run.session.cwd, 'jobs'))) == names
    # and of the scripts: the applied script's files are the example's own, kept
    scripts_dir = os.path.join(run.session.cwd, 'scripts')
    assert sorted(os.listdir(scripts_dir)) == ['netops-disk-report.sh', 'netops-disk-report.yml']
    no_inventory_warnings(run.steps)

    # the vault file's secret reached OpsRamp, and no output shows it
    vault = subprocess.run([os.path.join(BIN, 'ansible-vault'), 'view', 'vault.yml'], cwd=run.session.cwd,
                           env=run.session.env, check=True, stdout=subprocess.PIPE, universal_newlines=True)
    secret = yaml.safe_load(vault.stdout)['vault_netops_share_password']
    cleanup = [job for job in simulator.control.jobs() if job['name'] == 'netops-monthly-log-cleanup'][0]
    parameters = simulator.control.job(cleanup['id'])['script']['parameters']
    assert secret in [parameter.get('value') for parameter in parameters], parameters
    assert not [step.what for step in run.steps if secret in step.output]


def test_a_gitops_error_names_the_script_file(page_session):
    """A script file whose body file is missing fails the preview, before any request, naming the script's file."""
    session = page_session('docs/gitops.md')
    path = os.path.join(session.cwd, 'scripts', 'netops-disk-report.yml')
    with open(path) as f:
        script = yaml.safe_load(f)
    with open(path, 'w') as f:
        yaml.safe_dump(dict(script, src='netops-disk-report.bash'), f)
    preview = session.shell('ansible-playbook site.yml --check --diff')
    assert preview.rc == 2 and preview.writes == 0 and preview.jobs == [], preview.output
    # src is relative to the script's file: site.yml gives the module the joined path
    missing = os.path.join(session.cwd, 'scripts', 'netops-disk-report.bash')
    assert "scripts[0].src: cannot find '%s' on the Ansible controller" % missing in preview.output, (
        preview.output)
    assert "(scripts[0] 'netops-disk-report' from scripts/netops-disk-report.yml)" in preview.output, preview.output


def test_a_gitops_error_names_the_job_file(page_session):
    """A wrong value in a job file fails the preview, before any request, with a message naming the file, the
    position and the job: the collection's own checks and Ansible's (a missing schedule.type) alike."""
    session = page_session('docs/gitops.md')
    path = os.path.join(session.cwd, 'jobs', 'netops-weekly-ad-checklist.yml')
    label = "(jobs[4] 'netops-weekly-ad-checklist' from jobs/netops-weekly-ad-checklist.yml)"
    with open(path) as f:
        job = yaml.safe_load(f)
    for schedule, message in [
            (dict(job['schedule'], week_days=['Monday', 'Thrusday']), "jobs[4].schedule.week_days: 'Thrusday' is not"),
            (dict(week_days=['Monday'], start_time='06:30'), 'missing required arguments: type found in jobs -> schedule')]:
        with open(path, 'w') as f:
            yaml.safe_dump(dict(job, schedule=schedule), f)
        preview = session.shell('ansible-playbook site.yml --check --diff')
        assert preview.rc == 2 and preview.writes == 0 and preview.jobs == [], preview.output
        assert re.search(re.escape(message) + '.* ' + re.escape(label), preview.output), preview.output
