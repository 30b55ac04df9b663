// SPDX-License-Identifier: GPL-2.0
/*
 * IOC notifications: HDAEMU_IOC_REGISTER_NOTIFICATION and _UNREGISTER_.
 * Which buffers raise IOCs, which file descriptors are accepted, the limit
 * per engine, when registrations end, and that each IOC adds one to every
 * registered eventfd.
 */
#include "hdaemu_test.h"

#define PERIOD_BYTES	1920	/* 10 ms at 48 kHz, 16-bit stereo */

FIXTURE(notify) {
	int fd;
	struct hdaemu_info info;
	struct hdaemu_stream_format fmt;
	struct hdaemu_engine_alloc a;
	struct hdaemu_buffer_alloc b;	/* _NOTIFY, one IOC per 10 ms */
};

FIXTURE_SETUP(notify)
{
	self->fd = hdaemu_open();
	if (self->fd < 0 && errno == ENOENT)
		HDAEMU_SETUP_SKIP(HDAEMU_DEV " is absent: hdaemu not loaded");
	ASSERT_LE(0, self->fd) TH_LOG("open " HDAEMU_DEV ": %s", strerror(errno));
	ASSERT_OK(hdaemu_get_info(self->fd, &self->info));
	self->fmt = hdaemu_fmt_default();
	ASSERT_OK(hdaemu_alloc_any(self->fd, &self->fmt, &self->a));
	ASSERT_OK(hdaemu_alloc_buffer(self->fd, self->a.handle, HDAEMU_BUFFER_NOTIFY, 1,
				      PERIOD_BYTES, &self->b));
	ASSERT_EQ((__u64)PERIOD_BYTES, self->b.allocated_bytes);
}

FIXTURE_TEARDOWN(notify)
{
	if (self->fd >= 0)
		close(self->fd);
}

/* Back to Reset without a buffer. */
static int drop_buffer(int fd, const struct hdaemu_buffer_alloc *b)
{
	hdaemu_set_state1(fd, HDAEMU_STATE_STOP, b->handle, NULL);
	if (hdaemu_set_state1(fd, HDAEMU_STATE_RESET, b->handle, NULL))
		return -1;
	return hdaemu_free_buffer_of(fd, b);
}

TEST_F(notify, register_in_every_state)
{
	int e[3], i;

	for (i = 0; i < 3; i++) {
		e[i] = hdaemu_eventfd();
		ASSERT_LE(0, e[i]);
	}
	EXPECT_OK(hdaemu_register(self->fd, self->a.handle, e[0]));
	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_STOP, self->a.handle, NULL));
	EXPECT_OK(hdaemu_register(self->fd, self->a.handle, e[1]));
	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_RUN, self->a.handle, NULL));
	EXPECT_OK(hdaemu_register(self->fd, self->a.handle, e[2]));
	for (i = 0; i < 3; i++)
		EXPECT_OK(hdaemu_unregister(self->fd, self->a.handle, e[i]));
	for (i = 0; i < 3; i++)
		close(e[i]);
}

TEST_F(notify, plain_buffer)
{
	struct hdaemu_buffer_alloc b;
	int e = hdaemu_eventfd();

	ASSERT_LE(0, e);
	ASSERT_OK(drop_buffer(self->fd, &self->b));
	ASSERT_OK(hdaemu_alloc_buffer(self->fd, self->a.handle, HDAEMU_BUFFER_PLAIN, 0,
				      PERIOD_BYTES, &b));
	EXPECT_ERR(ENODATA, hdaemu_register(self->fd, self->a.handle, e));
	close(e);
}

TEST_F(notify, no_buffer)
{
	int e = hdaemu_eventfd();

	ASSERT_LE(0, e);
	ASSERT_OK(drop_buffer(self->fd, &self->b));
	EXPECT_ERR(ENODATA, hdaemu_register(self->fd, self->a.handle, e));
	close(e);
}

