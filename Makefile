# SPDX-License-Identifier: GPL-2.0
#
# hdaemu: build, lint and test. The module itself is described by Kbuild;
# this file wraps kbuild and the userspace parts.
#
#   make [KDIR=...] [W=1] [C=1]  module, tools and selftests
#   make check                   kselftests in the test VM, two module setups
#   make lint                    checkpatch, sparse, W=1, kernel-doc, -Werror
#   make demo                    hdaemu-ctl demo in the test VM
#   make vm-shell                interactive shell in the test VM
#   make setup | clean | distclean
#
# By default the module is built against the headers of the test kernel
# that tools/setup.sh resolved and recorded in .cache/. Passing KDIR (on the
# command line or in the environment) builds against that tree instead and
# does not need the VM setup, e.g. make KDIR=/lib/modules/$(uname -r)/build

SHELL := /bin/bash
CACHE := $(CURDIR)/.cache

ifeq ($(origin KDIR),undefined)
# Expanded when a recipe runs, after setup has recorded the release.
KDIR = /usr/src/linux-headers-$(shell cat $(CACHE)/kernel-release 2>/dev/null)
BUILD_SETUP := setup
endif
KSFT_DIR ?= $(CACHE)/linux-source/tools/testing/selftests
export KDIR KSFT_DIR

# Module parameters of the further check runs, one run each: the largest
# dedicated split, and 30 engines mostly bidirectional (tags run out
# before engines do).
CHECK_MODPARAMS_1 ?= num_output=15 num_input=15 num_bidir=0
CHECK_MODPARAMS_2 ?= num_output=2 num_input=1 num_bidir=27

all: module tools selftests

setup:
	@tools/setup.sh

module: $(BUILD_SETUP)
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

tools: $(BUILD_SETUP)
	$(MAKE) -C tools

# The selftests need the kselftest harness from the kernel source; with an
# own KDIR and no setup done, say so instead of failing the whole build.
# After module: the install takes the kernel test module built with it.
selftests: $(BUILD_SETUP) module
	@if [ -f $(KSFT_DIR)/lib.mk ]; then \
		$(MAKE) -C selftests install; \
	else \
		echo "selftests: skipped, no kselftest harness in $(KSFT_DIR) (run make setup)"; \
	fi

check: setup
	@$(MAKE) --no-print-directory all
	tools/vm/check "$(CHECK_MODPARAMS_1)" "$(CHECK_MODPARAMS_2)"

# Needs checkpatch and sparse from setup, but no VM.
lint: setup
	tools/lint

demo: setup
	@$(MAKE) --no-print-directory all
	tools/vm/run -- hdaemu-ctl demo

vm-shell: setup
	@$(MAKE) --no-print-directory all
	tools/vm/run --shell

clean:
	if [ -d "$(KDIR)" ]; then $(MAKE) -C $(KDIR) M=$(CURDIR) clean; fi
	$(MAKE) -C tools clean
	if [ -f $(KSFT_DIR)/lib.mk ]; then $(MAKE) -C selftests clean; fi
	rm -rf selftests/kselftest_install selftests/build $(CACHE)/vm/run.*

# Also forget the setup and the VM's base archive: packages stay
# installed, downloads go.
distclean: clean
	rm -rf $(CACHE)

.PHONY: all setup module tools selftests check lint demo vm-shell clean distclean
