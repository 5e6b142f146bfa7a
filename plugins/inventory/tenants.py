# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
name: tenants
short_description: A partner's OpsRamp client tenants as inventory hosts
version_added: 0.1.0
description:
  - Lists the client tenants of an OpsRamp partner (O(partner_id)) and makes each one a host, named by the client's
    id (C(client_123)), so that a play over them can manage every client's jobs with the partner's credentials
    (C(tenant_id) set to C(inventory_hostname)). The collection's docs/partners.md shows the whole baseline playbook.
  - Every host is in the group O(group). Each gets the variables C(opsramp_client_id), C(opsramp_client_name),
    C(opsramp_client_state) (V(active) or V(inactive)), C(opsramp_client_timezone) (when OpsRamp gives it, see
    O(client_details)), C(opsramp_partner_id), and C(opsramp_client), the client as OpsRamp listed it.
  - O(filters) chooses the clients; O(keyed_groups), O(groups) and O(compose) build groups and variables from those
    variables, as the C(constructed) inventory does.
  - The configuration file's name must end in C(opsramp_tenants.yml) or C(opsramp_tenants.yaml).
  - The connection options are the modules' (M(opsramp.automation.opsramp_jobs)), with the same environment variables,
    O(partner_id) in the place of C(tenant_id).
  - With O(cache=true), the clients listed are kept by the cache plugin chosen and a later run reads them from there,
    with no request, until O(cache_timeout) passes (or C(--flush-cache)).
  - An error (a wrong option, credentials that may not list the partner's clients, a partner id that is a client's,
    a filter that keeps no client) fails the inventory with a message that names the option; set
    C(unparsed_is_failed) in the C([inventory]) section of C(ansible.cfg) so that the play stops there instead of
    running on an empty inventory.
author:
  - OpsRamp Automation contributors (@opsramp-automation)
requirements:
  - requests, in the Python that runs Ansible
extends_documentation_fragment:
  - constructed
  - inventory_cache
  - opsramp.automation.connection.INVENTORY
options:
  plugin:
    description: The name of this plugin; marks the file as its configuration.
    type: str
    required: true
    choices: [opsramp.automation.tenants]
  filters:
    description:
      - Which clients become hosts.
      - C(states) is a list of V(active) and V(inactive) (suspended or terminated clients); default V([active]).
      - C(include) is a list of shell patterns (C(acme-*)); when given, a client must match one of them.
      - C(exclude) is a list of shell patterns; a client that matches one is left out.
      - Patterns are matched regardless of case against the client's name and against its id.
      - A filter that keeps no client fails the inventory.
    type: dict
    default: {}
  group:
    description: The group every client host is in.
    type: str
    default: opsramp_clients
  client_details:
    description:
      - Also read each chosen client's whole record (time zone, address, country...), one request per client, and
        merge it into C(opsramp_client).
      - OpsRamp's clients search may return only a client's id, name and state, without its time zone.
    type: bool
    default: false
notes:
  - The clients are listed with OpsRamp's clients search, 100 a page, one search per state wanted. See the
    collection's docs/api-behaviour.md, section 21.
seealso:
  - module: opsramp.automation.opsramp_jobs
  - module: opsramp.automation.opsramp_token
'''

EXAMPLES = r'''
# partner.opsramp_tenants.yml: the connection from OPSRAMP_URL, OPSRAMP_CLIENT_ID, OPSRAMP_CLIENT_SECRET and
# OPSRAMP_PARTNER_ID (or OPSRAMP_TENANT_ID)
plugin: opsramp.automation.tenants
filters:
  states: [active]
  exclude: ["*sandbox*", client_1042]
keyed_groups:
  - key: opsramp_client_timezone
    prefix: timezone
client_details: true
cache: true
cache_plugin: ansible.builtin.jsonfile
cache_connection: ~/.cache/opsramp.automation/tenants
cache_timeout: 600
'''

import hashlib

from ansible.errors import AnsibleParserError
from ansible.plugins.inventory import BaseInventoryPlugin, Cacheable, Constructable

from ansible_collections.opsramp.automation.plugins.module_utils._http.client import Client
from ansible_collections.opsramp.automation.plugins.module_utils._http.config import ConnectionConfig
from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import OpsRampError
from ansible_collections.opsramp.automation.plugins.module_utils._tenants import clients
from ansible_collections.opsramp.automation.plugins.module_utils._tenants.inventory_options import connection_values

NAME = 'opsramp.automation.tenants'
FILE_ENDINGS = ('opsramp_tenants.yml', 'opsramp_tenants.yaml')


class InventoryModule(BaseInventoryPlugin, Constructable, Cacheable):
    NAME = NAME

    def verify_file(self, path):
        return super(InventoryModule, self).verify_file(path) and path.endswith(FILE_ENDINGS)

    def parse(self, inventory, loader, path, cache=True):
        super(InventoryModule, self).parse(inventory, loader, path, cache)
        self._read_config_data(path)
        try:
            config = ConnectionConfig.from_params(connection_values(self.get_option))
            clients.check_partner_id(config.tenant_id)
            filters = clients.Filters.from_option(self.get_option('filters'))
            chosen = self._clients(config, filters, self.get_cache_key(path), cache)
        except OpsRampError as error:
            raise AnsibleParserError('%s: %s' % (NAME, error.message))
        for record in chosen:
            self._add_client(record, config.tenant_id)

    def _clients(self, config, filters, path_key, cache):
        """The chosen clients: from the cache when it holds them for these options, else from OpsRamp (then kept)."""
        details = self.get_option('client_details')
        inputs = [config.url, config.tenant_id, str(config.client_id), repr(filters.states), repr(filters.include),
                  repr(filters.exclude), repr(details)]
        key = '%s_%s' % (path_key, hashlib.sha256('|'.join(inputs).encode('utf-8')).hexdigest()[:12])
        caching = self.get_option('cache')
        if caching and cache:
            try:
                return self._cache[key]
            except KeyError:
                pass
        client = self._client(config)
        try:
            chosen = clients.select(clients.list_clients(client, filters.states), filters, config.tenant_id)
            if details:
                chosen = clients.with_details(client, chosen)
        finally:
            client.close()
        if caching:
            self._cache[key] = chosen
        return chosen

    def _client(self, config):
        return Client(config, warn=self.display.warning)

    def _add_client(self, record, partner_id):
        host = self.inventory.add_host(str(record['uniqueId']), group=self.inventory.add_group(self.get_option('group')))
        variables = clients.host_vars(record, partner_id)
        for name, value in variables.items():
            self.inventory.set_variable(host, name, value)
        strict = self.get_option('strict')
        self._set_composite_vars(self.get_option('compose'), variables, host, strict=strict)
        self._add_host_to_composed_groups(self.get_option('groups'), variables, host, strict=strict)
        self._add_host_to_keyed_groups(self.get_option('keyed_groups'), variables, host, strict=strict)
