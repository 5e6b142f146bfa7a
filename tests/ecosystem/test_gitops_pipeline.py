# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""examples/ci/gitops-pipeline.yml: when each job runs, where the secrets go, and its shell steps run for real
(after the install step) against the simulator, with the demo playbook and with examples/gitops and its vault."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import shutil
import subprocess

import pytest
import yaml

from conftest import BIN, ROOT

PIPELINE = os.path.join(ROOT, 'examples', 'ci', 'gitops-pipeline.yml')
GITOPS = os.path.join(ROOT, 'examples', 'gitops')
VAULT_STEP = 'Give Ansible the vault password (when the playbooks use Ansible Vault)'
POST_STEP = 'Post the plan summary on the pull request'


@pytest.fixture(scope='module')
def workflow():
    with open(PIPELINE) as f:
        return yaml.safe_load(f)


def test_triggers_and_secrets(workflow):
    assert set(workflow['on']) == {'pull_request', 'push', 'schedule', 'workflow_dispatch'}
    jobs = workflow['jobs']
    assert "github.event_name == 'pull_request'" in jobs['preview']['if']
    assert 'head.repo.full_name == github.repository' in jobs['preview']['if']  # no secrets for forks
    assert "github.ref == 'refs/heads/main'" in jobs['apply']['if']
    assert "github.event_name == 'schedule'" in jobs['drift']['if']
    assert 'secrets.' not in yaml.safe_dump(workflow['env'])  # secrets only reach the jobs that need them
    for job in jobs.values():
        assert job['env']['OPSRAMP_CLIENT_SECRET'] == '${{ secrets.OPSRAMP_CLIENT_SECRET }}'
    for name, job in jobs.items():
        playbook_runs = [step['run'] for step in job['steps'] if 'ansible-playbook' in step.get('run', '')]
        assert playbook_runs, name
        if name != 'apply':  # only apply may write
            assert all('--check' in run for run in playbook_runs), name
    assert workflow['permissions'] == {'contents': 'read'}
    # only the preview may comment, to post the plan summary
    assert jobs['preview']['permissions'] == {'contents': 'read', 'pull-requests': 'write'}
    assert [name for name, job in jobs.items() if 'permissions' in job] == ['preview']
    post = [step for step in jobs['preview']['steps'] if step.get('name') == POST_STEP][0]
    assert post['env'] == {'GH_TOKEN': '${{ github.token }}',
                           'PULL_REQUEST': '${{ github.event.pull_request.number }}'}


def steps(job):
    return dict((step['name'], step['run']) for step in job['steps'] if 'run' in step and 'name' in step)


def runner_environment(workflow, tmp_path, simulator, client_secret, installed_collections):
    """What a GitHub runner gives the steps: the workflow's env (secrets and variables filled in) and its files."""
    env = dict(os.environ)
    env.update((name, value) for name, value in workflow['env'].items() if not value.startswith('${{'))
    env.update(PATH=BIN + os.pathsep + os.environ['PATH'], ANSIBLE_COLLECTIONS_PATH=installed_collections,
               OPSRAMP_URL=simulator.url, OPSRAMP_TENANT_ID='client_1', OPSRAMP_CLIENT_ID='demo-client',
               OPSRAMP_CLIENT_SECRET=client_secret, GITHUB_STEP_SUMMARY=str(tmp_path / 'summary.md'),
               GITHUB_ENV=str(tmp_path / 'github_env'), RUNNER_TEMP=str(tmp_path))
    return env


def run_step(workflow, job, step, env, cwd):
    script = steps(workflow['jobs'][job])[step]
    return subprocess.run(['bash', '-e', '-c', script], env=env, cwd=str(cwd), stdout=subprocess.PIPE, check=False,
                          stderr=subprocess.STDOUT, universal_newlines=True)


