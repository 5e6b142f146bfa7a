# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""_scripts/parameters.py: a script's parameters, in order, both ways; PASSWORD defaults never compared with a read
nor shown (api-behaviour §20.2, §20.4, §20.9)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.opsramp.automation.plugins.module_utils._scripts.parameters import ScriptParameters, is_password

KIND = ScriptParameters()
MASK = '********'


@pytest.mark.parametrize('parameter, expected', [
    ({'data_type': 'password'}, True),
    ({'dataType': 'PASSWORD'}, True),
    ({'dataType': 'Password'}, True),
    ({'data_type': 'string'}, False),
    ({'dataType': 'INTEGER'}, False),
    ({}, False),
    (None, False),
])
def test_is_password_reads_both_spellings_in_any_case(parameter, expected):
    assert is_password(parameter) is expected


def test_desired_is_canonical_in_the_order_given():
    given = [{'name': 'b', 'default': 5, 'data_type': 'integer', 'required': True},
             {'name': 'a', 'description': 'the a'}, 'junk']
    assert KIND.desired(given) == [
        {'name': 'b', 'description': '', 'default': '5', 'required': True, 'data_type': 'integer'},
        {'name': 'a', 'description': 'the a', 'default': '', 'required': False, 'data_type': 'string'},
    ]
    assert KIND.desired(None) == []


def test_a_password_parameter_given_no_default_manages_none():
    desired = KIND.desired([{'name': 'token', 'data_type': 'password'},
                            {'name': 'key', 'data_type': 'password', 'default': ''}])
    assert 'default' not in desired[0]
    assert desired[1]['default'] == ''  # given, even empty: written


def test_current_reads_the_api_spellings_and_never_a_password_default():
    raw = [{'id': 5000, 'name': 'grace', 'description': 'seconds', 'defaultValue': '5', 'type': 'REQUIRED',
            'dataType': 'INTEGER'},
           {'id': 5001, 'name': 'token', 'defaultValue': MASK, 'type': 'optional', 'dataType': 'PASSWORD'},
           {'id': 5002, 'name': 'plain'}]
    assert KIND.current(raw) == [
        {'name': 'grace', 'description': 'seconds', 'default': '5', 'required': True, 'data_type': 'integer'},
        {'name': 'token', 'description': '', 'required': False, 'data_type': 'password'},
        {'name': 'plain', 'description': '', 'default': '', 'required': False, 'data_type': 'string'},
    ]
    assert KIND.current(None) is None and KIND.current({'name': 'x'}) is None


@pytest.mark.parametrize('shown', [MASK, 'the-real-value', None], ids=['masked', 'clear', 'omitted'])
def test_a_password_default_compares_equal_whatever_the_read_shows(shown):
    raw = [{'name': 'token', 'dataType': 'PASSWORD', 'type': 'REQUIRED'}]
    if shown is not None:
        raw[0]['defaultValue'] = shown
    assert KIND.current(raw) == KIND.desired([{'name': 'token', 'data_type': 'password', 'required': True}])


def test_to_api_keeps_the_id_each_name_has():
    stored = [{'id': 5001, 'name': 'b'}, {'id': 5000, 'name': 'a'}, 'junk']
    wanted = KIND.desired([{'name': 'a', 'default': '1'}, {'name': 'c', 'data_type': 'password'},
                           {'name': 'b', 'required': True, 'data_type': 'integer', 'description': 'bee'}])
    assert KIND.to_api(wanted, stored, None) == [
        {'name': 'a', 'description': '', 'type': 'OPTIONAL', 'dataType': 'STRING', 'defaultValue': '1', 'id': 5000},
        {'name': 'c', 'description': '', 'type': 'OPTIONAL', 'dataType': 'PASSWORD'},
        {'name': 'b', 'description': 'bee', 'type': 'REQUIRED', 'dataType': 'INTEGER', 'defaultValue': '', 'id': 5001},
    ]
    assert [item.get('id') for item in KIND.to_api(wanted, None, None)] == [None, None, None]


def test_secret_values_are_the_password_defaults():
    value = [{'name': 'a', 'data_type': 'password', 'default': 's3cret'}, {'name': 'b', 'default': 'plain'},
             {'name': 'c', 'data_type': 'password'}]
    assert KIND.secret_values(value, False) == ['s3cret', None]


def test_secret_values_api_are_the_password_defaults_a_read_shows_in_clear():
    raw = [{'name': 'a', 'dataType': 'PASSWORD', 'defaultValue': 'in-clear'}, {'name': 'b', 'defaultValue': 'plain'},
           {'name': 'c', 'dataType': 'password', 'defaultValue': MASK}, {'name': 'd', 'dataType': 'PASSWORD'},
           {'name': 'e', 'dataType': 'PASSWORD', 'defaultValue': ''}]
    assert KIND.secret_values_api(raw, False) == ['in-clear']
    assert KIND.secret_values_api(None, False) == [] and KIND.secret_values_api('odd', True) == []


def test_masked_hides_password_defaults_only_and_leaves_the_value_alone():
    value = [{'name': 'a', 'data_type': 'password', 'default': 's3cret'}, {'name': 'b', 'default': 'plain'},
             {'name': 'c', 'data_type': 'password', 'default': ''}]
    masked = KIND.masked(value, False)
    assert [item.get('default') for item in masked] == [MASK, 'plain', '']
    assert value[0]['default'] == 's3cret'


def test_masked_api_hides_a_clear_password_default_of_a_read():
    raw = [{'name': 'a', 'dataType': 'PASSWORD', 'defaultValue': 'in-clear'}, {'name': 'b', 'defaultValue': 'x'}]
    assert [item['defaultValue'] for item in KIND.masked_api(raw, False)] == [MASK, 'x']
    without = [{'name': 'b', 'defaultValue': 'x'}]
    assert KIND.masked_api(without, False) is without and KIND.masked_api(None, False) is None
