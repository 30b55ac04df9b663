// SPDX-License-Identifier: GPL-2.0
/*
 * The clock faults: a DMA stall (the position holds, then goes on from
 * where it stopped, and a FIFO error is reported), a drifting stream clock
 * (measured from positions against CLOCK_MONOTONIC and the wall clock,
 * and from IOC due times), and a coarse position (steps and bursts). Each
 * with its observable effect, its recovery and its argument checks. Every
 * test clears the faults it set.
 */
#include <fcntl.h>

#include "hdaemu_test.h"

#define RATE		48000u
#define FRAME		4u
#define PERIOD		(480u * FRAME)	/* 10 ms */

FIXTURE(clock) {
	int fd;
	void *page;
	struct hdaemu_engine_alloc a;
	struct hdaemu_buffer_alloc b;
};

FIXTURE_SETUP(clock)
{
	struct hdaemu_stream_format f = hdaemu_fmt_default();
	struct hdaemu_event_set es = { .types = 1ull << HDAEMU_EVENT_IOC |
					       1ull << HDAEMU_EVENT_XRUN };

	self->fd = hdaemu_open();
	if (self->fd < 0)
		HDAEMU_SETUP_SKIP("cannot open " HDAEMU_DEV ": %s", strerror(errno));
	if (geteuid() != 0)
		HDAEMU_SETUP_SKIP("fault injection needs CAP_SYS_ADMIN");
	ASSERT_OK(hdaemu_clear_faults(self->fd));
	ASSERT_OK(hdaemu_alloc_any(self->fd, &f, &self->a));
	ASSERT_OK(hdaemu_alloc_buffer(self->fd, self->a.handle, HDAEMU_BUFFER_NOTIFY, 2,
				      2 * PERIOD, &self->b));
	es.handle = self->a.handle;
	ASSERT_OK(ioctl(self->fd, HDAEMU_IOC_ENABLE_EVENTS, &es));
	ASSERT_OK(fcntl(self->fd, F_SETFL, O_NONBLOCK));
	self->page = hdaemu_map_position_page(self->fd);
	ASSERT_NE(MAP_FAILED, self->page);
	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_STOP, self->a.handle, NULL));
}

FIXTURE_TEARDOWN(clock)
{
	if (self->fd >= 0) {
		hdaemu_clear_faults(self->fd);
		close(self->fd);
	}
}

static int engine_fault(int fd, __u32 type, __u32 target, struct hdaemu_fault *f)
{
	f->type = type;
	f->target = target;
	return hdaemu_set_fault(fd, f);
}

/* The next record of @type, or -1 when none is queued. */
static int next_record(int fd, __u32 type, struct hdaemu_event_record *r)
{
	while (read(fd, r, sizeof(*r)) == sizeof(*r))
		if (r->type == type)
			return 0;
	return -1;
}

/* The next stall record (the render engine also underruns: nobody writes it). */
static int next_stall(int fd, struct hdaemu_event_record *r)
{
	while (!next_record(fd, HDAEMU_EVENT_XRUN, r))
		if (r->xrun.reason == HDAEMU_XRUN_STALL)
			return 0;
	return -1;
}

