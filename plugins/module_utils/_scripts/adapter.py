# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""RBA scripts and categories as resources of the engine: ``SCRIPTS`` and ``CATEGORIES``.

A script lives in a category (``Wanted.scope``): it is found, read and written there, and its name is unique only
within it (as far as it is unique at all: api-behaviour §20.8). Its body is compared by digest (``body.py``) and sent
with every write, as OpsRamp's update takes the whole script (§20.5). A category is found by name under its parent; it
is renamed when the task names it by id, and deleted only when no script is in it or below it (§20.6).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import os.path

from ansible_collections.opsramp.automation.plugins.module_utils._engine.listing import Listing
from ansible_collections.opsramp.automation.plugins.module_utils._engine.resource import NEW_ID, Resource, Wanted
from ansible_collections.opsramp.automation.plugins.module_utils._engine.values import as_dict, text
from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import ObjectLookupError, ValidationError
from ansible_collections.opsramp.automation.plugins.module_utils._scripts import api, body
from ansible_collections.opsramp.automation.plugins.module_utils._scripts.categories import CategoryIndex
from ansible_collections.opsramp.automation.plugins.module_utils._scripts.parameters import is_password
from ansible_collections.opsramp.automation.plugins.module_utils._scripts.table import CATEGORY_MODEL, SCRIPT_MODEL

# the usual file extension of each execution type, for a file name nobody gave
EXTENSIONS = dict(batchfile='.bat', download='', exe='.exe', msi='.msi', powershell='.ps1', python='.py', perl='.pl',
                  php='.php', shell='.sh', vbs='.vbs')
BODY_OPTIONS = ('command', 'src', 'content')


def _fail(option, problem):
    raise ValidationError('%s: %s' % (option, problem), option=option)


def _check_identity(params, what):
    if params.get('name') is None and params.get('id') is None:
        _fail('name', 'name or id is required to find the %s' % what)
    for option in ('id', 'name'):
        if params.get(option) is not None and not text(params[option]).strip():
            _fail(option, 'must not be empty')


def _category_scope(params, name_option, id_option):
    if params.get(name_option) is not None and params.get(id_option) is not None:
        _fail('%s, %s' % (name_option, id_option), 'give %s or %s, not both' % (name_option, id_option))
    return params.get(id_option) if params.get(id_option) is not None else params.get(name_option)


