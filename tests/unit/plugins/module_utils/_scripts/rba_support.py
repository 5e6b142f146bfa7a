# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A tenant's RBA categories and scripts in memory, behind the part of ``_http.client.Client`` the script lookups use,
for the tests of ``_scripts/lookup.py`` and of the custom jobs that name their script (``_jobs/scripts.py``).

Categories answer as a tree (``childs``, api-behaviour §20.3) and each category's scripts as a list of whole scripts;
an unknown category answers 404. Every GET is recorded in ``requests``; ``delay`` slows each one down, so that threads
asking at the same time overlap; ``failures[path]`` is an error to raise for that path.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import threading
import time

from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import ApiError

TENANT = 'client_1'
ROOT = '/api/v2/tenants/%s/rba' % TENANT
CATEGORIES = ROOT + '/categories'


def scripts_path(category_id):
    return '%s/%s/scripts' % (CATEGORIES, category_id)


def script(script_id, name, *parameters):
    """A script as a read answers it: ``parameters`` are (id, name) pairs."""
    return dict(id=script_id, name=name, executionType='SHELL',
                parameters=[dict(id=param_id, name=param_name, type='OPTIONAL', dataType='STRING')
                            for param_id, param_name in parameters])


# Web (100) > Apache (101), Tools (105); Database (102); Ops (103) > Tools (104): two categories named Tools
TREE = [
    dict(id=100, name='Web', childs=[dict(id=101, name='Apache'), dict(id=105, name='Tools')]),
    dict(id=102, name='Database'),
    dict(id=103, name='Ops', childs=[dict(id=104, name='Tools')]),
]
SCRIPTS = {
    100: [script(70, 'Purge cache', (5010, 'zone'))],
    101: [script(78, 'Restart Apache', (5001, 'port'), (5002, 'mode')), script(79, 'Rotate logs', (5003, 'days'))],
    102: [script(80, 'Vacuum', (5004, 'table'), (5005, 'table')), script(81, 'Backup'), script(82, 'Backup')],
    104: [script(90, 'Purge cache', (5020, 'zone'))],
}


class RbaClient:
    """The RBA API of one tenant: ``tree`` (categories) and ``scripts`` ({category id: [scripts]})."""

    tenant_id = TENANT

    def __init__(self, tree=None, scripts=None, delay=0.0):
        self.tree = copy.deepcopy(TREE if tree is None else tree)
        self.scripts = copy.deepcopy(SCRIPTS if scripts is None else scripts)
        self.delay = delay
        self.failures = {}
        self.requests = []
        self._lock = threading.Lock()

    def api_path(self, *parts):
        return '/api/v2/tenants/%s/%s' % (TENANT, '/'.join(str(part) for part in parts))

    def get(self, path, query=None):
        with self._lock:
            self.requests.append(path)
        time.sleep(self.delay)
        if path in self.failures:
            raise self.failures[path]
        if path == CATEGORIES:
            return copy.deepcopy(self.tree)
        category_id = int(path[len(CATEGORIES) + 1:].split('/')[0])
        if category_id not in self._category_ids(self.tree):
            raise ApiError('OpsRamp API error 404 on GET %s' % path, status=404, method='GET', path=path)
        return copy.deepcopy(self.scripts.get(category_id, []))

    def listed(self, category_id):
        """How many times the scripts of the category were listed."""
        return self.requests.count(scripts_path(category_id))

    def _category_ids(self, nodes):
        found = set()
        for node in nodes or []:
            found.add(node['id'])
            found |= self._category_ids(node.get('childs'))
        return found
