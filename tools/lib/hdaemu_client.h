/* SPDX-License-Identifier: GPL-2.0 */
/*
 * libhdaemu, audio client layer: an event-driven stream client modelled on
 * WASAPI's IAudioClient, IAudioRenderClient, IAudioCaptureClient and
 * IAudioClock, on top of the bus layer. Documentation/libhdaemu.rst has the
 * full mapping from the reference; in short:
 *
 *  - Times are nanoseconds (int64_t), not REFERENCE_TIME's 100 ns; sizes
 *    are frames, as in the reference.
 *  - Exclusive mode owns one DMA engine. Shared mode is not implemented and
 *    is refused with HDAEMU_E_SHARED_MODE_UNSUPPORTED.
 *  - Exclusive event mode: the reference's two ping-pong buffers, each of
 *    the buffer duration, are the two halves of one cyclic DMA buffer with
 *    notification count 2, so each IOC (at the middle and at the end) hands
 *    one half back to the client. The event is an eventfd: the kernel adds
 *    one per IOC; the client reads it to wait.
 *  - Errors: every call returns 0 (or a documented positive status) on
 *    success and a negative value on failure: -HDAEMU_E_* for the
 *    reference's AUDCLNT_E_* / E_* cases, or a negative errno for a system
 *    failure (-ENOMEM). hdaemu_strerror() gives the message of either,
 *    hdaemu_error_name() its name, hdaemu_error_reference() the reference
 *    code it stands for.
 *  - Every call on a client whose device reported an emulated removal
 *    (-ENODEV) fails with HDAEMU_E_DEVICE_INVALIDATED from then on.
 *  - A client is not thread-safe: one thread uses it at a time (the
 *    classic loop has one thread per stream).
 */
#ifndef LIBHDAEMU_CLIENT_H
#define LIBHDAEMU_CLIENT_H

#include <stdint.h>

#include "hdaemu_bus.h"

/* Errors of the client layer, returned negated. Above every errno. */
enum hdaemu_client_error {
	HDAEMU_E_BASE = 4096,
	HDAEMU_E_NOT_INITIALIZED = HDAEMU_E_BASE,	/* AUDCLNT_E_NOT_INITIALIZED */
	HDAEMU_E_ALREADY_INITIALIZED,		/* AUDCLNT_E_ALREADY_INITIALIZED */
	HDAEMU_E_WRONG_ENDPOINT_TYPE,		/* AUDCLNT_E_WRONG_ENDPOINT_TYPE */
	HDAEMU_E_BUFFER_SIZE_NOT_ALIGNED,	/* AUDCLNT_E_BUFFER_SIZE_NOT_ALIGNED */
	HDAEMU_E_BUFFER_SIZE_ERROR,		/* AUDCLNT_E_BUFFER_SIZE_ERROR */
	HDAEMU_E_DEVICE_INVALIDATED,		/* AUDCLNT_E_DEVICE_INVALIDATED */
	HDAEMU_E_DEVICE_IN_USE,			/* AUDCLNT_E_DEVICE_IN_USE */
	HDAEMU_E_INVALID_DEVICE_PERIOD,		/* AUDCLNT_E_INVALID_DEVICE_PERIOD */
	HDAEMU_E_UNSUPPORTED_FORMAT,		/* AUDCLNT_E_UNSUPPORTED_FORMAT */
	HDAEMU_E_BUFDURATION_PERIOD_NOT_EQUAL,	/* AUDCLNT_E_BUFDURATION_PERIOD_NOT_EQUAL */
	HDAEMU_E_POINTER,			/* E_POINTER */
	HDAEMU_E_INVALIDARG,			/* E_INVALIDARG */
	HDAEMU_E_EVENTHANDLE_NOT_EXPECTED,	/* AUDCLNT_E_EVENTHANDLE_NOT_EXPECTED */
	HDAEMU_E_EVENTHANDLE_NOT_SET,		/* AUDCLNT_E_EVENTHANDLE_NOT_SET */
	HDAEMU_E_NOT_STOPPED,			/* AUDCLNT_E_NOT_STOPPED */
	HDAEMU_E_SHARED_MODE_UNSUPPORTED,	/* none: shared mode is not built */
	HDAEMU_E_OUT_OF_ORDER,			/* AUDCLNT_E_OUT_OF_ORDER */
	HDAEMU_E_BUFFER_TOO_LARGE,		/* AUDCLNT_E_BUFFER_TOO_LARGE */
	HDAEMU_E_INVALID_SIZE,			/* AUDCLNT_E_INVALID_SIZE */
	HDAEMU_E_END,
};

