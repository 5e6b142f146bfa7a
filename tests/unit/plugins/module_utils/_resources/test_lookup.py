# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The resource lookups (``_resources/lookup.py``) without a server: a fake client that answers searches from a list
and counts them."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from concurrent.futures import ThreadPoolExecutor

import pytest

from ansible_collections.opsramp.automation.tests.unit.plugins.module_utils._resources.lookup_support import (
    OLD, SW1, SW11, V6, FakeClient)

from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import (
    CommunicationError,
    ResourceLookupError,
    ValidationError,
)
from ansible_collections.opsramp.automation.plugins.module_utils._resources import lookup


def resolve(client, option, value):
    return lookup.ResourceResolver(client).resolve(lookup.Lookup(option, value))


@pytest.mark.parametrize('option, value, expected, query', [
    ('name', 'core-sw-011', 'id-sw11', 'resourceName:core-sw-011'),
    ('name', ' core-sw-011 ', 'id-sw11', 'resourceName:core-sw-011'),
    ('host_name', 'CORE-SW-01.example.net', 'id-sw1', 'hostName:CORE-SW-01.example.net'),
    ('host_name', 'v6.example.net', 'id-v6', 'hostName:v6.example.net'),      # generalInfo, any case
    ('ip_address', '10.0.0.1', 'id-sw1', 'ipAddress:10.0.0.1'),             # not 10.0.0.11
    ('ip_address', '2001:DB8:0::1', 'id-v6', 'ipAddress:2001:DB8:0::1'),
    ('name', 'v6-only', 'id-v6', 'resourceName:v6-only'),                   # "name" when there is no resourceName
    ('id', 'id-sw11', 'id-sw11', 'id:id-sw11'),
])
def test_exact_match_among_loose_results(option, value, expected, query):
    client = FakeClient([SW1, SW11, OLD, V6])
    assert resolve(client, option, value)['id'] == expected
    assert client.queries == [query]


def test_name_is_case_sensitive_and_partial_results_do_not_count():
    with pytest.raises(ResourceLookupError) as error:
        resolve(FakeClient([SW11]), 'name', 'CORE-SW-011')
    assert error.value.message == "no resource has the name 'CORE-SW-011' in tenant client_1"
    assert error.value.details == {'matches': []}
    with pytest.raises(ResourceLookupError):
        resolve(FakeClient([SW11]), 'ip_address', '10.0.0.1')


def test_several_matches_name_every_id_name_and_state():
    with pytest.raises(ResourceLookupError) as error:
        resolve(FakeClient([SW1, SW11, OLD]), 'name', 'core-sw-01')
    assert error.value.message == (
        "2 resources have the name 'core-sw-01' in tenant client_1: id-sw1 (core-sw-01, active), "
        "id-old (core-sw-01, inactive); give the id of the one to use")
    assert error.value.details['matches'] == [{'id': 'id-sw1', 'name': 'core-sw-01', 'state': 'active'},
                                              {'id': 'id-old', 'name': 'core-sw-01', 'state': 'inactive'}]


def test_hint_stops_at_a_plus_but_the_match_uses_the_whole_value():
    odd = dict(SW1, id='id-odd', resourceName='edge+1')
    client = FakeClient([SW1, odd])
    assert resolve(client, 'name', 'edge+1')['id'] == 'id-odd'
    assert client.queries == ['resourceName:edge']


def test_one_search_per_distinct_lookup_answers_and_failures_alike():
    client = FakeClient([SW1, SW11, OLD])
    resolver = lookup.ResourceResolver(client)
    found = [(option, value, resolver.resolve(lookup.Lookup(option, value))['id'])
             for option, value in [('name', 'core-sw-011'), ('host_name', 'CORE-SW-01.EXAMPLE.NET'),
                                   ('host_name', 'core-sw-01.example.net')] * 3]
    assert set(found) == {('name', 'core-sw-011', 'id-sw11'), ('host_name', 'CORE-SW-01.EXAMPLE.NET', 'id-sw1'),
                          ('host_name', 'core-sw-01.example.net', 'id-sw1')}
    for one in [lookup.Lookup('name', 'core-sw-01')] * 3:
        with pytest.raises(ResourceLookupError):
            resolver.resolve(one)
    assert resolver.searches == 3 and len(client.queries) == 3


def test_a_failed_search_is_reported_for_every_entity_that_needs_it_without_searching_again():
    client = FakeClient([], failure=CommunicationError('connection refused'))
    resolver = lookup.ResourceResolver(client)
    for one in [lookup.Lookup('name', 'core-sw-01')] * 2:
        with pytest.raises(CommunicationError) as error:
            resolver.resolve(one)
        assert error.value.message == 'connection refused'
    assert len(client.queries) == 1


