// SPDX-License-Identifier: GPL-2.0
/*
 * libhdaemu client layer: IAudioClient's life cycle. Initialize turns the
 * reference's rules into one DMA engine and its buffer; the rest drives
 * the engine's stream states. hdaemu_client.h documents every rule.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "client_internal.h"

#define KNOWN_STREAM_FLAGS (HDAEMU_STREAMFLAGS_CROSSPROCESS | HDAEMU_STREAMFLAGS_LOOPBACK | \
			    HDAEMU_STREAMFLAGS_EVENTCALLBACK | HDAEMU_STREAMFLAGS_NOPERSIST)

int client_bus_error(struct hdaemu_client *c, int err)
{
	if (err == -ENODEV) {
		c->invalidated = 1;
		return -HDAEMU_E_DEVICE_INVALIDATED;
	}
	return err;
}

int client_check_ready(struct hdaemu_client *c)
{
	const struct hdaemu_position_header *h;

	if (!c)
		return -HDAEMU_E_POINTER;
	h = c->dev ? c->dev->position_page : NULL;
	/* A removal shows in the position page before any call fails. */
	if (h && (__atomic_load_n(&h->flags, __ATOMIC_ACQUIRE) & HDAEMU_POSITION_REMOVED))
		c->invalidated = 1;
	if (c->invalidated)
		return -HDAEMU_E_DEVICE_INVALIDATED;
	if (!c->initialized)
		return -HDAEMU_E_NOT_INITIALIZED;
	return 0;
}

uint64_t client_engine_bytes(struct hdaemu_client *c, uint64_t *now_ns)
{
	uint64_t bytes = 0;

	/* The position page; GET_POSITION while a fault shapes the position. */
	hdaemu_engine_position(c->dev, c->engine.handle, c->engine.position_slot, NULL, &bytes,
			       now_ns);
	return bytes;
}

int64_t hdaemu_frames_to_ns(uint64_t frames, uint32_t sample_rate)
{
	return (int64_t)((frames * HDAEMU_NSEC_PER_SEC + sample_rate / 2) / sample_rate);
}

/*
 * A duration in whole frames, rounded up, but taking a duration within
 * half a nanosecond of a whole number of frames as that number: durations
 * from hdaemu_frames_to_ns() were rounded to the nearest nanosecond and
 * must give their frames back.
 */
static uint64_t ns_to_frames(int64_t ns, uint32_t rate)
{
	const uint64_t two_sec = 2 * HDAEMU_NSEC_PER_SEC;

	if (ns <= 0)
		return 0;
	return ((2 * (uint64_t)ns - 1) * rate + two_sec - 1) / two_sec;
}

int hdaemu_client_create(struct hdaemu_dev *dev, unsigned int direction,
			 struct hdaemu_client **client)
{
	struct hdaemu_device_info di;
	struct hdaemu_client *c;

	if (!client)
		return -HDAEMU_E_POINTER;
	*client = NULL;
	if (!dev)
		return -HDAEMU_E_POINTER;
	if (dev->fd < 0 || (direction != HDAEMU_DIR_RENDER && direction != HDAEMU_DIR_CAPTURE))
		return -HDAEMU_E_INVALIDARG;
	c = calloc(1, sizeof(*c));
	if (!c)
		return -ENOMEM;
	c->dev = dev;
	c->direction = direction;
	c->eventfd = -1;
	/* Capture from the lowest codec present, the client's own codec. */
	if (direction == HDAEMU_DIR_CAPTURE && !hdaemu_get_device_info(dev->fd, &di))
		c->codec_address = di.codec_address;
	*client = c;
	return 0;
}

static void client_teardown(struct hdaemu_client *c)
{
	uint32_t h = c->engine.handle;
	int fd = c->dev->fd;

	if (c->have_buffer) {
		/* Stop, then Reset: Run to Reset is not a transition. */
		hdaemu_set_state(fd, &h, 1, HDAEMU_STATE_STOP, NULL);
		hdaemu_set_state(fd, &h, 1, HDAEMU_STATE_RESET, NULL);
		if (c->data)
			hdaemu_unmap_buffer(c->data, c->buffer.allocated_bytes);
		/* Ends the eventfd registration too. */
		hdaemu_free_buffer(fd, h, c->buffer.kind,
				   c->buffer.kind == HDAEMU_BUFFER_NOTIFY ?
				   c->buffer.allocated_bytes : 0);
	}
	if (c->have_engine)
		hdaemu_free_engine(fd, h);
	c->data = NULL;
	c->have_buffer = c->have_engine = 0;
	c->initialized = c->running = 0;
}

