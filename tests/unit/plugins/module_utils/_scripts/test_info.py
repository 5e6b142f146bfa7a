# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""_scripts/info.py: opsramp_script_info's categories and scripts, as the API returns them or as opsramp_script
options with their bodies; the options, applied, change nothing (api-behaviour §20)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import (
    ObjectLookupError, ValidationError)
from ansible_collections.opsramp.automation.plugins.module_utils._scripts import body
from ansible_collections.opsramp.automation.plugins.module_utils._scripts.info import script_info

from ansible_collections.opsramp.automation.tests.unit.plugins.module_utils._scripts.rba_store import (
    MASK, FakeRba, apply_exported as apply)

SH = '#!/bin/sh\nsystemctl restart apache2\n'
PASSWORD = {'name': 'Admin password', 'dataType': 'PASSWORD', 'type': 'REQUIRED', 'defaultValue': 'adm1n-S3cret'}
GRACE = {'name': 'grace', 'description': 'seconds', 'dataType': 'INTEGER', 'type': 'OPTIONAL', 'defaultValue': '5'}


def info(**options):
    params = dict(category=None, category_id=None, subcategories=True, id=None, name=None, name_prefix=None,
                  format='api')
    params.update(options)
    return params


def tenant(**settings):
    """Web (Restart Apache... in Web/Apache, Flush DNS in Web) and Network."""
    rba = FakeRba(**settings)
    rba.web = rba.add_category('Web')
    rba.apache = rba.add_category('Apache', parent=rba.web)
    rba.network = rba.add_category('Network')
    rba.restart = rba.add_script(rba.apache, 'Restart Apache', content=SH, file_name='restart.sh',
                                 description='Restarts Apache', platforms=['LINUX'], installTimeout=60,
                                 parameters=[GRACE, PASSWORD])
    rba.flush = rba.add_script(rba.web, 'Flush DNS', command='ipconfig /flushdns', execution_type='COMMAND',
                               platforms=['WINDOWS'])
    return rba


def reads(rba):
    return [path for method, path, dummy in rba.requests]


# ---------------------------------------------------------------------------------------------------- the options

@pytest.mark.parametrize('options, option, words', [
    (dict(id='1000'), 'id', 'give category or category_id with id'),
    (dict(name=' '), 'name', 'must not be empty'),
    (dict(category=''), 'category', 'must not be empty'),
    (dict(id='1000', category_id=' '), 'category_id', 'must not be empty'),
])
def test_options_that_cannot_be_read_fail_before_any_request(options, option, words):
    rba = tenant()
    with pytest.raises(ValidationError) as caught:
        script_info(rba, info(**options))
    assert caught.value.option == option and words in caught.value.message
    assert rba.requests == []


def test_an_unknown_category_fails_naming_the_option():
    rba = tenant()
    with pytest.raises(ObjectLookupError) as caught:
        script_info(rba, info(category_id='999'))
    assert caught.value.message == "category_id: no RBA category has the id '999' in tenant client_1"
    with pytest.raises(ObjectLookupError) as caught:
        script_info(rba, info(category='Web/Tomcat'))
    assert caught.value.message.startswith("category: no RBA category is named 'Web/Tomcat'")


# ---------------------------------------------------------------------------------------------------- format=api

def test_everything_costs_one_read_of_the_categories_and_one_per_category():
    rba = tenant(password='clear')
    result = script_info(rba, info())
    assert result['changed'] is False
    assert result['categories'] == [
        {'id': str(rba.web), 'name': 'Web', 'parentId': None, 'path': 'Web'},
        {'id': str(rba.apache), 'name': 'Apache', 'parentId': str(rba.web), 'path': 'Web/Apache'},
        {'id': str(rba.network), 'name': 'Network', 'parentId': None, 'path': 'Network'},
    ]
    assert [script['name'] for script in result['scripts']] == ['Flush DNS', 'Restart Apache']
    lists = ['/categories/%d/scripts' % ident for ident in (rba.web, rba.apache, rba.network)]
    assert sorted(reads(rba)) == sorted(['/categories'] + lists)


@pytest.mark.parametrize('password', ['clear', 'masked'])
def test_a_password_default_is_hidden_whatever_the_read_shows(password):
    rba = tenant(password=password)
    result = script_info(rba, info())
    parameters = result['scripts'][1]['parameters']
    assert [parameter.get('defaultValue') for parameter in parameters] == ['5', MASK]
    assert 'adm1n-S3cret' not in repr(result)


