# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The field table: the seed's samples, credential sets, macro-bound parameters, the nth weekday, entity types, and
nothing unmanaged lost by an update (docs/api-behaviour.md §3, §6, §9 to §12)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import json
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_job_model import NOW, _created, _sim_configs, echo, updates, with_options

from ansible_collections.opsramp.automation.plugins.module_utils import job_fields, job_model
from ansible_collections.opsramp.automation.plugins.module_utils.arguments import JOB_OPTIONS
from ansible_collections.opsramp.automation.plugins.module_utils.compare import changed_paths, diff_view
from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import ValidationError
from ansible_collections.opsramp.automation.plugins.module_utils.job_model import (
    build_payload, current_state, desired_state, validate_job_params)

SEED = os.path.join(os.path.dirname(__file__), 'fixtures', 'seed')


def seed_sample(name):
    """(request, response) of one of the four samples of the seed's Update job page, read word for word."""
    with open(os.path.join(SEED, name + '_request.json')) as request, open(os.path.join(SEED, name + '_response.json')) as response:
        return json.load(request), json.load(response)


# ------------------------------------------------------------------------------------------ the seed's samples

_DEVICES = [{'id': '709824de-8315-4cf9-ad1c-b15aaf7bf2a5'}, {'id': '4e96d5bc-763c-4c00-beab-928d653a0422'}]
_EVERY_2_DAYS = {'type': 'daily', 'frequency': 'recurrence', 'repeat_every': 2, 'start_date': '2016-04-14T10:10:10+0000'}

# Each sample request, written as the options of a task.
SAMPLE_OPTIONS = {
    'ad_checklist': {'id': '4902d87c-b5df-4797-9f45-e807cd871ac9', 'name': 'Ad Check List', 'queued': True,
                     'entities': _DEVICES, 'job_type': 'adCheckList', 'schedule': _EVERY_2_DAYS},
    'network_backup': {'id': 'cc242a8d-b0b4-430e-a89f-7081bc5e79b0', 'name': 'Network Config Backup', 'queued': True,
                       'entities': _DEVICES, 'job_type': 'networkconfigbackup', 'schedule': _EVERY_2_DAYS,
                       'network_backup': {'versions_saved': 'all_versions', 'backup_on_trap': True,
                                          'startup_config_alert': True, 'runtime_config_alert': True,
                                          'backup_startup_config': True, 'backup_runtime_config': True}},
    'app_install': {'id': '8a87f644-0bdc-4d5a-9e41-0ca333b71acd', 'name': 'test', 'queued': True, 'entities': _DEVICES,
                    'job_type': 'appinstall', 'schedule': _EVERY_2_DAYS,
                    'app_install': {'approval': 'auto', 'reason': 'for testing', 'alert': True}},
    'custom_script': {'id': 'ce1088d5-81cc-4262-b515-a75230f0d8e4', 'queued': True, 'entities': _DEVICES,
                      'job_type': 'custom', 'schedule': _EVERY_2_DAYS,
                      'custom_script': {'id': '7', 'user_type': 'other', 'parameters': [{'id': '2', 'value': '150'}]}},
}


def _native(value, key=None):
    """A sample request's values in native JSON types: "true" -> true, "2" -> 2; ids and parameter values are text."""
    if isinstance(value, dict):
        return dict((item_key, _native(item, item_key)) for item_key, item in value.items())
    if isinstance(value, list):
        return [_native(item) for item in value]
    if isinstance(value, str) and key not in ('id', 'paramId', 'value'):
        if value in ('true', 'false'):
            return value == 'true'
        if value.isdigit():
            return int(value)
    return value


@pytest.mark.parametrize('sample', sorted(SAMPLE_OPTIONS))
def test_each_seed_request_as_options_converges_against_its_response(sample):
    request, response = seed_sample(sample)
    params = with_options(SAMPLE_OPTIONS[sample])
    validate_job_params(params)
    assert changed_paths(desired_state(params), current_state(response)) == []
    assert changed_paths(desired_state(params), current_state(request)) == []


@pytest.mark.parametrize('sample', sorted(SAMPLE_OPTIONS))
def test_the_update_built_from_each_seed_sample_is_its_request_in_native_types(sample):
    request, response = seed_sample(sample)
    payload = build_payload(response, desired_state(with_options(SAMPLE_OPTIONS[sample])), now=NOW)
    expected = _native(request)
    # OpsRamp keeps whole minutes and answers "days" for "Days" (api-behaviour §7); the stored forms are sent back
    expected['schedule']['startDate'] = '2016-04-14T10:10:00+0000'
    expected['schedule']['pattern']['repeatType'] = 'days'
    if 'name' not in request:  # the custom-script sample's request has no name; the update sends the stored one back
        expected['name'] = response['name']
    assert payload == expected


