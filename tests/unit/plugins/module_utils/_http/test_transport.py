# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the transport makes of answers and failures, without a server: ``Answer``, ``api_error``, ``Request`` and
the one-line messages for connection failures. The retry loop over real HTTP is in tests/component."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
import requests

from urllib3.exceptions import NewConnectionError

from ansible_collections.opsramp.automation.plugins.module_utils._http.config import ConnectionConfig
from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import Redactor
from ansible_collections.opsramp.automation.plugins.module_utils._http.retry import RetryPolicy
from ansible_collections.opsramp.automation.plugins.module_utils._http.transport import (
    Answer,
    Request,
    Stats,
    Transport,
    api_error,
)

CONFIG = ConnectionConfig(url='https://acme.api.opsramp.com', tenant_id='t', access_token='tok', timeout=2)


@pytest.mark.parametrize('content, text, parsed', [
    (b'{"a": 1}', '{"a": 1}', {'a': 1}),
    (b'  ', '  ', None),
    (b'', '', None),
    ('{"name": "caf\u00e9"}'.encode('utf-8'), '{"name": "caf\u00e9"}', {'name': 'caf\u00e9'}),
], ids=['json', 'blank', 'empty', 'utf-8'])
def test_answer_bodies(content, text, parsed):
    answer = Answer(200, None, content, encoding='iso-8859-1')
    assert answer.text == text and answer.json() == parsed and answer.ok and answer.headers == {}


def test_an_answer_that_is_not_json():
    answer = Answer(502, {}, b'\xff<html> Bad   gateway', encoding='latin-1')
    with pytest.raises(ValueError):
        answer.json()
    assert answer.json_or_none() is None and answer.error_body() == '\xff<html> Bad gateway' and not answer.ok


def test_api_errors_are_readable_and_redacted():
    redactor = Redactor('s3cret')
    error = api_error(redactor, Answer(409, {}, b'{"message": "echo s3cret", "code": "1"}'), 'POST', '/p')
    assert error.message == 'OpsRamp API error 409 on POST /p: echo ******** (code 1)'
    assert error.body == {'message': 'echo ********', 'code': '1'} and error.status == 409
    moved = api_error(redactor, Answer(301, {'Location': 'https://x.example.com/'}, b''), 'GET', '/p')
    assert moved.message == ('OpsRamp API error 301 on GET /p: redirected to https://x.example.com/; check url '
                             '(https, no path)')


def test_requests_know_whether_they_may_be_resent_and_where_they_count():
    get = Request('get', '/p', 'https://x/p', {})
    post = Request('POST', '/p', 'https://x/p', {}, data='{}')
    assert (get.method, get.resend, get.bucket, get.paced, get.counter) == ('GET', True, 'read', True, 'requests')
    assert (post.resend, post.bucket) == (False, 'write')


def test_stats_count_waits_and_retries():
    slept = []
    stats = Stats(sleep=slept.append)
    budget = RetryPolicy(3, 10).budget()
    stats.count('requests')
    stats.retry_after(budget, 1.5)
    stats.pause(0.5)
    assert stats.counts == dict(requests=1, token_requests=0, retries=1, waits=2, waited=2.0)
    assert slept == [1.5, 0.5] and budget.retries == 1 and budget.waited == 1.5


def refused():
    reason = NewConnectionError(None, 'Failed to establish a new connection: [Errno 111] Connection refused')
    return requests.exceptions.ConnectionError(requests.packages.urllib3.exceptions.MaxRetryError(None, '/', reason))


@pytest.mark.parametrize('exc, message, maybe_applied', [
    (refused(), 'cannot connect to OpsRamp at https://acme.api.opsramp.com: ', False),
    (requests.exceptions.ConnectTimeout('slow'), 'cannot connect to OpsRamp at https://acme.api.opsramp.com within 2 s',
     False),
    (requests.exceptions.ReadTimeout('slow'), 'OpsRamp did not answer within 2 s (DELETE /p); raise timeout', True),
    (requests.exceptions.ConnectionError('Connection aborted.'),
     'the connection to OpsRamp at https://acme.api.opsramp.com broke during DELETE /p: Connection aborted.', True),
    (requests.exceptions.SSLError('certificate verify failed: self-signed certificate'),
     'TLS certificate verification failed for https://acme.api.opsramp.com: ', False),
    (requests.exceptions.SSLError('wrong version number'), 'TLS handshake with https://acme.api.opsramp.com failed',
     False),
], ids=['refused', 'connect-timeout', 'read-timeout', 'broken', 'tls-verify', 'tls-handshake'])
def test_connection_failures_become_one_line_messages(exc, message, maybe_applied):
    transport = Transport(CONFIG, RetryPolicy(0, 0), {}, Stats(), Redactor())
    try:
        error = transport._transport_error(exc, Request('DELETE', '/p', 'https://x/p', {}))
    finally:
        transport.close()
    assert error.message.startswith(message) and '\n' not in error.message and 'object at 0x' not in error.message
    assert error.maybe_applied is maybe_applied
