// SPDX-License-Identifier: GPL-2.0
/*
 * Clients: each open file of /dev/hdaemu owns its engines and sees no other
 * file's; closing a file frees everything it held, whatever the state (a
 * mapping keeps the file open until it goes); a forked child shares the
 * open file and so the client.
 */
#include <sys/wait.h>

#include "hdaemu_test.h"

FIXTURE(clients) {
	int fd;
	struct hdaemu_params p;
	struct hdaemu_stream_format fmt;
	struct hdaemu_stream_format mono;
};

FIXTURE_SETUP(clients)
{
	self->fd = hdaemu_open();
	if (self->fd < 0 && errno == ENOENT)
		HDAEMU_SETUP_SKIP(HDAEMU_DEV " is absent: hdaemu not loaded");
	ASSERT_LE(0, self->fd) TH_LOG("open " HDAEMU_DEV ": %s", strerror(errno));
	ASSERT_OK(hdaemu_params(self->fd, &self->p));
	self->fmt = hdaemu_fmt_default();
	self->mono = hdaemu_fmt(48000, 16, 1);
}

FIXTURE_TEARDOWN(clients)
{
	if (self->fd >= 0)
		close(self->fd);
}

struct capacity {
	unsigned int render, capture;
	int render_err, capture_err;
};

/* How many 1-word engines a fresh client gets: render first, then capture. */
static int measure_capacity(struct capacity *c)
{
	struct hdaemu_stream_format mono = hdaemu_fmt(48000, 16, 1);
	struct hdaemu_engine_alloc a;
	int fd = hdaemu_open();

	if (fd < 0)
		return -1;
	memset(c, 0, sizeof(*c));
	while (c->render <= HDAEMU_MAX_ENGINES &&
	       !hdaemu_alloc_engine(fd, HDAEMU_DIR_RENDER, &mono, &a))
		c->render++;
	c->render_err = errno;
	while (c->capture <= HDAEMU_MAX_ENGINES &&
	       !hdaemu_alloc_engine(fd, HDAEMU_DIR_CAPTURE, &mono, &a))
		c->capture++;
	c->capture_err = errno;
	close(fd);
	return 0;
}

/* The capacity the parameters give, for comparison. */
static void expected_capacity(const struct hdaemu_params *p, struct capacity *c)
{
	unsigned int used_bidir;

	c->render = hdaemu_render_capacity(p);
	used_bidir = c->render > p->num_output ? c->render - p->num_output : 0;
	c->capture = hdaemu_min(p->num_input + p->num_bidir - used_bidir,
				HDAEMU_MAX_STREAM_TAG);
}

#define EXPECT_CAPACITY(_want) do {						\
	struct capacity __got;							\
	ASSERT_OK(measure_capacity(&__got));					\
	EXPECT_EQ((_want).render, __got.render)					\
		TH_LOG("a fresh client got %u render engines, expected %u",	\
		       __got.render, (_want).render);				\
	EXPECT_EQ((_want).capture, __got.capture)				\
		TH_LOG("a fresh client got %u capture engines, expected %u",	\
		       __got.capture, (_want).capture);				\
	EXPECT_EQ(ENOSPC, __got.render_err);					\
	EXPECT_EQ(ENOSPC, __got.capture_err);					\
} while (0)

TEST_F(clients, fresh_client_capacity)
{
	struct capacity want;

	close(self->fd);
	self->fd = -1;
	expected_capacity(&self->p, &want);
	EXPECT_CAPACITY(want);
}

