// SPDX-License-Identifier: GPL-2.0
/*
 * DMA engines: HDAEMU_IOC_ALLOC_ENGINE, _FREE_ENGINE and _CHANGE_FORMAT.
 * Directions and the order engines are taken in, stream tags, running out
 * of engines, tags and link bandwidth, and every stream format rule.
 *
 * The module parameters decide how many engines of each kind exist; tests
 * that need more than the current parameters give are skipped.
 */
#include "hdaemu_test.h"

#define MAX_ALLOC	(HDAEMU_MAX_ENGINES + 1)

FIXTURE(engines) {
	int fd;
	struct hdaemu_params p;
	struct hdaemu_info info;
	struct hdaemu_stream_format fmt;	/* 48 kHz, 16-bit, stereo */
	struct hdaemu_stream_format mono;	/* 48 kHz, 16-bit, mono: 1 word */
};

FIXTURE_SETUP(engines)
{
	self->fd = hdaemu_open();
	if (self->fd < 0 && errno == ENOENT)
		HDAEMU_SETUP_SKIP(HDAEMU_DEV " is absent: hdaemu not loaded");
	ASSERT_LE(0, self->fd) TH_LOG("open " HDAEMU_DEV ": %s", strerror(errno));
	ASSERT_OK(hdaemu_params(self->fd, &self->p));
	ASSERT_OK(hdaemu_get_info(self->fd, &self->info));
	self->fmt = hdaemu_fmt_default();
	self->mono = hdaemu_fmt(48000, 16, 1);
}

FIXTURE_TEARDOWN(engines)
{
	/* Closing the file frees whatever a test left. */
	if (self->fd >= 0)
		close(self->fd);
}

/* First engine_index of each kind: inputs, then outputs, then bidirectional. */
static unsigned int first_output(const struct hdaemu_params *p)
{
	return p->num_input;
}

static unsigned int first_bidir(const struct hdaemu_params *p)
{
	return p->num_input + p->num_output;
}

/* Allocate engines of @dir until a call fails; return how many succeeded. */
static unsigned int alloc_until_fail(int fd, __u32 dir, const struct hdaemu_stream_format *f,
				     struct hdaemu_engine_alloc *out, int *err)
{
	unsigned int n;

	for (n = 0; n < MAX_ALLOC; n++) {
		if (hdaemu_alloc_engine(fd, dir, f, &out[n])) {
			*err = errno;
			return n;
		}
	}
	*err = 0;
	return n;
}

/* An allocation with every output field poisoned, the input ones set. */
static void alloc_poisoned(struct hdaemu_engine_alloc *a, __u32 dir,
			   const struct hdaemu_stream_format *f)
{
	memset(a, 0xcc, sizeof(*a));
	a->direction = dir;
	a->flags = 0;
	a->codec_address = 0;
	a->pad = 0;
	a->format = *f;
	memset(a->reserved, 0, sizeof(a->reserved));
}

TEST_F(engines, render_alloc_fields)
{
	struct hdaemu_engine_alloc a;
	struct hdaemu_position pos;
	unsigned int i;

	if (!hdaemu_render_capacity(&self->p))
		SKIP(return, "no render engine (num_output + num_bidir = 0)");
	alloc_poisoned(&a, HDAEMU_DIR_RENDER, &self->fmt);
	ASSERT_OK(ioctl(self->fd, HDAEMU_IOC_ALLOC_ENGINE, &a));
	EXPECT_EQ(0x0011, a.converter_format);
	EXPECT_EQ(1, a.stream_tag);
	EXPECT_GT(HDAEMU_POSITION_SLOTS, a.position_slot);
	if (self->p.num_output) {
		EXPECT_EQ(first_output(&self->p), a.engine_index)
			TH_LOG("the first render engine is the first output engine");
	} else {
		EXPECT_EQ(first_bidir(&self->p), a.engine_index)
			TH_LOG("no output engine: the first bidirectional one");
	}
	for (i = 0; i < ARRAY_SIZE(a.reserved); i++)
		EXPECT_EQ(0u, a.reserved[i]) TH_LOG("reserved[%u]", i);

	/* A new engine is in Reset at position 0. */
	ASSERT_OK(hdaemu_get_position(self->fd, a.handle, &pos));
	EXPECT_EQ((__u32)HDAEMU_STATE_RESET, pos.state);
	EXPECT_EQ(0u, pos.link_position);
	EXPECT_EQ(0u, pos.bytes);
	EXPECT_EQ(0u, pos.ioc_count);
}

TEST_F(engines, capture_alloc_fields)
{
	struct hdaemu_engine_alloc a;
	struct hdaemu_position pos;

	if (!hdaemu_capture_capacity(&self->p))
		SKIP(return, "no capture engine (num_input + num_bidir = 0)");
	alloc_poisoned(&a, HDAEMU_DIR_CAPTURE, &self->fmt);
	ASSERT_OK(ioctl(self->fd, HDAEMU_IOC_ALLOC_ENGINE, &a));
	EXPECT_EQ(0x0011, a.converter_format);
	EXPECT_EQ(1, a.stream_tag) TH_LOG("capture tags count apart from render ones");
	EXPECT_GT(HDAEMU_POSITION_SLOTS, a.position_slot);
	if (self->p.num_input) {
		EXPECT_EQ(0u, a.engine_index)
			TH_LOG("the first capture engine is input engine 0");
	} else {
		EXPECT_EQ(first_bidir(&self->p), a.engine_index)
			TH_LOG("no input engine: the first bidirectional one");
	}
	ASSERT_OK(hdaemu_get_position(self->fd, a.handle, &pos));
	EXPECT_EQ((__u32)HDAEMU_STATE_RESET, pos.state);
	EXPECT_EQ(0u, pos.bytes);
}

