// SPDX-License-Identifier: GPL-2.0
/*
 * snd-hdaemu - the codec: topology by verbs, paths, amplifiers, converters.
 *
 * Everything here goes through transfer_codec_verbs, as an HDA function
 * driver reaches its codec through the CORB and RIRB; nothing reads the
 * emulator's tables. The topology is walked once at probe: the first DAC
 * that an output pin (line out, speaker, headphone) connects to directly
 * becomes the playback converter, routed to every output pin that can
 * select it; the first ADC that takes an input pin directly (a microphone
 * before a line in) becomes the capture converter.
 */
#include <linux/bits.h>
#include <linux/slab.h>
#include <sound/hda_verbs.h>
#include <sound/tlv.h>

#include "snd_hdaemu.h"

#define HSND_MAX_WIDGETS	64

struct hsnd_widget {
	u8 nid;
	u8 type;
	u32 wcaps;
	u32 pincap;
	u32 defcfg;
	u8 conns[HSND_MAX_CONNS];
	unsigned int num_conns;
};

struct hsnd_topology {
	struct hsnd_widget *w;
	unsigned int count;
};

/**
 * hsnd_verb() - send one verb to the card's codec and take its answer
 * @chip: the card
 * @nid: the node
 * @verb: a 12-bit verb (0x7xx, 0xfxx) or a 4-bit one shifted to 0xN00
 * @payload: 8 or 16 bits, by the verb
 * @response: out: the codec's 32-bit answer, or NULL
 *
 * Context: process context (the transfer is synchronous).
 * Return: 0, -EIO when the codec did not answer, or the bus's error.
 */
int hsnd_verb(struct hsnd_card *chip, u8 nid, u32 verb, u32 payload, u32 *response)
{
	struct hdaemu_codec_transfer t = {
		.command = (u32)chip->addr << 28 | (u32)nid << 20 | verb << 8 | payload,
	};
	int ret;

	ret = chip->bi->transfer_codec_verbs(chip->bi->context, 1, &t, NULL, NULL);
	if (ret)
		return ret;
	if (!(t.response & HDAEMU_RESPONSE_VALID))
		return -EIO;
	if (response)
		*response = lower_32_bits(t.response);
	return 0;
}

static int hsnd_param(struct hsnd_card *chip, u8 nid, u32 param, u32 *value)
{
	return hsnd_verb(chip, nid, AC_VERB_PARAMETERS, param, value);
}

static int hsnd_read_conns(struct hsnd_card *chip, struct hsnd_widget *w)
{
	unsigned int i, n;
	u32 len, entries;
	int ret;

	w->num_conns = 0;
	if (!(w->wcaps & AC_WCAP_CONN_LIST))
		return 0;
	ret = hsnd_param(chip, w->nid, AC_PAR_CONNLIST_LEN, &len);
	if (ret)
		return ret;
	/* Long-form lists and ranges: no emulated codec has them; skip. */
	if (len & AC_CLIST_LONG)
		return 0;
	n = min_t(unsigned int, len & AC_CLIST_LENGTH, HSND_MAX_CONNS);
	for (i = 0; i < n; i++) {
		if (i % 4 == 0) {
			ret = hsnd_verb(chip, w->nid, AC_VERB_GET_CONNECT_LIST, i, &entries);
			if (ret)
				return ret;
		}
		w->conns[i] = (entries >> (8 * (i % 4))) & 0x7f;
	}
	w->num_conns = n;
	return 0;
}

