# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one place where a module is built, its client made, and errors become ``fail_json``."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from urllib.parse import urlsplit

from ansible.module_utils.basic import AnsibleFallbackNotFound, AnsibleModule

from ansible_collections.opsramp.automation.plugins.module_utils.arguments import connection_argument_spec
from ansible_collections.opsramp.automation.plugins.module_utils.client import Client
from ansible_collections.opsramp.automation.plugins.module_utils.errors import OpsRampError
from ansible_collections.opsramp.automation.plugins.module_utils.transport import fail_if_missing_requests


class _OpsRampModule(AnsibleModule):
    """An AnsibleModule that knows the secret values before it validates the options.

    ansible-core collects no_log values while it validates: an option with suboptions given a value of the wrong
    shape stops that early, and the failure then echoes ``client_secret`` in ``invocation.module_args``.
    """

    _shape_error = None

    def __init__(self, *args, **kwargs):
        super(_OpsRampModule, self).__init__(*args, **kwargs)
        self._shape_error = None  # validation passed: ansible-core accepted the value (JSON text for a dict, say)

    def _load_params(self):
        super(_OpsRampModule, self)._load_params()
        self.no_log_values.update(secret_values(self.argument_spec, self.params))
        self._shape_error = shape_error(self.argument_spec, self.params)

    def fail_json(self, msg, **kwargs):
        # ansible-core's own message for such a value ("dictionary requested, ...") does not name the option
        super(_OpsRampModule, self).fail_json(msg=self._shape_error or msg, **kwargs)


def secret_values(spec, params):
    """The values of the no_log options in raw ``params`` (environment fallbacks included), and a password in url."""
    values = set()
    for name, entry in spec.items():
        value = params.get(name) if isinstance(params, dict) else None
        if value is None and entry.get('no_log') and entry.get('fallback'):
            value = _fallback_value(entry['fallback'])
        if entry.get('no_log') and isinstance(value, (str, int, float)) and str(value):
            values.add(str(value))
        for item in (value if isinstance(value, list) else [value]):
            if entry.get('options') and isinstance(item, dict):
                values.update(secret_values(entry['options'], item))
    url = params.get('url') if isinstance(params, dict) else None
    password = urlsplit(url).password if isinstance(url, str) else None
    if password:
        values.add(password)
    return values


def shape_error(spec, params, prefix=''):
    """A message naming the first option with suboptions whose value is not a dict (or a list of dicts), or None."""
    for name, entry in spec.items():
        value = params.get(name) if isinstance(params, dict) else None
        if value is None or not entry.get('options'):
            continue
        path = prefix + name
        if entry.get('type', 'dict') == 'dict':
            items = [(path, value)]
        elif isinstance(value, list):
            items = [('%s[%d]' % (path, index), item) for index, item in enumerate(value)]
        else:
            return '%s: must be a list of dicts, got %s' % (path, type(value).__name__)
        for item_path, item in items:
            if not isinstance(item, dict):
                return '%s: must be a dict of options, got %s' % (item_path, type(item).__name__)
            nested = shape_error(entry['options'], item, item_path + '.')
            if nested:
                return nested
    return None


def _fallback_value(fallback):
    strategy, args = fallback[0], fallback[1] if len(fallback) > 1 else []
    try:
        return strategy(*args)
    except AnsibleFallbackNotFound:
        return None


def run_module(argument_spec, run, **module_kwargs):
    """Build the module from the connection options plus ``argument_spec``, call ``run(module, client)``.

    ``run`` returns the result dict for ``exit_json``; any ``OpsRampError`` it raises becomes ``fail_json``.
    The client makes no request until ``run`` asks for one, so ``run`` can validate its options first.
    """
    spec = connection_argument_spec()
    spec.update(argument_spec)
    module_kwargs.setdefault('supports_check_mode', True)
    module = _OpsRampModule(argument_spec=spec, **module_kwargs)
    fail_if_missing_requests(module)
    try:
        client = Client.from_params(module.params, warn=module.warn)
        result = run(module, client)
    except OpsRampError as error:
        module.fail_json(**error.to_fail_kwargs())
    module.exit_json(**result)
