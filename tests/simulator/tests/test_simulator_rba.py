# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

# RBA categories and scripts (docs/api-behaviour.md §20): every endpoint, every knob, the error cases.

import base64
import hashlib
import os
import subprocess
import sys
import time

import pytest
import requests

from opsramp_simulator import SimControl, SimControlError
from sim_helpers import Api, custom_job, wait_for_window_start

BODY = b'#!/bin/sh\nsystemctl restart "$1"\n'
NEW_BODY = b'#!/bin/sh\nsystemctl reload "$1"\n'
SECRET = 'token-value-42'


def b64(data):
    return base64.b64encode(data).decode('ascii')


def script_body(name='Restart web server', content=BODY, **overrides):
    body = {
        'name': name,
        'description': 'Restarts a service',
        'platforms': ['LINUX'],
        'executionType': 'SHELL',
        'installTimeout': '30',
        'processName': 'nginx',
        'serviceName': 'nginx',
        'attachment': {'name': 'web-restart.sh', 'file': b64(content)},
        'parameters': [
            {'name': 'service', 'description': 'unit to restart', 'defaultValue': 'nginx', 'type': 'REQUIRED', 'dataType': 'STRING'},
            {'name': 'wait', 'description': 'seconds', 'defaultValue': '5', 'type': 'OPTIONAL', 'dataType': 'INTEGER'},
            {'name': 'api_token', 'description': 'a secret', 'defaultValue': SECRET, 'type': 'OPTIONAL', 'dataType': 'PASSWORD'},
        ],
    }
    body.update(overrides)
    return body


def ok(resp):
    assert resp.status_code == 200, resp.text
    return resp.json() if resp.content else None


def new_category(api, name='Operations', parent=None, tenant=None):
    body = {'name': name}
    if parent is not None:
        body['parent'] = {'id': parent}
    return ok(api.rba('POST', '/categories', json=body, tenant=tenant))['id']


def scripts_path(category_id, script_id=None):
    return '/categories/%s/scripts%s' % (category_id, '' if script_id is None else '/%s' % script_id)


def new_script(api, category_id, body=None, tenant=None):
    return ok(api.rba('POST', scripts_path(category_id), json=body or script_body(), tenant=tenant))


def rba_log(sim):
    return [(e['method'], e['path'], e['kind'], e['status']) for e in sim.control.requests() if e['kind'] != 'token']


# ---------------------------------------------------------------- categories

def test_categories_are_created_and_listed_as_a_tree_with_integer_ids(sim, api):
    root = new_category(api, 'Operations')
    child = new_category(api, 'Web', parent=root)
    grandchild = new_category(api, 'Nginx', parent=child)
    other = new_category(api, 'Databases')
    assert all(isinstance(i, int) for i in (root, child, grandchild, other))
    answer = ok(api.rba('POST', '/categories', json={'name': 'Caches'}))
    assert set(answer) == {'id', 'name'}              # the parent is not echoed
    tree = ok(api.rba('GET', '/categories'))
    assert tree == [
        {'id': root, 'name': 'Operations', 'childs': [{'id': child, 'name': 'Web', 'childs': [{'id': grandchild, 'name': 'Nginx'}]}]},
        {'id': other, 'name': 'Databases'},
        {'id': answer['id'], 'name': 'Caches'},
    ]
    stored = sim.control.rba()['categories']
    assert [(c['id'], c['parent'], c['tenant'], c['global']) for c in stored] == [
        (root, None, 'client_1', False), (child, root, 'client_1', False), (grandchild, child, 'client_1', False),
        (other, None, 'client_1', False), (answer['id'], None, 'client_1', False)]
    assert rba_log(sim)[-1] == ('GET', '/api/v2/tenants/client_1/rba/categories', 'read', 200)
    assert sum(1 for e in rba_log(sim) if e[0] == 'POST') == 5
    assert sim.control.stats()['rba_categories'] == 5


def test_category_rename_is_a_put_with_the_id_in_the_body(sim, api):
    root = new_category(api, 'Operations')
    child = new_category(api, 'Web', parent=root)
    other = new_category(api, 'Databases')
    assert ok(api.rba('PUT', '/categories', json={'id': child, 'name': 'Web servers'})) == {'id': child, 'name': 'Web servers'}
    assert ok(api.rba('PUT', '/categories', json={'id': str(other), 'name': 'DB'})) == {'id': other, 'name': 'DB'}
    # a parent in the PUT is ignored by default (the PUT body has name and id only)
    ok(api.rba('PUT', '/categories', json={'id': child, 'name': 'Web servers', 'parent': {'id': other}}))
    assert [c['parent'] for c in sim.control.rba()['categories']] == [None, root, None]
    resp = api.rba('PUT', '/categories', json={'name': 'no id'})
    assert resp.status_code == 400 and resp.json()[0]['fieldName'] == 'id'
    resp = api.rba('PUT', '/categories', json={'id': 999999, 'name': 'x'})
    assert resp.status_code == 404 and resp.json()['code'] == '0006'
    assert [c['name'] for c in sim.control.rba()['categories']] == ['Operations', 'Web servers', 'DB']


