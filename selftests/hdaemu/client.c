// SPDX-License-Identifier: GPL-2.0
/*
 * libhdaemu's audio client: each rule of IAudioClient::Initialize and
 * SetEventHandle with its own error, the not-aligned retry round trip, and
 * render and capture loops exchanging data with an engine. Timing checks
 * are invariants (counts agree with positions), never latencies.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "hdaemu_client.h"

/*
 * Not hdaemu_test.h: its ioctl helpers have the library's names. The 6.1
 * harness has a signal handler with an unused parameter.
 */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include "kselftest_harness.h"
#pragma GCC diagnostic pop

#define HDAEMU_DEV	HDAEMU_DEFAULT_PATH

#define MS		1000000ll

static const struct hdaemu_stream_format fmt_48k = {
	.sample_rate = 48000, .valid_bits = 16, .container_bits = 16, .channels = 2,
};

/*
 * 192 kHz, 20 bits in 32, 11 channels (55 of the 60 link words): 44-byte
 * frames, so that half the largest two-IOC buffer (8386048 bytes: 95296
 * frames) is shorter than the 500 ms limit (96000 frames).
 */
static const struct hdaemu_stream_format fmt_big = {
	.sample_rate = 192000, .valid_bits = 20, .container_bits = 32, .channels = 11,
};

/* The client's error: "expected X, got Y" in the reference's terms. */
#define EXPECT_CLIENT(expected, call) do {					\
	int __r = (call);							\
	EXPECT_EQ((expected), __r) {						\
		TH_LOG("expected %s, got %s (%s)", hdaemu_error_name(expected),	\
		       hdaemu_error_name(__r), hdaemu_strerror(__r));		\
	}									\
} while (0)

FIXTURE(client) {
	struct hdaemu_dev dev;
	struct hdaemu_client *render, *capture;
	int efd;
	int faults;		/* a test injected faults: clear them after it */
};

FIXTURE_SETUP(client)
{
	int ret = hdaemu_dev_open(&self->dev, NULL);

	if (ret == -ENOENT)
		SKIP(return, "no " HDAEMU_DEV ": the module is not loaded");
	ASSERT_EQ(0, ret);
	ASSERT_EQ(0, hdaemu_client_create(&self->dev, HDAEMU_DIR_RENDER, &self->render));
	ASSERT_EQ(0, hdaemu_client_create(&self->dev, HDAEMU_DIR_CAPTURE, &self->capture));
	self->efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	ASSERT_LE(0, self->efd);
}

FIXTURE_TEARDOWN(client)
{
	if (self->faults) {
		struct hdaemu_fault f = { .type = HDAEMU_FAULT_CLEAR,
					  .target = HDAEMU_FAULT_CONTROLLER };

		hdaemu_set_fault(self->dev.fd, &f);
	}
	hdaemu_client_release(self->render);
	hdaemu_client_release(self->capture);
	if (self->efd >= 0)
		close(self->efd);
	hdaemu_dev_close(&self->dev);
}

static int init_event(struct hdaemu_client *c, int64_t ns, const struct hdaemu_stream_format *f)
{
	return hdaemu_client_initialize(c, HDAEMU_SHAREMODE_EXCLUSIVE,
					HDAEMU_STREAMFLAGS_EVENTCALLBACK, ns, ns, f);
}

static int init_push(struct hdaemu_client *c, int64_t duration, int64_t period,
		     const struct hdaemu_stream_format *f)
{
	return hdaemu_client_initialize(c, HDAEMU_SHAREMODE_EXCLUSIVE, 0, duration, period, f);
}

TEST_F(client, not_initialized)
{
	struct hdaemu_client *c = self->render;
	uint32_t frames;
	int64_t ns;
	uint64_t pos;
	void *data;

	EXPECT_CLIENT(-HDAEMU_E_NOT_INITIALIZED, hdaemu_client_get_buffer_size(c, &frames));
	EXPECT_CLIENT(-HDAEMU_E_NOT_INITIALIZED, hdaemu_client_set_event_handle(c, self->efd));
	EXPECT_CLIENT(-HDAEMU_E_NOT_INITIALIZED, hdaemu_client_start(c));
	EXPECT_CLIENT(-HDAEMU_E_NOT_INITIALIZED, hdaemu_client_stop(c));
	EXPECT_CLIENT(-HDAEMU_E_NOT_INITIALIZED, hdaemu_client_reset(c));
	EXPECT_CLIENT(-HDAEMU_E_NOT_INITIALIZED, hdaemu_client_get_current_padding(c, &frames));
	EXPECT_CLIENT(-HDAEMU_E_NOT_INITIALIZED, hdaemu_client_get_stream_latency(c, &ns));
	EXPECT_CLIENT(-HDAEMU_E_NOT_INITIALIZED, hdaemu_render_get_buffer(c, 480, &data));
	EXPECT_CLIENT(-HDAEMU_E_NOT_INITIALIZED, hdaemu_clock_get_position(c, &pos, NULL));
	EXPECT_CLIENT(-HDAEMU_E_NOT_INITIALIZED,
		      hdaemu_capture_get_next_packet_size(self->capture, &frames));
	/* These need no Initialize, as in the reference. */
	EXPECT_CLIENT(0, hdaemu_client_get_device_period(c, &ns, NULL));
	EXPECT_CLIENT(0, hdaemu_client_is_format_supported(c, HDAEMU_SHAREMODE_EXCLUSIVE,
							   &fmt_48k));
}

