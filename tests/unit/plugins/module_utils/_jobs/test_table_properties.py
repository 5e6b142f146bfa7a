# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Properties of the job table over every valid task and every server behaviour the simulator imitates.

The "server echo" is the simulator's model of what OpsRamp does to a body it stores and reads back
(tests/simulator/opsramp_simulator/rewrites.py). For whatever valid options a task gives:

* a created or updated job reads back with no change, and an update keeps what it does not manage;
* a create sends each managed option at the API path ``job_support.API_PATHS`` spells by hand, and nothing else but
  what the API requires; an update, leaf by leaf, sends only what it manages, what the job held (the same value) and
  what the API requires, even when the job carries fields this collection does not know, at every level;
* the read-only enrichments OpsRamp adds are never sent back;
* the comparison does not depend on the order or spacing in which the server lists entities, parameters, week days
  or days of the month;
* a diff never shows a sensitive value, neither the one sent nor the one stored.

The expected API spellings come from ``job_support`` (written out from the seed's samples), never from the table: a
key misspelt in ``_jobs/table.py`` fails these properties.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import datetime
import json
import string

from hypothesis import given, settings
from hypothesis import strategies as st

from ansible_collections.opsramp.automation.tests.simulator.opsramp_simulator import rewrites
from ansible_collections.opsramp.automation.tests.simulator.opsramp_simulator.config import SimConfig
from ansible_collections.opsramp.automation.tests.simulator.opsramp_simulator.rewrites import read_form, stored_form
from ansible_collections.opsramp.automation.tests.unit.plugins.module_utils._jobs.job_support import (
    API_PATHS, NOW, OTHER_SPELLINGS, READ_ONLY_ENRICHMENTS, REPEAT_TYPE, VERSIONS_SAVED_VALUES, payload, section_keys,
    with_options)

from ansible_collections.opsramp.automation.plugins.module_utils._engine.compare import changed_paths, diff_view
from ansible_collections.opsramp.automation.plugins.module_utils._engine.secrets import Secrets
from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import REDACTED
from ansible_collections.opsramp.automation.plugins.module_utils._jobs.adapter import JOBS
from ansible_collections.opsramp.automation.plugins.module_utils._jobs.validation import (
    check_type_options, required_for_create, validate_job_params)

DAYS = ('Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday')
# the options of one job type only, and that type
TYPE_OPTIONS = {'network_backup': 'networkconfigbackup', 'app_install': 'appinstall', 'custom_script': 'custom'}
# job types as a task may spell them, and as OpsRamp does
JOB_TYPE_SPELLINGS = {'adCheckList': 'adCheckList', 'ADCHECKLIST': 'adCheckList', 'antivirus': 'antivirus',
                      'assetinfo': 'assetinfo', 'networkconfigbackup': 'networkconfigbackup', 'appinstall': 'appinstall',
                      'AppInstall': 'appinstall', 'custom': 'custom'}
REQUIRED_FOR_UPDATE = ('id', 'script.jobType', 'schedule.startDate')
LIST_LEAVES = ('entities', 'script.parameters')


def desired_state(params):
    return JOBS.model.desired(params)


def current_state(api_job):
    return JOBS.model.current(api_job)


def get_path(data, dotted):
    for key in dotted.split('.'):
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data


# ------------------------------------------------------------------------------------------ valid tasks

_identifiers = st.text(alphabet=string.ascii_letters + string.digits + '-_.', min_size=1, max_size=10)
_texts = st.text(st.characters(blacklist_categories=('Cs',)), max_size=12)
_names = _texts.filter(lambda text: text.strip() != '')


@st.composite
def _day_spellings(draw):
    day = draw(st.sampled_from(DAYS))
    spelling = draw(st.sampled_from([day, day.lower(), day.upper(), day[:3], day[:3].lower(), day[:3].upper()]))
    return draw(st.sampled_from(['%s', ' %s', '%s  '])) % spelling


@st.composite
def _start_dates(draw):
    moment = draw(st.datetimes(min_value=datetime.datetime(2000, 1, 1), max_value=datetime.datetime(2099, 12, 31)))
    text = moment.strftime('%Y-%m-%d') + draw(st.sampled_from(['T', ' '])) + moment.strftime('%H:%M')
    if draw(st.booleans()):
        text += moment.strftime(':%S')
    offset = draw(st.sampled_from(['', 'Z', '+0000', '+05:30', '-0800', '+0545', '-03:30']))
    return text + offset


@st.composite
def _start_times(draw):
    hour, minute = draw(st.integers(0, 23)), draw(st.integers(0, 59))
    return draw(st.sampled_from(['%d:%02d', '%02d:%02d'])) % (hour, minute) + draw(
        st.sampled_from(['', 'Z', '+0000', '+01:00', '-0800', '+0545', ' +05:30']))


_schedules = st.one_of(
    st.fixed_dictionaries({'type': st.just('daily'), 'frequency': st.sampled_from(['everyday', 'every_weekday'])}),
    st.fixed_dictionaries({'type': st.just('daily'), 'frequency': st.just('recurrence'), 'repeat_every': st.integers(1, 400)}),
    st.fixed_dictionaries({'type': st.just('weekly'), 'week_days': st.lists(_day_spellings(), min_size=1, max_size=9)}),
    st.fixed_dictionaries({'type': st.just('monthly'), 'days_of_month': st.lists(st.integers(1, 31), min_size=1, max_size=8)}),
    st.fixed_dictionaries({'type': st.just('monthly'),
                           'week_index': st.sampled_from(['first', 'second', 'third', 'fourth', 'last']),
                           'day_of_week': _day_spellings()}),
    st.fixed_dictionaries({'type': st.sampled_from(['run_once', 'never'])}),
).flatmap(lambda schedule: st.one_of(*(
    st.fixed_dictionaries(dict((key, st.just(value)) for key, value in schedule.items()), optional={start: strategy})
    for start, strategy in (('start_date', _start_dates()), ('start_time', _start_times())))))

_entities = st.lists(st.fixed_dictionaries({'id': _identifiers},
                                           optional={'type': st.sampled_from(['DEVICE', 'device', 'Device'])}),
                     max_size=5)


def _optional_subset(fields):
    return st.fixed_dictionaries({}, optional=fields)


_network_backups = _optional_subset(dict(
    [('versions_saved', st.sampled_from(['all_versions', 'version_with_changes']))]
    + [(option, st.booleans()) for option in ('backup_on_trap', 'startup_config_alert', 'runtime_config_alert',
                                              'backup_startup_config', 'backup_runtime_config')]))
_app_installs = _optional_subset({'approval': st.sampled_from(['manual', 'auto']), 'reason': _texts, 'alert': st.booleans()})
_parameter_ids = st.one_of(_identifiers, st.integers(1, 99).map(str))
_parameters = st.lists(st.one_of(
    st.fixed_dictionaries({'id': _parameter_ids, 'value': _texts}, optional={'sensitive': st.booleans()}),
    st.fixed_dictionaries({'id': _parameter_ids, 'macro': _parameter_ids})),
    max_size=4, unique_by=lambda parameter: parameter['id'])
_custom_scripts = st.fixed_dictionaries({'id': st.one_of(st.integers(1, 999).map(str), _identifiers)},
                                        optional={'user_type': st.sampled_from(['system', 'other']),
                                                  'parameters': _parameters})

_TYPE_OPTION_STRATEGIES = {
    'networkconfigbackup': ('network_backup', _network_backups),
    'appinstall': ('app_install', _app_installs),
    'custom': ('custom_script', _custom_scripts),
}


@st.composite
def job_specs(draw):
    """Options that can create a job: every job type and every schedule shape, spelled in every accepted way."""
    job_type = draw(st.sampled_from(sorted(JOB_TYPE_SPELLINGS)))
    spec = {'name': draw(_names), 'job_type': job_type, 'schedule': draw(_schedules)}
    type_option = _TYPE_OPTION_STRATEGIES.get(JOB_TYPE_SPELLINGS[job_type])
    if type_option and (type_option[0] == 'custom_script' or draw(st.booleans())):
        spec[type_option[0]] = draw(type_option[1])
    if draw(st.booleans()):
        spec['entities'] = draw(_entities)
    if draw(st.booleans()):
        spec['queued'] = draw(st.booleans())
    return spec


@st.composite
def updates(draw):
    """(current job spec, update options): the update manages a random part of a full spec, addressing the job by id."""
    base, change = draw(job_specs()), draw(job_specs())
    managed = draw(st.sets(st.sampled_from(sorted(change))))
    update = dict((key, change[key]) for key in managed)
    if 'job_type' in update:
        update.update((option, change[option]) for option in TYPE_OPTIONS if option in change)
    effective_type = JOB_TYPE_SPELLINGS[update.get('job_type', base['job_type'])]
    for option, job_type in TYPE_OPTIONS.items():
        if job_type != effective_type:
            update.pop(option, None)
    update['id'] = 'job-1'
    return base, update


# ------------------------------------------------------------------------------------------ the server echo

SIM_CONFIGS = [
    SimConfig(),
    SimConfig(list_style='compact'),
    SimConfig(list_style='as_sent'),
    SimConfig(entity_order='sorted'),
    SimConfig(entity_order='as_sent'),
    SimConfig(booleans_as_strings=True),
    SimConfig(day_of_week_field='dayOfIndex'),
    SimConfig(numeric_ids_as_int=False, custom_without_job_type=False),
    SimConfig(list_style='compact', entity_order='sorted', booleans_as_strings=True, day_of_week_field='dayOfIndex'),
    SimConfig(day_of_week_field='as_sent', macro_parameter_value='null'),
]
_sim_configs = st.sampled_from(SIM_CONFIGS)


def echo(body, config, view='get'):
    """What OpsRamp would return after storing this body."""
    assert rewrites.validate(body, creating='id' not in body) == []
    return read_form(stored_form(body, config), config, view=view)


def _created(spec, config):
    """A job that exists: created from spec, as OpsRamp returns it."""
    job = echo(payload(None, desired_state(with_options(spec)), NOW), config)
    job['id'] = 'job-1'
    return job


def _type_changed(desired, current):
    return desired.get('job_type', current['job_type']) != current['job_type']


# ------------------------------------------------------------------------------------------ create and update

@settings(max_examples=200, deadline=None)
@given(spec=job_specs(), config=_sim_configs)
def test_a_created_job_reads_back_unchanged(spec, config):
    params = with_options(spec)
    validate_job_params(params)
    required_for_create(params)
    desired = desired_state(params)
    check_type_options(desired, None)
    body = payload(None, desired, NOW)
    json.dumps(body)
    _assert_create_sends_only_what_is_managed_and_required(desired, body)
    _assert_each_managed_option_is_at_its_api_path(desired, body)
    assert changed_paths(desired, current_state(echo(body, config))) == []
    # a search result lacks entities and custom-script parameters (api-behaviour §4): nothing else may differ
    assert set(changed_paths(desired, current_state(echo(body, config, view='search')))) <= {
        'entities', 'custom_script.parameters'}


@settings(max_examples=200, deadline=None)
@given(case=updates(), config=_sim_configs)
def test_an_updated_job_reads_back_unchanged_and_keeps_what_is_not_managed(case, config):
    base, update = case
    current_job = _created(base, config)
    current = current_state(current_job)
    params = with_options(update)
    validate_job_params(params)
    desired = desired_state(params)
    check_type_options(desired, current)
    body = payload(current_job, desired, NOW)
    assert body['id'] == 'job-1'
    _assert_update_sends_only_the_current_fields_and_what_is_managed(current_job, desired, body)
    _assert_each_managed_option_is_at_its_api_path(desired, body)
    after = current_state(echo(body, config))
    assert changed_paths(desired, after) == []
    for key in set(current) - set(desired):
        if not (_type_changed(desired, current) and key in TYPE_OPTIONS):
            assert after[key] == current[key], key
    if 'schedule' in desired and 'start_date' not in desired['schedule']:
        kept = 10 if 'start_time' in desired['schedule'] else 16  # a managed start_time keeps the date only
        assert after['schedule']['start_date'][:kept] == current['schedule']['start_date'][:kept]


@settings(max_examples=100, deadline=None)
@given(spec=job_specs(), config=_sim_configs)
def test_an_update_managing_nothing_changes_nothing(spec, config):
    current_job = _created(spec, config)
    assert current_state(echo(payload(current_job, {}, NOW), config)) == current_state(current_job)


_PATTERN_FIELDS = {
    'daily': {'type', 'frequency'},
    'weekly': {'type', 'weekDays'},
    'run_once': {'type'},
    'never': {'type'},
}


def _expected_pattern_keys(schedule, day_key='dayOfWeek'):
    if schedule['type'] == 'monthly':
        return {'type', 'dayOfMonth'} if schedule['days_of_month'] else {'type', 'weekIndex', day_key}
    keys = set(_PATTERN_FIELDS[schedule['type']])
    if schedule.get('frequency') == 'recurrence':
        keys |= {'repeatType', 'repeatFrequency'}
    return keys


def _expected_script_keys(desired):
    keys = {'jobType'}
    if 'network_backup' in desired:
        keys.add('configParams')
    if 'app_install' in desired:
        keys.add('approvalType')
    for option, key in (('id', 'customScript'), ('user_type', 'userType'), ('parameters', 'parameters')):
        if option in desired.get('custom_script', {}):
            keys.add(key)
    return keys


def _assert_create_sends_only_what_is_managed_and_required(desired, body):
    optional = set(key for key, option in (('entities', 'entities'), ('jobQueued', 'queued')) if option in desired)
    assert set(body) == {'name', 'schedule', 'script'} | optional
    assert set(body['schedule']) == {'startDate', 'pattern'}
    assert set(body['schedule']['pattern']) == _expected_pattern_keys(desired['schedule'])
    assert set(body['script']) == _expected_script_keys(desired)
    for section, container in (('network_backup', 'configParams'), ('app_install', 'approvalType')):
        keys = section_keys(section)
        assert set(body['script'].get(container, {})) == set(keys[option] for option in desired.get(section, {}))
    _assert_native_types(body)


def _assert_update_sends_only_the_current_fields_and_what_is_managed(current_job, desired, body):
    managed = set(key for key, option in (('name', 'name'), ('entities', 'entities'), ('jobQueued', 'queued'))
                  if option in desired)
    assert set(body) <= set(current_job) | managed
    if 'schedule' in desired:  # an update keeps the stored spelling of the nth weekday (api-behaviour §9)
        day_key = 'dayOfIndex' if 'dayOfIndex' in current_job['schedule']['pattern'] else 'dayOfWeek'
        assert set(body['schedule']['pattern']) == _expected_pattern_keys(desired['schedule'], day_key)
    _assert_native_types(body)


def _assert_each_managed_option_is_at_its_api_path(desired, body):
    """Each option the task gives is sent where ``API_PATHS`` says (or its other spelling); one it manages as absent
    (a pattern field of another schedule type) is sent under no spelling."""
    for option, api_path in API_PATHS.items():
        value = get_path(desired, option)
        spellings = [api_path] + ([OTHER_SPELLINGS[option]] if option in OTHER_SPELLINGS else [])
        sent = [get_path(body, spelling) for spelling in spellings]
        if value is not None:
            assert any(item is not None for item in sent), (option, api_path)
        elif option.startswith('schedule.') and option.split('.')[1] in desired.get('schedule', {}):
            assert sent == [None] * len(spellings), (option, api_path)
    if get_path(desired, 'schedule.repeat_every') is not None:
        assert body['schedule']['pattern'][REPEAT_TYPE[0]] == REPEAT_TYPE[1]


def _assert_native_types(body):
    assert isinstance(body.get('jobQueued', False), bool)
    pattern = body['schedule']['pattern']
    assert isinstance(pattern.get('repeatFrequency', 1), int)
    script = body['script']
    for value in script.get('configParams', {}).values():
        assert isinstance(value, bool) or value in VERSIONS_SAVED_VALUES
    approval = script.get('approvalType', {})
    assert approval.get('approvalType', 0) in (0, 1) and isinstance(approval.get('alertRequired', False), bool)
    assert script.get('userType', 1) in (1, 2)
    for entity in body.get('entities', []):
        assert set(entity) == {'resource'} and set(entity['resource']) == {'id', 'type'}
    assert rewrites.parse_start_date(body['schedule']['startDate']) is not None


# ------------------------------------------------------------------------------------------ nothing unmanaged is lost

_unknown_scalars = st.one_of(st.text(max_size=8), st.integers(-5, 5), st.booleans(), st.none())


@st.composite
def _unknown_fields(draw):
    """Fields a real tenant may return that the collection does not know: they must survive an update."""
    fields = {}
    for path in draw(st.sets(st.sampled_from([
            ('credentialSet',), ('client',), ('schedule', 'timezone'), ('script', 'futureOption'),
            ('script', 'configParams', 'futureFlag'), ('script', 'approvalType', 'futureFlag')]))):
        fields[path] = draw(st.one_of(_unknown_scalars, st.fixed_dictionaries({'uniqueId': st.text(max_size=8)})))
    return fields


def _with_unknown_fields(job, fields):
    job = copy.deepcopy(job)
    for path, value in fields.items():
        parent = job
        for key in path[:-1]:
            if not isinstance(parent.get(key), dict):
                break
            parent = parent[key]
        else:
            parent[path[-1]] = value
    return job


def leaves(value, prefix=''):
    """{'a.b.c': scalar} for a JSON document; the lists in LIST_LEAVES (and any other list) count as one leaf."""
    if isinstance(value, dict) and prefix not in LIST_LEAVES and value:
        result = {}
        for key, item in value.items():
            result.update(leaves(item, prefix + '.' + key if prefix else key))
        return result
    return {prefix: value}


# API path -> option path, for every spelling (written out in job_support, not read from the table)
_OPTION_AT = dict([(api_path, option) for option, api_path in API_PATHS.items()]
                  + [(api_path, option) for option, api_path in OTHER_SPELLINGS.items()])


def managed(path, desired):
    """Whether the API path ``path`` is one the task's canonical ``desired`` manages."""
    if path.startswith('schedule.'):
        schedule = desired.get('schedule')
        if schedule is None:
            return False
        if path.startswith('schedule.pattern'):
            return True  # a given schedule manages its whole pattern
        return path == 'schedule.startDate' and ('start_date' in schedule or 'start_time' in schedule)
    if path == 'script.jobType':
        return 'job_type' in desired or any(option in desired for option in TYPE_OPTIONS)
    containers = {'script.configParams': 'network_backup', 'script.approvalType': 'app_install'}
    if path in containers:  # an empty option (app_install: {}) manages an empty object
        return containers[path] in desired
    option = _OPTION_AT.get(path)
    return option is not None and get_path(desired, option) is not None


@settings(max_examples=200, deadline=None)
@given(case=updates(), config=_sim_configs, unknown=_unknown_fields())
def test_an_update_sends_only_what_it_manages_what_the_job_held_and_what_the_api_requires(case, config, unknown):
    base, update = case
    current_job = _with_unknown_fields(_created(base, config), unknown)
    current = current_state(current_job)
    desired = desired_state(with_options(update))
    check_type_options(desired, current)
    held = leaves(payload(current_job, {}, NOW))  # the job as an update that manages nothing sends it
    sent = leaves(payload(current_job, desired, NOW))
    type_changed = _type_changed(desired, current)
    for path, value in sent.items():
        if managed(path, desired):
            continue
        assert path in held or path in REQUIRED_FOR_UPDATE, path
        if path in held and path != 'script.jobType':
            assert value == held[path], path
    for path in held:
        dropped = (type_changed and path.startswith('script.')) or (
            'schedule' in desired and path.startswith('schedule.pattern'))
        if not managed(path, desired) and not dropped:
            assert path in sent, path
    for path, value in leaves(_with_unknown_fields({'schedule': {}, 'script': {'configParams': {}, 'approvalType': {}}},
                                                   unknown)).items():
        if value == {}:
            continue  # an empty container of the template, not an unknown field (it may legitimately fill up)
        if path in held and not (type_changed and path.startswith('script.')):
            assert sent[path] == value, path  # a field this collection does not know survives the update
    assert changed_paths(desired, current_state(echo(payload(current_job, desired, NOW), config))) == []


_unknown_values = st.one_of(st.none(), st.booleans(), st.integers(-3, 3), st.text(max_size=6),
                            st.lists(st.integers(0, 3), max_size=2), st.fixed_dictionaries({'k': st.text(max_size=3)}))


def _containers(job):
    """(label, dict) of every object of a job that may hold keys the collection does not know."""
    script = job.get('script') or {}
    found = [('job', job), ('schedule', job.get('schedule')), ('pattern', (job.get('schedule') or {}).get('pattern')),
             ('script', script), ('credentialSet', job.get('credentialSet'))]
    found += [(name, script.get(name)) for name in ('configParams', 'approvalType', 'customScript')]
    for entity in job.get('entities') or []:
        label = 'entity:%s:%s' % (entity['resource']['type'].upper(), entity['resource']['id'])
        found += [(label, entity), (label + ':resource', entity['resource'])]
    for parameter in script.get('parameters') or []:
        label = 'parameter:%s' % parameter['paramId']
        found += [(label, parameter), (label + ':itopMacro', parameter.get('itopMacro'))]
    return dict((label, container) for label, container in found if isinstance(container, dict))


@st.composite
def _stored_jobs_with_unknown_keys(draw):
    """A job as OpsRamp stores it, a credential set and macro-bound parameter added, unknown keys at every level."""
    base, update = draw(updates())
    job = _created(base, draw(_sim_configs))
    job['credentialSet'] = {'uniqueId': 'cs-1', 'name': 'creds'}
    if 'customScript' in job['script']:
        job['script'].setdefault('parameters', []).append({'paramId': 'm', 'itopMacro': {'id': 5, 'name': 'M'}})
    unknown = {}
    for label, container in sorted(_containers(job).items()):
        key = 'unknown_%d' % len(unknown)
        container[key] = unknown[(label, key)] = draw(_unknown_values)
    return job, update, unknown


@settings(max_examples=200, deadline=None)
@given(case=_stored_jobs_with_unknown_keys())
def test_an_update_of_any_managed_field_keeps_every_unknown_key(case):
    job, update, unknown = case
    desired = desired_state(with_options(update))
    if _type_changed(desired, current_state(job)):
        desired.pop('job_type')  # a new job type starts a new script on purpose (test_adapter: changing the job type)
        for option in TYPE_OPTIONS:
            desired.pop(option, None)
    sent = _containers(payload(job, desired, NOW))
    for (label, key), value in unknown.items():
        if label not in sent:  # only an entity or a parameter the task removed may take its keys with it
            assert label.startswith(('entity:', 'parameter:')), label
            continue
        assert key in sent[label] and sent[label][key] == value, (label, key)


def _objects_at(data, dotted):
    """Every dict at a path of ``READ_ONLY_ENRICHMENTS`` ('entities[].resource')."""
    found = [data]
    for step in dotted.replace('[]', '.[]').split('.'):
        if step == '[]':
            found = [item for value in found if isinstance(value, list) for item in value]
        else:
            found = [value.get(step) for value in found if isinstance(value, dict)]
    return [value for value in found if isinstance(value, dict)]


@settings(max_examples=50, deadline=None)
@given(case=_stored_jobs_with_unknown_keys(), config=_sim_configs)
def test_the_read_only_enrichments_are_never_sent_back(case, config):
    job = echo(payload(case[0], {}, NOW), config)
    job['credentialSet'] = {'uniqueId': 'cs-1', 'name': 'creds'}
    assert _objects_at(job, 'credentialSet') and any(_objects_at(job, path) for path, dummy in READ_ONLY_ENRICHMENTS[1:])
    body = payload(job, {}, NOW)
    for path, keys in READ_ONLY_ENRICHMENTS:
        for container in _objects_at(body, path):
            assert not set(keys) & set(container), path


# ------------------------------------------------------------------------------------------ the server's order

def _shuffled_list_text(text, random):
    items = [item.strip() for item in str(text).split(',')]
    random.shuffle(items)
    return random.choice([', ', ',', ' , ']).join(items)


@settings(max_examples=200, deadline=None)
@given(spec=job_specs(), config=_sim_configs, random=st.randoms(use_true_random=False))
def test_the_order_and_spacing_of_server_lists_do_not_matter(spec, config, random):
    job = _created(spec, config)
    expected = current_state(job)
    shuffled = copy.deepcopy(job)
    random.shuffle(shuffled.get('entities') or [])
    random.shuffle(shuffled['script'].get('parameters') or [])
    pattern = shuffled['schedule']['pattern']
    for key in ('weekDays', 'dayOfMonth'):
        if isinstance(pattern.get(key), str):
            pattern[key] = _shuffled_list_text(pattern[key], random)
        elif isinstance(pattern.get(key), list):
            random.shuffle(pattern[key])
    assert current_state(shuffled) == expected
    assert changed_paths(desired_state(with_options(spec)), current_state(shuffled)) == []


# ------------------------------------------------------------------------------------------ secrets

_sensitive_parameters = st.lists(
    st.fixed_dictionaries({'id': st.integers(1, 6).map(str), 'value': st.text(min_size=1, max_size=10),
                           'sensitive': st.booleans()}),
    min_size=1, max_size=5, unique_by=lambda parameter: parameter['id'])


@st.composite
def _custom_updates(draw):
    """(the job's spec, an update of its parameters, some of them sensitive)."""
    base = draw(job_specs().filter(lambda spec: JOB_TYPE_SPELLINGS[spec['job_type']] == 'custom'))
    base['custom_script'] = dict(base['custom_script'], parameters=[
        dict(parameter, sensitive=False) for parameter in draw(_sensitive_parameters)])
    update = {'name': base['name'], 'custom_script': {'id': base['custom_script']['id'],
                                                      'parameters': draw(_sensitive_parameters)}}
    return base, update


@settings(max_examples=200, deadline=None)
@given(case=_custom_updates(), config=_sim_configs, deleting=st.booleans())
def test_a_diff_never_shows_a_sensitive_value(case, config, deleting):
    base, update = case
    current = current_state(_created(base, config))
    params = with_options(update)
    secret_ids = set(p['id'] for p in update['custom_script']['parameters'] if p['sensitive'])
    secrets = set(p['value'] for p in update['custom_script']['parameters'] if p['sensitive'])
    secrets |= set(p['value'] for p in current['custom_script'].get('parameters', []) if p['id'] in secret_ids)
    desired = None if deleting else desired_state(params)
    if deleting:  # state=absent hides every parameter value of the job (plan._deletion)
        secrets = set(p['value'] for p in current['custom_script'].get('parameters', []) if p['value'])
    secrets -= {'', None}
    hidden = Secrets.of_states(JOBS.model, True, desired, current)
    assert secrets <= hidden.values
    view = dict((side, hidden.mask_state(state)) for side, state in diff_view(desired, current).items())
    # hidden by field: every parameter value is masked; names, ids and dates stay exact even when they equal a secret
    shown = [parameter.get('value') for side in view.values()
             for parameter in (side.get('custom_script') or {}).get('parameters', [])]
    assert set(shown) <= {REDACTED, '', None}, shown
    json.dumps(view)
