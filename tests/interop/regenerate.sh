#!/usr/bin/env bash
# Regenerates every fixture under tests/data/interop/ with the pinned peers, then cross-checks
# them (check_fixtures.sh). Keys are fresh each time, so every file changes: commit them together.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
"$here/setup.sh"
"$here/.venv/bin/python" "$here/gen_jwcrypto.py"
node "$here/gen_jose.mjs"
"$here/check_fixtures.sh"
