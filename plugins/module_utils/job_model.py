# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The job model: what reconcile, bulk and the modules call. The work is done by the field table (job_fields).

The canonical shape is written in the task's terms (``job_type``, ``schedule.week_days``...), JSON-serialisable and
deterministic: lists that are really sets are deduplicated and sorted. ``desired_state`` turns the task's options into
it (only what the task manages); ``current_state`` turns whatever OpsRamp returns into it, undoing every rewrite the
server is known to make (docs/api-behaviour.md §7). ``build_payload`` goes the other way, for the POST.

Modules: job_values (scalar readers), job_schedule (days, dates, patterns), job_fields (the field table and what is
derived from it), job_validation (checks of the task's options).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.opsramp.automation.plugins.module_utils import job_fields
from ansible_collections.opsramp.automation.plugins.module_utils.job_fields import (  # noqa: F401 pylint: disable=unused-import
    APPROVALS, FIELDS, KNOWN_JOB_TYPES, USER_TYPES, VERSIONS_SAVED, canonical_entities, canonical_job_type,
    canonical_parameters)
from ansible_collections.opsramp.automation.plugins.module_utils.job_schedule import (  # noqa: F401 pylint: disable=unused-import
    DATE_FORMATS_HINT, DAYS, FREQUENCIES, SCHEDULE_TYPES, TIME_FORMATS_HINT, WEEK_INDEXES, day_name, format_start_date,
    now_start_date, parse_start_date, parse_start_time, start_date_at_time)
from ansible_collections.opsramp.automation.plugins.module_utils.job_validation import (  # noqa: F401 pylint: disable=unused-import
    TYPE_OPTIONS, check_type_options, required_for_create, validate_job_params)
from ansible_collections.opsramp.automation.plugins.module_utils.job_values import as_dict

# The pattern fields of the canonical schedule; which ones apply depends on schedule.type.
PATTERN_KEYS = tuple(field.option[-1] for field in job_fields.PATTERN_FIELDS)


def _pairs(section):
    """(option, API key) of a section's fields, in declaration order."""
    return tuple((field.option[-1], field.keys[0]) for field in job_fields.section_fields(section))


NETWORK_BACKUP_FIELDS = _pairs('network_backup')
NETWORK_BACKUP_OPTIONS = tuple(option for option, key in NETWORK_BACKUP_FIELDS)
APP_INSTALL_FIELDS = _pairs('app_install')


def desired_state(params):
    """The canonical form of what the task manages: only the options it gives (None = not managed).

    A given schedule manages its whole pattern: pattern fields that do not apply are None, meaning "must be absent".
    """
    return job_fields.desired_from_options(params)


def current_state(api_job):
    """The canonical form of a job as OpsRamp returns it (GET, search, create and update responses).

    Keys the response lacks are left out: a search result has no entities (api-behaviour §4), so diff against a GET.
    """
    return job_fields.current_from_api(api_job)


def needs_full_job(desired):
    """Whether ``desired`` manages a field that search results leave out: entities, or custom script parameters.

    A job whose task manages neither can be compared with its search result alone (api-behaviour §4).
    """
    return 'entities' in desired or 'parameters' in as_dict(desired.get('custom_script'))


def build_payload(current_job, desired, now=None):
    """The JSON body to POST: a new job from ``desired`` (current_job None), or the current job with ``desired`` laid over.

    ``now`` (a datetime, UTC when naive) is the start date used when the task does not manage schedule.start_date and
    the job has none yet; it defaults to the current time.
    """
    if current_job is None:
        job = {'script': {}, 'schedule': {}}
    else:
        job = request_style(current_job)
        if desired.get('job_type') not in (None, _stored_job_type(job)):
            job['script'] = {}  # a new type starts a new script: the former type's settings do not apply
    job_fields.overlay(job, desired, now)
    if 'schedule' in desired or current_job is None:
        schedule = job_fields.object_at(job, ('schedule',))
        if schedule.get('startDate') in (None, ''):
            schedule['startDate'] = now_start_date(now)
        job_fields.object_at(schedule, ('pattern',))
    return job


def request_style(api_job):
    """A job as OpsRamp returned it, in the form a request takes; custom jobs get their jobType back."""
    job = job_fields.request_style(api_job)
    if isinstance(job.get('script'), dict) and _stored_job_type(job) is not None:
        job['script']['jobType'] = _stored_job_type(job)
    return job


def _stored_job_type(job):
    script = as_dict(job.get('script'))
    if script.get('jobType') not in (None, ''):
        return canonical_job_type(script['jobType'])
    return 'custom' if script.get('customScript') is not None else None
