#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: opsramp_script_info
short_description: Read OpsRamp RBA script categories and scripts
version_added: 0.1.0
description:
  - Returns the tenant's RBA (runbook automation) categories, the tree flattened with each category's path from the
    top, and the scripts in them. Every script, or the scripts of one O(category) (and of the categories below it), the
    scripts with an exact O(name) or a O(name_prefix), or one script by O(id).
  - With O(format=options), every script is returned as the options of M(opsramp.automation.opsramp_script), its
    body apart (RV(files)), to adopt scripts made in the OpsRamp UI as code. The
    P(opsramp.automation.export_scripts#role) role writes them as files.
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
  category:
    description:
      - Only the scripts of this category, and of the categories below it unless O(subcategories=false).
      - Its name, or its path from the top, the names joined with V(/) (V(Web/Apache)), compared exactly. A name that
        several categories have makes the task fail, naming their paths and ids; give the path or O(category_id).
    type: str
  category_id:
    description: Only the scripts of the category with this id (and of the categories below it), instead of O(category).
    type: str
  subcategories:
    description: Whether the scripts of the categories below O(category) or O(category_id) are returned too.
    type: bool
    default: true
  id:
    description:
      - The id of one script. OpsRamp reads a script only in its category, so O(category) or O(category_id) must
        name the category that holds it; the task fails before any request otherwise.
      - A script that does not exist gives an empty RV(scripts) list, not an error.
    type: str
  name:
    description: Only the scripts with this name, compared exactly (case-sensitive). Several may share it.
    type: str
  name_prefix:
    description:
      - Only the scripts whose name starts with this, compared case-sensitively, for example the prefix a team's
        scripts share.
    type: str
  format:
    description:
      - V(api) returns the scripts as the OpsRamp API returns them, the defaults of PASSWORD parameters hidden.
      - V(options) returns each script as the options of M(opsramp.automation.opsramp_script), to adopt it as code,
        with C(name), C(category) (its path, or C(category_id) when another category has the same path), C(description)
        without the digest line the collection keeps there, C(execution_type), C(platforms), C(parameters),
        C(install_timeout) and the sanity-check fields, in canonical form, and the body.
      - The body of a V(command) script is its C(command) option. The file of any other script is returned in
        RV(files), the option C(src) naming it (and C(file_name) keeping the name OpsRamp gives the file, when it
        differs). Write it next to the file of the options.
      - The body is taken from OpsRamp's read when it carries it, else downloaded from the script's C(contentURL) with
        the API token, but only when that URL is on the host of O(url) and names the script (a URL that names only a
        file name and a version may give another script's file). When the body cannot be had, the options leave it
        out, with a warning. The script is then adopted without its body being managed.
      - The default of a PASSWORD parameter is never returned (OpsRamp does not show it anyway). The options hold
        the Vault placeholder C({{ vault_<script>_<parameter> }}), where C(<script>) is the script name (followed by
        its id when another exported script with PASSWORD parameters has a name that gives the same variable) and
        C(<parameter>) the parameter name, in lower case with every run of other characters than letters and digits
        as C(_). RV(secret_variables) lists them.
      - Applying the options changes nothing. What they cannot express is left out, with a warning naming the
        script; scripts that share a name in one category carry their C(id).
    type: str
    choices: [api, options]
    default: api
notes:
  - Reading costs one token request (none with O(access_token)), one read of the categories, and one read of the
    scripts of each category read (four at a time), or a single read with O(id). With O(format=options), each body
    that the read does not carry costs one download.
  - The placeholders are for files (the P(opsramp.automation.export_scripts#role) role writes them), which Ansible
    templates when it loads them; fed straight back from the module's result, they would be sent as they are.
seealso:
  - module: opsramp.automation.opsramp_script
  - module: opsramp.automation.opsramp_script_category
  - module: opsramp.automation.opsramp_job_info
    description: Reads the jobs that run the scripts, as options too.
'''

EXAMPLES = r'''
- name: List every category and script of the tenant
  opsramp.automation.opsramp_script_info:
  register: rba

- name: Show the category paths
  ansible.builtin.debug:
    msg: "{{ rba.categories | map(attribute='path') | list }}"

- name: Read the scripts of Web/Apache only (not of the categories below it)
  opsramp.automation.opsramp_script_info:
    category: Web/Apache
    subcategories: false
  register: apache

- name: Read one script by id, in its category
  opsramp.automation.opsramp_script_info:
    category_id: "114"
    id: "1002"
  register: one

- name: Read the web team's scripts as opsramp_script options, with their bodies
  opsramp.automation.opsramp_script_info:
    category: Web
    format: options
  register: exported

- name: Write each body next to the playbook
  ansible.builtin.copy:
    content: "{{ item.value }}"
    dest: "{{ playbook_dir }}/{{ item.key }}"
    mode: "0644"
  loop: "{{ exported.files | dict2items }}"
  loop_control:
    label: "{{ item.key }}"
'''

RETURN = r'''
categories:
  description:
    - The categories read, parents before the categories below them, each with its C(path) from the top (names joined
      with C(/)) and its C(parentId) (null at the top).
    - Every category of the tenant; with O(category) or O(category_id), that one and (O(subcategories)) those below it.
  returned: always
  type: list
  elements: dict
  sample:
    - {id: "113", name: Web, parentId: null, path: Web}
    - {id: "114", name: Apache, parentId: "113", path: Web/Apache}
scripts:
  description:
    - The scripts found, as the OpsRamp API returns them (O(format=api)), or as the options of
      M(opsramp.automation.opsramp_script) (O(format=options)).
    - The sample is one script of each format.
  returned: always
  type: list
  elements: dict
  sample:
    - id: 1002
      name: Restart Apache
      category: {id: 114, name: Apache}
      executionType: SHELL
      platforms: [LINUX]
      attachment: {id: 0, name: restart-apache.sh, contentURL: "https://acme.api.opsramp.com/downloadScript.do?..."}
      parameters:
        - {id: 5003, name: admin_password, type: REQUIRED, dataType: PASSWORD, defaultValue: "********"}
    - name: Restart Apache
      category: Web/Apache
      description: Restarts Apache and checks that it answers
      execution_type: shell
      platforms: [linux]
      src: Restart-Apache.sh
      file_name: restart-apache.sh
      parameters:
        - name: admin_password
          description: ""
          default: "{{ vault_restart_apache_admin_password }}"
          required: true
          data_type: password
files:
  description:
    - With O(format=options), the scripts' bodies, by the file name their option C(src) gives, relative to the file
      of the options.
    - A file name is the script name made safe (every run of characters other than letters, digits, C(.), C(_) and
      C(-) becomes C(-)) with the extension of the name OpsRamp gives the file (or of its execution type), and a
      suffix where names would clash, also where case does not count. A body whose extension is C(.yml) or C(.yaml)
      gets C(.txt) appended, so that no body is taken for a file of options.
  returned: when O(format=options)
  type: dict
  sample: {Restart-Apache.sh: "#!/bin/sh\nsystemctl restart apache2\n"}
option_files:
  description:
    - With O(format=options), a file name for the options of each script, in the order of RV(scripts). It is the stem of
      its body's file name, and C(.yml).
  returned: when O(format=options)
  type: list
  elements: str
  sample: [Restart-Apache.yml]
secret_variables:
  description: With O(format=options), the Vault variables of the PASSWORD defaults' placeholders, in script order.
  returned: when O(format=options)
  type: list
  elements: str
  sample: [vault_restart_apache_admin_password]
'''

from ansible_collections.opsramp.automation.plugins.module_utils._scripts.info import script_info
from ansible_collections.opsramp.automation.plugins.module_utils.module import run_module


def run(module, client):
    return script_info(client, module.params)


def main():
    argument_spec = dict(
        category=dict(type='str'),
        category_id=dict(type='str'),
        subcategories=dict(type='bool', default=True),
        id=dict(type='str'),
        name=dict(type='str'),
        name_prefix=dict(type='str'),
        format=dict(type='str', choices=['api', 'options'], default='api'),
    )
    run_module(argument_spec, run, mutually_exclusive=[('category', 'category_id'), ('id', 'name', 'name_prefix')])


if __name__ == '__main__':
    main()
