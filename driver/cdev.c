// SPDX-License-Identifier: GPL-2.0
/*
 * hdaemu - /dev/hdaemu: the userspace face of the bus.
 *
 * Each open file is a client of the bus interface and reaches the bus only
 * through its ops table, like any other function driver. The file maps its
 * engines to small integer handles (generation << 8 | slot + 1) so a stale
 * handle does not name a newer engine, and another file's handles name
 * nothing here. Arguments are copied in before the file's lock is taken and
 * results copied out after it is dropped: user memory is never touched
 * under the lock, which mmap takes under mmap_lock (see cdev.h).
 */
#include <linux/file.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "cdev.h"

static u32 hdaemu_file_handle(const struct hdaemu_file *hf, const struct hdaemu_file_engine *fe)
{
	return fe->generation << HDAEMU_HANDLE_GEN_SHIFT | (u32)(fe - hf->engines + 1);
}

static void hdaemu_file_drop_notifications(struct hdaemu_file_engine *fe)
{
	struct hdaemu_file_notification *n, *next;

	list_for_each_entry_safe(n, next, &fe->notifications, node) {
		list_del(&n->node);
		eventfd_ctx_put(n->eventfd);
		kfree(n);
	}
}

static void hdaemu_file_eventfd_signal(struct hdaemu_event *event, const struct hdaemu_ioc *ioc)
{
	struct hdaemu_file_notification *n =
		container_of(event, struct hdaemu_file_notification, event);

	hdaemu_compat_eventfd_add(n->eventfd, ioc->count);
}

/* The controller is gone: wake whoever waits on the eventfd. */
static void hdaemu_file_eventfd_removed(struct hdaemu_event *event)
{
	struct hdaemu_file_notification *n =
		container_of(event, struct hdaemu_file_notification, event);

	hdaemu_compat_eventfd_add(n->eventfd, 1);
}

static int hdaemu_format_from_user(const struct hdaemu_stream_format *in,
				   struct hdaemu_format *out)
{
	if (in->pad || in->reserved)
		return -EINVAL;
	out->sample_rate = in->sample_rate;
	out->valid_bits = in->valid_bits;
	out->container_bits = in->container_bits;
	out->channels = in->channels;
	return 0;
}

static long hdaemu_ioctl_get_info(struct hdaemu_file *hf, void *data)
{
	struct hdaemu_info *arg = data;
	struct hdaemu_bus *bus = hdaemu_bus_get();

	if (arg->flags || !hdaemu_is_zero(arg->reserved, sizeof(arg->reserved)))
		return -EINVAL;
	memset(arg, 0, sizeof(*arg));
	arg->abi_version = HDAEMU_ABI_VERSION;
	arg->features = HDAEMU_INFO_FEAT_ENGINES | HDAEMU_INFO_FEAT_NOTIFY |
			HDAEMU_INFO_FEAT_POSITION_PAGE | HDAEMU_INFO_FEAT_BDL |
			HDAEMU_INFO_FEAT_EVENTS | HDAEMU_INFO_FEAT_CODECS;
	arg->num_output = bus->num_output;
	arg->num_input = bus->num_input;
	arg->num_bidir = bus->num_bidir;
	arg->gcap = hdaemu_bus_gcap(bus);
	arg->version_major = 1;
	arg->version_minor = 0;
	arg->codec_mask = bus->codec_mask;
	arg->wallclock_hz = HDAEMU_WALLCLOCK_HZ;
	arg->max_notifications = HDAEMU_MAX_NOTIFICATIONS;
	arg->min_period_ns = HDAEMU_MIN_PERIOD_NS;
	arg->max_buffer_bytes = HDAEMU_MAX_BUFFER_BYTES;
	arg->position_page_bytes = PAGE_SIZE;
	arg->outpay = HDAEMU_OUTPAY_WORDS;
	arg->inpay = HDAEMU_INPAY_WORDS;
	return 0;
}

