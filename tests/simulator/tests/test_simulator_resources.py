# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import subprocess
import sys

import pytest

from opsramp_simulator import SimControl, SimControlError, Simulator
from sim_helpers import Api

SWITCHES = [
    {'id': 'r-1', 'name': 'core-sw-01', 'hostName': 'core-sw-01.example.net', 'ipAddress': '10.0.0.1',
     'resourceType': 'Network Device'},
    {'id': 'r-11', 'name': 'core-sw-011', 'hostName': 'core-sw-011.example.net', 'ipAddress': '10.0.0.11'},
    {'id': 'r-2', 'name': 'CORE-SW-01-old', 'hostName': 'old.example.net', 'ipAddress': '10.0.9.1', 'state': 'inactive'},
    {'id': 'r-3', 'name': 'db-01', 'hostName': 'core-sw-01-mgmt.example.net', 'ipAddress': '10.1.0.1', 'type': 'DEVICE'},
]


def _ids(resp):
    assert resp.status_code == 200, resp.text
    return [r['id'] for r in resp.json()['results']]


def test_seeded_resources_come_back_in_the_search_form(sim, api):
    stored = sim.control.seed_resources(SWITCHES)
    assert [r['id'] for r in stored] == ['r-1', 'r-11', 'r-2', 'r-3']
    first = api.search_resources().json()['results'][0]
    assert first['name'] == first['resourceName'] == 'core-sw-01'
    assert first['hostName'] == 'core-sw-01.example.net' and first['ipAddress'] == '10.0.0.1'
    assert first['type'] == 'DEVICE' and first['resourceType'] == 'Network Device' and first['state'] == 'active'
    assert first['clientUniqueId'] == 'client_1'
    assert first['generalInfo'] == {'hostName': 'core-sw-01.example.net', 'resourceName': 'core-sw-01',
                                    'resourceType': 'Network Device'}
    assert [r['id'] for r in sim.control.resources()] == ['r-1', 'r-11', 'r-2', 'r-3']
    assert sim.control.stats()['resources'] == 4


def test_name_terms_are_case_insensitive_substring_hints_on_either_name_field(sim, api):
    sim.control.seed_resources(SWITCHES)
    assert _ids(api.search_resources(queryString='resourceName:core-sw-01')) == ['r-1', 'r-11', 'r-2', 'r-3']
    assert _ids(api.search_resources(queryString='hostName:CORE-SW-011')) == ['r-11']
    assert _ids(api.search_resources(queryString='ipAddress:10.0.0.1')) == ['r-1', 'r-11']   # not exact
    assert _ids(api.search_resources(queryString='id:r-1')) == ['r-1']                     # exact
    assert _ids(api.search_resources(queryString='resourceName:core+state:inactive')) == ['r-2']
    assert _ids(api.search_resources(queryString='resourceName:nothing')) == []


def test_state_and_type_filters(sim, api):
    sim.control.seed_resources(SWITCHES)
    assert _ids(api.search_resources(queryString='state:active')) == ['r-1', 'r-11', 'r-3']
    assert _ids(api.search_resources(queryString='state:all')) == ['r-1', 'r-11', 'r-2', 'r-3']
    assert _ids(api.search_resources(queryString='resourceType:network device,Database')) == ['r-1']
    sim.control.configure(resource_default_state='active')
    assert _ids(api.search_resources()) == ['r-1', 'r-11', 'r-3']


def test_undocumented_query_variable_is_refused(sim, api):
    sim.control.seed_resources(SWITCHES)
    resp = api.search_resources(queryString='hostName2:abc')
    assert resp.status_code == 400
    assert resp.json() == [{'code': '0002', 'fieldName': 'queryString', 'message': 'Unknown query variable: hostName2'}]


def test_query_filter_can_be_ignored(sim, api):
    sim.control.seed_resources(SWITCHES)
    sim.control.configure(resource_query_filter='ignore')
    assert _ids(api.search_resources(queryString='resourceName:db-01')) == ['r-1', 'r-11', 'r-2', 'r-3']


