# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Reconcile a list of objects of one resource in one task (opsramp_jobs).

Validate every element before any request; list the tenant's objects once (the fewest search pages), reading those
that need it in full while the listing goes on (``listing``); match each element by id or exact name, failing before
any write on duplicates or ambiguous names; then decide and act as the single-object modules do (``plan.decide``, then
``plan.execute``) for each element in a bounded pool of worker threads. The workers share one client: one session, one
token, one rate-limit pacer. An element that fails does not stop the others: its error is collected, and the task
fails at the end listing every failed element, with what was done.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from concurrent.futures import ThreadPoolExecutor

from ansible_collections.opsramp.automation.plugins.module_utils._engine import plan as planning, settle
from ansible_collections.opsramp.automation.plugins.module_utils._engine.options import element_label, naming
from ansible_collections.opsramp.automation.plugins.module_utils._engine.resource import Planned, Wanted
from ansible_collections.opsramp.automation.plugins.module_utils._engine.values import text
from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import (
    AuthenticationError,
    ObjectLookupError,
    OpsRampError,
    ValidationError,
)

DEFAULT_WORKERS = 4
MAX_WORKERS = 16
MAX_ERRORS_IN_MESSAGE = 20
KEPT = 'kept'  # the action of an object prune would delete, left alone (``ListRun.keep``)


class BulkReconcileError(OpsRampError):
    """Some elements failed; the details hold what was done for the others (``changed``, ``created``, ``errors``...)."""


class _Item:
    """One object to reconcile: a list element (``index``) or an object to prune (``index`` None).

    ``target`` is a ``Wanted``; ``listed`` the search result it names, if any; ``source`` where the element comes from
    (its option ``source``), for messages only; ``element`` how messages name elements (``jobs[%d]``).
    """

    def __init__(self, target, listed=None, index=None, source=None):
        self.target = target
        self.listed = listed
        self.index = index
        self.source = source
        self.full = None  # the future of the full object, when the listing started reading it

    @property
    def name(self):
        """The object's name as the results show it: the declared one, else the listed one, else its id."""
        return self.target.name or (self.listed or {}).get('name') or self.target.object_id

    def label(self, plural):
        """How messages name the object: jobs[3] 'nightly backup' from its source, or prune 'team-old' (id ...)."""
        if self.index is None:
            return "prune '%s' (id %s)" % (self.name, self.target.object_id)
        return element_label('%s[%d]' % (plural, self.index), dict(name=self.name, source=self.source))


class _Stop:
    """Set by a worker when the remaining elements are bound to fail the same way."""

    def __init__(self):
        self.reason = None


class _Outcome:
    """What became of one object: only what the result reports, so that the objects are not kept until the end.

    ``diff`` is the diff of the fields, ``text_diffs`` those of long texts (``Resource.text_diffs``); ``references``
    the ids of other objects the object names afterwards (``Resource.references``); ``note`` why an object prune
    would delete is kept (action ``kept``).
    """

    def __init__(self, action=None, object_id=None, changes=(), diff=None, error=None, **extra):
        self.action = action
        self.object_id = object_id
        self.changes = list(changes)
        self.diff = diff
        self.error = error
        self.text_diffs = extra.get('text_diffs') or []
        self.references = extra.get('references', [])  # None: the object does not tell
        self.note = extra.get('note')
        self.obj = extra.get('obj')  # the object after the plan, kept only when Options.keep_objects

    @classmethod
    def of(cls, resource, plan, obj, options, target):
        """The outcome of ``plan`` for ``target`` (a ``Wanted``), ``obj`` being the object after it ran (or would have
        run), as ``options`` (``Options``) want it reported."""
        diff = plan.diff(target.labels) if options.want_diff else None
        text_diffs = resource.text_diffs(plan, target) if options.want_diff else []
        references = resource.references(obj) if obj and plan.action != 'deleted' else []
        return cls(plan.action, (obj or {}).get('id'), plan.changes, diff, text_diffs=text_diffs,
                   references=references, obj=obj if options.keep_objects else None)


