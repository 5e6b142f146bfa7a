# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Bad input through the real modules and roles: every case fails with a message naming the option, and not one
request reaches the simulator (not even a token request).

The cases of one table run in one ansible-playbook process (each behind a marker task, so the simulator requests
are charged to the case that caused them); each case is then one parametrised test. The connection comes from
module_defaults and is valid, so a wrong value that slipped through would reach the simulator and be counted.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import fcntl
import json
import os
import re

import pytest

from reliability_support import Ansible, assert_no_secret, job_task

from conftest import CLIENT_SECRET

URL_PASSWORD = 'rel-url-password-1f3a'
SECRET_VALUE = 'rel-bad-input-secret-77c1'
JOB = 'opsramp.automation.opsramp_job'
INFO = 'opsramp.automation.opsramp_job_info'
RUN = 'opsramp.automation.opsramp_job_run'
TYPES = 'opsramp.automation.opsramp_job_type_info'
BULK = 'opsramp.automation.opsramp_jobs'
TOKEN = 'opsramp.automation.opsramp_token'
RESOURCES = 'opsramp.automation.opsramp_resource_info'
SCRIPT = 'opsramp.automation.opsramp_script'
CATEGORY = 'opsramp.automation.opsramp_script_category'
GOOD_SCRIPT = dict(name='rel-script', category='Ops', execution_type='shell', content='echo ok')
OMIT = '{{ omit }}'
SCHEDULE = {'type': 'daily', 'frequency': 'everyday'}
GOOD = dict(name='rel-bad-input', job_type='adCheckList', schedule=SCHEDULE)


def with_good(**changes):
    args = dict(GOOD)
    args.update(changes)
    return dict((key, value) for key, value in args.items() if value is not None)


def schedule(**changes):
    return with_good(schedule=changes)


def from_file_b(**changes):
    """A job 'b' that jobs/b.yml declares, as a GitOps repository's element of jobs."""
    return dict(GOOD, name='b', source='jobs/b.yml', **changes)


