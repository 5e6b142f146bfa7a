# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The job as one table: every option of opsramp_job declared once, with its documentation and its API mapping.

``JOB_MODEL`` derives the canonical states and the request body from it (``_engine/model.py``); the argument specs of
opsramp_job and of the elements of opsramp_jobs, their doc fragments and the schedule roles' argument specs are
rendered from it (``_engine/options.py``, ``ci/render_docs.py``). docs/architecture.md says how to add a field or a
job type: both are an edit of this file. "api-behaviour §N" is section N of docs/api-behaviour.md.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.opsramp.automation.plugins.module_utils._engine.fields import Field, Option, Section
from ansible_collections.opsramp.automation.plugins.module_utils._engine.kinds import Choice, Count, Flag, Text
from ansible_collections.opsramp.automation.plugins.module_utils._engine.model import Model
from ansible_collections.opsramp.automation.plugins.module_utils._engine.values import as_dict
from ansible_collections.opsramp.automation.plugins.module_utils._jobs import schedule as sched
from ansible_collections.opsramp.automation.plugins.module_utils._jobs.entities import Entities
from ansible_collections.opsramp.automation.plugins.module_utils._jobs.parameters import Parameters
from ansible_collections.opsramp.automation.plugins.module_utils._jobs.types import JobType

# The job types OpsRamp lists (api-behaviour §5) plus the two seen elsewhere: known types are recognised in any case
# and sent in OpsRamp's spelling. A type with settings of its own also has a section below (``for_type``).
JOB_TYPES = (
    'adCheckList', 'antispyware', 'antivirus', 'appaudit', 'assetinfo', 'backupagent', 'diskdefrag', 'exbpaCheckList',
    'missingPatchesRequest', 'sqlreport', 'networkconfigbackup', 'tempfilesreport', 'appinstall', 'appupdate',
    'custom', 'missingPatchesDownloadUpdate',
)

VERSIONS_SAVED = {'all_versions': 'ALL_VERSIONS', 'version_with_changes': 'VERSION_WITH_CHANGES'}
APPROVALS = {'manual': 0, 'auto': 1}
USER_TYPES = {'system': 1, 'other': 2}

# The read-only enrichments OpsRamp adds to a job it returns (api-behaviour §6): dropped before a job is sent back,
# never compared. Everything else a stored job holds is sent back as it is (api-behaviour §3).
READ_ONLY_KEYS = (
    (('entities', '[]', 'resource'), ('generalInfo', 'clientUniqueId')),
    (('script', 'customScript'), ('name', 'description', 'platforms')),
    (('script', 'parameters', '[]'), ('name',)),
    (('script', 'parameters', '[]', 'itopMacro'), ('name',)),
    (('credentialSet',), ('name',)),
)

_DAY_HINT = 'a full name or a three-letter abbreviation, in any case, for example V(Monday) or V(mon)'


def _derived_job_type(job):
    """Custom jobs come back without jobType; their script has customScript instead (api-behaviour §7)."""
    return 'custom' if as_dict(job.get('script')).get('customScript') is not None else None


def _job_types():
    """The known types: those listed above and those a section belongs to."""
    return JOB_TYPES + tuple(section.for_type for section in _SECTIONS if section.for_type not in (None,) + JOB_TYPES)