TEST_F(clients, foreign_handle)
{
	struct hdaemu_engine_alloc a;
	struct hdaemu_buffer_alloc b, b2;
	struct hdaemu_engine_format ef;
	struct hdaemu_position p;
	int other, e, e2;

	ASSERT_OK(hdaemu_alloc_any(self->fd, &self->fmt, &a));
	ASSERT_OK(hdaemu_alloc_buffer(self->fd, a.handle, HDAEMU_BUFFER_NOTIFY, 1, 1920, &b));
	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_STOP, a.handle, NULL));
	e = hdaemu_eventfd();
	e2 = hdaemu_eventfd();
	ASSERT_LE(0, e);
	ASSERT_LE(0, e2);
	ASSERT_OK(hdaemu_register(self->fd, a.handle, e));

	/* Another client, with no engine of its own, tries every call on it. */
	other = hdaemu_open();
	ASSERT_LE(0, other);
	EXPECT_ERR(ENOENT, hdaemu_get_position(other, a.handle, &p));
	EXPECT_ERR(ENOENT, hdaemu_change_format(other, a.handle, &self->mono, &ef));
	EXPECT_ERR(ENOENT, hdaemu_free_engine(other, a.handle));
	EXPECT_ERR(ENOENT, hdaemu_alloc_buffer(other, a.handle, HDAEMU_BUFFER_PLAIN, 0, 4096,
					       &b2));
	EXPECT_ERR(ENOENT, hdaemu_free_buffer_of(other, &b));
	EXPECT_ERR(ENOENT, hdaemu_set_state1(other, HDAEMU_STATE_RUN, a.handle, NULL));
	EXPECT_ERR(ENOENT, hdaemu_set_state1(other, HDAEMU_STATE_RESET, a.handle, NULL));
	EXPECT_ERR(ENOENT, hdaemu_set_state1(other, HDAEMU_STATE_STOP, a.handle, NULL));
	EXPECT_ERR(ENOENT, hdaemu_register(other, a.handle, e2));
	EXPECT_ERR(ENOENT, hdaemu_unregister(other, a.handle, e));
	close(other);

	/* The owner finds it as it was: stopped at 0, buffer and eventfd in place. */
	ASSERT_OK(hdaemu_get_position(self->fd, a.handle, &p));
	EXPECT_EQ((__u32)HDAEMU_STATE_STOP, p.state);
	EXPECT_EQ(0u, p.bytes);
	EXPECT_ERR(EEXIST, hdaemu_register(self->fd, a.handle, e));
	EXPECT_OK(hdaemu_unregister(self->fd, a.handle, e));
	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_RESET, a.handle, NULL));
	EXPECT_OK(hdaemu_free_buffer_of(self->fd, &b));
	EXPECT_OK(hdaemu_free_engine(self->fd, a.handle));
	close(e);
	close(e2);
}

TEST_F(clients, foreign_running_engine)
{
	struct hdaemu_engine_alloc a;
	struct hdaemu_buffer_alloc b;
	struct hdaemu_position p1, p2;
	int other;

	ASSERT_OK(hdaemu_alloc_any(self->fd, &self->fmt, &a));
	ASSERT_OK(hdaemu_alloc_buffer(self->fd, a.handle, HDAEMU_BUFFER_PLAIN, 0, 1920, &b));
	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_STOP, a.handle, NULL));
	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_RUN, a.handle, NULL));
	other = hdaemu_open();
	ASSERT_LE(0, other);
	EXPECT_ERR(ENOENT, hdaemu_set_state1(other, HDAEMU_STATE_STOP, a.handle, NULL));
	close(other);
	ASSERT_OK(hdaemu_get_position(self->fd, a.handle, &p1));
	hdaemu_sleep_ms(20);
	ASSERT_OK(hdaemu_get_position(self->fd, a.handle, &p2));
	EXPECT_EQ((__u32)HDAEMU_STATE_RUN, p2.state);
	EXPECT_LT(p1.bytes, p2.bytes);
}

TEST_F(clients, own_handles_and_tags)
{
	struct hdaemu_engine_alloc a, b;
	struct hdaemu_position p;
	int other;

	ASSERT_OK(hdaemu_alloc_any(self->fd, &self->fmt, &a));
	other = hdaemu_open();
	ASSERT_LE(0, other);
	if (hdaemu_alloc_any(other, &self->fmt, &b)) {
		close(other);
		SKIP(return, "needs two engines");
	}
	EXPECT_OK(hdaemu_get_position(self->fd, a.handle, &p));
	EXPECT_OK(hdaemu_get_position(other, b.handle, &p));
	/* One controller: the two streams differ on the link. */
	if (a.direction == b.direction)
		EXPECT_NE(a.stream_tag, b.stream_tag);
	EXPECT_NE(a.engine_index, b.engine_index);
	/* Whatever the handle numbers, freeing one leaves the other. */
	ASSERT_OK(hdaemu_free_engine(other, b.handle));
	EXPECT_OK(hdaemu_get_position(self->fd, a.handle, &p));
	close(other);
}

TEST_F(clients, engines_are_shared_by_clients)
{
	struct hdaemu_engine_alloc a, b;
	unsigned int i, n = hdaemu_render_capacity(&self->p);
	int other;

	if (!n)
		SKIP(return, "no render engine");
	/* One client takes every render engine (or tag)... */
	for (i = 0; i < n; i++)
		ASSERT_OK(hdaemu_alloc_engine(self->fd, HDAEMU_DIR_RENDER, &self->mono, &a));
	/* ...and none is left for another, until the first frees one. */
	other = hdaemu_open();
	ASSERT_LE(0, other);
	EXPECT_ERR(ENOSPC, hdaemu_alloc_engine(other, HDAEMU_DIR_RENDER, &self->mono, &b));
	ASSERT_OK(hdaemu_free_engine(self->fd, a.handle));
	EXPECT_OK(hdaemu_alloc_engine(other, HDAEMU_DIR_RENDER, &self->mono, &b));
	close(other);
}

