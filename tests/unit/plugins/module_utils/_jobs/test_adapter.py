# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The jobs adapter (``JOBS``): the body each write sends, a returned job in request form, which tasks need the full
job, how jobs are found, listed and searched (against a client that records every request), the warning before
writes, and the argument specs with their sensitive values."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import datetime
from concurrent.futures import ThreadPoolExecutor

import pytest

from ansible_collections.opsramp.automation.tests.unit.plugins.module_utils._engine.engine_support import FakeClient, search
from ansible_collections.opsramp.automation.tests.unit.plugins.module_utils._jobs.job_support import (
    CUSTOM_JOB, CUSTOM_RESPONSE, NCB_RESPONSE, NOW, NOW_TEXT, SAMPLE_OPTIONS, SEED_SAMPLES, UTC, api_job, payload, seed_sample,
    with_options)

from ansible_collections.opsramp.automation.plugins.module_utils._engine.compare import changed_paths
from ansible_collections.opsramp.automation.plugins.module_utils._engine.resource import Wanted
from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import ObjectLookupError, ValidationError
from ansible_collections.opsramp.automation.plugins.module_utils._jobs.adapter import JOBS, MODELLED_SCRIPT_KEYS
from ansible_collections.opsramp.automation.plugins.module_utils._jobs.schedule import parse_start_date


def desired_state(raw):
    return JOBS.model.desired(with_options(raw))


def current_state(api_job):
    return JOBS.model.current(api_job)


# ------------------------------------------------------------------------------------------ the seed's samples

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


@pytest.mark.parametrize('sample', SEED_SAMPLES)
def test_the_update_built_from_each_seed_sample_is_its_request_in_native_types(sample):
    request, response = seed_sample(sample)
    body = payload(response, desired_state(SAMPLE_OPTIONS[sample]), NOW)
    expected = _native(request)
    # OpsRamp keeps whole minutes and answers "days" for "Days" (api-behaviour §7); the stored forms are sent back
    expected['schedule']['startDate'] = '2016-04-14T10:10:00+0000'
    expected['schedule']['pattern']['repeatType'] = 'days'
    if 'name' not in request:  # the custom-script sample's request has no name; the update sends the stored one back
        expected['name'] = response['name']
    assert body == expected


@pytest.mark.parametrize('sample', SEED_SAMPLES)
def test_the_create_built_from_each_seed_sample_is_its_request_without_the_id(sample):
    request, dummy = seed_sample(sample)
    options = dict(SAMPLE_OPTIONS[sample], name=request.get('name', 'unnamed'))
    options.pop('id')
    expected = _native(dict((key, value) for key, value in request.items() if key != 'id'))
    expected['name'] = options['name']
    expected['schedule']['startDate'] = '2016-04-14T10:10:00+0000'
    expected['schedule']['pattern']['repeatType'] = 'days'
    expected['entities'] = sorted(expected['entities'], key=lambda entity: entity['resource']['id'])
    assert payload(None, desired_state(options), NOW) == expected


# ------------------------------------------------------------------------------------------ payload: create

def test_create_payload_matches_the_spec_request_example():
    desired = desired_state({
        'name': 'Network Config Backup', 'job_type': 'networkconfigbackup', 'queued': True,
        'entities': [{'id': '709824de-8315-4cf9-ad1c-b15aaf7bf2a5'}, {'id': '4e96d5bc-763c-4c00-beab-928d653a0422'}],
        'network_backup': {'versions_saved': 'all_versions', 'backup_on_trap': True, 'startup_config_alert': True,
                           'runtime_config_alert': True, 'backup_startup_config': True, 'backup_runtime_config': True},
        'schedule': {'start_date': '2016-04-14T10:10:10+0000', 'type': 'daily', 'frequency': 'recurrence',
                     'repeat_every': 2},
    })
    assert payload(None, desired, NOW) == {
        'name': 'Network Config Backup',
        'jobQueued': True,
        'entities': [{'resource': {'id': '4e96d5bc-763c-4c00-beab-928d653a0422', 'type': 'DEVICE'}},
                     {'resource': {'id': '709824de-8315-4cf9-ad1c-b15aaf7bf2a5', 'type': 'DEVICE'}}],
        'script': {'jobType': 'networkconfigbackup',
                   'configParams': {'versionsSaved': 'ALL_VERSIONS', 'backUpTrigger': True, 'startupConfigAlert': True,
                                    'runtimeConfigAlert': True, 'startUpConfigFilesBackUp': True,
                                    'runTimeConfigFilesBackUp': True}},
        'schedule': {'startDate': '2016-04-14T10:10:00+0000',
                     'pattern': {'type': 'daily', 'frequency': 'recurrence', 'repeatType': 'days', 'repeatFrequency': 2}},
    }


