#!/usr/bin/env python3
"""Drive the jwcrypt CLI to make keys and tokens in the fixture format the peers read.

    make_jwcrypt_fixtures.py --bin target/release/jwcrypt --out DIR

Writes DIR/{keys,jws,jwe,jwt}.json with the same case shapes as tests/data/interop/*
(README.md), then peers_read_jwcrypt.{py,mjs} check them. Uses only the CLI contract of
DESIGN.md (plus `jwe encrypt --zip` and `key to-pem --password-file`). Every CLI call that
fails is one failure; each case made is one pass. Last line: `interop: N passed, M failed`.

INTEROP_SKIP="ALG ..." leaves out JWE key-management algorithms (or enc values) jwcrypt does
not implement yet; they are listed as skipped, never silently dropped.
"""
import argparse
import base64
import json
import os
import subprocess
import sys
import uuid

SIGN_ALGS = ["HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512"]
# the key management algorithms both jwcrypto and jose implement (RSA-OAEP-384/512: jose only)
KW_ALGS = ["A128KW", "A192KW", "A256KW", "dir", "A128GCMKW", "A192GCMKW", "A256GCMKW",
           "RSA-OAEP", "RSA-OAEP-256"]
ENCS = ["A128CBC-HS256", "A192CBC-HS384", "A256CBC-HS512", "A128GCM", "A192GCM", "A256GCM"]
ENC_KEY_BITS = {"A128CBC-HS256": 256, "A192CBC-HS384": 384, "A256CBC-HS512": 512,
                "A128GCM": 128, "A192GCM": 192, "A256GCM": 256}
KW_KEY_BITS = {"A128KW": 128, "A192KW": 192, "A256KW": 256,
               "A128GCMKW": 128, "A192GCMKW": 192, "A256GCMKW": 256}
HS_KEY_BITS = {"HS256": 256, "HS384": 384, "HS512": 512}
OUTERS = [("A256KW", "A256CBC-HS512"), ("RSA-OAEP-256", "A256GCM")]
PASSWORD = "interop-test-password"

# EC and OKP (issue 13); same names and cases as the peers' generators
# (name, kty, crv, bits, alg, kid)
CURVE_KEYS = [("ec-p256", "EC", "P-256", 256, "ES256", "ec-p256"),
              ("ec-p384", "EC", "P-384", 384, None, "ec-p384"),
              ("ec-p521", "EC", "P-521", 521, "ES512", None),
              ("ec-secp256k1", "EC", "secp256k1", 256, "ES256K", "ec-secp256k1"),
              ("okp-ed25519", "OKP", "Ed25519", 256, "EdDSA", "okp-ed25519"),
              ("okp-ed448", "OKP", "Ed448", 456, None, None),
              ("okp-x25519", "OKP", "X25519", 256, "ECDH-ES", "okp-x25519"),
              ("okp-x448", "OKP", "X448", 448, "ECDH-ES+A256KW", None)]
EC_SIGN = [("ES256", "P-256"), ("ES384", "P-384"), ("ES512", "P-521"), ("ES256K", "secp256k1"),
           ("EdDSA", "Ed25519"), ("EdDSA", "Ed448"), ("Ed25519", "Ed25519"), ("Ed448", "Ed448")]
# nested JWTs (issue 14): (sign alg, sign crv, enc alg, enc, ECDH key crv)
EC_NESTED = [("ES256", "P-256", "ECDH-ES+A256KW", "A256GCM", "P-256"),
             ("ES256", "P-256", "ECDH-ES+A256KW", "A256CBC-HS512", "P-256"),
             ("EdDSA", "Ed25519", "ECDH-ES", "A256GCM", "X25519"),
             ("EdDSA", "Ed25519", "ECDH-ES+A256KW", "A256CBC-HS512", "X25519")]

PAYLOAD = json.dumps({"msg": "interop payload", "n": 42, "unicode": "\u00e9\u4e2d"},
                     ensure_ascii=False).encode()
PLAINTEXT = ("Interop plaintext: \u00e9t\u00e9 \u2603 The true sign of intelligence is not "
             "knowledge but imagination. ").encode()
ZIP_PLAINTEXT = b"compress me please; " * 40