TEST_F(clients, own_position_page)
{
	struct hdaemu_engine_alloc a;
	struct hdaemu_buffer_alloc b;
	struct hdaemu_position_slot s;
	void *mine, *theirs;
	int other;

	ASSERT_OK(hdaemu_alloc_any(self->fd, &self->fmt, &a));
	ASSERT_OK(hdaemu_alloc_buffer(self->fd, a.handle, HDAEMU_BUFFER_PLAIN, 0, 1920, &b));
	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_STOP, a.handle, NULL));
	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_RUN, a.handle, NULL));
	other = hdaemu_open();
	ASSERT_LE(0, other);
	mine = hdaemu_map_position_page(self->fd);
	ASSERT_NE(MAP_FAILED, mine);
	theirs = hdaemu_map_position_page(other);
	ASSERT_NE(MAP_FAILED, theirs);

	ASSERT_OK(hdaemu_read_slot(mine, a.position_slot, &s));
	EXPECT_EQ((__u32)HDAEMU_STATE_RUN, s.state);
	EXPECT_EQ(1920u, s.buffer_bytes);
	/* The other client's page has nothing in that slot. */
	ASSERT_OK(hdaemu_read_slot(theirs, a.position_slot, &s));
	EXPECT_EQ((__u32)HDAEMU_STATE_RESET, s.state);
	EXPECT_EQ(0u, s.buffer_bytes);
	munmap(mine, HDAEMU_T_PAGE);
	munmap(theirs, HDAEMU_T_PAGE);
	close(other);
}

/*
 * Fill a client: every engine it can get, some with buffers, some running,
 * some stopped, eventfds registered on those that raise IOCs. Returns the
 * number of engines.
 */
static unsigned int fill_client(int fd, int efd, struct hdaemu_engine_alloc *a,
				unsigned int max)
{
	struct hdaemu_stream_format mono = hdaemu_fmt(48000, 16, 1);
	struct hdaemu_buffer_alloc b;
	unsigned int n = 0, i;
	__u32 dir;

	for (dir = HDAEMU_DIR_RENDER; dir <= HDAEMU_DIR_CAPTURE; dir++)
		while (n < max && !hdaemu_alloc_engine(fd, dir, &mono, &a[n]))
			n++;
	for (i = 0; i < n; i++) {
		if (i % 4 == 3)
			continue;			/* no buffer */
		if (hdaemu_alloc_buffer(fd, a[i].handle, HDAEMU_BUFFER_NOTIFY, 1, 960, &b))
			continue;
		hdaemu_register(fd, a[i].handle, efd);
		if (i % 4 == 0)
			continue;			/* Reset with a buffer */
		hdaemu_set_state1(fd, HDAEMU_STATE_STOP, a[i].handle, NULL);
		if (i % 4 == 1)
			hdaemu_set_state1(fd, HDAEMU_STATE_RUN, a[i].handle, NULL);
	}
	return n;
}

TEST_F_TIMEOUT(clients, close_frees_everything, 60)
{
	struct hdaemu_engine_alloc a[HDAEMU_MAX_ENGINES + 1];
	struct capacity want;
	unsigned int n;
	int efd;

	expected_capacity(&self->p, &want);
	efd = hdaemu_eventfd();
	ASSERT_LE(0, efd);
	n = fill_client(self->fd, efd, a, ARRAY_SIZE(a));
	EXPECT_EQ(want.render + want.capture, n);
	hdaemu_sleep_ms(30);
	if (n > 1) {
		EXPECT_LT(0u, hdaemu_eventfd_take(efd))
			TH_LOG("no IOC from the running engines");
	}

	close(self->fd);
	self->fd = -1;
	/* The registrations ended with the file: nothing more comes. */
	hdaemu_eventfd_take(efd);
	hdaemu_sleep_ms(50);
	EXPECT_EQ(0u, hdaemu_eventfd_take(efd)) TH_LOG("an IOC after close");
	close(efd);
	EXPECT_CAPACITY(want);
}

