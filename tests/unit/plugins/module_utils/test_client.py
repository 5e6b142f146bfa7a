# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The HTTP/auth client over real HTTP against the OpsRamp simulator; counts come from the simulator's request log."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import math
import socket
import threading
import time
import warnings

import pytest

from urllib3.exceptions import InsecureRequestWarning

from ansible_collections.opsramp.automation.plugins.module_utils.arguments import CONNECTION_OPTIONS
from ansible_collections.opsramp.automation.plugins.module_utils.client import Client
from ansible_collections.opsramp.automation.plugins.module_utils.errors import (
    ApiError,
    AuthenticationError,
    CommunicationError,
    ValidationError,
)

TYPES = '/api/v2/tenants/client_1/jobs/types'
JOBS = '/api/v2/tenants/client_1/jobs'
SEARCH = '/api/v2/tenants/client_1/jobs/search'
TOKEN_PATH = '/tenancy/auth/oauth/token'
JOB = {'name': 'nightly asset scan', 'script': {'jobType': 'assetinfo'},
       'schedule': {'startDate': '2030-01-01T02:00:00+0000', 'pattern': {'type': 'daily', 'frequency': 'everyday'}}}


def statuses(entries):
    return [entry['status'] for entry in entries]


def fault(sim, **rule):
    sim.control.add_faults([rule])


def closed_port():
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


# ----------------------------------------------------------------------------------------------- tokens


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


def test_other_400_is_an_api_error_without_reauthentication(sim, make_client, log):
    body = [{'code': '0002', 'fieldName': 'name', 'message': 'The name is required'}]
    fault(sim, method='POST', path='/jobs$', action='status', status=400, body=body)
    client = make_client()
    with pytest.raises(ApiError) as info:
        client.post(JOBS, JOB)
    assert info.value.message == ('OpsRamp API error 400 on POST /api/v2/tenants/client_1/jobs: '
                                  'name: The name is required (code 0002)')
    assert info.value.status == 400 and info.value.body == body and info.value.code == '0002'
    assert not info.value.maybe_applied
    assert len(log(kind='token')) == 1 and len(log(kind='write')) == 1


@pytest.mark.parametrize('rule, expected', [
    (dict(body={'code': '0003', 'message': 'Invalid schedule'}), 'Invalid schedule (code 0003)'),
    (dict(body={'error': 'bad_request', 'error_description': 'Malformed job'}), 'Malformed job'),
    (dict(raw_body='MetricName cannot be null'), 'MetricName cannot be null'),
    (dict(raw_body='x' * 1000), 'x' * 290),
], ids=['code-message', 'oauth-style', 'plain-text', 'long-text'])
def test_error_bodies_become_readable_messages(sim, make_client, rule, expected):
    fault(sim, method='GET', path='/jobs/types$', action='status', status=409, **rule)
    with pytest.raises(ApiError) as info:
        make_client().get(TYPES)
    assert info.value.message.startswith('OpsRamp API error 409 on GET %s: ' % TYPES)
    assert expected in info.value.message
    assert len(info.value.message) < 400 and len(str(info.value.body)) <= 300


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


# ----------------------------------------------------------------------------------------------- rate limits


@pytest.mark.parametrize('quoted', [False, True], ids=['plain-headers', 'quoted-headers'])
def test_429_waits_until_x_ratelimit_reset(sim, make_client, log, recorder, quoted):
    sim.control.configure(rate_window_seconds=10, quote_rate_headers=quoted)
    fault(sim, method='GET', path='/jobs/types$', action='status', status=429)
    client = make_client()
    assert client.get(TYPES)['jobNameAndType']
    reads = log(kind='read')
    assert statuses(reads) == [429, 200]
    window_end = (math.floor(reads[0]['time'] / 10) + 1) * 10
    assert len(recorder.sleeps) == 1
    assert 0 < recorder.sleeps[0] <= 10 and abs(recorder.sleeps[0] - (window_end - reads[0]['time'])) < 1
    assert client.stats['retries'] == 1


