// SPDX-License-Identifier: GPL-2.0
/*
 * The bad-input matrix (Documentation/bad-input.rst): every ioctl against
 * every class of bad input, from one table. For each ioctl the table has a
 * builder that makes an argument the call accepts (checked: the base call
 * must succeed, so a bad-input cell cannot pass by failing for another
 * reason) and the offsets of its handle, flags and must-be-zero fields.
 * Each test takes one class of bad input across the whole table.
 *
 * Also here: output structures carry no stale bytes (the argument is
 * poisoned before the call), debugfs shows no kernel pointers, and the
 * privilege policy (Documentation/bad-input.rst, "Privileges").
 */
#include <dirent.h>
#include <grp.h>
#include <stddef.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "codec_test.h"

#define ARG_MAX		256
#define MAX_ZERO	6
#define NOBODY		65534

struct ctx {
	int fd, fd2, efd, efd2;
	__u32 h;		/* render engine with a _NOTIFY buffer, in Reset */
	__u32 foreign;		/* an engine of fd2 */
	__u32 freed;		/* a handle of fd, freed */
	__u32 handles[1];	/* SET_STATE's list */
	struct hdaemu_verb verb;
	struct hdaemu_converter conv[4];
	unsigned int cad, pin;	/* a jack: codec and pin with presence detect */
	__u32 tag;		/* an unsolicited-response tag of fd */
	__u32 spare_tag;	/* one a builder registered, 0 if none */
	__u32 spares[HDAEMU_MAX_ENGINES];	/* engines builders made */
	__u32 spare_slots[HDAEMU_MAX_ENGINES];	/* and their position slots */
	void *page;		/* fd's position page */
	unsigned int num_spares;
};

/* A range of an argument that must be zero on input. */
struct zrange {
	int off, len;
};

struct ioc {
	const char *name;
	unsigned int cmd;
	int handle_off;		/* -1: no engine handle */
	int flags_off;		/* -1: no flags field */
	struct zrange zero[MAX_ZERO];
	/* Fill @arg with an argument the call accepts; 0 or -1. */
	int (*build)(struct ctx *c, void *arg);
	/* Undo what a successful call made, so the next one works. */
	void (*undo)(struct ctx *c, void *arg);
	/* Only with CAP_SYS_ADMIN. */
	int privileged;
};

#define Z(type, field)	{ offsetof(type, field), sizeof(((type *)0)->field) }
#define NO_Z		{ { -1, 0 } }

static __u32 new_engine(struct ctx *c, int with_buffer)
{
	struct hdaemu_stream_format f = hdaemu_fmt_default();
	struct hdaemu_engine_alloc a;
	struct hdaemu_buffer_alloc b;

	if (hdaemu_alloc_engine(c->fd, HDAEMU_DIR_RENDER, &f, &a))
		return 0;
	c->spare_slots[c->num_spares] = a.position_slot;
	c->spares[c->num_spares++] = a.handle;
	if (with_buffer && hdaemu_alloc_buffer(c->fd, a.handle, HDAEMU_BUFFER_PLAIN, 0, 4096, &b))
		return 0;
	return a.handle;
}

/* Free what the builders made, whatever the calls did with it. */
static void cleanup(struct ctx *c)
{
	struct hdaemu_unsol_ref r = { .tag = c->spare_tag };
	unsigned int i;

	for (i = 0; i < c->num_spares; i++) {
		struct hdaemu_position_slot slot;

		hdaemu_set_state1(c->fd, HDAEMU_STATE_STOP, c->spares[i], NULL);
		hdaemu_set_state1(c->fd, HDAEMU_STATE_RESET, c->spares[i], NULL);
		/* A _NOTIFY buffer is freed with its size: the slot has it. */
		if (c->page && !hdaemu_read_slot(c->page, c->spare_slots[i], &slot))
			hdaemu_free_buffer(c->fd, c->spares[i], HDAEMU_BUFFER_NOTIFY,
					   slot.buffer_bytes);
		hdaemu_free_buffer(c->fd, c->spares[i], HDAEMU_BUFFER_PLAIN, 0);
		hdaemu_free_buffer(c->fd, c->spares[i], HDAEMU_BUFFER_BDL, 0);
		hdaemu_free_engine(c->fd, c->spares[i]);
	}
	c->num_spares = 0;
	if (c->spare_tag)
		ioctl(c->fd, HDAEMU_IOC_UNREGISTER_UNSOL, &r);
	c->spare_tag = 0;
	hdaemu_set_state1(c->fd, HDAEMU_STATE_STOP, c->h, NULL);
	hdaemu_set_state1(c->fd, HDAEMU_STATE_RESET, c->h, NULL);
	hdaemu_unregister(c->fd, c->h, c->efd);
}

static int b_info(struct ctx *c, void *arg) { (void)c; (void)arg; return 0; }

static int b_alloc_engine(struct ctx *c, void *arg)
{
	struct hdaemu_engine_alloc *a = arg;

	(void)c;
	a->direction = HDAEMU_DIR_RENDER;
	a->format = hdaemu_fmt_default();
	return 0;
}

static void u_alloc_engine(struct ctx *c, void *arg)
{
	hdaemu_free_engine(c->fd, ((struct hdaemu_engine_alloc *)arg)->handle);
}

static int b_free_engine(struct ctx *c, void *arg)
{
	struct hdaemu_engine_ref *r = arg;

	r->handle = new_engine(c, 0);
	return r->handle ? 0 : -1;
}

static void u_free_spare(struct ctx *c, void *arg)
{
	(void)arg;
	cleanup(c);
}

static int b_change_format(struct ctx *c, void *arg)
{
	struct hdaemu_engine_format *f = arg;

	f->handle = new_engine(c, 0);
	f->format = hdaemu_fmt(48000, 16, 1);
	return f->handle ? 0 : -1;
}

static int b_alloc_buffer(struct ctx *c, void *arg)
{
	struct hdaemu_buffer_alloc *b = arg;

	b->handle = new_engine(c, 0);
	b->kind = HDAEMU_BUFFER_PLAIN;
	b->requested_bytes = 4096;
	return b->handle ? 0 : -1;
}

static int b_free_buffer(struct ctx *c, void *arg)
{
	struct hdaemu_buffer_free *f = arg;

	f->handle = new_engine(c, 1);
	f->kind = HDAEMU_BUFFER_PLAIN;
	return f->handle ? 0 : -1;
}

static int b_set_state(struct ctx *c, void *arg)
{
	struct hdaemu_set_state *s = arg;

	c->handles[0] = c->h;
	s->state = HDAEMU_STATE_STOP;
	s->count = 1;
	s->handles_ptr = (__u64)(uintptr_t)c->handles;
	return 0;
}

