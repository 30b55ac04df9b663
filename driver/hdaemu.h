/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hdaemu - internal structures of the emulated HD Audio controller.
 *
 * Objects and lifetime
 *
 *   The controller (struct hdaemu_bus) exists from module load to unload and
 *   owns a fixed pool of DMA engines, as hardware owns its stream descriptors.
 *   An engine is never freed: "allocating" one gives it an owner, "freeing" it
 *   takes the owner away. So an engine pointer stays valid memory for the
 *   module's life, and a stale or foreign handle is caught by comparing the
 *   owner, never by touching freed memory.
 *
 *   A client (struct hdaemu_client) is one user of the bus interface: a
 *   kernel function driver or one open file of /dev/hdaemu. Closing it stops
 *   and frees every engine it owns.
 *
 * Locking (outermost first)
 *
 *   bus->lock (mutex): the engine pool's owners, stream tags, link bandwidth,
 *	the client list, buffers and notification registrations. Every
 *	routine that may sleep takes it for its whole run.
 *   bus->state_lock (spinlock, irq-safe): serialises SET_STATE calls, so one
 *	call can take many engine locks at once (spin_lock_nest_lock) and
 *	move them all or none.
 *   engine->lock (spinlock, irq-safe): the engine's state, run anchor, IOC
 *	progress and statistics, its owner (written under bus->lock too) and
 *	its position-page slot. The IOC timer runs in hard interrupt context
 *	and takes only this lock.
 *
 *   engine->tap.lock (spinlock, irq-safe, a leaf): a render engine's
 *	loopback tap. Its own timer writes it under engine->lock; a capture
 *	engine's timer reads it under its own engine->lock. No code holds two
 *	engine locks and a tap lock, or a tap lock and anything else.
 *
 *   Notification registrations are an RCU list per engine: written under
 *   bus->lock, walked by the timer under rcu_read_lock() with no engine lock
 *   held, so a notification may call set_dma_engine_state() (ALSA stops a
 *   stream from its period callback). Whoever removes registrations waits
 *   for a grace period before freeing them or returning to its caller.
 *
 * The timer and the free paths
 *
 *   Only code holding engine->lock starts the engine's timer, and only while
 *   the engine runs. Stopping (any context) sets the state and tries to
 *   cancel; a callback already running sees the new state when it takes the
 *   lock again and does not restart. Paths that free memory the timer could
 *   read (buffer free, engine free, client close, unload) first require the
 *   engine to be out of Run, then hrtimer_cancel() (it waits for a running
 *   callback), then synchronize_rcu() for notifications in flight.
 */
#ifndef _HDAEMU_INTERNAL_H
#define _HDAEMU_INTERNAL_H

#include <linux/errno.h>
#include <linux/hrtimer.h>
#include <linux/list.h>
#include <linux/math64.h>
#include <linux/mutex.h>
#include <linux/sizes.h>
#include <linux/spinlock.h>
#include <linux/types.h>

#include <hdaemu/bus.h>

#include "compat.h"

#define HDAEMU_MAX_NOTIFICATIONS	16
#define HDAEMU_FIFO_BYTES		256u
#define HDAEMU_OUTPAY_WORDS		60u	/* per 48 kHz frame, one SDO */
#define HDAEMU_INPAY_WORDS		29u	/* per 48 kHz frame, per SDI */
#define HDAEMU_MAX_CODECS		15u

/**
 * struct hdaemu_stream_params - a validated stream format
 * @format: the format as the caller gave it
 * @converter_format: its HDA stream format word (SDnFMT)
 * @frame_bytes: bytes per frame in memory
 * @link_words: 16-bit words per 48 kHz link frame the stream needs
 */
struct hdaemu_stream_params {
	struct hdaemu_format format;
	u16 converter_format;
	u32 frame_bytes;
	u32 link_words;
};

