# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Concurrent creates of one job name: the search around the rule (``settle.settle``), over real HTTP against the
simulator. The rule itself (``decide``) is unit-tested in tests/unit. api-behaviour §19 gives the reasoning."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import time

from ansible_collections.opsramp.automation.plugins.module_utils._engine import settle
from ansible_collections.opsramp.automation.plugins.module_utils._jobs.adapter import JOBS
from ansible_collections.opsramp.automation.plugins.module_utils._jobs.table import JOB_MODEL

DEVICE = '709824de-8315-4cf9-ad1c-b15aaf7bf2a5'
SPEC = {'name': 'nightly', 'script': {'jobType': 'assetinfo'},
        'entities': [{'resource': {'id': DEVICE, 'type': 'DEVICE'}}],
        'schedule': {'startDate': '2030-01-01T02:00:00+0000', 'pattern': {'type': 'daily', 'frequency': 'everyday'}}}


def seed(sim, name='nightly', **changes):
    return sim.control.seed_job(dict(SPEC, name=name, **changes), tenant='client_1')['id']


def searches(log):
    return [e for e in log(kind='read') if e['path'].endswith('/jobs/search')]


def test_alone_one_search_by_name_and_no_write(sim, make_client, log, recorder):
    own = seed(sim)
    seed(sim, 'nightly other')                       # the name hint matches substrings: checked exactly
    settled = settle.settle(JOBS, make_client(), {'nightly': own})
    assert settled['nightly'].keeps_own and not settled['nightly'].contested
    [search] = searches(log)
    assert search['query']['queryString'] == 'name:nightly'
    assert search['query']['sortName'] == 'id' and search['query']['isDescendingOrder'] == 'false'
    assert log(kind='write') == [] and recorder.warnings == []


def test_second_copy_deletes_itself_and_reports_the_first(sim, make_client, log, recorder):
    first = seed(sim)
    own = seed(sim)
    settled = settle.settle(JOBS, make_client(), {'nightly': own})['nightly']
    assert (settled.survivor_id, settled.keeps_own, settled.error) == (first, False, None)
    assert settled.survivor['id'] == first and settled.survivor['entities']     # read in full
    assert [j['id'] for j in sim.control.jobs()] == [first]
    assert [(e['method'], e['path'].rsplit('/', 1)[1]) for e in log(kind='write')] == [('DELETE', own)]
    [warning] = recorder.warnings
    assert "job 'nightly'" in warning and 'created it too' in warning and first in warning and own in warning


def test_first_copy_stays_and_leaves_the_other_to_its_run(sim, make_client, log, recorder):
    own = seed(sim)
    other = seed(sim)
    settled = settle.settle(JOBS, make_client(), {'nightly': own})['nightly']
    assert settled.keeps_own and settled.other_ids == [other]
    assert log(kind='write') == [] and len(sim.control.jobs()) == 2
    [warning] = recorder.warnings
    assert 'created it too' in warning and other in warning and 'stays' in warning


def test_many_names_one_search(sim, make_client, log, recorder):
    first_x, own_x = seed(sim, 'x'), seed(sim, 'x')
    own_y = seed(sim, 'y')
    settled = settle.settle(JOBS, make_client(), {'x': own_x, 'y': own_y})
    assert settled['x'].survivor_id == first_x and settled['y'].keeps_own
    [search] = searches(log)
    assert 'queryString' not in search['query']
    assert sorted(j['id'] for j in sim.control.jobs()) == sorted([first_x, own_y])


def test_differences_from_the_declared_spec_are_named(sim, make_client, recorder):
    seed(sim, schedule={'startDate': '2030-01-01T02:00:00+0000', 'pattern': {'type': 'weekly', 'weekDays': 'Sunday'}})
    own = seed(sim)
    declared = {'nightly': JOB_MODEL.current(sim.control.job(own))}   # what this run created
    settled = settle.settle(JOBS, make_client(), {'nightly': own}, declared)['nightly']
    assert settled.differences and all(path.startswith('schedule') for path in settled.differences)
    assert 'the next run of this task applies them' in recorder.warnings[0]
    assert 'schedule' in recorder.warnings[0]


def test_a_failed_search_warns_and_keeps_everything(sim, make_client, log, recorder):
    own = seed(sim)
    seed(sim)
    sim.control.add_faults([{'method': 'GET', 'path': '/search', 'action': 'status', 'status': 503, 'times': 0}])
    assert settle.settle(JOBS, make_client(max_retries=0), {'nightly': own}) == {}
    assert log(kind='write') == [] and len(sim.control.jobs()) == 2
    assert 'next run reports the duplicate' in recorder.warnings[-1]


def test_a_failed_delete_is_the_settlements_error(sim, make_client, recorder):
    first = seed(sim)
    own = seed(sim)
    sim.control.add_faults([{'method': 'DELETE', 'path': own, 'action': 'status', 'status': 403,
                             'body': {'error': 'access_denied'}}])
    settled = settle.settle(JOBS, make_client(), {'nightly': own})['nightly']
    assert first in settled.error and own in settled.error and 'delete it in OpsRamp' in settled.error
    assert len(sim.control.jobs()) == 2


def test_a_creation_time_field_orders_a_search_sorted_by_random_ids(sim, make_client, recorder):
    sim.control.configure(search_order='sorted', created_time_field='createdTime')
    client = make_client()
    first = client.post('/api/v2/tenants/client_1/jobs', SPEC)['id']
    time.sleep(1.05)                                   # OpsRamp's times have whole seconds
    own = None
    while own is None or own > first:                  # a copy whose random id sorts before the first's
        if own is not None:
            client.delete('/api/v2/tenants/client_1/jobs/' + own)
        own = client.post('/api/v2/tenants/client_1/jobs', SPEC)['id']
    answer = client.get('/api/v2/tenants/client_1/jobs/search', query=dict(sortName='id', isDescendingOrder='false'))
    assert [j['id'] for j in answer['results']] == [own, first]   # the answer's order says own came first
    settled = settle.settle(JOBS, make_client(), {'nightly': own})['nightly']
    assert settled.survivor_id == first and [j['id'] for j in sim.control.jobs()] == [first]
