#!/usr/bin/env bash
# Simulator throughput and determinism on a fixed seeded scenario (7 nodes, loss, duplicates,
# delays with a long tail, a partition, a crash and a restart).
#   bench/sim.sh [SEED] [SIMULATED_MS]
# Prints events_per_sec (tracing off), traced_events_per_sec, tracing_cost and trace_digest.
# The same seed prints the same digest on every run; another seed prints another.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/maven.sh"
cd "$(dirname "$0")/.."
maven -pl framework -am test-compile -Dmaven.test.skip.exec=true
maven -pl framework dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
cp=framework/target/classes:framework/target/test-classes:$(cat framework/target/bench-classpath.txt)
# One core, as the target says: the simulator is single-threaded; keep the JIT and GC off the other.
exec taskset -c 0 java -XX:+UseSerialGC -XX:CICompilerCount=2 -Xms1g -Xmx1g -cp "$cp" faultline.framework.sim.SimBenchmark "${1:-42}" "${2:-300000}"