# ------------------------------------------------------------------------------------------ the table and the options

def _leaf_options(options, prefix=''):
    paths = set()
    for option in options:
        path = prefix + option['name']
        if 'options' in option and option['type'] == 'dict':
            paths |= _leaf_options(option['options'], path + '.')
        else:
            paths.add(path)
    return paths


def test_every_job_option_is_a_declared_field_and_every_field_an_option():
    declared = set(field.name for field in job_fields.FIELDS)
    options = _leaf_options(JOB_OPTIONS) - {'id'}  # id finds the job; it is not a field of it
    assert declared == options


def test_a_field_reads_every_spelling_and_writes_the_first():
    field = [field for field in job_fields.FIELDS if field.name == 'network_backup.runtime_config_alert'][0]
    assert field.keys == ('runtimeConfigAlert', 'runConfigAlert')


# ------------------------------------------------------------------------------------------ credential set

CUSTOM_JOB = {
    'id': 'c-1', 'name': 'cleanup', 'jobQueued': False,
    'entities': [{'resource': {'id': 'd1', 'type': 'DEVICE', 'clientUniqueId': 'client_1', 'generalInfo': {'hostName': 'h'}}}],
    'schedule': {'startDate': '2021-01-01T00:00:00+0000', 'pattern': {'type': 'never'}},
    'script': {'customScript': {'id': 7, 'name': 'cleanup', 'description': 'd', 'platforms': ['WINDOWS']},
               'parameters': [{'paramId': 2, 'value': '150', 'name': 'count'},
                              {'paramId': 3, 'itopMacro': {'id': 12, 'name': 'SITE'}, 'name': 'site'}],
               'userType': 1},
    'credentialSet': {'uniqueId': 'cs-1', 'name': 'Windows admins'},
}


def test_credential_set_is_read_compared_and_written():
    assert current_state(CUSTOM_JOB)['credential_set'] == 'cs-1'
    same = desired_state(with_options({'id': 'c-1', 'credential_set': 'cs-1'}))
    assert changed_paths(same, current_state(CUSTOM_JOB)) == []
    other = desired_state(with_options({'id': 'c-1', 'credential_set': 'cs-2'}))
    assert changed_paths(other, current_state(CUSTOM_JOB)) == ['credential_set']
    assert build_payload(CUSTOM_JOB, other)['credentialSet'] == {'uniqueId': 'cs-2'}  # name: read-only (§6)
    created = build_payload(None, desired_state(with_options({'name': 'n', 'job_type': 'antivirus', 'credential_set': 'cs-9',
                                                              'schedule': {'type': 'never'}})), now=NOW)
    assert created['credentialSet'] == {'uniqueId': 'cs-9'}


def test_credential_set_left_out_is_not_managed_and_kept():
    desired = desired_state(with_options({'id': 'c-1', 'name': 'renamed'}))
    assert 'credential_set' not in desired
    assert build_payload(CUSTOM_JOB, desired)['credentialSet'] == {'uniqueId': 'cs-1'}


def test_blank_credential_set_is_refused():
    with pytest.raises(ValidationError) as caught:
        validate_job_params(with_options({'id': 'x', 'credential_set': ' '}))
    assert caught.value.option == 'credential_set'


# ------------------------------------------------------------------------------------------ macro-bound parameters

def test_a_rename_keeps_the_macro_binding():
    payload = build_payload(CUSTOM_JOB, desired_state(with_options({'id': 'c-1', 'name': 'renamed'})))
    assert payload['script']['parameters'] == [{'paramId': '2', 'value': '150'}, {'paramId': '3', 'itopMacro': {'id': 12}}]
    assert payload['name'] == 'renamed'


def test_a_macro_bound_parameter_reads_as_its_macro():
    assert current_state(CUSTOM_JOB)['custom_script']['parameters'] == [
        {'id': '2', 'value': '150'}, {'id': '3', 'macro': '12'}]
    with_null_value = copy.deepcopy(CUSTOM_JOB)
    with_null_value['script']['parameters'][1]['value'] = None
    assert current_state(with_null_value) == current_state(CUSTOM_JOB)
    assert build_payload(with_null_value, {})['script']['parameters'][1] == {'paramId': '3', 'itopMacro': {'id': 12}}


