# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The job model: option validation, one canonical shape for both sides of a comparison, and the request body.

The canonical shape is written in the task's terms (``job_type``, ``schedule.week_days``...), JSON-serialisable and
deterministic: lists that are really sets are deduplicated and sorted. ``desired_state`` turns the task's options into
it (only what the task manages); ``current_state`` turns whatever OpsRamp returns into it, undoing every rewrite the
server is known to make (notes on the OpsRamp API, section 3.5). ``build_payload`` goes the other way, for the POST.

Section numbers in comments refer to the project's notes on the OpsRamp API (opsramp-api.md).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import datetime
import re

from ansible_collections.opsramp.automation.plugins.module_utils.errors import ValidationError

DAYS = ('Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday')

# Option value -> API value. The keys are the options' choices (arguments.JOB_OPTIONS uses them too).
SCHEDULE_TYPES = {'daily': 'daily', 'weekly': 'weekly', 'monthly': 'monthly', 'run_once': 'run once', 'never': 'never'}
FREQUENCIES = {'everyday': 'everyday', 'every_weekday': 'every weekday', 'recurrence': 'recurrence'}
WEEK_INDEXES = {'first': 'First', 'second': 'Second', 'third': 'Third', 'fourth': 'Fourth', 'last': 'Last'}
VERSIONS_SAVED = {'all_versions': 'ALL_VERSIONS', 'version_with_changes': 'VERSION_WITH_CHANGES'}
APPROVALS = {'manual': 0, 'auto': 1}
USER_TYPES = {'system': 1, 'other': 2}

# The job types OpsRamp lists (section 1.5) plus the two seen elsewhere; only used to fix the spelling's case.
KNOWN_JOB_TYPES = (
    'adCheckList', 'antispyware', 'antivirus', 'appaudit', 'assetinfo', 'backupagent', 'diskdefrag', 'exbpaCheckList',
    'missingPatchesRequest', 'sqlreport', 'networkconfigbackup', 'tempfilesreport', 'appinstall', 'appupdate',
    'custom', 'missingPatchesDownloadUpdate',
)
_JOB_TYPE_BY_LOWER = dict((job_type.lower(), job_type) for job_type in KNOWN_JOB_TYPES)

# Options that belong to one job type only.
TYPE_OPTIONS = {'network_backup': 'networkconfigbackup', 'app_install': 'appinstall', 'custom_script': 'custom'}

# The pattern fields of the canonical schedule; which ones apply depends on schedule.type.
PATTERN_KEYS = ('frequency', 'repeat_every', 'week_days', 'days_of_month', 'week_index', 'day_of_week')

# (option, configParams key) of network_backup; all but versions_saved are booleans (section 4.2).
NETWORK_BACKUP_FIELDS = (
    ('versions_saved', 'versionsSaved'),
    ('backup_on_trap', 'backUpTrigger'),
    ('startup_config_alert', 'startupConfigAlert'),
    ('runtime_config_alert', 'runtimeConfigAlert'),
    ('backup_startup_config', 'startUpConfigFilesBackUp'),
    ('backup_runtime_config', 'runTimeConfigFilesBackUp'),
)
NETWORK_BACKUP_OPTIONS = tuple(option for option, key in NETWORK_BACKUP_FIELDS)
# The configParams schema calls runtimeConfigAlert "runConfigAlert"; every example uses the long name (section 3.5).
_CONFIG_PARAM_ALIASES = {'runConfigAlert': 'runtimeConfigAlert'}
_CONFIG_PARAM_READ_KEYS = {'runtimeConfigAlert': ('runtimeConfigAlert', 'runConfigAlert')}

# (option, approvalType key) of app_install.
APP_INSTALL_FIELDS = (('approval', 'approvalType'), ('reason', 'approvalReason'), ('alert', 'alertRequired'))

DATE_FORMATS_HINT = ('YYYY-MM-DDTHH:MM or YYYY-MM-DDTHH:MM:SS, optionally followed by Z or an offset such as +0000, '
                     '+05:30 or -0800 (no offset means UTC), for example 2024-05-01T06:30:00+0000')
TIME_FORMATS_HINT = 'HH:MM, optionally followed by Z or an offset such as +01:00 or -0800 (no offset means UTC)'
_TIME_RE = re.compile(r'^(\d{1,2}):(\d{2})\s*(Z|[+-]\d{2}(?::?\d{2})?)?$', re.IGNORECASE)
_DATE_RE = re.compile(
    r'^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$', re.IGNORECASE)


# ---------------------------------------------------------------------------------------------------- value readers

def _enum_key(value):
    """'Run Once', 'run_once', 'RUN-ONCE' -> 'runonce': how enum values are matched regardless of case and spacing."""
    return re.sub(r'[\s_-]+', '', str(value)).lower()


