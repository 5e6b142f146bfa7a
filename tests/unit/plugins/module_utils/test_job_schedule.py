# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime

import pytest

from ansible_collections.opsramp.automation.plugins.module_utils import job_schedule as sched

UTC = datetime.timezone.utc


@pytest.mark.parametrize('raw, expected', [('sun', 'Sunday'), (' TUESDAY ', 'Tuesday'), ('Funday', None), ('', None)])
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
    assert sched.is_monthly({'type': 'monthly'}) and not sched.is_weekly({'type': 'monthly'})
