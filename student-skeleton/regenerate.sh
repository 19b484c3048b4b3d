#!/usr/bin/env bash
# Regenerates the student skeleton (student-skeleton/src/main/java) from the reference labs
# (reference-impl/src/main/java) by cutting their SOLUTION regions. Review the diff and commit it;
# the build fails while the committed skeleton differs from what this writes.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B ${MAVEN_OFFLINE:--o} -pl skeleton-tool -am compile
exec java -cp skeleton-tool/target/classes faultline.skeleton.SkeletonMain generate \
    reference-impl/src/main/java student-skeleton/src/main/java
