// SPDX-License-Identifier: GPL-2.0
/*
 * hdaemu-bench - /dev/hdaemu, one ioctl per call, nothing hidden: the
 * benchmark times these calls, so it makes them itself rather than through
 * libhdaemu.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "bench.h"

int hda_open(struct hda *h, bool nonblock)
{
	void *page;

	memset(h, 0, sizeof(*h));
	h->fd = open("/dev/hdaemu", O_RDWR | O_CLOEXEC | (nonblock ? O_NONBLOCK : 0));
	if (h->fd < 0)
		return -errno;
	if (ioctl(h->fd, HDAEMU_IOC_GET_INFO, &h->info) < 0)
		goto fail;
	page = mmap(NULL, h->info.position_page_bytes, PROT_READ, MAP_SHARED, h->fd,
		    HDAEMU_MMAP_POSITION_PAGE);
	if (page == MAP_FAILED)
		goto fail;
	h->page = page;
	return 0;
fail:
	{
		int err = -errno;

		close(h->fd);
		h->fd = -1;
		return err;
	}
}

void hda_close(struct hda *h)
{
	if (h->page)
		munmap((void *)h->page, h->info.position_page_bytes);
	if (h->fd >= 0)
		close(h->fd);
	h->page = NULL;
	h->fd = -1;
}

int hda_engine_alloc(struct hda *h, struct hda_engine *e, uint32_t direction,
		     uint32_t codec, uint32_t rate, uint16_t channels, uint16_t valid_bits,
		     uint16_t container_bits)
{
	struct hdaemu_engine_alloc a = {
		.direction = direction,
		.codec_address = direction == HDAEMU_DIR_CAPTURE ? codec : 0,
		.format = {
			.sample_rate = rate,
			.valid_bits = valid_bits,
			.container_bits = container_bits,
			.channels = channels,
		},
	};

	if (ioctl(h->fd, HDAEMU_IOC_ALLOC_ENGINE, &a) < 0)
		return -errno;
	memset(e, 0, sizeof(*e));
	e->handle = a.handle;
	e->slot = a.position_slot;
	e->index = a.engine_index;
	e->direction = direction;
	e->rate = rate;
	e->frame_bytes = channels * (container_bits / 8);
	return 0;
}

/*
 * Render on the SDO line while it has room, then capture on each codec's
 * SDI line in turn: the 30 engines of one controller need them all (stream
 * tags 1..15 per direction, OUTPAY/INPAY words per line).
 */
int hda_engine_alloc_any(struct hda *h, struct hda_engine *e, uint32_t rate,
			 uint16_t channels, uint16_t valid_bits, uint16_t container_bits)
{
	uint32_t codec;
	int ret;

	ret = hda_engine_alloc(h, e, HDAEMU_DIR_RENDER, 0, rate, channels, valid_bits,
			       container_bits);
	if (ret != -ENOSPC)
		return ret;
	for (codec = 0; codec < 15; codec++) {
		if (!(h->info.codec_mask & (1u << codec)))
			continue;
		ret = hda_engine_alloc(h, e, HDAEMU_DIR_CAPTURE, codec, rate, channels,
				       valid_bits, container_bits);
		if (ret != -ENOSPC)
			return ret;
	}
	return -ENOSPC;
}

/* A notification buffer with two IOCs per pass: the period is half of it. */
int hda_buffer_notify(struct hda *h, struct hda_engine *e, uint32_t period_frames)
{
	struct hdaemu_buffer_alloc b = {
		.handle = e->handle,
		.kind = HDAEMU_BUFFER_NOTIFY,
		.notification_count = 2,
		.requested_bytes = 2ull * period_frames * e->frame_bytes,
	};

	if (ioctl(h->fd, HDAEMU_IOC_ALLOC_BUFFER, &b) < 0)
		return -errno;
	/* The period must be exactly the one asked for: the due times depend on it. */
	if (b.allocated_bytes != b.requested_bytes)
		return -ERANGE;
	e->cbl = b.allocated_bytes;
	e->period_bytes = b.allocated_bytes / 2;
	e->period_frames = period_frames;
	return 0;
}

int hda_set_state(struct hda *h, const uint32_t *handles, uint32_t count, uint32_t state,
		  uint64_t *timestamp)
{
	struct hdaemu_set_state s = {
		.state = state,
		.count = count,
		.handles_ptr = (uintptr_t)handles,
	};

	if (ioctl(h->fd, HDAEMU_IOC_SET_STATE, &s) < 0)
		return -errno;
	if (timestamp)
		*timestamp = s.timestamp_ns;
	return 0;
}

int hda_set_state1(struct hda *h, const struct hda_engine *e, uint32_t state,
		   uint64_t *timestamp)
{
	return hda_set_state(h, &e->handle, 1, state, timestamp);
}

int hda_register(struct hda *h, const struct hda_engine *e, int efd)
{
	struct hdaemu_notification n = { .handle = e->handle, .eventfd = efd };

	return ioctl(h->fd, HDAEMU_IOC_REGISTER_NOTIFICATION, &n) < 0 ? -errno : 0;
}

int hda_enable_events(struct hda *h, const struct hda_engine *e, uint64_t types)
{
	struct hdaemu_event_set s = { .handle = e->handle, .types = types };

	return ioctl(h->fd, HDAEMU_IOC_ENABLE_EVENTS, &s) < 0 ? -errno : 0;
}

int hda_position(struct hda *h, const struct hda_engine *e, struct hdaemu_position *p)
{
	memset(p, 0, sizeof(*p));
	p->handle = e->handle;
	return ioctl(h->fd, HDAEMU_IOC_GET_POSITION, p) < 0 ? -errno : 0;
}

int hda_stats(struct hda *h, const struct hda_engine *e, struct hdaemu_engine_stats *s)
{
	memset(s, 0, sizeof(*s));
	s->handle = e->handle;
	return ioctl(h->fd, HDAEMU_IOC_GET_ENGINE_STATS, s) < 0 ? -errno : 0;
}

/* A consistent copy of the engine's position slot (the seqcount reader). */
void hda_slot_read(const struct hda *h, const struct hda_engine *e,
		   struct hdaemu_position_slot *copy)
{
	const struct hdaemu_position_header *hdr = h->page;
	const struct hdaemu_position_slot *s = (const void *)((const char *)h->page +
				hdr->slot_offset + e->slot * hdr->slot_bytes);
	uint32_t seq;

	do {
		seq = __atomic_load_n(&s->seq, __ATOMIC_ACQUIRE);
		memcpy(copy, (const void *)s, sizeof(*copy));
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
	} while ((seq & 1) || seq != __atomic_load_n(&s->seq, __ATOMIC_RELAXED));
}
