# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""TLS through the real modules, against the simulator serving HTTPS with a self-signed certificate.

validate_certs (default true) refuses the certificate with a message that says what to do; a CA file given as
ca_path, OPSRAMP_CA_PATH or REQUESTS_CA_BUNDLE makes it pass; validate_certs false works and warns.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from conftest import CLIENT_SECRET, secrets_of
from reliability_support import Ansible, assert_no_secret, job_task

JOB = dict(name='rel-tls', job_type='assetinfo',
           schedule={'type': 'daily', 'frequency': 'everyday', 'start_date': '2030-01-01T05:00Z'})


@pytest.fixture
def tls(tls_simulator, collections_root, tmp_path):
    tls_simulator.control.reset(config=True)
    yield Ansible(collections_root, str(tmp_path / 'ansible'), sim=tls_simulator, client_secret=CLIENT_SECRET)
    tls_simulator.control.wait_until_idle()
    tls_simulator.control.reset(config=True)


def test_certificate_validation_through_the_modules(tls, tls_simulator, tls_files):
    cert, _key = tls_files
    run = tls.play([
        job_task('strict', **JOB),
        job_task('strict-info', module='opsramp.automation.opsramp_job_info'),
        job_task('with-ca-path', ca_path=cert, **JOB),
        dict(job_task('with-ca-env', **JOB), environment={'OPSRAMP_CA_PATH': cert}),
        dict(job_task('with-requests-ca-bundle', **JOB), environment={'REQUESTS_CA_BUNDLE': cert}),
        job_task('insecure', validate_certs=False, **JOB),
        job_task('insecure-ignores-ca-path', validate_certs=False, ca_path='/nonexistent/ca.pem', **JOB),
    ], verbosity=2)
    for task in ('strict', 'strict-info'):
        result = run.result(task)
        assert result['failed'], task
        assert result['msg'].startswith('TLS certificate verification failed for %s: ' % tls_simulator.url)
        assert 'set ca_path to the CA that signed it, or validate_certs false for testing only' in result['msg']
        assert 'Traceback' not in result['msg'] and len(result['msg']) < 400
        assert run.requests(task) == []  # the handshake failed: nothing reached the API
    created = run.result('with-ca-path')
    assert not created['failed'] and created['changed']
    for task in ('with-ca-env', 'with-requests-ca-bundle'):
        assert not run.result(task)['failed'] and run.result(task)['changed'] is False, task
    for task in ('insecure', 'insecure-ignores-ca-path'):
        result = run.result(task)
        assert not result['failed'] and result['changed'] is False, task
        assert any('TLS certificate validation is disabled (validate_certs=false)' in warning
                   for warning in result['warnings']), task
    assert [job['name'] for job in tls_simulator.control.jobs()] == ['rel-tls']
    assert_no_secret(secrets_of(tls_simulator), *run.texts())


def test_plain_http_to_a_tls_port_fails_clearly(tls, tls_simulator):
    url = tls_simulator.url.replace('https://', 'http://')
    run = tls.play([job_task('plain', url=url, max_retries=0, **JOB)])
    result = run.result('plain')
    assert result['failed']
    assert 'OpsRamp' in result['msg'] and 'Traceback' not in result['msg']
    assert tls_simulator.control.jobs() == []
