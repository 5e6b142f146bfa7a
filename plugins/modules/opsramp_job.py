#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: opsramp_job
short_description: Create, update and delete OpsRamp scheduled jobs idempotently
version_added: 0.1.0
description:
  - Manages one scheduled job of the OpsRamp Jobs API v2 (AD checklists, network configuration backups, application
    installs, custom scripts and the other job types that M(opsramp.automation.opsramp_job_type_info) lists).
  - Reads the job, normalises what OpsRamp stores and what the task asks for into one shape, and sends the update
    only when a managed field really differs. Options left out are not managed and keep their current values.
  - A converged run makes one token request (none with O(access_token)), the lookup, and nothing else.
author:
  - OpsRamp Automation contributors (@opsramp-automation)
extends_documentation_fragment:
  - opsramp.automation.connection
  - opsramp.automation.connection.ACTION_GROUP
  - opsramp.automation.job
attributes:
  check_mode:
    description: Runs the same lookup and comparison as a real run, sends no write, and returns the predicted job.
    support: full
  diff_mode:
    description: Returns the managed fields before and after, with keys sorted and sensitive values hidden.
    support: full
options:
  state:
    description:
      - V(present) creates the job or updates it to match; V(absent) deletes it.
      - With V(absent), a job that does not exist is not an error.
    type: str
    choices: [present, absent]
    default: present
notes:
  - The job is found by O(id) with one request, or by O(name) through the search API, comparing names exactly.
    Two jobs with the same name make the task fail, naming their ids; give O(id) to choose one.
  - When O(schedule.start_date) is left out, a new job starts now (to the minute, UTC) and an existing job keeps its
    start date, so leaving it out never causes a change.
  - OpsRamp keeps start dates to the minute; seconds are dropped before comparing.
  - A script named by O(custom_script.script) adds two reads before anything is written, the RBA categories and the
    scripts of its category (only the latter with O(custom_script.script.category_id)); its parameters' names cost
    nothing more. Parameter names of a script given by O(custom_script.id) make the task list the scripts of every
    category instead. A script or parameter name that finds nothing, or several, fails the task, writing nothing.
  - After creating the job, the task searches its name once more. When another run created the same job at the same
    time, the copy created first stays; a run whose copy came second deletes it, returns the other in RV(job) and
    warns. See the collection's docs/reliability.md, section Concurrent runs.
seealso:
  - module: opsramp.automation.opsramp_jobs
    description: Reconcile a whole list of jobs in one task, with pruning.
  - module: opsramp.automation.opsramp_job_info
  - module: opsramp.automation.opsramp_job_type_info
  - module: opsramp.automation.opsramp_job_run
  - module: opsramp.automation.opsramp_resource_info
    description: See which resource a name, host name or IP address of O(entities) finds.
'''

EXAMPLES = r'''
- name: Back up network device configurations every night at 02:00 UTC
  opsramp.automation.opsramp_job:
    name: Nightly network config backup
    job_type: networkconfigbackup
    entities:                                   # by resource name, host name, IP address or id
      - name: core-sw-01
      - host_name: core-sw-02.netops.example.com
      - ip_address: 10.20.0.13
      - id: 4e96d5bc-763c-4c00-beab-928d653a0422
    schedule:
      type: daily
      frequency: everyday
      start_date: "2026-01-01T02:00Z"
    network_backup:
      versions_saved: version_with_changes
      backup_on_trap: true
      runtime_config_alert: true

- name: Run the asset scan on the hosts of an inventory group (dict_kv comes from community.general)
  opsramp.automation.opsramp_job:
    name: Weekly asset scan of the web servers
    job_type: assetinfo
    entities: "{{ groups['webservers'] | map('community.general.dict_kv', 'host_name') | list }}"
    schedule:
      type: weekly
      week_days: [sun]
      start_time: "03:00"

- name: Run the AD checklist every Monday and Thursday
  opsramp.automation.opsramp_job:
    name: Weekly AD checklist
    job_type: adCheckList
    entities:
      - name: dc-01
    schedule:
      type: weekly
      week_days: [Monday, Thursday]
      start_date: "2026-01-05T06:30+01:00"