TEST_F(engines, render_takes_outputs_then_bidir)
{
	struct hdaemu_engine_alloc a[MAX_ALLOC];
	unsigned int n = hdaemu_render_capacity(&self->p), i, j;
	unsigned int lo, hi;

	if (!n)
		SKIP(return, "no render engine");
	for (i = 0; i < n; i++) {
		ASSERT_OK(hdaemu_alloc_engine(self->fd, HDAEMU_DIR_RENDER, &self->mono, &a[i]));
		if (i < self->p.num_output) {
			lo = first_output(&self->p);
			hi = lo + self->p.num_output;
		} else {
			lo = first_bidir(&self->p);
			hi = lo + self->p.num_bidir;
		}
		EXPECT_LE(lo, a[i].engine_index)
			TH_LOG("render engine #%u: index %u, expected in [%u, %u)", i,
			       a[i].engine_index, lo, hi);
		EXPECT_GT(hi, a[i].engine_index)
			TH_LOG("render engine #%u: index %u, expected in [%u, %u)", i,
			       a[i].engine_index, lo, hi);
		EXPECT_EQ(i + 1, a[i].stream_tag) TH_LOG("lowest free tag");
		for (j = 0; j < i; j++) {
			EXPECT_NE(a[j].engine_index, a[i].engine_index);
			EXPECT_NE(a[j].position_slot, a[i].position_slot);
			EXPECT_NE(a[j].handle, a[i].handle);
		}
	}
}

TEST_F(engines, capture_takes_inputs_then_bidir)
{
	struct hdaemu_engine_alloc a[MAX_ALLOC];
	unsigned int n = hdaemu_capture_capacity(&self->p), i, j;
	unsigned int lo, hi;

	if (!n)
		SKIP(return, "no capture engine");
	for (i = 0; i < n; i++) {
		ASSERT_OK(hdaemu_alloc_engine(self->fd, HDAEMU_DIR_CAPTURE, &self->mono, &a[i]));
		if (i < self->p.num_input) {
			lo = 0;
			hi = self->p.num_input;
		} else {
			lo = first_bidir(&self->p);
			hi = lo + self->p.num_bidir;
		}
		EXPECT_LE(lo, a[i].engine_index)
			TH_LOG("capture engine #%u: index %u, expected in [%u, %u)", i,
			       a[i].engine_index, lo, hi);
		EXPECT_GT(hi, a[i].engine_index)
			TH_LOG("capture engine #%u: index %u, expected in [%u, %u)", i,
			       a[i].engine_index, lo, hi);
		EXPECT_EQ(i + 1, a[i].stream_tag) TH_LOG("lowest free tag");
		for (j = 0; j < i; j++) {
			EXPECT_NE(a[j].engine_index, a[i].engine_index);
			EXPECT_NE(a[j].position_slot, a[i].position_slot);
			EXPECT_NE(a[j].handle, a[i].handle);
		}
	}
}

TEST_F(engines, engines_exhausted)
{
	struct hdaemu_engine_alloc r[MAX_ALLOC], c[MAX_ALLOC], again;
	unsigned int nr, nc, want_r, want_c, used_bidir, i, j;
	int err;

	want_r = hdaemu_render_capacity(&self->p);
	used_bidir = want_r > self->p.num_output ? want_r - self->p.num_output : 0;
	want_c = hdaemu_min(self->p.num_input + self->p.num_bidir - used_bidir,
			    HDAEMU_MAX_STREAM_TAG);

	nr = alloc_until_fail(self->fd, HDAEMU_DIR_RENDER, &self->mono, r, &err);
	EXPECT_EQ(want_r, nr) TH_LOG("render engines for %u/%u/%u", self->p.num_output,
				     self->p.num_input, self->p.num_bidir);
	EXPECT_EQ(ENOSPC, err) TH_LOG("render alloc #%u: %s, expected ENOSPC", nr + 1,
				      hdaemu_errname(err));
	nc = alloc_until_fail(self->fd, HDAEMU_DIR_CAPTURE, &self->mono, c, &err);
	EXPECT_EQ(want_c, nc) TH_LOG("capture engines left after %u render ones", nr);
	EXPECT_EQ(ENOSPC, err) TH_LOG("capture alloc #%u: %s, expected ENOSPC", nc + 1,
				      hdaemu_errname(err));

	/* Every engine and position slot is used once. */
	for (i = 0; i < nc; i++) {
		EXPECT_GT(self->p.num_input + self->p.num_output + self->p.num_bidir,
			  c[i].engine_index);
		for (j = 0; j < nr; j++) {
			EXPECT_NE(r[j].engine_index, c[i].engine_index);
			EXPECT_NE(r[j].position_slot, c[i].position_slot);
			EXPECT_NE(r[j].handle, c[i].handle);
		}
	}

	/* A freed engine can be had again, with its tag. */
	if (nr) {
		ASSERT_OK(hdaemu_free_engine(self->fd, r[0].handle));
		ASSERT_OK(hdaemu_alloc_engine(self->fd, HDAEMU_DIR_RENDER, &self->mono, &again));
		EXPECT_EQ(r[0].stream_tag, again.stream_tag);
		EXPECT_ERR(ENOSPC, hdaemu_alloc_engine(self->fd, HDAEMU_DIR_RENDER,
						       &self->mono, &again));
	}
	if (nc) {
		ASSERT_OK(hdaemu_free_engine(self->fd, c[nc - 1].handle));
		ASSERT_OK(hdaemu_alloc_engine(self->fd, HDAEMU_DIR_CAPTURE, &self->mono, &again));
		EXPECT_EQ(c[nc - 1].stream_tag, again.stream_tag);
	}
}

