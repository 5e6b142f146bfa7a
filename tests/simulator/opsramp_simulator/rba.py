# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

# RBA (runbook automation) categories and scripts: the store, what the server keeps of a request body, and what it
# answers. Every assumption is written down in docs/api-behaviour.md §20; the knobs (config.py, rba_*) choose between
# the answers the evidence allows. The HTTP side is rba_api.py.

import base64
import binascii
import copy
import hashlib
import itertools
from urllib.parse import urlencode

EXECUTION_TYPES = ('BATCHFILE', 'COMMAND', 'DOWNLOAD', 'EXE', 'MSI', 'POWERSHELL', 'PYTHON', 'PERL', 'PHP', 'SHELL', 'VBS')
PARAMETER_TYPES = ('REQUIRED', 'OPTIONAL')
DATA_TYPES = ('STRING', 'INTEGER', 'PASSWORD')
PLATFORMS = ('WINDOWS', 'LINUX')

DOWNLOAD_PATH = '/downloadScript.do'     # where attachment.contentURL points (the spec's example URL has this path)
PASSWORD_MASK = '********'

# Ids come from three sequences that never overlap, so that a client mixing them up is caught.
FIRST_IDS = {'category': 100, 'script': 1000, 'parameter': 5000}

# Keys of a script body the server computes or keeps apart; every other key is stored as sent.
_NOT_STORED_AS_FIELDS = ('id', 'category', 'scriptVersion', 'attachment', 'command')


class RbaError(Exception):
    """An answer other than 200: raised by the store, turned into the HTTP answer by rba_api."""

    def __init__(self, status, body):
        super().__init__('%s %r' % (status, body))
        self.status = status
        self.body = body


def error_item(field_name, message, code='0002'):
    return {'code': code, 'fieldName': field_name, 'message': message}


def bad_request(field_name, message, code='0002'):
    return RbaError(400, [error_item(field_name, message, code)])


def not_found(cfg, what, ident):
    """Unknown category or script: the jobs' not_found_style applies (api-behaviour §13, §20)."""
    message = 'No task %s found with id %s' % (what, ident)
    if cfg.not_found_style == '500-0005':
        return RbaError(500, {'code': '0005', 'message': 'Unable to process the request: %s' % message})
    return RbaError(404, {'code': '0006', 'message': message})


def forbidden(what, ident):
    return RbaError(403, {'error': 'access_denied', 'error_description': 'The %s %s is not yours to change' % (what, ident)})


