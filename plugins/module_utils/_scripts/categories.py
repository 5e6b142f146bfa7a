# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The tenant's RBA categories, listed once per task and found by id, name or path (api-behaviour §20.3, §20.8).

OpsRamp lists categories as a tree (``childs``) and has no read of one category, so every lookup walks the list. A
category is named by its name or its path from the top (``Network/Backups``); names are not unique, so a lookup that
finds several fails naming their ids.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import threading
import weakref

from ansible_collections.opsramp.automation.plugins.module_utils._engine.values import text
from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import ObjectLookupError
from ansible_collections.opsramp.automation.plugins.module_utils._scripts import api

SEPARATOR = '/'
_SHARED = weakref.WeakKeyDictionary()  # client -> its CategoryIndex (CategoryIndex.of)
_SHARED_LOCK = threading.Lock()


class Category:
    """One category: ``path`` is the tuple of names from the top down to it."""

    def __init__(self, category_id, name, parent_id, path):
        self.id = text(category_id)
        self.name = name
        self.parent_id = parent_id
        self.path = path

    @property
    def path_text(self):
        return SEPARATOR.join(self.path)

    def as_object(self):
        """The category as the engine's resource sees it: id, name, parent id, path."""
        return dict(id=self.id, name=self.name, parentId=self.parent_id, path=self.path_text)


def flatten(tree, parent=None, path=()):
    """Every category of the tree, parents before their subcategories."""
    found = []
    for node in tree or []:
        if not isinstance(node, dict) or node.get('id') in (None, ''):
            continue
        category = Category(node['id'], text(node.get('name')), parent.id if parent else None, path + (text(node.get('name')),))
        found.append(category)
        found.extend(flatten(node.get('childs'), category, category.path))
    return found


class CategoryIndex:
    """The categories of one tenant, read once (``refresh`` reads them again after a write). Safe to share between
    threads."""

    def __init__(self, client):
        self._client = client
        self._lock = threading.Lock()
        self._categories = None

    @classmethod
    def of(cls, client):
        """The one index of ``client``, which every part of a task shares: one ``opsramp_jobs`` task resolves its
        scripts' categories, lists their scripts and looks up the scripts its jobs run, and lists the tree once for
        all three. A category write ``refresh``-es it."""
        with _SHARED_LOCK:
            index = _SHARED.get(client)
            if index is None:
                index = _SHARED[client] = cls(client)
            return index

    def all(self):
        with self._lock:
            if self._categories is None:
                self._categories = flatten(api.list_categories(self._client))
            return list(self._categories)

    def refresh(self):
        with self._lock:
            self._categories = None

    def by_id(self, category_id):
        """The category with this id, or None."""
        matches = [category for category in self.all() if category.id == text(category_id)]
        return matches[0] if matches else None

    def subtree(self, category_id):
        """The category with this id and every category below it, parents first."""
        categories = self.all()
        below, found = set([text(category_id)]), True
        while found:
            found = False
            for category in categories:
                if category.id not in below and text(category.parent_id) in below:
                    below.add(category.id)
                    found = True
        return [category for category in categories if category.id in below]

    def matching(self, name, parent_id=None, top=False):
        """The categories named ``name`` under the parent ``parent_id`` (at the top with ``top``, anywhere without)."""
        return [category for category in self.all() if category.name == name
                and (category.parent_id == parent_id if (parent_id is not None or top) else True)]

    def find(self, reference, option):
        """The one category ``reference`` (a path, or a name) names; ObjectLookupError naming ``option`` when none
        or several do."""
        categories = self.all()
        by_path = [category for category in categories if category.path_text == reference]
        matches = by_path or [category for category in categories if category.name == reference]
        if not matches:
            raise ObjectLookupError("%s: no RBA category is named '%s' in tenant %s"
                                    % (option, reference, self._client.tenant_id))
        if len(matches) > 1:
            raise ObjectLookupError("%s: %d RBA categories are named '%s' (%s); give its path from the top, or its id"
                                    % (option, len(matches), reference,
                                       ', '.join('%s: id %s' % (category.path_text, category.id) for category in matches)))
        return matches[0]