/* Positive success statuses (the reference's S_* codes). */
#define HDAEMU_S_BUFFER_EMPTY		1	/* AUDCLNT_S_BUFFER_EMPTY */

/* Share modes (AUDCLNT_SHAREMODE). */
#define HDAEMU_SHAREMODE_SHARED		0
#define HDAEMU_SHAREMODE_EXCLUSIVE	1

/* Stream flags (AUDCLNT_STREAMFLAGS_*), with the reference's values. */
#define HDAEMU_STREAMFLAGS_CROSSPROCESS	0x00010000u
#define HDAEMU_STREAMFLAGS_LOOPBACK	0x00020000u
#define HDAEMU_STREAMFLAGS_EVENTCALLBACK 0x00040000u
#define HDAEMU_STREAMFLAGS_NOPERSIST	0x00080000u	/* accepted, no effect */

/* Buffer flags (AUDCLNT_BUFFERFLAGS_*), with the reference's values. */
#define HDAEMU_BUFFERFLAGS_DATA_DISCONTINUITY	0x1u
#define HDAEMU_BUFFERFLAGS_SILENT		0x2u

/* Device periods and duration limits, in nanoseconds. */
#define HDAEMU_DEFAULT_PERIOD_NS	10000000ll	/* 10 ms */
#define HDAEMU_MAX_PERIOD_NS		500000000ll	/* 500 ms */
#define HDAEMU_MAX_EVENT_DURATION_NS	500000000ll	/* event ("pull") mode */
#define HDAEMU_MAX_PUSH_DURATION_NS	2000000000ll	/* push mode */

struct hdaemu_client;

/**
 * struct hdaemu_client_counters - what a client saw, for tools and tests
 * @start_events: events Start signalled itself (render, event mode: the
 *	second buffer handed over at Start); IOC events are the eventfd's
 *	total minus these
 * @packets: buffers released (render) or packets released (capture)
 * @frames: frames released
 * @glitches: render: times the engine reached data never written (the
 *	client was late: the write cursor jumps ahead of the engine);
 *	capture: times data was overwritten before the client took it (the
 *	packet comes with HDAEMU_BUFFERFLAGS_DATA_DISCONTINUITY)
 * @glitch_frames: frames lost in those glitches
 */
struct hdaemu_client_counters {
	uint64_t start_events;
	uint64_t packets;
	uint64_t frames;
	uint64_t glitches;
	uint64_t glitch_frames;
};

/**
 * struct hdaemu_client_engine - the engine behind an initialized client
 * @handle: its handle in the device's file (for bus layer calls)
 * @engine_index: stream descriptor index
 * @stream_tag: stream tag on the link
 * @converter_format: SDnFMT word for the codec converter
 * @position_slot: its slot in the position page
 * @buffer_bytes: the cyclic DMA buffer
 * @period_bytes: bytes between two IOCs (event mode), or the device period
 *	(push mode, which has no IOCs)
 * @notification_count: IOCs per pass: 2 in event mode, 0 in push mode
 */
struct hdaemu_client_engine {
	uint32_t handle;
	uint32_t engine_index;
	uint32_t stream_tag;
	uint32_t converter_format;
	uint32_t position_slot;
	uint64_t buffer_bytes;
	uint64_t period_bytes;
	uint32_t notification_count;
};

/* ---- Errors ---------------------------------------------------------- */

/**
 * hdaemu_strerror() - the message of an error
 * @err: a return value: -HDAEMU_E_*, a negative errno, or 0 / a status
 *
 * Return: a static string; never NULL.
 */
const char *hdaemu_strerror(int err);

/**
 * hdaemu_error_name() - the symbol of an error ("HDAEMU_E_NOT_INITIALIZED")
 * @err: as for hdaemu_strerror(); a negative errno gives "errno"
 *
 * Return: a static string; never NULL.
 */