def test_category_move_when_the_put_parent_is_applied(sim, api):
    sim.control.configure(rba_category_move='applied')
    root = new_category(api, 'Operations')
    child = new_category(api, 'Web', parent=root)
    other = new_category(api, 'Databases')
    ok(api.rba('PUT', '/categories', json={'id': child, 'name': 'Web', 'parent': {'id': other}}))
    assert ok(api.rba('GET', '/categories'))[1] == {'id': other, 'name': 'Databases', 'childs': [{'id': child, 'name': 'Web'}]}
    resp = api.rba('PUT', '/categories', json={'id': other, 'name': 'Databases', 'parent': {'id': child}})
    assert resp.status_code == 400 and resp.json()[0]['fieldName'] == 'parent.id'
    ok(api.rba('PUT', '/categories', json={'id': child, 'name': 'Web', 'parent': None}))
    assert [c['parent'] for c in sim.control.rba()['categories']] == [None, None, None]


def test_category_create_errors(sim, api):
    cases = [({'parent': {'id': 1}}, 'name'), ({'name': ''}, 'name'), ({'name': 'x', 'parent': {'id': 424242}}, 'parent.id')]
    for body, field in cases:
        resp = api.rba('POST', '/categories', json=body)
        assert resp.status_code == 400 and resp.json()[0]['fieldName'] == field, resp.text
    resp = api.rba('POST', '/categories', data='{not json', headers={'Content-Type': 'application/json'})
    assert resp.status_code == 400 and resp.json()[0]['code'] == '0001'
    assert api.rba('GET', '/categories/1').status_code == 405          # no GET of one category
    assert api.rba('DELETE', scripts_path(1)).status_code == 405       # no DELETE without a script id
    assert api.rba('GET', '/nothing').status_code == 404
    assert sim.control.rba() == {'categories': [], 'scripts': []}


def test_a_category_is_deleted_only_when_no_script_is_in_it_or_below_it(sim, api):
    root = new_category(api, 'Operations')
    child = new_category(api, 'Web', parent=root)
    script = new_script(api, child)
    for target in (root, child):
        resp = api.rba('DELETE', '/categories/%s' % target)
        assert resp.status_code == 400
        assert resp.json()[0]['fieldName'] == 'categoryId' and str(script['id']) in resp.json()[0]['message']
    assert len(sim.control.rba()['categories']) == 2 and sim.control.stats()['rba_deletes'] == 0
    ok(api.rba('DELETE', scripts_path(child, script['id'])))
    resp = api.rba('DELETE', '/categories/%s' % root)            # cascade: the empty subcategory goes with it
    assert resp.status_code == 200 and resp.content == b''
    assert sim.control.rba() == {'categories': [], 'scripts': []}
    resp = api.rba('DELETE', '/categories/%s' % root)
    assert resp.status_code == 404


def test_a_category_with_subcategories_can_be_refused(sim, api):
    sim.control.configure(rba_delete_with_subcategories='refuse')
    root = new_category(api, 'Operations')
    child = new_category(api, 'Web', parent=root)
    resp = api.rba('DELETE', '/categories/%s' % root)
    assert resp.status_code == 400 and 'subcategories' in resp.json()[0]['message']
    ok(api.rba('DELETE', '/categories/%s' % child))
    ok(api.rba('DELETE', '/categories/%s' % root))
    assert sim.control.rba()['categories'] == []


# ---------------------------------------------------------------- scripts

def test_script_create_answers_the_script_with_ids_and_a_content_url(sim, api):
    category = new_category(api)
    created = new_script(api, category)
    assert isinstance(created['id'], int) and created['id'] != category
    assert created['category'] == {'id': category, 'name': 'Operations'}
    assert created['executionType'] == 'SHELL' and created['platforms'] == ['LINUX']
    assert created['installTimeout'] == 30                    # '30' sent, a number answered
    assert created['scriptVersion'] == '0.00'
    assert created['processName'] == 'nginx' and created['serviceName'] == 'nginx'
    params = created['parameters']
    assert [p['name'] for p in params] == ['service', 'wait', 'api_token']
    assert all(isinstance(p['id'], int) for p in params) and len({p['id'] for p in params} | {created['id']}) == 4
    assert params[0] == {'id': params[0]['id'], 'name': 'service', 'description': 'unit to restart', 'defaultValue': 'nginx',
                         'type': 'REQUIRED', 'dataType': 'STRING'}
    attachment = created['attachment']
    assert set(attachment) == {'id', 'name', 'contentURL'} and attachment['name'] == 'web-restart.sh'
    assert 'file' not in attachment and b64(BODY) not in str(created)       # the read never carries the body
    assert attachment['contentURL'].startswith(sim.url + '/downloadScript.do?action=downloadAgent&fileName=web-restart.sh&version=0.00')
    download = api.session.get(attachment['contentURL'], timeout=10)
    assert download.status_code == 200 and download.content == BODY
    stored = sim.control.rba_script(created['id'])
    assert stored['content'] == BODY.decode() and stored['content_sha256'] == hashlib.sha256(BODY).hexdigest()
    assert stored['tenant'] == 'client_1' and stored['category'] == category and stored['installTimeout'] == 30
    assert sim.control.stats()['rba_scripts'] == 1


