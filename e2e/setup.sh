#!/usr/bin/env bash
# Installs everything the demo and the tests need, on a fresh Debian machine or an already set-up one.
# Idempotent: each step checks first and does nothing when its tool is already there in the right version.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export FREQBOARD_CACHE=${FREQBOARD_CACHE:-$HOME/.cache/freqboard}
export PATH="$HOME/.cargo/bin:$ROOT/e2e/node_modules/.bin:$PATH"

step() { printf '\n==> %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

step "Chromium (Debian packages chromium, chromium-driver)"
if ! command -v chromium >/dev/null 2>&1; then
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver
fi
chromium --version

step "Rust wasm target"
rustup target add wasm32-unknown-unknown

step "trunk 0.21 (0.22 needs a newer rustc)"
if ! trunk --version 2>/dev/null | grep -q '^trunk 0\.21\.'; then
  cargo install trunk --version '~0.21' --locked
fi
trunk --version

step "wasm-bindgen-cli, the exact version of wasm-bindgen in Cargo.lock"
WB_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock")
if ! grep -q "wasm_bindgen = \"$WB_VERSION\"" "$ROOT/Trunk.toml"; then
  echo "Trunk.toml's [tools] wasm_bindgen must be $WB_VERSION (the version in Cargo.lock)" >&2
  exit 1
fi
if ! wasm-bindgen --version 2>/dev/null | grep -q " $WB_VERSION\$"; then
  # --locked fails on a yanked dependency of wasm-bindgen-cli, so it is left out on purpose.
  cargo install wasm-bindgen-cli --version "$WB_VERSION"
fi
wasm-bindgen --version

step "Node packages: Playwright (Debian's Chromium, no browser download) and binaryen's wasm-opt"
cd "$ROOT/e2e"
if [ ! -x node_modules/.bin/playwright ] || [ ! -x node_modules/.bin/wasm-opt ] || [ package-lock.json -nt node_modules/.install-stamp ]; then
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
  touch node_modules/.install-stamp
fi
wasm-opt --version
cd "$ROOT"

step "freqtrade 2026.9 in a venv, with a userdir holding SampleStrategy"
python3 "$ROOT/e2e/harness/ftharness.py" setup
