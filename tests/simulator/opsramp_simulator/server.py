# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

# The HTTP side: request handler, routing of the OpsRamp API, the /_sim/ control API and the Simulator class.

import base64
import json
import math
import socket
import ssl
import struct
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

from .config import SimConfig
from .control import SimControl
from . import rba, rba_api, resources
from .rewrites import matches_query, parse_query_string, read_form, stored_form, validate
from .state import SimState

# api-behaviour §5 (the key is 'jobtype' with a lower-case t)
JOB_TYPES = (
    ('AD CheckList', 'adCheckList'), ('Anti SpyWare', 'antispyware'), ('Antivirus Update', 'antivirus'),
    ('Application Scan', 'appaudit'), ('Asset Information', 'assetinfo'), ('BackUp Agent', 'backupagent'),
    ('Disk Defragmentation', 'diskdefrag'), ('EXBPA CheckList', 'exbpaCheckList'),
    ('Missing Patches Request', 'missingPatchesRequest'), ('MSSQL Report', 'sqlreport'),
    ('Network Configuration Backup', 'networkconfigbackup'), ('TempFiles Deletion', 'tempfilesreport'),
    ('Application Install', 'appinstall'), ('Application Update', 'appupdate'),
)

INVALID_TOKEN = {'error': 'invalid_token', 'error_description': 'Invalid access token'}
THROTTLED = {'error': 'throttled', 'error_description': 'Too Many Requests'}
BAD_CREDENTIALS = {'error': 'unauthorized', 'error_description': 'Bad API credentials'}

# default bodies of "status" faults
FAULT_BODIES = {
    400: {'error': 'invalid_token', 'error_description': 'Unable to authenticate'},
    401: INVALID_TOKEN,
    404: {'code': '0006', 'message': 'Not found'},
    407: {'error': 'invalid_token', 'error_description': 'Token expired'},
    410: {'error': 'gone', 'error_description': 'Tenant is unavailable or deactivated'},
    429: THROTTLED,
    500: {'code': '0005', 'message': 'Internal server error'},
    502: {'error': 'bad_gateway', 'error_description': 'Bad Gateway'},
    503: {'error': 'service_unavailable', 'error_description': 'Service Unavailable'},
    504: {'error': 'gateway_timeout', 'error_description': 'Gateway Timeout'},
}

_NO_BODY = object()


class Response:
    """A response to write: JSON body (any JSON value), raw bytes, or nothing."""

    def __init__(self, status, body=_NO_BODY, headers=None, raw=None, content_type='application/json'):
        self.status = status
        self.body = body
        self.headers = list(headers or [])
        self.raw = raw
        self.content_type = content_type

    def payload(self):
        if self.raw is not None:
            return self.raw if isinstance(self.raw, bytes) else str(self.raw).encode('utf-8')
        if self.body is _NO_BODY:
            return b''
        return json.dumps(self.body).encode('utf-8')


def _error_items(field_name, message, code='0002'):
    return [{'code': code, 'fieldName': field_name, 'message': message}]


def _flat_query(query):
    return {k: (v[0] if len(v) == 1 else v) for k, v in parse_qs(query, keep_blank_values=True).items()}


def _decode_json(raw):
    """(ok, value): value is None for an empty body."""
    if not raw:
        return True, None
    try:
        return True, json.loads(raw.decode('utf-8'))
    except (UnicodeDecodeError, ValueError):
        return False, raw.decode('utf-8', 'replace')[:2000]


def _parse_bool(value, default):
    if value is None or value == '':
        return default
    return str(value).strip().lower() in ('true', '1', 'yes')


def _search_order(cfg, query, jobs):
    """Search results in the order the ``search_order`` knob says (``jobs`` come in creation order).

    'created': creation order, oldest first, whatever ``sortName``/``isDescendingOrder`` say.
    'sorted': sorted by ``sortName`` (``id``, ``name`` or the ``created_time_field``; anything else sorts by ``id``,
    the spec's default) in the direction ``isDescendingOrder`` asks (spec default: descending). Ids are random
    UUIDs, so sorted by id the order says nothing about which job came first.
    """
    if cfg.search_order == 'created':
        return jobs
    sort_name = query.get('sortName')
    if sort_name not in ('id', 'name') and (not cfg.created_time_field or sort_name != cfg.created_time_field):
        sort_name = 'id'
    return sorted(jobs, key=lambda job: (str(job.get(sort_name)), job['id']),
                  reverse=_parse_bool(query.get('isDescendingOrder'), True))


