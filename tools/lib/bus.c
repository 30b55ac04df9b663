// SPDX-License-Identifier: GPL-2.0
/*
 * libhdaemu bus layer: one function per ioctl of /dev/hdaemu. Each returns
 * 0 or a negative errno, so callers need not reach for errno, and hides the
 * ioctl numbers and the user pointers carried in __u64 fields.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "hdaemu_bus.h"

/* ioctl() as the library reports it: 0 or -errno. */
static int bus_ioctl(int fd, unsigned long cmd, void *arg)
{
	return ioctl(fd, cmd, arg) ? -errno : 0;
}

int hdaemu_dev_open(struct hdaemu_dev *dev, const char *path)
{
	const __u64 needed = HDAEMU_INFO_FEAT_ENGINES | HDAEMU_INFO_FEAT_NOTIFY |
			     HDAEMU_INFO_FEAT_POSITION_PAGE;
	void *page;
	int ret;

	memset(dev, 0, sizeof(*dev));
	dev->fd = open(path ? path : HDAEMU_DEFAULT_PATH, O_RDWR | O_CLOEXEC);
	if (dev->fd < 0)
		return -errno;
	ret = hdaemu_get_info(dev->fd, &dev->info);
	if (!ret && (dev->info.abi_version < HDAEMU_ABI_VERSION ||
		     (dev->info.features & needed) != needed))
		ret = -EPROTO;
	if (ret)
		goto fail;
	page = mmap(NULL, dev->info.position_page_bytes, PROT_READ, MAP_SHARED, dev->fd,
		    HDAEMU_MMAP_POSITION_PAGE);
	if (page == MAP_FAILED) {
		ret = -errno;
		goto fail;
	}
	dev->position_page = page;
	return 0;
fail:
	close(dev->fd);
	dev->fd = -1;
	return ret;
}

void hdaemu_dev_close(struct hdaemu_dev *dev)
{
	if (dev->fd < 0)
		return;
	if (dev->position_page)
		munmap((void *)dev->position_page, dev->info.position_page_bytes);
	close(dev->fd);
	dev->fd = -1;
	dev->position_page = NULL;
}

int hdaemu_get_info(int fd, struct hdaemu_info *info)
{
	memset(info, 0, sizeof(*info));
	return bus_ioctl(fd, HDAEMU_IOC_GET_INFO, info);
}

int hdaemu_alloc_engine(int fd, struct hdaemu_engine_alloc *a)
{
	return bus_ioctl(fd, HDAEMU_IOC_ALLOC_ENGINE, a);
}

int hdaemu_free_engine(int fd, uint32_t handle)
{
	struct hdaemu_engine_ref ref = { .handle = handle };

	return bus_ioctl(fd, HDAEMU_IOC_FREE_ENGINE, &ref);
}

int hdaemu_change_format(int fd, struct hdaemu_engine_format *f)
{
	return bus_ioctl(fd, HDAEMU_IOC_CHANGE_FORMAT, f);
}

int hdaemu_alloc_buffer(int fd, struct hdaemu_buffer_alloc *b)
{
	return bus_ioctl(fd, HDAEMU_IOC_ALLOC_BUFFER, b);
}

int hdaemu_free_buffer(int fd, uint32_t handle, uint32_t kind, uint64_t size)
{
	struct hdaemu_buffer_free bf = { .handle = handle, .kind = kind, .size = size };

	return bus_ioctl(fd, HDAEMU_IOC_FREE_BUFFER, &bf);
}

int hdaemu_set_state(int fd, const uint32_t *handles, unsigned int count, uint32_t state,
		     uint64_t *timestamp_ns)
{
	struct hdaemu_set_state ss = {
		.state = state,
		.count = count,
		.handles_ptr = (uintptr_t)handles,
	};
	int ret = bus_ioctl(fd, HDAEMU_IOC_SET_STATE, &ss);

	if (!ret && timestamp_ns)
		*timestamp_ns = ss.timestamp_ns;
	return ret;
}

int hdaemu_get_position(int fd, uint32_t handle, struct hdaemu_position *pos)
{
	memset(pos, 0, sizeof(*pos));
	pos->handle = handle;
	return bus_ioctl(fd, HDAEMU_IOC_GET_POSITION, pos);
}

int hdaemu_register_notification(int fd, uint32_t handle, int efd)
{
	struct hdaemu_notification n = { .handle = handle, .eventfd = efd };

	return bus_ioctl(fd, HDAEMU_IOC_REGISTER_NOTIFICATION, &n);
}

int hdaemu_unregister_notification(int fd, uint32_t handle, int efd)
{
	struct hdaemu_notification n = { .handle = handle, .eventfd = efd };

	return bus_ioctl(fd, HDAEMU_IOC_UNREGISTER_NOTIFICATION, &n);
}

