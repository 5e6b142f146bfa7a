# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The Jobs API calls (``_jobs.api``) over real HTTP against the OpsRamp simulator."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import (
    ApiError,
    CommunicationError,
    ObjectLookupError,
)
from ansible_collections.opsramp.automation.plugins.module_utils._jobs import api

DEVICE = '709824de-8315-4cf9-ad1c-b15aaf7bf2a5'
JOB = {'name': 'asset scan', 'script': {'jobType': 'assetinfo'},
       'entities': [{'resource': {'id': DEVICE, 'type': 'DEVICE'}}],
       'schedule': {'startDate': '2030-01-01T02:00:00+0000', 'pattern': {'type': 'daily', 'frequency': 'everyday'}}}
UNKNOWN_ID = '00000000-0000-4000-8000-000000000000'


def seed(sim, name, **changes):
    job = dict(JOB, name=name, **changes)
    return sim.control.seed_job(job, tenant='client_1')


def fault(sim, **rule):
    sim.control.add_faults([rule])


def paths(entries):
    return [(e['method'], e['path'].split('/jobs', 1)[1]) for e in entries]


# ----------------------------------------------------------------------------------------------- reading


def test_get_job_returns_the_full_job(sim, make_client, log):
    job_id = seed(sim, 'asset scan')['id']
    job = api.get_job(make_client(), job_id)
    assert job['id'] == job_id and job['name'] == 'asset scan'
    assert job['entities'][0]['resource']['id'] == DEVICE
    assert paths(log(kind='read')) == [('GET', '/' + job_id)]


@pytest.mark.parametrize('style, reads', [('404', 1), ('500-0005', 2)])
def test_get_job_of_an_unknown_id_is_none(sim, make_client, log, style, reads):
    sim.control.configure(not_found_style=style)
    assert api.get_job(make_client(max_retries=1), UNKNOWN_ID) is None
    # a 500 with code 0005 is also OpsRamp's "not ready yet", so reads retry it before concluding (api-behaviour §14)
    assert len(log(kind='read')) == reads


def test_get_job_other_errors_are_raised(sim, make_client):
    fault(sim, method='GET', path='/jobs/', action='status', status=500, body={'code': '0001', 'message': 'boom'})
    with pytest.raises(ApiError) as info:
        api.get_job(make_client(), UNKNOWN_ID)
    assert info.value.status == 500


def test_search_jobs_reads_every_page(sim, make_client, log):
    for number in range(7):
        seed(sim, 'job %d' % number)
    found = list(api.search_jobs(make_client(), page_size=3))
    assert [job['name'] for job in found] == ['job %d' % n for n in range(7)]
    searches = log(path='/search')
    assert [e['query']['pageNo'] for e in searches] == ['1', '2', '3']
    assert 'queryString' not in searches[0]['query']


@pytest.mark.parametrize('query_filter', ['substring', 'ignore'])
def test_find_jobs_by_name_matches_exactly(sim, make_client, log, query_filter):
    sim.control.configure(query_filter=query_filter)
    wanted = seed(sim, 'backup')
    for name in ('Backup', 'backup-nightly', 'nightly backup', 'BACKUP '):
        seed(sim, name)
    found = api.find_jobs_by_name(make_client(), 'backup')
    assert [job['id'] for job in found] == [wanted['id']]
    assert log(path='/search')[0]['query']['queryString'] == 'name:backup'


def test_find_job_by_id_is_one_get(sim, make_client, log):
    job_id = seed(sim, 'asset scan')['id']
    assert api.find_job(make_client(), job_id=job_id, name='ignored when an id is given')['id'] == job_id
    assert paths(log(kind='read')) == [('GET', '/' + job_id)]


def test_find_job_by_name_searches_then_reads_the_full_job(sim, make_client, log):
    job_id = seed(sim, 'asset scan')['id']
    seed(sim, 'asset scan (copy)')
    job = api.find_job(make_client(), name='asset scan')
    assert job['id'] == job_id and job['entities']  # search results omit entities; the GET has them
    assert paths(log(kind='read')) == [('GET', '/search'), ('GET', '/' + job_id)]


def test_find_job_by_name_none(sim, make_client, log):
    seed(sim, 'asset scan (copy)')
    assert api.find_job(make_client(), name='asset scan') is None
    assert paths(log(kind='read')) == [('GET', '/search')]


def test_find_job_with_a_shared_name_fails_naming_the_ids(sim, make_client, log):
    first, second = seed(sim, 'dup')['id'], seed(sim, 'dup')['id']
    with pytest.raises(ObjectLookupError) as info:
        api.find_job(make_client(), name='dup')
    assert info.value.message == "2 jobs are named 'dup' (ids %s, %s): give id to choose one" % (first, second)
    assert paths(log(kind='read')) == [('GET', '/search')]  # no read by id
    assert not log(kind='write')


