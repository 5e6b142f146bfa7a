# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A warning, before any write, for a job_type that OpsRamp will probably refuse.

OpsRamp answers an unknown job type with 400 only when the job is written, so check mode would preview a change
that the real run cannot make (docs/api-behaviour.md, job types). A type is fine when it is a documented one (in
any case: the job model sends OpsRamp's spelling) or exactly one the tenant lists; the tenant's list
(``GET /jobs/types``) is only read when a type is not documented, so a converged run sends no extra request.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import difflib
import re

from ansible_collections.opsramp.automation.plugins.module_utils import jobs
from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import OpsRampError
from ansible_collections.opsramp.automation.plugins.module_utils.job_kinds import KNOWN_JOB_TYPES

_DOCUMENTED = frozenset(job_type.lower() for job_type in KNOWN_JOB_TYPES)


def warn_unknown(client, named_types):
    """Warn, through ``client.warn``, about each ``(option, job_type)`` that is neither documented nor listed."""
    unknown = [(option, value) for option, value in named_types
               if value is not None and str(value).lower() not in _DOCUMENTED]
    if not unknown:
        return
    listed = _listed_types(client)
    for option, value in unknown:
        if value not in listed:
            client.warn(unknown_type_message(option, value, KNOWN_JOB_TYPES + tuple(sorted(listed))))


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
        return set(item['type'] for item in jobs.list_job_types(client) if item.get('type'))
    except OpsRampError:
        return set()