@pytest.mark.parametrize('raw, expected', [
    pytest.param({'name': 'w', 'job_type': 'adchecklist', 'schedule': {'type': 'weekly', 'week_days': ['sat', 'sun', 'Tue']}}, {
        'name': 'w', 'script': {'jobType': 'adCheckList'},
        'schedule': {'startDate': NOW_TEXT, 'pattern': {'type': 'weekly', 'weekDays': 'Sunday, Tuesday, Saturday'}},
    }, id='weekly-start-now'),
    pytest.param({'name': 'm', 'job_type': 'antivirus', 'schedule': {'type': 'monthly', 'days_of_month': [5, 1, 3]}}, {
        'name': 'm', 'script': {'jobType': 'antivirus'},
        'schedule': {'startDate': NOW_TEXT, 'pattern': {'type': 'monthly', 'dayOfMonth': '1, 3, 5'}},
    }, id='monthly-days'),
    pytest.param({'name': 'm', 'job_type': 'antivirus',
                  'schedule': {'type': 'monthly', 'week_index': 'second', 'day_of_week': 'sun'}}, {
        'name': 'm', 'script': {'jobType': 'antivirus'},
        'schedule': {'startDate': NOW_TEXT, 'pattern': {'type': 'monthly', 'weekIndex': 'Second', 'dayOfWeek': 'Sunday'}},
    }, id='monthly-week-index'),
    pytest.param({'name': 'r', 'job_type': 'assetinfo', 'schedule': {'type': 'run_once', 'start_date': '2024-06-01T08:00:00-0800'}}, {
        'name': 'r', 'script': {'jobType': 'assetinfo'},
        'schedule': {'startDate': '2024-06-01T16:00:00+0000', 'pattern': {'type': 'run once'}},
    }, id='run-once-with-offset'),
    pytest.param({'name': 'c', 'job_type': 'custom', 'schedule': {'type': 'daily', 'frequency': 'every_weekday'},
                  'custom_script': {'id': '7', 'user_type': 'system',
                                    'parameters': [{'id': '2', 'value': '150'}, {'id': '1'}]}}, {
        'name': 'c',
        'script': {'jobType': 'custom', 'customScript': {'id': '7'}, 'userType': 1,
                   'parameters': [{'paramId': '1', 'value': ''}, {'paramId': '2', 'value': '150'}]},
        'schedule': {'startDate': NOW_TEXT, 'pattern': {'type': 'daily', 'frequency': 'every weekday'}},
    }, id='custom'),
    pytest.param({'name': 'a', 'job_type': 'appinstall', 'schedule': {'type': 'never'}, 'queued': False,
                  'app_install': {'approval': 'auto', 'reason': 'r', 'alert': True}}, {
        'name': 'a', 'jobQueued': False,
        'script': {'jobType': 'appinstall',
                   'approvalType': {'approvalType': 1, 'approvalReason': 'r', 'alertRequired': True}},
        'schedule': {'startDate': NOW_TEXT, 'pattern': {'type': 'never'}},
    }, id='appinstall'),
])
def test_create_payload(raw, expected):
    assert payload(None, desired_state(raw), NOW) == expected


def test_create_start_date_defaults_to_the_current_minute():
    desired = desired_state({'name': 'n', 'job_type': 'antivirus', 'schedule': {'type': 'never'}})
    before = datetime.datetime.now(UTC).replace(second=0, microsecond=0)
    start = parse_start_date(payload(None, desired, None)['schedule']['startDate'])
    assert before <= start <= datetime.datetime.now(UTC)
    naive = payload(None, desired, datetime.datetime(2024, 5, 1, 6, 30, 45))
    assert naive['schedule']['startDate'] == NOW_TEXT