TEST_F(engines, tags_lowest_free_reused)
{
	struct hdaemu_engine_alloc a[3], b, cap;
	unsigned int i, used_bidir;

	if (hdaemu_render_capacity(&self->p) < 3)
		SKIP(return, "needs 3 render engines, num_output + num_bidir = %u",
		     self->p.num_output + self->p.num_bidir);
	for (i = 0; i < 3; i++) {
		ASSERT_OK(hdaemu_alloc_engine(self->fd, HDAEMU_DIR_RENDER, &self->mono, &a[i]));
		EXPECT_EQ(i + 1, a[i].stream_tag);
	}
	ASSERT_OK(hdaemu_free_engine(self->fd, a[1].handle));
	ASSERT_OK(hdaemu_alloc_engine(self->fd, HDAEMU_DIR_RENDER, &self->mono, &b));
	EXPECT_EQ(2, b.stream_tag) TH_LOG("the freed tag 2 is the lowest free one");
	ASSERT_OK(hdaemu_free_engine(self->fd, a[0].handle));
	ASSERT_OK(hdaemu_alloc_engine(self->fd, HDAEMU_DIR_RENDER, &self->mono, &b));
	EXPECT_EQ(1, b.stream_tag);

	/* Capture tags are a separate set. */
	used_bidir = self->p.num_output < 3 ? 3 - self->p.num_output : 0;
	if (self->p.num_input + self->p.num_bidir <= used_bidir)
		return;
	ASSERT_OK(hdaemu_alloc_engine(self->fd, HDAEMU_DIR_CAPTURE, &self->mono, &cap));
	EXPECT_EQ(1, cap.stream_tag);
}

TEST_F(engines, render_tags_exhausted)
{
	struct hdaemu_engine_alloc a[HDAEMU_MAX_STREAM_TAG], b;
	unsigned int i;

	if (self->p.num_output + self->p.num_bidir <= HDAEMU_MAX_STREAM_TAG)
		SKIP(return, "needs num_output + num_bidir >= 16, have %u",
		     self->p.num_output + self->p.num_bidir);
	for (i = 0; i < HDAEMU_MAX_STREAM_TAG; i++) {
		ASSERT_OK(hdaemu_alloc_engine(self->fd, HDAEMU_DIR_RENDER, &self->mono, &a[i]));
		EXPECT_EQ(i + 1, a[i].stream_tag);
	}
	/* Engines remain but tags 1..15 are all taken. */
	EXPECT_ERR(ENOSPC, hdaemu_alloc_engine(self->fd, HDAEMU_DIR_RENDER, &self->mono, &b));
	/* The free engine is really there: a capture stream gets it or an input. */
	EXPECT_OK(hdaemu_alloc_engine(self->fd, HDAEMU_DIR_CAPTURE, &self->mono, &b));
	ASSERT_OK(hdaemu_free_engine(self->fd, a[6].handle));
	ASSERT_OK(hdaemu_alloc_engine(self->fd, HDAEMU_DIR_RENDER, &self->mono, &b));
	EXPECT_EQ(7, b.stream_tag);
}

TEST_F(engines, capture_tags_exhausted)
{
	struct hdaemu_engine_alloc a[HDAEMU_MAX_STREAM_TAG], b;
	unsigned int i;

	if (self->p.num_input + self->p.num_bidir <= HDAEMU_MAX_STREAM_TAG)
		SKIP(return, "needs num_input + num_bidir >= 16, have %u",
		     self->p.num_input + self->p.num_bidir);
	for (i = 0; i < HDAEMU_MAX_STREAM_TAG; i++) {
		ASSERT_OK(hdaemu_alloc_engine(self->fd, HDAEMU_DIR_CAPTURE, &self->mono, &a[i]));
		EXPECT_EQ(i + 1, a[i].stream_tag);
	}
	EXPECT_ERR(ENOSPC, hdaemu_alloc_engine(self->fd, HDAEMU_DIR_CAPTURE, &self->mono, &b));
	EXPECT_OK(hdaemu_alloc_engine(self->fd, HDAEMU_DIR_RENDER, &self->mono, &b));
	ASSERT_OK(hdaemu_free_engine(self->fd, a[14].handle));
	ASSERT_OK(hdaemu_alloc_engine(self->fd, HDAEMU_DIR_CAPTURE, &self->mono, &b));
	EXPECT_EQ(15, b.stream_tag);
}