int hdaemu_client_set_codec(struct hdaemu_client *client, uint32_t codec_address)
{
	if (!client)
		return -HDAEMU_E_POINTER;
	if (client->init_called)
		return -HDAEMU_E_ALREADY_INITIALIZED;
	if (client->direction != HDAEMU_DIR_CAPTURE)
		return -HDAEMU_E_WRONG_ENDPOINT_TYPE;
	if (codec_address >= 32 || !(client->dev->info.codec_mask & (1u << codec_address)))
		return -HDAEMU_E_INVALIDARG;
	client->codec_address = codec_address;
	return 0;
}

void hdaemu_client_release(struct hdaemu_client *client)
{
	if (!client)
		return;
	client_teardown(client);
	free(client);
}

/* Rule 7: a description no format can have, before what HDA carries. */
static int format_well_formed(const struct hdaemu_stream_format *f)
{
	return f->sample_rate && f->channels && f->valid_bits && f->container_bits &&
	       f->container_bits % 8 == 0 && f->valid_bits <= f->container_bits &&
	       !f->pad && !f->reserved;
}

static int check_format(const struct hdaemu_stream_format *f)
{
	if (!format_well_formed(f))
		return -HDAEMU_E_INVALIDARG;
	return hdaemu_format_valid(f) ? 0 : -HDAEMU_E_UNSUPPORTED_FORMAT;
}

/* The shortest period the engine takes for @f, in frames (aligned). */
static uint64_t min_period_frames(const struct hdaemu_info *info,
				  const struct hdaemu_stream_format *f)
{
	return hdaemu_buffer_round(info, f, 2, 1) / 2 / hdaemu_frame_bytes(f);
}

/* The longest: half the engine's largest two-IOC buffer, at most 500 ms. */
static uint64_t max_period_frames(const struct hdaemu_info *info,
				  const struct hdaemu_stream_format *f)
{
	uint64_t fit = hdaemu_buffer_round(info, f, 2, UINT64_MAX) / 2 / hdaemu_frame_bytes(f);
	uint64_t limit = ns_to_frames(HDAEMU_MAX_PERIOD_NS, f->sample_rate);

	return fit < limit ? fit : limit;
}

int hdaemu_client_min_period_for(struct hdaemu_client *client,
				 const struct hdaemu_stream_format *format, int64_t *minimum_ns)
{
	if (!client || !format || !minimum_ns)
		return -HDAEMU_E_POINTER;
	if (check_format(format))
		return -HDAEMU_E_UNSUPPORTED_FORMAT;
	*minimum_ns = hdaemu_frames_to_ns(min_period_frames(&client->dev->info, format),
					  format->sample_rate);
	return 0;
}

int hdaemu_client_get_device_period(struct hdaemu_client *client, int64_t *default_ns,
				    int64_t *minimum_ns)
{
	if (!client || (!default_ns && !minimum_ns))
		return -HDAEMU_E_POINTER;
	if (client->invalidated)
		return -HDAEMU_E_DEVICE_INVALIDATED;
	if (default_ns)
		*default_ns = HDAEMU_DEFAULT_PERIOD_NS;
	if (minimum_ns && client->initialized)
		return hdaemu_client_min_period_for(client, &client->format, minimum_ns);
	if (minimum_ns)
		*minimum_ns = client->dev->info.min_period_ns;
	return 0;
}

int hdaemu_client_is_format_supported(struct hdaemu_client *client, int share_mode,
				      const struct hdaemu_stream_format *format)
{
	if (!client || !format)
		return -HDAEMU_E_POINTER;
	if (share_mode != HDAEMU_SHAREMODE_SHARED && share_mode != HDAEMU_SHAREMODE_EXCLUSIVE)
		return -HDAEMU_E_INVALIDARG;
	if (share_mode == HDAEMU_SHAREMODE_SHARED)
		return -HDAEMU_E_SHARED_MODE_UNSUPPORTED;
	return check_format(format);
}

