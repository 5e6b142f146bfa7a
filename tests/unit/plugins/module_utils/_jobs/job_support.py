# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the unit tests of the jobs layer share: a task's options as Ansible validates them, the body a write sends, the
seed's four samples, OpsRamp's spellings written out by hand, and jobs as OpsRamp returns them. The stand-in client
whose requests are recorded is the engine tests' (``_engine/engine_support.FakeClient``).

The spellings here are the tests' oracle: they are copied from the seed's samples and docs/api-behaviour.md, never
derived from the job table (``_jobs/table.py``), so a key misspelt in the table makes the tests that use them fail.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
import json
import os

from ansible_collections.opsramp.automation.tests.unit.plugins.module_utils._engine.engine_support import validated

from ansible_collections.opsramp.automation.plugins.module_utils._engine.resource import Wanted
from ansible_collections.opsramp.automation.plugins.module_utils._jobs.adapter import JOBS

UTC = datetime.timezone.utc
NOW = datetime.datetime(2024, 5, 1, 6, 30, 45, tzinfo=UTC)
NOW_TEXT = '2024-05-01T06:30:00+0000'


def with_options(raw):
    """Options as opsramp_job sees them: Ansible's argument validation fills in defaults and None; ``state`` too."""
    return validated(JOBS, raw)


def payload(stored, desired, now=NOW):
    """The body ``JOBS`` sends for the canonical ``desired`` state: a create (``stored`` None) or an update."""
    return JOBS.payload(stored, Wanted(desired=desired), now)


# ---------------------------------------------------------------------------------------------------- the seed

SEED = os.path.join(os.path.dirname(__file__), 'fixtures', 'seed')
SEED_SAMPLES = ('ad_checklist', 'app_install', 'custom_script', 'network_backup')


def seed_sample(name):
    """(request, response) of one of the four samples of the seed's Update job page, read word for word."""
    with open(os.path.join(SEED, name + '_request.json')) as request:
        with open(os.path.join(SEED, name + '_response.json')) as response:
            return json.load(request), json.load(response)


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


# ---------------------------------------------------------------------------------------------------- spellings
# Option path -> where OpsRamp keeps it: the seed's samples spell these (api-behaviour §2, §7 to §12). Written out by
# hand: the job table must agree with them, they are not read from it.
API_PATHS = {
    'name': 'name',
    'job_type': 'script.jobType',
    'entities': 'entities',
    'queued': 'jobQueued',
    'credential_set': 'credentialSet.uniqueId',
    'schedule.start_date': 'schedule.startDate',
    'schedule.start_time': 'schedule.startDate',
    'schedule.type': 'schedule.pattern.type',
    'schedule.frequency': 'schedule.pattern.frequency',
    'schedule.repeat_every': 'schedule.pattern.repeatFrequency',
    'schedule.week_days': 'schedule.pattern.weekDays',
    'schedule.days_of_month': 'schedule.pattern.dayOfMonth',
    'schedule.week_index': 'schedule.pattern.weekIndex',
    'schedule.day_of_week': 'schedule.pattern.dayOfWeek',
    'network_backup.versions_saved': 'script.configParams.versionsSaved',
    'network_backup.backup_on_trap': 'script.configParams.backUpTrigger',
    'network_backup.startup_config_alert': 'script.configParams.startupConfigAlert',
    'network_backup.runtime_config_alert': 'script.configParams.runtimeConfigAlert',
    'network_backup.backup_startup_config': 'script.configParams.startUpConfigFilesBackUp',
    'network_backup.backup_runtime_config': 'script.configParams.runTimeConfigFilesBackUp',
    'app_install.approval': 'script.approvalType.approvalType',
    'app_install.reason': 'script.approvalType.approvalReason',
    'app_install.alert': 'script.approvalType.alertRequired',
    'custom_script.id': 'script.customScript.id',
    'custom_script.user_type': 'script.userType',
    'custom_script.parameters': 'script.parameters',
}
# The second spellings OpsRamp uses (read, never preferred on a create): api-behaviour §8 and §9.
OTHER_SPELLINGS = {
    'network_backup.runtime_config_alert': 'script.configParams.runConfigAlert',
    'schedule.day_of_week': 'schedule.pattern.dayOfIndex',
}
# Sent beside repeatFrequency (api-behaviour §7).
REPEAT_TYPE = ('repeatType', 'days')
VERSIONS_SAVED_VALUES = ('ALL_VERSIONS', 'VERSION_WITH_CHANGES')
# What OpsRamp adds to a job it returns, never sent back (api-behaviour §6, §11, §12).
READ_ONLY_ENRICHMENTS = (
    ('entities[].resource', ('generalInfo', 'clientUniqueId')),
    ('script.customScript', ('name', 'description', 'platforms')),
    ('script.parameters[]', ('name',)),
    ('script.parameters[].itopMacro', ('name',)),
    ('credentialSet', ('name',)),
)


