#!/usr/bin/env bash
# Runs jwcrypt and its peers on the same inputs and prints one Markdown table.
#
#   benches/peers/run.sh [--rounds R] [--seconds T] [--only lib1,lib2] [--ops op1,op2]
#
# Libraries (names for --only): jwcrypt, jwcrypt-awslc (its aws-lc feature), jsonwebtoken-rustcrypto, jsonwebtoken-awslc
# (or "jsonwebtoken" for both), jwt-simple, josekit, jwcrypto, jose.
# Rounds are interleaved: round 1 runs every library once, then round 2, ... Each run
# times every operation for T seconds (after a short warm-up); a cell of the table is
# the median over the R rounds. Operation ids (--ops): `python3 table.py --list-ops`.
# A library that cannot be built or installed is skipped with a warning (jwcrypt too).
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$HERE"

ROUNDS=3
SECS=1
ONLY=""
OPS=""
ALL_LIBS=(jwcrypt jwcrypt-awslc jsonwebtoken-rustcrypto jsonwebtoken-awslc jwt-simple josekit jwcrypto jose)

usage() {
    sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

while [ $# -gt 0 ]; do
    case "$1" in
        --rounds) ROUNDS="${2:?--rounds needs a value}"; shift 2 ;;
        --seconds) SECS="${2:?--seconds needs a value}"; shift 2 ;;
        --only) ONLY="${2:?--only needs a value}"; shift 2 ;;
        --ops) OPS="${2:?--ops needs a value}"; shift 2 ;;
        -h|--help) usage ;;
        *) echo "unknown argument: $1" >&2; usage ;;
    esac
done
case "$ROUNDS" in ''|*[!0-9]*|0) echo "--rounds must be a positive integer" >&2; exit 2 ;; esac
if [ -n "$OPS" ]; then
    # Every id must be one table.py knows (a typo would otherwise run nothing, silently).
    KNOWN_OPS="$(python3 "$HERE/table.py" --list-ops)" || exit 2
    IFS=',' read -r -a wanted_ops <<< "$OPS"
    for o in "${wanted_ops[@]}"; do
        if ! grep -qxF -- "$o" <<< "$KNOWN_OPS"; then
            echo "unknown operation: $o (known: $(echo $KNOWN_OPS | tr ' ' ','))" >&2
            exit 2
        fi
    done
fi

LIBS=()
if [ -z "$ONLY" ]; then
    LIBS=("${ALL_LIBS[@]}")
else
    IFS=',' read -r -a wanted <<< "$ONLY"
    for w in "${wanted[@]}"; do
        case "$w" in
            jsonwebtoken) LIBS+=(jsonwebtoken-rustcrypto jsonwebtoken-awslc) ;;
            jwcrypt|jwcrypt-awslc|jsonwebtoken-rustcrypto|jsonwebtoken-awslc|jwt-simple|josekit|jwcrypto|jose) LIBS+=("$w") ;;
            *) echo "unknown library: $w (known: jsonwebtoken ${ALL_LIBS[*]})" >&2; exit 2 ;;
        esac
    done
fi

export CARGO_TARGET_DIR="$HERE/target"
OUT="$HERE/target/peers-results"
mkdir -p "$OUT"
STAMP="$(date +%Y%m%d-%H%M%S)"
RESULTS="$OUT/$STAMP.jsonl"
LOGS="$OUT/$STAMP.logs"
mkdir -p "$LOGS"
: > "$RESULTS"

say() { echo "[peers] $*" >&2; }

# Rust package name of each Rust runner.
rust_pkg() {
    case "$1" in
        jwcrypt) echo jwcrypt-runner ;;
        jwcrypt-awslc) echo jwcrypt-runner-awslc ;;
        jsonwebtoken-rustcrypto) echo peer-jsonwebtoken-rustcrypto ;;
        jsonwebtoken-awslc) echo peer-jsonwebtoken-awslc ;;
        jwt-simple) echo peer-jwt-simple ;;
        josekit) echo peer-josekit ;;
        *) echo "" ;;
    esac
}