def test_scripts_are_listed_per_category_and_read_by_id(sim, api):
    category, other = new_category(api), new_category(api, 'Other')
    first = new_script(api, category)
    second = new_script(api, category, script_body('Reload web server'))
    new_script(api, other, script_body('Elsewhere'))
    listed = ok(api.rba('GET', scripts_path(category)))
    assert [s['id'] for s in listed] == [first['id'], second['id']]
    assert listed == [first, second]                   # a list item is the whole script, as the create answered it
    assert ok(api.rba('GET', scripts_path(category, first['id']))) == first
    assert ok(api.rba('GET', scripts_path(new_category(api, 'Empty')))) == []


def test_script_update_replaces_the_script_and_bumps_the_version(sim, api):
    category = new_category(api)
    created = new_script(api, category)
    sim.control.clear_requests()
    update = script_body(content=NEW_BODY, description='now reloads')
    del update['processName']
    updated = ok(api.rba('POST', scripts_path(category, created['id']), json=update))
    assert updated['id'] == created['id'] and updated['scriptVersion'] == '1.00'
    assert updated['description'] == 'now reloads' and 'processName' not in updated     # an omitted field is gone
    assert [p['id'] for p in updated['parameters']] == [p['id'] for p in created['parameters']]
    assert 'version=1.00' in updated['attachment']['contentURL']
    assert api.session.get(updated['attachment']['contentURL'], timeout=10).content == NEW_BODY
    assert api.session.get(created['attachment']['contentURL'], timeout=10).status_code == 404   # the old version
    assert sim.control.rba_script(created['id'])['content'] == NEW_BODY.decode()
    assert [e[:2] for e in rba_log(sim)] == [('POST', '/api/v2/tenants/client_1/rba' + scripts_path(category, created['id'])),
                                             ('GET', '/downloadScript.do'), ('GET', '/downloadScript.do')]
    assert sim.control.stats()['rba_updates'] == 1


def test_script_update_can_keep_omitted_fields(sim, api):
    sim.control.configure(rba_update_keeps_omitted_fields=True)
    category = new_category(api)
    created = new_script(api, category)
    update = script_body()
    del update['processName'], update['parameters']
    updated = ok(api.rba('POST', scripts_path(category, created['id']), json=update))
    assert updated['processName'] == 'nginx' and updated['parameters'] == created['parameters']


def test_script_delete(sim, api):
    category = new_category(api)
    created = new_script(api, category)
    resp = api.rba('DELETE', scripts_path(category, created['id']))
    assert resp.status_code == 200 and resp.content == b''
    assert api.rba('GET', scripts_path(category, created['id'])).status_code == 404
    assert api.rba('DELETE', scripts_path(category, created['id'])).status_code == 404
    assert sim.control.rba()['scripts'] == [] and sim.control.stats()['rba_deletes'] == 1


def test_command_scripts_and_whether_reads_show_the_command(sim, api):
    category = new_category(api)
    body = script_body(executionType='COMMAND', command='uptime', parameters=[])
    del body['attachment']
    created = new_script(api, category, body)
    assert 'attachment' not in created and 'command' not in created
    assert sim.control.rba_script(created['id'])['command'] == 'uptime'
    sim.control.configure(rba_command_in_reads=True)
    assert ok(api.rba('GET', scripts_path(category, created['id'])))['command'] == 'uptime'


def _without(body, *keys):
    for key in keys:
        body.pop(key, None)
    return body


BAD_SCRIPTS = [
    (script_body(executionType='FIRING_SQUAD'), 'executionType'),
    (_without(script_body(), 'executionType'), 'executionType'),
    (script_body(command='uptime'), 'command: not both'),                               # both command and attachment
    (script_body(executionType='COMMAND', command='uptime'), 'command: not both'),
    (script_body(executionType='COMMAND'), 'command'),                                  # COMMAND with an attachment only
    (_without(script_body(executionType='COMMAND'), 'attachment'), 'command'),          # COMMAND without command
    (_without(script_body(), 'attachment'), 'attachment'),
    (script_body(attachment={'name': 'x.sh'}), 'attachment.file'),
    (script_body(attachment={'file': b64(BODY)}), 'attachment.name'),
    (script_body(attachment={'name': 'x.sh', 'file': 'not base64!'}), 'attachment.file'),
    (script_body(parameters=[{'name': 'a', 'type': 'REQUIRED', 'dataType': 'BOOLEAN'}]), 'parameters[0].dataType'),
    (script_body(parameters=[{'name': 'a', 'type': 'MANDATORY', 'dataType': 'STRING'}]), 'parameters[0].type'),
    (script_body(parameters=[{'name': 'a'}, {'name': 'a'}]), 'parameters[1].name'),
    (script_body(parameters=[{'description': 'no name'}]), 'parameters[0].name'),
    (script_body(parameters={'name': 'a'}), 'parameters'),
    (script_body(installTimeout='soon'), 'installTimeout'),
    (script_body(platforms=['SOLARIS']), 'platforms'),
    (script_body(name=''), 'name'),
]


