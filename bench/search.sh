#!/usr/bin/env bash
# The search over Lab 2's space (pbkv, seed 1, a fixed depth so every run explores the same states): the depth
# reached, states and transitions per second on one core (per second of the search thread's CPU, of the process's
# CPU with garbage collection, and of wall time), bytes per visited state (fingerprints only), peak frontier, peak
# heap and time to exhaust the space to DEPTH (the same number of states on every run). It runs in the grader
# sandbox's heap (60% of its 768 MB, serial collector), so the figures say whether such a search fits there;
# depth first keeps only the path being explored, breadth first a whole level of states.
#   bench/search.sh [DEPTH] [ROUNDS] [depth|breadth]      (defaults: 12 1 depth)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/maven.sh"
cd "$(dirname "$0")/.."
# Built through the reactor, so nothing is installed into the local Maven repository.
maven -pl test-suites -am test-compile dependency:build-classpath -DexcludeGroupIds=dev.faultline \
  -Dmdep.outputFile="$PWD/test-suites/target/bench-classpath.txt"
cp=test-suites/target/test-classes:test-suites/target/classes:framework/target/classes:reference-impl/target/classes
cp=$cp:skeleton-tool/target/classes:$(cat test-suites/target/bench-classpath.txt)
one_core=()
if command -v taskset >/dev/null; then one_core=(taskset -c 0); fi
exec "${one_core[@]}" java -XX:ActiveProcessorCount=1 -Xmx460m -XX:+UseSerialGC -cp "$cp" \
  faultline.suites.pbkv.PbkvSearchBenchmark "${1:-12}" "${2:-1}" "${3:-depth}"
