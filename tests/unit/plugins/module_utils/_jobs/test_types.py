# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Job types (``_jobs/types.py``): the ``job_type`` kind, recognised in any case and sent in OpsRamp's spelling, and
the warning, before any write, about a type OpsRamp will probably refuse (against a client that records requests)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.opsramp.automation.tests.unit.plugins.module_utils._engine.engine_support import FakeClient

from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import ApiError
from ansible_collections.opsramp.automation.plugins.module_utils._jobs import types
from ansible_collections.opsramp.automation.plugins.module_utils._jobs.table import JOB_TYPE

# The types OpsRamp documents (api-behaviour §5) plus the two seen elsewhere, in OpsRamp's spelling: written out here.
DOCUMENTED = ('adCheckList', 'antispyware', 'antivirus', 'appaudit', 'assetinfo', 'backupagent', 'diskdefrag',
              'exbpaCheckList', 'missingPatchesRequest', 'sqlreport', 'networkconfigbackup', 'tempfilesreport',
              'appinstall', 'appupdate', 'custom', 'missingPatchesDownloadUpdate')


def test_the_job_table_knows_the_documented_types():
    assert JOB_TYPE.known == DOCUMENTED


@pytest.mark.parametrize('option, api_forms, sent', [
    ('ADCHECKLIST', ['adCheckList', 'adchecklist', ' AdCheckList '], 'adCheckList'),
    ('networkConfigBackup', ['networkconfigbackup'], 'networkconfigbackup'),
    ('myNewType', ['myNewType'], 'myNewType'),  # unknown: as given, compared exactly
])
def test_a_known_type_reads_in_any_case_and_is_sent_in_opsramps_spelling(option, api_forms, sent):
    canonical = JOB_TYPE.desired(option)
    assert all(JOB_TYPE.current(form) == canonical for form in api_forms)
    assert JOB_TYPE.to_api(canonical, None, None) == sent
    assert JOB_TYPE.current('MYNEWTYPE') != JOB_TYPE.desired('myNewType')


def test_is_known_and_problem():
    assert JOB_TYPE.is_known('CUSTOM') and not JOB_TYPE.is_known('customer')
    assert JOB_TYPE.problem(' ') == 'must not be empty' and JOB_TYPE.problem('x') is None


def test_a_kind_knows_only_the_types_it_is_given():
    kind = types.JobType(('myType',))
    assert kind.canonical('MYTYPE') == 'myType' and kind.canonical('adchecklist') == 'adchecklist'


@pytest.mark.parametrize('value, known, expected', [
    ('ad_checklist', DOCUMENTED, 'adCheckList'),
    ('Network-Config-Backup', DOCUMENTED, 'networkconfigbackup'),
    ('antivirs', DOCUMENTED, 'antivirus'),
    ('zzzz', DOCUMENTED, None),
    ('my type', ('myType', 'other'), 'myType'),
])
def test_closest(value, known, expected):
    assert types.closest(value, known) == expected


def test_documented_types_in_any_case_read_nothing():
    client = FakeClient()
    types.warn_unknown(client, [('job_type', 'ADCHECKLIST'), ('jobs[1].job_type', 'custom'), ('x', None)], JOB_TYPE)
    assert client.requests == [] and client.warnings == []


def test_unknown_types_read_the_tenant_list_once_and_name_the_option():
    client = FakeClient(job_types=['tenantSpecial'])
    types.warn_unknown(client, [('jobs[0].job_type', 'tenantSpecial'), ('jobs[1].job_type', 'ad_checklist'),
                                ('jobs[2].job_type', 'tenant-special')], JOB_TYPE)
    assert client.requests == [('GET', '/jobs/types', None)]
    assert client.warnings == [
        "jobs[1].job_type: 'ad_checklist' is neither a job type OpsRamp documents nor one this tenant lists "
        "(GET /jobs/types); did you mean 'adCheckList'? OpsRamp refuses an unknown type when the job is written",
        "jobs[2].job_type: 'tenant-special' is neither a job type OpsRamp documents nor one this tenant lists "
        "(GET /jobs/types); did you mean 'tenantSpecial'? OpsRamp refuses an unknown type when the job is written",
    ]


def test_an_unreadable_tenant_list_still_warns_with_the_documented_types():
    client = FakeClient(job_types=['zzzz'])
    client.fail(('GET', '/jobs/types'), ApiError('forbidden', status=403))
    types.warn_unknown(client, [('job_type', 'zzzz')], JOB_TYPE)
    assert len(client.warnings) == 1 and 'known types are adCheckList, antispyware, ' in client.warnings[0]
    assert client.requests == [('GET', '/jobs/types', None)]
