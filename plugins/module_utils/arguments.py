# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Option tables, defined once, turned into argument specs and doc fragments.

``connection.CONNECTION_OPTIONS`` drives three things: the argument spec every module merges in
(``connection_argument_spec``), the environment fallbacks, and the ``opsramp.automation.connection`` doc fragment
(``connection_doc_fragment``), so the docs can never drift from what the modules accept. The job option tables below
do the same for the job options.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible.module_utils.basic import env_fallback
from ansible.module_utils.parsing.convert_bool import boolean
from ansible_collections.opsramp.automation.plugins.module_utils._http.config import CONNECTION_OPTIONS
from ansible_collections.opsramp.automation.plugins.module_utils.job_model import (
    APPROVALS, FREQUENCIES, SCHEDULE_TYPES, USER_TYPES, VERSIONS_SAVED, WEEK_INDEXES)


# Every module extends the connection doc fragment, so its documentation lists these (the import error of a module
# without requests says "please read the module documentation").
REQUIREMENTS = [
    'requests, in the Python that runs the module (with C(hosts: localhost), the Python of C(ansible-playbook))',
]


def connection_argument_spec():
    """The argument spec entries for the connection options, with their environment fallbacks."""
    spec = {}
    for option in CONNECTION_OPTIONS:
        entry = dict(type=option['type'], fallback=(env_fallback, [option['env']]))
        if 'default' in option:
            entry['default'] = option['default']
        entry['no_log'] = bool(option.get('no_log'))
        spec[option['name']] = entry
    return spec


def connection_doc_fragment():
    """The ``requirements`` and ``options`` of the connection doc fragment, as data.

    ``plugins/doc_fragments/connection.py`` must hold this as a YAML literal (ansible-test reads fragments without
    running them); ``tests/unit/plugins/doc_fragments/test_doc_fragments.py`` fails, printing the YAML, when they differ.
    """
    options = {}
    for option in CONNECTION_OPTIONS:
        doc = dict(description=list(option['description']), type=option['type'])
        doc['description'].append('If not set, the value of the E(%s) environment variable is used.' % option['env'])
        if option.get('required'):
            doc['description'].append('Required, here or in E(%s).' % option['env'])
        if 'default' in option:
            doc['default'] = option['default']
        options[option['name']] = doc
    return dict(requirements=list(REQUIREMENTS), options=options)


# ---------------------------------------------------------------------------------------------------- job options
# One table drives the job options' argument spec (``job_argument_spec``: opsramp_job takes these options, and the
# elements of a bulk module's job list would take exactly the same) and their doc fragment (``job_doc_fragment``).
# Suboptions have no defaults except entities[].type and parameters[].sensitive: an option left out is not managed.

# The choices are the keys of job_model's option-to-API value tables, so the two cannot drift.
_SCHEDULE_TYPE_CHOICES = list(SCHEDULE_TYPES)
_FREQUENCY_CHOICES = list(FREQUENCIES)
_WEEK_INDEX_CHOICES = list(WEEK_INDEXES)
_VERSIONS_SAVED_CHOICES = list(VERSIONS_SAVED)
_APPROVAL_CHOICES = list(APPROVALS)
_USER_TYPE_CHOICES = list(USER_TYPES)

_DAY_HINT = 'a full name or a three-letter abbreviation, in any case, for example V(Monday) or V(mon)'