# (case id, module, arguments, regular expression the failure message must match: it names the option)
MODULE_CASES = [
    # ---- connection options, every module
    ('url-missing', JOB, with_good(url=OMIT), r"missing required option 'url' \(or environment variable OPSRAMP_URL\)"),
    ('url-not-http', TYPES, dict(url='ftp://127.0.0.1/'), r"^url 'ftp://127.0.0.1' is not an http\(s\) URL"),
    ('url-without-host', INFO, dict(url='https://'), r"^url 'https:' is not an http\(s\) URL"),
    ('url-with-password', RUN, dict(id='x', url='http://user:%s@127.0.0.1:9' % URL_PASSWORD),
     r'^url must not contain a user name or password'),
    ('url-with-query', TYPES, dict(url='{{ sim_url }}/?tenant=1'), r"^url '.*' must not carry a query"),
    ('url-with-api-path', INFO, dict(url='{{ sim_url }}/api/v2/'),
     r"^url '.*/api/v2' must be the base URL of the API, without the API path: drop '/api/v2' \(url: http://"),
    ('tenant-missing', JOB, with_good(tenant_id=OMIT), r"missing required option 'tenant_id'"),
    ('tenant-blank', INFO, dict(tenant_id='   '), r"missing required option 'tenant_id'"),
    ('client-secret-missing', TYPES, dict(client_secret=OMIT), r"missing option 'client_secret'.*required with client_id"),
    ('client-id-missing', TYPES, dict(client_id=OMIT), r"missing option 'client_id'.*required with client_secret"),
    ('no-credentials', RUN, dict(name='x', client_id=OMIT, client_secret=OMIT), r'no credentials: give access_token'),
    ('timeout-not-a-number', JOB, with_good(timeout='soon'), r"argument 'timeout' is of type .* unable to convert to float"),
    ('timeout-zero', INFO, dict(timeout=0), r"option 'timeout' must be a number of seconds greater than 0"),
    ('timeout-negative', TYPES, dict(timeout=-5), r"option 'timeout' must be a number of seconds greater than 0"),
    ('timeout-infinite', RUN, dict(id='x', timeout='inf'), r"option 'timeout' must be a number of seconds"),
    ('max-retries-negative', JOB, with_good(max_retries=-1), r"option 'max_retries' must be an integer, 0 or more"),
    ('max-retries-not-int', INFO, dict(max_retries='many'), r"argument 'max_retries' is of type .* unable to convert to int"),
    ('validate-certs-not-bool', TYPES, dict(validate_certs='perhaps'), r"argument 'validate_certs' is of type .* bool"),
    ('ca-path-missing-file', JOB, with_good(ca_path='/nonexistent/ca.pem'), r"^ca_path '/nonexistent/ca.pem' is not a readable"),
    ('unknown-option', JOB, with_good(urll='http://x'), r'Unsupported parameters for .* module: urll'),
    ('unknown-option-types', TYPES, dict(tenant='client_1'), r'Unsupported parameters for .* module: tenant'),
    # ---- opsramp_job: identity and state
    ('state-unknown', JOB, with_good(state='gone'), r'value of state must be one of: present, absent, got: gone'),
    ('name-and-id-missing', JOB, dict(job_type='adCheckList', schedule=SCHEDULE), r'^name: name or id is required'),
    ('id-blank', JOB, with_good(id='  '), r'^id: must not be empty'),
    ('name-blank', JOB, with_good(name=' '), r'^name: must not be empty'),
    ('name-blank-absent', JOB, dict(name='', state='absent'), r'^name: must not be empty'),
    ('job-type-blank', JOB, with_good(job_type=''), r'^job_type: must not be empty'),
    # ---- entities and queued
    ('entities-not-a-list-of-dicts', JOB, with_good(entities='sw-1'), r"\bentities\b.*\b(list|dict)"),
    ('entities-target-missing', JOB, with_good(entities=[{'type': 'DEVICE'}]),
     r'^entities\[0\]: give exactly one of id, name, host_name or ip_address$'),
    ('entities-id-and-name', JOB, with_good(entities=[{'id': 'a'}, {'id': 'b', 'name': 'core-sw-01'}]),
     r'^entities\[1\]: give exactly one of id, name, host_name or ip_address \(it has id and name\)'),
    ('entities-host-and-ip', JOB, with_good(entities=[{'host_name': 'sw.example.net', 'ip_address': '10.0.0.1'}]),
     r'^entities\[0\]: give exactly one of .* \(it has host_name and ip_address\)'),
    ('entities-name-blank', JOB, with_good(entities=[{'name': ' '}]), r'^entities\[0\]\.name: must not be empty'),
    ('entities-ip-blank', JOB, with_good(entities=[{'ip_address': ''}]), r'^entities\[0\]\.ip_address: must not be empty'),
    ('entities-unknown-form', JOB, with_good(entities=[{'hostname': 'sw'}]),
     r'Unsupported parameters for .* module: entities.hostname'),
    ('entities-id-blank', JOB, with_good(entities=[{'id': ''}]), r'^entities\[0\]\.id: must not be empty'),
    ('entities-type-blank', JOB, with_good(entities=[{'id': 'a'}, {'id': 'b', 'type': ' '}]), r'^entities\[1\]\.type: must not be empty'),
    ('queued-not-bool', JOB, with_good(queued='sometimes'), r"argument 'queued' is of type .* bool"),
    # ---- schedule
    ('schedule-not-a-dict', JOB, with_good(schedule='daily'), r"\bschedule\b.*\bdict"),
    ('schedule-type-missing', JOB, schedule(frequency='everyday'), r'missing required arguments: type found in schedule'),
    ('schedule-type-unknown', JOB, schedule(type='hourly'), r'value of type must be one of: .* got: hourly found in schedule'),
    ('schedule-unknown-option', JOB, schedule(type='weekly', weekdays=['mon']), r'Unsupported parameters for .* module: schedule.weekdays'),
    ('daily-frequency-missing', JOB, schedule(type='daily'), r'^schedule.frequency: required when schedule.type is daily'),
    ('daily-frequency-unknown', JOB, schedule(type='daily', frequency='hourly'), r'value of frequency must be one of'),
    ('recurrence-repeat-missing', JOB, schedule(type='daily', frequency='recurrence'), r'^schedule.repeat_every: required'),
    ('recurrence-repeat-zero', JOB, schedule(type='daily', frequency='recurrence', repeat_every=0),
     r'^schedule.repeat_every: must be a whole number of days, 1 or more'),
    ('recurrence-repeat-not-int', JOB, schedule(type='daily', frequency='recurrence', repeat_every='two'),
     r"argument 'repeat_every' is of type str found in 'schedule'.* convert to int"),
    ('repeat-without-recurrence', JOB, schedule(type='daily', frequency='everyday', repeat_every=2),
     r'^schedule.repeat_every: applies only to schedule.frequency recurrence'),
    ('weekly-days-missing', JOB, schedule(type='weekly'), r'^schedule.week_days: required when schedule.type is weekly'),
    ('weekly-day-unknown', JOB, schedule(type='weekly', week_days=['Monday', 'Funday']), r"^schedule.week_days: 'Funday' is not a day"),
    ('week-days-on-daily', JOB, schedule(type='daily', frequency='everyday', week_days=['mon']),
     r'^schedule.week_days: applies only to schedule.type weekly'),
    ('monthly-nothing', JOB, schedule(type='monthly'), r'^schedule.days_of_month: a monthly schedule needs'),
    ('monthly-day-32', JOB, schedule(type='monthly', days_of_month=[1, 32]), r'^schedule.days_of_month: 32 is not a day'),
    ('monthly-day-not-int', JOB, schedule(type='monthly', days_of_month=['first']), r"days_of_month.* int"),
    ('monthly-both-forms', JOB, schedule(type='monthly', days_of_month=[1], week_index='last', day_of_week='Friday'),
     r'^schedule.days_of_month: give either days_of_month or week_index'),
    ('monthly-index-alone', JOB, schedule(type='monthly', week_index='second'), r'^schedule.day_of_week: required with'),
    ('monthly-weekday-alone', JOB, schedule(type='monthly', day_of_week='sun'), r'^schedule.week_index: required with'),
    ('monthly-index-unknown', JOB, schedule(type='monthly', week_index='fifth', day_of_week='sun'),
     r'value of week_index must be one of: .* got: fifth'),
    ('start-date-words', JOB, schedule(type='never', start_date='next tuesday'), r"^schedule.start_date: 'next tuesday' is not a date"),
    ('start-date-impossible', JOB, schedule(type='never', start_date='2026-02-30T10:00'), r'^schedule.start_date: .* is not a date'),
    ('start-date-bad-offset', JOB, schedule(type='never', start_date='2026-02-03T10:00+25:00'), r'^schedule.start_date:'),
    ('start-time-bad', JOB, schedule(type='never', start_time='25:00'), r"^schedule.start_time: '25:00' is not a time"),
    ('start-date-and-time', JOB, schedule(type='never', start_date='2026-02-03T10:00', start_time='10:00'),
     r'^schedule.start_time: give either schedule.start_date or schedule.start_time'),
    # ---- type-specific options
    ('network-backup-wrong-type', JOB, with_good(network_backup={'backup_on_trap': True}),
     r'^network_backup: applies only to jobs of job_type networkconfigbackup'),
    ('network-backup-versions-unknown', JOB, with_good(job_type='networkconfigbackup', network_backup={'versions_saved': 'some'}),
     r'value of versions_saved must be one of: .* got: some found in network_backup'),
    ('network-backup-flag-not-bool', JOB, with_good(job_type='networkconfigbackup', network_backup={'backup_on_trap': 'perhaps'}),
     r"argument 'backup_on_trap' is of type str found in 'network_backup'.* convert to bool"),
    ('app-install-wrong-type', JOB, with_good(job_type='custom', app_install={'approval': 'auto'}),
     r'^app_install: applies only to jobs of job_type appinstall'),
    ('app-install-approval-unknown', JOB, with_good(job_type='appinstall', app_install={'approval': 'maybe'}),
     r'value of approval must be one of: manual, auto, got: maybe found in app_install'),
    ('custom-script-wrong-type', JOB, with_good(job_type='appinstall', custom_script={'id': '1'}),
     r'^custom_script: applies only to jobs of job_type custom'),
    ('custom-script-id-blank', JOB, with_good(job_type='custom', custom_script={'id': ' '}), r'^custom_script.id: must not be empty'),
    ('custom-script-user-unknown', JOB, with_good(job_type='custom', custom_script={'id': '7', 'user_type': 'root'}),
     r'value of user_type must be one of: system, other, got: root found in custom_script'),
    ('parameters-duplicate-id', JOB, with_good(job_type='custom', custom_script={'id': '7', 'parameters': [
        {'id': '2', 'value': SECRET_VALUE, 'sensitive': True}, {'id': '2', 'value': 'x'}]}),
     r"^custom_script.parameters: parameter id '2' is given more than once"),
    ('parameters-id-missing', JOB, with_good(job_type='custom', custom_script={'id': '7', 'parameters': [
        {'value': SECRET_VALUE, 'sensitive': True}]}),
     r'^custom_script.parameters\[0\]: give exactly one of id and name$'),
    # ---- a custom job's script and parameters by name (looked up only once the options are known to be right)
    ('custom-script-id-and-script', JOB, with_good(job_type='custom', custom_script={
        'id': '7', 'script': {'name': 'Restart Apache', 'category': 'Web'}}),
     r'^custom_script.id, custom_script.script: give custom_script.id or custom_script.script, not both$'),
    ('custom-script-script-without-category', JOB, with_good(job_type='custom', custom_script={
        'script': {'name': 'Restart Apache'}}),
     r'^custom_script.script: give custom_script.script.category or custom_script.script.category_id: a script is '
     r'found in its category$'),
    ('custom-script-script-name-missing', JOB, with_good(job_type='custom', custom_script={'script': {'category': 'Web'}}),
     r'missing required arguments: name found in custom_script -> script'),
    ('custom-script-script-name-blank', JOB, with_good(job_type='custom', custom_script={
        'script': {'name': ' ', 'category': 'Web'}}), r'^custom_script.script.name: must not be empty$'),
    ('parameters-id-and-name', JOB, with_good(job_type='custom', custom_script={'id': '7', 'parameters': [
        {'id': '2', 'name': 'port', 'value': SECRET_VALUE, 'sensitive': True}]}),
     r'^custom_script.parameters\[0\]: give exactly one of id and name \(it has id and name\)$'),
    ('parameters-name-without-script', JOB, with_good(job_type='custom', custom_script={'parameters': [
        {'name': 'port', 'value': SECRET_VALUE, 'sensitive': True}]}),
     r'^custom_script.parameters\[0\].name: a parameter name is looked up in the script that declares it'),
    ('parameters-duplicate-name', JOB, with_good(job_type='custom', custom_script={
        'script': {'name': 'Restart Apache', 'category': 'Web'},
        'parameters': [{'name': 'port', 'value': '1'}, {'name': 'port', 'value': '2'}]}),
     r"^custom_script.parameters: parameter name 'port' is given more than once$"),
    ('parameters-sensitive-not-bool', JOB, with_good(job_type='custom', custom_script={'id': '7', 'parameters': [
        {'id': '2', 'value': SECRET_VALUE, 'sensitive': 'secretly'}]}),
     r"argument 'sensitive' is of type str found in 'custom_script -> parameters'.* convert to bool"),
    # ---- opsramp_job_info, opsramp_job_run, opsramp_job_type_info
    ('info-id-and-name', INFO, dict(id='x', name='y'), r'parameters are mutually exclusive: id\|name\|query'),
    ('info-name-and-query', INFO, dict(name='y', query='name:y'), r'parameters are mutually exclusive: id\|name\|query'),
    ('info-unknown-option', INFO, dict(job_id='x'), r'Unsupported parameters for .* module: job_id'),
    ('run-nothing', RUN, dict(), r'one of the following is required: id, name'),
    ('run-id-and-name', RUN, dict(id='x', name='y'), r'parameters are mutually exclusive: id\|name'),
    ('run-id-blank', RUN, dict(id=''), r'give the id or the name of the job'),
    ('run-name-blank', RUN, dict(name=''), r'give the id or the name of the job'),
    ('types-max-retries-negative', TYPES, dict(max_retries=-3), r"option 'max_retries' must be an integer, 0 or more"),
    # ---- opsramp_resource_info
    ('resources-name-and-ip', RESOURCES, dict(name='x', ip_address='10.0.0.1'),
     r'parameters are mutually exclusive: id\|name\|host_name\|ip_address\|query'),
    ('resources-id-and-query', RESOURCES, dict(id='x', query='state:active'), r'parameters are mutually exclusive'),
    ('resources-unknown-option', RESOURCES, dict(hostname='sw'), r'Unsupported parameters for .* module: hostname'),
    # ---- opsramp_script, opsramp_script_category
    ('script-command-and-src', SCRIPT, dict(name='rel-script', category='Ops', command='ls', src='scripts/x.sh'),
     r'^src, command: give only one of command, src and content'),
    ('script-command-and-content', SCRIPT, dict(GOOD_SCRIPT, command='ls'),
     r'parameters are mutually exclusive: command\|src\|content'),
    ('script-execution-type-unknown', SCRIPT, dict(GOOD_SCRIPT, execution_type='ruby'),
     r'value of execution_type must be one of: batchfile, command, .*, got: ruby'),
    ('script-data-type-unknown', SCRIPT, dict(GOOD_SCRIPT, parameters=[{'name': 'p', 'data_type': 'float'}]),
     r'value of data_type must be one of: string, integer, password, got: float found in parameters'),
    ('script-command-for-a-file-type', SCRIPT, dict(name='rel-script', category='Ops', execution_type='shell', command='ls'),
     r'^command: applies only to execution_type command; give src or content'),
    ('script-file-for-a-command', SCRIPT, dict(GOOD_SCRIPT, execution_type='command'),
     r'^content: a script with execution_type command runs command, not a file'),
    ('script-no-category', SCRIPT, dict(name='rel-script', state='absent'),
     r'one of the following is required: category, category_id'),
    ('script-parameter-twice', SCRIPT, dict(GOOD_SCRIPT, parameters=[
        {'name': 'key', 'data_type': 'password', 'default': SECRET_VALUE}, {'name': 'key'}]),
     r"^parameters\[1\].name: parameter 'key' is given more than once"),
    ('script-platform-unknown', SCRIPT, dict(GOOD_SCRIPT, platforms=['macos']),
     r'value of platforms must be one or more of: windows, linux. Got no match for: macos'),
    ('script-timeout-zero', SCRIPT, dict(GOOD_SCRIPT, install_timeout=0),
     r'^install_timeout: must be a whole number of seconds, 1 or more, not 0'),
    ('category-parent-and-id', CATEGORY, dict(name='x', parent='Ops', parent_id='3'),
     r'parameters are mutually exclusive: parent\|parent_id'),
    ('category-name-blank', CATEGORY, dict(name=' '), r'^name: must not be empty'),
]