static void u_set_state(struct ctx *c, void *arg)
{
	(void)arg;
	hdaemu_set_state1(c->fd, HDAEMU_STATE_RESET, c->h, NULL);
}

static int b_position(struct ctx *c, void *arg)
{
	((struct hdaemu_position *)arg)->handle = c->h;
	return 0;
}

static int b_register(struct ctx *c, void *arg)
{
	struct hdaemu_notification *n = arg;

	n->handle = c->h;
	n->eventfd = c->efd;
	return 0;
}

static void u_register(struct ctx *c, void *arg)
{
	(void)arg;
	hdaemu_unregister(c->fd, c->h, c->efd);
}

static int b_unregister(struct ctx *c, void *arg)
{
	b_register(c, arg);
	/* Registered for this call; unregistering a second time: ENOENT. */
	hdaemu_unregister(c->fd, c->h, c->efd);
	return hdaemu_register(c->fd, c->h, c->efd);
}

static int b_queue_event(struct ctx *c, void *arg)
{
	((struct hdaemu_queue_event *)arg)->eventfd = c->efd2;
	return 0;
}

static int b_events(struct ctx *c, void *arg)
{
	struct hdaemu_event_set *e = arg;

	e->handle = c->h;
	e->types = 1ull << HDAEMU_EVENT_IOC;
	return 0;
}

static int b_queue_status(struct ctx *c, void *arg) { (void)c; (void)arg; return 0; }

static int b_engine_stats(struct ctx *c, void *arg)
{
	((struct hdaemu_engine_stats *)arg)->handle = c->h;
	return 0;
}

static int b_verbs(struct ctx *c, void *arg)
{
	struct hdaemu_verb_transfer *t = arg;

	/* GET_PARAMETER vendor id of codec 0's root node. */
	memset(&c->verb, 0, sizeof(c->verb));
	c->verb.command = 0x000f0000;
	t->verbs_ptr = (__u64)(uintptr_t)&c->verb;
	t->count = 1;
	return 0;
}

static int b_device_info(struct ctx *c, void *arg) { (void)c; (void)arg; return 0; }

static int b_unsol_register(struct ctx *c, void *arg)
{
	struct hdaemu_unsol_register *u = arg;

	u->eventfd = c->efd2;
	u->tag = 1;
	return 0;
}

static void u_unsol_register(struct ctx *c, void *arg)
{
	struct hdaemu_unsol_ref r = { .tag = ((struct hdaemu_unsol_register *)arg)->tag };

	ioctl(c->fd, HDAEMU_IOC_UNREGISTER_UNSOL, &r);
}

static int b_unsol_unregister(struct ctx *c, void *arg)
{
	struct hdaemu_unsol_register u = { .eventfd = c->efd2 };
	struct hdaemu_unsol_ref *r = arg;

	if (ioctl(c->fd, HDAEMU_IOC_REGISTER_UNSOL, &u))
		return -1;
	c->spare_tag = u.tag;
	r->tag = u.tag;
	return 0;
}

static int b_unsol_read(struct ctx *c, void *arg)
{
	((struct hdaemu_unsol_read *)arg)->tag = c->tag;
	return 0;
}

static int b_jack(struct ctx *c, void *arg)
{
	struct hdaemu_jack *j = arg;

	j->codec_address = c->cad;
	j->nid = c->pin;
	j->present = 1;
	return c->pin ? 0 : -1;
}

static void u_jack(struct ctx *c, void *arg)
{
	(void)arg;
	hdaemu_jack(c->fd, c->cad, c->pin, 0);
}

static int b_converters(struct ctx *c, void *arg)
{
	struct hdaemu_converters *cv = arg;

	cv->entries_ptr = (__u64)(uintptr_t)c->conv;
	cv->capacity = 4;
	return 0;
}

static int b_codec_stats(struct ctx *c, void *arg) { (void)c; (void)arg; return 0; }

/* Silence on the first input pin of codec 0 (GET_INPUT_SOURCE finds it). */
static int b_source(struct ctx *c, void *arg)
{
	struct hdaemu_input_source *in = arg;
	unsigned int nid;

	for (nid = 2; nid < 32; nid++) {
		struct hdaemu_input_source q = { .codec_address = 0, .nid = nid };

		if (!ioctl(c->fd, HDAEMU_IOC_GET_INPUT_SOURCE, &q)) {
			in->codec_address = 0;
			in->nid = nid;
			return 0;
		}
	}
	return -1;
}

static int b_data_stats(struct ctx *c, void *arg)
{
	((struct hdaemu_data_stats *)arg)->handle = c->h;
	return 0;
}

static int b_fault(struct ctx *c, void *arg)
{
	struct hdaemu_fault *f = arg;

	(void)c;
	f->type = HDAEMU_FAULT_CLEAR;
	f->target = HDAEMU_FAULT_CONTROLLER;
	return 0;
}

