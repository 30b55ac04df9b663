// SPDX-License-Identifier: GPL-2.0
/*
 * HDAEMU_IOC_SET_STATE: the transition matrix between Reset, Stop and Run,
 * with and without a buffer; lists of engines changed all together or not
 * at all; argument errors; the transition timestamp.
 */
#include "hdaemu_test.h"

static const char *const state_names[] = { "Reset", "Stop", "Run" };

static const char *state_name(int s)
{
	return s >= 0 && s <= 2 ? state_names[s] : "?";
}

/* Bring an engine with a buffer from Reset to @state. */
static int go_to(int fd, __u32 handle, __u32 state)
{
	if (state == HDAEMU_STATE_RESET)
		return 0;
	if (hdaemu_set_state1(fd, HDAEMU_STATE_STOP, handle, NULL))
		return -1;
	if (state == HDAEMU_STATE_STOP)
		return 0;
	return hdaemu_set_state1(fd, HDAEMU_STATE_RUN, handle, NULL);
}

/* ------------------------------------------------------------------ */
/* The matrix: from each state, with a buffer, to each state. */

FIXTURE(transition) {
	int fd;
	struct hdaemu_engine_alloc a;
	struct hdaemu_buffer_alloc b;
	void *page;
};

FIXTURE_VARIANT(transition) {
	__u32 from;
	__u32 to;
	int err;	/* 0: allowed */
};

FIXTURE_VARIANT_ADD(transition, reset_to_reset) { HDAEMU_STATE_RESET, HDAEMU_STATE_RESET, 0 };
FIXTURE_VARIANT_ADD(transition, reset_to_stop) { HDAEMU_STATE_RESET, HDAEMU_STATE_STOP, 0 };
FIXTURE_VARIANT_ADD(transition, reset_to_run) { HDAEMU_STATE_RESET, HDAEMU_STATE_RUN, EBADFD };
FIXTURE_VARIANT_ADD(transition, stop_to_reset) { HDAEMU_STATE_STOP, HDAEMU_STATE_RESET, 0 };
FIXTURE_VARIANT_ADD(transition, stop_to_stop) { HDAEMU_STATE_STOP, HDAEMU_STATE_STOP, 0 };
FIXTURE_VARIANT_ADD(transition, stop_to_run) { HDAEMU_STATE_STOP, HDAEMU_STATE_RUN, 0 };
FIXTURE_VARIANT_ADD(transition, run_to_reset) { HDAEMU_STATE_RUN, HDAEMU_STATE_RESET, EBADFD };
FIXTURE_VARIANT_ADD(transition, run_to_stop) { HDAEMU_STATE_RUN, HDAEMU_STATE_STOP, 0 };
FIXTURE_VARIANT_ADD(transition, run_to_run) { HDAEMU_STATE_RUN, HDAEMU_STATE_RUN, 0 };

FIXTURE_SETUP(transition)
{
	struct hdaemu_stream_format f = hdaemu_fmt_default();

	self->page = MAP_FAILED;
	self->fd = hdaemu_open();
	if (self->fd < 0 && errno == ENOENT)
		HDAEMU_SETUP_SKIP(HDAEMU_DEV " is absent: hdaemu not loaded");
	ASSERT_LE(0, self->fd) TH_LOG("open " HDAEMU_DEV ": %s", strerror(errno));
	ASSERT_OK(hdaemu_alloc_any(self->fd, &f, &self->a));
	ASSERT_OK(hdaemu_alloc_buffer(self->fd, self->a.handle, HDAEMU_BUFFER_NOTIFY, 1, 1920,
				      &self->b));
	self->page = hdaemu_map_position_page(self->fd);
	ASSERT_NE(MAP_FAILED, self->page) TH_LOG("mmap position page: %s", strerror(errno));
	ASSERT_OK(go_to(self->fd, self->a.handle, variant->from));
}

FIXTURE_TEARDOWN(transition)
{
	if (self->page != MAP_FAILED)
		munmap(self->page, HDAEMU_T_PAGE);
	if (self->fd >= 0)
		close(self->fd);
}

