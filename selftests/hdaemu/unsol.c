// SPDX-License-Identifier: GPL-2.0
/*
 * Unsolicited responses end to end: a tag from REGISTER_UNSOL, the pin's
 * unsolicited enable with it, a jack plugged with INJECT_JACK, the eventfd
 * signalled and READ_UNSOL giving the response; nothing once disabled;
 * the per-tag queue's overflow counted; GET_PIN_SENSE following the jack;
 * the tag rules and INJECT_JACK's errors, -EPERM without CAP_SYS_ADMIN.
 *
 * Uses the first pin with presence detect and unsolicited responses of the
 * lowest codec (the headphone of the generic model, the mic of mini).
 */
#include <sys/wait.h>

#include <poll.h>

#include "codec_test.h"

FIXTURE(unsol) {
	int fd;
	int efd;
	unsigned int cad;
	unsigned int pin;
	struct hdaemu_codecs_param cp;
};

FIXTURE_SETUP(unsol)
{
	const struct exp_model *m;
	unsigned int i;

	self->efd = -1;
	self->fd = hdaemu_open();
	if (self->fd < 0 && errno == ENOENT)
		HDAEMU_SETUP_SKIP(HDAEMU_DEV " is absent: hdaemu not loaded");
	ASSERT_LE(0, self->fd);
	if (geteuid() != 0)
		HDAEMU_SETUP_SKIP("jack injection needs root");
	ASSERT_OK(hdaemu_codecs_param(self->fd, &self->cp));
	self->cad = hdaemu_lowest(self->cp.mask);
	m = &exp_models[self->cp.model[self->cad]];
	self->pin = 0;
	for (i = 0; i < m->count && !self->pin; i++)
		if ((m->w[i].caps & (1 << 7)) && (m->w[i].pincaps & (1 << 2)))
			self->pin = m->w[i].nid;
	ASSERT_NE(0, self->pin);
	ASSERT_EQ(hdaemu_valid(self->cad, 0),
		  hdaemu_verb1(self->fd, cmd12(self->cad, 1, V_RESET, 0)));
	ASSERT_OK(hdaemu_jack(self->fd, self->cad, self->pin, 0));
	self->efd = hdaemu_eventfd();
	ASSERT_LE(0, self->efd);
}

FIXTURE_TEARDOWN(unsol)
{
	if (self->fd >= 0) {
		hdaemu_verb1(self->fd, cmd12(self->cad, 1, V_RESET, 0));
		hdaemu_jack(self->fd, self->cad, self->pin, 0);
		close(self->fd);
	}
	if (self->efd >= 0)
		close(self->efd);
}

static int reg(int fd, int efd, __u32 *tag)
{
	struct hdaemu_unsol_register r = { .eventfd = efd };
	int ret = ioctl(fd, HDAEMU_IOC_REGISTER_UNSOL, &r);

	*tag = r.tag;
	return ret;
}

static int unreg(int fd, __u32 tag)
{
	struct hdaemu_unsol_ref r = { .tag = tag };

	return ioctl(fd, HDAEMU_IOC_UNREGISTER_UNSOL, &r);
}

static int read_unsol(int fd, __u32 tag, struct hdaemu_unsol_read *r)
{
	memset(r, 0, sizeof(*r));
	r->tag = tag;
	return ioctl(fd, HDAEMU_IOC_READ_UNSOL, r);
}

/* The response a pin of @cad with @tag sends. */
static __u64 unsol_response(unsigned int cad, __u32 tag)
{
	return HDAEMU_RESPONSE_VALID | HDAEMU_RESPONSE_UNSOL |
	       (__u64)cad << HDAEMU_RESPONSE_SDI_SHIFT | (__u64)tag << HDAEMU_UNSOL_TAG_SHIFT;
}

TEST_F(unsol, plug_delivers_the_tag_and_disable_stops_it)
{
	struct hdaemu_unsol_read rd;
	__u32 tag;

	ASSERT_OK(reg(self->fd, self->efd, &tag));
	ASSERT_LT(tag, HDAEMU_MAX_UNSOL_TAGS);
	ASSERT_EQ(hdaemu_valid(self->cad, 0),
		  hdaemu_verb1(self->fd, cmd12(self->cad, self->pin, V_SET_UNSOL, 0x80 | tag)));

	ASSERT_OK(hdaemu_jack(self->fd, self->cad, self->pin, 1));
	ASSERT_TRUE(hdaemu_wait_fd(self->efd, 5000));
	EXPECT_EQ(1, hdaemu_eventfd_take(self->efd));
	ASSERT_OK(read_unsol(self->fd, tag, &rd));
	EXPECT_EQ(1, rd.count);
	EXPECT_EQ(0, rd.dropped);
	EXPECT_EQ(unsol_response(self->cad, tag), rd.responses[0]);
	EXPECT_EQ(0, rd.responses[1]);
	/* Pin sense follows the jack. */
	EXPECT_EQ(hdaemu_valid(self->cad, 0x80000000u),
		  hdaemu_verb1(self->fd, cmd12(self->cad, self->pin, V_GET_SENSE, 0)));

	/* Disabled: the unplug is sensed but sends nothing. */
	ASSERT_EQ(hdaemu_valid(self->cad, 0),
		  hdaemu_verb1(self->fd, cmd12(self->cad, self->pin, V_SET_UNSOL, tag)));
	ASSERT_OK(hdaemu_jack(self->fd, self->cad, self->pin, 0));
	EXPECT_FALSE(hdaemu_wait_fd(self->efd, 300));
	ASSERT_OK(read_unsol(self->fd, tag, &rd));
	EXPECT_EQ(0, rd.count);
	EXPECT_EQ(hdaemu_valid(self->cad, 0),
		  hdaemu_verb1(self->fd, cmd12(self->cad, self->pin, V_GET_SENSE, 0)));
	EXPECT_OK(unreg(self->fd, tag));
}

