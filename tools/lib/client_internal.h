/* SPDX-License-Identifier: GPL-2.0 */
/* libhdaemu client layer: the client object, shared by its source files. */
#ifndef LIBHDAEMU_CLIENT_INTERNAL_H
#define LIBHDAEMU_CLIENT_INTERNAL_H

#include "hdaemu_client.h"

struct hdaemu_client {
	struct hdaemu_dev *dev;
	unsigned int direction;
	uint32_t codec_address;		/* capture: the codec the data comes from */

	int init_called;		/* Initialize is allowed once */
	int initialized;
	int invalidated;		/* the device reported an emulated removal */
	uint32_t aligned_frames;	/* after BUFFER_SIZE_NOT_ALIGNED */

	int event_mode;
	int eventfd;			/* -1 until SetEventHandle */
	int running;
	struct hdaemu_stream_format format;
	uint32_t frame_bytes;

	struct hdaemu_engine_alloc engine;
	struct hdaemu_buffer_alloc buffer;
	int have_engine, have_buffer;
	void *data;			/* the mapped DMA buffer */
	uint64_t period_bytes;		/* one ping-pong buffer / one packet */
	uint32_t buffer_frames;		/* what GetBufferSize answers */
	int64_t latency_ns;

	/*
	 * Render: bytes written since Reset; capture: bytes released. Compared
	 * with the engine's byte count since Reset, which never wraps.
	 */
	uint64_t cursor;
	int taken;			/* GetBuffer done, ReleaseBuffer due */
	uint32_t taken_frames;
	struct hdaemu_client_counters counters;
};

/* The client's error for a bus errno: ENODEV is the emulated removal. */
int client_bus_error(struct hdaemu_client *c, int err);

/* The engine's bytes since Reset now, from the position page. */
uint64_t client_engine_bytes(struct hdaemu_client *c, uint64_t *now_ns);

/* Common checks of calls that need an initialized, valid client. */
int client_check_ready(struct hdaemu_client *c);

#endif
