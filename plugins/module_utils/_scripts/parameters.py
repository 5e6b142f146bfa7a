# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A script's parameters: an ordered list (the script receives them in that order), each with a name, a description,
a default, whether it is required and its data type (api-behaviour §20.2).

A PASSWORD parameter's default is a secret. OpsRamp's read shows it masked, or not at all (§20.9), so it is never
compared with a read and never sent back from one: the task's own default is sent with every write, and with
``update_password: on_create`` (the default) a changed PASSWORD default alone is not a change.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

from ansible_collections.opsramp.automation.plugins.module_utils._engine.kinds import Kind
from ansible_collections.opsramp.automation.plugins.module_utils._engine.values import as_dict, read_enum, enum_reader, text
from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import REDACTED

DATA_TYPES = {'string': 'STRING', 'integer': 'INTEGER', 'password': 'PASSWORD'}
_DATA_TYPE = enum_reader(DATA_TYPES)


def is_password(parameter):
    """Whether a parameter (canonical, or as the API holds it) is a PASSWORD one."""
    parameter = as_dict(parameter)
    value = parameter.get('data_type', parameter.get('dataType'))
    return value is not None and read_enum(value, _DATA_TYPE) == 'password'


class ScriptParameters(Kind):
    """The parameters, in order; a PASSWORD default is compared only when the task asks for it (``secret``)."""
    spec = dict(type='list', elements='dict')

    def desired(self, value):
        return [_without_unset_password(_canonical(dict(
            name=item.get('name'), description=item.get('description'), default=item.get('default'),
            required=item.get('required'), data_type=item.get('data_type'))), item)
            for item in value or [] if isinstance(item, dict)]

    def current(self, raw):
        if not isinstance(raw, list):
            return None
        parameters = []
        for item in raw:
            item = as_dict(item)
            parameter = _canonical(dict(name=item.get('name'), description=item.get('description'),
                                        default=item.get('defaultValue'), data_type=item.get('dataType'),
                                        required=text(item.get('type')).strip().upper() == 'REQUIRED'))
            if parameter['data_type'] == 'password':
                parameter.pop('default')  # masked or left out in reads: says nothing of the value (§20.9)
            parameters.append(parameter)
        return parameters

    def to_api(self, value, stored, now):
        """Each parameter as the API takes it, with the id it has (matched by name: api-behaviour §20.4)."""
        ids = dict((item.get('name'), item.get('id')) for item in stored or [] if isinstance(item, dict))
        return [_api_parameter(parameter, ids.get(parameter['name'])) for parameter in value]

    def secret_values(self, value, hide):
        return [parameter.get('default') for parameter in value or [] if is_password(parameter)]

    def secret_values_api(self, raw, hide):
        """The PASSWORD defaults a read shows in clear (OpsRamp may: api-behaviour §20.9), which ``current`` leaves
        out: the value stored is as secret as the task's, and an error may echo it."""
        if not isinstance(raw, list):
            return []
        return [as_dict(item).get('defaultValue') for item in raw
                if is_password(item) and as_dict(item).get('defaultValue') not in (None, '', REDACTED)]

    def masked(self, value, hide):
        return _masked(value, 'default')

    def masked_api(self, raw, hide):
        return _masked(raw, 'defaultValue')


def _canonical(parameter):
    data_type = parameter.get('data_type')
    return dict(name=text(parameter.get('name')), description=text(parameter.get('description')),
                default=text(parameter.get('default')), required=bool(parameter.get('required')),
                data_type=read_enum(data_type, _DATA_TYPE) if data_type not in (None, '') else 'string')


def _without_unset_password(parameter, given):
    """A PASSWORD parameter the task gives no default: none is managed (a read never shows one to compare, §20.9)."""
    if parameter['data_type'] == 'password' and given.get('default') is None:
        del parameter['default']
    return parameter


def _api_parameter(parameter, parameter_id):
    body = dict(name=parameter['name'], description=parameter['description'],
                type='REQUIRED' if parameter['required'] else 'OPTIONAL',
                dataType=DATA_TYPES.get(parameter['data_type'], parameter['data_type']))
    if 'default' in parameter:
        body['defaultValue'] = parameter['default']
    if parameter_id is not None:
        body['id'] = parameter_id
    return body


def _masked(parameters, key):
    if not isinstance(parameters, list) or not any(is_password(item) and as_dict(item).get(key) not in (None, '')
                                                   for item in parameters):
        return parameters
    parameters = copy.deepcopy(parameters)
    for item in parameters:
        if is_password(item) and item.get(key) not in (None, ''):
            item[key] = REDACTED
    return parameters
