#!/usr/bin/env bash
# The search over Lab 2's space (pbkv, seed 1, a fixed depth so every run explores the same states):
# states and transitions per second on one core (per second of the search thread's CPU, of the process's CPU with
# garbage collection, and of wall time), bytes per visited state (fingerprints only), peak frontier, time to
# exhaust the space to DEPTH (the same number of states on every run). A large young generation keeps the
# breadth-first frontier's garbage cheap.
#   bench/search.sh [DEPTH] [ROUNDS]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/maven.sh"
cd "$(dirname "$0")/.."
maven -pl framework,reference-impl,skeleton-tool -am install -DskipTests
maven -pl test-suites test-compile
maven -pl test-suites dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
cp=test-suites/target/test-classes:test-suites/target/classes:$(cat test-suites/target/bench-classpath.txt)
one_core=()
if command -v taskset >/dev/null; then one_core=(taskset -c 0); fi
exec "${one_core[@]}" java -XX:ActiveProcessorCount=1 -Xmx2g -Xmn1200m -cp "$cp" faultline.suites.pbkv.PbkvSearchBenchmark "${1:-9}" "${2:-5}"
