# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The retry policy over real HTTP against the simulator: what is retried (transient statuses, connection failures,
timeouts), how often and how long apart, and that a write which may have run is never re-sent."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.opsramp.automation.tests.component.plugins.module_utils.http_support import JOB, JOBS, TYPES, closed_port, fault, statuses

from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import ApiError, CommunicationError


@pytest.mark.parametrize('status, body', [
    (502, None), (503, None), (504, None), (500, {'code': '0005', 'message': 'resource not ready'}),
], ids=['502', '503', '504', '500-0005'])
def test_get_is_retried_on_transient_errors(sim, make_client, log, recorder, status, body):
    rule = dict(method='GET', path='/jobs/types$', action='status', status=status, times=2)
    if body is not None:
        rule['body'] = body
    fault(sim, **rule)
    client = make_client()
    assert client.get(TYPES)['jobNameAndType']
    assert statuses(log(kind='read')) == [status, status, 200]
    assert recorder.sleeps == [0.375, 0.75]  # base 0.5 s, doubled, with the injected jitter (0.5)
    assert client.stats['retries'] == 2


def test_get_retries_are_bounded(sim, make_client, log, recorder):
    fault(sim, method='GET', path='/jobs/types$', action='status', status=503, times=0)
    with pytest.raises(ApiError) as info:
        make_client(max_retries=2).get(TYPES)
    assert info.value.status == 503
    assert info.value.message == 'OpsRamp API error 503 on GET %s: Service Unavailable' % TYPES
    assert statuses(log(kind='read')) == [503] * 3 and len(recorder.sleeps) == 2


def test_get_retries_stop_when_the_total_wait_is_spent(sim, make_client, log, recorder):
    fault(sim, method='GET', path='/jobs/types$', action='status', status=503, times=0)
    with pytest.raises(ApiError):
        make_client(max_retries=10, max_wait=1.2).get(TYPES)
    assert recorder.sleeps == [0.375, 0.75] and len(log(kind='read')) == 3


def test_500_without_code_0005_is_not_retried(sim, make_client, log):
    fault(sim, method='GET', path='/jobs/types$', action='status', status=500, body={'code': '0001', 'message': 'boom'})
    with pytest.raises(ApiError) as info:
        make_client().get(TYPES)
    assert info.value.message == 'OpsRamp API error 500 on GET %s: boom (code 0001)' % TYPES
    assert len(log(kind='read')) == 1


def test_get_is_retried_after_a_connection_reset(sim, make_client, log):
    fault(sim, method='GET', path='/jobs/types$', action='reset')
    assert make_client().get(TYPES)['jobNameAndType']
    assert statuses(log(kind='read')) == [None, 200]


def test_delete_is_retried_on_503(sim, make_client, log):
    job = sim.control.seed_job(dict(JOB), tenant='client_1')
    fault(sim, method='DELETE', path='/jobs/', action='status', status=503)
    client = make_client()
    assert client.delete(client.api_path('jobs', job['id'])) is None
    assert statuses(log(kind='write')) == [503, 200]
    assert sim.control.jobs() == []


@pytest.mark.parametrize('rule, error_type', [
    (dict(action='status', status=500), ApiError),
    (dict(action='status', status=502), ApiError),
    (dict(action='status', status=503), ApiError),
    (dict(action='status', status=504), ApiError),
    (dict(action='status_after_apply', status=500), ApiError),
    (dict(action='reset'), CommunicationError),
    (dict(action='reset_after_apply'), CommunicationError),
    (dict(action='delay_after_apply', seconds=1.0), CommunicationError),
], ids=['500', '502', '503', '504', '500-after-apply', 'reset', 'reset-after-apply', 'timeout'])
def test_post_is_never_resent_after_it_may_have_run(sim, make_client, log, recorder, assert_no_secrets, rule,
                                                    error_type):
    fault(sim, method='POST', path='/jobs$', **rule)
    client = make_client(timeout=0.3)
    with pytest.raises(error_type) as info:
        client.post(JOBS, JOB)
    assert info.value.maybe_applied
    assert len(log(kind='write', path='/jobs')) == 1
    assert recorder.sleeps == []
    assert_no_secrets(info.value, client)


def test_connection_refused_is_retried_even_for_post(make_client, recorder):
    url = 'http://127.0.0.1:%d' % closed_port()
    client = make_client(url=url, access_token='tok', max_retries=2)
    with pytest.raises(CommunicationError) as info:
        client.post(JOBS, JOB)
    assert info.value.maybe_applied is False
    assert info.value.message.startswith('cannot connect to OpsRamp at %s: ' % url)
    assert 'refused' in info.value.message and info.value.message.endswith('; check url and the network/proxy')
    assert '\n' not in info.value.message and 'object at 0x' not in info.value.message
    assert len(recorder.sleeps) == 2


def test_unresolvable_host_message(make_client):
    client = make_client(url='http://opsramp.invalid', access_token='tok', max_retries=0)
    with pytest.raises(CommunicationError) as info:
        client.get(TYPES)
    message = info.value.message
    assert message.startswith('cannot connect to OpsRamp at http://opsramp.invalid: ')
    assert message.endswith('; check url and the network/proxy') and len(message) > 90
    assert 'object at 0x' not in message and 'HTTPConnection' not in message and '\n' not in message


def test_timeout_gives_a_clear_error(sim, make_client, log):
    fault(sim, method='GET', path='/jobs/types$', action='delay', seconds=1.0)
    with pytest.raises(CommunicationError) as info:
        make_client(timeout=0.3, max_retries=0).get(TYPES)
    assert info.value.message == ('OpsRamp did not answer within 0.3 s (GET %s); raise timeout, or try again later'
                                  % TYPES)
    assert len(log(kind='read')) == 1


def test_get_is_retried_after_a_timeout(sim, make_client, log):
    fault(sim, method='GET', path='/jobs/types$', action='delay', seconds=1.0)
    assert make_client(timeout=0.3).get(TYPES)['jobNameAndType']
    assert len(log(kind='read')) == 2
