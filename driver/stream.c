// SPDX-License-Identifier: GPL-2.0
/*
 * hdaemu - the stream state machine and the timing model.
 *
 * A running engine's transfer count is a function of time: from the run
 * anchor t0 and the count at the anchor, it moves whole frames at the
 * stream's rate. Stop (= Pause) freezes the count, Run sets a new anchor,
 * Reset returns it to 0. The link position is the count modulo the cyclic
 * buffer length, computed when read, never from the last IOC.
 *
 * The state machine follows the reference: Reset <-> Stop <-> Run, never
 * Reset <-> Run directly, and anything but Reset needs a programmed buffer.
 * A call moves many engines all or none, and engines it starts share one
 * anchor, as SSYNC-synchronised hardware starts them on one frame.
 */
#include <linux/errno.h>
#include <linux/math64.h>

#include "hdaemu.h"
#include "trace.h"

/* Frames a stream at @rate moves in @ns; split at seconds to stay in u64. */
static u64 hdaemu_frames_in(u64 ns, u32 rate)
{
	u32 rem;
	u64 secs = div_u64_rem(ns, NSEC_PER_SEC, &rem);

	return secs * rate + div_u64((u64)rem * rate, NSEC_PER_SEC);
}

#define HDAEMU_PPM	1000000u

/*
 * Stream time after @dt of CLOCK_MONOTONIC, for a clock off by @ppm: the
 * formula of the uapi's hdaemu_slot_bytes_at(), so the position page and
 * the kernel agree to the frame.
 */
static u64 hdaemu_stream_time(u64 dt, s32 ppm)
{
	u32 scale = HDAEMU_PPM + ppm, rem;
	u64 ms = div_u64_rem(dt, HDAEMU_PPM, &rem);

	return ms * scale + div_u64((u64)rem * scale, HDAEMU_PPM);
}

/**
 * hdaemu_stream_real_ns() - CLOCK_MONOTONIC time for an amount of stream time
 * @engine: the engine; its lock held
 * @stream_ns: stream time from the anchor
 *
 * With a drifting clock, the least time after the anchor at which the
 * stream has run @stream_ns; without, @stream_ns itself.
 *
 * Context: any, engine->lock held.
 * Return: nanoseconds from the anchor.
 */
u64 hdaemu_stream_real_ns(const struct hdaemu_engine *engine, u64 stream_ns)
{
	s32 ppm = engine->drift_ppm;
	u64 dt;

	if (!ppm)
		return stream_ns;
	dt = mul_u64_u32_div(stream_ns, HDAEMU_PPM, HDAEMU_PPM + ppm);
	while (hdaemu_stream_time(dt, ppm) < stream_ns)
		dt++;
	while (dt && hdaemu_stream_time(dt - 1, ppm) >= stream_ns)
		dt--;
	return dt;
}

/**
 * hdaemu_stream_bytes_at() - bytes transferred since Reset, at an instant
 * @engine: the engine; its lock held
 * @now: a CLOCK_MONOTONIC instant
 *
 * Context: any, engine->lock held.
 * Return: the transfer count the timing model gives at @now.
 */
u64 hdaemu_stream_bytes_at(const struct hdaemu_engine *engine, ktime_t now)
{
	ktime_t dt;

	if (engine->state != HDAEMU_STREAM_RUN)
		return engine->anchor_bytes;
	dt = ktime_sub(now, engine->anchor);
	if (dt <= 0)
		return engine->anchor_bytes;
	return engine->anchor_bytes +
	       hdaemu_frames_in(hdaemu_stream_time(dt, engine->drift_ppm),
				engine->params.format.sample_rate) *
	       engine->params.frame_bytes;
}

/**
 * hdaemu_stream_shaped_bytes() - the transfer count as the position reports it
 * @engine: the engine; its lock held
 * @bytes: the exact transfer count
 *
 * An injected position granularity rounds what a running engine reports
 * down (STEPS) or up (BURSTS) to its step; the IOCs and the data keep the
 * exact count.
 *
 * Context: any, engine->lock held.
 * Return: the count to report.
 */
