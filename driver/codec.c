// SPDX-License-Identifier: GPL-2.0
/*
 * hdaemu - emulated codecs: verb decoding and execution, runtime state.
 *
 * A verb is decoded once and checked in three steps, each of which can end
 * it without a response, as on a real link where the codec stays silent:
 * the node must exist, the node must support the verb (by its type and
 * capabilities in the model table) and the payload must be in range. A
 * silent verb changes nothing and is counted. Everything a verb sets is
 * kept in the widget's state and read back by the matching get verb.
 * Locking: codec.h.
 */
#include <linux/bitfield.h>
#include <linux/slab.h>

#include "codec.h"
#include "trace.h"

/* Verbs with 12-bit ids. */
#define VERB_GET_PARAMETER	0xf00
#define VERB_GET_CONNECT_SEL	0xf01
#define VERB_GET_CONNECT_LIST	0xf02
#define VERB_GET_POWER_STATE	0xf05
#define VERB_GET_CONV		0xf06
#define VERB_GET_PIN_WIDGET	0xf07
#define VERB_GET_UNSOL		0xf08
#define VERB_GET_PIN_SENSE	0xf09
#define VERB_GET_EAPD		0xf0c
#define VERB_GET_CONFIG		0xf1c
#define VERB_GET_SUBSYSTEM_ID	0xf20
#define VERB_SET_CONNECT_SEL	0x701
#define VERB_SET_POWER_STATE	0x705
#define VERB_SET_CONV		0x706
#define VERB_SET_PIN_WIDGET	0x707
#define VERB_SET_UNSOL		0x708
#define VERB_EXEC_PIN_SENSE	0x709
#define VERB_SET_EAPD		0x70c
#define VERB_SET_CONFIG_0	0x71c
#define VERB_SET_CONFIG_3	0x71f
#define VERB_FG_RESET		0x7ff
/* Verbs with 4-bit ids and 16-bit payloads. */
#define VERB4_SET_FORMAT	0x2
#define VERB4_SET_AMP		0x3
#define VERB4_GET_FORMAT	0xa
#define VERB4_GET_AMP		0xb

/* GET_PARAMETER ids. */
#define PAR_VENDOR_ID		0x00
#define PAR_SUBSYSTEM_ID	0x01
#define PAR_REV_ID		0x02
#define PAR_NODE_COUNT		0x04
#define PAR_FG_TYPE		0x05
#define PAR_AFG_CAPS		0x08
#define PAR_WIDGET_CAPS		0x09
#define PAR_PCM			0x0a
#define PAR_STREAM		0x0b
#define PAR_PIN_CAPS		0x0c
#define PAR_AMP_IN_CAPS		0x0d
#define PAR_CONNLIST_LEN	0x0e
#define PAR_POWER_STATE		0x0f
#define PAR_PROC_CAPS		0x10
#define PAR_GPIO_CAPS		0x11
#define PAR_AMP_OUT_CAPS	0x12
#define PAR_VOL_KNOB_CAPS	0x13

#define AMP_NUM_STEPS(caps)	(((caps) >> 8) & 0x7f)

/* Why a verb got no response. */
enum hdaemu_verb_result {
	HDAEMU_VERB_OK,
	HDAEMU_VERB_NO_NODE,
	HDAEMU_VERB_UNSUPPORTED,
	HDAEMU_VERB_BAD_PAYLOAD,
};

/* A decoded command. */
struct hdaemu_verb_cmd {
	u8 nid;
	u16 verb;	/* 12-bit id, or the 4-bit id in 11:8 */
	u16 payload;	/* 8 or 16 bits */
};

/**
 * hdaemu_codec_widget() - a widget of a codec's model by node
 * @codec: the codec
 * @nid: a node id
 *
 * Context: any.
 * Return: the widget's description, or NULL if @nid is not a widget.
 */
const struct hdaemu_widget_desc *hdaemu_codec_widget(const struct hdaemu_codec *codec, u32 nid)
{
	const struct hdaemu_codec_model *m = codec->model;

	if (nid < m->first_nid || nid >= m->first_nid + m->num_widgets)
		return NULL;
	return &m->widgets[nid - m->first_nid];
}

/* Input amplifiers a widget has: one per connection, one on a pin. */
static u32 hdaemu_amp_in_count(const struct hdaemu_widget_desc *d)
{
	if (hdaemu_is_pin(d) || !d->num_conns)
		return 1;
	return d->num_conns;
}

