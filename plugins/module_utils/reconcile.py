# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Bring one job to the state a task declares: decide, then act.

* ``wanted(params)`` turns a task's validated options into what it asks for (a ``Wanted``): from there on, raw
  options no longer travel.
* ``decide(wanted, snapshot)`` compares that with the job as OpsRamp holds it (a ``Snapshot``) and returns a
  ``Plan``: the action, the changed paths, the body to send, before and after, and the secrets to hide. It sends
  nothing, except that a snapshot made from a search result reads the full job the first time it is needed.
* ``execute(client, plan)`` carries the plan out; check mode simply does not call it.

opsramp_job (``ensure_job``) and opsramp_jobs (``bulk``) both decide and act through these. Seams for later steps:
entity lookups (names, addresses) are resolved into ids after validation and before ``desired_state``, that is
before ``wanted`` builds the canonical ``desired``; what must follow creates (settling concurrent copies) runs on the
results of ``execute`` whose plan was ``created``: after ``execute`` in ``ensure_job``, after ``run_items`` in
``bulk.reconcile_jobs`` (one search for the whole list).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime

from ansible_collections.opsramp.automation.plugins.module_utils import (
    compare,
    concurrent_creates,
    job_model,
    job_types,
    jobs,
    resources,
)
from ansible_collections.opsramp.automation.plugins.module_utils.arguments import declares_sensitive_parameters
from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import JobLookupError, OpsRampError
from ansible_collections.opsramp.automation.plugins.module_utils.secrets import Secrets, hide_in_error

ACTIONS = ('created', 'updated', 'deleted', 'unchanged')


def utc_now():
    return datetime.datetime.now(datetime.timezone.utc)


class Wanted:
    """What a task asks of one job: its state, how to find it, and (present) the canonical desired state.

    ``hide_parameters``: the task marks a script parameter sensitive, so every parameter value is hidden.
    ``labels``: for each entity id the task named by name, host name or IP address, that name (shown in the diff).
    """

    def __init__(self, state='present', job_id=None, name=None, desired=None, hide_parameters=False, labels=None):
        self.state = state
        self.job_id = job_id
        self.name = name
        self.desired = desired
        self.hide_parameters = hide_parameters
        self.labels = labels or {}


def wanted(params, labels=None):
    """The ``Wanted`` of validated job options plus ``state``; raises ValidationError naming the option.

    Entities named by name, host name or IP address must be resolved first (``resources.resolve_job``), which gives
    the ``labels``.
    """
    job_model.validate_job_params(params, state=params['state'])
    if params['state'] == 'absent':
        return Wanted('absent', params['id'], params['name'])
    return Wanted('present', params['id'], params['name'], job_model.desired_state(params),
                  declares_sensitive_parameters(params), labels)


class Snapshot:
    """The job as OpsRamp holds it, None when there is none.

    A search result lacks fields (entities, script parameters: docs/api-behaviour.md, search): made with ``fetch``,
    the snapshot reads the full job through it the first time ``full()`` is called, and only then.
    """

    def __init__(self, job, tenant_id=None, fetch=None):
        self.job = job
        self.tenant_id = tenant_id
        self._fetch = fetch if job is not None else None

    @property
    def complete(self):
        return self._fetch is None

    def full(self):
        """The full job; None when it was deleted since the search."""
        if self._fetch is not None:
            fetch, self._fetch = self._fetch, None
            self.job = fetch()
        return self.job


class Plan:
    """What to do with one job, and everything the results show about it.

    ``action`` is one of ACTIONS; ``job`` the job as it is (None when it does not exist); ``payload`` the body to
    POST (create and update); ``before`` and ``after`` the canonical current and desired states (``after`` None for
    a deletion); ``secrets`` what the results must hide.
    """

    def __init__(self, action, job, changes=(), payload=None, before=None, after=None, secrets=None):
        self.action = action
        self.job = job
        self.changes = list(changes)
        self.payload = payload
        self.before = before
        self.after = after
        self.secrets = secrets or Secrets()

    @property
    def changed(self):
        return self.action != 'unchanged'

    @property
    def job_id(self):
        return (self.job or {}).get('id')

    def predicted_job(self):
        """The job check mode reports: the body a write would send, else the job as it is."""
        return self.payload if self.payload is not None else self.job

    def diff(self, labels=None):
        """``{'before', 'after'}`` of the managed fields (the whole job going away for a deletion), secrets masked;
        entity ids in ``labels`` are shown after the name they were resolved from."""
        view = resources.label_diff(compare.diff_view(self.after, self.before), labels)
        return dict((side, self.secrets.mask_state(state)) for side, state in view.items())

    def not_stored(self, stored_job):
        """The managed paths that ``stored_job`` (as OpsRamp answered a write) does not hold as this plan wants."""
        if not stored_job or self.after is None:
            return []
        return compare.changed_paths(self.after, job_model.current_state(stored_job))

    def result(self, job, want_diff, labels=None):
        """opsramp_job's result, ``job`` being the job after the plan ran (or would have run)."""
        result = dict(changed=self.changed, changes=self.changes)
        if job is not None:
            result['job'] = self.secrets.mask_job(job)
        if want_diff:
            result['diff'] = self.diff(labels)
        return result


