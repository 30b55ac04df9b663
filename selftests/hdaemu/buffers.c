// SPDX-License-Identifier: GPL-2.0
/*
 * DMA buffers: HDAEMU_IOC_ALLOC_BUFFER and _FREE_BUFFER for the three
 * kinds (plain, with notification, caller-made BDL), the size rounding
 * rule, every validation error, and mmap() of buffers and the position page.
 */
#include "hdaemu_test.h"

FIXTURE(buffers) {
	int fd;
	struct hdaemu_params p;
	struct hdaemu_stream_format fmt;	/* 48 kHz, 16-bit stereo */
	struct hdaemu_engine_alloc a;		/* render if there is one */
};

FIXTURE_SETUP(buffers)
{
	self->fd = hdaemu_open();
	if (self->fd < 0 && errno == ENOENT)
		HDAEMU_SETUP_SKIP(HDAEMU_DEV " is absent: hdaemu not loaded");
	ASSERT_LE(0, self->fd) TH_LOG("open " HDAEMU_DEV ": %s", strerror(errno));
	ASSERT_OK(hdaemu_params(self->fd, &self->p));
	self->fmt = hdaemu_fmt_default();
	ASSERT_OK(hdaemu_alloc_any(self->fd, &self->fmt, &self->a));
}

FIXTURE_TEARDOWN(buffers)
{
	if (self->fd >= 0)
		close(self->fd);
}

/* EXPECT_MMAP(err, what, fd, len, prot, flags, offset): mmap gives @err (0: maps). */
#define EXPECT_MMAP(_err, _what, _fd, _len, _prot, _flags, _off) do {		\
	int __got = hdaemu_mmap_errno(_fd, _len, _prot, _flags, _off);		\
	EXPECT_EQ(_err, __got)							\
		TH_LOG("mmap of %s (%zu bytes at 0x%llx): %s, expected %s",	\
		       _what, (size_t)(_len), (unsigned long long)(_off),	\
		       hdaemu_errname(__got), hdaemu_errname(_err));		\
} while (0)

/* The engine still holds its buffer: a second alloc says -EEXIST. */
static int has_buffer(int fd, __u32 handle)
{
	struct hdaemu_buffer_alloc b;

	if (!hdaemu_alloc_buffer(fd, handle, HDAEMU_BUFFER_PLAIN, 0, 4096, &b)) {
		hdaemu_free_buffer_of(fd, &b);
		return 0;
	}
	return errno == EEXIST;
}

/* A buffer allocation with every output field poisoned. */
static void buffer_poisoned(struct hdaemu_buffer_alloc *b, __u32 handle, __u32 kind,
			    __u32 count, __u64 requested)
{
	memset(b, 0xcc, sizeof(*b));
	b->handle = handle;
	b->flags = 0;
	b->kind = kind;
	b->notification_count = count;
	b->requested_bytes = requested;
	b->bdl_ptr = 0;
	b->bdl_entries = 0;
	b->pad = 0;
	memset(b->reserved, 0, sizeof(b->reserved));
}

static void check_out_fields(struct __test_metadata *_metadata,
			     const struct hdaemu_engine_alloc *a,
			     const struct hdaemu_buffer_alloc *b)
{
	unsigned int i;

	EXPECT_EQ(0u, b->offset_from_first_page);
	EXPECT_EQ(HDAEMU_MMAP_BUFFER(a->position_slot), b->mmap_offset);
	EXPECT_EQ((__u32)a->stream_tag, b->stream_id);
	EXPECT_EQ(HDAEMU_T_FIFO, b->fifo_bytes);
	for (i = 0; i < ARRAY_SIZE(b->reserved); i++)
		EXPECT_EQ(0u, b->reserved[i]) TH_LOG("reserved[%u]", i);
}

TEST_F(buffers, plain_fields)
{
	struct hdaemu_buffer_alloc b;

	buffer_poisoned(&b, self->a.handle, HDAEMU_BUFFER_PLAIN, 0, 1920);
	ASSERT_OK(ioctl(self->fd, HDAEMU_IOC_ALLOC_BUFFER, &b));
	EXPECT_EQ(1920u, b.allocated_bytes);
	check_out_fields(_metadata, &self->a, &b);
	EXPECT_OK(hdaemu_free_buffer(self->fd, self->a.handle, HDAEMU_BUFFER_PLAIN, 0));
}

TEST_F(buffers, notify_fields)
{
	struct hdaemu_buffer_alloc b;

	buffer_poisoned(&b, self->a.handle, HDAEMU_BUFFER_NOTIFY, 2, 19200);
	ASSERT_OK(ioctl(self->fd, HDAEMU_IOC_ALLOC_BUFFER, &b));
	/* 19200 = 75 * 256: already a whole number of units. */
	EXPECT_EQ(19200u, b.allocated_bytes);
	check_out_fields(_metadata, &self->a, &b);
	EXPECT_OK(hdaemu_free_buffer(self->fd, self->a.handle, HDAEMU_BUFFER_NOTIFY, 19200));
}

TEST_F(buffers, bdl_fields)
{
	struct hdaemu_bdl_entry e[2] = {
		{ .offset = 0, .length = 1920, .ioc = 1 },
		{ .offset = 2048, .length = 1920, .ioc = 1 },
	};
	struct hdaemu_buffer_alloc b;

	buffer_poisoned(&b, self->a.handle, HDAEMU_BUFFER_BDL, 0, 8192);
	b.bdl_ptr = (__u64)(uintptr_t)e;
	b.bdl_entries = 2;
	ASSERT_OK(ioctl(self->fd, HDAEMU_IOC_ALLOC_BUFFER, &b));
	EXPECT_EQ(3840u, b.allocated_bytes) TH_LOG("the cyclic length is the sum of lengths");
	check_out_fields(_metadata, &self->a, &b);
	EXPECT_OK(hdaemu_free_buffer(self->fd, self->a.handle, HDAEMU_BUFFER_BDL, 0));
}

/* ------------------------------------------------------------------ */
/* Rounding: literal cases worked out by hand, then the rule at large. */

struct rounding_case {
	__u32 rate;
	__u16 bits, ch;
	__u32 kind, count;
	__u64 requested;
	__u64 expected;
};

#define U64MAX 0xffffffffffffffffull

