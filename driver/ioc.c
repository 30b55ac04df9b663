// SPDX-License-Identifier: GPL-2.0
/*
 * hdaemu - IOC interrupts, simulated with one hrtimer per running engine,
 * and the notifications they signal.
 *
 * The n-th IOC after a run anchor t0 is due when the transfer count reaches
 * the n-th IOC point: at t0 plus the exact time of the frames up to it,
 * rounded up to the nanosecond (so at the due time the position is already
 * past the point). The timer is armed at that absolute instant. However late
 * a callback runs, it raises every IOC due by then, counts them in one
 * notification, and arms the next one at its exact due time: the clock does
 * not drift and no IOC is lost.
 *
 * The timer runs in hard interrupt context, like the interrupt it stands
 * for. It computes under engine->lock, then signals the registered
 * notifications under RCU with no lock held, then decides under the lock
 * whether to restart. See hdaemu.h for the rules that let a notification
 * stop the engine and let the free paths wait the timer out.
 */
#include <linux/errno.h>
#include <linux/math64.h>
#include <linux/rculist.h>
#include <linux/slab.h>

#include "hdaemu.h"
#include "trace.h"

static ktime_t hdaemu_ioc_next_due(const struct hdaemu_engine *engine)
{
	u64 ns = engine->due_whole_ns + (engine->due_frac ? 1 : 0);

	/* A drifting clock reaches the point sooner or later. */
	if (unlikely(engine->drift_ppm))
		ns = hdaemu_stream_real_ns(engine, ns);
	return ktime_add_ns(engine->anchor, ns);
}

/**
 * hdaemu_ioc_replan() - time the next point from the anchor, start the timer
 * @engine: a running engine with its next point chosen; its lock held
 *
 * A point already passed (a re-anchor found it due but not yet raised) is
 * due at the anchor.
 *
 * Context: any, engine->lock held.
 */
void hdaemu_ioc_replan(struct hdaemu_engine *engine)
{
	u64 frames = 0;

	if (engine->next_ioc_bytes > engine->anchor_bytes)
		frames = div_u64(engine->next_ioc_bytes - engine->anchor_bytes,
				 engine->params.frame_bytes);
	engine->due_whole_ns = div_u64_rem(frames * NSEC_PER_SEC,
					   engine->params.format.sample_rate,
					   &engine->due_frac);
	hrtimer_start(&engine->timer,
		      ktime_add(hdaemu_ioc_next_due(engine), hdaemu_fault_jitter(engine)),
		      HRTIMER_MODE_ABS_HARD);
}

/**
 * hdaemu_ioc_arm() - plan the first timer point of a run and start the timer
 * @engine: an engine just moved to Run, its anchor set; its lock held
 *
 * Every programmed buffer has timer points (buffer.c), and Run needs one.
 *
 * Context: any, engine->lock held.
 */
void hdaemu_ioc_arm(struct hdaemu_engine *engine)
{
	const struct hdaemu_buffer *buf = &engine->buffer;
	u32 pos, i, wrap = 0;

	div_u64_rem(engine->anchor_bytes, buf->cbl, &pos);
	for (i = 0; i < buf->num_points; i++)
		if (buf->points[i].offset > pos)
			break;
	if (i == buf->num_points) {
		i = 0;
		wrap = buf->cbl;
	}
	engine->next_point = i;
	engine->next_ioc_bytes = engine->anchor_bytes - pos + buf->points[i].offset + wrap;
	hdaemu_ioc_replan(engine);
}

/* Step to the IOC point after the current one: additions only. */
static void hdaemu_ioc_advance(struct hdaemu_engine *engine)
{
	const struct hdaemu_buffer *buf = &engine->buffer;
	const struct hdaemu_ioc_point *point;

	engine->next_point = engine->next_point + 1 == buf->num_points ?
			     0 : engine->next_point + 1;
	point = &buf->points[engine->next_point];
	engine->next_ioc_bytes += point->bytes;
	engine->due_whole_ns += point->ns_whole;
	engine->due_frac += point->ns_frac;
	if (engine->due_frac >= engine->params.format.sample_rate) {
		engine->due_frac -= engine->params.format.sample_rate;
		engine->due_whole_ns++;
	}
}

static void hdaemu_ioc_account(struct hdaemu_engine *engine, u32 count, ktime_t first_due,
			       ktime_t now)
{
	struct hdaemu_ioc_stats *stats = &engine->stats;
	u64 late = ktime_to_ns(ktime_sub(now, first_due));

	stats->iocs += count;
	stats->runs++;
	stats->late_last_ns = late;
	stats->late_sum_ns += late;
	if (late > stats->late_max_ns)
		stats->late_max_ns = late;
	if (count > 1) {
		stats->late_batches++;
		stats->missed += count - 1;
	}
}

