# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

# Helpers shared by the simulator self-tests.

import time

import requests


TOKEN_PATH = '/tenancy/auth/oauth/token'
CREDENTIALS = {'grant_type': 'client_credentials', 'client_id': 'demo-client', 'client_secret': 'demo-secret'}


class Api:
    """A minimal OpsRamp client for the self-tests (the collection has its own)."""

    def __init__(self, url, tenant='client_1', verify=True):
        self.url = url
        self.tenant = tenant
        self.session = requests.Session()
        # passed per request: with REQUESTS_CA_BUNDLE set, requests ignores Session.verify
        self.verify = verify
        self.token = None

    def get_token(self, path=TOKEN_PATH, **form):
        data = dict(CREDENTIALS, **form)
        return self.session.post(self.url + path, data=data, timeout=10, verify=self.verify)

    def login(self):
        resp = self.get_token()
        assert resp.status_code == 200, resp.text
        self.token = resp.json()['access_token']
        self.session.headers['Authorization'] = 'Bearer ' + self.token
        return self

    def jobs_url(self, suffix='', tenant=None):
        return '%s/api/v2/tenants/%s/jobs%s' % (self.url, tenant or self.tenant, suffix)

    def call(self, method, suffix='', tenant=None, **kwargs):
        kwargs.setdefault('timeout', 10)
        kwargs.setdefault('verify', self.verify)
        return self.session.request(method, self.jobs_url(suffix, tenant), **kwargs)

    def create(self, job, **kwargs):
        return self.call('POST', json=job, **kwargs)

    def get(self, job_id, **kwargs):
        return self.call('GET', '/' + job_id, **kwargs)

    def update(self, job_id, job, **kwargs):
        return self.call('POST', '/' + job_id, json=job, **kwargs)

    def delete(self, job_id, **kwargs):
        return self.call('DELETE', '/' + job_id, **kwargs)

    def search(self, **params):
        return self.call('GET', '/search', params=params)

    def rba(self, method, suffix='', tenant=None, **kwargs):
        """A request under /api/v2/tenants/{tenant}/rba (suffix such as '/categories')."""
        kwargs.setdefault('timeout', 10)
        kwargs.setdefault('verify', self.verify)
        url = '%s/api/v2/tenants/%s/rba%s' % (self.url, tenant or self.tenant, suffix)
        return self.session.request(method, url, **kwargs)

    def search_resources(self, tenant=None, **params):
        url = '%s/api/v2/tenants/%s/resources/search' % (self.url, tenant or self.tenant)
        return self.session.get(url, params=params, timeout=10, verify=self.verify)


def ncb_job(name='Network Config Backup', **overrides):
    """The OpenAPI file's create example (string-typed scalars as in the spec; api-behaviour §7)."""
    job = {
        'name': name,
        'jobQueued': 'true',
        'entities': [{'resource': {'id': '709824de-8315-4cf9-ad1c-b15aaf7bf2a5', 'type': 'DEVICE'}},
                     {'resource': {'id': '4e96d5bc-763c-4c00-beab-928d653a0422', 'type': 'DEVICE'}}],
        'script': {'jobType': 'networkconfigbackup',
                   'configParams': {'versionsSaved': 'ALL_VERSIONS', 'backUpTrigger': 'true', 'startupConfigAlert': 'true',
                                    'runtimeConfigAlert': 'false', 'startUpConfigFilesBackUp': 'true', 'runTimeConfigFilesBackUp': 'true'}},
        'schedule': {'startDate': '2016-04-14T10:10:10+0000',
                     'pattern': {'type': 'daily', 'frequency': 'recurrence', 'repeatType': 'Days', 'repeatFrequency': '2'}},
    }
    job.update(overrides)
    return job


def custom_job(name='Custom script job', **overrides):
    job = {
        'name': name,
        'entities': [{'resource': {'id': 'dev-1', 'type': 'DEVICE'}}],
        'script': {'jobType': 'custom', 'userType': '2', 'customScript': {'id': '7'},
                   'parameters': [{'paramId': '2', 'value': '150'}]},
        'schedule': {'startDate': '2024-01-02T03:04:59+05:30', 'pattern': {'type': 'Run Once'}},
    }
    job.update(overrides)
    return job


def wait_for_window_start(length):
    """Sleep until just after the start of a fixed rate-limit window of this length (windows align to the epoch)."""
    time.sleep(length - (time.time() % length) + 0.02)


def wait_until(predicate, timeout=5.0, interval=0.02):
    """Poll predicate() until it is truthy; returns its last value."""
    deadline = time.time() + timeout
    value = predicate()
    while not value and time.time() < deadline:
        time.sleep(interval)
        value = predicate()
    return value