/**
 * struct hdaemu_ioc_point - a point of the cyclic buffer where the timer runs
 * @offset: link position (bytes) of the point; in (0, CBL]
 * @bytes: bytes from the previous point to this one
 * @ns_whole: the time those bytes take, whole nanoseconds
 * @ns_frac: the remainder, in 1/rate nanoseconds
 * @ioc: an IOC is raised here; else the point only moves data (buffers
 *	get such points so that data moves at least twice per pass)
 *
 * The time is split so the IOC path adds instead of dividing and the due
 * times never drift from t0 + exact time, however many IOCs go by.
 */
struct hdaemu_ioc_point {
	u32 offset;
	u32 bytes;
	u64 ns_whole;
	u32 ns_frac;
	bool ioc;
};

enum hdaemu_buffer_kind {
	HDAEMU_BUF_NONE = 0,
	HDAEMU_BUF_PLAIN = HDAEMU_BUFFER_PLAIN,
	HDAEMU_BUF_NOTIFY = HDAEMU_BUFFER_NOTIFY,
	HDAEMU_BUF_BDL = HDAEMU_BUFFER_BDL,
};

/**
 * struct hdaemu_buffer - an engine's DMA buffer and its BDL, as IOC points
 * @kind: which routine allocated it; HDAEMU_BUF_NONE when there is none
 * @area: vmalloc_user() memory, @alloc_bytes long
 * @alloc_bytes: size of @area
 * @cbl: cyclic buffer length: bytes of one pass through the BDL
 * @bdl: BDL page of a _BDL buffer (caller-filled), else NULL
 * @bdl_entries: entries in use after setup, 0 before
 * @map: _BDL: the validated copy of the list in use, which the data path
 *	walks (the caller may write @bdl at any time); NULL for the other
 *	kinds, whose data lies in order from @area
 * @points: timer points in link position order, IOC points and data-only
 *	points; NULL without a buffer
 * @num_points: entries of @points
 * @num_iocs: of them, the points that raise an IOC
 * @max_step: the largest @points[].bytes: how far ahead capture data lands
 * @isr: BDL interrupt handler, or NULL
 * @isr_context: its argument
 */
struct hdaemu_buffer {
	enum hdaemu_buffer_kind kind;
	void *area;
	u32 alloc_bytes;
	u32 cbl;
	struct hdaemu_buffer_descriptor *bdl;
	u32 bdl_entries;
	struct hdaemu_buffer_descriptor *map;
	struct hdaemu_ioc_point *points;
	u32 num_points;
	u32 num_iocs;
	u32 max_step;
	hdaemu_bdl_isr_fn isr;
	void *isr_context;
};

/**
 * struct hdaemu_ioc_faults - injected IOC interrupt faults (fault.c)
 * @jitter_max_ns: each interrupt late by a random time up to this
 * @drop_every: every drop_every-th interrupt lost
 * @drop_permille: else each lost with this probability
 * @prng: state of the pseudo-random draws, from the seed
 * @interrupts: interrupts seen, for @drop_every
 */
struct hdaemu_ioc_faults {
	u64 jitter_max_ns;
	u32 drop_every;
	u32 drop_permille;
	u64 prng;
	u64 interrupts;
};

/**
 * struct hdaemu_data_route - where an engine's data goes, as the codec says
 * @route: HDAEMU_ROUTE_*
 * @codec_address: the converter's codec
 * @converter_nid: the converter
 * @pin_nid: capture: the pin the converter listens to (0: none, or its
 *	input is off: the converter hears silence)
 * @source: capture: HDAEMU_SOURCE_* of that pin
 * @tone_step: TONE: phase step per frame, 2^32 per cycle
 * @tone_amplitude: TONE: peak, Q31
 * @loop_from: LOOPBACK: the render engine the looped output pin plays, or
 *	NULL (the pool's engines are never freed)
 *
 * Computed in process context under bus->lock and the codec's lock, and
 * stored in the engine under its lock, where the timer reads it.
 */
struct hdaemu_data_route {
	u8 route;
	u8 codec_address;
	u8 converter_nid;
	u8 pin_nid;
	u8 source;
	u32 tone_step;
	s32 tone_amplitude;
	struct hdaemu_engine *loop_from;
};

