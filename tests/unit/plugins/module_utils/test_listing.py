# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The listing's paging decisions, against a stand-in that answers search pages from a list (no server; the HTTP
side is in tests/component/plugins/module_utils/test_listing.py)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import threading

from concurrent.futures import ThreadPoolExecutor

import pytest

from ansible_collections.opsramp.automation.plugins.module_utils import listing
from ansible_collections.opsramp.automation.plugins.module_utils._http.paginator import Paginator


class Pages:
    """Answers GET .../jobs/search as a server would, in the envelope's variants; records the pages asked for."""

    def __init__(self, count, page_size=3, envelope=True, total_pages=True, ignore_page_no=False):
        self.jobs = [dict(id='id-%02d' % number, name='job-%02d' % number) for number in range(count)]
        self.page_size, self.envelope, self.total_pages, self.ignore_page_no = (
            page_size, envelope, total_pages, ignore_page_no)
        self.asked, self.read = [], []
        self.lock = threading.Lock()

    def api_path(self, *parts):
        return '/' + '/'.join(parts)

    def paginate(self, path, query=None):
        return Paginator(lambda number, size: self.get(path, dict(query or {}, pageNo=number, pageSize=size)),
                         self.page_size)

    def get(self, path, query=None):
        with self.lock:
            if path != '/jobs/search':
                self.read.append(path.rsplit('/', 1)[1])
                return dict(id=path.rsplit('/', 1)[1], entities=[])
            self.asked.append(query['pageNo'])
        if not self.envelope:
            return list(self.jobs)
        number = 1 if self.ignore_page_no else query['pageNo']
        page = self.jobs[(number - 1) * self.page_size:number * self.page_size]
        pages = -(-len(self.jobs) // self.page_size)
        body = dict(results=page, totalResults=len(self.jobs), nextPage=number < pages)
        if self.total_pages:
            body['totalPages'] = pages
        return body


def listed(client, wants_full=None):
    with ThreadPoolExecutor(max_workers=2) as pool:
        result = listing.list_jobs(client, pool, wants_full=wants_full)
        full = dict((job_id, result.full_job(job_id)) for job_id in result.full)
    return [job['id'] for job in result.jobs], full


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
