# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Scalar readers shared by the job model: how one value OpsRamp sends (in any of its spellings) is read.

Each reader keeps a value it does not understand as it is, so an unexpected server value compares as different
instead of failing. The spellings come from docs/api-behaviour.md §7.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible.module_utils.parsing.convert_bool import BOOLEANS_FALSE, BOOLEANS_TRUE

BOOLEANS = frozenset(text for text in BOOLEANS_TRUE | BOOLEANS_FALSE if isinstance(text, str))


def enum_key(value):
    """'Run Once', 'run_once', 'RUN-ONCE' -> 'runonce': how enum values are matched regardless of case and spacing."""
    return re.sub(r'[\s_-]+', '', str(value)).lower()


def enum_reader(mapping):
    """Lookup from the squashed form of both the option values and the API values to the option value."""
    lookup = {}
    for option_value, api_value in mapping.items():
        lookup[enum_key(option_value)] = option_value
        lookup[enum_key(api_value)] = option_value
    return lookup


def read_enum(value, reader):
    """An option value for a server value; an unknown one comes back lower-cased, so it compares as different."""
    return reader.get(enum_key(value), str(value).strip().lower())


def read_bool(value):
    """true, "true", "True", 1, "1" -> True (api-behaviour §7), and every other spelling Ansible takes for a boolean
    ("on", "y"...), so that an exported value means the same once Ansible has read it; anything else is kept."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in BOOLEANS:
        return value.strip().lower() in BOOLEANS_TRUE
    return value


def read_int(value):
    """2, "2", 2.0 -> 2 (api-behaviour §7); anything unexpected is kept."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.match(r'^\s*[+-]?\d+\s*$', value):
        return int(value)
    return value


def text(value):
    """Ids and free text as strings: customScript.id 7 and "7" are the same script (api-behaviour §7)."""
    if value is None:
        return ''
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def split_items(value):
    """weekDays / dayOfMonth as the server may send them: "Sunday, Tuesday", "1,2", a list, or a single number."""
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        items = [text(item).strip() for item in value]
    else:
        items = [item.strip() for item in text(value).split(',')]
    return [item for item in items if item]


def is_given(value):
    """A value a task or the server really gives: not missing, null, empty text or an empty list."""
    return value is not None and value != '' and value != []


def as_dict(value):
    return value if isinstance(value, dict) else {}


def number_first_key(value):
    """Sort key putting numeric ids in numeric order before the others: '2' < '10' < 'x'."""
    value = text(value)
    number = int(value) if re.match(r'^[0-9]+$', value) else None
    return (number is None, number or 0, value)
