// SPDX-License-Identifier: GPL-2.0
/*
 * hdaemu - DMA buffers and buffer descriptor lists.
 *
 * Every buffer is modelled as hardware sees it: a cyclic buffer walked
 * through a buffer descriptor list, raising an IOC at the end of each entry
 * whose IOC flag is set. A buffer with notification is a BDL made here, one
 * entry (IOC at the end) or two halves (IOC at the middle and the end); a
 * plain buffer is one entry without IOC; the BDL interface lets the caller
 * write the list. From the list we precompute the IOC points, so the timer
 * only adds. Buffers change only in Reset, under bus->lock, after the timer
 * is known not to run (see hdaemu.h).
 */
#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/lcm.h>
#include <linux/math64.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/vmalloc.h>

#include "hdaemu.h"

/* Bytes of the shortest period the engine accepts at @params' rate. */
static u32 hdaemu_buffer_min_period_bytes(const struct hdaemu_stream_params *params)
{
	u64 frames = DIV_ROUND_UP_ULL((u64)HDAEMU_MIN_PERIOD_NS * params->format.sample_rate,
				      NSEC_PER_SEC);

	return frames * params->frame_bytes;
}

/**
 * hdaemu_buffer_round() - the buffer size an engine uses for a request
 * @params: the engine's stream format
 * @count: IOCs per pass (1 for a plain buffer)
 * @requested_bytes: what the caller asked for
 *
 * Sizes come in units of whole frames with each IOC point on a 128-byte
 * boundary; the request is rounded down to a unit, but not below the size
 * whose period is the minimum period, nor above the largest buffer.
 *
 * Context: any.
 * Return: the size to allocate.
 */
u32 hdaemu_buffer_round(const struct hdaemu_stream_params *params, u32 count,
			size_t requested_bytes)
{
	u32 unit = lcm(params->frame_bytes, HDAEMU_BDL_ALIGN) * count;
	u32 min_bytes = roundup(hdaemu_buffer_min_period_bytes(params) * count, unit);
	u32 max_bytes = rounddown(HDAEMU_MAX_BUFFER_BYTES, unit);
	u32 bytes;

	bytes = rounddown(min_t(size_t, requested_bytes, max_bytes), unit);
	return max(bytes, min_bytes);
}

static int hdaemu_buffer_point_cmp(const void *a, const void *b)
{
	const struct hdaemu_ioc_point *pa = a, *pb = b;

	return pa->offset < pb->offset ? -1 : pa->offset > pb->offset;
}

/*
 * Turn a valid list into timer points: the link position after each IOC
 * entry, the bytes since the previous point (cyclically) and their time.
 * Data moves at the points (data.c), so gaps longer than a fraction of the
 * buffer get data-only points: a render engine's DAC then fetches at least
 * twice per pass, and a capture engine, which writes two points ahead (one
 * point of slack for a late timer), at least eight times, so a client may
 * lag up to three quarters of a buffer behind the position (a two-period
 * client reading the period just completed has half a period to do it).
 * Points never come closer than the minimum IOC period.
 */
