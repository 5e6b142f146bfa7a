# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""_engine/model.py on a made-up table (engine_support's widgets: two sections, a field with two API spellings, one
that applies only to some values of its section, read-only enrichments): the canonical states, the request body and
the option checks all come from the fields, for any resource."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import datetime

import pytest

from ansible_collections.opsramp.automation.plugins.module_utils._engine.compare import changed_paths
from ansible_collections.opsramp.automation.plugins.module_utils._engine.fields import Field, Section
from ansible_collections.opsramp.automation.plugins.module_utils._engine.kinds import Kind, Text
from ansible_collections.opsramp.automation.plugins.module_utils._engine.model import Model

from ansible_collections.opsramp.automation.tests.unit.plugins.module_utils._engine.engine_support import (
    WIDGETS, stored_widget, widget_params)

MODEL = WIDGETS.model
NOW = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)


# ---------------------------------------------------------------------------------------------------- desired

@pytest.mark.parametrize('options, desired', [
    (dict(), {'name': 'w', 'size': 2, 'enabled': True, 'shape': 'round'}),
    (dict(name=None, size=None, enabled=False, shape=None), {'enabled': False}),
    (dict(timing=dict(mode='every', minutes=5)), {'timing': {'mode': 'every', 'minutes': 5}}),
    # a given section manages its fields that apply; one that does not apply must be absent, given or not
    (dict(timing=dict(mode='fixed')), {'timing': {'mode': 'fixed', 'minutes': None}}),
    (dict(timing=dict(mode='fixed', minutes=5)), {'timing': {'mode': 'fixed', 'minutes': None}}),
    # a given section, even empty, manages its object; its fields left out are not managed
    (dict(vault=dict()), {'vault': {}}),
    (dict(vault=dict(hint='')), {'vault': {'hint': ''}}),
], ids=['top-level', 'only-given', 'applies', 'does-not-apply', 'given-but-does-not-apply', 'empty-section', 'blank'])
def test_desired_holds_only_what_the_task_manages(options, desired):
    expected = dict(name='w', size=2, enabled=True, shape='round')
    expected = dict((key, value) for key, value in expected.items() if options.get(key, value) is not None)
    expected.update(desired)
    assert MODEL.desired(widget_params(**options)) == expected


def test_desired_converts_each_value_through_its_kind():
    desired = MODEL.desired(dict(name=7, size=3, enabled='yes', shape='square', state='present'))
    assert desired == {'name': '7', 'size': 3, 'enabled': True, 'shape': 'square'}


# ---------------------------------------------------------------------------------------------------- option checks

@pytest.mark.parametrize('options, problem', [
    (dict(), None),
    (dict(size=0), ('size', 'must be a whole number of slots, 1 or more, not 0')),
    (dict(name=' ', size=0), ('name', 'must not be empty')),  # the first field's problem
    (dict(shape='oval'), ('shape', "'oval' is not one of round, square")),
    (dict(timing=dict(mode='every', minutes=0)),
     ('timing.minutes', 'must be a whole number of minutes, 1 or more, not 0')),
    (dict(timing=dict(mode='hourly')), ('timing.mode', "'hourly' is not one of fixed, every")),
    (dict(timing='not a dict', size=None), None),  # the argument spec refuses that, not the fields
])
def test_option_problems_name_the_first_option_a_kind_refuses(options, problem):
    params = dict(dict(name='w', size=2, shape='round', timing=None, vault=None), **options)
    assert MODEL.option_problems(params) == problem


# ---------------------------------------------------------------------------------------------------- current

def test_current_reads_every_spelling_and_undoes_the_server_forms():
    stored = stored_widget('w-1', 'w', size='2', enabled=None, isEnabled='true', look={'shape': 'square '},
                           timing={'mode': 'every_n', 'everyMinutes': 15.0, 'unit': 'MINUTES'})
    original = copy.deepcopy(stored)
    assert MODEL.current(stored) == {
        'name': 'w', 'size': 2, 'enabled': True, 'shape': 'square',
        'timing': {'mode': 'every', 'minutes': 15}, 'vault': {'key': 'k-w', 'hint': ''}}
    assert stored == original


def test_a_field_that_does_not_apply_is_not_read():
    stored = stored_widget('w-1', 'w', timing={'mode': 'FIXED', 'everyMinutes': 5})
    assert MODEL.current(stored)['timing'] == {'mode': 'fixed'}


def test_what_a_stored_object_leaves_out_has_its_absent_value():
    stored = {'id': 'w-1', 'name': 'w', 'settings': {'vault': {}}}
    assert MODEL.current(stored) == {'name': 'w', 'enabled': False, 'vault': {'hint': ''}}


def test_a_partial_answer_says_nothing_about_what_it_leaves_out():
    assert MODEL.current({'name': 'w'}) == {'name': 'w'}  # no id: a search result, say
    assert MODEL.current({'name': 'w', 'timing': 'odd'}) == {'name': 'w'}
    assert MODEL.current(None) == {} and MODEL.current(['odd']) == {}


# ---------------------------------------------------------------------------------------------------- overlay

def test_overlay_writes_a_new_object_in_api_form():
    desired = MODEL.desired(widget_params(shape='square', timing=dict(mode='every', minutes=5), vault=dict()))
    assert MODEL.overlay({}, desired, NOW) == {
        'name': 'w', 'size': 2, 'enabled': True, 'look': {'shape': 'SQUARE'},
        'timing': {'mode': 'EVERY_N', 'everyMinutes': 5, 'unit': 'MINUTES'}, 'settings': {'vault': {}}}


