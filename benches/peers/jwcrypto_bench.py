#!/usr/bin/env python3
"""jwcrypto (Python, on `cryptography`/OpenSSL): the peer operations, JWS and JWE.

Same command line and output as the Rust peer programs:
  [--rounds R (3)] [--seconds T (1)] [--ops op1,op2] [--data DIR] [--list]
prints one JSON line per operation: {"lib", "op", "ops_per_sec" (median of rounds), "rounds"}.
"""
import argparse
import json
import os
import statistics
import sys
import time

from jwcrypto import jwe, jwk, jws, jwt

LIB = "jwcrypto (Python)"
HERE = os.path.dirname(os.path.abspath(__file__))


def measure(f, seconds):
    """Calls f in batches until `seconds` have passed; returns calls per second."""
    start = time.perf_counter()
    count, batch = 0, 1
    while True:
        b0 = time.perf_counter()
        for _ in range(batch):
            f()
        count += batch
        now = time.perf_counter()
        if now - start >= seconds:
            return count / (now - start)
        if now - b0 < 0.0005 and batch < (1 << 20):
            batch *= 2


class Bench:
    def __init__(self, args):
        self.args = args
        self.ops = set(args.ops.split(",")) if args.ops else None

    def wants(self, op):
        return self.ops is None or op in self.ops

    def run(self, op, f):
        if not self.wants(op):
            return
        if self.args.list:
            print(op)
            return
        t = self.args.seconds
        measure(f, min(t / 2, 0.5))  # warm-up
        rounds = [measure(f, t) for _ in range(self.args.rounds)]
        print(json.dumps({"lib": LIB, "op": op,
                          "ops_per_sec": round(statistics.median(rounds), 2),
                          "rounds": [round(r, 2) for r in rounds]}), flush=True)


