# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Objects as OpsRamp holds them, written back as the options of the module that manages them (adopt as code).

The options come from the resource's fields: each field read from the object as the comparator reads it (its
canonical form is in the task's terms) and placed at its option path. Then they are proven: each exported object
must pass the argument spec and the option checks of its module, and compare equal to the object it came from. An
option that fails is left out (so a file leaves it as OpsRamp holds it) and said in a warning: an exported file never
changes its object when applied. A resource whose options may name other objects by name rather than by id (a custom
job's script) gets its proven options named by ``with_names``, proven again through the names' resolution.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import re

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.opsramp.automation.plugins.module_utils._engine import compare
from ansible_collections.opsramp.automation.plugins.module_utils._engine.paths import get_path, object_at
from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import OpsRampError, ValidationError


def exported_fields(model):
    """The fields of a model that are options, less those that restate an earlier one from the same API value (a
    job's start_time is its start_date's time of day)."""
    read, fields = set(), []
    for field in model.fields:
        if not read.intersection(field.reads) and not field.internal:
            fields.append(field)
        read.update(field.reads)
    return tuple(fields)


class Exporter:
    """Writes objects of ``resource`` as its module's options."""

    def __init__(self, resource):
        self.resource = resource
        self.fields = exported_fields(resource.model)
        self.order = tuple(option.name for option in resource.model.options)
        self._validator = ArgumentSpecValidator(resource.model.argument_spec())

    def options(self, api_object):
        """``(options, problems)`` for one full object; ``problems`` say what the options leave out and why."""
        options = _without_absent(self.values(api_object))
        problems = list(self.resource.unmodelled(api_object))
        for check in (self._spec_problems, self._model_problems, self._round_trip_problems):
            options, found = _drop_failing(options, check, api_object)
            problems.extend(found)
        return dict((key, options[key]) for key in sorted(options, key=self._rank)), problems

    def all(self, api_objects):
        """``(options list, warnings)`` for many objects. Objects that share a name (in one scope: a script's
        category) carry their ``id`` (the list module could not tell them apart otherwise)."""
        counts = {}
        for api_object in api_objects:
            counts[self._name_key(api_object)] = counts.get(self._name_key(api_object), 0) + 1
        exported, warnings = [], []
        for api_object in api_objects:
            options, problems = self.options(api_object)
            shared = counts[self._name_key(api_object)]
            if shared > 1:
                options = dict([('id', api_object.get('id'))] + list(options.items()))
                problems.append('%d %s have this name: the options carry the id, the only way to tell them apart; '
                                'consider renaming them' % (shared, self.resource.plural))
            warnings.extend("%s '%s' (id %s): %s" % (self.resource.noun, api_object.get('name'), api_object.get('id'),
                                                     problem) for problem in problems)
            exported.append(options)
        return exported, warnings

    def with_names(self, exported, naming):
        """``(options list, warnings)``: exported options (each proven by ``options``) naming other objects by name
        where ``naming`` can: ``naming.named(options)`` writes names for ids, ``naming.resolved(named)`` finds the
        ids again (as a task applying the file would). Named options are kept only when the module's argument spec
        and option checks take them and they resolve to exactly the proven options, as the comparator sees them;
        otherwise the ids stay, with a warning."""
        result, warnings = [], []
        for options in exported:
            named = naming.named(options)
            problem = self._naming_problem(options, named, naming) if named != options else None
            if problem:
                warnings.append("%s '%s': keeps ids rather than names: %s"
                                % (self.resource.noun, options.get('name'), problem))
            result.append(options if problem or named == options else named)
        return result, warnings

    def _naming_problem(self, options, named, naming):
        faults = self._spec_problems(named, None)
        if faults:
            return '%s: %s' % faults[0]
        model = self.resource.model
        try:
            self.resource.validate(dict(named, state='present'))
            resolved = naming.resolved(named)
        except OpsRampError as error:
            return error.message
        if compare.changed_paths(model.desired(resolved), model.desired(options)):
            return 'the names do not find the same objects again'
        return None

    def _name_key(self, api_object):
        """What a name is unique within: the tenant, or the object's scope (a script's category)."""
        return self.resource.scope_of(api_object), api_object.get('name')

    def values(self, api_object):
        """The value of every exported field of ``api_object``, at its option path, in its canonical form."""
        current = self.resource.model.current(api_object)
        options = {}
        for field in self.fields:
            value = get_path(current, field.option)
            if value is not None:
                object_at(options, field.option[:-1])[field.option[-1]] = value
        return options

    def _rank(self, name):
        return self.order.index(name) if name in self.order else len(self.order)

    def _spec_problems(self, options, dummy):
        """The options that the module's argument spec (types, choices) would refuse, each checked on its own."""
        faults = []
        for option in list(options):
            result = self._validator.validate({option: copy.deepcopy(options[option])})
            if result.error_messages:
                faults.append((option, result.error_messages[0]))
        return faults

    def _model_problems(self, options, dummy):
        try:
            self.resource.validate(dict(options, state='present'))
        except ValidationError as error:
            return [(top_option(error.option or 'name'), error.message)]
        return []

    def _round_trip_problems(self, options, api_object):
        """The options that, applied, would not compare equal to the object: never write a file that changes it."""
        model = self.resource.model
        changed = compare.changed_paths(model.desired(options), model.current(api_object))
        return [(top_option(path), 'OpsRamp holds a value the option cannot express') for path in changed]


def _without_absent(value):
    """``value`` without the keys holding None or an empty dict; an empty list is a value (a job without entities)."""
    if isinstance(value, dict):
        kept = dict((key, _without_absent(item)) for key, item in value.items() if item is not None)
        return dict((key, item) for key, item in kept.items() if item != {})
    if isinstance(value, list):
        return [_without_absent(item) for item in value]
    return value


def _drop_failing(options, check, api_object):
    """``options`` without the top-level options ``check`` finds fault with, until it finds none."""
    problems = []
    while True:
        faults = check(options, api_object)
        faults = [(option, why) for option, why in faults if option in options and option != 'name']
        if not faults:
            return options, problems
        for option, why in faults:
            options.pop(option, None)
            problems.append('%s is left out: %s' % (option, why))


def identifier(text, fallback):
    """``text`` as part of an Ansible variable name (a Vault placeholder's): lower case letters, digits and
    underscores; ``fallback`` when nothing of it is left."""
    return re.sub(r'[^a-z0-9]+', '_', str(text).lower()).strip('_') or fallback


def top_option(option_path):
    """The top-level option of a path: ``schedule`` for ``schedule.week_days``, ``entities`` for ``entities[0].id``."""
    return re.split(r'[.\[]', option_path.split(',')[0].strip(), maxsplit=1)[0]
