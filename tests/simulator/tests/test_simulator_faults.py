# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import threading
import time

import pytest
import requests

from opsramp_simulator import SimControlError
from sim_helpers import Api, ncb_job, wait_until

JOBS = r'/api/v2/tenants/[^/]+/jobs$'


@pytest.mark.parametrize('status, key, value', [
    (502, 'error', 'bad_gateway'), (503, 'error', 'service_unavailable'), (504, 'error', 'gateway_timeout'),
    (500, 'code', '0005'), (407, 'error', 'invalid_token'), (429, 'error', 'throttled'),
])
def test_status_fault_default_bodies(sim, api, status, key, value):
    sim.control.add_faults([{'method': 'POST', 'path': JOBS, 'action': 'status', 'status': status}])
    resp = api.create(ncb_job())
    assert resp.status_code == status and resp.json()[key] == value
    assert sim.control.jobs() == []          # not executed
    assert api.create(ncb_job()).status_code == 200   # times defaults to 1
    assert len(sim.control.jobs()) == 1


def test_status_fault_custom_body_headers_times_after(sim, api):
    sim.control.add_faults([{'method': 'GET', 'path': '/types$', 'action': 'status', 'status': 400, 'times': 2, 'after': 1,
                             'body': {'error': 'invalid_token', 'error_description': 'Unable to authenticate'},
                             'headers': {'X-Extra': 'yes'}}])
    statuses = [api.call('GET', '/types') for dummy in range(4)]
    assert [r.status_code for r in statuses] == [200, 400, 400, 200]
    assert statuses[1].json() == {'error': 'invalid_token', 'error_description': 'Unable to authenticate'}
    assert statuses[1].headers['X-Extra'] == 'yes' and 'X-RateLimit-Limit' in statuses[1].headers
    rule = sim.control.faults()[0]
    assert rule['seen'] == 3 and rule['fired'] == 2 and rule['exhausted'] is True
    assert [e['fault'] for e in sim.control.requests()] == [None, None, 'status', 'status', None]   # token request first


def test_forever_and_method_filter(sim, api):
    sim.control.add_faults({'method': 'DELETE', 'path': '.*', 'status': 503, 'times': 0})
    job = api.create(ncb_job()).json()
    assert [api.delete(job['id']).status_code for dummy in range(3)] == [503, 503, 503]
    sim.control.clear_faults()
    assert api.delete(job['id']).status_code == 200


def test_probability_is_seeded(sim, api):
    def run():
        sim.control.reset()
        sim.control.configure(seed=42)
        sim.control.add_faults({'method': 'GET', 'path': '/types', 'status': 503, 'times': 0, 'probability': 0.5})
        local = Api(sim.url).login()
        return [local.call('GET', '/types').status_code for dummy in range(20)]
    first = run()
    assert first == run()
    assert 503 in first and 200 in first


def test_status_after_apply_stores_the_job(sim, api):
    sim.control.add_faults({'method': 'POST', 'path': JOBS, 'action': 'status_after_apply', 'status': 500})
    resp = api.create(ncb_job('stored anyway'))
    assert resp.status_code == 500 and resp.json()['code'] == '0005'
    jobs = sim.control.jobs()
    assert [j['name'] for j in jobs] == ['stored anyway']
    assert jobs[0]['jobQueued'] is True


def test_reset_before_and_after_apply(sim, api):
    sim.control.add_faults({'method': 'POST', 'path': JOBS, 'action': 'reset'})
    with pytest.raises(requests.ConnectionError):
        api.create(ncb_job('never stored'))
    assert sim.control.jobs() == []
    sim.control.add_faults({'method': 'POST', 'path': JOBS, 'action': 'reset_after_apply'})
    with pytest.raises(requests.ConnectionError):
        api.create(ncb_job('stored'))
    assert [j['name'] for j in sim.control.jobs()] == ['stored']
    assert api.create(ncb_job('fine')).status_code == 200   # the session recovers with a new connection
    log = sim.control.requests()
    assert [(e['fault'], e['status']) for e in log if e['kind'] == 'write'] == [('reset', None), ('reset_after_apply', None), (None, 200)]


