# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Reconcile a list of jobs in one task (opsramp_jobs).

Validate every job before any request; list the tenant's jobs once (the fewest search pages), reading the jobs that
need it in full while the listing goes on (``listing``); match each job by id or exact name, failing before any write
on duplicates or ambiguous names; then decide and act as opsramp_job does
(``reconcile.decide``, then ``reconcile.execute``) for each job in a bounded pool of worker threads. The workers share
one client: one session, one token, one rate-limit pacer. A job that fails does not stop the others: its error is
collected, and the task fails at the end listing every failed job, with what was done.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from concurrent.futures import ThreadPoolExecutor

from ansible_collections.opsramp.automation.plugins.module_utils import (
    concurrent_creates, job_model, job_types, jobs, listing, reconcile, resources)
from ansible_collections.opsramp.automation.plugins.module_utils.arguments import JOB_OPTIONS, element_label, naming
from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import (
    AuthenticationError,
    JobLookupError,
    OpsRampError,
    ValidationError,
)

DEFAULT_WORKERS = 4
MAX_WORKERS = 16
ACTIONS = reconcile.ACTIONS
MAX_ERRORS_IN_MESSAGE = 20
_JOB_DEFAULTS = dict([(option['name'], None) for option in JOB_OPTIONS] + [('state', 'present'), ('source', None)])


class BulkReconcileError(OpsRampError):
    """Some jobs failed; the details hold what was done for the others (``changed``, ``created``, ``errors``...)."""


class _Item:
    """One job to reconcile: a list element (``index``) or a job to prune (``index`` None).

    ``target`` is a ``reconcile.Wanted``; ``listed_job`` the search result it names, if any; ``source`` where the
    element comes from (its option ``source``), for messages only.
    """

    def __init__(self, target, listed_job=None, index=None, source=None):
        self.target = target
        self.listed_job = listed_job
        self.index = index
        self.source = source
        self.full_job = None  # the future of the full job, when listing.list_jobs started reading it

    @property
    def name(self):
        """The job's name as the results show it: the declared one, else the listed one, else its id."""
        listed = self.listed_job or {}
        return self.target.name or listed.get('name') or self.target.job_id

    @property
    def label(self):
        """How messages name the job: jobs[3] 'nightly backup' from its source, or prune 'team-old' (id ...)."""
        if self.index is None:
            return "prune '%s' (id %s)" % (self.name, self.target.job_id)
        return element_label('jobs[%d]' % self.index, dict(name=self.name, source=self.source))


class _Stop:
    """Set by a worker when the remaining jobs are bound to fail the same way."""

    def __init__(self):
        self.reason = None


class _Outcome:
    """What became of one job: only what the result reports, so that the jobs themselves are not kept until the end."""

    def __init__(self, action=None, job_id=None, changes=(), diff=None, error=None):
        self.action = action
        self.job_id = job_id
        self.changes = list(changes)
        self.diff = diff
        self.error = error

    @classmethod
    def of(cls, plan, job, want_diff, labels=None):
        """The outcome of ``plan``, ``job`` being the job after it ran (or would have run)."""
        return cls(plan.action, (job or {}).get('id'), plan.changes, plan.diff(labels) if want_diff else None)


# ---------------------------------------------------------------------------------------------------- the flow

class Options:
    """How the list is reconciled: the module's options besides ``jobs``, validated; and check and diff mode.

    With ``prune``, the jobs whose name starts with ``prune_prefix`` and that no element names are deleted.
    """

    def __init__(self, prune=False, prune_prefix=None, workers=DEFAULT_WORKERS, check_mode=False, want_diff=False):
        self.workers = check_workers(workers)
        self.prune_prefix = check_prune(prune, prune_prefix) if prune else None
        self.check_mode = check_mode
        self.want_diff = want_diff


