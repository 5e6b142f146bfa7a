# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime

import pytest
from hypothesis import given, strategies as st

from opsramp_simulator import SimConfig
from opsramp_simulator.rewrites import (
    format_start_date, matches_query, normalize_day_of_month, normalize_start_date, normalize_week_days,
    parse_query_string, parse_start_date, read_form, stored_form, validate,
)
from sim_helpers import custom_job, ncb_job


@pytest.mark.parametrize('sent, stored', [
    ('2016-04-14T10:10:10+0000', '2016-04-14T10:10:00+0000'),
    ('2016-04-14T10:10:59Z', '2016-04-14T10:10:00+0000'),
    ('2016-04-14T10:10Z', '2016-04-14T10:10:00+0000'),
    ('2016-04-14T10:10', '2016-04-14T10:10:00+0000'),
    ('2016-04-14T10:10:10.123+0000', '2016-04-14T10:10:00+0000'),
    ('2016-04-14T10:10:10+05:30', '2016-04-14T04:40:00+0000'),
    ('2016-04-14T01:10:10+0530', '2016-04-13T19:40:00+0000'),
    ('2016-04-14T23:50:00-02:00', '2016-04-15T01:50:00+0000'),
    ('2016-12-31T23:59:59-0100', '2017-01-01T00:59:00+0000'),
])
def test_start_date_is_utc_minute_precision(sent, stored):
    assert normalize_start_date(sent) == stored


@pytest.mark.parametrize('bad', ['', 'tomorrow', '2016-13-01T00:00:00Z', '2016-04-14', '2016-04-14T25:00:00Z', '2016-04-14T10:10:10+2500', 1234, None])
def test_unparsable_start_dates(bad):
    assert parse_start_date(bad) is None
    assert normalize_start_date(bad) == bad


@given(st.datetimes(min_value=datetime.datetime(1971, 1, 1), max_value=datetime.datetime(2100, 1, 1)),
       st.integers(min_value=-12 * 60, max_value=14 * 60))
