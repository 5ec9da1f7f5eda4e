#!/usr/bin/env bash
# The cost of the recording vault: encrypted vs clear recorder writes, Range reads from the
# middle of encrypted recordings, recovery of an interrupted hour. Usage: bench/vault.sh [recordings] [seconds]
exec "$(dirname "$0")/store-bench.sh" org.atalaya.store.vault.VaultBench "${1:-500}" "${2:-60}"
