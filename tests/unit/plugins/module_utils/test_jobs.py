# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The jobs layer's decisions against a client that answers from a script: what "not found" is, and what a delete
reports. The layer over real HTTP is in tests/component."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.opsramp.automation.plugins.module_utils import jobs
from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import ApiError, CommunicationError


def not_found(status=404, code=None, earlier_attempt=False):
    error = ApiError('gone', status=status, method='DELETE', path='/p', body={'code': code} if code else None)
    error.earlier_attempt_maybe_applied = earlier_attempt
    return error


class ScriptedClient:
    """Answers ``delete`` with what it was given (an exception is raised); records the paths."""

    def __init__(self, outcome=None):
        self.outcome = outcome
        self.deleted = []

    @staticmethod
    def api_path(*parts):
        return '/api/v2/tenants/t/' + '/'.join(parts)

    def delete(self, path):
        self.deleted.append(path)
        if isinstance(self.outcome, Exception):
            raise self.outcome
        return self.outcome


@pytest.mark.parametrize('error, gone', [
    (not_found(), True),
    (not_found(500, '0005'), True),
    (not_found(500, '0001'), False),
    (not_found(400, '0005'), False),
    (CommunicationError('lost'), False),
], ids=['404', '500-0005', '500-other', '400-0005', 'not-an-api-error'])
def test_what_counts_as_not_found(error, gone):
    assert jobs.is_not_found(error) is gone


@pytest.mark.parametrize('outcome, deleted', [
    (None, True),
    (not_found(), False),  # already gone before this run
    (not_found(500, '0005'), False),
    (not_found(earlier_attempt=True), True),  # re-sent after an attempt that may have run: that attempt deleted it
], ids=['deleted', 'gone', 'gone-0005', 'gone-after-a-lost-answer'])
def test_what_a_delete_reports(outcome, deleted):
    client = ScriptedClient(outcome)
    assert jobs.delete_job(client, 'j 1') is deleted
    assert client.deleted == ['/api/v2/tenants/t/jobs/j 1']


def test_other_delete_errors_are_raised():
    with pytest.raises(ApiError):
        jobs.delete_job(ScriptedClient(not_found(403)), 'j1')
