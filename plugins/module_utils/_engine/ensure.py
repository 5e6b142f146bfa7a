# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""One object brought to the state one task declares (opsramp_job and the other single-object modules).

Validate every option before any request; resolve what the task names by name into ids; find the object; decide;
act unless in check mode; after a create, settle the copies that runs working at the same time may have created.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.opsramp.automation.plugins.module_utils._engine import settle
from ansible_collections.opsramp.automation.plugins.module_utils._engine.plan import Snapshot, decide, execute
from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import ObjectLookupError


def ensure(resource, client, params, check_mode=False, want_diff=False):
    """The module result of bringing the object that ``params`` (its options plus ``state``) describe to its state."""
    resource.validate(params)  # every option, before a lookup sends anything
    target = resource.wanted(*resource.resolve(client, params))
    resource.warn_before_writes(client, [('', target)])
    plan = decide(resource, target, Snapshot(resource.find(client, target), client.tenant_id))
    if plan.action == 'deleted':
        resource.check_deletion(client, plan.obj)
    obj = plan.predicted() if check_mode else execute(resource, client, plan)
    if plan.action == 'created' and not check_mode and resource.settles_copies:
        obj = _settled(resource, client, target, obj)
    text_diffs = resource.text_diffs(plan, target) if want_diff else ()
    return plan.result(resource.noun, obj, want_diff, target.labels, text_diffs)


def _settled(resource, client, target, created):
    """The object to report after creating ``created``: it, or the copy another run created first (which this run
    then keeps, deleting its own: api-behaviour §19)."""
    name = target.name
    settled = settle.settle(resource, client, {name: created['id']}, {name: target.desired}).get(name)
    if settled is None or settled.keeps_own:
        return created
    if settled.error:
        raise ObjectLookupError(settled.error)
    return settled.survivor or dict(id=settled.survivor_id, name=name)
