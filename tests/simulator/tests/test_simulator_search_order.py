# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The knobs that say whether a search tells which of two jobs came first: ``search_order``, ``created_time_field``.

api-behaviour §19 explains why the collection needs to know, and what the evidence says.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import calendar
import re
import threading
import time

from sim_helpers import ncb_job

TIME_FORMAT = re.compile(r'^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$')


def _create(api, *names):
    ids = []
    for name in names:
        resp = api.create(ncb_job(name))
        assert resp.status_code == 200, resp.text
        ids.append(resp.json()['id'])
    return ids


def _result_ids(api, **params):
    return [job['id'] for job in api.search(**params).json()['results']]


def test_created_order_ignores_the_sort_parameters(sim, api):
    ids = _create(api, 'b', 'c', 'a')
    assert _result_ids(api) == ids
    assert _result_ids(api, sortName='id', isDescendingOrder='true') == ids
    assert _result_ids(api, sortName='name', isDescendingOrder='false') == ids


def test_sorted_order_follows_sort_name_and_direction(sim, api):
    ids = _create(api, 'b', 'c', 'a', 'd', 'e')
    sim.control.configure(search_order='sorted')
    assert _result_ids(api) == sorted(ids, reverse=True)            # the spec's defaults: by id, descending
    assert _result_ids(api, sortName='id', isDescendingOrder='false') == sorted(ids)
    by_name = api.search(sortName='name', isDescendingOrder='false').json()
    assert [job['name'] for job in by_name['results']] == ['a', 'b', 'c', 'd', 'e']
    assert by_name['orderBy'] == 'name' and by_name['descendingOrder'] is False
    assert _result_ids(api, sortName='unknownField', isDescendingOrder='false') == sorted(ids)


def test_sorted_paging_is_stable(sim, api):
    ids = _create(api, *['job %d' % index for index in range(7)])
    sim.control.configure(search_order='sorted')
    pages = [_result_ids(api, sortName='id', isDescendingOrder='false', pageSize=3, pageNo=page) for page in (1, 2, 3)]
    assert sum(pages, []) == sorted(ids)


def test_no_creation_time_by_default(sim, api):
    job_id = _create(api, 'plain')[0]
    assert 'createdTime' not in api.get(job_id).json()
    assert 'createdTime' not in api.search().json()['results'][0]


def test_creation_time_field_in_every_answer(sim, api):
    sim.control.configure(created_time_field='createdTime')
    before = time.time()
    created = api.create(ncb_job('timed')).json()
    after = time.time()
    stamp = created['createdTime']
    assert TIME_FORMAT.match(stamp)
    epoch = calendar.timegm(time.strptime(stamp, '%Y-%m-%dT%H:%M:%S+0000'))
    assert int(before) <= epoch <= after
    assert api.get(created['id']).json()['createdTime'] == stamp
    assert api.search().json()['results'][0]['createdTime'] == stamp
    updated = api.update(created['id'], dict(ncb_job('timed renamed'), id=created['id'], createdTime='2001-01-01T00:00:00+0000'))
    assert updated.status_code == 200
    assert updated.json()['createdTime'] == stamp                     # read-only: the value sent is ignored
    assert 'createdTime' not in sim.control.job(created['id'])        # stored apart from the job's fields


def test_creation_time_orders_a_sorted_search(sim, api):
    sim.control.configure(created_time_field='createdTime', search_order='sorted')
    first = _create(api, 'first')[0]
    time.sleep(1.05)                                                  # whole seconds: one apart
    second = _create(api, 'second')[0]
    assert _result_ids(api, sortName='createdTime', isDescendingOrder='false') == [first, second]
    assert _result_ids(api, sortName='createdTime', isDescendingOrder='true') == [second, first]


def test_concurrent_creates_with_latency_overlap(sim, api):
    """Two clients creating the same name at once both succeed: names are not unique (api-behaviour §19)."""
    sim.control.configure(latency_ms=300)
    answers = []

    def create():
        answers.append(api.create(ncb_job('same')).status_code)

    threads = [threading.Thread(target=create), threading.Thread(target=create)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == [200, 200]
    assert [job['name'] for job in sim.control.jobs()] == ['same', 'same']
    assert sim.control.stats()['max_in_flight'] >= 2
