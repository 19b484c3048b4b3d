#!/usr/bin/env bash
# The labs' hidden suites on the reference solution, over SEEDS seeds (default 5): per lab the wall time,
# the protocol time the runs covered (simulated_ms in the simulator, live_ms over real TCP), and events.
#   bench/suites.sh [SEEDS] [LAB,LAB...]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -Dstyle.color=never -o -pl framework,reference-impl,skeleton-tool -am install -DskipTests >/dev/null
mvn -q -B -Dstyle.color=never -o -pl test-suites test-compile >/dev/null
mvn -q -B -Dstyle.color=never -o -pl test-suites dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
cp=test-suites/target/test-classes:test-suites/target/classes:$(cat test-suites/target/bench-classpath.txt)
exec java -cp "$cp" faultline.suites.SuitesBenchmark "${1:-5}" "${2:-mapreduce,pbkv,paxoskv,shardkv}"
