// SPDX-License-Identifier: GPL-2.0
/*
 * hdaemu - /dev/hdaemu ioctls of the codecs: verbs, device information,
 * unsolicited responses, jack injection, converter routes, counters.
 *
 * Verbs, device information and unsolicited response tags go through the
 * file's bus interface like any function driver's. Jack injection, routes
 * and counters are the emulator's own controls, not bus routines, and call
 * the codec core directly.
 *
 * A file's unsolicited registrations are on hf->unsol, changed under
 * hf->lock. Each has a small queue of responses under its own spinlock,
 * filled by the bus's callback (a work item) and emptied by READ_UNSOL;
 * the bus guarantees the callback is not running once the tag is
 * unregistered or the client closed, so a registration is freed after that.
 */
#include <linux/capability.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "cdev.h"
#include "codec.h"

#define HDAEMU_UNSOL_PER_FILE		16	/* of the bus's 64 tags */
#define HDAEMU_UNSOL_FIFO		16	/* responses kept per tag */
#define HDAEMU_MAX_CONVERTERS		32

/**
 * struct hdaemu_file_unsol - a file's unsolicited response registration
 * @node: in &hdaemu_file.unsol
 * @hf: the file, whose event queue also gets the responses
 * @tag: the tag the bus gave
 * @eventfd: signalled once per response
 * @lock: protects the queue below
 * @fifo: responses not read yet
 * @head: the oldest in @fifo
 * @len: entries in @fifo
 * @dropped: responses lost to a full @fifo since the last read
 */
struct hdaemu_file_unsol {
	struct list_head node;
	struct hdaemu_file *hf;
	u8 tag;
	struct eventfd_ctx *eventfd;
	spinlock_t lock;	/* the queue */
	u64 fifo[HDAEMU_UNSOL_FIFO];
	u32 head;
	u32 len;
	u32 dropped;
};

/**
 * hdaemu_ioctl_transfer_verbs() - HDAEMU_IOC_TRANSFER_VERBS: verbs in order, responses written back
 * @hf: the file
 * @data: the argument, copied in
 *
 * Context: process context, without the file's lock (user memory).
 * Return: 0 or a negative errno (Documentation/ioctl.rst).
 */
long hdaemu_ioctl_transfer_verbs(struct hdaemu_file *hf, void *data)
{
	struct hdaemu_verb_transfer *arg = data;
	struct hdaemu_bus_interface *bi = hf->bus;
	struct hdaemu_codec_transfer *t;
	struct hdaemu_verb *verbs;
	long ret = -EINVAL;
	u32 i;

	if (arg->flags || arg->reserved || !arg->count || arg->count > HDAEMU_MAX_VERBS)
		return -EINVAL;
	verbs = memdup_user(u64_to_user_ptr(arg->verbs_ptr), arg->count * sizeof(*verbs));
	if (IS_ERR(verbs))
		return PTR_ERR(verbs);
	t = kcalloc(arg->count, sizeof(*t), GFP_KERNEL);
	if (!t) {
		ret = -ENOMEM;
		goto out;
	}
	for (i = 0; i < arg->count; i++) {
		if (verbs[i].pad)
			goto out;
		t[i].command = verbs[i].command;
	}
	ret = bi->transfer_codec_verbs(bi->context, arg->count, t, NULL, NULL);
	if (ret)
		goto out;
	for (i = 0; i < arg->count; i++)
		verbs[i].response = t[i].response;
	if (copy_to_user(u64_to_user_ptr(arg->verbs_ptr), verbs, arg->count * sizeof(*verbs)))
		ret = -EFAULT;
out:
	kfree(t);
	kfree(verbs);
	return ret;
}

/**
 * hdaemu_ioctl_get_device_info() - HDAEMU_IOC_GET_DEVICE_INFO: device and resource information
 * @hf: the file
 * @data: the argument, copied in
 *
 * Context: process context, the file's lock held.
 * Return: 0 or a negative errno (Documentation/ioctl.rst).
 */
