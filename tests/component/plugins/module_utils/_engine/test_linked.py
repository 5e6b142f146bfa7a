# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Scripts and the jobs that run them in one task (_engine/linked.py, opsramp_jobs with scripts) over real HTTP
against the simulator: the order of the writes, what prune of scripts deletes and keeps, and what is reported, from
the server's store and request log."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.opsramp.automation.plugins.module_utils._engine import bulk, summary
from ansible_collections.opsramp.automation.plugins.module_utils._engine.linked import reconcile_linked
from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import (
    ObjectLookupError,
    ResourceLookupError,
    ValidationError,
)
from ansible_collections.opsramp.automation.plugins.module_utils._jobs.adapter import JOBS
from ansible_collections.opsramp.automation.plugins.module_utils._scripts.adapter import SCRIPTS

START = '2026-01-01T02:00Z'
CATEGORY = 'Ops'


@pytest.fixture
def category(sim):
    """The id of the category the scripts live in."""
    return sim.control.seed_rba_categories([{'name': CATEGORY}], tenant='client_1')[0]['id']


def script(name, command='echo %s', **options):
    spec = dict(name=name, category=CATEGORY, execution_type='command', command=command % name)
    spec.update(options)
    return spec


def job(name, script_id=None, **options):
    spec = dict(name=name, job_type='custom' if script_id else 'adCheckList',
                schedule=dict(type='never', start_date=START))
    if script_id:
        spec['custom_script'] = dict(id=str(script_id))
    spec.update(options)
    return spec


def seed_script(sim, category_id, name):
    return sim.control.seed_rba_scripts([dict(name=name, category=category_id, executionType='COMMAND',
                                              command='echo %s' % name)])[0]['id']


def seed_job(sim, name, script_id=None, **fields):
    script_part = {'customScript': {'id': script_id}} if script_id else {'jobType': 'adCheckList'}
    body = dict(name=name, script=script_part, schedule={'startDate': '2026-01-01T02:00:00+0000', 'pattern': {'type': 'never'}})
    body.update(fields)
    return sim.control.seed_job(body, tenant='client_1')


def options(check_mode=False, prune_prefix=None, **extra):
    return bulk.Options(prune=prune_prefix is not None, prune_prefix=prune_prefix, check_mode=check_mode, **extra)


def both(client, scripts, jobs, check_mode=False, prune_prefix=None, script_prefix=None, want_diff=False):
    script_options = options(check_mode, script_prefix or prune_prefix, want_diff=want_diff,
                             prefix_option='script_prune_prefix' if script_prefix else 'prune_prefix')
    return reconcile_linked(SCRIPTS, JOBS, client, (scripts, jobs),
                            (script_options, options(check_mode, prune_prefix, want_diff=want_diff)))


def scripts_held(sim):
    return sorted(stored['name'] for stored in sim.control.rba()['scripts'])


def writes(log):
    return [(entry['method'], entry['path'].split('/client_1/')[-1]) for entry in log(kind='write')]


# ---------------------------------------------------------------------------------------------------- validation

@pytest.mark.parametrize('scripts, jobs, option', [
    ([script('a', execution_type='shell')], [job('j')], 'scripts[0].command'),
    ([script('a')], [job('j', schedule=dict(type='weekly'))], 'jobs[0].schedule.week_days'),
    ([script('a'), script('a')], [], 'scripts[1].name'),
], ids=['script', 'job', 'duplicate-script'])
def test_both_lists_are_validated_before_any_request(sim, make_client, log, scripts, jobs, option):
    with pytest.raises(ValidationError) as caught:
        both(make_client(), scripts, jobs)
    assert caught.value.option == option
    assert log() == []


def test_a_blank_scripts_prefix_is_refused_naming_its_option(sim, make_client, log):
    with pytest.raises(ValidationError) as caught:
        both(make_client(), [], [], prune_prefix='team-', script_prefix=' ')
    assert caught.value.option == 'script_prune_prefix' and log() == []


# ---------------------------------------------------------------------------------------------------- order

def test_scripts_are_written_before_the_jobs_with_one_token(sim, make_client, log, category):
    result = both(make_client(), [script('team-a'), script('team-b')], [job('team-j')])
    assert result['scripts']['created'] == ['team-a', 'team-b'] and result['created'] == ['team-j']
    assert [entry['id'] for entry in result['script_results']] == [
        stored['id'] for stored in sorted(sim.control.rba()['scripts'], key=lambda stored: stored['name'])]
    assert [method for method, dummy in writes(log)] == ['POST', 'POST', 'POST']
    assert [path.split('/')[0] for dummy, path in writes(log)] == ['rba', 'rba', 'jobs']
    assert len(log(kind='token')) == 1
    assert result['changed'] is True and result['errors'] == [] and result['scripts']['kept'] == []


