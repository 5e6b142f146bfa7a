#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: opsramp_script_category
short_description: Create, rename and delete OpsRamp RBA script categories
version_added: 0.1.0
description:
  - Manages one category of RBA scripts, found by its exact O(name) under its O(parent) (at the top without one), or
    by O(id), in which case O(name) renames it.
  - A category is deleted only when it holds no script, in it or in a subcategory; the task fails before sending
    anything otherwise, naming the scripts.
  - A converged run makes one token request (none with O(access_token)) and one read of the categories.
author:
  - OpsRamp Automation contributors (@opsramp-automation)
extends_documentation_fragment:
  - opsramp.automation.connection
  - opsramp.automation.connection.ACTION_GROUP
  - opsramp.automation.script_category
attributes:
  check_mode:
    description: Runs the same reads and comparison as a real run (an emptiness check before a deletion included) and
      sends no write.
    support: full
  diff_mode:
    description: Returns the name before and after.
    support: full
options:
  state:
    description:
      - V(present) creates the category (or renames it, found by O(id)); V(absent) deletes it, when it is empty.
      - With V(absent), a category that does not exist is not an error.
    type: str
    choices: [present, absent]
    default: present
seealso:
  - module: opsramp.automation.opsramp_script
  - module: opsramp.automation.opsramp_script_info
'''

EXAMPLES = r'''
- name: A category for the web team's scripts, and one for Apache under it
  opsramp.automation.opsramp_script_category:
    name: "{{ item.name }}"
    parent: "{{ item.parent | default(omit) }}"
  loop:
    - name: Web
    - name: Apache
      parent: Web

- name: Rename a category
  opsramp.automation.opsramp_script_category:
    id: 114
    name: Apache HTTP Server

- name: Remove an empty category
  opsramp.automation.opsramp_script_category:
    name: Apache
    parent: Web
    state: absent
'''

RETURN = r'''
category:
  description: The category after the task (in check mode, as a write would leave it), with its path from the top.
  returned: when the category exists (or would exist)
  type: dict
  sample:
    id: "114"
    name: Apache
    parentId: "113"
    path: Web/Apache
changes:
  description: The managed fields that differed.
  returned: always
  type: list
  elements: str
  sample: [name]
'''

from ansible_collections.opsramp.automation.plugins.module_utils._engine.ensure import ensure
from ansible_collections.opsramp.automation.plugins.module_utils._scripts.adapter import CATEGORIES
from ansible_collections.opsramp.automation.plugins.module_utils.module import run_module


def run(module, client):
    return ensure(CATEGORIES, client, module.params, check_mode=module.check_mode, want_diff=module._diff)


def main():
    argument_spec = CATEGORIES.argument_spec()
    argument_spec['state'] = dict(type='str', choices=['present', 'absent'], default='present')
    run_module(argument_spec, run, mutually_exclusive=[('parent', 'parent_id')], required_one_of=[('name', 'id')])


if __name__ == '__main__':
    main()
