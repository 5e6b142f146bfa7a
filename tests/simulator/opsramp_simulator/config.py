# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

# Every knob of the simulator, with its default.
# Section numbers (§N) in the comments refer to docs/api-behaviour.md.

import copy
import dataclasses
from dataclasses import dataclass, field

# Knobs whose value must be one of a fixed set.
CHOICES = {
    'not_found_style': ('404', '500-0005'),
    'query_filter': ('substring', 'ignore'),
    'resource_query_filter': ('substring', 'ignore'),
    'resource_default_state': ('all', 'active', 'inactive', 'discovered'),
    'search_shape': ('envelope', 'list'),
    'search_custom_script': ('kept', 'omitted'),
    'search_order': ('created', 'sorted'),
    'list_style': ('canonical', 'compact', 'as_sent'),
    'day_of_week_field': ('dayOfWeek', 'dayOfIndex', 'as_sent'),
    'macro_parameter_value': ('absent', 'null'),
    'entity_order': ('reversed', 'sorted', 'as_sent'),
    'expired_token_status': (401, 407),
    'unknown_tenant_status': (403, 404),
    # RBA categories and scripts (api-behaviour §20)
    'rba_script_content': ('url', 'url_by_name', 'url_unreachable', 'none', 'inline'),
    'rba_password_default': ('masked', 'omitted', 'clear'),
    'job_password_value': ('masked', 'omitted', 'clear'),
    'rba_duplicate_names': ('allowed', '400', '409'),
    'rba_enum_case': ('upper', 'as_sent', 'strict'),
    'rba_script_get_shape': ('object', 'list', 'category_list'),
    'rba_script_list_shape': ('list', 'object_if_one'),
    'rba_param_ids_on_update': ('keep_by_name', 'keep_by_id', 'renumber'),
    'rba_version_bump': ('every_update', 'body_change', 'never'),
    'rba_update_without_body': ('reject', 'keep'),
    'rba_category_move': ('ignored', 'applied'),
    'rba_delete_with_subcategories': ('cascade', 'refuse'),
    'rba_category_path': ('strict', 'ignored'),
    'client_search_fields': ('sample', 'full'),
    'client_default_status': ('all', 'active'),
    'client_tenant_listing': ('403', '404', 'empty'),
    'denied_tenant_status': (401, 403),
    'rate_limit_scope': ('path', 'credentials'),
}

# Knobs that only matter when the server starts; changing them at run time has no effect.
STARTUP_ONLY = ('host', 'port', 'tls_cert', 'tls_key')

# Knobs never returned by the control API.
SECRET_KNOBS = ('client_secret',)

DEFAULT_TOKEN_PATHS = ('/tenancy/auth/oauth/token', '/auth/oauth/token')