def test_paging_and_shapes_follow_the_jobs_search_knobs(sim, api):
    sim.control.seed_resources([{'id': 'p-%02d' % i, 'name': 'edge-%02d' % i} for i in range(25)])
    pages = [api.search_resources(pageNo=n, pageSize=10).json() for n in (1, 2, 3)]
    assert [len(p['results']) for p in pages] == [10, 10, 5]
    assert [p['nextPage'] for p in pages] == [True, True, False]
    assert [r['id'] for p in pages for r in p['results']] == ['p-%02d' % i for i in range(25)]
    sim.control.configure(search_shape='list')
    assert len(api.search_resources(pageSize=10).json()) == 25
    sim.control.configure(empty_body_when_no_results=True)
    assert api.search_resources(queryString='resourceName:zzz').content == b''


def test_resources_are_per_tenant_and_logged_as_reads(sim, api):
    sim.control.seed_resources(SWITCHES[:1])
    sim.control.seed_resources([{'id': 'm-1', 'name': 'core-sw-01'}], tenant='msp_1')
    assert _ids(api.search_resources(queryString='resourceName:core-sw-01')) == ['r-1']
    assert _ids(api.search_resources(tenant='msp_1')) == ['m-1']
    assert api.search_resources(tenant='client_404').status_code == 404
    log = [e for e in sim.control.requests() if e['path'].endswith('/resources/search')]
    assert [(e['kind'], e['status']) for e in log] == [('read', 200), ('read', 200), ('read', 404)]
    assert log[0]['query']['queryString'] == 'resourceName:core-sw-01'


def test_search_needs_a_token_and_other_methods_are_refused(sim, api):
    sim.control.seed_resources(SWITCHES[:1])
    assert Api(sim.url).search_resources().status_code == 401
    resp = api.session.post(sim.url + '/api/v2/tenants/client_1/resources/search', timeout=10)
    assert resp.status_code == 405 and resp.headers['Allow'] == 'GET'
    assert api.session.get(sim.url + '/api/v2/tenants/client_1/resources/r-1', timeout=10).status_code == 404


def test_seed_replaces_by_id_and_rejects_bad_input(sim):
    sim.control.seed_resources(SWITCHES[:2])
    sim.control.seed_resources([{'id': 'r-1', 'name': 'renamed'}])
    assert [(r['id'], r['name']) for r in sim.control.resources()] == [('r-1', 'renamed'), ('r-11', 'core-sw-011')]
    generated = sim.control.seed_resources([{'name': 'no-id'}])[0]['id']
    assert len(generated) == 36
    with pytest.raises(SimControlError) as bad_state:
        sim.control.seed_resources([{'name': 'x', 'state': 'sleeping'}])
    assert bad_state.value.status == 400 and 'state' in bad_state.value.body['error']
    assert sim.control.delete_resources() == {'deleted': 3}
    assert sim.control.resources() == []


def test_start_up_inventory_is_restored_by_reset():
    with Simulator(resources=SWITCHES[:1]) as sim:
        sim.control.seed_resources([{'id': 'extra', 'name': 'extra'}])
        sim.control.reset()
        assert [r['id'] for r in sim.control.resources()] == ['r-1']


def test_command_line_loads_an_inventory_file(tmp_path):
    inventory = tmp_path / 'inventory.json'
    inventory.write_text(json.dumps(SWITCHES))
    port_file = tmp_path / 'url'
    package = str(__import__('opsramp_simulator').__path__[0])
    process = subprocess.Popen([sys.executable, package, '--port-file', str(port_file), '--resources', str(inventory)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        process.stdout.readline()   # "listening on URL" once the port file is written
        assert len(SimControl(port_file.read_text().strip()).resources()) == 4
    finally:
        process.terminate()
        process.wait(timeout=30)
