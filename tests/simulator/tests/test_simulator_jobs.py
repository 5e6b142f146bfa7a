# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import uuid

import pytest

from sim_helpers import custom_job, ncb_job

ENTITY_IDS = ['709824de-8315-4cf9-ad1c-b15aaf7bf2a5', '4e96d5bc-763c-4c00-beab-928d653a0422']


def test_create_get_update_delete_ncb(sim, api):
    resp = api.create(ncb_job(credentialSet={'uniqueId': 'cs-1'}))
    assert resp.status_code == 200, resp.text
    created = resp.json()
    job_id = created['id']
    assert str(uuid.UUID(job_id)) == job_id
    # api-behaviour §7: coercions
    assert created['jobQueued'] is True
    assert created['schedule']['startDate'] == '2016-04-14T10:10:00+0000'
    assert created['schedule']['pattern'] == {'type': 'daily', 'frequency': 'recurrence', 'repeatType': 'days', 'repeatFrequency': 2}
    assert created['script']['configParams'] == {
        'versionsSaved': 'ALL_VERSIONS', 'backUpTrigger': True, 'startupConfigAlert': True, 'runtimeConfigAlert': False,
        'startUpConfigFilesBackUp': True, 'runTimeConfigFilesBackUp': True}
    assert created['credentialSet'] == {'uniqueId': 'cs-1', 'name': 'Credential set cs-1'}  # api-behaviour §11
    assert sim.control.job(job_id)['credentialSet'] == {'uniqueId': 'cs-1'}
    assert set(created) == {'id', 'name', 'jobQueued', 'entities', 'script', 'schedule', 'credentialSet'}
    # api-behaviour §6, §7: entities enriched and reordered
    assert [e['resource']['id'] for e in created['entities']] == ENTITY_IDS[::-1]
    for entity in created['entities']:
        res = entity['resource']
        assert res['type'] == 'DEVICE' and res['clientUniqueId'] == 'client_1'
        assert res['generalInfo']['ipAddresses'].startswith('10.') and res['generalInfo']['hostName']

    got = api.get(job_id)
    assert got.status_code == 200 and got.json() == created
    stored = sim.control.job(job_id)
    assert stored['tenant'] == 'client_1' and stored['runs'] == []
    assert stored['entities'] == [{'resource': {'id': i, 'type': 'DEVICE'}} for i in ENTITY_IDS]

    # update replaces the job: fields not sent are dropped
    update = {'id': job_id, 'name': 'Renamed', 'jobQueued': 'false',
              'script': {'jobType': 'networkconfigbackup', 'configParams': {'versionsSaved': 'version_with_changes'}},
              'schedule': {'startDate': '2020-02-29T23:59:30-01:00', 'pattern': {'type': 'WEEKLY', 'weekDays': 'Saturday,monday'}}}
    resp = api.update(job_id, update)
    assert resp.status_code == 200, resp.text
    updated = resp.json()
    assert updated['id'] == job_id and updated['name'] == 'Renamed' and updated['jobQueued'] is False
    assert updated['script']['configParams'] == {'versionsSaved': 'VERSION_WITH_CHANGES'}
    assert updated['schedule'] == {'startDate': '2020-03-01T00:59:00+0000', 'pattern': {'type': 'weekly', 'weekDays': 'Monday, Saturday'}}
    assert 'entities' not in updated and 'credentialSet' not in updated
    assert api.get(job_id).json() == updated

    resp = api.delete(job_id)
    assert resp.status_code == 200 and resp.content == b''
    assert api.get(job_id).status_code == 404
    assert sim.control.jobs() == []


def test_custom_job(sim, api):
    created = api.create(custom_job()).json()
    script = created['script']
    assert 'jobType' not in script
    assert script['userType'] == 2
    assert script['customScript']['id'] == 7
    assert {'name', 'description', 'platforms'} <= set(script['customScript'])
    assert script['parameters'] == [{'paramId': 2, 'value': '150', 'name': 'Parameter 2'}]
    assert created['schedule'] == {'startDate': '2024-01-01T21:34:00+0000', 'pattern': {'type': 'run once'}}
    assert created['entities'][0]['resource']['id'] == 'dev-1'
    sim.control.configure(custom_without_job_type=False, numeric_ids_as_int=False)
    again = api.create(custom_job()).json()
    assert again['script']['jobType'] == 'custom' and again['script']['customScript']['id'] == '7'