static const struct rounding_case rounding_cases[] = {
	/* 48 kHz/16/2: 4-byte frames, unit 128; minimum 5 frames -> 128. */
	{ 48000, 16, 2, HDAEMU_BUFFER_PLAIN, 0, 1, 128 },
	{ 48000, 16, 2, HDAEMU_BUFFER_PLAIN, 0, 128, 128 },
	{ 48000, 16, 2, HDAEMU_BUFFER_PLAIN, 0, 255, 128 },
	{ 48000, 16, 2, HDAEMU_BUFFER_PLAIN, 0, 256, 256 },
	{ 48000, 16, 2, HDAEMU_BUFFER_PLAIN, 0, 19199, 19072 },
	{ 48000, 16, 2, HDAEMU_BUFFER_PLAIN, 0, 19200, 19200 },
	{ 48000, 16, 2, HDAEMU_BUFFER_PLAIN, 0, 8388607, 8388480 },
	{ 48000, 16, 2, HDAEMU_BUFFER_PLAIN, 0, 8388608, 8388608 },
	{ 48000, 16, 2, HDAEMU_BUFFER_PLAIN, 0, 8388609, 8388608 },
	{ 48000, 16, 2, HDAEMU_BUFFER_PLAIN, 0, 0x100000080ull, 8388608 },
	{ 48000, 16, 2, HDAEMU_BUFFER_PLAIN, 0, U64MAX, 8388608 },
	{ 48000, 16, 2, HDAEMU_BUFFER_NOTIFY, 1, 1, 128 },
	{ 48000, 16, 2, HDAEMU_BUFFER_NOTIFY, 1, 1920, 1920 },
	{ 48000, 16, 2, HDAEMU_BUFFER_NOTIFY, 1, U64MAX, 8388608 },
	/* count 2: unit 256. */
	{ 48000, 16, 2, HDAEMU_BUFFER_NOTIFY, 2, 1, 256 },
	{ 48000, 16, 2, HDAEMU_BUFFER_NOTIFY, 2, 19200, 19200 },
	{ 48000, 16, 2, HDAEMU_BUFFER_NOTIFY, 2, 19300, 19200 },
	{ 48000, 16, 2, HDAEMU_BUFFER_NOTIFY, 2, 19455, 19200 },
	{ 48000, 16, 2, HDAEMU_BUFFER_NOTIFY, 2, 8388608, 8388608 },
	{ 48000, 16, 2, HDAEMU_BUFFER_NOTIFY, 2, U64MAX, 8388608 },
	/* 48 kHz/16/3: 6-byte frames, unit lcm(6, 128) = 384. */
	{ 48000, 16, 3, HDAEMU_BUFFER_PLAIN, 0, 1, 384 },
	{ 48000, 16, 3, HDAEMU_BUFFER_PLAIN, 0, 1000, 768 },
	{ 48000, 16, 3, HDAEMU_BUFFER_PLAIN, 0, 8388608, 8388480 },
	{ 48000, 16, 3, HDAEMU_BUFFER_NOTIFY, 2, 1, 768 },
	{ 48000, 16, 3, HDAEMU_BUFFER_NOTIFY, 2, 2000, 1536 },
	{ 48000, 16, 3, HDAEMU_BUFFER_NOTIFY, 2, U64MAX, 8388096 },
	/*
	 * 192 kHz/32/4: 16-byte frames, unit 128 = 8 frames = 41.7 us; the
	 * 100 us minimum needs 19.2 frames: 24 frames = 384 bytes per period.
	 */
	{ 192000, 32, 4, HDAEMU_BUFFER_PLAIN, 0, 1, 384 },
	{ 192000, 32, 4, HDAEMU_BUFFER_PLAIN, 0, 300, 384 },
	{ 192000, 32, 4, HDAEMU_BUFFER_PLAIN, 0, 500, 384 },
	{ 192000, 32, 4, HDAEMU_BUFFER_PLAIN, 0, 512, 512 },
	{ 192000, 32, 4, HDAEMU_BUFFER_NOTIFY, 2, 1, 768 },
	{ 192000, 32, 4, HDAEMU_BUFFER_NOTIFY, 2, 1000, 768 },
	{ 192000, 32, 4, HDAEMU_BUFFER_NOTIFY, 2, 1024, 1024 },
	/* 176.4 kHz/32/2: 16 frames = 90.7 us is short, 32 frames is not. */
	{ 176400, 32, 2, HDAEMU_BUFFER_PLAIN, 0, 1, 256 },
	{ 176400, 32, 2, HDAEMU_BUFFER_NOTIFY, 2, 1, 512 },
	{ 176400, 32, 2, HDAEMU_BUFFER_NOTIFY, 2, 700, 512 },
	/* 8 kHz/8/1: 1-byte frames; 128 bytes = 16 ms. */
	{ 8000, 8, 1, HDAEMU_BUFFER_PLAIN, 0, 1, 128 },
	{ 8000, 8, 1, HDAEMU_BUFFER_NOTIFY, 2, 1, 256 },
	/* 44.1 kHz/24/2: 8-byte frames. */
	{ 44100, 24, 2, HDAEMU_BUFFER_PLAIN, 0, 10000, 9984 },
};

static int fits_engine(const struct hdaemu_engine_alloc *a, const struct hdaemu_stream_format *f)
{
	return hdaemu_stream_words(f) <= (a->direction == HDAEMU_DIR_RENDER ?
					  HDAEMU_T_OUTPAY : HDAEMU_T_INPAY);
}

TEST_F(buffers, rounding_table)
{
	const struct rounding_case *c;
	struct hdaemu_stream_format f;
	struct hdaemu_engine_format ef;
	struct hdaemu_buffer_alloc b;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(rounding_cases); i++) {
		c = &rounding_cases[i];
		f = hdaemu_fmt(c->rate, c->bits, c->ch);
		/* The table agrees with the rule the sweep below uses. */
		EXPECT_EQ(c->expected, hdaemu_expected_alloc(&f, c->count, c->requested))
			TH_LOG("case %u: the test's own table disagrees with its rule", i);
		if (!fits_engine(&self->a, &f))
			continue;
		ASSERT_OK(hdaemu_change_format(self->fd, self->a.handle, &f, &ef));
		ASSERT_OK(hdaemu_alloc_buffer(self->fd, self->a.handle, c->kind, c->count,
					      c->requested, &b));
		EXPECT_EQ(c->expected, b.allocated_bytes)
			TH_LOG("%u Hz/%u/%u ch, kind %u count %u, request %llu: got %llu, expected %llu",
			       c->rate, c->bits, c->ch, c->kind, c->count,
			       (unsigned long long)c->requested,
			       (unsigned long long)b.allocated_bytes,
			       (unsigned long long)c->expected);
		ASSERT_OK(hdaemu_free_buffer_of(self->fd, &b));
	}
}