def test_delay_and_delay_after_apply(sim, api):
    sim.control.add_faults([{'method': 'GET', 'path': '/types', 'action': 'delay', 'seconds': 0.4},
                            {'method': 'POST', 'path': JOBS, 'action': 'delay_after_apply', 'seconds': 0.6}])
    started = time.time()
    assert api.call('GET', '/types').status_code == 200
    assert time.time() - started >= 0.4
    with pytest.raises(requests.Timeout):
        api.create(ncb_job('slow'), timeout=0.2)
    # the client timed out, but the job exists (stored before the delay)
    assert [j['name'] for j in wait_until(sim.control.jobs, timeout=0.3)] == ['slow']


def test_barrier_after_apply_holds_answers_until_every_request_ran(sim, api):
    """Three searches: each runs on arrival (none sees the job created meanwhile), and all are answered together."""
    sim.control.add_faults({'method': 'GET', 'path': '/search$', 'action': 'barrier_after_apply', 'times': 3,
                            'seconds': 10})
    answers = []

    def search():
        answers.append((api.search().json()['totalResults'], time.time()))

    threads = [threading.Thread(target=search) for dummy in range(2)]
    for thread in threads:
        thread.start()
    wait_until(lambda: sim.control.faults()[0]['fired'] == 2, timeout=3)
    api.create(ncb_job('meanwhile'))
    search()                                                   # the third: releases the two held ones
    for thread in threads:
        thread.join()
    assert sorted(total for total, dummy in answers) == [0, 0, 1]    # the two held ones ran before the create
    assert max(at for dummy, at in answers) - min(at for dummy, at in answers) < 1
    assert api.search().json()['totalResults'] == 1           # the rule is spent: answered at once


def test_barrier_after_apply_gives_up_after_its_seconds(sim, api):
    sim.control.add_faults({'method': 'GET', 'path': '/search$', 'action': 'barrier_after_apply', 'times': 2,
                            'seconds': 0.5})
    started = time.time()
    assert api.search().status_code == 200
    assert 0.5 <= time.time() - started < 3


def test_delay_before_apply_times_out_and_then_applies(sim, api):
    sim.control.add_faults({'method': 'POST', 'path': JOBS, 'action': 'delay', 'seconds': 0.8})
    started = time.time()
    with pytest.raises(requests.Timeout):
        api.create(ncb_job('late'), timeout=0.2)
    assert sim.control.jobs() == []      # not yet
    assert [j['name'] for j in wait_until(sim.control.jobs, timeout=3)] == ['late']
    assert time.time() - started >= 0.8


def test_bad_json_and_empty(sim, api):
    sim.control.add_faults([{'method': 'GET', 'path': '/types', 'action': 'bad_json'},
                            {'method': 'GET', 'path': '/types', 'action': 'empty'}])
    resp = api.call('GET', '/types')
    assert resp.status_code == 200 and resp.text == '<html>oops'
    with pytest.raises(ValueError):
        resp.json()
    resp = api.call('GET', '/types')
    assert resp.status_code == 200 and resp.content == b''
    sim.control.add_faults({'method': 'POST', 'path': JOBS, 'action': 'empty', 'apply': True})
    assert api.create(ncb_job()).content == b''
    assert len(sim.control.jobs()) == 1


def test_token_path_faults(sim):
    sim.control.add_faults({'method': 'POST', 'path': '/oauth/token$', 'status': 503})
    assert Api(sim.url).get_token().status_code == 503
    assert sim.control.tokens() == []
    Api(sim.url).login()


def test_faults_never_touch_control_api(sim):
    sim.control.add_faults({'method': '*', 'path': '.*', 'action': 'reset', 'times': 0})
    assert sim.control.health()['status'] == 'ok'
    assert sim.control.stats()['faults_fired'] == 0


def test_bad_rules_are_rejected(sim):
    for rule in ({'action': 'explode'}, {'path': '('}, {'action': 'delay'}, {'times': 'x'},
                 {'action': 'barrier_after_apply', 'seconds': 1, 'times': 0}):
        with pytest.raises(SimControlError) as info:
            sim.control.add_faults(rule)
        assert info.value.status == 400
    assert sim.control.faults() == []


def test_in_flight_requests_do_not_leak_into_a_reset_log(sim, api):
    sim.control.add_faults({'method': 'GET', 'path': '/types', 'action': 'delay', 'seconds': 0.4})
    with pytest.raises(requests.Timeout):
        api.call('GET', '/types', timeout=0.1)
    sim.control.reset()
    time.sleep(0.5)
    assert sim.control.requests() == []
    assert sim.control.stats()['in_flight'] == 0