def _enum_reader(mapping):
    """Lookup from the squashed form of both the option values and the API values to the option value."""
    lookup = {}
    for option_value, api_value in mapping.items():
        lookup[_enum_key(option_value)] = option_value
        lookup[_enum_key(api_value)] = option_value
    return lookup


_SCHEDULE_TYPE_READER = _enum_reader(SCHEDULE_TYPES)
_FREQUENCY_READER = _enum_reader(FREQUENCIES)
_WEEK_INDEX_READER = _enum_reader(WEEK_INDEXES)
_VERSIONS_SAVED_READER = _enum_reader(VERSIONS_SAVED)
_APPROVAL_READER = _enum_reader(APPROVALS)
_USER_TYPE_READER = _enum_reader(USER_TYPES)


def _read_enum(value, reader):
    """An option value for a server value; an unknown one comes back lower-cased, so it compares as different."""
    return reader.get(_enum_key(value), str(value).strip().lower())


def _read_bool(value):
    """true, "true", "True", 1, "1" -> True (section 3.5); anything unexpected is kept, so it compares as different."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in ('true', 'false', '1', '0', 'yes', 'no'):
        return value.strip().lower() in ('true', '1', 'yes')
    return value


def _read_int(value):
    """2, "2", 2.0 -> 2 (section 3.5); anything unexpected is kept, so it compares as different."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.match(r'^\s*[+-]?\d+\s*$', value):
        return int(value)
    return value


def _text(value):
    """Ids and free text as strings: customScript.id 7 and "7" are the same script (section 3.5)."""
    if value is None:
        return ''
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def _split_items(value):
    """weekDays / dayOfMonth as the server may send them: "Sunday, Tuesday", "1,2", a list, or a single number."""
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        items = [_text(item).strip() for item in value]
    else:
        items = [item.strip() for item in _text(value).split(',')]
    return [item for item in items if item]


def _first_present(mapping, *keys):
    """The first of keys whose value is neither missing nor null nor empty text."""
    for key in keys:
        value = mapping.get(key)
        if value is not None and value != '':
            return value
    return None


def _as_dict(value):
    return value if isinstance(value, dict) else {}


# ---------------------------------------------------------------------------------------------------- days and dates

def day_name(value):
    """'sun', ' TUESDAY ' -> 'Sunday', 'Tuesday'; None when it is not a day of the week."""
    key = re.sub(r'\s+', '', _text(value)).lower()
    for day in DAYS:
        if key in (day.lower(), day[:3].lower()):
            return day
    return None


def _day_sort_key(day):
    return (DAYS.index(day), '') if day in DAYS else (len(DAYS), _text(day))


def _month_day_sort_key(day):
    return (0, day, '') if isinstance(day, int) else (1, 0, _text(day))


def parse_start_date(value):
    """An aware UTC datetime for a start date in any accepted form, or None when it does not parse."""
    match = _DATE_RE.match(_text(value).strip())
    if not match:
        return None
    year, month, day, hour, minute, second, zone = match.groups()
    try:
        moment = datetime.datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0),
                                   tzinfo=_zone(zone))
    except ValueError:
        return None
    return moment.astimezone(datetime.timezone.utc)


def _zone(zone):
    """Z, +05, +0530, +05:30 -> a fixed-offset timezone (ValueError when the offset is out of range)."""
    if not zone or zone.upper() == 'Z':
        return datetime.timezone.utc
    digits = zone[1:].replace(':', '')
    hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
    if hours > 23 or minutes > 59:
        raise ValueError('offset out of range')
    offset = datetime.timedelta(hours=hours, minutes=minutes)
    return datetime.timezone(-offset if zone[0] == '-' else offset)


def parse_start_time(value):
    """The UTC time of day ('HH:MM') of a start time such as '02:00+01:00', or None when it does not parse."""
    match = _TIME_RE.match(_text(value).strip())
    if not match:
        return None
    hour, minute, zone = match.groups()
    try:
        moment = datetime.datetime(2000, 1, 3, int(hour), int(minute), tzinfo=_zone(zone))
    except ValueError:
        return None
    return moment.astimezone(datetime.timezone.utc).strftime('%H:%M')


def start_date_at_time(start_time, current_start_date, now):
    """The start date for a managed time of day: the stored date at that time, or else its next occurrence."""
    hour, minute = (int(part) for part in start_time.split(':'))
    base = parse_start_date(current_start_date) if current_start_date else None
    if base is not None:
        return format_start_date(base.replace(hour=hour, minute=minute, second=0, microsecond=0))
    now = _utc(now)
    moment = now.replace(hour=hour, minute=minute, second=0, microsecond=0)
    if moment < now.replace(second=0, microsecond=0):
        moment += datetime.timedelta(days=1)
    return format_start_date(moment)


