# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The scripts and categories adapters (_scripts/adapter.py) through the engine's single-object flow, over real HTTP
against the simulator: what the task gets, what the simulator stores, and what reached it (api-behaviour §20)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.opsramp.automation.plugins.module_utils._engine.ensure import ensure
from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import ApiError, ValidationError
from ansible_collections.opsramp.automation.plugins.module_utils._scripts import api, body
from ansible_collections.opsramp.automation.plugins.module_utils._scripts.adapter import CATEGORIES, SCRIPTS

from ansible_collections.opsramp.automation.tests.unit.plugins.module_utils._scripts.rba_store import validated

SH = '#!/bin/sh\nsystemctl restart apache2\n'
RBA = '/api/v2/tenants/client_1/rba'
DOWNLOAD = '/downloadScript.do'
MASK = '********'


def script(**options):
    return validated(SCRIPTS, dict(dict(name='Restart Apache', category='Web/Apache', execution_type='shell',
                                        content=SH, file_name='restart.sh'), **options))


@pytest.fixture
def apache(sim):
    """Web and Web/Apache, empty: the id of Apache."""
    web, = sim.control.seed_rba_categories([{'name': 'Web'}])
    return sim.control.seed_rba_categories([{'name': 'Apache', 'parent': web['id']}])[0]['id']


def stored(sim, name='Restart Apache'):
    found = [item for item in sim.control.rba()['scripts'] if item['name'] == name]
    return found[0] if found else None


def calls(entries):
    return [(entry['method'], entry['path'].replace(RBA, '')) for entry in entries]


def ui_made(sim, apache, content=SH, **fields):
    """A script made in the console: no digest line in its description."""
    item = dict(dict(name='Restart Apache', category=apache, executionType='SHELL', description='Restarts Apache',
                     attachment={'name': 'restart.sh'}, content=content), **fields)
    return sim.control.seed_rba_scripts([item])[0]


# ---------------------------------------------------------------------------------------------------- the life cycle

def test_create_rerun_change_check_and_delete(sim, apache, make_client, log):
    client = make_client()
    created = ensure(SCRIPTS, client, script(description='Restarts Apache', platforms=['linux']))
    held = stored(sim)
    assert created['changed'] is True and created['script']['id'] == held['id']
    assert held['content'] == SH and held['attachment']['name'] == 'restart.sh' and held['platforms'] == ['LINUX']
    assert held['description'] == body.with_trailer('Restarts Apache', body.digest(SH))
    scripts = '/categories/%d/scripts' % apache
    assert calls(log()) == [('POST', '/tenancy/auth/oauth/token'), ('GET', '/categories'), ('GET', scripts),
                            ('POST', scripts)]

    sim.control.clear_requests()
    again = ensure(SCRIPTS, client, script(description='Restarts Apache', platforms=['linux']))
    assert again['changed'] is False and log(kind='write') == []
    assert calls(log()) == [('GET', scripts)]  # no token, no category tree: the client keeps both

    sim.control.clear_requests()
    predicted = ensure(SCRIPTS, client, script(content='echo new\n'), check_mode=True)
    assert predicted['changed'] is True and predicted['changes'] == ['body'] and log(kind='write') == []
    assert stored(sim)['content'] == SH

    changed = ensure(SCRIPTS, client, script(content='echo new\n'))
    assert changed['changes'] == ['body'] and stored(sim)['content'] == 'echo new\n'
    assert calls(log(kind='write')) == [('POST', '%s/%d' % (scripts, held['id']))]
    assert stored(sim)['platforms'] == ['LINUX'] and stored(sim)['scriptVersion'] == '1.00'

    sim.control.clear_requests()
    gone = ensure(SCRIPTS, client, script(state='absent'))
    assert gone['changed'] is True and stored(sim) is None
    assert calls(log(kind='write')) == [('DELETE', '%s/%d' % (scripts, held['id']))]
    assert ensure(SCRIPTS, client, script(state='absent'))['changed'] is False


