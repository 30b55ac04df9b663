/* SPDX-License-Identifier: GPL-2.0 */
/*
 * libhdaemu, bus layer: /dev/hdaemu one ioctl per call, the position page
 * read without a system call (with GET_POSITION as the fallback while a
 * fault shapes the position), and DMA buffer mappings.
 *
 * Conventions of every call here:
 *  - Return 0 (or a count, where said) on success and a negative errno on
 *    failure; errno itself is left as the system call set it. The errnos
 *    each ioctl can return, and why, are those of Documentation/ioctl.rst
 *    for that ioctl; this header lists only what the library adds.
 *  - Structures are the uapi ones of <linux/hdaemu.h>. A call that takes a
 *    structure clears nothing: the caller sets the input fields (flags,
 *    pad and reserved fields 0) and reads the output fields. Calls that
 *    take scalars build the structure themselves.
 *  - Every call that takes @fd also fails with -EBADF, -ENOTTY or -EFAULT
 *    as ioctl(2) does for a descriptor that is not /dev/hdaemu, and with
 *    -ENODEV after an emulated removal of the controller.
 */
#ifndef LIBHDAEMU_BUS_H
#define LIBHDAEMU_BUS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include <linux/hdaemu.h>

#define HDAEMU_DEFAULT_PATH	"/dev/" HDAEMU_DEVICE_NAME
#define HDAEMU_NSEC_PER_SEC	1000000000ull

/**
 * struct hdaemu_dev - an open /dev/hdaemu with its controller facts
 * @fd: the open file: one client of the bus; every engine allocated through
 *	it is freed when it is closed
 * @info: GET_INFO, read at open
 * @position_page: the read-only position page, mapped at open
 */
struct hdaemu_dev {
	int fd;
	struct hdaemu_info info;
	const void *position_page;
};

/* ---- Opening the device ------------------------------------------------ */

/**
 * hdaemu_dev_open() - open the device, read GET_INFO, map the position page
 * @dev: filled in on success; on failure @dev->fd is -1
 * @path: the device node, or NULL for HDAEMU_DEFAULT_PATH
 *
 * Return: 0; -ENOENT (no such node: module not loaded), -EACCES (no
 * permission), any errno of open(2), GET_INFO or mmap(2); -EPROTO when the
 * module's ABI version is older than this library's or lacks the engines,
 * notifications or position page features.
 */
int hdaemu_dev_open(struct hdaemu_dev *dev, const char *path);

/**
 * hdaemu_dev_close() - unmap the position page and close the file
 * @dev: opened by hdaemu_dev_open(), or with @dev->fd -1 (then a no-op)
 *
 * Closing frees every engine, buffer and registration of the file. Buffer
 * mappings keep the file open until they are unmapped.
 */
void hdaemu_dev_close(struct hdaemu_dev *dev);

/* ---- One call per ioctl ------------------------------------------------ */

/** hdaemu_get_info() - HDAEMU_IOC_GET_INFO into @info (zeroed first). */
int hdaemu_get_info(int fd, struct hdaemu_info *info);
/** hdaemu_alloc_engine() - HDAEMU_IOC_ALLOC_ENGINE; @a is in/out. */
int hdaemu_alloc_engine(int fd, struct hdaemu_engine_alloc *a);
/** hdaemu_free_engine() - HDAEMU_IOC_FREE_ENGINE of @handle. */
int hdaemu_free_engine(int fd, uint32_t handle);
/** hdaemu_change_format() - HDAEMU_IOC_CHANGE_FORMAT; @f is in/out. */
int hdaemu_change_format(int fd, struct hdaemu_engine_format *f);
/** hdaemu_alloc_buffer() - HDAEMU_IOC_ALLOC_BUFFER; @b is in/out. */
int hdaemu_alloc_buffer(int fd, struct hdaemu_buffer_alloc *b);
/**
 * hdaemu_free_buffer() - HDAEMU_IOC_FREE_BUFFER
 * @fd: the device
 * @handle: the engine
 * @kind: the HDAEMU_BUFFER_* the buffer was allocated as
 * @size: _NOTIFY: its allocated_bytes; other kinds: 0
 */