def test_a_rerun_writes_nothing_and_a_changed_body_is_one_write(sim, make_client, log, category):
    specs = [script('team-a'), script('team-b')]
    both(make_client(), specs, [job('team-j')])
    sim.control.clear_requests()
    again = both(make_client(), specs, [job('team-j')])
    assert again['changed'] is False and writes(log) == []
    assert again['scripts']['unchanged'] == ['team-a', 'team-b'] and again['unchanged'] == ['team-j']
    sim.control.clear_requests()
    changed = both(make_client(), [script('team-a', command='echo %s again'), specs[1]], [job('team-j')],
                   want_diff=True)
    assert changed['scripts']['updated'] == ['team-a'] and changed['script_results'][0]['changes'] == ['body']
    assert len(writes(log)) == 1 and writes(log)[0][1].startswith('rba/categories/%s/scripts/' % category)
    assert [entry['before_header'] for entry in changed['diff']] == ["script 'team-a'", 'team-a (body)']
    assert changed['diff'][1]['after'] == 'echo team-a again'
    assert 'team-a' in changed['scripts']['diffs'] and changed['diffs'] == {}


def named_job(name, script_name, **parameters):
    """A custom job naming its script and parameters by name."""
    return job(name, custom_script=dict(script=dict(name=script_name, category=CATEGORY), parameters=[
        dict(name=parameter, value=value) for parameter, value in sorted(parameters.items())]), job_type='custom')


def test_in_check_mode_a_job_finds_by_name_the_script_the_task_would_create(sim, make_client, log, category):
    scripts = [script('team-a', parameters=[dict(name='days', default='7')])]
    jobs = [named_job('team-j', 'team-a', days='30')]
    preview = both(make_client(), scripts, jobs, check_mode=True, want_diff=True)
    assert preview['scripts']['created'] == ['team-a'] and preview['created'] == ['team-j']
    assert preview['diffs']['team-j']['after']['custom_script'] == {
        'id': 'team-a (new)', 'parameters': [{'id': 'days (new-1)', 'value': '30'}]}
    assert writes(log) == []
    applied = both(make_client(), scripts, jobs, want_diff=True)
    stored = sim.control.rba()['scripts'][0]
    assert applied['diffs']['team-j']['after']['custom_script'] == {
        'id': 'team-a (%s)' % stored['id'], 'parameters': [{'id': 'days (%s)' % stored['parameters'][0]['id'],
                                                            'value': '30'}]}
    sim.control.clear_requests()
    again = both(make_client(), scripts, jobs, check_mode=True)
    assert again['changed'] is False and writes(log) == []
    # the scripts' categories, the listing of the scripts and the jobs' script lookup share one listing of the tree
    assert [entry['path'] for entry in log(kind='read') if entry['path'].endswith('/rba/categories')] == [
        '/api/v2/tenants/client_1/rba/categories']


def test_in_check_mode_a_job_finds_the_new_parameter_of_a_script_the_task_would_update(sim, make_client, category):
    both(make_client(), [script('team-a', parameters=[dict(name='days', default='7')])],
         [named_job('team-j', 'team-a', days='30')])
    days_id = sim.control.rba()['scripts'][0]['parameters'][0]['id']
    preview = both(make_client(), [script('team-a', parameters=[dict(name='days', default='7'), dict(name='mount')])],
                   [named_job('team-j', 'team-a', days='30', mount='/srv')], check_mode=True, want_diff=True)
    assert preview['scripts']['updated'] == ['team-a'] and preview['updated'] == ['team-j']
    assert preview['diffs']['team-j']['after']['custom_script']['parameters'] == [
        {'id': 'days (%s)' % days_id, 'value': '30'}, {'id': 'mount (new-2)', 'value': '/srv'}]


def test_a_job_naming_a_script_the_task_deletes_fails_as_the_real_run_would(sim, make_client, log, category):
    both(make_client(), [script('team-a')], [])
    for check_mode in (True, False):
        with pytest.raises(ObjectLookupError) as caught:
            both(make_client(), [dict(name='team-a', category=CATEGORY, state='absent')],
                 [named_job('team-j', 'team-a')], check_mode=check_mode)
        assert "jobs[0].custom_script.script: no RBA script is named 'team-a'" in caught.value.message
    assert sim.control.jobs() == []


