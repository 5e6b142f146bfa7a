# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Option tables turned into argument specs and documentation, so the docs can never drift from what modules take.

``_http.config.CONNECTION_OPTIONS`` gives the argument spec every module merges in (``connection_argument_spec``, with
its environment fallbacks) and the ``opsramp.automation.connection`` doc fragment (``connection_doc_fragment``). A
resource's table (``fields.Option``\\ s) gives its options' argument spec (``argument_spec``) and documentation
(``option_docs``), and the same for the elements of a list module (``element_options``, ``within_list``).
ansible-test reads doc fragments and role argument specs without running them, so ``ci/render_docs.py`` writes them
from here and a unit test fails when they drift. Messages name list elements with ``element_label`` and ``naming``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible.module_utils.basic import env_fallback

from ansible_collections.opsramp.automation.plugins.module_utils._engine.fields import SPEC_KEYS, Option
from ansible_collections.opsramp.automation.plugins.module_utils._http.config import CONNECTION_OPTIONS

# Every module extends the connection doc fragment, so its documentation lists these (the import error of a module
# without requests says "please read the module documentation").
REQUIREMENTS = [
    'requests, in the Python that runs the module (with C(hosts: localhost), the Python of C(ansible-playbook))',
]
_OPTION_REFERENCE = re.compile(r'O\(([A-Za-z_][\w.\[\]]*)(=[^)]*)?\)')


# ---------------------------------------------------------------------------------------------------- connection

def connection_argument_spec():
    """The argument spec entries for the connection options, with their environment fallbacks."""
    spec = {}
    for option in CONNECTION_OPTIONS:
        entry = dict(type=option['type'], fallback=(env_fallback, [option['env']]))
        if 'default' in option:
            entry['default'] = option['default']
        entry['no_log'] = bool(option.get('no_log'))
        spec[option['name']] = entry
    return spec


def connection_doc_fragment():
    """The ``requirements`` and ``options`` of the connection doc fragment, as data."""
    options = {}
    for option in CONNECTION_OPTIONS:
        doc = _connection_doc(option)
        if 'default' in option:
            doc['default'] = option['default']
        options[option['name']] = doc
    return dict(requirements=list(REQUIREMENTS), options=options)


def _connection_doc(option):
    doc = dict(description=list(option['description']), type=option['type'])
    doc['description'].append('If not set, the value of the E(%s) environment variable is used.' % option['env'])
    if option.get('required'):
        doc['description'].append('Required, here or in E(%s).' % option['env'])
    return doc


# ---------------------------------------------------------------------------------------------------- tables

def argument_spec(options):
    """The argument spec entries of ``options`` (``fields.Option``), suboptions included."""
    spec = {}
    for option in options:
        if option.internal:
            continue
        entry = dict(option.spec)
        if option.suboptions:
            entry['options'] = argument_spec(option.suboptions)
        spec[option.name] = entry
    return spec


def option_docs(options):
    """The documentation of ``options``, as a doc fragment's or a role argument spec's ``options`` hold it."""
    docs = {}
    for option in options:
        if option.internal:
            continue
        doc = dict(description=list(option.description))
        doc.update((key, option.spec[key]) for key in SPEC_KEYS if key in option.spec)
        if option.suboptions:
            doc['suboptions'] = option_docs(option.suboptions)
        docs[option.name] = doc
    return docs


def element_options(options, noun):
    """The options of an element of a list module: ``options`` plus its ``state`` and its ``source``."""
    return tuple(options) + (
        Option('state', [
            'V(present) creates the %s or updates it to match; V(absent) deletes it.' % noun,
            'With V(absent), a %s that does not exist is not an error.' % noun,
        ], choices=['present', 'absent'], default='present'),
        Option('source', [
            'Where the element comes from, for example the path of the file that declares the %s in a Git'
            ' repository.' % noun,
            'Every message about the element names it, with its position in the list and O(name), so that an error'
            ' points at the file to fix. It is never sent to OpsRamp and never compared.',
        ]),
    )


def within_list(parent, docs):
    """Option docs with every O(option) reference rewritten to O(parent[].option)."""
    def rewrite(text):
        return _OPTION_REFERENCE.sub(lambda match: 'O(%s[].%s%s)' % (parent, match.group(1), match.group(2) or ''), text)

    result = {}
    for name, doc in docs.items():
        doc = dict(doc, description=[rewrite(line) for line in doc['description']])
        if 'suboptions' in doc:
            doc['suboptions'] = within_list(parent, doc['suboptions'])
        result[name] = doc
    return result


# ---------------------------------------------------------------------------------------------------- roles
# A role that wraps a module takes its options as role variables named <role>_<option>, and passes the ones that are
# set: the role's argument spec documents them as the module does.

def role_option_docs(prefix, options):
    """The documentation of ``options`` as role variables ``<prefix>_<name>``, references rewritten to match."""
    return dict(('%s_%s' % (prefix, name), _in_role(prefix, doc)) for name, doc in option_docs(options).items())


def role_connection_docs(prefix):
    """The connection options as role variables ``<prefix>_<name>``: no default (the role passes only what is set,
    and the module's default applies), secrets ``no_log``."""
    docs = {}
    for option in CONNECTION_OPTIONS:
        doc = _connection_doc(option)
        if 'default' in option:
            doc['description'].append('Left unset, the module uses V(%s).' % (option['default'],))
        if option.get('no_log'):
            doc['no_log'] = True
        docs['%s_%s' % (prefix, option['name'])] = _in_role(prefix, doc)
    return docs


def _in_role(prefix, doc):
    def rewrite(text):
        return _OPTION_REFERENCE.sub(lambda match: 'O(%s_%s%s)' % (prefix, match.group(1), match.group(2) or ''), text)

    doc = dict(doc, description=[rewrite(line) for line in doc['description']])
    if 'suboptions' in doc:
        doc['options'] = dict((name, _in_role(prefix, sub)) for name, sub in doc.pop('suboptions').items())
    return doc


# ---------------------------------------------------------------------------------------------------- messages

def element_label(path, element):
    """How messages name a list element: its path, then its name and source when it has them
    (``jobs[3] 'nightly backup' from jobs/nightly-backup.yml``)."""
    label = path
    if element.get('name') is not None:
        label += " '%s'" % (element['name'],)
    if element.get('source'):
        label += ' from %s' % (element['source'],)
    return label


def naming(message, *elements):
    """``message`` about list ``elements`` (``(path, element)`` pairs), followed by their labels when they tell more
    than the message does: a source, or a name the message does not quote already."""
    if not any(_tells_more(message, element) for dummy, element in elements):
        return message
    return '%s (%s)' % (message, ', '.join(element_label(path, element) for path, element in elements))


def _tells_more(message, element):
    if element.get('source'):
        return True
    return element.get('name') is not None and "'%s'" % (element['name'],) not in message