static int hsnd_read_topology(struct hsnd_card *chip, struct hsnd_topology *topo)
{
	unsigned int i, start;
	u32 nodes;
	int ret;

	ret = hsnd_param(chip, chip->afg, AC_PAR_NODE_COUNT, &nodes);
	if (ret)
		return ret;
	start = (nodes >> 16) & 0xff;
	topo->count = min_t(unsigned int, nodes & 0xff, HSND_MAX_WIDGETS);
	topo->w = kcalloc(topo->count, sizeof(*topo->w), GFP_KERNEL);
	if (!topo->w)
		return -ENOMEM;
	for (i = 0; i < topo->count; i++) {
		struct hsnd_widget *w = &topo->w[i];

		w->nid = start + i;
		ret = hsnd_param(chip, w->nid, AC_PAR_AUDIO_WIDGET_CAP, &w->wcaps);
		if (ret)
			return ret;
		w->type = (w->wcaps & AC_WCAP_TYPE) >> AC_WCAP_TYPE_SHIFT;
		if (w->type == AC_WID_PIN) {
			ret = hsnd_param(chip, w->nid, AC_PAR_PIN_CAP, &w->pincap);
			if (!ret)
				ret = hsnd_verb(chip, w->nid, AC_VERB_GET_CONFIG_DEFAULT, 0,
						&w->defcfg);
			if (ret)
				return ret;
		}
		ret = hsnd_read_conns(chip, w);
		if (ret)
			return ret;
	}
	return 0;
}

static struct hsnd_widget *hsnd_widget(struct hsnd_topology *topo, u8 nid)
{
	unsigned int i;

	for (i = 0; i < topo->count; i++)
		if (topo->w[i].nid == nid)
			return &topo->w[i];
	return NULL;
}

static unsigned int hsnd_pin_device(const struct hsnd_widget *w)
{
	return (w->defcfg & AC_DEFCFG_DEVICE) >> AC_DEFCFG_DEVICE_SHIFT;
}

static bool hsnd_pin_connected(const struct hsnd_widget *w)
{
	return w->type == AC_WID_PIN &&
	       (w->defcfg & AC_DEFCFG_PORT_CONN) >> AC_DEFCFG_PORT_CONN_SHIFT != AC_JACK_PORT_NONE;
}

static bool hsnd_is_out_pin(const struct hsnd_widget *w)
{
	unsigned int dev = hsnd_pin_device(w);

	return hsnd_pin_connected(w) && (w->pincap & AC_PINCAP_OUT) &&
	       (dev == AC_JACK_LINE_OUT || dev == AC_JACK_SPEAKER || dev == AC_JACK_HP_OUT);
}

static bool hsnd_is_in_pin(const struct hsnd_widget *w)
{
	unsigned int dev = hsnd_pin_device(w);

	return hsnd_pin_connected(w) && (w->pincap & AC_PINCAP_IN) &&
	       (dev == AC_JACK_MIC_IN || dev == AC_JACK_LINE_IN);
}

/* Index of @nid in @w's connection list, or -1. */
static int hsnd_conn_index(const struct hsnd_widget *w, u8 nid)
{
	unsigned int i;

	for (i = 0; i < w->num_conns; i++)
		if (w->conns[i] == nid)
			return i;
	return -1;
}

static const unsigned int hsnd_pcm_rates[] = {
	8000, 11025, 16000, 22050, 32000, 44100, 48000, 88200, 96000, 176400, 192000,
};

/* A converter's rates, sizes and channels, as its PCM parameter says. */
static int hsnd_read_formats(struct hsnd_card *chip, const struct hsnd_widget *conv,
			     struct hsnd_path *path)
{
	u32 pcm = 0;
	unsigned int i;
	int ret;

