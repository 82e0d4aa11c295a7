# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 The cwmpd developers
#
# Convenience wrapper around meson. The two commands a newcomer needs:
#   make demo    set up, build and run the demo
#   make check   set up, build and run every test stage (plain, ASan/UBSan, valgrind)
# Everything else is plain meson; see README.md.
#
# Variables (all optional):
#   BUILD, BUILD_ASAN, BUILD_BENCH  build directories (default build, build-asan, build-bench)
#   CI=true                         configure with -Dwerror=true
#   ASAN_CC                         compiler for the sanitizer build (default clang-14)
#   VALGRIND_SUITES                 suites run under valgrind (default: the C suites core plugins)
#   MESON_ARGS                      extra arguments for every `meson setup`
#   ARGS                            arguments for `make run`

BUILD ?= build
BUILD_ASAN ?= build-asan
BUILD_BENCH ?= build-bench
ASAN_CC ?= clang-14
VALGRIND_SUITES ?= core plugins
TEST_PROCESSES ?= 2
MESON ?= meson
NINJA ?= ninja
PYTHON ?= python3
MESON_ARGS ?=
ACS_URL ?=
ACS_USERNAME ?=
ACS_PASSWORD ?=
ARGS ?=
CI ?= false

# the source tree is where this Makefile is, wherever make is run from
SRCDIR := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))

ifeq ($(CI),true)
WERROR := -Dwerror=true
else
WERROR :=
endif

SUBMAKE = $(MAKE) --no-print-directory -f "$(SRCDIR)/Makefile"

SHELL := /bin/sh
.SHELLFLAGS := -ec
.ONESHELL:
.DEFAULT_GOAL := help
.PHONY: help check demo bench install clean run deps setup build test test-asan test-valgrind \
	_configure _build _test _test-asan _test-valgrind

help:
	@echo "make demo      set up, build and run the demo"
	echo "make check     set up, build, run the tests, then under ASan/UBSan and valgrind"
	echo "make bench     release build in $(BUILD_BENCH) and run the benchmarks"
	echo "make run ARGS='--list-plugins'   build and run $(BUILD)/cwmpd"
	echo "make install   meson install -C $(BUILD)"
	echo "make clean     remove $(BUILD) $(BUILD_ASAN) $(BUILD_BENCH)"

# stage banners: one line in, one line out with the elapsed time
define stage_begin
echo ""; echo "==> $(1)"; stage_start=$$(date +%s)
endef
define stage_end
echo "<== $(1): done in $$(( $$(date +%s) - stage_start ))s"
endef

# configure a build directory once; later runs let ninja re-run meson when a
# meson.build changes; CI=true also turns on werror in an existing directory
# $(1) dir, $(2) extra options
define meson_setup
if [ ! -f "$(1)/build.ninja" ]; then \
	$(MESON) setup "$(1)" "$(SRCDIR)" $(WERROR) $(MESON_ARGS) $(2); \
elif [ "$(CI)" = "true" ]; then \
	$(MESON) configure "$(1)" -Dwerror=true; \
fi
endef

deps:
	@$(call stage_begin,set-up: Debian packages (tools/install-deps.sh))
	"$(SRCDIR)/tools/install-deps.sh"
	$(call stage_end,set-up)

# the stages, without prerequisites so that `check` runs the set-up only once
_configure:
	@$(call stage_begin,configure $(BUILD))
	$(call meson_setup,$(BUILD),)
	$(call stage_end,configure)

_build:
	@$(call stage_begin,build $(BUILD))
	$(NINJA) -C "$(BUILD)"
	$(call stage_end,build)

_test:
	@$(call stage_begin,test suite in $(BUILD))
	$(MESON) test -C "$(BUILD)" --print-errorlogs --num-processes $(TEST_PROCESSES)
	$(call stage_end,test suite)

# GLib 2.74 still has the slice allocator: bypass it so ASan sees every block
_test-asan:
	@$(call stage_begin,ASan/UBSan build and test suite in $(BUILD_ASAN) with $(ASAN_CC))
	if [ ! -f "$(BUILD_ASAN)/build.ninja" ]; then \
		CC=$(ASAN_CC) $(MESON) setup "$(BUILD_ASAN)" "$(SRCDIR)" $(WERROR) $(MESON_ARGS) \
			-Db_sanitize=address,undefined -Db_lundef=false; \
	elif [ "$(CI)" = "true" ]; then \
		$(MESON) configure "$(BUILD_ASAN)" -Dwerror=true; \
	fi
	$(NINJA) -C "$(BUILD_ASAN)"
	G_SLICE=always-malloc $(MESON) test -C "$(BUILD_ASAN)" --print-errorlogs \
		--num-processes $(TEST_PROCESSES)
	$(call stage_end,ASan/UBSan)

