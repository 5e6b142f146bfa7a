# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""OpsRamp resources (the devices a job runs on), found by id, resource name, host name or IP address.

A job's entities name resources by id; a task may name them by ``name``, ``host_name`` or ``ip_address`` instead.
``ResourceResolver`` turns such a lookup into the one resource it names, with one search per distinct lookup for the
resolver's lifetime (one task: ``opsramp_jobs`` shares one resolver across its whole list and its worker threads).
The search's ``queryString`` is a hint only; every result is matched again here (api-behaviour §18).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ipaddress

from ansible_collections.opsramp.automation.plugins.module_utils._engine.answers import Answers, ask_all
from ansible_collections.opsramp.automation.plugins.module_utils._http.paginator import PAGE_SIZE
from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import ResourceLookupError, ValidationError

# entity option -> the search's query variable (api-behaviour §18)
QUERY_KEYS = {'id': 'id', 'name': 'resourceName', 'host_name': 'hostName', 'ip_address': 'ipAddress'}
LOOKUP_OPTIONS = ('name', 'host_name', 'ip_address')
TARGET_OPTIONS = ('id',) + LOOKUP_OPTIONS
_DESCRIPTIONS = {'id': 'id', 'name': 'name', 'host_name': 'host name', 'ip_address': 'IP address'}


# ---------------------------------------------------------------------------------------------------- search

def search_resources(client, query_string=None, page_size=PAGE_SIZE):
    """Every result (all pages) of the resources search, as OpsRamp returns them."""
    query = {'queryString': query_string} if query_string else {}
    return client.paginate(client.api_path('resources', 'search'), query=query, page_size=page_size)


def find_resources(client, option, value):
    """The resources whose ``option`` (id, name, host_name or ip_address) is exactly ``value``."""
    lookup = Lookup(option, value)
    return [resource for resource in search_resources(client, lookup.query_string())
            if isinstance(resource, dict) and lookup.matches(resource)]


def _field(resource, key):
    """A resource field, from the top level or else from ``generalInfo`` (both carry the names, api-behaviour §18)."""
    value = resource.get(key)
    if value in (None, ''):
        value = (resource.get('generalInfo') or {}).get(key) if isinstance(resource.get('generalInfo'), dict) else None
    return value


def resource_name(resource):
    return _field(resource, 'resourceName') or _field(resource, 'name')


def _same_address(text, wanted):
    try:
        return ipaddress.ip_address(str(text).strip()) == ipaddress.ip_address(wanted)
    except ValueError:
        return str(text).strip() == wanted


class Lookup:
    """One way of naming a resource: ``Lookup('host_name', 'core-sw-01.example.com')``."""

    def __init__(self, option, value):
        self.option = option
        self.value = str(value).strip()

    @property
    def key(self):
        """What makes two lookups the same search: host names compare regardless of case."""
        return (self.option, self.value.lower() if self.option == 'host_name' else self.value)

    def query_string(self):
        # '+' separates query terms even when encoded (api-behaviour §18): the hint stops before it
        return '%s:%s' % (QUERY_KEYS[self.option], self.value.split('+', 1)[0])

    def matches(self, resource):
        if self.option == 'id':
            return str(resource.get('id')) == self.value
        if self.option == 'name':
            return resource_name(resource) == self.value
        if self.option == 'host_name':
            return str(_field(resource, 'hostName') or '').lower() == self.value.lower()
        return _same_address(_field(resource, 'ipAddress') or '', self.value)

    def describe(self):
        return "%s '%s'" % (_DESCRIPTIONS[self.option], self.value)


# ---------------------------------------------------------------------------------------------------- resolving

class ResourceResolver:
    """Resources by lookup, each lookup searched at most once. Safe to share between threads."""

    def __init__(self, client):
        self._client = client
        self._answers = Answers()

    @property
    def searches(self):
        """How many searches the resolver sent."""
        return self._answers.computed

    def resolve(self, lookup):
        """The one resource ``lookup`` names; ResourceLookupError when none or several do.

        A failed search (OpsRamp unreachable, say) is an answer too: every entity with that lookup fails the same way,
        without searching again.
        """
        return self._answers.get(lookup.key, lambda: _the_one(
            self._client.tenant_id, lookup, find_resources(self._client, lookup.option, lookup.value)))


def _the_one(tenant_id, lookup, matches):
    if not matches:
        raise ResourceLookupError('no resource has the %s in tenant %s' % (lookup.describe(), tenant_id),
                                  matches=[])
    if len(matches) > 1:
        raise ResourceLookupError('%d resources have the %s in tenant %s: %s; give the id of the one to use'
                                  % (len(matches), lookup.describe(), tenant_id, ', '.join(map(_summary, matches))),
                                  matches=[_brief(resource) for resource in matches])
    return matches[0]


def _brief(resource):
    return dict(id=resource.get('id'), name=resource_name(resource), state=resource.get('state'))


def _summary(resource):
    brief = _brief(resource)
    extra = ', '.join(str(brief[key]) for key in ('name', 'state') if brief[key] not in (None, ''))
    return '%s (%s)' % (brief['id'], extra) if extra else str(brief['id'])


# ---------------------------------------------------------------------------------------------------- entities

def check_entity_target(entity, path):
    """Raise ValidationError unless ``entity`` names its resource in exactly one way, with a value that is not blank."""
    given = [option for option in TARGET_OPTIONS if entity.get(option) is not None]
    if len(given) != 1:
        found = ' (it has %s)' % ' and '.join(given) if given else ''
        raise ValidationError('%s: give exactly one of id, name, host_name or ip_address%s' % (path, found),
                              option=path)
    option = given[0]
    if not str(entity[option]).strip():
        raise ValidationError('%s.%s: must not be empty' % (path, option), option='%s.%s' % (path, option))


def lookup_of(entity):
    """The Lookup an entity option names its resource with, or None when it gives the id."""
    for option in LOOKUP_OPTIONS:
        if entity.get(option) is not None:
            return Lookup(option, entity[option])
    return None


def resolve_entities(resolver, entities, path='entities'):
    """``(entities, labels)``: the entities with every lookup replaced by the id it resolves to, and, for each
    resolved id, the (first) value it was resolved from, which a diff shows next to it. Entities given by id cost
    nothing.

    Raises ResourceLookupError naming the first entity (``entities[2]``) that names no resource or several.
    """
    resolved, labels = [], {}
    for index, entity in enumerate(entities or []):
        lookup = lookup_of(entity)
        if lookup is None:
            resolved.append(dict(entity))
            continue
        try:
            resource = resolver.resolve(lookup)
        except ResourceLookupError as error:
            raise ResourceLookupError('%s[%d]: %s' % (path, index, error.message), **error.details) from None
        entity = dict((key, value) for key, value in entity.items() if key not in LOOKUP_OPTIONS)
        entity['id'] = str(resource['id'])
        labels.setdefault(entity['id'], lookup.value)
        resolved.append(entity)
    return resolved, labels


def answer_all(resolver, lookups, workers=1):
    """Search every distinct one of ``lookups``, ``workers`` at a time, so that each answer (a resource or a lookup
    error) is known before anything is written; the errors are raised when the entities are resolved."""
    distinct = dict((lookup.key, lookup) for lookup in lookups)
    ask_all(resolver.resolve, distinct.values(), workers, expected=ResourceLookupError)
