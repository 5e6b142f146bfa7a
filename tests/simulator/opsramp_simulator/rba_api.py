# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

# The HTTP side of the RBA endpoints (docs/api-behaviour.md §20): which handler answers a path under
# /api/v2/tenants/{tenantId}/rba, the contentURL download, and the /_sim/rba control calls. Handlers return the keyword
# arguments of server.Response ({'status': 200, 'body': ...}); the server adds auth, rate limits, faults and the log.

import json

from .rba import RbaError, bad_request, category_tree_view, category_view, script_view


def _answer(status, body=None):
    return {'status': status} if body is None else {'status': status, 'body': body}


def _json(raw):
    """The request body as JSON; RbaError 400 (code 0001) when it is empty or not JSON, as for jobs."""
    try:
        body = json.loads(raw.decode('utf-8')) if raw else None
    except (UnicodeDecodeError, ValueError):
        body = None
    if body is None:
        raise bad_request('', 'Malformed or empty JSON request body', code='0001')
    return body


class _Request:
    """One API request under .../rba: the store, the knobs of the moment, the tenant and the body."""

    def __init__(self, store, cfg, base_url, tenant, raw):
        self.store = store
        self.cfg = cfg
        self.base_url = base_url
        self.tenant = tenant
        self.raw = raw

    def answer(self, action):
        try:
            return action()
        except RbaError as exc:
            return _answer(exc.status, exc.body)

    def _script(self, script):
        return script_view(script, self.store.category_name(script.category), self.cfg, self.base_url)

    # ------------------------------------------------------------ categories

    def list_categories(self):
        return _answer(200, category_tree_view(self.store.tree(self.tenant), self.cfg))

    def create_category(self):
        return _answer(200, category_view(self.store.create_category(self.tenant, _json(self.raw), self.cfg), self.cfg))

    def update_category(self):
        return _answer(200, category_view(self.store.update_category(self.tenant, _json(self.raw), self.cfg), self.cfg))

    def delete_category(self, category_id):
        self.store.delete_category(self.tenant, category_id, self.cfg)
        return _answer(200)

    # ------------------------------------------------------------ scripts

    def list_scripts(self, category_id):
        views = [self._script(s) for s in self.store.scripts_in(self.tenant, category_id, self.cfg)]
        if self.cfg.rba_script_list_shape == 'object_if_one' and len(views) == 1:
            return _answer(200, views[0])
        return _answer(200, views)

    def create_script(self, category_id):
        return _answer(200, self._script(self.store.create_script(self.tenant, category_id, _json(self.raw), self.cfg)))

    def get_script(self, category_id, script_id):
        script = self.store.get_script(self.tenant, category_id, script_id, self.cfg)
        if self.cfg.rba_script_get_shape == 'object':
            return _answer(200, self._script(script))
        if self.cfg.rba_script_get_shape == 'list':
            return _answer(200, [self._script(script)])
        # 'category_list': the spec's example answers every script of the category
        return _answer(200, [self._script(s) for s in self.store.scripts_in(self.tenant, script.category, self.cfg)])

    def update_script(self, category_id, script_id):
        body = _json(self.raw)
        return _answer(200, self._script(self.store.update_script(self.tenant, category_id, script_id, body, self.cfg)))

    def delete_script(self, category_id, script_id):
        self.store.delete_script(self.tenant, category_id, script_id, self.cfg)
        return _answer(200)


def api_table(store, cfg, base_url, tenant, sub, raw):
    """{method: handler} for the path .../rba/<sub...>, or None when there is no such path.

    No GET of one category (the spec has none: read the list) and no DELETE on .../scripts without a script id (the
    spec lists one, with no way to name the script; every client deletes .../scripts/{scriptId}).
    """
    request = _Request(store, cfg, base_url, tenant, raw)

    def handler(method, *args):
        return lambda: request.answer(lambda: method(*args))

    if sub == ['categories']:
        return {'GET': handler(request.list_categories), 'POST': handler(request.create_category),
                'PUT': handler(request.update_category)}
    if len(sub) == 2 and sub[0] == 'categories':
        return {'DELETE': handler(request.delete_category, sub[1])}
    if len(sub) == 3 and sub[0] == 'categories' and sub[2] == 'scripts':
        return {'GET': handler(request.list_scripts, sub[1]), 'POST': handler(request.create_script, sub[1])}
    if len(sub) == 4 and sub[0] == 'categories' and sub[2] == 'scripts':
        return {'GET': handler(request.get_script, sub[1], sub[3]), 'POST': handler(request.update_script, sub[1], sub[3]),
                'DELETE': handler(request.delete_script, sub[1], sub[3])}
    return None


def download(store, cfg, method, query):
    """GET of an attachment.contentURL: the body bytes, or 404 (always, with rba_script_content='url_unreachable')."""
    if method != 'GET':
        return _answer(405, {'error': 'method_not_allowed', 'error_description': "Request method '%s' not supported" % method})
    content = None if cfg.rba_script_content == 'url_unreachable' else store.download(query, cfg)
    if content is None:
        return {'status': 404, 'raw': '<html><body><h1>404 Not Found</h1></body></html>', 'content_type': 'text/html'}
    name = str(query.get('fileName') or 'script').replace('"', '')
    return {'status': 200, 'raw': content, 'content_type': 'application/octet-stream',
            'headers': [('Content-Disposition', 'attachment; filename="%s"' % name)]}


def control(store, method, parts, query, body, default_tenant):
    """The /_sim/rba calls (README); None when the path is not one of them. ValueError answers 400."""
    tenant = query.get('tenant') or None
    key = (method,) + tuple(parts[:1]) + (len(parts),)
    if key == ('GET', 0):
        return _answer(200, store.control_view(tenant))
    if key == ('DELETE', 0):
        return _answer(200, {'deleted': store.delete_all()})
    items = body if isinstance(body, list) else [body]
    if key == ('POST', 'categories', 1):
        return _answer(200, [store.seed_category(item, tenant or default_tenant) for item in items])
    if key == ('POST', 'scripts', 1):
        return _answer(200, [store.seed_script(item) for item in items])
    if key[:2] == (method, 'scripts') and len(parts) == 2 and method in ('GET', 'DELETE'):
        view = store.control_script(parts[1])
        if view is None:
            return _answer(404, {'error': 'no such script: %s' % parts[1]})
        if method == 'DELETE':
            store.remove_script(parts[1])
        return _answer(200, view)
    return None