TEST_F(notify, bdl_without_ioc)
{
	struct hdaemu_bdl_entry ent[2] = {
		{ .offset = 0, .length = 1920, .ioc = 0 },
		{ .offset = 2048, .length = 1920, .ioc = 0 },
	};
	struct hdaemu_buffer_alloc b;
	int e = hdaemu_eventfd();

	ASSERT_LE(0, e);
	ASSERT_OK(drop_buffer(self->fd, &self->b));
	ASSERT_OK(hdaemu_alloc_bdl(self->fd, self->a.handle, 8192, ent, 2, &b));
	EXPECT_ERR(ENODATA, hdaemu_register(self->fd, self->a.handle, e));
	ASSERT_OK(hdaemu_free_buffer_of(self->fd, &b));

	/* One IOC entry is enough. */
	ent[1].ioc = 1;
	ASSERT_OK(hdaemu_alloc_bdl(self->fd, self->a.handle, 8192, ent, 2, &b));
	EXPECT_OK(hdaemu_register(self->fd, self->a.handle, e));
	close(e);
}

TEST_F(notify, not_an_open_fd)
{
	int e = hdaemu_eventfd();

	ASSERT_LE(0, e);
	EXPECT_ERR(EBADF, hdaemu_register(self->fd, self->a.handle, -1));
	EXPECT_ERR(EBADF, hdaemu_register(self->fd, self->a.handle, 1 << 20));
	EXPECT_ERR(EBADF, hdaemu_register(self->fd, self->a.handle, 0x7fffffff));
	/* A number that was an eventfd a moment ago. */
	close(e);
	EXPECT_ERR(EBADF, hdaemu_register(self->fd, self->a.handle, e));
}

TEST_F(notify, not_an_eventfd)
{
	int p[2], null;

	ASSERT_EQ(0, pipe(p));
	null = open("/dev/null", O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, null);
	EXPECT_ERR(EINVAL, hdaemu_register(self->fd, self->a.handle, p[0]));
	EXPECT_ERR(EINVAL, hdaemu_register(self->fd, self->a.handle, p[1]));
	EXPECT_ERR(EINVAL, hdaemu_register(self->fd, self->a.handle, null));
	EXPECT_ERR(EINVAL, hdaemu_register(self->fd, self->a.handle, self->fd));
	close(p[0]);
	close(p[1]);
	close(null);
}

TEST_F(notify, unregister_bad_fd)
{
	int p[2];

	ASSERT_EQ(0, pipe(p));
	EXPECT_ERR(EBADF, hdaemu_unregister(self->fd, self->a.handle, -1));
	EXPECT_ERR(EINVAL, hdaemu_unregister(self->fd, self->a.handle, p[0]));
	close(p[0]);
	close(p[1]);
}

TEST_F(notify, dup_is_the_same_eventfd)
{
	int e = hdaemu_eventfd(), d;

	ASSERT_LE(0, e);
	d = dup(e);
	ASSERT_LE(0, d);
	/* A registration is of the eventfd, not of the descriptor number. */
	ASSERT_OK(hdaemu_register(self->fd, self->a.handle, e));
	EXPECT_ERR(EEXIST, hdaemu_register(self->fd, self->a.handle, d));
	EXPECT_OK(hdaemu_unregister(self->fd, self->a.handle, d));
	EXPECT_ERR(ENOENT, hdaemu_unregister(self->fd, self->a.handle, e));
	close(d);
	close(e);
}

TEST_F(notify, twice)
{
	int e = hdaemu_eventfd();

	ASSERT_LE(0, e);
	ASSERT_OK(hdaemu_register(self->fd, self->a.handle, e));
	EXPECT_ERR(EEXIST, hdaemu_register(self->fd, self->a.handle, e));
	ASSERT_OK(hdaemu_unregister(self->fd, self->a.handle, e));
	EXPECT_OK(hdaemu_register(self->fd, self->a.handle, e));
	close(e);
}

