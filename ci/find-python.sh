#!/usr/bin/env bash
# Print the path of a real Python X.Y interpreter that can make a virtualenv, or exit 1 when there is none.
#   ci/find-python.sh X.Y
# Tried in order: $PYTHONXY (e.g. PYTHON312), pyenv's newest X.Y.z (by its real path: pyenv's shims only work for the
# active version), pythonX.Y on PATH, /usr/local/bin/pythonX.Y, /usr/bin/pythonX.Y. A candidate that does not run
# (such as a pyenv shim of an inactive version) is skipped.
set -euo pipefail
want=${1:?usage: find-python.sh X.Y}
override=PYTHON${want//./}

works() {
  [ -n "$1" ] && [ -x "$1" ] \
    && "$1" -c "import sys, venv, ensurepip; sys.exit('%d.%d' % sys.version_info[:2] != '$want')" 2>/dev/null
}
candidates=("${!override:-}")
if command -v pyenv >/dev/null 2>&1; then
  while IFS= read -r p; do
    candidates+=("$p")
  done < <(printf '%s\n' "$(pyenv root)/versions/$want"*/bin/"python$want" | sort -rV)
fi
candidates+=("$(command -v "python$want" || true)" "/usr/local/bin/python$want" "/usr/bin/python$want")
for candidate in "${candidates[@]}"; do
  if works "$candidate"; then
    printf '%s\n' "$candidate"
    exit 0
  fi
done
exit 1
