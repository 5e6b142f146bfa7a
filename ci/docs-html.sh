#!/usr/bin/env bash
# make docs: one HTML site, offline: the module and role reference rendered by antsibull-docs from the installed
# collection, plus the Markdown guides of docs/ (rendered by MyST).
#   ci/docs-html.sh COLLECTIONS_PATH DEST      -> DEST/build/html/index.html
# COLLECTIONS_PATH holds ansible_collections/opsramp/automation (make docs passes the staging tree).
set -euo pipefail
collections=${1:?usage: docs-html.sh COLLECTIONS_PATH DEST}
dest=${2:?usage: docs-html.sh COLLECTIONS_PATH DEST}
here=$(cd "$(dirname "$0")/.." && pwd)
export ANSIBLE_COLLECTIONS_PATH=$collections

rm -rf "$dest"
mkdir -p "$dest"
chmod 700 "$dest"   # antsibull-docs wants a directory only its owner can write to
antsibull-docs sphinx-init --use-current --dest-dir "$dest" opsramp.automation >/dev/null
cat >>"$dest/conf.py" <<'PY'

# --- appended by ci/docs-html.sh: build offline, and render the Markdown guides too.
# No intersphinx: its inventories (docs.python.org, docs.ansible.com) cannot be downloaded here. Labels of the main
# Ansible docsite that the generated pages use (common_return_values, ...) then stay unresolved: 'ref.ref'.
# The inventory plugin's cache options (ansible-core's inventory_cache fragment) name ansible-core's environment
# variables, which are defined on that docsite too: 'ref.envvar'.
# A guide's link to another guide that does not exist (yet) is reported by tests/ecosystem, not here: 'myst.xref_missing'.
extensions = [e for e in extensions if e != 'sphinx.ext.intersphinx'] + ['myst_parser']
intersphinx_mapping = {}
suppress_warnings = ['ref.ref', 'ref.envvar', 'myst.xref_missing']
source_suffix = {'.rst': 'restructuredtext', '.md': 'markdown'}
myst_heading_anchors = 3
project = 'opsramp.automation'
html_title = html_short_title = 'opsramp.automation'
PY

cd "$dest"
mkdir -p rst && chmod og-w rst
antsibull-docs --config-file antsibull-docs.cfg collection --cleanup everything --use-current --dest-dir rst \
  opsramp.automation >/dev/null

# The guides, in reading order first, then any other page of docs/ alphabetically.
mkdir -p rst/guides
order=(quickstart authentication schedules roles scripts check-and-diff gitops partners awx execution-environments performance reliability)
guides=()
for name in "${order[@]}"; do
  [ -f "$here/docs/$name.md" ] && guides+=("$name")
done
for page in "$here"/docs/*.md; do
  name=$(basename "$page" .md)
  [[ " ${guides[*]} " == *" $name "* ]] || guides+=("$name")
done
# links to files outside docs/ (../README.md, ../extras/...) point to the repository instead
repository=$(sed -n 's/^repository: *//p' "$here/galaxy.yml")
for name in "${guides[@]}"; do
  sed -E "s#\]\(\.\./([^)]*)\)#](${repository}/blob/main/\1)#g" "$here/docs/$name.md" >"rst/guides/$name.md"
done
python3 - rst/index.rst "${guides[@]}" <<'PY'
import sys

index, guides = sys.argv[1], sys.argv[2:]
with open(index) as f:
    text = f.read()
title = 'Welcome to my Ansible collection documentation'
text = text.replace(title + '\n' + '=' * len(title), 'opsramp.automation\n==================')
text = text.replace('This docsite contains documentation of opsramp.automation.',
                    'Manage OpsRamp scheduled jobs (Jobs API v2) as code: guides first, then the module and role reference.')
toctree = '.. toctree::\n   :maxdepth: 1\n   :caption: Guides:\n\n' + ''.join('   guides/%s\n' % g for g in guides) + '\n\n'
marker = '.. toctree::'
text = text.replace(marker, toctree + marker, 1)
with open(index, 'w') as f:
    f.write(text)
PY

sphinx-build -M html rst build -c . -W --keep-going -q
echo "$dest/build/html/index.html"
