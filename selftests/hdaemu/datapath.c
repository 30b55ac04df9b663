// SPDX-License-Identifier: GPL-2.0
/*
 * The data path: capture sources read back from the DMA buffer (the ramp
 * exactly over many wraps, a tone's frequency and level), render data
 * consumed with underruns found when the client stops writing and none
 * while it keeps up, a render pattern looped back into a capture at a
 * stable offset, and the codec's routing deciding all of it.
 *
 * The tests program codec 0 as a function driver would: the converter's
 * stream tag and format, the ADC's connection select. They need CAP_SYS_ADMIN
 * for the input sources, and put every source back to silence.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/wait.h>

#include "hdaemu_test.h"
#include "codec_test.h"

#define RATE		48000u
#define FRAME		4u		/* 16-bit stereo */
#define PERIOD_FRAMES	480u		/* 10 ms */
#define PERIOD		(PERIOD_FRAMES * FRAME)

/* The widgets of a codec model the tests use. */
struct path {
	unsigned int dac, out_pin, adc, in_pin;
};

static int model_path(int fd, struct path *p)
{
	struct hdaemu_codecs_param cp;

	if (hdaemu_codecs_param(fd, &cp) || !(cp.mask & 1))
		return -1;
	if (cp.model[0] == MODEL_GENERIC)
		*p = (struct path){ .dac = 2, .out_pin = 6, .adc = 4, .in_pin = 8 };
	else
		*p = (struct path){ .dac = 2, .out_pin = 4, .adc = 3, .in_pin = 5 };
	return 0;
}

static int set_source(int fd, unsigned int pin, __u32 source, __u32 hz, __u32 level,
		      __u32 loop_pin)
{
	struct hdaemu_input_source s = {
		.codec_address = 0, .nid = pin, .source = source,
		.tone_hz = hz, .tone_level = level, .loopback_nid = loop_pin,
	};

	return ioctl(fd, HDAEMU_IOC_SET_INPUT_SOURCE, &s);
}

/* Point converter @nid at an engine: its stream tag and format. */
static int set_converter(int fd, unsigned int nid, const struct hdaemu_engine_alloc *a)
{
	struct hdaemu_verb v[2] = {
		{ .command = cmd12(0, nid, V_SET_CONV, a->stream_tag << 4) },
		{ .command = cmd4(0, nid, V4_SET_FORMAT, a->converter_format) },
	};

	if (hdaemu_transfer(fd, v, 2))
		return -1;
	return (v[0].response & HDAEMU_RESPONSE_VALID) && (v[1].response & HDAEMU_RESPONSE_VALID) ?
	       0 : -1;
}

static int data_stats(int fd, __u32 handle, struct hdaemu_data_stats *s)
{
	memset(s, 0, sizeof(*s));
	s->handle = handle;
	return ioctl(fd, HDAEMU_IOC_GET_DATA_STATS, s);
}

/* An engine with a _NOTIFY buffer, mapped, an eventfd on its IOCs. */
struct stream {
	struct hdaemu_engine_alloc a;
	struct hdaemu_buffer_alloc b;
	unsigned char *buf;
	int efd;
};

static int stream_open(int fd, __u32 dir, __u32 kind, __u32 count, __u32 bytes,
		       struct stream *s)
{
	struct hdaemu_stream_format f = hdaemu_fmt_default();

	memset(s, 0, sizeof(*s));
	s->efd = -1;
	if (hdaemu_alloc_engine(fd, dir, &f, &s->a) ||
	    hdaemu_alloc_buffer(fd, s->a.handle, kind, count, bytes, &s->b))
		return -1;
	/* A capture buffer maps read-only. */
	s->buf = mmap(NULL, hdaemu_page_round(s->b.allocated_bytes),
		      dir == HDAEMU_DIR_RENDER ? PROT_READ | PROT_WRITE : PROT_READ,
		      MAP_SHARED, fd, s->b.mmap_offset);
	if (s->buf == MAP_FAILED)
		return -1;
	if (kind == HDAEMU_BUFFER_NOTIFY) {
		s->efd = hdaemu_eventfd();
		if (s->efd < 0 || hdaemu_register(fd, s->a.handle, s->efd))
			return -1;
	}
	return hdaemu_set_state1(fd, HDAEMU_STATE_STOP, s->a.handle, NULL);
}

