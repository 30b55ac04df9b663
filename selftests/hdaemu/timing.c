// SPDX-License-Identifier: GPL-2.0
/*
 * The timing model, checked by invariants rather than latencies (test VMs
 * are slow and noisy): positions follow the monotonic clock from the run
 * anchor in whole frames, IOC counts agree with positions and eventfds,
 * Stop freezes, Reset zeroes, engines started together share their anchor,
 * the position page agrees with GET_POSITION exactly, and so does the wall
 * clock.
 */
#include "hdaemu_test.h"

#define RATE		48000
#define FRAME		4		/* 16-bit stereo */
#define PERIOD		1920		/* 10 ms */
#define PERIOD_NS	10000000ull
#define RUN_MS		400

FIXTURE(timing) {
	int fd;
	void *page;
	struct hdaemu_stream_format fmt;
	int efd[2];
};

FIXTURE_SETUP(timing)
{
	self->page = MAP_FAILED;
	self->efd[0] = self->efd[1] = -1;
	self->fd = hdaemu_open();
	if (self->fd < 0 && errno == ENOENT)
		HDAEMU_SETUP_SKIP(HDAEMU_DEV " is absent: hdaemu not loaded");
	ASSERT_LE(0, self->fd) TH_LOG("open " HDAEMU_DEV ": %s", strerror(errno));
	self->page = hdaemu_map_position_page(self->fd);
	ASSERT_NE(MAP_FAILED, self->page) TH_LOG("mmap position page: %s", strerror(errno));
	self->fmt = hdaemu_fmt_default();
	self->efd[0] = hdaemu_eventfd();
	self->efd[1] = hdaemu_eventfd();
	ASSERT_LE(0, self->efd[0]);
	ASSERT_LE(0, self->efd[1]);
}

FIXTURE_TEARDOWN(timing)
{
	if (self->page != MAP_FAILED)
		munmap(self->page, HDAEMU_T_PAGE);
	if (self->efd[0] >= 0)
		close(self->efd[0]);
	if (self->efd[1] >= 0)
		close(self->efd[1]);
	if (self->fd >= 0)
		close(self->fd);
}

/* Whole frames at @rate in @ns. */
static __u64 frames_in(__u64 ns, __u32 rate)
{
	return ns / NSEC_PER_SEC * rate + ns % NSEC_PER_SEC * rate / NSEC_PER_SEC;
}

static __u64 absdiff(__u64 a, __u64 b)
{
	return a > b ? a - b : b - a;
}

/*
 * Run engines @h[0..n) together from Stop for @ms, then stop them
 * together and give late timers time to finish. Returns the start and
 * stop timestamps.
 */
static int run_for(int fd, const __u32 *h, unsigned int n, unsigned int ms,
		   __u64 *start, __u64 *stop)
{
	if (hdaemu_set_state(fd, HDAEMU_STATE_STOP, h, n, NULL) ||
	    hdaemu_set_state(fd, HDAEMU_STATE_RUN, h, n, start))
		return -1;
	hdaemu_sleep_ms(ms);
	if (hdaemu_set_state(fd, HDAEMU_STATE_STOP, h, n, stop))
		return -1;
	hdaemu_sleep_ms(20);
	return 0;
}

/* The checks every run makes: positions, IOC counts and eventfd agree. */
static void check_run(struct __test_metadata *_metadata, int fd, __u32 handle, int efd,
		      __u64 start, __u64 stop, __u32 rate, __u32 frame, __u64 size,
		      __u64 period, __u64 *iocs)
{
	struct hdaemu_position p;
	__u64 frames, want_iocs, ev;

	ASSERT_OK(hdaemu_get_position(fd, handle, &p));
	ev = hdaemu_eventfd_take(efd);
	frames = frames_in(stop - start, rate);

	EXPECT_EQ((__u32)HDAEMU_STATE_STOP, p.state);
	EXPECT_LE((__u64)RUN_MS * 1000000 / 2, stop - start);
	EXPECT_EQ(0u, p.bytes % frame) TH_LOG("bytes %llu not whole frames",
					      (unsigned long long)p.bytes);
	EXPECT_GE(1u, absdiff(p.bytes / frame, frames))
		TH_LOG("Stop froze %llu frames; %llu ns from Run to Stop make %llu",
		       (unsigned long long)(p.bytes / frame),
		       (unsigned long long)(stop - start), (unsigned long long)frames);
	EXPECT_EQ(p.bytes % size, (__u64)p.link_position);
	want_iocs = p.bytes / period;
	EXPECT_GE(1u, absdiff(p.ioc_count, want_iocs))
		TH_LOG("ioc_count %llu, but %llu bytes cross %llu multiples of %llu",
		       (unsigned long long)p.ioc_count, (unsigned long long)p.bytes,
		       (unsigned long long)want_iocs, (unsigned long long)period);
	EXPECT_GE(1u, absdiff(ev, p.ioc_count))
		TH_LOG("eventfd counted %llu IOCs, ioc_count %llu",
		       (unsigned long long)ev, (unsigned long long)p.ioc_count);
	if (iocs)
		*iocs = p.ioc_count;
}

