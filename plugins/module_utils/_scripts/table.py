# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""RBA scripts and categories as tables: every option of opsramp_script and opsramp_script_category declared once,
with its documentation and its API mapping (api-behaviour §20). ``SCRIPT_MODEL`` and ``CATEGORY_MODEL`` derive the
canonical states and the request bodies from them."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.opsramp.automation.plugins.module_utils._engine.fields import Field, Option
from ansible_collections.opsramp.automation.plugins.module_utils._engine.kinds import Choice, Count, Kind, Text
from ansible_collections.opsramp.automation.plugins.module_utils._engine.model import Model
from ansible_collections.opsramp.automation.plugins.module_utils._engine.values import enum_reader, read_enum, text
from ansible_collections.opsramp.automation.plugins.module_utils._scripts.body import DIGEST_KEY, split_description
from ansible_collections.opsramp.automation.plugins.module_utils._scripts.parameters import DATA_TYPES, ScriptParameters

# executionType (api-behaviour §20.2): option value -> API value
EXECUTION_TYPES = dict((name.lower(), name) for name in (
    'BATCHFILE', 'COMMAND', 'DOWNLOAD', 'EXE', 'MSI', 'POWERSHELL', 'PYTHON', 'PERL', 'PHP', 'SHELL', 'VBS'))
PLATFORMS = {'windows': 'WINDOWS', 'linux': 'LINUX'}
_PLATFORM = enum_reader(PLATFORMS)

# What a read adds that a write does not take (api-behaviour §20.3): dropped before a script is sent back.
READ_ONLY_KEYS = (
    ((), ('category', 'scriptVersion', DIGEST_KEY, 'attachment')),
)


class Description(Kind):
    """The script's description as the user wrote it: the digest trailer the collection adds is not part of it."""

    def desired(self, value):
        return text(value)

    def current(self, raw):
        return split_description(raw)[0] or ''


class Platforms(Kind):
    """A set of platforms, sent in upper case, read in any case."""
    spec = dict(type='list', elements='str', choices=list(PLATFORMS))

    def desired(self, value):
        return sorted(set(read_enum(item, _PLATFORM) for item in value or []))

    def current(self, raw):
        return sorted(set(read_enum(item, _PLATFORM) for item in raw or [])) if isinstance(raw, list) else None

    def to_api(self, value, stored, now):
        return [PLATFORMS.get(item, item) for item in value]

    def problem(self, value):
        bad = [item for item in value if item not in PLATFORMS]
        return '%r is not one of %s' % (bad[0], ', '.join(PLATFORMS)) if bad else None


