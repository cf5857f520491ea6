#!/usr/bin/env bash
# Runs every input of a target's corpus (or the files given) once, with LeakSanitizer on:
# Fuzz/replay.sh zip|xml|solution|flowjson [FILE...]. Exits non-zero on a crash or a leak.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: Fuzz/replay.sh zip|xml|solution|flowjson [FILE...]}
shift
binary=Fuzz/.build/fuzz-$target
if (($# == 0)); then
  set -- $(find "Fuzz/.corpus/$target" "Fuzz/.corpus/seed-$target" -type f | sort)
fi
echo "replaying $# inputs through $binary with leak detection"
# Batches keep the command line short; leaks are reported at each batch's exit.
log=$(mktemp)
status=0
printf '%s\0' "$@" | xargs -0 -n 500 nice -n 10 "$binary" -detect_leaks=1 -timeout=10 \
  -rss_limit_mb=2048 >"$log" 2>&1 || status=$?
echo "executed: $(grep -c '^Executed ' "$log") inputs"
grep -E "ERROR|SUMMARY|leak|crash|Timeout" "$log" || echo "no crash, leak or timeout"
rm -f "$log"
exit "$status"
