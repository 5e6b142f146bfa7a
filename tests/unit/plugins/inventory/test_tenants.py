# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The tenants inventory plugin without a server: loaded by Ansible's plugin loader (so its options come from its
documentation, environment variables included), with a fake client that answers the clients search and counts it.

The cases run in a Python process of their own, which ``test_cases_in_a_process_of_their_own`` starts: loading an
inventory plugin loads Ansible's controller and its collection loader, and with them loaded the module tests of the
same session see other warnings (Display takes them)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import subprocess
import sys

import pytest
import yaml

CHILD = 'OPSRAMP_INVENTORY_TESTS_CHILD'
in_child = pytest.mark.skipif(os.environ.get(CHILD) != '1',
                              reason='runs in the process of test_cases_in_a_process_of_their_own')
COLLECTIONS = os.path.realpath(os.path.join(os.path.dirname(__file__), *(['..'] * 7)))
CLIENTS = [
    {'id': 1, 'uniqueId': 'client_11', 'name': 'Acme Corp', 'activated': True, 'timeZone': 'Europe/Berlin'},
    {'id': 2, 'uniqueId': 'client_12', 'name': 'Beta Sandbox', 'activated': True, 'timeZone': 'UTC'},
    {'id': 3, 'uniqueId': 'client_13', 'name': 'Gone Ltd', 'activated': False},
    {'id': 4, 'uniqueId': 'client_14', 'name': 'Delta', 'activated': 'true'},
]
ENVIRONMENT = dict(OPSRAMP_URL='https://acme.api.opsramp.com', OPSRAMP_TENANT_ID='msp_1',
                   OPSRAMP_CLIENT_ID='partner-key', OPSRAMP_CLIENT_SECRET='partner-secret')


class FakeClient:
    """Stands for the collection's Client: the clients search of the configured partner, from CLIENTS."""

    searches = []

    def __init__(self, config, warn=None):
        self.config = config
        self.tenant_id = config.tenant_id

    def close(self):
        pass

    def fetch_token(self):
        pass

    def api_path(self, *parts):
        return '/api/v2/tenants/%s/%s' % (self.tenant_id, '/'.join(parts))

    def paginate(self, path, query=None, page_size=100):
        FakeClient.searches.append((path, query['queryString']))
        return iter(CLIENTS)

    def get(self, path):
        return {'country': 'France', 'name': 'whole record'}


@pytest.mark.skipif(os.environ.get(CHILD) == '1', reason='the parent of the cases')
def test_cases_in_a_process_of_their_own():
    process = subprocess.run([sys.executable, '-m', 'pytest', '-q', '-p', 'no:cacheprovider', __file__],
                             env=dict(os.environ, **{CHILD: '1', 'PYTHONPATH': os.pathsep.join(sys.path)}),
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True, check=False)
    assert process.returncode == 0, process.stdout
    assert ' passed' in process.stdout, process.stdout


@pytest.fixture(scope='module')
def loader():
    from ansible.plugins.loader import init_plugin_loader, inventory_loader  # pylint: disable=import-outside-toplevel
    init_plugin_loader([COLLECTIONS])
    return inventory_loader


@pytest.fixture(scope='module')
def plugin_class(loader):
    return type(loader.get('opsramp.automation.tenants'))


@pytest.fixture
def parse(loader, plugin_class, tmp_path, monkeypatch):
    """parse(config) -> the InventoryData the plugin filled from a configuration file holding ``config``."""
    for name in list(os.environ):
        if name.startswith('OPSRAMP_'):
            monkeypatch.delenv(name)
    for name, value in ENVIRONMENT.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(plugin_class, '_client', lambda self, config: FakeClient(config))
    FakeClient.searches = []

    def run(config, name='partner.opsramp_tenants.yml', cache=True):
        path = tmp_path / name
        path.write_text(yaml.safe_dump(dict(dict(plugin='opsramp.automation.tenants'), **config)))
        from ansible.inventory.data import InventoryData  # pylint: disable=import-outside-toplevel
        from ansible.parsing.dataloader import DataLoader  # pylint: disable=import-outside-toplevel
        inventory = InventoryData()
        plugin = loader.get('opsramp.automation.tenants')
        assert plugin.verify_file(str(path))
        plugin.parse(inventory, DataLoader(), str(path), cache=cache)
        if plugin.get_option('cache'):
            plugin.update_cache_if_changed()   # as the inventory manager does
        return inventory

    return run


def variables(inventory, host):
    return inventory.get_host(host).get_vars()