@pytest.mark.parametrize('options, names, categories', [
    (dict(category='Web'), ['Flush DNS', 'Restart Apache'], ['Web', 'Web/Apache']),
    (dict(category='Web', subcategories=False), ['Flush DNS'], ['Web']),
    (dict(category='Apache'), ['Restart Apache'], ['Web/Apache']),
    (dict(category='Network'), [], ['Network']),
    (dict(name='Restart Apache'), ['Restart Apache'], ['Web', 'Web/Apache', 'Network']),
    (dict(name='restart apache'), [], ['Web', 'Web/Apache', 'Network']),
    (dict(name_prefix='Flush'), ['Flush DNS'], ['Web', 'Web/Apache', 'Network']),
])
def test_filters(options, names, categories):
    result = script_info(tenant(), info(**options))
    assert [script['name'] for script in result['scripts']] == names
    assert [category['path'] for category in result['categories']] == categories


def test_a_script_by_id_is_one_read_in_its_category():
    rba = tenant()
    result = script_info(rba, info(category_id=str(rba.apache), id=str(rba.restart)))
    assert [script['id'] for script in result['scripts']] == [rba.restart]
    assert reads(rba) == ['/categories', '/categories/%d/scripts/%d' % (rba.apache, rba.restart)]
    assert script_info(rba, info(category='Web', id=str(rba.restart)))['scripts'] == []  # not that category's


# ---------------------------------------------------------------------------------------------------- format=options

def test_options_of_a_script_with_its_body_apart_and_a_vault_placeholder():
    rba = tenant(password='clear', command_in_reads=True)
    result = script_info(rba, info(format='options'))
    assert result['scripts'] == [
        {'name': 'Flush DNS', 'category': 'Web', 'execution_type': 'command', 'platforms': ['windows'],
         'command': 'ipconfig /flushdns', 'parameters': []},
        {'name': 'Restart Apache', 'category': 'Web/Apache', 'description': 'Restarts Apache',
         'execution_type': 'shell', 'platforms': ['linux'], 'src': 'Restart-Apache.sh', 'file_name': 'restart.sh',
         'parameters': [
             {'name': 'grace', 'description': 'seconds', 'default': '5', 'required': False, 'data_type': 'integer'},
             {'name': 'Admin password', 'description': '', 'default': '{{ vault_restart_apache_admin_password }}',
              'required': True, 'data_type': 'password'}],
         'install_timeout': 60},
    ]
    assert list(result['scripts'][1]) == ['name', 'category', 'description', 'execution_type', 'platforms', 'src',
                                          'file_name', 'parameters', 'install_timeout']
    assert result['files'] == {'Restart-Apache.sh': SH}
    assert result['option_files'] == ['Flush-DNS.yml', 'Restart-Apache.yml']
    assert result['secret_variables'] == ['vault_restart_apache_admin_password']
    assert rba.warnings == [] and 'adm1n-S3cret' not in repr(result)
    downloads = [path for path in reads(rba) if 'download' in path]
    assert downloads == ['/downloadScript.do?fileName=restart.sh&version=0.00&scriptId=%d' % rba.restart]


@pytest.mark.parametrize('content', ['url', 'inline', 'url_by_name', 'none'])
@pytest.mark.parametrize('command_in_reads', [True, False], ids=['command-read', 'command-not-read'])
def test_applying_the_options_writes_nothing(content, command_in_reads):
    rba = tenant(content=content, command_in_reads=command_in_reads)
    managed = rba.add_script(rba.network, 'Backup', content='backup\n', description=body.with_trailer(
        'Nightly', body.digest('backup\n')))
    result = script_info(rba, info(format='options'))
    rba.requests = []
    applied = apply(rba, result)
    assert [outcome['changed'] for outcome in applied] == [False, False, False]
    assert rba.writes() == []
    assert ('src' in result['scripts'][1]) is (content in ('url', 'inline'))
    assert ('command' in result['scripts'][0]) is command_in_reads
    assert result['scripts'][2]['description'] == 'Nightly' and rba.scripts[managed]['content'] == 'backup\n'


@pytest.mark.parametrize('content, why', [
    ('url_by_name', "its contentURL names a file and a version, not the script, and may give another script's body"),
    ('none', 'OpsRamp gives no contentURL for it'),
])
def test_a_body_that_cannot_be_had_is_left_out_with_a_warning(content, why):
    rba = tenant(content=content)
    result = script_info(rba, info(format='options', name='Restart Apache'))
    assert 'src' not in result['scripts'][0] and result['files'] == {}
    assert result['option_files'] == ['Restart-Apache.yml']
    assert rba.warnings == ["script 'Restart Apache' (id %d): its body is left out (%s): the options do not manage "
                            "it; add src with the file to manage it" % (rba.restart, why)]
    assert not [path for path in reads(rba) if 'download' in path]


def test_a_command_the_read_does_not_carry_is_left_out_with_a_warning():
    rba = tenant()
    result = script_info(rba, info(format='options', name='Flush DNS'))
    assert 'command' not in result['scripts'][0]
    assert rba.warnings == ["script 'Flush DNS' (id %d): its command is left out (OpsRamp's read does not carry it): "
                            "the options do not manage it; add command to manage it" % rba.flush]


