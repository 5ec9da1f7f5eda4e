#!/usr/bin/env bash
# Installs, from Debian's packages, the real peers the tests talk to when they are missing: sipp,
# baresip, sox, espeak-ng, chromium, opus-tools, and faketime (for scripts/test-any-date.sh).
set -euo pipefail
need=()
command -v sipp >/dev/null 2>&1 || need+=(sip-tester)
command -v baresip >/dev/null 2>&1 || need+=(baresip)
command -v sox >/dev/null 2>&1 || need+=(sox)
command -v espeak-ng >/dev/null 2>&1 || need+=(espeak-ng)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
{ command -v opusinfo >/dev/null 2>&1 && command -v opusdec >/dev/null 2>&1; } || need+=(opus-tools)
command -v faketime >/dev/null 2>&1 || need+=(faketime)
if [ ${#need[@]} -gt 0 ]; then
  echo "install-peers: installing ${need[*]}" >&2
  sudo_cmd=""; [ "$(id -u)" = 0 ] || sudo_cmd=sudo
  $sudo_cmd apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -q "${need[@]}"
fi