def _utc(now):
    if now is None:
        return datetime.datetime.now(datetime.timezone.utc)
    if now.tzinfo is None:
        return now.replace(tzinfo=datetime.timezone.utc)
    return now.astimezone(datetime.timezone.utc)


def format_start_date(moment):
    """The form OpsRamp stores: UTC, seconds dropped, '+0000' (section 3.5)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.timezone.utc)
    return moment.astimezone(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M') + ':00+0000'


def _canonical_start_date(value):
    """A start date the server sent, canonical when it parses, else unchanged (so it compares as different)."""
    moment = parse_start_date(value)
    return format_start_date(moment) if moment is not None else value


def _now_start_date(now):
    return format_start_date(_utc(now))


# ---------------------------------------------------------------------------------------------------- small canonical forms

def canonical_job_type(value):
    """The job type as OpsRamp spells it when it is a known one ('ADCHECKLIST' -> 'adCheckList'), else as given."""
    text = _text(value).strip()
    return _JOB_TYPE_BY_LOWER.get(text.lower(), text)


def _entity_pair(entity):
    """(TYPE, id) of an entity, with or without the {resource: {...}} wrapper; None when it has no id."""
    entity = _as_dict(entity)
    resource = entity['resource'] if isinstance(entity.get('resource'), dict) else entity
    if resource.get('id') in (None, ''):
        return None
    return (_text(resource.get('type') or 'DEVICE').strip().upper(), _text(resource.get('id')))


def canonical_entities(entities):
    """Entities as a sorted, deduplicated list of {'id', 'type'}: order and server additions do not matter."""
    pairs = set(pair for pair in (_entity_pair(entity) for entity in entities or []) if pair is not None)
    return [{'id': entity_id, 'type': entity_type} for entity_type, entity_id in sorted(pairs)]


def _parameter_sort_key(parameter):
    parameter_id = parameter['id']
    number = int(parameter_id) if re.match(r'^[0-9]+$', parameter_id) else None
    return (number is None, number or 0, parameter_id, parameter['value'])


def canonical_parameters(parameters):
    """Script parameters as a list of {'id', 'value'} sorted by id (numerically when the ids are numbers)."""
    result = []
    for parameter in parameters or []:
        parameter = _as_dict(parameter)
        parameter_id = parameter['id'] if 'id' in parameter else parameter.get('paramId')
        result.append({'id': _text(parameter_id), 'value': _text(parameter.get('value'))})
    return sorted(result, key=_parameter_sort_key)


def _canonical_week_days(values):
    days = set(day_name(value) or _text(value) for value in _split_items(values))
    return sorted(days, key=_day_sort_key)


def _canonical_days_of_month(values):
    days = set(_read_int(value) for value in _split_items(values))
    return sorted(days, key=_month_day_sort_key)


# ---------------------------------------------------------------------------------------------------- validation

def validate_job_params(params, state='present'):
    """Check the task's options before any request; raise ValidationError naming the option at fault.

    Checks that need the job's type when the task does not give it wait for ``check_type_options``.
    """
    _check_identity(params)
    if state == 'absent':
        return
    _check_not_blank('name', params.get('name'))
    _check_not_blank('job_type', params.get('job_type'))
    _check_entities(params.get('entities'))
    _check_schedule(params.get('schedule'))
    _check_network_backup(params.get('network_backup'))
    _check_app_install(params.get('app_install'))
    _check_custom_script(params.get('custom_script'))
    if params.get('job_type') is not None:
        _check_options_fit_type(canonical_job_type(params['job_type']), params)


def required_for_create(params):
    """Check that the options can create the job (used only when the job does not exist yet)."""
    missing = [option for option in ('name', 'job_type', 'schedule') if params.get(option) is None]
    if params.get('job_type') is not None and canonical_job_type(params['job_type']) == 'custom':
        if not _as_dict(params.get('custom_script')).get('id'):
            missing.append('custom_script.id')
    if missing:
        raise ValidationError('%s: required to create the job, which does not exist yet' % ', '.join(missing),
                              option=', '.join(missing))


def check_type_options(desired, current):
    """Check the type-specific options of ``desired`` against the effective job type (desired, else current)."""
    current = current or {}
    job_type = desired.get('job_type') or current.get('job_type')
    if job_type is None:
        return  # the job does not exist and the task gives no type: required_for_create says so
    _check_options_fit_type(job_type, desired)
    if job_type == 'custom' and current and current.get('job_type') != 'custom':
        if not _as_dict(desired.get('custom_script')).get('id'):
            raise ValidationError('custom_script.id: required to turn this %s job into a custom job'
                                  % current.get('job_type'), option='custom_script.id')


def _fail(option, problem):
    raise ValidationError('%s: %s' % (option, problem), option=option)


def _check_identity(params):
    if params.get('name') is None and params.get('id') is None:
        _fail('name', 'name or id is required to find the job')
    _check_not_blank('id', params.get('id'))
    if params.get('id') is None:
        _check_not_blank('name', params.get('name'))  # a blank name finds no job, whatever the state


def _check_not_blank(option, value):
    if value is not None and not _text(value).strip():
        _fail(option, 'must not be empty')


def _check_required_text(option, value):
    if value is None or not _text(value).strip():
        _fail(option, 'must not be empty')


def _check_choice(option, value, choices):
    if value is not None and value not in choices:
        _fail(option, '%r is not one of %s' % (value, ', '.join(choices)))


def _check_options_fit_type(job_type, options):
    for option, required_type in sorted(TYPE_OPTIONS.items()):
        if options.get(option) is not None and job_type != required_type:
            _fail(option, 'applies only to jobs of job_type %s, and this job_type is %s' % (required_type, job_type))


def _check_entities(entities):
    for index, entity in enumerate(entities or []):
        path = 'entities[%d]' % index
        entity = _as_dict(entity)
        _check_required_text(path + '.id', entity.get('id'))
        _check_not_blank(path + '.type', entity.get('type'))


def _given(value):
    return value is not None and value != []


def _check_schedule(schedule):
    if schedule is None:
        return
    schedule_type = schedule.get('type')
    if schedule_type is None:
        _fail('schedule.type', 'required when schedule is given (%s)' % ', '.join(SCHEDULE_TYPES))
    _check_choice('schedule.type', schedule_type, SCHEDULE_TYPES)
    if schedule.get('start_date') is not None and parse_start_date(schedule['start_date']) is None:
        _fail('schedule.start_date', '%r is not a date and time; use %s' % (schedule['start_date'], DATE_FORMATS_HINT))
    if schedule.get('start_time') is not None:
        if schedule.get('start_date') is not None:
            _fail('schedule.start_time', 'give either schedule.start_date or schedule.start_time, not both')
        if parse_start_time(schedule['start_time']) is None:
            _fail('schedule.start_time', '%r is not a time of day; use %s' % (schedule['start_time'], TIME_FORMATS_HINT))
    _check_daily_fields(schedule_type, schedule)
    _check_weekly_fields(schedule_type, schedule)
    _check_monthly_fields(schedule_type, schedule)


def _check_only_for(schedule_type, expected_type, schedule, options):
    if schedule_type == expected_type:
        return
    for option in options:
        if _given(schedule.get(option)):
            _fail('schedule.' + option, 'applies only to schedule.type %s, not %s' % (expected_type, schedule_type))


def _check_daily_fields(schedule_type, schedule):
    _check_only_for(schedule_type, 'daily', schedule, ('frequency', 'repeat_every'))
    frequency, repeat_every = schedule.get('frequency'), schedule.get('repeat_every')
    if schedule_type != 'daily':
        return
    if frequency is None:
        _fail('schedule.frequency', 'required when schedule.type is daily (%s)' % ', '.join(FREQUENCIES))
    _check_choice('schedule.frequency', frequency, FREQUENCIES)
    if frequency == 'recurrence' and repeat_every is None:
        _fail('schedule.repeat_every', 'required when schedule.frequency is recurrence (run every N days)')
    if frequency != 'recurrence' and repeat_every is not None:
        _fail('schedule.repeat_every', 'applies only to schedule.frequency recurrence, not %s' % frequency)
    if repeat_every is not None and not _is_positive_int(repeat_every):
        _fail('schedule.repeat_every', 'must be a whole number of days, 1 or more, not %r' % (repeat_every,))


def _is_positive_int(value):
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


def _check_weekly_fields(schedule_type, schedule):
    _check_only_for(schedule_type, 'weekly', schedule, ('week_days',))
    if schedule_type != 'weekly':
        return
    if not _given(schedule.get('week_days')):
        _fail('schedule.week_days', 'required when schedule.type is weekly')
    for value in schedule['week_days']:
        _check_day('schedule.week_days', value)


def _check_day(option, value):
    if day_name(value) is None:
        _fail(option, '%r is not a day of the week (Sunday..Saturday or Sun..Sat)' % (value,))


def _check_monthly_fields(schedule_type, schedule):
    _check_only_for(schedule_type, 'monthly', schedule, ('days_of_month', 'week_index', 'day_of_week'))
    if schedule_type != 'monthly':
        return
    days, week_index, day_of_week = schedule.get('days_of_month'), schedule.get('week_index'), schedule.get('day_of_week')
    by_weekday = week_index is not None or day_of_week is not None
    if _given(days) and by_weekday:
        _fail('schedule.days_of_month', 'give either days_of_month or week_index with day_of_week, not both')
    if not _given(days) and not by_weekday:
        _fail('schedule.days_of_month', 'a monthly schedule needs days_of_month, or week_index with day_of_week')
    for day in days or []:
        if isinstance(day, bool) or not isinstance(day, int) or not 1 <= day <= 31:
            _fail('schedule.days_of_month', '%r is not a day of the month (1..31)' % (day,))
    if by_weekday and week_index is None:
        _fail('schedule.week_index', 'required with schedule.day_of_week (%s)' % ', '.join(WEEK_INDEXES))
    if by_weekday and day_of_week is None:
        _fail('schedule.day_of_week', 'required with schedule.week_index')
    if by_weekday:
        _check_choice('schedule.week_index', week_index, WEEK_INDEXES)
        _check_day('schedule.day_of_week', day_of_week)


def _check_network_backup(network_backup):
    _check_choice('network_backup.versions_saved', _as_dict(network_backup).get('versions_saved'), VERSIONS_SAVED)


def _check_app_install(app_install):
    _check_choice('app_install.approval', _as_dict(app_install).get('approval'), APPROVALS)


def _check_custom_script(custom_script):
    if custom_script is None:
        return
    _check_not_blank('custom_script.id', custom_script.get('id'))
    _check_choice('custom_script.user_type', custom_script.get('user_type'), USER_TYPES)
    seen = set()
    for index, parameter in enumerate(custom_script.get('parameters') or []):
        parameter_id = _as_dict(parameter).get('id')
        _check_required_text('custom_script.parameters[%d].id' % index, parameter_id)
        if _text(parameter_id) in seen:
            _fail('custom_script.parameters', 'parameter id %r is given more than once' % _text(parameter_id))
        seen.add(_text(parameter_id))


# ---------------------------------------------------------------------------------------------------- desired state

def desired_state(params):
    """The canonical form of what the task manages: only the options it gives (None = not managed).

    A given schedule manages its whole pattern: pattern fields that do not apply are None, meaning "must be absent".
    """
    state = {}
    if params.get('name') is not None:
        state['name'] = params['name']
    if params.get('job_type') is not None:
        state['job_type'] = canonical_job_type(params['job_type'])
    if params.get('entities') is not None:
        state['entities'] = canonical_entities(params['entities'])
    if params.get('queued') is not None:
        state['queued'] = _read_bool(params['queued'])
    if params.get('schedule') is not None:
        state['schedule'] = _desired_schedule(params['schedule'])
    for option, reader in (('network_backup', _desired_network_backup), ('app_install', _desired_app_install),
                           ('custom_script', _desired_custom_script)):
        if params.get(option) is not None:
            state[option] = reader(params[option])
    return state


def _desired_schedule(schedule):
    canonical = {'type': schedule.get('type')}
    if schedule.get('start_date') is not None:
        canonical['start_date'] = _option_start_date(schedule['start_date'])
    if schedule.get('start_time') is not None:
        canonical['start_time'] = parse_start_time(schedule['start_time'])
    fields = _desired_pattern_fields(schedule)
    for key in PATTERN_KEYS:
        canonical[key] = fields.get(key)
    return canonical


def _option_start_date(value):
    moment = parse_start_date(value)
    if moment is None:
        _fail('schedule.start_date', '%r is not a date and time; use %s' % (value, DATE_FORMATS_HINT))
    return format_start_date(moment)


def _desired_pattern_fields(schedule):
    schedule_type = schedule.get('type')
    if schedule_type == 'daily':
        fields = {'frequency': schedule.get('frequency')}
        if schedule.get('frequency') == 'recurrence':
            fields['repeat_every'] = schedule.get('repeat_every')
        return fields
    if schedule_type == 'weekly':
        return {'week_days': _canonical_week_days(schedule.get('week_days'))}
    if schedule_type == 'monthly' and _given(schedule.get('days_of_month')):
        return {'days_of_month': _canonical_days_of_month(schedule['days_of_month'])}
    if schedule_type == 'monthly':
        day = schedule.get('day_of_week')
        return {'week_index': schedule.get('week_index'), 'day_of_week': day_name(day) or day}
    return {}


def _desired_network_backup(network_backup):
    result = {}
    for option in NETWORK_BACKUP_OPTIONS:
        if network_backup.get(option) is not None:
            value = network_backup[option]
            result[option] = value.lower() if option == 'versions_saved' else _read_bool(value)
    return result


def _desired_app_install(app_install):
    result = {}
    if app_install.get('approval') is not None:
        result['approval'] = app_install['approval']
    if app_install.get('reason') is not None:
        result['reason'] = _text(app_install['reason'])
    if app_install.get('alert') is not None:
        result['alert'] = _read_bool(app_install['alert'])
    return result


def _desired_custom_script(custom_script):
    result = {}
    if custom_script.get('id') is not None:
        result['id'] = _text(custom_script['id'])
    if custom_script.get('user_type') is not None:
        result['user_type'] = custom_script['user_type']
    if custom_script.get('parameters') is not None:
        result['parameters'] = canonical_parameters(custom_script['parameters'])
    return result


# ---------------------------------------------------------------------------------------------------- current state

def needs_full_job(desired):
    """Whether ``desired`` manages a field that search results leave out: entities, or custom script parameters.

    A job whose task manages neither can be compared with its search result alone (section 1.4).
    """
    return 'entities' in desired or 'parameters' in _as_dict(desired.get('custom_script'))


def current_state(api_job):
    """The canonical form of a job as OpsRamp returns it (GET, search, create and update responses).

    Keys the response lacks are left out: a search result has no entities (section 1.4), so diff against a GET.
    """
    job = _as_dict(api_job)
    script = _as_dict(job.get('script'))
    state = {}
    if job.get('name') is not None:
        state['name'] = _text(job['name'])
    job_type = _current_job_type(script)
    if job_type is not None:
        state['job_type'] = job_type
    if 'entities' in job:
        state['entities'] = canonical_entities(job['entities'])
    if job.get('jobQueued') is not None:
        state['queued'] = _read_bool(job['jobQueued'])
    elif 'id' in job:
        state['queued'] = False  # an optional flag a stored job leaves out is off [INF]
    if isinstance(job.get('schedule'), dict):
        state['schedule'] = _current_schedule(job['schedule'])
    if isinstance(script.get('configParams'), dict):
        state['network_backup'] = _current_network_backup(script['configParams'])
    if isinstance(script.get('approvalType'), dict):
        state['app_install'] = _current_app_install(script['approvalType'])
    custom_script = _current_custom_script(script)
    if custom_script:
        state['custom_script'] = custom_script
    return state


def _current_job_type(script):
    if script.get('jobType') not in (None, ''):
        return canonical_job_type(script['jobType'])
    if script.get('customScript') is not None:
        return 'custom'  # custom jobs come back without jobType (section 3.5)
    return None


def _current_schedule(schedule):
    result = {}
    if schedule.get('startDate') not in (None, ''):
        result['start_date'] = _canonical_start_date(schedule['startDate'])
        if parse_start_date(schedule['startDate']) is not None:
            result['start_time'] = result['start_date'][11:16]
    pattern = _as_dict(schedule.get('pattern'))
    if pattern.get('type') is not None:
        result['type'] = _read_enum(pattern['type'], _SCHEDULE_TYPE_READER)
        result.update(_current_pattern_fields(result['type'], pattern))
    return result


def _current_pattern_fields(schedule_type, pattern):
    """The pattern fields that apply to the type; stale ones for another type do not count."""
    fields = {}
    if schedule_type == 'daily':
        if _first_present(pattern, 'frequency') is not None:
            fields['frequency'] = _read_enum(pattern['frequency'], _FREQUENCY_READER)
        if fields.get('frequency') == 'recurrence' and _first_present(pattern, 'repeatFrequency') is not None:
            fields['repeat_every'] = _read_int(pattern['repeatFrequency'])
    elif schedule_type == 'weekly':
        fields['week_days'] = _canonical_week_days(pattern.get('weekDays'))
    elif schedule_type == 'monthly':
        fields.update(_current_monthly_fields(pattern))
    return fields


def _current_monthly_fields(pattern):
    fields = {}
    if _split_items(pattern.get('dayOfMonth')):
        fields['days_of_month'] = _canonical_days_of_month(pattern['dayOfMonth'])
    if _first_present(pattern, 'weekIndex') is not None:
        fields['week_index'] = _read_enum(pattern['weekIndex'], _WEEK_INDEX_READER)
    # The schema names it dayOfIndex, the documentation's example dayOfWeek (section 4.3): read both.
    day = _first_present(pattern, 'dayOfWeek', 'dayOfIndex')
    if day is not None:
        fields['day_of_week'] = day_name(day) or _text(day)
    return fields


def _current_network_backup(config_params):
    result = {}
    for option, key in NETWORK_BACKUP_FIELDS:
        value = _first_present(config_params, *_CONFIG_PARAM_READ_KEYS.get(key, (key,)))
        if option == 'versions_saved':
            if value is not None:
                result[option] = _read_enum(value, _VERSIONS_SAVED_READER)
        else:
            result[option] = False if value is None else _read_bool(value)  # a flag left out is off [INF]
    return result


def _current_app_install(approval_type):
    result = {}
    if approval_type.get('approvalType') is not None:
        result['approval'] = _read_enum(_read_int(approval_type['approvalType']), _APPROVAL_READER)
    result['reason'] = _text(approval_type.get('approvalReason'))  # left out, null and '' all mean no reason
    result['alert'] = _read_bool(approval_type['alertRequired']) if approval_type.get('alertRequired') is not None else False
    return result


def _current_custom_script(script):
    result = {}
    custom = _as_dict(script.get('customScript'))
    if custom.get('id') is not None:
        result['id'] = _text(custom['id'])
    if script.get('userType') is not None:
        result['user_type'] = _read_enum(_read_int(script['userType']), _USER_TYPE_READER)
    if isinstance(script.get('parameters'), list):
        result['parameters'] = canonical_parameters(script['parameters'])
    return result


# ---------------------------------------------------------------------------------------------------- request body

def build_payload(current_job, desired, now=None):
    """The JSON body to POST: a new job from ``desired`` (current_job None), or the current job with ``desired`` laid over.

    ``now`` (a datetime, UTC when naive) is the start date used when the task does not manage schedule.start_date and
    the job has none yet; it defaults to the current time.
    """
    if current_job is None:
        return _create_payload(desired, now)
    return _update_payload(current_job, desired, now)


def predicted_job(current_job, desired, now=None):
    """What check mode reports as the job: the body ``build_payload`` would send (with ``id`` for an update)."""
    return build_payload(current_job, desired, now)


def _create_payload(desired, now):
    payload = {}
    if desired.get('name') is not None:
        payload['name'] = desired['name']
    if desired.get('queued') is not None:
        payload['jobQueued'] = desired['queued']
    if desired.get('entities') is not None:
        payload['entities'] = _request_entities(desired['entities'])
    payload['script'] = _overlay_script({}, None, desired)
    payload['schedule'] = _overlay_schedule({}, desired.get('schedule') or {}, now)
    return payload


def _update_payload(current_job, desired, now):
    payload = _request_style(current_job)
    if desired.get('name') is not None:
        payload['name'] = desired['name']
    if desired.get('queued') is not None:
        payload['jobQueued'] = desired['queued']
    if desired.get('entities') is not None:
        payload['entities'] = _request_entities(desired['entities'])
    if desired.get('job_type') is not None or _type_option_keys(desired):
        script = _as_dict(payload.get('script'))
        payload['script'] = _overlay_script(script, _current_job_type(script), desired)
    if desired.get('schedule') is not None:
        payload['schedule'] = _overlay_schedule(_as_dict(payload.get('schedule')), desired['schedule'], now)
    return payload


def _type_option_keys(desired):
    return [option for option in TYPE_OPTIONS if desired.get(option) is not None]


def _request_entities(entities):
    return [{'resource': {'id': entity['id'], 'type': entity['type']}} for entity in entities]


def _overlay_schedule(schedule, desired_schedule, now):
    """The schedule with the pattern replaced when the task gives one, and startDate set when it gives one."""
    schedule = dict(schedule)
    if desired_schedule.get('start_date') is not None:
        schedule['startDate'] = desired_schedule['start_date']
    elif desired_schedule.get('start_time') is not None:
        schedule['startDate'] = start_date_at_time(desired_schedule['start_time'], schedule.get('startDate'), now)
    elif schedule.get('startDate') in (None, ''):
        schedule['startDate'] = _now_start_date(now)
    if desired_schedule.get('type') is not None:
        schedule['pattern'] = _request_pattern(desired_schedule)
    return schedule


def _request_pattern(schedule):
    pattern = {'type': SCHEDULE_TYPES.get(schedule['type'], schedule['type'])}
    if schedule.get('frequency') is not None:
        pattern['frequency'] = FREQUENCIES.get(schedule['frequency'], schedule['frequency'])
    if schedule.get('repeat_every') is not None:
        pattern['repeatType'] = 'days'
        pattern['repeatFrequency'] = schedule['repeat_every']
    if schedule.get('week_days'):
        pattern['weekDays'] = ', '.join(schedule['week_days'])
    if schedule.get('days_of_month'):
        pattern['dayOfMonth'] = ', '.join(_text(day) for day in schedule['days_of_month'])
    if schedule.get('week_index') is not None:
        pattern['weekIndex'] = WEEK_INDEXES.get(schedule['week_index'], schedule['week_index'])
    if schedule.get('day_of_week') is not None:
        pattern['dayOfWeek'] = schedule['day_of_week']
    return pattern


def _overlay_script(script, current_type, desired):
    """The script with the job type and the type's managed options laid over; a new type starts a new script."""
    job_type = desired.get('job_type') or current_type
    if desired.get('job_type') is not None and desired['job_type'] != current_type:
        script = {}
    script = dict(script)
    if job_type is not None:
        script['jobType'] = job_type
    if desired.get('network_backup') is not None:
        script['configParams'] = _overlay_network_backup(_as_dict(script.get('configParams')), desired['network_backup'])
    if desired.get('app_install') is not None:
        script['approvalType'] = _overlay_app_install(_as_dict(script.get('approvalType')), desired['app_install'])
    if desired.get('custom_script') is not None:
        script.update(_custom_script_fields(desired['custom_script']))
    return script


