# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A job's entities: the ``entities`` field's kind, and the entities a task names by name, host name or IP address
resolved into the ids OpsRamp stores (``_resources/lookup.py``, api-behaviour §18)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.opsramp.automation.plugins.module_utils._engine.kinds import Kind, stored_first
from ansible_collections.opsramp.automation.plugins.module_utils._engine.labels import Labels
from ansible_collections.opsramp.automation.plugins.module_utils._engine.values import as_dict, text
from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import ObjectLookupError, ResourceLookupError
from ansible_collections.opsramp.automation.plugins.module_utils._resources.lookup import (
    answer_all, lookup_of, resolve_entities)

LABEL_PATH = 'entities[].id'


class Entities(Kind):
    """The job's resources: a set of (TYPE, id) pairs, whatever the order and the server's additions.

    Types compare regardless of case; a new entity is sent in upper case, one the job has is sent back as stored
    (api-behaviour §10).
    """
    spec = dict(type='list', elements='dict')

    def desired(self, value):
        return canonical_entities(value)

    def current(self, raw):
        return canonical_entities(raw)

    def native(self, raw):
        return [_request_entity(entity) for entity in raw] if isinstance(raw, list) else raw

    def to_api(self, value, stored, now):
        wanted = [(entity['type'], entity['id']) for entity in value]
        return [item or {'resource': {'id': pair[1], 'type': pair[0]}}
                for pair, item in stored_first(wanted, stored, _entity_pair)]


def _entity_pair(entity):
    """(TYPE, id) of an entity, with or without the {resource: {...}} wrapper; None when it has no id."""
    entity = as_dict(entity)
    resource = entity['resource'] if isinstance(entity.get('resource'), dict) else entity
    if resource.get('id') in (None, ''):
        return None
    return (text(resource.get('type') or 'DEVICE').strip().upper(), text(resource.get('id')))


def canonical_entities(entities):
    """Entities as a sorted, deduplicated list of {'id', 'type'}: order and server additions do not matter."""
    pairs = set(pair for pair in (_entity_pair(entity) for entity in entities or []) if pair is not None)
    return [{'id': entity_id, 'type': entity_type} for entity_type, entity_id in sorted(pairs)]


def _request_entity(entity):
    """An entity in request form: always wrapped in ``resource`` (keys beside ``resource`` kept)."""
    if isinstance(entity, dict) and not isinstance(entity.get('resource'), dict):
        return {'resource': dict(entity)}
    return entity


# ---------------------------------------------------------------------------------------------------- resolving

def resolve_job(resolver, params, path='entities'):
    """``(params, labels)``: job options with their entities resolved to ids (``lookup.resolve_entities``), and the
    ``Labels`` the diff shows beside them. A job to delete, or one that leaves its entities alone, costs nothing."""
    labels = Labels()
    if params.get('state', 'present') == 'absent' or not params.get('entities'):
        return params, labels
    entities, found = resolve_entities(resolver, params['entities'], path)
    for entity_id, value in found.items():
        labels.add(LABEL_PATH, entity_id, value)
    return dict(params, entities=entities), labels


def answer_jobs(resolver, job_params, workers=1):
    """Search every distinct lookup of a list of job options, ``workers`` at a time, so that each answer (a resource,
    or the lookup error to raise) is known before anything is written."""
    answer_all(resolver, [lookup for params in job_params if params.get('state', 'present') != 'absent'
                          for lookup in map(lookup_of, params.get('entities') or []) if lookup is not None], workers)


def resolve_jobs(resolver, job_params, workers=1):
    """``[(params, labels)]`` for a list of job options, every distinct lookup searched once, ``workers`` at a time.

    Every lookup is answered before this returns, so a task fails before any write when one entity, anywhere in
    the list, names no resource or several: ResourceLookupError lists them all.
    """
    answer_jobs(resolver, job_params, workers)
    return resolve_every(job_params, lambda index, params: resolve_job(resolver, params, 'jobs[%d].entities' % index))


def resolve_every(job_params, resolve_one):
    """``[resolve_one(index, params)]`` for every element of a list of job options. When lookups fail, one error
    after every element was tried, naming each failing one: nothing has been written. It is a ResourceLookupError
    when only entities failed, else an ObjectLookupError; ``matches`` lists what names several objects matched."""
    resolved, problems = [], []
    for index, params in enumerate(job_params):
        try:
            resolved.append(resolve_one(index, params))
        except (ResourceLookupError, ObjectLookupError) as error:
            problems.append(error)
    if problems:
        error_class = ResourceLookupError if all(isinstance(error, ResourceLookupError) for error in problems) \
            else ObjectLookupError
        raise error_class('%s; nothing was written' % '; '.join(error.message for error in problems),
                          matches=[match for error in problems for match in error.details.get('matches') or []])
    return resolved
