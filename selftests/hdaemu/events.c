// SPDX-License-Identifier: GPL-2.0
/*
 * The event queue: records, event sets, overflow, the queue event with the
 * IoRing rules, and the engine statistics.
 */
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>

#include "hdaemu_test.h"

#define REC sizeof(struct hdaemu_event_record)
/* The queue's documented size (Documentation/events.rst). */
#define HDAEMU_QUEUE_CAPACITY_T 256
#define BIT_EV(t) (1ull << (t))

_Static_assert(sizeof(struct hdaemu_event_record) == 64, "record size");
_Static_assert(sizeof(struct hdaemu_event_set) == 24, "event set size");
_Static_assert(sizeof(struct hdaemu_queue_status) == 56, "queue status size");
_Static_assert(sizeof(struct hdaemu_engine_stats) == 80, "stats size");

static int enable(int fd, __u32 handle, __u64 types)
{
	struct hdaemu_event_set s = { .handle = handle, .types = types };

	return ioctl(fd, HDAEMU_IOC_ENABLE_EVENTS, &s);
}

static int disable(int fd, __u32 handle, __u64 types)
{
	struct hdaemu_event_set s = { .handle = handle, .types = types };

	return ioctl(fd, HDAEMU_IOC_DISABLE_EVENTS, &s);
}

static int set_queue_event(int fd, int efd)
{
	struct hdaemu_queue_event q = { .eventfd = efd };

	return ioctl(fd, HDAEMU_IOC_SET_QUEUE_EVENT, &q);
}

static int queue_status(int fd, struct hdaemu_queue_status *st)
{
	memset(st, 0, sizeof(*st));
	return ioctl(fd, HDAEMU_IOC_GET_QUEUE_STATUS, st);
}

/* Read every waiting record (non-blocking file); returns how many. */
static int drain(int fd, struct hdaemu_event_record *out, int max)
{
	int n = 0;

	while (n < max) {
		ssize_t r = read(fd, &out[n], (size_t)(max - n) * REC);

		if (r < 0)
			break;
		n += r / REC;
	}
	return n;
}

FIXTURE(events) {
	int fd;
	struct hdaemu_engine_alloc a;
	struct hdaemu_buffer_alloc b;
};

FIXTURE_SETUP(events)
{
	struct hdaemu_stream_format f = hdaemu_fmt_default();

	self->fd = open(HDAEMU_DEV, O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (self->fd < 0)
		HDAEMU_SETUP_SKIP("cannot open " HDAEMU_DEV ": %s", strerror(errno));
	ASSERT_OK(hdaemu_alloc_any(self->fd, &f, &self->a));
	/* 48 kHz 16-bit stereo, 10 ms periods; left in Stop, ready to run. */
	ASSERT_OK(hdaemu_alloc_buffer(self->fd, self->a.handle, HDAEMU_BUFFER_NOTIFY, 2, 3840,
				      &self->b));
	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_STOP, self->a.handle, NULL));
}

FIXTURE_TEARDOWN(events)
{
	if (self->fd >= 0)
		close(self->fd);
}

/* Move a stopped engine to Run and back n times (2 records each). */
static int toggle(int fd, __u32 handle, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		if (hdaemu_set_state1(fd, HDAEMU_STATE_RUN, handle, NULL) ||
		    hdaemu_set_state1(fd, HDAEMU_STATE_STOP, handle, NULL))
			return -1;
	}
	return 0;
}

TEST_F(events, read_needs_a_whole_record)
{
	char buf[REC];

	EXPECT_ERR(EINVAL, read(self->fd, buf, REC - 1));
	EXPECT_ERR(EINVAL, read(self->fd, buf, 0));
	EXPECT_ERR(EAGAIN, read(self->fd, buf, REC));
}

