# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Script parameter values hidden by where they are, not by what they look like.

Ansible's ``no_log`` masks every occurrence of a secret anywhere in a result, as a substring: a sensitive value
"30" garbles every start date and id that contains "30". So the modules take script parameter values out of
Ansible's substring masking (``module.run_module``) and hide them here instead, in the fields that hold them: the
``value`` of each script parameter in the returned job, in the diff and in the invocation. Everything else stays
exact. Free text (error messages, warnings) cannot be masked by field: there every occurrence of a hidden value is
replaced, as Ansible would. docs/check-and-diff.md, "Secrets stay hidden", says which values are hidden.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import REDACTED as MASK, Redactor


class Secrets:
    """The script parameter values one job's results must hide.

    When ``hide_parameters`` is true, every parameter value of the job is masked in its results (a task cannot mark
    one list element ``no_log``, so Ansible hides them all in the invocation: the results do the same); ``values``
    are the texts to remove from messages.
    """

    def __init__(self, hide_parameters=False, values=()):
        self.hide_parameters = bool(hide_parameters)
        self.values = frozenset(value for value in values if value)

    def __bool__(self):
        return self.hide_parameters

    @classmethod
    def of_job(cls, hide_parameters, *states):
        """The secrets of a job whose canonical states (desired, current; None skipped) are ``states``."""
        if not hide_parameters:
            return cls()
        return cls(True, [parameter['value'] for state in states for parameter in _canonical_parameters(state)])

    def mask_state(self, state):
        """A canonical state (``custom_script.parameters[].value``) with the parameter values masked."""
        if not self.hide_parameters or not _canonical_parameters(state):
            return state
        state = copy.deepcopy(state)
        _mask_values(state['custom_script']['parameters'])
        return state

    def mask_job(self, job):
        """A job in the API's form (``script.parameters[].value``) with the parameter values masked."""
        parameters = ((job or {}).get('script') or {}).get('parameters') if isinstance(job, dict) else None
        if not self.hide_parameters or not isinstance(parameters, list):
            return job
        job = copy.deepcopy(job)
        _mask_values(job['script']['parameters'])
        return job

    def redact(self, text):
        """``text`` with every hidden value replaced by the mask (for messages, which have no fields)."""
        return redact(text, self.values)


def redact(value, values):
    """``value`` (text, or lists and dicts of it) with every occurrence of each of ``values`` masked, longest first."""
    return Redactor(*values).redact(value)


def _canonical_parameters(state):
    custom_script = (state or {}).get('custom_script') if isinstance(state, dict) else None
    parameters = custom_script.get('parameters') if isinstance(custom_script, dict) else None
    return parameters if isinstance(parameters, list) else []


def _mask_values(parameters):
    for parameter in parameters:
        if isinstance(parameter, dict) and parameter.get('value') not in (None, ''):
            parameter['value'] = MASK


def hide_in_error(error, values):
    """``error`` (an OpsRampError) with ``values`` redacted from its message and details (a server may echo them)."""
    if not values:
        return error
    redactor = Redactor(*values)
    hidden = copy.copy(error)
    hidden.message = redactor.redact(error.message)
    hidden.args = (hidden.message,)
    hidden.details = redactor.redact(error.details)
    for name in hidden.details:
        if name in vars(hidden):  # ApiError keeps body, path... as attributes too
            setattr(hidden, name, hidden.details[name])
    return hidden
