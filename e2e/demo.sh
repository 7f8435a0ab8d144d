#!/usr/bin/env bash
# The demo: a simulated exchange, a real freqtrade bot in dry-run trading against it, and Freqboard's release
# build served on http://127.0.0.1:8080. Prints the URL and the credentials; Ctrl-C stops everything.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
bash e2e/setup.sh
export PATH="$HOME/.cargo/bin:$ROOT/e2e/node_modules/.bin:$PATH"

UI_PORT=${FREQBOARD_UI_PORT:-8080}
UI_ORIGIN="http://127.0.0.1:$UI_PORT"
STATE_DIR="$ROOT/.run/demo"

printf '\n==> Building the UI (release)\n'
trunk build --release

printf '\n==> Starting the simulated exchange and a dry-run freqtrade bot\n'
python3 e2e/harness/ftharness.py up --state-dir "$STATE_DIR" --ui-origin "$UI_ORIGIN" --bots 1 --names demo \
  --base-port 18080 --sim-port 18000 > "$STATE_DIR.json.tmp" 2>&1 || { cat "$STATE_DIR.json.tmp"; exit 1; }
rm -f "$STATE_DIR.json.tmp"
trap 'python3 "$ROOT/e2e/harness/ftharness.py" down --state-dir "$STATE_DIR" >/dev/null 2>&1 || true' EXIT INT TERM

python3 - "$STATE_DIR/bots.json" "$UI_ORIGIN" <<'PY'
import json, sys
bot = json.load(open(sys.argv[1]))[0]
print(f"""
  Freqboard is at   {sys.argv[2]}
  Log in with       API URL  {bot['url']}
                    Username {bot['username']}
                    Password {bot['password']}
  (Ctrl-C stops the UI, the bot and the simulated exchange.)
""")
PY
python3 e2e/harness/serve_dist.py --dir dist --port "$UI_PORT"
