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
    key, rest = steps[0], steps[1:]
    if key == '[]':
        for index, item in enumerate(data if isinstance(data, list) else []):
            if rest:
                _relabel(item, rest, labels)
            elif item in labels:
                data[index] = '%s (%s)' % (labels[item], item)
        return
    if not isinstance(data, dict) or key not in data:
        return
    if rest:
        _relabel(data[key], rest, labels)
    elif isinstance(data[key], str) and data[key] in labels:
        data[key] = '%s (%s)' % (labels[data[key]], data[key])
