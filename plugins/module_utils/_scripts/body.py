# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A script's body (its ``command``, or the file it runs) and how a changed body is seen (api-behaviour §20.11).

OpsRamp's reads do not return the body: a read's ``attachment`` carries a ``contentURL`` that may name another
script's file, and a COMMAND script's read may lack its ``command`` (§20.3). So the body is compared by its SHA-256
digest, read in this order: the body itself when the read carries it (``attachment.file``, or ``command``), else the
digest the collection wrote last as a trailer line of the script's ``description``, a field OpsRamp stores as sent,
else (a script the collection has not written yet) the body ``download`` takes from a ``contentURL`` that names the
script, on the API's host. No digest found means the body is not known to be the task's: one update writes it with
the trailer, and the next run converges. The trailer is never shown as part of the description, and never compared as
such.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import base64
import binascii
import hashlib
import re

from urllib.parse import parse_qsl, urlsplit

from ansible_collections.opsramp.automation.plugins.module_utils._engine.values import as_dict, text
from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import ApiError, OpsRampError

# the key a read is given for the body's digest (never sent: a read-only key of the script table)
DIGEST_KEY = 'bodyDigest'
TRAILER = 'Managed by opsramp.automation, body sha256:'
_TRAILER_RE = re.compile(r'\s*\n?%s([0-9a-f]{64})\s*$' % re.escape(TRAILER))


def digest(text):
    """The digest of a body given as text (UTF-8), as the canonical state holds it."""
    return 'sha256:' + hashlib.sha256(text.encode('utf-8')).hexdigest()


def encoded(text):
    """A body as ``attachment.file`` takes it: base64 of its UTF-8 bytes."""
    return base64.b64encode(text.encode('utf-8')).decode('ascii')


def decoded(file_field):
    """The text of ``attachment.file`` (base64), or None when it is not base64 text."""
    try:
        return base64.b64decode(str(file_field).encode('ascii'), validate=True).decode('utf-8')
    except (binascii.Error, UnicodeError, ValueError):
        return None


def split_description(description):
    """``(the user's description, the digest its trailer holds or None)``."""
    text = description if isinstance(description, str) else ''
    match = _TRAILER_RE.search(text)
    if match is None:
        return (description if isinstance(description, str) else None), None
    return text[:match.start()], 'sha256:' + match.group(1)


def with_trailer(description, body_digest):
    """``description`` (the user's) followed by the trailer that records ``body_digest``."""
    user = split_description(description)[0] or ''
    return '%s%s%s%s' % (user, '\n\n' if user else '', TRAILER, body_digest[len('sha256:'):])


def body_text(script):
    """The body a read carries (``attachment.file`` decoded, or ``command``), or None."""
    attachment = as_dict(script.get('attachment'))
    if attachment.get('file') not in (None, ''):
        return decoded(attachment['file'])
    if script.get('command') not in (None, ''):
        return script['command']
    return None


def with_digest(script):
    """A script read with the digest of its body under ``DIGEST_KEY`` (None when no read tells it)."""
    if not isinstance(script, dict):
        return script
    text = body_text(script)
    found = digest(text) if text is not None else split_description(script.get('description'))[1]
    return dict(script, **{DIGEST_KEY: found})


# ---------------------------------------------------------------------------------------------------- contentURL

DEFAULT_PORTS = {'http': 80, 'https': 443}


def download_location(base_url, script):
    """``(path, query)`` of the script's ``attachment.contentURL`` relative to the API's ``base_url``, or ``(None,
    why not)``. Only a URL on the API's own host (the bearer token goes nowhere else) that names this script (a query
    parameter ``scriptId`` holding its id) qualifies: a URL that names only a file name and a version may answer
    another script's body (api-behaviour §20.3)."""
    url = as_dict(as_dict(script).get('attachment')).get('contentURL')
    if not isinstance(url, str) or not url.strip():
        return None, 'OpsRamp gives no contentURL for it'
    try:
        found, base = urlsplit(url.strip()), urlsplit(base_url)
        same_host = (found.scheme.lower(), found.hostname, found.port or DEFAULT_PORTS.get(found.scheme.lower())) == (
            base.scheme.lower(), base.hostname, base.port or DEFAULT_PORTS.get(base.scheme.lower()))
    except ValueError:
        return None, 'its contentURL is not a URL'
    prefix = base.path.rstrip('/')
    if not same_host or not found.path.startswith(prefix + '/'):
        return None, 'its contentURL is not on the API host %s, which alone gets the API token' % base_url
    query = parse_qsl(found.query, keep_blank_values=True)
    if text(as_dict(script).get('id')) not in [value for key, value in query if key == 'scriptId']:
        return None, 'its contentURL names a file and a version, not the script, and may give another script\'s body'
    return (found.path[len(prefix):], query), None


def download(client, script):
    """``(body text, None)`` downloaded from the script's contentURL with the API token when
    ``download_location`` allows it, else ``(None, why not)``. Never raises for the download itself: a body that
    cannot be had is reported, not fatal."""
    location, why_not = download_location(client.url, script)
    if location is None:
        return None, why_not
    try:
        content = client.download(*location)
    except ApiError as error:
        return None, 'its contentURL answered HTTP %s' % error.status
    except OpsRampError as error:
        return None, 'its contentURL could not be read: %s' % error.message
    try:
        return content.decode('utf-8'), None
    except UnicodeDecodeError:
        return None, 'its body is not UTF-8 text'