def test_find_job_needs_an_id_or_a_name(make_client, log):
    with pytest.raises(ObjectLookupError):
        api.find_job(make_client())
    assert log() == []


# ----------------------------------------------------------------------------------------------- create


def test_create_job_looks_up_the_name_then_posts_once(sim, make_client, log):
    created = api.create_job(make_client(), dict(JOB))
    assert created['id'] and created['name'] == 'asset scan'
    assert [j['id'] for j in sim.control.jobs()] == [created['id']]
    assert paths(log(kind=None)[1:]) == [('GET', '/search'), ('POST', '')]


def test_create_job_with_known_ids_posts_without_a_search(sim, make_client, log):
    api.create_job(make_client(), dict(JOB), known_ids=set())
    assert paths(log()[1:]) == [('POST', '')]


@pytest.mark.parametrize('rule', [
    dict(action='status_after_apply', status=500),
    dict(action='status_after_apply', status=502),
    dict(action='delay_after_apply', seconds=1.0),
    dict(action='reset_after_apply'),
    dict(action='bad_json', apply=True),
], ids=['500', '502', 'timeout', 'reset', 'not-json'])
def test_create_that_was_stored_but_failed_returns_the_job(sim, make_client, log, recorder, assert_no_secrets, rule):
    existing = seed(sim, 'asset scan')['id']  # names are not unique: an older job of the same name must not be taken
    client = make_client(timeout=0.3)
    fault(sim, method='POST', path='/jobs$', **rule)
    created = api.create_job(client, dict(JOB), known_ids={existing})
    stored = [j['id'] for j in sim.control.jobs()]
    assert len(stored) == 2 and created['id'] == stored[1] != existing
    assert created['entities']  # the full job, read by id
    assert len(log(kind='write')) == 1
    assert len(recorder.warnings) == 1
    assert recorder.warnings[0].startswith('the create request failed (')
    assert recorder.warnings[0].endswith('but the job was stored; using it (id %s)' % created['id'])
    assert_no_secrets(recorder.warnings)


@pytest.mark.parametrize('rule, error_type', [
    (dict(action='status', status=500), ApiError),
    (dict(action='status', status=503), ApiError),
    (dict(action='reset'), CommunicationError),
    (dict(action='bad_json'), CommunicationError),
], ids=['500', '503', 'reset', 'not-json'])
def test_create_that_failed_before_storing_says_a_rerun_is_safe(sim, make_client, log, recorder, rule, error_type):
    fault(sim, method='POST', path='/jobs$', **rule)
    with pytest.raises(error_type) as info:
        api.create_job(make_client(), dict(JOB), known_ids=set())
    assert "the job 'asset scan' was not created" in info.value.message
    assert 'it is safe to run the task again' in info.value.message
    if error_type is CommunicationError:
        assert info.value.maybe_applied is False
    assert sim.control.jobs() == []
    assert len(log(kind='write')) == 1 and recorder.warnings == []


def test_create_rejected_with_4xx_is_raised_without_a_lookup(sim, make_client, log):
    with pytest.raises(ApiError) as info:
        api.create_job(make_client(), dict(JOB, script={}), known_ids=set())
    assert info.value.status == 400 and 'script.jobType' in info.value.message
    assert paths(log()[1:]) == [('POST', '')]


def test_create_whose_lookup_fails_too(sim, make_client):
    fault(sim, method='POST', path='/jobs$', action='status_after_apply', status=500)
    fault(sim, method='GET', path='/search$', action='status', status=503, times=0)
    with pytest.raises(ApiError) as info:
        api.create_job(make_client(max_retries=0), dict(JOB), known_ids=set())
    assert 'may or may not have been created, and looking for it failed too' in info.value.message
    assert len(sim.control.jobs()) == 1


# ----------------------------------------------------------------------------------------------- update, delete


def test_update_job_posts_the_whole_job_with_its_id(sim, make_client, log):
    job_id = seed(sim, 'asset scan')['id']
    updated = api.update_job(make_client(), job_id, dict(JOB, name='asset scan v2'))
    assert updated['id'] == job_id and updated['name'] == 'asset scan v2'
    assert sim.control.job(job_id)['name'] == 'asset scan v2'
    writes = log(kind='write')
    assert paths(writes) == [('POST', '/' + job_id)] and writes[0]['body']['id'] == job_id


@pytest.mark.parametrize('rule', [
    dict(action='status_after_apply', status=500), dict(action='delay_after_apply', seconds=1.0),
], ids=['500', 'timeout'])
def test_update_that_may_have_been_applied_says_a_rerun_converges(sim, make_client, log, rule):
    job_id = seed(sim, 'asset scan')['id']
    fault(sim, method='POST', path='/jobs/', **rule)
    with pytest.raises((ApiError, CommunicationError)) as info:
        api.update_job(make_client(timeout=0.3), job_id, dict(JOB, name='asset scan v2'))
    assert 'the update of job %s may or may not have been applied' % job_id in info.value.message
    assert 'running the task again will converge' in info.value.message
    assert len(log(kind='write')) == 1