def test_a_create_without_a_schedule_still_sends_a_start_date_and_a_pattern():
    """Only what check_create lets through reaches a create; the body always has the keys the API requires."""
    assert payload(None, desired_state({'name': 'n', 'job_type': 'antivirus'}), NOW) == {
        'name': 'n', 'script': {'jobType': 'antivirus'}, 'schedule': {'startDate': NOW_TEXT, 'pattern': {}}}


# ------------------------------------------------------------------------------------------ payload: update

def test_update_payload_overlays_the_managed_values_on_the_current_job():
    current = copy.deepcopy(NCB_RESPONSE)
    current['credentialSet'] = {'uniqueId': 'cs-1'}
    current['jobQueued'] = 'true'
    current['schedule']['pattern']['repeatFrequency'] = '2'
    current['script']['configParams']['backUpTrigger'] = 'false'
    desired = desired_state({
        'id': current['id'], 'entities': [{'id': 'new-device'}],
        'schedule': {'type': 'weekly', 'week_days': ['Mon']},
        'network_backup': {'versions_saved': 'version_with_changes'},
    })
    body = payload(current, desired, NOW)
    assert body == {
        'id': 'cc242a8d-b0b4-430e-a89f-7081bc5e79b0',
        'name': 'Network Config Backup',
        'credentialSet': {'uniqueId': 'cs-1'},
        'jobQueued': True,
        'entities': [{'resource': {'id': 'new-device', 'type': 'DEVICE'}}],
        'schedule': {'startDate': '2016-04-14T10:10:00+0000', 'pattern': {'type': 'weekly', 'weekDays': 'Monday'}},
        'script': {'jobType': 'networkconfigbackup',
                   'configParams': {'versionsSaved': 'VERSION_WITH_CHANGES', 'backUpTrigger': False,
                                    'startupConfigAlert': True, 'runtimeConfigAlert': True,
                                    'startUpConfigFilesBackUp': True, 'runTimeConfigFilesBackUp': True}},
    }
    assert current['jobQueued'] == 'true', 'the current job must not be modified'


def test_update_payload_of_a_custom_job_in_request_style():
    desired = desired_state({'name': 'renamed', 'custom_script': {'parameters': [{'id': '2', 'value': '300'}]}})
    assert payload(CUSTOM_RESPONSE, desired, NOW) == {
        'id': 'c-1', 'name': 'renamed', 'jobQueued': False,
        'entities': [{'resource': {'id': 'd1', 'type': 'DEVICE'}}],
        'schedule': {'startDate': '2021-01-01T00:00:00+0000', 'pattern': {'type': 'weekly', 'weekDays': 'Sunday, Tuesday'}},
        'script': {'jobType': 'custom', 'customScript': {'id': '7'}, 'parameters': [{'paramId': '2', 'value': '300'}],
                   'userType': 1},
        'credentialSet': {'uniqueId': 'cs-1'},
    }


UNTOUCHED = {
    'id': 'x', 'name': 'n', 'extra': {'kept': ['as', 'is']},
    'entities': [{'id': 'a', 'type': 'DEVICE', 'generalInfo': {}}],
    'schedule': {'startDate': '2024-01-01T00:00:00+0000',
                 'pattern': {'type': 'daily', 'frequency': 'recurrence', 'repeatType': 'days', 'repeatFrequency': '4'}},
    'script': {'jobType': 'appinstall', 'approvalType': {'approvalType': '0', 'alertRequired': 'false', 'approvalReason': None}},
}
UNTOUCHED_REQUEST = {
    'id': 'x', 'name': 'n', 'extra': {'kept': ['as', 'is']},
    'entities': [{'resource': {'id': 'a', 'type': 'DEVICE'}}],
    'schedule': {'startDate': '2024-01-01T00:00:00+0000',
                 'pattern': {'type': 'daily', 'frequency': 'recurrence', 'repeatType': 'days', 'repeatFrequency': 4}},
    'script': {'jobType': 'appinstall', 'approvalType': {'approvalType': 0, 'alertRequired': False, 'approvalReason': None}},
}