# ---------------------------------------------------------------------------------------------------- the flow

class Options:
    """How the list is reconciled: the module's options besides the list, validated; and check and diff mode.

    With ``prune``, the objects whose name starts with ``prune_prefix`` and that no element names are deleted;
    ``prefix_option`` is the option that gave the prefix, for messages. ``keep_objects``: each outcome keeps the object
    as written or predicted (``ListRun.planned``).
    """

    def __init__(self, prune=False, prune_prefix=None, workers=DEFAULT_WORKERS, check_mode=False, want_diff=False,
                 prefix_option='prune_prefix'):
        self.workers = check_workers(workers)
        self.prune, self.prune_prefix = prune, prune_prefix
        self.prefix_option = prefix_option
        self.check_mode = check_mode
        self.want_diff = want_diff
        self.keep_objects = False

    def pruning(self, plural):
        """The prefix that limits pruning, None without prune; a blank one would let prune delete every object."""
        if not self.prune:
            return None
        if self.prune_prefix is None or not str(self.prune_prefix).strip():
            raise ValidationError('%s: required and not blank with prune=true, so that prune deletes only the %s this '
                                  'list owns' % (self.prefix_option, plural), option=self.prefix_option)
        return str(self.prune_prefix)


def reconcile(resource, client, specs, options=None):
    """Bring every object of ``specs`` (options plus ``state``) to its state, as ``options`` (``Options``) say.

    Returns the module result; raises BulkReconcileError, carrying that result, when some elements failed.
    """
    with ListRun(resource, client, specs, options) as run:
        run.start()
        run.run(run.items)
    run.settle()
    return summarise(resource, run.items, run.outcomes(), run.options)


