# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""_engine/linked.py over a tenant in memory (engine_support.FakeClient records every request), with a used resource
that is not an RBA script: widgets, which the jobs name the way a custom job names its script. What it writes, in
which order, what prune of the used objects spares, and what it reports (tests/component runs scripts and jobs over
HTTP)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.opsramp.automation.plugins.module_utils._engine import bulk, linked
from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import ApiError
from ansible_collections.opsramp.automation.plugins.module_utils._jobs.adapter import JOBS

from ansible_collections.opsramp.automation.tests.unit.plugins.module_utils._engine.engine_support import (
    START, WIDGETS, FakeClient, stored_job, stored_widget)


def job_naming(job_id, name, widget_id):
    """A stored job that names ``widget_id`` as a custom job names its script (``script.customScript.id``)."""
    return stored_job(job_id, name, script={'jobType': 'custom', 'customScript': {'id': widget_id}})


def job_element(name):
    return dict(name=name, job_type='adCheckList', schedule=dict(type='weekly', week_days=['mon'], start_date=START))


def run(client, widgets, jobs, check_mode=False, prune_prefix='team-'):
    widget_options = bulk.Options(prune=True, prune_prefix=prune_prefix, check_mode=check_mode, want_diff=True)
    return linked.reconcile_linked(WIDGETS, JOBS, client, (widgets, jobs),
                                   (widget_options, bulk.Options(check_mode=check_mode, want_diff=True)))


def tenant():
    return FakeClient(widgets=[stored_widget('w-1', 'team-named'), stored_widget('w-2', 'team-unused'),
                               stored_widget('w-3', 'other-unused')],
                      jobs=[job_naming('j-1', 'their-job', 'w-1'), stored_job('j-2', 'plain')])


@pytest.mark.parametrize('check_mode', [False, True])
def test_prune_spares_the_used_objects_a_job_still_names_and_says_so(check_mode):
    client = tenant()

    result = run(client, [dict(name='team-new', size=3)], [job_element('nightly')], check_mode=check_mode)

    assert result['widgets']['created'] == ['team-new']
    assert result['widgets']['deleted'] == ['team-unused']
    assert result['widgets'][bulk.KEPT] == ['team-named']
    assert result['created'] == ['nightly'] and result['changed'] is True
    assert client.warnings == ["widget 'team-named' (id w-1) is no longer in widgets, but prune keeps it: jobs still "
                               "name it: 'their-job'"]
    held = sorted(widget['name'] for widget in client.objects('widgets'))
    if check_mode:
        assert client.writes() == []
        assert held == ['other-unused', 'team-named', 'team-unused']
    else:
        assert [(method, path) for method, path, _query in client.writes()] == [
            ('POST', '/widgets'), ('POST', '/jobs'), ('DELETE', '/widgets/w-2')]  # used, users, then prune
        assert held == ['other-unused', 'team-named', 'team-new']


def test_the_result_is_the_jobs_result_with_the_widgets_beside_it():
    result = run(tenant(), [dict(name='team-named', size=2)], [], prune_prefix='nobody-')

    assert sorted(result) == sorted(['changed', 'created', 'updated', 'deleted', 'unchanged', 'errors', 'diff', 'diffs',
                                     'job_results', 'widget_results', 'widgets'])
    assert sorted(result['widgets']) == sorted(['created', 'updated', 'deleted', 'unchanged', 'errors', 'diffs', bulk.KEPT])
    assert result['widgets']['unchanged'] == ['team-named'] and result['widgets'][bulk.KEPT] == []
    assert 'changed' not in result['widgets'] and result['changed'] is False
    assert [entry['name'] for entry in result['widget_results']] == ['team-named']


def test_a_failed_job_stops_prune_of_the_used_objects():
    client = tenant()
    client.fail(('POST', '/jobs'), ApiError('OpsRamp API error 500: boom', status=500, path='/jobs'))

    with pytest.raises(bulk.BulkReconcileError) as raised:
        run(client, [], [job_element('nightly')])

    assert raised.value.details['widgets']['deleted'] == []
    assert raised.value.details['widgets'][bulk.KEPT] == ['team-named', 'team-unused']
    assert client.warnings[-1] == ("widget 'team-unused' (id w-2) is no longer in widgets, but prune keeps it: prune "
                                   "deletes no widget when 1 job failed, so what the jobs name is not known")
    assert [method for method, _path, _query in client.writes()] == ['POST']  # the failed create only
    assert "nightly" in raised.value.message


def test_a_warning_names_at_most_five_users():
    assert linked._names(['a', 'b']) == "'a', 'b'"
    assert linked._names(list('abcdefg')) == "'a', 'b', 'c', 'd', 'e' and 2 more"
