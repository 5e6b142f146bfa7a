# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The entity lookups (``_resources.lookup``) over real HTTP against the OpsRamp simulator's resources search."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import ResourceLookupError
from ansible_collections.opsramp.automation.plugins.module_utils._resources import lookup

INVENTORY = [
    {'id': 'r-1', 'name': 'core-sw-01', 'hostName': 'core-sw-01.example.net', 'ipAddress': '10.0.0.1'},
    {'id': 'r-11', 'name': 'core-sw-011', 'hostName': 'core-sw-011.example.net', 'ipAddress': '10.0.0.11'},
    {'id': 'r-twin', 'name': 'twin', 'hostName': 'twin-a.example.net'},
    {'id': 'r-twin2', 'name': 'twin', 'hostName': 'twin-b.example.net', 'state': 'inactive'},
]


@pytest.fixture
def inventory(sim):
    sim.control.seed_resources(INVENTORY)
    sim.control.seed_resources([{'id': 'other-tenant', 'name': 'core-sw-01'}], tenant='msp_1')


def searches(log):
    return [entry['query'] for entry in log(path='/resources/search')]


def test_resolves_by_each_form_with_one_search_each(inventory, make_client, log):
    resolver = lookup.ResourceResolver(make_client())
    entities = [{'name': 'core-sw-01', 'type': 'DEVICE'}, {'host_name': 'CORE-SW-011.example.net', 'type': 'DEVICE'},
                {'ip_address': '10.0.0.1', 'type': 'DEVICE'}, {'name': 'core-sw-01', 'type': 'DEVICE'}]
    resolved, labels = lookup.resolve_entities(resolver, entities)
    assert [entity['id'] for entity in resolved] == ['r-1', 'r-11', 'r-1', 'r-1']
    assert labels == {'r-1': 'core-sw-01', 'r-11': 'CORE-SW-011.example.net'}   # the first lookup of an id names it
    assert [query['queryString'] for query in searches(log)] == [
        'resourceName:core-sw-01', 'hostName:CORE-SW-011.example.net', 'ipAddress:10.0.0.1']
    assert all(query['pageSize'] == '500' for query in searches(log))


def test_the_simulator_finds_similar_names_the_resolver_does_not(inventory, make_client):
    client = make_client()
    assert [r['id'] for r in lookup.search_resources(client, 'resourceName:core-sw-01')] == ['r-1', 'r-11']
    assert [r['id'] for r in lookup.find_resources(client, 'name', 'core-sw-01')] == ['r-1']


def test_ambiguous_and_unknown(inventory, make_client):
    resolver = lookup.ResourceResolver(make_client())
    with pytest.raises(ResourceLookupError) as error:
        resolver.resolve(lookup.Lookup('name', 'twin'))
    assert 'r-twin (twin, active), r-twin2 (twin, inactive)' in error.value.message
    with pytest.raises(ResourceLookupError) as error:
        resolver.resolve(lookup.Lookup('ip_address', '10.0.0.2'))
    assert error.value.message == "no resource has the IP address '10.0.0.2' in tenant client_1"


def test_pages_are_followed(sim, make_client, log):
    sim.control.seed_resources([{'id': 'p-%03d' % i, 'name': 'edge-%03d' % i} for i in range(11)])
    sim.control.seed_resources([{'id': 'p-last', 'name': 'edge'}])
    sim.control.configure(max_page_size=5)
    client = make_client()
    assert [r['id'] for r in lookup.find_resources(client, 'name', 'edge')] == ['p-last']
    assert [query['pageNo'] for query in searches(log)] == ['1', '2', '3']


def test_a_bare_list_answer_works_too(inventory, sim, make_client):
    sim.control.configure(search_shape='list')
    assert lookup.find_resources(make_client(), 'host_name', 'twin-b.example.net')[0]['id'] == 'r-twin2'
