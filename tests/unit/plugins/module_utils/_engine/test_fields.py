# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""_engine/fields.py: an option declared once, with its spec, its documentation and, for a field, where the API keeps
it; a section puts its fields into one API object."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.opsramp.automation.plugins.module_utils._engine.fields import Field, Option, Section, fields_of
from ansible_collections.opsramp.automation.plugins.module_utils._engine.kinds import Choice, Count, Flag, Text

from ansible_collections.opsramp.automation.tests.unit.plugins.module_utils._engine.engine_support import WIDGETS


def test_an_option_holds_its_spec_and_its_description_as_lines():
    option = Option('state', 'One line.', choices=['a', 'b'], default='a')
    assert (option.name, option.description, option.suboptions) == ('state', ['One line.'], ())
    assert option.spec == dict(type='str', choices=['a', 'b'], default='a')
    assert Option('flag', ['First.', 'Second.'], type='bool').spec == dict(type='bool')


def test_a_top_level_field_reads_and_writes_its_api_paths():
    field = Field('enabled', ('enabled', 'is.enabled'), Flag(), 'Whether.')
    assert (field.option, field.path, field.section) == (('enabled',), 'enabled', None)
    assert field.reads == (('enabled',), ('is', 'enabled'))
    assert field.parent == () and field.keys == ('enabled', 'enabled')
    assert field.spec == dict(type='bool')


def test_a_section_places_its_fields_under_its_option_and_its_api_object():
    minutes = Field('minutes', ('every.minutes', 'everyMinutes'), Count('minutes'), 'How often.')
    mode = Field('mode', 'mode', Choice({'fixed': 'FIXED'}), 'Mode.')
    section = Section('timing', 'settings.timing', 'When.', [mode, minutes])
    assert (minutes.section, minutes.option, minutes.path) == ('timing', ('timing', 'minutes'), 'timing.minutes')
    assert minutes.reads == (('settings', 'timing', 'every', 'minutes'), ('settings', 'timing', 'everyMinutes'))
    assert minutes.parent == ('settings', 'timing', 'every') and minutes.keys == ('minutes', 'everyMinutes')
    assert mode.reads == (('settings', 'timing', 'mode'),) and mode.parent == ('settings', 'timing')
    assert section.api == ('settings', 'timing') and section.fields == section.suboptions == (mode, minutes)
    assert section.spec == dict(type='dict') and section.for_type is None
    assert Section('backup', 'script.configParams', 'Backup.', [], for_type='networkconfigbackup').for_type == (
        'networkconfigbackup')


def test_a_field_spec_entry_overrides_its_kind_and_the_rest_are_its_settings():
    kind = Choice({'fixed': 'FIXED', 'every': 'EVERY'})
    field = Field('mode', 'mode', kind, 'Mode.', required=True, default='fixed', choices=['fixed'],
                  absent='fixed', write_as_stored=True, also_write={'unit': 'x'}, sensitive=True,
                  suboptions=[Option('x', 'X.')])
    assert field.spec == dict(type='str', choices=['fixed'], required=True, default='fixed')
    assert kind.spec == dict(type='str', choices=['fixed', 'every'])  # the kind is not changed
    assert (field.absent, field.write_as_stored, field.also_write, field.sensitive) == (
        'fixed', True, {'unit': 'x'}, True)
    assert [option.name for option in field.suboptions] == ['x'] and field.when is None
    plain = Field('name', 'name', Text(), 'Name.')
    assert (plain.absent, plain.write_as_stored, plain.also_write, plain.sensitive) == (None, False, {}, False)


def test_an_unknown_field_setting_is_refused():
    with pytest.raises(TypeError, match='unknown field settings: colour, size'):
        Field('name', 'name', Text(), 'Name.', size=3, colour='red')


def test_fields_of_a_table_in_declaration_order():
    assert [field.path for field in fields_of(WIDGETS.model.options)] == [
        'name', 'size', 'enabled', 'shape', 'timing.mode', 'timing.minutes', 'vault.key', 'vault.hint']
    assert fields_of([Option('id', 'Id.')]) == ()
