# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Scheduled jobs as a resource of the engine: ``JOBS``, the adapter opsramp_job, opsramp_jobs and
opsramp_job_info work through.

The job table (``table.py``) gives the model; the Jobs API (``api.py``) finds, reads, lists and writes; the rules
between options are ``validation.py``'s; entities and RBA scripts named by name are resolved through ``entities.py``
and ``scripts.py``. What is job specific beyond those is here: a job whose type changes starts a new script, a new job
gets a start date, a custom job read back lacks its ``jobType`` (api-behaviour §7), and a search result lacks entities
and script parameters (api-behaviour §4).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.opsramp.automation.plugins.module_utils._engine.listing import list_all
from ansible_collections.opsramp.automation.plugins.module_utils._engine.paths import object_at
from ansible_collections.opsramp.automation.plugins.module_utils._engine.resource import Resource, Wanted
from ansible_collections.opsramp.automation.plugins.module_utils._engine.values import as_dict, text
from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import REDACTED, ValidationError
from ansible_collections.opsramp.automation.plugins.module_utils._jobs import api, entities, scripts, validation
from ansible_collections.opsramp.automation.plugins.module_utils._jobs.parameters import (
    declares_sensitive_parameters, hide_parameter_values)
from ansible_collections.opsramp.automation.plugins.module_utils._jobs.schedule import now_start_date
from ansible_collections.opsramp.automation.plugins.module_utils._jobs.table import JOB_MODEL, JOB_TYPE
from ansible_collections.opsramp.automation.plugins.module_utils._jobs.types import warn_unknown
from ansible_collections.opsramp.automation.plugins.module_utils._resources.lookup import ResourceResolver
from ansible_collections.opsramp.automation.plugins.module_utils._scripts.lookup import ScriptResolver

# the script keys the table reads; any other one is a setting of a job type the options do not model
MODELLED_SCRIPT_KEYS = frozenset(path[1] for field in JOB_MODEL.fields for path in field.reads if path[0] == 'script')