static __u64 position_bytes(int fd, __u32 handle)
{
	struct hdaemu_position p;

	if (hdaemu_get_position(fd, handle, &p))
		return 0;
	return p.bytes;
}

FIXTURE(data) {
	int fd;
	struct path p;
};

FIXTURE_SETUP(data)
{
	struct hdaemu_params params;

	self->fd = hdaemu_open();
	if (self->fd < 0)
		HDAEMU_SETUP_SKIP("cannot open " HDAEMU_DEV ": %s", strerror(errno));
	if (geteuid() != 0)
		HDAEMU_SETUP_SKIP("input sources need CAP_SYS_ADMIN");
	if (model_path(self->fd, &self->p))
		HDAEMU_SETUP_SKIP("no codec at address 0");
	ASSERT_OK(hdaemu_params(self->fd, &params));
	if (!hdaemu_capture_capacity(&params) || !hdaemu_render_capacity(&params))
		HDAEMU_SETUP_SKIP("needs a render and a capture engine");
	/* The ADC listens to the input pin (index 0 of a selector), both pins on. */
	ASSERT_EQ(hdaemu_valid(0, 0), hdaemu_verb1(self->fd, cmd12(0, self->p.adc, V_SET_SEL, 0)));
	ASSERT_EQ(hdaemu_valid(0, 0),
		  hdaemu_verb1(self->fd, cmd12(0, self->p.in_pin, V_SET_PINCTL, 0x20)));
	ASSERT_EQ(hdaemu_valid(0, 0),
		  hdaemu_verb1(self->fd, cmd12(0, self->p.out_pin, V_SET_PINCTL, 0x40)));
}

FIXTURE_TEARDOWN(data)
{
	if (self->fd >= 0) {
		set_source(self->fd, self->p.in_pin, HDAEMU_SOURCE_SILENCE, 0, 0, 0);
		close(self->fd);
	}
}

/*
 * Check the frames in [from, to) of a capture buffer against the ramp:
 * each sample is its frame number plus its channel, in 16 bits. Returns
 * the frames that differ.
 */
static unsigned int ramp_errors(const struct stream *s, __u64 from, __u64 to)
{
	__u64 cbl = s->b.allocated_bytes, at;
	unsigned int bad = 0;

	for (at = from; at < to; at += FRAME) {
		const __u16 *frame = (const __u16 *)(s->buf + at % cbl);
		__u64 n = at / FRAME;

		if (frame[0] != (__u16)n || frame[1] != (__u16)(n + 1))
			bad++;
	}
	return bad;
}

/* The ramp behind the position is complete and exact, pass after pass. */
static void check_ramp(struct __test_metadata *_metadata, int fd, const struct path *p,
		       __u32 kind, __u32 count, __u32 bytes)
{
	struct stream s;
	__u64 pos, last = 0, checked = 0, t_end;
	unsigned int bad = 0, reads = 0;

	ASSERT_OK(set_source(fd, p->in_pin, HDAEMU_SOURCE_RAMP, 0, 0, 0));
	ASSERT_OK(stream_open(fd, HDAEMU_DIR_CAPTURE, kind, count, bytes, &s));
	ASSERT_OK(set_converter(fd, p->adc, &s.a));
	ASSERT_OK(hdaemu_set_state1(fd, HDAEMU_STATE_RUN, s.a.handle, NULL));
	/* 20 passes; a step of the buffer is 20 ms: the slack for a late timer. */
	t_end = hdaemu_now_ns() + 20 * (__u64)s.b.allocated_bytes / FRAME * NSEC_PER_SEC / RATE;
	while (hdaemu_now_ns() < t_end) {
		hdaemu_sleep_ms(3);
		pos = position_bytes(fd, s.a.handle);
		/* A client may lag up to half a buffer: check that much. */
		if (pos - last > s.b.allocated_bytes / 2)
			last = pos - s.b.allocated_bytes / 2;
		bad += ramp_errors(&s, last, pos);
		checked += pos - last;
		last = pos;
		reads++;
	}
	ASSERT_OK(hdaemu_set_state1(fd, HDAEMU_STATE_STOP, s.a.handle, NULL));
	EXPECT_EQ(0u, bad);
	/* Many wraps of the buffer were read back. */
	EXPECT_GT(last, 15 * s.b.allocated_bytes);
	EXPECT_GT(checked, last / 2);
	TH_LOG("%u reads, %llu bytes checked over %llu wraps", reads,
	       (unsigned long long)checked, (unsigned long long)(last / s.b.allocated_bytes));
}

