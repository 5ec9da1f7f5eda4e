#!/usr/bin/env bash
# Proof that the suite never depends on the date: runs the whole of scripts/test.sh (every
# module's tests, no load bench) under libfaketime (Debian's faketime), first 400 days from now,
# then at 00:00:30 UTC on 1 January of next year. Each run takes as long as the normal suite.
#   scripts/test-any-date.sh            both dates
#   scripts/test-any-date.sh +400d      one relative offset
#   scripts/test-any-date.sh '@2027-01-01 00:00:30'   one absolute start (the clock then runs on)
# The monotonic clocks are faked too, by the same offset, so durations are as on any day: left
# alone (FAKETIME_DONT_FAKE_MONOTONIC=1), libfaketime 0.9.10 made every timed wait of the JVM return
# at once (20 waits of 100 ms took 0 ms), so its housekeeping threads spun on both cores and every
# timeout in the tests fired early; Chromium hung at start for the same reason. Every process of
# the suite, the browser and the SIP peers included, now sees the same faked day.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"
# Peers and Maven's dependencies first, at the real date (the faked runs are offline): apt refuses release files "not valid
# yet" under a clock in the future.
scripts/install-peers.sh
./mvnw -q -DskipTests package >/dev/null
lib=$(find /usr/lib -name 'libfaketimeMT.so.1' -path '*faketime*' | head -1)
if [ -z "$lib" ]; then
  echo "test-any-date: libfaketime not found (apt-get install faketime)" >&2
  exit 2
fi
if [ $# -gt 0 ]; then
  dates=("$@")
else
  dates=("+400d" "@$(( $(date -u +%Y) + 1 ))-01-01 00:00:30")
fi
failed=()
for d in "${dates[@]}"; do
  echo "test-any-date: the whole suite at FAKETIME='$d' (UTC)" >&2
  if ! env TZ=UTC LD_PRELOAD="$lib" FAKETIME="$d" FAKETIME_DONT_FAKE_MONOTONIC=0 FAKETIME_DONT_RESET=1 \
      ATALAYA_BENCH_SMOKE=0 scripts/test.sh -o; then
    failed+=("$d")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "test-any-date: FAILED at ${failed[*]}" >&2
  exit 1
fi
echo "test-any-date: passed at ${dates[*]}" >&2
