# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The transport: sends one request over a pooled ``requests.Session``, paced and retried as the policy says.

``Transport.send`` returns the final ``Answer`` (any status but 429, which it waits out) or raises a one-line
``CommunicationError`` when no usable answer came. It knows nothing of tokens, JSON APIs or jobs.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import re
import threading
import time
import traceback

from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import (
    ApiError,
    CommunicationError,
    describe_error_body,
    shorten,
)
from ansible_collections.opsramp.automation.plugins.module_utils._http.rate_limit import bucket_of, seconds_until_reset
from ansible_collections.opsramp.automation.plugins.module_utils._http.retry import (
    RATE_LIMIT_BACKOFF_BASE,
    may_have_run,
    may_resend,
)

try:
    import requests
    from urllib3 import disable_warnings
    from urllib3.exceptions import ConnectTimeoutError, InsecureRequestWarning, NewConnectionError
    HAS_REQUESTS = True
    REQUESTS_IMPORT_ERROR = None
except ImportError:
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = traceback.format_exc()

_OBJECT_PREFIX = re.compile(r'^(?:<[^>]*>|\w+\([^()]*\)):\s*')
_UNPARSED = object()


class Request:
    """One request as the transport sends it.

    ``resend``: whether it may be sent again when it is not known whether it ran (default: the method is
    idempotent); ``paced``: whether it counts against the tenant's rate limit; ``counter``: the ``Stats`` counter
    that counts its attempts; ``expects_json``: whether a successful answer must be JSON (not a download's).
    """

    def __init__(self, method, path, url, headers, data=None):
        self.method = method.upper()
        self.path = path
        self.url = url
        self.headers = headers
        self.data = data
        self.resend = may_resend(self.method)
        self.paced = True
        self.counter = 'requests'
        self.expects_json = True

    @property
    def bucket(self):
        return bucket_of(self.method)

    @property
    def is_read(self):
        """A GET that changes nothing: its answer must be JSON (api-behaviour §4)."""
        return self.method == 'GET' and self.resend and self.expects_json


class Answer:
    """An HTTP answer: ``status``, ``headers``, the body as ``text`` (JSON is UTF-8, RFC 8259, whatever charset
    the headers claim or omit) and as bytes (``content``, for a download)."""

    def __init__(self, status, headers, content, encoding=None):
        self.status = status
        self.headers = headers if headers is not None else {}
        content = content or b''
        self.content = content
        try:
            self.text = content.decode('utf-8')
        except UnicodeDecodeError:
            self.text = content.decode(encoding or 'latin-1', errors='replace')
        self._parsed = _UNPARSED

    @classmethod
    def of(cls, response):
        return cls(response.status_code, response.headers, response.content, response.encoding)

    @property
    def ok(self):
        return 200 <= self.status < 300

    def json(self):
        """The JSON value of the body; None for an empty body. Raises ValueError when it is not JSON."""
        if self._parsed is _UNPARSED:
            self._parsed = json.loads(self.text) if self.text.strip() else None
        return self._parsed

    def has_json(self):
        """Whether the body is a JSON value (not empty, not something else)."""
        return self.json_or_none() is not None

    def json_or_none(self):
        try:
            return self.json()
        except ValueError:
            return None

    def error_body(self):
        """The parsed body, or its text shortened when it is not JSON (or empty)."""
        parsed = self.json_or_none()
        return parsed if parsed is not None else shorten(self.text)


def api_error(redactor, answer, method, path):
    """The ``ApiError`` for an error answer, secrets removed from its message and body."""
    body = redactor.redact(answer.error_body())
    detail = describe_error_body(body)
    location = answer.headers.get('Location')
    if location and 300 <= answer.status < 400:
        detail = 'redirected to %s; check url (https, no path)' % location
    message = 'OpsRamp API error %s on %s %s: %s' % (answer.status, method, path, detail)
    return ApiError(redactor.redact(message), status=answer.status, method=method, path=path, body=body)


class Stats:
    """What a client sent and waited, counted across its threads: ``requests`` (API attempts, retries included),
    ``token_requests``, ``retries``, ``waits`` and ``waited`` (seconds slept for backoff, 429s and pacing)."""

    def __init__(self, sleep=None):
        self.counts = dict(requests=0, token_requests=0, retries=0, waits=0, waited=0.0)
        self._sleep = sleep or time.sleep
        self._lock = threading.Lock()

    def count(self, name):
        with self._lock:
            self.counts[name] += 1

    def pause(self, seconds):
        """Sleep ``seconds``, counted as a wait."""
        with self._lock:
            self.counts['waits'] += 1
            self.counts['waited'] += seconds
        self._sleep(seconds)

    def retry_after(self, budget, seconds):
        """Sleep ``seconds`` before a retry, charged to ``budget``."""
        budget.spend(seconds)
        self.count('retries')
        self.pause(seconds)


