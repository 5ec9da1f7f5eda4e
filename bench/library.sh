#!/usr/bin/env bash
# Library search on a large tenant: seeds 1 M recordings (or N) into H2 and times searches.
# Usage: bench/library.sh [N] [jdbc-url user password]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"
./mvnw -q -o -pl atalaya-store -am test-compile
./mvnw -q -o -pl atalaya-store dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test >/dev/null
source scripts/java-home.sh 2>/dev/null || true
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
exec "$java_bin" -Xmx2g -cp "atalaya-store/target/test-classes:atalaya-store/target/classes:$(cat atalaya-store/target/bench.cp)" \
  org.atalaya.store.library.LibrarySearchBench "$@"
