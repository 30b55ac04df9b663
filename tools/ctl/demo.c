// SPDX-License-Identifier: GPL-2.0
/*
 * hdaemu-ctl demo - what a WASAPI-style event-driven client sees: a render
 * and a capture engine at 48 kHz, 16-bit stereo, with 10 ms IOC periods,
 * started together and followed through their eventfds. The summary checks
 * the IOCs seen against the link position the timing model gives.
 */
#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "ctl.h"

#define DEMO_RATE		48000
#define DEMO_PERIOD_FRAMES	480	/* 10 ms */
#define DEMO_FRAME_BYTES	4

struct demo_stream {
	const char *name;
	unsigned int direction;
	__u32 handle;
	int eventfd;
	__u64 buffer_bytes;
	__u64 period_bytes;
	__u64 seen;		/* IOCs counted through the eventfd */
	__u64 wakeups;		/* eventfd reads */
	__u64 batched;		/* reads that carried more than one IOC */
	struct hdaemu_position pos;
};

static int demo_fail(const char *what)
{
	fprintf(stderr, "hdaemu-ctl demo: %s: %s\n", what, strerror(errno));
	return EXIT_DEVICE;
}

static int demo_setup(int fd, struct demo_stream *s)
{
	struct hdaemu_engine_alloc ea = {
		.direction = s->direction,
		.format = { .sample_rate = DEMO_RATE, .valid_bits = 16, .container_bits = 16,
			    .channels = 2 },
	};
	struct hdaemu_buffer_alloc ba = { 0 };
	struct hdaemu_notification n = { 0 };

	if (ioctl(fd, HDAEMU_IOC_ALLOC_ENGINE, &ea))
		return demo_fail("ALLOC_ENGINE");
	s->handle = ea.handle;
	ba.handle = ea.handle;
	ba.kind = HDAEMU_BUFFER_NOTIFY;
	ba.notification_count = 2;
	ba.requested_bytes = 2 * DEMO_PERIOD_FRAMES * DEMO_FRAME_BYTES;
	if (ioctl(fd, HDAEMU_IOC_ALLOC_BUFFER, &ba))
		return demo_fail("ALLOC_BUFFER");
	s->buffer_bytes = ba.allocated_bytes;
	s->period_bytes = ba.allocated_bytes / 2;
	s->eventfd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (s->eventfd < 0)
		return demo_fail("eventfd");
	n.handle = ea.handle;
	n.eventfd = s->eventfd;
	if (ioctl(fd, HDAEMU_IOC_REGISTER_NOTIFICATION, &n))
		return demo_fail("REGISTER_NOTIFICATION");
	printf("%-8s engine %u, stream tag %u, format 0x%04x, buffer %llu bytes, period %llu bytes\n",
	       s->name, ea.engine_index, ea.stream_tag, ea.converter_format,
	       (unsigned long long)s->buffer_bytes, (unsigned long long)s->period_bytes);
	return 0;
}

static int demo_set_state(int fd, struct demo_stream *st, int n, unsigned int state,
			  __u64 *when)
{
	struct hdaemu_set_state ss = { .state = state, .count = n };
	__u32 handles[2];
	int i;

	for (i = 0; i < n; i++)
		handles[i] = st[i].handle;
	ss.handles_ptr = (uintptr_t)handles;
	if (ioctl(fd, HDAEMU_IOC_SET_STATE, &ss))
		return demo_fail("SET_STATE");
	if (when)
		*when = ss.timestamp_ns;
	return 0;
}

static void demo_drain(struct demo_stream *s)
{
	uint64_t v;

	while (read(s->eventfd, &v, sizeof(v)) == sizeof(v)) {
		s->seen += v;
		s->wakeups++;
		if (v > 1)
			s->batched++;
	}
}

static int demo_position(int fd, struct demo_stream *s)
{
	memset(&s->pos, 0, sizeof(s->pos));
	s->pos.handle = s->handle;
	return ioctl(fd, HDAEMU_IOC_GET_POSITION, &s->pos) ? demo_fail("GET_POSITION") : 0;
}

static __u64 now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (__u64)ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

