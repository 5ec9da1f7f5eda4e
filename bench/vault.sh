#!/usr/bin/env bash
# The cost of the recording vault: encrypted vs clear recorder writes, Range reads from the
# middle of encrypted recordings, recovery of an interrupted hour. Usage: bench/vault.sh [recordings] [seconds]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"
./mvnw -q -o -pl atalaya-store -am test-compile
./mvnw -q -o -pl atalaya-store dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test >/dev/null
source scripts/java-home.sh 2>/dev/null || true
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
exec "$java_bin" -Xmx2g -cp "atalaya-store/target/test-classes:atalaya-store/target/classes:$(cat atalaya-store/target/bench.cp)" \
  org.atalaya.store.vault.VaultBench "${1:-500}" "${2:-60}"
