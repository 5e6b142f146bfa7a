# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The RBA API v2: categories and the scripts in them, over a ``Client`` (api-behaviour §20).

Paths are relative to ``/api/v2/tenants/<tenant_id>/rba``. A script has no path outside its category, so every script
call names both. The two script reads are swapped in the OpenAPI file (§20.3): a read is taken as one script or a
list holding it, a list as a list or one bare script.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import (
    ApiError,
    CommunicationError,
    is_not_found,
    may_have_been_applied,
)


def _path(client, *parts):
    return client.api_path('rba', *parts)


# ---------------------------------------------------------------------------------------------------- categories

def list_categories(client):
    """The category tree: root categories, each with its subcategories under ``childs`` (api-behaviour §20.3)."""
    answer = client.get(_path(client, 'categories'))
    return answer if isinstance(answer, list) else []


def create_category(client, name, parent_id=None):
    body = dict(name=name)
    if parent_id is not None:
        body['parent'] = dict(id=parent_id)
    return client.post(_path(client, 'categories'), body)


def rename_category(client, category_id, name):
    """The category PUT takes the id in the body, none in the path (api-behaviour §20.1)."""
    return client.request('PUT', _path(client, 'categories'), body=dict(id=category_id, name=name))


def delete_category(client, category_id):
    """True if this call deleted the category, False if it was already gone."""
    try:
        client.delete(_path(client, 'categories', category_id))
    except ApiError as error:
        if is_not_found(error):
            return error.earlier_attempt_maybe_applied
        raise
    return True


# ---------------------------------------------------------------------------------------------------- scripts

def list_scripts(client, category_id):
    """Every script of a category, whole (a bare object is one script: api-behaviour §20.3)."""
    answer = client.get(_path(client, 'categories', category_id, 'scripts'))
    if isinstance(answer, dict):
        answer = [answer] if answer.get('id') is not None else []
    return [script for script in answer or [] if isinstance(script, dict)]


def get_script(client, category_id, script_id):
    """The script, or None when OpsRamp says there is none (a list is searched for its id: §20.3)."""
    try:
        answer = client.get(_path(client, 'categories', category_id, 'scripts', script_id))
    except ApiError as error:
        if is_not_found(error):
            return None
        raise
    if isinstance(answer, list):
        found = [script for script in answer if isinstance(script, dict) and str(script.get('id')) == str(script_id)]
        return found[0] if found else None
    return answer if isinstance(answer, dict) and answer.get('id') is not None else None


def create_script(client, category_id, body):
    """Create a script; never sent twice. A create whose outcome is unknown says so: the next run looks the script
    up by name before creating it."""
    try:
        return client.post(_path(client, 'categories', category_id, 'scripts'), body)
    except (CommunicationError, ApiError) as error:
        if not may_have_been_applied(error):
            raise
        raise error.with_message("%s; the script '%s' may or may not have been created: running the task again looks "
                                 "for it by name before creating it" % (error.message, body.get('name'))) from None


def update_script(client, category_id, script_id, body):
    """Replace the script with ``body`` (the whole script, body included: api-behaviour §20.5); a POST, not a PUT."""
    try:
        return client.post(_path(client, 'categories', category_id, 'scripts', script_id), dict(body, id=script_id))
    except (CommunicationError, ApiError) as error:
        if not may_have_been_applied(error):
            raise
        raise error.with_message('%s; the update of script %s may or may not have been applied: running the task '
                                 'again will converge' % (error.message, script_id)) from None


def delete_script(client, category_id, script_id):
    """True if this call deleted the script, False if it was already gone."""
    try:
        client.delete(_path(client, 'categories', category_id, 'scripts', script_id))
    except ApiError as error:
        if is_not_found(error):
            return error.earlier_attempt_maybe_applied
        raise
    return True
