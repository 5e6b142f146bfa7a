# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The warning about job types OpsRamp will probably refuse (module_utils/job_types.py), with a fake jobs layer."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.opsramp.automation.plugins.module_utils import job_types
from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import ApiError


class FakeClient:
    def __init__(self):
        self.warnings = []

    def warn(self, message):
        self.warnings.append(message)


class FakeJobs:
    def __init__(self, listed=(), error=None):
        self.listed, self.error, self.reads = list(listed), error, 0

    def list_job_types(self, client):
        self.reads += 1
        if self.error is not None:
            raise self.error
        return [dict(name='Job %s' % job_type, type=job_type) for job_type in self.listed]


@pytest.mark.parametrize('value, known, expected', [
    ('ad_checklist', job_types.KNOWN_JOB_TYPES, 'adCheckList'),
    ('Network-Config-Backup', job_types.KNOWN_JOB_TYPES, 'networkconfigbackup'),
    ('antivirs', job_types.KNOWN_JOB_TYPES, 'antivirus'),
    ('zzzz', job_types.KNOWN_JOB_TYPES, None),
    ('my type', ('myType', 'other'), 'myType'),
])
def test_closest(value, known, expected):
    assert job_types.closest(value, known) == expected


def test_documented_types_in_any_case_read_nothing(monkeypatch):
    fake = FakeJobs()
    monkeypatch.setattr(job_types, 'jobs', fake)
    client = FakeClient()
    job_types.warn_unknown(client, [('job_type', 'ADCHECKLIST'), ('jobs[1].job_type', 'custom'), ('x', None)])
    assert fake.reads == 0 and client.warnings == []


def test_unknown_types_read_the_tenant_list_once_and_name_the_option(monkeypatch):
    fake = FakeJobs(listed=['tenantSpecial'])
    monkeypatch.setattr(job_types, 'jobs', fake)
    client = FakeClient()
    job_types.warn_unknown(client, [('jobs[0].job_type', 'tenantSpecial'), ('jobs[1].job_type', 'ad_checklist'),
                                    ('jobs[2].job_type', 'tenant-special')])
    assert fake.reads == 1
    assert client.warnings == [
        "jobs[1].job_type: 'ad_checklist' is neither a job type OpsRamp documents nor one this tenant lists "
        "(GET /jobs/types); did you mean 'adCheckList'? OpsRamp refuses an unknown type when the job is written",
        "jobs[2].job_type: 'tenant-special' is neither a job type OpsRamp documents nor one this tenant lists "
        "(GET /jobs/types); did you mean 'tenantSpecial'? OpsRamp refuses an unknown type when the job is written",
    ]


def test_an_unreadable_tenant_list_still_warns_with_the_documented_types(monkeypatch):
    fake = FakeJobs(error=ApiError('forbidden', status=403))
    monkeypatch.setattr(job_types, 'jobs', fake)
    client = FakeClient()
    job_types.warn_unknown(client, [('job_type', 'zzzz')])
    assert len(client.warnings) == 1 and 'known types are adCheckList, antispyware, ' in client.warnings[0]
