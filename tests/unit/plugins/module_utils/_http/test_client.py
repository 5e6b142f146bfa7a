# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The client's own logic against a scripted transport: bearer tokens and their renewal, JSON answers, errors and
pagination. The whole client over real HTTP is in tests/component."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

import pytest

from ansible_collections.opsramp.automation.plugins.module_utils._http.client import Client, is_auth_failure
from ansible_collections.opsramp.automation.plugins.module_utils._http.config import ConnectionConfig
from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import (
    ApiError,
    AuthenticationError,
    CommunicationError,
)
from ansible_collections.opsramp.automation.plugins.module_utils._http.transport import Answer

URL = 'https://acme.api.opsramp.com'


def answer(status, body=None, raw=None):
    if raw is None:
        raw = json.dumps(body).encode('utf-8') if body is not None else b''
    return Answer(status, {}, raw)


class ScriptedTransport:
    """Stands in for the transport: token requests get new tokens, API requests the scripted answers."""

    def __init__(self, *answers):
        self.answers = list(answers)
        self.sent = []  # (method, path, Authorization header) of every API request
        self.tokens = 0

    def send(self, request, budget):
        if request.counter == 'token_requests':
            self.tokens += 1
            return answer(200, dict(access_token='tok-%d' % self.tokens, expires_in=3600))
        self.sent.append((request.method, request.url, request.headers.get('Authorization'), request.data))
        scripted = self.answers.pop(0)
        if isinstance(scripted, tuple):  # (answer, whether an attempt that may have run came before it)
            scripted, budget.maybe_applied = scripted
        return scripted

    def close(self):
        pass


def client_with(*answers, **options):
    config = ConnectionConfig(**dict(dict(url=URL, tenant_id='client 1', client_id='key', client_secret='s3cret'),
                                     **options))
    warnings = []
    client = Client(config, warn=warnings.append)
    transport = ScriptedTransport(*answers)
    client.transport.close()
    client.transport = transport
    client.tokens._send = transport.send  # pylint: disable=protected-access
    return client, transport, warnings


@pytest.mark.parametrize('status, body, auth', [
    (401, None, True), (407, None, True),
    (400, {'error': 'invalid_token'}, True), (400, {'error': 'unauthorized'}, True),
    (400, None, False), (403, None, False), (200, None, False),
])
def test_what_counts_as_an_authentication_failure(status, body, auth):
    assert is_auth_failure(answer(status, body), body) is auth
    assert is_auth_failure(answer(400, raw=b'Bad Request - Unable to authenticate.'), None)


def test_requests_carry_the_token_and_json():
    client, transport, dummy = client_with(answer(200, {'id': 'j1'}))
    assert client.post(client.api_path('jobs'), {'name': 'a'}) == {'id': 'j1'}
    assert transport.sent == [('POST', URL + '/api/v2/tenants/client%201/jobs', 'Bearer tok-1', '{"name": "a"}')]


def test_a_refused_token_is_renewed_once_per_request():
    client, transport, dummy = client_with(answer(200, {}), answer(401), answer(200, {'ok': 1}))
    client.get('/a')
    assert client.get('/b') == {'ok': 1}
    assert [sent[2] for sent in transport.sent] == ['Bearer tok-1', 'Bearer tok-1', 'Bearer tok-2']


def test_a_fresh_token_refused_again_is_an_authentication_error():
    client, transport, dummy = client_with(answer(401), answer(407, {'message': 'no access'}))
    with pytest.raises(AuthenticationError) as info:
        client.get('/a')
    assert info.value.message == ("OpsRamp refused a freshly issued token (HTTP 407 on GET /a: no access): check that "
                                  "the integration (client_id 'key') may use the API of tenant 'client 1'")
    assert transport.tokens == 2


def test_a_refused_access_token_is_not_renewed():
    client, transport, dummy = client_with(answer(401), client_id=None, client_secret=None, access_token='given')
    with pytest.raises(AuthenticationError, match=r'refused the access token \(HTTP 401 on GET /a'):
        client.get('/a')
    assert transport.tokens == 0


def test_error_answers_and_bodies_that_are_not_json():
    client, dummy, dummy_warnings = client_with(answer(404, {'message': 'nope'}), answer(200, raw=b'<html>tok-1'),
                                                answer(500, raw=b'<html>'))
    with pytest.raises(ApiError) as info:
        client.delete('/a')
    assert info.value.status == 404 and info.value.message == 'OpsRamp API error 404 on DELETE /a: nope'
    with pytest.raises(CommunicationError) as info:
        client.get('/b')
    assert info.value.message == 'OpsRamp returned a response that is not JSON (GET /b): <html>********'
    assert not info.value.maybe_applied
    with pytest.raises(ApiError, match='error 500 on POST /c: <html>'):
        client.post('/c', {})


def test_an_empty_answer_to_a_read_is_an_error_but_not_to_a_write():
    client, dummy, dummy_warnings = client_with(answer(200), answer(200), answer(200), answer(200, raw=b' '))
    assert client.post('/jobs', {}) is None and client.delete('/jobs/1') is None
    assert client.request('GET', '/jobs/1/run', body={'reason': 'now'}, idempotent=False) is None
    with pytest.raises(CommunicationError) as info:
        list(client.paginate('/jobs/search'))
    assert info.value.message.startswith('OpsRamp answered GET /jobs/search with an empty body, every time it was '
                                         'asked: a read must answer JSON, and an empty answer is not taken for '
                                         '"nothing found"')
    assert not info.value.maybe_applied


@pytest.mark.parametrize('earlier_attempt', [False, True])
def test_errors_say_whether_an_earlier_attempt_may_have_run(earlier_attempt):
    client, dummy, dummy_warnings = client_with((answer(404, {'message': 'gone'}), earlier_attempt))
    with pytest.raises(ApiError) as info:
        client.delete('/jobs/1')
    assert info.value.earlier_attempt_maybe_applied is earlier_attempt


def test_a_get_with_side_effects_is_not_resent():
    client, dummy, dummy_warnings = client_with(answer(200, raw=b'not json'))
    with pytest.raises(CommunicationError) as info:
        client.request('GET', '/run', body={'reason': 'now'}, idempotent=False)
    assert info.value.maybe_applied


def test_paginate_asks_each_page_with_the_query_and_page_size():
    pages = [{'results': [1, 2], 'nextPage': True}, {'results': [3], 'nextPage': False}]
    client, transport, dummy = client_with(*[answer(200, page) for page in pages])
    assert list(client.paginate('/s', query={'queryString': 'name:a b'}, page_size=2)) == [1, 2, 3]
    assert [sent[1] for sent in transport.sent] == [URL + '/s?queryString=name%%3Aa%%20b&pageNo=%d&pageSize=2' % number
                                                    for number in (1, 2)]


def test_the_configuration_warnings_reach_the_module_and_repr_shows_no_secret():
    client, dummy, warnings = client_with(validate_certs=False)
    assert warnings == ['TLS certificate validation is disabled (validate_certs=false): the connection to %s is not '
                        'protected against interception; use this for testing only' % URL]
    assert repr(client) == ("Client(url='%s', tenant_id='client 1', client_id='key', auth='client_credentials', "
                            "validate_certs=False)" % URL)
