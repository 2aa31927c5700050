#!/usr/bin/env bash
# Cross-checks the committed fixtures with the *other* peer, independent of jwcrypt:
#   jwcrypto + PyJWT read what jose made; jose reads what jwcrypto and PyJWT made.
# (Each generator already reads its own output back.) Last line: `interop: N passed, M failed`.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
data="$here/../data/interop"
"$here/setup.sh" >/dev/null || { echo "interop: 0 passed, 1 failed"; exit 1; }
logs="$(mktemp -d "${TMPDIR:-/tmp}/jwcrypt-fixtures.XXXXXX")"
trap 'rm -rf "$logs"' EXIT
"$here/.venv/bin/python" "$here/peers_read_jwcrypt.py" "$data/jose" | tee "$logs/py.log"
node "$here/peers_read_jwcrypt.mjs" "$data/jwcrypto" "$data/pyjwt" | tee "$logs/node.log"
p=0 f=0
for log in "$logs/py.log" "$logs/node.log"; do
    set -- $(grep -E '^interop: [0-9]+ passed, [0-9]+ failed$' "$log" | tail -n 1)
    p=$((p + ${2:-0})); f=$((f + ${4:-1}))
done
echo "interop: $p passed, $f failed"
[ "$f" = 0 ]
