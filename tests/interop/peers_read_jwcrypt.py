#!/usr/bin/env python3
"""jwcrypto (and PyJWT) read every key and token in fixture-format directories.

    peers_read_jwcrypt.py DIR [DIR ...]

Each DIR may hold keys.json, jws.json, jwe.json and jwt.json in the shapes of
tests/data/interop/* (see README.md). run.sh points it at what the jwcrypt CLI made;
check_fixtures.sh points it at the fixtures panva/jose made, which tests this reader and
those fixtures at once. Prints one line per failure, a summary per file, and last
`interop: N passed, M failed`. Exits 1 if anything failed.
"""
import base64
import json
import os
import sys
import traceback

from cryptography.hazmat.primitives import hashes, serialization
from jwcrypto import jwe, jwk, jws, jwt
from jwcrypto.common import json_decode

import jwt as pyjwt

JWCRYPTO_KW = {"A128KW", "A192KW", "A256KW", "dir", "A128GCMKW", "A192GCMKW", "A256GCMKW",
               "RSA-OAEP", "RSA-OAEP-256", "RSA1_5",
               "ECDH-ES", "ECDH-ES+A128KW", "ECDH-ES+A192KW", "ECDH-ES+A256KW"}
# PyJWT 2.15.1 signs and verifies these (no RFC 9864 Ed25519 / Ed448 names)
PYJWT_SIGN = {"HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
              "ES256", "ES384", "ES512", "ES256K", "EdDSA"}
# curves whose PEM jwcrypto 1.6.1 cannot import ("Unknown key object"): read with cryptography
JWCRYPTO_NO_PEM = {"X448"}
HASHES = {"thumbprint_sha256": hashes.SHA256, "thumbprint_sha384": hashes.SHA384,
          "thumbprint_sha512": hashes.SHA512}
RSA_PRIVATE = ("d", "p", "q", "dp", "dq", "qi")

VERBOSE = os.environ.get("INTEROP_VERBOSE") == "1"


def b64d(s: str) -> bytes:
    return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))


def b64int(s: str) -> int:
    return int.from_bytes(b64d(s), "big")


class Tally:
    def __init__(self):
        self.passed = self.failed = 0
        self.skipped = []

    def check(self, name, fn):
        try:
            fn()
        except Exception as e:  # noqa: BLE001 - any error is a failed check
            self.failed += 1
            print("FAIL %s: %s: %s" % (name, type(e).__name__, e))
            if VERBOSE:
                traceback.print_exc()
        else:
            self.passed += 1
            if VERBOSE:
                print("ok   %s" % name)

    def skip(self, name, why):
        self.skipped.append("%s (%s)" % (name, why))


def expect(cond, what):
    if not cond:
        raise AssertionError(what)


# ---------------------------------------------------------------------------------------

def pem_raw_okp(pem: str, password, private: bool):
    """(x, d) as JWK members of an OKP key in a PEM, read by cryptography (d None if public)."""
    raw = (serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    if private:
        k = serialization.load_pem_private_key(pem.encode(), password=password)
        d = k.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                            serialization.NoEncryption())
        return b64u(k.public_key().public_bytes(*raw)), b64u(d)
    return b64u(serialization.load_pem_public_key(pem.encode()).public_bytes(*raw)), None


def b64u(b: bytes) -> str:
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