TEST_F(data, ramp_notify2)
{
	check_ramp(_metadata, self->fd, &self->p, HDAEMU_BUFFER_NOTIFY, 2, 8 * PERIOD);
}

TEST_F(data, ramp_notify1)
{
	check_ramp(_metadata, self->fd, &self->p, HDAEMU_BUFFER_NOTIFY, 1, 8 * PERIOD);
}

TEST_F(data, ramp_plain_buffer)
{
	check_ramp(_metadata, self->fd, &self->p, HDAEMU_BUFFER_PLAIN, 0, 8 * PERIOD);
}

/*
 * A two-period client reads the period just completed after each IOC, as
 * an event-driven capture loop does: every period it reads in time (the
 * position less than three quarters of the buffer past its start when the
 * read ends) holds the exact ramp.
 */
TEST_F(data, ramp_period_after_each_ioc)
{
	unsigned int periods = 0, late = 0, bad = 0;
	__u64 next = PERIOD, t_end, pos;
	struct stream s;

	ASSERT_OK(set_source(self->fd, self->p.in_pin, HDAEMU_SOURCE_RAMP, 0, 0, 0));
	ASSERT_OK(stream_open(self->fd, HDAEMU_DIR_CAPTURE, HDAEMU_BUFFER_NOTIFY, 2, 2 * PERIOD,
			      &s));
	ASSERT_OK(set_converter(self->fd, self->p.adc, &s.a));
	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_RUN, s.a.handle, NULL));
	t_end = hdaemu_now_ns() + 1000000000ull;
	while (hdaemu_now_ns() < t_end) {
		unsigned int errors;

		if (!hdaemu_wait_fd(s.efd, 200))
			continue;
		hdaemu_eventfd_take(s.efd);
		pos = position_bytes(self->fd, s.a.handle);
		if (pos < next)
			continue;
		/* The newest completed period; older ones are the client's loss. */
		next = pos - pos % PERIOD;
		errors = ramp_errors(&s, next - PERIOD, next);
		if (position_bytes(self->fd, s.a.handle) - (next - PERIOD) >
		    s.b.allocated_bytes * 3 / 4) {
			late++;
		} else {
			bad += errors;
			periods++;
		}
		next += PERIOD;
	}
	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_STOP, s.a.handle, NULL));
	EXPECT_EQ(0u, bad);
	EXPECT_GT(periods, 50u);
	TH_LOG("%u periods read in time, %u late", periods, late);
}

