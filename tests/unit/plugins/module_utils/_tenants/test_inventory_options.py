# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The inventory plugin's connection options come from the modules' one table, partner_id in tenant_id's place."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.opsramp.automation.plugins.module_utils._tenants import inventory_options
from ansible_collections.opsramp.automation.plugins.module_utils._http.config import CONNECTION_OPTIONS, ConnectionConfig
from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import ValidationError


def test_every_module_connection_option_is_an_inventory_option_with_its_variable():
    options = inventory_options.inventory_connection_doc_fragment()['options']
    expected = [o['name'] for o in CONNECTION_OPTIONS]
    assert list(options) == [name if name != 'tenant_id' else 'partner_id' for name in expected]
    for option in CONNECTION_OPTIONS:
        if option['name'] != 'tenant_id':
            doc = options[option['name']]
            assert doc['env'] == [{'name': option['env']}] and doc['type'] == option['type']
            assert doc.get('default') == option.get('default')
            assert doc['description'][:len(option['description'])] == option['description']


def test_partner_id_prefers_its_own_variable_to_the_tenant_one():
    partner = inventory_options.inventory_connection_doc_fragment()['options']['partner_id']
    # Ansible's configuration takes the last variable of the list that is set
    assert partner['env'] == [{'name': 'OPSRAMP_TENANT_ID'}, {'name': 'OPSRAMP_PARTNER_ID'}]
    assert 'Required, here or in E(OPSRAMP_PARTNER_ID) or E(OPSRAMP_TENANT_ID).' in partner['description']


def test_connection_values_make_a_config_for_the_partner():
    given = dict(url='https://acme.api.opsramp.com', partner_id=' msp_7 ', client_id='key', client_secret='secret')
    values = inventory_options.connection_values(given.get)
    assert values['tenant_id'] == 'msp_7' and 'partner_id' not in values
    config = ConnectionConfig.from_params(values)
    assert (config.url, config.tenant_id, config.client_id) == ('https://acme.api.opsramp.com', 'msp_7', 'key')
    assert config.timeout == 30


@pytest.mark.parametrize('partner', [None, '', '  '])
def test_a_missing_partner_names_partner_id_and_its_variables(partner):
    with pytest.raises(ValidationError) as error:
        inventory_options.connection_values(dict(url='https://x', partner_id=partner).get)
    assert error.value.option == 'partner_id'
    assert error.value.message == ("missing required option 'partner_id' (or environment variable OPSRAMP_PARTNER_ID "
                                   "or OPSRAMP_TENANT_ID)")
