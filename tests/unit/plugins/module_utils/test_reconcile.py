# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The decision both job modules share (reconcile.decide / execute / ensure_job), over a fake jobs layer: no server.

The fake stands in for module_utils/jobs.py, the layer below the decision; it records every call, so the tests
assert what the decision read and wrote as well as what it returned.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import datetime

import pytest
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.opsramp.automation.plugins.module_utils import concurrent_creates, job_types, reconcile
from ansible_collections.opsramp.automation.plugins.module_utils.arguments import job_argument_spec
from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import ApiError, JobLookupError, ValidationError

NOW = datetime.datetime(2026, 1, 1, 0, 0, tzinfo=datetime.timezone.utc)
START = '2026-01-05T06:30:00+0000'
WEEKLY_MONDAY = {'startDate': START, 'pattern': {'type': 'weekly', 'weekDays': 'Monday'}}
STORED = {
    'id': 'job-1', 'name': 'nightly', 'jobQueued': False,
    'entities': [{'resource': {'id': 'dev-1', 'type': 'DEVICE'}}],
    'script': {'jobType': 'adCheckList'},
    'schedule': WEEKLY_MONDAY,
}
LISTED = dict((key, value) for key, value in STORED.items() if key != 'entities')  # a search result lacks entities


def params(**options):
    """Job options as Ansible passes them (every option present, None when not given), plus state."""
    raw = dict(name='nightly', job_type='adCheckList',
               schedule=dict(type='weekly', week_days=['mon'], start_date='2026-01-05T06:30Z'))
    raw.update(options)
    state = raw.pop('state', 'present')
    result = ArgumentSpecValidator(job_argument_spec()).validate(raw)
    assert not result.error_messages, result.error_messages
    return dict(result.validated_parameters, state=state)


class FakeJobs:
    """module_utils/jobs.py for one stored job (or none): the calls made, and the answers a server would give."""

    def __init__(self, stored=None, types=()):
        self.stored = copy.deepcopy(stored)
        self.types = list(types)
        self.calls = []
        self.update_answer = None  # None: answer with the job as sent
        self.update_error = None

    def find_job(self, client, job_id=None, name=None):
        self.calls.append(('find_job', job_id, name))
        return copy.deepcopy(self.stored)

    def get_job(self, client, job_id):
        self.calls.append(('get_job', job_id))
        return copy.deepcopy(self.stored)

    def create_job(self, client, payload, known_ids=None):
        self.calls.append(('create_job', payload))
        self.stored = dict(payload, id='job-new')
        return copy.deepcopy(self.stored)

    def update_job(self, client, job_id, payload, not_stored=None):
        self.calls.append(('update_job', job_id, payload))
        if self.update_error is not None:
            raise self.update_error
        self.stored = copy.deepcopy(self.update_answer or payload)
        return copy.deepcopy(self.stored)

    def delete_job(self, client, job_id):
        self.calls.append(('delete_job', job_id))
        self.stored = None
        return True

    def search_jobs(self, client, query_string=None, oldest_first=False):
        """The search after a create, for copies concurrent runs made (api-behaviour §19): none here."""
        self.calls.append(('search_jobs', query_string, oldest_first))
        return [copy.deepcopy(self.stored)] if self.stored else []

    def list_job_types(self, client):
        self.calls.append(('list_job_types',))
        return [dict(name=job_type, type=job_type) for job_type in self.types]

    def writes(self):
        return [call for call in self.calls if call[0] in ('create_job', 'update_job', 'delete_job')]


class FakeClient:
    tenant_id = 'client_1'

    def __init__(self):
        self.warnings = []

    def warn(self, message):
        self.warnings.append(message)


@pytest.fixture
def fake(monkeypatch):
    def install(stored=None, types=()):
        fake_jobs = FakeJobs(stored, types)
        monkeypatch.setattr(reconcile, 'jobs', fake_jobs)
        monkeypatch.setattr(job_types, 'jobs', fake_jobs)
        monkeypatch.setattr(concurrent_creates, 'jobs', fake_jobs)
        return fake_jobs

    monkeypatch.setattr(reconcile, 'utc_now', lambda: NOW)
    return install


