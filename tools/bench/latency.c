// SPDX-License-Identifier: GPL-2.0
/*
 * hdaemu-bench, items 1 and 2: IOC accuracy in the kernel and wake-up
 * latency to userspace, against baselines, in one run.
 *
 * Four contenders wait at the same time, each in its own thread, each on a
 * periodic grid of absolute due times with the same period, at a quarter
 * period from each other so that no two fire in the same timer interrupt
 * and machine noise, which lasts far longer than a period, hits all alike:
 *
 *   eventfd   an hdaemu engine's IOC eventfd, waited for with epoll
 *   queue     another engine's IOC records on its file's event queue, poll
 *   timerfd   a one-shot timerfd re-armed at each due time of the same
 *             formula, t0 + ceil(n * period_frames * 1e9 / rate), epoll
 *   snd-dummy a capture stream of ALSA's dummy card (hrtimer), poll
 *
 * A sample is the time from a due time to the return of the wait, taken
 * before anything else is done; a wake-up that finds several periods
 * (a late one) counts once, against the oldest. The in-kernel lateness of
 * each hdaemu IOC is the queue record's interrupt_ns - timestamp_ns (its
 * due time), of both engines. The period, 96 frames at 44.1 kHz (2.177 ms),
 * does not divide the kernel tick, so the contenders' phases against the
 * tick sweep instead of staying put.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <sched.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include "bench.h"

#define LAT_RATE		44100
#define LAT_PERIOD_FRAMES	96

enum { C_EVENTFD, C_QUEUE, C_TIMERFD, C_DUMMY, C_NUM };

struct contender {
	const char *name;	/* short, for the CSV and the plot */
	const char *label;	/* for people */
	bool active;
	uint64_t t0;		/* the grid's anchor */
	uint64_t fixed_ns;	/* snd-dummy: due(n) = t0 + n * fixed_ns */
	uint64_t seen;		/* periods delivered so far */
	uint64_t wakes, batched, spurious, errors, dropped, xruns;
	uint64_t start_shift, starts;	/* snd-dummy: trigger stamp - start estimate */
	struct samples wake;
	struct samples irq;	/* hdaemu: in-kernel lateness of each IOC */
	struct samples rel;	/* snd-dummy: wake - n * period, start not known yet */
	struct hda *h;
	struct hda_engine *e;
	int efd;
	struct dummy_pcm *pcm;
	pthread_t thread;
};

static struct {
	struct contender c[C_NUM];
	pthread_barrier_t go;
	int stop;
	uint64_t warm_end;
	bool rt;
} L;

static uint64_t due_of(const struct contender *c, uint64_t n)
{
	if (c->fixed_ns)
		return c->t0 + n * c->fixed_ns;
	return due_after(c->t0, n * LAT_PERIOD_FRAMES, LAT_RATE);
}

/* A wake-up at @t delivering the periods after c->seen. */
static void wake_sample(struct contender *c, uint64_t t)
{
	uint64_t due = due_of(c, c->seen + 1);

	c->wakes++;
	if (due >= L.warm_end)
		samples_add(&c->wake, (int64_t)(t - due));
}

/*
 * Read an hdaemu file's records: check each IOC's due time against the
 * grid, keep its in-kernel lateness. Return the newest IOC sequence read
 * (0 if none) and set *iocs to the records' total IOC count.
 */
static uint64_t drain_queue(struct contender *c, uint64_t *iocs, int *records)
{
	struct hdaemu_event_record r[16];
	uint64_t newest = 0;
	ssize_t n;
	int i;

	*iocs = 0;
	*records = 0;
	while ((n = read(c->h->fd, r, sizeof(r))) > 0) {
		for (i = 0; i < n / (ssize_t)sizeof(r[0]); i++) {
			if (r[i].type == HDAEMU_EVENT_OVERFLOW) {
				c->dropped += r[i].overflow.dropped;
				continue;
			}
			if (r[i].type != HDAEMU_EVENT_IOC)
				continue;
			if (r[i].timestamp_ns != due_of(c, r[i].ioc.sequence))
				c->errors++;
			if (r[i].timestamp_ns >= L.warm_end) {
				uint64_t oldest = due_of(c, r[i].ioc.sequence - r[i].ioc.count + 1);

				samples_add(&c->irq, (int64_t)(r[i].ioc.interrupt_ns - oldest));
			}
			newest = r[i].ioc.sequence;
			*iocs += r[i].ioc.count;
			(*records)++;
		}
	}
	return newest;
}