long hdaemu_ioctl_get_device_info(struct hdaemu_file *hf, void *data)
{
	struct hdaemu_device_info *arg = data;
	struct hdaemu_bus_interface *bi = hf->bus;
	struct hdaemu_device_information info = { .size = sizeof(info) };
	u8 address, node;
	int ret;

	if (arg->flags || !hdaemu_is_zero(arg->reserved, sizeof(arg->reserved)))
		return -EINVAL;
	ret = bi->get_device_information(bi->context, &info);
	if (ret)
		return ret;
	bi->get_resource_information(bi->context, &address, &node);
	memset(arg, 0, sizeof(*arg));
	arg->device_version = info.device_version;
	arg->driver_version = info.driver_version;
	arg->codecs_detected = info.codecs_detected;
	arg->striping_supported = info.is_striping_supported;
	arg->ctrl_vendor_id = info.ctrl_vendor_id;
	arg->ctrl_device_id = info.ctrl_device_id;
	arg->ctrl_revision = info.ctrl_revision;
	arg->codec_address = address;
	arg->fg_start_node = node;
	return 0;
}

static void hdaemu_file_unsol_fn(u64 response, void *context)
{
	struct hdaemu_file_unsol *u = context;

	spin_lock(&u->lock);
	if (u->len == HDAEMU_UNSOL_FIFO) {
		u->dropped++;
	} else {
		u->fifo[(u->head + u->len) % HDAEMU_UNSOL_FIFO] = response;
		u->len++;
	}
	spin_unlock(&u->lock);
	hdaemu_compat_eventfd_add(u->eventfd, 1);
	hdaemu_events_unsol(u->hf, u->tag, response);
}

/* The registration of @tag, or NULL; counts them all in @count. */
static struct hdaemu_file_unsol *
hdaemu_file_unsol_find(struct hdaemu_file *hf, u32 tag, unsigned int *count)
{
	struct hdaemu_file_unsol *u, *found = NULL;

	lockdep_assert_held(&hf->lock);
	if (count)
		*count = 0;
	list_for_each_entry(u, &hf->unsol, node) {
		if (count)
			(*count)++;
		if (u->tag == tag)
			found = u;
	}
	return found;
}

/**
 * hdaemu_ioctl_register_unsol() - HDAEMU_IOC_REGISTER_UNSOL: a tag signalled on an eventfd
 * @hf: the file
 * @data: the argument, copied in
 *
 * Context: process context, the file's lock held.
 * Return: 0 or a negative errno (Documentation/ioctl.rst).
 */
long hdaemu_ioctl_register_unsol(struct hdaemu_file *hf, void *data)
{
	struct hdaemu_unsol_register *arg = data;
	struct hdaemu_bus_interface *bi = hf->bus;
	struct hdaemu_file_unsol *u;
	unsigned int count;
	int ret;

	if (arg->flags || arg->pad)
		return -EINVAL;
	hdaemu_file_unsol_find(hf, U32_MAX, &count);
	if (count >= HDAEMU_UNSOL_PER_FILE)
		return -ENOSPC;
	u = kzalloc(sizeof(*u), GFP_KERNEL);
	if (!u)
		return -ENOMEM;
	spin_lock_init(&u->lock);
	u->hf = hf;
	u->eventfd = eventfd_ctx_fdget(arg->eventfd);
	if (IS_ERR(u->eventfd)) {
		ret = PTR_ERR(u->eventfd);
		goto err_free;
	}
	ret = bi->register_event_callback(bi->context, hdaemu_file_unsol_fn, u, &u->tag);
	if (ret)
		goto err_put;
	list_add_tail(&u->node, &hf->unsol);
	arg->tag = u->tag;
	return 0;
err_put:
	eventfd_ctx_put(u->eventfd);
err_free:
	kfree(u);
	return ret;
}

/**
 * hdaemu_ioctl_unregister_unsol() - HDAEMU_IOC_UNREGISTER_UNSOL: give a tag back
 * @hf: the file
 * @data: the argument, copied in
 *
 * Context: process context, the file's lock held.
 * Return: 0 or a negative errno (Documentation/ioctl.rst).
 */
