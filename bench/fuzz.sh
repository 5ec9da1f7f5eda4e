#!/usr/bin/env bash
# The fuzz campaign: a node of its own (its own JVM) on loopback, a seed's SIP cases over UDP and
# TCP, RTP/RTCP cases at live calls, real recorded calls all along, then the oracle and the
# figures. See docs/SECURITY.md, "Fuzz campaign". Traffic goes to 127.0.0.0/8 only.
# Usage: bench/fuzz.sh [--seed=1] [--cases=10000] [--seconds=900] [--rate=150] [--rtp-rate=40] [--out=DIR]
#        bench/fuzz.sh --seed=S --show=N        prints SIP case N of seed S (a reproducer)
#        bench/fuzz.sh --seed=S --replay=N,M    sends only those cases to a fresh node, with the oracle
# Exits 0 when the oracle passed, 1 when it did not. Report: bench/out/fuzz-<time>/report.md.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
source scripts/java-home.sh
if ! command -v sipp >/dev/null; then
  echo "installing sip-tester (sipp)" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sip-tester) >&2
fi
# The campaign lives in atalaya-app's test sources (FuzzSliceE2ETest runs a minute of it in the
# suite): compile them with what they need, and run on the test class path.
build=(-q -pl atalaya-app -am test-compile dependency:build-classpath -Dmdep.includeScope=test
       -Dmdep.outputFile=target/fuzz.cp)
./mvnw -o "${build[@]}" >&2 2>/dev/null || ./mvnw "${build[@]}" >&2
cp="$root/atalaya-app/target/test-classes:$root/atalaya-app/target/classes:$(cat atalaya-app/target/fuzz.cp)"
exec "$JAVA_HOME/bin/java" -Xmx1g -cp "$cp" org.atalaya.app.e2e.FuzzCampaign "$@"
