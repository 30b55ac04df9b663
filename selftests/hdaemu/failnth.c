// SPDX-License-Identifier: GPL-2.0
/*
 * Allocation failures, systematically: for each call that allocates, make
 * its 1st, 2nd, ... slab allocation fail (/proc/thread-self/fail-nth with
 * failslab) until the call gets through all of them. Each failing call must
 * return an error and leave nothing behind: the object it was making does
 * not exist, the same call then succeeds, and once the client closes the
 * controller view shows every engine free (kmemleak, in make check-debug,
 * sees leaked memory).
 *
 * Needs CONFIG_FAULT_INJECTION and CONFIG_FAILSLAB (the debug kernel); on
 * other kernels it skips.
 */
#include "hdaemu_test.h"
#include "hdaemu_stress.h"

#define FAIL_NTH	"/proc/thread-self/fail-nth"
#define FAILSLAB	"/sys/kernel/debug/failslab/"
#define MAX_NTH		200

static int write_str(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, s, strlen(s));
	close(fd);
	return n == (ssize_t)strlen(s) ? 0 : -1;
}

static int read_str(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		return -1;
	buf[n] = '\0';
	return 0;
}

/* The context a case runs in, made before the fault window opens. */
struct ctx {
	int fd, efd;
	struct hdaemu_engine_alloc a;
	struct hdaemu_buffer_alloc b;
	void *map;
	size_t map_len;
};

enum step { NONE, FILE_ONLY, ENGINE, BUFFER };

struct fcase {
	const char *name;
	enum step needs;
	int (*call)(struct ctx *c);
	/* After a failed call: 0 if nothing was made (checked by calls). */
	int (*nothing_made)(struct ctx *c);
};

static int open_dev(struct ctx *c)
{
	c->fd = hdaemu_open();
	return c->fd < 0 ? -1 : 0;
}

static int alloc_render(struct ctx *c)
{
	struct hdaemu_stream_format f = hdaemu_fmt_default();

	return hdaemu_alloc_engine(c->fd, HDAEMU_DIR_RENDER, &f, &c->a);
}

static int alloc_plain(struct ctx *c)
{
	return hdaemu_alloc_buffer(c->fd, c->a.handle, HDAEMU_BUFFER_PLAIN, 0, 65536, &c->b);
}

static int alloc_notify(struct ctx *c)
{
	return hdaemu_alloc_buffer(c->fd, c->a.handle, HDAEMU_BUFFER_NOTIFY, 2, 65536, &c->b);
}

static int alloc_bdl(struct ctx *c)
{
	struct hdaemu_bdl_entry e[4];
	int i;

	for (i = 0; i < 4; i++) {
		e[i].offset = i * 4096;
		e[i].length = 4096;
		e[i].ioc = 1;
	}
	return hdaemu_alloc_bdl(c->fd, c->a.handle, 16384, e, 4, &c->b);
}

static int do_register(struct ctx *c)
{
	return hdaemu_register(c->fd, c->a.handle, c->efd);
}

static int set_run(struct ctx *c)
{
	return hdaemu_set_state1(c->fd, HDAEMU_STATE_STOP, c->a.handle, NULL) ||
	       hdaemu_set_state1(c->fd, HDAEMU_STATE_RUN, c->a.handle, NULL);
}

/*
 * Mapped until the context goes: munmap() allocates too (maple tree
 * nodes), so it must not run while a failure is armed.
 */
static int map_buffer(struct ctx *c)
{
	size_t len = hdaemu_page_round(c->b.allocated_bytes);
	void *m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, c->fd,
		       (off_t)c->b.mmap_offset);

	if (m == MAP_FAILED)
		return -1;
	if (c->map)
		munmap(c->map, c->map_len);
	c->map = m;
	c->map_len = len;
	return 0;
}

static int queue_event(struct ctx *c)
{
	struct hdaemu_queue_event q = { .eventfd = c->efd };

	return ioctl(c->fd, HDAEMU_IOC_SET_QUEUE_EVENT, &q);
}

static int enable_events(struct ctx *c)
{
	struct hdaemu_event_set e = { .handle = c->a.handle, .types = HDAEMU_EVENTS_ENGINE };

	return ioctl(c->fd, HDAEMU_IOC_ENABLE_EVENTS, &e);
}

static int register_unsol(struct ctx *c)
{
	struct hdaemu_unsol_register u = { .eventfd = c->efd };

	return ioctl(c->fd, HDAEMU_IOC_REGISTER_UNSOL, &u);
}

