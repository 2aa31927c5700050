#!/usr/bin/env python3
"""Merges the JSON lines of the peer programs into one Markdown table (stdlib only).

usage: table.py [RESULTS.jsonl ...]   (reads standard input when no file is given)
       table.py --list-ops             (the known operation ids, one per line)

Each input line is {"lib": ..., "op": ..., "ops_per_sec": ...}; several lines for the same
(lib, op), one per round of run.sh, are reduced to their median. Rows are operations,
columns libraries, then `jwcrypt ratio` = jwcrypt ops/s / the best peer's ops/s.
"""
import json
import statistics
import sys

# Operation ids (see harness/src/lib.rs) in table order, with their labels.
OPS = [
    ("hs256-sign", "HS256 sign"),
    ("hs256-verify", "HS256 verify"),
    ("rs256-sign", "RS256 sign"),
    ("rs256-verify", "RS256 verify"),
    ("ps256-sign", "PS256 sign"),
    ("ps256-verify", "PS256 verify"),
    ("a256kw-cbc-hs512-encrypt-claims", "A256KW+A256CBC-HS512 encrypt, claims"),
    ("a256kw-cbc-hs512-decrypt-claims", "A256KW+A256CBC-HS512 decrypt, claims"),
    ("a256kw-cbc-hs512-encrypt-4k", "A256KW+A256CBC-HS512 encrypt, 4 KiB"),
    ("a256kw-cbc-hs512-decrypt-4k", "A256KW+A256CBC-HS512 decrypt, 4 KiB"),
    ("a256kw-cbc-hs512-encrypt-1m", "A256KW+A256CBC-HS512 encrypt, 1 MiB"),
    ("a256kw-cbc-hs512-decrypt-1m", "A256KW+A256CBC-HS512 decrypt, 1 MiB"),
    ("dir-a256gcm-encrypt-claims", "dir+A256GCM encrypt, claims"),
    ("dir-a256gcm-decrypt-claims", "dir+A256GCM decrypt, claims"),
    ("rsa-oaep-256-a256gcm-encrypt-claims", "RSA-OAEP-256+A256GCM encrypt, claims"),
    ("rsa-oaep-256-a256gcm-decrypt-claims", "RSA-OAEP-256+A256GCM decrypt, claims"),
    ("nested-hs256-make", "nested HS256-in-JWE make"),
    ("nested-hs256-read", "nested HS256-in-JWE read"),
    ("nested-rs256-make", "nested RS256-in-JWE make"),
    ("nested-rs256-read", "nested RS256-in-JWE read"),
    ("es256-sign", "ES256 sign"),
    ("es256-verify", "ES256 verify"),
    ("es384-sign", "ES384 sign"),
    ("es384-verify", "ES384 verify"),
    ("es512-sign", "ES512 sign"),
    ("es512-verify", "ES512 verify"),
    ("eddsa-sign", "EdDSA (Ed25519) sign"),
    ("eddsa-verify", "EdDSA (Ed25519) verify"),
    ("ecdh-es-a256kw-a256gcm-p256-encrypt-claims", "ECDH-ES+A256KW+A256GCM encrypt, P-256, claims"),
    ("ecdh-es-a256kw-a256gcm-p256-decrypt-claims", "ECDH-ES+A256KW+A256GCM decrypt, P-256, claims"),
    ("ecdh-es-a256kw-a256gcm-x25519-encrypt-claims", "ECDH-ES+A256KW+A256GCM encrypt, X25519, claims"),
    ("ecdh-es-a256kw-a256gcm-x25519-decrypt-claims", "ECDH-ES+A256KW+A256GCM decrypt, X25519, claims"),
    ("pbes2-hs256-a128kw-a128gcm-encrypt-claims", "PBES2-HS256+A128KW+A128GCM encrypt (p2c 8192), claims"),
    ("pbes2-hs256-a128kw-a128gcm-decrypt-claims", "PBES2-HS256+A128KW+A128GCM decrypt (p2c 8192), claims"),
]

# Preferred column order; libraries not listed here follow in order of appearance.
LIBS = [
    "jwcrypt",
    "jwcrypt (aws-lc)",
    "jsonwebtoken (rust_crypto)",
    "jsonwebtoken (aws-lc-rs)",
    "jwt-simple (pure-rust)",
    "josekit (OpenSSL)",
    "jwcrypto (Python)",
    "jose (Node)",
]
JWCRYPT = "jwcrypt"
# jwcrypt's builds: each gets a ratio column; none of them is a peer.
JWCRYPTS = [JWCRYPT, "jwcrypt (aws-lc)"]


def fmt(x):
    if x is None:
        return "–"
    if x >= 100:
        return f"{x:,.0f}"
    return f"{x:,.1f}"


def main(paths):
    samples = {}  # (op, lib) -> [ops/s]
    seen_libs = []
    extra_ops = []
    known_ops = {op for op, _ in OPS}
    files = [open(p, encoding="utf-8") for p in paths] if paths else [sys.stdin]
    for f in files:
        for line in f:
            line = line.strip()
            if not line.startswith("{"):
                continue
            try:
                rec = json.loads(line)
                lib, op, v = rec["lib"], rec["op"], float(rec["ops_per_sec"])
            except (ValueError, KeyError, TypeError):
                continue
            samples.setdefault((op, lib), []).append(v)
            if lib not in seen_libs:
                seen_libs.append(lib)
            if op not in known_ops and op not in extra_ops:
                extra_ops.append(op)

    libs = [l for l in LIBS if l in seen_libs or l == JWCRYPT]
    libs += [l for l in seen_libs if l not in libs]
    peers = [l for l in libs if l not in JWCRYPTS]
    mine_libs = [l for l in JWCRYPTS if l in libs and any(k[1] == l for k in samples)]
    if not mine_libs:
        mine_libs = [JWCRYPT]
    ops = [(op, label) for op, label in OPS if any((op, l) in samples for l in libs)]
    ops += [(op, op) for op in extra_ops]

    med = {k: statistics.median(v) for k, v in samples.items()}
    rounds = max((len(v) for v in samples.values()), default=0)

    header = ["operation"] + libs + [f"{m} ratio" for m in mine_libs] + ["best peer"]
    print("| " + " | ".join(header) + " |")
    print("|---|" + "---:|" * (len(libs) + len(mine_libs)) + "---|")
    for op, label in ops:
        cells = [label] + [fmt(med.get((op, l))) for l in libs]
        best = max(((med[(op, l)], l) for l in peers if (op, l) in med), default=None)
        for m in mine_libs:
            mine = med.get((op, m))
            ok = best and mine is not None and best[0] > 0
            cells.append(f"{mine / best[0]:.2f}" if ok else "–")
        cells.append(best[1] if best else "–")
        print("| " + " | ".join(cells) + " |")
    print()
    print(f"ops/s, median of {rounds} round(s) per cell; – = not supported or not run. "
          "jwcrypt ratio = jwcrypt / best peer (> 1: jwcrypt is faster); "
          "jwcrypt (aws-lc) = jwcrypt built with its aws-lc feature.")


if __name__ == "__main__":
    if sys.argv[1:] == ["--list-ops"]:
        print("\n".join(op for op, _ in OPS))
    else:
        main(sys.argv[1:])
