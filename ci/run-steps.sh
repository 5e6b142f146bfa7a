#!/usr/bin/env bash
# make test: run each check as its own make target, print how long each one took, then a summary.
#   ci/run-steps.sh TARGET...
# Stops at the first failing target (the summary shows which). Once `build` has passed, the later targets get
# BUILT=1, so that those which need the built collection (ecosystem, galaxy-check) use it instead of building again.
set -uo pipefail
make=${MAKE:-make}
summary=()
built=
started=$SECONDS

print_summary() {
  echo
  echo "=== make test: time per step"
  printf '%s\n' "${summary[@]}"
  printf '  %-16s %5d s\n' total "$((SECONDS - started))"
}

for target in "$@"; do
  echo
  echo "=== make $target"
  start=$SECONDS
  if $make --no-print-directory "$target" ${built:+BUILT=1}; then
    summary+=("$(printf '  %-16s %5d s  ok' "$target" "$((SECONDS - start))")")
    echo "=== make $target: ok, $((SECONDS - start)) s"
  else
    summary+=("$(printf '  %-16s %5d s  FAILED' "$target" "$((SECONDS - start))")")
    print_summary
    echo "make test: step '$target' failed" >&2
    exit 1
  fi
  [ "$target" = build ] && built=1
done
print_summary
