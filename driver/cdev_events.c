// SPDX-License-Identifier: GPL-2.0
/*
 * hdaemu - /dev/hdaemu's event queue: read(), poll(), the queue event, the
 * event sets and the statistics ioctls, and the client hooks that turn the
 * bus's IOCs and state changes into records.
 *
 * The hooks run in the IOC timer's hard interrupt or under engine locks:
 * they only build a record on the stack and push it, taking nothing but the
 * queue's leaf lock. A slot's handle generation is read there without the
 * file's lock; it only changes when a new engine takes the slot, and no
 * hook can run for a slot between its engine's free and the next
 * allocation.
 */
#include <linux/capability.h>
#include <linux/poll.h>
#include <linux/uaccess.h>

#include "cdev.h"

static u32 hdaemu_events_handle(struct hdaemu_file *hf, u8 slot)
{
	return READ_ONCE(hf->engines[slot].generation) << HDAEMU_HANDLE_GEN_SHIFT | (slot + 1);
}

static void hdaemu_events_ioc(void *context, struct hdaemu_engine *engine, u8 slot,
			      const struct hdaemu_ioc *ioc)
{
	struct hdaemu_file *hf = context;
	struct hdaemu_event_record r = {
		.type = HDAEMU_EVENT_IOC,
		.handle = hdaemu_events_handle(hf, slot),
		.timestamp_ns = ktime_to_ns(ioc->due),
		.ioc = {
			.sequence = ioc->sequence,
			.count = ioc->count,
			.link_position = ioc->link_position,
			.wallclock = ioc->wallclock,
			.interrupt_ns = ktime_to_ns(ioc->timestamp),
		},
	};

	hdaemu_queue_push(&hf->queue, slot, &r);
	if (ioc->count > 1) {
		struct hdaemu_event_record late = {
			.type = HDAEMU_EVENT_LATE,
			.handle = r.handle,
			.timestamp_ns = ktime_to_ns(ioc->timestamp),
			.late = {
				.sequence = ioc->sequence,
				.count = ioc->count,
				.lateness_ns = ioc->lateness_ns,
			},
		};

		hdaemu_queue_push(&hf->queue, slot, &late);
	}
}

static void hdaemu_events_state(void *context, struct hdaemu_engine *engine, u8 slot,
				enum hdaemu_stream_state from, enum hdaemu_stream_state to,
				u64 bytes, ktime_t when)
{
	struct hdaemu_file *hf = context;
	struct hdaemu_event_record r = {
		.type = HDAEMU_EVENT_STATE,
		.handle = hdaemu_events_handle(hf, slot),
		.timestamp_ns = ktime_to_ns(when),
		.state = { .from = from, .to = to, .bytes = bytes },
	};

	hdaemu_queue_push(&hf->queue, slot, &r);
}

static void hdaemu_events_xrun(void *context, struct hdaemu_engine *engine, u8 slot,
			       const struct hdaemu_xrun *xrun)
{
	struct hdaemu_file *hf = context;
	struct hdaemu_event_record r = {
		.type = HDAEMU_EVENT_XRUN,
		.handle = hdaemu_events_handle(hf, slot),
		.timestamp_ns = ktime_to_ns(xrun->when),
		.xrun = {
			.reason = xrun->reason,
			.count = xrun->count,
			.bytes = xrun->bytes,
			.length = xrun->length,
			.stall_ns = xrun->stall_ns,
		},
	};

	hdaemu_queue_push(&hf->queue, slot, &r);
}

/**
 * hdaemu_events_unsol() - queue an unsolicited response for the file
 * @hf: the file that registered @tag
 * @tag: the tag of the response
 * @response: the response, as the bus delivers it
 *
 * Context: the bus's unsolicited callback (process context).
 */
void hdaemu_events_unsol(struct hdaemu_file *hf, u8 tag, u64 response)
{
	struct hdaemu_event_record r = {
		.type = HDAEMU_EVENT_UNSOL,
		.timestamp_ns = ktime_get_ns(),
		.unsol = {
			.response = response,
			.tag = tag,
			.codec_address = (response >> 32) & 0xf,
		},
	};

	hdaemu_queue_push(&hf->queue, HDAEMU_QUEUE_DEVICE, &r);
}

