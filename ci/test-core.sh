#!/usr/bin/env bash
# make test-core-2.21: ansible-test sanity, the unit and component tests and the AWX tests on the newest ansible-core too, in a
# second virtualenv.
#   ci/test-core.sh VENV STAGE_ROOT
# ansible-core 2.20 and later need Python >= 3.12, and the default python3 (3.11) resolves ansible-core 2.19, so VENV
# is made with a Python 3.12 interpreter: $PYTHON312 if set, else pyenv's newest 3.12.x, else python3.12 on PATH
# (a pyenv shim that does not work is skipped; ci/find-python.sh). Without one, the step is skipped with a message, and
# exits 0. VENV holds the versions of ci/constraints-py3.12.txt (`make lock`), hence ansible-core 2.21.
set -euo pipefail
venv=${1:?usage: test-core.sh VENV STAGE_ROOT}
stage_root=${2:?usage: test-core.sh VENV STAGE_ROOT}
series=2.21
here=$(cd "$(dirname "$0")/.." && pwd)
stage=$stage_root/ansible_collections/opsramp/automation

if ! python=$(bash "$here/ci/find-python.sh" 3.12); then
  echo "SKIPPED test-core-$series: no Python 3.12 interpreter found (tried \$PYTHON312, pyenv 3.12.x, python3.12 on PATH)."
  echo "SKIPPED test-core-$series: ansible-core $series was NOT tested. Install Python 3.12 or set PYTHON312=/path/to/python3.12."
  exit 0
fi
lock=$here/ci/constraints-py3.12.txt

timed() {
  local label=$1 start=$SECONDS
  shift
  "$@"
  echo "== test-core-$series: $label: $((SECONDS - start)) s"
}

setup() {
  if [ ! -f "$venv/.installed" ] || [ "$here/ci/requirements.txt" -nt "$venv/.installed" ] \
    || [ "$lock" -nt "$venv/.installed" ]; then
    bash "$here/ci/venv.sh" "$python" "$venv" "$lock" "$here/ci/requirements.txt"
    touch "$venv/.installed"
  fi
  bash "$here/ci/install-get-pip-stub.sh" "$venv/bin/python"
  local version
  version=$("$venv/bin/ansible" --version)
  version=${version%%$'\n'*}
  [[ $version == *"core $series."* ]] || { echo "expected ansible-core $series in $venv, got: $version" >&2; exit 1; }
  echo "$version; $("$venv/bin/python" --version) ($python)"
}

stage() {
  (cd "$here" && bash ci/stage.sh "$stage_root" >/dev/null)
}

sanity() {
  (cd "$stage" \
    && PATH=$venv/bin:$PATH "$venv/bin/ansible-test" sanity --venv --python 3.12)
}

# the unit and component tests import the collection from the staged tree, as `make units` does
units() {
  (cd "$stage" && PATH=$venv/bin:$PATH PYTHONPATH=$stage_root:$stage/tests/simulator "$venv/bin/python" -m pytest -q \
    -p no:cacheprovider -p no:pytest-ansible tests/unit)
  (cd "$stage" && PATH=$venv/bin:$PATH PYTHONPATH=$stage_root:$stage/tests/simulator "$venv/bin/python" -m pytest -q \
    -p no:cacheprovider -p no:pytest-ansible -n "${COMPONENT_WORKERS:-4}" tests/component)
}

awx() {  # the AWX job through ansible-runner and the credential type playbooks: AWX EEs often carry a newer core
  (cd "$here" && PATH=$venv/bin:$PATH PYTHONPATH=$stage_root:$here/tests/simulator "$venv/bin/python" -m pytest -q \
    -p no:cacheprovider tests/ecosystem/test_awx_runner.py tests/ecosystem/test_awx_definitions.py)
}

timed "setup (Python 3.12 virtualenv $venv)" setup
timed "stage" stage
timed "ansible-test sanity --python 3.12" sanity
timed "unit and component tests" units
timed "AWX tests (ansible-runner, credential type)" awx