static int transfer_verbs(struct ctx *c)
{
	static struct hdaemu_verb v[HDAEMU_MAX_VERBS];
	struct hdaemu_verb_transfer t = {
		.verbs_ptr = (__u64)(uintptr_t)v,
		.count = HDAEMU_MAX_VERBS,
	};
	unsigned int i;

	/* GET_PARAMETER vendor id of codec 0's root node, many times. */
	for (i = 0; i < HDAEMU_MAX_VERBS; i++)
		v[i].command = 0x000f0000;
	(void)c;
	return ioctl(c->fd, HDAEMU_IOC_TRANSFER_VERBS, &t);
}

static int get_converters(struct ctx *c)
{
	static struct hdaemu_converter conv[16];
	struct hdaemu_converters cv = {
		.entries_ptr = (__u64)(uintptr_t)conv,
		.capacity = 16,
	};

	return ioctl(c->fd, HDAEMU_IOC_GET_CONVERTERS, &cv);
}

/* What these make is seen by kmemleak and the retry; nothing to ask. */
static int nothing_to_ask(struct ctx *c)
{
	(void)c;
	return 0;
}

static int no_file(struct ctx *c)
{
	return c->fd >= 0;
}

static int no_engine(struct ctx *c)
{
	struct hdaemu_params p;
	struct hdaemu_engine_alloc a;
	struct hdaemu_stream_format f = hdaemu_fmt_default();
	__u32 handles[HDAEMU_MAX_ENGINES];
	unsigned int n = 0, i;

	/* All the render engines are still there to be had. */
	if (hdaemu_params(c->fd, &p))
		return -1;
	while (n < HDAEMU_MAX_ENGINES && !hdaemu_alloc_engine(c->fd, HDAEMU_DIR_RENDER, &f, &a))
		handles[n++] = a.handle;
	for (i = 0; i < n; i++)
		hdaemu_free_engine(c->fd, handles[i]);
	return n == hdaemu_render_capacity(&p) ? 0 : -1;
}

static int no_buffer(struct ctx *c)
{
	/* No buffer: freeing one says so. */
	if (!hdaemu_free_buffer(c->fd, c->a.handle, HDAEMU_BUFFER_PLAIN, 0) || errno != ENODATA)
		return -1;
	return 0;
}

static int no_registration(struct ctx *c)
{
	if (!hdaemu_unregister(c->fd, c->a.handle, c->efd) || errno != ENOENT)
		return -1;
	return 0;
}

static int still_stopped(struct ctx *c)
{
	int s = hdaemu_state_of(c->fd, c->a.handle);

	return s == HDAEMU_STATE_STOP || s == HDAEMU_STATE_RESET ? 0 : -1;
}

static int mapping_made_nothing(struct ctx *c)
{
	/* The buffer must still be free to go: no mapping was counted. */
	if (hdaemu_free_buffer_of(c->fd, &c->b))
		return -1;
	/* And back, for the retry. */
	return alloc_notify(c);
}

static const struct fcase cases[] = {
	{ "open", NONE, open_dev, no_file },
	{ "alloc_engine", FILE_ONLY, alloc_render, no_engine },
	{ "alloc_buffer_plain", ENGINE, alloc_plain, no_buffer },
	{ "alloc_buffer_notify", ENGINE, alloc_notify, no_buffer },
	{ "alloc_buffer_bdl", ENGINE, alloc_bdl, no_buffer },
	{ "register_notification", BUFFER, do_register, no_registration },
	{ "set_state_run", BUFFER, set_run, still_stopped },
	{ "mmap_buffer", BUFFER, map_buffer, mapping_made_nothing },
	{ "set_queue_event", FILE_ONLY, queue_event, nothing_to_ask },
	{ "enable_events", ENGINE, enable_events, nothing_to_ask },
	{ "register_unsol", FILE_ONLY, register_unsol, nothing_to_ask },
	{ "transfer_verbs", FILE_ONLY, transfer_verbs, nothing_to_ask },
	{ "get_converters", FILE_ONLY, get_converters, nothing_to_ask },
};

FIXTURE(failnth) {
	char old_ignore[16], old_verbose[16];
	int have_ignore, have_verbose;
};

FIXTURE_SETUP(failnth)
{
	int fd;

	if (access(FAIL_NTH, W_OK))
		HDAEMU_SETUP_SKIP(FAIL_NTH " absent: no CONFIG_FAULT_INJECTION");
	if (access(FAILSLAB "ignore-gfp-wait", W_OK))
		HDAEMU_SETUP_SKIP(FAILSLAB " absent: no CONFIG_FAILSLAB or debugfs");
	fd = hdaemu_open();
	if (fd < 0)
		HDAEMU_SETUP_SKIP(HDAEMU_DEV ": %s", strerror(errno));
	close(fd);
	/* GFP_KERNEL allocations too, and no stack dump per failure. */
	self->have_ignore = !read_str(FAILSLAB "ignore-gfp-wait", self->old_ignore,
				      sizeof(self->old_ignore));
	self->have_verbose = !read_str(FAILSLAB "verbose", self->old_verbose,
				       sizeof(self->old_verbose));
	ASSERT_OK(write_str(FAILSLAB "ignore-gfp-wait", "N"));
	ASSERT_OK(write_str(FAILSLAB "verbose", "0"));
}

