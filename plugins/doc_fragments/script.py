# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    # Rendered from the script table (plugins/module_utils/_scripts/table.py), which also builds the argument spec;
    # tests/unit/plugins/doc_fragments/test_doc_fragments.py fails when they drift; `make render` rewrites them.
    DOCUMENTATION = r'''
options:
  id:
    description:
      - Identifier of the script (a number) that OpsRamp gave it.
      - When given, the script is found by O(id) in O(category), rather than by O(name).
    type: str
  name:
    description:
      - Name of the script.
      - Without O(id), the script is found by this exact, case-sensitive name in O(category); the task fails if several
        scripts of the category share it.
    type: str
  category:
    description:
      - 'The category that holds the script: its name, or its path from the top, the names joined with V(/) (V(Network/Backups)),
        compared exactly.'
      - Give O(category_id) instead when a name is shared or holds V(/).
      - 'A script stays in its category: OpsRamp has no way to move it.'
    type: str
  category_id:
    description:
      - Identifier of the category that holds the script, instead of O(category).
    type: str
  description:
    description:
      - What the script does.
      - The collection adds a last line to it in OpsRamp, which records the digest of the script's body (OpsRamp does not
        return the body when it is read); the line is never part of the description the task compares or returns.
    type: str
  execution_type:
    description:
      - 'How the script runs: V(command) runs O(command); the other types run the file given by O(src) or O(content).'
      - Required to create a script.
    type: str
    choices:
      - batchfile
      - command
      - download
      - exe
      - msi
      - powershell
      - python
      - perl
      - php
      - shell
      - vbs
  platforms:
    description:
      - The platforms the script runs on.
    type: list
    elements: str
    choices:
      - windows
      - linux
  command:
    description:
      - The command line of a script with O(execution_type=command).
      - Mutually exclusive with O(src) and O(content).
    type: str
  src:
    description:
      - 'The script''s file, on the Ansible controller, found as M(ansible.builtin.copy) finds its O(ansible.builtin.copy#module:src):
        relative to a role''s C(files/) folder or the playbook''s, or an absolute path. Read as UTF-8 text.'
      - Mutually exclusive with O(content) and O(command).
    type: path
  content:
    description:
      - The script's file, as text, instead of O(src).
      - Mutually exclusive with O(src) and O(command).
    type: str
  file_name:
    description:
      - The name OpsRamp gives the script's file (C(attachment.name)), for example V(restart.sh).
      - Defaults to the base name of O(src), else to the name the script has, else to O(name) with the usual extension of
        O(execution_type).
    type: str
  parameters:
    description:
      - The script's parameters, in the order the script receives them.
      - 'The list is authoritative: parameters it does not name are removed. A custom job names a parameter by its name
        (M(opsramp.automation.opsramp_job), O(opsramp.automation.opsramp_job#module:custom_script.parameters[].name)).'
    type: list
    elements: dict
    suboptions:
      name:
        description:
          - Name of the parameter.
        type: str
        required: true
      description:
        description:
          - What the parameter is for.
        type: str
      default:
        description:
          - Value the parameter takes when a job gives none.
          - 'A V(password) parameter''s default is a secret: never shown, and only written when the script is created or
            written for another reason, unless O(update_password=always).'
        type: str
      required:
        description:
          - Whether a job must give the parameter a value.
        type: bool
        default: false
      data_type:
        description:
          - The type of the value.
        type: str
        default: string
        choices:
          - string
          - integer
          - password
  update_password:
    description:
      - V(on_create) writes the default of a V(password) parameter when the script is created, or updated for another reason;
        V(always) writes it on every run, which then always reports a change (OpsRamp never shows it, so it cannot be compared).
    type: str
    default: on_create
    choices:
      - on_create
      - always
  install_timeout:
    description:
      - Seconds the agent waits for the script to install or run.
    type: int
  registry_path:
    description:
      - 'Sanity check: a Windows registry path the script creates.'
    type: str
  registry_value:
    description:
      - 'Sanity check: the value expected at O(registry_path).'
    type: str
  process_name:
    description:
      - 'Sanity check: a process that runs after the script.'
    type: str
  service_name:
    description:
      - 'Sanity check: a service that runs after the script.'
    type: str
  output_directory:
    description:
      - Where the agent keeps the file of a V(download), V(exe) or V(msi) script.
    type: str
  output_file:
    description:
      - The name of that file.
    type: str
'''