static u32 hdaemu_amp_caps(const struct hdaemu_codec *codec, const struct hdaemu_widget_desc *d,
			   bool out)
{
	/* Without the override bit, a widget's amps are the AFG's (none here). */
	if (!(d->caps & HDAEMU_WCAP_AMP_OVRD))
		return 0;
	return out ? d->amp_out_caps : d->amp_in_caps;
}

static void hdaemu_widget_reset(const struct hdaemu_widget_desc *d,
				struct hdaemu_widget_state *w)
{
	struct hdaemu_pin_source source = w->source;
	bool present = w->present;
	u32 i;

	memset(w, 0, sizeof(*w));
	w->present = present;
	w->source = source;
	w->pinctl = d->pinctl;
	w->config_default = d->config_default;
	/* 16-bit stereo 48 kHz, the converter's format after reset. */
	w->format = hdaemu_is_converter(d) ? 0x0011 : 0;
	/* Amplifiers come up muted, gain 0, as most codecs do. */
	for (i = 0; i < HDAEMU_MAX_CONNS * 2; i++)
		w->amp_in[i / 2][i % 2] = (d->amp_in_caps & BIT(31)) ? 0x80 : 0;
	for (i = 0; i < 2; i++)
		w->amp_out[i] = (d->amp_out_caps & BIT(31)) ? 0x80 : 0;
}

static void hdaemu_codec_reset(struct hdaemu_codec *codec)
{
	u32 i;

	codec->afg_power = 0;
	for (i = 0; i < codec->model->num_widgets; i++)
		hdaemu_widget_reset(&codec->model->widgets[i], &codec->widgets[i]);
}

static enum hdaemu_verb_result hdaemu_root_param(const struct hdaemu_codec *codec, u8 param,
						 u32 *res)
{
	const struct hdaemu_codec_model *m = codec->model;

	switch (param) {
	case PAR_VENDOR_ID:
		*res = m->vendor_id;
		break;
	case PAR_SUBSYSTEM_ID:
		*res = m->subsystem_id;
		break;
	case PAR_REV_ID:
		*res = m->revision_id;
		break;
	case PAR_NODE_COUNT:
		*res = (u32)m->afg_nid << 16 | 1;
		break;
	default:
		*res = 0;	/* parameters a node does not have read 0 */
		break;
	}
	return HDAEMU_VERB_OK;
}

static enum hdaemu_verb_result hdaemu_afg_param(const struct hdaemu_codec *codec, u8 param,
						u32 *res)
{
	const struct hdaemu_codec_model *m = codec->model;

	switch (param) {
	case PAR_SUBSYSTEM_ID:
		*res = m->subsystem_id;
		break;
	case PAR_NODE_COUNT:
		*res = (u32)m->first_nid << 16 | m->num_widgets;
		break;
	case PAR_FG_TYPE:
		*res = BIT(8) | 0x01;	/* audio, unsolicited capable */
		break;
	case PAR_AFG_CAPS:
		*res = m->afg_caps;
		break;
	case PAR_PCM:
		*res = m->afg_pcm;
		break;
	case PAR_STREAM:
		*res = m->afg_formats;
		break;
	case PAR_POWER_STATE:
		*res = m->power_states;
		break;
	case PAR_GPIO_CAPS:
		*res = m->gpio;
		break;
	default:
		*res = 0;
		break;
	}
	return HDAEMU_VERB_OK;
}

static enum hdaemu_verb_result hdaemu_widget_param(const struct hdaemu_codec *codec,
						   const struct hdaemu_widget_desc *d, u8 param,
						   u32 *res)
{
	bool conv = hdaemu_is_converter(d);

	*res = 0;
	switch (param) {
	case PAR_WIDGET_CAPS:
		*res = d->caps;
		break;
	case PAR_PCM:
		if (conv)
			*res = (d->caps & HDAEMU_WCAP_FORMAT_OVRD) ? d->pcm : codec->model->afg_pcm;
		break;
	case PAR_STREAM:
		if (conv)
			*res = (d->caps & HDAEMU_WCAP_FORMAT_OVRD) ? d->formats :
				codec->model->afg_formats;
		break;
	case PAR_PIN_CAPS:
		if (hdaemu_is_pin(d))
			*res = d->pincaps;
		break;
	case PAR_AMP_IN_CAPS:
		if (d->caps & HDAEMU_WCAP_IN_AMP)
			*res = hdaemu_amp_caps(codec, d, false);
		break;
	case PAR_AMP_OUT_CAPS:
		if (d->caps & HDAEMU_WCAP_OUT_AMP)
			*res = hdaemu_amp_caps(codec, d, true);
		break;
	case PAR_CONNLIST_LEN:
		if (d->caps & HDAEMU_WCAP_CONN_LIST)
			*res = d->num_conns;
		break;
	case PAR_POWER_STATE:
		if (d->caps & HDAEMU_WCAP_POWER)
			*res = codec->model->power_states;
		break;
	default:
		break;
	}
	return HDAEMU_VERB_OK;
}