class _Handler(BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'
    server_version = 'OpsRampSimulator/1.0'
    sys_version = ''
    timeout = 120    # idle keep-alive connections are closed after this many seconds

    def log_message(self, format, *args):  # pylint: disable=redefined-builtin
        """Silence the default stderr access log."""

    def do_GET(self):  # noqa: N802 pylint: disable=invalid-name
        self._dispatch()

    def do_POST(self):  # noqa: N802 pylint: disable=invalid-name
        self._dispatch()

    def do_DELETE(self):  # noqa: N802 pylint: disable=invalid-name
        self._dispatch()

    def do_PUT(self):  # noqa: N802 pylint: disable=invalid-name
        self._dispatch()

    def do_PATCH(self):  # noqa: N802 pylint: disable=invalid-name
        self._dispatch()

    # ------------------------------------------------------------ plumbing

    def setup(self):
        super().setup()
        try:
            # no Nagle delay between the header and body writes on keep-alive connections
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except OSError:
            pass

    @property
    def sim(self):
        return self.server.simulator

    def _read_body(self):
        if 'chunked' in self.headers.get('Transfer-Encoding', '').lower():
            chunks = []
            while True:
                size = int(self.rfile.readline(65537).split(b';')[0].strip() or b'0', 16)
                if size == 0:
                    while self.rfile.readline(65537) not in (b'\r\n', b'\n', b''):
                        pass
                    return b''.join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline(65537)
        length = int(self.headers.get('Content-Length') or 0)
        return self.rfile.read(length) if length > 0 else b''

    def _write(self, resp):
        payload = resp.payload()
        try:
            self.send_response(resp.status)
            names = set()
            for name, value in resp.headers:
                names.add(name.lower())
                self.send_header(name, value)
            if payload and 'content-type' not in names:
                self.send_header('Content-Type', resp.content_type)
            self.send_header('Content-Length', str(len(payload)))
            if self.close_connection:
                self.send_header('Connection', 'close')
            self.end_headers()
            if payload:
                self.wfile.write(payload)
        except OSError:
            # the client went away (e.g. it timed out during a delay fault)
            self.close_connection = True

    def _reset_connection(self):
        """Close the socket without answering; SO_LINGER 0 makes it a TCP reset."""
        self.close_connection = True
        try:
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))
        except OSError:
            pass
        try:
            self.rfile.close()
            self.connection.close()
        except OSError:
            pass

    def _dispatch(self):
        split = urlsplit(self.path)
        path = split.path or '/'
        try:
            raw = self._read_body()
        except (ValueError, OSError):
            self.close_connection = True
            self._write(Response(400, {'error': 'bad_request', 'error_description': 'Unreadable request body'}))
            return
        try:
            if path == '/_sim' or path.startswith('/_sim/'):
                self._write(self._control(path, split.query, raw))
            else:
                self._exchange(path, split.query, raw)
        except Exception as exc:  # pylint: disable=broad-except
            # a simulator bug must be visible, and must not look like an OpsRamp answer
            self.server.handle_error(self.request, self.client_address)
            self._write(Response(500, {'error': 'simulator_error', 'error_description': repr(exc)}))

    # ------------------------------------------------------------ API exchange (logged, faultable, rate-limited)

    def _log_body(self, kind, raw, query):
        if kind == 'token':
            form = self._token_form(raw, query)
            return {k: form[k] for k in ('grant_type', 'client_id') if k in form}
        return _decode_json(raw)[1]

    def _exchange(self, path, query_string, raw):
        state = self.sim.state
        cfg = state.config_snapshot()
        method = self.command
        is_token = path in cfg.token_paths
        is_api = path == '/api/v2' or path.startswith('/api/v2/') or path == rba.DOWNLOAD_PATH
        kind = 'token' if is_token else ('read' if method == 'GET' else 'write')
        query = _flat_query(query_string)
        if is_token:
            query = {k: ('********' if k == 'client_secret' else v) for k, v in query.items()}
        seq, generation = state.begin_request()
        entry = {'seq': seq, 'time': time.time(), 'method': method, 'path': path, 'query': query,
                 'status': None, 'body': self._log_body(kind, raw, query_string), 'fault': None, 'kind': kind}
        try:
            resp = self._faulted_exchange(cfg, path, query_string, raw, is_token, is_api, entry)
            if resp is not None:
                entry['status'] = resp.status
        finally:
            # logged before the answer goes out: a client that reads the log right after its answer sees its request
            state.end_request(entry, generation)
        if resp is not None:
            self._write(resp)

    def _faulted_exchange(self, cfg, path, query_string, raw, is_token, is_api, entry):
        """Returns the Response to write, or None when the connection was reset."""
        if not (is_token or is_api):
            return Response(404, {'error': 'not_found', 'error_description': 'No such path: %s' % path})
        if cfg.latency_ms:
            time.sleep(cfg.latency_ms / 1000.0)
        rule = self.sim.state.match_fault(self.command, path)
        action = rule.action if rule else None
        entry['fault'] = action
        if action == 'delay':
            time.sleep(rule.seconds)
        if action == 'reset':
            self._reset_connection()
            return None
        if action in ('status', 'bad_json', 'empty') and not rule.apply:
            return self._fault_response(rule, cfg, path, is_api)
        if is_token:
            resp = self._token(cfg, raw, query_string)
        else:
            resp = self._api(cfg, path, query_string, raw)
        if action == 'delay_after_apply':
            time.sleep(rule.seconds)
        elif action == 'barrier_after_apply':
            self.sim.state.wait_until_fired(rule, rule.seconds)
        elif action == 'reset_after_apply':
            self._reset_connection()
            return None
        elif action in ('status_after_apply', 'status', 'bad_json', 'empty'):
            return self._fault_response(rule, cfg, path, is_api)
        return resp

    def _fault_response(self, rule, cfg, path, is_api):
        headers = []
        if is_api:
            headers = self._rate_headers(cfg, *self.sim.state.rate(_tenant_of(path), _bucket(self.command), consume=False)[1:],
                                         exhausted=rule.status == 429)
        headers.extend((str(k), str(v)) for k, v in rule.headers.items())
        if rule.action == 'bad_json':
            raw = rule.raw_body if rule.raw_body is not None else '<html>oops'
            return Response(rule.status, headers=headers, raw=raw)
        if rule.action == 'empty':
            return Response(rule.status, headers=headers, raw=b'')
        if rule.raw_body is not None:
            return Response(rule.status, headers=headers, raw=rule.raw_body, content_type='text/html')
        body = rule.body if rule.has_body else FAULT_BODIES.get(rule.status, {'error': 'error', 'error_description': 'HTTP %d' % rule.status})
        return Response(rule.status, body, headers=headers)

    # ------------------------------------------------------------ token endpoint (api-behaviour §16)

    def _token_form(self, raw, query_string):
        form = _flat_query(query_string)
        ctype = self.headers.get('Content-Type', '')
        if 'json' in ctype:
            ok, data = _decode_json(raw)
            if ok and isinstance(data, dict):
                form.update({k: str(v) for k, v in data.items()})
        else:
            form.update(_flat_query(raw.decode('utf-8', 'replace')))
        auth = self.headers.get('Authorization', '')
        if 'client_id' not in form and auth.lower().startswith('basic '):
            try:
                user, _sep, password = base64.b64decode(auth[6:].strip()).decode('utf-8').partition(':')
                form.update({'client_id': user, 'client_secret': password})
            except (ValueError, UnicodeDecodeError):
                pass
        return {k: (v if isinstance(v, str) else v[0]) for k, v in form.items()}

    def _token(self, cfg, raw, query_string):
        if self.command != 'POST':
            return Response(405, {'error': 'method_not_allowed', 'error_description': "Request method '%s' not supported" % self.command},
                            headers=[('Allow', 'POST')])
        form = self._token_form(raw, query_string)
        if form.get('client_id') != cfg.client_id or form.get('client_secret') != cfg.client_secret:
            return Response(401, BAD_CREDENTIALS)
        grant = form.get('grant_type')
        if grant != 'client_credentials':
            return Response(400, {'error': 'unsupported_grant_type', 'error_description': 'Unsupported grant type: %s' % grant})
        token = self.sim.state.issue_token(cfg.expires_in)
        expires = str(cfg.expires_in) if cfg.expires_in_as_string else cfg.expires_in
        return Response(200, {'access_token': token, 'token_type': 'bearer', 'expires_in': expires, 'scope': 'global:manage'},
                        headers=[('Cache-Control', 'no-store'), ('Pragma', 'no-cache')])

    # ------------------------------------------------------------ /api/v2

    @staticmethod
    def _rate_headers(cfg, limit, remaining, reset, exhausted=False):
        values = (limit, 0 if exhausted else remaining, reset)
        if cfg.quote_rate_headers:
            values = tuple('"%s"' % v for v in values)
        return [('X-RateLimit-Limit', str(values[0])), ('X-RateLimit-Remaining', str(values[1])), ('X-RateLimit-Reset', str(values[2]))]

    def _api(self, cfg, path, query_string, raw):
        state = self.sim.state
        tenant, bucket = _tenant_of(path), _bucket(self.command)
        auth = self.headers.get('Authorization', '')
        token = auth[7:].strip() if auth[:7].lower() == 'bearer ' else None
        token_state = state.check_token(token) if token else 'missing'
        if token_state != 'valid':
            status = cfg.expired_token_status if token_state == 'expired' else 401
            headers = self._rate_headers(cfg, *state.rate(tenant, bucket, consume=False)[1:])
            headers.append(('WWW-Authenticate', 'Bearer error="invalid_token", error_description="Invalid access token"'))
            return Response(status, INVALID_TOKEN, headers=headers)
        allowed, limit, remaining, reset = state.rate(tenant, bucket, consume=True)
        headers = self._rate_headers(cfg, limit, remaining, reset)
        if not allowed:
            return Response(429, THROTTLED, headers=headers)
        resp = self._route(cfg, path, query_string, raw)
        resp.headers = headers + resp.headers
        return resp

    def _route(self, cfg, path, query_string, raw):
        if path == rba.DOWNLOAD_PATH:
            return Response(**rba_api.download(self.sim.state.rba, cfg, self.command, _flat_query(query_string)))
        segs = [unquote(s) for s in path.strip('/').split('/')][2:]
        if len(segs) < 3 or segs[0] != 'tenants' or segs[2] not in ('jobs', 'resources', 'rba'):
            return Response(404, {'error': 'not_found', 'error_description': 'No such API: %s' % path})
        tenant, sub, method = segs[1], segs[3:], self.command
        if tenant not in cfg.tenants:
            if cfg.unknown_tenant_status == 403:
                return Response(403, {'error': 'access_denied', 'error_description': 'Access is denied to tenant %s' % tenant})
            return Response(404, {'code': '0004', 'message': 'Tenant not found: %s' % tenant})
        if segs[2] == 'resources':
            table = {'GET': lambda: self._search_resources(cfg, tenant, query_string)} if sub == ['search'] else None
        elif segs[2] == 'rba':
            table = self._rba_table(cfg, tenant, sub, raw)
        else:
            table = self._jobs_table(cfg, tenant, sub, raw, query_string)
        if table is None:
            return Response(404, {'error': 'not_found', 'error_description': 'No such API: %s' % path})
        handler = table.get(method)
        if handler is None:
            return Response(405, {'error': 'method_not_allowed', 'error_description': "Request method '%s' not supported" % method},
                            headers=[('Allow', ', '.join(sorted(table)))])
        return handler()

    def _jobs_table(self, cfg, tenant, sub, raw, query_string):
        """{method: handler} for a path under .../jobs, or None when there is no such path."""
        if not sub:
            table = {'POST': lambda: self._create(cfg, tenant, raw)}
        elif len(sub) == 1 and sub[0] == 'search':
            table = {'GET': lambda: self._search(cfg, tenant, query_string)}
        elif len(sub) == 1 and sub[0] == 'types':
            table = {'GET': lambda: Response(200, {'jobNameAndType': [{'jobName': n, 'jobtype': t} for n, t in JOB_TYPES]})}
        elif len(sub) == 1:
            table = {'GET': lambda: self._get(cfg, tenant, sub[0]),
                     'POST': lambda: self._update(cfg, tenant, sub[0], raw),
                     'DELETE': lambda: self._delete(cfg, tenant, sub[0])}
        elif len(sub) == 2 and sub[1] == 'run':
            table = {'GET': lambda: self._run(cfg, tenant, sub[0], 'run', raw)}
        elif len(sub) == 3 and sub[1:] == ['script', 'run']:
            table = {'POST': lambda: self._run(cfg, tenant, sub[0], 'script_run', raw)}
        else:
            table = None
        return table

    def _rba_table(self, cfg, tenant, sub, raw):
        """{method: handler} for a path under .../rba (rba_api.py), or None."""
        table = rba_api.api_table(self.sim.state.rba, cfg, self.sim.url, tenant, sub, raw)
        if table is None:
            return None
        return {method: (lambda answer=answer: Response(**answer())) for method, answer in table.items()}

    def _job_view(self, cfg, stored, view, tenant):
        """read_form, with a custom job's script name, parameter names (and PASSWORD values) from the RBA store."""
        return read_form(stored, cfg, view, tenant, scripts=rba.job_script_lookup(self.sim.state.rba, tenant, cfg))

    def _job_errors(self, cfg, tenant, job, creating):
        """The 400 items of a job create/update: validate(), and the script references when custom_script_check."""
        errors = validate(job, creating=creating) if cfg.validate else []
        if cfg.custom_script_check and not errors:
            errors = rba.custom_script_errors(self.sim.state.rba, tenant, job)
        return errors

    @staticmethod
    def _not_found(cfg, job_id):
        if cfg.not_found_style == '500-0005':
            return Response(500, {'code': '0005', 'message': 'Unable to process the request: no job with id %s' % job_id})
        return Response(404, {'code': '0006', 'message': 'Job not found'})

    @staticmethod
    def _json_body(raw):
        ok, body = _decode_json(raw)
        if not ok or body is None:
            return None, Response(400, _error_items('', 'Malformed or empty JSON request body', code='0001'))
        return body, None

    def _create(self, cfg, tenant, raw):
        body, error = self._json_body(raw)
        if error:
            return error
        errors = self._job_errors(cfg, tenant, body, creating=True)
        if errors:
            return Response(400, errors)
        stored = self.sim.state.create_job(tenant, stored_form(body, cfg), created_field=cfg.created_time_field)
        return Response(200, self._job_view(cfg, stored, 'get', tenant))

    def _get(self, cfg, tenant, job_id):
        stored = self.sim.state.get_job(tenant, job_id, created_field=cfg.created_time_field)
        if stored is None:
            return self._not_found(cfg, job_id)
        return Response(200, self._job_view(cfg, stored, 'get', tenant))

    def _update(self, cfg, tenant, job_id, raw):
        body, error = self._json_body(raw)
        if error:
            return error
        if not isinstance(body, dict) or str(body.get('id')) != job_id:
            return Response(400, _error_items('id', 'The job id in the body must equal the id in the path (%s)' % job_id))
        state = self.sim.state
        current = state.get_job(tenant, job_id)
        if current is None:
            return self._not_found(cfg, job_id)
        candidate = dict(current, **body) if cfg.update_keeps_omitted_fields else body
        errors = self._job_errors(cfg, tenant, candidate, creating=False)
        if errors:
            return Response(400, errors)
        stored = state.update_job(tenant, job_id, stored_form(body, cfg), keep_omitted=cfg.update_keeps_omitted_fields,
                                  created_field=cfg.created_time_field)
        if stored is None:   # deleted concurrently
            return self._not_found(cfg, job_id)
        return Response(200, self._job_view(cfg, stored, 'get', tenant))

    def _delete(self, cfg, tenant, job_id):
        if not self.sim.state.delete_job(tenant, job_id):
            return self._not_found(cfg, job_id)
        return Response(200)

    def _run(self, cfg, tenant, job_id, kind, raw):
        body = _decode_json(raw)[1]
        reason = body.get('reason') if isinstance(body, dict) else None
        if not self.sim.state.record_run(tenant, job_id, kind, reason):
            return self._not_found(cfg, job_id)
        return Response(200)

    def _search(self, cfg, tenant, query_string):
        query = _flat_query(query_string)
        jobs = _search_order(cfg, query, self.sim.state.list_jobs(tenant, created_field=cfg.created_time_field))
        text = query.get('queryString')
        if cfg.query_filter == 'substring' and isinstance(text, str) and text:
            terms = parse_query_string(text)
            jobs = [j for j in jobs if matches_query(j, terms)]
        return _search_page(cfg, query, jobs, lambda job: self._job_view(cfg, job, 'search', tenant))

    def _search_resources(self, cfg, tenant, query_string):
        """Resources search: queryString terms are hints (substring matches), see plugins/module_utils/_resources/lookup.py."""
        query = _flat_query(query_string)
        text = query.get('queryString')
        try:
            terms = resources.query_terms(text if isinstance(text, str) else '')
        except ValueError as exc:
            return Response(400, _error_items('queryString', str(exc)))
        if cfg.resource_query_filter == 'ignore':
            terms = []
        found = [r for r in self.sim.state.list_resources(tenant)
                 if resources.matches(r, terms, cfg.resource_default_state)]
        return _search_page(cfg, query, found, lambda resource: resource)

    # ------------------------------------------------------------ /_sim/ control API (no auth, no log, no faults)

    def _control(self, path, query_string, raw):
        ok, body = _decode_json(raw)
        if not ok:
            return Response(400, {'error': 'request body is not JSON'})
        try:
            return self._control_route(path.strip('/').split('/')[1:], _flat_query(query_string), body)
        except ValueError as exc:
            return Response(400, {'error': str(exc)})

    def _control_route(self, parts, query, body):
        state, method = self.sim.state, self.command
        key = (method, parts[0] if parts else '', len(parts))
        if key == ('GET', 'health', 1):
            return Response(200, {'status': 'ok', 'url': self.sim.url})
        if key == ('POST', 'reset', 1):
            state.reset(config=isinstance(body, dict) and bool(body.get('config')))
            return Response(200, {'reset': True})
        if key == ('GET', 'config', 1):
            return Response(200, state.config_snapshot().to_dict())
        if key == ('POST', 'config', 1):
            return Response(200, state.configure(body or {}))
        if key == ('GET', 'requests', 1):
            return Response(200, state.requests(clear=_parse_bool(query.get('clear'), False)))
        if key == ('DELETE', 'requests', 1):
            state.clear_requests()
            return Response(200, {'cleared': True})
        if key == ('GET', 'jobs', 1):
            return Response(200, state.control_jobs(query.get('tenant') or None))
        if key == ('POST', 'jobs', 1):
            return self._seed(body, query)
        if key == ('DELETE', 'jobs', 1):
            return Response(200, {'deleted': state.delete_all_jobs()})
        if key[1:] == ('jobs', 2) and method in ('GET', 'DELETE'):
            job = state.control_job(parts[1])
            if job is None:
                return Response(404, {'error': 'no such job: %s' % parts[1]})
            if method == 'DELETE':
                state.delete_job(None, parts[1])
            return Response(200, job)
        if key[1:] == ('resources', 1) and method in ('GET', 'POST', 'DELETE'):
            return self._control_resources(method, query, body)
        if parts and parts[0] == 'rba':
            cfg = state.config_snapshot()
            answer = rba_api.control(state.rba, method, parts[1:], query, body, cfg.tenants[0] if cfg.tenants else 'client_1')
            if answer is not None:
                return Response(**answer)
        if key == ('GET', 'faults', 1):
            return Response(200, state.fault_list())
        if key == ('POST', 'faults', 1):
            return Response(200, state.add_faults(body if body is not None else []))
        if key == ('DELETE', 'faults', 1):
            state.clear_faults()
            return Response(200, {'cleared': True})
        if key == ('POST', 'expire-tokens', 1):
            return Response(200, {'expired': state.expire_tokens()})
        if key == ('GET', 'tokens', 1):
            return Response(200, state.token_list())
        if key == ('GET', 'stats', 1):
            return Response(200, state.stats())
        return Response(404, {'error': 'no such control endpoint: %s /_sim/%s' % (method, '/'.join(parts))})

    def _control_resources(self, method, query, body):
        state = self.sim.state
        if method == 'GET':
            return Response(200, state.list_resources(query.get('tenant') or None))
        if method == 'DELETE':
            return Response(200, {'deleted': state.delete_all_resources()})
        items = body if isinstance(body, list) else [body]
        return Response(200, state.seed_resources(items, tenant=query.get('tenant') or None))

    def _seed(self, body, query):
        if not isinstance(body, dict):
            raise ValueError('seed body must be a job object')
        job = dict(body)
        raw = bool(job.pop('raw', False))
        cfg = self.sim.state.config_snapshot()
        tenant = job.pop('tenant', None) or query.get('tenant') or (cfg.tenants[0] if cfg.tenants else 'client_1')
        return Response(200, self.sim.state.seed_job(job, tenant, raw=raw))