TEST_F(engines, render_bandwidth)
{
	struct hdaemu_stream_format big = hdaemu_fmt(192000, 32, 8);	/* 64 words */
	struct hdaemu_stream_format full = hdaemu_fmt(192000, 16, 15);	/* 60 words */
	struct hdaemu_stream_format tiny = hdaemu_fmt(8000, 8, 1);	/* 1 word */
	struct hdaemu_engine_alloc a, b;

	ASSERT_EQ(64u, hdaemu_stream_words(&big));
	ASSERT_EQ(60u, hdaemu_stream_words(&full));
	ASSERT_EQ(1u, hdaemu_stream_words(&tiny));
	if (hdaemu_render_capacity(&self->p) < 2)
		SKIP(return, "needs 2 render engines");

	EXPECT_ERR(ENOSPC, hdaemu_alloc_engine(self->fd, HDAEMU_DIR_RENDER, &big, &a));
	/* OUTPAY is 60 words: one stream may take all of it... */
	ASSERT_OK(hdaemu_alloc_engine(self->fd, HDAEMU_DIR_RENDER, &full, &a));
	EXPECT_EQ(1, a.stream_tag) TH_LOG("the failed allocation kept a tag");
	/* ...and then not a word is left. */
	EXPECT_ERR(ENOSPC, hdaemu_alloc_engine(self->fd, HDAEMU_DIR_RENDER, &tiny, &b));
	/* Freeing the engine returns its bandwidth. */
	ASSERT_OK(hdaemu_free_engine(self->fd, a.handle));
	ASSERT_OK(hdaemu_alloc_engine(self->fd, HDAEMU_DIR_RENDER, &tiny, &b));
	EXPECT_EQ(1, b.stream_tag);
	EXPECT_ERR(ENOSPC, hdaemu_alloc_engine(self->fd, HDAEMU_DIR_RENDER, &full, &a));
}

TEST_F(engines, capture_bandwidth)
{
	struct hdaemu_stream_format big = hdaemu_fmt(192000, 32, 4);	/* 32 words */
	struct hdaemu_stream_format most = hdaemu_fmt(192000, 16, 7);	/* 28 words */
	struct hdaemu_engine_alloc a, b, c;

	ASSERT_EQ(32u, hdaemu_stream_words(&big));
	ASSERT_EQ(28u, hdaemu_stream_words(&most));
	if (hdaemu_capture_capacity(&self->p) < 3)
		SKIP(return, "needs 3 capture engines");

	EXPECT_ERR(ENOSPC, hdaemu_alloc_engine(self->fd, HDAEMU_DIR_CAPTURE, &big, &a));
	/* INPAY is 29 words per SDI line. */
	ASSERT_OK(hdaemu_alloc_engine(self->fd, HDAEMU_DIR_CAPTURE, &most, &a));
	ASSERT_OK(hdaemu_alloc_engine(self->fd, HDAEMU_DIR_CAPTURE, &self->mono, &b));
	EXPECT_ERR(ENOSPC, hdaemu_alloc_engine(self->fd, HDAEMU_DIR_CAPTURE, &self->mono, &c));
	ASSERT_OK(hdaemu_free_engine(self->fd, b.handle));
	EXPECT_OK(hdaemu_alloc_engine(self->fd, HDAEMU_DIR_CAPTURE, &self->mono, &c));
	EXPECT_EQ(b.stream_tag, c.stream_tag);
}

TEST_F(engines, render_and_capture_budgets_apart)
{
	struct hdaemu_stream_format full = hdaemu_fmt(192000, 16, 15);	/* 60 words */
	struct hdaemu_stream_format most = hdaemu_fmt(192000, 16, 7);	/* 28 words */
	struct hdaemu_engine_alloc a, b;

	if (!hdaemu_render_capacity(&self->p) ||
	    self->p.num_input + self->p.num_bidir < 1 + (self->p.num_output ? 0 : 1))
		SKIP(return, "needs a render and a capture engine");
	/* OUTPAY and INPAY are separate budgets: both nearly full at once. */
	ASSERT_OK(hdaemu_alloc_engine(self->fd, HDAEMU_DIR_RENDER, &full, &a));
	EXPECT_OK(hdaemu_alloc_engine(self->fd, HDAEMU_DIR_CAPTURE, &most, &b));
}

TEST_F(engines, bad_direction)
{
	static const __u32 bad[] = { 2, 3, 0x80000000u, 0xffffffffu };
	struct hdaemu_engine_alloc a;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++)
		EXPECT_ERR_MSG(EINVAL, hdaemu_alloc_engine(self->fd, bad[i], &self->fmt, &a),
			       "direction %u", bad[i]);
}

TEST_F(engines, flags_nonzero)
{
	struct hdaemu_engine_alloc a;
	unsigned int bit;

	for (bit = 0; bit < 32; bit++) {
		memset(&a, 0, sizeof(a));
		a.direction = HDAEMU_DIR_RENDER;
		a.flags = 1u << bit;
		a.format = self->fmt;
		EXPECT_ERR_MSG(EINVAL, ioctl(self->fd, HDAEMU_IOC_ALLOC_ENGINE, &a),
			       "flags 0x%x (striping included)", 1u << bit);
	}
}

TEST_F(engines, pad_nonzero)
{
	struct hdaemu_engine_alloc a;

	memset(&a, 0, sizeof(a));
	a.direction = HDAEMU_DIR_RENDER;
	a.pad = 1;
	a.format = self->fmt;
	EXPECT_ERR(EINVAL, ioctl(self->fd, HDAEMU_IOC_ALLOC_ENGINE, &a));
}

TEST_F(engines, reserved_nonzero)
{
	struct hdaemu_engine_alloc a;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(a.reserved); i++) {
		memset(&a, 0, sizeof(a));
		a.direction = HDAEMU_DIR_RENDER;
		a.format = self->fmt;
		a.reserved[i] = 1;
		EXPECT_ERR_MSG(EINVAL, ioctl(self->fd, HDAEMU_IOC_ALLOC_ENGINE, &a),
			       "reserved[%u] = 1", i);
	}
}

TEST_F(engines, render_codec_address_nonzero)
{
	static const __u32 bad[] = { 1, 2, 15, 16, 0xffffffffu };
	struct hdaemu_engine_alloc a;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++)
		EXPECT_ERR_MSG(EINVAL, hdaemu_alloc_engine_at(self->fd, HDAEMU_DIR_RENDER,
							      bad[i], &self->fmt, &a),
			       "render with codec_address %u", bad[i]);
}