static enum hdaemu_verb_result hdaemu_power_verb(u8 *setting, u8 floor,
						 const struct hdaemu_verb_cmd *c, u32 *res)
{
	if (c->verb == VERB_GET_POWER_STATE) {
		/* Actual: never above the function group's state. */
		*res = *setting | max(*setting, floor) << 4;
		return HDAEMU_VERB_OK;
	}
	if (c->payload > 3)
		return HDAEMU_VERB_BAD_PAYLOAD;
	*setting = c->payload;
	return HDAEMU_VERB_OK;
}

static enum hdaemu_verb_result hdaemu_afg_verb(struct hdaemu_codec *codec,
					       const struct hdaemu_verb_cmd *c, u32 *res)
{
	switch (c->verb) {
	case VERB_GET_PARAMETER:
		return hdaemu_afg_param(codec, c->payload, res);
	case VERB_GET_SUBSYSTEM_ID:
		*res = codec->model->subsystem_id;
		return HDAEMU_VERB_OK;
	case VERB_GET_POWER_STATE:
	case VERB_SET_POWER_STATE:
		return hdaemu_power_verb(&codec->afg_power, 0, c, res);
	case VERB_FG_RESET:
		hdaemu_codec_reset(codec);
		return HDAEMU_VERB_OK;
	default:
		return HDAEMU_VERB_UNSUPPORTED;
	}
}

/* Amplifier get (4-bit verb 0xB) and set (0x3). */
static enum hdaemu_verb_result hdaemu_amp_verb(struct hdaemu_codec *codec,
					       const struct hdaemu_widget_desc *d,
					       struct hdaemu_widget_state *w,
					       const struct hdaemu_verb_cmd *c, u32 *res)
{
	bool has_in = d->caps & HDAEMU_WCAP_IN_AMP, has_out = d->caps & HDAEMU_WCAP_OUT_AMP;
	u16 p = c->payload;
	u32 index, caps, side;

	if (c->verb >> 8 == VERB4_GET_AMP) {
		bool out = p & BIT(15);

		index = p & 0xf;
		side = (p & BIT(13)) ? 0 : 1;
		if (out ? !has_out : !has_in)
			return HDAEMU_VERB_UNSUPPORTED;
		if (out ? index : index >= hdaemu_amp_in_count(d))
			return HDAEMU_VERB_BAD_PAYLOAD;
		if (!(d->caps & HDAEMU_WCAP_STEREO))
			side = 0;
		*res = out ? w->amp_out[side] : w->amp_in[index][side];
		return HDAEMU_VERB_OK;
	}

	/* Set: output 15, input 14, left 13, right 12, index 11:8, mute 7, gain 6:0. */
	index = (p >> 8) & 0xf;
	if (!(p & (BIT(15) | BIT(14))) || !(p & (BIT(13) | BIT(12))))
		return HDAEMU_VERB_BAD_PAYLOAD;
	if (((p & BIT(15)) && !has_out) || ((p & BIT(14)) && !has_in))
		return HDAEMU_VERB_UNSUPPORTED;
	if ((p & BIT(15)) && index)
		return HDAEMU_VERB_BAD_PAYLOAD;
	if ((p & BIT(14)) && index >= hdaemu_amp_in_count(d))
		return HDAEMU_VERB_BAD_PAYLOAD;
	/* The gain must be a step the amplifier has; mute only if it can. */
	caps = (p & BIT(15)) ? hdaemu_amp_caps(codec, d, true) : 0;
	if (p & BIT(14))
		caps = hdaemu_amp_caps(codec, d, false);
	if ((p & BIT(15)) && (p & BIT(14)))
		caps = min(AMP_NUM_STEPS(hdaemu_amp_caps(codec, d, true)),
			   AMP_NUM_STEPS(hdaemu_amp_caps(codec, d, false))) << 8 |
		       (hdaemu_amp_caps(codec, d, true) & hdaemu_amp_caps(codec, d, false) &
			BIT(31));
	if ((p & 0x7f) > AMP_NUM_STEPS(caps) || ((p & BIT(7)) && !(caps & BIT(31))))
		return HDAEMU_VERB_BAD_PAYLOAD;
	for (side = 0; side < 2; side++) {
		if (!(p & (side ? BIT(12) : BIT(13))))
			continue;
		if (p & BIT(15))
			w->amp_out[side] = p & 0xff;
		if (p & BIT(14))
			w->amp_in[index][side] = p & 0xff;
	}
	return HDAEMU_VERB_OK;
}

