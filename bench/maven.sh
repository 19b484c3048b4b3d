# Sourced by the benchmarks: build with Maven quietly, offline first (fast, no network), falling back to
# fetching what is missing. Maven's console library writes colour resets even in batch mode with colour off,
# so what it prints is stripped of them; it goes to standard error, apart from the figures on standard output.
plain() { sed -u -e 's/\x1b\[[0-9;]*[A-Za-z]//g'; }
maven() {
  { mvn -q -B -Dstyle.color=never -o "$@" 2>&1 | plain >&2; } \
    || { mvn -q -B -Dstyle.color=never "$@" 2>&1 | plain >&2; }
}
