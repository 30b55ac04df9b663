// SPDX-License-Identifier: GPL-2.0
/*
 * hdaemu - the codec models: one table per model, nothing else.
 *
 * "generic" is a small desktop codec: two DACs (line out, headphone), two
 * ADCs (a selector between mic and line in, and line in alone), four jacks
 * with presence detect and unsolicited responses. "mini" is the smallest
 * duplex codec: a DAC to a line out, a mic to an ADC. A new model is a new
 * table and a line in hdaemu_codec_models[].
 */
#include <linux/kernel.h>
#include <linux/string.h>

#include "codec.h"

/* 16/20/24-bit, 44.1 to 192 kHz. */
#define PCM_DEFAULT	(BIT(17) | BIT(18) | BIT(19) | 0x7e0)
/* 16-bit, 48 kHz. */
#define PCM_MINI	(BIT(17) | BIT(6))
#define FMT_PCM		BIT(0)
/* Amplifiers: mute capable, step 0.75 dB (2), 0x4a steps, 0 dB at 0x40. */
#define AMP_OUT		(BIT(31) | 2 << 16 | 0x4a << 8 | 0x40)
/* An input boost: 0x3 steps of 10 dB, no mute. */
#define AMP_BOOST	(39 << 16 | 0x03 << 8)
/* An ADC's capture volume: mute capable, 0x1f steps of 1.5 dB. */
#define AMP_CAPTURE	(BIT(31) | 5 << 16 | 0x1f << 8 | 0x10)

#define DAC_CAPS	(HDAEMU_WCAP_TYPE(HDAEMU_WID_AUD_OUT) | HDAEMU_WCAP_STEREO | \
			 HDAEMU_WCAP_OUT_AMP | HDAEMU_WCAP_AMP_OVRD | \
			 HDAEMU_WCAP_FORMAT_OVRD | HDAEMU_WCAP_POWER)
#define ADC_CAPS	(HDAEMU_WCAP_TYPE(HDAEMU_WID_AUD_IN) | HDAEMU_WCAP_STEREO | \
			 HDAEMU_WCAP_IN_AMP | HDAEMU_WCAP_AMP_OVRD | \
			 HDAEMU_WCAP_FORMAT_OVRD | HDAEMU_WCAP_CONN_LIST | HDAEMU_WCAP_POWER)
#define PIN_CAPS	(HDAEMU_WCAP_TYPE(HDAEMU_WID_PIN) | HDAEMU_WCAP_STEREO | \
			 HDAEMU_WCAP_UNSOL | HDAEMU_WCAP_CONN_LIST)

static const struct hdaemu_widget_desc hdaemu_generic_widgets[] = {
	{	/* NID 2 */
		.name = "DAC0", .caps = DAC_CAPS, .pcm = PCM_DEFAULT, .formats = FMT_PCM,
		.amp_out_caps = AMP_OUT,
	}, {	/* NID 3 */
		.name = "DAC1", .caps = DAC_CAPS, .pcm = PCM_DEFAULT, .formats = FMT_PCM,
		.amp_out_caps = AMP_OUT,
	}, {	/* NID 4: a selector between the mic and the line in */
		.name = "ADC0", .caps = ADC_CAPS, .pcm = PCM_DEFAULT, .formats = FMT_PCM,
		.amp_in_caps = AMP_CAPTURE, .num_conns = 2, .conns = { 8, 9 },
	}, {	/* NID 5 */
		.name = "ADC1", .caps = ADC_CAPS, .pcm = PCM_DEFAULT, .formats = FMT_PCM,
		.amp_in_caps = AMP_CAPTURE, .num_conns = 1, .conns = { 9 },
	}, {	/* NID 6: rear green 1/8" jack */
		.name = "Line Out", .caps = PIN_CAPS | HDAEMU_WCAP_OUT_AMP | HDAEMU_WCAP_AMP_OVRD,
		.pincaps = HDAEMU_PINCAP_PRES_DETECT | HDAEMU_PINCAP_OUT | HDAEMU_PINCAP_EAPD,
		.amp_out_caps = BIT(31), .config_default = 0x01014010, .pinctl = 0x40,
		.num_conns = 1, .conns = { 2 },
	}, {	/* NID 7: front green jack, either DAC */
		.name = "Headphone", .caps = PIN_CAPS | HDAEMU_WCAP_OUT_AMP | HDAEMU_WCAP_AMP_OVRD,
		.pincaps = HDAEMU_PINCAP_PRES_DETECT | HDAEMU_PINCAP_HP_DRIVE | HDAEMU_PINCAP_OUT,
		.amp_out_caps = BIT(31), .config_default = 0x02214020, .pinctl = 0xc0,
		.num_conns = 2, .conns = { 3, 2 },
	}, {	/* NID 8: front pink jack, with a boost and VREF 50/80 */
		.name = "Mic", .caps = (PIN_CAPS & ~HDAEMU_WCAP_CONN_LIST) |
				       HDAEMU_WCAP_IN_AMP | HDAEMU_WCAP_AMP_OVRD,
		.pincaps = HDAEMU_PINCAP_PRES_DETECT | HDAEMU_PINCAP_IN | 0x1600,
		.amp_in_caps = AMP_BOOST, .config_default = 0x02a19030, .pinctl = 0x24,
	}, {	/* NID 9: rear blue jack */
		.name = "Line In", .caps = PIN_CAPS & ~HDAEMU_WCAP_CONN_LIST,
		.pincaps = HDAEMU_PINCAP_PRES_DETECT | HDAEMU_PINCAP_IN,
		.config_default = 0x01813040, .pinctl = 0x20,
	},
};

