#!/usr/bin/env bash
# Runs a benchmark main class of atalaya-store's tests with the test classpath.
# Usage: bench/store-bench.sh <main class> [args...]; the other scripts here call it.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"
./mvnw -q -o -pl atalaya-store -am test-compile
./mvnw -q -o -pl atalaya-store dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test >/dev/null
source scripts/java-home.sh 2>/dev/null || true
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
main="$1"
shift
exec "$java_bin" -Xmx2g -cp "atalaya-store/target/test-classes:atalaya-store/target/classes:$(cat atalaya-store/target/bench.cp)" \
  "$main" "$@"