int hdaemu_transfer_verbs(int fd, struct hdaemu_verb *verbs, unsigned int count)
{
	struct hdaemu_verb_transfer t = { .verbs_ptr = (uintptr_t)verbs, .count = count };

	return bus_ioctl(fd, HDAEMU_IOC_TRANSFER_VERBS, &t);
}

int hdaemu_get_device_info(int fd, struct hdaemu_device_info *di)
{
	memset(di, 0, sizeof(*di));
	return bus_ioctl(fd, HDAEMU_IOC_GET_DEVICE_INFO, di);
}

int hdaemu_register_unsol(int fd, int efd, uint32_t *tag)
{
	struct hdaemu_unsol_register r = { .eventfd = efd };
	int ret = bus_ioctl(fd, HDAEMU_IOC_REGISTER_UNSOL, &r);

	if (!ret && tag)
		*tag = r.tag;
	return ret;
}

int hdaemu_unregister_unsol(int fd, uint32_t tag)
{
	struct hdaemu_unsol_ref r = { .tag = tag };

	return bus_ioctl(fd, HDAEMU_IOC_UNREGISTER_UNSOL, &r);
}

int hdaemu_read_unsol(int fd, struct hdaemu_unsol_read *r)
{
	return bus_ioctl(fd, HDAEMU_IOC_READ_UNSOL, r);
}

int hdaemu_inject_jack(int fd, uint32_t codec_address, uint32_t nid, int present)
{
	struct hdaemu_jack j = { .codec_address = codec_address, .nid = nid,
				 .present = present ? 1 : 0 };

	return bus_ioctl(fd, HDAEMU_IOC_INJECT_JACK, &j);
}

int hdaemu_get_converters(int fd, struct hdaemu_converters *c)
{
	return bus_ioctl(fd, HDAEMU_IOC_GET_CONVERTERS, c);
}

int hdaemu_get_codec_stats(int fd, uint32_t codec_address, struct hdaemu_codec_stats *s)
{
	memset(s, 0, sizeof(*s));
	s->codec_address = codec_address;
	return bus_ioctl(fd, HDAEMU_IOC_GET_CODEC_STATS, s);
}

int hdaemu_set_queue_event(int fd, int efd)
{
	struct hdaemu_queue_event q = { .eventfd = efd };

	return bus_ioctl(fd, HDAEMU_IOC_SET_QUEUE_EVENT, &q);
}

static int bus_event_set(int fd, unsigned long cmd, uint32_t handle, uint64_t types,
			 uint64_t *enabled)
{
	struct hdaemu_event_set s = { .handle = handle, .types = types };
	int ret = bus_ioctl(fd, cmd, &s);

	if (!ret && enabled)
		*enabled = s.enabled;
	return ret;
}

int hdaemu_enable_events(int fd, uint32_t handle, uint64_t types, uint64_t *enabled)
{
	return bus_event_set(fd, HDAEMU_IOC_ENABLE_EVENTS, handle, types, enabled);
}

int hdaemu_disable_events(int fd, uint32_t handle, uint64_t types, uint64_t *enabled)
{
	return bus_event_set(fd, HDAEMU_IOC_DISABLE_EVENTS, handle, types, enabled);
}

int hdaemu_get_queue_status(int fd, struct hdaemu_queue_status *st)
{
	memset(st, 0, sizeof(*st));
	return bus_ioctl(fd, HDAEMU_IOC_GET_QUEUE_STATUS, st);
}

int hdaemu_get_engine_stats(int fd, uint32_t handle, struct hdaemu_engine_stats *st)
{
	memset(st, 0, sizeof(*st));
	st->handle = handle;
	return bus_ioctl(fd, HDAEMU_IOC_GET_ENGINE_STATS, st);
}

int hdaemu_get_data_stats(int fd, uint32_t handle, struct hdaemu_data_stats *st)
{
	memset(st, 0, sizeof(*st));
	st->handle = handle;
	return bus_ioctl(fd, HDAEMU_IOC_GET_DATA_STATS, st);
}

int hdaemu_set_input_source(int fd, const struct hdaemu_input_source *src)
{
	return bus_ioctl(fd, HDAEMU_IOC_SET_INPUT_SOURCE, (void *)src);
}

int hdaemu_get_input_source(int fd, uint32_t codec_address, uint32_t nid,
			    struct hdaemu_input_source *src)
{
	memset(src, 0, sizeof(*src));
	src->codec_address = codec_address;
	src->nid = nid;
	return bus_ioctl(fd, HDAEMU_IOC_GET_INPUT_SOURCE, src);
}

int hdaemu_set_fault(int fd, const struct hdaemu_fault *fault)
{
	return bus_ioctl(fd, HDAEMU_IOC_SET_FAULT, (void *)fault);
}

ssize_t hdaemu_read_events(int fd, struct hdaemu_event_record *records, size_t max)
{
	ssize_t n;

	if (!max)
		return -EINVAL;
	n = read(fd, records, max * sizeof(*records));
	if (n < 0)
		return -errno;
	return n / (ssize_t)sizeof(*records);
}
