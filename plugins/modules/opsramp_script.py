#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: opsramp_script
short_description: Create, update and delete OpsRamp RBA scripts idempotently
version_added: 0.1.0
description:
  - Manages one RBA (runbook automation) script of an OpsRamp tenant, in its category. Scripts hold the automation that
    custom jobs (M(opsramp.automation.opsramp_job) with O(opsramp.automation.opsramp_job#module:job_type=custom)) run.
  - Reads the script, compares every field the task gives, its parameters and its body, and writes the whole script
    only when something differs. Options left out are not managed and keep their current values.
  - OpsRamp does not return a script's body when it is read. The collection keeps the digest of the body it wrote in a
    last line of the script's description, and compares the task's body with it (or with the body itself, where
    OpsRamp's read carries it). A rerun writes nothing, and a changed body is one write.
  - A converged run makes one token request (none with O(access_token)), one read of the categories when the task
    names O(category) by name, and one read of the category's scripts; for a script the collection has not written
    yet (made in the UI and adopted), also one download of its body, where OpsRamp's read names it.
author:
  - OpsRamp Automation contributors (@opsramp-automation)
extends_documentation_fragment:
  - opsramp.automation.connection
  - opsramp.automation.connection.ACTION_GROUP
  - opsramp.automation.script
attributes:
  check_mode:
    description: Runs the same reads and comparison as a real run, sends no write, and returns the predicted script.
    support: full
  diff_mode:
    description:
      - Returns the managed fields before and after, PASSWORD defaults hidden, and the body as text when it changes
        (before as far as OpsRamp shows it).
    support: full
  action:
    description: An action plugin reads O(src) on the Ansible controller.
    support: full
options:
  state:
    description:
      - V(present) creates the script or updates it to match; V(absent) deletes it.
      - With V(absent), a script that does not exist is not an error.
    type: str
    choices: [present, absent]
    default: present
notes:
  - The script is found in its category, by O(id) or by its exact O(name). Two scripts of the category with the same
    name make the task fail, naming their ids; give O(id) to choose one.
  - OpsRamp's update takes the whole script, body included. Updating a script whose body the task does not give works
    only where OpsRamp's read carries the body; otherwise the task fails before any write, asking for O(src),
    O(content) or O(command).
  - A body changed outside the collection (in the OpsRamp console) is seen only where OpsRamp's read carries the body.
    Elsewhere the digest the collection recorded still matches the task, and the script is reported unchanged. A
    script the collection has not written yet is compared by the body its C(contentURL) gives, when that URL is on
    the host of O(url) and names the script. See the collection's docs/api-behaviour.md, section 20.11.
seealso:
  - module: opsramp.automation.opsramp_script_category
  - module: opsramp.automation.opsramp_script_info
  - module: opsramp.automation.opsramp_job
    description: A custom job names its script and its parameters by name.
'''

EXAMPLES = r'''
- name: Keep the script that restarts Apache, from a file of the playbook
  opsramp.automation.opsramp_script:
    name: Restart Apache
    category: Web/Apache
    description: Restarts Apache and checks that it answers
    execution_type: shell
    platforms: [linux]
    src: scripts/restart-apache.sh          # found like ansible.builtin.copy's src: files/ of the role or the playbook
    install_timeout: 60
    service_name: apache2
    parameters:
      - name: grace_seconds
        description: Seconds to wait before the restart
        default: "5"
        data_type: integer
      - name: admin_password
        data_type: password
        default: "{{ vault_apache_admin_password }}"   # never shown; written on create (update_password)

- name: A one-line command script
  opsramp.automation.opsramp_script:
    name: Flush DNS cache
    category_id: 114
    execution_type: command
    platforms: [windows]
    command: ipconfig /flushdns

- name: Remove a script
  opsramp.automation.opsramp_script:
    name: Restart Apache
    category: Web/Apache
    state: absent
'''

RETURN = r'''
script:
  description:
    - The script as OpsRamp holds it after the task (in check mode, the script a write would send, or as it is).
    - The defaults of PASSWORD parameters are hidden. The description holds the digest line the collection keeps.
  returned: when the script exists (or would exist)
  type: dict
  sample:
    id: 1002
    name: Restart Apache
    category: {id: 114, name: Apache}
    executionType: SHELL
    platforms: [LINUX]
    parameters:
      - {id: 5003, name: grace_seconds, type: OPTIONAL, dataType: INTEGER, defaultValue: "5"}
changes:
  description: The managed fields that differed, as option paths (V(body) for the body).
  returned: always
  type: list
  elements: str
  sample: [body, parameters]
'''

from ansible.module_utils.basic import _load_params

from ansible_collections.opsramp.automation.plugins.module_utils._engine.ensure import ensure
from ansible_collections.opsramp.automation.plugins.module_utils._scripts.adapter import SCRIPTS
from ansible_collections.opsramp.automation.plugins.module_utils.module import run_module


def run(module, client):
    return ensure(SCRIPTS, client, module.params, check_mode=module.check_mode, want_diff=module._diff)


def main():
    argument_spec = SCRIPTS.argument_spec(raw_params=_load_params())
    argument_spec['state'] = dict(type='str', choices=['present', 'absent'], default='present')
    run_module(argument_spec, run, mutually_exclusive=[('command', 'src', 'content'), ('category', 'category_id')],
               required_one_of=[('name', 'id'), ('category', 'category_id')])


if __name__ == '__main__':
    main()
