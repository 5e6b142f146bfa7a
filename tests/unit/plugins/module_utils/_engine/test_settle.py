# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""_engine/settle.py: concurrent creates of one name. The rule (``choose``, no server) with every interleaving of
runs; the search, the deletes and the warnings around it (``settle``) for widgets over a tenant in memory (over real
HTTP in tests/component). api-behaviour §19 gives the reasoning."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime

import pytest

from ansible_collections.opsramp.automation.plugins.module_utils._engine import settle
from ansible_collections.opsramp.automation.plugins.module_utils._engine.settle import choose, choose_all
from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import ApiError

from ansible_collections.opsramp.automation.tests.unit.plugins.module_utils._engine.engine_support import (
    WIDGETS, FakeClient, search, stored_widget)

A, B, C, D = ('%s0000000-0000-4000-8000-000000000000' % digit for digit in '1234')


def job(job_id, name='nightly', **fields):
    return dict(id=job_id, name=name, **fields)


# ---------------------------------------------------------------------------------------------------- the rule

@pytest.mark.parametrize('own, listed, survivor, others', [
    (A, [job(A)], A, []),                                          # nobody else: keep, no warning
    (B, [job(A), job(B)], A, [A]),                                 # the other came first: give way
    (A, [job(A), job(B)], A, [B]),                                 # this run came first: keep
    (C, [job(B), job(A), job(C)], B, [B, A]),                      # three runs: the first of the answer
    (B, [job(A, 'other'), job(C), job(B)], C, [C]),                # other names do not count
    (B, [job(A, 'Nightly'), job(B)], B, []),                       # names are case-sensitive
])
def test_the_first_copy_in_the_answer_survives(own, listed, survivor, others):
    decision = choose('nightly', own, listed)
    assert (decision.survivor_id, decision.other_ids, decision.seen) == (survivor, others, True)
    assert decision.keeps_own is (survivor == own)
    assert decision.contested is bool(others)


def test_creation_times_win_over_the_answer_order():
    listed = [job(A, createdTime='2030-01-01T10:00:05+0000'), job(B, createdTime='2030-01-01T10:00:04+0000')]
    assert choose('nightly', A, listed).survivor_id == B


@pytest.mark.parametrize('times, survivor', [
    (('2030-01-01T10:00:05+0000', '2030-01-01T10:00:05+0000'), A),  # a tie: the answer's order
    (('2030-01-01T10:00:05+0000', None), A),                        # not every copy has one: the answer's order
    (('2030-01-01T10:00:05+0000', 'garbage'), A),                   # unreadable: the answer's order
    (('2030-01-01T10:00:05Z', '2030-01-01T10:00:04.500Z'), B),
    ((1893492005000, 1893492004000), B),                            # epoch milliseconds
])
def test_creation_time_ties_and_gaps_fall_back_to_the_answer_order(times, survivor):
    listed = [job(A, createdTime=times[0]), job(B, createdTime=times[1])]
    assert choose('nightly', B, listed).survivor_id == survivor


def test_created_date_is_read_too():
    moment = settle.created_time(job(A, createdDate='2030-01-01T10:00:05+0000'))
    assert moment == datetime.datetime(2030, 1, 1, 10, 0, 5, tzinfo=datetime.timezone.utc)


def test_own_copy_missing_from_the_answer_is_kept():
    decision = choose('nightly', B, [job(A)])
    assert (decision.seen, decision.keeps_own, decision.other_ids) == (False, True, [A])


def test_decide_all_uses_one_answer_for_every_name():
    listed = [job(A, 'x'), job(B, 'y'), job(C, 'x'), job(D, 'y')]
    decisions = choose_all({'x': C, 'y': B}, iter(listed))
    assert decisions['x'].survivor_id == A and not decisions['x'].keeps_own
    assert decisions['y'].survivor_id == B and decisions['y'].keeps_own


# ---------------------------------------------------------------------------------------------------- interleavings
# A model of N runs on one name. Each run: look the name up (create nothing if a job is there), create, search,
# delete its copy if it lost. Every interleaving of those steps must end with one job, the first created, that every
# run reports; no run may delete a job it did not create.

STEPS = ('lookup', 'create', 'search', 'delete')


class Server:
    def __init__(self, ids, order, with_times, time_of=None, existing=None):
        self.ids = list(ids)            # the id the k-th create gets
        self.order = order              # 'created' or 'by_id' (what OpsRamp's answer order may be)
        self.with_times = with_times
        self.time_of = time_of or (lambda k: k)
        self.jobs = list(existing or [])
        self.creates = 0

    def create(self):
        job_id = self.ids[self.creates]
        fields = {'createdTime': 1893492000 + self.time_of(self.creates)} if self.with_times else {}
        self.jobs.append(job(job_id, **fields))
        self.creates += 1
        return job_id

    def search(self):
        return sorted(self.jobs, key=lambda j: j['id']) if self.order == 'by_id' else list(self.jobs)


