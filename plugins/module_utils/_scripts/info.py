# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""opsramp_script_info: the RBA categories (the tree flattened, each with its path) and the scripts in them, by
category, name or id; as OpsRamp returns them, or as opsramp_script options with their bodies (adopt as code).

``format: options`` writes each script as the options that keep it as it is (``_engine/export.py``), its body
returned apart, by file name (``files``), for a file next to the options. The body comes from the read when it
carries it, else from a ``contentURL`` that names the script (api-behaviour §20.3); a PASSWORD parameter's default
never leaves the module: the options hold a Vault placeholder instead (§20.9).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import hashlib
import os.path
import re

from concurrent.futures import ThreadPoolExecutor

from ansible_collections.opsramp.automation.plugins.module_utils._engine.export import Exporter, identifier
from ansible_collections.opsramp.automation.plugins.module_utils._engine.secrets import Secrets
from ansible_collections.opsramp.automation.plugins.module_utils._engine.values import as_dict, text
from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import ObjectLookupError, ValidationError
from ansible_collections.opsramp.automation.plugins.module_utils._scripts import api, body
from ansible_collections.opsramp.automation.plugins.module_utils._scripts.adapter import EXTENSIONS, SCRIPTS
from ansible_collections.opsramp.automation.plugins.module_utils._scripts.categories import CategoryIndex
from ansible_collections.opsramp.automation.plugins.module_utils._scripts.parameters import is_password
from ansible_collections.opsramp.automation.plugins.module_utils._scripts.table import SCRIPT_MODEL

READ_WORKERS = 4  # categories listed (and bodies downloaded) at a time
MAX_STEM = 100
_UNSAFE = re.compile(r'[^A-Za-z0-9._-]+')
# a body file must not look like a file of options to a playbook that loads scripts/*.yml
_OPTION_FILE_EXTENSIONS = ('.yml', '.yaml')


def script_info(client, params):
    """opsramp_script_info's result for its options ``params``: the categories read, and the scripts as OpsRamp
    returns them (``format=api``, PASSWORD defaults hidden) or as opsramp_script options (``format=options``)."""
    check_options(params)
    index = CategoryIndex.of(client)
    categories = selected_categories(client, index, params)
    result = dict(changed=False, categories=[category.as_object() for category in categories])
    with ThreadPoolExecutor(max_workers=READ_WORKERS) as pool:
        found = read_scripts(client, pool, categories, params)
        if params['format'] == 'api':
            result['scripts'] = [Secrets(SCRIPT_MODEL).mask_object(script) for dummy, script in found]
            return result
        exported = ScriptExport(client, pool, index.all()).of(found)
    for warning in exported.warnings:
        client.warn(warning)
    result.update(scripts=exported.options, files=exported.files, option_files=exported.option_files,
                  secret_variables=exported.variables)
    return result


def check_options(params):
    """Refuse what cannot be read, before any request."""
    for option in ('id', 'name', 'category', 'category_id'):
        if params.get(option) is not None and not text(params[option]).strip():
            raise ValidationError('%s: must not be empty' % option, option=option)
    if params.get('id') is not None and params.get('category') is None and params.get('category_id') is None:
        raise ValidationError('id: OpsRamp reads a script only in its category (it has no read of a script by id '
                              'alone): give category or category_id with id', option='id')


def selected_categories(client, index, params):
    """The categories to read scripts from: the one named and (``subcategories``) those below it; else all."""
    if params.get('category_id') is not None:
        chosen = index.by_id(params['category_id'])
        if chosen is None:
            raise ObjectLookupError("category_id: no RBA category has the id '%s' in tenant %s"
                                    % (params['category_id'], client.tenant_id))
    elif params.get('category') is not None:
        chosen = index.find(params['category'], 'category')
    else:
        return index.all()
    if params.get('id') is not None or not params.get('subcategories', True):
        return [chosen]
    return index.subtree(chosen.id)


