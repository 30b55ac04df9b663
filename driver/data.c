// SPDX-License-Identifier: GPL-2.0
/*
 * hdaemu - the data path: what a DAC reads and an ADC writes as the
 * engines' positions advance.
 *
 * Data moves in the engine's timer, at its buffer's timer points (every IOC
 * point, and at least twice per pass for render, four times for capture).
 * A render engine's DAC fetches a step ahead, from its last move up to the
 * next point, before the position gets there (a client may refill what the
 * position passed at once, so reading later would read the next pass); a
 * capture engine writes from its last move up to the point after the next
 * one, ahead of the position, so what a client reads behind the
 * link position is always complete, even while the timer runs late by up
 * to a step (and the client may lag up to half a buffer, see buffer.c).
 * Both happen under engine->lock in hard interrupt context, so the routes
 * are computed beforehand in process context, by hdaemu_data_reroute()
 * after verbs, engine allocations and source changes, and cached in the
 * engine.
 *
 * Underruns: after fetching a render span, the DAC writes a marker over it,
 * a 32-bit word per 64-byte line derived from the pass through the buffer. A span that still
 * holds marker words when it is fetched on the next pass was not rewritten
 * in between: an underrun. It needs nothing from the client, so it works for
 * clients that write the mmap'd buffer directly. The first pass after a
 * Reset never underruns (the client's prefill is not checked).
 *
 * Loopback: a render engine keeps what its DAC read in its tap, a ring by
 * transfer count. A capture engine whose pin loops that render engine's
 * output reads the tap at a fixed byte offset, chosen when it first hears
 * the render side's current epoch: far enough behind the tap's end (the
 * largest step of each buffer) that the render timer has always pushed the
 * bytes before the capture timer needs them. Both run on the controller's
 * clock, so the offset and the latency stay put until one of them is
 * anchored anew. Locking: see engine->tap.lock in hdaemu.h.
 */
#include <linux/bug.h>
#include <linux/fixp-arith.h>
#include <linux/math64.h>
#include <linux/string.h>
#include <linux/vmalloc.h>

#include "hdaemu.h"
#include "codec.h"

#define HDAEMU_SINE_BITS	10
#define HDAEMU_MARKER_STRIDE	64u	/* a cache line */
#define HDAEMU_SINE_SIZE	BIT(HDAEMU_SINE_BITS)

/* One sine cycle, Q31; a tone's phase picks an entry, nothing is computed per sample. */
static s32 hdaemu_sine[HDAEMU_SINE_SIZE];

/**
 * hdaemu_data_tables_init() - fill the sine table
 *
 * Context: process context, at module load.
 */
void hdaemu_data_tables_init(void)
{
	u32 i;

	/*
	 * 2 pi as 360 * 128 units, so the helper interpolates between its
	 * whole degrees exactly (with 2 pi = 1024 its step rounds and the
	 * result overshoots full scale near the peaks).
	 */
	for (i = 0; i < HDAEMU_SINE_SIZE; i++)
		hdaemu_sine[i] = fixp_sin32_rad(i * 45, HDAEMU_SINE_SIZE * 45);
}

/* The marker the DAC leaves on pass @pass; never 0 (silence) nor all ones. */
static u32 hdaemu_data_marker(u64 pass)
{
	u32 m = (u32)(pass + 1) * 0x9e3779b1u ^ 0x6d2b79f5u;

	return m && m != U32_MAX ? m : 0x6d2b79f5u;
}

/* The memory at link position @pos, and how many bytes of it lie in one piece. */
static u8 *hdaemu_data_span(const struct hdaemu_buffer *buf, u32 pos, u32 *len)
{
	u32 i, start = 0;

	if (!buf->map) {
		*len = buf->cbl - pos;
		return buf->area + pos;
	}
	for (i = 0; i < buf->bdl_entries; i++) {
		const struct hdaemu_buffer_descriptor *e = &buf->map[i];

		if (pos < start + e->length) {
			*len = start + e->length - pos;
			return buf->area + e->offset + (pos - start);
		}
		start += e->length;
	}
	*len = 0;
	return NULL;
}