def test_update_keeps_omitted_fields_knob(sim, api):
    sim.control.configure(update_keeps_omitted_fields=True)
    job = api.create(ncb_job(credentialSet={'uniqueId': 'cs-1'})).json()
    updated = api.update(job['id'], {'id': job['id'], 'name': 'Only the name'}).json()
    assert updated['name'] == 'Only the name'
    assert updated['credentialSet'] == {'uniqueId': 'cs-1', 'name': 'Credential set cs-1'} and len(updated['entities']) == 2
    assert updated['script'] == job['script']


def test_update_needs_matching_id(sim, api):
    job = api.create(ncb_job()).json()
    body = ncb_job()
    resp = api.update(job['id'], body)
    assert resp.status_code == 400 and resp.json()[0]['fieldName'] == 'id'
    body['id'] = str(uuid.uuid4())
    assert api.update(job['id'], body).status_code == 400
    assert sim.control.job(job['id'])['name'] == 'Network Config Backup'


@pytest.mark.parametrize('style, status, code', [('404', 404, '0006'), ('500-0005', 500, '0005')])
def test_unknown_id(sim, api, style, status, code):
    sim.control.configure(not_found_style=style)
    missing = str(uuid.uuid4())
    responses = [api.get(missing), api.update(missing, dict(ncb_job(), id=missing)), api.delete(missing),
                 api.call('GET', '/%s/run' % missing, json={'reason': 'x'}), api.call('POST', '/%s/script/run' % missing)]
    for resp in responses:
        assert resp.status_code == status
        assert resp.json()['code'] == code
    assert sim.control.jobs() == []   # the update did not create anything


def test_jobs_are_per_tenant(sim, api):
    job = api.create(ncb_job()).json()
    assert api.call('GET', '/' + job['id'], tenant='msp_1').status_code == 404
    other = api.create(ncb_job('Partner job'), tenant='msp_1').json()
    assert other['entities'][0]['resource']['clientUniqueId'] == 'msp_1'
    assert {j['tenant'] for j in sim.control.jobs()} == {'client_1', 'msp_1'}
    assert [j['name'] for j in sim.control.jobs('msp_1')] == ['Partner job']


@pytest.mark.parametrize('status', [404, 403])
def test_unknown_tenant(sim, api, status):
    sim.control.configure(unknown_tenant_status=status)
    resp = api.create(ncb_job(), tenant='client_404')
    assert resp.status_code == status and isinstance(resp.json(), dict)
    sim.control.configure(tenants=['client_1', 'client_404'])
    assert api.create(ncb_job(), tenant='client_404').status_code == 200


@pytest.mark.parametrize('body, field', [
    (dict(ncb_job(), name=''), 'name'),
    ({k: v for k, v in ncb_job().items() if k != 'name'}, 'name'),
    (dict(ncb_job(), script={'configParams': {}}), 'script.jobType'),
    (dict(ncb_job(), schedule={'startDate': '14/04/2016', 'pattern': {'type': 'daily'}}), 'schedule.startDate'),
    (dict(ncb_job(), schedule={'startDate': '2016-04-14T10:10:10Z', 'pattern': {'type': 'hourly'}}), 'schedule.pattern.type'),
])
def test_validation_errors(sim, api, body, field):
    resp = api.create(body)
    assert resp.status_code == 400
    errors = resp.json()
    assert isinstance(errors, list) and errors[0]['code'] == '0002'
    assert field in [e['fieldName'] for e in errors]
    assert sim.control.jobs() == []


def test_valid_documented_patterns_are_accepted(sim, api):
    patterns = [{'type': 'daily', 'frequency': 'everyday'}, {'type': 'daily', 'frequency': 'every weekday'},
                {'type': 'weekly', 'weekDays': 'Sunday, Tuesday, Thursday, Saturday'},
                {'type': 'monthly', 'dayOfMonth': '1, 2, 3, 4, 5'}, {'type': 'monthly', 'weekIndex': 'Second', 'dayOfWeek': 'Sunday'},
                {'type': 'monthly', 'weekIndex': 'Last', 'dayOfIndex': 'Friday'},
                {'type': 'run once'}, {'type': 'never'}, {'type': 'Run Once'}]
    for pattern in patterns:
        job = {'name': 'p', 'script': {'jobType': 'adCheckList'}, 'schedule': {'startDate': '2030-01-01T00:00:00+0000', 'pattern': pattern}}
        resp = api.create(job)
        assert resp.status_code == 200, (pattern, resp.text)
    stored = [j['schedule']['pattern'] for j in sim.control.jobs()]
    assert stored[4] == {'type': 'monthly', 'weekIndex': 'Second', 'dayOfWeek': 'Sunday'}
    assert stored[5] == {'type': 'monthly', 'weekIndex': 'Last', 'dayOfWeek': 'Friday'}


