# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Lookups answered once per key, whichever thread asks first; an OpsRamp error is an answer too."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import threading
import time

import pytest

from ansible_collections.opsramp.automation.plugins.module_utils._engine.answers import Answers, ask_all
from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import (
    CommunicationError, ObjectLookupError)


class Counter:
    """A lookup that takes a while and counts its calls per key."""

    def __init__(self, delay=0.0, errors=None):
        self.calls = []
        self.delay = delay
        self.errors = errors or {}
        self.lock = threading.Lock()

    def __call__(self, key):
        with self.lock:
            self.calls.append(key)
        time.sleep(self.delay)
        if key in self.errors:
            raise self.errors[key]
        return 'answer-%s' % key


def test_each_key_is_computed_once():
    answers, lookup = Answers(), Counter()
    assert [answers.get(key, lambda key=key: lookup(key)) for key in 'abab'] == ['answer-a', 'answer-b'] * 2
    assert lookup.calls == ['a', 'b'] and answers.computed == 2


def test_threads_asking_for_one_key_wait_for_the_first_answer():
    answers, lookup = Answers(), Counter(delay=0.05)
    barrier, results = threading.Barrier(6), []

    def ask():
        barrier.wait()
        results.append(answers.get('k', lambda: lookup('k')))

    threads = [threading.Thread(target=ask) for dummy in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == ['answer-k'] * 6 and lookup.calls == ['k']


def test_an_opsramp_error_is_an_answer_raised_to_every_caller_as_a_copy():
    failure = ObjectLookupError('no such script')
    answers, lookup = Answers(), Counter(errors={'k': failure})
    raised = []
    for dummy in range(3):
        with pytest.raises(ObjectLookupError) as error:
            answers.get('k', lambda: lookup('k'))
        raised.append(error.value)
    assert lookup.calls == ['k']
    assert all(error is not failure and error.message == 'no such script' for error in raised)


def test_an_unexpected_error_is_no_answer_the_next_caller_tries_again():
    answers, calls = Answers(), []

    def broken():
        calls.append(1)
        raise KeyError('bug')

    for dummy in range(2):
        with pytest.raises(KeyError):
            answers.get('k', broken)
    assert len(calls) == 2


def test_ask_all_answers_every_question_in_a_pool_keeping_expected_errors_for_later():
    answers, lookup = Answers(), Counter(delay=0.05, errors={'x': ObjectLookupError('x')})
    started = time.monotonic()
    ask_all(lambda key: answers.get(key, lambda: lookup(key)), 'abcx', workers=4, expected=ObjectLookupError)
    assert time.monotonic() - started < 0.15  # four at a time, not one after the other
    assert sorted(lookup.calls) == ['a', 'b', 'c', 'x']
    with pytest.raises(ObjectLookupError):
        answers.get('x', lambda: lookup('x'))
    assert len(lookup.calls) == 4


def test_ask_all_raises_an_error_it_does_not_expect():
    lookup = Counter(errors={'b': CommunicationError('connection refused')})
    with pytest.raises(CommunicationError):
        ask_all(lookup, 'ab', workers=1, expected=ObjectLookupError)
    ask_all(lookup, [], workers=3)
