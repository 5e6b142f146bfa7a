# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The plan summary of a bulk reconcile: Markdown ready to post as a pull-request comment.

Built from the per-object results only (name, action, changed option paths), never from values, so no secret can
reach it.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

# action -> (heading in check mode, heading after a real run); the order of the sections
_SECTIONS = (
    ('created', 'to create', 'created'),
    ('updated', 'to update', 'updated'),
    ('deleted', 'to delete', 'deleted'),
    ('failed', 'failed', 'failed'),
    ('kept', 'to keep', 'kept'),  # objects prune spared (linked.py): the last column says why
)
_MARKDOWN_SPECIAL = re.compile(r'([\\`*_{}\[\]<>()#+!|~])')


def render(results, check_mode, resource):
    """The Markdown summary of ``results`` (a list module's ``<noun>_results``: ``name``, ``action``, ``changes``)
    of objects of ``resource`` (its ``noun`` and ``plural`` name them)."""
    by_action = {}
    title = 'OpsRamp %s' % resource.plural
    for entry in results:
        by_action.setdefault(entry.get('action'), []).append(entry)
    unchanged = len(by_action.get('unchanged', []))
    counts = [(action, len(by_action.get(action, [])), heading if check_mode else done)
              for action, heading, done in _SECTIONS]
    if not any(count for dummy, count, dummy in counts):
        return '### %s: no changes\n\n%s.\n' % (title, _unchanged_text(resource, unchanged, check_mode))
    lines = ['### %s: %s' % (title, ', '.join('%d %s' % (count, heading) for dummy, count, heading in counts if count)),
             '']
    lines.extend(['| %s | Action | Changed fields |' % resource.noun.capitalize(), '| --- | --- | --- |'])
    for action, count, heading in counts:
        for entry in by_action.get(action, []):
            lines.append('| %s | %s | %s |' % (escape(entry.get('name')), heading, _fields(entry)))
    lines.extend(['', '%s.' % _unchanged_text(resource, unchanged, check_mode)])
    return '\n'.join(lines) + '\n'


def _unchanged_text(resource, count, check_mode):
    objects = '1 %s' % resource.noun if count == 1 else '%d %s' % (count, resource.plural)
    return '%s already as declared' % objects if check_mode else '%s unchanged' % objects


def _fields(entry):
    if entry.get('action') == 'kept':
        return escape(entry.get('msg'))
    if entry.get('action') != 'updated':
        return ''
    return ', '.join('`%s`' % path for path in entry.get('changes') or [])


def escape(text):
    """``text`` with the characters Markdown (and a table cell) would interpret escaped; line breaks as spaces."""
    return _MARKDOWN_SPECIAL.sub(r'\\\1', ' '.join(str(text if text is not None else '').split()))


def render_all(sections, check_mode):
    """The summaries of several lists of one task, one after the other: ``sections`` are ``(results, resource)``
    pairs, in the order the task applied them."""
    return '\n'.join(render(results, check_mode, resource) for results, resource in sections)
