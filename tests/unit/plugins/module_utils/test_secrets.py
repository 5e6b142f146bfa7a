# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Script parameter values hidden by field (module_utils/secrets.py): masked where they are, nowhere else."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

import pytest

from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import ApiError, CommunicationError, ValidationError
from ansible_collections.opsramp.automation.plugins.module_utils.secrets import MASK, Secrets, hide_in_error, redact

DESIRED = {'name': '30', 'custom_script': {
    'id': '30', 'parameters': [{'id': '1', 'value': '1'}, {'id': '2', 'value': '30'}]}}
CURRENT = {'name': '30', 'custom_script': {
    'id': '30', 'parameters': [{'id': '2', 'value': 'old'}, {'id': '3', 'value': ''}]}}
JOB = {'id': 'job-30', 'name': '30', 'schedule': {'startDate': '2026-01-30T00:30:00+0000'},
       'script': {'customScript': {'id': '30'}, 'parameters': [
           {'paramId': '1', 'value': '30', 'name': 'Days'}, {'paramId': '2', 'value': None}]}}


def test_a_job_declaring_a_secret_hides_every_parameter_value_and_nothing_else():
    secrets = Secrets.of_job(True, DESIRED, CURRENT, None)
    assert secrets and secrets.values == {'1', '30', 'old'}
    assert secrets.mask_state(DESIRED) == {'name': '30', 'custom_script': {'id': '30', 'parameters': [
        {'id': '1', 'value': MASK}, {'id': '2', 'value': MASK}]}}
    assert secrets.mask_state(CURRENT)['custom_script']['parameters'] == [{'id': '2', 'value': MASK},
                                                                          {'id': '3', 'value': ''}]
    masked = secrets.mask_job(JOB)
    assert masked == dict(JOB, script={'customScript': {'id': '30'}, 'parameters': [
        {'paramId': '1', 'value': MASK, 'name': 'Days'}, {'paramId': '2', 'value': None}]})
    assert JOB['script']['parameters'][0]['value'] == '30' and DESIRED['custom_script']['parameters'][1]['value'] == '30'


@pytest.mark.parametrize('value', [None, {}, {'name': 'x'}, {'script': {'parameters': 'odd'}}, {'custom_script': None}])
def test_values_without_parameters_are_returned_as_they_are(value):
    secrets = Secrets(True, ['x'])
    assert secrets.mask_state(copy.deepcopy(value)) == value and secrets.mask_job(copy.deepcopy(value)) == value


def test_a_job_without_secrets_shows_its_values():
    secrets = Secrets.of_job(False, DESIRED, CURRENT)
    assert not secrets and secrets.values == frozenset()
    assert secrets.mask_state(DESIRED) is DESIRED and secrets.mask_job(JOB) is JOB


def test_redact_replaces_the_longest_values_first():
    assert redact('a secret-30 and 30 and 3', {'30', 'secret-30'}) == 'a ******** and ******** and 3'
    assert redact(None, {'x'}) is None and redact(5, {'5'}) == 5


def test_hide_in_error_keeps_the_class_and_details_and_leaves_the_error_alone():
    error = ApiError('refused 30', status=400, method='POST', path='/jobs/30', body={'echo': ['value 30'], 'code': 3})
    hidden = hide_in_error(error, {'30'})
    assert isinstance(hidden, ApiError) and hidden.message == str(hidden) == 'refused ********'
    assert hidden.body == {'echo': ['value ********'], 'code': 3} and hidden.path == '/jobs/********'
    assert hidden.status == 400 and hidden.maybe_applied is False
    assert hidden.to_fail_kwargs() == dict(msg='refused ********', status=400, method='POST', path='/jobs/********',
                                           body={'echo': ['value ********'], 'code': 3})
    assert error.message == 'refused 30' and error.body['echo'] == ['value 30']


def test_hide_in_error_of_other_errors():
    hidden = hide_in_error(CommunicationError('timeout after sending 30', maybe_applied=True), {'30'})
    assert hidden.message == 'timeout after sending ********' and hidden.maybe_applied is True
    option = hide_in_error(ValidationError('name: 30', option='name'), {'30'})
    assert (option.message, option.option) == ('name: ********', 'name')
    error = ValidationError('x')
    assert hide_in_error(error, frozenset()) is error
