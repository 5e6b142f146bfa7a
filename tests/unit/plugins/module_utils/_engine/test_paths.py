# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""_engine/paths.py: paths into nested dicts, and '[]' for each item of a list."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.opsramp.automation.plugins.module_utils._engine.paths import (
    get_path, has_path, object_at, objects_at, set_path)

JOB = {'name': 'n', 'schedule': {'pattern': {'type': 'weekly', 'weekDays': None}}, 'script': 'odd',
       'entities': [{'resource': {'id': 'a'}}, 'odd', {'resource': {'id': 'b'}}, {'other': 1}]}


@pytest.mark.parametrize('path, value, present', [
    ((), JOB, True),
    (('name',), 'n', True),
    (('schedule', 'pattern', 'type'), 'weekly', True),
    (('schedule', 'pattern', 'weekDays'), None, True),     # there, and null
    (('schedule', 'pattern', 'dayOfMonth'), None, False),  # not there
    (('script', 'jobType'), None, False),                  # through a value that is no dict
    (('missing', 'deeper'), None, False),
])
def test_get_path_and_has_path(path, value, present):
    assert get_path(JOB, path) == value
    assert has_path(JOB, path) is present


def test_get_path_of_something_that_is_no_dict():
    assert get_path(None, ('a',)) is None and get_path([1], ('a',)) is None and get_path('x', ()) == 'x'
    assert has_path(None, ('a',)) is False and has_path(None, ()) is True


def test_object_at_makes_what_is_missing_and_replaces_what_is_no_dict():
    data = {'keep': {'x': 1}, 'script': 'odd'}
    assert object_at(data, ('keep',)) is data['keep']
    inner = object_at(data, ('script', 'customScript'))
    inner['id'] = '7'
    assert data == {'keep': {'x': 1}, 'script': {'customScript': {'id': '7'}}}
    assert object_at(data, ()) is data


def test_set_path_writes_at_any_depth():
    data = {}
    set_path(data, ('schedule', 'pattern', 'type'), 'daily')
    set_path(data, ('name',), 'n')
    set_path(data, ('schedule', 'startDate'), None)
    assert data == {'schedule': {'pattern': {'type': 'daily'}, 'startDate': None}, 'name': 'n'}


def test_objects_at_finds_every_dict_along_lists():
    resources = objects_at(JOB, ('entities', '[]', 'resource'))
    assert resources == [{'id': 'a'}, {'id': 'b'}]
    assert resources[0] is JOB['entities'][0]['resource']  # the objects themselves: a caller may change them
    assert objects_at(JOB, ('entities', '[]')) == [JOB['entities'][0], JOB['entities'][2], JOB['entities'][3]]
    assert objects_at(JOB, ('schedule', 'pattern')) == [JOB['schedule']['pattern']]


@pytest.mark.parametrize('path', [('name',), ('script', '[]'), ('schedule', '[]'), ('missing', '[]', 'x')])
def test_objects_at_finds_nothing_where_there_is_no_dict(path):
    assert objects_at(JOB, path) == []


def test_objects_at_of_the_whole():
    assert objects_at(JOB, ()) == [JOB] and objects_at([JOB], ()) == [] and objects_at([JOB], ('[]',)) == [JOB]
