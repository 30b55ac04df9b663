// SPDX-License-Identifier: GPL-2.0
/*
 * hdaemu-ctl: find and program a stream's path through a codec, with verbs
 * only, as an HDA function driver does. The codec routes the data as its
 * widgets say (Documentation/codec.rst): a capture engine hears the pin its
 * ADC's connection select reaches (through selectors; a mixer through its
 * first input) if the pin's input is on; a render engine plays through the
 * DAC set to its tag, to the pins whose select reaches that DAC.
 */
#include <stdio.h>
#include <string.h>

#include "ctl.h"
#include "hdaemu_bus.h"
#include "route.h"

#define V_GET_PARAM	0xf00
#define V_GET_CONN	0xf02
#define V_GET_PINCTL	0xf07
#define V_SET_SEL	0x701
#define V_SET_POWER	0x705
#define V_SET_CONV	0x706
#define V_SET_PINCTL	0x707
#define V4_SET_FORMAT	0x2

#define P_NODES		0x04
#define P_WCAPS		0x09
#define P_PINCAPS	0x0c
#define P_CONN_LEN	0x0e

#define WID_DAC		0
#define WID_ADC		1
#define WID_MIXER	2
#define WID_SELECTOR	3
#define WID_PIN		4

#define WCAP_CONN_LIST	(1u << 8)
#define WCAP_POWER	(1u << 10)
#define PINCAP_OUT	(1u << 4)
#define PINCAP_IN	(1u << 5)
#define PINCTL_IN_EN	0x20
#define PINCTL_OUT_EN	0x40

#define MAX_WIDGETS	64
#define MAX_CONNS	16

struct widget {
	unsigned int type, caps, pincaps, nconns;
	unsigned int conns[MAX_CONNS];
	int busy;		/* a converter another stream's engine uses */
};

struct codec {
	unsigned int cad, afg, first, count;
	struct widget w[MAX_WIDGETS];
};

long long ctl_verb(int fd, unsigned int cad, unsigned int nid, unsigned int verb,
		   unsigned int payload)
{
	struct hdaemu_verb v = { 0 };

	if (verb <= 0xf)
		v.command = cad << 28 | nid << 20 | verb << 16 | (payload & 0xffff);
	else
		v.command = cad << 28 | nid << 20 | verb << 8 | (payload & 0xff);
	if (hdaemu_transfer_verbs(fd, &v, 1) || !(v.response & HDAEMU_RESPONSE_VALID))
		return -1;
	return (long long)(v.response & 0xffffffffu);
}

static const struct widget *widget(const struct codec *c, unsigned int nid)
{
	return nid >= c->first && nid < c->first + c->count ? &c->w[nid - c->first] : NULL;
}

static int codec_read(int fd, unsigned int cad, unsigned int engine_index, struct codec *c)
{
	long long nodes = ctl_verb(fd, cad, 0, V_GET_PARAM, P_NODES), sub;
	struct hdaemu_converter entries[MAX_WIDGETS];
	struct hdaemu_converters conv = { 0 };
	unsigned int i, j;

	memset(c, 0, sizeof(*c));
	c->cad = cad;
	if (nodes < 0)
		return -1;
	c->afg = (nodes >> 16) & 0xff;
	sub = ctl_verb(fd, cad, c->afg, V_GET_PARAM, P_NODES);
	if (sub < 0)
		return -1;
	c->first = (sub >> 16) & 0xff;
	c->count = sub & 0xff;
	if (c->count > MAX_WIDGETS)
		c->count = MAX_WIDGETS;
	for (i = 0; i < c->count; i++) {
		struct widget *w = &c->w[i];
		unsigned int nid = c->first + i;
		long long caps = ctl_verb(fd, cad, nid, V_GET_PARAM, P_WCAPS), len = 0;

		if (caps < 0)
			continue;
		w->caps = caps;
		w->type = (caps >> 20) & 0xf;
		if (w->type == WID_PIN)
			w->pincaps = ctl_verb(fd, cad, nid, V_GET_PARAM, P_PINCAPS) & 0xffffffff;
		if (caps & WCAP_CONN_LIST)
			len = ctl_verb(fd, cad, nid, V_GET_PARAM, P_CONN_LEN) & 0x7f;
		for (j = 0; j < len && j < MAX_CONNS; j++)
			w->conns[j] = (ctl_verb(fd, cad, nid, V_GET_CONN, j & ~3u) >>
				       (8 * (j % 4))) & 0xff;
		w->nconns = j;
	}
	/* Converters another stream uses now: their tag meets another engine. */
	conv.codec_address = cad;
	conv.entries_ptr = (uintptr_t)entries;
	conv.capacity = MAX_WIDGETS;
	if (!hdaemu_get_converters(fd, &conv))
		for (i = 0; i < conv.count && i < MAX_WIDGETS; i++)
			if ((entries[i].flags & HDAEMU_CONVERTER_CONNECTED) &&
			    entries[i].engine_index != engine_index &&
			    entries[i].nid >= c->first && entries[i].nid < c->first + c->count)
				c->w[entries[i].nid - c->first].busy = 1;
	return 0;
}