static int hdaemu_buffer_make_points(struct hdaemu_buffer *buf, struct hdaemu_engine *engine,
				     const struct hdaemu_buffer_descriptor *bdl, u32 entries)
{
	const struct hdaemu_stream_params *params = &engine->params;
	u32 rate = params->format.sample_rate, fb = params->frame_bytes;
	u32 parts = engine->direction == HDAEMU_DIR_CAPTURE ? 8 : 2, i, j, n = 0, iocs = 0;
	u32 max_gap, pos, last = 0, prev;
	struct hdaemu_ioc_point *points;

	/* Never closer than the shortest IOC period: the timer must keep up. */
	max_gap = max(buf->cbl / parts, hdaemu_buffer_min_period_bytes(params));
	parts = DIV_ROUND_UP(buf->cbl, max_gap);

	for (i = 0, pos = 0; i < entries; i++) {
		pos += bdl[i].length;
		if (bdl[i].ioc) {
			iocs++;
			last = pos;
		}
	}
	/*
	 * Each cyclic gap between IOC points comes in DIV_ROUND_UP(gap, max_gap)
	 * pieces, at most gap / max_gap + 1: in all, at most parts + iocs.
	 */
	points = kcalloc(parts + iocs, sizeof(*points), GFP_KERNEL);
	if (!points)
		return -ENOMEM;

	if (!iocs) {
		for (j = 1; j <= parts; j++)
			points[n++].offset = j == parts ? buf->cbl :
					     rounddown((u64)buf->cbl * j / parts, fb);
	} else {
		prev = last - buf->cbl;		/* the last IOC point, one pass back */
		for (i = 0, pos = 0; i < entries; i++) {
			u32 gap, pieces;

			pos += bdl[i].length;
			if (!bdl[i].ioc)
				continue;
			gap = pos - prev;
			pieces = DIV_ROUND_UP(gap, max_gap);
			for (j = 1; j < pieces; j++) {
				u32 off = prev + rounddown((u64)gap * j / pieces, fb);

				/* A point of the gap across the wrap lands in (0, CBL]. */
				points[n++].offset = (s32)off <= 0 ? off + buf->cbl : off;
			}
			points[n].offset = pos;
			points[n++].ioc = true;
			prev = pos;
		}
		sort(points, n, sizeof(*points), hdaemu_buffer_point_cmp, NULL);
	}

	/* The first point is reached from the last one, across the wrap. */
	prev = points[n - 1].offset - buf->cbl;
	buf->max_step = 0;
	for (i = 0; i < n; i++) {
		u64 frames;

		points[i].bytes = points[i].offset - prev;
		prev = points[i].offset;
		frames = points[i].bytes / fb;
		points[i].ns_whole = div_u64_rem(frames * NSEC_PER_SEC, rate,
						 &points[i].ns_frac);
		buf->max_step = max(buf->max_step, points[i].bytes);
	}
	buf->points = points;
	buf->num_points = n;
	buf->num_iocs = iocs;
	return 0;
}

/* Check a caller's list against the HDA rules and our minimum period. */
static int hdaemu_buffer_check_bdl(const struct hdaemu_stream_params *params,
				   const struct hdaemu_buffer_descriptor *bdl, u32 entries,
				   u32 area_bytes, u32 buffer_length)
{
	u32 min_period = hdaemu_buffer_min_period_bytes(params);
	u64 total = 0, first_ioc = 0, last_ioc = 0;
	bool any_ioc = false;
	u32 i;

	if (entries < HDAEMU_BDL_MIN_ENTRIES || entries > HDAEMU_BDL_MAX_ENTRIES)
		return -EINVAL;
	for (i = 0; i < entries; i++) {
		const struct hdaemu_buffer_descriptor *e = &bdl[i];

		if (e->offset % HDAEMU_BDL_ALIGN || !e->length ||
		    e->length % params->frame_bytes || e->ioc > 1 ||
		    e->offset > area_bytes || e->length > area_bytes - e->offset)
			return -EINVAL;
		total += e->length;
		if (!e->ioc)
			continue;
		if (any_ioc && total - last_ioc < min_period)
			return -EINVAL;
		if (!any_ioc)
			first_ioc = total;
		last_ioc = total;
		any_ioc = true;
	}
	if (total != buffer_length || total > U32_MAX)
		return -EINVAL;
	/* The span across the wrap, from the last IOC to the first. */
	if (any_ioc && total - last_ioc + first_ioc < min_period)
		return -EINVAL;
	return 0;
}

static void hdaemu_buffer_clear(struct hdaemu_buffer *buf)
{
	vfree(buf->area);
	free_page((unsigned long)buf->bdl);
	kfree(buf->map);
	kfree(buf->points);
	memset(buf, 0, sizeof(*buf));
}