def test_update_without_managed_values_sends_the_job_back_in_request_style():
    assert payload(UNTOUCHED, {}, NOW) == UNTOUCHED_REQUEST


def test_request_style_is_the_job_as_a_request_takes_it_and_a_custom_job_gets_its_type_back():
    assert JOBS.request_style(UNTOUCHED) == UNTOUCHED_REQUEST
    assert JOBS.request_style(CUSTOM_JOB)['script'] == {
        'jobType': 'custom', 'customScript': {'id': '7'}, 'userType': 1,  # ids as text (api-behaviour §7)
        'parameters': [{'paramId': '2', 'value': '150'}, {'paramId': '3', 'itopMacro': {'id': 12}}]}
    assert JOBS.request_style(CUSTOM_JOB)['credentialSet'] == {'uniqueId': 'cs-1'}
    assert JOBS.request_style({'id': 'x', 'script': {'jobType': 'ANTIVIRUS'}})['script'] == {'jobType': 'antivirus'}
    assert CUSTOM_JOB['credentialSet']['name'] == 'Windows admins', 'the returned job must not be modified'


@pytest.mark.parametrize('config_params, expected', [
    ({'runConfigAlert': 'true'}, {'runtimeConfigAlert': True}),
    ({'runConfigAlert': 'true', 'runtimeConfigAlert': False}, {'runtimeConfigAlert': False}),
])
def test_update_sends_runtime_config_alert_under_its_example_name(config_params, expected):
    current = {'id': 'x', 'script': {'jobType': 'networkconfigbackup', 'configParams': config_params}}
    assert payload(current, {}, NOW)['script']['configParams'] == expected


def test_update_schedule_without_start_date_keeps_the_current_one_or_uses_now():
    desired = desired_state({'id': 'x', 'schedule': {'type': 'never'}})
    with_start = {'id': 'x', 'schedule': {'startDate': '2020-02-02T02:02:00+0000',
                                          'pattern': {'type': 'weekly', 'weekDays': 'Monday'}}}
    assert payload(with_start, desired, NOW)['schedule'] == {'startDate': '2020-02-02T02:02:00+0000',
                                                             'pattern': {'type': 'never'}}
    assert payload({'id': 'x'}, desired, NOW)['schedule'] == {'startDate': NOW_TEXT, 'pattern': {'type': 'never'}}


def test_changing_the_job_type_drops_the_former_type_settings():
    desired = desired_state({'id': 'x', 'job_type': 'antivirus'})
    assert payload(NCB_RESPONSE, desired, NOW)['script'] == {'jobType': 'antivirus'}
    same_type = desired_state({'id': 'x', 'job_type': 'NetworkConfigBackup'})
    assert payload(NCB_RESPONSE, same_type, NOW)['script'] == NCB_RESPONSE['script']


# ------------------------------------------------------------------------------------------ credential set (§11)

def test_credential_set_is_read_compared_and_written():
    assert current_state(CUSTOM_JOB)['credential_set'] == 'cs-1'
    same = desired_state({'id': 'c-1', 'credential_set': 'cs-1'})
    assert changed_paths(same, current_state(CUSTOM_JOB)) == []
    other = desired_state({'id': 'c-1', 'credential_set': 'cs-2'})
    assert changed_paths(other, current_state(CUSTOM_JOB)) == ['credential_set']
    assert payload(CUSTOM_JOB, other, NOW)['credentialSet'] == {'uniqueId': 'cs-2'}  # name: read-only (§6)
    created = payload(None, desired_state({'name': 'n', 'job_type': 'antivirus', 'credential_set': 'cs-9',
                                           'schedule': {'type': 'never'}}), NOW)
    assert created['credentialSet'] == {'uniqueId': 'cs-9'}


def test_credential_set_left_out_is_not_managed_and_kept():
    desired = desired_state({'id': 'c-1', 'name': 'renamed'})
    assert 'credential_set' not in desired
    assert payload(CUSTOM_JOB, desired, NOW)['credentialSet'] == {'uniqueId': 'cs-1'}


# ------------------------------------------------------------------------------------------ deciding

