# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The resource resolver without a server: a fake client that answers searches from a list and counts them."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from ansible_collections.opsramp.automation.plugins.module_utils import resources
from ansible_collections.opsramp.automation.plugins.module_utils._http.paginator import PAGE_SIZE
from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import (
    CommunicationError,
    ResourceLookupError,
    ValidationError,
)

SW1 = {'id': 'id-sw1', 'resourceName': 'core-sw-01', 'hostName': 'core-sw-01.example.net', 'ipAddress': '10.0.0.1',
       'state': 'active'}
SW11 = {'id': 'id-sw11', 'resourceName': 'core-sw-011', 'hostName': 'core-sw-011.example.net', 'ipAddress': '10.0.0.11',
        'state': 'active'}
OLD = {'id': 'id-old', 'resourceName': 'core-sw-01', 'hostName': 'old.example.net', 'ipAddress': '10.9.0.1',
       'state': 'inactive'}
V6 = {'id': 'id-v6', 'name': 'v6-only', 'generalInfo': {'hostName': 'V6.Example.NET'}, 'ipAddress': '2001:db8::1'}


class FakeClient:
    """Answers every search with ``inventory`` whatever the query (a server that ignores queryString), slowly."""

    tenant_id = 'client_1'

    def __init__(self, inventory, delay=0.0, failure=None):
        self.inventory = inventory
        self.delay = delay
        self.failure = failure
        self.queries = []
        self._lock = threading.Lock()

    def api_path(self, *parts):
        return '/api/v2/tenants/client_1/' + '/'.join(parts)

    def paginate(self, path, query=None, page_size=100):
        assert path == '/api/v2/tenants/client_1/resources/search' and page_size == PAGE_SIZE
        with self._lock:
            self.queries.append((query or {}).get('queryString'))
        time.sleep(self.delay)
        if self.failure is not None:
            raise self.failure
        return iter(list(self.inventory))


def resolve(client, option, value):
    return resources.ResourceResolver(client).resolve(resources.Lookup(option, value))