def _overlay_network_backup(config_params, network_backup):
    return _overlay_fields(config_params, network_backup, NETWORK_BACKUP_FIELDS, 'versions_saved', VERSIONS_SAVED)


def _overlay_app_install(approval_type, app_install):
    return _overlay_fields(approval_type, app_install, APP_INSTALL_FIELDS, 'approval', APPROVALS)


def _overlay_fields(api_section, options, fields, enum_option, enum_values):
    """``api_section`` with each managed option written under its API field, ``enum_option`` mapped to API values."""
    api_section = dict(api_section)
    for option, key in fields:
        if options.get(option) is not None:
            value = options[option]
            api_section[key] = enum_values.get(value, value) if option == enum_option else value
    return api_section


def _custom_script_fields(custom_script):
    fields = {}
    if custom_script.get('id') is not None:
        fields['customScript'] = {'id': custom_script['id']}
    if custom_script.get('user_type') is not None:
        fields['userType'] = USER_TYPES.get(custom_script['user_type'], custom_script['user_type'])
    if custom_script.get('parameters') is not None:
        fields['parameters'] = [{'paramId': parameter['id'], 'value': parameter['value']}
                                for parameter in custom_script['parameters']]
    return fields


# ---------------------------------------------------------------------------------------------------- response -> request

