# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Kinds of fields: how a value of each kind converts both ways, compares, is checked, is typed and stays secret.

A kind converts one field's values: ``desired`` (option -> canonical), ``current`` (API -> canonical), ``to_api``
(canonical -> API, given the stored API value), ``native`` (a stored API value -> the type a request takes; None
when stored values are sent back untouched) and ``problem`` (what is wrong with an option value, or None). It also
says how the option is typed (``spec``: the argument spec's type, elements and choices) and, for a kind whose values
may be secret, which values to hide (``secret_values``, ``secret_values_api``, ``masked``, ``masked_api``).
Comparison happens on the canonical forms: sets are sorted lists, case-insensitive values are folded.

The kinds here serve any resource; a resource's own kinds (days of the week, script parameters...) live with it.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.opsramp.automation.plugins.module_utils._engine.values import (
    enum_reader, read_bool, read_enum, read_int, text)


class Kind:
    native = None
    spec = dict(type='str')

    def desired(self, value):
        return value

    def current(self, raw):
        return raw

    def to_api(self, value, stored, now):
        return value

    def problem(self, value):
        return None

    def secret_values(self, value, hide):
        """The secrets a canonical value holds (``hide``: the task asks for its values to be hidden)."""
        return ()

    def secret_values_api(self, raw, hide):
        """The secrets a value as OpsRamp holds it shows where its canonical form (``current``) leaves them out."""
        return ()

    def masked(self, value, hide):
        """A canonical value with its secrets masked."""
        return value

    def masked_api(self, raw, hide):
        """A value as OpsRamp holds it, with its secrets masked."""
        return raw


class Text(Kind):
    """Free text or an id, compared exactly as text (ids may come back as numbers, api-behaviour §7)."""

    def __init__(self, blank=True, as_text_on_send=False):
        self.blank = blank
        if as_text_on_send:
            self.native = text

    def desired(self, value):
        return text(value)

    def current(self, raw):
        return text(raw)

    def problem(self, value):
        return None if self.blank or text(value).strip() else 'must not be empty'


class Flag(Kind):
    """A boolean; "true", 1 and true are the same (api-behaviour §7)."""
    native = staticmethod(read_bool)
    spec = dict(type='bool')

    def desired(self, value):
        return read_bool(value)

    def current(self, raw):
        return read_bool(raw)


class Count(Kind):
    """A whole number of at least 1 (``unit``: of what, in messages)."""
    native = staticmethod(read_int)
    spec = dict(type='int')

    def __init__(self, unit):
        self.unit = unit

    def current(self, raw):
        return read_int(raw)

    def problem(self, value):
        if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
            return None
        return 'must be a whole number of %s, 1 or more, not %r' % (self.unit, value)


class Choice(Kind):
    """An enumeration: option values map to API values; read in any case and spacing, numbers from text."""

    def __init__(self, mapping, numeric=False):
        self.mapping, self.numeric, self.reader = mapping, numeric, enum_reader(mapping)
        self.spec = dict(type='str', choices=list(mapping))
        if numeric:
            self.native = read_int

    def current(self, raw):
        return read_enum(read_int(raw) if self.numeric else raw, self.reader)

    def to_api(self, value, stored, now):
        return self.mapping.get(value, value)

    def problem(self, value):
        return None if value in self.mapping else '%r is not one of %s' % (value, ', '.join(self.mapping))


def stored_first(wanted_keys, stored, key_of):
    """(key, stored item or None) per wanted key: the items the object holds first, in its order, then the new ones.

    Keeping the stored order sends back what OpsRamp holds unchanged when the set has not changed (a job's entities
    and script parameters).
    """
    found, pairs = set(), []
    for item in stored if isinstance(stored, list) else []:
        key = key_of(item) if isinstance(item, dict) else None
        if key in wanted_keys and key not in found:
            found.add(key)
            pairs.append((key, item))
    return pairs + [(key, None) for key in wanted_keys if key not in found]
