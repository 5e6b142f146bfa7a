# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Schedules: days of the week and of the month, start dates and times, the kinds of the schedule's fields, and
which pattern fields a schedule type takes.

Start dates are compared in UTC at minute precision, the form OpsRamp stores (api-behaviour §7).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
import re

from ansible_collections.opsramp.automation.plugins.module_utils._engine.kinds import Kind
from ansible_collections.opsramp.automation.plugins.module_utils._engine.values import read_int, split_items, text
from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import ValidationError

DAYS = ('Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday')

# Option value -> API value. The keys are the options' choices (the Choice kinds of the job table).
SCHEDULE_TYPES = {'daily': 'daily', 'weekly': 'weekly', 'monthly': 'monthly', 'run_once': 'run once', 'never': 'never'}
FREQUENCIES = {'everyday': 'everyday', 'every_weekday': 'every weekday', 'recurrence': 'recurrence'}
WEEK_INDEXES = {'first': 'First', 'second': 'Second', 'third': 'Third', 'fourth': 'Fourth', 'last': 'Last'}

DATE_FORMATS_HINT = ('YYYY-MM-DDTHH:MM or YYYY-MM-DDTHH:MM:SS, optionally followed by Z or an offset such as +0000, '
                     '+05:30 or -0800 (no offset means UTC), for example 2024-05-01T06:30:00+0000')
TIME_FORMATS_HINT = 'HH:MM, optionally followed by Z or an offset such as +01:00 or -0800 (no offset means UTC)'
_TIME_RE = re.compile(r'^(\d{1,2}):(\d{2})\s*(Z|[+-]\d{2}(?::?\d{2})?)?$', re.IGNORECASE)
_DATE_RE = re.compile(
    r'^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$', re.IGNORECASE)


# ---------------------------------------------------------------------------------------------------- days

def day_name(value):
    """'sun', ' TUESDAY ' -> 'Sunday', 'Tuesday'; None when it is not a day of the week."""
    key = re.sub(r'\s+', '', text(value)).lower()
    for day in DAYS:
        if key in (day.lower(), day[:3].lower()):
            return day
    return None


def _day_sort_key(day):
    return (DAYS.index(day), '') if day in DAYS else (len(DAYS), text(day))


def _month_day_sort_key(day):
    return (0, day, '') if isinstance(day, int) else (1, 0, text(day))


def canonical_week_days(values):
    """Week days as a sorted set of full names (unknown spellings kept, so they compare as different)."""
    days = set(day_name(value) or text(value) for value in split_items(values))
    return sorted(days, key=_day_sort_key)


def canonical_days_of_month(values):
    days = set(read_int(value) for value in split_items(values))
    return sorted(days, key=_month_day_sort_key)


# ---------------------------------------------------------------------------------------------------- dates

def parse_start_date(value):
    """An aware UTC datetime for a start date in any accepted form, or None when it does not parse."""
    match = _DATE_RE.match(text(value).strip())
    if not match:
        return None
    year, month, day, hour, minute, second, zone = match.groups()
    try:
        moment = datetime.datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0),
                                   tzinfo=_zone(zone))
        return moment.astimezone(datetime.timezone.utc)
    except (ValueError, OverflowError):  # out of range, or beyond year 1..9999 once in UTC
        return None


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
    match = _TIME_RE.match(text(value).strip())
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
    hour, minute = (int(part) for part in start_time[:5].split(':'))
    base = parse_start_date(current_start_date) if current_start_date else None
    if base is not None:
        return format_start_date(base.replace(hour=hour, minute=minute, second=0, microsecond=0))
    now = utc(now)
    moment = now.replace(hour=hour, minute=minute, second=0, microsecond=0)
    if moment < now.replace(second=0, microsecond=0):
        moment += datetime.timedelta(days=1)
    return format_start_date(moment)


def utc(now):
    """``now`` as an aware UTC datetime (naive means UTC), or the current time when None."""
    if now is None:
        return datetime.datetime.now(datetime.timezone.utc)
    if now.tzinfo is None:
        return now.replace(tzinfo=datetime.timezone.utc)
    return now.astimezone(datetime.timezone.utc)


