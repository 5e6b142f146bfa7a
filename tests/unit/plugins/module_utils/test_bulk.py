# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The bulk reconcile (module_utils/bulk.py) over a fake jobs layer: what it decides for each element and for
pruning, which calls it makes, and what it reports, with no server (tests/component runs it over HTTP)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

import pytest

from ansible_collections.opsramp.automation.plugins.module_utils import (
    bulk,
    concurrent_creates,
    job_types,
    listing,
    reconcile,
)
from ansible_collections.opsramp.automation.plugins.module_utils._http.paginator import Paginator
from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import ApiError, JobLookupError, ValidationError

START = '2026-01-05T06:30:00+0000'


def stored_job(job_id, name, week_day='Monday', **fields):
    job = {'id': job_id, 'name': name, 'jobQueued': False, 'entities': [{'resource': {'id': 'dev-1', 'type': 'DEVICE'}}],
           'script': {'jobType': 'adCheckList'},
           'schedule': {'startDate': START, 'pattern': {'type': 'weekly', 'weekDays': week_day}}}
    job.update(fields)
    return job


def element(name, week_day='mon', **options):
    spec = dict(name=name, job_type='adCheckList', schedule=dict(type='weekly', week_days=[week_day], start_date=START))
    spec.update(options)
    return spec


class FakeJobs:
    """module_utils/jobs.py over a dict of stored jobs; records every call."""

    def __init__(self, *stored):
        self.stored = dict((job['id'], copy.deepcopy(job)) for job in stored)
        self.calls = []
        self.failing = {}  # job id -> error raised by its update

    def search_page(self):
        """The one page of search results (listing.list_jobs asks the client for it): no entities (api-behaviour §4)."""
        self.calls.append(('search_jobs',))
        return {'results': [dict((key, value) for key, value in job.items() if key != 'entities')
                            for job in self.stored.values()], 'totalPages': 1, 'nextPage': False}

    def search_jobs(self, client, query_string=None, oldest_first=False):
        """The search after the creates, for copies concurrent runs made (api-behaviour §19)."""
        self.calls.append(('search_jobs', query_string, oldest_first))
        return [copy.deepcopy(job) for job in self.stored.values()]

    def get_job(self, client, job_id):
        self.calls.append(('get_job', job_id))
        return copy.deepcopy(self.stored.get(job_id))

    def create_job(self, client, payload, known_ids=None):
        self.calls.append(('create_job', payload['name']))
        job = dict(payload, id='new-%s' % payload['name'])
        self.stored[job['id']] = job
        return copy.deepcopy(job)

    def update_job(self, client, job_id, payload, not_stored=None):
        self.calls.append(('update_job', job_id))
        if job_id in self.failing:
            raise self.failing[job_id]
        self.stored[job_id] = copy.deepcopy(payload)
        return copy.deepcopy(payload)

    def delete_job(self, client, job_id):
        self.calls.append(('delete_job', job_id))
        return self.stored.pop(job_id, None) is not None

    def list_job_types(self, client):
        self.calls.append(('list_job_types',))
        return []

    def made(self, *kinds):
        return [call for call in self.calls if call[0] in kinds]


class FakeClient:
    """What bulk.py and listing.py use of a client; the search pages come from the fake jobs layer."""

    tenant_id = 'client_1'

    def __init__(self, fake_jobs=None):
        self.fake_jobs = fake_jobs
        self.warnings = []

    def api_path(self, *parts):
        return '/' + '/'.join(parts)

    def get(self, path, query=None):
        assert path == '/jobs/search', path
        return self.fake_jobs.search_page()

    def paginate(self, path, query=None):
        return Paginator(lambda number, size: self.get(path, query), 500)

    def warn(self, message):
        self.warnings.append(message)

    def redact(self, value):
        return value


@pytest.fixture
def tenant(monkeypatch):
    def install(*stored):
        fake = FakeJobs(*stored)
        for module in (bulk, listing, reconcile, job_types, concurrent_creates):
            monkeypatch.setattr(module, 'jobs', fake)
        return fake

    return install


RUN = [
    # the list, then what each job became
    ('created', element('new')),
    ('updated', element('edit', week_day='thu')),
    ('unchanged', element('same')),
    ('deleted', dict(name='gone', state='absent')),
    ('unchanged', dict(name='never-there', state='absent')),
]