/**
 * struct hdaemu_data_walk - a span of transfer counts being moved
 * @engine: the engine
 * @at: transfer count of the piece at hand
 * @pass: the pass through the buffer @at is in
 * @old_marker: render: the marker of the pass before
 * @new_marker: render: this pass's marker
 * @first_bad: render: transfer count of the first marker word found
 * @bad_words: render: marker words found
 * @tap: render: the tap to push into, or NULL
 * @frame: capture: the frame number at @at
 * @source: capture: the HDAEMU_SOURCE_* generated
 */
struct hdaemu_data_walk {
	struct hdaemu_engine *engine;
	u64 at;
	u64 pass;
	u32 old_marker;
	u32 new_marker;
	u64 first_bad;
	u32 bad_words;
	struct hdaemu_tap *tap;
	u64 frame;
	u8 source;
};

typedef void (*hdaemu_data_piece_fn)(struct hdaemu_data_walk *w, u8 *mem, u32 len);

/* Call @fn on each piece of [@from, @to) in memory order; at most one pass. */
static void hdaemu_data_walk(struct hdaemu_data_walk *w, u64 from, u64 to,
			     hdaemu_data_piece_fn fn)
{
	const struct hdaemu_buffer *buf = &w->engine->buffer;
	u32 pos, len;
	u8 *mem;

	if (to - from > buf->cbl)
		from = to - buf->cbl;
	w->pass = div_u64_rem(from, buf->cbl, &pos);
	w->at = from;
	w->frame = div_u64(from, w->engine->params.frame_bytes);
	while (w->at < to) {
		mem = hdaemu_data_span(buf, pos, &len);
		if (!mem)
			return;
		len = min_t(u64, len, to - w->at);
		fn(w, mem, len);
		w->at += len;
		pos += len;
		if (pos == buf->cbl) {
			pos = 0;
			w->pass++;
		}
	}
}

/* Keep what the DAC read in the tap, for loopback captures. */
static void hdaemu_data_tap_push(struct hdaemu_tap *tap, u64 at, const u8 *mem, u32 len)
{
	u32 done = 0;

	if (at != tap->end)
		tap->start = at;
	while (done < len) {
		u32 off = (at + done) & (HDAEMU_TAP_BYTES - 1);
		u32 n = min(len - done, HDAEMU_TAP_BYTES - off);

		memcpy(tap->ring + off, mem + done, n);
		done += n;
	}
	tap->end = at + len;
	if (tap->end - tap->start > HDAEMU_TAP_BYTES)
		tap->start = tap->end - HDAEMU_TAP_BYTES;
}

/*
 * Render: read a piece, note the markers still in it, leave this pass's.
 * One marker word per 64-byte line, at the line's start: a client writes
 * whole lines, and a word per line costs a third of a word per word (the
 * benchmark measured it). An underrun is found to the line.
 */
static void hdaemu_data_consume_piece(struct hdaemu_data_walk *w, u8 *mem, u32 len)
{
	u8 *p = PTR_ALIGN(mem, HDAEMU_MARKER_STRIDE), *end = mem + len;
	bool check = w->pass > 0;

	if (w->tap)
		hdaemu_data_tap_push(w->tap, w->at, mem, len);
	w->old_marker = hdaemu_data_marker(w->pass - 1);
	w->new_marker = hdaemu_data_marker(w->pass);
	for (; p + sizeof(u32) <= end; p += HDAEMU_MARKER_STRIDE) {
		u32 *word = (u32 *)p;

		if (check && *word == w->old_marker) {
			if (!w->bad_words)
				w->first_bad = w->at + (p - mem);
			w->bad_words++;
		}
		*word = w->new_marker;
	}
}

/* Render: the DAC reads [data.done, @upto). */
static bool hdaemu_data_consume(struct hdaemu_engine *engine, u64 upto, ktime_t when,
				struct hdaemu_xrun *xrun)
{
	struct hdaemu_data *data = &engine->data;
	struct hdaemu_data_walk w = { .engine = engine };
	struct hdaemu_tap *tap = &engine->tap;

