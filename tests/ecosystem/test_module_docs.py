# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What ansible-doc shows of the installed collection's modules: every one lists requests among its requirements (the
import error of a module without it says "please read the module documentation")."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import subprocess

from conftest import tool


def test_every_module_documents_its_requirements(installed_collection, installed_collections):
    modules = sorted(name[:-3] for name in os.listdir(os.path.join(installed_collection, 'plugins', 'modules'))
                     if name.endswith('.py') and not name.startswith('_'))
    assert len(modules) >= 6
    names = ['opsramp.automation.%s' % module for module in modules]
    shown = subprocess.run([tool('ansible-doc'), '--json'] + names, check=True, stdout=subprocess.PIPE,
                           universal_newlines=True, env=dict(os.environ, ANSIBLE_COLLECTIONS_PATH=installed_collections))
    docs = json.loads(shown.stdout)
    for name in names:
        requirements = docs[name]['doc'].get('requirements') or []
        assert any(requirement.startswith('requests') for requirement in requirements), (name, requirements)
