#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: opsramp_job_run
short_description: Run an OpsRamp scheduled job now
version_added: 0.1.0
description:
  - Asks OpsRamp to run an existing job on demand, outside its schedule.
  - Always reports a change (a run is an action, not a state). In check mode the job is looked up but not run.
author:
  - OpsRamp Automation contributors (@opsramp-automation)
extends_documentation_fragment:
  - opsramp.automation.connection
  - opsramp.automation.connection.ACTION_GROUP
attributes:
  check_mode:
    description: Looks the job up and reports the run it would ask for, without asking.
    support: full
  diff_mode:
    description: Returns no diff.
    support: none
options:
  id:
    description: The job's id. One of O(id) and O(name) is required.
    type: str
  name:
    description: The job's exact name. The task fails when several jobs share it.
    type: str
  reason:
    description: Why the job runs now; OpsRamp records it with the run.
    type: str
    default: Run on demand by Ansible
'''

EXAMPLES = r'''
- name: Back up the network configurations now, before a change window
  opsramp.automation.opsramp_job_run:
    name: Nightly network config backup
    reason: Pre-change backup for CHG0012345
'''

RETURN = r'''
job_id:
  description: The id of the job that was run (or would be, in check mode).
  returned: success
  type: str
  sample: cc242a8d-b0b4-430e-a89f-7081bc5e79b0
'''

from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import ObjectLookupError
from ansible_collections.opsramp.automation.plugins.module_utils._jobs import api
from ansible_collections.opsramp.automation.plugins.module_utils.module import run_module


def run(module, client):
    params = module.params
    job = api.find_job(client, job_id=params['id'], name=params['name'])
    if job is None:
        raise ObjectLookupError('no job with %s %r in tenant %s' % (
            'id' if params['id'] else 'name', params['id'] or params['name'], params['tenant_id']))
    if not module.check_mode:
        api.run_job(client, job['id'], params['reason'])
    return dict(changed=True, job_id=job['id'])


def main():
    argument_spec = dict(
        id=dict(type='str'),
        name=dict(type='str'),
        reason=dict(type='str', default='Run on demand by Ansible'),
    )
    run_module(argument_spec, run, required_one_of=[('id', 'name')], mutually_exclusive=[('id', 'name')])


if __name__ == '__main__':
    main()
