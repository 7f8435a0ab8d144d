#!/usr/bin/env bash
# Runs every test: formatting and lints, native unit tests, the release build, the end-to-end suite in headless
# Chromium against real dry-run freqtrade bots (across origins, through nginx, installed into a bot), and the
# README's demo command from a fresh clone. Installs what it needs first (e2e/setup.sh). Prints each step's time.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
TEST_START=$(date +%s)
STEP_START=$TEST_START
step() {
  local now
  now=$(date +%s)
  printf '\n==> [test %4ss, previous step %ss] %s\n' "$((now - TEST_START))" "$((now - STEP_START))" "$*"
  STEP_START=$now
}

step "Set-up (e2e/setup.sh)"
bash e2e/setup.sh
export PATH="$HOME/.cargo/bin:$ROOT/e2e/node_modules/.bin:$PATH"

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (native and wasm32, and wasm32 with the chart benchmark), warnings are errors"
cargo clippy --all-targets -- -D warnings
cargo clippy --target wasm32-unknown-unknown -- -D warnings
# The benchmark's code is left out of the shipped build; without this it would go unchecked (it once stopped
# compiling unnoticed when the overlay painter gained an argument).
cargo clippy --target wasm32-unknown-unknown --features bench -- -D warnings

step "Layering: api, state::persist and util stay free of view code"
if grep -rnE '^use (leptos|leptos_router)' src/api src/util src/state/persist.rs; then
  echo "protocol and pure modules must not import leptos" >&2
  exit 1
fi

step "Layering: views (pages, components, charts) never build endpoints; they call typed state methods"
# Test modules (from #[cfg(test)] on) may decode fixtures through endpoints.
view_endpoints=$(find src/pages src/components src/charts -name '*.rs' -print0 |
  xargs -0 awk '/^#\[cfg\(test\)\]/ { nextfile } /endpoints::|api::endpoint::|Endpoint</ { print FILENAME ":" FNR ": " $0 }')
if [ -n "$view_endpoints" ]; then
  echo "$view_endpoints" >&2
  echo "views must call state methods (src/state/reads.rs, BotStore actions), not build endpoints" >&2
  exit 1
fi

step "Feature table: API versions are compared only in src/api/features.rs"
# A version check elsewhere (`api_version() >= 2.24`, `version >= 2.17`) bypasses the one table (Feature).
version_checks=$(find src -name '*.rs' ! -path src/api/features.rs -print0 |
  xargs -0 awk '/^#\[cfg\(test\)\]/ { nextfile } /api_version\(\) *[<>=]|api_at_least\(|[<>]=? *[0-9]+\.[0-9]+ *(\)|;|,|$|&&|\|\|)/ && /api|version/ { print FILENAME ":" FNR ": " $0 }')
if [ -n "$version_checks" ]; then
  echo "$version_checks" >&2
  echo "ask bot.has(Feature::X); add the feature and its version to src/api/features.rs" >&2
  exit 1
fi

step "Native unit tests"
cargo test

step "Harness self-test: the freqtrade imitation and the slow proxy the hardening tests use"
python3 e2e/harness/test_imitation.py

step "Release build (trunk build --release)"
trunk build --release
ls -l dist

step "Bundle budget: what /trade fetches and every release file, gzip -9 (e2e/bench/bundle-size.sh --check)"
bash e2e/bench/bundle-size.sh --check dist

step "Content-Security-Policy of the release index.html allows its boot script by hash, and nothing inline else"
python3 e2e/harness/check_csp.py dist/index.html

step "End-to-end tests (Playwright, headless Chromium, real freqtrade bots)"
cd e2e
e2e_status=0
CI=${CI:-} npx playwright test || e2e_status=$?
cd "$ROOT"
# The CI checkout and its test-results are gone when the log is read: print what explains a failure here, the
# page as Playwright saw it when the test failed, and the errors the bots logged.
if [ "$e2e_status" != 0 ]; then
  for context in e2e/test-results/slot0/*/error-context.md; do
    [ -f "$context" ] || continue
    echo "!! page at the failure: $context"
    head -n 120 "$context"
  done
  for log in .run/e2e/*/freqtrade.log; do
    [ -f "$log" ] || continue
    echo "!! last errors and warnings of $log:"
    grep -E ' - (ERROR|WARNING) - ' "$log" | grep -v 'force_entry_enable' | tail -n 12 | cut -c1-300 || true
  done
fi
# A bot that died of its own fault during the suite (tests/crashes.ts): say which, where, and how it ended.
for crashes in e2e/test-results/bot-crashes-slot*.jsonl; do
  [ -s "$crashes" ] || continue
  echo "!! freqtrade bots crashed during the suite (recorded in $crashes; each was started again):"
  node -e '
    for (const l of require("fs").readFileSync(process.argv[1], "utf8").split("\n").filter(Boolean)) {
      const c = JSON.parse(l);
      console.log(`--- ${c.bot} (pid ${c.pid}) died ${c.phase} "${c.title}" (attempt ${c.retry + 1}); console tail:\n${c.consoleTail}`);
    }' "$crashes"
done

step "The README's demo command, from a fresh clone (e2e/demo-check.sh)"
demo_status=0
bash e2e/demo-check.sh || demo_status=$?

step "Done"
# One plain summary line for CI, read from Playwright's JSON reports (the suite and the demo check).
node -e '
  let passed = 0, failed = 0, skipped = 0, retried = 0;
  for (const f of ["results-slot0.json", "results-demo-check.json"]) {
    let s = {};
    try { s = require("./e2e/test-results/" + f).stats || {}; } catch (e) { failed += 1; }
    passed += s.expected || 0;
    failed += s.unexpected || 0;
    // Flaky = passed on its retry, which only a bot crash earns (tests/crashes.ts).
    retried += s.flaky || 0;
    skipped += s.skipped || 0;
  }
  console.log(`e2e: ${passed} passed, ${retried} passed on a retry after a bot crash, ${failed} failed, ${skipped} skipped`);
' || true
[ "$e2e_status" = 0 ] && [ "$demo_status" = 0 ]
