/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers of the codec kselftests: verbs, the codecs and models the module
 * was loaded with (from its parameters), and the expected widget trees of
 * the models, written out by hand from the HDA specification's encodings
 * so that a change of the kernel's tables fails the tests.
 */
#ifndef HDAEMU_CODEC_TEST_H
#define HDAEMU_CODEC_TEST_H

#include <poll.h>

#include "hdaemu_test.h"

#define V_GET_PARAM	0xf00
#define V_GET_SEL	0xf01
#define V_GET_CONN	0xf02
#define V_GET_POWER	0xf05
#define V_GET_CONV	0xf06
#define V_GET_PINCTL	0xf07
#define V_GET_UNSOL	0xf08
#define V_GET_SENSE	0xf09
#define V_GET_EAPD	0xf0c
#define V_GET_CONFIG	0xf1c
#define V_SET_SEL	0x701
#define V_SET_POWER	0x705
#define V_SET_CONV	0x706
#define V_SET_PINCTL	0x707
#define V_SET_UNSOL	0x708
#define V_SET_EAPD	0x70c
#define V_SET_CONFIG0	0x71c
#define V_RESET		0x7ff
#define V4_SET_FORMAT	0x2
#define V4_SET_AMP	0x3
#define V4_GET_FORMAT	0xa
#define V4_GET_AMP	0xb

/* A 12-bit verb with an 8-bit payload. */
static inline __u32 cmd12(unsigned int cad, unsigned int nid, unsigned int verb,
			  unsigned int payload)
{
	return cad << 28 | nid << 20 | verb << 8 | (payload & 0xff);
}

/* A 4-bit verb with a 16-bit payload. */
static inline __u32 cmd4(unsigned int cad, unsigned int nid, unsigned int verb,
			 unsigned int payload)
{
	return cad << 28 | nid << 20 | verb << 16 | (payload & 0xffff);
}

static inline int hdaemu_transfer(int fd, struct hdaemu_verb *v, __u32 count)
{
	struct hdaemu_verb_transfer t;

	memset(&t, 0, sizeof(t));
	t.verbs_ptr = (__u64)(uintptr_t)v;
	t.count = count;
	return ioctl(fd, HDAEMU_IOC_TRANSFER_VERBS, &t);
}

/* One verb: its 64-bit response, or 0 when the ioctl itself failed. */
static inline __u64 hdaemu_verb1(int fd, __u32 command)
{
	struct hdaemu_verb v = { .command = command };

	if (hdaemu_transfer(fd, &v, 1))
		return 0;
	return v.response;
}

/* The expected response of a verb answered with @res by codec @cad. */
static inline __u64 hdaemu_valid(unsigned int cad, __u32 res)
{
	return HDAEMU_RESPONSE_VALID | (__u64)cad << HDAEMU_RESPONSE_SDI_SHIFT | res;
}

static inline int hdaemu_codec_stats(int fd, unsigned int cad, struct hdaemu_codec_stats *s)
{
	memset(s, 0, sizeof(*s));
	s->codec_address = cad;
	return ioctl(fd, HDAEMU_IOC_GET_CODEC_STATS, s);
}

static inline int hdaemu_jack(int fd, unsigned int cad, unsigned int nid, unsigned int present)
{
	struct hdaemu_jack j = { .codec_address = cad, .nid = nid, .present = present };

	return ioctl(fd, HDAEMU_IOC_INJECT_JACK, &j);
}

/* Wait up to @ms for an eventfd to become readable: 1 if it did. */
static inline int hdaemu_wait_fd(int efd, int ms)
{
	struct pollfd p = { .fd = efd, .events = POLLIN };

	return poll(&p, 1, ms) == 1;
}

/* ------------------------------------------------------------------ */
/* The codecs the module has: the codecs= and codec_model= parameters. */

#define MODEL_GENERIC	0
#define MODEL_MINI	1

struct hdaemu_codecs_param {
	unsigned int mask;
	int model[15];	/* by address */
};

static inline int hdaemu_read_text(const char *name, char *buf, size_t len)
{
	char path[128];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), HDAEMU_PARAM_DIR "%s", name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		return -1;
	buf[n] = '\0';
	return 0;
}