def reconcile_jobs(client, specs, options=None):
    """Bring every job of ``specs`` (job options plus ``state``) to its state, as ``options`` (``Options``) say.

    Returns the module result; raises BulkReconcileError, carrying that result, when some jobs failed.
    """
    options = options or Options()
    job_params = validated_job_params(specs)
    if options.prune_prefix is not None:
        _warn_unprunable(client, job_params, options.prune_prefix)
    # every entity lookup of the list, each distinct one searched once, before anything is written
    targets = [reconcile.wanted(params, labels) for params, labels
               in resources.resolve_jobs(resources.ResourceResolver(client), job_params, options.workers)]
    job_types.warn_unknown(client, [('jobs[%d].job_type' % index, target.desired.get('job_type'))
                                    for index, target in enumerate(targets) if target.desired is not None])
    if not targets and options.prune_prefix is None:
        return summarise([], [], options)
    with ThreadPoolExecutor(max_workers=options.workers) as readers:
        listed = listing.list_jobs(client, readers, wants_full=full_reads_needed(targets))
        items = plan(targets, listed.jobs, options.prune_prefix, [params['source'] for params in job_params])
        for item in items:
            item.full_job = listed.full.get((item.listed_job or {}).get('id'))
        outcomes = run_items(client, items, options)
    if not options.check_mode:
        settle_created(client, items, outcomes)
    return summarise(items, outcomes, options)


def check_workers(workers):
    if workers is None:
        return DEFAULT_WORKERS
    if isinstance(workers, bool) or not isinstance(workers, int) or not 1 <= workers <= MAX_WORKERS:
        raise ValidationError('workers: must be a whole number from 1 to %d, not %r' % (MAX_WORKERS, workers),
                              option='workers')
    return workers


def check_prune(prune, prune_prefix):
    """The prefix that limits pruning; a blank one would let prune delete every job of the tenant."""
    if not prune:
        return prune_prefix
    if prune_prefix is None or not str(prune_prefix).strip():
        raise ValidationError('prune_prefix: required and not blank with prune=true, so that prune deletes only the '
                              'jobs this list owns', option='prune_prefix')
    return str(prune_prefix)


# ---------------------------------------------------------------------------------------------------- validation

def validated_job_params(specs):
    """The list elements as complete job options plus ``state``, each validated as opsramp_job validates its options.

    Raises ValidationError naming ``jobs[i].<option>``, before any request.
    """
    job_params = []
    for index, spec in enumerate(specs or []):
        params = dict(_JOB_DEFAULTS)
        params.update((key, value) for key, value in (spec or {}).items() if value is not None)
        try:
            if params['state'] not in ('present', 'absent'):
                raise ValidationError('state: %r is not one of present, absent' % (params['state'],), option='state')
            job_model.validate_job_params(params, state=params['state'])
        except ValidationError as error:
            raise for_job(error, index, params) from None
        job_params.append(params)
    # an element with an id is matched by it: two jobs of the tenant may share a name
    _check_unique([params['name'] if not params['id'] else None for params in job_params], 'name', job_params)
    _check_unique([params['id'] for params in job_params], 'id', job_params)
    return job_params


def for_job(error, index, element):
    """``error`` with its option(s) and message prefixed by ``jobs[index].``, and the element's label."""
    prefix = 'jobs[%d]' % index
    options = [option.strip() for option in (error.option or '').split(',') if option.strip()]
    option = ', '.join('%s.%s' % (prefix, name) for name in options) or prefix
    message = error.message
    if error.option and message.startswith(error.option):
        message = option + message[len(error.option):]
    else:
        message = '%s: %s' % (prefix, message)
    return ValidationError(naming(message, (prefix, element)), option=option)


def _at(index, element):
    """List element ``index`` as ``naming`` takes it; ``element`` holds its name and source."""
    return 'jobs[%d]' % index, element


def _check_unique(values, key, elements):
    first = {}
    for index, value in enumerate(values):
        if value is None:
            continue
        if value in first:
            message = "jobs[%d].%s: %r is also the %s of jobs[%d]; each job may appear once in the list" % (
                index, key, value, key, first[value])
            message = naming(message, _at(index, elements[index]), _at(first[value], elements[first[value]]))
            raise ValidationError(message, option='jobs[%d].%s' % (index, key))
        first[value] = index


def _warn_unprunable(client, job_params, prune_prefix):
    outside = [element_label('jobs[%d]' % index, params) for index, params in enumerate(job_params)
               if params['name'] is not None and not params['name'].startswith(prune_prefix)]
    if outside:
        client.warn("%d jobs of the list do not start with prune_prefix '%s', so prune will not delete them once they "
                    "leave the list: %s" % (len(outside), prune_prefix, ', '.join(outside)))


