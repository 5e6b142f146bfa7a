# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The AWX credential type the collection ships, against the modules, the docs and the setup playbooks.

- ``extras/awx/credential_type.yml`` injects exactly the environment variables the modules fall back to
  (``CONNECTION_OPTIONS`` in plugins/module_utils/_http/config.py), and marks secret what the modules mark no_log;
- every copy of its inputs or injectors in the docs equals the shipped file, and docs/awx.md names each input and
  each variable;
- ``extras/awx/install_credential_type.yml`` and ``setup_job_template.yml``, run from the installed collection
  against a stand-in awx.awx (no AWX here), send AWX the shipped definition unchanged: the injector templates are
  not rendered by Ansible on the way.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import glob
import json
import os
import re
import subprocess

import pytest
import yaml

from conftest import ROOT, tool

from ansible_collections.opsramp.automation.plugins.module_utils._http.config import CONNECTION_OPTIONS

CREDENTIAL_TYPE_FILE = os.path.join(ROOT, 'extras', 'awx', 'credential_type.yml')
AWX_DOC = os.path.join(ROOT, 'docs', 'awx.md')
OPTIONS = dict((option['name'], option) for option in CONNECTION_OPTIONS)


@pytest.fixture(scope='module')
def credential_type():
    with open(CREDENTIAL_TYPE_FILE) as f:
        return yaml.safe_load(f)


def yaml_blocks(path):
    with open(path) as f:
        text = f.read()
    return [yaml.safe_load(block) for block in re.findall(r'^```ya?ml\n(.*?)^```', text, re.M | re.S)]


def test_credential_type_injects_what_the_modules_read(credential_type):
    assert credential_type['kind'] == 'cloud'  # the kinds AWX allows for custom types: cloud, net
    fields = credential_type['inputs']['fields']
    ids = [field['id'] for field in fields]
    assert ids == ['url', 'tenant_id', 'client_id', 'client_secret', 'validate_certs']
    env = credential_type['injectors']['env']
    assert list(credential_type['injectors']) == ['env']  # no extra_vars: the secret never becomes a variable
    assert env == dict((OPTIONS[field_id]['env'], '{{ %s }}' % field_id) for field_id in ids)
    for field in fields:
        option = OPTIONS[field['id']]
        assert field['type'] == ('boolean' if option['type'] == 'bool' else 'string'), field['id']
        assert bool(field.get('secret')) == bool(option.get('no_log')), field['id']
        if 'default' in option and 'default' in field:
            assert field['default'] == option['default'], field['id']
        assert field['label']
    assert credential_type['inputs']['required'] == ['url', 'tenant_id', 'client_id', 'client_secret']
    assert all(OPTIONS[name].get('required') for name in ('url', 'tenant_id'))


def test_docs_show_the_shipped_credential_type(credential_type):
    """A newcomer pastes the docs' YAML into AWX: it must be the shipped definition, wherever the docs show it."""
    inputs, injectors = credential_type['inputs'], credential_type['injectors']
    awx_blocks = yaml_blocks(AWX_DOC)
    assert inputs in awx_blocks, 'docs/awx.md lacks the "Input configuration" YAML of %s' % CREDENTIAL_TYPE_FILE
    assert injectors in awx_blocks, 'docs/awx.md lacks the "Injector configuration" YAML of %s' % CREDENTIAL_TYPE_FILE
    pages = glob.glob(os.path.join(ROOT, 'docs', '*.md')) + glob.glob(os.path.join(ROOT, 'roles', '*', 'README.md'))
    pages.append(os.path.join(ROOT, 'README.md'))
    for page in pages:
        for block in yaml_blocks(page):
            if isinstance(block, dict) and 'fields' in block:
                assert block == inputs, '%s shows credential type inputs that differ from the shipped ones' % page
            if isinstance(block, dict) and isinstance(block.get('env'), dict) and any(
                    name.startswith('OPSRAMP_') for name in block['env']):
                assert block == injectors, '%s shows injectors that differ from the shipped ones' % page
    for example in ('extra_vars.yml', 'playbooks/weekly_job.yml'):  # the project files the page shows
        with open(os.path.join(ROOT, 'examples', 'awx', example)) as f:
            assert yaml.safe_load(f) in awx_blocks, 'docs/awx.md does not show examples/awx/%s as it is' % example
    with open(AWX_DOC) as f:
        text = f.read()
    for field in inputs['fields']:
        assert '`%s`' % field['id'] in text, field['id']
        assert field['label'] in text, field['label']
    for name in injectors['env']:
        assert '`%s`' % name in text, name
    for path in ('extras/awx/credential_type.yml', 'extras/awx/install_credential_type.yml',
                 'extras/awx/setup_job_template.yml', 'examples/awx/playbooks/weekly_job.yml'):
        assert path in text and os.path.isfile(os.path.join(ROOT, path)), path


# A stand-in for the awx.awx modules the playbooks call: same option names and types as awx.awx 24.6 (the real
# module rejects an unknown option too), records its arguments instead of calling AWX.
STUB_MODULES = {
    'credential_type': dict(name='str', description='str', kind='str', inputs='dict', injectors='dict', state='str'),
    'credential': dict(name='str', organization='str', credential_type='str', inputs='dict', state='str'),
    'inventory': dict(name='str', organization='str', state='str'),
    'host': dict(name='str', inventory='str', variables='dict', state='str'),
    'project': dict(name='str', organization='str', scm_type='str', scm_url='str', scm_branch='str',
                    scm_update_on_launch='bool', default_environment='str', wait='bool', state='str'),
    'job_template': dict(name='str', organization='str', job_type='str', inventory='str', project='str', playbook='str',
                         credentials='list', execution_environment='str', extra_vars='dict', ask_variables_on_launch='bool',
                         ask_job_type_on_launch='bool', diff_mode='bool', state='str'),
}
STUB = '''#!/usr/bin/python
from __future__ import absolute_import, division, print_function
__metaclass__ = type
import json
import os
from ansible.module_utils.basic import AnsibleModule
SPEC = %s
for name in SPEC:
    SPEC[name] = dict(type=SPEC[name], no_log=(name == 'inputs' and %r == 'credential'))
module = AnsibleModule(argument_spec=SPEC)
with open(os.environ['AWX_STUB_LOG'], 'a') as f:
    f.write(json.dumps(dict(module=%r, params=module.params)) + '\\n')
module.exit_json(changed=True)
'''


