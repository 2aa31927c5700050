#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 60) on the stable toolchain.
#   fuzz/run.sh [SECONDS] [TARGET...]
# Installs cargo-fuzz if missing. Without a nightly toolchain, targets are built with
# `-s none` (no sanitizer: Rust's own checks still catch panics, overflows in debug
# assertions and out-of-bounds accesses). Set FUZZ_ASAN=1 to build with AddressSanitizer
# through RUSTC_BOOTSTRAP=1 instead.
# Seeds come from fuzz/corpus/<target>/ (committed); new inputs found go to
# fuzz/corpus-new/<target>/ (not committed) so the committed seeds stay small.
# Crashes land in fuzz/artifacts/<target>/ and fail the run. Each target's libFuzzer log is
# kept in fuzz/logs/<target>.log (not committed); one summary line per target is printed:
# executions, coverage (cov: edges, ft: features), corpus size, crashes.
# To turn a crash into a regression test: copy the artifact to
# tests/data/fuzz-regressions/<target>/ (tests/attacks/fuzz_regressions.rs replays every file there).
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
mkdir -p logs
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t" "corpus-new/$t"
  log="logs/$t.log"
  status=ok
  if ! cargo fuzz run "${san[@]}" -O "$t" "corpus-new/$t" "corpus/$t" -- \
      -max_total_time="$secs" -rss_limit_mb=2048 -max_len=65536 -timeout=10 \
      -print_final_stats=1 >"$log" 2>&1; then
    failed=1
    status=CRASH
  fi
  execs="$(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}' | tail -1)"
  last="$(grep -E '^#[0-9]+' "$log" | grep -E 'cov:' | tail -1)"
  cov="$(sed -nE 's/.*cov: ([0-9]+).*/\1/p' <<<"$last")"
  ft="$(sed -nE 's/.*ft: ([0-9]+).*/\1/p' <<<"$last")"
  corp="$(sed -nE 's/.*corp: ([0-9]+).*/\1/p' <<<"$last")"
  printf '%-14s %4ss  execs=%-10s cov=%-6s ft=%-6s corp=%-6s %s\n' \
    "$t" "$secs" "${execs:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "$status"
  if [ "$status" != ok ]; then
    grep -E 'panicked|SUMMARY|Test unit written|ERROR' "$log" | head -8 || true
  fi
done
if [ "$failed" != 0 ]; then
  echo "fuzz: a target crashed (see fuzz/artifacts/)"
  exit 1
fi
echo "fuzz: ${#targets[@]} targets, ${secs}s each, no crash"
