# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""JobResource.references: the RBA script a job runs, as opsramp_jobs' prune of scripts reads it from a search result
(api-behaviour §4) or from the body a write sends."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.opsramp.automation.plugins.module_utils._jobs.adapter import JOBS


@pytest.mark.parametrize('job, named', [
    ({'script': {'customScript': {'id': 7, 'name': 'test script'}, 'userType': 2}}, ['7']),  # the search example
    ({'script': {'jobType': 'custom', 'customScript': {'id': '1042'}}}, ['1042']),  # as a write sends it
    ({'script': {'jobType': 'adCheckList'}}, []),
    ({'script': {'jobType': 'networkconfigbackup', 'configParams': {}}}, []),
    ({'script': {}}, None),  # neither a type nor a script: what it runs is not known
    ({'name': 'no script at all'}, None),
    ({'script': {'customScript': {}}}, None),  # a custom job whose script has no id
    ({'script': {'customScript': {'id': ''}, 'jobType': 'custom'}}, None),
], ids=['search-result', 'payload', 'checklist', 'backup', 'empty-script', 'no-script', 'no-id', 'blank-id'])
def test_the_script_a_job_runs(job, named):
    assert JOBS.references(job) == named
