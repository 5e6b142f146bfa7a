# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""_scripts/categories.py: the category tree flattened with paths, read once per index, and found by id, name or
path (api-behaviour §20.3, §20.8)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import threading

import pytest

from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import ObjectLookupError
from ansible_collections.opsramp.automation.plugins.module_utils._scripts.categories import CategoryIndex, flatten

from ansible_collections.opsramp.automation.tests.unit.plugins.module_utils._scripts.rba_store import FakeRba

TREE = [
    {'id': 113, 'name': 'Web', 'childs': [
        {'id': 114, 'name': 'Apache', 'childs': [{'id': 116, 'name': 'Backups'}]},
        {'id': '115', 'name': 'Nginx'}]},
    {'id': 117, 'name': 'Network', 'childs': [{'id': 118, 'name': 'Backups'}]},
]


def test_flatten_gives_parents_first_with_ids_as_text_and_paths():
    flat = [category.as_object() for category in flatten(TREE)]
    assert flat == [
        {'id': '113', 'name': 'Web', 'parentId': None, 'path': 'Web'},
        {'id': '114', 'name': 'Apache', 'parentId': '113', 'path': 'Web/Apache'},
        {'id': '116', 'name': 'Backups', 'parentId': '114', 'path': 'Web/Apache/Backups'},
        {'id': '115', 'name': 'Nginx', 'parentId': '113', 'path': 'Web/Nginx'},
        {'id': '117', 'name': 'Network', 'parentId': None, 'path': 'Network'},
        {'id': '118', 'name': 'Backups', 'parentId': '117', 'path': 'Network/Backups'},
    ]
    assert flatten(TREE)[2].path == ('Web', 'Apache', 'Backups')


def test_flatten_skips_what_is_not_a_category_and_its_subtree():
    tree = [{'name': 'no id', 'childs': [{'id': 1, 'name': 'orphan'}]}, 'junk', None, {'id': '', 'name': 'blank'},
            {'id': 2, 'name': None, 'childs': None}]
    assert [category.as_object() for category in flatten(tree)] == [
        {'id': '2', 'name': '', 'parentId': None, 'path': ''}]
    assert flatten(None) == []


def index_of(tree):
    rba = FakeRba()
    rba.answer(('GET', '/categories'), tree)
    return rba, CategoryIndex(rba)


def test_the_index_reads_the_categories_once_until_refreshed():
    rba, index = index_of(TREE)
    assert index.by_id(114).name == 'Apache' and index.by_id('118').path_text == 'Network/Backups'
    assert index.find('Web/Nginx', 'category').id == '115'
    assert len(index.all()) == 6
    assert rba.requests == [('GET', '/categories', None)]
    index.refresh()
    index.all()
    assert len(rba.requests) == 2


def test_every_part_of_a_task_shares_the_index_of_its_client():
    rba, dummy = index_of(TREE)
    other, dummy = index_of(TREE)
    assert CategoryIndex.of(rba) is CategoryIndex.of(rba) and CategoryIndex.of(other) is not CategoryIndex.of(rba)
    CategoryIndex.of(rba).all()
    CategoryIndex.of(rba).find('Apache', 'category')
    assert rba.requests == [('GET', '/categories', None)] and other.requests == []


def test_the_index_is_read_once_by_concurrent_threads():
    rba, index = index_of(TREE)
    threads = [threading.Thread(target=index.all) for dummy in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert rba.requests == [('GET', '/categories', None)]


def test_by_id_of_an_unknown_id():
    assert index_of(TREE)[1].by_id(999) is None


@pytest.mark.parametrize('name, parent, top, ids', [
    ('Backups', None, False, ['116', '118']),      # anywhere
    ('Backups', '117', False, ['118']),            # under a parent
    ('Backups', None, True, []),                   # at the top
    ('Web', None, True, ['113']),
    ('web', None, False, []),                      # names compare exactly
])
def test_matching(name, parent, top, ids):
    assert [category.id for category in index_of(TREE)[1].matching(name, parent, top)] == ids


@pytest.mark.parametrize('reference, found', [
    ('Apache', '114'),                 # a name that one category has
    ('Web/Apache/Backups', '116'),     # a path
    ('Network/Backups', '118'),
    ('Web', '113'),
])
def test_find_by_name_or_path(reference, found):
    assert index_of(TREE)[1].find(reference, 'category').id == found


def test_find_of_a_shared_name_names_each_path_and_id():
    with pytest.raises(ObjectLookupError) as caught:
        index_of(TREE)[1].find('Backups', 'category')
    assert caught.value.message == ("category: 2 RBA categories are named 'Backups' (Web/Apache/Backups: id 116, "
                                    "Network/Backups: id 118); give its path from the top, or its id")


def test_find_prefers_a_path_to_a_name():
    tree = [{'id': 1, 'name': 'A/B'}, {'id': 2, 'name': 'B'}, {'id': 3, 'name': 'A', 'childs': [{'id': 4, 'name': 'B'}]}]
    with pytest.raises(ObjectLookupError) as caught:  # the name 'A/B' and the path A/B: one text, two categories
        index_of(tree)[1].find('A/B', 'parent')
    assert caught.value.message.startswith("parent: 2 RBA categories are named 'A/B'")
    assert index_of(tree)[1].find('B', 'parent').id == '2'  # the top category's path is its name


def test_find_of_an_unknown_category_names_the_option_and_the_tenant():
    with pytest.raises(ObjectLookupError) as caught:
        index_of(TREE)[1].find('Web/Tomcat', 'category')
    assert caught.value.message == "category: no RBA category is named 'Web/Tomcat' in tenant client_1"


@pytest.mark.parametrize('category_id, ids', [
    ('113', ['113', '114', '116', '115']),
    (114, ['114', '116']),
    ('116', ['116']),
    ('999', []),
])
def test_subtree_is_the_category_and_every_one_below_it(category_id, ids):
    assert [category.id for category in index_of(TREE)[1].subtree(category_id)] == ids
