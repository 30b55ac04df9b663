// SPDX-License-Identifier: GPL-2.0
/*
 * snd-hdaemu - mixer controls on the codec's amplifiers.
 *
 * Each amplifier found at probe gives a volume control (with its dB scale
 * from the amplifier's capabilities) and, when it can mute, a switch. The
 * controls keep no copy of the values: get reads the amplifier with
 * GET_AMP_GAIN_MUTE and put writes it with SET_AMP_GAIN_MUTE, so what
 * ALSA shows is what the codec holds. Gain and mute share one verb, so put
 * reads the other half first, under codec_lock.
 */
#include <sound/control.h>
#include <sound/hda_verbs.h>
#include <sound/tlv.h>

#include "snd_hdaemu.h"

#define HSND_CTL_SWITCH		BIT(8)

static struct hsnd_amp *hsnd_ctl_amp(struct snd_kcontrol *kcontrol)
{
	struct hsnd_card *chip = snd_kcontrol_chip(kcontrol);

	return &chip->amps[kcontrol->private_value & 0xff];
}

static bool hsnd_ctl_is_switch(struct snd_kcontrol *kcontrol)
{
	return kcontrol->private_value & HSND_CTL_SWITCH;
}

static int hsnd_ctl_info(struct snd_kcontrol *kcontrol, struct snd_ctl_elem_info *uinfo)
{
	struct hsnd_amp *amp = hsnd_ctl_amp(kcontrol);

	uinfo->count = amp->stereo ? 2 : 1;
	if (hsnd_ctl_is_switch(kcontrol)) {
		uinfo->type = SNDRV_CTL_ELEM_TYPE_BOOLEAN;
		uinfo->value.integer.min = 0;
		uinfo->value.integer.max = 1;
	} else {
		uinfo->type = SNDRV_CTL_ELEM_TYPE_INTEGER;
		uinfo->value.integer.min = 0;
		uinfo->value.integer.max = amp->steps;
	}
	return 0;
}

/* A switch is on when the amplifier is not muted. */
static long hsnd_ctl_value(struct snd_kcontrol *kcontrol, u32 raw)
{
	if (hsnd_ctl_is_switch(kcontrol))
		return !(raw & AC_AMP_MUTE);
	return raw & AC_AMP_GAIN;
}

static int hsnd_ctl_get(struct snd_kcontrol *kcontrol, struct snd_ctl_elem_value *ucontrol)
{
	struct hsnd_card *chip = snd_kcontrol_chip(kcontrol);
	struct hsnd_amp *amp = hsnd_ctl_amp(kcontrol);
	unsigned int ch;
	int ret = 0;
	u32 raw;

	mutex_lock(&chip->codec_lock);
	for (ch = 0; ch < (amp->stereo ? 2 : 1) && !ret; ch++) {
		ret = hsnd_amp_get(chip, amp, ch == 0, &raw);
		if (!ret)
			ucontrol->value.integer.value[ch] = hsnd_ctl_value(kcontrol, raw);
	}
	mutex_unlock(&chip->codec_lock);
	return ret;
}

static int hsnd_ctl_put(struct snd_kcontrol *kcontrol, struct snd_ctl_elem_value *ucontrol)
{
	struct hsnd_card *chip = snd_kcontrol_chip(kcontrol);
	struct hsnd_amp *amp = hsnd_ctl_amp(kcontrol);
	bool is_switch = hsnd_ctl_is_switch(kcontrol);
	long max = is_switch ? 1 : amp->steps;
	unsigned int ch, channels = amp->stereo ? 2 : 1;
	int ret = 0, changed = 0;
	u32 raw, next;

	/* Out of range is an error, not a clamp: nothing is written. */
	for (ch = 0; ch < channels; ch++) {
		long v = ucontrol->value.integer.value[ch];

		if (v < 0 || v > max)
			return -EINVAL;
	}
	mutex_lock(&chip->codec_lock);
	for (ch = 0; ch < channels && !ret; ch++) {
		long v = ucontrol->value.integer.value[ch];

		ret = hsnd_amp_get(chip, amp, ch == 0, &raw);
		if (ret)
			break;
		if (is_switch)
			next = (raw & AC_AMP_GAIN) | (v ? 0 : AC_AMP_MUTE);
		else
			next = (raw & AC_AMP_MUTE) | v;
		if (next == raw)
			continue;
		ret = hsnd_amp_set(chip, amp, ch == 0, next);
		changed = 1;
	}
	mutex_unlock(&chip->codec_lock);
	return ret ? ret : changed;
}

static int hsnd_ctl_add(struct hsnd_card *chip, unsigned int index, bool is_switch)
{
	struct hsnd_amp *amp = &chip->amps[index];
	struct snd_kcontrol_new tmpl = {
		.iface = SNDRV_CTL_ELEM_IFACE_MIXER,
		.access = SNDRV_CTL_ELEM_ACCESS_READWRITE,
		.info = hsnd_ctl_info,
		.get = hsnd_ctl_get,
		.put = hsnd_ctl_put,
		.private_value = index | (is_switch ? HSND_CTL_SWITCH : 0),
	};
	char name[SNDRV_CTL_ELEM_ID_NAME_MAXLEN];

	snprintf(name, sizeof(name), "%s %s", amp->name, is_switch ? "Switch" : "Volume");
	tmpl.name = name;
	if (!is_switch) {
		tmpl.access |= SNDRV_CTL_ELEM_ACCESS_TLV_READ;
		tmpl.tlv.p = amp->tlv;
	}
	return snd_ctl_add(chip->card, snd_ctl_new1(&tmpl, chip));
}

/**
 * hsnd_mixer_create() - the volume and switch controls of the amplifiers
 * @chip: the card, its codec probed
 *
 * Context: process context.
 * Return: 0 or a negative errno.
 */
int hsnd_mixer_create(struct hsnd_card *chip)
{
	unsigned int i;
	int ret = 0;

	strscpy(chip->card->mixername, "hdaemu", sizeof(chip->card->mixername));
	for (i = 0; i < chip->num_amps && !ret; i++) {
		const struct hsnd_amp *amp = &chip->amps[i];

		if (amp->steps)
			ret = hsnd_ctl_add(chip, i, false);
		if (!ret && amp->has_mute && !amp->volume_only)
			ret = hsnd_ctl_add(chip, i, true);
	}
	return ret;
}
