// SPDX-License-Identifier: GPL-2.0
/*
 * libhdaemu client layer: IAudioRenderClient, IAudioCaptureClient and
 * IAudioClock. The client's cursor and the engine's byte count (from the
 * position page, both counted since Reset and never wrapping) say where
 * the free or filled part of the cyclic buffer is:
 *
 *   render:  [engine bytes, cursor) is written and not yet played; the
 *            client writes at the cursor, at most a buffer ahead of the
 *            engine, so always behind the engine's position in the ring.
 *   capture: [cursor, engine bytes rounded down to a packet) is captured
 *            and not yet taken; the engine overwrites it one buffer later.
 */
#include <string.h>

#include "client_internal.h"

static int check_direction(struct hdaemu_client *c, unsigned int direction)
{
	int ret = client_check_ready(c);

	if (ret)
		return ret;
	return c->direction == direction ? 0 : -HDAEMU_E_WRONG_ENDPOINT_TYPE;
}

/*
 * Count a render glitch: the engine played bytes the client never wrote.
 * Push mode resumes at the engine's position.
 */
static void render_check_glitch(struct hdaemu_client *c, uint64_t played)
{
	if (c->cursor >= played)
		return;
	c->counters.glitches++;
	c->counters.glitch_frames += (played - c->cursor) / c->frame_bytes;
	c->cursor = played;
}

int hdaemu_client_get_current_padding(struct hdaemu_client *client, uint32_t *frames)
{
	uint64_t bytes, captured;
	int ret = client_check_ready(client);

	if (ret)
		return ret;
	if (!frames)
		return -HDAEMU_E_POINTER;
	bytes = client_engine_bytes(client, NULL);
	if (client->direction == HDAEMU_DIR_RENDER) {
		*frames = client->cursor > bytes ? (client->cursor - bytes) / client->frame_bytes : 0;
		return 0;
	}
	captured = bytes / client->period_bytes * client->period_bytes;
	if (captured - client->cursor > client->buffer.allocated_bytes || captured < client->cursor)
		captured = client->cursor + client->buffer.allocated_bytes;
	*frames = (captured - client->cursor) / client->frame_bytes;
	return 0;
}

int hdaemu_render_get_buffer(struct hdaemu_client *client, uint32_t frames, void **data)
{
	struct hdaemu_client *c = client;
	uint64_t played, want, ring = c ? c->buffer.allocated_bytes : 0;
	int ret = check_direction(c, HDAEMU_DIR_RENDER);

	if (ret)
		return ret;
	if (!data)
		return -HDAEMU_E_POINTER;
	if (c->taken)
		return -HDAEMU_E_OUT_OF_ORDER;
	if (c->event_mode && frames != c->buffer_frames)
		return -HDAEMU_E_BUFFER_SIZE_ERROR;
	played = client_engine_bytes(c, NULL);
	render_check_glitch(c, played);
	if (c->event_mode && c->running) {
		/*
		 * Ping-pong: an event hands over the buffer the engine plays
		 * next, the half it is not in. A late client so skips the half
		 * it missed; a second GetBuffer for one event rewrites the same
		 * half. Either way it never writes where the engine reads.
		 */
		c->cursor = (played / c->period_bytes + 1) * c->period_bytes;
	}
	want = (uint64_t)frames * c->frame_bytes;
	if (c->cursor - played + want > ring)
		return -HDAEMU_E_BUFFER_TOO_LARGE;
	/*
	 * A push-mode request may run past the ring's end; hand it out only
	 * if it fits before it, as the reference's buffer is contiguous.
	 */
	if (c->cursor % ring + want > ring)
		return -HDAEMU_E_BUFFER_TOO_LARGE;
	*data = (char *)c->data + c->cursor % ring;
	c->taken = 1;
	c->taken_frames = frames;
	return 0;
}

int hdaemu_render_release_buffer(struct hdaemu_client *client, uint32_t frames, uint32_t flags)
{
	struct hdaemu_client *c = client;
	int ret = check_direction(c, HDAEMU_DIR_RENDER);

	if (ret)
		return ret;
	if (flags & ~HDAEMU_BUFFERFLAGS_SILENT)
		return -HDAEMU_E_INVALIDARG;
	if (!c->taken)
		return -HDAEMU_E_OUT_OF_ORDER;
	if (frames > c->taken_frames)
		return -HDAEMU_E_INVALID_SIZE;
	if (flags & HDAEMU_BUFFERFLAGS_SILENT)
		memset((char *)c->data + c->cursor % c->buffer.allocated_bytes, 0,
		       (size_t)frames * c->frame_bytes);
	c->cursor += (uint64_t)frames * c->frame_bytes;
	c->taken = 0;
	if (frames) {
		c->counters.packets++;
		c->counters.frames += frames;
	}
	return 0;
}