TEST_F(events, event_set_checks)
{
	struct hdaemu_event_set s = { .handle = self->a.handle, .types = BIT_EV(30) };

	EXPECT_ERR(EINVAL, ioctl(self->fd, HDAEMU_IOC_ENABLE_EVENTS, &s));
	EXPECT_ERR(EINVAL, enable(self->fd, self->a.handle, BIT_EV(0)));
	EXPECT_ERR(EINVAL, enable(self->fd, self->a.handle, BIT_EV(HDAEMU_EVENT_OVERFLOW)));
	EXPECT_ERR(EINVAL, enable(self->fd, 0, BIT_EV(HDAEMU_EVENT_IOC)));
	EXPECT_ERR(ENOENT, enable(self->fd, HDAEMU_BAD_HANDLE, BIT_EV(HDAEMU_EVENT_IOC)));
	s.types = BIT_EV(HDAEMU_EVENT_IOC);
	s.flags = 1;
	EXPECT_ERR(EINVAL, ioctl(self->fd, HDAEMU_IOC_ENABLE_EVENTS, &s));
	EXPECT_ERR(EINVAL, ioctl(self->fd, HDAEMU_IOC_DISABLE_EVENTS, &s));
	/* Nothing changed: the set is still empty. */
	s.flags = 0;
	s.types = 0;
	ASSERT_OK(ioctl(self->fd, HDAEMU_IOC_ENABLE_EVENTS, &s));
	EXPECT_EQ(0ull, s.enabled);
	s.types = HDAEMU_EVENTS_ENGINE;
	ASSERT_OK(ioctl(self->fd, HDAEMU_IOC_ENABLE_EVENTS, &s));
	EXPECT_EQ(HDAEMU_EVENTS_ENGINE, s.enabled);
	s.types = BIT_EV(HDAEMU_EVENT_LATE);
	ASSERT_OK(ioctl(self->fd, HDAEMU_IOC_DISABLE_EVENTS, &s));
	EXPECT_EQ(HDAEMU_EVENTS_ENGINE & ~BIT_EV(HDAEMU_EVENT_LATE), s.enabled);
}

TEST_F(events, nothing_queued_unless_enabled)
{
	struct hdaemu_queue_status st;

	ASSERT_OK(toggle(self->fd, self->a.handle, 3));
	ASSERT_OK(queue_status(self->fd, &st));
	EXPECT_EQ(0u, st.pending);
	EXPECT_EQ(0ull, st.queued);
	EXPECT_EQ((__u32)HDAEMU_QUEUE_CAPACITY_T, st.capacity);
}

TEST_F(events, state_records_in_order)
{
	struct hdaemu_event_record r[8];
	struct hdaemu_position p;
	__u64 t_run, t_stop;
	int n;

	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_RESET, self->a.handle, NULL));
	ASSERT_OK(enable(self->fd, self->a.handle, BIT_EV(HDAEMU_EVENT_STATE)));
	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_STOP, self->a.handle, NULL));
	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_RUN, self->a.handle, &t_run));
	hdaemu_sleep_ms(30);
	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_STOP, self->a.handle, &t_stop));
	ASSERT_OK(hdaemu_get_position(self->fd, self->a.handle, &p));
	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_RESET, self->a.handle, NULL));

	n = drain(self->fd, r, 8);
	ASSERT_EQ(4, n);
	EXPECT_EQ((__u32)HDAEMU_STATE_RESET, r[0].state.from);
	EXPECT_EQ((__u32)HDAEMU_STATE_STOP, r[0].state.to);
	EXPECT_EQ((__u32)HDAEMU_STATE_RUN, r[1].state.to);
	EXPECT_EQ(t_run, r[1].timestamp_ns);
	EXPECT_EQ((__u32)HDAEMU_STATE_RUN, r[2].state.from);
	EXPECT_EQ((__u32)HDAEMU_STATE_STOP, r[2].state.to);
	EXPECT_EQ(t_stop, r[2].timestamp_ns);
	EXPECT_EQ(p.bytes, r[2].state.bytes);
	EXPECT_EQ((__u32)HDAEMU_STATE_RESET, r[3].state.to);
	EXPECT_EQ(p.bytes, r[3].state.bytes) TH_LOG("Reset reports the count it ends");
	for (int i = 0; i < n; i++) {
		EXPECT_EQ((__u32)HDAEMU_EVENT_STATE, r[i].type);
		EXPECT_EQ(self->a.handle, r[i].handle);
		EXPECT_EQ((__u64)i + 1, r[i].sequence);
	}
}

