# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Lookups answered once per task, whatever the number of threads asking: the memory of a resolver.

A task that names other objects by name (a job's entities by resource name, a custom job's script by its name)
looks each distinct one up once, however many elements of a list name it and however many worker threads ask at the
same time. ``Answers`` keeps each key's answer: the first caller computes it while the others asking for the same key
wait, and a lookup that failed with an ``OpsRampError`` is an answer too, raised to every caller without asking
OpsRamp again.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import threading
from concurrent.futures import ThreadPoolExecutor

from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import OpsRampError


class _Answer:
    """One key's answer, computed once: its value, or the error to raise for it."""

    def __init__(self):
        self.lock = threading.Lock()
        self.done = False  # stays False when the computation raised something unexpected: the next caller tries again
        self.value = None
        self.error = None


class Answers:
    """Each key's answer, computed at most once. Safe to share between threads; ``computed`` counts the
    computations (the lookups OpsRamp saw)."""

    def __init__(self):
        self._lock = threading.Lock()
        self._answers = {}
        self.computed = 0

    def get(self, key, compute):
        """The answer for ``key``: ``compute()``'s value the first time, the same value afterwards. An OpsRampError
        ``compute`` raised is raised again (a copy) to every caller, without computing again."""
        with self._lock:
            answer = self._answers.setdefault(key, _Answer())
        with answer.lock:  # a second thread asking for the same key waits for the first one's answer
            if not answer.done:
                self._compute(answer, compute)
        if answer.error is not None:
            raise copy.copy(answer.error)
        return answer.value

    def _compute(self, answer, compute):
        with self._lock:
            self.computed += 1
        try:
            answer.value = compute()
        except OpsRampError as error:
            answer.error = error
        answer.done = True


def ask_all(ask, questions, workers=1, expected=OpsRampError):
    """Call ``ask(question)`` for each of ``questions``, ``workers`` at a time, so that every answer is known (and
    remembered by the ``Answers`` behind ``ask``) before anything is written. An ``expected`` error (a name that
    finds nothing, say) is left for whoever asks that question again; any other error is raised."""
    questions = list(questions)
    with ThreadPoolExecutor(max_workers=max(1, min(workers, len(questions) or 1))) as pool:
        list(pool.map(lambda question: _asked(ask, question, expected), questions))


def _asked(ask, question, expected):
    try:
        ask(question)
    except expected:
        pass
