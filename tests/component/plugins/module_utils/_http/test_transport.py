# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The transport over real HTTP against the simulator: error bodies made readable, bodies that are not JSON,
redirects reported, and TLS (self-signed certificates, ca_path, validation turned off)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import warnings

import pytest

from urllib3.exceptions import InsecureRequestWarning

from ansible_collections.opsramp.automation.tests.component.plugins.module_utils.http_support import JOB, JOBS, TYPES, fault

from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import ApiError, CommunicationError


# ----------------------------------------------------------------------------------------------- error bodies


def test_other_400_is_an_api_error_without_reauthentication(sim, make_client, log):
    body = [{'code': '0002', 'fieldName': 'name', 'message': 'The name is required'}]
    fault(sim, method='POST', path='/jobs$', action='status', status=400, body=body)
    client = make_client()
    with pytest.raises(ApiError) as info:
        client.post(JOBS, JOB)
    assert info.value.message == ('OpsRamp API error 400 on POST /api/v2/tenants/client_1/jobs: '
                                  'name: The name is required (code 0002)')
    assert info.value.status == 400 and info.value.body == body and info.value.code == '0002'
    assert not info.value.maybe_applied
    assert len(log(kind='token')) == 1 and len(log(kind='write')) == 1


@pytest.mark.parametrize('rule, expected', [
    (dict(body={'code': '0003', 'message': 'Invalid schedule'}), 'Invalid schedule (code 0003)'),
    (dict(body={'error': 'bad_request', 'error_description': 'Malformed job'}), 'Malformed job'),
    (dict(raw_body='MetricName cannot be null'), 'MetricName cannot be null'),
    (dict(raw_body='x' * 1000), 'x' * 290),
], ids=['code-message', 'oauth-style', 'plain-text', 'long-text'])
def test_error_bodies_become_readable_messages(sim, make_client, rule, expected):
    fault(sim, method='GET', path='/jobs/types$', action='status', status=409, **rule)
    with pytest.raises(ApiError) as info:
        make_client().get(TYPES)
    assert info.value.message.startswith('OpsRamp API error 409 on GET %s: ' % TYPES)
    assert expected in info.value.message
    assert len(info.value.message) < 400 and len(str(info.value.body)) <= 300


# ----------------------------------------------------------------------------------------------- bodies


# An empty or garbled answer to a read is a fault, not "nothing found" (api-behaviour §4): retried like a 5xx, then
# an error. A write may answer with an empty body.


@pytest.mark.parametrize('action', ['bad_json', 'empty'])
def test_a_read_answered_without_json_once_is_retried(sim, make_client, log, recorder, action):
    fault(sim, method='GET', path='/jobs/types$', action=action, times=1)
    assert make_client().get(TYPES)['jobNameAndType']
    assert len(log(kind='read')) == 2 and recorder.sleeps == [0.375]


@pytest.mark.parametrize('action, message', [
    ('bad_json', 'OpsRamp returned a response that is not JSON (GET %s)' % TYPES),
    ('empty', 'OpsRamp answered GET %s with an empty body, every time it was asked' % TYPES),
], ids=['not-json', 'empty'])
def test_a_read_answered_without_json_every_time_is_an_error(sim, make_client, log, action, message):
    fault(sim, method='GET', path='/jobs/types$', action=action, times=0)
    with pytest.raises(CommunicationError) as info:
        make_client(max_retries=2).get(TYPES)
    assert info.value.message.startswith(message) and not info.value.maybe_applied
    assert len(log(kind='read')) == 3


def test_an_empty_body_to_a_write_is_none(sim, make_client, log):
    job = sim.control.seed_job(dict(JOB), tenant='client_1')
    fault(sim, method='DELETE', path='/jobs/', action='empty')
    client = make_client()
    assert client.delete(client.api_path('jobs', job['id'])) is None
    assert len(log(kind='write')) == 1


def test_redirect_is_reported_not_followed(sim, make_client, log):
    fault(sim, method='GET', path='/jobs/types$', action='status', status=301,
          headers={'Location': 'https://elsewhere.example.com/api'})
    with pytest.raises(ApiError) as info:
        make_client().get(TYPES)
    assert 'redirected to https://elsewhere.example.com/api; check url' in info.value.message
    assert len(log(kind='read')) == 1


# ----------------------------------------------------------------------------------------------- TLS


def test_tls_self_signed_certificate_is_rejected_clearly(tls_simulator, make_client, recorder):
    client = make_client(url=tls_simulator.url)
    with pytest.raises(CommunicationError) as info:
        client.get(TYPES)
    message = info.value.message
    assert message.startswith('TLS certificate verification failed for %s: ' % tls_simulator.url)
    assert message.endswith('; set ca_path to the CA that signed it, or validate_certs false for testing only')
    assert 'self-signed' in message or 'self signed' in message
    assert recorder.sleeps == [] and info.value.maybe_applied is False


def test_tls_with_ca_path(tls_simulator, tls_files, make_client, recorder):
    client = make_client(url=tls_simulator.url, ca_path=tls_files[0])
    assert client.get(TYPES)['jobNameAndType']
    assert recorder.warnings == []


def test_tls_validation_disabled_warns_once(tls_simulator, make_client, recorder):
    with warnings.catch_warnings(record=True) as caught:
        client = make_client(url=tls_simulator.url, validate_certs=False)
        client.get(TYPES)
        client.get(TYPES)
    assert len(recorder.warnings) == 1
    assert recorder.warnings[0].startswith('TLS certificate validation is disabled')
    assert not [w for w in caught if issubclass(w.category, InsecureRequestWarning)]