const char *hdaemu_error_name(int err);

/**
 * hdaemu_error_reference() - the reference code an error stands for
 * @err: as for hdaemu_strerror()
 *
 * Return: "AUDCLNT_E_NOT_INITIALIZED" and so on; "E_OUTOFMEMORY" for
 * -ENOMEM; "S_OK" for 0; "" when the reference has no such code.
 */
const char *hdaemu_error_reference(int err);

/* ---- Creating and releasing ------------------------------------------- */

/**
 * hdaemu_client_create() - a new, uninitialized client (IMMDevice::Activate)
 * @dev: an open device; the client uses its file and must be released
 *	before the device is closed
 * @direction: HDAEMU_DIR_RENDER or HDAEMU_DIR_CAPTURE (the endpoint)
 * @client: the new client on success, NULL on failure
 *
 * Capture clients take their data from the device's first codec (see
 * hdaemu_client_set_codec()).
 *
 * Return: 0; -HDAEMU_E_POINTER (@dev or @client NULL);
 * -HDAEMU_E_INVALIDARG (@direction unknown, @dev not open); -ENOMEM.
 */
int hdaemu_client_create(struct hdaemu_dev *dev, unsigned int direction,
			 struct hdaemu_client **client);

/**
 * hdaemu_client_set_codec() - the codec a capture client takes its data from
 * @client: a capture client, before hdaemu_client_initialize()
 * @codec_address: a codec present (&hdaemu_info.codec_mask)
 *
 * The reference picks the endpoint at Activate; here a capture client
 * starts on the device's first codec and may be moved before Initialize.
 * The codec's ADC must still be set to the engine's stream tag (verbs) for
 * the data to flow: Documentation/libhdaemu.rst "The data path".
 *
 * Return: 0; -HDAEMU_E_POINTER; -HDAEMU_E_ALREADY_INITIALIZED;
 * -HDAEMU_E_WRONG_ENDPOINT_TYPE (a render client); -HDAEMU_E_INVALIDARG (no
 * codec at @codec_address).
 */
int hdaemu_client_set_codec(struct hdaemu_client *client, uint32_t codec_address);

/**
 * hdaemu_client_release() - stop, free the engine and its buffer, and free
 *	the client (IUnknown::Release)
 * @client: a client, or NULL (a no-op)
 *
 * The event handle stays the caller's to close.
 */
void hdaemu_client_release(struct hdaemu_client *client);

/* ---- IAudioClient --------------------------------------------------- */

