# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The doc fragments are YAML literals (ansible-test reads them without running them), rendered from the option
tables in module_utils.arguments. These tests keep the two in step: the argument spec and the docs come from one table."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
import yaml

from ansible_collections.opsramp.automation.plugins.doc_fragments import connection, job, job_list
from ansible_collections.opsramp.automation.plugins.module_utils import arguments


class _IndentedDumper(yaml.SafeDumper):
    def increase_indent(self, flow=False, indentless=False):
        return super(_IndentedDumper, self).increase_indent(flow, False)


def render(options):
    return yaml.dump(options, Dumper=_IndentedDumper, sort_keys=False, width=118, default_flow_style=False)


@pytest.mark.parametrize('fragment, table', [
    (connection.ModuleDocFragment.DOCUMENTATION, arguments.connection_doc_fragment),
    (job.ModuleDocFragment.DOCUMENTATION, arguments.job_doc_fragment),
    (job_list.ModuleDocFragment.DOCUMENTATION, arguments.job_list_doc_fragment),
], ids=['connection', 'job', 'job_list'])
def test_fragment_is_rendered_from_its_table(fragment, table):
    expected = table()
    assert yaml.safe_load(fragment) == expected, 'paste this into the fragment:\n' + render(expected)


def test_every_connection_option_has_its_environment_variable_documented():
    documented = yaml.safe_load(connection.ModuleDocFragment.DOCUMENTATION)['options']
    for option in arguments.CONNECTION_OPTIONS:
        assert 'E(%s)' % option['env'] in ' '.join(documented[option['name']]['description'])


def test_secrets_are_no_log_in_the_argument_spec():
    spec = arguments.connection_argument_spec()
    assert [name for name, entry in spec.items() if entry['no_log']] == ['client_secret', 'access_token']
