# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The job as one field table: each managed field declared once, and what is derived from the table.

A ``Field`` names its option path (in the task's terms), its API paths (read: every spelling OpsRamp uses, the first
one preferred; write: the first one, or the spelling the stored job already uses), its kind (how a value converts
both ways, how it compares, what a bad option value is), the value a stored job that leaves it out has, and whether
it may hold a secret. From ``FIELDS`` come:

* ``desired_from_options``: the canonical desired state (only what the task manages);
* ``current_from_api``: the canonical state of a job as OpsRamp returns it;
* ``overlay``: the request body, the managed fields laid over a job (nothing else touched);
* ``request_style``: a returned job in the form a request takes (native JSON types, read-only enrichments dropped);
* ``option_problems``: the value checks of the validators.

Adding a field is one declaration here, plus its documented option in ``arguments.JOB_OPTIONS`` (a unit test checks
the two agree) and tests.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

from ansible_collections.opsramp.automation.plugins.module_utils import job_schedule as sched
from ansible_collections.opsramp.automation.plugins.module_utils.job_kinds import (  # noqa: F401 pylint: disable=unused-import
    KNOWN_JOB_TYPES, Choice, Count, Day, Entities, Flag, JobType, MonthDays, Parameters, StartDate, StartTime, Text,
    WeekDays, canonical_entities, canonical_job_type, canonical_parameters)
from ansible_collections.opsramp.automation.plugins.module_utils.job_values import as_dict, is_given

VERSIONS_SAVED = {'all_versions': 'ALL_VERSIONS', 'version_with_changes': 'VERSION_WITH_CHANGES'}
APPROVALS = {'manual': 0, 'auto': 1}
USER_TYPES = {'system': 1, 'other': 2}

# The option groups and the API object each one lives in; a group given (even empty) makes its object exist.
SECTIONS = {
    'schedule': ('schedule',),
    'network_backup': ('script', 'configParams'),
    'app_install': ('script', 'approvalType'),
    'custom_script': ('script',),
}

# The read-only enrichments OpsRamp adds to a job it returns (api-behaviour §6): dropped before a job is sent back,
# never compared. Everything else a stored job holds is sent back as it is (api-behaviour §3).
READ_ONLY_KEYS = (
    (('entities', '[]', 'resource'), ('generalInfo', 'clientUniqueId')),
    (('script', 'customScript'), ('name', 'description', 'platforms')),
    (('script', 'parameters', '[]'), ('name',)),
    (('script', 'parameters', '[]', 'itopMacro'), ('name',)),
    (('credentialSet',), ('name',)),
)


# ---------------------------------------------------------------------------------------------------- the table

def _derived_job_type(job):
    """Custom jobs come back without jobType; their script has customScript instead (api-behaviour §7)."""
    return 'custom' if as_dict(job.get('script')).get('customScript') is not None else None


class Field:
    """One managed field. ``when`` (pattern fields only) says whether it applies to a schedule's type."""

    def __init__(self, option, api, kind, **extra):
        self.option = tuple(option.split('.'))
        self.reads = tuple(tuple(path.split('.')) for path in ((api,) if isinstance(api, str) else api))
        self.kind = kind
        self.absent = extra.get('absent')            # value of a stored job that leaves it out (or a function of it)
        self.when = extra.get('when')
        self.write_as_stored = extra.get('write_as_stored', False)  # write the spelling the stored job uses
        self.also_write = extra.get('also_write', {})  # constant keys sent beside it, in the same object
        self.sensitive = extra.get('sensitive', False)
        self.section = self.option[0] if len(self.option) > 1 else None

    @property
    def name(self):
        return '.'.join(self.option)

    @property
    def parent(self):
        return self.reads[0][:-1]

    @property
    def keys(self):
        return tuple(path[-1] for path in self.reads)


