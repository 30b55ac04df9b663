// SPDX-License-Identifier: GPL-2.0
/*
 * hdaemu-ctl fault - inject faults (needs CAP_SYS_ADMIN):
 *
 *   fault jitter all|ENGINE MAX_NS [--seed S]
 *   fault drop all|ENGINE every N | permille P [--seed S]
 *   fault stall all|ENGINE MS
 *   fault drift all|ENGINE PPM
 *   fault position all|ENGINE smooth|steps|bursts [STEP_US]
 *   fault alloc engine|buffer|notification COUNT
 *   fault remove | return
 *   fault clear
 *
 * ENGINE is a stream descriptor index, as `hdaemu-ctl watch` and debugfs
 * show it. Documentation/faults.rst says what each fault does.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "ctl.h"

#define FAULT_DEBUGFS	"/sys/kernel/debug/hdaemu/faults"

/* RETURN for a removed controller, whose device refuses to open. */
static int fault_return_debugfs(void)
{
	static const char cmd[] = "return";
	int fd = open(FAULT_DEBUGFS, O_WRONLY | O_CLOEXEC);

	if (fd < 0 || write(fd, cmd, sizeof(cmd) - 1) != (ssize_t)(sizeof(cmd) - 1)) {
		fprintf(stderr, "hdaemu-ctl fault return: the controller is removed and %s: %s%s\n",
			FAULT_DEBUGFS, strerror(errno),
			errno == ENOENT ? " (mount debugfs on /sys/kernel/debug)" :
			errno == EACCES || errno == EPERM ? " (needs CAP_SYS_ADMIN)" : "");
		if (fd >= 0)
			close(fd);
		return EXIT_DEVICE;
	}
	close(fd);
	return 0;
}

static int fault_usage(FILE *out)
{
	fprintf(out,
		"usage: hdaemu-ctl fault jitter all|ENGINE MAX_NS [--seed S]\n"
		"       hdaemu-ctl fault drop all|ENGINE every N|permille P [--seed S]\n"
		"       hdaemu-ctl fault stall all|ENGINE MS\n"
		"       hdaemu-ctl fault drift all|ENGINE PPM\n"
		"       hdaemu-ctl fault position all|ENGINE smooth|steps|bursts [STEP_US]\n"
		"       hdaemu-ctl fault alloc engine|buffer|notification COUNT\n"
		"       hdaemu-ctl fault remove | return\n"
		"       hdaemu-ctl fault clear\n"
		"  stall: the running engine's DMA stops for MS ms (up to 10000), then goes\n"
		"    on behind the wall clock, with a FIFO error (an XRUN event)\n"
		"  drift: the stream clock runs PPM parts per million fast (or slow, < 0),\n"
		"    -100000..100000; 0 turns it off\n"
		"  position: the reported position moves in steps of STEP_US (default 10000,\n"
		"    as QEMU's HDA), rounded down (steps) or up (bursts); smooth: exact\n"
		"  ENGINE: a stream descriptor index (hdaemu-ctl stats); all: every engine.\n"
		"  Needs CAP_SYS_ADMIN; clear turns every fault off.\n");
	return out == stdout ? 0 : EXIT_USAGE;
}

static int fault_number(const char *s, unsigned long long *v)
{
	char *end;

	errno = 0;
	*v = strtoull(s, &end, 0);
	return errno || !*s || *end ? -1 : 0;
}

static int fault_target(const char *s, __u32 *target)
{
	unsigned long long v;

	if (!strcmp(s, "all")) {
		*target = HDAEMU_FAULT_CONTROLLER;
		return 0;
	}
	if (fault_number(s, &v) || v >= HDAEMU_MAX_ENGINES)
		return -1;
	*target = v;
	return 0;
}

/* A trailing "--seed S", if any; returns the arguments left before it. */
static int fault_seed(int argc, char **argv, __u64 *seed)
{
	unsigned long long v;

	if (argc >= 2 && !strcmp(argv[argc - 2], "--seed")) {
		if (fault_number(argv[argc - 1], &v))
			return -1;
		*seed = v;
		return argc - 2;
	}
	return argc;
}