def section_keys(section):
    """{option: API key} of a section's fields, from ``API_PATHS``: ``{'backup_on_trap': 'backUpTrigger', ...}``."""
    prefix = section + '.'
    return dict((option[len(prefix):], path.split('.')[-1]) for option, path in API_PATHS.items()
                if option.startswith(prefix))


# ---------------------------------------------------------------------------------------------------- jobs

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
                                'runtimeConfigAlert': True, 'startUpConfigFilesBackUp': True,
                                'runTimeConfigFilesBackUp': True}},
    'id': 'cc242a8d-b0b4-430e-a89f-7081bc5e79b0',
}

# A custom job as OpsRamp reads it back: no jobType, enriched customScript and parameters, ids as numbers.
CUSTOM_RESPONSE = {
    'id': 'c-1', 'name': 'Job - test script', 'jobQueued': False,
    'entities': [{'resource': {'id': 'd1', 'type': 'DEVICE', 'clientUniqueId': 'client_1'}}],
    'schedule': {'startDate': '2021-01-01T00:00:00+0000', 'pattern': {'type': 'weekly', 'weekDays': 'Sunday, Tuesday'}},
    'script': {'customScript': {'id': 7, 'name': 'cleanup', 'description': 'd', 'platforms': ['WINDOWS']},
               'parameters': [{'paramId': 10, 'value': 'b', 'name': 'second'},
                              {'paramId': 2, 'value': '150', 'name': 'first'}],
               'userType': 1},
    'credentialSet': {'uniqueId': 'cs-1'},
}

# A custom job with a macro-bound parameter and a credential set, as OpsRamp returns it (api-behaviour §11, §12).
CUSTOM_JOB = {
    'id': 'c-1', 'name': 'cleanup', 'jobQueued': False,
    'entities': [{'resource': {'id': 'd1', 'type': 'DEVICE', 'clientUniqueId': 'client_1',
                               'generalInfo': {'hostName': 'h'}}}],
    'schedule': {'startDate': '2021-01-01T00:00:00+0000', 'pattern': {'type': 'never'}},
    'script': {'customScript': {'id': 7, 'name': 'cleanup', 'description': 'd', 'platforms': ['WINDOWS']},
               'parameters': [{'paramId': 2, 'value': '150', 'name': 'count'},
                              {'paramId': 3, 'itopMacro': {'id': 12, 'name': 'SITE'}, 'name': 'site'}],
               'userType': 1},
    'credentialSet': {'uniqueId': 'cs-1', 'name': 'Windows admins'},
}


def api_job(name='netops-job', job_type='assetinfo', pattern=None, **fields):
    """A full job as OpsRamp returns it, id ``id-<name>``."""
    job = dict(id='id-' + name, name=name, jobQueued=False, script=dict(jobType=job_type),
               schedule=dict(startDate='2026-01-01T02:00:00+0000',
                             pattern=pattern or dict(type='daily', frequency='everyday')))
    job.update(fields)
    return job
