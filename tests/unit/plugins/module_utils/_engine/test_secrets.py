# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""_engine/secrets.py: secret values hidden by field (each sensitive field's kind masks its own values), masked where
they are and nowhere else; free text redacted. Shown for a job's script parameters (hidden when the task asks) and
for a widget's key (always hidden)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

import pytest

from ansible_collections.opsramp.automation.plugins.module_utils._engine.secrets import Secrets, hide_in_error, redact
from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import (
    REDACTED as MASK, ApiError, CommunicationError, ValidationError)
from ansible_collections.opsramp.automation.plugins.module_utils._jobs.adapter import JOBS
from ansible_collections.opsramp.automation.plugins.module_utils._scripts.adapter import SCRIPTS

from ansible_collections.opsramp.automation.tests.unit.plugins.module_utils._engine.engine_support import (
    WIDGETS, stored_widget)

DESIRED = {'name': '30', 'custom_script': {
    'id': '30', 'parameters': [{'id': '1', 'value': '1'}, {'id': '2', 'value': '30'}]}}
CURRENT = {'name': '30', 'custom_script': {
    'id': '30', 'parameters': [{'id': '2', 'value': 'old'}, {'id': '3', 'value': ''}]}}
JOB = {'id': 'job-30', 'name': '30', 'schedule': {'startDate': '2026-01-30T00:30:00+0000'},
       'script': {'customScript': {'id': '30'}, 'parameters': [
           {'paramId': '1', 'value': '30', 'name': 'Days'}, {'paramId': '2', 'value': None}]}}


# ---------------------------------------------------------------------------------------------------- a job's parameters

def test_a_job_declaring_a_secret_hides_every_parameter_value_and_nothing_else():
    secrets = Secrets.of_states(JOBS.model, True, DESIRED, CURRENT, None)
    assert secrets.values == {'1', '30', 'old'}
    assert secrets.mask_state(DESIRED) == {'name': '30', 'custom_script': {'id': '30', 'parameters': [
        {'id': '1', 'value': MASK}, {'id': '2', 'value': MASK}]}}
    assert secrets.mask_state(CURRENT)['custom_script']['parameters'] == [{'id': '2', 'value': MASK},
                                                                          {'id': '3', 'value': ''}]
    masked = secrets.mask_object(JOB)
    assert masked == dict(JOB, script={'customScript': {'id': '30'}, 'parameters': [
        {'paramId': '1', 'value': MASK, 'name': 'Days'}, {'paramId': '2', 'value': None}]})
    assert JOB['script']['parameters'][0]['value'] == '30' and DESIRED['custom_script']['parameters'][1]['value'] == '30'


@pytest.mark.parametrize('value', [None, {}, {'name': 'x'}, {'script': {'parameters': 'odd'}}, {'custom_script': None}])
def test_values_without_parameters_are_returned_as_they_are(value):
    secrets = Secrets(JOBS.model, True, ['x'])
    assert secrets.mask_state(copy.deepcopy(value)) == value and secrets.mask_object(copy.deepcopy(value)) == value


def test_a_job_without_secrets_shows_its_values():
    secrets = Secrets.of_states(JOBS.model, False, DESIRED, CURRENT)
    assert secrets.values == frozenset() and secrets.hide is False
    assert secrets.mask_state(DESIRED) is DESIRED and secrets.mask_object(JOB) is JOB


# ---------------------------------------------------------------------------------------------------- a widget's key

def test_a_kind_may_hide_its_values_whatever_the_task_asks():
    desired = WIDGETS.model.desired(dict(name='30', vault=dict(key='k-30', hint='30')))
    current = WIDGETS.model.current(stored_widget('w-30', '30'))
    secrets = Secrets.of_states(WIDGETS.model, False, desired, current)
    assert secrets.values == {'k-30'}
    assert secrets.mask_state(desired) == {'name': '30', 'vault': {'key': MASK, 'hint': '30'}}
    assert secrets.mask_state(current)['vault'] == {'key': MASK, 'hint': ''}
    assert desired['vault']['key'] == 'k-30'  # masked in a copy


def test_an_object_is_masked_where_its_api_keeps_the_secret():
    stored = stored_widget('w-30', '30', label='k-30')
    masked = Secrets(WIDGETS.model).mask_object(stored)
    assert masked['settings'] == {'vault': {'key': MASK, 'hint': ''}}
    assert dict(masked, settings=None) == dict(stored, settings=None)  # the same text elsewhere stays
    assert stored['settings']['vault']['key'] == 'k-30'
    unkeyed = stored_widget('w-1', '1', settings={'vault': {'hint': 'h'}})
    assert Secrets(WIDGETS.model).mask_object(unkeyed) is unkeyed


def test_free_text_loses_every_hidden_value():
    secrets = Secrets(WIDGETS.model, values=['k-30', '', None])
    assert secrets.values == {'k-30'}
    assert redact("widget 'k-30' refused key k-30", secrets.values) == "widget '********' refused key ********"
    assert redact({'body': ['k-30']}, secrets.values) == {'body': ['********']}


def test_values_kept_out_of_messages_can_be_added():
    secrets = Secrets(WIDGETS.model, True, ['k-30'])
    more = secrets.adding(['body-secret', 'k-30'])
    assert more.values == {'k-30', 'body-secret'} and (more.model, more.hide) == (WIDGETS.model, True)
    assert secrets.values == {'k-30'} and secrets.adding(()) is secrets


def test_secrets_only_a_read_shows_are_kept_out_of_messages():
    """A kind may name secrets of an object as OpsRamp holds it that its canonical state leaves out."""
    script = {'id': 7, 'parameters': [{'name': 'a', 'dataType': 'PASSWORD', 'defaultValue': 'in-clear'},
                                      {'name': 'b', 'dataType': 'STRING', 'defaultValue': 'plain'}]}
    secrets = Secrets.of_states(SCRIPTS.model, False, SCRIPTS.model.current(script))
    assert secrets.values == frozenset()
    stored = secrets.adding_stored(script)
    assert stored.values == {'in-clear'} and (stored.model, stored.hide) == (SCRIPTS.model, False)
    assert secrets.adding_stored(None) is secrets and Secrets().adding_stored(script).values == frozenset()
    assert Secrets(JOBS.model, True).adding_stored(JOB).values == frozenset()  # a job's state holds its values


def test_without_a_model_nothing_is_masked_by_field():
    secrets = Secrets()
    assert (secrets.model, secrets.hide, secrets.values) == (None, False, frozenset())
    assert secrets.mask_state(DESIRED) is DESIRED and secrets.mask_object(JOB) is JOB
    assert Secrets(WIDGETS.model).mask_state('odd') == 'odd'


# ---------------------------------------------------------------------------------------------------- text and errors

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
