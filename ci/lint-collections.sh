#!/usr/bin/env bash
# Put the collections that ansible-lint needs to resolve extras/awx/*.yml (awx.awx) under DEST/ansible_collections,
# without Galaxy: the `ansible` package on the Python package index bundles awx.awx. Only awx/awx is extracted.
#   ci/lint-collections.sh DEST
set -euo pipefail
dest=${1:?usage: lint-collections.sh DEST}
ansible_version=${ANSIBLE_BUNDLE_VERSION:-12.3.0}   # the ansible release that bundles the awx.awx used for lint
python=${PYTHON:-python3}
[ -f "$dest/ansible_collections/awx/awx/MANIFEST.json" ] && exit 0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$python" -m pip download -q --no-deps --only-binary=:all: "ansible==$ansible_version" -d "$tmp" 2>&1 \
  | { grep -v "^WARNING: Location" || true; } >&2
mkdir -p "$dest"
"$python" - "$tmp"/ansible-*.whl "$dest" <<'PY'
import sys
import zipfile

wheel, dest = sys.argv[1:]
with zipfile.ZipFile(wheel) as archive:
    members = [name for name in archive.namelist() if name.startswith('ansible_collections/awx/awx/')]
    archive.extractall(dest, members)
print('awx.awx from %s: %d files' % (wheel.rsplit('/', 1)[-1], len(members)))
PY
