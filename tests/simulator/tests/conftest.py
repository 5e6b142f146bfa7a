# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
for _path in (os.path.dirname(HERE), HERE):
    if _path not in sys.path:
        sys.path.insert(0, _path)

from opsramp_simulator import SimConfig, Simulator  # noqa: E402 pylint: disable=wrong-import-position
from sim_helpers import Api  # noqa: E402 pylint: disable=wrong-import-position


@pytest.fixture(scope='session')
def simulator():
    sim = Simulator(SimConfig())
    sim.start()
    yield sim
    sim.stop()


@pytest.fixture
def sim(simulator):
    """The shared simulator, reset (state and config) before each test."""
    simulator.control.reset(config=True)
    return simulator


@pytest.fixture
def api(sim):
    return Api(sim.url).login()
