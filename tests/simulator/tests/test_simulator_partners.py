# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

# Partners and their clients (docs/api-behaviour.md §21): the clients search and its knobs, integrations whose tokens
# act on one tenant, per-tenant jobs and rate-limit windows.

import pytest
import requests

from opsramp_simulator import SimControlError
from sim_helpers import Api, ncb_job

PARTNER = 'msp_7'


def _login(sim, key, secret, tenant):
    api = Api(sim.url, tenant=tenant)
    resp = api.get_token(client_id=key, client_secret=secret)
    assert resp.status_code == 200, resp.text
    api.token = resp.json()['access_token']
    api.session.headers['Authorization'] = 'Bearer ' + api.token
    return api


def _clients_url(api, partner=PARTNER, suffix='/search'):
    return '%s/api/v2/tenants/%s/clients%s' % (api.url, partner, suffix)


def _search(api, partner=PARTNER, **params):
    return api.session.get(_clients_url(api, partner), params=params, timeout=10)


def _unique_ids(resp):
    assert resp.status_code == 200, resp.text
    return [c['uniqueId'] for c in resp.json()['results']]


@pytest.fixture
def partner(sim):
    """msp_7 with 50 generated clients, the third suspended, the fourth terminated; a partner and a client integration."""
    seeded = sim.control.seed_partner(PARTNER, count=50, name='Acme MSP')['clients']
    ids = [c['uniqueId'] for c in seeded]
    sim.control.seed_partner(PARTNER, clients=[dict(uniqueId=ids[2], status='suspended'),
                                               dict(uniqueId=ids[3], status='terminated')])
    sim.control.seed_integration('partner-key', 'partner-secret', PARTNER)
    sim.control.seed_integration('client-key', 'client-secret', ids[0])
    return ids


def test_seeded_clients_are_numbered_named_and_spread_over_time_zones(sim, partner):
    assert len(partner) == 50 and len(set(partner)) == 50
    listed = sim.control.partners()
    assert listed[0]['partner'] == {'uniqueId': PARTNER, 'name': 'Acme MSP'}
    clients = listed[0]['clients']
    assert [c['name'] for c in clients[:3]] == ['Client 001', 'Client 002', 'Client 003']
    assert [c['status'] for c in clients[:5]] == ['active', 'active', 'suspended', 'terminated', 'active']
    assert [c['activated'] for c in clients[:4]] == [True, True, False, False]
    assert len(set(c['timeZone'] for c in clients)) == 4
    assert sim.control.stats()['clients'] == 50
    assert sim.control.integrations() == [{'client_id': 'client-key', 'tenant': partner[0]},
                                          {'client_id': 'partner-key', 'tenant': PARTNER}]


def test_the_search_pages_with_the_documented_envelope(sim, api, partner):
    first = _search(api, pageSize=20).json()
    assert first['totalResults'] == 50 and first['totalPages'] == 3 and first['nextPage'] is True
    assert first['pageNo'] == 1 and first['pageSize'] == 20 and len(first['results']) == 20
    last = _search(api, pageSize=20, pageNo=3).json()
    assert len(last['results']) == 10 and last['nextPage'] is False
    every = [c['uniqueId'] for n in (1, 2, 3) for c in _search(api, pageSize=20, pageNo=n).json()['results']]
    assert every == partner
    assert len(_search(api).json()['results']) == 50                     # default page size 100


def test_search_results_carry_the_example_keys_or_the_whole_record(sim, api, partner):
    sample = _search(api).json()['results'][0]
    assert set(sample) == {'id', 'uniqueId', 'name', 'activated', 'updatedTime', 'createdTime', 'createdBy',
                           'lastUpdatedBy'}
    sim.control.configure(client_search_fields='full')
    full = _search(api).json()['results'][0]
    assert full['timeZone'] and full['state'] == 'California' and 'status' not in full and 'partner' not in full
    sim.control.configure(booleans_as_strings=True)
    assert _search(api).json()['results'][0]['activated'] == 'true'


def test_active_status_terms_and_the_default_status_knob(sim, api, partner):
    assert _unique_ids(_search(api, queryString='activeStatus:false')) == partner[2:4]
    assert len(_unique_ids(_search(api, queryString='activeStatus:true'))) == 48
    assert len(_unique_ids(_search(api))) == 50
    sim.control.configure(client_default_status='active')
    assert len(_unique_ids(_search(api))) == 48
    assert _unique_ids(_search(api, queryString='activeStatus:false')) == partner[2:4]
    sim.control.configure(query_filter='ignore')
    assert len(_unique_ids(_search(api, queryString='activeStatus:false'))) == 50


def test_name_and_unique_id_terms_and_an_undocumented_variable(sim, api, partner):
    assert _unique_ids(_search(api, queryString='uniqueId:%s' % partner[9])) == [partner[9]]
    assert _unique_ids(_search(api, queryString='name:client 01')) == partner[9:19]     # a substring hint
    resp = _search(api, queryString='colour:blue')
    assert resp.status_code == 400 and resp.json()[0]['fieldName'] == 'queryString'


