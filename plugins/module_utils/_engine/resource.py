# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the engine needs to know of one kind of OpsRamp object: a ``Resource`` adapter.

The engine (``plan``, ``ensure``, ``bulk``, ``settle``, ``export``) decides and acts on any object through its
adapter: its model (``model.Model``, built from the resource's table), how it is found, read, listed, created,
updated and deleted, and the checks and conversions that go beyond single fields. A resource subclasses
``Resource`` and fills in what its API does; the defaults below are what most resources do.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.opsramp.automation.plugins.module_utils._engine import options
from ansible_collections.opsramp.automation.plugins.module_utils._engine.labels import Labels
from ansible_collections.opsramp.automation.plugins.module_utils._engine.values import text
from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import ValidationError


NEW_ID = 'new'  # the id of an object check mode would create, as lookups in the same task see it (``Planned``)


class Planned:
    """What a check-mode run of one list would have written by the time the next list of the task runs (``linked``),
    so that the next list's lookups find what a real run would find: ``written`` are ``(scope, object)`` pairs, each
    object as predicted (``Resource.as_planned``: a new one has the id ``new``), ``deleted`` the ids (as text) of the
    objects it deletes."""

    def __init__(self, written=(), deleted=()):
        self.written = list(written)
        self.deleted = set(deleted)

    def in_scope(self, scope, listed):
        """``listed`` (the objects of ``scope`` as listed; None: no such scope) as they would be after the run."""
        if listed is None:
            return None
        replaced = self.deleted | set(text(obj.get('id')) for dummy, obj in self.written)
        return ([obj for obj in listed if text(obj.get('id')) not in replaced]
                + [obj for obj_scope, obj in self.written if text(obj_scope) == text(scope)])


class Wanted:
    """What a task asks of one object: its state, how to find it (``object_id``, else ``name``), and (present) the
    canonical ``desired`` state. ``hide``: the task asks for the values of its sensitive fields to be hidden;
    ``labels``: what the diff shows beside the ids the task named otherwise (``labels.Labels``); ``inputs``: what the
    adapter needs to build the request beyond the canonical state (never compared, never shown); ``secrets``: values
    of ``inputs`` that no message may show; ``scope``: what a name is unique within, beside the tenant (a script's
    category; None for jobs)."""

    def __init__(self, state='present', object_id=None, name=None, desired=None, **extra):
        self.state = state
        self.object_id = object_id
        self.name = name
        self.desired = desired
        self.hide = extra.get('hide', False)
        self.labels = extra.get('labels') or Labels()
        self.scope = extra.get('scope')
        self.inputs = extra.get('inputs') or {}
        self.secrets = tuple(extra.get('secrets') or ())


class Resource:
    """The adapter of one resource. ``noun`` and ``plural`` name it in messages and results (``job``: the result of
    opsramp_job holds ``job``, the list module's elements are ``jobs[N]``); ``model`` is its ``Model``;
    ``settles_copies``: names are not unique in OpsRamp, so concurrent runs may create copies that ``settle`` resolves.
    """

    noun = 'object'
    plural = 'objects'
    model = None
    settles_copies = False

    # ------------------------------------------------------------------------------------------------ the task

    list_description = ()  # the documentation of the list module's list option

    def argument_spec(self, raw_params=None):
        """The argument spec of the options; ``raw_params``, the task's arguments before validation, may ask for
        values to be hidden (``hide_in_spec``)."""
        return self.hide_in_spec(self.model.argument_spec(), raw_params)

    def list_argument_spec(self, raw_params=None, required=True):
        """The list module's option (``jobs``): a list of elements that take the options plus ``state`` and
        ``source``; values any raw element asks to hide are hidden in every element."""
        spec = options.argument_spec(options.element_options(self.model.options, self.noun))
        raw = (raw_params or {}).get(self.plural)
        for element in raw if isinstance(raw, list) else []:
            spec = self.hide_in_spec(spec, element if isinstance(element, dict) else None)
        return {self.plural: dict(type='list', elements='dict', required=required, options=spec)}

    def list_doc(self, required=True):
        """The documentation of the list module's option, references pointing inside it (``O(jobs[].name)``)."""
        suboptions = options.option_docs(options.element_options(self.model.options, self.noun))
        doc = dict(description=list(self.list_description), type='list', elements='dict')
        if required:
            doc['required'] = True
        doc['suboptions'] = options.within_list(self.plural, suboptions)
        return {self.plural: doc}

    def hide_in_spec(self, spec, raw_params):
        """``spec`` with ``no_log`` on the values ``raw_params`` (raw options of one object) ask to hide."""
        return spec

    def option_names(self):
        """The names of the task's options for one object (a list element is filled in with None for the rest)."""
        return [option.name for option in self.model.options if not option.internal]

    def validate(self, params):
        """Check the options (``params``, with ``state``) before any request: raise ValidationError naming the option."""
        problem = self.model.option_problems(params) if params.get('state', 'present') == 'present' else None
        if problem:
            raise ValidationError('%s: %s' % problem, option=problem[0])

    def resolve(self, client, params):
        """``(params, labels)``: options that name other objects by name, resolved into ids. Nothing to resolve here."""
        return params, Labels()

    def resolve_all(self, client, params_list, workers, planned=None):
        """``resolve`` for a whole list, failing before any write when one element names nothing. ``planned`` (a
        ``Planned``, in check mode only) holds the objects of another resource an earlier list of the task would have
        written, for lookups to find as a real run would."""
        return [self.resolve(client, params) for params in params_list]

    def wanted(self, params, labels=None):
        """The ``Wanted`` of validated, resolved options."""
        if params['state'] == 'absent':
            return Wanted('absent', params.get('id'), params.get('name'))
        return Wanted('present', params.get('id'), params.get('name'), self.model.desired(params), labels=labels)

    def warn_before_writes(self, client, targets):
        """Warn about what OpsRamp will probably refuse; ``targets`` are ``(option prefix, Wanted)`` pairs."""

    def as_planned(self, obj):
        """``obj``, as a check-mode run predicts it, as another list's lookups are to see it (``Planned``): a new
        object gets the id ``new``."""
        return obj if obj.get('id') not in (None, '') else dict(obj, id=NEW_ID)

    def references(self, obj):
        """The ids (as text) of the objects of another resource that ``obj`` (as OpsRamp holds it, or as a write would
        send it) names, for example the script a custom job runs: a list module that prunes those objects spares the
        ones still named (``linked``). None when ``obj`` does not tell (nothing is pruned then); no id here."""
        return []

    def unmodelled(self, api_object):
        """What exported options leave out of ``api_object`` because no option models it (warnings' texts)."""
        return []

    # ------------------------------------------------------------------------------------------------ deciding

    def needs_full(self, desired):
        """Whether ``desired`` manages a field that a listed object lacks (the object is then read in full)."""
        return False

    def comparable(self, current, target):
        """``current`` (canonical) with the values OpsRamp does not show (a mask in place of a secret) replaced by
        what ``target`` wants, since they cannot be compared. Nothing to replace here."""
        return current

    def check_create(self, desired):
        """Raise ValidationError when ``desired`` cannot create the object (it does not exist yet)."""

    def check_against(self, desired, current):
        """Raise ValidationError when ``desired`` cannot apply to the object as it is."""

    def check_deletion(self, client, obj):
        """Raise an OpsRampError when OpsRamp would refuse to delete ``obj``: called before any write, in check mode
        too, so that check mode never predicts a deletion the real run cannot make. Nothing to check here."""

    def payload(self, stored, target, now):
        """The body to send: a new object from ``target.desired`` (``stored`` None), or ``stored`` with it laid over."""
        body = self.model.request_style(stored) if stored is not None else {}
        return self.model.overlay(body, target.desired, now)

    def text_diffs(self, plan, target):
        """Diffs of long texts the plan changes (a script's body), as Ansible shows text: ``before``/``after`` with
        headers. None here."""
        return []

    # ------------------------------------------------------------------------------------------------ the API

    def find(self, client, target):
        """The full object ``target`` (a ``Wanted``) names, by id or by unique name; None when there is none."""
        raise NotImplementedError

    def element_scope(self, params):
        """What the name of a list element (its options) is unique within, as it stands before resolving (a script's
        category as the element names it). None: the tenant."""
        return None

    def scope_of(self, obj):
        """What a listed object's name is unique within (``Wanted.scope``); None: the tenant."""
        return None

    def get(self, client, object_id, scope=None):
        """The object with this id (in ``scope``), or None when OpsRamp says there is none."""
        raise NotImplementedError

    def list_all(self, client, pool, wants_full):
        """A ``listing.Listing`` of every object, reading in full, in ``pool``, those ``wants_full(obj)`` accepts."""
        raise NotImplementedError

    def search_copies(self, client, names):
        """The objects named ``names`` (or all), oldest first when the API can sort them (``settle``)."""
        raise NotImplementedError

    def create(self, client, payload):
        raise NotImplementedError

    def update(self, client, obj, payload, not_stored=None):
        """Replace ``obj`` (as read) with ``payload``; the object as stored. ``not_stored(stored)`` names the managed
        paths a stored object does not hold as sent."""
        raise NotImplementedError

    def delete(self, client, obj):
        """Delete ``obj`` (as read, or at least its id): True if this call deleted it, False if it was already gone."""
        raise NotImplementedError
