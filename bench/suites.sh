#!/usr/bin/env bash
# The labs' hidden suites on the reference solution, over SEEDS seeds (default 5): per lab the wall time,
# the protocol time the runs covered (simulated_ms in the simulator, live_ms over real TCP), and events.
#   bench/suites.sh [SEEDS] [LAB,LAB...]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/maven.sh"
cd "$(dirname "$0")/.."
# Built through the reactor, so nothing is installed into the local Maven repository.
maven -pl test-suites -am test-compile dependency:build-classpath -DexcludeGroupIds=dev.faultline \
  -Dmdep.outputFile="$PWD/test-suites/target/bench-classpath.txt"
cp=test-suites/target/test-classes:test-suites/target/classes:framework/target/classes:reference-impl/target/classes
cp=$cp:skeleton-tool/target/classes:$(cat test-suites/target/bench-classpath.txt)
exec java -cp "$cp" faultline.suites.SuitesBenchmark "${1:-5}" "${2:-mapreduce,pbkv,paxoskv,shardkv}"