static void *run_eventfd(void *arg)
{
	struct contender *c = arg;
	struct epoll_event ev = { .events = EPOLLIN };
	uint64_t t, v, iocs;
	int epfd, n, records;

	set_rt(L.rt, 50);
	epfd = epoll_create1(EPOLL_CLOEXEC);
	if (epfd < 0 || epoll_ctl(epfd, EPOLL_CTL_ADD, c->efd, &ev) < 0) {
		say("eventfd contender: epoll: %s", strerror(errno));
		c->errors++;
	}
	pthread_barrier_wait(&L.go);
	while (!__atomic_load_n(&L.stop, __ATOMIC_RELAXED) && epfd >= 0) {
		n = epoll_wait(epfd, &ev, 1, 100);
		t = now_ns();
		if (n <= 0)
			continue;
		if (read(c->efd, &v, sizeof(v)) != sizeof(v) || !v) {
			c->spurious++;
			continue;
		}
		wake_sample(c, t);
		if (v > 1)
			c->batched++;
		c->seen += v;
		/* The in-kernel lateness, from this engine's records. */
		drain_queue(c, &iocs, &records);
	}
	drain_queue(c, &iocs, &records);
	if (epfd >= 0)
		close(epfd);
	return NULL;
}

static void *run_queue(void *arg)
{
	struct contender *c = arg;
	struct pollfd pfd = { .fd = c->h->fd, .events = POLLIN };
	uint64_t t, newest, iocs;
	int records;

	set_rt(L.rt, 50);
	pthread_barrier_wait(&L.go);
	while (!__atomic_load_n(&L.stop, __ATOMIC_RELAXED)) {
		if (poll(&pfd, 1, 100) <= 0)
			continue;
		t = now_ns();
		newest = drain_queue(c, &iocs, &records);
		if (!newest) {
			c->spurious++;
			continue;
		}
		wake_sample(c, t);
		if (records > 1 || iocs > 1)
			c->batched++;
		c->seen = newest;
	}
	return NULL;
}

static int arm_abs(int tfd, uint64_t t)
{
	struct itimerspec its = {
		.it_value = { .tv_sec = t / NSEC_PER_SEC, .tv_nsec = t % NSEC_PER_SEC },
	};

	return timerfd_settime(tfd, TFD_TIMER_ABSTIME, &its, NULL);
}

static void *run_timerfd(void *arg)
{
	struct contender *c = arg;
	struct epoll_event ev = { .events = EPOLLIN };
	uint64_t t, v, next = 1;
	int tfd, epfd, n;

	set_rt(L.rt, 50);
	tfd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
	epfd = epoll_create1(EPOLL_CLOEXEC);
	if (tfd < 0 || epfd < 0 || epoll_ctl(epfd, EPOLL_CTL_ADD, tfd, &ev) < 0) {
		say("timerfd contender: %s", strerror(errno));
		c->errors++;
		pthread_barrier_wait(&L.go);
		return NULL;
	}
	pthread_barrier_wait(&L.go);
	/* The first due time still ahead. */
	while (due_of(c, next) <= now_ns())
		next++;
	c->seen = next - 1;
	arm_abs(tfd, due_of(c, next));
	while (!__atomic_load_n(&L.stop, __ATOMIC_RELAXED)) {
		n = epoll_wait(epfd, &ev, 1, 100);
		t = now_ns();
		if (n <= 0)
			continue;
		if (read(tfd, &v, sizeof(v)) != sizeof(v)) {
			c->spurious++;
			continue;
		}
		wake_sample(c, t);
		c->seen = next++;
		/*
		 * Periods that fell due while this thread was late belong to
		 * this wake-up, as an eventfd's count would have them.
		 */
		if (due_of(c, next) <= now_ns()) {
			c->batched++;
			while (due_of(c, next) <= now_ns())
				c->seen = next++;
		}
		arm_abs(tfd, due_of(c, next));
	}
	close(epfd);
	close(tfd);
	return NULL;
}

