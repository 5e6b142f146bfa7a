# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A job's entities (``_jobs/entities.py``): the kind that compares them as a set of (TYPE, id) and sends new ones in
upper case (api-behaviour §10), and the entities a task names by name resolved into ids, with the labels a diff shows
(api-behaviour §18), against a client whose searches are counted."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.opsramp.automation.tests.unit.plugins.module_utils._jobs.job_support import NOW, payload, with_options
from ansible_collections.opsramp.automation.tests.unit.plugins.module_utils._resources.lookup_support import (
    OLD, SW1, SW11, FakeClient)

from ansible_collections.opsramp.automation.plugins.module_utils._engine.compare import changed_paths, diff_view
from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import ResourceLookupError
from ansible_collections.opsramp.automation.plugins.module_utils._jobs import entities
from ansible_collections.opsramp.automation.plugins.module_utils._jobs.adapter import JOBS
from ansible_collections.opsramp.automation.plugins.module_utils._resources.lookup import ResourceResolver

KIND = entities.Entities()


# ------------------------------------------------------------------------------------------ the kind

def test_entities_compare_as_a_set_of_upper_case_types_and_ids():
    option = [{'id': 'b'}, {'id': 'a', 'type': 'device'}, {'id': 'b', 'type': 'DEVICE'}, {'id': 7, 'type': 'Group'}]
    assert KIND.desired(option) == [{'id': 'a', 'type': 'DEVICE'}, {'id': 'b', 'type': 'DEVICE'}, {'id': '7', 'type': 'GROUP'}]
    stored = [{'resource': {'id': 'b', 'type': 'DEVICE', 'generalInfo': {}}}, {'resource': {'id': '7', 'type': 'group'}},
              {'id': 'a'}, {'resource': {'type': 'DEVICE'}}]
    assert KIND.current(stored) == KIND.desired(option)
    assert KIND.current(None) == [] and KIND.desired([]) == []


def test_an_entity_is_sent_wrapped_in_resource_and_a_stored_one_as_stored():
    stored = [{'resource': {'id': 'b', 'type': 'device', 'generalInfo': {}}, 'extra': 1}, {'resource': {'id': 'gone'}}]
    wanted = KIND.desired([{'id': 'a'}, {'id': 'b', 'type': 'DEVICE'}])
    assert KIND.to_api(wanted, stored, None) == [{'resource': {'id': 'b', 'type': 'device', 'generalInfo': {}}, 'extra': 1},
                                                 {'resource': {'id': 'a', 'type': 'DEVICE'}}]
    assert KIND.native([{'id': 'a', 'type': 'DEVICE'}, {'resource': {'id': 'b'}}]) == [
        {'resource': {'id': 'a', 'type': 'DEVICE'}}, {'resource': {'id': 'b'}}]
    assert KIND.native('not a list') == 'not a list'


def test_new_entities_are_sent_in_upper_case_and_stored_ones_as_stored():
    job = {'id': 'e-1', 'entities': [{'resource': {'id': 'g1', 'type': 'deviceGroup', 'generalInfo': {}}}]}
    desired = JOBS.model.desired(with_options({'id': 'e-1', 'entities': [
        {'id': 'g1', 'type': 'DEVICEGROUP'}, {'id': 'g2', 'type': 'deviceGroup'}]}))
    assert changed_paths({'entities': desired['entities'][:1]}, JOBS.model.current(job)) == []
    assert payload(job, desired, NOW)['entities'] == [{'resource': {'id': 'g1', 'type': 'deviceGroup'}},
                                                      {'resource': {'id': 'g2', 'type': 'DEVICEGROUP'}}]


# ------------------------------------------------------------------------------------------ resolving

def test_resolve_job_leaves_deletions_and_unmanaged_entities_alone():
    client = FakeClient([SW1])
    resolver = ResourceResolver(client)
    absent = {'state': 'absent', 'name': 'j', 'entities': [{'name': 'nope'}]}
    params, labels = entities.resolve_job(resolver, absent)
    assert params is absent and not labels
    unmanaged = {'state': 'present', 'name': 'j', 'entities': None}
    params, labels = entities.resolve_job(resolver, unmanaged)
    assert params is unmanaged and not labels
    params, labels = entities.resolve_job(resolver, {'state': 'present', 'entities': [{'name': 'core-sw-01'}]})
    assert params['entities'] == [{'id': 'id-sw1'}] and labels.of(entities.LABEL_PATH) == {'id-sw1': 'core-sw-01'}
    assert client.queries == ['resourceName:core-sw-01']


