# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

# The resources (devices) a job can target, and the queryString filter of GET .../resources/search.
# What is assumed about OpsRamp here is written down in docs/api-behaviour.md §18 (resources search).

import copy
import uuid

from .rewrites import parse_query_string

# The query variables OpsRamp documents for the resources search; any other key is refused ("Allow only listed
# variables": docs.opsramp.com, Search resources).
DOCUMENTED_KEYS = (
    'hostName', 'dnsName', 'resourceName', 'aliasName', 'id', 'serialNumber', 'ipAddress', 'systemUID', 'state',
    'type', 'deviceType', 'resourceType', 'startCreationDate', 'endCreationDate', 'startUpdationDate',
    'endUpdationDate', 'tags', 'template', 'agentProfile', 'gatewayProfile', 'instanceId', 'accountNumber',
    'installedIntgId', 'agentInstalled', 'deviceGroup', 'serviceGroup', 'deviceLocation', 'isEquals',
    'assetManagedTime', 'firstAssetManagedTime', 'aliasIp', 'appRoles', 'osArchitecture',
)
_KEYS_BY_LOWER = dict((key.lower(), key) for key in DOCUMENTED_KEYS)

# The documentation lists "hostName/resourceName: Name of the host" as one variable: either key matches either field.
_NAME_FIELDS = ('resourceName', 'name', 'hostName')
# Keys matched as a case-insensitive substring ("similar match"; isEquals is documented for groups and locations only).
_SUBSTRING_FIELDS = {
    'hostName': _NAME_FIELDS,
    'resourceName': _NAME_FIELDS,
    'aliasName': ('aliasName',),
    'dnsName': ('dns',),
    'ipAddress': ('ipAddress',),
}
_EXACT_FIELDS = {'id': 'id', 'type': 'type', 'serialNumber': 'serialNumber', 'systemUID': 'systemUID'}

STATES = ('active', 'inactive', 'discovered')


def stored_resource(resource, tenant):
    """A seeded resource in the shape a search returns (the ``resourceFull`` schema's main fields)."""
    if not isinstance(resource, dict):
        raise ValueError('a resource must be a JSON object')
    data = copy.deepcopy(resource)
    data.pop('tenant', None)
    name = data.get('resourceName', data.get('name'))
    state = data.get('state', 'active')
    if state not in STATES:
        raise ValueError('resource state must be one of %s' % ', '.join(STATES))
    data.update({
        'id': str(data.get('id') or uuid.uuid4()),
        'name': name,
        'resourceName': name,
        'type': data.get('type', 'DEVICE'),
        'resourceType': data.get('resourceType', 'Server'),
        'state': state,
        'clientUniqueId': tenant,
    })
    general = data.setdefault('generalInfo', {})
    for key in ('hostName', 'resourceName', 'resourceType', 'aliasName'):
        if data.get(key) is not None:
            general.setdefault(key, data[key])
    return data


def query_terms(text):
    """The queryString as [(documented key, value)]; ValueError naming the first key OpsRamp would refuse."""
    terms = []
    for key, value in parse_query_string(text):
        documented = _KEYS_BY_LOWER.get(key.lower())
        if documented is None:
            raise ValueError('Unknown query variable: %s' % key)
        terms.append((documented, value))
    return terms


def matches(resource, terms, default_state):
    """Whether a resource passes every term; without a state term, only ``default_state`` ('all' or a state)."""
    wanted_state = default_state
    for key, value in terms:
        if key == 'state':
            wanted_state = value.lower()
        elif not _term_matches(resource, key, value):
            return False
    return wanted_state == 'all' or str(resource.get('state')).lower() == wanted_state


def _term_matches(resource, key, value):
    if key in _SUBSTRING_FIELDS:
        text = value.lower()
        return any(text in str(resource.get(field) or '').lower() for field in _SUBSTRING_FIELDS[key])
    if key in _EXACT_FIELDS:
        return str(resource.get(_EXACT_FIELDS[key])).lower() == value.lower()
    if key == 'resourceType':
        wanted = set(part.strip().lower() for part in value.split(','))
        return str(resource.get('resourceType')).lower() in wanted
    return True   # a documented variable the simulator does not model: no filter
