# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

# Partners (msp_...) and their client tenants, the integrations whose tokens act on one tenant, and the clients
# search and listing. What is assumed about OpsRamp here is written down in docs/api-behaviour.md §21.

import copy
import threading
import time

from .rewrites import parse_query_string, stringify_scalars

STATUSES = ('active', 'suspended', 'terminated')

# The keys of a clients search result in the OpenAPI example (client_search_fields='sample').
SAMPLE_SEARCH_KEYS = ('id', 'uniqueId', 'name', 'activated', 'updatedTime', 'createdTime', 'createdBy', 'lastUpdatedBy')

# Time zones given in turn to generated clients, so that a test can group by time zone.
TIME_ZONES = ('UTC', 'America/New_York', 'Europe/Berlin', 'Asia/Kolkata')

# The documented queryString variables of the clients search (§21); any other one is refused.
DOCUMENTED_KEYS = ('uniqueId', 'name', 'activeStatus', 'startCreationDate', 'endCreationDate', 'startUpdationDate',
                   'endUpdationDate')
_KEYS_BY_LOWER = dict((key.lower(), key) for key in DOCUMENTED_KEYS)

ACCESS_DENIED = {'error': 'access_denied', 'error_description': 'Access is denied'}
_CREATOR = {'loginName': 'superadmin', 'lastName': 'Admin', 'firstName': 'OpsRamp', 'email': 'admin@example.com'}
_EPOCH = 1700000000   # creation time of the client with id 0; each later id is one minute younger


class Refusal(Exception):
    """An error answer to an API request: ``status`` and JSON ``body``."""

    def __init__(self, status, body):
        super().__init__('%s %s' % (status, body))
        self.status = status
        self.body = body


def _timestamp(epoch):
    return time.strftime('%Y-%m-%dT%H:%M:%S+0000', time.gmtime(epoch))


