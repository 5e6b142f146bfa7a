# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    # Rendered from the job table (plugins/module_utils/_jobs/table.py) as opsramp_jobs' list elements take it;
    # tests/unit/plugins/doc_fragments/test_doc_fragments.py fails when they drift; `make render` rewrites them.
    DOCUMENTATION = r'''
options:
  jobs:
    description:
      - The jobs to reconcile. Each element takes exactly the options of M(opsramp.automation.opsramp_job), validated the
        same way, and its own O(jobs[].state).
      - An element is matched with a job of the tenant by O(jobs[].id) when given, else by its exact O(jobs[].name). Two
        elements may not name the same job, and a name that several jobs of the tenant share makes the task fail before
        anything is written.
      - 'V([]) is a valid list: with O(prune=true) it deletes every job whose name starts with O(prune_prefix).'
    type: list
    elements: dict
    required: true
    suboptions:
      id:
        description:
          - Identifier (a UUID) that OpsRamp gave the job.
          - When given, the job is found by O(jobs[].id) rather than by O(jobs[].name).
        type: str
      name:
        description:
          - Name of the job.
          - Without O(jobs[].id), the job is found by this exact, case-sensitive name; the task fails if several jobs share
            it.
          - Required to create a job.
        type: str
      job_type:
        description:
          - Type of the job, the C(script.jobType) of the API, for example V(adCheckList), V(antivirus), V(assetinfo), V(networkconfigbackup)
            (see O(jobs[].network_backup)), V(appinstall) (see O(jobs[].app_install)) or V(custom) (an RBA script, see O(jobs[].custom_script)).
          - The types a tenant offers are listed by C(GET /api/v2/tenants/{tenantId}/jobs/types). Known types are recognised
            in any case.
          - Required to create a job. Changing the type of an existing job drops the settings of its former type.
        type: str
      entities:
        description:
          - The resources the job runs on.
          - 'The list is authoritative: resources it does not name are removed from the job. Order and duplicates do not
            matter. V([]) removes all resources; leave the option out to keep them as they are.'
          - 'Each element names its resource in exactly one way: O(jobs[].entities[].id), O(jobs[].entities[].name), O(jobs[].entities[].host_name)
            or O(jobs[].entities[].ip_address). The task looks every name up (one search per distinct name) before anything
            is written, and fails, writing nothing, when no resource or several match. The job, its diff and check mode
            show the ids; the diff shows each resolved id after the name it was found by, in parentheses.'
        type: list
        elements: dict
        suboptions:
          id:
            description:
              - Identifier of the resource, for example a device UUID.
            type: str
          name:
            description:
              - The resource name, compared exactly (case-sensitive). See M(opsramp.automation.opsramp_resource_info) for
                what a name finds.
            type: str
          host_name:
            description:
              - The resource's host name, compared regardless of case.
            type: str
          ip_address:
            description:
              - The resource's IP address, compared as an address (an IPv6 address in any notation).
            type: str
          type:
            description:
              - Type of the resource. Compared regardless of case and sent in upper case.
            type: str
            default: DEVICE
      queued:
        description:
          - Whether the job waits in a queue for other jobs to finish (C(jobQueued) in the API).
        type: bool
      credential_set:
        description:
          - The unique id of the device or client credential set the job runs with (C(credentialSet.uniqueId) in the API),
            typically for a custom script job.
          - Left out, the job keeps the credential set it has.
        type: str
      schedule:
        description:
          - When the job runs.
          - 'The pattern given here replaces the whole pattern of the job: settings that do not apply to the new O(jobs[].schedule.type)
            are dropped, for example the week days of a weekly job that becomes daily.'
          - Required to create a job.
        type: dict
        suboptions:
          start_date:
            description:
              - Date and time of the first run, as C(YYYY-MM-DDTHH:MM) or C(YYYY-MM-DDTHH:MM:SS), optionally followed by
                C(Z) or an offset such as C(+0000), C(+05:30) or C(-0800); a space may replace the C(T). Without an offset
                the time is UTC.
              - OpsRamp keeps whole minutes only, so seconds are dropped and the date is compared in UTC at minute precision.
              - When left out, a new job starts at the time of the task (to the minute) and an existing job keeps its start
                date.
              - Mutually exclusive with O(jobs[].schedule.start_time).
            type: str
          start_time:
            description:
              - Time of day of the runs, as C(HH:MM), optionally followed by C(Z) or an offset such as C(+01:00); without
                an offset the time is UTC. Use it instead of O(jobs[].schedule.start_date) when only the time of day matters.
              - A new job starts at the next occurrence of that time; an existing job keeps its start date and only a different
                time of day (compared in UTC) is a change. So a playbook that gives a time but no date stays idempotent
                day after day.
            type: str
          type:
            description:
              - How the job repeats.
              - V(daily) needs O(jobs[].schedule.frequency). V(weekly) needs O(jobs[].schedule.week_days). V(monthly) needs
                O(jobs[].schedule.days_of_month), or O(jobs[].schedule.week_index) with O(jobs[].schedule.day_of_week).
              - 'V(run_once) and V(never) take no other pattern setting: OpsRamp describes V(run_once) as I(a single run
                after the initial occurrence) and V(never) as I(a single run, not repeated).'
            type: str
            required: true
            choices:
              - daily
              - weekly
              - monthly
              - run_once
              - never
          frequency:
            description:
              - 'Required with O(jobs[].schedule.type=daily), not allowed with other types: every day, every weekday, or
                every O(jobs[].schedule.repeat_every) days (V(recurrence)).'
            type: str
            choices:
              - everyday
              - every_weekday
              - recurrence
          repeat_every:
            description:
              - 'Required with O(jobs[].schedule.frequency=recurrence), not allowed otherwise: run the job every this many
                days, V(1) or more.'
            type: int
          week_days:
            description:
              - 'Required with O(jobs[].schedule.type=weekly), not allowed with other types: the days of the week the job
                runs on, each a full name or a three-letter abbreviation, in any case, for example V(Monday) or V(mon).
                Order and duplicates do not matter.'
            type: list
            elements: str
          days_of_month:
            description:
              - 'With O(jobs[].schedule.type=monthly): the days of the month the job runs on, from V(1) to V(31). Order
                and duplicates do not matter.'
              - Give either this or O(jobs[].schedule.week_index) with O(jobs[].schedule.day_of_week).
            type: list
            elements: int
          week_index:
            description:
              - 'With O(jobs[].schedule.type=monthly) and O(jobs[].schedule.day_of_week): which one of that day in the month
                the job runs on, for example V(second) with O(jobs[].schedule.day_of_week=Sunday).'
            type: str
            choices:
              - first
              - second
              - third
              - fourth
              - last
          day_of_week:
            description:
              - 'With O(jobs[].schedule.type=monthly) and O(jobs[].schedule.week_index): the day of the week, a full name
                or a three-letter abbreviation, in any case, for example V(Monday) or V(mon).'
            type: str
      network_backup:
        description:
          - Settings of a network configuration backup job; only with O(jobs[].job_type=networkconfigbackup).
          - Only the settings given are managed.
        type: dict
        suboptions:
          versions_saved:
            description:
              - 'Which configuration backups to keep: every one, or only those that differ from the previous one.'
            type: str
            choices:
              - all_versions
              - version_with_changes
          backup_on_trap:
            description:
              - Whether to back up the configuration when the device sends a configuration-change SNMP trap.
            type: bool
          startup_config_alert:
            description:
              - Whether to raise an alert when the startup configuration changes.
            type: bool
          runtime_config_alert:
            description:
              - Whether to raise an alert when the running configuration changes.
            type: bool
          backup_startup_config:
            description:
              - Whether to back up the startup configuration files.
            type: bool
          backup_runtime_config:
            description:
              - Whether to back up the running configuration files.
            type: bool
      app_install:
        description:
          - Settings of an application install job; only with O(jobs[].job_type=appinstall).
          - Only the settings given are managed.
        type: dict
        suboptions:
          approval:
            description:
              - 'How the installation is approved: V(manual) (C(0) in the API) or V(auto) (C(1)).'
            type: str
            choices:
              - manual
              - auto
          reason:
            description:
              - The reason recorded for the approval.
            type: str
          alert:
            description:
              - Whether to raise an alert about the installation.
            type: bool
      custom_script:
        description:
          - The RBA script a custom job runs; only with O(jobs[].job_type=custom).
          - The script is named by O(jobs[].custom_script.id) or by O(jobs[].custom_script.script), one of which is required
            to create a custom job. Only the settings given are managed.
        type: dict
        suboptions:
          id:
            description:
              - Identifier of the RBA script.
              - Mutually exclusive with O(jobs[].custom_script.script).
            type: str
          script:
            description:
              - The RBA script by its name in its category, instead of O(jobs[].custom_script.id). The task looks the script
                up before anything is written and the job stores its id, so the job, its comparison and check mode are exactly
                as with O(jobs[].custom_script.id); the diff shows the id after the name, as C(Restart Apache (78)).
              - 'OpsRamp has no search of scripts: the task lists the categories once and the scripts of each category it
                names once, however many jobs of the task name them (M(opsramp.automation.opsramp_jobs) shares them across
                its whole list).'
              - 'The task fails, writing nothing, when the category or the script does not exist, or when several scripts
                of the category have the name (their ids are named: give O(jobs[].custom_script.id) to choose one).'
            type: dict
            suboptions:
              name:
                description:
                  - Name of the script, compared exactly (case-sensitive).
                type: str
                required: true
              category:
                description:
                  - 'The category that holds the script: its name, or its path from the top, the names joined with V(/)
                    (V(Web/Apache)), compared exactly.'
                  - Give O(jobs[].custom_script.script.category_id) instead when a name is shared or holds V(/).
                type: str
              category_id:
                description:
                  - Identifier of the category that holds the script, instead of O(jobs[].custom_script.script.category).
                type: str
          user_type:
            description:
              - Whether the script runs as the V(system) user or as an V(other) user.
            type: str
            choices:
              - system
              - other
          parameters:
            description:
              - The script parameters, each with a value or an iTOP macro.
              - 'The list is authoritative: parameters it does not name are removed from the job. Order does not matter;
                each parameter may appear once.'
            type: list
            elements: dict
            suboptions:
              id:
                description:
                  - Identifier of the script parameter (C(paramId) in the API).
                  - Give exactly one of O(jobs[].custom_script.parameters[].id) and O(jobs[].custom_script.parameters[].name).
                type: str
              name:
                description:
                  - Name of the script parameter, as the script declares it (compared exactly), instead of O(jobs[].custom_script.parameters[].id).
                    The job stores its id; the diff shows the id after the name.
                  - The name is looked up in the script O(jobs[].custom_script.script) names, at no extra cost. With O(jobs[].custom_script.id),
                    the task looks for the script in every category (a script has no read outside its category), listing
                    each category's scripts once.
                  - The task fails, writing nothing, when the script declares no parameter of that name, or several.
                type: str
              value:
                description:
                  - Value of the parameter. Give exactly one of O(jobs[].custom_script.parameters[].value) and O(jobs[].custom_script.parameters[].macro);
                    use V("") for an empty value.
                type: str
              macro:
                description:
                  - Identifier of the iTOP macro that supplies the value at run time (C(itopMacro.id) in the API), instead
                    of O(jobs[].custom_script.parameters[].value).
                  - Changing a parameter from a value to a macro, or back, is a change.
                type: str
              sensitive:
                description:
                  - Whether O(jobs[].custom_script.parameters[].value) is a secret. A secret value is still compared and
                    sent, but never shown in the output or the diff of the task.
                type: bool
                default: false
      state:
        description:
          - V(present) creates the job or updates it to match; V(absent) deletes it.
          - With V(absent), a job that does not exist is not an error.
        type: str
        default: present
        choices:
          - present
          - absent
      source:
        description:
          - Where the element comes from, for example the path of the file that declares the job in a Git repository.
          - Every message about the element names it, with its position in the list and O(jobs[].name), so that an error
            points at the file to fix. It is never sent to OpsRamp and never compared.
        type: str
'''