u64 hdaemu_stream_shaped_bytes(const struct hdaemu_engine *engine, u64 bytes)
{
	u64 step;

	if (engine->position_mode == HDAEMU_POSITION_SMOOTH ||
	    engine->state != HDAEMU_STREAM_RUN)
		return bytes;
	step = mul_u64_u32_div(engine->position_step_us, engine->params.format.sample_rate,
			       USEC_PER_SEC);
	step = max_t(u64, step, 1) * engine->params.frame_bytes;
	if (engine->position_mode == HDAEMU_POSITION_STEPS)
		return div64_u64(bytes, step) * step;
	return div64_u64(bytes + step - 1, step) * step;
}

/**
 * hdaemu_stream_reported_bytes() - the transfer count a position read gives
 * @engine: the engine; its lock held
 * @now: the instant of the read
 *
 * Capture data a late timer has not written yet is written first, so the
 * reader finds it behind the position; then the count is shaped by an
 * injected granularity. For the LPIB register and GET_POSITION.
 *
 * Context: any, engine->lock held.
 * Return: the count to report.
 */
u64 hdaemu_stream_reported_bytes(struct hdaemu_engine *engine, ktime_t now)
{
	u64 bytes = hdaemu_stream_bytes_at(engine, now);

	hdaemu_data_catch_up(engine, bytes);
	return hdaemu_stream_shaped_bytes(engine, bytes);
}

/**
 * hdaemu_stream_reanchor() - restart a running engine's clock from now
 * @engine: the engine; its lock held
 * @now: the current instant
 * @anchor: the new anchor: @now, or later for a stall (the position holds
 *	until then)
 * @drift_ppm: the clock's drift from now on
 *
 * The transfer count at @now carries over; the next timer point stays the
 * next, due again from the new anchor. A stopped engine only takes the
 * drift.
 *
 * Context: any, engine->lock held.
 */
void hdaemu_stream_reanchor(struct hdaemu_engine *engine, ktime_t now, ktime_t anchor,
			    s32 drift_ppm)
{
	u64 bytes;

	if (engine->state != HDAEMU_STREAM_RUN) {
		engine->drift_ppm = drift_ppm;
		hdaemu_stream_publish(engine);
		return;
	}
	bytes = hdaemu_stream_bytes_at(engine, now);
	hdaemu_data_stop(engine, bytes);
	engine->drift_ppm = drift_ppm;
	engine->anchor_bytes = bytes;
	engine->anchor = anchor;
	engine->run_gen++;
	/* A callback running now sees the new generation and does not restart. */
	hrtimer_try_to_cancel(&engine->timer);
	hdaemu_ioc_replan(engine);
	hdaemu_data_epoch(engine);
	hdaemu_stream_publish(engine);
}

/* The engine's slot in its owner's position page. */
static struct hdaemu_position_slot *hdaemu_stream_slot(struct hdaemu_engine *engine)
{
	struct hdaemu_position_slot *slots = engine->owner->position_page +
					     sizeof(struct hdaemu_position_header);

	return &slots[engine->slot];
}

/* Seqcount writer side: odd while the slot changes. */
static void hdaemu_slot_write_begin(struct hdaemu_position_slot *slot)
{
	WRITE_ONCE(slot->seq, slot->seq + 1);
	/* Pairs with the reader's acquire of seq before it reads the fields. */
	smp_wmb();
}

static void hdaemu_slot_write_end(struct hdaemu_position_slot *slot)
{
	/* Pairs with the reader's barrier before it reads seq again. */
	smp_wmb();
	WRITE_ONCE(slot->seq, slot->seq + 1);
}

/**
 * hdaemu_stream_publish() - write the engine's anchor to its position slot
 * @engine: an allocated engine; its lock held
 *
 * Userspace reads the slot without a system call, so it is written as a
 * seqcount: odd while changing, with write barriers around the fields.
 *
 * Context: any, engine->lock held.
 */
void hdaemu_stream_publish(struct hdaemu_engine *engine)
{
	struct hdaemu_position_slot *slot;

	if (!engine->owner)
		return;
	slot = hdaemu_stream_slot(engine);
	hdaemu_slot_write_begin(slot);
	WRITE_ONCE(slot->state, engine->state);
	WRITE_ONCE(slot->anchor_ns, ktime_to_ns(engine->anchor));
	WRITE_ONCE(slot->anchor_bytes, engine->anchor_bytes);
	WRITE_ONCE(slot->buffer_bytes, engine->buffer.cbl);
	WRITE_ONCE(slot->frame_bytes, engine->params.frame_bytes);
	WRITE_ONCE(slot->sample_rate, engine->params.format.sample_rate);
	WRITE_ONCE(slot->ioc_count, engine->ioc_sequence);
	WRITE_ONCE(slot->drift_ppm, engine->drift_ppm);
	WRITE_ONCE(slot->flags, engine->position_mode != HDAEMU_POSITION_SMOOTH ?
				HDAEMU_SLOT_SHAPED : 0);
	hdaemu_slot_write_end(slot);
}

