# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The connection options, defined once, and ``ConnectionConfig``: those options checked before any ``Client`` exists.

``CONNECTION_OPTIONS`` is the table ``arguments`` turns into the argument spec every module merges in and into the
``opsramp.automation.connection`` doc fragment. ``ConnectionConfig`` checks a set of values (the module's, with
their environment fallbacks applied) and says what is wrong naming the option and its environment variable, before
a single request is sent.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ipaddress
import os
import re

from urllib.parse import urlsplit, urlunsplit

from ansible.module_utils.parsing.convert_bool import boolean

from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import ValidationError

DEFAULT_TOKEN_PATH = '/tenancy/auth/oauth/token'
DEFAULT_MAX_WAIT = 120.0  # seconds one request may spend waiting for retries and rate limits (not a module option)
# the API path the client appends to url itself: a url that already holds it would give 404s on every request
_API_PATH = re.compile(r'/api(?:/v\d+)?(?:/.*)?$')

CONNECTION_OPTIONS = [
    dict(name='url', type='str', env='OPSRAMP_URL', required=True,
         description=[
             'Base URL of the OpsRamp API, for example C(https://acme.api.opsramp.com).',
             'The API paths (C(/api/v2/...)) and the token path are appended to it, so it must not end in'
             ' C(/api/v2) (the task fails before any request, saying what to drop); a trailing slash is ignored.',
             'A plain C(http://) URL sends the client secret and the tokens unencrypted: the task warns, unless'
             ' the host is this machine (C(localhost), C(127.0.0.1), C(::1)).',
         ]),
    dict(name='tenant_id', type='str', env='OPSRAMP_TENANT_ID', required=True,
         description=[
             'Tenant whose jobs the task manages: a client id (C(client_123) or a UUID) or a partner id (C(msp_123)).',
             'A partner credential may manage the jobs of its clients by naming the client here.',
         ]),
    dict(name='client_id', type='str', env='OPSRAMP_CLIENT_ID',
         description=[
             'Key of an OpsRamp OAuth2 custom integration (client-credentials grant).',
             'Required with O(client_secret) unless O(access_token) is given.',
         ]),
    dict(name='client_secret', type='str', env='OPSRAMP_CLIENT_SECRET', no_log=True,
         description=['Secret of the OAuth2 custom integration named by O(client_id).']),
    dict(name='access_token', type='str', env='OPSRAMP_ACCESS_TOKEN', no_log=True,
         description=[
             'A bearer token issued earlier, used instead of O(client_id) and O(client_secret).',
             'Saves one token request per task. The task fails, without retrying, once the token expires.',
         ]),
    dict(name='validate_certs', type='bool', env='OPSRAMP_VALIDATE_CERTS', default=True,
         description=[
             'Whether to verify the TLS certificate of the OpsRamp API.',
             'Turn this off only for testing: the task then warns on every run. It has no effect on an'
             ' C(http://) O(url), which has no TLS.',
         ]),
    dict(name='ca_path', type='path', env='OPSRAMP_CA_PATH',
         description=[
             'Path to a PEM file of CA certificates to trust instead of the system bundle, for example the CA of a '
             'corporate TLS-inspecting proxy. Ignored when O(validate_certs=false).',
         ]),
    dict(name='timeout', type='float', env='OPSRAMP_TIMEOUT', default=30,
         description=['Seconds to wait for OpsRamp to connect and to answer each request.']),
    dict(name='token_path', type='str', env='OPSRAMP_TOKEN_PATH', default=DEFAULT_TOKEN_PATH,
         description=[
             'Path of the OAuth2 token endpoint, appended to O(url).',
             'Older tenants use C(/auth/oauth/token); when the default answers 404 the client tries that one once.',
         ]),
    dict(name='max_retries', type='int', env='OPSRAMP_MAX_RETRIES', default=4,
         description=[
             'How many times a request is retried after a rate-limit answer (429), a transient server error '
             '(502, 503, 504, or 500 with OpsRamp code C(0005)) or a connection error.',
             'Creates, updates and runs are retried only when OpsRamp said it did not execute them (429): they are '
             'never sent twice blindly.',
         ]),
]

