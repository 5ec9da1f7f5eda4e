#!/usr/bin/env bash
# JMH microbenchmarks of the media hot path (bench/jmh), with the allocation per operation
# (-prof gc):
#   G711Bench           G.711 decode, encode and transcode of one 20 ms frame
#   ForwardBench        one RTP packet relayed through the media engine on loopback, with and
#                       without a recording tap
#   MixerBench          one 20 ms tick of a call with a listening or a barging supervisor
#   RecorderWriteBench  one 20 ms stereo frame recorded: the media loop's hand-off to the
#                       writer (offer) and the writer's SHA-256 + encrypted vault write (vaultWrite)
# Usage: bench/jmh.sh [JMH args...]   e.g. bench/jmh.sh ForwardBench -p recording=true
#        bench/jmh.sh MixerBench -p mode=BARGE
# Results: bench/jmh/target/jmh-result.json and the table on stdout.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
source scripts/java-home.sh 2>/dev/null || true
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
# atalaya-store too: RecorderWriteBench writes through its encrypting vault.
./mvnw -q -pl atalaya-media,atalaya-store -am install -DskipTests
cd bench/jmh
../../mvnw -q -f pom.xml package -DskipTests
../../mvnw -q -f pom.xml dependency:build-classpath -Dmdep.outputFile=target/jmh.cp >/dev/null
exec "$java_bin" -cp "target/classes:$(cat target/jmh.cp)" org.openjdk.jmh.Main \
  -prof gc -rf json -rff target/jmh-result.json "$@"