# ---------------------------------------------------------------------------------------------------- matching

def full_reads_needed(targets):
    """Which listed jobs to read in full while the listing goes on: those an element names (by id, else by name)
    and that it will compare in full (``job_model.needs_full_job``: search results lack those fields)."""
    ids, names = set(), set()
    for target in targets:
        if target.state == 'present' and job_model.needs_full_job(target.desired):
            if target.job_id:
                ids.add(target.job_id)
            else:
                names.add(target.name)
    return lambda job: job['id'] in ids or job.get('name') in names


def plan(targets, listed, prune_prefix=None, sources=None):
    """The work items: each list element with the listed job it names (by id, else by exact name), then the jobs
    to prune. Raises JobLookupError, before any write, when a name is ambiguous or two elements name one job.
    ``sources`` are the elements' sources, named in messages."""
    by_id = dict((job['id'], job) for job in listed)
    by_name = {}
    for job in listed:
        by_name.setdefault(job.get('name'), []).append(job)
    items, problems, claimed = [], [], {}
    for index, (target, source) in enumerate(zip(targets, sources or [None] * len(targets))):
        item = _Item(target, None, index, source)
        item.listed_job = _listed_job(item, by_id, by_name, problems)
        if item.listed_job is not None:
            if item.listed_job['id'] in claimed:
                first = items[claimed[item.listed_job['id']]]
                problems.append(naming('jobs[%d] and jobs[%d] both name job %s' % (first.index, index,
                                                                                   item.listed_job['id']),
                                       _element(first), _element(item)))
            claimed[item.listed_job['id']] = index
        items.append(item)
    if problems:
        raise JobLookupError('%s; nothing was written' % '; '.join(problems))
    if prune_prefix is not None:
        items.extend(_prune_items(listed, prune_prefix, set(claimed) | set(t.job_id for t in targets if t.job_id)))
    return items


def _listed_job(item, by_id, by_name, problems):
    """The listed job that the element ``item`` names (by id, else by name); a name several jobs share is a problem."""
    target, index = item.target, item.index
    if target.job_id:
        return by_id.get(target.job_id)  # None: not listed, read by id in the worker
    matches = by_name.get(target.name, [])
    if len(matches) > 1:
        problems.append(naming("jobs[%d]: %d jobs are named '%s' (ids %s); give jobs[%d].id to choose one" % (
            index, len(matches), target.name, ', '.join(job['id'] for job in matches), index), _element(item)))
    return matches[0] if matches else None


def _element(item):
    """The element of ``item`` as ``naming`` takes it: its declared name and its source."""
    return _at(item.index, dict(name=item.target.name, source=item.source))


def _prune_items(listed, prune_prefix, kept_ids):
    doomed = [job for job in listed if job['id'] not in kept_ids
              and isinstance(job.get('name'), str) and job['name'].startswith(prune_prefix)]
    doomed.sort(key=lambda job: (job['name'], job['id']))
    return [_Item(reconcile.Wanted('absent', job['id'], job['name']), job) for job in doomed]


# ---------------------------------------------------------------------------------------------------- work

def run_items(client, items, options):
    """Each item's outcome, in the order of ``items``; the items run in a pool of at most ``workers`` threads."""
    stop = _Stop()
    with ThreadPoolExecutor(max_workers=max(1, min(options.workers, len(items)))) as pool:
        futures = [pool.submit(_attempt, client, item, options, stop) for item in items]
        return [future.result() for future in futures]


def _attempt(client, item, options, stop):
    """The item's outcome; any error is caught and kept, so that one job's failure loses nobody else's result."""
    if stop.reason is not None:
        return _Outcome(error='not attempted: %s' % stop.reason)
    try:
        return _reconcile_item(client, item, options)
    except AuthenticationError as error:
        # every other job would fail the same way, one token request after another
        stop.reason = 'an earlier job could not authenticate'
        return _Outcome(error=error.message)
    except OpsRampError as error:
        return _Outcome(error=error.message)
    except Exception as error:  # pylint: disable=broad-except
        return _Outcome(error=client.redact('unexpected error: %s: %s' % (type(error).__name__, error)))


