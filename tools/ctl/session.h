/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hdaemu-ctl: event-driven stream sessions on libhdaemu's audio client,
 * shared by demo, play and record: set up, run with a progress line,
 * summarize.
 */
#ifndef HDAEMU_CTL_SESSION_H
#define HDAEMU_CTL_SESSION_H

#include <stdio.h>

#include "hdaemu_client.h"

struct ctl_stream {
	const char *name;
	unsigned int direction;
	struct hdaemu_client *client;
	struct hdaemu_client_engine engine;
	int efd;
	uint32_t frames;		/* per buffer (one period) */
	/* Render: fill @frames at @data; capture: take them. 0 or an exit code. */
	int (*fill)(void *ctx, void *data, uint32_t frames);
	int (*take)(void *ctx, const void *data, uint32_t frames);
	void *ctx;
	uint64_t events, wakeups, batched;
	struct hdaemu_position pos;
	struct hdaemu_engine_stats stats;
	struct hdaemu_client_counters counters;
};

/* Open a client for @s, initialize it in exclusive event mode. 0 or an exit code. */
int session_setup(struct hdaemu_dev *dev, struct ctl_stream *s,
		  const struct hdaemu_stream_format *fmt, int64_t period_ns);
/* Start @n streams together, run @seconds, stop; progress on stdout. */
int session_run(struct hdaemu_dev *dev, struct ctl_stream *st, int n, double seconds,
		int progress);
/* The summary table (or JSON); returns 1 when every stream was healthy. */
int session_summary(struct hdaemu_dev *dev, struct ctl_stream *st, int n, int json);
void session_teardown(struct ctl_stream *st, int n);
/* hdaemu_dev_open() with a message on failure; 0 or -errno. */
int ctl_open_dev(struct hdaemu_dev *dev);

/* Common options: --seconds, --rate, --channels, --bits, --period-ms, --json. */
struct session_opts {
	double seconds;
	struct hdaemu_stream_format fmt;
	int64_t period_ns;
	int json;
};
void session_opts_default(struct session_opts *o);
/* 1 if argv[*i] was a common option (consumed, with its value), -1 if bad, 0 if not one. */
int session_opt(struct session_opts *o, int argc, char **argv, int *i);

#endif
