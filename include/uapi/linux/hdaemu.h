/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * hdaemu - an emulated HD Audio controller: the userspace ABI of /dev/hdaemu.
 *
 * Each open file of /dev/hdaemu is a client of the emulated bus. It owns the
 * DMA engines it allocates and sees no other client's. Closing the file stops
 * and frees all of them, whatever their state.
 *
 * Rules shared by every ioctl:
 *  - Arguments are fixed-width and padded to 8 bytes. Every @flags field must
 *    carry only the flags defined for it and every @pad and @reserved field
 *    must be zero, otherwise the call fails with -EINVAL. Future versions give
 *    meaning to those bits; GET_INFO reports the ABI version and features.
 *  - Output fields are always written in full on success (no stale padding).
 *  - An engine handle of another client, or of a freed engine, answers
 *    -ENOENT, exactly as a handle that never existed.
 *  - A call that fails changes nothing.
 *
 * Documentation/ioctl.rst lists, per ioctl, every errno and its meaning.
 */
#ifndef _UAPI_LINUX_HDAEMU_H
#define _UAPI_LINUX_HDAEMU_H

#include <linux/ioctl.h>
#include <linux/types.h>

/* The version of this ABI. It grows when ioctls or meanings are added. */
#define HDAEMU_ABI_VERSION		1

#define HDAEMU_DEVICE_NAME		"hdaemu"

/* The HDA wall clock runs at the link's 24 MHz bit clock. */
#define HDAEMU_WALLCLOCK_HZ		24000000u

/* Limits of the emulated controller (the HDA specification's own limits). */
#define HDAEMU_MAX_ENGINES		30	/* GCAP: ISS + OSS + BSS <= 30 */
#define HDAEMU_MAX_STREAM_TAG		15	/* tags 1..15 per direction */
#define HDAEMU_BDL_MIN_ENTRIES		2
#define HDAEMU_BDL_MAX_ENTRIES		256
#define HDAEMU_BDL_ALIGN		128	/* a fragment starts on 128 bytes */

/* HDAEMU_INFO_FEAT_*: what this module implements, reported by GET_INFO. */
#define HDAEMU_INFO_FEAT_ENGINES	(1ull << 0)	/* engines, buffers, states */
#define HDAEMU_INFO_FEAT_NOTIFY		(1ull << 1)	/* IOC eventfds */
#define HDAEMU_INFO_FEAT_POSITION_PAGE	(1ull << 2)	/* mmap'able anchors */
#define HDAEMU_INFO_FEAT_BDL		(1ull << 3)	/* caller-made BDLs */
#define HDAEMU_INFO_FEAT_EVENTS		(1ull << 4)	/* event queue, stats */
#define HDAEMU_INFO_FEAT_CODECS		(1ull << 5)	/* codecs, verbs, jacks */

/**
 * struct hdaemu_info - the controller and the ABI, from HDAEMU_IOC_GET_INFO
 * @abi_version: out: HDAEMU_ABI_VERSION of the running module
 * @flags: in: must be 0
 * @features: out: HDAEMU_INFO_FEAT_* bits
 * @num_output: out: render-only DMA engines (GCAP.OSS)
 * @num_input: out: capture-only DMA engines (GCAP.ISS)
 * @num_bidir: out: bidirectional DMA engines (GCAP.BSS)
 * @gcap: out: the GCAP register value encoding the counts above
 * @version_major: out: VMAJ register (1)
 * @version_minor: out: VMIN register (0)
 * @codec_mask: out: codecs present, one bit per SDI line (STATESTS)
 * @wallclock_hz: out: HDAEMU_WALLCLOCK_HZ
 * @max_notifications: out: notification events one engine can hold
 * @min_period_ns: out: the shortest time between two IOCs an engine accepts
 * @max_buffer_bytes: out: the largest DMA buffer one engine can have
 * @position_page_bytes: out: size of the mmap'able position page
 * @outpay: out: OUTPAY, output payload in 16-bit words per 48 kHz frame
 * @inpay: out: INPAY, input payload per SDI line, same unit
 * @reserved: must be 0 on input; 0 on output
 */
struct hdaemu_info {
	__u32 abi_version;
	__u32 flags;
	__u64 features;
	__u32 num_output;
	__u32 num_input;
	__u32 num_bidir;
	__u16 gcap;
	__u8 version_major;
	__u8 version_minor;
	__u32 codec_mask;
	__u32 wallclock_hz;
	__u32 max_notifications;
	__u32 min_period_ns;
	__u32 max_buffer_bytes;
	__u32 position_page_bytes;
	__u16 outpay;
	__u16 inpay;
	__u32 reserved[9];
};

/**
 * struct hdaemu_stream_format - a PCM stream format (HDAUDIO_STREAM_FORMAT)
 * @sample_rate: frames per second; one the HDA format word can encode:
 *	48000 or 44100 Hz times 1..4, divided by 1..8
 * @valid_bits: bits of each sample that carry data: 8, 16, 20, 24 or 32
 * @container_bits: bits each sample occupies in memory: 8 for 8-bit
 *	samples, 16 for 16-bit samples, 32 for 20, 24 and 32-bit samples
 * @channels: 1 to 16
 * @pad: must be 0
 * @reserved: must be 0
 */
struct hdaemu_stream_format {
	__u32 sample_rate;
	__u16 valid_bits;
	__u16 container_bits;
	__u16 channels;
	__u16 pad;
	__u32 reserved;
};

/* Engine directions. */
#define HDAEMU_DIR_RENDER		0
#define HDAEMU_DIR_CAPTURE		1

/**
 * struct hdaemu_engine_alloc - HDAEMU_IOC_ALLOC_ENGINE
 * @direction: in: HDAEMU_DIR_RENDER or HDAEMU_DIR_CAPTURE
 * @flags: in: must be 0 (striping is not supported: one SDO line)
 * @codec_address: in: capture only, the SDI line of the codec the data comes
 *	from; must be a codec present in &hdaemu_info.codec_mask. Render: 0.
 * @pad: must be 0
 * @format: in: the stream format to reserve bandwidth for
 * @handle: out: the engine handle, valid in this file only
 * @converter_format: out: the HDA stream format word (SDnFMT) to program
 *	into the codec's converter
 * @stream_tag: out: the stream tag (1..15) the engine uses on the link
 * @position_slot: out: index of this engine's slot in the position page
 * @engine_index: out: the stream descriptor index in the controller: input
 *	descriptors first, then output, then bidirectional, as in hardware
 * @reserved: must be 0
 */
