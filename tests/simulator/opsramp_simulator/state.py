# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

# Mutable simulator state: jobs, tokens, request log, fault rules, rate-limit windows, counters; the RBA store (rba.py).
# Every public method takes the lock, so handler threads can call them concurrently.

import copy
import math
import random
import re
import threading
import time
import uuid

from .partners import PartnerStore
from .rba import RbaStore
from .resources import stored_resource
from .rewrites import stored_form

FAULT_ACTIONS = ('status', 'status_after_apply', 'delay', 'delay_after_apply', 'barrier_after_apply', 'reset', 'reset_after_apply',
                 'bad_json', 'empty')
UNLIMITED = 100000   # limit reported in the headers when a limit knob is 0


class FaultRule:
    """One fault-injection rule (see README)."""

    def __init__(self, spec):
        if not isinstance(spec, dict):
            raise ValueError('a fault rule must be a JSON object')
        action = spec.get('action', 'status')
        if action not in FAULT_ACTIONS:
            raise ValueError('unknown fault action %r (expected one of %s)' % (action, ', '.join(FAULT_ACTIONS)))
        self.spec = copy.deepcopy(spec)
        self.action = action
        self.method = str(spec.get('method', '*')).upper()
        try:
            self.path_re = re.compile(spec.get('path', '.*'))
        except re.error as exc:
            raise ValueError('bad path regex %r: %s' % (spec.get('path'), exc)) from None
        try:
            self.times = int(spec.get('times', 1))
            self.after = int(spec.get('after', 0))
            self.probability = float(spec.get('probability', 1.0))
            self.seconds = float(spec.get('seconds', 0))
            default_status = 200 if action in ('bad_json', 'empty') else 500
            self.status = int(spec.get('status', default_status))
        except (TypeError, ValueError):
            raise ValueError('times/after/status must be integers, probability/seconds numbers') from None
        if action in ('delay', 'delay_after_apply', 'barrier_after_apply') and 'seconds' not in spec:
            raise ValueError('a %s rule needs "seconds"' % action)
        if action == 'barrier_after_apply' and self.times < 1:
            raise ValueError('a barrier_after_apply rule needs "times" >= 1 (the requests it gathers)')
        self.headers = spec.get('headers') or {}
        if not isinstance(self.headers, dict):
            raise ValueError('headers must be an object')
        self.has_body = 'body' in spec
        self.body = spec.get('body')
        self.raw_body = spec.get('raw_body')
        self.apply = bool(spec.get('apply', action.endswith('_after_apply')))
        self.seen = 0
        self.fired = 0

    @property
    def exhausted(self):
        return self.times > 0 and self.fired >= self.times

    def matches(self, method, path):
        return (self.method in ('*', method)) and self.path_re.search(path) is not None

    def view(self):
        data = copy.deepcopy(self.spec)
        data.update({'action': self.action, 'seen': self.seen, 'fired': self.fired, 'exhausted': self.exhausted})
        return data


class JobRecord:
    def __init__(self, tenant, job, order, created=None):
        self.tenant = tenant
        self.job = job
        self.order = order
        self.created = time.time() if created is None else created   # epoch seconds of the create
        self.runs = []
        self.script_runs = []

    def api_view(self, created_field=None):
        """The stored job (a copy), with its creation time under ``created_field`` when that knob is set."""
        job = copy.deepcopy(self.job)
        if created_field:
            job[created_field] = time.strftime('%Y-%m-%dT%H:%M:%S+0000', time.gmtime(self.created))
        return job

    def control_view(self):
        view = copy.deepcopy(self.job)
        view['tenant'] = self.tenant
        view['runs'] = copy.deepcopy(self.runs)
        view['script_runs'] = copy.deepcopy(self.script_runs)
        return view


