// SPDX-License-Identifier: GPL-2.0
/*
 * The classic exclusive-mode, event-driven render loop, against libhdaemu:
 * the WASAPI sample's shape with IAudioClient replaced by hdaemu_client.
 * Plays a 440 Hz triangle tone, 48 kHz 16-bit stereo, 10 ms buffers, for the given
 * seconds (default 1).
 *
 *   hdaemu-example-render_loop [SECONDS]
 */
#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "hdaemu_client.h"

#define PERIOD_NS	10000000	/* 10 ms: the buffer duration and period */

static const struct hdaemu_stream_format format = {
	.sample_rate = 48000, .valid_bits = 16, .container_bits = 16, .channels = 2,
};

/* Write @frames of a 440 Hz triangle wave into @data, from frame *@t on. */
static void load_tone(void *data, uint32_t frames, uint64_t *t)
{
	const uint32_t cycle = format.sample_rate / 440;
	int16_t *s = data;
	uint32_t i;

	for (i = 0; i < frames; i++, (*t)++) {
		int32_t x = (int32_t)(*t % cycle) * 4 * 8000 / (int32_t)cycle;
		int16_t v = (int16_t)(x < 2 * 8000 ? x - 8000 : 3 * 8000 - x);

		s[2 * i] = v;
		s[2 * i + 1] = v;
	}
}

static int fail(const char *what, int err)
{
	fprintf(stderr, "render_loop: %s: %s (%s)\n", what, hdaemu_strerror(err),
		hdaemu_error_name(err));
	return 1;
}

int main(int argc, char **argv)
{
	double seconds = argc > 1 ? atof(argv[1]) : 1;
	struct hdaemu_client_counters counters;
	struct hdaemu_client *client;
	struct hdaemu_dev dev;
	uint32_t frames, wakeups = 0;
	uint64_t events = 0, t = 0, deadline;
	void *data;
	int efd, ret;

	ret = hdaemu_dev_open(&dev, NULL);
	if (ret)
		return fail("open", ret);
	ret = hdaemu_client_create(&dev, HDAEMU_DIR_RENDER, &client);
	if (ret)
		return fail("create", ret);
	/* Exclusive, event driven: the periodicity equals the buffer duration. */
	ret = hdaemu_client_initialize(client, HDAEMU_SHAREMODE_EXCLUSIVE,
				       HDAEMU_STREAMFLAGS_EVENTCALLBACK, PERIOD_NS, PERIOD_NS,
				       &format);
	if (ret)
		return fail("initialize", ret);
	efd = eventfd(0, EFD_CLOEXEC);
	ret = hdaemu_client_set_event_handle(client, efd);
	if (ret)
		return fail("set event handle", ret);
	ret = hdaemu_client_get_buffer_size(client, &frames);
	if (ret)
		return fail("get buffer size", ret);

	/* Fill the first buffer before starting the stream. */
	ret = hdaemu_render_get_buffer(client, frames, &data);
	if (ret)
		return fail("get buffer", ret);
	load_tone(data, frames, &t);
	hdaemu_render_release_buffer(client, frames, 0);

	ret = hdaemu_client_start(client);
	if (ret)
		return fail("start", ret);
	deadline = hdaemu_now_ns() + (uint64_t)(seconds * 1e9);
	while (hdaemu_now_ns() < deadline) {
		struct pollfd p = { .fd = efd, .events = POLLIN };
		uint64_t n;

		/* Wait for the next buffer request (WaitForSingleObject). */
		if (poll(&p, 1, 2000) != 1 || read(efd, &n, sizeof(n)) != sizeof(n))
			return fail("waiting for the event", -ETIMEDOUT);
		events += n;
		wakeups++;
		/* Each event hands over one whole buffer. */
		ret = hdaemu_render_get_buffer(client, frames, &data);
		if (ret)
			return fail("get buffer", ret);
		load_tone(data, frames, &t);
		ret = hdaemu_render_release_buffer(client, frames, 0);
		if (ret)
			return fail("release buffer", ret);
	}
	ret = hdaemu_client_stop(client);
	if (ret)
		return fail("stop", ret);
	hdaemu_client_get_counters(client, &counters);
	printf("render_loop: %u wakeups, %llu events, %llu buffers of %u frames, %llu glitches\n",
	       wakeups, (unsigned long long)events, (unsigned long long)counters.packets, frames,
	       (unsigned long long)counters.glitches);
	hdaemu_client_release(client);
	close(efd);
	hdaemu_dev_close(&dev);
	return 0;
}
