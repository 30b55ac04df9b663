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
 * Surprise removal. When the controller is removed (hdaemu-ctl fault
 * remove), the bus calls the client's removed hook, in process context
 * under its mutex, where no bus routine may be called. The hook only
 * marks the card removed (the pointer then reports an xrun) and queues
 * removal_work, which does what a hot-unplugged card's driver does:
 * snd_card_disconnect() (every stream stops, its file answers -ENODEV,
 * the card leaves /proc/asound/cards) and the end of the unsolicited
 * response tag. The platform device stays bound to the disconnected card;
 * unbinding it or unloading the module frees it, and once the controller
 * is back (hdaemu-ctl fault return) a bind or an insmod makes a new card
 * with a new bus client. The old client stays gone for good.
 *
 * Lifetime, in order:
 * - probe: bus open, set_client_events (the client owns no engine yet),
 *   snd_card_new (chip is its private_data), codec and devices, register;
 *   then the removal hook is armed (removal_armed). A removal before that
 *   is remembered in chip->removed and queues the work at arming.
 * - removed hook: under removal_lock, sets removed and, if armed, queues
 *   removal_work. The work runs with the card alive: it is cancelled
 *   (waited for) before the card is freed.
 * - remove (unbind, rmmod) and a failed probe: disarm under removal_lock,
 *   so the hook cannot queue the work again, then cancel_work_sync(); end
 *   the jacks' tag; snd_card_free(), which disconnects the card (if the
 *   work did not) and returns when every file of the card is closed.
 * - private_free (the card's last reference): hdaemu_bus_close(). Until
 *   then the hook may still run (and finds the card disarmed); after it no
 *   hook, IOC or xrun callback runs, and chip goes with the card.
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

/* After a surprise removal: disconnect the card, as hot-unplugged hardware. */
static void hsnd_removal_work(struct work_struct *work)
{
	struct hsnd_card *chip = container_of(work, struct hsnd_card, removal_work);

	dev_info(chip->card->dev, "the bus was removed: disconnecting card %d\n",
		 chip->card->number);
	/* Every verb answers -ENODEV now; this gives the tag back. */
	hsnd_jack_disable(chip);
	snd_card_disconnect(chip->card);
}

/* The bus's removed hook: process context, under the bus's mutex. */
static void hsnd_bus_removed(void *context)
{
	struct hsnd_card *chip = context;

	spin_lock(&chip->removal_lock);
	WRITE_ONCE(chip->removed, true);
	if (chip->removal_armed)
		schedule_work(&chip->removal_work);
	spin_unlock(&chip->removal_lock);
}

/* The bus's xrun hook: any context up to hard interrupt. */
static void hsnd_bus_xrun(void *context, struct hdaemu_engine *engine, u8 slot,
			  const struct hdaemu_xrun *xrun)
{
	hsnd_pcm_xrun(context, engine, xrun);
}

static const struct hdaemu_client_events hsnd_bus_events = {
	.removed = hsnd_bus_removed,
	.xrun = hsnd_bus_xrun,
};

/* The card is registered: from now on a removal disconnects it. */
static void hsnd_removal_arm(struct hsnd_card *chip)
{
	spin_lock(&chip->removal_lock);
	chip->removal_armed = true;
	if (chip->removed)
		schedule_work(&chip->removal_work);
	spin_unlock(&chip->removal_lock);
}

/* Before the card is freed: no removal work runs or will run. */
static void hsnd_removal_disarm(struct hsnd_card *chip)
{
	spin_lock(&chip->removal_lock);
	chip->removal_armed = false;
	spin_unlock(&chip->removal_lock);
	cancel_work_sync(&chip->removal_work);
}

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
	spin_lock_init(&chip->xrun_lock);
	spin_lock_init(&chip->removal_lock);
	INIT_WORK(&chip->removal_work, hsnd_removal_work);
	card->private_free = hsnd_card_private_free;

	/* Before any engine: the bus takes the hooks only then. */
	ret = bi->set_client_events(bi->context, &hsnd_bus_events, chip);
	if (!ret)
		ret = hsnd_codec_probe(chip);
	if (!ret)
		ret = hsnd_pcm_create(chip);
	if (!ret)
		ret = hsnd_mixer_create(chip);
	if (!ret)
		ret = hsnd_jack_create(chip);
	if (!ret)
		ret = hsnd_proc_create(chip);
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
	hsnd_removal_arm(chip);
	return 0;

fail:
	dev_err(&pdev->dev, "cannot create the card: %d\n", ret);
	hsnd_removal_disarm(chip);
	snd_card_free(card);
	return ret;
}

static void hsnd_remove(struct platform_device *pdev)
{
	struct snd_card *card = platform_get_drvdata(pdev);
	struct hsnd_card *chip = card->private_data;

	hsnd_removal_disarm(chip);
	/* No jack report may run into a card being freed. */
	hsnd_jack_disable(chip);
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
