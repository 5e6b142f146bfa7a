# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The connection options checked before any client exists: messages name the option and its environment variable."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.opsramp.automation.plugins.module_utils._http.config import (
    CONNECTION_OPTIONS,
    DEFAULT_MAX_WAIT,
    DEFAULT_TOKEN_PATH,
    ConnectionConfig,
    environment_error,
    truthy,
)
from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import ValidationError

GOOD = dict(url='https://acme.api.opsramp.com', tenant_id='client_1', client_id='key', client_secret='s3cret')


def configured(**changes):
    options = dict(GOOD)
    options.update(changes)
    return ConnectionConfig(**options)


def params(**changes):
    values = dict((option['name'], None) for option in CONNECTION_OPTIONS)
    values.update(GOOD)
    values.update(changes)
    return values


def test_params_take_the_defaults_of_options_left_out():
    config = ConnectionConfig.from_params(params())
    assert (config.timeout, config.max_retries, config.max_wait) == (30.0, 4, DEFAULT_MAX_WAIT)
    assert config.token_path == DEFAULT_TOKEN_PATH and config.validate_certs is True and config.verify is True


def test_values_are_normalised():
    config = ConnectionConfig(url=' https://acme.api.opsramp.com/ ', tenant_id=' client_1 ', access_token='tok',
                              token_path='custom/token', timeout='2.5', max_retries='0', validate_certs='no')
    assert config.url == 'https://acme.api.opsramp.com' and config.tenant_id == 'client_1'
    assert config.token_path == '/custom/token' and config.timeout == 2.5 and config.max_retries == 0
    assert config.validate_certs is False and config.verify is False and not config.can_fetch_tokens


def test_ca_path_is_what_requests_verifies_with(tmp_path):
    ca = tmp_path / 'ca.pem'
    ca.write_text('not checked here')
    assert ConnectionConfig(ca_path=str(ca), **GOOD).verify == str(ca)
    assert ConnectionConfig(ca_path='/nonexistent', validate_certs=False, **GOOD).verify is False


@pytest.mark.parametrize('changes, option, text', [
    (dict(url=''), 'url', "missing required option 'url' (or environment variable OPSRAMP_URL)"),
    (dict(url='https://acme.example.com?x=1'), 'url', 'must not carry a query or a fragment'),
    (dict(client_id=None, client_secret=None, access_token=None), 'client_id', 'no credentials'),
    (dict(max_wait=-1), 'max_wait', "option 'max_wait' must be a number of seconds, 0 or more"),
    (dict(timeout=float('inf')), 'timeout', "option 'timeout' must be"),
    (dict(url='https://acme.api.opsramp.com/api/v2/'), 'url',
     "url 'https://acme.api.opsramp.com/api/v2' must be the base URL of the API, without the API path: drop "
     "'/api/v2' (url: https://acme.api.opsramp.com); the collection appends /api/v2/... itself"),
    (dict(url='https://proxy.example.com/opsramp/api/v2/tenants/client_1'), 'url',
     "drop '/api/v2/tenants/client_1' (url: https://proxy.example.com/opsramp)"),
    (dict(url='https://acme.api.opsramp.com/api'), 'url', "drop '/api'"),
], ids=['empty-url', 'query', 'no-credentials', 'negative-max-wait', 'infinite-timeout', 'api-v2', 'api-tenant-path',
        'api'])
def test_wrong_values_name_the_option(changes, option, text):
    with pytest.raises(ValidationError) as info:
        configured(**changes)
    assert info.value.option == option and text in info.value.message


def test_repr_shows_where_and_as_whom_but_no_secret():
    text = repr(configured(access_token="tok-abc"))
    assert text == ("ConnectionConfig(url='https://acme.api.opsramp.com', tenant_id='client_1', client_id='key', "
                    "auth='access_token', validate_certs=True)")


@pytest.mark.parametrize('value, result', [
    (True, True), ('yes', True), (' TRUE ', True), ('1', True), (1, True),
    (False, False), ('no', False), ('false', False), (0, False), (None, False),
])
def test_truthy(value, result):
    assert truthy(value) is result


def test_a_path_before_the_api_is_kept():
    for url in ('https://proxy.example.com/opsramp', 'https://apis.example.com/api-gateway'):
        assert configured(url=url + '/').url == url


@pytest.mark.parametrize('url, validate_certs, access_token, warning', [
    ('https://acme.api.opsramp.com', True, None, None),
    ('https://acme.api.opsramp.com', False, None, 'TLS certificate validation is disabled (validate_certs=false): '
                                                  'the connection to https://acme.api.opsramp.com is not protected'),
    ('http://acme.api.opsramp.com', True, None, 'url http://acme.api.opsramp.com is plain http: the client secret and '
                                                'the tokens cross the network unencrypted'),
    ('http://10.1.2.3:8080', False, 'tok', 'url http://10.1.2.3:8080 is plain http: the access token crosses the '
                                           'network unencrypted'),
    ('http://127.0.0.1:8080', False, None, None),  # never leaves this machine; and no TLS to warn about
    ('http://localhost', True, None, None),
    ('http://[::1]:9', True, None, None),
    ('http://127.8.9.10', True, None, None),
], ids=['https', 'https-unverified', 'http', 'http-token', 'loopback', 'localhost', 'ipv6-loopback', 'loopback-net'])
def test_warnings(url, validate_certs, access_token, warning):
    config = configured(url=url, validate_certs=validate_certs, access_token=access_token)
    warnings = config.warnings()
    if warning is None:
        assert warnings == []
    else:
        assert len(warnings) == 1 and warnings[0].startswith(warning)


@pytest.mark.parametrize('environment, given, message', [
    ({'OPSRAMP_VALIDATE_CERTS': 'perhaps'}, {}, "environment variable OPSRAMP_VALIDATE_CERTS (option 'validate_certs', "
                                                "not set in the task) is 'perhaps', which is not a boolean: use true or "
                                                "false"),
    ({'OPSRAMP_TIMEOUT': 'soon'}, {}, "environment variable OPSRAMP_TIMEOUT (option 'timeout', not set in the task) is "
                                      "'soon', which is not a number"),
    ({'OPSRAMP_MAX_RETRIES': '2.5'}, {}, 'OPSRAMP_MAX_RETRIES'),
    ({'OPSRAMP_VALIDATE_CERTS': 'perhaps'}, {'validate_certs': False}, None),  # the task's value wins
    ({'OPSRAMP_VALIDATE_CERTS': 'no', 'OPSRAMP_TIMEOUT': '5', 'OPSRAMP_URL': 'anything'}, {}, None),
], ids=['bool', 'float', 'int', 'given-in-task', 'valid'])
def test_environment_values_a_typed_option_cannot_take_are_named(monkeypatch, environment, given, message):
    for option in CONNECTION_OPTIONS:
        monkeypatch.delenv(option['env'], raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    error = environment_error(given)
    if message is None:
        assert error is None
    else:
        assert message in error