@pytest.mark.parametrize('option, value, expected, query', [
    ('name', 'core-sw-011', 'id-sw11', 'resourceName:core-sw-011'),
    ('name', ' core-sw-011 ', 'id-sw11', 'resourceName:core-sw-011'),
    ('host_name', 'CORE-SW-01.example.net', 'id-sw1', 'hostName:CORE-SW-01.example.net'),
    ('host_name', 'v6.example.net', 'id-v6', 'hostName:v6.example.net'),      # generalInfo, any case
    ('ip_address', '10.0.0.1', 'id-sw1', 'ipAddress:10.0.0.1'),             # not 10.0.0.11
    ('ip_address', '2001:DB8:0::1', 'id-v6', 'ipAddress:2001:DB8:0::1'),
    ('name', 'v6-only', 'id-v6', 'resourceName:v6-only'),                   # "name" when there is no resourceName
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
    resolver = resources.ResourceResolver(client)
    found = [(option, value, resolver.resolve(resources.Lookup(option, value))['id'])
             for option, value in [('name', 'core-sw-011'), ('host_name', 'CORE-SW-01.EXAMPLE.NET'),
                                   ('host_name', 'core-sw-01.example.net')] * 3]
    assert set(found) == {('name', 'core-sw-011', 'id-sw11'), ('host_name', 'CORE-SW-01.EXAMPLE.NET', 'id-sw1'),
                          ('host_name', 'core-sw-01.example.net', 'id-sw1')}
    for lookup in [resources.Lookup('name', 'core-sw-01')] * 3:
        with pytest.raises(ResourceLookupError):
            resolver.resolve(lookup)
    assert resolver.searches == 3 and len(client.queries) == 3


def test_a_failed_search_is_reported_for_every_entity_that_needs_it_without_searching_again():
    client = FakeClient([], failure=CommunicationError('connection refused'))
    resolver = resources.ResourceResolver(client)
    for lookup in [resources.Lookup('name', 'core-sw-01')] * 2:
        with pytest.raises(CommunicationError) as error:
            resolver.resolve(lookup)
        assert error.value.message == 'connection refused'
    assert len(client.queries) == 1


def test_threads_share_one_search_per_lookup():
    client = FakeClient([SW1, SW11], delay=0.05)
    resolver = resources.ResourceResolver(client)
    lookups = [resources.Lookup('name', name) for name in ('core-sw-01', 'core-sw-011')] * 50
    with ThreadPoolExecutor(max_workers=16) as pool:
        found = list(pool.map(lambda lookup: resolver.resolve(lookup)['id'], lookups))
    assert found == ['id-sw1', 'id-sw11'] * 50
    assert sorted(client.queries) == ['resourceName:core-sw-01', 'resourceName:core-sw-011']


def test_resolve_entities_keeps_ids_and_types_and_labels_what_it_resolved():
    client = FakeClient([SW1, SW11])
    entities = [{'id': 'given', 'type': 'DEVICE'}, {'name': 'core-sw-011', 'type': 'DEVICE'},
                {'ip_address': '10.0.0.1', 'type': 'device', 'host_name': None}]
    resolved, labels = resources.resolve_entities(resources.ResourceResolver(client), entities)
    assert resolved == [{'id': 'given', 'type': 'DEVICE'}, {'id': 'id-sw11', 'type': 'DEVICE'},
                        {'id': 'id-sw1', 'type': 'device'}]
    assert labels == {'id-sw11': 'core-sw-011', 'id-sw1': '10.0.0.1'}
    assert entities[1] == {'name': 'core-sw-011', 'type': 'DEVICE'}   # the task's options are left alone


def test_resolve_entities_names_the_element_that_fails():
    client = FakeClient([SW1, SW11])
    with pytest.raises(ResourceLookupError) as error:
        resources.resolve_entities(resources.ResourceResolver(client), [{'id': 'x'}, {'name': 'nope'}], 'jobs[4].entities')
    assert error.value.message == "jobs[4].entities[1]: no resource has the name 'nope' in tenant client_1"


def test_entities_by_id_only_cost_nothing():
    client = FakeClient([SW1])
    resolved, labels = resources.resolve_entities(resources.ResourceResolver(client), [{'id': 'a', 'type': 'DEVICE'}])
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
        resources.check_entity_target(entity, 'entities[0]')
    assert error.value.message == message
    assert error.value.option == message.split(':')[0]


def test_check_entity_target_accepts_each_single_form():
    for option in resources.TARGET_OPTIONS:
        resources.check_entity_target({option: 'x', 'type': 'DEVICE'}, 'entities[0]')


def test_resolve_job_leaves_deletions_and_unmanaged_entities_alone():
    client = FakeClient([SW1])
    resolver = resources.ResourceResolver(client)
    absent = {'state': 'absent', 'name': 'j', 'entities': [{'name': 'nope'}]}
    assert resources.resolve_job(resolver, absent) == (absent, {})
    unmanaged = {'state': 'present', 'name': 'j', 'entities': None}
    assert resources.resolve_job(resolver, unmanaged) == (unmanaged, {})
    params, labels = resources.resolve_job(resolver, {'state': 'present', 'entities': [{'name': 'core-sw-01'}]})
    assert params['entities'] == [{'id': 'id-sw1'}] and labels == {'id-sw1': 'core-sw-01'}
    assert client.queries == ['resourceName:core-sw-01']


def test_resolve_jobs_searches_each_distinct_lookup_once_for_the_whole_list():
    client = FakeClient([SW1, SW11], delay=0.02)
    job_params = [{'state': 'present', 'entities': [{'name': 'core-sw-01', 'type': 'DEVICE'},
                                                    {'ip_address': '10.0.0.11', 'type': 'DEVICE'},
                                                    {'id': 'plain', 'type': 'DEVICE'}]}] * 100
    resolved = resources.resolve_jobs(resources.ResourceResolver(client), job_params, workers=4)
    assert len(resolved) == 100
    assert all(params['entities'] == [{'id': 'id-sw1', 'type': 'DEVICE'}, {'id': 'id-sw11', 'type': 'DEVICE'},
                                      {'id': 'plain', 'type': 'DEVICE'}] for params, _labels in resolved)
    assert resolved[0][1] == {'id-sw1': 'core-sw-01', 'id-sw11': '10.0.0.11'}
    assert sorted(client.queries) == ['ipAddress:10.0.0.11', 'resourceName:core-sw-01']


def test_resolve_jobs_reports_every_failing_entity_of_the_list():
    client = FakeClient([SW1, OLD])
    job_params = [{'entities': [{'name': 'nope'}]}, {'entities': [{'id': 'fine'}]},
                  {'entities': [{'host_name': 'core-sw-01.example.net'}, {'name': 'core-sw-01'}]}]
    with pytest.raises(ResourceLookupError) as error:
        resources.resolve_jobs(resources.ResourceResolver(client), job_params, workers=2)
    assert error.value.message == (
        "jobs[0].entities[0]: no resource has the name 'nope' in tenant client_1; jobs[2].entities[1]: 2 resources "
        "have the name 'core-sw-01' in tenant client_1: id-sw1 (core-sw-01, active), id-old (core-sw-01, inactive); "
        "give the id of the one to use; nothing was written")
    assert [match['id'] for match in error.value.details['matches']] == ['id-sw1', 'id-old']
    assert sorted(client.queries) == ['hostName:core-sw-01.example.net', 'resourceName:core-sw-01', 'resourceName:nope']


def test_resolve_jobs_with_ids_only_searches_nothing():
    client = FakeClient([SW1])
    job_params = [{'entities': [{'id': 'a'}]}, {'entities': None}, {}]
    assert [labels for _params, labels in resources.resolve_jobs(resources.ResourceResolver(client), job_params)] == [
        {}, {}, {}]
    assert client.queries == []


def test_label_diff_shows_what_each_id_was_resolved_from_on_both_sides():
    diff = {'before': {'entities': [{'id': 'id-sw1', 'type': 'DEVICE'}, {'id': 'other', 'type': 'DEVICE'}]},
            'after': {'entities': [{'id': 'id-sw1', 'type': 'DEVICE'}, {'id': 'id-sw11', 'type': 'DEVICE'}],
                      'name': 'job'}}
    labelled = resources.label_diff(diff, {'id-sw1': 'core-sw-01', 'id-sw11': '10.0.0.11'})
    assert labelled == {
        'before': {'entities': [{'id': 'core-sw-01 (id-sw1)', 'type': 'DEVICE'}, {'id': 'other', 'type': 'DEVICE'}]},
        'after': {'entities': [{'id': 'core-sw-01 (id-sw1)', 'type': 'DEVICE'},
                               {'id': '10.0.0.11 (id-sw11)', 'type': 'DEVICE'}], 'name': 'job'}}
    assert diff['after']['entities'][0]['id'] == 'id-sw1'   # a copy: the result's job keeps the bare ids
    assert resources.label_diff({'before': {}, 'after': {'name': 'x'}}, {'a': 'b'}) == {'before': {}, 'after': {'name': 'x'}}
    assert resources.label_diff(None, {'a': 'b'}) is None
