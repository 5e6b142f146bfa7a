# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Property tests that fill the gaps left by test_job_model.py and test_compare.py (issue 7, fuzzing).

Those already prove, for every valid spec and every server behaviour the simulator imitates, that a created or
updated job reads back with no change, that a create sends only managed and required top-level fields, and that an
update keeps what it does not manage (as compared). Added here:

* an update payload, leaf by leaf, holds nothing the task does not manage except what the job already held (the
  same value) and what the API requires, even when the job carries fields this collection does not know;
* the comparison does not depend on the order or spacing in which the server lists entities, parameters, week days
  or days of the month;
* a diff never shows a sensitive value, neither the one sent nor the one stored.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from ansible_collections.opsramp.automation.tests.unit.plugins.module_utils.test_job_model import (
    NOW,
    _created,
    _sim_configs,
    echo,
    job_specs,
    updates,
    with_options,
)

from ansible_collections.opsramp.automation.plugins.module_utils import job_model
from ansible_collections.opsramp.automation.plugins.module_utils.compare import changed_paths, diff_view
from ansible_collections.opsramp.automation.plugins.module_utils.job_model import (
    build_payload, check_type_options, current_state, desired_state)
from ansible_collections.opsramp.automation.plugins.module_utils.secrets import MASK, Secrets

REQUIRED_FOR_UPDATE = ('id', 'script.jobType', 'schedule.startDate')
LIST_LEAVES = ('entities', 'script.parameters')

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


def managed(path, desired):
    """Whether the API path ``path`` is one the task's canonical ``desired`` manages."""
    top = path.split('.')[0]
    if top in ('name', 'jobQueued', 'entities'):
        return {'name': 'name', 'jobQueued': 'queued', 'entities': 'entities'}[top] in desired
    if path.startswith('schedule.'):
        schedule = desired.get('schedule')
        if schedule is None:
            return False
        if path.startswith('schedule.pattern'):
            return True
        return path == 'schedule.startDate' and ('start_date' in schedule or 'start_time' in schedule)
    if path.startswith('script.'):
        return _manages_script_path(path, desired)
    return False


def _manages_script_path(path, desired):
    if path == 'script.jobType':
        return 'job_type' in desired or any(option in desired for option in job_model.TYPE_OPTIONS)
    keys = dict([('configParams.' + key, ('network_backup', option)) for option, key in job_model.NETWORK_BACKUP_FIELDS]
                + [('approvalType.' + key, ('app_install', option)) for option, key in job_model.APP_INSTALL_FIELDS]
                + [('customScript.id', ('custom_script', 'id')), ('userType', ('custom_script', 'user_type')),
                   ('parameters', ('custom_script', 'parameters'))])
    containers = {'configParams': 'network_backup', 'approvalType': 'app_install'}
    if path[len('script.'):] in containers:  # an empty option (app_install: {}) manages an empty object
        return containers[path[len('script.'):]] in desired
    option = keys.get(path[len('script.'):])
    return option is not None and option[1] in desired.get(option[0], {})


@settings(max_examples=200, deadline=None)
@given(case=updates(), config=_sim_configs, unknown=_unknown_fields())
def test_an_update_sends_only_what_it_manages_what_the_job_held_and_what_the_api_requires(case, config, unknown):
    base, update = case
    current_job = _with_unknown_fields(_created(base, config), unknown)
    current = current_state(current_job)
    params = with_options(update)
    desired = desired_state(params)
    check_type_options(desired, current)
    held = leaves(build_payload(current_job, {}, now=NOW))  # the job as an update that manages nothing sends it
    sent = leaves(build_payload(current_job, desired, now=NOW))
    type_changed = desired.get('job_type', current['job_type']) != current['job_type']
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
    assert changed_paths(desired, current_state(echo(build_payload(current_job, desired, now=NOW), config))) == []


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


_sensitive_parameters = st.lists(
    st.fixed_dictionaries({'id': st.integers(1, 6).map(str), 'value': st.text(min_size=1, max_size=10),
                           'sensitive': st.booleans()}),
    min_size=1, max_size=5, unique_by=lambda parameter: parameter['id'])


@st.composite
def _custom_updates(draw):
    """(the job's spec, an update of its parameters, some of them sensitive)."""
    base = draw(job_specs().filter(lambda spec: job_model.canonical_job_type(spec['job_type']) == 'custom'))
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
    if deleting:  # state=absent hides every parameter value of the job (reconcile._deletion)
        secrets = set(p['value'] for p in current['custom_script'].get('parameters', []) if p['value'])
    secrets -= {'', None}
    hidden = Secrets.of_job(True, desired, current)
    assert secrets <= hidden.values
    view = dict((side, hidden.mask_state(state)) for side, state in diff_view(desired, current).items())
    # hidden by field: every parameter value is masked; names, ids and dates stay exact even when they equal a secret
    shown = [parameter.get('value') for side in view.values()
             for parameter in (side.get('custom_script') or {}).get('parameters', [])]
    assert set(shown) <= {MASK, '', None}, shown
    json.dumps(view)