/* The ioctls, in number order. Codec ioctls are the codecs' tests' too. */
static const struct ioc iocs[] = {
	{ "GET_INFO", HDAEMU_IOC_GET_INFO, -1, offsetof(struct hdaemu_info, flags),
	  { Z(struct hdaemu_info, reserved), { -1, 0 } }, b_info, NULL, 0 },
	{ "ALLOC_ENGINE", HDAEMU_IOC_ALLOC_ENGINE, -1, offsetof(struct hdaemu_engine_alloc, flags),
	  { Z(struct hdaemu_engine_alloc, pad), Z(struct hdaemu_engine_alloc, reserved),
	    Z(struct hdaemu_engine_alloc, format.pad), Z(struct hdaemu_engine_alloc, format.reserved),
	    { -1, 0 } }, b_alloc_engine, u_alloc_engine, 0 },
	{ "FREE_ENGINE", HDAEMU_IOC_FREE_ENGINE, 0, offsetof(struct hdaemu_engine_ref, flags),
	  NO_Z, b_free_engine, NULL, 0 },
	{ "CHANGE_FORMAT", HDAEMU_IOC_CHANGE_FORMAT, 0, offsetof(struct hdaemu_engine_format, flags),
	  { Z(struct hdaemu_engine_format, pad), Z(struct hdaemu_engine_format, reserved),
	    Z(struct hdaemu_engine_format, format.pad),
	    Z(struct hdaemu_engine_format, format.reserved), { -1, 0 } },
	  b_change_format, u_free_spare, 0 },
	{ "ALLOC_BUFFER", HDAEMU_IOC_ALLOC_BUFFER, 0, offsetof(struct hdaemu_buffer_alloc, flags),
	  { Z(struct hdaemu_buffer_alloc, pad), Z(struct hdaemu_buffer_alloc, reserved),
	    { -1, 0 } }, b_alloc_buffer, u_free_spare, 0 },
	{ "FREE_BUFFER", HDAEMU_IOC_FREE_BUFFER, 0, offsetof(struct hdaemu_buffer_free, flags),
	  { Z(struct hdaemu_buffer_free, pad), { -1, 0 } }, b_free_buffer, u_free_spare, 0 },
	{ "SET_STATE", HDAEMU_IOC_SET_STATE, -1, offsetof(struct hdaemu_set_state, flags),
	  { Z(struct hdaemu_set_state, pad), Z(struct hdaemu_set_state, reserved), { -1, 0 } },
	  b_set_state, u_set_state, 0 },
	{ "GET_POSITION", HDAEMU_IOC_GET_POSITION, 0, offsetof(struct hdaemu_position, flags),
	  { Z(struct hdaemu_position, pad), Z(struct hdaemu_position, reserved), { -1, 0 } },
	  b_position, NULL, 0 },
	{ "REGISTER_NOTIFICATION", HDAEMU_IOC_REGISTER_NOTIFICATION, 0,
	  offsetof(struct hdaemu_notification, flags),
	  { Z(struct hdaemu_notification, pad), { -1, 0 } }, b_register, u_register, 0 },
	{ "UNREGISTER_NOTIFICATION", HDAEMU_IOC_UNREGISTER_NOTIFICATION, 0,
	  offsetof(struct hdaemu_notification, flags),
	  { Z(struct hdaemu_notification, pad), { -1, 0 } }, b_unregister, NULL, 0 },
	{ "TRANSFER_VERBS", HDAEMU_IOC_TRANSFER_VERBS, -1,
	  offsetof(struct hdaemu_verb_transfer, flags),
	  { Z(struct hdaemu_verb_transfer, reserved), { -1, 0 } }, b_verbs, NULL, 0 },
	{ "GET_DEVICE_INFO", HDAEMU_IOC_GET_DEVICE_INFO, -1,
	  offsetof(struct hdaemu_device_info, flags),
	  { Z(struct hdaemu_device_info, reserved), { -1, 0 } }, b_device_info, NULL, 0 },
	{ "REGISTER_UNSOL", HDAEMU_IOC_REGISTER_UNSOL, -1,
	  offsetof(struct hdaemu_unsol_register, flags),
	  { Z(struct hdaemu_unsol_register, pad), { -1, 0 } }, b_unsol_register,
	  u_unsol_register, 0 },
	{ "UNREGISTER_UNSOL", HDAEMU_IOC_UNREGISTER_UNSOL, -1,
	  offsetof(struct hdaemu_unsol_ref, flags), NO_Z, b_unsol_unregister, NULL, 0 },
	{ "READ_UNSOL", HDAEMU_IOC_READ_UNSOL, -1, offsetof(struct hdaemu_unsol_read, flags),
	  NO_Z, b_unsol_read, NULL, 0 },
	{ "INJECT_JACK", HDAEMU_IOC_INJECT_JACK, -1, offsetof(struct hdaemu_jack, flags),
	  NO_Z, b_jack, u_jack, 1 },
	{ "GET_CONVERTERS", HDAEMU_IOC_GET_CONVERTERS, -1,
	  offsetof(struct hdaemu_converters, flags),
	  { Z(struct hdaemu_converters, reserved), { -1, 0 } }, b_converters, NULL, 0 },
	{ "GET_CODEC_STATS", HDAEMU_IOC_GET_CODEC_STATS, -1,
	  offsetof(struct hdaemu_codec_stats, flags),
	  { Z(struct hdaemu_codec_stats, reserved), { -1, 0 } }, b_codec_stats, NULL, 0 },
	{ "SET_INPUT_SOURCE", HDAEMU_IOC_SET_INPUT_SOURCE, -1,
	  offsetof(struct hdaemu_input_source, flags),
	  { Z(struct hdaemu_input_source, pad), Z(struct hdaemu_input_source, reserved),
	    Z(struct hdaemu_input_source, tone_hz), Z(struct hdaemu_input_source, tone_level),
	    Z(struct hdaemu_input_source, loopback_nid), { -1, 0 } }, b_source, NULL, 1 },
	{ "GET_INPUT_SOURCE", HDAEMU_IOC_GET_INPUT_SOURCE, -1,
	  offsetof(struct hdaemu_input_source, flags),
	  { Z(struct hdaemu_input_source, pad), Z(struct hdaemu_input_source, reserved),
	    { -1, 0 } }, b_source, NULL, 0 },
	{ "SET_QUEUE_EVENT", HDAEMU_IOC_SET_QUEUE_EVENT, -1,
	  offsetof(struct hdaemu_queue_event, flags), NO_Z, b_queue_event, NULL, 0 },
	{ "ENABLE_EVENTS", HDAEMU_IOC_ENABLE_EVENTS, 0, offsetof(struct hdaemu_event_set, flags),
	  NO_Z, b_events, NULL, 0 },
	{ "DISABLE_EVENTS", HDAEMU_IOC_DISABLE_EVENTS, 0, offsetof(struct hdaemu_event_set, flags),
	  NO_Z, b_events, NULL, 0 },
	{ "GET_QUEUE_STATUS", HDAEMU_IOC_GET_QUEUE_STATUS, -1,
	  offsetof(struct hdaemu_queue_status, flags),
	  { Z(struct hdaemu_queue_status, reserved), { -1, 0 } }, b_queue_status, NULL, 0 },
	{ "GET_ENGINE_STATS", HDAEMU_IOC_GET_ENGINE_STATS, 0,
	  offsetof(struct hdaemu_engine_stats, flags), NO_Z, b_engine_stats, NULL, 0 },
	{ "GET_DATA_STATS", HDAEMU_IOC_GET_DATA_STATS, 0,
	  offsetof(struct hdaemu_data_stats, flags),
	  { Z(struct hdaemu_data_stats, reserved), { -1, 0 } }, b_data_stats, NULL, 0 },
	{ "SET_FAULT", HDAEMU_IOC_SET_FAULT, -1, offsetof(struct hdaemu_fault, flags),
	  { Z(struct hdaemu_fault, position_mode), Z(struct hdaemu_fault, stall_ns),
	    Z(struct hdaemu_fault, drift_ppm), Z(struct hdaemu_fault, step_us), { -1, 0 } },
	  b_fault, NULL, 1 },
};