class ScriptResource(Resource):
    """The adapter of RBA scripts."""

    noun = 'script'
    plural = 'scripts'
    model = SCRIPT_MODEL

    list_description = (
        'The RBA scripts to reconcile, before the jobs, so that every job finds the script it runs. Each element takes'
        ' exactly the options of M(opsramp.automation.opsramp_script), validated the same way, and its own'
        ' O(scripts[].state).',
        'An element is matched with a script of its category by O(scripts[].id) when given, else by its exact'
        ' O(scripts[].name). Two elements may not name the same script, and a name that several scripts of the'
        ' category share makes the task fail before anything is written.',
        'Left out, the task leaves the tenant\'s scripts alone. V([]) is a valid list: with O(prune=true) it deletes'
        ' every script whose name starts with O(script_prune_prefix) (by default O(prune_prefix)) and that no job of'
        ' the tenant runs.',
    )

    def hide_in_spec(self, spec, raw_params):
        """A PASSWORD parameter's default is a secret: when the raw options declare one, every default is no_log."""
        parameters = as_dict(raw_params).get('parameters')
        if isinstance(parameters, list) and any(is_password(item) for item in parameters if isinstance(item, dict)):
            spec['parameters']['options']['default']['no_log'] = True
        return spec

    # ------------------------------------------------------------------------------------------------ the task

    def validate(self, params):
        _check_identity(params, 'script')
        if _category_scope(params, 'category', 'category_id') is None:
            _fail('category', 'category or category_id is required: a script is found in its category')
        if params.get('state', 'present') == 'absent':
            return
        super(ScriptResource, self).validate(params)
        given = [option for option in BODY_OPTIONS if params.get(option) is not None]
        if len(given) > 1:
            _fail(', '.join(given), 'give only one of command, src and content')
        execution_type = params.get('execution_type')
        if execution_type == 'command' and given and given != ['command']:
            _fail(given[0], 'a script with execution_type command runs command, not a file')
        if execution_type not in (None, 'command') and given == ['command']:
            _fail('command', 'applies only to execution_type command; give src or content')
        _check_parameters(params.get('parameters'))

    def element_scope(self, params):
        return _category_scope(params, 'category', 'category_id')

    def resolve(self, client, params):
        return self._resolved(CategoryIndex.of(client), params)

    def resolve_all(self, client, params_list, workers, planned=None):
        index = CategoryIndex.of(client)
        return [self._resolved(index, params) for params in params_list]

    def _resolved(self, index, params):
        """``(params, labels)`` with ``category_id`` set from the category's name or path."""
        if params.get('category_id') is not None:
            return params, None
        return dict(params, category_id=index.find(params['category'], 'category').id), None

    def wanted(self, params, labels=None):
        scope = text(params['category_id'])
        if params['state'] == 'absent':
            return Wanted('absent', params.get('id'), params.get('name'), scope=scope)
        desired = self.model.desired(params)
        text_body = _body_of(params)
        if text_body is not None:
            desired['body'] = body.digest(text_body)
        passwords = {}
        for parameter in desired.get('parameters') or []:
            if parameter['data_type'] == 'password' and 'default' in parameter:
                passwords[parameter['name']] = parameter['default']
                if params.get('update_password') != 'always':
                    del parameter['default']  # a read never shows it: not compared (api-behaviour §20.9)
        inputs = dict(body=text_body, file_name=params.get('file_name') or _base_name(params.get('src')),
                      passwords=passwords)
        return Wanted('present', params.get('id'), params.get('name'), desired, scope=scope, inputs=inputs,
                      secrets=[value for value in passwords.values() if value])

    # ------------------------------------------------------------------------------------------------ deciding

    def check_create(self, desired):
        missing = [option for option in ('name', 'execution_type') if desired.get(option) is None]
        if 'body' not in desired:
            missing.append('command' if desired.get('execution_type') == 'command' else 'src or content')
        if missing:
            _fail(', '.join(missing), 'required to create the script, which does not exist yet')

    def payload(self, stored, target, now):
        """The whole script: the stored one (read-only keys dropped) with the task's fields, the digest trailer in
        the description, the body itself, and the PASSWORD defaults the task gives (api-behaviour §20.5, §20.9)."""
        script = self.model.overlay(self.model.request_style(stored) if stored else {}, target.desired, now)
        text_body = target.inputs.get('body')
        if text_body is None:
            text_body = body.body_text(as_dict(stored))
        if text_body is None:
            _fail('src', "OpsRamp's update takes the whole script, its body included, and does not return it: give "
                         "src, content or command to update this script")
        _check_password_defaults(stored, target)
        execution_type = target.desired.get('execution_type') or text(as_dict(stored).get('executionType')).lower()
        _set_body(script, text_body, execution_type, self._file_name(stored, target, execution_type))
        script['description'] = body.with_trailer(script.get('description'), body.digest(text_body))
        for parameter in script.get('parameters') or []:
            if is_password(parameter) and parameter['name'] in target.inputs.get('passwords', {}):
                parameter['defaultValue'] = target.inputs['passwords'][parameter['name']]
        script['category'] = dict(id=target.scope)  # the path of the write (taken off before it is sent)
        return script

    def _file_name(self, stored, target, execution_type):
        return (target.inputs.get('file_name') or as_dict(as_dict(stored).get('attachment')).get('name')
                or '%s%s' % (target.desired.get('name') or as_dict(stored).get('name'), EXTENSIONS.get(execution_type, '')))

    def text_diffs(self, plan, target):
        """The body, as text, when it changes: before as far as OpsRamp shows it."""
        if 'body' not in plan.changes:
            return []
        before = body.body_text(as_dict(plan.obj)) if plan.obj else ''
        if before is None:
            before = '(OpsRamp does not return the body of script %s: its digest was %s)\n' % (
                plan.object_id, (plan.before or {}).get('body') or 'not recorded')
        return [dict(before_header='%s (body)' % target.name, after_header='%s (body)' % target.name, before=before,
                     after=target.inputs.get('body') or '')]

    # ------------------------------------------------------------------------------------------------ the API

    def as_planned(self, obj):
        """A script check mode would create or update, as a custom job's lookup is to see it: a new script has the
        id ``new``, and each new parameter ``new-<its position>`` (OpsRamp gives both on create: api-behaviour §20.4)."""
        planned = super(ScriptResource, self).as_planned(obj)
        parameters = [dict(parameter, id=parameter.get('id') or '%s-%d' % (NEW_ID, number))
                      for number, parameter in enumerate(as_dict(planned).get('parameters') or [], 1)]
        return dict(planned, parameters=parameters) if parameters else planned

    def scope_of(self, obj):
        return text(as_dict(obj.get('category')).get('id')) or None

    def find(self, client, target):
        if target.object_id:
            return self.get(client, target.object_id, target.scope)
        matches = [script for script in api.list_scripts(client, target.scope) if script.get('name') == target.name]
        if len(matches) > 1:
            raise ObjectLookupError("%d scripts of category %s are named '%s' (ids %s): give id to choose one"
                                    % (len(matches), target.scope, target.name,
                                       ', '.join(text(script.get('id')) for script in matches)))
        return _read(matches[0], client) if matches else None

    def get(self, client, object_id, scope=None):
        return _read(api.get_script(client, scope, object_id), client)

    def needs_full(self, desired):
        return 'body' in desired

    def list_all(self, client, pool, wants_full):
        """Every script of every category. A category's list holds whole scripts; a script ``wants_full`` accepts
        is read "in full" only in that its body is downloaded when nothing else tells its digest (``_read``)."""
        listed = {}
        listing = Listing(pool, lambda script_id: _read(listed[script_id], client), wants_full)
        categories = CategoryIndex.of(client).all()
        for number, scripts in enumerate(pool.map(lambda category: api.list_scripts(client, category.id), categories)):
            listed.update((script.get('id'), script) for script in scripts)
            listing.add(number + 1, [_read(script) for script in scripts])
        return listing

    def create(self, client, payload):
        scope, sent = _path_and_body(payload)
        return _read(api.create_script(client, scope, sent))

    def update(self, client, obj, payload, not_stored=None):
        scope, sent = _path_and_body(payload)
        return _read(api.update_script(client, scope, obj['id'], sent))

    def delete(self, client, obj):
        return api.delete_script(client, self.scope_of(obj), obj['id'])


