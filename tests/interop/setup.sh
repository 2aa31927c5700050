#!/usr/bin/env bash
# Installs the pinned peer libraries for the interop scripts. Idempotent: re-running it
# only reinstalls what is missing or at the wrong version.
#   tests/interop/.venv          python3 venv with jwcrypto + PyJWT (requirements.txt)
#   tests/interop/node_modules   panva/jose (package.json + package-lock.json)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

command -v python3 >/dev/null || { echo "setup.sh: python3 not found" >&2; exit 1; }
command -v npm >/dev/null || { echo "setup.sh: npm (node >= 20) not found" >&2; exit 1; }

# --- Python ---------------------------------------------------------------------------
stamp=".venv/.requirements.sha256"
want="$(sha256sum requirements.txt | cut -d' ' -f1)"
if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c 'import sys' 2>/dev/null; then
    rm -rf .venv
    python3 -m venv .venv
fi
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
    echo "$want" > "$stamp"
fi

# --- Node -----------------------------------------------------------------------------
nstamp="node_modules/.lock.sha256"
nwant="$(cat package.json package-lock.json 2>/dev/null | sha256sum | cut -d' ' -f1)"
if [ ! -d node_modules/jose ] || [ ! -f "$nstamp" ] || [ "$(cat "$nstamp")" != "$nwant" ]; then
    if [ -f package-lock.json ]; then
        npm ci --no-audit --no-fund --loglevel=error
    else
        npm install --no-audit --no-fund --loglevel=error
    fi
    echo "$nwant" > "$nstamp"
fi

echo "setup.sh: python $(.venv/bin/python -c 'import jwcrypto, jwt, importlib.metadata as m; print("jwcrypto", m.version("jwcrypto"), "PyJWT", m.version("PyJWT"))'); node jose $(node -p 'require("./node_modules/jose/package.json").version')"