@pytest.mark.parametrize('body, field', BAD_SCRIPTS, ids=[field for _body, field in BAD_SCRIPTS])
def test_bad_script_bodies_are_refused_and_nothing_is_stored(sim, api, body, field):
    field, _sep, words = field.partition(': ')         # 'field: words the message must hold'
    category = new_category(api)
    resp = api.rba('POST', scripts_path(category), json=body)
    assert resp.status_code == 400, resp.text
    assert field in [item['fieldName'] for item in resp.json()]
    assert words in ' '.join(item['message'] for item in resp.json())
    assert sim.control.rba()['scripts'] == []
    created = new_script(api, category)
    resp = api.rba('POST', scripts_path(category, created['id']), json=body)   # updates are checked alike
    assert resp.status_code == 400 and field in [item['fieldName'] for item in resp.json()]
    assert sim.control.rba_script(created['id'])['scriptVersion'] == '0.00'


def test_validation_off_keeps_what_was_sent(sim, api):
    sim.control.configure(validate=False)
    category = new_category(api)
    created = new_script(api, category, script_body(executionType='FIRING_SQUAD', attachment={'name': 'x', 'file': 'raw text'}))
    assert created['executionType'] == 'FIRING_SQUAD'
    assert sim.control.rba_script(created['id'])['content'] == 'raw text'


def test_unknown_category_or_script(sim, api):
    category = new_category(api)
    created = new_script(api, category)
    other = new_category(api, 'Other')
    for method, path in [('POST', scripts_path(555)), ('GET', scripts_path(555)), ('GET', scripts_path(category, 9999)),
                         ('POST', scripts_path(category, 9999)), ('DELETE', scripts_path(category, 9999)),
                         ('GET', scripts_path(category, 'abc')), ('DELETE', '/categories/555'),
                         ('GET', scripts_path(other, created['id']))]:       # under another category than its own
        resp = api.rba(method, path, json=script_body() if method == 'POST' else None)
        assert resp.status_code == 404 and resp.json()['code'] == '0006', (method, path, resp.text)
    sim.control.configure(not_found_style='500-0005')
    resp = api.rba('GET', scripts_path(category, 9999))
    assert resp.status_code == 500 and resp.json()['code'] == '0005'
    sim.control.configure(rba_category_path='ignored')
    assert ok(api.rba('GET', scripts_path(other, created['id'])))['id'] == created['id']
    assert ok(api.rba('GET', scripts_path(424242, created['id'])))['category']['id'] == category


def test_tenants_do_not_see_each_others_categories_and_scripts(sim, api):
    category = new_category(api)
    created = new_script(api, category)
    assert ok(api.rba('GET', '/categories', tenant='msp_1')) == []
    assert api.rba('GET', scripts_path(category, created['id']), tenant='msp_1').status_code == 404
    assert api.rba('DELETE', '/categories/%s' % category, tenant='msp_1').status_code == 404
    assert api.rba('GET', '/categories', tenant='client_9').status_code == 404           # unknown tenant, as for jobs
    assert [c['id'] for c in sim.control.rba(tenant='client_1')['categories']] == [category]
    assert sim.control.rba(tenant='msp_1') == {'categories': [], 'scripts': []}


# ---------------------------------------------------------------- knobs

@pytest.mark.parametrize('mode, expected', [('masked', '********'), ('omitted', None), ('clear', SECRET)])
def test_password_defaults_in_reads(sim, api, mode, expected):
    sim.control.configure(rba_password_default=mode)
    category = new_category(api)
    created = new_script(api, category)
    for script in (created, ok(api.rba('GET', scripts_path(category, created['id']))),
                   ok(api.rba('GET', scripts_path(category)))[0]):
        secret = script['parameters'][2]
        assert secret.get('defaultValue') == expected and ('defaultValue' in secret) == (expected is not None)
        assert script['parameters'][0]['defaultValue'] == 'nginx'       # other parameters are answered as stored
    assert sim.control.rba_script(created['id'])['parameters'][2]['defaultValue'] == SECRET


def test_content_knob_url_by_name_finds_the_last_script_of_that_file_name(sim, api):
    sim.control.configure(rba_script_content='url_by_name')
    category = new_category(api)
    first = new_script(api, category)
    second = new_script(api, category, script_body('Other script', content=NEW_BODY))
    assert first['attachment']['contentURL'] == second['attachment']['contentURL']
    assert 'scriptId' not in first['attachment']['contentURL']
    assert api.session.get(first['attachment']['contentURL'], timeout=10).content == NEW_BODY    # not first's body