/* The parameters; without sysfs, GET_INFO's mask and the default model. */
static inline int hdaemu_codecs_param(int fd, struct hdaemu_codecs_param *p)
{
	char buf[256], *s, *tok;
	struct hdaemu_info info;
	unsigned int cad;

	memset(p, 0, sizeof(*p));
	if (hdaemu_read_text("codecs", buf, sizeof(buf))) {
		if (hdaemu_get_info(fd, &info))
			return -1;
		p->mask = info.codec_mask;
		return 0;
	}
	for (s = buf; (tok = strsep(&s, ",\n")); )
		if (*tok)
			p->mask |= 1u << strtoul(tok, NULL, 0);
	if (hdaemu_read_text("codec_model", buf, sizeof(buf)))
		return 0;
	/* Models go to the addresses in ascending order. */
	cad = 0;
	for (s = buf; (tok = strsep(&s, ",\n")); ) {
		if (!*tok)
			continue;
		while (cad < 15 && !(p->mask & (1u << cad)))
			cad++;
		if (cad >= 15)
			break;
		p->model[cad++] = !strcmp(tok, "mini") ? MODEL_MINI : MODEL_GENERIC;
	}
	return 0;
}

static inline unsigned int hdaemu_lowest(unsigned int mask)
{
	return (unsigned int)__builtin_ctz(mask);
}

/* ------------------------------------------------------------------ */
/* The models' expected trees. */

struct exp_widget {
	unsigned int nid;
	__u32 caps, pcm, formats, pincaps, amp_in, amp_out, config;
	__u8 pinctl;
	unsigned int nconns;
	unsigned int conns[8];
};

struct exp_model {
	__u32 vendor, revision, fg_type, afg_caps, afg_pcm, power, gpio;
	unsigned int afg, first, count;
	const struct exp_widget *w;
};

static const struct exp_widget exp_generic_widgets[] = {
	{ 2, 0x0000041d, 0x000e07e0, 1, 0, 0, 0x80024a40, 0, 0, 0, { 0 } },
	{ 3, 0x0000041d, 0x000e07e0, 1, 0, 0, 0x80024a40, 0, 0, 0, { 0 } },
	{ 4, 0x0010051b, 0x000e07e0, 1, 0, 0x80051f10, 0, 0, 0, 2, { 8, 9 } },
	{ 5, 0x0010051b, 0x000e07e0, 1, 0, 0x80051f10, 0, 0, 0, 1, { 9 } },
	{ 6, 0x0040018d, 0, 0, 0x00010014, 0, 0x80000000, 0x01014010, 0x40, 1, { 2 } },
	{ 7, 0x0040018d, 0, 0, 0x0000001c, 0, 0x80000000, 0x02214020, 0xc0, 2, { 3, 2 } },
	{ 8, 0x0040008b, 0, 0, 0x00001624, 0x00270300, 0, 0x02a19030, 0x24, 0, { 0 } },
	{ 9, 0x00400081, 0, 0, 0x00000024, 0, 0, 0x01813040, 0x20, 0, { 0 } },
};

static const struct exp_widget exp_mini_widgets[] = {
	{ 2, 0x0000001d, 0x00020040, 1, 0, 0, 0x80024a40, 0, 0, 0, { 0 } },
	{ 3, 0x0010011b, 0x00020040, 1, 0, 0x80051f10, 0, 0, 0, 1, { 5 } },
	{ 4, 0x00400101, 0, 0, 0x00000010, 0, 0, 0x01014010, 0x40, 1, { 2 } },
	{ 5, 0x00400080, 0, 0, 0x00000024, 0, 0, 0x02a19030, 0x20, 0, { 0 } },
};

static const struct exp_model exp_models[] = {
	[MODEL_GENERIC] = { 0x1af40030, 0x00100101, 0x101, 0x808, 0x000e07e0, 0xf, 0,
			    1, 2, 8, exp_generic_widgets },
	[MODEL_MINI] = { 0x1af40031, 0x00100101, 0x101, 0x808, 0x00020040, 0x9, 2,
			 1, 2, 4, exp_mini_widgets },
};

/* The generic model's nodes the verb tests use. */
#define G_DAC0		2
#define G_DAC1		3
#define G_ADC0		4
#define G_ADC1		5
#define G_LINE_OUT	6
#define G_HP		7
#define G_MIC		8
#define G_LINE_IN	9

#endif /* HDAEMU_CODEC_TEST_H */