TEST_F_TIMEOUT(buffers, rounding_rule, 120)
{
	static const __u32 formats[][3] = {
		{ 48000, 16, 2 }, { 48000, 16, 3 }, { 192000, 32, 4 }, { 176400, 32, 2 },
		{ 8000, 8, 1 }, { 44100, 24, 2 }, { 11025, 16, 5 }, { 96000, 20, 6 },
	};
	static const __u64 requests[] = {
		1, 2, 100, 127, 128, 129, 383, 384, 385, 500, 767, 768, 769, 1000,
		1920, 3840, 4095, 4096, 4097, 19200, 19300, 65536, 100003, 1048576,
		8388607, 8388608, 8388609, 0x100000080ull, U64MAX,
	};
	static const __u32 kinds[][2] = {
		{ HDAEMU_BUFFER_PLAIN, 0 }, { HDAEMU_BUFFER_NOTIFY, 1 },
		{ HDAEMU_BUFFER_NOTIFY, 2 },
	};
	struct hdaemu_stream_format f;
	struct hdaemu_engine_format ef;
	struct hdaemu_buffer_alloc b;
	unsigned int i, j, k;
	__u64 want;

	for (i = 0; i < ARRAY_SIZE(formats); i++) {
		f = hdaemu_fmt(formats[i][0], formats[i][1], formats[i][2]);
		if (!fits_engine(&self->a, &f))
			continue;
		ASSERT_OK(hdaemu_change_format(self->fd, self->a.handle, &f, &ef));
		for (k = 0; k < ARRAY_SIZE(kinds); k++) {
			for (j = 0; j < ARRAY_SIZE(requests); j++) {
				want = hdaemu_expected_alloc(&f, kinds[k][1], requests[j]);
				ASSERT_OK(hdaemu_alloc_buffer(self->fd, self->a.handle,
							      kinds[k][0], kinds[k][1],
							      requests[j], &b));
				EXPECT_EQ(want, b.allocated_bytes)
					TH_LOG("%u Hz/%u/%u ch, kind %u count %u, request %llu: got %llu, expected %llu",
					       formats[i][0], formats[i][1], formats[i][2],
					       kinds[k][0], kinds[k][1],
					       (unsigned long long)requests[j],
					       (unsigned long long)b.allocated_bytes,
					       (unsigned long long)want);
				ASSERT_OK(hdaemu_free_buffer_of(self->fd, &b));
			}
		}
	}
}

/* ------------------------------------------------------------------ */
/* ALLOC_BUFFER argument errors. */

TEST_F(buffers, bad_kind)
{
	static const __u32 bad[] = { 0, 4, 5, 0x80000000u, 0xffffffffu };
	struct hdaemu_buffer_alloc b;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++)
		EXPECT_ERR_MSG(EINVAL, hdaemu_alloc_buffer(self->fd, self->a.handle, bad[i], 0,
							   4096, &b),
			       "kind %u", bad[i]);
	EXPECT_FALSE(has_buffer(self->fd, self->a.handle));
}

TEST_F(buffers, notify_count)
{
	static const __u32 bad[] = { 0, 3, 4, 0xffffffffu };
	struct hdaemu_buffer_alloc b;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++)
		EXPECT_ERR_MSG(EINVAL, hdaemu_alloc_buffer(self->fd, self->a.handle,
							   HDAEMU_BUFFER_NOTIFY, bad[i], 4096, &b),
			       "notification_count %u", bad[i]);
	EXPECT_FALSE(has_buffer(self->fd, self->a.handle));
	for (i = 1; i <= 2; i++) {
		ASSERT_OK(hdaemu_alloc_buffer(self->fd, self->a.handle, HDAEMU_BUFFER_NOTIFY, i,
					      4096, &b));
		ASSERT_OK(hdaemu_free_buffer_of(self->fd, &b));
	}
}

TEST_F(buffers, plain_count_nonzero)
{
	struct hdaemu_buffer_alloc b;

	EXPECT_ERR(EINVAL, hdaemu_alloc_buffer(self->fd, self->a.handle, HDAEMU_BUFFER_PLAIN, 1,
					       4096, &b));
	EXPECT_ERR(EINVAL, hdaemu_alloc_buffer(self->fd, self->a.handle, HDAEMU_BUFFER_PLAIN, 2,
					       4096, &b));
	EXPECT_FALSE(has_buffer(self->fd, self->a.handle));
}

TEST_F(buffers, bdl_count_nonzero)
{
	struct hdaemu_bdl_entry e[2] = {
		{ .offset = 0, .length = 1920, .ioc = 1 },
		{ .offset = 2048, .length = 1920, .ioc = 1 },
	};
	struct hdaemu_buffer_alloc b;

	memset(&b, 0, sizeof(b));
	b.handle = self->a.handle;
	b.kind = HDAEMU_BUFFER_BDL;
	b.notification_count = 1;
	b.requested_bytes = 8192;
	b.bdl_ptr = (__u64)(uintptr_t)e;
	b.bdl_entries = 2;
	EXPECT_ERR(EINVAL, ioctl(self->fd, HDAEMU_IOC_ALLOC_BUFFER, &b));
	EXPECT_FALSE(has_buffer(self->fd, self->a.handle));
}

TEST_F(buffers, bdl_fields_on_other_kinds)
{
	struct hdaemu_bdl_entry e[2] = {
		{ .offset = 0, .length = 1920, .ioc = 1 },
		{ .offset = 2048, .length = 1920, .ioc = 1 },
	};
	static const __u32 kinds[][2] = {
		{ HDAEMU_BUFFER_PLAIN, 0 }, { HDAEMU_BUFFER_NOTIFY, 1 },
	};
	struct hdaemu_buffer_alloc b;
	unsigned int k;

	for (k = 0; k < ARRAY_SIZE(kinds); k++) {
		memset(&b, 0, sizeof(b));
		b.handle = self->a.handle;
		b.kind = kinds[k][0];
		b.notification_count = kinds[k][1];
		b.requested_bytes = 8192;
		b.bdl_ptr = (__u64)(uintptr_t)e;
		EXPECT_ERR_MSG(EINVAL, ioctl(self->fd, HDAEMU_IOC_ALLOC_BUFFER, &b),
			       "kind %u with bdl_ptr", kinds[k][0]);
		b.bdl_ptr = 0;
		b.bdl_entries = 2;
		EXPECT_ERR_MSG(EINVAL, ioctl(self->fd, HDAEMU_IOC_ALLOC_BUFFER, &b),
			       "kind %u with bdl_entries", kinds[k][0]);
	}
	EXPECT_FALSE(has_buffer(self->fd, self->a.handle));
}