static void hdaemu_ioc_notify(struct hdaemu_engine *engine, const struct hdaemu_ioc *ioc)
{
	struct hdaemu_notification_reg *reg;
	u32 signalled = 0;

	rcu_read_lock();
	list_for_each_entry_rcu(reg, &engine->notifications, node) {
		if (reg->event)
			reg->event->signal(reg->event, ioc);
		else
			reg->fn(reg->fn_context, ioc);
		signalled++;
	}
	rcu_read_unlock();
	trace_hdaemu_notify(engine, ioc, signalled);
}

/**
 * hdaemu_ioc_report_xrun() - tell an engine's owner of an xrun
 * @engine: the engine; its owner stable (bus->lock held, or its timer:
 *	freeing the engine waits the timer out before it drops the owner)
 * @xrun: what happened
 *
 * Context: any; no engine lock held (the owner's hook may stop streams).
 */
void hdaemu_ioc_report_xrun(struct hdaemu_engine *engine, const struct hdaemu_xrun *xrun)
{
	const struct hdaemu_client_events *events = engine->owner->events;

	trace_hdaemu_xrun(engine, xrun);
	if (events && events->xrun)
		events->xrun(engine->owner->events_context, engine, engine->slot, xrun);
}

/**
 * hdaemu_ioc_timer_fn() - an engine's IOC interrupt
 * @timer: the engine's timer
 *
 * Context: hard interrupt.
 * Return: HRTIMER_RESTART while the same run goes on, else NORESTART.
 */
enum hrtimer_restart hdaemu_ioc_timer_fn(struct hrtimer *timer)
{
	struct hdaemu_engine *engine = container_of(timer, struct hdaemu_engine, timer);
	const struct hdaemu_client_events *events;
	struct hdaemu_ioc ioc = {};
	struct hdaemu_xrun xrun;
	void *events_context;
	hdaemu_bdl_isr_fn isr;
	ktime_t now, due, first_due = 0;
	void *isr_context;
	bool restart, dropped = false, underrun = false;
	u32 count = 0, passed = 0, ioc_offset = 0;
	u32 gen;

	spin_lock(&engine->lock);
	/* Stopped, or restarted by a new Run that owns the timer now. */
	if (engine->state != HDAEMU_STREAM_RUN || hrtimer_is_queued(timer)) {
		spin_unlock(&engine->lock);
		return HRTIMER_NORESTART;
	}
	gen = engine->run_gen;
	now = ktime_get();
	for (due = hdaemu_ioc_next_due(engine); due <= now; due = hdaemu_ioc_next_due(engine)) {
		passed++;
		if (engine->buffer.points[engine->next_point].ioc) {
			if (!count)
				first_due = due;
			ioc.due = due;
			ioc_offset = engine->buffer.points[engine->next_point].offset;
			count++;
		}
		hdaemu_ioc_advance(engine);
	}
	if (passed)
		underrun = hdaemu_data_move(engine, now, &xrun);
	isr = engine->buffer.isr;
	isr_context = engine->buffer.isr_context;
	events = engine->owner->events;
	events_context = engine->owner->events_context;
	if (count) {
		engine->ioc_sequence += count;
		hdaemu_ioc_account(engine, count, first_due, now);
		ioc.sequence = engine->ioc_sequence;
		ioc.count = count;
		ioc.timestamp = now;
		ioc.lateness_ns = ktime_to_ns(ktime_sub(now, first_due));
		/* A point's offset is its link position, but CBL reads 0. */
		ioc.link_position = ioc_offset == engine->buffer.cbl ? 0 : ioc_offset;
		ioc.wallclock = hdaemu_wallclock_at(engine->bus, ioc.due);
		hdaemu_stream_publish_ioc(engine, ioc.due);
		/* A lost interrupt: the IOCs happened, nobody hears of them. */
		dropped = hdaemu_fault_drop(engine);
		if (dropped)
			engine->stats.dropped += count;
	}
	spin_unlock(&engine->lock);

	if (count && !dropped) {
		trace_hdaemu_ioc(engine, &ioc);
		hdaemu_ioc_notify(engine, &ioc);
		if (isr)
			isr(isr_context, HDAEMU_SD_STS_BCIS);
		if (events && events->ioc)
			events->ioc(events_context, engine, engine->slot, &ioc);
	}
	if (underrun)
		hdaemu_ioc_report_xrun(engine, &xrun);

	spin_lock(&engine->lock);
	restart = engine->state == HDAEMU_STREAM_RUN && engine->run_gen == gen &&
		  !hrtimer_is_queued(timer);
	/* The same run: the next point is still the one the loop stopped at. */
	if (restart)
		hrtimer_set_expires(timer, ktime_add(due, hdaemu_fault_jitter(engine)));
	engine->stats.busy_ns += ktime_to_ns(ktime_sub(ktime_get(), now));
	spin_unlock(&engine->lock);
	return restart ? HRTIMER_RESTART : HRTIMER_NORESTART;
}

