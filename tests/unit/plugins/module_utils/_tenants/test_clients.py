# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A partner's clients without a server: filters, states, host variables, and the listing over a fake client that
answers each clients search from a list (api-behaviour §21)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.opsramp.automation.plugins.module_utils._tenants import clients
from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import (
    ApiError,
    AuthenticationError,
    CommunicationError,
    ValidationError,
)

ACME = {'id': 1, 'uniqueId': 'client_11', 'name': 'Acme Corp', 'activated': True}
BETA = {'id': 2, 'uniqueId': 'client_12', 'name': 'Beta Sandbox', 'activated': 'true'}
GONE = {'id': 3, 'uniqueId': 'client_13', 'name': 'Gone Ltd', 'activated': False, 'state': 'California'}
ZULU = {'id': 4, 'uniqueId': '5878ee58-8c5b-46a8-b975-3754c3c67977', 'name': 'Zulu', 'activated': 'FALSE',
        'timeZone': 'Europe/Berlin'}


class _Config:
    def __init__(self, client_id='partner-key', access_token=None):
        self.client_id = client_id
        self.access_token = access_token
        self.can_fetch_tokens = bool(client_id)


class FakeClient:
    """Answers the clients search of ``msp_1`` from ``clients``, honouring the activeStatus term (or not)."""

    tenant_id = 'msp_1'

    def __init__(self, listed, honour_terms=True, failure=None, **config):
        self.listed = listed
        self.honour_terms = honour_terms
        self.failure = failure
        self.config = _Config(**config)
        self.queries = []
        self.tokens_fetched = 0

    def fetch_token(self):
        self.tokens_fetched += 1

    def api_path(self, *parts):
        return '/api/v2/tenants/msp_1/' + '/'.join(parts)

    def paginate(self, path, query=None, page_size=100):
        assert path == '/api/v2/tenants/msp_1/clients/search' and page_size == clients.PAGE_SIZE
        self.queries.append(query['queryString'])
        if self.failure is not None:
            raise self.failure
        wanted = query['queryString'] == 'activeStatus:true'
        return iter([c for c in self.listed
                     if not self.honour_terms or (clients.client_state(c) == 'active') == wanted])

    def get(self, path):
        unique_id = path.rsplit('/', 1)[1]
        return {'uniqueId': unique_id, 'name': 'the whole record', 'timeZone': 'UTC', 'country': 'France'}


@pytest.mark.parametrize('record, state', [
    (ACME, 'active'), (BETA, 'active'), (GONE, 'inactive'), (ZULU, 'inactive'),
    ({'uniqueId': 'client_9'}, 'inactive'),               # no activated at all: not known to be active
])
def test_state_comes_from_activated_not_from_the_postal_state(record, state):
    assert clients.client_state(record) == state


def test_default_filters_keep_active_clients():
    filters = clients.Filters.from_option({})
    assert filters.states == ['active'] and filters.include == [] and filters.exclude == []
    assert [c['uniqueId'] for c in [ACME, BETA, GONE, ZULU] if filters.admits(c)] == ['client_11', 'client_12']
    assert clients.Filters.from_option(None).states == ['active']


def test_patterns_match_name_or_id_in_any_case():
    filters = clients.Filters.from_option({'include': ['acme*', 'CLIENT_12'], 'exclude': '*sandbox*',
                                           'states': ['inactive', 'active']})
    assert filters.states == ['active', 'inactive']
    assert [c['uniqueId'] for c in [ACME, BETA, GONE, ZULU] if filters.admits(c)] == ['client_11']
    every_state = clients.Filters(states=['active', 'inactive'], exclude=['5878ee58-*'])
    admitted = [c['name'] for c in [ACME, BETA, GONE, ZULU] if every_state.admits(c)]
    assert admitted == ['Acme Corp', 'Beta Sandbox', 'Gone Ltd']


@pytest.mark.parametrize('value, option, text', [
    ('active', 'filters', "must be a dictionary with keys include, exclude, states"),
    ({'state': ['active']}, 'filters', "unknown key(s) state; known keys: include, exclude, states"),
    ({'states': ['suspended']}, 'filters.states', "non-empty list of active and inactive, got ['suspended']"),
    ({'states': []}, 'filters.states', 'non-empty list'),
    ({'include': [3]}, 'filters.include', 'list of name or id patterns'),
    ({'exclude': ['  ']}, 'filters.exclude', 'list of name or id patterns'),
])
def test_bad_filters_name_the_option(value, option, text):
    with pytest.raises(ValidationError) as error:
        clients.Filters.from_option(value)
    assert error.value.option == option and text in error.value.message
    assert "'%s'" % option in error.value.message


