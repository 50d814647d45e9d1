#!/usr/bin/env bash
# Builds the config fuzzer (libFuzzer) and runs it for SECONDS (default 600).
# Usage: fuzz/run.sh [SECONDS], or RUNS=N fuzz/run.sh for a fixed number of inputs with a
# fixed seed (as CI does: the same work whatever the machine's speed). Findings (crashes, timeouts, memory blow-ups) are written to
# .build-fuzz/findings/; the growing corpus is kept in .build-fuzz/corpus/ between runs.
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-600}"
scratch=../.build-fuzz
swift build -c release --scratch-path "$scratch"
mkdir -p "$scratch/corpus" "$scratch/findings"
fixtures=../Tests/LossmapConfigTests/Fixtures
# SWIFT_BACKTRACE=enable=no: let libFuzzer, not Swift's backtracer, catch a trap and save the input.
SWIFT_BACKTRACE=enable=no "$scratch/release/ConfigFuzzer" \
    "$scratch/corpus" ../config "$fixtures/invalid" "$fixtures/valid" "$fixtures/valid-documents" \
    -dict=toml.dict -max_len=8192 -timeout=5 -rss_limit_mb=2048 \
    $( [ -n "${RUNS:-}" ] && echo "-runs=$RUNS -seed=1" || echo "-max_total_time=$seconds" ) -print_final_stats=1 \
    -artifact_prefix="$scratch/findings/"