int cmd_demo(int argc, char **argv)
{
	struct demo_stream st[2] = {
		{ .name = "render", .direction = HDAEMU_DIR_RENDER, .eventfd = -1 },
		{ .name = "capture", .direction = HDAEMU_DIR_CAPTURE, .eventfd = -1 },
	};
	int tty = isatty(STDOUT_FILENO), healthy = 1, fd, i, ret;
	__u64 start, stop, deadline, next_report;
	double seconds = 3;

	if (argc == 3 && !strcmp(argv[1], "--seconds"))
		seconds = atof(argv[2]);
	if ((argc != 1 && argc != 3) || seconds <= 0 || seconds > 3600) {
		fprintf(stderr, "usage: hdaemu-ctl demo [--seconds N]\n");
		return EXIT_USAGE;
	}
	fd = hdaemu_open();
	if (fd < 0)
		return EXIT_DEVICE;
	for (i = 0; i < 2; i++) {
		ret = demo_setup(fd, &st[i]);
		if (ret)
			return ret;
	}
	ret = demo_set_state(fd, st, 2, HDAEMU_STATE_STOP, NULL);
	ret = ret ? ret : demo_set_state(fd, st, 2, HDAEMU_STATE_RUN, &start);
	if (ret)
		return ret;
	printf("started both engines together at %llu ns; running %.1f s\n",
	       (unsigned long long)start, seconds);

	deadline = start + (__u64)(seconds * 1e9);
	next_report = start + 1000000000ull;
	while (now_ns() < deadline) {
		struct pollfd pfd[2] = {
			{ .fd = st[0].eventfd, .events = POLLIN },
			{ .fd = st[1].eventfd, .events = POLLIN },
		};

		if (poll(pfd, 2, 100) < 0 && errno != EINTR)
			return demo_fail("poll");
		for (i = 0; i < 2; i++)
			demo_drain(&st[i]);
		if (now_ns() >= next_report || !tty) {
			if (now_ns() < next_report)
				continue;
			next_report += 1000000000ull;
			if (demo_position(fd, &st[0]))
				return EXIT_DEVICE;
			printf("%s%5.1f s  IOCs render %llu capture %llu  LPIB %6u  WALCLK %10u%s",
			       tty ? "\r" : "", (now_ns() - start) / 1e9,
			       (unsigned long long)st[0].seen, (unsigned long long)st[1].seen,
			       st[0].pos.link_position, st[0].pos.wallclock, tty ? "" : "\n");
			fflush(stdout);
		}
	}
	if (tty)
		printf("\n");
	ret = demo_set_state(fd, st, 2, HDAEMU_STATE_STOP, &stop);
	if (ret)
		return ret;

	printf("\n%-8s %9s %9s %9s %8s %12s %10s %s\n", "stream", "expected", "seen",
	       "ioc_count", "batched", "bytes", "LPIB", "verdict");
	for (i = 0; i < 2; i++) {
		struct demo_stream *s = &st[i];
		__u64 expected;
		int ok;

		demo_drain(s);
		if (demo_position(fd, s))
			return EXIT_DEVICE;
		/* IOCs the position passed; one may be cancelled by the Stop. */
		expected = s->pos.bytes / s->period_bytes;
		ok = s->seen == s->pos.ioc_count &&
		     (s->seen == expected || s->seen + 1 == expected);
		healthy &= ok;
		printf("%-8s %9llu %9llu %9llu %8llu %12llu %10u %s\n", s->name,
		       (unsigned long long)expected, (unsigned long long)s->seen,
		       (unsigned long long)s->pos.ioc_count, (unsigned long long)s->batched,
		       (unsigned long long)s->pos.bytes, s->pos.link_position,
		       ok ? "ok" : "MISMATCH");
	}
	printf("ran %.3f s of stream time; wall clock %u at stop\n", (stop - start) / 1e9,
	       st[0].pos.wallclock);

	ret = demo_set_state(fd, st, 2, HDAEMU_STATE_RESET, NULL);
	for (i = 0; !ret && i < 2; i++) {
		struct hdaemu_buffer_free bf = { .handle = st[i].handle,
						 .kind = HDAEMU_BUFFER_NOTIFY,
						 .size = st[i].buffer_bytes };
		struct hdaemu_engine_ref er = { .handle = st[i].handle };

		if (ioctl(fd, HDAEMU_IOC_FREE_BUFFER, &bf))
			ret = demo_fail("FREE_BUFFER");
		else if (ioctl(fd, HDAEMU_IOC_FREE_ENGINE, &er))
			ret = demo_fail("FREE_ENGINE");
		close(st[i].eventfd);
	}
	close(fd);
	if (ret)
		return ret;
	printf("%s\n", healthy ? "healthy: every IOC arrived and agrees with the link position"
			       : "UNHEALTHY: IOCs and positions disagree");
	return healthy ? 0 : EXIT_CHECK;
}
