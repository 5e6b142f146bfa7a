# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Soak: the bulk module opsramp_jobs keeps a few hundred (make test) or a few thousand (make soak) jobs against a
simulator that fails about one request in twenty, expires every token after 50 requests and rate-limits the tenant.

Phase 1 creates the jobs, phase 2 changes a third of them, drops a tenth (pruned) and adds new ones; each phase is
re-run until a run succeeds, as a pipeline would retry. Then, without faults, a check-mode run must find nothing to
do, the simulator must hold exactly the declared jobs (no duplicate, none lost), and no secret may show anywhere.

Size and bounds come from the environment: RELIABILITY_SOAK_JOBS (200), RELIABILITY_SOAK_ROUNDS (6 runs per phase at
most), RELIABILITY_SOAK_REPORT (a file to write the numbers to, as JSON).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import re
import threading
import time
import uuid

import pytest

from conftest import CLIENT_SECRET
from reliability_support import CLIENT_ID, Ansible, assert_no_secret, job_task

from opsramp_simulator import SimConfig, Simulator

JOBS = int(os.environ.get('RELIABILITY_SOAK_JOBS', '200'))
ROUNDS = int(os.environ.get('RELIABILITY_SOAK_ROUNDS', '6'))
REPORT = os.environ.get('RELIABILITY_SOAK_REPORT')
EXPIRE_EVERY = 50
PREFIX = 'soak-'
SECRET_PREFIX = 'soak-secret-%s-' % uuid.uuid4().hex[:8]
ONE_JOB = r'/jobs/[0-9a-f-]{36}$'

# About one request in twenty fails, in every way the fault-injection suite tries one at a time, except an empty
# search answer (a known issue: see docs/reliability.md).
FAULTS = [
    dict(method='GET', path=r'^/api/v2/', action='status', status=503, probability=0.02),
    dict(method='GET', path=ONE_JOB, action='status', status=500, body={'code': '0005'}, probability=0.01),
    dict(method='GET', path=r'^/api/v2/', action='reset', probability=0.005),
    dict(method='*', path=r'^/api/v2/', action='status', status=429, probability=0.01),
    dict(method='POST', path=r'/jobs$', action='status_after_apply', status=500, probability=0.02),
    dict(method='POST', path=r'/jobs$', action='reset', probability=0.01),
    dict(method='POST', path=ONE_JOB, action='status', status=500, probability=0.02),
    dict(method='POST', path=ONE_JOB, action='status_after_apply', status=502, probability=0.01),
    dict(method='DELETE', path=ONE_JOB, action='reset_after_apply', probability=0.02),
    dict(method='GET', path=r'/jobs/search$', action='bad_json', probability=0.005),
    dict(method='GET', path=ONE_JOB, action='delay_after_apply', seconds=1.5, probability=0.003),
    dict(method='POST', path=r'oauth/token$', action='status', status=503, probability=0.02),
]
for _rule in FAULTS:
    _rule['times'] = 0  # forever


def declared_job(number, generation=1):
    """Job ``number`` as the pipeline declares it; generation 2 changes every third one."""
    name = '%s%04d' % (PREFIX, number)
    hour = (number + (1 if generation == 2 and number % 3 == 0 else 0)) % 24
    entities = [{'id': 'dev-%d' % (number % 17 + index)} for index in range(number % 3 + 1)]
    kind = number % 5
    if kind == 0:
        return dict(name=name, job_type='adCheckList', entities=entities,
                    schedule={'type': 'daily', 'frequency': 'everyday', 'start_time': '%02d:15' % hour})
    if kind == 1:
        return dict(name=name, job_type='networkconfigbackup', entities=entities,
                    schedule={'type': 'weekly', 'week_days': ['mon', 'Thursday'], 'start_time': '%02d:30' % hour},
                    network_backup={'versions_saved': 'version_with_changes', 'backup_on_trap': number % 2 == 0})
    if kind == 2:
        return dict(name=name, job_type='appinstall', entities=entities, queued=True,
                    schedule={'type': 'monthly', 'days_of_month': [1, 15], 'start_date': '2030-01-01T%02d:00Z' % hour},
                    app_install={'approval': 'auto', 'reason': 'soak', 'alert': False})
    if kind == 3:
        secret = '%s%d-%d' % (SECRET_PREFIX, number, generation if number % 7 == 0 else 1)
        return dict(name=name, job_type='custom', entities=entities,
                    schedule={'type': 'monthly', 'week_index': 'second', 'day_of_week': 'sun',
                              'start_time': '%02d:45' % hour},
                    custom_script={'id': str(number % 9 + 1), 'user_type': 'system', 'parameters': [
                        {'id': '1', 'value': 'public-%d' % number},
                        {'id': '2', 'value': secret, 'sensitive': True}]})
    return dict(name=name, job_type='assetinfo', schedule={'type': 'run_once', 'start_date': '2031-06-01T%02d:00Z' % hour})


class TrafficWatcher:
    """Drains the simulator's request log in the background, counts it, and makes every token die once
    EXPIRE_EVERY requests have reached the simulator since it was issued (as a token expiring mid-run would)."""

    def __init__(self, sim):
        self.sim = sim
        self.requests = 0
        self.by_status = {}
        self.expiries = 0
        self._alive_since = 0  # requests seen when the newest token was issued, or tokens last expired
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc_info):
        self._stop.set()
        self._thread.join(10)
        self._drain()

    def _run(self):
        while not self._stop.wait(0.05):
            self._drain()

    def _drain(self):
        for entry in self.sim.control.requests(clear=True):
            self.requests += 1
            self.by_status[str(entry['status'])] = self.by_status.get(str(entry['status']), 0) + 1
            if entry['kind'] == 'token' and entry['status'] == 200:
                self._alive_since = self.requests
        if self.requests - self._alive_since >= EXPIRE_EVERY:
            self.sim.control.expire_tokens()
            self.expiries += 1
            self._alive_since = self.requests