TEST_F(client, initialize_only_once)
{
	EXPECT_CLIENT(0, init_event(self->render, 10 * MS, &fmt_48k));
	EXPECT_CLIENT(-HDAEMU_E_ALREADY_INITIALIZED, init_event(self->render, 10 * MS, &fmt_48k));
	/* Also after a failed first call: the caller makes a new client. */
	EXPECT_CLIENT(-HDAEMU_E_POINTER, init_event(self->capture, 10 * MS, NULL));
	EXPECT_CLIENT(-HDAEMU_E_ALREADY_INITIALIZED,
		      init_event(self->capture, 10 * MS, &fmt_48k));
}

TEST_F(client, missing_format)
{
	EXPECT_CLIENT(-HDAEMU_E_POINTER, init_event(self->render, 10 * MS, NULL));
}

TEST_F(client, invalid_format)
{
	struct hdaemu_stream_format f = fmt_48k;

	f.channels = 0;
	EXPECT_CLIENT(-HDAEMU_E_INVALIDARG, init_event(self->render, 10 * MS, &f));
	f = fmt_48k;
	f.valid_bits = 24;	/* more valid bits than the 16-bit container */
	EXPECT_CLIENT(-HDAEMU_E_INVALIDARG,
		      hdaemu_client_is_format_supported(self->capture,
							HDAEMU_SHAREMODE_EXCLUSIVE, &f));
}

TEST_F(client, unsupported_format)
{
	struct hdaemu_stream_format f = fmt_48k;

	f.sample_rate = 7000;	/* no 48/44.1 kHz multiple and divisor gives it */
	EXPECT_CLIENT(-HDAEMU_E_UNSUPPORTED_FORMAT, init_event(self->render, 10 * MS, &f));
	f = fmt_48k;
	f.valid_bits = 24;
	f.container_bits = 24;	/* HDA keeps 24-bit samples in 32 bits */
	EXPECT_CLIENT(-HDAEMU_E_UNSUPPORTED_FORMAT,
		      hdaemu_client_is_format_supported(self->capture,
							HDAEMU_SHAREMODE_EXCLUSIVE, &f));
}

TEST_F(client, shared_mode_refused)
{
	EXPECT_CLIENT(-HDAEMU_E_SHARED_MODE_UNSUPPORTED,
		      hdaemu_client_initialize(self->render, HDAEMU_SHAREMODE_SHARED,
					       HDAEMU_STREAMFLAGS_EVENTCALLBACK, 0, 0, &fmt_48k));
	EXPECT_CLIENT(-HDAEMU_E_SHARED_MODE_UNSUPPORTED,
		      hdaemu_client_is_format_supported(self->capture, HDAEMU_SHAREMODE_SHARED,
							&fmt_48k));
}

TEST_F(client, bad_share_mode_and_flags)
{
	EXPECT_CLIENT(-HDAEMU_E_INVALIDARG,
		      hdaemu_client_initialize(self->render, 7, 0, 0, 0, &fmt_48k));
	EXPECT_CLIENT(-HDAEMU_E_INVALIDARG,
		      hdaemu_client_initialize(self->capture, HDAEMU_SHAREMODE_EXCLUSIVE, 1, 0,
					       0, &fmt_48k));
}

TEST_F(client, loopback_on_capture)
{
	EXPECT_CLIENT(-HDAEMU_E_WRONG_ENDPOINT_TYPE,
		      hdaemu_client_initialize(self->capture, HDAEMU_SHAREMODE_SHARED,
					       HDAEMU_STREAMFLAGS_LOOPBACK, 0, 0, &fmt_48k));
}

TEST_F(client, loopback_not_shared)
{
	EXPECT_CLIENT(-HDAEMU_E_INVALIDARG,
		      hdaemu_client_initialize(self->render, HDAEMU_SHAREMODE_EXCLUSIVE,
					       HDAEMU_STREAMFLAGS_LOOPBACK, 0, 0, &fmt_48k));
}

TEST_F(client, crossprocess_exclusive)
{
	EXPECT_CLIENT(-HDAEMU_E_INVALIDARG,
		      hdaemu_client_initialize(self->render, HDAEMU_SHAREMODE_EXCLUSIVE,
					       HDAEMU_STREAMFLAGS_CROSSPROCESS |
					       HDAEMU_STREAMFLAGS_EVENTCALLBACK,
					       10 * MS, 10 * MS, &fmt_48k));
}

TEST_F(client, event_period_zero)
{
	EXPECT_CLIENT(-HDAEMU_E_BUFDURATION_PERIOD_NOT_EQUAL,
		      hdaemu_client_initialize(self->render, HDAEMU_SHAREMODE_EXCLUSIVE,
					       HDAEMU_STREAMFLAGS_EVENTCALLBACK, 10 * MS, 0,
					       &fmt_48k));
}

TEST_F(client, event_period_not_equal)
{
	EXPECT_CLIENT(-HDAEMU_E_BUFDURATION_PERIOD_NOT_EQUAL,
		      hdaemu_client_initialize(self->render, HDAEMU_SHAREMODE_EXCLUSIVE,
					       HDAEMU_STREAMFLAGS_EVENTCALLBACK, 20 * MS, 10 * MS,
					       &fmt_48k));
}

TEST_F(client, event_duration_limit)
{
	EXPECT_CLIENT(-HDAEMU_E_BUFFER_SIZE_ERROR, init_event(self->render, 501 * MS, &fmt_48k));
}