static struct hdaemu_notification_reg *
hdaemu_notification_find(struct hdaemu_engine *engine, struct hdaemu_event *event,
			 hdaemu_notification_fn fn, void *fn_context)
{
	struct hdaemu_notification_reg *reg;

	list_for_each_entry(reg, &engine->notifications, node) {
		if (event ? reg->event == event :
		    !reg->event && reg->fn == fn && reg->fn_context == fn_context)
			return reg;
	}
	return NULL;
}

/**
 * hdaemu_notification_add() - RegisterNotificationEvent / ...Callback
 * @client: the caller
 * @handle: the engine; it must have a buffer that raises IOCs
 * @event: a V2 event to signal, or NULL to register @fn
 * @fn: a V3 callback, when @event is NULL
 * @fn_context: its context
 *
 * Context: process context.
 * Return: 0, -EINVAL, -ENOENT, -ENODATA (no buffer raising IOCs), -EEXIST
 * (registered already), -ENOSPC (the engine's slots are full), -ENOMEM.
 */
int hdaemu_notification_add(struct hdaemu_client *client, struct hdaemu_engine *handle,
			    struct hdaemu_event *event, hdaemu_notification_fn fn,
			    void *fn_context)
{
	struct hdaemu_bus *bus = client->bus;
	struct hdaemu_notification_reg *reg;
	struct hdaemu_engine *engine;
	int ret = 0;

	if (event ? !event->signal : !fn)
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
	if (!engine->buffer.num_iocs) {
		ret = -ENODATA;
		goto out;
	}
	if (hdaemu_notification_find(engine, event, fn, fn_context)) {
		ret = -EEXIST;
		goto out;
	}
	if (engine->num_notifications >= HDAEMU_MAX_NOTIFICATIONS) {
		ret = -ENOSPC;
		goto out;
	}
	ret = hdaemu_fault_alloc(bus, HDAEMU_ALLOC_NOTIFICATION);
	if (ret)
		goto out;
	reg = kzalloc(sizeof(*reg), GFP_KERNEL);
	if (!reg) {
		ret = -ENOMEM;
		goto out;
	}
	reg->event = event;
	reg->fn = fn;
	reg->fn_context = fn_context;
	list_add_tail_rcu(&reg->node, &engine->notifications);
	engine->num_notifications++;
out:
	mutex_unlock(&bus->lock);
	return ret;
}

/**
 * hdaemu_notification_remove() - UnregisterNotificationEvent / ...Callback
 * @client: the caller
 * @handle: the engine
 * @event: the V2 event, or NULL for the V3 callback @fn with @fn_context
 * @fn: the V3 callback
 * @fn_context: its context
 *
 * On return the target is not being signalled and will not be again.
 *
 * Context: process context; not from a notification callback.
 * Return: 0, -ENOENT (no such engine, or not registered on it).
 */
int hdaemu_notification_remove(struct hdaemu_client *client, struct hdaemu_engine *handle,
			       struct hdaemu_event *event, hdaemu_notification_fn fn,
			       void *fn_context)
{
	struct hdaemu_bus *bus = client->bus;
	struct hdaemu_notification_reg *reg = NULL;
	struct hdaemu_engine *engine;

	mutex_lock(&bus->lock);
	engine = hdaemu_engine_lookup(client, handle);
	if (engine)
		reg = hdaemu_notification_find(engine, event, fn, fn_context);
	if (reg) {
		list_del_rcu(&reg->node);
		engine->num_notifications--;
	}
	mutex_unlock(&bus->lock);
	if (!reg)
		return hdaemu_client_gone(client) ?: -ENOENT;
	synchronize_rcu();
	kfree(reg);
	return 0;
}

/**
 * hdaemu_notification_removed() - tell the engine's V2 events of a removal
 * @engine: the engine, whose registrations end next
 *
 * Context: process context, bus->lock held.
 */
void hdaemu_notification_removed(struct hdaemu_engine *engine)
{
	struct hdaemu_notification_reg *reg;

	lockdep_assert_held(&engine->bus->lock);
	list_for_each_entry(reg, &engine->notifications, node)
		if (reg->event && reg->event->removed)
			reg->event->removed(reg->event);
}

/**
 * hdaemu_notification_release_all() - end every registration of an engine
 * @engine: the engine, whose buffer or self is being freed
 *
 * On return no notification of the engine is running or will run.
 *
 * Context: process context, bus->lock held.
 */
void hdaemu_notification_release_all(struct hdaemu_engine *engine)
{
	struct hdaemu_notification_reg *reg, *next;
	LIST_HEAD(gone);

	lockdep_assert_held(&engine->bus->lock);
	if (list_empty(&engine->notifications))
		return;
	list_for_each_entry_safe(reg, next, &engine->notifications, node) {
		list_del_rcu(&reg->node);
		list_add(&reg->rcu_node, &gone);
	}
	engine->num_notifications = 0;
	synchronize_rcu();
	list_for_each_entry_safe(reg, next, &gone, rcu_node)
		kfree(reg);
}
