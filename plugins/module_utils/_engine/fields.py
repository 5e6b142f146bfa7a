# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The words a resource's table is written in: ``Option``, ``Field`` and ``Section``.

A table declares each option of a module once, with everything derived from it: its argument spec and its
documentation (an ``Option``), and, for an option OpsRamp stores (a ``Field``), where the API keeps it and how its
values convert (its kind, ``_engine/kinds.py``). A ``Section`` groups fields stored in one API object (``schedule``,
``network_backup``). ``model.Model`` derives the canonical states and the request body from the fields;
``options.py`` renders argument specs and documentation from the options.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

SPEC_KEYS = ('type', 'elements', 'required', 'default', 'choices')


class Option:
    """An option of a module: ``spec`` holds its argument spec entries (``SPEC_KEYS`` and ``no_log``),
    ``suboptions`` the options of a dict or a list of dicts."""

    internal = False  # a field the adapter derives, which no module takes as an option

    def __init__(self, name, description, suboptions=(), **spec):
        self.name = name
        self.description = [description] if isinstance(description, str) else list(description)
        self.suboptions = tuple(suboptions)
        self.spec = dict(spec)
        self.spec.setdefault('type', 'str')


class Field(Option):
    """An option OpsRamp stores.

    ``api`` is its path in the API object, or several when OpsRamp spells it more than one way (read: every
    spelling, the first one preferred; write: the first one, or with ``write_as_stored`` the one the stored object
    uses). ``kind`` converts its values and types the option. Extras: ``absent``, the value of a stored object that
    leaves it out (or a function of the object); ``when``, for the fields of a section that apply only to some
    values of it (a function of the section's options); ``also_write``, constant keys sent beside it;
    ``sensitive``, whether its values may be secret (its kind hides them); ``internal``, a field the adapter derives
    (compared, never written, not an option: a script body's digest). Spec entries (``required``, ``default``,
    ``suboptions``...) override the kind's.
    """

    def __init__(self, name, api, kind, description, **extra):
        spec = dict(kind.spec)
        spec.update((key, extra.pop(key)) for key in SPEC_KEYS if key in extra)
        super(Field, self).__init__(name, description, extra.pop('suboptions', ()), **spec)
        self.option = (name,)
        self.reads = tuple(tuple(path.split('.')) for path in ((api,) if isinstance(api, str) else api))
        self.kind = kind
        self.section = None
        self.absent = extra.pop('absent', None)
        self.when = extra.pop('when', None)
        self.write_as_stored = extra.pop('write_as_stored', False)
        self.also_write = extra.pop('also_write', {})
        self.sensitive = extra.pop('sensitive', False)
        self.internal = extra.pop('internal', False)
        if extra:
            raise TypeError('unknown field settings: %s' % ', '.join(sorted(extra)))

    def place(self, section, api):
        """Put the field into ``section`` (an option name) whose object is at ``api``."""
        self.section = section
        self.option = (section,) + self.option
        self.reads = tuple(tuple(api) + path for path in self.reads)

    @property
    def path(self):
        """The option path as messages name it: ``schedule.week_days``."""
        return '.'.join(self.option)

    @property
    def parent(self):
        return self.reads[0][:-1]

    @property
    def keys(self):
        return tuple(path[-1] for path in self.reads)


class Section(Option):
    """A dict option whose fields live in one API object (``api``); given, even empty, it makes that object exist.

    Beside its fields it may hold plain ``Option``\\ s: what a task gives that the adapter resolves into a field before
    anything is compared (a script named by its name, resolved into the id a field holds), and no API key stores.
    ``for_type``: the value of the resource's type option this section belongs to, when it belongs to one.
    """

    def __init__(self, name, api, description, fields, for_type=None):
        super(Section, self).__init__(name, description, fields, type='dict')
        self.api = tuple(api.split('.'))
        self.for_type = for_type
        for field in self.fields:
            field.place(name, self.api)

    @property
    def fields(self):
        return tuple(option for option in self.suboptions if isinstance(option, Field))


def fields_of(options):
    """The fields of a table, in declaration order (a section's fields where the section stands)."""
    found = []
    for option in options:
        if isinstance(option, Field):
            found.append(option)
        elif isinstance(option, Section):
            found.extend(option.fields)
    return tuple(found)
