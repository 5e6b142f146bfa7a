# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""RBA scripts found by their name in a category, or by id, for the custom jobs that name them (api-behaviour §20.10).

OpsRamp has no search of scripts: a category's scripts are listed whole, and a script has no read outside its
category (api-behaviour §20.1, §20.3). ``ScriptResolver`` lists the categories once and each category's scripts at
most once for its lifetime (one task: opsramp_jobs shares one resolver across its whole list and its worker threads),
so any number of jobs naming the same script cost one listing, and scripts of one category share theirs. Names are
compared exactly, and are not unique (§20.8): a name that several scripts share is an error naming their ids.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.opsramp.automation.plugins.module_utils._engine.answers import Answers, ask_all
from ansible_collections.opsramp.automation.plugins.module_utils._engine.values import text
from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import (
    ApiError,
    ObjectLookupError,
    OpsRampError,
    is_not_found,
)
from ansible_collections.opsramp.automation.plugins.module_utils._scripts import api
from ansible_collections.opsramp.automation.plugins.module_utils._scripts.categories import CategoryIndex


class ScriptReference:
    """How a task names a script: its exact ``name``, in the category named by its name or path (``category``) or by
    its id (``category_id``)."""

    def __init__(self, name, category=None, category_id=None):
        self.name = text(name)
        self.category = None if category is None else text(category)
        self.category_id = None if category_id is None else text(category_id)

    @property
    def key(self):
        """What makes two references the same script."""
        return (self.name, self.category, self.category_id)


class ScriptResolver:
    """RBA scripts by name or id, each category's scripts listed at most once. Safe to share between threads.

    ``listings`` counts the category script lists read (the category tree, listed once, is not counted).
    """

    def __init__(self, client, planned=None):
        self._client = client
        self._index = CategoryIndex.of(client)
        self._tree = Answers()
        self._lists = Answers()
        self._planned = planned  # what the task's scripts would have written, in check mode (engine's Planned)

    @property
    def listings(self):
        return self._lists.computed

    def categories(self):
        """Every category the tenant sees, listed once; a failed listing fails every caller the same way."""
        return self._tree.get('categories', self._index.all)

    def scripts_in(self, category_id):
        """Every script of the category, listed once (with what the task's scripts would have written, in check
        mode); None when OpsRamp has no category of that id."""
        listed = self._lists.get(text(category_id), lambda: _listed_scripts(self._client, category_id))
        return self._planned.in_scope(category_id, listed) if self._planned is not None else listed

    def find(self, reference, option):
        """The one script ``reference`` (a ``ScriptReference``) names. ObjectLookupError naming ``option`` (the
        option path of the reference) when no script or several have the name, or the category does not exist."""
        category_id, category = self._category(reference, option)
        scripts = self.scripts_in(category_id)
        if scripts is None:
            raise ObjectLookupError('%s.category_id: no RBA category has id %s in tenant %s'
                                    % (option, category_id, self._client.tenant_id))
        matches = [script for script in scripts if script.get('name') == reference.name]
        if not matches:
            raise ObjectLookupError("%s: no RBA script is named '%s' in category %s of tenant %s"
                                    % (option, reference.name, category, self._client.tenant_id), matches=[])
        if len(matches) > 1:
            raise ObjectLookupError("%s: %d RBA scripts are named '%s' in category %s (ids %s); give the id of the one "
                                    "to use" % (option, len(matches), reference.name, category,
                                                ', '.join(text(script.get('id')) for script in matches)),
                                    matches=[dict(id=text(script.get('id')), name=script.get('name'))
                                             for script in matches])
        return matches[0]

    def every_script(self, workers=1):
        """``(pairs, problems)``: every script the tenant sees as ``(Category, script)`` pairs, each category's
        scripts listed once, ``workers`` categories at a time; ``problems`` name the categories whose scripts could not
        be listed (OpsRamp's own client guards against such "broken trees", api-behaviour §20.3)."""
        categories = self.categories()
        ask_all(self.scripts_in, [category.id for category in categories], workers)
        pairs, problems = [], []
        for category in categories:
            try:
                scripts = self.scripts_in(category.id)
            except OpsRampError as error:
                problems.append("the scripts of RBA category '%s' (id %s) could not be listed: %s"
                                % (category.path_text, category.id, error.message))
                continue
            pairs.extend((category, script) for script in scripts or [])
        return pairs, problems

    def by_id(self, script_id, option, workers=1):
        """The script with this id, looked for in every category: a script has no read outside its category
        (api-behaviour §20.1). ObjectLookupError naming ``option`` when there is none."""
        pairs, problems = self.every_script(workers)
        for dummy, script in pairs:
            if text(script.get('id')) == text(script_id):
                return script
        raise ObjectLookupError('%s: no RBA script has id %s in tenant %s%s' % (
            option, script_id, self._client.tenant_id, ''.join('; ' + problem for problem in problems)))

    def _category(self, reference, option):
        """``(id, description)`` of the category ``reference`` names; by id it costs no listing."""
        if reference.category_id is not None:
            return reference.category_id, 'id %s' % reference.category_id
        self.categories()  # the listing's error, if it failed, is raised here, once for all callers
        category = self._index.find(reference.category, option + '.category')
        return category.id, "'%s' (id %s)" % (category.path_text, category.id)


def _listed_scripts(client, category_id):
    try:
        return api.list_scripts(client, category_id)
    except ApiError as error:
        if is_not_found(error):
            return None
        raise


def declared_parameter(script, name, option):
    """The id of the parameter that ``script`` declares by the exact name ``name``. ObjectLookupError naming
    ``option`` when it declares none, or several."""
    declared = [parameter for parameter in script.get('parameters') or [] if isinstance(parameter, dict)]
    matches = [parameter for parameter in declared if parameter.get('name') == name]
    if len(matches) == 1:
        return text(matches[0].get('id'))
    described = "RBA script '%s' (id %s)" % (script.get('name'), text(script.get('id')))
    if not matches:
        raise ObjectLookupError("%s: %s declares no parameter named '%s'; it declares %s" % (
            option, described, name, ', '.join("'%s'" % parameter.get('name') for parameter in declared) or 'none'))
    raise ObjectLookupError("%s: %s declares %d parameters named '%s' (ids %s); give the id of the one to use" % (
        option, described, len(matches), name, ', '.join(text(parameter.get('id')) for parameter in matches)))