/* The start instant as the status pairs tell it: the samples so far. */
static void dummy_settle(struct contender *c)
{
	uint64_t start = dummy_start_estimate(c->pcm);
	size_t i;

	for (i = 0; i < c->rel.n; i++)
		samples_add(&c->wake, c->rel.v[i] - (int64_t)start);
	c->rel.n = 0;
	c->start_shift += c->pcm->t0 - start;
	c->starts++;
}

static void *run_dummy(void *arg)
{
	struct contender *c = arg;
	struct pollfd pfd = { .fd = c->pcm->fd, .events = POLLIN };
	uint64_t t;
	long k;

	set_rt(L.rt, 50);
	pthread_barrier_wait(&L.go);
	while (!__atomic_load_n(&L.stop, __ATOMIC_RELAXED)) {
		if (poll(&pfd, 1, 100) <= 0)
			continue;
		t = now_ns();
		k = dummy_take_periods(c->pcm);
		if (k == -EPIPE) {
			/* An overrun stops the stream: start again, new grid. */
			c->xruns++;
			dummy_settle(c);
			if (dummy_restart(c->pcm) < 0)
				break;
			c->t0 = c->pcm->t0;
			c->seen = 0;
			continue;
		}
		if (k <= 0) {
			c->spurious++;
			continue;
		}
		/* As wake_sample(), the start instant left out until it is known. */
		c->wakes++;
		if (due_of(c, c->seen + 1) >= L.warm_end)
			samples_add(&c->rel, (int64_t)(t - (c->seen + 1) * c->fixed_ns));
		if (k > 1)
			c->batched++;
		c->seen += k;
	}
	dummy_settle(c);
	return NULL;
}

static void report_row(const char *label, struct samples *s, uint64_t batched, bool batched_known)
{
	char q[4][24], mean[24], b[24];

	fmt_ns(q[0], sizeof(q[0]), (double)samples_quantile(s, 0.5));
	fmt_ns(q[1], sizeof(q[1]), (double)samples_quantile(s, 0.99));
	fmt_ns(q[2], sizeof(q[2]), (double)samples_quantile(s, 0.999));
	fmt_ns(q[3], sizeof(q[3]), (double)samples_quantile(s, 1.0));
	fmt_ns(mean, sizeof(mean), samples_mean(s));
	if (batched_known)
		snprintf(b, sizeof(b), "%llu", (unsigned long long)batched);
	else
		snprintf(b, sizeof(b), "-");
	out_md("| %s | %zu | %s | %s | %s | %s | %s | %s |", label, s->n, q[0], q[1], q[2], q[3],
	       mean, b);
}

static void report_csv(const char *subject, const char *config, struct samples *s)
{
	out_csv("latency", subject, config, "samples", (double)s->n, "count");
	out_csv("latency", subject, config, "p50", (double)samples_quantile(s, 0.5), "ns");
	out_csv("latency", subject, config, "p99", (double)samples_quantile(s, 0.99), "ns");
	out_csv("latency", subject, config, "p99.9", (double)samples_quantile(s, 0.999), "ns");
	out_csv("latency", subject, config, "max", (double)samples_quantile(s, 1.0), "ns");
	out_csv("latency", subject, config, "mean", samples_mean(s), "ns");
}