/**
 * struct hdaemu_data - an engine's data path (engine->lock)
 * @route: the route in effect
 * @done: transfer count up to which data was moved: render data read,
 *	capture data written (ahead of the position, up to the next point)
 * @loop_epoch: the loop_from tap's epoch @loop_offset belongs to
 * @loop_offset: capture frame + @loop_offset = the render frame it hears
 * @loop_synced: @loop_offset is valid
 * @silent: capture: the ADC has written only silence since @silent_from
 * @silent_from: and a pass after it the buffer holds nothing else, so
 *	silence need not be written again
 * @stats: what it moved; see the uapi's struct hdaemu_data_stats
 * @xruns: xruns reported (underruns found in the timer, stalls)
 */
struct hdaemu_data {
	struct hdaemu_data_route route;
	u64 done;
	u32 loop_epoch;
	s64 loop_offset;
	bool loop_synced;
	bool silent;
	u64 silent_from;
	struct {
		u64 bytes;
		u64 unrouted_bytes;
		u64 underruns;
		u64 underrun_bytes;
		u64 stalls;
		s64 loop_latency;
		u64 loop_gaps;
	} stats;
	u32 xruns;
};

/**
 * struct hdaemu_tap - a render engine's output, kept for loopback captures
 * @lock: the fields below; a leaf (see the top of this file)
 * @ring: HDAEMU_TAP_BYTES of what the DAC read, by transfer count modulo
 *	the size; allocated for the first capture that loops it, freed with
 *	the controller
 * @start: transfer count of the oldest byte of this epoch in @ring
 * @end: transfer count just after the newest byte in @ring
 * @epoch: bumped each time the engine's clock is anchored anew (Run, a
 *	stall, a drift change): frames of two epochs do not line up in time
 * @anchor: CLOCK_MONOTONIC instant of the epoch's anchor
 * @anchor_frames: frames since Reset at @anchor
 * @rate: the render stream's rate
 * @frame_bytes: and frame size
 * @max_step: the render buffer's largest step between timer points, bytes
 * @running: the render engine runs in this epoch
 */
struct hdaemu_tap {
	spinlock_t lock;	/* see the top of this file */
	u8 *ring;
	u64 start;
	u64 end;
	u32 epoch;
	ktime_t anchor;
	u64 anchor_frames;
	u32 rate;
	u32 frame_bytes;
	u32 max_step;
	bool running;
};

#define HDAEMU_TAP_BYTES	SZ_1M

/**
 * struct hdaemu_notification_reg - one registered notification target
 * @node: in &hdaemu_engine.notifications (RCU)
 * @event: a V2 event, or NULL for a V3 callback
 * @fn: the V3 callback
 * @fn_context: its context
 * @rcu_node: links it on a private list once unlinked from @node, while
 *	readers may still walk @node
 */
struct hdaemu_notification_reg {
	struct list_head node;
	struct hdaemu_event *event;
	hdaemu_notification_fn fn;
	void *fn_context;
	struct list_head rcu_node;
};

struct hdaemu_bus;
struct hdaemu_client;
struct hdaemu_codecs;

/* The mean lateness of the timer runs counted in @stats, 0 before any. */
static inline u64 hdaemu_ioc_stats_mean(const struct hdaemu_ioc_stats *stats)
{
	return stats->runs ? div64_u64(stats->late_sum_ns, stats->runs) : 0;
}