def test_429_honours_retry_after(sim, make_client, recorder):
    fault(sim, method='GET', path='/jobs/types$', action='status', status=429, headers={'Retry-After': '3'})
    make_client().get(TYPES)
    assert recorder.sleeps == [3.0]


def test_429_without_rate_headers_backs_off_exponentially(sim, make_client, log, recorder):
    fault(sim, method='POST', path='oauth/token$', action='status', status=429, times=2)
    make_client().get(TYPES)
    assert recorder.sleeps == [0.75, 1.5]  # base 1 s, doubled, with the injected jitter (0.5)
    assert statuses(log(kind='token')) == [429, 429, 200]


def test_429_retries_are_bounded(sim, make_client, log, recorder, assert_no_secrets):
    sim.control.configure(rate_window_seconds=10)
    fault(sim, method='GET', path='/jobs/types$', action='status', status=429, times=0)
    client = make_client(max_retries=3)
    with pytest.raises(ApiError) as info:
        client.get(TYPES)
    assert info.value.status == 429
    assert info.value.message.startswith('OpsRamp kept answering 429 Too Many Requests after 3 retries')
    assert 'try again later or lower the request rate' in info.value.message
    assert statuses(log(kind='read')) == [429] * 4 and len(recorder.sleeps) == 3
    assert_no_secrets(info.value, client)


def test_429_total_wait_is_bounded(sim, make_client, log, recorder):
    fault(sim, method='GET', path='/jobs/types$', action='status', status=429, times=0)
    with pytest.raises(ApiError) as info:
        make_client(max_wait=0.01).get(TYPES)
    assert 'kept answering 429 Too Many Requests and asked to wait' in info.value.message
    assert len(log(kind='read')) == 1 and recorder.sleeps == []


def test_post_is_resent_after_429(sim, make_client, log):
    fault(sim, method='POST', path='/jobs$', action='status', status=429, headers={'Retry-After': '1'})
    job = make_client().post(JOBS, JOB)
    assert statuses(log(kind='write')) == [429, 200]
    assert [j['id'] for j in sim.control.jobs()] == [job['id']]


@pytest.mark.parametrize('quoted', [False, True], ids=['plain-headers', 'quoted-headers'])
def test_pacing_sleeps_until_reset_when_no_request_is_left(sim, make_client, log, recorder, quoted):
    sim.control.configure(read_limit=2, rate_window_seconds=1, quote_rate_headers=quoted)

    def real_sleep(seconds):
        recorder.sleep(seconds)
        time.sleep(seconds)

    client = make_client(sleep=real_sleep)
    for dummy in range(4):
        client.get(TYPES)
    assert statuses(log(kind='read')) == [200] * 4  # never provoked a 429
    assert client.stats['retries'] == 0
    assert 1 <= len(recorder.sleeps) <= 2 and all(0 < s <= 1 for s in recorder.sleeps)


# ----------------------------------------------------------------------------------------------- retries


@pytest.mark.parametrize('status, body', [
    (502, None), (503, None), (504, None), (500, {'code': '0005', 'message': 'resource not ready'}),
], ids=['502', '503', '504', '500-0005'])
def test_get_is_retried_on_transient_errors(sim, make_client, log, recorder, status, body):
    rule = dict(method='GET', path='/jobs/types$', action='status', status=status, times=2)
    if body is not None:
        rule['body'] = body
    fault(sim, **rule)
    client = make_client()
    assert client.get(TYPES)['jobNameAndType']
    assert statuses(log(kind='read')) == [status, status, 200]
    assert recorder.sleeps == [0.375, 0.75]  # base 0.5 s, doubled, with the injected jitter (0.5)
    assert client.stats['retries'] == 2


def test_get_retries_are_bounded(sim, make_client, log, recorder):
    fault(sim, method='GET', path='/jobs/types$', action='status', status=503, times=0)
    with pytest.raises(ApiError) as info:
        make_client(max_retries=2).get(TYPES)
    assert info.value.status == 503
    assert info.value.message == 'OpsRamp API error 503 on GET %s: Service Unavailable' % TYPES
    assert statuses(log(kind='read')) == [503] * 3 and len(recorder.sleeps) == 2


