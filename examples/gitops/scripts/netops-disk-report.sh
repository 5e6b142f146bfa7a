#!/bin/sh
# Lists the file systems used above a threshold, in percent (the script's parameter, 90 by default).
threshold="${1:-90}"
df -P | awk -v limit="$threshold" 'NR > 1 && $5 + 0 > limit { print $6 ": " $5 " used" }'
