# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""opsramp_job_info's flow (``_jobs/info.py``) against a client that records every request: which requests each way of
naming jobs costs, jobs as OpsRamp returns them or as opsramp_job options, and secret parameters as Vault
placeholders."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.opsramp.automation.tests.unit.plugins.module_utils._engine.engine_support import FakeClient, search
from ansible_collections.opsramp.automation.tests.unit.plugins.module_utils._jobs.job_support import CUSTOM_JOB, api_job

from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import ValidationError
from ansible_collections.opsramp.automation.plugins.module_utils._jobs import info

NIGHTLY = api_job(name='team-a nightly', entities=[{'resource': {'id': 'd1', 'type': 'DEVICE'}}])
WEEKLY = api_job(name='team-a weekly', pattern=dict(type='weekly', weekDays='Monday'))
OTHER = api_job(name='other')
SECRET = dict(CUSTOM_JOB, id='id-secret', name='Log Cleanup/EU')


def params(**given):
    options = dict(id=None, name=None, query=None, name_prefix=None, format='api', secret_parameters=[])
    options.update(given)
    return options


def read(*job_ids):
    """The requests that read these jobs in full."""
    return [('GET', '/jobs/' + job_id, None) for job_id in job_ids]


# ------------------------------------------------------------------------------------------ format: api

def test_by_id_is_one_get_and_an_unknown_id_is_no_job():
    client = FakeClient(jobs=[NIGHTLY, OTHER])
    assert info.job_info(client, params(id='id-other')) == dict(changed=False, jobs=[OTHER])
    assert info.job_info(client, params(id='gone')) == dict(changed=False, jobs=[])
    assert client.requests == read('id-other', 'gone')


def test_by_name_reads_every_job_of_exactly_that_name_in_full():
    twin = dict(NIGHTLY, id='id-twin')
    client = FakeClient(jobs=[NIGHTLY, twin, dict(OTHER, name='team-a nightly 2')])
    result = info.job_info(client, params(name='team-a nightly'))
    assert result['jobs'] == [NIGHTLY, twin]
    assert client.requests == [search('jobs', queryString='name:team-a nightly')] + read('id-team-a nightly', 'id-twin')


def test_a_search_lists_the_search_results_whose_name_has_the_prefix_and_reads_nothing_else():
    client = FakeClient(jobs=[NIGHTLY, WEEKLY, OTHER])
    result = info.job_info(client, params(name_prefix='team-a ', query='name:team'))
    assert [job['id'] for job in result['jobs']] == ['id-team-a nightly', 'id-team-a weekly']
    assert 'entities' not in result['jobs'][0]  # a search result (api-behaviour §4)
    assert client.requests == [search('jobs', queryString='name:team')]


# ------------------------------------------------------------------------------------------ format: options

def test_options_read_each_listed_job_with_the_prefix_in_full_and_export_it():
    client = FakeClient(jobs=[NIGHTLY, WEEKLY, OTHER])
    result = info.job_info(client, params(format='options', name_prefix='team-a '))
    assert result == dict(changed=False, secret_variables=[], jobs=[
        dict(name='team-a nightly', job_type='assetinfo', entities=[dict(id='d1', type='DEVICE')], queued=False,
             schedule=dict(start_date='2026-01-01T02:00:00+0000', type='daily', frequency='everyday')),
        dict(name='team-a weekly', job_type='assetinfo', queued=False,
             schedule=dict(start_date='2026-01-01T02:00:00+0000', type='weekly', week_days=['Monday']))])
    assert client.requests[0] == search('jobs') and sorted(client.requests[1:]) == read('id-team-a nightly', 'id-team-a weekly')
    assert client.warnings == []


def test_options_pass_the_export_warnings_on_and_hide_the_secret_parameters():
    patch = api_job(name='patch', job_type='patchinstall')
    patch['script']['patchParams'] = {}
    client = FakeClient(jobs=[patch, SECRET])
    result = info.job_info(client, params(format='options', secret_parameters=[2]))
    assert result['secret_variables'] == ['vault_log_cleanup_eu_2']
    assert result['jobs'][1]['custom_script']['parameters'] == [
        dict(id='2', value='{{ vault_log_cleanup_eu_2 }}', sensitive=True), dict(id='3', macro='12')]
    assert '150' not in repr(result)
    assert client.warnings == ["job 'patch' (id id-patch): its script settings patchParams are not options of job "
                               "type patchinstall: a file leaves them as OpsRamp holds them"]