struct hdaemu_engine_alloc {
	__u32 direction;
	__u32 flags;
	__u32 codec_address;
	__u32 pad;
	struct hdaemu_stream_format format;
	__u32 handle;
	__u16 converter_format;
	__u8 stream_tag;
	__u8 position_slot;
	__u32 engine_index;
	__u32 reserved[5];
};

/**
 * struct hdaemu_engine_format - HDAEMU_IOC_CHANGE_FORMAT
 * @handle: in: the engine
 * @flags: in: must be 0
 * @format: in: the new stream format
 * @converter_format: out: its HDA stream format word
 * @pad: must be 0
 * @reserved: must be 0
 */
struct hdaemu_engine_format {
	__u32 handle;
	__u32 flags;
	struct hdaemu_stream_format format;
	__u16 converter_format;
	__u16 pad;
	__u32 reserved[3];
};

/**
 * struct hdaemu_engine_ref - an engine, for calls that take nothing else
 * @handle: in: the engine
 * @flags: in: must be 0
 */
struct hdaemu_engine_ref {
	__u32 handle;
	__u32 flags;
};

/* Kinds of DMA buffer, after the reference routines that allocate them. */
#define HDAEMU_BUFFER_PLAIN		1	/* AllocateDmaBuffer */
#define HDAEMU_BUFFER_NOTIFY		2	/* ...WithNotification */
#define HDAEMU_BUFFER_BDL		3	/* Contiguous + SetupWithBdl */

/**
 * struct hdaemu_bdl_entry - one buffer descriptor (HDAUDIO_BUFFER_DESCRIPTOR)
 * @offset: byte offset of the fragment in the engine's DMA buffer (the
 *	emulator has no bus addresses); a multiple of HDAEMU_BDL_ALIGN
 * @length: fragment length in bytes; a multiple of the frame size
 * @ioc: 1 to raise an IOC when the fragment completes, else 0
 */
struct hdaemu_bdl_entry {
	__u64 offset;
	__u32 length;
	__u32 ioc;
};

/**
 * struct hdaemu_buffer_alloc - HDAEMU_IOC_ALLOC_BUFFER
 * @handle: in: the engine, which must be in Reset and have no buffer
 * @flags: in: must be 0
 * @kind: in: HDAEMU_BUFFER_PLAIN, _NOTIFY or _BDL
 * @notification_count: in: _NOTIFY: IOCs per buffer pass, 1 (at the end)
 *	or 2 (at the middle and the end); other kinds: 0
 * @requested_bytes: in: the size wanted. _PLAIN and _NOTIFY round it to the
 *	nearest size the engine can use (whole frames, 128-byte aligned IOC
 *	points, a period of at least &hdaemu_info.min_period_ns, at most
 *	&hdaemu_info.max_buffer_bytes). _BDL allocates exactly this size.
 * @bdl_ptr: in: _BDL: user pointer to an array of &struct hdaemu_bdl_entry;
 *	other kinds: 0
 * @bdl_entries: in: _BDL: number of entries, 2..256; other kinds: 0
 * @pad: must be 0
 * @allocated_bytes: out: the size of the cyclic buffer (CBL)
 * @offset_from_first_page: out: where the data starts in the first page (0)
 * @mmap_offset: out: the offset to pass to mmap() to map the buffer
 * @stream_id: out: the stream tag to program into the codec converter
 * @fifo_bytes: out: bytes the engine holds internally (SDnFIFOS)
 * @reserved: must be 0
 */
struct hdaemu_buffer_alloc {
	__u32 handle;
	__u32 flags;
	__u32 kind;
	__u32 notification_count;
	__u64 requested_bytes;
	__u64 bdl_ptr;
	__u32 bdl_entries;
	__u32 pad;
	__u64 allocated_bytes;
	__u64 offset_from_first_page;
	__u64 mmap_offset;
	__u32 stream_id;
	__u32 fifo_bytes;
	__u32 reserved[4];
};

/**
 * struct hdaemu_buffer_free - HDAEMU_IOC_FREE_BUFFER
 * @handle: in: the engine, in Reset, with a buffer and no mapping of it
 * @flags: in: must be 0
 * @kind: in: the kind the buffer was allocated with
 * @pad: must be 0
 * @size: in: _NOTIFY: the allocated size, as the reference's free routine
 *	takes it; other kinds: 0
 */
struct hdaemu_buffer_free {
	__u32 handle;
	__u32 flags;
	__u32 kind;
	__u32 pad;
	__u64 size;
};

/* Stream states (HDAUDIO_STREAM_STATE). Stop and Pause are one state. */
#define HDAEMU_STATE_RESET		0
#define HDAEMU_STATE_STOP		1
#define HDAEMU_STATE_PAUSE		1
#define HDAEMU_STATE_RUN		2

/**
 * struct hdaemu_set_state - HDAEMU_IOC_SET_STATE
 * @state: in: HDAEMU_STATE_*
 * @count: in: number of handles, 1..HDAEMU_MAX_ENGINES, all different
 * @handles_ptr: in: user pointer to @count __u32 engine handles
 * @flags: in: must be 0
 * @pad: must be 0
 * @timestamp_ns: out: CLOCK_MONOTONIC instant of the transition; every
 *	engine started by this call has it as its run anchor
 * @reserved: must be 0
 *
 * All or nothing: if any engine cannot make the transition, none changes.
 */
struct hdaemu_set_state {
	__u32 state;
	__u32 count;
	__u64 handles_ptr;
	__u32 flags;
	__u32 pad;
	__u64 timestamp_ns;
	__u64 reserved[2];
};

/**
 * struct hdaemu_position - HDAEMU_IOC_GET_POSITION: registers at one instant
 * @handle: in: the engine
 * @flags: in: must be 0
 * @link_position: out: LPIB, byte offset in the cyclic buffer
 * @state: out: HDAEMU_STATE_*
 * @bytes: out: bytes transferred since the last Reset (never wraps)
 * @ioc_count: out: IOCs raised since the last Reset
 * @timestamp_ns: out: the CLOCK_MONOTONIC instant the values belong to
 * @wallclock: out: the wall clock register at that instant
 * @pad: must be 0
 * @reserved: must be 0
 */
struct hdaemu_position {
	__u32 handle;
	__u32 flags;
	__u32 link_position;
	__u32 state;
	__u64 bytes;
	__u64 ioc_count;
	__u64 timestamp_ns;
	__u32 wallclock;
	__u32 pad;
	__u64 reserved[2];
};

