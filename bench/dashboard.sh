#!/usr/bin/env bash
# Dashboard benchmark: seeds 300 students x 4 labs x 10 submissions, each with 8 tests x 3 seeds of results,
# then 32 concurrent clients load the TA scoreboard and students' own submission pages for 20 s (a Java
# load generator on java.net.http) and it prints requests/s, p50 and p99. Target: p99 under 100 ms.
# Usage: bench/dashboard.sh [students labs submissions clients seconds]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
maven() { mvn -q -B -o "$@" || mvn -q -B "$@"; }
maven -DskipTests -pl web -am install
maven -pl web test-compile
CP_FILE="$ROOT/web/target/bench-classpath.txt"
maven -pl web dependency:build-classpath -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test
exec java -Xmx2g -cp "$ROOT/web/target/test-classes:$ROOT/web/target/classes:$(cat "$CP_FILE")" \
  faultline.web.bench.DashboardBench "${1:-300}" "${2:-4}" "${3:-10}" "${4:-32}" "${5:-20}"
