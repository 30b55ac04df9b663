// SPDX-License-Identifier: GPL-2.0
/*
 * Fault injection: late IOC interrupts (jitter), lost ones (drop), failed
 * allocations; the privilege check and the argument checks. Every test
 * clears the faults it set, whatever happens, so later tests see none.
 */
#include <sys/wait.h>

#include "hdaemu_test.h"

static int engine_stats(int fd, __u32 handle, struct hdaemu_engine_stats *s)
{
	memset(s, 0, sizeof(*s));
	s->handle = handle;
	return ioctl(fd, HDAEMU_IOC_GET_ENGINE_STATS, s);
}

FIXTURE(faults) {
	int fd;
	int efd;
	struct hdaemu_engine_alloc a;
	struct hdaemu_buffer_alloc b;
};

FIXTURE_SETUP(faults)
{
	struct hdaemu_stream_format f = hdaemu_fmt_default();

	self->efd = -1;
	self->fd = hdaemu_open();
	if (self->fd < 0)
		HDAEMU_SETUP_SKIP("cannot open " HDAEMU_DEV ": %s", strerror(errno));
	if (geteuid() != 0)
		HDAEMU_SETUP_SKIP("fault injection needs CAP_SYS_ADMIN");
	ASSERT_OK(hdaemu_clear_faults(self->fd));
	ASSERT_OK(hdaemu_alloc_any(self->fd, &f, &self->a));
	/* 48 kHz stereo 16-bit, 10 ms periods of 1920 bytes. */
	ASSERT_OK(hdaemu_alloc_buffer(self->fd, self->a.handle, HDAEMU_BUFFER_NOTIFY, 2, 3840,
				      &self->b));
	ASSERT_EQ(3840ull, self->b.allocated_bytes);
	self->efd = hdaemu_eventfd();
	ASSERT_LE(0, self->efd);
	ASSERT_OK(hdaemu_register(self->fd, self->a.handle, self->efd));
	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_STOP, self->a.handle, NULL));
}

FIXTURE_TEARDOWN(faults)
{
	if (self->fd >= 0) {
		hdaemu_clear_faults(self->fd);
		close(self->fd);
	}
	if (self->efd >= 0)
		close(self->efd);
}

/* Run the fixture's engine for @ms, stop it, and read its counts. */
static int run_ms(int fd, __u32 handle, unsigned int ms, struct hdaemu_position *p)
{
	if (hdaemu_set_state1(fd, HDAEMU_STATE_RUN, handle, NULL))
		return -1;
	hdaemu_sleep_ms(ms);
	if (hdaemu_set_state1(fd, HDAEMU_STATE_STOP, handle, NULL))
		return -1;
	return hdaemu_get_position(fd, handle, p);
}

TEST_F_TIMEOUT(faults, drop_every_other_interrupt, 60)
{
	struct hdaemu_fault f = {
		.type = HDAEMU_FAULT_DROP, .target = self->a.engine_index, .drop_every = 2,
	};
	struct hdaemu_engine_stats s;
	struct hdaemu_position p;
	__u64 signalled;

	ASSERT_OK(hdaemu_set_fault(self->fd, &f));
	ASSERT_OK(run_ms(self->fd, self->a.handle, 300, &p));
	signalled = hdaemu_eventfd_take(self->efd);
	ASSERT_OK(engine_stats(self->fd, self->a.handle, &s));
	/* Every IOC is raised and counted; the lost ones are never signalled. */
	EXPECT_EQ(p.ioc_count, s.iocs);
	EXPECT_EQ(s.iocs, signalled + s.dropped);
	EXPECT_LT(0ull, s.dropped);
	EXPECT_LT(0ull, signalled);
	EXPECT_GE(1ull, p.bytes / 1920 - p.ioc_count) TH_LOG("the position goes on");
}