/* Rules 1 to 11, which need no device: hdaemu_client.h numbers them. */
static int check_initialize_args(struct hdaemu_client *c, int share_mode, uint32_t flags,
				 int64_t duration, int64_t period,
				 const struct hdaemu_stream_format *f)
{
	int event = !!(flags & HDAEMU_STREAMFLAGS_EVENTCALLBACK), ret;

	if (!f)
		return -HDAEMU_E_POINTER;
	if ((share_mode != HDAEMU_SHAREMODE_SHARED && share_mode != HDAEMU_SHAREMODE_EXCLUSIVE) ||
	    (flags & ~KNOWN_STREAM_FLAGS))
		return -HDAEMU_E_INVALIDARG;
	if ((flags & HDAEMU_STREAMFLAGS_LOOPBACK) && c->direction == HDAEMU_DIR_CAPTURE)
		return -HDAEMU_E_WRONG_ENDPOINT_TYPE;
	if (((flags & HDAEMU_STREAMFLAGS_LOOPBACK) && share_mode != HDAEMU_SHAREMODE_SHARED) ||
	    ((flags & HDAEMU_STREAMFLAGS_CROSSPROCESS) && share_mode == HDAEMU_SHAREMODE_EXCLUSIVE))
		return -HDAEMU_E_INVALIDARG;
	if (share_mode == HDAEMU_SHAREMODE_SHARED)
		return -HDAEMU_E_SHARED_MODE_UNSUPPORTED;
	ret = check_format(f);
	if (ret)
		return ret;
	if (duration < 0 || period < 0)
		return -HDAEMU_E_INVALIDARG;
	if (event && (period == 0 || period != duration))
		return -HDAEMU_E_BUFDURATION_PERIOD_NOT_EQUAL;
	if (duration > (event ? HDAEMU_MAX_EVENT_DURATION_NS : HDAEMU_MAX_PUSH_DURATION_NS))
		return -HDAEMU_E_BUFFER_SIZE_ERROR;
	if (period > HDAEMU_MAX_PERIOD_NS)
		return -HDAEMU_E_INVALID_DEVICE_PERIOD;
	return 0;
}

/* Rule 14: the engine, its buffer, its mapping; all or nothing. */
static int client_allocate(struct hdaemu_client *c, uint32_t kind, uint32_t count, uint64_t bytes)
{
	int fd = c->dev->fd, ret;
	uint32_t h;

	memset(&c->engine, 0, sizeof(c->engine));
	c->engine.direction = c->direction;
	c->engine.codec_address = c->direction == HDAEMU_DIR_CAPTURE ? c->codec_address : 0;
	c->engine.format = c->format;
	ret = hdaemu_alloc_engine(fd, &c->engine);
	if (ret == -ENOSPC)
		return -HDAEMU_E_DEVICE_IN_USE;
	if (ret == -EINVAL)
		return -HDAEMU_E_UNSUPPORTED_FORMAT;
	if (ret)
		return client_bus_error(c, ret);
	c->have_engine = 1;
	h = c->engine.handle;

	memset(&c->buffer, 0, sizeof(c->buffer));
	c->buffer.handle = h;
	c->buffer.kind = kind;
	c->buffer.notification_count = count;
	c->buffer.requested_bytes = bytes;
	ret = hdaemu_alloc_buffer(fd, &c->buffer);
	if (ret)
		goto fail;
	c->have_buffer = 1;
	/* The library computes sizes as the engine does; a mismatch is a bug. */
	ret = c->buffer.allocated_bytes == bytes ? 0 : -EPROTO;
	if (!ret)
		ret = hdaemu_map_buffer(fd, &c->buffer, c->direction == HDAEMU_DIR_RENDER, &c->data);
	/* Not running is Stop, so that Start is one transition and Reset one more. */
	if (!ret)
		ret = hdaemu_set_state(fd, &h, 1, HDAEMU_STATE_STOP, NULL);
	if (!ret)
		return 0;
fail:
	ret = client_bus_error(c, ret);
	client_teardown(c);
	return ret;
}