/*
 * The controller was removed: the file's last record, whatever its event
 * sets, and every waiter woken. Called under bus->lock: the file's lock
 * must not be taken here (its ioctls take bus->lock under it), and is not
 * needed: only the queue changes.
 */
static void hdaemu_events_removed(void *context)
{
	struct hdaemu_file *hf = context;
	struct hdaemu_event_record r = {
		.type = HDAEMU_EVENT_REMOVAL,
		.timestamp_ns = ktime_get_ns(),
	};

	hdaemu_queue_close(&hf->queue, &r);
}

const struct hdaemu_client_events hdaemu_file_events = {
	.ioc = hdaemu_events_ioc,
	.state = hdaemu_events_state,
	.removed = hdaemu_events_removed,
	.xrun = hdaemu_events_xrun,
};

/* Something for a reader: a record, or the end after a removal. */
static bool hdaemu_queue_readable(struct hdaemu_event_queue *q)
{
	return !hdaemu_queue_empty(q) || hdaemu_queue_closed(q);
}

/**
 * hdaemu_cdev_read() - read whole event records
 * @file: an open /dev/hdaemu
 * @buf: where to put them
 * @count: room at @buf; at least one record
 * @ppos: unused (the device is not seekable)
 *
 * Blocks until a record waits, unless the file is non-blocking.
 *
 * Context: process context.
 * Return: bytes read, a multiple of the record size; -EINVAL for room less
 * than one record, -EAGAIN when empty and non-blocking, -ENODEV when empty
 * after a surprise removal, -EFAULT, -ERESTARTSYS when interrupted.
 */
ssize_t hdaemu_cdev_read(struct file *file, char __user *buf, size_t count, loff_t *ppos)
{
	struct hdaemu_file *hf = file->private_data;
	struct hdaemu_event_queue *q = &hf->queue;
	struct hdaemu_event_record r;
	size_t done = 0;
	int ret;

	if (count < sizeof(r))
		return -EINVAL;
	/* One reader at a time, so a peeked record is the one consumed. */
	if (mutex_lock_interruptible(&hf->read_lock))
		return -ERESTARTSYS;
	while (done + sizeof(r) <= count) {
		if (!hdaemu_queue_peek(q, &r)) {
			if (done)
				break;
			if (hdaemu_queue_closed(q)) {
				ret = -ENODEV;
				goto out;
			}
			if (file->f_flags & O_NONBLOCK) {
				ret = -EAGAIN;
				goto out;
			}
			ret = wait_event_interruptible(q->wait, hdaemu_queue_readable(q));
			if (ret)
				goto out;
			continue;
		}
		if (copy_to_user(buf + done, &r, sizeof(r))) {
			ret = done ? 0 : -EFAULT;
			goto out;
		}
		hdaemu_queue_consume(q, r.sequence);
		done += sizeof(r);
	}
	ret = 0;
out:
	mutex_unlock(&hf->read_lock);
	return done ? done : ret;
}

/**
 * hdaemu_cdev_poll() - readable while records wait
 * @file: an open /dev/hdaemu
 * @wait: the poll table
 *
 * Context: process context.
 * Return: EPOLLIN | EPOLLRDNORM when a record waits, EPOLLHUP | EPOLLERR
 * after a surprise removal, else 0.
 */
__poll_t hdaemu_cdev_poll(struct file *file, poll_table *wait)
{
	struct hdaemu_file *hf = file->private_data;
	__poll_t mask = 0;

	poll_wait(file, &hf->queue.wait, wait);
	if (!hdaemu_queue_empty(&hf->queue))
		mask |= EPOLLIN | EPOLLRDNORM;
	if (hdaemu_queue_closed(&hf->queue))
		mask |= EPOLLHUP | EPOLLERR;
	return mask;
}

long hdaemu_ioctl_set_queue_event(struct hdaemu_file *hf, void *data)
{
	struct hdaemu_queue_event *arg = data;
	struct eventfd_ctx *eventfd = NULL, *old;

	if (arg->flags)
		return -EINVAL;
	/* -1 clears; any other descriptor must be an open eventfd. */
	if (arg->eventfd != -1) {
		eventfd = eventfd_ctx_fdget(arg->eventfd);
		if (IS_ERR(eventfd))
			return PTR_ERR(eventfd);
	}
	old = hdaemu_queue_set_eventfd(&hf->queue, eventfd);
	if (old)
		eventfd_ctx_put(old);
	return 0;
}

