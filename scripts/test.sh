#!/usr/bin/env bash
# The one test command: installs the real peers the tests talk to (sipp, baresip, sox,
# espeak-ng, chromium) when they are missing, runs ./mvnw verify, then, without arguments and as
# root, the load bench's one-minute smoke (bench/load.sh --smoke: 20 recorded calls through sipp,
# monitored, 10 calls/s; it fails on loss, a failed or unrecorded call, or a wrong recording).
# ATALAYA_BENCH_SMOKE=0 skips the smoke.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
need=()
command -v sipp >/dev/null 2>&1 || need+=(sip-tester)
command -v baresip >/dev/null 2>&1 || need+=(baresip)
command -v sox >/dev/null 2>&1 || need+=(sox)
command -v espeak-ng >/dev/null 2>&1 || need+=(espeak-ng)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
if [ ${#need[@]} -gt 0 ]; then
  echo "test.sh: installing ${need[*]}" >&2
  sudo_cmd=""; [ "$(id -u)" = 0 ] || sudo_cmd=sudo
  $sudo_cmd apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -q "${need[@]}"
fi
cd "$here"
./mvnw verify "$@"
if [ $# -eq 0 ] && [ "${ATALAYA_BENCH_SMOKE:-1}" != 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    bench/load.sh --smoke --out=bench/out/smoke
  else
    # tcpdump on loopback, for the delay probes, needs root.
    echo "test.sh: load bench smoke skipped: it needs root (sudo bench/load.sh --smoke)" >&2
  fi
fi
