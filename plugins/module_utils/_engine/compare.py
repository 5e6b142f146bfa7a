# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Compare a desired state with a current one, and show the difference, on canonical data only.

Both sides must already be in one canonical shape (a resource's ``Model.desired`` / ``Model.current``):
plain dicts, lists and scalars, with set-like lists sorted. The rules are generic, so any module can use them:

* only the keys present in ``desired`` are compared (recursively for dicts): the rest is not managed;
* ``None`` in ``desired`` means "must be absent"; a missing key, ``None`` and an empty list or dict are all absent
  (for the value of a key: inside a list, ``None`` and ``[]`` are distinct items);
* lists compare item by item (canonical lists are sorted, so that is a set comparison);
* scalars compare with their types: ``True`` is not ``1`` and ``"2"`` is not ``2``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy


def changed_paths(desired, current):
    """Sorted dotted paths (``schedule.week_days``) of the managed values that differ from ``current``.

    ``current`` None means the object does not exist: every value ``desired`` gives is a change.
    """
    if current is None:
        return sorted(_given_paths(desired or {}, ''))
    return sorted(_differing_paths(desired or {}, current, ''))


def _given_paths(desired, prefix):
    paths = []
    for key, value in desired.items():
        if isinstance(value, dict):
            paths.extend(_given_paths(value, prefix + key + '.'))
        elif value is not None:
            paths.append(prefix + key)
    return paths


def _differing_paths(desired, current, prefix):
    current = current if isinstance(current, dict) else {}
    paths = []
    for key, wanted in desired.items():
        actual = current.get(key)
        if isinstance(wanted, dict) and (isinstance(actual, dict) or _is_absent(actual)):
            paths.extend(_differing_paths(wanted, actual, prefix + key + '.'))
        elif not same(wanted, actual):
            paths.append(prefix + key)
    return paths


def _is_absent(value):
    """None, an empty list, or a dict holding nothing but absent values."""
    if isinstance(value, dict):
        return all(_is_absent(item) for item in value.values())
    return value is None or value == []


def same(left, right):
    """Equality of two values held under one key: absent values are equal, types matter for scalars, lists keep order."""
    if _is_absent(left) or _is_absent(right):
        return _is_absent(left) and _is_absent(right)
    return _same_item(left, right)


def _same_item(left, right):
    """Equality of two list items: as ``same``, but ``None``, ``[]`` and ``{}`` are distinct values here."""
    for kind, equal in _ITEM_KINDS:
        if isinstance(left, kind) or isinstance(right, kind):
            return isinstance(left, kind) and isinstance(right, kind) and equal(left, right)
    if left is None or right is None:
        return left is right
    return left == right


def _same_dict(left, right):
    return all(same(left.get(key), right.get(key)) for key in set(left) | set(right))


def _same_list(left, right):
    return len(left) == len(right) and all(_same_item(one, other) for one, other in zip(left, right))


def _equal(left, right):
    return left == right


# Containers first, then the scalar types that must not equal another type (True is not 1, "2" is not 2).
_ITEM_KINDS = ((dict, _same_dict), (list, _same_list), (bool, _equal), (str, _equal))


def diff_view(desired, current):
    """``{'before': ..., 'after': ...}`` for Ansible's diff mode, restricted to what ``desired`` manages.

    ``before`` is ``current`` projected onto the managed keys (``{}`` when the object does not exist); ``after`` is
    ``before`` with ``desired`` merged in (``None`` in ``desired`` removes the key). ``desired`` None (a deletion)
    shows the whole of ``current`` going away. Secrets are masked by the caller (``secrets.Secrets``).
    """
    if desired is None:
        before, after = copy.deepcopy(current or {}), {}
    else:
        before = _project(current, desired) if current is not None else {}
        after = _merge(before, desired)
    return {'before': _presentable(before), 'after': _presentable(after)}


def _project(current, desired):
    """The part of ``current`` whose keys ``desired`` manages."""
    current = current if isinstance(current, dict) else {}
    result = {}
    for key, wanted in desired.items():
        if _is_absent(current.get(key)):
            continue
        if isinstance(wanted, dict) and isinstance(current[key], dict):
            projected = _project(current[key], wanted)
            if projected:
                result[key] = projected
        else:
            result[key] = copy.deepcopy(current[key])
    return result


def _merge(base, desired):
    """``base`` updated with ``desired``, recursively for dicts; a ``None`` in ``desired`` drops the key."""
    result = copy.deepcopy(base)
    for key, wanted in desired.items():
        if isinstance(wanted, dict):
            wanted = _merge(result[key] if isinstance(result.get(key), dict) else {}, wanted)
        if _is_absent(wanted) and _is_absent(result.get(key)):
            result.pop(key, None)  # absent stays absent: an empty list or dict is not shown as a change
        elif wanted is None:
            result.pop(key, None)
        else:
            result[key] = copy.deepcopy(wanted)
    return result


def _presentable(value):
    """A copy with dict keys in sorted order and keys holding None left out (None is absent)."""
    if isinstance(value, dict):
        return dict((key, _presentable(value[key])) for key in sorted(value) if value[key] is not None)
    if isinstance(value, list):
        return [_presentable(item) for item in value]
    return value
