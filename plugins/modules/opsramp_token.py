#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: opsramp_token
short_description: Fetch one OpsRamp access token for the tasks that follow
version_added: 0.1.0
description:
  - Fetches an OAuth2 access token with the client credentials (O(client_id) and O(client_secret)) and returns it, so
    that a playbook of many OpsRamp tasks can pass it to all of them as O(access_token) through C(module_defaults)
    instead of authenticating once per task.
  - 'The token is a secret, returned in clear so that later tasks can use it. B(Always set C(no_log: true) on this
    task): without it, the token shows in the output with C(-v) and in callback logs, and the module warns. Registering
    the result with C(no_log) hides it from the output only; the registered variable holds the real token.'
  - Ansible does not mask the returned token by itself. Do not copy it into facts (C(set_fact) shows its result with
    C(-v)); reference the registered result directly, as in the examples.
author:
  - OpsRamp Automation contributors (@opsramp-automation)
extends_documentation_fragment:
  - opsramp.automation.connection
  - opsramp.automation.connection.ACTION_GROUP
attributes:
  check_mode:
    description: Fetches the token in check mode too, so that the tasks after it can run their own check mode with
      it. A token request changes nothing in the tenant.
    support: full
  diff_mode:
    description: Returns no diff.
    support: none
notes:
  - O(client_id) and O(client_secret) are required here, even when O(access_token) is set.
  - A token lives for RV(expires_in) seconds (about two hours on OpsRamp). A task that is given an expired token
    fails without retrying; fetch a new one in playbooks that may run longer.
  - O(tenant_id) is not used to fetch the token, but is required like in every module of the collection, so that the
    same C(module_defaults) serve all of them.
seealso:
  - module: opsramp.automation.opsramp_jobs
'''

EXAMPLES = r'''
- name: Many OpsRamp tasks, one token
  hosts: localhost
  gather_facts: false
  module_defaults:
    group/opsramp.automation.all:
      url: https://acme.api.opsramp.com
      tenant_id: client_123
      client_id: "{{ vault_opsramp_client_id }}"
      client_secret: "{{ vault_opsramp_client_secret }}"
  tasks:
    - name: Fetch a token for the whole play
      opsramp.automation.opsramp_token:
      register: opsramp_auth
      no_log: true

    - name: Use it in every task that follows
      module_defaults:
        group/opsramp.automation.all:
          url: https://acme.api.opsramp.com
          tenant_id: client_123
          access_token: "{{ opsramp_auth.access_token }}"
      block:
        - name: Keep the nightly backup
          opsramp.automation.opsramp_job:
            name: Nightly network config backup
            job_type: networkconfigbackup
            schedule:
              type: daily
              frequency: everyday
              start_time: "02:00"

        - name: List the jobs
          opsramp.automation.opsramp_job_info:
          register: all_jobs
'''

RETURN = r'''
access_token:
  description:
    - 'The bearer token. A secret: register it on a task with C(no_log: true) and pass it as O(access_token).'
  returned: success
  type: str
  sample: 0e2bb1c4-2f3a-4b8e-9d6a-6f0c1e5d7a90
expires_in:
  description: Seconds the token stays valid after it was issued; none when OpsRamp does not say.
  returned: success
  type: int
  sample: 7199
token_type:
  description: The token type, as OpsRamp names it.
  returned: success
  type: str
  sample: bearer
'''

from ansible_collections.opsramp.automation.plugins.module_utils.module import run_module

NO_LOG_WARNING = ('the result of this task holds an OpsRamp access token: set no_log: true on the task so that the '
                  'token is not shown or logged')


def run(module, client):
    token = client.fetch_token()
    if not module.no_log:
        module.warn(NO_LOG_WARNING)
    return dict(changed=False, **token)


def main():
    run_module({}, run)


if __name__ == '__main__':
    main()