/**
 * struct hdaemu_engine - one DMA engine (stream descriptor)
 * @bus: the controller
 * @index: stream descriptor index: inputs, then outputs, then bidirectional
 * @capabilities: BIT(HDAEMU_DIR_RENDER) and/or BIT(HDAEMU_DIR_CAPTURE)
 * @owner: the client that allocated it, or NULL (bus->lock + @lock)
 * @direction: direction it was allocated for
 * @codec_address: capture: the SDI line its bandwidth is reserved on
 * @stream_tag: 1..15 while allocated
 * @slot: its slot in the owner's position page
 * @params: the stream format in effect
 * @buffer: its DMA buffer (bus->lock; read by the timer only while running)
 * @notifications: registered targets, RCU (written under bus->lock)
 * @num_notifications: entries of @notifications (bus->lock)
 * @lock: protects the fields below and the position slot
 * @state: HDAEMU_STREAM_*
 * @run_gen: bumped on each transition, so a timer run can tell it is stale
 * @anchor: CLOCK_MONOTONIC instant of the last Run
 * @anchor_bytes: bytes transferred since Reset at @anchor (or now, stopped)
 * @next_point: index in @buffer.points of the next IOC
 * @next_ioc_bytes: bytes transferred when the next IOC is raised
 * @due_whole_ns: time from @anchor to the next IOC, whole ns
 * @due_frac: and its remainder in 1/rate ns
 * @ioc_sequence: IOCs raised since Reset
 * @stats: timing statistics
 * @faults: IOC faults injected on this engine
 * @bus_faults: IOC faults injected on every engine, this engine's draws
 * @drift_ppm: injected clock drift, this engine's plus the controller's
 * @own_drift_ppm: this engine's part of it
 * @position_mode: injected position granularity (HDAEMU_POSITION_*), the
 *	engine's own or else the controller's
 * @position_step_us: its step
 * @own_position_mode: the engine's own granularity
 * @own_position_step_us: its step
 * @data: the data path
 * @tap: the render output kept for loopback captures
 * @timer: raises the IOCs and moves the data; armed only while running
 * @position_reg: the LPIB register handed to function drivers
 */
struct hdaemu_engine {
	struct hdaemu_bus *bus;
	u32 index;
	u32 capabilities;

	struct hdaemu_client *owner;
	u32 direction;
	u8 codec_address;
	u8 stream_tag;
	u8 slot;
	struct hdaemu_stream_params params;
	struct hdaemu_buffer buffer;
	struct list_head notifications;
	u32 num_notifications;

	spinlock_t lock;	/* the fields below; see the top of this file */
	enum hdaemu_stream_state state;
	u32 run_gen;
	ktime_t anchor;
	u64 anchor_bytes;
	u32 next_point;
	u64 next_ioc_bytes;
	u64 due_whole_ns;
	u32 due_frac;
	u64 ioc_sequence;
	struct hdaemu_ioc_stats stats;
	struct hdaemu_ioc_faults faults;
	struct hdaemu_ioc_faults bus_faults;
	s32 drift_ppm;
	s32 own_drift_ppm;
	u32 position_mode;
	u32 position_step_us;
	u32 own_position_mode;
	u32 own_position_step_us;
	struct hdaemu_data data;
	struct hdaemu_tap tap;
	struct hrtimer timer;

	struct hdaemu_register position_reg;
};

/**
 * struct hdaemu_client - one user of the bus interface
 * @bus: the controller
 * @node: in bus->clients
 * @id: a number for debugging output (never a kernel address)
 * @interface: the ops table handed out, its context pointing here
 * @position_page: the client's page of position anchors (one page)
 * @slots_used: bitmap of used slots in @position_page (bus->lock)
 * @events: the client's event hooks, or NULL; set while it has no engine
 * @events_context: their argument
 * @gone: the controller was removed while the client was open: every
 *	routine answers -ENODEV (written under bus->lock, read anywhere)
 */
struct hdaemu_client {
	struct hdaemu_bus *bus;
	struct list_head node;
	u32 id;
	struct hdaemu_bus_interface interface;
	void *position_page;
	u32 slots_used;
	const struct hdaemu_client_events *events;
	void *events_context;
	bool gone;
};

/**
 * struct hdaemu_bus - the emulated controller
 * @lock: see the locking rules at the top of this file
 * @state_lock: see the locking rules at the top of this file
 * @clients: open clients
 * @next_client_id: the id the next client gets
 * @engines: the pool, @num_engines long, in stream descriptor order
 * @num_input: capture-only engines (ISS)
 * @num_output: render-only engines (OSS)
 * @num_bidir: bidirectional engines (BSS)
 * @num_engines: their sum
 * @codec_mask: codecs present, one bit per SDI line
 * @tags_used: per direction, bitmap of stream tags in use (bit n: tag n)
 * @out_words: link words per frame reserved on the SDO line
 * @in_words: per SDI line, link words per frame reserved
 * @removed: an injected surprise removal is in effect (bus->lock)
 * @alloc_failures: per HDAEMU_ALLOC_* kind, allocations still to fail
 * @drift_ppm: the controller's injected drift (bus->lock)
 * @position_mode: the controller's injected position granularity
 * @position_step_us: its step
 * @wallclock_base: CLOCK_MONOTONIC instant of the controller reset
 * @wallclock_reg: the WALCLK register handed to function drivers
 * @codecs: the codecs on the link (codec.h), NULL before they are made
 */
