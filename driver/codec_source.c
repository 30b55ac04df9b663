// SPDX-License-Identifier: GPL-2.0
/*
 * hdaemu - what the codec's input pins hear, and the route an engine's data
 * takes through the codec.
 *
 * A capture engine's data comes from the ADC set to its stream tag on its
 * codec, which hears the pin its connection select reaches (through
 * selectors; a mixer is followed through its first input), if that pin's
 * input is enabled. A render engine's data reaches the DAC set to its tag;
 * an output pin plays that DAC if the pin's output is enabled and its
 * connection select reaches the DAC. A loopback source is a cable from an
 * output pin to an input pin of the same codec.
 *
 * Locking: the sources live in the widget state, under codec->lock. Routes
 * are computed under bus->lock (the engines' tags) then codec->lock, the
 * order codec.h gives.
 */
#include <linux/capability.h>
#include <linux/errno.h>
#include <linux/math64.h>

#include "hdaemu.h"
#include "codec.h"

#define HDAEMU_PINCTL_IN_EN	BIT(5)
#define HDAEMU_PINCTL_OUT_EN	BIT(6)
#define HDAEMU_ROUTE_MAX_HOPS	4
#define HDAEMU_TONE_MAX_HZ	96000u

static struct hdaemu_widget_state *hdaemu_source_state(struct hdaemu_codec *codec, u32 nid)
{
	return &codec->widgets[nid - codec->model->first_nid];
}

/* The input the widget @nid takes: its selected connection, or a mixer's first. */
static u32 hdaemu_source_upstream(struct hdaemu_codec *codec, u32 nid)
{
	const struct hdaemu_widget_desc *d = hdaemu_codec_widget(codec, nid);
	u32 sel;

	if (!d || !d->num_conns)
		return 0;
	sel = hdaemu_widget_type(d) == HDAEMU_WID_AUD_MIX ? 0 :
	      hdaemu_source_state(codec, nid)->conn_sel;
	return sel < d->num_conns ? d->conns[sel] : 0;
}

/* Walk up from @nid to the first widget of @type; 0 if the path has none. */
static u32 hdaemu_source_walk(struct hdaemu_codec *codec, u32 nid, u32 type)
{
	unsigned int hop;

	for (hop = 0; hop < HDAEMU_ROUTE_MAX_HOPS; hop++) {
		const struct hdaemu_widget_desc *d;

		nid = hdaemu_source_upstream(codec, nid);
		d = nid ? hdaemu_codec_widget(codec, nid) : NULL;
		if (!d)
			return 0;
		if (hdaemu_widget_type(d) == type)
			return nid;
	}
	return 0;
}

/* The render engine an output pin plays, or NULL. */
static struct hdaemu_engine *hdaemu_source_player(struct hdaemu_codec *codec, u32 pin)
{
	struct hdaemu_converter_route r = { .direction = HDAEMU_DIR_RENDER };
	u32 dac;

	if (!(hdaemu_source_state(codec, pin)->pinctl & HDAEMU_PINCTL_OUT_EN))
		return NULL;
	dac = hdaemu_source_walk(codec, pin, HDAEMU_WID_AUD_OUT);
	if (!dac)
		return NULL;
	r.stream_tag = hdaemu_source_state(codec, dac)->stream_channel >> 4;
	hdaemu_route_find(codec->bus, codec->address, &r);
	return r.engine_index == U32_MAX ? NULL : &codec->bus->engines[r.engine_index];
}

/**
 * hdaemu_codec_data_route() - the route of an engine's data, now
 * @engine: an allocated engine
 * @route: out: the route; HDAEMU_ROUTE_NONE when no converter meets it
 *
 * Context: process context, bus->lock held; takes codec locks.
 */
void hdaemu_codec_data_route(struct hdaemu_engine *engine, struct hdaemu_data_route *route)
{
	const struct hdaemu_pin_source *src;
	struct hdaemu_codec *codec;
	u8 address, nid;
	bool mismatch;
	u32 pin;

	memset(route, 0, sizeof(*route));
	route->route = HDAEMU_ROUTE_NONE;
	if (!engine->bus->codecs ||
	    hdaemu_codec_engine_route(engine, &address, &nid, &mismatch))
		return;
	route->route = mismatch ? HDAEMU_ROUTE_MISMATCH : HDAEMU_ROUTE_CONVERTER;
	route->codec_address = address;
	route->converter_nid = nid;
	if (engine->direction != HDAEMU_DIR_CAPTURE)
		return;

	codec = engine->bus->codecs->codec[address];
	mutex_lock(&codec->lock);
	pin = hdaemu_source_walk(codec, nid, HDAEMU_WID_PIN);
	if (!pin || !(hdaemu_source_state(codec, pin)->pinctl & HDAEMU_PINCTL_IN_EN))
		goto out;
	src = &hdaemu_source_state(codec, pin)->source;
	route->pin_nid = pin;
	route->source = src->kind;
	if (src->kind == HDAEMU_SOURCE_TONE) {
		/* Phase in 2^32 per cycle: one division here, none per sample. */
		route->tone_step = div_u64((u64)src->tone_hz << 32,
					   engine->params.format.sample_rate);
		route->tone_amplitude = div_u64((u64)src->tone_level * S32_MAX,
						HDAEMU_TONE_FULL_SCALE);
	} else if (src->kind == HDAEMU_SOURCE_LOOPBACK) {
		route->loop_from = hdaemu_source_player(codec, src->loopback_nid);
	}
out:
	mutex_unlock(&codec->lock);
}