TEST_F_TIMEOUT(events, ioc_records_complete, 60)
{
	struct hdaemu_event_record r[256];
	struct hdaemu_position p;
	__u64 iocs = 0, last_seq = 0, last_due = 0;
	__u32 period = self->b.allocated_bytes / 2;
	int n, i;

	ASSERT_OK(enable(self->fd, self->a.handle, BIT_EV(HDAEMU_EVENT_IOC)));
	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_STOP, self->a.handle, NULL));
	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_RUN, self->a.handle, NULL));
	hdaemu_sleep_ms(300);
	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_STOP, self->a.handle, NULL));
	ASSERT_OK(hdaemu_get_position(self->fd, self->a.handle, &p));

	n = drain(self->fd, r, 256);
	ASSERT_LT(0, n);
	for (i = 0; i < n; i++) {
		ASSERT_EQ((__u32)HDAEMU_EVENT_IOC, r[i].type);
		EXPECT_EQ((__u64)i + 1, r[i].sequence);
		EXPECT_EQ(last_seq + r[i].ioc.count, r[i].ioc.sequence)
			TH_LOG("record %d: IOC %llu after %llu, count %u", i,
			       (unsigned long long)r[i].ioc.sequence,
			       (unsigned long long)last_seq, r[i].ioc.count);
		EXPECT_EQ((r[i].ioc.sequence * period) % self->b.allocated_bytes,
			  (__u64)r[i].ioc.link_position);
		EXPECT_LT(last_due, r[i].timestamp_ns);
		EXPECT_LE(r[i].timestamp_ns, r[i].ioc.interrupt_ns);
		last_seq = r[i].ioc.sequence;
		last_due = r[i].timestamp_ns;
		iocs += r[i].ioc.count;
	}
	/* Every IOC the engine raised is in the records, none twice. */
	EXPECT_EQ(p.ioc_count, iocs);
	EXPECT_GE(1ull, p.bytes / period - p.ioc_count);
}

TEST_F(events, overflow_is_counted_exactly)
{
	struct hdaemu_event_record r[300];
	struct hdaemu_queue_status st;
	int n, i;

	ASSERT_OK(enable(self->fd, self->a.handle, BIT_EV(HDAEMU_EVENT_STATE)));
	/* 300 records into a queue of 256: 255 kept, 45 dropped. */
	ASSERT_OK(toggle(self->fd, self->a.handle, 150));
	ASSERT_OK(queue_status(self->fd, &st));
	EXPECT_EQ(256u, st.pending);
	EXPECT_EQ(300ull, st.queued);
	EXPECT_EQ(45ull, st.dropped);

	n = drain(self->fd, r, 300);
	ASSERT_EQ(256, n);
	for (i = 0; i < 255; i++) {
		EXPECT_EQ((__u32)HDAEMU_EVENT_STATE, r[i].type);
		EXPECT_EQ((__u64)i + 1, r[i].sequence);
	}
	EXPECT_EQ((__u32)HDAEMU_EVENT_OVERFLOW, r[255].type);
	EXPECT_EQ(0u, r[255].handle);
	EXPECT_EQ(256ull, r[255].sequence);
	EXPECT_EQ(45ull, r[255].overflow.dropped);
	EXPECT_EQ(45u, r[255].overflow.dropped_by_type[HDAEMU_EVENT_STATE]);
	EXPECT_EQ(0u, r[255].overflow.dropped_by_type[HDAEMU_EVENT_IOC]);

	/* Room again: records resume, numbered after the dropped ones. */
	ASSERT_OK(toggle(self->fd, self->a.handle, 1));
	n = drain(self->fd, r, 300);
	ASSERT_EQ(2, n);
	EXPECT_EQ(301ull, r[0].sequence);
	EXPECT_EQ((__u32)HDAEMU_EVENT_STATE, r[0].type);
}

