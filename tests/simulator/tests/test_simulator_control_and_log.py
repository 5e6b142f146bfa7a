# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import threading
import time

import pytest
import requests

from opsramp_simulator import SimConfig, SimControl, SimControlError, Simulator
from sim_helpers import Api, ncb_job

SECRET = 'demo-secret'


def test_request_log_content(sim, api):
    sim.control.clear_requests()
    created = api.create(ncb_job()).json()
    api.search(pageNo=1, pageSize=5, queryString='name:Network')
    api.delete(created['id'])
    log = sim.control.requests()
    assert [(e['method'], e['kind'], e['status']) for e in log] == [('POST', 'write', 200), ('GET', 'read', 200), ('DELETE', 'write', 200)]
    assert [e['seq'] for e in log] == sorted(e['seq'] for e in log)
    first = log[0]
    assert set(first) >= {'seq', 'time', 'method', 'path', 'query', 'status', 'body', 'fault', 'kind'}
    assert first['path'] == '/api/v2/tenants/client_1/jobs'
    assert first['body'] == ncb_job()         # the body as sent, parsed
    assert first['fault'] is None and abs(first['time'] - time.time()) < 10
    assert log[1]['query'] == {'pageNo': '1', 'pageSize': '5', 'queryString': 'name:Network'}
    assert log[1]['body'] is None
    assert sim.control.requests(clear=True) == log
    assert sim.control.requests() == []


def test_token_requests_logged_without_secret(sim):
    api = Api(sim.url)
    api.get_token()
    api.get_token(client_secret='another-secret-value')
    requests.post(sim.url + '/auth/oauth/token', params={'grant_type': 'client_credentials', 'client_id': 'demo-client',
                                                         'client_secret': SECRET}, timeout=5)
    api.login()
    api.call('GET', '/types')
    log = sim.control.requests()
    token_entries = [e for e in log if e['kind'] == 'token']
    assert [e['status'] for e in token_entries] == [200, 401, 200, 200]
    assert token_entries[0]['body'] == {'grant_type': 'client_credentials', 'client_id': 'demo-client'}
    assert token_entries[2]['query']['client_secret'] != SECRET
    outputs = [sim.control.requests(), sim.control.config(), sim.control.jobs(), sim.control.stats(),
               sim.control.faults(), sim.control.health(), sim.control.tokens()]
    dumped = json.dumps(outputs)
    assert SECRET not in dumped and 'another-secret-value' not in dumped
    assert api.token not in json.dumps(log)          # the bearer token is never logged either
    assert api.token in sim.control.tokens()


def test_seed_and_control_job_views(sim, api):
    seeded = sim.control.seed_job(dict(ncb_job('seeded'), id='fixed-id'), tenant='msp_1')
    assert seeded['id'] == 'fixed-id' and seeded['tenant'] == 'msp_1'
    assert seeded['jobQueued'] is True and seeded['schedule']['startDate'] == '2016-04-14T10:10:00+0000'
    raw = sim.control.seed_job({'name': 'raw', 'jobQueued': 'true'}, raw=True)
    assert raw['jobQueued'] == 'true' and raw['tenant'] == 'client_1'
    assert api.call('GET', '/fixed-id', tenant='msp_1').json()['name'] == 'seeded'
    assert sim.control.requests() == [e for e in sim.control.requests() if e['kind'] != 'write']   # seeding is not logged
    assert sim.control.job('missing') is None
    assert [j['name'] for j in sim.control.jobs()] == ['seeded', 'raw']
    assert sim.control.stats()['jobs_by_tenant'] == {'msp_1': 1, 'client_1': 1}
    assert sim.control.delete_jobs() == {'deleted': 2}


def test_configure_and_reset(sim):
    config = sim.control.configure(latency_ms=5, read_limit='7', list_style='compact')
    assert config['latency_ms'] == 5 and config['read_limit'] == 7 and config['list_style'] == 'compact'
    assert config['client_secret'] != SECRET
    for bad in ({'no_such_knob': 1}, {'list_style': 'weird'}, {'read_limit': 'many'}, {'not_found_style': 404}):
        with pytest.raises(SimControlError) as info:
            sim.control.configure(**bad)
        assert info.value.status == 400
    assert sim.control.config()['read_limit'] == 7     # a rejected change changes nothing
    sim.control.seed_job(ncb_job())
    sim.control.add_faults({'path': 'x'})
    sim.control.reset()
    assert sim.control.jobs() == [] and sim.control.faults() == []
    assert sim.control.config()['read_limit'] == 7      # config kept
    sim.control.reset(config=True)
    assert sim.control.config()['read_limit'] == 0
    with pytest.raises(SimControlError):
        SimControl(sim.url)._call('GET', 'nope')   # pylint: disable=protected-access


def test_control_api_raw_http(sim):
    base = sim.url + '/_sim'
    assert requests.get(base + '/health', timeout=5).json()['status'] == 'ok'
    resp = requests.post(base + '/jobs', json=dict(ncb_job('via http'), tenant='msp_1'), timeout=5)
    assert resp.status_code == 200 and resp.json()['tenant'] == 'msp_1'
    assert requests.post(base + '/config', data='{bad', timeout=5).status_code == 400
    assert requests.post(base + '/faults', json=[{'path': 'x', 'status': 502}], timeout=5).json()[0]['status'] == 502
    assert requests.delete(base + '/faults', timeout=5).status_code == 200
    assert requests.post(base + '/expire-tokens', timeout=5).json() == {'expired': 0}
    assert requests.delete(base + '/requests', timeout=5).status_code == 200
    assert requests.post(base + '/reset', json={'config': True}, timeout=5).json() == {'reset': True}


def test_latency_overlaps_parallel_clients(sim):
    sim.control.configure(latency_ms=300)
    token = Api(sim.url).login().token
    results = []

    def worker():
        resp = requests.get(sim.url + '/api/v2/tenants/client_1/jobs/types', headers={'Authorization': 'Bearer ' + token}, timeout=10)
        results.append(resp.status_code)

    threads = [threading.Thread(target=worker) for dummy in range(8)]
    started = time.time()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.time() - started
    assert results == [200] * 8
    assert 0.3 <= elapsed < 2.0     # 8 x 0.3 s would take 2.4 s one after the other
    assert sim.control.stats()['max_in_flight'] >= 4


def test_context_manager_and_private_instance():
    with Simulator(SimConfig(tenants=['client_7'], client_secret='x')) as sim:
        assert sim.running and sim.url.startswith('http://127.0.0.1:')
        api = Api(sim.url, tenant='client_7')
        assert api.get_token(client_secret='x').status_code == 200
        assert sim.control.stats()['tokens_issued'] == 1
        url = sim.url
    assert not sim.running
    with pytest.raises(requests.ConnectionError):
        requests.get(url + '/_sim/health', timeout=2)