TEST_F_TIMEOUT(timing, iocs_count_1, 60)
{
	struct hdaemu_engine_alloc a;
	struct hdaemu_buffer_alloc b;
	__u64 start, stop;

	ASSERT_OK(hdaemu_alloc_any(self->fd, &self->fmt, &a));
	ASSERT_OK(hdaemu_alloc_buffer(self->fd, a.handle, HDAEMU_BUFFER_NOTIFY, 1, PERIOD, &b));
	ASSERT_EQ((__u64)PERIOD, b.allocated_bytes);
	ASSERT_OK(hdaemu_register(self->fd, a.handle, self->efd[0]));
	ASSERT_OK(run_for(self->fd, &a.handle, 1, RUN_MS, &start, &stop));
	check_run(_metadata, self->fd, a.handle, self->efd[0], start, stop, RATE, FRAME,
		  PERIOD, PERIOD, NULL);
}

TEST_F_TIMEOUT(timing, iocs_count_2, 60)
{
	struct hdaemu_engine_alloc a;
	struct hdaemu_buffer_alloc b;
	__u64 start, stop;

	/* Two IOCs per pass of 3840 bytes: one every 1920 bytes. */
	ASSERT_OK(hdaemu_alloc_any(self->fd, &self->fmt, &a));
	ASSERT_OK(hdaemu_alloc_buffer(self->fd, a.handle, HDAEMU_BUFFER_NOTIFY, 2, 2 * PERIOD,
				      &b));
	ASSERT_EQ((__u64)2 * PERIOD, b.allocated_bytes);
	ASSERT_OK(hdaemu_register(self->fd, a.handle, self->efd[0]));
	ASSERT_OK(run_for(self->fd, &a.handle, 1, RUN_MS, &start, &stop));
	check_run(_metadata, self->fd, a.handle, self->efd[0], start, stop, RATE, FRAME,
		  2 * PERIOD, PERIOD, NULL);
}

TEST_F_TIMEOUT(timing, count_2_doubles_iocs, 60)
{
	struct hdaemu_engine_alloc a[2];
	struct hdaemu_buffer_alloc b[2];
	__u64 start, stop, iocs[2];
	__u32 h[2];
	int i;

	for (i = 0; i < 2; i++) {
		if (hdaemu_alloc_any(self->fd, &self->fmt, &a[i]))
			SKIP(return, "needs two engines");
		/* The same 3840-byte buffer, with 1 and with 2 IOCs per pass. */
		ASSERT_OK(hdaemu_alloc_buffer(self->fd, a[i].handle, HDAEMU_BUFFER_NOTIFY, i + 1,
					      2 * PERIOD, &b[i]));
		ASSERT_OK(hdaemu_register(self->fd, a[i].handle, self->efd[i]));
		h[i] = a[i].handle;
	}
	ASSERT_OK(run_for(self->fd, h, 2, RUN_MS, &start, &stop));
	check_run(_metadata, self->fd, h[0], self->efd[0], start, stop, RATE, FRAME,
		  2 * PERIOD, 2 * PERIOD, &iocs[0]);
	check_run(_metadata, self->fd, h[1], self->efd[1], start, stop, RATE, FRAME,
		  2 * PERIOD, PERIOD, &iocs[1]);
	EXPECT_GE(2u, absdiff(iocs[1], 2 * iocs[0]))
		TH_LOG("count 2 raised %llu IOCs, count 1 raised %llu",
		       (unsigned long long)iocs[1], (unsigned long long)iocs[0]);
	EXPECT_LE((__u64)RUN_MS / 20 / 2, iocs[0]);
}

