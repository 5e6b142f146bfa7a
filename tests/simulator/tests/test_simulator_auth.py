# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import time
import uuid

import pytest
import requests

from sim_helpers import Api, CREDENTIALS

INVALID_TOKEN = {'error': 'invalid_token', 'error_description': 'Invalid access token'}


@pytest.mark.parametrize('path', ['/tenancy/auth/oauth/token', '/auth/oauth/token'])
def test_token_both_paths(sim, path):
    resp = Api(sim.url).get_token(path)
    assert resp.status_code == 200
    body = resp.json()
    assert set(body) == {'access_token', 'token_type', 'expires_in', 'scope'}
    assert str(uuid.UUID(body['access_token'])) == body['access_token']
    assert body['token_type'] == 'bearer' and body['expires_in'] == 7199 and body['scope'] == 'global:manage'
    assert sim.control.tokens() == [body['access_token']]
    # the token works on the API
    api = Api(sim.url)
    api.session.headers['Authorization'] = 'Bearer ' + body['access_token']
    assert api.call('GET', '/types').status_code == 200


def test_token_errors(sim):
    api = Api(sim.url)
    resp = api.get_token(client_secret='wrong')
    assert resp.status_code == 401
    assert resp.json() == {'error': 'unauthorized', 'error_description': 'Bad API credentials'}
    assert api.get_token(client_id='someone-else').status_code == 401
    resp = api.get_token(grant_type='password')
    assert resp.status_code == 400
    assert resp.json()['error'] == 'unsupported_grant_type' and 'password' in resp.json()['error_description']
    assert requests.get(sim.url + '/tenancy/auth/oauth/token', timeout=5).status_code == 405
    assert sim.control.tokens() == []


def test_token_knobs(sim):
    sim.control.configure(expires_in=60, expires_in_as_string=True, token_paths=['/auth/oauth/token'],
                          client_id='other', client_secret='s3cret')
    api = Api(sim.url)
    assert api.get_token('/tenancy/auth/oauth/token', client_id='other', client_secret='s3cret').status_code == 404
    resp = api.get_token('/auth/oauth/token', client_id='other', client_secret='s3cret')
    assert resp.status_code == 200 and resp.json()['expires_in'] == '60'
    assert api.get_token('/auth/oauth/token').status_code == 401   # default credentials no longer valid


def test_basic_auth_client_credentials(sim):
    resp = requests.post(sim.url + '/auth/oauth/token', data={'grant_type': 'client_credentials'},
                         auth=('demo-client', 'demo-secret'), timeout=5)
    assert resp.status_code == 200


def test_api_requires_valid_bearer(sim, api):
    anon = Api(sim.url)
    resp = anon.call('GET', '/types')
    assert resp.status_code == 401 and resp.json() == INVALID_TOKEN
    assert 'X-RateLimit-Limit' in resp.headers
    anon.session.headers['Authorization'] = 'Bearer ' + str(uuid.uuid4())
    assert anon.call('GET', '/types').status_code == 401
    anon.session.headers['Authorization'] = 'Basic ZGVtby1jbGllbnQ6ZGVtby1zZWNyZXQ='
    assert anon.call('GET', '/types').status_code == 401
    assert api.call('GET', '/types').status_code == 200


@pytest.mark.parametrize('status', [401, 407])
def test_expire_tokens(sim, api, status):
    sim.control.configure(expired_token_status=status)
    assert api.call('GET', '/types').status_code == 200
    assert sim.control.expire_tokens() == {'expired': 1}
    resp = api.call('GET', '/types')
    assert resp.status_code == status and resp.json() == INVALID_TOKEN
    api.login()   # a new token works again
    assert api.call('GET', '/types').status_code == 200
    assert len(sim.control.tokens()) == 2


def test_token_expires_on_real_clock(sim):
    sim.control.configure(expires_in=1)
    api = Api(sim.url).login()
    assert api.call('GET', '/types').status_code == 200
    time.sleep(1.1)
    assert api.call('GET', '/types').status_code == 401
    assert sim.control.stats()['tokens_valid'] == 0


def test_reset_forgets_tokens(sim, api):
    sim.control.reset()
    assert api.call('GET', '/types').status_code == 401
    assert sim.control.tokens() == []


def test_credentials_constant_matches_defaults():
    assert CREDENTIALS['client_id'] == 'demo-client'
