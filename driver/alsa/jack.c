// SPDX-License-Identifier: GPL-2.0
/*
 * snd-hdaemu - jack detection from unsolicited responses.
 *
 * Each pin with presence detect becomes an ALSA jack (an input device and
 * a "... Jack" control). The card registers one tag for unsolicited
 * responses and enables it on those pins; when one arrives, every jack
 * pin's sense is read by verb and reported, as a response says only that
 * something changed on the tag. The initial state is read the same way.
 */
#include <sound/hda_verbs.h>

#include "snd_hdaemu.h"

static void hsnd_jack_update(struct hsnd_card *chip)
{
	unsigned int i;
	u32 sense;

	mutex_lock(&chip->codec_lock);
	for (i = 0; i < chip->num_jacks; i++) {
		struct hsnd_jack *jack = &chip->jacks[i];

		if (hsnd_verb(chip, jack->nid, AC_VERB_GET_PIN_SENSE, 0, &sense))
			continue;
		snd_jack_report(jack->jack, sense & AC_PINSENSE_PRESENCE ? jack->type : 0);
	}
	mutex_unlock(&chip->codec_lock);
}

/* The bus's unsolicited response work: process context, one at a time. */
static void hsnd_jack_unsol(u64 response, void *context)
{
	hsnd_jack_update(context);
}

/**
 * hsnd_jack_create() - an ALSA jack for each pin with presence detect
 * @chip: the card, its codec probed, not yet registered
 *
 * Context: process context.
 * Return: 0 or a negative errno.
 */
int hsnd_jack_create(struct hsnd_card *chip)
{
	unsigned int i;
	int ret;

	for (i = 0; i < chip->num_jacks; i++) {
		struct hsnd_jack *jack = &chip->jacks[i];

		ret = snd_jack_new(chip->card, jack->name, jack->type, &jack->jack, true, false);
		if (ret)
			return ret;
	}
	return 0;
}

/**
 * hsnd_jack_enable() - take a tag, enable it on the jack pins, read the jacks
 * @chip: the card, registered
 *
 * Context: process context.
 * Return: 0 or a negative errno; on error nothing stays registered.
 */
int hsnd_jack_enable(struct hsnd_card *chip)
{
	struct hdaemu_bus_interface *bi = chip->bi;
	unsigned int i;
	int ret;

	if (!chip->num_jacks)
		return 0;
	ret = bi->register_event_callback(bi->context, hsnd_jack_unsol, chip, &chip->unsol_tag);
	if (ret)
		return ret;
	chip->unsol_registered = true;
	for (i = 0; i < chip->num_jacks && !ret; i++)
		ret = hsnd_verb(chip, chip->jacks[i].nid, AC_VERB_SET_UNSOLICITED_ENABLE,
				AC_USRSP_EN | chip->unsol_tag, NULL);
	if (ret) {
		hsnd_jack_disable(chip);
		return ret;
	}
	hsnd_jack_update(chip);
	return 0;
}

/**
 * hsnd_jack_disable() - stop the unsolicited responses of the card
 * @chip: the card
 *
 * On return the callback does not run and will not run again.
 *
 * Context: process context.
 */
void hsnd_jack_disable(struct hsnd_card *chip)
{
	struct hdaemu_bus_interface *bi = chip->bi;
	unsigned int i;

	if (!chip->unsol_registered)
		return;
	for (i = 0; i < chip->num_jacks; i++)
		hsnd_verb(chip, chip->jacks[i].nid, AC_VERB_SET_UNSOLICITED_ENABLE, 0, NULL);
	bi->unregister_event_callback(bi->context, chip->unsol_tag);
	chip->unsol_registered = false;
}
