# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Benchmark: reconcile N converged jobs (A) with one opsramp_jobs task, (B) with a loop of opsramp_job, (C) with
plain ansible.builtin.uri calls, against the simulator with realistic latency; then (A) again where the tenant's rate
limit binds; (P) opsramp_jobs on every client of a partner, with one token for the run or one per client;
and (S) custom jobs that name their RBA script and parameters by name, counting the script lookups.
Measures wall time, API requests per job (from the simulator's request log) and the peak RSS of the
ansible-playbook process tree, and writes the results into docs/performance.md between its bench markers.

    make bench                                   # the full run (about 25 minutes)
    .venv/bin/python bench/run.py --quick        # a smoke run with small sizes, printing the table only

Not a test: nothing here passes or fails on timings. A run does fail if a "converged" reconcile writes anything.
"""

import argparse
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, 'tests', 'simulator'))
sys.path.insert(0, HERE)

from opsramp_simulator import SimControl  # noqa: E402 pylint: disable=wrong-import-position

TENANT = 'client_1'
CLIENT_ID = 'demo-client'
CLIENT_SECRET = 'demo-secret'
START_DATE = '2026-01-01T02:00:00+0000'
# docs/performance.md holds each group's results between its markers: <!-- bench:start --> ... <!-- bench:end -->
# (group "reconcile"), <!-- bench-listing:start --> ... <!-- bench-listing:end --> (group "listing") and
# <!-- bench-partners:start --> ... <!-- bench-partners:end --> (group "partners")
# <!-- bench-scripts:start --> ... <!-- bench-scripts:end --> (group "scripts")
MARKERS = dict(reconcile='bench', listing='bench-listing', partners='bench-partners', scripts='bench-scripts')
PARTNER = 'msp_1'
# the tenants inventory of the partner case (api-behaviour §21): every client of the partner, listed once
PARTNER_INVENTORY = 'plugin: opsramp.automation.tenants\ncache: false\n'
GROUPS = tuple(MARKERS)
PAGE = os.sysconf('SC_PAGE_SIZE')


# ---------------------------------------------------------------------------------------------------- the jobs

def module_job(number):
    """Job ``number`` as opsramp_job options: a daily AD check-list on one device, as a Git repository would hold it."""
    return dict(name='bench-%04d' % number, job_type='adCheckList',
                entities=[dict(id='device-%04d' % number, type='DEVICE')],
                schedule=dict(type='daily', frequency='everyday', start_date=START_DATE))


def api_job(number):
    """The same job as the API takes it, which is also how OpsRamp stores it (what a uri user would write)."""
    return dict(name='bench-%04d' % number,
                entities=[dict(resource=dict(id='device-%04d' % number, type='DEVICE'))],
                script=dict(jobType='adCheckList'),
                schedule=dict(startDate=START_DATE, pattern=dict(type='daily', frequency='everyday')))


class Scripts:
    """The RBA of case S: ``count`` scripts spread over ``categories`` categories, each script with two parameters,
    and the custom jobs that name them, job ``number`` running script ``number % count``. The ids are fixed (seeded),
    so the stored form of a job is known."""

    def __init__(self, count, categories):
        self.count, self.categories = count, categories

    def category(self, script):
        return script % self.categories

    def rba(self):
        """(categories, scripts) as the simulator's control API seeds them."""
        categories = [dict(id=300 + number, name='bench-category-%02d' % number) for number in range(self.categories)]
        scripts = [dict(id=700 + number, name='bench-script-%02d' % number, category=300 + self.category(number),
                        executionType='SHELL', content='echo %d\n' % number,
                        parameters=[dict(id=7000 + 2 * number, name='days', type='OPTIONAL', dataType='INTEGER'),
                                    dict(id=7001 + 2 * number, name='target', type='OPTIONAL', dataType='STRING')])
                   for number in range(self.count)]
        return categories, scripts

    def module_job(self, number):
        """Job ``number`` as opsramp_jobs takes it: its script and parameters by name, its device by id."""
        script = number % self.count
        return dict(name='bench-custom-%04d' % number, job_type='custom',
                    entities=[dict(id='device-%04d' % number, type='DEVICE')],
                    schedule=dict(type='daily', frequency='everyday', start_date=START_DATE),
                    custom_script=dict(script=dict(name='bench-script-%02d' % script,
                                                   category='bench-category-%02d' % self.category(script)),
                                       parameters=[dict(name='days', value=str(number % 7 + 1)),
                                                   dict(name='target', value='host-%04d' % number)]))

    def api_job(self, number):
        """The same job as OpsRamp stores it: ids only."""
        script = number % self.count
        return dict(name='bench-custom-%04d' % number,
                    entities=[dict(resource=dict(id='device-%04d' % number, type='DEVICE'))],
                    script=dict(customScript=dict(id=700 + script),
                                parameters=[dict(paramId=7000 + 2 * script, value=str(number % 7 + 1)),
                                            dict(paramId=7001 + 2 * script, value='host-%04d' % number)]),
                    schedule=dict(startDate=START_DATE, pattern=dict(type='daily', frequency='everyday')))


def script_lookups(log):
    """(category listings, script listings) in a request log: the reads that resolving script names costs."""
    return (sum(1 for entry in log if re.search(r'/rba/categories$', entry['path'])),
            sum(1 for entry in log if re.search(r'/rba/categories/[^/]+/scripts$', entry['path'])))


# ---------------------------------------------------------------------------------------------------- processes

def _children_map():
    children = {}
    for entry in os.listdir('/proc'):
        if not entry.isdigit():
            continue
        try:
            with open('/proc/%s/stat' % entry) as handle:
                fields = handle.read().rsplit(')', 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
    return children


def tree_rss(root):
    """Resident memory, in bytes, of ``root`` and all its descendants."""
    children = _children_map()
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, []))
        try:
            with open('/proc/%d/statm' % pid) as handle:
                total += int(handle.read().split()[1]) * PAGE
        except OSError:
            pass
    return total