TEST_F(buffers, requested_zero)
{
	struct hdaemu_bdl_entry e[2] = {
		{ .offset = 0, .length = 1920, .ioc = 1 },
		{ .offset = 2048, .length = 1920, .ioc = 1 },
	};
	struct hdaemu_buffer_alloc b;

	EXPECT_ERR(EINVAL, hdaemu_alloc_buffer(self->fd, self->a.handle, HDAEMU_BUFFER_PLAIN, 0,
					       0, &b));
	EXPECT_ERR(EINVAL, hdaemu_alloc_buffer(self->fd, self->a.handle, HDAEMU_BUFFER_NOTIFY, 1,
					       0, &b));
	EXPECT_ERR(EINVAL, hdaemu_alloc_bdl(self->fd, self->a.handle, 0, e, 2, &b));
	EXPECT_FALSE(has_buffer(self->fd, self->a.handle));
}

TEST_F(buffers, flags_pad_reserved_nonzero)
{
	struct hdaemu_buffer_alloc b;
	unsigned int i;

	memset(&b, 0, sizeof(b));
	b.handle = self->a.handle;
	b.kind = HDAEMU_BUFFER_PLAIN;
	b.requested_bytes = 4096;
	b.flags = 1;
	EXPECT_ERR(EINVAL, ioctl(self->fd, HDAEMU_IOC_ALLOC_BUFFER, &b));
	b.flags = 0;
	b.pad = 1;
	EXPECT_ERR(EINVAL, ioctl(self->fd, HDAEMU_IOC_ALLOC_BUFFER, &b));
	b.pad = 0;
	for (i = 0; i < ARRAY_SIZE(b.reserved); i++) {
		b.reserved[i] = 1;
		EXPECT_ERR_MSG(EINVAL, ioctl(self->fd, HDAEMU_IOC_ALLOC_BUFFER, &b),
			       "reserved[%u] = 1", i);
		b.reserved[i] = 0;
	}
	EXPECT_FALSE(has_buffer(self->fd, self->a.handle));
}

TEST_F(buffers, unknown_handle)
{
	struct hdaemu_buffer_alloc b;

	EXPECT_ERR(ENOENT, hdaemu_alloc_buffer(self->fd, HDAEMU_BAD_HANDLE, HDAEMU_BUFFER_PLAIN,
					       0, 4096, &b));
	EXPECT_ERR(ENOENT, hdaemu_free_buffer(self->fd, HDAEMU_BAD_HANDLE, HDAEMU_BUFFER_PLAIN,
					      0));
}

TEST_F(buffers, double_alloc)
{
	struct hdaemu_bdl_entry e[2] = {
		{ .offset = 0, .length = 1920, .ioc = 1 },
		{ .offset = 2048, .length = 1920, .ioc = 1 },
	};
	struct hdaemu_buffer_alloc b, b2;

	ASSERT_OK(hdaemu_alloc_buffer(self->fd, self->a.handle, HDAEMU_BUFFER_NOTIFY, 1, 1920,
				      &b));
	EXPECT_ERR(EEXIST, hdaemu_alloc_buffer(self->fd, self->a.handle, HDAEMU_BUFFER_PLAIN, 0,
					       4096, &b2));
	EXPECT_ERR(EEXIST, hdaemu_alloc_buffer(self->fd, self->a.handle, HDAEMU_BUFFER_NOTIFY, 2,
					       4096, &b2));
	EXPECT_ERR(EEXIST, hdaemu_alloc_bdl(self->fd, self->a.handle, 8192, e, 2, &b2));
	/* The first buffer is intact: it frees with its own size. */
	EXPECT_OK(hdaemu_free_buffer(self->fd, self->a.handle, HDAEMU_BUFFER_NOTIFY, 1920));
}

TEST_F(buffers, alloc_not_in_reset)
{
	struct hdaemu_buffer_alloc b, b2;

	ASSERT_OK(hdaemu_alloc_buffer(self->fd, self->a.handle, HDAEMU_BUFFER_PLAIN, 0, 1920, &b));
	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_STOP, self->a.handle, NULL));
	EXPECT_ERR(EBADFD, hdaemu_alloc_buffer(self->fd, self->a.handle, HDAEMU_BUFFER_PLAIN, 0,
					       4096, &b2));
	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_RUN, self->a.handle, NULL));
	EXPECT_ERR(EBADFD, hdaemu_alloc_buffer(self->fd, self->a.handle, HDAEMU_BUFFER_PLAIN, 0,
					       4096, &b2));
	EXPECT_EQ(HDAEMU_STATE_RUN, hdaemu_state_of(self->fd, self->a.handle));
}

/* ------------------------------------------------------------------ */
/* FREE_BUFFER. */

TEST_F(buffers, free_without_buffer)
{
	EXPECT_ERR(ENODATA, hdaemu_free_buffer(self->fd, self->a.handle, HDAEMU_BUFFER_PLAIN, 0));
	EXPECT_ERR(ENODATA, hdaemu_free_buffer(self->fd, self->a.handle, HDAEMU_BUFFER_NOTIFY,
					       1920));
	EXPECT_ERR(ENODATA, hdaemu_free_buffer(self->fd, self->a.handle, HDAEMU_BUFFER_BDL, 0));
}

TEST_F(buffers, free_twice)
{
	struct hdaemu_buffer_alloc b;

	ASSERT_OK(hdaemu_alloc_buffer(self->fd, self->a.handle, HDAEMU_BUFFER_PLAIN, 0, 1920, &b));
	ASSERT_OK(hdaemu_free_buffer_of(self->fd, &b));
	EXPECT_ERR(ENODATA, hdaemu_free_buffer_of(self->fd, &b));
	/* And a new one can be had, of another kind. */
	ASSERT_OK(hdaemu_alloc_buffer(self->fd, self->a.handle, HDAEMU_BUFFER_NOTIFY, 2, 3840, &b));
	EXPECT_OK(hdaemu_free_buffer_of(self->fd, &b));
}

