"""Rewrite what ansible-test and ansible-doc read without running the code, from the tables it is derived from.

* The doc fragments' literals: from the connection options (plugins/module_utils/_http/config.py, also as the
  inventory plugin takes them), the job table (plugins/module_utils/_jobs/table.py) and the script and category
  tables (plugins/module_utils/_scripts/table.py). ansible-test reads them without running them, so they must hold
  YAML literals.
* In each schedule role (roles/*_job, not export_jobs), the part of meta/argument_specs.yml that documents the job and
  connection options the role passes to opsramp_job, and the part of vars/main.yml that passes them: between the
  "BEGIN rendered" and "END rendered" lines. The rest of those files is the role's own.
* Likewise in export_scripts, the connection options alone (it passes them to opsramp_script_info).

The tables stay the single source. Run after changing a table: `make render`. `--check` rewrites nothing and exits 1,
naming the files, when any of them is out of date (a unit test runs it).
"""
import atexit
import os
import re
import shutil
import subprocess
import sys
import tempfile

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT.split(os.sep)[-3:] == ['ansible_collections', 'opsramp', 'automation']:
    sys.path.insert(0, os.sep.join(ROOT.split(os.sep)[:-3]))
else:  # import the tables from a staged copy of the working tree, where the collection sits at ansible_collections/...
    _STAGE_ROOT = tempfile.mkdtemp(prefix='render-docs-')
    atexit.register(shutil.rmtree, _STAGE_ROOT, True)
    subprocess.run(['bash', os.path.join(ROOT, 'ci', 'stage.sh'), _STAGE_ROOT], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    sys.path.insert(0, _STAGE_ROOT)

# pylint: disable=wrong-import-position
from ansible_collections.opsramp.automation.plugins.module_utils._engine import options  # noqa: E402
from ansible_collections.opsramp.automation.plugins.module_utils._http.config import CONNECTION_OPTIONS  # noqa: E402
from ansible_collections.opsramp.automation.plugins.module_utils._jobs.adapter import JOBS  # noqa: E402
from ansible_collections.opsramp.automation.plugins.module_utils._scripts.adapter import CATEGORIES, SCRIPTS  # noqa: E402
from ansible_collections.opsramp.automation.plugins.module_utils._tenants import inventory_options  # noqa: E402

# (file, literal, table): each literal of each fragment file and the table it is rendered from
FRAGMENTS = [
    ('connection.py', 'DOCUMENTATION', options.connection_doc_fragment),
    ('connection.py', 'INVENTORY', inventory_options.inventory_connection_doc_fragment),
    ('job.py', 'DOCUMENTATION', lambda: dict(options=JOBS.model.doc())),
    ('job_list.py', 'DOCUMENTATION', lambda: dict(options=JOBS.list_doc())),
    ('script.py', 'DOCUMENTATION', lambda: dict(options=SCRIPTS.model.doc())),
    ('script_list.py', 'DOCUMENTATION', lambda: dict(options=SCRIPTS.list_doc(required=False))),
    ('script_category.py', 'DOCUMENTATION', lambda: dict(options=CATEGORIES.model.doc())),
]
SCHEDULE_ROLES = ('daily_job', 'weekly_job', 'monthly_job', 'run_once_job')
# the job options a schedule role declares itself (its schedule is built from variables of its own)
ROLE_OWN_OPTIONS = ('id', 'name', 'schedule')
# the first words of the line that opens a rendered region (the line goes on to say what it is rendered from)
BEGIN = '# BEGIN rendered'
# roles that pass only the connection options to their module
CONNECTION_ROLES = ('export_scripts',)
END = '# END rendered'


class IndentedDumper(yaml.SafeDumper):
    def increase_indent(self, flow=False, indentless=False):
        return super(IndentedDumper, self).increase_indent(flow, False)


def render(data, width=118):
    return yaml.dump(data, Dumper=IndentedDumper, sort_keys=False, width=width, default_flow_style=False)


def role_job_options():
    return [option for option in JOBS.model.options if option.name not in ROLE_OWN_OPTIONS]


def role_spec(role, job_options=True):
    """The rendered options of the role's argument spec, indented as they sit under ``options:``."""
    docs = options.role_option_docs(role, role_job_options()) if job_options else {}
    docs.update(options.role_connection_docs(role))
    return ''.join('      ' + line if line.strip() else line for line in render(docs, 90).splitlines(True))


def role_vars(role, job_options=True):
    """The role's variables that collect the options it passes to its module: the job options (``job_options``)
    and the connection options that are set (unset and empty ones left out)."""
    def collect(variable, names):
        pairs = ',\n      '.join("'%s': %s_%s | default(none)" % (name, role, name) for name in names)
        return ("%s__%s: >-\n  {{ {%s}\n     | dict2items | rejectattr('value', 'none') | rejectattr('value', 'equalto', '')"
                " | items2dict }}\n" % (role, variable, pairs))

    return ((collect('job_options', [option.name for option in role_job_options()]) if job_options else '')
            + collect('connection', [option['name'] for option in CONNECTION_OPTIONS]))


def rewrite_fragment(text, literal, table):
    return re.sub(r"(    %s = r''')\n.*?(''')" % literal, lambda m: m.group(1) + '\n' + render(table()) + m.group(2),
                  text, count=1, flags=re.S)


def rewrite_region(text, body, indent=''):
    pattern = re.compile(r'(^%s%s[^\n]*\n).*?(^%s%s[^\n]*\n)' % (indent, re.escape(BEGIN), indent, re.escape(END)),
                         re.S | re.M)
    if not pattern.search(text):
        raise SystemExit('no "%s" ... "%s" region found' % (BEGIN, END))
    return pattern.sub(lambda m: m.group(1) + body + m.group(2), text, count=1)


def targets():
    """(path, function of the file's text giving the rendered text)."""
    for name, literal, table in FRAGMENTS:
        yield (os.path.join('plugins', 'doc_fragments', name),
               lambda text, literal=literal, table=table: rewrite_fragment(text, literal, table))
    for role in SCHEDULE_ROLES:
        yield (os.path.join('roles', role, 'meta', 'argument_specs.yml'),
               lambda text, role=role: rewrite_region(text, role_spec(role), '      '))
        yield os.path.join('roles', role, 'vars', 'main.yml'), lambda text, role=role: rewrite_region(text, role_vars(role))
    for role in CONNECTION_ROLES:
        yield (os.path.join('roles', role, 'meta', 'argument_specs.yml'),
               lambda text, role=role: rewrite_region(text, role_spec(role, job_options=False), '      '))
        yield (os.path.join('roles', role, 'vars', 'main.yml'),
               lambda text, role=role: rewrite_region(text, role_vars(role, job_options=False)))


def main(argv):
    check = '--check' in argv
    stale = []
    for relative, rendered in targets():
        path = os.path.join(ROOT, relative)
        with open(path) as handle:
            text = handle.read()
        new = rendered(text)
        if new == text:
            continue
        stale.append(relative)
        if not check:
            with open(path, 'w') as handle:
                handle.write(new)
            print('rewrote %s' % relative)
    if check and stale:
        print('out of date, run `make render`: %s' % ', '.join(stale))
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