class ListRun:
    """One list of one resource, reconciled in steps, so that a task can run two lists in turn (``linked``).

    Made, it has validated every element (before any request); ``start`` resolves the elements' lookups, lists the
    tenant's objects and matches them, writing nothing; ``run`` decides and acts on some of the items; ``settle``
    settles the copies concurrent runs created. Used as a context manager, it keeps the pool that reads listed objects
    in full open until the ``with`` block ends.
    """

    def __init__(self, resource, client, specs, options=None):
        self.resource, self.client = resource, client
        self.options = options or Options()
        self.prune_prefix = self.options.pruning(resource.plural)
        self.params_list = validated(resource, specs)
        self.items = []
        self.listed = None  # the tenant's objects as listed; None when nothing needed a listing
        self._outcomes = {}  # id(item) -> _Outcome
        self._readers = None

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        if self._readers is not None:
            self._readers.shutdown(wait=True)
            self._readers = None

    def start(self, list_anyway=False, planned=None):
        """Resolve, list and match (``items``: the elements, then the objects to prune). Without elements nor
        prune, nothing is listed unless ``list_anyway``. ``planned`` (a ``resource.Planned``) is what an earlier list
        of the task would have written, had check mode not kept it from writing, for the lookups to find."""
        resource, client, options = self.resource, self.client, self.options
        if self.prune_prefix is not None:
            _warn_unprunable(resource, client, self.params_list, self.prune_prefix, options.prefix_option)
        # every lookup of the list, each distinct one searched once, before anything is written
        resolved = (resource.resolve_all(client, self.params_list, options.workers, planned) if planned is not None
                    else resource.resolve_all(client, self.params_list, options.workers))
        targets = [resource.wanted(params, labels) for params, labels in resolved]
        resource.warn_before_writes(client, [('%s[%d].' % (resource.plural, index), target)
                                             for index, target in enumerate(targets)])
        if not targets and self.prune_prefix is None and not list_anyway:
            return self
        self._readers = ThreadPoolExecutor(max_workers=options.workers)
        listed = resource.list_all(client, self._readers, full_reads_needed(resource, targets))
        self.listed = listed.objects
        self.items = match(resource, targets, self.listed, self.prune_prefix,
                           [params.get('source') for params in self.params_list])
        for item in self.items:
            item.full = listed.full.get((item.listed or {}).get('id'))
        return self

    @property
    def declared(self):
        """The items of the list's elements."""
        return [item for item in self.items if item.index is not None]

    @property
    def pruned(self):
        """The items of the objects prune would delete."""
        return [item for item in self.items if item.index is None]

    def run(self, items):
        """Decide and act on ``items`` (some of ``self.items``), in the pool of workers."""
        for item, outcome in zip(items, run_items(self.resource, self.client, items, self.options)):
            self._outcomes[id(item)] = outcome

    def keep(self, item, reason):
        """Leave ``item`` (an object prune would delete) alone, for ``reason``."""
        self._outcomes[id(item)] = _Outcome(KEPT, item.listed.get('id'), note=reason)

    def outcomes(self, items=None):
        """The outcome of each of ``items`` (default: every item), in their order; each must have run or been kept."""
        return [self._outcomes[id(item)] for item in (self.items if items is None else items)]

    def planned(self, items):
        """What ``items`` (run with ``Options.keep_objects``) wrote, or in check mode would have written: a
        ``resource.Planned``."""
        written, deleted = [], []
        for outcome in self.outcomes(items):
            if outcome.error is not None or outcome.action not in ('created', 'updated', 'deleted'):
                continue
            if outcome.action == 'deleted':
                deleted.append(text(outcome.object_id))
            else:
                written.append((self.resource.scope_of(outcome.obj), self.resource.as_planned(outcome.obj)))
        return Planned(written, deleted)

    def settle(self):
        """After the creates, the copies concurrent runs created (``settle_outcomes``), among the items that have run
        (``linked`` runs prune later); not in check mode."""
        if not self.options.check_mode and self.resource.settles_copies and self.listed is not None:
            ran = [item for item in self.items if id(item) in self._outcomes]
            settle_outcomes(self.resource, self.client, ran, self.outcomes(ran))

    def references(self):
        """What the tenant's objects name once this run is done (``Resource.references``), for a list that prunes the
        named objects. Each item must have run.

        Returns ``(named, unknown)``: ``named`` maps each id named to the names of the objects that name it; it is
        None when that cannot be known, ``unknown`` then saying why (an item failed, so its object is not known; an
        object does not tell what it names).
        """
        outcomes = self.outcomes()
        failed = [item for item, outcome in zip(self.items, outcomes) if outcome.error is not None]
        if failed:
            return None, '%d %s failed, so what the %s name is not known' % (
                len(failed), self.resource.plural if len(failed) > 1 else self.resource.noun, self.resource.plural)
        return self._named_by(self._references_after(outcomes))

    def _references_after(self, outcomes):
        """(name, references) of each object of the tenant after the run: the items', then the listed others'."""
        touched, pairs = set(), []
        for item, outcome in zip(self.items, outcomes):
            touched.update(text(ident) for ident in ((item.listed or {}).get('id'), outcome.object_id) if ident)
            pairs.append((item.name, outcome.references))
        pairs.extend((obj.get('name') or text(obj['id']), self.resource.references(obj))
                     for obj in self.listed or [] if text(obj['id']) not in touched)
        return pairs

    def _named_by(self, pairs):
        named = {}
        for name, references in pairs:
            if references is None:
                return None, "%s '%s' does not show what it names" % (self.resource.noun, name)
            for ident in references:
                named.setdefault(ident, []).append(name)
        return named, None


def check_workers(workers):
    if workers is None:
        return DEFAULT_WORKERS
    if isinstance(workers, bool) or not isinstance(workers, int) or not 1 <= workers <= MAX_WORKERS:
        raise ValidationError('workers: must be a whole number from 1 to %d, not %r' % (MAX_WORKERS, workers),
                              option='workers')
    return workers


# ---------------------------------------------------------------------------------------------------- validation

