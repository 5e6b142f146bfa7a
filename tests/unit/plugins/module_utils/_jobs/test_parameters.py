# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A custom job's script parameters (``_jobs/parameters.py``): compared as a set by id, each with a value or an iTOP
macro (api-behaviour §12), sent back keeping what the stored ones hold, and hidden when a task marks one sensitive."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

import pytest

from ansible_collections.opsramp.automation.tests.unit.plugins.module_utils._jobs.job_support import (
    CUSTOM_JOB, NOW, payload, with_options)

from ansible_collections.opsramp.automation.plugins.module_utils._engine.compare import changed_paths
from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import REDACTED
from ansible_collections.opsramp.automation.plugins.module_utils._jobs import parameters
from ansible_collections.opsramp.automation.plugins.module_utils._jobs.adapter import JOBS

KIND = parameters.Parameters()


def desired_state(raw):
    return JOBS.model.desired(with_options(raw))


def current_state(api_job):
    return JOBS.model.current(api_job)


# ------------------------------------------------------------------------------------------ the kind

def test_parameters_are_a_set_by_id_in_numeric_order_and_a_macro_is_not_a_value():
    option = [{'id': '10', 'value': 'b', 'sensitive': True}, {'id': '2', 'value': None}, {'id': 'x', 'macro': 5}]
    assert KIND.desired(option) == [{'id': '2', 'value': ''}, {'id': '10', 'value': 'b'}, {'id': 'x', 'macro': '5'}]
    stored = [{'paramId': 'x', 'itopMacro': {'id': 5, 'name': 'M'}, 'value': None}, {'paramId': 10, 'value': 'b', 'name': 'n'},
              {'paramId': 2, 'value': ''}]
    assert KIND.current(stored) == KIND.desired(option)
    assert KIND.current(None) is None


def test_parameters_keep_the_stored_order_and_what_each_stored_one_holds():
    stored = [{'paramId': '3', 'value': 'x', 'extra': 1}, {'paramId': '2', 'itopMacro': {'id': 5, 'scope': 's'}}]
    wanted = parameters.canonical_parameters([{'id': '2', 'macro': '6'}, {'id': '3', 'value': 'y'}, {'id': '4', 'value': 'z'}])
    assert KIND.to_api(wanted, stored, None) == [
        {'paramId': '3', 'value': 'y', 'extra': 1}, {'paramId': '2', 'itopMacro': {'id': '6', 'scope': 's'}},
        {'paramId': '4', 'value': 'z'}]


def test_a_stored_parameter_is_sent_back_with_a_text_id_and_no_null_value_beside_its_macro():
    assert KIND.native([{'paramId': 3, 'itopMacro': {'id': 12}, 'value': None}, {'paramId': 4, 'value': None}, 'odd']) == [
        {'paramId': '3', 'itopMacro': {'id': 12}}, {'paramId': '4', 'value': None}, 'odd']


# ------------------------------------------------------------------------------------------ macro-bound parameters

def test_a_rename_keeps_the_macro_binding():
    body = payload(CUSTOM_JOB, desired_state({'id': 'c-1', 'name': 'renamed'}), NOW)
    assert body['script']['parameters'] == [{'paramId': '2', 'value': '150'}, {'paramId': '3', 'itopMacro': {'id': 12}}]
    assert body['name'] == 'renamed'


def test_a_macro_bound_parameter_reads_as_its_macro():
    assert current_state(CUSTOM_JOB)['custom_script']['parameters'] == [
        {'id': '2', 'value': '150'}, {'id': '3', 'macro': '12'}]
    with_null_value = copy.deepcopy(CUSTOM_JOB)
    with_null_value['script']['parameters'][1]['value'] = None
    assert current_state(with_null_value) == current_state(CUSTOM_JOB)
    assert payload(with_null_value, {}, NOW)['script']['parameters'][1] == {'paramId': '3', 'itopMacro': {'id': 12}}


@pytest.mark.parametrize('given, changed', [
    ([{'id': '2', 'value': '150'}, {'id': '3', 'macro': '12'}], []),
    ([{'id': '2', 'value': '150'}, {'id': '3', 'value': ''}], ['custom_script.parameters']),  # no longer equal to a macro
    ([{'id': '2', 'macro': '150'}, {'id': '3', 'macro': '12'}], ['custom_script.parameters']),  # value -> macro
    ([{'id': '2', 'value': '150'}, {'id': '3', 'macro': '13'}], ['custom_script.parameters']),
])
def test_switching_between_value_and_macro_is_a_change(given, changed):
    desired = desired_state({'id': 'c-1', 'custom_script': {'parameters': given}})
    assert changed_paths(desired, current_state(CUSTOM_JOB)) == changed


def test_setting_a_macro_sends_itop_macro_and_no_value():
    desired = desired_state({'id': 'c-1', 'custom_script': {'parameters': [
        {'id': '2', 'macro': '40'}, {'id': '3', 'value': 'here'}, {'id': '4', 'macro': '41'}]}})
    assert payload(CUSTOM_JOB, desired, NOW)['script']['parameters'] == [
        {'paramId': '2', 'itopMacro': {'id': '40'}}, {'paramId': '3', 'value': 'here'},
        {'paramId': '4', 'itopMacro': {'id': '41'}}]


# ------------------------------------------------------------------------------------------ secrets

def test_values_are_secret_only_when_the_task_asks():
    state = KIND.desired([{'id': '1', 'value': 's1'}, {'id': '2', 'macro': '7'}, {'id': '3', 'value': ''}])
    assert KIND.secret_values(state, hide=True) == ['s1', None, '']
    assert KIND.secret_values(state, hide=False) == []
    assert KIND.masked(state, hide=True) == [{'id': '1', 'value': REDACTED}, {'id': '2', 'macro': '7'}, {'id': '3', 'value': ''}]
    assert KIND.masked(state, hide=False) is state
    assert state[0]['value'] == 's1', 'masking works on a copy'


def test_stored_values_are_masked_in_the_api_form_too():
    stored = CUSTOM_JOB['script']['parameters']
    assert KIND.masked_api(stored, hide=True) == [{'paramId': 2, 'value': REDACTED, 'name': 'count'},
                                                  {'paramId': 3, 'itopMacro': {'id': 12, 'name': 'SITE'}, 'name': 'site'}]
    assert KIND.masked_api(stored, hide=False) is stored
    assert stored[0]['value'] == '150'


@pytest.mark.parametrize('raw, sensitive', [
    (None, False),
    ({}, False),
    ({'custom_script': None}, False),
    ({'custom_script': {'parameters': None}}, False),
    ({'custom_script': {'parameters': [{'id': '1', 'value': 'a'}, 'odd']}}, False),
    ({'custom_script': {'parameters': [{'id': '1', 'value': 'a', 'sensitive': False}, {'id': '2', 'sensitive': 'true'}]}}, True),
    ({'custom_script': {'parameters': [{'id': '1', 'sensitive': 'not a boolean'}]}}, True),  # its failure echoes it
    ({'custom_script': {'parameters': [{'id': '1', 'sensitive': 'off'}]}}, False),
])
def test_declares_sensitive_parameters(raw, sensitive):
    assert parameters.declares_sensitive_parameters(raw) is sensitive


def test_hide_parameter_values_marks_the_value_no_log_in_place():
    spec = JOBS.model.argument_spec()
    assert parameters.hide_parameter_values(spec) is spec
    assert spec['custom_script']['options']['parameters']['options']['value'] == dict(type='str', no_log=True)
    assert 'no_log' not in spec['custom_script']['options']['parameters']['options']['id']
