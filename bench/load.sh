#!/usr/bin/env bash
# The load bench: Atalaya under concurrent recorded calls driven by sipp, the same level under
# monitoring, the call setup rate, and rtpengine relaying the same streams. See docs/BENCHMARKS.md.
# Usage: bench/load.sh [--levels=100,250,500,750,1000,1500] [--window=30] [--rates=25,50,100,200,300,400]
#                      [--monitor-level=N|0] [--rtpengine=false] [--out=DIR]
# Levels stop at the first with loss over 0.1 % or with calls refused (503) by admission control.
#        bench/load.sh --smoke     (about a minute: 20 calls, a 5 s window, 10 calls/s, no rtpengine;
#                                   exits 1 unless it all passed: scripts/test.sh runs it after the tests)
# Needs root for tcpdump on loopback and the socket buffer limit; installs sipp, tcpdump and
# rtpengine from Debian when missing. Results: bench/out/<time>/{report.md,results.json,plot.png}.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
source scripts/java-home.sh 2>/dev/null || true
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"

args=("$@")
if [ "${1:-}" = "--smoke" ]; then
  # --check: exit 1 unless no loss, every call completed and recorded, tones right, the rate held.
  args=(--levels=20 --window=5 --ramp=10 --rates=10 --rate-seconds=5 --monitor-level=20 --rtpengine=false --check=true
        "${@:2}")
fi

missing=()
command -v sipp >/dev/null || missing+=(sip-tester)
command -v tcpdump >/dev/null || missing+=(tcpdump)
case " ${args[*]} " in
  *" --rtpengine=false "*) ;;
  *) command -v rtpengine >/dev/null || missing+=(rtpengine-daemon) ;;
esac
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]}" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}") >&2
fi
# Receivers get 8 MiB socket buffers: the bench's own ears must not be where packets drop.
if [ "$(cat /proc/sys/net/core/rmem_max)" -lt 8388608 ]; then
  sysctl -q -w net.core.rmem_max=8388608 || echo "warning: cannot raise net.core.rmem_max" >&2
fi

./mvnw -q -o install -DskipTests 2>/dev/null || ./mvnw -q install -DskipTests
cd bench/load
../../mvnw -q -f pom.xml package -DskipTests
../../mvnw -q -f pom.xml dependency:build-classpath -Dmdep.outputFile=target/load.cp >/dev/null
cd "$root"
exec "$java_bin" -Xmx2g -cp "bench/load/target/classes:$(cat bench/load/target/load.cp)" \
  org.atalaya.bench.LoadBench "${args[@]}"