ENV_VARS = dict((option['name'], option['env']) for option in CONNECTION_OPTIONS)
DEFAULTS = dict((option['name'], option['default']) for option in CONNECTION_OPTIONS if 'default' in option)


def truthy(value):
    """A boolean out of a bool or of text such as 'true', 'yes' and '1' (anything else is false)."""
    if isinstance(value, str):
        return value.strip().lower() in ('true', '1', 'yes')
    return bool(value)


def environment_error(params):
    """A message naming the environment variable whose value a typed connection option cannot take, or None.

    Only for options the task leaves out (``params``: the module's, before validation): Ansible's own message for
    such a value names the option, not the variable it came from.
    """
    for option in CONNECTION_OPTIONS:
        name, value = option['name'], os.environ.get(option['env'])
        if params.get(name) is not None or value is None or option['type'] not in _CONVERTERS:
            continue
        expected, convert = _CONVERTERS[option['type']]
        try:
            convert(value)
        except (TypeError, ValueError):
            return ("environment variable %s (option '%s', not set in the task) is %r, which is not %s"
                    % (option['env'], name, value, expected))
    return None


def _strict_boolean(value):
    return boolean(value, strict=True)


_CONVERTERS = {
    'bool': ('a boolean: use true or false', _strict_boolean),
    'int': ('an integer', int),
    'float': ('a number', float),
}


def missing_message(name):
    """The message for a required option that is neither given nor in its environment variable."""
    return "missing required option '%s' (or environment variable %s)" % (name, ENV_VARS[name])


# What ConnectionConfig takes, and the value of each option left out
_OPTION_DEFAULTS = dict(url=None, tenant_id=None, client_id=None, client_secret=None, access_token=None,
                        validate_certs=True, ca_path=None, timeout=DEFAULTS['timeout'], token_path=DEFAULT_TOKEN_PATH,
                        max_retries=DEFAULTS['max_retries'], max_wait=DEFAULT_MAX_WAIT)


class ConnectionConfig:
    """Where and how to reach one OpsRamp tenant: every connection option, checked.

    Built from keyword arguments (``ConnectionConfig(url=..., tenant_id=...)``) or from ``module.params``
    (``from_params``); raises ``ValidationError`` naming the option when a value is wrong.
    """

    def __init__(self, **options):
        unknown = sorted(set(options) - set(_OPTION_DEFAULTS))
        if unknown:
            raise TypeError('unknown connection options: %s' % ', '.join(unknown))
        given = dict(_OPTION_DEFAULTS, **options)
        self.url = _check_url(given['url'])
        self.tenant_id = _check_required('tenant_id', given['tenant_id'])
        self.client_id, self.client_secret, self.access_token = _check_credentials(
            given['client_id'], given['client_secret'], given['access_token'])
        self.timeout = _check_number('timeout', given['timeout'], float, 'a number of seconds greater than 0',
                                     lambda number: number > 0)
        self.max_retries = _check_number('max_retries', given['max_retries'], int, 'an integer, 0 or more',
                                         lambda number: number >= 0)
        self.max_wait = _check_number('max_wait', given['max_wait'], float, 'a number of seconds, 0 or more',
                                      lambda number: number >= 0)
        self.token_path = '/' + (given['token_path'] or DEFAULT_TOKEN_PATH).lstrip('/')
        self.validate_certs = truthy(given['validate_certs'])
        self.ca_path = given['ca_path'] or None
        if self.validate_certs and self.ca_path and not os.path.isfile(self.ca_path):
            raise ValidationError("ca_path '%s' is not a readable file" % self.ca_path, option='ca_path')

    @classmethod
    def from_params(cls, params, **overrides):
        """The configuration of ``module.params`` (environment fallbacks applied; a None takes the default)."""
        options = {}
        for name in ENV_VARS:
            value = params.get(name)
            options[name] = DEFAULTS.get(name) if value is None else value
        options.update(overrides)
        return cls(**options)

    @property
    def verify(self):
        """What ``requests`` takes as ``verify``: the CA file, or whether to check certificates at all."""
        return self.ca_path if self.validate_certs and self.ca_path else self.validate_certs

    @property
    def can_fetch_tokens(self):
        return bool(self.client_id and self.client_secret)

    def warnings(self):
        """What is unsafe about this configuration, for the task's warnings: a secret sent in clear over the
        network, or TLS certificates not checked. Plain http to this machine (the simulator, a local tunnel or
        proxy) never leaves it, so it is not warned about: a warning on every task there would teach users to
        ignore it."""
        parts = urlsplit(self.url)
        if parts.scheme == 'http' and not _is_loopback(parts.hostname):
            secret = 'the access token crosses' if self.access_token else 'the client secret and the tokens cross'
            return ['url %s is plain http: %s the network unencrypted, readable by anyone on the way; use https'
                    % (self.url, secret)]
        if parts.scheme == 'https' and not self.validate_certs:
            return ['TLS certificate validation is disabled (validate_certs=false): the connection to %s is not '
                    'protected against interception; use this for testing only' % self.url]
        return []

    def summary(self):
        """The options that say where and as whom, for a repr: never the secret or the token."""
        auth = 'access_token' if self.access_token else 'client_credentials'
        return 'url=%r, tenant_id=%r, client_id=%r, auth=%r, validate_certs=%r' % (
            self.url, self.tenant_id, self.client_id, auth, self.validate_certs)

    def __repr__(self):
        return '%s(%s)' % (type(self).__name__, self.summary())


