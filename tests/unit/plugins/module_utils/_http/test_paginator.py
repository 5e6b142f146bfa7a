# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The search envelope, page by page, without a server: a fake ``fetch`` answers each page number."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import threading

import pytest

from ansible_collections.opsramp.automation.plugins.module_utils._http import paginator
from ansible_collections.opsramp.automation.plugins.module_utils._http.paginator import Paginator


class Pages:
    """Answers page N with ``bodies[N - 1]`` (the last one again past the end); records the page numbers asked for."""

    def __init__(self, *bodies):
        self.bodies = bodies
        self.asked = []
        self.lock = threading.Lock()

    def __call__(self, number, size):
        with self.lock:
            self.asked.append((number, size))
        return self.bodies[min(number, len(self.bodies)) - 1]


def envelope(results, **extra):
    return dict(extra, results=results)


@pytest.mark.parametrize('bodies, items, asked', [
    ([envelope([1, 2], nextPage=True), envelope([3], nextPage=False)], [1, 2, 3], 2),
    ([envelope([1], nextPage='true', totalPages=1)], [1], 1),
    ([envelope([1], nextPage=True, totalResults=1)], [1], 1),
    ([envelope([1], nextPage=True, totalResults='many'), envelope([1], nextPage=True)], [1], 2),
    ([[1, 2, 3]], [1, 2, 3], 1),
    ([envelope([], nextPage=True)], [], 1),
    ([envelope([1], nextPage=True, totalPages=2), envelope([2], nextPage=True, totalPages=2)], [1, 2], 2),
], ids=['next-page', 'total-pages', 'total-results', 'same-page-again', 'bare-list', 'empty-page', 'last-page'])
def test_every_result_one_page_after_the_other(bodies, items, asked):
    fetch = Pages(*bodies)
    assert list(Paginator(fetch, page_size=2)) == items
    assert fetch.asked == [(number, 2) for number in range(1, asked + 1)]


def test_pages_are_fetched_only_when_iterated():
    fetch = Pages([1])
    pages = Paginator(fetch)
    assert fetch.asked == []
    assert list(pages) == [1] and fetch.asked == [(1, paginator.PAGE_SIZE)]


def test_each_page_fetches_the_announced_pages_concurrently_and_each_once():
    bodies = [envelope([number], nextPage=number < 5, totalPages=5, totalResults=5) for number in range(1, 6)]
    fetch, taken = Pages(*bodies), {}
    Paginator(fetch, page_size=1).each_page(taken.setdefault)
    assert taken == dict((number, [number]) for number in range(1, 6))
    assert sorted(fetch.asked) == [(number, 1) for number in range(1, 6)]


@pytest.mark.parametrize('bodies, taken', [
    ([envelope([1], nextPage=True), envelope([2], nextPage=False)], {1: [1], 2: [2]}),
    ([envelope([1], nextPage=True)], {1: [1]}),          # a server that ignores pageNo repeats its first page
    ([[1, 2]], {1: [1, 2]}),
])
def test_each_page_follows_next_page_when_the_count_is_not_given(bodies, taken):
    found = {}
    Paginator(Pages(*bodies)).each_page(found.setdefault)
    assert found == taken


@pytest.mark.parametrize('body, count', [
    (envelope([1], nextPage=True, totalPages='3'), 3),
    (envelope([1], nextPage=False, totalPages=3), 1),
    (envelope([], nextPage=True, totalPages=3), 1),
    (envelope([1], nextPage=True), 1),
    ([1, 2], 1),
])
def test_page_count(body, count):
    assert paginator.page_count(body) == count


def test_has_next_stops_at_the_total_results():
    body = envelope([1, 2], nextPage=True, totalResults=4)
    assert paginator.has_next(body, 1, 2) and not paginator.has_next(body, 2, 4)
