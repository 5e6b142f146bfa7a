# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""opsramp_script's action plugin: reads ``src`` on the controller, as ansible.builtin.copy finds its ``src``, and
passes the file to the module as ``content`` (and its base name as ``file_name``, unless the task gives one)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.opsramp.automation.plugins.plugin_utils.script_source import ScriptSourceAction


class ActionModule(ScriptSourceAction):

    MODULE = 'opsramp.automation.opsramp_script'

    def module_args(self, args):
        return self.with_content(args)