/**
 * struct hdaemu_notification - HDAEMU_IOC_REGISTER_NOTIFICATION and _UNREGISTER_
 * @handle: in: the engine; it must have a buffer that raises IOCs
 *	(kind _NOTIFY, or _BDL with IOC entries)
 * @flags: in: must be 0
 * @eventfd: in: an eventfd. Each IOC adds one to its counter; IOCs that a
 *	late timer found together add their number at once.
 * @pad: must be 0
 *
 * Registrations end on unregister, on the buffer's free, on the engine's
 * free and on close.
 */
struct hdaemu_notification {
	__u32 handle;
	__u32 flags;
	__s32 eventfd;
	__u32 pad;
};

/*
 * The position page: mmap(NULL, info.position_page_bytes, PROT_READ,
 * MAP_SHARED, fd, HDAEMU_MMAP_POSITION_PAGE). It holds a header and one slot
 * per engine of this client, at &hdaemu_engine_alloc.position_slot. A slot is
 * written under a sequence counter: read @seq, then the fields, then @seq
 * again; use the fields only if both reads gave the same even value
 * (acquire ordering between the reads, as a seqcount reader does).
 */
#define HDAEMU_MMAP_POSITION_PAGE	0ull
#define HDAEMU_POSITION_SLOTS		32

/**
 * struct hdaemu_position_header - first bytes of the position page
 * @abi_version: HDAEMU_ABI_VERSION
 * @slot_bytes: sizeof(struct hdaemu_position_slot)
 * @slot_offset: byte offset of slot 0 in the page
 * @num_slots: HDAEMU_POSITION_SLOTS
 * @wallclock_base_ns: CLOCK_MONOTONIC instant at which the wall clock was 0;
 *	with dt = now - base, wallclock(now) = (__u32)(dt / 125 * 3 +
 *	dt % 125 * 3 / 125), 24 MHz being 3 ticks per 125 ns
 * @flags: HDAEMU_POSITION_REMOVED once the controller was removed while
 *	this file was open: its slots are stale for good (see SET_FAULT)
 * @pad: 0
 * @reserved: 0
 */
struct hdaemu_position_header {
	__u32 abi_version;
	__u32 slot_bytes;
	__u32 slot_offset;
	__u32 num_slots;
	__u64 wallclock_base_ns;
	__u32 flags;
	__u32 pad;
	__u64 reserved[4];
};

/* &hdaemu_position_header.flags: the device is gone (-ENODEV everywhere). */
#define HDAEMU_POSITION_REMOVED		(1u << 0)

/**
 * struct hdaemu_position_slot - one engine's position anchor
 * @seq: sequence counter, odd while the kernel writes the slot
 * @state: HDAEMU_STATE_*; a slot not in use reads Reset with @buffer_bytes 0
 * @anchor_ns: CLOCK_MONOTONIC instant of the last Run
 * @anchor_bytes: bytes transferred since Reset at @anchor_ns
 * @buffer_bytes: the cyclic buffer's size, 0 without a buffer
 * @frame_bytes: bytes per frame of the stream format
 * @sample_rate: frames per second, nominal
 * @flags: HDAEMU_SLOT_SHAPED while an injected fault (a DMA stall or a
 *	position granularity) shapes the position so that the formula of
 *	hdaemu_slot_bytes_at() does not give it: read it with
 *	HDAEMU_IOC_GET_POSITION then
 * @ioc_count: IOCs raised since the last Reset
 * @last_ioc_ns: CLOCK_MONOTONIC due time of the last IOC
 * @drift_ppm: the stream clock's injected drift in parts per million
 *	(HDAEMU_FAULT_DRIFT): the stream runs at @sample_rate * (1 + ppm/1e6)
 *	frames per second of CLOCK_MONOTONIC; 0 without the fault
 * @reserved: 0
 *
 * Use hdaemu_slot_bytes_at() to compute the transfer count at any instant.
 */
struct hdaemu_position_slot {
	__u32 seq;
	__u32 state;
	__u64 anchor_ns;
	__u64 anchor_bytes;
	__u32 buffer_bytes;
	__u32 frame_bytes;
	__u32 sample_rate;
	__u32 flags;
	__u64 ioc_count;
	__u64 last_ioc_ns;
	__s32 drift_ppm;
	__u32 reserved;
};

/* &hdaemu_position_slot.flags: the position is not the formula's. */
#define HDAEMU_SLOT_SHAPED		(1u << 0)

/**
 * hdaemu_slot_bytes_at() - bytes transferred since Reset at @now_ns
 * @slot: a consistent copy of a position slot
 * @now_ns: a CLOCK_MONOTONIC instant not before the slot's anchor
 *
 * The timing model: a running engine moves whole frames at its sample rate
 * (with its drift) from its anchor. The link position is this value modulo
 * @buffer_bytes. Not valid while @slot->flags has HDAEMU_SLOT_SHAPED.
 *
 * Return: bytes transferred since the engine's last Reset.
 */
static inline __u64 hdaemu_slot_bytes_at(const struct hdaemu_position_slot *slot,
					 __u64 now_ns)
{
	__u64 dt, frames;

	if (slot->state != HDAEMU_STATE_RUN || now_ns < slot->anchor_ns)
		return slot->anchor_bytes;
	dt = now_ns - slot->anchor_ns;
	/*
	 * A drifting clock: stream time is dt * (1e6 + ppm) / 1e6, split at
	 * whole milliseconds so the product cannot overflow.
	 */
	if (slot->drift_ppm)
		dt = dt / 1000000ull * (1000000ull + slot->drift_ppm) +
		     dt % 1000000ull * (1000000ull + slot->drift_ppm) / 1000000ull;
	/* Split at whole seconds so the product cannot overflow. */
	frames = dt / 1000000000ull * slot->sample_rate +
		 dt % 1000000000ull * slot->sample_rate / 1000000000ull;
	return slot->anchor_bytes + frames * slot->frame_bytes;
}

/* Offset of engine slot @slot's DMA buffer for mmap(). */
#define HDAEMU_MMAP_BUFFER_SHIFT	24
#define HDAEMU_MMAP_BUFFER(slot)	(((__u64)(slot) + 1) << HDAEMU_MMAP_BUFFER_SHIFT)