def check(ok, what):
    if not ok:
        raise SystemExit(f"self-check failed: {what}")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--seconds", type=float, default=1.0)
    p.add_argument("--ops")
    p.add_argument("--data", default=os.environ.get("PEERS_DATA", os.path.join(HERE, "data")))
    p.add_argument("--list", action="store_true")
    args = p.parse_args()
    b = Bench(args)

    def read(name, mode="r"):
        with open(os.path.join(args.data, name), mode) as f:
            return f.read()

    claims_json = read("claims.json").rstrip()
    claims = json.loads(claims_json)
    payload_4k = read("payload-4k.bin", "rb")
    payload_1m = payload_4k * 256
    hs_key = jwk.JWK.from_json(read("hs256.jwk.json"))
    kek = jwk.JWK.from_json(read("a256kw.jwk.json"))
    dir_key = jwk.JWK.from_json(read("dir-a256gcm.jwk.json"))
    rsa_priv = jwk.JWK.from_pem(read("rsa2048.pem", "rb"))
    rsa_pub = jwk.JWK.from_pem(read("rsa2048.pub.pem", "rb"))
    # EC and OKP keys: PKCS#8 private and SPKI public PEM.
    pem_keys = {name: (jwk.JWK.from_pem(read(f"{name}.pem", "rb")),
                       jwk.JWK.from_pem(read(f"{name}.pub.pem", "rb")))
                for name in ("ec-p256", "ec-p384", "ec-p521", "ed25519", "x25519")}
    password = read("pbes2-password.txt")

    # --- JWS: sign = claims -> compact JWS; verify = signature + exp/nbf + parse claims ---
    def sign(alg, key):
        t = jwt.JWT(header={"alg": alg, "typ": "JWT"}, claims=claims)
        t.make_signed_token(key)
        return t.serialize()

    def verify(token, alg, key):
        # With no check_claims, jwcrypto checks exp and nbf against the current time.
        t = jwt.JWT(jwt=token, key=key, algs=[alg])
        return json.loads(t.claims)

    for alg, skey, vkey in (("HS256", hs_key, hs_key), ("RS256", rsa_priv, rsa_pub),
                            ("PS256", rsa_priv, rsa_pub), ("ES256", *pem_keys["ec-p256"]),
                            ("ES384", *pem_keys["ec-p384"]), ("ES512", *pem_keys["ec-p521"]),
                            ("EdDSA", *pem_keys["ed25519"])):
        name = alg.lower()
        token = sign(alg, skey)
        check(verify(token, alg, vkey) == claims, f"{alg} round trip")
        b.run(f"{name}-sign", lambda: sign(alg, skey))
        b.run(f"{name}-verify", lambda: verify(token, alg, vkey))

    # --- JWE: payload bytes <-> compact JWE ---
    def encrypt(data, header, key):
        e = jwe.JWE(plaintext=data, protected=header)
        e.add_recipient(key)
        return e.serialize(compact=True)

    def decrypt(token, key):
        e = jwe.JWE()
        e.deserialize(token, key=key)
        return e.payload

    kw_cbc = {"alg": "A256KW", "enc": "A256CBC-HS512"}
    cases = [
        (claims_json.encode(), kw_cbc, kek, kek, "a256kw-cbc-hs512-encrypt-claims", "a256kw-cbc-hs512-decrypt-claims"),
        (payload_4k, kw_cbc, kek, kek, "a256kw-cbc-hs512-encrypt-4k", "a256kw-cbc-hs512-decrypt-4k"),
        (payload_1m, kw_cbc, kek, kek, "a256kw-cbc-hs512-encrypt-1m", "a256kw-cbc-hs512-decrypt-1m"),
        (claims_json.encode(), {"alg": "dir", "enc": "A256GCM"}, dir_key, dir_key,
         "dir-a256gcm-encrypt-claims", "dir-a256gcm-decrypt-claims"),
        (claims_json.encode(), {"alg": "RSA-OAEP-256", "enc": "A256GCM"}, rsa_pub, rsa_priv,
         "rsa-oaep-256-a256gcm-encrypt-claims", "rsa-oaep-256-a256gcm-decrypt-claims"),
    ]
    ecdh = {"alg": "ECDH-ES+A256KW", "enc": "A256GCM"}
    for curve, name in (("p256", "ec-p256"), ("x25519", "x25519")):
        priv, pub = pem_keys[name]
        cases.append((claims_json.encode(), ecdh, pub, priv,
                      f"ecdh-es-a256kw-a256gcm-{curve}-encrypt-claims",
                      f"ecdh-es-a256kw-a256gcm-{curve}-decrypt-claims"))
    # PBES2: the password as an oct key; jwcrypto's defaults are p2c 8192, a 16-byte salt
    # (p2c is set explicitly anyway).
    pw_key = jwk.JWK.from_password(password)
    cases.append((claims_json.encode(),
                  {"alg": "PBES2-HS256+A128KW", "enc": "A128GCM", "p2c": 8192}, pw_key, pw_key,
                  "pbes2-hs256-a128kw-a128gcm-encrypt-claims",
                  "pbes2-hs256-a128kw-a128gcm-decrypt-claims"))
    for data, header, ekey, dkey, enc_op, dec_op in cases:
        if not (b.wants(enc_op) or b.wants(dec_op)):
            continue
        hdr = json.dumps(header)
        token = encrypt(data, hdr, ekey)
        check(decrypt(token, dkey) == data, f"{enc_op} round trip")
        b.run(enc_op, lambda: encrypt(data, hdr, ekey))
        b.run(dec_op, lambda: decrypt(token, dkey))

    # --- Nested: signed JWT inside A256KW + A256CBC-HS512 with cty "JWT" ---
    outer_header = {"alg": "A256KW", "enc": "A256CBC-HS512", "cty": "JWT"}

    def make(alg, skey):
        outer = jwt.JWT(header=outer_header, claims=sign(alg, skey))
        outer.make_encrypted_token(kek)
        return outer.serialize()

    def read_nested(token, alg, vkey):
        outer = jwt.JWT(jwt=token, key=kek, expected_type="JWE")
        if outer.token.jose_header.get("cty") != "JWT":
            raise ValueError("cty")
        return verify(outer.claims, alg, vkey)

    for alg, skey, vkey in (("HS256", hs_key, hs_key), ("RS256", rsa_priv, rsa_pub)):
        name = alg.lower()
        token = make(alg, skey)
        check(read_nested(token, alg, vkey) == claims, f"nested {alg} round trip")
        b.run(f"nested-{name}-make", lambda: make(alg, skey))
        b.run(f"nested-{name}-read", lambda: read_nested(token, alg, vkey))


if __name__ == "__main__":
    main()
