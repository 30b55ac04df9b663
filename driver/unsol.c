// SPDX-License-Identifier: GPL-2.0
/*
 * hdaemu - unsolicited responses: tags, callbacks, jack injection.
 *
 * RegisterEventCallback gives each callback a tag, unique on the bus (the
 * 6-bit tag field allows 64). A pin whose unsolicited response control is
 * enabled sends a response with its tag in 31:26 when its jack changes;
 * hdaemu_unsol_emit() queues it with the codec's address, and a work item
 * on the codecs' ordered workqueue delivers the queue in order to the
 * callback of the tag, if one is registered (a response with no callback
 * is dropped, as a bus driver drops a tag nobody owns).
 *
 * Locking: codecs->unsol_lock (a mutex) protects codecs->tags and is held
 * while a callback runs, so an unregister, which takes it, returns only
 * when the callback is not running, and no later delivery can find the
 * tag. codecs->fifo_lock (a spinlock) protects the queue of responses;
 * it is taken under codec->lock and under nothing else of ours.
 */
#include <linux/export.h>
#include <linux/slab.h>

#include "codec.h"
#include "trace.h"

static void hdaemu_unsol_deliver(struct work_struct *work)
{
	struct hdaemu_codecs *codecs = container_of(work, struct hdaemu_codecs, unsol_work);
	struct hdaemu_unsol_reg *reg;
	u64 response;

	for (;;) {
		spin_lock(&codecs->fifo_lock);
		if (!codecs->fifo_len) {
			spin_unlock(&codecs->fifo_lock);
			return;
		}
		response = codecs->fifo[codecs->fifo_head];
		codecs->fifo_head = (codecs->fifo_head + 1) % HDAEMU_UNSOL_QUEUE;
		codecs->fifo_len--;
		spin_unlock(&codecs->fifo_lock);

		mutex_lock(&codecs->unsol_lock);
		reg = &codecs->tags[(response >> HDAEMU_UNSOL_TAG_SHIFT) & (HDAEMU_MAX_TAGS - 1)];
		trace_hdaemu_unsol(response, !!reg->client);
		if (reg->client)
			reg->fn(response, reg->context);
		mutex_unlock(&codecs->unsol_lock);
	}
}

/**
 * hdaemu_unsol_init() - set up the tag table and the delivery queue
 * @codecs: the codecs' shared state, zeroed
 *
 * Context: process context (module init).
 */
void hdaemu_unsol_init(struct hdaemu_codecs *codecs)
{
	mutex_init(&codecs->unsol_lock);
	spin_lock_init(&codecs->fifo_lock);
	INIT_WORK(&codecs->unsol_work, hdaemu_unsol_deliver);
}

/**
 * hdaemu_unsol_register() - RegisterEventCallback
 * @client: the caller
 * @fn: called with each unsolicited response carrying the tag
 * @context: @fn's argument
 * @tag: out: the tag, 0..63, to program into the codec
 *
 * Context: process context.
 * Return: 0, -EINVAL for a NULL @fn or @tag, -ENOSPC when every tag is in use.
 */
int hdaemu_unsol_register(struct hdaemu_client *client, hdaemu_unsol_fn fn, void *context,
			  u8 *tag)
{
	struct hdaemu_codecs *codecs = client->bus->codecs;
	int ret = -ENOSPC;
	u32 i;

	if (!fn || !tag)
		return -EINVAL;
	if (hdaemu_client_gone(client))
		return -ENODEV;
	mutex_lock(&codecs->unsol_lock);
	for (i = 0; i < HDAEMU_MAX_TAGS; i++) {
		struct hdaemu_unsol_reg *reg = &codecs->tags[i];

		if (reg->client)
			continue;
		reg->client = client;
		reg->fn = fn;
		reg->context = context;
		*tag = i;
		ret = 0;
		break;
	}
	mutex_unlock(&codecs->unsol_lock);
	return ret;
}

/**
 * hdaemu_unsol_unregister() - UnregisterEventCallback
 * @client: the caller
 * @tag: a tag @client registered
 *
 * On return the tag's callback is not running and will not run again. The
 * caller should first have disabled the tag in the codec.
 *
 * Context: process context, not from an unsolicited callback.
 * Return: 0, or -EINVAL for a tag @client has not registered.
 */
int hdaemu_unsol_unregister(struct hdaemu_client *client, u8 tag)
{
	struct hdaemu_codecs *codecs = client->bus->codecs;
	int ret = -EINVAL;

	if (tag >= HDAEMU_MAX_TAGS)
		return -EINVAL;
	mutex_lock(&codecs->unsol_lock);
	if (codecs->tags[tag].client == client) {
		memset(&codecs->tags[tag], 0, sizeof(codecs->tags[tag]));
		ret = 0;
	}
	mutex_unlock(&codecs->unsol_lock);
	return ret;
}