/* Engine lookup and the Reset / no-buffer preconditions of allocation. */
static int hdaemu_buffer_alloc_check(struct hdaemu_client *client,
				     struct hdaemu_engine *handle,
				     struct hdaemu_engine **engine)
{
	if (hdaemu_client_gone(client))
		return -ENODEV;
	*engine = hdaemu_engine_lookup(client, handle);
	if (!*engine)
		return -ENOENT;
	if (READ_ONCE((*engine)->state) != HDAEMU_STREAM_RESET)
		return -EBADFD;
	if ((*engine)->buffer.kind != HDAEMU_BUF_NONE)
		return -EEXIST;
	return 0;
}

/* Publish the new geometry; the engine is in Reset, its timer idle. */
static void hdaemu_buffer_publish(struct hdaemu_engine *engine)
{
	spin_lock_irq(&engine->lock);
	engine->anchor_bytes = 0;
	engine->ioc_sequence = 0;
	hdaemu_stream_publish(engine);
	spin_unlock_irq(&engine->lock);
}

/**
 * hdaemu_buffer_alloc() - AllocateDmaBuffer and ...WithNotification
 * @client: the caller
 * @handle: the engine, in Reset without a buffer
 * @kind: HDAEMU_BUF_PLAIN or HDAEMU_BUF_NOTIFY
 * @notification_count: _NOTIFY: 1 or 2; _PLAIN: ignored
 * @requested_bytes: the size wanted, rounded by hdaemu_buffer_round()
 * @out: the buffer, its size, stream tag and FIFO size
 *
 * Context: process context.
 * Return: 0, -EINVAL, -ENOENT, -EBADFD (not in Reset), -EEXIST (it has a
 * buffer already) or -ENOMEM.
 */
int hdaemu_buffer_alloc(struct hdaemu_client *client, struct hdaemu_engine *handle,
			enum hdaemu_buffer_kind kind, u32 notification_count,
			size_t requested_bytes, struct hdaemu_dma_buffer *out)
{
	struct hdaemu_buffer_descriptor bdl[2] = {};
	struct hdaemu_bus *bus = client->bus;
	struct hdaemu_engine *engine;
	struct hdaemu_buffer *buf;
	u32 count, bytes, i;
	int ret;

	if (kind == HDAEMU_BUF_PLAIN)
		count = 1;
	else if (kind == HDAEMU_BUF_NOTIFY && (notification_count == 1 ||
					       notification_count == 2))
		count = notification_count;
	else
		return -EINVAL;
	if (!requested_bytes || !out)
		return -EINVAL;

	mutex_lock(&bus->lock);
	ret = hdaemu_buffer_alloc_check(client, handle, &engine);
	if (ret)
		goto out;
	buf = &engine->buffer;
	bytes = hdaemu_buffer_round(&engine->params, count, requested_bytes);
	ret = hdaemu_fault_alloc(bus, HDAEMU_ALLOC_BUFFER);
	if (ret)
		goto out;
	buf->area = vmalloc_user(bytes);
	if (!buf->area) {
		ret = -ENOMEM;
		goto out;
	}
	buf->alloc_bytes = bytes;
	buf->cbl = bytes;
	for (i = 0; i < count; i++) {
		bdl[i].offset = i * (bytes / count);
		bdl[i].length = bytes / count;
		bdl[i].ioc = kind == HDAEMU_BUF_NOTIFY;
	}
	ret = hdaemu_buffer_make_points(buf, engine, bdl, count);
	if (ret) {
		hdaemu_buffer_clear(buf);
		goto out;
	}
	buf->kind = kind;
	hdaemu_buffer_publish(engine);

	out->area = buf->area;
	out->bytes = bytes;
	out->offset_from_first_page = 0;
	out->stream_id = engine->stream_tag;
	out->fifo_bytes = HDAEMU_FIFO_BYTES;
out:
	mutex_unlock(&bus->lock);
	return ret;
}

