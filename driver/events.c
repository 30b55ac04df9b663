// SPDX-License-Identifier: GPL-2.0
/*
 * hdaemu - the event queue of a client: a bounded ring of records.
 *
 * Nothing is lost silently. Ordinary records fill all slots but the last;
 * when a record finds them full, it is dropped and counted in an overflow
 * record kept in the last slot, the newest of the queue, which counts every
 * further drop until the reader makes room. A dropped record still takes
 * its sequence number, so a reader sees exactly where and how many records
 * are missing, and of which types.
 *
 * The queue's eventfd follows the IoRing completion event's rule: it is
 * signalled only when the queue goes from empty to not empty. A consumer
 * must therefore read until the queue is empty before it waits again.
 * Locking: see events.h.
 */
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/poll.h>
#include <linux/slab.h>

#include "compat.h"
#include "events.h"

/**
 * hdaemu_queue_init() - make an empty queue with every event set empty
 * @q: the queue
 * @capacity: records it holds, at least 2
 *
 * Context: process context.
 * Return: 0 or -ENOMEM.
 */
int hdaemu_queue_init(struct hdaemu_event_queue *q, u32 capacity)
{
	memset(q, 0, sizeof(*q));
	q->records = kvcalloc(capacity + 1, sizeof(*q->records), GFP_KERNEL);
	if (!q->records)
		return -ENOMEM;
	spin_lock_init(&q->lock);
	init_waitqueue_head(&q->wait);
	q->capacity = capacity;
	q->next_sequence = 1;
	return 0;
}

/**
 * hdaemu_queue_destroy() - free a queue and drop its eventfd
 * @q: the queue, which nothing pushes to any more
 *
 * Context: process context.
 */
void hdaemu_queue_destroy(struct hdaemu_event_queue *q)
{
	if (q->eventfd)
		eventfd_ctx_put(q->eventfd);
	kvfree(q->records);
	q->records = NULL;
}

static struct hdaemu_event_record *hdaemu_queue_at(struct hdaemu_event_queue *q, u32 i)
{
	return &q->records[(q->head + i) % (q->capacity + 1)];
}

static void hdaemu_queue_count_drop(struct hdaemu_event_record *overflow, u32 type)
{
	overflow->overflow.dropped++;
	if (type < ARRAY_SIZE(overflow->overflow.dropped_by_type))
		overflow->overflow.dropped_by_type[type]++;
}

/* Signal the queue event and wake readers and pollers; q->lock held. */
static void hdaemu_queue_wake(struct hdaemu_event_queue *q, __poll_t events)
{
	if (q->eventfd) {
		hdaemu_compat_eventfd_add(q->eventfd, 1);
		q->signals++;
	}
	wake_up_interruptible_poll(&q->wait, events);
}

/**
 * hdaemu_queue_push() - queue a record if its source has its type enabled
 * @q: the queue
 * @source: the position slot of the engine it concerns, or
 *	HDAEMU_QUEUE_DEVICE
 * @record: the record; its sequence number is set here
 *
 * Context: any; takes the queue's lock.
 */
void hdaemu_queue_push(struct hdaemu_event_queue *q, u32 source,
		       struct hdaemu_event_record *record)
{
	struct hdaemu_event_record *last;
	unsigned long flags;

	spin_lock_irqsave(&q->lock, flags);
	if (q->closed || !(q->sets[source] & BIT_ULL(record->type)))
		goto out;
	record->sequence = q->next_sequence++;
	q->queued++;
	if (q->count >= q->capacity - 1) {
		/* Full: the drop goes into the overflow record, made if need be. */
		last = hdaemu_queue_at(q, q->count - 1);
		if (last->type != HDAEMU_EVENT_OVERFLOW) {
			last = hdaemu_queue_at(q, q->count++);
			memset(last, 0, sizeof(*last));
			last->type = HDAEMU_EVENT_OVERFLOW;
			last->sequence = record->sequence;
			last->timestamp_ns = record->timestamp_ns;
		}
		hdaemu_queue_count_drop(last, record->type);
		q->dropped++;
		goto out;
	}
	*hdaemu_queue_at(q, q->count++) = *record;
	/* Empty to not empty: the one moment the queue event fires. */
	if (q->count == 1)
		hdaemu_queue_wake(q, EPOLLIN | EPOLLRDNORM);
out:
	spin_unlock_irqrestore(&q->lock, flags);
}

/**
 * hdaemu_queue_peek() - copy the oldest record without removing it
 * @q: the queue
 * @record: filled with the oldest record
 *
 * The reader copies the record out, then consumes it by its sequence
 * number, so a failed copy to userspace loses nothing.
 *
 * Context: any; takes the queue's lock.
 * Return: false when the queue is empty.
 */
bool hdaemu_queue_peek(struct hdaemu_event_queue *q, struct hdaemu_event_record *record)
{
	unsigned long flags;
	bool found;

	spin_lock_irqsave(&q->lock, flags);
	found = q->count;
	if (found)
		*record = *hdaemu_queue_at(q, 0);
	spin_unlock_irqrestore(&q->lock, flags);
	return found;
}

/**
 * hdaemu_queue_consume() - remove the oldest record if it is still @sequence
 * @q: the queue
 * @sequence: the sequence number hdaemu_queue_peek() gave
 *
 * Context: any; takes the queue's lock.
 */
void hdaemu_queue_consume(struct hdaemu_event_queue *q, u64 sequence)
{
	unsigned long flags;

	spin_lock_irqsave(&q->lock, flags);
	if (q->count && hdaemu_queue_at(q, 0)->sequence == sequence) {
		q->head = (q->head + 1) % (q->capacity + 1);
		q->count--;
	}
	spin_unlock_irqrestore(&q->lock, flags);
}

