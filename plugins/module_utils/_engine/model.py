# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A resource's model: its table of options (``fields.py``) and what is derived from it.

The canonical shape is written in the task's terms (``schedule.week_days``...), JSON-serialisable and deterministic:
lists that are really sets are deduplicated and sorted. From the fields come:

* ``desired``: the canonical desired state (only what the task manages);
* ``current``: the canonical state of an object as OpsRamp returns it, every known server rewrite undone;
* ``overlay``: the request body, the managed fields laid over an object (nothing else touched);
* ``request_style``: a returned object in the form a request takes (native JSON types, read-only enrichments dropped);
* ``option_problems``: the value checks of the validators.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

from ansible_collections.opsramp.automation.plugins.module_utils._engine import options as rendering
from ansible_collections.opsramp.automation.plugins.module_utils._engine.fields import Section, fields_of
from ansible_collections.opsramp.automation.plugins.module_utils._engine.paths import (
    get_path, has_path, object_at, objects_at, set_path)
from ansible_collections.opsramp.automation.plugins.module_utils._engine.values import as_dict, is_given


class Model:
    """The model of one resource.

    ``options`` is its table (options, fields and sections, in the order the documentation shows them);
    ``read_only_keys`` the enrichments OpsRamp adds to an object it returns, as ``(path, keys)`` pairs: dropped
    before an object is sent back, never compared.
    """

    def __init__(self, options, read_only_keys=()):
        self.options = tuple(options)
        self.fields = fields_of(self.options)
        self.sections = dict((option.name, option) for option in self.options if isinstance(option, Section))
        self.read_only_keys = tuple(read_only_keys)

    @property
    def sensitive_fields(self):
        return tuple(field for field in self.fields if field.sensitive)

    def argument_spec(self):
        return rendering.argument_spec(self.options)

    def doc(self):
        return rendering.option_docs(self.options)

    # ------------------------------------------------------------------------------------------------ task side

    def desired(self, params):
        """The canonical form of what the task manages: only the options it gives (None = not managed).

        A given section manages its fields that apply (``Field.when``): those that do not are None, "must be absent".
        """
        state = dict((name, {}) for name in self.sections if params.get(name) is not None)
        for field in self.fields:
            if field.internal or (field.section is not None and params.get(field.section) is None):
                continue
            value = get_path(params, field.option)
            if field.when is not None:
                applies = is_given(value) and field.when(params[field.section])
                set_path(state, field.option, field.kind.desired(value) if applies else None)
            elif value is not None:
                set_path(state, field.option, field.kind.desired(value))
        return state

    def option_problems(self, params):
        """(option path, problem) for the first option value a field's kind refuses, or None."""
        for field in self.fields:
            if field.section is not None and not isinstance(params.get(field.section), dict):
                continue
            value = get_path(params, field.option)
            if value is None or (field.when is not None and value == []):
                continue
            problem = field.kind.problem(value)
            if problem:
                return field.path, problem
        return None

    # ------------------------------------------------------------------------------------------------ API side

    def current(self, api_object):
        """The canonical form of an object as OpsRamp returns it; what it lacks is left out (a search result may lack
        fields). ``api_object`` is not modified."""
        obj = as_dict(api_object)
        state = {}
        for field in self.fields:
            value = self._current_value(obj, field, state)
            if value is not None:
                set_path(state, field.option, value)
        return state

    def _current_value(self, obj, field, state):
        if field.section is not None and not isinstance(get_path(obj, self.sections[field.section].api), dict):
            return None
        if field.when is not None and not field.when(as_dict(state.get(field.section))):
            return None
        raw = _first_given(obj, field.reads)
        if raw is not None:
            return field.kind.current(raw)
        if callable(field.absent):
            return field.absent(obj)
        if field.section is None and 'id' not in obj:
            return None  # a top-level field a partial answer leaves out says nothing; a stored object's absence is its value
        return field.absent

    def overlay(self, obj, desired, now):
        """``obj`` (a request body, modified in place) with every field ``desired`` manages written over it.

        A field managed as None is removed, in every spelling. Nothing ``desired`` does not manage is touched.
        """
        for name, section in self.sections.items():
            if name in desired:
                object_at(obj, section.api)
        for field in self.fields:
            if has_path(desired, field.option) and not field.internal:
                _write(obj, field, get_path(desired, field.option), now)
        return obj

    def request_style(self, api_object):
        """A deep copy of an object as OpsRamp returned it, in the form a request takes (api-behaviour §3, §6, §7).

        The read-only enrichments are dropped, the managed fields get their native JSON types and their preferred
        spelling, and everything else is kept as it is, at every depth.
        """
        obj = copy.deepcopy(as_dict(api_object))
        for field in self.fields:
            if field.kind.native is not None:
                _native(obj, field)
        for path, keys in self.read_only_keys:
            for container in objects_at(obj, path):
                for key in keys:
                    container.pop(key, None)
        return obj


def _first_given(obj, paths):
    for path in paths:
        value = get_path(obj, path)
        if value is not None and value != '':
            return value
    return None


def _write(obj, field, value, now):
    parent = object_at(obj, field.parent)
    key = _write_key(field, parent)
    if value is None:
        for stale in field.keys + tuple(field.also_write):
            parent.pop(stale, None)
        return
    parent[key] = field.kind.to_api(value, parent.get(key), now)
    parent.update(field.also_write)


def _write_key(field, parent):
    if field.write_as_stored:
        for key in field.keys:
            if key in parent:
                return key
    return field.keys[0]


def _native(obj, field):
    parent = get_path(obj, field.parent)
    if not isinstance(parent, dict):
        return
    present = [key for key in field.keys if key in parent]
    if not present:
        return
    raw = parent[present[0]]
    for key in present:
        del parent[key]
    parent[present[0] if field.write_as_stored else field.keys[0]] = field.kind.native(raw)