JOB_OPTIONS = [
    dict(name='id', type='str',
         description=[
             'Identifier (a UUID) that OpsRamp gave the job.',
             'When given, the job is found by O(id) rather than by O(name).',
         ]),
    dict(name='name', type='str',
         description=[
             'Name of the job.',
             'Without O(id), the job is found by this exact, case-sensitive name; the task fails if several jobs share it.',
             'Required to create a job.',
         ]),
    dict(name='job_type', type='str',
         description=[
             'Type of the job, the C(script.jobType) of the API, for example V(adCheckList), V(antivirus), V(assetinfo),'
             ' V(networkconfigbackup) (see O(network_backup)), V(appinstall) (see O(app_install)) or V(custom)'
             ' (an RBA script, see O(custom_script)).',
             'The types a tenant offers are listed by C(GET /api/v2/tenants/{tenantId}/jobs/types). Known types are'
             ' recognised in any case.',
             'Required to create a job. Changing the type of an existing job drops the settings of its former type.',
         ]),
    dict(name='entities', type='list', elements='dict',
         description=[
             'The resources the job runs on.',
             'The list is authoritative: resources it does not name are removed from the job. Order and duplicates do'
             ' not matter. V([]) removes all resources; leave the option out to keep them as they are.',
             'Each element names its resource in exactly one way: O(entities[].id), O(entities[].name),'
             ' O(entities[].host_name) or O(entities[].ip_address). The task looks every name up (one search per'
             ' distinct name) before anything is written, and fails, writing nothing, when no resource or several'
             ' match. The job, its diff and check mode show the ids; the diff shows each resolved id after the name'
             ' it was found by, in parentheses.',
         ],
         options=[
             dict(name='id', type='str', description=['Identifier of the resource, for example a device UUID.']),
             dict(name='name', type='str',
                  description=['The resource name, compared exactly (case-sensitive). See'
                               ' M(opsramp.automation.opsramp_resource_info) for what a name finds.']),
             dict(name='host_name', type='str', description=['The resource\'s host name, compared regardless of case.']),
             dict(name='ip_address', type='str',
                  description=['The resource\'s IP address, compared as an address (an IPv6 address in any notation).']),
             dict(name='type', type='str', default='DEVICE',
                  description=['Type of the resource. Compared regardless of case and sent in upper case.']),
         ]),
    dict(name='queued', type='bool',
         description=['Whether the job waits in a queue for other jobs to finish (C(jobQueued) in the API).']),
    dict(name='credential_set', type='str',
         description=[
             'The unique id of the device or client credential set the job runs with (C(credentialSet.uniqueId) in'
             ' the API), typically for a custom script job.',
             'Left out, the job keeps the credential set it has.',
         ]),
    dict(name='schedule', type='dict',
         description=[
             'When the job runs.',
             'The pattern given here replaces the whole pattern of the job: settings that do not apply to the new'
             ' O(schedule.type) are dropped, for example the week days of a weekly job that becomes daily.',
             'Required to create a job.',
         ],
         options=[
             dict(name='start_date', type='str',
                  description=[
                      'Date and time of the first run, as C(YYYY-MM-DDTHH:MM) or C(YYYY-MM-DDTHH:MM:SS), optionally'
                      ' followed by C(Z) or an offset such as C(+0000), C(+05:30) or C(-0800); a space may replace the'
                      ' C(T). Without an offset the time is UTC.',
                      'OpsRamp keeps whole minutes only, so seconds are dropped and the date is compared in UTC at'
                      ' minute precision.',
                      'When left out, a new job starts at the time of the task (to the minute) and an existing job'
                      ' keeps its start date.',
                      'Mutually exclusive with O(schedule.start_time).',
                  ]),
             dict(name='start_time', type='str',
                  description=[
                      'Time of day of the runs, as C(HH:MM), optionally followed by C(Z) or an offset such as'
                      ' C(+01:00); without an offset the time is UTC. Use it instead of O(schedule.start_date) when'
                      ' only the time of day matters.',
                      'A new job starts at the next occurrence of that time; an existing job keeps its start date and'
                      ' only a different time of day (compared in UTC) is a change. So a playbook that gives a time but'
                      ' no date stays idempotent day after day.',
                  ]),
             dict(name='type', type='str', required=True, choices=_SCHEDULE_TYPE_CHOICES,
                  description=[
                      'How the job repeats.',
                      'V(daily) needs O(schedule.frequency). V(weekly) needs O(schedule.week_days). V(monthly) needs'
                      ' O(schedule.days_of_month), or O(schedule.week_index) with O(schedule.day_of_week).',
                      'V(run_once) and V(never) take no other pattern setting: OpsRamp describes V(run_once) as'
                      ' I(a single run after the initial occurrence) and V(never) as I(a single run, not repeated).',
                  ]),
             dict(name='frequency', type='str', choices=_FREQUENCY_CHOICES,
                  description=[
                      'Required with O(schedule.type=daily), not allowed with other types: every day, every weekday,'
                      ' or every O(schedule.repeat_every) days (V(recurrence)).',
                  ]),
             dict(name='repeat_every', type='int',
                  description=[
                      'Required with O(schedule.frequency=recurrence), not allowed otherwise: run the job every this'
                      ' many days, V(1) or more.',
                  ]),
             dict(name='week_days', type='list', elements='str',
                  description=[
                      'Required with O(schedule.type=weekly), not allowed with other types: the days of the week the'
                      ' job runs on, each %s. Order and duplicates do not matter.' % _DAY_HINT,
                  ]),
             dict(name='days_of_month', type='list', elements='int',
                  description=[
                      'With O(schedule.type=monthly): the days of the month the job runs on, from V(1) to V(31). Order'
                      ' and duplicates do not matter.',
                      'Give either this or O(schedule.week_index) with O(schedule.day_of_week).',
                  ]),
             dict(name='week_index', type='str', choices=_WEEK_INDEX_CHOICES,
                  description=[
                      'With O(schedule.type=monthly) and O(schedule.day_of_week): which one of that day in the month'
                      ' the job runs on, for example V(second) with O(schedule.day_of_week=Sunday).',
                  ]),
             dict(name='day_of_week', type='str',
                  description=[
                      'With O(schedule.type=monthly) and O(schedule.week_index): the day of the week, %s.' % _DAY_HINT,
                  ]),
         ]),
    dict(name='network_backup', type='dict',
         description=[
             'Settings of a network configuration backup job; only with O(job_type=networkconfigbackup).',
             'Only the settings given are managed.',
         ],
         options=[
             dict(name='versions_saved', type='str', choices=_VERSIONS_SAVED_CHOICES,
                  description=['Which configuration backups to keep: every one, or only those that differ from the previous one.']),
             dict(name='backup_on_trap', type='bool',
                  description=['Whether to back up the configuration when the device sends a configuration-change SNMP trap.']),
             dict(name='startup_config_alert', type='bool',
                  description=['Whether to raise an alert when the startup configuration changes.']),
             dict(name='runtime_config_alert', type='bool',
                  description=['Whether to raise an alert when the running configuration changes.']),
             dict(name='backup_startup_config', type='bool',
                  description=['Whether to back up the startup configuration files.']),
             dict(name='backup_runtime_config', type='bool',
                  description=['Whether to back up the running configuration files.']),
         ]),
    dict(name='app_install', type='dict',
         description=[
             'Settings of an application install job; only with O(job_type=appinstall).',
             'Only the settings given are managed.',
         ],
         options=[
             dict(name='approval', type='str', choices=_APPROVAL_CHOICES,
                  description=['How the installation is approved: V(manual) (C(0) in the API) or V(auto) (C(1)).']),
             dict(name='reason', type='str', description=['The reason recorded for the approval.']),
             dict(name='alert', type='bool', description=['Whether to raise an alert about the installation.']),
         ]),
    dict(name='custom_script', type='dict',
         description=[
             'The RBA script a custom job runs; only with O(job_type=custom).',
             'O(custom_script.id) is required to create a custom job. Only the settings given are managed.',
         ],
         options=[
             dict(name='id', type='str', description=['Identifier of the RBA script.']),
             dict(name='user_type', type='str', choices=_USER_TYPE_CHOICES,
                  description=['Whether the script runs as the V(system) user or as an V(other) user.']),
             dict(name='parameters', type='list', elements='dict',
                  description=[
                      'The script parameters, each with a value or an iTOP macro.',
                      'The list is authoritative: parameters it does not name are removed from the job. Order does not'
                      ' matter; each parameter may appear once.',
                  ],
                  options=[
                      dict(name='id', type='str', required=True, description=['Identifier of the script parameter.']),
                      dict(name='value', type='str',
                           description=[
                               'Value of the parameter. Give exactly one of O(custom_script.parameters[].value) and'
                               ' O(custom_script.parameters[].macro); use V("") for an empty value.',
                           ]),
                      dict(name='macro', type='str',
                           description=[
                               'Identifier of the iTOP macro that supplies the value at run time (C(itopMacro.id) in'
                               ' the API), instead of O(custom_script.parameters[].value).',
                               'Changing a parameter from a value to a macro, or back, is a change.',
                           ]),
                      dict(name='sensitive', type='bool', default=False,
                           description=[
                               'Whether O(custom_script.parameters[].value) is a secret. A secret value is still'
                               ' compared and sent, but never shown in the output or the diff of the task.',
                           ]),
                  ]),
         ]),
]

