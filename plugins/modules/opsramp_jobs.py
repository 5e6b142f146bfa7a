#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: opsramp_jobs
short_description: Reconcile many OpsRamp scheduled jobs and the RBA scripts they run in one task, with pruning
version_added: 0.1.0
description:
  - Brings a whole list of scheduled jobs to the state it declares in one task, for example every job a Git
    repository holds. Each element of O(jobs) takes exactly the options of M(opsramp.automation.opsramp_job) and is
    compared, written and reported the same way, by the same code.
  - Lists the tenant's jobs once, with the largest search pages the API accepts, and matches each element by id or
    exact name. A job whose element manages neither O(jobs[].entities) nor O(jobs[].custom_script.parameters) is
    decided from its search result alone; the others are read once more in full (search results leave those out).
    A job is also read in full before it is written.
  - The full reads start as soon as the search page that lists their jobs arrives, and once the first page tells how
    many there are, the other pages are fetched concurrently, so a tenant with many pages does not wait for the whole
    listing. Nothing is written before the listing is complete and every name is known to be unambiguous.
  - Work runs in a pool of O(workers) threads sharing one connection and one token, paced by OpsRamp's rate-limit
    headers (separately for reads and writes) so that the tenant's limits are rarely met.
  - With O(prune=true), jobs whose name starts with O(prune_prefix) and that the list does not name are deleted.
    Jobs outside the prefix are never deleted.
  - A job that fails does not stop the others. The task then fails at the end, naming each failed job and its error,
    and still returns what was done.
  - With O(scripts), the RBA scripts the jobs run are reconciled in the same task, first, so that the jobs find them.
    Each element takes the options of M(opsramp.automation.opsramp_script) and is compared, written and reported the
    same way, in RV(script_results) and RV(scripts). With O(prune=true), the scripts whose name starts with
    O(script_prune_prefix) (by default O(prune_prefix)) and that no element of O(scripts) names are deleted after the
    jobs, and only when no job of the tenant runs them any more, as far as the tenant's jobs show it once this task's
    jobs are done (in check mode, as they would be). A script a job still runs is kept, with a warning that names the
    jobs. When a job fails, or a job of the tenant shows neither a script nor a type, no script is pruned, also with a
    warning for each.
  - Without O(scripts), the task leaves the tenant's scripts alone and behaves, returns and summarises exactly as
    before scripts existed.
author:
  - OpsRamp Automation contributors (@opsramp-automation)
extends_documentation_fragment:
  - opsramp.automation.connection
  - opsramp.automation.connection.ACTION_GROUP
  - opsramp.automation.job_list
  - opsramp.automation.script_list
attributes:
  check_mode:
    description: Runs the same reads and comparisons as a real run, sends no write, and returns what a real run would do.
    support: full
  diff_mode:
    description:
      - Returns the managed fields of each job that changes (or would change), before and after, with sensitive
        values hidden, and a combined RV(diff) that C(--diff) shows job by job.
      - With O(scripts), the scripts' diffs come first in RV(diff), each followed by its body as text when the body
        changes; RV(scripts.diffs) holds their field diffs by name.
    support: full
  action:
    description: An action plugin reads O(scripts[].src) on the Ansible controller.
    support: full
options:
  prune:
    description:
      - Also delete the jobs whose name starts with O(prune_prefix) and that no element of O(jobs) names (by id or by
        name).
      - Deletions are reported in RV(deleted) and, in diff mode, shown as the whole job going away.
      - With O(scripts), also delete the scripts whose name starts with O(script_prune_prefix) (by default
        O(prune_prefix)), that no element of O(scripts) names, and that no job runs any more (see the description).
        They are reported in RV(scripts.deleted); those kept because jobs run them in RV(scripts.kept).
    type: bool
    default: false
  prune_prefix:
    description:
      - The name prefix of the jobs this list owns, compared case-sensitively. Required with O(prune=true), and must
        not be blank, so that one pipeline can never delete jobs it does not own.
      - Elements of O(jobs) whose name does not start with it are still managed, with a warning that prune will not
        delete them once they leave the list.
    type: str
  script_prune_prefix:
    description:
      - The name prefix of the scripts O(scripts) owns, when it differs from the jobs' O(prune_prefix); compared
        case-sensitively, across every category of the tenant. Must not be blank.
      - Left out, scripts and jobs share O(prune_prefix). Used only with O(prune=true) and O(scripts).
    type: str
  workers:
    description:
      - How many jobs are read and written at the same time, from 1 to 16.
      - More workers hide network latency; the rate limits of the tenant bound the total pace whatever the number.
    type: int
    default: 4