/* A 997 Hz tone at a quarter of full scale: its zero crossings and its peak. */
TEST_F(data, tone_frequency_and_level)
{
	const unsigned int hz = 997, frames = RATE / 2;
	unsigned int i, crossings = 0, peak = 0;
	struct hdaemu_data_stats ds;
	struct stream s;
	__s16 prev;

	ASSERT_OK(set_source(self->fd, self->p.in_pin, HDAEMU_SOURCE_TONE, hz,
			     HDAEMU_TONE_FULL_SCALE / 4, 0));
	/* One second; the first half is complete once the position is past it. */
	ASSERT_OK(stream_open(self->fd, HDAEMU_DIR_CAPTURE, HDAEMU_BUFFER_NOTIFY, 2,
			      RATE * FRAME, &s));
	ASSERT_OK(set_converter(self->fd, self->p.adc, &s.a));
	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_RUN, s.a.handle, NULL));
	while (position_bytes(self->fd, s.a.handle) < frames * FRAME)
		hdaemu_sleep_ms(20);
	prev = ((__s16 *)s.buf)[0];
	for (i = 0; i < frames; i++) {
		__s16 l = ((__s16 *)s.buf)[2 * i], r = ((__s16 *)s.buf)[2 * i + 1];

		ASSERT_EQ(l, r);
		if ((prev < 0) != (l < 0))
			crossings++;
		if ((unsigned int)abs(l) > peak)
			peak = abs(l);
		prev = l;
	}
	/* Two crossings a cycle: 997 Hz over half a second, within 1 %. */
	EXPECT_LE(abs((int)crossings - (int)hz), (int)hz / 100);
	EXPECT_GE(peak, 8192 - 82);
	EXPECT_LE(peak, 8192 + 82);
	ASSERT_OK(data_stats(self->fd, s.a.handle, &ds));
	EXPECT_EQ(HDAEMU_ROUTE_CONVERTER, ds.route);
	EXPECT_EQ(self->p.adc, ds.converter_nid);
	EXPECT_EQ(self->p.in_pin, ds.pin_nid);
	EXPECT_EQ(HDAEMU_SOURCE_TONE, ds.source);
	EXPECT_EQ(0ull, ds.unrouted_bytes);
	TH_LOG("%u zero crossings, peak %u", crossings, peak);
}

/* A capture no converter listens for gets zeros, counted as unrouted. */
TEST_F(data, unrouted_capture_is_silent)
{
	struct hdaemu_data_stats ds;
	struct stream s;
	unsigned int i, nonzero = 0;

	ASSERT_OK(set_source(self->fd, self->p.in_pin, HDAEMU_SOURCE_RAMP, 0, 0, 0));
	ASSERT_OK(stream_open(self->fd, HDAEMU_DIR_CAPTURE, HDAEMU_BUFFER_NOTIFY, 2, 2 * PERIOD,
			      &s));
	/* Routed: the ramp fills the buffer. */
	ASSERT_OK(set_converter(self->fd, self->p.adc, &s.a));
	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_RUN, s.a.handle, NULL));
	hdaemu_sleep_ms(60);
	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_STOP, s.a.handle, NULL));
	for (i = 0; i < s.b.allocated_bytes; i++)
		nonzero += s.buf[i] != 0;
	EXPECT_GT(nonzero, s.b.allocated_bytes / 2);
	/* The ADC listens to no stream now: only zeros arrive. */
	ASSERT_EQ(hdaemu_valid(0, 0), hdaemu_verb1(self->fd, cmd12(0, self->p.adc, V_SET_CONV, 0)));
	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_RUN, s.a.handle, NULL));
	hdaemu_sleep_ms(100);
	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_STOP, s.a.handle, NULL));
	for (i = 0, nonzero = 0; i < s.b.allocated_bytes; i++)
		nonzero += s.buf[i] != 0;
	EXPECT_EQ(0u, nonzero);
	ASSERT_OK(data_stats(self->fd, s.a.handle, &ds));
	EXPECT_EQ(HDAEMU_ROUTE_NONE, ds.route);
	EXPECT_GT(ds.unrouted_bytes, 2ull * s.b.allocated_bytes);
	EXPECT_LT(ds.unrouted_bytes, ds.bytes);
	/* Routed again, the ramp arrives. */
	ASSERT_OK(set_converter(self->fd, self->p.adc, &s.a));
	ASSERT_OK(data_stats(self->fd, s.a.handle, &ds));
	EXPECT_EQ(HDAEMU_ROUTE_CONVERTER, ds.route);
}

/* Render: fill the period the engine just read, for its next pass. */
static void render_fill(struct stream *s, __u64 from, __u64 to)
{
	__u64 cbl = s->b.allocated_bytes, at;

	for (at = from; at < to; at += FRAME) {
		__u16 *frame = (__u16 *)(s->buf + at % cbl);
		__u64 n = at / FRAME;

		frame[0] = (__u16)(n * 7 + 1);
		frame[1] = (__u16)(n * 7 + 2);
	}
}

