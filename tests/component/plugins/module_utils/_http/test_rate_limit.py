# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Rate limits over real HTTP against the simulator: 429s waited out as the headers say, and the pacing of one
client shared by concurrent threads: every window is used to its limit and no request meets a 429, whatever order
the server counts concurrent requests in."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import math
import time

from concurrent.futures import ThreadPoolExecutor

import pytest

from ansible_collections.opsramp.automation.tests.component.plugins.module_utils.http_support import JOB, JOBS, TYPES, fault, new_client, statuses

from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import ApiError

PACED_JOB = {'name': 'paced', 'script': {'jobType': 'assetinfo'},
             'schedule': {'startDate': '2030-01-01T02:00:00+0000', 'pattern': {'type': 'never'}}}


@pytest.mark.parametrize('quoted', [False, True], ids=['plain-headers', 'quoted-headers'])
def test_429_waits_until_x_ratelimit_reset(sim, make_client, log, recorder, quoted):
    sim.control.configure(rate_window_seconds=10, quote_rate_headers=quoted)
    fault(sim, method='GET', path='/jobs/types$', action='status', status=429)
    client = make_client()
    assert client.get(TYPES)['jobNameAndType']
    reads = log(kind='read')
    assert statuses(reads) == [429, 200]
    window_end = (math.floor(reads[0]['time'] / 10) + 1) * 10
    assert len(recorder.sleeps) == 1
    assert 0 < recorder.sleeps[0] <= 10 and abs(recorder.sleeps[0] - (window_end - reads[0]['time'])) < 1
    assert client.stats['retries'] == 1


def test_429_honours_retry_after(sim, make_client, recorder):
    fault(sim, method='GET', path='/jobs/types$', action='status', status=429, headers={'Retry-After': '3'})
    make_client().get(TYPES)
    assert recorder.sleeps == [3.0]


def test_429_without_rate_headers_backs_off_exponentially(sim, make_client, log, recorder):
    fault(sim, method='POST', path='oauth/token$', action='status', status=429, times=2)
    make_client().get(TYPES)
    assert recorder.sleeps == [0.75, 1.5]  # base 1 s, doubled, with the injected jitter (0.5)
    assert statuses(log(kind='token')) == [429, 429, 200]


def test_429_retries_are_bounded(sim, make_client, log, recorder, assert_no_secrets):
    sim.control.configure(rate_window_seconds=10)
    fault(sim, method='GET', path='/jobs/types$', action='status', status=429, times=0)
    client = make_client(max_retries=3)
    with pytest.raises(ApiError) as info:
        client.get(TYPES)
    assert info.value.status == 429
    assert info.value.message.startswith('OpsRamp kept answering 429 Too Many Requests after 3 retries')
    assert 'try again later or lower the request rate' in info.value.message
    assert statuses(log(kind='read')) == [429] * 4 and len(recorder.sleeps) == 3
    assert_no_secrets(info.value, client)


def test_429_total_wait_is_bounded(sim, make_client, log, recorder):
    fault(sim, method='GET', path='/jobs/types$', action='status', status=429, times=0)
    with pytest.raises(ApiError) as info:
        make_client(max_wait=0.01).get(TYPES)
    assert 'kept answering 429 Too Many Requests and asked to wait' in info.value.message
    assert len(log(kind='read')) == 1 and recorder.sleeps == []


def test_post_is_resent_after_429(sim, make_client, log):
    fault(sim, method='POST', path='/jobs$', action='status', status=429, headers={'Retry-After': '1'})
    job = make_client().post(JOBS, JOB)
    assert statuses(log(kind='write')) == [429, 200]
    assert [j['id'] for j in sim.control.jobs()] == [job['id']]


