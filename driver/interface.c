// SPDX-License-Identifier: GPL-2.0
/*
 * hdaemu - the bus interface table handed to function drivers.
 *
 * hdaemu_bus_open() gives a client its own table for the version it asks
 * for, with the routines that version has and NULL for the others, as the
 * reference's query-interface call fills HDAUDIO_BUS_INTERFACE_V2. The
 * routines here only adapt the table's signatures to the bus core.
 */
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/math64.h>
#include <linux/slab.h>

#include "hdaemu.h"
#include "codec.h"

static int hdaemu_if_alloc_capture(struct hdaemu_client *client, u8 codec_address,
				   const struct hdaemu_format *format,
				   struct hdaemu_engine **handle, u16 *converter_format)
{
	return hdaemu_engine_alloc(client, HDAEMU_DIR_CAPTURE, codec_address, format, false,
				   handle, converter_format);
}

static int hdaemu_if_alloc_render(struct hdaemu_client *client,
				  const struct hdaemu_format *format, bool stripe,
				  struct hdaemu_engine **handle, u16 *converter_format)
{
	return hdaemu_engine_alloc(client, HDAEMU_DIR_RENDER, 0, format, stripe, handle,
				   converter_format);
}

static int hdaemu_if_alloc_buffer(struct hdaemu_client *client, struct hdaemu_engine *handle,
				  size_t requested_bytes, struct hdaemu_dma_buffer *buffer)
{
	return hdaemu_buffer_alloc(client, handle, HDAEMU_BUF_PLAIN, 0, requested_bytes,
				   buffer);
}

static int hdaemu_if_free_buffer(struct hdaemu_client *client, struct hdaemu_engine *handle)
{
	return hdaemu_buffer_free(client, handle, HDAEMU_BUF_PLAIN, NULL, 0);
}

static int hdaemu_if_alloc_notify_buffer(struct hdaemu_client *client,
					 struct hdaemu_engine *handle, u32 notification_count,
					 size_t requested_bytes,
					 struct hdaemu_dma_buffer *buffer)
{
	return hdaemu_buffer_alloc(client, handle, HDAEMU_BUF_NOTIFY, notification_count,
				   requested_bytes, buffer);
}

static int hdaemu_if_free_notify_buffer(struct hdaemu_client *client,
					struct hdaemu_engine *handle, void *buffer, size_t size)
{
	return hdaemu_buffer_free(client, handle, HDAEMU_BUF_NOTIFY, buffer, size);
}

static int hdaemu_if_free_contiguous(struct hdaemu_client *client, struct hdaemu_engine *handle)
{
	return hdaemu_buffer_free(client, handle, HDAEMU_BUF_BDL, NULL, 0);
}

static void hdaemu_if_wallclock(struct hdaemu_client *client,
				const struct hdaemu_register **wallclock)
{
	*wallclock = &client->bus->wallclock_reg;
}

static int hdaemu_if_position_register(struct hdaemu_client *client,
				       struct hdaemu_engine *handle,
				       const struct hdaemu_register **position)
{
	if (hdaemu_client_gone(client))
		return -ENODEV;
	if (!hdaemu_engine_lookup(client, handle))
		return -ENOENT;
	*position = &handle->position_reg;
	return 0;
}

static int hdaemu_if_register_event(struct hdaemu_client *client, struct hdaemu_engine *handle,
				    struct hdaemu_event *event)
{
	if (!event)
		return -EINVAL;
	return hdaemu_notification_add(client, handle, event, NULL, NULL);
}

static int hdaemu_if_unregister_event(struct hdaemu_client *client,
				      struct hdaemu_engine *handle, struct hdaemu_event *event)
{
	if (!event)
		return -EINVAL;
	return hdaemu_notification_remove(client, handle, event, NULL, NULL);
}

static int hdaemu_if_register_callback(struct hdaemu_client *client,
				       struct hdaemu_engine *handle,
				       hdaemu_notification_fn fn, void *fn_context)
{
	return hdaemu_notification_add(client, handle, NULL, fn, fn_context);
}

static int hdaemu_if_unregister_callback(struct hdaemu_client *client,
					 struct hdaemu_engine *handle,
					 hdaemu_notification_fn fn, void *fn_context)
{
	if (!fn)
		return -EINVAL;
	return hdaemu_notification_remove(client, handle, NULL, fn, fn_context);
}

