// SPDX-License-Identifier: GPL-2.0
/*
 * hdaemu-ctl codec and jack: look at the emulated codecs through verbs,
 * the way a function driver enumerates a codec, and plug jacks.
 *
 *   hdaemu-ctl codec dump [--json] [--codec CAD]
 *   hdaemu-ctl codec verb CAD NID VERB [PAYLOAD]
 *   hdaemu-ctl jack CAD NID plug|unplug
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "ctl.h"

static const char *const widget_types[16] = {
	"dac", "adc", "mixer", "selector", "pin", "power", "volume-knob", "beep",
	[15] = "vendor",
};

static const char *const pin_devices[16] = {
	"line-out", "speaker", "headphone", "cd", "spdif-out", "digital-out",
	"modem-line", "modem-handset", "line-in", "aux", "mic", "telephony",
	"spdif-in", "digital-in", "reserved", "other",
};

/* One verb; the 64-bit response, or 0 (not valid) when the ioctl fails. */
static int verb(int fd, unsigned int cad, unsigned int nid, unsigned int v,
		unsigned int payload, __u64 *response)
{
	struct hdaemu_verb e = { 0 };
	struct hdaemu_verb_transfer t = { 0 };

	if (v <= 0xf)
		e.command = cad << 28 | nid << 20 | v << 16 | (payload & 0xffff);
	else
		e.command = cad << 28 | nid << 20 | v << 8 | (payload & 0xff);
	t.verbs_ptr = (__u64)(unsigned long)&e;
	t.count = 1;
	if (ioctl(fd, HDAEMU_IOC_TRANSFER_VERBS, &t))
		return -1;
	*response = e.response;
	return 0;
}

/* The 32-bit answer of a verb that must be valid; -1 otherwise. */
static long long get(int fd, unsigned int cad, unsigned int nid, unsigned int v,
		     unsigned int payload)
{
	__u64 r;

	if (verb(fd, cad, nid, v, payload, &r) || !(r & HDAEMU_RESPONSE_VALID))
		return -1;
	return (long long)(r & 0xffffffffu);
}

static void dump_codec(int fd, unsigned int cad, int json)
{
	long long vendor = get(fd, cad, 0, 0xf00, 0x00), rev = get(fd, cad, 0, 0xf00, 0x02);
	long long nodes = get(fd, cad, 0, 0xf00, 0x04), sub;
	unsigned int afg = (nodes >> 16) & 0xff, first, count, nid, i;

	sub = get(fd, cad, afg, 0xf00, 0x04);
	first = (sub >> 16) & 0xff;
	count = sub & 0xff;
	if (json)
		printf("{\"address\": %u, \"vendor_id\": %lld, \"revision_id\": %lld, "
		       "\"afg\": %u, \"afg_type\": %lld, \"widgets\": [", cad, vendor, rev, afg,
		       get(fd, cad, afg, 0xf00, 0x05) & 0xff);
	else
		printf("codec %u: vendor 0x%08llx revision 0x%08llx\n  nid %u audio function group, widgets %u..%u\n",
		       cad, vendor, rev, afg, first, first + count - 1);
	for (nid = first; nid < first + count; nid++) {
		long long caps = get(fd, cad, nid, 0xf00, 0x09);
		unsigned int type = (caps >> 20) & 0xf, len = 0;
		unsigned int conns[32];
		long long cfg = -1;

		if (caps & (1 << 8))
			len = get(fd, cad, nid, 0xf00, 0x0e) & 0x7f;
		for (i = 0; i < len && i < 32; i++)
			conns[i] = (get(fd, cad, nid, 0xf02, i & ~3u) >> (8 * (i % 4))) & 0xff;
		if (type == 4)
			cfg = get(fd, cad, nid, 0xf1c, 0);
		if (json) {
			printf("%s{\"nid\": %u, \"type\": \"%s\", \"caps\": %lld, \"connections\": [",
			       nid == first ? "" : ", ", nid,
			       widget_types[type] ? widget_types[type] : "?", caps);
			for (i = 0; i < len && i < 32; i++)
				printf("%s%u", i ? ", " : "", conns[i]);
			printf("]");
			if (type == 4)
				printf(", \"pin_caps\": %lld, \"config_default\": %lld, \"present\": %d",
				       get(fd, cad, nid, 0xf00, 0x0c), cfg,
				       get(fd, cad, nid, 0xf09, 0) > 0x7fffffffLL);
			if (type <= 1)
				printf(", \"pcm\": %lld, \"format\": %lld, \"stream_channel\": %lld",
				       get(fd, cad, nid, 0xf00, 0x0a), get(fd, cad, nid, 0xa, 0),
				       get(fd, cad, nid, 0xf06, 0));
			printf("}");
			continue;
		}
		printf("  nid %2u %-8s caps 0x%08llx", nid,
		       widget_types[type] ? widget_types[type] : "?", caps);
		if (len) {
			printf(" <-");
			for (i = 0; i < len && i < 32; i++)
				printf(" %u", conns[i]);
		}
		if (type <= 1)
			printf(" pcm 0x%08llx format 0x%04llx stream %lld", get(fd, cad, nid, 0xf00, 0x0a),
			       get(fd, cad, nid, 0xa, 0), get(fd, cad, nid, 0xf06, 0) >> 4);
		if (type == 4) {
			long long sense = get(fd, cad, nid, 0xf09, 0);

			printf(" %s config 0x%08llx pinctl 0x%02llx", pin_devices[(cfg >> 20) & 0xf],
			       cfg, get(fd, cad, nid, 0xf07, 0));
			if (sense >= 0)
				printf(" jack %s", sense & 0x80000000LL ? "plugged" : "unplugged");
		}
		printf("\n");
	}
	if (json)
		printf("]}");
}

