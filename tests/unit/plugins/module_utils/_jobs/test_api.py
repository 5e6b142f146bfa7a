# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The Jobs API's decisions (``_jobs/api.py``) against a client that answers from a script: what "not found" is, what
a delete reports, how the list of job types reads. The requests over real HTTP are in tests/component."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import ApiError, CommunicationError, is_not_found
from ansible_collections.opsramp.automation.plugins.module_utils._jobs import api


def not_found(status=404, code=None, earlier_attempt=False):
    error = ApiError('gone', status=status, method='DELETE', path='/p', body={'code': code} if code else None)
    error.earlier_attempt_maybe_applied = earlier_attempt
    return error


class ScriptedClient:
    """Answers ``delete`` and ``get`` with what it was given (an exception is raised); records the paths."""

    def __init__(self, outcome=None):
        self.outcome = outcome
        self.paths = []

    @staticmethod
    def api_path(*parts):
        return '/api/v2/tenants/t/' + '/'.join(parts)

    def _answer(self, path):
        self.paths.append(path)
        if isinstance(self.outcome, Exception):
            raise self.outcome
        return self.outcome

    def delete(self, path):
        return self._answer(path)

    def get(self, path):
        return self._answer(path)


@pytest.mark.parametrize('error, gone', [
    (not_found(), True),
    (not_found(500, '0005'), True),
    (not_found(500, '0001'), False),
    (not_found(400, '0005'), False),
    (CommunicationError('lost'), False),
], ids=['404', '500-0005', '500-other', '400-0005', 'not-an-api-error'])
def test_what_counts_as_not_found(error, gone):
    """OpsRamp's ways of saying a job does not exist (api-behaviour §13), which get_job and delete_job rely on."""
    assert is_not_found(error) is gone


@pytest.mark.parametrize('outcome, deleted', [
    (None, True),
    (not_found(), False),  # already gone before this run
    (not_found(500, '0005'), False),
    (not_found(earlier_attempt=True), True),  # re-sent after an attempt that may have run: that attempt deleted it
], ids=['deleted', 'gone', 'gone-0005', 'gone-after-a-lost-answer'])
def test_what_a_delete_reports(outcome, deleted):
    client = ScriptedClient(outcome)
    assert api.delete_job(client, 'j 1') is deleted
    assert client.paths == ['/api/v2/tenants/t/jobs/j 1']


def test_other_delete_errors_are_raised():
    with pytest.raises(ApiError):
        api.delete_job(ScriptedClient(not_found(403)), 'j1')


@pytest.mark.parametrize('outcome, found', [
    ({'id': 'j1'}, {'id': 'j1'}),
    (not_found(), None),
    (not_found(500, '0005'), None),
], ids=['found', '404', '500-0005'])
def test_get_job_answers_none_when_opsramp_says_there_is_none(outcome, found):
    client = ScriptedClient(outcome)
    assert api.get_job(client, 'j1') == found
    assert client.paths == ['/api/v2/tenants/t/jobs/j1']


def test_get_job_raises_other_errors():
    with pytest.raises(ApiError):
        api.get_job(ScriptedClient(not_found(500, '0001')), 'j1')


@pytest.mark.parametrize('body', [
    {'jobNameAndType': [{'jobName': 'AD Check List', 'jobtype': 'adCheckList'}, {'jobName': 'Custom', 'jobType': 'custom'}]},
    [{'jobName': 'AD Check List', 'jobtype': 'adCheckList'}, {'jobName': 'Custom', 'jobType': 'custom'}, 'noise'],
], ids=['envelope', 'bare-list'])
def test_the_job_types_read_in_either_shape_and_either_spelling(body):
    client = ScriptedClient(body)
    assert api.list_job_types(client) == [dict(name='AD Check List', type='adCheckList'), dict(name='Custom', type='custom')]
    assert client.paths == ['/api/v2/tenants/t/jobs/types']


def test_no_job_types_is_an_empty_list():
    assert api.list_job_types(ScriptedClient({})) == [] and api.list_job_types(ScriptedClient(None)) == []