def _check_required(name, value):
    value = '' if value is None else str(value).strip()
    if not value:
        raise ValidationError(missing_message(name), option=name)
    return value


def _check_url(url):
    url = _check_required('url', url).rstrip('/')
    parts = urlsplit(url)
    if parts.scheme not in ('http', 'https') or not parts.netloc:
        raise ValidationError("url '%s' is not an http(s) URL with a host, for example https://acme.api.opsramp.com"
                              % url, option='url')
    if '@' in parts.netloc:  # never let a password in the URL reach a message
        raise ValidationError('url must not contain a user name or password; use client_id and client_secret',
                              option='url')
    if parts.query or parts.fragment:
        raise ValidationError("url '%s' must not carry a query or a fragment" % url, option='url')
    api_path = _API_PATH.search(parts.path)
    if api_path:
        base = urlunsplit((parts.scheme, parts.netloc, parts.path[:api_path.start()], '', ''))
        raise ValidationError("url '%s' must be the base URL of the API, without the API path: drop '%s' (url: %s); "
                              "the collection appends /api/v2/... itself" % (url, api_path.group(0), base),
                              option='url')
    return url


def _is_loopback(host):
    if host == 'localhost':
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _check_credentials(client_id, client_secret, access_token):
    if access_token:
        return client_id or None, client_secret or None, access_token
    if client_id and client_secret:
        return client_id, client_secret, None
    if client_id:
        raise ValidationError("missing option 'client_secret' (or environment variable %s): it is required with "
                              "client_id" % ENV_VARS['client_secret'], option='client_secret')
    if client_secret:
        raise ValidationError("missing option 'client_id' (or environment variable %s): it is required with "
                              "client_secret" % ENV_VARS['client_id'], option='client_id')
    raise ValidationError('no credentials: give access_token (or environment variable %s), or both client_id and '
                          'client_secret (or environment variables %s and %s)'
                          % (ENV_VARS['access_token'], ENV_VARS['client_id'], ENV_VARS['client_secret']),
                          option='client_id')


def _check_number(name, value, kind, expected, valid):
    try:
        number = kind(value)
    except (TypeError, ValueError):
        number = None
    if number is None or not valid(number) or number == float('inf'):
        raise ValidationError("option '%s' must be %s, got %r" % (name, expected, value), option=name)
    return number
