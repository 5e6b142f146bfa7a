# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The module glue (module_utils/module.py): how a module is built, what its result and failure show, no server.

``run_module`` is called as a module's main() would call it, with the arguments Ansible would pass; the JSON the
module prints is what Ansible would record.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

import pytest
from ansible.module_utils.common.parameters import PASS_VARS
from ansible.module_utils.testing import patch_module_args

from ansible_collections.opsramp.automation.plugins.module_utils import module
from ansible_collections.opsramp.automation.plugins.module_utils._engine.options import connection_argument_spec
from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import ApiError
from ansible_collections.opsramp.automation.plugins.module_utils._jobs.adapter import JOBS

CLIENT_SECRET = 'unit-client-secret-4c1d'
CONNECTION = dict(url='http://127.0.0.1:9', tenant_id='client_1', client_id='unit-client', client_secret=CLIENT_SECRET)
PARAMETERS = [dict(id='1', value='1'), dict(id='2', value='30', sensitive=True)]


# ansible-core 2.21 returns `invocation` only when the controller asks for it (its INJECT_INVOCATION setting);
# older cores always return it and refuse the flag
INJECT_INVOCATION = {'_ansible_inject_invocation': True} if 'inject_invocation' in PASS_VARS else {}


def run_module(args, run, capsys):
    """What ``module.run_module`` prints for ``args`` when the module's work is ``run(module, client)``."""
    spec = JOBS.argument_spec(raw_params=args)
    with patch_module_args(dict(args, **INJECT_INVOCATION)):
        with pytest.raises(SystemExit):
            module.run_module(spec, run)
    return json.loads(capsys.readouterr().out)


def warnings(result):
    """The texts of a result's warnings (ansible-core 2.19 returns them as structured events)."""
    return [w['event']['msg'] if isinstance(w, dict) else w for w in result.get('warnings', [])]


def job_args(**options):
    args = dict(CONNECTION, name='cleanup', job_type='custom',
                custom_script=dict(id='7', parameters=[dict(parameter) for parameter in PARAMETERS]))
    args.update(options)
    return args


def test_a_result_keeps_values_that_contain_a_secret(capsys):
    def run(ansible_module, client):
        client.warn('OpsRamp kept 30 as sent')
        return dict(changed=True, job={'id': 'job-1-30', 'startDate': '2026-01-30T01:30:00+0000', 'days': [1, 30]})

    result = run_module(job_args(), run, capsys)
    assert result['job'] == {'id': 'job-1-30', 'startDate': '2026-01-30T01:30:00+0000', 'days': [1, 30]}
    assert warnings(result) == ['OpsRamp kept ******** as sent']
    invocation = result['invocation']['module_args']
    assert invocation['client_secret'] == module.NO_LOG_MASK
    # a task cannot mark one list element no_log: every parameter value is masked once one is sensitive
    assert [p['value'] for p in invocation['custom_script']['parameters']] == [module.NO_LOG_MASK] * 2
    assert invocation['name'] == 'cleanup' and invocation['custom_script']['id'] == '7'


def test_a_failure_hides_the_secrets_in_its_message_and_details(capsys):
    def run(ansible_module, client):
        raise ApiError('refused %s and 30' % CLIENT_SECRET, status=400, body={'echo': 'value 30'})

    result = run_module(job_args(), run, capsys)
    assert result['failed'] and result['msg'] == 'refused ******** and ********'
    assert result['body'] == {'echo': 'value ********'} and result['status'] == 400
    assert [p['value'] for p in result['invocation']['module_args']['custom_script']['parameters']] == [
        module.NO_LOG_MASK] * 2


def test_without_sensitive_parameters_nothing_is_masked(capsys):
    parameters = [dict(id='1', value='1'), dict(id='2', value='30')]
    result = run_module(job_args(custom_script=dict(id='7', parameters=parameters)),
                        lambda ansible_module, client: dict(changed=False, value='30'), capsys)
    assert result['value'] == '30'
    assert [p['value'] for p in result['invocation']['module_args']['custom_script']['parameters']] == ['1', '30']


