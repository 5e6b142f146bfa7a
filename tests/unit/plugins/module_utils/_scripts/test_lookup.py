# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""RBA scripts found by name in a category, or by id: exact names, each category listed once per resolver, shared
between threads, and lookup errors that name the option."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import threading

import pytest

from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import ApiError, ObjectLookupError
from ansible_collections.opsramp.automation.plugins.module_utils._scripts.lookup import (
    ScriptReference, ScriptResolver, declared_parameter)
from ansible_collections.opsramp.automation.tests.unit.plugins.module_utils._scripts.rba_support import (
    CATEGORIES, RbaClient, script, scripts_path)

OPTION = 'jobs[2].custom_script.script'


def found(resolver, name, category=None, category_id=None):
    return resolver.find(ScriptReference(name, category, category_id), OPTION)['id']


@pytest.mark.parametrize('category', ['Apache', 'Web/Apache'])
def test_a_script_is_found_by_its_name_in_a_category_named_by_name_or_path(category):
    client = RbaClient()
    resolver = ScriptResolver(client)
    assert found(resolver, 'Restart Apache', category) == 78
    assert client.requests == [CATEGORIES, scripts_path(101)]
    assert resolver.listings == 1


def test_a_category_given_by_id_costs_no_category_listing():
    client = RbaClient()
    assert found(ScriptResolver(client), 'Vacuum', category_id='102') == 80
    assert client.requests == [scripts_path(102)]


def test_names_are_compared_exactly():
    resolver = ScriptResolver(RbaClient())
    with pytest.raises(ObjectLookupError) as raised:
        found(resolver, 'restart apache', 'Web/Apache')
    assert raised.value.message == ("jobs[2].custom_script.script: no RBA script is named 'restart apache' in category "
                                    "'Web/Apache' (id 101) of tenant client_1")
    with pytest.raises(ObjectLookupError, match=r"^jobs\[2\]\.custom_script\.script\.category: no RBA category is named "
                                                "'apache'"):
        found(resolver, 'Restart Apache', 'apache')


def test_scripts_of_one_category_share_one_listing_and_a_script_named_again_costs_nothing():
    client = RbaClient()
    resolver = ScriptResolver(client)
    assert [found(resolver, 'Restart Apache', 'Web/Apache'), found(resolver, 'Rotate logs', 'Apache'),
            found(resolver, 'Restart Apache', category_id=101), found(resolver, 'Purge cache', 'Web')] \
        == [78, 79, 78, 70]
    assert client.requests == [CATEGORIES, scripts_path(101), scripts_path(100)]
    assert resolver.listings == 2


def test_a_name_several_scripts_share_fails_naming_their_ids():
    with pytest.raises(ObjectLookupError) as raised:
        found(ScriptResolver(RbaClient()), 'Backup', 'Database')
    assert raised.value.message == ("jobs[2].custom_script.script: 2 RBA scripts are named 'Backup' in category "
                                    "'Database' (id 102) (ids 81, 82); give the id of the one to use")
    assert raised.value.details['matches'] == [dict(id='81', name='Backup'), dict(id='82', name='Backup')]


def test_a_category_name_several_categories_share_fails_naming_their_paths():
    with pytest.raises(ObjectLookupError) as raised:
        found(ScriptResolver(RbaClient()), 'Purge cache', 'Tools')
    assert raised.value.message.startswith("jobs[2].custom_script.script.category: 2 RBA categories are named 'Tools' "
                                           "(Web/Tools: id 105, Ops/Tools: id 104)")


def test_a_category_id_that_does_not_exist_fails_naming_category_id():
    client = RbaClient()
    resolver = ScriptResolver(client)
    for dummy in range(2):
        with pytest.raises(ObjectLookupError, match=r'^jobs\[2\]\.custom_script\.script\.category_id: no RBA category '
                                                    r'has id 999 in tenant client_1$'):
            found(resolver, 'Backup', category_id=999)
    assert client.requests == [scripts_path(999)]