static void report_ratio(const char *label, const char *subject, const char *config,
			 struct samples *a, struct samples *b)
{
	static const double qs[] = { 0.5, 0.99, 0.999, 1.0 };
	static const char *const names[] = { "p50", "p99", "p99.9", "max" };
	char r[4][16];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(qs); i++) {
		double x = (double)samples_quantile(a, qs[i]);
		double y = (double)samples_quantile(b, qs[i]);

		fmt_ratio(r[i], sizeof(r[i]), x, y);
		if (y > 0)
			out_csv("latency-ratio", subject, config, names[i], x / y, "x");
	}
	out_md("| %s | %s | %s | %s | %s |", label, r[0], r[1], r[2], r[3]);
}

static int setup_engine(struct hda *h, struct hda_engine *e, bool events)
{
	int ret;

	ret = hda_open(h, true);
	if (ret) {
		say("open /dev/hdaemu: %s", strerror(-ret));
		return ret;
	}
	ret = hda_engine_alloc_any(h, e, LAT_RATE, 2, 16, 16);
	if (!ret)
		ret = hda_buffer_notify(h, e, LAT_PERIOD_FRAMES);
	if (!ret && events)
		ret = hda_enable_events(h, e, 1ull << HDAEMU_EVENT_IOC);
	if (!ret)
		ret = hda_set_state1(h, e, HDAEMU_STATE_STOP, NULL);
	if (ret)
		say("latency: engine setup: %s", strerror(-ret));
	return ret;
}