/*
 * The event queue. Each open file has a bounded queue of records, read with
 * read() in whole records and waited for with poll(). Event types are
 * enabled per engine (and, for device events, per file); only enabled types
 * are queued, and disabling a type removes its pending records.
 */

/* Event types; an event set is a mask of BIT(type) values. */
#define HDAEMU_EVENT_IOC		1	/* engine: IOCs raised */
#define HDAEMU_EVENT_LATE		2	/* engine: IOCs found late together */
#define HDAEMU_EVENT_STATE		3	/* engine: a stream state change */
#define HDAEMU_EVENT_UNSOL		4	/* device: an unsolicited response */
#define HDAEMU_EVENT_REMOVAL		5	/* queue: the controller is gone */
#define HDAEMU_EVENT_XRUN		6	/* engine: an underrun or a FIFO error */
#define HDAEMU_EVENT_OVERFLOW		31	/* queue: records were dropped */

#define HDAEMU_EVENTS_ENGINE	((1ull << HDAEMU_EVENT_IOC) | (1ull << HDAEMU_EVENT_LATE) | \
				 (1ull << HDAEMU_EVENT_STATE) | (1ull << HDAEMU_EVENT_XRUN))
#define HDAEMU_EVENTS_DEVICE	(1ull << HDAEMU_EVENT_UNSOL)

/**
 * struct hdaemu_event_ioc - payload of an HDAEMU_EVENT_IOC record
 * @sequence: the newest IOC's number since the engine's last Reset
 * @count: IOCs this record stands for (more than one after a late timer)
 * @link_position: the link position at the newest IOC's due time
 * @wallclock: the wall clock at that instant
 * @pad: 0
 * @interrupt_ns: CLOCK_MONOTONIC instant the emulated interrupt ran
 */
struct hdaemu_event_ioc {
	__u64 sequence;
	__u32 count;
	__u32 link_position;
	__u32 wallclock;
	__u32 pad;
	__u64 interrupt_ns;
};

/**
 * struct hdaemu_event_late - payload of an HDAEMU_EVENT_LATE record
 * @sequence: the newest IOC's number
 * @count: IOCs that fell due before the timer ran (2 or more)
 * @pad: 0
 * @lateness_ns: how late the oldest of them was delivered
 */
struct hdaemu_event_late {
	__u64 sequence;
	__u32 count;
	__u32 pad;
	__u64 lateness_ns;
};

/**
 * struct hdaemu_event_state - payload of an HDAEMU_EVENT_STATE record
 * @from: the state left (HDAEMU_STATE_*)
 * @to: the state entered
 * @bytes: bytes transferred since Reset at the transition
 */
struct hdaemu_event_state {
	__u32 from;
	__u32 to;
	__u64 bytes;
};

/**
 * struct hdaemu_event_unsol - payload of an HDAEMU_EVENT_UNSOL record
 * @response: the response as the bus delivers it (HDAUDIO_CODEC_RESPONSE:
 *	bits 31:0 the codec's word, 31:26 its tag; 35:32 the codec address;
 *	bit 36 unsolicited; bit 63 valid)
 * @tag: the tag, one this file registered with HDAEMU_IOC_REGISTER_UNSOL
 * @codec_address: the codec that sent it
 */
struct hdaemu_event_unsol {
	__u64 response;
	__u32 tag;
	__u32 codec_address;
};

/* &hdaemu_event_xrun.reason values. */
#define HDAEMU_XRUN_UNDERRUN		1	/* render: a period read before it was written */
#define HDAEMU_XRUN_STALL		2	/* a DMA stall: the FIFO ran dry (FIFOE) */

/**
 * struct hdaemu_event_xrun - payload of an HDAEMU_EVENT_XRUN record
 * @reason: HDAEMU_XRUN_*
 * @count: xruns of the engine since its allocation, this one included
 * @bytes: the transfer count since Reset where it happened: the start of
 *	the unwritten span (UNDERRUN), or where the DMA stopped (STALL)
 * @length: UNDERRUN: bytes of the span read unwritten; STALL: 0
 * @pad: 0
 * @stall_ns: STALL: how long the DMA stops; UNDERRUN: 0
 */
struct hdaemu_event_xrun {
	__u32 reason;
	__u32 count;
	__u64 bytes;
	__u32 length;
	__u32 pad;
	__u64 stall_ns;
};

/**
 * struct hdaemu_event_overflow - payload of an HDAEMU_EVENT_OVERFLOW record
 * @dropped: records dropped because the queue was full, in all
 * @dropped_by_type: of them, by event type (index HDAEMU_EVENT_*, types
 *	0..7; later types count in @dropped only)
 */
struct hdaemu_event_overflow {
	__u64 dropped;
	__u32 dropped_by_type[8];
};

/**
 * struct hdaemu_event_record - one record of the event queue, as read() returns it
 * @type: HDAEMU_EVENT_*
 * @handle: the engine it concerns, 0 for device and queue records
 * @sequence: the record's number in this file's queue, from 1; a record
 *	dropped on overflow still takes its number, so the numbers tell
 *	exactly where records are missing
 * @timestamp_ns: CLOCK_MONOTONIC instant of the event (for an IOC, its due
 *	time; for a state change, the transition's instant)
 * @ioc: the payload of HDAEMU_EVENT_IOC
 * @late: the payload of HDAEMU_EVENT_LATE
 * @state: the payload of HDAEMU_EVENT_STATE
 * @unsol: the payload of HDAEMU_EVENT_UNSOL
 * @xrun: the payload of HDAEMU_EVENT_XRUN
 * @overflow: the payload of HDAEMU_EVENT_OVERFLOW
 * @raw: the payload as bytes; unused bytes are 0
 */
struct hdaemu_event_record {
	__u32 type;
	__u32 handle;
	__u64 sequence;
	__u64 timestamp_ns;
	union {
		struct hdaemu_event_ioc ioc;
		struct hdaemu_event_late late;
		struct hdaemu_event_state state;
		struct hdaemu_event_unsol unsol;
		struct hdaemu_event_xrun xrun;
		struct hdaemu_event_overflow overflow;
		__u8 raw[40];
	};
};

/**
 * struct hdaemu_event_set - HDAEMU_IOC_ENABLE_EVENTS and _DISABLE_EVENTS
 * @handle: in: an engine, or 0 for the device's own events
 * @flags: in: must be 0
 * @types: in: a mask of BIT(HDAEMU_EVENT_*): for an engine within
 *	HDAEMU_EVENTS_ENGINE, for the device within HDAEMU_EVENTS_DEVICE
 * @enabled: out: the event set in effect after the call
 */