def b64u(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def claims_template():
    return {
        "iss": "https://issuer.example", "sub": "alice", "aud": "jwcrypt-tests",
        "iat": 1700000000, "nbf": 1700000000, "exp": 4102444800, "jti": str(uuid.uuid4()),
        "role": "guest",
        "ctx": {"tenant": "t-42", "scopes": ["read", "write"], "level": 3, "beta": True},
    }


class CliError(Exception):
    pass


class Maker:
    def __init__(self, binary, out):
        self.bin = binary
        self.out = out
        self.keydir = os.path.join(out, "keyfiles")
        os.makedirs(self.keydir, exist_ok=True)
        self.passed = self.failed = 0
        self.skipped = []
        self.skip = set(os.environ.get("INTEROP_SKIP", "").split())

    # -- CLI plumbing ---------------------------------------------------------------------
    def cli(self, args, stdin=b""):
        try:
            p = subprocess.run([self.bin] + args, input=stdin, capture_output=True, timeout=120)
        except (OSError, subprocess.TimeoutExpired) as e:
            raise CliError("jwcrypt %s: %s" % (" ".join(args), e)) from e
        if p.returncode != 0:
            err = [l for l in p.stderr.decode(errors="replace").splitlines() if l.strip()]
            raise CliError("jwcrypt %s: exit %d: %s" % (" ".join(args), p.returncode,
                                                          err[0] if err else "(no stderr)"))
        return p.stdout

    def text(self, args, stdin=b""):
        out = self.cli(args, stdin).decode()
        if not out.endswith("\n"):
            raise CliError("jwcrypt %s: output lacks the trailing newline" % " ".join(args))
        return out[:-1]

    def json_out(self, args, stdin=b""):
        return json.loads(self.text(args, stdin))

    def attempt(self, what, fn):
        """Run one CLI step; count it; return its value or None."""
        try:
            v = fn()
        except Exception as e:  # noqa: BLE001 - any error is a failure of this step
            self.failed += 1
            print("FAIL make %s: %s" % (what, e))
            return None
        self.passed += 1
        return v

    def keyfile(self, name, jwk):
        path = os.path.join(self.keydir, name + ".json")
        with open(path, "w") as f:
            json.dump(jwk, f)
        return path

    def write(self, name, cases, **extra):
        doc = {"generator": "jwcrypt CLI (%s)" % self.bin, "cases": cases}
        doc.update(extra)
        with open(os.path.join(self.out, name), "w") as f:
            json.dump(doc, f, indent=1)
            f.write("\n")
        print("made %s: %d cases" % (name, len(cases)))

    # -- keys -----------------------------------------------------------------------------
    def generate(self, kty, bits, alg=None, kid=None, crv=None):
        args = ["key", "generate", "--kty", kty]
        args += ["--crv", crv] if crv else ["--size", str(bits)]
        if alg:
            args += ["--alg", alg]
        if kid:
            args += ["--kid", kid]
        return self.json_out(args)

    def make_keys(self):
        pwfile = os.path.join(self.keydir, "password.txt")
        with open(pwfile, "w") as f:
            f.write(PASSWORD)
        cases = []
        specs = [("rsa2048", "RSA", None, 2048, "RS256", "rsa2048"),
                 ("rsa3072", "RSA", None, 3072, "RSA-OAEP-256", "rsa3072"),
                 ("rsa4096", "RSA", None, 4096, None, None),
                 ("oct128", "oct", None, 128, "A128KW", "oct128"),
                 ("oct192", "oct", None, 192, "A192GCMKW", None),
                 ("oct256", "oct", None, 256, "HS256", "oct256"),
                 ("oct384", "oct", None, 384, "HS384", None),
                 ("oct512", "oct", None, 512, None, None)] + CURVE_KEYS
        for name, kty, crv, bits, alg, kid in specs:
            jwk = self.attempt("key generate %s" % name,
                               lambda: self.generate(kty, bits, alg, kid, crv))
            if jwk is None:
                continue
            raw = json.dumps(jwk).encode()
            c = {"name": name, "kty": kty, "bits": bits, "jwk_private": jwk, "jwk_public": None,
                 "pem_pkcs8": None, "pem_pkcs8_encrypted": None, "password": None,
                 "pem_pkcs1_private": None, "pem_pkcs1_public": None, "pem_spki": None,
                 "thumbprint_sha256": None, "thumbprint_sha384": None, "thumbprint_sha512": None}
            if crv:
                c["crv"] = crv
                c["pem_sec1"] = None  # SEC1 is input only for the CLI
            c["thumbprint_sha256"] = self.attempt("key thumbprint %s" % name,
                                                  lambda: self.text(["key", "thumbprint"], raw))
            if kty != "oct":
                c["jwk_public"] = self.attempt("key public %s" % name,
                                               lambda: self.json_out(["key", "public"], raw))
                c["pem_pkcs8"] = self.attempt("key to-pem %s" % name,
                                              lambda: self.text(["key", "to-pem"], raw) + "\n")
                c["pem_spki"] = self.attempt("key to-pem --public %s" % name,
                                             lambda: self.text(["key", "to-pem", "--public"], raw) + "\n")
                c["pem_pkcs8_encrypted"] = self.attempt(
                    "key to-pem --password-file %s" % name,
                    lambda: self.text(["key", "to-pem", "--password-file", pwfile], raw) + "\n")
                if c["pem_pkcs8_encrypted"]:
                    c["password"] = PASSWORD
                # the public JWK must give the same thumbprint through the CLI too
                if c["jwk_public"] and c["thumbprint_sha256"]:
                    pub = json.dumps(c["jwk_public"]).encode()
                    def same_tp():
                        tp = self.text(["key", "thumbprint"], pub)
                        if tp != c["thumbprint_sha256"]:
                            raise CliError("thumbprint of the public JWK differs: %s" % tp)
                    self.attempt("key thumbprint (public) %s" % name, same_tp)
            cases.append(c)
        self.write("keys.json", cases)

    # -- shared keys for tokens -----------------------------------------------------------
    def make_token_keys(self):
        self.jwks, self.files = {}, {}
        specs = [("rsa", "RSA", 2048)] + [("oct%d" % b, "oct", b) for b in (128, 192, 256, 384, 512)]
        for name, kty, bits in specs:
            jwk = self.attempt("key generate token key %s" % name,
                               lambda: self.generate(kty, bits, kid="interop-" + name))
            if jwk is not None:
                self.jwks[name] = jwk
                self.files[name] = self.keyfile(name, jwk)
        if "rsa" in self.jwks:
            self.rsa_public = self.attempt("key public token key rsa", lambda: self.json_out(
                ["key", "public"], json.dumps(self.jwks["rsa"]).encode()))
        # EC / OKP: one signing key per curve and two ECDH-ES keys, each with its public half
        self.curve = {}
        curves = [("sig", kty, crv) for _, kty, crv, _, _, _ in CURVE_KEYS
                  if not crv.startswith("X")] + [("ecdh", "EC", "P-256"), ("ecdh", "OKP", "X25519")]
        for role, kty, crv in curves:
            name = "%s-%s" % (role, crv)
            jwk = self.attempt("key generate token key %s" % name,
                               lambda: self.generate(kty, None, kid="interop-" + name, crv=crv))
            if jwk is None:
                continue
            pub = self.attempt("key public token key %s" % name,
                               lambda: self.json_out(["key", "public"], json.dumps(jwk).encode()))
            if pub is None:
                continue
            self.curve[name] = {"jwk": jwk, "public": pub, "file": self.keyfile(name, jwk),
                                "public_file": self.keyfile(name + ".public", pub)}

    def sign_key(self, alg):
        return "oct%d" % HS_KEY_BITS[alg] if alg.startswith("HS") else "rsa"

    def kw_key(self, alg, enc):
        if alg == "dir":
            return "oct%d" % ENC_KEY_BITS[enc]
        return "oct%d" % KW_KEY_BITS[alg] if alg in KW_KEY_BITS else "rsa"

    def public_of(self, name):
        return self.jwks[name] if name.startswith("oct") else self.rsa_public

    # -- jws ------------------------------------------------------------------------------
    def make_jws(self):
        cases = []
        for alg in SIGN_ALGS:
            k = self.sign_key(alg)
            if k not in self.files or (k == "rsa" and not self.rsa_public):
                continue
            base = ["jws", "sign", "--key", self.files[k], "--alg", alg]
            c = {"name": "jws-" + alg, "alg": alg, "jwk": self.jwks[k], "jwk_public": self.public_of(k),
                 "payload_b64u": b64u(PAYLOAD), "compact": None, "json_flattened": None,
                 "json_general": None}
            c["compact"] = self.attempt("jws sign %s" % alg, lambda: self.text(base, PAYLOAD))
            js = self.attempt("jws sign --json %s" % alg, lambda: self.text(base + ["--json"], PAYLOAD))
            if js is not None:
                c["json_general" if "signatures" in json.loads(js) else "json_flattened"] = js
            cases.append(c)
        for alg, crv in EC_SIGN:
            k = self.curve.get("sig-" + crv)
            if k is None:
                continue
            base = ["jws", "sign", "--key", k["file"], "--alg", alg]
            c = {"name": "jws-%s-%s" % (alg, crv) if alg == "EdDSA" else "jws-" + alg, "alg": alg,
                 "crv": crv, "jwk": k["jwk"], "jwk_public": k["public"],
                 "payload_b64u": b64u(PAYLOAD), "compact": None, "json_flattened": None,
                 "json_general": None}
            c["compact"] = self.attempt("jws sign %s %s" % (alg, crv), lambda: self.text(base, PAYLOAD))
            js = self.attempt("jws sign --json %s %s" % (alg, crv),
                              lambda: self.text(base + ["--json"], PAYLOAD))
            if js is not None:
                c["json_general" if "signatures" in json.loads(js) else "json_flattened"] = js
            cases.append(c)
        self.write("jws.json", cases)

    # -- jwe ------------------------------------------------------------------------------
    def make_jwe(self):
        cases = []
        for alg in KW_ALGS:
            for enc in ENCS:
                if alg in self.skip or enc in self.skip:
                    self.skipped.append("jwe %s %s (INTEROP_SKIP)" % (alg, enc))
                    continue
                k = self.kw_key(alg, enc)
                if k not in self.files:
                    continue
                # encrypt to the public key: a peer decrypting proves the pair end to end
                keyfile = self.files[k]
                if k == "rsa":
                    if not self.rsa_public:
                        continue
                    keyfile = self.keyfile("rsa-public", self.rsa_public)
                for zip_ in (False, True):
                    pt = ZIP_PLAINTEXT if zip_ else PLAINTEXT
                    base = ["jwe", "encrypt", "--key", keyfile, "--alg", alg, "--enc", enc]
                    if zip_:
                        base.append("--zip")
                    tag = "jwe encrypt %s %s%s" % (alg, enc, " --zip" if zip_ else "")
                    c = {"name": "jwe-%s%s-%s" % ("zip-" if zip_ else "", alg, enc), "alg": alg,
                         "enc": enc, "jwk": self.jwks[k], "plaintext_b64u": b64u(pt),
                         "compact": None, "json_flattened": None, "json_general": None}
                    if zip_:
                        c["zip"] = "DEF"
                    c["compact"] = self.attempt(tag, lambda: self.text(base, pt))
                    js = self.attempt(tag + " --json", lambda: self.text(base + ["--json"], pt))
                    if js is not None:
                        c["json_general" if "recipients" in json.loads(js) else "json_flattened"] = js
                    cases.append(c)
        self.write("jwe.json", cases)

    # -- jwt ------------------------------------------------------------------------------
    def make_jwt(self):
        cases = []
        for sign_alg in ("HS256", "RS256", "PS256"):
            sk = self.sign_key(sign_alg)
            for enc_alg, enc in OUTERS:
                ek = self.kw_key(enc_alg, enc)
                if sk not in self.files or ek not in self.files:
                    continue
                claims = claims_template()
                token = self.attempt("jwt encrypt %s in %s+%s" % (sign_alg, enc_alg, enc), lambda: self.text(
                    ["jwt", "encrypt", "--sign-key", self.files[sk], "--sign-alg", sign_alg,
                     "--key", self.files[ek], "--alg", enc_alg, "--enc", enc],
                    json.dumps(claims).encode()))
                if token is not None:
                    cases.append({"name": "jwt-nested-%s-in-%s-%s" % (sign_alg, enc_alg, enc),
                                  "kind": "nested", "sign_alg": sign_alg, "sign_jwk": self.jwks[sk],
                                  "verify_jwk": self.public_of(sk), "enc_alg": enc_alg, "enc": enc,
                                  "enc_jwk": self.jwks[ek], "claims": claims, "token": token})
        for sign_alg, scrv, enc_alg, enc, ecrv in EC_NESTED:
            sk, ek = self.curve.get("sig-" + scrv), self.curve.get("ecdh-" + ecrv)
            if sk is None or ek is None:
                continue
            claims = claims_template()
            # encrypted to the ECDH-ES public key; the peer decrypts with the private one
            token = self.attempt("jwt encrypt %s in %s %s+%s" % (sign_alg, ecrv, enc_alg, enc),
                                 lambda: self.text(
                ["jwt", "encrypt", "--sign-key", sk["file"], "--sign-alg", sign_alg,
                 "--key", ek["public_file"], "--alg", enc_alg, "--enc", enc],
                json.dumps(claims).encode()))
            if token is not None:
                cases.append({"name": "jwt-nested-%s-in-%s-%s-%s" % (sign_alg, enc_alg, ecrv, enc),
                              "kind": "nested", "sign_alg": sign_alg, "sign_jwk": sk["jwk"],
                              "verify_jwk": sk["public"], "enc_alg": enc_alg, "enc": enc,
                              "enc_jwk": ek["jwk"], "claims": claims, "token": token})
        for sign_alg, crv in EC_SIGN:
            sk = self.curve.get("sig-" + crv)
            if sk is None:
                continue
            claims = claims_template()
            token = self.attempt("jwt sign %s %s" % (sign_alg, crv), lambda: self.text(
                ["jwt", "sign", "--key", sk["file"], "--alg", sign_alg], json.dumps(claims).encode()))
            if token is not None:
                cases.append({"name": "jwt-signed-%s" % (sign_alg + ("-" + crv if sign_alg == "EdDSA" else "")),
                              "kind": "signed", "sign_alg": sign_alg, "sign_jwk": sk["jwk"],
                              "verify_jwk": sk["public"], "claims": claims, "token": token})
        for sign_alg in SIGN_ALGS:  # PyJWT, jwcrypto and jose read all of these
            sk = self.sign_key(sign_alg)
            if sk not in self.files:
                continue
            claims = claims_template()
            token = self.attempt("jwt sign %s" % sign_alg, lambda: self.text(
                ["jwt", "sign", "--key", self.files[sk], "--alg", sign_alg], json.dumps(claims).encode()))
            if token is not None:
                cases.append({"name": "jwt-signed-%s" % sign_alg, "kind": "signed",
                              "sign_alg": sign_alg, "sign_jwk": self.jwks[sk],
                              "verify_jwk": self.public_of(sk), "claims": claims, "token": token})
        for enc_alg, enc in OUTERS:  # claims directly in a JWE
            ek = self.kw_key(enc_alg, enc)
            if ek not in self.files:
                continue
            claims = claims_template()
            token = self.attempt("jwe encrypt claims %s+%s" % (enc_alg, enc), lambda: self.text(
                ["jwe", "encrypt", "--key", self.files[ek], "--alg", enc_alg, "--enc", enc],
                json.dumps(claims).encode()))
            if token is not None:
                cases.append({"name": "jwt-encrypted-%s-%s" % (enc_alg, enc), "kind": "encrypted",
                              "enc_alg": enc_alg, "enc": enc, "enc_jwk": self.jwks[ek],
                              "claims": claims, "token": token})
        self.write("jwt.json", cases)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    if not (os.path.isfile(a.bin) and os.access(a.bin, os.X_OK)):
        print("make_jwcrypt_fixtures: %s is not an executable file" % a.bin)
        print("interop: 0 passed, 1 failed")
        return 1
    os.makedirs(a.out, exist_ok=True)
    m = Maker(os.path.abspath(a.bin), a.out)
    m.make_keys()
    m.make_token_keys()
    m.make_jws()
    m.make_jwe()
    m.make_jwt()
    for s in m.skipped:
        print("skipped: %s" % s)
    print("interop: %d passed, %d failed" % (m.passed, m.failed))
    return 1 if m.failed else 0


if __name__ == "__main__":
    sys.exit(main())