static enum hdaemu_verb_result hdaemu_format_verb(const struct hdaemu_codec *codec,
						  const struct hdaemu_widget_desc *d,
						  struct hdaemu_widget_state *w,
						  const struct hdaemu_verb_cmd *c, u32 *res)
{
	u32 pcm = (d->caps & HDAEMU_WCAP_FORMAT_OVRD) ? d->pcm : codec->model->afg_pcm;
	u32 bits = (c->payload >> 4) & 0x7;

	if (!hdaemu_is_converter(d))
		return HDAEMU_VERB_UNSUPPORTED;
	if (c->verb >> 8 == VERB4_GET_FORMAT) {
		*res = w->format;
		return HDAEMU_VERB_OK;
	}
	/* PCM only, a sample size the converter has, bit 7 reserved. */
	if ((c->payload & (BIT(15) | BIT(7))) || bits > 4 || !(pcm & BIT(16 + bits)))
		return HDAEMU_VERB_BAD_PAYLOAD;
	w->format = c->payload;
	return HDAEMU_VERB_OK;
}

static enum hdaemu_verb_result hdaemu_widget_verb(struct hdaemu_codec *codec,
						  const struct hdaemu_widget_desc *d,
						  struct hdaemu_widget_state *w,
						  const struct hdaemu_verb_cmd *c, u32 *res)
{
	bool conn = (d->caps & HDAEMU_WCAP_CONN_LIST) && d->num_conns;
	bool pin = hdaemu_is_pin(d);
	u8 p = c->payload;
	u32 i;

	switch (c->verb >> 8) {
	case VERB4_GET_AMP:
	case VERB4_SET_AMP:
		return hdaemu_amp_verb(codec, d, w, c, res);
	case VERB4_GET_FORMAT:
	case VERB4_SET_FORMAT:
		return hdaemu_format_verb(codec, d, w, c, res);
	}

	switch (c->verb) {
	case VERB_GET_PARAMETER:
		return hdaemu_widget_param(codec, d, p, res);
	case VERB_GET_CONNECT_SEL:
	case VERB_SET_CONNECT_SEL:
		/* Mixers sum their inputs: nothing to select. */
		if (!conn || hdaemu_widget_type(d) == HDAEMU_WID_AUD_MIX)
			return HDAEMU_VERB_UNSUPPORTED;
		if (c->verb == VERB_GET_CONNECT_SEL) {
			*res = w->conn_sel;
			return HDAEMU_VERB_OK;
		}
		if (p >= d->num_conns)
			return HDAEMU_VERB_BAD_PAYLOAD;
		w->conn_sel = p;
		return HDAEMU_VERB_OK;
	case VERB_GET_CONNECT_LIST:
		/* Short form: four entries from the multiple of 4 at or below @p. */
		if (!conn)
			return HDAEMU_VERB_UNSUPPORTED;
		if (p >= d->num_conns)
			return HDAEMU_VERB_BAD_PAYLOAD;
		*res = 0;
		for (i = 0; i < 4 && (p & ~3u) + i < d->num_conns; i++)
			*res |= (u32)d->conns[(p & ~3u) + i] << (8 * i);
		return HDAEMU_VERB_OK;
	case VERB_GET_POWER_STATE:
	case VERB_SET_POWER_STATE:
		if (!(d->caps & HDAEMU_WCAP_POWER))
			return HDAEMU_VERB_UNSUPPORTED;
		return hdaemu_power_verb(&w->power, codec->afg_power, c, res);
	case VERB_GET_CONV:
	case VERB_SET_CONV:
		if (!hdaemu_is_converter(d))
			return HDAEMU_VERB_UNSUPPORTED;
		if (c->verb == VERB_GET_CONV)
			*res = w->stream_channel;
		else
			w->stream_channel = p;
		return HDAEMU_VERB_OK;
	case VERB_GET_PIN_WIDGET:
	case VERB_SET_PIN_WIDGET:
		if (!pin)
			return HDAEMU_VERB_UNSUPPORTED;
		if (c->verb == VERB_GET_PIN_WIDGET) {
			*res = w->pinctl;
			return HDAEMU_VERB_OK;
		}
		/* Bits 4:3 are reserved; out, in and HP only where the pin has them. */
		if ((p & 0x18) || ((p & BIT(6)) && !(d->pincaps & HDAEMU_PINCAP_OUT)) ||
		    ((p & BIT(5)) && !(d->pincaps & HDAEMU_PINCAP_IN)) ||
		    ((p & BIT(7)) && !(d->pincaps & HDAEMU_PINCAP_HP_DRIVE)))
			return HDAEMU_VERB_BAD_PAYLOAD;
		w->pinctl = p;
		return HDAEMU_VERB_OK;
	case VERB_GET_UNSOL:
	case VERB_SET_UNSOL:
		if (!(d->caps & HDAEMU_WCAP_UNSOL))
			return HDAEMU_VERB_UNSUPPORTED;
		if (c->verb == VERB_GET_UNSOL) {
			*res = w->unsol;
			return HDAEMU_VERB_OK;
		}
		if (p & BIT(6))
			return HDAEMU_VERB_BAD_PAYLOAD;
		w->unsol = p;
		return HDAEMU_VERB_OK;
	case VERB_GET_PIN_SENSE:
	case VERB_EXEC_PIN_SENSE:
		if (!pin || !(d->pincaps & HDAEMU_PINCAP_PRES_DETECT))
			return HDAEMU_VERB_UNSUPPORTED;
		if (c->verb == VERB_GET_PIN_SENSE)
			*res = w->present ? BIT(31) : 0;
		return HDAEMU_VERB_OK;
	case VERB_GET_EAPD:
	case VERB_SET_EAPD:
		if (!pin || !(d->pincaps & HDAEMU_PINCAP_EAPD))
			return HDAEMU_VERB_UNSUPPORTED;
		if (c->verb == VERB_GET_EAPD) {
			*res = w->eapd;
			return HDAEMU_VERB_OK;
		}
		if (p & ~7u)
			return HDAEMU_VERB_BAD_PAYLOAD;
		w->eapd = p;
		return HDAEMU_VERB_OK;
	case VERB_GET_CONFIG:
		if (!pin)
			return HDAEMU_VERB_UNSUPPORTED;
		*res = w->config_default;
		return HDAEMU_VERB_OK;
	case VERB_SET_CONFIG_0 ... VERB_SET_CONFIG_3:
		if (!pin)
			return HDAEMU_VERB_UNSUPPORTED;
		i = (c->verb - VERB_SET_CONFIG_0) * 8;
		w->config_default = (w->config_default & ~(0xffu << i)) | (u32)p << i;
		return HDAEMU_VERB_OK;
	default:
		return HDAEMU_VERB_UNSUPPORTED;
	}
}

