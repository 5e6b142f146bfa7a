# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import datetime
import json
import re
import string

import pytest
import yaml
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from hypothesis import given, settings
from hypothesis import strategies as st

from ansible_collections.opsramp.automation.tests.simulator.opsramp_simulator import rewrites
from ansible_collections.opsramp.automation.tests.simulator.opsramp_simulator.config import SimConfig
from ansible_collections.opsramp.automation.tests.simulator.opsramp_simulator.rewrites import read_form, stored_form

from ansible_collections.opsramp.automation.plugins.doc_fragments.job import ModuleDocFragment
from ansible_collections.opsramp.automation.plugins.module_utils import job_model
from ansible_collections.opsramp.automation.plugins.module_utils.arguments import JOB_OPTIONS, job_argument_spec
from ansible_collections.opsramp.automation.plugins.module_utils.compare import changed_paths
from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import ValidationError
from ansible_collections.opsramp.automation.plugins.module_utils.job_model import (
    build_payload, check_type_options, current_state, desired_state, required_for_create,
    validate_job_params)

UTC = datetime.timezone.utc
NOW = datetime.datetime(2024, 5, 1, 6, 30, 45, tzinfo=UTC)
NOW_TEXT = '2024-05-01T06:30:00+0000'


def with_options(raw):
    """Options as the module sees them: Ansible's argument validation fills in defaults and None."""
    result = ArgumentSpecValidator(job_argument_spec()).validate(copy.deepcopy(raw))
    assert not result.error_messages, result.error_messages
    return result.validated_parameters


# The OpenAPI file's response example (api-behaviour §2, §6), with two entities.
NCB_RESPONSE = {
    'name': 'Network Config Backup',
    'entities': [
        {'resource': {'id': '709824de-8315-4cf9-ad1c-b15aaf7bf2a5',
                      'generalInfo': {'ipAddresses': '10.233.19.130', 'hostName': '10.233.19.130'},
                      'clientUniqueId': 'client_13', 'type': 'DEVICE'}},
        {'resource': {'id': '4e96d5bc-763c-4c00-beab-928d653a0422', 'generalInfo': {'resourceType': 'Desktop'},
                      'clientUniqueId': 'client_13', 'type': 'DEVICE'}},
    ],
    'schedule': {'startDate': '2016-04-14T10:10:00+0000',
                 'pattern': {'type': 'daily', 'frequency': 'recurrence', 'repeatFrequency': 2, 'repeatType': 'days'}},
    'jobQueued': True,
    'script': {'jobType': 'networkconfigbackup',
               'configParams': {'versionsSaved': 'ALL_VERSIONS', 'backUpTrigger': True, 'startupConfigAlert': True,
                                'runtimeConfigAlert': True, 'startUpConfigFilesBackUp': True, 'runTimeConfigFilesBackUp': True}},
    'id': 'cc242a8d-b0b4-430e-a89f-7081bc5e79b0',
}

NCB_CANONICAL = {
    'name': 'Network Config Backup',
    'job_type': 'networkconfigbackup',
    'entities': [{'id': '4e96d5bc-763c-4c00-beab-928d653a0422', 'type': 'DEVICE'},
                 {'id': '709824de-8315-4cf9-ad1c-b15aaf7bf2a5', 'type': 'DEVICE'}],
    'queued': True,
    'schedule': {'start_date': '2016-04-14T10:10:00+0000', 'start_time': '10:10Z', 'type': 'daily', 'frequency': 'recurrence',
                 'repeat_every': 2},
    'network_backup': {'versions_saved': 'all_versions', 'backup_on_trap': True, 'startup_config_alert': True,
                       'runtime_config_alert': True, 'backup_startup_config': True, 'backup_runtime_config': True},
}

# A custom job as OpsRamp reads it back: no jobType, enriched customScript and parameters, ids as numbers.
CUSTOM_RESPONSE = {
    'id': 'c-1', 'name': 'Job - test script', 'jobQueued': False,
    'entities': [{'resource': {'id': 'd1', 'type': 'DEVICE', 'clientUniqueId': 'client_1'}}],
    'schedule': {'startDate': '2021-01-01T00:00:00+0000', 'pattern': {'type': 'weekly', 'weekDays': 'Sunday, Tuesday'}},
    'script': {'customScript': {'id': 7, 'name': 'cleanup', 'description': 'd', 'platforms': ['WINDOWS']},
               'parameters': [{'paramId': 10, 'value': 'b', 'name': 'second'}, {'paramId': 2, 'value': '150', 'name': 'first'}],
               'userType': 1},
    'credentialSet': {'uniqueId': 'cs-1'},
}


# ------------------------------------------------------------------------------------------ current_state

def _job(script=None, pattern=None, **top):
    job = {'name': 'j', 'schedule': {'startDate': '2024-01-01T00:00:00+0000', 'pattern': pattern or {'type': 'never'}},
           'script': script or {'jobType': 'adCheckList'}}
    job.update(top)
    return job


NCB = {'jobType': 'networkconfigbackup'}
CUSTOM = {'customScript': {'id': '7'}}