/* The codec and pin an ioctl names, or an errno. */
static int hdaemu_source_pin(struct hdaemu_bus *bus, u32 address, u32 nid, u32 pincap,
			     struct hdaemu_codec **codec)
{
	const struct hdaemu_widget_desc *d;

	if (!bus->codecs || address >= HDAEMU_MAX_CODECS || !bus->codecs->codec[address])
		return -ENODEV;
	*codec = bus->codecs->codec[address];
	d = hdaemu_codec_widget(*codec, nid);
	if (!d)
		return -ENOENT;
	if (!hdaemu_is_pin(d) || !(d->pincaps & pincap))
		return -EINVAL;
	return 0;
}

/**
 * hdaemu_codec_set_source() - set what an input pin hears
 * @bus: the controller
 * @in: the pin and its source, as userspace gives them
 *
 * The routes of running engines follow at once.
 *
 * Context: process context.
 * Return: 0; -ENODEV (no codec at the address), -ENOENT (no such node),
 * -EINVAL (not an input pin, an unknown source, a value out of range, a
 * loopback from something else than an output pin of the codec, or
 * nonzero unused fields).
 */
int hdaemu_codec_set_source(struct hdaemu_bus *bus, const struct hdaemu_input_source *in)
{
	struct hdaemu_pin_source src = { .kind = in->source };
	struct hdaemu_codec *codec, *out_codec;
	int ret;

	if (in->flags || in->pad || in->reserved[0] || in->reserved[1])
		return -EINVAL;
	ret = hdaemu_source_pin(bus, in->codec_address, in->nid, HDAEMU_PINCAP_IN, &codec);
	if (ret)
		return ret;
	switch (in->source) {
	case HDAEMU_SOURCE_SILENCE:
	case HDAEMU_SOURCE_RAMP:
		if (in->tone_hz || in->tone_level || in->loopback_nid)
			return -EINVAL;
		break;
	case HDAEMU_SOURCE_TONE:
		if (!in->tone_hz || in->tone_hz > HDAEMU_TONE_MAX_HZ || !in->tone_level ||
		    in->tone_level > HDAEMU_TONE_FULL_SCALE || in->loopback_nid)
			return -EINVAL;
		src.tone_hz = in->tone_hz;
		src.tone_level = in->tone_level;
		break;
	case HDAEMU_SOURCE_LOOPBACK:
		if (in->tone_hz || in->tone_level)
			return -EINVAL;
		ret = hdaemu_source_pin(bus, in->codec_address, in->loopback_nid,
					HDAEMU_PINCAP_OUT, &out_codec);
		if (ret)
			return -EINVAL;
		src.loopback_nid = in->loopback_nid;
		break;
	default:
		return -EINVAL;
	}
	mutex_lock(&codec->lock);
	hdaemu_source_state(codec, in->nid)->source = src;
	mutex_unlock(&codec->lock);
	hdaemu_data_reroute(bus);
	return 0;
}

/**
 * hdaemu_codec_get_source() - read what an input pin hears
 * @bus: the controller
 * @io: in: the codec address and pin; out: its source fields
 *
 * Context: process context.
 * Return: 0, -ENODEV (no codec at the address), -ENOENT (no such node),
 * -EINVAL (not an input pin, or nonzero flags or reserved fields).
 */
int hdaemu_codec_get_source(struct hdaemu_bus *bus, struct hdaemu_input_source *io)
{
	struct hdaemu_pin_source src;
	struct hdaemu_codec *codec;
	int ret;

	if (io->flags || io->pad || io->reserved[0] || io->reserved[1])
		return -EINVAL;
	ret = hdaemu_source_pin(bus, io->codec_address, io->nid, HDAEMU_PINCAP_IN, &codec);
	if (ret)
		return ret;
	mutex_lock(&codec->lock);
	src = hdaemu_source_state(codec, io->nid)->source;
	mutex_unlock(&codec->lock);
	io->source = src.kind;
	io->tone_hz = src.tone_hz;
	io->tone_level = src.tone_level;
	io->loopback_nid = src.loopback_nid;
	return 0;
}