TEST_F(engines, capture_codec_absent)
{
	struct hdaemu_engine_alloc a;
	__u32 addr;

	ASSERT_EQ(hdaemu_codec_mask_param(), self->info.codec_mask);
	for (addr = 0; addr < 16; addr++)
		if (!(self->info.codec_mask & (1u << addr)))
			EXPECT_ERR_MSG(EINVAL, hdaemu_alloc_engine_at(self->fd, HDAEMU_DIR_CAPTURE,
							      addr, &self->fmt, &a),
			       "capture from absent codec %u", addr);
	EXPECT_ERR(EINVAL, hdaemu_alloc_engine_at(self->fd, HDAEMU_DIR_CAPTURE, 16,
						  &self->fmt, &a));
	EXPECT_ERR(EINVAL, hdaemu_alloc_engine_at(self->fd, HDAEMU_DIR_CAPTURE, 0xffffffffu,
						  &self->fmt, &a));
}

TEST_F(engines, failed_allocs_leave_nothing)
{
	struct hdaemu_stream_format big = hdaemu_fmt(192000, 32, 8);
	struct hdaemu_stream_format bad = hdaemu_fmt(47999, 16, 2);
	struct hdaemu_engine_alloc a;
	unsigned int i;

	if (!hdaemu_render_capacity(&self->p))
		SKIP(return, "no render engine");
	/* Many failures of each kind, then the whole capacity is still there. */
	for (i = 0; i < 2 * HDAEMU_MAX_ENGINES; i++) {
		EXPECT_ERR(EINVAL, hdaemu_alloc_engine(self->fd, HDAEMU_DIR_RENDER, &bad, &a));
		EXPECT_ERR(ENOSPC, hdaemu_alloc_engine(self->fd, HDAEMU_DIR_RENDER, &big, &a));
		EXPECT_ERR(EINVAL, hdaemu_alloc_engine_at(self->fd, HDAEMU_DIR_RENDER, 1,
							  &self->fmt, &a));
	}
	for (i = 0; i < hdaemu_render_capacity(&self->p); i++) {
		ASSERT_OK(hdaemu_alloc_engine(self->fd, HDAEMU_DIR_RENDER, &self->mono, &a));
		EXPECT_EQ(i + 1, a.stream_tag);
	}
}

TEST_F(engines, free_engine)
{
	struct hdaemu_engine_alloc a, b;
	struct hdaemu_engine_format ef;
	struct hdaemu_buffer_alloc buf;
	struct hdaemu_position pos;
	int efd;

	ASSERT_OK(hdaemu_alloc_any(self->fd, &self->fmt, &a));
	ASSERT_OK(hdaemu_free_engine(self->fd, a.handle));

	/* The handle is gone for every call that takes one. */
	EXPECT_ERR(ENOENT, hdaemu_get_position(self->fd, a.handle, &pos));
	EXPECT_ERR(ENOENT, hdaemu_free_engine(self->fd, a.handle));
	EXPECT_ERR(ENOENT, hdaemu_change_format(self->fd, a.handle, &self->fmt, &ef));
	EXPECT_ERR(ENOENT, hdaemu_alloc_buffer(self->fd, a.handle, HDAEMU_BUFFER_PLAIN, 0,
					       4096, &buf));
	EXPECT_ERR(ENOENT, hdaemu_free_buffer(self->fd, a.handle, HDAEMU_BUFFER_PLAIN, 0));
	EXPECT_ERR(ENOENT, hdaemu_set_state1(self->fd, HDAEMU_STATE_RESET, a.handle, NULL));
	efd = hdaemu_eventfd();
	ASSERT_LE(0, efd);
	EXPECT_ERR(ENOENT, hdaemu_register(self->fd, a.handle, efd));
	EXPECT_ERR(ENOENT, hdaemu_unregister(self->fd, a.handle, efd));
	close(efd);

	/* Its tag is free again. */
	ASSERT_OK(hdaemu_alloc_engine(self->fd, a.direction, &self->fmt, &b));
	EXPECT_EQ(a.stream_tag, b.stream_tag);
}

TEST_F(engines, free_engine_errors)
{
	struct hdaemu_engine_alloc a;
	struct hdaemu_buffer_alloc buf;
	struct hdaemu_engine_ref ref;

	ASSERT_OK(hdaemu_alloc_any(self->fd, &self->fmt, &a));
	EXPECT_ERR(ENOENT, hdaemu_free_engine(self->fd, HDAEMU_BAD_HANDLE));

	ref.handle = a.handle;
	ref.flags = 1;
	EXPECT_ERR(EINVAL, ioctl(self->fd, HDAEMU_IOC_FREE_ENGINE, &ref));
	ref.flags = 0x80000000u;
	EXPECT_ERR(EINVAL, ioctl(self->fd, HDAEMU_IOC_FREE_ENGINE, &ref));

	ASSERT_OK(hdaemu_alloc_buffer(self->fd, a.handle, HDAEMU_BUFFER_PLAIN, 0, 1920, &buf));
	EXPECT_ERR(EBUSY, hdaemu_free_engine(self->fd, a.handle));

	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_STOP, a.handle, NULL));
	EXPECT_ERR(EBADFD, hdaemu_free_engine(self->fd, a.handle));
	EXPECT_EQ(HDAEMU_STATE_STOP, hdaemu_state_of(self->fd, a.handle));

	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_RUN, a.handle, NULL));
	EXPECT_ERR(EBADFD, hdaemu_free_engine(self->fd, a.handle));
	EXPECT_EQ(HDAEMU_STATE_RUN, hdaemu_state_of(self->fd, a.handle));

	/* After all that, the normal way still works. */
	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_STOP, a.handle, NULL));
	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_RESET, a.handle, NULL));
	ASSERT_OK(hdaemu_free_buffer_of(self->fd, &buf));
	EXPECT_OK(hdaemu_free_engine(self->fd, a.handle));
}

