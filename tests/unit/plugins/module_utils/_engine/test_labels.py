# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""_engine/labels.py: a diff shows an id the task named otherwise after its label, at the paths told, and nowhere
else."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

from ansible_collections.opsramp.automation.plugins.module_utils._engine.labels import Labels

DIFF = {
    'before': {'name': 'dev-1', 'owner': 'dev-1', 'entities': [{'id': 'dev-1', 'type': 'DEVICE'}]},
    'after': {'name': 'dev-1', 'owner': 'dev-2', 'script': {'id': 'dev-1'},
              'entities': [{'id': 'dev-1', 'type': 'DEVICE'}, {'id': 'dev-3', 'type': 'DEVICE'}, 'odd']},
}


def entity_labels():
    labels = Labels()
    labels.add('entities[].id', 'dev-1', 'core-sw-01')
    labels.add('entities[].id', 'dev-3', '10.0.0.3')
    return labels


def test_labels_at_a_path_inside_a_list():
    original = copy.deepcopy(DIFF)
    shown = entity_labels().apply(DIFF)
    assert shown['before']['entities'] == [{'id': 'core-sw-01 (dev-1)', 'type': 'DEVICE'}]
    assert shown['after']['entities'] == [{'id': 'core-sw-01 (dev-1)', 'type': 'DEVICE'},
                                          {'id': '10.0.0.3 (dev-3)', 'type': 'DEVICE'}, 'odd']
    # the same value elsewhere is not the id that was named
    assert (shown['before']['name'], shown['before']['owner'], shown['after']['script']) == (
        'dev-1', 'dev-1', {'id': 'dev-1'})
    assert DIFF == original


def test_labels_at_a_scalar_path_and_at_a_list_of_scalars():
    labels = Labels()
    labels.add('owner', 'dev-2', 'Ops team')
    labels.add('script.id', 'dev-1', 'cleanup.sh')
    labels.add('tags[]', 't-1', 'red')
    shown = labels.apply(DIFF)
    assert shown['before']['owner'] == 'dev-1' and shown['after']['owner'] == 'Ops team (dev-2)'
    assert shown['after']['script'] == {'id': 'cleanup.sh (dev-1)'}
    assert labels.apply({'after': {'tags': ['t-1', 't-2']}}) == {'after': {'tags': ['red (t-1)', 't-2']}}


def test_the_first_label_given_for_a_value_stays():
    labels = entity_labels()
    labels.add('entities[].id', 'dev-1', 'core-sw-01.example.com')
    assert labels.of('entities[].id') == {'dev-1': 'core-sw-01', 'dev-3': '10.0.0.3'}
    labels.of('entities[].id')['dev-9'] = 'not kept'
    assert 'dev-9' not in labels.of('entities[].id') and labels.of('other') == {}


def test_without_labels_a_diff_is_shown_as_it_is():
    labels = Labels()
    assert not labels and labels.apply(DIFF) is DIFF
    assert entity_labels() and entity_labels().apply({}) == {} and entity_labels().apply(None) is None


def test_values_of_another_type_or_missing_paths_are_left_alone():
    labels = Labels()
    labels.add('size', 2, 'two')
    labels.add('entities[].id', 'dev-1', 'core')
    shown = labels.apply({'after': {'size': 2, 'entities': 'odd'}, 'before': {'entities': [{'type': 'DEVICE'}]}})
    assert shown == {'after': {'size': 2, 'entities': 'odd'}, 'before': {'entities': [{'type': 'DEVICE'}]}}