class JobResource(Resource):
    """The adapter of scheduled jobs."""

    noun = 'job'
    plural = 'jobs'
    model = JOB_MODEL
    settles_copies = True  # OpsRamp does not keep job names unique (api-behaviour §19)

    list_description = (
        'The jobs to reconcile. Each element takes exactly the options of M(opsramp.automation.opsramp_job), validated'
        ' the same way, and its own O(jobs[].state).',
        'An element is matched with a job of the tenant by O(jobs[].id) when given, else by its exact O(jobs[].name).'
        ' Two elements may not name the same job, and a name that several jobs of the tenant share makes the task fail'
        ' before anything is written.',
        'V([]) is a valid list: with O(prune=true) it deletes every job whose name starts with O(prune_prefix).',
    )

    def hide_in_spec(self, spec, raw_params):
        """When the task's raw options mark any script parameter ``sensitive``, every parameter value is ``no_log``:
        Ansible logs the invocation on the target while it builds the module, before the module itself could hide
        the secret ones."""
        return hide_parameter_values(spec) if declares_sensitive_parameters(raw_params) else spec

    # ------------------------------------------------------------------------------------------------ the task

    def validate(self, params):
        validation.validate_job_params(params)

    def resolve(self, client, params):
        return _resolved(ResourceResolver(client), ScriptResolver(client), params)

    def resolve_all(self, client, params_list, workers, planned=None):
        """Every entity and script the list names by name looked up first (each distinct one once, by a resolver the
        whole list and the workers share), then each element resolved; the lookups that failed fail the task
        together, before any write. ``planned``: the scripts the task's ``scripts`` would have written (check mode)."""
        resources, scripts_found = ResourceResolver(client), ScriptResolver(client, planned=planned)
        entities.answer_jobs(resources, params_list, workers)
        scripts.answer_jobs(scripts_found, params_list, workers)
        return entities.resolve_every(params_list, lambda index, params: _resolved(
            resources, scripts_found, params, 'jobs[%d].' % index))

    def wanted(self, params, labels=None):
        if params['state'] == 'absent':
            return Wanted('absent', params['id'], params['name'])
        return Wanted('present', params['id'], params['name'], self.model.desired(params),
                      hide=declares_sensitive_parameters(params), labels=labels)

    def warn_before_writes(self, client, targets):
        """A ``job_type`` OpsRamp will probably refuse (``types.warn_unknown``)."""
        warn_unknown(client, [(prefix + 'job_type', target.desired.get('job_type'))
                              for prefix, target in targets if target.desired is not None], JOB_TYPE)

    def references(self, obj):
        """The RBA script a custom job runs (``script.customScript.id``, which search results carry too: api-behaviour
        §4), as text; None for a job that shows neither a script nor a type (which script it runs is not known)."""
        script = as_dict(as_dict(obj).get('script'))
        custom = script.get('customScript')
        if isinstance(custom, dict) and custom.get('id') not in (None, ''):
            return [text(custom['id'])]
        if custom is None and script.get('jobType') not in (None, ''):
            return []
        return None

    def unmodelled(self, api_object):
        """What an exported job leaves out: script settings of a type the options do not model."""
        script = as_dict(as_dict(api_object).get('script'))
        extra = sorted(key for key in script if key not in MODELLED_SCRIPT_KEYS)
        if not extra:
            return []
        return ['its script settings %s are not options of job type %s: a file leaves them as OpsRamp holds them'
                % (', '.join(extra), JOB_TYPE.canonical(script.get('jobType')) or '(none)')]

    # ------------------------------------------------------------------------------------------------ deciding

    def comparable(self, current, target):
        """A job read may show a script parameter's secret value masked (api-behaviour §20.9): when the task hides
        its parameter values, a masked value is taken to be the task's, which cannot be compared. A changed secret
        is written with the next change of the job, as a PASSWORD default of a script is."""
        wanted = dict((item['id'], item) for item in (target.desired or {}).get('custom_script', {}).get('parameters') or [])
        stored = (current.get('custom_script') or {}).get('parameters')
        if not target.hide or not wanted or not stored:
            return current
        readable = [wanted[item['id']] if item.get('value') == REDACTED and 'value' in wanted.get(item['id'], {}) else item
                    for item in stored]
        return dict(current, custom_script=dict(current['custom_script'], parameters=readable))

    def needs_full(self, desired):
        """Whether ``desired`` manages a field that search results leave out: entities, or custom script parameters
        (api-behaviour §4)."""
        return 'entities' in desired or 'parameters' in as_dict(desired.get('custom_script'))

    def check_create(self, desired):
        validation.required_for_create(desired)

    def check_against(self, desired, current):
        validation.check_type_options(desired, current)

    def payload(self, stored, target, now):
        """The JSON body to POST: a new job from ``target.desired`` (``stored`` None), or the stored job with it laid
        over. ``now`` is the start date of a job that has none and whose task does not manage one."""
        desired = target.desired
        if stored is None:
            job = {'script': {}, 'schedule': {}}
        else:
            job = self.request_style(stored)
            if desired.get('job_type') not in (None, _stored_job_type(job)):
                job['script'] = {}  # a new type starts a new script: the former type's settings do not apply
        self.model.overlay(job, desired, now)
        _check_no_mask_sent_back(job)
        if 'schedule' in desired or stored is None:
            schedule = object_at(job, ('schedule',))
            if schedule.get('startDate') in (None, ''):
                schedule['startDate'] = now_start_date(now)
            object_at(schedule, ('pattern',))
        return job

    def request_style(self, api_job):
        """A job as OpsRamp returned it, in the form a request takes; custom jobs get their jobType back."""
        job = self.model.request_style(api_job)
        if isinstance(job.get('script'), dict) and _stored_job_type(job) is not None:
            job['script']['jobType'] = _stored_job_type(job)
        return job

    # ------------------------------------------------------------------------------------------------ the API

    def find(self, client, target):
        return api.find_job(client, job_id=target.object_id, name=target.name)

    def get(self, client, object_id, scope=None):
        return api.get_job(client, object_id)

    def list_all(self, client, pool, wants_full, query_string=None):
        query = dict(queryString=query_string) if query_string else {}
        pages = client.paginate(client.api_path('jobs', 'search'), query=query)
        return list_all(pages, pool, lambda job_id: api.get_job(client, job_id), wants_full)

    def search_copies(self, client, names):
        """One search: by name for a single job, else every job (the name hint matches one name only), oldest first
        (api-behaviour §19)."""
        query_string = 'name:%s' % names[0] if len(names) == 1 else None
        return api.search_jobs(client, query_string, oldest_first=True)

    def create(self, client, payload):
        # the lookup by name found none: any job of that name after a failed create is this one
        return api.create_job(client, payload, known_ids=set())

    def update(self, client, obj, payload, not_stored=None):
        return api.update_job(client, obj['id'], payload, not_stored=not_stored)

    def delete(self, client, obj):
        return api.delete_job(client, obj['id'])


def _resolved(resources, scripts_found, params, prefix=''):
    """``(params, labels)``: the entities and the script that ``params`` name by name, resolved into ids."""
    params, labels = entities.resolve_job(resources, params, prefix + 'entities')
    return scripts.resolve_job(scripts_found, params, labels, prefix)


def _check_no_mask_sent_back(job):
    """A parameter value a read showed masked must not be sent back: it would store the mask as the value."""
    masked = [text(item.get('paramId')) for item in as_dict(job.get('script')).get('parameters') or []
              if isinstance(item, dict) and item.get('value') == REDACTED]
    if masked:
        raise ValidationError('custom_script.parameters: OpsRamp shows the value of parameter %s of this job masked, '
                              'and an update sends the whole job: give custom_script.parameters, with their values, to '
                              'update it' % ', '.join(masked), option='custom_script.parameters')


def _stored_job_type(job):
    script = as_dict(job.get('script'))
    if script.get('jobType') not in (None, ''):
        return JOB_TYPE.canonical(script['jobType'])
    return 'custom' if script.get('customScript') is not None else None


JOBS = JobResource()