	if (upto <= data->done)
		return false;
	spin_lock(&tap->lock);
	if (tap->ring && tap->running)
		w.tap = tap;
	hdaemu_data_walk(&w, data->done, upto, hdaemu_data_consume_piece);
	spin_unlock(&tap->lock);

	data->stats.bytes += upto - data->done;
	if (data->route.route != HDAEMU_ROUTE_CONVERTER)
		data->stats.unrouted_bytes += upto - data->done;
	data->done = upto;
	if (!w.bad_words)
		return false;
	data->stats.underruns++;
	data->stats.underrun_bytes += w.bad_words * HDAEMU_MARKER_STRIDE;
	data->xruns++;
	*xrun = (struct hdaemu_xrun) {
		.reason = HDAEMU_XRUN_UNDERRUN,
		.count = data->xruns,
		.bytes = w.first_bad,
		.length = w.bad_words * HDAEMU_MARKER_STRIDE,
		.when = when,
	};
	return true;
}

/* One sample into a container of @bytes, little endian; @v is Q31, or a raw counter. */
static void hdaemu_data_put(u8 *p, u32 bytes, u32 valid_mask, s32 v, bool raw)
{
	u32 word;

	if (bytes == 1) {	/* 8-bit PCM is unsigned */
		*p = raw ? (u8)v : (u8)((v >> 24) + 128);
		return;
	}
	/* 16 bits: the top half; 20 to 32 bits sit in 32, most significant first. */
	word = raw ? (u32)v : bytes == 2 ? (u32)v >> 16 : (u32)v & valid_mask;
	p[0] = word;
	p[1] = word >> 8;
	if (bytes == 2)
		return;
	p[2] = word >> 16;
	p[3] = word >> 24;
}

/* Capture: write a piece from a generated source. */
static void hdaemu_data_generate_piece(struct hdaemu_data_walk *w, u8 *mem, u32 len)
{
	const struct hdaemu_engine *engine = w->engine;
	const struct hdaemu_data_route *r = &engine->data.route;
	const struct hdaemu_format *f = &engine->params.format;
	u8 source = w->source;
	u32 fb = engine->params.frame_bytes, bytes = fb / f->channels;
	u32 mask = ~0u << (32 - min_t(u32, f->valid_bits, 32));
	u32 off, ch;

	if (source != HDAEMU_SOURCE_TONE && source != HDAEMU_SOURCE_RAMP) {
		struct hdaemu_data *data = &w->engine->data;

		/* Silence over silence a whole pass long changes nothing. */
		if (!data->silent) {
			data->silent = true;
			data->silent_from = w->at;
		}
		if (w->at < data->silent_from + engine->buffer.cbl)
			memset(mem, bytes == 1 ? 0x80 : 0, len);
		w->frame += len / fb;
		return;
	}
	w->engine->data.silent = false;
	for (off = 0; off + fb <= len; off += fb, w->frame++) {
		s32 v = 0;

		if (source == HDAEMU_SOURCE_TONE) {
			u32 phase = (u32)w->frame * r->tone_step;

			v = ((s64)hdaemu_sine[phase >> (32 - HDAEMU_SINE_BITS)] *
			     r->tone_amplitude) >> 31;
		}
		for (ch = 0; ch < f->channels; ch++) {
			bool raw = source == HDAEMU_SOURCE_RAMP;

			hdaemu_data_put(mem + off + ch * bytes, bytes, mask,
					raw ? (s32)(w->frame + ch) : v, raw);
		}
	}
}

/* Capture: write a piece from the looped render engine's tap. */
static void hdaemu_data_loop_piece(struct hdaemu_data_walk *w, u8 *mem, u32 len)
{
	struct hdaemu_data *data = &w->engine->data;
	u32 fb = w->engine->params.frame_bytes;
	u64 src = w->at + data->loop_offset;
	u32 done = 0;

	data->silent = false;
	while (done < len) {
		u64 at = src + done;
		u32 n;

		if (!w->tap || at < w->tap->start || at >= w->tap->end) {
			/* Nothing played there: the cable carries silence. */
			n = w->tap && at < w->tap->start ?
			    min_t(u64, len - done, w->tap->start - at) : len - done;
			memset(mem + done, 0, n);
			data->stats.loop_gaps += n / fb;
		} else {
			u32 off = at & (HDAEMU_TAP_BYTES - 1);

			n = min3(len - done, HDAEMU_TAP_BYTES - off, (u32)(w->tap->end - at));
			memcpy(mem + done, w->tap->ring + off, n);
		}
		done += n;
	}
}

