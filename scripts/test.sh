#!/usr/bin/env bash
# Runs every test and prints one closing line `N passed, M failed` summed over all runners.
# A step that cannot run its tests (format, lint, a build) counts as one failure.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p test-results
rm -f test-results/results.json
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
cargo test --workspace 2>&1 | tee test-results/cargo.log
cargo_status=${PIPESTATUS[0]}
if [ "$cargo_status" != 0 ] && ! grep -q "^test result:" test-results/cargo.log; then
  failed_steps=$((failed_steps + 1))
fi

if step "release build" make --no-print-directory build && step "sub-path build" make --no-print-directory build-sub; then
  echo "== browser tests (Playwright, Chromium)"
  npx playwright test
else
  echo "!! browser tests skipped: the build failed"
fi

node scripts/count-tests.mjs test-results/cargo.log test-results/results.json "$failed_steps"