def test_bad_json_body(sim, api):
    resp = api.call('POST', data='{not json', headers={'Content-Type': 'application/json'})
    assert resp.status_code == 400 and resp.json()[0]['code'] == '0001'


@pytest.mark.parametrize('style, week_days, days', [
    ('canonical', 'Sunday, Tuesday, Saturday', '1, 5, 12'),
    ('compact', 'Sunday,Tuesday,Saturday', '1,5,12'),
    ('as_sent', 'saturday,Sunday, Tuesday', '12,5, 1'),
])
def test_list_style(sim, api, style, week_days, days):
    sim.control.configure(list_style=style)
    weekly = api.create({'name': 'w', 'script': {'jobType': 'adCheckList'},
                         'schedule': {'pattern': {'type': 'weekly', 'weekDays': 'saturday,Sunday, Tuesday'}}}).json()
    monthly = api.create({'name': 'm', 'script': {'jobType': 'adCheckList'},
                          'schedule': {'pattern': {'type': 'monthly', 'dayOfMonth': '12,5, 1'}}}).json()
    assert weekly['schedule']['pattern']['weekDays'] == week_days
    assert monthly['schedule']['pattern']['dayOfMonth'] == days


def test_rewrite_knobs_over_http(sim, api):
    sim.control.configure(entity_order='as_sent', booleans_as_strings=True, day_of_week_field='dayOfIndex')
    job = api.create(ncb_job(schedule={'startDate': '2016-04-14T10:10:10Z',
                                       'pattern': {'type': 'monthly', 'weekIndex': 'first', 'dayOfWeek': 'monday'}})).json()
    assert [e['resource']['id'] for e in job['entities']] == ENTITY_IDS
    assert job['jobQueued'] == 'true' and job['script']['configParams']['backUpTrigger'] == 'true'
    assert job['schedule']['pattern'] == {'type': 'monthly', 'weekIndex': 'First', 'dayOfIndex': 'Monday'}
    assert sim.control.job(job['id'])['jobQueued'] is True   # stored form keeps native types


def test_job_types(sim, api):
    resp = api.call('GET', '/types')
    assert resp.status_code == 200
    types = resp.json()['jobNameAndType']
    assert len(types) == 14
    assert {'jobName': 'AD CheckList', 'jobtype': 'adCheckList'} in types
    assert {'jobName': 'Network Configuration Backup', 'jobtype': 'networkconfigbackup'} in types
    assert all(set(t) == {'jobName', 'jobtype'} for t in types)


def test_run_endpoints(sim, api):
    job = api.create(ncb_job()).json()
    resp = api.call('GET', '/%s/run' % job['id'], json={'reason': 'To run job on demand'})
    assert resp.status_code == 200 and resp.content == b''
    api.call('GET', '/%s/run' % job['id'], json={'reason': 'again'})
    resp = api.call('POST', '/%s/script/run' % job['id'])
    assert resp.status_code == 200
    stored = sim.control.job(job['id'])
    assert [r['reason'] for r in stored['runs']] == ['To run job on demand', 'again']
    assert len(stored['script_runs']) == 1
    assert 'runs' not in api.get(job['id']).json()
    stats = sim.control.stats()
    assert stats['runs'] == 2 and stats['script_runs'] == 1 and stats['runs_by_job'] == {job['id']: 2}
    assert api.call('POST', '/%s/run' % job['id']).status_code == 405


def test_unknown_paths(sim, api):
    assert api.session.get(sim.url + '/api/v2/tenants/client_1/widgets', timeout=5).status_code == 404
    assert api.call('PUT', '/some-id', json={}).status_code == 405
    assert api.session.get(sim.url + '/nothing-here', timeout=5).status_code == 404