def snapshot(fake_jobs, stored, search_only):
    if search_only and stored is not None:
        listed = dict((key, value) for key, value in stored.items() if key != 'entities')
        return reconcile.Snapshot(listed, 'client_1', fetch=lambda: fake_jobs.get_job(None, stored['id']))
    return reconcile.Snapshot(copy.deepcopy(stored), 'client_1')


# ----------------------------------------------------------------------------------------------- decide

UPDATED_PATTERN = {'startDate': START, 'pattern': {'type': 'weekly', 'weekDays': 'Monday, Thursday'}}

DECISIONS = [
    # id, options, stored job, search result only, action, changes, payload, full reads
    ('create', {}, None, False, 'created', ['job_type', 'name', 'schedule.start_date', 'schedule.type',
                                            'schedule.week_days'],
     {'name': 'nightly', 'script': {'jobType': 'adCheckList'}, 'schedule': WEEKLY_MONDAY}, 0),
    ('update', {'schedule': dict(type='weekly', week_days=['thu', 'mon'])}, STORED, False, 'updated',
     ['schedule.week_days'], dict(STORED, schedule=UPDATED_PATTERN), 0),
    ('unchanged', {}, STORED, False, 'unchanged', [], None, 0),
    ('unchanged-case-and-order', {'job_type': 'ADCHECKLIST', 'entities': [{'id': 'dev-1', 'type': 'device'}]},
     STORED, False, 'unchanged', [], None, 0),
    ('delete', {'state': 'absent'}, STORED, False, 'deleted', [], None, 0),
    ('delete-missing', {'state': 'absent'}, None, False, 'unchanged', [], None, 0),
    ('search-only-unchanged', {}, STORED, True, 'unchanged', [], None, 0),
    ('search-only-entities-read-in-full', {'entities': [{'id': 'dev-1'}]}, STORED, True, 'unchanged', [], None, 1),
    ('search-only-entities-changed', {'entities': [{'id': 'dev-2'}]}, STORED, True, 'updated', ['entities'],
     dict(STORED, entities=[{'resource': {'id': 'dev-2', 'type': 'DEVICE'}}]), 1),
    # the update carries the whole job: a change found on the search result reads the job, entities included
    ('search-only-update-reads-the-entities', {'queued': True}, STORED, True, 'updated', ['queued'],
     dict(STORED, jobQueued=True), 1),
    ('search-only-delete', {'state': 'absent'}, STORED, True, 'deleted', [], None, 0),
]


@pytest.mark.parametrize('options, stored, search_only, action, changes, payload, reads',
                         [case[1:] for case in DECISIONS], ids=[case[0] for case in DECISIONS])
def test_decide(fake, options, stored, search_only, action, changes, payload, reads):
    fake_jobs = fake(stored)
    plan = reconcile.decide(reconcile.wanted(params(**options)), snapshot(fake_jobs, stored, search_only), now=NOW)
    assert (plan.action, plan.changes, plan.payload) == (action, changes, payload)
    assert plan.changed is (action != 'unchanged')
    assert plan.job_id == (stored or {}).get('id')
    assert len([call for call in fake_jobs.calls if call[0] == 'get_job']) == reads
    assert fake_jobs.writes() == []  # deciding writes nothing


def test_decide_reads_a_search_result_in_full_once(fake):
    fake_jobs = fake(STORED)
    current = snapshot(fake_jobs, STORED, search_only=True)
    plan = reconcile.decide(reconcile.wanted(params(entities=[{'id': 'dev-2'}], queued=True)), current, now=NOW)
    assert plan.changes == ['entities', 'queued']
    assert fake_jobs.calls == [('get_job', 'job-1')]
    assert current.complete and current.full() == STORED and len(fake_jobs.calls) == 1


def test_a_job_deleted_since_the_search_is_created_again(fake):
    fake_jobs = fake(STORED)
    current = snapshot(fake_jobs, STORED, search_only=True)
    fake_jobs.stored = None
    plan = reconcile.decide(reconcile.wanted(params(entities=[{'id': 'dev-1'}])), current, now=NOW)
    assert plan.action == 'created' and plan.job is None


