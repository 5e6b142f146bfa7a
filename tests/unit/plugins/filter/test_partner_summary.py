# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""One plan summary for a partner's clients, from each client's opsramp_jobs result (as hostvars hold them)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.opsramp.automation.plugins.filter.partner_summary import FilterModule, partner_summary
from ansible_collections.opsramp.automation.plugins.module_utils._engine import summary
from ansible_collections.opsramp.automation.plugins.module_utils._jobs.adapter import JOBS


def result(created=(), updated=(), deleted=(), unchanged=(), errors=(), check_mode=True, failed=False, msg=None):
    """An opsramp_jobs result, its summary rendered by the module's own code."""
    job_results = ([dict(name=n, action='created') for n in created]
                   + [dict(name=n, action='updated', changes=['schedule.start_time']) for n in updated]
                   + [dict(name=n, action='deleted') for n in deleted]
                   + [dict(name=n, action='unchanged') for n in unchanged]
                   + [dict(name=e['job'], action='failed') for e in errors])
    data = dict(changed=bool(created or updated or deleted), created=list(created), updated=list(updated),
                deleted=list(deleted), unchanged=list(unchanged), errors=list(errors), job_results=job_results,
                summary=summary.render(job_results, check_mode, JOBS), failed=failed)
    if msg:
        data['msg'] = msg
    return data


def host(client_id, name, outcome):
    variables = dict(inventory_hostname=client_id, opsramp_client_name=name)
    if outcome is not None:
        variables['msp_result'] = outcome
    return variables


STEADY = ['msp-a', 'msp-b', 'msp-c']


def test_a_preview_lists_only_the_clients_that_change_with_their_own_summary():
    hosts = [host('client_2', 'Beta', result(unchanged=STEADY)),
             host('client_3', 'Gamma', result(updated=['msp-a'], unchanged=STEADY[1:])),
             host('client_1', 'Acme', result(created=['msp-a', 'msp-b'], deleted=['msp-old'], unchanged=['msp-c']))]
    text = partner_summary(hosts, 'msp_result', check_mode=True)
    assert text == '\n'.join([
        '### OpsRamp jobs on 3 clients: 2 clients to change',
        '',
        '| Client | Name | To create | To update | To delete | Failed |',
        '| --- | --- | ---: | ---: | ---: | ---: |',
        '| client\\_1 | Acme | 2 | 0 | 1 | 0 |',
        '| client\\_3 | Gamma | 0 | 1 | 0 | 0 |',
        '',
        '1 client already as declared (3 jobs).',
        '',
        '#### client\\_1 (Acme): 2 to create, 1 to delete',
        '',
        '| Job | Action | Changed fields |',
        '| --- | --- | --- |',
        '| msp-a | to create |  |',
        '| msp-b | to create |  |',
        '| msp-old | to delete |  |',
        '',
        '1 job already as declared.',
        '',
        '#### client\\_3 (Gamma): 1 to update',
        '',
        '| Job | Action | Changed fields |',
        '| --- | --- | --- |',
        '| msp-a | to update | `schedule.start_time` |',
        '',
        '2 jobs already as declared.',
        ''])


def test_a_converged_run_says_no_changes():
    hosts = [host('client_%d' % n, None, result(unchanged=STEADY, check_mode=False)) for n in range(50)]
    assert partner_summary(hosts, 'msp_result') == ('### OpsRamp jobs on 50 clients: no changes\n\n'
                                                    '50 clients unchanged (150 jobs).\n')


def test_failed_and_not_run_clients_are_named():
    errors = [dict(job="jobs[0] 'msp-a'", msg='OpsRamp API error 500')]
    hosts = [host('client_1', 'Acme', result(errors=errors, failed=True, msg='1 of 3 jobs failed', check_mode=False)),
             host('client_2', 'Beta', dict(failed=True, msg="option 'jobs' is wrong\nsecond line")),
             host('client_3', 'Gamma', None),
             host('client_4', 'Delta', dict(skipped=True, changed=False)),
             host('client_5', 'Echo', result(created=['msp-a'], check_mode=False))]
    text = partner_summary(hosts, 'msp_result')
    lines = text.splitlines()
    assert lines[0] == '### OpsRamp jobs on 5 clients: 1 client changed, 2 failed, 2 not run'
    assert lines[2] == '| Client | Name | Created | Updated | Deleted | Failed |'
    assert '| client\\_1 | Acme | 0 | 0 | 0 | 1 |' in lines
    assert '| client\\_2 | Beta | 0 | 0 | 0 | 1 |' in lines
    assert '| client\\_3 | Gamma | not run | not run | not run | not run |' in lines
    assert '| client\\_4 | Delta | not run | not run | not run | not run |' in lines
    assert '#### client\\_1 (Acme): 1 failed' in lines
    assert lines[lines.index('#### client\\_2 (Beta): failed') + 2] == "option 'jobs' is wrong"
    assert 'second line' not in text
    assert '#### client\\_3 (Gamma): not run' in lines
    assert '0 clients unchanged (0 jobs).' in lines


def test_names_are_escaped_and_a_missing_name_is_left_blank():
    text = partner_summary([host('client_1', 'A|B *C*', result(created=['x']))], 'msp_result', check_mode=True)
    assert '| client\\_1 | A\\|B \\*C\\* | 1 | 0 | 0 | 0 |' in text
    assert '#### client\\_1 (A\\|B \\*C\\*): 1 to create' in text
    assert '| client\\_2 |  | 1 |' in partner_summary([host('client_2', None, result(created=['x']))], 'msp_result')


@pytest.mark.parametrize('hosts, var', [('client_1', 'msp_result'), ({'a': 1}, 'msp_result'), (3, 'x'), ([], ''), ([], None)])
def test_wrong_input_says_what_the_filter_expects(hosts, var):
    with pytest.raises(TypeError, match="expects a list of hosts' variables"):
        partner_summary(hosts, var)


def test_filter_is_registered():
    assert FilterModule().filters() == {'partner_summary': partner_summary}


def test_any_iterable_of_hosts_is_taken():
    hosts = (host('client_%d' % n, None, result(unchanged=STEADY)) for n in range(2))
    assert partner_summary(hosts, 'msp_result').startswith('### OpsRamp jobs on 2 clients: no changes')
