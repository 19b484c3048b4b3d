#!/usr/bin/env bash
# Checks every history of the Porcupine corpus (shared/benchmarks/porcupine) with Faultline's linearizability
# checker and prints one line per file, verdict agreement, and checking times (cold first pass, then warm).
# Usage: bench/linearizability.sh [corpus-dir]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/maven.sh"
repo="$(cd "$(dirname "$0")/.." && pwd)"
corpus="${1:-$repo/../shared/benchmarks/porcupine}"
cd "$repo"
maven -pl framework -am compile
exec java -cp framework/target/classes faultline.testkit.lincheck.formats.PorcupineBenchmark "$corpus"