/**
 * hdaemu_client_initialize() - IAudioClient::Initialize
 * @client: a client from hdaemu_client_create()
 * @share_mode: HDAEMU_SHAREMODE_EXCLUSIVE (shared mode is refused)
 * @stream_flags: 0 or HDAEMU_STREAMFLAGS_*
 * @buffer_duration_ns: the buffer capacity; in event mode the duration of
 *	each of the two buffers; 0 in push mode: the smallest (two periods)
 * @periodicity_ns: the device period; 0: the default (10 ms); clamped to
 *	the minimum and maximum device period
 * @format: the stream format
 *
 * The rules, checked in this order, each with its own error:
 *  1. A client initializes once: its second call fails, whether the first
 *     succeeded or not (the reference allows this), so after a failure the
 *     caller releases the client and creates a new one:
 *     -HDAEMU_E_ALREADY_INITIALIZED.
 *  2. @format NULL: -HDAEMU_E_POINTER.
 *  3. @share_mode unknown, or a flag not defined above:
 *     -HDAEMU_E_INVALIDARG.
 *  4. LOOPBACK on a capture client: -HDAEMU_E_WRONG_ENDPOINT_TYPE.
 *  5. LOOPBACK without shared mode, CROSSPROCESS with exclusive mode:
 *     -HDAEMU_E_INVALIDARG.
 *  6. Shared mode: -HDAEMU_E_SHARED_MODE_UNSUPPORTED.
 *  7. An invalid format description (rate or channels 0, valid bits 0 or
 *     above the container, a container that is not whole bytes, pad or
 *     reserved not 0): -HDAEMU_E_INVALIDARG. A well-formed format the HDA
 *     controller cannot carry (hdaemu_format_valid()):
 *     -HDAEMU_E_UNSUPPORTED_FORMAT.
 *  8. A negative duration or period: -HDAEMU_E_INVALIDARG.
 *  9. Event mode: @periodicity_ns 0 or not equal to @buffer_duration_ns:
 *     -HDAEMU_E_BUFDURATION_PERIOD_NOT_EQUAL.
 * 10. @buffer_duration_ns above 500 ms (event mode) or 2 s (push mode):
 *     -HDAEMU_E_BUFFER_SIZE_ERROR.
 * 11. @periodicity_ns above 500 ms: -HDAEMU_E_INVALID_DEVICE_PERIOD.
 * 12. The period (0: the default) is clamped to the minimum device period
 *     for the format and to the longest period the engine's largest buffer
 *     holds (at most 500 ms). Durations are rounded up to whole frames
 *     (after allowing the half nanosecond the reference's rounding formula
 *     may add).
 * 13. Event mode: a period whose bytes are not a multiple of lcm(frame
 *     bytes, 128) (the engine would round it):
 *     -HDAEMU_E_BUFFER_SIZE_NOT_ALIGNED. hdaemu_client_get_buffer_size()
 *     then gives the next aligned size in frames; the caller releases this
 *     client, computes the duration with hdaemu_frames_to_ns() and
 *     initializes a new client with it.
 * 14. No free engine, stream tag or link bandwidth:
 *     -HDAEMU_E_DEVICE_IN_USE. An emulated removal:
 *     -HDAEMU_E_DEVICE_INVALIDATED. Out of memory: -ENOMEM.
 *
 * Push mode (no EVENTCALLBACK): the period is rounded up to lcm(frame
 * bytes, 128), the buffer to whole periods and at least two; no IOC is
 * raised and the client polls hdaemu_client_get_current_padding(). A
 * render GetBuffer never spans the ring's end (the reference's buffer is
 * contiguous): a request past it fails with -HDAEMU_E_BUFFER_TOO_LARGE,
 * so push clients write at most a period at a time. Durations above the
 * engine's largest buffer fail with -HDAEMU_E_BUFFER_SIZE_ERROR.
 *
 * Return: 0 or an error above. Nothing is left allocated on failure.
 */
int hdaemu_client_initialize(struct hdaemu_client *client, int share_mode, uint32_t stream_flags,
			     int64_t buffer_duration_ns, int64_t periodicity_ns,
			     const struct hdaemu_stream_format *format);

/**
 * hdaemu_frames_to_ns() - the reference's aligned-duration formula, in ns
 * @frames: a buffer size in frames (from hdaemu_client_get_buffer_size())
 * @sample_rate: frames per second, not 0
 *
 * Return: 10^9 * @frames / @sample_rate, rounded to the nearest nanosecond
 * (the reference: (REFERENCE_TIME)(10^7 / rate * frames + 0.5)).
 */
int64_t hdaemu_frames_to_ns(uint64_t frames, uint32_t sample_rate);

/**
 * hdaemu_client_get_buffer_size() - IAudioClient::GetBufferSize
 * @client: the client
 * @frames: event mode: the frames of each of the two buffers (one period);
 *	push mode: the whole buffer. After -HDAEMU_E_BUFFER_SIZE_NOT_ALIGNED:
 *	the next aligned buffer size.
 *
 * Return: 0; -HDAEMU_E_POINTER; -HDAEMU_E_NOT_INITIALIZED (not initialized,
 * and the failed Initialize was not a not-aligned one).
 */
int hdaemu_client_get_buffer_size(struct hdaemu_client *client, uint32_t *frames);

/**
 * hdaemu_client_get_device_period() - IAudioClient::GetDevicePeriod
 * @client: the client; initialized or not
 * @default_ns: if not NULL, the default period (10 ms)
 * @minimum_ns: if not NULL, the minimum period: before Initialize the
 *	controller's (GET_INFO min_period_ns); after, the shortest period the
 *	engine takes for the client's format, aligned as the engine rounds
 *	(so a period of exactly this is always accepted)
 *
 * Return: 0; -HDAEMU_E_POINTER when both are NULL;
 * -HDAEMU_E_DEVICE_INVALIDATED.
 */
