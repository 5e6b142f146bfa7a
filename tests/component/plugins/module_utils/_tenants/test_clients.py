# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A partner's clients over real HTTP: the listing with the collection's Client against the simulator, under every
answer docs/api-behaviour.md §21 leaves open (the simulator's knobs), with the requests it took."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import ApiError, ValidationError
from ansible_collections.opsramp.automation.plugins.module_utils._tenants import clients

PARTNER = 'msp_7'
PARTNER_KEY, PARTNER_SECRET = 'partner-key', 'partner-secret-0f3c9a'
CLIENT_KEY, CLIENT_SECRET = 'client-key', 'client-secret-77b1e2'


@pytest.fixture
def partner(sim):
    """msp_7 with 120 clients (more than a page of 100), the second suspended and the third terminated."""
    ids = [c['uniqueId'] for c in sim.control.seed_partner(PARTNER, count=120)['clients']]
    sim.control.seed_partner(PARTNER, clients=[dict(uniqueId=ids[1], status='suspended'),
                                               dict(uniqueId=ids[2], status='terminated')])
    sim.control.seed_integration(PARTNER_KEY, PARTNER_SECRET, PARTNER)
    sim.control.seed_integration(CLIENT_KEY, CLIENT_SECRET, ids[0])
    return ids


@pytest.fixture
def partner_client(make_client):
    def factory(tenant_id=PARTNER, client_id=PARTNER_KEY, client_secret=PARTNER_SECRET, **overrides):
        return make_client(tenant_id=tenant_id, client_id=client_id, client_secret=client_secret, **overrides)
    return factory


def searches(log):
    return [(e['path'], e['query']['queryString'], e['query']['pageNo']) for e in log(kind='read')]


def test_active_clients_over_two_pages(sim, partner, partner_client, log):
    listed = clients.list_clients(partner_client(), ['active'])
    assert [c['uniqueId'] for c in listed] == [partner[0]] + partner[3:]
    path = '/api/v2/tenants/msp_7/clients/search'
    assert searches(log) == [(path, 'activeStatus:true', '1'), (path, 'activeStatus:true', '2')]
    assert [e['query']['pageSize'] for e in log(kind='read')] == ['100', '100']
    assert len(log(kind='token')) == 1 and log(kind='write') == []


@pytest.mark.parametrize('knobs', [
    dict(client_default_status='active'), dict(query_filter='ignore'), dict(search_shape='list'),
    dict(booleans_as_strings=True), dict(client_search_fields='full'), dict(max_page_size=7),
])
def test_every_state_under_every_answer_the_evidence_allows(sim, partner, partner_client, knobs):
    sim.control.configure(**knobs)
    listed = clients.list_clients(partner_client(), ['active', 'inactive'])
    assert sorted(c['uniqueId'] for c in listed) == sorted(partner)
    states = dict((c['uniqueId'], clients.client_state(c)) for c in listed)
    assert states[partner[1]] == states[partner[2]] == 'inactive' and states[partner[0]] == 'active'
    chosen = clients.select(listed, clients.Filters(), PARTNER)
    assert sorted(c['uniqueId'] for c in chosen) == sorted([partner[0]] + partner[3:])


def test_time_zones_come_with_the_whole_record_or_with_details(sim, partner, partner_client, log):
    client = partner_client()
    listed = clients.list_clients(client, ['active'])
    assert 'timeZone' not in listed[0]                         # the documented example's keys only
    sim.control.clear_requests()
    detailed = clients.with_details(client, listed[:5])
    zones = dict((c['uniqueId'], c['timeZone']) for c in sim.control.partners()[0]['clients'])
    assert [d['timeZone'] for d in detailed] == [zones[c['uniqueId']] for c in listed[:5]]
    assert sorted(e['path'] for e in log(kind='read')) == sorted('/api/v2/tenants/msp_7/clients/%s' % c['uniqueId']
                                                                 for c in listed[:5])


@pytest.mark.parametrize('denied_status', [401, 403])
def test_client_credentials_may_not_list_the_partners_clients(sim, partner, partner_client, log, assert_no_secrets,
                                                              denied_status):
    sim.control.configure(denied_tenant_status=denied_status)
    with pytest.raises(ValidationError) as error:
        clients.list_clients(partner_client(client_id=CLIENT_KEY, client_secret=CLIENT_SECRET), ['active'])
    assert error.value.option == 'partner_id'
    assert error.value.message.startswith("OpsRamp refused to list the clients of partner_id 'msp_7' to these "
                                          "credentials (client_id 'client-key'): ")
    assert 'must be those of an integration of the partner itself' in error.value.message
    assert log(kind='write') == [] and all(e['status'] == denied_status for e in log(kind='read'))
    assert_no_secrets(error.value)


@pytest.mark.parametrize('answer, text', [
    ('403', "OpsRamp refused to list the clients of partner_id '%s'"),
    ('404', "option 'partner_id' is '%s', which OpsRamp does not know as a partner"),
    ('empty', "option 'partner_id' is '%s', whose clients search lists no client: it is a client's id"),
])
def test_a_client_id_that_is_a_uuid_is_refused_by_its_answer(sim, partner, partner_client, answer, text):
    uuid_client = '5878ee58-8c5b-46a8-b975-3754c3c67977'
    sim.control.seed_partner(PARTNER, clients=[dict(uniqueId=uuid_client)])
    sim.control.configure(client_tenant_listing=answer)
    with pytest.raises(ValidationError) as error:
        clients.list_clients(partner_client(tenant_id=uuid_client), ['active'])
    assert text % uuid_client in error.value.message and error.value.option == 'partner_id'


@pytest.mark.parametrize('status', [404, 403])
def test_an_unknown_partner(sim, partner, partner_client, status):
    sim.control.configure(unknown_tenant_status=status)
    with pytest.raises(ValidationError) as error:
        clients.list_clients(partner_client(tenant_id='msp_404'), ['active'])
    assert error.value.option == 'partner_id' and "'msp_404'" in error.value.message


def test_bad_credentials_fail_at_the_token_with_their_own_message(sim, partner, partner_client, log):
    with pytest.raises(Exception) as error:
        clients.list_clients(partner_client(client_secret='wrong-secret-123456'), ['active'])
    assert "OpsRamp rejected the client credentials (client_id 'partner-key')" in str(error.value)
    assert log(kind='read') == []


def test_a_server_error_is_not_taken_for_a_refusal(sim, partner, partner_client):
    sim.control.add_faults([dict(path='/clients/search', status=503, times=0)])
    with pytest.raises(ApiError) as error:
        clients.list_clients(partner_client(max_retries=1), ['active'])
    assert error.value.status == 503