struct hdaemu_event_set {
	__u32 handle;
	__u32 flags;
	__u64 types;
	__u64 enabled;
};

/**
 * struct hdaemu_queue_event - HDAEMU_IOC_SET_QUEUE_EVENT
 * @eventfd: in: an eventfd signalled each time the queue goes from empty to
 *	not empty; it replaces the one set before; -1 clears it
 * @flags: in: must be 0
 */
struct hdaemu_queue_event {
	__s32 eventfd;
	__u32 flags;
};

/**
 * struct hdaemu_queue_status - HDAEMU_IOC_GET_QUEUE_STATUS
 * @flags: in: must be 0
 * @capacity: out: records the queue holds
 * @pending: out: records waiting to be read
 * @pad: 0
 * @queued: out: records queued since open, including dropped ones
 * @dropped: out: records dropped because the queue was full, since open
 * @signals: out: times the queue eventfd was signalled
 * @reserved: must be 0
 */
struct hdaemu_queue_status {
	__u32 flags;
	__u32 capacity;
	__u32 pending;
	__u32 pad;
	__u64 queued;
	__u64 dropped;
	__u64 signals;
	__u64 reserved[2];
};

/**
 * struct hdaemu_engine_stats - HDAEMU_IOC_GET_ENGINE_STATS, since allocation
 * @handle: in: the engine
 * @flags: in: must be 0
 * @iocs: out: IOCs raised
 * @interrupts: out: timer runs that raised IOCs
 * @late_interrupts: out: runs that found more than one IOC due
 * @missed: out: IOCs that fell due while an earlier one waited
 * @late_last_ns: out: lateness of the last run against its due time
 * @late_max_ns: out: the largest lateness
 * @late_mean_ns: out: the mean lateness over @interrupts
 * @dropped: out: IOCs whose interrupt an injected fault dropped (counted
 *	in @iocs, never signalled)
 * @busy_ns: out: CPU time spent in the engine's interrupt (the IOC timer
 *	callback, data movement and notifications included), in all
 */
struct hdaemu_engine_stats {
	__u32 handle;
	__u32 flags;
	__u64 iocs;
	__u64 interrupts;
	__u64 late_interrupts;
	__u64 missed;
	__u64 late_last_ns;
	__u64 late_max_ns;
	__u64 late_mean_ns;
	__u64 dropped;
	__u64 busy_ns;
};

/*
 * Codecs and verbs. A command is 32 bits: codec address 31:28, node 27:20
 * (bit 27 must be 0), then a 12-bit verb with an 8-bit payload or a 4-bit
 * verb with a 16-bit payload. A response is 64 bits, as the reference's
 * HDAUDIO_CODEC_RESPONSE: the codec's 32-bit answer in 31:0, the codec
 * address in 35:32, and the flags below. Documentation/codec.rst has the
 * codec model and the verb table.
 */
#define HDAEMU_MAX_VERBS		256
#define HDAEMU_RESPONSE_VALID		(1ull << 63)	/* the codec answered */
#define HDAEMU_RESPONSE_OVERRUN		(1ull << 62)	/* RIRB overrun: never set */
#define HDAEMU_RESPONSE_UNSOL		(1ull << 36)	/* an unsolicited response */
#define HDAEMU_RESPONSE_SDI_SHIFT	32
#define HDAEMU_RESPONSE_SDI_MASK	0xfull
#define HDAEMU_UNSOL_TAG_SHIFT		26	/* tag in 31:26 of the answer */
#define HDAEMU_MAX_UNSOL_TAGS		64
#define HDAEMU_UNSOL_READ_MAX		8
#define HDAEMU_CONVERTER_NO_ENGINE	0xffffffffu

/**
 * struct hdaemu_verb - one entry of HDAEMU_IOC_TRANSFER_VERBS
 * @command: in: the 32-bit command
 * @pad: in: must be 0
 * @response: out: the 64-bit response; HDAEMU_RESPONSE_VALID clear when
 *	no codec answered (no codec at the address, no such node, a verb the
 *	node does not support, a payload out of range)
 */
struct hdaemu_verb {
	__u32 command;
	__u32 pad;
	__u64 response;
};

/**
 * struct hdaemu_verb_transfer - HDAEMU_IOC_TRANSFER_VERBS
 * @verbs_ptr: in: user pointer to @count &struct hdaemu_verb, read and
 *	written back with every response
 * @count: in: 1..HDAEMU_MAX_VERBS; the verbs run in array order
 * @flags: in: must be 0
 * @reserved: must be 0
 */
struct hdaemu_verb_transfer {
	__u64 verbs_ptr;
	__u32 count;
	__u32 flags;
	__u64 reserved;
};

/**
 * struct hdaemu_device_info - HDAEMU_IOC_GET_DEVICE_INFO: the reference's
 *	GetDeviceInformation and GetResourceInformation together
 * @flags: in: must be 0
 * @device_version: out: controller version, major in the high byte
 * @driver_version: out: bus driver version, major in the high byte
 * @codecs_detected: out: mask of codecs present, bit n for address n
 * @striping_supported: out: 0 (one SDO line)
 * @ctrl_vendor_id: out: the emulated controller's PCI vendor id
 * @ctrl_device_id: out: its PCI device id
 * @ctrl_revision: out: its PCI revision
 * @pad: out: 0
 * @codec_address: out: the address of this client's codec
 * @fg_start_node: out: the first node of its function group
 * @reserved: must be 0 on input; 0 on output
 */
struct hdaemu_device_info {
	__u32 flags;
	__u16 device_version;
	__u16 driver_version;
	__u32 codecs_detected;
	__u32 striping_supported;
	__u16 ctrl_vendor_id;
	__u16 ctrl_device_id;
	__u8 ctrl_revision;
	__u8 pad[3];
	__u32 codec_address;
	__u32 fg_start_node;
	__u32 reserved[6];
};

/**
 * struct hdaemu_unsol_register - HDAEMU_IOC_REGISTER_UNSOL
 * @eventfd: in: an eventfd; its counter grows by one for each unsolicited
 *	response with @tag
 * @flags: in: must be 0
 * @tag: out: the tag (0..63) to program with SET_UNSOLICITED_ENABLE
 * @pad: must be 0
 */
struct hdaemu_unsol_register {
	__s32 eventfd;
	__u32 flags;
	__u32 tag;
	__u32 pad;
};