# Pairs of server forms that must read as the same job: api-behaviour §7 (what was sent vs what came back).
EQUIVALENT_FORMS = [
    ('jobQueued string', _job(jobQueued='true'), _job(jobQueued=True)),
    ('jobQueued "false"/0', _job(jobQueued='false'), _job(jobQueued=0)),
    ('jobQueued "True"/1', _job(jobQueued='True'), _job(jobQueued=1)),
    ('repeatFrequency string', _job(pattern={'type': 'daily', 'frequency': 'recurrence', 'repeatType': 'Days', 'repeatFrequency': '2'}),
     _job(pattern={'type': 'daily', 'frequency': 'recurrence', 'repeatType': 'days', 'repeatFrequency': 2})),
    ('startDate seconds dropped', _job(schedule={'startDate': '2016-04-14T10:10:10+0000', 'pattern': {'type': 'never'}}),
     _job(schedule={'startDate': '2016-04-14T10:10:00+0000', 'pattern': {'type': 'never'}})),
    ('startDate offset and Z', _job(schedule={'startDate': '2016-04-14T15:40:10+05:30', 'pattern': {'type': 'never'}}),
     _job(schedule={'startDate': '2016-04-14T10:10Z', 'pattern': {'type': 'never'}})),
    ('startDate negative offset', _job(schedule={'startDate': '2016-04-14T02:10-0800', 'pattern': {'type': 'never'}}),
     _job(schedule={'startDate': '2016-04-14 10:10:59', 'pattern': {'type': 'never'}})),
    ('configParams strings', _job(dict(NCB, configParams={'versionsSaved': 'ALL_VERSIONS', 'backUpTrigger': 'true', 'startupConfigAlert': 'false'})),
     _job(dict(NCB, configParams={'versionsSaved': 'ALL_VERSIONS', 'backUpTrigger': True, 'startupConfigAlert': False}))),
    ('versionsSaved case', _job(dict(NCB, configParams={'versionsSaved': 'version_with_changes'})),
     _job(dict(NCB, configParams={'versionsSaved': 'VERSION_WITH_CHANGES'}))),
    ('runConfigAlert (schema) vs runtimeConfigAlert (examples)', _job(dict(NCB, configParams={'runConfigAlert': 'true'})),
     _job(dict(NCB, configParams={'runtimeConfigAlert': True}))),
    ('approvalType strings', _job({'jobType': 'appinstall', 'approvalType': {'approvalType': '1', 'alertRequired': 'true', 'approvalReason': 'r'}}),
     _job({'jobType': 'appinstall', 'approvalType': {'approvalType': 1, 'alertRequired': True, 'approvalReason': 'r'}})),
    ('customScript.id 7 vs "7"', _job({'jobType': 'custom', 'customScript': {'id': '7'}}), _job({'customScript': {'id': 7}})),
    ('paramId 2 vs "2", order, name', _job(dict(CUSTOM, parameters=[{'paramId': '2', 'value': '150'}, {'paramId': '10', 'value': 'x'}])),
     _job(dict(CUSTOM, parameters=[{'paramId': 10, 'value': 'x', 'name': 'b'}, {'paramId': 2, 'value': '150', 'name': 'a'}]))),
    ('custom job read back without jobType', _job({'jobType': 'custom', 'customScript': {'id': '7'}, 'userType': '1'}),
     _job({'customScript': {'id': 7, 'name': 'n', 'description': 'd', 'platforms': ['LINUX']}, 'userType': 1})),
    ('entities reordered and enriched',
     _job(entities=[{'resource': {'id': 'a', 'type': 'DEVICE'}}, {'resource': {'id': 'b', 'type': 'DEVICE'}}]),
     _job(entities=[{'resource': {'id': 'b', 'type': 'DEVICE', 'generalInfo': {'hostName': 'h'}, 'clientUniqueId': 'client_1'}},
                    {'resource': {'id': 'a', 'type': 'device', 'clientUniqueId': 'client_1'}}])),
    ('entities without resource wrapper', _job(entities=[{'resource': {'id': 'a', 'type': 'DEVICE'}}]),
     _job(entities=[{'id': 'a', 'type': 'DEVICE'}, {'id': 'a', 'type': 'DEVICE'}])),
    ('pattern type "Run Once"', _job(pattern={'type': 'Run Once'}), _job(pattern={'type': 'run once'})),
    ('weekIndex case, dayOfIndex vs dayOfWeek', _job(pattern={'type': 'monthly', 'weekIndex': 'SECOND', 'dayOfIndex': 'sunday'}),
     _job(pattern={'type': 'Monthly', 'weekIndex': 'Second', 'dayOfWeek': 'Sunday'})),
    ('weekDays string vs list', _job(pattern={'type': 'weekly', 'weekDays': 'sunday,TUESDAY'}),
     _job(pattern={'type': 'weekly', 'weekDays': ['Tuesday', 'Sunday']})),
    ('dayOfMonth string vs list', _job(pattern={'type': 'monthly', 'dayOfMonth': '1, 2, 3'}),
     _job(pattern={'type': 'monthly', 'dayOfMonth': [3, '1', 2, '02']})),
    ('frequency spelling', _job(pattern={'type': 'daily', 'frequency': 'every weekday'}),
     _job(pattern={'type': 'daily', 'frequency': 'Every Weekday'})),
    ('stale fields of another pattern type ignored', _job(pattern={'type': 'daily', 'frequency': 'everyday', 'weekDays': 'Monday', 'repeatFrequency': 3}),
     _job(pattern={'type': 'daily', 'frequency': 'everyday'})),
    ('server-only top-level fields ignored', _job(client={'id': 1, 'name': 'c'}, createdDate='x', lastRun={'status': 'u'}),
     _job()),
    ('job type spelling', _job({'jobType': 'ADCHECKLIST'}), _job({'jobType': 'adCheckList'})),
    # not documented, but a flag a stored job leaves out must not look different from false (a change forever)
    ('jobQueued left out', _job(id='x'), _job(id='x', jobQueued=False)),
    ('configParams flags left out', _job(dict(NCB, configParams={'versionsSaved': 'ALL_VERSIONS'})),
     _job(dict(NCB, configParams={'versionsSaved': 'ALL_VERSIONS', 'backUpTrigger': False, 'startupConfigAlert': None,
                                  'runtimeConfigAlert': 'false', 'startUpConfigFilesBackUp': False, 'runTimeConfigFilesBackUp': 0}))),
    ('alertRequired and approvalReason left out', _job({'jobType': 'appinstall', 'approvalType': {'approvalType': 0}}),
     _job({'jobType': 'appinstall', 'approvalType': {'approvalType': 0, 'alertRequired': False, 'approvalReason': None}})),
]


@pytest.mark.parametrize('label, one, other', EQUIVALENT_FORMS, ids=[row[0] for row in EQUIVALENT_FORMS])
def test_server_forms_read_as_the_same_job(label, one, other):
    assert current_state(one) == current_state(other), label
    assert changed_paths(current_state(one), current_state(other)) == []