def _search_page(cfg, query, items, view):
    """The answer to a search over ``items`` (creation order): OpsRamp's paging envelope, or a knob's variant."""
    try:
        page_no = int(query.get('pageNo') or 1)
        page_size = int(query.get('pageSize') or cfg.default_page_size)
    except (TypeError, ValueError):
        return Response(400, _error_items('pageNo', 'pageNo and pageSize must be integers'))
    page_no = max(1, page_no)
    page_size = max(1, min(page_size, cfg.max_page_size))
    if cfg.search_shape == 'list':
        if not items and cfg.empty_body_when_no_results:
            return Response(200)
        return Response(200, [view(item) for item in items])
    total = len(items)
    total_pages = int(math.ceil(total / float(page_size)))
    page = items[(page_no - 1) * page_size:page_no * page_size]
    if not page and cfg.empty_body_when_no_results:
        return Response(200)
    return Response(200, {
        'results': [view(item) for item in page],
        'totalResults': total,
        'orderBy': query.get('sortName') or 'id',
        'pageNo': page_no,
        'pageSize': page_size,
        'totalPages': total_pages,
        'nextPage': page_no < total_pages,
        'previousPageNo': page_no - 1,
        'descendingOrder': _parse_bool(query.get('isDescendingOrder'), True),
    })


