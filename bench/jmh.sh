#!/usr/bin/env bash
# JMH microbenchmarks of the media hot path (bench/jmh): G.711 per frame, and one RTP packet
# relayed through the media engine on loopback, with and without a recording tap, with the
# allocation per operation (-prof gc).
# Usage: bench/jmh.sh [JMH args...]   e.g. bench/jmh.sh ForwardBench -p recording=true
# Results: bench/jmh/target/jmh-result.json and the table on stdout.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
source scripts/java-home.sh 2>/dev/null || true
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
./mvnw -q -pl atalaya-media -am install -DskipTests
cd bench/jmh
../../mvnw -q -f pom.xml package -DskipTests
../../mvnw -q -f pom.xml dependency:build-classpath -Dmdep.outputFile=target/jmh.cp >/dev/null
exec "$java_bin" -cp "target/classes:$(cat target/jmh.cp)" org.openjdk.jmh.Main \
  -prof gc -rf json -rff target/jmh-result.json "$@"
