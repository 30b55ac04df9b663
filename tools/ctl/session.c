// SPDX-License-Identifier: GPL-2.0
/*
 * hdaemu-ctl: stream sessions on libhdaemu. Each stream is an exclusive,
 * event-driven client; all are started in one call so their engines share
 * a run anchor. The summary checks the IOCs each client's eventfd counted
 * against the engine's own count and its position, and shows what each
 * engine's data path moved (GET_DATA_STATS). XRUN records (underruns, DMA
 * stalls) are read from the device's event queue while the streams run.
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
	if (s->codec_set && s->direction == HDAEMU_DIR_CAPTURE) {
		ret = hdaemu_client_set_codec(s->client, s->codec);
		if (ret)
			return session_fail(s->name, "codec", ret);
	}
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

int session_route(struct hdaemu_dev *dev, struct ctl_stream *s, unsigned int cad, int pin)
{
	char err[128];

	/* Underruns and FIFO errors, as records of the device's event queue. */
	s->xrun_events = !hdaemu_enable_events(dev->fd, s->engine.handle,
					       1ull << HDAEMU_EVENT_XRUN, NULL);
	if (route_find(dev->fd, cad, s->direction, s->engine.engine_index, pin, &s->route, err,
		       sizeof(err))) {
		fprintf(stderr, "hdaemu-ctl: %s: %s\n", s->name, err);
		return EXIT_USAGE;
	}
	if (route_program(dev->fd, &s->route, s->engine.stream_tag, s->engine.converter_format,
			  err, sizeof(err))) {
		fprintf(stderr, "hdaemu-ctl: %s: %s\n", s->name, err);
		route_release(dev->fd, &s->route);
		return EXIT_DEVICE;
	}
	s->routed = 1;
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
	hdaemu_engine_position(dev, st[0].engine.handle, st[0].engine.position_slot, &lpib, NULL,
			       NULL);
	printf("  LPIB %7u  late max %.2f ms%s", lpib, late_max / 1e6, tty ? "  " : "\n");
	fflush(stdout);
}

#define XRUN_LINES	8	/* printed; the rest are counted */
static unsigned int xrun_lines;

/* Take the queued XRUN records; print the first few when @print. */
static void session_xruns(struct hdaemu_dev *dev, struct ctl_stream *st, int n, uint64_t start,
			  int print, int tty)
{
	struct hdaemu_event_record r[16];
	struct pollfd pfd = { .fd = dev->fd, .events = POLLIN };
	ssize_t got, k;
	int i;

	while (poll(&pfd, 1, 0) == 1 && (pfd.revents & POLLIN)) {
		got = hdaemu_read_events(dev->fd, r, 16);
		if (got <= 0)
			return;
		for (k = 0; k < got; k++) {
			const struct hdaemu_event_xrun *x = &r[k].xrun;
			struct ctl_stream *s = NULL;

			for (i = 0; i < n; i++)
				if (st[i].engine.handle == r[k].handle)
					s = &st[i];
			if (r[k].type != HDAEMU_EVENT_XRUN || !s)
				continue;
			s->xruns++;
			s->stall_xruns += x->reason == HDAEMU_XRUN_STALL;
			if (!print || (s->quiet_underruns && x->reason == HDAEMU_XRUN_UNDERRUN) ||
			    xrun_lines++ > XRUN_LINES)
				continue;
			printf("%s", tty ? "\r\033[K" : "");
			if (xrun_lines > XRUN_LINES)
				printf("xrun     more xruns: counted in the summary\n");
			else if (x->reason == HDAEMU_XRUN_STALL)
				printf("xrun     %s engine %u at %.2f s: DMA stall of %.1f ms at byte %llu "
				       "(FIFO error)\n", s->name, s->engine.engine_index,
				       (r[k].timestamp_ns - start) / 1e9, x->stall_ns / 1e6,
				       (unsigned long long)x->bytes);
			else
				printf("xrun     %s engine %u at %.2f s: underrun, %u bytes read "
				       "unwritten at byte %llu\n", s->name, s->engine.engine_index,
				       (r[k].timestamp_ns - start) / 1e9, x->length,
				       (unsigned long long)x->bytes);
		}
	}
}

