#!/usr/bin/env bash
# Start or stop the OpsRamp simulator in the background.
#   ci/simulator.sh start STATE_DIR [simulator CLI options...]   -> prints the simulator URL
#   ci/simulator.sh stop STATE_DIR
set -euo pipefail
cmd=${1:?usage: simulator.sh start|stop STATE_DIR [options]}
state=${2:?usage: simulator.sh start|stop STATE_DIR [options]}
shift 2
here=$(cd "$(dirname "$0")/.." && pwd)
python=${PYTHON:-$here/.venv/bin/python}
case "$cmd" in
  start)
    mkdir -p "$state"
    rm -f "$state/url"
    "$python" "$here/tests/simulator/opsramp_simulator" --port 0 --port-file "$state/url" "$@" \
      >"$state/simulator.log" 2>&1 &
    echo $! >"$state/pid"
    for _ in $(seq 1 100); do
      [ -s "$state/url" ] && { cat "$state/url"; echo; exit 0; }
      kill -0 "$(cat "$state/pid")" 2>/dev/null || break
      sleep 0.1
    done
    echo "the simulator did not start; its log:" >&2
    cat "$state/simulator.log" >&2
    exit 1
    ;;
  stop)
    if [ -f "$state/pid" ]; then
      kill "$(cat "$state/pid")" 2>/dev/null || true
      rm -f "$state/pid"
    fi
    ;;
  *) echo "usage: simulator.sh start|stop STATE_DIR [options]" >&2; exit 2 ;;
esac
