# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Resources as OpsRamp's search returns them, and a client whose search ignores ``queryString`` (a server may:
api-behaviour §18), for the tests of the resource lookups and of a job's entities."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import threading
import time

from ansible_collections.opsramp.automation.plugins.module_utils._http.paginator import PAGE_SIZE

SW1 = {'id': 'id-sw1', 'resourceName': 'core-sw-01', 'hostName': 'core-sw-01.example.net', 'ipAddress': '10.0.0.1',
       'state': 'active'}
SW11 = {'id': 'id-sw11', 'resourceName': 'core-sw-011', 'hostName': 'core-sw-011.example.net', 'ipAddress': '10.0.0.11',
        'state': 'active'}
OLD = {'id': 'id-old', 'resourceName': 'core-sw-01', 'hostName': 'old.example.net', 'ipAddress': '10.9.0.1',
       'state': 'inactive'}
V6 = {'id': 'id-v6', 'name': 'v6-only', 'generalInfo': {'hostName': 'V6.Example.NET'}, 'ipAddress': '2001:db8::1'}


class FakeClient:
    """Answers every search with ``inventory`` whatever the query (a server that ignores queryString), slowly, or
    fails with ``failure``; records each search's ``queryString`` in ``queries``."""

    tenant_id = 'client_1'

    def __init__(self, inventory, delay=0.0, failure=None):
        self.inventory = inventory
        self.delay = delay
        self.failure = failure
        self.queries = []
        self._lock = threading.Lock()

    def api_path(self, *parts):
        return '/api/v2/tenants/client_1/' + '/'.join(parts)

    def paginate(self, path, query=None, page_size=100):
        assert path == '/api/v2/tenants/client_1/resources/search' and page_size == PAGE_SIZE
        with self._lock:
            self.queries.append((query or {}).get('queryString'))
        time.sleep(self.delay)
        if self.failure is not None:
            raise self.failure
        return iter(list(self.inventory))
