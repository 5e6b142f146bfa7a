# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one place where a module is built, its client made, and errors become ``fail_json``."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

from ansible_collections.opsramp.automation.plugins.module_utils.arguments import connection_argument_spec
from ansible_collections.opsramp.automation.plugins.module_utils.client import HAS_REQUESTS, REQUESTS_IMPORT_ERROR, Client
from ansible_collections.opsramp.automation.plugins.module_utils.errors import OpsRampError


def run_module(argument_spec, run, **module_kwargs):
    """Build the module from the connection options plus ``argument_spec``, call ``run(module, client)``.

    ``run`` returns the result dict for ``exit_json``; any ``OpsRampError`` it raises becomes ``fail_json``.
    The client makes no request until ``run`` asks for one, so ``run`` can validate its options first.
    """
    spec = connection_argument_spec()
    spec.update(argument_spec)
    module_kwargs.setdefault('supports_check_mode', True)
    module = AnsibleModule(argument_spec=spec, **module_kwargs)
    if not HAS_REQUESTS:
        module.fail_json(msg=missing_required_lib('requests'), exception=REQUESTS_IMPORT_ERROR)
    try:
        client = Client.from_params(module.params, warn=module.warn)
        result = run(module, client)
    except OpsRampError as error:
        module.fail_json(**error.to_fail_kwargs())
    module.exit_json(**result)
