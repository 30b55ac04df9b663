// SPDX-License-Identifier: GPL-2.0
/*
 * hdaemu - stream formats and the HDA stream format word.
 *
 * The format word (SDnFMT, a converter's SET_STREAM_FORMAT payload, the
 * reference's HDAUDIO_CONVERTER_FORMAT) encodes a rate as a 48 or 44.1 kHz
 * base times 1..4 divided by 1..8, the sample size in three bits and the
 * channel count less one. A format it cannot encode is refused.
 */
#include <linux/errno.h>
#include <linux/kernel.h>

#include "hdaemu.h"

#define FMT_BASE_44K		BIT(14)
#define FMT_MULT_SHIFT		11
#define FMT_DIV_SHIFT		8
#define FMT_BITS_SHIFT		4

/* Find the first exact base * mult / div; 0 when the rate has none. */
static u16 hdaemu_format_rate_bits(u32 rate)
{
	static const u32 bases[] = { 48000, 44100 };
	unsigned int b, mult, div;

	for (b = 0; b < ARRAY_SIZE(bases); b++) {
		for (mult = 1; mult <= 4; mult++) {
			for (div = 1; div <= 8; div++) {
				u32 num = bases[b] * mult;

				if (num % div || num / div != rate)
					continue;
				return (b ? FMT_BASE_44K : 0) |
				       (mult - 1) << FMT_MULT_SHIFT |
				       (div - 1) << FMT_DIV_SHIFT;
			}
		}
	}
	return 0;
}

/* The BITS field for a sample size and its container; -1 when invalid. */
static int hdaemu_format_bits(u16 valid, u16 container)
{
	switch (valid) {
	case 8:
		return container == 8 ? 0 : -1;
	case 16:
		return container == 16 ? 1 : -1;
	case 20:
		return container == 32 ? 2 : -1;
	case 24:
		return container == 32 ? 3 : -1;
	case 32:
		return container == 32 ? 4 : -1;
	default:
		return -1;
	}
}

/**
 * hdaemu_format_parse() - validate a stream format and derive its geometry
 * @format: the format asked for
 * @params: filled on success
 *
 * Context: any.
 * Return: 0, or -EINVAL for a format the HDA format word cannot express.
 */
int hdaemu_format_parse(const struct hdaemu_format *format,
			struct hdaemu_stream_params *params)
{
	u16 rate_bits;
	int bits;

	if (format->channels < 1 || format->channels > 16)
		return -EINVAL;
	bits = hdaemu_format_bits(format->valid_bits, format->container_bits);
	if (bits < 0)
		return -EINVAL;
	if (format->sample_rate == 0 || format->sample_rate > 4 * 48000)
		return -EINVAL;
	/* 48 kHz itself encodes as 0, so test the rate, not the bits. */
	rate_bits = hdaemu_format_rate_bits(format->sample_rate);
	if (!rate_bits && format->sample_rate != 48000)
		return -EINVAL;

	params->format = *format;
	params->converter_format = rate_bits | bits << FMT_BITS_SHIFT |
				   (format->channels - 1);
	params->frame_bytes = format->channels * (format->container_bits / 8);
	params->link_words = DIV_ROUND_UP(format->sample_rate * format->channels *
					  format->valid_bits, 48000 * 16);
	return 0;
}
