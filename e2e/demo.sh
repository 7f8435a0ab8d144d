#!/usr/bin/env bash
# The demo: a simulated exchange, a real freqtrade bot in dry-run trading against it (with three weeks of trade
# history, open trades and a lock, written into its database before it starts), and Freqboard's release build
# served on http://127.0.0.1:8080. Prints the URL and the credentials; Ctrl-C stops everything it started.
#
# Ports: FREQBOARD_UI_PORT (8080), FREQBOARD_DEMO_BOT_PORT (18080), FREQBOARD_DEMO_SIM_PORT (18000).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
DEMO_START=$(date +%s)
say() { printf '==> [demo %4ss] %s\n' "$(($(date +%s) - DEMO_START))" "$*"; }

bash e2e/setup.sh --demo
export PATH="$HOME/.cargo/bin:$ROOT/e2e/node_modules/.bin:$PATH"

UI_PORT=${FREQBOARD_UI_PORT:-8080}
BOT_PORT=${FREQBOARD_DEMO_BOT_PORT:-18080}
SIM_PORT=${FREQBOARD_DEMO_SIM_PORT:-18000}
UI_ORIGIN="http://127.0.0.1:$UI_PORT"
STATE_DIR="$ROOT/.run/demo"
mkdir -p "$STATE_DIR"

SERVER=
cleanup() {
  # Nothing here may fail the script (set -e would skip the rest): the bot and the exchange must always stop.
  trap - EXIT INT TERM
  if [ -n "$SERVER" ]; then
    kill "$SERVER" 2>/dev/null || true
    wait "$SERVER" 2>/dev/null || true
  fi
  python3 e2e/harness/ftharness.py down --state-dir "$STATE_DIR" >/dev/null 2>&1 || true
  say "demo stopped: the UI server, the bot and the simulated exchange are gone"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say "building the UI (release; the compiler's part was done during set-up)"
trunk build --release >"$STATE_DIR/trunk.log" 2>&1 || { cat "$STATE_DIR/trunk.log"; exit 1; }

say "starting the simulated exchange and a dry-run freqtrade bot with a trade history"
python3 e2e/harness/ftharness.py up --state-dir "$STATE_DIR" --ui-origin "$UI_ORIGIN" --bots 1 --names demo \
  --base-port "$BOT_PORT" --sim-port "$SIM_PORT" --history demo:closed=60,open=3,locks=1 \
  >"$STATE_DIR/bots-up.json" 2>"$STATE_DIR/bots-up.log" || { cat "$STATE_DIR/bots-up.log"; exit 1; }

python3 e2e/harness/serve_dist.py --dir dist --port "$UI_PORT" >"$STATE_DIR/ui-server.log" 2>&1 &
SERVER=$!
for _ in $(seq 50); do
  python3 -c "import urllib.request as u; u.urlopen('$UI_ORIGIN/', timeout=1)" 2>/dev/null && break
  kill -0 "$SERVER" 2>/dev/null || { cat "$STATE_DIR/ui-server.log"; exit 1; }
  sleep 0.2
done

say "ready"
python3 - "$STATE_DIR/bots.json" "$UI_ORIGIN" <<'PY'
import json, sys
bot = json.load(open(sys.argv[1]))[0]
print(f"""
  Freqboard is at   {sys.argv[2]}
  Log in with       API URL  {bot['url']}
                    Username {bot['username']}
                    Password {bot['password']}
  (Ctrl-C stops the UI, the bot and the simulated exchange.)
""", flush=True)
PY
wait "$SERVER"