static long hdaemu_ioctl_alloc_engine(struct hdaemu_file *hf, void *data)
{
	struct hdaemu_engine_alloc *arg = data;
	struct hdaemu_bus_interface *bi = hf->bus;
	struct hdaemu_position_sample sample;
	struct hdaemu_file_engine *fe;
	struct hdaemu_engine *engine;
	struct hdaemu_format format;
	u16 converter_format;
	int ret;

	if (arg->flags || arg->pad || !hdaemu_is_zero(arg->reserved, sizeof(arg->reserved)))
		return -EINVAL;
	ret = hdaemu_format_from_user(&arg->format, &format);
	if (ret)
		return ret;
	if (arg->direction == HDAEMU_DIR_RENDER) {
		if (arg->codec_address)
			return -EINVAL;
		ret = bi->allocate_render_dma_engine(bi->context, &format, false, &engine,
						     &converter_format);
	} else if (arg->direction == HDAEMU_DIR_CAPTURE) {
		if (arg->codec_address > U8_MAX)
			return -EINVAL;
		ret = bi->allocate_capture_dma_engine(bi->context, arg->codec_address, &format,
						      &engine, &converter_format);
	} else {
		return -EINVAL;
	}
	if (ret)
		return ret;

	ret = bi->query_position(bi->context, engine, &sample);
	if (WARN_ON(ret)) {
		bi->free_dma_engine(bi->context, engine);
		return ret;
	}
	fe = &hf->engines[sample.slot];
	fe->engine = engine;
	/* Read without the lock by the event hooks: see cdev_events.c. */
	WRITE_ONCE(fe->generation, (fe->generation + 1) & HDAEMU_HANDLE_GEN_MASK ?: 1);
	fe->direction = arg->direction;
	fe->buffer_kind = 0;
	atomic_set(&fe->maps, 0);
	INIT_LIST_HEAD(&fe->notifications);

	arg->handle = hdaemu_file_handle(hf, fe);
	arg->converter_format = converter_format;
	arg->stream_tag = sample.stream_tag;
	arg->position_slot = sample.slot;
	arg->engine_index = sample.engine_index;
	return 0;
}

static long hdaemu_ioctl_free_engine(struct hdaemu_file *hf, void *data)
{
	struct hdaemu_engine_ref *arg = data;
	struct hdaemu_file_engine *fe;
	int ret;

	if (arg->flags)
		return -EINVAL;
	fe = hdaemu_file_engine(hf, arg->handle);
	if (!fe)
		return -ENOENT;
	ret = hf->bus->free_dma_engine(hf->bus->context, fe->engine);
	if (ret)
		return ret;
	hdaemu_file_drop_notifications(fe);
	/* Its records stay queued; the next engine of the slot starts unset. */
	hdaemu_queue_clear_set(&hf->queue, fe - hf->engines);
	fe->engine = NULL;
	return 0;
}

static long hdaemu_ioctl_change_format(struct hdaemu_file *hf, void *data)
{
	struct hdaemu_engine_format *arg = data;
	struct hdaemu_file_engine *fe;
	struct hdaemu_format format;
	u16 converter_format;
	int ret;

	if (arg->flags || arg->pad || !hdaemu_is_zero(arg->reserved, sizeof(arg->reserved)))
		return -EINVAL;
	ret = hdaemu_format_from_user(&arg->format, &format);
	if (ret)
		return ret;
	fe = hdaemu_file_engine(hf, arg->handle);
	if (!fe)
		return -ENOENT;
	ret = hf->bus->change_bandwidth_allocation(hf->bus->context, fe->engine, &format,
						   &converter_format);
	if (ret)
		return ret;
	arg->converter_format = converter_format;
	return 0;
}

/* The BDL kind: a contiguous buffer, the caller's list, then setup. */
static int hdaemu_alloc_bdl_buffer(struct hdaemu_file *hf, struct hdaemu_file_engine *fe,
				   struct hdaemu_buffer_alloc *arg,
				   const struct hdaemu_bdl_entry *entries,
				   struct hdaemu_dma_buffer *out)
{
	struct hdaemu_bus_interface *bi = hf->bus;
	struct hdaemu_buffer_descriptor *bdl;
	u64 total = 0;
	u32 i, fifo;
	u8 tag;
	void *data;
	int ret;

