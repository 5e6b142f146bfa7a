# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""module_utils imports only downwards: each layer (docs/architecture.md, "The layers") imports the layers below it,
never one above, and never a package beside it. The plugins (modules, inventory, filters) stand above them all."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ast
import os

import pytest

PLUGINS = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..', 'plugins'))
MODULE_UTILS = os.path.join(PLUGINS, 'module_utils')
PREFIX = 'ansible_collections.opsramp.automation.plugins.module_utils'
# lowest first; the packages of one layer are independent of each other
LAYERS = (
    ('_http',),
    ('_engine',),
    ('_resources', '_tenants'),
    ('_scripts',),
    ('_jobs',),
    ('module',),
)
RANK = dict((unit, rank) for rank, units in enumerate(LAYERS) for unit in units)


def unit_of(module_path):
    """The layer unit of a module_utils file or import: its private package, or ``module`` for module.py."""
    return module_path.split('.')[0]


def imports_of(path):
    """The module_utils units that the file at ``path`` imports."""
    with open(path) as handle:
        tree = ast.parse(handle.read(), path)
    found = set()
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module] + ['%s.%s' % (node.module, alias.name) for alias in node.names]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        for name in names:
            if name.startswith(PREFIX + '.'):
                found.add(unit_of(name[len(PREFIX) + 1:]))
    return found


def module_utils_files():
    for folder, dummy, files in os.walk(MODULE_UTILS):
        for name in sorted(files):
            if name.endswith('.py'):
                path = os.path.join(folder, name)
                yield os.path.relpath(path, MODULE_UTILS).replace(os.sep, '.')[:-3], path


def upward_imports(files):
    """``(file, imported unit)`` for every import of a unit that is not below (or within) the file's own unit."""
    wrong = []
    for module_path, path in files:
        unit = unit_of(module_path)
        for imported in sorted(imports_of(path) - {unit}):
            if RANK.get(imported, len(LAYERS)) >= RANK.get(unit, -1):
                wrong.append((module_path, imported))
    return wrong


def test_every_unit_has_a_layer():
    assert set(unit_of(module_path) for module_path, dummy in module_utils_files()) <= set(RANK)


def test_module_utils_import_only_downwards():
    assert upward_imports(module_utils_files()) == []


@pytest.mark.parametrize('source, imported', [
    ('from %s._engine.plan import decide\n' % PREFIX, '_engine'),
    ('from %s import module\n' % PREFIX, 'module'),
    ('import %s._jobs.api\n' % PREFIX, '_jobs'),
], ids=['from-package', 'from-parent', 'import'])
def test_an_upward_import_is_found(tmp_path, source, imported):
    sample = tmp_path / 'client.py'
    sample.write_text(source)
    assert upward_imports([('_http.client', str(sample))]) == [('_http.client', imported)]


def test_an_import_of_a_package_beside_is_found(tmp_path):
    sample = tmp_path / 'lookup.py'
    sample.write_text('from %s._tenants import clients\n' % PREFIX)
    assert upward_imports([('_resources.lookup', str(sample))]) == [('_resources.lookup', '_tenants')]
