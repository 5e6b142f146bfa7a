# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""_engine/compare.py: which managed values differ, and the diff, on canonical states of any resource."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ansible_collections.opsramp.automation.plugins.module_utils._engine.compare import changed_paths, diff_view, same

WEEKLY = {'type': 'weekly', 'week_days': ['Monday', 'Friday']}
DAILY_WANTED = {'type': 'daily', 'frequency': 'everyday', 'repeat_every': None, 'week_days': None,
                'days_of_month': None, 'week_index': None, 'day_of_week': None}
ENTITIES = [{'id': 'a', 'type': 'DEVICE'}, {'id': 'b', 'type': 'DEVICE'}]


class TestChangedPaths:
    """sensu-style table: (desired, current, expected changed paths)."""

    @pytest.mark.parametrize('desired, current, expected', [
        pytest.param({}, {'name': 'x'}, [], id='nothing-managed'),
        pytest.param({'name': 'x'}, {'name': 'x', 'queued': True, 'job_type': 'custom'}, [], id='unmanaged-keys-ignored'),
        pytest.param({'name': 'y'}, {'name': 'x'}, ['name'], id='scalar-differs'),
        pytest.param({'queued': True}, {'queued': 1}, ['queued'], id='bool-is-not-int'),
        pytest.param({'queued': False}, {'queued': 0}, ['queued'], id='false-is-not-zero'),
        pytest.param({'repeat_every': 2}, {'repeat_every': '2'}, ['repeat_every'], id='int-is-not-text'),
        pytest.param({'repeat_every': 2}, {'repeat_every': 2.0}, [], id='int-equals-float'),
        pytest.param({'entities': ENTITIES}, {'entities': list(ENTITIES)}, [], id='equal-lists'),
        pytest.param({'entities': ENTITIES}, {'entities': ENTITIES[:1]}, ['entities'], id='entity-missing'),
        pytest.param({'entities': []}, {}, [], id='empty-list-equals-missing'),
        pytest.param({'entities': []}, {'entities': None}, [], id='empty-list-equals-null'),
        pytest.param({'entities': []}, {'entities': ENTITIES}, ['entities'], id='empty-list-removes-all'),
        pytest.param({'entities': ENTITIES}, {}, ['entities'], id='list-vs-missing'),
        pytest.param({'schedule': {'type': 'weekly', 'week_days': None}}, {'schedule': {'type': 'weekly'}}, [],
                     id='none-equals-missing'),
        pytest.param({'schedule': {'frequency': None}}, {'schedule': {'frequency': 'everyday'}}, ['schedule.frequency'],
                     id='none-means-must-be-absent'),
        pytest.param({'schedule': DAILY_WANTED}, {'schedule': dict(WEEKLY, start_date='2024-01-01T00:00:00+0000')},
                     ['schedule.frequency', 'schedule.type', 'schedule.week_days'], id='pattern-switch-weekly-to-daily'),
        pytest.param({'schedule': WEEKLY}, {'schedule': dict(WEEKLY, start_date='2024-01-01T00:00:00+0000')}, [],
                     id='start-date-not-managed-never-changes'),
        pytest.param({'schedule': dict(WEEKLY, start_date='2024-01-01T00:01:00+0000')},
                     {'schedule': dict(WEEKLY, start_date='2024-01-01T00:00:00+0000')}, ['schedule.start_date'],
                     id='start-date-managed'),
        pytest.param({'network_backup': {'backup_on_trap': True}}, {'network_backup': {'backup_on_trap': True, 'x': 1}}, [],
                     id='nested-unmanaged-ignored'),
        pytest.param({'network_backup': {'backup_on_trap': True}}, {}, ['network_backup.backup_on_trap'],
                     id='nested-vs-missing'),
        pytest.param({'network_backup': {}}, {}, [], id='empty-nested-manages-nothing'),
        pytest.param({'app_install': {'alert': True}}, {'app_install': 'weird'}, ['app_install'], id='dict-vs-scalar'),
        pytest.param({'custom_script': {'parameters': [{'id': '1', 'value': 's3cret'}]}},
                     {'custom_script': {'parameters': [{'id': '1', 'value': 'old'}]}}, ['custom_script.parameters'],
                     id='sensitive-values-are-compared'),
        pytest.param({'a': 1, 'b': {'c': 2, 'd': 3}}, {'a': 2, 'b': {'c': 3, 'd': 3}}, ['a', 'b.c'], id='sorted-paths'),
    ])
    def test_table(self, desired, current, expected):
        assert changed_paths(desired, current) == expected

    def test_absent_object_changes_everything_given(self):
        desired = {'name': 'x', 'entities': [], 'schedule': DAILY_WANTED, 'network_backup': {}}
        assert changed_paths(desired, None) == ['entities', 'name', 'schedule.frequency', 'schedule.type']

    def test_no_desired(self):
        assert changed_paths(None, {'name': 'x'}) == []


