// SPDX-License-Identifier: GPL-2.0
/*
 * hdaemu-ctl watch - follow the emulated controller live: engine
 * allocations, state changes, IOCs (with their lateness) and notifications
 * of every client, from the hdaemu tracepoints. An open file's own event
 * queue is private to it; the tracepoints show all clients, so a person
 * can watch a program under test from outside it.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ctl.h"

#define TRACEFS "/sys/kernel/tracing"

static const char *const watch_events[] = {
	"hdaemu_engine_alloc", "hdaemu_engine_free", "hdaemu_state", "hdaemu_ioc",
	"hdaemu_notify",
};

static volatile sig_atomic_t watch_stop;

static void watch_on_signal(int sig)
{
	(void)sig;
	watch_stop = 1;
}

static int watch_enable(int on)
{
	char path[256];
	size_t i;

	for (i = 0; i < sizeof(watch_events) / sizeof(watch_events[0]); i++) {
		int fd;

		snprintf(path, sizeof(path), TRACEFS "/events/hdaemu/%s/enable", watch_events[i]);
		fd = open(path, O_WRONLY | O_CLOEXEC);
		if (fd < 0 || write(fd, on ? "1" : "0", 1) != 1) {
			if (on)
				fprintf(stderr, "hdaemu-ctl watch: %s: %s%s\n", path,
					strerror(errno),
					errno == ENOENT ? " (module not loaded, or tracefs not "
							  "mounted at " TRACEFS "?)" : "");
			if (fd >= 0)
				close(fd);
			return -1;
		}
		close(fd);
	}
	return 0;
}

/* Print a trace line from its event name on, if it passes the filters. */
static void watch_line(const char *line, long client, int quiet_iocs)
{
	const char *ev = strstr(line, "hdaemu_");
	const char *c;

	if (!ev)
		return;
	if (client >= 0) {
		c = strstr(ev, " client=");
		if (c && strtol(c + 8, NULL, 10) != client)
			return;
	}
	if (quiet_iocs && (!strncmp(ev, "hdaemu_ioc:", 11) || !strncmp(ev, "hdaemu_notify:", 14)))
		return;
	printf("%s\n", ev);
}

int cmd_watch(int argc, char **argv)
{
	double seconds = 0;
	long client = -1;
	int quiet = 0, fd, i;
	char buf[8192], *line, *nl;
	size_t have = 0;
	struct timespec start, now;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--seconds") && i + 1 < argc)
			seconds = atof(argv[++i]);
		else if (!strcmp(argv[i], "--client") && i + 1 < argc)
			client = strtol(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--no-iocs"))
			quiet = 1;
		else {
			fprintf(stderr, "usage: hdaemu-ctl watch [--seconds N] [--client N] [--no-iocs]\n");
			return !strcmp(argv[i], "--help") ? 0 : EXIT_USAGE;
		}
	}
	if (watch_enable(1))
		return EXIT_DEVICE;
	fd = open(TRACEFS "/trace_pipe", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "hdaemu-ctl watch: " TRACEFS "/trace_pipe: %s\n", strerror(errno));
		watch_enable(0);
		return EXIT_DEVICE;
	}
	signal(SIGINT, watch_on_signal);
	signal(SIGTERM, watch_on_signal);
	setvbuf(stdout, NULL, _IOLBF, 0);
	clock_gettime(CLOCK_MONOTONIC, &start);
	while (!watch_stop) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		ssize_t n;

		clock_gettime(CLOCK_MONOTONIC, &now);
		if (seconds > 0 && (now.tv_sec - start.tv_sec) +
				   (now.tv_nsec - start.tv_nsec) / 1e9 >= seconds)
			break;
		if (poll(&pfd, 1, 100) <= 0)
			continue;
		n = read(fd, buf + have, sizeof(buf) - 1 - have);
		if (n <= 0)
			continue;
		have += n;
		buf[have] = 0;
		for (line = buf; (nl = strchr(line, '\n')); line = nl + 1) {
			*nl = 0;
			watch_line(line, client, quiet);
		}
		have = strlen(line);
		memmove(buf, line, have);
		/* A line longer than the buffer: print what we have. */
		if (have == sizeof(buf) - 1) {
			watch_line(buf, client, quiet);
			have = 0;
		}
	}
	close(fd);
	watch_enable(0);
	return 0;
}