def test_get_retries_stop_when_the_total_wait_is_spent(sim, make_client, log, recorder):
    fault(sim, method='GET', path='/jobs/types$', action='status', status=503, times=0)
    with pytest.raises(ApiError):
        make_client(max_retries=10, max_wait=1.2).get(TYPES)
    assert recorder.sleeps == [0.375, 0.75] and len(log(kind='read')) == 3


def test_500_without_code_0005_is_not_retried(sim, make_client, log):
    fault(sim, method='GET', path='/jobs/types$', action='status', status=500, body={'code': '0001', 'message': 'boom'})
    with pytest.raises(ApiError) as info:
        make_client().get(TYPES)
    assert info.value.message == 'OpsRamp API error 500 on GET %s: boom (code 0001)' % TYPES
    assert len(log(kind='read')) == 1


def test_get_is_retried_after_a_connection_reset(sim, make_client, log):
    fault(sim, method='GET', path='/jobs/types$', action='reset')
    assert make_client().get(TYPES)['jobNameAndType']
    assert statuses(log(kind='read')) == [None, 200]


def test_delete_is_retried_on_503(sim, make_client, log):
    job = sim.control.seed_job(dict(JOB), tenant='client_1')
    fault(sim, method='DELETE', path='/jobs/', action='status', status=503)
    client = make_client()
    assert client.delete(client.api_path('jobs', job['id'])) is None
    assert statuses(log(kind='write')) == [503, 200]
    assert sim.control.jobs() == []


@pytest.mark.parametrize('rule, error_type', [
    (dict(action='status', status=500), ApiError),
    (dict(action='status', status=502), ApiError),
    (dict(action='status', status=503), ApiError),
    (dict(action='status', status=504), ApiError),
    (dict(action='status_after_apply', status=500), ApiError),
    (dict(action='reset'), CommunicationError),
    (dict(action='reset_after_apply'), CommunicationError),
    (dict(action='delay_after_apply', seconds=1.0), CommunicationError),
], ids=['500', '502', '503', '504', '500-after-apply', 'reset', 'reset-after-apply', 'timeout'])
def test_post_is_never_resent_after_it_may_have_run(sim, make_client, log, recorder, assert_no_secrets, rule,
                                                    error_type):
    fault(sim, method='POST', path='/jobs$', **rule)
    client = make_client(timeout=0.3)
    with pytest.raises(error_type) as info:
        client.post(JOBS, JOB)
    assert info.value.maybe_applied
    assert len(log(kind='write', path='/jobs')) == 1
    assert recorder.sleeps == []
    assert_no_secrets(info.value, client)


def test_connection_refused_is_retried_even_for_post(make_client, recorder):
    url = 'http://127.0.0.1:%d' % closed_port()
    client = make_client(url=url, access_token='tok', max_retries=2)
    with pytest.raises(CommunicationError) as info:
        client.post(JOBS, JOB)
    assert info.value.maybe_applied is False
    assert info.value.message.startswith('cannot connect to OpsRamp at %s: ' % url)
    assert 'refused' in info.value.message and info.value.message.endswith('; check url and the network/proxy')
    assert '\n' not in info.value.message and 'object at 0x' not in info.value.message
    assert len(recorder.sleeps) == 2


def test_unresolvable_host_message(make_client):
    client = make_client(url='http://opsramp.invalid', access_token='tok', max_retries=0)
    with pytest.raises(CommunicationError) as info:
        client.get(TYPES)
    message = info.value.message
    assert message.startswith('cannot connect to OpsRamp at http://opsramp.invalid: ')
    assert message.endswith('; check url and the network/proxy') and len(message) > 90
    assert 'object at 0x' not in message and 'HTTPConnection' not in message and '\n' not in message


