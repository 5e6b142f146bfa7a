"""Rewrite what ansible-test and ansible-doc read without running the code, from the tables it is derived from.

The doc fragments' DOCUMENTATION literals come from the connection options (plugins/module_utils/_http/config.py) and
the job table (plugins/module_utils/_jobs/table.py). ansible-test reads them without running them, so they must
hold YAML literals; the tables stay the single source. Run after changing a table: make render
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
# import the tables from a staged copy of the working tree, where the collection sits at ansible_collections/opsramp/...
_STAGE_ROOT = tempfile.mkdtemp(prefix='render-doc-fragments-')
atexit.register(shutil.rmtree, _STAGE_ROOT, True)
subprocess.run(['bash', os.path.join(ROOT, 'ci', 'stage.sh'), _STAGE_ROOT], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
sys.path.insert(0, _STAGE_ROOT)

# pylint: disable=wrong-import-position
from ansible_collections.opsramp.automation.plugins.module_utils._engine import options  # noqa: E402
from ansible_collections.opsramp.automation.plugins.module_utils._jobs.adapter import JOBS  # noqa: E402

FRAGMENTS = {
    'connection.py': options.connection_doc_fragment,
    'job.py': lambda: dict(options=JOBS.model.doc()),
    'job_list.py': lambda: dict(options=JOBS.list_doc()),
}


class IndentedDumper(yaml.SafeDumper):
    def increase_indent(self, flow=False, indentless=False):
        return super(IndentedDumper, self).increase_indent(flow, False)


def render(data):
    return yaml.dump(data, Dumper=IndentedDumper, sort_keys=False, width=118, default_flow_style=False)


def main():
    for name, table in FRAGMENTS.items():
        path = os.path.join(ROOT, 'plugins', 'doc_fragments', name)
        with open(path) as handle:
            text = handle.read()
        new = re.sub(r"(    DOCUMENTATION = r''')\n.*?(''')", lambda m: m.group(1) + '\n' + render(table()) + m.group(2),
                     text, count=1, flags=re.S)
        if new != text:
            with open(path, 'w') as handle:
                handle.write(new)
            print('rewrote %s' % path)
    return 0


if __name__ == '__main__':
    sys.exit(main())
