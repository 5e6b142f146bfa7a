# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The client over real HTTP against the simulator: pagination, paths and query encoding, and no secret in any
error, warning or repr; counts come from the simulator's request log."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.opsramp.automation.tests.component.plugins.module_utils.http_support import JOB, JOBS, SEARCH, TYPES, closed_port, fault

from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import (
    ApiError,
    AuthenticationError,
    CommunicationError,
)


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


def test_paginate_does_not_take_an_empty_body_for_no_results(sim, make_client, log):
    # api-behaviour §4: an empty answer could hide jobs that exist, and a create would then duplicate one
    sim.control.configure(empty_body_when_no_results=True)
    with pytest.raises(CommunicationError, match='with an empty body, every time it was asked'):
        list(make_client(max_retries=1).paginate(SEARCH))
    assert len(log(path='/search')) == 2


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