class TreeSampler(threading.Thread):
    """Samples the RSS of a process tree until stopped; ``peak`` is the largest sum seen."""

    def __init__(self, pid, interval=0.05):
        super().__init__(daemon=True)
        self.pid, self.interval, self.peak = pid, interval, 0
        self._stop_event = threading.Event()

    def run(self):
        while not self._stop_event.is_set():
            self.peak = max(self.peak, tree_rss(self.pid))
            self._stop_event.wait(self.interval)

    def stop(self):
        self._stop_event.set()
        self.join()


def run_playbook(playbook, extra_vars_file, env, log_path):
    """Run ansible-playbook; return (seconds, peak tree RSS bytes, max RSS of one process in bytes)."""
    command = [os.path.join(os.path.dirname(sys.executable), 'ansible-playbook'), playbook, '-e', '@' + extra_vars_file]
    with open(log_path, 'w') as log:
        started = time.monotonic()
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=os.path.dirname(playbook))
        sampler = TreeSampler(process.pid)
        sampler.start()
        dummy, status, usage = os.wait4(process.pid, 0)
        elapsed = time.monotonic() - started
        sampler.stop()
        process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit('%s failed (exit %d); see %s' % (os.path.basename(playbook), process.returncode, log_path))
    return elapsed, sampler.peak, usage.ru_maxrss * 1024


# ---------------------------------------------------------------------------------------------------- simulator

