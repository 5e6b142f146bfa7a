# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Schedules (``_jobs/schedule.py``): days, start dates and times in UTC to the minute, the kinds of the schedule's
fields both ways, and the schedule as the job model reads and writes it (start time, the nth weekday)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import datetime

import pytest

from ansible_collections.opsramp.automation.tests.unit.plugins.module_utils._jobs.job_support import (
    NCB_RESPONSE, NOW, UTC, payload, with_options)

from ansible_collections.opsramp.automation.plugins.module_utils._engine.compare import changed_paths, diff_view
from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import ValidationError
from ansible_collections.opsramp.automation.plugins.module_utils._jobs import schedule as sched
from ansible_collections.opsramp.automation.plugins.module_utils._jobs.adapter import JOBS


def desired_state(raw):
    return JOBS.model.desired(with_options(raw))


def current_state(api_job):
    return JOBS.model.current(api_job)


# ------------------------------------------------------------------------------------------ days and dates

@pytest.mark.parametrize('raw, expected', [('sun', 'Sunday'), (' TUESDAY ', 'Tuesday'), ('Sat urday', 'Saturday'),
                                           ('Funday', None), ('', None)])
def test_day_name(raw, expected):
    assert sched.day_name(raw) == expected


def test_week_days_and_days_of_month_are_sorted_sets():
    assert sched.canonical_week_days('sat, Sun,sunday, Funday') == ['Sunday', 'Saturday', 'Funday']
    assert sched.canonical_days_of_month(['15', 1, '01', 'x']) == [1, 15, 'x']


@pytest.mark.parametrize('raw, expected', [
    ('2016-04-14T10:10:10+0000', '2016-04-14T10:10:00+0000'),
    ('2016-04-14 15:40+05:30', '2016-04-14T10:10:00+0000'),
    ('2016-04-14T02:10:59-08:00', '2016-04-14T10:10:00+0000'),
    ('2016-04-14T10:10Z', '2016-04-14T10:10:00+0000'),
    ('next tuesday', 'next tuesday'),
])
def test_start_dates_are_canonical_in_utc_to_the_minute(raw, expected):
    assert sched.canonical_start_date(raw) == expected


def test_start_time_of_a_stored_date_and_a_new_date_for_a_time():
    assert sched.start_time_of('2016-04-14T10:10:00+0000') == '10:10'
    assert sched.start_time_of('garbage') is None
    assert sched.start_date_at_time('03:00Z', '2016-04-14T10:10:00+0000', None) == '2016-04-14T03:00:00+0000'
    now = datetime.datetime(2024, 5, 1, 6, 30, 45, tzinfo=UTC)
    assert sched.start_date_at_time('06:30', None, now) == '2024-05-01T06:30:00+0000'
    assert sched.start_date_at_time('06:29', None, now) == '2024-05-02T06:29:00+0000'


def test_which_pattern_fields_a_type_takes():
    assert sched.is_daily_recurrence({'type': 'daily', 'frequency': 'recurrence'})
    assert not sched.is_daily_recurrence({'type': 'daily', 'frequency': 'everyday'})
    assert sched.is_daily({'type': 'daily'}) and not sched.is_daily({'type': 'weekly'})
    assert sched.is_monthly({'type': 'monthly'}) and not sched.is_weekly({'type': 'monthly'})


def test_the_option_values_map_to_the_api_spelling():
    """OpsRamp's spellings, written out (api-behaviour §7): 'run once' with a space, 'every weekday', 'Second'."""
    assert sched.SCHEDULE_TYPES == {'daily': 'daily', 'weekly': 'weekly', 'monthly': 'monthly', 'run_once': 'run once',
                                    'never': 'never'}
    assert sched.FREQUENCIES == {'everyday': 'everyday', 'every_weekday': 'every weekday', 'recurrence': 'recurrence'}
    assert sched.WEEK_INDEXES == {'first': 'First', 'second': 'Second', 'third': 'Third', 'fourth': 'Fourth',
                                  'last': 'Last'}


# ------------------------------------------------------------------------------------------ the schedule's kinds