TEST_F(events, overflow_then_partial_read_queues_again)
{
	struct hdaemu_event_record r[300];
	struct hdaemu_queue_status st;
	int n;

	ASSERT_OK(enable(self->fd, self->a.handle, BIT_EV(HDAEMU_EVENT_STATE)));
	/* 260 records: 255 kept, then the overflow record counts 256..260. */
	ASSERT_OK(toggle(self->fd, self->a.handle, 130));
	ASSERT_EQ((ssize_t)(10 * REC), read(self->fd, r, 10 * REC));
	/* Room for 9 ordinary records now: 4 more are kept, after it. */
	ASSERT_OK(toggle(self->fd, self->a.handle, 2));
	ASSERT_OK(queue_status(self->fd, &st));
	EXPECT_EQ(5ull, st.dropped);
	EXPECT_EQ(250u, st.pending);
	n = drain(self->fd, r, 300);
	ASSERT_EQ(250, n);
	EXPECT_EQ(11ull, r[0].sequence);
	EXPECT_EQ(255ull, r[244].sequence);
	EXPECT_EQ((__u32)HDAEMU_EVENT_OVERFLOW, r[245].type);
	EXPECT_EQ(256ull, r[245].sequence);
	EXPECT_EQ(5ull, r[245].overflow.dropped);
	EXPECT_EQ(261ull, r[246].sequence);
	EXPECT_EQ(264ull, r[249].sequence);
}

TEST_F(events, disable_drops_pending_of_that_type)
{
	struct hdaemu_event_record r[16];
	struct hdaemu_queue_status st;
	int n, i;

	ASSERT_OK(enable(self->fd, self->a.handle,
			 BIT_EV(HDAEMU_EVENT_STATE) | BIT_EV(HDAEMU_EVENT_IOC)));
	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_STOP, self->a.handle, NULL));
	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_RUN, self->a.handle, NULL));
	hdaemu_sleep_ms(60);
	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_STOP, self->a.handle, NULL));
	ASSERT_OK(disable(self->fd, self->a.handle, BIT_EV(HDAEMU_EVENT_STATE)));
	ASSERT_OK(queue_status(self->fd, &st));
	n = drain(self->fd, r, 16);
	EXPECT_EQ((int)st.pending, n);
	ASSERT_LT(0, n);
	for (i = 0; i < n; i++)
		EXPECT_EQ((__u32)HDAEMU_EVENT_IOC, r[i].type);
	/* And none is queued any more. */
	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_RESET, self->a.handle, NULL));
	EXPECT_ERR(EAGAIN, read(self->fd, r, REC));
}

TEST_F(events, poll_reports_records)
{
	struct pollfd pfd = { .fd = self->fd, .events = POLLIN };
	struct hdaemu_event_record r;

	EXPECT_EQ(0, poll(&pfd, 1, 0));
	ASSERT_OK(enable(self->fd, self->a.handle, BIT_EV(HDAEMU_EVENT_STATE)));
	ASSERT_OK(toggle(self->fd, self->a.handle, 1));
	EXPECT_EQ(1, poll(&pfd, 1, 0));
	EXPECT_TRUE(pfd.revents & POLLIN);
	ASSERT_EQ((ssize_t)REC, read(self->fd, &r, REC));
	EXPECT_EQ(1, poll(&pfd, 1, 0)) TH_LOG("one record still waits");
	ASSERT_EQ((ssize_t)REC, read(self->fd, &r, REC));
	EXPECT_EQ(0, poll(&pfd, 1, 0));
}