def test_options_by_id_read_only_that_job():
    client = FakeClient(jobs=[NIGHTLY, OTHER])
    assert [job['name'] for job in info.job_info(client, params(format='options', id='id-other'))['jobs']] == ['other']
    assert client.requests == read('id-other')


def test_secret_parameters_without_options_fail_before_any_request():
    client = FakeClient(jobs=[SECRET])
    with pytest.raises(ValidationError) as caught:
        info.job_info(client, params(secret_parameters=['2']))
    assert caught.value.option == 'secret_parameters'
    assert caught.value.message == 'secret_parameters: applies only with format=options'
    assert client.requests == []


# ------------------------------------------------------------------------------------------ export_jobs

def test_shared_names_carry_the_id_and_secrets_become_vault_placeholders():
    custom = api_job(name='Log Cleanup/EU', job_type='custom')
    custom['script'].update(customScript=dict(id='7'),
                            parameters=[dict(paramId='2', value='30'), dict(paramId='3', value='hunter2')])
    twins = [api_job(name='twin'), dict(api_job(name='twin'), id='id-twin-2')]
    exported, warnings, variables = info.export_jobs([custom] + twins, secret_parameters=['3'])
    assert exported[0]['custom_script']['parameters'] == [
        dict(id='2', value='30'), dict(id='3', value='{{ vault_log_cleanup_eu_3 }}', sensitive=True)]
    assert 'hunter2' not in repr((exported, warnings, variables))
    assert variables == ['vault_log_cleanup_eu_3']
    assert [job.get('id') for job in exported] == [None, 'id-twin', 'id-twin-2']
    assert list(exported[1])[:2] == ['id', 'name']
    assert warnings == ["job 'twin' (id id-twin): 2 jobs have this name: the options carry the id, the only way to "
                        "tell them apart; consider renaming them",
                        "job 'twin' (id id-twin-2): 2 jobs have this name: the options carry the id, the only way to "
                        "tell them apart; consider renaming them"]


def test_a_macro_bound_parameter_holds_no_value_to_hide():
    job = api_job(job_type=None, credentialSet=dict(uniqueId='cred-1', name='Domain admins'))
    job['script'] = dict(customScript=dict(id='11'), userType=1,
                         parameters=[dict(paramId='1', itopMacro=dict(id='42', name='site')), dict(paramId='2', value='7')])
    exported, dummy, variables = info.export_jobs([job], secret_parameters=['1', '2'])
    assert exported[0]['custom_script']['parameters'] == [
        dict(id='1', macro='42'), dict(id='2', value='{{ vault_netops_job_2 }}', sensitive=True)]
    assert variables == ['vault_netops_job_2']


def test_jobs_sharing_a_name_get_variables_of_their_own():
    first = dict(SECRET, id='0a1b2c3d-4e5f')
    second = dict(SECRET, id='9f8e7d6c-5b4a')
    exported, dummy, variables = info.export_jobs([first, second], secret_parameters=['2'])
    assert variables == ['vault_log_cleanup_eu_0a1b2c3d_2', 'vault_log_cleanup_eu_9f8e7d6c_2']
    assert [job['custom_script']['parameters'][0]['value'] for job in exported] == [
        '{{ vault_log_cleanup_eu_0a1b2c3d_2 }}', '{{ vault_log_cleanup_eu_9f8e7d6c_2 }}']


@pytest.mark.parametrize('text, name', [('Log Cleanup/EU', 'log_cleanup_eu'), ('--', 'job'), (42, '42'),
                                        ('Ünïcode job', 'n_code_job')])
def test_identifier(text, name):
    assert info.identifier(text) == name


@pytest.mark.parametrize('name, prefix, kept', [('team-a x', 'team-a', True), ('Team-A x', 'team-a', False),
                                                ('x', None, True), (None, 'x', False), (None, '', True)])
def test_has_prefix(name, prefix, kept):
    assert info.has_prefix({'name': name}, prefix) is kept


@pytest.mark.parametrize('stored, exported', [('on', True), ('off', False), ('y', True)])
def test_a_flag_stored_in_another_spelling_is_exported_as_ansible_reads_it(stored, exported):
    job = api_job(name='flagged', job_type='networkconfigbackup', jobQueued=stored)
    job['script']['configParams'] = dict(backUpTrigger=stored)
    options, warnings, dummy = info.export_jobs([job])
    assert options[0]['queued'] is exported and options[0]['network_backup']['backup_on_trap'] is exported
    assert warnings == []
