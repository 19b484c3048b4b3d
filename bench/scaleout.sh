#!/usr/bin/env bash
# Scale-out benchmark: grading throughput of `faultline worker` processes sharing one PostgreSQL database (1, 2
# and 3 worker processes, each with its own data folder as on separate hosts, one sandbox each), beside one
# process grading from SQLite with 1, 2 and 3 workers, printed side by side. Each run queues N copies of lab 0's
# reference (default 12) in a fresh database and lets the workers drain it; jobs/s is over the span from the
# first attempt's start to the last result, so JVM start-up is not counted. Grades in Docker when an engine
# answers (the image is built first), else in the local process sandbox, and says which.
# Needs a PostgreSQL server: -Dfaultline.postgresUrl in FAULTLINE_BENCH_OPTS, default
# jdbc:postgresql://localhost:5432/postgres?user=postgres&password=postgres (.ci/run sets that up).
# Usage: bench/scaleout.sh [N]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/maven.sh"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
N="${1:-12}"
WORK="$(mktemp -d /tmp/faultline-scaleout.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT

echo "building (the faultline distribution, and the grader's test classes for the queueing and measuring)..." >&2
./faultline --version >/dev/null
maven -DskipTests -pl grader -am test-compile dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" \
    -Dmdep.includeScope=test >&2
CP="$ROOT/grader/target/test-classes:$ROOT/grader/target/classes:$(cat "$WORK/cp.txt")"
bench() { java ${FAULTLINE_BENCH_OPTS:-} -cp "$CP" faultline.grader.cli.ScaleOutBench "$@"; }

if docker info >/dev/null 2>&1; then
  export FAULTLINE_SANDBOX=docker
  echo "sandbox: docker (an engine answers)"
  ./faultline sandbox image >/dev/null
else
  export FAULTLINE_SANDBOX=local
  echo "sandbox: local process (no Docker engine answers; NOT isolated)"
fi
echo "machine: $(nproc) cores; $N submissions of lab 0's reference per run"

# Runs one configuration: KIND (sqlite|postgresql), PROCESSES, WORKERS per process. Prints "jobs span_ms ok jobs/s".
run() {
  local kind="$1" processes="$2" per="$3" data="$WORK/$1-$2-$3" url pids=()
  mkdir -p "$data"
  url="$(bench enqueue "$kind" "$data" "$N" "$ROOT" | tail -1)"
  for p in $(seq 1 "$processes"); do
    # PostgreSQL workers each get their own data folder (as on another host): sources reach them through the
    # database. The SQLite process shares the folder its database is in.
    local folder="$data"
    [ "$kind" = postgresql ] && folder="$data/host$p"
    ./faultline worker --db "$url" --data "$folder" --workers "$per" --until-empty >"$data/worker$p.log" 2>&1 &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid" || { echo "a worker failed; see $data" >&2; cat "$data"/worker*.log >&2; }; done
  bench measure "$url"
  [ "$kind" = postgresql ] && bench drop "$url"
  return 0
}

printf '\n%-8s | %-40s | %-40s\n' "workers" "PostgreSQL, one process per worker" "SQLite, one process"
printf '%-8s | %8s %10s %8s %10s | %8s %10s %8s %10s\n' "" "graded" "span" "passed" "jobs/s" "graded" "span" "passed" "jobs/s"
for w in 1 2 3; do
  read -r pj ps pok prate <<<"$(run postgresql "$w" 1)"
  read -r sj ss sok srate <<<"$(run sqlite 1 "$w")"
  printf '%-8s | %8s %8sms %8s %10s | %8s %8sms %8s %10s\n' "$w" "$pj" "$ps" "$pok" "$prate" "$sj" "$ss" "$sok" "$srate"
done
