# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""_engine/summary.py: the plan summary a list module returns, Markdown for a pull-request comment, for jobs and for
any other resource (its noun and plural name it)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.opsramp.automation.plugins.module_utils._engine import summary
from ansible_collections.opsramp.automation.plugins.module_utils._jobs.adapter import JOBS

from ansible_collections.opsramp.automation.tests.unit.plugins.module_utils._engine.engine_support import WIDGETS

RESULTS = [
    dict(name='netops-a', action='unchanged', changes=[]),
    dict(name='netops-new', action='created', changes=['job_type', 'name', 'schedule.type']),
    dict(name='netops-weekly', action='updated', changes=['entities', 'schedule.week_days']),
    dict(name='netops-old', action='deleted', changes=[]),
    dict(name='netops-b', action='unchanged', changes=[]),
]


def test_check_mode_plans_with_counts_and_changed_fields():
    text = summary.render(RESULTS, True, JOBS)
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
    text = summary.render(results, False, JOBS)
    assert text.startswith('### OpsRamp jobs: 1 created, 1 updated, 1 deleted, 1 failed\n')
    assert '| netops-broken | failed |  |' in text
    assert 'OpsRamp API error' not in text  # the errors are in the task result, not in the comment
    assert text.endswith('\n2 jobs unchanged.\n')


def test_no_changes():
    unchanged = [dict(name='netops-a', action='unchanged', changes=[])]
    assert summary.render(unchanged, True, JOBS) == '### OpsRamp jobs: no changes\n\n1 job already as declared.\n'
    assert summary.render([], False, JOBS) == '### OpsRamp jobs: no changes\n\n0 jobs unchanged.\n'


def test_job_names_cannot_break_the_table_or_the_markup():
    results = [dict(name='a|b *bold* `code` [link](x) <br>\nnext', action='created', changes=[])]
    row = summary.render(results, True, JOBS).splitlines()[4]
    assert row == r'| a\|b \*bold\* \`code\` \[link\]\(x\) \<br\> next | to create |  |'


def test_another_resource_is_named_by_its_own_noun():
    results = [dict(name='w1', action='updated', changes=['timing.minutes']), dict(name='w2', action='unchanged'),
               dict(name='w3', action='unchanged', changes=[])]
    assert summary.render(results, False, WIDGETS) == (
        '### OpsRamp widgets: 1 updated\n'
        '\n'
        '| Widget | Action | Changed fields |\n'
        '| --- | --- | --- |\n'
        '| w1 | updated | `timing.minutes` |\n'
        '\n'
        '2 widgets unchanged.\n')
    assert summary.render(results[1:2], True, WIDGETS) == (
        '### OpsRamp widgets: no changes\n\n1 widget already as declared.\n')


def test_escape():
    assert summary.escape(None) == '' and summary.escape(7) == '7'
    assert summary.escape(' a\tb\r\nc ') == 'a b c' and summary.escape('#1 ~x!') == r'\#1 \~x\!'
