# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The doc fragments are YAML literals (ansible-test reads them without running them), rendered by ci/render_docs.py
from the connection options (_engine.options.connection_doc_fragment) and the job table (JOBS.model.doc(),
JOBS.list_doc()). These tests keep the two in step: the argument spec and the docs come from one table."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
import yaml

from ansible_collections.opsramp.automation.plugins.doc_fragments import connection, job, job_list
from ansible_collections.opsramp.automation.plugins.module_utils._engine import options
from ansible_collections.opsramp.automation.plugins.module_utils._http.config import CONNECTION_OPTIONS
from ansible_collections.opsramp.automation.plugins.module_utils._jobs.adapter import JOBS


class _IndentedDumper(yaml.SafeDumper):
    def increase_indent(self, flow=False, indentless=False):
        return super(_IndentedDumper, self).increase_indent(flow, False)


def render(data):
    return yaml.dump(data, Dumper=_IndentedDumper, sort_keys=False, width=118, default_flow_style=False)


@pytest.mark.parametrize('fragment, table', [
    (connection.ModuleDocFragment.DOCUMENTATION, options.connection_doc_fragment),
    (job.ModuleDocFragment.DOCUMENTATION, lambda: dict(options=JOBS.model.doc())),
    (job_list.ModuleDocFragment.DOCUMENTATION, lambda: dict(options=JOBS.list_doc())),
], ids=['connection', 'job', 'job_list'])
def test_fragment_is_rendered_from_its_table(fragment, table):
    expected = table()
    assert yaml.safe_load(fragment) == expected, (
        'run ci/render_docs.py, or paste this into the fragment:\n' + render(expected))


def test_every_connection_option_has_its_environment_variable_documented():
    documented = yaml.safe_load(connection.ModuleDocFragment.DOCUMENTATION)['options']
    for option in CONNECTION_OPTIONS:
        assert 'E(%s)' % option['env'] in ' '.join(documented[option['name']]['description'])


def test_secrets_are_no_log_in_the_argument_spec():
    spec = options.connection_argument_spec()
    assert [name for name, entry in spec.items() if entry['no_log']] == ['client_secret', 'access_token']