static enum hdaemu_verb_result hdaemu_codec_verb(struct hdaemu_codec *codec,
						 const struct hdaemu_verb_cmd *c, u32 *res)
{
	const struct hdaemu_widget_desc *d;

	lockdep_assert_held(&codec->lock);
	*res = 0;
	if (c->nid == 0) {
		if (c->verb != VERB_GET_PARAMETER)
			return HDAEMU_VERB_UNSUPPORTED;
		return hdaemu_root_param(codec, c->payload, res);
	}
	if (c->nid == codec->model->afg_nid)
		return hdaemu_afg_verb(codec, c, res);
	d = hdaemu_codec_widget(codec, c->nid);
	if (!d)
		return HDAEMU_VERB_NO_NODE;
	return hdaemu_widget_verb(codec, d, &codec->widgets[d - codec->model->widgets], c, res);
}

/**
 * hdaemu_codec_exec() - send one command on the link and take its response
 * @bus: the controller
 * @command: the 32-bit command
 *
 * A verb to an address without a codec, with the indirect node bit, to a
 * node the codec does not have, that the node does not support or with a
 * payload out of range gets no response: HDAEMU_RESPONSE_VALID is clear
 * and HDAEMU_RESPONSE_OVERRUN too (the codec did not answer). Each such
 * verb is counted.
 *
 * Context: process context; takes the codec's lock.
 * Return: the 64-bit response.
 */
