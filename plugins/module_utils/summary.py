# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The plan summary of a bulk reconcile: Markdown ready to post as a pull-request comment.

Built from the per-job results only (name, action, changed option paths), never from values, so no secret can
reach it.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

TITLE = 'OpsRamp jobs'
# action -> (heading in check mode, heading after a real run); the order of the sections
_SECTIONS = (
    ('created', 'to create', 'created'),
    ('updated', 'to update', 'updated'),
    ('deleted', 'to delete', 'deleted'),
    ('failed', 'failed', 'failed'),
)
_MARKDOWN_SPECIAL = re.compile(r'([\\`*_{}\[\]<>()#+!|~])')


def render(job_results, check_mode):
    """The Markdown summary of ``job_results`` (opsramp_jobs' list: ``name``, ``action``, ``changes``)."""
    by_action = {}
    for entry in job_results:
        by_action.setdefault(entry.get('action'), []).append(entry)
    unchanged = len(by_action.get('unchanged', []))
    counts = [(action, len(by_action.get(action, [])), heading if check_mode else done)
              for action, heading, done in _SECTIONS]
    if not any(count for dummy, count, dummy in counts):
        return '### %s: no changes\n\n%s.\n' % (TITLE, _unchanged_text(unchanged, check_mode))
    lines = ['### %s: %s' % (TITLE, ', '.join('%d %s' % (count, heading) for dummy, count, heading in counts if count)),
             '']
    lines.extend(['| Job | Action | Changed fields |', '| --- | --- | --- |'])
    for action, count, heading in counts:
        for entry in by_action.get(action, []):
            lines.append('| %s | %s | %s |' % (escape(entry.get('name')), heading, _fields(entry)))
    lines.extend(['', '%s.' % _unchanged_text(unchanged, check_mode)])
    return '\n'.join(lines) + '\n'


def _unchanged_text(count, check_mode):
    jobs = '1 job' if count == 1 else '%d jobs' % count
    return '%s already as declared' % jobs if check_mode else '%s unchanged' % jobs


def _fields(entry):
    if entry.get('action') != 'updated':
        return ''
    return ', '.join('`%s`' % path for path in entry.get('changes') or [])


def escape(text):
    """``text`` with the characters Markdown (and a table cell) would interpret escaped; line breaks as spaces."""
    return _MARKDOWN_SPECIAL.sub(r'\\\1', ' '.join(str(text if text is not None else '').split()))