def _tenant_of(path):
    segs = path.strip('/').split('/')
    return unquote(segs[3]) if len(segs) > 3 and segs[2] == 'tenants' else '_global'


def _bucket(method):
    return 'read' if method == 'GET' else 'write'


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 256
    simulator = None

    def handle_error(self, request, client_address):
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, ssl.SSLError, socket.timeout)):
            return   # clients that go away (timeouts, resets, TLS probes) are normal here
        super().handle_error(request, client_address)


class _Server6(_Server):
    address_family = socket.AF_INET6


class Simulator:
    """The simulated OpsRamp API on a loopback port. Usable as a context manager."""

    def __init__(self, config=None, resources=None):
        """``resources``: the start-up inventory (a list of resources, see README), restored by every reset."""
        self.config = config if config is not None else SimConfig()
        self.state = SimState(self.config, resources)
        self._server = None
        self._thread = None

    def start(self):
        if self._server is not None:
            return self
        server_class = _Server6 if ':' in self.config.host else _Server
        server = server_class((self.config.host, self.config.port), _Handler)
        server.simulator = self
        if self.config.tls_cert:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(self.config.tls_cert, self.config.tls_key or None)
            server.socket = context.wrap_socket(server.socket, server_side=True, do_handshake_on_connect=False)
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, kwargs={'poll_interval': 0.1},
                                        name='opsramp-simulator', daemon=True)
        self._thread.start()
        return self

    def stop(self):
        server, self._server = self._server, None
        if server is None:
            return
        server.shutdown()
        server.server_close()
        if self._thread is not None:
            self._thread.join(5)
            self._thread = None

    @property
    def running(self):
        return self._server is not None

    @property
    def port(self):
        if self._server is None:
            raise RuntimeError('simulator not started')
        return self._server.server_address[1]

    @property
    def url(self):
        host = self.config.host
        if host in ('', '0.0.0.0'):
            host = '127.0.0.1'
        elif host == '::':
            host = '::1'
        if ':' in host:
            host = '[%s]' % host
        scheme = 'https' if self.config.tls_cert else 'http'
        return '%s://%s:%d' % (scheme, host, self.port)

    @property
    def control(self):
        return SimControl(self.url, verify=False)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()