TEST_F(transition, with_buffer)
{
	struct hdaemu_position_slot before, after;
	struct hdaemu_set_state s;
	__u64 t0, t1;
	int ret, err;

	ASSERT_OK(hdaemu_read_slot(self->page, self->a.position_slot, &before));
	memset(&s, 0, sizeof(s));
	s.state = variant->to;
	s.count = 1;
	s.handles_ptr = (__u64)(uintptr_t)&self->a.handle;
	s.timestamp_ns = 0xccccccccccccccccull;
	t0 = hdaemu_now_ns();
	errno = 0;
	ret = ioctl(self->fd, HDAEMU_IOC_SET_STATE, &s);
	err = ret ? errno : 0;
	t1 = hdaemu_now_ns();

	EXPECT_EQ(variant->err, err)
		TH_LOG("%s -> %s: %s, expected %s", state_name(variant->from),
		       state_name(variant->to), hdaemu_errname(err),
		       hdaemu_errname(variant->err));
	EXPECT_EQ(variant->err ? variant->from : variant->to,
		  (__u32)hdaemu_state_of(self->fd, self->a.handle))
		TH_LOG("state after %s -> %s", state_name(variant->from),
		       state_name(variant->to));
	if (!err && variant->from != variant->to) {
		EXPECT_LE(t0, s.timestamp_ns) TH_LOG("timestamp before the call");
		EXPECT_GE(t1, s.timestamp_ns) TH_LOG("timestamp after the call");
	}

	ASSERT_OK(hdaemu_read_slot(self->page, self->a.position_slot, &after));
	EXPECT_EQ(variant->err ? variant->from : variant->to, after.state)
		TH_LOG("position page state");
	if (variant->from == HDAEMU_STATE_RUN && variant->to == HDAEMU_STATE_RUN) {
		/* A no-op: the engine keeps its anchor and runs on. */
		EXPECT_EQ(before.anchor_ns, after.anchor_ns);
		EXPECT_EQ(before.anchor_bytes, after.anchor_bytes);
	}
	if (variant->from == HDAEMU_STATE_STOP && variant->to == HDAEMU_STATE_RUN) {
		/* Started: anchored at the call's timestamp, from 0 bytes. */
		EXPECT_EQ(s.timestamp_ns, after.anchor_ns);
		EXPECT_EQ(0u, after.anchor_bytes);
	}
}

/* ------------------------------------------------------------------ */
/* Without a buffer (an engine in Reset). */

FIXTURE(no_buffer) {
	int fd;
	struct hdaemu_engine_alloc a;
};

FIXTURE_VARIANT(no_buffer) {
	__u32 to;
	int err;
};

FIXTURE_VARIANT_ADD(no_buffer, to_reset) { HDAEMU_STATE_RESET, 0 };
FIXTURE_VARIANT_ADD(no_buffer, to_stop) { HDAEMU_STATE_STOP, ENODATA };
/* Two rules refuse Reset -> Run here; the missing buffer is checked first. */
FIXTURE_VARIANT_ADD(no_buffer, to_run) { HDAEMU_STATE_RUN, ENODATA };

FIXTURE_SETUP(no_buffer)
{
	struct hdaemu_stream_format f = hdaemu_fmt_default();

	self->fd = hdaemu_open();
	if (self->fd < 0 && errno == ENOENT)
		HDAEMU_SETUP_SKIP(HDAEMU_DEV " is absent: hdaemu not loaded");
	ASSERT_LE(0, self->fd) TH_LOG("open " HDAEMU_DEV ": %s", strerror(errno));
	ASSERT_OK(hdaemu_alloc_any(self->fd, &f, &self->a));
}

FIXTURE_TEARDOWN(no_buffer)
{
	if (self->fd >= 0)
		close(self->fd);
}

TEST_F(no_buffer, from_reset)
{
	int ret, err;

	errno = 0;
	ret = hdaemu_set_state1(self->fd, variant->to, self->a.handle, NULL);
	err = ret ? errno : 0;
	EXPECT_EQ(variant->err, err)
		TH_LOG("Reset -> %s without a buffer: %s, expected %s",
		       state_name(variant->to), hdaemu_errname(err),
		       hdaemu_errname(variant->err));
	EXPECT_EQ(HDAEMU_STATE_RESET, hdaemu_state_of(self->fd, self->a.handle));
}

/* ------------------------------------------------------------------ */
/* Lists, arguments, timestamps. */

FIXTURE(states) {
	int fd;
	struct hdaemu_stream_format fmt;
	struct hdaemu_engine_alloc a, b;	/* b.handle is 0 if there is no second */
	struct hdaemu_buffer_alloc ba, bb;
	int two;
};