TEST_F_TIMEOUT(faults, drop_all_signals_nothing, 60)
{
	struct hdaemu_fault f = {
		.type = HDAEMU_FAULT_DROP, .target = HDAEMU_FAULT_CONTROLLER, .drop_permille = 1000,
	};
	struct hdaemu_engine_stats s;
	struct hdaemu_position p;

	ASSERT_OK(hdaemu_set_fault(self->fd, &f));
	ASSERT_OK(run_ms(self->fd, self->a.handle, 100, &p));
	ASSERT_OK(engine_stats(self->fd, self->a.handle, &s));
	EXPECT_EQ(0ull, hdaemu_eventfd_take(self->efd));
	EXPECT_EQ(p.ioc_count, s.dropped);
	EXPECT_LT(0ull, p.ioc_count);

	/* Cleared: signals again, and nothing is lost any more. */
	ASSERT_OK(hdaemu_clear_faults(self->fd));
	ASSERT_OK(run_ms(self->fd, self->a.handle, 100, &p));
	ASSERT_OK(engine_stats(self->fd, self->a.handle, &s));
	EXPECT_EQ(p.ioc_count - s.dropped, hdaemu_eventfd_take(self->efd));
}

TEST_F_TIMEOUT(faults, jitter_makes_interrupts_late_not_lost, 60)
{
	struct hdaemu_fault f = {
		.type = HDAEMU_FAULT_JITTER, .target = self->a.engine_index,
		.jitter_max_ns = 16000000, .seed = 42,
	};
	struct hdaemu_engine_stats s;
	struct hdaemu_position p;

	ASSERT_OK(hdaemu_set_fault(self->fd, &f));
	ASSERT_OK(run_ms(self->fd, self->a.handle, 400, &p));
	ASSERT_OK(engine_stats(self->fd, self->a.handle, &s));
	/* Due times do not move: every IOC comes, some several at once. */
	EXPECT_EQ(p.ioc_count, hdaemu_eventfd_take(self->efd));
	/* At the Stop, up to 16 ms of IOCs (two periods) may still be on the way. */
	EXPECT_GE(2ull, p.bytes / 1920 - p.ioc_count);
	EXPECT_EQ(s.iocs, s.interrupts + s.missed);
	/* Uniform in [0, 16 ms]: the mean lateness is well above 1 ms. */
	EXPECT_LT(1000000ull, s.late_mean_ns) TH_LOG("mean lateness %llu ns",
						     (unsigned long long)s.late_mean_ns);
	EXPECT_LT(0ull, s.missed) TH_LOG("jitter over 10 ms periods batches some IOCs");
}

TEST_F(faults, alloc_failures_count_down)
{
	struct hdaemu_stream_format fmt = hdaemu_fmt_default();
	struct hdaemu_fault f = {
		.type = HDAEMU_FAULT_ALLOC, .target = HDAEMU_FAULT_CONTROLLER,
		.alloc_kind = HDAEMU_ALLOC_NOTIFICATION, .alloc_count = 2,
	};
	struct hdaemu_engine_alloc a;
	int efd = hdaemu_eventfd();

	ASSERT_LE(0, efd);
	ASSERT_OK(hdaemu_set_fault(self->fd, &f));
	EXPECT_ERR(ENOMEM, hdaemu_register(self->fd, self->a.handle, efd));
	EXPECT_ERR(ENOMEM, hdaemu_register(self->fd, self->a.handle, efd));
	EXPECT_OK(hdaemu_register(self->fd, self->a.handle, efd));

	f.alloc_kind = HDAEMU_ALLOC_ENGINE;
	f.alloc_count = 1;
	ASSERT_OK(hdaemu_set_fault(self->fd, &f));
	EXPECT_ERR(ENOMEM, hdaemu_alloc_any(self->fd, &fmt, &a));
	if (!hdaemu_alloc_any(self->fd, &fmt, &a))
		EXPECT_OK(hdaemu_free_engine(self->fd, a.handle));
	else
		EXPECT_EQ(ENOSPC, errno) TH_LOG("the failure was used up");
	close(efd);
}