TEST_F(engines, change_format)
{
	struct hdaemu_stream_format f;
	struct hdaemu_engine_alloc a;
	struct hdaemu_engine_format ef;
	unsigned int i;

	ASSERT_OK(hdaemu_alloc_any(self->fd, &self->fmt, &a));
	memset(&ef, 0, sizeof(ef));
	ef.handle = a.handle;
	ef.format = hdaemu_fmt(44100, 16, 2);
	ef.converter_format = 0xcccc;
	ASSERT_OK(ioctl(self->fd, HDAEMU_IOC_CHANGE_FORMAT, &ef));
	EXPECT_EQ(0x4011, ef.converter_format);
	EXPECT_EQ(0, ef.pad);
	for (i = 0; i < ARRAY_SIZE(ef.reserved); i++)
		EXPECT_EQ(0u, ef.reserved[i]);

	f = hdaemu_fmt(96000, 24, 2);
	ASSERT_OK(hdaemu_change_format(self->fd, a.handle, &f, &ef));
	EXPECT_EQ(0x0831, ef.converter_format);
	/* The same format again is fine. */
	ASSERT_OK(hdaemu_change_format(self->fd, a.handle, &f, &ef));
	EXPECT_EQ(0x0831, ef.converter_format);
	/* The engine stays where it was: Reset, same tag. */
	EXPECT_EQ(HDAEMU_STATE_RESET, hdaemu_state_of(self->fd, a.handle));
}

TEST_F(engines, change_format_new_geometry)
{
	struct hdaemu_stream_format six = hdaemu_fmt(48000, 16, 6);	/* 12-byte frames */
	struct hdaemu_engine_alloc a;
	struct hdaemu_engine_format ef;
	struct hdaemu_buffer_alloc buf;

	ASSERT_OK(hdaemu_alloc_any(self->fd, &self->fmt, &a));
	ASSERT_OK(hdaemu_change_format(self->fd, a.handle, &six, &ef));
	EXPECT_EQ(0x0015, ef.converter_format);
	/* Buffers are now sized for 12-byte frames: units of lcm(12, 128) = 384. */
	ASSERT_OK(hdaemu_alloc_buffer(self->fd, a.handle, HDAEMU_BUFFER_PLAIN, 0, 1000, &buf));
	EXPECT_EQ(768u, buf.allocated_bytes);
}

TEST_F(engines, change_format_errors)
{
	struct hdaemu_engine_alloc a;
	struct hdaemu_engine_format ef;
	struct hdaemu_buffer_alloc buf;
	unsigned int i;

	ASSERT_OK(hdaemu_alloc_any(self->fd, &self->fmt, &a));
	EXPECT_ERR(ENOENT, hdaemu_change_format(self->fd, HDAEMU_BAD_HANDLE, &self->fmt, &ef));

	memset(&ef, 0, sizeof(ef));
	ef.handle = a.handle;
	ef.format = self->fmt;
	ef.flags = 1;
	EXPECT_ERR(EINVAL, ioctl(self->fd, HDAEMU_IOC_CHANGE_FORMAT, &ef));
	ef.flags = 0;
	ef.pad = 1;
	EXPECT_ERR(EINVAL, ioctl(self->fd, HDAEMU_IOC_CHANGE_FORMAT, &ef));
	for (i = 0; i < ARRAY_SIZE(ef.reserved); i++) {
		memset(&ef, 0, sizeof(ef));
		ef.handle = a.handle;
		ef.format = self->fmt;
		ef.reserved[i] = 1;
		EXPECT_ERR_MSG(EINVAL, ioctl(self->fd, HDAEMU_IOC_CHANGE_FORMAT, &ef),
			       "reserved[%u] = 1", i);
	}

	/* In Reset with a buffer. */
	ASSERT_OK(hdaemu_alloc_buffer(self->fd, a.handle, HDAEMU_BUFFER_PLAIN, 0, 1920, &buf));
	EXPECT_ERR(EBUSY, hdaemu_change_format(self->fd, a.handle, &self->mono, &ef));
	/* Stopped, then running. */
	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_STOP, a.handle, NULL));
	EXPECT_ERR(EBADFD, hdaemu_change_format(self->fd, a.handle, &self->mono, &ef));
	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_RUN, a.handle, NULL));
	EXPECT_ERR(EBADFD, hdaemu_change_format(self->fd, a.handle, &self->mono, &ef));
	EXPECT_EQ(HDAEMU_STATE_RUN, hdaemu_state_of(self->fd, a.handle));

	/* Back to Reset without a buffer: allowed again. */
	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_STOP, a.handle, NULL));
	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_RESET, a.handle, NULL));
	ASSERT_OK(hdaemu_free_buffer_of(self->fd, &buf));
	EXPECT_OK(hdaemu_change_format(self->fd, a.handle, &self->mono, &ef));
	EXPECT_EQ(0x0010, ef.converter_format);
}