class Bench:
    def __init__(self, args):
        self.args = args
        self.work = tempfile.mkdtemp(prefix='opsramp-bench-')
        self.sim_state = os.path.join(self.work, 'simulator')
        self.url = None
        self.control = None
        self.env = None

    def start(self):
        self.url = subprocess.check_output(['bash', os.path.join(ROOT, 'ci', 'simulator.sh'), 'start', self.sim_state],
                                           text=True).strip()
        self.control = SimControl(self.url, timeout=120)
        self.env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=self.args.stage, ANSIBLE_NOCOLOR='1',
                        ANSIBLE_LOCALHOST_WARNING='False', ANSIBLE_INVENTORY_UNPARSED_WARNING='False',
                        ANSIBLE_RETRY_FILES_ENABLED='False', OPSRAMP_URL=self.url, OPSRAMP_TENANT_ID=TENANT,
                        OPSRAMP_CLIENT_ID=CLIENT_ID, OPSRAMP_CLIENT_SECRET=CLIENT_SECRET)

    def stop(self):
        subprocess.call(['bash', os.path.join(ROOT, 'ci', 'simulator.sh'), 'stop', self.sim_state])

    def prepare(self, method, size, create=False, scripts=None, **knobs):
        """A simulator holding ``size`` converged jobs (none with ``create``), with ``knobs``; the vars file that
        gives the playbook of ``method`` the jobs in the form it takes, and nothing else. Method S (``scripts``, a
        ``Scripts``): custom jobs naming the scripts the simulator is seeded with."""
        self.control.reset(config=True)
        self.control.configure(**dict(dict(latency_ms=self.args.latency_ms), **knobs))
        if scripts is not None:
            categories, rba_scripts = scripts.rba()
            self.control.seed_rba_categories(categories, tenant=TENANT)
            self.control.seed_rba_scripts(rba_scripts)
        if not create:
            for number in range(size):
                self.control.seed_job(scripts.api_job(number) if scripts else api_job(number), tenant=TENANT)
        if method == 'S':
            extra = dict(bench_jobs=[scripts.module_job(n) for n in range(size)], bench_workers=self.args.workers)
        elif method == 'C':
            extra = dict(bench_api_jobs=[api_job(n) for n in range(size)], opsramp_url=self.url,
                         opsramp_tenant_id=TENANT, opsramp_client_id=CLIENT_ID, opsramp_client_secret=CLIENT_SECRET)
        elif method == 'E':
            extra = dict(bench_size=size)
        else:
            extra = dict(bench_jobs=[module_job(n) for n in range(size)], bench_workers=self.args.workers)
        path = os.path.join(self.work, 'vars-%s-%d.json' % (method, size))
        with open(path, 'w') as handle:
            json.dump(extra, handle)
        self.control.clear_requests()
        return path

    def measure(self, method, size, create=False, scripts=None, **knobs):
        vars_file = self.prepare(method, size, create=create, scripts=scripts, **knobs)
        playbook = os.path.join(HERE, 'playbooks', dict(A='bulk.yml', B='loop.yml', C='uri.yml', E='export.yml',
                                                        S='bulk.yml')[method])
        log_path = os.path.join(self.work, '%s-%d%s.log' % (method, size, '-created' if create else ''))
        print('  %s N=%d%s ...' % (method, size, ' ' + json.dumps(knobs) if knobs else ''), end='', flush=True)
        load_before = os.getloadavg()[0]
        seconds, peak, largest = run_playbook(playbook, vars_file, self.env, log_path)
        load = max(load_before, os.getloadavg()[0])
        log = self.control.requests()
        kinds = dict((kind, sum(1 for e in log if e['kind'] == kind and e['status'] != 429))
                     for kind in ('token', 'read', 'write'))
        stats = self.control.stats()
        if not create and kinds['write']:
            raise SystemExit('%s at N=%d wrote %d times to converged jobs; see %s'
                             % (method, size, kinds['write'], log_path))
        if create and len(self.control.jobs()) != size:
            raise SystemExit('%s at N=%d left %d jobs; see %s' % (method, size, len(self.control.jobs()), log_path))
        result = dict(method=method, size=size, seconds=seconds, peak_rss=peak, largest_rss=largest,
                      requests=sum(kinds.values()), throttled=stats['throttled'], knobs=knobs, create=create,
                      load=load, api_seconds=api_seconds(log, knobs.get('latency_ms', self.args.latency_ms)), **kinds)
        if scripts is not None:
            result.update(scripts=scripts.count, categories=scripts.categories)
            result['category_listings'], result['script_listings'] = script_lookups(log)
            if result['script_listings'] > scripts.count:
                raise SystemExit('S at N=%d listed scripts %d times for %d scripts; see %s'
                                 % (size, result['script_listings'], scripts.count, log_path))
        print(' %.1f s, %d requests, peak RSS %.0f MB, load %.1f' % (seconds, result['requests'], peak / 2.0 ** 20,
                                                                     load))
        return result


def api_seconds(log, latency_ms):
    """From the first request to the last answer (its start plus the simulator's latency): the module's time at
    OpsRamp, without Ansible's start-up, which weighs heavily on a busy machine."""
    starts = [entry['time'] for entry in log]
    return max(starts) - min(starts) + latency_ms / 1000.0 if starts else 0.0


# ---------------------------------------------------------------------------------------------------- the runs

def linear_fit(points):
    """(intercept, slope) of the least-squares line through (x, y) points."""
    count = float(len(points))
    mean_x = sum(x for x, y in points) / count
    mean_y = sum(y for x, y in points) / count
    spread = sum((x - mean_x) ** 2 for x, y in points)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in points) / spread
    return mean_y - slope * mean_x, slope