class Run:
    def __init__(self):
        self.found = self.own = self.decision = None
        self.refused = False
        self.deleted = []

    def step(self, server, step):
        if step == 'lookup':
            matches = [j['id'] for j in server.jobs if j['name'] == 'nightly']
            # a lookup inside the moment two copies exist fails as for a real duplicate, before any write
            self.refused = len(matches) > 1
            self.found = matches[0] if len(matches) == 1 else None
        elif self.found is not None or self.refused:
            return
        elif step == 'create':
            self.own = server.create()
        elif step == 'search':
            self.decision = choose('nightly', self.own, server.search())
        elif not self.decision.keeps_own:
            server.jobs = [j for j in server.jobs if j['id'] != self.own]
            self.deleted.append(self.own)

    @property
    def reported(self):
        return self.found if self.found is not None else self.decision.survivor_id


def interleavings(runs, steps=len(STEPS)):
    """Every order of ``runs`` x ``steps`` steps that keeps each run's own steps in order (as run indices)."""
    def extend(prefix, left):
        if not any(left):
            yield prefix
            return
        for index, count in enumerate(left):
            if count:
                yield from extend(prefix + [index], left[:index] + [count - 1] + left[index + 1:])
    return extend([], [steps] * runs)


def play(schedule, server):
    runs = [Run() for dummy in set(schedule)]
    progress = [0] * len(runs)
    for index in schedule:
        runs[index].step(server, STEPS[progress[index]])
        progress[index] += 1
    return runs


def outcome_problems(runs, server, first_id):
    problems = []
    names = [j['id'] for j in server.jobs if j['name'] == 'nightly']
    if names != [first_id]:
        problems.append('left %s, expected [%s]' % (names, first_id))
    if any(run.reported != first_id for run in runs if not run.refused):
        problems.append('reported %s' % [run.reported for run in runs])
    if any(deleted != run.own for run in runs for deleted in run.deleted):
        problems.append('a run deleted a job it did not create')
    return problems


ASCENDING = [A, B, C]     # ids sort like the creates' order
DESCENDING = [C, B, A]    # ids sort against it: a random UUID can do either


@pytest.mark.parametrize('runs', [2, 3])
@pytest.mark.parametrize('order, with_times, ids', [
    ('created', False, DESCENDING),    # the answer lists jobs oldest first
    ('created', False, ASCENDING),
    ('by_id', True, DESCENDING),       # sorted by random ids, but every job has a creation time
])
def test_every_interleaving_ends_with_the_first_copy(runs, order, with_times, ids):
    count = refused = 0
    for schedule in interleavings(runs):
        server = Server(ids, order, with_times)
        played = play(schedule, server)
        assert outcome_problems(played, server, ids[0]) == [], schedule
        count += 1
        refused += any(run.refused for run in played)
    assert count == {2: 70, 3: 34650}[runs]
    # two runs never see two copies at lookup; a third run may, if it looks up between a create and a delete
    assert (refused == 0) is (runs == 2)


def test_a_job_that_existed_before_keeps_its_id_and_nobody_creates():
    for schedule in interleavings(3):
        server = Server(ASCENDING, 'created', False, existing=[job(D)])
        played = play(schedule, server)
        assert server.creates == 0 and outcome_problems(played, server, D) == []


def test_ids_alone_cannot_say_which_copy_came_first():
    """Why the rule needs creation order: with the answer sorted by random ids and no creation time, a run whose
    search saw only its own copy keeps it, and the other run, whose copy has the smaller id, keeps its own too."""
    failing = [schedule for schedule in interleavings(2)
               if outcome_problems(play(schedule, Server(DESCENDING, 'by_id', False)), Server(DESCENDING, 'by_id', False), C)]
    assert failing
    server = Server(DESCENDING, 'by_id', False)
    play([0, 0, 0, 0, 1, 1, 1, 1], server)  # one run after the other: the second finds the first's job
    assert [j['id'] for j in server.jobs] == [C]
    server = Server(DESCENDING, 'by_id', False)
    play([0, 1, 0, 0, 0, 1, 1, 1], server)  # run 0 searched before run 1 created
    assert sorted(j['id'] for j in server.jobs) == [B, C]


def test_same_second_creation_times_fall_back_to_the_answer_order():
    for schedule in interleavings(2):
        server = Server(DESCENDING, 'created', True, time_of=lambda k: 0)
        assert outcome_problems(play(schedule, server), server, C) == [], schedule


@pytest.mark.parametrize('value, moment', [
    ('2030-01-01T10:00:05+0000', (2030, 1, 1, 10, 0, 5)),
    ('2030-01-01T10:00:05.250Z', (2030, 1, 1, 10, 0, 5, 250000)),
    ('2030-01-01 11:00:05+0100', (2030, 1, 1, 10, 0, 5)),
    (1893492005, (2030, 1, 1, 10, 0, 5)),         # epoch seconds
    (1893492005000, (2030, 1, 1, 10, 0, 5)),      # epoch milliseconds
    (True, None), ('yesterday', None), ('', None),
])
def test_created_time_readings(value, moment):
    found = settle.created_time(dict(createdTime=value))
    expected = datetime.datetime(*moment, tzinfo=datetime.timezone.utc) if moment else None
    assert found == expected