def format_start_date(moment):
    """The form OpsRamp stores: UTC, seconds dropped, '+0000' (api-behaviour §7)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.timezone.utc)
    return moment.astimezone(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M') + ':00+0000'


def canonical_start_date(value):
    """A start date, canonical when it parses, else unchanged (so it compares as different)."""
    moment = parse_start_date(value)
    return format_start_date(moment) if moment is not None else value


def start_time_of(start_date):
    """The UTC time of day of a stored start date, or None when it does not parse."""
    moment = parse_start_date(start_date)
    return format_start_date(moment)[11:16] if moment is not None else None


def now_start_date(now):
    return format_start_date(utc(now))


# ---------------------------------------------------------------------------------------------------- patterns
# Which pattern fields a schedule type takes. ``schedule`` holds option values (type, frequency); the monthly
# variants (days of the month, or week index with day of week) are both read; validation lets a task give only one.

def is_daily(schedule):
    return schedule.get('type') == 'daily'


def is_daily_recurrence(schedule):
    return schedule.get('type') == 'daily' and schedule.get('frequency') == 'recurrence'


def is_weekly(schedule):
    return schedule.get('type') == 'weekly'


def is_monthly(schedule):
    return schedule.get('type') == 'monthly'


# ---------------------------------------------------------------------------------------------------- kinds

class WeekDays(Kind):
    """A set of days of the week, sent as "Sunday, Tuesday" (api-behaviour §7)."""
    spec = dict(type='list', elements='str')

    def desired(self, value):
        return canonical_week_days(value)

    def current(self, raw):
        return canonical_week_days(raw) or None

    def to_api(self, value, stored, now):
        return ', '.join(value)

    def problem(self, value):
        bad = [day for day in value if day_name(day) is None]
        return '%r is not a day of the week (Sunday..Saturday or Sun..Sat)' % (bad[0],) if bad else None


class MonthDays(Kind):
    """A set of days of the month, sent as "1, 15" (api-behaviour §7)."""
    spec = dict(type='list', elements='int')

    def desired(self, value):
        return canonical_days_of_month(value)

    def current(self, raw):
        return canonical_days_of_month(raw) or None

    def to_api(self, value, stored, now):
        return ', '.join(text(day) for day in value)

    def problem(self, value):
        bad = [day for day in value if isinstance(day, bool) or not isinstance(day, int) or not 1 <= day <= 31]
        return '%r is not a day of the month (1..31)' % (bad[0],) if bad else None


class Day(Kind):
    """One day of the week, full name or three letters, any case."""

    def desired(self, value):
        return day_name(value) or value

    def current(self, raw):
        return day_name(raw) or text(raw)

    def problem(self, value):
        return None if day_name(value) else '%r is not a day of the week (Sunday..Saturday or Sun..Sat)' % (value,)


class StartDate(Kind):
    """A date and time, compared in UTC at minute precision (api-behaviour §7)."""

    def desired(self, value):
        moment = parse_start_date(value)
        if moment is None:
            raise ValidationError('schedule.start_date: %s' % self.problem(value), option='schedule.start_date')
        return format_start_date(moment)

    def current(self, raw):
        return canonical_start_date(raw)

    def problem(self, value):
        if parse_start_date(value) is not None:
            return None
        return '%r is not a date and time; use %s' % (value, DATE_FORMATS_HINT)


class StartTime(Kind):
    """The UTC time of day of the start date, shown as '05:30Z' so no diff reads as local time; setting it keeps the
    stored date."""

    def desired(self, value):
        time_of_day = parse_start_time(value)
        return time_of_day + 'Z' if time_of_day else None

    def current(self, raw):
        time_of_day = start_time_of(raw)
        return time_of_day + 'Z' if time_of_day else None

    def to_api(self, value, stored, now):
        return start_date_at_time(value, stored, now)

    def problem(self, value):
        if parse_start_time(value) is not None:
            return None
        return '%r is not a time of day; use %s' % (value, TIME_FORMATS_HINT)