TEST_F(buffers, free_wrong_kind)
{
	struct hdaemu_bdl_entry e[2] = {
		{ .offset = 0, .length = 1920, .ioc = 1 },
		{ .offset = 2048, .length = 1920, .ioc = 1 },
	};
	struct hdaemu_buffer_alloc b;

	ASSERT_OK(hdaemu_alloc_buffer(self->fd, self->a.handle, HDAEMU_BUFFER_PLAIN, 0, 1920, &b));
	EXPECT_ERR(EINVAL, hdaemu_free_buffer(self->fd, b.handle, HDAEMU_BUFFER_NOTIFY, 1920));
	EXPECT_ERR(EINVAL, hdaemu_free_buffer(self->fd, b.handle, HDAEMU_BUFFER_BDL, 0));
	EXPECT_ERR(EINVAL, hdaemu_free_buffer(self->fd, b.handle, 0, 0));
	EXPECT_ERR(EINVAL, hdaemu_free_buffer(self->fd, b.handle, 4, 0));
	ASSERT_OK(hdaemu_free_buffer_of(self->fd, &b));

	ASSERT_OK(hdaemu_alloc_buffer(self->fd, self->a.handle, HDAEMU_BUFFER_NOTIFY, 1, 1920, &b));
	EXPECT_ERR(EINVAL, hdaemu_free_buffer(self->fd, b.handle, HDAEMU_BUFFER_PLAIN, 0));
	EXPECT_ERR(EINVAL, hdaemu_free_buffer(self->fd, b.handle, HDAEMU_BUFFER_BDL, 0));
	ASSERT_OK(hdaemu_free_buffer_of(self->fd, &b));

	ASSERT_OK(hdaemu_alloc_bdl(self->fd, self->a.handle, 8192, e, 2, &b));
	EXPECT_ERR(EINVAL, hdaemu_free_buffer(self->fd, b.handle, HDAEMU_BUFFER_PLAIN, 0));
	EXPECT_ERR(EINVAL, hdaemu_free_buffer(self->fd, b.handle, HDAEMU_BUFFER_NOTIFY, 3840));
	EXPECT_OK(hdaemu_free_buffer_of(self->fd, &b));
}

TEST_F(buffers, free_notify_size_mismatch)
{
	struct hdaemu_buffer_alloc b;

	/* 2000 rounds to 1920: the free must name 1920, not what was asked. */
	ASSERT_OK(hdaemu_alloc_buffer(self->fd, self->a.handle, HDAEMU_BUFFER_NOTIFY, 1, 2000, &b));
	ASSERT_EQ(1920u, b.allocated_bytes);
	EXPECT_ERR(EINVAL, hdaemu_free_buffer(self->fd, b.handle, HDAEMU_BUFFER_NOTIFY, 0));
	EXPECT_ERR(EINVAL, hdaemu_free_buffer(self->fd, b.handle, HDAEMU_BUFFER_NOTIFY, 2000));
	EXPECT_ERR(EINVAL, hdaemu_free_buffer(self->fd, b.handle, HDAEMU_BUFFER_NOTIFY, 1919));
	EXPECT_ERR(EINVAL, hdaemu_free_buffer(self->fd, b.handle, HDAEMU_BUFFER_NOTIFY, 1921));
	EXPECT_ERR(EINVAL, hdaemu_free_buffer(self->fd, b.handle, HDAEMU_BUFFER_NOTIFY,
					      1920ull | 1ull << 32));
	EXPECT_OK(hdaemu_free_buffer(self->fd, b.handle, HDAEMU_BUFFER_NOTIFY, 1920));
}

TEST_F(buffers, free_plain_bdl_size_nonzero)
{
	struct hdaemu_bdl_entry e[2] = {
		{ .offset = 0, .length = 1920, .ioc = 1 },
		{ .offset = 2048, .length = 1920, .ioc = 1 },
	};
	struct hdaemu_buffer_alloc b;

	ASSERT_OK(hdaemu_alloc_buffer(self->fd, self->a.handle, HDAEMU_BUFFER_PLAIN, 0, 1920, &b));
	EXPECT_ERR(EINVAL, hdaemu_free_buffer(self->fd, b.handle, HDAEMU_BUFFER_PLAIN, 1920));
	EXPECT_ERR(EINVAL, hdaemu_free_buffer(self->fd, b.handle, HDAEMU_BUFFER_PLAIN, 1));
	ASSERT_OK(hdaemu_free_buffer_of(self->fd, &b));

	ASSERT_OK(hdaemu_alloc_bdl(self->fd, self->a.handle, 8192, e, 2, &b));
	EXPECT_ERR(EINVAL, hdaemu_free_buffer(self->fd, b.handle, HDAEMU_BUFFER_BDL, 3840));
	EXPECT_ERR(EINVAL, hdaemu_free_buffer(self->fd, b.handle, HDAEMU_BUFFER_BDL, 8192));
	EXPECT_OK(hdaemu_free_buffer_of(self->fd, &b));
}

TEST_F(buffers, free_flags_pad_nonzero)
{
	struct hdaemu_buffer_alloc b;
	struct hdaemu_buffer_free f;

	ASSERT_OK(hdaemu_alloc_buffer(self->fd, self->a.handle, HDAEMU_BUFFER_PLAIN, 0, 1920, &b));
	memset(&f, 0, sizeof(f));
	f.handle = b.handle;
	f.kind = HDAEMU_BUFFER_PLAIN;
	f.flags = 1;
	EXPECT_ERR(EINVAL, ioctl(self->fd, HDAEMU_IOC_FREE_BUFFER, &f));
	f.flags = 0;
	f.pad = 1;
	EXPECT_ERR(EINVAL, ioctl(self->fd, HDAEMU_IOC_FREE_BUFFER, &f));
	f.pad = 0;
	EXPECT_OK(ioctl(self->fd, HDAEMU_IOC_FREE_BUFFER, &f));
}

TEST_F(buffers, free_not_in_reset)
{
	struct hdaemu_buffer_alloc b;

	ASSERT_OK(hdaemu_alloc_buffer(self->fd, self->a.handle, HDAEMU_BUFFER_NOTIFY, 1, 1920, &b));
	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_STOP, self->a.handle, NULL));
	EXPECT_ERR(EBADFD, hdaemu_free_buffer_of(self->fd, &b));
	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_RUN, self->a.handle, NULL));
	EXPECT_ERR(EBADFD, hdaemu_free_buffer_of(self->fd, &b));
	EXPECT_EQ(HDAEMU_STATE_RUN, hdaemu_state_of(self->fd, self->a.handle));
	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_STOP, self->a.handle, NULL));
	EXPECT_ERR(EBADFD, hdaemu_free_buffer_of(self->fd, &b));
	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_RESET, self->a.handle, NULL));
	EXPECT_OK(hdaemu_free_buffer_of(self->fd, &b));
}

