# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""module_utils/arguments.py: the ``jobs`` option of opsramp_jobs (exactly the job options plus a state and a source,
and docs that point inside ``jobs[]``) and the labels that name an element in messages. The job option table itself
is tested with the field table (test_job_fields.py) and the doc fragments (tests/unit/plugins/doc_fragments)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

import pytest

from ansible_collections.opsramp.automation.plugins.module_utils import arguments


def value_spec(spec):
    return spec['jobs']['options']['custom_script']['options']['parameters']['options']['value']


def test_elements_take_exactly_the_job_options_a_state_and_a_source():
    element = arguments.job_list_argument_spec()['jobs']
    assert (element['type'], element['elements'], element['required']) == ('list', 'dict', True)
    expected = arguments.job_argument_spec()
    expected['state'] = dict(type='str', choices=['present', 'absent'], default='present')
    expected['source'] = dict(type='str')
    assert element['options'] == expected


@pytest.mark.parametrize('element, label', [
    ({'name': 'nightly', 'source': 'jobs/nightly.yml'}, "jobs[3] 'nightly' from jobs/nightly.yml"),
    ({'name': 'nightly', 'source': None}, "jobs[3] 'nightly'"),
    ({'id': 'abc', 'source': 'jobs/abc.yml'}, 'jobs[3] from jobs/abc.yml'),
    ({'id': 'abc'}, 'jobs[3]'),
], ids=['name-and-source', 'name', 'source', 'neither'])
def test_an_element_is_labelled_by_position_name_and_source(element, label):
    assert arguments.element_label('jobs[3]', element) == label


def test_naming_adds_the_labels_only_when_they_say_more_than_the_positions():
    message = 'jobs[0] and jobs[2] both name job 7'
    assert arguments.naming(message, ('jobs[0]', {'name': None}), ('jobs[2]', {'id': '7'})) == message
    assert arguments.naming(message, ('jobs[0]', {'name': 'a'}), ('jobs[2]', {'source': 'jobs/b.yml'})) == (
        "jobs[0] and jobs[2] both name job 7 (jobs[0] 'a', jobs[2] from jobs/b.yml)")


def test_naming_leaves_out_a_name_the_message_already_quotes():
    message = "jobs[1]: 2 jobs are named 'nightly' (ids 1, 2); give jobs[1].id to choose one"
    assert arguments.naming(message, ('jobs[1]', {'name': 'nightly'})) == message
    assert arguments.naming(message, ('jobs[1]', {'name': 'nightly', 'source': 'jobs/n.yml'})) == (
        message + " (jobs[1] 'nightly' from jobs/n.yml)")


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