FIXTURE_SETUP(states)
{
	self->fd = hdaemu_open();
	if (self->fd < 0 && errno == ENOENT)
		HDAEMU_SETUP_SKIP(HDAEMU_DEV " is absent: hdaemu not loaded");
	ASSERT_LE(0, self->fd) TH_LOG("open " HDAEMU_DEV ": %s", strerror(errno));
	self->fmt = hdaemu_fmt_default();
	ASSERT_OK(hdaemu_alloc_any(self->fd, &self->fmt, &self->a));
	ASSERT_OK(hdaemu_alloc_buffer(self->fd, self->a.handle, HDAEMU_BUFFER_NOTIFY, 1, 1920,
				      &self->ba));
	self->two = !hdaemu_alloc_any(self->fd, &self->fmt, &self->b);
	if (self->two)
		ASSERT_OK(hdaemu_alloc_buffer(self->fd, self->b.handle, HDAEMU_BUFFER_NOTIFY, 1,
					      1920, &self->bb));
}

FIXTURE_TEARDOWN(states)
{
	if (self->fd >= 0)
		close(self->fd);
}

TEST_F(states, bad_state)
{
	static const __u32 bad[] = { 3, 4, 0x80000000u, 0xffffffffu };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++)
		EXPECT_ERR_MSG(EINVAL, hdaemu_set_state1(self->fd, bad[i], self->a.handle, NULL),
			       "state %u", bad[i]);
	EXPECT_EQ(HDAEMU_STATE_RESET, hdaemu_state_of(self->fd, self->a.handle));
}

TEST_F(states, bad_count)
{
	__u32 h[HDAEMU_MAX_ENGINES + 2];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(h); i++)
		h[i] = self->a.handle;
	EXPECT_ERR(EINVAL, hdaemu_set_state(self->fd, HDAEMU_STATE_STOP, h, 0, NULL));
	EXPECT_ERR(EINVAL, hdaemu_set_state(self->fd, HDAEMU_STATE_STOP, h,
					    HDAEMU_MAX_ENGINES + 1, NULL));
	EXPECT_ERR(EINVAL, hdaemu_set_state(self->fd, HDAEMU_STATE_STOP, h, 0xffffffffu, NULL));
	EXPECT_EQ(HDAEMU_STATE_RESET, hdaemu_state_of(self->fd, self->a.handle));
}

TEST_F(states, count_31_distinct)
{
	__u32 h[HDAEMU_MAX_ENGINES + 1];
	unsigned int i;

	/* 31 different (mostly unknown) handles: the count is checked. */
	h[0] = self->a.handle;
	for (i = 1; i < ARRAY_SIZE(h); i++)
		h[i] = HDAEMU_BAD_HANDLE - i;
	EXPECT_ERR(EINVAL, hdaemu_set_state(self->fd, HDAEMU_STATE_STOP, h, ARRAY_SIZE(h), NULL));
	EXPECT_EQ(HDAEMU_STATE_RESET, hdaemu_state_of(self->fd, self->a.handle));
}

TEST_F(states, duplicate_handles)
{
	__u32 h[3];

	h[0] = self->a.handle;
	h[1] = self->a.handle;
	EXPECT_ERR(EINVAL, hdaemu_set_state(self->fd, HDAEMU_STATE_STOP, h, 2, NULL));
	EXPECT_EQ(HDAEMU_STATE_RESET, hdaemu_state_of(self->fd, self->a.handle));
	if (!self->two)
		return;
	h[0] = self->a.handle;
	h[1] = self->b.handle;
	h[2] = self->a.handle;
	EXPECT_ERR(EINVAL, hdaemu_set_state(self->fd, HDAEMU_STATE_STOP, h, 3, NULL));
	EXPECT_EQ(HDAEMU_STATE_RESET, hdaemu_state_of(self->fd, self->a.handle));
	EXPECT_EQ(HDAEMU_STATE_RESET, hdaemu_state_of(self->fd, self->b.handle));
}

TEST_F(states, bad_handles_ptr)
{
	EXPECT_ERR(EFAULT, hdaemu_set_state(self->fd, HDAEMU_STATE_STOP, NULL, 1, NULL));
	EXPECT_ERR(EFAULT, hdaemu_set_state(self->fd, HDAEMU_STATE_STOP, (void *)1, 1, NULL));
	EXPECT_EQ(HDAEMU_STATE_RESET, hdaemu_state_of(self->fd, self->a.handle));
}

