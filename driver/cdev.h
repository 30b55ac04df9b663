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

#include "hdaemu.h"

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
 * @bus: the file's bus interface (its client)
 * @engines: by position slot
 */
struct hdaemu_file {
	struct mutex lock;	/* serialises the file's calls */
	struct hdaemu_bus_interface *bus;
	struct hdaemu_file_engine engines[HDAEMU_POSITION_SLOTS];
};

int hdaemu_cdev_mmap(struct file *file, struct vm_area_struct *vma);

#endif /* _HDAEMU_CDEV_H */
