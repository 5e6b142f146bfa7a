# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A custom job's script parameters: the ``custom_script.parameters`` field's kind, and how their values stay secret.

Each parameter is an id with a value or an iTOP macro (api-behaviour §12), compared as a set by id. A task that marks
any parameter ``sensitive`` hides every parameter value of the job: a task cannot mark one list element ``no_log``,
so Ansible hides them all in the invocation, and the results do the same (``_engine/secrets.py``).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

from ansible.module_utils.parsing.convert_bool import boolean

from ansible_collections.opsramp.automation.plugins.module_utils._engine.kinds import Kind, stored_first
from ansible_collections.opsramp.automation.plugins.module_utils._engine.values import as_dict, number_first_key, text
from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import REDACTED


class Parameters(Kind):
    """Script parameters: each an id with a value or a macro, compared as a set by id; values secret when asked."""
    spec = dict(type='list', elements='dict')

    def desired(self, value):
        return canonical_parameters(value)

    def current(self, raw):
        return canonical_parameters(raw) if isinstance(raw, list) else None

    def native(self, raw):
        return [_request_parameter(parameter) for parameter in raw] if isinstance(raw, list) else raw

    def to_api(self, value, stored, now):
        wanted = dict((parameter['id'], parameter) for parameter in value)
        pairs = stored_first([parameter['id'] for parameter in value], stored, lambda item: text(item.get('paramId')))
        return [_parameter_body(wanted[key], item or {}) for key, item in pairs]

    def secret_values(self, value, hide):
        return [parameter.get('value') for parameter in value or [] if isinstance(parameter, dict)] if hide else []

    def masked(self, value, hide):
        return _masked_values(value) if hide else value

    def masked_api(self, raw, hide):
        return _masked_values(raw) if hide else raw


def canonical_parameters(parameters):
    """Script parameters as {'id', 'value'} or {'id', 'macro'}, sorted by id (numerically when ids are numbers)."""
    result = []
    for parameter in parameters or []:
        parameter = as_dict(parameter)
        parameter_id = text(parameter['id'] if 'id' in parameter else parameter.get('paramId'))
        macro = parameter.get('macro', as_dict(parameter.get('itopMacro')).get('id'))
        if macro is not None:
            result.append({'id': parameter_id, 'macro': text(macro)})
        else:
            result.append({'id': parameter_id, 'value': text(parameter.get('value'))})
    return sorted(result, key=lambda p: number_first_key(p['id']) + (p.get('value', ''), p.get('macro', '')))


def _request_parameter(parameter):
    if not isinstance(parameter, dict):
        return parameter
    parameter = dict(parameter)
    if 'paramId' in parameter:
        parameter['paramId'] = text(parameter['paramId'])
    if 'itopMacro' in parameter and parameter.get('value') is None:
        parameter.pop('value', None)  # "value or itopMacro" (api-behaviour §12): a null value beside a macro is no value
    return parameter


def _parameter_body(parameter, stored):
    """The request form of one parameter: the stored one (keeping what it holds) with its value or macro set."""
    body = dict(stored, paramId=parameter['id'])
    if 'macro' in parameter:
        body.pop('value', None)
        body['itopMacro'] = dict(as_dict(body.get('itopMacro')), id=parameter['macro'])
    else:
        body.pop('itopMacro', None)
        body['value'] = parameter['value']
    return body


def _masked_values(parameters):
    if not isinstance(parameters, list):
        return parameters
    parameters = copy.deepcopy(parameters)
    for parameter in parameters:
        if isinstance(parameter, dict) and parameter.get('value') not in (None, ''):
            parameter['value'] = REDACTED
    return parameters


# ---------------------------------------------------------------------------------------------------- the task

def declares_sensitive_parameters(raw_params):
    """Whether the task's options (raw: before validation) mark any script parameter sensitive."""
    custom_script = (raw_params or {}).get('custom_script')
    parameters = custom_script.get('parameters') if isinstance(custom_script, dict) else None
    return isinstance(parameters, list) and any(
        isinstance(parameter, dict) and _marked_sensitive(parameter.get('sensitive', False)) for parameter in parameters)


def _marked_sensitive(value):
    """A value that is not a boolean counts as sensitive: validation rejects it later, but its failure echoes it."""
    try:
        return boolean(value, strict=True)
    except TypeError:
        return True


def hide_parameter_values(spec):
    """The job argument spec ``spec`` with every parameter value ``no_log`` (modified in place)."""
    spec['custom_script']['options']['parameters']['options']['value']['no_log'] = True
    return spec