static int codec_dump(int argc, char **argv)
{
	struct hdaemu_info info = { 0 };
	int json = 0, only = -1, fd, i, n = 0;
	unsigned int cad;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json"))
			json = 1;
		else if (!strcmp(argv[i], "--codec") && i + 1 < argc)
			only = atoi(argv[++i]);
		else
			return EXIT_USAGE;
	}
	fd = hdaemu_open();
	if (fd < 0)
		return EXIT_DEVICE;
	if (ioctl(fd, HDAEMU_IOC_GET_INFO, &info)) {
		fprintf(stderr, "hdaemu-ctl: GET_INFO: %s\n", strerror(errno));
		close(fd);
		return EXIT_DEVICE;
	}
	if (json)
		printf("{\"codecs\": [");
	for (cad = 0; cad < 15; cad++) {
		if (!(info.codec_mask & (1u << cad)) || (only >= 0 && (unsigned int)only != cad))
			continue;
		if (json && n)
			printf(", ");
		dump_codec(fd, cad, json);
		n++;
	}
	if (json)
		printf("]}\n");
	close(fd);
	if (!n) {
		fprintf(stderr, "hdaemu-ctl: no codec at that address\n");
		return EXIT_CHECK;
	}
	return 0;
}

static int codec_verb(int argc, char **argv)
{
	unsigned int cad, nid, v, payload = 0;
	__u64 r;
	int fd;

	if (argc < 4 || argc > 5)
		return EXIT_USAGE;
	cad = strtoul(argv[1], NULL, 0);
	nid = strtoul(argv[2], NULL, 0);
	v = strtoul(argv[3], NULL, 16);
	if (argc == 5)
		payload = strtoul(argv[4], NULL, 16);
	if (cad > 15 || nid > 0x7f || v > 0xfff || (v > 0xf && payload > 0xff) || payload > 0xffff)
		return EXIT_USAGE;
	fd = hdaemu_open();
	if (fd < 0)
		return EXIT_DEVICE;
	if (verb(fd, cad, nid, v, payload, &r)) {
		fprintf(stderr, "hdaemu-ctl: TRANSFER_VERBS: %s\n", strerror(errno));
		close(fd);
		return EXIT_DEVICE;
	}
	close(fd);
	if (!(r & HDAEMU_RESPONSE_VALID)) {
		printf("no response\n");
		return EXIT_CHECK;
	}
	printf("0x%08x\n", (unsigned int)r);
	return 0;
}

static void codec_usage(FILE *out)
{
	fprintf(out,
		"usage: hdaemu-ctl codec dump [--json] [--codec CAD]\n"
		"       hdaemu-ctl codec verb CAD NID VERB [PAYLOAD]\n"
		"\n"
		"dump walks each codec as a function driver does: root, function group,\n"
		"widgets and their connections, pins with their configuration and jack.\n"
		"verb sends one verb; VERB and PAYLOAD in hex: a 12-bit verb (f00) takes\n"
		"an 8-bit payload, a 4-bit verb (a, b, 2, 3) a 16-bit one. It prints the\n"
		"response, or \"no response\" (exit status 1).\n");
}

int cmd_codec(int argc, char **argv)
{
	int ret = EXIT_USAGE;

	if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "help"))) {
		codec_usage(stdout);
		return 0;
	}
	if (argc >= 2 && !strcmp(argv[1], "dump"))
		ret = codec_dump(argc - 1, argv + 1);
	else if (argc >= 2 && !strcmp(argv[1], "verb"))
		ret = codec_verb(argc - 1, argv + 1);
	if (ret == EXIT_USAGE)
		codec_usage(stderr);
	return ret;
}

int cmd_jack(int argc, char **argv)
{
	struct hdaemu_jack j = { 0 };
	int fd;

	if (argc == 2 && !strcmp(argv[1], "--help")) {
		printf("usage: hdaemu-ctl jack CAD NID plug|unplug   (needs CAP_SYS_ADMIN)\n");
		return 0;
	}
	if (argc != 4 || (strcmp(argv[3], "plug") && strcmp(argv[3], "unplug"))) {
		fprintf(stderr, "usage: hdaemu-ctl jack CAD NID plug|unplug\n");
		return EXIT_USAGE;
	}
	j.codec_address = strtoul(argv[1], NULL, 0);
	j.nid = strtoul(argv[2], NULL, 0);
	j.present = !strcmp(argv[3], "plug");
	fd = hdaemu_open();
	if (fd < 0)
		return EXIT_DEVICE;
	if (ioctl(fd, HDAEMU_IOC_INJECT_JACK, &j)) {
		fprintf(stderr, "hdaemu-ctl: INJECT_JACK: %s\n", strerror(errno));
		close(fd);
		return EXIT_DEVICE;
	}
	close(fd);
	return 0;
}