BULK_CASES = [
    ('bulk-jobs-missing', BULK, dict(), r'missing required arguments: jobs'),
    ('bulk-jobs-not-a-list', BULK, dict(jobs='all'), r"\bjobs\b.*\b(list|dict)"),
    ('bulk-element-unknown-option', BULK, dict(jobs=[dict(GOOD, nmae='x')]), r'Unsupported parameters for .* module: jobs.nmae'),
    ('bulk-element-without-name', BULK, dict(jobs=[dict(job_type='adCheckList', schedule=SCHEDULE)]),
     r'^jobs\[0\]\.name: name or id is required'),
    ('bulk-element-bad-schedule', BULK, dict(jobs=[GOOD, dict(GOOD, name='b', schedule={'type': 'weekly'})]),
     r'^jobs\[1\]\.schedule.week_days: required'),
    ('bulk-element-state-unknown', BULK, dict(jobs=[dict(GOOD, state='gone')]), r'value of state must be one of: present, absent'),
    ('bulk-duplicate-names', BULK, dict(jobs=[GOOD, GOOD]), r"^jobs\[1\]\.name: 'rel-bad-input' is also the name of jobs\[0\]"),
    ('bulk-prune-without-prefix', BULK, dict(jobs=[GOOD], prune=True), r'prune is True but all of the following are missing: prune_prefix'),
    ('bulk-prune-blank-prefix', BULK, dict(jobs=[GOOD], prune=True, prune_prefix='  '), r'^prune_prefix: required and not blank'),
    ('bulk-workers-zero', BULK, dict(jobs=[GOOD], workers=0), r'^workers: must be a whole number from 1 to'),
    ('bulk-workers-too-many', BULK, dict(jobs=[GOOD], workers=999), r'^workers: must be a whole number from 1 to'),
    ('bulk-element-sensitive-duplicate', BULK, dict(jobs=[dict(GOOD, job_type='custom', custom_script={'id': '7', 'parameters': [
        {'id': '1', 'value': SECRET_VALUE, 'sensitive': True}, {'id': '1', 'value': 'y'}]})]),
     r"^jobs\[0\]\.custom_script.parameters: parameter id '1' is given more than once"),
    ('bulk-element-script-id-and-name', BULK, dict(jobs=[GOOD, dict(GOOD, name='b', job_type='custom', custom_script={
        'id': '7', 'script': {'name': 'Restart Apache', 'category_id': '12'}})]),
     r'^jobs\[1\]\.custom_script.id, jobs\[1\]\.custom_script.script: give custom_script.id or custom_script.script, '
     r"not both \(jobs\[1\] 'b'\)$"),
    ('bulk-timeout-zero', BULK, dict(jobs=[GOOD], timeout=0), r"option 'timeout' must be a number of seconds greater than 0"),
    ('bulk-element-entity-two-forms', BULK,
     dict(jobs=[dict(GOOD, entities=[{'name': 'core-sw-01'}]), dict(GOOD, name='b', entities=[{'name': 'a', 'ip_address': '10.0.0.1'}])]),
     r'^jobs\[1\]\.entities\[0\]: give exactly one of id, name, host_name or ip_address \(it has name and ip_address\)'),
    # an element's source (the GitOps job file) is named with its position and name, in Ansible's own messages too
    ('bulk-element-source-bad-day', BULK, dict(jobs=[GOOD, from_file_b(schedule={'type': 'weekly', 'week_days': ['Thrusday']})]),
     r"^jobs\[1\]\.schedule.week_days: .*Thrusday.* \(jobs\[1\] 'b' from jobs/b\.yml\)$"),
    ('bulk-element-source-schedule-type-missing', BULK, dict(jobs=[GOOD, from_file_b(schedule={'frequency': 'everyday'})]),
     r"^missing required arguments: type found in jobs -> schedule \(jobs\[1\] 'b' from jobs/b\.yml\)$"),
    ('bulk-element-schedule-type-missing', BULK, dict(jobs=[dict(GOOD, schedule={'frequency': 'everyday'})]),
     r"^missing required arguments: type found in jobs -> schedule \(jobs\[0\] 'rel-bad-input'\)$"),
    ('bulk-element-source-unknown-option', BULK, dict(jobs=[GOOD, from_file_b(shedule={})]),
     r"^Unsupported parameters for .* module: jobs.shedule\. .* \(jobs\[1\] 'b' from jobs/b\.yml\)$"),
    ('bulk-element-source-schedule-not-a-dict', BULK, dict(jobs=[GOOD, from_file_b(schedule='daily')]),
     r"^jobs\[1\]\.schedule: must be a dict of options, got str \(jobs\[1\] 'b' from jobs/b\.yml\)$"),
    ('token-client-secret-missing', TOKEN, dict(client_secret=OMIT), r"missing option 'client_secret'"),
    ('token-url-not-http', TOKEN, dict(url='file:///etc/passwd'), r"^url 'file:///etc/passwd' is not an http\(s\) URL"),
]