_SCHEDULE_TYPE = Choice(sched.SCHEDULE_TYPES)
FIELDS = (
    Field('name', 'name', Text(blank=False)),
    Field('job_type', 'script.jobType', JobType(), absent=_derived_job_type),
    Field('entities', 'entities', Entities()),
    # absent=False: a flag a stored job leaves out is off [INF] (api-behaviour §7)
    Field('queued', 'jobQueued', Flag(), absent=False),
    Field('credential_set', 'credentialSet.uniqueId', Text(blank=False)),
    Field('schedule.start_date', 'schedule.startDate', StartDate()),
    Field('schedule.start_time', 'schedule.startDate', StartTime()),
    Field('schedule.type', 'schedule.pattern.type', _SCHEDULE_TYPE),
    Field('schedule.frequency', 'schedule.pattern.frequency', Choice(sched.FREQUENCIES), when=sched.is_daily),
    Field('schedule.repeat_every', 'schedule.pattern.repeatFrequency', Count(), when=sched.is_daily_recurrence,
          also_write={'repeatType': 'days'}),
    Field('schedule.week_days', 'schedule.pattern.weekDays', WeekDays(), when=sched.is_weekly),
    Field('schedule.days_of_month', 'schedule.pattern.dayOfMonth', MonthDays(), when=sched.is_monthly),
    Field('schedule.week_index', 'schedule.pattern.weekIndex', Choice(sched.WEEK_INDEXES), when=sched.is_monthly),
    # Both spellings are read; an update keeps the stored one, a create sends the seed's sample's (api-behaviour §9).
    Field('schedule.day_of_week', ('schedule.pattern.dayOfWeek', 'schedule.pattern.dayOfIndex'), Day(),
          when=sched.is_monthly, write_as_stored=True),
    Field('network_backup.versions_saved', 'script.configParams.versionsSaved', Choice(VERSIONS_SAVED)),
    Field('network_backup.backup_on_trap', 'script.configParams.backUpTrigger', Flag(), absent=False),
    Field('network_backup.startup_config_alert', 'script.configParams.startupConfigAlert', Flag(), absent=False),
    # The schema's spelling is runConfigAlert, every sample's runtimeConfigAlert (api-behaviour §8).
    Field('network_backup.runtime_config_alert',
          ('script.configParams.runtimeConfigAlert', 'script.configParams.runConfigAlert'), Flag(), absent=False),
    Field('network_backup.backup_startup_config', 'script.configParams.startUpConfigFilesBackUp', Flag(), absent=False),
    Field('network_backup.backup_runtime_config', 'script.configParams.runTimeConfigFilesBackUp', Flag(), absent=False),
    Field('app_install.approval', 'script.approvalType.approvalType', Choice(APPROVALS, numeric=True)),
    Field('app_install.reason', 'script.approvalType.approvalReason', Text(), absent=''),
    Field('app_install.alert', 'script.approvalType.alertRequired', Flag(), absent=False),
    Field('custom_script.id', 'script.customScript.id', Text(blank=False, as_text_on_send=True)),
    Field('custom_script.user_type', 'script.userType', Choice(USER_TYPES, numeric=True)),
    Field('custom_script.parameters', 'script.parameters', Parameters(), sensitive=True),
)

PATTERN_FIELDS = tuple(field for field in FIELDS if field.when is not None)


def section_fields(section):
    return tuple(field for field in FIELDS if field.section == section)


# ---------------------------------------------------------------------------------------------------- paths

def get_path(data, path):
    for key in path:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def has_path(data, path):
    for key in path:
        if not isinstance(data, dict) or key not in data:
            return False
        data = data[key]
    return True


def object_at(data, path):
    """The dict at ``path`` inside ``data``, made (or replacing a non-dict) where missing."""
    for key in path:
        if not isinstance(data.get(key), dict):
            data[key] = {}
        data = data[key]
    return data


def _set_path(data, path, value):
    object_at(data, path[:-1])[path[-1]] = value


# ---------------------------------------------------------------------------------------------------- derivations

