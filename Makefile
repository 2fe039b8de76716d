# The two commands of the README: `make serve` and `make test`. Each installs what is missing.
SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export TRUNK_SKIP_VERSION_CHECK := true
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1
SITE_URL ?= http://127.0.0.1:8080
DATA ?= data/sample.json

.PHONY: serve test setup build build-sub dist site bench fuzz lint clean

setup:
	@scripts/setup.sh

## Serves the app with the sample data (data/sample.json as hospital.json) on http://127.0.0.1:8080 (rebuilds on change).
serve:
	@NEED_BROWSER=0 scripts/setup.sh
	trunk serve --address 127.0.0.1 --port 8080

## Runs every test: format and lint, native cargo tests, the release builds, and the browser suite.
test: setup
	@scripts/test.sh

## Release build at the domain root: dist/ (pages for every route, 404.html, sitemap, feed, and
## the dataset as hospital.json, which the app loads). DATA: a dataset JSON file or a content
## folder (default data/sample.json); the pages and the app both show it.
build: setup
	trunk build --release
	cargo run --quiet --release -p hospital-cli -- site dist --data $(DATA) --site-url $(SITE_URL)

## Release build for a project site under /hospital-site/ (as GitHub Pages serves it): dist-sub/, same DATA.
build-sub: setup
	trunk build --release --public-url /hospital-site/ --dist dist-sub
	cargo run --quiet --release -p hospital-cli -- site dist-sub --data $(DATA) --site-url $(SITE_URL)

bench: setup
	@scripts/bench.sh

## Fuzzes every target for FUZZ_SECONDS each (default 60): `make fuzz FUZZ_SECONDS=600`.
## Needs nightly; not part of `make test`. See scripts/fuzz.sh.
FUZZ_SECONDS ?= 60
fuzz:
	@scripts/fuzz.sh $(FUZZ_SECONDS)

clean:
	rm -rf dist dist-sub test-results
