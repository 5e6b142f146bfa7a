# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The generic Exporter (``_engine/export.py``), exercised with the job table: objects as OpsRamp holds them written as
their module's options, canonical, complete, ordered as the table, and never a change when applied; an option that
fails the argument spec, the option checks or the round trip is left out with a warning."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

import pytest

from ansible_collections.opsramp.automation.tests.unit.plugins.module_utils._jobs.job_support import api_job, with_options

from ansible_collections.opsramp.automation.plugins.module_utils._engine import compare
from ansible_collections.opsramp.automation.plugins.module_utils._engine.export import Exporter, exported_fields, top_option
from ansible_collections.opsramp.automation.plugins.module_utils._engine.fields import Field
from ansible_collections.opsramp.automation.plugins.module_utils._engine.kinds import Kind, Text
from ansible_collections.opsramp.automation.plugins.module_utils._engine.model import Model
from ansible_collections.opsramp.automation.plugins.module_utils._engine.resource import Resource
from ansible_collections.opsramp.automation.plugins.module_utils._jobs.adapter import JOBS

START = '2026-01-01T02:00:00+0000'
EXPORTER = Exporter(JOBS)


def converges(options, job):
    """Whether the options, applied as opsramp_job would (validated by Ansible first), leave the job as it is."""
    return compare.changed_paths(JOBS.model.desired(with_options(options)), JOBS.model.current(job)) == []


def test_the_exported_fields_are_the_table_less_those_that_restate_another():
    assert [field.path for field in exported_fields(JOBS.model)] == [
        'name', 'job_type', 'entities', 'queued', 'credential_set', 'schedule.start_date', 'schedule.type',
        'schedule.frequency', 'schedule.repeat_every', 'schedule.week_days', 'schedule.days_of_month',
        'schedule.week_index', 'schedule.day_of_week', 'network_backup.versions_saved', 'network_backup.backup_on_trap',
        'network_backup.startup_config_alert', 'network_backup.runtime_config_alert', 'network_backup.backup_startup_config',
        'network_backup.backup_runtime_config', 'app_install.approval', 'app_install.reason', 'app_install.alert',
        'custom_script.id', 'custom_script.user_type', 'custom_script.parameters']  # start_time: start_date's time of day


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
    options, problems = EXPORTER.options(job)
    assert options['schedule'] == dict(schedule, start_date=START)
    assert problems == [] and converges(options, job)


def test_options_are_canonical_ordered_and_hold_no_server_field():
    job = api_job(job_type='NETWORKCONFIGBACKUP', jobQueued='true', generalInfo={'createdBy': 'x'},
                  schedule=dict(startDate='2026-01-01T03:00:59+01:00', pattern=dict(type='weekly', weekDays='tue,sun')),
                  entities=[{'resource': {'id': 'b', 'type': 'device', 'name': 'sw-2'}}, {'resource': {'id': 'a'}}])
    job['script'].update(configParams=dict(versionsSaved='ALL_VERSIONS', backUpTrigger='true'))
    original = copy.deepcopy(job)
    options, problems = EXPORTER.options(job)
    assert list(options) == ['name', 'job_type', 'entities', 'queued', 'schedule', 'network_backup']
    assert options['job_type'] == 'networkconfigbackup' and options['queued'] is True
    assert options['entities'] == [{'id': 'a', 'type': 'DEVICE'}, {'id': 'b', 'type': 'DEVICE'}]
    assert options['schedule'] == dict(type='weekly', week_days=['Sunday', 'Tuesday'], start_date=START)
    assert options['network_backup'] == dict(versions_saved='all_versions', backup_on_trap=True,
                                             startup_config_alert=False, runtime_config_alert=False,
                                             backup_startup_config=False, backup_runtime_config=False)
    assert problems == [] and converges(options, job)
    assert job == original


def test_app_install_and_custom_script_sections():
    app = api_job(job_type='appinstall')
    app['script']['approvalType'] = dict(approvalType=1, approvalReason='patch tuesday', alertRequired=True)
    custom = api_job(job_type=None, entities=[])
    custom['script'] = dict(customScript=dict(id=7, name='cleanup'), userType='2',
                            parameters=[dict(paramId='10', value='b'), dict(paramId=2, value='30', name='days')])
    app_options, custom_options = EXPORTER.options(app)[0], EXPORTER.options(custom)[0]
    assert app_options['app_install'] == dict(approval='auto', reason='patch tuesday', alert=True)
    assert custom_options['job_type'] == 'custom' and custom_options['entities'] == []
    assert custom_options['custom_script'] == dict(id='7', user_type='other', parameters=[
        dict(id='2', value='30'), dict(id='10', value='b')])
    assert converges(app_options, app) and converges(custom_options, custom)


def test_credential_set_and_macro_bound_parameters():
    job = api_job(job_type=None, credentialSet=dict(uniqueId='cred-1', name='Domain admins'))
    job['script'] = dict(customScript=dict(id='11'), userType=1,
                         parameters=[dict(paramId='1', itopMacro=dict(id='42', name='site')), dict(paramId='2', value='7')])
    options, problems = EXPORTER.options(job)
    assert options['credential_set'] == 'cred-1'
    assert options['custom_script']['parameters'] == [dict(id='1', macro='42'), dict(id='2', value='7')]
    assert problems == [] and converges(options, job)