ROLE_BASE = {
    'daily_job': dict(daily_job_name='rel-role', daily_job_job_type='adCheckList', daily_job_time='02:00'),
    'weekly_job': dict(weekly_job_name='rel-role', weekly_job_job_type='adCheckList', weekly_job_time='02:00',
                       weekly_job_week_days=['mon']),
    'monthly_job': dict(monthly_job_name='rel-role', monthly_job_job_type='adCheckList', monthly_job_time='02:00',
                        monthly_job_days_of_month=[1]),
    'run_once_job': dict(run_once_job_name='rel-role', run_once_job_job_type='adCheckList', run_once_job_time='02:00',
                         run_once_job_date='2030-12-24'),
}

# (case id, role, role variables to change (None removes one), regular expression naming the variable or option)
ROLE_CASES = [
    ('role-daily-time-25h', 'daily_job', dict(daily_job_time='25:00'), r'daily_job_time must be "HH:MM"'),
    ('role-daily-state-unknown', 'daily_job', dict(daily_job_state='gone'), r'daily_job_state'),
    ('role-daily-every-n-not-int', 'daily_job', dict(daily_job_every_n_days='often'), r'daily_job_every_n_days'),
    ('role-daily-timeout-zero', 'daily_job', dict(daily_job_timeout=0), r"option 'timeout' must be a number of seconds"),
    ('role-daily-network-backup-wrong-type', 'daily_job', dict(daily_job_network_backup={'backup_on_trap': True}),
     r'^network_backup: applies only to jobs of job_type networkconfigbackup'),
    ('role-weekly-unknown-day', 'weekly_job', dict(weekly_job_week_days=['Funday']), r'weekly_job_week_days has unknown day'),
    ('role-weekly-entities-not-a-list', 'weekly_job', dict(weekly_job_entities='sw-1'), r'weekly_job_entities'),
    ('role-weekly-entity-two-forms', 'weekly_job', dict(weekly_job_entities=[{'name': 'dc-01', 'id': 'x'}]),
     r'^entities\[0\]: give exactly one of id, name, host_name or ip_address \(it has id and name\)'),
    ('role-daily-entity-unknown-form', 'daily_job', dict(daily_job_entities=[{'dns_name': 'dc-01'}]), r'dns_name'),
    ('role-weekly-queued-not-bool', 'weekly_job', dict(weekly_job_queued='maybe'), r'weekly_job_queued'),
    ('role-monthly-day-32', 'monthly_job', dict(monthly_job_days_of_month=[32]), r'monthly_job_days_of_month must list days'),
    ('role-monthly-nth-without-weekday', 'monthly_job', dict(monthly_job_days_of_month=None, monthly_job_nth='second'),
     r'monthly_job_weekday is required'),
    ('role-monthly-url-not-http', 'monthly_job', dict(monthly_job_url='ftp://x'), r"^url 'ftp://x' is not an http"),
    ('role-run-once-date-missing', 'run_once_job', dict(run_once_job_date=None), r'run_once_job_date is required'),
    ('role-run-once-time-as-number', 'run_once_job', dict(run_once_job_time=750), r'run_once_job_time must be .*put the time in quotes'),
    ('role-run-once-offset-bad', 'run_once_job', dict(run_once_job_utc_offset='+1'), r'run_once_job_utc_offset must be'),
]