def to_id(value):
    """27, '27' -> 27; anything else -> None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _is_int_like(value):
    return to_id(value) is not None or (isinstance(value, str) and value.strip().lstrip('-').isdigit())


# ---------------------------------------------------------------- records

class Category:
    def __init__(self, ident, name, parent, tenant, order):
        self.id = ident
        self.name = name
        self.parent = parent          # parent category id, or None at the root
        self.tenant = tenant          # None: a global category, visible to every tenant and read-only
        self.order = order

    def control_view(self):
        return {'id': self.id, 'name': self.name, 'parent': self.parent, 'tenant': self.tenant,
                'global': self.tenant is None}


class Script:
    def __init__(self, ident, tenant, category, order):
        self.id = ident
        self.tenant = tenant
        self.category = category
        self.order = order
        self.fields = {}              # name, description, platforms, executionType, parameters (with ids), ... as sent
        self.attachment_name = None
        self.content = None           # the attachment's bytes
        self.command = None
        self.version = 0.0
        self.written = 0              # write sequence number: which script a name-only contentURL finds

    @property
    def version_text(self):
        return '%.2f' % self.version

    def body_key(self):
        return (self.attachment_name, self.content, self.command)

    def control_view(self):
        view = {'id': self.id, 'tenant': self.tenant, 'category': self.category}
        view.update(copy.deepcopy(self.fields))
        view['scriptVersion'] = self.version_text
        if self.attachment_name is not None or self.content is not None:
            view['attachment'] = {'name': self.attachment_name}
        if self.command is not None:
            view['command'] = self.command
        if self.content is not None:
            view['content'] = self.content.decode('utf-8', 'replace')
            view['content_base64'] = base64.b64encode(self.content).decode('ascii')
            view['content_sha256'] = hashlib.sha256(self.content).hexdigest()
        return view


# ---------------------------------------------------------------- what the server keeps of a script body

def enum_ok(value, allowed, cfg):
    """Whether the server takes this spelling of an enum value (rba_enum_case)."""
    if not isinstance(value, str):
        return False
    return value in allowed if cfg.rba_enum_case == 'strict' else value.upper() in allowed


def _validate_parameters(params, cfg):
    if not isinstance(params, list):
        return [error_item('parameters', 'parameters must be a list')]
    errors, names = [], set()
    for index, param in enumerate(params):
        where = 'parameters[%d]' % index
        if not isinstance(param, dict):
            errors.append(error_item(where, 'a parameter must be an object'))
            continue
        name = param.get('name')
        if not isinstance(name, str) or not name.strip():
            errors.append(error_item(where + '.name', 'a parameter needs a name'))
        elif name in names:
            errors.append(error_item(where + '.name', 'Duplicate parameter name %r' % name))
        else:
            names.add(name)
        if 'type' in param and not enum_ok(param['type'], PARAMETER_TYPES, cfg):
            errors.append(error_item(where + '.type', 'Invalid parameter type %r: expected one of %s'
                                     % (param['type'], ', '.join(PARAMETER_TYPES))))
        if 'dataType' in param and not enum_ok(param['dataType'], DATA_TYPES, cfg):
            errors.append(error_item(where + '.dataType', 'Invalid dataType %r: expected one of %s'
                                     % (param['dataType'], ', '.join(DATA_TYPES))))
    return errors


def _validate_body_source(body, is_command, body_optional):
    """The rule of the create page: COMMAND needs `command`, any other type an attachment (name and base64 file)."""
    has_command = body.get('command') not in (None, '')
    attachment = body.get('attachment')
    if has_command and attachment is not None:
        return [error_item('command', 'Give either command (executionType COMMAND) or attachment, not both')]
    if is_command:
        if not has_command and not body_optional:
            return [error_item('command', 'executionType COMMAND needs a command')]
        return []
    if has_command:
        return [error_item('command', 'command is only for executionType COMMAND; send an attachment')]
    if attachment is None:
        return [] if body_optional else [error_item('attachment', 'An attachment (name and base64 file) is required')]
    if not isinstance(attachment, dict):
        return [error_item('attachment', 'attachment must be an object')]
    errors = []
    if not isinstance(attachment.get('name'), str) or not attachment['name'].strip():
        errors.append(error_item('attachment.name', 'attachment.name is required'))
    if 'file' not in attachment and not body_optional:
        errors.append(error_item('attachment.file', 'attachment.file (the base64 content) is required'))
    elif 'file' in attachment and decode_file(attachment['file']) is None:
        errors.append(error_item('attachment.file', 'attachment.file is not base64'))
    return errors


def validate_script(body, cfg, body_optional):
    """OpsRamp-style 400 items for a script create/update body (empty when valid)."""
    errors = []
    name = body.get('name')
    if not isinstance(name, str) or not name.strip():
        errors.append(error_item('name', 'name is required'))
    execution_type = body.get('executionType')
    if not enum_ok(execution_type, EXECUTION_TYPES, cfg):
        errors.append(error_item('executionType', 'Invalid executionType %r: expected one of %s'
                                 % (execution_type, ', '.join(EXECUTION_TYPES))))
    platforms = body.get('platforms')
    if platforms is not None and (not isinstance(platforms, list) or not all(enum_ok(p, PLATFORMS, cfg) for p in platforms)):
        errors.append(error_item('platforms', 'platforms must be a list of %s' % ', '.join(PLATFORMS)))
    timeout = body.get('installTimeout')
    if timeout is not None and not _is_int_like(timeout):
        errors.append(error_item('installTimeout', 'installTimeout must be an integer'))
    if 'parameters' in body and body['parameters'] is not None:
        errors.extend(_validate_parameters(body['parameters'], cfg))
    is_command = isinstance(execution_type, str) and execution_type.upper() == 'COMMAND'
    errors.extend(_validate_body_source(body, is_command, body_optional))
    return errors


def decode_file(text):
    """attachment.file (base64) -> bytes, or None when it is not base64."""
    if not isinstance(text, str):
        return None
    try:
        return base64.b64decode(text.encode('ascii'), validate=True)
    except (binascii.Error, UnicodeEncodeError, ValueError):
        return None


def stored_fields(body):
    """The keys of a script body the server keeps as sent (installTimeout '50' -> 50); parameter ids are set apart."""
    fields = copy.deepcopy({k: v for k, v in body.items() if k not in _NOT_STORED_AS_FIELDS})
    if isinstance(fields.get('installTimeout'), str) and _is_int_like(fields['installTimeout']):
        fields['installTimeout'] = int(fields['installTimeout'])
    if fields.get('parameters') is None:
        fields.pop('parameters', None)
    return fields


def sent_body(body):
    """(attachment name, content bytes, command) as sent; None for what was not sent."""
    attachment = body.get('attachment') if isinstance(body.get('attachment'), dict) else {}
    content = None
    if 'file' in attachment:
        content = decode_file(attachment['file'])
        if content is None:   # validation is off: keep what was sent
            content = str(attachment['file']).encode('utf-8')
    command = body.get('command') if body.get('command') not in (None, '') else None
    return attachment.get('name'), content, command


# ---------------------------------------------------------------- the store

class RbaStore:
    """Categories and scripts of every tenant. Every method takes ``lock`` (the simulator's), so handler threads can
    call them concurrently; what they return is a copy."""

    def __init__(self, lock):
        self.lock = lock
        self.clear()

    def clear(self):
        with self.lock:
            self.categories = {}      # id -> Category
            self.scripts = {}         # id -> Script
            self.counters = {'rba_creates': 0, 'rba_updates': 0, 'rba_deletes': 0, 'rba_downloads': 0}
            self._ids = {kind: itertools.count(first) for kind, first in FIRST_IDS.items()}
            self._order = itertools.count(1)
            self._writes = itertools.count(1)

    def _next_id(self, kind, taken):
        ident = next(self._ids[kind])
        while ident in taken:
            ident = next(self._ids[kind])
        return ident

    def _taken_parameter_ids(self):
        return {p.get('id') for s in self.scripts.values() for p in s.fields.get('parameters') or [] if isinstance(p, dict)}

    # ------------------------------------------------------------ categories

    @staticmethod
    def visible(record, tenant):
        return record.tenant is None or tenant is None or record.tenant == tenant

    def category(self, tenant, category_id):
        record = self.categories.get(to_id(category_id))
        return record if record is not None and self.visible(record, tenant) else None

    def categories_of(self, tenant):
        return sorted((c for c in self.categories.values() if self.visible(c, tenant)), key=lambda c: c.order)

    def children(self, tenant, category_id):
        return [c for c in self.categories_of(tenant) if c.parent == category_id]

    def subtree(self, category_id):
        """The category id and the ids of every category below it."""
        ids, todo = [], [category_id]
        while todo:
            current = todo.pop()
            ids.append(current)
            todo.extend(c.id for c in self.categories.values() if c.parent == current)
        return ids

    def _check_unique_category(self, tenant, name, parent, cfg, ignore=None):
        if cfg.rba_duplicate_names == 'allowed':
            return
        for other in self.categories_of(tenant):
            if other.parent == parent and other.name == name and other.id != ignore:
                raise RbaError(int(cfg.rba_duplicate_names),
                               [error_item('name', 'A category named %r already exists here (id %s)' % (name, other.id))])

    def _parent_of(self, tenant, body, cfg):
        parent = body.get('parent')
        if parent in (None, {}):
            return None
        parent_id = to_id(parent.get('id') if isinstance(parent, dict) else parent)
        if parent_id is None or self.category(tenant, parent_id) is None:
            raise bad_request('parent.id', 'No task category found with id %s' % (parent.get('id') if isinstance(parent, dict) else parent))
        return parent_id

    @staticmethod
    def _category_name(body, cfg):
        name = body.get('name') if isinstance(body, dict) else None
        if cfg.validate and (not isinstance(name, str) or not name.strip()):
            raise bad_request('name', 'name is required')
        return name

    def create_category(self, tenant, body, cfg):
        with self.lock:
            name = self._category_name(body, cfg)
            parent = self._parent_of(tenant, body, cfg)
            self._check_unique_category(tenant, name, parent, cfg)
            record = Category(self._next_id('category', self.categories), name, parent, tenant, next(self._order))
            self.categories[record.id] = record
            self.counters['rba_creates'] += 1
            return copy.deepcopy(record)

    def update_category(self, tenant, body, cfg):
        """PUT .../rba/categories with the id in the body: a rename (a parent is applied only per rba_category_move)."""
        with self.lock:
            category_id = to_id(body.get('id')) if isinstance(body, dict) else None
            if category_id is None:
                raise bad_request('id', 'The category id is required in the body')
            name = self._category_name(body, cfg)
            record = self._writable_category(tenant, category_id, cfg)
            parent = record.parent
            if cfg.rba_category_move == 'applied' and 'parent' in body:
                parent = self._parent_of(tenant, body, cfg)
                if parent is not None and parent in self.subtree(record.id):
                    raise bad_request('parent.id', 'A category cannot move below itself')
            self._check_unique_category(tenant, name, parent, cfg, ignore=record.id)
            record.name, record.parent = name, parent
            self.counters['rba_updates'] += 1
            return copy.deepcopy(record)

    def _writable_category(self, tenant, category_id, cfg):
        record = self.category(tenant, category_id)
        if record is None:
            raise not_found(cfg, 'category', category_id)
        if record.tenant is None:
            raise forbidden('category', category_id)
        return record

    def delete_category(self, tenant, category_id, cfg):
        """Only an empty category goes: no script in it or below it (api-behaviour §20)."""
        with self.lock:
            record = self._writable_category(tenant, category_id, cfg)
            ids = self.subtree(record.id)
            holding = sorted(s.id for s in self.scripts.values() if s.category in ids)
            if holding:
                raise bad_request('categoryId', 'Category %s cannot be deleted: it (or a subcategory) holds scripts %s'
                                  % (record.id, ', '.join(str(i) for i in holding)))
            if len(ids) > 1 and cfg.rba_delete_with_subcategories == 'refuse':
                raise bad_request('categoryId', 'Category %s cannot be deleted: it has subcategories' % record.id)
            for ident in ids:
                self.categories.pop(ident, None)
            self.counters['rba_deletes'] += 1

    def tree(self, tenant):
        """[(category, [subtree...])] of the categories a tenant sees, roots first, each level in creation order."""
        visible = self.categories_of(tenant)
        known = {c.id for c in visible}

        def level(parent):
            return [(copy.deepcopy(c), level(c.id)) for c in visible
                    if (c.parent == parent) or (parent is None and c.parent not in known)]
        return level(None)

    # ------------------------------------------------------------ scripts

    def _script(self, tenant, category_id, script_id, cfg):
        """The script a path names: unknown, invisible, or (strict) under another category -> not found."""
        script = self.scripts.get(to_id(script_id))
        if script is None or not self.visible(script, tenant):
            raise not_found(cfg, 'script', script_id)
        if cfg.rba_category_path == 'strict' and script.category != to_id(category_id):
            raise not_found(cfg, 'script', script_id)
        return script

    def get_script(self, tenant, category_id, script_id, cfg):
        with self.lock:
            return copy.deepcopy(self._script(tenant, category_id, script_id, cfg))

    def scripts_in(self, tenant, category_id, cfg):
        with self.lock:
            if self.category(tenant, category_id) is None:
                raise not_found(cfg, 'category', category_id)
            found = [s for s in self.scripts.values() if s.category == to_id(category_id) and self.visible(s, tenant)]
            return copy.deepcopy(sorted(found, key=lambda s: s.order))

    def category_name(self, category_id):
        record = self.categories.get(category_id)
        return record.name if record else None

    def _check_unique_script(self, tenant, category_id, name, cfg, ignore=None):
        if cfg.rba_duplicate_names == 'allowed':
            return
        for other in self.scripts.values():
            if other.category == category_id and self.visible(other, tenant) and other.fields.get('name') == name \
                    and other.id != ignore:
                raise RbaError(int(cfg.rba_duplicate_names),
                               [error_item('name', 'A script named %r already exists in category %s (id %s)'
                                           % (name, category_id, other.id))])

    def _new_parameters(self, params):
        taken = self._taken_parameter_ids()
        fresh = []
        for param in params or []:
            param = dict(param)
            param['id'] = self._next_id('parameter', taken)
            taken.add(param['id'])
            fresh.append(param)
        return fresh

    def _updated_parameters(self, current, params, cfg):
        """Parameter ids after an update (rba_param_ids_on_update)."""
        if cfg.rba_param_ids_on_update == 'renumber':
            return self._new_parameters(params)
        old = [p for p in current or [] if isinstance(p, dict)]
        by_name = {p.get('name'): p.get('id') for p in old}
        own_ids = {p.get('id') for p in old}
        taken = self._taken_parameter_ids()
        kept = []
        for param in params or []:
            param = dict(param)
            if cfg.rba_param_ids_on_update == 'keep_by_name':
                ident = by_name.get(param.get('name'))
            else:
                ident = to_id(param.get('id'))
                ident = ident if ident in own_ids else None
            if ident is None or ident in {p['id'] for p in kept}:
                ident = self._next_id('parameter', taken)
                taken.add(ident)
            param['id'] = ident
            kept.append(param)
        return kept

    def _writable_script(self, tenant, category_id, script_id, cfg):
        script = self._script(tenant, category_id, script_id, cfg)
        if script.tenant is None:
            raise forbidden('script', script_id)
        return script

    def create_script(self, tenant, category_id, body, cfg):
        with self.lock:
            category = self.category(tenant, category_id)
            if category is None:
                raise not_found(cfg, 'category', category_id)
            if category.tenant is None:
                raise forbidden('category', category_id)
            self._check_valid(body, cfg, body_optional=False)
            self._check_unique_script(tenant, category.id, body.get('name'), cfg)
            script = Script(self._next_id('script', self.scripts), tenant, category.id, next(self._order))
            script.fields = stored_fields(body)
            if 'parameters' in body and body['parameters'] is not None:
                script.fields['parameters'] = self._new_parameters(body['parameters'])
            script.attachment_name, script.content, script.command = sent_body(body)
            script.written = next(self._writes)
            self.scripts[script.id] = script
            self.counters['rba_creates'] += 1
            return copy.deepcopy(script)

    @staticmethod
    def _check_valid(body, cfg, body_optional):
        if not isinstance(body, dict):
            raise bad_request('', 'Request body must be a JSON object', code='0001')
        if cfg.validate:
            errors = validate_script(body, cfg, body_optional)
            if errors:
                raise RbaError(400, errors)

    def update_script(self, tenant, category_id, script_id, body, cfg):
        with self.lock:
            script = self._writable_script(tenant, category_id, script_id, cfg)
            self._check_valid(body, cfg, body_optional=cfg.rba_update_without_body == 'keep')
            self._check_unique_script(tenant, script.category, body.get('name'), cfg, ignore=script.id)
            fields = stored_fields(body)
            if cfg.rba_update_keeps_omitted_fields:
                fields = dict(copy.deepcopy(script.fields), **fields)
            if 'parameters' in body:
                fields['parameters'] = self._updated_parameters(script.fields.get('parameters'), body['parameters'], cfg)
            before = script.body_key()
            name, content, command = sent_body(body)
            is_command = str(fields.get('executionType', '')).upper() == 'COMMAND'
            if is_command:
                script.command = command if command is not None else script.command
                script.attachment_name = script.content = None
            else:
                script.attachment_name = name if name is not None else script.attachment_name
                script.content = content if content is not None else script.content
                script.command = None
            script.fields = fields
            if cfg.rba_version_bump == 'every_update' or (cfg.rba_version_bump == 'body_change' and script.body_key() != before):
                script.version += 1.0
            script.written = next(self._writes)
            self.counters['rba_updates'] += 1
            return copy.deepcopy(script)

    def delete_script(self, tenant, category_id, script_id, cfg):
        with self.lock:
            script = self._writable_script(tenant, category_id, script_id, cfg)
            del self.scripts[script.id]
            self.counters['rba_deletes'] += 1

    def download(self, query, cfg):
        """The body a contentURL names, or None. A name-only URL (rba_script_content='url_by_name') finds the script of
        that file name and version written last, in any tenant: the URL says nothing more (api-behaviour §20)."""
        with self.lock:
            self.counters['rba_downloads'] += 1
            script_id = to_id(query.get('scriptId'))
            if script_id is not None and cfg.rba_script_content != 'url_by_name':
                script = self.scripts.get(script_id)
                found = [script] if script is not None else []
            else:
                found = [s for s in self.scripts.values() if s.attachment_name == query.get('fileName')]
            found = [s for s in found if s.content is not None and s.version_text == query.get('version')]
            if not found:
                return None
            return max(found, key=lambda s: s.written).content

    # ------------------------------------------------------------ what custom jobs see of a script (§6, §20)

    def job_script_info(self, tenant, script_id):
        """{'script': Script copy, 'category': name} of a script a custom job names, or None when the store has none."""
        with self.lock:
            script = self.scripts.get(to_id(script_id))
            if script is None or not self.visible(script, tenant):
                return None
            return copy.deepcopy(script)

    # ------------------------------------------------------------ control API

    def seed_category(self, item, tenant):
        """Store a category directly (no validation, log or rate limit); keeps a given id, replaces that id."""
        if not isinstance(item, dict) or not isinstance(item.get('name'), str):
            raise ValueError('a category needs a name')
        with self.lock:
            parent = item.get('parent')
            parent_id = to_id(parent.get('id') if isinstance(parent, dict) else parent)
            if parent is not None and parent_id not in self.categories:
                raise ValueError('no category with id %r to be the parent' % (parent,))
            owner = None if item.get('global') else (item.get('tenant') or tenant)
            ident = to_id(item.get('id')) or self._next_id('category', self.categories)
            old = self.categories.get(ident)
            record = Category(ident, item['name'], parent_id, owner, old.order if old else next(self._order))
            self.categories[ident] = record
            return record.control_view()

    def seed_script(self, item):
        """Store a script directly: the API body form, plus `category` (id), optional `id`, parameter `id`s,
        `scriptVersion`, and `content` (text) instead of a base64 attachment.file. It belongs to its category's tenant
        (global when the category is)."""
        if not isinstance(item, dict) or not isinstance(item.get('name'), str):
            raise ValueError('a script needs a name')
        with self.lock:
            category = self.categories.get(to_id(item.get('category', {}).get('id') if isinstance(item.get('category'), dict)
                                                 else item.get('category')))
            if category is None:
                raise ValueError('a script needs the id of an existing category')
            ident = to_id(item.get('id')) or self._next_id('script', self.scripts)
            old = self.scripts.get(ident)
            owner = None if category.tenant is None else (item.get('tenant') or category.tenant)
            script = Script(ident, owner, category.id, old.order if old else next(self._order))
            body = {k: v for k, v in item.items() if k not in ('tenant', 'content')}
            script.fields = stored_fields(body)
            script.fields['parameters'] = self._seeded_parameters(body.get('parameters'))
            script.attachment_name, script.content, script.command = sent_body(body)
            if isinstance(item.get('content'), str):
                script.content = item['content'].encode('utf-8')
                script.attachment_name = script.attachment_name or 'script.sh'
            try:
                script.version = float(item.get('scriptVersion') or 0)
            except (TypeError, ValueError):
                raise ValueError('scriptVersion must be a number such as "2.00"') from None
            script.written = next(self._writes)
            self.scripts[ident] = script
            return script.control_view()

    def _seeded_parameters(self, params):
        if params is None:
            return []
        if not isinstance(params, list):
            raise ValueError('parameters must be a list')
        taken = self._taken_parameter_ids()
        seeded = []
        for param in params:
            param = dict(param)
            ident = to_id(param.get('id'))
            if ident is None:
                ident = self._next_id('parameter', taken)
            taken.add(ident)
            param['id'] = ident
            seeded.append(param)
        return seeded

    def control_view(self, tenant=None):
        with self.lock:
            return {
                'categories': [c.control_view() for c in self.categories_of(tenant)],
                'scripts': [s.control_view() for s in sorted(self.scripts.values(), key=lambda s: s.order)
                            if self.visible(s, tenant)],
            }

    def control_script(self, script_id):
        with self.lock:
            script = self.scripts.get(to_id(script_id))
            return script.control_view() if script else None

    def remove_script(self, script_id):
        with self.lock:
            return self.scripts.pop(to_id(script_id), None) is not None

    def delete_all(self):
        with self.lock:
            count = len(self.categories) + len(self.scripts)
            self.categories, self.scripts = {}, {}
            return count

    def counts(self):
        with self.lock:
            counts = dict(self.counters)
            counts.update({'rba_categories': len(self.categories), 'rba_scripts': len(self.scripts)})
            return counts


# ---------------------------------------------------------------- what the server answers

def _id_view(value, cfg):
    return str(value) if cfg.rba_ids_as_strings and value is not None else value


def _enum_view(value, cfg):
    return value.upper() if isinstance(value, str) and cfg.rba_enum_case != 'as_sent' else value


def category_view(category, cfg):
    """A create/PUT answer: id and name only (the parent is not echoed)."""
    return {'id': _id_view(category.id, cfg), 'name': category.name}


def category_tree_view(tree, cfg):
    """The categories list: roots, each with its subcategories under `childs` (left out for a leaf)."""
    answer = []
    for category, children in tree:
        node = category_view(category, cfg)
        if children:
            node['childs'] = category_tree_view(children, cfg)
        answer.append(node)
    return answer


def _is_password(param):
    return isinstance(param.get('dataType'), str) and param['dataType'].upper() == 'PASSWORD'


def hide_password(holder, key, mode):
    """A PASSWORD value in a read: 'masked', 'omitted' or 'clear' (rba_password_default, job_password_value)."""
    if key not in holder or mode == 'clear':
        return
    if mode == 'omitted':
        holder.pop(key)
    elif holder[key] not in (None, ''):
        holder[key] = PASSWORD_MASK


def parameter_view(param, cfg):
    view = {'id': _id_view(param.get('id'), cfg)}
    view.update((k, copy.deepcopy(v)) for k, v in param.items() if k != 'id')
    for key in ('type', 'dataType'):
        if key in view:
            view[key] = _enum_view(view[key], cfg)
    if _is_password(param):
        hide_password(view, 'defaultValue', cfg.rba_password_default)
    return view


def content_url(base_url, script, cfg):
    query = [('action', 'downloadAgent'), ('fileName', script.attachment_name or ''), ('version', script.version_text)]
    if cfg.rba_script_content != 'url_by_name':
        query.append(('scriptId', script.id))
    return '%s%s?%s' % (base_url, DOWNLOAD_PATH, urlencode(query))


def attachment_view(script, cfg, base_url):
    """What a read says of the body (rba_script_content): never the content, except 'inline' (api-behaviour §20)."""
    view = {'id': _id_view(0, cfg), 'name': script.attachment_name}
    if cfg.rba_script_content == 'inline':
        view['file'] = base64.b64encode(script.content or b'').decode('ascii')
    elif cfg.rba_script_content != 'none':
        view['contentURL'] = content_url(base_url, script, cfg)
    return view


def script_view(script, category_name, cfg, base_url):
    """A script as a read, create or update answers it, in the spec example's key order."""
    fields = script.fields
    view = {'id': _id_view(script.id, cfg), 'name': fields.get('name')}
    if 'description' in fields:
        view['description'] = fields['description']
    view['category'] = {'id': _id_view(script.category, cfg), 'name': category_name}
    if 'platforms' in fields:
        platforms = fields['platforms']
        view['platforms'] = [_enum_view(p, cfg) for p in platforms] if isinstance(platforms, list) else platforms
    view['parameters'] = [parameter_view(p, cfg) for p in fields.get('parameters') or [] if isinstance(p, dict)]
    view['executionType'] = _enum_view(fields.get('executionType'), cfg)
    if 'installTimeout' in fields:
        view['installTimeout'] = fields['installTimeout']
    if script.command is None or script.content is not None:
        view['attachment'] = attachment_view(script, cfg, base_url)
    if script.command is not None and cfg.rba_command_in_reads:
        view['command'] = script.command
    view['scriptVersion'] = script.version_text
    for key, value in fields.items():
        view.setdefault(key, copy.deepcopy(value))
    return view


# ---------------------------------------------------------------- custom jobs that name a script (§6, §12, §20)

def job_script_lookup(store, tenant, cfg):
    """The ``scripts`` callable of rewrites.read_form: script id -> what a custom job read shows of it, or None."""
    def lookup(script_id):
        script = store.job_script_info(tenant, script_id)
        if script is None:
            return None
        view = script_view(script, None, cfg, '')
        params = {}
        for param in script.fields.get('parameters') or []:
            if isinstance(param, dict):
                params[param.get('id')] = {'name': param.get('name'), 'password': _is_password(param)}
        return {'name': view['name'], 'description': view.get('description'), 'platforms': view.get('platforms'),
                'parameters': params, 'password_mode': cfg.job_password_value}
    return lookup


def custom_script_errors(store, tenant, job):
    """400 items for a custom job naming a script or a paramId the store does not have (knob custom_script_check)."""
    script_part = job.get('script') if isinstance(job, dict) else None
    custom = script_part.get('customScript') if isinstance(script_part, dict) else None
    if not isinstance(custom, dict):
        return []
    script = store.job_script_info(tenant, custom.get('id'))
    if script is None:
        return [error_item('script.customScript.id', 'No RBA script with id %s' % custom.get('id'))]
    known = {p.get('id') for p in script.fields.get('parameters') or [] if isinstance(p, dict)}
    errors = []
    for param in script_part.get('parameters') or []:
        param_id = param.get('paramId') if isinstance(param, dict) else None
        if to_id(param_id) not in known:
            errors.append(error_item('script.parameters.paramId', 'Script %s has no parameter with id %s' % (script.id, param_id)))
    return errors
