#!/usr/bin/env python3
"""Builds the seed corpora under fuzz/corpus/<target>/ from the test vectors in tests/data.

Run from anywhere: python3 fuzz/make_corpus.py. Seeds are small files named by their hash.
"""
import hashlib
import json
import pathlib

root = pathlib.Path(__file__).resolve().parent.parent
data = root / "tests" / "data"
out = root / "fuzz" / "corpus"
MAX_PER_TARGET = 300


def put(target, blob):
    if isinstance(blob, str):
        blob = blob.encode()
    d = out / target
    d.mkdir(parents=True, exist_ok=True)
    if len(list(d.iterdir())) >= MAX_PER_TARGET or len(blob) > 65536:
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

for target in ["roundtrip_jws", "roundtrip_jwe"]:
    put(target, bytes(range(64)))
for t in sorted(out.iterdir()):
    print(f"{t.name}: {len(list(t.iterdir()))} seeds")
