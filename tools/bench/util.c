// SPDX-License-Identifier: GPL-2.0
/*
 * hdaemu-bench - time, samples, output and small helpers.
 */
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench.h"

uint64_t ts_to_ns(const struct timespec *ts)
{
	return (uint64_t)ts->tv_sec * NSEC_PER_SEC + ts->tv_nsec;
}

void sleep_until(uint64_t t_ns)
{
	struct timespec ts = {
		.tv_sec = t_ns / NSEC_PER_SEC,
		.tv_nsec = t_ns % NSEC_PER_SEC,
	};

	while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR)
		;
}

void sleep_ns(uint64_t ns)
{
	sleep_until(now_ns() + ns);
}

void samples_add(struct samples *s, int64_t v)
{
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 4096;
		int64_t *nv = realloc(s->v, cap * sizeof(*nv));

		if (!nv) {
			fprintf(stderr, "bench: out of memory\n");
			exit(1);
		}
		s->v = nv;
		s->cap = cap;
	}
	s->v[s->n++] = v;
	s->sorted = false;
}

void samples_free(struct samples *s)
{
	free(s->v);
	memset(s, 0, sizeof(*s));
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

/* Nearest rank: the smallest sample with at least q of them at or below. */
int64_t samples_quantile(struct samples *s, double q)
{
	size_t i;

	if (!s->n)
		return 0;
	if (!s->sorted) {
		qsort(s->v, s->n, sizeof(*s->v), cmp_i64);
		s->sorted = true;
	}
	i = (size_t)ceil(q * (double)s->n);
	if (i < 1)
		i = 1;
	if (i > s->n)
		i = s->n;
	return s->v[i - 1];
}

double samples_mean(const struct samples *s)
{
	double sum = 0;
	size_t i;

	for (i = 0; i < s->n; i++)
		sum += (double)s->v[i];
	return s->n ? sum / (double)s->n : 0;
}

static pthread_mutex_t out_lock = PTHREAD_MUTEX_INITIALIZER;

void out_info(const char *key, const char *fmt, ...)
{
	va_list ap;

	pthread_mutex_lock(&out_lock);
	printf("@info %s=", key);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	pthread_mutex_unlock(&out_lock);
}

void out_md(const char *fmt, ...)
{
	va_list ap;

	pthread_mutex_lock(&out_lock);
	printf("@md ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	pthread_mutex_unlock(&out_lock);
}

void out_csv(const char *section, const char *subject, const char *config,
	     const char *metric, double value, const char *unit)
{
	pthread_mutex_lock(&out_lock);
	if (value == floor(value) && fabs(value) < 1e15)
		printf("@csv %s,%s,%s,%s,%.0f,%s\n", section, subject, config, metric, value, unit);
	else
		printf("@csv %s,%s,%s,%s,%.6g,%s\n", section, subject, config, metric, value, unit);
	fflush(stdout);
	pthread_mutex_unlock(&out_lock);
}

/*
 * Log-spaced buckets, 20 per decade from 10 ns: fine enough for a plot of
 * the distribution and its tail. Only the span between the first and the
 * last non-empty bucket is printed.
 */
#define HIST_PER_DECADE	20
#define HIST_BUCKETS	(HIST_PER_DECADE * 9)

static double hist_edge(int i)
{
	return 10.0 * pow(10.0, (double)i / HIST_PER_DECADE);
}

void out_hist(const char *subject, struct samples *s)
{
	static uint64_t count[HIST_BUCKETS + 1];
	int i, first = -1, last = -1;
	size_t k;

	memset(count, 0, sizeof(count));
	for (k = 0; k < s->n; k++) {
		double v = s->v[k] < 10 ? 10 : (double)s->v[k];

		i = (int)floor(log10(v / 10.0) * HIST_PER_DECADE);
		if (i < 0)
			i = 0;
		/* Rounding of log10 at an edge: put it where it belongs. */
		while (i > 0 && v < hist_edge(i))
			i--;
		while (i < HIST_BUCKETS && v >= hist_edge(i + 1))
			i++;
		count[i]++;
	}
	for (i = 0; i <= HIST_BUCKETS; i++) {
		if (!count[i])
			continue;
		if (first < 0)
			first = i;
		last = i;
	}
	if (first < 0)
		return;
	pthread_mutex_lock(&out_lock);
	for (i = first; i <= last; i++)
		printf("@hist %s,%.0f,%.0f,%llu\n", subject, hist_edge(i), hist_edge(i + 1),
		       (unsigned long long)count[i]);
	fflush(stdout);
	pthread_mutex_unlock(&out_lock);
}

void say(const char *fmt, ...)
{
	va_list ap;

	pthread_mutex_lock(&out_lock);
	fprintf(stderr, "bench: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
	pthread_mutex_unlock(&out_lock);
}

/* A duration for people: ns, us or ms with three significant digits. */
void fmt_ns(char *buf, size_t len, double ns)
{
	if (ns < 1000)
		snprintf(buf, len, "%.0f ns", ns);
	else if (ns < 1e6)
		snprintf(buf, len, "%.*f us", ns < 1e4 ? 2 : ns < 1e5 ? 1 : 0, ns / 1e3);
	else if (ns < 1e9)
		snprintf(buf, len, "%.*f ms", ns < 1e7 ? 2 : ns < 1e8 ? 1 : 0, ns / 1e6);
	else
		snprintf(buf, len, "%.2f s", ns / 1e9);
}

void fmt_ratio(char *buf, size_t len, double num, double den)
{
	if (den <= 0)
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "%.2f", num / den);
}

/* SCHED_FIFO for the calling thread, as an audio client's thread runs. */
void set_rt(bool rt, int prio)
{
	struct sched_param sp = { .sched_priority = prio };
	int err;

	if (!rt)
		return;
	err = pthread_setschedparam(pthread_self(), SCHED_FIFO, &sp);
	if (err) {
		static bool warned;

		if (!warned)
			say("no SCHED_FIFO (%s): the waiting threads run as normal tasks",
			    strerror(err));
		warned = true;
	}
}

/* xorshift64*: reproducible choices from a seed. */
uint64_t rng_next(uint64_t *state)
{
	uint64_t x = *state ? *state : 0x9e3779b97f4a7c15ull;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*state = x;
	return x * 0x2545f4914f6cdd1dull;
}

/*
 * Idle time of the whole machine from /proc/stat (idle and iowait, summed
 * over the CPUs), in ns. With NO_HZ the kernel measures idle time exactly
 * (the busy fields are sampled at ticks and miss hard interrupts, so busy
 * time is better taken as elapsed * CPUs - idle); /proc/stat prints it in
 * USER_HZ units, so 10 ms resolution.
 */
int read_cpu_idle(uint64_t *idle_ns)
{
	unsigned long long v[5] = { 0 };
	long hz = sysconf(_SC_CLK_TCK);
	FILE *f;
	int n;

	f = fopen("/proc/stat", "r");
	if (!f)
		return -errno;
	n = fscanf(f, "cpu %llu %llu %llu %llu %llu", &v[0], &v[1], &v[2], &v[3], &v[4]);
	fclose(f);
	if (n < 5 || hz <= 0)
		return -EIO;
	*idle_ns = (v[3] + v[4]) * (NSEC_PER_SEC / hz);
	return 0;
}