int hdaemu_client_get_device_period(struct hdaemu_client *client, int64_t *default_ns,
				    int64_t *minimum_ns);

/**
 * hdaemu_client_min_period_for() - the minimum device period for a format
 * @client: the client; initialized or not
 * @format: a format hdaemu_format_valid() accepts
 * @minimum_ns: the shortest aligned period the engine takes for it
 *
 * Return: 0; -HDAEMU_E_POINTER; -HDAEMU_E_UNSUPPORTED_FORMAT.
 */
int hdaemu_client_min_period_for(struct hdaemu_client *client,
				 const struct hdaemu_stream_format *format, int64_t *minimum_ns);

/**
 * hdaemu_client_is_format_supported() - IAudioClient::IsFormatSupported
 * @client: the client; initialized or not
 * @share_mode: HDAEMU_SHAREMODE_*
 * @format: the format
 *
 * Return: 0 (S_OK); -HDAEMU_E_POINTER; -HDAEMU_E_INVALIDARG (share mode
 * unknown, or the description invalid as in Initialize's rule 7);
 * -HDAEMU_E_SHARED_MODE_UNSUPPORTED; -HDAEMU_E_UNSUPPORTED_FORMAT.
 * Bandwidth in use by other streams is not considered.
 */
int hdaemu_client_is_format_supported(struct hdaemu_client *client, int share_mode,
				      const struct hdaemu_stream_format *format);

/**
 * hdaemu_client_set_event_handle() - IAudioClient::SetEventHandle
 * @client: an initialized client
 * @eventfd: an eventfd the engine signals on each IOC; it stays the
 *	caller's (the client does not close it). A second call replaces the
 *	first eventfd. It should read 0 at Start.
 *
 * Return: 0; -HDAEMU_E_NOT_INITIALIZED; -HDAEMU_E_EVENTHANDLE_NOT_EXPECTED
 * (not initialized with EVENTCALLBACK); -HDAEMU_E_INVALIDARG (@eventfd
 * negative, not open, or not an eventfd); -HDAEMU_E_DEVICE_INVALIDATED.
 */
int hdaemu_client_set_event_handle(struct hdaemu_client *client, int eventfd);

/**
 * hdaemu_client_start() - IAudioClient::Start
 * @client: an initialized client
 *
 * A render client in event mode has its event signalled once at Start:
 * the reference's ping-pong hands the second buffer to the client while
 * the first (filled before Start) plays. Counted in @start_events.
 *
 * Return: 0; -HDAEMU_E_NOT_INITIALIZED; -HDAEMU_E_EVENTHANDLE_NOT_SET
 * (event mode without an event handle); -HDAEMU_E_NOT_STOPPED (running);
 * -HDAEMU_E_DEVICE_INVALIDATED.
 */
int hdaemu_client_start(struct hdaemu_client *client);

/**
 * hdaemu_client_start_together() - start clients of one device at one
 *	instant (one SET_STATE call: their engines share a run anchor)
 * @clients: @count clients, all of the same device
 * @count: 1..HDAEMU_MAX_ENGINES
 * @timestamp_ns: if not NULL, the start instant
 *
 * The reference has no such call; the bus has. Each client must pass
 * hdaemu_client_start()'s checks, else none starts.
 *
 * Return: 0; the first client's error from those checks;
 * -HDAEMU_E_INVALIDARG (@count out of range, clients of other devices).
 */
int hdaemu_client_start_together(struct hdaemu_client *const *clients, unsigned int count,
				 uint64_t *timestamp_ns);

/**
 * hdaemu_client_stop() - IAudioClient::Stop: the engine stops, keeping
 *	its position and the data in the buffer
 * @client: an initialized client
 *
 * Return: 0 (also when already stopped: the reference's S_FALSE);
 * -HDAEMU_E_NOT_INITIALIZED; -HDAEMU_E_DEVICE_INVALIDATED.
 */
int hdaemu_client_stop(struct hdaemu_client *client);

/**
 * hdaemu_client_reset() - IAudioClient::Reset: position to 0, buffered data
 *	dropped
 * @client: an initialized, stopped client
 *
 * Return: 0; -HDAEMU_E_NOT_INITIALIZED; -HDAEMU_E_NOT_STOPPED (running);
 * -HDAEMU_E_OUT_OF_ORDER (a buffer taken with GetBuffer is not released:
 * the reference's AUDCLNT_E_BUFFER_OPERATION_PENDING);
 * -HDAEMU_E_DEVICE_INVALIDATED.
 */
