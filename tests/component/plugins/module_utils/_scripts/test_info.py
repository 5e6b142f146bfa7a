# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""opsramp_script_info's flow (_scripts/info.py) over real HTTP against the simulator: a tenant's scripts exported
as options with their bodies, then applied with opsramp_script's flow: zero writes (api-behaviour §20)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import ApiError
from ansible_collections.opsramp.automation.plugins.module_utils._scripts.info import script_info

from ansible_collections.opsramp.automation.tests.unit.plugins.module_utils._scripts.rba_store import (
    apply_exported as apply)

DOWNLOAD = '/downloadScript.do'
SECRET = 'adm1n-S3cret'


def info(**options):
    return dict(dict(category=None, category_id=None, subcategories=True, id=None, name=None, name_prefix=None,
                     format='options'), **options)


@pytest.fixture
def tenant(sim):
    """Scripts made in the console: a shell script with a PASSWORD parameter, a command, a Python script in another
    category with the same name as the shell script, and a script of a category seen by every tenant."""
    control = sim.control
    web, = control.seed_rba_categories([{'name': 'Web'}])
    apache, = control.seed_rba_categories([{'name': 'Apache', 'parent': web['id']}])
    shared, = control.seed_rba_categories([{'name': 'Global', 'global': True}])
    control.seed_rba_scripts([
        {'name': 'Restart', 'category': apache['id'], 'executionType': 'SHELL', 'platforms': ['LINUX'],
         'description': 'Restarts Apache', 'installTimeout': '50', 'attachment': {'name': 'restart.sh'},
         'content': '#!/bin/sh\nsystemctl restart apache2\n', 'serviceName': 'apache2',
         'parameters': [{'name': 'grace', 'type': 'OPTIONAL', 'dataType': 'INTEGER', 'defaultValue': '5'},
                        {'name': 'admin', 'type': 'REQUIRED', 'dataType': 'PASSWORD', 'defaultValue': SECRET}]},
        {'name': 'Flush DNS', 'category': web['id'], 'executionType': 'COMMAND', 'command': 'ipconfig /flushdns',
         'platforms': ['WINDOWS']},
        {'name': 'Restart', 'category': web['id'], 'executionType': 'PYTHON', 'attachment': {'name': 'restart.py'},
         'content': 'print("restart")\n'},
        {'name': 'Everyone', 'category': shared['id'], 'executionType': 'SHELL', 'attachment': {'name': 'e.sh'},
         'content': 'echo everyone\n'},
    ])
    return dict(web=web['id'], apache=apache['id'], shared=shared['id'])


@pytest.mark.parametrize('content, command_in_reads', [('url', False), ('inline', True), ('url_by_name', True)])
def test_an_exported_tenant_applied_again_makes_zero_writes(
        sim, tenant, make_client, log, recorder, assert_no_secrets, content, command_in_reads):
    sim.control.configure(rba_script_content=content, rba_command_in_reads=command_in_reads,
                          rba_password_default='clear')
    client = make_client()
    result = script_info(client, info())
    names = [(options['name'], options.get('category')) for options in result['scripts']]
    assert names == [('Flush DNS', 'Web'), ('Restart', 'Web'), ('Restart', 'Web/Apache'), ('Everyone', 'Global')]
    bodies_read = content != 'url_by_name'
    body_warnings = [warning for warning in recorder.warnings if 'its body' in warning]
    assert len(result['files']) == (3 if bodies_read else 0) and body_warnings == (
        [] if bodies_read else ["script '%s' (id %d): its body is left out (its contentURL names a file and a version, "
                                "not the script, and may give another script's body): the options do not manage it; "
                                "add src with the file to manage it" % (name, ident) for name, ident in (
                                    ('Restart', 1002), ('Restart', 1000), ('Everyone', 1003))])
    assert ('command' in result['scripts'][0]) is command_in_reads
    assert result['secret_variables'] == ['vault_restart_admin']  # one of the two Restart has a PASSWORD parameter
    assert SECRET not in repr(result) and SECRET not in repr(recorder.warnings)
    assert_no_secrets(result, recorder.warnings)
    categories = len(sim.control.rba()['categories'])
    downloads = log(path=DOWNLOAD)
    assert len(downloads) == (3 if content == 'url' else 0) and all(entry['status'] == 200 for entry in downloads)
    assert len(log(kind='read')) == 1 + categories + len(downloads) and len(log(kind='token')) == 1

    sim.control.clear_requests()
    applied = apply(client, result)
    assert [outcome['changed'] for outcome in applied] == [False] * 4
    assert log(kind='write') == []
    stored = dict(((item['name'], item['category']), item) for item in sim.control.rba()['scripts'])
    assert stored[('Restart', tenant['apache'])]['parameters'][1]['defaultValue'] == SECRET  # untouched


def test_bodies_downloaded_apply_with_zero_writes(sim, tenant, make_client, log, recorder):
    client = make_client()
    result = script_info(client, info(category='Web'))  # the url answer (the default): bodies downloaded
    downloads = log(path=DOWNLOAD)
    assert len(downloads) == 2 and all(entry['status'] == 200 for entry in downloads)  # the bearer token opened them
    assert sorted(result['files'].values()) == ['#!/bin/sh\nsystemctl restart apache2\n', 'print("restart")\n']
    assert recorder.warnings == ["script 'Flush DNS' (id 1001): its command is left out (OpsRamp's read does not "
                                 "carry it): the options do not manage it; add command to manage it"]
    sim.control.clear_requests()
    assert [outcome['changed'] for outcome in apply(client, result)] == [False, False, False]
    assert log(kind='write') == [] and len(log(path=DOWNLOAD)) == 2  # opsramp_script compares by the download


def test_the_file_names_and_bodies(sim, tenant, make_client):
    result = script_info(make_client(), info())
    by_file = dict(zip(result['option_files'], result['scripts']))
    assert sorted(by_file) == sorted(['Flush-DNS.yml', 'Everyone.yml'] + [
        name for name in result['option_files'] if name.startswith('Restart-')])
    restarts = [(name, options) for name, options in by_file.items() if options['name'] == 'Restart']
    assert len(restarts) == 2 and restarts[0][0] != restarts[1][0]
    for name, options in restarts:
        assert options['src'] == name[:-len('.yml')] + ('.sh' if options['category'] == 'Web/Apache' else '.py')
    assert result['files'][by_file['Everyone.yml']['src']] == 'echo everyone\n'


def test_a_download_needs_the_token_and_goes_to_the_api_host_only(sim, tenant, make_client, log):
    client = make_client()
    listed = [item for item in client.get(client.api_path('rba', 'categories', tenant['web'], 'scripts'))
              if item['name'] == 'Restart']
    url = listed[0]['attachment']['contentURL']
    assert url.startswith(sim.url + DOWNLOAD)
    path, query = url[len(sim.url):].split('?', 1)
    assert client.download(path, dict(pair.split('=', 1) for pair in query.split('&'))) == b'print("restart")\n'
    sim.control.clear_requests()
    with pytest.raises(ApiError) as caught:
        client.download(DOWNLOAD, {'scriptId': '99999', 'fileName': 'x', 'version': '0.00'})
    assert caught.value.status == 404
    assert len(log(path=DOWNLOAD)) == 1  # a 404 (an HTML page, not JSON) is not retried
