# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fixtures of the reliability suite: the staged collection, simulators on loopback, and ``ansible`` to run plays.

The collection is staged once per test process with ci/stage.sh (or taken from ``OPSRAMP_RELIABILITY_COLLECTIONS``,
a directory holding ``ansible_collections/opsramp/automation``). Each process (pytest-xdist worker) runs its own
simulators, with a client secret made up for the run so that a leak of it can be searched for in any output.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import uuid

import pytest

from reliability_support import Ansible, stage_collection

from opsramp_simulator import SimConfig, Simulator, make_self_signed_cert

CLIENT_SECRET = 'rel-secret-%s' % uuid.uuid4().hex


@pytest.fixture(scope='session')
def collections_root(tmp_path_factory):
    given = os.environ.get('OPSRAMP_RELIABILITY_COLLECTIONS')
    if given:
        return given
    return stage_collection(str(tmp_path_factory.mktemp('stage')))


@pytest.fixture(scope='session')
def client_secret():
    return CLIENT_SECRET


@pytest.fixture(scope='session')
def running_simulator():
    with Simulator(SimConfig(client_id='rel-client', client_secret=CLIENT_SECRET)) as sim:
        yield sim


@pytest.fixture
def sim(running_simulator):
    """The plain-HTTP simulator with its start-up configuration and nothing stored, faulted or logged."""
    running_simulator.control.reset(config=True)
    yield running_simulator
    running_simulator.control.wait_until_idle()
    running_simulator.control.reset(config=True)


@pytest.fixture(scope='session')
def tls_files(tmp_path_factory):
    return make_self_signed_cert(str(tmp_path_factory.mktemp('tls')))


@pytest.fixture(scope='session')
def tls_simulator(tls_files):
    cert, key = tls_files
    config = SimConfig(client_id='rel-client', client_secret=CLIENT_SECRET, tls_cert=cert, tls_key=key)
    with Simulator(config) as sim:
        yield sim


@pytest.fixture
def ansible(collections_root, sim, tmp_path):
    """``ansible.play(tasks, ...)`` against the plain-HTTP simulator ``sim``."""
    return Ansible(collections_root, str(tmp_path / 'ansible'), sim=sim, client_secret=CLIENT_SECRET)


def secrets_of(sim, *extra):
    """The client secret, every token the simulator issued, and ``extra`` (sensitive values)."""
    return [CLIENT_SECRET] + list(sim.control.tokens()) + list(extra)
