# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Checks of a task's job options (``_jobs/validation.py``): each bad option fails naming it, and opsramp_job's flow
(``ensure(JOBS, ...)``) fails on it before it sends a single request."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

import pytest

from ansible_collections.opsramp.automation.tests.unit.plugins.module_utils._engine.engine_support import FakeClient, search
from ansible_collections.opsramp.automation.tests.unit.plugins.module_utils._jobs.job_support import NCB_RESPONSE, with_options

from ansible_collections.opsramp.automation.plugins.module_utils._engine.ensure import ensure
from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import ValidationError
from ansible_collections.opsramp.automation.plugins.module_utils._jobs.adapter import JOBS
from ansible_collections.opsramp.automation.plugins.module_utils._jobs.validation import (
    check_type_options, required_for_create, validate_job_params)


def _ncb(**overrides):
    params = {'name': 'n', 'job_type': 'networkconfigbackup'}
    params.update(overrides)
    return params


def _message(params):
    with pytest.raises(ValidationError) as caught:
        validate_job_params(params)
    return caught.value.message


BAD_OPTIONS = [
    ('no-name-no-id', {'job_type': 'adCheckList'}, 'name'),
    ('blank-name', {'name': '  '}, 'name'),
    ('blank-id', {'id': ''}, 'id'),
    ('blank-job-type', {'name': 'n', 'job_type': ''}, 'job_type'),
    ('blank-credential-set', {'id': 'x', 'credential_set': ' '}, 'credential_set'),
    ('empty-entity-id', {'name': 'n', 'entities': [{'id': 'a'}, {'id': ' '}]}, 'entities[1].id'),
    ('empty-entity-type', {'name': 'n', 'entities': [{'id': 'a', 'type': ''}]}, 'entities[0].type'),
    ('entity-two-forms', {'name': 'n', 'entities': [{'id': 'a', 'name': 'b'}]}, 'entities[0]'),
    ('entity-no-form', {'name': 'n', 'entities': [{'id': 'a'}, {'type': 'DEVICE'}]}, 'entities[1]'),
    ('bad-schedule-type', {'name': 'n', 'schedule': {'type': 'hourly'}}, 'schedule.type'),
    ('schedule-without-type', {'name': 'n', 'schedule': {'start_date': '2024-01-01T00:00'}}, 'schedule.type'),
    ('weekly-without-week-days', {'name': 'n', 'schedule': {'type': 'weekly'}}, 'schedule.week_days'),
    ('weekly-with-empty-week-days', {'name': 'n', 'schedule': {'type': 'weekly', 'week_days': []}}, 'schedule.week_days'),
    ('unknown-week-day', {'name': 'n', 'schedule': {'type': 'weekly', 'week_days': ['Monday', 'Funday']}},
     'schedule.week_days'),
    ('week-days-on-daily', {'name': 'n', 'schedule': {'type': 'daily', 'frequency': 'everyday', 'week_days': ['Monday']}},
     'schedule.week_days'),
    ('monthly-with-neither', {'name': 'n', 'schedule': {'type': 'monthly'}}, 'schedule.days_of_month'),
    ('monthly-with-both', {'name': 'n', 'schedule': {'type': 'monthly', 'days_of_month': [1], 'week_index': 'first',
                                                     'day_of_week': 'Monday'}}, 'schedule.days_of_month'),
    ('week-index-without-day', {'name': 'n', 'schedule': {'type': 'monthly', 'week_index': 'first'}}, 'schedule.day_of_week'),
    ('day-without-week-index', {'name': 'n', 'schedule': {'type': 'monthly', 'day_of_week': 'Monday'}}, 'schedule.week_index'),
    ('unknown-day-of-week', {'name': 'n', 'schedule': {'type': 'monthly', 'week_index': 'first', 'day_of_week': 'Funday'}},
     'schedule.day_of_week'),
    ('day-of-month-0', {'name': 'n', 'schedule': {'type': 'monthly', 'days_of_month': [1, 0]}}, 'schedule.days_of_month'),
    ('day-of-month-32', {'name': 'n', 'schedule': {'type': 'monthly', 'days_of_month': [32]}}, 'schedule.days_of_month'),
    ('days-of-month-on-weekly', {'name': 'n', 'schedule': {'type': 'weekly', 'week_days': ['Mon'], 'days_of_month': [1]}},
     'schedule.days_of_month'),
    ('week-index-on-daily', {'name': 'n', 'schedule': {'type': 'daily', 'frequency': 'everyday', 'week_index': 'last'}},
     'schedule.week_index'),
    ('daily-without-frequency', {'name': 'n', 'schedule': {'type': 'daily'}}, 'schedule.frequency'),
    ('frequency-on-weekly', {'name': 'n', 'schedule': {'type': 'weekly', 'week_days': ['Mon'], 'frequency': 'everyday'}},
     'schedule.frequency'),
    ('frequency-on-never', {'name': 'n', 'schedule': {'type': 'never', 'frequency': 'recurrence'}}, 'schedule.frequency'),
    ('recurrence-without-repeat-every', {'name': 'n', 'schedule': {'type': 'daily', 'frequency': 'recurrence'}},
     'schedule.repeat_every'),
    ('repeat-every-without-recurrence',
     {'name': 'n', 'schedule': {'type': 'daily', 'frequency': 'everyday', 'repeat_every': 2}}, 'schedule.repeat_every'),
    ('repeat-every-0', {'name': 'n', 'schedule': {'type': 'daily', 'frequency': 'recurrence', 'repeat_every': 0}},
     'schedule.repeat_every'),
    ('repeat-every-on-weekly', {'name': 'n', 'schedule': {'type': 'weekly', 'week_days': ['Mon'], 'repeat_every': 1}},
     'schedule.repeat_every'),
    ('start-date-words', {'name': 'n', 'schedule': {'type': 'never', 'start_date': 'tomorrow'}}, 'schedule.start_date'),
    ('start-date-month-13', {'name': 'n', 'schedule': {'type': 'never', 'start_date': '2024-13-01T10:00'}},
     'schedule.start_date'),
    ('start-date-date-only', {'name': 'n', 'schedule': {'type': 'never', 'start_date': '2024-01-01'}}, 'schedule.start_date'),
    ('start-date-bad-offset', {'name': 'n', 'schedule': {'type': 'never', 'start_date': '2024-01-01T10:00+25:00'}},
     'schedule.start_date'),
    ('start-time-hour-25', {'name': 'n', 'schedule': {'type': 'never', 'start_time': '25:00'}}, 'schedule.start_time'),
    ('start-time-words', {'name': 'n', 'schedule': {'type': 'never', 'start_time': '2pm'}}, 'schedule.start_time'),
    ('start-date-and-start-time',
     {'name': 'n', 'schedule': {'type': 'never', 'start_time': '02:00', 'start_date': '2024-01-01T02:00Z'}},
     'schedule.start_time'),
    ('network-backup-on-other-type', _ncb(job_type='adCheckList', network_backup={'backup_on_trap': True}), 'network_backup'),
    ('app-install-on-ncb', _ncb(app_install={'alert': True}), 'app_install'),
    ('custom-script-on-appinstall', _ncb(job_type='appinstall', custom_script={'id': '7'}), 'custom_script'),
    ('blank-custom-script-id', _ncb(job_type='custom', custom_script={'id': ''}), 'custom_script.id'),
    ('duplicate-parameter-ids', _ncb(job_type='custom', custom_script={'id': '7', 'parameters': [
        {'id': '2', 'value': 'a'}, {'id': '3'}, {'id': '2', 'value': 'b'}]}), 'custom_script.parameters'),
    ('empty-parameter-id', _ncb(job_type='custom', custom_script={'parameters': [{'id': ''}]}),
     'custom_script.parameters[0].id'),
    ('parameter-value-and-macro', _ncb(job_type='custom', custom_script={'id': '7', 'parameters': [
        {'id': '1', 'value': 'ok'}, {'id': '2', 'value': 'x', 'macro': '5'}]}), 'custom_script.parameters[1]'),
    ('parameter-neither', _ncb(job_type='custom', custom_script={'id': '7', 'parameters': [{'id': '2'}]}),
     'custom_script.parameters[0]'),
    ('parameter-blank-macro', _ncb(job_type='custom', custom_script={'id': '7', 'parameters': [{'id': '2', 'macro': ' '}]}),
     'custom_script.parameters[0].macro'),
]

