#!/usr/bin/env bash
# make quick: ansible-test sanity on the files changed since BASE (committed on this branch, uncommitted, or new and
# not ignored), in the staged tree STAGE; nothing to do when no file changed.
#   ci/sanity-changed.sh STAGE [BASE]
# Only the quick tests that read single files run (pep8, pylint, compile, validate-modules of changed modules, ...);
# `make sanity` runs them all on every file.
set -euo pipefail
stage=${1:?usage: sanity-changed.sh STAGE [BASE]}
base=${2:-main}
fork=$(git merge-base HEAD "$base" 2>/dev/null || git rev-parse HEAD)
mapfile -t changed < <({ git diff --name-only "$fork"; git ls-files --others --exclude-standard; } | sort -u \
  | while IFS= read -r f; do [ -e "$stage/$f" ] && printf '%s\n' "$f"; done)
if [ ${#changed[@]} -eq 0 ]; then
  echo "sanity: no file changed since $base"
  exit 0
fi
echo "sanity of ${#changed[@]} changed file(s) since $base"
python=$(python -c 'import sys; print("%d.%d" % sys.version_info[:2])')
cd "$stage"
ansible-test sanity --venv --python "$python" --test pep8 --test pylint --test compile --test validate-modules \
  --test import --test yamllint "${changed[@]}"