long hdaemu_ioctl_unregister_unsol(struct hdaemu_file *hf, void *data)
{
	struct hdaemu_unsol_ref *arg = data;
	struct hdaemu_bus_interface *bi = hf->bus;
	struct hdaemu_file_unsol *u;
	int ret;

	if (arg->flags)
		return -EINVAL;
	u = hdaemu_file_unsol_find(hf, arg->tag, NULL);
	if (!u)
		return -EINVAL;
	ret = bi->unregister_event_callback(bi->context, u->tag);
	if (WARN_ON(ret))
		return ret;
	list_del(&u->node);
	eventfd_ctx_put(u->eventfd);
	kfree(u);
	return 0;
}

/**
 * hdaemu_ioctl_read_unsol() - HDAEMU_IOC_READ_UNSOL: take a tag's queued responses
 * @hf: the file
 * @data: the argument, copied in
 *
 * Context: process context, the file's lock held.
 * Return: 0 or a negative errno (Documentation/ioctl.rst).
 */
long hdaemu_ioctl_read_unsol(struct hdaemu_file *hf, void *data)
{
	struct hdaemu_unsol_read *arg = data;
	struct hdaemu_file_unsol *u;
	u32 n;

	if (arg->flags)
		return -EINVAL;
	u = hdaemu_file_unsol_find(hf, arg->tag, NULL);
	if (!u)
		return -EINVAL;
	memset(arg->responses, 0, sizeof(arg->responses));
	spin_lock(&u->lock);
	for (n = 0; n < HDAEMU_UNSOL_READ_MAX && u->len; n++) {
		arg->responses[n] = u->fifo[u->head];
		u->head = (u->head + 1) % HDAEMU_UNSOL_FIFO;
		u->len--;
	}
	arg->dropped = u->dropped;
	u->dropped = 0;
	spin_unlock(&u->lock);
	arg->count = n;
	return 0;
}

/**
 * hdaemu_ioctl_inject_jack() - HDAEMU_IOC_INJECT_JACK: plug or unplug a jack
 * @hf: the file
 * @data: the argument, copied in
 *
 * Context: process context, without the file's lock.
 * Return: 0 or a negative errno (Documentation/ioctl.rst).
 */
long hdaemu_ioctl_inject_jack(struct hdaemu_file *hf, void *data)
{
	struct hdaemu_jack *arg = data;

	/* A jack is the whole machine's: every client sees the change. */
	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (arg->flags || arg->present > 1)
		return -EINVAL;
	return hdaemu_unsol_inject(hdaemu_bus_get(), arg->codec_address, arg->nid, arg->present);
}

/**
 * hdaemu_ioctl_get_converters() - HDAEMU_IOC_GET_CONVERTERS: converters and their engines
 * @hf: the file
 * @data: the argument, copied in
 *
 * Context: process context, without the file's lock (user memory).
 * Return: 0 or a negative errno (Documentation/ioctl.rst).
 */
long hdaemu_ioctl_get_converters(struct hdaemu_file *hf, void *data)
{
	struct hdaemu_converters *arg = data;
	struct hdaemu_converter_route *routes;
	struct hdaemu_converter out;
	int n, i;
	long ret = 0;

	if (arg->flags || arg->reserved || arg->count)
		return -EINVAL;
	if (arg->codec_address >= HDAEMU_MAX_CODECS)
		return -ENODEV;
	routes = kcalloc(HDAEMU_MAX_CONVERTERS, sizeof(*routes), GFP_KERNEL);
	if (!routes)
		return -ENOMEM;
	n = hdaemu_codec_routes(hdaemu_bus_get(), arg->codec_address, routes,
				HDAEMU_MAX_CONVERTERS);
	if (n < 0) {
		ret = n;
		goto out;
	}
	for (i = 0; i < min3(n, HDAEMU_MAX_CONVERTERS, (int)min_t(u32, arg->capacity, INT_MAX));
	     i++) {
		memset(&out, 0, sizeof(out));
		out.nid = routes[i].nid;
		out.direction = routes[i].direction;
		out.stream_tag = routes[i].stream_tag;
		out.channel = routes[i].channel;
		out.format = routes[i].format;
		out.engine_index = routes[i].engine_index;
		if (out.engine_index != HDAEMU_CONVERTER_NO_ENGINE)
			out.flags = HDAEMU_CONVERTER_CONNECTED |
				    (routes[i].mismatch ? HDAEMU_CONVERTER_MISMATCH : 0);
		if (copy_to_user(u64_to_user_ptr(arg->entries_ptr) + i * sizeof(out), &out,
				 sizeof(out))) {
			ret = -EFAULT;
			goto out;
		}
	}
	arg->count = n;
out:
	kfree(routes);
	return ret;
}

