# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""OpsRamp's search envelope, page by page: one reading of it for every search of the collection.

A search answers ``{results, totalResults, totalPages, pageNo, nextPage}`` and at times a bare list instead, which
then holds every result (api-behaviour §4). Some servers ignore ``pageNo`` and repeat their first page, or say there is
a next page without saying how many there are: both end the paging here instead of looping.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait

from ansible_collections.opsramp.automation.plugins.module_utils._http.config import truthy

PAGE_SIZE = 500  # the largest page the search APIs accept (api-behaviour §4)
PAGE_WORKERS = 4  # pages fetched at a time once the first page tells how many there are


def results(body):
    """The results of one page (a bare list is all of them)."""
    if isinstance(body, list):
        return body
    return (body or {}).get('results') or []


def _number(body, key):
    try:
        return int((body or {}).get(key))
    except (TypeError, ValueError):
        return None


def page_count(first):
    """How many pages the first page announces; 1 when it does not say (then ``has_next`` tells, page by page)."""
    if isinstance(first, list) or not results(first) or not truthy(first.get('nextPage')):
        return 1
    return max(_number(first, 'totalPages') or 1, 1)


def has_next(body, page_no, seen):
    """Whether a page follows page ``page_no`` of a search that gave ``seen`` results so far."""
    if isinstance(body, list) or not results(body) or not truthy(body.get('nextPage')):
        return False
    pages, total = _number(body, 'totalPages'), _number(body, 'totalResults')
    if pages is not None and page_no >= pages:
        return False
    return total is None or seen < total


class Paginator:
    """The pages of one search; ``fetch(page_no, page_size)`` returns the body of a page."""

    def __init__(self, fetch, page_size=PAGE_SIZE):
        self._fetch = fetch
        self.page_size = page_size

    def __iter__(self):
        """Every result, one page after the other."""
        for dummy, page in self._sequential(1, None, 0):
            yield from page

    def each_page(self, take):
        """Call ``take(page_no, results)`` for every page: the first, then, when it tells how many there are, the
        others concurrently (``take`` is called from this thread, as pages arrive, in no fixed order)."""
        first = self._fetch(1, self.page_size)
        take(1, results(first))
        count = page_count(first)
        if count > 1:
            self._concurrently(count, take)
        elif has_next(first, 1, len(results(first))):
            for number, page in self._sequential(2, results(first), len(results(first))):
                take(number, page)

    def _sequential(self, number, previous, seen):
        """(page_no, results) from page ``number`` on, until a page says it is the last, or repeats the one before."""
        while True:
            body = self._fetch(number, self.page_size)
            page = results(body)
            if not page or page == previous:
                return
            seen += len(page)
            yield number, page
            if not has_next(body, number, seen):
                return
            previous, number = page, number + 1

    def _concurrently(self, count, take):
        # pages have their own threads: the caller's work on the pages so far need not wait for the rest
        with ThreadPoolExecutor(max_workers=min(PAGE_WORKERS, count - 1)) as pages:
            pending = dict((pages.submit(self._fetch, number, self.page_size), number) for number in range(2, count + 1))
            while pending:
                done, dummy = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    take(pending.pop(future), results(future.result()))
