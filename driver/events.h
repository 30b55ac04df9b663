/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hdaemu - a client's bounded event queue with per-source event sets.
 *
 * Records are queued from any context, including the IOC timer's hard
 * interrupt, so @lock is an irq-safe spinlock, and a leaf: nothing else is
 * taken under it but the wake-ups of its waitqueue and eventfd. The event
 * sets live here too, under the same lock, so that disabling a type and
 * dropping its pending records is one step no record can slip between.
 */
#ifndef _HDAEMU_EVENTS_H
#define _HDAEMU_EVENTS_H

#include <linux/eventfd.h>
#include <linux/spinlock.h>
#include <linux/wait.h>

#include <uapi/linux/hdaemu.h>

/* Event sets: one per position slot (engine), and one for the device. */
#define HDAEMU_QUEUE_SOURCES		(HDAEMU_POSITION_SLOTS + 1)
#define HDAEMU_QUEUE_DEVICE		HDAEMU_POSITION_SLOTS
#define HDAEMU_QUEUE_CAPACITY		256

/**
 * struct hdaemu_event_queue - a ring of event records
 * @lock: protects everything below; see the top of this file
 * @records: the ring, @capacity long
 * @capacity: records it holds, the last one kept for an overflow record
 * @head: index of the oldest record
 * @count: records queued
 * @next_sequence: the sequence number of the next record, from 1
 * @queued: records queued since creation, dropped ones included
 * @dropped: records dropped because the queue was full
 * @signals: times @eventfd was signalled
 * @eventfd: signalled when the queue goes from empty to not empty, or NULL
 * @sets: enabled event types (BIT(HDAEMU_EVENT_*)) of each source
 * @closed: the controller was removed: the last record is queued, readers
 *	get -ENODEV once they have read it
 * @wait: readers and pollers wait here for the queue to become not empty
 *
 * @records has @capacity + 1 entries: the one beyond the capacity is kept
 * for the removal record, which is never dropped.
 */
struct hdaemu_event_queue {
	spinlock_t lock;	/* see above */
	struct hdaemu_event_record *records;
	u32 capacity;
	u32 head;
	u32 count;
	u64 next_sequence;
	u64 queued;
	u64 dropped;
	u64 signals;
	struct eventfd_ctx *eventfd;
	u64 sets[HDAEMU_QUEUE_SOURCES];
	bool closed;
	wait_queue_head_t wait;
};

int hdaemu_queue_init(struct hdaemu_event_queue *q, u32 capacity);
void hdaemu_queue_destroy(struct hdaemu_event_queue *q);
void hdaemu_queue_push(struct hdaemu_event_queue *q, u32 source,
		       struct hdaemu_event_record *record);
bool hdaemu_queue_peek(struct hdaemu_event_queue *q, struct hdaemu_event_record *record);
void hdaemu_queue_consume(struct hdaemu_event_queue *q, u64 sequence);
bool hdaemu_queue_empty(struct hdaemu_event_queue *q);
u64 hdaemu_queue_enable(struct hdaemu_event_queue *q, u32 source, u64 types);
void hdaemu_queue_clear_set(struct hdaemu_event_queue *q, u32 source);
u64 hdaemu_queue_disable(struct hdaemu_event_queue *q, u32 source, u32 handle, u64 types);
struct eventfd_ctx *hdaemu_queue_set_eventfd(struct hdaemu_event_queue *q,
					     struct eventfd_ctx *eventfd);
void hdaemu_queue_status(struct hdaemu_event_queue *q, struct hdaemu_queue_status *status);
void hdaemu_queue_close(struct hdaemu_event_queue *q, struct hdaemu_event_record *record);
bool hdaemu_queue_closed(struct hdaemu_event_queue *q);

#endif /* _HDAEMU_EVENTS_H */