notes:
  - A converged run makes one token request (none with O(access_token)), one search request per 500 jobs of the
    tenant, and one GET per job that manages O(jobs[].entities) or O(jobs[].custom_script.parameters). A job that
    changes adds, at most, that GET and one write. A run that creates jobs adds one search (for the whole list).
  - That search settles jobs that another run created at the same time. For each name the copy created first stays;
    a run whose copy came second deletes it, returns the other in RV(job_results) and warns. See the collection's
    docs/reliability.md, section Concurrent runs.
  - Two elements naming the same job, the same name twice (unless each of those elements gives the O(jobs[].id) of
    its job), or an element without O(jobs[].id) whose name several jobs of the tenant share make the task fail
    before anything is written.
  - Entities named by O(jobs[].entities[].name), O(jobs[].entities[].host_name) or O(jobs[].entities[].ip_address)
    add one resources search per distinct name for the whole list (a hundred jobs on the same ten switches cost ten
    searches), all made before anything is written. A name that no resource has, or that several share, anywhere in
    the list, makes the task fail before anything is written, naming each such entity.
  - Scripts named by O(jobs[].custom_script.script) add one listing of the RBA categories and one listing of the
    scripts of each category they name, for the whole list (two hundred jobs naming ten scripts of ten categories cost
    eleven reads), all made before anything is written, as are the parameters named by
    O(jobs[].custom_script.parameters[].name). A script or parameter name that finds nothing, or several, anywhere in
    the list, makes the task fail before anything is written, naming each such element.
  - When any element marks a script parameter as sensitive, the value of every script parameter of every element is
    hidden from the task's logged arguments. Likewise, when any element of O(scripts) declares a V(password)
    parameter, the default of every parameter of every script is.
  - With O(scripts), a converged run adds one read of the categories to find the scripts' categories, one more to list
    them, and one read of each category's scripts (scripts are listed whole, and none is read again unless it changes).
    Scripts, then jobs, then the scripts to prune run in turn, each in the pool of O(workers); the jobs' lookups (the
    names of their entities and scripts) are made once the scripts are reconciled, so that a job finds by name a script
    the same task creates; a lookup that fails then stops the jobs, but not the scripts already written. In check
    mode, such a job finds the script as the task would have written it, with the id V(new) (and V(new-1)... for its
    new parameters), which its diff shows.
seealso:
  - module: opsramp.automation.opsramp_job
  - module: opsramp.automation.opsramp_script
  - module: opsramp.automation.opsramp_resource_info
  - module: opsramp.automation.opsramp_token
'''

EXAMPLES = r'''
- name: Keep the jobs declared in Git, and delete the team's jobs that are no longer declared
  opsramp.automation.opsramp_jobs:
    prune: true
    prune_prefix: "netops-"
    jobs:
      - name: netops-nightly-config-backup
        job_type: networkconfigbackup
        entities:                       # each distinct name is looked up once for the whole list
          - name: core-sw-01
          - host_name: core-sw-02.netops.example.com
        schedule:
          type: daily
          frequency: everyday
          start_date: "2026-01-01T02:00Z"
        network_backup:
          versions_saved: version_with_changes
      - name: netops-weekly-asset-scan
        job_type: assetinfo
        entities:
          - name: core-sw-01
          - ip_address: 10.20.0.13
          - id: 0f7e1cbb-4c52-4d3a-9d43-6b7d93f0c3a1
        schedule:
          type: weekly
          week_days: [Sunday]
          start_time: "04:00"
        source: inventory/jobs.yml  # named in every message about this job; not sent to OpsRamp
      - name: netops-retired-job
        state: absent

