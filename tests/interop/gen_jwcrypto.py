#!/usr/bin/env python3
"""Generate interop fixtures with jwcrypto (and PyJWT) into tests/data/interop/.

Writes:
  tests/data/interop/jwcrypto/{keys,jws,jwe,jwt}.json   made by jwcrypto
  tests/data/interop/pyjwt/jwt.json                     signed JWTs made by PyJWT

Every token is checked right after it is made by reading it back with jwcrypto; the
cross-check by panva/jose is done by check_fixtures.mjs (see README.md).

Run through the venv made by setup.sh:  tests/interop/.venv/bin/python tests/interop/gen_jwcrypto.py
"""
import base64
import importlib.metadata as md
import json
import os
import secrets
import sys
import uuid

from cryptography.hazmat.primitives import hashes, serialization
from jwcrypto import jwe, jwk, jws, jwt
from jwcrypto.common import json_decode

import jwt as pyjwt

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "tests", "data", "interop")

SIGN_ALGS = ["HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512"]
KW_ALGS = ["A128KW", "A192KW", "A256KW", "dir", "A128GCMKW", "A192GCMKW", "A256GCMKW",
           "RSA-OAEP", "RSA-OAEP-256", "RSA-OAEP-384", "RSA-OAEP-512"]
ENCS = ["A128CBC-HS256", "A192CBC-HS384", "A256CBC-HS512", "A128GCM", "A192GCM", "A256GCM"]
ENC_KEY_BITS = {"A128CBC-HS256": 256, "A192CBC-HS384": 384, "A256CBC-HS512": 512,
                "A128GCM": 128, "A192GCM": 192, "A256GCM": 256}
KW_KEY_BITS = {"A128KW": 128, "A192KW": 192, "A256KW": 256,
               "A128GCMKW": 128, "A192GCMKW": 192, "A256GCMKW": 256}
HS_KEY_BITS = {"HS256": 256, "HS384": 384, "HS512": 512}
PASSWORD = "interop-test-password"

# EC and OKP (issue 13): every curve jwcrypt takes, with the signing algorithms that use it.
# (name, kty, crv, bits as jwcrypt counts them, extra JWK members)
CURVE_KEYS = [
    ("ec-p256", "EC", "P-256", 256, dict(kid="ec-p256", use="sig", alg="ES256")),
    ("ec-p384", "EC", "P-384", 384, dict(kid="ec-p384")),
    ("ec-p521", "EC", "P-521", 521, dict(alg="ES512")),
    ("ec-secp256k1", "EC", "secp256k1", 256, dict(kid="ec-secp256k1", alg="ES256K")),
    ("okp-ed25519", "OKP", "Ed25519", 256, dict(kid="okp-ed25519", alg="EdDSA", use="sig")),
    ("okp-ed448", "OKP", "Ed448", 456, dict()),
    ("okp-x25519", "OKP", "X25519", 256, dict(kid="okp-x25519", use="enc", alg="ECDH-ES")),
    ("okp-x448", "OKP", "X448", 448, dict(alg="ECDH-ES+A256KW")),
]
# (alg, crv): EdDSA once per Edwards curve; Ed25519 and Ed448 are the RFC 9864 names
EC_SIGN = [("ES256", "P-256"), ("ES384", "P-384"), ("ES512", "P-521"), ("ES256K", "secp256k1"),
           ("EdDSA", "Ed25519"), ("EdDSA", "Ed448"), ("Ed25519", "Ed25519"), ("Ed448", "Ed448")]
# ECDSA group orders: a signature (r, s) with s > n/2 ("high S") is as valid as (r, n - s);
# jwcrypto (OpenSSL) makes either, so the fixtures hold one of each for sure
EC_ORDER = {
    "P-256": 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551,
    "P-384": int("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC7634D81F4372DDF581A0DB248B0A77AEC"
                 "EC196ACCC52973", 16),
    "P-521": int("01FF" + "FFFFFFFF" * 7 + "FFFFFFFA51868783BF2F966B7FCC0148F709A5D03BB5C9B8"
                 "899C47AEBB6FB71E91386409", 16),
    "secp256k1": 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141,
}

# PyJWT has no RFC 9864 names
PYJWT_EC_SIGN = [(a, c) for a, c in EC_SIGN if a not in ("Ed25519", "Ed448")]
# nested JWTs: (sign_alg, sign crv, enc_alg, enc, ECDH key crv)
EC_NESTED = [("ES256", "P-256", "ECDH-ES+A256KW", "A256GCM", "P-256"),
             ("ES256", "P-256", "ECDH-ES+A256KW", "A256CBC-HS512", "P-256"),
             ("EdDSA", "Ed25519", "ECDH-ES", "A256GCM", "X25519"),
             ("EdDSA", "Ed25519", "ECDH-ES+A256KW", "A256CBC-HS512", "X25519")]


