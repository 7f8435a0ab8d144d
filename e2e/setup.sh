#!/usr/bin/env bash
# Installs everything the demo and the tests need, on a fresh Debian machine or an already set-up one, and prints
# how long each step took. Idempotent: each step checks first and does nothing when its tool is already there in
# the right version.
#
#   bash e2e/setup.sh          what the tests need (also Chromium and nginx)
#   bash e2e/setup.sh --demo   what the demo needs (no browser, no nginx)
#
# The slow steps run side by side, each logging to .run/setup/<step>.log: apt, pip and npm mostly wait on the
# network and the disk while cargo compiles trunk, wasm-bindgen-cli and wasm-split-cli, and the app's own release build (the
# same `cargo build` trunk runs, so trunk finds it done) fills the cores those two leave idle.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export FREQBOARD_CACHE=${FREQBOARD_CACHE:-$HOME/.cache/freqboard}
export PATH="$HOME/.cargo/bin:$ROOT/e2e/node_modules/.bin:$PATH"
FOR_TESTS=1
[ "${1:-}" = "--demo" ] && FOR_TESTS=0

LOGS="$ROOT/.run/setup"
mkdir -p "$LOGS"
SETUP_START=$(date +%s)
elapsed() { echo $(($(date +%s) - SETUP_START)); }
say() { printf '==> [setup %4ss] %s\n' "$(elapsed)" "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# Runs "$@" in the background as step NAME; `finish NAME` waits for it and reports its time (or its log's tail).
declare -A PIDS STARTS
start() {
  local name=$1
  shift
  STARTS[$name]=$(date +%s)
  say "$name: started (log .run/setup/$name.log)"
  ("$@") >"$LOGS/$name.log" 2>&1 &
  PIDS[$name]=$!
}
finish() {
  local name=$1
  if wait "${PIDS[$name]}"; then
    say "$name: done in $(($(date +%s) - STARTS[$name]))s"
  else
    say "$name: FAILED after $(($(date +%s) - STARTS[$name]))s; the end of its log:"
    tail -n 40 "$LOGS/$name.log" >&2
    exit 1
  fi
}

# Build-time-only tools: their run time hardly matters, their compile time does. No optimisation, no LTO, no
# debug info, and no TLS stack (neither tool downloads anything here): about a third of a default install's time.
fast_tool_install() {
  CARGO_PROFILE_RELEASE_OPT_LEVEL=0 CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=256 \
    CARGO_PROFILE_RELEASE_DEBUG=false CARGO_PROFILE_RELEASE_INCREMENTAL=false \
    cargo install --no-default-features "$@"
}

WB_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock")
if ! grep -q "wasm_bindgen = \"$WB_VERSION\"" "$ROOT/Trunk.toml"; then
  echo "Trunk.toml's [tools] wasm_bindgen must be $WB_VERSION (the version in Cargo.lock)" >&2
  exit 1
fi

SPLIT_VERSION=0.2.4

rust_tools() {
  if ! trunk --version 2>/dev/null | grep -q '^trunk 0\.21\.'; then
    # 0.22 needs a newer rustc than this machine's.
    fast_tool_install trunk --version '~0.21' --locked
  fi
  if ! wasm-bindgen --version 2>/dev/null | grep -q " $WB_VERSION\$"; then
    # --locked fails on a yanked dependency of wasm-bindgen-cli, so it is left out on purpose.
    fast_tool_install wasm-bindgen-cli --version "$WB_VERSION" --bin wasm-bindgen
  fi
  # The splitter of the post-build hook (e2e/deploy/split.mjs): the wasm's modules loaded on demand.
  if ! cargo install --list | grep -q "^wasm_split_cli_support v$SPLIT_VERSION:"; then
    fast_tool_install wasm_split_cli_support --version "$SPLIT_VERSION" --features build-binary --locked
  fi
  trunk --version
  wasm-bindgen --version
  command -v wasm-split-cli
}

apt_packages() {
  local missing=()
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
  command -v nginx >/dev/null 2>&1 || missing+=(nginx-light)
  command -v openssl >/dev/null 2>&1 || missing+=(openssl)
  if [ ${#missing[@]} -gt 0 ]; then
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
  # Debian starts nginx's default site on port 80 when it installs the package; the tests run their own nginx.
  if [ -f /etc/nginx/sites-enabled/default ] && command -v systemctl >/dev/null 2>&1; then
    as_root systemctl disable --now nginx >/dev/null 2>&1 || true
  fi
  chromium --version
  nginx -v
}

node_packages() {
  cd "$ROOT/e2e"
  if [ ! -x node_modules/.bin/playwright ] || [ ! -x node_modules/.bin/wasm-opt ] ||
    [ package-lock.json -nt node_modules/.install-stamp ]; then
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
    touch node_modules/.install-stamp
  fi
  wasm-opt --version
}

app_release_build() {
  # Exactly the command trunk 0.21 runs for `trunk build --release`, so trunk's own call finds it up to date.
  cargo build --target=wasm32-unknown-unknown --manifest-path "$ROOT/Cargo.toml" --release --bin freqboard
}

say "installing what the $([ "$FOR_TESTS" = 1 ] && echo 'tests need' || echo 'demo needs')"
[ "$FOR_TESTS" = 1 ] && start apt apt_packages
start freqtrade python3 "$ROOT/e2e/harness/ftharness.py" setup
start npm node_packages
rustup target add wasm32-unknown-unknown >"$LOGS/rustup.log" 2>&1 || { cat "$LOGS/rustup.log" >&2; exit 1; }
start rust-tools rust_tools
start app-build app_release_build

finish npm
finish freqtrade
[ "$FOR_TESTS" = 1 ] && finish apt
finish rust-tools
finish app-build
say "everything is installed ($(elapsed)s in all)"
