/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers of the seeded, time-bounded hdaemu programs (stress, fuzz): a
 * small PRNG that a printed seed replays, settings from the environment,
 * and the controller's debugfs view, from which "no engine is left owned"
 * is read after every client has gone.
 */
#ifndef HDAEMU_STRESS_H
#define HDAEMU_STRESS_H

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define HDAEMU_CONTROLLER_VIEW	"/sys/kernel/debug/hdaemu/controller"

/* xorshift64*: fast, good enough for test choices, fully determined by seed. */
struct hdaemu_rng {
	uint64_t s;
};

static inline void hdaemu_rng_seed(struct hdaemu_rng *r, uint64_t seed)
{
	/* splitmix64 step: nearby seeds give unrelated streams, never 0. */
	seed += 0x9e3779b97f4a7c15ull;
	seed = (seed ^ (seed >> 30)) * 0xbf58476d1ce4e5b9ull;
	seed = (seed ^ (seed >> 27)) * 0x94d049bb133111ebull;
	r->s = (seed ^ (seed >> 31)) | 1;
}

static inline uint64_t hdaemu_rng_next(struct hdaemu_rng *r)
{
	r->s ^= r->s >> 12;
	r->s ^= r->s << 25;
	r->s ^= r->s >> 27;
	return r->s * 0x2545f4914f6cdd1dull;
}

/* Uniform in [0, n), n > 0. */
static inline uint32_t hdaemu_rng_below(struct hdaemu_rng *r, uint32_t n)
{
	return (uint32_t)((hdaemu_rng_next(r) >> 32) * n >> 32);
}

/* True with probability 1/n. */
static inline int hdaemu_rng_one_in(struct hdaemu_rng *r, uint32_t n)
{
	return hdaemu_rng_below(r, n) == 0;
}

/* A number from the environment, or @def when unset or not a number. */
static inline uint64_t hdaemu_env_u64(const char *name, uint64_t def)
{
	const char *v = getenv(name);
	char *end;
	uint64_t x;

	if (!v || !*v)
		return def;
	errno = 0;
	x = strtoull(v, &end, 0);
	return errno || *end ? def : x;
}

/* The run's seed: HDAEMU_SEED, else one from the clock and the pid. */
static inline uint64_t hdaemu_pick_seed(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return hdaemu_env_u64("HDAEMU_SEED",
			      ((uint64_t)ts.tv_sec * 1000003u) ^ (uint64_t)ts.tv_nsec ^
			      ((uint64_t)getpid() << 16));
}

/*
 * Engines the controller view lists as owned by some client: 0 when all are
 * free, -1 if the view cannot be read (debugfs not mounted, not root).
 * @why gets the first owned engine's line.
 */
static inline int hdaemu_owned_engines(char *why, size_t why_len)
{
	FILE *f = fopen(HDAEMU_CONTROLLER_VIEW, "re");
	char line[512];
	int owned = 0;
	unsigned int idx;
	char kind[16];

	if (!f)
		return -1;
	if (why_len)
		why[0] = '\0';
	while (fgets(line, sizeof(line), f)) {
		/* Engine lines: "<index> input|output|bidir free|client ..." */
		if (sscanf(line, "%u %15s", &idx, kind) != 2)
			continue;
		if (strstr(line, " free"))
			continue;
		if (!owned && why_len) {
			size_t n = strlen(line);

			if (n >= why_len)
				n = why_len - 1;
			memcpy(why, line, n);
			why[n] = '\0';
		}
		owned++;
	}
	fclose(f);
	return owned;
}

#endif /* HDAEMU_STRESS_H */
