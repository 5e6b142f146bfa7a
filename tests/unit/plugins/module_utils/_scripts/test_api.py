# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""_scripts/api.py: the RBA v2 calls, their paths and bodies, and how they read the answers the evidence allows
(api-behaviour §20.1, §20.3)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import ApiError, CommunicationError
from ansible_collections.opsramp.automation.plugins.module_utils._scripts import api

from ansible_collections.opsramp.automation.tests.unit.plugins.module_utils._scripts.rba_store import (
    FakeRba, not_found)


def server_error(status=500, code='0001'):
    return ApiError('OpsRamp API error %s' % status, status=status, method='GET', path='/p',
                    body={'code': code, 'message': 'boom'})


def maybe_applied():
    return CommunicationError('OpsRamp did not answer within 5 s (POST /p)', maybe_applied=True)


# ---------------------------------------------------------------------------------------------------- categories

def test_list_categories_is_the_tree_as_answered():
    rba = FakeRba()
    web = rba.add_category('Web')
    rba.add_category('Apache', parent=web)
    assert api.list_categories(rba) == [{'id': web, 'name': 'Web', 'childs': [{'id': web + 1, 'name': 'Apache'}]}]
    assert rba.requests == [('GET', '/categories', None)]


@pytest.mark.parametrize('answer', [None, {}, {'id': 1, 'name': 'Web'}, 'text'])
def test_list_categories_of_an_answer_that_is_not_a_list_is_empty(answer):
    rba = FakeRba()
    rba.answer(('GET', '/categories'), answer)
    assert api.list_categories(rba) == []


@pytest.mark.parametrize('parent, sent', [(None, {'name': 'Apache'}), (113, {'name': 'Apache', 'parent': {'id': 113}})])
def test_create_category_names_its_parent_as_an_object(parent, sent):
    rba = FakeRba()
    api.create_category(rba, 'Apache', parent)
    assert rba.requests == [('POST', '/categories', sent)]


def test_rename_category_puts_the_id_in_the_body_and_none_in_the_path():
    rba = FakeRba()
    web = rba.add_category('Web')
    assert api.rename_category(rba, web, 'Websites') == {'id': web, 'name': 'Websites'}
    assert rba.requests == [('PUT', '/categories', {'id': web, 'name': 'Websites'})]


@pytest.mark.parametrize('maybe, deleted', [(False, False), (True, True)])
def test_delete_category_of_a_gone_category_says_whether_an_earlier_attempt_may_have_deleted_it(maybe, deleted):
    rba = FakeRba()
    error = not_found('/rba/categories/7')
    error.earlier_attempt_maybe_applied = maybe
    rba.fail(('DELETE', '/categories/7'), error)
    assert api.delete_category(rba, 7) is deleted


def test_delete_category_deletes_and_raises_other_errors():
    rba = FakeRba()
    web = rba.add_category('Web')
    assert api.delete_category(rba, web) is True and rba.categories == {}
    rba.fail(('DELETE', '/categories/8'), server_error(400, '0002'))
    with pytest.raises(ApiError):
        api.delete_category(rba, 8)


# ---------------------------------------------------------------------------------------------------- scripts

def test_list_scripts_is_every_script_of_the_category_whole():
    rba = FakeRba()
    web = rba.add_category('Web')
    first = rba.add_script(web, 'one')
    rba.add_script(rba.add_category('Other'), 'elsewhere')
    listed = api.list_scripts(rba, web)
    assert [script['id'] for script in listed] == [first]
    assert rba.requests == [('GET', '/categories/%d/scripts' % web, None)]


@pytest.mark.parametrize('answer, ids', [
    ({'id': 1001, 'name': 'one'}, [1001]),       # the spec's example: a category with one script answers it bare
    ({'name': 'no id'}, []),
    ({}, []),
    (None, []),
    ([{'id': 1}, 'junk', None, {'id': 2}], [1, 2]),
], ids=['bare-object', 'object-without-id', 'empty-object', 'nothing', 'list-with-junk'])
def test_list_scripts_reads_every_shape(answer, ids):
    rba = FakeRba()
    rba.answer(('GET', '/categories/5/scripts'), answer)
    assert [script['id'] for script in api.list_scripts(rba, 5)] == ids


