# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""_engine/kinds.py: each kind converts a value both ways (option -> canonical, API -> canonical, canonical -> API),
names what is wrong with an option value, and types its option. The mappings are written out here, not taken from
the job table, so that a changed table cannot make these tests agree with it."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.opsramp.automation.plugins.module_utils._engine import kinds

VERSIONS_SAVED = {'all_versions': 'ALL_VERSIONS', 'version_with_changes': 'VERSION_WITH_CHANGES'}
APPROVALS = {'manual': 0, 'auto': 1}


@pytest.mark.parametrize('kind, option, api_forms, sent', [
    (kinds.Flag(), True, [True, 'true', 1, 'True'], True),
    (kinds.Flag(), False, [False, 'false', 0, '0', 'no'], False),
    (kinds.Choice(VERSIONS_SAVED), 'version_with_changes', ['VERSION_WITH_CHANGES', 'version_with_changes'],
     'VERSION_WITH_CHANGES'),
    (kinds.Choice(APPROVALS, numeric=True), 'auto', [1, '1', 1.0], 1),
    (kinds.Text(), '7', [7, '7', 7.0], '7'),
    (kinds.Count('days'), 3, [3, '3', 3.0], 3),
], ids=['flag-true', 'flag-false', 'choice', 'numeric-choice', 'text', 'count'])
def test_every_api_spelling_reads_as_the_option_and_the_option_is_sent_in_api_form(kind, option, api_forms, sent):
    canonical = kind.desired(option)
    assert all(kind.current(form) == canonical for form in api_forms)
    assert kind.to_api(canonical, None, None) == sent


@pytest.mark.parametrize('kind, value, problem', [
    (kinds.Count('days'), 0, 'must be a whole number of days, 1 or more, not 0'),
    (kinds.Count('minutes'), True, 'must be a whole number of minutes, 1 or more, not True'),
    (kinds.Count('days'), '2', "must be a whole number of days, 1 or more, not '2'"),
    (kinds.Choice(VERSIONS_SAVED), 'all', "'all' is not one of all_versions, version_with_changes"),
    (kinds.Text(blank=False), ' ', 'must not be empty'),
    (kinds.Text(blank=False), None, 'must not be empty'),
], ids=['count-zero', 'count-bool', 'count-text', 'choice', 'blank-text', 'no-text'])
def test_a_kind_names_what_is_wrong_with_an_option_value(kind, value, problem):
    assert kind.problem(value) == problem


@pytest.mark.parametrize('kind, value', [
    (kinds.Count('days'), 1), (kinds.Choice(VERSIONS_SAVED), 'all_versions'), (kinds.Text(), ' '),
    (kinds.Text(blank=False), 'x'), (kinds.Flag(), 'anything'), (kinds.Kind(), None),
])
def test_a_good_value_has_no_problem(kind, value):
    assert kind.problem(value) is None


def test_an_unknown_server_value_compares_as_different_instead_of_failing():
    choice = kinds.Choice(VERSIONS_SAVED)
    assert choice.current(' Every_Version ') == 'every_version'
    assert kinds.Choice(APPROVALS, numeric=True).current('2') == '2'
    assert kinds.Count('days').current('often') == 'often' and kinds.Flag().current('maybe') == 'maybe'
    assert choice.to_api('every_version', None, None) == 'every_version'  # sent as given, OpsRamp says what it thinks


def test_each_kind_types_its_option():
    assert kinds.Kind().spec == dict(type='str') and kinds.Text().spec == dict(type='str')
    assert kinds.Flag().spec == dict(type='bool') and kinds.Count('days').spec == dict(type='int')
    assert kinds.Choice(APPROVALS).spec == dict(type='str', choices=['manual', 'auto'])


def test_native_types_a_stored_value_for_a_request():
    assert kinds.Kind.native is None and kinds.Text().native is None  # sent back untouched
    assert kinds.Text(as_text_on_send=True).native(7) == '7'
    assert kinds.Flag.native('true') is True and kinds.Count('days').native('3') == 3
    assert kinds.Choice(APPROVALS, numeric=True).native('1') == 1 and kinds.Choice(APPROVALS).native is None


def test_the_plain_kind_keeps_values_and_holds_no_secret():
    kind, value = kinds.Kind(), {'a': [1]}
    assert kind.desired(value) is value and kind.current(value) is value and kind.to_api(value, 'old', None) is value
    assert tuple(kind.secret_values('s3cret', True)) == ()
    assert kind.masked('s3cret', True) == 's3cret' and kind.masked_api('s3cret', True) == 's3cret'


def test_stored_first_keeps_the_stored_order_then_adds_the_new():
    stored = [{'key': 'c', 'extra': 1}, 'odd', {'key': 'x'}, {'key': 'a'}, {'key': 'c', 'second': True}]
    pairs = kinds.stored_first(['a', 'b', 'c'], stored, lambda item: item['key'])
    assert pairs == [('c', {'key': 'c', 'extra': 1}), ('a', {'key': 'a'}), ('b', None)]
    assert kinds.stored_first(['a'], None, lambda item: item['key']) == [('a', None)]
    assert kinds.stored_first(['a'], 'odd', lambda item: item['key']) == [('a', None)]
