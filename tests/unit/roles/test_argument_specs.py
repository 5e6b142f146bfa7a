# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The schedule roles document and pass the job and connection options as rendered from the tables (ci/render_docs.py):
what is rendered is in step with the tables, and what a role declares and what it passes are the same options."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import re
import subprocess
import sys

import pytest
import yaml

from ansible_collections.opsramp.automation.plugins.module_utils._engine import options
from ansible_collections.opsramp.automation.plugins.module_utils._http.config import CONNECTION_OPTIONS
from ansible_collections.opsramp.automation.plugins.module_utils._jobs.table import JOB_MODEL

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..'))
ROLES = ('daily_job', 'weekly_job', 'monthly_job', 'run_once_job')
PASSED = [option.name for option in JOB_MODEL.options if option.name not in ('id', 'name', 'schedule')]


def _load(role, *parts):
    with open(os.path.join(ROOT, 'roles', role, *parts)) as handle:
        return yaml.safe_load(handle)


def test_what_is_rendered_is_in_step_with_the_tables():
    result = subprocess.run([sys.executable, os.path.join(ROOT, 'ci', 'render_docs.py'), '--check'], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True, check=False)
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize('role', ROLES)
def test_the_role_documents_every_job_and_connection_option_as_the_module_does(role):
    declared = _load(role, 'meta', 'argument_specs.yml')['argument_specs']['main']['options']
    expected = options.role_option_docs(role, [option for option in JOB_MODEL.options if option.name in PASSED])
    expected.update(options.role_connection_docs(role))
    assert dict((name, declared[name]) for name in expected if name in declared) == expected
    assert declared['%s_client_secret' % role]['no_log'] and declared['%s_access_token' % role]['no_log']


@pytest.mark.parametrize('role', ROLES)
def test_the_role_passes_every_option_it_declares(role):
    variables = _load(role, 'vars', 'main.yml')
    passed = dict((variable, re.findall(r"'(\w+)': %s_(\w+) \| default\(none\)" % role, variables['%s__%s' % (role, variable)]))
                  for variable in ('job_options', 'connection'))
    assert passed['job_options'] == [(name, name) for name in PASSED]
    assert passed['connection'] == [(option['name'], option['name']) for option in CONNECTION_OPTIONS]


def test_export_scripts_documents_and_passes_the_connection_options():
    declared = _load('export_scripts', 'meta', 'argument_specs.yml')['argument_specs']['main']['options']
    expected = options.role_connection_docs('export_scripts')
    assert dict((name, declared[name]) for name in expected if name in declared) == expected
    variables = _load('export_scripts', 'vars', 'main.yml')
    passed = re.findall(r"'(\w+)': export_scripts_(\w+) \| default\(none\)", variables['export_scripts__connection'])
    assert passed == [(option['name'], option['name']) for option in CONNECTION_OPTIONS]
