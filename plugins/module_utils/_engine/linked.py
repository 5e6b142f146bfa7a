# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Two lists in one task, where the objects of one list use objects of the other: the RBA scripts and the custom
jobs that run them (opsramp_jobs with ``scripts``).

Both lists are validated before any request. The used objects (scripts) are reconciled first, so that the users
(jobs) find the objects they name; then the users; and prune of the used objects comes last: it spares every object
that an object of the tenant still names once the users are done (``Resource.references``: the users this run wrote,
as stored or, in check mode, as they would be, and the others as listed), with a warning for each. When that cannot be
known (a user failed, or a listed one does not show what it names), prune deletes none of them. Both runs share one
client: one token, one rate-limit pacer. In check mode nothing is written, so the users' lookups are given what the
used objects' run would have written (``resource.Planned``): a job that names by name a script the task creates finds
it, with the id ``new``, as the real run would find it created.

The result is the users' result, as the list module returns it with that list alone, with the used objects' beside it:
``<noun>_results`` (``script_results``) and ``<plural>`` (``scripts``: created, updated, deleted, unchanged, kept,
errors and, in diff mode, diffs). ``changed`` covers both, and the ``diff`` Ansible shows lists the used objects first.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.opsramp.automation.plugins.module_utils._engine.bulk import (
    KEPT, BulkReconcileError, ListRun, failure_message, results)
from ansible_collections.opsramp.automation.plugins.module_utils._engine.values import text
from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import OpsRampError

MAX_NAMES_IN_WARNING = 5


def reconcile_linked(used, users, client, specs, options):
    """Reconcile ``specs[0]`` (elements of ``used``, the scripts), then ``specs[1]`` (elements of ``users``, the jobs),
    each as its ``bulk.Options`` in ``options`` say, then prune the used objects that no user names any more.

    Returns the module result; raises BulkReconcileError, carrying it, when an element of either list failed.
    """
    used_run = ListRun(used, client, specs[0], options[0])
    users_run = ListRun(users, client, specs[1], options[1])
    check_mode = options[0].check_mode
    used_run.options.keep_objects = check_mode
    with used_run:
        used_run.start()
        used_run.run(used_run.declared)
    used_run.settle()
    # in check mode, the users' lookups find the used objects as the real run would have written them
    planned = used_run.planned(used_run.declared) if check_mode else None
    try:
        with users_run:
            users_run.start(list_anyway=bool(used_run.pruned), planned=planned)
            users_run.run(users_run.items)
    except OpsRampError as error:  # raised before any write of the users: say what was done with the used objects
        for item in used_run.pruned:
            _keep(used_run, item, 'prune deletes no %s when the %s were not reconciled' % (used.noun, users.plural))
        details = dict(error.details, **_combined(used_run, users_run, ran_users=False))
        message = '%s (the %s were %s before: see %s)' % (
            error.message, used.plural, 'checked' if check_mode else 'reconciled', used.plural)
        raise error.with_message(message, details=details) from None
    users_run.settle()
    _prune_unused(used_run, users_run)
    result = _combined(used_run, users_run)
    failed = [(run, result_of) for run, result_of in ((used_run, result[used.plural]), (users_run, result))
              if result_of['errors']]
    if failed:
        raise BulkReconcileError('; '.join(
            failure_message(run.resource, result_of['errors'], len(run.items), run.options.check_mode,
                            see=used.plural if run is used_run else None)
            for run, result_of in failed), **result)
    return result


def _prune_unused(used_run, users_run):
    """Delete the used objects prune would delete that no user names any more; keep the others, with a warning."""
    candidates = used_run.pruned
    if not candidates:
        return
    used, users = used_run.resource, users_run.resource
    named, unknown = users_run.references()
    doomed = []
    for item in candidates:
        if named is None:
            reason = 'prune deletes no %s when %s' % (used.noun, unknown)
        elif text(item.target.object_id) in named:
            reason = '%s still name it: %s' % (users.plural, _names(named[text(item.target.object_id)]))
        else:
            doomed.append(item)
            continue
        _keep(used_run, item, reason)
    used_run.run(doomed)


def _keep(run, item, reason):
    """Keep ``item``, an object prune would delete, and say why in a warning."""
    run.keep(item, reason)
    run.client.warn("%s '%s' (id %s) is no longer in %s, but prune keeps it: %s" % (
        run.resource.noun, item.name, item.target.object_id, run.resource.plural, reason))


def _names(names):
    shown = ', '.join("'%s'" % name for name in names[:MAX_NAMES_IN_WARNING])
    return shown + (' and %d more' % (len(names) - MAX_NAMES_IN_WARNING) if len(names) > MAX_NAMES_IN_WARNING else '')


def _combined(used_run, users_run, ran_users=True):
    """The users' result with the used objects' beside it (module docstring)."""
    used, options = used_run.resource, used_run.options
    used_result = results(used, used_run.items, used_run.outcomes(), options)
    if ran_users:
        result = results(users_run.resource, users_run.items, users_run.outcomes(), users_run.options)
    else:
        result = results(users_run.resource, [], [], users_run.options)
    result['changed'] = result['changed'] or used_result.pop('changed')
    result['%s_results' % used.noun] = used_result.pop('%s_results' % used.noun)
    if options.want_diff:
        result['diff'] = used_result.pop('diff') + result['diff']
    used_result.setdefault(KEPT, [])
    result[used.plural] = used_result
    return result