/*
 * Where the engine captured its first frame of byte @at, from the anchor:
 * frames at the stream's rate, with its injected drift. (A position
 * granularity shapes only the reported position, never the data's times.)
 */
static uint64_t capture_instant(struct hdaemu_client *c, uint64_t at)
{
	struct hdaemu_position_slot s;
	int64_t frames, ns;

	if (hdaemu_read_slot(c->dev, c->engine.position_slot, &s))
		return 0;
	frames = ((int64_t)at - (int64_t)s.anchor_bytes) / (int64_t)c->frame_bytes;
	ns = frames * (int64_t)HDAEMU_NSEC_PER_SEC / (int64_t)c->format.sample_rate;
	/* Stream time runs (1e6 + ppm) / 1e6 as fast as CLOCK_MONOTONIC. */
	if (s.drift_ppm)
		ns = (int64_t)((double)ns * 1e6 / (1e6 + s.drift_ppm));
	return s.anchor_ns + ns;
}

int hdaemu_capture_get_buffer(struct hdaemu_client *client, const void **data, uint32_t *frames,
			      uint32_t *flags, uint64_t *device_position, uint64_t *timestamp_ns)
{
	struct hdaemu_client *c = client;
	uint64_t captured, period = c ? c->period_bytes : 0;
	uint32_t out_flags = 0;
	int ret = check_direction(c, HDAEMU_DIR_CAPTURE);

	if (ret)
		return ret;
	if (!data || !frames)
		return -HDAEMU_E_POINTER;
	if (c->taken)
		return -HDAEMU_E_OUT_OF_ORDER;
	captured = client_engine_bytes(c, NULL) / period * period;
	if (captured < c->cursor + period) {
		*frames = 0;
		*data = NULL;
		if (flags)
			*flags = 0;
		return HDAEMU_S_BUFFER_EMPTY;
	}
	/* The engine writes the buffer after @captured: older data is gone. */
	if (captured - c->cursor >= c->buffer.allocated_bytes) {
		uint64_t newest = captured - period;

		c->counters.glitches++;
		c->counters.glitch_frames += (newest - c->cursor) / c->frame_bytes;
		c->cursor = newest;
		out_flags |= HDAEMU_BUFFERFLAGS_DATA_DISCONTINUITY;
	}
	*data = (const char *)c->data + c->cursor % c->buffer.allocated_bytes;
	*frames = period / c->frame_bytes;
	if (flags)
		*flags = out_flags;
	if (device_position)
		*device_position = c->cursor / c->frame_bytes;
	if (timestamp_ns)
		*timestamp_ns = capture_instant(c, c->cursor);
	c->taken = 1;
	c->taken_frames = *frames;
	return 0;
}

int hdaemu_capture_release_buffer(struct hdaemu_client *client, uint32_t frames)
{
	struct hdaemu_client *c = client;
	int ret = check_direction(c, HDAEMU_DIR_CAPTURE);

	if (ret)
		return ret;
	if (!c->taken)
		return -HDAEMU_E_OUT_OF_ORDER;
	if (frames && frames != c->taken_frames)
		return -HDAEMU_E_INVALID_SIZE;
	c->taken = 0;
	if (!frames)
		return 0;
	c->cursor += (uint64_t)frames * c->frame_bytes;
	c->counters.packets++;
	c->counters.frames += frames;
	return 0;
}

int hdaemu_capture_get_next_packet_size(struct hdaemu_client *client, uint32_t *frames)
{
	struct hdaemu_client *c = client;
	uint64_t captured;
	int ret = check_direction(c, HDAEMU_DIR_CAPTURE);

	if (ret)
		return ret;
	if (!frames)
		return -HDAEMU_E_POINTER;
	captured = client_engine_bytes(c, NULL) / c->period_bytes * c->period_bytes;
	*frames = captured >= c->cursor + c->period_bytes ? c->period_bytes / c->frame_bytes : 0;
	return 0;
}

int hdaemu_clock_get_frequency(struct hdaemu_client *client, uint64_t *hz)
{
	int ret = client_check_ready(client);

	if (ret)
		return ret;
	if (!hz)
		return -HDAEMU_E_POINTER;
	*hz = (uint64_t)client->format.sample_rate * client->frame_bytes;
	return 0;
}

int hdaemu_clock_get_position(struct hdaemu_client *client, uint64_t *position,
			      uint64_t *timestamp_ns)
{
	int ret = client_check_ready(client);

	if (ret)
		return ret;
	if (!position)
		return -HDAEMU_E_POINTER;
	*position = client_engine_bytes(client, timestamp_ns);
	return 0;
}

int hdaemu_clock_get_wallclock(struct hdaemu_client *client, uint32_t *wallclock)
{
	if (!client || !wallclock)
		return -HDAEMU_E_POINTER;
	*wallclock = hdaemu_wallclock_at(client->dev, hdaemu_now_ns());
	return 0;
}
