# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Listing the tenant's jobs while reading the needed ones in full (``JOBS.list_all``, which ``_engine.listing``
does), over real HTTP against the simulator."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from concurrent.futures import ThreadPoolExecutor

import pytest

from ansible_collections.opsramp.automation.plugins.module_utils._jobs.adapter import JOBS

START = '2030-01-01T02:00:00+0000'


def seed_jobs(sim, count):
    for number in range(count):
        sim.control.seed_job({'name': 'job-%02d' % number, 'script': {'jobType': 'assetinfo'},
                              'entities': [{'resource': {'id': 'device-%02d' % number, 'type': 'DEVICE'}}],
                              'schedule': {'startDate': START, 'pattern': {'type': 'never'}}}, tenant='client_1')


def list_all(client, wants_full=None, query_string=None):
    with ThreadPoolExecutor(max_workers=4) as pool:
        listed = JOBS.list_all(client, pool, wants_full, query_string=query_string)
        full = dict((job_id, listed.full_object(job_id)) for job_id in listed.full)
    return listed.objects, full


def test_every_page_once_in_order_and_full_reads_only_where_wanted(sim, make_client, log):
    seed_jobs(sim, 10)
    sim.control.configure(max_page_size=3)
    listed, full = list_all(make_client(), wants_full=lambda job: job['name'] in ('job-01', 'job-09'))
    assert [job['name'] for job in listed] == ['job-%02d' % number for number in range(10)]
    assert 'entities' not in listed[0]  # search results, as the search returns them
    assert sorted(job['name'] for job in full.values()) == ['job-01', 'job-09']
    assert all(job['entities'] for job in full.values())
    searches = log(kind='read', path='/jobs/search')
    assert sorted(entry['query']['pageNo'] for entry in searches) == ['1', '2', '3', '4']
    assert len(log(kind='read')) == 4 + 2 and log(kind='write') == []


def test_full_reads_start_before_the_listing_ends_and_pages_go_concurrently(sim, make_client, log):
    seed_jobs(sim, 12)
    sim.control.configure(max_page_size=2, latency_ms=60)
    listed, full = list_all(make_client(), wants_full=lambda job: True)
    assert len(listed) == 12 and len(full) == 12
    entries = sorted(log(kind='read'), key=lambda entry: entry['seq'])
    kinds = ['search' if '/search' in entry['path'] else 'get' for entry in entries]
    assert kinds[0] == 'search'
    assert kinds.index('get') < len(kinds) - 1 - kinds[::-1].index('search')  # a read before the last page
    assert sim.control.stats()['max_in_flight'] > 1


def test_the_query_string_goes_with_every_page(sim, make_client, log):
    seed_jobs(sim, 12)
    sim.control.configure(max_page_size=3)
    listed, full = list_all(make_client(), wants_full=lambda job: job['name'] == 'job-01', query_string='name:job-0')
    assert [job['name'] for job in listed] == ['job-%02d' % number for number in range(10)]  # the server filtered
    assert [job['name'] for job in full.values()] == ['job-01']
    searches = log(kind='read', path='/jobs/search')
    assert sorted(entry['query']['pageNo'] for entry in searches) == ['1', '2', '3', '4']
    assert all(entry['query']['queryString'] == 'name:job-0' for entry in searches)


@pytest.mark.parametrize('knobs', [dict(search_shape='list'), dict(max_page_size=500)])
def test_one_page_or_a_bare_list_is_one_request(sim, make_client, log, knobs):
    seed_jobs(sim, 5)
    sim.control.configure(**knobs)
    listed, full = list_all(make_client())
    assert len(listed) == 5 and full == {}
    assert len(log(kind='read')) == 1


def test_a_page_that_fails_fails_the_listing(sim, make_client):
    seed_jobs(sim, 6)
    sim.control.configure(max_page_size=2)
    sim.control.add_faults([dict(method='GET', path='/jobs/search', after=1, action='status', status=400,
                                 body={'code': '0001', 'message': 'bad page'})])  # a page after the first
    with pytest.raises(Exception) as info:
        list_all(make_client(max_retries=0))
    assert 'bad page' in str(info.value)


def test_no_jobs(sim, make_client, log):
    assert list_all(make_client(), wants_full=lambda job: True) == ([], {})
    assert len(log(kind='read')) == 1
