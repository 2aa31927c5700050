#!/usr/bin/env python3
"""Builds the seed corpora under fuzz/corpus/<target>/ from the test vectors in tests/data
(RFC 7520, the RFC appendices, Wycheproof, the fixture keys), plus tokens that are valid for
the fixed keys of fuzz/fuzz_targets/common.rs, so that the fuzzer starts past the signature
and decryption checks.

Run from anywhere: python3 fuzz/make_corpus.py. It replaces fuzz/corpus/ entirely. Seeds are
small files named by their hash; each target keeps at most MAX_PER_TARGET of them (the whole
corpus stays well under 5 MB). The valid JWE seeds need the `cryptography` package; without
it they are skipped.
"""
import base64
import hashlib
import hmac
import json
import os
import pathlib
import shutil
import zlib

root = pathlib.Path(__file__).resolve().parent.parent
data = root / "tests" / "data"
out = root / "fuzz" / "corpus"
MAX_PER_TARGET = 300
if out.exists():
    shutil.rmtree(out)


FORCE = False  # set for the hand-made valid tokens: they are kept beyond the cap


def put(target, blob):
    if isinstance(blob, str):
        blob = blob.encode()
    d = out / target
    d.mkdir(parents=True, exist_ok=True)
    if (len(list(d.iterdir())) >= MAX_PER_TARGET and not FORCE) or len(blob) > 65536:
        return
    (d / hashlib.sha1(blob).hexdigest()[:16]).write_bytes(blob)


def walk(obj, visit):
    visit(obj)
    if isinstance(obj, dict):
        for v in obj.values():
            walk(v, visit)
    elif isinstance(obj, list):
        for v in obj:
            walk(v, visit)


def classify(v):
    if isinstance(v, dict):
        if "kty" in v:
            put("jwk", json.dumps(v))
        if "keys" in v and isinstance(v["keys"], list):
            put("jwk_set", json.dumps(v))
        if "ciphertext" in v:
            put("jwe_json", json.dumps(v))
        if "signature" in v or "signatures" in v:
            put("jws_json", json.dumps(v))
        if "iss" in v or "exp" in v:
            put("claims", json.dumps(v))
    elif isinstance(v, str):
        s = v.strip()
        if s.startswith("-----BEGIN"):
            put("pem", s)
        elif s.startswith("{"):
            try:
                classify(json.loads(s))
            except ValueError:
                pass
        else:
            dots = s.count(".")
            if dots == 2 and len(s) > 20:
                put("jws_compact", s)
            elif dots == 4 and len(s) > 20:
                put("jwe_compact", s)
                put("jwt_nested", s)
            elif 0 < len(s) < 200 and all(c.isalnum() or c in "-_" for c in s):
                put("b64", s)


for path in sorted(data.rglob("*.json")):
    try:
        doc = json.loads(path.read_text())
    except (ValueError, UnicodeDecodeError):
        continue
    walk(doc, classify)

for path in sorted((data / "keys").iterdir()):
    if path.suffix in (".pem", ".der"):
        put("pem", path.read_bytes())


# ----- EC and OKP keys (tests/data/pem): kept beyond the cap -----
def ec_okp_seeds():
    global FORCE
    FORCE = True
    pem_dir = data / "pem"
    for path in sorted(pem_dir.iterdir()):
        if path.suffix in (".pem", ".der"):
            put("pem", path.read_bytes())
        elif path.name.endswith(".jwk.json"):
            key = json.loads(path.read_text())
            put("jwk", json.dumps(key))
            put("jwk", json.dumps({k: v for k, v in key.items() if k != "d"}))
            put("jwk_set", json.dumps({"keys": [key]}))
    for crv, cases in json.loads((pem_dir / "invalid-ec.json").read_text()).items():
        for case in cases.values():
            put("jwk", json.dumps(case))
    for x in ("AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
              "7P___________________________________________38"):
        for crv in ("Ed25519", "X25519"):
            put("jwk", json.dumps({"kty": "OKP", "crv": crv, "x": x}))
    FORCE = False


ec_okp_seeds()


# ----- tokens valid for the keys of fuzz/fuzz_targets/common.rs -----
FORCE = True
def b64u(b):
    if isinstance(b, str):
        b = b.encode()
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