def test_timeout_gives_a_clear_error(sim, make_client, log):
    fault(sim, method='GET', path='/jobs/types$', action='delay', seconds=1.0)
    with pytest.raises(CommunicationError) as info:
        make_client(timeout=0.3, max_retries=0).get(TYPES)
    assert info.value.message == ('OpsRamp did not answer within 0.3 s (GET %s); raise timeout, or try again later'
                                  % TYPES)
    assert len(log(kind='read')) == 1


def test_get_is_retried_after_a_timeout(sim, make_client, log):
    fault(sim, method='GET', path='/jobs/types$', action='delay', seconds=1.0)
    assert make_client(timeout=0.3).get(TYPES)['jobNameAndType']
    assert len(log(kind='read')) == 2


# ----------------------------------------------------------------------------------------------- bodies


def test_body_that_is_not_json(sim, make_client):
    fault(sim, method='GET', path='/jobs/types$', action='bad_json')
    with pytest.raises(CommunicationError) as info:
        make_client().get(TYPES)
    assert info.value.message.startswith('OpsRamp returned a response that is not JSON (GET %s)' % TYPES)


def test_empty_body_is_none(sim, make_client):
    fault(sim, method='GET', path='/jobs/types$', action='empty')
    assert make_client().get(TYPES) is None


def test_redirect_is_reported_not_followed(sim, make_client, log):
    fault(sim, method='GET', path='/jobs/types$', action='status', status=301,
          headers={'Location': 'https://elsewhere.example.com/api'})
    with pytest.raises(ApiError) as info:
        make_client().get(TYPES)
    assert 'redirected to https://elsewhere.example.com/api; check url' in info.value.message
    assert len(log(kind='read')) == 1


# ----------------------------------------------------------------------------------------------- paging


def seed_jobs(sim, count, prefix='job'):
    return [sim.control.seed_job(dict(JOB, name='%s-%02d' % (prefix, n)), tenant='client_1') for n in range(count)]


def test_paginate_follows_next_page(sim, make_client, log):
    seed_jobs(sim, 7)
    names = [job['name'] for job in make_client().paginate(SEARCH, page_size=3)]
    assert names == ['job-%02d' % n for n in range(7)]
    assert [(e['query']['pageNo'], e['query']['pageSize']) for e in log(path='/search')] == [
        ('1', '3'), ('2', '3'), ('3', '3')]


def test_paginate_follows_a_server_that_shrinks_the_page(sim, make_client, log):
    sim.control.configure(max_page_size=2)
    seed_jobs(sim, 7)
    assert len(list(make_client().paginate(SEARCH, page_size=500))) == 7
    assert len(log(path='/search')) == 4


def test_paginate_accepts_a_bare_list(sim, make_client, log):
    sim.control.configure(search_shape='list')
    seed_jobs(sim, 7)
    assert len(list(make_client().paginate(SEARCH, page_size=3))) == 7
    assert len(log(path='/search')) == 1


def test_paginate_accepts_an_empty_body(sim, make_client, log):
    sim.control.configure(empty_body_when_no_results=True)
    assert not list(make_client().paginate(SEARCH))
    assert len(log(path='/search')) == 1


@pytest.mark.parametrize('page, requests', [
    ({'results': [{'id': 'a', 'name': 'a'}], 'nextPage': True}, 2),
    ({'results': [{'id': 'a', 'name': 'a'}], 'nextPage': True, 'totalPages': 1}, 1),
    ({'results': [{'id': 'a', 'name': 'a'}], 'nextPage': 'true', 'totalResults': 1}, 1),
    ({'results': [], 'nextPage': True}, 1),
], ids=['same-page-again', 'total-pages', 'total-results', 'empty-page'])
def test_paginate_stops_when_the_server_always_says_next_page(sim, make_client, log, page, requests):
    fault(sim, method='GET', path='/search$', action='status', status=200, body=page, times=0)
    items = list(make_client().paginate(SEARCH, page_size=1))
    assert items == page['results']
    assert len(log(path='/search')) == requests


def test_query_values_are_percent_encoded(sim, make_client, log):
    seed_jobs(sim, 2, prefix='a b')
    seed_jobs(sim, 1, prefix='other')
    found = list(make_client().paginate(SEARCH, {'queryString': 'name:a b'}))
    assert [job['name'] for job in found] == ['a b-00', 'a b-01']
    assert log(path='/search')[0]['query']['queryString'] == 'name:a b'


