// SPDX-License-Identifier: GPL-2.0
/*
 * Surprise removal of the controller and its return: every waiter wakes
 * (a thread in poll on an eventfd, one in read on the event queue, one in
 * poll on the device, one in a loop of ioctls), every call then answers
 * -ENODEV, new clients are refused until the return, and after it a new
 * client can use every engine while the old one stays gone.
 */
#include <poll.h>
#include <pthread.h>
#include <sys/mman.h>
#include <sys/wait.h>

#include "hdaemu_test.h"

static int fault(int fd, __u32 type)
{
	struct hdaemu_fault f = { .type = type, .target = HDAEMU_FAULT_CONTROLLER };

	return ioctl(fd, HDAEMU_IOC_SET_FAULT, &f);
}

/* A control file of its own, so the client under test is not the injector. */
static int control_fd(void)
{
	return hdaemu_open();
}

struct waiter {
	int fd;
	int efd;
	__u32 handle;
	int result;		/* what the wait ended with */
	int err;
	struct hdaemu_event_record rec;
};

static void *wait_eventfd(void *arg)
{
	struct waiter *w = arg;
	struct pollfd pfd = { .fd = w->efd, .events = POLLIN };

	w->result = poll(&pfd, 1, 20000);
	return NULL;
}

static void *wait_read(void *arg)
{
	struct waiter *w = arg;

	w->result = read(w->fd, &w->rec, sizeof(w->rec));
	w->err = errno;
	return NULL;
}

static void *wait_poll(void *arg)
{
	struct waiter *w = arg;
	struct pollfd pfd = { .fd = w->fd, .events = POLLIN };

	w->result = poll(&pfd, 1, 20000);
	w->err = pfd.revents;
	return NULL;
}

/* GET_POSITION until it fails; the failure must be ENODEV. */
static void *loop_ioctls(void *arg)
{
	struct waiter *w = arg;
	struct hdaemu_position p;
	int i;

	for (i = 0; i < 1000000; i++) {
		if (hdaemu_get_position(w->fd, w->handle, &p)) {
			w->err = errno;
			w->result = i;
			return NULL;
		}
	}
	w->result = -1;
	return NULL;
}

FIXTURE(removal) {
	int ctl;
	int fd;
	int efd;
	struct hdaemu_engine_alloc a;
	struct hdaemu_buffer_alloc b;
};

FIXTURE_SETUP(removal)
{
	struct hdaemu_stream_format f = hdaemu_fmt_default();
	struct hdaemu_event_set s = { .types = 1ull << HDAEMU_EVENT_STATE };

	self->fd = self->efd = -1;
	self->ctl = control_fd();
	if (self->ctl < 0)
		HDAEMU_SETUP_SKIP("cannot open " HDAEMU_DEV ": %s", strerror(errno));
	if (geteuid() != 0)
		HDAEMU_SETUP_SKIP("removal is a fault: it needs CAP_SYS_ADMIN");
	self->fd = hdaemu_open();
	ASSERT_LE(0, self->fd);
	ASSERT_OK(hdaemu_alloc_any(self->fd, &f, &self->a));
	ASSERT_OK(hdaemu_alloc_buffer(self->fd, self->a.handle, HDAEMU_BUFFER_NOTIFY, 2, 3840,
				      &self->b));
	self->efd = hdaemu_eventfd();
	ASSERT_LE(0, self->efd);
	ASSERT_OK(hdaemu_register(self->fd, self->a.handle, self->efd));
	s.handle = self->a.handle;
	ASSERT_OK(ioctl(self->fd, HDAEMU_IOC_ENABLE_EVENTS, &s));
}

FIXTURE_TEARDOWN(removal)
{
	if (self->ctl >= 0) {
		fault(self->ctl, HDAEMU_FAULT_RETURN);
		close(self->ctl);
	}
	if (self->fd >= 0)
		close(self->fd);
	if (self->efd >= 0)
		close(self->efd);
}

