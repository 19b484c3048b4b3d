#!/usr/bin/env bash
# Dashboard benchmark: seeds 300 students x 4 labs x 10 submissions, each with 8 tests x 3 seeds of results,
# then 32 concurrent clients (wrk connections, in a process of their own; the in-JVM java.net.http
# generator when wrk is missing) load the TA scoreboard and students' own submission pages for 20 s and
# prints requests/s, p50 and p99 for a mixed run and for each page alone. Target: p99 under 100 ms.
# Usage: bench/dashboard.sh [students labs submissions clients seconds]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
maven() { mvn -q -B -o "$@" || mvn -q -B "$@"; }
maven -DskipTests -pl web -am install
maven -pl web test-compile
CP_FILE="$ROOT/web/target/bench-classpath.txt"
maven -pl web dependency:build-classpath -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test
CP="$ROOT/web/target/test-classes:$ROOT/web/target/classes:$(cat "$CP_FILE")"
STUDENTS="${1:-300}" LABS="${2:-4}" SUBS="${3:-10}" CLIENTS="${4:-32}" SECONDS_="${5:-20}"

if ! command -v wrk >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null 2>&1 || true
fi
if ! command -v wrk >/dev/null 2>&1; then
  echo "load generator: in the server's JVM (java.net.http; wrk is not installed, so client and server share the CPU)"
  exec java -Xmx2g -cp "$CP" faultline.web.bench.DashboardBench "$STUDENTS" "$LABS" "$SUBS" "$CLIENTS" "$SECONDS_"
fi

# The server in one JVM, wrk as a separate process: $CLIENTS connections on one wrk thread.
echo "load generator: wrk, $CLIENTS connections, ${SECONDS_}s per run, in its own process"
TARGETS="$(mktemp)"
coproc SERVER { exec java -Xmx2g -cp "$CP" faultline.web.bench.DashboardBench "$STUDENTS" "$LABS" "$SUBS" \
    "$CLIENTS" "$SECONDS_" --serve "$TARGETS"; }
origin=""
while read -r line <&"${SERVER[0]}"; do
  echo "$line"
  case "$line" in ready*) origin="${line#ready }"; break ;; esac
done
[ -n "$origin" ] || { echo "the dashboard did not start"; exit 1; }
for kind in all board page; do
  out=$(wrk -t1 -c"$CLIENTS" -d"${SECONDS_}s" --latency -s "$ROOT/bench/dashboard-wrk.lua" "$origin" -- "$TARGETS" "$kind")
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1 == "50%" {print $2}')
  p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
  errors=$(echo "$out" | awk '/Non-2xx|Socket errors/ {print}' | tr '\n' ' ')
  label=$([ "$kind" = all ] && echo "all (half scoreboard, half submission pages)" || \
      ([ "$kind" = board ] && echo "scoreboard ($STUDENTS students)" || echo "submission page"))
  printf '%-46s %8s req/s  p50 %8s  p99 %8s  %s\n' "$label" "$rps" "$p50" "$p99" "${errors:-errors 0}"
done
exec {SERVER[1]}>&-
wait "$SERVER_PID" 2>/dev/null || true
rm -f "$TARGETS"