	if (arg->requested_bytes > U32_MAX)
		return -EINVAL;
	ret = bi->allocate_contiguous_dma_buffer(bi->context, fe->engine,
						 arg->requested_bytes, &data, &bdl);
	if (ret)
		return ret;
	for (i = 0; i < arg->bdl_entries; i++) {
		bdl[i].offset = entries[i].offset;
		bdl[i].length = entries[i].length;
		bdl[i].ioc = entries[i].ioc;
		total += entries[i].length;
	}
	ret = -EINVAL;
	if (total <= U32_MAX)
		ret = bi->setup_dma_engine_with_bdl(bi->context, fe->engine, total,
						    arg->bdl_entries - 1, NULL, NULL, &tag, &fifo);
	if (ret) {
		bi->free_contiguous_dma_buffer(bi->context, fe->engine);
		return ret;
	}
	out->area = data;
	out->bytes = total;
	out->offset_from_first_page = 0;
	out->stream_id = tag;
	out->fifo_bytes = fifo;
	return 0;
}

static long hdaemu_file_alloc_buffer(struct hdaemu_file *hf, struct hdaemu_buffer_alloc *arg,
				     const struct hdaemu_bdl_entry *entries)
{
	struct hdaemu_bus_interface *bi = hf->bus;
	struct hdaemu_file_engine *fe;
	struct hdaemu_dma_buffer out;
	int ret;

	fe = hdaemu_file_engine(hf, arg->handle);
	if (!fe)
		return -ENOENT;
	switch (arg->kind) {
	case HDAEMU_BUFFER_PLAIN:
		ret = bi->allocate_dma_buffer(bi->context, fe->engine, arg->requested_bytes, &out);
		break;
	case HDAEMU_BUFFER_NOTIFY:
		ret = bi->allocate_dma_buffer_with_notification(bi->context, fe->engine,
								arg->notification_count,
								arg->requested_bytes, &out);
		break;
	default:
		ret = hdaemu_alloc_bdl_buffer(hf, fe, arg, entries, &out);
		break;
	}
	if (ret)
		return ret;
	fe->buffer_kind = arg->kind;
	fe->buffer = out.area;
	fe->buffer_bytes = out.bytes;
	arg->allocated_bytes = out.bytes;
	arg->offset_from_first_page = out.offset_from_first_page;
	arg->mmap_offset = HDAEMU_MMAP_BUFFER(fe - hf->engines);
	arg->stream_id = out.stream_id;
	arg->fifo_bytes = out.fifo_bytes;
	return 0;
}

static long hdaemu_ioctl_free_buffer(struct hdaemu_file *hf, void *data)
{
	struct hdaemu_buffer_free *arg = data;
	struct hdaemu_bus_interface *bi = hf->bus;
	struct hdaemu_position_sample sample;
	struct hdaemu_file_engine *fe;
	int ret;

	if (arg->flags || arg->pad)
		return -EINVAL;
	fe = hdaemu_file_engine(hf, arg->handle);
	if (!fe)
		return -ENOENT;
	ret = bi->query_position(bi->context, fe->engine, &sample);
	if (ret)
		return ret;
	if (sample.state != HDAEMU_STREAM_RESET)
		return -EBADFD;
	if (!fe->buffer_kind)
		return -ENODATA;
	if (arg->kind != fe->buffer_kind ||
	    arg->size != (arg->kind == HDAEMU_BUFFER_NOTIFY ? fe->buffer_bytes : 0))
		return -EINVAL;
	if (atomic_read(&fe->maps))
		return -EBUSY;

	if (arg->kind == HDAEMU_BUFFER_PLAIN)
		ret = bi->free_dma_buffer(bi->context, fe->engine);
	else if (arg->kind == HDAEMU_BUFFER_NOTIFY)
		ret = bi->free_dma_buffer_with_notification(bi->context, fe->engine,
							    fe->buffer, fe->buffer_bytes);
	else
		ret = bi->free_contiguous_dma_buffer(bi->context, fe->engine);
	if (ret)
		return ret;
	hdaemu_file_drop_notifications(fe);
	fe->buffer_kind = 0;
	fe->buffer = NULL;
	fe->buffer_bytes = 0;
	return 0;
}