#define NUM_IOCS	(sizeof(iocs) / sizeof(iocs[0]))

FIXTURE(bad) {
	struct ctx c;
	char *guard;		/* a PROT_NONE page after a good one */
};

static unsigned int find_jack_pin(int fd, unsigned int *cad)
{
	struct hdaemu_codecs_param cp;
	const struct exp_model *m;
	unsigned int i;

	if (hdaemu_codecs_param(fd, &cp) || !cp.mask)
		return 0;
	*cad = hdaemu_lowest(cp.mask);
	m = &exp_models[cp.model[*cad]];
	for (i = 0; i < m->count; i++)
		if ((m->w[i].caps & (1 << 7)) && (m->w[i].pincaps & (1 << 2)))
			return m->w[i].nid;
	return 0;
}

FIXTURE_SETUP(bad)
{
	struct hdaemu_stream_format f = hdaemu_fmt_default();
	struct hdaemu_engine_alloc a;
	struct hdaemu_buffer_alloc b;
	struct ctx *c = &self->c;
	unsigned int i;
	char *m;

	memset(c, 0, sizeof(*c));
	c->fd = hdaemu_open();
	if (c->fd < 0 && errno == ENOENT)
		HDAEMU_SETUP_SKIP(HDAEMU_DEV " is absent: hdaemu not loaded");
	ASSERT_LE(0, c->fd);
	c->fd2 = hdaemu_open();
	ASSERT_LE(0, c->fd2);
	c->efd = hdaemu_eventfd();
	c->efd2 = hdaemu_eventfd();
	ASSERT_LE(0, c->efd);
	ASSERT_LE(0, c->efd2);
	ASSERT_OK(hdaemu_alloc_engine(c->fd, HDAEMU_DIR_RENDER, &f, &a));
	c->h = a.handle;
	ASSERT_OK(hdaemu_alloc_buffer(c->fd, c->h, HDAEMU_BUFFER_NOTIFY, 1, 65536, &b));
	/*
	 * Handles are per-file numbers (generation << 8 | slot): a few
	 * allocations in fd2 make one whose number fd never gives out.
	 */
	for (i = 0; i < 4; i++) {
		ASSERT_OK(hdaemu_alloc_engine(c->fd2, HDAEMU_DIR_RENDER, &f, &a));
		c->foreign = a.handle;
		if (i < 3)
			ASSERT_OK(hdaemu_free_engine(c->fd2, a.handle));
	}
	{
		struct hdaemu_unsol_register u = { .eventfd = c->efd2 };

		ASSERT_OK(ioctl(c->fd, HDAEMU_IOC_REGISTER_UNSOL, &u));
		c->tag = u.tag;
	}
	ASSERT_OK(hdaemu_alloc_engine(c->fd, HDAEMU_DIR_RENDER, &f, &a));
	c->freed = a.handle;
	ASSERT_OK(hdaemu_free_engine(c->fd, c->freed));
	c->pin = find_jack_pin(c->fd, &c->cad);
	c->page = hdaemu_map_position_page(c->fd);
	ASSERT_NE(MAP_FAILED, c->page);
	m = mmap(NULL, 2 * HDAEMU_T_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		 -1, 0);
	ASSERT_NE(MAP_FAILED, m);
	ASSERT_OK(mprotect(m + HDAEMU_T_PAGE, HDAEMU_T_PAGE, PROT_NONE));
	self->guard = m + HDAEMU_T_PAGE;
}

FIXTURE_TEARDOWN(bad)
{
	if (self->c.fd >= 0) {
		if (self->c.pin)
			hdaemu_jack(self->c.fd, self->c.cad, self->c.pin, 0);
		close(self->c.fd);
		close(self->c.fd2);
		close(self->c.efd);
		close(self->c.efd2);
	}
}

/* Whether the ioctl is worth calling here (jack injection needs a pin). */
static int usable(struct ctx *c, const struct ioc *d)
{
	return !(d->cmd == HDAEMU_IOC_INJECT_JACK && !c->pin);
}

/*
 * Build the argument and check the base call succeeds (then undo it), so
 * that each bad-input case below fails for its own reason only.
 */
static int base(struct __test_metadata *_metadata, struct ctx *c, const struct ioc *d,
		void *arg)
{
	memset(arg, 0, ARG_MAX);
	if (d->build(c, arg)) {
		TH_LOG("%s: cannot build a valid argument", d->name);
		return -1;
	}
	return 0;
}

/* The base call itself: it must succeed, or the matrix proves nothing. */
TEST_F(bad, base_calls_succeed)
{
	char arg[ARG_MAX];
	unsigned int i;

	for (i = 0; i < NUM_IOCS; i++) {
		const struct ioc *d = &iocs[i];
		int ret;

		if (!usable(&self->c, d))
			continue;
		ASSERT_EQ(0, base(_metadata, &self->c, d, arg));
		errno = 0;
		ret = ioctl(self->c.fd, d->cmd, arg);
		EXPECT_EQ(0, ret) TH_LOG("%s: base call failed: %s", d->name,
					 hdaemu_errname(errno));
		if (!ret && d->undo)
			d->undo(&self->c, arg);
		cleanup(&self->c);
	}
}

/* Column "unknown command": other sizes, directions, numbers, magic. */
TEST_F(bad, unknown_command)
{
	char arg[ARG_MAX];
	unsigned int i, nr;

	memset(arg, 0, sizeof(arg));
	for (i = 0; i < NUM_IOCS; i++) {
		unsigned int cmd = iocs[i].cmd, size = _IOC_SIZE(cmd), dir = _IOC_DIR(cmd);
		unsigned int variants[] = {
			_IOC(dir, HDAEMU_IOC_MAGIC, _IOC_NR(cmd), size + 8),
			_IOC(dir, HDAEMU_IOC_MAGIC, _IOC_NR(cmd), size - 8),
			_IOC(dir ^ _IOC_READ, HDAEMU_IOC_MAGIC, _IOC_NR(cmd), size),
			_IOC(_IOC_NONE, HDAEMU_IOC_MAGIC, _IOC_NR(cmd), 0),
			_IOC(dir, 'H', _IOC_NR(cmd), size),
		};
		unsigned int v;

		for (v = 0; v < sizeof(variants) / sizeof(variants[0]); v++)
			EXPECT_ERR_MSG(ENOTTY, ioctl(self->c.fd, variants[v], arg),
				       "%s variant %u (%#x)", iocs[i].name, v, variants[v]);
	}
	/* Numbers no ioctl has, in every area. */
	for (nr = 0; nr < 0x40; nr++) {
		int known = 0;

		for (i = 0; i < NUM_IOCS; i++)
			known |= _IOC_NR(iocs[i].cmd) == nr;
		if (!known)
			EXPECT_ERR_MSG(ENOTTY, ioctl(self->c.fd, _IOWR(HDAEMU_IOC_MAGIC, nr, __u64),
						     arg), "number %#x", nr);
	}
}

