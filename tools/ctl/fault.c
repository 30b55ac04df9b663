// SPDX-License-Identifier: GPL-2.0
/*
 * hdaemu-ctl fault - inject faults (needs CAP_SYS_ADMIN):
 *
 *   fault jitter all|ENGINE MAX_NS [--seed S]
 *   fault drop all|ENGINE every N | permille P [--seed S]
 *   fault alloc engine|buffer|notification COUNT
 *   fault remove | return
 *   fault clear
 *
 * ENGINE is a stream descriptor index, as `hdaemu-ctl watch` and debugfs
 * show it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "ctl.h"

static int fault_usage(FILE *out)
{
	fprintf(out,
		"usage: hdaemu-ctl fault jitter all|ENGINE MAX_NS [--seed S]\n"
		"       hdaemu-ctl fault drop all|ENGINE every N|permille P [--seed S]\n"
		"       hdaemu-ctl fault alloc engine|buffer|notification COUNT\n"
		"       hdaemu-ctl fault remove | return\n"
		"       hdaemu-ctl fault clear\n");
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

	fd = hdaemu_open();
	if (fd < 0)
		return EXIT_DEVICE;
	ret = ioctl(fd, HDAEMU_IOC_SET_FAULT, &f);
	if (ret)
		fprintf(stderr, "hdaemu-ctl fault: %s%s\n", strerror(errno),
			errno == EPERM ? " (needs CAP_SYS_ADMIN)" : "");
	close(fd);
	return ret ? EXIT_DEVICE : 0;
}