# Cases that fail today, for a reason outside the module code the suite tests; strict, so a fix makes them fail
# until their mark is removed. See docs/reliability.md, "Open issues".
ANSIBLE_LOSES_NO_LOG = ('ansible-core drops every no_log value (client_secret included) from the failure it reports '
                        'when an option with suboptions gets a value that is not a dict, and its message does not name '
                        'the option: needs a pre-check in plugins/module_utils/module.py (run_module)')
URL_PASSWORD_SHOWN = ('the url option is not no_log, so Ansible returns it, password included, in invocation.module_args '
                      'of the failure: run_module (plugins/module_utils/module.py) should add the password of a url to '
                      'module.no_log_values before it reports the error')
SENSITIVE_NOT_BOOL = ("arguments.declares_sensitive_parameters reads sensitive: 'secretly' as false, so the value is not "
                      'made no_log and Ansible returns it in invocation.module_args of the failure: a value that is '
                      'not a boolean should count as sensitive')
KNOWN_ISSUES = {
}

TABLES = {
    'modules': MODULE_CASES,
    'bulk-and-token': BULK_CASES,
    'roles': ROLE_CASES,
}
ALL_CASES = [(table, case) for table, cases in sorted(TABLES.items()) for case in cases]


def _module_case(case_id, module, args):
    return {'name': 'case %s' % case_id, module: args, 'ignore_errors': True}