def unb64u(s):
    return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))


HS_KEY = unb64u("AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow")
KW_KEY = unb64u("GawgguFyGrWKav7AX4VKUg3fZoZ2jd2CH6nu6cRGBYs")


def hs256_compact(header, payload, b64=True):
    h = b64u(json.dumps(header, separators=(",", ":")))
    p = b64u(payload) if b64 else payload.decode()
    sig = hmac.new(HS_KEY, f"{h}.{p}".encode(), hashlib.sha256).digest()
    return f"{h}.{p}.{b64u(sig)}"


def compact_to_json(token):
    h, p, s = token.split(".")
    return json.dumps({"payload": p, "protected": h, "signature": s})


CLAIMS = [
    {"iss": "iss", "aud": "aud", "sub": "s", "exp": 1_700_003_600, "nbf": 1_699_999_000, "iat": 1_700_000_000},
    {"iss": "iss", "aud": ["aud", "x"], "exp": 4_000_000_000, "jti": "j", "role": {"a": [1, 2]}},
    {"exp": 1, "nbf": "1", "iat": 1.5},
    {},
]
for c in CLAIMS:
    put("claims", json.dumps(c))
signed = []
for i, c in enumerate(CLAIMS):
    body = json.dumps(c).encode()
    for header in ({"alg": "HS256", "kid": "hs", "typ": "JWT"}, {"alg": "HS256"},
                   {"alg": "HS256", "b64": True, "crit": ["b64"]}):
        t = hs256_compact(header, body)
        signed.append(t)
        put("jws_compact", t)
        put("jws_json", compact_to_json(t))
t = hs256_compact({"alg": "HS256", "b64": False, "crit": ["b64"]}, b"payload", b64=False)
put("jws_compact", t)
put("jws_json", compact_to_json(t))
h = b64u('{"alg":"HS256","kid":"hs"}')
sig = b64u(hmac.new(HS_KEY, f"{h}.{b64u(b'x')}".encode(), hashlib.sha256).digest())
put("jws_json", json.dumps({"payload": b64u(b"x"), "signatures": [
    {"protected": h, "signature": sig}, {"protected": h, "header": {"kid": "x"}, "signature": sig}]}))

try:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    from cryptography.hazmat.primitives.keywrap import aes_key_wrap
except ImportError:
    AESGCM = None
if AESGCM is not None:
    def a256kw_gcm(header, plaintext, zip_=False, direct=False):
        cek = KW_KEY if direct else os.urandom(32)
        ek = "" if direct else b64u(aes_key_wrap(KW_KEY, cek))
        h = b64u(json.dumps(header, separators=(",", ":")))
        if zip_:
            c = zlib.compressobj(9, zlib.DEFLATED, -15)
            plaintext = c.compress(plaintext) + c.flush()
        iv = os.urandom(12)
        ct = AESGCM(cek).encrypt(iv, plaintext, h.encode())
        return f"{h}.{ek}.{b64u(iv)}.{b64u(ct[:-16])}.{b64u(ct[-16:])}"

    def jwe_to_json(token):
        h, ek, iv, ct, tag = token.split(".")
        o = {"protected": h, "iv": iv, "ciphertext": ct, "tag": tag}
        if ek:
            o["encrypted_key"] = ek
        return json.dumps(o)

    for s_ in signed[:6]:
        for zip_ in (False, True):
            hdr = {"alg": "A256KW", "enc": "A256GCM", "cty": "JWT", "kid": "kw"}
            if zip_:
                hdr["zip"] = "DEF"
            t = a256kw_gcm(hdr, s_.encode(), zip_)
            put("jwt_nested", t)
            put("jwe_compact", t)
            put("jwe_json", jwe_to_json(t))
    for zip_ in (False, True):
        hdr = {"alg": "dir", "enc": "A256GCM"}
        if zip_:
            hdr["zip"] = "DEF"
        t = a256kw_gcm(hdr, b"plaintext " * 20, zip_, direct=True)
        put("jwe_compact", t)
        put("jwe_json", jwe_to_json(t))