def b64u(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def version_string():
    return "jwcrypto %s (cryptography %s)" % (md.version("jwcrypto"), md.version("cryptography"))


def write(sub, name, generator, cases, **extra):
    d = os.path.join(OUT, sub)
    os.makedirs(d, exist_ok=True)
    doc = {"generator": generator, "cases": cases}
    doc.update(extra)
    with open(os.path.join(d, name), "w") as f:
        json.dump(doc, f, indent=1, sort_keys=False)
        f.write("\n")
    print("wrote %s/%s: %d cases%s" % (sub, name, len(cases),
          (", %d skipped" % len(extra["skipped"])) if "skipped" in extra else ""))


def jdict(key: jwk.JWK, private: bool) -> dict:
    return json.loads(key.export(private_key=private)) if private else json.loads(key.export_public())


def claims_template():
    return {
        "iss": "https://issuer.example",
        "sub": "alice",
        "aud": "jwcrypt-tests",
        "iat": 1700000000,
        "nbf": 1700000000,
        "exp": 4102444800,
        "jti": str(uuid.uuid4()),
        "role": "guest",
        "ctx": {"tenant": "t-42", "scopes": ["read", "write"], "level": 3, "beta": True},
    }


# ---------------------------------------------------------------------------------------
# keys.json

def pyca_private(key: jwk.JWK):
    """The cryptography RSAPrivateKey behind a jwcrypto key (whatever its key_ops say)."""
    return serialization.load_pem_private_key(key.export_to_pem(private_key=True, password=None),
                                              password=None)


def pem_fields(key: jwk.JWK):
    priv = pyca_private(key)
    pub = priv.public_key()
    return {
        "pem_pkcs8": key.export_to_pem(private_key=True, password=None).decode(),
        "pem_pkcs8_encrypted": key.export_to_pem(private_key=True,
                                                 password=PASSWORD.encode()).decode(),
        "password": PASSWORD,
        "pem_pkcs1_private": priv.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption()).decode(),
        "pem_pkcs1_public": pub.public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.PKCS1).decode(),
        "pem_spki": key.export_to_pem(private_key=False).decode(),
    }


def raw_public_b64u(pem: str, password=None) -> str:
    """The OKP public key in a PEM (private or SPKI) as JWK `x`, read by cryptography."""
    data = pem.encode()
    if b"PUBLIC KEY" in data.split(b"\n", 1)[0]:
        pub = serialization.load_pem_public_key(data)
    else:
        pub = serialization.load_pem_private_key(data, password=password).public_key()
    return b64u(pub.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw))


def curve_pem_fields(key: jwk.JWK):
    """PEM forms of an EC or OKP key, written by OpenSSL through cryptography."""
    priv = pyca_private(key)
    pub = priv.public_key()
    pem = serialization.Encoding.PEM
    return {
        "pem_pkcs8": priv.private_bytes(pem, serialization.PrivateFormat.PKCS8,
                                        serialization.NoEncryption()).decode(),
        "pem_pkcs8_encrypted": priv.private_bytes(
            pem, serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(PASSWORD.encode())).decode(),
        "password": PASSWORD,
        "pem_pkcs1_private": None,
        "pem_pkcs1_public": None,
        "pem_spki": pub.public_bytes(pem, serialization.PublicFormat.SubjectPublicKeyInfo).decode(),
        # SEC1 / RFC 5915 "EC PRIVATE KEY" (with the curve and the public point)
        "pem_sec1": priv.private_bytes(pem, serialization.PrivateFormat.TraditionalOpenSSL,
                                       serialization.NoEncryption()).decode()
        if key.get("kty") == "EC" else None,
    }


