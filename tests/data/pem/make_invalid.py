"""Writes invalid-ec.json: for each EC curve, a valid public JWK whose x is small (so x + p
still fits the coordinate length) and its non-canonical variants; and rsa-roca.spki.pem, the
Wycheproof ROCA key (json_web_key_test.json tcId 7) as SPKI. Python `cryptography` checks
that the valid points are points (independently of jwcrypt)."""
import base64, json
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

def b64(b):
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()

def unb64(s):
    return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))

CURVES = [
    ("P-256", ec.SECP256R1(), 2**256 - 2**224 + 2**192 + 2**96 - 1, -3,
     0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b, 32),
    ("P-384", ec.SECP384R1(), 2**384 - 2**128 - 2**96 + 2**32 - 1, -3,
     0xb3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875ac656398d8a2ed19d2a85c8edd3ec2aef, 48),
    ("P-521", ec.SECP521R1(), 2**521 - 1, -3,
     0x0051953eb9618e1c9a1f929a21a0b68540eea2da725b99b315f3b8b489918ef109e156193951ec7e937b1652c0bd3bb1bf073573df883d2c34f1ef451fd46b503f00, 66),
    ("secp256k1", ec.SECP256K1(), 2**256 - 2**32 - 977, 0, 7, 32),
]
out = {}
for name, curve, p, a, b, n in CURVES:
    for x in range(1, 100):
        rhs = (x**3 + a * x + b) % p
        y = pow(rhs, (p + 1) // 4, p)  # p = 3 mod 4 for all four
        if y * y % p == rhs:
            break
    ec.EllipticCurvePublicNumbers(x, y, curve).public_key()  # raises if not on the curve
    enc = lambda v, l=n: b64(v.to_bytes(l, "big"))
    jwk = lambda xs, ys: {"kty": "EC", "crv": name, "x": xs, "y": ys}
    cases = {
        "valid": jwk(enc(x), enc(y)),
        "x_plus_p": jwk(enc(x + p), enc(y)),
        "x_leading_zero": jwk(enc(x, n + 1), enc(y)),
        "y_leading_zero": jwk(enc(x), enc(y, n + 1)),
        "x_short": jwk(enc(x, n - 1), enc(y)),
        "y_short": jwk(enc(x), b64(y.to_bytes(n, "big")[1:])),
        "off_curve": jwk(enc(x), enc((y + 1) % p)),
        "identity_zeros": jwk(enc(0), enc(0)),
        "x_is_p": jwk(enc(p), enc(y)),
    }
    if y + p < 2 ** (8 * n):
        cases["y_plus_p"] = jwk(enc(x), enc(y + p))
    out[name] = cases
open("invalid-ec.json", "w").write(json.dumps(out, indent=1) + "\n")

wp = json.load(open("../wycheproof/json_web_key_test.json"))
key = next(g["private"]["keys"][0] for g in wp["testGroups"]
           if any(t["tcId"] == 7 for t in g["tests"]))
pub = rsa.RSAPublicNumbers(int.from_bytes(unb64(key["e"]), "big"),
                           int.from_bytes(unb64(key["n"]), "big")).public_key()
open("rsa-roca.spki.pem", "wb").write(pub.public_bytes(
    serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