TEST_F(notify, limit)
{
	int e[HDAEMU_T_MAX_NOTIFY + 1], extra;
	unsigned int i;

	ASSERT_EQ(HDAEMU_T_MAX_NOTIFY, self->info.max_notifications);
	for (i = 0; i <= HDAEMU_T_MAX_NOTIFY; i++) {
		e[i] = hdaemu_eventfd();
		ASSERT_LE(0, e[i]);
	}
	for (i = 0; i < HDAEMU_T_MAX_NOTIFY; i++)
		ASSERT_OK(hdaemu_register(self->fd, self->a.handle, e[i]));
	EXPECT_ERR(ENOSPC, hdaemu_register(self->fd, self->a.handle, e[HDAEMU_T_MAX_NOTIFY]));
	/* A freed place can be taken, and only one. */
	ASSERT_OK(hdaemu_unregister(self->fd, self->a.handle, e[3]));
	EXPECT_OK(hdaemu_register(self->fd, self->a.handle, e[HDAEMU_T_MAX_NOTIFY]));
	EXPECT_ERR(ENOSPC, hdaemu_register(self->fd, self->a.handle, e[3]));
	extra = hdaemu_eventfd();
	ASSERT_LE(0, extra);
	EXPECT_ERR(ENOSPC, hdaemu_register(self->fd, self->a.handle, extra));
	close(extra);
	for (i = 0; i <= HDAEMU_T_MAX_NOTIFY; i++)
		close(e[i]);
}

TEST_F(notify, unregister_not_registered)
{
	int e = hdaemu_eventfd(), f = hdaemu_eventfd();

	ASSERT_LE(0, e);
	ASSERT_LE(0, f);
	EXPECT_ERR(ENOENT, hdaemu_unregister(self->fd, self->a.handle, e));
	ASSERT_OK(hdaemu_register(self->fd, self->a.handle, e));
	EXPECT_ERR(ENOENT, hdaemu_unregister(self->fd, self->a.handle, f));
	EXPECT_OK(hdaemu_unregister(self->fd, self->a.handle, e));
	EXPECT_ERR(ENOENT, hdaemu_unregister(self->fd, self->a.handle, e));
	close(e);
	close(f);
}

TEST_F(notify, unregister_other_engine)
{
	struct hdaemu_engine_alloc a2;
	struct hdaemu_buffer_alloc b2;
	int e = hdaemu_eventfd();

	ASSERT_LE(0, e);
	if (hdaemu_alloc_any(self->fd, &self->fmt, &a2))
		SKIP(return, "needs two engines");
	ASSERT_OK(hdaemu_alloc_buffer(self->fd, a2.handle, HDAEMU_BUFFER_NOTIFY, 1, PERIOD_BYTES,
				      &b2));
	ASSERT_OK(hdaemu_register(self->fd, self->a.handle, e));
	EXPECT_ERR(ENOENT, hdaemu_unregister(self->fd, a2.handle, e));
	EXPECT_OK(hdaemu_unregister(self->fd, self->a.handle, e));
	close(e);
}

TEST_F(notify, flags_pad_nonzero)
{
	struct hdaemu_notification n;
	int e = hdaemu_eventfd();

	ASSERT_LE(0, e);
	memset(&n, 0, sizeof(n));
	n.handle = self->a.handle;
	n.eventfd = e;
	n.flags = 1;
	EXPECT_ERR(EINVAL, ioctl(self->fd, HDAEMU_IOC_REGISTER_NOTIFICATION, &n));
	n.flags = 0;
	n.pad = 1;
	EXPECT_ERR(EINVAL, ioctl(self->fd, HDAEMU_IOC_REGISTER_NOTIFICATION, &n));
	n.pad = 0;
	/* Nothing was registered by the failures. */
	EXPECT_ERR(ENOENT, ioctl(self->fd, HDAEMU_IOC_UNREGISTER_NOTIFICATION, &n));
	ASSERT_OK(ioctl(self->fd, HDAEMU_IOC_REGISTER_NOTIFICATION, &n));
	n.flags = 1;
	EXPECT_ERR(EINVAL, ioctl(self->fd, HDAEMU_IOC_UNREGISTER_NOTIFICATION, &n));
	n.flags = 0;
	n.pad = 1;
	EXPECT_ERR(EINVAL, ioctl(self->fd, HDAEMU_IOC_UNREGISTER_NOTIFICATION, &n));
	n.pad = 0;
	EXPECT_OK(ioctl(self->fd, HDAEMU_IOC_UNREGISTER_NOTIFICATION, &n));
	close(e);
}

