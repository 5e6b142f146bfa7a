# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the engine's unit tests share: a tenant in memory behind a stand-in client, and a made-up resource.

``FakeClient`` answers the requests the adapters send (the part of ``_http.client.Client`` they use) from an
in-memory store and records every request, so a test asserts what the engine sent as well as what it returned.
It serves the real jobs adapter (``_jobs.adapter.JOBS``, through the real Jobs API module) as well as ``WIDGETS``.

``WIDGETS`` is a resource that is not a job: a table of its own (two sections, a field with two API spellings, a
field that applies only to some values of its section, a sensitive field, read-only enrichments), an adapter that
keeps the ``Resource`` defaults wherever it can, and search results that leave a section out. What the engine does
for it, it does for any resource.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import threading

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.opsramp.automation.plugins.module_utils._engine.fields import Field, Option, Section
from ansible_collections.opsramp.automation.plugins.module_utils._engine.kinds import Choice, Count, Flag, Text
from ansible_collections.opsramp.automation.plugins.module_utils._engine.listing import list_all
from ansible_collections.opsramp.automation.plugins.module_utils._engine.model import Model
from ansible_collections.opsramp.automation.plugins.module_utils._engine.resource import Resource
from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import (
    NOT_FOUND_CODE, REDACTED, ApiError, ObjectLookupError, ValidationError)
from ansible_collections.opsramp.automation.plugins.module_utils._http.paginator import PAGE_SIZE, Paginator
from ansible_collections.opsramp.automation.plugins.module_utils._jobs.adapter import JOBS

TENANT = 'client_1'
PAGING = ('pageNo', 'pageSize')


# ---------------------------------------------------------------------------------------------------- the tenant

def _job_search_result(job):
    """A job as a search lists it: no entities, no script parameters (api-behaviour §4)."""
    listed = dict((key, value) for key, value in job.items() if key != 'entities')
    if isinstance(listed.get('script'), dict):
        listed['script'] = dict((key, value) for key, value in listed['script'].items() if key != 'parameters')
    return listed


def _widget_search_result(widget):
    return dict((key, value) for key, value in widget.items() if key != 'settings')


SEARCH_RESULT = {'jobs': _job_search_result, 'widgets': _widget_search_result}


