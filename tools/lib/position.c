// SPDX-License-Identifier: GPL-2.0
/*
 * libhdaemu bus layer: the position page (an engine's position without a
 * system call, as a driver reads LPIB, unless an injected fault shapes
 * it), the wall clock, DMA buffer mappings and the stream format
 * arithmetic the engine itself does.
 */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#include "hdaemu_bus.h"

uint64_t hdaemu_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * HDAEMU_NSEC_PER_SEC + (uint64_t)ts.tv_nsec;
}

int hdaemu_read_slot(const struct hdaemu_dev *dev, unsigned int slot,
		     struct hdaemu_position_slot *copy)
{
	const struct hdaemu_position_header *h = dev->position_page;
	const struct hdaemu_position_slot *s;
	__u32 seq;

	if (!h || slot >= h->num_slots)
		return -EINVAL;
	/* The controller was removed: the slots will never move again. */
	if (__atomic_load_n(&h->flags, __ATOMIC_ACQUIRE) & HDAEMU_POSITION_REMOVED)
		return -ENODEV;
	s = (const void *)((const char *)h + h->slot_offset + slot * h->slot_bytes);
	/* A seqcount reader: retry while the kernel writes the slot. */
	do {
		seq = __atomic_load_n(&s->seq, __ATOMIC_ACQUIRE);
		memcpy(copy, (const void *)s, sizeof(*copy));
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
	} while ((seq & 1) || seq != __atomic_load_n(&s->seq, __ATOMIC_RELAXED));
	return 0;
}

/* The formula's position at @now; the slot must not be shaped. */
static void slot_position(const struct hdaemu_position_slot *copy, uint64_t now,
			  uint32_t *lpib, uint64_t *bytes)
{
	/* The uapi's formula: the anchor, the rate and the injected drift. */
	uint64_t b = hdaemu_slot_bytes_at(copy, now);

	if (lpib)
		*lpib = copy->buffer_bytes ? b % copy->buffer_bytes : 0;
	if (bytes)
		*bytes = b;
}

int hdaemu_link_position(const struct hdaemu_dev *dev, unsigned int slot, uint32_t *lpib,
			 uint64_t *bytes, uint64_t *now_ns)
{
	struct hdaemu_position_slot copy;
	uint64_t now;
	int ret = hdaemu_read_slot(dev, slot, &copy);

	if (ret)
		return ret;
	/* A stepped or bursty position: the formula does not give it. */
	if (copy.flags & HDAEMU_SLOT_SHAPED)
		return -EAGAIN;
	now = hdaemu_now_ns();
	slot_position(&copy, now, lpib, bytes);
	if (now_ns)
		*now_ns = now;
	return 0;
}

int hdaemu_engine_position(const struct hdaemu_dev *dev, uint32_t handle, unsigned int slot,
			   uint32_t *lpib, uint64_t *bytes, uint64_t *now_ns)
{
	struct hdaemu_position_slot copy;
	struct hdaemu_position pos;
	uint64_t now;
	int ret = hdaemu_read_slot(dev, slot, &copy);

	if (ret)
		return ret;
	if (!(copy.flags & HDAEMU_SLOT_SHAPED)) {
		now = hdaemu_now_ns();
		slot_position(&copy, now, lpib, bytes);
		if (now_ns)
			*now_ns = now;
		return 0;
	}
	/* The kernel shapes the position: ask it, one system call. */
	ret = hdaemu_get_position(dev->fd, handle, &pos);
	if (ret)
		return ret;
	if (lpib)
		*lpib = pos.link_position;
	if (bytes)
		*bytes = pos.bytes;
	if (now_ns)
		*now_ns = pos.timestamp_ns;
	return 0;
}

uint32_t hdaemu_wallclock_at(const struct hdaemu_dev *dev, uint64_t now_ns)
{
	const struct hdaemu_position_header *h = dev->position_page;
	uint64_t dt = now_ns - h->wallclock_base_ns;

	/* 24 MHz is 3 ticks per 125 ns; split so the product cannot overflow. */
	return (uint32_t)(dt / 125 * 3 + dt % 125 * 3 / 125);
}

int hdaemu_map_buffer(int fd, const struct hdaemu_buffer_alloc *ba, int writable, void **addr)
{
	int prot = PROT_READ | (writable ? PROT_WRITE : 0);
	void *p = mmap(NULL, ba->allocated_bytes, prot, MAP_SHARED, fd, ba->mmap_offset);

	if (p == MAP_FAILED)
		return -errno;
	*addr = (char *)p + ba->offset_from_first_page;
	return 0;
}

int hdaemu_unmap_buffer(void *addr, uint64_t bytes)
{
	return munmap(addr, bytes) ? -errno : 0;
}

uint32_t hdaemu_frame_bytes(const struct hdaemu_stream_format *fmt)
{
	return (uint32_t)fmt->channels * fmt->container_bits / 8;
}

/* Rates the HDA format word encodes: 48 or 44.1 kHz * 1..4 / 1..8. */
static int rate_encodable(uint32_t rate)
{
	static const uint32_t bases[] = { 48000, 44100 };
	unsigned int b, mult, div;

	for (b = 0; b < 2; b++)
		for (mult = 1; mult <= 4; mult++)
			for (div = 1; div <= 8; div++)
				if (bases[b] * mult % div == 0 && bases[b] * mult / div == rate)
					return 1;
	return 0;
}

int hdaemu_format_valid(const struct hdaemu_stream_format *fmt)
{
	unsigned int container;

	switch (fmt->valid_bits) {
	case 8:
		container = 8;
		break;
	case 16:
		container = 16;
		break;
	case 20:
	case 24:
	case 32:
		container = 32;
		break;
	default:
		return 0;
	}
	return fmt->container_bits == container && fmt->channels >= 1 && fmt->channels <= 16 &&
	       !fmt->pad && !fmt->reserved && rate_encodable(fmt->sample_rate);
}

static uint64_t gcd64(uint64_t a, uint64_t b)
{
	while (b) {
		uint64_t t = a % b;

		a = b;
		b = t;
	}
	return a;
}

uint32_t hdaemu_buffer_unit(const struct hdaemu_stream_format *fmt)
{
	uint32_t frame = hdaemu_frame_bytes(fmt);

	return frame ? frame / gcd64(frame, HDAEMU_BDL_ALIGN) * HDAEMU_BDL_ALIGN : 0;
}

uint64_t hdaemu_buffer_round(const struct hdaemu_info *info,
			     const struct hdaemu_stream_format *fmt, unsigned int count,
			     uint64_t requested)
{
	uint64_t unit = (uint64_t)hdaemu_buffer_unit(fmt) * count;
	/* The shortest period: min_period_ns of frames, rounded up. */
	uint64_t min_frames = ((uint64_t)info->min_period_ns * fmt->sample_rate +
			       HDAEMU_NSEC_PER_SEC - 1) / HDAEMU_NSEC_PER_SEC;
	uint64_t min_bytes = min_frames * hdaemu_frame_bytes(fmt) * count;
	uint64_t max_bytes, bytes;

	if (!unit)
		return 0;
	min_bytes = (min_bytes + unit - 1) / unit * unit;
	max_bytes = info->max_buffer_bytes / unit * unit;
	bytes = (requested < max_bytes ? requested : max_bytes) / unit * unit;
	return bytes > min_bytes ? bytes : min_bytes;
}
