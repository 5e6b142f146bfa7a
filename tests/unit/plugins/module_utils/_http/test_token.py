# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The token provider against scripted token-endpoint answers: when it fetches, what it keeps, what it refuses."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

import pytest

from ansible_collections.opsramp.automation.plugins.module_utils._http.config import ConnectionConfig
from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import (
    ApiError,
    AuthenticationError,
    Redactor,
    ValidationError,
)
from ansible_collections.opsramp.automation.plugins.module_utils._http.retry import Budget
from ansible_collections.opsramp.automation.plugins.module_utils._http.token import (
    LEGACY_TOKEN_PATH,
    TokenProvider,
    refresh_time,
    token_lifetime,
)
from ansible_collections.opsramp.automation.plugins.module_utils._http.transport import Answer

CREDENTIALS = dict(url='https://acme.api.opsramp.com', tenant_id='client_1', client_id='key', client_secret='s3cret')


def answer(status, body=None):
    return Answer(status, {}, json.dumps(body).encode('utf-8') if body is not None else b'')


def granted(token, expires_in=7199):
    return answer(200, dict(access_token=token, token_type='bearer', expires_in=expires_in, scope='global:manage'))


class TokenEndpoint:
    """Answers token requests from a script and records them."""

    def __init__(self, *answers):
        self.answers = list(answers)
        self.requests = []

    def __call__(self, request, budget):
        self.requests.append(request)
        return self.answers.pop(0)


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def provider(endpoint, clock=None, **options):
    config = ConnectionConfig(**dict(CREDENTIALS, **options))
    redactor = Redactor(config.client_secret, config.access_token)  # as the client makes it
    return TokenProvider(config, endpoint, redactor, clock=clock or Clock()), redactor


def budget():
    return Budget(4, 120)


@pytest.mark.parametrize('expires_in, lifetime', [(7199, 7199), ('7199', 7199), ('"60"', 60), (0, None), ('x', None),
                                                  (None, None)])
def test_token_lifetime(expires_in, lifetime):
    assert token_lifetime(expires_in) == lifetime


def test_refresh_time_is_a_minute_early_or_half_way():
    assert refresh_time(7200, 0) == 7140 and refresh_time(60, 0) == 30 and refresh_time(None, 0) is None


def test_one_token_serves_until_shortly_before_it_expires():
    clock = Clock()
    endpoint = TokenEndpoint(granted('tok-1', 120), granted('tok-2', 120))
    tokens, redactor = provider(endpoint, clock)
    assert tokens.get(budget()) == 'tok-1'
    clock.now += 59
    assert tokens.get(budget()) == 'tok-1'
    clock.now += 1  # 60 s before the end of its 120 s
    assert tokens.get(budget()) == 'tok-2'
    assert len(endpoint.requests) == 2
    request = endpoint.requests[0]
    assert (request.method, request.path, request.counter, request.paced, request.resend) == (
        'POST', '/tenancy/auth/oauth/token', 'token_requests', False, True)
    assert 'client_secret=s3cret' in request.data and 'grant_type=client_credentials' in request.data
    assert redactor.redact('tok-1 tok-2') == '******** ********'


def test_an_invalidated_token_is_replaced_but_not_another_one():
    endpoint = TokenEndpoint(granted('tok-1'), granted('tok-2'))
    tokens, dummy = provider(endpoint)
    tokens.get(budget())
    tokens.invalidate('tok-0')  # refused earlier, already replaced by another thread
    assert tokens.get(budget()) == 'tok-1'
    tokens.invalidate('tok-1')
    assert tokens.get(budget()) == 'tok-2'


def test_proven_tokens_are_remembered():
    tokens, dummy = provider(TokenEndpoint(granted('tok-1')))
    token = tokens.get(budget())
    assert not tokens.proven(token)
    tokens.prove(token)
    assert tokens.proven(token)


def test_a_given_access_token_is_used_as_it_is_and_cannot_be_renewed():
    endpoint = TokenEndpoint()
    tokens, dummy = provider(endpoint, client_id=None, client_secret=None, access_token='given')
    assert tokens.get(budget()) == 'given' and not tokens.renewable
    tokens.prove('given')
    assert not tokens.proven('given')
    with pytest.raises(ValidationError) as info:
        tokens.fetch(budget())
    assert info.value.option == 'client_id' and 'OPSRAMP_CLIENT_ID' in info.value.message
    assert endpoint.requests == []


def test_fetch_returns_the_token_with_its_lifetime_and_type():
    tokens, dummy = provider(TokenEndpoint(granted('tok-1', '3600')))
    assert tokens.fetch(budget()) == dict(access_token='tok-1', expires_in=3600, token_type='bearer')


def test_the_legacy_token_path_is_tried_once_after_a_404():
    endpoint = TokenEndpoint(answer(404), granted('tok-1'), granted('tok-2'))
    tokens, dummy = provider(endpoint)
    tokens.get(budget())
    tokens.invalidate('tok-1')
    tokens.get(budget())
    assert [request.path for request in endpoint.requests] == ['/tenancy/auth/oauth/token', LEGACY_TOKEN_PATH,
                                                               LEGACY_TOKEN_PATH]
    assert tokens.token_path == LEGACY_TOKEN_PATH


def test_a_custom_token_path_has_no_fallback():
    tokens, dummy = provider(TokenEndpoint(answer(404)), token_path='/custom/token')
    with pytest.raises(AuthenticationError, match=r'no token endpoint at https://acme.api.opsramp.com/custom/token'):
        tokens.get(budget())


@pytest.mark.parametrize('refusal, error, text', [
    (answer(401, {'error': 'invalid_client', 'error_description': 'Bad client credentials s3cret'}), AuthenticationError,
     "OpsRamp rejected the client credentials (client_id 'key'): check client_id and client_secret (HTTP 401: "
     "Bad client credentials ********)"),
    (answer(400, None), AuthenticationError, 'rejected the client credentials'),
    (answer(500, {'message': 'down'}), ApiError, 'OpsRamp API error 500 on POST /tenancy/auth/oauth/token: down'),
    (answer(200, {'token_type': 'bearer'}), AuthenticationError, 'answered without an access_token'),
    (Answer(200, {}, b'<html>'), AuthenticationError, 'answered without an access_token'),
], ids=['401', '400', '500', 'no-token', 'not-json'])
def test_refusals_and_odd_answers(refusal, error, text):
    tokens, dummy = provider(TokenEndpoint(refusal))
    with pytest.raises(error) as info:
        tokens.get(budget())
    assert text in info.value.message and 's3cret' not in info.value.message