/**
 * hdaemu_buffer_alloc_contiguous() - AllocateContiguousDmaBuffer
 * @client: the caller
 * @handle: the engine, in Reset without a buffer
 * @requested_bytes: the data buffer's size, 1..HDAEMU_MAX_BUFFER_BYTES
 * @data: out: the data buffer (zeroed)
 * @bdl: out: an empty, page-sized BDL for the caller to fill
 *
 * The engine cannot run until hdaemu_buffer_setup_bdl() programs it.
 *
 * Context: process context.
 * Return: 0, -EINVAL, -ENOENT, -EBADFD, -EEXIST or -ENOMEM.
 */
int hdaemu_buffer_alloc_contiguous(struct hdaemu_client *client,
				   struct hdaemu_engine *handle, u32 requested_bytes,
				   void **data, struct hdaemu_buffer_descriptor **bdl)
{
	struct hdaemu_bus *bus = client->bus;
	struct hdaemu_engine *engine;
	struct hdaemu_buffer *buf;
	int ret;

	if (!requested_bytes || requested_bytes > HDAEMU_MAX_BUFFER_BYTES || !data || !bdl)
		return -EINVAL;

	mutex_lock(&bus->lock);
	ret = hdaemu_buffer_alloc_check(client, handle, &engine);
	if (ret)
		goto out;
	buf = &engine->buffer;
	ret = hdaemu_fault_alloc(bus, HDAEMU_ALLOC_BUFFER);
	if (ret)
		goto out;
	buf->area = vmalloc_user(requested_bytes);
	buf->bdl = (void *)get_zeroed_page(GFP_KERNEL);
	if (!buf->area || !buf->bdl) {
		hdaemu_buffer_clear(buf);
		ret = -ENOMEM;
		goto out;
	}
	buf->alloc_bytes = requested_bytes;
	buf->kind = HDAEMU_BUF_BDL;
	hdaemu_buffer_publish(engine);
	*data = buf->area;
	*bdl = buf->bdl;
out:
	mutex_unlock(&bus->lock);
	return ret;
}

/**
 * hdaemu_buffer_setup_bdl() - SetupDmaEngineWithBdl
 * @client: the caller
 * @handle: the engine, in Reset, with a contiguous buffer
 * @buffer_length: the sum of the entries' lengths (the CBL)
 * @lvi: last valid index: the list has @lvi + 1 entries, 2..256
 * @isr: called with the stream status on each IOC, or NULL
 * @isr_context: its argument
 * @stream_id: out: the stream tag
 * @fifo_bytes: out: the FIFO size
 *
 * The list is copied when programmed, as hardware fetches descriptors, so
 * later writes to the page change nothing until the next setup. The
 * engine's notification registrations end, as for a new buffer.
 *
 * Context: process context.
 * Return: 0, -EINVAL (a list the HDA rules or our minimum period refuse, or
 * a buffer of another kind), -ENOENT, -EBADFD (not in Reset), -ENODATA (no
 * contiguous buffer) or -ENOMEM.
 */