def test_created_time_prefers_created_time_and_needs_one():
    assert settle.created_time(dict(createdTime=1893492005, createdDate=1)).year == 2030
    assert settle.created_time(dict(name='x')) is None


# ---------------------------------------------------------------------------------------------------- the search
# The search, deletes and warnings around the rule, for a resource that is not a job.

W1, W2, W3 = 'w-1', 'w-2', 'w-3'
COPIES = search('widgets', oldest='first')


def tenant(*widgets):
    return FakeClient(widgets=[stored_widget(widget_id, name, size=size) for widget_id, name, size in widgets])


def test_nothing_created_is_nothing_to_search():
    client = tenant()
    assert settle.settle(WIDGETS, client, {}) == {} and client.requests == []


def test_a_copy_nobody_else_made_stays_without_a_word():
    client = tenant((W1, 'a', 2))
    settled = settle.settle(WIDGETS, client, {'a': W1})
    assert settled['a'].keeps_own and not settled['a'].contested and settled['a'].survivor is None
    assert client.requests == [COPIES] and client.warnings == []


def test_the_first_copy_stays_and_says_the_other_run_deletes_its_own():
    client = tenant((W1, 'a', 2), (W2, 'a', 2))
    settled = settle.settle(WIDGETS, client, {'a': W1})
    assert settled['a'].keeps_own and settled['a'].other_ids == [W2] and client.writes() == []
    assert client.warnings == ["widget 'a': another run working at the same time created it too (id w-2); this run's "
                               "widget (id w-1) was created first and stays; the other run deletes its copy"]


def test_a_second_copy_gives_way_and_says_where_the_survivor_differs():
    client = tenant((W1, 'a', 5), (W2, 'a', 2), (W3, 'b', 2))
    desired = {'a': WIDGETS.model.desired(dict(name='a', size=2, shape='round'))}
    settled = settle.settle(WIDGETS, client, {'a': W2, 'b': W3}, desired)
    assert (settled['a'].survivor_id, settled['a'].survivor['size'], settled['a'].differences) == (W1, 5, ['size'])
    assert settled['b'].keeps_own
    assert client.requests == [COPIES, ('DELETE', '/widgets/w-2', None), ('GET', '/widgets/w-1', None)]
    assert [widget['id'] for widget in client.objects('widgets')] == [W1, W3]
    assert client.warnings == [
        "widget 'a': another run working at the same time created it too, first (id w-1); this run deleted its own "
        "copy (id w-2) and reports w-1; that widget differs from this task in size: the next run of this task "
        "applies them"]


def test_without_a_desired_state_or_a_readable_survivor_no_differences_are_told():
    client = tenant((W1, 'a', 5), (W2, 'a', 2))
    client.fail(('GET', '/widgets/w-1'), ApiError('OpsRamp API error 503', status=503))
    settled = settle.settle(WIDGETS, client, {'a': W2}, {'a': {'size': 2}})
    assert (settled['a'].survivor, settled['a'].differences, settled['a'].error) == (None, [], None)
    assert client.warnings[0].endswith('this run deleted its own copy (id w-2) and reports w-1')
    client = tenant((W1, 'a', 5), (W2, 'a', 2))
    assert settle.settle(WIDGETS, client, {'a': W2})['a'].differences == []
    assert client.warnings[0].endswith('reports w-1')


def test_a_copy_the_search_does_not_show_is_kept():
    client = tenant((W1, 'a', 2), (W2, 'a', 2))
    client.unlisted.add(W2)
    settled = settle.settle(WIDGETS, client, {'a': W2})
    assert not settled['a'].seen and settled['a'].keeps_own and client.writes() == []
    assert client.warnings == ["widget 'a': the check for copies created at the same time by other runs did not show "
                               "this run's widget (id w-2); it is kept"]


def test_a_failed_delete_is_the_settlement_s_error():
    client = tenant((W1, 'a', 2), (W2, 'a', 2))
    client.fail(('DELETE', '/widgets/w-2'), ApiError('OpsRamp API error 403', status=403))
    settled = settle.settle(WIDGETS, client, {'a': W2})
    assert settled['a'].error == ("another run working at the same time created widget 'a' too, first (id w-1); "
                                  "deleting this run's copy (id w-2) failed (OpsRamp API error 403): delete it in "
                                  "OpsRamp and keep w-1")
    assert settled['a'].survivor is None and client.warnings == [] and len(client.objects('widgets')) == 2


def test_a_failed_search_leaves_the_creates_standing_with_a_warning():
    client = tenant((W1, 'b', 2), (W2, 'a', 2))
    client.fail(COPIES, ApiError('OpsRamp API error 503', status=503))
    assert settle.settle(WIDGETS, client, {'b': W1, 'a': W2}) == {}
    assert client.warnings == ["could not check whether runs working at the same time created 'a', 'b' too (OpsRamp "
                               "API error 503); if one did, the next run reports the duplicate"]
    assert client.writes() == []