- name: Run a custom script on the second Sunday of every month, with a secret parameter
  opsramp.automation.opsramp_job:
    name: Monthly cleanup script
    job_type: custom
    entities:
      - id: 0f7e1cbb-4c52-4d3a-9d43-6b7d93f0c3a1
    schedule:
      type: monthly
      week_index: second
      day_of_week: Sunday
    custom_script:
      script:                                   # looked up by name; the job stores the script's id
        name: Clean up logs
        category: Maintenance/Linux
      user_type: system
      parameters:                               # by the names the script declares (or by id)
        - name: days_to_keep
          value: "150"
        - name: share_password
          value: "{{ vault_cleanup_password }}"
          sensitive: true

- name: Run a custom script with a credential set, one parameter supplied by an iTOP macro
  opsramp.automation.opsramp_job:
    name: Nightly inventory script
    job_type: custom
    credential_set: 3f1c2e7a-51b9-4d0e-9d7e-2a8c6b4f0e11
    schedule:
      type: daily
      frequency: everyday
      start_time: "01:30Z"
    custom_script:
      id: "7"
      parameters:
        - id: "2"
          value: "150"
        - id: "4"
          macro: "12"

- name: Rename a job; its credential set and macro-bound parameters stay as they are
  opsramp.automation.opsramp_job:
    id: ce1088d5-81cc-4262-b515-a75230f0d8e4
    name: Nightly inventory script (site A)

- name: Set the connection once for every module of the collection
  module_defaults:
    group/opsramp.automation.all:
      url: https://acme.api.opsramp.com
      tenant_id: client_123
      client_id: "{{ vault_opsramp_client_id }}"
      client_secret: "{{ vault_opsramp_client_secret }}"
  block:
    - name: Remove a job that is no longer needed
      opsramp.automation.opsramp_job:
        name: Old backup job
        state: absent
'''

RETURN = r'''
job:
  description:
    - The job as OpsRamp stored it, as the API returns it.
    - In check mode, the job that would be sent. After a delete, the job as it was.
  returned: success, except when O(state=absent) and the job did not exist
  type: dict
  sample:
    id: cc242a8d-b0b4-430e-a89f-7081bc5e79b0
    name: Nightly network config backup
    jobQueued: false
    entities:
      - resource:
          id: 709824de-8315-4cf9-ad1c-b15aaf7bf2a5
          type: DEVICE
    schedule:
      startDate: "2026-01-01T02:00:00+0000"
      pattern:
        type: daily
        frequency: everyday
    script:
      jobType: networkconfigbackup
      configParams:
        versionsSaved: VERSION_WITH_CHANGES
        backUpTrigger: true
changes:
  description: The managed fields that differed, as option paths (for example C(schedule.week_days)); empty when nothing changed.
  returned: always
  type: list
  elements: str
  sample: [schedule.week_days, entities]
diff:
  description: The managed fields before and after, returned with C(--diff). Sensitive parameter values are hidden.
  returned: when diff mode is on
  type: dict
  contains:
    before:
      description: The managed fields as OpsRamp holds them (empty when the job did not exist).
      type: dict
    after:
      description: The managed fields as they will be (empty after a delete).
      type: dict
'''

from ansible.module_utils.basic import _load_params

from ansible_collections.opsramp.automation.plugins.module_utils._engine.ensure import ensure
from ansible_collections.opsramp.automation.plugins.module_utils._jobs.adapter import JOBS
from ansible_collections.opsramp.automation.plugins.module_utils.module import run_module


def run(module, client):
    return ensure(JOBS, client, module.params, check_mode=module.check_mode, want_diff=module._diff)


def main():
    argument_spec = JOBS.argument_spec(raw_params=_load_params())
    argument_spec['state'] = dict(type='str', choices=['present', 'absent'], default='present')
    run_module(argument_spec, run)


if __name__ == '__main__':
    main()