TEST_F_TIMEOUT(removal, every_waiter_wakes, 60)
{
	struct waiter we = { .efd = self->efd }, wr = { .fd = self->fd }, wp = { .fd = self->fd };
	struct waiter wi = { .fd = self->fd, .handle = self->a.handle };
	struct hdaemu_event_record r;
	pthread_t te, tr, tp, ti;

	ASSERT_OK(ioctl(self->ctl, HDAEMU_IOC_SET_FAULT, &(struct hdaemu_fault){
		.type = HDAEMU_FAULT_CLEAR, .target = HDAEMU_FAULT_CONTROLLER }));
	/* The engine is stopped: no IOC will wake the eventfd waiter. */
	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_STOP, self->a.handle, NULL));
	ASSERT_EQ((ssize_t)sizeof(r), read(self->fd, &r, sizeof(r)));	/* Reset->Stop */
	hdaemu_eventfd_take(self->efd);

	ASSERT_EQ(0, pthread_create(&te, NULL, wait_eventfd, &we));
	ASSERT_EQ(0, pthread_create(&tr, NULL, wait_read, &wr));
	ASSERT_EQ(0, pthread_create(&tp, NULL, wait_poll, &wp));
	ASSERT_EQ(0, pthread_create(&ti, NULL, loop_ioctls, &wi));
	hdaemu_sleep_ms(200);
	ASSERT_OK(fault(self->ctl, HDAEMU_FAULT_REMOVE));
	pthread_join(te, NULL);
	pthread_join(tr, NULL);
	pthread_join(tp, NULL);
	pthread_join(ti, NULL);

	EXPECT_EQ(1, we.result) TH_LOG("the eventfd waiter was not woken");
	EXPECT_EQ((int)sizeof(r), wr.result) TH_LOG("the reader got %d, errno %d", wr.result,
						     wr.err);
	EXPECT_EQ((__u32)HDAEMU_EVENT_REMOVAL, wr.rec.type);
	EXPECT_EQ(1, wp.result);
	EXPECT_TRUE(wp.err & POLLHUP);
	EXPECT_LT(0, wi.result) TH_LOG("the ioctl loop never ran before the removal");
	EXPECT_EQ(ENODEV, wi.err);
}

TEST_F(removal, calls_answer_enodev_and_open_is_refused)
{
	struct hdaemu_stream_format f = hdaemu_fmt_default();
	struct hdaemu_engine_alloc a;
	struct hdaemu_position p;
	struct hdaemu_info info;
	char buf[64];
	void *m;

	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_STOP, self->a.handle, NULL));
	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_RUN, self->a.handle, NULL));
	ASSERT_OK(fault(self->ctl, HDAEMU_FAULT_REMOVE));

	EXPECT_ERR(ENODEV, hdaemu_get_position(self->fd, self->a.handle, &p));
	EXPECT_ERR(ENODEV, hdaemu_set_state1(self->fd, HDAEMU_STATE_STOP, self->a.handle, NULL));
	EXPECT_ERR(ENODEV, hdaemu_alloc_any(self->fd, &f, &a));
	EXPECT_ERR(ENODEV, hdaemu_free_engine(self->fd, self->a.handle));
	EXPECT_ERR(ENODEV, hdaemu_get_info(self->fd, &info));
	m = mmap(NULL, 4096, PROT_READ, MAP_SHARED, self->fd, HDAEMU_MMAP_POSITION_PAGE);
	EXPECT_EQ(MAP_FAILED, m);
	EXPECT_EQ(ENODEV, errno);
	/* The queue ends with the removal record, then read fails. */
	while (read(self->fd, buf, sizeof(buf)) == sizeof(buf))
		;
	EXPECT_EQ(ENODEV, errno);
	/* The eventfd was signalled once. */
	EXPECT_LE(1ull, hdaemu_eventfd_take(self->efd));
	EXPECT_EQ(-1, hdaemu_open());
	EXPECT_EQ(ENODEV, errno);
	/* Removing twice changes nothing. */
	EXPECT_OK(fault(self->ctl, HDAEMU_FAULT_REMOVE));
}

/* How many engines of our format a new client gets now. */
static unsigned int engines_left(void)
{
	struct hdaemu_stream_format f = hdaemu_fmt_default();
	struct hdaemu_engine_alloc a;
	unsigned int n = 0;
	int fd = hdaemu_open();

	if (fd < 0)
		return 0;
	while (!hdaemu_alloc_any(fd, &f, &a))
		n++;
	close(fd);
	return n;
}

TEST_F(removal, return_lets_new_clients_work)
{
	struct hdaemu_position p;
	unsigned int before = engines_left();

	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_STOP, self->a.handle, NULL));
	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_RUN, self->a.handle, NULL));
	ASSERT_OK(fault(self->ctl, HDAEMU_FAULT_REMOVE));
	ASSERT_OK(fault(self->ctl, HDAEMU_FAULT_RETURN));

	/* The old client stays gone. */
	EXPECT_ERR(ENODEV, hdaemu_get_position(self->fd, self->a.handle, &p));
	/* A new client gets one engine more: the removed client's was freed. */
	EXPECT_EQ(before + 1, engines_left());
}

TEST_F(removal, needs_cap_sys_admin)
{
	int status;
	pid_t pid = fork();

	ASSERT_LE(0, pid);
	if (!pid) {
		if (setgid(65534) || setuid(65534))
			_exit(2);
		_exit(fault(self->ctl, HDAEMU_FAULT_REMOVE) == -1 && errno == EPERM ? 0 : 1);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_EQ(0, WEXITSTATUS(status));
	EXPECT_EQ(HDAEMU_STATE_RESET, hdaemu_state_of(self->fd, self->a.handle));
}

TEST_HARNESS_MAIN