def check_key_case(c, t: Tally, tag):
    name = "%s/%s" % (tag, c["name"])
    want = {f: c.get(f) for f in HASHES if c.get(f)}
    curve = c["kty"] in ("EC", "OKP")

    def same_key(k: jwk.JWK, private: bool, what):
        for f, h in HASHES.items():
            if want.get(f):
                expect(k.thumbprint(h()) == want[f], "%s %s differs" % (what, f))
        if private and c["kty"] == "RSA":
            got = json.loads(k.export_private())
            for p in RSA_PRIVATE:
                if p in c["jwk_private"]:
                    expect(b64int(got[p]) == b64int(c["jwk_private"][p]), "%s: %s differs" % (what, p))
        if curve:
            got = json.loads(k.export_private() if private else k.export_public())
            for p in ("kty", "crv", "x", "y") + (("d",) if private else ()):
                expect(got.get(p) == c["jwk_private"].get(p), "%s: %s differs" % (what, p))

    def load_private():
        k = jwk.JWK(**c["jwk_private"])
        expect(k.has_private or c["kty"] == "oct", "no private part")
        same_key(k, True, "jwk_private")
        if c["kty"] == "oct":
            expect(len(b64d(c["jwk_private"]["k"])) * 8 == c["bits"], "oct size")
        elif curve:
            expect(k.get("crv") == c["crv"], "crv is %s" % k.get("crv"))
        else:
            expect(b64int(c["jwk_private"]["n"]).bit_length() == c["bits"], "modulus size")
    t.check(name + " jwk_private", load_private)

    if c.get("jwk_public"):
        def load_public():
            k = jwk.JWK(**c["jwk_public"])
            expect(not k.has_private, "public JWK holds private members")
            same_key(k, False, "jwk_public")
        t.check(name + " jwk_public", load_public)

    for f, private in (("pem_pkcs8", True), ("pem_pkcs8_encrypted", True),
                       ("pem_pkcs1_private", True), ("pem_pkcs1_public", False),
                       ("pem_spki", False), ("pem_sec1", True)):
        if not c.get(f):
            continue

        def load_pem(f=f, private=private):
            pw = c["password"].encode() if f == "pem_pkcs8_encrypted" else None
            if c.get("crv") in JWCRYPTO_NO_PEM:
                x, d = pem_raw_okp(c[f], pw, private)
                expect(x == c["jwk_private"]["x"], "%s: x differs" % f)
                expect(d == (c["jwk_private"]["d"] if private else None), "%s: d differs" % f)
                return
            k = jwk.JWK.from_pem(c[f].encode(), password=pw)
            expect(k.has_private == private, "private part present=%s" % k.has_private)
            same_key(k, private, f)
        how = " (cryptography)" if c.get("crv") in JWCRYPTO_NO_PEM else ""
        t.check("%s %s%s" % (name, f, how), load_pem)


# ---------------------------------------------------------------------------------------

def jws_verify(token, key, alg, unencoded):
    s = jws.JWS()
    s.allowed_algs = [alg]
    if unencoded and not token.lstrip().startswith("{"):
        # jwcrypto reads an RFC 7797 compact token only with its payload detached
        h, p, sig = token.split(".")
        s.deserialize(h + ".." + sig)
        s.verify(key, detached_payload=p.encode())
        return p.encode()
    s.deserialize(token)
    s.verify(key)
    p = s.payload
    return p if isinstance(p, bytes) else p.encode()


def check_jws_case(c, t: Tally, tag):
    name = "%s/%s" % (tag, c["name"])
    payload = b64d(c["payload_b64u"])
    unencoded = c.get("b64") is False
    if c.get("kind") == "general_multi":
        for s in c["signers"]:
            def one(s=s):
                expect(jws_verify(c["json_general"], jwk.JWK(**s["jwk_public"]), s["alg"],
                                  unencoded) == payload, "payload differs")
            t.check("%s json_general %s" % (name, s["alg"]), one)
        return
    for f in ("compact", "json_flattened", "json_general"):
        if not c.get(f):
            continue

        def one(f=f):
            expect(jws_verify(c[f], jwk.JWK(**c["jwk_public"]), c["alg"], unencoded) == payload,
                   "payload differs")
        t.check("%s %s" % (name, f), one)


# ---------------------------------------------------------------------------------------

def jwe_decrypt(token, key, alg, enc):
    e = jwe.JWE()
    e.allowed_algs = [alg, enc]
    e.deserialize(token, key=key)
    return e.payload


def check_jwe_case(c, t: Tally, tag):
    name = "%s/%s" % (tag, c["name"])
    plaintext = b64d(c["plaintext_b64u"])
    if c.get("kind") == "general_multi":
        for r in c["recipients"]:
            if r["alg"] not in JWCRYPTO_KW:
                t.skip("%s %s" % (name, r["alg"]), "jwcrypto lacks " + r["alg"])
                continue

            def one(r=r):
                expect(jwe_decrypt(c["json_general"], jwk.JWK(**r["jwk"]), r["alg"], c["enc"])
                       == plaintext, "plaintext differs")
            t.check("%s json_general %s" % (name, r["alg"]), one)
        return
    if c["alg"] not in JWCRYPTO_KW:
        t.skip(name, "jwcrypto lacks " + c["alg"])
        return
    for f in ("compact", "json_flattened", "json_general"):
        if not c.get(f):
            continue

        def one(f=f):
            if c.get("aad_b64u"):
                expect(json.loads(c[f]).get("aad") == c["aad_b64u"], "aad member differs")
            if c.get("zip"):
                e = jwe.JWE()
                e.deserialize(c[f])
                expect(json.loads(e.objects["protected"]).get("zip") == c["zip"],
                       "zip not in the protected header")
            expect(jwe_decrypt(c[f], jwk.JWK(**c["jwk"]), c["alg"], c["enc"]) == plaintext,
                   "plaintext differs")
        t.check("%s %s" % (name, f), one)