TEST_F_TIMEOUT(clients, mapping_outlives_close, 60)
{
	struct hdaemu_engine_alloc a;
	struct hdaemu_buffer_alloc b;
	struct hdaemu_position_slot s;
	struct capacity want;
	volatile unsigned char *buf;
	unsigned char sink;
	void *page;
	size_t len;
	int efd;

	expected_capacity(&self->p, &want);
	efd = hdaemu_eventfd();
	ASSERT_LE(0, efd);
	ASSERT_OK(hdaemu_alloc_any(self->fd, &self->fmt, &a));
	ASSERT_OK(hdaemu_alloc_buffer(self->fd, a.handle, HDAEMU_BUFFER_NOTIFY, 1, 1920, &b));
	ASSERT_OK(hdaemu_register(self->fd, a.handle, efd));
	len = hdaemu_page_round(b.allocated_bytes);
	buf = mmap(NULL, len, PROT_READ, MAP_SHARED, self->fd, b.mmap_offset);
	ASSERT_NE(MAP_FAILED, buf) TH_LOG("mmap buffer: %s", strerror(errno));
	page = hdaemu_map_position_page(self->fd);
	ASSERT_NE(MAP_FAILED, page) TH_LOG("mmap position page: %s", strerror(errno));
	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_STOP, a.handle, NULL));
	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_RUN, a.handle, NULL));

	/* Closed, but the mappings still hold the file: it lives on, readable. */
	close(self->fd);
	self->fd = -1;
	sink = buf[0] + buf[b.allocated_bytes - 1];
	EXPECT_OK(hdaemu_read_slot(page, a.position_slot, &s));
	EXPECT_EQ((__u32)HDAEMU_STATE_RUN, s.state);

	/* The last mapping gone, everything is freed. */
	munmap((void *)buf, len);
	munmap(page, HDAEMU_T_PAGE);
	hdaemu_eventfd_take(efd);
	hdaemu_sleep_ms(50);
	EXPECT_EQ(0u, hdaemu_eventfd_take(efd)) TH_LOG("an IOC after the last munmap");
	close(efd);
	EXPECT_CAPACITY(want);
	(void)sink;
}

TEST_F(clients, dup_is_same_client)
{
	struct hdaemu_engine_alloc a;
	struct hdaemu_position p;
	int d;

	ASSERT_OK(hdaemu_alloc_any(self->fd, &self->fmt, &a));
	d = dup(self->fd);
	ASSERT_LE(0, d);
	EXPECT_OK(hdaemu_get_position(d, a.handle, &p));
	close(self->fd);
	self->fd = -1;
	/* One of the two descriptors still holds the file and its engine. */
	EXPECT_OK(hdaemu_get_position(d, a.handle, &p));
	EXPECT_OK(hdaemu_free_engine(d, a.handle));
	close(d);
}

/* Child side of fork_shares_client: 0 on success, else the failing step. */
static int child_uses_parent_client(int fd, __u32 handle, int out)
{
	struct hdaemu_stream_format f = hdaemu_fmt_default();
	struct hdaemu_engine_alloc a;
	struct hdaemu_position p;

	if (hdaemu_get_position(fd, handle, &p) || p.state != HDAEMU_STATE_RESET)
		return 1;
	if (hdaemu_set_state1(fd, HDAEMU_STATE_STOP, handle, NULL))
		return 2;
	if (hdaemu_alloc_any(fd, &f, &a)) {
		if (errno != ENOSPC)
			return 3;
		a.handle = HDAEMU_BAD_HANDLE;	/* only one engine: nothing to share */
	}
	if (write(out, &a.handle, sizeof(a.handle)) != sizeof(a.handle))
		return 4;
	return 0;
}

TEST_F(clients, fork_shares_client)
{
	struct hdaemu_engine_alloc a;
	struct hdaemu_buffer_alloc b;
	struct hdaemu_position p;
	__u32 child_handle;
	int pipefd[2], status;
	pid_t pid;

	ASSERT_OK(hdaemu_alloc_any(self->fd, &self->fmt, &a));
	ASSERT_OK(hdaemu_alloc_buffer(self->fd, a.handle, HDAEMU_BUFFER_PLAIN, 0, 1920, &b));
	ASSERT_EQ(0, pipe(pipefd));
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		close(pipefd[0]);
		_exit(child_uses_parent_client(self->fd, a.handle, pipefd[1]));
	}
	close(pipefd[1]);
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status))
		TH_LOG("child failed at step %d (1 position, 2 set state, 3 alloc, 4 pipe)",
		       WEXITSTATUS(status));
	ASSERT_EQ((ssize_t)sizeof(child_handle),
		  read(pipefd[0], &child_handle, sizeof(child_handle)));
	close(pipefd[0]);

	/* The child's changes are the parent's: one client. */
	ASSERT_OK(hdaemu_get_position(self->fd, a.handle, &p));
	EXPECT_EQ((__u32)HDAEMU_STATE_STOP, p.state);
	if (child_handle != HDAEMU_BAD_HANDLE) {
		EXPECT_OK(hdaemu_get_position(self->fd, child_handle, &p));
		EXPECT_OK(hdaemu_free_engine(self->fd, child_handle));
	}
}

TEST_HARNESS_MAIN