/* Capture, automatic pin: 1 only for pins that hear something (pass 0). */
static int pin_wanted(int fd, const struct codec *c, unsigned int nid, int want, int pass,
		      unsigned int pincap)
{
	const struct widget *w = widget(c, nid);
	struct hdaemu_input_source s;

	if (!w || w->type != WID_PIN || !(w->pincaps & pincap))
		return 0;
	if (want >= 0)
		return (int)nid == want;
	if (pass == 0)
		return !hdaemu_get_input_source(fd, c->cad, nid, &s) &&
		       s.source != HDAEMU_SOURCE_SILENCE;
	return 1;
}

/*
 * Walk up from @nid (an ADC, a selector, a mixer, an output pin) for the
 * pin (capture) or the DAC (render), recording the connection selects on
 * the way. A mixer passes its first input, as the codec's route does.
 */
static int walk(int fd, const struct codec *c, unsigned int nid, unsigned int hops,
		struct ctl_route *r, int want, int pass, int idle)
{
	const struct widget *w = widget(c, nid);
	unsigned int i, n, saved = r->nsel;

	if (!w || hops >= ROUTE_MAX_HOPS || !w->nconns)
		return 0;
	n = w->type == WID_MIXER ? 1 : w->nconns;
	for (i = 0; i < n; i++) {
		unsigned int up = w->conns[i];
		const struct widget *u = widget(c, up);

		if (!u)
			continue;
		r->nsel = saved;
		if (w->type != WID_MIXER) {
			r->sel[r->nsel].nid = nid;
			r->sel[r->nsel].index = i;
			r->nsel++;
		}
		if (r->direction == HDAEMU_DIR_CAPTURE &&
		    pin_wanted(fd, c, up, want, pass, PINCAP_IN)) {
			r->pin = up;
			return 1;
		}
		if (r->direction == HDAEMU_DIR_RENDER && u->type == WID_DAC && !(idle && u->busy)) {
			r->converter = up;
			r->converter_power = !!(u->caps & WCAP_POWER);
			return 1;
		}
		if ((u->type == WID_SELECTOR || u->type == WID_MIXER) &&
		    walk(fd, c, up, hops + 1, r, want, pass, idle))
			return 1;
	}
	r->nsel = saved;
	return 0;
}

