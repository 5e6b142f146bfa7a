# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The OAuth2 token lifecycle: ``TokenProvider.get`` a valid token, ``invalidate`` one OpsRamp refused.

A token is fetched from the client credentials the first time one is needed, and again shortly before it expires.
A given ``access_token`` is used as it is and never renewed. Every token issued is handed to the ``Redactor`` so no
message can show it. "api-behaviour §N" is section N of docs/api-behaviour.md.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import threading
import time

from urllib.parse import urlencode

from ansible_collections.opsramp.automation.plugins.module_utils._http.config import DEFAULT_TOKEN_PATH, ENV_VARS
from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import (
    AuthenticationError,
    ValidationError,
    describe_error_body,
)
from ansible_collections.opsramp.automation.plugins.module_utils._http.transport import Request, api_error

LEGACY_TOKEN_PATH = '/auth/oauth/token'
TOKEN_REFRESH_MARGIN = 60.0


def token_lifetime(expires_in):
    """Seconds the token lives, or None if unknown: a string in the spec, a number in the docs (api-behaviour §16)."""
    try:
        lifetime = int(str(expires_in).strip().strip('"'))
    except ValueError:
        return None
    return lifetime if lifetime > 0 else None


def refresh_time(lifetime, now):
    """When to fetch the next token: 60 s before expiry, or half-way for short-lived tokens; None if unknown."""
    if lifetime is None:
        return None
    return now + lifetime - min(TOKEN_REFRESH_MARGIN, lifetime / 2.0)


class TokenProvider:
    """The bearer token of one client, shared by its threads.

    ``send(request, budget)`` sends a token request (the transport's ``send``) and returns its ``Answer``.
    """

    def __init__(self, config, send, redactor, clock=time.time):
        self._config = config
        self._send = send
        self._redactor = redactor
        self._clock = clock
        self.token_path = config.token_path
        self._lock = threading.RLock()
        self._token = config.access_token
        self._refresh_at = None
        self._lifetime = None
        self._type = None
        self._proven = set()  # tokens OpsRamp accepted at least once

    @property
    def renewable(self):
        """False for a given access_token: a refused one cannot be replaced."""
        return not self._config.access_token

    def get(self, budget):
        """A token that has not expired, fetched now if needed (``budget``: the request's retries and waiting)."""
        if not self.renewable:
            return self._config.access_token
        with self._lock:
            if self._token is None or (self._refresh_at is not None and self._clock() >= self._refresh_at):
                self._fetch(budget)
            return self._token

    def invalidate(self, token):
        """Forget ``token`` (OpsRamp refused it): the next ``get`` fetches a new one, unless another thread did."""
        with self._lock:
            if self._token == token:
                self._token = None
                self._refresh_at = None

    def fetch(self, budget):
        """A new token: ``dict(access_token, expires_in, token_type)``; needs client_id and client_secret."""
        if not self._config.can_fetch_tokens:
            raise ValidationError('a new token needs client_id and client_secret (or environment variables %s and %s)'
                                  % (ENV_VARS['client_id'], ENV_VARS['client_secret']), option='client_id')
        with self._lock:
            self._fetch(budget)
            return dict(access_token=self._token, expires_in=self._lifetime, token_type=self._type)

    def prove(self, token):
        """Remember that OpsRamp accepted ``token`` (it answered something else than an authentication failure)."""
        if token and self.renewable:
            with self._lock:
                self._proven.add(token)

    def proven(self, token):
        """Whether OpsRamp accepted ``token`` before: refused now, it expired rather than being bad."""
        with self._lock:
            return token in self._proven

    def _fetch(self, budget):
        answer = self._request(self.token_path, budget)
        if answer.status == 404 and self.token_path == DEFAULT_TOKEN_PATH:
            # some tenants only have the token endpoint without /tenancy (api-behaviour §16)
            fallback = self._request(LEGACY_TOKEN_PATH, budget)
            if fallback.status == 404:
                raise AuthenticationError('OpsRamp has no token endpoint at %s%s nor at %s%s (HTTP 404): check url and '
                                          'token_path' % (self._config.url, DEFAULT_TOKEN_PATH, self._config.url,
                                                          LEGACY_TOKEN_PATH))
            self.token_path, answer = LEGACY_TOKEN_PATH, fallback
        self._store(answer)

    def _request(self, token_path, budget):
        config = self._config
        form = dict(grant_type='client_credentials', client_id=config.client_id, client_secret=config.client_secret)
        headers = {'Accept': 'application/json', 'Content-Type': 'application/x-www-form-urlencoded'}
        request = Request('POST', token_path, config.url + token_path, headers, urlencode(form))
        request.resend = True  # a token request changes nothing that matters if it runs twice
        request.paced = False  # token requests are not API calls: they spend no rate limit (api-behaviour §17)
        request.counter = 'token_requests'
        return self._send(request, budget)

    def _store(self, answer):
        parsed = answer.json_or_none()
        if answer.status in (400, 401):
            raise AuthenticationError(self._redactor.redact(
                "OpsRamp rejected the client credentials (client_id '%s'): check client_id and client_secret (HTTP %s: "
                "%s)" % (self._config.client_id, answer.status, describe_error_body(answer.error_body()))))
        if answer.status == 404:
            raise AuthenticationError("OpsRamp has no token endpoint at %s%s (HTTP 404): check url and token_path"
                                      % (self._config.url, self.token_path))
        if not answer.ok:
            raise api_error(self._redactor, answer, 'POST', self.token_path)
        token = parsed.get('access_token') if isinstance(parsed, dict) else None
        if not token:
            raise AuthenticationError('the token endpoint %s%s answered without an access_token; check url and '
                                      'token_path' % (self._config.url, self.token_path))
        self._redactor.add(str(token))
        self._token = str(token)
        self._lifetime = token_lifetime(parsed.get('expires_in'))
        self._type = str(parsed.get('token_type') or 'bearer')
        self._refresh_at = refresh_time(self._lifetime, self._clock())