def validated(resource, specs):
    """The list elements as complete options plus ``state``, each validated as the single-object module validates
    its options. Raises ValidationError naming ``jobs[i].<option>``, before any request."""
    defaults = dict([(name, None) for name in resource.option_names()] + [('state', 'present'), ('source', None)])
    params_list = []
    for index, spec in enumerate(specs or []):
        params = dict(defaults)
        params.update((key, value) for key, value in (spec or {}).items() if value is not None)
        try:
            if params['state'] not in ('present', 'absent'):
                raise ValidationError('state: %r is not one of present, absent' % (params['state'],), option='state')
            resource.validate(params)
        except ValidationError as error:
            raise for_element(error, '%s[%d]' % (resource.plural, index), params) from None
        params_list.append(params)
    # an element with an id is matched by it: two objects of the tenant may share a name
    names = [(resource.element_scope(params), params['name']) if not params['id'] else None for params in params_list]
    _check_unique(resource, names, 'name', params_list)
    _check_unique(resource, [params['id'] for params in params_list], 'id', params_list)
    return params_list


def for_element(error, prefix, element):
    """``error`` with its option(s) and message prefixed by ``prefix`` (``jobs[3]``), and the element's label."""
    options = [option.strip() for option in (error.option or '').split(',') if option.strip()]
    option = ', '.join('%s.%s' % (prefix, name) for name in options) or prefix
    message = error.message
    if error.option and message.startswith(error.option):
        message = option + message[len(error.option):]
    else:
        message = '%s: %s' % (prefix, message)
    return ValidationError(naming(message, (prefix, element)), option=option)


def _check_unique(resource, values, key, elements):
    first, plural = {}, resource.plural
    for index, value in enumerate(values):
        if value is None:
            continue
        if value in first:
            other = first[value]
            message = "%s[%d].%s: %r is also the %s of %s[%d]; each %s may appear once in the list" % (
                plural, index, key, elements[index][key], key, plural, other, resource.noun)
            message = naming(message, ('%s[%d]' % (plural, index), elements[index]),
                             ('%s[%d]' % (plural, other), elements[other]))
            raise ValidationError(message, option='%s[%d].%s' % (plural, index, key))
        first[value] = index


def _warn_unprunable(resource, client, params_list, prune_prefix, prefix_option='prune_prefix'):
    outside = [element_label('%s[%d]' % (resource.plural, index), params) for index, params in enumerate(params_list)
               if params['name'] is not None and not params['name'].startswith(prune_prefix)]
    if outside:
        client.warn("%d %s of the list do not start with %s '%s', so prune will not delete them once they leave the "
                    "list: %s" % (len(outside), resource.plural, prefix_option, prune_prefix, ', '.join(outside)))


# ---------------------------------------------------------------------------------------------------- matching

def full_reads_needed(resource, targets):
    """Which listed objects to read in full while the listing goes on: those an element names (by id, else by
    name) and that it will compare in full (``Resource.needs_full``: listed objects lack those fields)."""
    ids, names = set(), set()
    for target in targets:
        if target.state == 'present' and resource.needs_full(target.desired):
            if target.object_id:
                ids.add(text(target.object_id))
            else:
                names.add((target.scope, target.name))
    return lambda obj: text(obj['id']) in ids or (resource.scope_of(obj), obj.get('name')) in names


def match(resource, targets, listed, prune_prefix=None, sources=None):
    """The work items: each list element with the listed object it names (by id, else by exact name), then the
    objects to prune. Raises ObjectLookupError, before any write, when a name is ambiguous or two elements name one
    object. ``sources`` are the elements' sources, named in messages. Ids compare as text (a script's is a number)."""
    by_id = dict((text(obj['id']), obj) for obj in listed)
    by_name = {}
    for obj in listed:
        by_name.setdefault((resource.scope_of(obj), obj.get('name')), []).append(obj)
    items, problems, claimed = [], [], {}
    for index, (target, source) in enumerate(zip(targets, sources or [None] * len(targets))):
        item = _Item(target, None, index, source)
        item.listed = _listed(resource, item, by_id, by_name, problems)
        if item.listed is not None:
            listed_id = text(item.listed['id'])
            if listed_id in claimed:
                first = items[claimed[listed_id]]
                problems.append(naming('%s and %s both name %s %s' % (
                    _path(resource, first), _path(resource, item), resource.noun, listed_id),
                    _element(resource, first), _element(resource, item)))
            claimed[listed_id] = index
        items.append(item)
    if problems:
        raise ObjectLookupError('%s; nothing was written' % '; '.join(problems))
    if prune_prefix is not None:
        kept = set(claimed) | set(text(target.object_id) for target in targets if target.object_id)
        items.extend(_prune_items(listed, prune_prefix, kept, resource.scope_of))
    return items