TEST_F(events, queue_event_only_on_empty_to_not_empty)
{
	struct hdaemu_event_record r[8];
	struct hdaemu_queue_status st;
	int efd = hdaemu_eventfd();

	ASSERT_LE(0, efd);
	ASSERT_OK(enable(self->fd, self->a.handle, BIT_EV(HDAEMU_EVENT_STATE)));
	ASSERT_OK(set_queue_event(self->fd, efd));
	ASSERT_OK(toggle(self->fd, self->a.handle, 2));		/* 4 records */
	EXPECT_EQ(1ull, hdaemu_eventfd_take(efd)) TH_LOG("one signal for 4 records");
	ASSERT_OK(toggle(self->fd, self->a.handle, 1));		/* not empty: none */
	EXPECT_EQ(0ull, hdaemu_eventfd_take(efd));
	EXPECT_EQ(6, drain(self->fd, r, 8));
	ASSERT_OK(toggle(self->fd, self->a.handle, 1));		/* empty again: one */
	EXPECT_EQ(1ull, hdaemu_eventfd_take(efd));
	ASSERT_OK(queue_status(self->fd, &st));
	EXPECT_EQ(2ull, st.signals);
	close(efd);
}

TEST_F(events, queue_event_replace_and_clear)
{
	struct hdaemu_event_record r[8];
	int e1 = hdaemu_eventfd(), e2 = hdaemu_eventfd();

	ASSERT_LE(0, e1);
	ASSERT_LE(0, e2);
	ASSERT_OK(enable(self->fd, self->a.handle, BIT_EV(HDAEMU_EVENT_STATE)));
	ASSERT_OK(set_queue_event(self->fd, e1));
	ASSERT_OK(set_queue_event(self->fd, e2));
	ASSERT_OK(toggle(self->fd, self->a.handle, 1));
	EXPECT_EQ(0ull, hdaemu_eventfd_take(e1)) TH_LOG("the replaced eventfd fired");
	EXPECT_EQ(1ull, hdaemu_eventfd_take(e2));
	drain(self->fd, r, 8);
	ASSERT_OK(set_queue_event(self->fd, -1));
	ASSERT_OK(toggle(self->fd, self->a.handle, 1));
	EXPECT_EQ(0ull, hdaemu_eventfd_take(e2)) TH_LOG("the cleared eventfd fired");
	/* An eventfd closed after being set keeps working until replaced. */
	drain(self->fd, r, 8);
	ASSERT_OK(set_queue_event(self->fd, e1));
	close(e1);
	ASSERT_OK(toggle(self->fd, self->a.handle, 1));
	close(e2);
}

TEST_F(events, queue_event_bad_descriptors)
{
	struct hdaemu_queue_event q = { .eventfd = -1, .flags = 1 };
	struct hdaemu_event_record r[4];
	int efd = hdaemu_eventfd();

	ASSERT_LE(0, efd);
	ASSERT_OK(set_queue_event(self->fd, efd));
	EXPECT_ERR(EINVAL, ioctl(self->fd, HDAEMU_IOC_SET_QUEUE_EVENT, &q));
	EXPECT_ERR(EBADF, set_queue_event(self->fd, 1000));
	EXPECT_ERR(EBADF, set_queue_event(self->fd, -2));
	/* The device itself is open but not an eventfd. */
	EXPECT_ERR(EINVAL, set_queue_event(self->fd, self->fd));
	/* None of that cleared or replaced the one set. */
	ASSERT_OK(enable(self->fd, self->a.handle, BIT_EV(HDAEMU_EVENT_STATE)));
	ASSERT_OK(toggle(self->fd, self->a.handle, 1));
	EXPECT_EQ(1ull, hdaemu_eventfd_take(efd));
	drain(self->fd, r, 4);
	close(efd);
}

/* A producer thread makes records at its own pace; see the consumer. */
struct producer {
	int fd;
	__u32 handle;
	int rounds;
	int failed;
};

