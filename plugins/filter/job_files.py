# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
name: job_files
short_description: Give each exported job a file name that is safe, unique and stable
version_added: 0.1.0
description:
  - Takes the jobs that M(opsramp.automation.opsramp_job_info) returns with O(opsramp.automation.opsramp_job_info#module:format=options)
    and pairs each with a file name, for the one-file-per-job layout that C(examples/gitops/site.yml) loads. The
    P(opsramp.automation.export_jobs#role) role uses it.
  - The name is the job name with every run of characters other than letters, digits, C(.), C(_) and C(-) (a C(/),
    spaces...) replaced by one C(-), without leading dots or dashes, at most 100 characters, and C(.yml).
  - Names that would still clash (C(a/b) and C(a b), or names that differ only in case, which clash on
    case-insensitive file systems) get a suffix made from a hash of the job name, so a file keeps its name from one
    export to the next whatever order the jobs come in. A job that carries its C(id) (its name is shared) gets the
    start of its id as suffix.
options:
  _input:
    description: The jobs, as opsramp_job options (each with a C(name)).
    type: list
    elements: dict
    required: true
author:
  - OpsRamp Automation contributors (@opsramp-automation)
'''

EXAMPLES = r'''
- name: Write one file per job
  ansible.builtin.copy:
    content: "{{ item.job | to_nice_yaml(sort_keys=false) }}"
    dest: "jobs/{{ item.file }}"
    mode: "0644"
  loop: "{{ exported.jobs | opsramp.automation.job_files }}"
  loop_control:
    label: "{{ item.file }}"
'''

RETURN = r'''
_value:
  description: One element per job, in the order given, with C(file) (the file name) and C(job) (the job as given).
  type: list
  elements: dict
'''

import hashlib
import re

MAX_STEM = 100
_UNSAFE = re.compile(r'[^A-Za-z0-9._-]+')


def _stem(name):
    stem = _UNSAFE.sub('-', str(name)).lstrip('.-').rstrip('.-')[:MAX_STEM].rstrip('.-')
    return stem or 'job'


def _suffix(job):
    if job.get('id'):
        return _UNSAFE.sub('-', str(job['id']))[:8]
    return hashlib.sha1(str(job['name']).encode('utf-8')).hexdigest()[:8]


def job_files(jobs):
    """Each job with a file name: the safe form of its name, made unique (case-insensitively) and stable."""
    if not isinstance(jobs, list) or not all(isinstance(job, dict) and job.get('name') for job in jobs):
        # a plain TypeError: Ansible reports it as the filter's error (and importing ansible.errors would load the
        # controller into the unit tests' process, which changes how module warnings are returned there)
        raise TypeError('job_files: expects a list of jobs as opsramp_job options, each with a name')
    stems = [_stem(job['name']) for job in jobs]
    clashes = {}
    for stem in stems:
        clashes[stem.lower()] = clashes.get(stem.lower(), 0) + 1
    files = []
    for job, stem in zip(jobs, stems):
        if clashes[stem.lower()] > 1 or job.get('id'):
            stem = '%s-%s' % (stem, _suffix(job))
        files.append(dict(file=stem + '.yml', job=job))
    return files


class FilterModule(object):
    def filters(self):
        return {'job_files': job_files}
