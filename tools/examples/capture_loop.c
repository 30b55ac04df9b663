// SPDX-License-Identifier: GPL-2.0
/*
 * The classic exclusive-mode, event-driven capture loop, against
 * libhdaemu: wait for the event, take every packet that waits, release it.
 * 48 kHz 16-bit stereo, 10 ms buffers, for the given seconds (default 1).
 * The emulator carries no audio yet, so the packets hold what the buffer
 * holds: silence.
 *
 *   hdaemu-example-capture_loop [SECONDS]
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

static int fail(const char *what, int err)
{
	fprintf(stderr, "capture_loop: %s: %s (%s)\n", what, hdaemu_strerror(err),
		hdaemu_error_name(err));
	return 1;
}

int main(int argc, char **argv)
{
	double seconds = argc > 1 ? atof(argv[1]) : 1;
	uint64_t events = 0, frames_total = 0, discontinuities = 0, deadline;
	struct hdaemu_client *client;
	struct hdaemu_dev dev;
	uint32_t packet;
	int efd, ret;

	ret = hdaemu_dev_open(&dev, NULL);
	if (ret)
		return fail("open", ret);
	ret = hdaemu_client_create(&dev, HDAEMU_DIR_CAPTURE, &client);
	if (ret)
		return fail("create", ret);
	ret = hdaemu_client_initialize(client, HDAEMU_SHAREMODE_EXCLUSIVE,
				       HDAEMU_STREAMFLAGS_EVENTCALLBACK, PERIOD_NS, PERIOD_NS,
				       &format);
	if (ret)
		return fail("initialize", ret);
	efd = eventfd(0, EFD_CLOEXEC);
	ret = hdaemu_client_set_event_handle(client, efd);
	if (ret)
		return fail("set event handle", ret);
	ret = hdaemu_client_start(client);
	if (ret)
		return fail("start", ret);

	deadline = hdaemu_now_ns() + (uint64_t)(seconds * 1e9);
	while (hdaemu_now_ns() < deadline) {
		struct pollfd p = { .fd = efd, .events = POLLIN };
		uint64_t n;

		if (poll(&p, 1, 2000) != 1 || read(efd, &n, sizeof(n)) != sizeof(n))
			return fail("waiting for the event", -ETIMEDOUT);
		events += n;
		/* Take every whole packet that waits. */
		for (;;) {
			const void *data;
			uint32_t frames, flags;

			ret = hdaemu_capture_get_next_packet_size(client, &packet);
			if (ret)
				return fail("next packet size", ret);
			if (!packet)
				break;
			ret = hdaemu_capture_get_buffer(client, &data, &frames, &flags, NULL, NULL);
			if (ret)
				return fail("get buffer", ret);
			/* A real client copies @data here. */
			discontinuities += !!(flags & HDAEMU_BUFFERFLAGS_DATA_DISCONTINUITY);
			frames_total += frames;
			ret = hdaemu_capture_release_buffer(client, frames);
			if (ret)
				return fail("release buffer", ret);
		}
	}
	ret = hdaemu_client_stop(client);
	if (ret)
		return fail("stop", ret);
	printf("capture_loop: %llu events, %llu frames, %llu discontinuities\n",
	       (unsigned long long)events, (unsigned long long)frames_total,
	       (unsigned long long)discontinuities);
	hdaemu_client_release(client);
	close(efd);
	hdaemu_dev_close(&dev);
	return 0;
}
