#!/usr/bin/env bash
# Installs Freqboard into a freqtrade bot's own web server, as `freqtrade install-ui` installs FreqUI: the bot then
# serves the dashboard at http://<bot's listen address>:<port>/ on the same origin as its API (no CORS_origins
# needed). Or packs the same files into a zip laid out like FreqUI's release asset.
#
# Usage:
#   e2e/deploy/install-into-freqtrade.sh [--dist DIR] [--venv DIR] [--zip FILE]
#
#   --dist DIR   use this already built release UI (trunk's dist/) instead of running `trunk build --release`
#   --venv DIR   the freqtrade virtualenv to install into (default: the venv of the `freqtrade` on PATH)
#   --zip FILE   write a zip of the UI (files at its top level, .uiversion included) instead of installing;
#                unpack it into <freqtrade package>/rpc/api_server/ui/installed/. With --venv as well: both.
#
# Both write `.uiversion` = "<Cargo.toml version>+<git short commit>" (e.g. 0.1.0+abc1234; "unknown" outside a
# git checkout), which the bot reports at GET /ui_version. The install replaces the folder's contents (keeping
# freqtrade's .gitkeep and fallback_file.html, as `freqtrade install-ui` does); a running bot serves the new
# files at once, no restart needed. Reload open pages.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DIST=""
VENV=""
ZIP=""

usage() {
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//'
}

die() {
  echo "install-into-freqtrade: $*" >&2
  exit 1
}

