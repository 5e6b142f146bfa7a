# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""_engine/values.py: how one value OpsRamp sends, in any of its spellings, is read; what it does not understand is
kept as it is, so that it compares as different instead of failing."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.opsramp.automation.plugins.module_utils._engine.values import (
    as_dict, enum_key, enum_reader, is_given, number_first_key, read_bool, read_enum, read_int, split_items, text)


@pytest.mark.parametrize('raw, expected', [
    (True, True), ('true', True), ('True', True), (1, True), ('1', True), ('no', False), (0, False),
    (' YES ', True), ('false', False), ('maybe', 'maybe'), (2, 2), (None, None),
    ('on', True), ('OFF', False), ('y', True), ('n', False), ('t', True), ('f', False),  # as Ansible reads them
])
def test_read_bool_keeps_what_it_does_not_understand(raw, expected):
    result = read_bool(raw)
    assert result == expected and type(result) is type(expected)


@pytest.mark.parametrize('raw, expected', [
    (2, 2), ('2', 2), (' -3 ', -3), ('+4', 4), (2.0, 2), (2.5, 2.5), ('x', 'x'), ('2.0', '2.0'), (True, True),
    (None, None),
])
def test_read_int(raw, expected):
    assert read_int(raw) == expected and type(read_int(raw)) is type(expected)


def test_read_enum_matches_any_case_and_spacing_and_lowers_the_unknown():
    reader = enum_reader({'run_once': 'run once', 'every_weekday': 'every weekday'})
    assert read_enum('Run Once', reader) == 'run_once'
    assert read_enum('EVERY-WEEKDAY', reader) == 'every_weekday'
    assert read_enum(' Hourly ', reader) == 'hourly'


def test_an_enum_reader_knows_the_option_values_and_the_api_values():
    reader = enum_reader({'manual': 0, 'all_versions': 'ALL_VERSIONS'})
    assert reader == {'manual': 'manual', '0': 'manual', 'allversions': 'all_versions'}
    assert enum_key('Run Once') == enum_key('run_once') == enum_key('RUN-ONCE') == 'runonce'


def test_text_and_split_items():
    assert (text(None), text(7), text(7.0), text(7.5), text('a')) == ('', '7', '7', '7.5', 'a')
    assert split_items('Sunday, ,Tuesday') == ['Sunday', 'Tuesday']
    assert split_items([1, ' 2 ', '']) == ['1', '2']
    assert split_items(('a',)) == ['a'] and split_items(15) == ['15']
    assert split_items(None) == []


def test_numeric_ids_sort_numerically_before_the_others():
    assert sorted(['x', '10', '2'], key=number_first_key) == ['2', '10', 'x']
    assert sorted([10, 'b', 9, 'a'], key=number_first_key) == [9, 10, 'a', 'b']


@pytest.mark.parametrize('value, given', [
    (None, False), ('', False), ([], False), (0, True), (False, True), ('x', True), ({}, True), ([None], True),
])
def test_is_given(value, given):
    assert is_given(value) is given


def test_as_dict_makes_anything_else_an_empty_dict():
    holder = {'a': 1}
    assert as_dict(holder) is holder
    assert as_dict(None) == {} and as_dict([('a', 1)]) == {} and as_dict('x') == {}