TEST_F(client, push_duration_limit)
{
	uint32_t frames;

	EXPECT_CLIENT(-HDAEMU_E_BUFFER_SIZE_ERROR, init_push(self->render, 2001 * MS, 0, &fmt_48k));
	/* 1.5 s is a push-mode buffer, though no event-mode one. */
	EXPECT_CLIENT(0, init_push(self->capture, 1500 * MS, 0, &fmt_48k));
	EXPECT_CLIENT(0, hdaemu_client_get_buffer_size(self->capture, &frames));
	EXPECT_EQ(72000u, frames);
}

TEST_F(client, device_period_limit)
{
	EXPECT_CLIENT(-HDAEMU_E_INVALID_DEVICE_PERIOD,
		      init_push(self->render, 1500 * MS, 501 * MS, &fmt_48k));
}

TEST_F(client, default_period)
{
	struct hdaemu_client_engine e;
	int64_t def, min;

	EXPECT_CLIENT(0, hdaemu_client_get_device_period(self->render, &def, &min));
	EXPECT_EQ(10 * MS, def);
	EXPECT_EQ((int64_t)self->dev.info.min_period_ns, min);
	/* Periodicity 0: the default period. */
	ASSERT_EQ(0, init_push(self->render, 0, 0, &fmt_48k));
	ASSERT_EQ(0, hdaemu_client_get_engine(self->render, &e));
	EXPECT_EQ(1920u, e.period_bytes);	/* 480 frames of 4 bytes */
	EXPECT_EQ(3840u, e.buffer_bytes);	/* two periods */
}

TEST_F(client, period_clamped_to_minimum)
{
	int64_t min, ns;
	uint32_t frames;

	/* 48 kHz/16/2: the engine's shortest period is 32 frames (128 bytes). */
	ASSERT_EQ(0, init_event(self->render, 50000, &fmt_48k));
	ASSERT_EQ(0, hdaemu_client_get_buffer_size(self->render, &frames));
	EXPECT_EQ(32u, frames);
	ASSERT_EQ(0, hdaemu_client_get_device_period(self->render, NULL, &min));
	EXPECT_EQ(hdaemu_frames_to_ns(32, 48000), min);
	ASSERT_EQ(0, hdaemu_client_get_stream_latency(self->render, &ns));
	EXPECT_EQ(min, ns);
}

TEST_F(client, period_clamped_to_maximum)
{
	struct hdaemu_client_engine e;
	uint32_t frames;

	/* 499 ms = 95808 frames: clamped to the longest period the engine holds. */
	ASSERT_EQ(0, init_event(self->render, 499 * MS, &fmt_big));
	ASSERT_EQ(0, hdaemu_client_get_buffer_size(self->render, &frames));
	EXPECT_EQ(95296u, frames);
	ASSERT_EQ(0, hdaemu_client_get_engine(self->render, &e));
	EXPECT_EQ(2ull * 95296 * 44, e.buffer_bytes);
	EXPECT_LE(e.buffer_bytes, self->dev.info.max_buffer_bytes);
}

/* The reference's recipe: not aligned, get the size, compute, new client. */
static void alignment_round_trip(struct __test_metadata *_metadata, struct hdaemu_dev *dev,
				 const struct hdaemu_stream_format *f, int64_t ns,
				 uint32_t aligned)
{
	struct hdaemu_client *c, *retry;
	uint32_t frames;
	int64_t duration;

	ASSERT_EQ(0, hdaemu_client_create(dev, HDAEMU_DIR_RENDER, &c));
	EXPECT_CLIENT(-HDAEMU_E_BUFFER_SIZE_NOT_ALIGNED, init_event(c, ns, f));
	ASSERT_EQ(0, hdaemu_client_get_buffer_size(c, &frames));
	EXPECT_EQ(aligned, frames);
	/* Not initialized for anything else. */
	EXPECT_CLIENT(-HDAEMU_E_NOT_INITIALIZED, hdaemu_client_start(c));
	hdaemu_client_release(c);

	duration = hdaemu_frames_to_ns(frames, f->sample_rate);
	ASSERT_EQ(0, hdaemu_client_create(dev, HDAEMU_DIR_RENDER, &retry));
	EXPECT_CLIENT(0, init_event(retry, duration, f));
	EXPECT_CLIENT(0, hdaemu_client_get_buffer_size(retry, &frames));
	EXPECT_EQ(aligned, frames);
	hdaemu_client_release(retry);
}

TEST_F(client, not_aligned_retry)
{
	struct hdaemu_stream_format f441 = fmt_48k;

	/* 3 ms = 144 frames = 576 bytes: the next multiple of 128 is 160 frames. */
	alignment_round_trip(_metadata, &self->dev, &fmt_48k, 3 * MS, 160);
	/* 44.1 kHz, 10 ms = 441 frames = 1764 bytes: next is 1792, 448 frames. */
	f441.sample_rate = 44100;
	alignment_round_trip(_metadata, &self->dev, &f441, 10 * MS, 448);
	/* An aligned one is taken as it is. */
	EXPECT_CLIENT(0, init_event(self->render, 10 * MS, &fmt_48k));
}

