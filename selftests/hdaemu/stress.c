// SPDX-License-Identifier: GPL-2.0
/*
 * Stress: several processes, each with several threads on one open file,
 * do random valid sequences against /dev/hdaemu at once: allocate engines,
 * buffers of every kind (IOCs every 0.7 to 20 ms), register eventfds, move
 * groups of engines between states, read positions, map and unmap. Each
 * process ends its client by closing the file with everything running
 * (mapped buffers too), then opens a new one; the parent also kills a
 * random worker now and then with SIGKILL.
 *
 * What must hold, checked as it goes:
 *  - every call succeeds, or fails with the errno the ABI gives for the
 *    situation (ENOSPC when other clients hold the engines or tags);
 *  - no IOC lost or duplicated: once an engine is stopped, its eventfd has
 *    counted exactly the IOCs its ioc_count grew by since registration;
 *  - positions are monotonic between anchors: bytes and ioc_count never go
 *    back while the engine is not reset, and the state is the one set;
 * and at the end, with every client gone, the controller view lists every
 * engine as free.
 *
 * Environment: HDAEMU_SEED (default: from the clock; printed),
 * HDAEMU_STRESS_SECONDS (3), HDAEMU_STRESS_PROCS (3), HDAEMU_STRESS_THREADS
 * (2). A seed replays each thread's choices; the interleaving is the
 * scheduler's.
 */
#include <pthread.h>
#include <stdarg.h>
#include <signal.h>
#include <sys/wait.h>

#include "hdaemu_test.h"
#include "hdaemu_stress.h"
#include "kselftest.h"

#define MAX_PROCS	8
#define MAX_THREADS	4
#define ENG_PER_THREAD	3

/* Counters shared by all workers (MAP_SHARED), added to atomically. */
struct stats {
	uint64_t ops, allocs, buffers, states, positions, maps, registers;
	uint64_t iocs_checked, closes_running, enospc, kills, failures;
	char first_failure[256];
};

static struct stats *stats;
static uint64_t seed;

#define ADD(field, n)	__atomic_fetch_add(&stats->field, (n), __ATOMIC_RELAXED)

struct eng {
	int used;
	__u32 handle, dir, slot;
	__u32 state;
	__u32 kind;		/* buffer kind, 0 without one */
	__u64 buf_bytes;
	__u64 mmap_off;
	int iocs;		/* the buffer raises IOCs */
	void *map;
	size_t map_len;
	int efd;		/* registered eventfd, -1 without */
	__u64 ioc_base;		/* ioc_count when registered */
	__u64 efd_sum;		/* eventfd counts read since then */
	__u64 last_bytes, last_ioc;
};

struct worker {
	int fd;
	int proc, thread;
	struct hdaemu_rng rng;
	uint64_t deadline_ns;
	void *page;		/* the file's position page, shared */
	struct eng e[ENG_PER_THREAD];
};