# ---------------------------------------------------------------------------------------------------- prune

@pytest.mark.parametrize('check_mode', [False, True], ids=['run', 'check'])
def test_prune_keeps_to_the_prefix_and_spares_the_scripts_jobs_run(sim, make_client, log, recorder, category,
                                                                   check_mode):
    used = seed_script(sim, category, 'team-used')
    unused = seed_script(sim, category, 'team-unused')
    seed_script(sim, category, 'other-team-script')
    by_other_team = seed_script(sim, category, 'team-run-by-another-team')
    seed_job(sim, 'team-runner', used)
    seed_job(sim, 'other-team-runner', by_other_team)  # outside the list and the prefix: still a job of the tenant
    result = both(make_client(), [script('team-kept')], [job('team-runner', used)], check_mode=check_mode,
                  prune_prefix='team-')
    assert result['scripts']['created'] == ['team-kept']
    assert result['scripts']['deleted'] == ['team-unused']
    assert result['scripts']['kept'] == ['team-run-by-another-team', 'team-used']
    kept = dict((entry['name'], entry) for entry in result['script_results'] if entry['action'] == 'kept')
    assert kept['team-used']['msg'] == "jobs still name it: 'team-runner'"
    assert kept['team-run-by-another-team']['msg'] == "jobs still name it: 'other-team-runner'"
    assert kept['team-used']['id'] == used
    assert ["script 'team-used' (id %s) is no longer in scripts, but prune keeps it: jobs still name it: 'team-runner'"
            % used] == [text for text in recorder.warnings if 'team-used' in text]
    held = ['other-team-script', 'team-run-by-another-team', 'team-unused', 'team-used']
    if check_mode:
        assert writes(log) == [] and scripts_held(sim) == held
    else:
        assert scripts_held(sim) == ['other-team-script', 'team-kept', 'team-run-by-another-team', 'team-used']
        assert writes(log)[-1] == ('DELETE', 'rba/categories/%s/scripts/%s' % (category, unused))
        assert len(writes(log)) == 2  # the create, then the prune


@pytest.mark.parametrize('check_mode', [False, True], ids=['run', 'check'])
def test_a_job_deleted_in_the_same_run_no_longer_keeps_its_script(sim, make_client, log, category, check_mode):
    used = seed_script(sim, category, 'team-used')
    seed_job(sim, 'team-runner', used)
    result = both(make_client(), [], [], check_mode=check_mode, prune_prefix='team-')
    assert result['deleted'] == ['team-runner']
    assert result['scripts']['deleted'] == ['team-used'] and result['scripts']['kept'] == []
    if check_mode:
        assert writes(log) == []
    else:  # the job first
        assert [(method, path.split('/')[0]) for method, path in writes(log)] == [('DELETE', 'jobs'), ('DELETE', 'rba')]
        assert scripts_held(sim) == [] and sim.control.jobs() == []


def test_a_job_created_in_the_same_run_keeps_the_script_it_names_even_in_check_mode(sim, make_client, log, category):
    used = seed_script(sim, category, 'team-used')
    result = both(make_client(), [], [job('team-new-runner', used)], check_mode=True, prune_prefix='team-')
    assert result['created'] == ['team-new-runner'] and result['scripts']['kept'] == ['team-used']
    assert writes(log) == []


def test_a_failed_job_stops_prune_of_scripts(sim, make_client, log, recorder, category):
    seed_script(sim, category, 'team-unused')
    sim.control.add_faults([dict(method='POST', path='/jobs$', action='status', status=500, times=1,
                                 body={'code': '0001', 'message': 'internal error'})])
    with pytest.raises(bulk.BulkReconcileError) as caught:
        both(make_client(), [], [job('team-j')], prune_prefix='team-')
    details = caught.value.details
    assert caught.value.message.startswith('1 of 1 jobs failed (the others were reconciled; ')
    assert details['scripts']['kept'] == ['team-unused'] and details['scripts']['deleted'] == []
    assert details['script_results'][0]['msg'] == (
        'prune deletes no script when 1 job failed, so what the jobs name is not known')
    assert any('team-unused' in text and '1 job failed' in text for text in recorder.warnings)
    assert scripts_held(sim) == ['team-unused'] and [m for m, dummy in writes(log) if m == 'DELETE'] == []


