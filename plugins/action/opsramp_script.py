# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""opsramp_script's action plugin: reads ``src`` on the controller, as ansible.builtin.copy finds its ``src``, and
passes the file to the module as ``content`` (and its base name as ``file_name``, unless the task gives one)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os

from ansible.errors import AnsibleActionFail, AnsibleError
from ansible.module_utils.common.text.converters import to_text
from ansible.plugins.action import ActionBase


class ActionModule(ActionBase):

    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        module_args = dict(self._task.args)
        src = module_args.pop('src', None)
        if src is not None:
            given = [option for option in ('command', 'content') if module_args.get(option) is not None]
            if given:
                raise AnsibleActionFail('src, %s: give only one of command, src and content' % ', '.join(given))
            module_args['content'] = self._read(src)
            module_args.setdefault('file_name', os.path.basename(src))
        result.update(self._execute_module(module_name='opsramp.automation.opsramp_script', module_args=module_args,
                                           task_vars=task_vars))
        return result

    def _read(self, src):
        try:
            path = self._find_needle('files', src)
        except AnsibleError as error:
            raise AnsibleActionFail('src: %s' % to_text(error))
        try:
            with open(path, 'rb') as handle:
                return handle.read().decode('utf-8')
        except UnicodeDecodeError:
            raise AnsibleActionFail('src: %s is not UTF-8 text; OpsRamp takes a script as text' % src)
        except (IOError, OSError) as error:
            raise AnsibleActionFail('src: cannot read %s: %s' % (src, to_text(error)))