@pytest.mark.parametrize('mode', ['url_unreachable', 'none', 'inline'])
def test_content_knob_other_answers(sim, api, mode):
    sim.control.configure(rba_script_content=mode)
    category = new_category(api)
    created = new_script(api, category)
    attachment = ok(api.rba('GET', scripts_path(category, created['id'])))['attachment']
    if mode == 'url_unreachable':
        resp = api.session.get(attachment['contentURL'], timeout=10)
        assert resp.status_code == 404 and resp.headers['Content-Type'].startswith('text/html')
    elif mode == 'none':
        assert attachment == {'id': 0, 'name': 'web-restart.sh'}
    else:
        assert attachment == {'id': 0, 'name': 'web-restart.sh', 'file': b64(BODY)}


def test_downloads_need_a_token_and_are_logged_faulted_and_counted(sim, api):
    category = new_category(api)
    url = new_script(api, category)['attachment']['contentURL']
    sim.control.clear_requests()
    assert requests.get(url, timeout=10).status_code == 401
    sim.control.add_faults({'method': 'GET', 'path': 'downloadScript', 'status': 503})
    assert api.session.get(url, timeout=10).status_code == 503
    assert api.session.get(url, timeout=10).status_code == 200
    assert api.session.post(url, timeout=10).status_code == 405
    log = sim.control.requests()
    assert [(e['path'], e['kind'], e['status'], e['fault']) for e in log] == [
        ('/downloadScript.do', 'read', 401, None), ('/downloadScript.do', 'read', 503, 'status'),
        ('/downloadScript.do', 'read', 200, None), ('/downloadScript.do', 'write', 405, None)]
    assert log[2]['query'] == {'action': 'downloadAgent', 'fileName': 'web-restart.sh', 'version': '0.00',
                               'scriptId': str(sim.control.rba()['scripts'][0]['id'])}


@pytest.mark.parametrize('mode, status', [('409', 409), ('400', 400)])
def test_duplicate_names_can_be_refused(sim, api, mode, status):
    sim.control.configure(rba_duplicate_names=mode)
    category, other = new_category(api), new_category(api, 'Other')
    created = new_script(api, category)
    resp = api.rba('POST', scripts_path(category), json=script_body())
    assert resp.status_code == status and resp.json()[0]['fieldName'] == 'name'
    new_script(api, other)                                      # the same name in another category is fine
    second = new_script(api, category, script_body('Second'))
    resp = api.rba('POST', scripts_path(category, second['id']), json=script_body())   # renamed onto the first
    assert resp.status_code == status
    ok(api.rba('POST', scripts_path(category, created['id']), json=script_body()))    # its own name is fine
    new_category(api, 'Web', parent=category)
    assert api.rba('POST', '/categories', json={'name': 'Web', 'parent': {'id': category}}).status_code == status
    assert api.rba('POST', '/categories', json={'name': 'Other'}).status_code == status
    new_category(api, 'Web', parent=other)
    assert len(sim.control.rba()['scripts']) == 3


def test_duplicate_names_are_allowed_by_default(sim, api):
    category = new_category(api)
    ids = {new_script(api, category)['id'] for dummy in range(2)}
    new_category(api, 'Operations')
    assert len(ids) == 2 and len(sim.control.rba()['categories']) == 2


@pytest.mark.parametrize('mode, answered', [('upper', 'SHELL'), ('as_sent', 'shell')])
def test_enum_case(sim, api, mode, answered):
    sim.control.configure(rba_enum_case=mode)
    category = new_category(api)
    body = script_body(executionType='shell', platforms=['linux'])
    body['parameters'][0].update(type='required', dataType='string')
    created = new_script(api, category, body)
    assert created['executionType'] == answered and created['platforms'] == [answered.replace('SHELL', 'LINUX').replace('shell', 'linux')]
    assert (created['parameters'][0]['type'], created['parameters'][0]['dataType']) == (
        ('REQUIRED', 'STRING') if mode == 'upper' else ('required', 'string'))
    assert sim.control.rba_script(created['id'])['executionType'] == 'shell'          # stored as sent


def test_enum_case_strict_refuses_other_spellings(sim, api):
    sim.control.configure(rba_enum_case='strict')
    category = new_category(api)
    resp = api.rba('POST', scripts_path(category), json=script_body(executionType='Shell'))
    assert resp.status_code == 400 and resp.json()[0]['fieldName'] == 'executionType'
    new_script(api, category)


def test_ids_as_strings(sim, api):
    sim.control.configure(rba_ids_as_strings=True)
    root = new_category(api)
    assert isinstance(root, str)
    child = new_category(api, 'Web', parent=root)
    created = new_script(api, child)
    assert isinstance(created['id'], str) and created['category']['id'] == child
    assert all(isinstance(p['id'], str) for p in created['parameters']) and created['attachment']['id'] == '0'
    assert ok(api.rba('GET', '/categories')) == [{'id': root, 'name': 'Operations', 'childs': [{'id': child, 'name': 'Web'}]}]
    assert ok(api.rba('PUT', '/categories', json={'id': child, 'name': 'W'})) == {'id': child, 'name': 'W'}
    assert isinstance(sim.control.rba()['categories'][0]['id'], int)                 # stored as numbers


