#!/usr/bin/env bash
# Runs every test and prints one closing line `N passed, M failed` summed over all runners.
# A step that cannot run its tests (format, lint, a build) counts as one failure.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p target/test-logs
rm -f target/test-logs/playwright.json
failed_steps=0

step() {
  local name=$1; shift
  echo "== $name"
  if ! "$@"; then
    echo "!! $name failed"
    failed_steps=$((failed_steps + 1))
    return 1
  fi
}

step "format" cargo fmt --all -- --check
step "clippy" cargo clippy --workspace --all-targets --quiet -- -D warnings
echo "== cargo test"
cargo test --workspace 2>&1 | tee target/test-logs/cargo.log
cargo_status=${PIPESTATUS[0]}
if [ "$cargo_status" != 0 ] && ! grep -q "^test result:" target/test-logs/cargo.log; then
  failed_steps=$((failed_steps + 1))
fi

# The app's browser-bound pieces, in headless Chromium through chromedriver
# (.cargo/config.toml names wasm-bindgen-test-runner as the wasm runner).
echo "== browser unit tests (wasm-bindgen-test)"
cargo test --target wasm32-unknown-unknown --test web 2>&1 | tee target/test-logs/web.log
web_status=${PIPESTATUS[0]}
cat target/test-logs/web.log >> target/test-logs/cargo.log
if [ "$web_status" != 0 ] && ! grep -q "^test result:" target/test-logs/web.log; then
  failed_steps=$((failed_steps + 1))
fi

if step "release build" make --no-print-directory build && step "sub-path build" make --no-print-directory build-sub; then
  echo "== browser tests (Playwright, Chromium)"
  npx playwright test
else
  echo "!! browser tests skipped: the build failed"
fi

node scripts/count-tests.mjs target/test-logs/cargo.log target/test-logs/playwright.json "$failed_steps"