/**
 * hdaemu_unsol_client_close() - end all of a closing client's tags
 * @client: the client
 *
 * Context: process context, not from an unsolicited callback.
 */
void hdaemu_unsol_client_close(struct hdaemu_client *client)
{
	struct hdaemu_codecs *codecs = client->bus->codecs;
	u32 i;

	mutex_lock(&codecs->unsol_lock);
	for (i = 0; i < HDAEMU_MAX_TAGS; i++)
		if (codecs->tags[i].client == client)
			memset(&codecs->tags[i], 0, sizeof(codecs->tags[i]));
	mutex_unlock(&codecs->unsol_lock);
}

/**
 * hdaemu_unsol_emit() - a pin sends its unsolicited response
 * @codec: the codec
 * @w: the pin's state, its unsolicited response enabled
 *
 * Queues the response for delivery; when the queue is full it is dropped
 * and counted.
 *
 * Context: process context, with codec->lock held.
 */
void hdaemu_unsol_emit(struct hdaemu_codec *codec, struct hdaemu_widget_state *w)
{
	struct hdaemu_codecs *codecs = codec->bus->codecs;
	u64 response;

	lockdep_assert_held(&codec->lock);
	response = HDAEMU_RESPONSE_VALID | HDAEMU_RESPONSE_UNSOL |
		   (u64)codec->address << HDAEMU_RESPONSE_SDI_SHIFT |
		   (u64)(w->unsol & (HDAEMU_MAX_TAGS - 1)) << HDAEMU_UNSOL_TAG_SHIFT;
	codec->counters.unsol_sent++;
	spin_lock(&codecs->fifo_lock);
	if (codecs->fifo_len == HDAEMU_UNSOL_QUEUE) {
		codecs->unsol_dropped++;
	} else {
		codecs->fifo[(codecs->fifo_head + codecs->fifo_len) % HDAEMU_UNSOL_QUEUE] =
			response;
		codecs->fifo_len++;
	}
	spin_unlock(&codecs->fifo_lock);
	queue_work(codecs->wq, &codecs->unsol_work);
}

/**
 * hdaemu_unsol_inject() - plug or unplug a jack
 * @bus: the controller
 * @address: the codec's address
 * @nid: a pin with presence detect
 * @present: plugged in
 *
 * GET_PIN_SENSE reflects the new state at once. A change (not a repeat of
 * the present state) on a pin with unsolicited responses enabled emits one.
 *
 * Context: process context.
 * Return: 0; -ENODEV if no codec is at @address; -ENOENT if the codec has
 * no widget @nid; -EINVAL if it is not a pin with presence detect.
 */
int hdaemu_unsol_inject(struct hdaemu_bus *bus, u32 address, u32 nid, bool present)
{
	const struct hdaemu_widget_desc *d;
	struct hdaemu_widget_state *w;
	struct hdaemu_codec *codec;

	if (address >= HDAEMU_MAX_CODECS || !bus->codecs->codec[address])
		return -ENODEV;
	codec = bus->codecs->codec[address];
	d = hdaemu_codec_widget(codec, nid);
	if (!d)
		return -ENOENT;
	if (((d->caps >> 20) & 0xf) != HDAEMU_WID_PIN ||
	    !(d->pincaps & HDAEMU_PINCAP_PRES_DETECT))
		return -EINVAL;
	w = &codec->widgets[d - codec->model->widgets];
	mutex_lock(&codec->lock);
	if (w->present != present) {
		w->present = present;
		if ((d->caps & HDAEMU_WCAP_UNSOL) && (w->unsol & BIT(7)))
			hdaemu_unsol_emit(codec, w);
	}
	mutex_unlock(&codec->lock);
	return 0;
}

/**
 * hdaemu_jack_inject() - plug or unplug a jack of the emulated link
 * @codec_address: the codec
 * @nid: a pin with presence detect
 * @present: plugged in
 *
 * An emulator control for kernel tests, as HDAEMU_IOC_INJECT_JACK is for
 * userspace; see hdaemu_unsol_inject().
 *
 * Context: process context.
 * Return: 0, -ENODEV (no codec or no bus), -ENOENT (no node), -EINVAL
 * (not a pin with presence detect).
 */
int hdaemu_jack_inject(u8 codec_address, u8 nid, bool present)
{
	struct hdaemu_bus *bus = hdaemu_bus_get();

	if (!bus)
		return -ENODEV;
	return hdaemu_unsol_inject(bus, codec_address, nid, present);
}
EXPORT_SYMBOL_GPL(hdaemu_jack_inject);
