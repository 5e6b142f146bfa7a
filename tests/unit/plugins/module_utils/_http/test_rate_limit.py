# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The rate limiter on a fake clock: what it learns from the X-RateLimit-* headers and when ``acquire`` waits."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import threading

import pytest

from ansible_collections.opsramp.automation.plugins.module_utils._http.rate_limit import (
    RateLimiter,
    bucket_of,
    header_number,
    seconds_until_reset,
)

NOW = 1_800_000_000.0


class Clock:
    """A clock that moves only when the limiter pauses."""

    def __init__(self):
        self.now = NOW
        self.pauses = []

    def __call__(self):
        return self.now

    def pause(self, seconds):
        self.pauses.append(seconds)
        self.now += seconds


@pytest.fixture
def clock():
    return Clock()


def limiter_on(clock, max_wait=120.0, answer_timeout=5.0):
    return RateLimiter(clock.pause, max_wait, answer_timeout, clock=clock)


def headers(remaining, reset_in, limit=None):
    values = {'X-RateLimit-Remaining': str(remaining), 'X-RateLimit-Reset': str(NOW + reset_in)}
    if limit is not None:
        values['X-RateLimit-Limit'] = '"%s"' % limit  # quoted, as OpsRamp may send them
    return values


@pytest.mark.parametrize('method, bucket', [('GET', 'read'), ('head', 'read'), ('POST', 'write'), ('DELETE', 'write')])
def test_reads_and_writes_count_in_separate_windows(method, bucket):
    assert bucket_of(method) == bucket


def test_header_numbers_tolerate_quotes_and_garbage():
    assert header_number({'X': ' "42" '}, 'X') == 42.0
    assert header_number({'X': 'soon'}, 'X') is None
    assert header_number(None, 'X') is None


@pytest.mark.parametrize('values, wait', [
    ({'Retry-After': '3'}, 3.0),
    ({'X-RateLimit-Reset': str(NOW + 7)}, 7.0),
    ({'X-RateLimit-Reset': '12'}, 12.0),  # relative seconds rather than an epoch time
    ({'X-RateLimit-Reset': str(NOW - 5)}, None),  # already over
    ({}, None),
], ids=['retry-after', 'epoch', 'relative', 'past', 'none'])
def test_seconds_until_reset(values, wait):
    assert seconds_until_reset(values, clock=lambda: NOW) == wait


def test_the_first_request_goes_alone_until_its_answer_tells_the_limit(clock):
    limiter = limiter_on(clock)
    limiter.acquire()
    waiter = threading.Thread(target=limiter.acquire)
    waiter.start()
    waiter.join(0.05)
    assert waiter.is_alive()  # held back: nothing is known of the window yet
    limiter.update(headers(remaining=9, reset_in=60, limit=10))
    waiter.join(1)
    assert not waiter.is_alive() and clock.pauses == []


def test_a_full_window_waits_for_its_end(clock):
    limiter = limiter_on(clock)
    for remaining in (1, 0):
        limiter.acquire()
        limiter.update(headers(remaining=remaining, reset_in=30, limit=2))
    limiter.acquire()
    assert clock.pauses == [30.0]


def test_requests_other_clients_spent_are_left_to_them(clock):
    limiter = limiter_on(clock)
    limiter.acquire()
    limiter.update(headers(remaining=2, reset_in=30, limit=10))  # 7 spent by others, 1 by us: 2 left
    limiter.acquire()
    limiter.acquire()
    assert clock.pauses == []
    limiter.acquire()  # the two on the way use what is left
    assert clock.pauses == [30.0]


def test_no_wait_longer_than_max_wait_and_no_wait_when_told_now(clock):
    limiter = limiter_on(clock, max_wait=10)
    limiter.acquire()
    limiter.update(headers(remaining=0, reset_in=30, limit=1))
    limiter.acquire()  # the window ends in 30 s, more than max_wait: go, a 429 is handled after
    limiter.acquire(now=True)
    assert clock.pauses == []


def test_answers_without_headers_leave_requests_unpaced(clock):
    limiter = limiter_on(clock)
    limiter.acquire()
    limiter.update({})
    for dummy in range(50):
        limiter.acquire()
    assert clock.pauses == []


def test_a_lost_answer_frees_its_place(clock):
    limiter = limiter_on(clock)
    limiter.acquire()
    limiter.update(headers(remaining=1, reset_in=30, limit=2))
    limiter.acquire()
    limiter.update(None)  # the connection broke: no answer, but no longer in flight
    limiter.acquire()
    assert clock.pauses == []


def test_a_new_window_is_learnt_from_a_later_reset(clock):
    limiter = limiter_on(clock)
    limiter.acquire()
    limiter.update(headers(remaining=0, reset_in=30, limit=1))
    limiter.acquire(now=True)
    limiter.update(headers(remaining=4, reset_in=90, limit=5))  # answered from the next window
    limiter.acquire()
    assert clock.pauses == []
