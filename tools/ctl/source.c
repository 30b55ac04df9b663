// SPDX-License-Identifier: GPL-2.0
/*
 * hdaemu-ctl source - what an input pin of a codec hears, the signal a
 * capture stream records through the ADC that listens to that pin:
 *
 *   source CODEC PIN                       print it (GET_INPUT_SOURCE)
 *   source CODEC PIN silence               zeros (the default)
 *   source CODEC PIN ramp                  each sample its frame number + channel
 *   source CODEC PIN tone HZ [LEVEL_DB]    a sine, peak LEVEL_DB dBFS (-20)
 *   source CODEC PIN loopback OUTPIN       what output pin OUTPIN plays
 *
 * Setting one needs CAP_SYS_ADMIN (SET_INPUT_SOURCE). The signal is
 * physical, like a jack: it stays until set again or the module unloads.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"
#include "hdaemu_bus.h"
#include "route.h"
#include "session.h"

#define LN2	0.69314718055994530942
#define LN10	2.30258509299404568402

/* The tools link no libm: e^x and ln x, to well below a level step. */
static double ctl_exp(double x)
{
	int k = (int)(x / LN2 + (x >= 0 ? 0.5 : -0.5)), i;
	double r = x - k * LN2, term = 1, sum = 1;

	for (i = 1; i < 30; i++) {
		term *= r / i;
		sum += term;
	}
	for (; k > 0; k--)
		sum *= 2;
	for (; k < 0; k++)
		sum /= 2;
	return sum;
}

static double ctl_ln(double x)
{
	double y, y2, term, sum = 0;
	int k = 0, i;

	if (x <= 0)
		return -1e300;
	for (; x >= 2; k++)
		x /= 2;
	for (; x < 1; k--)
		x *= 2;
	/* ln x = 2 atanh((x - 1) / (x + 1)), |y| <= 1/3 */
	y = (x - 1) / (x + 1);
	y2 = y * y;
	for (i = 1, term = y; i < 80; i += 2, term *= y2)
		sum += term / i;
	return 2 * sum + k * LN2;
}

unsigned int ctl_db_to_level(double db)
{
	double level;

	if (db > 6)
		db = 6;
	if (db < -120)
		db = -120;
	level = HDAEMU_TONE_FULL_SCALE * ctl_exp(db / 20 * LN10) + 0.5;
	if (level < 1)
		return 1;
	return level > HDAEMU_TONE_FULL_SCALE ? HDAEMU_TONE_FULL_SCALE : (unsigned int)level;
}

double ctl_level_to_db(unsigned int level)
{
	return 20 * ctl_ln((double)level / HDAEMU_TONE_FULL_SCALE) / LN10;
}

int ctl_number(const char *s, unsigned long long max, unsigned long long *v)
{
	int base = s[0] == '0' && (s[1] == 'x' || s[1] == 'X') ? 16 : 10;
	char *end;

	if (!*s || *s == '-' || *s == '+' || *s == ' ')
		return -1;
	errno = 0;
	*v = strtoull(s, &end, base);
	return errno || end == s || *end || *v > max ? -1 : 0;
}

const char *source_name(unsigned int source)
{
	static const char *const names[] = {
		[HDAEMU_SOURCE_SILENCE] = "silence", [HDAEMU_SOURCE_TONE] = "tone",
		[HDAEMU_SOURCE_RAMP] = "ramp", [HDAEMU_SOURCE_LOOPBACK] = "loopback",
	};

	return source < sizeof(names) / sizeof(names[0]) ? names[source] : "?";
}

void source_describe(const struct hdaemu_input_source *s, char *buf, size_t len)
{
	if (s->source == HDAEMU_SOURCE_TONE)
		snprintf(buf, len, "tone %u Hz %.1f dBFS (level %u/%u)", s->tone_hz,
			 ctl_level_to_db(s->tone_level), s->tone_level, HDAEMU_TONE_FULL_SCALE);
	else if (s->source == HDAEMU_SOURCE_LOOPBACK)
		snprintf(buf, len, "loopback from pin %u", s->loopback_nid);
	else
		snprintf(buf, len, "%s", source_name(s->source));
}

static int source_usage(FILE *out)
{
	fprintf(out,
		"usage: hdaemu-ctl source CODEC PIN\n"
		"       hdaemu-ctl source CODEC PIN silence | ramp | tone HZ [LEVEL_DB] |\n"
		"                                   loopback OUTPIN\n"
		"  print or set what input pin PIN of codec CODEC hears (setting needs\n"
		"  CAP_SYS_ADMIN); a capture stream records it through the ADC that\n"
		"  listens to the pin. tone: a sine of HZ (1..96000) with its peak at\n"
		"  LEVEL_DB dBFS (default -20); ramp: each sample is its frame number plus\n"
		"  its channel; loopback: what output pin OUTPIN of the codec plays.\n"
		"  Numbers are decimal or 0x hex.\n");
	return out == stdout ? 0 : EXIT_USAGE;
}

