# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

# Pure functions: what the simulated server does to a job payload.
#
# stored_form(): request body -> what the server keeps (docs/api-behaviour.md §6, §7).
# read_form():   stored job   -> what GET / create / update (view='get') and search (view='search') return.
# validate():    request body -> list of OpsRamp-style 400 error items (empty when valid).
#
# None of these functions raise on odd input: anything they do not understand is kept as sent.

import copy
import datetime
import re
import zlib

from .rba import hide_password, to_id

WEEKDAYS = ('Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday')
_WEEKDAY_BY_LOWER = {d.lower(): d for d in WEEKDAYS}
PATTERN_TYPES = ('daily', 'weekly', 'monthly', 'never', 'run once')

_START_DATE_RE = re.compile(
    r'^\s*(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?'
    r'\s*(Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?\s*$'
)
_INT_RE = re.compile(r'^\s*[+-]?\d+\s*$')


# ---------------------------------------------------------------- scalar helpers

def to_bool(value):
    """'true'/'false' (any case) -> bool; anything else unchanged."""
    if isinstance(value, str) and value.strip().lower() in ('true', 'false'):
        return value.strip().lower() == 'true'
    return value


def to_int(value):
    """'2' -> 2; anything else (including bools) unchanged."""
    if isinstance(value, str) and _INT_RE.match(value):
        return int(value)
    return value


def parse_start_date(value):
    """Parse an OpsRamp-ish date; return an aware UTC datetime, or None when it does not parse.

    Accepts 'YYYY-MM-DDTHH:MM[:SS[.fff]]' followed by Z, +0000, +05:30, +05 or nothing (taken as UTC).
    """
    if not isinstance(value, str):
        return None
    match = _START_DATE_RE.match(value)
    if not match:
        return None
    year, month, day, hour, minute, second, zone = match.groups()
    offset = datetime.timedelta(0)
    if zone and zone[0] in '+-':
        digits = zone[1:].replace(':', '')
        hours = int(digits[:2])
        minutes = int(digits[2:4]) if len(digits) > 2 else 0
        if hours > 23 or minutes > 59:
            return None
        offset = datetime.timedelta(hours=hours, minutes=minutes)
        if zone[0] == '-':
            offset = -offset
    try:
        local = datetime.datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0),
                                  tzinfo=datetime.timezone(offset))
    except ValueError:
        return None
    return local.astimezone(datetime.timezone.utc)


def format_start_date(moment):
    """UTC, seconds truncated, '+0000' offset: the form the server stores (api-behaviour §7)."""
    moment = moment.astimezone(datetime.timezone.utc)
    return moment.strftime('%Y-%m-%dT%H:%M') + ':00+0000'


def normalize_start_date(value):
    parsed = parse_start_date(value)
    return format_start_date(parsed) if parsed is not None else value


def _split_list(value):
    if isinstance(value, (list, tuple)):
        items = [str(v).strip() for v in value]
    elif isinstance(value, str):
        items = [v.strip() for v in value.split(',')]
    elif isinstance(value, int) and not isinstance(value, bool):
        items = [str(value)]
    else:
        return None
    return [v for v in items if v]


def _join(items, style):
    return (', ' if style == 'canonical' else ',').join(items)


def normalize_week_days(value, style='canonical'):
    """'tuesday,Sunday' -> 'Sunday, Tuesday' (canonical) or 'Sunday,Tuesday' (compact); as_sent: unchanged."""
    items = _split_list(value)
    if style == 'as_sent' or items is None:
        return value
    known, unknown = [], []
    for item in items:
        day = _WEEKDAY_BY_LOWER.get(item.lower())
        if day is None:
            if item not in unknown:
                unknown.append(item)
        elif day not in known:
            known.append(day)
    known.sort(key=WEEKDAYS.index)
    return _join(known + unknown, style)


def normalize_day_of_month(value, style='canonical'):
    """'5, 1,03' -> '1, 3, 5' (canonical) or '1,3,5' (compact); as_sent: unchanged."""
    items = _split_list(value)
    if style == 'as_sent' or items is None:
        return value
    numbers, other = [], []
    for item in items:
        if item.isdigit():
            if int(item) not in numbers:
                numbers.append(int(item))
        elif item not in other:
            other.append(item)
    return _join([str(n) for n in sorted(numbers)] + other, style)


