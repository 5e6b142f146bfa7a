# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import signal
import subprocess
import sys
import time

import pytest
import requests

from opsramp_simulator import SimConfig, SimControl, Simulator, make_self_signed_cert
from sim_helpers import Api, ncb_job

SIM_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@pytest.fixture(scope='module')
def cert(tmp_path_factory):
    return make_self_signed_cert(str(tmp_path_factory.mktemp('tls')))


def test_tls(cert):
    cert_path, key_path = cert
    with Simulator(SimConfig(tls_cert=cert_path, tls_key=key_path)) as sim:
        assert sim.url.startswith('https://127.0.0.1:')
        api = Api(sim.url, verify=cert_path).login()          # verified against the self-signed cert
        assert api.create(ncb_job()).status_code == 200
        assert len(SimControl(sim.url, verify=cert_path).jobs()) == 1
        assert sim.control.stats()['creates'] == 1
        with pytest.raises(requests.exceptions.SSLError):
            requests.get(sim.url + '/_sim/health', timeout=5)   # default CA store does not trust it
        with pytest.raises(requests.ConnectionError):
            requests.get(sim.url.replace('https', 'http') + '/_sim/health', timeout=5)
        localhost = sim.url.replace('127.0.0.1', 'localhost')
        assert requests.get(localhost + '/_sim/health', verify=cert_path, timeout=5).status_code == 200


def _start_cli(args, tmp_path):
    port_file = str(tmp_path / 'url.txt')
    env = dict(os.environ)
    env.pop('PYTHONPATH', None)
    proc = subprocess.Popen([sys.executable, os.path.join(SIM_DIR, 'opsramp_simulator'), '--port-file', port_file] + args,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=str(tmp_path))
    deadline = time.time() + 10
    while not os.path.exists(port_file):
        assert proc.poll() is None, proc.stderr.read()
        assert time.time() < deadline
        time.sleep(0.02)
    with open(port_file, encoding='utf-8') as handle:
        url = handle.read().strip()
    return proc, url


@pytest.mark.parametrize('sig', [signal.SIGTERM, signal.SIGINT])
def test_cli_start_stop(tmp_path, sig):
    proc, url = _start_cli(['--read-limit', '2', '--latency-ms', '1', '--config-json', '{"not_found_style": "500-0005"}'], tmp_path)
    try:
        line = proc.stdout.readline().decode()
        assert line == 'opsramp-simulator listening on %s\n' % url
        control = SimControl(url)
        config = control.config()
        assert config['read_limit'] == 2 and config['latency_ms'] == 1 and config['not_found_style'] == '500-0005'
        api = Api(url).login()
        assert api.get('nope').status_code == 500
    finally:
        proc.send_signal(sig)
        out, err = proc.communicate(timeout=10)
    assert proc.returncode == 0, err
    assert out == b'' and b'Traceback' not in err


def test_cli_as_module_with_tls(tmp_path, cert):
    env = dict(os.environ, PYTHONPATH=SIM_DIR)
    proc = subprocess.Popen([sys.executable, '-m', 'opsramp_simulator', '--tls-cert', cert[0], '--tls-key', cert[1]],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=str(tmp_path))
    try:
        line = proc.stdout.readline().decode().strip()
        assert line.startswith('opsramp-simulator listening on https://127.0.0.1:')
        url = line.rsplit(' ', 1)[1]
        assert SimControl(url, verify=cert[0]).health()['status'] == 'ok'
    finally:
        proc.terminate()
        proc.communicate(timeout=10)
    assert proc.returncode == 0


def test_cli_rejects_bad_config(tmp_path):
    result = subprocess.run([sys.executable, os.path.join(SIM_DIR, 'opsramp_simulator'), '--config-json', '{"list_style": "x"}'],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=str(tmp_path), timeout=10, check=False)
    assert result.returncode == 2 and b'list_style' in result.stderr