u64 hdaemu_codec_exec(struct hdaemu_bus *bus, u32 command)
{
	struct hdaemu_codecs *codecs = bus->codecs;
	u32 address = command >> 28, res = 0;
	enum hdaemu_verb_result r;
	u64 response;
	struct hdaemu_verb_cmd c;
	struct hdaemu_codec *codec;

	might_sleep();
	if (address >= HDAEMU_MAX_CODECS || !codecs->codec[address]) {
		if (address < HDAEMU_MAX_CODECS)
			atomic64_inc(&codecs->no_codec[address]);
		trace_hdaemu_verb(command, 0);
		return 0;
	}
	codec = codecs->codec[address];
	c.nid = (command >> 20) & 0x7f;
	c.verb = (command >> 8) & 0xfff;
	c.payload = command & 0xff;
	/* Verbs 0x7xx and 0xfxx carry 8 bits; the others 4-bit ids and 16 bits. */
	if ((c.verb & 0x700) != 0x700) {
		c.verb &= 0xf00;
		c.payload = command & 0xffff;
	}

	mutex_lock(&codec->lock);
	codec->counters.verbs++;
	if (command & BIT(27))		/* indirect node addressing: no such node */
		r = HDAEMU_VERB_NO_NODE;
	else
		r = hdaemu_codec_verb(codec, &c, &res);
	if (r == HDAEMU_VERB_NO_NODE)
		codec->counters.no_node++;
	else if (r == HDAEMU_VERB_UNSUPPORTED)
		codec->counters.unsupported++;
	else if (r == HDAEMU_VERB_BAD_PAYLOAD)
		codec->counters.bad_payload++;
	mutex_unlock(&codec->lock);
	response = r == HDAEMU_VERB_OK ?
		   HDAEMU_RESPONSE_VALID | (u64)address << HDAEMU_RESPONSE_SDI_SHIFT | res : 0;
	trace_hdaemu_verb(command, response);
	return response;
}

/* An asynchronous transfer, queued on codecs->wq. */
struct hdaemu_transfer_work {
	struct work_struct work;
	struct hdaemu_bus *bus;
	unsigned int count;
	struct hdaemu_codec_transfer *transfers;
	hdaemu_transfer_complete_fn callback;
	void *callback_context;
};

static void hdaemu_transfer_run(struct hdaemu_bus *bus, unsigned int count,
				struct hdaemu_codec_transfer *transfers)
{
	unsigned int i;

	for (i = 0; i < count; i++)
		transfers[i].response = hdaemu_codec_exec(bus, transfers[i].command);
	/* Verbs may have moved a stream tag, a selector or a pin: follow them. */
	hdaemu_data_reroute(bus);
}

static void hdaemu_transfer_work_fn(struct work_struct *work)
{
	struct hdaemu_transfer_work *tw = container_of(work, struct hdaemu_transfer_work, work);

	hdaemu_transfer_run(tw->bus, tw->count, tw->transfers);
	tw->callback(tw->transfers, tw->callback_context);
	kfree(tw);
}

/**
 * hdaemu_codec_transfer() - TransferCodecVerbs
 * @client: the caller
 * @count: verbs, 1..HDAEMU_MAX_VERBS
 * @transfers: @count commands; each response is written beside its command
 * @callback: NULL to transfer now; else called when all are done
 * @callback_context: its argument
 *
 * The verbs run in array order. Asynchronous transfers run on an ordered
 * workqueue, so one client's transfers complete in submission order; the
 * caller must not read the responses before @callback runs, and the array
 * must live until then. Closing the client waits for them.
 *
 * Context: process context without @callback; any context with one.
 * Return: 0, -EINVAL for a bad @count or a NULL @transfers, -ENOMEM.
 */
int hdaemu_codec_transfer(struct hdaemu_client *client, unsigned int count,
			  struct hdaemu_codec_transfer *transfers,
			  hdaemu_transfer_complete_fn callback, void *callback_context)
{
	struct hdaemu_transfer_work *tw;

	if (!count || count > HDAEMU_MAX_VERBS || !transfers)
		return -EINVAL;
	if (hdaemu_client_gone(client))
		return -ENODEV;
	if (!callback) {
		hdaemu_transfer_run(client->bus, count, transfers);
		return 0;
	}
	tw = kzalloc(sizeof(*tw), GFP_ATOMIC);
	if (!tw)
		return -ENOMEM;
	INIT_WORK(&tw->work, hdaemu_transfer_work_fn);
	tw->bus = client->bus;
	tw->count = count;
	tw->transfers = transfers;
	tw->callback = callback;
	tw->callback_context = callback_context;
	queue_work(client->bus->codecs->wq, &tw->work);
	return 0;
}

