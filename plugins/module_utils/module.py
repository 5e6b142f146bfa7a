# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one place where a module is built, its client made, and errors become ``fail_json``."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
from urllib.parse import urlsplit

from ansible.module_utils.basic import AnsibleFallbackNotFound, AnsibleModule, missing_required_lib
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.opsramp.automation.plugins.module_utils._engine.options import (
    connection_argument_spec, element_label, naming)
from ansible_collections.opsramp.automation.plugins.module_utils._engine.secrets import hide_in_error, redact
from ansible_collections.opsramp.automation.plugins.module_utils._http.client import Client
from ansible_collections.opsramp.automation.plugins.module_utils._http.config import environment_error
from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import OpsRampError
from ansible_collections.opsramp.automation.plugins.module_utils._http.transport import HAS_REQUESTS, REQUESTS_IMPORT_ERROR

NO_LOG_MASK = 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER'  # what Ansible returns for a no_log option


class _OpsRampModule(AnsibleModule):
    """An AnsibleModule that knows the secret values before it validates the options, and hides script parameter
    values by field rather than by substring.

    ansible-core collects no_log values while it validates: an option with suboptions given a value of the wrong
    shape stops that early, and the failure then echoes ``client_secret`` in ``invocation.module_args``.
    ansible-core also masks every no_log value as a substring of every result field: a sensitive parameter value
    "30" would garble ids and dates. So the values of no_log suboptions found in their place (``hidden_by_field``)
    are masked there, in the invocation; the results mask them by field (module_utils/_engine/secrets.py), and messages
    are redacted (``in_text``). Values not found in their place keep Ansible's substring masking.
    """

    _shape_error = None
    _validating = False
    _raw_params = None

    def __init__(self, *args, **kwargs):
        super(_OpsRampModule, self).__init__(*args, **kwargs)
        # validation passed: ansible-core accepted the values (JSON text for a dict, say)
        self._validating, self._raw_params = False, None

    def _load_params(self):
        super(_OpsRampModule, self)._load_params()
        self.no_log_values.update(secret_values(self.argument_spec, self.params))
        self._shape_error = shape_error(self.argument_spec, self.params) or environment_error(self.params)
        self._raw_params = dict(self.params)  # validation replaces the values with validated copies (None filled in)
        self._validating = True

    @property
    def in_text(self):
        """Every secret value, for redacting free text (messages, warnings)."""
        return hidden_by_field(self.argument_spec, self.params) | self.no_log_values

    def _by_field(self, kwargs):
        """``kwargs`` with the invocation masked by field, parameter values taken out of substring masking."""
        secrets = self.in_text
        self.no_log_values.difference_update(hidden_by_field(self.argument_spec, self.params))
        kwargs.setdefault('invocation', dict(module_args=masked_args(self.argument_spec, self.params)))
        if 'msg' in kwargs:
            kwargs['msg'] = redact(kwargs['msg'], secrets)
        return kwargs

    def exit_json(self, **kwargs):
        super(_OpsRampModule, self).exit_json(**self._by_field(kwargs))

    def fail_json(self, msg, **kwargs):
        if self._validating:
            # ansible-core's own messages name neither the option given a value of the wrong shape ("dictionary
            # requested, ...") nor the list element whose option is wrong ("found in jobs -> schedule")
            msg = self._shape_error or element_error(self.argument_spec, self._raw_params, msg)
        super(_OpsRampModule, self).fail_json(**self._by_field(dict(kwargs, msg=msg)))


def secret_values(spec, params):
    """The values of the no_log options in raw ``params`` (environment fallbacks included), and a password in url."""
    values = set(str(value) for value in _no_log_values(spec, params))
    values.update(_fallback_secrets(spec, params))
    url = params.get('url') if isinstance(params, dict) else None
    password = urlsplit(url).password if isinstance(url, str) else None
    if password:
        values.add(password)
    return values


