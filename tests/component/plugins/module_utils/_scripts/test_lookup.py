# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Custom jobs naming their RBA script and parameters, resolved and reconciled over real HTTP against the simulator,
whatever shape its RBA answers take (api-behaviour §20.3, §20.4, §20.7, §13): the store holds the ids, and the
request log shows one listing of the categories and one of each category's scripts."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.opsramp.automation.plugins.module_utils._engine import bulk
from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import ObjectLookupError
from ansible_collections.opsramp.automation.plugins.module_utils._jobs.adapter import JOBS
from ansible_collections.opsramp.automation.tests.component.plugins.module_utils.http_support import TENANT

RBA = '/api/v2/tenants/%s/rba/categories' % TENANT
CATEGORIES = [dict(id=100, name='Web'), dict(id=101, name='Apache', parent=100),
              dict(id=102, name='Shared', **{'global': True})]
SCRIPTS = [
    dict(id=78, name='Restart Apache', category=101, executionType='SHELL', content='true\n',
         parameters=[dict(id=5001, name='port', type='OPTIONAL', dataType='INTEGER'),
                     dict(id=5002, name='mode', type='OPTIONAL', dataType='STRING')]),
    dict(id=90, name='Check disk', category=102, executionType='SHELL', content='df\n',
         parameters=[dict(id=5010, name='mount', type='REQUIRED', dataType='STRING')]),
]


def custom_job(name, script, **parameters):
    return dict(name=name, job_type='custom', schedule=dict(type='never'),
                custom_script=dict(script=script, parameters=[dict(name=key, value=value)
                                                              for key, value in sorted(parameters.items())]))


def element(spec):
    """A list element as opsramp_jobs validates it: every option present."""
    params = dict((name, None) for name in JOBS.option_names())
    params.update(spec, state='present')
    return params


@pytest.fixture
def rba(sim):
    sim.control.seed_rba_categories(CATEGORIES, tenant=TENANT)
    sim.control.seed_rba_scripts(SCRIPTS)
    return sim


@pytest.mark.parametrize('knobs', [dict(), dict(rba_ids_as_strings=True), dict(rba_script_list_shape='object_if_one'),
                                   dict(not_found_style='500-0005')])
def test_names_resolve_into_ids_whatever_the_shape_of_the_answers(rba, make_client, log, knobs):
    rba.control.configure(**knobs)
    client = make_client()
    params, labels = JOBS.resolve(client, element(custom_job('a', dict(name='Restart Apache', category='Web/Apache'),
                                                             port='80', mode='graceful')))
    assert params['custom_script']['id'] == '78'
    assert [(item['name'], item['id']) for item in params['custom_script']['parameters']] == [
        (None, '5002'), (None, '5001')]  # in the order given: mode, port
    assert labels.of('custom_script.parameters[].id') == {'5001': 'port', '5002': 'mode'}
    params, dummy = JOBS.resolve(client, element(custom_job('b', dict(name='Check disk', category='Shared'), mount='/')))
    assert params['custom_script']['id'] == '90'  # a global category's script (api-behaviour §20.7)
    with pytest.raises(ObjectLookupError, match=r'^custom_script.script.category_id: no RBA category has id 999 in '
                                                r'tenant client_1$'):
        JOBS.resolve(client, element(custom_job('c', dict(name='Check disk', category_id='999'))))
    paths = [entry['path'] for entry in log(kind='read')]
    assert paths[:3] == [RBA, RBA + '/101/scripts', RBA + '/102/scripts']  # the tree once for the client
    assert set(paths[3:]) == {RBA + '/999/scripts'}  # a 500 "not found" is retried first (api-behaviour §13)


def test_a_list_naming_two_scripts_is_created_and_converges_with_three_lookups(rba, make_client, log):
    specs = [custom_job('job-%02d' % number, dict(name='Restart Apache', category='Apache'), port=str(number))
             if number % 2 else custom_job('job-%02d' % number, dict(name='Check disk', category_id='102'), mount='/')
             for number in range(20)]
    client = make_client()
    created = bulk.reconcile(JOBS, client, specs, bulk.Options(workers=4))
    stored = dict((job['name'], job['script']) for job in rba.control.jobs())
    assert len(created['created']) == 20 and len(stored) == 20
    assert str(stored['job-03']['customScript']['id']) == '78'
    assert [(str(item['paramId']), item['value']) for item in stored['job-03']['parameters']] == [('5001', '3')]
    assert str(stored['job-04']['customScript']['id']) == '90'
    lookups = [entry['path'] for entry in log(path='/rba/')]
    assert sorted(lookups) == [RBA, RBA + '/101/scripts', RBA + '/102/scripts']
    rba.control.clear_requests()
    converged = bulk.reconcile(JOBS, make_client(), specs, bulk.Options(workers=4))  # a rerun: another task
    assert len(converged['unchanged']) == 20
    assert log(kind='write') == [] and len(log(path='/rba/')) == 3
