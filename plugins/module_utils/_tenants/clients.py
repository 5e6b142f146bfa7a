# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A partner's client tenants: listed, filtered and turned into inventory hosts (the ``tenants`` inventory plugin).

Everything assumed about OpsRamp here is in docs/api-behaviour.md §21 ("api-behaviour §21"). The HTTP goes through the
collection's ``Client``; what this file adds is which requests to send and what the answers mean.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import fnmatch

from concurrent.futures import ThreadPoolExecutor

from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import (
    ApiError,
    AuthenticationError,
    ValidationError,
)

STATES = ('active', 'inactive')
DEFAULT_STATES = ('active',)
FILTER_KEYS = ('include', 'exclude', 'states')
PAGE_SIZE = 100          # the documented default of the clients search; no source gives a largest size
DETAIL_WORKERS = 4       # concurrent reads of whole client records (client_details)
# activeStatus term of each state (api-behaviour §21)
_ACTIVE_STATUS = dict(active='true', inactive='false')


class Filters:
    """The ``filters`` option, checked: ``include`` and ``exclude`` shell patterns, matched regardless of case
    against a client's name and its id, and the ``states`` wanted."""

    def __init__(self, include=None, exclude=None, states=None):
        self.include = _patterns('include', include)
        self.exclude = _patterns('exclude', exclude)
        self.states = _states(states)

    @classmethod
    def from_option(cls, value):
        if value is None:
            return cls()
        if not isinstance(value, dict):
            raise ValidationError("option 'filters' must be a dictionary with keys %s, got %r"
                                  % (', '.join(FILTER_KEYS), value), option='filters')
        unknown = sorted(set(value) - set(FILTER_KEYS))
        if unknown:
            raise ValidationError("option 'filters' has unknown key(s) %s; known keys: %s"
                                  % (', '.join(unknown), ', '.join(FILTER_KEYS)), option='filters')
        return cls(**value)

    def admits(self, record):
        """Whether ``record`` (a listed client) passes every filter."""
        texts = [str(record.get(key) or '').lower() for key in ('name', 'uniqueId')]
        if client_state(record) not in self.states:
            return False
        if self.include and not any(_matches(texts, pattern) for pattern in self.include):
            return False
        return not any(_matches(texts, pattern) for pattern in self.exclude)

    def describe(self):
        parts = ['states %s' % ', '.join(self.states)]
        parts.extend('%s %s' % (key, ', '.join(getattr(self, key))) for key in ('include', 'exclude') if getattr(self, key))
        return '; '.join(parts)


def _patterns(key, value):
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
        raise ValidationError("option 'filters.%s' must be a list of name or id patterns (shell style, such as "
                              "'acme-*'), got %r" % (key, value), option='filters.%s' % key)
    return [item.strip().lower() for item in value]


def _states(value):
    if value is None:
        return list(DEFAULT_STATES)
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value or any(str(item).lower() not in STATES for item in value):
        raise ValidationError("option 'filters.states' must be a non-empty list of %s, got %r"
                              % (' and '.join(STATES), value), option='filters.states')
    return sorted(set(str(item).lower() for item in value), key=STATES.index)


def _matches(texts, pattern):
    return any(fnmatch.fnmatchcase(text, pattern) for text in texts)


def check_partner_id(partner_id):
    """A client's id cannot be the partner: refused before any request (a client has no clients, api-behaviour §21)."""
    if str(partner_id).lower().startswith('client_'):
        raise ValidationError("option 'partner_id' is '%s', a client tenant's id: give the id of the partner (msp_...) "
                              "whose clients make the inventory; a client has no clients" % partner_id,
                              option='partner_id')


def client_state(record):
    """``active`` when the client's ``activated`` is true (a boolean, or the text ``true``), ``inactive`` otherwise.
    A client record's ``state`` is the state of its address, not this (api-behaviour §21)."""
    activated = record.get('activated')
    if isinstance(activated, str):
        activated = activated.strip().lower() == 'true'
    return 'active' if activated is True else 'inactive'


def list_clients(client, states):
    """Every client of the partner (``client.tenant_id``) in the wanted ``states``, in the order listed: one clients
    search per state (an ``activeStatus`` term each), the results merged by ``uniqueId``."""
    if client.config.can_fetch_tokens and not client.config.access_token:
        client.fetch_token()  # bad credentials fail here, with their own message, before the listing is asked
    path = client.api_path('clients', 'search')
    found = {}
    for state in states:
        query = dict(queryString='activeStatus:%s' % _ACTIVE_STATUS[state])
        try:
            for record in client.paginate(path, query=query, page_size=PAGE_SIZE):
                if isinstance(record, dict) and record.get('uniqueId'):
                    found.setdefault(str(record['uniqueId']), record)
        except (ApiError, AuthenticationError) as error:
            raise _listing_error(client, error)
    if not found:
        raise ValidationError("option 'partner_id' is '%s', whose clients search lists no client: it is a client's id "
                              "(a client has no clients), or a partner without any client" % client.tenant_id,
                              option='partner_id')
    return list(found.values())


def _listing_error(client, error):
    partner, status = client.tenant_id, getattr(error, 'status', None)
    if status == 404:
        return ValidationError("option 'partner_id' is '%s', which OpsRamp does not know as a partner (%s)"
                               % (partner, error.message), option='partner_id')
    if status in (401, 403) or isinstance(error, AuthenticationError):
        who = "client_id '%s'" % client.config.client_id if client.config.client_id else 'access_token'
        return ValidationError(
            "OpsRamp refused to list the clients of partner_id '%s' to these credentials (%s): %s. The credentials "
            "must be those of an integration of the partner itself, since a client's integration may not list its "
            "partner's clients; and partner_id must be the partner's id (msp_...), not a client's"
            % (partner, who, error.message), option='partner_id')
    return error


def select(records, filters, partner_id):
    """The clients that pass ``filters``; refuses a selection of no client, saying how many were listed."""
    chosen = [record for record in records if filters.admits(record)]
    if not chosen:
        raise ValidationError("option 'filters' (%s) matches none of the %d clients listed for partner_id '%s'"
                              % (filters.describe(), len(records), partner_id), option='filters')
    return chosen


def with_details(client, records):
    """``records`` each merged with the client's whole record (time zone, address...): one GET per client, a few at
    a time; what the listing said wins where both have a key."""
    def read(record):
        whole = client.get(client.api_path('clients', record['uniqueId']))
        return dict(whole, **record) if isinstance(whole, dict) else record

    with ThreadPoolExecutor(max_workers=DETAIL_WORKERS) as pool:
        return list(pool.map(read, records))


def host_vars(record, partner_id):
    """The variables of a client's inventory host."""
    variables = dict(
        opsramp_partner_id=partner_id,
        opsramp_client_id=str(record['uniqueId']),
        opsramp_client_name=record.get('name'),
        opsramp_client_state=client_state(record),
        opsramp_client=record,
    )
    if record.get('timeZone'):
        variables['opsramp_client_timezone'] = record['timeZone']
    return variables