- name: Keep the team's scripts and the jobs that run them; prune what Git no longer declares
  opsramp.automation.opsramp_jobs:
    prune: true
    prune_prefix: "netops-"           # jobs and scripts alike (script_prune_prefix sets the scripts' own)
    scripts:                          # reconciled before the jobs
      - name: netops-disk-report
        category: Netops              # an existing category (opsramp.automation.opsramp_script_category makes one)
        execution_type: shell
        platforms: [linux]
        src: scripts/netops-disk-report.sh   # read on the controller, as opsramp_script reads it
        parameters:
          - name: threshold
            default: "90"
            data_type: integer
    jobs:
      - name: netops-daily-disk-report
        job_type: custom
        schedule:
          type: daily
          frequency: everyday
          start_time: "06:00"
        custom_script:
          script: {name: netops-disk-report, category: Netops}   # found once the scripts are reconciled
          parameters:
            - {name: threshold, value: "85"}
  register: reconciled

- name: Load one job per file and preview the changes (run with --check --diff on a pull request)
  vars:
    job_files: "{{ query('ansible.builtin.fileglob', playbook_dir ~ '/jobs/*.yml') | sort }}"
  block:
    - name: Read the job files
      ansible.builtin.include_vars:
        file: "{{ item }}"
        name: job_file
      loop: "{{ job_files }}"
      register: loaded

    - name: Reconcile them all; an error names the file (source) of the job, as well as its position and name
      opsramp.automation.opsramp_jobs:
        jobs: >-
          {%- set files = namespace(jobs=[]) -%}
          {%- for result in loaded.results -%}
          {%- set files.jobs = files.jobs + [result.ansible_facts.job_file | combine({'source': result.item | basename})] -%}
          {%- endfor -%}
          {{ files.jobs }}
        prune: true
        prune_prefix: "netops-"
      register: reconciled

    - name: Say what changed
      ansible.builtin.debug:
        msg: "created {{ reconciled.created }}, updated {{ reconciled.updated }}, deleted {{ reconciled.deleted }}"
'''

RETURN = r'''
created:
  description: Names of the jobs created (in check mode, that would be created), in list order.
  returned: always
  type: list
  elements: str
  sample: [netops-nightly-config-backup]
updated:
  description: Names of the jobs updated (or that would be).
  returned: always
  type: list
  elements: str
  sample: [netops-weekly-asset-scan]
deleted:
  description: Names of the jobs deleted (or that would be), by O(jobs[].state=absent) or by O(prune).
  returned: always
  type: list
  elements: str
  sample: [netops-retired-job]
unchanged:
  description: Names of the jobs that already matched their declaration, and of absent jobs that did not exist.
  returned: always
  type: list
  elements: str
  sample: []
job_results:
  description: One entry per element of O(jobs), in order, then one per pruned job.
  returned: always
  type: list
  elements: dict
  contains:
    name:
      description: The job's name (its id when an absent job is named by id only).
      type: str
    id:
      description: The job's id; none for a job that check mode would create.
      type: str
    action:
      description: V(created), V(updated), V(deleted), V(unchanged), or V(failed).
      type: str
    changes:
      description: The managed fields that differed, as option paths, as in M(opsramp.automation.opsramp_job).
      type: list
      elements: str
    msg:
      description: Why the job failed, when RV(job_results[].action=failed).
      type: str
  sample:
    - name: netops-weekly-asset-scan
      id: cc242a8d-b0b4-430e-a89f-7081bc5e79b0
      action: updated
      changes: [schedule.week_days]
