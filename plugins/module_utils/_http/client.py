# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The API client every module shares: JSON requests with a bearer token, pagination, readable errors.

One ``Client`` per module run (or per bulk reconcile, shared by a few worker threads). It composes the parts that do
the work, each in its own file: the ``ConnectionConfig`` (connection.py, checked before a client exists), the
``Transport`` (transport.py: one pooled session, retries as ``RetryPolicy`` of retry.py says, pacing by the
``RateLimiter`` of rate_limit.py) and the ``TokenProvider`` (token.py). No message it produces carries the client
secret or a token. "api-behaviour §N" is section N of docs/api-behaviour.md.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

from urllib.parse import quote, urlencode

from ansible.module_utils.basic import missing_required_lib

from ansible_collections.opsramp.automation.plugins.module_utils._http.config import ConnectionConfig
from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import (
    AuthenticationError,
    CommunicationError,
    OpsRampError,
    Redactor,
    describe_error_body,
    shorten,
)
from ansible_collections.opsramp.automation.plugins.module_utils._http.paginator import PAGE_SIZE, Paginator
from ansible_collections.opsramp.automation.plugins.module_utils._http.rate_limit import RateLimiter
from ansible_collections.opsramp.automation.plugins.module_utils._http.retry import RetryPolicy
from ansible_collections.opsramp.automation.plugins.module_utils._http.token import TokenProvider
from ansible_collections.opsramp.automation.plugins.module_utils._http.transport import (
    HAS_REQUESTS,
    Request,
    Stats,
    Transport,
    api_error,
)

MAX_REAUTHENTICATIONS = 3
AUTH_ERROR_CODES = ('invalid_token', 'unauthorized')


def is_auth_failure(answer, parsed):
    """OpsRamp answers 407 for an expired token, and 400 "Unable to authenticate" at times (api-behaviour §15)."""
    if answer.status in (401, 407):
        return True
    if answer.status != 400:
        return False
    if isinstance(parsed, dict) and parsed.get('error') in AUTH_ERROR_CODES:
        return True
    return 'unable to authenticate' in answer.text.lower()