_SCHEDULE = Section('schedule', 'schedule', [
    'When the job runs.',
    'The pattern given here replaces the whole pattern of the job: settings that do not apply to the new'
    ' O(schedule.type) are dropped, for example the week days of a weekly job that becomes daily.',
    'Required to create a job.',
], [
    Field('start_date', 'startDate', sched.StartDate(), [
        'Date and time of the first run, as C(YYYY-MM-DDTHH:MM) or C(YYYY-MM-DDTHH:MM:SS), optionally followed by'
        ' C(Z) or an offset such as C(+0000), C(+05:30) or C(-0800); a space may replace the C(T). Without an offset'
        ' the time is UTC.',
        'OpsRamp keeps whole minutes only, so seconds are dropped and the date is compared in UTC at minute precision.',
        'When left out, a new job starts at the time of the task (to the minute) and an existing job keeps its start'
        ' date.',
        'Mutually exclusive with O(schedule.start_time).',
    ]),
    Field('start_time', 'startDate', sched.StartTime(), [
        'Time of day of the runs, as C(HH:MM), optionally followed by C(Z) or an offset such as C(+01:00); without an'
        ' offset the time is UTC. Use it instead of O(schedule.start_date) when only the time of day matters.',
        'A new job starts at the next occurrence of that time; an existing job keeps its start date and only a'
        ' different time of day (compared in UTC) is a change. So a playbook that gives a time but no date stays'
        ' idempotent day after day.',
    ]),
    Field('type', 'pattern.type', Choice(sched.SCHEDULE_TYPES), [
        'How the job repeats.',
        'V(daily) needs O(schedule.frequency). V(weekly) needs O(schedule.week_days). V(monthly) needs'
        ' O(schedule.days_of_month), or O(schedule.week_index) with O(schedule.day_of_week).',
        'V(run_once) and V(never) take no other pattern setting: OpsRamp describes V(run_once) as I(a single run after'
        ' the initial occurrence) and V(never) as I(a single run, not repeated).',
    ], required=True),
    Field('frequency', 'pattern.frequency', Choice(sched.FREQUENCIES), [
        'Required with O(schedule.type=daily), not allowed with other types: every day, every weekday, or every'
        ' O(schedule.repeat_every) days (V(recurrence)).',
    ], when=sched.is_daily),
    Field('repeat_every', 'pattern.repeatFrequency', Count('days'), [
        'Required with O(schedule.frequency=recurrence), not allowed otherwise: run the job every this many days, V(1)'
        ' or more.',
    ], when=sched.is_daily_recurrence, also_write={'repeatType': 'days'}),
    Field('week_days', 'pattern.weekDays', sched.WeekDays(), [
        'Required with O(schedule.type=weekly), not allowed with other types: the days of the week the job runs on,'
        ' each %s. Order and duplicates do not matter.' % _DAY_HINT,
    ], when=sched.is_weekly),
    Field('days_of_month', 'pattern.dayOfMonth', sched.MonthDays(), [
        'With O(schedule.type=monthly): the days of the month the job runs on, from V(1) to V(31). Order and'
        ' duplicates do not matter.',
        'Give either this or O(schedule.week_index) with O(schedule.day_of_week).',
    ], when=sched.is_monthly),
    Field('week_index', 'pattern.weekIndex', Choice(sched.WEEK_INDEXES), [
        'With O(schedule.type=monthly) and O(schedule.day_of_week): which one of that day in the month the job runs'
        ' on, for example V(second) with O(schedule.day_of_week=Sunday).',
    ], when=sched.is_monthly),
    # Both spellings are read; an update keeps the stored one, a create sends the seed's sample's (api-behaviour §9).
    Field('day_of_week', ('pattern.dayOfWeek', 'pattern.dayOfIndex'), sched.Day(), [
        'With O(schedule.type=monthly) and O(schedule.week_index): the day of the week, %s.' % _DAY_HINT,
    ], when=sched.is_monthly, write_as_stored=True),
])