int hdaemu_client_reset(struct hdaemu_client *client);

/**
 * hdaemu_client_get_current_padding() - IAudioClient::GetCurrentPadding
 * @client: an initialized client
 * @frames: render: frames written and not yet played; capture: frames
 *	captured in whole packets and not yet released
 *
 * Return: 0; -HDAEMU_E_POINTER; -HDAEMU_E_NOT_INITIALIZED.
 */
int hdaemu_client_get_current_padding(struct hdaemu_client *client, uint32_t *frames);

/**
 * hdaemu_client_get_stream_latency() - IAudioClient::GetStreamLatency
 * @client: an initialized client
 * @latency_ns: the longest time data waits in the buffer: one buffer (one
 *	period) in event mode, as the reference says its latency "depends
 *	directly on the buffer size"; the buffer in push mode
 *
 * Return: 0; -HDAEMU_E_POINTER; -HDAEMU_E_NOT_INITIALIZED.
 */
int hdaemu_client_get_stream_latency(struct hdaemu_client *client, int64_t *latency_ns);

/**
 * hdaemu_client_get_engine() - the engine behind the client
 * @client: an initialized client
 * @engine: filled in
 *
 * Return: 0; -HDAEMU_E_POINTER; -HDAEMU_E_NOT_INITIALIZED.
 */
int hdaemu_client_get_engine(struct hdaemu_client *client, struct hdaemu_client_engine *engine);

/**
 * hdaemu_client_get_counters() - the client's own counters
 * @client: a client
 * @counters: filled in
 *
 * Return: 0; -HDAEMU_E_POINTER.
 */
int hdaemu_client_get_counters(struct hdaemu_client *client,
			       struct hdaemu_client_counters *counters);

/* ---- IAudioRenderClient ------------------------------------------------ */

/**
 * hdaemu_render_get_buffer() - IAudioRenderClient::GetBuffer
 * @client: an initialized render client
 * @frames: frames to write; in event mode exactly one buffer
 *	(hdaemu_client_get_buffer_size())
 * @data: where to write them: behind the engine's position, the next part
 *	of the cyclic buffer the engine plays
 *
 * Event mode, running: each call gives the buffer the engine plays next
 * (the ping-pong half it is not in), so a late client skips what it
 * missed (counted as a glitch) and never writes where the engine reads.
 * Stopped, and in push mode: the free space after the data already
 * written; before Start a render client fills the first buffer (it may
 * fill both; then Start hands over none).
 *
 * Return: 0; -HDAEMU_E_POINTER; -HDAEMU_E_NOT_INITIALIZED;
 * -HDAEMU_E_WRONG_ENDPOINT_TYPE (a capture client); -HDAEMU_E_OUT_OF_ORDER
 * (the previous buffer is not released); -HDAEMU_E_BUFFER_SIZE_ERROR
 * (event mode, @frames not one buffer); -HDAEMU_E_BUFFER_TOO_LARGE (more
 * than the free space); -HDAEMU_E_DEVICE_INVALIDATED.
 */
int hdaemu_render_get_buffer(struct hdaemu_client *client, uint32_t frames, void **data);

/**
 * hdaemu_render_release_buffer() - IAudioRenderClient::ReleaseBuffer
 * @client: the render client
 * @frames: frames written, at most those of the GetBuffer call
 * @flags: 0 or HDAEMU_BUFFERFLAGS_SILENT (the library writes silence)
 *
 * Return: 0; -HDAEMU_E_NOT_INITIALIZED; -HDAEMU_E_WRONG_ENDPOINT_TYPE;
 * -HDAEMU_E_OUT_OF_ORDER (no buffer taken); -HDAEMU_E_INVALID_SIZE (more
 * frames than taken); -HDAEMU_E_INVALIDARG (an unknown flag).
 */
int hdaemu_render_release_buffer(struct hdaemu_client *client, uint32_t frames, uint32_t flags);

/* ---- IAudioCaptureClient --------------------------------------------------- */