@in_child
def test_active_clients_become_hosts_with_their_variables(parse):
    inventory = parse({})
    assert sorted(inventory.groups['opsramp_clients'].get_hosts(), key=str) == [
        inventory.get_host(name) for name in ('client_11', 'client_12', 'client_14')]
    acme = variables(inventory, 'client_11')
    assert acme['opsramp_client_id'] == 'client_11' and acme['opsramp_client_name'] == 'Acme Corp'
    assert acme['opsramp_client_state'] == 'active' and acme['opsramp_partner_id'] == 'msp_1'
    assert acme['opsramp_client_timezone'] == 'Europe/Berlin' and acme['opsramp_client'] == CLIENTS[0]
    assert FakeClient.searches == [('/api/v2/tenants/msp_1/clients/search', 'activeStatus:true')]


@in_child
def test_filters_and_constructed_groups_and_variables(parse):
    inventory = parse(dict(
        filters=dict(states=['active', 'inactive'], exclude=['*sandbox*']), group='partner_one',
        keyed_groups=[dict(key='opsramp_client_timezone', prefix='tz')],
        groups=dict(dormant="opsramp_client_state == 'inactive'"),
        compose=dict(msp_label="opsramp_client_name | upper")))
    assert sorted(h.name for h in inventory.groups['partner_one'].get_hosts()) == ['client_11', 'client_13', 'client_14']
    assert [h.name for h in inventory.groups['tz_Europe_Berlin'].get_hosts()] == ['client_11']
    assert 'tz_UTC' not in inventory.groups                          # client_12 was excluded
    assert [h.name for h in inventory.groups['dormant'].get_hosts()] == ['client_13']
    assert variables(inventory, 'client_14')['msp_label'] == 'DELTA'
    assert [q for dummy, q in FakeClient.searches] == ['activeStatus:true', 'activeStatus:false']


@in_child
def test_client_details_are_merged(parse):
    inventory = parse(dict(client_details=True))
    assert variables(inventory, 'client_11')['opsramp_client']['country'] == 'France'
    assert variables(inventory, 'client_11')['opsramp_client_name'] == 'Acme Corp'


@in_child
def test_partner_id_option_wins_over_the_environment(parse, monkeypatch):
    monkeypatch.setenv('OPSRAMP_PARTNER_ID', 'msp_2')
    parse({})
    assert FakeClient.searches[-1][0] == '/api/v2/tenants/msp_2/clients/search'
    parse(dict(partner_id='msp_3'))
    assert FakeClient.searches[-1][0] == '/api/v2/tenants/msp_3/clients/search'


@in_child
def test_the_cache_answers_the_second_parse(parse, tmp_path):
    config = dict(cache=True, cache_plugin='ansible.builtin.jsonfile', cache_connection=str(tmp_path / 'cache'))
    first = parse(config)
    second = parse(config)
    assert len(FakeClient.searches) == 1
    assert sorted(first.hosts) == sorted(second.hosts) == ['client_11', 'client_12', 'client_14']
    parse(config, cache=False)                                  # --flush-cache
    assert len(FakeClient.searches) == 2
    parse(dict(config, filters=dict(exclude=['acme*'])))        # other options: another cache entry
    assert len(FakeClient.searches) == 3


@in_child
@pytest.mark.parametrize('config, environment, text', [
    ({}, dict(OPSRAMP_TENANT_ID=None), "missing required option 'partner_id' (or environment variable "
                                       "OPSRAMP_PARTNER_ID or OPSRAMP_TENANT_ID)"),
    (dict(partner_id='client_42'), {}, "option 'partner_id' is 'client_42', a client tenant's id"),
    (dict(filters=dict(state=['active'])), {}, "option 'filters' has unknown key(s) state"),
    (dict(filters=dict(include=['nobody'])), {}, "option 'filters' (states active; include nobody) matches none of "
                                                 "the 4 clients listed for partner_id 'msp_1'"),
    ({}, dict(OPSRAMP_URL='https://acme.api.opsramp.com/api/v2'), "url 'https://acme.api.opsramp.com/api/v2' must be"),
    ({}, dict(OPSRAMP_CLIENT_SECRET=None), "missing option 'client_secret'"),
])
def test_bad_input_fails_naming_the_option(parse, monkeypatch, config, environment, text):
    for name, value in environment.items():
        if value is None:
            monkeypatch.delenv(name)
        else:
            monkeypatch.setenv(name, value)
    from ansible.errors import AnsibleParserError  # pylint: disable=import-outside-toplevel
    with pytest.raises(AnsibleParserError) as error:
        parse(config)
    assert 'opsramp.automation.tenants: ' + text in str(error.value)
    assert 'partner-secret' not in str(error.value)
    searched = 'matches none' in text
    assert len(FakeClient.searches) == (1 if searched else 0)


@in_child
def test_only_its_own_files_are_read(loader, tmp_path):
    plugin = loader.get('opsramp.automation.tenants')
    for name, wanted in (('a.opsramp_tenants.yml', True), ('opsramp_tenants.yaml', True), ('hosts.yml', False),
                         ('opsramp.yml', False)):
        (tmp_path / name).write_text('plugin: opsramp.automation.tenants\n')
        assert plugin.verify_file(str(tmp_path / name)) is wanted
