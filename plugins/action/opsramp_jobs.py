# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""opsramp_jobs' action plugin: reads each ``scripts[].src`` on the controller, as opsramp_script's does, and passes
the file to the module as that element's ``content``. The task's other arguments, ``jobs`` among them, pass as given."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.opsramp.automation.plugins.module_utils._engine.options import element_label
from ansible_collections.opsramp.automation.plugins.plugin_utils.script_source import ScriptSourceAction


class ActionModule(ScriptSourceAction):

    MODULE = 'opsramp.automation.opsramp_jobs'

    def module_args(self, args):
        scripts = args.get('scripts')
        if isinstance(scripts, list):
            args['scripts'] = [self._element(index, element) for index, element in enumerate(scripts)]
        return args

    def _element(self, index, element):
        if not isinstance(element, dict) or element.get('src') is None:
            return element  # the module says what is wrong with an element that is not a dict
        path = 'scripts[%d]' % index
        return self.with_content(element, path + '.', element_label(path, element))