def _reconcile_item(client, item, options):
    try:
        decision = reconcile.decide(item.target, _snapshot(client, item))
    except ValidationError as error:
        if item.index is None:
            raise
        raise for_job(error, item.index, _element(item)[1]) from None
    job = decision.predicted_job() if options.check_mode else reconcile.execute(client, decision)
    return _Outcome.of(decision, job, options.want_diff, item.target.labels)


def _snapshot(client, item):
    """The job the item names: its search result, read in full when needed, or read by an id the search did not list."""
    job_id = (item.listed_job or {}).get('id')
    if item.full_job is not None:  # read while the listing went on
        return reconcile.Snapshot(item.listed_job, client.tenant_id, fetch=item.full_job.result)
    if job_id is not None:
        return reconcile.Snapshot(item.listed_job, client.tenant_id, fetch=lambda: jobs.get_job(client, job_id))
    if item.target.job_id:
        return reconcile.Snapshot(jobs.get_job(client, item.target.job_id), client.tenant_id)
    return reconcile.Snapshot(None, client.tenant_id)


def settle_created(client, items, outcomes):
    """Other runs may have created some of the same jobs at the same time: one search for every job this run created,
    and each name keeps its first copy (api-behaviour §19). The outcomes then report the jobs that stay."""
    created = [(item, outcome) for item, outcome in zip(items, outcomes)
               if outcome.action == 'created' and outcome.error is None and outcome.job_id]
    settled = concurrent_creates.settle(
        client, dict((item.target.name, outcome.job_id) for item, outcome in created),
        dict((item.target.name, item.target.desired) for item, dummy in created))
    for item, outcome in created:
        settlement = settled.get(item.target.name)
        if settlement is None:
            continue
        outcome.job_id = settlement.survivor_id
        if settlement.error:
            outcome.action, outcome.error = None, settlement.error


# ---------------------------------------------------------------------------------------------------- result

def summarise(items, outcomes, options):
    """The module result; raises BulkReconcileError carrying it when some jobs failed."""
    result = dict(changed=False, job_results=[], errors=[])
    result.update((action, []) for action in ACTIONS)
    if options.want_diff:
        result.update(diffs={}, diff=[])
    for item, outcome in zip(items, outcomes):
        result['job_results'].append(_report(result, item, outcome))
    if result['errors']:
        raise BulkReconcileError(_failure_message(result['errors'], len(items), options.check_mode), **result)
    return result


def _report(result, item, outcome):
    """The job's entry of job_results; adds the job to the action it took (or to errors), and its diff."""
    entry = dict(name=item.name, id=_job_id(item, outcome), action=outcome.action or 'failed', changes=outcome.changes)
    if outcome.error is not None:
        entry['msg'] = outcome.error
        result['errors'].append(dict(job=item.label, msg=outcome.error))
        return entry
    result[outcome.action].append(item.name)
    if outcome.action != 'unchanged':
        result['changed'] = True
        if outcome.diff is not None:
            _add_diff(result, item, outcome.diff)
    return entry


def _job_id(item, outcome):
    return outcome.job_id or (item.listed_job or {}).get('id') or item.target.job_id


def _add_diff(result, item, diff):
    key = item.name
    if key in result['diffs']:
        key = '%s (id %s)' % (item.name, _job_id(item, _Outcome()) or 'new')
    result['diffs'][key] = diff
    header = "job '%s'" % key
    result['diff'].append(dict(before_header=header, after_header=header, before=diff['before'], after=diff['after']))


def _failure_message(errors, total, check_mode):
    shown = ['%s: %s' % (error['job'], error['msg']) for error in errors[:MAX_ERRORS_IN_MESSAGE]]
    if len(errors) > MAX_ERRORS_IN_MESSAGE:
        shown.append('and %d more (see errors)' % (len(errors) - MAX_ERRORS_IN_MESSAGE))
    done = 'checked' if check_mode else 'reconciled'
    return '%d of %d jobs failed (the others were %s; see created, updated, deleted and unchanged): %s' % (
        len(errors), total, done, '; '.join(shown))