def _role_case(case_id, role, variables):
    role_vars = dict(ROLE_BASE[role])
    role_vars.update(variables)
    role_vars = dict((key, value) for key, value in role_vars.items() if value is not None)
    return {
        'name': 'case %s' % case_id,
        'block': [{'name': 'include %s' % case_id, 'ansible.builtin.include_role': {'name': 'opsramp.automation.' + role},
                   'vars': role_vars}],
        'rescue': [{'name': 'rescued %s' % case_id, 'ansible.builtin.debug': {'var': 'ansible_failed_result'}}],
    }


def _tasks(table):
    tasks = []
    for case in TABLES[table]:
        tasks.append({'name': 'begin %s' % case[0], 'ansible.builtin.debug': {'msg': case[0]}})
        if table == 'roles':
            tasks.append(_role_case(case[0], case[1], case[2]))
        else:
            tasks.append(_module_case(*case[:3]))
    return tasks


class TableRun:
    """One table run in one play: the failure message and the simulator requests of each case."""

    def __init__(self, data):
        self.stdout = data['stdout']
        self.stderr = data['stderr']
        self.total_requests = data['total_requests']
        self.cases = {}
        current = None
        for record in data['records']:
            if record['task'].startswith('begin '):
                current = self.cases.setdefault(record['task'][6:], dict(records=[], requests=[]))
            elif current is not None:
                current['records'].append(record)
                current['requests'].extend(record.get('requests') or [])

    def failure(self, case_id):
        """The message of the task that failed for case ``case_id`` (for a role case, the rescued failure)."""
        case = self.cases[case_id]
        for record in case['records']:
            if record['task'] == 'rescued %s' % case_id:
                failed = record['result']['ansible_failed_result']
                return failed.get('msg', ''), failed
        failures = [record for record in case['records'] if record['status'] == 'failed']
        assert failures, 'case %s did not fail: %r' % (case_id, [r['result'] for r in case['records']])
        return failures[-1]['result'].get('msg', ''), failures[-1]['result']


