"""Writes NAME.jwk.json (the private JWK) beside each OpenSSL-made *.pkcs8.pem here, with
Python `cryptography` (an implementation independent of jwcrypt), for the PEM/JWK tests."""
import base64, glob, json
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, ed448, x25519, x448

def b64(b):
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()

CURVES = {"secp256r1": ("P-256", 32), "secp384r1": ("P-384", 48), "secp521r1": ("P-521", 66),
          "secp256k1": ("secp256k1", 32)}
RAW = serialization.Encoding.Raw
for path in sorted(glob.glob("*.pkcs8.pem")):
    key = serialization.load_pem_private_key(open(path, "rb").read(), None)
    if isinstance(key, ec.EllipticCurvePrivateKey):
        crv, n = CURVES[key.curve.name]
        pub = key.public_key().public_numbers()
        jwk = {"kty": "EC", "crv": crv, "x": b64(pub.x.to_bytes(n, "big")),
               "y": b64(pub.y.to_bytes(n, "big")),
               "d": b64(key.private_numbers().private_value.to_bytes(n, "big"))}
    else:
        crv = {ed25519.Ed25519PrivateKey: "Ed25519", ed448.Ed448PrivateKey: "Ed448",
               x25519.X25519PrivateKey: "X25519", x448.X448PrivateKey: "X448"}
        crv = next(v for k, v in crv.items() if isinstance(key, k))
        jwk = {"kty": "OKP", "crv": crv,
               "x": b64(key.public_key().public_bytes(RAW, serialization.PublicFormat.Raw)),
               "d": b64(key.private_bytes(RAW, serialization.PrivateFormat.Raw,
                                          serialization.NoEncryption()))}
    open(path.replace(".pkcs8.pem", ".jwk.json"), "w").write(json.dumps(jwk) + "\n")