def test_threads_share_one_search_per_lookup():
    client = FakeClient([SW1, SW11], delay=0.05)
    resolver = lookup.ResourceResolver(client)
    lookups = [lookup.Lookup('name', name) for name in ('core-sw-01', 'core-sw-011')] * 50
    with ThreadPoolExecutor(max_workers=16) as pool:
        found = list(pool.map(lambda one: resolver.resolve(one)['id'], lookups))
    assert found == ['id-sw1', 'id-sw11'] * 50
    assert sorted(client.queries) == ['resourceName:core-sw-01', 'resourceName:core-sw-011']


def test_answer_all_searches_each_distinct_lookup_once_and_keeps_the_errors_for_later():
    client = FakeClient([SW1, OLD], delay=0.01)
    resolver = lookup.ResourceResolver(client)
    lookups = [lookup.Lookup('host_name', 'CORE-SW-01.example.net'), lookup.Lookup('host_name', 'core-sw-01.example.net'),
               lookup.Lookup('name', 'core-sw-01'), lookup.Lookup('name', 'nope')] * 5
    lookup.answer_all(resolver, lookups, workers=3)
    assert sorted(query.lower() for query in client.queries) == [
        'hostname:core-sw-01.example.net', 'resourcename:core-sw-01', 'resourcename:nope']  # host names in any case
    with pytest.raises(ResourceLookupError):
        resolver.resolve(lookup.Lookup('name', 'core-sw-01'))
    assert resolver.resolve(lookup.Lookup('host_name', 'core-sw-01.EXAMPLE.net'))['id'] == 'id-sw1'
    assert resolver.searches == 3


def test_resolve_entities_keeps_ids_and_types_and_labels_what_it_resolved():
    client = FakeClient([SW1, SW11])
    entities = [{'id': 'given', 'type': 'DEVICE'}, {'name': 'core-sw-011', 'type': 'DEVICE'},
                {'ip_address': '10.0.0.1', 'type': 'device', 'host_name': None}]
    resolved, labels = lookup.resolve_entities(lookup.ResourceResolver(client), entities)
    assert resolved == [{'id': 'given', 'type': 'DEVICE'}, {'id': 'id-sw11', 'type': 'DEVICE'},
                        {'id': 'id-sw1', 'type': 'device'}]
    assert labels == {'id-sw11': 'core-sw-011', 'id-sw1': '10.0.0.1'}
    assert entities[1] == {'name': 'core-sw-011', 'type': 'DEVICE'}   # the task's options are left alone


def test_resolve_entities_names_the_element_that_fails():
    client = FakeClient([SW1, SW11])
    with pytest.raises(ResourceLookupError) as error:
        lookup.resolve_entities(lookup.ResourceResolver(client), [{'id': 'x'}, {'name': 'nope'}], 'jobs[4].entities')
    assert error.value.message == "jobs[4].entities[1]: no resource has the name 'nope' in tenant client_1"


def test_entities_by_id_only_cost_nothing():
    client = FakeClient([SW1])
    resolved, labels = lookup.resolve_entities(lookup.ResourceResolver(client), [{'id': 'a', 'type': 'DEVICE'}])
    assert resolved == [{'id': 'a', 'type': 'DEVICE'}] and labels == {} and client.queries == []


@pytest.mark.parametrize('entity, message', [
    ({'type': 'DEVICE'}, 'entities[0]: give exactly one of id, name, host_name or ip_address'),
    ({'id': 'a', 'name': 'b'}, 'entities[0]: give exactly one of id, name, host_name or ip_address (it has id and name)'),
    ({'host_name': 'h', 'ip_address': '1.2.3.4'},
     'entities[0]: give exactly one of id, name, host_name or ip_address (it has host_name and ip_address)'),
    ({'name': '  '}, 'entities[0].name: must not be empty'),
])
def test_check_entity_target(entity, message):
    with pytest.raises(ValidationError) as error:
        lookup.check_entity_target(entity, 'entities[0]')
    assert error.value.message == message
    assert error.value.option == message.split(':')[0]


def test_check_entity_target_accepts_each_single_form():
    for option in lookup.TARGET_OPTIONS:
        lookup.check_entity_target({option: 'x', 'type': 'DEVICE'}, 'entities[0]')
    assert lookup.TARGET_OPTIONS == ('id', 'name', 'host_name', 'ip_address')


def test_lookup_of_an_entity():
    assert lookup.lookup_of({'id': 'a', 'type': 'DEVICE'}) is None
    assert lookup.lookup_of({'host_name': 'H.example.net', 'id': None}).key == ('host_name', 'h.example.net')
    assert lookup.lookup_of({'name': 'Core'}).key == ('name', 'Core')


def test_find_resources_searches_with_the_hint_and_keeps_the_exact_matches():
    client = FakeClient([SW1, SW11, OLD])
    assert [resource['id'] for resource in lookup.find_resources(client, 'ip_address', '10.0.0.11')] == ['id-sw11']
    assert client.queries == ['ipAddress:10.0.0.11']