def test_an_unknown_id_is_not_created(fake):
    fake(None)
    with pytest.raises(JobLookupError, match=r"no job with id 'job-9' in tenant client_1"):
        reconcile.decide(reconcile.wanted(params(id='job-9')), reconcile.Snapshot(None, 'client_1'))


@pytest.mark.parametrize('options, stored, option', [
    ({'schedule': None}, None, 'schedule'),
    ({'job_type': 'custom', 'custom_script': {'user_type': 'system'}}, None, 'custom_script.id'),
    ({'job_type': None, 'network_backup': {'backup_on_trap': True}}, STORED, 'network_backup'),
], ids=['create-without-schedule', 'custom-without-script-id', 'option-of-the-stored-type'])
def test_decide_checks_what_depends_on_the_stored_job(fake, options, stored, option):
    fake(stored)
    with pytest.raises(ValidationError) as caught:
        reconcile.decide(reconcile.wanted(params(**options)), reconcile.Snapshot(stored, 'client_1'))
    assert caught.value.option == option


# ----------------------------------------------------------------------------------------------- execute and ensure_job

@pytest.mark.parametrize('options, stored, action, write', [
    ({}, None, 'created', 'create_job'),
    ({'queued': True}, STORED, 'updated', 'update_job'),
    ({'state': 'absent'}, STORED, 'deleted', 'delete_job'),
    ({}, STORED, 'unchanged', None),
], ids=['create', 'update', 'delete', 'unchanged'])
@pytest.mark.parametrize('check_mode', [False, True], ids=['run', 'check'])
def test_ensure_job(fake, options, stored, action, write, check_mode):
    fake_jobs = fake(stored)
    plan = reconcile.decide(reconcile.wanted(params(**options)), reconcile.Snapshot(stored, 'client_1'), now=NOW)
    result = reconcile.ensure_job(FakeClient(), params(**options), check_mode=check_mode, want_diff=True)
    assert result['changed'] is (action != 'unchanged') and result['changes'] == plan.changes
    writes = [call[0] for call in fake_jobs.writes()]
    assert writes == ([write] if write and not check_mode else [])
    # a real create is followed by one search by name for copies of concurrent runs
    checks = [call for call in fake_jobs.calls if call[0] == 'search_jobs']
    assert checks == ([('search_jobs', 'name:nightly', True)] if write == 'create_job' and not check_mode else [])
    if check_mode:  # the job a real run would send, or the job as it is
        assert result.get('job') == (plan.payload if plan.payload is not None else stored)
    elif action in ('created', 'updated'):
        assert result['job'] == fake_jobs.stored
    assert result['diff']['after'] == ({} if action == 'deleted' else reconcile.compare.diff_view(
        plan.after, plan.before)['after'])


def test_a_value_stored_differently_is_warned_about(fake):
    fake_jobs = fake(STORED)
    fake_jobs.update_answer = dict(STORED, jobQueued='sometimes')
    client = FakeClient()
    result = reconcile.ensure_job(client, params(queued=True))
    assert result['changed'] and client.warnings == [
        "OpsRamp stored queued of job 'nightly' differently from what was sent; the next run may report a change "
        "again. Please report this with the job type and the values used."]


def test_a_value_stored_as_sent_is_not_warned_about(fake):
    fake(STORED)
    client = FakeClient()
    reconcile.ensure_job(client, params(queued=True))
    assert client.warnings == []


# ----------------------------------------------------------------------------------------------- secrets

CUSTOM_STORED = {
    'id': '89257540-439d-4cf6-ac2a-676e24830aaf2', 'name': 'cleanup 1', 'jobQueued': False,
    'script': {'customScript': {'id': '7'}, 'userType': 1,
               'parameters': [{'paramId': '1', 'value': '1'}, {'paramId': '2', 'value': '0'}]},
    'schedule': {'startDate': '2026-01-30T01:30:00+0000', 'pattern': {'type': 'monthly', 'dayOfMonth': '1, 30'}},
}


def custom_params(secret='30', **options):
    return params(name='cleanup 1', job_type='custom',
                  schedule=dict(type='monthly', days_of_month=[1, 30], start_date='2026-01-30T01:30Z'),
                  custom_script=dict(id='7', user_type='system', parameters=[
                      dict(id='1', value='1'), dict(id='2', value=secret, sensitive=True)]), **options)


