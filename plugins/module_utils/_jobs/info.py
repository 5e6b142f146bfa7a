# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""opsramp_job_info: jobs by id, by exact name or by search, as OpsRamp returns them or as opsramp_job options.

``format: options`` writes each job as the options that keep it as it is (``_engine/export.py``), to adopt a tenant
as code; a custom job names its RBA script and parameters by name where that is exact (``scripts.py``), and a script
parameter marked secret gets a Vault placeholder instead of its value.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from concurrent.futures import ThreadPoolExecutor

from ansible_collections.opsramp.automation.plugins.module_utils._engine.export import Exporter, identifier as variable_part
from ansible_collections.opsramp.automation.plugins.module_utils._engine.values import as_dict
from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import ValidationError
from ansible_collections.opsramp.automation.plugins.module_utils._jobs import api
from ansible_collections.opsramp.automation.plugins.module_utils._jobs.adapter import JOBS
from ansible_collections.opsramp.automation.plugins.module_utils._jobs.scripts import ScriptNames
from ansible_collections.opsramp.automation.plugins.module_utils._scripts.lookup import ScriptResolver

READ_WORKERS = 4  # full jobs read at a time, as opsramp_jobs' default workers


def job_info(client, params):
    """opsramp_job_info's result for its options ``params``: the jobs as OpsRamp returns them (``format=api``), or as
    opsramp_job options (``format=options``), with the warnings about what the options leave out."""
    exporting = params['format'] == 'options'
    if params['secret_parameters'] and not exporting:
        raise ValidationError('secret_parameters: applies only with format=options', option='secret_parameters')
    found = _found_jobs(client, params, in_full=exporting)
    if not exporting:
        return dict(changed=False, jobs=found)
    options, warnings, variables = export_jobs(found, params['secret_parameters'], ScriptResolver(client))
    for warning in warnings:
        client.warn(warning)
    return dict(changed=False, jobs=options, secret_variables=variables)


def _found_jobs(client, params, in_full):
    """Full jobs by id or name (or, ``in_full``, from the search); else the search results themselves."""
    if params['id'] or params['name'] or in_full:
        return read_full_jobs(client, params)
    return [job for job in api.search_jobs(client, query_string=params['query'])
            if isinstance(job, dict) and has_prefix(job, params['name_prefix'])]


def read_full_jobs(client, params):
    """The full jobs (search results lack entities and parameters) that ``params`` name: by ``id``, or by exact
    ``name``, or found by the search ``query`` (all jobs without one) whose name starts with ``name_prefix``.

    A listing reads the full jobs while it goes on (``JOBS.list_all``): one GET per job, the search pages, and the
    client's one token.
    """
    if params.get('id'):
        found = [api.get_job(client, params['id'])]
    elif params.get('name'):
        found = [api.get_job(client, match['id']) for match in api.find_jobs_by_name(client, params['name'])]
    else:
        with ThreadPoolExecutor(max_workers=READ_WORKERS) as pool:
            listed = JOBS.list_all(client, pool, lambda job: has_prefix(job, params.get('name_prefix')),
                                   query_string=params.get('query'))
            found = [listed.full_object(job['id']) for job in listed.objects if job['id'] in listed.full]
    return [job for job in found if job]  # None: deleted since it was listed


def has_prefix(job, name_prefix):
    """Whether the job's name starts with ``name_prefix`` (case-sensitive); any job when there is no prefix."""
    return not name_prefix or (isinstance(job.get('name'), str) and job['name'].startswith(name_prefix))


def export_jobs(api_jobs, secret_parameters=(), scripts=None):
    """Full jobs as a list of opsramp_job options, for opsramp_jobs.

    Returns ``(jobs, warnings, secret_variables)``. The value of each script parameter whose id is in
    ``secret_parameters`` is replaced with a Vault placeholder, ``{{ vault_<job>_<parameter> }}``, marked sensitive;
    ``secret_variables`` lists those variables, which must hold the values before the files are applied.

    With ``scripts`` (a ``ScriptResolver``), custom jobs name their script and parameters by name where the names
    find exactly their ids (``scripts.ScriptNames``): the RBA categories and every category's scripts are read once,
    and only when a custom job is exported.
    """
    exporter = Exporter(JOBS)
    exported, warnings = exporter.all(api_jobs)
    secret_ids = set(str(parameter_id) for parameter_id in secret_parameters or ())
    variables = [variable for options in exported for variable in _hide_secrets(options, secret_ids)]
    if scripts is not None and any(as_dict(options.get('custom_script')).get('id') for options in exported):
        names = ScriptNames(scripts, READ_WORKERS)
        warnings.extend(names.prepare())
        exported, more = exporter.with_names(exported, names)
        warnings.extend(more)
    return exported, warnings, variables


def _hide_secrets(options, secret_ids):
    """Replace the secret parameter values of ``options`` with Vault placeholders; return the variable names.

    The variable is named after the job (and the start of its id when it shares its name) and the parameter id.
    """
    variables = []
    job = identifier(options['name']) + ('_' + identifier(options['id'])[:8] if options.get('id') else '')
    for parameter in (options.get('custom_script') or {}).get('parameters') or []:
        if parameter['id'] in secret_ids and 'value' in parameter:  # a macro-bound parameter holds no value
            variable = 'vault_%s_%s' % (job, identifier(parameter['id']))
            parameter.update(value='{{ %s }}' % variable, sensitive=True)
            variables.append(variable)
    return variables


def identifier(text):
    """``text`` as part of an Ansible variable name (``_engine.export.identifier``); ``job`` when nothing is left."""
    return variable_part(text, 'job')