@pytest.fixture
def awx_stub(tmp_path):
    modules = tmp_path / 'stub' / 'ansible_collections' / 'awx' / 'awx' / 'plugins' / 'modules'
    modules.mkdir(parents=True)
    for name, spec in STUB_MODULES.items():
        (modules / ('%s.py' % name)).write_text(STUB % (repr(spec), name, name))
    log = tmp_path / 'awx-calls.jsonl'

    def run(playbook, installed_collections, extra_vars=None):
        env = dict(os.environ, AWX_STUB_LOG=str(log), ANSIBLE_NOCOLOR='1', ANSIBLE_LOCALHOST_WARNING='0',
                   ANSIBLE_INVENTORY_UNPARSED_WARNING='0',
                   ANSIBLE_COLLECTIONS_PATH=os.pathsep.join([str(tmp_path / 'stub'), installed_collections]))
        command = [tool('ansible-playbook'), playbook]
        if extra_vars:
            vars_file = tmp_path / 'vars.json'
            vars_file.write_text(json.dumps(extra_vars))
            command += ['-e', '@%s' % vars_file]
        if log.exists():
            log.unlink()
        done = subprocess.run(command, env=env, cwd=str(tmp_path), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, check=False,
                              universal_newlines=True)
        assert done.returncode == 0, done.stdout
        calls = [json.loads(line) for line in log.read_text().splitlines()]
        return calls, done.stdout

    return run


def test_install_playbook_sends_the_shipped_definition(awx_stub, installed_collection, installed_collections, credential_type):
    calls, _output = awx_stub(os.path.join(installed_collection, 'extras', 'awx', 'install_credential_type.yml'),
                              installed_collections)
    assert calls == [dict(module='credential_type', params=dict(credential_type, state='present'))]


def test_setup_playbook_creates_a_working_job_template(awx_stub, installed_collection, installed_collections, credential_type):
    secret = 'setup-secret-7f3a9c'
    answers = dict(opsramp_awx_project_url='https://git.example.com/ops/opsramp-jobs.git', opsramp_url='https://acme.api.opsramp.com',
                   opsramp_tenant_id='client_123', opsramp_client_id='key-1', opsramp_client_secret=secret)
    calls, output = awx_stub(os.path.join(installed_collection, 'extras', 'awx', 'setup_job_template.yml'),
                             installed_collections, answers)
    assert secret not in output
    by_module = dict((call['module'], call['params']) for call in calls)
    assert [call['module'] for call in calls] == ['credential_type', 'credential', 'inventory', 'host', 'project', 'job_template']

    assert by_module['credential_type'] == dict(credential_type, state='present')
    credential = by_module['credential']
    assert credential['credential_type'] == credential_type['name']
    assert sorted(credential['inputs']) == sorted(field['id'] for field in credential_type['inputs']['fields'])
    assert credential['inputs'] == dict(url='https://acme.api.opsramp.com', tenant_id='client_123', client_id='key-1',
                                        client_secret=secret, validate_certs=True)

    host = by_module['host']
    assert host['inventory'] == by_module['inventory']['name']
    assert host['variables'] == {'ansible_connection': 'local', 'ansible_python_interpreter': '{{ ansible_playbook_python }}'}
    assert by_module['project']['scm_url'] == answers['opsramp_awx_project_url']
    assert by_module['project']['default_environment'] is None  # no execution environment named: AWX's default

    template = by_module['job_template']
    assert template['credentials'] == [credential['name']]
    assert template['inventory'] == by_module['inventory']['name']
    assert template['project'] == by_module['project']['name']
    assert os.path.isfile(os.path.join(installed_collection, 'examples', 'awx', template['playbook']))
    with open(os.path.join(installed_collection, 'examples', 'awx', 'extra_vars.yml')) as f:
        assert template['extra_vars'] == yaml.safe_load(f)
    assert template['diff_mode'] is True


def test_setup_playbook_names_what_is_missing(awx_stub, installed_collection, installed_collections):
    with pytest.raises(AssertionError) as failure:
        awx_stub(os.path.join(installed_collection, 'extras', 'awx', 'setup_job_template.yml'), installed_collections)
    assert 'Set opsramp_awx_project_url, opsramp_url' in str(failure.value)


def test_authentication_page_lists_every_connection_option():
    """docs/authentication.md has one table row per connection option, with its variable and its default."""
    with open(os.path.join(ROOT, 'docs', 'authentication.md')) as f:
        text = f.read()
    rows = re.findall(r'^\| `(\w+)` \| `(OPSRAMP_\w+)` \|([^|]*)\|', text, re.M)
    assert [(name, env) for name, env, _default in rows] == [(option['name'], option['env']) for option in CONNECTION_OPTIONS]
    for (_name, _env, default), option in zip(rows, CONNECTION_OPTIONS):
        if option.get('default') is not None:
            assert '`%s`' % str(option['default']).lower() in default, option['name']
        if option.get('required'):
            assert default.strip() == 'required', option['name']
