//! PEM and DER import and export (PKCS#8, SPKI, PKCS#1). Placeholder.