def _bulk_exists():
    return os.path.exists(os.path.join(os.path.dirname(__file__), '..', '..', 'plugins', 'modules', 'opsramp_jobs.py'))


@pytest.fixture
def soak_simulator():
    config = SimConfig(client_id=CLIENT_ID, client_secret=CLIENT_SECRET, seed=7, rate_window_seconds=2,
                       write_limit=40, read_limit=120)
    with Simulator(config) as sim:
        yield sim


def _error_kinds(result):
    """How many jobs failed for each kind of reason (the message without ids, names and numbers)."""
    kinds = {}
    messages = [error['msg'] for error in result.get('errors') or []]
    if result['failed'] and not messages:
        messages = [result.get('msg', '')]
    for message in messages:
        kind = re.sub(r'[0-9a-f]{8}-[0-9a-f-]{27}|soak-\d+|\d+(\.\d+)?', '#', message)[:110]
        kinds[kind] = kinds.get(kind, 0) + 1
    return kinds


def _apply(ansible, jobs, phase, numbers, prune=False):
    """Run the bulk task until a run succeeds (at most ROUNDS runs); returns the runs."""
    runs = []
    for dummy in range(ROUNDS):
        task = job_task('apply', module='opsramp.automation.opsramp_jobs', jobs=jobs, workers=4, timeout=1,
                        max_retries=4)
        if prune:
            task['opsramp.automation.opsramp_jobs'].update(prune=True, prune_prefix=PREFIX)
        started = time.time()
        run = ansible.play([task], record_requests=False, timeout=3600)
        result = run.result('apply')
        numbers.setdefault(phase, []).append(dict(
            seconds=round(time.time() - started, 1), failed_jobs=len(result.get('errors') or []),
            failed=bool(result['failed']), created=len(result.get('created') or []),
            updated=len(result.get('updated') or []), deleted=len(result.get('deleted') or []),
            unchanged=len(result.get('unchanged') or []), errors=_error_kinds(result)))
        runs.append(run)
        if not result['failed']:
            return runs
    raise AssertionError('%s did not converge in %d runs: %r' % (phase, ROUNDS, numbers[phase]))


def test_soak_bulk_reconcile_under_random_faults(soak_simulator, collections_root, tmp_path):
    if not _bulk_exists():
        pytest.skip('opsramp_jobs does not exist (yet)')
    sim = soak_simulator
    ansible = Ansible(collections_root, str(tmp_path / 'ansible'), sim=sim, client_secret=CLIENT_SECRET)
    first = [declared_job(n) for n in range(JOBS)]
    dropped = set(range(0, JOBS, 10))
    second = [declared_job(n, generation=2) for n in range(JOBS + JOBS // 10) if n not in dropped]
    numbers = dict(jobs=JOBS, jobs_after=len(second), faults=len(FAULTS), expire_every=EXPIRE_EVERY)
    started = time.time()
    sim.control.add_faults(FAULTS)
    with TrafficWatcher(sim) as traffic:
        runs = _apply(ansible, first, 'create', numbers)
        runs += _apply(ansible, second, 'change-and-prune', numbers, prune=True)
        sim.control.clear_faults()  # the verdict is given by a clean server
        stats = sim.control.stats()
        check = ansible.play([job_task('check', module='opsramp.automation.opsramp_jobs', jobs=second, prune=True,
                                       prune_prefix=PREFIX)], check=True, record_requests=False)
    runs.append(check)
    numbers.update(seconds=round(time.time() - started, 1), requests=traffic.requests, token_expiries=traffic.expiries,
                   by_status=traffic.by_status, faults_fired=stats['faults_fired'], throttled=stats['throttled'],
                   tokens_issued=stats['tokens_issued'], creates=stats['creates'], updates=stats['updates'],
                   deletes=stats['deletes'])
    stored = sim.control.jobs()
    names = [job['name'] for job in stored]
    numbers.update(stored=len(stored), duplicates=len(names) - len(set(names)),
                   lost=len(set(job['name'] for job in second) - set(names)),
                   extra=len(set(names) - set(job['name'] for job in second)))
    if REPORT:
        with open(REPORT, 'w') as handle:
            json.dump(numbers, handle, indent=2, sort_keys=True)
    print('\nsoak: %s' % json.dumps(numbers, sort_keys=True))
    verdict = check.result('check')
    assert not verdict['failed'], verdict.get('msg')
    assert (verdict['created'], verdict['updated'], verdict['deleted']) == ([], [], []), verdict
    assert len(verdict['unchanged']) == len(second)
    assert numbers['duplicates'] == 0 and numbers['lost'] == 0 and numbers['extra'] == 0, numbers
    assert sorted(names) == sorted(job['name'] for job in second)
    assert stats['faults_fired'] > 0 and traffic.expiries > 0
    secrets = [CLIENT_SECRET] + list(sim.control.tokens())
    secrets += [p['value'] for job in first + second for p in (job.get('custom_script') or {}).get('parameters', [])
                if p.get('sensitive')]
    for run in runs:
        assert_no_secret(secrets, *run.texts())