while [ $# -gt 0 ]; do
  case "$1" in
    --dist) [ $# -ge 2 ] || die "--dist needs a folder"; DIST="$2"; shift 2 ;;
    --venv) [ $# -ge 2 ] || die "--venv needs a folder"; VENV="$2"; shift 2 ;;
    --zip) [ $# -ge 2 ] || die "--zip needs a file name"; ZIP="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done

# --- The build --------------------------------------------------------------------------------------------
if [ -z "$DIST" ]; then
  command -v trunk >/dev/null || die "trunk is not on PATH (or pass --dist DIR with an already built UI)"
  echo "building the release UI (trunk build --release) ..." >&2
  (cd "$REPO" && trunk build --release)
  DIST="$REPO/dist"
fi
[ -d "$DIST" ] || die "--dist $DIST is not a folder"
DIST="$(cd "$DIST" && pwd)"
[ -f "$DIST/index.html" ] || die "$DIST has no index.html: not a built UI"
ls "$DIST"/*.wasm >/dev/null 2>&1 || die "$DIST has no .wasm file: not a built UI"
# freqtrade's UI route answers 404 for every path that starts with "api" or "." (web_ui.py), so such a file would
# be unreachable.
for entry in "$DIST"/* "$DIST"/.[!.]*; do
  [ -e "$entry" ] || continue
  case "$(basename "$entry")" in
    api*|.*) die "$DIST/$(basename "$entry"): freqtrade does not serve top-level paths starting with 'api' or '.'" ;;
  esac
done

# --- The version ------------------------------------------------------------------------------------------
CARGO_VERSION="$(awk '
  /^\[/ { in_package = ($0 == "[package]") }
  in_package && /^version[ \t]*=/ { gsub(/^version[ \t]*=[ \t]*"|".*$/, ""); print; exit }
' "$REPO/Cargo.toml")"
[ -n "$CARGO_VERSION" ] || die "no [package] version in $REPO/Cargo.toml"
COMMIT="$(git -C "$REPO" rev-parse --short=7 HEAD 2>/dev/null || true)"
UI_VERSION="$CARGO_VERSION+${COMMIT:-unknown}"

# --- Stage the files (the build's plus .uiversion) --------------------------------------------------------
STAGE="$(mktemp -d "${TMPDIR:-/tmp}/freqboard-ui.XXXXXX")"
trap 'rm -rf "$STAGE"' EXIT
cp -R "$DIST"/. "$STAGE"/
# The build's pre-compressed copies (.gz, .br) are for static hosts: freqtrade sends files as they are.
find "$STAGE" -type f \( -name '*.gz' -o -name '*.br' \) -delete
# No trailing newline: freqtrade returns the file's content verbatim as {"version": ...}.
printf '%s' "$UI_VERSION" > "$STAGE/.uiversion"

# --- Zip ----------------------------------------------------------------------------------------------------
if [ -n "$ZIP" ]; then
  mkdir -p "$(dirname "$ZIP")"
  ZIP="$(cd "$(dirname "$ZIP")" && pwd)/$(basename "$ZIP")"
  # Folders get their own entries, each before its files: freqtrade's unpacking (deploy_ui.py) creates a folder
  # only for such an entry, as FreqUI's release zip has them.
  python3 - "$STAGE" "$ZIP" <<'PY'
import os, sys, zipfile
stage, target = sys.argv[1], sys.argv[2]
tmp = target + ".part"
with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
    for folder, dirs, files in os.walk(stage):
        dirs.sort()
        if folder != stage:
            zf.write(folder, os.path.relpath(folder, stage))
        for name in sorted(files):
            path = os.path.join(folder, name)
            zf.write(path, os.path.relpath(path, stage))
os.replace(tmp, target)
PY
  echo "packed Freqboard $UI_VERSION into $ZIP" >&2
  echo "  unpack it into <freqtrade package>/rpc/api_server/ui/installed/ (emptied first)" >&2
  [ -n "$VENV" ] || exit 0
fi

# --- Install into a freqtrade venv ------------------------------------------------------------------------
if [ -z "$VENV" ]; then
  FREQTRADE="$(command -v freqtrade || true)"
  [ -n "$FREQTRADE" ] || die "no freqtrade on PATH: pass --venv DIR (the freqtrade virtualenv) or --zip FILE"
  FREQTRADE="$(readlink -f "$FREQTRADE")"
  VENV="$(cd "$(dirname "$FREQTRADE")/.." && pwd)"
fi
[ -d "$VENV" ] || die "--venv $VENV is not a folder"
VENV="$(cd "$VENV" && pwd)"

shopt -s nullglob
candidates=("$VENV"/lib/python3.*/site-packages/freqtrade/rpc/api_server)
shopt -u nullglob
if [ "${#candidates[@]}" -eq 0 ] && [ -x "$VENV/bin/python" ]; then
  # freqtrade installed elsewhere (e.g. `pip install -e` from a git checkout): ask the venv's python.
  found="$("$VENV/bin/python" -c 'import importlib.util as u; s = u.find_spec("freqtrade"); print(s.submodule_search_locations[0] if s else "")' 2>/dev/null || true)"
  [ -n "$found" ] && [ -d "$found/rpc/api_server" ] && candidates=("$found/rpc/api_server")
fi
[ "${#candidates[@]}" -eq 1 ] || die "expected one freqtrade package in $VENV, found ${#candidates[@]}: ${candidates[*]:-none}"
API_SERVER="${candidates[0]}"
[ -f "$API_SERVER/web_ui.py" ] || die "$API_SERVER has no web_ui.py: freqtrade too old to serve a UI?"
DEST="$API_SERVER/ui/installed"
mkdir -p "$DEST"

# Replace the contents: everything but freqtrade's own .gitkeep/fallback_file.html goes, then the staged files
# move in (renames on one file system where possible, so a running bot sees a mixed state only for moments).
find "$DEST" -mindepth 1 -maxdepth 1 ! -name .gitkeep ! -name fallback_file.html -exec rm -rf -- {} +
for entry in "$STAGE"/* "$STAGE"/.[!.]*; do
  [ -e "$entry" ] || continue
  mv -- "$entry" "$DEST"/
done
# /favicon.ico is always freqtrade's own (ui/favicon.ico, outside installed/); Freqboard links its own icon.
echo "installed Freqboard $UI_VERSION into $DEST" >&2
echo "  open http://<api_server listen_ip_address>:<listen_port>/ (GET /ui_version reports $UI_VERSION)" >&2