@pytest.mark.parametrize('kind, option, api_forms, sent', [
    (sched.WeekDays(), ['tue', 'Sun'], ['Sunday, Tuesday', 'tuesday,sunday', ['Tuesday', 'Sunday']], 'Sunday, Tuesday'),
    (sched.MonthDays(), [15, 1], ['1, 15', '15,01', [15, '1']], '1, 15'),
    (sched.Day(), 'fri', ['Friday', 'FRIDAY', 'fri'], 'Friday'),
    (sched.StartDate(), '2016-04-14 15:40:10+05:30', ['2016-04-14T10:10:00+0000', '2016-04-14T10:10:59Z'],
     '2016-04-14T10:10:00+0000'),
])
def test_every_api_spelling_reads_as_the_option_and_the_option_is_sent_in_api_form(kind, option, api_forms, sent):
    canonical = kind.desired(option)
    assert all(kind.current(form) == canonical for form in api_forms)
    assert kind.to_api(canonical, None, None) == sent


@pytest.mark.parametrize('kind, value, problem', [
    (sched.MonthDays(), [1, 32], '32 is not a day of the month (1..31)'),
    (sched.MonthDays(), [True], 'True is not a day of the month (1..31)'),
    (sched.WeekDays(), ['Mon', 'Funday'], "'Funday' is not a day of the week (Sunday..Saturday or Sun..Sat)"),
    (sched.Day(), 'Funday', "'Funday' is not a day of the week (Sunday..Saturday or Sun..Sat)"),
    (sched.StartTime(), '24:00', "'24:00' is not a time of day; use " + sched.TIME_FORMATS_HINT),
    (sched.StartDate(), '2024-02-30T10:00', "'2024-02-30T10:00' is not a date and time; use " + sched.DATE_FORMATS_HINT),
])
def test_a_kind_names_what_is_wrong_with_an_option_value(kind, value, problem):
    assert kind.problem(value) == problem


def test_an_empty_stored_day_list_reads_as_absent():
    assert sched.WeekDays().current('') is None and sched.MonthDays().current([]) is None


def test_a_start_date_that_does_not_parse_is_refused_naming_the_option():
    with pytest.raises(ValidationError) as caught:
        sched.StartDate().desired('soon')
    assert caught.value.option == 'schedule.start_date'


# ------------------------------------------------------------------------------------------ schedule.start_time

@pytest.mark.parametrize('start_time, utc_time', [
    ('02:00', '02:00Z'), ('2:05Z', '02:05Z'), ('02:00+01:00', '01:00Z'), ('00:30+0100', '23:30Z'), ('23:45-0800', '07:45Z'),
])
def test_start_time_is_managed_as_the_utc_time_of_day(start_time, utc_time):
    desired = desired_state({'name': 'n', 'schedule': {'type': 'never', 'start_time': start_time}})
    assert desired['schedule']['start_time'] == utc_time


def test_a_new_job_starts_at_the_next_occurrence_of_the_start_time():
    later_today = desired_state({'name': 'n', 'job_type': 'antivirus', 'schedule': {'type': 'never', 'start_time': '08:00'}})
    earlier = desired_state({'name': 'n', 'job_type': 'antivirus', 'schedule': {'type': 'never', 'start_time': '06:00'}})
    assert payload(None, later_today, NOW)['schedule']['startDate'] == '2024-05-01T08:00:00+0000'
    assert payload(None, earlier, NOW)['schedule']['startDate'] == '2024-05-02T06:00:00+0000'


def test_start_time_keeps_the_stored_date_and_changes_only_the_time():
    current = copy.deepcopy(NCB_RESPONSE)  # starts 2016-04-14T10:10
    same_time = desired_state({'schedule': {'type': 'daily', 'frequency': 'recurrence', 'repeat_every': 2,
                                            'start_time': '11:10+01:00'}})
    assert changed_paths(same_time, current_state(current)) == []
    new_time = desired_state({'schedule': {'type': 'daily', 'frequency': 'recurrence', 'repeat_every': 2,
                                           'start_time': '03:00Z'}})
    assert changed_paths(new_time, current_state(current)) == ['schedule.start_time']
    assert payload(current, new_time, NOW)['schedule']['startDate'] == '2016-04-14T03:00:00+0000'