# Rows Ansible's own argument validation already refuses; validate_job_params must refuse them too when called directly.
REFUSED_BY_ARGSPEC = ('bad-schedule-type', 'schedule-without-type')


@pytest.mark.parametrize('label, raw, option', BAD_OPTIONS, ids=[row[0] for row in BAD_OPTIONS])
def test_bad_options_are_refused_naming_the_option(label, raw, option):
    params = raw if label in REFUSED_BY_ARGSPEC else with_options(raw)
    with pytest.raises(ValidationError) as caught:
        validate_job_params(params)
    assert caught.value.option == option
    assert caught.value.message.startswith(option + ': ')


@pytest.mark.parametrize('label, raw, option', [row for row in BAD_OPTIONS if row[0] not in REFUSED_BY_ARGSPEC],
                         ids=[row[0] for row in BAD_OPTIONS if row[0] not in REFUSED_BY_ARGSPEC])
@pytest.mark.parametrize('exists', [False, True], ids=['new', 'existing'])
def test_opsramp_job_refuses_each_bad_option_before_any_request(label, raw, option, exists):
    """opsramp_job's flow, against a client that records every request: not one is sent, not even the lookup, whether
    or not the job exists. The entity named by name would otherwise cost a resource search first."""
    stored = dict(NCB_RESPONSE, name='n')
    client = FakeClient(jobs=[stored] if exists else [], resources=[{'id': 'sw-1', 'resourceName': 'core-sw-01'}])
    raw = dict(raw, entities=raw.get('entities', [{'name': 'core-sw-01'}]))
    with pytest.raises(ValidationError) as caught:
        ensure(JOBS, client, with_options(raw))
    assert caught.value.option == option, label
    assert client.requests == []
    assert client.objects('jobs') == ([stored] if exists else [])


