# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import time

from sim_helpers import ncb_job, wait_for_window_start

WINDOW = 1


def _burst(send, count, before_retry=None):
    """Send count requests inside one window; retry (up to 3 times) if a slow machine let them straddle two."""
    for dummy in range(3):
        wait_for_window_start(WINDOW)
        responses = [send(i) for i in range(count)]
        if len({r.headers['X-RateLimit-Reset'] for r in responses}) == 1:
            return responses
        if before_retry:
            before_retry()
    raise AssertionError('could not fit %d requests into one %s s window' % (count, WINDOW))


def test_headers_without_limits(sim, api):
    resp = api.call('GET', '/types')
    assert resp.headers['X-RateLimit-Limit'] == '100000'
    assert resp.headers['X-RateLimit-Remaining'] == '99999'
    reset = int(resp.headers['X-RateLimit-Reset'])
    assert time.time() < reset <= time.time() + 60 + 1
    assert 'X-RateLimit-Limit' not in api.get_token().headers   # token requests are not rate limited


def test_read_limit_429_and_window_reset(sim, api):
    sim.control.configure(read_limit=3, write_limit=2, rate_window_seconds=WINDOW)
    responses = _burst(lambda i: api.call('GET', '/types'), 4)
    assert [r.headers['X-RateLimit-Remaining'] for r in responses[:3]] == ['2', '1', '0']
    resp = responses[3]
    assert resp.status_code == 429
    assert resp.json() == {'error': 'throttled', 'error_description': 'Too Many Requests'}
    assert resp.headers['X-RateLimit-Limit'] == '3' and resp.headers['X-RateLimit-Remaining'] == '0'
    reset = int(resp.headers['X-RateLimit-Reset'])
    assert reset - WINDOW - 1 < time.time()
    # writes have their own bucket, and other tenants their own windows
    assert api.create(ncb_job()).status_code == 200
    assert api.call('GET', '/types', tenant='msp_1').status_code == 200
    # wait for the reset epoch, then reads pass again
    time.sleep(max(0, reset - time.time()) + 0.05)
    assert api.call('GET', '/types').status_code == 200
    assert sim.control.stats()['throttled'] == 1


def test_write_limit_executes_nothing(sim, api):
    sim.control.configure(write_limit=2, rate_window_seconds=WINDOW)

    def forget():
        sim.control.delete_jobs()
        sim.control.clear_requests()

    statuses = [r.status_code for r in _burst(lambda i: api.create(ncb_job('job %d' % i)), 4, forget)]
    assert statuses == [200, 200, 429, 429]
    assert [j['name'] for j in sim.control.jobs()] == ['job 0', 'job 1']
    assert api.call('GET', '/types').status_code == 200   # reads unaffected
    log = sim.control.requests()
    assert [e['status'] for e in log if e['kind'] == 'write'] == [200, 200, 429, 429]


def test_quoted_headers(sim, api):
    sim.control.configure(read_limit=5, quote_rate_headers=True)
    resp = api.call('GET', '/types')
    assert resp.headers['X-RateLimit-Limit'] == '"5"'
    assert resp.headers['X-RateLimit-Remaining'] == '"4"'
    reset = resp.headers['X-RateLimit-Reset']
    assert reset.startswith('"') and reset.endswith('"') and int(reset.strip('"')) > time.time()


def test_control_api_is_not_rate_limited(sim, api):
    sim.control.configure(read_limit=1, rate_window_seconds=60)
    for dummy in range(5):
        sim.control.jobs()
    assert api.call('GET', '/types').status_code == 200
    assert api.call('GET', '/types').status_code == 429
