# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Settle the copies of an object that runs working at the same time created under one name.

OpsRamp does not keep job names unique, so two runs that both find no job named N both create one. After its
creates, a run searches once (the whole list of names in one search) and applies one rule, the same in every run:
the copy created first survives. A run deletes only a copy it created itself in this run, and only when another
copy came first; it never deletes the survivor, nor an object that existed before it started. Why every interleaving
of runs then ends with exactly one object per name, and how "first" is read from OpsRamp's answers: api-behaviour §19.
Any resource whose adapter sets ``settles_copies`` is settled this way.

``choose`` is the rule (no I/O); ``settle`` is the search, the deletes and the warnings around it.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime

from ansible_collections.opsramp.automation.plugins.module_utils._engine import compare
from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import OpsRampError

# Creation-time fields of other OpsRamp v2 objects (no job source shows one): used when every copy carries one.
CREATED_TIME_FIELDS = ('createdTime', 'createdDate')
_TIME_FORMATS = ('%Y-%m-%dT%H:%M:%S%z', '%Y-%m-%dT%H:%M:%S.%f%z', '%Y-%m-%d %H:%M:%S%z')


class Decision:
    """What one run does about one name it created.

    ``survivor_id`` is the copy every run keeps; ``own_id`` this run's copy (deleted when it is not the survivor);
    ``other_ids`` the copies of other runs that the search showed; ``seen`` is False when the search did not show
    this run's copy, so that no order could be decided (the copy is then kept).
    """

    def __init__(self, name, own_id, survivor_id, other_ids=(), seen=True):
        self.name = name
        self.own_id = own_id
        self.survivor_id = survivor_id
        self.other_ids = list(other_ids)
        self.seen = seen

    @property
    def keeps_own(self):
        return self.survivor_id == self.own_id

    @property
    def contested(self):
        return bool(self.other_ids)


class Settlement(Decision):
    """A decision carried out: ``survivor`` is the surviving object read in full (when this run's copy lost),
    ``differences`` the managed paths where it differs from what this run declared, ``error`` a failed delete."""

    def __init__(self, decision, survivor=None, differences=(), error=None):
        super(Settlement, self).__init__(decision.name, decision.own_id, decision.survivor_id, decision.other_ids,
                                         decision.seen)
        self.survivor = survivor
        self.differences = list(differences)
        self.error = error


# ---------------------------------------------------------------------------------------------------- the rule

def choose(name, own_id, listed):
    """The decision for this run's copy ``own_id`` of object ``name``, from the search answer ``listed`` (in the order
    OpsRamp answered, asked oldest first: ``Resource.search_copies``).

    The first copy is the one with the earliest creation time when every copy carries one, ties and the rest
    broken by the answer's order.
    """
    copies = [(position, obj) for position, obj in enumerate(listed)
              if isinstance(obj, dict) and obj.get('name') == name and obj.get('id')]
    other_ids = [obj['id'] for dummy, obj in copies if obj['id'] != own_id]
    if len(other_ids) == len(copies):
        return Decision(name, own_id, own_id, other_ids, seen=False)
    first = min(copies, key=_age_key([obj for dummy, obj in copies]))[1]
    return Decision(name, own_id, first['id'], other_ids)


def choose_all(created, listed):
    """``{name: Decision}`` for ``created`` (``{name: id of this run's copy}``) from one search answer."""
    listed = list(listed)
    return dict((name, choose(name, own_id, listed)) for name, own_id in created.items())


def _age_key(copies):
    times = [created_time(obj) for obj in copies]
    if None in times:
        return lambda entry: entry[0]
    by_id = dict((obj['id'], moment) for obj, moment in zip(copies, times))
    return lambda entry: (by_id[entry[1]['id']], entry[0])


def created_time(obj):
    """The object's creation time (an aware datetime) from the first ``CREATED_TIME_FIELDS`` it carries, or None."""
    for field in CREATED_TIME_FIELDS:
        if obj.get(field) not in (None, ''):
            return _parse_time(obj[field])
    return None


def _parse_time(value):
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):  # epoch seconds, or milliseconds
        seconds = value / 1000.0 if value > 1e11 else float(value)
        return datetime.datetime.fromtimestamp(seconds, datetime.timezone.utc)
    text = str(value).strip().replace('Z', '+0000')
    for time_format in _TIME_FORMATS:
        try:
            return datetime.datetime.strptime(text, time_format)
        except ValueError:
            continue
    return None


# ---------------------------------------------------------------------------------------------------- the search

def settle(resource, client, created, desired=None):
    """Search once for the names in ``created`` (``{name: id of this run's copy}``), delete this run's copies that
    came second, and warn about every name another run created too. ``desired`` (``{name: desired state}``) lets the
    warning say where the survivor differs from what this run declared.

    Returns ``{name: Settlement}``; an empty dict when the search failed (a warning says so: the creates stand).
    """
    if not created:
        return {}
    try:
        listed = list(resource.search_copies(client, list(created)))
    except OpsRampError as error:
        client.warn('could not check whether runs working at the same time created %s too (%s); if one did, the next '
                    'run reports the duplicate' % (_names(created), error.message))
        return {}
    return dict((name, _carry_out(resource, client, decision, (desired or {}).get(name)))
                for name, decision in choose_all(created, listed).items())


def _carry_out(resource, client, decision, desired):
    noun = resource.noun
    if not decision.seen:
        client.warn("%s '%s': the check for copies created at the same time by other runs did not show this run's "
                    "%s (id %s); it is kept" % (noun, decision.name, noun, decision.own_id))
        return Settlement(decision)
    if decision.keeps_own:
        if decision.contested:
            client.warn("%s '%s': another run working at the same time created it too (id %s); this run's %s (id %s) "
                        "was created first and stays; the other run deletes its copy"
                        % (noun, decision.name, ', '.join(decision.other_ids), noun, decision.own_id))
        return Settlement(decision)
    return _give_way(resource, client, decision, desired)


def _give_way(resource, client, decision, desired):
    """Delete this run's copy, read the survivor, and say so."""
    noun = resource.noun
    try:
        resource.delete(client, dict(id=decision.own_id, name=decision.name))
    except OpsRampError as error:
        return Settlement(decision, error="another run working at the same time created %s '%s' too, first (id %s); "
                                          "deleting this run's copy (id %s) failed (%s): delete it in OpsRamp and keep "
                                          "%s" % (noun, decision.name, decision.survivor_id, decision.own_id,
                                                  error.message, decision.survivor_id))
    survivor = _read(resource, client, decision.survivor_id)
    differences = _differences(resource.model, desired, survivor)
    message = ("%s '%s': another run working at the same time created it too, first (id %s); this run deleted its "
               "own copy (id %s) and reports %s" % (noun, decision.name, decision.survivor_id, decision.own_id,
                                                    decision.survivor_id))
    if differences:
        message += ("; that %s differs from this task in %s: the next run of this task applies them"
                    % (noun, ', '.join(differences)))
    client.warn(message)
    return Settlement(decision, survivor, differences)


def _read(resource, client, object_id):
    try:
        return resource.get(client, object_id)
    except OpsRampError:
        return None


def _differences(model, desired, survivor):
    if desired is None or survivor is None:
        return []
    return compare.changed_paths(desired, model.current(survivor))


def _names(created):
    return ', '.join("'%s'" % name for name in sorted(created))