/* With the device's UNSOL events enabled, responses are queued as records. */
TEST_F(unsol, responses_reach_the_event_queue)
{
	struct hdaemu_event_set set = { .types = 1ull << HDAEMU_EVENT_UNSOL };
	struct hdaemu_queue_status st = { 0 };
	struct hdaemu_event_record r;
	struct pollfd pfd = { .fd = self->fd, .events = POLLIN };
	__u32 tag;

	ASSERT_OK(ioctl(self->fd, HDAEMU_IOC_ENABLE_EVENTS, &set));
	ASSERT_OK(reg(self->fd, self->efd, &tag));
	ASSERT_EQ(hdaemu_valid(self->cad, 0),
		  hdaemu_verb1(self->fd, cmd12(self->cad, self->pin, V_SET_UNSOL, 0x80 | tag)));
	ASSERT_OK(hdaemu_jack(self->fd, self->cad, self->pin, 1));
	ASSERT_TRUE(hdaemu_wait_fd(self->efd, 5000));
	ASSERT_EQ(1, poll(&pfd, 1, 5000));
	ASSERT_EQ((ssize_t)sizeof(r), read(self->fd, &r, sizeof(r)));
	EXPECT_EQ((__u32)HDAEMU_EVENT_UNSOL, r.type);
	EXPECT_EQ(0u, r.handle);
	EXPECT_EQ(unsol_response(self->cad, tag), r.unsol.response);
	EXPECT_EQ(tag, r.unsol.tag);
	EXPECT_EQ(self->cad, r.unsol.codec_address);

	/* Disabled: the next response reaches the eventfd, not the queue. */
	ASSERT_OK(ioctl(self->fd, HDAEMU_IOC_DISABLE_EVENTS, &set));
	hdaemu_eventfd_take(self->efd);
	ASSERT_OK(hdaemu_jack(self->fd, self->cad, self->pin, 0));
	ASSERT_TRUE(hdaemu_wait_fd(self->efd, 5000));
	ASSERT_OK(ioctl(self->fd, HDAEMU_IOC_GET_QUEUE_STATUS, &st));
	EXPECT_EQ(0u, st.pending);
	EXPECT_OK(unreg(self->fd, tag));
}

TEST_F(unsol, same_state_sends_nothing)
{
	struct hdaemu_unsol_read rd;
	__u32 tag;

	ASSERT_OK(reg(self->fd, self->efd, &tag));
	hdaemu_verb1(self->fd, cmd12(self->cad, self->pin, V_SET_UNSOL, 0x80 | tag));
	ASSERT_OK(hdaemu_jack(self->fd, self->cad, self->pin, 0));
	EXPECT_FALSE(hdaemu_wait_fd(self->efd, 300));
	ASSERT_OK(read_unsol(self->fd, tag, &rd));
	EXPECT_EQ(0, rd.count);
}

TEST_F(unsol, other_tag_gets_nothing)
{
	int efd2 = hdaemu_eventfd();
	struct hdaemu_unsol_read rd;
	__u32 tag, tag2;

	ASSERT_LE(0, efd2);
	ASSERT_OK(reg(self->fd, self->efd, &tag));
	ASSERT_OK(reg(self->fd, efd2, &tag2));
	EXPECT_NE(tag, tag2);
	hdaemu_verb1(self->fd, cmd12(self->cad, self->pin, V_SET_UNSOL, 0x80 | tag2));
	ASSERT_OK(hdaemu_jack(self->fd, self->cad, self->pin, 1));
	ASSERT_TRUE(hdaemu_wait_fd(efd2, 5000));
	EXPECT_FALSE(hdaemu_wait_fd(self->efd, 100));
	ASSERT_OK(read_unsol(self->fd, tag, &rd));
	EXPECT_EQ(0, rd.count);
	ASSERT_OK(read_unsol(self->fd, tag2, &rd));
	EXPECT_EQ(1, rd.count);
	EXPECT_EQ(unsol_response(self->cad, tag2), rd.responses[0]);
	close(efd2);
}