TEST_F(states, unknown_handle)
{
	__u32 h[2] = { self->a.handle, HDAEMU_BAD_HANDLE };

	EXPECT_ERR(ENOENT, hdaemu_set_state1(self->fd, HDAEMU_STATE_STOP, HDAEMU_BAD_HANDLE,
					     NULL));
	/* A good handle and an unknown one: neither changes. */
	EXPECT_ERR(ENOENT, hdaemu_set_state(self->fd, HDAEMU_STATE_STOP, h, 2, NULL));
	EXPECT_EQ(HDAEMU_STATE_RESET, hdaemu_state_of(self->fd, self->a.handle));
	h[0] = HDAEMU_BAD_HANDLE;
	h[1] = self->a.handle;
	EXPECT_ERR(ENOENT, hdaemu_set_state(self->fd, HDAEMU_STATE_STOP, h, 2, NULL));
	EXPECT_EQ(HDAEMU_STATE_RESET, hdaemu_state_of(self->fd, self->a.handle));
}

TEST_F(states, flags_pad_reserved_nonzero)
{
	struct hdaemu_set_state s;
	unsigned int i;

	memset(&s, 0, sizeof(s));
	s.state = HDAEMU_STATE_STOP;
	s.count = 1;
	s.handles_ptr = (__u64)(uintptr_t)&self->a.handle;
	s.flags = 1;
	EXPECT_ERR(EINVAL, ioctl(self->fd, HDAEMU_IOC_SET_STATE, &s));
	s.flags = 0;
	s.pad = 1;
	EXPECT_ERR(EINVAL, ioctl(self->fd, HDAEMU_IOC_SET_STATE, &s));
	s.pad = 0;
	for (i = 0; i < ARRAY_SIZE(s.reserved); i++) {
		s.reserved[i] = 1;
		EXPECT_ERR_MSG(EINVAL, ioctl(self->fd, HDAEMU_IOC_SET_STATE, &s),
			       "reserved[%u] = 1", i);
		s.reserved[i] = 0;
	}
	EXPECT_EQ(HDAEMU_STATE_RESET, hdaemu_state_of(self->fd, self->a.handle));
	EXPECT_OK(ioctl(self->fd, HDAEMU_IOC_SET_STATE, &s));
	EXPECT_EQ(HDAEMU_STATE_STOP, hdaemu_state_of(self->fd, self->a.handle));
}

TEST_F(states, all_or_nothing_bad_transition)
{
	__u32 h[2];

	if (!self->two)
		SKIP(return, "needs two engines");
	/* a may go Stop -> Run, b may not go Reset -> Run. */
	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_STOP, self->a.handle, NULL));
	h[0] = self->a.handle;
	h[1] = self->b.handle;
	EXPECT_ERR(EBADFD, hdaemu_set_state(self->fd, HDAEMU_STATE_RUN, h, 2, NULL));
	EXPECT_EQ(HDAEMU_STATE_STOP, hdaemu_state_of(self->fd, self->a.handle));
	EXPECT_EQ(HDAEMU_STATE_RESET, hdaemu_state_of(self->fd, self->b.handle));
	/* The other order, too. */
	h[0] = self->b.handle;
	h[1] = self->a.handle;
	EXPECT_ERR(EBADFD, hdaemu_set_state(self->fd, HDAEMU_STATE_RUN, h, 2, NULL));
	EXPECT_EQ(HDAEMU_STATE_STOP, hdaemu_state_of(self->fd, self->a.handle));
	EXPECT_EQ(HDAEMU_STATE_RESET, hdaemu_state_of(self->fd, self->b.handle));
}

TEST_F(states, all_or_nothing_no_buffer)
{
	__u32 h[2];

	if (!self->two)
		SKIP(return, "needs two engines");
	ASSERT_OK(hdaemu_free_buffer_of(self->fd, &self->bb));
	h[0] = self->a.handle;
	h[1] = self->b.handle;
	EXPECT_ERR(ENODATA, hdaemu_set_state(self->fd, HDAEMU_STATE_STOP, h, 2, NULL));
	EXPECT_EQ(HDAEMU_STATE_RESET, hdaemu_state_of(self->fd, self->a.handle));
	EXPECT_EQ(HDAEMU_STATE_RESET, hdaemu_state_of(self->fd, self->b.handle));
}