int hdaemu_buffer_setup_bdl(struct hdaemu_client *client, struct hdaemu_engine *handle,
			    u32 buffer_length, u32 lvi, hdaemu_bdl_isr_fn isr,
			    void *isr_context, u8 *stream_id, u32 *fifo_bytes)
{
	struct hdaemu_buffer_descriptor *copy = NULL;
	struct hdaemu_bus *bus = client->bus;
	struct hdaemu_buffer staged = {};
	struct hdaemu_engine *engine;
	struct hdaemu_buffer *buf;
	u32 entries = lvi + 1;
	int ret;

	if (!stream_id || !fifo_bytes || lvi >= HDAEMU_BDL_MAX_ENTRIES)
		return -EINVAL;

	mutex_lock(&bus->lock);
	engine = hdaemu_engine_lookup(client, handle);
	ret = hdaemu_client_gone(client);
	if (ret)
		goto out;
	if (!engine) {
		ret = -ENOENT;
		goto out;
	}
	buf = &engine->buffer;
	if (READ_ONCE(engine->state) != HDAEMU_STREAM_RESET) {
		ret = -EBADFD;
		goto out;
	}
	if (buf->kind == HDAEMU_BUF_NONE) {
		ret = -ENODATA;
		goto out;
	}
	if (buf->kind != HDAEMU_BUF_BDL) {
		ret = -EINVAL;
		goto out;
	}
	copy = kmemdup(buf->bdl, entries * sizeof(*copy), GFP_KERNEL);
	if (!copy) {
		ret = -ENOMEM;
		goto out;
	}
	ret = hdaemu_buffer_check_bdl(&engine->params, copy, entries, buf->alloc_bytes,
				      buffer_length);
	if (ret)
		goto out;
	staged.cbl = buffer_length;
	ret = hdaemu_buffer_make_points(&staged, engine, copy, entries);
	if (ret)
		goto out;

	/* A reprogrammed engine starts over: old registrations end. */
	hdaemu_stream_stop_sync(engine);
	hdaemu_notification_release_all(engine);
	kfree(buf->points);
	kfree(buf->map);
	buf->points = staged.points;
	buf->num_points = staged.num_points;
	buf->num_iocs = staged.num_iocs;
	buf->max_step = staged.max_step;
	buf->map = copy;
	copy = NULL;
	buf->cbl = buffer_length;
	buf->bdl_entries = entries;
	buf->isr = isr;
	buf->isr_context = isr_context;
	hdaemu_buffer_publish(engine);
	*stream_id = engine->stream_tag;
	*fifo_bytes = HDAEMU_FIFO_BYTES;
out:
	mutex_unlock(&bus->lock);
	kfree(copy);
	return ret;
}

/**
 * hdaemu_buffer_release() - free an engine's buffer, whatever its kind
 * @engine: the engine, out of Run, its timer and notifications finished
 *
 * Context: process context, bus->lock held.
 */
void hdaemu_buffer_release(struct hdaemu_engine *engine)
{
	lockdep_assert_held(&engine->bus->lock);
	hdaemu_buffer_clear(&engine->buffer);
	hdaemu_buffer_publish(engine);
}

/**
 * hdaemu_buffer_free() - the three free routines
 * @client: the caller
 * @handle: the engine, in Reset, with a buffer of @kind
 * @kind: the kind the routine frees
 * @area: _NOTIFY: the buffer as returned; else ignored
 * @size: _NOTIFY: the size as returned; else ignored
 *
 * The engine's notification registrations end with the buffer.
 *
 * Context: process context.
 * Return: 0, -ENOENT, -EBADFD (not in Reset), -ENODATA (no buffer), -EINVAL
 * (a buffer of another kind, or not the one described).
 */
int hdaemu_buffer_free(struct hdaemu_client *client, struct hdaemu_engine *handle,
		       enum hdaemu_buffer_kind kind, const void *area, size_t size)
{
	struct hdaemu_bus *bus = client->bus;
	struct hdaemu_engine *engine;
	int ret = 0;

	mutex_lock(&bus->lock);
	engine = hdaemu_engine_lookup(client, handle);
	ret = hdaemu_client_gone(client);
	if (ret)
		;
	else if (!engine)
		ret = -ENOENT;
	else if (READ_ONCE(engine->state) != HDAEMU_STREAM_RESET)
		ret = -EBADFD;
	else if (engine->buffer.kind == HDAEMU_BUF_NONE)
		ret = -ENODATA;
	else if (engine->buffer.kind != kind)
		ret = -EINVAL;
	else if (kind == HDAEMU_BUF_NOTIFY &&
		 (area != engine->buffer.area || size != engine->buffer.cbl))
		ret = -EINVAL;
	if (!ret) {
		hdaemu_stream_stop_sync(engine);
		hdaemu_notification_release_all(engine);
		hdaemu_buffer_release(engine);
	}
	mutex_unlock(&bus->lock);
	return ret;
}