TEST_F(buffers, free_while_mapped)
{
	struct hdaemu_buffer_alloc b;
	void *m;

	ASSERT_OK(hdaemu_alloc_buffer(self->fd, self->a.handle, HDAEMU_BUFFER_PLAIN, 0, 1920, &b));
	m = mmap(NULL, HDAEMU_T_PAGE, PROT_READ, MAP_SHARED, self->fd, b.mmap_offset);
	ASSERT_NE(MAP_FAILED, m) TH_LOG("mmap: %s", strerror(errno));
	EXPECT_ERR(EBUSY, hdaemu_free_buffer_of(self->fd, &b));
	ASSERT_EQ(0, munmap(m, HDAEMU_T_PAGE));
	EXPECT_OK(hdaemu_free_buffer_of(self->fd, &b));
}

/* ------------------------------------------------------------------ */
/* Caller-made BDLs: the valid shapes. */

TEST_F(buffers, bdl_without_ioc)
{
	struct hdaemu_bdl_entry e[2] = {
		{ .offset = 0, .length = 1920, .ioc = 0 },
		{ .offset = 2048, .length = 1920, .ioc = 0 },
	};
	struct hdaemu_buffer_alloc b;

	EXPECT_OK(hdaemu_alloc_bdl(self->fd, self->a.handle, 8192, e, 2, &b));
	EXPECT_EQ(3840u, b.allocated_bytes);
}

TEST_F(buffers, bdl_256_entries)
{
	struct hdaemu_bdl_entry e[HDAEMU_BDL_MAX_ENTRIES];
	struct hdaemu_buffer_alloc b;
	unsigned int i;

	for (i = 0; i < HDAEMU_BDL_MAX_ENTRIES; i++) {
		e[i].offset = i * 128;
		e[i].length = 128;
		e[i].ioc = i == HDAEMU_BDL_MAX_ENTRIES - 1;
	}
	ASSERT_OK(hdaemu_alloc_bdl(self->fd, self->a.handle, 32768, e, HDAEMU_BDL_MAX_ENTRIES,
				   &b));
	EXPECT_EQ(32768u, b.allocated_bytes);
}

TEST_F(buffers, bdl_ioc_spacing_at_minimum)
{
	/* 20 bytes = 5 frames = 104 us between the two IOCs: allowed. */
	struct hdaemu_bdl_entry e[2] = {
		{ .offset = 0, .length = 1920, .ioc = 1 },
		{ .offset = 2048, .length = 20, .ioc = 1 },
	};
	struct hdaemu_buffer_alloc b;

	ASSERT_OK(hdaemu_alloc_bdl(self->fd, self->a.handle, 8192, e, 2, &b));
	EXPECT_EQ(1940u, b.allocated_bytes);
}

TEST_F(buffers, bdl_largest)
{
	struct hdaemu_bdl_entry e[2] = {
		{ .offset = 0, .length = 1920, .ioc = 1 },
		{ .offset = HDAEMU_T_MAX_BUFFER - 1920, .length = 1920, .ioc = 1 },
	};
	struct hdaemu_buffer_alloc b;

	ASSERT_OK(hdaemu_alloc_bdl(self->fd, self->a.handle, HDAEMU_T_MAX_BUFFER, e, 2, &b));
	EXPECT_EQ(3840u, b.allocated_bytes);
}

TEST_F(buffers, bdl_size_not_rounded)
{
	struct hdaemu_bdl_entry e[2] = {
		{ .offset = 0, .length = 1920, .ioc = 1 },
		{ .offset = 2048, .length = 2952, .ioc = 1 },
	};
	struct hdaemu_buffer_alloc b;

	/* 5000 bytes, exactly: the buffer spans two pages, not three. */
	ASSERT_OK(hdaemu_alloc_bdl(self->fd, self->a.handle, 5000, e, 2, &b));
	EXPECT_EQ(4872u, b.allocated_bytes);
	EXPECT_MMAP(0, "the 2 pages of a 5000-byte BDL buffer", self->fd, 8192, PROT_READ,
		    MAP_SHARED, b.mmap_offset);
	EXPECT_MMAP(EINVAL, "3 pages of a 5000-byte BDL buffer", self->fd, 12288, PROT_READ,
		    MAP_SHARED, b.mmap_offset);
}

TEST_F(buffers, bdl_efault)
{
	struct hdaemu_buffer_alloc b;

	EXPECT_ERR(EFAULT, hdaemu_alloc_bdl(self->fd, self->a.handle, 8192, NULL, 2, &b));
	EXPECT_ERR(EFAULT, hdaemu_alloc_bdl(self->fd, self->a.handle, 8192, (void *)1, 2, &b));
	EXPECT_FALSE(has_buffer(self->fd, self->a.handle));
}

/* ------------------------------------------------------------------ */
/* Caller-made BDLs: each invalid shape, one by one. */

FIXTURE(bdl_bad) {
	int fd;
	struct hdaemu_engine_alloc a;
};

FIXTURE_VARIANT(bdl_bad) {
	__u64 requested;
	__u32 n;
	struct hdaemu_bdl_entry e[3];
};

#define E(_o, _l, _i) { .offset = _o, .length = _l, .ioc = _i }
#define OK2 E(0, 1920, 1), E(2048, 1920, 1)

FIXTURE_VARIANT_ADD(bdl_bad, entries_0) { .requested = 8192, .n = 0, .e = { OK2 } };
FIXTURE_VARIANT_ADD(bdl_bad, entries_1) { .requested = 8192, .n = 1, .e = { OK2 } };
FIXTURE_VARIANT_ADD(bdl_bad, entries_257) { .requested = 8192, .n = 257, .e = { OK2 } };
FIXTURE_VARIANT_ADD(bdl_bad, requested_0) { .requested = 0, .n = 2, .e = { OK2 } };
FIXTURE_VARIANT_ADD(bdl_bad, requested_over_max) {
	.requested = HDAEMU_T_MAX_BUFFER + 1, .n = 2, .e = { OK2 } };
FIXTURE_VARIANT_ADD(bdl_bad, requested_huge) {
	.requested = 0x100000000ull + 8192, .n = 2, .e = { OK2 } };
FIXTURE_VARIANT_ADD(bdl_bad, offset_unaligned) {
	.requested = 8192, .n = 2, .e = { E(64, 1920, 1), E(2048, 1920, 1) } };
