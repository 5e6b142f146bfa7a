#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: opsramp_job_info
short_description: Read OpsRamp scheduled jobs
version_added: 0.1.0
description:
  - Returns one job by O(id), the jobs with an exact O(name), the jobs an OpsRamp search O(query) finds, or every job
    of the tenant when none of them is given.
  - Jobs looked up by O(id) or O(name) are full objects, with their entities. Search results (O(query), or no filter)
    are as the search API returns them, without entities and without custom script parameters.
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
options:
  id:
    description: The job's id. A job that does not exist gives an empty O(ignore:jobs) list, not an error.
    type: str
  name:
    description: The job's name, compared exactly (case-sensitive). Several jobs may share a name; all are returned.
    type: str
  query:
    description:
      - An OpsRamp search C(queryString), for example C(name:backup), passed to the search API as it is.
      - OpsRamp does not document which fields it filters on for jobs; results are returned as the API gives them.
    type: str
'''

EXAMPLES = r'''
- name: Read one job by id
  opsramp.automation.opsramp_job_info:
    id: cc242a8d-b0b4-430e-a89f-7081bc5e79b0
  register: found

- name: Read the jobs named exactly "Nightly network config backup"
  opsramp.automation.opsramp_job_info:
    name: Nightly network config backup
  register: found

- name: List every job of the tenant
  opsramp.automation.opsramp_job_info:
  register: all_jobs

- name: Show their names
  ansible.builtin.debug:
    msg: "{{ all_jobs.jobs | map(attribute='name') | list }}"
'''

RETURN = r'''
jobs:
  description: The jobs found, as the OpsRamp API returns them.
  returned: always
  type: list
  elements: dict
  sample:
    - id: cc242a8d-b0b4-430e-a89f-7081bc5e79b0
      name: Nightly network config backup
      jobQueued: false
      schedule:
        startDate: "2026-01-01T02:00:00+0000"
        pattern:
          type: daily
          frequency: everyday
      script:
        jobType: networkconfigbackup
'''

from ansible_collections.opsramp.automation.plugins.module_utils import jobs
from ansible_collections.opsramp.automation.plugins.module_utils.module import run_module


def run(module, client):
    params = module.params
    if params['id']:
        job = jobs.get_job(client, params['id'])
        found = [job] if job else []
    elif params['name']:
        found = [jobs.get_job(client, match['id']) for match in jobs.find_jobs_by_name(client, params['name'])]
        found = [job for job in found if job]
    else:
        found = list(jobs.search_jobs(client, query_string=params['query']))
    return dict(changed=False, jobs=found)


def main():
    argument_spec = dict(
        id=dict(type='str'),
        name=dict(type='str'),
        query=dict(type='str'),
    )
    run_module(argument_spec, run, mutually_exclusive=[('id', 'name', 'query')])


if __name__ == '__main__':
    main()
