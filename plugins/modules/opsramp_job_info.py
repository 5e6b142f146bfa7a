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
  - With O(format=options), every job is read in full and returned as the options of M(opsramp.automation.opsramp_job);
    the list can be fed unchanged to M(opsramp.automation.opsramp_jobs), or written one file per job (the
    P(opsramp.automation.export_jobs#role) role does that), to adopt jobs made in the OpsRamp UI as code.
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
  name_prefix:
    description:
      - Only the jobs whose name starts with this, compared case-sensitively, for example the prefix a team's jobs
        share. Applies to the search (O(query), or every job when no filter is given).
    type: str
  format:
    description:
      - V(api) returns the jobs as the OpsRamp API returns them.
      - V(options) returns each job as the options of M(opsramp.automation.opsramp_job), read in full (search results
        lack entities and parameters), with C(name), C(job_type), C(queued), C(entities), C(schedule) and the section of
        its job type (C(network_backup), C(app_install), C(custom_script)), in canonical form (full day names, start
        dates in UTC to the minute, entities sorted), without C(id) or any field only the server sets.
      - Fed unchanged to M(opsramp.automation.opsramp_jobs), that list is converged (no change, no write).
      - What the options cannot express is left out, with a warning naming the job, so that applying the options
        never changes a job. The settings of a job type the options do not model (its C(script) keys other than
        those of O(opsramp.automation.opsramp_job#module:network_backup),
        O(opsramp.automation.opsramp_job#module:app_install) and O(opsramp.automation.opsramp_job#module:custom_script))
        are left as OpsRamp holds them.
      - Jobs that share a name carry their C(id), the only way for the options to tell them apart, with a warning.
      - A custom job names its RBA script by C(custom_script.script) (its name and the path of its category) and each
        parameter by C(name), where those names find exactly its ids again (a script name unique in its category, a
        parameter name unique in its script); otherwise by id. The RBA categories are then read once, and the scripts
        of each category once, whatever the number of custom jobs; when they cannot be read, the ids stay, with a
        warning.
    type: str
    choices: [api, options]
    default: api
  secret_parameters:
    description:
      - With O(format=options), the ids of the custom script parameters whose values are secrets (ids, also where the
        options name the parameters by name). Their values never leave the module; each is replaced with a Vault
        placeholder C({{ vault_<job>_<parameter> }}) and marked C(sensitive), where C(<job>) is the job name (followed
        by the start of its id when jobs share the name) and C(<parameter>) the parameter id, in lower case with every
        run of other characters than letters and digits as C(_).
      - RV(secret_variables) lists the variables to define (in an Ansible Vault file) before the options are applied.
      - The placeholders are for files (the P(opsramp.automation.export_jobs#role) role writes them), which Ansible
        templates when it loads them; fed straight back from the module's result, they would be sent as they are.
    type: list
    elements: str
    default: []
notes:
  - With O(format=options), reading N jobs costs one token request, the search pages and N GETs, plus, when a custom
    job is among them, one read of the RBA categories and one of the scripts of each category. The GETs start as soon
    as the first search page arrives, and the other pages are fetched concurrently once the first one says how many
    there are, paced on the tenant's rate limits.
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

- name: Read the netops team's jobs as opsramp_job options
  opsramp.automation.opsramp_job_info:
    name_prefix: netops-
    format: options
  register: exported

- name: Reconciling them is converged (no change, no write)
  opsramp.automation.opsramp_jobs:
    jobs: "{{ exported.jobs }}"

# Secret values as Vault placeholders, for files in Git: the opsramp.automation.export_jobs role writes them.
# (A module result is not templated again, so the list itself cannot be fed back with placeholders in it.)
- name: Read them with the share password (parameter 3) written as a Vault placeholder
  opsramp.automation.opsramp_job_info:
    name_prefix: netops-
    format: options
    secret_parameters: ["3"]
  register: exported_for_git
'''

RETURN = r'''
jobs:
  description:
    - The jobs found, as the OpsRamp API returns them (O(format=api)), or as the options of
      M(opsramp.automation.opsramp_job) (O(format=options)).
    - The sample is one job of each format.
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
    - name: netops-monthly-log-cleanup
      job_type: custom
      queued: false
      entities:
        - id: 0f7e1cbb-4c52-4d3a-9d43-6b7d93f0c3a1
          type: DEVICE
      schedule:
        start_date: "2026-01-01T03:00:00+0000"
        type: monthly
        week_index: second
        day_of_week: Sunday
      custom_script:
        script:
          name: Clean up logs
          category: Maintenance/Linux
        user_type: system
        parameters:
          - name: days_to_keep
            value: "30"
          - name: share_password
            value: "{{ vault_netops_monthly_log_cleanup_3 }}"
            sensitive: true
secret_variables:
  description: With O(format=options), the Vault variables the placeholders of O(secret_parameters) use, in job order.
  returned: when O(format=options)
  type: list
  elements: str
  sample: [vault_netops_monthly_log_cleanup_3]
'''

from ansible_collections.opsramp.automation.plugins.module_utils._jobs.info import job_info
from ansible_collections.opsramp.automation.plugins.module_utils.module import run_module


def run(module, client):
    return job_info(client, module.params)


def main():
    argument_spec = dict(
        id=dict(type='str'),
        name=dict(type='str'),
        query=dict(type='str'),
        name_prefix=dict(type='str'),
        format=dict(type='str', choices=['api', 'options'], default='api'),
        secret_parameters=dict(type='list', elements='str', default=[], no_log=False),
    )
    run_module(argument_spec, run, mutually_exclusive=[('id', 'name', 'query'), ('id', 'name_prefix'),
                                                       ('name', 'name_prefix')])


if __name__ == '__main__':
    main()
