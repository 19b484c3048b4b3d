#!/usr/bin/env bash
# Builds every lab's handout, unpacks each in an empty folder and runs "mvn -o test" there: the public
# tests must fail on the skeleton and pass with the reference sources in its place. About 40 s a lab.
# mvn verify runs the same check for pingpong only (skeleton-tool's HandoutOfflineTest).
#   bench/handouts.sh [LAB,LAB,...]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/maven.sh"
cd "$(dirname "$0")/.."
labs=${1:-pingpong,mapreduce,pbkv,paxoskv,shardkv}
maven -pl skeleton-tool -am install -DskipTests
start=$(date +%s)
maven -pl skeleton-tool surefire:test -Dtest=HandoutOfflineTest -Dfaultline.handout.labs="$labs"
echo "handouts_checked=$labs seconds=$(( $(date +%s) - start ))"