TEST_F_TIMEOUT(timing, bdl_iocs, 60)
{
	/* A 4800-byte cycle raising IOCs at 1920 and 4800. */
	struct hdaemu_bdl_entry e[3] = {
		{ .offset = 0, .length = 1920, .ioc = 1 },
		{ .offset = 2048, .length = 1920, .ioc = 0 },
		{ .offset = 4096, .length = 960, .ioc = 1 },
	};
	struct hdaemu_engine_alloc a;
	struct hdaemu_buffer_alloc b;
	struct hdaemu_position p;
	__u64 start, stop, want, ev;

	ASSERT_OK(hdaemu_alloc_any(self->fd, &self->fmt, &a));
	ASSERT_OK(hdaemu_alloc_bdl(self->fd, a.handle, 8192, e, 3, &b));
	ASSERT_EQ(4800u, b.allocated_bytes);
	ASSERT_OK(hdaemu_register(self->fd, a.handle, self->efd[0]));
	ASSERT_OK(run_for(self->fd, &a.handle, 1, 300, &start, &stop));
	ASSERT_OK(hdaemu_get_position(self->fd, a.handle, &p));
	ev = hdaemu_eventfd_take(self->efd[0]);
	EXPECT_GE(1u, absdiff(p.bytes / FRAME, frames_in(stop - start, RATE)));
	EXPECT_EQ(p.bytes % 4800, (__u64)p.link_position);
	want = p.bytes / 4800 * 2 + (p.bytes % 4800 >= 1920);
	EXPECT_GE(1u, absdiff(p.ioc_count, want))
		TH_LOG("ioc_count %llu, expected %llu for %llu bytes",
		       (unsigned long long)p.ioc_count, (unsigned long long)want,
		       (unsigned long long)p.bytes);
	EXPECT_GE(1u, absdiff(ev, p.ioc_count))
		TH_LOG("eventfd %llu, ioc_count %llu", (unsigned long long)ev,
		       (unsigned long long)p.ioc_count);
}

TEST_F_TIMEOUT(timing, stop_freezes, 60)
{
	struct hdaemu_engine_alloc a;
	struct hdaemu_buffer_alloc b;
	struct hdaemu_position p1, p2, p3;
	struct hdaemu_position_slot s;
	__u64 start, stop, again;

	ASSERT_OK(hdaemu_alloc_any(self->fd, &self->fmt, &a));
	ASSERT_OK(hdaemu_alloc_buffer(self->fd, a.handle, HDAEMU_BUFFER_NOTIFY, 1, PERIOD, &b));
	ASSERT_OK(hdaemu_register(self->fd, a.handle, self->efd[0]));
	ASSERT_OK(run_for(self->fd, &a.handle, 1, 100, &start, &stop));
	hdaemu_eventfd_take(self->efd[0]);

	ASSERT_OK(hdaemu_get_position(self->fd, a.handle, &p1));
	hdaemu_sleep_ms(50);
	ASSERT_OK(hdaemu_get_position(self->fd, a.handle, &p2));
	EXPECT_EQ(p1.bytes, p2.bytes) TH_LOG("a stopped engine moved");
	EXPECT_EQ(p1.link_position, p2.link_position);
	EXPECT_EQ(p1.ioc_count, p2.ioc_count);
	EXPECT_LT(0u, p1.bytes);
	EXPECT_EQ(0u, hdaemu_eventfd_take(self->efd[0])) TH_LOG("an IOC while stopped");
	ASSERT_OK(hdaemu_read_slot(self->page, a.position_slot, &s));
	EXPECT_EQ((__u32)HDAEMU_STATE_STOP, s.state);
	EXPECT_EQ(p1.bytes, s.anchor_bytes);
	EXPECT_EQ(p1.bytes, hdaemu_slot_bytes_at(&s, hdaemu_now_ns()));

	/* Run resumes from the frozen count, anchored at the new start. */
	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_RUN, a.handle, &again));
	ASSERT_OK(hdaemu_read_slot(self->page, a.position_slot, &s));
	EXPECT_EQ(again, s.anchor_ns);
	EXPECT_EQ(p1.bytes, s.anchor_bytes);
	hdaemu_sleep_ms(30);
	ASSERT_OK(hdaemu_get_position(self->fd, a.handle, &p3));
	EXPECT_EQ(p1.bytes + frames_in(p3.timestamp_ns - again, RATE) * FRAME, p3.bytes)
		TH_LOG("resumed from %llu at %llu, at %llu: %llu bytes",
		       (unsigned long long)p1.bytes, (unsigned long long)again,
		       (unsigned long long)p3.timestamp_ns, (unsigned long long)p3.bytes);
	EXPECT_GE(1u, absdiff(p3.ioc_count, p3.bytes / PERIOD));
}