def _title(value):
    if not isinstance(value, str):
        return value
    day = _WEEKDAY_BY_LOWER.get(value.strip().lower())
    return day if day else value.strip().capitalize()


def is_custom(job):
    script = job.get('script') if isinstance(job, dict) else None
    return isinstance(script, dict) and 'customScript' in script


# ---------------------------------------------------------------- stored form

def _stored_pattern(pattern, config):
    if 'type' in pattern and isinstance(pattern['type'], str):
        pattern['type'] = ' '.join(pattern['type'].split()).lower()
    if isinstance(pattern.get('repeatType'), str):
        pattern['repeatType'] = pattern['repeatType'].lower()
    if 'repeatFrequency' in pattern:
        pattern['repeatFrequency'] = to_int(pattern['repeatFrequency'])
    if 'weekDays' in pattern:
        pattern['weekDays'] = normalize_week_days(pattern['weekDays'], config.list_style)
    if 'dayOfMonth' in pattern:
        pattern['dayOfMonth'] = normalize_day_of_month(pattern['dayOfMonth'], config.list_style)
    if 'weekIndex' in pattern:
        pattern['weekIndex'] = _title(pattern['weekIndex'])
    if 'dayOfWeek' in pattern or 'dayOfIndex' in pattern:
        sent_key = 'dayOfWeek' if 'dayOfWeek' in pattern else 'dayOfIndex'
        day = pattern.pop('dayOfWeek', None)
        other = pattern.pop('dayOfIndex', None)
        key = sent_key if config.day_of_week_field == 'as_sent' else config.day_of_week_field
        pattern[key] = _title(day if day is not None else other)


def _stored_script(script, config):
    if 'customScript' in script and config.custom_without_job_type:
        script.pop('jobType', None)
    if 'userType' in script:
        script['userType'] = to_int(script['userType'])
    custom = script.get('customScript')
    if isinstance(custom, dict) and 'id' in custom and config.numeric_ids_as_int:
        custom['id'] = to_int(custom['id'])
    if isinstance(script.get('parameters'), list):
        for param in script['parameters']:
            if isinstance(param, dict):
                _stored_parameter(param, config)
    params = script.get('configParams')
    if isinstance(params, dict):
        for key, value in list(params.items()):
            params[key] = to_bool(value)
        if isinstance(params.get('versionsSaved'), str):
            params['versionsSaved'] = params['versionsSaved'].upper()
    approval = script.get('approvalType')
    if isinstance(approval, dict):
        if 'approvalType' in approval:
            approval['approvalType'] = to_int(approval['approvalType'])
        if 'alertRequired' in approval:
            approval['alertRequired'] = to_bool(approval['alertRequired'])


def _stored_parameter(param, config):
    """paramId and itopMacro.id as numbers; the read-only names the server adds are not stored (api-behaviour §6)."""
    param.pop('name', None)
    if 'paramId' in param and config.numeric_ids_as_int:
        param['paramId'] = to_int(param['paramId'])
    macro = param.get('itopMacro')
    if isinstance(macro, dict):
        macro.pop('name', None)
        if 'id' in macro and config.numeric_ids_as_int:
            macro['id'] = to_int(macro['id'])


# What the server adds to each entity's resource on read (api-behaviour §6): sent back, it is not stored.
READ_ONLY_RESOURCE_KEYS = ('generalInfo', 'clientUniqueId')


def _stored_entities(entities):
    stored = []
    for entity in entities:
        resource = entity.get('resource') if isinstance(entity, dict) else None
        if isinstance(resource, dict):
            entity = dict(entity, resource=dict((key, value) for key, value in resource.items()
                                                if key not in READ_ONLY_RESOURCE_KEYS))
        stored.append(entity)
    return stored