TEST_F(client, device_in_use)
{
	struct hdaemu_dev other;
	struct hdaemu_client *again;
	uint32_t first = 0;
	int n = 0;

	/* Another file takes every render engine (or every render tag). */
	ASSERT_EQ(0, hdaemu_dev_open(&other, NULL));
	for (;;) {
		struct hdaemu_engine_alloc a = { .direction = HDAEMU_DIR_RENDER, .format = fmt_48k };
		int ret = hdaemu_alloc_engine(other.fd, &a);

		if (ret == -ENOSPC)
			break;
		ASSERT_EQ(0, ret);
		if (!n++)
			first = a.handle;
	}
	ASSERT_LT(0, n);
	EXPECT_CLIENT(-HDAEMU_E_DEVICE_IN_USE, init_event(self->render, 10 * MS, &fmt_48k));
	/* One engine given back: a new client gets it. */
	ASSERT_EQ(0, hdaemu_free_engine(other.fd, first));
	ASSERT_EQ(0, hdaemu_client_create(&self->dev, HDAEMU_DIR_RENDER, &again));
	EXPECT_CLIENT(0, init_event(again, 10 * MS, &fmt_48k));
	hdaemu_client_release(again);
	hdaemu_dev_close(&other);
}

TEST_F(client, device_invalidated)
{
	struct hdaemu_fault f = { .target = HDAEMU_FAULT_CONTROLLER };
	uint32_t frames;
	int ctl;

	if (geteuid() != 0)
		SKIP(return, "a removal is injected with CAP_SYS_ADMIN");
	ASSERT_EQ(0, init_event(self->render, 10 * MS, &fmt_48k));
	ASSERT_EQ(0, hdaemu_client_set_event_handle(self->render, self->efd));
	ASSERT_EQ(0, hdaemu_client_start(self->render));
	/* Another file injects the removal, as a test harness would. */
	ctl = open("/dev/hdaemu", O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, ctl);
	f.type = HDAEMU_FAULT_REMOVE;
	ASSERT_EQ(0, ioctl(ctl, HDAEMU_IOC_SET_FAULT, &f));
	EXPECT_CLIENT(-HDAEMU_E_DEVICE_INVALIDATED,
		      hdaemu_client_get_current_padding(self->render, &frames));
	EXPECT_CLIENT(-HDAEMU_E_DEVICE_INVALIDATED, hdaemu_client_stop(self->render));
	EXPECT_STREQ("AUDCLNT_E_DEVICE_INVALIDATED",
		     hdaemu_error_reference(-HDAEMU_E_DEVICE_INVALIDATED));
	f.type = HDAEMU_FAULT_RETURN;
	EXPECT_EQ(0, ioctl(ctl, HDAEMU_IOC_SET_FAULT, &f));
	close(ctl);
}

TEST_F(client, event_handle_rules)
{
	int fds[2];

	ASSERT_EQ(0, init_push(self->render, 0, 0, &fmt_48k));
	EXPECT_CLIENT(-HDAEMU_E_EVENTHANDLE_NOT_EXPECTED,
		      hdaemu_client_set_event_handle(self->render, self->efd));

	ASSERT_EQ(0, init_event(self->capture, 10 * MS, &fmt_48k));
	EXPECT_CLIENT(-HDAEMU_E_INVALIDARG, hdaemu_client_set_event_handle(self->capture, -1));
	ASSERT_EQ(0, pipe(fds));
	EXPECT_CLIENT(-HDAEMU_E_INVALIDARG, hdaemu_client_set_event_handle(self->capture, fds[0]));
	close(fds[0]);
	close(fds[1]);
	/* A number that is no open descriptor now. */
	EXPECT_CLIENT(-HDAEMU_E_INVALIDARG, hdaemu_client_set_event_handle(self->capture, fds[1]));
	EXPECT_CLIENT(0, hdaemu_client_set_event_handle(self->capture, self->efd));
	EXPECT_CLIENT(0, hdaemu_client_set_event_handle(self->capture, self->efd));
}

TEST_F(client, start_rules)
{
	ASSERT_EQ(0, init_event(self->render, 10 * MS, &fmt_48k));
	EXPECT_CLIENT(-HDAEMU_E_EVENTHANDLE_NOT_SET, hdaemu_client_start(self->render));
	ASSERT_EQ(0, hdaemu_client_set_event_handle(self->render, self->efd));
	EXPECT_CLIENT(0, hdaemu_client_start(self->render));
	EXPECT_CLIENT(-HDAEMU_E_NOT_STOPPED, hdaemu_client_start(self->render));
	EXPECT_CLIENT(-HDAEMU_E_NOT_STOPPED, hdaemu_client_reset(self->render));
	EXPECT_CLIENT(0, hdaemu_client_stop(self->render));
	EXPECT_CLIENT(0, hdaemu_client_stop(self->render));	/* S_FALSE: already */
	EXPECT_CLIENT(0, hdaemu_client_reset(self->render));
	/* Push mode needs no event handle. */
	ASSERT_EQ(0, init_push(self->capture, 0, 0, &fmt_48k));
	EXPECT_CLIENT(0, hdaemu_client_start(self->capture));
}

