# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The plan summary opsramp_jobs returns: Markdown for a pull-request comment."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.opsramp.automation.plugins.module_utils import summary

RESULTS = [
    dict(name='netops-a', action='unchanged', changes=[]),
    dict(name='netops-new', action='created', changes=['job_type', 'name', 'schedule.type']),
    dict(name='netops-weekly', action='updated', changes=['entities', 'schedule.week_days']),
    dict(name='netops-old', action='deleted', changes=[]),
    dict(name='netops-b', action='unchanged', changes=[]),
]


def test_check_mode_plans_with_counts_and_changed_fields():
    text = summary.render(RESULTS, check_mode=True)
    assert text == (
        '### OpsRamp jobs: 1 to create, 1 to update, 1 to delete\n'
        '\n'
        '| Job | Action | Changed fields |\n'
        '| --- | --- | --- |\n'
        '| netops-new | to create |  |\n'
        '| netops-weekly | to update | `entities`, `schedule.week_days` |\n'
        '| netops-old | to delete |  |\n'
        '\n'
        '2 jobs already as declared.\n')


def test_a_real_run_says_what_was_done_and_lists_failures():
    results = RESULTS + [dict(name='netops-broken', action='failed', changes=[], msg='OpsRamp API error 500')]
    text = summary.render(results, check_mode=False)
    assert text.startswith('### OpsRamp jobs: 1 created, 1 updated, 1 deleted, 1 failed\n')
    assert '| netops-broken | failed |  |' in text
    assert 'OpsRamp API error' not in text  # the errors are in the task result, not in the comment
    assert text.endswith('\n2 jobs unchanged.\n')


def test_no_changes():
    unchanged = [dict(name='netops-a', action='unchanged', changes=[])]
    assert summary.render(unchanged, check_mode=True) == '### OpsRamp jobs: no changes\n\n1 job already as declared.\n'
    assert summary.render([], check_mode=False) == '### OpsRamp jobs: no changes\n\n0 jobs unchanged.\n'


def test_job_names_cannot_break_the_table_or_the_markup():
    results = [dict(name='a|b *bold* `code` [link](x) <br>\nnext', action='created', changes=[])]
    row = summary.render(results, check_mode=True).splitlines()[4]
    assert row == r'| a\|b \*bold\* \`code\` \[link\]\(x\) \<br\> next | to create |  |'