TEST_F(engines, change_format_bandwidth)
{
	struct hdaemu_stream_format rest = hdaemu_fmt(192000, 16, 14);	/* 56 words */
	struct hdaemu_stream_format six = hdaemu_fmt(48000, 16, 6);	/* 6 words */
	struct hdaemu_stream_format four = hdaemu_fmt(48000, 16, 4);	/* 4 words */
	struct hdaemu_engine_alloc a, b;
	struct hdaemu_engine_format ef;
	struct hdaemu_buffer_alloc buf;

	ASSERT_EQ(56u, hdaemu_stream_words(&rest));
	if (hdaemu_render_capacity(&self->p) < 2)
		SKIP(return, "needs 2 render engines");
	ASSERT_OK(hdaemu_alloc_engine(self->fd, HDAEMU_DIR_RENDER, &self->fmt, &a)); /* 2 */
	ASSERT_OK(hdaemu_alloc_engine(self->fd, HDAEMU_DIR_RENDER, &rest, &b));
	/* 56 + 6 > 60. */
	EXPECT_ERR(ENOSPC, hdaemu_change_format(self->fd, a.handle, &six, &ef));
	/* The old format stays: 4-byte frames give 896 bytes for 1000, not 768. */
	ASSERT_OK(hdaemu_alloc_buffer(self->fd, a.handle, HDAEMU_BUFFER_PLAIN, 0, 1000, &buf));
	EXPECT_EQ(896u, buf.allocated_bytes) TH_LOG("the failed change altered the format");
	ASSERT_OK(hdaemu_free_buffer_of(self->fd, &buf));
	/* 56 + 4 = 60 fits: the engine's own old 2 words are given back first. */
	EXPECT_OK(hdaemu_change_format(self->fd, a.handle, &four, &ef));
	EXPECT_EQ(0x0013, ef.converter_format);
}

/* ------------------------------------------------------------------ */
/* Valid formats and their converter format words. */

FIXTURE(valid_format) {
	int fd;
};

FIXTURE_VARIANT(valid_format) {
	__u32 rate;
	__u16 bits;
	__u16 channels;
	__u16 word;
};

#define VALID(_name, _rate, _bits, _ch, _word)				\
	FIXTURE_VARIANT_ADD(valid_format, _name) {			\
		.rate = _rate, .bits = _bits, .channels = _ch, .word = _word, \
	}

VALID(r48000_16_2, 48000, 16, 2, 0x0011);
VALID(r44100_16_2, 44100, 16, 2, 0x4011);
VALID(r96000_24_2, 96000, 24, 2, 0x0831);
VALID(r192000_24_2, 192000, 24, 2, 0x1831);
VALID(r8000_16_1, 8000, 16, 1, 0x0510);
VALID(r32000_16_2, 32000, 16, 2, 0x0A11);
VALID(r11025_16_2, 11025, 16, 2, 0x4311);
VALID(r48000_8_1, 48000, 8, 1, 0x0000);
VALID(r48000_20_2, 48000, 20, 2, 0x0021);
VALID(r48000_32_2, 48000, 32, 2, 0x0041);
VALID(r48000_16_16, 48000, 16, 16, 0x001F);
VALID(r6000_8_1, 6000, 8, 1, 0x0700);
VALID(r12000_16_1, 12000, 16, 1, 0x0310);
VALID(r16000_16_1, 16000, 16, 1, 0x0210);
VALID(r24000_20_1, 24000, 20, 1, 0x0120);
VALID(r64000_32_2, 64000, 32, 2, 0x1A41);
VALID(r72000_16_2, 72000, 16, 2, 0x1111);
VALID(r144000_16_2, 144000, 16, 2, 0x1011);
VALID(r6300_16_2, 6300, 16, 2, 0x4611);
VALID(r7350_16_2, 7350, 16, 2, 0x4511);
VALID(r14700_16_2, 14700, 16, 2, 0x4211);
VALID(r22050_16_2, 22050, 16, 2, 0x4111);
VALID(r29400_16_2, 29400, 16, 2, 0x4A11);
VALID(r33075_16_2, 33075, 16, 2, 0x5311);
VALID(r44100_24_2, 44100, 24, 2, 0x4031);
VALID(r88200_16_2, 88200, 16, 2, 0x4811);
VALID(r132300_16_2, 132300, 16, 2, 0x5011);
VALID(r176400_16_2, 176400, 16, 2, 0x5811);

FIXTURE_SETUP(valid_format)
{
	self->fd = hdaemu_open();
	if (self->fd < 0 && errno == ENOENT)
		HDAEMU_SETUP_SKIP(HDAEMU_DEV " is absent: hdaemu not loaded");
	ASSERT_LE(0, self->fd) TH_LOG("open " HDAEMU_DEV ": %s", strerror(errno));
}

FIXTURE_TEARDOWN(valid_format)
{
	if (self->fd >= 0)
		close(self->fd);
}

TEST_F(valid_format, alloc_engine)
{
	struct hdaemu_stream_format f = hdaemu_fmt(variant->rate, variant->bits,
						   variant->channels);
	struct hdaemu_engine_alloc a;

	/* The table agrees with the encoding rule, and fits both budgets. */
	ASSERT_EQ(variant->word, hdaemu_converter_format(variant->rate, variant->bits,
							 variant->channels));
	ASSERT_GE(HDAEMU_T_INPAY, hdaemu_stream_words(&f));

	ASSERT_OK(hdaemu_alloc_any(self->fd, &f, &a));
	EXPECT_EQ(variant->word, a.converter_format)
		TH_LOG("%u Hz, %u bits, %u ch: word 0x%04x, expected 0x%04x",
		       variant->rate, variant->bits, variant->channels,
		       a.converter_format, variant->word);
}