def test_search_results_without_the_custom_script_stop_prune_of_scripts(sim, make_client, log, category):
    """Should a search leave a custom job's script out (api-behaviour §4, knob search_custom_script), the job shows
    neither a type nor a script: which scripts the jobs run is not known, and no script is pruned."""
    used = seed_script(sim, category, 'team-used')
    seed_job(sim, 'other-team-runner', used)
    sim.control.configure(search_custom_script='omitted')
    result = both(make_client(), [], [], prune_prefix='team-')
    assert result['scripts']['kept'] == ['team-used'] and result['scripts']['deleted'] == []
    assert result['script_results'][0]['msg'] == (
        "prune deletes no script when job 'other-team-runner' does not show what it names")
    assert scripts_held(sim) == ['team-used'] and writes(log) == []


def test_a_script_named_by_id_is_not_pruned(sim, make_client, log, category):
    """Script ids are numbers in OpsRamp's answers and text in a task: they compare as text."""
    kept = seed_script(sim, category, 'team-by-id')
    result = both(make_client(), [dict(script('team-by-id'), id=str(kept))], [], prune_prefix='team-')
    # matched by its id (it is updated, as the collection never wrote its body's digest), and not pruned
    assert result['scripts']['updated'] == ['team-by-id'] and result['scripts']['deleted'] == []
    assert [entry['id'] for entry in result['script_results']] == [kept]
    assert scripts_held(sim) == ['team-by-id'] and [method for method, dummy in writes(log)] == ['POST']


def test_a_scripts_prefix_of_their_own(sim, make_client, log, category):
    seed_script(sim, category, 'team-old')
    seed_script(sim, category, 'scripts-old')
    result = both(make_client(), [], [], prune_prefix='team-', script_prefix='scripts-')
    assert result['scripts']['deleted'] == ['scripts-old'] and scripts_held(sim) == ['team-old']


# ---------------------------------------------------------------------------------------------------- failures

def test_a_failed_script_does_not_stop_the_jobs(sim, make_client, log, category):
    sim.control.add_faults([dict(method='POST', path='/scripts$', action='status', status=400, times=1,
                                 body=[{'code': '0002', 'fieldName': 'name', 'message': 'refused'}])])
    with pytest.raises(bulk.BulkReconcileError) as caught:
        both(make_client(), [script('team-a')], [job('team-j')])
    message, details = caught.value.message, caught.value.details
    assert message.startswith("1 of 1 scripts failed (the others were reconciled; see scripts): scripts[0] 'team-a': ")
    assert details['scripts']['errors'][0]['script'] == "scripts[0] 'team-a'" and details['errors'] == []
    assert details['created'] == ['team-j'] and [job_['name'] for job_ in sim.control.jobs()] == ['team-j']
    assert 'summary' not in details  # the module adds it


@pytest.mark.parametrize('check_mode', [False, True], ids=['run', 'check'])
def test_a_job_lookup_that_fails_after_the_scripts_says_what_was_done(sim, make_client, log, category, check_mode):
    with pytest.raises(ResourceLookupError) as caught:
        both(make_client(), [script('team-a')], [job('team-j', entities=[dict(name='no-such-device')])],
             check_mode=check_mode)
    assert caught.value.message.endswith('(the scripts were %s before: see scripts)'
                                         % ('checked' if check_mode else 'reconciled'))
    details = caught.value.details
    assert details['scripts']['created'] == ['team-a'] and details['job_results'] == []
    assert scripts_held(sim) == ([] if check_mode else ['team-a']) and sim.control.jobs() == []


# ---------------------------------------------------------------------------------------------------- summary

def test_the_summary_has_a_section_per_list_scripts_first(sim, make_client, category):
    used = seed_script(sim, category, 'team-used')
    seed_job(sim, 'team-runner', used)
    result = both(make_client(), [script('team-new')], [job('team-runner', used)], check_mode=True,
                  prune_prefix='team-')
    text = summary.render_all([(result['script_results'], SCRIPTS), (result['job_results'], JOBS)], True)
    assert text == (
        '### OpsRamp scripts: 1 to create, 1 to keep\n'
        '\n'
        '| Script | Action | Changed fields |\n'
        '| --- | --- | --- |\n'
        '| team-new | to create |  |\n'
        "| team-used | to keep | jobs still name it: 'team-runner' |\n"
        '\n'
        '0 scripts already as declared.\n'
        '\n'
        '### OpsRamp jobs: no changes\n'
        '\n'
        '1 job already as declared.\n')
    assert summary.render_all([(result['job_results'], JOBS)], True) == summary.render(result['job_results'], True, JOBS)