def test_a_failure_of_ansibles_own_validation_keeps_other_values_exact(capsys):
    """Ansible validates before the module runs: the failure's invocation masks the parameter values by field too."""
    result = run_module(job_args(id='job-30-1', schedule=dict(type='monthly', days_of_month=[1, 30]), bogus=True),
                        lambda ansible_module, client: pytest.fail('the module must not run'), capsys)
    assert result['failed'] and 'Unsupported parameters' in result['msg'] and 'bogus' in result['msg']
    invocation = result['invocation']['module_args']
    assert invocation['id'] == 'job-30-1' and invocation['schedule']['days_of_month'] == [1, 30]
    assert [p['value'] for p in invocation['custom_script']['parameters']] == [module.NO_LOG_MASK] * 2


@pytest.mark.parametrize('options, message', [
    (dict(name='n', schedule='daily'), 'schedule: must be a dict of options, got str'),
    (dict(name='n', entities='sw-1'), 'entities: must be a list of dicts, got str'),
    (dict(name='n', custom_script=dict(parameters='p')), 'custom_script.parameters: must be a list of dicts, got str'),
], ids=['dict', 'list', 'nested'])
def test_a_value_of_the_wrong_shape_fails_naming_the_option_and_hiding_the_secret(capsys, options, message):
    """ansible-core stops collecting no_log values at such a value: the module class collects them first
    (_OpsRampModule overrides AnsibleModule._load_params for that) and names the option itself."""
    args = dict(CONNECTION, **options)
    with patch_module_args(args):
        with pytest.raises(SystemExit):
            module.run_module(JOBS.argument_spec(raw_params=args), lambda ansible_module, client: {})
    output = capsys.readouterr().out
    result = json.loads(output)
    assert result['failed'] and result['msg'] == message
    assert CLIENT_SECRET not in output


# ----------------------------------------------------------------------------------------------- the spec walkers

SPEC = dict(connection_argument_spec(), **JOBS.argument_spec(raw_params=dict(custom_script=dict(parameters=PARAMETERS))))


def test_secret_values_include_nested_no_log_values_and_a_url_password():
    params = dict(CONNECTION, url='https://user:url-pass@example.com', custom_script=dict(parameters=PARAMETERS))
    assert module.secret_values(SPEC, params) == {CLIENT_SECRET, 'url-pass', '1', '30'}


def test_secret_values_include_environment_fallbacks(monkeypatch):
    monkeypatch.setenv('OPSRAMP_ACCESS_TOKEN', 'env-token')
    assert module.secret_values(SPEC, dict(CONNECTION)) == {CLIENT_SECRET, 'env-token'}
    assert module.secret_values(SPEC, dict(CONNECTION, access_token='given')) == {CLIENT_SECRET, 'given'}


def test_hidden_by_field_are_the_nested_values_that_are_no_top_level_secret():
    parameters = PARAMETERS + [dict(id='3', value=CLIENT_SECRET)]
    params = dict(CONNECTION, custom_script=dict(parameters=parameters))
    assert module.hidden_by_field(SPEC, params) == {'1', '30'}


def test_masked_args_mask_every_no_log_option_and_leave_params_alone():
    params = dict(CONNECTION, name='30', custom_script=dict(id='30', parameters=PARAMETERS))
    masked = module.masked_args(SPEC, params)
    assert masked['client_secret'] == module.NO_LOG_MASK and masked['name'] == '30'
    assert masked['custom_script'] == dict(id='30', parameters=[
        dict(id='1', value=module.NO_LOG_MASK), dict(id='2', value=module.NO_LOG_MASK, sensitive=True)])
    assert params['custom_script']['parameters'] == PARAMETERS and params['client_secret'] == CLIENT_SECRET


@pytest.mark.parametrize('params, error', [
    (dict(schedule=dict(type='daily')), None),
    (dict(schedule='daily'), 'schedule: must be a dict of options, got str'),
    (dict(entities=[dict(id='a'), 'b']), 'entities[1]: must be a dict of options, got str'),
    (dict(entities='a'), 'entities: must be a list of dicts, got str'),
    (dict(custom_script=dict(parameters=[5])), 'custom_script.parameters[0]: must be a dict of options, got int'),
], ids=['fine', 'dict', 'list-element', 'list', 'nested'])
def test_shape_error(params, error):
    assert module.shape_error(SPEC, params) == error
