#!/usr/bin/env bash
# The labs' hidden suites on the reference solution, over SEEDS seeds (default 5): per lab the wall time,
# the protocol time the runs covered (simulated_ms in the simulator, live_ms over real TCP), and events.
#   bench/suites.sh [SEEDS] [LAB,LAB...]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/maven.sh"
cd "$(dirname "$0")/.."
maven -pl framework,reference-impl,skeleton-tool -am install -DskipTests
maven -pl test-suites test-compile
maven -pl test-suites dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
cp=test-suites/target/test-classes:test-suites/target/classes:$(cat test-suites/target/bench-classpath.txt)
exec java -cp "$cp" faultline.suites.SuitesBenchmark "${1:-5}" "${2:-mapreduce,pbkv,paxoskv,shardkv}"
