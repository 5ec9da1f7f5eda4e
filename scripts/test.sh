#!/usr/bin/env bash
# The one test command: installs the real peers the tests talk to (sipp, baresip, sox,
# espeak-ng, chromium, opus-tools, faketime) when they are missing, runs ./mvnw verify, then,
# without arguments and as root, the load bench's one-minute smoke (bench/load.sh --smoke: 20
# recorded calls through sipp, monitored, 10 calls/s; it fails on loss, a failed or unrecorded
# call, or a wrong recording). ATALAYA_BENCH_SMOKE=0 skips the smoke.
#
# Every module's tests run even when an earlier module has failures (Maven would otherwise stop
# at the first failing module and never run the later ones), and the failures of all of them are
# listed at the end; the command then exits 1.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
"$here/scripts/install-peers.sh"
cd "$here"
# Reports of an earlier run must not be counted again.
rm -rf ./*/target/surefire-reports ./*/target/failsafe-reports
status=0
./mvnw verify -Dmaven.test.failure.ignore=true "$@" || status=$?
if ! scripts/test-failures.sh; then
  status=1
fi
if [ "$status" != 0 ]; then
  exit "$status"
fi
if [ $# -eq 0 ] && [ "${ATALAYA_BENCH_SMOKE:-1}" != 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    bench/load.sh --smoke --out=bench/out/smoke
  else
    # tcpdump on loopback, for the delay probes, needs root.
    echo "test.sh: load bench smoke skipped: it needs root (sudo bench/load.sh --smoke)" >&2
  fi
fi
