#!/bin/sh
# Builds the Markdown module (crates/hospital-markdown) and puts it beside the app as
# hospital_markdown.wasm: a Trunk hook (post_build), so `trunk serve`, `trunk build` and
# `make build` all publish it. Optimised with the pinned npm wasm-opt when it is there
# (scripts/setup.sh installs it; Debian's breaks builds), else published as built.
set -eu
root="${TRUNK_SOURCE_DIR:-$(pwd)}"
out="${TRUNK_STAGING_DIR:?run by Trunk, which sets TRUNK_STAGING_DIR}/hospital_markdown.wasm"
target="${CARGO_TARGET_DIR:-$root/target}"
cargo build --quiet --release --target wasm32-unknown-unknown -p hospital-markdown \
  --manifest-path "$root/Cargo.toml"
built="$target/wasm32-unknown-unknown/release/hospital_markdown.wasm"
opt="$root/node_modules/.bin/wasm-opt"
if [ -x "$opt" ]; then
  # The features Rust's wasm32 target uses by default.
  "$opt" -Oz --enable-bulk-memory --enable-sign-ext --enable-mutable-globals \
    --enable-nontrapping-float-to-int --enable-reference-types --enable-multivalue \
    "$built" -o "$out"
else
  cp "$built" "$out"
fi