def _no_log_slots(spec, params):
    """``(dict, key)`` of each no_log option given in ``params``, in suboptions and list elements too."""
    if not isinstance(params, dict):
        return
    for name, entry in spec.items():
        value = params.get(name)
        if entry.get('no_log') and isinstance(value, (str, int, float)) and str(value):
            yield params, name
        if entry.get('options'):
            for item in (value if isinstance(value, list) else [value]):
                yield from _no_log_slots(entry['options'], item)


def _no_log_values(spec, params):
    return [container[name] for container, name in _no_log_slots(spec, params)]


def _fallback_secrets(spec, params):
    """The environment values of the no_log options that ``params`` leaves out (they are applied later)."""
    given = params if isinstance(params, dict) else {}
    values = set()
    for name, entry in spec.items():
        if entry.get('no_log') and entry.get('fallback') and given.get(name) is None:
            value = _fallback_value(entry['fallback'])
            if value is not None and str(value):
                values.add(str(value))
    return values


def masked_args(spec, params):
    """A copy of ``params`` where every no_log option, nested ones included, shows as Ansible shows a no_log value."""
    masked = copy.deepcopy(params)
    for container, name in list(_no_log_slots(spec, masked)):
        container[name] = NO_LOG_MASK
    return masked


def hidden_by_field(spec, params):
    """The values of no_log suboptions (script parameter values): Ansible masks no_log values as substrings
    anywhere in a result, which corrupts ids and dates (module_utils/_engine/secrets.py); these are masked by field instead.
    """
    top_level = dict((name, dict(entry, options=None)) for name, entry in spec.items())
    return secret_values(spec, params) - secret_values(top_level, params)


def shape_error(spec, params, prefix=''):
    """A message naming the first option with suboptions whose value is not a dict (or a list of dicts), or None.
    The message about an element of a top-level list names the element too (``naming``)."""
    for name, entry in spec.items():
        value = params.get(name) if isinstance(params, dict) else None
        if value is None or not entry.get('options'):
            continue
        path = prefix + name
        if entry.get('type', 'dict') == 'dict':
            error = _item_shape_error(entry, path, value)
        elif isinstance(value, list):
            error = _list_shape_error(entry, path, value, name_elements=not prefix)
        else:
            error = '%s: must be a list of dicts, got %s' % (path, type(value).__name__)
        if error:
            return error
    return None


def _item_shape_error(entry, path, item):
    if not isinstance(item, dict):
        return '%s: must be a dict of options, got %s' % (path, type(item).__name__)
    return shape_error(entry['options'], item, path + '.')


def _list_shape_error(entry, path, items, name_elements):
    for index, item in enumerate(items):
        item_path = '%s[%d]' % (path, index)
        error = _item_shape_error(entry, item_path, item)
        if error:
            return naming(error, (item_path, item)) if name_elements and isinstance(item, dict) else error
    return None


def element_error(spec, params, msg):
    """``msg``, ansible-core's validation failure, followed by the label of the top-level list element it is about
    (``element_label``), found by validating each element alone; else ``msg`` as it is."""
    for name, entry in spec.items():
        value = params.get(name)
        if entry.get('type') != 'list' or not entry.get('options') or not isinstance(value, list):
            continue
        validator = ArgumentSpecValidator({name: entry})
        for index, element in enumerate(value):
            messages = validator.validate({name: [element]}).error_messages
            if messages and messages[0] in msg and isinstance(element, dict):
                return '%s (%s)' % (msg, element_label('%s[%d]' % (name, index), element))
    return msg


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
    if not HAS_REQUESTS:
        module.fail_json(msg=missing_required_lib('requests'), exception=REQUESTS_IMPORT_ERROR)
    in_text = module.in_text
    try:
        client = Client.from_params(module.params, warn=lambda message: module.warn(redact(message, in_text)))
        result = run(module, client)
    except OpsRampError as error:
        module.fail_json(**hide_in_error(error, in_text).to_fail_kwargs())
    module.exit_json(**result)