def test_a_job_type_the_options_do_not_model_keeps_its_settings_and_says_so():
    job = api_job(job_type='patchinstall')
    job['script']['patchParams'] = dict(reboot=True)
    options, problems = EXPORTER.options(job)
    assert options['job_type'] == 'patchinstall' and 'patchParams' not in str(options)
    assert problems == ['its script settings patchParams are not options of job type patchinstall: a file leaves '
                        'them as OpsRamp holds them']
    assert converges(options, job)


# ------------------------------------------------------------------------------------------ each check, failed

def test_values_the_argument_spec_refuses_are_left_out_with_a_warning():
    job = api_job(pattern=dict(type='hourly'))
    job['script'] = dict(jobType='networkconfigbackup', configParams=dict(versionsSaved='SOME_VERSIONS'))
    options, problems = EXPORTER.options(job)
    assert 'schedule' not in options and 'network_backup' not in options
    assert problems == ['schedule is left out: value of type must be one of: daily, weekly, monthly, run_once, never, '
                        'got: hourly found in schedule',
                        'network_backup is left out: value of versions_saved must be one of: all_versions, '
                        'version_with_changes, got: some_versions found in network_backup']
    assert converges(options, job)


@pytest.mark.parametrize('changes, option, problem', [
    (dict(schedule=dict(startDate='soon', pattern=dict(type='never'))), 'schedule',
     "schedule.start_date: 'soon' is not a date and time; use "),
    (dict(schedule=dict(startDate=START, pattern=dict(type='monthly', dayOfMonth='5', weekIndex='Last', dayOfWeek='Fri'))),
     'schedule', 'schedule.days_of_month: give either days_of_month or week_index with day_of_week, not both'),
    (dict(schedule=dict(startDate=START, pattern=dict(type='weekly', weekDays='Monday, Funday'))), 'schedule',
     "schedule.week_days: 'Funday' is not a day of the week"),
    (dict(script=dict(jobType='antivirus', configParams=dict(backUpTrigger=True))), 'network_backup',
     'network_backup: applies only to jobs of job_type networkconfigbackup, and this job_type is antivirus'),
    (dict(credentialSet=dict(uniqueId=' ')), 'credential_set', 'credential_set: must not be empty'),
], ids=['start-date', 'monthly-both-variants', 'unknown-day', 'settings-of-another-type', 'blank-credential-set'])
def test_values_the_option_checks_refuse_are_left_out_with_a_warning(changes, option, problem):
    job = api_job(**changes)
    options, problems = EXPORTER.options(job)
    assert option not in options and options['name'] == 'netops-job'
    assert len(problems) == 1 and problems[0].startswith('%s is left out: %s' % (option, problem)), problems
    assert converges(options, job)


class Shouting(Kind):
    """A kind whose option form is upper case while OpsRamp keeps any case: a stored 'abc' cannot be expressed."""

    def desired(self, value):
        return value.upper()


class Thing(Resource):
    noun = 'thing'
    plural = 'things'
    model = Model((Field('name', 'name', Text(blank=False), ['Name.']), Field('code', 'code', Shouting(), ['Code.'])))


def test_values_that_would_not_compare_equal_are_left_out_with_a_warning():
    options, problems = Exporter(Thing()).options({'id': 't1', 'name': 'one', 'code': 'abc'})
    assert options == {'name': 'one'}
    assert problems == ['code is left out: OpsRamp holds a value the option cannot express']
    assert Exporter(Thing()).options({'id': 't2', 'name': 'two', 'code': 'ABC'}) == ({'name': 'two', 'code': 'ABC'}, [])


# ------------------------------------------------------------------------------------------ many objects

def test_objects_sharing_a_name_carry_their_id_and_every_warning_names_its_object():
    patch = api_job(name='patch', job_type='patchinstall')
    patch['script']['patchParams'] = {}
    twins = [api_job(name='twin'), dict(api_job(name='twin'), id='id-twin-2')]
    exported, warnings = EXPORTER.all([patch] + twins)
    assert [options.get('id') for options in exported] == [None, 'id-twin', 'id-twin-2']
    assert list(exported[1])[:2] == ['id', 'name']
    assert warnings == [
        "job 'patch' (id id-patch): its script settings patchParams are not options of job type patchinstall: a file "
        "leaves them as OpsRamp holds them",
        "job 'twin' (id id-twin): 2 jobs have this name: the options carry the id, the only way to tell them apart; "
        "consider renaming them",
        "job 'twin' (id id-twin-2): 2 jobs have this name: the options carry the id, the only way to tell them apart; "
        "consider renaming them"]


@pytest.mark.parametrize('path, top', [('schedule.week_days', 'schedule'), ('entities[0].id', 'entities'),
                                       ('name', 'name'), ('name, job_type, schedule', 'name')])
def test_top_option(path, top):
    assert top_option(path) == top