def _check_parameters(parameters):
    seen = set()
    for index, parameter in enumerate(parameters or []):
        name = text(as_dict(parameter).get('name'))
        if not name.strip():
            _fail('parameters[%d].name' % index, 'must not be empty')
        if name in seen:
            _fail('parameters[%d].name' % index, 'parameter %r is given more than once' % name)
        seen.add(name)


def _check_password_defaults(stored, target):
    """A PASSWORD default a read masks or leaves out cannot be sent back (it would store the mask) nor left out (an
    update may drop it): an update needs the task to give the parameters (api-behaviour §20.9)."""
    if 'parameters' in target.desired:
        return
    hidden = [item.get('name') for item in as_dict(stored).get('parameters') or [] if is_password(item)]
    if hidden:
        _fail('parameters', "OpsRamp does not show the default of the PASSWORD parameters %s of script '%s', and its "
                            "update takes the whole script: give parameters, with their defaults, to update it"
                            % (', '.join(map(repr, hidden)), as_dict(stored).get('name')))


def _body_of(params):
    for option in ('command', 'content'):
        if params.get(option) is not None:
            return params[option]
    return None


def _base_name(path):
    return os.path.basename(path) if path else None


def _set_body(script, text_body, execution_type, file_name):
    script.pop('command', None)
    script.pop('attachment', None)
    if execution_type == 'command':
        script['command'] = text_body
    else:
        script['attachment'] = dict(name=file_name, file=body.encoded(text_body))


