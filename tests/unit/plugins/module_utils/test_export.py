# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Jobs as OpsRamp holds them, written as opsramp_job options: canonical, complete, and never a change when applied."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.opsramp.automation.plugins.module_utils import compare, export, job_model

START = '2026-01-01T02:00:00+0000'


def api_job(name='netops-job', job_type='assetinfo', pattern=None, **fields):
    job = dict(id='id-' + name, name=name, jobQueued=False, script=dict(jobType=job_type),
               schedule=dict(startDate=START, pattern=pattern or dict(type='daily', frequency='everyday')))
    job.update(fields)
    return job


def converges(options, job):
    return compare.changed_paths(job_model.desired_state(options), job_model.current_state(job)) == []


PATTERNS = [
    (dict(type='daily', frequency='everyday'), dict(type='daily', frequency='everyday')),
    (dict(type='daily', frequency='every weekday'), dict(type='daily', frequency='every_weekday')),
    (dict(type='daily', frequency='recurrence', repeatType='days', repeatFrequency='3'),
     dict(type='daily', frequency='recurrence', repeat_every=3)),
    (dict(type='weekly', weekDays='Thursday, Monday'), dict(type='weekly', week_days=['Monday', 'Thursday'])),
    (dict(type='monthly', dayOfMonth='15, 1'), dict(type='monthly', days_of_month=[1, 15])),
    (dict(type='monthly', weekIndex='Second', dayOfWeek='Sunday'),
     dict(type='monthly', week_index='second', day_of_week='Sunday')),
    (dict(type='monthly', weekIndex='Last', dayOfIndex='Friday'),
     dict(type='monthly', week_index='last', day_of_week='Friday')),
    (dict(type='run once'), dict(type='run_once')),
    (dict(type='never'), dict(type='never')),
]


@pytest.mark.parametrize('pattern, schedule', PATTERNS)
def test_every_schedule_pattern_becomes_its_options(pattern, schedule):
    job = api_job(pattern=pattern)
    options, problems = export.job_options(job)
    assert options['schedule'] == dict(schedule, start_date=START)
    assert problems == [] and converges(options, job)


def test_options_are_canonical_ordered_and_hold_no_server_field():
    job = api_job(job_type='NETWORKCONFIGBACKUP', jobQueued='true', generalInfo={'createdBy': 'x'},
                  schedule=dict(startDate='2026-01-01T03:00:59+01:00', pattern=dict(type='weekly', weekDays='tue,sun')),
                  entities=[{'resource': {'id': 'b', 'type': 'device', 'name': 'sw-2'}}, {'resource': {'id': 'a'}}])
    job['script'].update(configParams=dict(versionsSaved='ALL_VERSIONS', backUpTrigger='true'))
    options, problems = export.job_options(job)
    assert list(options) == ['name', 'job_type', 'entities', 'queued', 'schedule', 'network_backup']
    assert options['job_type'] == 'networkconfigbackup' and options['queued'] is True
    assert options['entities'] == [{'id': 'a', 'type': 'DEVICE'}, {'id': 'b', 'type': 'DEVICE'}]
    assert options['schedule'] == dict(type='weekly', week_days=['Sunday', 'Tuesday'], start_date=START)
    assert options['network_backup'] == dict(versions_saved='all_versions', backup_on_trap=True,
                                             startup_config_alert=False, runtime_config_alert=False,
                                             backup_startup_config=False, backup_runtime_config=False)
    assert problems == [] and converges(options, job)


def test_app_install_and_custom_script_sections():
    app = api_job(job_type='appinstall')
    app['script']['approvalType'] = dict(approvalType=1, approvalReason='patch tuesday', alertRequired=True)
    custom = api_job(job_type=None, entities=[])
    custom['script'] = dict(customScript=dict(id=7, name='cleanup'), userType='2',
                            parameters=[dict(paramId='10', value='b'), dict(paramId=2, value='30', name='days')])
    app_options, custom_options = export.job_options(app)[0], export.job_options(custom)[0]
    assert app_options['app_install'] == dict(approval='auto', reason='patch tuesday', alert=True)
    assert custom_options['job_type'] == 'custom' and custom_options['entities'] == []
    assert custom_options['custom_script'] == dict(id='7', user_type='other', parameters=[
        dict(id='2', value='30'), dict(id='10', value='b')])
    assert converges(app_options, app) and converges(custom_options, custom)


def test_a_job_type_the_options_do_not_model_keeps_its_settings_and_says_so():
    job = api_job(job_type='patchinstall')
    job['script']['patchParams'] = dict(reboot=True)
    options, problems = export.job_options(job)
    assert options['job_type'] == 'patchinstall' and 'patchParams' not in str(options)
    assert problems == ['its script settings patchParams are not options of job type patchinstall: a file leaves '
                        'them as OpsRamp holds them']
    assert converges(options, job)


def test_a_value_the_options_cannot_express_is_left_out_with_a_warning():
    job = api_job(pattern=dict(type='hourly'))
    job['script'] = dict(jobType='networkconfigbackup', configParams=dict(versionsSaved='SOME_VERSIONS'))
    options, problems = export.job_options(job)
    assert 'schedule' not in options and 'network_backup' not in options
    assert len(problems) == 2
    assert problems[0].startswith('schedule is left out: ')
    assert problems[1].startswith('network_backup is left out: ')
    assert converges(options, job)


def test_a_start_date_that_does_not_parse_leaves_the_schedule_out():
    job = api_job(schedule=dict(startDate='soon', pattern=dict(type='never')))
    options, problems = export.job_options(job)
    assert 'schedule' not in options and problems[0].startswith('schedule is left out: ')


def test_shared_names_carry_the_id_and_secrets_become_vault_placeholders():
    custom = api_job(name='Log Cleanup/EU', job_type='custom')
    custom['script'].update(customScript=dict(id='7'),
                            parameters=[dict(paramId='2', value='30'), dict(paramId='3', value='hunter2')])
    twins = [api_job(name='twin'), dict(api_job(name='twin'), id='id-twin-2')]
    exported, warnings, variables = export.export_jobs([custom] + twins, secret_parameters=['3'])
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


def test_credential_set_and_macro_bound_parameters():
    job = api_job(job_type=None, credentialSet=dict(uniqueId='cred-1', name='Domain admins'))
    job['script'] = dict(customScript=dict(id='11'), userType=1,
                         parameters=[dict(paramId='1', itopMacro=dict(id='42', name='site')), dict(paramId='2', value='7')])
    options, problems = export.job_options(job)
    assert options['credential_set'] == 'cred-1'
    assert options['custom_script']['parameters'] == [dict(id='1', macro='42'), dict(id='2', value='7')]
    assert problems == [] and converges(options, job)
    exported, dummy, variables = export.export_jobs([job], secret_parameters=['1', '2'])
    assert exported[0]['custom_script']['parameters'] == [
        dict(id='1', macro='42'), dict(id='2', value='{{ vault_netops_job_2 }}', sensitive=True)]
    assert variables == ['vault_netops_job_2']


def test_the_exported_fields_come_from_the_field_table():
    assert [field.name for field in export.EXPORTED_FIELDS if field.name.startswith('schedule.start')] == [
        'schedule.start_date']  # start_time restates start_date's time of day
    assert export.MODELLED_SCRIPT_KEYS == frozenset(
        ['jobType', 'configParams', 'approvalType', 'customScript', 'userType', 'parameters'])
