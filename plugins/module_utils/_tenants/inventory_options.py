# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The connection options of the ``tenants`` inventory plugin: the modules' table, with the partner in the tenant's
place, as a doc fragment (``opsramp.automation.connection.INVENTORY``, where Ansible's configuration finds each
option's environment variables) and as the values ``ConnectionConfig`` takes."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.opsramp.automation.plugins.module_utils._http.config import CONNECTION_OPTIONS
from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import ValidationError

# the partner takes the tenant's place; an AWX credential of the "OpsRamp API" type sets OPSRAMP_TENANT_ID
PARTNER_OPTION = dict(
    name='partner_id', type='str', env=('OPSRAMP_PARTNER_ID', 'OPSRAMP_TENANT_ID'), required=True,
    description=[
        'Id of the partner (C(msp_123)) whose client tenants become the inventory hosts.',
        'The credentials must be those of an integration of this partner: a client integration may not list its'
        " partner's clients.",
    ])


def _inventory_options():
    """The modules' connection options, ``tenant_id`` replaced by ``partner_id``, each with its variables."""
    options = []
    for option in CONNECTION_OPTIONS:
        if option['name'] == 'tenant_id':
            options.append(PARTNER_OPTION)
        else:
            options.append(dict(option, env=(option['env'],)))
    return options


def inventory_connection_doc_fragment():
    """The ``options`` of the inventory connection doc fragment, as data (``plugins/doc_fragments/connection.py``
    holds it as a YAML literal; a unit test fails when they differ)."""
    docs = {}
    for option in _inventory_options():
        names = ' or '.join('E(%s)' % name for name in option['env'])
        # in the order of preference; Ansible's configuration takes the last variable set, so the list is reversed
        doc = dict(description=list(option['description']), type=option['type'],
                   env=[dict(name=name) for name in reversed(option['env'])])
        doc['description'].append('If not set, the value of the %s environment variable is used%s.' % (
            names, ', the first one set' if len(option['env']) > 1 else ''))
        if option.get('required'):
            doc['description'].append('Required, here or in %s.' % names)
        if 'default' in option:
            doc['default'] = option['default']
        docs[option['name']] = doc
    return dict(options=docs)


def connection_values(get_option):
    """The values ``ConnectionConfig`` takes, from the plugin's options (``get_option``: environment applied)."""
    partner = get_option('partner_id')
    if partner is None or not str(partner).strip():
        raise ValidationError("missing required option 'partner_id' (or environment variable %s)"
                              % ' or '.join(PARTNER_OPTION['env']), option='partner_id')
    values = dict((option['name'], get_option(option['name'])) for option in CONNECTION_OPTIONS
                  if option['name'] != 'tenant_id')
    values['tenant_id'] = str(partner).strip()
    return values