def test_resolve_jobs_searches_each_distinct_lookup_once_for_the_whole_list():
    client = FakeClient([SW1, SW11], delay=0.02)
    job_params = [{'state': 'present', 'entities': [{'name': 'core-sw-01', 'type': 'DEVICE'},
                                                    {'ip_address': '10.0.0.11', 'type': 'DEVICE'},
                                                    {'id': 'plain', 'type': 'DEVICE'}]}] * 100
    resolved = entities.resolve_jobs(ResourceResolver(client), job_params, workers=4)
    assert len(resolved) == 100
    assert all(params['entities'] == [{'id': 'id-sw1', 'type': 'DEVICE'}, {'id': 'id-sw11', 'type': 'DEVICE'},
                                      {'id': 'plain', 'type': 'DEVICE'}] for params, _labels in resolved)
    assert resolved[0][1].of(entities.LABEL_PATH) == {'id-sw1': 'core-sw-01', 'id-sw11': '10.0.0.11'}
    assert sorted(client.queries) == ['ipAddress:10.0.0.11', 'resourceName:core-sw-01']


def test_resolve_jobs_reports_every_failing_entity_of_the_list():
    client = FakeClient([SW1, OLD])
    job_params = [{'entities': [{'name': 'nope'}]}, {'entities': [{'id': 'fine'}]},
                  {'entities': [{'host_name': 'core-sw-01.example.net'}, {'name': 'core-sw-01'}]},
                  {'state': 'absent', 'entities': [{'name': 'deleted-anyway'}]}]
    with pytest.raises(ResourceLookupError) as error:
        entities.resolve_jobs(ResourceResolver(client), job_params, workers=2)
    assert error.value.message == (
        "jobs[0].entities[0]: no resource has the name 'nope' in tenant client_1; jobs[2].entities[1]: 2 resources "
        "have the name 'core-sw-01' in tenant client_1: id-sw1 (core-sw-01, active), id-old (core-sw-01, inactive); "
        "give the id of the one to use; nothing was written")
    assert [match['id'] for match in error.value.details['matches']] == ['id-sw1', 'id-old']
    assert sorted(client.queries) == ['hostName:core-sw-01.example.net', 'resourceName:core-sw-01', 'resourceName:nope']


def test_resolve_jobs_with_ids_only_searches_nothing():
    client = FakeClient([SW1])
    job_params = [{'entities': [{'id': 'a'}]}, {'entities': None}, {}]
    assert [bool(labels) for _params, labels in entities.resolve_jobs(ResourceResolver(client), job_params)] == [
        False, False, False]
    assert client.queries == []


def test_the_diff_shows_what_each_id_was_resolved_from_on_both_sides():
    client = FakeClient([SW1, SW11])
    params, labels = entities.resolve_job(ResourceResolver(client), {'state': 'present', 'name': 'job', 'entities': [
        {'name': 'core-sw-01', 'type': 'DEVICE'}, {'ip_address': '10.0.0.11', 'type': 'DEVICE'}]})
    before = {'entities': [{'id': 'id-sw1', 'type': 'DEVICE'}, {'id': 'other', 'type': 'DEVICE'}]}
    after = {'entities': KIND.desired(params['entities']), 'name': 'job'}
    diff = diff_view(after, before)
    labelled = labels.apply(diff)
    assert labelled['before']['entities'] == [{'id': 'core-sw-01 (id-sw1)', 'type': 'DEVICE'},
                                              {'id': 'other', 'type': 'DEVICE'}]
    assert labelled['after']['entities'] == [{'id': 'core-sw-01 (id-sw1)', 'type': 'DEVICE'},
                                             {'id': '10.0.0.11 (id-sw11)', 'type': 'DEVICE'}]
    assert diff['after']['entities'][0]['id'] == 'id-sw1'   # a copy: the result's job keeps the bare ids
    assert labels.apply({'before': {}, 'after': {'name': 'x'}}) == {'before': {}, 'after': {'name': 'x'}}
    assert labels.apply(None) is None