TEST_F(states, all_or_nothing_running)
{
	struct hdaemu_position p1, p2;
	__u32 h[2];

	if (!self->two)
		SKIP(return, "needs two engines");
	/* a runs (Run -> Reset is forbidden), b is stopped (Stop -> Reset is fine). */
	ASSERT_OK(go_to(self->fd, self->a.handle, HDAEMU_STATE_RUN));
	ASSERT_OK(go_to(self->fd, self->b.handle, HDAEMU_STATE_STOP));
	h[0] = self->b.handle;
	h[1] = self->a.handle;
	EXPECT_ERR(EBADFD, hdaemu_set_state(self->fd, HDAEMU_STATE_RESET, h, 2, NULL));
	EXPECT_EQ(HDAEMU_STATE_STOP, hdaemu_state_of(self->fd, self->b.handle));
	ASSERT_OK(hdaemu_get_position(self->fd, self->a.handle, &p1));
	EXPECT_EQ((__u32)HDAEMU_STATE_RUN, p1.state);
	hdaemu_sleep_ms(20);
	ASSERT_OK(hdaemu_get_position(self->fd, self->a.handle, &p2));
	EXPECT_LT(p1.bytes, p2.bytes) TH_LOG("the running engine stopped moving");
}

TEST_F(states, start_together)
{
	struct hdaemu_position pa, pb;
	__u64 t0, t1, ts;
	__u32 h[2];

	if (!self->two)
		SKIP(return, "needs two engines");
	h[0] = self->a.handle;
	h[1] = self->b.handle;
	ASSERT_OK(hdaemu_set_state(self->fd, HDAEMU_STATE_STOP, h, 2, NULL));
	t0 = hdaemu_now_ns();
	ASSERT_OK(hdaemu_set_state(self->fd, HDAEMU_STATE_RUN, h, 2, &ts));
	t1 = hdaemu_now_ns();
	EXPECT_LE(t0, ts);
	EXPECT_GE(t1, ts);
	EXPECT_EQ(HDAEMU_STATE_RUN, hdaemu_state_of(self->fd, self->a.handle));
	EXPECT_EQ(HDAEMU_STATE_RUN, hdaemu_state_of(self->fd, self->b.handle));
	hdaemu_sleep_ms(30);
	/* Stopped together too: same anchor, same rate, same instant. */
	ASSERT_OK(hdaemu_set_state(self->fd, HDAEMU_STATE_STOP, h, 2, NULL));
	ASSERT_OK(hdaemu_get_position(self->fd, self->a.handle, &pa));
	ASSERT_OK(hdaemu_get_position(self->fd, self->b.handle, &pb));
	EXPECT_EQ(pa.bytes, pb.bytes)
		TH_LOG("engines started and stopped in one call moved apart");
	EXPECT_LT(0u, pa.bytes);
}

TEST_F(states, reset_zeroes)
{
	struct hdaemu_position p;

	ASSERT_OK(go_to(self->fd, self->a.handle, HDAEMU_STATE_RUN));
	hdaemu_sleep_ms(30);
	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_STOP, self->a.handle, NULL));
	ASSERT_OK(hdaemu_get_position(self->fd, self->a.handle, &p));
	EXPECT_LT(0u, p.bytes);
	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_RESET, self->a.handle, NULL));
	ASSERT_OK(hdaemu_get_position(self->fd, self->a.handle, &p));
	EXPECT_EQ((__u32)HDAEMU_STATE_RESET, p.state);
	EXPECT_EQ(0u, p.bytes);
	EXPECT_EQ(0u, p.link_position);
	EXPECT_EQ(0u, p.ioc_count);
}

TEST_F(states, position_output)
{
	struct hdaemu_position p;
	unsigned int i;
	__u64 t0, t1;

	/* Poison every output, then check each is written. */
	memset(&p, 0xcc, sizeof(p));
	p.handle = self->a.handle;
	p.flags = 0;
	p.pad = 0;
	memset(p.reserved, 0, sizeof(p.reserved));
	t0 = hdaemu_now_ns();
	ASSERT_OK(ioctl(self->fd, HDAEMU_IOC_GET_POSITION, &p));
	t1 = hdaemu_now_ns();
	EXPECT_EQ(0u, p.link_position);
	EXPECT_EQ((__u32)HDAEMU_STATE_RESET, p.state);
	EXPECT_EQ(0u, p.bytes);
	EXPECT_EQ(0u, p.ioc_count);
	EXPECT_LE(t0, p.timestamp_ns);
	EXPECT_GE(t1, p.timestamp_ns);
	EXPECT_NE(0xccccccccu, p.wallclock);
	EXPECT_EQ(0u, p.pad);
	for (i = 0; i < ARRAY_SIZE(p.reserved); i++)
		EXPECT_EQ(0u, p.reserved[i]);
}