static long hdaemu_file_set_state(struct hdaemu_file *hf, struct hdaemu_set_state *arg,
				  const u32 *handles)
{
	struct hdaemu_engine *engines[HDAEMU_MAX_ENGINES];
	ktime_t timestamp;
	u32 i;
	int ret;

	for (i = 0; i < arg->count; i++) {
		struct hdaemu_file_engine *fe = hdaemu_file_engine(hf, handles[i]);

		if (!fe)
			return -ENOENT;
		engines[i] = fe->engine;
	}
	ret = hf->bus->set_dma_engine_state(hf->bus->context, arg->state, arg->count, engines,
					    &timestamp);
	if (ret)
		return ret;
	arg->timestamp_ns = ktime_to_ns(timestamp);
	return 0;
}

static long hdaemu_ioctl_get_position(struct hdaemu_file *hf, void *data)
{
	struct hdaemu_position *arg = data;
	struct hdaemu_position_sample sample;
	struct hdaemu_file_engine *fe;
	int ret;

	if (arg->flags || arg->pad || !hdaemu_is_zero(arg->reserved, sizeof(arg->reserved)))
		return -EINVAL;
	fe = hdaemu_file_engine(hf, arg->handle);
	if (!fe)
		return -ENOENT;
	ret = hf->bus->query_position(hf->bus->context, fe->engine, &sample);
	if (ret)
		return ret;
	arg->link_position = sample.link_position;
	arg->state = sample.state;
	arg->bytes = sample.bytes;
	arg->ioc_count = sample.ioc_count;
	arg->timestamp_ns = ktime_to_ns(sample.timestamp);
	arg->wallclock = sample.wallclock;
	return 0;
}

static struct hdaemu_file_notification *
hdaemu_file_find_notification(struct hdaemu_file_engine *fe, struct eventfd_ctx *eventfd)
{
	struct hdaemu_file_notification *n;

	list_for_each_entry(n, &fe->notifications, node)
		if (n->eventfd == eventfd)
			return n;
	return NULL;
}

static long hdaemu_ioctl_register(struct hdaemu_file *hf, void *data)
{
	struct hdaemu_notification *arg = data;
	struct hdaemu_file_notification *n;
	struct hdaemu_file_engine *fe;
	struct eventfd_ctx *eventfd;
	int ret;

	if (arg->flags || arg->pad)
		return -EINVAL;
	fe = hdaemu_file_engine(hf, arg->handle);
	if (!fe)
		return -ENOENT;
	eventfd = eventfd_ctx_fdget(arg->eventfd);
	if (IS_ERR(eventfd))
		return PTR_ERR(eventfd);
	if (hdaemu_file_find_notification(fe, eventfd)) {
		ret = -EEXIST;
		goto err_put;
	}
	n = kzalloc(sizeof(*n), GFP_KERNEL);
	if (!n) {
		ret = -ENOMEM;
		goto err_put;
	}
	n->eventfd = eventfd;
	n->event.signal = hdaemu_file_eventfd_signal;
	n->event.removed = hdaemu_file_eventfd_removed;
	ret = hf->bus->register_notification_event(hf->bus->context, fe->engine, &n->event);
	if (ret) {
		kfree(n);
		goto err_put;
	}
	list_add_tail(&n->node, &fe->notifications);
	return 0;
err_put:
	eventfd_ctx_put(eventfd);
	return ret;
}