def test_update_rejected_with_4xx_is_raised_unchanged(sim, make_client):
    job_id = seed(sim, 'asset scan')['id']
    with pytest.raises(ApiError) as info:
        api.update_job(make_client(), job_id, dict(JOB, schedule={'pattern': {'type': 'hourly'}}))
    assert info.value.status == 400 and 'may or may not' not in info.value.message


@pytest.mark.parametrize('style', ['404', '500-0005'])
def test_delete_job_then_again(sim, make_client, log, style):
    sim.control.configure(not_found_style=style)
    job_id = seed(sim, 'asset scan')['id']
    client = make_client(max_retries=0)
    assert api.delete_job(client, job_id) is True
    assert sim.control.jobs() == []
    assert api.delete_job(client, job_id) is False
    assert paths(log(kind='write')) == [('DELETE', '/' + job_id)] * 2


@pytest.mark.parametrize('rule', [
    dict(action='delay_after_apply', seconds=1.0),
    dict(action='reset_after_apply'),
    dict(action='status_after_apply', status=503),
], ids=['timeout', 'reset', '503'])
def test_a_delete_resent_after_it_may_have_run_then_not_found_was_deleted_by_this_run(sim, make_client, log, rule):
    job_id = seed(sim, 'asset scan')['id']
    fault(sim, method='DELETE', path='/jobs/', times=1, **rule)
    assert api.delete_job(make_client(timeout=0.3), job_id) is True
    assert sim.control.jobs() == []
    deletes = log(kind='write', method='DELETE')
    assert len(deletes) == 2 and 404 in [entry['status'] for entry in deletes]


def test_a_delete_job_that_someone_else_deleted_was_not_deleted_by_this_run(sim, make_client, log):
    job_id = seed(sim, 'asset scan')['id']
    sim.control.delete_jobs()
    assert api.delete_job(make_client(), job_id) is False
    assert len(log(kind='write', method='DELETE')) == 1


def test_delete_job_other_errors_are_raised(sim, make_client):
    fault(sim, method='DELETE', path='/jobs/', action='status', status=403, body={'error': 'access_denied'})
    with pytest.raises(ApiError):
        api.delete_job(make_client(), UNKNOWN_ID)


# ----------------------------------------------------------------------------------------------- types, run


def test_list_job_types(make_client):
    types = api.list_job_types(make_client())
    assert types[0] == {'name': 'AD CheckList', 'type': 'adCheckList'}
    assert {'name': 'Network Configuration Backup', 'type': 'networkconfigbackup'} in types


@pytest.mark.parametrize('body', [
    [{'jobName': 'Custom', 'jobType': 'custom'}],
    {'jobNameAndType': [{'jobName': 'Custom', 'jobType': 'custom'}]},
], ids=['bare-list', 'jobType-spelling'])
def test_list_job_types_tolerates_other_shapes(sim, make_client, body):
    fault(sim, method='GET', path='/types$', action='status', status=200, body=body)
    assert api.list_job_types(make_client()) == [{'name': 'Custom', 'type': 'custom'}]


def test_run_job_sends_the_reason(sim, make_client, log):
    job_id = seed(sim, 'asset scan')['id']
    api.run_job(make_client(), job_id, 'patch window')
    assert [run['reason'] for run in sim.control.job(job_id)['runs']] == ['patch window']
    runs = log(path='/run')
    assert paths(runs) == [('GET', '/%s/run' % job_id)] and runs[0]['body'] == {'reason': 'patch window'}


@pytest.mark.parametrize('rule', [
    dict(action='status', status=503), dict(action='delay_after_apply', seconds=1.0), dict(action='reset_after_apply'),
], ids=['503', 'timeout', 'reset'])
def test_run_job_is_never_resent(sim, make_client, log, recorder, rule):
    job_id = seed(sim, 'asset scan')['id']
    fault(sim, method='GET', path='/run$', **rule)
    with pytest.raises((ApiError, CommunicationError)) as info:
        api.run_job(make_client(timeout=0.3), job_id, 'now')
    assert 'job %s may or may not have been started' % job_id in info.value.message
    assert len(log(path='/run')) == 1 and recorder.sleeps == []


def test_run_job_is_resent_after_429(sim, make_client, log):
    job_id = seed(sim, 'asset scan')['id']
    fault(sim, method='GET', path='/run$', action='status', status=429, headers={'Retry-After': '1'})
    api.run_job(make_client(), job_id, 'now')
    assert [e['status'] for e in log(path='/run')] == [429, 200]
    assert len(sim.control.job(job_id)['runs']) == 1


def test_run_job_of_an_unknown_id(make_client):
    with pytest.raises(ApiError) as info:
        api.run_job(make_client(), UNKNOWN_ID, 'now')
    assert info.value.status == 404
