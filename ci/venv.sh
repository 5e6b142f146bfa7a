#!/usr/bin/env bash
# (Re)make a virtualenv with exactly the versions of a lock file (CONTRIBUTING.md, "Toolchain versions").
#   ci/venv.sh PYTHON VENV LOCK REQUIREMENTS_FILE...
# Removes VENV, makes it with PYTHON, installs the REQUIREMENTS_FILEs (the ranges) constrained by LOCK (`make lock`
# writes it), then fails unless the virtualenv holds exactly the packages and versions LOCK lists: a lock that no
# longer matches its requirements file (a package added or removed there, a range that excludes the pinned version)
# is caught here, when the virtualenv is rebuilt after either file changed.
set -euo pipefail
python=${1:?usage: venv.sh PYTHON VENV LOCK REQUIREMENTS_FILE...}
venv=${2:?usage: venv.sh PYTHON VENV LOCK REQUIREMENTS_FILE...}
lock=${3:?usage: venv.sh PYTHON VENV LOCK REQUIREMENTS_FILE...}
shift 3
[ $# -gt 0 ] || { echo "usage: venv.sh PYTHON VENV LOCK REQUIREMENTS_FILE..." >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
refresh="run \`make lock\` to refresh $lock from $* (CONTRIBUTING.md, \"Toolchain versions\")"
if [ ! -f "$lock" ]; then
  echo "no lock file $lock: \`make lock\` writes it (CONTRIBUTING.md, \"Toolchain versions\")" >&2
  exit 1
fi

requirements=()
for file in "$@"; do requirements+=(-r "$file"); done
rm -rf "$venv"
"$python" -m venv "$venv"
# the machine's pip configuration may add local package locations that do not exist: pip warns about each one
"$venv/bin/pip" install -q "${requirements[@]}" -c "$lock" 2>&1 | { grep -v '^WARNING: Location' || true; } || {
  echo "pip could not install $* within the versions of $lock. If a range changed there, $refresh." >&2
  exit 1
}
bash "$here/lock.sh" --check "$lock" "$venv" || {
  echo "$venv does not hold exactly the versions of $lock (above: - lock file, + installed): $refresh." >&2
  exit 1
}