def read_scripts(client, pool, categories, params):
    """``(category, script)`` pairs as OpsRamp returns them: the script ``id`` (one read), else the scripts of every
    category (one list each, in ``pool``) that have the exact ``name``, or whose name starts with ``name_prefix``."""
    if params.get('id') is not None:
        script = api.get_script(client, categories[0].id, params['id'])
        return [(categories[0], script)] if script else []
    found = []
    listed = pool.map(lambda category: api.list_scripts(client, category.id), categories)
    for category, scripts in zip(categories, listed):
        found.extend((category, script) for script in scripts if _selected(script, params))
    return found


def _selected(script, params):
    name = script.get('name')
    if params.get('name') is not None:
        return name == params['name']
    return not params.get('name_prefix') or (isinstance(name, str) and name.startswith(params['name_prefix']))


# ---------------------------------------------------------------------------------------------------- export

class ScriptExporter(Exporter):
    """The engine's exporter, the script's category given (by id, until its path replaces it): a script's options
    are proven in their category."""

    def values(self, api_object):
        options = super(ScriptExporter, self).values(api_object)
        options['category_id'] = SCRIPTS.scope_of(api_object)
        return options


class ScriptExport:
    """Scripts as opsramp_script options with their bodies as files. ``of(found)`` fills ``options`` (one per
    script), ``option_files`` (a file name for each), ``files`` (the bodies by file name), ``variables`` (the Vault
    variables of the PASSWORD defaults) and ``warnings``."""

    def __init__(self, client, pool, categories):
        self.client = client
        self.pool = pool
        self.by_id = dict((category.id, category) for category in categories)
        self.path_count = {}
        for category in categories:
            self.path_count[category.path_text] = self.path_count.get(category.path_text, 0) + 1
        self.options, self.option_files, self.files, self.variables, self.warnings = [], [], {}, [], []

    def of(self, found):
        scripts = [_with_category(script, category) for category, script in found]
        self.options, self.warnings = ScriptExporter(SCRIPTS).all(scripts)
        bodies = self.pool.map(self._body, scripts)
        stems = file_stems(self.options, scripts, [self._path_of(script) for script in scripts])
        each = zip(self.options, scripts, bodies, stems, vault_parts(self.options, scripts))
        for options, script, (text_body, problem), stem, script_part in each:
            if 'id' in options:
                options['id'] = text(options['id'])  # the option is text; OpsRamp's ids are numbers (§20.4)
            self._place_category(options, script)
            if text_body is not None:
                self._add_body(options, script, text_body, stem)
            if problem:
                self._warn(script, problem)
            self.variables.extend(hide_password_defaults(options, script_part))
            self.option_files.append(stem + '.yml')
        self.options = [in_table_order(options) for options in self.options]
        return self

    def _body(self, script):
        """``(the body's text or None, a problem to warn about or None)``: from the read, else downloaded."""
        found = body.body_text(script)
        if found is not None:
            return found, None
        if _is_command(script):
            return None, ("its command is left out (OpsRamp's read does not carry it): the options do not manage "
                          "it; add command to manage it")
        found, why_not = body.download(self.client, script)
        if found is None:
            return None, ('its body is left out (%s): the options do not manage it; add src with the file to manage '
                          'it' % why_not)
        recorded = body.split_description(script.get('description'))[1]
        if recorded is not None and recorded != body.digest(found):
            return found, ('its body is not the one opsramp.automation last wrote (it was changed outside the '
                           'collection): applying these options writes the script once, recording it')
        return found, None

    def _path_of(self, script):
        category = self.by_id.get(SCRIPTS.scope_of(script))
        return category.path_text if category else SCRIPTS.scope_of(script)

    def _place_category(self, options, script):
        """``category`` by its path; ``category_id`` when another category has the same path."""
        category = self.by_id.get(SCRIPTS.scope_of(script))
        if category is not None and self.path_count[category.path_text] == 1:
            options.pop('category_id', None)
            options['category'] = category.path_text
        else:
            self._warn(script, 'its category is given by id: %s'
                       % ('another category has the same path' if category else 'it is not in the category list'))

    def _add_body(self, options, script, text_body, stem):
        if _is_command(script):
            options['command'] = text_body
            return
        attachment_name = as_dict(script.get('attachment')).get('name')
        extension = os.path.splitext(attachment_name or '')[1] or EXTENSIONS.get(
            text(script.get('executionType')).lower(), '')
        if extension.lower() in _OPTION_FILE_EXTENSIONS:
            extension += '.txt'
        options['src'] = stem + extension
        self.files[options['src']] = text_body
        if attachment_name and attachment_name != options['src']:
            options['file_name'] = attachment_name

    def _warn(self, script, problem):
        self.warnings.append("script '%s' (id %s): %s" % (script.get('name'), script.get('id'), problem))