	if (conv->wcaps & AC_WCAP_FORMAT_OVRD)
		ret = hsnd_param(chip, conv->nid, AC_PAR_PCM, &pcm);
	else
		ret = hsnd_param(chip, chip->afg, AC_PAR_PCM, &pcm);
	if (ret)
		return ret;
	path->rates = 0;
	for (i = 0; i < ARRAY_SIZE(hsnd_pcm_rates); i++)
		if (pcm & BIT(i))
			path->rates |= snd_pcm_rate_to_rate_bit(hsnd_pcm_rates[i]);
	path->formats = 0;
	path->msbits = 0;
	if (pcm & AC_SUPPCM_BITS_16)
		path->formats |= SNDRV_PCM_FMTBIT_S16_LE;
	/* Wider samples travel in 32-bit containers, as on real links. */
	if (pcm & AC_SUPPCM_BITS_32)
		path->msbits = 32;
	else if (pcm & AC_SUPPCM_BITS_24)
		path->msbits = 24;
	else if (pcm & AC_SUPPCM_BITS_20)
		path->msbits = 20;
	if (path->msbits)
		path->formats |= SNDRV_PCM_FMTBIT_S32_LE;
	path->channels_max = (((conv->wcaps & AC_WCAP_CHAN_CNT_EXT) >> 13) << 1) +
			     (conv->wcaps & AC_WCAP_STEREO) + 1;
	if (!path->rates || !path->formats)
		return -ENODEV;
	return 0;
}

static int hsnd_amp_caps(struct hsnd_card *chip, const struct hsnd_widget *w, bool output,
			 u32 *caps)
{
	u8 nid = w->wcaps & AC_WCAP_AMP_OVRD ? w->nid : chip->afg;

	return hsnd_param(chip, nid, output ? AC_PAR_AMP_OUT_CAP : AC_PAR_AMP_IN_CAP, caps);
}

/* Add a mixer amplifier when @w has one in that direction. */
static int hsnd_add_amp(struct hsnd_card *chip, const struct hsnd_widget *w, bool output,
			u8 index, const char *name, bool volume_only)
{
	struct hsnd_amp *amp;
	unsigned int min_cdb, step_cdb;
	u32 caps;
	int ret;

	if (!(w->wcaps & (output ? AC_WCAP_OUT_AMP : AC_WCAP_IN_AMP)))
		return 0;
	if (chip->num_amps == HSND_MAX_AMPS)
		return 0;
	ret = hsnd_amp_caps(chip, w, output, &caps);
	if (ret)
		return ret;
	amp = &chip->amps[chip->num_amps];
	amp->name = name;
	amp->volume_only = volume_only;
	amp->nid = w->nid;
	amp->index = index;
	amp->output = output;
	amp->stereo = w->wcaps & AC_WCAP_STEREO;
	amp->has_mute = !!(caps & AC_AMPCAP_MUTE);
	amp->steps = (caps & AC_AMPCAP_NUM_STEPS) >> AC_AMPCAP_NUM_STEPS_SHIFT;
	amp->offset = (caps & AC_AMPCAP_OFFSET) >> AC_AMPCAP_OFFSET_SHIFT;
	amp->step_size = (caps & AC_AMPCAP_STEP_SIZE) >> AC_AMPCAP_STEP_SIZE_SHIFT;
	if (!amp->steps && (volume_only || !amp->has_mute))
		return 0;
	/* Steps of (step_size + 1) * 0.25 dB; 0 dB at the offset. */
	step_cdb = (amp->step_size + 1) * 25;
	min_cdb = amp->offset * step_cdb;
	amp->tlv[0] = SNDRV_CTL_TLVT_DB_SCALE;
	amp->tlv[1] = 2 * sizeof(unsigned int);
	amp->tlv[2] = -min_cdb;
	amp->tlv[3] = step_cdb;
	chip->num_amps++;
	return 0;
}

/**
 * hsnd_amp_get() - read one channel of an amplifier by verb
 * @chip: the card
 * @amp: the amplifier
 * @left: the left channel (the only one of a mono amplifier)
 * @value: out: AC_AMP_MUTE and the gain, as the codec answers
 *
 * Context: process context.
 * Return: 0 or the verb's error.
 */