@dataclass
class SimConfig:
    """Behaviour of the simulated OpsRamp API. All knobs have defaults."""

    # --- server
    host: str = '127.0.0.1'
    port: int = 0
    tls_cert: str = None
    tls_key: str = None
    latency_ms: int = 0                     # sleep before answering each API and token request
    seed: int = 0                           # seed of the random source used by fault probabilities

    # --- auth (§16)
    client_id: str = 'demo-client'
    client_secret: str = 'demo-secret'
    tenants: list = field(default_factory=lambda: ['client_1', 'msp_1'])
    unknown_tenant_status: int = 404        # 404 or 403
    token_paths: list = field(default_factory=lambda: list(DEFAULT_TOKEN_PATHS))
    expires_in: int = 7199
    expires_in_as_string: bool = False      # send "7199" like the auth spec example
    expired_token_status: int = 401         # 401, or 407 ("Token expired", §15)

    # --- jobs (§1, §3, §13)
    not_found_style: str = '404'            # '404' or '500-0005'
    update_keeps_omitted_fields: bool = False
    validate: bool = True                   # modest 400 validation on create/update

    # --- search (§4)
    default_page_size: int = 100
    max_page_size: int = 500
    query_filter: str = 'substring'         # 'substring' (name:<text> hint) or 'ignore'
    search_shape: str = 'envelope'          # 'envelope' or 'list'
    search_custom_script: str = 'kept'      # a custom job's script.customScript in search results: 'kept' or 'omitted'
    empty_body_when_no_results: bool = False
    search_order: str = 'created'           # 'created' (oldest first) or 'sorted' (by sortName/isDescendingOrder)
    created_time_field: str = ''            # '' (no job source shows one) or a name such as 'createdTime'

    # --- resources search (api-behaviour §18); paging and shape as for jobs
    resource_query_filter: str = 'substring'    # 'substring' (documented keys as hints) or 'ignore'
    resource_default_state: str = 'all'         # states a search without a state: term returns

    # --- partners and their clients (api-behaviour §21); paging and shape as for jobs
    client_search_fields: str = 'sample'        # 'sample' (the example's keys) or 'full' (the whole record)
    client_default_status: str = 'all'          # clients a search without activeStatus lists: 'all' or 'active'
    client_tenant_listing: str = '403'          # a clients search on a client's id: '403', '404' or 'empty'
    denied_tenant_status: int = 401             # credentials acting outside their tenant: 401 or 403

    # --- rewrites (§6, §7, §9)
    numeric_ids_as_int: bool = True         # customScript.id / paramId "7" -> 7
    list_style: str = 'canonical'           # weekDays / dayOfMonth: 'canonical', 'compact', 'as_sent'
    day_of_week_field: str = 'dayOfWeek'    # or 'dayOfIndex', or 'as_sent' (api-behaviour §9)
    macro_parameter_value: str = 'absent'   # a macro-bound parameter answers without value, or 'null' (§12)
    custom_without_job_type: bool = True    # custom jobs lose script.jobType
    entity_order: str = 'reversed'          # 'reversed', 'sorted', 'as_sent'
    booleans_as_strings: bool = False       # read form sends true/2 as "true"/"2"

    # --- RBA categories and scripts (api-behaviour §20)
    rba_script_content: str = 'url'          # what a script read carries of the body: 'url' (attachment.contentURL,
    #                                          downloadable), 'url_by_name' (the URL names file and version only, as
    #                                          in the spec), 'url_unreachable' (404), 'none', 'inline' (attachment.file)
    rba_command_in_reads: bool = False       # a COMMAND script's read carries its `command`
    rba_password_default: str = 'masked'     # a PASSWORD parameter's defaultValue in reads: 'masked', 'omitted', 'clear'
    job_password_value: str = 'masked'       # a custom job's value for a PASSWORD parameter in reads: likewise
    rba_duplicate_names: str = 'allowed'     # a second script (category) of the same name in one category (parent):
    #                                          'allowed', or refused with '400' / '409'
    rba_enum_case: str = 'upper'             # executionType, platforms, type, dataType: any case accepted and answered
    #                                          in upper case; 'as_sent'; 'strict' (only upper case accepted)
    rba_ids_as_strings: bool = False         # category, script, parameter and attachment ids answered as strings
    rba_script_get_shape: str = 'object'     # GET .../scripts/{id}: 'object', 'list' (of one), 'category_list'
    rba_script_list_shape: str = 'list'      # GET .../scripts: 'list', 'object_if_one' (one script: the bare object)
    rba_param_ids_on_update: str = 'keep_by_name'   # parameter ids after an update: 'keep_by_name', 'keep_by_id',
    #                                                 'renumber'
    rba_version_bump: str = 'every_update'   # scriptVersion +1.00 on 'every_update', on 'body_change' only, or 'never'
    rba_update_without_body: str = 'reject'  # an update without attachment.file (or command): 'reject' (400), 'keep'
    rba_update_keeps_omitted_fields: bool = False   # a script update replaces the script unless True (top-level merge)
    rba_category_move: str = 'ignored'       # `parent` in a category PUT: 'ignored' or 'applied'
    rba_delete_with_subcategories: str = 'cascade'  # delete of a category whose subcategories hold no script:
    #                                                 'cascade' (they go too) or 'refuse' (400)
    rba_category_path: str = 'strict'        # a script addressed under another category than its own: 'strict' (not
    #                                          found) or 'ignored'
    custom_script_check: bool = False        # a custom job naming an unknown script or paramId: 400 when True

    # --- rate limits (§17)
    rate_window_seconds: float = 60
    read_limit: int = 0                     # 0 = unlimited (headers still sent)
    write_limit: int = 0
    quote_rate_headers: bool = False
    rate_limit_scope: str = 'path'          # 'path' (the tenant in the path) or 'credentials' (the token's tenant, §21)

    def to_dict(self, mask_secrets=True):
        data = dataclasses.asdict(self)
        if mask_secrets:
            for key in SECRET_KNOBS:
                if data.get(key) is not None:
                    data[key] = '********'
        return data

    def copy(self):
        return copy.deepcopy(self)

    def update(self, knobs):
        """Change knobs in place; raise ValueError on an unknown knob or a bad value (nothing changed then)."""
        if not isinstance(knobs, dict):
            raise ValueError('config must be a JSON object')
        names = {f.name for f in dataclasses.fields(self)}
        unknown = sorted(set(knobs) - names)
        if unknown:
            raise ValueError('unknown knob(s): %s' % ', '.join(unknown))
        new_values = {}
        for key, value in knobs.items():
            new_values[key] = _check_value(key, value, getattr(self, key))
        for key, value in new_values.items():
            setattr(self, key, value)
        return self

    @classmethod
    def from_dict(cls, knobs):
        return cls().update(knobs or {})


def _check_value(key, value, current):
    if key in CHOICES:
        allowed = CHOICES[key]
        if isinstance(allowed[0], int) and isinstance(value, str) and value.isdigit():
            value = int(value)
        if value not in allowed:
            raise ValueError('%s must be one of %s' % (key, ', '.join(repr(a) for a in allowed)))
        return value
    if key in ('tenants', 'token_paths'):
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
            raise ValueError('%s must be a list of strings' % key)
        return list(value)
    if isinstance(current, bool) or key in ('expires_in_as_string',):
        if isinstance(value, str) and value.lower() in ('true', 'false', 'yes', 'no', '1', '0'):
            return value.lower() in ('true', 'yes', '1')
        if not isinstance(value, bool):
            raise ValueError('%s must be a boolean' % key)
        return value
    if key in ('rate_window_seconds',):
        try:
            value = float(value)
        except (TypeError, ValueError):
            raise ValueError('%s must be a number' % key) from None
        if value <= 0:
            raise ValueError('%s must be > 0' % key)
        return value
    if isinstance(current, int) and key not in ('tls_cert', 'tls_key'):
        try:
            value = int(value)
        except (TypeError, ValueError):
            raise ValueError('%s must be an integer' % key) from None
        if value < 0:
            raise ValueError('%s must be >= 0' % key)
        return value
    if value is not None and not isinstance(value, str):
        raise ValueError('%s must be a string' % key)
    return value
