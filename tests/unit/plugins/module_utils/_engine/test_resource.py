# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""_engine/resource.py: what a ``Resource`` adapter does by default (validate, wanted, payload, the list module's
option and its documentation) for a made-up resource, and the jobs adapter's list option."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import datetime
import re

import pytest

from ansible_collections.opsramp.automation.plugins.module_utils._engine.fields import Field
from ansible_collections.opsramp.automation.plugins.module_utils._engine.kinds import Text
from ansible_collections.opsramp.automation.plugins.module_utils._engine.labels import Labels
from ansible_collections.opsramp.automation.plugins.module_utils._engine.model import Model
from ansible_collections.opsramp.automation.plugins.module_utils._engine.resource import Resource, Wanted
from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import ValidationError
from ansible_collections.opsramp.automation.plugins.module_utils._jobs.adapter import JOBS

from ansible_collections.opsramp.automation.tests.unit.plugins.module_utils._engine.engine_support import (
    WIDGET_OPTIONS, WIDGETS, FakeClient, stored_widget, widget_params)

NOW = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)


class Bare(Resource):
    """A resource that fills in nothing but its model."""
    model = WIDGETS.model


# ---------------------------------------------------------------------------------------------------- Wanted

def test_wanted_defaults():
    wanted = Wanted()
    assert (wanted.state, wanted.object_id, wanted.name, wanted.desired, wanted.hide) == (
        'present', None, None, None, False)
    assert isinstance(wanted.labels, Labels) and not wanted.labels
    assert (wanted.scope, wanted.inputs, wanted.secrets) == (None, {}, ())
    labels = Labels()
    labels.add('owner', 'u-1', 'ops')
    full = Wanted('absent', 'w-1', 'w', hide=True, labels=labels, scope='round', inputs={'body': 'b'},
                  secrets=['s3cret'])
    assert (full.labels, full.hide, full.scope, full.inputs, full.secrets) == (
        labels, True, 'round', {'body': 'b'}, ('s3cret',))


# ---------------------------------------------------------------------------------------------------- validate

@pytest.mark.parametrize('options, option, message', [
    (dict(size=0), 'size', 'size: must be a whole number of slots, 1 or more, not 0'),
    (dict(timing=dict(mode='every', minutes=0)), 'timing.minutes',
     'timing.minutes: must be a whole number of minutes, 1 or more, not 0'),
    (dict(shape='oval', state=None), 'shape', "shape: 'oval' is not one of round, square"),  # no state is present
])
def test_validate_names_the_option_a_field_refuses(options, option, message):
    params = dict(name='w', size=2, shape='round', timing=None, vault=None, state='present')
    params.update(options)
    if params['state'] is None:
        del params['state']
    with pytest.raises(ValidationError) as caught:
        Bare().validate(params)
    assert (caught.value.option, caught.value.message) == (option, message)


def test_validate_lets_good_options_and_any_deletion_through():
    Bare().validate(widget_params(timing=dict(mode='every', minutes=5)))
    Bare().validate(dict(name='w', size=0, state='absent'))  # a deletion sends none of the values


# ---------------------------------------------------------------------------------------------------- wanted

def test_wanted_of_a_deletion_finds_the_object_and_manages_nothing():
    wanted = Bare().wanted(dict(widget_params(id='w-1'), state='absent'))
    assert (wanted.state, wanted.object_id, wanted.name, wanted.desired) == ('absent', 'w-1', 'w', None)


def test_wanted_of_a_present_object_holds_its_desired_state_and_labels():
    labels = Labels()
    labels.add('owner', 'u-1', 'ops')
    params = widget_params(shape='square')
    wanted = Bare().wanted(params, labels)
    assert (wanted.state, wanted.object_id, wanted.name, wanted.hide) == ('present', None, 'w', False)
    assert wanted.desired == WIDGETS.model.desired(params) == {'name': 'w', 'size': 2, 'enabled': True,
                                                               'shape': 'square'}
    assert wanted.labels is labels and not Bare().wanted(params).labels


# ---------------------------------------------------------------------------------------------------- payload

def test_payload_of_a_new_object_is_the_desired_state_in_api_form():
    target = Bare().wanted(widget_params(timing=dict(mode='every', minutes=5)))
    assert Bare().payload(None, target, NOW) == {
        'name': 'w', 'size': 2, 'enabled': True, 'look': {'shape': 'ROUND'},
        'timing': {'mode': 'EVERY_N', 'everyMinutes': 5, 'unit': 'MINUTES'}}


def test_payload_of_a_stored_object_sends_it_back_with_the_desired_state_over_it():
    stored = stored_widget('w-1', 'w', size='3', extra={'kept': True})
    original = copy.deepcopy(stored)
    payload = Bare().payload(stored, Wanted(desired={'size': 4, 'vault': {'hint': 'new'}}), NOW)
    assert payload == {'id': 'w-1', 'name': 'w', 'size': 4, 'enabled': True, 'look': {'shape': 'ROUND'},
                       'timing': {'mode': 'FIXED'}, 'settings': {'vault': {'key': 'k-w', 'hint': 'new'}},
                       'extra': {'kept': True}}
    assert stored == original


# ---------------------------------------------------------------------------------------------------- the options

def test_the_options_of_one_object_come_from_the_model():
    assert Bare().argument_spec() == WIDGETS.model.argument_spec()
    assert Bare().argument_spec({'vault': {'key': 'x'}}) == WIDGETS.model.argument_spec()  # nothing hidden by default
    assert Bare().option_names() == ['id', 'name', 'size', 'enabled', 'shape', 'timing', 'vault']