/**
 * hdaemu_codec_client_close() - end a closing client's codec business
 * @client: the client
 *
 * Waits for the asynchronous transfers queued so far (the client's among
 * them) and ends its unsolicited response registrations.
 *
 * Context: process context, not from a transfer or unsolicited callback.
 */
void hdaemu_codec_client_close(struct hdaemu_client *client)
{
	if (!client->bus->codecs)
		return;
	flush_workqueue(client->bus->codecs->wq);
	hdaemu_unsol_client_close(client);
}

/**
 * hdaemu_route_find() - the engine a converter meets
 * @bus: the controller
 * @address: the converter's codec
 * @r: in: the converter's direction, stream tag and format; out: the
 *	engine's index (U32_MAX when none) and whether the formats differ
 *
 * Context: process context, bus->lock held.
 */
void hdaemu_route_find(struct hdaemu_bus *bus, u8 address, struct hdaemu_converter_route *r)
{
	u32 i;

	lockdep_assert_held(&bus->lock);
	r->engine_index = U32_MAX;
	r->mismatch = false;
	if (!r->stream_tag)
		return;
	for (i = 0; i < bus->num_engines; i++) {
		struct hdaemu_engine *e = &bus->engines[i];

		if (!e->owner || e->direction != r->direction || e->stream_tag != r->stream_tag)
			continue;
		/* Capture data comes on the codec's own SDI line. */
		if (e->direction == HDAEMU_DIR_CAPTURE && e->codec_address != address)
			continue;
		r->engine_index = e->index;
		r->mismatch = e->params.converter_format != r->format;
		return;
	}
}

/**
 * hdaemu_codec_routes() - a codec's converters and the engines they meet
 * @bus: the controller
 * @address: the codec
 * @routes: room for @capacity entries, filled in node order
 * @capacity: entries of @routes
 *
 * A converter meets the allocated engine of its direction whose stream tag
 * it is set to (a capture engine also on its codec's address); a format
 * that differs from the engine's converter format is a mismatch.
 *
 * Context: process context; takes the codec's lock, then bus->lock.
 * Return: the number of converters (may exceed @capacity), or -ENODEV.
 */
int hdaemu_codec_routes(struct hdaemu_bus *bus, u8 address,
			struct hdaemu_converter_route *routes, unsigned int capacity)
{
	struct hdaemu_codec *codec;
	unsigned int i, n = 0;

	if (address >= HDAEMU_MAX_CODECS || !bus->codecs->codec[address])
		return -ENODEV;
	codec = bus->codecs->codec[address];
	mutex_lock(&codec->lock);
	for (i = 0; i < codec->model->num_widgets; i++) {
		const struct hdaemu_widget_desc *d = &codec->model->widgets[i];
		const struct hdaemu_widget_state *w = &codec->widgets[i];
		struct hdaemu_converter_route *r;

		if (!hdaemu_is_converter(d))
			continue;
		if (n++ >= capacity)
			continue;
		r = &routes[n - 1];
		r->nid = codec->model->first_nid + i;
		r->direction = hdaemu_widget_type(d) == HDAEMU_WID_AUD_OUT ?
			       HDAEMU_DIR_RENDER : HDAEMU_DIR_CAPTURE;
		r->stream_tag = w->stream_channel >> 4;
		r->channel = w->stream_channel & 0xf;
		r->format = w->format;
	}
	mutex_unlock(&codec->lock);
	/* Snapshot first: codec->lock never nests outside bus->lock. */
	mutex_lock(&bus->lock);
	for (i = 0; i < min(n, capacity); i++)
		hdaemu_route_find(bus, address, &routes[i]);
	mutex_unlock(&bus->lock);
	return n;
}

/**
 * hdaemu_codec_engine_route() - the converter an engine's data goes to
 * @engine: an allocated engine
 * @address: out: the codec of the converter
 * @nid: out: the converter's node
 * @mismatch: out: its format differs from the engine's converter format
 *
 * For the data path: the first converter, by codec address and node, that
 * is set to the engine's stream tag and direction.
 *
 * Context: process context; the caller holds bus->lock (the engine's tag
 * and format are stable under it). Takes codec locks inside it.
 * Return: 0, or -ENOENT when no converter meets the engine.
 */
