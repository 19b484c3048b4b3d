#!/usr/bin/env bash
# Similarity benchmark: N generated pbkv submissions (default 300; the reference under seeded disguises: names
# changed, comments dropped, a fifth of the simple statements left out) stored in a fresh SQLite database, then one
# JPlag run over all of them as `faultline similarity pbkv --min 50` does it, JIT-cold like a command-line run.
# Prints the wall time of the run (target: under 60 s for 300 on this 2-core machine), split into collecting the
# submissions, parsing them, and comparing every pair and storing the result.
# Usage: bench/similarity.sh [N]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/maven.sh"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
N="${1:-300}"
WORK="$(mktemp -d /tmp/faultline-similarity.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT

echo "building (the grader and its test classes)..." >&2
maven -DskipTests -pl grader -am test-compile dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" \
    -Dmdep.includeScope=test >&2
CP="$ROOT/grader/target/test-classes:$ROOT/grader/target/classes:$(cat "$WORK/cp.txt")"
exec java ${FAULTLINE_BENCH_OPTS:-} -cp "$CP" faultline.grader.similarity.SimilarityBench "$N" "$ROOT"