/**
 * hdaemu_capture_get_buffer() - IAudioCaptureClient::GetBuffer: the next
 *	packet, one period of captured frames
 * @client: an initialized capture client
 * @data: the packet's frames, read-only
 * @frames: its frames; 0 with HDAEMU_S_BUFFER_EMPTY
 * @flags: if not NULL, HDAEMU_BUFFERFLAGS_DATA_DISCONTINUITY when frames
 *	were overwritten before the client took them (the packet is then the
 *	newest whole one)
 * @device_position: if not NULL, the packet's first frame counted from the
 *	stream's start (Reset)
 * @timestamp_ns: if not NULL, the CLOCK_MONOTONIC instant its first frame
 *	was captured
 *
 * Return: 0; HDAEMU_S_BUFFER_EMPTY (no whole packet yet);
 * -HDAEMU_E_POINTER; -HDAEMU_E_NOT_INITIALIZED;
 * -HDAEMU_E_WRONG_ENDPOINT_TYPE (a render client); -HDAEMU_E_OUT_OF_ORDER
 * (the previous packet is not released); -HDAEMU_E_DEVICE_INVALIDATED.
 */
int hdaemu_capture_get_buffer(struct hdaemu_client *client, const void **data, uint32_t *frames,
			      uint32_t *flags, uint64_t *device_position, uint64_t *timestamp_ns);

/**
 * hdaemu_capture_release_buffer() - IAudioCaptureClient::ReleaseBuffer
 * @client: the capture client
 * @frames: 0 (keep the packet for the next GetBuffer) or all its frames
 *
 * Return: 0; -HDAEMU_E_NOT_INITIALIZED; -HDAEMU_E_WRONG_ENDPOINT_TYPE;
 * -HDAEMU_E_OUT_OF_ORDER (no packet taken); -HDAEMU_E_INVALID_SIZE (neither
 * 0 nor the packet's frames).
 */
int hdaemu_capture_release_buffer(struct hdaemu_client *client, uint32_t frames);

/**
 * hdaemu_capture_get_next_packet_size() - IAudioCaptureClient::
 *	GetNextPacketSize
 * @client: an initialized capture client
 * @frames: one period's frames when a whole packet waits, else 0
 *
 * Return: 0; -HDAEMU_E_POINTER; -HDAEMU_E_NOT_INITIALIZED;
 * -HDAEMU_E_WRONG_ENDPOINT_TYPE; -HDAEMU_E_DEVICE_INVALIDATED.
 */
int hdaemu_capture_get_next_packet_size(struct hdaemu_client *client, uint32_t *frames);

/* ---- IAudioClock ---------------------------------------------------------- */

/**
 * hdaemu_clock_get_frequency() - IAudioClock::GetFrequency
 * @client: an initialized client
 * @hz: the position's unit per second: the stream's byte rate, as the
 *	reference's exclusive-mode clocks count bytes
 *
 * Return: 0; -HDAEMU_E_POINTER; -HDAEMU_E_NOT_INITIALIZED.
 */
int hdaemu_clock_get_frequency(struct hdaemu_client *client, uint64_t *hz);

/**
 * hdaemu_clock_get_position() - IAudioClock::GetPosition, from the position
 *	page (no system call), or from GET_POSITION while an injected position
 *	granularity shapes it (hdaemu_engine_position())
 * @client: an initialized client
 * @position: bytes the engine moved since Reset (never wraps)
 * @timestamp_ns: if not NULL, the CLOCK_MONOTONIC instant of @position
 *	(the reference's QPC position, in ns)
 *
 * Return: 0; -HDAEMU_E_POINTER; -HDAEMU_E_NOT_INITIALIZED.
 */
int hdaemu_clock_get_position(struct hdaemu_client *client, uint64_t *position,
			      uint64_t *timestamp_ns);

/**
 * hdaemu_clock_get_wallclock() - the link's 24 MHz wall clock now
 * @client: a client
 * @wallclock: the 32-bit counter
 *
 * Return: 0; -HDAEMU_E_POINTER.
 */
int hdaemu_clock_get_wallclock(struct hdaemu_client *client, uint32_t *wallclock);

#endif /* LIBHDAEMU_CLIENT_H */
