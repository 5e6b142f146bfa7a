# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The retry policy: which methods may be re-sent, what is transient, the backoff and the budget."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.opsramp.automation.plugins.module_utils._http.retry import (
    RATE_LIMIT_BACKOFF_BASE,
    Budget,
    RetryPolicy,
    is_transient,
    may_have_run,
    may_resend,
)
from ansible_collections.opsramp.automation.plugins.module_utils._http.transport import Answer, Request


@pytest.mark.parametrize('method, resend', [
    ('GET', True), ('get', True), ('DELETE', True), ('PUT', True), ('HEAD', True), ('OPTIONS', True),
    ('POST', False), ('PATCH', False),
])
def test_only_idempotent_methods_may_be_resent(method, resend):
    assert may_resend(method) is resend


@pytest.mark.parametrize('status, body, transient', [
    (502, None, True), (503, 'text', True), (504, None, True),
    (500, {'code': '0005', 'message': 'not ready'}, True),
    (500, [{'code': '0005'}], True),
    (500, {'code': '0001'}, False), (500, None, False),
    (400, {'code': '0005'}, False), (429, None, False), (200, None, False),
], ids=['502', '503', '504', '500-0005', '500-0005-list', '500-other', '500-empty', '400-0005', '429', '200'])
def test_transient_answers(status, body, transient):
    assert is_transient(status, body) is transient


def test_backoff_doubles_with_jitter_and_is_capped():
    low, high = RetryPolicy(9, 1000, rand=lambda: 0.0), RetryPolicy(9, 1000, rand=lambda: 1.0)
    assert [low.backoff_delay(0.5, attempt) for attempt in range(4)] == [0.25, 0.5, 1.0, 2.0]
    assert [high.backoff_delay(0.5, attempt) for attempt in range(4)] == [0.5, 1.0, 2.0, 4.0]
    assert high.backoff_delay(RATE_LIMIT_BACKOFF_BASE, 10) == 30.0


def test_the_budget_bounds_retries_and_total_wait():
    policy = RetryPolicy(max_retries=3, max_wait=1.2, rand=lambda: 0.5)
    budget = policy.budget()
    delays = []
    while True:
        delay = policy.next_delay(budget)
        if delay is None:
            break
        budget.spend(delay)
        delays.append(delay)
    assert delays == [0.375, 0.75]  # the third (1.5 s) would pass max_wait
    assert budget.exhausted_reason(1.5) == 'and asked to wait 2 s more than the 1.2 s allowed'
    spent = Budget(max_retries=1, max_wait=100)
    spent.spend(1)
    assert not spent.allows(0) and spent.exhausted_reason(1) == 'after 1 retries'


@pytest.mark.parametrize('resend, sent_nothing, tls, retried', [
    (True, False, False, True),  # a GET that timed out
    (False, True, False, True),  # a POST that never connected
    (False, False, False, False),  # a POST whose connection broke: it may have run
    (True, True, True, False),  # a TLS failure fails again
])
def test_which_failures_are_retried(resend, sent_nothing, tls, retried):
    assert RetryPolicy.retries_failure(resend, sent_nothing, tls) is retried


def request(method, resend=None):
    request = Request(method, '/p', 'https://x/p', {})
    if resend is not None:
        request.resend = resend
    return request


@pytest.mark.parametrize('method, resend, status, content, retried', [
    ('GET', None, 503, b'', True),
    ('GET', None, 500, b'{"code": "0005"}', True),
    ('GET', None, 500, b'{"code": "0001"}', False),
    ('DELETE', None, 504, b'', True),
    ('POST', None, 503, b'', False),  # a write that may have run is never re-sent
    ('GET', None, 200, b'', True),  # an empty answer to a read is a fault, not "nothing found"
    ('GET', None, 200, b'<html>', True),
    ('GET', None, 200, b'{"results": []}', False),
    ('GET', False, 200, b'', False),  # a GET with an effect (running a job) is not re-sent
    ('DELETE', None, 200, b'', False),  # a write may answer with an empty body
    ('POST', None, 200, b'', False),
    ('GET', None, 404, b'', False),
], ids=['get-503', 'get-500-0005', 'get-500-other', 'delete-504', 'post-503', 'read-empty', 'read-not-json',
        'read-json', 'run-empty', 'delete-empty', 'post-empty', 'get-404'])
def test_which_answers_are_retried(method, resend, status, content, retried):
    assert RetryPolicy.retries_answer(request(method, resend), Answer(status, {}, content)) is retried


@pytest.mark.parametrize('status, body, ran', [
    (503, None, True), (500, {'code': '0001'}, True), (500, {'code': '0005'}, False), (404, None, False),
    (429, None, False),
])
def test_which_errors_may_have_run(status, body, ran):
    assert may_have_run(status, body) is ran