class TestSame:

    @pytest.mark.parametrize('first, second, expected', [
        (None, [], True),
        ({}, None, True),
        ('', None, False),
        (True, True, True),
        (True, 1, False),
        (1, 1.0, True),
        ('1', 1, False),
        ([1, 2], [2, 1], False),
        ([{'id': 'a'}], [{'id': 'a', 'extra': None}], True),
        ([None], [[]], False),
        ([{}], [None], False),
        ([None], [None], True),
        ({'a': [1]}, {'a': [1], 'b': 2}, False),
    ])
    def test_table(self, first, second, expected):
        assert same(first, second) is expected
        assert same(second, first) is expected


class TestDiffView:

    def test_update_is_projected_on_managed_keys(self):
        current = {'name': 'old', 'queued': True, 'schedule': dict(WEEKLY, start_date='2024-01-01T00:00:00+0000')}
        diff = diff_view({'name': 'new', 'schedule': DAILY_WANTED}, current)
        assert diff == {
            'before': {'name': 'old', 'schedule': {'type': 'weekly', 'week_days': ['Monday', 'Friday']}},
            'after': {'name': 'new', 'schedule': {'frequency': 'everyday', 'type': 'daily'}},
        }

    def test_keys_are_sorted(self):
        diff = diff_view({'schedule': DAILY_WANTED, 'name': 'n'}, {'schedule': {'week_days': ['Sunday'], 'type': 'weekly'}})
        for side in ('before', 'after'):
            assert json.dumps(diff[side]) == json.dumps(diff[side], sort_keys=True)

    def test_create(self):
        assert diff_view({'name': 'n', 'queued': None}, None) == {'before': {}, 'after': {'name': 'n'}}

    def test_delete(self):
        assert diff_view(None, {'name': 'n', 'schedule': WEEKLY}) == {
            'before': {'name': 'n', 'schedule': {'type': 'weekly', 'week_days': ['Monday', 'Friday']}}, 'after': {}}

    def test_nested_merge_keeps_unmanaged_current_keys_out(self):
        diff = diff_view({'network_backup': {'backup_on_trap': False}}, {'network_backup': {'backup_on_trap': True, 'x': 1}})
        assert diff == {'before': {'network_backup': {'backup_on_trap': True}}, 'after': {'network_backup': {'backup_on_trap': False}}}

    def test_does_not_alias_inputs(self):
        desired, current = {'entities': [{'id': 'a', 'type': 'DEVICE'}]}, {'entities': [{'id': 'b', 'type': 'DEVICE'}]}
        diff = diff_view(desired, current)
        diff['after']['entities'][0]['id'] = 'changed'
        diff['before']['entities'][0]['id'] = 'changed'
        assert desired['entities'][0]['id'] == 'a' and current['entities'][0]['id'] == 'b'

    @pytest.mark.parametrize('desired, current', [
        ({'entities': []}, {}),
        ({'network_backup': {}}, {'network_backup': {'x': 1}}),
        ({'schedule': {'type': 'weekly', 'week_days': ['Monday'], 'frequency': None}},
         {'schedule': {'type': 'weekly', 'week_days': ['Monday'], 'frequency': []}}),
    ])
    def test_no_change_shows_no_difference(self, desired, current):
        diff = diff_view(desired, current)
        assert changed_paths(desired, current) == []
        assert diff['before'] == diff['after']


# ------------------------------------------------------------------------------------------ properties

_scalars = st.one_of(st.none(), st.booleans(), st.integers(-3, 3), st.sampled_from(['', 'a', 'b', 'Monday']))
_values = st.recursive(_scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(['x', 'y', 'z']), inner, max_size=3)), max_leaves=8)
_documents = st.dictionaries(st.sampled_from(['name', 'entities', 'schedule', 'queued']), _values, max_size=4)


@settings(max_examples=200, deadline=None)
@given(document=_documents)
def test_a_document_never_differs_from_itself(document):
    assert changed_paths(document, document) == []
    diff = diff_view(document, document)
    assert diff['before'] == diff['after']


@settings(max_examples=200, deadline=None)
@given(desired=_documents, current=st.one_of(st.none(), _documents))
def test_diff_shows_a_difference_exactly_when_something_changed(desired, current):
    diff = diff_view(desired, current)
    assert changed_paths(desired, diff['after']) == []
    if current is not None:
        shows_difference = json.dumps(diff['before'], sort_keys=True) != json.dumps(diff['after'], sort_keys=True)
        assert shows_difference == bool(changed_paths(desired, current))