@pytest.mark.parametrize('check_mode', [False, True], ids=['run', 'check'])
def test_secrets_are_masked_in_their_fields_only(fake, check_mode):
    fake(CUSTOM_STORED)
    result = reconcile.ensure_job(FakeClient(), custom_params(), check_mode=check_mode, want_diff=True)
    job = result['job']
    assert job['id'] == CUSTOM_STORED['id'] and job['name'] == 'cleanup 1'
    assert job['schedule'] == CUSTOM_STORED['schedule']
    assert job['script']['parameters'] == [{'paramId': '1', 'value': '********'}, {'paramId': '2', 'value': '********'}]
    assert result['changes'] == ['custom_script.parameters']
    for side in ('before', 'after'):
        assert result['diff'][side]['custom_script']['parameters'] == [
            {'id': '1', 'value': '********'}, {'id': '2', 'value': '********'}]
        assert result['diff'][side]['schedule']['days_of_month'] == [1, 30]
        assert result['diff'][side]['schedule']['start_date'] == '2026-01-30T01:30:00+0000'


def test_a_job_without_sensitive_parameters_shows_its_values(fake):
    fake(CUSTOM_STORED)
    options = custom_params()
    options['custom_script']['parameters'][1]['sensitive'] = False
    result = reconcile.ensure_job(FakeClient(), options, check_mode=True, want_diff=True)
    assert result['job']['script']['parameters'] == [{'paramId': '1', 'value': '1'}, {'paramId': '2', 'value': '30'}]


def test_a_deleted_job_hides_every_parameter_value(fake):
    fake(CUSTOM_STORED)
    result = reconcile.ensure_job(FakeClient(), params(name='cleanup 1', state='absent'), want_diff=True)
    assert [p['value'] for p in result['job']['script']['parameters']] == ['********', '********']
    assert [p['value'] for p in result['diff']['before']['custom_script']['parameters']] == ['********', '********']
    assert result['job']['id'] == CUSTOM_STORED['id']


def test_an_error_echoing_the_secrets_hides_them(fake):
    fake_jobs = fake(CUSTOM_STORED)
    fake_jobs.update_error = ApiError('refused s3cret-new, stored 0', status=400, body={'message': 'sent s3cret-new'})
    with pytest.raises(ApiError) as caught:
        reconcile.ensure_job(FakeClient(), custom_params('s3cret-new'))
    error = caught.value
    assert error.message == 'refused ********, stored ********' and error.status == 400
    assert error.body == {'message': 'sent ********'} and error.to_fail_kwargs()['body'] == error.body


# ----------------------------------------------------------------------------------------------- job types

@pytest.mark.parametrize('job_type, listed, reads, warning', [
    ('adCheckList', [], 0, None),
    ('ADCHECKLIST', [], 0, None),
    ('ad_checklist', [], 1, "'ad_checklist' is neither a job type OpsRamp documents nor one this tenant lists "
                            "(GET /jobs/types); did you mean 'adCheckList'?"),
    ('adChekList', ['tenantSpecial'], 1, "did you mean 'adCheckList'?"),
    ('tenantSpecial', ['tenantSpecial'], 1, None),
    ('tenant_special', ['tenantSpecial'], 1, "did you mean 'tenantSpecial'?"),
    ('zzzz', [], 1, 'known types are adCheckList, antispyware'),
], ids=['documented', 'documented-other-case', 'separators', 'typo', 'tenant-listed', 'tenant-type-misspelt', 'no-match'])
@pytest.mark.parametrize('check_mode', [False, True], ids=['run', 'check'])
def test_unknown_job_types_are_warned_about_before_any_write(fake, job_type, listed, reads, warning, check_mode):
    fake_jobs = fake(None, types=listed)
    client = FakeClient()
    reconcile.ensure_job(client, params(job_type=job_type), check_mode=check_mode)
    calls = [call[0] for call in fake_jobs.calls]
    assert calls == ['list_job_types'] * reads + ['find_job'] + ([] if check_mode else ['create_job', 'search_jobs'])
    if warning is None:
        assert client.warnings == []
    else:
        assert len(client.warnings) == 1 and client.warnings[0].startswith('job_type: ') and warning in client.warnings[0]
