# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Custom jobs that name their RBA script and parameters by name: the option checks before any request, the
resolution into ids (one listing per category for a whole list, failing before any write and naming every element at
fault), the diff's labels, and the export that writes names where they find exactly the same ids again."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

import pytest

from ansible_collections.opsramp.automation.plugins.module_utils._engine.export import Exporter
from ansible_collections.opsramp.automation.plugins.module_utils._engine.plan import Snapshot, decide
from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import (
    ApiError, ObjectLookupError, ValidationError)
from ansible_collections.opsramp.automation.plugins.module_utils._jobs import scripts, validation
from ansible_collections.opsramp.automation.plugins.module_utils._jobs.adapter import JOBS
from ansible_collections.opsramp.automation.plugins.module_utils._jobs.info import export_jobs
from ansible_collections.opsramp.automation.plugins.module_utils._jobs.table import JOB_MODEL
from ansible_collections.opsramp.automation.plugins.module_utils._scripts.lookup import ScriptResolver
from ansible_collections.opsramp.automation.tests.unit.plugins.module_utils._scripts.rba_support import (
    CATEGORIES, RbaClient, scripts_path)

SCHEDULE = dict(type='never')
RESTART = dict(name='Restart Apache', category='Web/Apache')


class RbaAndResources(RbaClient):
    """The RBA of ``RbaClient``, and a resources search that finds nothing."""

    def paginate(self, path, query=None, page_size=None):
        self.requests.append((path, (query or {}).get('queryString')))
        return iter([])


def job(name='nightly', script=None, script_id=None, parameters=None, **options):
    """Job options as Ansible hands them to the module: every suboption of custom_script present, None when not given."""
    params = dict((option, None) for option in JOBS.option_names())
    custom_script = dict(id=script_id, user_type=None, parameters=None,
                         script=None if script is None else dict(dict(category=None, category_id=None), **script))
    if parameters is not None:
        custom_script['parameters'] = [dict(dict(id=None, name=None, value=None, macro=None, sensitive=False), **item)
                                       for item in parameters]
    params.update(state='present', name=name, job_type='custom', schedule=SCHEDULE, custom_script=custom_script)
    params.update(options)
    return params


def by_names(name='nightly', **options):
    return job(name, script=RESTART, parameters=[dict(name='port', value='80'), dict(name='mode', macro='12')],
               **options)


def by_ids(name='nightly'):
    return job(name, script_id='78', parameters=[dict(id='5001', value='80'), dict(id='5002', macro='12')])


# ---------------------------------------------------------------------------------------------------- validation

@pytest.mark.parametrize('custom_script, message', [
    (dict(id='78', script=RESTART), r'^custom_script.id, custom_script.script: give custom_script.id or '
                                    r'custom_script.script, not both$'),
    (dict(script=dict(name='Restart Apache')), r'^custom_script.script: give custom_script.script.category or '
                                               r'custom_script.script.category_id: a script is found in its category$'),
    (dict(script=dict(RESTART, category_id='101')), r'^custom_script.script.category, custom_script.script.category_id: '
                                                    r'give .* not both: a script is found in its category$'),
    (dict(script=dict(name=' ', category='Web')), r'^custom_script.script.name: must not be empty$'),
    (dict(script=dict(name='x', category='')), r'^custom_script.script.category: must not be empty$'),
    (dict(script=RESTART, parameters=[dict(value='1')]),
     r'^custom_script.parameters\[0\]: give exactly one of id and name$'),
    (dict(script=RESTART, parameters=[dict(name='port', value='1'), dict(id='5', name='mode', value='1')]),
     r'^custom_script.parameters\[1\]: give exactly one of id and name \(it has id and name\)$'),
    (dict(script=RESTART, parameters=[dict(name='', value='1')]),
     r'^custom_script.parameters\[0\].name: must not be empty$'),
    (dict(parameters=[dict(name='port', value='1')]),
     r'^custom_script.parameters\[0\].name: a parameter name is looked up in the script that declares it: give '
     r'custom_script.script \(or custom_script.id\) with it$'),
    (dict(script=RESTART, parameters=[dict(name='port', value='1'), dict(name='port', value='2')]),
     r"^custom_script.parameters: parameter name 'port' is given more than once$"),
    (dict(script=RESTART, parameters=[dict(name='port')]),
     r"^custom_script.parameters\[0\]: parameter 'port' needs exactly one of value and macro, not neither$"),
])
def test_options_naming_a_script_are_checked_before_any_request(custom_script, message):
    params = job(script=custom_script.get('script'), script_id=custom_script.get('id'),
                 parameters=custom_script.get('parameters'))
    with pytest.raises(ValidationError, match=message) as raised:
        validation.validate_job_params(params)
    assert raised.value.option == raised.value.message.split(': ')[0]


