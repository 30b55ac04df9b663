// SPDX-License-Identifier: GPL-2.0
/*
 * hdaemu-ctl: stream sessions on libhdaemu. Each stream is an exclusive,
 * event-driven client; all are started in one call so their engines share
 * a run anchor. The summary checks the IOCs each client's eventfd counted
 * against the engine's own count and its position.
 */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "ctl.h"
#include "session.h"

static int session_fail(const char *name, const char *what, int err)
{
	fprintf(stderr, "hdaemu-ctl: %s: %s: %s (%s)\n", name, what, hdaemu_strerror(err),
		hdaemu_error_name(err));
	/* A parameter the client refused is a usage error; the rest the device's. */
	switch (-err) {
	case HDAEMU_E_INVALIDARG:
	case HDAEMU_E_UNSUPPORTED_FORMAT:
	case HDAEMU_E_BUFFER_SIZE_ERROR:
	case HDAEMU_E_INVALID_DEVICE_PERIOD:
		return EXIT_USAGE;
	default:
		return EXIT_DEVICE;
	}
}

void session_opts_default(struct session_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->seconds = 3;
	o->fmt.sample_rate = 48000;
	o->fmt.channels = 2;
	o->fmt.valid_bits = 16;
	o->fmt.container_bits = 16;
	o->period_ns = HDAEMU_DEFAULT_PERIOD_NS;
}

int session_opt(struct session_opts *o, int argc, char **argv, int *i)
{
	const char *opt = argv[*i], *val = *i + 1 < argc ? argv[*i + 1] : NULL;
	double v;

	if (!strcmp(opt, "--json")) {
		o->json = 1;
		return 1;
	}
	if (strcmp(opt, "--seconds") && strcmp(opt, "--rate") && strcmp(opt, "--channels") &&
	    strcmp(opt, "--bits") && strcmp(opt, "--period-ms"))
		return 0;
	if (!val)
		return -1;
	v = atof(val);
	(*i)++;
	if (!strcmp(opt, "--seconds")) {
		o->seconds = v;
		return v > 0 && v <= 3600 ? 1 : -1;
	}
	if (!strcmp(opt, "--rate"))
		o->fmt.sample_rate = (uint32_t)v;
	else if (!strcmp(opt, "--channels"))
		o->fmt.channels = (uint16_t)v;
	else if (!strcmp(opt, "--bits")) {
		o->fmt.valid_bits = (uint16_t)v;
		o->fmt.container_bits = v <= 8 ? 8 : v <= 16 ? 16 : 32;
	} else {
		o->period_ns = (int64_t)(v * 1e6);
	}
	return v > 0 ? 1 : -1;
}

int session_setup(struct hdaemu_dev *dev, struct ctl_stream *s,
		  const struct hdaemu_stream_format *fmt, int64_t period_ns)
{
	int ret = hdaemu_client_create(dev, s->direction, &s->client);

	s->efd = -1;
	if (ret)
		return session_fail(s->name, "create", ret);
	ret = hdaemu_client_initialize(s->client, HDAEMU_SHAREMODE_EXCLUSIVE,
				       HDAEMU_STREAMFLAGS_EVENTCALLBACK, period_ns, period_ns, fmt);
	if (ret == -HDAEMU_E_BUFFER_SIZE_NOT_ALIGNED) {
		uint32_t frames = 0;

		hdaemu_client_get_buffer_size(s->client, &frames);
		fprintf(stderr, "hdaemu-ctl: %s: a %.3f ms period is not aligned; the next "
			"aligned one is %u frames, %.6f ms\n", s->name, period_ns / 1e6, frames,
			hdaemu_frames_to_ns(frames, fmt->sample_rate) / 1e6);
		return EXIT_USAGE;
	}
	if (ret)
		return session_fail(s->name, "initialize", ret);
	s->efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (s->efd < 0)
		return session_fail(s->name, "eventfd", -errno);
	ret = hdaemu_client_set_event_handle(s->client, s->efd);
	if (!ret)
		ret = hdaemu_client_get_buffer_size(s->client, &s->frames);
	if (!ret)
		ret = hdaemu_client_get_engine(s->client, &s->engine);
	if (ret)
		return session_fail(s->name, "setup", ret);
	return 0;
}

