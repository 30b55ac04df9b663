/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers shared by the hdaemu kselftests: opening the device, the module
 * parameters, stream formats and the rules the tests compute expected
 * values from, thin ioctl wrappers, the position page reader and a few
 * assertion macros that name the errno expected and the one seen.
 *
 * The ioctl wrappers return what ioctl() returned and leave errno as the
 * kernel set it, so a test checks them as EXPECT_ERR(EINVAL, call).
 */
#ifndef HDAEMU_TEST_H
#define HDAEMU_TEST_H

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include <linux/hdaemu.h>

/*
 * The 6.1 harness has a signal handler with an unused parameter; keep
 * -Wextra quiet about the header, not about the tests.
 */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include "kselftest_harness.h"
#pragma GCC diagnostic pop

#define HDAEMU_DEV		"/dev/hdaemu"
#define HDAEMU_PARAM_DIR	"/sys/module/hdaemu/parameters/"

/* A handle no client is given (handles are small per-file integers). */
#define HDAEMU_BAD_HANDLE	0xdeadbeefu

/* The controller's fixed values the tests expect (see GET_INFO). */
#define HDAEMU_T_MIN_PERIOD_NS	100000u
#define HDAEMU_T_MAX_BUFFER	8388608u
#define HDAEMU_T_PAGE		4096u
#define HDAEMU_T_OUTPAY		60u
#define HDAEMU_T_INPAY		29u
#define HDAEMU_T_FIFO		256u
#define HDAEMU_T_MAX_NOTIFY	16u

#define NSEC_PER_SEC		1000000000ull

/* ------------------------------------------------------------------ */
/* Errno names, so a failure reads "expected ENOENT, got EINVAL". */

static inline const char *hdaemu_errname(int err)
{
	switch (err) {
	case 0:		return "0 (success)";
	case EPERM:	return "EPERM";
	case ENOENT:	return "ENOENT";
	case EBADF:	return "EBADF";
	case ENOMEM:	return "ENOMEM";
	case EACCES:	return "EACCES";
	case EFAULT:	return "EFAULT";
	case EBUSY:	return "EBUSY";
	case EEXIST:	return "EEXIST";
	case ENODEV:	return "ENODEV";
	case EINVAL:	return "EINVAL";
	case ENOTTY:	return "ENOTTY";
	case ENOSPC:	return "ENOSPC";
	case ERANGE:	return "ERANGE";
	case ENODATA:	return "ENODATA";
	case EBADFD:	return "EBADFD";
	case EOPNOTSUPP: return "EOPNOTSUPP";
	case EAGAIN:	return "EAGAIN";
	default:	return strerror(err);
	}
}

/*
 * EXPECT_ERR(err, call): the call must fail with -1 and errno @err.
 * EXPECT_ERR_MSG(err, call, fmt, ...): the same, the log also telling
 * which case of a table failed.
 * The log line names the call, the errno expected and what came.
 */
#define __HDAEMU_EXPECT_ERR(_err, _call, _ctx) do {			\
	int __r, __e;							\
	errno = 0;							\
	__r = (_call);							\
	__e = errno;							\
	if (__r != -1 || __e != (_err))					\
		TH_LOG("%s%s%s: expected -1 with errno %s, got %d%s%s",	\
		       _ctx, (_ctx)[0] ? ": " : "", #_call,		\
		       hdaemu_errname(_err), __r,			\
		       __r == -1 ? " with errno " : " (success)",	\
		       __r == -1 ? hdaemu_errname(__e) : "");		\
	EXPECT_EQ(-1, __r);						\
	EXPECT_EQ(_err, __e);						\
} while (0)
#define EXPECT_ERR(_err, _call)	__HDAEMU_EXPECT_ERR(_err, _call, "")
#define EXPECT_ERR_MSG(_err, _call, _fmt, ...) do {			\
	char __ctx[200];						\
	snprintf(__ctx, sizeof(__ctx), _fmt, ##__VA_ARGS__);		\
	__HDAEMU_EXPECT_ERR(_err, _call, __ctx);			\
} while (0)

