# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    # Rendered from the script_category table (plugins/module_utils/_scripts/table.py), which also builds the argument spec;
    # tests/unit/plugins/doc_fragments/test_doc_fragments.py fails when they drift; `make render` rewrites them.
    DOCUMENTATION = r'''
options:
  id:
    description:
      - Identifier of the category (a number) that OpsRamp gave it.
      - 'When given, the category is found by O(id): then O(name) renames it.'
    type: str
  name:
    description:
      - Name of the category.
      - Without O(id), the category is found by this exact, case-sensitive name under O(parent) (at the top without it).
    type: str
  parent:
    description:
      - 'The category this one is a subcategory of: its name, or its path from the top, the names joined with V(/).'
      - 'Left out, the category is at the top. A category stays under its parent: OpsRamp has no way to move it.'
    type: str
  parent_id:
    description:
      - Identifier of the parent category, instead of O(parent).
    type: str
'''
