# gongkai — the two commands of the README (make run, make test), plus make bench.
# Build trees: build/ (release, for run and bench) and build-test/ (sanitizers, warnings as errors).
SHELL := /bin/bash
JOBS ?= $(shell nproc)
DB ?= var/gongkai.db
LISTEN ?= 127.0.0.1:8080

.PHONY: run test bench build build-test deps unit e2e integration clean

deps:
	@scripts/install-deps

build: deps
	@cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DGK_WERROR=ON >/dev/null
	@cmake --build build -j$(JOBS) --target gongkai

build-test: deps
	@cmake -S . -B build-test -DCMAKE_BUILD_TYPE=Debug -DGK_WERROR=ON -DGK_SANITIZE=ON >/dev/null
	@cmake --build build-test -j$(JOBS)

run: build
	@if [ ! -f $(DB) ]; then mkdir -p $(dir $(DB)) && build/gongkai init --db $(DB) --demo; fi
	@build/gongkai serve --db $(DB) --listen $(LISTEN)

# Unit tests (GoogleTest under ASan/UBSan), the holiday calendar against chinese-days and §7 of the
# facts, HTTP integration tests and browser tests, against
# servers of the sanitizer build on temporary databases.
test: build-test
	@cd build-test && ctest --output-on-failure -j$(JOBS)
	@GONGKAI_BIN=$(CURDIR)/build-test/gongkai node --test tests/calendar/
	@GONGKAI_BIN=$(CURDIR)/build-test/gongkai node --test --test-concurrency=1 tests/integration/
	@GONGKAI_BIN=$(CURDIR)/build-test/gongkai node --test --test-concurrency=1 tests/e2e/

bench: build
	@bench/run.sh $(CURDIR)/build/gongkai

clean:
	rm -rf build build-test