@pytest.mark.parametrize('check_mode', [False, True], ids=['run', 'check'])
def test_one_run_creates_updates_deletes_prunes_and_leaves_alone(tenant, check_mode):
    fake = tenant(stored_job('j-edit', 'edit'), stored_job('j-same', 'same'), stored_job('j-gone', 'gone'),
                  stored_job('j-old', 'team-old'), stored_job('j-other', 'other-team'))
    options = bulk.Options(prune=True, prune_prefix='team-', check_mode=check_mode, want_diff=True, workers=2)
    result = bulk.reconcile_jobs(FakeClient(fake), [spec for _action, spec in RUN], options)
    assert (result['created'], result['updated'], result['deleted'], result['unchanged']) == (
        ['new'], ['edit'], ['gone', 'team-old'], ['same', 'never-there'])
    assert [entry['action'] for entry in result['job_results']] == [action for action, _spec in RUN] + ['deleted']
    assert [entry['id'] for entry in result['job_results']] == [
        None if check_mode else 'new-new', 'j-edit', 'j-same', 'j-gone', None, 'j-old']
    assert result['job_results'][1]['changes'] == ['schedule.week_days']
    assert sorted(result['diffs']) == ['edit', 'gone', 'new', 'team-old'] and result['changed'] is True
    # one search, and in a real run one more after the create (for copies of concurrent runs, oldest first: by name
    # when the run created one job, else the whole list at once); a GET only for the update (it carries the whole
    # job); writes only in a real run
    assert fake.made('search_jobs') == [('search_jobs',)] + ([] if check_mode else [('search_jobs', 'name:new', True)])
    assert fake.made('get_job') == [('get_job', 'j-edit')]
    writes = sorted(fake.made('create_job', 'update_job', 'delete_job'))
    assert writes == ([] if check_mode else [('create_job', 'new'), ('delete_job', 'j-gone'), ('delete_job', 'j-old'),
                                             ('update_job', 'j-edit')])


@pytest.mark.parametrize('specs, option', [
    ([element('a'), element('b', schedule=dict(type='weekly'))], 'jobs[1].schedule.week_days'),
    ([element('a', state='gone')], 'jobs[0].state'),
    ([element('a'), element('a', state='absent')], 'jobs[1].name'),
    ([dict(id='x', state='absent'), dict(id='x', name='y', state='absent')], 'jobs[1].id'),
], ids=['missing-companion', 'bad-state', 'duplicate-name', 'duplicate-id'])
def test_bad_elements_fail_before_any_call(tenant, specs, option):
    fake = tenant()
    with pytest.raises(ValidationError) as caught:
        bulk.reconcile_jobs(FakeClient(fake), specs)
    assert caught.value.option == option and fake.calls == []


@pytest.mark.parametrize('options, option', [
    (dict(workers=0), 'workers'), (dict(workers=True), 'workers'), (dict(prune=True), 'prune_prefix'),
    (dict(prune=True, prune_prefix=' '), 'prune_prefix'),
])
def test_bad_options_fail_when_made(options, option):
    with pytest.raises(ValidationError) as caught:
        bulk.Options(**options)
    assert caught.value.option == option


def test_a_shared_name_fails_before_any_write(tenant):
    fake = tenant(stored_job('j-1', 'dup'), stored_job('j-2', 'dup'))
    with pytest.raises(JobLookupError, match=r"jobs\[1\]: 2 jobs are named 'dup' \(ids j-1, j-2\)"):
        bulk.reconcile_jobs(FakeClient(fake), [element('new'), element('dup')])
    assert fake.calls == [('search_jobs',)]


def test_a_failing_job_keeps_the_others_and_hides_its_secrets(tenant):
    fake = tenant(stored_job('j-1', 'one'), stored_job('j-2', 'two'))
    fake.failing['j-1'] = ApiError('refused hunter2', status=400)
    secret = dict(id='7', parameters=[dict(id='1', value='hunter2', sensitive=True)])
    with pytest.raises(bulk.BulkReconcileError) as caught:
        bulk.reconcile_jobs(FakeClient(fake), [element('one', job_type='custom', custom_script=secret),
                                               element('two', week_day='fri')])
    details = caught.value.details
    assert details['updated'] == ['two'] and details['errors'] == [{'job': "jobs[0] 'one'", 'msg': 'refused ********'}]
    assert 'hunter2' not in caught.value.message


def test_unknown_job_types_are_warned_about_before_the_search(tenant):
    fake = tenant()
    client = FakeClient(fake)
    bulk.reconcile_jobs(client, [element('a', job_type='ad_checklist')], bulk.Options(check_mode=True))
    assert fake.calls[:2] == [('list_job_types',), ('search_jobs',)]
    assert len(client.warnings) == 1 and client.warnings[0].startswith("jobs[0].job_type: 'ad_checklist'")
