# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A tenant's RBA categories and scripts in memory behind a stand-in client, for the tests of the scripts adapter and
of opsramp_script_info (rba_support.py serves the lookups' tests).

``FakeRba`` answers the requests ``_scripts/api.py`` sends (the part of ``_http.client.Client`` it uses: ``get``,
``post``, ``request``, ``delete``, ``download``) as api-behaviour §20 describes them, and records every request as
``(method, path, body)``, the path relative to ``/rba``. Its settings play the answers the evidence allows (the
simulator's knobs of the same names): ``content`` (what a read says of the body), ``password`` (a PASSWORD default in
reads), ``command_in_reads``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import base64
import copy
import threading

from urllib.parse import urlencode

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.opsramp.automation.plugins.module_utils._engine.ensure import ensure
from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import ApiError
from ansible_collections.opsramp.automation.plugins.module_utils._scripts.adapter import SCRIPTS

TENANT = 'client_1'
URL = 'https://acme.api.opsramp.com'
MASK = '********'


def not_found(path):
    return ApiError('OpsRamp API error 404 on GET %s: not found' % path, status=404, method='GET', path=path,
                    body={'code': '0006', 'message': 'not found'})


class FakeRba:
    """A tenant's RBA store: ``categories`` ``{id: {id, name, parent}}``, ``scripts`` ``{id: script as sent, with
    category (id), content (text) and parameter ids}``.

    ``fail((method, path), error)`` makes that request raise ``error``; ``answer((method, path), value)`` makes it
    answer ``value`` (JSON, or bytes for a download) instead of the store's.
    """

    tenant_id = TENANT
    url = URL

    def __init__(self, content='url', password='masked', command_in_reads=False):
        self.content, self.password, self.command_in_reads = content, password, command_in_reads
        self.categories, self.scripts = {}, {}
        self.requests, self.warnings = [], []
        self._failures, self._answers = {}, {}
        self._ids = {'category': 100, 'script': 1000, 'parameter': 5000}
        self._lock = threading.Lock()

    # ------------------------------------------------------------------------------------------------ seeding

    def add_category(self, name, parent=None):
        ident = self._next('category')
        self.categories[ident] = dict(id=ident, name=name, parent=parent)
        return ident

    def add_script(self, category, name, content=None, command=None, execution_type='SHELL', file_name=None,
                   parameters=(), **fields):
        ident = self._next('script')
        script = dict(fields, id=ident, name=name, category=category, executionType=execution_type,
                      parameters=[dict(parameter, id=self._next('parameter')) for parameter in parameters])
        if command is not None:
            script['command'] = command
        else:
            script.update(content=content if content is not None else 'echo %s\n' % name,
                          attachment_name=file_name or '%s.sh' % name)
        self.scripts[ident] = script
        return ident

    def _next(self, kind):
        self._ids[kind] += 1
        return self._ids[kind] - 1

    # ------------------------------------------------------------------------------------------------ what tests set

    def fail(self, request, error):
        self._failures[request] = error

    def answer(self, request, value):
        self._answers[request] = value

    def writes(self):
        return [request for request in self.requests if request[0] != 'GET']

    # ------------------------------------------------------------------------------------------------ Client's API

    def api_path(self, *parts):
        return '/' + '/'.join(str(part) for part in parts)

    def warn(self, message):
        self.warnings.append(message)

    def get(self, path, query=None):
        return self.request('GET', path, query=query)

    def post(self, path, body):
        return self.request('POST', path, body=body)

    def delete(self, path):
        return self.request('DELETE', path)

    def download(self, path, query=None):
        key = (path + ('?' + urlencode(query) if query else ''))
        self.requests.append(('GET', key, None))
        if ('GET', key) in self._failures:
            raise self._failures[('GET', key)]
        if ('GET', key) in self._answers:
            return self._answers[('GET', key)]
        script = self.scripts.get(int(dict(query or ()).get('scriptId', 0)))
        if path != '/downloadScript.do' or script is None or script.get('content') is None:
            raise not_found(path)
        return script['content'].encode('utf-8')

    def request(self, method, path, query=None, body=None, idempotent=None):
        with self._lock:
            self.requests.append((method, path[len('/rba'):] if path.startswith('/rba') else path, copy.deepcopy(body)))
        key = (method, path[len('/rba'):] if path.startswith('/rba') else path)
        if key in self._failures:
            raise self._failures[key]
        if key in self._answers:
            return copy.deepcopy(self._answers[key])
        parts = key[1].strip('/').split('/')
        with self._lock:
            return copy.deepcopy(self._serve(method, parts, body, path))

    # ------------------------------------------------------------------------------------------------ the server

    def _serve(self, method, parts, body, path):
        if parts == ['categories']:
            return {'GET': self._tree, 'POST': self._create_category, 'PUT': self._rename_category}[method](body)
        category = self.categories.get(int(parts[1])) if parts[1].isdigit() else None
        if category is None:
            raise not_found(path)
        if len(parts) == 2 and method == 'DELETE':
            del self.categories[category['id']]
            return None
        if len(parts) == 3:
            if method == 'GET':
                return [self.view(script) for script in self.scripts.values() if script['category'] == category['id']]
            return self.view(self._store_script(None, category['id'], body))
        script = self.scripts.get(int(parts[3])) if parts[3].isdigit() else None
        if script is None or script['category'] != category['id']:
            raise not_found(path)
        if method == 'GET':
            return self.view(script)
        if method == 'DELETE':
            del self.scripts[script['id']]
            return None
        return self.view(self._store_script(script, category['id'], body))

    def _tree(self, dummy, parent=None):
        nodes = []
        for category in self.categories.values():
            if category['parent'] == parent:
                node = dict(id=category['id'], name=category['name'])
                children = self._tree(None, category['id'])
                if children:
                    node['childs'] = children
                nodes.append(node)
        return nodes

    def _create_category(self, body):
        ident = self._next('category')
        parent = (body.get('parent') or {}).get('id')
        self.categories[ident] = dict(id=ident, name=body['name'], parent=int(parent) if parent is not None else None)
        return dict(id=ident, name=body['name'])

    def _rename_category(self, body):
        self.categories[int(body['id'])]['name'] = body['name']
        return dict(id=int(body['id']), name=body['name'])

    def _store_script(self, old, category_id, body):
        ids = dict((parameter['name'], parameter['id']) for parameter in (old or {}).get('parameters') or [])
        script = dict((key, value) for key, value in body.items() if key not in ('attachment', 'command', 'id'))
        script.update(id=old['id'] if old else self._next('script'), category=category_id, parameters=[
            dict(parameter, id=ids.get(parameter['name']) or self._next('parameter'))
            for parameter in body.get('parameters') or []])
        if 'command' in body:
            script['command'] = body['command']
        if 'attachment' in body:
            script.update(content=base64.b64decode(body['attachment']['file']).decode('utf-8'),
                          attachment_name=body['attachment']['name'])
        self.scripts[script['id']] = script
        return script

    def view(self, script):
        """A script as a read answers it (api-behaviour §20.3)."""
        view = dict((key, copy.deepcopy(value)) for key, value in script.items()
                    if key not in ('content', 'attachment_name', 'command', 'category', 'parameters'))
        view['category'] = dict(id=script['category'], name=self.categories.get(script['category'], {}).get('name'))
        view['parameters'] = [self._parameter_view(parameter) for parameter in script.get('parameters') or []]
        if 'content' in script:
            view['attachment'] = dict(id=0, name=script['attachment_name'])
            if self.content == 'inline':
                view['attachment']['file'] = base64.b64encode(script['content'].encode('utf-8')).decode('ascii')
            elif self.content in ('url', 'url_by_name'):
                query = [('fileName', script['attachment_name']), ('version', '0.00')]
                query += [('scriptId', script['id'])] if self.content == 'url' else []
                view['attachment']['contentURL'] = '%s/downloadScript.do?%s' % (URL, urlencode(query))
        if 'command' in script and self.command_in_reads:
            view['command'] = script['command']
        view['scriptVersion'] = '0.00'
        return view

    def _parameter_view(self, parameter):
        view = dict(parameter)
        if str(parameter.get('dataType')).upper() == 'PASSWORD' and 'defaultValue' in view:
            if self.password == 'omitted':
                del view['defaultValue']
            elif self.password == 'masked' and view['defaultValue']:
                view['defaultValue'] = MASK
        return view


def validated(resource, raw):
    """``raw`` options (None: left out) through ``resource``'s argument spec, as AnsibleModule would give them, plus
    ``state``."""
    raw = dict((key, value) for key, value in raw.items() if value is not None)
    state = raw.pop('state', 'present')
    result = ArgumentSpecValidator(resource.argument_spec(raw_params=raw)).validate(raw)
    assert not result.error_messages, result.error_messages
    return dict(result.validated_parameters, state=state)


def apply_exported(client, result):
    """Apply every script opsramp_script_info exported (``result``) with opsramp_script's flow, as a playbook applies
    the files: the body read from the file ``src`` names, the Vault variables given a value. The results."""
    applied = []
    for options in result['scripts']:
        options = dict(options)
        if 'src' in options:
            options['content'] = result['files'][options.pop('src')]
        for parameter in options.get('parameters') or []:
            if parameter['default'].startswith('{{'):
                parameter['default'] = 'from-the-vault'
        applied.append(ensure(SCRIPTS, client, validated(SCRIPTS, options)))
    return applied