/* Columns "bad handle", "handle of another client", "handle after free". */
TEST_F(bad, handles)
{
	const __u32 bad[] = { 0, HDAEMU_BAD_HANDLE, 0xffffffff, 0x1, 0x20, 0x21, 0x100 };
	char arg[ARG_MAX];
	unsigned int i, k;

	for (i = 0; i < NUM_IOCS; i++) {
		const struct ioc *d = &iocs[i];
		__u32 which[3 + sizeof(bad) / sizeof(bad[0])];

		if (d->handle_off < 0)
			continue;
		which[0] = self->c.foreign;
		which[1] = self->c.freed;
		for (k = 0; k < sizeof(bad) / sizeof(bad[0]); k++)
			which[2 + k] = bad[k];
		for (k = 0; k < 2 + sizeof(bad) / sizeof(bad[0]); k++) {
			/* Handle 0 means "the device" to the event ioctls. */
			if (!which[k] && (d->cmd == HDAEMU_IOC_ENABLE_EVENTS ||
					  d->cmd == HDAEMU_IOC_DISABLE_EVENTS))
				continue;
			ASSERT_EQ(0, base(_metadata, &self->c, d, arg));
			memcpy(arg + d->handle_off, &which[k], sizeof(__u32));
			EXPECT_ERR_MSG(ENOENT, ioctl(self->c.fd, d->cmd, arg), "%s handle %#x (%s)",
				       d->name, which[k], k == 0 ? "foreign" : k == 1 ? "freed" :
				       "never given");
			cleanup(&self->c);
		}
	}
	/* SET_STATE takes its handles from a list. */
	for (k = 0; k < 2; k++) {
		__u32 h[2] = { self->c.h, k ? self->c.freed : self->c.foreign };

		EXPECT_ERR(ENOENT, hdaemu_set_state(self->c.fd, HDAEMU_STATE_STOP, h, 2, NULL));
		EXPECT_EQ(HDAEMU_STATE_RESET, hdaemu_state_of(self->c.fd, self->c.h));
	}
	/* The other client's engine was not touched. */
	EXPECT_EQ(HDAEMU_STATE_RESET, hdaemu_state_of(self->c.fd2, self->c.foreign));
}

/* Columns "unknown flags" and "non-zero reserved fields". */
TEST_F(bad, flags_and_reserved)
{
	const __u32 flag_values[] = { 1, 2, 0x80, 0x80000000, 0xffffffff };
	char arg[ARG_MAX];
	unsigned int i, k, b;

	for (i = 0; i < NUM_IOCS; i++) {
		const struct ioc *d = &iocs[i];

		if (!usable(&self->c, d))
			continue;
		for (k = 0; d->flags_off >= 0 && k < sizeof(flag_values) / sizeof(flag_values[0]);
		     k++) {
			ASSERT_EQ(0, base(_metadata, &self->c, d, arg));
			memcpy(arg + d->flags_off, &flag_values[k], sizeof(__u32));
			EXPECT_ERR_MSG(EINVAL, ioctl(self->c.fd, d->cmd, arg), "%s flags %#x",
				       d->name, flag_values[k]);
			cleanup(&self->c);
		}
		for (k = 0; k < MAX_ZERO && d->zero[k].off >= 0 && d->zero[k].len; k++) {
			/* The first, the last and a middle byte of each range. */
			int bytes[3] = { 0, d->zero[k].len - 1, d->zero[k].len / 2 };

			for (b = 0; b < 3; b++) {
				ASSERT_EQ(0, base(_metadata, &self->c, d, arg));
				arg[d->zero[k].off + bytes[b]] = 0x01;
				EXPECT_ERR_MSG(EINVAL, ioctl(self->c.fd, d->cmd, arg),
					       "%s reserved byte %d", d->name,
					       d->zero[k].off + bytes[b]);
				cleanup(&self->c);
			}
		}
	}
}

/* Column "bad pointers": the argument, and pointers inside it. */
TEST_F(bad, bad_pointers)
{
	char arg[ARG_MAX];
	unsigned int i;

	for (i = 0; i < NUM_IOCS; i++) {
		const struct ioc *d = &iocs[i];
		size_t size = _IOC_SIZE(d->cmd);
		void *cut;

		if (!usable(&self->c, d))
			continue;
		EXPECT_ERR_MSG(EFAULT, ioctl(self->c.fd, d->cmd, NULL), "%s NULL", d->name);
		EXPECT_ERR_MSG(EFAULT, ioctl(self->c.fd, d->cmd, self->guard), "%s unmapped",
			       d->name);
		EXPECT_ERR_MSG(EFAULT, ioctl(self->c.fd, d->cmd, (void *)0xffffffff81000000ull),
			       "%s kernel address", d->name);
		/* A structure whose last byte is in the unmapped page. */
		ASSERT_EQ(0, base(_metadata, &self->c, d, arg));
		cut = self->guard - size + 1;
		memcpy(cut, arg, size - 1);
		EXPECT_ERR_MSG(EFAULT, ioctl(self->c.fd, d->cmd, cut), "%s cut short", d->name);
		cleanup(&self->c);
	}
}

