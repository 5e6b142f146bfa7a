# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""_engine/listing.py: the listing's paging decisions and its full reads, against a stand-in that answers search pages
from a list (no server; the HTTP side is in tests/component)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import threading

from concurrent.futures import ThreadPoolExecutor

import pytest

from ansible_collections.opsramp.automation.plugins.module_utils._engine import listing
from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import AuthenticationError
from ansible_collections.opsramp.automation.plugins.module_utils._http.paginator import Paginator


class Pages:
    """Answers GET .../jobs/search as a server would, in the envelope's variants; records the pages asked for and the
    objects read in full."""

    def __init__(self, count, page_size=3, envelope=True, total_pages=True, ignore_page_no=False):
        self.jobs = [dict(id='id-%02d' % number, name='job-%02d' % number) for number in range(count)]
        self.page_size, self.envelope, self.total_pages, self.ignore_page_no = (
            page_size, envelope, total_pages, ignore_page_no)
        self.asked, self.read = [], []
        self.refuse = None  # an error every full read raises
        self.lock = threading.Lock()

    def pages(self):
        return Paginator(self.search, self.page_size)

    def search(self, number, size):
        with self.lock:
            self.asked.append(number)
        if not self.envelope:
            return list(self.jobs)
        number = 1 if self.ignore_page_no else number
        page = self.jobs[(number - 1) * size:number * size]
        pages = -(-len(self.jobs) // size)
        body = dict(results=page, totalResults=len(self.jobs), nextPage=number < pages)
        if self.total_pages:
            body['totalPages'] = pages
        return body

    def get(self, job_id):
        with self.lock:
            self.read.append(job_id)
        if self.refuse is not None:
            raise self.refuse
        return dict(id=job_id, entities=[])


def listed(client, wants_full=None):
    with ThreadPoolExecutor(max_workers=2) as pool:
        result = listing.list_all(client.pages(), pool, client.get, wants_full=wants_full)
        full = dict((job_id, result.full_object(job_id)) for job_id in result.full)
    return [job['id'] for job in result.objects], full


@pytest.mark.parametrize('knobs, asked', [
    (dict(), [1, 2, 3, 4]),                       # the first page says how many: the others concurrently
    (dict(total_pages=False), [1, 2, 3, 4]),      # it does not: one page after the other, on nextPage
    (dict(envelope=False), [1]),                  # a bare list holds every job
])
def test_every_job_once_in_page_order(knobs, asked):
    client = Pages(10, **knobs)
    ids, full = listed(client)
    assert ids == ['id-%02d' % number for number in range(10)] and full == {}
    assert sorted(client.asked) == asked


def test_a_server_that_ignores_page_no_is_listed_once():
    for total_pages in (True, False):
        client = Pages(10, ignore_page_no=True, total_pages=total_pages)
        assert listed(client)[0] == ['id-00', 'id-01', 'id-02']


def test_full_reads_only_of_the_jobs_wanted_once_each():
    client = Pages(7)
    ids, full = listed(client, wants_full=lambda job: job['name'] in ('job-01', 'job-06'))
    assert sorted(full) == ['id-01', 'id-06'] and sorted(client.read) == ['id-01', 'id-06']
    assert full['id-06'] == dict(id='id-06', entities=[])


def test_no_jobs_is_one_request():
    client = Pages(0)
    assert listed(client, wants_full=lambda job: True) == ([], {}) and client.asked == [1]


def test_results_without_an_id_are_left_out():
    client = Pages(0)
    client.jobs = [dict(id='a'), dict(name='no id'), dict(id=''), 'odd', dict(id=None), dict(id='b')]
    assert listed(client, wants_full=lambda job: True) == (['a', 'b'], {'a': dict(id='a', entities=[]),
                                                                        'b': dict(id='b', entities=[])})


def test_an_object_listed_twice_is_read_once():
    client = Pages(0, page_size=2)
    client.jobs = [dict(id='a'), dict(id='b'), dict(id='a'), dict(id='c')]
    assert listed(client, wants_full=lambda job: True)[0] == ['a', 'b', 'c'] and sorted(client.read) == ['a', 'b', 'c']


def test_a_refused_authentication_is_not_asked_again():
    client = Pages(3)
    client.refuse = AuthenticationError('token refused')
    with ThreadPoolExecutor(max_workers=1) as pool:
        result = listing.list_all(client.pages(), pool, client.get, wants_full=lambda job: True)
        for job_id in ('id-00', 'id-01', 'id-02'):
            with pytest.raises(AuthenticationError):
                result.full_object(job_id)
    assert client.read == ['id-00']  # the later reads fail the same way without a request


def test_a_listing_without_full_reads():
    with ThreadPoolExecutor(max_workers=1) as pool:
        result = listing.list_all(Pages(2).pages(), pool, lambda job_id: pytest.fail('read ' + job_id))
    assert [job['id'] for job in result.objects] == ['id-00', 'id-01']
    assert result.full == {} and result.full_object('id-00') is None