static long hdaemu_ioctl_unregister(struct hdaemu_file *hf, void *data)
{
	struct hdaemu_notification *arg = data;
	struct hdaemu_file_notification *n;
	struct hdaemu_file_engine *fe;
	struct eventfd_ctx *eventfd;
	int ret;

	if (arg->flags || arg->pad)
		return -EINVAL;
	fe = hdaemu_file_engine(hf, arg->handle);
	if (!fe)
		return -ENOENT;
	eventfd = eventfd_ctx_fdget(arg->eventfd);
	if (IS_ERR(eventfd))
		return PTR_ERR(eventfd);
	n = hdaemu_file_find_notification(fe, eventfd);
	eventfd_ctx_put(eventfd);
	if (!n)
		return -ENOENT;
	ret = hf->bus->unregister_notification_event(hf->bus->context, fe->engine, &n->event);
	if (ret)
		return ret;
	list_del(&n->node);
	eventfd_ctx_put(n->eventfd);
	kfree(n);
	return 0;
}

/* ALLOC_BUFFER: stateless checks and the BDL copied in before the lock. */
static long hdaemu_ioctl_alloc_buffer(struct hdaemu_file *hf, void *data)
{
	struct hdaemu_buffer_alloc *arg = data;
	struct hdaemu_bdl_entry *entries = NULL;
	bool bdl = arg->kind == HDAEMU_BUFFER_BDL;
	long ret;

	if (arg->flags || arg->pad || !hdaemu_is_zero(arg->reserved, sizeof(arg->reserved)))
		return -EINVAL;
	if (arg->kind != HDAEMU_BUFFER_PLAIN && arg->kind != HDAEMU_BUFFER_NOTIFY && !bdl)
		return -EINVAL;
	if (arg->kind != HDAEMU_BUFFER_NOTIFY && arg->notification_count)
		return -EINVAL;
	if (!arg->requested_bytes)
		return -EINVAL;
	if (!bdl && (arg->bdl_ptr || arg->bdl_entries))
		return -EINVAL;
	if (bdl) {
		if (arg->bdl_entries < HDAEMU_BDL_MIN_ENTRIES ||
		    arg->bdl_entries > HDAEMU_BDL_MAX_ENTRIES)
			return -EINVAL;
		entries = memdup_user(u64_to_user_ptr(arg->bdl_ptr),
				      arg->bdl_entries * sizeof(*entries));
		if (IS_ERR(entries))
			return PTR_ERR(entries);
	}
	mutex_lock(&hf->lock);
	ret = hdaemu_file_alloc_buffer(hf, arg, entries);
	mutex_unlock(&hf->lock);
	kfree(entries);
	return ret;
}

/* SET_STATE: stateless checks and the handles copied in before the lock. */
static long hdaemu_ioctl_set_state(struct hdaemu_file *hf, void *data)
{
	struct hdaemu_set_state *arg = data;
	u32 handles[HDAEMU_MAX_ENGINES];
	long ret;

	if (arg->flags || arg->pad || !hdaemu_is_zero(arg->reserved, sizeof(arg->reserved)))
		return -EINVAL;
	if (!arg->count || arg->count > HDAEMU_MAX_ENGINES)
		return -EINVAL;
	if (copy_from_user(handles, u64_to_user_ptr(arg->handles_ptr),
			   arg->count * sizeof(*handles)))
		return -EFAULT;
	mutex_lock(&hf->lock);
	ret = hdaemu_file_set_state(hf, arg, handles);
	mutex_unlock(&hf->lock);
	return ret;
}

/**
 * struct hdaemu_ioctl_desc - one ioctl of /dev/hdaemu
 * @cmd: its number, which also gives the argument's size and direction
 * @fn: its handler, given the argument copied in
 * @own_lock: the handler takes the file's lock itself (to copy in more
 *	user memory first); otherwise the dispatcher holds it for the call
 * @after_removal: still allowed after a surprise removal (fault control,
 *	so the controller can be brought back)
 */
struct hdaemu_ioctl_desc {
	unsigned int cmd;
	long (*fn)(struct hdaemu_file *hf, void *data);
	bool own_lock;
	bool after_removal;
};

