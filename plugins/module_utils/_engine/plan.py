# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Bring one object to the state a task declares: decide, then act, on any resource (``resource.Resource``).

* ``decide(resource, wanted, snapshot)`` compares what the task asks for (a ``resource.Wanted``) with the object as
  OpsRamp holds it (a ``Snapshot``) and returns a ``Plan``: the action, the changed paths, the body to send, before
  and after, and the secrets to hide. It sends nothing, except that a snapshot made from a listing reads the full
  object the first time it is needed.
* ``execute(resource, client, plan)`` carries the plan out; check mode simply does not call it.

The single-object modules (``ensure``) and the list modules (``bulk``) decide and act through these.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime

from ansible_collections.opsramp.automation.plugins.module_utils._engine import compare
from ansible_collections.opsramp.automation.plugins.module_utils._engine.secrets import Secrets, hide_in_error
from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import ObjectLookupError, OpsRampError

ACTIONS = ('created', 'updated', 'deleted', 'unchanged')


class Snapshot:
    """The object as OpsRamp holds it, None when there is none.

    A listed object may lack fields (a job's search result has no entities: api-behaviour §4): made with ``fetch``,
    the snapshot reads the full object through it the first time ``full()`` is called, and only then.
    """

    def __init__(self, obj, tenant_id=None, fetch=None):
        self.obj = obj
        self.tenant_id = tenant_id
        self._fetch = fetch if obj is not None else None

    @property
    def complete(self):
        return self._fetch is None

    def full(self):
        """The full object; None when it was deleted since it was listed."""
        if self._fetch is not None:
            fetch, self._fetch = self._fetch, None
            self.obj = fetch()
        return self.obj


class Plan:
    """What to do with one object, and everything the results show about it.

    ``action`` is one of ACTIONS; ``obj`` the object as it is (None when it does not exist); ``payload`` the body to
    send (create and update); ``before`` and ``after`` the canonical current and desired states (``after`` None for
    a deletion); ``secrets`` what the results must hide; ``model`` the resource's model.
    """

    def __init__(self, action, obj, model, changes=(), **states):
        self.action = action
        self.obj = obj
        self.model = model
        self.changes = list(changes)
        self.payload = states.get('payload')
        self.before = states.get('before')
        self.after = states.get('after')
        self.secrets = states.get('secrets') or Secrets(model)

    @property
    def changed(self):
        return self.action != 'unchanged'

    @property
    def object_id(self):
        return (self.obj or {}).get('id')

    def predicted(self):
        """The object check mode reports: the body a write would send, else the object as it is."""
        return self.payload if self.payload is not None else self.obj

    def diff(self, labels=None):
        """``{'before', 'after'}`` of the managed fields (the whole object going away for a deletion), secrets
        masked; the values ``labels`` knows are shown with their label."""
        view = compare.diff_view(self.after, self.before)
        if labels:
            view = labels.apply(view)
        return dict((side, self.secrets.mask_state(state)) for side, state in view.items())

    def not_stored(self, stored):
        """The managed paths that ``stored`` (as OpsRamp answered a write) does not hold as this plan wants."""
        if not stored or self.after is None:
            return []
        return compare.changed_paths(self.after, self.model.current(stored))

    def result(self, noun, obj, want_diff, labels=None, text_diffs=()):
        """A single-object module's result, ``obj`` being the object after the plan ran (or would have run); the
        ``text_diffs`` of long texts follow the diff of the fields."""
        result = dict(changed=self.changed, changes=self.changes)
        if obj is not None:
            result[noun] = self.secrets.mask_object(obj)
        if want_diff:
            result['diff'] = [self.diff(labels)] + list(text_diffs) if text_diffs else self.diff(labels)
        return result


# ---------------------------------------------------------------------------------------------------- decide

def decide(resource, target, snapshot, now=None):
    """The ``Plan`` that brings ``snapshot`` to ``target`` (a ``Wanted``). Writes nothing.

    Raises ValidationError when the options cannot apply to the object as it is (a create missing a required
    option...), ObjectLookupError when the task names an id that does not exist.
    """
    if target.state == 'absent':
        return _deletion(resource.model, snapshot.obj)
    obj = snapshot.full() if resource.needs_full(target.desired) else snapshot.obj
    plan = _present(resource, target, obj, snapshot.tenant_id, now)
    if plan.changed and not snapshot.complete:
        # an update carries the whole object: decide again on the full one
        plan = _present(resource, target, snapshot.full(), snapshot.tenant_id, now)
    return plan


def _deletion(model, obj):
    if obj is None:
        return Plan('unchanged', None, model)
    current = model.current(obj)
    # the task does not say which values of the object are secret: hide them all
    return Plan('deleted', obj, model, before=current,
                secrets=Secrets.of_states(model, True, current).adding_stored(obj))


def _present(resource, target, obj, tenant_id, now):
    desired, model = target.desired, resource.model
    if obj is None and target.object_id:
        raise ObjectLookupError('no %s with id %r in tenant %s; to create a %s give its name and no id'
                                % (resource.noun, target.object_id, tenant_id, resource.noun))
    current = resource.comparable(model.current(obj), target) if obj is not None else None
    if obj is None:
        resource.check_create(desired)
    resource.check_against(desired, current)
    changes = compare.changed_paths(desired, current)
    # the stored value of a secret is as secret as the new one, also where only the read shows it
    secrets = Secrets.of_states(model, target.hide, desired, current).adding(target.secrets).adding_stored(obj)
    if not changes:
        return Plan('unchanged', obj, model, before=current, after=desired, secrets=secrets)
    payload = resource.payload(obj, target, now or datetime.datetime.now(datetime.timezone.utc))
    return Plan('created' if obj is None else 'updated', obj, model, changes, payload=payload, before=current,
                after=desired, secrets=secrets)


# ---------------------------------------------------------------------------------------------------- act

def execute(resource, client, plan):
    """Carry ``plan`` out; the object as OpsRamp holds it afterwards (as it was, after a deletion).

    Errors never carry the plan's secrets, even when OpsRamp echoes them.
    """
    try:
        stored = _write(resource, client, plan)
    except OpsRampError as error:
        raise hide_in_error(error, plan.secrets.values) from None
    if plan.payload is not None:
        _warn_if_not_stored(resource, client, plan, stored)
    return stored


def _write(resource, client, plan):
    if plan.action == 'created':
        return resource.create(client, plan.payload)
    if plan.action == 'updated':
        return resource.update(client, plan.obj, plan.payload, not_stored=plan.not_stored)
    if plan.action == 'deleted':
        resource.delete(client, plan.obj)
    return plan.obj


def _warn_if_not_stored(resource, client, plan, stored):
    """OpsRamp may keep a value in a form the normaliser does not know: say so instead of reporting a change forever."""
    still_different = plan.not_stored(stored)
    if still_different:
        client.warn("OpsRamp stored %s of %s '%s' differently from what was sent; the next run may report a change "
                    "again. Please report this with the %s type and the values used."
                    % (', '.join(still_different), resource.noun, plan.after.get('name') or stored.get('name'),
                       resource.noun))