@pytest.mark.parametrize('quoted', [False, True], ids=['plain-headers', 'quoted-headers'])
def test_pacing_sleeps_until_reset_when_no_request_is_left(sim, make_client, log, recorder, quoted):
    sim.control.configure(read_limit=2, rate_window_seconds=1, quote_rate_headers=quoted)

    def real_sleep(seconds):
        recorder.sleep(seconds)
        time.sleep(seconds)

    client = make_client(sleep=real_sleep)
    for dummy in range(4):
        client.get(TYPES)
    assert statuses(log(kind='read')) == [200] * 4  # never provoked a 429
    assert client.stats['retries'] == 0
    assert 1 <= len(recorder.sleeps) <= 2 and all(0 < s <= 1 for s in recorder.sleeps)


# ----------------------------------------------------------------------------------------------- pacing of concurrent threads


def in_threads(workers, calls):
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(lambda call: call(), calls))


@pytest.fixture
def real_time_client(sim, recorder):
    clients = []

    def factory(**overrides):
        options = dict(url=sim.url, tenant_id='client_1', client_id='demo-client', client_secret='demo-secret',
                       timeout=5, warn=recorder.warn)
        options.update(overrides)
        clients.append(new_client(**options))
        return clients[-1]

    yield factory
    for client in clients:
        client.close()


def test_concurrent_reads_fill_each_window_without_a_429(sim, real_time_client, log):
    sim.control.configure(read_limit=6, rate_window_seconds=1, latency_ms=20)
    client = real_time_client()
    in_threads(6, [lambda: client.get(TYPES)] * 20)
    reads = log(kind='read')
    assert [e['status'] for e in reads] == [200] * 20 and sim.control.stats()['throttled'] == 0
    assert client.stats['waits'] >= 3  # 20 reads at 6 a window need four windows


def test_writes_are_paced_on_their_own_lower_limit(sim, real_time_client, log):
    sim.control.configure(read_limit=50, write_limit=3, rate_window_seconds=1, latency_ms=10)
    client = real_time_client()
    started = time.time()
    with ThreadPoolExecutor(max_workers=2) as writers, ThreadPoolExecutor(max_workers=2) as readers:
        writes = [writers.submit(client.post, JOBS, PACED_JOB) for dummy in range(7)]
        reads = [readers.submit(client.get, TYPES) for dummy in range(7)]
        for future in reads:
            future.result()
        reads_done = time.time()
        for future in writes:
            future.result()
    assert sim.control.stats()['throttled'] == 0 and len(sim.control.jobs()) == 7
    assert time.time() - started >= 1  # 7 writes at 3 a window need three windows, so two window ends
    assert reads_done - started < 1  # the reads were not held back by the writes' limit


def test_the_first_request_finds_out_the_limit_before_the_others_go(sim, real_time_client, log):
    sim.control.configure(write_limit=2, rate_window_seconds=2, latency_ms=50)
    client = real_time_client()
    in_threads(4, [lambda: client.post(JOBS, PACED_JOB)] * 4)  # four at once would meet two 429s
    assert sim.control.stats()['throttled'] == 0
    writes = log(kind='write')
    assert writes[1]['time'] >= writes[0]['time'] + 0.05  # the second waited for the first answer


def test_requests_other_clients_spent_in_the_window_are_left_to_them(sim, real_time_client, log):
    sim.control.configure(read_limit=8, rate_window_seconds=2, latency_ms=10)
    while time.time() % 2 > 1.0:  # start early in a window, so that the two clients share it
        time.sleep(0.05)
    other = real_time_client()
    for dummy in range(5):
        other.get(TYPES)
    client = real_time_client()
    in_threads(4, [lambda: client.get(TYPES)] * 6)
    assert sim.control.stats()['throttled'] == 0
    assert client.stats['waits'] >= 1  # 3 were left in the window: the other 3 waited for the next one


def test_a_first_request_without_an_answer_does_not_hold_the_others(sim, real_time_client, log):
    sim.control.configure(read_limit=50, latency_ms=20)
    sim.control.add_faults([dict(method='GET', path='/jobs/types$', action='reset', times=1)])
    client = real_time_client(timeout=3)
    started = time.time()
    in_threads(4, [lambda: client.get(TYPES)] * 4)
    assert time.time() - started < 2  # not one timeout of waiting for the lost answer
    assert sorted(str(e['status']) for e in log(kind='read')) == ['200', '200', '200', '200', 'None']
