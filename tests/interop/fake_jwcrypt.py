#!/usr/bin/env python3
"""A stand-in for the jwcrypt CLI, built on jwcrypto, to self-test the interop harness.

NOT a reference for jwcrypt: it implements only the generating half of the CLI contract
(DESIGN.md) that make_jwcrypt_fixtures.py uses, so that `run.sh --self-test` can exercise
the maker and both peer readers end to end without the Rust binary.
"""
import argparse
import json
import sys

from jwcrypto import jwe, jwk, jws, jwt


def read_key(path):
    with open(path) as f:
        return jwk.JWK(**json.load(f))


def out(text):
    sys.stdout.write(text.rstrip("\n") + "\n")


def main():
    ap = argparse.ArgumentParser(prog="fake_jwcrypt")
    ap.add_argument("group")
    ap.add_argument("cmd")
    for opt in ("--kty", "--size", "--crv", "--alg", "--kid", "--key", "--enc", "--sign-key", "--sign-alg",
                "--password-file", "--apu", "--apv", "--p2c"):
        ap.add_argument(opt)
    for flag in ("--json", "--zip", "--public"):
        ap.add_argument(flag, action="store_true")
    a = ap.parse_args()
    data = sys.stdin.buffer.read()
    g, c = a.group, a.cmd
    if (g, c) == ("key", "generate"):
        params = {k: v for k, v in (("alg", a.alg), ("kid", a.kid)) if v}
        size = dict(crv=a.crv) if a.crv else dict(size=int(a.size))
        out(jwk.JWK.generate(kty=a.kty, **size, **params).export(private_key=True))
    elif (g, c) == ("key", "public"):
        out(jwk.JWK(**json.loads(data)).export_public())
    elif (g, c) == ("key", "thumbprint"):
        out(jwk.JWK(**json.loads(data)).thumbprint())
    elif (g, c) == ("key", "to-pem"):
        k = jwk.JWK(**json.loads(data))
        pw = open(a.password_file, "rb").read().strip() if a.password_file else None
        out(k.export_to_pem(private_key=not a.public, password=pw).decode())
    elif (g, c) == ("jws", "sign"):
        s = jws.JWS(data)
        s.add_signature(read_key(a.key), None, json.dumps({"alg": a.alg}))
        out(s.serialize(compact=not a.json))
    elif (g, c) == ("jwe", "encrypt"):
        h = {"alg": a.alg, "enc": a.enc}
        if a.zip:
            h["zip"] = "DEF"
        for name in ("apu", "apv"):
            if getattr(a, name):
                h[name] = getattr(a, name)
        if a.p2c:
            h["p2c"] = int(a.p2c)
        if a.password_file:
            # The password less one trailing newline, as the CLI reads it.
            pw = open(a.password_file, "rb").read()
            pw = pw[:-1] if pw.endswith(b"\n") else pw
            pw = pw[:-1] if pw.endswith(b"\r") else pw
            key = jwk.JWK.from_password(pw.decode())
        else:
            key = read_key(a.key)
        e = jwe.JWE(data, protected=json.dumps(h))
        e.add_recipient(key)
        out(e.serialize(compact=not a.json))
    elif (g, c) == ("jwt", "sign"):
        t = jwt.JWT(header={"alg": a.alg, "typ": "JWT"}, claims=json.loads(data))
        t.make_signed_token(read_key(a.key))
        out(t.serialize())
    elif (g, c) == ("jwt", "encrypt"):
        t = jwt.JWT(header={"alg": a.sign_alg, "typ": "JWT"}, claims=json.loads(data))
        t.make_signed_token(read_key(a.sign_key))
        e = jwt.JWT(header={"alg": a.alg, "enc": a.enc, "cty": "JWT"}, claims=t.serialize())
        e.make_encrypted_token(read_key(a.key))
        out(e.serialize())
    else:
        print("fake_jwcrypt: unsupported command %s %s" % (g, c), file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