/**
 * hdaemu_stream_publish_ioc() - add the latest IOC to the position slot
 * @engine: an allocated, running engine; its lock held
 * @due: the due time of its newest IOC
 *
 * Context: any, engine->lock held.
 */
void hdaemu_stream_publish_ioc(struct hdaemu_engine *engine, ktime_t due)
{
	struct hdaemu_position_slot *slot = hdaemu_stream_slot(engine);

	hdaemu_slot_write_begin(slot);
	WRITE_ONCE(slot->ioc_count, engine->ioc_sequence);
	WRITE_ONCE(slot->last_ioc_ns, ktime_to_ns(due));
	hdaemu_slot_write_end(slot);
}

static u32 hdaemu_stream_position_read(const struct hdaemu_register *reg)
{
	struct hdaemu_engine *engine = container_of(reg, struct hdaemu_engine, position_reg);
	unsigned long flags;
	u32 pos = 0, cbl;
	u64 bytes;

	spin_lock_irqsave(&engine->lock, flags);
	cbl = engine->buffer.cbl;
	bytes = hdaemu_stream_reported_bytes(engine, ktime_get());
	if (cbl)
		div_u64_rem(bytes, cbl, &pos);
	spin_unlock_irqrestore(&engine->lock, flags);
	return pos;
}

/**
 * hdaemu_stream_init() - set up an engine of the pool at controller creation
 * @engine: the engine
 *
 * Context: process context.
 */
void hdaemu_stream_init(struct hdaemu_engine *engine)
{
	spin_lock_init(&engine->lock);
	spin_lock_init(&engine->tap.lock);
	INIT_LIST_HEAD(&engine->notifications);
	engine->data.stats.loop_latency = -1;
	engine->state = HDAEMU_STREAM_RESET;
	engine->position_reg.read = hdaemu_stream_position_read;
	hdaemu_compat_hrtimer_setup(&engine->timer, hdaemu_ioc_timer_fn, CLOCK_MONOTONIC,
				    HRTIMER_MODE_ABS_HARD);
}

/* What a transition does, under the engine's lock. */
static void hdaemu_stream_apply(struct hdaemu_engine *engine, enum hdaemu_stream_state to,
				ktime_t now)
{
	enum hdaemu_stream_state from = engine->state;
	const struct hdaemu_client_events *events;
	u64 bytes;

	if (from == to)
		return;
	bytes = hdaemu_stream_bytes_at(engine, now);
	engine->run_gen++;
	switch (to) {
	case HDAEMU_STREAM_RUN:
		engine->anchor = now;
		engine->state = HDAEMU_STREAM_RUN;
		hdaemu_ioc_arm(engine);
		hdaemu_data_epoch(engine);
		hdaemu_data_run(engine);
		break;
	case HDAEMU_STREAM_STOP:
		if (from == HDAEMU_STREAM_RUN) {
			engine->anchor_bytes = hdaemu_stream_bytes_at(engine, now);
			/* A callback running now sees Stop and does not restart. */
			hrtimer_try_to_cancel(&engine->timer);
			hdaemu_data_stop(engine, engine->anchor_bytes);
		}
		engine->state = HDAEMU_STREAM_STOP;
		break;
	case HDAEMU_STREAM_RESET:
		engine->state = HDAEMU_STREAM_RESET;
		engine->anchor_bytes = 0;
		engine->ioc_sequence = 0;
		hdaemu_data_reset(engine);
		break;
	}
	hdaemu_stream_publish(engine);
	trace_hdaemu_state(engine, from, to, bytes);
	events = engine->owner ? engine->owner->events : NULL;
	if (events && events->state)
		events->state(engine->owner->events_context, engine, engine->slot, from, to,
			      bytes, now);
}

/* Whether @engine may go to @to; 0 or the errno that refuses it. */
static int hdaemu_stream_check(struct hdaemu_client *client, struct hdaemu_engine *engine,
			       enum hdaemu_stream_state to)
{
	enum hdaemu_stream_state from = engine->state;

