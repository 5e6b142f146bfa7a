# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""_scripts/table.py: the script and category tables, spelled against literal API objects (api-behaviour §20.2,
§20.3), not against the table itself."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime

import pytest

from ansible_collections.opsramp.automation.plugins.module_utils._scripts import body
from ansible_collections.opsramp.automation.plugins.module_utils._scripts.table import (
    CATEGORY_MODEL, SCRIPT_MODEL, Description, Platforms)

NOW = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
TRAILED = body.with_trailer('Restarts Apache', body.digest('x'))

# a read as OpsRamp answers it (the spec's example, with our digest line and the digest a read is given)
READ = {
    'id': 1002, 'name': 'Restart Apache', 'description': TRAILED,
    'category': {'id': 114, 'name': 'Apache'}, 'platforms': ['LINUX'],
    'parameters': [{'id': 5003, 'name': 'grace', 'description': 'seconds', 'defaultValue': '5', 'type': 'OPTIONAL',
                    'dataType': 'INTEGER'}],
    'executionType': 'SHELL', 'installTimeout': '50',
    'attachment': {'id': 0, 'name': 'restart.sh', 'contentURL': 'https://h/downloadScript.do?x=1'},
    'scriptVersion': '2.00', 'registryPath': 'HKLM\\x', 'registryValue': '1', 'processName': 'httpd',
    'serviceName': 'apache2', 'outputDirectory': '/tmp', 'outputFile': 'out.txt', 'bodyDigest': body.digest('x'),
}


# ---------------------------------------------------------------------------------------------------- kinds

def test_description_is_the_users_text_without_the_digest_line():
    kind = Description()
    assert kind.current(TRAILED) == 'Restarts Apache'
    assert kind.current('Restarts Apache') == 'Restarts Apache'
    assert kind.current(None) == '' and kind.desired(None) == ''
    assert kind.desired('Restarts Apache') == kind.current(TRAILED)


def test_platforms_are_a_set_sent_in_upper_case_and_read_in_any():
    kind = Platforms()
    assert kind.desired(['linux', 'windows', 'linux']) == ['linux', 'windows']
    assert kind.current(['Windows', 'LINUX']) == ['linux', 'windows']
    assert kind.current('LINUX') is None
    assert kind.to_api(['linux', 'windows'], None, NOW) == ['LINUX', 'WINDOWS']
    assert kind.problem(['linux', 'solaris']) == "'solaris' is not one of windows, linux"
    assert kind.problem(['linux']) is None


# ---------------------------------------------------------------------------------------------------- the model

def test_current_reads_every_field_of_a_read_in_its_option_form():
    assert SCRIPT_MODEL.current(READ) == {
        'name': 'Restart Apache', 'description': 'Restarts Apache', 'execution_type': 'shell',
        'platforms': ['linux'], 'body': body.digest('x'),
        'parameters': [{'name': 'grace', 'description': 'seconds', 'default': '5', 'required': False,
                        'data_type': 'integer'}],
        'install_timeout': 50, 'registry_path': 'HKLM\\x', 'registry_value': '1', 'process_name': 'httpd',
        'service_name': 'apache2', 'output_directory': '/tmp', 'output_file': 'out.txt',
    }


def test_desired_is_only_what_the_task_gives():
    params = dict((option.name, None) for option in SCRIPT_MODEL.options)
    params.update(name='Restart Apache', execution_type='shell', platforms=['linux'], install_timeout=50,
                  category='Web/Apache', src='restart.sh', update_password='on_create')
    assert SCRIPT_MODEL.desired(params) == {'name': 'Restart Apache', 'execution_type': 'shell',
                                            'platforms': ['linux'], 'install_timeout': 50}


def test_overlay_writes_the_api_spellings():
    desired = {'name': 'Restart Apache', 'execution_type': 'powershell', 'platforms': ['windows'],
               'install_timeout': 30, 'description': 'Restarts', 'service_name': 'W3SVC',
               'parameters': [{'name': 'grace', 'description': '', 'default': '5', 'required': True,
                               'data_type': 'integer'}]}
    assert SCRIPT_MODEL.overlay({}, desired, NOW) == {
        'name': 'Restart Apache', 'executionType': 'POWERSHELL', 'platforms': ['WINDOWS'], 'installTimeout': 30,
        'description': 'Restarts', 'serviceName': 'W3SVC',
        'parameters': [{'name': 'grace', 'description': '', 'type': 'REQUIRED', 'dataType': 'INTEGER',
                        'defaultValue': '5'}],
    }


def test_request_style_drops_what_a_read_adds_and_keeps_the_rest():
    sent = SCRIPT_MODEL.request_style(READ)
    for key in ('category', 'scriptVersion', 'attachment', 'bodyDigest'):
        assert key not in sent
    assert sent['installTimeout'] == 50  # "50" in a read, a number in a request
    assert sent['parameters'][0]['id'] == 5003 and sent['description'] == TRAILED
    assert 'attachment' in READ  # the read is left alone


def test_the_body_digest_is_internal_never_an_option():
    spec = SCRIPT_MODEL.argument_spec()
    assert 'body' not in spec
    assert 'body' not in SCRIPT_MODEL.overlay({}, {'body': body.digest('x')}, NOW)


def test_argument_spec_of_the_enumerations():
    spec = SCRIPT_MODEL.argument_spec()
    assert spec['execution_type']['choices'] == ['batchfile', 'command', 'download', 'exe', 'msi', 'powershell',
                                                 'python', 'perl', 'php', 'shell', 'vbs']
    assert spec['platforms'] == dict(type='list', elements='str', choices=['windows', 'linux'])
    assert spec['parameters']['options']['data_type']['choices'] == ['string', 'integer', 'password']
    assert spec['parameters']['options']['name']['required'] is True
    assert spec['update_password']['default'] == 'on_create' and spec['src']['type'] == 'path'


@pytest.mark.parametrize('options, problem', [
    ({'name': ' '}, ('name', 'must not be empty')),
    ({'install_timeout': 0}, ('install_timeout', 'must be a whole number of seconds, 1 or more, not 0')),
    ({'execution_type': 'cmd'}, ('execution_type', "'cmd' is not one of batchfile, command, download, exe, msi, "
                                                   "powershell, python, perl, php, shell, vbs")),
    ({'platforms': ['beos']}, ('platforms', "'beos' is not one of windows, linux")),
])
def test_option_problems(options, problem):
    assert SCRIPT_MODEL.option_problems(options) == problem


def test_the_category_model():
    assert CATEGORY_MODEL.current({'id': '114', 'name': 'Apache', 'parentId': '113', 'path': 'Web/Apache'}) == {
        'name': 'Apache'}
    assert sorted(CATEGORY_MODEL.argument_spec()) == ['id', 'name', 'parent', 'parent_id']
    assert CATEGORY_MODEL.option_problems({'name': ''}) == ('name', 'must not be empty')
