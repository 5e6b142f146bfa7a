# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    # Rendered from CONNECTION_OPTIONS (plugins/module_utils/_http/config.py), which also builds the argument spec;
    # tests/unit/plugins/doc_fragments/test_doc_fragments.py fails when they drift; `make render` rewrites them.
    DOCUMENTATION = r'''
requirements:
  - 'requests, in the Python that runs the module (with C(hosts: localhost), the Python of C(ansible-playbook))'
options:
  url:
    description:
      - Base URL of the OpsRamp API, for example C(https://acme.api.opsramp.com).
      - The API paths (C(/api/v2/...)) and the token path are appended to it, so it must not end in C(/api/v2) (the task
        fails before any request, saying what to drop); a trailing slash is ignored.
      - 'A plain C(http://) URL sends the client secret and the tokens unencrypted: the task warns, unless the host is this
        machine (C(localhost), C(127.0.0.1), C(::1)).'
      - If not set, the value of the E(OPSRAMP_URL) environment variable is used.
      - Required, here or in E(OPSRAMP_URL).
    type: str
  tenant_id:
    description:
      - 'Tenant whose jobs the task manages: a client id (C(client_123) or a UUID) or a partner id (C(msp_123)).'
      - A partner credential may manage the jobs of its clients by naming the client here.
      - If not set, the value of the E(OPSRAMP_TENANT_ID) environment variable is used.
      - Required, here or in E(OPSRAMP_TENANT_ID).
    type: str
  client_id:
    description:
      - Key of an OpsRamp OAuth2 custom integration (client-credentials grant).
      - Required with O(client_secret) unless O(access_token) is given.
      - If not set, the value of the E(OPSRAMP_CLIENT_ID) environment variable is used.
    type: str
  client_secret:
    description:
      - Secret of the OAuth2 custom integration named by O(client_id).
      - If not set, the value of the E(OPSRAMP_CLIENT_SECRET) environment variable is used.
    type: str
  access_token:
    description:
      - A bearer token issued earlier, used instead of O(client_id) and O(client_secret).
      - Saves one token request per task. The task fails, without retrying, once the token expires.
      - If not set, the value of the E(OPSRAMP_ACCESS_TOKEN) environment variable is used.
    type: str
  validate_certs:
    description:
      - Whether to verify the TLS certificate of the OpsRamp API.
      - 'Turn this off only for testing: the task then warns on every run. It has no effect on an C(http://) O(url), which
        has no TLS.'
      - If not set, the value of the E(OPSRAMP_VALIDATE_CERTS) environment variable is used.
    type: bool
    default: true
  ca_path:
    description:
      - Path to a PEM file of CA certificates to trust instead of the system bundle, for example the CA of a corporate TLS-inspecting
        proxy. Ignored when O(validate_certs=false).
      - If not set, the value of the E(OPSRAMP_CA_PATH) environment variable is used.
    type: path
  timeout:
    description:
      - Seconds to wait for OpsRamp to connect and to answer each request.
      - If not set, the value of the E(OPSRAMP_TIMEOUT) environment variable is used.
    type: float
    default: 30
  token_path:
    description:
      - Path of the OAuth2 token endpoint, appended to O(url).
      - Older tenants use C(/auth/oauth/token); when the default answers 404 the client tries that one once.
      - If not set, the value of the E(OPSRAMP_TOKEN_PATH) environment variable is used.
    type: str
    default: /tenancy/auth/oauth/token
  max_retries:
    description:
      - How many times a request is retried after a rate-limit answer (429), a transient server error (502, 503, 504, or
        500 with OpsRamp code C(0005)) or a connection error.
      - 'Creates, updates and runs are retried only when OpsRamp said it did not execute them (429): they are never sent
        twice blindly.'
      - If not set, the value of the E(OPSRAMP_MAX_RETRIES) environment variable is used.
    type: int
    default: 4
'''

    ACTION_GROUP = r'''
attributes:
  action_group:
    description: Use C(group/opsramp.automation.all) in C(module_defaults) to set the connection options once.
    support: full
    membership:
      - opsramp.automation.all
'''