	/* Read under the engine's lock, which removal takes after setting it. */
	if (hdaemu_client_gone(client))
		return -ENODEV;
	if (engine->owner != client)
		return -ENOENT;
	if (to != HDAEMU_STREAM_RESET && !engine->buffer.cbl)
		return -ENODATA;
	if ((from == HDAEMU_STREAM_RESET && to == HDAEMU_STREAM_RUN) ||
	    (from == HDAEMU_STREAM_RUN && to == HDAEMU_STREAM_RESET))
		return -EBADFD;
	return 0;
}

/*
 * SET_STATE holds one engine lock per engine of the call at once, in a loop
 * that sparse cannot follow; these tell it each lock is balanced by
 * hdaemu_stream_unlock_engine().
 */
static void hdaemu_stream_lock_engine(struct hdaemu_bus *bus, struct hdaemu_engine *engine)
{
	spin_lock_nest_lock(&engine->lock, &bus->state_lock);
	__release(&engine->lock);
}

static void hdaemu_stream_unlock_engine(struct hdaemu_engine *engine)
{
	__acquire(&engine->lock);
	spin_unlock(&engine->lock);
}

/**
 * hdaemu_stream_set_state() - SetDmaEngineState
 * @client: the caller
 * @state: the state to move to
 * @count: number of engines, 1..HDAEMU_MAX_ENGINES, all different
 * @handles: the engines
 * @timestamp: out, may be NULL: the instant of the transition, the run anchor
 *	of every engine this call starts
 *
 * Every engine is checked before any moves: one refusal moves none.
 *
 * Context: any (the reference allows DISPATCH_LEVEL), including a
 * notification callback of one of the engines.
 * Return: 0; -EINVAL (bad state, count or a repeated handle), -ENOENT (no
 * such engine), -ENODATA (to Stop or Run without a programmed buffer),
 * -EBADFD (Reset to Run or Run to Reset).
 */
int hdaemu_stream_set_state(struct hdaemu_client *client, enum hdaemu_stream_state state,
			    unsigned int count, struct hdaemu_engine *const *handles,
			    ktime_t *timestamp)
{
	struct hdaemu_bus *bus = client->bus;
	unsigned long flags;
	unsigned int i, j, locked = 0;
	ktime_t now;
	int ret = 0;

	if (state != HDAEMU_STREAM_RESET && state != HDAEMU_STREAM_STOP &&
	    state != HDAEMU_STREAM_RUN)
		return -EINVAL;
	if (!count || count > HDAEMU_MAX_ENGINES || !handles)
		return -EINVAL;
	if (hdaemu_client_gone(client))
		return -ENODEV;
	for (i = 0; i < count; i++) {
		for (j = 0; j < i; j++)
			if (handles[i] == handles[j])
				return -EINVAL;
		if (!hdaemu_engine_in_pool(bus, handles[i]))
			return -ENOENT;
	}

	spin_lock_irqsave(&bus->state_lock, flags);
	for (; locked < count; locked++) {
		hdaemu_stream_lock_engine(bus, handles[locked]);
		ret = hdaemu_stream_check(client, handles[locked], state);
		if (ret) {
			locked++;
			goto unlock;
		}
	}
	now = ktime_get();
	for (i = 0; i < count; i++)
		hdaemu_stream_apply(handles[i], state, now);
	if (timestamp)
		*timestamp = now;
unlock:
	while (locked--)
		hdaemu_stream_unlock_engine(handles[locked]);
	spin_unlock_irqrestore(&bus->state_lock, flags);
	return ret;
}

/**
 * hdaemu_stream_stop_sync() - stop an engine and wait out its timer
 * @engine: an allocated engine
 *
 * Used before freeing what the timer reads. A running engine is stopped
 * (its position kept); then any callback in flight is waited for.
 *
 * Context: process context; not from the engine's notification callbacks.
 */
void hdaemu_stream_stop_sync(struct hdaemu_engine *engine)
{
	spin_lock_irq(&engine->lock);
	if (engine->state == HDAEMU_STREAM_RUN)
		hdaemu_stream_apply(engine, HDAEMU_STREAM_STOP, ktime_get());
	spin_unlock_irq(&engine->lock);
	hrtimer_cancel(&engine->timer);
}