class PartnerStore:
    """Partners, their clients, integrations and the tenant each token was issued for. Thread-safe."""

    def __init__(self):
        self.lock = threading.RLock()
        self.partners = {}        # partner id -> {'uniqueId', 'name'}
        self.clients = {}         # client uniqueId -> record (the whole client, plus 'partner' and 'status')
        self.integrations = {}    # key -> (secret, tenant)
        self.token_tenants = {}   # token -> tenant of the integration that got it
        self.next_id = 1001    # client ids: client_1001, ... (apart from the default tenants client_1, msp_1)

    # ------------------------------------------------------------ seeding (control API)

    def seed_partner(self, partner, name=None, clients=None, count=0):
        """Add a partner (or more clients to it): ``clients`` as given, then ``count`` generated ones."""
        if not isinstance(partner, str) or not partner:
            raise ValueError('partner must be a tenant id such as msp_1')
        if clients is not None and not isinstance(clients, list):
            raise ValueError('clients must be a list of objects')
        try:
            count = int(count or 0)
        except (TypeError, ValueError):
            raise ValueError('count must be an integer') from None
        with self.lock:
            if partner in self.clients:
                raise ValueError('%s is a client tenant' % partner)
            entry = self.partners.setdefault(partner, {'uniqueId': partner, 'name': name or 'Partner %s' % partner})
            if name:
                entry['name'] = name
            stored = [self._store_client(partner, item) for item in (clients or [])]
            first = len(self.clients_of(partner)) + 1
            stored += [self._store_client(partner, {'name': 'Client %03d' % number})
                       for number in range(first, first + count)]
            return {'partner': copy.deepcopy(entry), 'clients': copy.deepcopy(stored)}

    def _store_client(self, partner, item):
        if not isinstance(item, dict):
            raise ValueError('a client must be a JSON object')
        unique_id = item.get('uniqueId')
        old = self.clients.get(unique_id)
        status = str(item.get('status', old['status'] if old else 'active')).lower()
        if status not in STATUSES:
            raise ValueError('client status must be one of %s' % ', '.join(STATUSES))
        if old is not None and old['partner'] != partner:
            raise ValueError('%s is a client of %s' % (unique_id, old['partner']))
        if unique_id in self.partners:
            raise ValueError('%s is a partner' % unique_id)
        record = old if old is not None else self._new_client(unique_id)
        record.update(copy.deepcopy(item))
        record.update({'partner': partner, 'status': status, 'activated': status == 'active'})
        self.clients[record['uniqueId']] = record
        return self._control_view(record)

    def _new_client(self, unique_id):
        """A client record with every key of the documented example and of the whole record (§21)."""
        number = self.next_id
        self.next_id += 1
        created = _timestamp(_EPOCH + 60 * number)
        return {
            'id': number, 'uniqueId': unique_id or 'client_%d' % number, 'name': 'Client %d' % number,
            'timeZone': TIME_ZONES[number % len(TIME_ZONES)], 'address': '%d Main Street' % number,
            'city': 'San Jose', 'state': 'California', 'country': 'United States', 'zip': '95101',
            'createdTime': created, 'updatedTime': created, 'createdBy': dict(_CREATOR),
            'lastUpdatedBy': dict(_CREATOR),
        }

    @staticmethod
    def _control_view(record):
        return copy.deepcopy(record)

    def clients_of(self, partner):
        with self.lock:
            return [r for r in sorted(self.clients.values(), key=lambda r: r['id']) if r['partner'] == partner]

    def control_partners(self):
        with self.lock:
            return [{'partner': copy.deepcopy(entry), 'clients': [self._control_view(r) for r in self.clients_of(pid)]}
                    for pid, entry in sorted(self.partners.items())]

    def delete_all(self):
        with self.lock:
            count = len(self.partners)
            self.partners, self.clients = {}, {}
            return count

    def seed_integration(self, key, secret, tenant):
        if not all(isinstance(v, str) and v for v in (key, secret, tenant)):
            raise ValueError('an integration needs client_id, client_secret and tenant (strings)')
        with self.lock:
            self.integrations[key] = (secret, tenant)
            return {'client_id': key, 'tenant': tenant}

    def control_integrations(self):
        with self.lock:
            return [{'client_id': key, 'tenant': tenant} for key, (_secret, tenant) in sorted(self.integrations.items())]

    # ------------------------------------------------------------ credentials and scope

    def integration_tenant(self, key, secret):
        """The tenant of the integration with this key and secret, or None when there is no such integration."""
        with self.lock:
            found = self.integrations.get(key)
            return found[1] if found and found[0] == secret else None

    def bind_token(self, token, tenant):
        with self.lock:
            self.token_tenants[token] = tenant

    def token_tenant(self, token):
        """The tenant a token may act on (with its clients, for a partner), or None: the default credentials, which
        may act on every tenant."""
        with self.lock:
            return self.token_tenants.get(token)

    def knows(self, tenant):
        with self.lock:
            return tenant in self.partners or tenant in self.clients

    def partner_of(self, tenant):
        with self.lock:
            record = self.clients.get(tenant)
            return record['partner'] if record else None

    def may_act_on(self, token, tenant):
        """Whether the token's integration may act on ``tenant``: its own, or a client of its partner."""
        own = self.token_tenant(token)
        return own is None or own == tenant or self.partner_of(tenant) == own

    def rate_key(self, cfg, token, tenant):
        """The tenant whose rate-limit window a request counts in (the rate_limit_scope knob)."""
        if cfg.rate_limit_scope == 'credentials':
            return self.token_tenant(token) or tenant
        return tenant

    # ------------------------------------------------------------ API answers

    def clients_answer(self, cfg, tenant, sub, query):
        """(items, paged) for GET .../tenants/{tenant}/clients/<sub>; raises Refusal for an error answer."""
        if self.partner_of(tenant) is not None:
            return self._listing_of_a_client(cfg, tenant), True
        if sub == ['search']:
            return [self._search_view(cfg, r) for r in self._search(cfg, tenant, query.get('queryString'))], True
        if sub == ['minimal']:
            return [{'uniqueId': r['uniqueId'], 'name': r['name']} for r in self.clients_of(tenant)], False
        if len(sub) == 1:
            with self.lock:
                record = self.clients.get(sub[0])
            if record is None or record['partner'] != tenant:
                raise Refusal(404, {'code': '0004', 'message': 'Client not found: %s' % sub[0]})
            return self._view(cfg, record, None), False
        raise Refusal(404, {'error': 'not_found', 'error_description': 'No such API'})

    @staticmethod
    def _listing_of_a_client(cfg, tenant):
        """A clients search on a client's own id: a client has no clients (§21, the client_tenant_listing knob)."""
        if cfg.client_tenant_listing == 'empty':
            return []
        if cfg.client_tenant_listing == '404':
            raise Refusal(404, {'code': '0004', 'message': 'Partner not found: %s' % tenant})
        raise Refusal(403, ACCESS_DENIED)

    def _search(self, cfg, partner, text):
        terms = _query_terms(text if isinstance(text, str) else '')
        if cfg.query_filter == 'ignore':
            return self.clients_of(partner)
        if not any(key == 'activeStatus' for key, _value in terms) and cfg.client_default_status == 'active':
            terms.append(('activeStatus', 'true'))
        return [r for r in self.clients_of(partner) if all(_term_matches(r, key, value) for key, value in terms)]

    def _search_view(self, cfg, record):
        keys = SAMPLE_SEARCH_KEYS if cfg.client_search_fields == 'sample' else None
        return self._view(cfg, record, keys)

    @staticmethod
    def _view(cfg, record, keys):
        view = dict((k, copy.deepcopy(v)) for k, v in record.items()
                    if k not in ('partner', 'status') and (keys is None or k in keys))
        return stringify_scalars(view) if cfg.booleans_as_strings else view


def _query_terms(text):
    terms = []
    for key, value in parse_query_string(text):
        documented = _KEYS_BY_LOWER.get(key.lower())
        if documented is None:
            raise Refusal(400, [{'code': '0002', 'fieldName': 'queryString', 'message': 'Unknown query variable: %s' % key}])
        terms.append((documented, value))
    return terms


def _term_matches(record, key, value):
    if key == 'uniqueId':
        return record['uniqueId'] == value
    if key == 'name':
        return value.lower() in str(record.get('name') or '').lower()
    if key == 'activeStatus':
        return record['activated'] == (value.strip().lower() == 'true')
    return True   # the date terms are not modelled: no filter