def desired_from_options(params):
    """The canonical form of what the task manages: only the options it gives (None = not managed).

    A given schedule manages its whole pattern: pattern fields that do not apply are None, meaning "must be absent".
    """
    state = {}
    for section in SECTIONS:
        if params.get(section) is not None:
            state[section] = {}
    for field in FIELDS:
        if field.section is not None and params.get(field.section) is None:
            continue
        value = get_path(params, field.option)
        if field.when is not None:
            applies = is_given(value) and field.when(params['schedule'])
            _set_path(state, field.option, field.kind.desired(value) if applies else None)
        elif value is not None:
            _set_path(state, field.option, field.kind.desired(value))
    return state


def current_from_api(api_job):
    """The canonical form of a job as OpsRamp returns it; what it lacks is left out (a search result has no entities).

    ``api_job`` is not modified.
    """
    job = as_dict(api_job)
    state = {}
    for field in FIELDS:
        value = _current_value(job, field, state)
        if value is not None:
            _set_path(state, field.option, value)
    return state


def _current_value(job, field, state):
    if field.section is not None and not isinstance(get_path(job, SECTIONS[field.section]), dict):
        return None
    if field.when is not None and not field.when(as_dict(state.get('schedule'))):
        return None
    raw = _first_given(job, field.reads)
    if raw is not None:
        return field.kind.current(raw)
    if callable(field.absent):
        return field.absent(job)
    if field.section is None and 'id' not in job:
        return None  # a top-level field a partial answer leaves out says nothing; a stored job's absence is its value
    return field.absent


def _first_given(job, paths):
    for path in paths:
        value = get_path(job, path)
        if value is not None and value != '':
            return value
    return None


def overlay(job, desired, now):
    """``job`` (a request body, modified in place) with every field ``desired`` manages written over it.

    A field managed as None is removed, in every spelling. Nothing ``desired`` does not manage is touched.
    """
    for section, path in SECTIONS.items():
        if section in desired:
            object_at(job, path)
    for field in FIELDS:
        if has_path(desired, field.option):
            _write(job, field, get_path(desired, field.option), now)
    return job


def _write(job, field, value, now):
    parent = object_at(job, field.parent)
    key = _write_key(field, parent)
    if value is None:
        for stale in field.keys + tuple(field.also_write):
            parent.pop(stale, None)
        return
    parent[key] = field.kind.to_api(value, parent.get(key), now)
    parent.update(field.also_write)


def _write_key(field, parent):
    if field.write_as_stored:
        for key in field.keys:
            if key in parent:
                return key
    return field.keys[0]


def request_style(api_job):
    """A deep copy of a job as OpsRamp returned it, in the form a request takes (api-behaviour §3, §6, §7).

    The read-only enrichments (``READ_ONLY_KEYS``) are dropped, the managed fields get their native JSON types and
    their preferred spelling, and everything else is kept as it is, at every depth.
    """
    job = copy.deepcopy(as_dict(api_job))
    for field in FIELDS:
        if field.kind.native is not None:
            _native(job, field)
    for path, keys in READ_ONLY_KEYS:
        for container in _objects_at(job, path):
            for key in keys:
                container.pop(key, None)
    return job


def _native(job, field):
    parent = get_path(job, field.parent)
    if not isinstance(parent, dict):
        return
    present = [key for key in field.keys if key in parent]
    if not present:
        return
    raw = parent[present[0]]
    for key in present:
        del parent[key]
    parent[present[0] if field.write_as_stored else field.keys[0]] = field.kind.native(raw)


def _objects_at(data, path):
    """Every dict at ``path``, where '[]' stands for each item of a list."""
    if not path:
        return [data] if isinstance(data, dict) else []
    if path[0] == '[]':
        items = data if isinstance(data, list) else []
        return [found for item in items for found in _objects_at(item, path[1:])]
    return _objects_at(data.get(path[0]), path[1:]) if isinstance(data, dict) else []


def option_problems(params):
    """(option, problem) for the first option value a field's kind refuses, or None."""
    for field in FIELDS:
        if field.section is not None and not isinstance(params.get(field.section), dict):
            continue
        value = get_path(params, field.option)
        if value is None or (field.when is not None and value == []):
            continue
        problem = field.kind.problem(value)
        if problem:
            return field.name, problem
    return None