class Digested(Resource):
    """A resource with a field its adapter derives (a digest of the body), which is no option."""
    model = Model(WIDGET_OPTIONS[:2] + (Field('digest', 'bodyDigest', Text(), 'Derived.', internal=True),))
    plural = 'digested'


def test_a_derived_field_is_no_option():
    assert Digested().option_names() == ['id', 'name']
    assert list(Digested().argument_spec()) == ['id', 'name']
    assert list(Digested().list_argument_spec()['digested']['options']) == ['id', 'name', 'state', 'source']
    assert list(Digested().list_doc()['digested']['suboptions']) == ['id', 'name', 'state', 'source']


def test_the_list_option_takes_the_options_a_state_and_a_source():
    spec = WIDGETS.list_argument_spec()
    assert list(spec) == ['widgets']
    element = spec['widgets']
    assert (element['type'], element['elements'], element['required']) == ('list', 'dict', True)
    expected = WIDGETS.argument_spec()
    expected['state'] = dict(type='str', choices=['present', 'absent'], default='present')
    expected['source'] = dict(type='str')
    assert element['options'] == expected


def test_the_list_documentation_points_inside_the_list():
    doc = WIDGETS.list_doc()['widgets']
    assert doc['description'] == ['The widgets to reconcile, matched by O(id), else by O(name).']
    assert (doc['type'], doc['elements'], doc['required']) == ('list', 'dict', True)
    assert list(doc['suboptions']) == WIDGETS.option_names() + ['state', 'source']
    assert doc['suboptions']['id']['description'] == [
        'Identifier OpsRamp gave the widget; when given, O(widgets[].name) does not find it.']
    assert doc['suboptions']['timing']['suboptions']['minutes']['description'] == [
        'Only with O(widgets[].timing.mode=every).']
    assert 'V(present) creates the widget' in doc['suboptions']['state']['description'][0]


# ---------------------------------------------------------------------------------------------------- the rest

def test_the_defaults_resolve_nothing_warn_about_nothing_and_check_nothing():
    client, params = FakeClient(), widget_params()
    resolved, labels = Bare().resolve(client, params)
    assert resolved is params and isinstance(labels, Labels) and not labels
    assert [pair[0] for pair in Bare().resolve_all(client, [params, params], 4)] == [params, params]
    Bare().warn_before_writes(client, [('', Wanted())])
    Bare().check_create({})
    Bare().check_against({'size': 2}, None)
    Bare().check_deletion(client, dict(stored_widget('w-1', 'w'), locked=True))
    assert Bare().needs_full({'vault': {}}) is False and Bare().unmodelled(stored_widget('w-1', 'w')) == []
    assert Bare().text_diffs(None, Wanted()) == []
    assert Bare().element_scope(params) is None and Bare().scope_of(stored_widget('w-1', 'w')) is None
    assert client.requests == [] and client.warnings == []


@pytest.mark.parametrize('call', [
    lambda bare: bare.find(None, Wanted()), lambda bare: bare.get(None, 'x'),
    lambda bare: bare.list_all(None, None, None),
    lambda bare: bare.search_copies(None, ['x']), lambda bare: bare.create(None, {}),
    lambda bare: bare.update(None, {'id': 'x'}, {}), lambda bare: bare.delete(None, {'id': 'x'}),
], ids=['find', 'get', 'list_all', 'search_copies', 'create', 'update', 'delete'])
def test_the_api_is_the_adapter_s_to_fill_in(call):
    with pytest.raises(NotImplementedError):
        call(Bare())


def test_a_resource_names_itself():
    assert (Resource.noun, Resource.plural, Resource.settles_copies) == ('object', 'objects', False)
    assert (JOBS.noun, JOBS.plural, JOBS.settles_copies) == ('job', 'jobs', True)


# ---------------------------------------------------------------------------------------------------- jobs' list option

def value_spec(spec):
    return spec['jobs']['options']['custom_script']['options']['parameters']['options']['value']


def test_job_elements_take_exactly_the_job_options_a_state_and_a_source():
    element = JOBS.list_argument_spec()['jobs']
    assert (element['type'], element['elements'], element['required']) == ('list', 'dict', True)
    expected = JOBS.argument_spec()
    expected['state'] = dict(type='str', choices=['present', 'absent'], default='present')
    expected['source'] = dict(type='str')
    assert element['options'] == expected


@pytest.mark.parametrize('raw_jobs, hidden', [
    (None, False),
    ([{'name': 'a'}, 'not a dict'], False),
    ([{'name': 'a', 'custom_script': {'parameters': [{'id': '1', 'value': 'x'}]}}], False),
    ([{'name': 'a'}, {'name': 'b', 'custom_script': {'parameters': [{'id': '1', 'sensitive': 'yes'}]}}], True),
], ids=['no-jobs', 'no-scripts', 'not-sensitive', 'one-sensitive'])
def test_parameter_values_are_no_log_when_any_element_marks_one_sensitive(raw_jobs, hidden):
    spec = JOBS.list_argument_spec(raw_params={'jobs': raw_jobs})
    assert value_spec(spec).get('no_log', False) is hidden


def test_hiding_values_for_one_task_does_not_hide_them_for_the_next():
    JOBS.list_argument_spec(raw_params={'jobs': [{'custom_script': {'parameters': [{'id': '1', 'sensitive': True}]}}]})
    assert 'no_log' not in value_spec(JOBS.list_argument_spec())


def test_option_references_in_the_job_list_docs_point_inside_the_list():
    docs = repr(JOBS.list_doc())
    references = re.findall(r'O\(([^)]*)\)', docs)
    assert references and all(ref.startswith('jobs[].') or ref.startswith('prune') for ref in references), references
    assert 'O(jobs[].schedule.type=daily)' in docs
    assert 'O(jobs[].custom_script.parameters[].value)' in docs