@pytest.mark.parametrize('raw, full', [
    ({'name': 'n'}, False),
    ({'name': 'n', 'schedule': {'type': 'never'}, 'custom_script': {'id': '7'}}, False),
    ({'name': 'n', 'entities': []}, True),
    ({'name': 'n', 'custom_script': {'parameters': []}}, True),
])
def test_a_task_needs_the_full_job_when_it_manages_what_a_search_leaves_out(raw, full):
    assert JOBS.needs_full(desired_state(raw)) is full


def test_wanted_holds_the_canonical_state_and_whether_to_hide_the_values():
    params = with_options({'name': 'n', 'job_type': 'custom', 'custom_script': {
        'id': '7', 'parameters': [{'id': '1', 'value': 's', 'sensitive': True}]}})
    target = JOBS.wanted(params)
    assert (target.state, target.object_id, target.name, target.hide) == ('present', None, 'n', True)
    assert target.desired == JOBS.model.desired(params)
    plain = JOBS.wanted(with_options({'id': 'x', 'queued': True}))
    assert (plain.object_id, plain.name, plain.hide, plain.desired) == ('x', None, False, {'queued': True})
    gone = JOBS.wanted(dict(with_options({'name': 'n', 'queued': True}), state='absent'))
    assert (gone.state, gone.name, gone.desired) == ('absent', 'n', None)


def test_check_create_and_check_against_apply_the_job_rules():
    with pytest.raises(ValidationError) as caught:
        JOBS.check_create(desired_state({'name': 'n', 'job_type': 'custom', 'schedule': {'type': 'never'}}))
    assert caught.value.option == 'custom_script.id'
    with pytest.raises(ValidationError) as caught:
        JOBS.check_against(desired_state({'id': 'x', 'network_backup': {'backup_on_trap': True}}), {'job_type': 'antivirus'})
    assert caught.value.option == 'network_backup'


def test_an_exported_job_says_which_script_settings_no_option_models():
    assert MODELLED_SCRIPT_KEYS == frozenset(['jobType', 'configParams', 'approvalType', 'customScript', 'userType',
                                              'parameters'])
    assert JOBS.unmodelled({'script': {'jobType': 'patchinstall', 'patchParams': {}, 'zeta': 1}}) == [
        'its script settings patchParams, zeta are not options of job type patchinstall: a file leaves them as OpsRamp '
        'holds them']
    assert JOBS.unmodelled(NCB_RESPONSE) == [] and JOBS.unmodelled({}) == []


# ------------------------------------------------------------------------------------------ the API, recorded

def test_find_by_id_is_one_get_and_an_unknown_id_finds_nothing():
    client = FakeClient(jobs=[NCB_RESPONSE])
    assert JOBS.find(client, Wanted(object_id=NCB_RESPONSE['id'], name='ignored')) == NCB_RESPONSE
    assert JOBS.find(client, Wanted(object_id='gone')) is None
    assert client.requests == [('GET', '/jobs/' + NCB_RESPONSE['id'], None), ('GET', '/jobs/gone', None)]


def test_find_by_name_searches_then_reads_the_one_exact_match():
    client = FakeClient(jobs=[dict(NCB_RESPONSE, id='a', name='backup'), dict(NCB_RESPONSE, id='b', name='backup EU')])
    assert JOBS.find(client, Wanted(name='backup'))['id'] == 'a'
    assert client.requests == [search('jobs', queryString='name:backup'), ('GET', '/jobs/a', None)]
    assert JOBS.find(client, Wanted(name='nightly')) is None


def test_find_by_a_name_several_jobs_share_fails_naming_their_ids():
    client = FakeClient(jobs=[dict(NCB_RESPONSE, id='a', name='twin'), dict(NCB_RESPONSE, id='b', name='twin')])
    with pytest.raises(ObjectLookupError, match=r"^2 jobs are named 'twin' \(ids a, b\): give id to choose one$"):
        JOBS.find(client, Wanted(name='twin'))
    assert client.requests == [search('jobs', queryString='name:twin')]


def test_get_reads_one_job():
    client = FakeClient(jobs=[CUSTOM_JOB])
    assert JOBS.get(client, 'c-1') == CUSTOM_JOB and JOBS.get(client, 'nope') is None