int hsnd_amp_get(struct hsnd_card *chip, const struct hsnd_amp *amp, bool left, u32 *value)
{
	u32 payload = (amp->output ? AC_AMP_GET_OUTPUT : AC_AMP_GET_INPUT) |
		      (left || !amp->stereo ? AC_AMP_GET_LEFT : AC_AMP_GET_RIGHT) | amp->index;
	int ret;

	ret = hsnd_verb(chip, amp->nid, AC_VERB_GET_AMP_GAIN_MUTE, payload, value);
	if (!ret)
		*value &= AC_AMP_MUTE | AC_AMP_GAIN;
	return ret;
}

/**
 * hsnd_amp_set() - write one channel of an amplifier by verb
 * @chip: the card
 * @amp: the amplifier
 * @left: the left channel (the only one of a mono amplifier)
 * @value: AC_AMP_MUTE and the gain
 *
 * Context: process context.
 * Return: 0 or the verb's error.
 */
int hsnd_amp_set(struct hsnd_card *chip, const struct hsnd_amp *amp, bool left, u32 value)
{
	u32 payload = (amp->output ? AC_AMP_SET_OUTPUT : AC_AMP_SET_INPUT) |
		      (left || !amp->stereo ? AC_AMP_SET_LEFT : AC_AMP_SET_RIGHT) |
		      amp->index << AC_AMP_SET_INDEX_SHIFT | value;

	return hsnd_verb(chip, amp->nid, AC_VERB_SET_AMP_GAIN_MUTE, payload, NULL);
}

/* Pick the playback converter and the output pins it can drive. */
static int hsnd_find_out(struct hsnd_card *chip, struct hsnd_topology *topo)
{
	struct hsnd_path *path = &chip->out;
	struct hsnd_widget *dac = NULL;
	unsigned int i, j;

	for (i = 0; i < topo->count && !dac; i++) {
		if (!hsnd_is_out_pin(&topo->w[i]))
			continue;
		for (j = 0; j < topo->w[i].num_conns && !dac; j++) {
			struct hsnd_widget *w = hsnd_widget(topo, topo->w[i].conns[j]);

			if (w && w->type == AC_WID_AUD_OUT)
				dac = w;
		}
	}
	if (!dac)
		return 0;
	path->conv = dac->nid;
	for (i = 0; i < topo->count && path->num_pins < HSND_MAX_JACKS; i++) {
		int idx = hsnd_conn_index(&topo->w[i], dac->nid);

		if (!hsnd_is_out_pin(&topo->w[i]) || idx < 0)
			continue;
		path->pins[path->num_pins] = topo->w[i].nid;
		path->pin_conn[path->num_pins++] = idx;
	}
	if (hsnd_read_formats(chip, dac, path))
		return 0;
	chip->has_out = true;
	return hsnd_add_amp(chip, dac, true, 0, "Master Playback", false);
}

/* Pick the capture converter and its input pin, a microphone first. */
static int hsnd_find_in(struct hsnd_card *chip, struct hsnd_topology *topo)
{
	struct hsnd_path *path = &chip->in;
	struct hsnd_widget *adc = NULL, *pin = NULL;
	unsigned int i, j;
	int idx = -1;

	for (i = 0; i < topo->count && !pin; i++) {
		struct hsnd_widget *w = &topo->w[i];

		if (w->type != AC_WID_AUD_IN)
			continue;
		for (j = 0; j < w->num_conns; j++) {
			struct hsnd_widget *p = hsnd_widget(topo, w->conns[j]);

			if (!p || !hsnd_is_in_pin(p))
				continue;
			if (!pin || hsnd_pin_device(p) == AC_JACK_MIC_IN) {
				adc = w;
				pin = p;
				idx = j;
			}
			if (hsnd_pin_device(p) == AC_JACK_MIC_IN)
				break;
		}
	}
	if (!pin)
		return 0;
	path->conv = adc->nid;
	path->pins[0] = pin->nid;
	path->pin_conn[0] = idx;
	path->num_pins = 1;
	if (hsnd_read_formats(chip, adc, path))
		return 0;
	chip->has_in = true;
	/* The ADC's input amplifier on the chosen input, or its output one. */
	if (adc->wcaps & AC_WCAP_IN_AMP)
		return hsnd_add_amp(chip, adc, false, idx, "Capture", false);
	if (adc->wcaps & AC_WCAP_OUT_AMP)
		return hsnd_add_amp(chip, adc, true, 0, "Capture", false);
	return 0;
}

