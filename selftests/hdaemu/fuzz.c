// SPDX-License-Identifier: GPL-2.0
/*
 * ioctl fuzzer: processes with threads on a shared open file send every
 * ioctl of the ABI (and numbers around it) with random and boundary values,
 * bad pointers, structures cut short by an unmapped page, wrong sizes and
 * directions, handles of other clients and freed ones; they map and unmap
 * at random offsets, and replace the file under each other (dup2 of a new
 * open file over the shared descriptor, the old one closing while calls
 * are in flight).
 *
 * What must hold: no call crashes or warns in the kernel (the VM runner and
 * the debug kernel check that), every failing call returns an errno of the
 * ABI's list, and at the end, with every client gone, the controller view
 * lists every engine as free.
 *
 * Environment: HDAEMU_SEED (default: from the clock; printed),
 * HDAEMU_FUZZ_SECONDS (3), HDAEMU_FUZZ_PROCS (2), HDAEMU_FUZZ_THREADS (3).
 */
#include <poll.h>
#include <pthread.h>
#include <stdarg.h>
#include <sys/wait.h>

#include "hdaemu_test.h"
#include "hdaemu_stress.h"
#include "kselftest.h"

#define MAX_PROCS	4
#define MAX_THREADS	4
#define SHARED_HANDLES	64
#define ARG_BYTES	256

struct stats {
	uint64_t calls, ok, mmaps, reopens, other, running;
	uint64_t by_errno[160];
	uint32_t handles[SHARED_HANDLES];	/* any client's, any age */
	uint64_t failures;
	char first_failure[256];
};

static struct stats *stats;
static uint64_t seed;
static int dev_fd;		/* the shared descriptor, replaced by dup2 */
static char *arena;		/* user memory: page, guard page, page */
static long page_size;

#define ADD(field, n)	__atomic_fetch_add(&stats->field, (n), __ATOMIC_RELAXED)

/* The ABI's ioctls with a structure to build (the rest get random bytes). */
static const unsigned int known_cmds[] = {
	HDAEMU_IOC_GET_INFO, HDAEMU_IOC_ALLOC_ENGINE, HDAEMU_IOC_FREE_ENGINE,
	HDAEMU_IOC_CHANGE_FORMAT, HDAEMU_IOC_ALLOC_BUFFER, HDAEMU_IOC_FREE_BUFFER,
	HDAEMU_IOC_SET_STATE, HDAEMU_IOC_GET_POSITION,
	HDAEMU_IOC_REGISTER_NOTIFICATION, HDAEMU_IOC_UNREGISTER_NOTIFICATION,
	HDAEMU_IOC_TRANSFER_VERBS, HDAEMU_IOC_GET_DEVICE_INFO, HDAEMU_IOC_REGISTER_UNSOL,
	HDAEMU_IOC_UNREGISTER_UNSOL, HDAEMU_IOC_READ_UNSOL, HDAEMU_IOC_INJECT_JACK,
	HDAEMU_IOC_GET_CONVERTERS, HDAEMU_IOC_GET_CODEC_STATS,
	HDAEMU_IOC_SET_QUEUE_EVENT, HDAEMU_IOC_ENABLE_EVENTS,
	HDAEMU_IOC_DISABLE_EVENTS, HDAEMU_IOC_GET_QUEUE_STATUS,
	HDAEMU_IOC_GET_ENGINE_STATS, HDAEMU_IOC_SET_FAULT,
	HDAEMU_IOC_SET_INPUT_SOURCE, HDAEMU_IOC_GET_INPUT_SOURCE,
	HDAEMU_IOC_GET_DATA_STATS,
};

/* Errnos a call of the ABI may return (Documentation/ioctl.rst). */
static int allowed_errno(int e)
{
	switch (e) {
	case EINVAL: case ENOENT: case EFAULT: case ENOTTY: case ENOSPC:
	case EBUSY: case EBADFD: case ENODATA: case EEXIST: case ENOMEM:
	case EBADF: case EPERM: case EAGAIN: case EOPNOTSUPP: case ERANGE:
	case EACCES: case ENODEV: case EOVERFLOW: case E2BIG:
		return 1;
	default:
		return 0;
	}
}

