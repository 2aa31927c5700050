#!/usr/bin/env python3
"""Interleaved criterion runs (BENCHMARKS.md, "How to reproduce") of two bench binaries (old, new) on one filter.

Prints, per benchmark, the median over rounds of criterion's point estimate and the minimum
over rounds: on a shared VM a round is only ever slowed down by other load, so the minimum is
the steadier of the two when the rounds scatter.

usage: run.py ROUNDS FILTER OLD_BIN NEW_BIN [criterion args...]
"""
import re, subprocess, sys, statistics, collections
rounds, flt, old, new = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
extra = sys.argv[5:] or ["--warm-up-time", "1", "--measurement-time", "3"]
res = {"old": collections.defaultdict(list), "new": collections.defaultdict(list)}
unit = {"ps": 1e-6, "ns": 1e-3, "µs": 1.0, "us": 1.0, "ms": 1e3, "s": 1e6}
pat = re.compile(r"^(\S.*?)\s+time:\s+\[\S+ \S+ (\S+) (\S+) \S+ \S+\]", re.M)
for r in range(rounds):
    for name, binary in (("old", old), ("new", new)) if r % 2 == 0 else (("new", new), ("old", old)):
        out = subprocess.run([binary, "--bench", flt, "--noplot", *extra], capture_output=True, text=True).stdout
        # criterion prints "name\n    time: [...]" when the name is long
        out = re.sub(r"\n\s+time:", " time:", out)
        for m in pat.finditer(out):
            res[name][m.group(1).strip()].append(float(m.group(2)) * unit[m.group(3)])
print(f"| benchmark | before (µs) | after (µs) | after/before | min before | min after | min ratio |")
print("|---|---:|---:|---:|---:|---:|---:|")
for k in sorted(set(res["old"]) | set(res["new"])):
    o = statistics.median(res["old"][k]) if res["old"][k] else float("nan")
    n = statistics.median(res["new"][k]) if res["new"][k] else float("nan")
    mo = min(res["old"][k], default=float("nan"))
    mn = min(res["new"][k], default=float("nan"))
    print(f"| {k} | {o:.3f} | {n:.3f} | {n/o:.3f} | {mo:.3f} | {mn:.3f} | {mn/mo:.3f} |")
