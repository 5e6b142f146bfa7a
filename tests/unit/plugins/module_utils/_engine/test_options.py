# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""_engine/options.py: option tables turned into argument specs and documentation (so the docs cannot drift from
what the modules take), and the labels that name a list element in messages. The rendered doc fragments themselves
are checked in tests/unit/plugins/doc_fragments; a resource's list option in test_resource.py."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

import pytest
from ansible.module_utils.basic import env_fallback

from ansible_collections.opsramp.automation.plugins.module_utils._engine import options
from ansible_collections.opsramp.automation.plugins.module_utils._engine.fields import Field, Option
from ansible_collections.opsramp.automation.plugins.module_utils._engine.kinds import Text

TABLE = (
    Option('name', 'Name; see O(kind).', required=True),
    Option('kind', ['The kind.', 'V(a) needs O(settings.depth=2), see O(settings).'], choices=['a', 'b'], default='a'),
    Option('settings', 'Settings.', suboptions=[
        Option('depth', 'How deep; not O(name).', type='int'),
        Option('token', 'A secret.', no_log=True),
        Option('items', 'Items.', type='list', elements='dict',
               suboptions=[Option('id', 'Its O(settings.items[].id).')]),
    ], type='dict'),
)


# ---------------------------------------------------------------------------------------------------- tables

def test_argument_spec_of_a_table_with_its_suboptions():
    assert options.argument_spec(TABLE) == {
        'name': dict(type='str', required=True),
        'kind': dict(type='str', choices=['a', 'b'], default='a'),
        'settings': dict(type='dict', options={
            'depth': dict(type='int'),
            'token': dict(type='str', no_log=True),
            'items': dict(type='list', elements='dict', options={'id': dict(type='str')}),
        }),
    }


def test_option_docs_of_a_table_hold_what_the_docs_show_and_no_no_log():
    docs = options.option_docs(TABLE)
    assert docs['name'] == dict(description=['Name; see O(kind).'], type='str', required=True)
    assert docs['kind'] == dict(description=['The kind.', 'V(a) needs O(settings.depth=2), see O(settings).'],
                                type='str', default='a', choices=['a', 'b'])
    assert docs['settings']['suboptions']['token'] == dict(description=['A secret.'], type='str')
    assert docs['settings']['suboptions']['items'] == dict(
        description=['Items.'], type='list', elements='dict',
        suboptions={'id': dict(description=['Its O(settings.items[].id).'], type='str')})
    assert list(docs) == ['name', 'kind', 'settings']  # the table's order is the documentation's


def test_a_list_element_takes_the_options_a_state_and_a_source():
    element = options.element_options(TABLE, 'gadget')
    assert element[:3] == TABLE and [option.name for option in element[3:]] == ['state', 'source']
    spec = options.argument_spec(element)
    assert spec['state'] == dict(type='str', choices=['present', 'absent'], default='present')
    assert spec['source'] == dict(type='str')
    state, source = element[3:]
    assert 'V(present) creates the gadget' in state.description[0] and 'declares the gadget' in source.description[0]


def test_within_list_points_every_reference_inside_the_list():
    docs = options.option_docs(TABLE)
    original = copy.deepcopy(docs)
    inside = options.within_list('gadgets', docs)
    assert inside['name']['description'] == ['Name; see O(gadgets[].kind).']
    assert inside['kind']['description'][1] == 'V(a) needs O(gadgets[].settings.depth=2), see O(gadgets[].settings).'
    assert inside['settings']['suboptions']['depth']['description'] == ['How deep; not O(gadgets[].name).']
    assert inside['settings']['suboptions']['items']['suboptions']['id']['description'] == [
        'Its O(gadgets[].settings.items[].id).']
    assert inside['kind']['choices'] == ['a', 'b'] and docs == original


def test_a_derived_field_is_neither_taken_nor_documented():
    table = TABLE + (Field('digest', 'bodyDigest', Text(), 'Derived by the adapter.', internal=True),)
    assert options.argument_spec(table) == options.argument_spec(TABLE)
    assert options.option_docs(table) == options.option_docs(TABLE)


# ---------------------------------------------------------------------------------------------------- roles