FIXTURE_VARIANT_ADD(bdl_bad, offset_unaligned_second) {
	.requested = 8192, .n = 2, .e = { E(0, 1920, 1), E(2112, 1920, 1) } };
FIXTURE_VARIANT_ADD(bdl_bad, length_0) {
	.requested = 8192, .n = 2, .e = { E(0, 0, 0), E(2048, 1920, 1) } };
FIXTURE_VARIANT_ADD(bdl_bad, length_not_frames) {
	.requested = 8192, .n = 2, .e = { E(0, 1922, 1), E(2048, 1920, 1) } };
FIXTURE_VARIANT_ADD(bdl_bad, beyond_end) {
	.requested = 8192, .n = 2, .e = { E(0, 1920, 1), E(6400, 1920, 1) } };
FIXTURE_VARIANT_ADD(bdl_bad, offset_at_end) {
	.requested = 8192, .n = 2, .e = { E(0, 1920, 1), E(8192, 1920, 1) } };
FIXTURE_VARIANT_ADD(bdl_bad, offset_wraps) {
	.requested = 8192, .n = 2,
	.e = { E(0, 1920, 1), E(0xffffffffffffff80ull, 256, 1) } };
FIXTURE_VARIANT_ADD(bdl_bad, ioc_2) {
	.requested = 8192, .n = 2, .e = { E(0, 1920, 2), E(2048, 1920, 1) } };
FIXTURE_VARIANT_ADD(bdl_bad, ioc_max) {
	.requested = 8192, .n = 2, .e = { E(0, 1920, 1), E(2048, 1920, 0xffffffffu) } };
/* 16 bytes = 4 frames = 83 us from one IOC to the next. */
FIXTURE_VARIANT_ADD(bdl_bad, ioc_spacing_short) {
	.requested = 8192, .n = 2, .e = { E(0, 1920, 1), E(2048, 16, 1) } };
/* The short spacing is the one that wraps from the last IOC to the first. */
FIXTURE_VARIANT_ADD(bdl_bad, ioc_spacing_short_wrapping) {
	.requested = 8192, .n = 3, .e = { E(0, 16, 1), E(128, 1920, 0), E(2048, 16, 1) } };
/* One IOC per pass of a 16-byte (83 us) cycle. */
FIXTURE_VARIANT_ADD(bdl_bad, cycle_shorter_than_period) {
	.requested = 8192, .n = 2, .e = { E(0, 8, 1), E(128, 8, 0) } };

FIXTURE_SETUP(bdl_bad)
{
	struct hdaemu_stream_format f = hdaemu_fmt_default();

	self->fd = hdaemu_open();
	if (self->fd < 0 && errno == ENOENT)
		HDAEMU_SETUP_SKIP(HDAEMU_DEV " is absent: hdaemu not loaded");
	ASSERT_LE(0, self->fd) TH_LOG("open " HDAEMU_DEV ": %s", strerror(errno));
	ASSERT_OK(hdaemu_alloc_any(self->fd, &f, &self->a));
}

FIXTURE_TEARDOWN(bdl_bad)
{
	if (self->fd >= 0)
		close(self->fd);
}

TEST_F(bdl_bad, rejected)
{
	struct hdaemu_bdl_entry *e;
	struct hdaemu_buffer_alloc b;
	unsigned int i, n = variant->n > 3 ? variant->n : 3;

	e = calloc(n, sizeof(*e));
	ASSERT_NE(NULL, e);
	for (i = 0; i < n; i++) {
		if (i < 3) {
			e[i] = variant->e[i];
		} else {
			e[i].offset = 0;
			e[i].length = 128;
		}
	}
	EXPECT_ERR(EINVAL, hdaemu_alloc_bdl(self->fd, self->a.handle, variant->requested, e,
					    variant->n, &b));
	EXPECT_FALSE(has_buffer(self->fd, self->a.handle))
		TH_LOG("the rejected BDL left a buffer behind");
	free(e);
}

/* ------------------------------------------------------------------ */
/* mmap(). */

TEST_F(buffers, map_position_page)
{
	const struct hdaemu_position_header *h;
	void *m;

	m = mmap(NULL, HDAEMU_T_PAGE, PROT_READ, MAP_SHARED, self->fd, HDAEMU_MMAP_POSITION_PAGE);
	ASSERT_NE(MAP_FAILED, m) TH_LOG("mmap position page: %s", strerror(errno));
	h = m;
	EXPECT_EQ((__u32)HDAEMU_ABI_VERSION, h->abi_version);
	EXPECT_EQ((__u32)sizeof(struct hdaemu_position_slot), h->slot_bytes);
	EXPECT_EQ(64u, h->slot_bytes);
	EXPECT_EQ(64u, h->slot_offset);
	EXPECT_EQ((__u32)HDAEMU_POSITION_SLOTS, h->num_slots);
	EXPECT_GE(hdaemu_now_ns(), h->wallclock_base_ns)
		TH_LOG("the wall clock's zero lies in the future");
	munmap(m, HDAEMU_T_PAGE);
}

TEST_F(buffers, map_position_page_writable)
{
	EXPECT_MMAP(EPERM, "the position page, writable", self->fd, HDAEMU_T_PAGE,
		    PROT_READ | PROT_WRITE, MAP_SHARED, HDAEMU_MMAP_POSITION_PAGE);
	EXPECT_MMAP(EPERM, "the position page, write-only", self->fd, HDAEMU_T_PAGE,
		    PROT_WRITE, MAP_SHARED, HDAEMU_MMAP_POSITION_PAGE);
	EXPECT_MMAP(0, "the position page, read-only", self->fd, HDAEMU_T_PAGE,
		    PROT_READ, MAP_SHARED, HDAEMU_MMAP_POSITION_PAGE);
}