TEST_F(client, buffer_call_rules)
{
	const void *cdata;
	uint32_t frames, flags;
	void *data;

	ASSERT_EQ(0, init_event(self->render, 10 * MS, &fmt_48k));
	EXPECT_CLIENT(-HDAEMU_E_BUFFER_SIZE_ERROR, hdaemu_render_get_buffer(self->render, 479, &data));
	EXPECT_CLIENT(-HDAEMU_E_OUT_OF_ORDER, hdaemu_render_release_buffer(self->render, 0, 0));
	EXPECT_CLIENT(0, hdaemu_render_get_buffer(self->render, 480, &data));
	EXPECT_CLIENT(-HDAEMU_E_OUT_OF_ORDER, hdaemu_render_get_buffer(self->render, 480, &data));
	EXPECT_CLIENT(-HDAEMU_E_INVALID_SIZE, hdaemu_render_release_buffer(self->render, 481, 0));
	EXPECT_CLIENT(-HDAEMU_E_INVALIDARG, hdaemu_render_release_buffer(self->render, 480, 4));
	EXPECT_CLIENT(0, hdaemu_render_release_buffer(self->render, 480,
						      HDAEMU_BUFFERFLAGS_SILENT));
	EXPECT_CLIENT(0, hdaemu_render_get_buffer(self->render, 480, &data));
	EXPECT_CLIENT(0, hdaemu_render_release_buffer(self->render, 480, 0));
	/* Both buffers filled before Start: none is free. */
	EXPECT_CLIENT(-HDAEMU_E_BUFFER_TOO_LARGE,
		      hdaemu_render_get_buffer(self->render, 480, &data));
	EXPECT_CLIENT(-HDAEMU_E_WRONG_ENDPOINT_TYPE,
		      hdaemu_capture_get_buffer(self->render, &cdata, &frames, &flags, NULL, NULL));

	ASSERT_EQ(0, init_event(self->capture, 10 * MS, &fmt_48k));
	EXPECT_CLIENT(HDAEMU_S_BUFFER_EMPTY,
		      hdaemu_capture_get_buffer(self->capture, &cdata, &frames, &flags, NULL,
						NULL));
	EXPECT_EQ(0u, frames);
	EXPECT_CLIENT(-HDAEMU_E_OUT_OF_ORDER, hdaemu_capture_release_buffer(self->capture, 0));
	EXPECT_CLIENT(-HDAEMU_E_WRONG_ENDPOINT_TYPE,
		      hdaemu_render_get_buffer(self->capture, 480, &data));
}

/* Wait for an eventfd; its count, or 0 after @ms. */
static uint64_t wait_event(int efd, int ms)
{
	struct pollfd p = { .fd = efd, .events = POLLIN };
	uint64_t n = 0;

	if (poll(&p, 1, ms) == 1 && read(efd, &n, sizeof(n)) != sizeof(n))
		n = 0;
	return n;
}

TEST_F(client, render_loop)
{
	struct hdaemu_client *c = self->render;
	struct hdaemu_client_counters cnt;
	struct hdaemu_client_engine e;
	struct hdaemu_position pos;
	uint64_t events = 0, deadline, written = 0;
	uint32_t frames, padding, i;
	const uint8_t *view;
	void *data;

	ASSERT_EQ(0, init_event(c, 10 * MS, &fmt_48k));
	ASSERT_EQ(0, hdaemu_client_set_event_handle(c, self->efd));
	ASSERT_EQ(0, hdaemu_client_get_buffer_size(c, &frames));
	ASSERT_EQ(0, hdaemu_client_get_engine(c, &e));
	/* A second, read-only view of the engine's buffer. */
	view = mmap(NULL, e.buffer_bytes, PROT_READ, MAP_SHARED, self->dev.fd,
		    HDAEMU_MMAP_BUFFER(e.position_slot));
	ASSERT_NE(MAP_FAILED, view);

	ASSERT_EQ(0, hdaemu_render_get_buffer(c, frames, &data));
	memset(data, 1, frames * 4);
	ASSERT_EQ(0, hdaemu_render_release_buffer(c, frames, 0));
	written++;
	ASSERT_EQ(0, hdaemu_client_start(c));
	deadline = hdaemu_now_ns() + 500 * MS;
	while (hdaemu_now_ns() < deadline) {
		uint64_t n = wait_event(self->efd, 2000);

		ASSERT_LT(0, n);
		events += n;
		ASSERT_EQ(0, hdaemu_render_get_buffer(c, frames, &data));
		memset(data, (int)(written % 200) + 1, frames * 4);
		ASSERT_EQ(0, hdaemu_render_release_buffer(c, frames, 0));
		written++;
		ASSERT_EQ(0, hdaemu_client_get_current_padding(c, &padding));
		EXPECT_LE(padding, 2 * frames);
	}
	ASSERT_EQ(0, hdaemu_client_stop(c));
	ASSERT_EQ(0, hdaemu_client_get_counters(c, &cnt));
	ASSERT_EQ(0, hdaemu_get_position(self->dev.fd, e.handle, &pos));
	events += wait_event(self->efd, 0);
	/* Every IOC reached the event; Start added its own one. */
	EXPECT_EQ(pos.ioc_count, events - cnt.start_events);
	/* A Stop may cancel the IOC of a boundary just passed. */
	EXPECT_GE(1ull, pos.bytes / e.period_bytes - pos.ioc_count);
	EXPECT_EQ(written, cnt.packets);
	/*
	 * The last buffer written is in the engine's buffer, one ahead of it,
	 * unless the client had to skip a period it woke too late for (a
	 * glitch, counted), which moves where later buffers go.
	 */
	if (cnt.glitches) {
		TH_LOG("%llu glitches on a loaded host: buffer placement not checked",
		       (unsigned long long)cnt.glitches);
	} else {
		for (i = 0; i < frames * 4; i++)
			if (view[((written - 1) * e.period_bytes + i) % e.buffer_bytes] !=
			    (uint8_t)((written - 1) % 200 + 1))
				break;
		EXPECT_EQ(frames * 4, i);
	}
	munmap((void *)view, e.buffer_bytes);
}

