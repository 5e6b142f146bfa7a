# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What a diff shows beside an id the task named otherwise: ``core-sw-01 (709824de-...)``.

A task may name a resource by its name, host name or IP address; the collection resolves the name to the id OpsRamp
stores, and the diff shows the id after the name it was found by.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy


class Labels:
    """For option paths (``entities[].id``: '[]' for each item of a list), the label of each value there."""

    def __init__(self):
        self._by_path = {}

    def __bool__(self):
        return any(self._by_path.values())

    def add(self, path, value, label):
        """Show ``value`` at ``path`` as ``label (value)``; the first label given for a value stays."""
        self._by_path.setdefault(path, {}).setdefault(value, label)

    def of(self, path):
        """``{value: label}`` at ``path``."""
        return dict(self._by_path.get(path, {}))

    def apply(self, diff):
        """``diff`` (``{'before', 'after'}`` of canonical states) with the labelled values shown with their label."""
        if not self or not diff:
            return diff
        return dict((side, self._labelled(state)) for side, state in diff.items())

    def _labelled(self, state):
        state = copy.deepcopy(state)
        for path, labels in self._by_path.items():
            _relabel(state, path.replace('[]', '.[]').split('.'), labels)
        return state


def _relabel(data, steps, labels):
    """Label, in place, the values at ``steps`` (keys, '[]' for each item of a list) inside ``data``."""
    key, rest = steps[0], steps[1:]
    if key == '[]':
        places = list(range(len(data))) if isinstance(data, list) else []
    else:
        places = [key] if isinstance(data, dict) and key in data else []
    for place in places:
        if rest:
            _relabel(data[place], rest, labels)
        else:
            data[place] = _labelled_value(data[place], labels)


def _labelled_value(value, labels):
    if isinstance(value, str) and value in labels:
        return '%s (%s)' % (labels[value], value)
    return value