def github_env(env):
    """The variables earlier steps appended to $GITHUB_ENV, which the runner gives the later steps."""
    if not os.path.exists(env['GITHUB_ENV']):
        return {}
    with open(env['GITHUB_ENV']) as f:
        return dict(line.split('=', 1) for line in f.read().splitlines() if '=' in line)


def test_steps_preview_apply_converge_and_drift(workflow, tmp_path, simulator, client_secret, installed_collections):
    env = runner_environment(workflow, tmp_path, simulator, client_secret, installed_collections)
    env.update(PLAYBOOK=os.path.join(ROOT, 'demo', 'site.yml'))

    def run(job, step):
        return run_step(workflow, job, step, env, tmp_path)

    # a repository without a vault: the vault step does nothing
    assert run('preview', VAULT_STEP).returncode == 0 and github_env(env) == {}

    preview = run('preview', 'Preview the changes (check mode, nothing is written)')
    assert preview.returncode == 0, preview.stdout
    assert '+++ after' in preview.stdout and simulator.control.jobs() == []
    assert run('preview', 'Summarise').returncode == 0
    assert 'changed=3' in (tmp_path / 'summary.md').read_text()

    assert run('apply', 'Apply').returncode == 0
    assert len(simulator.control.jobs()) == 3
    converge = run('apply', 'Prove convergence (a second run must change nothing)')
    assert converge.returncode == 0, converge.stdout

    drift_step = 'Compare OpsRamp with the code (fails on drift; the diff shows what was changed outside Git)'
    assert run('drift', drift_step).returncode == 0
    job = [job for job in simulator.control.jobs() if job['name'] == 'Weekly AD checklist'][0]
    simulator.control.seed_job(dict(job, schedule=dict(job['schedule'], pattern={'type': 'weekly', 'weekDays': 'Friday'})))
    drift = run('drift', drift_step)
    assert drift.returncode != 0
    assert '"Friday"' in drift.stdout  # the diff shows the console edit
    assert client_secret not in preview.stdout + converge.stdout + drift.stdout


