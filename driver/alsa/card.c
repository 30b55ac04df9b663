// SPDX-License-Identifier: GPL-2.0
/*
 * snd-hdaemu - an ALSA sound card on the emulated HD Audio bus.
 *
 * The module makes one platform device per card; probing one opens its
 * own client of the bus, finds the codec's paths by verbs and registers
 * the card: a PCM device (playback and capture), mixer controls on the
 * codec's amplifiers and jacks from unsolicited responses. Unbinding the
 * device (or unloading the module) removes the card; the bus client is
 * closed when the last file of the card is, so a program still holding
 * the card sees it disconnected, as with hot-unplugged hardware.
 *
 * The locking rules are in snd_hdaemu.h.
 */
#include <linux/err.h>
#include <linux/module.h>
#include <linux/platform_device.h>
#include <sound/initval.h>

#include "snd_hdaemu.h"
#include "../compat.h"

#define HSND_DRIVER		"snd_hdaemu"
#define HSND_MAX_CARDS		4

static int index[HSND_MAX_CARDS] = { [0 ... HSND_MAX_CARDS - 1] = -1 };
static char *id[HSND_MAX_CARDS] = { [0 ... HSND_MAX_CARDS - 1] = NULL };
static unsigned int cards = 1;

module_param_array(index, int, NULL, 0444);
MODULE_PARM_DESC(index, "Index value for the hdaemu sound cards.");
module_param_array(id, charp, NULL, 0444);
MODULE_PARM_DESC(id, "ID string for the hdaemu sound cards.");
module_param(cards, uint, 0444);
MODULE_PARM_DESC(cards, "Number of cards, each its own client of the bus (1-4, default 1).");

static struct platform_device *hsnd_devices[HSND_MAX_CARDS];

/* The last reference to the card is gone: no PCM is open any more. */
static void hsnd_card_private_free(struct snd_card *card)
{
	struct hsnd_card *chip = card->private_data;

	if (!IS_ERR_OR_NULL(chip->bi))
		hdaemu_bus_close(chip->bi);
}

static int hsnd_probe(struct platform_device *pdev)
{
	struct hdaemu_bus_interface *bi;
	struct hsnd_card *chip;
	struct snd_card *card;
	int dev = pdev->id;
	int ret;

	bi = hdaemu_bus_open(HDAEMU_BUS_INTERFACE_FULL);
	if (IS_ERR(bi))
		return PTR_ERR(bi);
	ret = snd_card_new(&pdev->dev, index[dev], id[dev], THIS_MODULE, sizeof(*chip), &card);
	if (ret) {
		hdaemu_bus_close(bi);
		return ret;
	}
	chip = card->private_data;
	chip->card = card;
	chip->bi = bi;
	mutex_init(&chip->codec_lock);
	card->private_free = hsnd_card_private_free;

	ret = hsnd_codec_probe(chip);
	if (!ret)
		ret = hsnd_pcm_create(chip);
	if (!ret)
		ret = hsnd_mixer_create(chip);
	if (!ret)
		ret = hsnd_jack_create(chip);
	if (ret)
		goto fail;
	strscpy(card->driver, "hdaemu", sizeof(card->driver));
	strscpy(card->shortname, "hdaemu", sizeof(card->shortname));
	snprintf(card->longname, sizeof(card->longname),
		 "hdaemu emulated HD Audio, codec %u, card %d", chip->addr, dev);
	ret = snd_card_register(card);
	if (!ret)
		ret = hsnd_jack_enable(chip);
	if (ret)
		goto fail;
	platform_set_drvdata(pdev, card);
	return 0;

fail:
	dev_err(&pdev->dev, "cannot create the card: %d\n", ret);
	snd_card_free(card);
	return ret;
}

static void hsnd_remove(struct platform_device *pdev)
{
	struct snd_card *card = platform_get_drvdata(pdev);

	/* No jack report may run into a card being freed. */
	hsnd_jack_disable(card->private_data);
	snd_card_free(card);
}

HDAEMU_COMPAT_PLATFORM_REMOVE(hsnd_remove)

static struct platform_driver hsnd_driver = {
	.probe = hsnd_probe,
	.remove = hsnd_remove_compat,
	.driver = {
		.name = HSND_DRIVER,
	},
};

static void hsnd_unregister_devices(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(hsnd_devices); i++) {
		if (!IS_ERR_OR_NULL(hsnd_devices[i]))
			platform_device_unregister(hsnd_devices[i]);
		hsnd_devices[i] = NULL;
	}
}

static int __init hsnd_init(void)
{
	unsigned int i;
	int ret;

	if (!cards || cards > HSND_MAX_CARDS)
		return -EINVAL;
	ret = platform_driver_register(&hsnd_driver);
	if (ret)
		return ret;
	for (i = 0; i < cards; i++) {
		hsnd_devices[i] = platform_device_register_simple(HSND_DRIVER, i, NULL, 0);
		if (IS_ERR(hsnd_devices[i])) {
			ret = PTR_ERR(hsnd_devices[i]);
			goto fail;
		}
		/* A device without a card (no codec path, bus gone) is no use. */
		if (!platform_get_drvdata(hsnd_devices[i])) {
			ret = -ENODEV;
			goto fail;
		}
	}
	return 0;

fail:
	hsnd_unregister_devices();
	platform_driver_unregister(&hsnd_driver);
	return ret;
}

static void __exit hsnd_exit(void)
{
	hsnd_unregister_devices();
	platform_driver_unregister(&hsnd_driver);
}

module_init(hsnd_init);
module_exit(hsnd_exit);

MODULE_DESCRIPTION("ALSA sound card on the hdaemu emulated HD Audio bus");
MODULE_LICENSE("GPL");
