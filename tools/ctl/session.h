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
#include "route.h"

struct ctl_stream {
	const char *name;
	unsigned int direction;
	int codec_set;			/* capture: take the data from @codec */
	unsigned int codec;
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
	/* The data path: the codec route programmed, what the engine moved. */
	struct ctl_route route;
	int routed;
	int xrun_events;		/* XRUN records enabled on the engine */
	int quiet_underruns;		/* count underruns, print only stalls */
	uint64_t xruns, stall_xruns;	/* XRUN records read */
	struct hdaemu_data_stats data;
};

/* Something to do once while the streams run, @at_ns after the start. */
struct session_action {
	uint64_t at_ns;
	/* 0 or an exit code; @start_ns is the streams' start instant. */
	int (*run)(void *ctx, struct hdaemu_dev *dev, struct ctl_stream *st, uint64_t start_ns);
	void *ctx;
};

/* Open a client for @s, initialize it in exclusive event mode. 0 or an exit code. */
int session_setup(struct hdaemu_dev *dev, struct ctl_stream *s,
		  const struct hdaemu_stream_format *fmt, int64_t period_ns);
/*
 * Program @s's path through codec @cad as a function driver does, to pin
 * @pin (-1: the first that works), and queue the engine's XRUN events.
 * 0 or an exit code.
 */
int session_route(struct hdaemu_dev *dev, struct ctl_stream *s, unsigned int cad, int pin);
/*
 * Start @n streams together, run @seconds, stop; progress and XRUN records
 * on stdout when @progress; @act (or NULL) runs once on the way.
 */
int session_run(struct hdaemu_dev *dev, struct ctl_stream *st, int n, double seconds,
		int progress, const struct session_action *act);
/*
 * The summary table (or JSON, with @json_extra, if not NULL, before its
 * closing brace), and each stream's data path (GET_DATA_STATS); returns 1
 * when every stream was healthy.
 */
int session_summary(struct hdaemu_dev *dev, struct ctl_stream *st, int n, int json,
		    const char *json_extra);
/* Release the clients and give their converters back. */
void session_teardown(struct hdaemu_dev *dev, struct ctl_stream *st, int n);
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
