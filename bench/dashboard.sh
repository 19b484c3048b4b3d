#!/usr/bin/env bash
# Dashboard benchmark, before and after side by side in one run. Seeds 300 students x 4 labs x 10 submissions,
# each with 8 tests x 3 seeds of results, then 32 concurrent clients (wrk connections, in a process of their
# own) load the TA scoreboard and students' own submission pages, and it prints requests/s, p50 and p99 for a
# mixed run and for each page alone: first for the dashboard as it is at BEFORE (a git revision, default main,
# built from a copy of that revision in a temporary folder), then for this checkout. Target: p99 of the mixed
# load under 100 ms. Each server first gets an uncounted warm-up round (WARMUP_SECONDS, default 10).
# Usage: [BEFORE=REV] bench/dashboard.sh [students labs submissions clients seconds]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/maven.sh"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
STUDENTS="${1:-300}" LABS="${2:-4}" SUBS="${3:-10}" CLIENTS="${4:-32}" SECONDS_="${5:-20}"
BEFORE="${BEFORE:-main}"

if ! command -v wrk >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null 2>&1 || true
fi
command -v wrk >/dev/null 2>&1 || { echo "wrk is not installed (Debian package wrk); it is the load generator."; exit 1; }

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# Builds the web module and its test classes in folder $1 (a whole checkout), writing its class path to $2.
# `package` (not install) keeps the local Maven repository untouched, so the two builds cannot mix.
build() {
  (cd "$1" && maven -DskipTests -pl web -am package dependency:build-classpath -Dmdep.outputFile="$2" \
      -Dmdep.includeScope=test) >&2
  echo "$1/web/target/test-classes:$1/web/target/classes:$(cat "$2")"
}

echo "building the dashboard at $BEFORE ($(git rev-parse --short "$BEFORE")) in a temporary folder..."
mkdir -p "$WORK/before"
git archive "$BEFORE" | tar -x -C "$WORK/before"
[ -d "$ROOT/.mvn" ] && cp -r "$ROOT/.mvn" "$WORK/before/"
CP_BEFORE="$(build "$WORK/before" "$WORK/before-cp.txt")"
echo "building this checkout ($(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . || echo ', with changes'))..."
CP_AFTER="$(build "$ROOT" "$WORK/after-cp.txt")"

# Serves one build's dashboard over freshly seeded data and loads it with wrk: prints "KIND RPS P50 P99 ERRORS".
measure() {
  local cp="$1" targets="$WORK/targets-$2"
  coproc SERVER { exec java -Xmx2g -cp "$cp" faultline.web.bench.DashboardBench "$STUDENTS" "$LABS" "$SUBS" \
      "$CLIENTS" "$SECONDS_" --serve "$targets"; }
  local origin="" line
  while read -r line <&"${SERVER[0]}"; do
    echo "  $2: $line" >&2
    case "$line" in ready*) origin="${line#ready }"; break ;; esac
  done
  [ -n "$origin" ] || { echo "the $2 dashboard did not start" >&2; exit 1; }
  # A warm-up round, not counted: the figures are of a server that has run a while (JIT-compiled, caches
  # filled), not of its first seconds, which both builds pay once per start.
  wrk -t1 -c"$CLIENTS" -d"${WARMUP_SECONDS:-10}s" -s "$ROOT/bench/dashboard-wrk.lua" "$origin" -- "$targets" all >/dev/null
  for kind in all board page; do
    local out
    out=$(wrk -t1 -c"$CLIENTS" -d"${SECONDS_}s" --latency -s "$ROOT/bench/dashboard-wrk.lua" "$origin" -- \
        "$targets" "$kind")
    echo "$kind $(echo "$out" | awk '/Requests\/sec/ {print $2}') $(echo "$out" | awk '$1 == "50%" {print $2}') \
$(echo "$out" | awk '$1 == "99%" {print $2}') $(echo "$out" | awk '/Non-2xx/ {n += $NF} /Socket errors/ {n += 1} END {print n + 0}')"
  done
  exec {SERVER[1]}>&-
  wait "$SERVER_PID" 2>/dev/null || true
}

echo "load: wrk, $CLIENTS connections, ${SECONDS_}s per run, in its own process; $STUDENTS students x $LABS labs x $SUBS submissions"
BEFORE_FIGURES="$(measure "$CP_BEFORE" before)"
AFTER_FIGURES="$(measure "$CP_AFTER" after)"

printf '\n%-48s | %-34s | %-34s\n' "" "before ($BEFORE)" "after (this checkout)"
printf '%-48s | %9s %11s %11s | %9s %11s %11s\n' "load" "req/s" "p50" "p99" "req/s" "p50" "p99"
for kind in all board page; do
  read -r _ b_rps b_p50 b_p99 b_err <<<"$(echo "$BEFORE_FIGURES" | awk -v k="$kind" '$1 == k')"
  read -r _ a_rps a_p50 a_p99 a_err <<<"$(echo "$AFTER_FIGURES" | awk -v k="$kind" '$1 == k')"
  label=$([ "$kind" = all ] && echo "mixed (half scoreboard, half submission pages)" || \
      ([ "$kind" = board ] && echo "scoreboard ($STUDENTS students)" || echo "submission page"))
  printf '%-48s | %9s %11s %11s | %9s %11s %11s\n' "$label" "$b_rps" "$b_p50" "$b_p99" "$a_rps" "$a_p50" "$a_p99"
  [ "$b_err$a_err" = "00" ] || echo "  errors: before $b_err, after $a_err (non-2xx answers or socket errors)"
done