@pytest.fixture(scope='session')
def table_runs(collections_root, running_simulator, tmp_path_factory):
    """``table_runs(table)``: the table run once for the whole session, whichever xdist worker asks first (the
    others wait for it and read its outcome from a file)."""
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get('PYTEST_XDIST_WORKER'):
        shared = shared.parent
    cache = {}

    def run_table(table):
        if table in cache:
            return cache[table]
        outcome = os.path.join(str(shared), 'bad-input-%s.json' % table)
        with open(outcome + '.lock', 'w') as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not os.path.exists(outcome):
                sim = running_simulator
                sim.control.reset(config=True)
                ansible = Ansible(collections_root, str(tmp_path_factory.mktemp('bad-input')), sim=sim,
                                  client_secret=CLIENT_SECRET)
                run = ansible.play(_tasks(table), play_vars={'sim_url': sim.url}, verbosity=1)
                data = dict(records=run.records, stdout=run.stdout, stderr=run.stderr,
                            total_requests=sim.control.stats()['requests'])
                sim.control.reset(config=True)
                with open(outcome + '.tmp', 'w') as handle:
                    json.dump(data, handle)
                os.rename(outcome + '.tmp', outcome)
        with open(outcome) as handle:
            cache[table] = TableRun(json.load(handle))
        return cache[table]

    return run_table


def _module_exists(module):
    return os.path.exists(os.path.join(os.path.dirname(__file__), '..', '..', 'plugins', 'modules',
                                       module.split('.')[-1] + '.py'))


def _marks(case_id):
    marks = []
    if case_id in KNOWN_ISSUES:
        marks.append(pytest.mark.xfail(strict=True, reason=KNOWN_ISSUES[case_id]))
    return marks


@pytest.mark.parametrize('table, case', [pytest.param(table, case, id=case[0], marks=_marks(case[0]))
                                         for table, case in ALL_CASES])
def test_bad_input_fails_before_any_request_naming_the_option(table_runs, table, case):
    case_id, target, _args, pattern = case
    if target.startswith('opsramp.automation.') and not _module_exists(target):
        pytest.skip('%s does not exist (yet)' % target)
    runs = table_runs(table)
    message, result = runs.failure(case_id)
    assert re.search(pattern, message), message
    assert 'Traceback' not in message and 'module_stderr' not in result, result
    assert runs.cases[case_id]['requests'] == []
    assert runs.total_requests == 0
    assert_no_secret([CLIENT_SECRET, URL_PASSWORD, SECRET_VALUE], message, repr(result))


def test_the_tables_cover_every_module_and_role():
    modules = set(case[1] for case in MODULE_CASES + BULK_CASES)
    assert modules >= {JOB, INFO, RUN, TYPES, BULK, TOKEN, SCRIPT, CATEGORY}
    assert set(case[1] for case in ROLE_CASES) == set(ROLE_BASE)
    assert len(ALL_CASES) >= 40
    assert len(set(case[0] for _table, case in ALL_CASES)) == len(ALL_CASES)