/* Inner pointers: BDL, handle list, verbs, converters. */
TEST_F(bad, bad_inner_pointers)
{
	const __u64 ptrs[] = { 0, 1, 0xffffffff81000000ull, ~0ull };
	struct hdaemu_buffer_alloc b;
	struct hdaemu_set_state s;
	struct hdaemu_verb_transfer t;
	struct hdaemu_converters cv;
	unsigned int k;

	for (k = 0; k < sizeof(ptrs) / sizeof(ptrs[0]) + 1; k++) {
		__u64 p = k < sizeof(ptrs) / sizeof(ptrs[0]) ? ptrs[k] :
			  (__u64)(uintptr_t)self->guard - 2;

		ASSERT_EQ(0, b_alloc_buffer(&self->c, &b));
		b.kind = HDAEMU_BUFFER_BDL;
		b.bdl_ptr = p;
		b.bdl_entries = 2;
		EXPECT_ERR_MSG(EFAULT, ioctl(self->c.fd, HDAEMU_IOC_ALLOC_BUFFER, &b),
			       "BDL at %#llx", (unsigned long long)p);
		EXPECT_ERR(ENODATA, hdaemu_free_buffer(self->c.fd, b.handle,
						       HDAEMU_BUFFER_PLAIN, 0));
		u_free_spare(&self->c, &b);

		memset(&s, 0, sizeof(s));
		b_set_state(&self->c, &s);
		s.handles_ptr = p;
		EXPECT_ERR_MSG(EFAULT, ioctl(self->c.fd, HDAEMU_IOC_SET_STATE, &s),
			       "handles at %#llx", (unsigned long long)p);

		memset(&t, 0, sizeof(t));
		b_verbs(&self->c, &t);
		t.verbs_ptr = p;
		EXPECT_ERR_MSG(EFAULT, ioctl(self->c.fd, HDAEMU_IOC_TRANSFER_VERBS, &t),
			       "verbs at %#llx", (unsigned long long)p);

		memset(&cv, 0, sizeof(cv));
		b_converters(&self->c, &cv);
		cv.entries_ptr = p;
		if (p)	/* NULL with a capacity: see the converters' own tests */
			EXPECT_ERR_MSG(EFAULT, ioctl(self->c.fd, HDAEMU_IOC_GET_CONVERTERS, &cv),
				       "converters at %#llx", (unsigned long long)p);
	}
}

/* Column "sizes that overflow". */
TEST_F(bad, overflowing_sizes)
{
	static struct hdaemu_verb verbs[HDAEMU_MAX_VERBS + 1];
	const __u64 sizes[] = { 0xffffffffull, 0xfffffffeull, 0x100000000ull,
				0x7fffffffffffffffull, ~0ull };
	const __u32 counts[] = { HDAEMU_MAX_ENGINES + 1, 0x40000000u, 0x80000001u, ~0u };
	const __u32 entries[] = { HDAEMU_BDL_MAX_ENTRIES + 1, 0x10000000u, 0x80000000u, ~0u };
	struct hdaemu_buffer_alloc b;
	struct hdaemu_set_state s;
	struct hdaemu_verb_transfer t;
	unsigned int k;

	for (k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
		__u32 kinds[] = { HDAEMU_BUFFER_PLAIN, HDAEMU_BUFFER_NOTIFY, HDAEMU_BUFFER_BDL };
		struct hdaemu_bdl_entry e[2] = { { 0, 4096, 1 }, { 4096, 4096, 1 } };
		unsigned int j;

		for (j = 0; j < 3; j++) {
			int ret;

			memset(&b, 0, sizeof(b));
			ASSERT_EQ(0, b_alloc_buffer(&self->c, &b))
				TH_LOG("size %#llx kind %u: no engine: %s",
				       (unsigned long long)sizes[k], kinds[j], strerror(errno));
			b.kind = kinds[j];
			b.notification_count = kinds[j] == HDAEMU_BUFFER_NOTIFY;
			b.requested_bytes = sizes[k];
			if (kinds[j] == HDAEMU_BUFFER_BDL) {
				b.bdl_ptr = (__u64)(uintptr_t)e;
				b.bdl_entries = 2;
			}
			errno = 0;
			ret = ioctl(self->c.fd, HDAEMU_IOC_ALLOC_BUFFER, &b);
			/*
			 * Plain and notify: clamped to max_buffer_bytes; BDL:
			 * above max_buffer_bytes is EINVAL.
			 */
			if (kinds[j] != HDAEMU_BUFFER_BDL) {
				EXPECT_EQ(0, ret) TH_LOG("kind %u size %#llx: %s", kinds[j],
							 (unsigned long long)sizes[k],
							 hdaemu_errname(errno));
				if (!ret)
					EXPECT_GE(HDAEMU_T_MAX_BUFFER, b.allocated_bytes);
			} else {
				EXPECT_EQ(-1, ret);
				EXPECT_EQ(EINVAL, errno) TH_LOG("BDL size %#llx: %s",
								(unsigned long long)sizes[k],
								hdaemu_errname(errno));
			}
			cleanup(&self->c);
		}
	}
	for (k = 0; k < sizeof(entries) / sizeof(entries[0]); k++) {
		ASSERT_EQ(0, b_alloc_buffer(&self->c, &b));
		b.kind = HDAEMU_BUFFER_BDL;
		b.bdl_ptr = (__u64)(uintptr_t)verbs;	/* readable, big enough for 257 */
		b.bdl_entries = entries[k];
		EXPECT_ERR_MSG(EINVAL, ioctl(self->c.fd, HDAEMU_IOC_ALLOC_BUFFER, &b),
			       "%u BDL entries", entries[k]);
		cleanup(&self->c);
	}
	for (k = 0; k < sizeof(counts) / sizeof(counts[0]); k++) {
		memset(&s, 0, sizeof(s));
		b_set_state(&self->c, &s);
		s.count = counts[k];
		EXPECT_ERR_MSG(EINVAL, ioctl(self->c.fd, HDAEMU_IOC_SET_STATE, &s),
			       "SET_STATE count %u", counts[k]);
		memset(&t, 0, sizeof(t));
		b_verbs(&self->c, &t);
		t.verbs_ptr = (__u64)(uintptr_t)verbs;
		t.count = counts[k] == HDAEMU_MAX_ENGINES + 1 ? HDAEMU_MAX_VERBS + 1 : counts[k];
		EXPECT_ERR_MSG(EINVAL, ioctl(self->c.fd, HDAEMU_IOC_TRANSFER_VERBS, &t),
			       "TRANSFER_VERBS count %u", t.count);
	}
	/* Zero counts. */
	memset(&s, 0, sizeof(s));
	b_set_state(&self->c, &s);
	s.count = 0;
	EXPECT_ERR(EINVAL, ioctl(self->c.fd, HDAEMU_IOC_SET_STATE, &s));
	memset(&t, 0, sizeof(t));
	b_verbs(&self->c, &t);
	t.count = 0;
	EXPECT_ERR(EINVAL, ioctl(self->c.fd, HDAEMU_IOC_TRANSFER_VERBS, &t));
}