_SECTIONS = (
    _SCHEDULE,
    Section('network_backup', 'script.configParams', [
        'Settings of a network configuration backup job; only with O(job_type=networkconfigbackup).',
        'Only the settings given are managed.',
    ], [
        Field('versions_saved', 'versionsSaved', Choice(VERSIONS_SAVED), [
            'Which configuration backups to keep: every one, or only those that differ from the previous one.',
        ]),
        # absent=False: a flag a stored job leaves out is off [INF] (api-behaviour §7)
        Field('backup_on_trap', 'backUpTrigger', Flag(), [
            'Whether to back up the configuration when the device sends a configuration-change SNMP trap.',
        ], absent=False),
        Field('startup_config_alert', 'startupConfigAlert', Flag(), [
            'Whether to raise an alert when the startup configuration changes.',
        ], absent=False),
        # The schema's spelling is runConfigAlert, every sample's runtimeConfigAlert (api-behaviour §8).
        Field('runtime_config_alert', ('runtimeConfigAlert', 'runConfigAlert'), Flag(), [
            'Whether to raise an alert when the running configuration changes.',
        ], absent=False),
        Field('backup_startup_config', 'startUpConfigFilesBackUp', Flag(), [
            'Whether to back up the startup configuration files.',
        ], absent=False),
        Field('backup_runtime_config', 'runTimeConfigFilesBackUp', Flag(), [
            'Whether to back up the running configuration files.',
        ], absent=False),
    ], for_type='networkconfigbackup'),
    Section('app_install', 'script.approvalType', [
        'Settings of an application install job; only with O(job_type=appinstall).',
        'Only the settings given are managed.',
    ], [
        Field('approval', 'approvalType', Choice(APPROVALS, numeric=True), [
            'How the installation is approved: V(manual) (C(0) in the API) or V(auto) (C(1)).',
        ]),
        Field('reason', 'approvalReason', Text(), ['The reason recorded for the approval.'], absent=''),
        Field('alert', 'alertRequired', Flag(), ['Whether to raise an alert about the installation.'], absent=False),
    ], for_type='appinstall'),
    Section('custom_script', 'script', [
        'The RBA script a custom job runs; only with O(job_type=custom).',
        'The script is named by O(custom_script.id) or by O(custom_script.script), one of which is required to create a'
        ' custom job. Only the settings given are managed.',
    ], [
        Field('id', 'customScript.id', Text(blank=False, as_text_on_send=True), [
            'Identifier of the RBA script.',
            'Mutually exclusive with O(custom_script.script).',
        ]),
        Option('script', [
            'The RBA script by its name in its category, instead of O(custom_script.id). The task looks the script up'
            ' before anything is written and the job stores its id, so the job, its comparison and check mode are'
            ' exactly as with O(custom_script.id); the diff shows the id after the name, as C(Restart Apache (78)).',
            'OpsRamp has no search of scripts: the task lists the categories once and the scripts of each category it'
            ' names once, however many jobs of the task name them (M(opsramp.automation.opsramp_jobs) shares them across'
            ' its whole list).',
            'The task fails, writing nothing, when the category or the script does not exist, or when several scripts'
            ' of the category have the name (their ids are named: give O(custom_script.id) to choose one).',
        ], suboptions=[
            Option('name', ['Name of the script, compared exactly (case-sensitive).'], required=True),
            Option('category', [
                'The category that holds the script: its name, or its path from the top, the names joined with V(/)'
                ' (V(Web/Apache)), compared exactly.',
                'Give O(custom_script.script.category_id) instead when a name is shared or holds V(/).',
            ]),
            Option('category_id', [
                'Identifier of the category that holds the script, instead of O(custom_script.script.category).',
            ]),
        ], type='dict'),
        Field('user_type', 'userType', Choice(USER_TYPES, numeric=True), [
            'Whether the script runs as the V(system) user or as an V(other) user.',
        ]),
        Field('parameters', 'parameters', Parameters(), [
            'The script parameters, each with a value or an iTOP macro.',
            'The list is authoritative: parameters it does not name are removed from the job. Order does not matter;'
            ' each parameter may appear once.',
        ], sensitive=True, suboptions=[
            Option('id', [
                'Identifier of the script parameter (C(paramId) in the API).',
                'Give exactly one of O(custom_script.parameters[].id) and O(custom_script.parameters[].name).',
            ]),
            Option('name', [
                'Name of the script parameter, as the script declares it (compared exactly), instead of'
                ' O(custom_script.parameters[].id). The job stores its id; the diff shows the id after the name.',
                'The name is looked up in the script O(custom_script.script) names, at no extra cost. With'
                ' O(custom_script.id), the task looks for the script in every category (a script has no read outside'
                ' its category), listing each category\'s scripts once.',
                'The task fails, writing nothing, when the script declares no parameter of that name, or several.',
            ]),
            Option('value', [
                'Value of the parameter. Give exactly one of O(custom_script.parameters[].value) and'
                ' O(custom_script.parameters[].macro); use V("") for an empty value.',
            ]),
            Option('macro', [
                'Identifier of the iTOP macro that supplies the value at run time (C(itopMacro.id) in the API), instead'
                ' of O(custom_script.parameters[].value).',
                'Changing a parameter from a value to a macro, or back, is a change.',
            ]),
            Option('sensitive', [
                'Whether O(custom_script.parameters[].value) is a secret. A secret value is still compared and sent,'
                ' but never shown in the output or the diff of the task.',
            ], type='bool', default=False),
        ]),
    ], for_type='custom'),
)