def _with_category(script, category):
    """The script with the category it was listed in, when its read does not name it."""
    if SCRIPTS.scope_of(script) is None:
        return dict(script, category=dict(id=category.id, name=category.name))
    return script


def _is_command(script):
    """Whether the script runs a command rather than a file: a COMMAND script, or one whose read shows a command
    and no attachment."""
    execution_type = text(script.get('executionType')).strip().upper()
    if execution_type:
        return execution_type == 'COMMAND'
    return script.get('command') not in (None, '') and not script.get('attachment')


def in_table_order(options):
    """``options`` in the order of opsramp_script's documentation."""
    order = dict((option.name, number) for number, option in enumerate(SCRIPT_MODEL.options))
    return dict((key, options[key]) for key in sorted(options, key=lambda key: order.get(key, len(order))))


# ---------------------------------------------------------------------------------------------------- names

def _stem(name):
    stem = _UNSAFE.sub('-', text(name)).lstrip('.-').rstrip('.-')[:MAX_STEM].rstrip('.-')
    return stem or 'script'


def file_stems(options_list, scripts, paths):
    """A file name stem for each script: its name made safe (a ``/``, spaces... become ``-``), with a suffix where
    stems clash (also where case does not count): the script's id when its options carry it (its name is shared in
    its category), else a hash of its category's path and its name, so a file keeps its name from one export to the
    next."""
    stems = [_stem(options.get('name')) for options in options_list]
    clashes = {}
    for stem in stems:
        clashes[stem.lower()] = clashes.get(stem.lower(), 0) + 1
    unique = []
    for stem, options, script, path in zip(stems, options_list, scripts, paths):
        if options.get('id'):
            stem = '%s-%s' % (stem, _UNSAFE.sub('-', text(script.get('id'))))
        elif clashes[stem.lower()] > 1:
            stem = '%s-%s' % (stem, hashlib.sha1(('%s/%s' % (path, options.get('name'))).encode('utf-8')).hexdigest()[:8])
        unique.append(stem)
    return unique


def vault_parts(options_list, scripts):
    """Each script's part of its Vault variable names: its name, followed by its id when another exported script
    with PASSWORD parameters has a name that gives the same part."""
    parts = [identifier(options.get('name'), 'script') for options in options_list]
    with_passwords = [part for part, options in zip(parts, options_list)
                      if any(is_password(parameter) for parameter in options.get('parameters') or [])]
    return [part + ('_' + identifier(script.get('id'), 'script') if with_passwords.count(part) > 1 else '')
            for part, script in zip(parts, scripts)]


def hide_password_defaults(options, script_part):
    """Give each PASSWORD parameter of ``options`` the Vault placeholder ``{{ vault_<script>_<parameter> }}`` as its
    default (a read never shows the value: api-behaviour §20.9); the variables' names."""
    variables = []
    for number, parameter in enumerate(options.get('parameters') or []):
        if is_password(parameter):
            variables.append('vault_%s_%s' % (script_part, identifier(parameter.get('name'), 'parameter')))
            options['parameters'][number] = _with_default(parameter, '{{ %s }}' % variables[-1])
    return variables


def _with_default(parameter, default):
    """``parameter`` with ``default``, in the order of the options' documentation."""
    ordered = dict((key, parameter[key]) for key in ('name', 'description') if key in parameter)
    ordered['default'] = default
    ordered.update((key, value) for key, value in parameter.items() if key not in ordered)
    return ordered