int phase_latency(const struct bench_opts *o)
{
	static void *(*const fns[C_NUM])(void *) = {
		run_eventfd, run_queue, run_timerfd, run_dummy,
	};
	struct contender *c = L.c;
	struct hda ha, hb;
	struct hda_engine ea, eb;
	struct dummy_pcm pcm;
	struct hdaemu_engine_stats sa, sb;
	uint64_t period = due_after(0, LAT_PERIOD_FRAMES, LAT_RATE);
	uint64_t ta, tb, t;
	char config[64], pbuf[24];
	int i, nthreads = 0, ret, fail = 0, cpu = -1;
	char cpubuf[48] = "";
	struct samples kernel = { 0 };
	cpu_set_t saved, one;
	bool pinned;

	memset(&L, 0, sizeof(L));
	L.rt = o->rt;
	c[C_EVENTFD] = (struct contender){ .name = "eventfd",
		.label = "hdaemu IOC eventfd, epoll" };
	c[C_QUEUE] = (struct contender){ .name = "queue",
		.label = "hdaemu event queue, poll + read" };
	c[C_TIMERFD] = (struct contender){ .name = "timerfd",
		.label = "baseline: timerfd (absolute), epoll" };
	c[C_DUMMY] = (struct contender){ .name = "snd-dummy",
		.label = "baseline: snd-dummy capture period, poll" };
	snprintf(config, sizeof(config), "period=%lluns", (unsigned long long)period);

	if (setup_engine(&ha, &ea, true) || setup_engine(&hb, &eb, true))
		return 1;
	c[C_EVENTFD].efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (c[C_EVENTFD].efd < 0 || hda_register(&ha, &ea, c[C_EVENTFD].efd)) {
		say("latency: eventfd registration failed");
		return 1;
	}
	c[C_EVENTFD].h = &ha;
	c[C_EVENTFD].e = &ea;
	c[C_QUEUE].h = &hb;
	c[C_QUEUE].e = &eb;
	c[C_EVENTFD].active = c[C_QUEUE].active = c[C_TIMERFD].active = true;

	if (o->dummy) {
		ret = dummy_open(&pcm, o->dummy_dev, LAT_RATE, LAT_PERIOD_FRAMES, 128);
		if (ret) {
			say("snd-dummy: %s: %s%s", o->dummy_dev, strerror(-ret),
			    o->dummy < 0 ? " (no snd-dummy baseline)" : "");
			if (o->dummy > 0)
				return 1;
		} else {
			c[C_DUMMY].active = true;
			c[C_DUMMY].pcm = &pcm;
			c[C_DUMMY].fixed_ns = pcm.period_ns;
		}
	}

	for (i = 0; i < C_NUM; i++)
		nthreads += c[i].active;
	/*
	 * Every waiting thread and every timer on one CPU, the last: a timer
	 * fires on the CPU that armed it (SET_STATE's, START's, the timerfd
	 * thread's), and a wake-up across CPUs costs an interrupt that a
	 * local one does not. The threads inherit this thread's affinity.
	 */
	pinned = sched_getaffinity(0, sizeof(saved), &saved) == 0 && CPU_COUNT(&saved) > 1;
	if (pinned) {
		CPU_ZERO(&one);
		for (i = CPU_SETSIZE - 1; i >= 0; i--)
			if (CPU_ISSET(i, &saved))
				break;
		CPU_SET(i, &one);
		pinned = sched_setaffinity(0, sizeof(one), &one) == 0;
		cpu = i;
	}
	if (pinned)
		snprintf(cpubuf, sizeof(cpubuf), ", threads and timers on CPU %d", cpu);
	pthread_barrier_init(&L.go, NULL, nthreads + 1);
	for (i = 0; i < C_NUM; i++)
		if (c[i].active && pthread_create(&c[i].thread, NULL, fns[i], &c[i])) {
			say("latency: pthread_create failed");
			exit(1);
		}

	fmt_ns(pbuf, sizeof(pbuf), (double)period);
	say("latency: %d contenders, period %s, %.1f s", nthreads, pbuf, o->latency_s);
	/* Quarter-period phases: eventfd 0, queue 1/4, timerfd 1/2, snd-dummy 3/4. */
	if (hda_set_state1(&ha, &ea, HDAEMU_STATE_RUN, &ta))
		fail = 1;
	c[C_EVENTFD].t0 = ta;
	sleep_until(ta + period / 4);
	if (hda_set_state1(&hb, &eb, HDAEMU_STATE_RUN, &tb))
		fail = 1;
	c[C_QUEUE].t0 = tb;
	c[C_TIMERFD].t0 = ta + period / 2;
	if (c[C_DUMMY].active) {
		sleep_until(ta + period * 3 / 4);
		if (dummy_start(&pcm)) {
			say("snd-dummy: start failed");
			fail = 1;
		}
		c[C_DUMMY].t0 = pcm.t0;
	}
	/* The first periods belong to the start, not to the measurement. */
	L.warm_end = now_ns() + (o->smoke ? 50 : 300) * NSEC_PER_MSEC;
	pthread_barrier_wait(&L.go);
	t = now_ns();
	sleep_until(t + (uint64_t)(o->latency_s * 1e9));
	__atomic_store_n(&L.stop, 1, __ATOMIC_RELAXED);
	for (i = 0; i < C_NUM; i++)
		if (c[i].active)
			pthread_join(c[i].thread, NULL);
	hda_set_state1(&ha, &ea, HDAEMU_STATE_STOP, NULL);
	hda_set_state1(&hb, &eb, HDAEMU_STATE_STOP, NULL);
	if (pinned)
		sched_setaffinity(0, sizeof(saved), &saved);
	if (hda_stats(&ha, &ea, &sa) || hda_stats(&hb, &eb, &sb)) {
		say("latency: GET_ENGINE_STATS: %s", strerror(errno));
		memset(&sa, 0, sizeof(sa));
		memset(&sb, 0, sizeof(sb));
	}

	for (i = 0; i < 2; i++) {
		size_t k;

		for (k = 0; k < c[i].irq.n; k++)
			samples_add(&kernel, c[i].irq.v[k]);
	}

	out_md("## IOC accuracy and wake-up latency");
	out_md("%s", "");
	out_md("Period %u frames at %u Hz (%s); %d contenders waiting at once, a quarter "
	       "period apart; %.1f s%s%s. Lateness from each due time; a wake-up that finds "
	       "several periods counts once, against the oldest (\"batched\").",
	       LAT_PERIOD_FRAMES, LAT_RATE, pbuf, nthreads, o->latency_s,
	       o->rt ? ", waiting threads SCHED_FIFO 50" : "", cpubuf);
	out_md("%s", "");
	out_md("| measured | samples | p50 | p99 | p99.9 | max | mean | batched |");
	out_md("|---|---:|---:|---:|---:|---:|---:|---:|");
	report_row("hdaemu IOC timer callback, in kernel (both engines)", &kernel,
		   sa.late_interrupts + sb.late_interrupts, true);
	for (i = 0; i < C_NUM; i++)
		if (c[i].active)
			report_row(c[i].label, &c[i].wake, c[i].batched, true);
	out_md("%s", "");
	out_md("| ratio (hdaemu / baseline) | p50 | p99 | p99.9 | max |");
	out_md("|---|---:|---:|---:|---:|");
	report_ratio("eventfd / timerfd", "eventfd/timerfd", config, &c[C_EVENTFD].wake,
		     &c[C_TIMERFD].wake);
	report_ratio("event queue / timerfd", "queue/timerfd", config, &c[C_QUEUE].wake,
		     &c[C_TIMERFD].wake);
	if (c[C_DUMMY].active) {
		report_ratio("eventfd / snd-dummy", "eventfd/snd-dummy", config,
			     &c[C_EVENTFD].wake, &c[C_DUMMY].wake);
		report_ratio("event queue / snd-dummy", "queue/snd-dummy", config,
			     &c[C_QUEUE].wake, &c[C_DUMMY].wake);
	}
	out_md("%s", "");
	if (!c[C_DUMMY].active) {
		out_md("snd-dummy: not loaded, no second baseline in this run.");
	} else {
		char sh[24];

		fmt_ns(sh, sizeof(sh), c[C_DUMMY].starts ?
		       (double)c[C_DUMMY].start_shift / (double)c[C_DUMMY].starts : 0);
		out_md("snd-dummy's due times count from its start instant as its position "
		       "reports bound it, %s before its trigger timestamp; %llu overrun(s).", sh,
		       (unsigned long long)c[C_DUMMY].xruns);
		out_csv("latency", "snd-dummy", config, "start_before_trigger",
			c[C_DUMMY].starts ? (double)c[C_DUMMY].start_shift /
			(double)c[C_DUMMY].starts : 0, "ns");
	}
	out_md("%s", "");

	report_csv("kernel", config, &kernel);
	out_hist("kernel", &kernel);
	for (i = 0; i < C_NUM; i++) {
		if (!c[i].active)
			continue;
		report_csv(c[i].name, config, &c[i].wake);
		out_csv("latency", c[i].name, config, "batched", (double)c[i].batched, "count");
		out_hist(c[i].name, &c[i].wake);
	}
	out_csv("latency", "kernel", config, "late_interrupts",
		(double)(sa.late_interrupts + sb.late_interrupts), "count");
	out_csv("latency", "kernel", config, "missed", (double)(sa.missed + sb.missed), "count");

	for (i = 0; i < C_NUM; i++) {
		if (!c[i].active)
			continue;
		if (c[i].errors) {
			say("latency: %s: %llu due-time mismatches", c[i].name,
			    (unsigned long long)c[i].errors);
			fail = 1;
		}
		/* The reader was late: fewer in-kernel samples, no error. */
		if (c[i].dropped)
			say("latency: %s: the queue dropped %llu records", c[i].name,
			    (unsigned long long)c[i].dropped);
		if (!c[i].wake.n) {
			say("latency: %s: no samples", c[i].name);
			fail = 1;
		}
		if (c[i].xruns)
			say("latency: %s: %llu overruns (restarted)", c[i].name,
			    (unsigned long long)c[i].xruns);
	}
	if (!kernel.n) {
		say("latency: no in-kernel samples from the event queue");
		fail = 1;
	}

	for (i = 0; i < C_NUM; i++) {
		samples_free(&c[i].wake);
		samples_free(&c[i].irq);
		samples_free(&c[i].rel);
	}
	samples_free(&kernel);
	if (c[C_DUMMY].active)
		dummy_close(&pcm);
	close(c[C_EVENTFD].efd);
	hda_close(&ha);
	hda_close(&hb);
	return fail;
}