def _listed(resource, item, by_id, by_name, problems):
    """The listed object that the element ``item`` names (by id, else by name); a shared name is a problem."""
    target = item.target
    if target.object_id:
        return by_id.get(text(target.object_id))  # None: not listed, read by id in the worker
    matches = by_name.get((target.scope, target.name), [])
    if len(matches) > 1:
        path = _path(resource, item)
        problems.append(naming("%s: %d %s are named '%s' (ids %s); give %s.id to choose one" % (
            path, len(matches), resource.plural, target.name, ', '.join(text(obj['id']) for obj in matches), path),
            _element(resource, item)))
    return matches[0] if matches else None


def _path(resource, item):
    return '%s[%d]' % (resource.plural, item.index)


def _element(resource, item):
    """The element of ``item`` as ``naming`` takes it: its path, its declared name and its source."""
    return _path(resource, item), dict(name=item.target.name, source=item.source)


def _prune_items(listed, prune_prefix, kept_ids, scope_of):
    doomed = [obj for obj in listed if text(obj['id']) not in kept_ids
              and isinstance(obj.get('name'), str) and obj['name'].startswith(prune_prefix)]
    doomed.sort(key=lambda obj: (obj['name'], text(obj['id'])))
    return [_Item(Wanted('absent', obj['id'], obj['name'], scope=scope_of(obj)), obj) for obj in doomed]


# ---------------------------------------------------------------------------------------------------- work

def run_items(resource, client, items, options):
    """Each item's outcome, in the order of ``items``; the items run in a pool of at most ``workers`` threads."""
    stop = _Stop()
    with ThreadPoolExecutor(max_workers=max(1, min(options.workers, len(items)))) as pool:
        futures = [pool.submit(_attempt, resource, client, item, (options, stop)) for item in items]
        return [future.result() for future in futures]


def _attempt(resource, client, item, run):
    """The item's outcome; any error is caught and kept, so that one failure loses nobody else's result."""
    options, stop = run
    if stop.reason is not None:
        return _Outcome(error='not attempted: %s' % stop.reason)
    try:
        return _reconcile_item(resource, client, item, options)
    except AuthenticationError as error:
        # every other element would fail the same way, one token request after another
        stop.reason = 'an earlier %s could not authenticate' % resource.noun
        return _Outcome(error=error.message)
    except OpsRampError as error:
        return _Outcome(error=error.message)
    except Exception as error:  # pylint: disable=broad-except
        return _Outcome(error=client.redact('unexpected error: %s: %s' % (type(error).__name__, error)))


def _reconcile_item(resource, client, item, options):
    try:
        decision = planning.decide(resource, item.target, _snapshot(resource, client, item))
    except ValidationError as error:
        if item.index is None:
            raise
        path, element = _element(resource, item)
        raise for_element(error, path, element) from None
    if decision.action == 'deleted':
        resource.check_deletion(client, decision.obj)
    obj = decision.predicted() if options.check_mode else planning.execute(resource, client, decision)
    return _Outcome.of(resource, decision, obj, options, item.target)


def _snapshot(resource, client, item):
    """The object the item names: its search result, read in full when needed, or read by an id not listed."""
    listed_id = (item.listed or {}).get('id')
    if item.full is not None:  # read while the listing went on
        return planning.Snapshot(item.listed, client.tenant_id, fetch=item.full.result)
    if listed_id is not None:
        return planning.Snapshot(item.listed, client.tenant_id,
                                 fetch=lambda: resource.get(client, listed_id, item.target.scope))
    if item.target.object_id:
        return planning.Snapshot(resource.get(client, item.target.object_id, item.target.scope), client.tenant_id)
    return planning.Snapshot(None, client.tenant_id)