TEST_F(buffers, read_only_maps_stay_read_only)
{
	struct hdaemu_stream_format f = hdaemu_fmt_default();
	struct hdaemu_engine_alloc c;
	struct hdaemu_buffer_alloc b;
	void *m;

	/* A read-only mapping cannot be made writable later. */
	m = hdaemu_map_position_page(self->fd);
	ASSERT_NE(MAP_FAILED, m);
	EXPECT_ERR(EACCES, mprotect(m, HDAEMU_T_PAGE, PROT_READ | PROT_WRITE));
	munmap(m, HDAEMU_T_PAGE);

	if (self->a.direction == HDAEMU_DIR_CAPTURE)
		c = self->a;
	else if (hdaemu_alloc_engine(self->fd, HDAEMU_DIR_CAPTURE, &f, &c))
		SKIP(return, "no capture engine: %s", hdaemu_errname(errno));
	ASSERT_OK(hdaemu_alloc_buffer(self->fd, c.handle, HDAEMU_BUFFER_PLAIN, 0, 1920, &b));
	m = mmap(NULL, HDAEMU_T_PAGE, PROT_READ, MAP_SHARED, self->fd, b.mmap_offset);
	ASSERT_NE(MAP_FAILED, m);
	EXPECT_ERR(EACCES, mprotect(m, HDAEMU_T_PAGE, PROT_READ | PROT_WRITE));
	munmap(m, HDAEMU_T_PAGE);
}

TEST_F(buffers, map_position_page_length)
{
	EXPECT_MMAP(EINVAL, "two pages at the position page", self->fd, 2 * HDAEMU_T_PAGE,
		    PROT_READ, MAP_SHARED, HDAEMU_MMAP_POSITION_PAGE);
}

TEST_F(buffers, map_render_buffer_shared)
{
	struct hdaemu_buffer_alloc b;
	unsigned char *m1, *m2;
	size_t len, i;
	int bad = 0;

	if (self->a.direction != HDAEMU_DIR_RENDER)
		SKIP(return, "no render engine");
	ASSERT_OK(hdaemu_alloc_buffer(self->fd, self->a.handle, HDAEMU_BUFFER_PLAIN, 0, 19200,
				      &b));
	len = hdaemu_page_round(b.allocated_bytes);
	m1 = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, self->fd, b.mmap_offset);
	ASSERT_NE(MAP_FAILED, m1) TH_LOG("mmap render buffer rw: %s", strerror(errno));
	m2 = mmap(NULL, len, PROT_READ, MAP_SHARED, self->fd, b.mmap_offset);
	ASSERT_NE(MAP_FAILED, m2) TH_LOG("second mmap: %s", strerror(errno));
	for (i = 0; i < b.allocated_bytes; i++)
		m1[i] = (unsigned char)(i * 7 + 1);
	for (i = 0; i < b.allocated_bytes; i++)
		bad += m2[i] != (unsigned char)(i * 7 + 1);
	EXPECT_EQ(0, bad) TH_LOG("%d bytes written through one mapping not seen in the other",
				 bad);
	munmap(m1, len);
	munmap(m2, len);
}

TEST_F(buffers, map_buffer_length)
{
	struct hdaemu_buffer_alloc b;
	size_t len;

	/* 19200 bytes: 5 pages. */
	ASSERT_OK(hdaemu_alloc_buffer(self->fd, self->a.handle, HDAEMU_BUFFER_PLAIN, 0, 19200, &b));
	len = hdaemu_page_round(b.allocated_bytes);
	EXPECT_MMAP(0, "the first page of the buffer", self->fd, HDAEMU_T_PAGE, PROT_READ,
		    MAP_SHARED, b.mmap_offset);
	EXPECT_MMAP(0, "the whole buffer", self->fd, len, PROT_READ, MAP_SHARED,
		    b.mmap_offset);
	EXPECT_MMAP(EINVAL, "the buffer and one page more", self->fd, len + HDAEMU_T_PAGE,
		    PROT_READ, MAP_SHARED, b.mmap_offset);
}

TEST_F(buffers, map_buffer_private)
{
	struct hdaemu_buffer_alloc b;

	ASSERT_OK(hdaemu_alloc_buffer(self->fd, self->a.handle, HDAEMU_BUFFER_PLAIN, 0, 1920, &b));
	EXPECT_MMAP(EINVAL, "the buffer, MAP_PRIVATE", self->fd, HDAEMU_T_PAGE, PROT_READ,
		    MAP_PRIVATE, b.mmap_offset);
}

TEST_F(buffers, map_capture_buffer_read_only)
{
	struct hdaemu_stream_format f = hdaemu_fmt_default();
	struct hdaemu_engine_alloc c;
	struct hdaemu_buffer_alloc b;

	if (self->a.direction == HDAEMU_DIR_CAPTURE)
		c = self->a;
	else if (hdaemu_alloc_engine(self->fd, HDAEMU_DIR_CAPTURE, &f, &c))
		SKIP(return, "no capture engine: %s", hdaemu_errname(errno));
	ASSERT_OK(hdaemu_alloc_buffer(self->fd, c.handle, HDAEMU_BUFFER_PLAIN, 0, 1920, &b));
	EXPECT_MMAP(EPERM, "a capture buffer, writable", self->fd, HDAEMU_T_PAGE,
		    PROT_READ | PROT_WRITE, MAP_SHARED, b.mmap_offset);
	EXPECT_MMAP(0, "a capture buffer, read-only", self->fd, HDAEMU_T_PAGE, PROT_READ,
		    MAP_SHARED, b.mmap_offset);
}

TEST_F(buffers, map_no_buffer)
{
	struct hdaemu_buffer_alloc b;
	unsigned int slot = self->a.position_slot == 31 ? 30 : 31;

	EXPECT_MMAP(EINVAL, "the engine's buffer before it has one", self->fd, HDAEMU_T_PAGE,
		    PROT_READ, MAP_SHARED, HDAEMU_MMAP_BUFFER(self->a.position_slot));
	EXPECT_MMAP(EINVAL, "an unused slot's buffer", self->fd, HDAEMU_T_PAGE, PROT_READ,
		    MAP_SHARED, HDAEMU_MMAP_BUFFER(slot));
	EXPECT_MMAP(EINVAL, "past the last slot", self->fd, HDAEMU_T_PAGE, PROT_READ,
		    MAP_SHARED, HDAEMU_MMAP_BUFFER(HDAEMU_POSITION_SLOTS));
	EXPECT_MMAP(EINVAL, "between the position page and slot 0", self->fd, HDAEMU_T_PAGE,
		    PROT_READ, MAP_SHARED, HDAEMU_T_PAGE);

	ASSERT_OK(hdaemu_alloc_buffer(self->fd, self->a.handle, HDAEMU_BUFFER_PLAIN, 0, 1920, &b));
	ASSERT_OK(hdaemu_free_buffer_of(self->fd, &b));
	EXPECT_MMAP(EINVAL, "a freed buffer", self->fd, HDAEMU_T_PAGE, PROT_READ, MAP_SHARED,
		    b.mmap_offset);
}

TEST_HARNESS_MAIN