struct hdaemu_bus {
	struct mutex lock;	/* see the top of this file */
	spinlock_t state_lock;	/* serialises SET_STATE calls */
	struct list_head clients;
	u32 next_client_id;
	struct hdaemu_engine *engines;
	u32 num_input;
	u32 num_output;
	u32 num_bidir;
	u32 num_engines;
	u32 codec_mask;
	u16 tags_used[2];
	u32 out_words;
	u32 in_words[HDAEMU_MAX_CODECS];
	bool removed;
	u32 alloc_failures[4];
	s32 drift_ppm;
	u32 position_mode;
	u32 position_step_us;
	ktime_t wallclock_base;
	struct hdaemu_register wallclock_reg;
	struct hdaemu_codecs *codecs;
};

/* controller.c */
int hdaemu_bus_create(u32 num_output, u32 num_input, u32 num_bidir);
void hdaemu_bus_destroy(void);
struct hdaemu_bus *hdaemu_bus_get(void);
u16 hdaemu_bus_gcap(const struct hdaemu_bus *bus);
u32 hdaemu_wallclock_at(const struct hdaemu_bus *bus, ktime_t when);
struct hdaemu_client *hdaemu_client_create(struct hdaemu_bus *bus);
void hdaemu_bus_remove(struct hdaemu_bus *bus);
void hdaemu_bus_return(struct hdaemu_bus *bus);

/* Every routine of a client open across a surprise removal fails with this. */
static inline int hdaemu_client_gone(const struct hdaemu_client *client)
{
	return READ_ONCE(client->gone) ? -ENODEV : 0;
}

void hdaemu_client_destroy(struct hdaemu_client *client);
bool hdaemu_engine_in_pool(const struct hdaemu_bus *bus, const struct hdaemu_engine *handle);
struct hdaemu_engine *hdaemu_engine_lookup(struct hdaemu_client *client,
					   struct hdaemu_engine *handle);

/* format.c */
int hdaemu_format_parse(const struct hdaemu_format *format,
			struct hdaemu_stream_params *params);

/* engine.c */
int hdaemu_engine_alloc(struct hdaemu_client *client, u32 direction, u8 codec_address,
			const struct hdaemu_format *format, bool stripe,
			struct hdaemu_engine **handle, u16 *converter_format);
int hdaemu_engine_change_format(struct hdaemu_client *client, struct hdaemu_engine *handle,
				const struct hdaemu_format *format, u16 *converter_format);
int hdaemu_engine_free(struct hdaemu_client *client, struct hdaemu_engine *handle);
void hdaemu_engine_release(struct hdaemu_engine *engine);

/* buffer.c */
int hdaemu_buffer_alloc(struct hdaemu_client *client, struct hdaemu_engine *handle,
			enum hdaemu_buffer_kind kind, u32 notification_count,
			size_t requested_bytes, struct hdaemu_dma_buffer *out);
int hdaemu_buffer_alloc_contiguous(struct hdaemu_client *client,
				   struct hdaemu_engine *handle, u32 requested_bytes,
				   void **data, struct hdaemu_buffer_descriptor **bdl);
int hdaemu_buffer_setup_bdl(struct hdaemu_client *client, struct hdaemu_engine *handle,
			    u32 buffer_length, u32 lvi, hdaemu_bdl_isr_fn isr,
			    void *isr_context, u8 *stream_id, u32 *fifo_bytes);
int hdaemu_buffer_free(struct hdaemu_client *client, struct hdaemu_engine *handle,
		       enum hdaemu_buffer_kind kind, const void *area, size_t size);