def test_a_rule_that_needs_the_stored_job_fails_after_the_lookup_and_before_any_write():
    client = FakeClient(jobs=[dict(NCB_RESPONSE, name='n', script={'jobType': 'antivirus'})])
    with pytest.raises(ValidationError) as caught:
        ensure(JOBS, client, with_options({'name': 'n', 'network_backup': {'backup_on_trap': True}}))
    assert caught.value.option == 'network_backup'
    assert client.requests == [search('jobs', queryString='name:n'), ('GET', '/jobs/' + NCB_RESPONSE['id'], None)]


def test_a_job_that_cannot_be_created_fails_after_the_lookup_and_before_any_write():
    client = FakeClient()
    with pytest.raises(ValidationError) as caught:
        ensure(JOBS, client, with_options({'name': 'n', 'job_type': 'custom', 'schedule': {'type': 'never'}}))
    assert caught.value.option == 'custom_script.id'
    assert client.requests == [search('jobs', queryString='name:n')]


@pytest.mark.parametrize('raw, message', [
    ({'name': 'n', 'schedule': {'type': 'weekly', 'week_days': ['Funday']}},
     "schedule.week_days: 'Funday' is not a day of the week (Sunday..Saturday or Sun..Sat)"),
    ({'name': 'n', 'schedule': {'type': 'monthly', 'days_of_month': [32]}},
     'schedule.days_of_month: 32 is not a day of the month (1..31)'),
    ({'name': 'n', 'job_type': 'adCheckList', 'network_backup': {}},
     'network_backup: applies only to jobs of job_type networkconfigbackup, and this job_type is adCheckList'),
    ({'name': 'n', 'schedule': {'type': 'never', 'start_time': '02:00', 'start_date': '2024-01-01T02:00Z'}},
     'schedule.start_time: give either schedule.start_date or schedule.start_time, not both'),
])
def test_messages(raw, message):
    with pytest.raises(ValidationError, match='^%s$' % re.escape(message)):
        validate_job_params(with_options(raw))