def test_api_path_quotes_every_part(make_client):
    client = make_client(tenant_id='client 1')
    assert client.api_path('jobs', 'a/b c', 7) == '/api/v2/tenants/client%201/jobs/a%2Fb%20c/7'


# ----------------------------------------------------------------------------------------------- validation


def connection_params(sim, **changes):
    params = dict((option['name'], option.get('default')) for option in CONNECTION_OPTIONS)
    params.update(url=sim.url, tenant_id='client_1', client_id='demo-client', client_secret='demo-secret')
    params.update(changes)
    return params


@pytest.mark.parametrize('changes, option, text', [
    (dict(url=None), 'url', "missing required option 'url' (or environment variable OPSRAMP_URL)"),
    (dict(tenant_id=' '), 'tenant_id', "missing required option 'tenant_id' (or environment variable OPSRAMP_TENANT_ID)"),
    (dict(url='ftp://acme.example.com'), 'url', 'is not an http(s) URL with a host'),
    (dict(url='acme.api.opsramp.com'), 'url', 'is not an http(s) URL with a host'),
    (dict(url='https://'), 'url', 'is not an http(s) URL with a host'),
    (dict(url='https://user:demo-secret@acme.example.com'), 'url', 'must not contain a user name or password'),
    (dict(client_id=None, client_secret=None), 'client_id',
     'give access_token (or environment variable OPSRAMP_ACCESS_TOKEN), or both client_id and client_secret'),
    (dict(client_secret=None), 'client_secret', "missing option 'client_secret' (or environment variable "
                                                "OPSRAMP_CLIENT_SECRET): it is required with client_id"),
    (dict(client_id=None), 'client_id', "missing option 'client_id'"),
    (dict(timeout=0), 'timeout', "option 'timeout' must be a number of seconds greater than 0"),
    (dict(timeout='soon'), 'timeout', "option 'timeout' must be"),
    (dict(max_retries=-1), 'max_retries', "option 'max_retries' must be an integer, 0 or more"),
    (dict(ca_path='/nonexistent/ca.pem'), 'ca_path', "ca_path '/nonexistent/ca.pem' is not a readable file"),
], ids=['no-url', 'no-tenant', 'ftp-url', 'no-scheme', 'no-host', 'userinfo', 'no-credentials', 'no-secret', 'no-client-id',
        'zero-timeout', 'text-timeout', 'negative-retries', 'missing-ca'])
def test_options_are_validated_before_any_request(sim, log, assert_no_secrets, changes, option, text):
    with pytest.raises(ValidationError) as info:
        Client.from_params(connection_params(sim, **changes))
    assert info.value.option == option
    assert text in info.value.message
    assert log() == []
    assert_no_secrets(info.value)


def test_from_params_applies_defaults_and_passes_warnings(sim, recorder):
    params = connection_params(sim, timeout=None, max_retries=None, token_path=None, validate_certs=False)
    client = Client.from_params(params, warn=recorder.warn)
    assert client.timeout == 30.0 and client.max_retries == 4 and client.token_path == TOKEN_PATH
    assert len(recorder.warnings) == 1
    assert client.get(TYPES)['jobNameAndType']
    client.close()


# ----------------------------------------------------------------------------------------------- TLS


def test_tls_self_signed_certificate_is_rejected_clearly(tls_simulator, make_client, recorder):
    client = make_client(url=tls_simulator.url)
    with pytest.raises(CommunicationError) as info:
        client.get(TYPES)
    message = info.value.message
    assert message.startswith('TLS certificate verification failed for %s: ' % tls_simulator.url)
    assert message.endswith('; set ca_path to the CA that signed it, or validate_certs false for testing only')
    assert 'self-signed' in message or 'self signed' in message
    assert recorder.sleeps == [] and info.value.maybe_applied is False


