#!/usr/bin/env bash
# make galaxy-check: run galaxy-importer, the code Galaxy runs on each upload, on the built tarball, offline.
#   ci/galaxy-check.sh IMPORTER_VENV WORK_DIR TARBALL
# galaxy-importer pins its own ansible-core, ansible-lint and flake8, so it lives in its own virtualenv
# (IMPORTER_VENV, made with $PYTHON, holding the versions of ci/constraints-importer-pyX.Y.txt: `make lock`).
# It exits 0 even when it logs problems, so this script fails on any ERROR and on
# any WARNING line, except the expected ones listed in ALLOWED below.
set -euo pipefail
venv=${1:?usage: galaxy-check.sh IMPORTER_VENV WORK_DIR TARBALL}
work=${2:?usage: galaxy-check.sh IMPORTER_VENV WORK_DIR TARBALL}
tarball=${3:?usage: galaxy-check.sh IMPORTER_VENV WORK_DIR TARBALL}
python=${PYTHON:-python3}
here=$(cd "$(dirname "$0")/.." && pwd)
requirements=$here/ci/requirements-importer.txt
lock=$here/ci/constraints-importer-py$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])').txt

if [ ! -f "$venv/.installed" ] || [ "$requirements" -nt "$venv/.installed" ] || [ "$lock" -nt "$venv/.installed" ]; then
  bash "$here/ci/venv.sh" "$python" "$venv" "$lock" "$requirements"
  touch "$venv/.installed"
fi

mkdir -p "$work/tmp"
work=$(cd "$work" && pwd)
cat >"$work/galaxy-importer.cfg" <<CFG
[galaxy-importer]
run_ansible_doc = True
run_ansible_lint = True
offline_ansible_lint = True
run_ansible_test = False
ansible_local_tmp = $work/tmp
CFG
# ansible-doc and ansible-lint must be the importer's own (it looks them up on PATH); it writes importer_result.json
# into its working directory
tarball=$(realpath "$tarball")
venv_bin=$(cd "$venv/bin" && pwd)
(cd "$work" && PATH=$venv_bin:$PATH GALAXY_IMPORTER_CONFIG=$work/galaxy-importer.cfg \
  "$venv_bin/python" -m galaxy_importer.main "$tarball" >"$work/importer.log" 2>&1) || {
  cat "$work/importer.log"
  echo "galaxy-importer failed" >&2
  exit 1
}

# Galaxy lints the collection alone, without the optional awx.awx that the AWX set-up playbooks call (make lint
# resolves it from the ansible package, see ci/lint-collections.sh). Galaxy shows these lines in its import log.
ALLOWED="^WARNING: extras/awx/[a-z_]+\.yml:[0-9]+:[0-9]+: syntax-check\[unknown-module\]: couldn't resolve module/action 'awx\.awx\.[a-z_]+'"
grep -v '^Loading ' "$work/importer.log"
problems=$(grep -E '^(ERROR|WARNING)' "$work/importer.log" | grep -Ev "$ALLOWED" || true)
grep -q '^Importer processing completed successfully' "$work/importer.log" || problems="$problems
galaxy-importer did not complete"
if [ -n "$problems" ]; then
  printf 'galaxy-importer reported problems:\n%s\n' "$problems" >&2
  exit 1
fi
echo "galaxy-importer: $(basename "$tarball") imports cleanly ($(grep -cE "$ALLOWED" "$work/importer.log" || true) expected awx.awx lint notes)"