def test_a_body_changed_outside_the_collection_is_exported_and_said_to_write_once():
    rba = tenant()
    rba.scripts[rba.restart]['description'] = body.with_trailer('Restarts Apache', body.digest('older body\n'))
    result = script_info(rba, info(format='options', name='Restart Apache'))
    assert result['files'] == {'Restart-Apache.sh': SH} and result['scripts'][0]['description'] == 'Restarts Apache'
    assert rba.warnings == ["script 'Restart Apache' (id %d): its body is not the one opsramp.automation last wrote "
                            "(it was changed outside the collection): applying these options writes the script "
                            "once, recording it" % rba.restart]
    rba.requests = []
    assert [outcome['changes'] for outcome in apply(rba, result)] == [['body']]


def test_scripts_sharing_a_name_in_one_category_carry_their_ids():
    rba = tenant(content='inline')
    twin = rba.add_script(rba.apache, 'Restart Apache', content='echo twin\n', file_name='restart.sh',
                          parameters=[PASSWORD])
    result = script_info(rba, info(format='options', category='Web/Apache'))
    assert [options.get('id') for options in result['scripts']] == [str(rba.restart), str(twin)]
    assert result['option_files'] == ['Restart-Apache-%d.yml' % rba.restart, 'Restart-Apache-%d.yml' % twin]
    assert sorted(result['files']) == ['Restart-Apache-%d.sh' % rba.restart, 'Restart-Apache-%d.sh' % twin]
    assert result['secret_variables'] == ['vault_restart_apache_%d_admin_password' % rba.restart,
                                          'vault_restart_apache_%d_admin_password' % twin]
    assert len(rba.warnings) == 2 and 'the options carry the id' in rba.warnings[0]
    rba.requests = []
    assert [outcome['changed'] for outcome in apply(rba, result)] == [False, False] and rba.writes() == []


def test_scripts_sharing_a_name_in_different_categories_keep_their_names_and_get_distinct_files():
    rba = tenant(content='inline', command_in_reads=True)
    rba.add_script(rba.network, 'restart apache', content='echo net\n', file_name='restart.sh')
    first = script_info(rba, info(format='options'))
    assert [options.get('id') for options in first['scripts']] == [None, None, None] and rba.warnings == []
    stems = [name[:-len('.yml')] for name in first['option_files']]
    assert stems[0] == 'Flush-DNS' and stems[1].startswith('Restart-Apache-') and stems[2].startswith('restart-apache-')
    assert len(set(stem.lower() for stem in stems)) == 3  # unique also where case does not count
    assert sorted(first['files']) == sorted([stems[1] + '.sh', stems[2] + '.sh'])
    rba.add_script(rba.network, 'Another')  # another export: the files keep their names
    assert script_info(rba, info(format='options'))['option_files'][1:3] == first['option_files'][1:3]


def test_a_category_whose_path_another_has_is_given_by_id():
    rba = tenant()
    twin_web = rba.add_category('Web')
    twin_apache = rba.add_category('Apache', parent=twin_web)
    rba.add_script(twin_apache, 'Elsewhere')
    result = script_info(rba, info(format='options', name='Elsewhere'))
    assert result['scripts'][0]['category_id'] == str(twin_apache) and 'category' not in result['scripts'][0]
    assert rba.warnings[0].endswith('its category is given by id: another category has the same path')


def test_a_body_file_never_looks_like_a_file_of_options():
    rba = tenant()
    rba.add_script(rba.network, 'Settings', content='a: 1\n', file_name='settings.yml', execution_type='PYTHON')
    result = script_info(rba, info(format='options', name='Settings'))
    assert result['files'] == {'Settings.yml.txt': 'a: 1\n'} and result['option_files'] == ['Settings.yml']
    assert result['scripts'][0]['file_name'] == 'settings.yml'


def test_a_file_name_comes_from_the_execution_type_when_opsramp_gives_none():
    rba = tenant(content='inline')
    script = rba.add_script(rba.network, 'Inventory', content='print(1)\n', execution_type='PYTHON')
    rba.scripts[script]['attachment_name'] = ''
    result = script_info(rba, info(format='options', name='Inventory'))
    assert result['files'] == {'Inventory.py': 'print(1)\n'} and 'file_name' not in result['scripts'][0]


def test_what_the_options_cannot_express_is_left_out_with_a_warning():
    rba = tenant()
    rba.scripts[rba.restart]['executionType'] = 'FORTRAN'
    result = script_info(rba, info(format='options', name='Restart Apache'))
    assert 'execution_type' not in result['scripts'][0] and 'src' in result['scripts'][0]
    assert rba.warnings[0].startswith("script 'Restart Apache' (id %d): execution_type is left out" % rba.restart)
