#!/usr/bin/env python3
"""The hot code of one criterion benchmark, from callgrind (BENCHMARKS.md, "Code footprint of the small rows").

Counts, per operation of the measured loop, the instructions, the simulated L1i misses and
the code it runs on every iteration: how many distinct 64-byte cache lines that is, and how
they fall into the sets of a 32 KiB 8-way L1i (64 sets; more than 8 lines in one set means
conflict misses on every iteration). Instruction counts and lines are the same on every run
of the same binary, whatever else the machine does; they tell a smaller hot path from a
larger one where timings of a few microseconds scatter by 15 %.

usage: footprint.py BENCH_BINARY 'BENCH_ID' 'CALLEE' [TOP]

BENCH_ID is the exact criterion id (a regex, anchored here); CALLEE a regex naming the
function the benchmark's closure calls once per iteration (its call count is the number of
iterations), e.g. 'encrypt_compact$'. TOP (default 0) lists the functions with most lines.

example:
  python3 benches/footprint.py target/release/deps/jose-HASH \\
      'jwe/A256KW\\+A256CBC-HS512/encrypt/200' 'encrypt_compact$' 20
"""
import collections
import os
import re
import subprocess
import sys
import tempfile


def profile(binary, bench_id):
    out = tempfile.NamedTemporaryFile(prefix="footprint.", delete=False).name
    subprocess.run(
        ["valgrind", "--tool=callgrind", "--dump-instr=yes", "--compress-pos=no",
         "--compress-strings=no", "--cache-sim=yes",
         "--toggle-collect=criterion::bencher::Bencher<M>::iter",
         f"--callgrind-out-file={out}", binary, "--bench", f"^{bench_id}$",
         "--profile-time", "2"],
        check=True, capture_output=True)
    return out


def parse(path):
    """Self cost per (object, address), the function of each, calls per callee, totals."""
    ob = fn = cfn = None
    skip = False
    cost, fn_of, calls = collections.Counter(), {}, collections.Counter()
    summary = {}
    events = []
    for line in open(path):
        if skip:  # the inclusive cost line after `calls=`
            skip = False
            continue
        if line.startswith("events:"):
            events = line.split()[1:]
        elif line.startswith("summary:"):
            summary = dict(zip(events, map(int, line.split()[1:])))
        elif line.startswith("ob="):
            ob = line[3:].strip()
        elif line.startswith("fn="):
            fn = line[3:].strip()
        elif line.startswith("cfn="):
            cfn = line[4:].strip()
        elif line.startswith("calls="):
            calls[cfn] += int(line.split("=")[1].split()[0])
            skip = True
        elif line.startswith("0x"):
            parts = line.split()
            cost[(ob, int(parts[0], 16))] += int(parts[2])
            fn_of[(ob, int(parts[0], 16))] = fn
    return cost, fn_of, calls, summary


def main():
    if len(sys.argv) not in (4, 5):
        sys.exit(__doc__)
    binary, bench_id, callee = sys.argv[1:4]
    top = int(sys.argv[4]) if len(sys.argv) > 4 else 0
    out = profile(binary, bench_id)
    try:
        cost, fn_of, calls, summary = parse(out)
    finally:
        os.unlink(out)
    iters = max((n for f, n in calls.items() if re.search(callee, f)), default=0)
    if iters == 0:
        sys.exit(f"no call of {callee!r} inside the measured loop")
    # Run on (nearly) every iteration: the working set of code.
    hot = [k for k, n in cost.items() if n >= 0.9 * iters]
    lines = {(ob, a >> 6) for ob, a in hot}
    per_set = collections.Counter(line & 63 for _, line in lines)
    print(f"{bench_id}: {iters} iterations")
    print(f"  instructions/op {summary.get('Ir', 0) / iters:,.0f}, "
          f"L1i misses/op {summary.get('I1mr', 0) / iters:.1f}")
    print(f"  hot code: {len(lines)} lines ({len(lines) * 64} B), fullest set "
          f"{max(per_set.values())} lines, lines beyond 8 per set "
          f"{sum(max(0, n - 8) for n in per_set.values())}")
    by_fn = collections.defaultdict(set)
    for ob, a in hot:
        by_fn[fn_of[(ob, a)]].add(a >> 6)
    for f, ls in sorted(by_fn.items(), key=lambda x: -len(x[1]))[:top]:
        print(f"  {len(ls):4d} {f[:110]}")


if __name__ == "__main__":
    main()