_SPEC_KEYS = ('type', 'elements', 'required', 'default', 'choices')


def job_argument_spec(raw_params=None):
    """The argument spec entries of the job options (everything but connection options and ``state``).

    ``raw_params`` are the task's arguments before validation (``ansible.module_utils.basic._load_params()``). When
    they mark any script parameter ``sensitive``, every parameter value becomes ``no_log``: Ansible logs the
    invocation on the target (syslog or journal) while it builds the module, before the module itself could hide
    the secret ones.
    """
    spec = _argument_spec(JOB_OPTIONS)
    if declares_sensitive_parameters(raw_params):
        _hide_parameter_values(spec)
    return spec


def _hide_parameter_values(spec):
    spec['custom_script']['options']['parameters']['options']['value']['no_log'] = True


def declares_sensitive_parameters(raw_params):
    custom_script = (raw_params or {}).get('custom_script')
    parameters = custom_script.get('parameters') if isinstance(custom_script, dict) else None
    return isinstance(parameters, list) and any(
        isinstance(parameter, dict) and _marked_sensitive(parameter.get('sensitive', False)) for parameter in parameters)


def _marked_sensitive(value):
    """A value that is not a boolean counts as sensitive: validation rejects it later, but its failure echoes it."""
    try:
        return boolean(value, strict=True)
    except TypeError:
        return True


def _argument_spec(options):
    spec = {}
    for option in options:
        entry = dict((key, option[key]) for key in _SPEC_KEYS if key in option)
        if 'options' in option:
            entry['options'] = _argument_spec(option['options'])
        spec[option['name']] = entry
    return spec


