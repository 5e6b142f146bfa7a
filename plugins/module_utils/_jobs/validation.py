# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Checks of a task's job options, before any request: each failure is a ValidationError naming the option.

Single values are checked by the kinds of the job table (``Model.option_problems``); what is left here are the rules
between options: which pattern fields a schedule type needs, the options that belong to one job type (the table's
sections ``for_type``), and the elements of lists.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.opsramp.automation.plugins.module_utils._engine.values import as_dict, is_given, text
from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import ValidationError
from ansible_collections.opsramp.automation.plugins.module_utils._jobs import schedule as sched
from ansible_collections.opsramp.automation.plugins.module_utils._jobs.table import JOB_MODEL, JOB_TYPE
from ansible_collections.opsramp.automation.plugins.module_utils._resources.lookup import check_entity_target

# Options that belong to one job type only: the sections of the table that say so.
TYPE_OPTIONS = dict((name, section.for_type) for name, section in JOB_MODEL.sections.items() if section.for_type)

# schedule type -> the pattern options only it takes
_PATTERN_OPTIONS = (
    ('daily', ('frequency', 'repeat_every')),
    ('weekly', ('week_days',)),
    ('monthly', ('days_of_month', 'week_index', 'day_of_week')),
)


def fail(option, problem):
    raise ValidationError('%s: %s' % (option, problem), option=option)


def validate_job_params(params):
    """Check the task's options (with ``state``, present when left out) before any request; raise ValidationError
    naming the option at fault.

    Checks that need the job's type when the task does not give it wait for ``check_type_options``.
    """
    _check_identity(params)
    if params.get('state', 'present') == 'absent':
        return
    problem = JOB_MODEL.option_problems(params)
    if problem:
        fail(*problem)
    _check_entities(params.get('entities'))
    _check_schedule(params.get('schedule'))
    _check_custom_script(as_dict(params.get('custom_script')))
    if params.get('job_type') is not None:
        _check_options_fit_type(JOB_TYPE.canonical(params['job_type']), params)


def required_for_create(params):
    """Check that the options can create the job (used only when the job does not exist yet)."""
    missing = [option for option in ('name', 'job_type', 'schedule') if params.get(option) is None]
    if params.get('job_type') is not None and JOB_TYPE.canonical(params['job_type']) == 'custom':
        if not as_dict(params.get('custom_script')).get('id'):
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
        if not as_dict(desired.get('custom_script')).get('id'):
            raise ValidationError('custom_script.id: required to turn this %s job into a custom job'
                                  % current.get('job_type'), option='custom_script.id')


def _check_identity(params):
    if params.get('name') is None and params.get('id') is None:
        fail('name', 'name or id is required to find the job')
    _check_not_blank('id', params.get('id'))
    if params.get('id') is None:
        _check_not_blank('name', params.get('name'))  # a blank name finds no job, whatever the state


def _check_not_blank(option, value):
    if value is not None and not text(value).strip():
        fail(option, 'must not be empty')


def _check_options_fit_type(job_type, options):
    for option, required_type in sorted(TYPE_OPTIONS.items()):
        if options.get(option) is not None and job_type != required_type:
            fail(option, 'applies only to jobs of job_type %s, and this job_type is %s' % (required_type, job_type))


def _check_entities(entities):
    for index, entity in enumerate(entities or []):
        path = 'entities[%d]' % index
        entity = as_dict(entity)
        check_entity_target(entity, path)  # id, or a name the task resolves to an id
        _check_not_blank(path + '.type', entity.get('type'))


# ---------------------------------------------------------------------------------------------------- schedule

def _check_schedule(schedule):
    if schedule is None:
        return
    schedule_type = schedule.get('type')
    if schedule_type is None:
        fail('schedule.type', 'required when schedule is given (%s)' % ', '.join(sched.SCHEDULE_TYPES))
    if schedule.get('start_time') is not None and schedule.get('start_date') is not None:
        fail('schedule.start_time', 'give either schedule.start_date or schedule.start_time, not both')
    for pattern_type, options in _PATTERN_OPTIONS:
        if schedule_type != pattern_type:
            _check_left_out(schedule, schedule_type, pattern_type, options)
    _TYPE_CHECKS.get(schedule_type, lambda schedule: None)(schedule)


def _check_left_out(schedule, schedule_type, pattern_type, options):
    for option in options:
        if is_given(schedule.get(option)):
            fail('schedule.' + option, 'applies only to schedule.type %s, not %s' % (pattern_type, schedule_type))