int hdaemu_free_buffer(int fd, uint32_t handle, uint32_t kind, uint64_t size);
/**
 * hdaemu_set_state() - HDAEMU_IOC_SET_STATE: move engines together
 * @fd: the device
 * @handles: @count engine handles, all different
 * @count: 1..HDAEMU_MAX_ENGINES
 * @state: HDAEMU_STATE_*
 * @timestamp_ns: if not NULL, the transition's CLOCK_MONOTONIC instant
 */
int hdaemu_set_state(int fd, const uint32_t *handles, unsigned int count, uint32_t state,
		     uint64_t *timestamp_ns);
/** hdaemu_get_position() - HDAEMU_IOC_GET_POSITION of @handle into @pos. */
int hdaemu_get_position(int fd, uint32_t handle, struct hdaemu_position *pos);
/** hdaemu_register_notification() - signal eventfd @efd on each IOC. */
int hdaemu_register_notification(int fd, uint32_t handle, int efd);
/** hdaemu_unregister_notification() - stop signalling @efd. */
int hdaemu_unregister_notification(int fd, uint32_t handle, int efd);
/**
 * hdaemu_transfer_verbs() - HDAEMU_IOC_TRANSFER_VERBS
 * @fd: the device
 * @verbs: @count commands in (pad 0), their responses out
 * @count: 1..HDAEMU_MAX_VERBS
 */
int hdaemu_transfer_verbs(int fd, struct hdaemu_verb *verbs, unsigned int count);
/** hdaemu_get_device_info() - HDAEMU_IOC_GET_DEVICE_INFO into @di. */
int hdaemu_get_device_info(int fd, struct hdaemu_device_info *di);
/** hdaemu_register_unsol() - HDAEMU_IOC_REGISTER_UNSOL; the tag in @tag. */
int hdaemu_register_unsol(int fd, int efd, uint32_t *tag);
/** hdaemu_unregister_unsol() - HDAEMU_IOC_UNREGISTER_UNSOL of @tag. */
int hdaemu_unregister_unsol(int fd, uint32_t tag);
/** hdaemu_read_unsol() - HDAEMU_IOC_READ_UNSOL; @r->tag in, the rest out. */
int hdaemu_read_unsol(int fd, struct hdaemu_unsol_read *r);
/** hdaemu_inject_jack() - HDAEMU_IOC_INJECT_JACK: -EPERM without CAP_SYS_ADMIN. */
int hdaemu_inject_jack(int fd, uint32_t codec_address, uint32_t nid, int present);
/** hdaemu_get_converters() - HDAEMU_IOC_GET_CONVERTERS; @c is in/out. */
int hdaemu_get_converters(int fd, struct hdaemu_converters *c);
/** hdaemu_get_codec_stats() - HDAEMU_IOC_GET_CODEC_STATS of @codec_address. */
int hdaemu_get_codec_stats(int fd, uint32_t codec_address, struct hdaemu_codec_stats *s);
/** hdaemu_set_queue_event() - HDAEMU_IOC_SET_QUEUE_EVENT; -1 clears. */
int hdaemu_set_queue_event(int fd, int efd);
/**
 * hdaemu_enable_events() - HDAEMU_IOC_ENABLE_EVENTS
 * @fd: the device
 * @handle: an engine, or 0 for the device's events
 * @types: a mask of BIT(HDAEMU_EVENT_*)
 * @enabled: if not NULL, the event set in effect after the call
 */
int hdaemu_enable_events(int fd, uint32_t handle, uint64_t types, uint64_t *enabled);
/** hdaemu_disable_events() - HDAEMU_IOC_DISABLE_EVENTS, as above. */
int hdaemu_disable_events(int fd, uint32_t handle, uint64_t types, uint64_t *enabled);
/** hdaemu_get_queue_status() - HDAEMU_IOC_GET_QUEUE_STATUS into @st. */
int hdaemu_get_queue_status(int fd, struct hdaemu_queue_status *st);
/** hdaemu_get_engine_stats() - HDAEMU_IOC_GET_ENGINE_STATS of @handle. */
int hdaemu_get_engine_stats(int fd, uint32_t handle, struct hdaemu_engine_stats *st);