TEST_F(clock, stall_holds_then_goes_on)
{
	struct hdaemu_fault f = { .stall_ns = 100000000ull };
	struct hdaemu_position p1, p2, p3;
	struct hdaemu_position_slot slot;
	struct hdaemu_event_record r;
	struct hdaemu_data_stats ds = { .handle = self->a.handle };
	__u32 count;

	/* Not running: nothing to stall. */
	EXPECT_ERR(EBADFD, engine_fault(self->fd, HDAEMU_FAULT_STALL, self->a.engine_index, &f));
	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_RUN, self->a.handle, NULL));
	hdaemu_sleep_ms(30);
	ASSERT_OK(engine_fault(self->fd, HDAEMU_FAULT_STALL, self->a.engine_index, &f));
	ASSERT_OK(hdaemu_get_position(self->fd, self->a.handle, &p1));
	hdaemu_sleep_ms(50);
	ASSERT_OK(hdaemu_get_position(self->fd, self->a.handle, &p2));

	/* The FIFO error: where the DMA stopped, and for how long. */
	ASSERT_OK(next_stall(self->fd, &r));
	EXPECT_GE(r.xrun.count, 1u);
	EXPECT_EQ(0u, r.xrun.length);
	EXPECT_EQ(f.stall_ns, r.xrun.stall_ns);
	count = r.xrun.count;
	if (p2.timestamp_ns < r.timestamp_ns + f.stall_ns) {
		/* Held: no frame moved and no IOC came during the stall. */
		EXPECT_EQ(r.xrun.bytes, p1.bytes);
		EXPECT_EQ(p1.bytes, p2.bytes);
		EXPECT_EQ(p1.ioc_count, p2.ioc_count);
	}
	/* The page says the same: the anchor is the stall's end. */
	ASSERT_OK(hdaemu_read_slot(self->page, self->a.position_slot, &slot));
	EXPECT_EQ(r.timestamp_ns + f.stall_ns, slot.anchor_ns);
	EXPECT_EQ(r.xrun.bytes, slot.anchor_bytes);

	/* Then it goes on from where it stopped, behind the clock by the stall. */
	hdaemu_sleep_ms(150);
	ASSERT_OK(hdaemu_get_position(self->fd, self->a.handle, &p3));
	EXPECT_GT(p3.bytes, p2.bytes);
	EXPECT_GT(p3.ioc_count, p2.ioc_count);
	EXPECT_EQ(hdaemu_slot_bytes_at(&slot, p3.timestamp_ns), p3.bytes);
	ASSERT_OK(ioctl(self->fd, HDAEMU_IOC_GET_DATA_STATS, &ds));
	EXPECT_EQ(1ull, ds.stalls);

	/* Argument checks. */
	f.stall_ns = 0;
	EXPECT_ERR(EINVAL, engine_fault(self->fd, HDAEMU_FAULT_STALL, self->a.engine_index, &f));
	f.stall_ns = 10 * NSEC_PER_SEC + 1;
	EXPECT_ERR(EINVAL, engine_fault(self->fd, HDAEMU_FAULT_STALL, self->a.engine_index, &f));
	f.stall_ns = 1000;
	f.drift_ppm = 1;
	EXPECT_ERR(EINVAL, engine_fault(self->fd, HDAEMU_FAULT_STALL, self->a.engine_index, &f));
	/* The whole controller: every running engine, this one among them. */
	f.drift_ppm = 0;
	ASSERT_OK(engine_fault(self->fd, HDAEMU_FAULT_STALL, HDAEMU_FAULT_CONTROLLER, &f));
	ASSERT_OK(next_stall(self->fd, &r));
	EXPECT_GT(r.xrun.count, count);
	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_STOP, self->a.handle, NULL));
}

/* Frames between two positions against the time between them, in ppm. */
static double measured_ppm(const struct hdaemu_position *a, const struct hdaemu_position *b)
{
	double frames = (double)(b->bytes - a->bytes) / FRAME;
	double nominal = (double)(b->timestamp_ns - a->timestamp_ns) * RATE / 1e9;

	return (frames / nominal - 1) * 1e6;
}