TEST_F_TIMEOUT(timing, reset_zeroes, 60)
{
	struct hdaemu_engine_alloc a;
	struct hdaemu_buffer_alloc b;
	struct hdaemu_position p;
	struct hdaemu_position_slot s;
	__u64 start, stop;

	ASSERT_OK(hdaemu_alloc_any(self->fd, &self->fmt, &a));
	ASSERT_OK(hdaemu_alloc_buffer(self->fd, a.handle, HDAEMU_BUFFER_NOTIFY, 1, PERIOD, &b));
	ASSERT_OK(hdaemu_register(self->fd, a.handle, self->efd[0]));
	ASSERT_OK(run_for(self->fd, &a.handle, 1, 100, &start, &stop));
	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_RESET, a.handle, NULL));
	ASSERT_OK(hdaemu_get_position(self->fd, a.handle, &p));
	EXPECT_EQ((__u32)HDAEMU_STATE_RESET, p.state);
	EXPECT_EQ(0u, p.bytes);
	EXPECT_EQ(0u, p.link_position);
	EXPECT_EQ(0u, p.ioc_count);
	ASSERT_OK(hdaemu_read_slot(self->page, a.position_slot, &s));
	EXPECT_EQ((__u32)HDAEMU_STATE_RESET, s.state);
	EXPECT_EQ(0u, s.anchor_bytes);
	EXPECT_EQ(0u, s.ioc_count);

	/* A second run counts from zero again; the registration survived Reset. */
	hdaemu_eventfd_take(self->efd[0]);
	ASSERT_OK(run_for(self->fd, &a.handle, 1, RUN_MS, &start, &stop));
	check_run(_metadata, self->fd, a.handle, self->efd[0], start, stop, RATE, FRAME,
		  PERIOD, PERIOD, NULL);
}

TEST_F_TIMEOUT(timing, shared_anchor, 60)
{
	struct hdaemu_engine_alloc a[2];
	struct hdaemu_buffer_alloc b[2];
	struct hdaemu_position_slot s[2];
	__u64 ts;
	__u32 h[2];
	int i;

	for (i = 0; i < 2; i++) {
		if (hdaemu_alloc_any(self->fd, &self->fmt, &a[i]))
			SKIP(return, "needs two engines");
		ASSERT_OK(hdaemu_alloc_buffer(self->fd, a[i].handle, HDAEMU_BUFFER_NOTIFY, 1,
					      PERIOD, &b[i]));
		h[i] = a[i].handle;
	}
	ASSERT_OK(hdaemu_set_state(self->fd, HDAEMU_STATE_STOP, h, 2, NULL));
	ASSERT_OK(hdaemu_set_state(self->fd, HDAEMU_STATE_RUN, h, 2, &ts));
	for (i = 0; i < 2; i++) {
		ASSERT_OK(hdaemu_read_slot(self->page, a[i].position_slot, &s[i]));
		EXPECT_EQ((__u32)HDAEMU_STATE_RUN, s[i].state);
		EXPECT_EQ(ts, s[i].anchor_ns)
			TH_LOG("engine %d anchored at %llu, the call's timestamp is %llu", i,
			       (unsigned long long)s[i].anchor_ns, (unsigned long long)ts);
		EXPECT_EQ(0u, s[i].anchor_bytes);
	}
	EXPECT_EQ(s[0].anchor_ns, s[1].anchor_ns);
}

/* Two 32-bit wall clock values at most @tol ticks apart, across a wrap too. */
static int ticks_close(__u32 a, __u32 b, __u32 tol)
{
	return (__u32)(a - b) <= tol || (__u32)(b - a) <= tol;
}