def test_start_date_message_names_the_accepted_formats():
    with pytest.raises(ValidationError) as caught:
        validate_job_params(with_options({'name': 'n', 'schedule': {'type': 'never', 'start_date': '01/05/2024'}}))
    for form in ('YYYY-MM-DDTHH:MM', 'YYYY-MM-DDTHH:MM:SS', 'Z', '+0000', '+05:30', 'UTC'):
        assert form in caught.value.message


def test_messages_never_include_a_parameter_value():
    raw = _ncb(job_type='custom', custom_script={'id': '7', 'parameters': [
        {'id': '2', 'value': 'hunter2', 'sensitive': True}, {'id': '2', 'value': 'hunter3', 'sensitive': True}]})
    with pytest.raises(ValidationError) as caught:
        validate_job_params(with_options(raw))
    assert 'hunter' not in caught.value.message


@pytest.mark.parametrize('parameter, problem', [
    ({'id': '2'}, "custom_script.parameters[1]: parameter '2' needs exactly one of value and macro, not neither"),
    ({'id': '2', 'value': 'x', 'macro': '5'},
     "custom_script.parameters[1]: parameter '2' needs exactly one of value and macro, not both"),
    ({'id': '2', 'macro': ' '}, 'custom_script.parameters[1].macro: must not be empty'),
])
def test_a_parameter_needs_exactly_one_of_value_and_macro(parameter, problem):
    params = with_options({'name': 'n', 'job_type': 'custom', 'custom_script': {'id': '7', 'parameters': [
        {'id': '1', 'value': 'ok'}, parameter]}})
    with pytest.raises(ValidationError) as caught:
        validate_job_params(params)
    assert caught.value.message == problem


def test_parameter_checks_come_in_order_id_then_duplicates_then_value_or_macro():
    def custom(*parameters):
        return {'name': 'n', 'job_type': 'custom', 'custom_script': {'id': '7', 'parameters': list(parameters)}}
    assert _message(custom({'id': ''}, {'id': '2'})) == 'custom_script.parameters[0].id: must not be empty'
    assert _message(custom({'id': '2'}, {'id': '2', 'value': 'b'})).startswith('custom_script.parameters: parameter id')
    assert _message(custom({'id': '2', 'value': 'a'}, {'id': '3', 'value': None, 'macro': None})) == (
        "custom_script.parameters[1]: parameter '3' needs exactly one of value and macro, not neither")


@pytest.mark.parametrize('schedule, message', [
    ({'type': 'monthly'}, 'schedule.days_of_month: a monthly schedule needs days_of_month, or week_index with day_of_week'),
    ({'type': 'monthly', 'days_of_month': [1], 'week_index': 'first', 'day_of_week': 'Monday'},
     'schedule.days_of_month: give either days_of_month or week_index with day_of_week, not both'),
    ({'type': 'weekly', 'week_days': ['Mon'], 'frequency': 'everyday'},
     'schedule.frequency: applies only to schedule.type daily, not weekly'),
])
def test_monthly_and_cross_type_rules(schedule, message):
    assert _message({'name': 'n', 'schedule': schedule}) == message


