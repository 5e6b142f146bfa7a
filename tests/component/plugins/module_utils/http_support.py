# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the component tests of the client share: API paths of the simulator's tenant, a sample job, and helpers."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import socket

from ansible_collections.opsramp.automation.plugins.module_utils._http.client import Client
from ansible_collections.opsramp.automation.plugins.module_utils._http.config import ConnectionConfig

CLIENT_ID = 'demo-client'
CLIENT_SECRET = 'demo-secret'
TENANT = 'client_1'
TYPES = '/api/v2/tenants/client_1/jobs/types'
JOBS = '/api/v2/tenants/client_1/jobs'
SEARCH = '/api/v2/tenants/client_1/jobs/search'
TOKEN_PATH = '/tenancy/auth/oauth/token'
JOB = {'name': 'nightly asset scan', 'script': {'jobType': 'assetinfo'},
       'schedule': {'startDate': '2030-01-01T02:00:00+0000', 'pattern': {'type': 'daily', 'frequency': 'everyday'}}}


def new_client(**options):
    """A Client from connection options plus its test seams ``warn``, ``sleep`` and ``rand``."""
    seams = dict((name, options.pop(name)) for name in ('warn', 'sleep', 'rand') if name in options)
    return Client(ConnectionConfig(**options), **seams)


def statuses(entries):
    return [entry['status'] for entry in entries]


def fault(sim, **rule):
    sim.control.add_faults([rule])


def closed_port():
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]
