# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The job table (``_jobs/table.py``): where each option lives in the API, checked against spellings written out by
hand and against the seed's samples; how OpsRamp's forms of a job read (``JOB_MODEL.current``) and how a task's
options read (``JOB_MODEL.desired``); the argument spec and documentation rendered from it."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import json
import re

import pytest
import yaml
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.opsramp.automation.tests.unit.plugins.module_utils._jobs.job_support import (
    API_PATHS, CUSTOM_RESPONSE, NCB_RESPONSE, OTHER_SPELLINGS, READ_ONLY_ENRICHMENTS, REPEAT_TYPE, SAMPLE_OPTIONS,
    SEED_SAMPLES, seed_sample, with_options)

from ansible_collections.opsramp.automation.plugins.doc_fragments.job import ModuleDocFragment
from ansible_collections.opsramp.automation.plugins.module_utils._engine.compare import changed_paths
from ansible_collections.opsramp.automation.plugins.module_utils._jobs.table import JOB_MODEL, READ_ONLY_KEYS
from ansible_collections.opsramp.automation.plugins.module_utils._jobs.validation import validate_job_params

current_state = JOB_MODEL.current
desired_state = JOB_MODEL.desired

# the schedule's pattern fields: a given schedule manages each of them (None: must be absent)
PATTERN_OPTIONS = ('frequency', 'repeat_every', 'week_days', 'days_of_month', 'week_index', 'day_of_week')


def dotted(path):
    return '.'.join(path)


# ------------------------------------------------------------------------------------------ where each option lives

def test_every_field_reads_and_writes_the_spelling_the_api_uses():
    table = dict((field.path, dotted(field.reads[0])) for field in JOB_MODEL.fields)
    assert table == API_PATHS
    others = dict((field.path, dotted(field.reads[1])) for field in JOB_MODEL.fields if len(field.reads) > 1)
    assert others == OTHER_SPELLINGS


def test_repeat_every_is_sent_with_its_unit():
    field = [field for field in JOB_MODEL.fields if field.path == 'schedule.repeat_every'][0]
    assert field.also_write == dict([REPEAT_TYPE])


def _leaf_paths(value, prefix=''):
    """The key paths of a JSON document, lists as ``[]``: ``entities[].resource.id``."""
    if isinstance(value, dict):
        return set(path for key, item in value.items() for path in _leaf_paths(item, prefix + '.' + key if prefix else key))
    if isinstance(value, list):
        return set(path for item in value for path in _leaf_paths(item, prefix + '[]'))
    return {prefix}


@pytest.mark.parametrize('sample', SEED_SAMPLES)
def test_every_key_of_each_seed_request_is_read_by_a_field_of_the_table(sample):
    """The seed's requests are OpsRamp's own spelling of a job: each of their keys must be one the table reads (or
    the job's id, or repeatType, which the table sends beside repeatFrequency)."""
    request, dummy = seed_sample(sample)
    read = set(dotted(path) for field in JOB_MODEL.fields for path in field.reads)
    lists = set(path for path in read if path in ('entities', 'script.parameters'))  # a kind reads inside these
    unread = set()
    for path in _leaf_paths(request) - {'id', 'schedule.pattern.' + REPEAT_TYPE[0]}:
        if path not in read and path.split('[]')[0] not in lists:
            unread.add(path)
    assert unread == set()


def test_the_read_only_enrichments_are_those_opsramp_adds():
    table = set((dotted(path).replace('.[]', '[]'), keys) for path, keys in READ_ONLY_KEYS)
    assert table == set(READ_ONLY_ENRICHMENTS)


# ------------------------------------------------------------------------------------------ the seed's samples

@pytest.mark.parametrize('sample', SEED_SAMPLES)
def test_each_seed_request_as_options_converges_against_its_response(sample):
    request, response = seed_sample(sample)
    params = with_options(SAMPLE_OPTIONS[sample])
    validate_job_params(params)
    assert changed_paths(desired_state(params), current_state(response)) == []
    assert changed_paths(desired_state(params), current_state(request)) == []


