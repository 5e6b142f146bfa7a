#!/usr/bin/env bash
# make lock: re-resolve the development and CI toolchain from its ranges, in scratch virtualenvs, and rewrite the lock
# files that every virtualenv of `make` is installed from (CONTRIBUTING.md, "Toolchain versions").
#   ci/lock.sh                      refresh every lock file (PYTHON: the default interpreter, python3 if unset)
#   ci/lock.sh --check LOCK VENV    fail, showing the difference, unless VENV holds exactly the versions LOCK lists
#
# ranges -> lock file: for which virtualenv, made with which Python
#   ci/requirements.txt -> ci/constraints-pyX.Y.txt: .venv (make venv), $PYTHON (3.11 here)
#   ci/requirements.txt -> ci/constraints-py3.12.txt: .venv-2.21 (ci/test-core.sh), Python 3.12
#   ci/requirements-importer.txt -> ci/constraints-importer-pyX.Y.txt: .venv-importer (ci/galaxy-check.sh), $PYTHON
#   ci/requirements-lint-collections.txt -> ci/constraints-lint-collections.txt: no virtualenv, the `ansible` release
#     whose awx.awx ci/lint-collections.sh extracts (resolved with $PYTHON)
# Without a Python 3.12 (found as ci/test-core.sh finds it) ci/constraints-py3.12.txt is left as it is, with a message.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)

frozen() {  # VENV: every installed package but pip itself (whose version comes with the interpreter), as name==version
  "$1/bin/pip" freeze --all --exclude pip
}

if [ "${1:-}" = --check ]; then
  lock=${2:?usage: lock.sh --check LOCK VENV}
  venv=${3:?usage: lock.sh --check LOCK VENV}
  diff -U0 --label "$lock" --label "installed in $venv" <(grep -Ev '^[[:space:]]*(#|$)' "$lock") <(frozen "$venv") >&2
  exit
fi
[ $# = 0 ] || { echo "usage: lock.sh, or lock.sh --check LOCK VENV" >&2; exit 2; }

python=${PYTHON:-python3}
scratch=$(mktemp -d -t opsramp-automation-lock.XXXXXX)
trap 'rm -rf "$scratch"' EXIT
written=()

version_of() {
  "$1" -c 'import sys; print("%d.%d" % sys.version_info[:2])'
}

quiet_pip() {  # VENV ARG...: pip without the warnings of the machine's pip configuration about absent local locations
  "$1/bin/pip" "${@:2}" 2>&1 | { grep -v '^WARNING: Location' || true; }
}

header() {  # PYTHON REQUIREMENTS_FILE WHAT
  printf '# %s\n' "Lock file (do not edit): $3." \
    "Written by \`make lock\` (ci/lock.sh) from the ranges in $2 with Python $(version_of "$1")."
}

# LOCK PYTHON WHAT REQUIREMENTS_FILE: install the ranges into a scratch virtualenv, write what pip chose
lock_venv() {
  local lock=$1 python=$2 what=$3 requirements=$4 venv
  venv=$scratch/$(basename "$lock" .txt)
  echo "resolving $requirements with $python for $lock"
  "$python" -m venv "$venv"
  quiet_pip "$venv" install -q -r "$here/$requirements"
  { header "$python" "$requirements" "$what"; frozen "$venv"; } >"$scratch/$(basename "$lock")"
  written+=("$lock")
}

# LOCK PYTHON WHAT REQUIREMENTS_FILE: the newest release in range of each package, without its dependencies
lock_releases() {
  local lock=$1 python=$2 what=$3 requirements=$4 venv=$scratch/releases
  echo "resolving $requirements with $python for $lock"
  "$python" -m venv "$venv"
  quiet_pip "$venv" install -q --dry-run --no-deps --ignore-installed --report "$venv/report.json" \
    -r "$here/$requirements"
  { header "$python" "$requirements" "$what"
    "$venv/bin/python" -c 'import json, sys
for item in json.load(open(sys.argv[1]))["install"]:
    print("%(name)s==%(version)s" % item["metadata"])' "$venv/report.json"; } >"$scratch/$(basename "$lock")"
  written+=("$lock")
}

default=$(version_of "$python")
lock_venv "ci/constraints-py$default.txt" "$python" "the exact toolchain of .venv (make venv)" ci/requirements.txt
if [ "$default" != 3.12 ]; then
  if python312=$(bash "$here/ci/find-python.sh" 3.12); then
    lock_venv ci/constraints-py3.12.txt "$python312" "the exact toolchain of .venv-2.21 (make test-core-2.21)" \
      ci/requirements.txt
  else
    echo "SKIPPED ci/constraints-py3.12.txt: no Python 3.12 interpreter found (tried \$PYTHON312, pyenv 3.12.x,"
    echo "SKIPPED ci/constraints-py3.12.txt: python3.12 on PATH); left as it is. Set PYTHON312=/path/to/python3.12."
  fi
fi
lock_venv "ci/constraints-importer-py$default.txt" "$python" \
  "the exact contents of .venv-importer (make galaxy-check)" ci/requirements-importer.txt
lock_releases ci/constraints-lint-collections.txt "$python" "the ansible release whose awx.awx make lint uses" \
  ci/requirements-lint-collections.txt

changed=0
for lock in "${written[@]}"; do
  new=$scratch/$(basename "$lock")
  if [ ! -f "$here/$lock" ]; then
    echo "$lock: new, $(grep -cv '^#' "$new") packages"
  elif cmp -s "$here/$lock" "$new"; then
    echo "$lock: unchanged"
    continue
  else
    printf '%s changed:\n' "$lock"
    diff "$here/$lock" "$new" | grep -E '^[<>] [^#]' || echo "  (its comment only)"
  fi
  cp "$new" "$here/$lock"
  changed=1
done
[ "$changed" = 0 ] || echo "the next make target that needs a virtualenv reinstalls it from its new lock file"
