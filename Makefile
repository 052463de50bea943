# gongkai — the two commands of the README (make run, make test), plus make bench.
# Build trees: build/ (release, for run and bench) and build-test/ (sanitizers, warnings as errors).
SHELL := /bin/bash
JOBS ?= $(shell nproc)
DB ?= var/gongkai.db
LISTEN ?= 127.0.0.1:8080

.PHONY: run test fuzz bench bench-quick build build-bench build-test deps unit e2e integration clean

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
	@GK_SOURCE_DIR=$(CURDIR) build-test/unit_tests --gtest_filter='CheckerCorpus.*' | grep '^checker accuracy:'
	@$(MAKE) --no-print-directory fuzz
	@GONGKAI_BIN=$(CURDIR)/build-test/gongkai node --test tests/calendar/
	@GONGKAI_BIN=$(CURDIR)/build-test/gongkai node --test --test-concurrency=1 tests/integration/
	@GONGKAI_BIN=$(CURDIR)/build-test/gongkai node --test --test-concurrency=1 tests/e2e/

# make bench: the HTTP benchmark (bench/run.sh), then the search benchmark over 10^6 generated items
# (bench/search/run.sh; 16 GB of disk and, on a busy 2-core machine, hours: Xapian indexes at
# 150–300 docs/s). make bench-quick: a 3-second HTTP run (printed, not recorded), then the search benchmark over
# 10^5 items. Both append the search results to BENCHMARKS.md.
# The report checker's parser under libFuzzer (clang, ASan/UBSan) for a bounded minute, seeded with the
# test corpus; new inputs go to build-fuzz/checker-corpus so tests/checker/corpus stays unchanged.
fuzz: deps
	@cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_C_COMPILER=clang -DGK_FUZZ=ON >/dev/null
	@cmake --build build-fuzz -j$(JOBS) --target checker_fuzz >/dev/null
	@mkdir -p build-fuzz/checker-corpus
	@set -o pipefail; build-fuzz/checker_fuzz build-fuzz/checker-corpus tests/checker/corpus -max_total_time=60 \
	  -max_len=16384 -rss_limit_mb=4096 2>&1 | tail -2

bench: build-bench
	@bench/run.sh $(CURDIR)/build/gongkai
	@bench/search/run.sh $(CURDIR)/build/search_bench 1000000

bench-quick: build-bench
	@BENCH_DURATION=3 BENCH_WARMUP=1 BENCH_ROUNDS=1 BENCH_NO_RECORD=1 bench/run.sh $(CURDIR)/build/gongkai
	@bench/search/run.sh $(CURDIR)/build/search_bench 100000

# The release tree with the benchmark programs (GK_BENCH needs libxapian-dev).
build-bench: deps
	@cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DGK_WERROR=ON -DGK_BENCH=ON >/dev/null
	@cmake --build build -j$(JOBS) --target gongkai search_bench

clean:
	rm -rf build build-test build-fuzz