int hdaemu_client_initialize(struct hdaemu_client *client, int share_mode, uint32_t stream_flags,
			     int64_t buffer_duration_ns, int64_t periodicity_ns,
			     const struct hdaemu_stream_format *format)
{
	struct hdaemu_client *c = client;
	const struct hdaemu_info *info;
	uint64_t frames, lo, hi, unit, bytes;
	int ret;

	if (!c)
		return -HDAEMU_E_POINTER;
	if (c->invalidated)
		return -HDAEMU_E_DEVICE_INVALIDATED;
	if (c->init_called)
		return -HDAEMU_E_ALREADY_INITIALIZED;
	c->init_called = 1;
	ret = check_initialize_args(c, share_mode, stream_flags, buffer_duration_ns,
				    periodicity_ns, format);
	if (ret)
		return ret;

	info = &c->dev->info;
	c->format = *format;
	c->frame_bytes = hdaemu_frame_bytes(format);
	c->event_mode = !!(stream_flags & HDAEMU_STREAMFLAGS_EVENTCALLBACK);
	unit = hdaemu_buffer_unit(format);

	/* Rule 12: the period, in whole frames, clamped. */
	frames = periodicity_ns ? ns_to_frames(periodicity_ns, format->sample_rate) :
				  ns_to_frames(HDAEMU_DEFAULT_PERIOD_NS, format->sample_rate);
	lo = min_period_frames(info, format);
	hi = max_period_frames(info, format);
	frames = frames < lo ? lo : frames > hi ? hi : frames;
	c->period_bytes = frames * c->frame_bytes;

	if (c->event_mode) {
		/* Rule 13: each ping-pong half must be a size the engine takes. */
		if (c->period_bytes % unit) {
			c->aligned_frames = (c->period_bytes / unit + 1) * unit / c->frame_bytes;
			return -HDAEMU_E_BUFFER_SIZE_NOT_ALIGNED;
		}
		c->buffer_frames = frames;
		c->latency_ns = hdaemu_frames_to_ns(frames, format->sample_rate);
		ret = client_allocate(c, HDAEMU_BUFFER_NOTIFY, 2, 2 * c->period_bytes);
	} else {
		/*
		 * Push mode: the period rounded up to the engine's alignment, so
		 * that capture packets never span the ring's end; the buffer at
		 * least two periods, in whole periods.
		 */
		c->period_bytes = (c->period_bytes + unit - 1) / unit * unit;
		bytes = ns_to_frames(buffer_duration_ns, format->sample_rate) * c->frame_bytes;
		if (bytes < 2 * c->period_bytes)
			bytes = 2 * c->period_bytes;
		bytes = (bytes + c->period_bytes - 1) / c->period_bytes * c->period_bytes;
		if (hdaemu_buffer_round(info, format, 1, bytes) != bytes)
			return -HDAEMU_E_BUFFER_SIZE_ERROR;
		c->buffer_frames = bytes / c->frame_bytes;
		c->latency_ns = hdaemu_frames_to_ns(c->buffer_frames, format->sample_rate);
		ret = client_allocate(c, HDAEMU_BUFFER_PLAIN, 0, bytes);
	}
	if (ret)
		return ret;
	c->initialized = 1;
	return 0;
}

int hdaemu_client_get_buffer_size(struct hdaemu_client *client, uint32_t *frames)
{
	if (!client || !frames)
		return -HDAEMU_E_POINTER;
	if (client->invalidated)
		return -HDAEMU_E_DEVICE_INVALIDATED;
	if (client->initialized)
		*frames = client->buffer_frames;
	else if (client->aligned_frames)
		*frames = client->aligned_frames;
	else
		return -HDAEMU_E_NOT_INITIALIZED;
	return 0;
}

int hdaemu_client_set_event_handle(struct hdaemu_client *client, int eventfd)
{
	struct hdaemu_client *c = client;
	int ret = client_check_ready(c);

	if (ret)
		return ret;
	if (!c->event_mode)
		return -HDAEMU_E_EVENTHANDLE_NOT_EXPECTED;
	if (eventfd < 0)
		return -HDAEMU_E_INVALIDARG;
	if (eventfd == c->eventfd)
		return 0;
	/* The kernel checks the descriptor: EBADF not open, EINVAL not an eventfd. */
	ret = hdaemu_register_notification(c->dev->fd, c->engine.handle, eventfd);
	if (ret == -EBADF || ret == -EINVAL)
		return -HDAEMU_E_INVALIDARG;
	/* The same eventfd under another descriptor is already registered. */
	if (ret && ret != -EEXIST)
		return client_bus_error(c, ret);
	if (c->eventfd >= 0 && !ret)
		hdaemu_unregister_notification(c->dev->fd, c->engine.handle, c->eventfd);
	c->eventfd = eventfd;
	return 0;
}