/* Column "misaligned values". */
TEST_F(bad, misaligned)
{
	struct hdaemu_bdl_entry e[2] = { { 0, 4096, 1 }, { 4096, 4096, 1 } };
	struct hdaemu_buffer_alloc b;
	char *odd = (char *)self->guard - HDAEMU_T_PAGE + 1;

	/* BDL fragments off the 128-byte grid, or not whole frames. */
	e[1].offset = 4096 + 64;
	ASSERT_EQ(0, b_alloc_buffer(&self->c, &b));
	EXPECT_ERR(EINVAL, hdaemu_alloc_bdl(self->c.fd, b.handle, 16384, e, 2, &b));
	e[1].offset = 4096;
	e[1].length = 4094;
	EXPECT_ERR(EINVAL, hdaemu_alloc_bdl(self->c.fd, b.handle, 16384, e, 2, &b));
	/* A misaligned argument pointer is fine: the kernel copies bytes. */
	e[1].length = 4096;
	memcpy(odd, e, sizeof(e));
	EXPECT_OK(hdaemu_alloc_bdl(self->c.fd, b.handle, 8192,
				   (struct hdaemu_bdl_entry *)odd, 2, &b));
	hdaemu_free_buffer(self->c.fd, b.handle, HDAEMU_BUFFER_BDL, 0);
	/* mmap offsets off the buffer grid. */
	EXPECT_EQ(EINVAL, hdaemu_mmap_errno(self->c.fd, HDAEMU_T_PAGE, PROT_READ, MAP_SHARED,
					    HDAEMU_MMAP_BUFFER(0) + HDAEMU_T_PAGE));
	u_free_spare(&self->c, &b);
}

/* Column "wrong state". */
TEST_F(bad, wrong_state)
{
	struct ctx *c = &self->c;
	struct hdaemu_buffer_alloc b;
	__u32 spare = new_engine(c, 0);

	ASSERT_NE(0, spare);
	/* No buffer: Stop, Run, FREE_BUFFER, REGISTER. */
	EXPECT_ERR(ENODATA, hdaemu_set_state1(c->fd, HDAEMU_STATE_STOP, spare, NULL));
	EXPECT_ERR(ENODATA, hdaemu_free_buffer(c->fd, spare, HDAEMU_BUFFER_PLAIN, 0));
	EXPECT_ERR(ENODATA, hdaemu_register(c->fd, spare, c->efd));
	/* A plain buffer raises no IOCs: nothing to register on. */
	ASSERT_OK(hdaemu_alloc_buffer(c->fd, spare, HDAEMU_BUFFER_PLAIN, 0, 4096, &b));
	EXPECT_ERR(ENODATA, hdaemu_register(c->fd, spare, c->efd));
	/* Reset -> Run, Run -> Reset. */
	EXPECT_ERR(EBADFD, hdaemu_set_state1(c->fd, HDAEMU_STATE_RUN, spare, NULL));
	ASSERT_OK(hdaemu_set_state1(c->fd, HDAEMU_STATE_STOP, spare, NULL));
	ASSERT_OK(hdaemu_set_state1(c->fd, HDAEMU_STATE_RUN, spare, NULL));
	EXPECT_ERR(EBADFD, hdaemu_set_state1(c->fd, HDAEMU_STATE_RESET, spare, NULL));
	/* Running: no buffer change, no format change, no free. */
	EXPECT_ERR(EBADFD, hdaemu_free_buffer(c->fd, spare, HDAEMU_BUFFER_PLAIN, 0));
	EXPECT_ERR(EBADFD, hdaemu_alloc_buffer(c->fd, spare, HDAEMU_BUFFER_PLAIN, 0, 4096, &b));
	EXPECT_ERR(EBADFD, hdaemu_free_engine(c->fd, spare));
	ASSERT_OK(hdaemu_set_state1(c->fd, HDAEMU_STATE_STOP, spare, NULL));
	ASSERT_OK(hdaemu_set_state1(c->fd, HDAEMU_STATE_RESET, spare, NULL));
	/* In Reset with a buffer: no second buffer, no free of the engine. */
	EXPECT_ERR(EEXIST, hdaemu_alloc_buffer(c->fd, spare, HDAEMU_BUFFER_PLAIN, 0, 4096, &b));
	EXPECT_ERR(EBUSY, hdaemu_free_engine(c->fd, spare));
	/* Registered twice: EEXIST; unregistered twice: ENOENT. */
	ASSERT_OK(hdaemu_register(c->fd, c->h, c->efd));
	EXPECT_ERR(EEXIST, hdaemu_register(c->fd, c->h, c->efd));
	ASSERT_OK(hdaemu_unregister(c->fd, c->h, c->efd));
	EXPECT_ERR(ENOENT, hdaemu_unregister(c->fd, c->h, c->efd));
	u_free_spare(c, &spare);
}

/*
 * Output fields are written in full: poison them, call, and check each
 * holds its real value. (Inputs, pads and reserved fields must be 0, so
 * the ABI has no output-only padding a stale byte could hide in.)
 */
TEST_F(bad, position_poisoned_output)
{
	struct hdaemu_position p;
	__u64 before = hdaemu_now_ns();

	memset(&p, 0xa5, sizeof(p));
	p.handle = self->c.h;
	p.flags = 0;
	p.pad = 0;
	memset(p.reserved, 0, sizeof(p.reserved));
	ASSERT_OK(ioctl(self->c.fd, HDAEMU_IOC_GET_POSITION, &p));
	EXPECT_EQ(0u, p.link_position);
	EXPECT_EQ((__u32)HDAEMU_STATE_RESET, p.state);
	EXPECT_EQ(0u, p.bytes);
	EXPECT_EQ(0u, p.ioc_count);
	EXPECT_LE(before, p.timestamp_ns);
	EXPECT_GE(hdaemu_now_ns(), p.timestamp_ns);
	EXPECT_EQ(0u, p.pad);
	EXPECT_EQ(0u, p.reserved[0]);
	EXPECT_EQ(0u, p.reserved[1]);
}

/* GET_INFO fills in every field even over a poisoned (but valid) input. */
TEST_F(bad, info_poisoned_output)
{
	struct hdaemu_info info, ref;

	ASSERT_OK(hdaemu_get_info(self->c.fd, &ref));
	/* Poison every output field; inputs (flags, reserved) stay 0. */
	memset(&info, 0xa5, sizeof(info));
	info.flags = 0;
	memset(info.reserved, 0, sizeof(info.reserved));
	ASSERT_OK(ioctl(self->c.fd, HDAEMU_IOC_GET_INFO, &info));
	EXPECT_EQ(0, memcmp(&ref, &info, sizeof(info)));
}