/*
 * Run a render engine for @ms, writing ahead of the position while
 * @keep_up; returns the underruns counted. Every XRUN record is checked.
 */
static __u64 render_run(struct __test_metadata *_metadata, int fd, const struct path *p,
			bool keep_up, unsigned int ms, __u64 *records)
{
	struct hdaemu_event_set es = { .types = 1ull << HDAEMU_EVENT_XRUN };
	struct hdaemu_event_record r;
	struct hdaemu_data_stats ds;
	__u64 written, t_end;
	struct stream s;

	ASSERT_OK(stream_open(fd, HDAEMU_DIR_RENDER, HDAEMU_BUFFER_NOTIFY, 2, 2 * PERIOD, &s));
	ASSERT_OK(set_converter(fd, p->dac, &s.a));
	es.handle = s.a.handle;
	ASSERT_OK(ioctl(fd, HDAEMU_IOC_ENABLE_EVENTS, &es));
	render_fill(&s, 0, s.b.allocated_bytes);
	written = s.b.allocated_bytes;
	ASSERT_OK(hdaemu_set_state1(fd, HDAEMU_STATE_RUN, s.a.handle, NULL));
	t_end = hdaemu_now_ns() + ms * 1000000ull;
	while (hdaemu_now_ns() < t_end) {
		__u64 pos;

		if (!hdaemu_wait_fd(s.efd, 200))
			continue;
		hdaemu_eventfd_take(s.efd);
		pos = position_bytes(fd, s.a.handle);
		/* A client that keeps up refills what was played, a buffer ahead. */
		if (keep_up && pos + s.b.allocated_bytes > written) {
			render_fill(&s, written, pos - pos % PERIOD + s.b.allocated_bytes);
			written = pos - pos % PERIOD + s.b.allocated_bytes;
		}
	}
	ASSERT_OK(hdaemu_set_state1(fd, HDAEMU_STATE_STOP, s.a.handle, NULL));
	ASSERT_OK(data_stats(fd, s.a.handle, &ds));
	EXPECT_EQ(HDAEMU_ROUTE_CONVERTER, ds.route);
	EXPECT_GT(ds.bytes, (__u64)ms * RATE * FRAME / 1000 / 2);
	*records = 0;
	fcntl(fd, F_SETFL, O_NONBLOCK);
	while (read(fd, &r, sizeof(r)) == sizeof(r)) {
		if (r.type != HDAEMU_EVENT_XRUN)
			continue;
		EXPECT_EQ(HDAEMU_XRUN_UNDERRUN, r.xrun.reason);
		EXPECT_EQ(++*records, r.xrun.count);
		EXPECT_GT(r.xrun.length, 0u);
		EXPECT_LE(r.xrun.length, s.b.allocated_bytes);
		EXPECT_GE(r.xrun.bytes, s.b.allocated_bytes);
	}
	return ds.underruns;
}

TEST_F(data, no_underrun_while_keeping_up)
{
	__u64 records, underruns = render_run(_metadata, self->fd, &self->p, true, 500, &records);

	EXPECT_EQ(0ull, underruns);
	EXPECT_EQ(0ull, records);
}

TEST_F(data, underrun_when_the_client_stops_writing)
{
	__u64 records, underruns = render_run(_metadata, self->fd, &self->p, false, 300, &records);

	/* Each period read after the first pass still held the marker. */
	EXPECT_GE(underruns, 10ull);
	EXPECT_LE(records, underruns);
	EXPECT_GE(records, 1ull);
	TH_LOG("%llu underruns, %llu records", (unsigned long long)underruns,
	       (unsigned long long)records);
}

