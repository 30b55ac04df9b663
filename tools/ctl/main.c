// SPDX-License-Identifier: GPL-2.0
/*
 * hdaemu-ctl - drive and watch the emulated HD Audio controller.
 *
 *   hdaemu-ctl info [--json]      the controller and the ABI
 *   hdaemu-ctl demo [--seconds N] a render and a capture stream with IOCs
 *   hdaemu-ctl watch ...          follow every client's streams (watch.c)
 *   hdaemu-ctl fault ...          inject faults (fault.c)
 *   hdaemu-ctl codec ...          codec widget trees and verbs (codec.c)
 *   hdaemu-ctl jack ...           plug and unplug jacks (codec.c)
 *   hdaemu-ctl source ...         what an input pin hears (source.c)
 *   hdaemu-ctl play|record ...    one stream (playrec.c)
 *   hdaemu-ctl stats ...          every client's engines (stats.c)
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "ctl.h"

int hdaemu_open(void)
{
	int fd = open(HDAEMU_DEV_PATH, O_RDWR | O_CLOEXEC);

	if (fd < 0)
		fprintf(stderr, "hdaemu-ctl: %s: %s%s\n", HDAEMU_DEV_PATH, strerror(errno),
			errno == ENOENT ? " (is the hdaemu module loaded?)" : "");
	return fd;
}

int cmd_info(int argc, char **argv)
{
	struct hdaemu_info info = { 0 };
	int json = argc > 1 && !strcmp(argv[1], "--json");
	int fd = hdaemu_open();

	if (argc > 1 && !json) {
		fprintf(stderr, "usage: hdaemu-ctl info [--json]\n");
		return EXIT_USAGE;
	}
	if (fd < 0)
		return EXIT_DEVICE;
	if (ioctl(fd, HDAEMU_IOC_GET_INFO, &info)) {
		fprintf(stderr, "hdaemu-ctl: GET_INFO: %s\n", strerror(errno));
		close(fd);
		return EXIT_DEVICE;
	}
	close(fd);
	if (json) {
		printf("{\"abi_version\": %u, \"features\": %llu, \"num_output\": %u, "
		       "\"num_input\": %u, \"num_bidir\": %u, \"gcap\": %u, "
		       "\"version\": \"%u.%u\", \"codec_mask\": %u, \"wallclock_hz\": %u, "
		       "\"max_notifications\": %u, \"min_period_ns\": %u, "
		       "\"max_buffer_bytes\": %u, \"outpay\": %u, \"inpay\": %u}\n",
		       info.abi_version, (unsigned long long)info.features, info.num_output,
		       info.num_input, info.num_bidir, info.gcap, info.version_major,
		       info.version_minor, info.codec_mask, info.wallclock_hz,
		       info.max_notifications, info.min_period_ns, info.max_buffer_bytes,
		       info.outpay, info.inpay);
		return 0;
	}
	printf("hdaemu controller (ABI %u, HDA %u.%u)\n", info.abi_version, info.version_major,
	       info.version_minor);
	printf("  DMA engines     %u output, %u input, %u bidirectional (GCAP 0x%04x)\n",
	       info.num_output, info.num_input, info.num_bidir, info.gcap);
	printf("  codecs          mask 0x%x\n", info.codec_mask);
	printf("  link payload    OUTPAY %u, INPAY %u words per frame\n", info.outpay, info.inpay);
	printf("  wall clock      %u Hz, 32 bits\n", info.wallclock_hz);
	printf("  notifications   %u per engine, IOC period >= %u ns\n", info.max_notifications,
	       info.min_period_ns);
	printf("  buffers         up to %u bytes\n", info.max_buffer_bytes);
	printf("  features        0x%llx\n", (unsigned long long)info.features);
	return 0;
}

static void usage(FILE *out)
{
	fprintf(out,
		"usage: hdaemu-ctl COMMAND [ARGS]\n"
		"\n"
		"commands:\n"
		"  info [--json]        show the emulated controller and the ABI version\n"
		"  demo [--seconds N] [--json] [--no-fault]\n"
		"                       run a render and a capture stream at 48 kHz with\n"
		"                       10 ms IOC periods, stall the render DMA for 50 ms\n"
		"                       halfway (root), then print a summary (default 3 s)\n"
		"  play [OPTIONS] [FILE.wav | --tone HZ]\n"
		"  record [OPTIONS] FILE.wav\n"
		"                       one event-driven stream for N seconds, from a WAV\n"
		"                       file or a tone to an output pin, or from an input\n"
		"                       pin into a WAV file (play --help)\n"
		"  source CODEC PIN [silence | ramp | tone HZ [LEVEL_DB] | loopback OUTPIN]\n"
		"                       print or set what an input pin hears (setting: root)\n"
		"  stats [--json|--all] IOC and data path statistics of every client's\n"
		"                       engines (root)\n"
		"  watch [--seconds N] [--client N] [--no-iocs]\n"
		"                       follow engines, states and IOCs of every client\n"
		"                       live, from the hdaemu tracepoints (root)\n"
		"  fault jitter|drop|stall|drift|position|alloc|remove|return|clear ...\n"
		"                       inject late or lost IOC interrupts, DMA stalls,\n"
		"                       clock drift, a coarse position, failed allocations,\n"
		"                       a surprise removal (CAP_SYS_ADMIN)\n"
		"  codec dump [--json] [--codec CAD]\n"
		"                       the codecs' widget trees, as verbs show them\n"
		"  codec verb CAD NID VERB [PAYLOAD]\n"
		"                       send one verb (hex) and print its response\n"
		"  jack CAD NID plug|unplug\n"
		"                       plug or unplug a jack (needs CAP_SYS_ADMIN)\n"
		"  help                 this text\n"
		"\n"
		"exit status: 0 ok, 1 a check failed, 2 usage, 3 the device failed\n");
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "help") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(argv[1], "info"))
		return cmd_info(argc - 1, argv + 1);
	if (!strcmp(argv[1], "demo"))
		return cmd_demo(argc - 1, argv + 1);
	if (!strcmp(argv[1], "watch"))
		return cmd_watch(argc - 1, argv + 1);
	if (!strcmp(argv[1], "fault"))
		return cmd_fault(argc - 1, argv + 1);
	if (!strcmp(argv[1], "codec"))
		return cmd_codec(argc - 1, argv + 1);
	if (!strcmp(argv[1], "jack"))
		return cmd_jack(argc - 1, argv + 1);
	if (!strcmp(argv[1], "play"))
		return cmd_play(argc - 1, argv + 1);
	if (!strcmp(argv[1], "record"))
		return cmd_record(argc - 1, argv + 1);
	if (!strcmp(argv[1], "stats"))
		return cmd_stats(argc - 1, argv + 1);
	if (!strcmp(argv[1], "source"))
		return cmd_source(argc - 1, argv + 1);
	fprintf(stderr, "hdaemu-ctl: unknown command '%s'\n", argv[1]);
	usage(stderr);
	return EXIT_USAGE;
}