def test_start_date_roundtrip_any_offset(moment, offset_minutes):
    zone = datetime.timezone(datetime.timedelta(minutes=offset_minutes))
    local = moment.replace(tzinfo=zone)
    sign = '+' if offset_minutes >= 0 else '-'
    text = local.strftime('%Y-%m-%dT%H:%M:%S') + '%s%02d:%02d' % (sign, abs(offset_minutes) // 60, abs(offset_minutes) % 60)
    stored = normalize_start_date(text)
    expected = local.astimezone(datetime.timezone.utc).replace(second=0, microsecond=0)
    assert stored == format_start_date(expected)
    assert stored.endswith(':00+0000')
    assert normalize_start_date(stored) == stored   # idempotent


def test_week_days_styles():
    sent = 'saturday,Sunday, Tuesday,THURSDAY, sunday'
    assert normalize_week_days(sent, 'canonical') == 'Sunday, Tuesday, Thursday, Saturday'
    assert normalize_week_days(sent, 'compact') == 'Sunday,Tuesday,Thursday,Saturday'
    assert normalize_week_days(sent, 'as_sent') == sent
    assert normalize_week_days(['Friday', 'Monday'], 'canonical') == 'Monday, Friday'


def test_day_of_month_styles():
    assert normalize_day_of_month('5, 1,03, 31, 5', 'canonical') == '1, 3, 5, 31'
    assert normalize_day_of_month('5, 1,03', 'compact') == '1,3,5'
    assert normalize_day_of_month(15, 'canonical') == '15'
    assert normalize_day_of_month('5, 1', 'as_sent') == '5, 1'


def test_stored_form_coercions_ncb():
    stored = stored_form(ncb_job(credentialSet={'uniqueId': 'cs-1'}), SimConfig())
    assert stored['jobQueued'] is True
    assert stored['schedule'] == {'startDate': '2016-04-14T10:10:00+0000',
                                  'pattern': {'type': 'daily', 'frequency': 'recurrence', 'repeatType': 'days', 'repeatFrequency': 2}}
    params = stored['script']['configParams']
    assert params['versionsSaved'] == 'ALL_VERSIONS'
    assert params['backUpTrigger'] is True and params['runtimeConfigAlert'] is False
    assert stored['script']['jobType'] == 'networkconfigbackup'
    assert stored['credentialSet'] == {'uniqueId': 'cs-1'}      # unknown top-level keys kept
    assert stored['entities'][0] == {'resource': {'id': '709824de-8315-4cf9-ad1c-b15aaf7bf2a5', 'type': 'DEVICE'}}


def test_stored_form_does_not_mutate_input():
    job = ncb_job()
    stored_form(job, SimConfig())
    assert job == ncb_job()


def test_stored_form_custom_and_appinstall():
    stored = stored_form(custom_job(), SimConfig())
    assert 'jobType' not in stored['script']
    assert stored['script']['customScript'] == {'id': 7}
    assert stored['script']['parameters'] == [{'paramId': 2, 'value': '150'}]   # value stays a string
    assert stored['script']['userType'] == 2
    assert stored['schedule'] == {'startDate': '2024-01-01T21:34:00+0000', 'pattern': {'type': 'run once'}}

    keep = stored_form(custom_job(), SimConfig(custom_without_job_type=False, numeric_ids_as_int=False))
    assert keep['script']['jobType'] == 'custom'
    assert keep['script']['customScript'] == {'id': '7'}
    assert keep['script']['parameters'][0]['paramId'] == '2'

    app = stored_form({'name': 'a', 'script': {'jobType': 'appinstall', 'approvalType': {
        'approvalType': '1', 'alertRequired': 'TRUE', 'approvalReason': 'r'}}}, SimConfig())
    assert app['script']['approvalType'] == {'approvalType': 1, 'alertRequired': True, 'approvalReason': 'r'}


@pytest.mark.parametrize('field', ['dayOfWeek', 'dayOfIndex'])
@pytest.mark.parametrize('target', ['dayOfWeek', 'dayOfIndex'])
def test_monthly_day_of_week_field(field, target):
    pattern = {'type': 'Monthly', 'weekIndex': 'second', field: 'sunday'}
    stored = stored_form({'schedule': {'pattern': pattern}}, SimConfig(day_of_week_field=target))
    assert stored['schedule']['pattern'] == {'type': 'monthly', 'weekIndex': 'Second', target: 'Sunday'}


def test_read_form_entities_enriched_and_reordered():
    stored = stored_form(ncb_job(), SimConfig())
    ids = [e['resource']['id'] for e in stored['entities']]
    out = read_form(stored, SimConfig(), 'get', tenant='client_9')
    assert [e['resource']['id'] for e in out['entities']] == ids[::-1]
    resource = out['entities'][0]['resource']
    assert resource['clientUniqueId'] == 'client_9' and resource['type'] == 'DEVICE'
    assert set(resource['generalInfo']) == {'hostName', 'ipAddresses', 'resourceName', 'aliasName', 'resourceType'}
    assert read_form(stored, SimConfig())['entities'][0]['resource']['clientUniqueId'] == 'client_1'
    assert [e['resource']['id'] for e in read_form(stored, SimConfig(entity_order='as_sent'))['entities']] == ids
    assert [e['resource']['id'] for e in read_form(stored, SimConfig(entity_order='sorted'))['entities']] == sorted(ids)
    assert stored['entities'][0]['resource'] == {'id': ids[0], 'type': 'DEVICE'}   # read_form is pure


def test_read_form_custom_and_search_view():
    stored = stored_form(custom_job(), SimConfig())
    out = read_form(stored, SimConfig())
    custom = out['script']['customScript']
    assert custom['id'] == 7 and custom['name'] and custom['description'] and custom['platforms'] == ['WINDOWS']
    assert out['script']['parameters'] == [{'paramId': 2, 'value': '150', 'name': 'Parameter 2'}]
    found = read_form(stored, SimConfig(), 'search')
    assert 'entities' not in found and 'parameters' not in found['script']
    ncb = read_form(stored_form(ncb_job(), SimConfig()), SimConfig(), 'search')
    assert 'entities' not in ncb and 'configParams' in ncb['script']


def test_read_form_booleans_as_strings():
    out = read_form(stored_form(ncb_job(), SimConfig()), SimConfig(booleans_as_strings=True))
    assert out['jobQueued'] == 'true'
    assert out['schedule']['pattern']['repeatFrequency'] == '2'
    assert out['script']['configParams']['runtimeConfigAlert'] == 'false'


def test_validate():
    assert validate(ncb_job()) == []
    assert validate(custom_job()) == []
    assert validate({'name': 'x', 'script': {'jobType': 'adCheckList'}, 'schedule': {'pattern': {'type': 'never'}}}) == []
    fields = {e['fieldName'] for e in validate({'schedule': {'startDate': 'soon', 'pattern': {'type': 'hourly'}}})}
    assert fields == {'name', 'script', 'schedule.startDate', 'schedule.pattern.type'}
    assert validate({'script': {'jobType': 'adCheckList'}}, creating=False) == []
    assert validate([1, 2])[0]['code'] == '0001'
    assert all(e['code'] == '0002' for e in validate({}))


def test_query_string():
    assert parse_query_string('name:Backup+jobType:custom') == [('name', 'Backup'), ('jobType', 'custom')]
    job = {'id': 'a1', 'name': 'Nightly BACKUP job', 'script': {'customScript': {'id': 1}}}
    assert matches_query(job, parse_query_string('name:backup'))
    assert not matches_query(job, parse_query_string('name:restore'))
    assert matches_query(job, parse_query_string('jobType:custom+id:a1'))
    assert matches_query(job, parse_query_string('unknownField:x'))


# ---------------------------------------------------------------- credential sets, macros, unknown keys (api-behaviour §6, §9, §11, §12)

def _custom_with_macro():
    return {'name': 'm', 'credentialSet': {'uniqueId': 'cs-1', 'name': 'sent back'},
            'entities': [{'resource': {'id': 'd1', 'type': 'DEVICE', 'rack': 'r2', 'generalInfo': {}, 'clientUniqueId': 'c'},
                          'note': 'kept'}],
            'script': {'customScript': {'id': '7'},
                       'parameters': [{'paramId': '3', 'itopMacro': {'id': '12', 'name': 'sent back'}, 'name': 'x'}]},
            'schedule': {'startDate': '2024-01-01T00:00Z', 'pattern': {'type': 'never'}}}


def test_macro_parameters_and_credential_sets_are_stored_without_their_read_only_names():
    stored = stored_form(_custom_with_macro(), SimConfig())
    assert stored['credentialSet'] == {'uniqueId': 'cs-1'}
    assert stored['script']['parameters'] == [{'paramId': 3, 'itopMacro': {'id': 12}}]
    assert stored['entities'] == [{'resource': {'id': 'd1', 'type': 'DEVICE', 'rack': 'r2'}, 'note': 'kept'}]


@pytest.mark.parametrize('knob, value', [('absent', 'missing'), ('null', None)])
def test_macro_parameters_are_read_with_a_name_and_no_value_or_null(knob, value):
    config = SimConfig(macro_parameter_value=knob)
    read = read_form(stored_form(_custom_with_macro(), config), config)
    assert read['credentialSet'] == {'uniqueId': 'cs-1', 'name': 'Credential set cs-1'}
    parameter = read['script']['parameters'][0]
    assert parameter['itopMacro'] == {'id': 12, 'name': 'Macro 12'}
    assert parameter.get('value', 'missing') == value


@pytest.mark.parametrize('sent_key', ['dayOfWeek', 'dayOfIndex'])
def test_the_nth_weekday_is_stored_under_the_key_sent_when_asked(sent_key):
    job = {'name': 'm', 'schedule': {'pattern': {'type': 'monthly', 'weekIndex': 'second', sent_key: 'sunday'}}}
    assert stored_form(job, SimConfig(day_of_week_field='as_sent'))['schedule']['pattern'] == {
        'type': 'monthly', 'weekIndex': 'Second', sent_key: 'Sunday'}
    assert stored_form(job, SimConfig(day_of_week_field='dayOfIndex'))['schedule']['pattern'] == {
        'type': 'monthly', 'weekIndex': 'Second', 'dayOfIndex': 'Sunday'}