@pytest.mark.parametrize('sample', SEED_SAMPLES)
def test_each_seed_response_reads_as_every_option_its_request_gives(sample):
    """What the comparison sees of a sample is what the options give, field by field: nothing read as absent."""
    request, response = seed_sample(sample)
    desired = desired_state(with_options(SAMPLE_OPTIONS[sample]))
    current = current_state(response)
    for option, value in desired.items():
        if isinstance(value, dict):
            given = dict((key, item) for key, item in value.items() if item is not None)
            assert dict((key, current[option].get(key)) for key in given) == given, option
        else:
            assert current[option] == value, option
    assert current_state(request)['queued'] is True  # "true" in the request


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
    ('repeatFrequency string',
     _job(pattern={'type': 'daily', 'frequency': 'recurrence', 'repeatType': 'Days', 'repeatFrequency': '2'}),
     _job(pattern={'type': 'daily', 'frequency': 'recurrence', 'repeatType': 'days', 'repeatFrequency': 2})),
    ('startDate seconds dropped',
     _job(schedule={'startDate': '2016-04-14T10:10:10+0000', 'pattern': {'type': 'never'}}),
     _job(schedule={'startDate': '2016-04-14T10:10:00+0000', 'pattern': {'type': 'never'}})),
    ('startDate offset and Z', _job(schedule={'startDate': '2016-04-14T15:40:10+05:30', 'pattern': {'type': 'never'}}),
     _job(schedule={'startDate': '2016-04-14T10:10Z', 'pattern': {'type': 'never'}})),
    ('startDate negative offset', _job(schedule={'startDate': '2016-04-14T02:10-0800', 'pattern': {'type': 'never'}}),
     _job(schedule={'startDate': '2016-04-14 10:10:59', 'pattern': {'type': 'never'}})),
    ('configParams strings',
     _job(dict(NCB, configParams={'versionsSaved': 'ALL_VERSIONS', 'backUpTrigger': 'true', 'startupConfigAlert': 'false'})),
     _job(dict(NCB, configParams={'versionsSaved': 'ALL_VERSIONS', 'backUpTrigger': True, 'startupConfigAlert': False}))),
    ('versionsSaved case', _job(dict(NCB, configParams={'versionsSaved': 'version_with_changes'})),
     _job(dict(NCB, configParams={'versionsSaved': 'VERSION_WITH_CHANGES'}))),
    ('runConfigAlert (schema) vs runtimeConfigAlert (examples)', _job(dict(NCB, configParams={'runConfigAlert': 'true'})),
     _job(dict(NCB, configParams={'runtimeConfigAlert': True}))),
    ('approvalType strings',
     _job({'jobType': 'appinstall', 'approvalType': {'approvalType': '1', 'alertRequired': 'true', 'approvalReason': 'r'}}),
     _job({'jobType': 'appinstall', 'approvalType': {'approvalType': 1, 'alertRequired': True, 'approvalReason': 'r'}})),
    ('customScript.id 7 vs "7"', _job({'jobType': 'custom', 'customScript': {'id': '7'}}),
     _job({'customScript': {'id': 7}})),
    ('paramId 2 vs "2", order, name',
     _job(dict(CUSTOM, parameters=[{'paramId': '2', 'value': '150'}, {'paramId': '10', 'value': 'x'}])),
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
    ('weekIndex case, dayOfIndex vs dayOfWeek',
     _job(pattern={'type': 'monthly', 'weekIndex': 'SECOND', 'dayOfIndex': 'sunday'}),
     _job(pattern={'type': 'Monthly', 'weekIndex': 'Second', 'dayOfWeek': 'Sunday'})),
    ('weekDays string vs list', _job(pattern={'type': 'weekly', 'weekDays': 'sunday,TUESDAY'}),
     _job(pattern={'type': 'weekly', 'weekDays': ['Tuesday', 'Sunday']})),
    ('dayOfMonth string vs list', _job(pattern={'type': 'monthly', 'dayOfMonth': '1, 2, 3'}),
     _job(pattern={'type': 'monthly', 'dayOfMonth': [3, '1', 2, '02']})),
    ('frequency spelling', _job(pattern={'type': 'daily', 'frequency': 'every weekday'}),
     _job(pattern={'type': 'daily', 'frequency': 'Every Weekday'})),
    ('stale fields of another pattern type ignored',
     _job(pattern={'type': 'daily', 'frequency': 'everyday', 'weekDays': 'Monday', 'repeatFrequency': 3}),
     _job(pattern={'type': 'daily', 'frequency': 'everyday'})),
    ('server-only top-level fields ignored', _job(client={'id': 1, 'name': 'c'}, createdDate='x', lastRun={'status': 'u'}),
     _job()),
    ('job type spelling', _job({'jobType': 'ADCHECKLIST'}), _job({'jobType': 'adCheckList'})),
    # not documented, but a flag a stored job leaves out must not look different from false (a change forever)
    ('jobQueued left out', _job(id='x'), _job(id='x', jobQueued=False)),
    ('configParams flags left out', _job(dict(NCB, configParams={'versionsSaved': 'ALL_VERSIONS'})),
     _job(dict(NCB, configParams={'versionsSaved': 'ALL_VERSIONS', 'backUpTrigger': False, 'startupConfigAlert': None,
                                  'runtimeConfigAlert': 'false', 'startUpConfigFilesBackUp': False,
                                  'runTimeConfigFilesBackUp': 0}))),
    ('alertRequired and approvalReason left out', _job({'jobType': 'appinstall', 'approvalType': {'approvalType': 0}}),
     _job({'jobType': 'appinstall', 'approvalType': {'approvalType': 0, 'alertRequired': False, 'approvalReason': None}})),
]