TEST_F(faults, alloc_failure_of_a_buffer_changes_nothing)
{
	struct hdaemu_fault f = {
		.type = HDAEMU_FAULT_ALLOC, .target = HDAEMU_FAULT_CONTROLLER,
		.alloc_kind = HDAEMU_ALLOC_BUFFER, .alloc_count = 1,
	};
	struct hdaemu_buffer_alloc b;

	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_RESET, self->a.handle, NULL));
	ASSERT_OK(hdaemu_free_buffer_of(self->fd, &self->b));
	ASSERT_OK(hdaemu_set_fault(self->fd, &f));
	EXPECT_ERR(ENOMEM, hdaemu_alloc_buffer(self->fd, self->a.handle, HDAEMU_BUFFER_NOTIFY, 2,
					       3840, &b));
	/* No half-made buffer: the engine still has none, and the next works. */
	EXPECT_ERR(ENODATA, hdaemu_set_state1(self->fd, HDAEMU_STATE_STOP, self->a.handle, NULL));
	EXPECT_OK(hdaemu_alloc_buffer(self->fd, self->a.handle, HDAEMU_BUFFER_NOTIFY, 2, 3840,
				      &self->b));
}

TEST_F(faults, bad_arguments)
{
	struct hdaemu_fault f = { .type = 99, .target = HDAEMU_FAULT_CONTROLLER };

	EXPECT_ERR(EINVAL, hdaemu_set_fault(self->fd, &f));
	f = (struct hdaemu_fault){ .type = HDAEMU_FAULT_JITTER, .target = 31 };
	EXPECT_ERR(EINVAL, hdaemu_set_fault(self->fd, &f));
	f = (struct hdaemu_fault){ .type = HDAEMU_FAULT_JITTER, .target = 0,
				   .jitter_max_ns = 1000000001 };
	EXPECT_ERR(EINVAL, hdaemu_set_fault(self->fd, &f));
	f = (struct hdaemu_fault){ .type = HDAEMU_FAULT_DROP, .target = 0, .drop_permille = 1001 };
	EXPECT_ERR(EINVAL, hdaemu_set_fault(self->fd, &f));
	f = (struct hdaemu_fault){ .type = HDAEMU_FAULT_ALLOC, .target = 0,
				   .alloc_kind = HDAEMU_ALLOC_ENGINE };
	EXPECT_ERR(EINVAL, hdaemu_set_fault(self->fd, &f));
	f = (struct hdaemu_fault){ .type = HDAEMU_FAULT_ALLOC, .target = HDAEMU_FAULT_CONTROLLER,
				   .alloc_kind = 4 };
	EXPECT_ERR(EINVAL, hdaemu_set_fault(self->fd, &f));
	f = (struct hdaemu_fault){ .type = HDAEMU_FAULT_CLEAR, .target = 0 };
	EXPECT_ERR(EINVAL, hdaemu_set_fault(self->fd, &f));
	f = (struct hdaemu_fault){ .type = HDAEMU_FAULT_CLEAR, .target = HDAEMU_FAULT_CONTROLLER,
				   .flags = 1 };
	EXPECT_ERR(EINVAL, hdaemu_set_fault(self->fd, &f));
	f.flags = 0;
	f.stall_ns = 1;
	EXPECT_ERR(EINVAL, hdaemu_set_fault(self->fd, &f));
}

TEST_F(faults, needs_cap_sys_admin)
{
	struct hdaemu_fault f = { .type = HDAEMU_FAULT_CLEAR, .target = HDAEMU_FAULT_CONTROLLER };
	int status;
	pid_t pid = fork();

	ASSERT_LE(0, pid);
	if (!pid) {
		/* The open device stays usable; the fault ioctl does not. */
		if (setgid(65534) || setuid(65534))
			_exit(2);
		if (hdaemu_set_fault(self->fd, &f) != -1 || errno != EPERM)
			_exit(1);
		_exit(hdaemu_state_of(self->fd, self->a.handle) == HDAEMU_STATE_STOP ? 0 : 3);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
}

TEST_HARNESS_MAIN
