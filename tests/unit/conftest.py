# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Settings of the unit tests. They import the collection as ``ansible_collections.opsramp.automation``: run them
from a tree where it sits at that path, as ``make units`` does (the staged tree, ``$(STAGE_ROOT)`` on PYTHONPATH) and
as ``ansible-test units`` does."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os

try:
    from hypothesis import settings as _hypothesis_settings
except ImportError:  # hypothesis is only needed by the property tests
    _hypothesis_settings = None
if _hypothesis_settings is not None:
    # CI explores the same examples every run, so a red CI always means a reproducible failure.
    _hypothesis_settings.register_profile('ci', derandomize=True, database=None)
    if os.environ.get('CI'):
        _hypothesis_settings.load_profile('ci')


def pytest_collection_modifyitems(config, items):
    """``make quick`` (OPSRAMP_QUICK=1) leaves the property tests out: they take most of the time, ``make units``
    runs them."""
    if not os.environ.get('OPSRAMP_QUICK'):
        return
    properties = [item for item in items if getattr(getattr(item, 'obj', None), 'is_hypothesis_test', False)]
    if properties:
        config.hook.pytest_deselected(items=properties)
        items[:] = [item for item in items if item not in properties]
