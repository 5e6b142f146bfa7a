# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""summary.render_all and the rows of objects prune kept: a section per list of a task (opsramp_jobs with scripts),
and one list alone exactly as render gives it."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.opsramp.automation.plugins.module_utils._engine import summary
from ansible_collections.opsramp.automation.plugins.module_utils._jobs.adapter import JOBS
from ansible_collections.opsramp.automation.plugins.module_utils._scripts.adapter import SCRIPTS

JOB_RESULTS = [dict(name='team-backup', action='updated', changes=['schedule.week_days']),
               dict(name='team-checklist', action='unchanged', changes=[])]
SCRIPT_RESULTS = [dict(name='team-report', action='created', changes=[]),
                  dict(name='team-old|report', action='kept', changes=[], msg="jobs still name it: 'team-backup'")]


def test_one_list_is_rendered_as_before():
    assert summary.render_all([(JOB_RESULTS, JOBS)], True) == summary.render(JOB_RESULTS, True, JOBS) == (
        '### OpsRamp jobs: 1 to update\n\n| Job | Action | Changed fields |\n| --- | --- | --- |\n'
        '| team-backup | to update | `schedule.week_days` |\n\n1 job already as declared.\n')


def test_each_list_has_its_section_in_order_and_a_kept_row_says_why():
    text = summary.render_all([(SCRIPT_RESULTS, SCRIPTS), (JOB_RESULTS, JOBS)], False)
    scripts, jobs = text.split('\n\n### ')
    assert scripts == (
        '### OpsRamp scripts: 1 created, 1 kept\n\n| Script | Action | Changed fields |\n| --- | --- | --- |\n'
        '| team-report | created |  |\n'
        "| team-old\\|report | kept | jobs still name it: 'team-backup' |\n\n0 scripts unchanged.")
    assert jobs.startswith('OpsRamp jobs: 1 updated\n')


def test_kept_objects_alone_are_no_change_they_are_still_listed():
    text = summary.render([dict(name='team-old', action='kept', changes=[], msg='prune deletes no script when ...')],
                          True, SCRIPTS)
    assert text.startswith('### OpsRamp scripts: 1 to keep\n') and '| team-old | to keep | prune deletes' in text
