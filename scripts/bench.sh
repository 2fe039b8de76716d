#!/usr/bin/env bash
# `make bench`: builds what the benchmark needs, generates the synthetic datasets, then runs
# bench/run.mjs (engines in Chromium, the app end to end, Lighthouse), which writes
# bench/results.md and bench/results.json, and bench/compiled-index.mjs (the compiled doctor
# index against the JSON path), which writes bench/results-compiled.md. Not part of the test
# suite: no pass/fail.
#
# Environment: BENCH_SIZES (default 1000,10000,100000), BENCH_PARTS (engines,app,lighthouse,relevance,compiled;
# `BENCH_PARTS=relevance make bench` runs the relevance test alone, without building the app),
# BENCH_ENGINES (default ours,ours-o3,minisearch,minisearch-1typo,fuse,pagefind; rows of engines
# not run are kept from the previous results), BENCH_PORT_BASE is not needed: the servers use ports 4310-4312.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

sizes=${BENCH_SIZES:-1000,10000,100000}
parts=${BENCH_PARTS:-engines,app,lighthouse,relevance,compiled}
part() { [[ ",$parts," == *",$1,"* ]]; }
# The app's release build and the bench wasm serve every part but the relevance test.
needs_app=false
for p in engines app lighthouse compiled; do part "$p" && needs_app=true; done
articles=5000
out=bench/out
data=bench/data

# Lighthouse and Pagefind live in their own package so that the test install stays small.
if [ ! -x bench/node_modules/.bin/lighthouse ] || [ ! -d bench/node_modules/pagefind ] || [ bench/package-lock.json -nt bench/node_modules/.package-lock.json ]; then
  echo "bench: installing bench/package.json (Lighthouse, Pagefind)"
  npm ci --prefix bench --no-audit --no-fund
fi

mkdir -p "$out"
# What was built: the report names this commit (and whether the tree had other changes).
printf '{"commit":"%s","dirty":%s,"date":"%s"}\n' "$(git rev-parse --short HEAD)" \
  "$([ -n "$(git status --porcelain -- src crates Cargo.toml Cargo.lock index.html style public data)" ] && echo true || echo false)" \
  "$(date -u +%FT%TZ)" > "$out/build-info.json"
cargo build --quiet --release -p hospital-cli
generator=target/release/hospital-data
if $needs_app; then
  echo "bench: release build of the app into $out/site"
  trunk build --release --dist "$out/site"
  # The app as Trunk built it: compiled-index.mjs writes a large hospital's whole site from it.
  rm -rf "$out/trunk" && cp -r "$out/site" "$out/trunk"
  target/release/hospital-data site "$out/site" --data data/sample.json --site-url http://127.0.0.1:4310

  echo "bench: the search engine as a wasm module ($out/pkg)"
  cargo build --quiet --release --target wasm32-unknown-unknown -p hospital-bench-wasm
  wasm-bindgen --target web --no-typescript --out-dir "$out/pkg" target/wasm32-unknown-unknown/release/hospital_bench_wasm.wasm
  # Like the app's build (data-wasm-opt="z" in index.html).
  wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
    "$out/pkg/hospital_bench_wasm_bg.wasm" -o "$out/pkg/hospital_bench_wasm_bg.wasm"

  echo "bench: the same at opt-level 3 ($out/pkg/o3), an experiment: how much speed opt-level z costs"
  cargo build --quiet --release --target wasm32-unknown-unknown -p hospital-bench-wasm --target-dir target/bench-o3 \
    --config 'profile.release.opt-level=3' --config 'profile.release.package.hospital-core.opt-level=3'
  wasm-bindgen --target web --no-typescript --out-dir "$out/pkg/o3" target/bench-o3/wasm32-unknown-unknown/release/hospital_bench_wasm.wasm
  wasm-opt -O3 --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
    "$out/pkg/o3/hospital_bench_wasm_bg.wasm" -o "$out/pkg/o3/hospital_bench_wasm_bg.wasm"

  echo "bench: datasets in $data"
  for n in ${sizes//,/ }; do
    dir="$data/$n"
    stamp="$dir/.generated"
    want="doctors=$n articles=$articles seed=1 split-bodies $(sha256sum "$generator" | cut -c1-16)"
    if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
      rm -rf "$dir"
      "$generator" generate --doctors "$n" --articles "$articles" --seed 1 --out "$dir" --split-bodies
      # Article covers are relative to the dataset's URL: give them the sample's images.
      cp -r public/images "$dir/images"
      echo "$want" > "$stamp"
    fi
  done
  mkdir -p "$data/sample"
  cp data/sample.json "$data/sample/hospital.json"
fi

if part relevance; then
  echo "bench: relevance: the generated dataset of data/relevance/judgments.json, and ours (native example)"
  rel="$data/relevance-generated"
  want="doctors=1000 articles=0 seed=1 $(sha256sum "$generator" | cut -c1-16)"
  if [ ! -f "$rel/.generated" ] || [ "$(cat "$rel/.generated")" != "$want" ]; then
    rm -rf "$rel"
    "$generator" generate --doctors 1000 --articles 0 --seed 1 --out "$rel"
    echo "$want" > "$rel/.generated"
  fi
  cargo run --quiet --release -p hospital-core --example relevance -- --json "$out/relevance-ours.json"
fi

run_parts=$(tr ',' '\n' <<<"$parts" | grep -vx compiled | paste -sd, -)
if [ -n "$run_parts" ]; then
  echo "bench: running ($run_parts); this takes a while"
  node --max-old-space-size=12000 bench/run.mjs --sizes "$sizes" --parts "$run_parts" \
    --engines "${BENCH_ENGINES:-ours,ours-o3,minisearch,minisearch-1typo,fuse,pagefind}"
  echo "bench: wrote bench/results.md and bench/results.json"
fi
if part compiled; then
  echo "bench: the compiled doctor index against the JSON path"
  node --max-old-space-size=8000 bench/compiled-index.mjs --doctors "$sizes" --articles "$articles" --site "$out/site" --runs 5
  echo "bench: wrote bench/results-compiled.md"
fi