/* Checks the position page against GET_POSITION for a running engine. */
static void check_page(struct __test_metadata *_metadata, int fd, const void *page,
		       const struct hdaemu_engine_alloc *a, const struct hdaemu_buffer_alloc *b,
		       __u32 rate, __u32 frame, __u64 period_ns, __u64 start)
{
	struct hdaemu_position p;
	struct hdaemu_position_slot s;
	__u64 prev_bytes = 0, prev_ts = 0, t0, t1, dframes, lhs, rhs;
	int i;

	for (i = 0; i < 40; i++) {
		t0 = hdaemu_now_ns();
		ASSERT_OK(hdaemu_get_position(fd, a->handle, &p));
		t1 = hdaemu_now_ns();
		ASSERT_OK(hdaemu_read_slot(page, a->position_slot, &s));

		EXPECT_LE(t0, p.timestamp_ns);
		EXPECT_GE(t1, p.timestamp_ns);
		EXPECT_EQ((__u32)HDAEMU_STATE_RUN, p.state);
		EXPECT_EQ((__u32)HDAEMU_STATE_RUN, s.state);
		EXPECT_EQ(0u, s.seq & 1);
		EXPECT_EQ(start, s.anchor_ns);
		EXPECT_EQ((__u32)b->allocated_bytes, s.buffer_bytes);
		EXPECT_EQ(frame, s.frame_bytes);
		EXPECT_EQ(rate, s.sample_rate);
		/* Both come from one anchor: equal at the same instant, exactly. */
		EXPECT_EQ(hdaemu_slot_bytes_at(&s, p.timestamp_ns), p.bytes)
			TH_LOG("page: %llu bytes at %llu, GET_POSITION: %llu",
			       (unsigned long long)hdaemu_slot_bytes_at(&s, p.timestamp_ns),
			       (unsigned long long)p.timestamp_ns,
			       (unsigned long long)p.bytes);
		EXPECT_EQ(0u, p.bytes % frame);
		EXPECT_EQ(p.bytes % b->allocated_bytes, (__u64)p.link_position);
		EXPECT_LE(p.ioc_count, s.ioc_count) TH_LOG("the page's IOC count went back");
		if (s.ioc_count) {
			/* The n-th IOC falls due at anchor + n periods (1 us rounding). */
			EXPECT_GE(1000u, absdiff(s.last_ioc_ns,
						 s.anchor_ns + s.ioc_count * period_ns))
				TH_LOG("IOC #%llu due at %llu, expected anchor + n * period = %llu",
				       (unsigned long long)s.ioc_count,
				       (unsigned long long)s.last_ioc_ns,
				       (unsigned long long)(s.anchor_ns +
							    s.ioc_count * period_ns));
		}
		if (i) {
			/* Whole frames at the rate: within one frame of the exact value. */
			EXPECT_LE(prev_bytes, p.bytes);
			dframes = (p.bytes - prev_bytes) / frame;
			lhs = dframes * NSEC_PER_SEC;
			rhs = (p.timestamp_ns - prev_ts) * rate;
			EXPECT_GT(NSEC_PER_SEC, absdiff(lhs, rhs))
				TH_LOG("%llu frames in %llu ns at %u Hz",
				       (unsigned long long)dframes,
				       (unsigned long long)(p.timestamp_ns - prev_ts), rate);
		}
		prev_bytes = p.bytes;
		prev_ts = p.timestamp_ns;
		hdaemu_sleep_ms(3);
	}
}

TEST_F_TIMEOUT(timing, page_matches_position, 60)
{
	struct hdaemu_engine_alloc a;
	struct hdaemu_buffer_alloc b;
	__u64 start;

	ASSERT_OK(hdaemu_alloc_any(self->fd, &self->fmt, &a));
	ASSERT_OK(hdaemu_alloc_buffer(self->fd, a.handle, HDAEMU_BUFFER_NOTIFY, 1, PERIOD, &b));
	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_STOP, a.handle, NULL));
	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_RUN, a.handle, &start));
	check_page(_metadata, self->fd, self->page, &a, &b, RATE, FRAME, PERIOD_NS, start);
}