static void fail(struct worker *w, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void fail(struct worker *w, const char *fmt, ...)
{
	char msg[200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (!__atomic_fetch_add(&stats->failures, 1, __ATOMIC_RELAXED))
		snprintf(stats->first_failure, sizeof(stats->first_failure),
			 "proc %d thread %d: %s", w->proc, w->thread, msg);
	fprintf(stderr, "# stress: FAIL (seed %llu) proc %d thread %d: %s\n",
		(unsigned long long)seed, w->proc, w->thread, msg);
}

/* A call that failed: fine if @err is one the situation allows. */
static int check_err(struct worker *w, const char *what, int allowed)
{
	int err = errno;

	if (err == allowed) {
		if (err == ENOSPC)
			ADD(enospc, 1);
		return 0;
	}
	fail(w, "%s: errno %s", what, hdaemu_errname(err));
	return -1;
}

static struct eng *pick(struct worker *w, int (*want)(const struct eng *))
{
	unsigned int start = hdaemu_rng_below(&w->rng, ENG_PER_THREAD), i;

	for (i = 0; i < ENG_PER_THREAD; i++) {
		struct eng *e = &w->e[(start + i) % ENG_PER_THREAD];

		if (want(e))
			return e;
	}
	return NULL;
}

static int is_free(const struct eng *e) { return !e->used; }
static int is_used(const struct eng *e) { return e->used; }
static int can_buffer(const struct eng *e) { return e->used && !e->kind && e->state == HDAEMU_STATE_RESET; }
static int has_buffer(const struct eng *e) { return e->used && e->kind; }
static int can_register(const struct eng *e) { return e->used && e->iocs && e->efd < 0 && e->state != HDAEMU_STATE_RUN; }
static int is_registered(const struct eng *e) { return e->used && e->efd >= 0 && e->state != HDAEMU_STATE_RUN; }
static int is_mapped(const struct eng *e) { return e->used && e->map; }
static int can_map(const struct eng *e) { return e->used && e->kind && !e->map; }

static int position(struct worker *w, struct eng *e, struct hdaemu_position *p)
{
	if (hdaemu_get_position(w->fd, e->handle, p)) {
		fail(w, "GET_POSITION %#x: %s", e->handle, hdaemu_errname(errno));
		return -1;
	}
	ADD(positions, 1);
	if (p->state != e->state)
		fail(w, "engine %#x in state %u, expected %u", e->handle, p->state, e->state);
	if (p->bytes < e->last_bytes || p->ioc_count < e->last_ioc)
		fail(w, "engine %#x went back: bytes %llu -> %llu, iocs %llu -> %llu",
		     e->handle, (unsigned long long)e->last_bytes,
		     (unsigned long long)p->bytes, (unsigned long long)e->last_ioc,
		     (unsigned long long)p->ioc_count);
	if (e->state == HDAEMU_STATE_RESET && (p->bytes || p->ioc_count))
		fail(w, "engine %#x in Reset at bytes %llu, iocs %llu", e->handle,
		     (unsigned long long)p->bytes, (unsigned long long)p->ioc_count);
	e->last_bytes = p->bytes;
	e->last_ioc = p->ioc_count;
	return 0;
}

/*
 * With the engine not running, its eventfd must have counted exactly the
 * IOCs raised since registration. A signal from a timer run that raced the
 * stop may land just after: wait a little for it, never accept more.
 */
static void verify_iocs(struct worker *w, struct eng *e)
{
	struct hdaemu_position p;
	__u64 want;
	int i;

	if (e->efd < 0 || position(w, e, &p))
		return;
	want = p.ioc_count - e->ioc_base;
	for (i = 0; i < 500; i++) {
		e->efd_sum += hdaemu_eventfd_take(e->efd);
		if (e->efd_sum >= want)
			break;
		hdaemu_sleep_ms(1);
	}
	if (e->efd_sum != want)
		fail(w, "engine %#x: eventfd counted %llu IOCs, ioc_count grew by %llu",
		     e->handle, (unsigned long long)e->efd_sum, (unsigned long long)want);
	else
		ADD(iocs_checked, want);
}

static void set_states(struct worker *w, struct eng **es, unsigned int n, __u32 state)
{
	__u32 handles[ENG_PER_THREAD];
	unsigned int i;

	if (!n)
		return;
	for (i = 0; i < n; i++)
		handles[i] = es[i]->handle;
	if (hdaemu_set_state(w->fd, state, handles, n, NULL)) {
		fail(w, "SET_STATE %u of %u engines: %s", state, n, hdaemu_errname(errno));
		return;
	}
	ADD(states, 1);
	for (i = 0; i < n; i++) {
		es[i]->state = state;
		if (state == HDAEMU_STATE_RESET) {
			es[i]->last_bytes = 0;
			es[i]->last_ioc = 0;
			es[i]->ioc_base = 0;
			es[i]->efd_sum = 0;
		}
	}
}

/* Take one engine to @state the legal way, checking IOCs on the way down. */
static void bring_to(struct worker *w, struct eng *e, __u32 state)
{
	if (e->state == HDAEMU_STATE_RUN && state != HDAEMU_STATE_RUN)
		set_states(w, &e, 1, HDAEMU_STATE_STOP);
	if (e->state != HDAEMU_STATE_RUN)
		verify_iocs(w, e);
	if (e->state != state)
		set_states(w, &e, 1, state);
}

static void unmap(struct eng *e)
{
	if (e->map) {
		munmap(e->map, e->map_len);
		e->map = NULL;
	}
}

static void op_alloc_engine(struct worker *w)
{
	struct hdaemu_stream_format f = hdaemu_fmt_default();
	struct hdaemu_engine_alloc a;
	struct eng *e = pick(w, is_free);
	__u32 dir = hdaemu_rng_below(&w->rng, 2);

	if (!e)
		return;
	if (hdaemu_alloc_engine(w->fd, dir, &f, &a)) {
		check_err(w, "ALLOC_ENGINE", ENOSPC);
		return;
	}
	ADD(allocs, 1);
	memset(e, 0, sizeof(*e));
	e->used = 1;
	e->handle = a.handle;
	e->dir = dir;
	e->slot = a.position_slot;
	e->state = HDAEMU_STATE_RESET;
	e->efd = -1;
}

static void op_alloc_buffer(struct worker *w)
{
	struct hdaemu_bdl_entry bdl[4];
	struct hdaemu_buffer_alloc b;
	struct eng *e = pick(w, can_buffer);
	__u32 kind, count = 0, n, i;
	int ret;

	if (!e)
		return;
	kind = 1 + hdaemu_rng_below(&w->rng, 3);
	if (kind == HDAEMU_BUFFER_BDL) {
		/* 1 KiB fragments (5.3 ms each), IOC on some, at least one. */
		n = 2 + hdaemu_rng_below(&w->rng, 3);
		for (i = 0; i < n; i++) {
			bdl[i].offset = i * 1024;
			bdl[i].length = 1024;
			bdl[i].ioc = i == 0 || hdaemu_rng_one_in(&w->rng, 2);
		}
		ret = hdaemu_alloc_bdl(w->fd, e->handle, n * 1024, bdl, n, &b);
	} else {
		if (kind == HDAEMU_BUFFER_NOTIFY)
			count = 1 + hdaemu_rng_below(&w->rng, 2);
		/* 128 B .. 16 KiB: IOC periods from 0.67 ms to 85 ms. */
		ret = hdaemu_alloc_buffer(w->fd, e->handle, kind, count,
					  128u << hdaemu_rng_below(&w->rng, 8), &b);
	}
	if (ret) {
		check_err(w, "ALLOC_BUFFER", 0);
		return;
	}
	ADD(buffers, 1);
	e->kind = kind;
	e->buf_bytes = b.allocated_bytes;
	e->mmap_off = b.mmap_offset;
	e->iocs = kind != HDAEMU_BUFFER_PLAIN;
}

static void free_buffer(struct worker *w, struct eng *e)
{
	unmap(e);
	bring_to(w, e, HDAEMU_STATE_RESET);
	if (hdaemu_free_buffer(w->fd, e->handle, e->kind,
			       e->kind == HDAEMU_BUFFER_NOTIFY ? e->buf_bytes : 0)) {
		fail(w, "FREE_BUFFER %#x: %s", e->handle, hdaemu_errname(errno));
		return;
	}
	/* Freeing the buffer ends its registrations. */
	if (e->efd >= 0)
		close(e->efd);
	e->efd = -1;
	e->kind = 0;
	e->iocs = 0;
}

static void op_free_buffer(struct worker *w)
{
	struct eng *e = pick(w, has_buffer);

	if (e)
		free_buffer(w, e);
}

static void op_free_engine(struct worker *w)
{
	struct eng *e = pick(w, is_used);

	if (!e)
		return;
	if (e->kind)
		free_buffer(w, e);
	bring_to(w, e, HDAEMU_STATE_RESET);
	if (hdaemu_free_engine(w->fd, e->handle)) {
		fail(w, "FREE_ENGINE %#x: %s", e->handle, hdaemu_errname(errno));
		return;
	}
	/* Freeing the engine ends its registrations. */
	if (e->efd >= 0)
		close(e->efd);
	e->used = 0;
}

static void op_register(struct worker *w)
{
	struct hdaemu_position p;
	struct eng *e = pick(w, can_register);
	int efd;

	if (!e)
		return;
	efd = hdaemu_eventfd();
	if (efd < 0 || position(w, e, &p))
		goto out;
	if (hdaemu_register(w->fd, e->handle, efd)) {
		fail(w, "REGISTER %#x: %s", e->handle, hdaemu_errname(errno));
		goto out;
	}
	ADD(registers, 1);
	e->efd = efd;
	e->ioc_base = p.ioc_count;
	e->efd_sum = 0;
	return;
out:
	if (efd >= 0)
		close(efd);
}

static void op_unregister(struct worker *w)
{
	struct eng *e = pick(w, is_registered);

	if (!e)
		return;
	verify_iocs(w, e);
	if (hdaemu_unregister(w->fd, e->handle, e->efd))
		fail(w, "UNREGISTER %#x: %s", e->handle, hdaemu_errname(errno));
	close(e->efd);
	e->efd = -1;
}

/* Reset <-> Stop <-> Run; Reset -> Run and Run -> Reset are refused. */
static int legal(__u32 from, __u32 to)
{
	return from == HDAEMU_STATE_STOP || to == HDAEMU_STATE_STOP;
}

/*
 * Move a random group of this thread's engines to a random state at once.
 * Sometimes one engine of the group cannot make the move: then the call
 * must fail with EBADFD and move none (position() checks the states).
 */
static void op_set_state(struct worker *w)
{
	__u32 state = hdaemu_rng_below(&w->rng, 3);
	int spoil = hdaemu_rng_one_in(&w->rng, 8);
	__u32 handles[ENG_PER_THREAD];
	struct eng *es[ENG_PER_THREAD];
	struct hdaemu_position p;
	unsigned int i, n = 0, bad = 0;

	for (i = 0; i < ENG_PER_THREAD; i++) {
		struct eng *e = &w->e[i];

		if (!e->used || !e->kind || e->state == state || hdaemu_rng_one_in(&w->rng, 3))
			continue;
		if (!legal(e->state, state)) {
			if (!spoil || bad)
				continue;
			bad++;
		}
		/* IOCs are checked at every stop and before every reset. */
		if (state == HDAEMU_STATE_RESET)
			verify_iocs(w, e);
		es[n++] = e;
	}
	if (!n)
		return;
	if (!bad) {
		set_states(w, es, n, state);
		for (i = 0; i < n; i++)
			if (state == HDAEMU_STATE_STOP)
				verify_iocs(w, es[i]);
		return;
	}
	for (i = 0; i < n; i++)
		handles[i] = es[i]->handle;
	if (!hdaemu_set_state(w->fd, state, handles, n, NULL))
		fail(w, "SET_STATE %u with an illegal move succeeded", state);
	else if (errno != EBADFD)
		fail(w, "SET_STATE %u with an illegal move: %s, expected EBADFD", state,
		     hdaemu_errname(errno));
	for (i = 0; i < n; i++)
		position(w, es[i], &p);
}

static void op_position(struct worker *w)
{
	struct hdaemu_position_slot s;
	struct hdaemu_position p;
	struct eng *e = pick(w, is_used);

	if (!e || position(w, e, &p))
		return;
	if (e->efd >= 0)
		e->efd_sum += hdaemu_eventfd_take(e->efd);
	if (!w->page)
		return;
	if (hdaemu_read_slot(w->page, e->slot, &s)) {
		fail(w, "slot %u never read stable", e->slot);
		return;
	}
	if (s.state != e->state)
		fail(w, "slot %u in state %u, expected %u", e->slot, s.state, e->state);
	if (s.buffer_bytes != (e->kind ? e->buf_bytes : 0))
		fail(w, "slot %u buffer_bytes %u, expected %llu", e->slot, s.buffer_bytes,
		     (unsigned long long)(e->kind ? e->buf_bytes : 0));
}

static void op_map(struct worker *w)
{
	struct eng *e;
	void *m;

	if (hdaemu_rng_one_in(&w->rng, 2) && (e = pick(w, is_mapped)) != NULL) {
		unmap(e);
		return;
	}
	e = pick(w, can_map);
	if (!e)
		return;
	e->map_len = hdaemu_page_round(e->buf_bytes);
	m = mmap(NULL, e->map_len,
		 e->dir == HDAEMU_DIR_RENDER ? PROT_READ | PROT_WRITE : PROT_READ,
		 MAP_SHARED, w->fd, (off_t)e->mmap_off);
	if (m == MAP_FAILED) {
		fail(w, "mmap buffer of %#x: %s", e->handle, hdaemu_errname(errno));
		return;
	}
	ADD(maps, 1);
	e->map = m;
	if (e->dir == HDAEMU_DIR_RENDER)
		memset(m, 0x5a, e->map_len);
	else
		(void)*(volatile char *)m;
}

static void *worker_thread(void *arg)
{
	struct worker *w = arg;

	while (hdaemu_now_ns() < w->deadline_ns) {
		switch (hdaemu_rng_below(&w->rng, 16)) {
		case 0: case 1:		op_alloc_engine(w); break;
		case 2: case 3:		op_alloc_buffer(w); break;
		case 4:			op_free_buffer(w); break;
		case 5:			op_free_engine(w); break;
		case 6: case 7:		op_register(w); break;
		case 8:			op_unregister(w); break;
		case 9: case 10: case 11: op_set_state(w); break;
		case 12: case 13:	op_position(w); break;
		default:		op_map(w); break;
		}
		ADD(ops, 1);
		if (hdaemu_rng_one_in(&w->rng, 8))
			hdaemu_sleep_ms(1);
	}
	/* Leave everything as it is: the process closes the file on it. */
	return NULL;
}

/* One worker process: clients one after another, each ending in close. */
static void run_process(int proc, uint64_t until_ns, int nthreads)
{
	struct hdaemu_rng rng;
	struct worker w[MAX_THREADS];
	pthread_t tid[MAX_THREADS];
	int epoch = 0, t, i;

	hdaemu_rng_seed(&rng, seed ^ ((uint64_t)proc << 40) ^ (uint64_t)getpid() << 20);
	while (hdaemu_now_ns() < until_ns) {
		/* A client lives 0.2 to 1.2 s, then closes with all running. */
		uint64_t end = hdaemu_now_ns() + 200000000ull +
			       hdaemu_rng_below(&rng, 1000) * 1000000ull;
		int fd = hdaemu_open();
		void *page;

		if (fd < 0) {
			struct worker fw = { .proc = proc, .thread = -1 };

			fail(&fw, "open: %s", strerror(errno));
			return;
		}
		if (end > until_ns)
			end = until_ns;
		page = hdaemu_map_position_page(fd);
		for (t = 0; t < nthreads; t++) {
			memset(&w[t], 0, sizeof(w[t]));
			w[t].fd = fd;
			w[t].proc = proc;
			w[t].thread = t;
			w[t].deadline_ns = end;
			w[t].page = page == MAP_FAILED ? NULL : page;
			hdaemu_rng_seed(&w[t].rng, seed + proc * 1000003ull + epoch * 1009ull + t);
			for (i = 0; i < ENG_PER_THREAD; i++)
				w[t].e[i].efd = -1;
			pthread_create(&tid[t], NULL, worker_thread, &w[t]);
		}
		for (t = 0; t < nthreads; t++)
			pthread_join(tid[t], NULL);
		/* Close first: mapped buffers keep the client until munmap. */
		close(fd);
		ADD(closes_running, 1);
		if (page != MAP_FAILED)
			munmap(page, HDAEMU_T_PAGE);
		for (t = 0; t < nthreads; t++)
			for (i = 0; i < ENG_PER_THREAD; i++) {
				unmap(&w[t].e[i]);
				if (w[t].e[i].used && w[t].e[i].efd >= 0)
					close(w[t].e[i].efd);
			}
		epoch++;
	}
}

int main(void)
{
	uint64_t secs = hdaemu_env_u64("HDAEMU_STRESS_SECONDS", 3);
	int nprocs = (int)hdaemu_env_u64("HDAEMU_STRESS_PROCS", 3);
	int nthreads = (int)hdaemu_env_u64("HDAEMU_STRESS_THREADS", 2);
	pid_t pids[MAX_PROCS];
	uint64_t start, until, next_kill;
	struct hdaemu_rng rng;
	char why[256];
	int i, status, fd, owned;

	ksft_print_header();
	ksft_set_plan(1);
	seed = hdaemu_pick_seed();
	if (nprocs < 1 || nprocs > MAX_PROCS || nthreads < 1 || nthreads > MAX_THREADS)
		ksft_exit_fail_msg("procs 1..%d, threads 1..%d\n", MAX_PROCS, MAX_THREADS);
	fd = hdaemu_open();
	if (fd < 0)
		ksft_exit_skip(HDAEMU_DEV ": %s\n", strerror(errno));
	close(fd);
	stats = mmap(NULL, sizeof(*stats), PROT_READ | PROT_WRITE,
		     MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (stats == MAP_FAILED)
		ksft_exit_fail_msg("mmap: %s\n", strerror(errno));
	ksft_print_msg("stress: seed %llu (HDAEMU_SEED=%llu replays it), %d processes x %d threads, %llu s\n",
		       (unsigned long long)seed, (unsigned long long)seed, nprocs, nthreads,
		       (unsigned long long)secs);
	hdaemu_rng_seed(&rng, seed);
	start = hdaemu_now_ns();
	until = start + secs * NSEC_PER_SEC;
	for (i = 0; i < nprocs; i++) {
		pids[i] = fork();
		if (!pids[i]) {
			run_process(i, until, nthreads);
			_exit(0);
		}
	}
	/* Kill a random worker about once a second and start another. */
	next_kill = start + 500000000ull + hdaemu_rng_below(&rng, 1000) * 1000000ull;
	while (hdaemu_now_ns() + 300000000ull < until) {
		hdaemu_sleep_ms(50);
		if (hdaemu_now_ns() < next_kill)
			continue;
		i = (int)hdaemu_rng_below(&rng, nprocs);
		kill(pids[i], SIGKILL);
		waitpid(pids[i], &status, 0);
		ADD(kills, 1);
		pids[i] = fork();
		if (!pids[i]) {
			run_process(i + MAX_PROCS * (int)stats->kills, until, nthreads);
			_exit(0);
		}
		next_kill = hdaemu_now_ns() + 500000000ull + hdaemu_rng_below(&rng, 1000) * 1000000ull;
	}
	for (i = 0; i < nprocs; i++)
		waitpid(pids[i], &status, 0);

	owned = hdaemu_owned_engines(why, sizeof(why));
	ksft_print_msg("stress: %llu ops in %.1f s: %llu engine allocs, %llu buffers, %llu state calls, %llu positions, %llu maps, %llu registrations, %llu IOCs checked, %llu closes with engines running, %llu kills, %llu ENOSPC\n",
		       (unsigned long long)stats->ops,
		       (hdaemu_now_ns() - start) / 1e9,
		       (unsigned long long)stats->allocs, (unsigned long long)stats->buffers,
		       (unsigned long long)stats->states, (unsigned long long)stats->positions,
		       (unsigned long long)stats->maps, (unsigned long long)stats->registers,
		       (unsigned long long)stats->iocs_checked,
		       (unsigned long long)stats->closes_running,
		       (unsigned long long)stats->kills, (unsigned long long)stats->enospc);
	if (owned > 0) {
		ksft_print_msg("stress: %d engines still owned after all clients closed: %s",
			       owned, why);
		ADD(failures, 1);
	} else if (owned < 0) {
		ksft_print_msg("stress: no controller view (%s): engine check skipped\n",
			       HDAEMU_CONTROLLER_VIEW);
	}
	if (stats->failures) {
		ksft_print_msg("stress: %llu failures, first: %s (seed %llu)\n",
			       (unsigned long long)stats->failures, stats->first_failure,
			       (unsigned long long)seed);
		ksft_test_result_fail("stress\n");
	} else if (!stats->iocs_checked || !stats->states) {
		ksft_test_result_fail("stress: nothing ran (seed %llu)\n", (unsigned long long)seed);
	} else {
		ksft_test_result_pass("stress\n");
	}
	ksft_finished();
}