/** hdaemu_get_data_stats() - HDAEMU_IOC_GET_DATA_STATS of @handle into @st. */
int hdaemu_get_data_stats(int fd, uint32_t handle, struct hdaemu_data_stats *st);
/**
 * hdaemu_set_input_source() - HDAEMU_IOC_SET_INPUT_SOURCE: what an input
 *	pin hears; -EPERM without CAP_SYS_ADMIN
 * @fd: the device
 * @src: the codec, the pin and the source; unused fields 0
 */
int hdaemu_set_input_source(int fd, const struct hdaemu_input_source *src);
/** hdaemu_get_input_source() - HDAEMU_IOC_GET_INPUT_SOURCE of a pin into @src. */
int hdaemu_get_input_source(int fd, uint32_t codec_address, uint32_t nid,
			    struct hdaemu_input_source *src);
/** hdaemu_set_fault() - HDAEMU_IOC_SET_FAULT: -EPERM without CAP_SYS_ADMIN. */
int hdaemu_set_fault(int fd, const struct hdaemu_fault *fault);

/**
 * hdaemu_read_events() - read whole records from the event queue
 * @fd: the device (blocking or O_NONBLOCK, as opened)
 * @records: room for @max records
 * @max: 1 or more
 *
 * Return: the number of records read (0 never: a blocking file waits);
 * -EAGAIN when the file is non-blocking and the queue is empty; -EINVAL
 * when @max is 0; any errno of read(2).
 */
ssize_t hdaemu_read_events(int fd, struct hdaemu_event_record *records, size_t max);

/* ---- Position page, clocks ---------------------------------------------- */

/** hdaemu_now_ns() - CLOCK_MONOTONIC now, in nanoseconds. */
uint64_t hdaemu_now_ns(void);

/**
 * hdaemu_read_slot() - a consistent copy of an engine's position slot
 * @dev: an open device
 * @slot: the engine's position_slot, 0..HDAEMU_POSITION_SLOTS-1
 * @copy: the slot, read under its sequence counter
 *
 * Return: 0; -EINVAL for a slot out of range; -ENODEV after an emulated
 * removal. Makes no system call.
 */
int hdaemu_read_slot(const struct hdaemu_dev *dev, unsigned int slot,
		     struct hdaemu_position_slot *copy);

/**
 * hdaemu_link_position() - an engine's position now, without a system call
 * @dev: an open device
 * @slot: the engine's position_slot
 * @lpib: if not NULL, the link position (bytes modulo the buffer size; 0
 *	without a buffer)
 * @bytes: if not NULL, the bytes transferred since the last Reset
 * @now_ns: if not NULL, the CLOCK_MONOTONIC instant the values are for
 *
 * The slot's timing model, hdaemu_slot_bytes_at() of <linux/hdaemu.h>: the
 * anchor, the sample rate and an injected clock drift (drift_ppm). A DMA
 * stall shows as an anchor in the future: the position holds until then.
 *
 * Return: 0; -EINVAL for a slot out of range; -ENODEV after an emulated
 * removal; -EAGAIN while the slot has HDAEMU_SLOT_SHAPED (an injected
 * position granularity: the formula does not give the stepped or bursty
 * position; hdaemu_engine_position() does).
 */
int hdaemu_link_position(const struct hdaemu_dev *dev, unsigned int slot, uint32_t *lpib,
			 uint64_t *bytes, uint64_t *now_ns);