def test_no_secret_in_the_bad_input_output(table_runs):
    """The console output of every table, and every recorded result but those of the known issues, hide the secrets."""
    for table in TABLES:
        runs = table_runs(table)
        records = [record for case_id, case in runs.cases.items() if case_id not in KNOWN_ISSUES for record in case['records']]
        assert_no_secret([CLIENT_SECRET, URL_PASSWORD, SECRET_VALUE], runs.stdout, runs.stderr, repr(records))


def test_an_environment_variable_a_connection_option_cannot_take_is_named(ansible):
    run = ansible.play([job_task('bad-env', module=TYPES)], env={'OPSRAMP_VALIDATE_CERTS': 'perhaps'})
    result = run.result('bad-env')
    assert result['failed'] is True
    assert result['msg'] == ("environment variable OPSRAMP_VALIDATE_CERTS (option 'validate_certs', not set in the "
                             "task) is 'perhaps', which is not a boolean: use true or false")
    assert run.requests('bad-env') == []


# ---- names of an RBA script and its parameters that find nothing: they are looked up, so these cases read (the RBA
# categories and the scripts of one category); they fail before the job is searched or anything is written
RBA_CATEGORIES = [{'id': 100, 'name': 'Web'}, {'id': 101, 'name': 'Apache', 'parent': 100}]
RBA_SCRIPTS = [{'id': 78, 'name': 'Restart Apache', 'category': 101, 'executionType': 'SHELL', 'content': 'true\n',
                'parameters': [{'id': 5001, 'name': 'port', 'type': 'OPTIONAL', 'dataType': 'INTEGER'},
                               {'id': 5002, 'name': 'token', 'type': 'OPTIONAL', 'dataType': 'STRING'}]}]
RESTART = {'name': 'Restart Apache', 'category': 'Web/Apache'}
UNKNOWN_NAME_CASES = [
    ('unknown-script-name', JOB, with_good(job_type='custom', custom_script={'script': dict(RESTART, name='Restart Nginx')}),
     r"^custom_script.script: no RBA script is named 'Restart Nginx' in category 'Web/Apache' \(id 101\) of tenant "
     r"client_1$"),
    ('unknown-script-category', JOB, with_good(job_type='custom', custom_script={'script': dict(RESTART, category='Wbe')}),
     r"^custom_script.script.category: no RBA category is named 'Wbe' in tenant client_1$"),
    ('undeclared-parameter-name', JOB, with_good(job_type='custom', custom_script={'script': RESTART, 'parameters': [
        {'name': 'token', 'value': SECRET_VALUE, 'sensitive': True}, {'name': 'prot', 'value': '80'}]}),
     r"^custom_script.parameters\[1\].name: RBA script 'Restart Apache' \(id 78\) declares no parameter named 'prot'; "
     r"it declares 'port', 'token'$"),
    ('bulk-unknown-script-and-undeclared-parameter', BULK, dict(jobs=[
        GOOD, dict(GOOD, name='b', job_type='custom', custom_script={'script': dict(RESTART, name='Restart Nginx')}),
        dict(GOOD, name='c', job_type='custom', custom_script={'script': RESTART, 'parameters': [
            {'name': 'tokens', 'value': SECRET_VALUE, 'sensitive': True}]})]),
     r"^jobs\[1\]\.custom_script\.script: no RBA script is named 'Restart Nginx' .*; jobs\[2\]\.custom_script\."
     r"parameters\[0\]\.name: RBA script 'Restart Apache' \(id 78\) declares no parameter named 'tokens'; it declares "
     r"'port', 'token'; nothing was written$"),
]


def test_unknown_script_and_parameter_names_fail_naming_the_option_with_reads_only(ansible, sim):
    sim.control.seed_rba_categories(RBA_CATEGORIES, tenant='client_1')
    sim.control.seed_rba_scripts(RBA_SCRIPTS)
    run = ansible.play([_module_case(*case[:3]) for case in UNKNOWN_NAME_CASES], verbosity=1)
    for case_id, dummy, dummy, pattern in UNKNOWN_NAME_CASES:
        result = run.result('case %s' % case_id)
        assert result['failed'] is True, case_id
        assert re.search(pattern, result['msg']), result['msg']
        reads = [entry for entry in run.requests('case %s' % case_id) if entry['kind'] != 'token']
        assert reads and all(entry['method'] == 'GET' and '/rba/' in entry['path'] for entry in reads), reads
    assert sim.control.stats()['creates'] == 0 and sim.control.stats()['updates'] == 0 and sim.control.jobs() == []
    assert_no_secret([CLIENT_SECRET, SECRET_VALUE], *run.texts())
