// SPDX-License-Identifier: GPL-2.0
/*
 * hdaemu - DMA engine allocation: engines, stream tags and link bandwidth.
 *
 * A render engine comes from the output engines first, then from the
 * bidirectional ones; a capture engine from the input engines, then the
 * bidirectional ones. Each allocated engine holds a stream tag, unique in
 * its direction (1..15), and the link bandwidth of its format: render
 * streams share the SDO line's OUTPAY, capture streams share the INPAY of
 * their codec's SDI line. Everything here runs under bus->lock.
 */
#include <linux/bitops.h>
#include <linux/errno.h>

#include "hdaemu.h"
#include "trace.h"

static u32 *hdaemu_engine_link_budget(struct hdaemu_bus *bus, u32 direction,
				      u8 codec_address, u32 *limit)
{
	if (direction == HDAEMU_DIR_RENDER) {
		*limit = HDAEMU_OUTPAY_WORDS;
		return &bus->out_words;
	}
	*limit = HDAEMU_INPAY_WORDS;
	return &bus->in_words[codec_address];
}

static struct hdaemu_engine *hdaemu_engine_find_free(struct hdaemu_bus *bus, u32 direction)
{
	u32 want = BIT(direction), i;

	/* Dedicated engines first, so bidirectional ones stay for overflow. */
	for (i = 0; i < bus->num_engines; i++)
		if (!bus->engines[i].owner && bus->engines[i].capabilities == want)
			return &bus->engines[i];
	for (i = 0; i < bus->num_engines; i++)
		if (!bus->engines[i].owner && (bus->engines[i].capabilities & want))
			return &bus->engines[i];
	return NULL;
}

/**
 * hdaemu_engine_alloc() - reserve a DMA engine, its stream tag and bandwidth
 * @client: the caller
 * @direction: HDAEMU_DIR_RENDER or HDAEMU_DIR_CAPTURE
 * @codec_address: capture: SDI line of the codec; render: 0
 * @format: the stream format
 * @stripe: striping over several SDO lines; not supported (one SDO)
 * @handle: out: the engine
 * @converter_format: out: the HDA format word for @format
 *
 * The engine starts in Reset, without a buffer.
 *
 * Context: process context.
 * Return: 0, -EINVAL for bad arguments, -ENOSPC when no engine, stream tag
 * or bandwidth is left.
 */
int hdaemu_engine_alloc(struct hdaemu_client *client, u32 direction, u8 codec_address,
			const struct hdaemu_format *format, bool stripe,
			struct hdaemu_engine **handle, u16 *converter_format)
{
	struct hdaemu_bus *bus = client->bus;
	struct hdaemu_stream_params params;
	struct hdaemu_engine *engine;
	u32 *budget, limit, tag, slot;
	unsigned long tags, slots;
	int ret;

	if (direction != HDAEMU_DIR_RENDER && direction != HDAEMU_DIR_CAPTURE)
		return -EINVAL;
	if (stripe || !handle || !converter_format || !format)
		return -EINVAL;
	if (direction == HDAEMU_DIR_RENDER ? codec_address != 0 :
	    codec_address >= HDAEMU_MAX_CODECS || !(bus->codec_mask & BIT(codec_address)))
		return -EINVAL;
	ret = hdaemu_format_parse(format, &params);
	if (ret)
		return ret;

	mutex_lock(&bus->lock);
	ret = hdaemu_client_gone(client) ?: hdaemu_fault_alloc(bus, HDAEMU_ALLOC_ENGINE);
	if (ret)
		goto out;
	engine = hdaemu_engine_find_free(bus, direction);
	if (!engine) {
		ret = -ENOSPC;
		goto out;
	}
	/* Tag 0 is reserved: mark it used so the search starts at 1. */
	tags = bus->tags_used[direction] | BIT(0);
	tag = find_first_zero_bit(&tags, HDAEMU_MAX_STREAM_TAG + 1);
	if (tag > HDAEMU_MAX_STREAM_TAG) {
		ret = -ENOSPC;
		goto out;
	}
	budget = hdaemu_engine_link_budget(bus, direction, codec_address, &limit);
	if (*budget + params.link_words > limit) {
		ret = -ENOSPC;
		goto out;
	}
	slots = client->slots_used;
	slot = find_first_zero_bit(&slots, HDAEMU_POSITION_SLOTS);
	if (WARN_ON(slot >= HDAEMU_POSITION_SLOTS)) {
		ret = -ENOSPC;
		goto out;
	}

	*budget += params.link_words;
	bus->tags_used[direction] |= BIT(tag);
	client->slots_used |= BIT(slot);

	spin_lock_irq(&engine->lock);
	engine->owner = client;
	engine->direction = direction;
	engine->codec_address = codec_address;
	engine->stream_tag = tag;
	engine->slot = slot;
	engine->params = params;
	engine->state = HDAEMU_STREAM_RESET;
	engine->anchor_bytes = 0;
	engine->ioc_sequence = 0;
	memset(&engine->stats, 0, sizeof(engine->stats));
	memset(&engine->data, 0, sizeof(engine->data));
	engine->data.stats.loop_latency = -1;
	hdaemu_data_reset(engine);
	hdaemu_stream_publish(engine);
	spin_unlock_irq(&engine->lock);
	/* Its tag may meet a converter already set to it. */
	hdaemu_data_reroute_locked(bus);