TEST_F(client, render_writes_behind_position)
{
	struct hdaemu_client *c = self->render;
	struct hdaemu_client_counters cnt;
	struct hdaemu_client_engine e;
	uint64_t deadline, start;
	uint32_t frames;
	void *data;
	int rounds = 0;

	ASSERT_EQ(0, init_event(c, 10 * MS, &fmt_48k));
	ASSERT_EQ(0, hdaemu_client_set_event_handle(c, self->efd));
	ASSERT_EQ(0, hdaemu_client_get_buffer_size(c, &frames));
	ASSERT_EQ(0, hdaemu_client_get_engine(c, &e));
	ASSERT_EQ(0, hdaemu_render_get_buffer(c, frames, &data));
	start = (uint64_t)data;
	ASSERT_EQ(0, hdaemu_render_release_buffer(c, frames, HDAEMU_BUFFERFLAGS_SILENT));
	ASSERT_EQ(0, hdaemu_client_start(c));
	deadline = hdaemu_now_ns() + 300 * MS;
	while (hdaemu_now_ns() < deadline) {
		uint64_t bytes, off, half_written, half_playing;
		uint32_t lpib;

		ASSERT_LT(0, wait_event(self->efd, 2000));
		ASSERT_EQ(0, hdaemu_render_get_buffer(c, frames, &data));
		hdaemu_link_position(&self->dev, e.position_slot, &lpib, &bytes, NULL);
		ASSERT_EQ(0, hdaemu_client_get_counters(c, &cnt));
		off = (uint64_t)data - start;
		half_written = off / e.period_bytes;
		half_playing = lpib / e.period_bytes;
		/* The buffer handed out is never the one the engine plays. */
		if (!cnt.glitches)
			EXPECT_NE(half_playing, half_written);
		ASSERT_EQ(0, hdaemu_render_release_buffer(c, frames, HDAEMU_BUFFERFLAGS_SILENT));
		rounds++;
	}
	EXPECT_LT(0, rounds);
}

TEST_F(client, capture_loop)
{
	struct hdaemu_client *c = self->capture;
	struct hdaemu_client_engine e;
	struct hdaemu_position pos;
	uint64_t events = 0, deadline, expect_pos = 0, last_ts = 0, packets = 0, lost = 0;
	uint32_t frames;

	ASSERT_EQ(0, init_event(c, 10 * MS, &fmt_48k));
	ASSERT_EQ(0, hdaemu_client_set_event_handle(c, self->efd));
	ASSERT_EQ(0, hdaemu_client_get_buffer_size(c, &frames));
	ASSERT_EQ(0, hdaemu_client_get_engine(c, &e));
	ASSERT_EQ(0, hdaemu_client_start(c));
	deadline = hdaemu_now_ns() + 500 * MS;
	while (hdaemu_now_ns() < deadline) {
		uint32_t next;

		events += wait_event(self->efd, 2000);
		for (;;) {
			uint64_t devpos, ts;
			uint32_t got, flags;
			const void *data;

			ASSERT_EQ(0, hdaemu_capture_get_next_packet_size(c, &next));
			if (!next)
				break;
			EXPECT_EQ(frames, next);
			ASSERT_EQ(0, hdaemu_capture_get_buffer(c, &data, &got, &flags, &devpos, &ts));
			ASSERT_EQ(frames, got);
			if (flags & HDAEMU_BUFFERFLAGS_DATA_DISCONTINUITY) {
				lost++;
			} else {
				/* Packets follow each other, and so do their instants. */
				EXPECT_EQ(expect_pos, devpos);
				if (last_ts)
					EXPECT_EQ(hdaemu_frames_to_ns(frames, 48000) / 1000,
						  (int64_t)(ts - last_ts) / 1000);
			}
			expect_pos = devpos + got;
			last_ts = ts;
			packets++;
			ASSERT_EQ(0, hdaemu_capture_release_buffer(c, got));
		}
	}
	ASSERT_EQ(0, hdaemu_client_stop(c));
	ASSERT_EQ(0, hdaemu_get_position(self->dev.fd, e.handle, &pos));
	events += wait_event(self->efd, 0);
	EXPECT_EQ(pos.ioc_count, events);
	EXPECT_LT(0, packets);
	/* Every packet the engine completed was taken (or counted lost). */
	EXPECT_GE(pos.bytes / e.period_bytes, expect_pos / frames);
	TH_LOG("%llu packets, %llu discontinuities", (unsigned long long)packets,
	       (unsigned long long)lost);
}

TEST_F(client, clock)
{
	struct hdaemu_client *c = self->render;
	struct hdaemu_client_engine e;
	struct hdaemu_position pos;
	uint64_t hz, p1, p2, t1, t2;
	uint32_t wall;

	ASSERT_EQ(0, init_push(c, 0, 0, &fmt_48k));
	ASSERT_EQ(0, hdaemu_clock_get_frequency(c, &hz));
	EXPECT_EQ(192000u, hz);
	ASSERT_EQ(0, hdaemu_client_get_engine(c, &e));
	ASSERT_EQ(0, hdaemu_client_start(c));
	usleep(20000);
	ASSERT_EQ(0, hdaemu_clock_get_position(c, &p1, &t1));
	ASSERT_EQ(0, hdaemu_get_position(self->dev.fd, e.handle, &pos));
	ASSERT_EQ(0, hdaemu_clock_get_position(c, &p2, &t2));
	/* The page and the ioctl agree: the ioctl's value lies between. */
	EXPECT_LE(p1, pos.bytes);
	EXPECT_LE(pos.bytes, p2);
	EXPECT_LE(t1, pos.timestamp_ns);
	EXPECT_EQ(0u, p1 % 4);
	ASSERT_EQ(0, hdaemu_clock_get_wallclock(c, &wall));
	EXPECT_EQ(pos.wallclock, hdaemu_wallclock_at(&self->dev, pos.timestamp_ns));
	ASSERT_EQ(0, hdaemu_client_stop(c));
	ASSERT_EQ(0, hdaemu_client_reset(c));
	ASSERT_EQ(0, hdaemu_clock_get_position(c, &p1, NULL));
	EXPECT_EQ(0u, p1);
}

