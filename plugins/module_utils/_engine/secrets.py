# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Secret values hidden by where they are, not by what they look like.

Ansible's ``no_log`` masks every occurrence of a secret anywhere in a result, as a substring: a sensitive script
parameter value "30" garbles every start date and id that contains "30". So the modules take such values out of
Ansible's substring masking (``module.run_module``) and hide them here instead, in the fields that hold them: each
``sensitive`` field of a resource's model hides its secrets through its kind, in the object returned, in the diff and
in the invocation. Everything else stays exact. Free text (error messages, warnings) cannot be masked by field: there
every occurrence of a hidden value is replaced, as Ansible would. docs/check-and-diff.md, "Secrets stay hidden", says
which values are hidden.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

from ansible_collections.opsramp.automation.plugins.module_utils._engine.paths import get_path, set_path
from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import Redactor


class Secrets:
    """The secrets one object's results must hide: the sensitive fields of ``model`` mask their values (``hide``: the
    task asks for them to be hidden; a kind may hide some values whatever it asks), ``values`` are the texts to remove
    from messages."""

    def __init__(self, model=None, hide=False, values=()):
        self.model = model
        self.hide = bool(hide)
        self.values = frozenset(value for value in values if value)

    @classmethod
    def of_states(cls, model, hide, *states):
        """The secrets of an object whose canonical states (desired, current; None skipped) are ``states``."""
        values = [secret for state in states if state for field in model.sensitive_fields
                  for secret in field.kind.secret_values(get_path(state, field.option), hide)]
        return cls(model, hide, values)

    def adding(self, values):
        """These secrets, and ``values`` too kept out of messages."""
        return Secrets(self.model, self.hide, self.values | frozenset(values)) if values else self

    def adding_stored(self, obj):
        """These secrets, and those ``obj`` (as OpsRamp holds it, or None) shows where its canonical state does not:
        a read may show in clear a secret the state leaves out, and an error may echo it."""
        if self.model is None or not isinstance(obj, dict):
            return self
        return self.adding([secret for field in self.model.sensitive_fields
                            for secret in field.kind.secret_values_api(get_path(obj, field.reads[0]), self.hide)])

    def mask_state(self, state):
        """A canonical state with its secrets masked."""
        return self._masked(state, lambda field: field.option, 'masked')

    def mask_object(self, obj):
        """An object as OpsRamp holds it with its secrets masked."""
        return self._masked(obj, lambda field: field.reads[0], 'masked_api')

    def _masked(self, data, path_of, method):
        if self.model is None or not isinstance(data, dict):
            return data
        masked = data
        for field in self.model.sensitive_fields:
            value = get_path(data, path_of(field))
            if value is None:
                continue
            hidden = getattr(field.kind, method)(value, self.hide)
            if hidden != value:
                masked = copy.deepcopy(data) if masked is data else masked
                set_path(masked, path_of(field), hidden)
        return masked


def redact(value, values):
    """``value`` (text, or lists and dicts of it) with every occurrence of each of ``values`` masked, longest first."""
    return Redactor(*values).redact(value)


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