def _check_daily(schedule):
    frequency, repeat_every = schedule.get('frequency'), schedule.get('repeat_every')
    if frequency is None:
        fail('schedule.frequency', 'required when schedule.type is daily (%s)' % ', '.join(sched.FREQUENCIES))
    if frequency == 'recurrence' and repeat_every is None:
        fail('schedule.repeat_every', 'required when schedule.frequency is recurrence (run every N days)')
    if frequency != 'recurrence' and repeat_every is not None:
        fail('schedule.repeat_every', 'applies only to schedule.frequency recurrence, not %s' % frequency)


def _check_weekly(schedule):
    if not is_given(schedule.get('week_days')):
        fail('schedule.week_days', 'required when schedule.type is weekly')


def _check_monthly(schedule):
    week_index, day_of_week = schedule.get('week_index'), schedule.get('day_of_week')
    by_weekday = week_index is not None or day_of_week is not None
    if is_given(schedule.get('days_of_month')) == by_weekday:
        fail('schedule.days_of_month', 'give either days_of_month or week_index with day_of_week, not both' if by_weekday
             else 'a monthly schedule needs days_of_month, or week_index with day_of_week')
    if by_weekday and week_index is None:
        fail('schedule.week_index', 'required with schedule.day_of_week (%s)' % ', '.join(sched.WEEK_INDEXES))
    if by_weekday and day_of_week is None:
        fail('schedule.day_of_week', 'required with schedule.week_index')


_TYPE_CHECKS = {'daily': _check_daily, 'weekly': _check_weekly, 'monthly': _check_monthly}


# ---------------------------------------------------------------------------------------------------- custom script

def _check_custom_script(custom_script):
    """The script by id or by name (not both), and its parameters (api-behaviour §12, §20.10)."""
    script = custom_script.get('script')
    if script is not None and custom_script.get('id') is not None:
        fail('custom_script.id, custom_script.script', 'give custom_script.id or custom_script.script, not both')
    if script is not None:
        _check_script_reference(as_dict(script))
    _check_parameters(custom_script.get('parameters'), names_script=script is not None or custom_script.get('id') is not None)


def _check_script_reference(script):
    _check_not_blank('custom_script.script.name', script.get('name'))
    given = [option for option in ('category', 'category_id') if script.get(option) is not None]
    if len(given) != 1:
        fail(', '.join('custom_script.script.' + option for option in given) or 'custom_script.script',
             'give custom_script.script.category or custom_script.script.category_id%s: a script is found in its '
             'category' % (', not both' if given else ''))
    _check_not_blank('custom_script.script.' + given[0], script[given[0]])


def _check_parameters(parameters, names_script=True):
    """Each parameter is named by its id or its name, appears once, and has exactly one of value and macro
    (api-behaviour §12); a name is looked up in the script, which the task must name."""
    parameters = [as_dict(parameter) for parameter in parameters or []]
    seen = set()
    for index, parameter in enumerate(parameters):
        path = 'custom_script.parameters[%d]' % index
        option = _check_parameter_target(parameter, path)
        if option == 'name' and not names_script:
            fail(path + '.name', 'a parameter name is looked up in the script that declares it: give '
                                 'custom_script.script (or custom_script.id) with it')
        if (option, text(parameter[option])) in seen:
            fail('custom_script.parameters', 'parameter %s %r is given more than once' % (option, text(parameter[option])))
        seen.add((option, text(parameter[option])))
    for index, parameter in enumerate(parameters):
        if (parameter.get('value') is None) == (parameter.get('macro') is None):
            fail('custom_script.parameters[%d]' % index, 'parameter %r needs exactly one of value and macro, not %s'
                 % (text(_parameter_target(parameter)), 'both' if parameter.get('value') is not None else 'neither'))
        _check_not_blank('custom_script.parameters[%d].macro' % index, parameter.get('macro'))


def _check_parameter_target(parameter, path):
    """The option (id or name) that names the parameter, the only one given, and not blank."""
    given = [option for option in ('id', 'name') if parameter.get(option) is not None]
    if len(given) != 1:
        fail(path, 'give exactly one of id and name%s' % (' (it has id and name)' if given else ''))
    _check_not_blank('%s.%s' % (path, given[0]), parameter[given[0]])
    return given[0]


def _parameter_target(parameter):
    return parameter['id'] if parameter.get('id') is not None else parameter.get('name')