def key_case(name, key: jwk.JWK, bits):
    kty = key.get("kty")
    case = {"name": name, "kty": kty, "bits": bits,
            "jwk_private": jdict(key, True),
            # a symmetric key has no public form: jwcrypto refuses to export one
            "jwk_public": jdict(key, False) if kty != "oct" else None}
    if kty == "RSA":
        case.update(pem_fields(key))
        # self-check: every PEM form loads back into the same key
        tp = key.thumbprint()
        for f, pw in (("pem_pkcs8", None), ("pem_pkcs8_encrypted", PASSWORD.encode()),
                      ("pem_pkcs1_private", None), ("pem_pkcs1_public", None),
                      ("pem_spki", None)):
            k2 = jwk.JWK.from_pem(case[f].encode(), password=pw)
            assert k2.thumbprint() == tp, f
    elif kty in ("EC", "OKP"):
        case["crv"] = key.get("crv")
        case.update(curve_pem_fields(key))
        tp = key.thumbprint()
        assert case["pem_sec1"] is None or "BEGIN EC PRIVATE KEY" in case["pem_sec1"]
        for f, pw in (("pem_pkcs8", None), ("pem_pkcs8_encrypted", PASSWORD.encode()),
                      ("pem_spki", None), ("pem_sec1", None)):
            if not case[f]:
                continue
            if case["crv"] == "X448":
                # jwcrypto 1.6.1 imports no X448 PEM ("Unknown key object"): compare the raw
                # public key that cryptography reads from it instead
                assert raw_public_b64u(case[f], pw) == key.get("x"), f
                continue
            k2 = jwk.JWK.from_pem(case[f].encode(), password=pw)
            assert k2.thumbprint() == tp, f
    else:
        for f in ("pem_pkcs8", "pem_pkcs8_encrypted", "password", "pem_pkcs1_private",
                  "pem_pkcs1_public", "pem_spki"):
            case[f] = None
    case["thumbprint_sha256"] = key.thumbprint(hashes.SHA256())
    case["thumbprint_sha384"] = key.thumbprint(hashes.SHA384())
    case["thumbprint_sha512"] = key.thumbprint(hashes.SHA512())
    return case