def stored_form(payload, config):
    """What the server keeps after a create/update with this body (api-behaviour §6, §7)."""
    job = copy.deepcopy(payload) if isinstance(payload, dict) else {}
    if 'jobQueued' in job:
        job['jobQueued'] = to_bool(job['jobQueued'])
    schedule = job.get('schedule')
    if isinstance(schedule, dict):
        if 'startDate' in schedule:
            schedule['startDate'] = normalize_start_date(schedule['startDate'])
        if isinstance(schedule.get('pattern'), dict):
            _stored_pattern(schedule['pattern'], config)
    if isinstance(job.get('script'), dict):
        _stored_script(job['script'], config)
    if isinstance(job.get('entities'), list):
        job['entities'] = _stored_entities(job['entities'])
    if isinstance(job.get('credentialSet'), dict):
        job['credentialSet'].pop('name', None)  # read-only, added on read (api-behaviour §11)
    return job


# ---------------------------------------------------------------- read form

def general_info(resource_id):
    """Deterministic, made-up device details for an entity id."""
    text = str(resource_id)
    digest = zlib.crc32(text.encode('utf-8'))
    short = re.sub(r'[^A-Za-z0-9]', '', text)[:8] or 'device'
    return {
        'hostName': 'host-%s' % short,
        'ipAddresses': '10.%d.%d.%d' % ((digest >> 16) & 255, (digest >> 8) & 255, (digest & 255) or 1),
        'resourceName': 'host-%s' % short,
        'aliasName': 'alias-%s' % short,
        'resourceType': 'Server',
    }


def _read_entities(entities, config, tenant):
    enriched = []
    for entity in entities:
        resource = entity.get('resource') if isinstance(entity, dict) else None
        if isinstance(resource, dict):
            new = dict(resource)
            new['clientUniqueId'] = tenant or 'client_1'
            new['generalInfo'] = general_info(resource.get('id'))
            enriched.append(dict(entity, resource=new))
        else:
            enriched.append(entity)
    if config.entity_order == 'reversed':
        enriched.reverse()
    elif config.entity_order == 'sorted':
        enriched.sort(key=lambda e: str(e['resource'].get('id')) if isinstance(e, dict) and isinstance(e.get('resource'), dict) else '')
    return enriched


def _read_script(script, config, scripts):
    """customScript and parameter names: from the RBA store when it holds the script (``scripts``, api-behaviour §20),
    else made up from the ids."""
    custom = script.get('customScript')
    info = scripts(custom.get('id')) if scripts is not None and isinstance(custom, dict) else None
    if info is not None:
        custom.update(name=info['name'], description=info['description'], platforms=info['platforms'])
    elif isinstance(custom, dict):
        script_id = custom.get('id')
        custom.setdefault('name', 'Script %s' % script_id)
        custom.setdefault('description', 'Simulated RBA script %s' % script_id)
        custom.setdefault('platforms', ['WINDOWS'])
    if isinstance(script.get('parameters'), list):
        for param in script['parameters']:
            if isinstance(param, dict):
                _read_parameter_name(param, info)
                _read_macro(param, config)


def _read_parameter_name(param, info):
    """The script's name for this paramId; a PASSWORD parameter's value per the job_password_value knob."""
    known = info['parameters'].get(to_id(param.get('paramId'))) if info is not None else None
    if known is None:
        param.setdefault('name', 'Parameter %s' % param.get('paramId'))
        return
    param['name'] = known['name']
    if known['password']:
        hide_password(param, 'value', info['password_mode'])


def _read_macro(param, config):
    """A macro-bound parameter: the macro gains a name; its value is left out or null per the knob (§12)."""
    macro = param.get('itopMacro')
    if not isinstance(macro, dict):
        return
    macro.setdefault('name', 'Macro %s' % macro.get('id'))
    if config.macro_parameter_value == 'null':
        param.setdefault('value', None)


def stringify_scalars(value):
    """true -> 'true', 2 -> '2', recursively (the booleans_as_strings knob)."""
    if isinstance(value, bool):
        return 'true' if value else 'false'
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dict):
        return {k: stringify_scalars(v) for k, v in value.items()}
    if isinstance(value, list):
        return [stringify_scalars(v) for v in value]
    return value