static const struct hdaemu_ioctl_desc hdaemu_ioctls[] = {
	{ HDAEMU_IOC_GET_INFO, hdaemu_ioctl_get_info },
	{ HDAEMU_IOC_ALLOC_ENGINE, hdaemu_ioctl_alloc_engine },
	{ HDAEMU_IOC_FREE_ENGINE, hdaemu_ioctl_free_engine },
	{ HDAEMU_IOC_CHANGE_FORMAT, hdaemu_ioctl_change_format },
	{ HDAEMU_IOC_ALLOC_BUFFER, hdaemu_ioctl_alloc_buffer, true },
	{ HDAEMU_IOC_FREE_BUFFER, hdaemu_ioctl_free_buffer },
	{ HDAEMU_IOC_SET_STATE, hdaemu_ioctl_set_state, true },
	{ HDAEMU_IOC_GET_POSITION, hdaemu_ioctl_get_position },
	{ HDAEMU_IOC_REGISTER_NOTIFICATION, hdaemu_ioctl_register },
	{ HDAEMU_IOC_UNREGISTER_NOTIFICATION, hdaemu_ioctl_unregister },
	{ HDAEMU_IOC_TRANSFER_VERBS, hdaemu_ioctl_transfer_verbs, true },
	{ HDAEMU_IOC_GET_DEVICE_INFO, hdaemu_ioctl_get_device_info },
	{ HDAEMU_IOC_REGISTER_UNSOL, hdaemu_ioctl_register_unsol },
	{ HDAEMU_IOC_UNREGISTER_UNSOL, hdaemu_ioctl_unregister_unsol },
	{ HDAEMU_IOC_READ_UNSOL, hdaemu_ioctl_read_unsol },
	{ HDAEMU_IOC_INJECT_JACK, hdaemu_ioctl_inject_jack, true },
	{ HDAEMU_IOC_GET_CONVERTERS, hdaemu_ioctl_get_converters, true },
	{ HDAEMU_IOC_GET_CODEC_STATS, hdaemu_ioctl_get_codec_stats, true },
	{ HDAEMU_IOC_SET_INPUT_SOURCE, hdaemu_ioctl_set_input_source, true },
	{ HDAEMU_IOC_GET_INPUT_SOURCE, hdaemu_ioctl_get_input_source, true },
	{ HDAEMU_IOC_SET_QUEUE_EVENT, hdaemu_ioctl_set_queue_event },
	{ HDAEMU_IOC_ENABLE_EVENTS, hdaemu_ioctl_enable_events },
	{ HDAEMU_IOC_DISABLE_EVENTS, hdaemu_ioctl_disable_events },
	{ HDAEMU_IOC_GET_QUEUE_STATUS, hdaemu_ioctl_get_queue_status },
	{ HDAEMU_IOC_GET_ENGINE_STATS, hdaemu_ioctl_get_engine_stats },
	{ HDAEMU_IOC_GET_DATA_STATS, hdaemu_ioctl_get_data_stats },
	{ HDAEMU_IOC_SET_FAULT, hdaemu_ioctl_set_fault, false, true },
};

/* Every ioctl argument fits here; checked against the table at load. */
#define HDAEMU_IOCTL_MAX_SIZE	128

static long hdaemu_cdev_ioctl(struct file *file, unsigned int cmd, unsigned long uarg)
{
	struct hdaemu_file *hf = file->private_data;
	void __user *argp = (void __user *)uarg;
	const struct hdaemu_ioctl_desc *desc = NULL;
	u64 data[HDAEMU_IOCTL_MAX_SIZE / sizeof(u64)];
	size_t size = _IOC_SIZE(cmd);
	unsigned int i;
	long ret;

	for (i = 0; i < ARRAY_SIZE(hdaemu_ioctls); i++)
		if (hdaemu_ioctls[i].cmd == cmd)
			desc = &hdaemu_ioctls[i];
	if (!desc)
		return -ENOTTY;
	/* After a surprise removal the file only waits to be closed. */
	if (hdaemu_queue_closed(&hf->queue) && !desc->after_removal)
		return -ENODEV;
	if (copy_from_user(data, argp, size))
		return -EFAULT;

	if (desc->own_lock) {
		ret = desc->fn(hf, data);
	} else {
		mutex_lock(&hf->lock);
		ret = desc->fn(hf, data);
		mutex_unlock(&hf->lock);
	}
	if (!ret && (_IOC_DIR(cmd) & _IOC_READ) && copy_to_user(argp, data, size))
		ret = -EFAULT;
	return ret;
}