def test_a_command_script(sim, apache, make_client, log):
    client = make_client()
    ensure(SCRIPTS, client, script(execution_type='command', content=None, command='ipconfig /flushdns',
                                   file_name=None))
    assert stored(sim)['command'] == 'ipconfig /flushdns'
    sim.control.clear_requests()
    assert ensure(SCRIPTS, client, script(execution_type='command', content=None, command='ipconfig /flushdns',
                                          file_name=None))['changed'] is False
    assert log(kind='write') == []


# ---------------------------------------------------------------------------------------------------- the body

@pytest.mark.parametrize('content, downloads', [('inline', 0), ('url', 1)])
def test_a_script_made_in_the_console_is_compared_by_its_real_body(sim, apache, make_client, log, content, downloads):
    sim.control.configure(rba_script_content=content)
    ui_made(sim, apache)
    client = make_client()
    assert ensure(SCRIPTS, client, script(description='Restarts Apache'))['changed'] is False
    assert log(kind='write') == [] and len(log(path=DOWNLOAD)) == downloads
    assert all(entry['status'] == 200 for entry in log(path=DOWNLOAD))  # the bearer token opened it

    sim.control.clear_requests()
    restored = ensure(SCRIPTS, client, script(description='Restarts Apache', content='echo new\n'))
    assert restored['changes'] == ['body'] and stored(sim)['content'] == 'echo new\n'
    assert len(log(kind='write')) == 1


@pytest.mark.parametrize('content', ['url_by_name', 'url_unreachable', 'none'])
def test_a_body_no_read_tells_is_written_once_then_converges(sim, apache, make_client, log, content):
    sim.control.configure(rba_script_content=content)
    ui_made(sim, apache)
    client = make_client()
    first = ensure(SCRIPTS, client, script(description='Restarts Apache'))
    assert first['changes'] == ['body'] and len(log(kind='write')) == 1
    downloads = log(path=DOWNLOAD)
    assert len(downloads) == (1 if content == 'url_unreachable' else 0)  # a URL naming no script: never
    sim.control.clear_requests()
    assert ensure(SCRIPTS, client, script(description='Restarts Apache'))['changed'] is False
    assert log(kind='write') == [] and log(path=DOWNLOAD) == []  # the digest line now tells


@pytest.mark.parametrize('content, seen', [('inline', True), ('url', False)])
def test_a_body_edited_in_the_console_after_the_collection_wrote_it(sim, apache, make_client, log, content, seen):
    sim.control.configure(rba_script_content=content)
    client = make_client()
    ensure(SCRIPTS, client, script())
    held = stored(sim)
    sim.control.seed_rba_scripts([dict(held, category=apache, content='edited in the console\n')])
    sim.control.clear_requests()
    result = ensure(SCRIPTS, client, script())
    # where the read carries the body the edit is seen and undone; elsewhere the digest line still matches (§20.11)
    assert result['changed'] is seen and len(log(kind='write')) == int(seen)
    assert stored(sim)['content'] == (SH if seen else 'edited in the console\n')


# ---------------------------------------------------------------------------------------------------- PASSWORD

@pytest.mark.parametrize('shown', ['masked', 'omitted', 'clear'])
def test_a_password_default_is_never_compared_shown_nor_sent_back_as_a_mask(sim, apache, make_client, log,
                                                                            assert_no_secrets, shown):
    sim.control.configure(rba_password_default=shown)
    client = make_client()

    def task(default, **options):
        return script(parameters=[{'name': 'grace', 'default': '5', 'data_type': 'integer'},
                                  {'name': 'token', 'data_type': 'password', 'default': default, 'required': True}],
                      **options)

    created = ensure(SCRIPTS, client, task('first-S3cret'), want_diff=True)
    assert stored(sim)['parameters'][1]['defaultValue'] == 'first-S3cret'
    sim.control.clear_requests()
    again = ensure(SCRIPTS, client, task('second-S3cret'), want_diff=True)  # update_password: on_create
    assert again['changed'] is False and log(kind='write') == []
    updated = ensure(SCRIPTS, client, task('second-S3cret', platforms=['linux']), want_diff=True)
    assert updated['changes'] == ['platforms']
    (write,) = log(kind='write')
    assert [item.get('defaultValue') for item in write['body']['parameters']] == ['5', 'second-S3cret']
    assert stored(sim)['parameters'][1]['defaultValue'] == 'second-S3cret'  # never the mask
    for result in (created, again, updated):
        assert 'S3cret' not in repr(result)
    assert_no_secrets(created, updated)