/* ALLOC_ENGINE and ALLOC_BUFFER overwrite their poisoned output fields. */
TEST_F(bad, alloc_poisoned_output)
{
	struct hdaemu_engine_alloc a;
	struct hdaemu_buffer_alloc b;

	ASSERT_EQ(0, b_alloc_engine(&self->c, memset(&a, 0, sizeof(a))));
	a.handle = 0xa5a5a5a5;
	a.converter_format = 0xa5a5;
	a.stream_tag = 0xa5;
	a.position_slot = 0xa5;
	a.engine_index = 0xa5a5a5a5;
	ASSERT_OK(ioctl(self->c.fd, HDAEMU_IOC_ALLOC_ENGINE, &a));
	EXPECT_NE(0xa5a5a5a5u, a.handle);
	EXPECT_EQ(0x0011, a.converter_format);
	EXPECT_GE(15, a.stream_tag);
	EXPECT_GT(HDAEMU_POSITION_SLOTS, a.position_slot);
	EXPECT_GT(HDAEMU_MAX_ENGINES, a.engine_index);
	memset(&b, 0xa5, sizeof(b));
	b.handle = a.handle;
	b.flags = 0;
	b.kind = HDAEMU_BUFFER_PLAIN;
	b.notification_count = 0;
	b.requested_bytes = 4096;
	b.bdl_ptr = 0;
	b.bdl_entries = 0;
	b.pad = 0;
	memset(b.reserved, 0, sizeof(b.reserved));
	ASSERT_OK(ioctl(self->c.fd, HDAEMU_IOC_ALLOC_BUFFER, &b));
	EXPECT_EQ(4096u, b.allocated_bytes);
	EXPECT_EQ(0u, b.offset_from_first_page);
	EXPECT_EQ(HDAEMU_MMAP_BUFFER(a.position_slot), b.mmap_offset);
	EXPECT_EQ(a.stream_tag, b.stream_id);
	EXPECT_EQ(HDAEMU_T_FIFO, b.fifo_bytes);
}

/* A line that holds what looks like an x86-64 kernel address. */
static int has_kernel_pointer(const char *line)
{
	static const char *const prefixes[] = {
		"ffff8", "ffff9", "ffffa", "ffffb", "ffffc", "ffffd", "ffffe", "ffffffff",
	};
	unsigned int i, k;

	for (i = 0; line[i]; i++)
		for (k = 0; k < sizeof(prefixes) / sizeof(prefixes[0]); k++)
			if (!strncasecmp(line + i, prefixes[k], strlen(prefixes[k])))
				return 1;
	return 0;
}

/* Every readable file below @dir; returns the number read. */
static unsigned int scan_debugfs(struct __test_metadata *_metadata, const char *dir)
{
	unsigned int seen = 0;
	struct dirent *de;
	char path[512], line[1024];
	DIR *d = opendir(dir);

	if (!d)
		return 0;
	while ((de = readdir(d))) {
		struct stat st;
		FILE *f;

		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (stat(path, &st))
			continue;
		if (S_ISDIR(st.st_mode)) {
			seen += scan_debugfs(_metadata, path);
			continue;
		}
		f = fopen(path, "re");
		if (!f)
			continue;
		seen++;
		while (fgets(line, sizeof(line), f))
			if (has_kernel_pointer(line)) {
				TH_LOG("%s: looks like a kernel address: %s", path, line);
				EXPECT_TRUE(0);
			}
		fclose(f);
	}
	closedir(d);
	return seen;
}

/* debugfs: clients by number, never a kernel address; engines running. */
TEST_F(bad, debugfs_has_no_pointers)
{
	__u32 h = new_engine(&self->c, 1);

	if (access("/sys/kernel/debug/hdaemu", R_OK))
		SKIP(return, "no /sys/kernel/debug/hdaemu (debugfs not mounted?)");
	ASSERT_NE(0u, h);
	ASSERT_OK(hdaemu_set_state1(self->c.fd, HDAEMU_STATE_STOP, h, NULL));
	ASSERT_OK(hdaemu_set_state1(self->c.fd, HDAEMU_STATE_RUN, h, NULL));
	EXPECT_LT(0u, scan_debugfs(_metadata, "/sys/kernel/debug/hdaemu"));
	cleanup(&self->c);
}

/*
 * Privileges: /dev/hdaemu is 0660 root:root (a udev rule may give it a
 * group); an fd opened by root and handed to an unprivileged process works
 * for every per-client call, and the calls that affect other clients
 * (jack injection) need CAP_SYS_ADMIN.
 */
TEST_F(bad, unprivileged)
{
	struct stat st;
	pid_t pid;
	int status;

	if (geteuid() != 0)
		SKIP(return, "needs root to drop privileges");
	ASSERT_OK(stat(HDAEMU_DEV, &st));
	EXPECT_EQ(0660u, st.st_mode & 0777) TH_LOG("mode %o", st.st_mode & 0777);
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		struct hdaemu_stream_format f = hdaemu_fmt_default();
		struct hdaemu_engine_alloc a;
		struct hdaemu_buffer_alloc b;
		struct hdaemu_info info;
		int fd = self->c.fd;

		if (setgroups(0, NULL) || setgid(NOBODY) || setuid(NOBODY))
			_exit(10);
		/* Not in the device's group: no open. */
		if (hdaemu_open() != -1 || errno != EACCES)
			_exit(11);
		/* The inherited file works. */
		if (hdaemu_get_info(fd, &info))
			_exit(12);
		if (hdaemu_alloc_engine(fd, HDAEMU_DIR_RENDER, &f, &a))
			_exit(13);
		if (hdaemu_alloc_buffer(fd, a.handle, HDAEMU_BUFFER_NOTIFY, 1, 8192, &b))
			_exit(14);
		if (hdaemu_mmap_errno(fd, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, b.mmap_offset))
			_exit(15);
		if (hdaemu_set_state1(fd, HDAEMU_STATE_STOP, a.handle, NULL) ||
		    hdaemu_set_state1(fd, HDAEMU_STATE_RUN, a.handle, NULL))
			_exit(16);
		if (hdaemu_verb1(fd, 0x000f0000) == 0)
			_exit(17);
		/* Privileged: EPERM, and nothing changes. */
		if (self->c.pin && (hdaemu_jack(fd, self->c.cad, self->c.pin, 1) != -1 ||
				    errno != EPERM))
			_exit(18);
		{
			struct hdaemu_fault flt = {
				.type = HDAEMU_FAULT_DROP,
				.target = HDAEMU_FAULT_CONTROLLER,
				.drop_every = 1,
			};

			if (ioctl(fd, HDAEMU_IOC_SET_FAULT, &flt) != -1 || errno != EPERM)
				_exit(19);
		}
		_exit(0);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status)) TH_LOG("unprivileged child: step %d failed",
						 WEXITSTATUS(status));
}

TEST_HARNESS_MAIN
