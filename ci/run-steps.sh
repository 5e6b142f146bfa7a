#!/usr/bin/env bash
# make test: run each check as its own make target, print how long each one took, then a summary.
#   ci/run-steps.sh [--beside "TARGET..."] TARGET...
# The TARGETs run in order and stop at the first failing one (the summary shows which). Once `build` has passed, the
# later targets get BUILT=1, so that those which need the built collection (ecosystem, galaxy-check) use it instead of
# building again.
# --beside: these targets run in a second lane at the same time, one after another, with a staging tree of their own
# (STAGE_ROOT=$WORK/stage-beside) so that the first lane's re-staging cannot pull files from under them. Their output
# goes to $WORK/beside.log, printed when the lane is done; the summary waits for them. Two lanes keep both CPUs busy:
# the integration targets spend much of their time waiting on Ansible's start-up of each task and on the simulator.
set -uo pipefail
make=${MAKE:-make}
work=${WORK:?WORK: set by the Makefile}
beside=()
if [ "${1:-}" = --beside ]; then
  read -r -a beside <<<"$2"
  shift 2
fi
mkdir -p "$work"
summary=$work/steps-summary
beside_log=$work/beside.log
: >"$summary"
: >"$beside_log"
started=$SECONDS

# run_step LANE TARGET [make arguments...]: run one target, print how it ended, add its line to the summary
run_step() {
  local lane=$1 target=$2 start=$SECONDS
  shift 2
  echo
  echo "=== make $target${lane:+ ($lane)}"
  if $make --no-print-directory "$target" "$@"; then
    printf '  %-16s %5d s  ok%s\n' "$target" "$((SECONDS - start))" "${lane:+  ($lane)}" >>"$summary"
    echo "=== make $target${lane:+ ($lane)}: ok, $((SECONDS - start)) s"
  else
    printf '  %-16s %5d s  FAILED%s\n' "$target" "$((SECONDS - start))" "${lane:+  ($lane)}" >>"$summary"
    echo "=== make $target${lane:+ ($lane)}: FAILED after $((SECONDS - start)) s"
    return 1
  fi
}

run_beside() {
  local target
  for target in "${beside[@]}"; do
    run_step beside "$target" STAGE_ROOT="$work/stage-beside" >>"$beside_log" 2>&1 || return 1
  done
}

finish() {
  local status=$1
  if [ -n "${beside_pid:-}" ]; then
    if [ "$status" -ne 0 ]; then
      kill -- -"$beside_pid" 2>/dev/null
    fi
    wait "$beside_pid" || status=1
    echo
    echo "=== the lane beside (${beside[*]}): its output"
    cat "$beside_log"
  fi
  echo
  echo "=== make test: time per step"
  cat "$summary"
  printf '  %-16s %5d s\n' total "$((SECONDS - started))"
  if [ "$status" -ne 0 ]; then
    echo "make test: $(grep -c FAILED "$summary") step(s) failed: $(awk '/FAILED/ {print $1}' "$summary" | xargs)" >&2
  fi
  exit "$status"
}

if [ "${#beside[@]}" -gt 0 ]; then
  set -m  # the lane in a process group of its own, so that a failure of this lane can stop all of it
  run_beside &
  beside_pid=$!
  set +m
  echo "=== make ${beside[*]}: running beside the other steps (output in $beside_log, printed at the end)"
fi

built=
for target in "$@"; do
  run_step "" "$target" ${built:+BUILT=1} || finish 1
  [ "$target" = build ] && built=1
done
finish 0
