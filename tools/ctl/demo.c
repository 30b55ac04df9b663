// SPDX-License-Identifier: GPL-2.0
/*
 * hdaemu-ctl demo - what a WASAPI-style event-driven client sees: a render
 * and a capture stream at 48 kHz, 16-bit stereo, with 10 ms periods, as
 * libhdaemu's exclusive event-mode clients, started together and served
 * from their eventfds, each routed through codec 0 as a function driver
 * routes it. Halfway, one injected fault: the render engine's DMA stalls
 * for 50 ms (root only). The summary checks the IOCs seen against the
 * engine's count and the link position the timing model gives, shows what
 * each data path moved, and explains what the stall did.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "ctl.h"
#include "session.h"

#define DEMO_STALL_NS	50000000ull

struct demo_fault {
	int print;
	int tried, ret;
	uint64_t at_ns;
};

static void demo_usage(FILE *out)
{
	fprintf(out, "usage: hdaemu-ctl demo [--seconds N] [--json] [--no-fault]\n"
		     "  a render and a capture stream at 48 kHz, 16-bit stereo, 10 ms periods,\n"
		     "  routed through the first codec; halfway the render DMA stalls for\n"
		     "  50 ms (an injected fault: root; --no-fault skips it). Exit 0 only if\n"
		     "  every IOC arrived and agrees with the link position, and the stall\n"
		     "  was reported as an XRUN\n");
}

/* Halfway: stall the render engine's DMA, as a FIFO error would. */
static int demo_stall(void *ctx, struct hdaemu_dev *dev, struct ctl_stream *st,
		      uint64_t start_ns)
{
	struct hdaemu_fault f = {
		.type = HDAEMU_FAULT_STALL,
		.target = st[0].engine.engine_index,
		.stall_ns = DEMO_STALL_NS,
	};
	struct demo_fault *df = ctx;

	df->tried = 1;
	df->at_ns = hdaemu_now_ns() - start_ns;
	df->ret = hdaemu_set_fault(dev->fd, &f);
	if (!df->print)
		return 0;
	if (!df->ret)
		printf("fault    at %.2f s: render engine %u's DMA stalls for %llu ms\n",
		       df->at_ns / 1e9, f.target, DEMO_STALL_NS / 1000000);
	else
		printf("fault    skipped: %s%s\n", strerror(-df->ret),
		       df->ret == -EPERM ? " (a DMA stall needs CAP_SYS_ADMIN: run as root)" : "");
	fflush(stdout);
	return 0;
}

int cmd_demo(int argc, char **argv)
{
	/* Underruns (a late client) show in the summary; the stall is printed. */
	struct ctl_stream st[2] = {
		{ .name = "render", .direction = HDAEMU_DIR_RENDER, .efd = -1,
		  .quiet_underruns = 1 },
		{ .name = "capture", .direction = HDAEMU_DIR_CAPTURE, .efd = -1 },
	};
	struct demo_fault df = { 0 };
	struct session_action act = { .run = demo_stall, .ctx = &df };
	struct hdaemu_device_info di;
	struct session_opts o;
	struct hdaemu_dev dev;
	int healthy, fault = 1, stall_seen = 1, i, ret;
	long long behind = 0;
	char extra[256] = "";

	session_opts_default(&o);
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			demo_usage(stdout);
			return 0;
		}
		if (!strcmp(argv[i], "--no-fault")) {
			fault = 0;
			continue;
		}
		/* The demo's format and period are fixed: only --seconds, --json. */
		if ((strcmp(argv[i], "--seconds") && strcmp(argv[i], "--json")) ||
		    session_opt(&o, argc, argv, &i) != 1) {
			demo_usage(stderr);
			return EXIT_USAGE;
		}
	}
	df.print = !o.json;
	act.at_ns = (uint64_t)(o.seconds * 1e9 / 2);
	if (ctl_open_dev(&dev))
		return EXIT_DEVICE;
	for (i = 0, ret = 0; i < 2 && !ret; i++) {
		char where[96] = "no codec path";

		ret = session_setup(&dev, &st[i], &o.fmt, o.period_ns);
		if (ret)
			break;
		/* Route through the client's codec; without one the data goes nowhere. */
		if (!hdaemu_get_device_info(dev.fd, &di) && dev.info.codec_mask &&
		    !session_route(&dev, &st[i], di.codec_address, -1))
			route_describe(&st[i].route, where, sizeof(where));
		if (!o.json)
			printf("%-8s engine %u, stream tag %u, format 0x%04x, buffer %llu bytes, "
			       "period %llu bytes; %s\n", st[i].name, st[i].engine.engine_index,
			       st[i].engine.stream_tag, st[i].engine.converter_format,
			       (unsigned long long)st[i].engine.buffer_bytes,
			       (unsigned long long)st[i].engine.period_bytes, where);
	}
	if (!ret)
		ret = session_run(&dev, st, 2, o.seconds, !o.json, fault ? &act : NULL);
	if (!ret && df.tried && !df.ret) {
		struct hdaemu_position pr, pc;

		/* Started together: what the render engine lacks is the stall. */
		if (!hdaemu_get_position(dev.fd, st[0].engine.handle, &pr) &&
		    !hdaemu_get_position(dev.fd, st[1].engine.handle, &pc))
			behind = (long long)pc.bytes - (long long)pr.bytes;
		stall_seen = st[0].stall_xruns > 0;
		snprintf(extra, sizeof(extra), ", \"fault\": {\"type\": \"stall\", \"engine\": %u, "
			 "\"stall_ns\": %llu, \"at_ns\": %llu, \"xruns\": %llu, "
			 "\"render_behind_bytes\": %lld}", st[0].engine.engine_index,
			 DEMO_STALL_NS, (unsigned long long)df.at_ns,
			 (unsigned long long)st[0].stall_xruns, behind);
	}
	healthy = !ret && session_summary(&dev, st, 2, o.json, extra[0] ? extra : NULL);
	session_teardown(&dev, st, 2);
	hdaemu_dev_close(&dev);
	if (ret)
		return ret;
	if (!o.json && df.tried && !df.ret)
		printf("\nstall: render's DMA stopped %llu ms at %.2f s (XRUN: FIFO error); its "
		       "position held and ends %.1f ms behind capture's, its IOCs paused with it\n",
		       DEMO_STALL_NS / 1000000, df.at_ns / 1e9,
		       behind * 1e3 / ((double)o.fmt.sample_rate * hdaemu_frame_bytes(&o.fmt)));
	if (!stall_seen && !o.json)
		printf("UNHEALTHY: the stall raised no XRUN record\n");
	else if (!o.json)
		printf("%s\n", healthy ? "healthy: every IOC arrived and agrees with the link position"
				       : "UNHEALTHY: IOCs and positions disagree");
	return healthy && stall_seen ? 0 : EXIT_CHECK;
}
