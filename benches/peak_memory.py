#!/usr/bin/env python3
"""Peak resident memory of the `jwcrypt` CLI per command, for inputs at the limits and over them.

    cargo build --release --bin jwcrypt
    python3 benches/peak_memory.py target/release/jwcrypt [OTHER_JWCRYPT ...]

Prints a Markdown table with one peak-memory column per binary given (e.g. the binary of an
older commit first, for a before/after table), as GNU time (/usr/bin/time, Linux) reports it. Memory only, no timing. The goal (issue 12): an accepted input peaks under
32 MiB + 4 x its size, a refused oversized input under 16 MiB. Each child runs with a 2 GiB
address-space limit (RLIMIT_AS), so a binary that reads without bound fails instead of
exhausting the machine ("killed" in the table).
"""

import base64
import hashlib
import hmac
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile

MIB = 1 << 20
TOKEN = 4 * MIB  # Limits::DEFAULT.max_token_len
JWK = 1 * MIB  # Limits::DEFAULT.max_jwk_len
PEM = 64 << 10  # jwk::MAX_PEM_LEN
PAYLOAD = 8 * MIB  # the CLI's payload limit
VALUES = 100_000  # Limits::DEFAULT.max_json_values
OVER = 30_000_000
TIME = "/usr/bin/time"  # GNU time


def b64u(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def ones(n):
    """A JSON array of n one-byte elements (2 bytes of text each)."""
    return "[" + ",".join(["1"] * n) + "]"


def pad_to(obj_text_fn, size):
    """obj_text_fn(pad) -> text; returns the text grown with a string pad to `size` bytes."""
    base = obj_text_fn("")
    return obj_text_fn("a" * max(0, size - len(base)))


def run(binary, args, stdin_path):
    """(exit code, peak RSS in KiB) of one run, measured by GNU time (`%M`, from wait4): the
    child is forked from time, a small process, so the peak is the tool's own. (Measuring the
    child of this script directly would count the pages of this script it was forked from.)"""
    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))

    with tempfile.NamedTemporaryFile("r") as report, open(stdin_path, "rb") as stdin:
        p = subprocess.run([TIME, "-f", "%M", "-o", report.name, binary] + args, stdin=stdin,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           preexec_fn=limit)
        lines = report.read().split()
    kib = int(lines[-1]) if lines and lines[-1].isdigit() else 0
    code = p.returncode
    if code not in (0, 1, 2):
        return "killed", kib
    return code, kib


def main():
    binaries = sys.argv[1:] or ["target/release/jwcrypt"]
    d = tempfile.mkdtemp(prefix="jwcrypt-peak-")
    try:
        measure(binaries, d)
    finally:
        shutil.rmtree(d)


