# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The kinds of job fields: how a value of each kind converts both ways, compares, and is checked.

A kind converts one field's values: ``desired`` (option -> canonical), ``current`` (API -> canonical), ``to_api``
(canonical -> API, given the stored API value), ``native`` (a stored API value -> the type a request takes; None
when stored values are sent back untouched) and ``problem`` (what is wrong with an option value, or None).
Comparison happens on the canonical forms: sets are sorted lists, case-insensitive values are folded.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.opsramp.automation.plugins.module_utils import job_schedule as sched
from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import ValidationError
from ansible_collections.opsramp.automation.plugins.module_utils.job_values import (
    as_dict, enum_reader, number_first_key, read_bool, read_enum, read_int, text)

# The job types OpsRamp lists (api-behaviour §5) plus the two seen elsewhere; only used to fix the spelling's case.
KNOWN_JOB_TYPES = (
    'adCheckList', 'antispyware', 'antivirus', 'appaudit', 'assetinfo', 'backupagent', 'diskdefrag', 'exbpaCheckList',
    'missingPatchesRequest', 'sqlreport', 'networkconfigbackup', 'tempfilesreport', 'appinstall', 'appupdate',
    'custom', 'missingPatchesDownloadUpdate',
)
_JOB_TYPE_BY_LOWER = dict((job_type.lower(), job_type) for job_type in KNOWN_JOB_TYPES)


def _fail(option, problem):
    raise ValidationError('%s: %s' % (option, problem), option=option)


def canonical_job_type(value):
    """The job type as OpsRamp spells it when it is a known one ('ADCHECKLIST' -> 'adCheckList'), else as given."""
    value = text(value).strip()
    return _JOB_TYPE_BY_LOWER.get(value.lower(), value)


class Kind:
    native = None

    def desired(self, value):
        return value

    def current(self, raw):
        return raw

    def to_api(self, value, stored, now):
        return value

    def problem(self, value):
        return None


class Text(Kind):
    """Free text or an id, compared exactly as text (ids may come back as numbers, api-behaviour §7)."""

    def __init__(self, blank=True, as_text_on_send=False):
        self.blank = blank
        if as_text_on_send:
            self.native = text

    def desired(self, value):
        return text(value)

    def current(self, raw):
        return text(raw)

    def problem(self, value):
        return None if self.blank or text(value).strip() else 'must not be empty'


class Flag(Kind):
    """A boolean; "true", 1 and true are the same (api-behaviour §7)."""
    native = staticmethod(read_bool)

    def desired(self, value):
        return read_bool(value)

    def current(self, raw):
        return read_bool(raw)


class Count(Kind):
    """A whole number of at least 1."""
    native = staticmethod(read_int)

    def current(self, raw):
        return read_int(raw)

    def problem(self, value):
        if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
            return None
        return 'must be a whole number of days, 1 or more, not %r' % (value,)


class Choice(Kind):
    """An enumeration: option values map to API values; read in any case and spacing, numbers from text."""

    def __init__(self, mapping, numeric=False):
        self.mapping, self.numeric, self.reader = mapping, numeric, enum_reader(mapping)
        if numeric:
            self.native = read_int

    def current(self, raw):
        return read_enum(read_int(raw) if self.numeric else raw, self.reader)

    def to_api(self, value, stored, now):
        return self.mapping.get(value, value)

    def problem(self, value):
        return None if value in self.mapping else '%r is not one of %s' % (value, ', '.join(self.mapping))


class JobType(Kind):
    """The job type, recognised in any case when known (api-behaviour §5)."""

    def desired(self, value):
        return canonical_job_type(value)

    def current(self, raw):
        return canonical_job_type(raw)

    def problem(self, value):
        return None if text(value).strip() else 'must not be empty'


class WeekDays(Kind):
    """A set of days of the week, sent as "Sunday, Tuesday" (api-behaviour §7)."""

    def desired(self, value):
        return sched.canonical_week_days(value)

    def current(self, raw):
        return sched.canonical_week_days(raw) or None

    def to_api(self, value, stored, now):
        return ', '.join(value)

    def problem(self, value):
        bad = [day for day in value if sched.day_name(day) is None]
        return '%r is not a day of the week (Sunday..Saturday or Sun..Sat)' % (bad[0],) if bad else None


class MonthDays(Kind):
    """A set of days of the month, sent as "1, 15" (api-behaviour §7)."""

    def desired(self, value):
        return sched.canonical_days_of_month(value)

    def current(self, raw):
        return sched.canonical_days_of_month(raw) or None

    def to_api(self, value, stored, now):
        return ', '.join(text(day) for day in value)

    def problem(self, value):
        bad = [day for day in value if isinstance(day, bool) or not isinstance(day, int) or not 1 <= day <= 31]
        return '%r is not a day of the month (1..31)' % (bad[0],) if bad else None


class Day(Kind):
    """One day of the week, full name or three letters, any case."""

    def desired(self, value):
        return sched.day_name(value) or value

    def current(self, raw):
        return sched.day_name(raw) or text(raw)

    def problem(self, value):
        return None if sched.day_name(value) else '%r is not a day of the week (Sunday..Saturday or Sun..Sat)' % (value,)


class StartDate(Kind):
    """A date and time, compared in UTC at minute precision (api-behaviour §7)."""

    def desired(self, value):
        moment = sched.parse_start_date(value)
        if moment is None:
            _fail('schedule.start_date', self.problem(value))
        return sched.format_start_date(moment)

    def current(self, raw):
        return sched.canonical_start_date(raw)

    def problem(self, value):
        if sched.parse_start_date(value) is not None:
            return None
        return '%r is not a date and time; use %s' % (value, sched.DATE_FORMATS_HINT)


