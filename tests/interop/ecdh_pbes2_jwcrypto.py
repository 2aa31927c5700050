#!/usr/bin/env python3
"""ECDH-ES and PBES2 interop with jwcrypto, both ways (issue 14).

    PYTHONPATH=<jwcrypto> python3 tests/interop/ecdh_pbes2_jwcrypto.py [JWCRYPT_BINARY]

1. jwcrypto makes tokens for every curve (P-256, P-384, P-521, X25519, X448) x every ECDH-ES
   algorithm x a CBC-HS and a GCM enc, with and without apu/apv, compact and JSON, and the
   three PBES2 algorithms; written to tests/data/interop/jwcrypto/jwe_ecdh_pbes2.json, which
   tests/api/interop.rs decrypts with jwcrypt.
2. With the jwcrypt binary given (default target/debug/jwcrypt): jwcrypt encrypts the same
   matrix with the CLI and jwcrypto decrypts it. Prints `reverse: N passed, M failed`.
"""
import base64
import importlib.metadata as md
import json
import os
import subprocess
import sys
import tempfile

from jwcrypto import jwe, jwk
from jwcrypto.common import json_encode

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "tests", "data", "interop", "jwcrypto", "jwe_ecdh_pbes2.json")
CURVES = [("EC", "P-256"), ("EC", "P-384"), ("EC", "P-521"), ("OKP", "X25519"), ("OKP", "X448")]
ECDH = ["ECDH-ES", "ECDH-ES+A128KW", "ECDH-ES+A192KW", "ECDH-ES+A256KW"]
PBES2 = ["PBES2-HS256+A128KW", "PBES2-HS384+A192KW", "PBES2-HS512+A256KW"]
ENCS = ["A128CBC-HS256", "A256GCM"]
PASSWORD = "interop-test-password"
PLAINTEXT = "Interop plaintext: été ☃ ECDH-ES and PBES2".encode()


def b64u(b):
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


def make(prot, key, compact):
    e = jwe.JWE(PLAINTEXT, json_encode(prot))
    e.allowed_algs = [prot["alg"], prot["enc"]]
    e.add_recipient(key)
    return e.serialize(compact=compact)


def read(token, key, alg, enc):
    e = jwe.JWE()
    e.allowed_algs = [alg, enc]
    e.deserialize(token, key=key)
    return e.payload


def main():
    cases = []
    keys = {}
    for kty, crv in CURVES:
        key = jwk.JWK.generate(kty=kty, crv=crv, kid=f"interop-{crv}")
        keys[crv] = key
        public = jwk.JWK(**json.loads(key.export_public()))
        for alg in ECDH:
            for enc in ENCS:
                for party in (False, True):
                    prot = {"alg": alg, "enc": enc, "kid": f"interop-{crv}"}
                    if party:
                        prot["apu"], prot["apv"] = b64u(b"Alice"), b64u(b"Bob")
                    compact = make(prot, public, True)
                    flat = json.loads(make(prot, public, False))
                    assert read(compact, key, alg, enc) == PLAINTEXT
                    cases.append({"name": f"{alg}-{crv}-{enc}{'-apu-apv' if party else ''}",
                                  "alg": alg, "enc": enc, "jwk": json.loads(key.export_private()),
                                  "compact": compact, "json": flat})
    pw = jwk.JWK.from_password(PASSWORD)
    for alg in PBES2:
        for enc in ENCS:
            prot = {"alg": alg, "enc": enc}
            compact = make(prot, pw, True)
            assert read(compact, pw, alg, enc) == PLAINTEXT
            cases.append({"name": f"{alg}-{enc}", "alg": alg, "enc": enc, "password": PASSWORD,
                          "compact": compact, "json": json.loads(make(prot, pw, False))})
    doc = {"generator": f"jwcrypto {md.version('jwcrypto')} (cryptography {md.version('cryptography')})",
           "plaintext_b64u": b64u(PLAINTEXT), "cases": cases}
    with open(OUT, "w") as f:
        json.dump(doc, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print(f"wrote {len(cases)} cases to {OUT}")

    binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target", "debug", "jwcrypt")
    passed = failed = 0
    with tempfile.TemporaryDirectory() as d:
        def run(args):
            return subprocess.run([binary] + args, input=PLAINTEXT, capture_output=True, check=True).stdout.decode().strip()
        for crv, key in keys.items():
            pub = os.path.join(d, f"{crv}.json")
            with open(pub, "w") as f:
                f.write(key.export_public())
            for alg in ECDH:
                for enc in ENCS:
                    for extra in ([], ["--apu", b64u(b"Alice"), "--apv", b64u(b"Bob")], ["--json"]):
                        try:
                            token = run(["jwe", "encrypt", "--key", pub, "--alg", alg, "--enc", enc] + extra)
                            assert read(token, key, alg, enc) == PLAINTEXT
                            passed += 1
                        except Exception as e:  # noqa: BLE001
                            failed += 1
                            print(f"FAIL jwcrypt->jwcrypto {alg} {crv} {enc} {extra}: {e}")
        pwf = os.path.join(d, "pw")
        with open(pwf, "w") as f:
            f.write(PASSWORD + "\n")
        for alg in PBES2:
            for enc in ENCS:
                try:
                    token = run(["jwe", "encrypt", "--password-file", pwf, "--alg", alg, "--enc", enc])
                    assert read(token, jwk.JWK.from_password(PASSWORD), alg, enc) == PLAINTEXT
                    passed += 1
                except Exception as e:  # noqa: BLE001
                    failed += 1
                    print(f"FAIL jwcrypt->jwcrypto {alg} {enc}: {e}")
    print(f"reverse (jwcrypt encrypts, jwcrypto decrypts): {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
