# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The guides' examples run as written: the schedules cookbook and the quick start, from the installed collection,
against the simulator, with the connection from the OPSRAMP_* environment variables as the guides say."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import re
import subprocess

import yaml

from conftest import ROOT, tool

ROLE_PATTERN_TYPES = {'opsramp.automation.daily_job': 'daily', 'opsramp.automation.weekly_job': 'weekly',
                      'opsramp.automation.monthly_job': 'monthly', 'opsramp.automation.run_once_job': 'run once'}


def yaml_blocks(page):
    with open(os.path.join(ROOT, 'docs', page)) as f:
        return [yaml.safe_load(block) for block in re.findall(r'^```yaml\n(.*?)^```', f.read(), re.M | re.S)]


def run_playbook(tmp_path, play, simulator, client_secret, installed_collections, name='play.yml'):
    path = tmp_path / name
    path.write_text(yaml.safe_dump([play] if isinstance(play, dict) else play, sort_keys=False))
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=installed_collections, ANSIBLE_NOCOLOR='1',
               ANSIBLE_LOCALHOST_WARNING='0', ANSIBLE_INVENTORY_UNPARSED_WARNING='0',
               OPSRAMP_URL=simulator.url, OPSRAMP_TENANT_ID='client_1', OPSRAMP_CLIENT_ID='demo-client',
               OPSRAMP_CLIENT_SECRET=client_secret)
    done = subprocess.run([tool('ansible-playbook'), str(path)], env=env, cwd=str(tmp_path), stdout=subprocess.PIPE, check=False,
                          stderr=subprocess.STDOUT, universal_newlines=True)
    assert done.returncode == 0, done.stdout
    assert client_secret not in done.stdout
    recap = re.search(r'^localhost\s+:\s+ok=(\d+)\s+changed=(\d+)', done.stdout, re.M)
    return int(recap.group(2)), done.stdout


def test_schedules_cookbook_examples(tmp_path, simulator, client_secret, installed_collections):
    tasks = [task for block in yaml_blocks('schedules.md') for task in block]
    assert len(tasks) >= 17
    expected = {}  # job name -> OpsRamp pattern type
    for task in tasks:
        if 'opsramp.automation.opsramp_job' in task:
            args = task['opsramp.automation.opsramp_job']
            if args.get('state') != 'absent':
                expected[args['name']] = args['schedule']['type'].replace('_', ' ')
        elif 'ansible.builtin.include_role' in task:
            role = task['ansible.builtin.include_role']['name']
            expected[task['vars'][role.split('.')[-1] + '_name']] = ROLE_PATTERN_TYPES[role]
    assert set(expected.values()) == {'daily', 'weekly', 'monthly', 'run once', 'never'}
    play = dict(name='Schedules cookbook', hosts='localhost', gather_facts=False, tasks=tasks)

    changed, _output = run_playbook(tmp_path, play, simulator, client_secret, installed_collections)
    assert changed == len(expected) + 1  # every job created, plus the on-demand run
    stored = dict((job['name'], job) for job in simulator.control.jobs())
    assert sorted(stored) == sorted(expected)
    for name, pattern_type in expected.items():
        assert stored[name]['schedule']['pattern']['type'] == pattern_type, name
    assert stored['Monthly cleanup script']['schedule']['pattern']['weekIndex'] == 'Second'
    assert stored['Month-end agent backup']['schedule']['pattern']['weekIndex'] == 'Last'
    assert stored['Weekly AD checklist']['schedule']['startDate'][11:16] == '05:30'  # 06:30+01:00 in UTC
    assert stored['Agent update before the holidays']['schedule']['startDate'] == '2026-12-24T21:30:00+0000'
    assert simulator.control.job(stored['On-demand core config backup']['id'])['runs']

    # again, without the on-demand run (which always runs): nothing changes, nothing is written
    simulator.control.clear_requests()
    play['tasks'] = [task for task in tasks if 'opsramp.automation.opsramp_job_run' not in task]
    changed, output = run_playbook(tmp_path, play, simulator, client_secret, installed_collections)
    assert changed == 0, output
    assert [entry for entry in simulator.control.requests() if entry['kind'] == 'write'] == []


def test_quick_start(tmp_path, simulator, client_secret, installed_collections):
    blocks = yaml_blocks('quickstart.md')
    plays = [block for block in blocks if isinstance(block, list) and 'hosts' in block[0]]
    assert len(plays) == 1
    play = plays[0][0]
    assert not any(key in str(play) for key in ('client_secret', 'url:', 'tenant_id'))  # the connection is the environment's

    assert run_playbook(tmp_path, play, simulator, client_secret, installed_collections)[0] == 1
    assert [job['name'] for job in simulator.control.jobs()] == ['Weekly AD checklist']
    assert run_playbook(tmp_path, play, simulator, client_secret, installed_collections)[0] == 0

    removal = [block for block in blocks if isinstance(block, list) and 'hosts' not in block[0]]
    assert len(removal) == 1
    play = dict(play, tasks=removal[0])
    assert run_playbook(tmp_path, play, simulator, client_secret, installed_collections)[0] == 1
    assert simulator.control.jobs() == []
