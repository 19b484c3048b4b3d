#!/usr/bin/env bash
# Checks every history of the Porcupine corpus (shared/benchmarks/porcupine) with Faultline's linearizability
# checker and prints one line per file, verdict agreement, and checking times (cold first pass, then warm).
# Usage: bench/linearizability.sh [corpus-dir]
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
corpus="${1:-$repo/../shared/benchmarks/porcupine}"
cd "$repo"
# Offline first (the usual case here); fall back to fetching plugins if this machine has never built the project.
mvn -q -o -pl framework -am compile >&2 || mvn -q -pl framework -am compile >&2
exec java -cp framework/target/classes faultline.testkit.lincheck.formats.PorcupineBenchmark "$corpus"