FIXTURE_TEARDOWN(failnth)
{
	if (self->have_ignore)
		write_str(FAILSLAB "ignore-gfp-wait", self->old_ignore);
	if (self->have_verbose)
		write_str(FAILSLAB "verbose", self->old_verbose);
}

static int prepare(struct ctx *c, enum step needs)
{
	memset(c, 0, sizeof(*c));
	c->fd = -1;
	c->efd = hdaemu_eventfd();
	if (c->efd < 0)
		return -1;
	if (needs == NONE)
		return 0;
	if (open_dev(c))
		return -1;
	if (needs == FILE_ONLY)
		return 0;
	if (alloc_render(c))
		return -1;
	if (needs == BUFFER && alloc_notify(c))
		return -1;
	return 0;
}

static void teardown_ctx(struct ctx *c)
{
	if (c->map)
		munmap(c->map, c->map_len);
	if (c->fd >= 0)
		close(c->fd);
	close(c->efd);
}

/*
 * fail-nth through one descriptor opened beforehand: opening it between
 * the call and the check would be an allocation of its own. Reading and
 * writing it allocate nothing.
 */
static int nth_set(int fd, unsigned int n)
{
	char buf[16];
	int len = snprintf(buf, sizeof(buf), "%u", n);

	return pwrite(fd, buf, len, 0) == len ? 0 : -1;
}

static int nth_left(int fd)
{
	char buf[16];
	ssize_t len = pread(fd, buf, sizeof(buf) - 1, 0);

	if (len <= 0)
		return -1;
	buf[len] = '\0';
	return atoi(buf);
}

TEST_F_TIMEOUT(failnth, every_allocation_fails_cleanly, 300)
{
	unsigned int i, n, total = 0;
	int nth = open(FAIL_NTH, O_RDWR | O_CLOEXEC);
	char why[256];
	struct ctx c;

	ASSERT_LE(0, nth);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct fcase *fc = &cases[i];
		unsigned int injected = 0;

		for (n = 1; n <= MAX_NTH; n++) {
			int ret, err, left;

			ASSERT_EQ(0, prepare(&c, fc->needs)) TH_LOG("%s: setup: %s", fc->name, strerror(errno));
			ASSERT_EQ(0, nth_set(nth, n));
			ret = fc->call(&c);
			err = errno;
			left = nth_left(nth);
			nth_set(nth, 0);
			ASSERT_LE(0, left);
			if (!ret) {
				teardown_ctx(&c);
				/* Not all n allocations were reached: done. */
				if (left)
					break;
				/* The failure was absorbed (a fallback): fine. */
				continue;
			}
			injected++;
			EXPECT_NE(0, err) TH_LOG("%s, allocation %u: failed without errno",
						 fc->name, n);
			EXPECT_EQ(0, left) TH_LOG("%s failed before allocation %u: %s",
							fc->name, n, strerror(err));
			EXPECT_EQ(0, fc->nothing_made(&c))
				TH_LOG("%s, allocation %u failed (%s) but left something",
				       fc->name, n, strerror(err));
			/* And the same call now works. */
			if (fc->needs != NONE && fc->call(&c)) {
				TH_LOG("%s after allocation %u failed: %s", fc->name, n,
				       strerror(errno));
				EXPECT_TRUE(0);
			}
			teardown_ctx(&c);
			EXPECT_EQ(0, hdaemu_owned_engines(why, sizeof(why)))
				TH_LOG("%s, allocation %u: after close: %s", fc->name, n, why);
		}
		EXPECT_GE(MAX_NTH, n) TH_LOG("%s: still failing at allocation %u", fc->name, n);
		TH_LOG("%s: %u allocations made to fail", fc->name, injected);
		EXPECT_EQ(0, hdaemu_owned_engines(why, sizeof(why)))
			TH_LOG("%s: after the last call: %s", fc->name, why);
		total += injected;
	}
	close(nth);
	/* Opening and allocating must allocate something. */
	EXPECT_LT(0, total);
	printf("# failnth: %u allocation failures injected in %zu calls, each an error leaving nothing\n",
	       total, sizeof(cases) / sizeof(cases[0]));
	/* The harness ends this child with _exit(): flush the line. */
	fflush(stdout);
}

TEST_HARNESS_MAIN