def test_list_all_reads_in_full_only_the_jobs_asked_for_while_it_lists():
    jobs = [dict(CUSTOM_JOB, id='job-%d' % number, name='job %d' % number) for number in range(5)]
    client = FakeClient(page_size=2, jobs=jobs)
    with ThreadPoolExecutor(max_workers=2) as pool:
        listing = JOBS.list_all(client, pool, lambda job: job['name'] in ('job 1', 'job 4'), query_string='name:job')
        full = dict((job_id, listing.full_object(job_id)) for job_id in listing.full)
    assert [job['id'] for job in listing.objects] == ['job-0', 'job-1', 'job-2', 'job-3', 'job-4']
    assert 'parameters' not in listing.objects[1]['script']  # a search result (api-behaviour §4)
    assert full == {'job-1': jobs[1], 'job-4': jobs[4]}
    assert client.made('GET').count(search('jobs', queryString='name:job')) == 3  # every page asks with the query
    assert sorted(request for request in client.made('GET') if request[1] != '/jobs/search') == [
        ('GET', '/jobs/job-1', None), ('GET', '/jobs/job-4', None)]


@pytest.mark.parametrize('names, query', [
    (['nightly'], {'queryString': 'name:nightly', 'sortName': 'id', 'isDescendingOrder': 'false'}),
    (['nightly', 'weekly'], {'sortName': 'id', 'isDescendingOrder': 'false'}),
], ids=['one-name', 'several-names'])
def test_search_copies_asks_for_the_oldest_first(names, query):
    client = FakeClient(jobs=[dict(NCB_RESPONSE, id='a', name='nightly'), dict(NCB_RESPONSE, id='b', name='weekly')])
    assert [job['id'] for job in JOBS.search_copies(client, names)] == ['a', 'b']  # as listed: the name is a hint
    assert client.requests == [search('jobs', **query)]


def test_create_update_and_delete_send_one_request_each():
    client = FakeClient(jobs=[NCB_RESPONSE])
    created = JOBS.create(client, {'name': 'new', 'script': {'jobType': 'antivirus'}})
    assert created == {'id': 'new-new', 'name': 'new', 'script': {'jobType': 'antivirus'}}
    updated = JOBS.update(client, NCB_RESPONSE, dict(NCB_RESPONSE, name='renamed'))
    assert updated['name'] == 'renamed' and client.store['jobs'][NCB_RESPONSE['id']]['name'] == 'renamed'
    assert JOBS.delete(client, created) is True and JOBS.delete(client, created) is False
    assert client.requests == [('POST', '/jobs', None), ('POST', '/jobs/' + NCB_RESPONSE['id'], None),
                               ('DELETE', '/jobs/new-new', None), ('DELETE', '/jobs/new-new', None)]


# ------------------------------------------------------------------------------------------ warnings before writes

def test_warn_before_writes_names_the_option_of_each_unknown_type_and_reads_the_tenant_list_once():
    client = FakeClient(job_types=['tenantSpecial'])
    targets = [('jobs[0].', Wanted(desired={'job_type': 'antivirs'})), ('jobs[1].', Wanted(desired={'job_type': 'tenantSpecial'})),
               ('jobs[2].', Wanted(state='absent')), ('jobs[3].', Wanted(desired={'name': 'n'}))]
    JOBS.warn_before_writes(client, targets)
    assert client.warnings == [
        "jobs[0].job_type: 'antivirs' is neither a job type OpsRamp documents nor one this tenant lists "
        "(GET /jobs/types); did you mean 'antivirus'? OpsRamp refuses an unknown type when the job is written"]
    assert client.requests == [('GET', '/jobs/types', None)]


def test_warn_before_writes_sends_nothing_for_documented_types():
    client = FakeClient()
    JOBS.warn_before_writes(client, [('', Wanted(desired={'job_type': 'adCheckList'}))])
    assert client.requests == [] and client.warnings == []


# ------------------------------------------------------------------------------------------ argument specs

SENSITIVE = {'custom_script': {'id': '7', 'parameters': [{'id': '1', 'value': 'a'},
                                                         {'id': '2', 'value': 'b', 'sensitive': True}]}}