/* A pin's capabilities through verbs: -1 not a pin (or no codec). */
static long long pin_caps(int fd, unsigned int cad, unsigned int nid)
{
	long long caps = ctl_verb(fd, cad, nid, 0xf00, 0x09);

	if (caps < 0 || ((caps >> 20) & 0xf) != 4)
		return -1;
	return ctl_verb(fd, cad, nid, 0xf00, 0x0c);
}

int cmd_source(int argc, char **argv)
{
	struct hdaemu_input_source s = { 0 };
	unsigned long long cad, nid, v;
	struct hdaemu_dev dev;
	char text[96];
	long long caps;
	int ret;

	if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")))
		return source_usage(stdout);
	if (argc < 3 || ctl_number(argv[1], 14, &cad) || ctl_number(argv[2], 127, &nid)) {
		if (argc >= 3)
			fprintf(stderr, "hdaemu-ctl source: bad codec address or pin: %s %s\n",
				argv[1], argv[2]);
		return source_usage(stderr);
	}
	s.codec_address = cad;
	s.nid = nid;
	if (argc == 3) {
		s.source = ~0u;
	} else if (!strcmp(argv[3], "silence") && argc == 4) {
		s.source = HDAEMU_SOURCE_SILENCE;
	} else if (!strcmp(argv[3], "ramp") && argc == 4) {
		s.source = HDAEMU_SOURCE_RAMP;
	} else if (!strcmp(argv[3], "tone") && (argc == 5 || argc == 6)) {
		double db = -20;
		char *end;

		if (ctl_number(argv[4], 96000, &v) || !v) {
			fprintf(stderr, "hdaemu-ctl source: tone: HZ must be 1..96000, not '%s'\n",
				argv[4]);
			return EXIT_USAGE;
		}
		if (argc == 6) {
			db = strtod(argv[5], &end);
			if (end == argv[5] || *end || db != db) {
				fprintf(stderr, "hdaemu-ctl source: tone: LEVEL_DB is a level in "
					"dBFS (e.g. -6), not '%s'\n", argv[5]);
				return EXIT_USAGE;
			}
		}
		s.source = HDAEMU_SOURCE_TONE;
		s.tone_hz = v;
		s.tone_level = ctl_db_to_level(db);
	} else if (!strcmp(argv[3], "loopback") && argc == 5) {
		if (ctl_number(argv[4], 127, &v)) {
			fprintf(stderr, "hdaemu-ctl source: loopback: bad output pin '%s'\n", argv[4]);
			return EXIT_USAGE;
		}
		s.source = HDAEMU_SOURCE_LOOPBACK;
		s.loopback_nid = v;
	} else {
		fprintf(stderr, "hdaemu-ctl source: unknown source or wrong arguments: '%s'\n",
			argv[3]);
		return source_usage(stderr);
	}

	if (ctl_open_dev(&dev))
		return EXIT_DEVICE;
	ret = EXIT_USAGE;
	/* The checks the kernel makes, with a message that names the problem. */
	if (!(dev.info.codec_mask & (1u << cad))) {
		fprintf(stderr, "hdaemu-ctl source: no codec at address %llu (codec mask 0x%x)\n",
			cad, dev.info.codec_mask);
		goto out;
	}
	caps = pin_caps(dev.fd, cad, nid);
	if (caps < 0 || !(caps & (1 << 5))) {
		fprintf(stderr, "hdaemu-ctl source: codec %llu node %llu is not an input pin "
			"(see hdaemu-ctl codec dump)\n", cad, nid);
		goto out;
	}
	if (s.source == HDAEMU_SOURCE_LOOPBACK) {
		caps = pin_caps(dev.fd, cad, s.loopback_nid);
		if (caps < 0 || !(caps & (1 << 4))) {
			fprintf(stderr, "hdaemu-ctl source: loopback: codec %llu node %u is not an "
				"output pin\n", cad, s.loopback_nid);
			goto out;
		}
	}
	if (s.source == ~0u) {
		ret = hdaemu_get_input_source(dev.fd, cad, nid, &s);
	} else {
		ret = hdaemu_set_input_source(dev.fd, &s);
		if (!ret)
			ret = hdaemu_get_input_source(dev.fd, cad, nid, &s);
	}
	if (ret) {
		fprintf(stderr, "hdaemu-ctl source: codec %llu pin %llu: %s%s\n", cad, nid,
			strerror(-ret),
			ret == -EPERM ? " (setting a source needs CAP_SYS_ADMIN: run as root)" :
			ret == -EINVAL ? " (not an input pin, or a value out of range)" :
			ret == -ENOENT ? " (the codec has no such node)" :
			ret == -ENODEV ? " (no codec at that address)" : "");
		ret = ret == -EINVAL || ret == -ENOENT || ret == -ENODEV ? EXIT_USAGE : EXIT_DEVICE;
		goto out;
	}
	source_describe(&s, text, sizeof(text));
	printf("codec %llu pin %llu: %s\n", cad, nid, text);
	ret = 0;
out:
	hdaemu_dev_close(&dev);
	return ret;
}