def short_members(d):
    nlen = len(base64.urlsafe_b64decode(d["n"] + "=="))
    full = {"d": nlen, "p": nlen // 2, "q": nlen // 2, "dp": nlen // 2, "dq": nlen // 2,
            "qi": nlen // 2}
    return [m for m, n in full.items()
            if len(base64.urlsafe_b64decode(d[m] + "=" * (-len(d[m]) % 4))) < n]


def gen_keys():
    cases = []
    cases.append(key_case("rsa2048", jwk.JWK.generate(kty="RSA", size=2048, kid="rsa2048",
                                                      use="sig", alg="RS256"), 2048))
    cases.append(key_case("rsa3072", jwk.JWK.generate(kty="RSA", size=3072, kid="rsa3072",
                                                      key_ops=["encrypt", "decrypt", "wrapKey", "unwrapKey"],
                                                      alg="RSA-OAEP-256"), 3072))
    cases.append(key_case("rsa4096", jwk.JWK.generate(kty="RSA", size=4096), 4096))
    cases.append(key_case("rsa2048-bare", jwk.JWK.generate(kty="RSA", size=2048), 2048))
    # Base64urlUInt is minimal: a private member below its nominal size (d shorter than n,
    # dp/dq/qi shorter than half of n) is encoded shorter, with no leading zero. About 1 key
    # in 60 has one; look for it so that the readers meet one for sure.
    for _ in range(3000):
        k = jwk.JWK.generate(kty="RSA", size=2048, kid="rsa2048-short")
        short = short_members(json.loads(k.export_private()))
        if short:
            c = key_case("rsa2048-short-member", k, 2048)
            c["short_members"] = short
            cases.append(c)
            break
    else:
        raise SystemExit("no RSA key with a short private member in 3000 tries")
    oct_params = {
        128: dict(kid="oct128", alg="A128KW", use="enc"),
        192: dict(kid="oct192", alg="A192GCMKW", key_ops=["wrapKey", "unwrapKey"]),
        256: dict(kid="oct256", alg="HS256", use="sig"),
        384: dict(alg="HS384"),
        512: dict(),
    }
    for bits, params in oct_params.items():
        cases.append(key_case("oct%d" % bits, jwk.JWK.generate(kty="oct", size=bits, **params), bits))
    for name, kty, crv, bits, params in CURVE_KEYS:
        cases.append(key_case(name, jwk.JWK.generate(kty=kty, crv=crv, **params), bits))
    return cases


# ---------------------------------------------------------------------------------------
# shared keys for token cases

class Keys:
    def __init__(self):
        self.rsa = jwk.JWK.generate(kty="RSA", size=2048, kid="interop-rsa")
        self.oct = {}
        # one key per curve; the ECDH-ES keys of the nested JWTs are apart from the signing keys
        self.curve = {crv: jwk.JWK.generate(kty=kty, crv=crv, kid="interop-" + crv)
                      for _, kty, crv, _, _ in CURVE_KEYS}
        self.ecdh = {crv: jwk.JWK.generate(kty=kty, crv=crv, kid="interop-ecdh-" + crv)
                     for kty, crv in (("EC", "P-256"), ("OKP", "X25519"))}

    def oct_key(self, bits):
        if bits not in self.oct:
            self.oct[bits] = jwk.JWK.generate(kty="oct", size=bits, kid="interop-oct%d" % bits)
        return self.oct[bits]

    def for_sign(self, alg):
        return self.oct_key(HS_KEY_BITS[alg]) if alg.startswith("HS") else self.rsa

    def for_kw(self, alg, enc):
        if alg == "dir":
            return self.oct_key(ENC_KEY_BITS[enc])
        if alg in KW_KEY_BITS:
            return self.oct_key(KW_KEY_BITS[alg])
        return self.rsa


def public_or_oct(key):
    return jdict(key, key.get("kty") == "oct")


# ---------------------------------------------------------------------------------------
# jws.json

PAYLOAD = json.dumps({"msg": "interop payload", "n": 42, "unicode": "\u00e9\u4e2d"},
                     ensure_ascii=False).encode()


def sign_one(key, alg, header=None, payload=PAYLOAD, extra_protected=None):
    s = jws.JWS(payload)
    prot = {"alg": alg, "kid": key.get("kid")}
    if extra_protected:
        prot.update(extra_protected)
    s.add_signature(key, None, json.dumps(prot), json.dumps(header) if header else None)
    return s


def verify_jws(token, key, alg, unencoded=False):
    s = jws.JWS()
    s.allowed_algs = [alg]
    if unencoded and not token.startswith("{"):
        # jwcrypto reads an RFC 7797 compact token only with the payload detached
        h, p, sig = token.split(".")
        s.deserialize(h + ".." + sig)
        s.verify(key, detached_payload=p.encode())
        return p.encode()
    s.deserialize(token)
    s.verify(key)
    return s.payload if isinstance(s.payload, bytes) else s.payload.encode()


def to_general(flat_json: str) -> str:
    f = json.loads(flat_json)
    sig = {k: f[k] for k in ("protected", "header", "signature") if k in f}
    return json.dumps({"payload": f["payload"], "signatures": [sig]})


def gen_jws(keys: Keys):
    cases = []
    for alg in SIGN_ALGS:
        key = keys.for_sign(alg)
        compact = sign_one(key, alg).serialize(compact=True)
        flat = sign_one(key, alg, header={"x-unprotected": "flattened"}).serialize()
        general = to_general(sign_one(key, alg).serialize())
        for t in (compact, flat, general):
            assert verify_jws(t, key, alg) == PAYLOAD
        cases.append({"name": "jws-" + alg, "alg": alg, "jwk": jdict(key, True),
                      "jwk_public": public_or_oct(key), "payload_b64u": b64u(PAYLOAD),
                      "compact": compact, "json_flattened": flat, "json_general": general})

    for alg, crv in EC_SIGN:
        key = keys.curve[crv]
        compact = sign_one(key, alg).serialize(compact=True)
        flat = sign_one(key, alg, header={"x-unprotected": "flattened"}).serialize()
        general = to_general(sign_one(key, alg).serialize())
        pub = jwk.JWK(**jdict(key, False))
        for t in (compact, flat, general):
            assert verify_jws(t, pub, alg) == PAYLOAD
        cases.append({"name": "jws-%s-%s" % (alg, crv) if alg == "EdDSA" else "jws-" + alg,
                      "alg": alg, "crv": crv, "jwk": jdict(key, True),
                      "jwk_public": jdict(key, False), "payload_b64u": b64u(PAYLOAD),
                      "compact": compact, "json_flattened": flat, "json_general": general})

    # ECDSA with s above and below n/2: both are valid signatures (RFC 7518 §3.4 and RFC 8812
    # put no bound on s), and OpenSSL makes either
    for alg, crv in EC_SIGN:
        if not alg.startswith("ES"):
            continue
        key = keys.curve[crv]
        pub = jwk.JWK(**jdict(key, False))
        for high in (True, False):
            def signed(serialize):
                for _ in range(200):
                    t = serialize()
                    sig = (t.rsplit(".", 1)[1] if not t.startswith("{") else
                           (json.loads(t).get("signature") or json.loads(t)["signatures"][0]["signature"]))
                    raw = base64.urlsafe_b64decode(sig + "=" * (-len(sig) % 4))
                    s_val = int.from_bytes(raw[len(raw) // 2:], "big")
                    if (s_val > EC_ORDER[crv] // 2) == high:
                        assert verify_jws(t, pub, alg) == PAYLOAD
                        return t
                raise SystemExit("no %s signature with high S = %s in 200 tries" % (alg, high))
            cases.append({"name": "jws-%s-%s-s" % (alg, "high" if high else "low"), "alg": alg,
                          "crv": crv, "high_s": high, "jwk": jdict(key, True),
                          "jwk_public": jdict(key, False), "payload_b64u": b64u(PAYLOAD),
                          "compact": signed(lambda: sign_one(key, alg).serialize(compact=True)),
                          "json_flattened": signed(lambda: sign_one(key, alg).serialize()),
                          "json_general": signed(lambda: to_general(sign_one(key, alg).serialize()))})

    # general JSON with an ECDSA and an EdDSA signature
    signers = [("ES384", keys.curve["P-384"]), ("EdDSA", keys.curve["Ed25519"])]
    s = jws.JWS(PAYLOAD)
    for alg, key in signers:
        s.add_signature(key, None, json.dumps({"alg": alg}), json.dumps({"kid": key.get("kid")}))
    general2 = s.serialize()
    for alg, key in signers:
        assert verify_jws(general2, jwk.JWK(**jdict(key, False)), alg) == PAYLOAD
    cases.append({"name": "jws-general-ES384-EdDSA", "kind": "general_multi",
                  "signers": [{"alg": alg, "jwk": jdict(k, True), "jwk_public": jdict(k, False)}
                              for alg, k in signers],
                  "payload_b64u": b64u(PAYLOAD), "json_general": general2})

    # general JSON with two signatures
    hs, rs = keys.for_sign("HS256"), keys.rsa
    s = jws.JWS(PAYLOAD)
    s.add_signature(hs, None, json.dumps({"alg": "HS256"}), json.dumps({"kid": hs.get("kid")}))
    s.add_signature(rs, None, json.dumps({"alg": "RS256"}), json.dumps({"kid": rs.get("kid")}))
    general2 = s.serialize()
    assert len(json.loads(general2)["signatures"]) == 2
    assert verify_jws(general2, hs, "HS256") == PAYLOAD
    assert verify_jws(general2, rs, "RS256") == PAYLOAD
    cases.append({"name": "jws-general-two-signatures", "kind": "general_multi",
                  "signers": [{"alg": "HS256", "jwk": jdict(hs, True), "jwk_public": jdict(hs, True)},
                              {"alg": "RS256", "jwk": jdict(rs, True), "jwk_public": jdict(rs, False)}],
                  "payload_b64u": b64u(PAYLOAD), "json_general": general2})

    # RFC 7797 unencoded payload (no '.' so that compact works too)
    raw = b"$unencoded payload for RFC 7797 without dots"
    unenc = {"b64": False, "crit": ["b64"]}
    key = keys.for_sign("HS256")
    compact = sign_one(key, "HS256", payload=raw, extra_protected=unenc).serialize(compact=True)
    # jwcrypto's JSON serializer only handles an unencoded payload given as str
    flat = sign_one(key, "HS256", payload=raw.decode(), extra_protected=unenc).serialize()
    general = to_general(sign_one(key, "HS256", payload=raw.decode(),
                                  extra_protected=unenc).serialize())
    for t in (compact, flat, general):
        assert verify_jws(t, key, "HS256", unencoded=True) == raw
    assert compact.split(".")[1] == raw.decode()
    cases.append({"name": "jws-rfc7797-b64-false", "b64": False, "alg": "HS256",
                  "jwk": jdict(key, True), "jwk_public": jdict(key, True),
                  "payload_b64u": b64u(raw), "compact": compact, "json_flattened": flat,
                  "json_general": general})
    return cases


# ---------------------------------------------------------------------------------------
# jwe.json

PLAINTEXT = ("Interop plaintext: \u00e9t\u00e9 \u2603 " + "The true sign of intelligence is not "
             "knowledge but imagination. ").encode()
ZIP_PLAINTEXT = (b"compress me please; " * 40)


def decrypt_jwe(token, key, alg, enc, legacy=False):
    e = jwe.JWE()
    e.allowed_algs = [alg, enc]
    e.deserialize(token, key=key)
    return e.payload


def encrypt_one(key, alg, enc, plaintext=PLAINTEXT, compact=True, zip_=False, aad=None):
    if compact:
        prot = {"alg": alg, "enc": enc, "kid": key.get("kid")}
        if zip_:
            prot["zip"] = "DEF"
        e = jwe.JWE(plaintext, protected=json.dumps(prot))
        e.allowed_algs = [alg, enc]
        e.add_recipient(key)
        return e.serialize(compact=True)
    # flattened JSON: enc (and zip) protected, alg + kid in the per-recipient header
    prot = {"enc": enc}
    if zip_:
        prot["zip"] = "DEF"
    e = jwe.JWE(plaintext, protected=json.dumps(prot), aad=aad)
    e.allowed_algs = [alg, enc]
    e.add_recipient(key, header=json.dumps({"alg": alg, "kid": key.get("kid")}))
    return e.serialize()


def supported_alg(alg):
    try:
        from jwcrypto.jwa import JWA
        JWA.keymgmt_alg(alg)
        return True
    except Exception:
        return False


def gen_jwe(keys: Keys):
    cases, skipped = [], []
    for alg in KW_ALGS:
        for enc in ENCS:
            if not supported_alg(alg):
                skipped.append({"alg": alg, "enc": enc,
                                "reason": "jwcrypto %s does not implement %s" % (md.version("jwcrypto"), alg)})
                continue
            key = keys.for_kw(alg, enc)
            compact = encrypt_one(key, alg, enc)
            flat = encrypt_one(key, alg, enc, compact=False)
            for t in (compact, flat):
                assert decrypt_jwe(t, key, alg, enc) == PLAINTEXT
            cases.append({"name": "jwe-%s-%s" % (alg, enc), "alg": alg, "enc": enc,
                          "jwk": jdict(key, True), "plaintext_b64u": b64u(PLAINTEXT),
                          "compact": compact, "json_flattened": flat})

    for alg, enc in (("A256KW", "A256GCM"), ("RSA-OAEP-256", "A128CBC-HS256"), ("dir", "A256GCM"),
                     ("A128GCMKW", "A256CBC-HS512")):
        key = keys.for_kw(alg, enc)
        compact = encrypt_one(key, alg, enc, plaintext=ZIP_PLAINTEXT, zip_=True)
        flat = encrypt_one(key, alg, enc, plaintext=ZIP_PLAINTEXT, compact=False, zip_=True)
        for t in (compact, flat):
            assert decrypt_jwe(t, key, alg, enc) == ZIP_PLAINTEXT
        # the ciphertext must be shorter than the plaintext, i.e. really deflated
        assert len(compact.split(".")[3]) < len(b64u(ZIP_PLAINTEXT)) // 2
        cases.append({"name": "jwe-zip-%s-%s" % (alg, enc), "zip": "DEF", "alg": alg, "enc": enc,
                      "jwk": jdict(key, True), "plaintext_b64u": b64u(ZIP_PLAINTEXT),
                      "compact": compact, "json_flattened": flat})

    # general JSON, two recipients (A256KW and RSA-OAEP-256), shared unprotected header
    enc = "A256GCM"
    k1, k2 = keys.oct_key(256), keys.rsa
    e = jwe.JWE(PLAINTEXT, protected=json.dumps({"enc": enc}),
                unprotected=json.dumps({"jku-note": "shared unprotected header"}))
    e.allowed_algs = ["A256KW", "RSA-OAEP-256", enc]
    e.add_recipient(k1, header=json.dumps({"alg": "A256KW", "kid": k1.get("kid")}))
    e.add_recipient(k2, header=json.dumps({"alg": "RSA-OAEP-256", "kid": k2.get("kid")}))
    general = e.serialize()
    assert len(json.loads(general)["recipients"]) == 2
    assert decrypt_jwe(general, k1, "A256KW", enc) == PLAINTEXT
    assert decrypt_jwe(general, k2, "RSA-OAEP-256", enc) == PLAINTEXT
    cases.append({"name": "jwe-general-two-recipients", "kind": "general_multi", "enc": enc,
                  "recipients": [{"alg": "A256KW", "jwk": jdict(k1, True)},
                                 {"alg": "RSA-OAEP-256", "jwk": jdict(k2, True)}],
                  "plaintext_b64u": b64u(PLAINTEXT), "json_general": general})

    # JSON with "aad"
    aad = b"additional authenticated data \x00\x01\xff"
    for alg, enc in (("A128KW", "A128CBC-HS256"), ("RSA-OAEP", "A256GCM")):
        key = keys.for_kw(alg, enc)
        flat = encrypt_one(key, alg, enc, compact=False, aad=aad)
        assert json.loads(flat)["aad"] == b64u(aad)
        assert decrypt_jwe(flat, key, alg, enc) == PLAINTEXT
        cases.append({"name": "jwe-aad-%s-%s" % (alg, enc), "alg": alg, "enc": enc,
                      "jwk": jdict(key, True), "plaintext_b64u": b64u(PLAINTEXT),
                      "aad_b64u": b64u(aad), "compact": None, "json_flattened": flat})

    # legacy RSA1_5
    for i in range(2):
        alg, enc = "RSA1_5", "A128CBC-HS256"
        key = keys.rsa
        compact = encrypt_one(key, alg, enc)
        flat = encrypt_one(key, alg, enc, compact=False)
        for t in (compact, flat):
            assert decrypt_jwe(t, key, alg, enc) == PLAINTEXT
        cases.append({"name": "jwe-legacy-RSA1_5-%d" % i, "legacy": True, "alg": alg, "enc": enc,
                      "jwk": jdict(key, True), "plaintext_b64u": b64u(PLAINTEXT),
                      "compact": compact, "json_flattened": flat})
    return cases, skipped


# ---------------------------------------------------------------------------------------
# jwt.json

def jwt_sign(claims, key, alg):
    t = jwt.JWT(header={"alg": alg, "typ": "JWT", "kid": key.get("kid")}, claims=claims)
    t.make_signed_token(key)
    return t.serialize()


def jwt_encrypt(payload, key, alg, enc, cty=None):
    h = {"alg": alg, "enc": enc, "kid": key.get("kid")}
    if cty:
        h["cty"] = cty
    t = jwt.JWT(header=h, claims=payload)
    t.make_encrypted_token(key)
    return t.serialize()


def check_signed(token, key, alg, claims):
    t = jwt.JWT(jwt=token, key=key, algs=[alg], check_claims={"iss": claims["iss"],
                                                              "aud": claims["aud"]})
    assert json_decode(t.claims) == claims


def gen_jwt(keys: Keys):
    cases = []
    outers = [("A256KW", "A256CBC-HS512"), ("RSA-OAEP-256", "A256GCM")]
    for sign_alg in ("HS256", "RS256", "PS256"):
        skey = keys.for_sign(sign_alg)
        for enc_alg, enc in outers:
            ekey = keys.for_kw(enc_alg, enc)
            claims = claims_template()
            inner = jwt_sign(claims, skey, sign_alg)
            token = jwt_encrypt(inner, ekey, enc_alg, enc, cty="JWT")
            # self-check: decrypt, then verify the inner token
            outer = jwt.JWT(jwt=token, key=ekey, algs=[enc_alg, enc], expected_type="JWE")
            assert outer.token.jose_header["cty"] == "JWT"
            check_signed(outer.claims, skey, sign_alg, claims)
            cases.append({"name": "jwt-nested-%s-in-%s-%s" % (sign_alg, enc_alg, enc),
                          "kind": "nested", "sign_alg": sign_alg, "sign_jwk": jdict(skey, True),
                          "verify_jwk": public_or_oct(skey), "enc_alg": enc_alg, "enc": enc,
                          "enc_jwk": jdict(ekey, True), "claims": claims, "token": token})
    for sign_alg, scrv, enc_alg, enc, ecrv in EC_NESTED:
        skey, ekey = keys.curve[scrv], keys.ecdh[ecrv]
        claims = claims_template()
        inner = jwt_sign(claims, skey, sign_alg)
        # encrypted to the public key; the private one decrypts
        token = jwt_encrypt(inner, jwk.JWK(**jdict(ekey, False)), enc_alg, enc, cty="JWT")
        outer = jwt.JWT(jwt=token, key=ekey, algs=[enc_alg, enc], expected_type="JWE")
        assert outer.token.jose_header["cty"] == "JWT"
        check_signed(outer.claims, jwk.JWK(**jdict(skey, False)), sign_alg, claims)
        cases.append({"name": "jwt-nested-%s-in-%s-%s-%s" % (sign_alg, enc_alg, ecrv, enc),
                      "kind": "nested", "sign_alg": sign_alg, "sign_jwk": jdict(skey, True),
                      "verify_jwk": jdict(skey, False), "enc_alg": enc_alg, "enc": enc,
                      "enc_jwk": jdict(ekey, True), "claims": claims, "token": token})
    for sign_alg in ("HS256", "RS256", "PS256"):
        skey = keys.for_sign(sign_alg)
        claims = claims_template()
        token = jwt_sign(claims, skey, sign_alg)
        check_signed(token, skey, sign_alg, claims)
        cases.append({"name": "jwt-signed-%s" % sign_alg, "kind": "signed", "sign_alg": sign_alg,
                      "sign_jwk": jdict(skey, True), "verify_jwk": public_or_oct(skey),
                      "claims": claims, "token": token})
    for sign_alg, crv in EC_SIGN:
        skey = keys.curve[crv]
        claims = claims_template()
        token = jwt_sign(claims, skey, sign_alg)
        check_signed(token, jwk.JWK(**jdict(skey, False)), sign_alg, claims)
        cases.append({"name": "jwt-signed-%s" % (sign_alg + ("-" + crv if sign_alg == "EdDSA" else "")),
                      "kind": "signed", "sign_alg": sign_alg, "sign_jwk": jdict(skey, True),
                      "verify_jwk": jdict(skey, False), "claims": claims, "token": token})
    for enc_alg, enc in outers:
        ekey = keys.for_kw(enc_alg, enc)
        claims = claims_template()
        token = jwt_encrypt(json.dumps(claims), ekey, enc_alg, enc)
        t = jwt.JWT(jwt=token, key=ekey, algs=[enc_alg, enc], expected_type="JWE")
        assert json_decode(t.claims) == claims
        cases.append({"name": "jwt-encrypted-%s-%s" % (enc_alg, enc), "kind": "encrypted",
                      "enc_alg": enc_alg, "enc": enc, "enc_jwk": jdict(ekey, True),
                      "claims": claims, "token": token})
    return cases


# ---------------------------------------------------------------------------------------
# pyjwt/jwt.json

def gen_pyjwt(keys: Keys):
    from jwt.algorithms import ECAlgorithm, HMACAlgorithm, OKPAlgorithm, RSAAlgorithm
    cases = []
    rsa_priv = pyca_private(keys.rsa)
    rsa_pem = keys.rsa.export_to_pem(private_key=True, password=None)
    rsa_jwk_priv = json.loads(RSAAlgorithm.to_jwk(rsa_priv))
    rsa_jwk_pub = json.loads(RSAAlgorithm.to_jwk(rsa_priv.public_key()))
    for alg in SIGN_ALGS:
        claims = claims_template()
        if alg.startswith("HS"):
            secret = base64.urlsafe_b64decode(keys.for_sign(alg).get("k") + "==")
            token = pyjwt.encode(claims, secret, algorithm=alg, headers={"kid": "pyjwt-oct"})
            jwk_priv = json.loads(HMACAlgorithm.to_jwk(secret))
            jwk_pub = jwk_priv
            vkey = secret
        else:
            token = pyjwt.encode(claims, rsa_pem, algorithm=alg, headers={"kid": "pyjwt-rsa"})
            jwk_priv, jwk_pub = rsa_jwk_priv, rsa_jwk_pub
            vkey = rsa_priv.public_key()
        back = pyjwt.decode(token, vkey, algorithms=[alg], audience=claims["aud"],
                            issuer=claims["iss"])
        assert back == claims
        # and jwcrypto reads it with the JWK that PyJWT wrote
        check_signed(token, jwk.JWK(**jwk_pub), alg, claims)
        cases.append({"name": "pyjwt-signed-%s" % alg, "kind": "signed", "sign_alg": alg,
                      "sign_jwk": jwk_priv, "verify_jwk": jwk_pub, "claims": claims,
                      "token": token})
    # ECDSA and EdDSA: PyJWT signs with the PEM key and writes the JWKs itself
    for alg, crv in PYJWT_EC_SIGN:
        key = keys.curve[crv]
        priv = pyca_private(key)
        pem = priv.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                 serialization.NoEncryption())
        conv = OKPAlgorithm if key.get("kty") == "OKP" else ECAlgorithm
        jwk_priv = json.loads(conv.to_jwk(priv))
        jwk_pub = json.loads(conv.to_jwk(priv.public_key()))
        claims = claims_template()
        token = pyjwt.encode(claims, pem, algorithm=alg, headers={"kid": "pyjwt-" + crv})
        back = pyjwt.decode(token, priv.public_key(), algorithms=[alg], audience=claims["aud"],
                            issuer=claims["iss"])
        assert back == claims
        check_signed(token, jwk.JWK(**jwk_pub), alg, claims)
        cases.append({"name": "pyjwt-signed-%s-%s" % (alg, crv), "kind": "signed",
                      "sign_alg": alg, "sign_jwk": jwk_priv, "verify_jwk": jwk_pub,
                      "claims": claims, "token": token})
    return cases


def main():
    keys = Keys()
    gen = version_string()
    write("jwcrypto", "keys.json", gen, gen_keys())
    write("jwcrypto", "jws.json", gen, gen_jws(keys))
    jwe_cases, skipped = gen_jwe(keys)
    write("jwcrypto", "jwe.json", gen, jwe_cases, skipped=skipped)
    write("jwcrypto", "jwt.json", gen, gen_jwt(keys))
    write("pyjwt", "jwt.json", "PyJWT %s (cryptography %s)" % (md.version("PyJWT"),
          md.version("cryptography")), gen_pyjwt(keys))
    return 0


if __name__ == "__main__":
    sys.exit(main())