int cmd_fault(int argc, char **argv)
{
	struct hdaemu_fault f = { .target = HDAEMU_FAULT_CONTROLLER };
	unsigned long long v;
	int fd, ret;

	if (argc < 2)
		return fault_usage(stderr);
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "help"))
		return fault_usage(stdout);
	argc = fault_seed(argc, argv, &f.seed);
	if (argc < 0)
		return fault_usage(stderr);
	if (!strcmp(argv[1], "clear") && argc == 2) {
		f.type = HDAEMU_FAULT_CLEAR;
	} else if (!strcmp(argv[1], "remove") && argc == 2) {
		f.type = HDAEMU_FAULT_REMOVE;
	} else if (!strcmp(argv[1], "return") && argc == 2) {
		f.type = HDAEMU_FAULT_RETURN;
	} else if (!strcmp(argv[1], "jitter") && argc == 4) {
		f.type = HDAEMU_FAULT_JITTER;
		if (fault_target(argv[2], &f.target) || fault_number(argv[3], &v))
			return fault_usage(stderr);
		f.jitter_max_ns = v;
	} else if (!strcmp(argv[1], "drop") && argc == 5) {
		f.type = HDAEMU_FAULT_DROP;
		if (fault_target(argv[2], &f.target) || fault_number(argv[4], &v) ||
		    v > 0xffffffffull)
			return fault_usage(stderr);
		if (!strcmp(argv[3], "every"))
			f.drop_every = v;
		else if (!strcmp(argv[3], "permille"))
			f.drop_permille = v;
		else
			return fault_usage(stderr);
	} else if (!strcmp(argv[1], "stall") && argc == 4 && !f.seed) {
		char *end;
		double ms;

		f.type = HDAEMU_FAULT_STALL;
		ms = strtod(argv[3], &end);
		if (fault_target(argv[2], &f.target) || end == argv[3] || *end || !(ms > 0) ||
		    ms > 10000) {
			fprintf(stderr, "hdaemu-ctl fault stall: MS is a time in ms, above 0 and "
				"at most 10000; ENGINE an index or all\n");
			return EXIT_USAGE;
		}
		f.stall_ns = (__u64)(ms * 1e6 + 0.5);
		if (!f.stall_ns)
			f.stall_ns = 1;
	} else if (!strcmp(argv[1], "drift") && argc == 4 && !f.seed) {
		char *end;
		long long ppm;

		f.type = HDAEMU_FAULT_DRIFT;
		errno = 0;
		ppm = strtoll(argv[3], &end, 10);
		if (fault_target(argv[2], &f.target) || errno || end == argv[3] || *end ||
		    ppm < -100000 || ppm > 100000) {
			fprintf(stderr, "hdaemu-ctl fault drift: PPM is -100000..100000; ENGINE an "
				"index or all\n");
			return EXIT_USAGE;
		}
		f.drift_ppm = (__s32)ppm;
	} else if (!strcmp(argv[1], "position") && (argc == 4 || argc == 5) && !f.seed) {
		f.type = HDAEMU_FAULT_GRANULARITY;
		v = 10000;
		if (!strcmp(argv[3], "smooth"))
			f.position_mode = HDAEMU_POSITION_SMOOTH;
		else if (!strcmp(argv[3], "steps"))
			f.position_mode = HDAEMU_POSITION_STEPS;
		else if (!strcmp(argv[3], "bursts"))
			f.position_mode = HDAEMU_POSITION_BURSTS;
		else
			return fault_usage(stderr);
		if (fault_target(argv[2], &f.target) ||
		    (argc == 5 && (f.position_mode == HDAEMU_POSITION_SMOOTH ||
				   fault_number(argv[4], &v) || !v || v > 1000000))) {
			fprintf(stderr, "hdaemu-ctl fault position: STEP_US is 1..1000000, for "
				"steps and bursts only; ENGINE an index or all\n");
			return EXIT_USAGE;
		}
		f.step_us = f.position_mode == HDAEMU_POSITION_SMOOTH ? 0 : v;
	} else if (!strcmp(argv[1], "alloc") && argc == 4) {
		f.type = HDAEMU_FAULT_ALLOC;
		f.alloc_kind = !strcmp(argv[2], "engine") ? HDAEMU_ALLOC_ENGINE :
			       !strcmp(argv[2], "buffer") ? HDAEMU_ALLOC_BUFFER :
			       !strcmp(argv[2], "notification") ? HDAEMU_ALLOC_NOTIFICATION : 0;
		if (!f.alloc_kind || fault_number(argv[3], &v) || v > 0xffffffffull)
			return fault_usage(stderr);
		f.alloc_count = v;
	} else {
		return fault_usage(stderr);
	}

	/*
	 * While the controller is removed the device does not open: bring
	 * it back through debugfs, the other door the faults have.
	 */
	if (f.type == HDAEMU_FAULT_RETURN) {
		fd = open(HDAEMU_DEV_PATH, O_RDWR | O_CLOEXEC);
		if (fd < 0 && errno == ENODEV)
			return fault_return_debugfs();
		if (fd >= 0)
			close(fd);
	}
	fd = hdaemu_open();
	if (fd < 0)
		return EXIT_DEVICE;
	ret = ioctl(fd, HDAEMU_IOC_SET_FAULT, &f);
	if (ret && errno == EBADFD)
		fprintf(stderr, "hdaemu-ctl fault stall: engine %u is not running (a stall "
			"stops a running DMA)\n", f.target);
	else if (ret)
		fprintf(stderr, "hdaemu-ctl fault: %s%s\n", strerror(errno),
			errno == EPERM ? " (needs CAP_SYS_ADMIN)" :
			errno == EINVAL ? " (no such engine, or a value out of range)" : "");
	close(fd);
	return ret ? EXIT_DEVICE : 0;
}
