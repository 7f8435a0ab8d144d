#!/usr/bin/env bash
# Runs the README's demo command exactly as a newcomer does, from a fresh clone of this checkout's HEAD, and checks
# it: waits for the printed credentials, logs in with them in headless Chromium (demo-check/demo.spec.ts), sees
# the bot online with its history, stops the demo as Ctrl-C does, and checks that every process it started is
# gone and its ports are free. Part of e2e/test.sh: the demo must never break silently again.
#
# The clone shares this checkout's cargo target folder (CARGO_TARGET_DIR), so the dependencies compiled for the
# tests are not compiled twice; the clone's own crate is still built, by the clone's own scripts.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export PATH="$HOME/.cargo/bin:$ROOT/e2e/node_modules/.bin:$PATH"
CHECK_START=$(date +%s)
say() { printf '==> [demo-check %4ss] %s\n' "$(($(date +%s) - CHECK_START))" "$*"; }

WORK=$(mktemp -d /tmp/freqboard-demo-check.XXXXXX)
CLONE="$WORK/freqboard"
OUT="$WORK/demo.out"
git clone -q "$ROOT" "$CLONE"
say "fresh clone of $(git -C "$CLONE" rev-parse --short HEAD) in $CLONE"

# In its own session and process group, as a terminal runs it, so that SIGINT to the group is exactly Ctrl-C.
# (A command started with & from a script inherits SIGINT as ignored, and bash cannot trap an ignored signal:
# the wrapper gives the demo the default disposition a terminal would.)
(cd "$CLONE" && CARGO_TARGET_DIR="$ROOT/target" exec python3 -c '
import os, signal
signal.signal(signal.SIGINT, signal.SIG_DFL)
os.setsid()
os.execvp("bash", ["bash", "e2e/demo.sh"])
') >"$OUT" 2>&1 &
DEMO=$!
stop_demo() {
  kill -INT -- "-$DEMO" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$DEMO" 2>/dev/null || break; sleep 0.2; done
}
trap 'stop_demo' EXIT

say "waiting for the demo's credentials (it sets up, builds, seeds and starts the bot)"
for _ in $(seq 1800); do
  grep -q '^ *Password ' "$OUT" && break
  if ! kill -0 "$DEMO" 2>/dev/null; then
    say "the demo exited before printing credentials; its output:"
    cat "$OUT"
    exit 1
  fi
  sleep 1
done
grep -q '^ *Password ' "$OUT" || { cat "$OUT"; say "no credentials after 30 minutes"; exit 1; }
grep '==> \[' "$OUT" | sed 's/^/    /'

field() { sed -n "s/^ *$1 *//p" "$OUT" | head -n 1 | awk '{print $NF}'; }
export DEMO_UI_URL DEMO_API_URL DEMO_USERNAME DEMO_PASSWORD
DEMO_UI_URL=$(sed -n 's/^ *Freqboard is at *//p' "$OUT" | head -n 1)
DEMO_API_URL=$(sed -n 's/^ *Log in with *API URL *//p' "$OUT" | head -n 1)
DEMO_USERNAME=$(field Username)
DEMO_PASSWORD=$(field Password)
say "logging in at $DEMO_UI_URL to $DEMO_API_URL as $DEMO_USERNAME"

cd "$ROOT/e2e"
status=0
npx playwright test -c demo-check/demo-check.config.ts || status=$?

say "stopping the demo as Ctrl-C does"
stop_demo
trap - EXIT
if kill -0 "$DEMO" 2>/dev/null; then
  say "the demo did not stop"
  status=1
fi
sleep 1
left=$(pgrep -af -- "$CLONE" | grep -v pgrep || true)
if [ -n "$left" ]; then
  say "processes left running after the demo stopped:"
  echo "$left"
  pkill -f -- "$CLONE" || true
  status=1
fi
for port in "${DEMO_UI_URL##*:}" "${DEMO_API_URL##*:}" 18000; do
  if python3 -c "import socket,sys; s=socket.socket(); s.settimeout(1); sys.exit(0 if s.connect_ex(('127.0.0.1', $port)) == 0 else 1)"; then
    say "port $port still answers after the demo stopped"
    status=1
  fi
done
tail -n 1 "$OUT" | sed 's/^/    /'
[ "$status" = 0 ] && rm -rf "$WORK" && say "demo check passed" || say "demo check FAILED (kept $WORK)"
exit "$status"