def test_the_diff_shows_start_time_in_utc_marked_z_and_an_equal_time_is_no_change():
    stored = {'id': 'x', 'schedule': {'startDate': '2024-01-01T05:30:00+0000', 'pattern': {'type': 'never'}}}
    same = desired_state({'id': 'x', 'schedule': {'type': 'never', 'start_time': '06:30+01:00'}})
    assert changed_paths(same, current_state(stored)) == []
    later = desired_state({'id': 'x', 'schedule': {'type': 'never', 'start_time': '07:00+01:00'}})
    view = diff_view(later, current_state(stored))
    assert (view['before']['schedule']['start_time'], view['after']['schedule']['start_time']) == ('05:30Z', '06:00Z')
    assert payload(stored, later, NOW)['schedule']['startDate'] == '2024-01-01T06:00:00+0000'


# ------------------------------------------------------------------------------------------ nth weekday (§9)

def _monthly_job(day_key):
    return {'id': 'm-1', 'name': 'monthly', 'script': {'jobType': 'antivirus'},
            'schedule': {'startDate': '2024-01-01T00:00:00+0000',
                         'pattern': {'type': 'monthly', 'weekIndex': 'Second', day_key: 'Sunday'}}}


@pytest.mark.parametrize('day_key', ['dayOfWeek', 'dayOfIndex'])
def test_an_update_writes_the_nth_weekday_under_the_stored_key(day_key):
    job = _monthly_job(day_key)
    assert current_state(job)['schedule']['day_of_week'] == 'Sunday'
    renamed = payload(job, desired_state({'id': 'm-1', 'name': 'renamed'}), NOW)
    assert renamed['schedule']['pattern'] == job['schedule']['pattern']
    moved = payload(job, desired_state({'id': 'm-1', 'schedule': {
        'type': 'monthly', 'week_index': 'last', 'day_of_week': 'fri'}}), NOW)
    assert moved['schedule']['pattern'] == {'type': 'monthly', 'weekIndex': 'Last', day_key: 'Friday'}


def test_a_create_writes_day_of_week():
    body = payload(None, desired_state({'name': 'n', 'job_type': 'antivirus', 'schedule': {
        'type': 'monthly', 'week_index': 'second', 'day_of_week': 'Sunday'}}), NOW)
    assert body['schedule']['pattern'] == {'type': 'monthly', 'weekIndex': 'Second', 'dayOfWeek': 'Sunday'}


def test_a_new_schedule_type_drops_the_pattern_fields_of_the_former_one():
    weekly = {'id': 'w', 'schedule': {'startDate': '2024-01-01T00:00:00+0000',
                                      'pattern': {'type': 'weekly', 'weekDays': 'Monday', 'repeatType': 'days'}}}
    daily = desired_state({'id': 'w', 'schedule': {'type': 'daily', 'frequency': 'recurrence', 'repeat_every': 3}})
    assert payload(weekly, daily, NOW)['schedule']['pattern'] == {
        'type': 'daily', 'frequency': 'recurrence', 'repeatFrequency': 3, 'repeatType': 'days'}
    everyday = desired_state({'id': 'w', 'schedule': {'type': 'daily', 'frequency': 'everyday'}})
    recurring = payload(weekly, daily, NOW)
    assert payload(recurring, everyday, NOW)['schedule']['pattern'] == {'type': 'daily', 'frequency': 'everyday'}


@pytest.mark.parametrize('value', ['9999-12-31T23:30-01:00', '0001-01-01T00:30+01:00'])
def test_a_start_date_beyond_the_calendar_in_utc_is_refused_naming_the_option(value):
    assert sched.parse_start_date(value) is None
    with pytest.raises(ValidationError) as info:
        JOBS.validate(dict(name='x', state='present', schedule=dict(type='never', start_date=value)))
    assert info.value.option == 'schedule.start_date' and 'is not a date and time' in info.value.message
