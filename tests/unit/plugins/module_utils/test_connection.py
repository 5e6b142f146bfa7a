# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The connection options checked before any client exists: messages name the option and its environment variable."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.opsramp.automation.plugins.module_utils.connection import (
    CONNECTION_OPTIONS,
    DEFAULT_MAX_WAIT,
    DEFAULT_TOKEN_PATH,
    ConnectionConfig,
    truthy,
)
from ansible_collections.opsramp.automation.plugins.module_utils.errors import ValidationError

GOOD = dict(url='https://acme.api.opsramp.com', tenant_id='client_1', client_id='key', client_secret='s3cret')


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
], ids=['empty-url', 'query', 'no-credentials', 'negative-max-wait', 'infinite-timeout'])
def test_wrong_values_name_the_option(changes, option, text):
    with pytest.raises(ValidationError) as info:
        ConnectionConfig(**dict(GOOD, **changes))
    assert info.value.option == option and text in info.value.message


def test_repr_shows_where_and_as_whom_but_no_secret():
    text = repr(ConnectionConfig(**dict(GOOD, access_token='tok-abc')))
    assert text == ("ConnectionConfig(url='https://acme.api.opsramp.com', tenant_id='client_1', client_id='key', "
                    "auth='access_token', validate_certs=True)")


@pytest.mark.parametrize('value, result', [
    (True, True), ('yes', True), (' TRUE ', True), ('1', True), (1, True),
    (False, False), ('no', False), ('false', False), (0, False), (None, False),
])
def test_truthy(value, result):
    assert truthy(value) is result
