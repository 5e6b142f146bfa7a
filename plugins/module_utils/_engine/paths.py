# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Paths into nested dicts: ``('schedule', 'pattern', 'type')``, and ``'[]'`` for each item of a list."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


def get_path(data, path):
    """The value at ``path``, or None where any step is missing."""
    for key in path:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def has_path(data, path):
    for key in path:
        if not isinstance(data, dict) or key not in data:
            return False
        data = data[key]
    return True


def object_at(data, path):
    """The dict at ``path`` inside ``data``, made (or replacing a non-dict) where missing."""
    for key in path:
        if not isinstance(data.get(key), dict):
            data[key] = {}
        data = data[key]
    return data


def set_path(data, path, value):
    object_at(data, path[:-1])[path[-1]] = value


def objects_at(data, path):
    """Every dict at ``path``, where '[]' stands for each item of a list."""
    if not path:
        return [data] if isinstance(data, dict) else []
    if path[0] == '[]':
        items = data if isinstance(data, list) else []
        return [found for item in items for found in objects_at(item, path[1:])]
    return objects_at(data.get(path[0]), path[1:]) if isinstance(data, dict) else []