static int hdaemu_cdev_open(struct inode *inode, struct file *file)
{
	struct hdaemu_file *hf;
	int ret;
	u32 i;

	hf = kzalloc(sizeof(*hf), GFP_KERNEL);
	if (!hf)
		return -ENOMEM;
	ret = hdaemu_queue_init(&hf->queue, HDAEMU_QUEUE_CAPACITY);
	if (ret)
		goto err_free;
	hf->bus = hdaemu_bus_open(HDAEMU_BUS_INTERFACE_FULL);
	if (IS_ERR(hf->bus)) {
		ret = PTR_ERR(hf->bus);
		goto err_queue;
	}
	ret = hf->bus->set_client_events(hf->bus->context, &hdaemu_file_events, hf);
	if (WARN_ON(ret))
		goto err_bus;
	mutex_init(&hf->lock);
	mutex_init(&hf->read_lock);
	INIT_LIST_HEAD(&hf->unsol);
	for (i = 0; i < HDAEMU_POSITION_SLOTS; i++)
		INIT_LIST_HEAD(&hf->engines[i].notifications);
	file->private_data = hf;
	return nonseekable_open(inode, file);

err_bus:
	hdaemu_bus_close(hf->bus);
err_queue:
	hdaemu_queue_destroy(&hf->queue);
err_free:
	kfree(hf);
	return ret;
}

static int hdaemu_cdev_release(struct inode *inode, struct file *file)
{
	struct hdaemu_file *hf = file->private_data;
	u32 i;

	/* Closing the client stops everything and ends every registration. */
	hdaemu_bus_close(hf->bus);
	hdaemu_cdev_codec_release(hf);
	for (i = 0; i < HDAEMU_POSITION_SLOTS; i++)
		hdaemu_file_drop_notifications(&hf->engines[i]);
	hdaemu_queue_destroy(&hf->queue);
	mutex_destroy(&hf->read_lock);
	mutex_destroy(&hf->lock);
	kfree(hf);
	return 0;
}

static const struct file_operations hdaemu_cdev_fops = {
	.owner = THIS_MODULE,
	.open = hdaemu_cdev_open,
	.release = hdaemu_cdev_release,
	.unlocked_ioctl = hdaemu_cdev_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.mmap = hdaemu_cdev_mmap,
	.read = hdaemu_cdev_read,
	.poll = hdaemu_cdev_poll,
	/* No .llseek: see compat.h. nonseekable_open() makes lseek -ESPIPE. */
};

static struct miscdevice hdaemu_miscdev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = HDAEMU_DEVICE_NAME,
	.fops = &hdaemu_cdev_fops,
	.mode = 0660,
};

/**
 * hdaemu_cdev_register() - create /dev/hdaemu
 *
 * Context: process context (module init).
 * Return: 0 or the misc device's error.
 */
int hdaemu_cdev_register(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(hdaemu_ioctls); i++)
		if (WARN_ON(_IOC_SIZE(hdaemu_ioctls[i].cmd) > HDAEMU_IOCTL_MAX_SIZE))
			return -EINVAL;
	return misc_register(&hdaemu_miscdev);
}

/**
 * hdaemu_cdev_unregister() - remove /dev/hdaemu
 *
 * Context: process context (module exit); no file is open.
 */
void hdaemu_cdev_unregister(void)
{
	misc_deregister(&hdaemu_miscdev);
}
