# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Re-authentication when threads share one client (issue 7: found by the soak, tests/reliability).

One new token per request, and one more only when the token refused had worked before: with worker threads, the
token another thread fetched can expire before this thread uses it, and that is an expiry, not a refusal.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


import pytest

from ansible_collections.opsramp.automation.plugins.module_utils.errors import AuthenticationError

TYPES = '/api/v2/tenants/client_1/jobs/types'
SEARCH = '/api/v2/tenants/client_1/jobs/search'


def test_a_token_another_thread_proved_and_that_expired_is_renewed_again(sim, make_client, log):
    client = make_client()
    client.get(TYPES)  # token 1 works
    sim.control.expire_tokens()
    # the retry of the types request (with token 2) waits 1 s before the server looks at its token; meanwhile
    # another thread uses token 2 successfully, then token 2 expires too
    sim.control.add_faults([{'method': 'GET', 'path': '/jobs/types$', 'action': 'delay', 'seconds': 1, 'after': 1}])

    def other_thread():
        client.get(SEARCH)
        sim.control.expire_tokens()

    watcher = sim.control.when_faults_fired(other_thread, count=1, limit=10)
    assert client.get(TYPES)['jobNameAndType']
    watcher.join()
    assert len(log(kind='token')) == 3
    assert [entry['status'] for entry in log(path='/jobs/types')] == [200, 401, 401, 200]


@pytest.mark.parametrize('status', [401, 407])
def test_a_new_token_refused_at_once_still_fails_after_one_renewal(sim, make_client, log, status):
    client = make_client()
    client.get(TYPES)
    sim.control.add_faults([{'method': 'GET', 'path': '/jobs/types$', 'action': 'status', 'status': status,
                             'times': 0}])
    with pytest.raises(AuthenticationError, match='refused a freshly issued token'):
        client.get(TYPES)
    assert len(log(kind='token')) == 2