static const char *hsnd_jack_name(unsigned int dev, int *type)
{
	switch (dev) {
	case AC_JACK_HP_OUT:
		*type = SND_JACK_HEADPHONE;
		return "Headphone";
	case AC_JACK_LINE_OUT:
		*type = SND_JACK_LINEOUT;
		return "Line Out";
	case AC_JACK_SPEAKER:
		*type = SND_JACK_LINEOUT;
		return "Speaker";
	case AC_JACK_MIC_IN:
		*type = SND_JACK_MICROPHONE;
		return "Mic";
	case AC_JACK_LINE_IN:
		*type = SND_JACK_LINEIN;
		return "Line";
	default:
		return NULL;
	}
}

/* Pins with presence detect and unsolicited responses become jacks. */
static void hsnd_find_jacks(struct hsnd_card *chip, struct hsnd_topology *topo)
{
	unsigned int i, j;

	for (i = 0; i < topo->count && chip->num_jacks < HSND_MAX_JACKS; i++) {
		struct hsnd_widget *w = &topo->w[i];
		struct hsnd_jack *jack = &chip->jacks[chip->num_jacks];
		const char *name;
		bool dup = false;

		if (!hsnd_pin_connected(w) || !(w->pincap & AC_PINCAP_PRES_DETECT) ||
		    !(w->wcaps & AC_WCAP_UNSOL_CAP))
			continue;
		name = hsnd_jack_name(hsnd_pin_device(w), &jack->type);
		if (!name)
			continue;
		/* Control names must be unique; a second one of a kind is not reported. */
		for (j = 0; j < chip->num_jacks; j++)
			dup |= !strcmp(chip->jacks[j].name, name);
		if (dup)
			continue;
		jack->nid = w->nid;
		jack->name = name;
		chip->num_jacks++;
	}
}

/* Mic boost: the input amplifier of the capture pin. */
static int hsnd_find_boost(struct hsnd_card *chip, struct hsnd_topology *topo)
{
	struct hsnd_widget *pin;

	if (!chip->has_in)
		return 0;
	pin = hsnd_widget(topo, chip->in.pins[0]);
	if (!pin || hsnd_pin_device(pin) != AC_JACK_MIC_IN)
		return 0;
	return hsnd_add_amp(chip, pin, false, 0, "Mic Boost", true);
}