void hdaemu_buffer_release(struct hdaemu_engine *engine);
u32 hdaemu_buffer_round(const struct hdaemu_stream_params *params, u32 count,
			size_t requested_bytes);

/* stream.c */
u64 hdaemu_stream_real_ns(const struct hdaemu_engine *engine, u64 stream_ns);
u64 hdaemu_stream_shaped_bytes(const struct hdaemu_engine *engine, u64 bytes);
u64 hdaemu_stream_reported_bytes(struct hdaemu_engine *engine, ktime_t now);
void hdaemu_stream_reanchor(struct hdaemu_engine *engine, ktime_t now, ktime_t anchor,
			    s32 drift_ppm);
int hdaemu_stream_set_state(struct hdaemu_client *client, enum hdaemu_stream_state state,
			    unsigned int count, struct hdaemu_engine *const *handles,
			    ktime_t *timestamp);
void hdaemu_stream_stop_sync(struct hdaemu_engine *engine);
u64 hdaemu_stream_bytes_at(const struct hdaemu_engine *engine, ktime_t now);
void hdaemu_stream_publish(struct hdaemu_engine *engine);
void hdaemu_stream_publish_ioc(struct hdaemu_engine *engine, ktime_t due);
void hdaemu_stream_init(struct hdaemu_engine *engine);

/* ioc.c */
enum hrtimer_restart hdaemu_ioc_timer_fn(struct hrtimer *timer);
void hdaemu_ioc_arm(struct hdaemu_engine *engine);
void hdaemu_ioc_replan(struct hdaemu_engine *engine);
void hdaemu_ioc_report_xrun(struct hdaemu_engine *engine, const struct hdaemu_xrun *xrun);
int hdaemu_notification_add(struct hdaemu_client *client, struct hdaemu_engine *handle,
			    struct hdaemu_event *event, hdaemu_notification_fn fn,
			    void *fn_context);
int hdaemu_notification_remove(struct hdaemu_client *client, struct hdaemu_engine *handle,
			       struct hdaemu_event *event, hdaemu_notification_fn fn,
			       void *fn_context);
void hdaemu_notification_release_all(struct hdaemu_engine *engine);
void hdaemu_notification_removed(struct hdaemu_engine *engine);

/* data.c */
void hdaemu_data_tables_init(void);
void hdaemu_data_run(struct hdaemu_engine *engine);
void hdaemu_data_catch_up(struct hdaemu_engine *engine, u64 bytes);
bool hdaemu_data_move(struct hdaemu_engine *engine, ktime_t when, struct hdaemu_xrun *xrun);
void hdaemu_data_stop(struct hdaemu_engine *engine, u64 upto);
void hdaemu_data_reset(struct hdaemu_engine *engine);
void hdaemu_data_epoch(struct hdaemu_engine *engine);
void hdaemu_data_reroute(struct hdaemu_bus *bus);
void hdaemu_data_reroute_locked(struct hdaemu_bus *bus);
int hdaemu_data_get_stats(struct hdaemu_client *client, struct hdaemu_engine *handle,
			  struct hdaemu_data_stats *out);
void hdaemu_data_release(struct hdaemu_bus *bus);

/* interface.c */
void hdaemu_interface_fill(struct hdaemu_client *client, u16 version);

struct dentry;

/* fault.c */
int hdaemu_fault_set(struct hdaemu_bus *bus, const struct hdaemu_fault *fault);
int hdaemu_fault_alloc(struct hdaemu_bus *bus, u32 kind);
ktime_t hdaemu_fault_jitter(struct hdaemu_engine *engine);
bool hdaemu_fault_drop(struct hdaemu_engine *engine);
void hdaemu_fault_debugfs_init(struct hdaemu_bus *bus, struct dentry *dir);

/* debugfs.c */
void hdaemu_debugfs_init(struct hdaemu_bus *bus);
void hdaemu_debugfs_exit(void);
struct dentry *hdaemu_debugfs_root(void);

/* cdev.c */
int hdaemu_cdev_register(void);
void hdaemu_cdev_unregister(void);

#endif /* _HDAEMU_INTERNAL_H */
