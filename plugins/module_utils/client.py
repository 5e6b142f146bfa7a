# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The HTTP client every module shares: OAuth2 token, retries, rate limits, readable errors.

One ``Client`` per module run (or per bulk reconcile, shared by a few worker threads). It holds one
``requests.Session`` for connection reuse, fetches a token lazily and refreshes it before it expires, paces itself on
OpsRamp's rate-limit headers, retries what is safe to retry and never re-sends a write that may have been applied.
No message it produces carries the client secret or a token. "notes §x" refers to the project's OpsRamp API notes.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import random
import re
import threading
import time
import traceback

from urllib.parse import quote, urlencode, urlsplit

from ansible.module_utils.basic import missing_required_lib

from ansible_collections.opsramp.automation.plugins.module_utils.arguments import (
    CONNECTION_OPTIONS,
    DEFAULT_TOKEN_PATH,
)
from ansible_collections.opsramp.automation.plugins.module_utils.errors import (
    ApiError,
    AuthenticationError,
    CommunicationError,
    OpsRampError,
    ValidationError,
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

LEGACY_TOKEN_PATH = '/auth/oauth/token'
TOKEN_REFRESH_MARGIN = 60.0
DEFAULT_MAX_WAIT = 120.0
TRANSIENT_BACKOFF_BASE = 0.5
RATE_LIMIT_BACKOFF_BASE = 1.0
BACKOFF_CAP = 30.0
TRANSIENT_STATUSES = (502, 503, 504)
OPSRAMP_NOT_READY_CODE = '0005'
MAX_TEXT = 300
REDACTED = '********'
MAX_REAUTHENTICATIONS = 3
IDEMPOTENT_METHODS = ('GET', 'HEAD', 'OPTIONS', 'DELETE', 'PUT')
AUTH_ERROR_CODES = ('invalid_token', 'unauthorized')

_ENV_VARS = dict((option['name'], option['env']) for option in CONNECTION_OPTIONS)
_DEFAULTS = dict((option['name'], option['default']) for option in CONNECTION_OPTIONS if 'default' in option)
_OBJECT_PREFIX = re.compile(r'^(?:<[^>]*>|\w+\([^()]*\)):\s*')


def fail_if_missing_requests(module):
    """Fail the module with Ansible's standard message when the ``requests`` library is not installed."""
    if not HAS_REQUESTS:
        module.fail_json(msg=missing_required_lib('requests'), exception=REQUESTS_IMPORT_ERROR)


def _truthy(value):
    if isinstance(value, str):
        return value.strip().lower() in ('true', '1', 'yes')
    return bool(value)


def _header_number(headers, name):
    """A numeric header, tolerating surrounding double quotes (notes §3.1: values may come quoted)."""
    value = headers.get(name)
    if value is None:
        return None
    try:
        return float(str(value).strip().strip('"').strip())
    except ValueError:
        return None


def _parse_json(text):
    """The JSON value of ``text``; None for an empty body. Raises ValueError when it is not JSON."""
    if text is None or not text.strip():
        return None
    return json.loads(text)


def _body_text(response):
    """The body as text: JSON is UTF-8 (RFC 8259) whatever charset the headers claim or omit."""
    content = response.content or b''
    try:
        return content.decode('utf-8')
    except UnicodeDecodeError:
        return content.decode(response.encoding or 'latin-1', errors='replace')


def _shorten(text, limit=MAX_TEXT):
    text = ' '.join(str(text).split())
    return text if len(text) <= limit else text[:limit - 3] + '...'


def describe_error_body(body):
    """A short human text out of any of OpsRamp's error body shapes (notes §3.3)."""
    if isinstance(body, dict):
        text = body.get('error_description') or body.get('message') or body.get('error') or body.get('errorMessage')
        if text is None:
            return _shorten(json.dumps(body, sort_keys=True))
        code = body.get('code')
        return _shorten('%s (code %s)' % (text, code) if code not in (None, '') else text)
    if isinstance(body, list):
        parts = []
        for item in body:
            if isinstance(item, dict):
                text = describe_error_body(item)
                parts.append('%s: %s' % (item['fieldName'], text) if item.get('fieldName') else text)
            else:
                parts.append(str(item))
        return _shorten('; '.join(parts))
    if body is None:
        return 'no details in the response'
    return _shorten(body)


def _opsramp_code(body):
    if isinstance(body, list) and body:
        body = body[0]
    if isinstance(body, dict) and body.get('code') is not None:
        return str(body.get('code'))
    return None


def _looks_like_auth_error(body, text):
    """OpsRamp overloads 400 with "Unable to authenticate" (notes §3.2, §7.6)."""
    if isinstance(body, dict) and body.get('error') in AUTH_ERROR_CODES:
        return True
    return 'unable to authenticate' in (text or '').lower()


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
    text = _OBJECT_PREFIX.sub('', str(inner)) or type(inner).__name__
    return _shorten(text)


def _sent_nothing(exc):
    """True when a requests exception proves the request never left this machine (no connection was made)."""
    if isinstance(exc, (requests.exceptions.ConnectTimeout, requests.exceptions.SSLError)):
        return True
    if not isinstance(exc, requests.exceptions.ConnectionError):
        return False
    first = exc.args[0] if exc.args else None
    return isinstance(getattr(first, 'reason', None), (NewConnectionError, ConnectTimeoutError))


def _tls_verification_failed(exc):
    text = str(exc).lower()
    return getattr(_innermost(exc), 'verify_message', None) is not None or 'certificate verify failed' in text


class _Budget:
    """Retries and total waiting left for one logical request."""

    def __init__(self, max_retries, max_wait):
        self.max_retries = max_retries
        self.max_wait = max_wait
        self.retries = 0
        self.waited = 0.0

    def allows(self, seconds):
        return self.retries < self.max_retries and self.waited + seconds <= self.max_wait


class Client:
    """An authenticated connection to one OpsRamp tenant's API.

    ``stats`` counts what was sent: ``requests`` (API attempts, retries included), ``token_requests``, ``retries``,
    ``waits`` and ``waited`` (seconds slept for backoff, 429s and pacing).
    """

    def __init__(self, url=None, tenant_id=None, client_id=None, client_secret=None, access_token=None,
                 validate_certs=True, ca_path=None, timeout=_DEFAULTS['timeout'], token_path=DEFAULT_TOKEN_PATH,
                 max_retries=_DEFAULTS['max_retries'], warn=None, max_wait=DEFAULT_MAX_WAIT, sleep=None, rand=None):
        if not HAS_REQUESTS:
            raise OpsRampError(missing_required_lib('requests'))
        self.url = self._check_url(url)
        self.tenant_id = self._check_required('tenant_id', tenant_id)
        self.client_id, self._client_secret, self._access_token = self._check_credentials(
            client_id, client_secret, access_token)
        self.timeout = self._check_number('timeout', timeout, float, 'a number of seconds greater than 0',
                                          lambda number: number > 0)
        self.max_retries = self._check_number('max_retries', max_retries, int, 'an integer, 0 or more',
                                              lambda number: number >= 0)
        self.max_wait = self._check_number('max_wait', max_wait, float, 'a number of seconds, 0 or more',
                                           lambda number: number >= 0)
        self.token_path = '/' + (token_path or DEFAULT_TOKEN_PATH).lstrip('/')
        self.validate_certs = _truthy(validate_certs)
        self.ca_path = ca_path or None
        if self.validate_certs and self.ca_path and not os.path.isfile(self.ca_path):
            raise ValidationError("ca_path '%s' is not a readable file" % self.ca_path, option='ca_path')
        self._warn_callback = warn
        self._sleep = sleep or time.sleep
        self._rand = rand or random.random
        self._token = self._access_token
        self._token_expires_at = None
        self._token_lifetime = None
        self._token_type = None
        self._issued_tokens = []
        self._proven_tokens = set()  # tokens OpsRamp accepted at least once
        self._token_lock = threading.RLock()
        self._state_lock = threading.Lock()
        self._rate = {}  # bucket -> the current rate window (see _note_rate_headers)
        self._rate_changed = threading.Condition(self._state_lock)
        self._in_flight = dict(read=0, write=0)  # bucket -> requests sent and not answered yet
        self.stats = dict(requests=0, token_requests=0, retries=0, waits=0, waited=0.0)
        self.session = requests.Session()
        self.session.trust_env = True  # HTTP(S)_PROXY / NO_PROXY / REQUESTS_CA_BUNDLE from the environment
        self._verify = self.ca_path if self.validate_certs and self.ca_path else self.validate_certs
        if not self.validate_certs:
            disable_warnings(InsecureRequestWarning)
            self.warn('TLS certificate validation is disabled (validate_certs=false): the connection to %s is not '
                      'protected against interception; use this for testing only' % self.url)

    @classmethod
    def from_params(cls, params, warn=None, **kwargs):
        """A client from ``module.params`` (connection options with their environment fallbacks applied)."""
        options = {}
        for name in _ENV_VARS:
            value = params.get(name)
            if value is None and name in _DEFAULTS:
                value = _DEFAULTS[name]
            options[name] = value
        options.update(kwargs)
        return cls(warn=warn, **options)

    # ----------------------------------------------------------------------------------------------- validation

    @staticmethod
    def _missing(name):
        return "missing required option '%s' (or environment variable %s)" % (name, _ENV_VARS[name])

    def _check_required(self, name, value):
        value = '' if value is None else str(value).strip()
        if not value:
            raise ValidationError(self._missing(name), option=name)
        return value

    def _check_url(self, url):
        url = self._check_required('url', url).rstrip('/')
        parts = urlsplit(url)
        if parts.scheme not in ('http', 'https') or not parts.netloc:
            raise ValidationError("url '%s' is not an http(s) URL with a host, for example https://acme.api.opsramp.com"
                                  % url, option='url')
        if '@' in parts.netloc:  # never let a password in the URL reach a message
            raise ValidationError('url must not contain a user name or password; use client_id and client_secret',
                                  option='url')
        if parts.query or parts.fragment:
            raise ValidationError("url '%s' must not carry a query or a fragment" % url, option='url')
        return url

    @staticmethod
    def _check_credentials(client_id, client_secret, access_token):
        if access_token:
            return client_id or None, client_secret or None, access_token
        if client_id and client_secret:
            return client_id, client_secret, None
        if client_id:
            raise ValidationError("missing option 'client_secret' (or environment variable %s): it is required with "
                                  "client_id" % _ENV_VARS['client_secret'], option='client_secret')
        if client_secret:
            raise ValidationError("missing option 'client_id' (or environment variable %s): it is required with "
                                  "client_secret" % _ENV_VARS['client_id'], option='client_id')
        raise ValidationError('no credentials: give access_token (or environment variable %s), or both client_id and '
                              'client_secret (or environment variables %s and %s)'
                              % (_ENV_VARS['access_token'], _ENV_VARS['client_id'], _ENV_VARS['client_secret']),
                              option='client_id')

    @staticmethod
    def _check_number(name, value, kind, expected, valid):
        try:
            number = kind(value)
        except (TypeError, ValueError):
            number = None
        if number is None or not valid(number) or number == float('inf'):
            raise ValidationError("option '%s' must be %s, got %r" % (name, expected, value), option=name)
        return number

    # ----------------------------------------------------------------------------------------------- public helpers

    def __repr__(self):
        auth = 'access_token' if self._access_token else 'client_credentials'
        return '%s(url=%r, tenant_id=%r, client_id=%r, auth=%r, validate_certs=%r)' % (
            type(self).__name__, self.url, self.tenant_id, self.client_id, auth, self.validate_certs)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    def close(self):
        """Release the pooled connections."""
        self.session.close()

    def redact(self, value):
        """``value`` (text, or JSON-like data) with the client secret and every token replaced by ********."""
        if isinstance(value, dict):
            return dict((key, self.redact(item)) for key, item in value.items())
        if isinstance(value, list):
            return [self.redact(item) for item in value]
        if not isinstance(value, str):
            return value
        for secret in self._secrets():
            value = value.replace(secret, REDACTED)
        return value

    def _secrets(self):
        secrets = [self._client_secret, self._access_token, self._token] + list(self._issued_tokens)
        return sorted(set(s for s in secrets if s), key=len, reverse=True)

    def warn(self, message):
        """Pass a warning to the module (``module.warn``), secrets removed."""
        if self._warn_callback is not None:
            self._warn_callback(self.redact(message))

    def api_path(self, *parts):
        """``/api/v2/tenants/<tenant_id>/<parts...>`` with every part URL-quoted."""
        segments = ['api', 'v2', 'tenants', self.tenant_id] + [str(part) for part in parts]
        return '/' + '/'.join(quote(segment, safe='') for segment in segments)

    def get(self, path, query=None, idempotent=True):
        return self.request('GET', path, query=query, idempotent=idempotent)

    def post(self, path, body):
        return self.request('POST', path, body=body)

    def delete(self, path):
        return self.request('DELETE', path)

    def paginate(self, path, query=None, page_size=100):
        """Every item of a paginated search, following ``nextPage`` / ``pageNo`` (notes §1.4)."""
        page_no = 1
        seen = 0
        previous = None
        while True:
            body = self.get(path, query=dict(query or {}, pageNo=page_no, pageSize=page_size))
            if body is None:
                return
            if isinstance(body, list):  # OpsRamp sometimes answers a bare list instead of the envelope (notes §1.4)
                yield from body
                return
            results = body.get('results') or []
            if not results or results == previous:  # a server that ignores pageNo would loop forever
                return
            yield from results
            seen += len(results)
            if not self._has_next_page(body, page_no, seen):
                return
            previous = results
            page_no += 1

    @staticmethod
    def _has_next_page(body, page_no, seen):
        if not _truthy(body.get('nextPage')):
            return False
        try:
            if page_no >= int(body.get('totalPages')):
                return False
        except (TypeError, ValueError):
            pass
        try:
            return seen < int(body.get('totalResults'))
        except (TypeError, ValueError):
            return True

    # ----------------------------------------------------------------------------------------------- requests

    def request(self, method, path, query=None, body=None, idempotent=None):
        """Send one API request and return its parsed JSON (None for an empty body).

        ``idempotent`` (default: true for GET and DELETE) allows re-sending after a timeout, a broken connection or a
        transient 5xx; pass False for a GET with side effects (running a job).
        """
        method = method.upper()
        if idempotent is None:
            idempotent = method in IDEMPOTENT_METHODS
        budget = _Budget(self.max_retries, self.max_wait)
        reauthentications = 0
        while True:
            token = self._bearer_token(budget)
            response = self._exchange(method, path, query, body, token, idempotent, budget)
            text = _body_text(response)
            try:
                parsed = _parse_json(text)
            except ValueError:
                parsed = None
                if 200 <= response.status_code < 300:
                    raise CommunicationError(self.redact('OpsRamp returned a response that is not JSON (%s %s): %s'
                                                         % (method, path, _shorten(text, 100))),
                                             maybe_applied=not idempotent) from None
            if self._is_auth_failure(response.status_code, parsed, text):
                # One new token per request; one more only when the refused token had worked before, so it expired
                # (with worker threads sharing tokens, another thread's new token can expire before this one uses it)
                give_up = reauthentications >= MAX_REAUTHENTICATIONS or (
                    reauthentications > 0 and not self._proven(token))
                self._after_auth_failure(token, response.status_code, method, path, parsed, text, give_up)
                reauthentications += 1
                continue
            self._prove(token)
            if 200 <= response.status_code < 300:
                return parsed
            raise self._api_error(response.status_code, method, path, parsed, text, response.headers.get('Location'))

    @staticmethod
    def _is_auth_failure(status, parsed, text):
        # OpsRamp answers 407 for an expired token, and 400 "Unable to authenticate" at times (notes §3.2)
        return status in (401, 407) or (status == 400 and _looks_like_auth_error(parsed, text))

    def _prove(self, token):
        """Remember that OpsRamp accepted ``token`` (it answered something else than an authentication failure)."""
        if token and not self._access_token:
            with self._state_lock:
                self._proven_tokens.add(token)

    def _proven(self, token):
        with self._state_lock:
            return token in self._proven_tokens

    def _after_auth_failure(self, token, status, method, path, parsed, text, reauthenticated):
        detail = describe_error_body(parsed if parsed is not None else text)
        if self._access_token:
            raise AuthenticationError(self.redact(
                'OpsRamp refused the access token (HTTP %s on %s %s: %s): it is invalid or expired; give a fresh '
                'access_token, or client_id and client_secret' % (status, method, path, detail)))
        if reauthenticated:
            raise AuthenticationError(self.redact(
                "OpsRamp refused a freshly issued token (HTTP %s on %s %s: %s): check that the integration "
                "(client_id '%s') may use the API of tenant '%s'" % (status, method, path, detail, self.client_id,
                                                                     self.tenant_id)))
        self._drop_token(token)

    def _api_error(self, status, method, path, parsed, text, location=None):
        body = self.redact(parsed if parsed is not None else _shorten(text))
        detail = describe_error_body(body)
        if location and 300 <= status < 400:
            detail = 'redirected to %s; check url (https, no path)' % location
        message = 'OpsRamp API error %s on %s %s: %s' % (status, method, path, detail)
        return ApiError(self.redact(message), status=status, method=method, path=path, body=body)

    def _exchange(self, method, path, query, body, token, idempotent, budget):
        """One request with the retries that are safe for it; returns the final response (any status but 429)."""
        url = self.url + path
        if query:
            # quote, not quote_plus: OpsRamp reads '+' in queryString as a field separator (notes §1.4)
            url += '?' + urlencode(query, quote_via=quote)
        headers = {'Accept': 'application/json'}
        if token:
            headers['Authorization'] = 'Bearer ' + token
        data = None
        if body is not None:
            headers['Content-Type'] = 'application/json'
            data = json.dumps(body)
        return self._send_with_retries(method, url, path, headers, data, idempotent, budget, 'requests')

    def _send_with_retries(self, method, url, path, headers, data, idempotent, budget, counter):
        # token requests are not API calls: no rate-limit headers come back and none are spent (notes §3.1)
        bucket = None if counter == 'token_requests' else self._rate_bucket(method)
        after_429 = False
        while True:
            self._pace(bucket, now=after_429)
            response = None
            try:
                response = self._send_once(method, url, path, headers, data, idempotent, budget, counter)
            finally:
                self._note_rate_headers(bucket, response.headers if response is not None else None)
            if response is None:
                continue  # a connection failure that was safe to retry; the budget was charged
            if response.status_code == 429:
                self._wait_for_rate_limit(response, method, path, budget)
                after_429 = True  # the wait OpsRamp asked for is over: retry now
                continue
            after_429 = False
            if idempotent and self._is_transient(response) and self._backoff(budget, TRANSIENT_BACKOFF_BASE):
                continue
            return response

    def _send_once(self, method, url, path, headers, data, idempotent, budget, counter):
        self._count(counter)
        try:
            return self.session.request(method, url, headers=headers, data=data, timeout=self.timeout,
                                        verify=self._verify, allow_redirects=False)
        except requests.exceptions.RequestException as exc:
            error = self._transport_error(exc, method, path)
            retryable = not isinstance(exc, requests.exceptions.SSLError) and (idempotent or not error.maybe_applied)
        if retryable and self._backoff(budget, TRANSIENT_BACKOFF_BASE):
            return None
        raise error

    def _transport_error(self, exc, method, path):
        """A one-line CommunicationError for a requests exception; maybe_applied unless nothing was sent."""
        reason = _reason(exc)
        sent_nothing = _sent_nothing(exc)
        if isinstance(exc, requests.exceptions.SSLError) and _tls_verification_failed(exc):
            message = ('TLS certificate verification failed for %s: %s; set ca_path to the CA that signed it, or '
                       'validate_certs false for testing only' % (self.url, reason))
        elif isinstance(exc, requests.exceptions.SSLError):
            message = 'TLS handshake with %s failed: %s; check url and the network/proxy' % (self.url, reason)
        elif isinstance(exc, requests.exceptions.ConnectTimeout):
            message = ('cannot connect to OpsRamp at %s within %g s; check url and the network/proxy, or raise '
                       'timeout' % (self.url, self.timeout))
        elif isinstance(exc, requests.exceptions.Timeout):
            message = ('OpsRamp did not answer within %g s (%s %s); raise timeout, or try again later'
                       % (self.timeout, method, path))
        elif sent_nothing:
            message = 'cannot connect to OpsRamp at %s: %s; check url and the network/proxy' % (self.url, reason)
        else:
            message = ('the connection to OpsRamp at %s broke during %s %s: %s; check the network/proxy'
                       % (self.url, method, path, reason))
        return CommunicationError(self.redact(message), maybe_applied=not sent_nothing)

    @staticmethod
    def _is_transient(response):
        if response.status_code in TRANSIENT_STATUSES:
            return True
        if response.status_code != 500:
            return False
        try:
            # OpsRamp answers 500 with code 0005 for resources not (yet) there (notes §3.3, §3.4)
            return _opsramp_code(_parse_json(_body_text(response))) == OPSRAMP_NOT_READY_CODE
        except ValueError:
            return False

    # ----------------------------------------------------------------------------------------------- waiting

    def _backoff_delay(self, base, attempt):
        ceiling = min(BACKOFF_CAP, base * (2 ** attempt))
        return ceiling / 2 + self._rand() * ceiling / 2

    def _backoff(self, budget, base):
        """Sleep before retry number ``budget.retries + 1``; False (no sleep) when the budget is spent."""
        delay = self._backoff_delay(base, budget.retries)
        if not budget.allows(delay):
            return False
        self._wait(budget, delay)
        return True

    def _wait(self, budget, seconds):
        budget.retries += 1
        budget.waited += seconds
        with self._state_lock:
            self.stats['retries'] += 1
        self._pause(seconds)

    def _pause(self, seconds):
        with self._state_lock:
            self.stats['waits'] += 1
            self.stats['waited'] += seconds
        self._sleep(seconds)

    def _seconds_until_reset(self, headers):
        """Seconds to wait from Retry-After or X-RateLimit-Reset (UTC epoch seconds, notes §3.1); None if unknown."""
        retry_after = _header_number(headers, 'Retry-After')
        if retry_after is not None and retry_after >= 0:
            return retry_after
        reset = _header_number(headers, 'X-RateLimit-Reset')
        if reset is None:
            return None
        if reset < 1e9:  # a relative number of seconds rather than an epoch timestamp
            return max(reset, 0.0)
        wait = reset - time.time()
        return wait if wait > 0 else None

    def _wait_for_rate_limit(self, response, method, path, budget):
        """After a 429 (the request did not run, so any method may be re-sent): wait, or raise when out of budget."""
        wait = self._seconds_until_reset(response.headers)
        if wait is None:
            wait = self._backoff_delay(RATE_LIMIT_BACKOFF_BASE, budget.retries)
        if budget.allows(wait):
            self._wait(budget, wait)
            return
        if budget.retries >= budget.max_retries:
            why = 'after %d retries' % budget.retries
        else:
            why = 'and asked to wait %.0f s more than the %g s allowed' % (wait, budget.max_wait)
        message = ('OpsRamp kept answering 429 Too Many Requests %s (%s %s; rate limit of the tenant); try again '
                   'later or lower the request rate' % (why, method, path))
        text = _body_text(response)
        try:
            parsed = _parse_json(text)
        except ValueError:
            parsed = _shorten(text)
        raise ApiError(self.redact(message), status=429, method=method, path=path, body=self.redact(parsed))

    @staticmethod
    def _rate_bucket(method):
        # reads and writes have separate per-minute limits (notes §3.1)
        return 'read' if method in ('GET', 'HEAD') else 'write'

    # Pacing (notes §3.1). Per bucket (reads, writes), a window holds its ``reset`` time (None until an answer from
    # it arrives), its ``limit``, ``answered`` (our requests answered from it) and ``others``: a lower bound of the
    # requests other clients spent in it. Every request the server counted in the window so far is either answered
    # (``answered``) or still on the way, so ``limit - remaining - answered - in flight`` bounds ``others`` from
    # below, and ``limit - others - answered - in flight`` is what is left for us, whatever order the server counts
    # concurrent requests in. So concurrent workers do not overrun a window while their answers are on the way.

    def _window(self, bucket):
        """The current window of ``bucket`` (call with the state lock held)."""
        window = self._rate.get(bucket)
        if window is None or (window['reset'] is not None and window['reset'] <= time.time()):
            # nothing known yet (limit None: one request goes and finds out), or a new window has begun: assume
            # the limit it had until an answer from the new window says otherwise
            window = dict(reset=None, limit=window and window['limit'], others=0, answered=0)
            self._rate[bucket] = window
        return window

    def _room(self, bucket, window):
        ours = window['answered'] + self._in_flight[bucket]
        if window['limit'] is None:
            return 1 - ours
        return window['limit'] - window['others'] - ours

    def _note_rate_headers(self, bucket, headers):
        """Learn the window of ``bucket`` from the X-RateLimit-* headers of an answer (None: no answer came).

        An answer without the headers teaches nothing; when nothing was known yet, the requests held back until
        then go (unpaced until an answer carries the headers).
        """
        if bucket is None:
            return
        headers = headers or {}
        remaining = _header_number(headers, 'X-RateLimit-Remaining')
        reset = _header_number(headers, 'X-RateLimit-Reset')
        limit = _header_number(headers, 'X-RateLimit-Limit')
        if reset is not None and reset < 1e9:
            reset += time.time()
        with self._rate_changed:
            self._in_flight[bucket] -= 1
            window = self._window(bucket)
            if remaining is None or reset is None:
                if window['limit'] is None:
                    window['limit'] = float('inf')
            elif reset <= time.time() or (window['reset'] is not None and reset < window['reset']):
                if window['limit'] is None:
                    window['limit'] = limit if limit is not None else float('inf')
            else:
                self._learn(bucket, window, remaining, reset, limit)
            self._rate_changed.notify_all()

    def _learn(self, bucket, window, remaining, reset, limit):
        if window['reset'] is not None and reset > window['reset']:
            # a new window, told before the old one's end was noticed
            window = dict(reset=reset, limit=window['limit'], others=0, answered=0)
            self._rate[bucket] = window
        window['reset'] = reset
        window['answered'] += 1
        ours = window['answered'] + self._in_flight[bucket]
        window['limit'] = limit if limit is not None else remaining + ours  # no limit header: assume we are alone
        window['others'] = max(window['others'], window['limit'] - remaining - ours)

    def _pace(self, bucket, now=False):
        """Wait until the current window has room for one more request of ours (``now``: do not), and count it.

        Waits for a window's end (``max_wait`` at most) and for answers (``timeout`` at most each time); when a wait
        cannot do, sends anyway: a 429 is still handled after that.
        """
        if bucket is None:
            return
        force, paused_until = now, None
        while True:
            with self._rate_changed:
                window = self._window(bucket)
                if force or self._room(bucket, window) > 0:
                    self._in_flight[bucket] += 1
                    return
                if window['reset'] is None:
                    # what is left is unknown until an answer to the requests on the way says it
                    force = not self._rate_changed.wait(self.timeout)
                    continue
                wait = window['reset'] - time.time()
                # already waited for this very end (the clock did not follow), or may not wait that long
                force = paused_until == window['reset'] or wait > self.max_wait
                if force:
                    continue
                paused_until = window['reset']
            self._pause(wait)

    # ----------------------------------------------------------------------------------------------- tokens

    def _count(self, counter):
        with self._state_lock:
            self.stats[counter] += 1

    def _bearer_token(self, budget):
        if self._access_token:
            return self._access_token
        with self._token_lock:
            if self._token is None or (self._token_expires_at is not None and time.time() >= self._token_expires_at):
                self._fetch_token(budget)
            return self._token

    def fetch_token(self):
        """Fetch a new token from the client credentials: ``dict(access_token, expires_in, token_type)``.

        ``expires_in`` is the lifetime in seconds (None when OpsRamp does not say). Needs ``client_id`` and
        ``client_secret``: a given ``access_token`` cannot be renewed.
        """
        if not (self.client_id and self._client_secret):
            raise ValidationError('a new token needs client_id and client_secret (or environment variables %s and %s)'
                                  % (_ENV_VARS['client_id'], _ENV_VARS['client_secret']), option='client_id')
        with self._token_lock:
            self._fetch_token(_Budget(self.max_retries, self.max_wait))
            return dict(access_token=self._token, expires_in=self._token_lifetime, token_type=self._token_type)

    def _drop_token(self, token):
        with self._token_lock:
            if self._token == token:
                self._token = None
                self._token_expires_at = None

    def _fetch_token(self, budget):
        response = self._token_response(self.token_path, budget)
        if response.status_code == 404 and self.token_path == DEFAULT_TOKEN_PATH:
            # some tenants only have the token endpoint without /tenancy (notes §2.1)
            fallback = self._token_response(LEGACY_TOKEN_PATH, budget)
            if fallback.status_code == 404:
                raise AuthenticationError('OpsRamp has no token endpoint at %s%s nor at %s%s (HTTP 404): check url and '
                                          'token_path' % (self.url, DEFAULT_TOKEN_PATH, self.url, LEGACY_TOKEN_PATH))
            self.token_path, response = LEGACY_TOKEN_PATH, fallback
        self._store_token(response)

    def _token_response(self, token_path, budget):
        form = dict(grant_type='client_credentials', client_id=self.client_id, client_secret=self._client_secret)
        headers = {'Accept': 'application/json', 'Content-Type': 'application/x-www-form-urlencoded'}
        return self._send_with_retries('POST', self.url + token_path, token_path, headers, urlencode(form), True,
                                       budget, 'token_requests')

    def _store_token(self, response):
        status = response.status_code
        text = _body_text(response)
        try:
            parsed = _parse_json(text)
        except ValueError:
            parsed = None
        if status in (400, 401):
            raise AuthenticationError(self.redact(
                "OpsRamp rejected the client credentials (client_id '%s'): check client_id and client_secret (HTTP %s: "
                "%s)" % (self.client_id, status, describe_error_body(parsed if parsed is not None else text))))
        if status == 404:
            raise AuthenticationError("OpsRamp has no token endpoint at %s%s (HTTP 404): check url and token_path"
                                      % (self.url, self.token_path))
        if not 200 <= status < 300:
            raise self._api_error(status, 'POST', self.token_path, parsed, text)
        token = parsed.get('access_token') if isinstance(parsed, dict) else None
        if not token:
            raise AuthenticationError('the token endpoint %s%s answered without an access_token; check url and '
                                      'token_path' % (self.url, self.token_path))
        self._issued_tokens.append(str(token))
        self._token = str(token)
        self._token_lifetime = self._lifetime(parsed.get('expires_in'))
        self._token_type = str(parsed.get('token_type') or 'bearer')
        self._token_expires_at = self._expiry(self._token_lifetime)

    @staticmethod
    def _lifetime(expires_in):
        """Seconds the token lives, or None if unknown: a string in the spec, a number in the docs (notes §2.2)."""
        try:
            lifetime = int(str(expires_in).strip().strip('"'))
        except ValueError:
            return None
        return lifetime if lifetime > 0 else None

    @staticmethod
    def _expiry(lifetime):
        """When to refresh: 60 s before expiry, or half-way for short-lived tokens; None if unknown."""
        if lifetime is None:
            return None
        return time.time() + lifetime - min(TOKEN_REFRESH_MARGIN, lifetime / 2.0)