TEST_F(notify, unknown_handle)
{
	int e = hdaemu_eventfd();

	ASSERT_LE(0, e);
	EXPECT_ERR(ENOENT, hdaemu_register(self->fd, HDAEMU_BAD_HANDLE, e));
	EXPECT_ERR(ENOENT, hdaemu_unregister(self->fd, HDAEMU_BAD_HANDLE, e));
	close(e);
}

TEST_F(notify, free_buffer_ends_registrations)
{
	int e[HDAEMU_T_MAX_NOTIFY];
	unsigned int i;

	for (i = 0; i < HDAEMU_T_MAX_NOTIFY; i++) {
		e[i] = hdaemu_eventfd();
		ASSERT_LE(0, e[i]);
		ASSERT_OK(hdaemu_register(self->fd, self->a.handle, e[i]));
	}
	ASSERT_OK(hdaemu_free_buffer_of(self->fd, &self->b));
	ASSERT_OK(hdaemu_alloc_buffer(self->fd, self->a.handle, HDAEMU_BUFFER_NOTIFY, 1,
				      PERIOD_BYTES, &self->b));
	/* None is left over on the new buffer: each unregister says -ENOENT... */
	for (i = 0; i < HDAEMU_T_MAX_NOTIFY; i++)
		EXPECT_ERR_MSG(ENOENT, hdaemu_unregister(self->fd, self->a.handle, e[i]),
			       "eventfd #%u", i);
	/* ...and all 16 places are free again. */
	for (i = 0; i < HDAEMU_T_MAX_NOTIFY; i++)
		EXPECT_OK(hdaemu_register(self->fd, self->a.handle, e[i]));
	for (i = 0; i < HDAEMU_T_MAX_NOTIFY; i++)
		close(e[i]);
}

TEST_F(notify, free_engine_ends_registrations)
{
	int e = hdaemu_eventfd();

	ASSERT_LE(0, e);
	ASSERT_OK(hdaemu_register(self->fd, self->a.handle, e));
	ASSERT_OK(hdaemu_free_buffer_of(self->fd, &self->b));
	ASSERT_OK(hdaemu_free_engine(self->fd, self->a.handle));
	EXPECT_ERR(ENOENT, hdaemu_unregister(self->fd, self->a.handle, e));
	EXPECT_EQ(0u, hdaemu_eventfd_take(e));
	close(e);
}

TEST_F_TIMEOUT(notify, counts_while_running, 60)
{
	struct hdaemu_position p;
	__u64 v1, v2;
	int e1 = hdaemu_eventfd(), e2 = hdaemu_eventfd();

	ASSERT_LE(0, e1);
	ASSERT_LE(0, e2);
	ASSERT_OK(hdaemu_register(self->fd, self->a.handle, e1));
	ASSERT_OK(hdaemu_register(self->fd, self->a.handle, e2));
	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_STOP, self->a.handle, NULL));
	EXPECT_EQ(0u, hdaemu_eventfd_take(e1)) TH_LOG("an IOC before Run");
	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_RUN, self->a.handle, NULL));
	hdaemu_sleep_ms(150);
	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_STOP, self->a.handle, NULL));
	hdaemu_sleep_ms(20);
	ASSERT_OK(hdaemu_get_position(self->fd, self->a.handle, &p));
	v1 = hdaemu_eventfd_take(e1);
	v2 = hdaemu_eventfd_take(e2);
	/* 150 ms of 10 ms periods: at least 15 IOCs, each counted once per eventfd. */
	EXPECT_LE(15u, p.ioc_count);
	EXPECT_EQ(p.ioc_count, v1) TH_LOG("eventfd 1 got %llu, ioc_count %llu",
					  (unsigned long long)v1,
					  (unsigned long long)p.ioc_count);
	EXPECT_EQ(p.ioc_count, v2) TH_LOG("eventfd 2 got %llu, ioc_count %llu",
					  (unsigned long long)v2,
					  (unsigned long long)p.ioc_count);
	/* Stopped: nothing more comes. */
	hdaemu_sleep_ms(30);
	EXPECT_EQ(0u, hdaemu_eventfd_take(e1)) TH_LOG("an IOC while stopped");
	close(e1);
	close(e2);
}