@pytest.mark.parametrize('raw', [
    {'id': '4902d87c'},
    {'name': 'n', 'job_type': 'adCheckList', 'entities': [{'id': 'a'}], 'queued': True},
    {'name': 'n', 'entities': [{'name': 'sw-1'}, {'host_name': 'sw-2.example.com'}, {'ip_address': '10.0.0.1'}]},
    {'name': 'n', 'schedule': {'type': 'weekly', 'week_days': ['sun', ' TUESDAY ', 'Sat urday', 'wed']}},
    {'name': 'n', 'schedule': {'type': 'daily', 'frequency': 'recurrence', 'repeat_every': 1, 'start_date': '2024-05-01 06:30'}},
    {'name': 'n', 'schedule': {'type': 'daily', 'frequency': 'everyday', 'start_date': '2024-05-01T06:30:15-0800'}},
    {'name': 'n', 'schedule': {'type': 'monthly', 'days_of_month': [1, 31], 'week_days': []}},
    {'name': 'n', 'schedule': {'type': 'monthly', 'week_index': 'fourth', 'day_of_week': 'thu'}},
    {'name': 'n', 'schedule': {'type': 'never', 'start_date': '2024-05-01T06:30:00Z'}},
    {'name': 'n', 'schedule': {'type': 'never', 'start_time': '23:45-0800'}},
    {'name': 'n', 'schedule': {'type': 'run_once', 'start_date': '2024-05-01T06:30:00.123+05:30'}},
    _ncb(network_backup={'versions_saved': 'all_versions'}),
    _ncb(job_type='APPINSTALL', app_install={'approval': 'manual'}),
    _ncb(job_type='custom', custom_script={'id': '7', 'parameters': [{'id': '1', 'value': ''},
                                                                     {'id': '2', 'value': 's', 'sensitive': True},
                                                                     {'id': '3', 'macro': '12'}]}),
    {'name': 'n', 'network_backup': {'backup_on_trap': True}},  # job type unknown yet: checked after lookup
])
def test_good_options_pass(raw):
    validate_job_params(with_options(raw))


def test_absent_checks_only_the_identity():
    validate_job_params(dict(with_options({'name': 'n', 'schedule': {'type': 'weekly'}}), state='absent'))
    validate_job_params({'name': 'n', 'schedule': {'type': 'hourly'}, 'state': 'absent'})
    with pytest.raises(ValidationError) as caught:
        validate_job_params(dict(with_options({'schedule': {'type': 'weekly'}}), state='absent'))
    assert caught.value.option == 'name'
    assert _message({'name': ' ', 'schedule': None, 'state': 'absent'}) == 'name: must not be empty'
    assert _message({'name': ' ', 'schedule': None}) == 'name: must not be empty'


@pytest.mark.parametrize('raw, option', [
    ({'name': 'n', 'job_type': 'adCheckList', 'schedule': {'type': 'never'}}, None),
    ({'id': 'x'}, 'name, job_type, schedule'),
    ({'name': 'n', 'schedule': {'type': 'never'}}, 'job_type'),
    ({'name': 'n', 'job_type': 'adCheckList'}, 'schedule'),
    ({'name': 'n', 'job_type': 'custom', 'schedule': {'type': 'never'}}, 'custom_script.id'),
    ({'name': 'n', 'job_type': 'Custom', 'schedule': {'type': 'never'}, 'custom_script': {'user_type': 'system'}},
     'custom_script.id'),
    ({'name': 'n', 'job_type': 'custom', 'schedule': {'type': 'never'}, 'custom_script': {'id': '7'}}, None),
])
def test_required_for_create(raw, option):
    if option is None:
        required_for_create(with_options(raw))
        return
    with pytest.raises(ValidationError) as caught:
        required_for_create(with_options(raw))
    assert caught.value.option == option
    assert caught.value.message.startswith(option + ': ')


@pytest.mark.parametrize('desired, current, option', [
    ({'network_backup': {'backup_on_trap': True}}, {'job_type': 'adCheckList'}, 'network_backup'),
    ({'network_backup': {'backup_on_trap': True}}, {'job_type': 'networkconfigbackup'}, None),
    ({'network_backup': {}, 'job_type': 'adCheckList'}, {'job_type': 'networkconfigbackup'}, 'network_backup'),
    ({'app_install': {'alert': True}}, {'job_type': 'custom'}, 'app_install'),
    ({'custom_script': {'id': '7'}}, {'job_type': 'custom'}, None),
    ({'custom_script': {'id': '7'}}, None, None),
    ({'app_install': {'alert': True}}, None, None),
    ({'job_type': 'custom'}, {'job_type': 'adCheckList'}, 'custom_script.id'),
    ({'job_type': 'custom', 'custom_script': {'id': '8'}}, {'job_type': 'adCheckList'}, None),
    ({'job_type': 'custom'}, {'job_type': 'custom'}, None),
])
def test_check_type_options(desired, current, option):
    if option is None:
        check_type_options(desired, current)
        return
    with pytest.raises(ValidationError) as caught:
        check_type_options(desired, current)
    assert caught.value.option == option