static void *produce(void *arg)
{
	struct producer *p = arg;
	int i;

	for (i = 0; i < p->rounds; i++) {
		if (toggle(p->fd, p->handle, 1))
			p->failed = 1;
		if (i % 7 == 0)
			hdaemu_sleep_ms(2);
	}
	return NULL;
}

/*
 * The consumer's duty: take the queue event (read the eventfd, which resets
 * it), read records until the queue is empty, then wait for the queue event
 * again. Doing so it never misses a record and never sleeps while a record
 * waits: a record that comes after the last empty read finds the queue
 * empty and signals.
 */
TEST_F_TIMEOUT(events, consumer_loop_never_misses, 120)
{
	struct producer prod = { .fd = self->fd, .handle = self->a.handle, .rounds = 200 };
	struct hdaemu_event_record r[32];
	struct hdaemu_queue_status st;
	struct pollfd pfd;
	__u64 expect = 1, got = 0;
	int efd = hdaemu_eventfd(), n, i;
	pthread_t t;

	ASSERT_LE(0, efd);
	ASSERT_OK(enable(self->fd, self->a.handle, BIT_EV(HDAEMU_EVENT_STATE)));
	ASSERT_OK(set_queue_event(self->fd, efd));
	ASSERT_EQ(0, pthread_create(&t, NULL, produce, &prod));
	while (got < 400) {
		/* Take the event, then drain until empty. */
		hdaemu_eventfd_take(efd);
		while ((n = drain(self->fd, r, 32)) > 0) {
			for (i = 0; i < n; i++) {
				ASSERT_EQ((__u32)HDAEMU_EVENT_STATE, r[i].type);
				ASSERT_EQ(expect, r[i].sequence) TH_LOG("a record missed");
				expect++;
			}
			got += n;
		}
		if (got >= 400)
			break;
		/* Then wait for the queue event. */
		pfd = (struct pollfd){ .fd = efd, .events = POLLIN };
		if (poll(&pfd, 1, 5000) == 0) {
			ASSERT_OK(queue_status(self->fd, &st));
			ASSERT_EQ(0u, st.pending) TH_LOG("slept 5 s with records waiting");
			break;
		}
	}
	pthread_join(t, NULL);
	EXPECT_EQ(0, prod.failed);
	EXPECT_EQ(400ull, got);
	ASSERT_OK(queue_status(self->fd, &st));
	EXPECT_EQ(0ull, st.dropped);
	close(efd);
}

TEST_F_TIMEOUT(events, many_engines_fast_iocs, 60)
{
	struct hdaemu_stream_format f = hdaemu_fmt_default();
	struct hdaemu_engine_alloc a[4];
	struct hdaemu_buffer_alloc b;
	struct hdaemu_event_record r[64];
	struct hdaemu_position p;
	struct hdaemu_queue_status st;
	__u64 per[4] = { 0 }, last[4] = { 0 }, expect = 1;
	__u32 handles[4];
	__u64 deadline;
	int n, i, k, engines = 0;

	/* Up to four more engines with 2 ms periods besides the fixture's. */
	for (k = 0; k < 4; k++) {
		if (hdaemu_alloc_any(self->fd, &f, &a[k]))
			break;
		ASSERT_OK(hdaemu_alloc_buffer(self->fd, a[k].handle, HDAEMU_BUFFER_NOTIFY, 2,
					      768, &b));
		ASSERT_EQ(768ull, b.allocated_bytes);
		ASSERT_OK(enable(self->fd, a[k].handle, BIT_EV(HDAEMU_EVENT_IOC)));
		handles[k] = a[k].handle;
		engines++;
	}
	if (engines < 2)
		SKIP(return, "fewer than two more engines free");
	ASSERT_OK(hdaemu_set_state(self->fd, HDAEMU_STATE_STOP, handles, engines, NULL));
	ASSERT_OK(hdaemu_set_state(self->fd, HDAEMU_STATE_RUN, handles, engines, NULL));
	deadline = hdaemu_now_ns() + 300000000ull;
	while (hdaemu_now_ns() < deadline) {
		n = drain(self->fd, r, 64);
		for (i = 0; i < n; i++) {
			ASSERT_EQ(expect++, r[i].sequence);
			ASSERT_EQ((__u32)HDAEMU_EVENT_IOC, r[i].type);
			for (k = 0; k < engines; k++)
				if (r[i].handle == handles[k])
					break;
			ASSERT_LT(k, engines);
			ASSERT_EQ(last[k] + r[i].ioc.count, r[i].ioc.sequence);
			last[k] = r[i].ioc.sequence;
			per[k] += r[i].ioc.count;
		}
		hdaemu_sleep_ms(5);
	}
	ASSERT_OK(hdaemu_set_state(self->fd, HDAEMU_STATE_STOP, handles, engines, NULL));
	n = drain(self->fd, r, 64);
	for (i = 0; i < n; i++) {
		for (k = 0; k < engines; k++)
			if (r[i].handle == handles[k])
				break;
		ASSERT_LT(k, engines);
		per[k] += r[i].ioc.count;
	}
	ASSERT_OK(queue_status(self->fd, &st));
	EXPECT_EQ(0ull, st.dropped);
	for (k = 0; k < engines; k++) {
		ASSERT_OK(hdaemu_get_position(self->fd, handles[k], &p));
		EXPECT_EQ(p.ioc_count, per[k]) TH_LOG("engine %d", k);
		EXPECT_LT(100ull, p.ioc_count);
	}
}