/* A render stream with no DAC for its tag plays nowhere, observably. */
TEST_F(data, unrouted_render_is_counted)
{
	struct hdaemu_data_stats ds;
	struct stream s;

	ASSERT_OK(stream_open(self->fd, HDAEMU_DIR_RENDER, HDAEMU_BUFFER_NOTIFY, 2, 2 * PERIOD,
			      &s));
	ASSERT_EQ(hdaemu_valid(0, 0), hdaemu_verb1(self->fd, cmd12(0, self->p.dac, V_SET_CONV, 0)));
	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_RUN, s.a.handle, NULL));
	hdaemu_sleep_ms(60);
	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_STOP, s.a.handle, NULL));
	ASSERT_OK(data_stats(self->fd, s.a.handle, &ds));
	EXPECT_EQ(HDAEMU_ROUTE_NONE, ds.route);
	EXPECT_GT(ds.bytes, 0ull);
	EXPECT_EQ(ds.bytes, ds.unrouted_bytes);
}

/*
 * Loopback: the render pattern arrives in the capture at one offset, which
 * does not move while both run, and the reported latency stays put.
 */
TEST_F(data, loopback_render_into_capture)
{
	struct hdaemu_data_stats cs1, cs2;
	struct stream r, c;
	__u64 written, t_end, pos, last = 0;
	__s64 offset = -1;
	unsigned int bad = 0, good = 0;
	__u32 handles[2];

	ASSERT_OK(stream_open(self->fd, HDAEMU_DIR_RENDER, HDAEMU_BUFFER_NOTIFY, 2, 4 * PERIOD,
			      &r));
	ASSERT_OK(stream_open(self->fd, HDAEMU_DIR_CAPTURE, HDAEMU_BUFFER_NOTIFY, 2, 4 * PERIOD,
			      &c));
	ASSERT_OK(set_converter(self->fd, self->p.dac, &r.a));
	ASSERT_OK(set_converter(self->fd, self->p.adc, &c.a));
	ASSERT_OK(set_source(self->fd, self->p.in_pin, HDAEMU_SOURCE_LOOPBACK, 0, 0,
			     self->p.out_pin));
	render_fill(&r, 0, r.b.allocated_bytes);
	written = r.b.allocated_bytes;
	handles[0] = r.a.handle;
	handles[1] = c.a.handle;
	ASSERT_OK(hdaemu_set_state(self->fd, HDAEMU_STATE_RUN, handles, 2, NULL));
	t_end = hdaemu_now_ns() + 700000000ull;
	while (hdaemu_now_ns() < t_end) {
		__u64 at;

		if (!hdaemu_wait_fd(r.efd, 200))
			continue;
		hdaemu_eventfd_take(r.efd);
		pos = position_bytes(self->fd, r.a.handle);
		if (pos + r.b.allocated_bytes > written) {
			render_fill(&r, written, pos - pos % PERIOD + r.b.allocated_bytes);
			written = pos - pos % PERIOD + r.b.allocated_bytes;
		}
		/* Read what the capture got since last time, up to half a buffer. */
		pos = position_bytes(self->fd, c.a.handle);
		if (pos - last > c.b.allocated_bytes / 2)
			last = pos - c.b.allocated_bytes / 2;
		for (at = last; at < pos; at += FRAME) {
			const __u16 *f = (const __u16 *)(c.buf + at % c.b.allocated_bytes);
			__u64 n;

			if (!f[0] && !f[1]) {
				/* Before the render data arrived; never after. */
				bad += offset >= 0;
				continue;
			}
			/* f[0] = n * 7 + 1 for the render frame n: find n, then hold it. */
			if (offset < 0) {
				for (n = 0; n < 65536; n++)
					if ((__u16)(n * 7 + 1) == f[0])
						break;
				/* n is the render frame modulo 65536; align to capture frames. */
				offset = (__s64)((n - at / FRAME) & 0xffff);
			}
			n = at / FRAME + offset;
			if (f[0] == (__u16)(n * 7 + 1) && f[1] == (__u16)(n * 7 + 2))
				good++;
			else
				bad++;
		}
		last = pos;
	}
	ASSERT_OK(data_stats(self->fd, c.a.handle, &cs1));
	hdaemu_sleep_ms(50);
	ASSERT_OK(data_stats(self->fd, c.a.handle, &cs2));
	ASSERT_OK(hdaemu_set_state(self->fd, HDAEMU_STATE_STOP, handles, 2, NULL));
	EXPECT_EQ(0u, bad);
	EXPECT_GT(good, RATE / 4);
	EXPECT_EQ(HDAEMU_SOURCE_LOOPBACK, cs1.source);
	EXPECT_GE(cs1.loopback_latency_frames, 0);
	EXPECT_EQ(cs1.loopback_latency_frames, cs2.loopback_latency_frames);
	TH_LOG("%u frames matched, latency %lld frames, %llu gap frames", good,
	       (long long)cs1.loopback_latency_frames, (unsigned long long)cs1.loopback_gaps);
}