def test_minimal_list_and_one_client(sim, api, partner):
    minimal = api.session.get(_clients_url(api, suffix='/minimal'), timeout=10).json()
    assert minimal[0] == {'uniqueId': partner[0], 'name': 'Client 001'} and len(minimal) == 50
    one = api.session.get(_clients_url(api, suffix='/' + partner[1]), timeout=10).json()
    assert one['uniqueId'] == partner[1] and one['timeZone'] and one['activated'] is True
    assert api.session.get(_clients_url(api, suffix='/client_0'), timeout=10).status_code == 404


def test_shape_knobs_of_the_jobs_search_apply(sim, api, partner):
    sim.control.configure(search_shape='list')
    assert len(_search(api, pageSize=5).json()) == 50
    sim.control.configure(search_shape='envelope', max_page_size=10)
    assert len(_search(api, pageSize=100).json()['results']) == 10


@pytest.mark.parametrize('knob, status', [('403', 403), ('404', 404), ('empty', 200)])
def test_a_clients_search_on_a_client_id(sim, api, partner, knob, status):
    sim.control.configure(client_tenant_listing=knob)
    resp = _search(api, partner=partner[0])
    assert resp.status_code == status
    if status == 200:
        assert resp.json()['results'] == [] and resp.json()['totalResults'] == 0


def test_unknown_partner_answers_as_an_unknown_tenant(sim, api, partner):
    assert _search(api, partner='msp_404').status_code == 404
    sim.control.configure(unknown_tenant_status=403)
    assert _search(api, partner='msp_404').status_code == 403


def test_partner_credentials_manage_client_jobs_and_list_clients(sim, partner):
    api = _login(sim, 'partner-key', 'partner-secret', partner[5])
    assert len(_unique_ids(_search(api))) == 50
    created = api.create(ncb_job('Nightly backup'))
    assert created.status_code == 200, created.text
    assert [j['tenant'] for j in sim.control.jobs()] == [partner[5]]
    assert sim.control.jobs(tenant=partner[6]) == []
    assert api.search().json()['totalResults'] == 1
    assert api.call('GET', '/search', tenant=partner[6]).json()['totalResults'] == 0


def test_client_credentials_act_on_their_own_tenant_only(sim, partner):
    api = _login(sim, 'client-key', 'client-secret', partner[0])
    assert api.create(ncb_job()).status_code == 200
    denied = _search(api)
    assert denied.status_code == 401 and denied.json()['error'] == 'access_denied'
    assert api.create(ncb_job(), tenant=partner[1]).status_code == 401
    assert api.call('GET', '/search', tenant='client_1').status_code == 401
    sim.control.configure(denied_tenant_status=403)
    assert _search(api).status_code == 403
    assert [j['tenant'] for j in sim.control.jobs()] == [partner[0]]


def test_another_partners_credentials_may_not_touch_these_clients(sim, partner):
    sim.control.seed_partner('msp_8', count=2)
    sim.control.seed_integration('other-key', 'other-secret', 'msp_8')
    api = _login(sim, 'other-key', 'other-secret', partner[0])
    assert _search(api).status_code == 401
    assert api.create(ncb_job()).status_code == 401
    assert len(_unique_ids(_search(api, partner='msp_8'))) == 2


def test_bad_integration_secret_gets_no_token(sim, partner):
    resp = Api(sim.url).get_token(client_id='partner-key', client_secret='wrong')
    assert resp.status_code == 401


def test_the_default_credentials_act_on_every_tenant(sim, api, partner):
    assert len(_unique_ids(_search(api))) == 50
    assert api.create(ncb_job(), tenant=partner[7]).status_code == 200


def test_rate_windows_are_per_path_tenant_or_per_credentials(sim, partner):
    sim.control.configure(read_limit=3)
    api = _login(sim, 'partner-key', 'partner-secret', partner[0])
    statuses = [api.call('GET', '/search', tenant=tenant).status_code for tenant in partner[:6]]
    assert statuses == [200] * 6
    sim.control.reset()
    sim.control.seed_partner(PARTNER, count=6)
    sim.control.seed_integration('partner-key', 'partner-secret', PARTNER)
    sim.control.configure(read_limit=3, rate_limit_scope='credentials')
    api = _login(sim, 'partner-key', 'partner-secret', partner[0])
    statuses = [api.call('GET', '/search', tenant=tenant).status_code for tenant in partner[:6]]
    assert statuses == [200, 200, 200, 429, 429, 429]


def test_seeding_errors_and_reset(sim, partner):
    with pytest.raises(SimControlError):
        sim.control.seed_partner(partner[0], count=1)            # a client cannot be a partner
    with pytest.raises(SimControlError):
        sim.control.seed_partner('msp_8', clients=[{'uniqueId': partner[0]}])   # a client of msp_7
    with pytest.raises(SimControlError):
        sim.control.seed_partner(PARTNER, clients=[{'status': 'paused'}])
    with pytest.raises(SimControlError):
        sim.control.configure(client_tenant_listing='500')
    sim.control.reset()
    assert sim.control.partners() == [] and sim.control.integrations() == []
    assert requests.post(sim.url + '/tenancy/auth/oauth/token', timeout=10,
                         data={'grant_type': 'client_credentials', 'client_id': 'partner-key',
                               'client_secret': 'partner-secret'}).status_code == 401
