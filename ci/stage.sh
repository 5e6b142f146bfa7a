#!/usr/bin/env bash
# Copy the working tree (tracked files and untracked ones git does not ignore) to
# $STAGE_ROOT/ansible_collections/opsramp/automation: ansible-test and ansible-lint need the collection there.
set -euo pipefail
stage_root=${1:?usage: stage.sh STAGE_ROOT}
dest=$stage_root/ansible_collections/opsramp/automation
rm -rf "$dest"
mkdir -p "$dest"
git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' f; do
  [ -e "$f" ] && printf '%s\0' "$f"
done | tar --null -T - -cf - | tar -C "$dest" -xf -
# ansible-test honours .gitignore only inside a git work tree
git -C "$dest" init -q && git -C "$dest" add -A >/dev/null 2>&1 || true
echo "$dest"
