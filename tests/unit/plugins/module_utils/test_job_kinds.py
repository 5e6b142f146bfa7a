# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Each kind converts a value both ways: option -> canonical, API -> canonical, canonical -> API."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.opsramp.automation.plugins.module_utils import job_kinds as kinds
from ansible_collections.opsramp.automation.plugins.module_utils.job_fields import APPROVALS, VERSIONS_SAVED


@pytest.mark.parametrize('kind, option, api_forms, sent', [
    (kinds.Flag(), True, [True, 'true', 1, 'True'], True),
    (kinds.Choice(VERSIONS_SAVED), 'version_with_changes', ['VERSION_WITH_CHANGES', 'version_with_changes'], 'VERSION_WITH_CHANGES'),
    (kinds.Choice(APPROVALS, numeric=True), 'auto', [1, '1'], 1),
    (kinds.WeekDays(), ['tue', 'Sun'], ['Sunday, Tuesday', 'tuesday,sunday', ['Tuesday', 'Sunday']], 'Sunday, Tuesday'),
    (kinds.MonthDays(), [15, 1], ['1, 15', '15,01', [15, '1']], '1, 15'),
    (kinds.Day(), 'fri', ['Friday', 'FRIDAY', 'fri'], 'Friday'),
    (kinds.JobType(), 'ADCHECKLIST', ['adCheckList', 'adchecklist'], 'adCheckList'),
    (kinds.Text(), '7', [7, '7', 7.0], '7'),
])
def test_every_api_spelling_reads_as_the_option_and_the_option_is_sent_in_api_form(kind, option, api_forms, sent):
    canonical = kind.desired(option)
    assert all(kind.current(form) == canonical for form in api_forms)
    assert kind.to_api(canonical, None, None) == sent


@pytest.mark.parametrize('kind, value, problem', [
    (kinds.Count(), 0, 'must be a whole number of days, 1 or more, not 0'),
    (kinds.Choice(VERSIONS_SAVED), 'all', "'all' is not one of all_versions, version_with_changes"),
    (kinds.Text(blank=False), ' ', 'must not be empty'),
    (kinds.MonthDays(), [1, 32], '32 is not a day of the month (1..31)'),
])
def test_a_kind_names_what_is_wrong_with_an_option_value(kind, value, problem):
    assert kind.problem(value) == problem


def test_parameters_keep_the_stored_order_and_what_each_stored_one_holds():
    stored = [{'paramId': '3', 'value': 'x', 'extra': 1}, {'paramId': '2', 'itopMacro': {'id': 5, 'scope': 's'}}]
    wanted = kinds.canonical_parameters([{'id': '2', 'macro': '6'}, {'id': '3', 'value': 'y'}, {'id': '4', 'value': 'z'}])
    assert kinds.Parameters().to_api(wanted, stored, None) == [
        {'paramId': '3', 'value': 'y', 'extra': 1}, {'paramId': '2', 'itopMacro': {'id': '6', 'scope': 's'}},
        {'paramId': '4', 'value': 'z'}]