	*handle = engine;
	*converter_format = params.converter_format;
	trace_hdaemu_engine_alloc(engine);
out:
	mutex_unlock(&bus->lock);
	return ret;
}

/**
 * hdaemu_engine_change_format() - ChangeBandwidthAllocation
 * @client: the caller
 * @handle: the engine, in Reset and without a buffer
 * @format: the new format
 * @converter_format: out: its HDA format word
 *
 * On any failure the engine keeps its format and bandwidth.
 *
 * Context: process context.
 * Return: 0, -EINVAL (bad format), -ENOENT (no such engine), -EBADFD (not in
 * Reset), -EBUSY (it holds a buffer), -ENOSPC (not enough link bandwidth).
 */
int hdaemu_engine_change_format(struct hdaemu_client *client, struct hdaemu_engine *handle,
				const struct hdaemu_format *format, u16 *converter_format)
{
	struct hdaemu_bus *bus = client->bus;
	struct hdaemu_stream_params params;
	struct hdaemu_engine *engine;
	u32 *budget, limit;
	int ret;

	if (!format || !converter_format)
		return -EINVAL;
	ret = hdaemu_format_parse(format, &params);
	if (ret)
		return ret;

	mutex_lock(&bus->lock);
	engine = hdaemu_engine_lookup(client, handle);
	ret = hdaemu_client_gone(client);
	if (ret)
		goto out;
	if (!engine) {
		ret = -ENOENT;
		goto out;
	}
	if (READ_ONCE(engine->state) != HDAEMU_STREAM_RESET) {
		ret = -EBADFD;
		goto out;
	}
	if (engine->buffer.kind != HDAEMU_BUF_NONE) {
		ret = -EBUSY;
		goto out;
	}
	budget = hdaemu_engine_link_budget(bus, engine->direction, engine->codec_address,
					   &limit);
	if (*budget - engine->params.link_words + params.link_words > limit) {
		ret = -ENOSPC;
		goto out;
	}
	*budget = *budget - engine->params.link_words + params.link_words;

	spin_lock_irq(&engine->lock);
	engine->params = params;
	hdaemu_stream_publish(engine);
	spin_unlock_irq(&engine->lock);
	hdaemu_data_reroute_locked(bus);
	*converter_format = params.converter_format;
out:
	mutex_unlock(&bus->lock);
	return ret;
}

/**
 * hdaemu_engine_release() - return an engine to the pool, whatever its state
 * @engine: an allocated engine
 *
 * Stops it, waits out its timer and notifications, frees its registrations
 * and buffer, and gives back its tag, bandwidth and position slot.
 *
 * Context: process context, bus->lock held.
 */
void hdaemu_engine_release(struct hdaemu_engine *engine)
{
	struct hdaemu_bus *bus = engine->bus;
	struct hdaemu_client *client = engine->owner;
	u32 *budget, limit;

	lockdep_assert_held(&bus->lock);

	trace_hdaemu_engine_free(engine);
	hdaemu_stream_stop_sync(engine);
	hdaemu_notification_release_all(engine);
	hdaemu_buffer_release(engine);

	budget = hdaemu_engine_link_budget(bus, engine->direction, engine->codec_address,
					   &limit);
	*budget -= engine->params.link_words;
	bus->tags_used[engine->direction] &= ~BIT(engine->stream_tag);
	client->slots_used &= ~BIT(engine->slot);

	spin_lock_irq(&engine->lock);
	engine->state = HDAEMU_STREAM_RESET;
	engine->anchor_bytes = 0;
	engine->ioc_sequence = 0;
	hdaemu_stream_publish(engine);
	engine->owner = NULL;
	engine->stream_tag = 0;
	hdaemu_data_reset(engine);
	spin_unlock_irq(&engine->lock);
	/* Captures that looped it hear nothing from now on. */
	hdaemu_data_reroute_locked(bus);
}

/**
 * hdaemu_engine_free() - FreeDmaEngine
 * @client: the caller
 * @handle: the engine, in Reset and without a buffer
 *
 * Its notification registrations end with it.
 *
 * Context: process context.
 * Return: 0, -ENOENT (no such engine), -EBADFD (not in Reset), -EBUSY (it
 * still holds a buffer).
 */
int hdaemu_engine_free(struct hdaemu_client *client, struct hdaemu_engine *handle)
{
	struct hdaemu_bus *bus = client->bus;
	struct hdaemu_engine *engine;
	int ret = 0;

	mutex_lock(&bus->lock);
	engine = hdaemu_engine_lookup(client, handle);
	ret = hdaemu_client_gone(client);
	if (ret)
		;
	else if (!engine)
		ret = -ENOENT;
	else if (READ_ONCE(engine->state) != HDAEMU_STREAM_RESET)
		ret = -EBADFD;
	else if (engine->buffer.kind != HDAEMU_BUF_NONE)
		ret = -EBUSY;
	else
		hdaemu_engine_release(engine);
	mutex_unlock(&bus->lock);
	return ret;
}