int hdaemu_codec_engine_route(struct hdaemu_engine *engine, u8 *address, u8 *nid,
			      bool *mismatch)
{
	struct hdaemu_bus *bus = engine->bus;
	u32 a, i;

	lockdep_assert_held(&bus->lock);
	if (!engine->owner)
		return -ENOENT;
	for (a = 0; a < HDAEMU_MAX_CODECS; a++) {
		struct hdaemu_codec *codec = bus->codecs->codec[a];
		int ret = -ENOENT;

		if (!codec)
			continue;
		if (engine->direction == HDAEMU_DIR_CAPTURE && engine->codec_address != a)
			continue;
		mutex_lock(&codec->lock);
		for (i = 0; i < codec->model->num_widgets && ret; i++) {
			const struct hdaemu_widget_desc *d = &codec->model->widgets[i];
			const struct hdaemu_widget_state *w = &codec->widgets[i];
			u32 dir = hdaemu_widget_type(d) == HDAEMU_WID_AUD_OUT ?
				  HDAEMU_DIR_RENDER : HDAEMU_DIR_CAPTURE;

			if (!hdaemu_is_converter(d) || dir != engine->direction ||
			    w->stream_channel >> 4 != engine->stream_tag)
				continue;
			*address = a;
			*nid = codec->model->first_nid + i;
			*mismatch = w->format != engine->params.converter_format;
			ret = 0;
		}
		mutex_unlock(&codec->lock);
		if (!ret)
			return 0;
	}
	return -ENOENT;
}

static struct hdaemu_codec *hdaemu_codec_create(struct hdaemu_bus *bus, u8 address,
						const struct hdaemu_codec_model *model)
{
	struct hdaemu_codec *codec = kzalloc(sizeof(*codec), GFP_KERNEL);

	if (!codec)
		return NULL;
	codec->widgets = kcalloc(model->num_widgets, sizeof(*codec->widgets), GFP_KERNEL);
	if (!codec->widgets) {
		kfree(codec);
		return NULL;
	}
	codec->bus = bus;
	codec->address = address;
	codec->model = model;
	mutex_init(&codec->lock);
	hdaemu_codec_reset(codec);
	return codec;
}

/**
 * hdaemu_codecs_create() - put the codecs on the link
 * @bus: the controller
 * @mask: codec addresses present, bits 0..14, at least one
 * @models: model names by position in @mask (lowest address first); NULL
 *	or missing entries mean the default model
 * @num_models: entries of @models
 *
 * Sets bus->codec_mask to @mask.
 *
 * Context: process context (module init), before any client exists.
 * Return: 0, -EINVAL for an empty or too wide @mask or an unknown model,
 * -ENOMEM.
 */
int hdaemu_codecs_create(struct hdaemu_bus *bus, u32 mask, const char *const *models,
			 unsigned int num_models)
{
	struct hdaemu_codecs *codecs;
	unsigned int n = 0;
	u32 a;

	if (!mask || mask >= BIT(HDAEMU_MAX_CODECS))
		return -EINVAL;
	codecs = kzalloc(sizeof(*codecs), GFP_KERNEL);
	if (!codecs)
		return -ENOMEM;
	codecs->wq = alloc_ordered_workqueue("hdaemu_codec", 0);
	if (!codecs->wq) {
		kfree(codecs);
		return -ENOMEM;
	}
	hdaemu_unsol_init(codecs);
	bus->codecs = codecs;
	for (a = 0; a < HDAEMU_MAX_CODECS; a++) {
		const struct hdaemu_codec_model *model;

		if (!(mask & BIT(a)))
			continue;
		model = hdaemu_codec_model_find(n < num_models ? models[n] : NULL);
		n++;
		if (!model) {
			hdaemu_codecs_destroy(bus);
			return -EINVAL;
		}
		codecs->codec[a] = hdaemu_codec_create(bus, a, model);
		if (!codecs->codec[a]) {
			hdaemu_codecs_destroy(bus);
			return -ENOMEM;
		}
	}
	bus->codec_mask = mask;
	return 0;
}

/**
 * hdaemu_codecs_destroy() - take the codecs off the link
 * @bus: the controller, with no client left
 *
 * Context: process context (module exit or a failed init).
 */
void hdaemu_codecs_destroy(struct hdaemu_bus *bus)
{
	struct hdaemu_codecs *codecs = bus->codecs;
	u32 a;

	if (!codecs)
		return;
	cancel_work_sync(&codecs->unsol_work);
	destroy_workqueue(codecs->wq);
	for (a = 0; a < HDAEMU_MAX_CODECS; a++) {
		if (!codecs->codec[a])
			continue;
		mutex_destroy(&codecs->codec[a]->lock);
		kfree(codecs->codec[a]->widgets);
		kfree(codecs->codec[a]);
	}
	mutex_destroy(&codecs->unsol_lock);
	bus->codecs = NULL;
	kfree(codecs);
}