static int hdaemu_if_query_position(struct hdaemu_client *client, struct hdaemu_engine *handle,
				    struct hdaemu_position_sample *sample)
{
	unsigned long flags;
	int ret = 0;

	if (hdaemu_client_gone(client))
		return -ENODEV;
	if (!hdaemu_engine_in_pool(client->bus, handle) || !sample)
		return -ENOENT;
	spin_lock_irqsave(&handle->lock, flags);
	if (handle->owner != client) {
		ret = -ENOENT;
		goto out;
	}
	sample->timestamp = ktime_get();
	sample->bytes = hdaemu_stream_reported_bytes(handle, sample->timestamp);
	sample->link_position = 0;
	if (handle->buffer.cbl)
		div_u64_rem(sample->bytes, handle->buffer.cbl, &sample->link_position);
	sample->ioc_count = handle->ioc_sequence;
	sample->wallclock = hdaemu_wallclock_at(client->bus, sample->timestamp);
	sample->state = handle->state;
	sample->stream_tag = handle->stream_tag;
	sample->slot = handle->slot;
	sample->engine_index = handle->index;
out:
	spin_unlock_irqrestore(&handle->lock, flags);
	return ret;
}

static void *hdaemu_if_position_page(struct hdaemu_client *client)
{
	return client->position_page;
}

static int hdaemu_if_engine_stats(struct hdaemu_client *client, struct hdaemu_engine *handle,
				  struct hdaemu_ioc_stats *stats)
{
	unsigned long flags;
	int ret = 0;

	if (hdaemu_client_gone(client))
		return -ENODEV;
	if (!hdaemu_engine_in_pool(client->bus, handle) || !stats)
		return -ENOENT;
	spin_lock_irqsave(&handle->lock, flags);
	if (handle->owner == client)
		*stats = handle->stats;
	else
		ret = -ENOENT;
	spin_unlock_irqrestore(&handle->lock, flags);
	return ret;
}

static int hdaemu_if_set_client_events(struct hdaemu_client *client,
				       const struct hdaemu_client_events *events,
				       void *events_context)
{
	struct hdaemu_bus *bus = client->bus;
	int ret = 0;

	/* The timer reads the hooks without a lock: only while no engine runs. */
	mutex_lock(&bus->lock);
	if (client->slots_used) {
		ret = -EBUSY;
	} else {
		client->events = events;
		client->events_context = events_context;
	}
	mutex_unlock(&bus->lock);
	return ret;
}

static int hdaemu_if_device_information(struct hdaemu_client *client,
					struct hdaemu_device_information *info)
{
	u16 size;

	if (!info || info->size < HDAEMU_DEVICE_INFORMATION_V1_SIZE)
		return -EINVAL;
	/* A V1 caller gets V1 fields only; a V2 caller all of them. */
	size = info->size < sizeof(*info) ? HDAEMU_DEVICE_INFORMATION_V1_SIZE : sizeof(*info);
	memset(info, 0, size);
	info->size = size;
	info->device_version = 0x0100;
	info->driver_version = HDAEMU_ABI_VERSION << 8;
	info->codecs_detected = client->bus->codec_mask;
	info->is_striping_supported = false;
	if (size == sizeof(*info)) {
		info->ctrl_revision = 1;
		info->ctrl_vendor_id = 0x8086;	/* an ICH6-class controller */
		info->ctrl_device_id = 0x2668;
	}
	return 0;
}

static void hdaemu_if_resource_information(struct hdaemu_client *client, u8 *codec_address,
					   u8 *fg_start_node)
{
	struct hdaemu_codecs *codecs = client->bus->codecs;
	u8 a = __ffs(client->bus->codec_mask);

	if (codec_address)
		*codec_address = a;
	if (fg_start_node)
		*fg_start_node = codecs->codec[a]->model->afg_nid;
}

/**
 * hdaemu_interface_fill() - fill a client's table for an interface version
 * @client: the client
 * @version: HDAEMU_BUS_INTERFACE_*
 *
 * Context: any.
 */
