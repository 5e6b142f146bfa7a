# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The ``jobs`` option of opsramp_jobs: exactly the job options plus a state, and docs that point inside ``jobs[]``."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

import pytest

from ansible_collections.opsramp.automation.plugins.module_utils import arguments


def value_spec(spec):
    return spec['jobs']['options']['custom_script']['options']['parameters']['options']['value']


def test_elements_take_exactly_the_job_options_and_a_state():
    element = arguments.job_list_argument_spec()['jobs']
    assert (element['type'], element['elements'], element['required']) == ('list', 'dict', True)
    expected = arguments.job_argument_spec()
    expected['state'] = dict(type='str', choices=['present', 'absent'], default='present')
    assert element['options'] == expected


@pytest.mark.parametrize('raw_jobs, hidden', [
    (None, False),
    ([{'name': 'a'}, 'not a dict'], False),
    ([{'name': 'a', 'custom_script': {'parameters': [{'id': '1', 'value': 'x'}]}}], False),
    ([{'name': 'a'}, {'name': 'b', 'custom_script': {'parameters': [{'id': '1', 'sensitive': 'yes'}]}}], True),
], ids=['no-jobs', 'no-scripts', 'not-sensitive', 'one-sensitive'])
def test_parameter_values_are_no_log_when_any_element_marks_one_sensitive(raw_jobs, hidden):
    spec = arguments.job_list_argument_spec(raw_params={'jobs': raw_jobs})
    assert value_spec(spec).get('no_log', False) is hidden


def test_option_references_in_the_list_docs_point_inside_the_list():
    docs = repr(arguments.job_list_doc_fragment())
    references = re.findall(r'O\(([^)]*)\)', docs)
    assert references and all(ref.startswith('jobs[].') or ref.startswith('prune') for ref in references), references
    assert 'O(jobs[].schedule.type=daily)' in docs
    assert 'O(jobs[].custom_script.parameters[].value)' in docs