static int check_startable(struct hdaemu_client *c)
{
	int ret = client_check_ready(c);

	if (ret)
		return ret;
	if (c->event_mode && c->eventfd < 0)
		return -HDAEMU_E_EVENTHANDLE_NOT_SET;
	if (c->running)
		return -HDAEMU_E_NOT_STOPPED;
	return 0;
}

/*
 * A render stream in event mode hands its second buffer over at Start, if
 * the client has not filled it already: the reference's ping-pong.
 */
static void signal_start(struct hdaemu_client *c)
{
	uint64_t one = 1;

	if (!c->event_mode || c->direction != HDAEMU_DIR_RENDER ||
	    c->cursor - client_engine_bytes(c, NULL) >= c->buffer.allocated_bytes)
		return;
	if (write(c->eventfd, &one, sizeof(one)) == sizeof(one))
		c->counters.start_events++;
}

int hdaemu_client_start_together(struct hdaemu_client *const *clients, unsigned int count,
				 uint64_t *timestamp_ns)
{
	uint32_t handles[HDAEMU_MAX_ENGINES];
	unsigned int i;
	int ret;

	if (!clients)
		return -HDAEMU_E_POINTER;
	if (!count || count > HDAEMU_MAX_ENGINES)
		return -HDAEMU_E_INVALIDARG;
	for (i = 0; i < count; i++) {
		ret = check_startable(clients[i]);
		if (ret)
			return ret;
		if (clients[i]->dev != clients[0]->dev)
			return -HDAEMU_E_INVALIDARG;
		handles[i] = clients[i]->engine.handle;
	}
	ret = hdaemu_set_state(clients[0]->dev->fd, handles, count, HDAEMU_STATE_RUN,
			       timestamp_ns);
	if (ret)
		return client_bus_error(clients[0], ret);
	for (i = 0; i < count; i++) {
		clients[i]->running = 1;
		signal_start(clients[i]);
	}
	return 0;
}

int hdaemu_client_start(struct hdaemu_client *client)
{
	return hdaemu_client_start_together(&client, 1, NULL);
}

int hdaemu_client_stop(struct hdaemu_client *client)
{
	int ret = client_check_ready(client);

	if (ret || !client->running)
		return ret;
	ret = hdaemu_set_state(client->dev->fd, &client->engine.handle, 1, HDAEMU_STATE_STOP,
			       NULL);
	if (ret)
		return client_bus_error(client, ret);
	client->running = 0;
	return 0;
}

int hdaemu_client_reset(struct hdaemu_client *client)
{
	int ret = client_check_ready(client), fd;

	if (ret)
		return ret;
	if (client->running)
		return -HDAEMU_E_NOT_STOPPED;
	if (client->taken)
		return -HDAEMU_E_OUT_OF_ORDER;
	fd = client->dev->fd;
	ret = hdaemu_set_state(fd, &client->engine.handle, 1, HDAEMU_STATE_RESET, NULL);
	if (!ret)
		ret = hdaemu_set_state(fd, &client->engine.handle, 1, HDAEMU_STATE_STOP, NULL);
	if (ret)
		return client_bus_error(client, ret);
	client->cursor = 0;
	return 0;
}

int hdaemu_client_get_stream_latency(struct hdaemu_client *client, int64_t *latency_ns)
{
	int ret = client_check_ready(client);

	if (ret)
		return ret;
	if (!latency_ns)
		return -HDAEMU_E_POINTER;
	*latency_ns = client->latency_ns;
	return 0;
}

int hdaemu_client_get_engine(struct hdaemu_client *client, struct hdaemu_client_engine *engine)
{
	int ret = client_check_ready(client);

	if (ret)
		return ret;
	if (!engine)
		return -HDAEMU_E_POINTER;
	engine->handle = client->engine.handle;
	engine->engine_index = client->engine.engine_index;
	engine->stream_tag = client->engine.stream_tag;
	engine->converter_format = client->engine.converter_format;
	engine->position_slot = client->engine.position_slot;
	engine->buffer_bytes = client->buffer.allocated_bytes;
	engine->period_bytes = client->period_bytes;
	engine->notification_count = client->buffer.notification_count;
	return 0;
}

int hdaemu_client_get_counters(struct hdaemu_client *client,
			       struct hdaemu_client_counters *counters)
{
	if (!client || !counters)
		return -HDAEMU_E_POINTER;
	*counters = client->counters;
	return 0;
}