/* ASSERT_OK(call) / EXPECT_OK(call): the call must return 0. */
#define __HDAEMU_OK(_call, _assert) do {				\
	int __r, __e;							\
	errno = 0;							\
	__r = (_call);							\
	__e = errno;							\
	if (__r != 0)							\
		TH_LOG("%s: expected 0, got %d with errno %s",		\
		       #_call, __r, hdaemu_errname(__e));		\
	if (_assert) {							\
		ASSERT_EQ(0, __r);					\
	} else {							\
		EXPECT_EQ(0, __r);					\
	}								\
} while (0)
#define ASSERT_OK(_call)	__HDAEMU_OK(_call, 1)
#define EXPECT_OK(_call)	__HDAEMU_OK(_call, 0)

/*
 * The 6.1 harness runs the test body even after a SKIP() in the fixture
 * setup. Clearing "passed" after SKIP() makes the wrapper return before the
 * body; the child still exits with the SKIP status because "skip" is set.
 */
#define HDAEMU_SETUP_SKIP(fmt, ...) \
	SKIP({ _metadata->passed = 0; return; }, fmt, ##__VA_ARGS__)

/* ------------------------------------------------------------------ */
/* Time. */

static inline __u64 hdaemu_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (__u64)ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
}

static inline void hdaemu_sleep_ms(unsigned int ms)
{
	struct timespec ts = {
		.tv_sec = ms / 1000,
		.tv_nsec = (long)(ms % 1000) * 1000000L,
	};

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

/* The wall clock register at @now for a wall clock that was 0 at @base. */
static inline __u32 hdaemu_wallclock_at(__u64 base, __u64 now)
{
	__u64 dt = now - base;

	/* dt * 24e6 / 1e9 = dt * 3 / 125, split so it cannot overflow. */
	return (__u32)(dt / 125 * 3 + dt % 125 * 3 / 125);
}

/* ------------------------------------------------------------------ */
/* The device and the module parameters. */

struct hdaemu_params {
	unsigned int num_output;
	unsigned int num_input;
	unsigned int num_bidir;
	int from_sysfs;		/* 0: taken from GET_INFO instead */
};

static inline int hdaemu_open(void)
{
	return open(HDAEMU_DEV, O_RDWR | O_CLOEXEC);
}

static inline int hdaemu_read_param(const char *name, unsigned int *val)
{
	char path[128], buf[32];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), HDAEMU_PARAM_DIR "%s", name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	*val = (unsigned int)strtoul(buf, NULL, 0);
	return 0;
}

/* All three parameters from sysfs; -1 if one cannot be read. */
static inline int hdaemu_read_params(struct hdaemu_params *p)
{
	memset(p, 0, sizeof(*p));
	if (hdaemu_read_param("num_output", &p->num_output) ||
	    hdaemu_read_param("num_input", &p->num_input) ||
	    hdaemu_read_param("num_bidir", &p->num_bidir))
		return -1;
	p->from_sysfs = 1;
	return 0;
}