def test_overlay_touches_only_what_is_managed_and_removes_what_must_be_absent():
    body = {'id': 'w-1', 'name': 'w', 'enabled': True, 'isEnabled': 'true', 'other': {'x': 1},
            'timing': {'mode': 'EVERY_N', 'everyMinutes': 5, 'unit': 'MINUTES', 'future': 1}}
    result = MODEL.overlay(body, {'enabled': None, 'timing': {'mode': 'fixed', 'minutes': None}}, NOW)
    assert result is body
    assert body == {'id': 'w-1', 'name': 'w', 'other': {'x': 1}, 'timing': {'mode': 'FIXED', 'future': 1}}


class Recording(Kind):
    """Sends what it was given, the stored value and the time it was told."""

    def to_api(self, value, stored, now):
        return [value, stored, now]


def test_overlay_writes_the_spelling_the_stored_object_uses_when_told():
    table = Model([Section('when', 'pattern', 'When.', [
        Field('day', ('dayOfWeek', 'dayOfIndex'), Recording(), 'Day.', write_as_stored=True),
        Field('hour', ('hour', 'hourOfDay'), Recording(), 'Hour.'),
    ])])
    body = table.overlay({'pattern': {'dayOfIndex': 'Sunday', 'hourOfDay': 3}}, {'when': {'day': 'Monday', 'hour': 4}},
                         NOW)
    assert body == {'pattern': {'dayOfIndex': ['Monday', 'Sunday', NOW], 'hourOfDay': 3, 'hour': [4, None, NOW]}}
    assert table.overlay({}, {'when': {'day': 'Monday'}}, NOW) == {'pattern': {'dayOfWeek': ['Monday', None, NOW]}}


# ---------------------------------------------------------------------------------------------------- request style

def test_request_style_types_the_fields_drops_the_enrichments_and_keeps_the_rest():
    stored = stored_widget('w-1', 'w', size='2', isEnabled='true', parts=[{'n': 1, 'cached': 'x'}, {'n': 2}],
                           timing={'mode': 'EVERY_N', 'everyMinutes': '5'}, extra={'deep': [{'cached': 1}]})
    del stored['enabled']
    original = copy.deepcopy(stored)
    body = MODEL.request_style(stored)
    assert body == {'id': 'w-1', 'name': 'w', 'size': 2, 'enabled': True, 'look': {'shape': 'ROUND'},
                    'timing': {'mode': 'EVERY_N', 'everyMinutes': 5}, 'parts': [{'n': 1}, {'n': 2}],
                    'settings': {'vault': {'key': 'k-w', 'hint': ''}}, 'extra': {'deep': [{'cached': 1}]}}
    assert stored == original
    body['settings']['vault']['key'] = 'changed'
    assert stored['settings']['vault']['key'] == 'k-w'  # a deep copy


def test_request_style_keeps_one_spelling_the_first_one_found():
    assert MODEL.request_style({'enabled': 'false', 'isEnabled': 'true'}) == {'enabled': False}
    assert MODEL.request_style({'timing': 'odd'}) == {'timing': 'odd'}
    assert MODEL.request_style(None) == {}


# ---------------------------------------------------------------------------------------------------- together

@pytest.mark.parametrize('options', [
    dict(), dict(enabled=False, shape='square'), dict(timing=dict(mode='every', minutes=30)),
    dict(timing=dict(mode='fixed'), vault=dict(key='new', hint='why')), dict(name='renamed', size=9),
])
def test_an_object_written_from_desired_reads_back_as_desired(options):
    desired = MODEL.desired(widget_params(**options))
    stored = stored_widget('w-1', 'w', timing={'mode': 'EVERY_N', 'everyMinutes': 15, 'unit': 'MINUTES'})
    body = MODEL.overlay(MODEL.request_style(stored), desired, NOW)
    assert changed_paths(desired, MODEL.current(body)) == []
    assert changed_paths(desired, MODEL.current(dict(MODEL.overlay({}, desired, NOW), id='new'))) == []


def test_a_derived_field_is_read_and_compared_but_never_taken_from_the_task_nor_written():
    table = Model(WIDGETS.model.options[:2] + (Field('digest', 'bodyDigest', Text(), 'Derived.', internal=True),))
    assert table.desired(dict(name='w', digest='abc', state='present')) == {'name': 'w'}
    assert table.current({'id': 'w-1', 'name': 'w', 'bodyDigest': 'abc'}) == {'name': 'w', 'digest': 'abc'}
    assert table.overlay({'bodyDigest': 'old'}, {'name': 'w', 'digest': 'new'}, NOW) == {
        'bodyDigest': 'old', 'name': 'w'}
    assert changed_paths({'digest': 'new'}, table.current({'id': 'w-1', 'bodyDigest': 'abc'})) == ['digest']
    assert list(table.argument_spec()) == ['id', 'name'] and list(table.doc()) == ['id', 'name']


def test_the_model_renders_its_options_and_knows_its_sensitive_fields():
    spec = MODEL.argument_spec()
    assert list(spec) == ['id', 'name', 'size', 'enabled', 'shape', 'timing', 'vault']
    assert spec['timing'] == dict(type='dict', options=dict(mode=dict(type='str', choices=['fixed', 'every'],
                                                                      required=True), minutes=dict(type='int')))
    assert MODEL.doc()['enabled'] == dict(description=['Whether the widget shows.'], type='bool')
    assert [field.path for field in MODEL.sensitive_fields] == ['vault.key']
    assert sorted(MODEL.sections) == ['timing', 'vault'] and MODEL.read_only_keys[0] == (('look',), ('rendered',))
    assert Model([Field('name', 'name', Text(), 'Name.')]).read_only_keys == ()