/* Tie a capture engine to the looped engine's epoch: offset and latency. */
static void hdaemu_data_loop_sync(struct hdaemu_engine *engine, struct hdaemu_tap *tap,
				  u64 upto, ktime_t now)
{
	struct hdaemu_data *data = &engine->data;
	u64 margin = (u64)tap->max_step + engine->buffer.max_step;
	s64 render_now, heard;
	ktime_t dt;

	data->loop_offset = (s64)(tap->end - upto - margin);
	data->loop_epoch = tap->epoch;
	data->loop_synced = true;
	/* The render frame playing now against the one the ADC hears now. */
	dt = ktime_sub(now, tap->anchor);
	render_now = tap->anchor_frames +
		     (dt > 0 ? mul_u64_u32_div(ktime_to_ns(dt), tap->rate, NSEC_PER_SEC) : 0);
	/* Before the render stream began, the frame heard is negative. */
	heard = div_s64((s64)hdaemu_stream_bytes_at(engine, now) + data->loop_offset,
			engine->params.frame_bytes);
	data->stats.loop_latency = render_now - heard;
}

/* Capture: the ADC writes [data.done, @upto). */
static void hdaemu_data_produce(struct hdaemu_engine *engine, u64 upto, ktime_t now)
{
	struct hdaemu_data *data = &engine->data;
	struct hdaemu_data_walk w = { .engine = engine };
	struct hdaemu_engine *from = data->route.loop_from;
	bool routed = data->route.route == HDAEMU_ROUTE_CONVERTER;
	bool synced;

	if (upto <= data->done)
		return;
	if (routed && data->route.source == HDAEMU_SOURCE_LOOPBACK && from) {
		struct hdaemu_tap *tap = &from->tap;

		spin_lock(&tap->lock);
		synced = data->loop_synced && data->loop_epoch == tap->epoch;
		/* A stopped render stream is heard to the end of what it played. */
		if (tap->ring && (tap->running || synced) &&
		    tap->rate == engine->params.format.sample_rate &&
		    tap->frame_bytes == engine->params.frame_bytes) {
			if (!synced)
				hdaemu_data_loop_sync(engine, tap, upto, now);
			w.tap = tap;
		} else {
			data->loop_synced = false;
			data->stats.loop_latency = -1;
		}
		hdaemu_data_walk(&w, data->done, upto, hdaemu_data_loop_piece);
		spin_unlock(&tap->lock);
	} else {
		w.source = data->route.source;
		if (!routed) {
			/* No converter, or one in another format: only zeros arrive. */
			w.source = HDAEMU_SOURCE_SILENCE;
			data->stats.unrouted_bytes += upto - data->done;
		} else if (w.source == HDAEMU_SOURCE_LOOPBACK) {
			/* A cable from an output pin nothing plays. */
			data->stats.loop_gaps += div_u64(upto - data->done,
							 engine->params.frame_bytes);
			data->stats.loop_latency = -1;
		}
		hdaemu_data_walk(&w, data->done, upto, hdaemu_data_generate_piece);
	}
	data->stats.bytes += upto - data->done;
	data->done = upto;
}

/*
 * How far a capture engine writes: to the point after its next one, so a
 * timer running late by up to a step still finds the data ahead of the
 * position (buffer.c makes the steps an eighth of the buffer at most).
 */
static u64 hdaemu_data_capture_target(const struct hdaemu_engine *engine)
{
	const struct hdaemu_buffer *buf = &engine->buffer;
	u32 after = engine->next_point + 1 == buf->num_points ? 0 : engine->next_point + 1;

	return engine->next_ioc_bytes + buf->points[after].bytes;
}