def test_gitops_example_gets_its_vault_password_from_the_secret(workflow, tmp_path, simulator, client_secret,
                                                                installed_collections):
    """examples/gitops as a team's repository holds it: no vault password committed, ansible.cfg without
    vault_password_file; the vault step writes the secret to a file outside the checkout for the playbook runs."""
    repository = tmp_path / 'repository'
    shutil.copytree(GITOPS, str(repository), ignore=shutil.ignore_patterns('example-vault-password.txt'))
    config = (repository / 'ansible.cfg').read_text()
    assert 'vault_password_file' in config
    (repository / 'ansible.cfg').write_text(
        '\n'.join(line for line in config.splitlines() if not line.startswith('vault_password_file')))
    with open(os.path.join(GITOPS, 'example-vault-password.txt')) as f:
        vault_password = f.read().strip()
    env = runner_environment(workflow, tmp_path, simulator, client_secret, installed_collections)

    def run(job, step):
        return run_step(workflow, job, step, dict(env, **github_env(env)), repository)

    without = run('preview', 'Preview the changes (check mode, nothing is written)')
    assert without.returncode != 0 and 'vault' in without.stdout.lower(), without.stdout  # no password: no run

    env['ANSIBLE_VAULT_PASSWORD'] = vault_password  # the step's env: the secret
    assert run('preview', VAULT_STEP).returncode == 0
    password_file = github_env(env)['ANSIBLE_VAULT_PASSWORD_FILE']
    assert os.path.dirname(password_file) == str(tmp_path) and oct(os.stat(password_file).st_mode & 0o777) == '0o600'
    del env['ANSIBLE_VAULT_PASSWORD']  # only the vault step has it

    preview = run('preview', 'Preview the changes (check mode, nothing is written)')
    assert preview.returncode == 0, preview.stdout
    assert "+++ after: job 'netops-monthly-log-cleanup'" in preview.stdout and simulator.control.jobs() == []
    assert "+++ after: script 'netops-disk-report'" in preview.stdout and simulator.control.rba()['scripts'] == []
    job_names = sorted(name[:-4] for name in os.listdir(os.path.join(GITOPS, 'jobs')))
    script_names = sorted(name[:-4] for name in os.listdir(os.path.join(GITOPS, 'scripts')) if name.endswith('.yml'))
    posted = post_summary(run, env, tmp_path)
    assert posted['args'] == 'pr comment 42 --edit-last --body-file opsramp-summary.md'
    # the scripts' section first, as they are applied first
    assert posted['body'].startswith('### OpsRamp scripts: %d to create\n' % len(script_names)), posted['body']
    assert '\n### OpsRamp jobs: %d to create\n' % len(job_names) in posted['body'], posted['body']
    assert all('| %s | to create |' % name in posted['body'] for name in job_names + script_names)
    assert run('apply', 'Apply').returncode == 0
    assert sorted(job['name'] for job in simulator.control.jobs()) == job_names
    scripts = dict((script['name'], script) for script in simulator.control.rba()['scripts'])
    assert sorted(scripts) == script_names
    with open(os.path.join(GITOPS, 'scripts', 'netops-disk-report.sh')) as f:
        assert scripts['netops-disk-report']['content'] == f.read()
    # the custom job of jobs/ runs the script of scripts/, and gives its parameter, both named by name
    report = [job for job in simulator.control.jobs() if job['name'] == 'netops-daily-disk-report'][0]
    assert str(report['script']['customScript']['id']) == str(scripts['netops-disk-report']['id'])
    assert [(str(parameter['paramId']), parameter['value'])
            for parameter in simulator.control.job(report['id'])['script']['parameters']] == [
        (str(scripts['netops-disk-report']['parameters'][0]['id']), '85')]
    converge = run('apply', 'Prove convergence (a second run must change nothing)')
    assert converge.returncode == 0, converge.stdout
    cleanup = [job for job in simulator.control.jobs() if job['name'] == 'netops-monthly-log-cleanup'][0]
    share_password = [parameter['value'] for parameter in simulator.control.job(cleanup['id'])['script']['parameters']
                      if str(parameter['paramId']) == '3'][0]  # from vault.yml
    assert len(share_password) > 8
    for output in (without.stdout, preview.stdout, converge.stdout, posted['body']):
        assert client_secret not in output and vault_password not in output and share_password not in output

    (repository / 'opsramp-summary.md').unlink()
    assert run('preview', 'Preview the changes (check mode, nothing is written)').returncode == 0
    assert post_summary(run, env, tmp_path)['body'] == (
        '### OpsRamp scripts: no changes\n\n1 script already as declared.\n\n'
        '### OpsRamp jobs: no changes\n\n%d jobs already as declared.\n' % len(job_names))


def post_summary(run, env, tmp_path):
    """Run the step that posts the plan on the pull request with a stand-in for the GitHub CLI that records what it
    was asked to post (the first call, with --edit-last, succeeds: a comment of an earlier push is updated)."""
    bin_dir = tmp_path / 'fake-bin'
    bin_dir.mkdir(exist_ok=True)
    gh = bin_dir / 'gh'
    gh.write_text('#!/bin/bash\necho "$*" > "%s/gh-args"\nwhile [ $# -gt 0 ]; do [ "$1" = --body-file ] && cp "$2" '
                  '"%s/gh-body"; shift; done\n' % (tmp_path, tmp_path))
    gh.chmod(0o755)
    saved = dict(env)
    env.update(PATH=str(bin_dir) + os.pathsep + env['PATH'], PULL_REQUEST='42', GH_TOKEN='token-of-the-run')
    try:
        assert run('preview', POST_STEP).returncode == 0
    finally:
        env.clear()
        env.update(saved)
    return dict(args=(tmp_path / 'gh-args').read_text().strip(), body=(tmp_path / 'gh-body').read_text())
