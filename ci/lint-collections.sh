#!/usr/bin/env bash
# Put the collections that ansible-lint needs to resolve extras/awx/*.yml (awx.awx) under DEST/ansible_collections,
# without Galaxy: the `ansible` package on the Python package index bundles awx.awx. Only awx/awx is extracted.
#   ci/lint-collections.sh DEST
# The ansible release is the one ci/constraints-lint-collections.txt pins (`make lock`), or $ANSIBLE_BUNDLE_VERSION.
set -euo pipefail
dest=${1:?usage: lint-collections.sh DEST}
lock=$(dirname "$0")/constraints-lint-collections.txt
ansible_version=${ANSIBLE_BUNDLE_VERSION:-$(sed -n 's/^ansible==//p' "$lock")}
[ -n "$ansible_version" ] || { echo "$lock pins no ansible release: run make lock" >&2; exit 1; }
python=${PYTHON:-python3}
stamp=$dest/.awx-from-ansible   # the ansible release awx.awx was taken from
[ "$(cat "$stamp" 2>/dev/null)" = "$ansible_version" ] && exit 0
rm -rf "$dest/ansible_collections/awx/awx"
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
echo "$ansible_version" >"$stamp"
