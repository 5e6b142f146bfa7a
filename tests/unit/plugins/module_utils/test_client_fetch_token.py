# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Client.fetch_token (opsramp_token) over real HTTP against the simulator."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.opsramp.automation.plugins.module_utils.errors import AuthenticationError, ValidationError


@pytest.mark.parametrize('as_string', [False, True], ids=['number', 'string'])
def test_fetch_token_returns_the_issued_token(sim, make_client, log, as_string):
    sim.control.configure(expires_in_as_string=as_string)
    token = make_client().fetch_token()
    assert token == dict(access_token=sim.control.tokens()[0], expires_in=7199, token_type='bearer')
    assert len(log(kind='token')) == 1 and len(log()) == 1


def test_a_fetched_token_works_for_api_requests_and_is_redacted(sim, make_client, log):
    client = make_client()
    token = client.fetch_token()['access_token']
    client.get(client.api_path('jobs', 'types'))
    assert len(log(kind='token')) == 1  # the client uses the token it fetched
    assert client.redact('token %s' % token) == 'token ********'


def test_fetch_token_needs_the_client_credentials(sim, make_client, log):
    with pytest.raises(ValidationError) as info:
        make_client(client_id=None, client_secret=None, access_token='given').fetch_token()
    assert info.value.option == 'client_id'
    assert 'OPSRAMP_CLIENT_ID' in info.value.message and log() == []


def test_fetch_token_with_bad_credentials(sim, make_client, assert_no_secrets):
    client = make_client(client_secret='wrong-secret')
    with pytest.raises(AuthenticationError) as info:
        client.fetch_token()
    assert 'check client_id and client_secret' in info.value.message
    assert 'wrong-secret' not in info.value.message
    assert_no_secrets(info.value, client)