# ---------------------------------------------------------------------------------------------------- decide

def decide(target, snapshot, now=None):
    """The ``Plan`` that brings ``snapshot`` to ``target`` (a ``Wanted``). Writes nothing.

    Raises ValidationError when the options cannot apply to the job as it is (a create missing ``schedule``...),
    JobLookupError when the task names an id that does not exist.
    """
    if target.state == 'absent':
        return _deletion(snapshot.job)
    job = snapshot.full() if job_model.needs_full_job(target.desired) else snapshot.job
    plan = _present(target, job, snapshot.tenant_id, now)
    if plan.changed and not snapshot.complete:
        # an update carries the whole job, entities included: decide again on the full job
        plan = _present(target, snapshot.full(), snapshot.tenant_id, now)
    return plan


def _deletion(job):
    if job is None:
        return Plan('unchanged', None)
    current = job_model.current_state(job)
    # the task does not say which parameters of the job are secret: hide them all
    return Plan('deleted', job, before=current, secrets=Secrets.of_job(True, current))


def _present(target, job, tenant_id, now):
    desired = target.desired
    if job is None and target.job_id:
        raise JobLookupError('no job with id %r in tenant %s; to create a job give its name and no id'
                             % (target.job_id, tenant_id))
    current = job_model.current_state(job) if job is not None else None
    if job is None:
        job_model.required_for_create(desired)
    job_model.check_type_options(desired, current)
    changes = compare.changed_paths(desired, current)
    # the stored value of a secret parameter is as secret as the new one
    secrets = Secrets.of_job(target.hide_parameters, desired, current)
    if not changes:
        return Plan('unchanged', job, before=current, after=desired, secrets=secrets)
    payload = job_model.build_payload(job, desired, now=now or utc_now())
    return Plan('created' if job is None else 'updated', job, changes, payload, current, desired, secrets)


# ---------------------------------------------------------------------------------------------------- act

def execute(client, plan):
    """Carry ``plan`` out; the job as OpsRamp holds it afterwards (as it was, after a deletion).

    Errors never carry the plan's secrets, even when OpsRamp echoes them.
    """
    try:
        stored = _write(client, plan)
    except OpsRampError as error:
        raise hide_in_error(error, plan.secrets.values) from None
    if plan.payload is not None:
        _warn_if_not_stored(client, plan, stored)
    return stored


def _write(client, plan):
    if plan.action == 'created':
        known_ids = set()  # the lookup by name found none: any job of that name after a failed create is ours
        return jobs.create_job(client, plan.payload, known_ids=known_ids)
    if plan.action == 'updated':
        return jobs.update_job(client, plan.job_id, plan.payload, not_stored=plan.not_stored)
    if plan.action == 'deleted':
        jobs.delete_job(client, plan.job_id)
    return plan.job


def _warn_if_not_stored(client, plan, stored_job):
    """OpsRamp may keep a value in a form the normaliser does not know: say so instead of reporting a change forever."""
    still_different = plan.not_stored(stored_job)
    if still_different:
        client.warn("OpsRamp stored %s of job '%s' differently from what was sent; the next run may report a change "
                    "again. Please report this with the job type and the values used."
                    % (', '.join(still_different), plan.after.get('name') or stored_job.get('name')))


# ---------------------------------------------------------------------------------------------------- opsramp_job

def ensure_job(client, params, check_mode=False, want_diff=False):
    """The result of bringing the job that ``params`` (job options plus ``state``) describe to its state."""
    job_model.validate_job_params(params, state=params['state'])  # every option, before a lookup sends anything
    target = wanted(*resources.resolve_job(resources.ResourceResolver(client), params))
    if target.desired is not None:
        job_types.warn_unknown(client, [('job_type', target.desired.get('job_type'))])
    snapshot = Snapshot(jobs.find_job(client, job_id=target.job_id, name=target.name), client.tenant_id)
    plan = decide(target, snapshot)
    job = plan.predicted_job() if check_mode else execute(client, plan)
    if plan.action == 'created' and not check_mode:
        job = settle_created(client, target, job)
    return plan.result(job, want_diff, target.labels)


def settle_created(client, target, created_job):
    """The job to report after creating ``created_job``: it, or the copy another run created first (which this run
    then keeps, deleting its own: api-behaviour §19)."""
    name = target.name
    settled = concurrent_creates.settle(client, {name: created_job['id']}, {name: target.desired}).get(name)
    if settled is None or settled.keeps_own:
        return created_job
    if settled.error:
        raise JobLookupError(settled.error)
    return settled.survivor or dict(id=settled.survivor_id, name=name)