@pytest.mark.parametrize('parameters, changed', [
    ([{'id': '2', 'value': '150'}, {'id': '3', 'macro': '12'}], []),
    ([{'id': '2', 'value': '150'}, {'id': '3', 'value': ''}], ['custom_script.parameters']),  # no longer equal to a macro
    ([{'id': '2', 'macro': '150'}, {'id': '3', 'macro': '12'}], ['custom_script.parameters']),  # value -> macro
    ([{'id': '2', 'value': '150'}, {'id': '3', 'macro': '13'}], ['custom_script.parameters']),
])
def test_switching_between_value_and_macro_is_a_change(parameters, changed):
    desired = desired_state(with_options({'id': 'c-1', 'custom_script': {'parameters': parameters}}))
    assert changed_paths(desired, current_state(CUSTOM_JOB)) == changed


def test_setting_a_macro_sends_itop_macro_and_no_value():
    desired = desired_state(with_options({'id': 'c-1', 'custom_script': {'parameters': [
        {'id': '2', 'macro': '40'}, {'id': '3', 'value': 'here'}, {'id': '4', 'macro': '41'}]}}))
    assert build_payload(CUSTOM_JOB, desired)['script']['parameters'] == [
        {'paramId': '2', 'itopMacro': {'id': '40'}}, {'paramId': '3', 'value': 'here'}, {'paramId': '4', 'itopMacro': {'id': '41'}}]


@pytest.mark.parametrize('parameter, problem', [
    ({'id': '2'}, "custom_script.parameters[1]: parameter '2' needs exactly one of value and macro, not neither"),
    ({'id': '2', 'value': 'x', 'macro': '5'}, "custom_script.parameters[1]: parameter '2' needs exactly one of value and macro, not both"),
    ({'id': '2', 'macro': ' '}, 'custom_script.parameters[1].macro: must not be empty'),
])
def test_a_parameter_needs_exactly_one_of_value_and_macro(parameter, problem):
    params = with_options({'name': 'n', 'job_type': 'custom', 'custom_script': {'id': '7', 'parameters': [
        {'id': '1', 'value': 'ok'}, parameter]}})
    with pytest.raises(ValidationError) as caught:
        validate_job_params(params)
    assert caught.value.message == problem


# ------------------------------------------------------------------------------------------ nth weekday (§9)

def _monthly_job(day_key):
    return {'id': 'm-1', 'name': 'monthly', 'script': {'jobType': 'antivirus'},
            'schedule': {'startDate': '2024-01-01T00:00:00+0000',
                         'pattern': {'type': 'monthly', 'weekIndex': 'Second', day_key: 'Sunday'}}}


@pytest.mark.parametrize('day_key', ['dayOfWeek', 'dayOfIndex'])
def test_an_update_writes_the_nth_weekday_under_the_stored_key(day_key):
    job = _monthly_job(day_key)
    assert current_state(job)['schedule']['day_of_week'] == 'Sunday'
    renamed = build_payload(job, desired_state(with_options({'id': 'm-1', 'name': 'renamed'})))
    assert renamed['schedule']['pattern'] == job['schedule']['pattern']
    moved = build_payload(job, desired_state(with_options({'id': 'm-1', 'schedule': {
        'type': 'monthly', 'week_index': 'last', 'day_of_week': 'fri'}})))
    assert moved['schedule']['pattern'] == {'type': 'monthly', 'weekIndex': 'Last', day_key: 'Friday'}


def test_a_create_writes_day_of_week():
    payload = build_payload(None, desired_state(with_options({'name': 'n', 'job_type': 'antivirus', 'schedule': {
        'type': 'monthly', 'week_index': 'second', 'day_of_week': 'Sunday'}})), now=NOW)
    assert payload['schedule']['pattern'] == {'type': 'monthly', 'weekIndex': 'Second', 'dayOfWeek': 'Sunday'}


# ------------------------------------------------------------------------------------------ entity type (§10)

def test_new_entities_are_sent_in_upper_case_and_stored_ones_as_stored():
    job = {'id': 'e-1', 'entities': [{'resource': {'id': 'g1', 'type': 'deviceGroup', 'generalInfo': {}}}]}
    desired = desired_state(with_options({'id': 'e-1', 'entities': [
        {'id': 'g1', 'type': 'DEVICEGROUP'}, {'id': 'g2', 'type': 'deviceGroup'}]}))
    assert changed_paths({'entities': desired['entities'][:1]}, current_state(job)) == []
    assert build_payload(job, desired)['entities'] == [{'resource': {'id': 'g1', 'type': 'deviceGroup'}},
                                                       {'resource': {'id': 'g2', 'type': 'DEVICEGROUP'}}]