/* Sources: their argument checks, and GET reads back what SET set. */
TEST_F(data, input_source_checks)
{
	struct hdaemu_input_source s = { .codec_address = 0, .nid = self->p.in_pin };

	EXPECT_ERR(EINVAL, set_source(self->fd, self->p.in_pin, 9, 0, 0, 0));
	EXPECT_ERR(EINVAL, set_source(self->fd, self->p.in_pin, HDAEMU_SOURCE_TONE, 0, 100, 0));
	EXPECT_ERR(EINVAL, set_source(self->fd, self->p.in_pin, HDAEMU_SOURCE_TONE, 96001, 1, 0));
	EXPECT_ERR(EINVAL, set_source(self->fd, self->p.in_pin, HDAEMU_SOURCE_TONE, 440,
				      HDAEMU_TONE_FULL_SCALE + 1, 0));
	EXPECT_ERR(EINVAL, set_source(self->fd, self->p.in_pin, HDAEMU_SOURCE_RAMP, 1, 0, 0));
	/* A loopback from an input pin, and a source on an output pin. */
	EXPECT_ERR(EINVAL, set_source(self->fd, self->p.in_pin, HDAEMU_SOURCE_LOOPBACK, 0, 0,
				      self->p.in_pin));
	EXPECT_ERR(EINVAL, set_source(self->fd, self->p.out_pin, HDAEMU_SOURCE_SILENCE, 0, 0, 0));
	EXPECT_ERR(EINVAL, set_source(self->fd, self->p.dac, HDAEMU_SOURCE_SILENCE, 0, 0, 0));
	s.codec_address = 14;
	EXPECT_ERR(ENODEV, ioctl(self->fd, HDAEMU_IOC_GET_INPUT_SOURCE, &s));
	s.codec_address = 0;
	s.nid = 0x7f;
	EXPECT_ERR(ENOENT, ioctl(self->fd, HDAEMU_IOC_GET_INPUT_SOURCE, &s));
	s.nid = self->p.in_pin;

	ASSERT_OK(set_source(self->fd, self->p.in_pin, HDAEMU_SOURCE_TONE, 440, 1000, 0));
	ASSERT_OK(ioctl(self->fd, HDAEMU_IOC_GET_INPUT_SOURCE, &s));
	EXPECT_EQ(HDAEMU_SOURCE_TONE, s.source);
	EXPECT_EQ(440u, s.tone_hz);
	EXPECT_EQ(1000u, s.tone_level);
	/* The signal is physical: a function group reset keeps it. */
	ASSERT_NE(0ull, hdaemu_verb1(self->fd, cmd12(0, 1, V_RESET, 0)));
	ASSERT_OK(ioctl(self->fd, HDAEMU_IOC_GET_INPUT_SOURCE, &s));
	EXPECT_EQ(HDAEMU_SOURCE_TONE, s.source);
}

/* Setting a source needs CAP_SYS_ADMIN; reading it does not. */
TEST_F(data, set_source_needs_cap_sys_admin)
{
	int status;
	pid_t pid = fork();

	ASSERT_LE(0, pid);
	if (!pid) {
		struct hdaemu_input_source s = { .codec_address = 0, .nid = self->p.in_pin };

		if (setuid(65534))
			_exit(2);
		if (!set_source(self->fd, self->p.in_pin, HDAEMU_SOURCE_RAMP, 0, 0, 0) ||
		    errno != EPERM)
			_exit(3);
		_exit(ioctl(self->fd, HDAEMU_IOC_GET_INPUT_SOURCE, &s) ? 4 : 0);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
}

TEST_HARNESS_MAIN