static void check_drift(struct __test_metadata *_metadata, FIXTURE_DATA(clock) *self,
			__s32 ppm)
{
	struct hdaemu_fault f = { .drift_ppm = ppm };
	struct hdaemu_position p1, p2;
	struct hdaemu_position_slot slot;
	struct hdaemu_event_record r;
	__u64 due[16], frames, expect;
	double wall_s, by_wall;
	unsigned int n = 0, i;

	ASSERT_OK(engine_fault(self->fd, HDAEMU_FAULT_DRIFT, self->a.engine_index, &f));
	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_RUN, self->a.handle, NULL));
	ASSERT_OK(hdaemu_get_position(self->fd, self->a.handle, &p1));
	hdaemu_sleep_ms(1000);
	ASSERT_OK(hdaemu_get_position(self->fd, self->a.handle, &p2));

	/* Against CLOCK_MONOTONIC: within a frame of the exact count. */
	frames = (p2.bytes - p1.bytes) / FRAME;
	expect = (p2.timestamp_ns - p1.timestamp_ns) * RATE / 1000000000ull *
		 (1000000 + ppm) / 1000000;
	EXPECT_LE(frames, expect + 2);
	EXPECT_GE(frames + 2, expect);
	/* Against the wall clock (24 MHz), which does not drift. */
	wall_s = (double)(__u32)(p2.wallclock - p1.wallclock) / 24e6;
	by_wall = ((double)frames / (wall_s * RATE) - 1) * 1e6;
	EXPECT_LE(by_wall, ppm + 50.0);
	EXPECT_GE(by_wall, ppm - 50.0);
	TH_LOG("%d ppm set: %.1f ppm by CLOCK_MONOTONIC, %.1f ppm by the wall clock", ppm,
	       measured_ppm(&p1, &p2), by_wall);

	/* The page carries the drift, and its formula gives the ioctl's count. */
	ASSERT_OK(hdaemu_read_slot(self->page, self->a.position_slot, &slot));
	EXPECT_EQ(ppm, slot.drift_ppm);
	EXPECT_EQ(p2.bytes, hdaemu_slot_bytes_at(&slot, p2.timestamp_ns));

	/* IOCs come a drifted period apart: 10 ms / (1 + ppm / 1e6), to the ns. */
	while (n < 16 && !next_record(self->fd, HDAEMU_EVENT_IOC, &r))
		due[n++] = r.timestamp_ns;
	ASSERT_GE(n, 8u);
	for (i = 2; i < n; i++) {
		double gap = (double)(due[i] - due[i - 1]);

		EXPECT_LE(gap, 1e13 / (1e6 + ppm) + 1);
		EXPECT_GE(gap, 1e13 / (1e6 + ppm) - 1);
	}
	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_STOP, self->a.handle, NULL));
}

TEST_F(clock, drift_fast)
{
	check_drift(_metadata, self, 2000);
}

TEST_F(clock, drift_slow)
{
	check_drift(_metadata, self, -5000);
}

TEST_F(clock, drift_adds_and_clears)
{
	struct hdaemu_fault f = { .drift_ppm = 300 };
	struct hdaemu_position_slot slot;

	ASSERT_OK(engine_fault(self->fd, HDAEMU_FAULT_DRIFT, HDAEMU_FAULT_CONTROLLER, &f));
	f.drift_ppm = -100;
	ASSERT_OK(engine_fault(self->fd, HDAEMU_FAULT_DRIFT, self->a.engine_index, &f));
	ASSERT_OK(hdaemu_read_slot(self->page, self->a.position_slot, &slot));
	EXPECT_EQ(200, slot.drift_ppm);
	/* Changing it while running keeps the count continuous. */
	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_RUN, self->a.handle, NULL));
	hdaemu_sleep_ms(20);
	ASSERT_OK(hdaemu_clear_faults(self->fd));
	ASSERT_OK(hdaemu_read_slot(self->page, self->a.position_slot, &slot));
	EXPECT_EQ(0, slot.drift_ppm);
	EXPECT_GT(slot.anchor_bytes, 0ull);
	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_STOP, self->a.handle, NULL));

	f.drift_ppm = 100001;
	EXPECT_ERR(EINVAL, engine_fault(self->fd, HDAEMU_FAULT_DRIFT, self->a.engine_index, &f));
	f.drift_ppm = -100001;
	EXPECT_ERR(EINVAL, engine_fault(self->fd, HDAEMU_FAULT_DRIFT, self->a.engine_index, &f));
	f.drift_ppm = 10;
	f.step_us = 1;
	EXPECT_ERR(EINVAL, engine_fault(self->fd, HDAEMU_FAULT_DRIFT, self->a.engine_index, &f));
}

