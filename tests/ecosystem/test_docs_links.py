# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Relative links in the Markdown docs lead to files that exist, and to headings that exist in them."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import glob
import os
import re

from conftest import ROOT

PAGES = sorted(glob.glob(os.path.join(ROOT, 'docs', '*.md')) + glob.glob(os.path.join(ROOT, 'examples', '*', 'README.md'))
               + [os.path.join(ROOT, 'README.md'), os.path.join(ROOT, 'CONTRIBUTING.md')])
LINK = re.compile(r'\[[^\]]*\]\(([^)\s]+)\)')


def anchors(path):
    """GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens."""
    with open(path) as f:
        text = re.sub(r'^```.*?^```', '', f.read(), flags=re.M | re.S)
    return set(re.sub(r'[^\w\- ]', '', heading.strip().lower()).replace(' ', '-')
               for heading in re.findall(r'^#+ (.*)$', text, re.M))


def test_relative_links_resolve():
    broken = []
    for page in PAGES:
        with open(page) as f:
            text = re.sub(r'^```.*?^```', '', f.read(), flags=re.M | re.S)
        for target in LINK.findall(text):
            if re.match(r'[a-z]+:', target):
                continue
            path, _sep, anchor = target.partition('#')
            resolved = os.path.normpath(os.path.join(os.path.dirname(page), path)) if path else page
            where = '%s -> %s' % (os.path.relpath(page, ROOT), target)
            if not os.path.exists(resolved):
                broken.append(where)
            elif anchor and resolved.endswith('.md') and anchor not in anchors(resolved):
                broken.append(where + ' (no such heading)')
    assert not broken, 'broken links:\n' + '\n'.join(broken)