/**
 * hdaemu_data_move() - move an engine's data at a timer point
 * @engine: a running engine, its next point planned; its lock held
 * @when: the instant
 * @xrun: out: the underrun found, when the return is true
 *
 * Render engines read ahead up to their next point; capture engines write
 * up to the point after their next one.
 *
 * Context: any (the timer's hard interrupt), engine->lock held.
 * Return: true when an underrun was found and must be reported.
 */
bool hdaemu_data_move(struct hdaemu_engine *engine, ktime_t when, struct hdaemu_xrun *xrun)
{
	if (engine->direction == HDAEMU_DIR_RENDER)
		return hdaemu_data_consume(engine, engine->next_ioc_bytes, when, xrun);
	hdaemu_data_produce(engine, hdaemu_data_capture_target(engine), when);
	return false;
}

/**
 * hdaemu_data_catch_up() - capture data up to a position being read
 * @engine: the engine; its lock held
 * @bytes: the transfer count a reader is being told
 *
 * A timer running late has not yet written what the position passed: a
 * register or GET_POSITION read writes it first, so what a reader of the
 * position finds behind it is complete. Nothing to do in the usual case,
 * when the data is ahead.
 *
 * Context: any, engine->lock held.
 */
void hdaemu_data_catch_up(struct hdaemu_engine *engine, u64 bytes)
{
	if (engine->direction != HDAEMU_DIR_CAPTURE || engine->state != HDAEMU_STREAM_RUN ||
	    bytes <= engine->data.done)
		return;
	hdaemu_data_produce(engine, max(bytes, hdaemu_data_capture_target(engine)), ktime_get());
}

/**
 * hdaemu_data_run() - an engine starts or goes on running
 * @engine: an engine just anchored, its first point planned; its lock held
 *
 * The render DAC fetches its first step, capture data lands two steps
 * ahead, at once.
 *
 * Context: any, engine->lock held.
 */
void hdaemu_data_run(struct hdaemu_engine *engine)
{
	struct hdaemu_xrun xrun;

	/* An underrun of the very first step is counted, not reported. */
	hdaemu_data_move(engine, engine->anchor, &xrun);
}

/**
 * hdaemu_data_epoch() - a render engine's clock was anchored anew
 * @engine: the engine, running from engine->anchor; its lock held
 *
 * Loopback captures tie themselves to the new epoch when they next move.
 *
 * Context: any, engine->lock held.
 */
void hdaemu_data_epoch(struct hdaemu_engine *engine)
{
	struct hdaemu_tap *tap = &engine->tap;

	if (engine->direction != HDAEMU_DIR_RENDER)
		return;
	spin_lock(&tap->lock);
	tap->epoch++;
	tap->anchor = engine->anchor;
	tap->anchor_frames = div_u64(engine->anchor_bytes, engine->params.frame_bytes);
	tap->rate = engine->params.format.sample_rate;
	tap->frame_bytes = engine->params.frame_bytes;
	tap->max_step = engine->buffer.max_step;
	tap->start = engine->data.done;
	tap->end = engine->data.done;
	tap->running = engine->state == HDAEMU_STREAM_RUN;
	spin_unlock(&tap->lock);
}

/**
 * hdaemu_data_stop() - a running engine stops at transfer count @upto
 * @engine: the engine; its lock held
 * @upto: the transfer count it stops at
 *
 * The DAC has fetched past the stop already (it reads a step ahead); what
 * it fetched stays fetched. Loopback captures go on hearing the tap up to
 * its end, then silence.
 *
 * Context: any, engine->lock held.
 */
void hdaemu_data_stop(struct hdaemu_engine *engine, u64 upto)
{
	struct hdaemu_xrun xrun;

	if (engine->direction != HDAEMU_DIR_RENDER)
		return;
	hdaemu_data_consume(engine, upto, ktime_get(), &xrun);
	spin_lock(&engine->tap.lock);
	engine->tap.running = false;
	spin_unlock(&engine->tap.lock);
}

/**
 * hdaemu_data_reset() - an engine went to Reset (or got a new buffer)
 * @engine: the engine; its lock held
 *
 * Context: any, engine->lock held.
 */
