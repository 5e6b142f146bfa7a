# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Execution environments: what ansible-builder finds in the installed collection, and the example EE files.

No container runtime here, so ``ansible-builder build`` cannot run. These tests run what it runs before and after the
container steps: ``ansible-builder introspect`` on the installed collection, ``ansible-builder create`` on the
examples, then the galaxy stage (``ansible-galaxy collection install -r requirements.yml`` in the build context) and
the builder stage (the context's own ``introspect.py``) on the host.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ast
import glob
import importlib.metadata
import os
import re
import shutil
import subprocess
import sys

import yaml

from conftest import ROOT, tool

EXAMPLES = os.path.join(ROOT, 'examples', 'ee')
REQUESTS_LINE = 'requests  # from collection opsramp.automation'


def run(*command, **kwargs):
    done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True, check=False, **kwargs)
    assert done.returncode == 0, '%s failed:\n%s' % (' '.join(command), done.stdout)
    return done.stdout


def introspected(output):
    """The YAML document ``introspect`` prints after its '# Dependency data' comment line."""
    return yaml.safe_load(output[output.index('---'):])


def requirement_names(path):
    with open(path) as f:
        return sorted(line.split('#')[0].strip() for line in f if line.split('#')[0].strip())


def test_introspect_reports_requests_from_the_installed_collection(installed_collections, installed_collection, tmp_path):
    with open(os.path.join(installed_collection, 'meta', 'execution-environment.yml')) as f:
        meta = yaml.safe_load(f)
    assert meta['dependencies'] == {'python': 'requirements.txt'}
    assert not os.path.exists(os.path.join(installed_collection, 'bindep.txt'))  # no system package needed

    written = tmp_path / 'pip.txt'
    data = introspected(run(tool('ansible-builder'), 'introspect', installed_collections, '--write-pip', str(written)))
    assert data['python'] == [REQUESTS_LINE]
    assert data['system'] == []
    assert 'requests' in written.read_text().split()


def test_requirements_list_every_third_party_import():
    """requirements.txt (what ansible-builder installs) names exactly the third-party libraries the plugins import."""
    stdlib = set(sys.stdlib_module_names)
    imported = set()
    for path in glob.glob(os.path.join(ROOT, 'plugins', '**', '*.py'), recursive=True):
        with open(path) as f:
            tree = ast.parse(f.read(), path)
        for node in ast.walk(tree):
            names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else (
                [node.module] if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module else [])
            imported.update(name.split('.')[0] for name in names)
    third_party = imported - stdlib - {'ansible', 'ansible_collections', '__future__'}
    requirements = requirement_names(os.path.join(ROOT, 'requirements.txt'))
    assert requirements == ['requests']
    # a library that a listed requirement always installs (urllib3 comes with requests) need not be listed
    installed_with = set()
    for requirement in requirements:
        installed_with.update(re.split(r'[ ;<>=!~\[]', dependency)[0].lower()
                              for dependency in importlib.metadata.requires(requirement) or () if 'extra ==' not in dependency)
    assert sorted(third_party - installed_with) == requirements


def test_example_ee_build_context(tmp_path):
    context = tmp_path / 'context'
    run(tool('ansible-builder'), 'create', '-f', os.path.join(EXAMPLES, 'execution-environment.yml'), '-c', str(context),
        '--output-filename', 'Containerfile')
    containerfile = (context / 'Containerfile').read_text()
    assert 'ansible-galaxy collection install' in containerfile and 'introspect.py introspect' in containerfile
    with open(os.path.join(EXAMPLES, 'requirements.yml')) as f:
        requirements = yaml.safe_load(f)
    assert yaml.safe_load((context / '_build' / 'requirements.yml').read_text()) == requirements
    assert [c['name'] for c in requirements['collections']] == ['opsramp.automation']


def test_example_ee_from_a_local_tarball(tmp_path, collection_tarball):
    """The local-tarball variant, as its header says to use it: its build context installs the collection and finds
    requests, like the container build would."""
    examples = tmp_path / 'ee'
    shutil.copytree(EXAMPLES, str(examples))
    shutil.copy(collection_tarball, str(examples / 'opsramp-automation.tar.gz'))
    context = tmp_path / 'context'
    run(tool('ansible-builder'), 'create', '-f', str(examples / 'execution-environment-local.yml'), '-c', str(context),
        '--output-filename', 'Containerfile')
    build = context / '_build'  # the Containerfile's "COPY _build /build" then "WORKDIR /build"
    assert (build / 'collections' / 'opsramp-automation.tar.gz').is_file()

    collections = tmp_path / 'usr-share-ansible-collections'
    # the galaxy stage, in an environment like the container build's: ansible-galaxy counts a collection found on
    # sys.path (the tests' PYTHONPATH holds the installed collection) as installed already, and would skip it
    clean = dict((name, value) for name, value in os.environ.items() if name != 'PYTHONPATH')
    run(tool('ansible-galaxy'), 'collection', 'install', '-r', 'requirements.yml', '--collections-path', str(collections),
        cwd=str(build), env=clean)
    assert os.path.isfile(str(collections / 'ansible_collections' / 'opsramp' / 'automation' / 'MANIFEST.json'))
    data = introspected(run(sys.executable, str(build / 'scripts' / 'introspect.py'), 'introspect', str(collections)))
    assert data['python'] == [REQUESTS_LINE]  # the builder stage
