# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The token provider over real HTTP against the simulator: one token for many requests, renewal before expiry and
after a refusal (also when threads share one client), the legacy token path, access tokens and fetch_token."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import threading
import time

import pytest

from ansible_collections.opsramp.automation.tests.component.plugins.module_utils.http_support import TOKEN_PATH, TYPES, SEARCH, fault, statuses

from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import AuthenticationError, ValidationError


def test_token_is_fetched_once_for_many_requests(make_client, log):
    client = make_client()
    for dummy in range(5):
        assert client.get(TYPES)['jobNameAndType']
    tokens = log(kind='token')
    assert len(tokens) == 1
    assert tokens[0]['path'] == TOKEN_PATH
    assert tokens[0]['body'] == {'grant_type': 'client_credentials', 'client_id': 'demo-client'}
    assert statuses(log(kind='read')) == [200] * 5
    assert client.stats['requests'] == 5 and client.stats['token_requests'] == 1 and client.stats['retries'] == 0


def test_threads_share_the_client_and_its_token(make_client, log):
    client = make_client()
    failures = []

    def work():
        try:
            for dummy in range(5):
                client.get(TYPES)
        except Exception as exc:  # pylint: disable=broad-except
            failures.append(exc)

    threads = [threading.Thread(target=work) for dummy in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures
    assert len(log(kind='token')) == 1
    assert statuses(log(kind='read')) == [200] * 20


@pytest.mark.parametrize('as_string', [False, True], ids=['expires_in-int', 'expires_in-string'])
def test_token_is_refreshed_before_it_expires(sim, make_client, log, as_string):
    sim.control.configure(expires_in=1, expires_in_as_string=as_string)
    client = make_client()
    client.get(TYPES)
    client.get(TYPES)
    time.sleep(0.6)  # refreshed at half the lifetime for short-lived tokens, 60 s early otherwise
    client.get(TYPES)
    assert len(log(kind='token')) == 2
    assert statuses(log(kind='read')) == [200, 200, 200]  # never sent an expired token


@pytest.mark.parametrize('status', [401, 407])
def test_expired_token_is_renewed_once_and_the_request_repeated(sim, make_client, log, status):
    sim.control.configure(expired_token_status=status)
    client = make_client()
    client.get(TYPES)
    sim.control.expire_tokens()
    assert client.get(TYPES)['jobNameAndType']
    assert statuses(log(kind='read')) == [200, status, 200]
    assert len(log(kind='token')) == 2


@pytest.mark.parametrize('status', [401, 407])
def test_second_auth_failure_raises(sim, make_client, log, assert_no_secrets, status):
    fault(sim, method='GET', path='/jobs/types$', action='status', status=status, times=0)
    client = make_client()
    with pytest.raises(AuthenticationError) as info:
        client.get(TYPES)
    assert 'refused a freshly issued token' in info.value.message
    assert "client_id 'demo-client'" in info.value.message and "tenant 'client_1'" in info.value.message
    assert len(log(kind='read')) == 2 and len(log(kind='token')) == 2
    assert_no_secrets(info.value, client)


@pytest.mark.parametrize('rule', [
    dict(status=400),  # the simulator's default 400 body: invalid_token / "Unable to authenticate"
    dict(status=400, body={'error': 'unauthorized', 'error_description': 'Full authentication is required'}),
    dict(status=400, raw_body='Bad Request - Unable to authenticate.'),
], ids=['invalid_token', 'unauthorized', 'plain-text'])
def test_400_that_looks_like_an_auth_error_renews_the_token(sim, make_client, log, rule):
    fault(sim, method='GET', path='/jobs/types$', action='status', times=1, **rule)
    client = make_client()
    assert client.get(TYPES)['jobNameAndType']
    assert statuses(log(kind='read')) == [400, 200]
    assert len(log(kind='token')) == 2


def test_token_path_falls_back_to_the_legacy_path_on_404(sim, make_client, log):
    sim.control.configure(token_paths=['/auth/oauth/token'])
    client = make_client()
    client.get(TYPES)
    sim.control.expire_tokens()
    client.get(TYPES)
    token_calls = [(e['path'], e['status']) for e in log(method='POST', path='oauth/token')]
    assert token_calls == [(TOKEN_PATH, 404), ('/auth/oauth/token', 200), ('/auth/oauth/token', 200)]
    assert client.token_path == '/auth/oauth/token'


def test_no_token_endpoint_at_either_path(sim, make_client, log):
    sim.control.configure(token_paths=['/somewhere/else'])
    with pytest.raises(AuthenticationError) as info:
        make_client().get(TYPES)
    assert TOKEN_PATH in info.value.message and '/auth/oauth/token (HTTP 404)' in info.value.message
    assert len(log(method='POST')) == 2 and not log(kind='read')


def test_custom_token_path_is_used_without_fallback(sim, make_client, log):
    sim.control.configure(token_paths=['/custom/token'])
    make_client(token_path='custom/token').get(TYPES)
    assert [e['path'] for e in log(method='POST')] == ['/custom/token']


def test_rejected_client_credentials(make_client, log, assert_no_secrets):
    client = make_client(client_secret='not-the-secret')
    with pytest.raises(AuthenticationError) as info:
        client.get(TYPES)
    assert info.value.message.startswith("OpsRamp rejected the client credentials (client_id 'demo-client'): "
                                         "check client_id and client_secret")
    assert 'not-the-secret' not in repr(info.value.to_fail_kwargs()) and 'not-the-secret' not in repr(client)
    assert len(log(kind='token')) == 1 and not log(kind='read')
    assert_no_secrets(info.value, client)


def test_access_token_mode_never_requests_a_token(sim, make_client, log, assert_no_secrets):
    make_client().get(TYPES)
    token = sim.control.tokens()[-1]
    sim.control.clear_requests()
    client = make_client(client_id=None, client_secret=None, access_token=token)
    assert client.get(TYPES)['jobNameAndType']
    sim.control.expire_tokens()
    with pytest.raises(AuthenticationError) as info:
        client.get(TYPES)
    assert 'OpsRamp refused the access token (HTTP 401' in info.value.message
    assert 'invalid or expired' in info.value.message
    assert not log(kind='token') and len(log(kind='read')) == 2
    assert token not in repr(client)
    assert_no_secrets(info.value, client)


# ----------------------------------------------------------------------------------------------- re-authentication
# (issue 7, found by the soak): one new token per request, and one more only when the token refused had worked
# before: with worker threads, the token another thread fetched can expire before this thread uses it.


def test_a_token_another_thread_proved_and_that_expired_is_renewed_again(sim, make_client, log):
    client = make_client()
    client.get(TYPES)  # token 1 works
    sim.control.expire_tokens()
    # the retry of the types request (with token 2) waits 1 s before the server looks at its token; meanwhile
    # another thread uses token 2 successfully, then token 2 expires too
    sim.control.add_faults([{'method': 'GET', 'path': '/jobs/types$', 'action': 'delay', 'seconds': 1, 'after': 1}])

    def other_thread():
        client.get(SEARCH)
        sim.control.expire_tokens()

    watcher = sim.control.when_faults_fired(other_thread, count=1, limit=10)
    assert client.get(TYPES)['jobNameAndType']
    watcher.join()
    assert len(log(kind='token')) == 3
    assert [entry['status'] for entry in log(path='/jobs/types')] == [200, 401, 401, 200]


@pytest.mark.parametrize('status', [401, 407])
def test_a_new_token_refused_at_once_still_fails_after_one_renewal(sim, make_client, log, status):
    client = make_client()
    client.get(TYPES)
    sim.control.add_faults([{'method': 'GET', 'path': '/jobs/types$', 'action': 'status', 'status': status,
                             'times': 0}])
    with pytest.raises(AuthenticationError, match='refused a freshly issued token'):
        client.get(TYPES)
    assert len(log(kind='token')) == 2


# ----------------------------------------------------------------------------------------------- fetch_token (opsramp_token)


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