void hdaemu_data_reset(struct hdaemu_engine *engine)
{
	engine->data.done = 0;
	engine->data.silent = false;
	engine->data.loop_synced = false;
	spin_lock(&engine->tap.lock);
	engine->tap.start = 0;
	engine->tap.end = 0;
	engine->tap.running = false;
	spin_unlock(&engine->tap.lock);
}

/**
 * hdaemu_data_reroute_locked() - recompute the routes of every engine
 * @bus: the controller
 *
 * A render engine a capture loops gets its tap here, in process context.
 *
 * Context: process context, bus->lock held; takes codec locks.
 */
void hdaemu_data_reroute_locked(struct hdaemu_bus *bus)
{
	struct hdaemu_data_route route;
	u32 i;

	lockdep_assert_held(&bus->lock);
	for (i = 0; i < bus->num_engines; i++) {
		struct hdaemu_engine *engine = &bus->engines[i];
		struct hdaemu_tap *tap;

		if (engine->owner)
			hdaemu_codec_data_route(engine, &route);
		else
			memset(&route, 0, sizeof(route));
		tap = route.loop_from ? &route.loop_from->tap : NULL;
		if (tap && !tap->ring) {
			u8 *ring = vzalloc(HDAEMU_TAP_BYTES);

			/* Without memory the cable stays silent, counted as gaps. */
			spin_lock_irq(&tap->lock);
			if (ring && !tap->ring)
				swap(tap->ring, ring);
			spin_unlock_irq(&tap->lock);
			vfree(ring);
		}
		spin_lock_irq(&engine->lock);
		if (engine->data.route.loop_from != route.loop_from) {
			engine->data.loop_synced = false;
			engine->data.stats.loop_latency = -1;
		}
		engine->data.route = route;
		spin_unlock_irq(&engine->lock);
	}
}

/**
 * hdaemu_data_reroute() - recompute the routes of every engine
 * @bus: the controller
 *
 * Context: process context, no bus lock held.
 */
void hdaemu_data_reroute(struct hdaemu_bus *bus)
{
	mutex_lock(&bus->lock);
	hdaemu_data_reroute_locked(bus);
	mutex_unlock(&bus->lock);
}

/**
 * hdaemu_data_get_stats() - an engine's route and what it moved
 * @client: the caller
 * @handle: its engine
 * @out: the statistics; @out->handle and @out->flags are left alone
 *
 * Context: process context.
 * Return: 0, -ENODEV (the controller was removed), -ENOENT (not the
 * caller's engine).
 */
int hdaemu_data_get_stats(struct hdaemu_client *client, struct hdaemu_engine *handle,
			  struct hdaemu_data_stats *out)
{
	struct hdaemu_bus *bus = client->bus;
	struct hdaemu_engine *engine;
	struct hdaemu_data data;
	int ret;

	mutex_lock(&bus->lock);
	engine = hdaemu_engine_lookup(client, handle);
	ret = hdaemu_client_gone(client);
	if (!ret && !engine)
		ret = -ENOENT;
	if (!ret) {
		spin_lock_irq(&engine->lock);
		data = engine->data;
		spin_unlock_irq(&engine->lock);
	}
	mutex_unlock(&bus->lock);
	if (ret)
		return ret;
	out->route = data.route.route;
	out->codec_address = data.route.codec_address;
	out->converter_nid = data.route.converter_nid;
	out->pin_nid = data.route.pin_nid;
	out->source = data.route.source;
	out->bytes = data.stats.bytes;
	out->unrouted_bytes = data.stats.unrouted_bytes;
	out->underruns = data.stats.underruns;
	out->underrun_bytes = data.stats.underrun_bytes;
	out->stalls = data.stats.stalls;
	out->loopback_latency_frames = data.stats.loop_latency;
	out->loopback_gaps = data.stats.loop_gaps;
	return 0;
}

/**
 * hdaemu_data_release() - free the taps, at controller teardown
 * @bus: the controller, its timers cancelled
 *
 * Context: process context.
 */
void hdaemu_data_release(struct hdaemu_bus *bus)
{
	u32 i;

	for (i = 0; i < bus->num_engines; i++) {
		vfree(bus->engines[i].tap.ring);
		bus->engines[i].tap.ring = NULL;
	}
}