def test_script_get_and_list_shapes(sim, api):
    category = new_category(api)
    first = new_script(api, category)
    second = new_script(api, category, script_body('Second'))
    sim.control.configure(rba_script_get_shape='list')
    assert ok(api.rba('GET', scripts_path(category, first['id']))) == [first]
    sim.control.configure(rba_script_get_shape='category_list')
    assert ok(api.rba('GET', scripts_path(category, first['id']))) == [first, second]
    sim.control.configure(rba_script_list_shape='object_if_one')
    assert isinstance(ok(api.rba('GET', scripts_path(category))), list)
    ok(api.rba('DELETE', scripts_path(category, second['id'])))
    assert ok(api.rba('GET', scripts_path(category))) == first


def _renamed_and_reordered(created):
    params = [dict(p) for p in created['parameters']]
    params[1]['name'] = 'delay'                                  # renamed
    return [params[2], params[0], params[1]]                     # reordered; each still carries its id


@pytest.mark.parametrize('mode', ['keep_by_name', 'keep_by_id', 'renumber'])
def test_parameter_ids_after_an_update(sim, api, mode):
    sim.control.configure(rba_param_ids_on_update=mode, rba_password_default='clear')
    category = new_category(api)
    created = new_script(api, category)
    old = {p['name']: p['id'] for p in created['parameters']}
    updated = ok(api.rba('POST', scripts_path(category, created['id']), json=script_body(parameters=_renamed_and_reordered(created))))
    new = {p['name']: p['id'] for p in updated['parameters']}
    assert list(new) == ['api_token', 'service', 'delay']
    if mode == 'keep_by_name':
        assert new['api_token'] == old['api_token'] and new['service'] == old['service'] and new['delay'] not in old.values()
    elif mode == 'keep_by_id':
        assert new == {'api_token': old['api_token'], 'service': old['service'], 'delay': old['wait']}
    else:
        assert not set(new.values()) & set(old.values())
    assert len(set(new.values())) == 3


@pytest.mark.parametrize('mode, versions', [('every_update', ['1.00', '2.00']), ('body_change', ['0.00', '1.00']),
                                            ('never', ['0.00', '0.00'])])
def test_script_version_knob(sim, api, mode, versions):
    sim.control.configure(rba_version_bump=mode)
    category = new_category(api)
    created = new_script(api, category)
    path = scripts_path(category, created['id'])
    same = ok(api.rba('POST', path, json=script_body(description='only the description')))
    changed = ok(api.rba('POST', path, json=script_body(content=NEW_BODY)))
    assert [same['scriptVersion'], changed['scriptVersion']] == versions


def test_an_update_without_the_body_is_refused_or_keeps_it(sim, api):
    category = new_category(api)
    created = new_script(api, category)
    path = scripts_path(category, created['id'])
    resp = api.rba('POST', path, json=_without(script_body(), 'attachment'))
    assert resp.status_code == 400 and resp.json()[0]['fieldName'] == 'attachment'
    sim.control.configure(rba_update_without_body='keep')
    updated = ok(api.rba('POST', path, json=_without(script_body(description='d2'), 'attachment')))
    assert updated['attachment']['name'] == 'web-restart.sh'
    assert api.session.get(updated['attachment']['contentURL'], timeout=10).content == BODY
    ok(api.rba('POST', path, json=script_body(attachment={'name': 'renamed.sh'})))
    assert sim.control.rba_script(created['id'])['attachment'] == {'name': 'renamed.sh'}
    assert sim.control.rba_script(created['id'])['content'] == BODY.decode()


# ---------------------------------------------------------------- global categories (seeded)

def test_global_categories_are_seen_by_every_tenant_and_refuse_writes(sim, api):
    shared = sim.control.seed_rba_categories({'id': 1, 'name': 'Miscellaneous', 'global': True})[0]
    assert shared == {'id': 1, 'name': 'Miscellaneous', 'parent': None, 'tenant': None, 'global': True}
    script = sim.control.seed_rba_scripts({'category': 1, 'name': 'Uptime', 'executionType': 'COMMAND', 'command': 'uptime'})[0]
    assert script['tenant'] is None
    for tenant in ('client_1', 'msp_1'):
        assert ok(api.rba('GET', '/categories', tenant=tenant)) == [{'id': 1, 'name': 'Miscellaneous'}]
        assert ok(api.rba('GET', scripts_path(1), tenant=tenant))[0]['name'] == 'Uptime'
    refused = [api.rba('PUT', '/categories', json={'id': 1, 'name': 'x'}), api.rba('DELETE', '/categories/1'),
               api.rba('POST', scripts_path(1), json=script_body()),
               api.rba('POST', scripts_path(1, script['id']), json=script_body()),
               api.rba('DELETE', scripts_path(1, script['id']))]
    assert [r.status_code for r in refused] == [403] * 5
    assert refused[0].json()['error'] == 'access_denied'
    own = new_category(api, 'Mine', parent=1)                      # a tenant's own subcategory below a global one
    assert ok(api.rba('GET', '/categories')) == [{'id': 1, 'name': 'Miscellaneous', 'childs': [{'id': own, 'name': 'Mine'}]}]
    assert ok(api.rba('GET', '/categories', tenant='msp_1')) == [{'id': 1, 'name': 'Miscellaneous'}]


