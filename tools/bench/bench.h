/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hdaemu-bench - shared declarations. The benchmark measures the IOC
 * emulator against baselines in one run: IOC accuracy in the kernel,
 * wake-up latency to userspace, drift, scale and cost, and position read
 * cost (Documentation/benchmark.rst).
 *
 * Output: progress on stderr; results on stdout as tagged lines that
 * tools/bench/report turns into Markdown, CSV and a plot:
 *   @md <line>                               a line of the Markdown report
 *   @csv <section>,<subject>,<config>,<metric>,<value>,<unit>
 *   @hist <subject>,<lo_ns>,<hi_ns>,<count>  latency histogram buckets
 *   @info <key>=<value>                      the machine and the run
 */
#ifndef HDAEMU_BENCH_H
#define HDAEMU_BENCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <linux/hdaemu.h>

#define NSEC_PER_SEC	1000000000ull
#define NSEC_PER_MSEC	1000000ull
#define NSEC_PER_USEC	1000ull

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* What one run does; main.c fills it from the command line. */
struct bench_opts {
	bool smoke;		/* a few seconds of everything, TAP output */
	bool rt;		/* SCHED_FIFO for the waiting threads */
	int dummy;		/* snd-dummy contender: -1 auto, 0 off, 1 required */
	const char *dummy_dev;	/* its capture PCM device node */
	double latency_s;	/* length of the latency phase */
	double drift_s;		/* length of the drift phase */
	double scale_s;		/* length of one scale measurement window */
	int scale_rounds;	/* passes over the scale configurations */
	const char *configs;	/* scale: ",30x10ms,1x250us," to run only those */
	long pos_blocks;	/* blocks of 1000 position reads per method */
	unsigned int phases;	/* BENCH_PHASE_* to run */
};

#define BENCH_PHASE_LATENCY	(1u << 0)
#define BENCH_PHASE_DRIFT	(1u << 1)
#define BENCH_PHASE_SCALE	(1u << 2)
#define BENCH_PHASE_POSITION	(1u << 3)
#define BENCH_PHASE_ALL		0xfu

/* util.c: time */
static inline uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
}

void sleep_until(uint64_t t_ns);
void sleep_ns(uint64_t ns);
uint64_t ts_to_ns(const struct timespec *ts);

/*
 * The timing model's arithmetic, exact: the due time of the IOC @frames
 * after an anchor (rounded up to the ns, as the module does), the frames
 * a stream moves in @dt, the wall clock register at an instant.
 */
static inline uint64_t due_after(uint64_t t0, uint64_t frames, uint32_t rate)
{
	unsigned __int128 ns = (unsigned __int128)frames * NSEC_PER_SEC;

	return t0 + (uint64_t)((ns + rate - 1) / rate);
}

static inline uint64_t frames_in(uint64_t dt, uint32_t rate)
{
	return (uint64_t)((unsigned __int128)dt * rate / NSEC_PER_SEC);
}

static inline uint32_t wallclock_at(uint64_t base, uint64_t t)
{
	return (uint32_t)((unsigned __int128)(t - base) * 3 / 125);
}

/* util.c: samples and their distribution */
struct samples {
	int64_t *v;
	size_t n, cap;
	bool sorted;
};

void samples_add(struct samples *s, int64_t v);
void samples_free(struct samples *s);
int64_t samples_quantile(struct samples *s, double q);
double samples_mean(const struct samples *s);

/* util.c: output */
void out_info(const char *key, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void out_md(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void out_csv(const char *section, const char *subject, const char *config,
	     const char *metric, double value, const char *unit);
void out_hist(const char *subject, struct samples *s);
void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void fmt_ns(char *buf, size_t len, double ns);
void fmt_ratio(char *buf, size_t len, double num, double den);

/* util.c: misc */
void set_rt(bool rt, int prio);
uint64_t rng_next(uint64_t *state);
int read_cpu_idle(uint64_t *idle_ns);

/* hda.c: a client of /dev/hdaemu and its engines */
struct hda {
	int fd;
	struct hdaemu_info info;
	const void *page;
};

struct hda_engine {
	uint32_t handle;
	uint32_t slot;
	uint32_t index;
	uint32_t direction;
	uint32_t rate;
	uint32_t frame_bytes;
	uint32_t period_bytes;
	uint32_t period_frames;
	uint32_t cbl;
};

int hda_open(struct hda *h, bool nonblock);
void hda_close(struct hda *h);
int hda_engine_alloc(struct hda *h, struct hda_engine *e, uint32_t direction,
		     uint32_t codec, uint32_t rate, uint16_t channels, uint16_t valid_bits,
		     uint16_t container_bits);
int hda_engine_alloc_any(struct hda *h, struct hda_engine *e, uint32_t rate,
			 uint16_t channels, uint16_t valid_bits, uint16_t container_bits);
int hda_buffer_notify(struct hda *h, struct hda_engine *e, uint32_t period_frames);
int hda_set_state(struct hda *h, const uint32_t *handles, uint32_t count, uint32_t state,
		  uint64_t *timestamp);
int hda_set_state1(struct hda *h, const struct hda_engine *e, uint32_t state,
		   uint64_t *timestamp);
int hda_register(struct hda *h, const struct hda_engine *e, int efd);
int hda_enable_events(struct hda *h, const struct hda_engine *e, uint64_t types);
int hda_position(struct hda *h, const struct hda_engine *e, struct hdaemu_position *p);
int hda_stats(struct hda *h, const struct hda_engine *e, struct hdaemu_engine_stats *s);
void hda_slot_read(const struct hda *h, const struct hda_engine *e,
		   struct hdaemu_position_slot *copy);

/* The phases; each returns 0 when its checks passed. */
int phase_latency(const struct bench_opts *o);
int phase_drift(const struct bench_opts *o);
int phase_scale(const struct bench_opts *o);
int phase_position(const struct bench_opts *o);

/* dummy.c: the snd-dummy capture contender */
struct dummy_pcm {
	int fd;
	uint32_t rate;
	uint32_t period_frames;
	uint32_t buffer_frames;
	uint64_t period_ns;	/* snd-dummy's own rounding of the period */
	uint64_t t0;		/* trigger timestamp: a first estimate of the start */
	struct samples bounds;	/* the start, bounded from above by status pairs */
	uint64_t start_lb;	/* and from below by the START call */
	int16_t *buf;
};

int dummy_open(struct dummy_pcm *d, const char *dev, uint32_t rate, uint32_t period_frames,
	       uint32_t periods);
int dummy_start(struct dummy_pcm *d);
int dummy_restart(struct dummy_pcm *d);
long dummy_take_periods(struct dummy_pcm *d);
uint64_t dummy_start_estimate(struct dummy_pcm *d);
void dummy_close(struct dummy_pcm *d);

#endif /* HDAEMU_BENCH_H */