JOB_TYPE = JobType(_job_types())

JOB_OPTIONS = (
    Option('id', [
        'Identifier (a UUID) that OpsRamp gave the job.',
        'When given, the job is found by O(id) rather than by O(name).',
    ]),
    Field('name', 'name', Text(blank=False), [
        'Name of the job.',
        'Without O(id), the job is found by this exact, case-sensitive name; the task fails if several jobs share it.',
        'Required to create a job.',
    ]),
    Field('job_type', 'script.jobType', JOB_TYPE, [
        'Type of the job, the C(script.jobType) of the API, for example V(adCheckList), V(antivirus), V(assetinfo),'
        ' V(networkconfigbackup) (see O(network_backup)), V(appinstall) (see O(app_install)) or V(custom) (an RBA'
        ' script, see O(custom_script)).',
        'The types a tenant offers are listed by C(GET /api/v2/tenants/{tenantId}/jobs/types). Known types are'
        ' recognised in any case.',
        'Required to create a job. Changing the type of an existing job drops the settings of its former type.',
    ], absent=_derived_job_type),
    Field('entities', 'entities', Entities(), [
        'The resources the job runs on.',
        'The list is authoritative: resources it does not name are removed from the job. Order and duplicates do not'
        ' matter. V([]) removes all resources; leave the option out to keep them as they are.',
        'Each element names its resource in exactly one way: O(entities[].id), O(entities[].name),'
        ' O(entities[].host_name) or O(entities[].ip_address). The task looks every name up (one search per distinct'
        ' name) before anything is written, and fails, writing nothing, when no resource or several match. The job,'
        ' its diff and check mode show the ids; the diff shows each resolved id after the name it was found by, in'
        ' parentheses.',
    ], suboptions=[
        Option('id', ['Identifier of the resource, for example a device UUID.']),
        Option('name', [
            'The resource name, compared exactly (case-sensitive). See M(opsramp.automation.opsramp_resource_info) for'
            ' what a name finds.',
        ]),
        Option('host_name', ['The resource\'s host name, compared regardless of case.']),
        Option('ip_address', ['The resource\'s IP address, compared as an address (an IPv6 address in any notation).']),
        Option('type', ['Type of the resource. Compared regardless of case and sent in upper case.'], default='DEVICE'),
    ]),
    # absent=False: a flag a stored job leaves out is off [INF] (api-behaviour §7)
    Field('queued', 'jobQueued', Flag(), [
        'Whether the job waits in a queue for other jobs to finish (C(jobQueued) in the API).',
    ], absent=False),
    Field('credential_set', 'credentialSet.uniqueId', Text(blank=False), [
        'The unique id of the device or client credential set the job runs with (C(credentialSet.uniqueId) in the'
        ' API), typically for a custom script job.',
        'Left out, the job keeps the credential set it has.',
    ]),
) + _SECTIONS

JOB_MODEL = Model(JOB_OPTIONS, READ_ONLY_KEYS)
