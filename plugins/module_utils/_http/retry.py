# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The retry policy: which failures are retried, how often and how long apart, and which requests may be re-sent.

A request may be re-sent after a failure only when sending it twice does no harm (``may_resend``), or when the
failure proves it did not run: no connection was made, or OpsRamp answered 429. A write that may have been applied
is never re-sent blindly. "api-behaviour §N" is section N of docs/api-behaviour.md.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import random

from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import NOT_FOUND_CODE, opsramp_code

# Methods that do the same thing however many times they are sent: re-sent after a timeout, a broken connection or
# a transient error unless the caller says otherwise (a GET that starts a job run is not one of them).
IDEMPOTENT_METHODS = ('GET', 'HEAD', 'OPTIONS', 'DELETE', 'PUT')
TRANSIENT_STATUSES = (502, 503, 504)
TRANSIENT_BACKOFF_BASE = 0.5
RATE_LIMIT_BACKOFF_BASE = 1.0
BACKOFF_CAP = 30.0


def may_resend(method):
    """Whether a request of ``method`` may be sent again when it is not known whether it ran."""
    return method.upper() in IDEMPOTENT_METHODS


def is_transient(status, body):
    """A server error that a later attempt may not meet: 502, 503, 504, or 500 with OpsRamp code 0005.

    OpsRamp answers 500 with code 0005 for resources not (yet) there (api-behaviour §13, §14).
    """
    if status in TRANSIENT_STATUSES:
        return True
    return status == 500 and opsramp_code(body) == NOT_FOUND_CODE


def may_have_run(status, body):
    """Whether a request answered with this error may still have run: a 5xx, except OpsRamp's "not there" (0005)."""
    return status >= 500 and opsramp_code(body) != NOT_FOUND_CODE


class Budget:
    """The retries and the total waiting left to one logical request (its token request included)."""

    def __init__(self, max_retries, max_wait):
        self.max_retries = max_retries
        self.max_wait = max_wait
        self.retries = 0
        self.waited = 0.0
        self.maybe_applied = False  # an attempt that may have run (timed out, 5xx) was followed by another

    def allows(self, seconds):
        return self.retries < self.max_retries and self.waited + seconds <= self.max_wait

    def spend(self, seconds):
        self.retries += 1
        self.waited += seconds

    def exhausted_reason(self, wait):
        """Why a wait of ``wait`` seconds is not allowed, for a message."""
        if self.retries >= self.max_retries:
            return 'after %d retries' % self.retries
        return 'and asked to wait %.0f s more than the %g s allowed' % (wait, self.max_wait)


class RetryPolicy:
    """How often and how long apart a request is retried: at most ``max_retries`` times, waiting at most
    ``max_wait`` seconds in all, with an exponential backoff and jitter (``rand``) between attempts."""

    def __init__(self, max_retries, max_wait, rand=None):
        self.max_retries = max_retries
        self.max_wait = max_wait
        self._rand = rand or random.random

    def budget(self):
        """A fresh budget for one logical request."""
        return Budget(self.max_retries, self.max_wait)

    def backoff_delay(self, base, attempt):
        """Seconds to wait before retry ``attempt + 1``: between half and all of ``base * 2**attempt`` (capped)."""
        ceiling = min(BACKOFF_CAP, base * (2 ** attempt))
        return ceiling / 2 + self._rand() * ceiling / 2

    def next_delay(self, budget, base=TRANSIENT_BACKOFF_BASE):
        """The backoff before the next retry, or None when ``budget`` has no room for it."""
        delay = self.backoff_delay(base, budget.retries)
        return delay if budget.allows(delay) else None

    @staticmethod
    def retries_failure(resend, sent_nothing, tls_failure):
        """Whether a request that got no answer is retried: never after a TLS failure (it will fail again); a
        request that may have run only when it may be re-sent."""
        return not tls_failure and (resend or sent_nothing)

    @staticmethod
    def retries_answer(request, answer):
        """Whether an answer other than 429 is retried, when the request may be re-sent: a transient server error,
        or a read answered 2xx without JSON. An empty or garbled answer to a read is a fault, never "nothing found":
        taken for "no such job", it would make a create duplicate a job that exists (api-behaviour §4)."""
        if not request.resend:
            return False
        if request.is_read and answer.ok:
            return not answer.has_json()
        return is_transient(answer.status, answer.json_or_none())
