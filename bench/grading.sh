#!/usr/bin/env bash
# Grading benchmark: the fixed cost per submission (sandbox start, JVM start, compile, API check,
# copy-out, cleanup: read from each run's recorded phases) apart from test time, and the throughput of
# a batch of 40 submissions with 1 and with 2 workers. Uses Docker when an engine answers, else the
# local process sandbox, and says which. Usage: bench/grading.sh [submissions, default 40] [BEFORE]
# With BEFORE, a built checkout of another version (its ./faultline has run once), the overhead is measured
# for both side by side in one run, grading alternately with each, so that machine load hits both alike.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N="${1:-40}"
BEFORE="${2:-}"
WORK="$(mktemp -d /tmp/faultline-bench.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT

if docker info >/dev/null 2>&1; then
  export FAULTLINE_SANDBOX=docker
  echo "sandbox: docker (an engine answers)"
  "$ROOT/faultline" sandbox image
else
  export FAULTLINE_SANDBOX=local
  echo "sandbox: local process (no Docker engine answers; NOT isolated)"
fi

# N copies of the reference pingpong, each a little different so none is stored twice.
mkdir -p "$WORK/handins"
for i in $(seq 1 "$N"); do
  d="$WORK/handins/student$i/faultline/labs/pingpong"
  mkdir -p "$d"
  cp "$ROOT"/reference-impl/src/main/java/faultline/labs/pingpong/*.java "$d/"
  echo "// copy $i" >> "$d/PingServer.java"
done

# Warm-up and overhead: grade one submission to warm up, then 3 one by one, and read their phases back.
# With BEFORE, each round grades with both versions, alternating which goes first.
grade_with() { # ROOT DATA SUBMISSION
  FAULTLINE_HOME="$1" "$1/faultline" grade --data "$2" pingpong "$3" >/dev/null || true
}
overhead() { # LABEL DATA
  echo "$1"
  sqlite3 -separator ' ' "$2/faultline.db" "
  WITH p AS (
    SELECT elapsed_ms,
           COALESCE(json_extract(phases, '$.create'), 0) + COALESCE(json_extract(phases, '$.start'), 0) AS sandbox_start,
           COALESCE(json_extract(phases, '$.run'), 0) AS run,
           COALESCE(json_extract(phases, '$.compile'), 0) AS compile,
           COALESCE(json_extract(phases, '$.check'), 0) AS api_check,
           COALESCE(json_extract(phases, '$.tests'), 0) AS tests,
           COALESCE(json_extract(phases, '\$.\"copy-out\"'), 0) AS copy_out,
           COALESCE(json_extract(phases, '$.cleanup'), 0) AS cleanup
    FROM runs WHERE is_final = 1 AND id > 1)
  SELECT printf('  sandbox start %6.0f%s  jvm start %6.0f%s  compile %6.0f%s  api check %5.0f%s  copy-out %5.0f%s  cleanup %5.0f',
                AVG(sandbox_start), char(10), AVG(run - compile - api_check - tests), char(10), AVG(compile), char(10),
                AVG(api_check), char(10), AVG(copy_out), char(10), AVG(cleanup)),
         printf('%s  = overhead %6.0f ms per submission, apart from test time %6.0f ms (whole run %6.0f ms)',
                char(10), AVG(elapsed_ms - tests), AVG(tests), AVG(elapsed_ms))
  FROM p;"
}
grade_with "$ROOT" "$WORK/one" "$WORK/handins/student1"
if [[ -n "$BEFORE" ]]; then grade_with "$BEFORE" "$WORK/before" "$WORK/handins/student1"; fi
for i in 2 3 4; do
  if [[ -n "$BEFORE" && $((i % 2)) -eq 0 ]]; then
    grade_with "$BEFORE" "$WORK/before" "$WORK/handins/student$i"
    grade_with "$ROOT" "$WORK/one" "$WORK/handins/student$i"
  else
    grade_with "$ROOT" "$WORK/one" "$WORK/handins/student$i"
    if [[ -n "$BEFORE" ]]; then grade_with "$BEFORE" "$WORK/before" "$WORK/handins/student$i"; fi
  fi
done
echo
if [[ -n "$BEFORE" ]]; then
  overhead "Fixed overhead per submission, BEFORE ($BEFORE; mean of 3 runs after one warm-up, ms):" "$WORK/before"
  echo
fi
overhead "Fixed overhead per submission (mean of 3 runs after one warm-up, ms):" "$WORK/one"
echo
echo "Throughput, batch of $N submissions:"
for workers in 1 2; do
  start=$(date +%s.%N)
  "$ROOT/faultline" batch --data "$WORK/batch$workers" --workers "$workers" --no-progress pingpong "$WORK/handins" >"$WORK/batch$workers.log" 2>&1 || true
  end=$(date +%s.%N)
  graded=$(sqlite3 "$WORK/batch$workers/faultline.db" "SELECT COUNT(*) FROM grading_jobs WHERE state = 'DONE'")
  python3 -c "import sys; s=float(sys.argv[2])-float(sys.argv[1]); n=int(sys.argv[3]); print(f'  {sys.argv[4]} worker(s): {n} graded in {s:6.1f} s = {60*n/s:5.1f} per minute (CLI start included)')" "$start" "$end" "$graded" "$workers"
done