void hdaemu_interface_fill(struct hdaemu_client *client, u16 version)
{
	struct hdaemu_bus_interface *bi = &client->interface;

	memset(bi, 0, sizeof(*bi));
	bi->size = sizeof(*bi);
	bi->version = version;
	bi->context = client;

	/* The baseline, common to every version. */
	bi->allocate_capture_dma_engine = hdaemu_if_alloc_capture;
	bi->allocate_render_dma_engine = hdaemu_if_alloc_render;
	bi->change_bandwidth_allocation = hdaemu_engine_change_format;
	bi->free_dma_engine = hdaemu_engine_free;
	bi->set_dma_engine_state = hdaemu_stream_set_state;
	bi->get_wall_clock_register = hdaemu_if_wallclock;
	bi->get_link_position_register = hdaemu_if_position_register;
	bi->transfer_codec_verbs = hdaemu_codec_transfer;
	bi->register_event_callback = hdaemu_unsol_register;
	bi->unregister_event_callback = hdaemu_unsol_unregister;
	bi->get_device_information = hdaemu_if_device_information;
	bi->get_resource_information = hdaemu_if_resource_information;
	bi->query_position = hdaemu_if_query_position;
	bi->get_position_page = hdaemu_if_position_page;
	bi->get_engine_stats = hdaemu_if_engine_stats;
	bi->set_client_events = hdaemu_if_set_client_events;

	if (version == HDAEMU_BUS_INTERFACE_BDL || version == HDAEMU_BUS_INTERFACE_FULL) {
		bi->allocate_contiguous_dma_buffer = hdaemu_buffer_alloc_contiguous;
		bi->setup_dma_engine_with_bdl = hdaemu_buffer_setup_bdl;
		bi->free_contiguous_dma_buffer = hdaemu_if_free_contiguous;
	}
	if (version == HDAEMU_BUS_INTERFACE_BDL)
		return;
	bi->allocate_dma_buffer = hdaemu_if_alloc_buffer;
	bi->free_dma_buffer = hdaemu_if_free_buffer;
	if (version == HDAEMU_BUS_INTERFACE_V1)
		return;
	bi->allocate_dma_buffer_with_notification = hdaemu_if_alloc_notify_buffer;
	bi->free_dma_buffer_with_notification = hdaemu_if_free_notify_buffer;
	bi->register_notification_event = hdaemu_if_register_event;
	bi->unregister_notification_event = hdaemu_if_unregister_event;
	if (version == HDAEMU_BUS_INTERFACE_V2)
		return;
	bi->register_notification_callback = hdaemu_if_register_callback;
	bi->unregister_notification_callback = hdaemu_if_unregister_callback;
}

/**
 * hdaemu_bus_open() - become a client of the emulated HD Audio bus
 * @version: the interface version the caller was written for,
 *	HDAEMU_BUS_INTERFACE_V1, _V2, _V3, _BDL, or _FULL for all routines
 *
 * Each call makes a new client with its own context: the engines it
 * allocates are its own and invisible to other clients.
 *
 * Context: process context.
 * Return: the interface table, or an ERR_PTR: -EINVAL for an unknown
 * version, -ENODEV when the bus is gone (or removed by an injected fault),
 * -ENOMEM.
 */
struct hdaemu_bus_interface *hdaemu_bus_open(u16 version)
{
	struct hdaemu_bus *bus = hdaemu_bus_get();
	struct hdaemu_client *client;

	if (version < HDAEMU_BUS_INTERFACE_V1 || version > HDAEMU_BUS_INTERFACE_FULL)
		return ERR_PTR(-EINVAL);
	if (!bus)
		return ERR_PTR(-ENODEV);
	client = hdaemu_client_create(bus);
	if (IS_ERR(client))
		return ERR_CAST(client);
	hdaemu_interface_fill(client, version);
	return &client->interface;
}
EXPORT_SYMBOL_GPL(hdaemu_bus_open);

/**
 * hdaemu_bus_close() - stop being a client; free everything the client holds
 * @interface: the table hdaemu_bus_open() returned; invalid afterwards
 *
 * Engines in any state are stopped and freed with their buffers and
 * notification registrations; on return none of the client's notifications
 * runs or will run.
 *
 * Context: process context; not from a notification callback.
 */
void hdaemu_bus_close(struct hdaemu_bus_interface *interface)
{
	if (!IS_ERR_OR_NULL(interface))
		hdaemu_client_destroy(interface->context);
}
EXPORT_SYMBOL_GPL(hdaemu_bus_close);
