#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: opsramp_job_type_info
short_description: List the job types an OpsRamp tenant supports
version_added: 0.1.0
description:
  - Returns the job types of the tenant (C(GET /jobs/types)), the values O(opsramp.automation.opsramp_job#module:job_type)
    takes.
  - OpsRamp does not list C(custom) (custom scripts) among them, although it accepts it.
author:
  - OpsRamp Automation contributors (@opsramp-automation)
extends_documentation_fragment:
  - opsramp.automation.connection
  - opsramp.automation.connection.ACTION_GROUP
attributes:
  check_mode:
    description: Reads only; runs the same in check mode.
    support: full
  diff_mode:
    description: Returns no diff.
    support: none
'''

EXAMPLES = r'''
- name: List the job types
  opsramp.automation.opsramp_job_type_info:
  register: types

- name: Show the value to use as job_type for each
  ansible.builtin.debug:
    msg: "{{ types.job_types | items2dict(key_name='name', value_name='type') }}"
'''

RETURN = r'''
job_types:
  description: The job types, each with its display name and the value for O(opsramp.automation.opsramp_job#module:job_type).
  returned: always
  type: list
  elements: dict
  contains:
    name:
      description: The display name, for example C(Network Configuration Backup).
      type: str
    type:
      description: The job type, for example C(networkconfigbackup).
      type: str
  sample:
    - name: AD CheckList
      type: adCheckList
    - name: Network Configuration Backup
      type: networkconfigbackup
'''

from ansible_collections.opsramp.automation.plugins.module_utils._jobs import api
from ansible_collections.opsramp.automation.plugins.module_utils.module import run_module


def run(module, client):
    return dict(changed=False, job_types=api.list_job_types(client))


def main():
    run_module({}, run)


if __name__ == '__main__':
    main()
