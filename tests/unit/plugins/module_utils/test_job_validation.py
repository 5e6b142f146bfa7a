# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Rules between options; the single-option checks are in test_job_model (BAD_OPTIONS) and test_job_fields."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import ValidationError
from ansible_collections.opsramp.automation.plugins.module_utils.job_validation import validate_job_params


def _message(params):
    with pytest.raises(ValidationError) as caught:
        validate_job_params(params)
    return caught.value.message


def test_parameter_checks_come_in_order_id_then_duplicates_then_value_or_macro():
    def custom(*parameters):
        return {'name': 'n', 'job_type': 'custom', 'custom_script': {'id': '7', 'parameters': list(parameters)}}
    assert _message(custom({'id': ''}, {'id': '2'})) == 'custom_script.parameters[0].id: must not be empty'
    assert _message(custom({'id': '2'}, {'id': '2', 'value': 'b'})).startswith('custom_script.parameters: parameter id')
    assert _message(custom({'id': '2', 'value': 'a'}, {'id': '3', 'value': None, 'macro': None})) == (
        "custom_script.parameters[1]: parameter '3' needs exactly one of value and macro, not neither")


@pytest.mark.parametrize('schedule, message', [
    ({'type': 'monthly'}, 'schedule.days_of_month: a monthly schedule needs days_of_month, or week_index with day_of_week'),
    ({'type': 'monthly', 'days_of_month': [1], 'week_index': 'first', 'day_of_week': 'Monday'},
     'schedule.days_of_month: give either days_of_month or week_index with day_of_week, not both'),
    ({'type': 'weekly', 'week_days': ['Mon'], 'frequency': 'everyday'}, 'schedule.frequency: applies only to schedule.type daily, not weekly'),
])
def test_monthly_and_cross_type_rules(schedule, message):
    assert _message({'name': 'n', 'schedule': schedule}) == message


def test_absent_checks_only_the_identity():
    validate_job_params({'name': 'n', 'schedule': {'type': 'hourly'}}, state='absent')
    assert _message({'name': ' ', 'schedule': None}) == 'name: must not be empty'