@pytest.mark.parametrize('params', [by_names(), by_ids(), job(script=dict(name='x', category_id='7')),
                                    job(script_id='78', parameters=[dict(name='port', value='1')])])
def test_a_script_and_parameters_by_id_or_by_name_are_valid(params):
    validation.validate_job_params(params)


# ---------------------------------------------------------------------------------------------------- resolving

def test_names_resolve_into_the_ids_so_that_the_desired_state_is_exactly_that_of_ids():
    client = RbaClient()
    params, labels = scripts.resolve_job(ScriptResolver(client), by_names())
    assert params['custom_script']['id'] == '78' and params['custom_script']['script'] is None
    assert [(item['id'], item['name']) for item in params['custom_script']['parameters']] == [('5001', None),
                                                                                              ('5002', None)]
    assert JOB_MODEL.desired(params) == JOB_MODEL.desired(by_ids())
    assert labels.of(scripts.SCRIPT_LABEL) == {'78': 'Restart Apache'}
    assert labels.of(scripts.PARAMETER_LABEL) == {'5001': 'port', '5002': 'mode'}
    assert client.requests == [CATEGORIES, scripts_path(101)]


@pytest.mark.parametrize('params', [by_ids(), job(script_id='78'), dict(by_names(), state='absent'),
                                    dict(by_names(), custom_script=None)])
def test_options_that_name_nothing_by_name_cost_nothing(params):
    client = RbaClient()
    resolved, labels = scripts.resolve_job(ScriptResolver(client), params)
    assert resolved is params and not labels
    assert client.requests == []


def test_parameter_names_of_a_script_given_by_id_are_found_in_every_category():
    client = RbaClient()
    params, labels = scripts.resolve_job(ScriptResolver(client), job(script_id='79', parameters=[
        dict(name='days', value='30')]))
    assert params['custom_script']['parameters'][0]['id'] == '5003'
    assert labels.of(scripts.SCRIPT_LABEL) == {} and labels.of(scripts.PARAMETER_LABEL) == {'5003': 'days'}
    assert len(client.requests) == 1 + 6


def test_every_parameter_the_script_does_not_declare_is_named_in_one_error():
    params = job(script=RESTART, parameters=[dict(name='port', value='1'), dict(name='Port', value='2'),
                                             dict(id='5001', value='3'), dict(name='host', value='4')])
    with pytest.raises(ObjectLookupError) as raised:
        scripts.resolve_job(ScriptResolver(RbaClient()), params, prefix='jobs[4].')
    assert raised.value.message.split('; ') == [
        "jobs[4].custom_script.parameters[1].name: RBA script 'Restart Apache' (id 78) declares no parameter named "
        "'Port'", "it declares 'port', 'mode'",
        'jobs[4].custom_script.parameters[2]: parameter 5001 is also given by jobs[4].custom_script.parameters[0]',
        "jobs[4].custom_script.parameters[3].name: RBA script 'Restart Apache' (id 78) declares no parameter named "
        "'host'", "it declares 'port', 'mode'"]


def test_the_single_job_flow_resolves_entities_and_script_and_fails_on_an_unknown_script():
    client = RbaAndResources()
    params, labels = JOBS.resolve(client, by_names())
    assert params['custom_script']['id'] == '78' and labels.of(scripts.SCRIPT_LABEL) == {'78': 'Restart Apache'}
    with pytest.raises(ObjectLookupError, match=r"^custom_script.script: no RBA script is named 'Start Apache' in "
                                                r"category 'Web/Apache' \(id 101\) of tenant client_1$"):
        JOBS.resolve(client, job(script=dict(RESTART, name='Start Apache')))