TEST_F(unsol, queue_overflow_is_counted)
{
	struct hdaemu_unsol_read rd;
	unsigned int i, got = 0;
	__u32 tag;

	ASSERT_OK(reg(self->fd, self->efd, &tag));
	hdaemu_verb1(self->fd, cmd12(self->cad, self->pin, V_SET_UNSOL, 0x80 | tag));
	/* 20 changes; the tag's queue keeps 16. */
	for (i = 0; i < 20; i++)
		ASSERT_OK(hdaemu_jack(self->fd, self->cad, self->pin, !(i & 1)));
	for (i = 0; i < 500 && got < 20; i++) {
		if (hdaemu_wait_fd(self->efd, 10))
			got += hdaemu_eventfd_take(self->efd);
	}
	EXPECT_EQ(20, got);
	ASSERT_OK(read_unsol(self->fd, tag, &rd));
	EXPECT_EQ(HDAEMU_UNSOL_READ_MAX, rd.count);
	EXPECT_EQ(4, rd.dropped);
	ASSERT_OK(read_unsol(self->fd, tag, &rd));
	EXPECT_EQ(8, rd.count);
	EXPECT_EQ(0, rd.dropped);
	ASSERT_OK(read_unsol(self->fd, tag, &rd));
	EXPECT_EQ(0, rd.count);
}

TEST_F(unsol, tags_are_unique)
{
	__u32 tags[16], i, j;
	int efds[16];

	for (i = 0; i < 16; i++) {
		efds[i] = hdaemu_eventfd();
		ASSERT_LE(0, efds[i]);
		ASSERT_OK(reg(self->fd, efds[i], &tags[i]));
		ASSERT_LT(tags[i], HDAEMU_MAX_UNSOL_TAGS);
		for (j = 0; j < i; j++)
			EXPECT_NE(tags[j], tags[i]);
	}
	/* A file holds 16 at most. */
	EXPECT_ERR(ENOSPC, reg(self->fd, self->efd, &tags[0]));
	for (i = 0; i < 16; i++)
		close(efds[i]);
}

TEST_F(unsol, unregister_twice)
{
	__u32 tag;

	ASSERT_OK(reg(self->fd, self->efd, &tag));
	ASSERT_OK(unreg(self->fd, tag));
	EXPECT_ERR(EINVAL, unreg(self->fd, tag));
}

TEST_F(unsol, unregister_another_files_tag)
{
	int fd2 = hdaemu_open();
	__u32 tag;

	ASSERT_LE(0, fd2);
	ASSERT_OK(reg(fd2, self->efd, &tag));
	EXPECT_ERR(EINVAL, unreg(self->fd, tag));
	close(fd2);
}

TEST_F(unsol, read_unregistered_tag)
{
	struct hdaemu_unsol_read rd;

	EXPECT_ERR(EINVAL, read_unsol(self->fd, 200, &rd));
}

TEST_F(unsol, register_bad_eventfd)
{
	__u32 tag;

	EXPECT_ERR(EBADF, reg(self->fd, -1, &tag));
}

TEST_F(unsol, register_flags)
{
	struct hdaemu_unsol_register r = { .eventfd = self->efd, .flags = 1 };

	EXPECT_ERR(EINVAL, ioctl(self->fd, HDAEMU_IOC_REGISTER_UNSOL, &r));
}

TEST_F(unsol, jack_missing_codec)
{
	unsigned int cad = 14;

	while (self->cp.mask & (1u << cad))
		cad--;
	EXPECT_ERR(ENODEV, hdaemu_jack(self->fd, cad, self->pin, 1));
}

TEST_F(unsol, jack_missing_node)
{
	EXPECT_ERR(ENOENT, hdaemu_jack(self->fd, self->cad, 0x70, 1));
}

TEST_F(unsol, jack_not_a_pin)
{
	EXPECT_ERR(EINVAL, hdaemu_jack(self->fd, self->cad, 2, 1));
}

TEST_F(unsol, jack_present_above_one)
{
	EXPECT_ERR(EINVAL, hdaemu_jack(self->fd, self->cad, self->pin, 2));
}

TEST_F(unsol, jack_needs_cap_sys_admin)
{
	pid_t pid = fork();
	int status;

	ASSERT_LE(0, pid);
	if (!pid) {
		/* The file stays open; the privilege goes. */
		if (setgid(65534) || setuid(65534))
			_exit(2);
		errno = 0;
		if (hdaemu_jack(self->fd, self->cad, self->pin, 1) != -1 || errno != EPERM)
			_exit(1);
		_exit(0);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
	/* Nothing changed. */
	EXPECT_EQ(hdaemu_valid(self->cad, 0),
		  hdaemu_verb1(self->fd, cmd12(self->cad, self->pin, V_GET_SENSE, 0)));
}

TEST_HARNESS_MAIN