/* The event set an ioctl names: an engine's slot, or the device's. */
static int hdaemu_event_source(struct hdaemu_file *hf, struct hdaemu_event_set *arg,
			       u32 *source)
{
	struct hdaemu_file_engine *fe;

	if (arg->flags)
		return -EINVAL;
	if (!arg->handle) {
		if (arg->types & ~HDAEMU_EVENTS_DEVICE)
			return -EINVAL;
		*source = HDAEMU_QUEUE_DEVICE;
		return 0;
	}
	if (arg->types & ~HDAEMU_EVENTS_ENGINE)
		return -EINVAL;
	fe = hdaemu_file_engine(hf, arg->handle);
	if (!fe)
		return -ENOENT;
	*source = fe - hf->engines;
	return 0;
}

long hdaemu_ioctl_enable_events(struct hdaemu_file *hf, void *data)
{
	struct hdaemu_event_set *arg = data;
	u32 source;
	int ret;

	ret = hdaemu_event_source(hf, arg, &source);
	if (ret)
		return ret;
	arg->enabled = hdaemu_queue_enable(&hf->queue, source, arg->types);
	return 0;
}

long hdaemu_ioctl_disable_events(struct hdaemu_file *hf, void *data)
{
	struct hdaemu_event_set *arg = data;
	u32 source;
	int ret;

	ret = hdaemu_event_source(hf, arg, &source);
	if (ret)
		return ret;
	arg->enabled = hdaemu_queue_disable(&hf->queue, source, arg->handle, arg->types);
	return 0;
}

long hdaemu_ioctl_get_queue_status(struct hdaemu_file *hf, void *data)
{
	struct hdaemu_queue_status *arg = data;

	if (arg->flags || arg->pad || !hdaemu_is_zero(arg->reserved, sizeof(arg->reserved)))
		return -EINVAL;
	hdaemu_queue_status(&hf->queue, arg);
	return 0;
}

long hdaemu_ioctl_get_engine_stats(struct hdaemu_file *hf, void *data)
{
	struct hdaemu_engine_stats *arg = data;
	struct hdaemu_file_engine *fe;
	struct hdaemu_ioc_stats stats;
	int ret;

	if (arg->flags)
		return -EINVAL;
	fe = hdaemu_file_engine(hf, arg->handle);
	if (!fe)
		return -ENOENT;
	ret = hf->bus->get_engine_stats(hf->bus->context, fe->engine, &stats);
	if (ret)
		return ret;
	arg->iocs = stats.iocs;
	arg->interrupts = stats.runs;
	arg->late_interrupts = stats.late_batches;
	arg->missed = stats.missed;
	arg->late_last_ns = stats.late_last_ns;
	arg->late_max_ns = stats.late_max_ns;
	arg->late_mean_ns = hdaemu_ioc_stats_mean(&stats);
	arg->dropped = stats.dropped;
	arg->busy_ns = stats.busy_ns;
	return 0;
}

/*
 * GET_DATA_STATS reads the emulator's side of the data path, which no bus
 * routine reports: it reaches the core directly, for the file's own engine.
 */
long hdaemu_ioctl_get_data_stats(struct hdaemu_file *hf, void *data)
{
	struct hdaemu_data_stats *arg = data;
	struct hdaemu_file_engine *fe;

	if (arg->flags || !hdaemu_is_zero(arg->reserved, sizeof(arg->reserved)))
		return -EINVAL;
	fe = hdaemu_file_engine(hf, arg->handle);
	if (!fe)
		return -ENOENT;
	return hdaemu_data_get_stats(hf->bus->context, fe->engine, arg);
}

/*
 * SET_FAULT is an emulator control, not a bus routine: it reaches the
 * controller directly, and only for a caller with CAP_SYS_ADMIN, as it
 * changes what every client sees.
 */
long hdaemu_ioctl_set_fault(struct hdaemu_file *hf, void *data)
{
	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	return hdaemu_fault_set(hdaemu_bus_get(), data);
}
