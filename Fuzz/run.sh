#!/usr/bin/env bash
# Runs one fuzz target for SECONDS (or until RUNS executions, when given), niced, one
# process: Fuzz/run.sh zip|xml|solution|flowjson SECONDS [RUNS]
# Leak checks are off while fuzzing (LeakSanitizer's scans after every input whose
# mallocs and frees do not pair up took 60 % of the time); Fuzz/replay.sh runs the
# whole corpus once with them on. LEAKS=1 turns them on here too.
# The working corpus grows in Fuzz/.corpus/<target>/ (seeded from seed-<target>/ by
# seeds.sh); crashes, timeouts and leaks land in Fuzz/.artifacts/<target>/.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: Fuzz/run.sh zip|xml|solution|flowjson SECONDS}
seconds=${2:?usage: Fuzz/run.sh zip|xml|solution|flowjson SECONDS}
binary=Fuzz/.build/fuzz-$target
[ -x "$binary" ] || { echo "$binary missing: run Fuzz/build.sh" >&2; exit 1; }
[ -d "Fuzz/.corpus/seed-$target" ] || { echo "no seeds: run Fuzz/seeds.sh" >&2; exit 1; }
corpus=Fuzz/.corpus/$target
artifacts=Fuzz/.artifacts/$target/
mkdir -p "$corpus" "$artifacts"
options=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536
  -print_final_stats=1 -artifact_prefix="$artifacts" -detect_leaks="${LEAKS:-0}")
[ "$target" = xml ] && options+=(-dict=Fuzz/xml.dict)
[ -n "${3:-}" ] && options+=(-runs="$3")
exec nice -n 10 "$binary" "${options[@]}" "$corpus" "Fuzz/.corpus/seed-$target"