def test_a_list_looks_each_category_up_once_for_all_its_jobs():
    client = RbaClient(delay=0.01)
    names = ['Restart Apache', 'Rotate logs', 'Purge cache']
    jobs = [job('job-%03d' % number, script=dict(name=names[number % 3], category='Web' if number % 3 == 2 else
                                                 'Web/Apache')) for number in range(60)]
    resolved = JOBS.resolve_all(client, jobs, workers=4)
    assert [params['custom_script']['id'] for params, dummy in resolved[:3]] == ['78', '79', '70']
    assert sorted(client.requests) == sorted([CATEGORIES, scripts_path(100), scripts_path(101)])


def test_a_list_fails_before_any_write_naming_every_element_at_fault_entities_included():
    client = RbaAndResources()
    jobs = [by_names('a'), job('b', script=dict(name='Nothing', category='Apache')),
            job('c', entities=[dict(name='sw-404', type='DEVICE')]),
            job('d', script=dict(name='Backup', category_id='102')),
            job('e', script=RESTART, parameters=[dict(name='ports', value='1')])]
    with pytest.raises(ObjectLookupError) as raised:
        JOBS.resolve_all(client, jobs, workers=3)
    message = raised.value.message
    assert message.startswith("jobs[1].custom_script.script: no RBA script is named 'Nothing' in category 'Web/Apache' "
                              "(id 101) of tenant client_1; jobs[2].entities[0]: no resource has the name 'sw-404'")
    assert "; jobs[3].custom_script.script: 2 RBA scripts are named 'Backup' in category id 102 (ids 81, 82)" in message
    assert "; jobs[4].custom_script.parameters[0].name: RBA script 'Restart Apache' (id 78) declares no parameter " \
           "named 'ports'" in message
    assert message.endswith('; nothing was written')
    assert raised.value.details['matches'] == [dict(id='81', name='Backup'), dict(id='82', name='Backup')]


def test_the_diff_shows_the_script_and_parameter_names_beside_their_ids():
    params, labels = JOBS.resolve(RbaAndResources(), dict(by_names(), custom_script=dict(
        by_names()['custom_script'], parameters=[dict(name='port', id=None, value='80', macro=None, sensitive=True)])))
    stored = dict(id='j1', name='nightly', script=dict(customScript=dict(id=77), parameters=[
        dict(paramId=5001, value='8080')]), schedule=dict(startDate='2026-01-01T02:00:00+0000', pattern=dict(type='never')))
    plan = decide(JOBS, JOBS.wanted(params, labels), Snapshot(stored))
    diff = plan.diff(labels)
    assert diff['before']['custom_script'] == dict(id='77', parameters=[dict(id='port (5001)', value='********')])
    assert diff['after']['custom_script'] == dict(id='Restart Apache (78)',
                                                  parameters=[dict(id='port (5001)', value='********')])
    assert plan.payload['script']['customScript'] == dict(id='78')
    assert plan.payload['script']['parameters'] == [dict(paramId='5001', value='80')]


# ---------------------------------------------------------------------------------------------------- export

def api_job(name, script_id, *parameters, **extra):
    job_object = dict(id='id-' + name, name=name, jobQueued=False,
                      script=dict(customScript=dict(id=script_id), userType=1,
                                  parameters=[dict(paramId=param_id, value=value) for param_id, value in parameters]),
                      schedule=dict(startDate='2026-01-01T02:00:00+0000', pattern=dict(type='never')))
    job_object.update(extra)
    return job_object


def exported(api_jobs, client=None, secret_parameters=()):
    client = client or RbaClient()
    options, warnings, variables = export_jobs(api_jobs, secret_parameters, ScriptResolver(client))
    return dict((item['name'], item) for item in options), warnings, variables, client


