#!/usr/bin/env bash
# Peers read what jwcrypt makes: builds the jwcrypt CLI, has it generate keys and tokens
# (make_jwcrypt_fixtures.py), then jwcrypto + PyJWT (peers_read_jwcrypt.py) and panva/jose
# (peers_read_jwcrypt.mjs) import, verify and decrypt every one of them.
#
#   tests/interop/run.sh               setup, cargo build --release, run
#   tests/interop/run.sh --no-build    use the existing binary (or $JWCRYPT_BIN)
#   tests/interop/run.sh --keep        keep the generated files (path printed)
#   tests/interop/run.sh --self-test   use fake_jwcrypt.py (jwcrypto) instead of the Rust CLI,
#                                      to test this harness itself
# Env: JWCRYPT_BIN=path (skips the build), INTEROP_SKIP="ALG ..." (see make_jwcrypt_fixtures.py),
#      INTEROP_VERBOSE=1 (one line per check).
# Last line: `interop: N passed, M failed`; exit status non-zero on any failure.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

build=1 keep=0 selftest=0
for arg in "$@"; do
    case "$arg" in
        --no-build) build=0 ;;
        --keep) keep=1 ;;
        --self-test) selftest=1; build=0 ;;
        -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
        *) echo "run.sh: unknown argument: $arg" >&2; exit 2 ;;
    esac
done

die() {  # a harness failure still ends with the summary line
    echo "run.sh: $*"
    echo "interop: 0 passed, 1 failed"
    exit 1
}

"$here/setup.sh" || die "setup.sh failed"
py="$here/.venv/bin/python"

work="$(mktemp -d "${TMPDIR:-/tmp}/jwcrypt-interop.XXXXXX")"
if [ "$keep" = 1 ]; then
    echo "run.sh: keeping generated files in $work"
else
    trap 'rm -rf "$work"' EXIT
fi

if [ "$selftest" = 1 ]; then
    bin="$work/fake-jwcrypt"
    printf '#!/bin/sh\nexec "%s" "%s" "$@"\n' "$py" "$here/fake_jwcrypt.py" > "$bin"
    chmod +x "$bin"
elif [ -n "${JWCRYPT_BIN:-}" ]; then
    bin="$JWCRYPT_BIN"
else
    bin="$root/target/release/jwcrypt"
    if [ "$build" = 1 ]; then
        (cd "$root" && cargo build --release --bin jwcrypt) || die "cargo build --release --bin jwcrypt failed"
    fi
fi
if [ ! -x "$bin" ]; then
    die "jwcrypt binary not found at $bin: the CLI (cli/, 'cargo build --release --bin jwcrypt') is not built yet, or set JWCRYPT_BIN"
fi
echo "run.sh: using $bin"

passed=0 failed=0
tally() {  # add the counts of the last `interop: N passed, M failed` line of a log
    local line
    line="$(grep -E '^interop: [0-9]+ passed, [0-9]+ failed$' "$1" | tail -n 1)"
    if [ -z "$line" ]; then
        echo "run.sh: $2 printed no summary line" >&2
        failed=$((failed + 1))
        return
    fi
    set -- $line
    passed=$((passed + $2))
    failed=$((failed + $4))
}

# (c) jwcrypt makes keys and tokens; (d) the peers read them
out="$work/jwcrypt"
"$py" "$here/make_jwcrypt_fixtures.py" --bin "$bin" --out "$out" | sed 's/^interop:/make:/' | tee "$work/make.log"
sed -i 's/^make:/interop:/' "$work/make.log"; tally "$work/make.log" "make_jwcrypt_fixtures.py"

"$py" "$here/peers_read_jwcrypt.py" "$out" | sed 's/^interop:/python peers:/' | tee "$work/py.log"
sed -i 's/^python peers:/interop:/' "$work/py.log"; tally "$work/py.log" "peers_read_jwcrypt.py"

node "$here/peers_read_jwcrypt.mjs" "$out" | sed 's/^interop:/node peers:/' | tee "$work/node.log"
sed -i 's/^node peers:/interop:/' "$work/node.log"; tally "$work/node.log" "peers_read_jwcrypt.mjs"

# (e) ECDH-ES and PBES2 both ways (issue 14): each peer makes its tokens (which
# tests/api/interop.rs decrypts) and decrypts the ones the jwcrypt CLI makes. The
# scripts rewrite their fixture files; the committed ones are put back afterwards.
fixtures="$root/tests/data/interop"
for peer in jwcrypto jose; do cp "$fixtures/$peer/jwe_ecdh_pbes2.json" "$work/$peer.ecdh_pbes2.json"; done
"$py" "$here/ecdh_pbes2_jwcrypto.py" "$bin" > "$work/ecdh_py.log" 2>&1
node "$here/ecdh_pbes2_jose.mjs" "$bin" > "$work/ecdh_node.log" 2>&1
for peer in jwcrypto jose; do cp "$work/$peer.ecdh_pbes2.json" "$fixtures/$peer/jwe_ecdh_pbes2.json"; done
for log in "$work/ecdh_py.log" "$work/ecdh_node.log"; do
    grep -E '^reverse [^:]*: [0-9]+ passed, [0-9]+ failed$' "$log" | tail -n 1 \
        | sed 's/^reverse [^:]*:/interop:/' > "$log.sum"
    cat "$log.sum"
    tally "$log.sum" "$(basename "$log")"
done

echo "interop: $passed passed, $failed failed"
[ "$failed" = 0 ]
