#!/bin/sh
# Report the file systems above the threshold (percent used).
threshold="${1:-90}"
df -P | awk -v limit="$threshold" 'NR > 1 && $5 + 0 > limit { print $6 ": " $5 }'
