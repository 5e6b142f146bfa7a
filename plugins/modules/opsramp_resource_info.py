#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: opsramp_resource_info
short_description: Find OpsRamp resources (devices) by id, name, host name or IP address
version_added: 0.1.0
description:
  - Returns the resources of the tenant with an exact O(id), resource O(name), O(host_name) or O(ip_address), the
    resources an OpsRamp search O(query) finds, or every resource of the tenant when none of them is given.
  - This is how to see which resources the C(name), C(host_name) and C(ip_address) forms of a job's C(entities)
    would find (M(opsramp.automation.opsramp_job)); a job needs exactly one.
  - OpsRamp's search matches names loosely (C(core-sw-01) also finds C(core-sw-011)), so O(name), O(host_name) and
    O(ip_address) are matched again exactly by the module. O(query) results are returned as the search gives them.
  - Every page of the search is read; listing a large tenant takes one request per 500 resources.
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
    description: The resource's id. A resource that does not exist gives an empty RV(resources) list, not an error.
    type: str
  name:
    description: The resource name, compared exactly (case-sensitive). Several resources may share a name; all are returned.
    type: str
  host_name:
    description: The host name, compared exactly but regardless of case.
    type: str
  ip_address:
    description: The IP address, compared as an address (an IPv6 address in any notation).
    type: str
  query:
    description:
      - An OpsRamp resources search C(queryString), passed to the search as it is, for example
        C(state:active+resourceType:Network Device) or C(hostName:core).
      - OpsRamp accepts only its documented query variables and matches names loosely; see the OpsRamp API
        documentation, I(Search resources).
    type: str
notes:
  - Uses C(GET /api/v2/tenants/{tenantId}/resources/search).
'''

EXAMPLES = r'''
- name: Find the switch a job should run on
  opsramp.automation.opsramp_resource_info:
    name: core-sw-01
  register: switch

- name: Show its id
  ansible.builtin.debug:
    msg: "{{ switch.resources[0].id }}"

- name: Find a resource by IP address
  opsramp.automation.opsramp_resource_info:
    ip_address: 10.20.0.11
  register: by_ip

- name: List the active network devices
  opsramp.automation.opsramp_resource_info:
    query: "state:active+resourceType:Network Device"
  register: devices

- name: List every resource of the tenant
  opsramp.automation.opsramp_resource_info:
  register: everything
'''

RETURN = r'''
resources:
  description:
    - The resources found, as the OpsRamp resources search returns them (only the main keys are shown here).
  returned: always
  type: list
  elements: dict
  sample:
    - id: 709824de-8315-4cf9-ad1c-b15aaf7bf2a5
      name: core-sw-01
      resourceName: core-sw-01
      hostName: core-sw-01.netops.example.com
      ipAddress: 10.20.0.11
      type: DEVICE
      resourceType: Network Device
      state: active
'''

from ansible_collections.opsramp.automation.plugins.module_utils._resources import lookup
from ansible_collections.opsramp.automation.plugins.module_utils.module import run_module

FILTERS = ('id', 'name', 'host_name', 'ip_address')


def run(module, client):
    params = module.params
    for option in FILTERS:
        if params[option] is not None:
            return dict(changed=False, resources=lookup.find_resources(client, option, params[option]))
    return dict(changed=False, resources=list(lookup.search_resources(client, query_string=params['query'])))


def main():
    argument_spec = dict((option, dict(type='str')) for option in FILTERS + ('query',))
    run_module(argument_spec, run, mutually_exclusive=[FILTERS + ('query',)])


if __name__ == '__main__':
    main()