TEST_F_TIMEOUT(notify, unregister_while_running, 60)
{
	struct hdaemu_position p;
	__u64 kept;
	int e1 = hdaemu_eventfd(), e2 = hdaemu_eventfd();

	ASSERT_LE(0, e1);
	ASSERT_LE(0, e2);
	ASSERT_OK(hdaemu_register(self->fd, self->a.handle, e1));
	ASSERT_OK(hdaemu_register(self->fd, self->a.handle, e2));
	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_STOP, self->a.handle, NULL));
	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_RUN, self->a.handle, NULL));
	hdaemu_sleep_ms(50);
	ASSERT_OK(hdaemu_unregister(self->fd, self->a.handle, e1));
	hdaemu_eventfd_take(e1);
	hdaemu_sleep_ms(60);
	EXPECT_EQ(0u, hdaemu_eventfd_take(e1)) TH_LOG("signalled after its unregister");
	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_STOP, self->a.handle, NULL));
	hdaemu_sleep_ms(20);
	ASSERT_OK(hdaemu_get_position(self->fd, self->a.handle, &p));
	kept = hdaemu_eventfd_take(e2);
	EXPECT_EQ(p.ioc_count, kept);
	EXPECT_LE(10u, kept);
	close(e1);
	close(e2);
}

TEST_F_TIMEOUT(notify, one_eventfd_two_engines, 60)
{
	struct hdaemu_engine_alloc a2;
	struct hdaemu_buffer_alloc b2;
	struct hdaemu_position p1, p2;
	__u32 h[2];
	__u64 v;
	int e = hdaemu_eventfd();

	ASSERT_LE(0, e);
	if (hdaemu_alloc_any(self->fd, &self->fmt, &a2))
		SKIP(return, "needs two engines");
	ASSERT_OK(hdaemu_alloc_buffer(self->fd, a2.handle, HDAEMU_BUFFER_NOTIFY, 2, 3840, &b2));
	ASSERT_OK(hdaemu_register(self->fd, self->a.handle, e));
	ASSERT_OK(hdaemu_register(self->fd, a2.handle, e));
	h[0] = self->a.handle;
	h[1] = a2.handle;
	ASSERT_OK(hdaemu_set_state(self->fd, HDAEMU_STATE_STOP, h, 2, NULL));
	ASSERT_OK(hdaemu_set_state(self->fd, HDAEMU_STATE_RUN, h, 2, NULL));
	hdaemu_sleep_ms(120);
	ASSERT_OK(hdaemu_set_state(self->fd, HDAEMU_STATE_STOP, h, 2, NULL));
	hdaemu_sleep_ms(20);
	ASSERT_OK(hdaemu_get_position(self->fd, self->a.handle, &p1));
	ASSERT_OK(hdaemu_get_position(self->fd, a2.handle, &p2));
	v = hdaemu_eventfd_take(e);
	EXPECT_EQ(p1.ioc_count + p2.ioc_count, v)
		TH_LOG("eventfd %llu, IOCs %llu + %llu", (unsigned long long)v,
		       (unsigned long long)p1.ioc_count, (unsigned long long)p2.ioc_count);
	close(e);
}

TEST_F_TIMEOUT(notify, eventfd_closed_while_registered, 60)
{
	int e = hdaemu_eventfd();

	ASSERT_LE(0, e);
	ASSERT_OK(hdaemu_register(self->fd, self->a.handle, e));
	close(e);
	/* The registration holds its own reference: IOCs go on safely. */
	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_STOP, self->a.handle, NULL));
	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_RUN, self->a.handle, NULL));
	hdaemu_sleep_ms(50);
	EXPECT_OK(drop_buffer(self->fd, &self->b));
}

TEST_HARNESS_MAIN