int session_run(struct hdaemu_dev *dev, struct ctl_stream *st, int n, double seconds,
		int progress, const struct session_action *act)
{
	struct hdaemu_client *clients[2];
	int tty = isatty(STDOUT_FILENO), xruns = 0, acted = !act, i, ret;
	/* A terminal gets a line rewritten 4 times a second, a file one a second. */
	uint64_t start, deadline, next_report, every = tty ? 250000000ull : 1000000000ull;

	xrun_lines = 0;
	for (i = 0; i < n; i++) {
		clients[i] = st[i].client;
		xruns |= st[i].xrun_events;
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
		struct pollfd pfd[3];

		for (i = 0; i < n; i++)
			pfd[i] = (struct pollfd){ .fd = st[i].efd, .events = POLLIN };
		/* The event queue: XRUN records. */
		pfd[n] = (struct pollfd){ .fd = xruns ? dev->fd : -1, .events = POLLIN };
		if (poll(pfd, n + 1, 100) < 0 && errno != EINTR)
			return session_fail(st[0].name, "poll", -errno);
		if (pfd[n].revents & POLLIN)
			session_xruns(dev, st, n, start, progress, tty);
		if (!acted && hdaemu_now_ns() >= start + act->at_ns) {
			acted = 1;
			if (progress && tty)
				printf("\r\033[K");
			ret = act->run(act->ctx, dev, st, start);
			if (ret)
				return ret;
		}
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
	if (xruns)
		session_xruns(dev, st, n, start, progress, 0);
	return 0;
}

/* The path column of the data table: what GET_DATA_STATS says now. */
static void session_path(const struct ctl_stream *s, char *buf, size_t len)
{
	const struct hdaemu_data_stats *d = &s->data;
	const char *mismatch = d->route == HDAEMU_ROUTE_MISMATCH ? " (format mismatch)" : "";

	if (d->route == HDAEMU_ROUTE_NONE)
		snprintf(buf, len, "not routed (no converter has tag %u)", s->engine.stream_tag);
	else if (s->direction == HDAEMU_DIR_RENDER && s->routed)
		snprintf(buf, len, "DAC %u -> codec %u pin %u%s", d->converter_nid,
			 d->codec_address, s->route.pin, mismatch);
	else if (s->direction == HDAEMU_DIR_RENDER)
		snprintf(buf, len, "codec %u DAC %u%s", d->codec_address, d->converter_nid,
			 mismatch);
	else if (d->pin_nid)
		snprintf(buf, len, "codec %u pin %u (%s) -> ADC %u%s", d->codec_address,
			 d->pin_nid, source_name(d->source), d->converter_nid, mismatch);
	else
		snprintf(buf, len, "codec %u ADC %u hears no pin%s", d->codec_address,
			 d->converter_nid, mismatch);
}

static void session_data_table(struct ctl_stream *st, int n)
{
	int i;

	printf("\n%-8s %-36s %11s %9s %9s %6s %6s %8s\n", "stream", "data path", "bytes",
	       "unrouted", "underruns", "stalls", "xruns", "loopback");
	for (i = 0; i < n; i++) {
		const struct hdaemu_data_stats *d = &st[i].data;
		char path[96], under[24], loop[24];

		session_path(&st[i], path, sizeof(path));
		snprintf(under, sizeof(under), "%llu", (unsigned long long)d->underruns);
		snprintf(loop, sizeof(loop), "%lld fr", (long long)d->loopback_latency_frames);
		printf("%-8s %-36s %11llu %9llu %9s %6llu %6llu %8s\n", st[i].name, path,
		       (unsigned long long)d->bytes, (unsigned long long)d->unrouted_bytes,
		       st[i].direction == HDAEMU_DIR_RENDER ? under : "-",
		       (unsigned long long)d->stalls, (unsigned long long)st[i].xruns,
		       d->loopback_latency_frames >= 0 ? loop : "-");
	}
}

int session_summary(struct hdaemu_dev *dev, struct ctl_stream *st, int n, int json,
		    const char *json_extra)
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
		    hdaemu_get_engine_stats(dev->fd, s->engine.handle, &s->stats) ||
		    hdaemu_get_data_stats(dev->fd, s->engine.handle, &s->data))
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
			       "\"ok\": %s, ", i ? ", " : "", s->name, s->engine.engine_index,
			       (unsigned long long)expected, (unsigned long long)seen,
			       (unsigned long long)s->stats.missed,
			       (unsigned long long)s->pos.ioc_count,
			       (unsigned long long)s->batched,
			       (unsigned long long)s->stats.late_max_ns,
			       (unsigned long long)s->stats.late_mean_ns,
			       (unsigned long long)s->counters.glitches,
			       (unsigned long long)s->pos.bytes, s->pos.link_position,
			       ok ? "true" : "false");
			printf("\"route\": \"%s\", \"codec\": %u, \"converter\": %u, \"pin\": %u, "
			       "\"source\": %s%s%s, \"data_bytes\": %llu, \"unrouted_bytes\": %llu, "
			       "\"underruns\": %llu, \"underrun_bytes\": %llu, \"stalls\": %llu, "
			       "\"xruns\": %llu, \"loopback_latency_frames\": %lld}",
			       s->data.route == HDAEMU_ROUTE_CONVERTER ? "converter" :
			       s->data.route == HDAEMU_ROUTE_MISMATCH ? "mismatch" : "none",
			       s->data.codec_address, s->data.converter_nid,
			       s->direction == HDAEMU_DIR_RENDER ? s->route.pin : s->data.pin_nid,
			       s->direction == HDAEMU_DIR_RENDER ? "" : "\"",
			       s->direction == HDAEMU_DIR_RENDER ? "null" : source_name(s->data.source),
			       s->direction == HDAEMU_DIR_RENDER ? "" : "\"",
			       (unsigned long long)s->data.bytes,
			       (unsigned long long)s->data.unrouted_bytes,
			       (unsigned long long)s->data.underruns,
			       (unsigned long long)s->data.underrun_bytes,
			       (unsigned long long)s->data.stalls, (unsigned long long)s->xruns,
			       (long long)s->data.loopback_latency_frames);
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
		printf("], \"healthy\": %s%s}\n", healthy ? "true" : "false",
		       json_extra ? json_extra : "");
	else
		session_data_table(st, n);
	return healthy;
}

void session_teardown(struct hdaemu_dev *dev, struct ctl_stream *st, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		if (st[i].routed)
			route_release(dev->fd, &st[i].route);
		st[i].routed = 0;
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