def job_doc_fragment():
    """The ``options`` of the job doc fragment, as data.

    ``plugins/doc_fragments/job.py`` must hold this as a YAML literal; ``tests/unit/plugins/doc_fragments`` fails,
    printing the YAML, when they differ.
    """
    return dict(options=_option_docs(JOB_OPTIONS))


def _option_docs(options):
    docs = {}
    for option in options:
        doc = dict(description=list(option['description']))
        doc.update((key, option[key]) for key in _SPEC_KEYS if key in option)
        if 'options' in option:
            doc['suboptions'] = _option_docs(option['options'])
        docs[option['name']] = doc
    return docs


# ---------------------------------------------------------------------------------------------------- job lists
# opsramp_jobs takes a list whose elements take exactly the job options above, plus a state and a source per job.

JOB_STATE_OPTION = dict(
    name='state', type='str', choices=['present', 'absent'], default='present',
    description=[
        'V(present) creates the job or updates it to match; V(absent) deletes it.',
        'With V(absent), a job that does not exist is not an error.',
    ])

JOB_SOURCE_OPTION = dict(
    name='source', type='str',
    description=[
        'Where the element comes from, for example the path of the file that declares the job in a Git repository.',
        'Every message about the element names it, with its position in the list and O(name), so that an error'
        ' points at the file to fix. It is never sent to OpsRamp and never compared.',
    ])

JOB_LIST_ELEMENT_OPTIONS = JOB_OPTIONS + [JOB_STATE_OPTION, JOB_SOURCE_OPTION]

JOB_LIST_DESCRIPTION = [
    'The jobs to reconcile. Each element takes exactly the options of M(opsramp.automation.opsramp_job), validated'
    ' the same way, and its own O(jobs[].state).',
    'An element is matched with a job of the tenant by O(jobs[].id) when given, else by its exact O(jobs[].name).'
    ' Two elements may not name the same job, and a name that several jobs of the tenant share makes the task fail'
    ' before anything is written.',
    'V([]) is a valid list: with O(prune=true) it deletes every job whose name starts with O(prune_prefix).',
]

_OPTION_REFERENCE = re.compile(r'O\(([A-Za-z_][\w.\[\]]*)(=[^)]*)?\)')


def element_label(path, element):
    """How messages name a list element: its path, then its name and source when it has them
    (``jobs[3] 'nightly backup' from jobs/nightly-backup.yml``)."""
    label = path
    if element.get('name') is not None:
        label += " '%s'" % (element['name'],)
    if element.get('source'):
        label += ' from %s' % (element['source'],)
    return label


def naming(message, *elements):
    """``message`` about list ``elements`` (``(path, element)`` pairs), followed by their labels when they tell more
    than the message does: a source, or a name the message does not quote already."""
    if not any(_tells_more(message, element) for dummy, element in elements):
        return message
    return '%s (%s)' % (message, ', '.join(element_label(path, element) for path, element in elements))


def _tells_more(message, element):
    if element.get('source'):
        return True
    return element.get('name') is not None and "'%s'" % (element['name'],) not in message


def job_list_argument_spec(raw_params=None):
    """The ``jobs`` option of opsramp_jobs: a list of job options plus ``state`` and ``source`` (see
    ``job_argument_spec``).

    When any element of the raw ``jobs`` marks a script parameter ``sensitive``, every parameter value of every
    element becomes ``no_log``, for the reason ``job_argument_spec`` gives.
    """
    element = _argument_spec(JOB_LIST_ELEMENT_OPTIONS)
    raw_jobs = (raw_params or {}).get('jobs')
    if isinstance(raw_jobs, list) and any(declares_sensitive_parameters(job) for job in raw_jobs if isinstance(job, dict)):
        _hide_parameter_values(element)
    return dict(jobs=dict(type='list', elements='dict', required=True, options=element))


def job_list_doc_fragment():
    """The ``options`` of the job list doc fragment (``jobs``), as data; references point inside ``jobs[]``."""
    suboptions = _option_docs(JOB_LIST_ELEMENT_OPTIONS)
    return dict(options=dict(jobs=dict(description=list(JOB_LIST_DESCRIPTION), type='list', elements='dict',
                                       required=True, suboptions=_within_list('jobs', suboptions))))


def _within_list(parent, docs):
    """Option docs with every O(option) reference rewritten to O(parent[].option)."""
    def rewrite(text):
        return _OPTION_REFERENCE.sub(lambda match: 'O(%s[].%s%s)' % (parent, match.group(1), match.group(2) or ''), text)

    result = {}
    for name, doc in docs.items():
        doc = dict(doc, description=[rewrite(line) for line in doc['description']])
        if 'suboptions' in doc:
            doc['suboptions'] = _within_list(parent, doc['suboptions'])
        result[name] = doc
    return result