int route_find(int fd, unsigned int cad, unsigned int direction, unsigned int engine_index,
	       int pin, struct ctl_route *r, char *err, size_t errlen)
{
	static struct codec c;
	const struct widget *pw;
	unsigned int i, pass;
	int idle;

	memset(r, 0, sizeof(*r));
	r->cad = cad;
	r->direction = direction;
	if (codec_read(fd, cad, engine_index, &c)) {
		snprintf(err, errlen, "no codec at address %u", cad);
		return -1;
	}
	r->afg = c.afg;
	pw = pin >= 0 ? widget(&c, pin) : NULL;
	if (pin >= 0 && (!pw || pw->type != WID_PIN ||
			 !(pw->pincaps & (direction == HDAEMU_DIR_CAPTURE ? PINCAP_IN : PINCAP_OUT)))) {
		snprintf(err, errlen, "codec %u: node %d is not an %s pin", cad, pin,
			 direction == HDAEMU_DIR_CAPTURE ? "input" : "output");
		return -1;
	}
	if (direction == HDAEMU_DIR_CAPTURE) {
		/*
		 * An ADC that reaches the pin; without one, the first pin that
		 * hears something, else any. An idle ADC first: another
		 * stream's keeps its tag.
		 */
		for (pass = pin >= 0 ? 1 : 0; pass < 2; pass++)
			for (idle = 1; idle >= 0; idle--)
				for (i = 0; i < c.count; i++)
					if (c.w[i].type == WID_ADC && !(idle && c.w[i].busy) &&
					    walk(fd, &c, c.first + i, 0, r, pin, pass, idle)) {
						r->converter = c.first + i;
						r->converter_power = !!(c.w[i].caps & WCAP_POWER);
						return 0;
					}
		if (pin >= 0)
			snprintf(err, errlen, "codec %u: no ADC can hear pin %d", cad, pin);
		else
			snprintf(err, errlen, "codec %u: no ADC reaches an input pin", cad);
		return -1;
	}
	/* Render: an output pin and the DAC its connections reach, idle first. */
	for (idle = 1; idle >= 0; idle--)
		for (i = 0; i < c.count; i++) {
			unsigned int nid = c.first + i;

			if (c.w[i].type != WID_PIN || !(c.w[i].pincaps & PINCAP_OUT) ||
			    (pin >= 0 && (int)nid != pin))
				continue;
			if (walk(fd, &c, nid, 0, r, -1, 1, idle)) {
				r->pin = nid;
				return 0;
			}
		}
	if (pin >= 0)
		snprintf(err, errlen, "codec %u: pin %d reaches no DAC", cad, pin);
	else
		snprintf(err, errlen, "codec %u: no output pin reaches a DAC", cad);
	return -1;
}

int route_program(int fd, struct ctl_route *r, unsigned int stream_tag, unsigned int format,
		  char *err, size_t errlen)
{
	unsigned int cad = r->cad, i;
	long long pinctl;

	/* Power up, as a driver does; a codec without power states says no. */
	ctl_verb(fd, cad, r->afg, V_SET_POWER, 0);
	if (r->converter_power)
		ctl_verb(fd, cad, r->converter, V_SET_POWER, 0);
	if (ctl_verb(fd, cad, r->converter, V_SET_CONV, stream_tag << 4) < 0 ||
	    ctl_verb(fd, cad, r->converter, V4_SET_FORMAT, format) < 0) {
		snprintf(err, errlen, "codec %u: converter %u refused stream %u format 0x%04x", cad,
			 r->converter, stream_tag, format);
		return -1;
	}
	r->programmed = 1;
	for (i = 0; i < r->nsel; i++)
		if (ctl_verb(fd, cad, r->sel[i].nid, V_SET_SEL, r->sel[i].index) < 0) {
			snprintf(err, errlen, "codec %u: node %u refused connection %u", cad,
				 r->sel[i].nid, r->sel[i].index);
			return -1;
		}
	pinctl = ctl_verb(fd, cad, r->pin, V_GET_PINCTL, 0);
	if (pinctl < 0 ||
	    ctl_verb(fd, cad, r->pin, V_SET_PINCTL,
		     (unsigned int)pinctl | (r->direction == HDAEMU_DIR_CAPTURE ?
					     PINCTL_IN_EN : PINCTL_OUT_EN)) < 0) {
		snprintf(err, errlen, "codec %u: pin %u refused its pin control", cad, r->pin);
		return -1;
	}
	return 0;
}

void route_release(int fd, struct ctl_route *r)
{
	if (r->programmed && fd >= 0)
		ctl_verb(fd, r->cad, r->converter, V_SET_CONV, 0);
	r->programmed = 0;
}

void route_describe(const struct ctl_route *r, char *buf, size_t len)
{
	if (r->direction == HDAEMU_DIR_CAPTURE)
		snprintf(buf, len, "codec %u pin %u -> ADC %u", r->cad, r->pin, r->converter);
	else
		snprintf(buf, len, "DAC %u -> codec %u pin %u", r->converter, r->cad, r->pin);
}
