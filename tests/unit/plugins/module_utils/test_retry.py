# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The retry policy: which methods may be re-sent, what is transient, the backoff and the budget."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.opsramp.automation.plugins.module_utils.retry import (
    RATE_LIMIT_BACKOFF_BASE,
    Budget,
    RetryPolicy,
    is_transient,
    may_resend,
)


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


def test_transient_answers_are_retried_only_when_the_request_may_be_resent():
    assert RetryPolicy.retries_answer(True, 503, None)
    assert not RetryPolicy.retries_answer(False, 503, None)
    assert not RetryPolicy.retries_answer(True, 404, None)