TEST_F(valid_format, change_format)
{
	struct hdaemu_stream_format f = hdaemu_fmt(variant->rate, variant->bits,
						   variant->channels);
	struct hdaemu_stream_format mono = hdaemu_fmt(48000, 16, 1);
	struct hdaemu_engine_alloc a;
	struct hdaemu_engine_format ef;

	ASSERT_OK(hdaemu_alloc_any(self->fd, &mono, &a));
	ASSERT_OK(hdaemu_change_format(self->fd, a.handle, &f, &ef));
	EXPECT_EQ(variant->word, ef.converter_format)
		TH_LOG("%u Hz, %u bits, %u ch: word 0x%04x, expected 0x%04x",
		       variant->rate, variant->bits, variant->channels,
		       ef.converter_format, variant->word);
}

/* ------------------------------------------------------------------ */
/* Formats the controller cannot carry: each one -EINVAL. */

FIXTURE(bad_format) {
	int fd;
};

FIXTURE_VARIANT(bad_format) {
	struct hdaemu_stream_format f;
};

#define BAD(_name, _rate, _valid, _container, _ch, _pad, _res)	\
	FIXTURE_VARIANT_ADD(bad_format, _name) {			\
		.f = { .sample_rate = _rate, .valid_bits = _valid,	\
		       .container_bits = _container, .channels = _ch,	\
		       .pad = _pad, .reserved = _res },			\
	}

BAD(rate_0, 0, 16, 16, 2, 0, 0);
BAD(rate_5512, 5512, 16, 16, 2, 0, 0);		/* 44100 / 8 is not whole */
BAD(rate_5999, 5999, 16, 16, 2, 0, 0);
BAD(rate_6857, 6857, 16, 16, 2, 0, 0);		/* 48000 / 7 is not whole */
BAD(rate_40000, 40000, 16, 16, 2, 0, 0);	/* 48000 * 5 / 6 */
BAD(rate_47999, 47999, 16, 16, 2, 0, 0);
BAD(rate_48001, 48001, 16, 16, 2, 0, 0);
BAD(rate_200000, 200000, 16, 16, 2, 0, 0);
BAD(rate_384000, 384000, 16, 16, 2, 0, 0);
BAD(rate_max, 0xffffffffu, 16, 16, 2, 0, 0);
BAD(valid_0, 48000, 0, 16, 2, 0, 0);
BAD(valid_12, 48000, 12, 16, 2, 0, 0);
BAD(valid_64, 48000, 64, 32, 2, 0, 0);
BAD(valid_8_in_16, 48000, 8, 16, 2, 0, 0);
BAD(valid_16_in_8, 48000, 16, 8, 2, 0, 0);
BAD(valid_16_in_32, 48000, 16, 32, 2, 0, 0);
BAD(valid_20_in_20, 48000, 20, 20, 2, 0, 0);
BAD(valid_20_in_24, 48000, 20, 24, 2, 0, 0);
BAD(valid_24_in_24, 48000, 24, 24, 2, 0, 0);
BAD(valid_32_in_16, 48000, 32, 16, 2, 0, 0);
BAD(container_0, 48000, 16, 0, 2, 0, 0);
BAD(channels_0, 48000, 16, 16, 0, 0, 0);
BAD(channels_17, 48000, 16, 16, 17, 0, 0);
BAD(channels_max, 48000, 16, 16, 0xffff, 0, 0);
BAD(pad_1, 48000, 16, 16, 2, 1, 0);
BAD(pad_8000, 48000, 16, 16, 2, 0x8000, 0);
BAD(reserved_1, 48000, 16, 16, 2, 0, 1);
BAD(reserved_top, 48000, 16, 16, 2, 0, 0x80000000u);

FIXTURE_SETUP(bad_format)
{
	self->fd = hdaemu_open();
	if (self->fd < 0 && errno == ENOENT)
		HDAEMU_SETUP_SKIP(HDAEMU_DEV " is absent: hdaemu not loaded");
	ASSERT_LE(0, self->fd) TH_LOG("open " HDAEMU_DEV ": %s", strerror(errno));
}

FIXTURE_TEARDOWN(bad_format)
{
	if (self->fd >= 0)
		close(self->fd);
}

TEST_F(bad_format, alloc_render)
{
	struct hdaemu_engine_alloc a;

	EXPECT_ERR(EINVAL, hdaemu_alloc_engine(self->fd, HDAEMU_DIR_RENDER, &variant->f, &a));
}

TEST_F(bad_format, alloc_capture)
{
	struct hdaemu_engine_alloc a;

	EXPECT_ERR(EINVAL, hdaemu_alloc_engine(self->fd, HDAEMU_DIR_CAPTURE, &variant->f, &a));
}

TEST_F(bad_format, change_format)
{
	struct hdaemu_stream_format mono = hdaemu_fmt(48000, 16, 1);
	struct hdaemu_engine_alloc a;
	struct hdaemu_engine_format ef;
	struct hdaemu_buffer_alloc buf;

	ASSERT_OK(hdaemu_alloc_any(self->fd, &mono, &a));
	EXPECT_ERR(EINVAL, hdaemu_change_format(self->fd, a.handle, &variant->f, &ef));
	/* The format is unchanged: 2-byte frames give 1024 bytes for 1100. */
	ASSERT_OK(hdaemu_alloc_buffer(self->fd, a.handle, HDAEMU_BUFFER_PLAIN, 0, 1100, &buf));
	EXPECT_EQ(1024u, buf.allocated_bytes);
}

TEST_HARNESS_MAIN