/**
 * struct hdaemu_unsol_ref - HDAEMU_IOC_UNREGISTER_UNSOL
 * @tag: in: a tag this file registered
 * @flags: in: must be 0
 */
struct hdaemu_unsol_ref {
	__u32 tag;
	__u32 flags;
};

/**
 * struct hdaemu_unsol_read - HDAEMU_IOC_READ_UNSOL: take queued responses
 * @tag: in: a tag this file registered
 * @flags: in: must be 0
 * @count: out: responses written to @responses, oldest first (0 if none)
 * @dropped: out: responses lost because the registration's queue was full
 *	since the last read
 * @responses: out: the 64-bit responses
 */
struct hdaemu_unsol_read {
	__u32 tag;
	__u32 flags;
	__u32 count;
	__u32 dropped;
	__u64 responses[HDAEMU_UNSOL_READ_MAX];
};

/**
 * struct hdaemu_jack - HDAEMU_IOC_INJECT_JACK (CAP_SYS_ADMIN)
 * @codec_address: in: the codec
 * @nid: in: a pin with presence detect
 * @present: in: 1 plugged, 0 unplugged
 * @flags: in: must be 0
 */
struct hdaemu_jack {
	__u32 codec_address;
	__u32 nid;
	__u32 present;
	__u32 flags;
};

/* &struct hdaemu_converter flags. */
#define HDAEMU_CONVERTER_CONNECTED	(1u << 0)	/* an engine uses its tag */
#define HDAEMU_CONVERTER_MISMATCH	(1u << 1)	/* formats differ */

/**
 * struct hdaemu_converter - one converter and the engine it meets
 * @nid: its node
 * @direction: HDAEMU_DIR_RENDER (a DAC) or HDAEMU_DIR_CAPTURE (an ADC)
 * @stream_tag: the stream tag it is set to, 0 when idle
 * @channel: its first channel
 * @format: its converter format word
 * @flags: HDAEMU_CONVERTER_*
 * @engine_index: the stream descriptor index of the engine with this tag
 *	and direction (and, capturing, this codec), or HDAEMU_CONVERTER_NO_ENGINE
 * @pad: 0
 */
struct hdaemu_converter {
	__u8 nid;
	__u8 direction;
	__u8 stream_tag;
	__u8 channel;
	__u16 format;
	__u16 flags;
	__u32 engine_index;
	__u32 pad;
};

/**
 * struct hdaemu_converters - HDAEMU_IOC_GET_CONVERTERS
 * @codec_address: in: the codec
 * @flags: in: must be 0
 * @entries_ptr: in: user pointer to @capacity &struct hdaemu_converter
 * @capacity: in: entries at @entries_ptr (0: only count them)
 * @count: out: the codec's converters; min(@count, @capacity) written
 * @reserved: must be 0
 */
struct hdaemu_converters {
	__u32 codec_address;
	__u32 flags;
	__u64 entries_ptr;
	__u32 capacity;
	__u32 count;
	__u64 reserved;
};

/**
 * struct hdaemu_codec_stats - HDAEMU_IOC_GET_CODEC_STATS
 * @codec_address: in: an address, 0..14, with a codec or without
 * @flags: in: must be 0
 * @verbs: out: verbs the codec received
 * @no_codec: out: verbs sent to this address while no codec is there
 * @no_node: out: verbs to a node the codec does not have
 * @unsupported: out: verbs the node does not support
 * @bad_payload: out: verbs with a payload out of range
 * @unsol_sent: out: unsolicited responses the codec emitted
 * @unsol_dropped: out: responses the bus dropped (all codecs)
 * @reserved: must be 0
 */
struct hdaemu_codec_stats {
	__u32 codec_address;
	__u32 flags;
	__u64 verbs;
	__u64 no_codec;
	__u64 no_node;
	__u64 unsupported;
	__u64 bad_payload;
	__u64 unsol_sent;
	__u64 unsol_dropped;
	__u64 reserved[2];
};

/*
 * The data path. A running engine moves data as its position advances: a
 * render engine's DAC reads what the client wrote, a capture engine's ADC
 * writes what its input pin hears. The codec decides the route: the
 * converter set to the engine's stream tag, its connection select, the
 * pin. Each input pin has a source: silence (the default), a tone, a ramp,
 * or a loopback cable from an output pin. Documentation/data-path.rst.
 */
#define HDAEMU_SOURCE_SILENCE		0	/* zeros */
#define HDAEMU_SOURCE_TONE		1	/* a sine of @tone_hz at @tone_level */
#define HDAEMU_SOURCE_RAMP		2	/* each sample: its frame number + channel */
#define HDAEMU_SOURCE_LOOPBACK		3	/* what the output pin @loopback_nid plays */

/* Full scale for &hdaemu_input_source.tone_level. */
#define HDAEMU_TONE_FULL_SCALE		65536u

/**
 * struct hdaemu_input_source - HDAEMU_IOC_SET_INPUT_SOURCE (CAP_SYS_ADMIN),
 *	HDAEMU_IOC_GET_INPUT_SOURCE
 * @codec_address: in: the codec
 * @nid: in: an input-capable pin of that codec
 * @source: in (SET) or out (GET): HDAEMU_SOURCE_*
 * @flags: in: must be 0
 * @tone_hz: TONE: the frequency, 1..96000 Hz (above half the stream's rate
 *	it aliases, as a real ADC without its filter would)
 * @tone_level: TONE: the peak amplitude, in 1/65536 of full scale,
 *	1..HDAEMU_TONE_FULL_SCALE
 * @loopback_nid: LOOPBACK: an output-capable pin of the same codec; the
 *	input hears whatever render stream reaches it
 * @pad: must be 0
 * @reserved: must be 0
 *
 * The signal at a pin is physical, like a jack: a function group reset
 * keeps it. Fields the source does not use must be 0.
 */
struct hdaemu_input_source {
	__u32 codec_address;
	__u32 nid;
	__u32 source;
	__u32 flags;
	__u32 tone_hz;
	__u32 tone_level;
	__u32 loopback_nid;
	__u32 pad;
	__u64 reserved[2];
};

/* &hdaemu_data_stats.route values. */
#define HDAEMU_ROUTE_NONE		0	/* no converter has the stream's tag */
#define HDAEMU_ROUTE_CONVERTER		1	/* a converter carries the data */
#define HDAEMU_ROUTE_MISMATCH		2	/* it does, in another format: noise */

