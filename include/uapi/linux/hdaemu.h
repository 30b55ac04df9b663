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
 * @reserved: 0
 */
struct hdaemu_position_header {
	__u32 abi_version;
	__u32 slot_bytes;
	__u32 slot_offset;
	__u32 num_slots;
	__u64 wallclock_base_ns;
	__u64 reserved[5];
};

/**
 * struct hdaemu_position_slot - one engine's position anchor
 * @seq: sequence counter, odd while the kernel writes the slot
 * @state: HDAEMU_STATE_*; a slot not in use reads Reset with @buffer_bytes 0
 * @anchor_ns: CLOCK_MONOTONIC instant of the last Run
 * @anchor_bytes: bytes transferred since Reset at @anchor_ns
 * @buffer_bytes: the cyclic buffer's size, 0 without a buffer
 * @frame_bytes: bytes per frame of the stream format
 * @sample_rate: frames per second
 * @pad: 0
 * @ioc_count: IOCs raised since the last Reset
 * @last_ioc_ns: CLOCK_MONOTONIC due time of the last IOC
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
	__u32 pad;
	__u64 ioc_count;
	__u64 last_ioc_ns;
	__u64 reserved;
};

/**
 * hdaemu_slot_bytes_at() - bytes transferred since Reset at @now_ns
 * @slot: a consistent copy of a position slot
 * @now_ns: a CLOCK_MONOTONIC instant not before the slot's anchor
 *
 * The timing model: a running engine moves whole frames at its sample rate
 * from its anchor. The link position is this value modulo @buffer_bytes.
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
	/* Split at whole seconds so the product cannot overflow. */
	frames = dt / 1000000000ull * slot->sample_rate +
		 dt % 1000000000ull * slot->sample_rate / 1000000000ull;
	return slot->anchor_bytes + frames * slot->frame_bytes;
}

/* Offset of engine slot @slot's DMA buffer for mmap(). */
#define HDAEMU_MMAP_BUFFER_SHIFT	24
#define HDAEMU_MMAP_BUFFER(slot)	(((__u64)(slot) + 1) << HDAEMU_MMAP_BUFFER_SHIFT)

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

#endif /* _UAPI_LINUX_HDAEMU_H */