static void fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void fail(const char *fmt, ...)
{
	char msg[200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (!__atomic_fetch_add(&stats->failures, 1, __ATOMIC_RELAXED))
		snprintf(stats->first_failure, sizeof(stats->first_failure), "%s", msg);
	fprintf(stderr, "# fuzz: FAIL (seed %llu): %s\n", (unsigned long long)seed, msg);
}

/* A value near a boundary, or random. */
static uint64_t fuzz_u64(struct hdaemu_rng *r)
{
	static const uint64_t edges[] = {
		0, 1, 2, 3, 7, 8, 15, 16, 30, 31, 32, 33, 127, 128, 129, 255, 256, 257,
		4095, 4096, 4097, 0x7fff, 0x8000, 0xffff, 0x10000, 0x7fffffff,
		0x80000000, 0xfffffffe, 0xffffffff, 0x100000000ull, 8388608, 8388609,
		0x7fffffffffffffffull, 0x8000000000000000ull, ~0ull, ~0ull - 1,
	};

	switch (hdaemu_rng_below(r, 4)) {
	case 0:
		return hdaemu_rng_next(r);
	case 1:
		return hdaemu_rng_below(r, 64);
	default:
		return edges[hdaemu_rng_below(r, sizeof(edges) / sizeof(edges[0]))];
	}
}

/* A user pointer for a field: good memory, or memory that faults. */
static uint64_t fuzz_ptr(struct hdaemu_rng *r, size_t good_len)
{
	char *guard = arena + page_size;

	switch (hdaemu_rng_below(r, 8)) {
	case 0:
		return 0;
	case 1:
		return 0xffffffff81000000ull;		/* kernel text */
	case 2:
		return (uint64_t)(uintptr_t)guard;	/* PROT_NONE */
	case 3:
		/* Runs into the guard page part way. */
		return (uint64_t)(uintptr_t)(guard - 1 - hdaemu_rng_below(r, good_len + 1));
	case 4:
		return (uint64_t)(uintptr_t)arena + 1 + hdaemu_rng_below(r, 64);
	case 5:
		return hdaemu_rng_next(r);
	default:
		return (uint64_t)(uintptr_t)(guard + page_size);	/* good page */
	}
}

static uint32_t fuzz_handle(struct hdaemu_rng *r)
{
	switch (hdaemu_rng_below(r, 6)) {
	case 0:
		return (uint32_t)fuzz_u64(r);
	case 1:
		return HDAEMU_BAD_HANDLE;
	default:
		/* Own, another client's, or freed: whatever was handed out. */
		return __atomic_load_n(&stats->handles[hdaemu_rng_below(r, SHARED_HANDLES)],
				       __ATOMIC_RELAXED);
	}
}

/* Fill the good page with things a BDL or handle list might hold. */
static void fill_good_page(struct hdaemu_rng *r)
{
	char *good = arena + 2 * page_size;
	uint32_t *w = (uint32_t *)good;
	long i;

	for (i = 0; i < page_size / 4; i++) {
		switch (hdaemu_rng_below(r, 4)) {
		case 0:
			w[i] = fuzz_handle(r);
			break;
		case 1:
			w[i] = (uint32_t)(i * 128);
			break;
		default:
			w[i] = (uint32_t)fuzz_u64(r);
			break;
		}
	}
}

/* A structure for @cmd: mostly sensible, with a few fields made bad. */
static void build_arg(struct hdaemu_rng *r, unsigned int cmd, void *arg)
{
	uint32_t *w = arg;
	unsigned int n = _IOC_SIZE(cmd) / 4, i;

	/* A random number may claim up to 16 KiB: fuzz what we have. */
	if (n > ARG_BYTES / 4)
		n = ARG_BYTES / 4;

	memset(arg, 0, ARG_BYTES);
	switch (cmd) {
	case HDAEMU_IOC_ALLOC_ENGINE: {
		struct hdaemu_engine_alloc *a = arg;

		a->direction = hdaemu_rng_below(r, 3);
		a->format = hdaemu_fmt_default();
		if (hdaemu_rng_one_in(r, 3))
			a->format = hdaemu_fmt(fuzz_u64(r), fuzz_u64(r), fuzz_u64(r));
		break;
	}
	case HDAEMU_IOC_CHANGE_FORMAT: {
		struct hdaemu_engine_format *f = arg;

		f->handle = fuzz_handle(r);
		f->format = hdaemu_fmt(hdaemu_rng_one_in(r, 2) ? 48000 : 96000, 16,
				       1 + hdaemu_rng_below(r, 16));
		break;
	}
	case HDAEMU_IOC_ALLOC_BUFFER: {
		struct hdaemu_buffer_alloc *b = arg;

		b->handle = fuzz_handle(r);
		b->kind = hdaemu_rng_below(r, 5);
		b->notification_count = b->kind == HDAEMU_BUFFER_NOTIFY ?
					1 + hdaemu_rng_below(r, 2) : 0;
		b->requested_bytes = hdaemu_rng_one_in(r, 2) ? 4096 : fuzz_u64(r);
		if (b->kind == HDAEMU_BUFFER_BDL) {
			b->bdl_entries = hdaemu_rng_one_in(r, 2) ?
					 2 + hdaemu_rng_below(r, 255) : (uint32_t)fuzz_u64(r);
			b->bdl_ptr = fuzz_ptr(r, b->bdl_entries * 16);
		}
		break;
	}
	case HDAEMU_IOC_FREE_BUFFER: {
		struct hdaemu_buffer_free *f = arg;

		f->handle = fuzz_handle(r);
		f->kind = hdaemu_rng_below(r, 5);
		f->size = hdaemu_rng_one_in(r, 2) ? 0 : fuzz_u64(r);
		break;
	}
	case HDAEMU_IOC_SET_STATE: {
		struct hdaemu_set_state *s = arg;

		s->state = hdaemu_rng_one_in(r, 8) ? (uint32_t)fuzz_u64(r) :
			   hdaemu_rng_below(r, 3);
		s->count = hdaemu_rng_one_in(r, 4) ? (uint32_t)fuzz_u64(r) :
			   1 + hdaemu_rng_below(r, 4);
		s->handles_ptr = fuzz_ptr(r, s->count * 4);
		break;
	}
	case HDAEMU_IOC_REGISTER_NOTIFICATION:
	case HDAEMU_IOC_UNREGISTER_NOTIFICATION:
	case HDAEMU_IOC_SET_QUEUE_EVENT:
	case HDAEMU_IOC_REGISTER_UNSOL: {
		/* One of the thread's eventfds (sometimes replaced, so
		 * registered ones get closed), the device itself, nothing,
		 * or a random number. */
		static __thread int efds[4] = { -1, -1, -1, -1 };
		unsigned int k = hdaemu_rng_below(r, 4);
		int32_t efd;

		if (efds[k] < 0 || hdaemu_rng_one_in(r, 16)) {
			if (efds[k] >= 0)
				close(efds[k]);
			efds[k] = hdaemu_eventfd();
		}
		switch (hdaemu_rng_below(r, 4)) {
		case 0:
			efd = efds[k];
			break;
		case 1:
			efd = dev_fd;
			break;
		case 2:
			efd = -1;
			break;
		default:
			efd = (int32_t)fuzz_u64(r);
			break;
		}
		if (cmd == HDAEMU_IOC_SET_QUEUE_EVENT) {
			((struct hdaemu_queue_event *)arg)->eventfd = efd;
		} else if (cmd == HDAEMU_IOC_REGISTER_UNSOL) {
			((struct hdaemu_unsol_register *)arg)->eventfd = efd;
		} else {
			((struct hdaemu_notification *)arg)->handle = fuzz_handle(r);
			((struct hdaemu_notification *)arg)->eventfd = efd;
		}
		break;
	}
	case HDAEMU_IOC_ENABLE_EVENTS:
	case HDAEMU_IOC_DISABLE_EVENTS: {
		struct hdaemu_event_set *e = arg;

		e->handle = hdaemu_rng_one_in(r, 4) ? 0 : fuzz_handle(r);
		e->types = hdaemu_rng_one_in(r, 2) ? HDAEMU_EVENTS_ENGINE : fuzz_u64(r);
		break;
	}
	case HDAEMU_IOC_TRANSFER_VERBS: {
		struct hdaemu_verb_transfer *t = arg;

		t->count = hdaemu_rng_one_in(r, 2) ? 1 + hdaemu_rng_below(r, 8) :
			   (uint32_t)fuzz_u64(r);
		t->verbs_ptr = fuzz_ptr(r, t->count * 16);
		break;
	}
	case HDAEMU_IOC_GET_CONVERTERS: {
		struct hdaemu_converters *cv = arg;

		cv->capacity = hdaemu_rng_below(r, 8);
		cv->entries_ptr = fuzz_ptr(r, cv->capacity * 16);
		break;
	}
	case HDAEMU_IOC_SET_FAULT: {
		/*
		 * Faults of every kind but REMOVE and RETURN (removal.c tests
		 * those: a removal would end every other process's run), mostly
		 * mild; cleared at the end.
		 */
		static const __u32 types[] = {
			HDAEMU_FAULT_CLEAR, HDAEMU_FAULT_JITTER, HDAEMU_FAULT_DROP,
			HDAEMU_FAULT_ALLOC, HDAEMU_FAULT_STALL, HDAEMU_FAULT_DRIFT,
			HDAEMU_FAULT_GRANULARITY,
		};
		struct hdaemu_fault *f = arg;
		/* A field of another type now and then, to hit the checks. */
		bool any = hdaemu_rng_one_in(r, 8);

		f->type = types[hdaemu_rng_below(r, sizeof(types) / sizeof(types[0]))];
		f->target = hdaemu_rng_one_in(r, 2) ? HDAEMU_FAULT_CONTROLLER :
			    hdaemu_rng_below(r, 32);
		f->seed = hdaemu_rng_next(r);
		f->jitter_max_ns = hdaemu_rng_below(r, 2000000);
		f->drop_every = hdaemu_rng_below(r, 8);
		f->drop_permille = hdaemu_rng_below(r, 1001);
		f->alloc_kind = hdaemu_rng_below(r, 5);
		f->alloc_count = hdaemu_rng_below(r, 4);
		if (any || f->type == HDAEMU_FAULT_STALL)
			f->stall_ns = hdaemu_rng_below(r, 20000000);
		if (any || f->type == HDAEMU_FAULT_DRIFT)
			f->drift_ppm = (__s32)hdaemu_rng_below(r, 2001) - 1000;
		if (any || f->type == HDAEMU_FAULT_GRANULARITY) {
			f->position_mode = hdaemu_rng_below(r, 4);
			f->step_us = f->position_mode ? hdaemu_rng_below(r, 20000) : 0;
		}
		break;
	}
	case HDAEMU_IOC_SET_INPUT_SOURCE:
	case HDAEMU_IOC_GET_INPUT_SOURCE: {
		struct hdaemu_input_source *in = arg;

		in->codec_address = hdaemu_rng_below(r, 3);
		in->nid = hdaemu_rng_below(r, 12);
		in->source = hdaemu_rng_below(r, 5);
		if (in->source == HDAEMU_SOURCE_TONE) {
			in->tone_hz = hdaemu_rng_below(r, 100000);
			in->tone_level = hdaemu_rng_below(r, 70000);
		} else if (in->source == HDAEMU_SOURCE_LOOPBACK) {
			in->loopback_nid = hdaemu_rng_below(r, 12);
		}
		break;
	}
	case HDAEMU_IOC_GET_INFO:
	case HDAEMU_IOC_GET_QUEUE_STATUS:
		break;
	default:
		/* Handle first: FREE_ENGINE, GET_POSITION, GET_ENGINE_STATS,
		 * GET_DATA_STATS and numbers this program does not know. */
		if (n)
			w[0] = fuzz_handle(r);
		break;
	}
	/* Then a few fields made bad: flags, pads, reserved, anything. */
	if (n && !hdaemu_rng_one_in(r, 3)) {
		unsigned int k = 1 + hdaemu_rng_below(r, 3);

		for (i = 0; i < k; i++)
			w[hdaemu_rng_below(r, n)] = (uint32_t)fuzz_u64(r);
	}
}

/* The command: a known one, or one with a wrong size, direction or number. */
static unsigned int pick_cmd(struct hdaemu_rng *r)
{
	unsigned int cmd = known_cmds[hdaemu_rng_below(r, sizeof(known_cmds) /
						       sizeof(known_cmds[0]))];

	switch (hdaemu_rng_below(r, 10)) {
	case 0:
		return _IOC(_IOC_DIR(cmd), HDAEMU_IOC_MAGIC, _IOC_NR(cmd),
			    8 * hdaemu_rng_below(r, 17));
	case 1:
		return _IOC(hdaemu_rng_below(r, 4), HDAEMU_IOC_MAGIC, _IOC_NR(cmd),
			    _IOC_SIZE(cmd));
	case 2:
		/* Every number of every area, sizes up to 128. */
		return _IOC(hdaemu_rng_below(r, 4), HDAEMU_IOC_MAGIC,
			    hdaemu_rng_below(r, 0x40), 8 * hdaemu_rng_below(r, 17));
	case 3:
		return (unsigned int)hdaemu_rng_next(r);
	default:
		return cmd;
	}
}

static void count_result(int ret, int err, unsigned int cmd)
{
	ADD(calls, 1);
	if (!ret) {
		ADD(ok, 1);
		return;
	}
	if (err >= 0 && err < 160)
		ADD(by_errno[err], 1);
	if (!allowed_errno(err))
		fail("ioctl %#x returned %d, errno %d (%s)", cmd, ret, err, strerror(err));
}

static void fuzz_ioctl(struct hdaemu_rng *r, char *argbuf)
{
	unsigned int cmd = pick_cmd(r);
	size_t size = _IOC_SIZE(cmd);
	void *arg = argbuf;
	int ret, err;

	if (!size || size > ARG_BYTES)
		size = 16;
	build_arg(r, cmd, argbuf);
	/* The argument itself: usually good, else faulting or cut short. */
	switch (hdaemu_rng_below(r, 12)) {
	case 0:
		arg = NULL;
		break;
	case 1:
		arg = (void *)(uintptr_t)0xffffffff81000000ull;
		break;
	case 2:
		/* The structure's end lies in the guard page. */
		arg = arena + page_size - 1 - hdaemu_rng_below(r, size);
		memcpy(arg, argbuf, (size_t)(arena + page_size - (char *)arg));
		break;
	case 3:
		arg = arena + page_size;
		break;
	default:
		break;
	}
	ret = ioctl(__atomic_load_n(&dev_fd, __ATOMIC_RELAXED), cmd, arg);
	err = ret ? errno : 0;
	count_result(ret, err, cmd);
	/* Keep the handles an allocation gave, for everyone to misuse. */
	if (!ret && cmd == HDAEMU_IOC_ALLOC_ENGINE && arg == argbuf)
		__atomic_store_n(&stats->handles[hdaemu_rng_below(r, SHARED_HANDLES)],
				 ((struct hdaemu_engine_alloc *)argbuf)->handle, __ATOMIC_RELAXED);
}

static void fuzz_mmap(struct hdaemu_rng *r)
{
	static const int prots[] = { PROT_READ, PROT_READ | PROT_WRITE, PROT_WRITE, PROT_NONE };
	uint64_t off;
	size_t len;
	int prot;
	void *m;

	switch (hdaemu_rng_below(r, 3)) {
	case 0:
		off = 0;
		break;
	case 1:
		off = HDAEMU_MMAP_BUFFER(hdaemu_rng_below(r, 34));
		break;
	default:
		off = fuzz_u64(r) & ~(uint64_t)(page_size - 1) & 0x7fffffffffffull;
		break;
	}
	len = (size_t)page_size << hdaemu_rng_below(r, 12);
	prot = prots[hdaemu_rng_below(r, 4)];
	m = mmap(NULL, len, prot,
		 hdaemu_rng_one_in(r, 4) ? MAP_PRIVATE : MAP_SHARED,
		 __atomic_load_n(&dev_fd, __ATOMIC_RELAXED), (off_t)off);
	ADD(mmaps, 1);
	if (m == MAP_FAILED) {
		if (!allowed_errno(errno) && errno != ENXIO)
			fail("mmap at %#llx: %s", (unsigned long long)off, strerror(errno));
		return;
	}
	/* Touch it where that is allowed: the pages must be there. */
	if (prot & PROT_READ)
		(void)*(volatile char *)m;
	if (hdaemu_rng_one_in(r, 2))
		munmap(m, len);
	/* else: left mapped until exit, keeping its client alive a while */
}

/*
 * A valid sequence now and then, so that engines with buffers run, IOCs
 * fire and eventfds count while the fuzzed calls hit them: state errors,
 * frees and closes of running engines.
 */
static void run_an_engine(struct hdaemu_rng *r)
{
	struct hdaemu_stream_format f = hdaemu_fmt_default();
	int fd = __atomic_load_n(&dev_fd, __ATOMIC_RELAXED);
	struct hdaemu_engine_alloc a;
	struct hdaemu_buffer_alloc b;
	static __thread int efd = -1;

	if (hdaemu_alloc_engine(fd, hdaemu_rng_below(r, 2), &f, &a))
		return;
	__atomic_store_n(&stats->handles[hdaemu_rng_below(r, SHARED_HANDLES)], a.handle,
			 __ATOMIC_RELAXED);
	if (hdaemu_alloc_buffer(fd, a.handle, HDAEMU_BUFFER_NOTIFY, 1 + hdaemu_rng_below(r, 2),
				1024u << hdaemu_rng_below(r, 4), &b))
		return;
	if (efd < 0)
		efd = hdaemu_eventfd();
	hdaemu_register(fd, a.handle, efd);
	if (!hdaemu_set_state1(fd, HDAEMU_STATE_STOP, a.handle, NULL) &&
	    !hdaemu_set_state1(fd, HDAEMU_STATE_RUN, a.handle, NULL))
		ADD(running, 1);
}

/* Replace the shared file: calls in flight on the old one finish on it. */
/*
 * The device, non-blocking: threads share it, so a record another thread
 * read between a poll() and a read() must not leave the reader blocked.
 */
static int open_nonblocking(void)
{
	int fd = hdaemu_open();

	if (fd >= 0 && fcntl(fd, F_SETFL, O_NONBLOCK)) {
		close(fd);
		return -1;
	}
	return fd;
}

static void reopen(void)
{
	int fd = open_nonblocking();

	if (fd < 0) {
		/* A mutated SET_FAULT may have removed the controller. */
		if (errno != ENODEV)
			fail("open: %s", strerror(errno));
		return;
	}
	dup2(fd, __atomic_load_n(&dev_fd, __ATOMIC_RELAXED));
	close(fd);
	ADD(reopens, 1);
}

struct thread_arg {
	uint64_t seed;
	uint64_t deadline_ns;
};

static void *fuzz_thread(void *p)
{
	struct thread_arg *ta = p;
	struct hdaemu_rng r;
	char argbuf[ARG_BYTES];
	struct pollfd pfd;
	char rbuf[512];

	hdaemu_rng_seed(&r, ta->seed);
	while (hdaemu_now_ns() < ta->deadline_ns) {
		switch (hdaemu_rng_below(&r, 64)) {
		case 0:
			reopen();
			break;
		case 1: case 2: case 3:
			fuzz_mmap(&r);
			break;
		case 4:
			fill_good_page(&r);
			break;
		case 6:
			run_an_engine(&r);
			break;
		case 5:
			/* The event queue: the file is non-blocking, poll waits 0. */
			pfd.fd = __atomic_load_n(&dev_fd, __ATOMIC_RELAXED);
			pfd.events = POLLIN;
			poll(&pfd, 1, 0);
			if (pfd.revents & POLLIN)
				(void)!read(pfd.fd, rbuf, hdaemu_rng_below(&r, sizeof(rbuf)));
			ADD(other, 1);
			break;
		default:
			fuzz_ioctl(&r, argbuf);
			break;
		}
	}
	return NULL;
}

static void run_process(int proc, uint64_t until_ns, int nthreads)
{
	struct thread_arg ta[MAX_THREADS];
	pthread_t tid[MAX_THREADS];
	int t, fd;

	fd = open_nonblocking();
	if (fd < 0) {
		fail("open: %s", strerror(errno));
		return;
	}
	/* A fixed number well above others, so dup2 never hits another file. */
	dev_fd = dup2(fd, 200 + proc);
	close(fd);
	for (t = 0; t < nthreads; t++) {
		ta[t].seed = seed * 31 + proc * 1000003ull + t;
		ta[t].deadline_ns = until_ns;
		pthread_create(&tid[t], NULL, fuzz_thread, &ta[t]);
	}
	for (t = 0; t < nthreads; t++)
		pthread_join(tid[t], NULL);
}

int main(void)
{
	uint64_t secs = hdaemu_env_u64("HDAEMU_FUZZ_SECONDS", 3);
	int nprocs = (int)hdaemu_env_u64("HDAEMU_FUZZ_PROCS", 2);
	int nthreads = (int)hdaemu_env_u64("HDAEMU_FUZZ_THREADS", 3);
	pid_t pids[MAX_PROCS];
	uint64_t start, until;
	char why[256];
	int i, status, owned, fd, control;

	ksft_print_header();
	ksft_set_plan(1);
	seed = hdaemu_pick_seed();
	if (nprocs < 1 || nprocs > MAX_PROCS || nthreads < 1 || nthreads > MAX_THREADS)
		ksft_exit_fail_msg("procs 1..%d, threads 1..%d\n", MAX_PROCS, MAX_THREADS);
	/* Kept open: it undoes the faults the run sets. */
	control = hdaemu_open();
	if (control < 0)
		ksft_exit_skip(HDAEMU_DEV ": %s\n", strerror(errno));
	page_size = sysconf(_SC_PAGESIZE);
	stats = mmap(NULL, sizeof(*stats), PROT_READ | PROT_WRITE,
		     MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	arena = mmap(NULL, 3 * page_size, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (stats == MAP_FAILED || arena == MAP_FAILED ||
	    mprotect(arena + page_size, page_size, PROT_NONE))
		ksft_exit_fail_msg("mmap: %s\n", strerror(errno));
	ksft_print_msg("fuzz: seed %llu (HDAEMU_SEED=%llu replays it), %d processes x %d threads, %llu s\n",
		       (unsigned long long)seed, (unsigned long long)seed, nprocs, nthreads,
		       (unsigned long long)secs);
	start = hdaemu_now_ns();
	until = start + secs * NSEC_PER_SEC;
	for (i = 0; i < nprocs; i++) {
		pids[i] = fork();
		if (!pids[i]) {
			run_process(i, until, nthreads);
			/* Exit with engines running, buffers mapped, calls made. */
			_exit(0);
		}
	}
	for (i = 0; i < nprocs; i++)
		waitpid(pids[i], &status, 0);
	/*
	 * The fuzzed SET_FAULT calls must not outlive this program. A
	 * mutated one may even remove the controller: bring it back and
	 * clear every fault through the file opened before (SET_FAULT still
	 * works on it after a removal), then check the device opens.
	 */
	{
		struct hdaemu_fault back = {
			.type = HDAEMU_FAULT_RETURN,
			.target = HDAEMU_FAULT_CONTROLLER,
		};
		struct hdaemu_fault clear = {
			.type = HDAEMU_FAULT_CLEAR,
			.target = HDAEMU_FAULT_CONTROLLER,
		};

		ioctl(control, HDAEMU_IOC_SET_FAULT, &back);
		if (ioctl(control, HDAEMU_IOC_SET_FAULT, &clear) && errno != ENOTTY)
			fail("SET_FAULT CLEAR: %s", strerror(errno));
		close(control);
		fd = hdaemu_open();
		if (fd < 0)
			fail("open after the run: %s", strerror(errno));
		else
			close(fd);
	}

	owned = hdaemu_owned_engines(why, sizeof(why));
	ksft_print_msg("fuzz: %llu ioctls in %.1f s (%llu succeeded; EINVAL %llu, ENOENT %llu, EFAULT %llu, ENOTTY %llu, ENOSPC %llu, EBADFD %llu, EBUSY %llu, other errnos %llu), %llu mmaps, %llu reopens, %llu reads/polls, %llu engines started\n",
		       (unsigned long long)stats->calls, (hdaemu_now_ns() - start) / 1e9,
		       (unsigned long long)stats->ok,
		       (unsigned long long)stats->by_errno[EINVAL],
		       (unsigned long long)stats->by_errno[ENOENT],
		       (unsigned long long)stats->by_errno[EFAULT],
		       (unsigned long long)stats->by_errno[ENOTTY],
		       (unsigned long long)stats->by_errno[ENOSPC],
		       (unsigned long long)stats->by_errno[EBADFD],
		       (unsigned long long)stats->by_errno[EBUSY],
		       (unsigned long long)(stats->calls - stats->ok - stats->by_errno[EINVAL] -
					    stats->by_errno[ENOENT] - stats->by_errno[EFAULT] -
					    stats->by_errno[ENOTTY] - stats->by_errno[ENOSPC] -
					    stats->by_errno[EBADFD] - stats->by_errno[EBUSY]),
		       (unsigned long long)stats->mmaps, (unsigned long long)stats->reopens,
		       (unsigned long long)stats->other, (unsigned long long)stats->running);
	if (owned > 0) {
		ksft_print_msg("fuzz: %d engines still owned after all clients closed: %s",
			       owned, why);
		ADD(failures, 1);
	}
	if (stats->failures) {
		ksft_print_msg("fuzz: %llu failures, first: %s (seed %llu)\n",
			       (unsigned long long)stats->failures, stats->first_failure,
			       (unsigned long long)seed);
		ksft_test_result_fail("fuzz\n");
	} else if (!stats->ok) {
		ksft_test_result_fail("fuzz: no call succeeded (seed %llu)\n",
				      (unsigned long long)seed);
	} else {
		ksft_test_result_pass("fuzz\n");
	}
	ksft_finished();
}
