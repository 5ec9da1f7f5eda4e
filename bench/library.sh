#!/usr/bin/env bash
# Library search on a large tenant: seeds 1 M recordings (or N) into H2 and times searches.
# Usage: bench/library.sh [N] [jdbc-url user password]
exec "$(dirname "$0")/store-bench.sh" org.atalaya.store.library.LibrarySearchBench "$@"
