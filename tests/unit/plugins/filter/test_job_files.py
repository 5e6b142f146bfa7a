# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""File names for exported jobs: safe, unique (also where case does not count), stable from one export to the next."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.opsramp.automation.plugins.filter.job_files import FilterModule, job_files


def names(jobs):
    return [entry['file'] for entry in job_files(jobs)]


def test_plain_names_keep_their_name():
    jobs = [dict(name='netops-nightly-config-backup'), dict(name='Weekly_AD.checklist')]
    assert names(jobs) == ['netops-nightly-config-backup.yml', 'Weekly_AD.checklist.yml']
    assert job_files(jobs)[0]['job'] is jobs[0]


def test_slashes_spaces_dots_and_empty_results_are_made_safe():
    assert names([dict(name='EU / core switches: backup'), dict(name='../../etc/passwd'), dict(name='///'),
                  dict(name='x' * 300)]) == [
        'EU-core-switches-backup.yml', 'etc-passwd.yml', 'job.yml', 'x' * 100 + '.yml']


def test_clashing_names_get_a_suffix_that_does_not_depend_on_order():
    jobs = [dict(name='a/b'), dict(name='a b'), dict(name='A-B'), dict(name='other')]
    first = dict(zip([job['name'] for job in jobs], names(jobs)))
    second = dict(zip([job['name'] for job in reversed(jobs)], names(list(reversed(jobs)))))
    assert first == second
    assert len(set(name.lower() for name in first.values())) == 4
    assert first['other'] == 'other.yml' and first['a/b'].startswith('a-b-')


def test_jobs_that_share_a_name_carry_their_id_in_the_file_name():
    jobs = [dict(id='cc242a8d-b0b4', name='twin'), dict(id='9f0e1d2c-aaaa', name='twin')]
    assert names(jobs) == ['twin-cc242a8d.yml', 'twin-9f0e1d2c.yml']


@pytest.mark.parametrize('value', [None, [dict(job_type='x')], 'text'])
def test_anything_else_is_refused(value):
    with pytest.raises(TypeError, match='^job_files: expects a list of jobs'):
        job_files(value)


def test_the_filter_is_registered():
    assert FilterModule().filters() == {'job_files': job_files}