class FakeClient:
    """A tenant in memory: ``stored`` is ``{collection: [objects]}`` (``jobs``, ``widgets``, ``resources``).

    Every request is recorded in ``requests`` as ``(method, path, query)``, the query without its paging (None when
    empty). ``fail(request, error)`` makes the requests ``request`` describes raise ``error``; ``stores_as[path]``
    is the object a write to ``path`` stores and answers instead of the body sent (a server that rewrites a value);
    ``unlisted`` the ids of stored objects that searches do not show (yet).
    """

    tenant_id = TENANT

    def __init__(self, page_size=PAGE_SIZE, job_types=(), **stored):
        self.store = dict((name, dict((obj['id'], copy.deepcopy(obj)) for obj in objects))
                          for name, objects in stored.items())
        self.page_size = page_size
        self.job_types = list(job_types)
        self.requests, self.warnings = [], []
        self.failures, self.stores_as, self.unlisted = [], {}, set()
        self._lock = threading.Lock()

    # ------------------------------------------------------------------------------------------------ Client's API

    def api_path(self, *parts):
        return '/' + '/'.join(str(part) for part in parts)

    def warn(self, message):
        self.warnings.append(message)

    def redact(self, value):
        return value

    def paginate(self, path, query=None, page_size=None):
        return Paginator(lambda number, size: self.get(path, dict(query or {}, pageNo=number, pageSize=size)),
                         page_size or self.page_size)

    def get(self, path, query=None):
        if path == '/rba/categories':  # a tenant without RBA scripts (exporting custom jobs lists the categories)
            self._route('GET', path, query)
            return []
        collection, rest = self._route('GET', path, query)
        if rest == 'search':
            return self._search(collection, query or {})
        if collection == 'jobs' and rest == 'types':
            return {'jobNameAndType': [dict(jobName=name, jobtype=name) for name in self.job_types]}
        return copy.deepcopy(self._stored(collection, rest))

    def post(self, path, body):
        collection, rest = self._route('POST', path, None)
        with self._lock:
            if rest is None:
                rest = self._new_id(collection, body.get('name'))
            else:
                self._stored(collection, rest)
            obj = copy.deepcopy(self.stores_as.get(path, body))
            obj['id'] = rest
            self.store.setdefault(collection, {})[rest] = obj
            return copy.deepcopy(obj)

    def delete(self, path):
        collection, rest = self._route('DELETE', path, None)
        with self._lock:
            self._stored(collection, rest)
            del self.store[collection][rest]

    # ------------------------------------------------------------------------------------------------ what tests set

    def fail(self, request, error):
        """Raise ``error`` for each request matching ``request``: ``(method, path)``, or ``(method, path, query)`` as
        recorded."""
        self.failures.append((tuple(request), error))

    # ------------------------------------------------------------------------------------------------ what tests read

    def objects(self, collection):
        """The stored objects of ``collection``, in the order they were stored."""
        return list(self.store.get(collection, {}).values())

    def made(self, *methods):
        return [request for request in self.requests if request[0] in methods]

    def writes(self):
        return self.made('POST', 'DELETE')

    # ------------------------------------------------------------------------------------------------ the server

    def _route(self, method, path, query):
        shown = dict((key, value) for key, value in (query or {}).items() if key not in PAGING) or None
        with self._lock:
            self.requests.append((method, path, shown))
        for failing, error in self.failures:
            if failing == (method, path, shown)[:len(failing)]:
                raise copy.copy(error)
        parts = path.strip('/').split('/')
        return parts[0], (parts[1] if len(parts) > 1 else None)

    def _stored(self, collection, object_id):
        found = self.store.get(collection, {}).get(object_id)
        if found is None:
            raise ApiError('OpsRamp API error 500: not found', status=500, path='/%s/%s' % (collection, object_id),
                           body={'code': NOT_FOUND_CODE, 'message': 'not found'})
        return found

    def _new_id(self, collection, name):
        object_id, copies = 'new-%s' % name, 1
        while object_id in self.store.get(collection, {}):
            copies += 1
            object_id = 'new-%s-%d' % (name, copies)
        return object_id

    def _search(self, collection, query):
        """Every object, oldest first, in the search envelope (the queryString hint is ignored, as a server may)."""
        listed = [SEARCH_RESULT.get(collection, dict)(obj) for obj in self.objects(collection)
                  if obj['id'] not in self.unlisted]
        size, number = query.get('pageSize', len(listed) or 1), query.get('pageNo', 1)
        pages = max(-(-len(listed) // size), 1)
        return dict(results=copy.deepcopy(listed[(number - 1) * size:number * size]), totalResults=len(listed),
                    totalPages=pages, pageNo=number, nextPage=number < pages)


class RacingClient(FakeClient):
    """A tenant where another run working at the same time creates each new object just before this run does: its
    copy (id ``other-<n>``) holds what this run sends, with ``rival`` laid over it."""

    rival = {'size': 9}
    rivals = 0

    def post(self, path, body):
        if path.count('/') == 1:  # a create
            with self._lock:
                self.rivals += 1
                other = 'other-%d' % self.rivals
                self.store.setdefault(path.strip('/'), {})[other] = dict(copy.deepcopy(body), id=other, **self.rival)
        return super(RacingClient, self).post(path, body)


def search(collection, **query):
    """The request ``FakeClient`` records for a search of ``collection``."""
    return ('GET', '/%s/search' % collection, query or None)


# ---------------------------------------------------------------------------------------------------- widgets

SHAPES = {'round': 'ROUND', 'square': 'SQUARE'}
MODES = {'fixed': 'FIXED', 'every': 'EVERY_N'}


def is_every(timing):
    return timing.get('mode') == 'every'


class Key(Text):
    """A widget's key: always a secret, whatever the task asks."""

    def secret_values(self, value, hide):
        return [value] if value else []

    def masked(self, value, hide):
        return REDACTED if value else value

    def masked_api(self, raw, hide):
        return REDACTED if raw else raw


WIDGET_OPTIONS = (
    Option('id', ['Identifier OpsRamp gave the widget; when given, O(name) does not find it.']),
    Field('name', 'name', Text(blank=False), ['Name of the widget, see O(id).']),
    Field('size', 'size', Count('slots'), ['How many slots the widget takes.']),
    Field('enabled', ('enabled', 'isEnabled'), Flag(), ['Whether the widget shows.'], absent=False),
    Field('shape', 'look.shape', Choice(SHAPES), ['Its shape.']),
    Section('timing', 'timing', ['When it refreshes: O(timing.mode=every) needs O(timing.minutes).'], [
        Field('mode', 'mode', Choice(MODES), ['Fixed, or every O(timing.minutes).'], required=True),
        Field('minutes', 'everyMinutes', Count('minutes'), ['Only with O(timing.mode=every).'],
              when=is_every, also_write={'unit': 'MINUTES'}),
    ]),
    Section('vault', 'settings.vault', ['Where the widget keeps its key; search results leave it out.'], [
        Field('key', 'key', Key(), ['The key.'], sensitive=True),
        Field('hint', 'hint', Text(), ['What the key is for.'], absent=''),
    ]),
)
# the renders OpsRamp adds to a widget it returns: never compared, never sent back
WIDGET_READ_ONLY = ((('look',), ('rendered',)), (('parts', '[]'), ('cached',)))


class WidgetResource(Resource):
    """Widgets: the ``Resource`` defaults (validate, wanted, payload...) with a store of their own. OpsRamp (here)
    refuses to delete a widget that is ``locked``."""

    noun = 'widget'
    plural = 'widgets'
    model = Model(WIDGET_OPTIONS, WIDGET_READ_ONLY)
    settles_copies = True
    list_description = ('The widgets to reconcile, matched by O(id), else by O(name).',)

    def needs_full(self, desired):
        return 'vault' in desired

    def check_create(self, desired):
        if not desired.get('name'):
            raise ValidationError('name: required to create a widget', option='name')

    def check_deletion(self, client, obj):
        if obj.get('locked'):
            raise ObjectLookupError("widget '%s' (id %s) is locked: OpsRamp refuses to delete it"
                                    % (obj.get('name'), obj['id']))

    def find(self, client, target):
        if target.object_id:
            return self.get(client, target.object_id, target.scope)
        named = [obj for obj in client.paginate('/widgets/search')
                 if obj.get('name') == target.name and self.scope_of(obj) == target.scope]
        if len(named) > 1:
            raise ObjectLookupError("%d widgets are named '%s'" % (len(named), target.name))
        return self.get(client, named[0]['id'], target.scope) if named else None

    def get(self, client, object_id, scope=None):
        try:
            return client.get('/widgets/%s' % object_id)
        except ApiError as error:
            if error.code != NOT_FOUND_CODE:
                raise
            return None

    def list_all(self, client, pool, wants_full):
        return list_all(client.paginate('/widgets/search'), pool, lambda object_id: self.get(client, object_id),
                        wants_full)

    def search_copies(self, client, names):
        return list(client.paginate('/widgets/search', query=dict(oldest='first')))

    def create(self, client, payload):
        return client.post('/widgets', payload)

    def update(self, client, obj, payload, not_stored=None):
        return client.post('/widgets/%s' % obj['id'], payload)

    def delete(self, client, obj):
        try:
            client.delete('/widgets/%s' % obj['id'])
        except ApiError as error:
            if error.code != NOT_FOUND_CODE:
                raise
            return False
        return True


class ShapedWidgetResource(WidgetResource):
    """Widgets whose names are unique within their shape only (as an RBA script's name is within its category)."""

    def element_scope(self, params):
        return params.get('shape')

    def scope_of(self, obj):
        return self.model.current(obj).get('shape')

    def wanted(self, params, labels=None):
        target = super(ShapedWidgetResource, self).wanted(params, labels)
        target.scope = params.get('shape')
        return target


SHAPED_WIDGETS = ShapedWidgetResource()
WIDGETS = WidgetResource()


def stored_widget(widget_id, name, **fields):
    """A widget as OpsRamp holds it: every field in its API form, and the enrichments it adds."""
    widget = {'id': widget_id, 'name': name, 'size': 2, 'enabled': True, 'look': {'shape': 'ROUND', 'rendered': '<o>'},
              'timing': {'mode': 'FIXED'}, 'settings': {'vault': {'key': 'k-%s' % name, 'hint': ''}}}
    widget.update(fields)
    return widget


def widget_params(**options):
    """Widget options as Ansible passes them (every option, None when not given), plus ``state``."""
    return validated(WIDGETS, dict(dict(name='w', size=2, enabled=True, shape='round'), **options))


# ---------------------------------------------------------------------------------------------------- jobs

START = '2026-01-05T06:30:00+0000'


def stored_job(job_id, name, week_day='Monday', **fields):
    """A weekly adCheckList job on one device, as OpsRamp returns it."""
    job = {'id': job_id, 'name': name, 'jobQueued': False,
           'entities': [{'resource': {'id': 'dev-1', 'type': 'DEVICE'}}], 'script': {'jobType': 'adCheckList'},
           'schedule': {'startDate': START, 'pattern': {'type': 'weekly', 'weekDays': week_day}}}
    job.update(fields)
    return job


def job_params(**options):
    """Job options as Ansible passes them, plus ``state``: a weekly adCheckList job named nightly unless told."""
    return validated(JOBS, dict(dict(name='nightly', job_type='adCheckList',
                                     schedule=dict(type='weekly', week_days=['mon'], start_date='2026-01-05T06:30Z')),
                                **options))


def validated(resource, raw):
    """``raw`` options (None: left out) through ``resource``'s argument spec, as AnsibleModule would give them, plus
    ``state``."""
    raw = dict((key, value) for key, value in raw.items() if value is not None)
    state = raw.pop('state', 'present')
    result = ArgumentSpecValidator(resource.argument_spec()).validate(raw)
    assert not result.error_messages, result.error_messages
    return dict(result.validated_parameters, state=state)
