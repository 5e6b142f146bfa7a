# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The Jobs API v2: the requests that read and write scheduled jobs, over a ``Client``, and what to do when a write's
answer leaves its outcome unknown (a create is never sent twice; an update or delete that may have run says so).

Paths are relative to ``/api/v2/tenants/<tenant_id>``. "api-behaviour §N" is section N of docs/api-behaviour.md.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.opsramp.automation.plugins.module_utils._http.paginator import PAGE_SIZE
from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import (
    ApiError,
    CommunicationError,
    ObjectLookupError,
    OpsRampError,
    is_not_found,
    may_have_been_applied,
)

# The spec's default sort key, ascending: oldest first if OpsRamp sorts ids by age (api-behaviour §19); the spec's
# default direction is descending.
OLDEST_FIRST = dict(sortName='id', isDescendingOrder='false')


def get_job(client, job_id):
    """The job with id ``job_id``, or None when OpsRamp says there is none."""
    try:
        return client.get(client.api_path('jobs', job_id))
    except ApiError as error:
        if is_not_found(error):
            return None
        raise


def search_jobs(client, query_string=None, page_size=PAGE_SIZE, oldest_first=False):
    """Every search result (all pages) of ``/jobs/search``; results omit ``entities`` (api-behaviour §4).

    ``oldest_first`` asks for ``OLDEST_FIRST``; otherwise the request leaves the order to OpsRamp's defaults.
    """
    query = dict(OLDEST_FIRST) if oldest_first else {}
    if query_string:
        query['queryString'] = query_string
    return client.paginate(client.api_path('jobs', 'search'), query=query, page_size=page_size)


def find_jobs_by_name(client, name):
    """The search results whose name is exactly ``name`` (case-sensitive).

    ``queryString=name:<name>`` is only a hint: its matching rules for jobs are undocumented and the server may
    ignore it or match substrings (api-behaviour §4), so every result is checked here.
    """
    return [job for job in search_jobs(client, 'name:%s' % name) if isinstance(job, dict) and job.get('name') == name]


def find_job(client, job_id=None, name=None):
    """The full job named by id (one GET) or by unique name (search, then GET); None when there is none.

    Raises ObjectLookupError when several jobs share the name.
    """
    if job_id:
        return get_job(client, job_id)
    if not name:
        raise ObjectLookupError('give the id or the name of the job')
    matches = find_jobs_by_name(client, name)
    if not matches:
        return None
    if len(matches) > 1:
        ids = ', '.join(str(job.get('id')) for job in matches)
        raise ObjectLookupError("%d jobs are named '%s' (ids %s): give id to choose one" % (len(matches), name, ids))
    job = get_job(client, matches[0]['id'])
    if job is None:
        raise ObjectLookupError("the job named '%s' (id %s) disappeared while it was being read; run the task again"
                                % (name, matches[0]['id']))
    return job


def _ids_named(client, name):
    return set(job.get('id') for job in find_jobs_by_name(client, name))


def create_job(client, payload, known_ids=None):
    """Create a job and return it as OpsRamp stored it.

    A create is never sent twice. When it fails in a way that may have stored it (timeout, broken connection, 5xx),
    look for a job of that name that was not among ``known_ids`` (the ids of jobs already carrying that name, looked
    up here first when not given): if exactly one appeared, it is the one this request created.
    """
    name = payload.get('name')
    if known_ids is None and name:
        known_ids = _ids_named(client, name)
    path = client.api_path('jobs')
    try:
        answer = client.post(path, payload)
    except (CommunicationError, ApiError) as error:
        if not may_have_been_applied(error) or not name:
            raise
        failure = error
    else:
        if _is_job(answer) or not name:
            return answer
        # OpsRamp answers a create with the stored job (api-behaviour §2); without it, whether it was stored is unknown
        failure = CommunicationError('OpsRamp answered POST %s without the job (%s)' % (path, _describe_answer(answer)),
                                     maybe_applied=True)
    return _recover_create(client, name, set(known_ids or ()), failure)


def _is_job(answer):
    return isinstance(answer, dict) and answer.get('id') not in (None, '')


def _describe_answer(answer):
    if answer is None:
        return 'an empty body'
    return 'a JSON %s without an id' % type(answer).__name__.replace('dict', 'object').replace('list', 'array')