class StartTime(Kind):
    """The UTC time of day of the start date, shown as '05:30Z' so no diff reads as local time; setting it keeps the
    stored date."""

    def desired(self, value):
        time_of_day = sched.parse_start_time(value)
        return time_of_day + 'Z' if time_of_day else None

    def current(self, raw):
        time_of_day = sched.start_time_of(raw)
        return time_of_day + 'Z' if time_of_day else None

    def to_api(self, value, stored, now):
        return sched.start_date_at_time(value, stored, now)

    def problem(self, value):
        if sched.parse_start_time(value) is not None:
            return None
        return '%r is not a time of day; use %s' % (value, sched.TIME_FORMATS_HINT)


class Entities(Kind):
    """The job's resources: a set of (TYPE, id) pairs, whatever the order and the server's additions.

    Types compare regardless of case; a new entity is sent in upper case, one the job has is sent back as stored
    (api-behaviour §10).
    """

    def desired(self, value):
        return canonical_entities(value)

    def current(self, raw):
        return canonical_entities(raw)

    def native(self, raw):
        return [_request_entity(entity) for entity in raw] if isinstance(raw, list) else raw

    def to_api(self, value, stored, now):
        wanted = [(entity['type'], entity['id']) for entity in value]
        return [item or {'resource': {'id': pair[1], 'type': pair[0]}}
                for pair, item in _stored_first(wanted, stored, _entity_pair)]


class Parameters(Kind):
    """Script parameters: each an id with a value or an iTOP macro (api-behaviour §12), compared as a set by id."""

    def desired(self, value):
        return canonical_parameters(value)

    def current(self, raw):
        return canonical_parameters(raw) if isinstance(raw, list) else None

    def native(self, raw):
        return [_request_parameter(parameter) for parameter in raw] if isinstance(raw, list) else raw

    def to_api(self, value, stored, now):
        wanted = dict((parameter['id'], parameter) for parameter in value)
        pairs = _stored_first([parameter['id'] for parameter in value], stored, lambda item: text(item.get('paramId')))
        return [_parameter_body(wanted[key], item or {}) for key, item in pairs]


def _stored_first(wanted_keys, stored, key_of):
    """(key, stored item or None) per wanted key: the items the job holds first, in its order, then the new ones.

    Keeping the stored order sends back what OpsRamp holds unchanged when the set has not changed.
    """
    found, pairs = set(), []
    for item in stored if isinstance(stored, list) else []:
        key = key_of(item) if isinstance(item, dict) else None
        if key in wanted_keys and key not in found:
            found.add(key)
            pairs.append((key, item))
    return pairs + [(key, None) for key in wanted_keys if key not in found]


def _entity_pair(entity):
    """(TYPE, id) of an entity, with or without the {resource: {...}} wrapper; None when it has no id."""
    entity = as_dict(entity)
    resource = entity['resource'] if isinstance(entity.get('resource'), dict) else entity
    if resource.get('id') in (None, ''):
        return None
    return (text(resource.get('type') or 'DEVICE').strip().upper(), text(resource.get('id')))


def canonical_entities(entities):
    """Entities as a sorted, deduplicated list of {'id', 'type'}: order and server additions do not matter."""
    pairs = set(pair for pair in (_entity_pair(entity) for entity in entities or []) if pair is not None)
    return [{'id': entity_id, 'type': entity_type} for entity_type, entity_id in sorted(pairs)]


def _request_entity(entity):
    """An entity in request form: always wrapped in ``resource`` (keys beside ``resource`` kept)."""
    if isinstance(entity, dict) and not isinstance(entity.get('resource'), dict):
        return {'resource': dict(entity)}
    return entity


def canonical_parameters(parameters):
    """Script parameters as {'id', 'value'} or {'id', 'macro'}, sorted by id (numerically when ids are numbers)."""
    result = []
    for parameter in parameters or []:
        parameter = as_dict(parameter)
        parameter_id = text(parameter['id'] if 'id' in parameter else parameter.get('paramId'))
        macro = parameter.get('macro', as_dict(parameter.get('itopMacro')).get('id'))
        if macro is not None:
            result.append({'id': parameter_id, 'macro': text(macro)})
        else:
            result.append({'id': parameter_id, 'value': text(parameter.get('value'))})
    return sorted(result, key=lambda p: number_first_key(p['id']) + (p.get('value', ''), p.get('macro', '')))


def _request_parameter(parameter):
    if not isinstance(parameter, dict):
        return parameter
    parameter = dict(parameter)
    if 'paramId' in parameter:
        parameter['paramId'] = text(parameter['paramId'])
    if 'itopMacro' in parameter and parameter.get('value') is None:
        parameter.pop('value', None)  # "value or itopMacro" (api-behaviour §12): a null value beside a macro is no value
    return parameter


def _parameter_body(parameter, stored):
    """The request form of one parameter: the stored one (keeping what it holds) with its value or macro set."""
    body = dict(stored, paramId=parameter['id'])
    if 'macro' in parameter:
        body.pop('value', None)
        body['itopMacro'] = dict(as_dict(body.get('itopMacro')), id=parameter['macro'])
    else:
        body.pop('itopMacro', None)
        body['value'] = parameter['value']
    return body