SCRIPT_OPTIONS = (
    Option('id', [
        'Identifier of the script (a number) that OpsRamp gave it.',
        'When given, the script is found by O(id) in O(category), rather than by O(name).',
    ]),
    Field('name', 'name', Text(blank=False), [
        'Name of the script.',
        'Without O(id), the script is found by this exact, case-sensitive name in O(category); the task fails if several'
        ' scripts of the category share it.',
    ]),
    Option('category', [
        'The category that holds the script: its name, or its path from the top, the names joined with V(/)'
        ' (V(Network/Backups)), compared exactly.',
        'Give O(category_id) instead when a name is shared or holds V(/).',
        'A script stays in its category: OpsRamp has no way to move it.',
    ]),
    Option('category_id', ['Identifier of the category that holds the script, instead of O(category).']),
    Field('description', 'description', Description(), [
        'What the script does.',
        'The collection adds a last line to it in OpsRamp, which records the digest of the script\'s body (OpsRamp does'
        ' not return the body when it is read); the line is never part of the description the task compares or'
        ' returns.',
    ]),
    Field('execution_type', 'executionType', Choice(EXECUTION_TYPES), [
        'How the script runs: V(command) runs O(command); the other types run the file given by O(src) or O(content).',
        'Required to create a script.',
    ]),
    Field('platforms', 'platforms', Platforms(), ['The platforms the script runs on.']),
    Option('command', [
        'The command line of a script with O(execution_type=command).',
        'Mutually exclusive with O(src) and O(content).',
    ]),
    Option('src', [
        'The script\'s file, on the Ansible controller, found as M(ansible.builtin.copy) finds its'
        ' O(ansible.builtin.copy#module:src): relative to a'
        ' role\'s C(files/) folder or the playbook\'s, or an absolute path. Read as UTF-8 text.',
        'Mutually exclusive with O(content) and O(command).',
    ], type='path'),
    Option('content', [
        'The script\'s file, as text, instead of O(src).',
        'Mutually exclusive with O(src) and O(command).',
    ]),
    Option('file_name', [
        'The name OpsRamp gives the script\'s file (C(attachment.name)), for example V(restart.sh).',
        'Defaults to the base name of O(src), else to the name the script has, else to O(name) with the usual extension'
        ' of O(execution_type).',
    ]),
    Field('body', DIGEST_KEY, Kind(), ['The digest of the body (body.py).'], internal=True),
    Field('parameters', 'parameters', ScriptParameters(), [
        'The script\'s parameters, in the order the script receives them.',
        'The list is authoritative: parameters it does not name are removed. A custom job names a parameter by its'
        ' name (M(opsramp.automation.opsramp_job), O(opsramp.automation.opsramp_job#module:custom_script.parameters[].name)).',
    ], sensitive=True, suboptions=[
        Option('name', ['Name of the parameter.'], required=True),
        Option('description', ['What the parameter is for.']),
        Option('default', [
            'Value the parameter takes when a job gives none.',
            'A V(password) parameter\'s default is a secret: never shown, and only written when the script is created'
            ' or written for another reason, unless O(update_password=always).',
        ]),
        Option('required', ['Whether a job must give the parameter a value.'], type='bool', default=False),
        Option('data_type', ['The type of the value.'], choices=list(DATA_TYPES), default='string'),
    ]),
    Option('update_password', [
        'V(on_create) writes the default of a V(password) parameter when the script is created, or updated for'
        ' another reason; V(always) writes it on every run, which then always reports a change (OpsRamp never shows it,'
        ' so it cannot be compared).',
    ], choices=['on_create', 'always'], default='on_create', no_log=False),
    Field('install_timeout', 'installTimeout', Count('seconds'), [
        'Seconds the agent waits for the script to install or run.',
    ]),
    Field('registry_path', 'registryPath', Text(), ['Sanity check: a Windows registry path the script creates.']),
    Field('registry_value', 'registryValue', Text(), ['Sanity check: the value expected at O(registry_path).']),
    Field('process_name', 'processName', Text(), ['Sanity check: a process that runs after the script.']),
    Field('service_name', 'serviceName', Text(), ['Sanity check: a service that runs after the script.']),
    Field('output_directory', 'outputDirectory', Text(), [
        'Where the agent keeps the file of a V(download), V(exe) or V(msi) script.',
    ]),
    Field('output_file', 'outputFile', Text(), ['The name of that file.']),
)

SCRIPT_MODEL = Model(SCRIPT_OPTIONS, READ_ONLY_KEYS)

CATEGORY_OPTIONS = (
    Option('id', [
        'Identifier of the category (a number) that OpsRamp gave it.',
        'When given, the category is found by O(id): then O(name) renames it.',
    ]),
    Field('name', 'name', Text(blank=False), [
        'Name of the category.',
        'Without O(id), the category is found by this exact, case-sensitive name under O(parent) (at the top without'
        ' it).',
    ]),
    Option('parent', [
        'The category this one is a subcategory of: its name, or its path from the top, the names joined with V(/).',
        'Left out, the category is at the top. A category stays under its parent: OpsRamp has no way to move it.',
    ]),
    Option('parent_id', ['Identifier of the parent category, instead of O(parent).']),
)

CATEGORY_MODEL = Model(CATEGORY_OPTIONS)
