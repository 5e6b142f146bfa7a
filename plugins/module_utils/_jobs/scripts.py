# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A custom job's RBA script and parameters named by name (api-behaviour §20.10).

A task may name the script by ``custom_script.script`` (its name and category) and each parameter by ``name``; they
are resolved into the ids OpsRamp stores (``custom_script.id``, ``parameters[].id``) through a ``ScriptResolver``
(``_scripts/lookup.py``) before the desired state is built, so comparison and writes are exactly as with ids, and
the diff shows each resolved id after its name. An export goes the other way: ``ScriptNames`` writes a custom job's
ids as names where the names find exactly those ids again.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

from ansible_collections.opsramp.automation.plugins.module_utils._engine.answers import ask_all
from ansible_collections.opsramp.automation.plugins.module_utils._engine.labels import Labels
from ansible_collections.opsramp.automation.plugins.module_utils._engine.values import as_dict, text
from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import ObjectLookupError, OpsRampError
from ansible_collections.opsramp.automation.plugins.module_utils._scripts.lookup import (
    ScriptReference, declared_parameter)

SCRIPT_LABEL = 'custom_script.id'
PARAMETER_LABEL = 'custom_script.parameters[].id'


def _custom_script(params):
    """The ``custom_script`` options of a job to keep present, or None."""
    if params.get('state', 'present') == 'absent':
        return None
    custom_script = params.get('custom_script')
    return custom_script if isinstance(custom_script, dict) else None


def reference_of(params):
    """The ``ScriptReference`` of the script a job's options name by name, or None."""
    script = (_custom_script(params) or {}).get('script')
    if not isinstance(script, dict):
        return None
    return ScriptReference(script.get('name'), script.get('category'), script.get('category_id'))


def _named_parameters(custom_script):
    return [index for index, parameter in enumerate(custom_script.get('parameters') or [])
            if isinstance(parameter, dict) and parameter.get('name') is not None]


def _needs_every_script(params):
    """Whether a job names parameters of a script it gives by id: the script is then looked for in every category."""
    custom_script = _custom_script(params)
    return bool(custom_script and custom_script.get('script') is None and _named_parameters(custom_script))


# ---------------------------------------------------------------------------------------------------- resolving

def answer_jobs(resolver, job_params, workers=1):
    """Look up every distinct script of a list of job options, ``workers`` at a time, so that each answer (a script,
    or the error to raise) is known before anything is written; the errors are raised by ``resolve_job``."""
    references = dict((reference.key, reference) for reference in map(reference_of, job_params) if reference is not None)
    ask_all(lambda reference: resolver.find(reference, 'custom_script.script'), references.values(), workers,
            expected=ObjectLookupError)
    if any(_needs_every_script(params) for params in job_params):
        resolver.every_script(workers)


def resolve_job(resolver, params, labels=None, prefix=''):
    """``(params, labels)``: job options with the script and the parameters they name by name replaced by their ids,
    and ``labels`` (a ``Labels``, made when None) holding the names to show beside those ids. Options that name
    nothing by name cost nothing. ``prefix`` (``jobs[3].``) starts the option paths of messages.

    Raises ObjectLookupError naming the option when the script is not found, or is not unique, and naming every
    parameter the script does not declare.
    """
    labels = labels if labels is not None else Labels()
    custom_script = _custom_script(params)
    reference = reference_of(params)
    if custom_script is None or (reference is None and not _named_parameters(custom_script)):
        return params, labels
    path = prefix + 'custom_script'
    if reference is not None:
        script = resolver.find(reference, path + '.script')
        labels.add(SCRIPT_LABEL, text(script.get('id')), reference.name)
    else:
        script = resolver.by_id(custom_script['id'], path + '.id')
    resolved = dict(custom_script, id=text(script.get('id')), script=None)
    if custom_script.get('parameters') is not None:
        resolved['parameters'] = _resolved_parameters(script, custom_script['parameters'], path, labels)
    return dict(params, custom_script=resolved), labels


def _resolved_parameters(script, parameters, path, labels):
    """The parameters with each name replaced by the id the script declares it with; one error naming every name
    the script does not declare, and any id given twice once the names are resolved."""
    resolved, problems, given = [], [], {}
    for index, parameter in enumerate(parameters):
        option = '%s.parameters[%d]' % (path, index)
        if parameter.get('name') is not None:
            try:
                parameter = dict(parameter, id=declared_parameter(script, parameter['name'], option + '.name'), name=None)
            except ObjectLookupError as error:
                problems.append(error.message)
                continue
            labels.add(PARAMETER_LABEL, parameter['id'], parameters[index]['name'])
        if text(parameter['id']) in given:
            problems.append('%s: parameter %s is also given by %s' % (option, parameter['id'], given[text(parameter['id'])]))
        given.setdefault(text(parameter['id']), option)
        resolved.append(parameter)
    if problems:
        raise ObjectLookupError('; '.join(problems))
    return resolved


# ---------------------------------------------------------------------------------------------------- export

class ScriptNames:
    """Exported custom jobs with their script and parameters named by name, for ``Exporter.with_names``.

    ``prepare()`` reads every script once (the categories, then each category's scripts, ``workers`` at a time, all
    kept by ``resolver``), then ``named`` writes a job's script as ``{name, category}`` when its category's path and
    its name within that category find it alone, and each of its parameters by name when the script declares that
    name once; anything else keeps its id. ``resolved`` is the way back, with the same reads.
    """

    def __init__(self, resolver, workers=1):
        self.resolver = resolver
        self.workers = workers
        self._by_id = {}

    def prepare(self):
        """Read the scripts; the warnings to give (a failed read means ids, not a failed export)."""
        try:
            pairs, problems = self.resolver.every_script(self.workers)
        except OpsRampError as error:
            return ['custom jobs name their scripts by id: the RBA categories could not be listed: %s' % error.message]
        self._by_id = dict((text(script.get('id')), (category, script)) for category, script in pairs)
        return ['custom jobs of scripts there name them by id: %s' % problem for problem in problems]

    def named(self, options):
        """``options`` (a job's, as exported) with its script and parameters named by name where that is exact."""
        custom_script = as_dict(options.get('custom_script'))
        found = self._by_id.get(text(custom_script.get('id'))) if custom_script.get('id') is not None else None
        if found is None or not self._finds_alone(*found):
            return options
        category, script = found
        named = dict(script=dict(name=script.get('name'), category=category.path_text))
        named.update((key, value) for key, value in custom_script.items() if key not in ('id', 'parameters'))
        if 'parameters' in custom_script:
            named['parameters'] = [_named_parameter(script, parameter) for parameter in custom_script['parameters']]
        return dict((key, named if key == 'custom_script' else value) for key, value in options.items())

    def resolved(self, options):
        """Named options back in ids, through the reads ``prepare`` made."""
        return resolve_job(self.resolver, dict(options, state='present'))[0]

    def _finds_alone(self, category, script):
        reference = ScriptReference(script.get('name'), category.path_text)
        try:
            return text(self.resolver.find(reference, 'custom_script.script').get('id')) == text(script.get('id'))
        except OpsRampError:
            return False


def _named_parameter(script, parameter):
    """An exported parameter by the name its script declares it with, when that name is the script's only one."""
    declared = [item for item in script.get('parameters') or [] if isinstance(item, dict)]
    own = [item for item in declared if text(item.get('id')) == text(parameter.get('id'))]
    if len(own) != 1 or [item.get('name') for item in declared].count(own[0].get('name')) != 1:
        return parameter
    named = dict(name=own[0].get('name'))
    named.update((key, copy.deepcopy(value)) for key, value in parameter.items() if key != 'id')
    return named
