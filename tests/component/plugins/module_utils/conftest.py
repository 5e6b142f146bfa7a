# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fixtures of the component tests (module_utils over real HTTP): one simulator per session, reset before every
test, and a client factory that records sleeps and warnings instead of sleeping."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from opsramp_simulator import SimConfig, Simulator, make_self_signed_cert

from ansible_collections.opsramp.automation.tests.component.plugins.module_utils.http_support import CLIENT_ID, CLIENT_SECRET, TENANT, new_client


@pytest.fixture(scope='session')
def running_simulator():
    with Simulator(SimConfig()) as sim:
        yield sim


@pytest.fixture
def sim(running_simulator):
    """The shared simulator with its start-up configuration, no jobs, faults, tokens or logged requests."""
    running_simulator.control.reset(config=True)
    yield running_simulator
    running_simulator.control.wait_until_idle()  # so no request of this test is logged in the next one
    running_simulator.control.reset(config=True)


@pytest.fixture(scope='session')
def tls_files(tmp_path_factory):
    return make_self_signed_cert(str(tmp_path_factory.mktemp('tls')))


@pytest.fixture(scope='session')
def tls_simulator(tls_files):
    cert, key = tls_files
    with Simulator(SimConfig(tls_cert=cert, tls_key=key)) as sim:
        yield sim


class Recorder:
    """Collects what a client sleeps and warns, so tests run fast and can assert both."""

    def __init__(self):
        self.sleeps = []
        self.warnings = []

    def sleep(self, seconds):
        self.sleeps.append(seconds)

    def warn(self, message):
        self.warnings.append(message)


@pytest.fixture
def recorder():
    return Recorder()


@pytest.fixture
def make_client(sim, recorder):
    """``make_client(**overrides)``: a Client for the simulator with recorded sleeps and warnings."""
    clients = []

    def factory(**overrides):
        options = dict(url=sim.url, tenant_id=TENANT, client_id=CLIENT_ID, client_secret=CLIENT_SECRET,
                       max_retries=4, timeout=5, warn=recorder.warn, sleep=recorder.sleep, rand=lambda: 0.5)
        options.update(overrides)
        client = new_client(**options)
        clients.append(client)
        return client

    yield factory
    for client in clients:
        client.close()


class RequestLog:
    """The simulator's request log, filtered: ``log(kind='write', method='POST', path='/jobs')``."""

    def __init__(self, sim):
        self.sim = sim

    def __call__(self, kind=None, method=None, path=None, status=None):
        self.sim.control.wait_until_idle()
        entries = self.sim.control.requests()
        if kind is not None:
            entries = [e for e in entries if e['kind'] == kind]
        if method is not None:
            entries = [e for e in entries if e['method'] == method]
        if path is not None:
            entries = [e for e in entries if path in e['path']]
        if status is not None:
            entries = [e for e in entries if e['status'] == status]
        return entries


@pytest.fixture
def log(sim):
    return RequestLog(sim)


@pytest.fixture
def assert_no_secrets(sim):
    """``assert_no_secrets(*things)``: no error, client, text or structure shows the client secret or any token."""

    def check(*things):
        secrets = [CLIENT_SECRET] + list(sim.control.tokens())
        for thing in things:
            texts = [str(thing), repr(thing)]
            for name in ('message', 'details', 'body'):
                if hasattr(thing, name):
                    texts.append(repr(getattr(thing, name)))
            if hasattr(thing, 'to_fail_kwargs'):
                texts.append(repr(thing.to_fail_kwargs()))
            for text in texts:
                for secret in secrets:
                    assert secret not in text, 'secret leaked in %r' % text

    return check
