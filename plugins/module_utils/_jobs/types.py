# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Job types: the ``job_type`` option's kind, and a warning, before any write, for a
type that OpsRamp will probably refuse.

OpsRamp answers an unknown job type with 400 only when the job is written, so check mode would preview a change
that the real run cannot make (docs/api-behaviour.md, job types). A type is fine when it is a documented one (in
any case: the job model sends OpsRamp's spelling) or exactly one the tenant lists; the tenant's list
(``GET /jobs/types``) is only read when a type is not documented, so a converged run sends no extra request.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import difflib
import re

from ansible_collections.opsramp.automation.plugins.module_utils._engine.kinds import Kind
from ansible_collections.opsramp.automation.plugins.module_utils._engine.values import text
from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import OpsRampError
from ansible_collections.opsramp.automation.plugins.module_utils._jobs import api


class JobType(Kind):
    """The job type, recognised in any case when it is one of the ``known`` types (api-behaviour §5): the job table
    lists them."""

    def __init__(self, known):
        self.known = tuple(known)
        self._by_lower = dict((job_type.lower(), job_type) for job_type in self.known)

    def canonical(self, value):
        """The job type as OpsRamp spells it when it is a known one ('ADCHECKLIST' -> 'adCheckList'), else as given."""
        value = text(value).strip()
        return self._by_lower.get(value.lower(), value)

    def is_known(self, value):
        return str(value).lower() in self._by_lower

    def desired(self, value):
        return self.canonical(value)

    def current(self, raw):
        return self.canonical(raw)

    def problem(self, value):
        return None if text(value).strip() else 'must not be empty'


def warn_unknown(client, named_types, kind):
    """Warn, through ``client.warn``, about each ``(option, job_type)`` that is neither documented (known to ``kind``,
    a ``JobType``) nor listed."""
    unknown = [(option, value) for option, value in named_types if value is not None and not kind.is_known(value)]
    if not unknown:
        return
    listed = _listed_types(client)
    for option, value in unknown:
        if value not in listed:
            client.warn(unknown_type_message(option, value, kind.known + tuple(sorted(listed))))


def unknown_type_message(option, value, known):
    suggestion = closest(value, known)
    hint = "did you mean '%s'?" % suggestion if suggestion else 'known types are %s.' % ', '.join(known)
    return ("%s: '%s' is neither a job type OpsRamp documents nor one this tenant lists (GET /jobs/types); %s "
            "OpsRamp refuses an unknown type when the job is written" % (option, value, hint))


def closest(value, known):
    """The known type ``value`` most resembles, ignoring case and separators; None when none is close."""
    by_key = {}
    for job_type in known:
        by_key.setdefault(_key(job_type), job_type)
    matches = difflib.get_close_matches(_key(value), list(by_key), n=1, cutoff=0.6)
    return by_key[matches[0]] if matches else None


def _key(value):
    return re.sub(r'[\s_.-]+', '', str(value)).lower()


def _listed_types(client):
    """The types the tenant lists; none when the list cannot be read (the warning then names documented types)."""
    try:
        return set(item['type'] for item in api.list_job_types(client) if item.get('type'))
    except OpsRampError:
        return set()
