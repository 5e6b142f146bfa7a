# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Make ``import ansible_collections.opsramp.automation...`` and ``import opsramp_simulator`` work.

From a checkout whose root is the collection: if it already sits at .../ansible_collections/opsramp/automation
(ansible-test's staging tree), put the directory above ``ansible_collections`` on sys.path; otherwise symlink
<tmp>/ansible_collections/opsramp/automation -> <checkout> and put <tmp> there. The simulator package lives in
tests/simulator and is put on sys.path as well.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import sys
import tempfile
import zlib

NAMESPACE, NAME = 'opsramp', 'automation'

_root = os.path.realpath(os.path.join(os.path.dirname(__file__), '..', '..'))
_parts = _root.split(os.sep)
if _parts[-3:] == ['ansible_collections', NAMESPACE, NAME]:
    _base = os.sep.join(_parts[:-3]) or os.sep
else:
    _base = os.path.join(tempfile.gettempdir(), 'ac-%s-%s-%d' % (NAMESPACE, NAME, zlib.crc32(_root.encode('utf-8'))))
    _link = os.path.join(_base, 'ansible_collections', NAMESPACE, NAME)
    if not os.path.islink(_link) or os.readlink(_link) != _root:
        if not os.path.isdir(os.path.dirname(_link)):
            os.makedirs(os.path.dirname(_link))
        _tmp_link = '%s.%d' % (_link, os.getpid())
        os.symlink(_root, _tmp_link)
        os.rename(_tmp_link, _link)  # atomic replace, safe with pytest-xdist workers
for _path in (_base, os.path.join(_root, 'tests', 'simulator')):
    if _path not in sys.path:
        sys.path.insert(0, _path)

try:
    from hypothesis import settings as _hypothesis_settings
except ImportError:  # hypothesis is only needed by the property tests
    _hypothesis_settings = None
if _hypothesis_settings is not None:
    # CI explores the same examples every run, so a red CI always means a reproducible failure.
    _hypothesis_settings.register_profile('ci', derandomize=True, database=None)
    if os.environ.get('CI'):
        _hypothesis_settings.load_profile('ci')