# ---------------------------------------------------------------------------------------

def jwt_verify_signed(token, c):
    claims = c["claims"]
    k = jwk.JWK(**c["verify_jwk"])
    tok = jwt.JWT(jwt=token, key=k, algs=[c["sign_alg"]], expected_type="JWS",
                  check_claims={"iss": claims["iss"], "aud": claims["aud"]})
    expect(json_decode(tok.claims) == claims, "claims differ")


def check_jwt_case(c, t: Tally, tag):
    name = "%s/%s" % (tag, c["name"])
    kind = c.get("kind", "nested")
    if kind in ("nested", "encrypted") and c["enc_alg"] not in JWCRYPTO_KW:
        t.skip(name, "jwcrypto lacks " + c["enc_alg"])
        return
    if kind == "signed":
        t.check(name + " jwcrypto", lambda: jwt_verify_signed(c["token"], c))
        if c["sign_alg"] not in PYJWT_SIGN:
            t.skip(name + " PyJWT", "PyJWT lacks " + c["sign_alg"])
            return

        def with_pyjwt():
            key = pyjwt.PyJWK(c["verify_jwk"], algorithm=c["sign_alg"])
            got = pyjwt.decode(c["token"], key, algorithms=[c["sign_alg"]],
                               audience=c["claims"]["aud"], issuer=c["claims"]["iss"])
            expect(got == c["claims"], "claims differ")
        t.check(name + " PyJWT", with_pyjwt)
        return

    def decrypt():
        outer = jwt.JWT(jwt=c["token"], key=jwk.JWK(**c["enc_jwk"]),
                        algs=[c["enc_alg"], c["enc"]], expected_type="JWE",
                        check_claims=False if kind == "nested" else None)
        hdr = outer.token.jose_header
        expect(hdr.get("enc") == c["enc"] and hdr.get("alg") == c["enc_alg"], "header alg/enc")
        if kind == "nested":
            expect(hdr.get("cty") in ("JWT", "jwt"), "outer cty is %r" % hdr.get("cty"))
            jwt_verify_signed(outer.claims, c)
        else:
            expect(json_decode(outer.claims) == c["claims"], "claims differ")
    t.check(name + " jwcrypto", decrypt)


CHECKERS = {"keys.json": check_key_case, "jws.json": check_jws_case,
            "jwe.json": check_jwe_case, "jwt.json": check_jwt_case}


def main(argv):
    if len(argv) < 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    total = Tally()
    for d in argv[1:]:
        found = False
        for fname, fn in CHECKERS.items():
            path = os.path.join(d, fname)
            if not os.path.exists(path):
                continue
            found = True
            tag = "%s/%s" % (os.path.basename(os.path.normpath(d)), fname[:-5])
            t = Tally()
            doc = {}
            try:
                with open(path) as f:
                    doc = json.load(f)
                cases = doc["cases"]
            except Exception as e:  # noqa: BLE001
                t.failed += 1
                print("FAIL %s: cannot read: %s" % (path, e))
                cases = []
            for c in cases:
                fn(c, t, tag)
            print("python[jwcrypto %s] %s (%s): %d passed, %d failed, %d skipped"
                  % (jwcrypto_version(), tag, doc.get("generator", "?"),
                     t.passed, t.failed, len(t.skipped)))
            total.passed += t.passed
            total.failed += t.failed
            total.skipped += t.skipped
        if not found:
            total.failed += 1
            print("FAIL %s: no fixture files found" % d)
    for s in total.skipped:
        print("skipped: %s" % s)
    print("interop: %d passed, %d failed" % (total.passed, total.failed))
    return 1 if total.failed else 0


def jwcrypto_version():
    import importlib.metadata as md
    return md.version("jwcrypto")


if __name__ == "__main__":
    sys.exit(main(sys.argv))
