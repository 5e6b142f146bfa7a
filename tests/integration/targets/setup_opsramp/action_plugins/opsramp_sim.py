# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Test-only action: one request to the simulator's control API (``/_sim``), sent by the controller itself.

The targets reset, seed and observe the simulator some 700 times. With ansible.builtin.uri each of those is a module:
a new Python process that loads Ansible's module code, about a quarter of a second of CPU. Here it is a plain HTTP
request from the controller. It takes the options of uri's that the targets use, ``url``, ``method`` (GET) and
``body`` (always sent as JSON), fails on any answer but 200, and returns the keys of uri's they read: ``status`` and
``json``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
from urllib.error import HTTPError

from ansible.errors import AnsibleActionFail
from ansible.module_utils.urls import open_url
from ansible.plugins.action import ActionBase

TIMEOUT = 60


class ActionModule(ActionBase):
    TRANSFERS_FILES = False
    _requires_connection = False

    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        args = self._task.args
        url = args.get('url')
        if not url:
            raise AnsibleActionFail("opsramp_sim: missing required option 'url'")
        method = args.get('method', 'GET')
        status, content = self._send(url, method, args.get('body'))
        result.update(changed=False, status=status, json=json.loads(content) if content else None)
        if status != 200:
            result.update(failed=True, msg='%s %s answered %s: %s' % (method, url, status, content[:500]))
        return result

    @staticmethod
    def _send(url, method, body):
        data = None if body is None else json.dumps(body)
        headers = {'Content-Type': 'application/json'} if data is not None else {}
        try:
            response = open_url(url, method=method, data=data, headers=headers, timeout=TIMEOUT)
            return response.getcode(), response.read().decode('utf-8')
        except HTTPError as error:
            return error.code, error.read().decode('utf-8')
