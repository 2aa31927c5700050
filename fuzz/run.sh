#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 60) on the stable toolchain.
#   fuzz/run.sh [SECONDS] [TARGET...]
# Installs cargo-fuzz if missing. Without a nightly toolchain, targets are built with
# `-s none` (no sanitizer: Rust's own checks still catch panics, overflows in debug
# assertions and out-of-bounds accesses). Set FUZZ_ASAN=1 to build with AddressSanitizer
# through RUSTC_BOOTSTRAP=1 instead.
# Seeds come from fuzz/corpus/<target>/ (committed); new inputs found go to
# fuzz/corpus-new/<target>/ (not committed) so the committed seeds stay small.
# Crashes land in fuzz/artifacts/<target>/ and fail the run.
set -euo pipefail
cd "$(dirname "$0")"
secs="${1:-60}"
shift || true

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "installing cargo-fuzz"
  cargo install cargo-fuzz --locked
fi

if [ "${FUZZ_ASAN:-0}" = 1 ]; then
  export RUSTC_BOOTSTRAP=1
  san=(-s address)
else
  san=(-s none)
fi

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(cargo fuzz list)
fi

cargo fuzz build "${san[@]}" -O

failed=0
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t" "corpus-new/$t"
  echo "=== fuzz $t for ${secs}s"
  log="$(mktemp)"
  if cargo fuzz run "${san[@]}" -O "$t" "corpus-new/$t" "corpus/$t" -- \
      -max_total_time="$secs" -rss_limit_mb=2048 -max_len=65536 -timeout=10 \
      -print_final_stats=1 >"$log" 2>&1; then
    grep -E '^stat::number_of_executed_units|^#[0-9]+.*DONE|cov:' "$log" | tail -2 || true
  else
    failed=1
    echo "!!! $t failed:"
    tail -40 "$log"
  fi
  rm -f "$log"
done
if [ "$failed" != 0 ]; then
  echo "fuzz: a target crashed (see fuzz/artifacts/)"
  exit 1
fi
echo "fuzz: ${#targets[@]} targets, ${secs}s each, no crash"