def _request_style(api_job):
    """A deep copy of a job as OpsRamp returned it, in the form a request takes (section 7.3).

    Server additions are dropped (entities' generalInfo/clientUniqueId, customScript's name/description/platforms,
    parameters' name), scalars get their native JSON types, and custom jobs get their jobType back. Fields this
    module does not know (credentialSet...) are kept as they are.
    """
    job = copy.deepcopy(_as_dict(api_job))
    if isinstance(job.get('entities'), list):
        job['entities'] = _request_style_entities(job['entities'])
    if job.get('jobQueued') is not None:
        job['jobQueued'] = _read_bool(job['jobQueued'])
    pattern = _as_dict(_as_dict(job.get('schedule')).get('pattern'))
    if pattern.get('repeatFrequency') is not None:
        pattern['repeatFrequency'] = _read_int(pattern['repeatFrequency'])
    if isinstance(job.get('script'), dict):
        job['script'] = _request_style_script(job['script'])
    return job


def _request_style_entities(entities):
    result = []
    for entity in entities:
        entity = _as_dict(entity)
        resource = entity['resource'] if isinstance(entity.get('resource'), dict) else entity
        result.append({'resource': dict((key, resource[key]) for key in ('id', 'type') if key in resource)})
    return result


def _request_style_script(script):
    job_type = _current_job_type(script)
    if job_type is not None:
        script['jobType'] = job_type
    if isinstance(script.get('customScript'), dict):
        custom_id = script['customScript'].get('id')
        script['customScript'] = {'id': _text(custom_id)} if custom_id is not None else {}
    if isinstance(script.get('parameters'), list):
        script['parameters'] = [{'paramId': _text(_as_dict(p).get('paramId')), 'value': _as_dict(p).get('value')}
                                for p in script['parameters']]
    if script.get('userType') is not None:
        script['userType'] = _read_int(script['userType'])
    if isinstance(script.get('configParams'), dict):
        script['configParams'] = _request_style_config_params(script['configParams'])
    if isinstance(script.get('approvalType'), dict):
        approval_type = script['approvalType']
        if approval_type.get('approvalType') is not None:
            approval_type['approvalType'] = _read_int(approval_type['approvalType'])
        if approval_type.get('alertRequired') is not None:
            approval_type['alertRequired'] = _read_bool(approval_type['alertRequired'])
    return script


def _request_style_config_params(config_params):
    result = {}
    for key, value in config_params.items():
        if key in _CONFIG_PARAM_ALIASES:
            if _CONFIG_PARAM_ALIASES[key] in config_params:
                continue  # the long name is there too and wins
            key = _CONFIG_PARAM_ALIASES[key]
        result[key] = value if key == 'versionsSaved' else _read_bool(value)
    return result


# ---------------------------------------------------------------------------------------------------- secrets

def sensitive_values(params, current=None):
    """The values of the script parameters marked sensitive, for ``no_log_values`` and ``diff_view(hidden=...)``.

    With ``current`` (a ``current_state``), the job's present values of those parameters are included too, so a
    secret being replaced does not show in the diff's "before" either.
    """
    parameters = _as_dict(params.get('custom_script')).get('parameters') or []
    secret_ids = set(_text(p.get('id')) for p in parameters if p.get('sensitive'))
    values = set(_text(p.get('value')) for p in parameters if p.get('sensitive'))
    for parameter in _as_dict(_as_dict(current).get('custom_script')).get('parameters') or []:
        if parameter.get('id') in secret_ids:
            values.add(_text(parameter.get('value')))
    values.discard('')
    return values