/**
 * struct hdaemu_data_stats - HDAEMU_IOC_GET_DATA_STATS
 * @handle: in: the engine
 * @flags: in: must be 0
 * @route: out: HDAEMU_ROUTE_* now
 * @codec_address: out: the converter's codec (ROUTE_CONVERTER/MISMATCH)
 * @converter_nid: out: the converter's node
 * @pin_nid: out: capture: the pin the converter listens to, 0 if none
 * @source: out: capture: that pin's HDAEMU_SOURCE_*
 * @bytes: out: bytes the engine moved since allocation
 * @unrouted_bytes: out: of them, bytes moved with no route (render: went
 *	nowhere; capture: zeros), or with a mismatched converter format
 * @underruns: out: render: spans read before the client wrote them
 * @underrun_bytes: out: render: bytes of those spans
 * @stalls: out: injected DMA stalls (FIFO errors)
 * @loopback_latency_frames: out: capture from a loopback: frames from a
 *	render frame's play instant to its capture instant; -1 when the
 *	engine is not capturing a loopback now
 * @loopback_gaps: out: capture frames a loopback had no render data for
 *	(zeros instead): the render stream was not running, or too far ahead
 * @reserved: must be 0
 */
struct hdaemu_data_stats {
	__u32 handle;
	__u32 flags;
	__u32 route;
	__u8 codec_address;
	__u8 converter_nid;
	__u8 pin_nid;
	__u8 source;
	__u64 bytes;
	__u64 unrouted_bytes;
	__u64 underruns;
	__u64 underrun_bytes;
	__u64 stalls;
	__s64 loopback_latency_frames;
	__u64 loopback_gaps;
	__u64 reserved[2];
};

/*
 * Fault injection, for testing clients: privileged (CAP_SYS_ADMIN), as it
 * changes what every client of the controller sees. Also through
 * /sys/kernel/debug/hdaemu/faults.
 */
#define HDAEMU_FAULT_CLEAR		0	/* every fault off */
#define HDAEMU_FAULT_JITTER		1	/* IOC interrupts late by 0..max */
#define HDAEMU_FAULT_DROP		2	/* IOC interrupts lost */
#define HDAEMU_FAULT_ALLOC		3	/* allocations fail with -ENOMEM */
#define HDAEMU_FAULT_REMOVE		4	/* surprise removal of the controller */
#define HDAEMU_FAULT_RETURN		5	/* the controller is back */
#define HDAEMU_FAULT_STALL		6	/* the DMA stops for a while */
#define HDAEMU_FAULT_DRIFT		7	/* the stream clock runs fast or slow */
#define HDAEMU_FAULT_GRANULARITY	8	/* the position moves in steps */

/* &hdaemu_fault.position_mode values (GRANULARITY). */
#define HDAEMU_POSITION_SMOOTH		0	/* every frame, as it goes (default) */
#define HDAEMU_POSITION_STEPS		1	/* held, then moved a step at once */
#define HDAEMU_POSITION_BURSTS		2	/* a step ahead at once, then held */

/* &hdaemu_fault.target: the whole controller rather than one engine. */
#define HDAEMU_FAULT_CONTROLLER		0xffffffffu

/* &hdaemu_fault.alloc_kind values. */
#define HDAEMU_ALLOC_ENGINE		1
#define HDAEMU_ALLOC_BUFFER		2
#define HDAEMU_ALLOC_NOTIFICATION	3

/**
 * struct hdaemu_fault - HDAEMU_IOC_SET_FAULT
 * @type: HDAEMU_FAULT_*
 * @flags: must be 0
 * @target: JITTER, DROP, STALL, DRIFT and GRANULARITY: an engine's stream
 *	descriptor index (&hdaemu_engine_alloc.engine_index), or
 *	HDAEMU_FAULT_CONTROLLER for every engine; CLEAR, ALLOC, REMOVE and
 *	RETURN: HDAEMU_FAULT_CONTROLLER
 * @position_mode: GRANULARITY: HDAEMU_POSITION_*; else must be 0
 * @seed: JITTER and DROP: seed of the pseudo-random choices, so a run can
 *	be repeated exactly; 0 is a seed like any other
 * @jitter_max_ns: JITTER: each IOC interrupt comes late by a random time
 *	in [0, @jitter_max_ns]; 0 turns it off. At most one second.
 * @drop_every: DROP: every @drop_every-th IOC interrupt is lost (0: none)
 * @drop_permille: DROP: else each is lost with this probability, 0..1000
 * @alloc_kind: ALLOC: HDAEMU_ALLOC_*
 * @alloc_count: ALLOC: the next @alloc_count allocations of that kind fail
 * @stall_ns: STALL: how long the DMA of each running target engine stops,
 *	1 ns..10 s; the position holds, then goes on from where it stopped
 *	(behind the wall clock by @stall_ns from then on), and the engine
 *	raises a FIFO error (an HDAEMU_EVENT_XRUN record). A target engine
 *	that is not running answers -EBADFD.
 * @drift_ppm: DRIFT: the stream clock runs at its rate * (1 + ppm / 1e6)
 *	against CLOCK_MONOTONIC and the wall clock, -100000..100000 (0 turns
 *	it off); an engine's drift adds to the controller's
 * @step_us: GRANULARITY: STEPS and BURSTS: the step, 1 us..1 s (QEMU's HDA
 *	moves in 10000 us steps); SMOOTH: 0. STEPS reports the position
 *	rounded down to a step, BURSTS rounded up (a DSP that fetched a block
 *	ahead); the IOCs and the data keep their exact times.
 *
 * A JITTER or DROP setting on an engine replaces what that engine had, and
 * applies on top of the controller's. Due times never move: a late
 * interrupt raises every IOC due by then; a lost one raises its IOCs (the
 * count and the position go on) but signals nothing.
 *
 * REMOVE takes the controller away: every client open then loses its
 * engines and answers -ENODEV to every call but SET_FAULT from then on
 * (close it); every
 * waiter is woken (registered eventfds are signalled once, the event queue
 * gets an HDAEMU_EVENT_REMOVAL record, read() then fails with -ENODEV and
 * poll() reports POLLHUP); opening the device fails with -ENODEV. RETURN
 * brings it back for new clients; the old ones stay gone.
 */