TEST_F_TIMEOUT(events, engine_stats, 60)
{
	struct hdaemu_engine_stats s = { .handle = self->a.handle };
	struct hdaemu_position p;

	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_STOP, self->a.handle, NULL));
	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_RUN, self->a.handle, NULL));
	hdaemu_sleep_ms(100);
	ASSERT_OK(hdaemu_set_state1(self->fd, HDAEMU_STATE_STOP, self->a.handle, NULL));
	ASSERT_OK(hdaemu_get_position(self->fd, self->a.handle, &p));
	ASSERT_OK(ioctl(self->fd, HDAEMU_IOC_GET_ENGINE_STATS, &s));
	EXPECT_EQ(p.ioc_count, s.iocs);
	EXPECT_LE(1ull, s.interrupts);
	EXPECT_EQ(s.iocs, s.interrupts + s.missed);
	EXPECT_LE(s.late_interrupts, s.missed);
	EXPECT_LE(s.late_mean_ns, s.late_max_ns);
	EXPECT_LE(s.late_last_ns, s.late_max_ns);
	s.handle = HDAEMU_BAD_HANDLE;
	EXPECT_ERR(ENOENT, ioctl(self->fd, HDAEMU_IOC_GET_ENGINE_STATS, &s));
	s.handle = self->a.handle;
	s.flags = 1;
	EXPECT_ERR(EINVAL, ioctl(self->fd, HDAEMU_IOC_GET_ENGINE_STATS, &s));
	s.flags = 0;
	/* The interrupt's time is counted, and is less than the run's. */
	ASSERT_EQ(0, ioctl(self->fd, HDAEMU_IOC_GET_ENGINE_STATS, &s));
	EXPECT_GT(s.busy_ns, 0);
}

TEST(foreign_engine_events)
{
	struct hdaemu_stream_format f = hdaemu_fmt_default();
	struct hdaemu_engine_alloc a;
	int fd1 = hdaemu_open(), fd2 = hdaemu_open();

	if (fd1 < 0 || fd2 < 0)
		SKIP(return, "cannot open " HDAEMU_DEV);
	ASSERT_OK(hdaemu_alloc_any(fd1, &f, &a));
	EXPECT_ERR(ENOENT, enable(fd2, a.handle, BIT_EV(HDAEMU_EVENT_IOC)));
	EXPECT_ERR(ENOENT, disable(fd2, a.handle, BIT_EV(HDAEMU_EVENT_IOC)));
	close(fd1);
	close(fd2);
}

TEST_HARNESS_MAIN
