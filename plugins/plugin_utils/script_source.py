# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A script's ``src`` read on the Ansible controller, for the action plugins of opsramp_script and opsramp_jobs.

A module runs where it cannot read the controller's files, so the action plugin finds ``src`` as
ansible.builtin.copy finds its ``src`` (a role's ``files/``, the playbook's, or an absolute path), reads it as UTF-8
text, and passes the module ``content`` instead, with the file's base name as ``file_name`` unless the task gives one.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os

from ansible.errors import AnsibleActionFail, AnsibleError, AnsibleFileNotFound
from ansible.module_utils.common.text.converters import to_text
from ansible.plugins.action import ActionBase
from ansible.utils.vars import merge_hash


class ScriptSourceAction(ActionBase):
    """Runs ``MODULE`` with the arguments ``module_args`` gives; async as the module itself would."""

    MODULE = None
    _supports_async = True

    def run(self, tmp=None, task_vars=None):
        result = super(ScriptSourceAction, self).run(tmp, task_vars)
        wrap_async = self._task.async_val and not self._connection.has_native_async
        result = merge_hash(result, self._execute_module(module_name=self.MODULE, module_args=self.module_args(
            dict(self._task.args)), task_vars=task_vars, wrap_async=wrap_async))
        if not wrap_async:
            self._remove_tmp_path(self._connection._shell.tmpdir)
        return result

    def module_args(self, args):
        """The module's arguments, from the task's."""
        return args

    def with_content(self, options, prefix='', label=None):
        """``options`` (a script's) with its ``src`` read into ``content``; ``prefix`` (``scripts[2].``) and
        ``label`` (the element's, in parentheses) go into messages."""
        options = dict(options)
        src = options.pop('src', None)
        if src is None:
            return options
        given = [name for name in ('command', 'content') if options.get(name) is not None]
        if given:
            self._fail(', '.join(prefix + name for name in ['src'] + given),
                       'give only one of command, src and content', label)
        options['content'] = self._read(src, prefix + 'src', label)
        if options.get('file_name') is None:
            options['file_name'] = os.path.basename(src)
        return options

    def _read(self, src, option, label):
        try:
            path = self._find_needle('files', src)
        except AnsibleFileNotFound as error:  # its own text suggests remote_src, which no module here has
            self._fail(option, "cannot find '%s' on the Ansible controller; looked for %s" % (
                src, ', '.join(error.paths or []) or 'it'), label)
        except AnsibleError as error:
            self._fail(option, to_text(error), label)
        try:
            with open(path, 'rb') as handle:
                return handle.read().decode('utf-8')
        except UnicodeDecodeError:
            self._fail(option, '%s is not UTF-8 text; OpsRamp takes a script as text' % src, label)
        except (IOError, OSError) as error:
            self._fail(option, 'cannot read %s: %s' % (src, to_text(error)), label)

    @staticmethod
    def _fail(option, problem, label=None):
        raise AnsibleActionFail('%s: %s%s' % (option, problem, ' (%s)' % label if label else ''))