struct hdaemu_fault {
	__u32 type;
	__u32 flags;
	__u32 target;
	__u32 position_mode;
	__u64 seed;
	__u64 jitter_max_ns;
	__u32 drop_every;
	__u32 drop_permille;
	__u32 alloc_kind;
	__u32 alloc_count;
	__u64 stall_ns;
	__s32 drift_ppm;
	__u32 step_us;
};

#define HDAEMU_IOC_MAGIC		0xDA

/*
 * Numbers by area: 0x00-0x0f the bus core, 0x10-0x1f codecs and verbs,
 * 0x20-0x2f events and statistics, 0x30-0x3f fault injection.
 */

/* Report the ABI version and the controller. */
#define HDAEMU_IOC_GET_INFO		_IOWR(HDAEMU_IOC_MAGIC, 0x00, struct hdaemu_info)
/* Allocate a render or capture DMA engine, in Reset. */
#define HDAEMU_IOC_ALLOC_ENGINE		_IOWR(HDAEMU_IOC_MAGIC, 0x01, struct hdaemu_engine_alloc)
/* Free an engine in Reset without a buffer; drops its registrations. */
#define HDAEMU_IOC_FREE_ENGINE		_IOW(HDAEMU_IOC_MAGIC, 0x02, struct hdaemu_engine_ref)
/* Change an engine's format (ChangeBandwidthAllocation): Reset, no buffer. */
#define HDAEMU_IOC_CHANGE_FORMAT	_IOWR(HDAEMU_IOC_MAGIC, 0x03, struct hdaemu_engine_format)
/* Allocate the engine's DMA buffer. */
#define HDAEMU_IOC_ALLOC_BUFFER		_IOWR(HDAEMU_IOC_MAGIC, 0x04, struct hdaemu_buffer_alloc)
/* Free the engine's DMA buffer; drops its registrations. */
#define HDAEMU_IOC_FREE_BUFFER		_IOW(HDAEMU_IOC_MAGIC, 0x05, struct hdaemu_buffer_free)
/* Move one or more engines to a state, together. */
#define HDAEMU_IOC_SET_STATE		_IOWR(HDAEMU_IOC_MAGIC, 0x06, struct hdaemu_set_state)
/* Read an engine's link position, IOC count and the wall clock. */
#define HDAEMU_IOC_GET_POSITION		_IOWR(HDAEMU_IOC_MAGIC, 0x07, struct hdaemu_position)
/* Signal an eventfd on each IOC of an engine. */
#define HDAEMU_IOC_REGISTER_NOTIFICATION _IOW(HDAEMU_IOC_MAGIC, 0x08, struct hdaemu_notification)
/* Stop signalling an eventfd registered on an engine. */
#define HDAEMU_IOC_UNREGISTER_NOTIFICATION _IOW(HDAEMU_IOC_MAGIC, 0x09, struct hdaemu_notification)

/* Send codec verbs in order and read their responses. */
#define HDAEMU_IOC_TRANSFER_VERBS	_IOW(HDAEMU_IOC_MAGIC, 0x10, struct hdaemu_verb_transfer)
/* The controller, its codecs and this client's codec and function group. */
#define HDAEMU_IOC_GET_DEVICE_INFO	_IOWR(HDAEMU_IOC_MAGIC, 0x11, struct hdaemu_device_info)
/* Get a tag for unsolicited responses, signalled on an eventfd. */
#define HDAEMU_IOC_REGISTER_UNSOL	_IOWR(HDAEMU_IOC_MAGIC, 0x12, struct hdaemu_unsol_register)
/* Give a tag back. */
#define HDAEMU_IOC_UNREGISTER_UNSOL	_IOW(HDAEMU_IOC_MAGIC, 0x13, struct hdaemu_unsol_ref)
/* Take the unsolicited responses queued for a tag. */
#define HDAEMU_IOC_READ_UNSOL		_IOWR(HDAEMU_IOC_MAGIC, 0x14, struct hdaemu_unsol_read)
/* Plug or unplug a jack (CAP_SYS_ADMIN). */
#define HDAEMU_IOC_INJECT_JACK		_IOW(HDAEMU_IOC_MAGIC, 0x15, struct hdaemu_jack)
/* A codec's converters and the engines they meet. */
#define HDAEMU_IOC_GET_CONVERTERS	_IOWR(HDAEMU_IOC_MAGIC, 0x16, struct hdaemu_converters)
/* A codec address's verb counters. */
#define HDAEMU_IOC_GET_CODEC_STATS	_IOWR(HDAEMU_IOC_MAGIC, 0x17, struct hdaemu_codec_stats)
/* Set what an input pin hears (CAP_SYS_ADMIN). */
#define HDAEMU_IOC_SET_INPUT_SOURCE	_IOW(HDAEMU_IOC_MAGIC, 0x18, struct hdaemu_input_source)
/* Read what an input pin hears. */
#define HDAEMU_IOC_GET_INPUT_SOURCE	_IOWR(HDAEMU_IOC_MAGIC, 0x19, struct hdaemu_input_source)

/* Signal an eventfd when the event queue goes from empty to not empty. */
#define HDAEMU_IOC_SET_QUEUE_EVENT	_IOW(HDAEMU_IOC_MAGIC, 0x20, struct hdaemu_queue_event)
/* Queue events of the given types, of an engine or of the device. */
#define HDAEMU_IOC_ENABLE_EVENTS	_IOWR(HDAEMU_IOC_MAGIC, 0x21, struct hdaemu_event_set)
/* Stop queueing them and drop what is pending of them. */
#define HDAEMU_IOC_DISABLE_EVENTS	_IOWR(HDAEMU_IOC_MAGIC, 0x22, struct hdaemu_event_set)
/* The queue's size, fill and counters. */
#define HDAEMU_IOC_GET_QUEUE_STATUS	_IOWR(HDAEMU_IOC_MAGIC, 0x23, struct hdaemu_queue_status)
/* An engine's IOC timing statistics. */
#define HDAEMU_IOC_GET_ENGINE_STATS	_IOWR(HDAEMU_IOC_MAGIC, 0x24, struct hdaemu_engine_stats)
/* An engine's data path: its route and what it moved. */
#define HDAEMU_IOC_GET_DATA_STATS	_IOWR(HDAEMU_IOC_MAGIC, 0x25, struct hdaemu_data_stats)

/* Inject a fault (CAP_SYS_ADMIN). */
#define HDAEMU_IOC_SET_FAULT		_IOW(HDAEMU_IOC_MAGIC, 0x30, struct hdaemu_fault)

#endif /* _UAPI_LINUX_HDAEMU_H */