/* A clock fault on one engine (CAP_SYS_ADMIN). */
static int clock_fault(int fd, __u32 type, __u32 engine, __s32 ppm, __u32 mode, __u32 step_us)
{
	struct hdaemu_fault f = {
		.type = type, .target = engine, .drift_ppm = ppm, .position_mode = mode,
		.step_us = step_us,
	};

	return hdaemu_set_fault(fd, &f);
}

/*
 * The library's position against GET_POSITION's, read between two library
 * reads: the ioctl's value must lie between them, @reads times over about
 * @reads * 5 ms. Returns the last library position.
 */
static uint64_t clock_brackets_ioctl(struct __test_metadata *_metadata, struct hdaemu_client *c,
				     int fd, uint32_t handle, unsigned int reads, uint64_t step)
{
	struct hdaemu_position pos;
	uint64_t p1 = 0, p2 = 0, t1, t2;
	unsigned int i, bad = 0;

	for (i = 0; i < reads; i++) {
		EXPECT_EQ(0, hdaemu_clock_get_position(c, &p1, &t1));
		EXPECT_EQ(0, hdaemu_get_position(fd, handle, &pos));
		EXPECT_EQ(0, hdaemu_clock_get_position(c, &p2, &t2));
		if (p1 > pos.bytes || pos.bytes > p2 || p1 % step || p2 % step) {
			bad++;
			TH_LOG("read %u: library %llu, ioctl %llu, library %llu (step %llu)", i,
			       (unsigned long long)p1, (unsigned long long)pos.bytes,
			       (unsigned long long)p2, (unsigned long long)step);
		}
		EXPECT_LE(t1, t2);
		usleep(5000);
	}
	EXPECT_EQ(0u, bad);
	return p2;
}

/*
 * A drifting stream clock (+5000 ppm on the client's engine): the position
 * page's slot carries the drift, the library's position (no system call)
 * follows it and agrees with GET_POSITION, and runs 0.5 % fast.
 */
TEST_F(client, clock_follows_drift)
{
	struct hdaemu_client *c = self->render;
	struct hdaemu_position_slot slot;
	struct hdaemu_client_engine e;
	struct hdaemu_position pos;
	uint64_t pa, pb, ta, tb, nominal;

	if (geteuid() != 0)
		SKIP(return, "fault injection needs CAP_SYS_ADMIN");
	ASSERT_EQ(0, init_push(c, 0, 0, &fmt_48k));
	ASSERT_EQ(0, hdaemu_client_get_engine(c, &e));
	ASSERT_EQ(0, hdaemu_client_start(c));
	self->faults = 1;
	ASSERT_EQ(0, clock_fault(self->dev.fd, HDAEMU_FAULT_DRIFT, e.engine_index, 5000, 0, 0));
	ASSERT_EQ(0, hdaemu_read_slot(&self->dev, e.position_slot, &slot));
	EXPECT_EQ(5000, slot.drift_ppm);
	EXPECT_EQ(0u, slot.flags & HDAEMU_SLOT_SHAPED);

	/* The ioctl's position at its own instant is the slot formula's, exactly. */
	ASSERT_EQ(0, hdaemu_get_position(self->dev.fd, e.handle, &pos));
	EXPECT_EQ(pos.bytes, hdaemu_slot_bytes_at(&slot, pos.timestamp_ns));
	clock_brackets_ioctl(_metadata, c, self->dev.fd, e.handle, 40, 4);

	/* 0.5 % fast: 300 ms of CLOCK_MONOTONIC carry 72 frames more than nominal. */
	ASSERT_EQ(0, hdaemu_clock_get_position(c, &pa, &ta));
	usleep(300000);
	ASSERT_EQ(0, hdaemu_clock_get_position(c, &pb, &tb));
	nominal = (tb - ta) * 48000 / 1000000000ull;
	EXPECT_GE((pb - pa) / 4, nominal + 60);
	EXPECT_LE((pb - pa) / 4, nominal + 85);
	TH_LOG("%llu frames in %llu ns, nominal %llu", (unsigned long long)((pb - pa) / 4),
	       (unsigned long long)(tb - ta), (unsigned long long)nominal);

	/* Off again: the slot says so, and the positions still agree. */
	ASSERT_EQ(0, clock_fault(self->dev.fd, HDAEMU_FAULT_DRIFT, e.engine_index, 0, 0, 0));
	ASSERT_EQ(0, hdaemu_read_slot(&self->dev, e.position_slot, &slot));
	EXPECT_EQ(0, slot.drift_ppm);
	clock_brackets_ioctl(_metadata, c, self->dev.fd, e.handle, 10, 4);
	ASSERT_EQ(0, hdaemu_client_stop(c));
}

