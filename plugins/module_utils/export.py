# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Jobs as OpsRamp holds them, written as the options of opsramp_job (opsramp_job_info ``format: options``).

The options come from the field table (``job_fields.FIELDS``): each field read from the job as the comparator reads
it (its canonical form is in the task's terms) and placed at its option path. Then they are proven: each exported
job must pass the option checks opsramp_jobs runs and compare equal to the job it came from. A field that fails is
left out (so a file leaves it as OpsRamp holds it) and said in a warning: an exported file never changes its job
when applied.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import re

from concurrent.futures import ThreadPoolExecutor

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.opsramp.automation.plugins.module_utils import compare, job_fields, job_model, jobs, listing
from ansible_collections.opsramp.automation.plugins.module_utils.arguments import JOB_OPTIONS, job_argument_spec
from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import ValidationError

OPTION_ORDER = tuple(option['name'] for option in JOB_OPTIONS)
_VALIDATOR = ArgumentSpecValidator(job_argument_spec())
READ_WORKERS = 4  # full jobs read at a time, as opsramp_jobs' default workers


def _exported_fields():
    """The fields of the table, less those that restate an earlier one from the same API value (start_time is
    start_date's time of day)."""
    read, fields = set(), []
    for field in job_fields.FIELDS:
        if not read.intersection(field.reads):
            fields.append(field)
        read.update(field.reads)
    return tuple(fields)


EXPORTED_FIELDS = _exported_fields()
# the script keys the table reads; any other one is a setting of a job type the options do not model
MODELLED_SCRIPT_KEYS = frozenset(path[1] for field in job_fields.FIELDS for path in field.reads if path[0] == 'script')


def job_info(client, params):
    """opsramp_job_info's result for its options ``params``: the jobs as OpsRamp returns them (``format=api``), or as
    opsramp_job options (``format=options``), with the warnings about what the options leave out."""
    exporting = params['format'] == 'options'
    if params['secret_parameters'] and not exporting:
        raise ValidationError('secret_parameters: applies only with format=options', option='secret_parameters')
    found = _found_jobs(client, params, in_full=exporting)
    if not exporting:
        return dict(changed=False, jobs=found)
    options, warnings, variables = export_jobs(found, params['secret_parameters'])
    for warning in warnings:
        client.warn(warning)
    return dict(changed=False, jobs=options, secret_variables=variables)


def _found_jobs(client, params, in_full):
    """Full jobs by id or name (or, ``in_full``, from the search); else the search results themselves."""
    if params['id'] or params['name'] or in_full:
        return read_full_jobs(client, job_id=params['id'], name=params['name'], query=params['query'],
                              name_prefix=params['name_prefix'])
    return [job for job in jobs.search_jobs(client, query_string=params['query'])
            if isinstance(job, dict) and has_prefix(job, params['name_prefix'])]


def read_full_jobs(client, job_id=None, name=None, query=None, name_prefix=None):
    """The full jobs (search results lack entities and parameters) named by ``job_id``, or by exact ``name``, or
    found by the search ``query`` (all jobs without one) whose name starts with ``name_prefix``.

    A listing reads the full jobs while it goes on (``listing.list_jobs``): one GET per job, the search pages, and
    the client's one token.
    """
    if job_id:
        found = [jobs.get_job(client, job_id)]
    elif name:
        found = [jobs.get_job(client, match['id']) for match in jobs.find_jobs_by_name(client, name)]
    else:
        with ThreadPoolExecutor(max_workers=READ_WORKERS) as pool:
            listed = listing.list_jobs(client, pool, query_string=query,
                                       wants_full=lambda job: has_prefix(job, name_prefix))
            found = [listed.full_job(job['id']) for job in listed.jobs if job['id'] in listed.full]
    return [job for job in found if job]  # None: deleted since it was listed


def has_prefix(job, name_prefix):
    """Whether the job's name starts with ``name_prefix`` (case-sensitive); any job when there is no prefix."""
    return not name_prefix or (isinstance(job.get('name'), str) and job['name'].startswith(name_prefix))


def job_options(api_job):
    """``api_job`` (a full job, as OpsRamp returns it) as opsramp_job options, and the warnings about it.

    Returns ``(options, problems)``; ``problems`` says what the options leave out and why.
    """
    options = _without_absent(options_from_api(api_job))
    problems = _unmodelled_fields(api_job)
    for check in (_spec_problems, _model_problems, _round_trip_problems):
        options, found = _drop_failing(options, check, api_job)
        problems.extend(found)
    return _ordered(options), problems


def options_from_api(api_job):
    """The value of every exported field of ``api_job``, at its option path, in its canonical form."""
    current = job_fields.current_from_api(api_job)
    options = {}
    for field in EXPORTED_FIELDS:
        value = job_fields.get_path(current, field.option)
        if value is not None:
            job_fields.object_at(options, field.option[:-1])[field.option[-1]] = value
    return options


def _without_absent(value):
    """``value`` without the keys holding None or an empty dict; an empty list is a value (a job without entities)."""
    if isinstance(value, dict):
        kept = dict((key, _without_absent(item)) for key, item in value.items() if item is not None)
        return dict((key, item) for key, item in kept.items() if item != {})
    if isinstance(value, list):
        return [_without_absent(item) for item in value]
    return value


def _ordered(options):
    return dict((key, options[key]) for key in sorted(options, key=_option_rank))


def _option_rank(name):
    return OPTION_ORDER.index(name) if name in OPTION_ORDER else len(OPTION_ORDER)


def _unmodelled_fields(api_job):
    script = (api_job or {}).get('script')
    extra = sorted(key for key in (script if isinstance(script, dict) else {}) if key not in MODELLED_SCRIPT_KEYS)
    if not extra:
        return []
    return ['its script settings %s are not options of job type %s: a file leaves them as OpsRamp holds them'
            % (', '.join(extra), job_model.canonical_job_type((script or {}).get('jobType')) or '(none)')]


def _drop_failing(options, check, api_job):
    """``options`` without the top-level options ``check`` finds fault with, until it finds none."""
    problems = []
    while True:
        faults = check(options, api_job)
        faults = [(option, why) for option, why in faults if option in options and option != 'name']
        if not faults:
            return options, problems
        for option, why in faults:
            options.pop(option, None)
            problems.append('%s is left out: %s' % (option, why))


def _spec_problems(options, dummy):
    """The options that opsramp_jobs' argument spec (types, choices) would refuse, each checked on its own."""
    faults = []
    for option in list(options):
        result = _VALIDATOR.validate({option: copy.deepcopy(options[option])})
        if result.error_messages:
            faults.append((option, result.error_messages[0]))
    return faults


def _model_problems(options, dummy):
    try:
        job_model.validate_job_params(options)
    except ValidationError as error:
        return [(_top(error.option or 'name'), error.message)]
    return []


def _round_trip_problems(options, api_job):
    """The options that, applied, would not compare equal to the job: never write a file that changes its job."""
    changed = compare.changed_paths(job_model.desired_state(options), job_model.current_state(api_job))
    return [(_top(path), 'OpsRamp holds a value the option cannot express') for path in changed]


def _top(option_path):
    return re.split(r'[.\[]', option_path.split(',')[0].strip(), maxsplit=1)[0]


# ---------------------------------------------------------------------------------------------------- many jobs

def export_jobs(api_jobs, secret_parameters=()):
    """Full jobs as a list of opsramp_job options, for opsramp_jobs.

    Returns ``(jobs, warnings, secret_variables)``. Jobs that share a name carry their ``id`` (opsramp_jobs could
    not tell them apart otherwise). The value of each script parameter whose id is in ``secret_parameters`` is
    replaced with a Vault placeholder, ``{{ vault_<job>_<parameter> }}``, marked sensitive; ``secret_variables``
    lists those variables, which must hold the values before the files are applied.
    """
    counts = {}
    for api_job in api_jobs:
        counts[api_job.get('name')] = counts.get(api_job.get('name'), 0) + 1
    exported, warnings, variables = [], [], []
    secret_ids = set(str(parameter_id) for parameter_id in secret_parameters or ())
    for api_job in api_jobs:
        options, problems = job_options(api_job)
        if counts[api_job.get('name')] > 1:
            options = dict([('id', api_job.get('id'))] + list(options.items()))
            problems.append('%d jobs have this name: the options carry the id, the only way to tell them apart; '
                            'consider renaming them' % counts[api_job.get('name')])
        variables.extend(_hide_secrets(options, secret_ids))
        warnings.extend("job '%s' (id %s): %s" % (api_job.get('name'), api_job.get('id'), problem)
                        for problem in problems)
        exported.append(options)
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
    """``text`` as part of an Ansible variable name: lower case letters, digits and underscores."""
    return re.sub(r'[^a-z0-9]+', '_', str(text).lower()).strip('_') or 'job'
