#!/usr/bin/env bash
# The one test command: installs the real peers the tests talk to (sipp, baresip, sox,
# espeak-ng, chromium) when they are missing, then runs ./mvnw verify.
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
exec ./mvnw verify "$@"
