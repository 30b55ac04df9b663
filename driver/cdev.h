/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hdaemu - the char device's per-open state, shared by its ioctl and mmap
 * halves.
 *
 * Each open file is one client of the bus interface, reached only through
 * its ops table. @lock serialises the file's calls, so the engine table, a
 * slot's buffer fields and its eventfd list change only under it. A slot's
 * @maps counts live mappings of its buffer; it is atomic because mappings
 * close under mmap_lock, where @lock must not be taken (the ioctl path
 * takes mmap_lock under @lock when it faults on user memory).
 */
#ifndef _HDAEMU_CDEV_H
#define _HDAEMU_CDEV_H

#include <linux/atomic.h>
#include <linux/eventfd.h>
#include <linux/fs.h>
#include <linux/list.h>
#include <linux/mutex.h>

#include "events.h"
#include "hdaemu.h"

/* A handle: the slot's generation above, the slot plus one below. */
#define HDAEMU_HANDLE_SLOT_MASK		0xffu
#define HDAEMU_HANDLE_GEN_SHIFT		8
#define HDAEMU_HANDLE_GEN_MASK		0xffffffu

/**
 * struct hdaemu_file_notification - an eventfd registered on an engine
 * @node: in &hdaemu_file_engine.notifications
 * @event: the bus event whose signal adds to @eventfd
 * @eventfd: the eventfd, referenced while registered
 */
struct hdaemu_file_notification {
	struct list_head node;
	struct hdaemu_event event;
	struct eventfd_ctx *eventfd;
};

/**
 * struct hdaemu_file_engine - an engine of the file, at its position slot
 * @engine: the bus handle, NULL when the slot is free
 * @generation: the handle's upper bits; changes with each allocation
 * @direction: HDAEMU_DIR_*
 * @buffer_kind: HDAEMU_BUFFER_* of its buffer, 0 without one
 * @buffer: the buffer's memory
 * @buffer_bytes: the buffer's size
 * @maps: live mappings of the buffer
 * @notifications: registered eventfds
 */
struct hdaemu_file_engine {
	struct hdaemu_engine *engine;
	u32 generation;
	u32 direction;
	u32 buffer_kind;
	void *buffer;
	u32 buffer_bytes;
	atomic_t maps;
	struct list_head notifications;
};

/**
 * struct hdaemu_file - one open file of /dev/hdaemu
 * @lock: serialises the file's calls
 * @read_lock: serialises readers of @queue
 * @bus: the file's bus interface (its client)
 * @queue: the file's event queue
 * @engines: by position slot
 * @unsol: the file's unsolicited response registrations (cdev_codec.c)
 */
struct hdaemu_file {
	struct mutex lock;	/* serialises the file's calls */
	struct mutex read_lock;	/* serialises read() */
	struct hdaemu_bus_interface *bus;
	struct hdaemu_event_queue queue;
	struct hdaemu_file_engine engines[HDAEMU_POSITION_SLOTS];
	struct list_head unsol;
};

static inline bool hdaemu_is_zero(const void *p, size_t n)
{
	return !memchr_inv(p, 0, n);
}

/* The file's engine a handle names, or NULL; the file's lock held. */
static inline struct hdaemu_file_engine *hdaemu_file_engine(struct hdaemu_file *hf, u32 handle)
{
	u32 slot = (handle & HDAEMU_HANDLE_SLOT_MASK) - 1;
	struct hdaemu_file_engine *fe;

	if (slot >= HDAEMU_POSITION_SLOTS)
		return NULL;
	fe = &hf->engines[slot];
	if (!fe->engine || fe->generation != handle >> HDAEMU_HANDLE_GEN_SHIFT)
		return NULL;
	return fe;
}

/* cdev_mmap.c */
int hdaemu_cdev_mmap(struct file *file, struct vm_area_struct *vma);

/* cdev_events.c */
extern const struct hdaemu_client_events hdaemu_file_events;
ssize_t hdaemu_cdev_read(struct file *file, char __user *buf, size_t count, loff_t *ppos);
__poll_t hdaemu_cdev_poll(struct file *file, struct poll_table_struct *wait);
long hdaemu_ioctl_set_queue_event(struct hdaemu_file *hf, void *data);
long hdaemu_ioctl_enable_events(struct hdaemu_file *hf, void *data);
long hdaemu_ioctl_disable_events(struct hdaemu_file *hf, void *data);
long hdaemu_ioctl_get_queue_status(struct hdaemu_file *hf, void *data);
long hdaemu_ioctl_get_engine_stats(struct hdaemu_file *hf, void *data);
long hdaemu_ioctl_get_data_stats(struct hdaemu_file *hf, void *data);
void hdaemu_events_unsol(struct hdaemu_file *hf, u8 tag, u64 response);
long hdaemu_ioctl_set_fault(struct hdaemu_file *hf, void *data);

/* cdev_codec.c */
long hdaemu_ioctl_transfer_verbs(struct hdaemu_file *hf, void *data);
long hdaemu_ioctl_get_device_info(struct hdaemu_file *hf, void *data);
long hdaemu_ioctl_register_unsol(struct hdaemu_file *hf, void *data);
long hdaemu_ioctl_unregister_unsol(struct hdaemu_file *hf, void *data);
long hdaemu_ioctl_read_unsol(struct hdaemu_file *hf, void *data);
long hdaemu_ioctl_inject_jack(struct hdaemu_file *hf, void *data);
long hdaemu_ioctl_get_converters(struct hdaemu_file *hf, void *data);
long hdaemu_ioctl_get_codec_stats(struct hdaemu_file *hf, void *data);
long hdaemu_ioctl_set_input_source(struct hdaemu_file *hf, void *data);
long hdaemu_ioctl_get_input_source(struct hdaemu_file *hf, void *data);
void hdaemu_cdev_codec_release(struct hdaemu_file *hf);

#endif /* _HDAEMU_CDEV_H */
