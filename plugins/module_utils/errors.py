# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The small error hierarchy every module turns into ``fail_json`` in one place (``module.run_module``).

Messages are written for a person: they say what failed and what to check. No message ever carries a
credential, a token or a sensitive value: the client never puts request headers or form bodies into one.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class OpsRampError(Exception):
    """Base class: anything the collection raises on purpose."""

    def __init__(self, message, **details):
        super(OpsRampError, self).__init__(message)
        self.message = message
        self.details = details

    def to_fail_kwargs(self):
        """Keyword arguments for ``AnsibleModule.fail_json``."""
        result = dict(msg=self.message)
        result.update((key, value) for key, value in self.details.items() if value is not None)
        return result


class ValidationError(OpsRampError):
    """The task's options are wrong; raised before any request is sent."""

    def __init__(self, message, option=None):
        super(ValidationError, self).__init__(message, option=option)
        self.option = option


class AuthenticationError(OpsRampError):
    """OpsRamp refused the credentials or the token, even after one fresh token."""


class CommunicationError(OpsRampError):
    """No usable HTTP answer: DNS, connection refused or reset, TLS failure, timeout.

    ``maybe_applied`` is true when the request may have reached the server (it was sent, then the connection
    broke or timed out): a create in that state must be looked up, never sent again blindly.
    """

    def __init__(self, message, maybe_applied=False):
        super(CommunicationError, self).__init__(message)
        self.maybe_applied = maybe_applied


class ApiError(OpsRampError):
    """OpsRamp answered with an error status."""

    def __init__(self, message, status=None, method=None, path=None, body=None):
        super(ApiError, self).__init__(message, status=status, method=method, path=path, body=body)
        self.status = status
        self.method = method
        self.path = path
        self.body = body

    @property
    def code(self):
        """OpsRamp's own error code (``"0005"`` and the like), if the body carries one."""
        body = self.body
        if isinstance(body, list) and body:
            body = body[0]
        if isinstance(body, dict) and body.get('code') is not None:
            return str(body.get('code'))
        return None

    @property
    def maybe_applied(self):
        """A 5xx on a write may come after the server stored it; a 4xx (429 included) means it did not happen."""
        return self.status is not None and self.status >= 500


class JobLookupError(OpsRampError):
    """The job the task names cannot be pinned down: unknown id, or a name that several jobs share."""


class ResourceLookupError(OpsRampError):
    """A job's entity names a resource (by name, host name or IP address) that no resource, or several, match.

    ``details['matches']`` lists the matches (id, name, state) when there are several.
    """