TEST_F(states, position_errors)
{
	struct hdaemu_position p;
	unsigned int i;

	EXPECT_ERR(ENOENT, hdaemu_get_position(self->fd, HDAEMU_BAD_HANDLE, &p));
	memset(&p, 0, sizeof(p));
	p.handle = self->a.handle;
	p.flags = 1;
	EXPECT_ERR(EINVAL, ioctl(self->fd, HDAEMU_IOC_GET_POSITION, &p));
	p.flags = 0;
	p.pad = 1;
	EXPECT_ERR(EINVAL, ioctl(self->fd, HDAEMU_IOC_GET_POSITION, &p));
	p.pad = 0;
	for (i = 0; i < ARRAY_SIZE(p.reserved); i++) {
		p.reserved[i] = 1;
		EXPECT_ERR_MSG(EINVAL, ioctl(self->fd, HDAEMU_IOC_GET_POSITION, &p),
			       "reserved[%u] = 1", i);
		p.reserved[i] = 0;
	}
}

/* A client alone on the controller, for tests that take every engine. */
FIXTURE(full) {
	int fd;
};

FIXTURE_SETUP(full)
{
	self->fd = hdaemu_open();
	if (self->fd < 0 && errno == ENOENT)
		HDAEMU_SETUP_SKIP(HDAEMU_DEV " is absent: hdaemu not loaded");
	ASSERT_LE(0, self->fd) TH_LOG("open " HDAEMU_DEV ": %s", strerror(errno));
}

FIXTURE_TEARDOWN(full)
{
	if (self->fd >= 0)
		close(self->fd);
}

TEST_F(full, thirty_engines_at_once)
{
	struct hdaemu_stream_format mono = hdaemu_fmt(48000, 16, 1);
	struct hdaemu_engine_alloc a;
	struct hdaemu_buffer_alloc b;
	struct hdaemu_position p0, p1;
	__u32 h[HDAEMU_MAX_ENGINES];
	unsigned int n = 0;
	__u32 dir;

	for (dir = HDAEMU_DIR_RENDER; dir <= HDAEMU_DIR_CAPTURE; dir++) {
		while (n < HDAEMU_MAX_ENGINES &&
		       !hdaemu_alloc_engine(self->fd, dir, &mono, &a)) {
			ASSERT_OK(hdaemu_alloc_buffer(self->fd, a.handle, HDAEMU_BUFFER_PLAIN, 0,
						      128, &b));
			h[n++] = a.handle;
		}
	}
	if (n < HDAEMU_MAX_ENGINES)
		SKIP(return, "needs 15 render and 15 capture engines, got %u in all", n);
	/* The longest list: 30 engines start and stop together. */
	ASSERT_OK(hdaemu_set_state(self->fd, HDAEMU_STATE_STOP, h, n, NULL));
	ASSERT_OK(hdaemu_set_state(self->fd, HDAEMU_STATE_RUN, h, n, NULL));
	hdaemu_sleep_ms(10);
	ASSERT_OK(hdaemu_set_state(self->fd, HDAEMU_STATE_STOP, h, n, NULL));
	ASSERT_OK(hdaemu_get_position(self->fd, h[0], &p0));
	ASSERT_OK(hdaemu_get_position(self->fd, h[n - 1], &p1));
	EXPECT_LT(0u, p0.bytes);
	EXPECT_EQ(p0.bytes, p1.bytes) TH_LOG("the first and the 30th engine moved apart");
}

TEST_F(states, stop_and_pause_are_one)
{
	EXPECT_EQ(HDAEMU_STATE_STOP, HDAEMU_STATE_PAUSE);
	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_PAUSE, self->a.handle, NULL));
	EXPECT_EQ(HDAEMU_STATE_STOP, hdaemu_state_of(self->fd, self->a.handle));
}

TEST_HARNESS_MAIN