@pytest.mark.parametrize('answer, found', [
    ({'id': 1001, 'name': 'one'}, 1001),
    ([{'id': 1000}, {'id': '1001'}], '1001'),   # the spec's example lists the category: the read picks its id
    ([{'id': 1000}], None),
    ({'name': 'no id'}, None),
    ([], None),
], ids=['object', 'list-holding-it', 'list-without-it', 'object-without-id', 'empty-list'])
def test_get_script_reads_every_shape(answer, found):
    rba = FakeRba()
    rba.answer(('GET', '/categories/5/scripts/1001'), answer)
    script = api.get_script(rba, 5, 1001)
    assert (script or {}).get('id') == found
    assert rba.requests == [('GET', '/categories/5/scripts/1001', None)]


def test_get_script_of_an_unknown_id_is_none_and_other_errors_raise():
    rba = FakeRba()
    web = rba.add_category('Web')
    assert api.get_script(rba, web, 4242) is None
    rba.fail(('GET', '/categories/%d/scripts/1' % web), server_error(500, '0001'))
    with pytest.raises(ApiError):
        api.get_script(rba, web, 1)


def test_create_script_posts_to_its_category():
    rba = FakeRba()
    web = rba.add_category('Web')
    created = api.create_script(rba, web, {'name': 'one', 'command': 'ls', 'executionType': 'COMMAND'})
    assert created['name'] == 'one' and created['category']['id'] == web
    assert rba.requests == [('POST', '/categories/%d/scripts' % web, {'name': 'one', 'command': 'ls',
                                                                      'executionType': 'COMMAND'})]


def test_a_create_that_may_have_run_says_the_next_run_looks_it_up_by_name():
    rba = FakeRba()
    rba.fail(('POST', '/categories/5/scripts'), maybe_applied())
    with pytest.raises(CommunicationError) as caught:
        api.create_script(rba, 5, {'name': 'Restart Apache'})
    assert "the script 'Restart Apache' may or may not have been created" in caught.value.message
    assert len(rba.requests) == 1  # never sent twice


def test_a_create_refused_outright_is_raised_as_it_is():
    rba = FakeRba()
    rba.fail(('POST', '/categories/5/scripts'), server_error(400, '0002'))
    with pytest.raises(ApiError) as caught:
        api.create_script(rba, 5, {'name': 'x'})
    assert 'may or may not' not in caught.value.message


def test_update_script_posts_the_whole_script_with_its_id():
    rba = FakeRba()
    web = rba.add_category('Web')
    script = rba.add_script(web, 'one')
    api.update_script(rba, web, script, {'name': 'one', 'executionType': 'SHELL'})
    assert rba.requests == [('POST', '/categories/%d/scripts/%d' % (web, script),
                             {'name': 'one', 'executionType': 'SHELL', 'id': script})]


def test_an_update_that_may_have_run_says_a_rerun_converges():
    rba = FakeRba()
    rba.fail(('POST', '/categories/5/scripts/9'), maybe_applied())
    with pytest.raises(CommunicationError) as caught:
        api.update_script(rba, 5, 9, {'name': 'x'})
    assert 'the update of script 9 may or may not have been applied' in caught.value.message


@pytest.mark.parametrize('maybe, deleted', [(False, False), (True, True)])
def test_delete_script_of_a_gone_script(maybe, deleted):
    rba = FakeRba()
    error = not_found('/rba/categories/5/scripts/9')
    error.earlier_attempt_maybe_applied = maybe
    rba.fail(('DELETE', '/categories/5/scripts/9'), error)
    assert api.delete_script(rba, 5, 9) is deleted


def test_delete_script_deletes_by_category_and_id():
    rba = FakeRba()
    web = rba.add_category('Web')
    script = rba.add_script(web, 'one')
    assert api.delete_script(rba, web, script) is True
    assert rba.scripts == {} and rba.requests == [('DELETE', '/categories/%d/scripts/%d' % (web, script), None)]
    rba.fail(('DELETE', '/categories/5/scripts/1'), server_error(403))
    with pytest.raises(ApiError):
        api.delete_script(rba, 5, 1)
