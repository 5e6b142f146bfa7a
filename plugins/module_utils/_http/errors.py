# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The small error hierarchy every module turns into ``fail_json`` in one place (``module.run_module``).

Messages are written for a person: they say what failed and what to check. No message ever carries a
credential, a token or a sensitive value: the client never puts request headers or form bodies into one, and
passes every text that came from the server through a ``Redactor``. "api-behaviour §N" is section N of
docs/api-behaviour.md.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import json
import threading

# OpsRamp's error code for a resource that is not there (yet), sent with HTTP 500 (api-behaviour §13, §14): a 500
# with it is a "not found" to a lookup, and a transient error worth retrying to anything else.
NOT_FOUND_CODE = '0005'
REDACTED = '********'
MAX_TEXT = 300


def opsramp_code(body):
    """OpsRamp's own error code in an error body (an object, or a list of them), or None."""
    if isinstance(body, list) and body:
        body = body[0]
    if isinstance(body, dict) and body.get('code') is not None:
        return str(body.get('code'))
    return None


def shorten(text, limit=MAX_TEXT):
    """``text`` on one line, cut to ``limit`` characters."""
    text = ' '.join(str(text).split())
    return text if len(text) <= limit else text[:limit - 3] + '...'


def describe_error_body(body):
    """A short human text out of any of OpsRamp's error body shapes (api-behaviour §14)."""
    if isinstance(body, dict):
        return _describe_error_object(body)
    if isinstance(body, list):
        parts = []
        for item in body:
            if isinstance(item, dict):
                text = _describe_error_object(item)
                parts.append('%s: %s' % (item['fieldName'], text) if item.get('fieldName') else text)
            else:
                parts.append(str(item))
        return shorten('; '.join(parts))
    if body is None:
        return 'no details in the response'
    return shorten(body)


def _describe_error_object(body):
    text = body.get('error_description') or body.get('message') or body.get('error') or body.get('errorMessage')
    if text is None:
        return shorten(json.dumps(body, sort_keys=True))
    code = body.get('code')
    return shorten('%s (code %s)' % (text, code) if code not in (None, '') else text)


class Redactor:
    """Replaces every secret it was told about (client secret, tokens) with ******** in text or JSON-like data."""

    def __init__(self, *secrets):
        self._lock = threading.Lock()
        self._secrets = []
        for secret in secrets:
            self.add(secret)

    def add(self, secret):
        """Hide ``secret`` from now on (longest first, so that a secret containing another is hidden whole)."""
        if not secret:
            return
        with self._lock:
            self._secrets = sorted(set(self._secrets) | set([str(secret)]), key=len, reverse=True)

    def redact(self, value):
        """``value`` (text, or lists and dicts of it) with every known secret replaced by ********."""
        if isinstance(value, dict):
            return dict((key, self.redact(item)) for key, item in value.items())
        if isinstance(value, list):
            return [self.redact(item) for item in value]
        if not isinstance(value, str):
            return value
        for secret in self._secrets:
            value = value.replace(secret, REDACTED)
        return value


class OpsRampError(Exception):
    """Base class: anything the collection raises on purpose."""

    def __init__(self, message, **details):
        super(OpsRampError, self).__init__(message)
        self.message = message
        self.details = details

    def with_message(self, message, **attributes):
        """A copy of this error with a new message (same class, status, body...) and ``attributes`` set."""
        new_error = copy.copy(self)
        new_error.message = message
        new_error.args = (message,)
        for name, value in attributes.items():
            if not isinstance(getattr(type(new_error), name, None), property):  # ApiError derives maybe_applied
                setattr(new_error, name, value)
        return new_error

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

    # an earlier attempt of this same request may have been applied (it timed out, or its connection broke, and it
    # was re-sent): a "not found" answer to the re-sent delete then most likely means that attempt deleted it
    earlier_attempt_maybe_applied = False

    def __init__(self, message, status=None, method=None, path=None, body=None):
        super(ApiError, self).__init__(message, status=status, method=method, path=path, body=body)
        self.status = status
        self.method = method
        self.path = path
        self.body = body

    @property
    def code(self):
        """OpsRamp's own error code (``"0005"`` and the like), if the body carries one."""
        return opsramp_code(self.body)

    @property
    def maybe_applied(self):
        """A 5xx on a write may come after the server stored it; a 4xx (429 included) means it did not happen."""
        return self.status is not None and self.status >= 500


class ObjectLookupError(OpsRampError):
    """The object a task names (a job, a script...) cannot be pinned down: unknown id, or a name that several share."""


class ResourceLookupError(OpsRampError):
    """A job's entity names a resource (by name, host name or IP address) that no resource, or several, match.

    ``details['matches']`` lists the matches (id, name, state) when there are several.
    """


def is_not_found(error):
    """True for OpsRamp's ways of saying an object does not exist: 404, or 500 with code 0005 (api-behaviour §13)."""
    return isinstance(error, ApiError) and (error.status == 404 or (error.status == 500 and error.code == NOT_FOUND_CODE))


def may_have_been_applied(error):
    """A write that failed this way may still have been stored (it timed out, its connection broke, a 5xx)."""
    return isinstance(error, (CommunicationError, ApiError)) and error.maybe_applied
