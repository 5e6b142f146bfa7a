# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Bring one job to the state a task declares: compare, write only what differs, verify.

``apply_job`` is that decision for a job already looked up; opsramp_job (``ensure_job``, which looks the job up
first) and opsramp_jobs (``bulk``, which lists all jobs once and runs it in a pool of workers) both call it.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime

from ansible_collections.opsramp.automation.plugins.module_utils import compare, job_model, jobs
from ansible_collections.opsramp.automation.plugins.module_utils.errors import JobLookupError


def utc_now():
    return datetime.datetime.now(datetime.timezone.utc)


def ensure_job(client, params, check_mode=False, want_diff=False, no_log_values=None):
    """The result of bringing the job that ``params`` describe to ``params['state']`` (the opsramp_job flow).

    ``no_log_values``, when given, receives the parameter values marked sensitive, so that Ansible masks them
    wherever they would appear in the output.
    """
    job_model.validate_job_params(params, state=params['state'])
    hide(no_log_values, job_model.sensitive_values(params))
    current_job = jobs.find_job(client, job_id=params['id'], name=params['name'])
    dummy, result = apply_job(client, params, current_job, check_mode, want_diff, no_log_values)
    return result


def apply_job(client, params, current_job, check_mode=False, want_diff=False, no_log_values=None, complete=True):
    """The single-job decision every module shares: compare, build the payload, write, verify.

    ``params`` are validated job options with ``state``; ``current_job`` is the job as OpsRamp holds it (None when
    it does not exist). ``complete=False`` says ``current_job`` is a search result, which lacks fields (notes §1.4):
    it is then read in full before a comparison that needs those fields, and before anything is written over it.
    Returns ``(action, result)``: action is created, updated, deleted or unchanged (what check mode would do).
    """
    if params['state'] == 'absent':
        current = job_model.current_state(current_job) if current_job is not None else None
        # the task does not say which parameters of the job are secret: hide all their values
        hidden = hide(no_log_values, _all_parameter_values(current))
        return _ensure_absent(client, current_job, current, check_mode, want_diff, hidden)
    return _ensure_present(client, params, current_job, complete, check_mode, want_diff, no_log_values)


def hide(no_log_values, values):
    """Add ``values`` to the module's ``no_log_values`` (Ansible then masks them in all output); return them."""
    if no_log_values is not None:
        no_log_values.update(values)
    return values


def _all_parameter_values(current):
    parameters = ((current or {}).get('custom_script') or {}).get('parameters') or []
    return set(parameter['value'] for parameter in parameters if parameter.get('value'))


def _ensure_absent(client, current_job, current, check_mode, want_diff, hidden):
    result = dict(changed=current_job is not None, changes=[])
    if current_job is None:
        return 'unchanged', _with_diff(result, want_diff, None, None, hidden)
    if not check_mode:
        jobs.delete_job(client, current_job['id'])
    result['job'] = current_job
    return 'deleted', _with_diff(result, want_diff, None, current, hidden)


def _ensure_present(client, params, current_job, complete, check_mode, want_diff, no_log_values):
    desired = job_model.desired_state(params)
    if current_job is not None and not complete and job_model.needs_full_job(desired):
        current_job, complete = _full_job(client, current_job), True
    changes = _changes(client, params, desired, current_job)
    if changes and current_job is not None and not complete:
        current_job = _full_job(client, current_job)  # the update carries the whole job, entities included
        changes = _changes(client, params, desired, current_job)
    current = job_model.current_state(current_job) if current_job is not None else None
    # the stored value of a secret parameter is as secret as the new one
    hidden = hide(no_log_values, job_model.sensitive_values(params, current))
    result = dict(changed=bool(changes), changes=changes, job=current_job)
    action = 'unchanged'
    if changes:
        action = 'created' if current_job is None else 'updated'
        result['job'] = _write(client, current_job, desired, check_mode)
        if not check_mode:
            _warn_if_not_stored(client, desired, result['job'])
    return action, _with_diff(result, want_diff, desired, current, hidden)


def _full_job(client, listed_job):
    """The whole job behind a search result; None when it was deleted since the search."""
    return jobs.get_job(client, listed_job['id'])


def _changes(client, params, desired, current_job):
    """The managed paths that differ, after the checks that depend on whether (and as what) the job exists."""
    if current_job is None and params['id']:
        raise JobLookupError('no job with id %r in tenant %s; to create a job give its name and no id' % (
            params['id'], client.tenant_id))
    current = job_model.current_state(current_job) if current_job is not None else None
    if current_job is None:
        job_model.required_for_create(params)
    job_model.check_type_options(desired, current)
    return compare.changed_paths(desired, current)


def _write(client, current_job, desired, check_mode):
    payload = job_model.build_payload(current_job, desired, now=utc_now())
    if check_mode:
        return payload
    if current_job is None:
        known_ids = set()  # the lookup by name found none: any job of that name after a failed create is ours
        return jobs.create_job(client, payload, known_ids=known_ids)
    return jobs.update_job(client, current_job['id'], payload)


def _warn_if_not_stored(client, desired, stored_job):
    """OpsRamp may keep a value in a form the normaliser does not know: say so instead of reporting a change forever."""
    if not stored_job:
        return
    still_different = compare.changed_paths(desired, job_model.current_state(stored_job))
    if still_different and client.warn:
        client.warn("OpsRamp stored %s of job '%s' differently from what was sent; the next run may report a change "
                    "again. Please report this with the job type and the values used."
                    % (', '.join(still_different), desired.get('name') or stored_job.get('name')))


def _with_diff(result, want_diff, desired, current, hidden):
    if want_diff:
        result['diff'] = compare.diff_view(desired, current, hidden=hidden)
    return result
