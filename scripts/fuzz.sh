#!/usr/bin/env bash
# Runs every fuzz target of fuzz/ for a given number of seconds each and prints
# libFuzzer's final figures (executions, coverage) per target.
#
#   scripts/fuzz.sh [seconds-per-target]        default 60
#   FUZZ_TARGETS="route markdown" scripts/fuzz.sh 600
#   FUZZ_JOBS=2 scripts/fuzz.sh 600              two targets at a time (2 cores: the most)
#   FUZZ_ARGS=-max_len=4096 scripts/fuzz.sh 600  extra libFuzzer options for every target
#
# Needs the nightly toolchain (sanitizers) and cargo-fuzz; installs cargo-fuzz if missing.
# Not part of `make test`: fuzzing is open-ended and its result depends on time.
# The growing corpus is kept in fuzz/corpus/<target> (not committed); committed seeds
# are in fuzz/seeds/<target>; a crashing input lands in fuzz/artifacts/<target>/.
set -uo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}
targets=${FUZZ_TARGETS:-dataset search route markdown compiled records}
jobs=${FUZZ_JOBS:-1}
case $secs in ''|*[!0-9]*) echo "usage: scripts/fuzz.sh [seconds-per-target]" >&2; exit 2 ;; esac

if ! cargo +nightly --version >/dev/null 2>&1; then
  echo "fuzz: the nightly toolchain is needed (rustup toolchain install nightly)" >&2
  exit 2
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz || exit 2
fi

mkdir -p fuzz/artifacts
for t in $targets; do mkdir -p "fuzz/corpus/$t"; done
# The real dataset and its article bodies are the best starting points, but too big
# to commit twice: copy them into the (ignored) corpus.
[ -d fuzz/corpus/dataset ] && cp data/sample.json fuzz/corpus/dataset/sample.json
if [ -d fuzz/corpus/markdown ]; then
  node -e '
    const d = JSON.parse(require("fs").readFileSync("data/sample.json", "utf8"));
    d.articles.forEach((a, i) => Object.entries(a.body || {}).forEach(([l, t]) =>
      require("fs").writeFileSync(`fuzz/corpus/markdown/sample-${i}-${l}.md`, t)));
  ' || echo "fuzz: could not copy the sample's article bodies (node missing?)" >&2
fi

if [ -d fuzz/corpus/compiled ] || [ -d fuzz/corpus/records ]; then
  # The sample's doctor index as `site` would compile it (for the sample as written), and
  # its payload alone, which the target also tries behind a good header.
  # Its records and articles compiled go to the `records` target's corpus the same way
  # (also when only `records` runs: from random bytes alone it reached half the coverage).
  mkdir -p fuzz/corpus/compiled fuzz/corpus/records
  if cargo run --quiet --release -p hospital-cli -- compile data/sample.json --out fuzz/corpus/compiled/sample.idx --records fuzz/corpus/records/sample.bin 2>/dev/null; then
    tail -c +41 fuzz/corpus/compiled/sample.idx > fuzz/corpus/compiled/sample-payload
    tail -c +41 fuzz/corpus/records/sample.bin > fuzz/corpus/records/sample-payload
    tail -c +41 fuzz/corpus/records/sample.articles.bin > fuzz/corpus/records/sample-articles-payload
  else
    echo "fuzz: could not compile the sample's doctor index" >&2
  fi
fi

echo "== building the fuzz targets (nightly, AddressSanitizer)"
(cd fuzz && nice -n 10 cargo +nightly fuzz build) || exit 1

run_one() {
  local t=$1 log="fuzz/artifacts/$t.log"
  # -rss_limit_mb: a target that needs more than this is itself a finding.
  (cd fuzz && nice -n 10 cargo +nightly fuzz run "$t" "corpus/$t" "seeds/$t" -- \
      -max_total_time="$secs" -print_final_stats=1 -rss_limit_mb=2048 -timeout=10 ${FUZZ_ARGS:-}) >"$log" 2>&1
  local status=$?
  local done_line execs cov ft
  done_line=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -1)
  execs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' | tail -1)
  cov=$(grep -oE 'cov: [0-9]+' <<<"$done_line" | grep -oE '[0-9]+')
  ft=$(grep -oE 'ft: [0-9]+' <<<"$done_line" | grep -oE '[0-9]+')
  if [ $status -eq 0 ]; then
    echo "fuzz $t: ${secs}s, ${execs:-?} executions, cov ${cov:-?}, ft ${ft:-?}, no crash (log: $log)"
  else
    echo "fuzz $t: FAILED (status $status) after ${execs:-?} executions; input and report in fuzz/artifacts/$t/ and $log"
  fi
  return $status
}

failed=0
running=0
pids=()
for t in $targets; do
  run_one "$t" &
  pids+=($!)
  running=$((running + 1))
  if [ "$running" -ge "$jobs" ]; then
    wait "${pids[0]}" || failed=$((failed + 1))
    pids=("${pids[@]:1}")
    running=$((running - 1))
  fi
done
for p in "${pids[@]}"; do wait "$p" || failed=$((failed + 1)); done
[ "$failed" -eq 0 ] || { echo "fuzz: $failed target(s) failed"; exit 1; }