def floor_seconds(result, bucket):
    """The least time the rate limit allows for the requests of ``bucket``: requests / (limit per second)."""
    knobs = result['knobs']
    limit = knobs['read_limit' if bucket == 'read' else 'write_limit']
    return result[bucket] * knobs['rate_window_seconds'] / float(limit)


def run_all(args):
    bench = Bench(args)
    bench.start()
    try:
        results = {}
        if 'reconcile' in args.groups:
            results.update(run_reconcile(bench, args))
        if 'listing' in args.groups:
            results.update(run_listing(bench, args))
        if 'partners' in args.groups:
            results.update(run_partners(bench, args))
        if 'scripts' in args.groups:
            results.update(run_scripts(bench, args))
        return results
    finally:
        bench.stop()


def limit_knobs(args):
    """The simulator knobs of the documented limits, scaled to windows of ``args.window`` seconds."""
    window = args.window
    return dict(read_limit=args.read_limit_per_minute * window // 60,
                write_limit=args.write_limit_per_minute * window // 60, rate_window_seconds=window)


def run_reconcile(bench, args):
    """A, B and C without a binding limit, then A where the limits bind."""
    results = dict(unlimited=[], limited=[])
    print('No rate limit, %d ms per request:' % args.latency_ms)
    for size in args.sizes:
        results['unlimited'].append(bench.measure('A', size))
    for method in ('B', 'C'):
        for size in args.loop_sizes:
            results['unlimited'].append(bench.measure(method, size))
    knobs = limit_knobs(args)
    print('Rate limits of %d reads and %d writes a minute (%d and %d per %d-second window):'
          % (args.read_limit_per_minute, args.write_limit_per_minute, knobs['read_limit'], knobs['write_limit'],
             args.window))
    for size in args.limited_sizes:
        results['limited'].append(dict(bench.measure('A', size, **knobs), bound='read'))
    results['limited'].append(dict(bench.measure('A', args.create_size, create=True, **knobs), bound='write'))
    return results


def run_listing(bench, args):
    """Listing overlapped with reading: A against small search pages, and E (the export) with and without limit."""
    results = dict(overlap=[measure_overlap(bench, args), measure_overlap(bench, args, limit_knobs(args))])
    print('Export (opsramp_job_info format=options) of every job:')
    results['export'] = [bench.measure('E', args.export_size),
                         dict(bench.measure('E', args.export_size, **limit_knobs(args)), bound='read')]
    return results


def run_scripts(bench, args):
    """S: custom jobs naming ``args.scripts`` scripts by name, created, then converged; the scripts each in a category
    of its own (each lookup a listing of its own), then all in two categories (the listings shared)."""
    print('Custom jobs naming %d scripts by name, %d ms per request:' % (args.scripts, args.latency_ms))
    apart, together = Scripts(args.scripts, args.scripts), Scripts(args.scripts, 2)
    return dict(scripts=[bench.measure('S', args.scripts_size, create=True, scripts=apart),
                         bench.measure('S', args.scripts_size, scripts=apart),
                         bench.measure('S', args.scripts_size, scripts=together)])


def measure_overlap(bench, args, limits=None):
    """A converged opsramp_jobs run against search pages of 3 jobs: the listing's latency is hidden by overlapping
    it with the reads of full jobs, and the pages after the first go concurrently. ``limits``: the documented
    limits (by default, ``overlap_reads_per_second``)."""
    limits = limits or dict(limit_knobs(args), read_limit=args.overlap_reads_per_second * args.window)
    print('Search pages of %d jobs, %d ms per request, %d reads a minute:' % (
        args.overlap_page_size, args.overlap_latency_ms, limits['read_limit'] * 60 // args.window))
    knobs = dict(limits, max_page_size=args.overlap_page_size, latency_ms=args.overlap_latency_ms)
    return dict(bench.measure('A', args.overlap_size, **knobs), bound='read')


def run_partners(bench, args):
    """P: a converged opsramp_jobs run on each client of a partner, with one token for the run, then one per client."""
    print('A partner of %d clients with %d jobs each, %d ms per request, %d forks:' % (
        args.partner_clients, args.partner_jobs, args.latency_ms, args.partner_forks))
    # taken in turns, so that both see the same changes of load of a shared machine
    return dict(partners=[measure_partner(bench, args, shared) for dummy in range(args.partner_rounds)
                          for shared in (True, False)])


def measure_partner(bench, args, shared_token):
    control = bench.control
    control.reset(config=True)
    control.configure(latency_ms=args.latency_ms)
    clients = [c['uniqueId'] for c in control.seed_partner(PARTNER, count=args.partner_clients)['clients']]
    for client in clients:
        for number in range(args.partner_jobs):
            control.seed_job(api_job(number), tenant=client)
    inventory = os.path.join(bench.work, 'partner.opsramp_tenants.yml')
    with open(inventory, 'w') as handle:
        handle.write(PARTNER_INVENTORY)
    vars_file = os.path.join(bench.work, 'vars-P-%s.json' % shared_token)
    with open(vars_file, 'w') as handle:
        json.dump(dict(bench_jobs=[module_job(n) for n in range(args.partner_jobs)], bench_workers=args.workers,
                       bench_shared_token=shared_token), handle)
    env = dict(bench.env, OPSRAMP_TENANT_ID=PARTNER, ANSIBLE_INVENTORY=inventory, ANSIBLE_FORKS=str(args.partner_forks),
               ANSIBLE_INVENTORY_UNPARSED_FAILED='True')
    control.clear_requests()
    case = 'one token for the run' if shared_token else 'one token per client'
    print('  P %s ...' % case, end='', flush=True)
    load_before = os.getloadavg()[0]
    seconds, peak, largest = run_playbook(os.path.join(HERE, 'playbooks', 'partner.yml'), vars_file, env,
                                          os.path.join(bench.work, 'P-%s.log' % shared_token))
    load = max(load_before, os.getloadavg()[0])
    log = control.requests()
    kinds = dict((kind, sum(1 for e in log if e['kind'] == kind and e['status'] != 429))
                 for kind in ('token', 'read', 'write'))
    if kinds['write']:
        raise SystemExit('P (%s) wrote %d times to converged jobs' % (case, kinds['write']))
    listing = sum(1 for e in log if e['path'].endswith('/clients/search'))
    size = args.partner_clients * args.partner_jobs
    result = dict(method='P', case=case, shared_token=shared_token, clients=len(clients), size=size, seconds=seconds,
                  peak_rss=peak, largest_rss=largest, requests=sum(kinds.values()), listing=listing, load=load,
                  api_seconds=api_seconds(log, args.latency_ms), throttled=control.stats()['throttled'], **kinds)
    print(' %.1f s, %d requests (%d tokens), load %.1f' % (seconds, result['requests'], kinds['token'], load))
    return result


# ---------------------------------------------------------------------------------------------------- the report

def machine():
    from ansible.release import __version__ as ansible_version  # pylint: disable=import-outside-toplevel
    with open('/proc/meminfo') as handle:
        memory_kb = int(re.search(r'MemTotal:\s+(\d+)', handle.read()).group(1))
    model = ''
    with open('/proc/cpuinfo') as handle:
        found = re.search(r'model name\s*:\s*(.+)', handle.read())
        model = found.group(1).strip() if found else platform.machine()
    return dict(nproc=os.cpu_count(), memory='%.1f GiB' % (memory_kb / 2.0 ** 20), cpu=model,
                python=platform.python_version(), ansible_core=ansible_version, system=platform.platform())


def _mb(value):
    return '%.0f' % (value / 2.0 ** 20)


def report(results, args):
    """The text of each group that ran: ``{group: markdown}``."""
    texts = {}
    if 'reconcile' in args.groups:
        texts['reconcile'] = report_reconcile(results, args)
    if 'listing' in args.groups:
        texts['listing'] = '\n'.join([measured_on(results, args)] + report_overlap(results['overlap'], args)
                                     + report_export(results['export'], args)) + '\n'
    if 'partners' in args.groups:
        texts['partners'] = '\n'.join([measured_on(results, args)] + report_partners(results['partners'], args)) + '\n'
    if 'scripts' in args.groups:
        texts['scripts'] = '\n'.join([measured_on(results, args)] + report_scripts(results['scripts'], args)) + '\n'
    return texts


def measured_on(results, args):
    loads = [r['load'] for group in results.values() for r in group]
    return ('Measured on: %(nproc)s CPUs (%(cpu)s), %(memory)s memory, Python %(python)s, ansible-core '
            '%(ansible_core)s, %(system)s.' % machine()) + (
        ' Date of the run: %s. The 1-minute load average around the measurements ranged from %.1f to %.1f (the '
        'machine was shared with other work).' % (time.strftime('%Y-%m-%d'), min(loads), max(loads)))


def report_reconcile(results, args):
    by = dict(((r['method'], r['size']), r) for r in results['unlimited'])
    lines = [measured_on(results, args),
             'Simulator latency %d ms per request; opsramp_jobs with %d workers; every job manages `entities` (so each '
             'needs its GET).' % (args.latency_ms, args.workers)]
    lines.append('')
    lines.append('### Converged reconcile, no binding rate limit')
    lines.append('')
    lines.append('| N | method | wall time (s) | API requests | requests per job | peak RSS of the tree (MB) | '
                 'largest process (MB) |')
    lines.append('| ---: | --- | ---: | ---: | ---: | ---: | ---: |')
    names = dict(A='A: one `opsramp_jobs` task', B='B: loop of `opsramp_job`', C='C: `ansible.builtin.uri` loop')
    for size in sorted(set(args.sizes) | set(args.loop_sizes)):
        for method in 'ABC':
            result = by.get((method, size))
            if result is not None:
                lines.append('| %d | %s | %.1f | %d | %.3f | %s | %s |' % (
                    size, names[method], result['seconds'], result['requests'], result['requests'] / float(size),
                    _mb(result['peak_rss']), _mb(result['largest_rss'])))
    fits = {}
    for method in 'ABC':
        points = [(r['size'], r['seconds']) for r in results['unlimited'] if r['method'] == method]
        if len(points) >= 2:
            fits[method] = linear_fit(points)
    missing = [(method, size) for size in args.sizes for method in 'BC' if (method, size) not in by]
    for method, size in missing:
        if method in fits:
            intercept, slope = fits[method]
            lines.append('| %d | %s | **%.0f (extrapolated)** | %d (3 per job) | 3.000 | not measured | not measured |'
                         % (size, names[method], intercept + slope * size, 3 * size))
    lines.append('')
    if missing:
        measured = ', '.join(str(size) for size in args.loop_sizes)
        lines.append('B and C were measured at N = %s only; the rows marked *extrapolated* extend the least-squares '
                     'line through those measurements (time = a + b N) and were not run.' % measured)
        lines.append('')
    lines.append('Time per job (slope b of time = a + b N, least squares over the measured sizes):')
    lines.append('')
    for method in 'ABC':
        if method in fits:
            intercept, slope = fits[method]
            lines.append('- %s: b = %.1f ms per job, a = %.1f s' % (names[method], slope * 1000, intercept))
    speedups = []
    for size in sorted(args.sizes):
        if ('A', size) in by:
            for method in 'BC':
                if (method, size) in by:
                    speedups.append('%s / A at N=%d: **%.0f×** (measured)' % (
                        method, size, by[(method, size)]['seconds'] / by[('A', size)]['seconds']))
                elif method in fits:
                    intercept, slope = fits[method]
                    speedups.append('%s / A at N=%d: %.0f× (B/C extrapolated)' % (
                        method, size, (intercept + slope * size) / by[('A', size)]['seconds']))
    lines.append('')
    lines.append('Speed-up of A: ' + '; '.join(speedups) + '.')
    lines.append('')
    lines.append('### One `opsramp_jobs` task where the rate limit binds')
    lines.append('')
    lines.append('| N | case | limit | requests (reads / writes) | 429 answers | wall time (s) | rate-limit floor (s) | '
                 'efficiency (floor / time) |')
    lines.append('| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: |')
    for result in results['limited']:
        bound = result['bound']
        knobs = result['knobs']
        per_minute = (knobs['read_limit'] if bound == 'read' else knobs['write_limit']) * 60 // knobs[
            'rate_window_seconds']
        floor = floor_seconds(result, bound)
        lines.append('| %d | %s | %d %ss a minute | %d / %d | %d | %.1f | %.1f | %.2f |' % (
            result['size'], 'create all (writes bind)' if result['create'] else 'converged (reads bind)', per_minute,
            bound, result['read'], result['write'], result['throttled'], result['seconds'], floor,
            floor / result['seconds']))
    lines.append('')
    lines.append('Limits are enforced in fixed windows of %d seconds with the same per-minute rate (%d reads and %d '
                 'writes a minute), so that where the run starts within a window weighs little; the client paces '
                 'itself from the same X-RateLimit-* headers either way.' % (
                     args.window, args.read_limit_per_minute, args.write_limit_per_minute))
    return '\n'.join(lines) + '\n'


def report_overlap(results, args):
    pages = -(-args.overlap_size // args.overlap_page_size)
    lines = [
        '', '### Listing overlapped with reading', '',
        'A converged `opsramp_jobs` run of N = %d jobs against search pages of %d jobs (%d pages), %d ms per request: '
        'the reads of full jobs start as soon as a page lists their jobs, and the pages after the first are fetched '
        'concurrently.' % (args.overlap_size, args.overlap_page_size, pages, args.overlap_latency_ms), '',
        '| N | limit | requests (reads / writes) | 429 answers | wall time (s) | time at the API (s) '
        '| rate-limit floor (s) | efficiency (floor / wall time) |',
        '| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |']
    for result in results:
        floor = floor_seconds(result, 'read')
        per_minute = result['knobs']['read_limit'] * 60 // result['knobs']['rate_window_seconds']
        lines.append('| %d | %d reads a minute | %d / %d | %d | %.1f | %.1f | %.1f | %.2f |' % (
            result['size'], per_minute, result['read'], result['write'], result['throttled'], result['seconds'],
            result['api_seconds'], floor, floor / result['seconds']))
    lines.extend(['', '*Time at the API*: from the first request to the last answer, as the simulator logged them '
                      '(Ansible\'s start-up left out).'])
    return lines


def report_export(results, args):
    lines = ['', '### Export: `opsramp_job_info` with `format: options`', '',
             'Every job of a tenant of N jobs read in full and written as `opsramp_job` options (one token request, '
             'the search pages, one GET per job).', '',
             '| N | limit | requests (token / search pages / GETs) | 429 answers | wall time (s) | time at the API (s) '
             '| rate-limit floor (s) | efficiency (floor / wall time) |',
             '| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |']
    for result in results:
        limited = result.get('bound') == 'read'
        floor = floor_seconds(result, 'read') if limited else None
        pages = result['read'] - result['size']
        lines.append('| %d | %s | %d / %d / %d | %d | %.1f | %.1f | %s | %s |' % (
            result['size'], '%d reads a minute' % args.read_limit_per_minute if limited else 'none',
            result['token'], pages, result['size'], result['throttled'], result['seconds'], result['api_seconds'],
            '%.1f' % floor if limited else '-', '%.2f' % (floor / result['seconds']) if limited else '-'))
    return lines


def report_partners(results, args):
    lines = ['', '| clients × jobs | token | requests (token / read / write) | of which the inventory | requests per converged '
             'job | wall time (s) | time at the API (s) | peak RSS of the tree (MB) |',
             '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |']
    for result in results:
        lines.append('| %d × %d | %s | %d / %d / %d | %d | %.3f | %.1f | %.1f | %s |' % (
            result['clients'], args.partner_jobs, result['case'], result['token'], result['read'], result['write'],
            result['listing'] + 1, result['requests'] / float(result['size']), result['seconds'],
            result['api_seconds'], _mb(result['peak_rss'])))
    note = ('Simulator latency %d ms per request; %d forks (one client per fork at a time), %d workers per task; every '
            'job manages `entities`, so each needs its GET. *Of which the inventory*: the token and the clients search '
            'of the tenants inventory.' % (args.latency_ms, args.partner_forks, args.workers))
    lines.extend(['', note])
    return lines


def report_scripts(results, args):
    lines = ['', 'One `opsramp_jobs` task of N custom jobs, each naming one of %d RBA scripts by its name and category and '
             'its two parameters by name (and its device by id), %d ms per request, %d workers. *Lookups*: the reads '
             'that resolving the names costs, counted from the simulator\'s request log: listings of the categories and '
             'of the scripts of a category.' % (args.scripts, args.latency_ms, args.workers), '',
             '| N | case | scripts in categories | lookups: category listings / script listings | other requests '
             '(token / search pages and GETs / writes) | wall time (s) | time at the API (s) |',
             '| ---: | --- | --- | ---: | ---: | ---: | ---: |']
    for result in results:
        lookups = result['category_listings'] + result['script_listings']
        lines.append('| %d | %s | %d in %d | %d / %d | %d / %d / %d | %.1f | %.1f |' % (
            result['size'], 'create all' if result['create'] else 'converged', result['scripts'],
            result['categories'], result['category_listings'], result['script_listings'], result['token'],
            result['read'] - lookups, result['write'], result['seconds'], result['api_seconds']))
    return lines


def write_doc(path, texts):
    """Each group's text between that group's markers in ``path``; the other groups' results stay as they are."""
    with open(path) as handle:
        doc = handle.read()
    for group, text in texts.items():
        mark_start, mark_end = '<!-- %s:start -->' % MARKERS[group], '<!-- %s:end -->' % MARKERS[group]
        start, end = doc.index(mark_start) + len(mark_start), doc.index(mark_end)
        doc = doc[:start] + '\n' + text + doc[end:]
    with open(path, 'w') as handle:
        handle.write(doc)
    print('wrote the results of %s into %s' % (', '.join(texts), path))


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n', maxsplit=1)[0])
    parser.add_argument('--stage', required=True, help='directory holding ansible_collections/opsramp/automation')
    parser.add_argument('--sizes', default='100,500,1000', help='N for A (comma-separated)')
    parser.add_argument('--loop-sizes', default='100,500', help='N for B and C, the slow loops')
    parser.add_argument('--limited-sizes', default='500,1000', help='N for A with a binding read limit')
    parser.add_argument('--create-size', type=int, default=100, help='N for A creating jobs with a binding write limit')
    parser.add_argument('--latency-ms', type=int, default=30)
    parser.add_argument('--workers', type=int, default=4)
    parser.add_argument('--read-limit-per-minute', type=int, default=500)
    parser.add_argument('--write-limit-per-minute', type=int, default=50)
    parser.add_argument('--window', type=int, default=6, help='rate window in seconds (limits scaled to it)')
    parser.add_argument('--overlap-size', type=int, default=200, help='N for A against small search pages')
    parser.add_argument('--overlap-page-size', type=int, default=3, help='jobs per search page in that case')
    parser.add_argument('--overlap-latency-ms', type=int, default=20)
    parser.add_argument('--overlap-reads-per-second', type=int, default=100)
    parser.add_argument('--export-size', type=int, default=500, help='N for E, the export')
    parser.add_argument('--partner-clients', type=int, default=50, help='clients of the partner in P')
    parser.add_argument('--partner-jobs', type=int, default=20, help='jobs of each client in P')
    parser.add_argument('--partner-forks', type=int, default=10, help='Ansible forks in P (clients at a time)')
    parser.add_argument('--partner-rounds', type=int, default=2, help='runs of each P case, in turns')
    parser.add_argument('--scripts-size', type=int, default=200, help='N for S, custom jobs naming their script')
    parser.add_argument('--scripts', type=int, default=10, help='how many scripts the jobs of S name')
    parser.add_argument('--doc', help='write the results between the bench markers of this file')
    parser.add_argument('--json', help='also write the raw results here')
    parser.add_argument('--quick', action='store_true', help='small sizes, for trying the benchmark out')
    parser.add_argument('--groups', default=','.join(GROUPS),
                        help='which measurements to run (comma-separated): reconcile (A, B and C; the long part), '
                             'listing (A against small search pages, and the export), partners (P: every client of '
                             'a partner, one token for the run or one per client), scripts (S: custom jobs naming '
                             'their RBA script by name)')
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes, args.loop_sizes, args.limited_sizes, args.create_size = '20,60', '20', '60', 12
        args.export_size, args.scripts_size = 60, 40
        args.partner_clients, args.partner_jobs, args.partner_rounds = 6, 5, 1
        args.window, args.read_limit_per_minute, args.write_limit_per_minute = 2, 600, 120
    for name in ('sizes', 'loop_sizes', 'limited_sizes'):
        setattr(args, name, [int(part) for part in getattr(args, name).split(',') if part.strip()])
    args.groups = [group.strip() for group in args.groups.split(',') if group.strip()]
    unknown = sorted(set(args.groups) - set(GROUPS))
    if unknown:
        parser.error('unknown group(s) %s: choose among %s' % (', '.join(unknown), ', '.join(GROUPS)))
    return args


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    results = run_all(args)
    texts = report(results, args)
    print()
    print('\n'.join(texts.values()))
    if args.json:
        with open(args.json, 'w') as handle:
            json.dump(dict(results=results, machine=machine()), handle, indent=1)
    if args.doc:
        write_doc(args.doc, texts)
    return 0


if __name__ == '__main__':
    sys.exit(main())
