# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""List a tenant's objects and read the ones needed in full, overlapping the two.

A search pages its results and may leave fields out (a job's entities and script parameters, api-behaviour §4), so a
run that needs full objects lists, then reads. Done one after the other, a tenant with many search pages pays every
page's latency before the first read. Here the reads of full objects start, in the caller's pool of workers, as soon
as the search page that lists them arrives; once the first page tells how many pages there are, the other pages are
fetched concurrently too (``Paginator.each_page``). The client paces them all on the tenant's rate limits.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import AuthenticationError


class Listing:
    """The listed objects (search results, in page order, each id once) and the full reads started for some of them.

    ``read(object_id)`` reads one object in full; ``wants_full(obj)`` says which listed objects to read.
    """

    def __init__(self, pool, read, wants_full=None):
        self.full = {}  # object id -> future of the full object (None when it was deleted since the search)
        self._pool, self._read_one, self._wants_full = pool, read, wants_full
        self._pages = {}
        self._refused = None  # the authentication error of an earlier read: the later ones would fail the same way

    def add(self, number, results):
        """Take page ``number``'s results, and start the full reads they call for."""
        self._pages[number] = [obj for obj in results or [] if isinstance(obj, dict) and obj.get('id') not in (None, '')]
        for obj in self._pages[number]:
            if obj['id'] not in self.full and self._wants_full is not None and self._wants_full(obj):
                self.full[obj['id']] = self._pool.submit(self._read, obj['id'])

    def _read(self, object_id):
        if self._refused is not None:
            raise self._refused
        try:
            return self._read_one(object_id)
        except AuthenticationError as error:
            self._refused = error
            raise

    @property
    def objects(self):
        seen, listed = set(), []
        for number in sorted(self._pages):
            for obj in self._pages[number]:
                if obj['id'] not in seen:  # a server that ignores pageNo repeats its first page
                    seen.add(obj['id'])
                    listed.append(obj)
        return listed

    def full_object(self, object_id):
        """The full object read for ``object_id`` (waits for it), or None when no read was started for it."""
        future = self.full.get(object_id)
        return future.result() if future is not None else None


def list_all(pages, pool, read, wants_full=None):
    """List every object of ``pages`` (a ``Paginator``), reading in full, in ``pool``, each one ``wants_full(obj)``
    accepts. Returns the ``Listing`` once every page is in; the full reads may still be on the way."""
    listing = Listing(pool, read, wants_full)
    pages.each_page(listing.add)
    return listing