# ECDH-ES and PBES2 headers (issue 14): hostile epk, apu, apv, p2s and p2c values beside
# well-formed ones, for the fuzz targets' ECDH-ES keys and password (fuzz_targets/common.rs).
def hostile_jwe_seeds():
    global FORCE

    def u(b):
        return base64.urlsafe_b64encode(b).rstrip(b"=").decode()

    p256 = {"kty": "EC", "crv": "P-256",
            "x": "Ze2loSV3wrroKUN_4zhwGhCqo3Xhu1td4QjeQ5wIVR0",
            "y": "HlLtdXARY_f55A3fnzQbPcm6hgr34Mp8p-nuzQCE0Zw"}
    x25519 = {"kty": "OKP", "crv": "X25519", "x": "3p7bfXt9wbTTW2HC7OQ1Nz-DQ8hbeGdNrfx-FG-IK08"}
    zero = u(bytes(32))
    epks = [p256, x25519, dict(p256, d=zero), dict(x25519, d=zero), dict(p256, kid="k"),
            {"kty": "EC", "crv": "P-256", "x": zero, "y": zero},
            {"kty": "EC", "crv": "P-384", "x": p256["x"], "y": p256["y"]},
            {"kty": "OKP", "crv": "X25519", "x": zero},
            {"kty": "OKP", "crv": "X448", "x": x25519["x"]},
            {"kty": "EC", "crv": "P-256", "x": p256["x"]}, "epk", [], None]
    headers = []
    for alg in ["ECDH-ES", "ECDH-ES+A128KW", "ECDH-ES+A256KW"]:
        for epk in epks:
            headers.append({"alg": alg, "enc": "A128GCM", "epk": epk})
        headers.append({"alg": alg, "enc": "A256GCM", "epk": p256, "apu": "QWxpY2U",
                        "apv": "Qm9i"})
        headers.append({"alg": alg, "enc": "A256GCM", "epk": x25519, "apu": 1, "apv": "*"})
    for alg in ["PBES2-HS256+A128KW", "PBES2-HS384+A192KW", "PBES2-HS512+A256KW"]:
        for p2c in [1000, 8192, 16385, 2147483647, 18446744073709551615, 0, -1, 1e300, "8"]:
            headers.append({"alg": alg, "enc": "A128CBC-HS256", "p2s": u(bytes(16)),
                            "p2c": p2c})
        for p2s in ["", u(bytes(4)), u(bytes(7)), u(bytes(8)), 5]:
            headers.append({"alg": alg, "enc": "A128GCM", "p2s": p2s, "p2c": 1000})
    FORCE = True
    for h in headers:
        ek = "" if h["alg"] == "ECDH-ES" else u(b"\x07" * 40)
        parts = [u(json.dumps(h).encode()), ek, u(b"\x01" * 12), u(b"\x02" * 16),
                 u(b"\x03" * 16)]
        put("jwe_compact", ".".join(parts))
        o = {"protected": parts[0], "iv": parts[2], "ciphertext": parts[3], "tag": parts[4]}
        if ek:
            o["encrypted_key"] = ek
        put("jwe_json", json.dumps(o))
    FORCE = False


hostile_jwe_seeds()

def long_b64_seeds():
    """Long base64url text for the public engine (src/b64.rs), which decodes 32 characters
    and encodes 24 bytes at a time and leaves the tail to a slower loop: valid, with one
    foreign character inside the blocks, and with padding at the end."""
    global FORCE
    FORCE = True
    blob = bytes((i * 7919) % 251 for i in range(1100))
    for n in [383, 384, 385, 386, 1024]:
        text = b64u(blob[:n])
        put("b64", text)
        put("b64", text[:100] + "+" + text[101:])
        put("b64", text[:-1] + "=")
    FORCE = False


long_b64_seeds()

for target in ["roundtrip_jws", "roundtrip_jwe"]:
    put(target, bytes(range(64)))
    put(target, b"\x01" * 8 + b"hello world")
    put(target, b"\x00\x05\x01\x00" + bytes(300))
total = 0
for t in sorted(out.iterdir()):
    size = sum(f.stat().st_size for f in t.iterdir())
    total += size
    print(f"{t.name}: {len(list(t.iterdir()))} seeds, {size} bytes")
print(f"total {total} bytes")