def measure(binaries, d):
    gen = binaries[0]
    path = lambda name: os.path.join(d, name)

    def write(name, data):
        with open(path(name), "wb") as f:
            f.write(data if isinstance(data, bytes) else data.encode())
        return path(name)

    def cli(args, stdin=b""):
        return subprocess.run([gen] + args, input=stdin, check=True, capture_output=True).stdout

    hs = json.loads(cli(["key", "generate", "--kty", "oct", "--size", "256", "--alg", "HS256"]))
    kw = cli(["key", "generate", "--kty", "oct", "--size", "256", "--alg", "A256KW"])
    write("hs.json", json.dumps(hs))
    write("kw.json", kw)
    write("empty", b"")
    secret = base64.urlsafe_b64decode(hs["k"] + "==")

    def hs256_jwt(claims_text):
        head = b64u(b'{"alg":"HS256","typ":"JWT"}')
        body = b64u(claims_text.encode())
        sig = hmac.new(secret, f"{head}.{body}".encode(), hashlib.sha256).digest()
        return f"{head}.{body}.{b64u(sig)}"

    # JSON-serialized tokens of `size` bytes whose unprotected header holds n tiny values.
    jws = json.loads(cli(["jws", "sign", "--key", path("hs.json"), "--alg", "HS256", "--json"],
                         b"hello"))
    jwe = json.loads(cli(["jwe", "encrypt", "--key", path("kw.json"), "--alg", "A256KW",
                          "--enc", "A256GCM", "--json"], b"hello"))

    def jws_json(n, size):
        return pad_to(lambda pad: json.dumps({**jws, "header": {"x": "@X@", "p": pad}})
                      .replace('"@X@"', ones(n)), size)

    def jwe_json(n, size):
        return pad_to(lambda pad: json.dumps({**jwe, "unprotected": {"x": "@X@", "p": pad}})
                      .replace('"@X@"', ones(n)), size)

    def claims(n, size):
        return pad_to(lambda pad: '{"sub":"a","exp":4000000000,"x":%s,"p":"%s"}' % (ones(n), pad),
                      size)

    def jwk(n, size):
        return pad_to(lambda pad: '{"kty":"oct","k":"%s","x":%s,"pad":"%s"}' % (hs["k"], ones(n), pad),
                      size)

    many_token = (TOKEN - 4096) // 2  # as many tiny values as fit in a token
    many_jwk = (JWK - 4096) // 2
    fit = VALUES - 100  # the most tiny values the new default accepts, with room to spare
    claims_in_jwt = (TOKEN * 3) // 4 - 1024  # claims text whose compact JWT is under 4 MiB
    inputs = {
        "jws_many": write("jws_many", jws_json(many_token, TOKEN - 16)),
        "jws_fit": write("jws_fit", jws_json(fit, TOKEN - 16)),
        "jwe_many": write("jwe_many", jwe_json(many_token, TOKEN - 16)),
        "jwe_fit": write("jwe_fit", jwe_json(fit, TOKEN - 16)),
        "jws_over": write("jws_over", jws_json(OVER // 2 - 4096, OVER)),
        "jwt_many": write("jwt_many", hs256_jwt(claims((claims_in_jwt - 4096) // 2, claims_in_jwt))),
        "jwt_fit": write("jwt_fit", hs256_jwt(claims(fit, claims_in_jwt))),
        "claims_many": write("claims_many", claims(many_token, TOKEN - 16)),
        "claims_fit": write("claims_fit", claims(fit, TOKEN - 16)),
        "jwk_many": write("jwk_many", jwk(many_jwk, JWK - 16)),
        "jwk_fit": write("jwk_fit", jwk(fit, JWK - 16)),
        "jwk_over": write("jwk_over", jwk(OVER // 2 - 4096, OVER)),
        "pem_at": write("pem_at", "-----BEGIN PRIVATE KEY-----\n" + "A" * (PEM - 60)
                        + "\n-----END PRIVATE KEY-----\n"),
        "pem_over": write("pem_over", "-----BEGIN PRIVATE KEY-----\n" + "A" * OVER
                          + "\n-----END PRIVATE KEY-----\n"),
        "payload_at": write("payload_at", b"p" * PAYLOAD),
        "payload_over": write("payload_over", b"p" * OVER),
    }
    detached = cli(["jws", "sign", "--key", path("hs.json"), "--alg", "HS256", "--detached"],
                   b"p" * PAYLOAD)
    inputs["detached_token"] = write("detached_token", detached)

    hs_key = ["--key", path("hs.json")]
    kw_key = ["--key", path("kw.json")]
    # (label, args, stdin name, input size shown, whether it is over a size limit)
    cases = [
        ("inspect", ["inspect"], "jws_many", "4 MiB JSON JWS, 2M values", False),
        ("inspect", ["inspect"], "jws_fit", "4 MiB JSON JWS, 100k values", False),
        ("inspect", ["inspect"], "jws_over", "30 MB JSON JWS", True),
        ("jws verify", ["jws", "verify", *hs_key, "--alg", "HS256"], "jws_many",
         "4 MiB JSON JWS, 2M values", False),
        ("jws verify", ["jws", "verify", *hs_key, "--alg", "HS256"], "jws_fit",
         "4 MiB JSON JWS, 100k values", False),
        ("jws verify", ["jws", "verify", *hs_key, "--alg", "HS256"], "jws_over", "30 MB JSON JWS",
         True),
        ("jws verify --detached", ["jws", "verify", *hs_key, "--alg", "HS256", "--detached",
                                   path("payload_at")], "detached_token", "8 MiB payload file",
         False),
        ("jws verify --detached", ["jws", "verify", *hs_key, "--alg", "HS256", "--detached",
                                   path("payload_over")], "detached_token", "30 MB payload file",
         True),
        ("jwe decrypt", ["jwe", "decrypt", *kw_key, "--alg", "A256KW"], "jwe_many",
         "4 MiB JSON JWE, 2M values", False),
        ("jwe decrypt", ["jwe", "decrypt", *kw_key, "--alg", "A256KW"], "jwe_fit",
         "4 MiB JSON JWE, 100k values", False),
        ("jwt verify", ["jwt", "verify", *hs_key, "--alg", "HS256"], "jwt_many",
         "4 MiB JWT, 1.5M claim values", False),
        ("jwt verify", ["jwt", "verify", *hs_key, "--alg", "HS256"], "jwt_fit",
         "4 MiB JWT, 100k claim values", False),
        ("jwt sign", ["jwt", "sign", *hs_key, "--alg", "HS256"], "claims_many",
         "4 MiB claims, 2M values", False),
        ("jwt sign", ["jwt", "sign", *hs_key, "--alg", "HS256"], "claims_fit",
         "4 MiB claims, 100k values", False),
        ("jws sign", ["jws", "sign", *hs_key, "--alg", "HS256"], "payload_at", "8 MiB payload",
         False),
        ("jws sign", ["jws", "sign", *hs_key, "--alg", "HS256"], "payload_over", "30 MB payload",
         True),
        ("jwe encrypt", ["jwe", "encrypt", *kw_key, "--alg", "A256KW", "--enc", "A256GCM"],
         "payload_at", "8 MiB plaintext", False),
        ("key thumbprint", ["key", "thumbprint"], "jwk_many", "1 MiB JWK, 500k values", False),
        ("key thumbprint", ["key", "thumbprint"], "jwk_fit", "1 MiB JWK, 100k values", False),
        ("key thumbprint", ["key", "thumbprint"], "jwk_over", "30 MB JWK", True),
        ("key public", ["key", "public"], "jwk_over", "30 MB JWK", True),
        ("jws sign --key", ["jws", "sign", "--key", path("jwk_many"), "--alg", "HS256"], "empty",
         "1 MiB key file, 500k values", False),
        ("jws sign --key", ["jws", "sign", "--key", path("jwk_over"), "--alg", "HS256"], "empty",
         "30 MB key file", True),
        ("jws sign --key", ["jws", "sign", "--key", "/dev/zero", "--alg", "HS256"], "empty",
         "/dev/zero key file", True),
        ("key from-pem", ["key", "from-pem"], "pem_at", "64 KiB PEM (malformed)", False),
        ("key from-pem", ["key", "from-pem"], "pem_over", "30 MB PEM", True),
    ]
    print("| command | input | " + " | ".join(f"peak, exit: `{b}`" for b in binaries) + " | goal |")
    print("|---|---|" + "---|" * len(binaries) + "---|")
    for label, args, stdin, shown, over in cases:
        size = os.path.getsize(inputs.get(stdin, path(stdin)))
        for a in args:
            if a.startswith(d) and a not in (path("hs.json"), path("kw.json")):
                size = max(size, os.path.getsize(a))
        cells = []
        for b in binaries:
            r = run(b, args, inputs.get(stdin, path(stdin)))
            code, kib = r[0], r[1]
            cells.append(f"{kib / 1024:.1f} MiB, {code}")
        goal = "< 16 MiB if refused" if over else f"< {32 + 4 * size / MIB:.0f} MiB"
        print(f"| `{label}` | {shown} | " + " | ".join(cells) + f" | {goal} |")


if __name__ == "__main__":
    main()