# ---------------------------------------------------------------- custom jobs that name a script (§6, §20)

def _seed_restart_script(sim):
    sim.control.seed_rba_categories({'id': 30, 'name': 'Web'})
    return sim.control.seed_rba_scripts({
        'id': 78, 'category': 30, 'name': 'Restart web server', 'description': 'Restarts a service',
        'platforms': ['LINUX'], 'executionType': 'SHELL', 'content': BODY.decode(), 'scriptVersion': '2.00',
        'parameters': [{'id': 102, 'name': 'service', 'type': 'REQUIRED', 'dataType': 'STRING'},
                       {'id': 103, 'name': 'api_token', 'type': 'OPTIONAL', 'dataType': 'PASSWORD'}]})[0]


def _custom(params, script_id=78):
    return custom_job(script={'customScript': {'id': script_id}, 'userType': 2, 'parameters': params})


@pytest.mark.parametrize('mode, expected', [('masked', '********'), ('omitted', None), ('clear', SECRET)])
def test_custom_jobs_read_their_script_and_parameter_names_from_the_store(sim, api, mode, expected):
    _seed_restart_script(sim)
    sim.control.configure(job_password_value=mode)
    job = ok(api.create(_custom([{'paramId': 102, 'value': 'nginx'}, {'paramId': '103', 'value': SECRET}])))
    script = ok(api.get(job['id']))['script']
    assert script['customScript'] == {'id': 78, 'name': 'Restart web server', 'description': 'Restarts a service',
                                      'platforms': ['LINUX']}
    assert [(p['paramId'], p['name']) for p in script['parameters']] == [(102, 'service'), (103, 'api_token')]
    assert script['parameters'][0]['value'] == 'nginx'
    assert script['parameters'][1].get('value') == expected and ('value' in script['parameters'][1]) == (expected is not None)
    assert sim.control.job(job['id'])['script']['parameters'][1]['value'] == SECRET      # stored as sent
    found = ok(api.search(queryString='name:Custom'))['results'][0]['script']
    assert found['customScript']['name'] == 'Restart web server' and 'parameters' not in found


def test_a_script_renamed_in_the_store_renames_it_in_job_reads(sim, api):
    _seed_restart_script(sim)
    job = ok(api.create(_custom([{'paramId': 102, 'value': 'nginx'}])))
    ok(api.rba('POST', scripts_path(30, 78), json=script_body('Restart nginx', parameters=[{'name': 'service'}, {'name': 'unit'}])))
    assert ok(api.get(job['id']))['script']['customScript']['name'] == 'Restart nginx'
    sim.control.delete_rba_script(78)
    read = ok(api.get(job['id']))['script']        # the script is gone: names made up from the ids, as without a store
    assert read['customScript']['name'] == 'Script 78' and read['parameters'][0]['name'] == 'Parameter 102'


def test_custom_script_check(sim, api):
    _seed_restart_script(sim)
    assert api.create(_custom([{'paramId': 1, 'value': 'x'}], script_id=4242)).status_code == 200   # off by default
    sim.control.configure(custom_script_check=True)
    resp = api.create(_custom([], script_id=4242))
    assert resp.status_code == 400 and resp.json()[0]['fieldName'] == 'script.customScript.id'
    resp = api.create(_custom([{'paramId': 102, 'value': 'x'}, {'paramId': 999, 'value': 'y'}]))
    assert resp.status_code == 400 and resp.json() == [
        {'code': '0002', 'fieldName': 'script.parameters.paramId', 'message': 'Script 78 has no parameter with id 999'}]
    job = ok(api.create(_custom([{'paramId': '102', 'value': 'x'}])))
    resp = api.update(job['id'], dict(_custom([{'paramId': 7, 'value': 'x'}]), id=job['id']))
    assert resp.status_code == 400
    assert api.create(_custom([], script_id=78), tenant='msp_1').status_code == 400     # another tenant's script
    assert len(sim.control.jobs()) == 2


# ---------------------------------------------------------------- control API, and the plumbing every route shares