class Client:
    """An authenticated connection to one OpsRamp tenant's API, made from a checked ``ConnectionConfig``.

    ``warn`` receives warnings (``module.warn``); ``sleep`` and ``rand`` replace ``time.sleep`` and the backoff
    jitter (tests). ``stats`` counts what was sent (see ``transport.Stats``).
    """

    def __init__(self, config, warn=None, sleep=None, rand=None):
        if not HAS_REQUESTS:
            raise OpsRampError(missing_required_lib('requests'))
        self.config = config
        self._warn_callback = warn
        self._redactor = Redactor(config.client_secret, config.access_token)
        self._stats = Stats(sleep)
        self.stats = self._stats.counts
        self.policy = RetryPolicy(config.max_retries, config.max_wait, rand)
        limiters = dict((bucket, RateLimiter(self._stats.pause, config.max_wait, config.timeout))
                        for bucket in ('read', 'write'))
        self.transport = Transport(config, self.policy, limiters, self._stats, self._redactor)
        self.tokens = TokenProvider(config, self.transport.send, self._redactor)
        for warning in config.warnings():
            self.warn(warning)

    @classmethod
    def from_params(cls, params, warn=None, **overrides):
        """A client from ``module.params`` (connection options with their environment fallbacks applied)."""
        return cls(ConnectionConfig.from_params(params, **overrides), warn=warn)

    @property
    def url(self):
        return self.config.url

    @property
    def tenant_id(self):
        return self.config.tenant_id

    @property
    def token_path(self):
        return self.tokens.token_path

    def __repr__(self):
        return '%s(%s)' % (type(self).__name__, self.config.summary())

    def close(self):
        """Release the pooled connections."""
        self.transport.close()

    def redact(self, value):
        """``value`` (text, or JSON-like data) with the client secret and every token replaced by ********."""
        return self._redactor.redact(value)

    def warn(self, message):
        """Pass a warning to the module (``module.warn``), secrets removed."""
        if self._warn_callback is not None:
            self._warn_callback(self.redact(message))

    def api_path(self, *parts):
        """``/api/v2/tenants/<tenant_id>/<parts...>`` with every part URL-quoted."""
        segments = ['api', 'v2', 'tenants', self.tenant_id] + [str(part) for part in parts]
        return '/' + '/'.join(quote(segment, safe='') for segment in segments)

    def fetch_token(self):
        """Fetch a new token from the client credentials: ``dict(access_token, expires_in, token_type)``.

        ``expires_in`` is the lifetime in seconds (None when OpsRamp does not say). Needs ``client_id`` and
        ``client_secret``: a given ``access_token`` cannot be renewed.
        """
        return self.tokens.fetch(self.policy.budget())

    # ----------------------------------------------------------------------------------------------- requests

    def get(self, path, query=None):
        return self.request('GET', path, query=query)

    def post(self, path, body):
        return self.request('POST', path, body=body)

    def delete(self, path):
        return self.request('DELETE', path)

    def paginate(self, path, query=None, page_size=PAGE_SIZE):
        """The pages of a search (``paginator.Paginator``): iterate it for every result, following ``pageNo``."""
        return Paginator(lambda page_no, size: self.get(path, query=dict(query or {}, pageNo=page_no, pageSize=size)),
                         page_size)

    def request(self, method, path, query=None, body=None, idempotent=None):
        """Send one API request and return its parsed JSON (None for an empty body).

        ``idempotent`` (default: whether the method is, see ``retry.IDEMPOTENT_METHODS``) allows re-sending after a
        timeout, a broken connection or a transient 5xx; pass False for a GET with side effects (running a job).
        """
        request = self._api_request(method, path, query, body)
        if idempotent is not None:
            request.resend = idempotent
        budget = self.policy.budget()
        answer, parsed = self._send_with_token(request, budget, self._parse)
        if answer.ok:
            return parsed
        error = api_error(self._redactor, answer, request.method, request.path)
        error.earlier_attempt_maybe_applied = budget.maybe_applied
        raise error

    def download(self, path, query=None):
        """The bytes of a file the API's host serves at ``path`` (a script's ``contentURL``: api-behaviour §20.3),
        fetched with the bearer token like any request; ApiError when it answers an error. Only ever sent to the
        configured ``url``, as every request: the token goes nowhere else."""
        request = self._api_request('GET', path, query, None)
        request.headers['Accept'] = '*/*'
        request.expects_json = False
        answer, dummy = self._send_with_token(request, self.policy.budget(), lambda answer, sent: answer.json_or_none())
        if answer.ok:
            return answer.content
        raise api_error(self._redactor, answer, request.method, request.path)

    def _send_with_token(self, request, budget, parse):
        """``(answer, parse(answer, request))`` of ``request`` sent with a token, a refused token renewed."""
        reauthentications = 0
        while True:
            token = self.tokens.get(budget)
            if token:
                request.headers['Authorization'] = 'Bearer ' + token
            answer = self.transport.send(request, budget)
            parsed = parse(answer, request)
            if is_auth_failure(answer, parsed):
                # One new token per request; one more only when the refused token had worked before, so it expired
                # (with worker threads sharing tokens, another thread's new token can expire before this one uses it)
                give_up = reauthentications >= MAX_REAUTHENTICATIONS or (
                    reauthentications > 0 and not self.tokens.proven(token))
                self._after_auth_failure(token, answer, request, give_up)
                reauthentications += 1
                continue
            self.tokens.prove(token)
            return answer, parsed

    def _api_request(self, method, path, query, body):
        url = self.url + path
        if query:
            # quote, not quote_plus: OpsRamp reads '+' in queryString as a field separator (api-behaviour §4)
            url += '?' + urlencode(query, quote_via=quote)
        headers = {'Accept': 'application/json'}
        data = None
        if body is not None:
            headers['Content-Type'] = 'application/json'
            data = json.dumps(body)
        return Request(method, path, url, headers, data)

    def _parse(self, answer, request):
        """The JSON of ``answer``; None for an empty body (a write's, or an error's) or an error's non-JSON body.

        A read answered 2xx without JSON, even after the retries, is an error (api-behaviour §4).
        """
        try:
            parsed = answer.json()
        except ValueError:
            if answer.ok:
                raise CommunicationError(self.redact('OpsRamp returned a response that is not JSON (%s %s): %s'
                                                     % (request.method, request.path, shorten(answer.text, 100))),
                                         maybe_applied=not request.resend) from None
            return None
        if parsed is None and answer.ok and request.is_read:
            raise CommunicationError('OpsRamp answered %s %s with an empty body, every time it was asked: a read must '
                                     'answer JSON, and an empty answer is not taken for "nothing found"; try again '
                                     'later' % (request.method, request.path))
        return parsed

    def _after_auth_failure(self, token, answer, request, give_up):
        """Forget the refused token, or raise when it cannot or should not be replaced."""
        detail = describe_error_body(answer.error_body())
        where = 'HTTP %s on %s %s: %s' % (answer.status, request.method, request.path, detail)
        if not self.tokens.renewable:
            raise AuthenticationError(self.redact(
                'OpsRamp refused the access token (%s): it is invalid or expired; give a fresh access_token, or '
                'client_id and client_secret' % where))
        if give_up:
            raise AuthenticationError(self.redact(
                "OpsRamp refused a freshly issued token (%s): check that the integration (client_id '%s') may use the "
                "API of tenant '%s'" % (where, self.config.client_id, self.tenant_id)))
        self.tokens.invalidate(token)