static const struct hdaemu_widget_desc hdaemu_mini_widgets[] = {
	{	/* NID 2 */
		.name = "DAC", .caps = DAC_CAPS & ~HDAEMU_WCAP_POWER, .pcm = PCM_MINI,
		.formats = FMT_PCM, .amp_out_caps = AMP_OUT,
	}, {	/* NID 3 */
		.name = "ADC", .caps = ADC_CAPS & ~HDAEMU_WCAP_POWER, .pcm = PCM_MINI,
		.formats = FMT_PCM, .amp_in_caps = AMP_CAPTURE, .num_conns = 1, .conns = { 5 },
	}, {	/* NID 4: rear green, no presence detect */
		.name = "Line Out", .caps = HDAEMU_WCAP_TYPE(HDAEMU_WID_PIN) |
					    HDAEMU_WCAP_STEREO | HDAEMU_WCAP_CONN_LIST,
		.pincaps = HDAEMU_PINCAP_OUT, .config_default = 0x01014010, .pinctl = 0x40,
		.num_conns = 1, .conns = { 2 },
	}, {	/* NID 5: front pink, mono */
		.name = "Mic", .caps = HDAEMU_WCAP_TYPE(HDAEMU_WID_PIN) | HDAEMU_WCAP_UNSOL,
		.pincaps = HDAEMU_PINCAP_PRES_DETECT | HDAEMU_PINCAP_IN,
		.config_default = 0x02a19030, .pinctl = 0x20,
	},
};

static const struct hdaemu_codec_model hdaemu_codec_models[] = {
	{
		.name = "generic",
		.vendor_id = 0x1af40030, .subsystem_id = 0x1af40030,
		.revision_id = 0x00100101, .afg_nid = 1, .afg_caps = 0x00000808,
		.afg_pcm = PCM_DEFAULT, .afg_formats = FMT_PCM, .power_states = 0xf,
		.gpio = 0, .first_nid = 2,
		.num_widgets = ARRAY_SIZE(hdaemu_generic_widgets),
		.widgets = hdaemu_generic_widgets,
	}, {
		.name = "mini",
		.vendor_id = 0x1af40031, .subsystem_id = 0x1af40031,
		.revision_id = 0x00100101, .afg_nid = 1, .afg_caps = 0x00000808,
		.afg_pcm = PCM_MINI, .afg_formats = FMT_PCM, .power_states = 0x9,
		.gpio = 0x00000002, .first_nid = 2,
		.num_widgets = ARRAY_SIZE(hdaemu_mini_widgets),
		.widgets = hdaemu_mini_widgets,
	},
};

/**
 * hdaemu_codec_model_find() - a codec model by name
 * @name: the model's name; NULL or "" for the default, "generic"
 *
 * Context: any.
 * Return: the model, or NULL if there is none of that name.
 */
const struct hdaemu_codec_model *hdaemu_codec_model_find(const char *name)
{
	unsigned int i;

	if (!name || !*name)
		return &hdaemu_codec_models[0];
	for (i = 0; i < ARRAY_SIZE(hdaemu_codec_models); i++)
		if (sysfs_streq(name, hdaemu_codec_models[i].name))
			return &hdaemu_codec_models[i];
	return NULL;
}