/* The codecs parameter ("0,2") as a mask; 0x1, the default, if unreadable. */
static inline unsigned int hdaemu_codec_mask_param(void)
{
	char buf[128], *p = buf, *end;
	unsigned int mask = 0;
	ssize_t n;
	int fd;

	fd = open(HDAEMU_PARAM_DIR "codecs", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0x1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0x1;
	buf[n] = '\0';
	while (*p >= '0' && *p <= '9') {
		mask |= 1u << strtoul(p, &end, 10);
		p = *end == ',' ? end + 1 : end;
	}
	return mask;
}

static inline int hdaemu_get_info(int fd, struct hdaemu_info *info)
{
	memset(info, 0, sizeof(*info));
	return ioctl(fd, HDAEMU_IOC_GET_INFO, info);
}

/* The parameters from sysfs, else (not readable) from GET_INFO. */
static inline int hdaemu_params(int fd, struct hdaemu_params *p)
{
	struct hdaemu_info info;

	if (!hdaemu_read_params(p))
		return 0;
	if (hdaemu_get_info(fd, &info))
		return -1;
	p->num_output = info.num_output;
	p->num_input = info.num_input;
	p->num_bidir = info.num_bidir;
	p->from_sysfs = 0;
	return 0;
}

static inline unsigned int hdaemu_min(unsigned int a, unsigned int b)
{
	return a < b ? a : b;
}

/* Render engines one client can hold at once (engines, then tags). */
static inline unsigned int hdaemu_render_capacity(const struct hdaemu_params *p)
{
	return hdaemu_min(p->num_output + p->num_bidir, HDAEMU_MAX_STREAM_TAG);
}

/* Capture engines one client can hold at once. */
static inline unsigned int hdaemu_capture_capacity(const struct hdaemu_params *p)
{
	return hdaemu_min(p->num_input + p->num_bidir, HDAEMU_MAX_STREAM_TAG);
}

/* ------------------------------------------------------------------ */
/* Stream formats and the rules the tests compute expectations from. */

/* The container a number of valid bits lives in, 0 if none. */
static inline __u16 hdaemu_container_bits(__u16 valid_bits)
{
	switch (valid_bits) {
	case 8:		return 8;
	case 16:	return 16;
	case 20:
	case 24:
	case 32:	return 32;
	default:	return 0;
	}
}

static inline struct hdaemu_stream_format hdaemu_fmt(__u32 rate, __u16 valid_bits,
						     __u16 channels)
{
	struct hdaemu_stream_format f;

	memset(&f, 0, sizeof(f));
	f.sample_rate = rate;
	f.valid_bits = valid_bits;
	f.container_bits = hdaemu_container_bits(valid_bits);
	f.channels = channels;
	return f;
}

/* 48 kHz, 16-bit stereo: the format most tests use (4-byte frames). */
static inline struct hdaemu_stream_format hdaemu_fmt_default(void)
{
	return hdaemu_fmt(48000, 16, 2);
}

static inline __u32 hdaemu_frame_bytes(const struct hdaemu_stream_format *f)
{
	return (__u32)f->channels * f->container_bits / 8;
}

/* Link bandwidth of a stream: 16-bit words per 48 kHz frame. */
static inline __u32 hdaemu_stream_words(const struct hdaemu_stream_format *f)
{
	__u64 bits = (__u64)f->sample_rate * f->channels * f->valid_bits;

	return (__u32)((bits + 48000 * 16 - 1) / (48000 * 16));
}

/*
 * The converter format word for a rate, valid bits and channels, or -1 if
 * the format is not one the controller accepts.
 */
static inline int hdaemu_converter_format(__u32 rate, __u16 valid_bits, __u16 channels)
{
	static const __u32 bases[2] = { 48000, 44100 };
	int bits, b, mult, div;

	switch (valid_bits) {
	case 8:
		bits = 0;
		break;
	case 16:
		bits = 1;
		break;
	case 20:
		bits = 2;
		break;
	case 24:
		bits = 3;
		break;
	case 32:
		bits = 4;
		break;
	default:
		return -1;
	}
	if (channels < 1 || channels > 16)
		return -1;
	for (b = 0; b < 2; b++)
		for (mult = 1; mult <= 4; mult++)
			for (div = 1; div <= 8; div++)
				if (bases[b] * mult % div == 0 &&
				    bases[b] * mult / div == rate)
					return (b ? 0x4000 : 0) | (mult - 1) << 11 |
					       (div - 1) << 8 | bits << 4 |
					       (channels - 1);
	return -1;
}

static inline __u64 hdaemu_gcd(__u64 a, __u64 b)
{
	while (b) {
		__u64 t = a % b;

		a = b;
		b = t;
	}
	return a;
}

/*
 * The size ALLOC_BUFFER gives a _PLAIN (@count 0, rounded as 1) or
 * _NOTIFY buffer: @requested rounded down to a multiple of
 * lcm(frame, 128) * count, at least the smallest such multiple whose period
 * lasts min_period_ns, at most the largest not above max_buffer_bytes.
 */
static inline __u64 hdaemu_expected_alloc(const struct hdaemu_stream_format *f,
					  __u32 count, __u64 requested)
{
	__u64 frame = hdaemu_frame_bytes(f);
	__u64 unit, lo, hi, size;

	if (!count)
		count = 1;
	unit = frame / hdaemu_gcd(frame, 128) * 128 * count;
	/* period frames * 1e9 >= min_period_ns * rate */
	for (lo = unit;
	     lo / count / frame * NSEC_PER_SEC <
	     (__u64)HDAEMU_T_MIN_PERIOD_NS * f->sample_rate;
	     lo += unit)
		;
	hi = HDAEMU_T_MAX_BUFFER / unit * unit;
	size = requested / unit * unit;
	if (size < lo)
		size = lo;
	if (size > hi)
		size = hi;
	return size;
}

/* ------------------------------------------------------------------ */
/* ioctl wrappers: they return ioctl()'s value and keep its errno. */

static inline int hdaemu_alloc_engine_at(int fd, __u32 dir, __u32 codec,
					 const struct hdaemu_stream_format *f,
					 struct hdaemu_engine_alloc *a)
{
	memset(a, 0, sizeof(*a));
	a->direction = dir;
	a->codec_address = codec;
	a->format = *f;
	return ioctl(fd, HDAEMU_IOC_ALLOC_ENGINE, a);
}

static inline int hdaemu_alloc_engine(int fd, __u32 dir,
				      const struct hdaemu_stream_format *f,
				      struct hdaemu_engine_alloc *a)
{
	return hdaemu_alloc_engine_at(fd, dir, 0, f, a);
}

/* An engine of either direction: render if one is free, else capture. */
static inline int hdaemu_alloc_any(int fd, const struct hdaemu_stream_format *f,
				   struct hdaemu_engine_alloc *a)
{
	if (!hdaemu_alloc_engine(fd, HDAEMU_DIR_RENDER, f, a))
		return 0;
	if (errno != ENOSPC)
		return -1;
	return hdaemu_alloc_engine(fd, HDAEMU_DIR_CAPTURE, f, a);
}

static inline int hdaemu_free_engine(int fd, __u32 handle)
{
	struct hdaemu_engine_ref r = { .handle = handle };

	return ioctl(fd, HDAEMU_IOC_FREE_ENGINE, &r);
}

static inline int hdaemu_change_format(int fd, __u32 handle,
				       const struct hdaemu_stream_format *f,
				       struct hdaemu_engine_format *out)
{
	memset(out, 0, sizeof(*out));
	out->handle = handle;
	out->format = *f;
	return ioctl(fd, HDAEMU_IOC_CHANGE_FORMAT, out);
}

static inline int hdaemu_alloc_buffer(int fd, __u32 handle, __u32 kind, __u32 count,
				      __u64 requested, struct hdaemu_buffer_alloc *b)
{
	memset(b, 0, sizeof(*b));
	b->handle = handle;
	b->kind = kind;
	b->notification_count = count;
	b->requested_bytes = requested;
	return ioctl(fd, HDAEMU_IOC_ALLOC_BUFFER, b);
}

static inline int hdaemu_alloc_bdl(int fd, __u32 handle, __u64 requested,
				   const struct hdaemu_bdl_entry *e, __u32 n,
				   struct hdaemu_buffer_alloc *b)
{
	memset(b, 0, sizeof(*b));
	b->handle = handle;
	b->kind = HDAEMU_BUFFER_BDL;
	b->requested_bytes = requested;
	b->bdl_ptr = (__u64)(uintptr_t)e;
	b->bdl_entries = n;
	return ioctl(fd, HDAEMU_IOC_ALLOC_BUFFER, b);
}

static inline int hdaemu_free_buffer(int fd, __u32 handle, __u32 kind, __u64 size)
{
	struct hdaemu_buffer_free f = {
		.handle = handle,
		.kind = kind,
		.size = size,
	};

	return ioctl(fd, HDAEMU_IOC_FREE_BUFFER, &f);
}

/* Free the buffer a successful hdaemu_alloc_buffer/_bdl() gave. */
static inline int hdaemu_free_buffer_of(int fd, const struct hdaemu_buffer_alloc *b)
{
	return hdaemu_free_buffer(fd, b->handle, b->kind,
				  b->kind == HDAEMU_BUFFER_NOTIFY ? b->allocated_bytes : 0);
}

static inline int hdaemu_set_state(int fd, __u32 state, const __u32 *handles,
				   __u32 count, __u64 *timestamp)
{
	struct hdaemu_set_state s;
	int ret;

	memset(&s, 0, sizeof(s));
	s.state = state;
	s.count = count;
	s.handles_ptr = (__u64)(uintptr_t)handles;
	ret = ioctl(fd, HDAEMU_IOC_SET_STATE, &s);
	if (!ret && timestamp)
		*timestamp = s.timestamp_ns;
	return ret;
}

/* Fault injection: needs CAP_SYS_ADMIN. */
static inline int hdaemu_set_fault(int fd, struct hdaemu_fault *f)
{
	return ioctl(fd, HDAEMU_IOC_SET_FAULT, f);
}

static inline int hdaemu_clear_faults(int fd)
{
	struct hdaemu_fault f = { .type = HDAEMU_FAULT_CLEAR, .target = HDAEMU_FAULT_CONTROLLER };

	return hdaemu_set_fault(fd, &f);
}

static inline int hdaemu_set_state1(int fd, __u32 state, __u32 handle, __u64 *timestamp)
{
	return hdaemu_set_state(fd, state, &handle, 1, timestamp);
}

static inline int hdaemu_get_position(int fd, __u32 handle, struct hdaemu_position *p)
{
	memset(p, 0, sizeof(*p));
	p->handle = handle;
	return ioctl(fd, HDAEMU_IOC_GET_POSITION, p);
}

static inline int hdaemu_register(int fd, __u32 handle, int efd)
{
	struct hdaemu_notification n = { .handle = handle, .eventfd = efd };

	return ioctl(fd, HDAEMU_IOC_REGISTER_NOTIFICATION, &n);
}

static inline int hdaemu_unregister(int fd, __u32 handle, int efd)
{
	struct hdaemu_notification n = { .handle = handle, .eventfd = efd };

	return ioctl(fd, HDAEMU_IOC_UNREGISTER_NOTIFICATION, &n);
}

/*
 * An engine's state as GET_POSITION reports it, or -1 - errno if the call
 * fails (so a comparison with a state fails and the log shows why).
 */
static inline int hdaemu_state_of(int fd, __u32 handle)
{
	struct hdaemu_position p;

	if (hdaemu_get_position(fd, handle, &p))
		return -1 - errno;
	return (int)p.state;
}

/* ------------------------------------------------------------------ */
/* eventfds. */

static inline int hdaemu_eventfd(void)
{
	return eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
}

/* Read and clear an eventfd's counter: 0 if it was 0. */
static inline __u64 hdaemu_eventfd_take(int efd)
{
	uint64_t v;

	if (read(efd, &v, sizeof(v)) != sizeof(v))
		return 0;
	return v;
}

/* ------------------------------------------------------------------ */
/* The position page. */

static inline void *hdaemu_map_position_page(int fd)
{
	return mmap(NULL, HDAEMU_T_PAGE, PROT_READ, MAP_SHARED, fd,
		    HDAEMU_MMAP_POSITION_PAGE);
}

/*
 * A consistent copy of slot @slot, read as a seqcount reader does: the
 * sequence (acquire), the fields, a read barrier, the sequence again.
 * Returns 0, or -1 if the slot never read stable (a kernel bug).
 */
static inline int hdaemu_read_slot(const void *page, unsigned int slot,
				   struct hdaemu_position_slot *out)
{
	const struct hdaemu_position_header *h = page;
	const struct hdaemu_position_slot *s;
	const __u64 *src;
	__u64 *dst = (__u64 *)out;
	unsigned int tries, i;
	__u32 seq0, seq1;

	memset(out, 0, sizeof(*out));
	s = (const void *)((const char *)page + h->slot_offset + slot * h->slot_bytes);
	src = (const __u64 *)s;
	for (tries = 0; tries < 1000000; tries++) {
		seq0 = __atomic_load_n(&s->seq, __ATOMIC_ACQUIRE);
		if (seq0 & 1)
			continue;
		for (i = 0; i < sizeof(*out) / sizeof(__u64); i++)
			dst[i] = __atomic_load_n(&src[i], __ATOMIC_RELAXED);
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		seq1 = __atomic_load_n(&s->seq, __ATOMIC_RELAXED);
		if (seq0 == seq1) {
			out->seq = seq0;
			return 0;
		}
	}
	return -1;
}

/*
 * mmap() @len bytes at @offset and unmap at once: 0 if the mapping was
 * made, else mmap's errno.
 */
static inline int hdaemu_mmap_errno(int fd, size_t len, int prot, int flags, __u64 offset)
{
	void *m = mmap(NULL, len, prot, flags, fd, (off_t)offset);

	if (m == MAP_FAILED)
		return errno;
	munmap(m, len);
	return 0;
}

/* Page-rounded length of a buffer of @bytes. */
static inline size_t hdaemu_page_round(__u64 bytes)
{
	return (size_t)((bytes + HDAEMU_T_PAGE - 1) / HDAEMU_T_PAGE * HDAEMU_T_PAGE);
}

#endif /* HDAEMU_TEST_H */
