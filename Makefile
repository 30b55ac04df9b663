# SPDX-License-Identifier: GPL-2.0
#
# hdaemu: build, lint and test. The module itself is described by Kbuild;
# this file wraps kbuild and the userspace parts.
#
#   make [KDIR=...] [W=1] [C=1]  module, tools and selftests
#   make check                   kselftests in the test VM, two module setups,
#                                then check-alsa
#   make check KERNEL=6.12|sid   the same on another Debian kernel
#   make matrix                  check on 6.1, 6.12 and sid, record the result
#   make install | uninstall     module under extra/, depmod, tools, udev rule
#   make deb | deb-test          hdaemu-dkms, hdaemu-tools; test them with DKMS
#   make lint                    checkpatch, sparse, W=1, kernel-doc, -Werror
#   make check-alsa              the snd-hdaemu card in the test VM: alsa-utils,
#                                recorded content, xruns, removal, jacks,
#                                mixer-test and pcm-test (issue 11)
#   make check-debug             suite, stress, fuzz, failslab and the ALSA
#                                card's tests under a KASAN/lockdep/kmemleak
#                                kernel built once (issues 8, 11)
#   make demo                    hdaemu-ctl demo in the test VM
#   make bench                   the benchmark in the test VM: table, CSV, plot
#                                under .cache/bench/results/ (issue 9)
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
# Two codecs of different models, the second at a gap in the addresses.
CHECK_MODPARAMS_3 ?= codecs=0,2 codec_model=generic,mini

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
# After tools: client links tools/lib/libhdaemu.a and ctl.sh runs the tools.
selftests: $(BUILD_SETUP) module tools
	@if [ -f $(KSFT_DIR)/lib.mk ]; then \
		$(MAKE) -C selftests install; \
	else \
		echo "selftests: skipped, no kselftest harness in $(KSFT_DIR) (run make setup)"; \
	fi

# KERNEL=6.12 or KERNEL=sid (tools/kernels): the same build and VM tests
# on that Debian kernel; the module is built for it in .cache/kernels/.
check: setup
	@$(MAKE) --no-print-directory all
ifeq ($(filter-out 6.1,$(KERNEL)),)
	tools/check "$(CHECK_MODPARAMS_1)" "$(CHECK_MODPARAMS_2)" "$(CHECK_MODPARAMS_3)"
else
	tools/kernels check $(KERNEL) "$(CHECK_MODPARAMS_1)" "$(CHECK_MODPARAMS_2)" \
		"$(CHECK_MODPARAMS_3)"
endif

# Every kernel of tools/kernels (6.1, 6.12, sid) in turn, on a snapshot of
# the tree; the table goes to Documentation/kernel-matrix.txt, which the
# README quotes.
matrix: setup
	CHECK_MODPARAMS="$(CHECK_MODPARAMS_1);$(CHECK_MODPARAMS_2);$(CHECK_MODPARAMS_3)" \
		tools/kernels matrix $(KERNELS)

# The debug kernel is built on first use (about 6 minutes) and cached; its
# run takes about 6 minutes, the ALSA card's tests included.
check-debug: setup
	@$(MAKE) --no-print-directory all
	tools/debug-kernel/check

# Needs checkpatch and sparse from setup, but no VM.
lint: setup
	tools/lint

# The ALSA card: tools/alsa/setup fetches the sound core modules and
# ALSA's kselftests once; about a minute in the VM.
check-alsa: setup
	@$(MAKE) --no-print-directory all
	tools/alsa/check

demo: setup
	@$(MAKE) --no-print-directory all
	tools/vm/run -- hdaemu-ctl demo

# Latency against timerfd and snd-dummy, scale, position reads and drift,
# about 5 minutes; BENCH_ARGS go to hdaemu-bench (Documentation/benchmark.rst).
bench: setup
	@$(MAKE) --no-print-directory module tools
	tools/bench/run $(BENCH_ARGS)

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

# By hand: the module under /lib/modules/RELEASE/extra (for the kernel of
# KDIR: make install KDIR=/lib/modules/$(uname -r)/build), depmod,
# hdaemu-ctl, the uapi header, the man page and the udev rule. Only the
# module, not the kselftest test module the top Kbuild also builds.
PREFIX ?= /usr/local
UDEVDIR ?= /etc/udev/rules.d
# The release is the one the module was built for (Debian's 6.1 headers
# say 6.1.NNN in include/config/kernel.release).
KREL_OF_MODULE = $$(modinfo -F vermagic driver/hdaemu.ko | cut -d' ' -f1)
install: module tools
	@krel=$(KREL_OF_MODULE) && \
	install -D -m 644 driver/hdaemu.ko $(DESTDIR)/lib/modules/$$krel/extra/hdaemu.ko && \
	depmod $(if $(DESTDIR),-b $(DESTDIR)) -a $$krel && \
	echo "installed /lib/modules/$$krel/extra/hdaemu.ko"
	install -D -m 755 tools/ctl/hdaemu-ctl $(DESTDIR)$(PREFIX)/bin/hdaemu-ctl
	install -D -m 644 include/uapi/linux/hdaemu.h $(DESTDIR)$(PREFIX)/include/linux/hdaemu.h
	install -D -m 644 tools/ctl/hdaemu-ctl.1 $(DESTDIR)$(PREFIX)/share/man/man1/hdaemu-ctl.1
	install -D -m 644 tools/udev/60-hdaemu.rules $(DESTDIR)$(UDEVDIR)/60-hdaemu.rules
	@[ -n "$(DESTDIR)" ] || ! command -v udevadm >/dev/null || udevadm control --reload-rules || true

uninstall:
	@krel=$(KREL_OF_MODULE) && \
	rm -f $(DESTDIR)/lib/modules/$$krel/extra/hdaemu.ko && \
	depmod $(if $(DESTDIR),-b $(DESTDIR)) -a $$krel
	rm -f $(DESTDIR)$(PREFIX)/bin/hdaemu-ctl $(DESTDIR)$(PREFIX)/include/linux/hdaemu.h \
	      $(DESTDIR)$(PREFIX)/share/man/man1/hdaemu-ctl.1 $(DESTDIR)$(UDEVDIR)/60-hdaemu.rules

# DKMS by hand: the sources in /usr/src/hdaemu-VERSION, then dkms install.
dkms-install:
	tools/dkms-source $(DESTDIR)/usr/src/hdaemu-$$(tools/version --deb)
	[ -n "$(DESTDIR)" ] || dkms install hdaemu/$$(tools/version --deb)

# hdaemu-dkms and hdaemu-tools .debs in .cache/deb (lintian runs over
# them); deb-test installs them with apt in a bookworm tree, lets DKMS
# build the module for the 6.12 kernel and loads it in the VM.
deb:
	tools/deb/build

deb-test: setup deb
	tools/deb/test

.PHONY: all setup module tools selftests check check-alsa check-debug lint demo vm-shell clean distclean
.PHONY: matrix install uninstall dkms-install deb deb-test
.PHONY: bench