TEST_F_TIMEOUT(timing, page_matches_position_44100, 60)
{
	/* 44.1 kHz: a frame is not a whole number of nanoseconds. */
	struct hdaemu_stream_format f = hdaemu_fmt(44100, 24, 2);
	struct hdaemu_engine_alloc a;
	struct hdaemu_buffer_alloc b;
	__u64 start;

	ASSERT_OK(hdaemu_alloc_any(self->fd, &f, &a));
	/* 441 frames of 8 bytes = 10 ms; 3528 is not a multiple of 128: 3456. */
	ASSERT_OK(hdaemu_alloc_buffer(self->fd, a.handle, HDAEMU_BUFFER_PLAIN, 0, 3528, &b));
	ASSERT_EQ(3456u, b.allocated_bytes);
	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_STOP, a.handle, NULL));
	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_RUN, a.handle, &start));
	/* A plain buffer raises no IOC: period_ns is not used. */
	check_page(_metadata, self->fd, self->page, &a, &b, 44100, 8, 0, start);
}

TEST_F_TIMEOUT(timing, wallclock, 60)
{
	const struct hdaemu_position_header *h = self->page;
	struct hdaemu_engine_alloc a;
	struct hdaemu_position p1, p2;
	__u32 want, dwc;
	__u64 dt;

	ASSERT_OK(hdaemu_alloc_any(self->fd, &self->fmt, &a));
	ASSERT_OK(hdaemu_get_position(self->fd, a.handle, &p1));
	hdaemu_sleep_ms(50);
	ASSERT_OK(hdaemu_get_position(self->fd, a.handle, &p2));

	/* The register agrees with the page's base at the call's instant. */
	want = hdaemu_wallclock_at(h->wallclock_base_ns, p1.timestamp_ns);
	EXPECT_TRUE(ticks_close(p1.wallclock, want, 1))
		TH_LOG("wall clock 0x%08x at %llu, the page's base gives 0x%08x",
		       p1.wallclock, (unsigned long long)p1.timestamp_ns, want);
	want = hdaemu_wallclock_at(h->wallclock_base_ns, p2.timestamp_ns);
	EXPECT_TRUE(ticks_close(p2.wallclock, want, 1))
		TH_LOG("wall clock 0x%08x at %llu, the page's base gives 0x%08x",
		       p2.wallclock, (unsigned long long)p2.timestamp_ns, want);

	/* 24 ticks per microsecond between the two reads (modulo 2^32). */
	dt = p2.timestamp_ns - p1.timestamp_ns;
	dwc = p2.wallclock - p1.wallclock;
	EXPECT_LE(dt * 3 / 125 - 1, (__u64)dwc)
		TH_LOG("%u ticks in %llu ns", dwc, (unsigned long long)dt);
	EXPECT_GE(dt * 3 / 125 + 2, (__u64)dwc)
		TH_LOG("%u ticks in %llu ns", dwc, (unsigned long long)dt);
	EXPECT_LE(40000000u, dt);
}

TEST_F_TIMEOUT(timing, render_and_capture, 60)
{
	struct hdaemu_engine_alloc r, c;
	struct hdaemu_buffer_alloc br, bc;
	__u64 start, stop, iocs[2];
	__u32 h[2];

	if (hdaemu_alloc_engine(self->fd, HDAEMU_DIR_RENDER, &self->fmt, &r))
		SKIP(return, "no render engine: %s", hdaemu_errname(errno));
	if (hdaemu_alloc_engine(self->fd, HDAEMU_DIR_CAPTURE, &self->fmt, &c))
		SKIP(return, "no capture engine: %s", hdaemu_errname(errno));
	ASSERT_OK(hdaemu_alloc_buffer(self->fd, r.handle, HDAEMU_BUFFER_NOTIFY, 1, PERIOD, &br));
	ASSERT_OK(hdaemu_alloc_buffer(self->fd, c.handle, HDAEMU_BUFFER_NOTIFY, 1, PERIOD, &bc));
	ASSERT_OK(hdaemu_register(self->fd, r.handle, self->efd[0]));
	ASSERT_OK(hdaemu_register(self->fd, c.handle, self->efd[1]));
	h[0] = r.handle;
	h[1] = c.handle;
	ASSERT_OK(run_for(self->fd, h, 2, RUN_MS, &start, &stop));
	check_run(_metadata, self->fd, r.handle, self->efd[0], start, stop, RATE, FRAME,
		  PERIOD, PERIOD, &iocs[0]);
	check_run(_metadata, self->fd, c.handle, self->efd[1], start, stop, RATE, FRAME,
		  PERIOD, PERIOD, &iocs[1]);
	EXPECT_GE(1u, absdiff(iocs[0], iocs[1]));
	EXPECT_LE((__u64)RUN_MS / 10 / 2, iocs[0]);
}

TEST_HARNESS_MAIN
