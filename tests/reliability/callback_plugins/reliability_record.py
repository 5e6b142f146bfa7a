# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Test-only callback: write every task result as one JSON line, with the simulator requests it caused.

Enabled by the reliability suite (tests/reliability), never shipped: ``RELIABILITY_RECORD`` names the output file;
when ``RELIABILITY_SIM_URL`` is set, each record also carries the simulator's request log since the previous record
(read and cleared through the control API, which the simulator neither logs nor counts).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
name: reliability_record
type: notification
short_description: Record task results for the reliability tests
description:
  - Writes each task result as a JSON line to the file named by the E(RELIABILITY_RECORD) environment variable.
requirements:
  - enabled in the configuration (callbacks_enabled)
'''

import json
import os
import ssl
import time

from urllib.request import urlopen

from ansible.plugins.callback import CallbackBase

IDLE_WAIT = 30.0


def _plain(value):
    """``value`` as plain JSON data (Ansible 2.19 hands callbacks tagged str/dict/list subclasses)."""
    if isinstance(value, dict):
        return dict((str(key), _plain(item)) for key, item in value.items())
    if isinstance(value, (list, tuple, set)):
        return [_plain(item) for item in value]
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    return str(value)


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = 'notification'
    CALLBACK_NAME = 'reliability_record'
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self, *args, **kwargs):
        super(CallbackModule, self).__init__(*args, **kwargs)
        self._path = os.environ.get('RELIABILITY_RECORD')
        self._sim_url = os.environ.get('RELIABILITY_SIM_URL')

    def _control(self, path):
        context = None
        if self._sim_url.startswith('https:'):
            context = ssl._create_unverified_context()  # pylint: disable=protected-access  # nosec - loopback simulator
        with urlopen(self._sim_url.rstrip('/') + '/_sim/' + path, timeout=30, context=context) as response:  # nosec
            return json.loads(response.read().decode('utf-8') or 'null')

    def _simulator_requests(self):
        """The requests logged since the last record, once none is in flight (a request the module gave up on, in a
        delay fault, is logged when the simulator answers it): so each request is charged to the task that sent it."""
        if not self._sim_url:
            return None
        deadline = time.time() + IDLE_WAIT
        while self._control('stats').get('in_flight') and time.time() < deadline:
            time.sleep(0.02)
        return self._control('requests?clear=true') or []

    def _record(self, result, status):
        if not self._path:
            return
        try:
            data = result.result
            task, host = result.task, result.host
        except AttributeError:  # ansible-core before 2.19
            data, task, host = result._result, result._task, result._host  # pylint: disable=protected-access
        record = dict(task=task.get_name(), action=task.action, host=host.get_name(), status=status,
                      result=_plain(data), time=time.time())
        requests = self._simulator_requests()
        if requests is not None:
            record['requests'] = requests
        with open(self._path, 'a') as handle:
            handle.write(json.dumps(record, sort_keys=True) + '\n')

    def v2_runner_on_ok(self, result):
        self._record(result, 'ok')

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._record(result, 'failed')

    def v2_runner_on_skipped(self, result):
        self._record(result, 'skipped')

    def v2_runner_on_unreachable(self, result):
        self._record(result, 'unreachable')