/* Render: one buffer per event. Capture: every packet that waits. */
static int session_service(struct ctl_stream *s)
{
	uint32_t next, got, flags;
	const void *cdata;
	void *data;
	int ret;

	if (s->direction == HDAEMU_DIR_RENDER) {
		ret = hdaemu_render_get_buffer(s->client, s->frames, &data);
		if (ret)
			return session_fail(s->name, "get buffer", ret);
		ret = s->fill ? s->fill(s->ctx, data, s->frames) : 0;
		hdaemu_render_release_buffer(s->client, s->frames,
					     s->fill ? 0 : HDAEMU_BUFFERFLAGS_SILENT);
		return ret;
	}
	for (;;) {
		ret = hdaemu_capture_get_next_packet_size(s->client, &next);
		if (ret || !next)
			return ret ? session_fail(s->name, "next packet", ret) : 0;
		ret = hdaemu_capture_get_buffer(s->client, &cdata, &got, &flags, NULL, NULL);
		if (ret)
			return session_fail(s->name, "get buffer", ret);
		ret = s->take ? s->take(s->ctx, cdata, got) : 0;
		hdaemu_capture_release_buffer(s->client, got);
		if (ret)
			return ret;
	}
}

static void session_drain(struct ctl_stream *s)
{
	uint64_t v;

	while (read(s->efd, &v, sizeof(v)) == sizeof(v)) {
		s->events += v;
		s->wakeups++;
		if (v > 1)
			s->batched++;
	}
}

static void session_progress(struct hdaemu_dev *dev, struct ctl_stream *st, int n,
			     uint64_t start, int tty)
{
	uint64_t late_max = 0;
	uint32_t lpib = 0;
	int i;

	printf("%s%5.1f s  IOCs", tty ? "\r" : "", (hdaemu_now_ns() - start) / 1e9);
	for (i = 0; i < n; i++) {
		struct hdaemu_engine_stats es;

		if (!hdaemu_get_engine_stats(dev->fd, st[i].engine.handle, &es) &&
		    es.late_max_ns > late_max)
			late_max = es.late_max_ns;
		printf(" %s %llu", st[i].name,
		       (unsigned long long)(st[i].events - st[i].counters.start_events));
	}
	hdaemu_link_position(dev, st[0].engine.position_slot, &lpib, NULL, NULL);
	printf("  LPIB %7u  late max %.2f ms%s", lpib, late_max / 1e6, tty ? "  " : "\n");
	fflush(stdout);
}

int session_run(struct hdaemu_dev *dev, struct ctl_stream *st, int n, double seconds,
		int progress)
{
	struct hdaemu_client *clients[2];
	int tty = isatty(STDOUT_FILENO), i, ret;
	/* A terminal gets a line rewritten 4 times a second, a file one a second. */
	uint64_t start, deadline, next_report, every = tty ? 250000000ull : 1000000000ull;

	for (i = 0; i < n; i++) {
		clients[i] = st[i].client;
		/* The render client fills its first buffer before Start. */
		if (st[i].direction == HDAEMU_DIR_RENDER) {
			ret = session_service(&st[i]);
			if (ret)
				return ret;
		}
	}
	ret = hdaemu_client_start_together(clients, n, &start);
	if (ret)
		return session_fail(st[0].name, "start", ret);
	if (progress)
		printf("started %s together at %llu ns; running %.1f s\n",
		       n > 1 ? "both engines" : "the engine", (unsigned long long)start, seconds);
	deadline = start + (uint64_t)(seconds * 1e9);
	next_report = start + every;
	while (hdaemu_now_ns() < deadline) {
		struct pollfd pfd[2];

		for (i = 0; i < n; i++)
			pfd[i] = (struct pollfd){ .fd = st[i].efd, .events = POLLIN };
		if (poll(pfd, n, 100) < 0 && errno != EINTR)
			return session_fail(st[0].name, "poll", -errno);
		for (i = 0; i < n; i++) {
			uint64_t before = st[i].events;

			session_drain(&st[i]);
			hdaemu_client_get_counters(st[i].client, &st[i].counters);
			if (st[i].events == before)
				continue;
			ret = session_service(&st[i]);
			if (ret)
				return ret;
		}
		if (progress && hdaemu_now_ns() >= next_report) {
			next_report += every;
			session_progress(dev, st, n, start, tty);
		}
	}
	if (progress && tty)
		printf("\n");
	for (i = 0; i < n; i++) {
		ret = hdaemu_client_stop(st[i].client);
		if (ret)
			return session_fail(st[i].name, "stop", ret);
	}
	return 0;
}

