// SPDX-License-Identifier: GPL-2.0
/*
 * hdaemu-ctl demo - what a WASAPI-style event-driven client sees: a render
 * and a capture stream at 48 kHz, 16-bit stereo, with 10 ms periods, as
 * libhdaemu's exclusive event-mode clients, started together and served
 * from their eventfds. The summary checks the IOCs seen against the
 * engine's count and the link position the timing model gives.
 */
#include <stdio.h>
#include <string.h>

#include "ctl.h"
#include "session.h"

static void demo_usage(FILE *out)
{
	fprintf(out, "usage: hdaemu-ctl demo [--seconds N] [--json]\n"
		     "  a render and a capture stream at 48 kHz, 16-bit stereo, 10 ms periods;\n"
		     "  exit 0 only if every IOC arrived and agrees with the link position\n");
}

int cmd_demo(int argc, char **argv)
{
	struct ctl_stream st[2] = {
		{ .name = "render", .direction = HDAEMU_DIR_RENDER, .efd = -1 },
		{ .name = "capture", .direction = HDAEMU_DIR_CAPTURE, .efd = -1 },
	};
	struct session_opts o;
	struct hdaemu_dev dev;
	int healthy, i, ret;

	session_opts_default(&o);
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			demo_usage(stdout);
			return 0;
		}
		/* The demo's format and period are fixed: only --seconds, --json. */
		if ((strcmp(argv[i], "--seconds") && strcmp(argv[i], "--json")) ||
		    session_opt(&o, argc, argv, &i) != 1) {
			demo_usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (ctl_open_dev(&dev))
		return EXIT_DEVICE;
	for (i = 0, ret = 0; i < 2 && !ret; i++) {
		ret = session_setup(&dev, &st[i], &o.fmt, o.period_ns);
		if (!ret && !o.json)
			printf("%-8s engine %u, stream tag %u, format 0x%04x, buffer %llu bytes, "
			       "period %llu bytes\n", st[i].name, st[i].engine.engine_index,
			       st[i].engine.stream_tag, st[i].engine.converter_format,
			       (unsigned long long)st[i].engine.buffer_bytes,
			       (unsigned long long)st[i].engine.period_bytes);
	}
	if (!ret)
		ret = session_run(&dev, st, 2, o.seconds, !o.json);
	healthy = !ret && session_summary(&dev, st, 2, o.json);
	session_teardown(st, 2);
	hdaemu_dev_close(&dev);
	if (ret)
		return ret;
	if (!o.json)
		printf("%s\n", healthy ? "healthy: every IOC arrived and agrees with the link position"
				       : "UNHEALTHY: IOCs and positions disagree");
	return healthy ? 0 : EXIT_CHECK;
}