/* Power up, route the pins, and open the amplifiers at 0 dB. */
static int hsnd_codec_init(struct hsnd_card *chip, struct hsnd_topology *topo)
{
	unsigned int i, ch;
	int ret;

	ret = hsnd_verb(chip, chip->afg, AC_VERB_SET_POWER_STATE, AC_PWRST_D0, NULL);
	for (i = 0; i < topo->count && !ret; i++)
		if (topo->w[i].wcaps & AC_WCAP_POWER)
			ret = hsnd_verb(chip, topo->w[i].nid, AC_VERB_SET_POWER_STATE,
					AC_PWRST_D0, NULL);
	for (i = 0; i < chip->out.num_pins && !ret; i++) {
		struct hsnd_widget *pin = hsnd_widget(topo, chip->out.pins[i]);
		u32 ctl = AC_PINCTL_OUT_EN;

		if (hsnd_pin_device(pin) == AC_JACK_HP_OUT && (pin->pincap & AC_PINCAP_HP_DRV))
			ctl |= AC_PINCTL_HP_EN;
		if (pin->num_conns > 1)
			ret = hsnd_verb(chip, pin->nid, AC_VERB_SET_CONNECT_SEL,
					chip->out.pin_conn[i], NULL);
		if (!ret)
			ret = hsnd_verb(chip, pin->nid, AC_VERB_SET_PIN_WIDGET_CONTROL, ctl, NULL);
		if (!ret && (pin->pincap & AC_PINCAP_EAPD))
			ret = hsnd_verb(chip, pin->nid, AC_VERB_SET_EAPD_BTLENABLE,
					AC_EAPDBTL_EAPD, NULL);
	}
	if (!ret && chip->has_in) {
		struct hsnd_widget *adc = hsnd_widget(topo, chip->in.conv);

		if (adc->num_conns > 1)
			ret = hsnd_verb(chip, adc->nid, AC_VERB_SET_CONNECT_SEL,
					chip->in.pin_conn[0], NULL);
		if (!ret)
			ret = hsnd_verb(chip, chip->in.pins[0], AC_VERB_SET_PIN_WIDGET_CONTROL,
					AC_PINCTL_IN_EN, NULL);
	}
	for (i = 0; i < chip->num_amps && !ret; i++) {
		const struct hsnd_amp *amp = &chip->amps[i];

		for (ch = 0; ch < (amp->stereo ? 2 : 1) && !ret; ch++)
			ret = hsnd_amp_set(chip, amp, ch == 0, min(amp->offset, amp->steps));
	}
	return ret;
}

/**
 * hsnd_codec_probe() - find the card's codec, its paths, amplifiers and jacks
 * @chip: the card, with its bus open
 *
 * Context: process context.
 * Return: 0, -ENODEV when the codec has neither a playback nor a capture
 * path, or a verb's error.
 */
int hsnd_codec_probe(struct hsnd_card *chip)
{
	struct hsnd_topology topo = {};
	int ret;

	chip->bi->get_resource_information(chip->bi->context, &chip->addr, &chip->afg);
	ret = hsnd_read_topology(chip, &topo);
	if (!ret)
		ret = hsnd_find_out(chip, &topo);
	if (!ret)
		ret = hsnd_find_in(chip, &topo);
	if (!ret)
		ret = hsnd_find_boost(chip, &topo);
	if (!ret && !chip->has_out && !chip->has_in)
		ret = -ENODEV;
	if (!ret) {
		hsnd_find_jacks(chip, &topo);
		ret = hsnd_codec_init(chip, &topo);
	}
	kfree(topo.w);
	return ret;
}

/**
 * hsnd_codec_setup_stream() - point a converter at a stream
 * @chip: the card
 * @capture: the ADC, else the DAC
 * @tag: the engine's stream tag
 * @format: the engine's converter format word
 *
 * Context: process context.
 * Return: 0 or a verb's error.
 */
int hsnd_codec_setup_stream(struct hsnd_card *chip, bool capture, u8 tag, u16 format)
{
	u8 conv = capture ? chip->in.conv : chip->out.conv;
	int ret;

	mutex_lock(&chip->codec_lock);
	ret = hsnd_verb(chip, conv, AC_VERB_SET_STREAM_FORMAT, format, NULL);
	if (!ret)
		ret = hsnd_verb(chip, conv, AC_VERB_SET_CHANNEL_STREAMID, tag << 4, NULL);
	mutex_unlock(&chip->codec_lock);
	return ret;
}

/**
 * hsnd_codec_cleanup_stream() - leave a converter idle (stream 0)
 * @chip: the card
 * @capture: the ADC, else the DAC
 *
 * Context: process context.
 */
void hsnd_codec_cleanup_stream(struct hsnd_card *chip, bool capture)
{
	mutex_lock(&chip->codec_lock);
	hsnd_verb(chip, capture ? chip->in.conv : chip->out.conv,
		  AC_VERB_SET_CHANNEL_STREAMID, 0, NULL);
	mutex_unlock(&chip->codec_lock);
}