def _recover_create(client, name, known_ids, failure):
    try:
        new_jobs = [job for job in find_jobs_by_name(client, name) if job.get('id') not in known_ids]
    except OpsRampError as lookup_error:
        raise failure.with_message("%s; the job '%s' may or may not have been created, and looking for it failed "
                                   "too (%s): check OpsRamp for a job of that name before running the task again"
                                   % (failure.message, name, lookup_error.message)) from None
    if not new_jobs:
        # "yet": a server may still store a request it answered late; the rerun looks the name up before creating
        raise failure.with_message("%s; the job '%s' was not created so far (no job of that name exists yet): it is "
                                   "safe to run the task again, which looks for the job by name before creating it"
                                   % (failure.message, name), maybe_applied=False) from None
    if len(new_jobs) > 1:
        ids = ', '.join(str(job.get('id')) for job in new_jobs)
        raise failure.with_message("%s; meanwhile %d new jobs named '%s' appeared (ids %s): check them in OpsRamp"
                                   % (failure.message, len(new_jobs), name, ids)) from None
    job_id = new_jobs[0].get('id')
    client.warn("the create request failed (%s) but the job was stored; using it (id %s)" % (failure.message, job_id))
    return get_job(client, job_id) or new_jobs[0]


def update_job(client, job_id, payload, not_stored=None):
    """Replace job ``job_id`` with ``payload`` (a whole job; its ``id`` is set to ``job_id``) and return it.

    When OpsRamp answers without the job, it is read back; ``not_stored(job)``, when given, names the paths that the
    job read back does not hold as sent (the caller knows which ones it manages), and any such path fails the update.
    """
    body = dict(payload, id=job_id)
    path = client.api_path('jobs', job_id)
    try:
        answer = client.post(path, body)
    except (CommunicationError, ApiError) as error:
        if is_not_found(error) and _is_gone(client, job_id):
            raise ObjectLookupError('job %s was deleted while this task was updating it (%s): nothing was changed; run '
                                    'the task again to create it anew' % (job_id, error.message)) from None
        if not may_have_been_applied(error):
            raise
        raise error.with_message('%s; the update of job %s may or may not have been applied: running the task '
                                 'again will converge' % (error.message, job_id)) from None
    if _is_job(answer):
        return answer
    # OpsRamp answers an update with the stored job (api-behaviour §2): without it, read the job back and check it
    return _read_back_update(client, job_id, not_stored, 'OpsRamp answered POST %s without the job (%s)'
                             % (path, _describe_answer(answer)))


def _is_gone(client, job_id):
    """True when OpsRamp says job ``job_id`` does not exist; False when it does or when asking fails."""
    try:
        return get_job(client, job_id) is None
    except OpsRampError:
        return False


def _read_back_update(client, job_id, not_stored, what_happened):
    try:
        stored = get_job(client, job_id)
    except OpsRampError as error:
        raise CommunicationError('%s, and reading the job back failed (%s): the update may or may not have been '
                                 'applied: running the task again will converge' % (what_happened, error.message),
                                 maybe_applied=True) from None
    if stored is None:
        raise ObjectLookupError('%s, and job %s no longer exists: it was deleted meanwhile; run the task again to create '
                                'it anew' % (what_happened, job_id))
    missing = not_stored(stored) if not_stored is not None else []
    if missing:
        raise CommunicationError('%s, and job %s as read back does not hold %s as sent: the update was not applied, '
                                 'or not completely; running the task again will converge'
                                 % (what_happened, job_id, ', '.join(missing)), maybe_applied=True)
    return stored


def delete_job(client, job_id):
    """Delete job ``job_id``: True if this run deleted it, False if it was already gone.

    A delete re-sent after an attempt that may have run (it timed out, its connection broke, a 5xx) and then told
    "not found" was most likely deleted by that attempt: True.
    """
    try:
        client.delete(client.api_path('jobs', job_id))
    except ApiError as error:
        if is_not_found(error):
            return error.earlier_attempt_maybe_applied
        raise
    return True


def list_job_types(client):
    """The job types the tenant offers, as ``[{'name': jobName, 'type': jobtype}]`` (api-behaviour §5)."""
    body = client.get(client.api_path('jobs', 'types'))
    if isinstance(body, dict):
        body = body.get('jobNameAndType') or []
    types = []
    for item in body or []:
        if isinstance(item, dict):
            types.append(dict(name=item.get('jobName'), type=item.get('jobtype', item.get('jobType'))))
    return types


def run_job(client, job_id, reason):
    """Start job ``job_id`` now. A GET with a JSON body (api-behaviour §1) that has an effect: never re-sent blindly."""
    try:
        return client.request('GET', client.api_path('jobs', job_id, 'run'), body=dict(reason=reason),
                              idempotent=False)
    except (CommunicationError, ApiError) as error:
        if not may_have_been_applied(error):
            raise
        raise error.with_message('%s; job %s may or may not have been started: check its runs in OpsRamp before '
                                 'starting it again' % (error.message, job_id)) from None