@pytest.mark.parametrize('api_job, expected', [
    pytest.param(NCB_RESPONSE, NCB_CANONICAL, id='spec-response-example'),
    pytest.param(CUSTOM_RESPONSE, {
        'name': 'Job - test script', 'job_type': 'custom', 'entities': [{'id': 'd1', 'type': 'DEVICE'}], 'queued': False,
        'schedule': {'start_date': '2021-01-01T00:00:00+0000', 'start_time': '00:00Z', 'type': 'weekly', 'week_days': ['Sunday', 'Tuesday']},
        'custom_script': {'id': '7', 'user_type': 'system',
                          'parameters': [{'id': '2', 'value': '150'}, {'id': '10', 'value': 'b'}]},
        'credential_set': 'cs-1',
    }, id='custom-without-jobType'),
    pytest.param({'name': 'test', 'id': 'x', 'jobQueued': True,
                  'schedule': {'startDate': '2016-04-14T10:10:00+0000', 'pattern': {'type': 'never'}},
                  'script': {'customScript': {'id': 7}, 'userType': 2}}, {
        'name': 'test', 'job_type': 'custom', 'queued': True,
        'schedule': {'start_date': '2016-04-14T10:10:00+0000', 'start_time': '10:10Z', 'type': 'never'},
        'custom_script': {'id': '7', 'user_type': 'other'},
    }, id='search-result-without-entities-or-parameters'),
    pytest.param({'script': {'jobType': 'appinstall', 'approvalType': {'approvalType': 0, 'approvalReason': None, 'alertRequired': 'false'}}},
                 {'job_type': 'appinstall', 'app_install': {'approval': 'manual', 'reason': '', 'alert': False}}, id='appinstall'),
    pytest.param({'schedule': {'startDate': 'next tuesday', 'pattern': {'type': 'hourly', 'weekDays': 'x'}}, 'jobQueued': 'maybe'},
                 {'schedule': {'start_date': 'next tuesday', 'type': 'hourly'}, 'queued': 'maybe'}, id='unknown-values-kept'),
    pytest.param({'schedule': {'pattern': {'type': 'weekly', 'weekDays': 'Mon, Funday'}}},
                 {'schedule': {'type': 'weekly', 'week_days': ['Monday', 'Funday']}}, id='unknown-day-kept'),
    pytest.param({'schedule': {'pattern': {'type': 'monthly', 'dayOfMonth': '5', 'weekIndex': 'Last', 'dayOfWeek': 'Fri'}}},
                 {'schedule': {'type': 'monthly', 'days_of_month': [5], 'week_index': 'last', 'day_of_week': 'Friday'}},
                 id='monthly-with-both-variants'),
    pytest.param({'schedule': {'pattern': {'type': 'monthly', 'dayOfMonth': '', 'weekIndex': 'First', 'dayOfWeek': 'Monday'}}},
                 {'schedule': {'type': 'monthly', 'week_index': 'first', 'day_of_week': 'Monday'}}, id='monthly-empty-day-list'),
    pytest.param({}, {}, id='empty'),
    pytest.param(None, {}, id='none'),
])
def test_current_state(api_job, expected):
    state = current_state(api_job)
    assert state == expected
    json.dumps(state)


def test_current_state_does_not_modify_its_input():
    job = copy.deepcopy(CUSTOM_RESPONSE)
    current_state(job)
    assert job == CUSTOM_RESPONSE


# ------------------------------------------------------------------------------------------ desired_state

def _schedule(**fields):
    full = dict.fromkeys(job_model.PATTERN_KEYS)
    full.update(fields)
    return full


@pytest.mark.parametrize('raw, expected', [
    pytest.param({'name': 'n'}, {'name': 'n'}, id='only-name-managed'),
    pytest.param({'id': 'x', 'queued': False}, {'queued': False}, id='id-is-not-state'),
    pytest.param({'name': 'n', 'job_type': 'AdCheckList', 'entities': [{'id': 'b'}, {'id': 'a', 'type': 'device'}, {'id': 'b', 'type': 'DEVICE'}]},
                 {'name': 'n', 'job_type': 'adCheckList', 'entities': [{'id': 'a', 'type': 'DEVICE'}, {'id': 'b', 'type': 'DEVICE'}]},
                 id='entities-sorted-deduplicated-upper'),
    pytest.param({'name': 'n', 'entities': []}, {'name': 'n', 'entities': []}, id='empty-entities-managed'),
    pytest.param({'name': 'n', 'job_type': 'myNewType'}, {'name': 'n', 'job_type': 'myNewType'}, id='unknown-type-as-given'),
    pytest.param({'name': 'n', 'schedule': {'type': 'weekly', 'week_days': ['sat', ' TUESDAY ', 'Sun', 'sunday']}},
                 {'name': 'n', 'schedule': _schedule(type='weekly', week_days=['Sunday', 'Tuesday', 'Saturday'])}, id='weekly'),
    pytest.param({'name': 'n', 'schedule': {'type': 'daily', 'frequency': 'recurrence', 'repeat_every': 3, 'start_date': '2024-05-01 12:00:59+05:30'}},
                 {'name': 'n', 'schedule': _schedule(type='daily', frequency='recurrence', repeat_every=3, start_date='2024-05-01T06:30:00+0000')},
                 id='daily-recurrence-start-date'),
    pytest.param({'name': 'n', 'schedule': {'type': 'daily', 'frequency': 'every_weekday'}},
                 {'name': 'n', 'schedule': _schedule(type='daily', frequency='every_weekday')}, id='daily-start-date-not-managed'),
    pytest.param({'name': 'n', 'schedule': {'type': 'monthly', 'days_of_month': [15, 1, 15]}},
                 {'name': 'n', 'schedule': _schedule(type='monthly', days_of_month=[1, 15])}, id='monthly-days'),
    pytest.param({'name': 'n', 'schedule': {'type': 'monthly', 'week_index': 'last', 'day_of_week': 'FRI'}},
                 {'name': 'n', 'schedule': _schedule(type='monthly', week_index='last', day_of_week='Friday')}, id='monthly-week-index'),
    pytest.param({'name': 'n', 'schedule': {'type': 'run_once', 'start_date': '2024-05-01T06:30Z'}},
                 {'name': 'n', 'schedule': _schedule(type='run_once', start_date='2024-05-01T06:30:00+0000')}, id='run-once'),
    pytest.param({'name': 'n', 'job_type': 'networkconfigbackup', 'network_backup': {'backup_on_trap': False}},
                 {'name': 'n', 'job_type': 'networkconfigbackup', 'network_backup': {'backup_on_trap': False}}, id='network-backup-partial'),
    pytest.param({'name': 'n', 'app_install': {'approval': 'auto', 'reason': 'because'}},
                 {'name': 'n', 'app_install': {'approval': 'auto', 'reason': 'because'}}, id='app-install-partial'),
    pytest.param({'name': 'n', 'custom_script': {'id': '7', 'parameters': [
        {'id': '10', 'value': 'b', 'sensitive': True}, {'id': '2', 'value': None}, {'id': 'x', 'value': 'c'}]}},
        {'name': 'n', 'custom_script': {'id': '7', 'parameters': [
            {'id': '2', 'value': ''}, {'id': '10', 'value': 'b'}, {'id': 'x', 'value': 'c'}]}}, id='custom-parameters-sorted-no-sensitive'),
    pytest.param({'name': 'n', 'custom_script': {'user_type': 'other'}},
                 {'name': 'n', 'custom_script': {'user_type': 'other'}}, id='custom-user-type-only'),
])
def test_desired_state(raw, expected):
    state = desired_state(with_options(raw))
    assert state == expected
    json.dumps(state)


# ------------------------------------------------------------------------------------------ validation

def _ncb(**overrides):
    params = {'name': 'n', 'job_type': 'networkconfigbackup'}
    params.update(overrides)
    return params