def test_a_role_documents_the_options_as_its_variables():
    docs = options.role_option_docs('gadget_role', TABLE)
    assert list(docs) == ['gadget_role_name', 'gadget_role_kind', 'gadget_role_settings']
    assert docs['gadget_role_name'] == dict(description=['Name; see O(gadget_role_kind).'], type='str', required=True)
    assert docs['gadget_role_kind']['description'][1] == (
        'V(a) needs O(gadget_role_settings.depth=2), see O(gadget_role_settings).')
    settings = docs['gadget_role_settings']
    assert 'suboptions' not in settings and list(settings['options']) == ['depth', 'token', 'items']  # a role's spec
    assert settings['options']['depth']['description'] == ['How deep; not O(gadget_role_name).']
    assert settings['options']['items']['options']['id'] == dict(
        description=['Its O(gadget_role_settings.items[].id).'], type='str')


def test_a_role_takes_the_connection_options_without_defaults_and_hides_the_secrets():
    docs = options.role_connection_docs('gadget_role')
    assert sorted(docs) == sorted('gadget_role_%s' % option for option in options.connection_argument_spec())
    assert all('default' not in doc for doc in docs.values())
    assert docs['gadget_role_validate_certs']['description'][-1] == 'Left unset, the module uses V(True).'
    assert docs['gadget_role_client_id']['description'][1] == (
        'Required with O(gadget_role_client_secret) unless O(gadget_role_access_token) is given.')
    assert sorted(name for name, doc in docs.items() if doc.get('no_log')) == [
        'gadget_role_access_token', 'gadget_role_client_secret']
    assert docs['gadget_role_url']['description'][-2:] == [
        'If not set, the value of the E(OPSRAMP_URL) environment variable is used.',
        'Required, here or in E(OPSRAMP_URL).']


# ---------------------------------------------------------------------------------------------------- connection

def test_connection_options_have_their_environment_fallbacks_and_secrets_no_log():
    spec = options.connection_argument_spec()
    assert spec['url'] == dict(type='str', fallback=(env_fallback, ['OPSRAMP_URL']), no_log=False)
    assert spec['timeout'] == dict(type='float', fallback=(env_fallback, ['OPSRAMP_TIMEOUT']), default=30, no_log=False)
    assert [name for name, entry in spec.items() if entry['no_log']] == ['client_secret', 'access_token']
    assert all('required' not in entry for entry in spec.values())  # required here or in the environment


def test_the_connection_fragment_says_where_each_value_may_come_from():
    fragment = options.connection_doc_fragment()
    assert fragment['requirements'] == options.REQUIREMENTS
    url = fragment['options']['url']
    assert url['type'] == 'str' and url['description'][-2:] == [
        'If not set, the value of the E(OPSRAMP_URL) environment variable is used.',
        'Required, here or in E(OPSRAMP_URL).']
    assert fragment['options']['validate_certs']['default'] is True
    assert fragment['options']['client_id']['description'][-1] == (
        'If not set, the value of the E(OPSRAMP_CLIENT_ID) environment variable is used.')


# ---------------------------------------------------------------------------------------------------- messages

@pytest.mark.parametrize('element, label', [
    ({'name': 'nightly', 'source': 'jobs/nightly.yml'}, "jobs[3] 'nightly' from jobs/nightly.yml"),
    ({'name': 'nightly', 'source': None}, "jobs[3] 'nightly'"),
    ({'id': 'abc', 'source': 'jobs/abc.yml'}, 'jobs[3] from jobs/abc.yml'),
    ({'id': 'abc'}, 'jobs[3]'),
], ids=['name-and-source', 'name', 'source', 'neither'])
def test_an_element_is_labelled_by_position_name_and_source(element, label):
    assert options.element_label('jobs[3]', element) == label


def test_naming_adds_the_labels_only_when_they_say_more_than_the_positions():
    message = 'jobs[0] and jobs[2] both name job 7'
    assert options.naming(message, ('jobs[0]', {'name': None}), ('jobs[2]', {'id': '7'})) == message
    assert options.naming(message, ('jobs[0]', {'name': 'a'}), ('jobs[2]', {'source': 'jobs/b.yml'})) == (
        "jobs[0] and jobs[2] both name job 7 (jobs[0] 'a', jobs[2] from jobs/b.yml)")


def test_naming_leaves_out_a_name_the_message_already_quotes():
    message = "jobs[1]: 2 jobs are named 'nightly' (ids 1, 2); give jobs[1].id to choose one"
    assert options.naming(message, ('jobs[1]', {'name': 'nightly'})) == message
    assert options.naming(message, ('jobs[1]', {'name': 'nightly', 'source': 'jobs/n.yml'})) == (
        message + " (jobs[1] 'nightly' from jobs/n.yml)")
