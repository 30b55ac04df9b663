/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hdaemu - the in-kernel HD Audio bus interface.
 *
 * A function driver (another kernel module, or hdaemu's own char device)
 * opens the bus with hdaemu_bus_open(), naming the interface version it was
 * written for, and gets an ops table and a context, as a Windows function
 * driver gets HDAUDIO_BUS_INTERFACE_V2 from the bus driver. Every routine
 * takes that context first. Everything the client allocates is its own;
 * hdaemu_bus_close() stops and frees whatever it still holds.
 *
 * Errors are negative errnos. The reference's status codes map as:
 *	STATUS_INVALID_PARAMETER	-EINVAL
 *	STATUS_INVALID_HANDLE		-ENOENT
 *	STATUS_INSUFFICIENT_RESOURCES	-ENOSPC (engines, tags, bandwidth,
 *					notification slots) or -ENOMEM
 *	STATUS_INVALID_DEVICE_REQUEST	-EBADFD (the engine is in the wrong
 *					state), -EBUSY (it still holds a
 *					buffer), -EEXIST (it has one already),
 *					-ENODATA (it has none)
 *	(surprise removal)		-ENODEV, from every routine of a
 *					client that was open at the removal
 *
 * Context: routines that the reference allows at DISPATCH_LEVEL
 * (set_dma_engine_state, get_wall_clock_register, get_link_position_register
 * and the register reads) may be called from any context, including a
 * notification callback. All others may sleep: process context only.
 */
#ifndef _HDAEMU_BUS_H
#define _HDAEMU_BUS_H

#include <linux/ktime.h>
#include <linux/stddef.h>
#include <linux/types.h>
#include <uapi/linux/hdaemu.h>

struct hdaemu_client;
struct hdaemu_engine;

/* Limits every engine enforces (GET_INFO reports them to userspace). */
#define HDAEMU_MIN_PERIOD_NS		100000u		/* between IOCs, as ALSA timers */
#define HDAEMU_MAX_BUFFER_BYTES		(8u << 20)	/* one engine's DMA buffer */

/* Interface versions, after the reference's interface GUIDs. */
#define HDAEMU_BUS_INTERFACE_V1		1	/* baseline */
#define HDAEMU_BUS_INTERFACE_V2		2	/* + buffers with notification */
#define HDAEMU_BUS_INTERFACE_V3		3	/* + notification callbacks */
#define HDAEMU_BUS_INTERFACE_BDL	4	/* baseline, caller-made BDLs */
#define HDAEMU_BUS_INTERFACE_FULL	5	/* hdaemu's own: V3 and BDL together */

/* Engine states (HDAUDIO_STREAM_STATE); Stop and Pause are one state. */
enum hdaemu_stream_state {
	HDAEMU_STREAM_RESET = HDAEMU_STATE_RESET,
	HDAEMU_STREAM_STOP = HDAEMU_STATE_STOP,
	HDAEMU_STREAM_PAUSE = HDAEMU_STATE_PAUSE,
	HDAEMU_STREAM_RUN = HDAEMU_STATE_RUN,
};

/**
 * struct hdaemu_format - a PCM stream format (HDAUDIO_STREAM_FORMAT)
 * @sample_rate: frames per second
 * @valid_bits: significant bits per sample: 8, 16, 20, 24 or 32
 * @container_bits: bits per sample in memory: 8, 16 or 32
 * @channels: 1 to 16
 */
struct hdaemu_format {
	u32 sample_rate;
	u16 valid_bits;
	u16 container_bits;
	u16 channels;
};

/**
 * struct hdaemu_dma_buffer - a DMA buffer handed to a function driver
 * @area: kernel address of the buffer (vmalloc memory, page aligned,
 *	zeroed, mappable to userspace with remap_vmalloc_range())
 * @bytes: the cyclic buffer length (CBL) in use
 * @offset_from_first_page: where the data starts in the first page: 0
 * @stream_id: the stream tag to program into the codec's converter
 * @fifo_bytes: bytes the engine holds internally (SDnFIFOS)
 */
struct hdaemu_dma_buffer {
	void *area;
	size_t bytes;
	size_t offset_from_first_page;
	u8 stream_id;
	u32 fifo_bytes;
};

/**
 * struct hdaemu_buffer_descriptor - one BDL entry (HDAUDIO_BUFFER_DESCRIPTOR)
 * @offset: start of the fragment in the contiguous buffer, 128-byte aligned;
 *	the emulator has no bus addresses, so this replaces the address
 * @length: fragment length in bytes, a multiple of the frame size
 * @ioc: interrupt on completion of this fragment
 */
struct hdaemu_buffer_descriptor {
	u64 offset;
	u32 length;
	u32 ioc;
};

/**
 * struct hdaemu_ioc - what a notification receives about an IOC
 * @sequence: number of this IOC since the engine's last Reset (the first is 1);
 *	when @count > 1, the number of the newest one
 * @count: IOCs this notification stands for (more than 1 when the timer
 *	ran so late that several fell due; none is dropped)
 * @due: CLOCK_MONOTONIC instant the newest IOC fell due
 * @timestamp: CLOCK_MONOTONIC instant the emulated interrupt ran
 * @lateness_ns: @timestamp less the due time of the oldest IOC it raised
 * @link_position: the link position at @due
 * @wallclock: the wall clock register at @due
 */
struct hdaemu_ioc {
	u64 sequence;
	u32 count;
	ktime_t due;
	ktime_t timestamp;
	u64 lateness_ns;
	u32 link_position;
	u32 wallclock;
};

/**
 * struct hdaemu_ioc_stats - IOC timing of an engine, since its allocation
 * @iocs: IOCs raised
 * @late_batches: timer runs that found more than one IOC due
 * @missed: IOCs that fell due while an earlier one was still undelivered
 * @late_last_ns: lateness of the last timer run against its due time
 * @late_max_ns: the largest lateness seen
 * @late_sum_ns: sum of latenesses, for the mean over @runs
 * @runs: timer runs that raised IOCs
 * @dropped: IOCs whose interrupt an injected fault dropped
 * @busy_ns: time spent in the engine's timer callbacks, in all
 */
struct hdaemu_ioc_stats {
	u64 iocs;
	u64 late_batches;
	u64 missed;
	u64 late_last_ns;
	u64 late_max_ns;
	u64 late_sum_ns;
	u64 runs;
	u64 dropped;
	u64 busy_ns;
};

/**
 * struct hdaemu_event - a notification event (the KEVENT of the reference)
 * @signal: called on each IOC of the engine it is registered on, in hard
 *	interrupt context, without locks of the bus held; it may call the
 *	routines allowed in any context (e.g. set_dma_engine_state)
 * @removed: optional: called once, in process context, when the controller
 *	is removed while the event is registered, so its waiter wakes; the
 *	registration ends right after
 *
 * The caller owns the memory. After the unregister, buffer free, engine free
 * or bus close that ends the registration returns, @signal is not running
 * and will not be called again.
 */
struct hdaemu_event {
	void (*signal)(struct hdaemu_event *event, const struct hdaemu_ioc *ioc);
	void (*removed)(struct hdaemu_event *event);
};

/* A V3 notification callback: @context as registered. Same rules as above. */
typedef void (*hdaemu_notification_fn)(void *context, const struct hdaemu_ioc *ioc);

/* A BDL interrupt handler; @status has SDnSTS bits (bit 2: BCIS, an IOC). */
typedef void (*hdaemu_bdl_isr_fn)(void *context, u32 status);

/* SDnSTS bits a BDL interrupt handler may see. */
#define HDAEMU_SD_STS_BCIS	BIT(2)
#define HDAEMU_SD_STS_FIFOE	BIT(3)
#define HDAEMU_SD_STS_DESE	BIT(4)

/**
 * struct hdaemu_register - an emulated controller register
 * @read: returns the register's value at the instant of the call
 *
 * Like an MMIO register, it is read when needed, never cached: always with
 * hdaemu_register_read(), which computes the value from the timing model.
 */
struct hdaemu_register {
	u32 (*read)(const struct hdaemu_register *reg);
};

/**
 * hdaemu_register_read() - read an emulated register, as readl() does
 * @reg: a register from get_wall_clock_register or get_link_position_register
 *
 * Context: any.
 * Return: the register's value now.
 */
static inline u32 hdaemu_register_read(const struct hdaemu_register *reg)
{
	return reg->read(reg);
}

/**
 * struct hdaemu_xrun - an engine's data path went wrong (see the uapi's
 *	struct hdaemu_event_xrun for the fields' meaning)
 * @reason: HDAEMU_XRUN_UNDERRUN or HDAEMU_XRUN_STALL
 * @count: xruns of the engine since its allocation, this one included
 * @bytes: the transfer count since Reset where it happened
 * @length: UNDERRUN: bytes read unwritten
 * @stall_ns: STALL: how long the DMA stops
 * @when: CLOCK_MONOTONIC instant it was found
 */
struct hdaemu_xrun {
	u32 reason;
	u32 count;
	u64 bytes;
	u32 length;
	u64 stall_ns;
	ktime_t when;
};

/**
 * struct hdaemu_client_events - hooks through which a client sees its engines
 * @ioc: after the notifications of an IOC run of @engine, at position page
 *	slot @slot; hard interrupt context, no bus lock held
 * @state: when @engine (at @slot) moves from @from to @to with @bytes
 *	transferred, at @when; any context, with the engine's lock held: it
 *	must only take leaf locks
 * @removed: the controller was removed: the client's engines are gone and
 *	every routine answers -ENODEV from now on; process context, under
 *	the bus's mutex (no bus routine may be called from it)
 * @xrun: @engine (at @slot) had an underrun or a FIFO error (an injected
 *	DMA stall); any context up to hard interrupt, no engine lock held,
 *	so it may stop streams
 *
 * A client gets these for every engine it owns, whatever is registered on
 * them: the char device builds its event queue on them.
 */
struct hdaemu_client_events {
	void (*ioc)(void *context, struct hdaemu_engine *engine, u8 slot,
		    const struct hdaemu_ioc *ioc);
	void (*state)(void *context, struct hdaemu_engine *engine, u8 slot,
		      enum hdaemu_stream_state from, enum hdaemu_stream_state to, u64 bytes,
		      ktime_t when);
	void (*removed)(void *context);
	void (*xrun)(void *context, struct hdaemu_engine *engine, u8 slot,
		     const struct hdaemu_xrun *xrun);
};

/**
 * struct hdaemu_position_sample - an engine's registers at one instant
 * @timestamp: the CLOCK_MONOTONIC instant of the sample
 * @bytes: bytes transferred since the last Reset
 * @ioc_count: IOCs raised since the last Reset
 * @link_position: LPIB: @bytes modulo the cyclic buffer length
 * @wallclock: WALCLK
 * @state: the stream state
 * @stream_tag: the engine's stream tag
 * @slot: the engine's slot in the client's position page
 * @engine_index: the stream descriptor index
 */
struct hdaemu_position_sample {
	ktime_t timestamp;
	u64 bytes;
	u64 ioc_count;
	u32 link_position;
	u32 wallclock;
	enum hdaemu_stream_state state;
	u8 stream_tag;
	u8 slot;
	u32 engine_index;
};

/**
 * struct hdaemu_codec_transfer - one verb and its response (HDAUDIO_CODEC_TRANSFER)
 * @command: in: the 32-bit command: codec address 31:28, node 27:20, verb
 *	and payload 19:0 (12-bit verb and 8-bit payload, or 4-bit verb and
 *	16-bit payload)
 * @response: out: the 64-bit response: HDAEMU_RESPONSE_VALID (bit 63),
 *	HDAEMU_RESPONSE_OVERRUN (62), HDAEMU_RESPONSE_UNSOL (36), the codec
 *	address in 35:32 and the codec's 32-bit answer in 31:0
 */
struct hdaemu_codec_transfer {
	u32 command;
	u64 response;
};

/*
 * Called once when an asynchronous transfer_codec_verbs() has written
 * every response: @transfers is the caller's array, @context as given.
 * Process context (a work item); calls of one client come in submission
 * order. It may transfer more verbs; it must not close the bus.
 */
typedef void (*hdaemu_transfer_complete_fn)(struct hdaemu_codec_transfer *transfers,
					     void *context);

/*
 * An unsolicited response callback: @response by value, with
 * HDAEMU_RESPONSE_VALID and _UNSOL set, the codec address in 35:32 and the
 * tag in 31:26. Process context (a work item), one call at a time for the
 * whole bus, in the order the codecs sent them. It may transfer verbs; it
 * must not register or unregister callbacks, nor close the bus.
 */
typedef void (*hdaemu_unsol_fn)(u64 response, void *context);

/**
 * struct hdaemu_device_information - the controller (HDAUDIO_DEVICE_INFORMATION_V2)
 * @size: in: the caller's sizeof(); at least HDAEMU_DEVICE_INFORMATION_V1_SIZE.
 *	out: the size the bus filled, V1 or the whole structure
 * @device_version: controller version, major in the high byte (VMAJ.VMIN)
 * @driver_version: hdaemu's bus driver version, major in the high byte
 * @codecs_detected: a mask of the codecs present, bit n for SDI line n,
 *	as STATESTS (the reference's header; its documentation says a count)
 * @is_striping_supported: false: one SDO line
 * @ctrl_revision: V2: the emulated controller's PCI revision
 * @ctrl_vendor_id: V2: its PCI vendor id
 * @ctrl_device_id: V2: its PCI device id
 */
struct hdaemu_device_information {
	u16 size;
	u16 device_version;
	u16 driver_version;
	u16 codecs_detected;
	bool is_striping_supported;
	u8 ctrl_revision;
	u16 ctrl_vendor_id;
	u16 ctrl_device_id;
};

#define HDAEMU_DEVICE_INFORMATION_V1_SIZE \
	offsetofend(struct hdaemu_device_information, is_striping_supported)

/**
 * struct hdaemu_bus_interface - the bus interface (HDAUDIO_BUS_INTERFACE_*)
 * @size: sizeof(struct hdaemu_bus_interface)
 * @version: the HDAEMU_BUS_INTERFACE_* this table serves
 * @context: the client; first argument of every routine
 * @allocate_capture_dma_engine: reserve a capture engine for the codec at
 *	@codec_address; returns its handle and the converter format word
 * @allocate_render_dma_engine: reserve a render engine (@stripe must be false)
 * @change_bandwidth_allocation: new format for an engine in Reset, no buffer
 * @allocate_dma_buffer: a buffer without notifications (V1, V2, V3)
 * @free_dma_buffer: free a buffer of @allocate_dma_buffer
 * @free_dma_engine: free an engine in Reset without a buffer; its
 *	registrations end
 * @set_dma_engine_state: move @count engines to @state together, all or none
 * @get_wall_clock_register: the 24 MHz, 32-bit wall clock register
 * @get_link_position_register: the engine's LPIB register
 * @transfer_codec_verbs: send @count (1..HDAEMU_MAX_VERBS) verbs in order
 *	and write each response; synchronous (process context) when
 *	@callback is NULL, else queued (any context) and @callback called
 *	when all are done. -EINVAL for a bad count or a NULL array, -ENOMEM
 * @register_event_callback: call @fn for each unsolicited response with the
 *	tag it returns in @tag, unique on the bus; -ENOSPC when the 64 tags
 *	are used up
 * @unregister_event_callback: end the registration of @tag; -EINVAL if this
 *	client did not register it. On return the callback is not running
 *	and will not run again.
 * @get_device_information: the controller and its codecs; -EINVAL when
 *	@info->size is below HDAEMU_DEVICE_INFORMATION_V1_SIZE
 * @get_resource_information: the address of the client's codec and the
 *	first node of its function group: hdaemu gives every client the
 *	lowest codec address present, and its audio function group
 * @allocate_dma_buffer_with_notification: a buffer raising
 *	@notification_count (1 or 2) IOCs per pass (V2, V3)
 * @free_dma_buffer_with_notification: free it; @buffer and @size as returned
 * @register_notification_event: signal @event on each IOC (V2, V3)
 * @unregister_notification_event: stop signalling @event
 * @register_notification_callback: call @fn(@context) on each IOC (V3)
 * @unregister_notification_callback: by the same @fn and @context
 * @allocate_contiguous_dma_buffer: a buffer and an empty BDL page (BDL)
 * @setup_dma_engine_with_bdl: program the engine with @lvi + 1 entries of
 *	the BDL page covering @buffer_length bytes (BDL)
 * @free_contiguous_dma_buffer: free both (BDL)
 * @query_position: all registers of an engine at one instant (hdaemu's
 *	own, every version; any context)
 * @get_position_page: the client's page of position anchors, laid out as
 *	&struct hdaemu_position_header and its slots (hdaemu's own, every
 *	version); valid until hdaemu_bus_close()
 * @get_engine_stats: an engine's IOC timing statistics (hdaemu's own)
 * @set_client_events: install the client's event hooks, while it owns no
 *	engine (hdaemu's own); -EBUSY otherwise
 *
 * Routines not in @version are NULL.
 */
struct hdaemu_bus_interface {
	u16 size;
	u16 version;
	struct hdaemu_client *context;

	int (*allocate_capture_dma_engine)(struct hdaemu_client *context, u8 codec_address,
					   const struct hdaemu_format *format,
					   struct hdaemu_engine **handle, u16 *converter_format);
	int (*allocate_render_dma_engine)(struct hdaemu_client *context,
					  const struct hdaemu_format *format, bool stripe,
					  struct hdaemu_engine **handle, u16 *converter_format);
	int (*change_bandwidth_allocation)(struct hdaemu_client *context,
					   struct hdaemu_engine *handle,
					   const struct hdaemu_format *format,
					   u16 *converter_format);
	int (*allocate_dma_buffer)(struct hdaemu_client *context, struct hdaemu_engine *handle,
				   size_t requested_bytes, struct hdaemu_dma_buffer *buffer);
	int (*free_dma_buffer)(struct hdaemu_client *context, struct hdaemu_engine *handle);
	int (*free_dma_engine)(struct hdaemu_client *context, struct hdaemu_engine *handle);
	int (*set_dma_engine_state)(struct hdaemu_client *context, enum hdaemu_stream_state state,
				    unsigned int count, struct hdaemu_engine *const *handles,
				    ktime_t *timestamp);
	void (*get_wall_clock_register)(struct hdaemu_client *context,
					const struct hdaemu_register **wallclock);
	int (*get_link_position_register)(struct hdaemu_client *context,
					  struct hdaemu_engine *handle,
					  const struct hdaemu_register **position);
	int (*transfer_codec_verbs)(struct hdaemu_client *context, unsigned int count,
				    struct hdaemu_codec_transfer *transfers,
				    hdaemu_transfer_complete_fn callback, void *callback_context);
	int (*register_event_callback)(struct hdaemu_client *context, hdaemu_unsol_fn fn,
				       void *fn_context, u8 *tag);
	int (*unregister_event_callback)(struct hdaemu_client *context, u8 tag);
	int (*get_device_information)(struct hdaemu_client *context,
				      struct hdaemu_device_information *info);
	void (*get_resource_information)(struct hdaemu_client *context, u8 *codec_address,
					 u8 *fg_start_node);

	int (*allocate_dma_buffer_with_notification)(struct hdaemu_client *context,
						     struct hdaemu_engine *handle,
						     u32 notification_count,
						     size_t requested_bytes,
						     struct hdaemu_dma_buffer *buffer);
	int (*free_dma_buffer_with_notification)(struct hdaemu_client *context,
						 struct hdaemu_engine *handle,
						 void *buffer, size_t size);
	int (*register_notification_event)(struct hdaemu_client *context,
					   struct hdaemu_engine *handle,
					   struct hdaemu_event *event);
	int (*unregister_notification_event)(struct hdaemu_client *context,
					     struct hdaemu_engine *handle,
					     struct hdaemu_event *event);

	int (*register_notification_callback)(struct hdaemu_client *context,
					      struct hdaemu_engine *handle,
					      hdaemu_notification_fn fn, void *fn_context);
	int (*unregister_notification_callback)(struct hdaemu_client *context,
						struct hdaemu_engine *handle,
						hdaemu_notification_fn fn, void *fn_context);

	int (*allocate_contiguous_dma_buffer)(struct hdaemu_client *context,
					      struct hdaemu_engine *handle,
					      u32 requested_bytes, void **data,
					      struct hdaemu_buffer_descriptor **bdl);
	int (*setup_dma_engine_with_bdl)(struct hdaemu_client *context,
					 struct hdaemu_engine *handle, u32 buffer_length,
					 u32 lvi, hdaemu_bdl_isr_fn isr, void *isr_context,
					 u8 *stream_id, u32 *fifo_bytes);
	int (*free_contiguous_dma_buffer)(struct hdaemu_client *context,
					  struct hdaemu_engine *handle);

	int (*query_position)(struct hdaemu_client *context, struct hdaemu_engine *handle,
			      struct hdaemu_position_sample *sample);
	void *(*get_position_page)(struct hdaemu_client *context);
	int (*get_engine_stats)(struct hdaemu_client *context, struct hdaemu_engine *handle,
				struct hdaemu_ioc_stats *stats);
	int (*set_client_events)(struct hdaemu_client *context,
				 const struct hdaemu_client_events *events, void *events_context);
};

struct hdaemu_bus_interface *hdaemu_bus_open(u16 version);
void hdaemu_bus_close(struct hdaemu_bus_interface *interface);
int hdaemu_jack_inject(u8 codec_address, u8 nid, bool present);

#endif /* _HDAEMU_BUS_H */
