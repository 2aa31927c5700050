#!/usr/bin/env python3
"""Makes tests/data/interop/real_world/tokens.json (issue 15): tokens the way PyJWT and
jwcrypto users make them, read by tests/api/jwt_real_world.rs.

- PyJWT 2.15.1 with `"exp": time.time() + 600`-style fractional NumericDates (fixed values
  here, so the fixture does not expire: one far in the future, one in the past);
- jwcrypto 1.6.1's documented nesting recipe (a signed JWT as the plaintext of a JWE, with no
  `cty` header), HS256 inside A256KW + A256CBC-HS512.

    python3 -m venv /tmp/pyv && /tmp/pyv/bin/pip install pyjwt==2.15.1 jwcrypto==1.6.1
    /tmp/pyv/bin/python tests/data/interop/real_world/make.py
"""
import json, os
import jwt
from jwcrypto import jwk as jjwk, jwt as jjwt

here = os.path.dirname(os.path.abspath(__file__))
secret = os.urandom(32)
sig = {"kty": "oct", "k": jwt.utils.base64url_encode(secret).decode()}
future, past = 4102444800.25, 1000000000.75
cases = []
for name, exp in [("pyjwt-fractional-exp-valid", future), ("pyjwt-fractional-exp-expired", past)]:
    claims = {"iss": "https://issuer.example", "sub": "alice", "aud": "api",
              "iat": 1700000000.5, "nbf": 1700000000.125, "exp": exp}
    cases.append({"name": name, "token": jwt.encode(claims, secret, algorithm="HS256"),
                  "sig_jwk": sig, "claims": claims})

sig_key = jjwk.JWK(**sig)
enc_key = jjwk.JWK.generate(kty="oct", size=256)
inner = jjwt.JWT(header={"alg": "HS256"}, claims={"iss": "https://issuer.example", "sub": "bob",
                                                   "aud": "api", "exp": 4102444800})
inner.make_signed_token(sig_key)
outer = jjwt.JWT(header={"alg": "A256KW", "enc": "A256CBC-HS512"}, claims=inner.serialize())
outer.make_encrypted_token(enc_key)
cases.append({"name": "jwcrypto-nested-no-cty", "token": outer.serialize(), "sig_jwk": sig,
              "enc_jwk": json.loads(enc_key.export()), "claims": json.loads(inner.claims)})

gen = f"PyJWT {jwt.__version__}, jwcrypto 1.6.1"
with open(os.path.join(here, "tokens.json"), "w") as f:
    json.dump({"generator": gen, "cases": cases}, f, indent=1)
print(f"wrote {len(cases)} cases")
