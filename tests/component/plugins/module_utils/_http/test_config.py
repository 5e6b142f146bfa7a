# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Connection options checked before any request, over the simulator: nothing is sent when an option is wrong."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.opsramp.automation.tests.component.plugins.module_utils.http_support import TOKEN_PATH, TYPES

from ansible_collections.opsramp.automation.plugins.module_utils._http.client import Client
from ansible_collections.opsramp.automation.plugins.module_utils._http.config import CONNECTION_OPTIONS
from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import ValidationError


def connection_params(sim, **changes):
    params = dict((option['name'], option.get('default')) for option in CONNECTION_OPTIONS)
    params.update(url=sim.url, tenant_id='client_1', client_id='demo-client', client_secret='demo-secret')
    params.update(changes)
    return params


@pytest.mark.parametrize('changes, option, text', [
    (dict(url=None), 'url', "missing required option 'url' (or environment variable OPSRAMP_URL)"),
    (dict(tenant_id=' '), 'tenant_id', "missing required option 'tenant_id' (or environment variable OPSRAMP_TENANT_ID)"),
    (dict(url='ftp://acme.example.com'), 'url', 'is not an http(s) URL with a host'),
    (dict(url='acme.api.opsramp.com'), 'url', 'is not an http(s) URL with a host'),
    (dict(url='https://'), 'url', 'is not an http(s) URL with a host'),
    (dict(url='https://user:demo-secret@acme.example.com'), 'url', 'must not contain a user name or password'),
    (dict(client_id=None, client_secret=None), 'client_id',
     'give access_token (or environment variable OPSRAMP_ACCESS_TOKEN), or both client_id and client_secret'),
    (dict(client_secret=None), 'client_secret', "missing option 'client_secret' (or environment variable "
                                                "OPSRAMP_CLIENT_SECRET): it is required with client_id"),
    (dict(client_id=None), 'client_id', "missing option 'client_id'"),
    (dict(timeout=0), 'timeout', "option 'timeout' must be a number of seconds greater than 0"),
    (dict(timeout='soon'), 'timeout', "option 'timeout' must be"),
    (dict(max_retries=-1), 'max_retries', "option 'max_retries' must be an integer, 0 or more"),
    (dict(ca_path='/nonexistent/ca.pem'), 'ca_path', "ca_path '/nonexistent/ca.pem' is not a readable file"),
    (dict(url='https://acme.api.opsramp.com/api/v2/'), 'url', "without the API path: drop '/api/v2'"),
], ids=['no-url', 'no-tenant', 'ftp-url', 'no-scheme', 'no-host', 'userinfo', 'no-credentials', 'no-secret', 'no-client-id',
        'zero-timeout', 'text-timeout', 'negative-retries', 'missing-ca', 'api-path'])
def test_options_are_validated_before_any_request(sim, log, assert_no_secrets, changes, option, text):
    with pytest.raises(ValidationError) as info:
        Client.from_params(connection_params(sim, **changes))
    assert info.value.option == option
    assert text in info.value.message
    assert log() == []
    assert_no_secrets(info.value)


def test_from_params_applies_defaults_and_passes_warnings(tls_simulator, recorder):
    params = connection_params(tls_simulator, timeout=None, max_retries=None, token_path=None, validate_certs=False)
    client = Client.from_params(params, warn=recorder.warn)
    assert client.config.timeout == 30.0 and client.config.max_retries == 4 and client.token_path == TOKEN_PATH
    assert recorder.warnings == ['TLS certificate validation is disabled (validate_certs=false): the connection to %s '
                                 'is not protected against interception; use this for testing only' % tls_simulator.url]
    assert client.get(TYPES)['jobNameAndType']
    client.close()


def test_validate_certs_false_on_plain_http_warns_about_nothing(sim, recorder):
    # no TLS to disable, and http to this machine sends nothing over a network
    client = Client.from_params(connection_params(sim, validate_certs=False), warn=recorder.warn)
    assert client.get(TYPES)['jobNameAndType']
    assert recorder.warnings == []
    client.close()


def test_plain_http_beyond_this_machine_warns_before_any_request(sim, log, recorder):
    client = Client.from_params(connection_params(sim, url='http://opsramp.example.com'), warn=recorder.warn)
    assert recorder.warnings == ['url http://opsramp.example.com is plain http: the client secret and the tokens cross '
                                 'the network unencrypted, readable by anyone on the way; use https']
    assert log() == []
    client.close()