/*
 * A stepped position (STEPS of 10 ms, as QEMU's HDA moves): the slot is
 * SHAPED, the zero-syscall read refuses (-EAGAIN), and the library's clock
 * falls back to GET_POSITION: whole steps, agreeing with the ioctl. BURSTS
 * round up. Back to smooth, the page serves the position again.
 */
TEST_F(client, clock_follows_position_steps)
{
	const uint64_t step = 480 * 4;	/* 10 ms at 48 kHz, 16-bit stereo */
	struct hdaemu_client *c = self->render;
	struct hdaemu_position_slot slot;
	struct hdaemu_client_engine e;
	uint64_t bytes, p, exact, t;
	uint32_t lpib;

	if (geteuid() != 0)
		SKIP(return, "fault injection needs CAP_SYS_ADMIN");
	ASSERT_EQ(0, init_push(c, 0, 0, &fmt_48k));
	ASSERT_EQ(0, hdaemu_client_get_engine(c, &e));
	ASSERT_EQ(0, hdaemu_client_start(c));
	self->faults = 1;
	ASSERT_EQ(0, clock_fault(self->dev.fd, HDAEMU_FAULT_GRANULARITY, e.engine_index, 0,
				 HDAEMU_POSITION_STEPS, 10000));
	ASSERT_EQ(0, hdaemu_read_slot(&self->dev, e.position_slot, &slot));
	EXPECT_NE(0u, slot.flags & HDAEMU_SLOT_SHAPED);
	EXPECT_EQ(-EAGAIN, hdaemu_link_position(&self->dev, e.position_slot, &lpib, &bytes, NULL));
	/* The bus layer's fallback: a whole step, the link position within the buffer. */
	ASSERT_EQ(0, hdaemu_engine_position(&self->dev, e.handle, e.position_slot, &lpib, &bytes,
					    NULL));
	EXPECT_EQ(0u, bytes % step);
	EXPECT_EQ(bytes % e.buffer_bytes, lpib);
	p = clock_brackets_ioctl(_metadata, c, self->dev.fd, e.handle, 40, step);
	EXPECT_LT(0u, p);

	/* BURSTS: rounded up, so never behind the exact formula. */
	ASSERT_EQ(0, clock_fault(self->dev.fd, HDAEMU_FAULT_GRANULARITY, e.engine_index, 0,
				 HDAEMU_POSITION_BURSTS, 10000));
	ASSERT_EQ(0, hdaemu_read_slot(&self->dev, e.position_slot, &slot));
	ASSERT_EQ(0, hdaemu_clock_get_position(c, &p, &t));
	exact = hdaemu_slot_bytes_at(&slot, t);
	EXPECT_EQ(0u, p % step);
	EXPECT_GE(p, exact);
	EXPECT_LT(p, exact + step);
	clock_brackets_ioctl(_metadata, c, self->dev.fd, e.handle, 10, step);

	/* Smooth again: no longer shaped, the page answers. */
	ASSERT_EQ(0, clock_fault(self->dev.fd, HDAEMU_FAULT_GRANULARITY, e.engine_index, 0,
				 HDAEMU_POSITION_SMOOTH, 0));
	ASSERT_EQ(0, hdaemu_read_slot(&self->dev, e.position_slot, &slot));
	EXPECT_EQ(0u, slot.flags & HDAEMU_SLOT_SHAPED);
	EXPECT_EQ(0, hdaemu_link_position(&self->dev, e.position_slot, &lpib, &bytes, NULL));
	clock_brackets_ioctl(_metadata, c, self->dev.fd, e.handle, 10, 4);
	ASSERT_EQ(0, hdaemu_client_stop(c));
}

TEST_F(client, start_together)
{
	struct hdaemu_client *both[2] = { self->render, self->capture };
	struct hdaemu_client_engine er, ec;
	struct hdaemu_position pr, pc;
	uint64_t ts;

	ASSERT_EQ(0, init_push(self->render, 0, 0, &fmt_48k));
	ASSERT_EQ(0, init_push(self->capture, 0, 0, &fmt_48k));
	ASSERT_EQ(0, hdaemu_client_start_together(both, 2, &ts));
	ASSERT_EQ(0, hdaemu_client_stop(self->render));
	ASSERT_EQ(0, hdaemu_client_stop(self->capture));
	ASSERT_EQ(0, hdaemu_client_get_engine(self->render, &er));
	ASSERT_EQ(0, hdaemu_client_get_engine(self->capture, &ec));
	ASSERT_EQ(0, hdaemu_get_position(self->dev.fd, er.handle, &pr));
	ASSERT_EQ(0, hdaemu_get_position(self->dev.fd, ec.handle, &pc));
	/* One anchor: the one stopped later moved at least as far. */
	EXPECT_LE(pr.bytes, pc.bytes);
	EXPECT_LT(0u, ts);
}

TEST_F(client, error_texts)
{
	int e;

	for (e = HDAEMU_E_BASE; e < HDAEMU_E_END; e++) {
		EXPECT_EQ(0, strncmp("HDAEMU_E_", hdaemu_error_name(-e), 9));
		EXPECT_LT(10u, strlen(hdaemu_strerror(-e)));
	}
	EXPECT_STREQ("AUDCLNT_E_BUFFER_SIZE_NOT_ALIGNED",
		     hdaemu_error_reference(-HDAEMU_E_BUFFER_SIZE_NOT_ALIGNED));
	EXPECT_STREQ("E_OUTOFMEMORY", hdaemu_error_reference(-ENOMEM));
}

TEST_HARNESS_MAIN