# ------------------------------------------------------------------------------------------ nothing unmanaged is lost

_unknown_values = st.one_of(st.none(), st.booleans(), st.integers(-3, 3), st.text(max_size=6),
                            st.lists(st.integers(0, 3), max_size=2), st.fixed_dictionaries({'k': st.text(max_size=3)}))


def _containers(job):
    """(label, dict) of every object of a job that may hold keys the collection does not know."""
    script = job.get('script') or {}
    found = [('job', job), ('schedule', job.get('schedule')), ('pattern', (job.get('schedule') or {}).get('pattern')),
             ('script', script), ('credentialSet', job.get('credentialSet'))]
    found += [(name, script.get(name)) for name in ('configParams', 'approvalType', 'customScript')]
    for entity in job.get('entities') or []:
        label = 'entity:%s:%s' % (entity['resource']['type'].upper(), entity['resource']['id'])
        found += [(label, entity), (label + ':resource', entity['resource'])]
    for parameter in script.get('parameters') or []:
        label = 'parameter:%s' % parameter['paramId']
        found += [(label, parameter), (label + ':itopMacro', parameter.get('itopMacro'))]
    return dict((label, container) for label, container in found if isinstance(container, dict))


@st.composite
def _stored_jobs_with_unknown_keys(draw):
    """A job as OpsRamp stores it, a credential set and macro-bound parameter added, unknown keys at every level."""
    base, update = draw(updates())
    job = _created(base, draw(_sim_configs))
    job['credentialSet'] = {'uniqueId': 'cs-1', 'name': 'creds'}
    if 'customScript' in job['script']:
        job['script'].setdefault('parameters', []).append({'paramId': 'm', 'itopMacro': {'id': 5, 'name': 'M'}})
    unknown = {}
    for label, container in sorted(_containers(job).items()):
        key = 'unknown_%d' % len(unknown)
        container[key] = unknown[(label, key)] = draw(_unknown_values)
    return job, update, unknown


@settings(max_examples=200, deadline=None)
@given(case=_stored_jobs_with_unknown_keys())
def test_an_update_of_any_managed_field_keeps_every_unknown_key(case):
    job, update, unknown = case
    desired = desired_state(with_options(update))
    if desired.get('job_type', current_state(job)['job_type']) != current_state(job)['job_type']:
        desired.pop('job_type')  # a new job type starts a new script on purpose (test_changing_the_job_type...)
        for option in job_model.TYPE_OPTIONS:
            desired.pop(option, None)
    sent = _containers(build_payload(job, desired, now=NOW))
    for (label, key), value in unknown.items():
        if label not in sent:  # only an entity or a parameter the task removed may take its keys with it
            assert label.startswith(('entity:', 'parameter:')), label
            continue
        assert key in sent[label] and sent[label][key] == value, (label, key)


@settings(max_examples=50, deadline=None)
@given(case=_stored_jobs_with_unknown_keys(), config=_sim_configs)
def test_the_read_only_enrichments_are_never_sent_back(case, config):
    job = echo(build_payload(case[0], {}, now=NOW), config)
    job['credentialSet'] = {'uniqueId': 'cs-1', 'name': 'creds'}
    body = build_payload(job, {}, now=NOW)
    for path, keys in job_fields.READ_ONLY_KEYS:
        for container in job_fields._objects_at(body, path):  # pylint: disable=protected-access
            assert not set(keys) & set(container), path


# ------------------------------------------------------------------------------------------ start_time in UTC, marked (issue 14)

def test_the_diff_shows_start_time_in_utc_marked_z_and_an_equal_time_is_no_change():
    stored = {'id': 'x', 'schedule': {'startDate': '2024-01-01T05:30:00+0000', 'pattern': {'type': 'never'}}}
    same = desired_state(with_options({'id': 'x', 'schedule': {'type': 'never', 'start_time': '06:30+01:00'}}))
    assert changed_paths(same, current_state(stored)) == []
    later = desired_state(with_options({'id': 'x', 'schedule': {'type': 'never', 'start_time': '07:00+01:00'}}))
    view = diff_view(later, current_state(stored))
    assert (view['before']['schedule']['start_time'], view['after']['schedule']['start_time']) == ('05:30Z', '06:00Z')
    assert build_payload(stored, later)['schedule']['startDate'] == '2024-01-01T06:00:00+0000'
