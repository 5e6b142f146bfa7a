# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""List the tenant's jobs and read the ones needed in full, overlapping the two.

The search API pages its results and leaves out entities and script parameters (api-behaviour §4), so a run that
needs full jobs lists, then reads. Done one after the other, a tenant with many search pages pays every page's latency
before the first read. Here the reads of full jobs start, in the caller's pool of workers, as soon as the search page
that lists them arrives; once the first page tells how many pages there are, the other pages are fetched
concurrently too, in threads of their own. The client paces them all on the tenant's rate limits.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.opsramp.automation.plugins.module_utils import jobs
from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import AuthenticationError


class Listing:
    """The listed jobs (search results, in page order, each id once) and the full reads started for some of them."""

    def __init__(self, client, pool, wants_full=None):
        self.full = {}  # job id -> future of the full job (None when it was deleted since the search)
        self._client, self._pool, self._wants_full = client, pool, wants_full
        self._pages = {}
        self._refused = None  # the authentication error of an earlier read: the later ones would fail the same way

    def add(self, number, results):
        """Take page ``number``'s results, and start the full reads they call for."""
        self._pages[number] = [job for job in results or [] if isinstance(job, dict) and job.get('id') not in (None, '')]
        for job in self._pages[number]:
            if job['id'] not in self.full and self._wants_full is not None and self._wants_full(job):
                self.full[job['id']] = self._pool.submit(self._read, job['id'])

    def _read(self, job_id):
        if self._refused is not None:
            raise self._refused
        try:
            return jobs.get_job(self._client, job_id)
        except AuthenticationError as error:
            self._refused = error
            raise

    @property
    def jobs(self):
        seen, listed = set(), []
        for number in sorted(self._pages):
            for job in self._pages[number]:
                if job['id'] not in seen:  # a server that ignores pageNo repeats its first page
                    seen.add(job['id'])
                    listed.append(job)
        return listed

    def full_job(self, job_id):
        """The full job read for ``job_id`` (waits for it), or None when no read was started for it."""
        future = self.full.get(job_id)
        return future.result() if future is not None else None


def list_jobs(client, pool, query_string=None, wants_full=None):
    """List every job the search finds, reading in full, in ``pool``, each listed job ``wants_full(job)`` accepts.

    Returns a ``Listing`` once every page is in; the full reads may still be on the way.
    """
    listing = Listing(client, pool, wants_full)
    query = dict(queryString=query_string) if query_string else {}
    client.paginate(client.api_path('jobs', 'search'), query=query).each_page(listing.add)
    return listing