def test_tls_with_ca_path(tls_simulator, tls_files, make_client, recorder):
    client = make_client(url=tls_simulator.url, ca_path=tls_files[0])
    assert client.get(TYPES)['jobNameAndType']
    assert recorder.warnings == []


def test_tls_validation_disabled_warns_once(tls_simulator, make_client, recorder):
    with warnings.catch_warnings(record=True) as caught:
        client = make_client(url=tls_simulator.url, validate_certs=False)
        client.get(TYPES)
        client.get(TYPES)
    assert len(recorder.warnings) == 1
    assert recorder.warnings[0].startswith('TLS certificate validation is disabled')
    assert not [w for w in caught if issubclass(w.category, InsecureRequestWarning)]


# ----------------------------------------------------------------------------------------------- secrets


def test_repr_hides_credentials_and_tokens(sim, make_client):
    client = make_client()
    client.get(TYPES)
    token = sim.control.tokens()[-1]
    text = repr(client)
    assert 'demo-secret' not in text and token not in text and 'Bearer' not in text
    assert "client_id='demo-client'" in text and "tenant_id='client_1'" in text
    assert client.redact('token %s, secret demo-secret' % token) == 'token ********, secret ********'


def _leak_bad_credentials(sim, make_client):
    return make_client(client_secret='demo-secret-but-wrong').get(TYPES)


def _leak_second_401(sim, make_client):
    fault(sim, method='GET', path='/jobs/types$', action='status', status=401, times=0)
    return make_client().get(TYPES)


def _leak_expired_access_token(sim, make_client):
    make_client().get(TYPES)
    client = make_client(access_token=sim.control.tokens()[-1])
    sim.control.expire_tokens()
    return client.get(TYPES)


def _leak_echoed_in_body(sim, make_client):
    client = make_client()
    client.get(TYPES)
    echo = 'you sent demo-secret and Bearer %s' % sim.control.tokens()[-1]
    fault(sim, method='GET', path='/jobs/types$', action='status', status=409, body={'message': echo, 'code': '1'})
    return client.get(TYPES)


def _leak_echoed_in_text(sim, make_client):
    client = make_client()
    client.get(TYPES)
    fault(sim, method='POST', path='/jobs$', action='bad_json', raw_body='token %s' % sim.control.tokens()[-1])
    return client.post(JOBS, JOB)


def _leak_429(sim, make_client):
    fault(sim, method='GET', path='/jobs/types$', action='status', status=429, times=0, headers={'Retry-After': '1'})
    return make_client(max_retries=1).get(TYPES)


def _leak_timeout(sim, make_client):
    fault(sim, method='POST', path='/jobs$', action='delay_after_apply', seconds=1)
    return make_client(timeout=0.3).post(JOBS, JOB)


def _leak_reset(sim, make_client):
    fault(sim, method='POST', path='/jobs$', action='reset')
    return make_client().post(JOBS, JOB)


def _leak_refused(sim, make_client):
    return make_client(url='http://127.0.0.1:%d' % closed_port(), max_retries=0).get(TYPES)


def _leak_token_endpoint_error(sim, make_client):
    fault(sim, method='POST', path='oauth/token$', action='status', status=500, body={'message': 'demo-secret?'})
    return make_client().get(TYPES)


@pytest.mark.parametrize('scenario', [
    _leak_bad_credentials, _leak_second_401, _leak_expired_access_token, _leak_echoed_in_body, _leak_echoed_in_text,
    _leak_429, _leak_timeout, _leak_reset, _leak_refused, _leak_token_endpoint_error,
], ids=lambda f: f.__name__[6:])
def test_no_error_path_leaks_a_secret(sim, make_client, recorder, assert_no_secrets, scenario):
    clients = []

    def tracking_factory(**overrides):
        clients.append(make_client(**overrides))
        return clients[-1]

    with pytest.raises((ApiError, AuthenticationError, CommunicationError)) as info:
        scenario(sim, tracking_factory)
    assert_no_secrets(info.value, recorder.warnings, *clients)
    assert 'Authorization' not in repr(info.value.to_fail_kwargs())