class Transport:
    """Sends requests to one OpsRamp URL with the retries ``policy`` allows, paced by ``limiters`` (a
    ``RateLimiter`` per bucket); ``redactor`` cleans every text that came from the server."""

    def __init__(self, config, policy, limiters, stats, redactor):
        self.config = config
        self.policy = policy
        self.limiters = limiters
        self.stats = stats
        self.redactor = redactor
        self.session = requests.Session()
        self.session.trust_env = True  # HTTP(S)_PROXY / NO_PROXY / REQUESTS_CA_BUNDLE from the environment
        if not config.validate_certs:
            disable_warnings(InsecureRequestWarning)

    def close(self):
        """Release the pooled connections."""
        self.session.close()

    def send(self, request, budget):
        """Send ``request`` until an answer the policy does not retry comes back, within ``budget``."""
        after_429 = False
        while True:
            answer = self._paced(request, budget, after_429)
            if answer is None:
                continue  # a connection failure that was safe to retry; the budget was charged
            if answer.status == 429:
                self._wait_for_rate_limit(answer, request, budget)
                after_429 = True  # the wait OpsRamp asked for is over: retry now
                continue
            after_429 = False
            if self.policy.retries_answer(request, answer) and self._backoff(budget):
                budget.maybe_applied = budget.maybe_applied or may_have_run(answer.status, answer.json_or_none())
                continue
            return answer

    def _paced(self, request, budget, now):
        limiter = self.limiters.get(request.bucket) if request.paced else None
        if limiter is None:
            return self._send_once(request, budget)
        limiter.acquire(now=now)
        answer = None
        try:
            answer = self._send_once(request, budget)
        finally:
            limiter.update(answer.headers if answer is not None else None)
        return answer

    def _send_once(self, request, budget):
        """One attempt: the answer, or None when it failed in a way the policy retries (after the backoff)."""
        self.stats.count(request.counter)
        try:
            response = self.session.request(request.method, request.url, headers=request.headers, data=request.data,
                                            timeout=self.config.timeout, verify=self.config.verify,
                                            allow_redirects=False)
        except requests.exceptions.RequestException as exc:
            error = self._transport_error(exc, request)
            tls_failure = isinstance(exc, requests.exceptions.SSLError)
            if self.policy.retries_failure(request.resend, not error.maybe_applied, tls_failure) \
                    and self._backoff(budget):
                budget.maybe_applied = budget.maybe_applied or error.maybe_applied
                return None
            raise error
        return Answer.of(response)

    def _backoff(self, budget):
        """Sleep before the next retry; False (no sleep) when the budget is spent."""
        delay = self.policy.next_delay(budget)
        if delay is None:
            return False
        self.stats.retry_after(budget, delay)
        return True

    def _wait_for_rate_limit(self, answer, request, budget):
        """After a 429 (the request did not run, so any method may be re-sent): wait, or raise when out of budget."""
        wait = seconds_until_reset(answer.headers)
        if wait is None:
            wait = self.policy.backoff_delay(RATE_LIMIT_BACKOFF_BASE, budget.retries)
        if budget.allows(wait):
            self.stats.retry_after(budget, wait)
            return
        message = ('OpsRamp kept answering 429 Too Many Requests %s (%s %s; rate limit of the tenant); try again '
                   'later or lower the request rate' % (budget.exhausted_reason(wait), request.method, request.path))
        body = answer.error_body() if answer.text.strip() else None
        raise ApiError(self.redactor.redact(message), status=429, method=request.method, path=request.path,
                       body=self.redactor.redact(body))

    def _transport_error(self, exc, request):
        """A one-line CommunicationError for a requests exception; maybe_applied unless nothing was sent."""
        url, reason, sent_nothing = self.config.url, _reason(exc), _sent_nothing(exc)
        if isinstance(exc, requests.exceptions.SSLError) and _tls_verification_failed(exc):
            message = ('TLS certificate verification failed for %s: %s; set ca_path to the CA that signed it, or '
                       'validate_certs false for testing only' % (url, reason))
        elif isinstance(exc, requests.exceptions.SSLError):
            message = 'TLS handshake with %s failed: %s; check url and the network/proxy' % (url, reason)
        elif isinstance(exc, requests.exceptions.ConnectTimeout):
            message = ('cannot connect to OpsRamp at %s within %g s; check url and the network/proxy, or raise '
                       'timeout' % (url, self.config.timeout))
        elif isinstance(exc, requests.exceptions.Timeout):
            message = ('OpsRamp did not answer within %g s (%s %s); raise timeout, or try again later'
                       % (self.config.timeout, request.method, request.path))
        elif sent_nothing:
            message = 'cannot connect to OpsRamp at %s: %s; check url and the network/proxy' % (url, reason)
        else:
            message = ('the connection to OpsRamp at %s broke during %s %s: %s; check the network/proxy'
                       % (url, request.method, request.path, reason))
        return CommunicationError(self.redactor.redact(message), maybe_applied=not sent_nothing)


def _innermost(exc):
    """The deepest cause of a requests/urllib3 exception, following ``reason``, args and ``__context__``."""
    seen = set()
    while id(exc) not in seen:
        seen.add(id(exc))
        nested = getattr(exc, 'reason', None)
        if not isinstance(nested, BaseException):
            nested = next((arg for arg in getattr(exc, 'args', ()) if isinstance(arg, BaseException)), None)
        if nested is None:
            nested = exc.__cause__ or exc.__context__
        if nested is None:
            break
        exc = nested
    return exc


def _reason(exc):
    """One line saying why a connection failed, without object reprs."""
    inner = _innermost(exc)
    if getattr(inner, 'verify_message', None):
        return inner.verify_message
    if isinstance(inner, OSError) and inner.strerror:
        return inner.strerror
    return shorten(_OBJECT_PREFIX.sub('', str(inner)) or type(inner).__name__)


def _sent_nothing(exc):
    """True when a requests exception proves the request never left this machine (no connection was made)."""
    if isinstance(exc, (requests.exceptions.ConnectTimeout, requests.exceptions.SSLError)):
        return True
    if not isinstance(exc, requests.exceptions.ConnectionError):
        return False
    first = exc.args[0] if exc.args else None
    return isinstance(getattr(first, 'reason', None), (NewConnectionError, ConnectTimeoutError))


def _tls_verification_failed(exc):
    if getattr(_innermost(exc), 'verify_message', None) is not None:
        return True
    return 'certificate verify failed' in str(exc).lower()