/* Read the position many times: each a multiple of the step, on the right side. */
static void check_granularity(struct __test_metadata *_metadata, FIXTURE_DATA(clock) *self,
			      __u32 mode)
{
	struct hdaemu_fault f = { .position_mode = mode, .step_us = 10000 };
	const __u64 step = 480 * FRAME;
	struct hdaemu_position_slot slot;
	struct hdaemu_position p;
	__u64 last = 0, exact;
	unsigned int i, moves = 0;

	ASSERT_OK(engine_fault(self->fd, HDAEMU_FAULT_GRANULARITY, self->a.engine_index, &f));
	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_RUN, self->a.handle, NULL));
	ASSERT_OK(hdaemu_read_slot(self->page, self->a.position_slot, &slot));
	EXPECT_EQ(HDAEMU_SLOT_SHAPED, slot.flags & HDAEMU_SLOT_SHAPED);
	for (i = 0; i < 100; i++) {
		hdaemu_sleep_ms(1);
		ASSERT_OK(hdaemu_get_position(self->fd, self->a.handle, &p));
		EXPECT_EQ(0ull, p.bytes % step);
		EXPECT_EQ(p.link_position, p.bytes % self->b.allocated_bytes);
		/* The formula still gives the exact count the steps round. */
		exact = hdaemu_slot_bytes_at(&slot, p.timestamp_ns);
		if (mode == HDAEMU_POSITION_STEPS) {
			EXPECT_LE(p.bytes, exact);
			EXPECT_GT(p.bytes + step, exact);
		} else {
			EXPECT_GE(p.bytes, exact);
			EXPECT_LT(p.bytes, exact + step);
		}
		EXPECT_GE(p.bytes, last);
		moves += p.bytes != last;
		last = p.bytes;
	}
	EXPECT_GT(moves, 3u);
	/* Smooth again: every frame, and the page's formula holds. */
	f.position_mode = HDAEMU_POSITION_SMOOTH;
	f.step_us = 0;
	ASSERT_OK(engine_fault(self->fd, HDAEMU_FAULT_GRANULARITY, self->a.engine_index, &f));
	ASSERT_OK(hdaemu_read_slot(self->page, self->a.position_slot, &slot));
	EXPECT_EQ(0u, slot.flags & HDAEMU_SLOT_SHAPED);
	ASSERT_OK(hdaemu_get_position(self->fd, self->a.handle, &p));
	EXPECT_EQ(hdaemu_slot_bytes_at(&slot, p.timestamp_ns), p.bytes);
	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_STOP, self->a.handle, NULL));
}

TEST_F(clock, position_steps)
{
	check_granularity(_metadata, self, HDAEMU_POSITION_STEPS);
}

TEST_F(clock, position_bursts)
{
	check_granularity(_metadata, self, HDAEMU_POSITION_BURSTS);
}

TEST_F(clock, granularity_checks)
{
	struct hdaemu_fault f = { .position_mode = HDAEMU_POSITION_STEPS };

	EXPECT_ERR(EINVAL, engine_fault(self->fd, HDAEMU_FAULT_GRANULARITY, 0, &f));
	f.step_us = 1000001;
	EXPECT_ERR(EINVAL, engine_fault(self->fd, HDAEMU_FAULT_GRANULARITY, 0, &f));
	f.position_mode = HDAEMU_POSITION_SMOOTH;
	f.step_us = 10;
	EXPECT_ERR(EINVAL, engine_fault(self->fd, HDAEMU_FAULT_GRANULARITY, 0, &f));
	f.position_mode = HDAEMU_POSITION_BURSTS + 1;
	EXPECT_ERR(EINVAL, engine_fault(self->fd, HDAEMU_FAULT_GRANULARITY, 0, &f));
	/* Mode and step belong to GRANULARITY only. */
	f.position_mode = HDAEMU_POSITION_STEPS;
	EXPECT_ERR(EINVAL, engine_fault(self->fd, HDAEMU_FAULT_CLEAR, HDAEMU_FAULT_CONTROLLER,
					&f));
	f.step_us = 10000;
	ASSERT_OK(engine_fault(self->fd, HDAEMU_FAULT_GRANULARITY, HDAEMU_FAULT_CONTROLLER, &f));
	ASSERT_OK(hdaemu_clear_faults(self->fd));
}

TEST_HARNESS_MAIN