/**
 * hdaemu_ioctl_get_codec_stats() - HDAEMU_IOC_GET_CODEC_STATS: a codec address's counters
 * @hf: the file
 * @data: the argument, copied in
 *
 * Context: process context, without the file's lock.
 * Return: 0 or a negative errno (Documentation/ioctl.rst).
 */
long hdaemu_ioctl_get_codec_stats(struct hdaemu_file *hf, void *data)
{
	struct hdaemu_codec_stats *arg = data;
	struct hdaemu_codecs *codecs = hdaemu_bus_get()->codecs;
	struct hdaemu_codec *codec;
	u32 address = arg->codec_address;

	if (arg->flags || !hdaemu_is_zero(arg->reserved, sizeof(arg->reserved)))
		return -EINVAL;
	if (address >= HDAEMU_MAX_CODECS)
		return -EINVAL;
	memset(arg, 0, sizeof(*arg));
	arg->codec_address = address;
	codec = codecs->codec[address];
	if (codec) {
		mutex_lock(&codec->lock);
		arg->verbs = codec->counters.verbs;
		arg->no_node = codec->counters.no_node;
		arg->unsupported = codec->counters.unsupported;
		arg->bad_payload = codec->counters.bad_payload;
		arg->unsol_sent = codec->counters.unsol_sent;
		mutex_unlock(&codec->lock);
	}
	arg->no_codec = atomic64_read(&codecs->no_codec[address]);
	spin_lock(&codecs->fifo_lock);
	arg->unsol_dropped = codecs->unsol_dropped;
	spin_unlock(&codecs->fifo_lock);
	return 0;
}

/**
 * hdaemu_cdev_codec_release() - free a closed file's registrations
 * @hf: the file, its bus client already closed (so no callback runs)
 *
 * Context: process context (release).
 */
void hdaemu_cdev_codec_release(struct hdaemu_file *hf)
{
	struct hdaemu_file_unsol *u, *next;

	list_for_each_entry_safe(u, next, &hf->unsol, node) {
		list_del(&u->node);
		eventfd_ctx_put(u->eventfd);
		kfree(u);
	}
}

/**
 * hdaemu_ioctl_set_input_source() - HDAEMU_IOC_SET_INPUT_SOURCE: what an input pin hears
 * @hf: the file
 * @data: the argument, copied in
 *
 * Context: process context, without the file's lock.
 * Return: 0 or a negative errno (Documentation/ioctl.rst).
 */
long hdaemu_ioctl_set_input_source(struct hdaemu_file *hf, void *data)
{
	/* The signal at a jack is the whole machine's, like the jack itself. */
	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	return hdaemu_codec_set_source(hdaemu_bus_get(), data);
}

/**
 * hdaemu_ioctl_get_input_source() - HDAEMU_IOC_GET_INPUT_SOURCE: read an input pin's source
 * @hf: the file
 * @data: the argument, copied in
 *
 * Context: process context, without the file's lock.
 * Return: 0 or a negative errno (Documentation/ioctl.rst).
 */
long hdaemu_ioctl_get_input_source(struct hdaemu_file *hf, void *data)
{
	return hdaemu_codec_get_source(hdaemu_bus_get(), data);
}