def _value_spec(spec):
    return spec['custom_script']['options']['parameters']['options']['value']


@pytest.mark.parametrize('raw, hidden', [
    (None, False),
    ({'custom_script': {'parameters': [{'id': '1', 'value': 'a'}]}}, False),
    (SENSITIVE, True),
    ({'custom_script': {'parameters': [{'id': '1', 'value': 'a', 'sensitive': 'yes'}]}}, True),
    ({'custom_script': {'parameters': [{'id': '1', 'value': 'a', 'sensitive': 'perhaps'}]}}, True),  # refused later
    ({'custom_script': {'parameters': [{'id': '1', 'value': 'a', 'sensitive': 'no'}]}}, False),
    ({'custom_script': 'not a dict'}, False),
])
def test_the_argument_spec_hides_every_parameter_value_once_one_is_sensitive(raw, hidden):
    spec = JOBS.argument_spec(raw_params=raw)
    assert _value_spec(spec).get('no_log', False) is hidden
    assert set(spec) == {'id', 'name', 'job_type', 'entities', 'queued', 'credential_set', 'schedule',
                         'network_backup', 'app_install', 'custom_script'}
    assert 'no_log' not in _value_spec(JOBS.argument_spec()), 'a spec of one task must not leak into the next'


def test_the_list_argument_spec_takes_the_job_options_plus_state_and_source_in_every_element():
    spec = JOBS.list_argument_spec(raw_params={'jobs': [{'name': 'a'}, 'not a dict', dict(SENSITIVE, name='b')]})
    assert list(spec) == ['jobs']
    assert (spec['jobs']['type'], spec['jobs']['elements'], spec['jobs']['required']) == ('list', 'dict', True)
    element = spec['jobs']['options']
    assert set(element) == set(JOBS.argument_spec()) | {'state', 'source'}
    assert element['state'] == dict(type='str', choices=['present', 'absent'], default='present')
    assert _value_spec(element).get('no_log') is True  # one element's sensitive parameter hides them in all
    assert 'no_log' not in _value_spec(JOBS.list_argument_spec(raw_params={'jobs': [{'name': 'a'}]})['jobs']['options'])
    assert 'no_log' not in _value_spec(JOBS.list_argument_spec()['jobs']['options'])


def _custom_job(*parameters):
    job = api_job(name='rotate', job_type='custom')
    job['script'].update(customScript=dict(id='7'), parameters=[dict(paramId=pid, value=value) for pid, value in parameters])
    return job


def _wanted_parameters(sensitive, *parameters):
    params = dict(id=None, name='rotate', state='present', job_type='custom', custom_script=dict(
        id='7', parameters=[dict(id=pid, value=value, sensitive=sensitive) for pid, value in parameters]))
    return JOBS.wanted(dict(dict.fromkeys(JOBS.option_names()), **params))


def test_a_masked_secret_value_is_not_a_change_when_the_task_hides_its_values():
    stored = _custom_job(('1', 'plain'), ('2', '********'))
    hidden = _wanted_parameters(True, ('1', 'plain'), ('2', 'new-s3cret'))
    current = JOBS.comparable(JOBS.model.current(stored), hidden)
    assert changed_paths(hidden.desired, current) == []
    shown = _wanted_parameters(False, ('1', 'plain'), ('2', 'new-s3cret'))
    assert changed_paths(shown.desired, JOBS.comparable(JOBS.model.current(stored), shown)) == ['custom_script.parameters']


def test_a_masked_value_is_never_sent_back():
    stored = _custom_job(('1', 'plain'), ('2', '********'))
    renamed = JOBS.wanted(dict(dict.fromkeys(JOBS.option_names()), name='rotated', state='present'))
    with pytest.raises(ValidationError) as info:
        JOBS.payload(stored, renamed, datetime.datetime(2026, 1, 1))
    assert info.value.option == 'custom_script.parameters' and 'parameter 2' in info.value.message
    given = _wanted_parameters(True, ('1', 'plain'), ('2', 'new-s3cret'))
    sent = JOBS.payload(stored, given, datetime.datetime(2026, 1, 1))
    assert [item['value'] for item in sent['script']['parameters']] == ['plain', 'new-s3cret']