def test_an_update_without_the_parameters_of_a_password_script_is_refused(sim, apache, make_client, log):
    client = make_client()
    ensure(SCRIPTS, client, script(parameters=[{'name': 'token', 'data_type': 'password', 'default': 'x-S3cret'}]))
    sim.control.clear_requests()
    with pytest.raises(ValidationError) as caught:
        ensure(SCRIPTS, client, script(platforms=['linux']))
    assert caught.value.option == 'parameters' and log(kind='write') == []
    assert stored(sim)['parameters'][0]['defaultValue'] == 'x-S3cret'


# ---------------------------------------------------------------------------------------------------- parameter ids

@pytest.mark.parametrize('knob', ['keep_by_name', 'keep_by_id'])
def test_parameter_ids_are_kept_on_update(sim, apache, make_client, log, knob):
    sim.control.configure(rba_param_ids_on_update=knob)
    client = make_client()
    ensure(SCRIPTS, client, script(parameters=[{'name': 'a'}, {'name': 'b'}]))
    ids = dict((item['name'], item['id']) for item in stored(sim)['parameters'])
    result = ensure(SCRIPTS, client, script(parameters=[{'name': 'b', 'default': '2'}, {'name': 'c'}, {'name': 'a'}]))
    after = dict((item['name'], item['id']) for item in stored(sim)['parameters'])
    assert after['a'] == ids['a'] and after['b'] == ids['b'] and after['c'] not in ids.values()
    assert [item['name'] for item in stored(sim)['parameters']] == ['b', 'c', 'a']
    assert [item['id'] for item in result['script']['parameters']] == [after['b'], after['c'], after['a']]


# ---------------------------------------------------------------------------------------------------- categories

def test_categories_created_renamed_and_found_by_path(sim, make_client, log):
    client = make_client()
    ensure(CATEGORIES, client, validated(CATEGORIES, {'name': 'Web'}))
    sub = ensure(CATEGORIES, client, validated(CATEGORIES, {'name': 'Apache', 'parent': 'Web'}))
    assert sub['category']['path'] == 'Web/Apache'
    held = dict((item['name'], item) for item in sim.control.rba()['categories'])
    assert held['Apache']['parent'] == held['Web']['id']
    sim.control.clear_requests()
    assert ensure(CATEGORIES, client, validated(CATEGORIES, {'name': 'Apache', 'parent': 'Web'}))['changed'] is False
    assert log(kind='write') == []
    renamed = ensure(CATEGORIES, client, validated(CATEGORIES, {'id': str(held['Apache']['id']), 'name': 'httpd'}))
    assert renamed['category']['path'] == 'Web/httpd'
    assert calls(log(kind='write')) == [('PUT', '/categories')]


@pytest.mark.parametrize('check_mode', [False, True], ids=['run', 'check'])
def test_a_category_holding_a_script_below_it_is_refused_before_any_write(sim, apache, make_client, log, check_mode):
    ui_made(sim, apache)
    client = make_client()
    with pytest.raises(ValidationError) as caught:
        ensure(CATEGORIES, client, validated(CATEGORIES, {'name': 'Web', 'state': 'absent'}), check_mode=check_mode)
    assert "holds 1 script ('Restart Apache'" in caught.value.message and 'in Web/Apache' in caught.value.message
    assert log(kind='write') == [] and len(sim.control.rba()['categories']) == 2


def test_the_simulator_itself_refuses_a_non_empty_delete(sim, apache, make_client):
    ui_made(sim, apache)
    with pytest.raises(ApiError) as caught:
        api.delete_category(make_client(), apache)
    assert caught.value.status == 400 and len(sim.control.rba()['categories']) == 2


def test_an_empty_category_and_those_below_it_are_deleted(sim, apache, make_client, log):
    result = ensure(CATEGORIES, make_client(), validated(CATEGORIES, {'name': 'Web', 'state': 'absent'}))
    assert result['changed'] is True and sim.control.rba()['categories'] == []
    assert len(log(kind='write')) == 1