def test_seeding_reading_and_removing_through_the_control_api(sim, api):
    seeded = _seed_restart_script(sim)
    assert seeded['id'] == 78 and seeded['scriptVersion'] == '2.00' and seeded['tenant'] == 'client_1'
    assert [p['id'] for p in seeded['parameters']] == [102, 103]
    assert seeded['content'] == BODY.decode() and seeded['content_base64'] == b64(BODY)
    read = ok(api.rba('GET', scripts_path(30, 78)))
    assert read['scriptVersion'] == '2.00' and api.session.get(read['attachment']['contentURL'], timeout=10).content == BODY
    assert sim.control.requests()[-1]['path'] == '/downloadScript.do'       # API calls are logged, control calls are not
    assert len([e for e in sim.control.requests() if e['kind'] != 'token']) == 2
    created = new_script(api, 30)
    assert created['id'] != 78 and all(p['id'] not in (102, 103) for p in created['parameters'])
    child = sim.control.seed_rba_categories([{'name': 'Child', 'parent': 30}], tenant='client_1')[0]
    assert child['parent'] == 30 and child['id'] not in (30,)
    assert sim.control.rba_script(424242) is None
    assert sim.control.delete_rba_script(78)['id'] == 78 and sim.control.rba_script(78) is None
    for bad in ([{'name': 'x', 'parent': 999}], [{'no': 'name'}]):
        with pytest.raises(SimControlError) as info:
            sim.control.seed_rba_categories(bad)
        assert info.value.status == 400
    with pytest.raises(SimControlError):
        sim.control.seed_rba_scripts({'name': 'x', 'category': 999})
    assert sim.control.delete_rba() == {'deleted': 3}
    assert sim.control.rba() == {'categories': [], 'scripts': []}
    _seed_restart_script(sim)
    sim.control.reset()
    assert sim.control.rba() == {'categories': [], 'scripts': []} and sim.control.stats()['rba_scripts'] == 0


def test_auth_rate_limits_and_faults_apply_to_the_rba_routes(sim, api):
    resp = requests.get(api.url + '/api/v2/tenants/client_1/rba/categories', timeout=10)
    assert resp.status_code == 401
    category = new_category(api)
    sim.control.configure(write_limit=1, rate_window_seconds=1)
    for dummy in range(3):          # two writes inside one window (retried if a slow machine split them)
        sim.control.delete_rba()
        wait_for_window_start(1)
        burst = [api.rba('POST', '/categories', json={'name': 'burst %d' % i}) for i in range(2)]
        if len({r.headers['X-RateLimit-Reset'] for r in burst}) == 1:
            break
    assert [r.status_code for r in burst] == [200, 429] and burst[1].headers['X-RateLimit-Limit'] == '1'
    assert [c['name'] for c in sim.control.rba()['categories']] == ['burst 0']     # the throttled one did nothing
    sim.control.configure(write_limit=0)
    category = new_category(api)
    sim.control.add_faults([{'method': 'POST', 'path': '/rba/categories/[0-9]+/scripts$', 'status': 500},
                            {'method': 'POST', 'path': '/rba/categories/[0-9]+/scripts$', 'action': 'status_after_apply', 'status': 502}])
    assert api.rba('POST', scripts_path(category), json=script_body()).status_code == 500
    assert sim.control.rba()['scripts'] == []                                 # not executed
    assert api.rba('POST', scripts_path(category), json=script_body()).status_code == 502
    assert len(sim.control.rba()['scripts']) == 1                             # executed, then the fault
    assert api.rba('POST', scripts_path(category), json=script_body()).status_code == 200
    statuses = [e['status'] for e in sim.control.requests() if e['kind'] == 'write']
    assert statuses[-3:] == [500, 502, 200] and 429 in statuses


def test_rba_knobs_reject_bad_values_and_are_reset_with_the_config(sim):
    with pytest.raises(SimControlError) as info:
        sim.control.configure(rba_script_content='sometimes')
    assert info.value.status == 400 and 'rba_script_content' in str(info.value.body)
    sim.control.configure(rba_password_default='clear', custom_script_check='true')
    config = sim.control.config()
    assert config['rba_password_default'] == 'clear' and config['custom_script_check'] is True
    sim.control.reset(config=True)
    assert sim.control.config()['rba_password_default'] == 'masked'


def test_rba_knobs_from_the_command_line(tmp_path):
    sim_dir = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    port_file = tmp_path / 'url.txt'
    env = dict(os.environ)
    env.pop('PYTHONPATH', None)
    proc = subprocess.Popen([sys.executable, os.path.join(sim_dir, 'opsramp_simulator'), '--port-file', str(port_file),
                             '--config-json', '{"rba_script_content": "inline", "rba_ids_as_strings": true}'],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=str(tmp_path))
    try:
        deadline = time.time() + 10
        while not port_file.exists():
            assert proc.poll() is None and time.time() < deadline, proc.stderr.read()
            time.sleep(0.02)
        url = port_file.read_text(encoding='utf-8').strip()
        api = Api(url).login()
        category = new_category(api)
        created = new_script(api, category)
        assert isinstance(category, str) and created['attachment']['file'] == b64(BODY)
        assert SimControl(url).config()['rba_script_content'] == 'inline'
    finally:
        proc.terminate()
        proc.communicate(timeout=10)
    assert proc.returncode == 0