def _path_and_body(payload):
    sent = copy.deepcopy(payload)
    return sent.pop('category')['id'], sent


def _read(script, client=None):
    """The script as read, with the digest of its body (api-behaviour §20.11): of the body the read carries, else
    the one the description's digest line records, else (given the ``client``) of the body downloaded from a
    contentURL that names the script, on the API's host; None when none of them tells it."""
    if not isinstance(script, dict):
        return None
    read = body.with_digest(script)
    if read[body.DIGEST_KEY] is None and client is not None:
        downloaded = body.download(client, script)[0]
        if downloaded is not None:
            read[body.DIGEST_KEY] = body.digest(downloaded)
    return read


# ---------------------------------------------------------------------------------------------------- categories

class CategoryResource(Resource):
    """The adapter of RBA categories: found by name under their parent, renamed when named by id."""

    noun = 'category'
    plural = 'categories'
    model = CATEGORY_MODEL

    def validate(self, params):
        _check_identity(params, 'category')
        _category_scope(params, 'parent', 'parent_id')
        super(CategoryResource, self).validate(params)

    def resolve(self, client, params):
        if params.get('parent') is None:
            return params, None
        return dict(params, parent_id=CategoryIndex.of(client).find(params['parent'], 'parent').id), None

    def wanted(self, params, labels=None):
        scope = text(params['parent_id']) if params.get('parent_id') is not None else None
        if params['state'] == 'absent':
            return Wanted('absent', params.get('id'), params.get('name'), scope=scope)
        return Wanted('present', params.get('id'), params.get('name'), self.model.desired(params), scope=scope)

    def check_create(self, desired):
        if desired.get('name') is None:
            _fail('name', 'required to create the category, which does not exist yet')

    def payload(self, stored, target, now):
        return dict(name=target.desired.get('name') or as_dict(stored).get('name'), parentId=target.scope)

    def find(self, client, target):
        index = CategoryIndex.of(client)
        if target.object_id:
            found = index.by_id(target.object_id)
            return found.as_object() if found else None
        matches = index.matching(target.name, target.scope, top=target.scope is None)
        if len(matches) > 1:
            raise ObjectLookupError("%d RBA categories named '%s' are there (%s): give id to choose one"
                                    % (len(matches), target.name, ', '.join('%s: id %s' % (found.path_text, found.id)
                                                                            for found in matches)))
        return matches[0].as_object() if matches else None

    def get(self, client, object_id, scope=None):
        found = CategoryIndex.of(client).by_id(object_id)
        return found.as_object() if found else None

    def create(self, client, payload):
        created = api.create_category(client, payload['name'], payload['parentId'])
        CategoryIndex.of(client).refresh()
        return self.get(client, as_dict(created).get('id')) or created

    def update(self, client, obj, payload, not_stored=None):
        api.rename_category(client, obj['id'], payload['name'])
        CategoryIndex.of(client).refresh()
        return self.get(client, obj['id']) or dict(obj, name=payload['name'])

    def check_deletion(self, client, obj):
        """OpsRamp deletes only an empty category (api-behaviour §20.6): refuse one that holds scripts, in it or
        below it, before any write."""
        below = CategoryIndex.of(client).subtree(obj['id'])
        scripts = [(category, script) for category in below for script in api.list_scripts(client, category.id)]
        if scripts:
            raise ValidationError(
                "state: the RBA category '%s' (id %s) holds %d script%s (%s): OpsRamp deletes only an empty category; "
                "delete its scripts first" % (obj['path'], obj['id'], len(scripts), '' if len(scripts) == 1 else 's', ', '.join(
                    "'%s' (id %s) in %s" % (script.get('name'), script.get('id'), category.path_text)
                    for category, script in scripts[:5]) + (', ...' if len(scripts) > 5 else '')), option='state')

    def delete(self, client, obj):
        deleted = api.delete_category(client, obj['id'])
        CategoryIndex.of(client).refresh()
        return deleted


SCRIPTS = ScriptResource()
CATEGORIES = CategoryResource()