script_results:
  description:
    - With O(scripts), one entry per element of O(scripts), in order, then one per script prune deleted or kept, as
      RV(job_results) has for jobs. RV(script_results[].action) is V(kept) for a script prune would have deleted and
      kept, RV(script_results[].msg) saying why.
  returned: when O(scripts) is given
  type: list
  elements: dict
  contains:
    name:
      description: The script's name (its id when an absent script is named by id only).
      type: str
    id:
      description: The script's id (a number); none for a script that check mode would create.
      type: int
    action:
      description: V(created), V(updated), V(deleted), V(unchanged), V(kept), or V(failed).
      type: str
    changes:
      description: The managed fields that differed, as option paths (V(body) for the body), as in
        M(opsramp.automation.opsramp_script).
      type: list
      elements: str
    msg:
      description: Why the script failed, or why prune kept it.
      type: str
  sample:
    - {name: netops-disk-report, id: 1042, action: updated, changes: [body]}
    - {name: netops-old-report, id: 1007, action: kept, changes: [], msg: "jobs still name it: 'netops-weekly-report'"}
scripts:
  description:
    - With O(scripts), the scripts' names by what happened to them, as RV(created), RV(updated), RV(deleted) and
      RV(unchanged) have the jobs', plus V(kept) (scripts prune kept, as jobs still run them), V(errors) (the scripts
      that failed, as RV(errors) has the jobs) and, in diff mode, V(diffs) (as RV(diffs) has the jobs').
    - The top-level RV(created), RV(updated), RV(deleted), RV(unchanged), RV(errors) and RV(diffs) hold jobs only.
  returned: when O(scripts) is given
  type: dict
  contains:
    created:
      description: Names of the scripts created (or that would be).
      type: list
      elements: str
    updated:
      description: Names of the scripts updated (or that would be).
      type: list
      elements: str
    deleted:
      description: Names of the scripts deleted (or that would be), by O(scripts[].state=absent) or by O(prune).
      type: list
      elements: str
    unchanged:
      description: Names of the scripts that already matched, and of absent scripts that did not exist.
      type: list
      elements: str
    kept:
      description: Names of the scripts prune would have deleted and kept, as jobs still run them (or may).
      type: list
      elements: str
    errors:
      description: The scripts that failed, each as V(script) (C(scripts[0] 'name'), or C(prune 'name' (id ...))) and
        V(msg).
      type: list
      elements: dict
    diffs:
      description: The field diffs of the scripts that change, by name; their bodies are in RV(diff).
      type: dict
  sample:
    created: []
    updated: [netops-disk-report]
    deleted: []
    unchanged: []
    kept: [netops-old-report]
    errors: []
errors:
  description: The jobs that failed and why; empty on success. The task fails when it is not empty.
  returned: always
  type: list
  elements: dict
  contains:
    job:
      description:
        - Which job, as C(jobs[3] 'name') for an element of O(jobs), followed by C(from) and its O(jobs[].source)
          when it has one, or C(prune 'name' (id ...)).
      type: str
    msg:
      description: The error.
      type: str
  sample:
    - job: "jobs[3] 'netops-weekly-asset-scan' from jobs/netops-weekly-asset-scan.yml"
      msg: "OpsRamp API error 500 on POST /api/v2/tenants/client_1/jobs/...: internal error"
summary:
  description:
    - What the run did (in check mode, would do), as Markdown ready to post as a pull-request comment.
    - A heading with the counts, then a table of the jobs to create, update (with the changed fields, as option
      paths) and delete, and of those that failed; then how many jobs were already as declared. When nothing
      changes, a heading that says V(no changes).
    - It holds job names and option names only, never a value, so no secret can appear in it. Characters that
      Markdown would interpret in a job name are escaped.
    - With O(scripts), the same for the scripts comes first (C(### OpsRamp scripts ...)), then the jobs' section;
      the scripts prune keeps are listed as V(to keep) (V(kept) after a real run), with the reason. Without
      O(scripts), only the jobs' section.
  returned: always, and when jobs fail
  type: str
  sample: |
    ### OpsRamp jobs: 1 to create, 1 to update, 1 to delete

    | Job | Action | Changed fields |
    | --- | --- | --- |
    | netops-asset-inventory | to create |  |
    | netops-weekly-ad-checklist | to update | `entities`, `schedule.week_days` |
    | netops-retired-job | to delete |  |

    12 jobs already as declared.
diffs:
  description:
    - For each job that changes (or would change), its managed fields before and after, keyed by job name.
      Sensitive parameter values are hidden. Jobs that do not change are left out.
  returned: when diff mode is on
  type: dict
  sample:
    netops-weekly-asset-scan:
      before: {schedule: {week_days: [Sunday]}}
      after: {schedule: {week_days: [Saturday, Sunday]}}
diff:
  description:
    - The same as RV(diffs), as the list of C(before)/C(after) pairs with headers that C(--diff) displays.
    - With O(scripts), the scripts' come first, each followed by its body as text when the body changes.
  returned: when diff mode is on
  type: list
  elements: dict
'''

from ansible.module_utils.basic import _load_params

from ansible_collections.opsramp.automation.plugins.module_utils._engine import summary
from ansible_collections.opsramp.automation.plugins.module_utils._engine.bulk import DEFAULT_WORKERS, Options, reconcile
from ansible_collections.opsramp.automation.plugins.module_utils._engine.linked import reconcile_linked
from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import OpsRampError
from ansible_collections.opsramp.automation.plugins.module_utils._jobs.adapter import JOBS
from ansible_collections.opsramp.automation.plugins.module_utils._scripts.adapter import SCRIPTS
from ansible_collections.opsramp.automation.plugins.module_utils.module import run_module


def run(module, client):
    with_scripts = module.params['scripts'] is not None
    sections = ([('script_results', SCRIPTS)] if with_scripts else []) + [('job_results', JOBS)]
    try:
        result = reconcile_lists(module, client)
    except OpsRampError as error:
        if 'job_results' in error.details:  # what was done before the failure
            error.details['summary'] = plan_summary(error.details, sections, module.check_mode)
        raise
    result['summary'] = plan_summary(result, sections, module.check_mode)
    return result


def reconcile_lists(module, client):
    """The jobs alone, as before scripts existed; or the scripts, then the jobs, then the scripts to prune."""
    params = module.params
    job_options = list_options(module, params['prune_prefix'])
    if params['scripts'] is None:
        return reconcile(JOBS, client, params['jobs'], job_options)
    prefix_option = 'script_prune_prefix' if params['script_prune_prefix'] is not None else 'prune_prefix'
    script_options = list_options(module, params[prefix_option], prefix_option)
    return reconcile_linked(SCRIPTS, JOBS, client, (params['scripts'], params['jobs']), (script_options, job_options))


def list_options(module, prune_prefix, prefix_option='prune_prefix'):
    params = module.params
    return Options(prune=params['prune'], prune_prefix=prune_prefix, workers=params['workers'],
                   check_mode=module.check_mode, want_diff=module._diff, prefix_option=prefix_option)


def plan_summary(result, sections, check_mode):
    """The Markdown summary: a section per list, scripts first (as they ran)."""
    return summary.render_all([(result[key], resource) for key, resource in sections], check_mode)


def main():
    raw_params = _load_params()
    argument_spec = JOBS.list_argument_spec(raw_params=raw_params)
    argument_spec.update(SCRIPTS.list_argument_spec(raw_params=raw_params, required=False))
    argument_spec.update(
        prune=dict(type='bool', default=False),
        prune_prefix=dict(type='str'),
        script_prune_prefix=dict(type='str'),
        workers=dict(type='int', default=DEFAULT_WORKERS),
    )
    run_module(argument_spec, run, required_if=[('prune', True, ('prune_prefix',))])


if __name__ == '__main__':
    main()