def test_an_export_names_scripts_and_parameters_where_the_names_find_them_again():
    jobs, warnings, variables, client = exported([
        api_job('restart', 78, (5001, '80'), (5002, 'graceful')), api_job('purge', 90, (5020, 'eu')),
        api_job('backup', 81), api_job('vacuum', 80, (5004, 'a')), api_job('gone', 7, (2, 'x')),
        api_job('stale', 79, (5003, '7'), (5999, 'y'))], secret_parameters=['5002'])
    assert jobs['restart']['custom_script'] == dict(
        script=dict(name='Restart Apache', category='Web/Apache'), user_type='system',
        parameters=[dict(name='port', value='80'),
                    dict(name='mode', value='{{ vault_restart_5002 }}', sensitive=True)])
    assert variables == ['vault_restart_5002']
    assert jobs['purge']['custom_script']['script'] == dict(name='Purge cache', category='Ops/Tools')
    assert jobs['backup']['custom_script']['id'] == '81'  # two scripts named Backup in its category
    assert jobs['vacuum']['custom_script'] == dict(script=dict(name='Vacuum', category='Database'), user_type='system',
                                                   parameters=[dict(id='5004', value='a')])  # 'table' twice
    assert jobs['gone']['custom_script']['id'] == '7'  # no such script
    assert jobs['stale']['custom_script']['parameters'] == [dict(name='days', value='7'), dict(id='5999', value='y')]
    assert warnings == []
    assert sorted(client.requests) == sorted([CATEGORIES] + [scripts_path(number) for number in range(100, 106)])


def test_an_exported_job_named_by_name_resolves_to_the_job_it_came_from():
    api_object = api_job('restart', 78, (5001, '80'), (5002, 'graceful'))
    jobs, dummy, dummy, client = exported([api_object])
    params, labels = JOBS.resolve(client, job(**dict(jobs['restart'], custom_script=dict(
        jobs['restart']['custom_script'], id=None, script=dict(jobs['restart']['custom_script']['script'],
                                                               category_id=None),
        parameters=[dict(parameter, id=None, macro=None, sensitive=False)
                    for parameter in jobs['restart']['custom_script']['parameters']]))))
    plan = decide(JOBS, JOBS.wanted(params, labels), Snapshot(api_object))
    assert plan.action == 'unchanged' and plan.changes == []


def test_an_export_without_custom_jobs_reads_no_script():
    jobs, warnings, dummy, client = exported([dict(api_job('scan', 1), script=dict(jobType='assetinfo'))])
    assert 'custom_script' not in jobs['scan'] and warnings == [] and client.requests == []


def test_scripts_that_cannot_be_read_leave_the_ids_with_a_warning():
    client = RbaClient()
    client.failures[CATEGORIES] = ApiError('OpsRamp API error 403 on GET categories: access_denied', status=403)
    jobs, warnings, dummy, dummy = exported([api_job('restart', 78, (5001, '80'))], client)
    assert jobs['restart']['custom_script']['id'] == '78'
    assert warnings == ['custom jobs name their scripts by id: the RBA categories could not be listed: OpsRamp API '
                        'error 403 on GET categories: access_denied']
    client = RbaClient()
    client.failures[scripts_path(101)] = ApiError('OpsRamp API error 500 on GET scripts', status=500)
    jobs, warnings, dummy, dummy = exported([api_job('restart', 78), api_job('vacuum', 80)], client)
    assert jobs['restart']['custom_script']['id'] == '78' and jobs['vacuum']['custom_script']['script']['name'] == 'Vacuum'
    assert warnings == ["custom jobs of scripts there name them by id: the scripts of RBA category 'Web/Apache' (id 101) "
                        "could not be listed: OpsRamp API error 500 on GET scripts"]


class WrongNames:
    """A naming whose names find other objects than the ids they replace."""

    def named(self, options):
        named = copy.deepcopy(options)
        named['custom_script'] = dict(script=dict(name='Rotate logs', category='Web/Apache'))
        return named

    def resolved(self, options):
        return dict(options, custom_script=dict(id='79'))


def test_names_that_do_not_find_the_same_ids_again_are_not_exported():
    options, dummy = Exporter(JOBS).all([api_job('restart', 78)])
    result, warnings = Exporter(JOBS).with_names(options, WrongNames())
    assert result == options
    assert warnings == ["job 'restart': keeps ids rather than names: the names do not find the same objects again"]