BAD_OPTIONS = [
    ('no-name-no-id', {'job_type': 'adCheckList'}, 'name'),
    ('blank-name', {'name': '  '}, 'name'),
    ('blank-id', {'id': ''}, 'id'),
    ('blank-job-type', {'name': 'n', 'job_type': ''}, 'job_type'),
    ('empty-entity-id', {'name': 'n', 'entities': [{'id': 'a'}, {'id': ' '}]}, 'entities[1].id'),
    ('empty-entity-type', {'name': 'n', 'entities': [{'id': 'a', 'type': ''}]}, 'entities[0].type'),
    ('bad-schedule-type', {'name': 'n', 'schedule': {'type': 'hourly'}}, 'schedule.type'),
    ('schedule-without-type', {'name': 'n', 'schedule': {'start_date': '2024-01-01T00:00'}}, 'schedule.type'),
    ('weekly-without-week-days', {'name': 'n', 'schedule': {'type': 'weekly'}}, 'schedule.week_days'),
    ('weekly-with-empty-week-days', {'name': 'n', 'schedule': {'type': 'weekly', 'week_days': []}}, 'schedule.week_days'),
    ('unknown-week-day', {'name': 'n', 'schedule': {'type': 'weekly', 'week_days': ['Monday', 'Funday']}}, 'schedule.week_days'),
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
    ('repeat-every-without-recurrence', {'name': 'n', 'schedule': {'type': 'daily', 'frequency': 'everyday', 'repeat_every': 2}},
     'schedule.repeat_every'),
    ('repeat-every-0', {'name': 'n', 'schedule': {'type': 'daily', 'frequency': 'recurrence', 'repeat_every': 0}},
     'schedule.repeat_every'),
    ('repeat-every-on-weekly', {'name': 'n', 'schedule': {'type': 'weekly', 'week_days': ['Mon'], 'repeat_every': 1}},
     'schedule.repeat_every'),
    ('start-date-words', {'name': 'n', 'schedule': {'type': 'never', 'start_date': 'tomorrow'}}, 'schedule.start_date'),
    ('start-date-month-13', {'name': 'n', 'schedule': {'type': 'never', 'start_date': '2024-13-01T10:00'}}, 'schedule.start_date'),
    ('start-date-date-only', {'name': 'n', 'schedule': {'type': 'never', 'start_date': '2024-01-01'}}, 'schedule.start_date'),
    ('start-date-bad-offset', {'name': 'n', 'schedule': {'type': 'never', 'start_date': '2024-01-01T10:00+25:00'}},
     'schedule.start_date'),
    ('network-backup-on-other-type', _ncb(job_type='adCheckList', network_backup={'backup_on_trap': True}), 'network_backup'),
    ('app-install-on-ncb', _ncb(app_install={'alert': True}), 'app_install'),
    ('custom-script-on-appinstall', _ncb(job_type='appinstall', custom_script={'id': '7'}), 'custom_script'),
    ('blank-custom-script-id', _ncb(job_type='custom', custom_script={'id': ''}), 'custom_script.id'),
    ('duplicate-parameter-ids', _ncb(job_type='custom', custom_script={'id': '7', 'parameters': [
        {'id': '2', 'value': 'a'}, {'id': '3'}, {'id': '2', 'value': 'b'}]}), 'custom_script.parameters'),
    ('empty-parameter-id', _ncb(job_type='custom', custom_script={'parameters': [{'id': ''}]}), 'custom_script.parameters[0].id'),
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


@pytest.mark.parametrize('raw, message', [
    ({'name': 'n', 'schedule': {'type': 'weekly', 'week_days': ['Funday']}},
     "schedule.week_days: 'Funday' is not a day of the week (Sunday..Saturday or Sun..Sat)"),
    ({'name': 'n', 'schedule': {'type': 'monthly', 'days_of_month': [32]}}, 'schedule.days_of_month: 32 is not a day of the month (1..31)'),
    ({'name': 'n', 'job_type': 'adCheckList', 'network_backup': {}},
     'network_backup: applies only to jobs of job_type networkconfigbackup, and this job_type is adCheckList'),
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


@pytest.mark.parametrize('raw', [
    {'id': '4902d87c'},
    {'name': 'n', 'job_type': 'adCheckList', 'entities': [{'id': 'a'}], 'queued': True},
    {'name': 'n', 'schedule': {'type': 'weekly', 'week_days': ['sun', ' TUESDAY ', 'Sat urday', 'wed']}},
    {'name': 'n', 'schedule': {'type': 'daily', 'frequency': 'recurrence', 'repeat_every': 1, 'start_date': '2024-05-01 06:30'}},
    {'name': 'n', 'schedule': {'type': 'daily', 'frequency': 'everyday', 'start_date': '2024-05-01T06:30:15-0800'}},
    {'name': 'n', 'schedule': {'type': 'monthly', 'days_of_month': [1, 31], 'week_days': []}},
    {'name': 'n', 'schedule': {'type': 'monthly', 'week_index': 'fourth', 'day_of_week': 'thu'}},
    {'name': 'n', 'schedule': {'type': 'never', 'start_date': '2024-05-01T06:30:00Z'}},
    {'name': 'n', 'schedule': {'type': 'run_once', 'start_date': '2024-05-01T06:30:00.123+05:30'}},
    _ncb(network_backup={'versions_saved': 'all_versions'}),
    _ncb(job_type='APPINSTALL', app_install={'approval': 'manual'}),
    _ncb(job_type='custom', custom_script={'id': '7', 'parameters': [{'id': '1', 'value': ''}, {'id': '2', 'value': 's', 'sensitive': True}]}),
    {'name': 'n', 'network_backup': {'backup_on_trap': True}},  # job type unknown yet: checked after lookup
])
def test_good_options_pass(raw):
    validate_job_params(with_options(raw))


def test_absent_checks_only_the_identity():
    validate_job_params(with_options({'name': 'n', 'schedule': {'type': 'weekly'}}), state='absent')
    with pytest.raises(ValidationError) as caught:
        validate_job_params(with_options({'schedule': {'type': 'weekly'}}), state='absent')
    assert caught.value.option == 'name'


@pytest.mark.parametrize('raw, option', [
    ({'name': 'n', 'job_type': 'adCheckList', 'schedule': {'type': 'never'}}, None),
    ({'id': 'x'}, 'name, job_type, schedule'),
    ({'name': 'n', 'schedule': {'type': 'never'}}, 'job_type'),
    ({'name': 'n', 'job_type': 'adCheckList'}, 'schedule'),
    ({'name': 'n', 'job_type': 'custom', 'schedule': {'type': 'never'}}, 'custom_script.id'),
    ({'name': 'n', 'job_type': 'Custom', 'schedule': {'type': 'never'}, 'custom_script': {'user_type': 'system'}}, 'custom_script.id'),
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


# ------------------------------------------------------------------------------------------ build_payload

def test_create_payload_matches_the_spec_request_example():
    params = with_options({
        'name': 'Network Config Backup', 'job_type': 'networkconfigbackup', 'queued': True,
        'entities': [{'id': '709824de-8315-4cf9-ad1c-b15aaf7bf2a5'}, {'id': '4e96d5bc-763c-4c00-beab-928d653a0422'}],
        'network_backup': {'versions_saved': 'all_versions', 'backup_on_trap': True, 'startup_config_alert': True,
                           'runtime_config_alert': True, 'backup_startup_config': True, 'backup_runtime_config': True},
        'schedule': {'start_date': '2016-04-14T10:10:10+0000', 'type': 'daily', 'frequency': 'recurrence', 'repeat_every': 2},
    })
    assert build_payload(None, desired_state(params), now=NOW) == {
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
    pytest.param({'name': 'm', 'job_type': 'antivirus', 'schedule': {'type': 'monthly', 'week_index': 'second', 'day_of_week': 'sun'}}, {
        'name': 'm', 'script': {'jobType': 'antivirus'},
        'schedule': {'startDate': NOW_TEXT, 'pattern': {'type': 'monthly', 'weekIndex': 'Second', 'dayOfWeek': 'Sunday'}},
    }, id='monthly-week-index'),
    pytest.param({'name': 'r', 'job_type': 'assetinfo', 'schedule': {'type': 'run_once', 'start_date': '2024-06-01T08:00:00-0800'}}, {
        'name': 'r', 'script': {'jobType': 'assetinfo'},
        'schedule': {'startDate': '2024-06-01T16:00:00+0000', 'pattern': {'type': 'run once'}},
    }, id='run-once-with-offset'),
    pytest.param({'name': 'c', 'job_type': 'custom', 'schedule': {'type': 'daily', 'frequency': 'every_weekday'},
                  'custom_script': {'id': '7', 'user_type': 'system', 'parameters': [{'id': '2', 'value': '150'}, {'id': '1'}]}}, {
        'name': 'c',
        'script': {'jobType': 'custom', 'customScript': {'id': '7'}, 'userType': 1,
                   'parameters': [{'paramId': '1', 'value': ''}, {'paramId': '2', 'value': '150'}]},
        'schedule': {'startDate': NOW_TEXT, 'pattern': {'type': 'daily', 'frequency': 'every weekday'}},
    }, id='custom'),
    pytest.param({'name': 'a', 'job_type': 'appinstall', 'schedule': {'type': 'never'}, 'queued': False,
                  'app_install': {'approval': 'auto', 'reason': 'r', 'alert': True}}, {
        'name': 'a', 'jobQueued': False,
        'script': {'jobType': 'appinstall', 'approvalType': {'approvalType': 1, 'approvalReason': 'r', 'alertRequired': True}},
        'schedule': {'startDate': NOW_TEXT, 'pattern': {'type': 'never'}},
    }, id='appinstall'),
])
def test_create_payload(raw, expected):
    desired = desired_state(with_options(raw))
    assert build_payload(None, desired, now=NOW) == expected


def test_create_start_date_defaults_to_the_current_minute():
    desired = desired_state(with_options({'name': 'n', 'job_type': 'antivirus', 'schedule': {'type': 'never'}}))
    before = datetime.datetime.now(UTC).replace(second=0, microsecond=0)
    start = job_model.parse_start_date(build_payload(None, desired)['schedule']['startDate'])
    assert before <= start <= datetime.datetime.now(UTC)
    naive = build_payload(None, desired, now=datetime.datetime(2024, 5, 1, 6, 30, 45))
    assert naive['schedule']['startDate'] == NOW_TEXT


def test_update_payload_overlays_the_managed_values_on_the_current_job():
    current = copy.deepcopy(NCB_RESPONSE)
    current['credentialSet'] = {'uniqueId': 'cs-1'}
    current['jobQueued'] = 'true'
    current['schedule']['pattern']['repeatFrequency'] = '2'
    current['script']['configParams']['backUpTrigger'] = 'false'
    desired = desired_state(with_options({
        'id': current['id'], 'entities': [{'id': 'new-device'}],
        'schedule': {'type': 'weekly', 'week_days': ['Mon']},
        'network_backup': {'versions_saved': 'version_with_changes'},
    }))
    payload = build_payload(current, desired, now=NOW)
    assert payload == {
        'id': 'cc242a8d-b0b4-430e-a89f-7081bc5e79b0',
        'name': 'Network Config Backup',
        'credentialSet': {'uniqueId': 'cs-1'},
        'jobQueued': True,
        'entities': [{'resource': {'id': 'new-device', 'type': 'DEVICE'}}],
        'schedule': {'startDate': '2016-04-14T10:10:00+0000', 'pattern': {'type': 'weekly', 'weekDays': 'Monday'}},
        'script': {'jobType': 'networkconfigbackup',
                   'configParams': {'versionsSaved': 'VERSION_WITH_CHANGES', 'backUpTrigger': False, 'startupConfigAlert': True,
                                    'runtimeConfigAlert': True, 'startUpConfigFilesBackUp': True,
                                    'runTimeConfigFilesBackUp': True}},
    }
    assert current['jobQueued'] == 'true', 'the current job must not be modified'


def test_update_payload_of_a_custom_job_in_request_style():
    desired = desired_state(with_options({'name': 'renamed', 'custom_script': {'parameters': [{'id': '2', 'value': '300'}]}}))
    assert build_payload(CUSTOM_RESPONSE, desired, now=NOW) == {
        'id': 'c-1', 'name': 'renamed', 'jobQueued': False,
        'entities': [{'resource': {'id': 'd1', 'type': 'DEVICE'}}],
        'schedule': {'startDate': '2021-01-01T00:00:00+0000', 'pattern': {'type': 'weekly', 'weekDays': 'Sunday, Tuesday'}},
        'script': {'jobType': 'custom', 'customScript': {'id': '7'}, 'parameters': [{'paramId': '2', 'value': '300'}], 'userType': 1},
        'credentialSet': {'uniqueId': 'cs-1'},
    }


def test_update_without_managed_values_sends_the_job_back_in_request_style():
    current = {
        'id': 'x', 'name': 'n', 'extra': {'kept': ['as', 'is']},
        'entities': [{'id': 'a', 'type': 'DEVICE', 'generalInfo': {}}],
        'schedule': {'startDate': '2024-01-01T00:00:00+0000',
                     'pattern': {'type': 'daily', 'frequency': 'recurrence', 'repeatType': 'days', 'repeatFrequency': '4'}},
        'script': {'jobType': 'appinstall', 'approvalType': {'approvalType': '0', 'alertRequired': 'false', 'approvalReason': None}},
    }
    assert build_payload(current, {}) == {
        'id': 'x', 'name': 'n', 'extra': {'kept': ['as', 'is']},
        'entities': [{'resource': {'id': 'a', 'type': 'DEVICE'}}],
        'schedule': {'startDate': '2024-01-01T00:00:00+0000',
                     'pattern': {'type': 'daily', 'frequency': 'recurrence', 'repeatType': 'days', 'repeatFrequency': 4}},
        'script': {'jobType': 'appinstall', 'approvalType': {'approvalType': 0, 'alertRequired': False, 'approvalReason': None}},
    }


@pytest.mark.parametrize('config_params, expected', [
    ({'runConfigAlert': 'true'}, {'runtimeConfigAlert': True}),
    ({'runConfigAlert': 'true', 'runtimeConfigAlert': False}, {'runtimeConfigAlert': False}),
])
def test_update_sends_runtime_config_alert_under_its_example_name(config_params, expected):
    current = {'id': 'x', 'script': {'jobType': 'networkconfigbackup', 'configParams': config_params}}
    assert build_payload(current, {})['script']['configParams'] == expected


def test_update_schedule_without_start_date_keeps_the_current_one_or_uses_now():
    desired = desired_state(with_options({'id': 'x', 'schedule': {'type': 'never'}}))
    with_start = {'id': 'x', 'schedule': {'startDate': '2020-02-02T02:02:00+0000', 'pattern': {'type': 'weekly', 'weekDays': 'Monday'}}}
    assert build_payload(with_start, desired, now=NOW)['schedule'] == {'startDate': '2020-02-02T02:02:00+0000', 'pattern': {'type': 'never'}}
    assert build_payload({'id': 'x'}, desired, now=NOW)['schedule'] == {'startDate': NOW_TEXT, 'pattern': {'type': 'never'}}


def test_changing_the_job_type_drops_the_former_type_settings():
    desired = desired_state(with_options({'id': 'x', 'job_type': 'antivirus'}))
    assert build_payload(NCB_RESPONSE, desired)['script'] == {'jobType': 'antivirus'}
    same_type = desired_state(with_options({'id': 'x', 'job_type': 'NetworkConfigBackup'}))
    assert build_payload(NCB_RESPONSE, same_type)['script'] == NCB_RESPONSE['script']


# ------------------------------------------------------------------------------------------ argument spec and docs

def _spec_from_docs(docs):
    spec = {}
    for name, doc in docs.items():
        entry = dict((key, doc[key]) for key in ('type', 'elements', 'required', 'default', 'choices') if key in doc)
        if 'suboptions' in doc:
            entry['options'] = _spec_from_docs(doc['suboptions'])
        spec[name] = entry
    return spec


def _option_paths(options, prefix=''):
    paths = set()
    for option in options:
        path = prefix + option['name']
        paths.add(path)
        if 'options' in option:
            suffix = '[].' if option['type'] == 'list' else '.'
            paths |= _option_paths(option['options'], path + suffix)
    return paths


def test_doc_fragment_matches_the_argument_spec():
    docs = yaml.safe_load(ModuleDocFragment.DOCUMENTATION)['options']
    assert _spec_from_docs(docs) == job_argument_spec()
    assert set(job_argument_spec()) == {'id', 'name', 'job_type', 'entities', 'queued', 'credential_set', 'schedule',
                                        'network_backup', 'app_install', 'custom_script'}


def test_doc_references_name_real_options():
    paths = _option_paths(JOB_OPTIONS)
    text = json.dumps(JOB_OPTIONS)
    references = re.findall(r'O\(([^)=]+)', text)
    assert references
    assert sorted(set(references) - paths) == []


def test_only_two_suboption_defaults():
    defaults = ArgumentSpecValidator(job_argument_spec()).validate({
        'name': 'n', 'entities': [{'id': 'a'}], 'schedule': {'type': 'never'}, 'network_backup': {}, 'app_install': {},
        'custom_script': {'parameters': [{'id': '1'}]}}).validated_parameters
    assert defaults['entities'] == [{'id': 'a', 'name': None, 'host_name': None, 'ip_address': None, 'type': 'DEVICE'}]
    assert defaults['custom_script']['parameters'] == [{'id': '1', 'value': None, 'macro': None, 'sensitive': False}]
    assert set(defaults['schedule'].values()) == {'never', None}
    assert set(defaults['network_backup'].values()) == {None}
    assert set(defaults['app_install'].values()) == {None}


# ------------------------------------------------------------------------------------------ properties: server round trip
# The "server echo" is the simulator's model of what OpsRamp does to a body it stores and reads back
# (tests/simulator/opsramp_simulator/rewrites.py): whatever valid options a task gives, reading the job back after the
# create or update the model built must show no change, under every server behaviour the simulator can imitate.

_identifiers = st.text(alphabet=string.ascii_letters + string.digits + '-_.', min_size=1, max_size=10)
_texts = st.text(st.characters(blacklist_categories=('Cs',)), max_size=12)
_names = _texts.filter(lambda text: text.strip() != '')


@st.composite
def _day_spellings(draw):
    day = draw(st.sampled_from(job_model.DAYS))
    spelling = draw(st.sampled_from([day, day.lower(), day.upper(), day[:3], day[:3].lower(), day[:3].upper()]))
    return draw(st.sampled_from(['%s', ' %s', '%s  '])) % spelling


@st.composite
def _start_dates(draw):
    moment = draw(st.datetimes(min_value=datetime.datetime(2000, 1, 1), max_value=datetime.datetime(2099, 12, 31)))
    text = moment.strftime('%Y-%m-%d') + draw(st.sampled_from(['T', ' '])) + moment.strftime('%H:%M')
    if draw(st.booleans()):
        text += moment.strftime(':%S')
    offset = draw(st.sampled_from(['', 'Z', '+0000', '+05:30', '-0800', '+0545', '-03:30']))
    return text + offset


@st.composite
def _start_times(draw):
    hour, minute = draw(st.integers(0, 23)), draw(st.integers(0, 59))
    return draw(st.sampled_from(['%d:%02d', '%02d:%02d'])) % (hour, minute) + draw(
        st.sampled_from(['', 'Z', '+0000', '+01:00', '-0800', '+0545', ' +05:30']))


_schedules = st.one_of(
    st.fixed_dictionaries({'type': st.just('daily'), 'frequency': st.sampled_from(['everyday', 'every_weekday'])}),
    st.fixed_dictionaries({'type': st.just('daily'), 'frequency': st.just('recurrence'), 'repeat_every': st.integers(1, 400)}),
    st.fixed_dictionaries({'type': st.just('weekly'), 'week_days': st.lists(_day_spellings(), min_size=1, max_size=9)}),
    st.fixed_dictionaries({'type': st.just('monthly'), 'days_of_month': st.lists(st.integers(1, 31), min_size=1, max_size=8)}),
    st.fixed_dictionaries({'type': st.just('monthly'), 'week_index': st.sampled_from(sorted(job_model.WEEK_INDEXES)),
                           'day_of_week': _day_spellings()}),
    st.fixed_dictionaries({'type': st.sampled_from(['run_once', 'never'])}),
).flatmap(lambda schedule: st.one_of(*(
    st.fixed_dictionaries(dict((key, st.just(value)) for key, value in schedule.items()), optional={start: strategy})
    for start, strategy in (('start_date', _start_dates()), ('start_time', _start_times())))))

_entities = st.lists(st.fixed_dictionaries({'id': _identifiers}, optional={'type': st.sampled_from(['DEVICE', 'device', 'Device'])}),
                     max_size=5)


def _optional_subset(fields):
    return st.fixed_dictionaries({}, optional=fields)


_network_backups = _optional_subset(dict(
    [('versions_saved', st.sampled_from(sorted(job_model.VERSIONS_SAVED)))]
    + [(option, st.booleans()) for option in job_model.NETWORK_BACKUP_OPTIONS if option != 'versions_saved']))
_app_installs = _optional_subset({'approval': st.sampled_from(sorted(job_model.APPROVALS)), 'reason': _texts, 'alert': st.booleans()})
_parameters = st.lists(st.one_of(
    st.fixed_dictionaries({'id': st.one_of(_identifiers, st.integers(1, 99).map(str)), 'value': _texts},
                          optional={'sensitive': st.booleans()}),
    st.fixed_dictionaries({'id': st.one_of(_identifiers, st.integers(1, 99).map(str)),
                           'macro': st.one_of(_identifiers, st.integers(1, 99).map(str))})),
                       max_size=4, unique_by=lambda parameter: parameter['id'])
_custom_scripts = st.fixed_dictionaries({'id': st.one_of(st.integers(1, 999).map(str), _identifiers)},
                                        optional={'user_type': st.sampled_from(sorted(job_model.USER_TYPES)), 'parameters': _parameters})

_TYPE_OPTION_STRATEGIES = {
    'networkconfigbackup': ('network_backup', _network_backups),
    'appinstall': ('app_install', _app_installs),
    'custom': ('custom_script', _custom_scripts),
}


@st.composite
def job_specs(draw):
    """Options that can create a job: every job type and every schedule shape, spelled in every accepted way."""
    job_type = draw(st.sampled_from(['adCheckList', 'ADCHECKLIST', 'antivirus', 'assetinfo', 'networkconfigbackup',
                                     'appinstall', 'AppInstall', 'custom']))
    spec = {'name': draw(_names), 'job_type': job_type, 'schedule': draw(_schedules)}
    type_option = _TYPE_OPTION_STRATEGIES.get(job_model.canonical_job_type(job_type))
    if type_option and (type_option[0] == 'custom_script' or draw(st.booleans())):
        spec[type_option[0]] = draw(type_option[1])
    if draw(st.booleans()):
        spec['entities'] = draw(_entities)
    if draw(st.booleans()):
        spec['queued'] = draw(st.booleans())
    return spec


SIM_CONFIGS = [
    SimConfig(),
    SimConfig(list_style='compact'),
    SimConfig(list_style='as_sent'),
    SimConfig(entity_order='sorted'),
    SimConfig(entity_order='as_sent'),
    SimConfig(booleans_as_strings=True),
    SimConfig(day_of_week_field='dayOfIndex'),
    SimConfig(numeric_ids_as_int=False, custom_without_job_type=False),
    SimConfig(list_style='compact', entity_order='sorted', booleans_as_strings=True, day_of_week_field='dayOfIndex'),
    SimConfig(day_of_week_field='as_sent', macro_parameter_value='null'),
]
_sim_configs = st.sampled_from(SIM_CONFIGS)


def echo(payload, config, view='get'):
    """What OpsRamp would return after storing this body."""
    assert rewrites.validate(payload, creating='id' not in payload) == []
    return read_form(stored_form(payload, config), config, view=view)


def _created(spec, config):
    """A job that exists: created from spec, as OpsRamp returns it."""
    params = with_options(spec)
    job = echo(build_payload(None, desired_state(params), now=NOW), config)
    job['id'] = 'job-1'
    return job


@settings(max_examples=200, deadline=None)
@given(spec=job_specs(), config=_sim_configs)
def test_a_created_job_reads_back_unchanged(spec, config):
    params = with_options(spec)
    validate_job_params(params)
    required_for_create(params)
    desired = desired_state(params)
    check_type_options(desired, None)
    payload = build_payload(None, desired, now=NOW)
    json.dumps(payload)
    _assert_create_sends_only_what_is_managed_and_required(desired, payload)
    assert changed_paths(desired, current_state(echo(payload, config))) == []
    # a search result lacks entities and custom-script parameters (api-behaviour §4): nothing else may differ
    assert set(changed_paths(desired, current_state(echo(payload, config, view='search')))) <= {'entities', 'custom_script.parameters'}


@st.composite
def updates(draw):
    """(current job spec, update options): the update manages a random part of a full spec, addressing the job by id."""
    base, change = draw(job_specs()), draw(job_specs())
    managed = draw(st.sets(st.sampled_from(sorted(change))))
    update = dict((key, change[key]) for key in managed)
    if 'job_type' in update:
        update.update((option, change[option]) for option in job_model.TYPE_OPTIONS if option in change)
    effective_type = job_model.canonical_job_type(update.get('job_type', base['job_type']))
    for option, job_type in job_model.TYPE_OPTIONS.items():
        if job_type != effective_type:
            update.pop(option, None)
    update['id'] = 'job-1'
    return base, update


@settings(max_examples=200, deadline=None)
@given(case=updates(), config=_sim_configs)
def test_an_updated_job_reads_back_unchanged_and_keeps_what_is_not_managed(case, config):
    base, update = case
    current_job = _created(base, config)
    current = current_state(current_job)
    params = with_options(update)
    validate_job_params(params)
    desired = desired_state(params)
    check_type_options(desired, current)
    payload = build_payload(current_job, desired, now=NOW)
    assert payload['id'] == 'job-1'
    _assert_update_sends_only_the_current_fields_and_what_is_managed(current_job, desired, payload)
    after = current_state(echo(payload, config))
    assert changed_paths(desired, after) == []
    type_changed = desired.get('job_type', current['job_type']) != current['job_type']
    for key in set(current) - set(desired):
        if not (type_changed and key in job_model.TYPE_OPTIONS):
            assert after[key] == current[key], key
    if 'schedule' in desired and 'start_date' not in desired['schedule']:
        kept = 10 if 'start_time' in desired['schedule'] else 16  # a managed start_time keeps the date only
        assert after['schedule']['start_date'][:kept] == current['schedule']['start_date'][:kept]


@settings(max_examples=100, deadline=None)
@given(spec=job_specs(), config=_sim_configs)
def test_an_update_managing_nothing_changes_nothing(spec, config):
    current_job = _created(spec, config)
    assert current_state(echo(build_payload(current_job, {}, now=NOW), config)) == current_state(current_job)


_PATTERN_FIELDS = {
    'daily': {'type', 'frequency'},
    'weekly': {'type', 'weekDays'},
    'run_once': {'type'},
    'never': {'type'},
}


def _expected_pattern_keys(schedule, day_key='dayOfWeek'):
    if schedule['type'] == 'monthly':
        return {'type', 'dayOfMonth'} if schedule['days_of_month'] else {'type', 'weekIndex', day_key}
    keys = set(_PATTERN_FIELDS[schedule['type']])
    if schedule.get('frequency') == 'recurrence':
        keys |= {'repeatType', 'repeatFrequency'}
    return keys


def _expected_script_keys(desired):
    keys = {'jobType'}
    if 'network_backup' in desired:
        keys.add('configParams')
    if 'app_install' in desired:
        keys.add('approvalType')
    for option, key in (('id', 'customScript'), ('user_type', 'userType'), ('parameters', 'parameters')):
        if option in desired.get('custom_script', {}):
            keys.add(key)
    return keys


def _assert_create_sends_only_what_is_managed_and_required(desired, payload):
    optional = set(key for key, option in (('entities', 'entities'), ('jobQueued', 'queued')) if option in desired)
    assert set(payload) == {'name', 'schedule', 'script'} | optional
    assert set(payload['schedule']) == {'startDate', 'pattern'}
    assert set(payload['schedule']['pattern']) == _expected_pattern_keys(desired['schedule'])
    assert set(payload['script']) == _expected_script_keys(desired)
    managed_config = set(key for option, key in job_model.NETWORK_BACKUP_FIELDS if option in desired.get('network_backup', {}))
    assert set(payload['script'].get('configParams', {})) == managed_config
    managed_approval = set(key for option, key in job_model.APP_INSTALL_FIELDS if option in desired.get('app_install', {}))
    assert set(payload['script'].get('approvalType', {})) == managed_approval
    _assert_native_types(payload)


def _assert_update_sends_only_the_current_fields_and_what_is_managed(current_job, desired, payload):
    managed = set(key for key, option in (('name', 'name'), ('entities', 'entities'), ('jobQueued', 'queued')) if option in desired)
    assert set(payload) <= set(current_job) | managed
    if 'schedule' in desired:  # an update keeps the stored spelling of the nth weekday (api-behaviour §9)
        day_key = 'dayOfIndex' if 'dayOfIndex' in current_job['schedule']['pattern'] else 'dayOfWeek'
        assert set(payload['schedule']['pattern']) == _expected_pattern_keys(desired['schedule'], day_key)
    _assert_native_types(payload)


def _assert_native_types(payload):
    assert isinstance(payload.get('jobQueued', False), bool)
    pattern = payload['schedule']['pattern']
    assert isinstance(pattern.get('repeatFrequency', 1), int)
    script = payload['script']
    for value in script.get('configParams', {}).values():
        assert isinstance(value, bool) or value in job_model.VERSIONS_SAVED.values()
    approval = script.get('approvalType', {})
    assert isinstance(approval.get('approvalType', 0), int) and isinstance(approval.get('alertRequired', False), bool)
    assert isinstance(script.get('userType', 1), int)
    for entity in payload.get('entities', []):
        assert set(entity) == {'resource'} and set(entity['resource']) == {'id', 'type'}
    assert job_model.parse_start_date(payload['schedule']['startDate']) is not None


# ------------------------------------------------------------------------------------------ schedule.start_time

@pytest.mark.parametrize('start_time, utc_time', [
    ('02:00', '02:00Z'), ('2:05Z', '02:05Z'), ('02:00+01:00', '01:00Z'), ('00:30+0100', '23:30Z'), ('23:45-0800', '07:45Z'),
])
def test_start_time_is_managed_as_the_utc_time_of_day(start_time, utc_time):
    desired = desired_state(with_options({'name': 'n', 'schedule': {'type': 'never', 'start_time': start_time}}))
    assert desired['schedule']['start_time'] == utc_time


@pytest.mark.parametrize('raw', [
    {'name': 'n', 'schedule': {'type': 'never', 'start_time': '25:00'}},
    {'name': 'n', 'schedule': {'type': 'never', 'start_time': '2pm'}},
    {'name': 'n', 'schedule': {'type': 'never', 'start_time': '02:00', 'start_date': '2024-01-01T02:00Z'}},
])
def test_bad_start_time_is_refused(raw):
    with pytest.raises(ValidationError) as caught:
        validate_job_params(with_options(raw))
    assert caught.value.option == 'schedule.start_time'


def test_a_new_job_starts_at_the_next_occurrence_of_the_start_time():
    later_today = desired_state(with_options({'name': 'n', 'job_type': 'antivirus', 'schedule': {'type': 'never', 'start_time': '08:00'}}))
    earlier = desired_state(with_options({'name': 'n', 'job_type': 'antivirus', 'schedule': {'type': 'never', 'start_time': '06:00'}}))
    assert build_payload(None, later_today, now=NOW)['schedule']['startDate'] == '2024-05-01T08:00:00+0000'
    assert build_payload(None, earlier, now=NOW)['schedule']['startDate'] == '2024-05-02T06:00:00+0000'


def test_start_time_keeps_the_stored_date_and_changes_only_the_time():
    current = copy.deepcopy(NCB_RESPONSE)  # starts 2016-04-14T10:10
    same_time = desired_state(with_options({'schedule': {'type': 'daily', 'frequency': 'recurrence', 'repeat_every': 2,
                                                         'start_time': '11:10+01:00'}}))
    assert changed_paths(same_time, current_state(current)) == []
    new_time = desired_state(with_options({'schedule': {'type': 'daily', 'frequency': 'recurrence', 'repeat_every': 2,
                                                        'start_time': '03:00Z'}}))
    assert changed_paths(new_time, current_state(current)) == ['schedule.start_time']
    assert build_payload(current, new_time, now=NOW)['schedule']['startDate'] == '2016-04-14T03:00:00+0000'