class SimState:
    def __init__(self, config, resources=None):
        self.lock = threading.RLock()
        self.config = config
        self.initial_config = config.copy()
        self.initial_resources = copy.deepcopy(list(resources or []))   # the start-up inventory, restored by reset
        self.generation = 0
        self.rba = RbaStore(self.lock)   # RBA categories and scripts (api-behaviour §20)
        self._clear()

    # ------------------------------------------------------------ general

    def _clear(self):
        self.jobs = {}                 # id -> JobRecord
        self.order = 0
        self.tokens = {}               # token -> expiry (epoch seconds)
        self.issued = []               # every token ever issued since the last reset
        self.expired = set()           # tokens force-expired by expire_tokens()
        self.log = []
        self.seq = 0
        self.faults = []
        self.windows = {}              # (tenant, bucket) -> [window_start, count]
        self.rng = random.Random(self.config.seed)
        self.in_flight = 0
        self.counters = {
            'requests': 0, 'throttled': 0, 'faults_fired': 0, 'creates': 0, 'updates': 0, 'deletes': 0,
            'runs': 0, 'script_runs': 0, 'max_in_flight': 0, 'tokens_issued': 0,
        }
        self.rba.clear()
        self.resources = {}            # id -> resource (search form, with clientUniqueId = its tenant)
        self.seed_resources(self.initial_resources)
        self.partners = PartnerStore()  # partners, their clients, integrations and token scopes (api-behaviour §21)

    def reset(self, config=False):
        with self.lock:
            if config:
                self.config.update(self.initial_config.to_dict(mask_secrets=False))
            self.generation += 1    # requests still in flight (e.g. delayed) must not leak into the new log
            self._clear()

    def config_snapshot(self):
        with self.lock:
            return self.config.copy()

    def configure(self, knobs):
        with self.lock:
            old_seed = self.config.seed
            self.config.update(knobs)
            if self.config.seed != old_seed or 'seed' in knobs:
                self.rng = random.Random(self.config.seed)
            return self.config.to_dict()

    # ------------------------------------------------------------ request bookkeeping

    def begin_request(self):
        """Returns (seq, generation) for the log entry."""
        with self.lock:
            self.seq += 1
            self.in_flight += 1
            self.counters['requests'] += 1
            self.counters['max_in_flight'] = max(self.counters['max_in_flight'], self.in_flight)
            return self.seq, self.generation

    def end_request(self, entry, generation):
        with self.lock:
            if generation != self.generation:
                return
            self.in_flight = max(0, self.in_flight - 1)
            self.log.append(entry)

    def requests(self, clear=False):
        with self.lock:
            entries = sorted(self.log, key=lambda e: e['seq'])
            if clear:
                self.log = []
            return copy.deepcopy(entries)

    def clear_requests(self):
        with self.lock:
            self.log = []

    # ------------------------------------------------------------ tokens

    def issue_token(self, lifetime):
        token = str(uuid.uuid4())
        with self.lock:
            self.tokens[token] = time.time() + lifetime
            self.issued.append(token)
            self.counters['tokens_issued'] += 1
        return token

    def check_token(self, token):
        """'valid', 'expired' or 'unknown'."""
        with self.lock:
            if token in self.expired:
                return 'expired'
            expiry = self.tokens.get(token)
            if expiry is None:
                return 'unknown'
            if time.time() >= expiry:
                return 'expired'
            return 'valid'

    def expire_tokens(self):
        with self.lock:
            self.expired.update(self.tokens)
            return len(self.tokens)

    def token_list(self):
        with self.lock:
            return list(self.issued)

    # ------------------------------------------------------------ rate limits

    def _window(self, tenant, bucket, now):
        length = self.config.rate_window_seconds
        start = math.floor(now / length) * length
        window = self.windows.get((tenant, bucket))
        if window is None or window[0] != start:
            window = [start, 0]
            self.windows[(tenant, bucket)] = window
        return window, start + length

    def rate(self, tenant, bucket, consume):
        """Count a request in its window. Returns (allowed, limit, remaining, reset_epoch)."""
        with self.lock:
            now = time.time()
            window, end = self._window(tenant, bucket, now)
            limit = self.config.read_limit if bucket == 'read' else self.config.write_limit
            enforced = limit > 0
            shown = limit if enforced else UNLIMITED
            allowed = True
            if consume:
                if enforced and window[1] >= limit:
                    allowed = False
                    self.counters['throttled'] += 1
                else:
                    window[1] += 1
            remaining = max(0, shown - window[1])
            return allowed, shown, remaining, int(math.ceil(end))

    # ------------------------------------------------------------ faults

    def add_faults(self, specs):
        if isinstance(specs, dict):
            specs = specs.get('faults', [specs]) if 'faults' in specs else [specs]
        if not isinstance(specs, list):
            raise ValueError('faults must be a list of rules')
        rules = [FaultRule(spec) for spec in specs]
        with self.lock:
            self.faults.extend(rules)
            return [r.view() for r in self.faults]

    def clear_faults(self):
        with self.lock:
            self.faults = []

    def wait_until_fired(self, rule, seconds):
        """Block until ``rule`` has fired ``times`` times, or ``seconds`` have passed (barrier_after_apply)."""
        deadline = time.time() + seconds
        while time.time() < deadline:
            with self.lock:
                if rule.fired >= rule.times:
                    return
            time.sleep(0.01)

    def fault_list(self):
        with self.lock:
            return [r.view() for r in self.faults]

    def match_fault(self, method, path):
        """The first live rule that fires for this request, or None. Rules are tried in the order they were added."""
        with self.lock:
            for rule in self.faults:
                if rule.exhausted or not rule.matches(method, path):
                    continue
                rule.seen += 1
                if rule.seen <= rule.after:
                    continue
                if rule.probability < 1.0 and self.rng.random() >= rule.probability:
                    continue
                rule.fired += 1
                self.counters['faults_fired'] += 1
                return rule
            return None

    # ------------------------------------------------------------ jobs

    def _next_order(self):
        self.order += 1
        return self.order

    def create_job(self, tenant, job, created_field=None):
        """Store a new job; ``created_field`` (the knob) is a read-only field: a value sent for it is dropped."""
        with self.lock:
            job = copy.deepcopy(job)
            job.pop('id', None)
            if created_field:
                job.pop(created_field, None)
            job['id'] = str(uuid.uuid4())
            record = JobRecord(tenant, job, self._next_order())
            self.jobs[job['id']] = record
            self.counters['creates'] += 1
            return record.api_view(created_field)

    def get_job(self, tenant, job_id, created_field=None):
        """Stored job (a copy) or None; tenant=None looks in every tenant."""
        with self.lock:
            record = self.jobs.get(job_id)
            if record is None or (tenant is not None and record.tenant != tenant):
                return None
            return record.api_view(created_field)

    def update_job(self, tenant, job_id, job, keep_omitted=False, created_field=None):
        with self.lock:
            record = self.jobs.get(job_id)
            if record is None or record.tenant != tenant:
                return None
            if keep_omitted:
                merged = copy.deepcopy(record.job)
                merged.update(copy.deepcopy(job))
                job = merged
            else:
                job = copy.deepcopy(job)
            job.pop('id', None)
            if created_field:
                job.pop(created_field, None)
            job['id'] = job_id
            record.job = job
            self.counters['updates'] += 1
            return record.api_view(created_field)

    def delete_job(self, tenant, job_id):
        with self.lock:
            record = self.jobs.get(job_id)
            if record is None or (tenant is not None and record.tenant != tenant):
                return False
            del self.jobs[job_id]
            self.counters['deletes'] += 1
            return True

    def record_run(self, tenant, job_id, kind, reason):
        with self.lock:
            record = self.jobs.get(job_id)
            if record is None or record.tenant != tenant:
                return False
            entry = {'time': time.time(), 'reason': reason}
            (record.runs if kind == 'run' else record.script_runs).append(entry)
            self.counters['runs' if kind == 'run' else 'script_runs'] += 1
            return True

    def list_jobs(self, tenant=None, created_field=None):
        """Stored jobs of one tenant (or all) in creation order."""
        with self.lock:
            records = sorted(self.jobs.values(), key=lambda r: r.order)
            return [r.api_view(created_field) for r in records if tenant is None or r.tenant == tenant]

    def control_jobs(self, tenant=None):
        with self.lock:
            records = sorted(self.jobs.values(), key=lambda r: r.order)
            return [r.control_view() for r in records if tenant is None or r.tenant == tenant]

    def control_job(self, job_id):
        with self.lock:
            record = self.jobs.get(job_id)
            return record.control_view() if record else None

    def seed_job(self, job, tenant, raw=False):
        """Store a job directly (no validation, log or rate limit); keeps the given id or assigns one."""
        if not isinstance(job, dict):
            raise ValueError('a job must be a JSON object')
        job = copy.deepcopy(job)
        for key in ('runs', 'script_runs', 'tenant'):
            job.pop(key, None)
        with self.lock:
            if not raw:
                job = stored_form(job, self.config)
            job_id = str(job.pop('id', None) or uuid.uuid4())
            job['id'] = job_id
            old = self.jobs.get(job_id)
            record = JobRecord(tenant, job, old.order if old else self._next_order(), old.created if old else None)
            if old:
                record.runs, record.script_runs = old.runs, old.script_runs
            self.jobs[job_id] = record
            return record.control_view()

    def delete_all_jobs(self):
        with self.lock:
            count = len(self.jobs)
            self.jobs = {}
            return count

    # ------------------------------------------------------------ resources

    def seed_resources(self, resources, tenant=None):
        """Store resources (each may name its own 'tenant'); an existing id is replaced in place. Returns them."""
        if not isinstance(resources, list):
            raise ValueError('resources must be a list of objects')
        default_tenant = tenant or (self.config.tenants[0] if self.config.tenants else 'client_1')
        stored = [stored_resource(item, (item.get('tenant') if isinstance(item, dict) else None) or default_tenant)
                  for item in resources]
        with self.lock:
            for resource in stored:
                self.resources[resource['id']] = resource
            return copy.deepcopy(stored)

    def list_resources(self, tenant=None):
        """Resources of one tenant (or all) in the order they were first seeded."""
        with self.lock:
            return [copy.deepcopy(r) for r in self.resources.values() if tenant is None or r['clientUniqueId'] == tenant]

    def delete_all_resources(self):
        with self.lock:
            count = len(self.resources)
            self.resources = {}
            return count

    # ------------------------------------------------------------ stats

    def stats(self):
        with self.lock:
            by_tenant, runs, script_runs = {}, {}, {}
            for job_id, record in self.jobs.items():
                by_tenant[record.tenant] = by_tenant.get(record.tenant, 0) + 1
                if record.runs:
                    runs[job_id] = len(record.runs)
                if record.script_runs:
                    script_runs[job_id] = len(record.script_runs)
            by_kind, by_status = {}, {}
            for entry in self.log:
                by_kind[entry['kind']] = by_kind.get(entry['kind'], 0) + 1
                status = str(entry['status'])
                by_status[status] = by_status.get(status, 0) + 1
            now = time.time()
            valid = sum(1 for t, exp in self.tokens.items() if t not in self.expired and exp > now)
            stats = dict(self.counters)
            stats.update({
                'jobs': len(self.jobs), 'resources': len(self.resources), 'clients': len(self.partners.clients),
                'jobs_by_tenant': by_tenant, 'runs_by_job': runs, 'script_runs_by_job': script_runs,
                'logged_requests': len(self.log), 'logged_by_kind': by_kind, 'logged_by_status': by_status,
                'tokens_valid': valid, 'faults_active': sum(1 for r in self.faults if not r.exhausted),
                'in_flight': self.in_flight,
            })
            stats.update(self.rba.counts())
            return stats