def settle_outcomes(resource, client, items, outcomes):
    """Other runs may have created some of the same objects at the same time: one search for every object this run
    created, and each name keeps its first copy (api-behaviour §19). The outcomes then report the objects that stay."""
    created = [(item, outcome) for item, outcome in zip(items, outcomes)
               if outcome.action == 'created' and outcome.error is None and outcome.object_id]
    settled = settle.settle(resource, client, dict((item.target.name, outcome.object_id) for item, outcome in created),
                            dict((item.target.name, item.target.desired) for item, dummy in created))
    for item, outcome in created:
        settlement = settled.get(item.target.name)
        if settlement is None:
            continue
        outcome.object_id = settlement.survivor_id
        if settlement.error:
            outcome.action, outcome.error = None, settlement.error


# ---------------------------------------------------------------------------------------------------- result

def summarise(resource, items, outcomes, options):
    """The module result; raises BulkReconcileError carrying it when some elements failed."""
    result = results(resource, items, outcomes, options)
    if result['errors']:
        raise BulkReconcileError(failure_message(resource, result['errors'], len(items), options.check_mode),
                                 **result)
    return result


def results(resource, items, outcomes, options):
    """The module result of ``items`` and their ``outcomes``, failed ones in ``errors`` (nothing raised). Objects
    prune kept (action ``kept``) are listed in ``kept``, a key there only when there are some."""
    results_key = '%s_results' % resource.noun
    result = dict(changed=False, errors=[])
    result[results_key] = []
    result.update((action, []) for action in planning.ACTIONS)
    if options.want_diff:
        result.update(diffs={}, diff=[])
    for item, outcome in zip(items, outcomes):
        result[results_key].append(_report(resource, result, item, outcome))
    return result


def _report(resource, result, item, outcome):
    """The object's entry of the results; adds the object to the action it took (or to errors), and its diff."""
    entry = dict(name=item.name, id=_object_id(item, outcome), action=outcome.action or 'failed',
                 changes=outcome.changes)
    if outcome.error is not None:
        entry['msg'] = outcome.error
        result['errors'].append({resource.noun: item.label(resource.plural), 'msg': outcome.error})
        return entry
    if outcome.action == KEPT:
        entry['msg'] = outcome.note
        result.setdefault(KEPT, []).append(item.name)
        return entry
    result[outcome.action].append(item.name)
    if outcome.action != 'unchanged':
        result['changed'] = True
        if outcome.diff is not None:
            _add_diff(resource, result, item, outcome)
    return entry


def _object_id(item, outcome):
    return outcome.object_id or (item.listed or {}).get('id') or item.target.object_id


def _add_diff(resource, result, item, outcome):
    """The outcome's diff under the object's name (``diffs``), and as Ansible shows it (``diff``: the fields, then
    long texts such as a script's body)."""
    key, diff = item.name, outcome.diff
    if key in result['diffs']:
        key = '%s (id %s)' % (item.name, _object_id(item, _Outcome()) or 'new')
    result['diffs'][key] = diff
    header = "%s '%s'" % (resource.noun, key)
    result['diff'].append(dict(before_header=header, after_header=header, before=diff['before'], after=diff['after']))
    result['diff'].extend(outcome.text_diffs)


def failure_message(resource, errors, total, check_mode, see=None):
    """The message of a list run whose ``errors`` (as ``results`` reports them) are some of ``total`` objects; ``see``
    names the result key that holds what was done (default: the top-level ``created``... of the result)."""
    shown = ['%s: %s' % (error[resource.noun], error['msg']) for error in errors[:MAX_ERRORS_IN_MESSAGE]]
    if len(errors) > MAX_ERRORS_IN_MESSAGE:
        shown.append('and %d more (see %serrors)' % (len(errors) - MAX_ERRORS_IN_MESSAGE, see + '.' if see else ''))
    done = 'checked' if check_mode else 'reconciled'
    return '%d of %d %s failed (the others were %s; see %s): %s' % (
        len(errors), total, resource.plural, done, see or 'created, updated, deleted and unchanged', '; '.join(shown))