@pytest.mark.parametrize('label, one, other', EQUIVALENT_FORMS, ids=[row[0] for row in EQUIVALENT_FORMS])
def test_server_forms_read_as_the_same_job(label, one, other):
    assert current_state(one) == current_state(other), label
    assert changed_paths(current_state(one), current_state(other)) == []


NCB_CANONICAL = {
    'name': 'Network Config Backup',
    'job_type': 'networkconfigbackup',
    'entities': [{'id': '4e96d5bc-763c-4c00-beab-928d653a0422', 'type': 'DEVICE'},
                 {'id': '709824de-8315-4cf9-ad1c-b15aaf7bf2a5', 'type': 'DEVICE'}],
    'queued': True,
    'schedule': {'start_date': '2016-04-14T10:10:00+0000', 'start_time': '10:10Z', 'type': 'daily',
                 'frequency': 'recurrence', 'repeat_every': 2},
    'network_backup': {'versions_saved': 'all_versions', 'backup_on_trap': True, 'startup_config_alert': True,
                       'runtime_config_alert': True, 'backup_startup_config': True, 'backup_runtime_config': True},
}


@pytest.mark.parametrize('api_job, expected', [
    pytest.param(NCB_RESPONSE, NCB_CANONICAL, id='spec-response-example'),
    pytest.param(CUSTOM_RESPONSE, {
        'name': 'Job - test script', 'job_type': 'custom', 'entities': [{'id': 'd1', 'type': 'DEVICE'}], 'queued': False,
        'schedule': {'start_date': '2021-01-01T00:00:00+0000', 'start_time': '00:00Z', 'type': 'weekly',
                     'week_days': ['Sunday', 'Tuesday']},
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
    pytest.param({'script': {'jobType': 'appinstall',
                             'approvalType': {'approvalType': 0, 'approvalReason': None, 'alertRequired': 'false'}}},
                 {'job_type': 'appinstall', 'app_install': {'approval': 'manual', 'reason': '', 'alert': False}},
                 id='appinstall'),
    pytest.param({'schedule': {'startDate': 'next tuesday', 'pattern': {'type': 'hourly', 'weekDays': 'x'}},
                  'jobQueued': 'maybe'},
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
    full = dict.fromkeys(PATTERN_OPTIONS)
    full.update(fields)
    return full


@pytest.mark.parametrize('raw, expected', [
    pytest.param({'name': 'n'}, {'name': 'n'}, id='only-name-managed'),
    pytest.param({'id': 'x', 'queued': False}, {'queued': False}, id='id-is-not-state'),
    pytest.param({'name': 'n', 'job_type': 'AdCheckList',
                  'entities': [{'id': 'b'}, {'id': 'a', 'type': 'device'}, {'id': 'b', 'type': 'DEVICE'}]},
                 {'name': 'n', 'job_type': 'adCheckList',
                  'entities': [{'id': 'a', 'type': 'DEVICE'}, {'id': 'b', 'type': 'DEVICE'}]},
                 id='entities-sorted-deduplicated-upper'),
    pytest.param({'name': 'n', 'entities': []}, {'name': 'n', 'entities': []}, id='empty-entities-managed'),
    pytest.param({'name': 'n', 'job_type': 'myNewType'}, {'name': 'n', 'job_type': 'myNewType'}, id='unknown-type-as-given'),
    pytest.param({'name': 'n', 'schedule': {'type': 'weekly', 'week_days': ['sat', ' TUESDAY ', 'Sun', 'sunday']}},
                 {'name': 'n', 'schedule': _schedule(type='weekly', week_days=['Sunday', 'Tuesday', 'Saturday'])},
                 id='weekly'),
    pytest.param({'name': 'n', 'schedule': {'type': 'daily', 'frequency': 'recurrence', 'repeat_every': 3,
                                            'start_date': '2024-05-01 12:00:59+05:30'}},
                 {'name': 'n', 'schedule': _schedule(type='daily', frequency='recurrence', repeat_every=3,
                                                     start_date='2024-05-01T06:30:00+0000')},
                 id='daily-recurrence-start-date'),
    pytest.param({'name': 'n', 'schedule': {'type': 'daily', 'frequency': 'every_weekday'}},
                 {'name': 'n', 'schedule': _schedule(type='daily', frequency='every_weekday')}, id='daily-start-date-not-managed'),
    pytest.param({'name': 'n', 'schedule': {'type': 'monthly', 'days_of_month': [15, 1, 15]}},
                 {'name': 'n', 'schedule': _schedule(type='monthly', days_of_month=[1, 15])}, id='monthly-days'),
    pytest.param({'name': 'n', 'schedule': {'type': 'monthly', 'week_index': 'last', 'day_of_week': 'FRI'}},
                 {'name': 'n', 'schedule': _schedule(type='monthly', week_index='last', day_of_week='Friday')},
                 id='monthly-week-index'),
    pytest.param({'name': 'n', 'schedule': {'type': 'run_once', 'start_date': '2024-05-01T06:30Z'}},
                 {'name': 'n', 'schedule': _schedule(type='run_once', start_date='2024-05-01T06:30:00+0000')}, id='run-once'),
    pytest.param({'name': 'n', 'job_type': 'networkconfigbackup', 'network_backup': {'backup_on_trap': False}},
                 {'name': 'n', 'job_type': 'networkconfigbackup', 'network_backup': {'backup_on_trap': False}},
                 id='network-backup-partial'),
    pytest.param({'name': 'n', 'app_install': {'approval': 'auto', 'reason': 'because'}},
                 {'name': 'n', 'app_install': {'approval': 'auto', 'reason': 'because'}}, id='app-install-partial'),
    pytest.param({'name': 'n', 'custom_script': {'id': '7', 'parameters': [
        {'id': '10', 'value': 'b', 'sensitive': True}, {'id': '2', 'value': None}, {'id': 'x', 'value': 'c'}]}},
        {'name': 'n', 'custom_script': {'id': '7', 'parameters': [
            {'id': '2', 'value': ''}, {'id': '10', 'value': 'b'}, {'id': 'x', 'value': 'c'}]}},
        id='custom-parameters-sorted-no-sensitive'),
    pytest.param({'name': 'n', 'custom_script': {'user_type': 'other'}},
                 {'name': 'n', 'custom_script': {'user_type': 'other'}}, id='custom-user-type-only'),
])
def test_desired_state(raw, expected):
    state = desired_state(with_options(raw))
    assert state == expected
    json.dumps(state)


# ------------------------------------------------------------------------------------------ options, spec and docs

def _leaf_options(spec, prefix=''):
    paths = set()
    for name, entry in spec.items():
        if entry.get('options') and entry['type'] == 'dict':
            paths |= _leaf_options(entry['options'], prefix + name + '.')
        else:
            paths.add(prefix + name)
    return paths


def test_every_job_option_is_a_declared_field_and_every_field_an_option():
    declared = set(field.path for field in JOB_MODEL.fields)
    # id finds the job, custom_script.script names the script that is resolved into custom_script.id: not fields
    lookups = {'id', 'custom_script.script.name', 'custom_script.script.category', 'custom_script.script.category_id'}
    options = _leaf_options(JOB_MODEL.argument_spec()) - lookups
    assert declared == options


def test_a_field_reads_every_spelling_and_writes_the_first():
    field = [field for field in JOB_MODEL.fields if field.path == 'network_backup.runtime_config_alert'][0]
    assert field.keys == ('runtimeConfigAlert', 'runConfigAlert')


def _spec_from_docs(docs):
    spec = {}
    for name, doc in docs.items():
        entry = dict((key, doc[key]) for key in ('type', 'elements', 'required', 'default', 'choices') if key in doc)
        if 'suboptions' in doc:
            entry['options'] = _spec_from_docs(doc['suboptions'])
        spec[name] = entry
    return spec


def _option_paths(spec, prefix=''):
    paths = set()
    for name, entry in spec.items():
        path = prefix + name
        paths.add(path)
        if 'options' in entry:
            suffix = '[].' if entry['type'] == 'list' else '.'
            paths |= _option_paths(entry['options'], path + suffix)
    return paths


def test_doc_fragment_matches_the_argument_spec():
    docs = yaml.safe_load(ModuleDocFragment.DOCUMENTATION)['options']
    assert _spec_from_docs(docs) == JOB_MODEL.argument_spec()
    assert set(JOB_MODEL.argument_spec()) == {'id', 'name', 'job_type', 'entities', 'queued', 'credential_set', 'schedule',
                                              'network_backup', 'app_install', 'custom_script'}


def test_doc_references_name_real_options():
    paths = _option_paths(JOB_MODEL.argument_spec())
    references = re.findall(r'O\(([^)=]+)', json.dumps(JOB_MODEL.doc()))
    assert references
    assert sorted(set(references) - paths) == []


def test_only_two_suboption_defaults():
    defaults = ArgumentSpecValidator(JOB_MODEL.argument_spec()).validate({
        'name': 'n', 'entities': [{'id': 'a'}], 'schedule': {'type': 'never'}, 'network_backup': {}, 'app_install': {},
        'custom_script': {'parameters': [{'id': '1'}]}}).validated_parameters
    assert defaults['entities'] == [{'id': 'a', 'name': None, 'host_name': None, 'ip_address': None, 'type': 'DEVICE'}]
    assert defaults['custom_script']['parameters'] == [{'id': '1', 'name': None, 'value': None, 'macro': None,
                                                        'sensitive': False}]
    assert set(defaults['schedule'].values()) == {'never', None}
    assert set(defaults['network_backup'].values()) == {None}
    assert set(defaults['app_install'].values()) == {None}