def test_threads_asking_at_once_share_one_listing_of_each_kind():
    client = RbaClient(delay=0.05)
    resolver = ScriptResolver(client)
    results, barrier = [], threading.Barrier(8)

    def ask(name):
        barrier.wait()
        results.append(found(resolver, name, 'Web/Apache'))

    threads = [threading.Thread(target=ask, args=(name,)) for name in ['Restart Apache', 'Rotate logs'] * 4]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [78] * 4 + [79] * 4
    assert sorted(client.requests) == [CATEGORIES, scripts_path(101)]


def test_a_failed_listing_is_an_answer_too():
    client = RbaClient()
    client.failures[scripts_path(101)] = ApiError('OpsRamp API error 500 on GET scripts', status=500)
    resolver = ScriptResolver(client)
    for dummy in range(3):
        with pytest.raises(ApiError, match='error 500'):
            found(resolver, 'Restart Apache', 'Apache')
    assert client.listed(101) == 1


def test_a_failed_category_listing_is_asked_once():
    client = RbaClient()
    client.failures[CATEGORIES] = ApiError('OpsRamp API error 503 on GET categories', status=503)
    resolver = ScriptResolver(client)
    for name in ('Restart Apache', 'Vacuum'):
        with pytest.raises(ApiError, match='error 503'):
            found(resolver, name, 'Apache')
    assert client.requests == [CATEGORIES]


def test_every_script_lists_each_category_once_and_names_those_that_failed():
    client = RbaClient()
    client.failures[scripts_path(104)] = ApiError('OpsRamp API error 500 on GET scripts', status=500)
    resolver = ScriptResolver(client)
    pairs, problems = resolver.every_script(workers=3)
    assert sorted((category.id, item['id']) for category, item in pairs) == [
        ('100', 70), ('101', 78), ('101', 79), ('102', 80), ('102', 81), ('102', 82)]
    assert problems == ["the scripts of RBA category 'Ops/Tools' (id 104) could not be listed: OpsRamp API error 500 "
                        "on GET scripts"]
    resolver.every_script(workers=3)
    assert sorted(client.requests) == sorted([CATEGORIES] + [scripts_path(number) for number in range(100, 106)])


def test_a_script_is_found_by_id_in_any_category():
    client = RbaClient()
    resolver = ScriptResolver(client)
    assert resolver.by_id('80', 'custom_script.id')['name'] == 'Vacuum'
    assert resolver.by_id(70, 'custom_script.id')['name'] == 'Purge cache'
    with pytest.raises(ObjectLookupError, match=r'^jobs\[0\]\.custom_script\.id: no RBA script has id 7 in tenant '
                                                r'client_1$'):
        resolver.by_id('7', 'jobs[0].custom_script.id')
    assert len(client.requests) == 1 + 6


def test_a_parameter_is_found_by_its_exact_name():
    restart = script(78, 'Restart Apache', (5001, 'port'), (5002, 'mode'))
    assert declared_parameter(restart, 'mode', 'custom_script.parameters[1].name') == '5002'
    with pytest.raises(ObjectLookupError) as raised:
        declared_parameter(restart, 'Port', 'custom_script.parameters[0].name')
    assert raised.value.message == ("custom_script.parameters[0].name: RBA script 'Restart Apache' (id 78) declares no "
                                    "parameter named 'Port'; it declares 'port', 'mode'")
    with pytest.raises(ObjectLookupError, match=r"declares no parameter named 'x'; it declares none$"):
        declared_parameter(script(81, 'Backup'), 'x', 'p')


def test_a_parameter_name_a_script_declares_twice_fails_naming_both_ids():
    vacuum = script(80, 'Vacuum', (5004, 'table'), (5005, 'table'))
    with pytest.raises(ObjectLookupError) as raised:
        declared_parameter(vacuum, 'table', 'jobs[1].custom_script.parameters[0].name')
    assert raised.value.message == ("jobs[1].custom_script.parameters[0].name: RBA script 'Vacuum' (id 80) declares 2 "
                                    "parameters named 'table' (ids 5004, 5005); give the id of the one to use")
