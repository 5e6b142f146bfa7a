# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Pacing on OpsRamp's rate-limit headers: a ``RateLimiter`` per kind of request, shared by a client's threads.

OpsRamp counts reads and writes in separate per-minute windows and reports the window in ``X-RateLimit-Limit``,
``X-RateLimit-Remaining`` and ``X-RateLimit-Reset`` (api-behaviour §17). ``acquire`` before a request waits until the
window has room for it; ``update(headers)`` after the answer learns the window from its headers.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import threading
import time

EPOCH_THRESHOLD = 1e9  # a reset value below this is a number of seconds from now, not an epoch timestamp


def bucket_of(method):
    """Which window a request of ``method`` counts in: reads and writes have separate limits (api-behaviour §17)."""
    return 'read' if method.upper() in ('GET', 'HEAD') else 'write'


def header_number(headers, name):
    """A numeric header, tolerating surrounding double quotes (values may come quoted, api-behaviour §17); None if
    absent."""
    value = (headers or {}).get(name)
    if value is None:
        return None
    try:
        return float(str(value).strip().strip('"').strip())
    except ValueError:
        return None


def seconds_until_reset(headers, clock=time.time):
    """Seconds to wait from Retry-After or X-RateLimit-Reset (UTC epoch seconds, api-behaviour §17); None: unknown."""
    retry_after = header_number(headers, 'Retry-After')
    if retry_after is not None and retry_after >= 0:
        return retry_after
    reset = header_number(headers, 'X-RateLimit-Reset')
    if reset is None:
        return None
    if reset < EPOCH_THRESHOLD:
        return max(reset, 0.0)
    wait = reset - clock()
    return wait if wait > 0 else None


def _window_headers(headers, now):
    """``(remaining, reset as an epoch time, limit)`` out of an answer's headers; each None when absent."""
    reset = header_number(headers, 'X-RateLimit-Reset')
    if reset is not None and reset < EPOCH_THRESHOLD:
        reset += now
    return header_number(headers, 'X-RateLimit-Remaining'), reset, header_number(headers, 'X-RateLimit-Limit')


class _Window:
    """One rate window: its end (``reset``, None until an answer from it arrives), its ``limit``, ``answered`` (our
    requests answered from it) and ``others`` (a lower bound of the requests other clients spent in it)."""

    def __init__(self, limit=None, reset=None):
        self.limit = limit
        self.reset = reset
        self.answered = 0
        self.others = 0


class RateLimiter:
    """Paces the requests of one window kind (reads, or writes) of one client, across its threads.

    Every request the server counted in the window so far is either answered (``answered``) or still on the way, so
    ``limit - remaining - answered - in flight`` bounds ``others`` from below, and ``limit - others - answered -
    in flight`` is what is left for us, whatever order the server counts concurrent requests in. So concurrent
    workers do not overrun a window while their answers are on the way.

    ``pause(seconds)`` sleeps (and counts the wait); ``max_wait`` bounds one wait for a window's end and
    ``answer_timeout`` one wait for an answer: when a wait cannot do, the request goes anyway (a 429 is still
    handled after that).
    """

    def __init__(self, pause, max_wait, answer_timeout, clock=time.time):
        self._pause = pause
        self._max_wait = max_wait
        self._answer_timeout = answer_timeout
        self._clock = clock
        self._changed = threading.Condition(threading.Lock())
        self._window = None
        self._in_flight = 0  # requests sent and not answered yet

    def acquire(self, now=False):
        """Wait until the current window has room for one more request (``now``: do not wait), and count it."""
        force, paused_until = now, None
        while True:
            with self._changed:
                window = self._current()
                if force or self._room(window) > 0:
                    self._in_flight += 1
                    return
                if window.reset is None:
                    # what is left is unknown until an answer to the requests on the way says it
                    force = not self._changed.wait(self._answer_timeout)
                    continue
                wait = window.reset - self._clock()
                # already waited for this very end (the clock did not follow), or may not wait that long
                force = paused_until == window.reset or wait > self._max_wait
                if force:
                    continue
                paused_until = window.reset
            self._pause(wait)

    def update(self, headers):
        """Learn the window from the X-RateLimit-* headers of the answer to an acquired request (None: no answer).

        An answer without the headers teaches nothing; when nothing was known yet, the requests held back until
        then go (unpaced until an answer carries the headers).
        """
        with self._changed:
            self._in_flight -= 1
            remaining, reset, limit = _window_headers(headers, self._clock())
            window = self._current()
            if remaining is None or reset is None:
                window.limit = float('inf') if window.limit is None else window.limit
            elif self._is_stale(window, reset):
                window.limit = _first_known(window.limit, limit, float('inf'))
            else:
                self._learn(window, remaining, reset, limit)
            self._changed.notify_all()

    def _current(self):
        """The current window (call with the lock held)."""
        window = self._window
        if window is None or (window.reset is not None and window.reset <= self._clock()):
            # nothing known yet (limit None: one request goes and finds out), or a new window has begun: assume
            # the limit it had until an answer from the new window says otherwise
            self._window = window = _Window(limit=window and window.limit)
        return window

    def _room(self, window):
        ours = window.answered + self._in_flight
        if window.limit is None:
            return 1 - ours
        return window.limit - window.others - ours

    def _is_stale(self, window, reset):
        """An answer from a window already over, or older than the one known."""
        return reset <= self._clock() or (window.reset is not None and reset < window.reset)

    def _learn(self, window, remaining, reset, limit):
        if window.reset is not None and reset > window.reset:
            # a new window, told before the old one's end was noticed
            self._window = window = _Window(limit=window.limit)
        window.reset = reset
        window.answered += 1
        ours = window.answered + self._in_flight
        window.limit = limit if limit is not None else remaining + ours  # no limit header: assume we are alone
        window.others = max(window.others, window.limit - remaining - ours)


def _first_known(*values):
    return next(value for value in values if value is not None)