def read_form(stored, config, view='get', tenant=None, scripts=None):
    """What the API returns for a stored job: view='get' (GET/create/update) or view='search' (search results).

    ``scripts``: script id -> what a custom job shows of its RBA script (rba.job_script_lookup), or None.
    """
    job = copy.deepcopy(stored)
    if view == 'search':
        job.pop('entities', None)
        if is_custom(job):
            job['script'].pop('parameters', None)
            if config.search_custom_script == 'omitted':
                job['script'].pop('customScript')
    elif isinstance(job.get('entities'), list):
        job['entities'] = _read_entities(job['entities'], config, tenant)
    if isinstance(job.get('script'), dict):
        _read_script(job['script'], config, scripts)
    if isinstance(job.get('credentialSet'), dict):
        job['credentialSet'].setdefault('name', 'Credential set %s' % job['credentialSet'].get('uniqueId'))
    if config.booleans_as_strings:
        job = stringify_scalars(job)
    return job


# ---------------------------------------------------------------- validation

def _error(field_name, message, code='0002'):
    return {'code': code, 'fieldName': field_name, 'message': message}


def _validate_script(script):
    if script is None:
        return [_error('script', 'script is required')]
    if not isinstance(script, dict):
        return [_error('script', 'script must be an object')]
    custom = script.get('customScript')
    if custom is not None:
        if not isinstance(custom, dict) or custom.get('id') in (None, ''):
            return [_error('script.customScript.id', 'customScript.id is required')]
        if 'parameters' in script and not isinstance(script['parameters'], list):
            return [_error('script.parameters', 'parameters must be a list')]
        return []
    job_type = script.get('jobType')
    if not isinstance(job_type, str) or not job_type.strip():
        return [_error('script.jobType', 'script.jobType or script.customScript is required')]
    return []


def _validate_schedule(schedule):
    if not isinstance(schedule, dict):
        return [_error('schedule', 'schedule must be an object')]
    errors = []
    if 'startDate' in schedule and parse_start_date(schedule['startDate']) is None:
        errors.append(_error('schedule.startDate', 'Invalid startDate %r: expected yyyy-MM-ddTHH:mm:ssZ' % (schedule['startDate'],)))
    pattern = schedule.get('pattern')
    if pattern is not None:
        if not isinstance(pattern, dict):
            errors.append(_error('schedule.pattern', 'pattern must be an object'))
        else:
            ptype = pattern.get('type')
            if not isinstance(ptype, str) or ' '.join(ptype.split()).lower() not in PATTERN_TYPES:
                errors.append(_error('schedule.pattern.type', 'Invalid pattern type %r: expected one of %s' % (ptype, ', '.join(PATTERN_TYPES))))
    return errors


def _validate_entities(entities):
    if not isinstance(entities, list):
        return [_error('entities', 'entities must be a list')]
    for entity in entities:
        resource = entity.get('resource') if isinstance(entity, dict) else None
        if not isinstance(resource, dict) or resource.get('id') in (None, ''):
            return [_error('entities.resource.id', 'each entity needs resource.id')]
    return []


def validate(payload, creating=True):
    """Modest server-side validation; returns a list of {code, fieldName, message} (empty when valid)."""
    if not isinstance(payload, dict):
        return [_error('', 'Request body must be a JSON object', code='0001')]
    errors = []
    if creating:
        name = payload.get('name')
        if not isinstance(name, str) or not name.strip():
            errors.append(_error('name', 'name is required'))
    errors.extend(_validate_script(payload.get('script')))
    if 'schedule' in payload:
        errors.extend(_validate_schedule(payload['schedule']))
    if 'entities' in payload:
        errors.extend(_validate_entities(payload['entities']))
    return errors


# ---------------------------------------------------------------- search filter

def parse_query_string(query):
    """'name:abc+jobType:custom' -> [('name', 'abc'), ('jobType', 'custom')]."""
    terms = []
    for part in (query or '').split('+'):
        if ':' in part:
            key, value = part.split(':', 1)
            terms.append((key.strip(), value.strip()))
    return terms


def matches_query(job, terms):
    """The 'substring' filter: name:<text> is a case-insensitive substring match, id/jobType exact, others ignored."""
    for key, value in terms:
        lkey = key.lower()
        if lkey == 'name':
            if value.lower() not in str(job.get('name', '')).lower():
                return False
        elif lkey == 'id':
            if str(job.get('id')) != value:
                return False
        elif lkey == 'jobtype':
            script = job.get('script') if isinstance(job.get('script'), dict) else {}
            job_type = 'custom' if is_custom(job) else script.get('jobType')
            if str(job_type).lower() != value.lower():
                return False
    return True
