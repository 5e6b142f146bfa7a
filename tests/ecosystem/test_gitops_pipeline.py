# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""examples/ci/gitops-pipeline.yml: when each job runs, where the secrets go, and its shell steps run for real
(after the install step) against the simulator with the demo playbook."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import subprocess

import pytest
import yaml

from conftest import BIN, ROOT

PIPELINE = os.path.join(ROOT, 'examples', 'ci', 'gitops-pipeline.yml')


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


def steps(job):
    return dict((step['name'], step['run']) for step in job['steps'] if 'run' in step and 'name' in step)


def test_steps_preview_apply_converge_and_drift(workflow, tmp_path, simulator, client_secret, installed_collections):
    env = dict(os.environ)
    env.update((name, value) for name, value in workflow['env'].items() if not value.startswith('${{'))
    env.update(PATH=BIN + os.pathsep + os.environ['PATH'], ANSIBLE_COLLECTIONS_PATH=installed_collections,
               PLAYBOOK=os.path.join(ROOT, 'demo', 'site.yml'), OPSRAMP_URL=simulator.url, OPSRAMP_TENANT_ID='client_1',
               OPSRAMP_CLIENT_ID='demo-client', OPSRAMP_CLIENT_SECRET=client_secret,
               GITHUB_STEP_SUMMARY=str(tmp_path / 'summary.md'))

    def run(job, step):
        script = steps(workflow['jobs'][job])[step]
        return subprocess.run(['bash', '-e', '-c', script], env=env, cwd=str(tmp_path), stdout=subprocess.PIPE, check=False,
                              stderr=subprocess.STDOUT, universal_newlines=True)

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
