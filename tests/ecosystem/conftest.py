# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fixtures of the ecosystem tests: the collection as a user installs it, and the OpsRamp simulator.

``collection_tarball`` is what ``ansible-galaxy collection build`` makes, ``installed_collections`` a directory holding
``ansible_collections/opsramp/automation`` installed from it. ``make ecosystem`` points ``$OPSRAMP_COLLECTION_TARBALL``
and ``$OPSRAMP_INSTALLED_COLLECTIONS`` at what ``make build`` made; without them, the fixtures build and install the
checkout into a temporary directory.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import glob
import os
import subprocess
import sys
import time
import uuid

import pytest

# ``make ecosystem`` puts the installed collection (ansible_collections.opsramp.automation) and tests/simulator
# (opsramp_simulator) on PYTHONPATH.
from opsramp_simulator import SimControl

ROOT = os.path.realpath(os.path.join(os.path.dirname(__file__), '..', '..'))
BIN = os.path.dirname(sys.executable)
GITOPS_CATEGORY = 'Netops'  # the RBA category of examples/gitops/scripts, which the tenant holds


def tool(name):
    """The path of a command-line tool of the virtualenv running the tests."""
    path = os.path.join(BIN, name)
    if not os.path.exists(path):
        pytest.fail('%s not found next to %s: install ci/requirements.txt into this virtualenv' % (name, sys.executable))
    return path


@pytest.fixture(scope='session')
def collection_tarball(tmp_path_factory):
    """The collection tarball: ``$OPSRAMP_COLLECTION_TARBALL`` when set, else built from the checkout."""
    given = os.environ.get('OPSRAMP_COLLECTION_TARBALL')
    if given:
        if not os.path.isfile(given):
            pytest.fail('OPSRAMP_COLLECTION_TARBALL=%s does not exist (run make build)' % given)
        return given
    work = tmp_path_factory.mktemp('dist')
    subprocess.run([tool('ansible-galaxy'), 'collection', 'build', '--force', '--output-path', str(work), ROOT],
                   check=True, stdout=subprocess.DEVNULL)
    return glob.glob(str(work / 'opsramp-automation-*.tar.gz'))[0]


@pytest.fixture(scope='session')
def installed_collections(tmp_path_factory, collection_tarball):
    """A collections path holding opsramp.automation installed from the tarball."""
    given = os.environ.get('OPSRAMP_INSTALLED_COLLECTIONS')
    if given:
        if not os.path.isfile(os.path.join(given, 'ansible_collections', 'opsramp', 'automation', 'MANIFEST.json')):
            pytest.fail('OPSRAMP_INSTALLED_COLLECTIONS=%s holds no installed opsramp.automation (run make build)' % given)
        return given
    work = tmp_path_factory.mktemp('collections')
    subprocess.run([tool('ansible-galaxy'), 'collection', 'install', '--force', '-p', str(work), collection_tarball],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return str(work)


@pytest.fixture(scope='session')
def installed_collection(installed_collections):
    """The installed collection's own directory."""
    return os.path.join(installed_collections, 'ansible_collections', 'opsramp', 'automation')


@pytest.fixture
def client_secret():
    """A secret no file of the project contains: any trace of it in an output is a leak."""
    return 'sim-secret-%s' % uuid.uuid4().hex


class RunningSimulator:
    """A simulator running in its own process: ``url`` and ``control`` (a SimControl), like ``Simulator``."""

    def __init__(self, url):
        self.url = url
        self.control = SimControl(url)


@pytest.fixture
def simulator(client_secret, tmp_path_factory):
    """The OpsRamp simulator, accepting ``client_secret``, in a child process.

    Not in a thread of the test process, as ``Simulator`` would run it: ansible-runner starts ansible-playbook with
    forkpty(), which is unsafe in a multi-threaded process (Python 3.12 warns about it).
    """
    state = tmp_path_factory.mktemp('simulator')
    port_file = state / 'url'
    log_path = state / 'simulator.log'
    with open(str(log_path), 'w') as log:
        # the demo inventory: the devices the guides and examples name (core-sw-01, dc-01, ...)
        process = subprocess.Popen([sys.executable, os.path.join(ROOT, 'tests', 'simulator', 'opsramp_simulator'),
                                    '--port', '0', '--port-file', str(port_file),
                                    '--resources', os.path.join(ROOT, 'demo', 'resources.json')],
                                   stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.time() + 30
        while not (port_file.exists() and port_file.read_text().strip()):
            if process.poll() is not None or time.time() > deadline:
                pytest.fail('the simulator did not start:\n%s' % log_path.read_text())
            time.sleep(0.05)
        sim = RunningSimulator(port_file.read_text().strip())
        sim.control.configure(client_secret=client_secret)  # through the control API: not on a command line
        # the RBA category the scripts of examples/gitops name, as the tenant's devices are the ones they name
        sim.control.seed_rba_categories([{'name': GITOPS_CATEGORY}], tenant='client_1')
        yield sim
    finally:
        process.terminate()
        process.wait(timeout=30)