def test_a_client_id_is_refused_as_partner():
    with pytest.raises(ValidationError) as error:
        clients.check_partner_id('Client_42')
    assert error.value.option == 'partner_id'
    assert "option 'partner_id' is 'Client_42', a client tenant's id" in error.value.message
    clients.check_partner_id('msp_42')
    clients.check_partner_id('5878ee58-8c5b-46a8-b975-3754c3c67977')     # a UUID can only be asked


def test_listing_sends_one_search_per_state_and_checks_each_result_again():
    client = FakeClient([ACME, GONE, BETA], honour_terms=False)   # a server that ignores activeStatus
    listed = clients.list_clients(client, ['active', 'inactive'])
    assert client.queries == ['activeStatus:true', 'activeStatus:false']
    assert [c['uniqueId'] for c in listed] == ['client_11', 'client_13', 'client_12']      # each once, in order
    assert client.tokens_fetched == 1
    chosen = clients.select(listed, clients.Filters(), 'msp_1')
    assert [c['uniqueId'] for c in chosen] == ['client_11', 'client_12']


def test_a_given_access_token_is_not_replaced_before_listing():
    client = FakeClient([ACME], access_token='token', client_id=None)
    assert clients.list_clients(client, ['active']) == [ACME] and client.tokens_fetched == 0


def test_a_partner_without_clients_is_an_error_naming_partner_id():
    with pytest.raises(ValidationError) as error:
        clients.list_clients(FakeClient([GONE]), ['active'])
    assert error.value.option == 'partner_id'
    assert error.value.message == ("option 'partner_id' is 'msp_1', whose clients search lists no client: it is a "
                                   "client's id (a client has no clients), or a partner without any client")


@pytest.mark.parametrize('failure, text', [
    (ApiError('OpsRamp API error 404 on GET /x: Tenant not found', status=404),
     "option 'partner_id' is 'msp_1', which OpsRamp does not know as a partner (OpsRamp API error 404"),
    (ApiError('OpsRamp API error 403 on GET /x: Access is denied', status=403),
     "OpsRamp refused to list the clients of partner_id 'msp_1' to these credentials (client_id 'partner-key'): "
     "OpsRamp API error 403 on GET /x: Access is denied. The credentials must be those of an integration of the "
     "partner itself"),
    (AuthenticationError('OpsRamp refused a freshly issued token (HTTP 401 ...)'),
     "to these credentials (client_id 'partner-key'): OpsRamp refused a freshly issued token (HTTP 401 ...)."),
])
def test_refusals_are_explained(failure, text):
    with pytest.raises(ValidationError) as error:
        clients.list_clients(FakeClient([ACME], failure=failure), ['active'])
    assert error.value.option == 'partner_id' and text in error.value.message


def test_other_failures_pass_through():
    failure = CommunicationError('OpsRamp did not answer')
    with pytest.raises(CommunicationError):
        clients.list_clients(FakeClient([ACME], failure=failure), ['active'])
    server_error = ApiError('OpsRamp API error 500', status=500)
    with pytest.raises(ApiError):
        clients.list_clients(FakeClient([ACME], failure=server_error), ['active'])


def test_a_filter_that_keeps_no_client_says_how_many_were_listed():
    with pytest.raises(ValidationError) as error:
        clients.select([ACME, BETA], clients.Filters(include=['nobody*']), 'msp_1')
    assert error.value.option == 'filters'
    assert error.value.message == ("option 'filters' (states active; include nobody*) matches none of the 2 clients "
                                   "listed for partner_id 'msp_1'")


def test_host_vars():
    assert clients.host_vars(ZULU, 'msp_1') == {
        'opsramp_partner_id': 'msp_1', 'opsramp_client_id': ZULU['uniqueId'], 'opsramp_client_name': 'Zulu',
        'opsramp_client_state': 'inactive', 'opsramp_client_timezone': 'Europe/Berlin', 'opsramp_client': ZULU}
    assert 'opsramp_client_timezone' not in clients.host_vars(ACME, 'msp_1')


def test_details_merge_the_whole_record_under_the_listed_values():
    merged = clients.with_details(FakeClient([]), [ACME, BETA])
    assert [m['timeZone'] for m in merged] == ['UTC', 'UTC']
    assert merged[0]['name'] == 'Acme Corp' and merged[0]['country'] == 'France' and merged[1]['id'] == 2