/**
 * hdaemu_engine_position() - an engine's position now, as GET_POSITION
 *	reports it, from the position page when it can
 * @dev: an open device
 * @handle: the engine's handle, for the fallback
 * @slot: its position_slot
 * @lpib: as for hdaemu_link_position()
 * @bytes: as for hdaemu_link_position()
 * @now_ns: as for hdaemu_link_position(); after the fallback, the ioctl's
 *	timestamp_ns
 *
 * The position page's formula, with no system call; while the slot has
 * HDAEMU_SLOT_SHAPED, the HDAEMU_IOC_GET_POSITION ioctl, whose position is
 * the shaped one (rounded down to a step, or up for bursts).
 *
 * Return: 0; -EINVAL for a slot out of range; -ENODEV after an emulated
 * removal; the fallback's errno (-ENOENT: @handle is not this file's).
 */
int hdaemu_engine_position(const struct hdaemu_dev *dev, uint32_t handle, unsigned int slot,
			   uint32_t *lpib, uint64_t *bytes, uint64_t *now_ns);

/**
 * hdaemu_wallclock_at() - the 24 MHz wall clock register at an instant
 * @dev: an open device
 * @now_ns: a CLOCK_MONOTONIC instant, not before the module was loaded
 *
 * Return: the 32-bit counter value, wrapped as on the link.
 */
uint32_t hdaemu_wallclock_at(const struct hdaemu_dev *dev, uint64_t now_ns);

/* ---- DMA buffers ------------------------------------------------------------ */

/**
 * hdaemu_map_buffer() - map an engine's DMA buffer
 * @fd: the device
 * @ba: the answer of hdaemu_alloc_buffer() (allocated_bytes, mmap_offset)
 * @writable: 1 for a render buffer (read-write), 0 (read-only; capture
 *	buffers can only be mapped so)
 * @addr: the mapping's address, where the buffer's data starts
 *
 * The length is allocated_bytes; unmap with hdaemu_unmap_buffer() before
 * freeing the buffer (the free fails with -EBUSY while it is mapped).
 *
 * Return: 0; -EPERM (@writable for a capture buffer), -EINVAL, or any
 * errno of mmap(2).
 */
int hdaemu_map_buffer(int fd, const struct hdaemu_buffer_alloc *ba, int writable, void **addr);

/**
 * hdaemu_unmap_buffer() - unmap what hdaemu_map_buffer() mapped
 * @addr: its address
 * @bytes: the buffer's allocated_bytes
 *
 * Return: 0, or any errno of munmap(2).
 */
int hdaemu_unmap_buffer(void *addr, uint64_t bytes);

/* ---- Stream format arithmetic -------------------------------------------- */

/** hdaemu_frame_bytes() - channels * container_bits / 8; 0 if either is 0. */
uint32_t hdaemu_frame_bytes(const struct hdaemu_stream_format *fmt);

/**
 * hdaemu_format_valid() - whether the controller takes a stream format
 * @fmt: the format
 *
 * The rules of Documentation/ioctl.rst "Stream formats": a rate of 48 or
 * 44.1 kHz times 1..4 divided by 1..8, 8/16/20/24/32 valid bits in their
 * HDA container, 1..16 channels, pad and reserved 0.
 *
 * Return: 1 if ALLOC_ENGINE would take it (bandwidth aside), else 0.
 */
int hdaemu_format_valid(const struct hdaemu_stream_format *fmt);

/**
 * hdaemu_buffer_round() - the size ALLOC_BUFFER gives a _PLAIN or _NOTIFY
 *	request, computed as the engine computes it
 * @info: the controller (min_period_ns, max_buffer_bytes)
 * @fmt: a valid stream format
 * @count: notification count, 1 or 2 (1 for a plain buffer)
 * @requested: the request in bytes
 *
 * Return: the allocated_bytes the engine would answer.
 */
uint64_t hdaemu_buffer_round(const struct hdaemu_info *info,
			     const struct hdaemu_stream_format *fmt, unsigned int count,
			     uint64_t requested);

/** hdaemu_buffer_unit() - lcm(frame bytes, 128): IOC points fall on it. */
uint32_t hdaemu_buffer_unit(const struct hdaemu_stream_format *fmt);

#endif /* LIBHDAEMU_BUS_H */
