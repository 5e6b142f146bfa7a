#!/usr/bin/env bash
# make demo: install the collection, start the simulator (unless OPSRAMP_URL points at a real tenant), apply the
# demo jobs, apply them again to show that nothing changes, then preview one edit with --check --diff.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
work=${WORK:-/tmp/opsramp-automation-$(id -u)-$(printf '%s' "$here" | cksum | cut -d' ' -f1)}/demo
export PATH=$here/.venv/bin:$PATH
cd "$here"

rm -rf "$work" && mkdir -p "$work"
ansible-galaxy collection build --force --output-path "$work/dist" . >/dev/null
ansible-galaxy collection install --force -p "$work/collections" "$work"/dist/*.tar.gz >/dev/null
export ANSIBLE_COLLECTIONS_PATH=$work/collections ANSIBLE_NOCOLOR=1 ANSIBLE_LOCALHOST_WARNING=0 ANSIBLE_INVENTORY_UNPARSED_WARNING=0

if [ -z "${OPSRAMP_URL:-}" ]; then
  OPSRAMP_URL=$(bash ci/simulator.sh start "$work/simulator" --resources "$here/demo/resources.json")
  trap 'bash ci/simulator.sh stop "$work/simulator"' EXIT
  export OPSRAMP_URL OPSRAMP_TENANT_ID=client_1 OPSRAMP_CLIENT_ID=demo-client OPSRAMP_CLIENT_SECRET=demo-secret
  echo "== OpsRamp simulator at $OPSRAMP_URL (set OPSRAMP_URL and friends to use a real tenant)"
else
  echo "== using the OpsRamp tenant at $OPSRAMP_URL"
fi

recap() { grep -E '^localhost +:' "$1"; }

echo "== 1. apply the demo jobs"
ansible-playbook demo/site.yml | tee "$work/run1.log"
echo "== 2. apply them again: nothing should change"
ansible-playbook demo/site.yml | tee "$work/run2.log"
recap "$work/run2.log" | grep -q 'changed=0' || { echo "second run changed something: not idempotent" >&2; exit 1; }
echo "== 3. preview an edit (AD checklist on Monday, Wednesday and Friday) with --check --diff; nothing is written"
ansible-playbook demo/site.yml --check --diff -e '{"ad_checklist_days": ["Monday", "Wednesday", "Friday"]}' | tee "$work/run3.log"
recap "$work/run3.log" | grep -q 'changed=1' || { echo "the previewed edit did not show as one change" >&2; exit 1; }
echo "== demo done: run 1 $(recap "$work/run1.log" | grep -o 'changed=[0-9]*'), run 2 $(recap "$work/run2.log" | grep -o 'changed=[0-9]*'), preview $(recap "$work/run3.log" | grep -o 'changed=[0-9]*')"