_test-valgrind:
	@$(call stage_begin,valgrind run of suite(s): $(VALGRIND_SUITES))
	$(MESON) test -C "$(BUILD)" --setup=valgrind --print-errorlogs \
		--num-processes $(TEST_PROCESSES) $(addprefix --suite ,$(VALGRIND_SUITES))
	$(call stage_end,valgrind)

# one sub-make per stage keeps them in order even under make -j
setup: deps
	@$(SUBMAKE) _configure

build: deps
	@$(SUBMAKE) _configure
	$(SUBMAKE) _build

test: build
	@$(SUBMAKE) _test

test-asan: deps
	@$(SUBMAKE) _test-asan

test-valgrind: build
	@$(SUBMAKE) _test-valgrind

check:
	@check_start=$$(date +%s)
	$(SUBMAKE) deps
	$(SUBMAKE) _configure
	$(SUBMAKE) _build
	$(SUBMAKE) _test
	$(SUBMAKE) _test-asan
	$(SUBMAKE) _test-valgrind
	echo ""
	echo "==> make check: every stage passed in $$(( $$(date +%s) - check_start ))s"
	$(PYTHON) "$(SRCDIR)/tools/test-summary.py" "$(BUILD)" "$(BUILD_ASAN)"

# the ACS simulator and cwmpd on loopback, with a temporary state directory
demo: build
	@echo ""
	echo "==> demo: cwmpd against the ACS simulator on loopback"
	"$(SRCDIR)/tools/demo.sh" "$(abspath $(BUILD))" "$(SRCDIR)"

# cwmpd in the foreground against any ACS: make run ACS_URL=https://acs.example/ ARGS=...

# the benchmarks run directly, one at a time, rather than through `meson test
# --benchmark`: that applies the default test setup, whose MALLOC_CHECK_,
# MALLOC_PERTURB_ and G_DEBUG=gc-friendly slow down every allocation
define BENCH_RUNNER
import json, os, subprocess, sys
env = dict(os.environ)
for name in ("MALLOC_CHECK_", "MALLOC_PERTURB_", "G_DEBUG", "G_SLICE"):
    env.pop(name, None)
env["LC_ALL"] = "C.UTF-8"
failed = []
benchmarks = [b for b in json.load(sys.stdin) if any(s.split(":")[-1] == "bench" for s in b["suite"])]
if not benchmarks:
    sys.exit("no benchmarks in the suite bench: see bench/meson.build")
for b in benchmarks:
    print("--- " + b["name"] + ": " + " ".join(b["cmd"]), flush=True)
    rc = subprocess.call(b["cmd"], env=dict(env, **b["env"]), cwd=b["workdir"], timeout=b["timeout"])
    if rc != 0:
        failed.append(b["name"])
        print("--- " + b["name"] + ": FAILED with exit status " + str(rc), flush=True)
if failed:
    sys.exit("failed benchmarks: " + " ".join(failed))
endef
export BENCH_RUNNER

bench: deps
	@$(call stage_begin,release build in $(BUILD_BENCH))
	$(call meson_setup,$(BUILD_BENCH),-Dbuildtype=release)
	$(NINJA) -C "$(BUILD_BENCH)"
	$(call stage_end,release build)
	$(call stage_begin,benchmarks)
	echo "machine: $$(nproc) cpu(s), $$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
	echo "kernel: $$(uname -sr); compiler: $$(cc --version | head -n 1)"
	$(MESON) introspect --benchmarks "$(BUILD_BENCH)" | $(PYTHON) -c "$$BENCH_RUNNER"
	$(call stage_end,benchmarks)

install: build
	@$(MESON) install -C "$(BUILD)"

# cwmpd is built at the top of the build directory (it links the plugin table)
run: build
	@exe="$(BUILD)/cwmpd"
	if [ -n "$(ACS_URL)" ]; then
		run_dir="$(abspath $(BUILD))/run"
		mkdir -p "$$run_dir"
		printf '[acs]\nurl=%s\nusername=%s\npassword=%s\n[state]\ndirectory=%s\n' \
			"$(ACS_URL)" "$(ACS_USERNAME)" "$(ACS_PASSWORD)" "$$run_dir/state" > "$$run_dir/cwmpd.conf"
		echo "cwmpd against $(ACS_URL), state in $$run_dir/state (Ctrl-C stops it)"
		exec env CWMP_PLUGIN_DIR="$(abspath $(BUILD))/plugins/all" G_MESSAGES_DEBUG=CwmpCore \
			"$$exe" --config "$$run_dir/cwmpd.conf" $(ARGS)
	fi
	exec "$$exe" $(ARGS)

clean:
	@rm -rf "$(BUILD)" "$(BUILD_ASAN)" "$(BUILD_BENCH)"