int session_summary(struct hdaemu_dev *dev, struct ctl_stream *st, int n, int json)
{
	int healthy = 1, i;

	if (!json)
		printf("\n%-8s %8s %8s %8s %9s %7s %9s %9s %8s %11s %8s %s\n", "stream",
		       "expected", "seen", "missed", "ioc_count", "batched", "late_max",
		       "late_mean", "glitches", "bytes", "LPIB", "verdict");
	else
		printf("{\"streams\": [");
	for (i = 0; i < n; i++) {
		struct ctl_stream *s = &st[i];
		uint64_t expected, seen;
		int ok;

		session_drain(s);
		hdaemu_client_get_counters(s->client, &s->counters);
		if (hdaemu_get_position(dev->fd, s->engine.handle, &s->pos) ||
		    hdaemu_get_engine_stats(dev->fd, s->engine.handle, &s->stats))
			return 0;
		/* Start's own event on a render stream is no IOC. */
		seen = s->events - s->counters.start_events;
		/* IOCs the position passed; one may be cancelled by the Stop. */
		expected = s->pos.bytes / s->engine.period_bytes;
		ok = seen == s->pos.ioc_count && (seen == expected || seen + 1 == expected);
		healthy &= ok;
		if (json) {
			printf("%s{\"name\": \"%s\", \"engine\": %u, \"expected\": %llu, "
			       "\"seen\": %llu, \"missed\": %llu, \"ioc_count\": %llu, "
			       "\"batched\": %llu, \"late_max_ns\": %llu, \"late_mean_ns\": %llu, "
			       "\"glitches\": %llu, \"bytes\": %llu, \"link_position\": %u, "
			       "\"ok\": %s}", i ? ", " : "", s->name, s->engine.engine_index,
			       (unsigned long long)expected, (unsigned long long)seen,
			       (unsigned long long)s->stats.missed,
			       (unsigned long long)s->pos.ioc_count,
			       (unsigned long long)s->batched,
			       (unsigned long long)s->stats.late_max_ns,
			       (unsigned long long)s->stats.late_mean_ns,
			       (unsigned long long)s->counters.glitches,
			       (unsigned long long)s->pos.bytes, s->pos.link_position,
			       ok ? "true" : "false");
			continue;
		}
		printf("%-8s %8llu %8llu %8llu %9llu %7llu %6.2f ms %6.2f ms %8llu %11llu %8u %s\n",
		       s->name, (unsigned long long)expected, (unsigned long long)seen,
		       (unsigned long long)s->stats.missed, (unsigned long long)s->pos.ioc_count,
		       (unsigned long long)s->batched, s->stats.late_max_ns / 1e6,
		       s->stats.late_mean_ns / 1e6, (unsigned long long)s->counters.glitches,
		       (unsigned long long)s->pos.bytes, s->pos.link_position,
		       ok ? "ok" : "MISMATCH");
	}
	if (json)
		printf("], \"healthy\": %s}\n", healthy ? "true" : "false");
	return healthy;
}

void session_teardown(struct ctl_stream *st, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		hdaemu_client_release(st[i].client);
		st[i].client = NULL;
		if (st[i].efd >= 0)
			close(st[i].efd);
		st[i].efd = -1;
	}
}

int ctl_open_dev(struct hdaemu_dev *dev)
{
	int ret = hdaemu_dev_open(dev, NULL);

	if (ret)
		fprintf(stderr, "hdaemu-ctl: %s: %s%s\n", HDAEMU_DEV_PATH, strerror(-ret),
			ret == -ENOENT ? " (is the hdaemu module loaded?)" : "");
	return ret;
}