ensure_openssl_dev() {
    if command -v pkg-config >/dev/null 2>&1 && pkg-config --exists openssl 2>/dev/null; then
        return 0
    fi
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        say "installing libssl-dev and pkg-config for josekit"
        { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y libssl-dev pkg-config; } \
            >> "$LOGS/apt.log" 2>&1 || return 1
        return 0
    fi
    return 1
}

ensure_python() {
    local py=".venv/bin/python"
    if [ -x "$py" ] && cmp -s requirements.txt .venv/.installed-requirements.txt; then
        return 0
    fi
    command -v python3 >/dev/null 2>&1 || return 1
    say "setting up benches/peers/.venv (jwcrypto)"
    {
        python3 -m venv .venv &&
            .venv/bin/pip install --quiet --disable-pip-version-check -r requirements.txt &&
            cp requirements.txt .venv/.installed-requirements.txt
    } >> "$LOGS/python-setup.log" 2>&1
}

ensure_node() {
    command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || return 1
    if [ -d node_modules/jose ] && cmp -s package-lock.json node_modules/.package-lock.json.installed; then
        return 0
    fi
    say "installing node_modules (jose) with npm ci"
    {
        npm ci --no-audit --no-fund &&
            cp package-lock.json node_modules/.package-lock.json.installed
    } >> "$LOGS/node-setup.log" 2>&1
}

# Prepare each library; keep the ones that are ready, with the command that runs them.
READY=()
declare -A CMD
for lib in "${LIBS[@]}"; do
    pkg="$(rust_pkg "$lib")"
    if [ -n "$pkg" ]; then
        if [ "$lib" = josekit ] && ! ensure_openssl_dev; then
            say "WARNING: skipping josekit: OpenSSL headers (libssl-dev, pkg-config) missing"
            continue
        fi
        say "building $pkg (cargo build --release -p $pkg)"
        if ! cargo build --release -p "$pkg" > "$LOGS/build-$pkg.log" 2>&1; then
            say "WARNING: skipping $lib: build failed, see $LOGS/build-$pkg.log"
            tail -n 5 "$LOGS/build-$pkg.log" | sed 's/^/    /' >&2
            continue
        fi
        CMD[$lib]="$CARGO_TARGET_DIR/release/$pkg"
    elif [ "$lib" = jwcrypto ]; then
        if ! ensure_python; then
            say "WARNING: skipping jwcrypto: venv setup failed, see $LOGS/python-setup.log"
            continue
        fi
        CMD[$lib]="$HERE/.venv/bin/python $HERE/jwcrypto_bench.py"
    elif [ "$lib" = jose ]; then
        if ! ensure_node; then
            say "WARNING: skipping jose: node/npm missing or npm ci failed, see $LOGS/node-setup.log"
            continue
        fi
        CMD[$lib]="node $HERE/jose_bench.mjs"
    fi
    READY+=("$lib")
done

if [ ${#READY[@]} -eq 0 ]; then
    say "nothing to run"
    exit 1
fi

EXTRA=(--rounds 1 --seconds "$SECS")
[ -n "$OPS" ] && EXTRA+=(--ops "$OPS")

say "libraries: ${READY[*]}; $ROUNDS round(s) of ${SECS}s per operation"
for ((r = 1; r <= ROUNDS; r++)); do
    for lib in "${READY[@]}"; do
        say "round $r/$ROUNDS: $lib"
        # shellcheck disable=SC2086 # CMD holds a command and its script argument
        if ! ${CMD[$lib]} "${EXTRA[@]}" >> "$RESULTS" 2>> "$LOGS/run-$lib.log"; then
            say "WARNING: $lib failed in round $r, see $LOGS/run-$lib.log"
            tail -n 5 "$LOGS/run-$lib.log" | sed 's/^/    /' >&2
        fi
    done
done

TABLE="$OUT/$STAMP.md"
{
    echo "Peer benchmarks, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPU(s): $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ //')"
    echo "$ROUNDS interleaved round(s) of ${SECS}s per operation."
    echo
    python3 "$HERE/table.py" "$RESULTS"
} > "$TABLE"
cp "$TABLE" "$OUT/latest.md"
cp "$RESULTS" "$OUT/latest.jsonl"
cat "$TABLE"
say "raw results: $RESULTS; table: $TABLE"