/**
 * hdaemu_queue_empty() - whether no record waits
 * @q: the queue
 *
 * Context: any.
 * Return: true when the queue is empty.
 */
bool hdaemu_queue_empty(struct hdaemu_event_queue *q)
{
	return !READ_ONCE(q->count);
}

/**
 * hdaemu_queue_enable() - add types to a source's event set
 * @q: the queue
 * @source: a position slot or HDAEMU_QUEUE_DEVICE
 * @types: BIT(HDAEMU_EVENT_*) values, already checked by the caller
 *
 * Context: any; takes the queue's lock.
 * Return: the set in effect.
 */
u64 hdaemu_queue_enable(struct hdaemu_event_queue *q, u32 source, u64 types)
{
	unsigned long flags;
	u64 set;

	spin_lock_irqsave(&q->lock, flags);
	q->sets[source] |= types;
	set = q->sets[source];
	spin_unlock_irqrestore(&q->lock, flags);
	return set;
}

/**
 * hdaemu_queue_disable() - remove types from a source's event set
 * @q: the queue
 * @source: a position slot or HDAEMU_QUEUE_DEVICE
 * @handle: the handle the source's records carry (0 for the device)
 * @types: BIT(HDAEMU_EVENT_*) values
 *
 * The pending records of those types from that source leave the queue in
 * the same step, the others keep their order. Overflow records stay: they
 * count what was lost, whatever its type.
 *
 * Context: any; takes the queue's lock.
 * Return: the set in effect.
 */
u64 hdaemu_queue_disable(struct hdaemu_event_queue *q, u32 source, u32 handle, u64 types)
{
	unsigned long flags;
	u32 i, kept = 0;
	u64 set;

	spin_lock_irqsave(&q->lock, flags);
	q->sets[source] &= ~types;
	set = q->sets[source];
	for (i = 0; i < q->count; i++) {
		struct hdaemu_event_record *r = hdaemu_queue_at(q, i);

		if (r->handle == handle && r->type != HDAEMU_EVENT_OVERFLOW &&
		    (types & BIT_ULL(r->type)))
			continue;
		if (kept != i)
			*hdaemu_queue_at(q, kept) = *r;
		kept++;
	}
	q->count = kept;
	spin_unlock_irqrestore(&q->lock, flags);
	return set;
}

/**
 * hdaemu_queue_clear_set() - empty a source's event set, keeping its records
 * @q: the queue
 * @source: a position slot whose engine is gone
 *
 * Context: any; takes the queue's lock.
 */
void hdaemu_queue_clear_set(struct hdaemu_event_queue *q, u32 source)
{
	unsigned long flags;

	spin_lock_irqsave(&q->lock, flags);
	q->sets[source] = 0;
	spin_unlock_irqrestore(&q->lock, flags);
}

/**
 * hdaemu_queue_set_eventfd() - replace the queue's eventfd
 * @q: the queue
 * @eventfd: the new one (its reference passes to the queue), or NULL
 *
 * Context: any; takes the queue's lock.
 * Return: the one replaced, for the caller to put outside the lock, or NULL.
 */
struct eventfd_ctx *hdaemu_queue_set_eventfd(struct hdaemu_event_queue *q,
					     struct eventfd_ctx *eventfd)
{
	struct eventfd_ctx *old;
	unsigned long flags;

	spin_lock_irqsave(&q->lock, flags);
	old = q->eventfd;
	q->eventfd = eventfd;
	spin_unlock_irqrestore(&q->lock, flags);
	return old;
}

/**
 * hdaemu_queue_close() - queue the last record and wake every waiter
 * @q: the queue
 * @record: the removal record; its sequence number is set here
 *
 * The record goes in whatever the event sets and the fill (it has its own
 * slot). No record is queued after it. The queue's eventfd is signalled and
 * readers and pollers are woken, whether the queue was empty or not.
 *
 * Context: any; takes the queue's lock.
 */
void hdaemu_queue_close(struct hdaemu_event_queue *q, struct hdaemu_event_record *record)
{
	unsigned long flags;

	spin_lock_irqsave(&q->lock, flags);
	if (!q->closed) {
		q->closed = true;
		record->sequence = q->next_sequence++;
		q->queued++;
		*hdaemu_queue_at(q, q->count++) = *record;
		hdaemu_queue_wake(q, EPOLLIN | EPOLLRDNORM | EPOLLHUP);
	}
	spin_unlock_irqrestore(&q->lock, flags);
}

/**
 * hdaemu_queue_closed() - whether the removal record was queued
 * @q: the queue
 *
 * Context: any.
 * Return: true after hdaemu_queue_close().
 */
bool hdaemu_queue_closed(struct hdaemu_event_queue *q)
{
	return READ_ONCE(q->closed);
}

/**
 * hdaemu_queue_status() - the queue's size, fill and counters
 * @q: the queue
 * @status: its capacity, pending, queued, dropped and signals are set
 *
 * Context: any; takes the queue's lock.
 */
void hdaemu_queue_status(struct hdaemu_event_queue *q, struct hdaemu_queue_status *status)
{
	unsigned long flags;

	spin_lock_irqsave(&q->lock, flags);
	status->capacity = q->capacity;
	status->pending = q->count;
	status->queued = q->queued;
	status->dropped = q->dropped;
	status->signals = q->signals;
	spin_unlock_irqrestore(&q->lock, flags);
}
