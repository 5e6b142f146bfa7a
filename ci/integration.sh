#!/usr/bin/env bash
# Run the ansible-test integration targets against a fresh simulator.
#   ci/integration.sh STAGE SIM_STATE [ansible-test target names...]
set -euo pipefail
stage=${1:?usage: integration.sh STAGE SIM_STATE [targets]}
state=${2:?usage: integration.sh STAGE SIM_STATE [targets]}
shift 2
here=$(cd "$(dirname "$0")/.." && pwd)
url=$(bash "$here/ci/simulator.sh" start "$state")
trap 'bash "$here/ci/simulator.sh" stop "$state"' EXIT
cat >"$stage/tests/integration/integration_config.yml" <<YAML
---
opsramp_url: $url
opsramp_tenant_id: client_1
opsramp_client_id: demo-client
opsramp_client_secret: demo-secret
YAML
pyver=$("$here/.venv/bin/python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
cd "$stage"
ansible-test integration --venv --python "$pyver" "$@"
