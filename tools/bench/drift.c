// SPDX-License-Identifier: GPL-2.0
/*
 * hdaemu-bench, item 3: drift. Engines run for the whole phase, most of
 * them in run/pause cycles at a high rate, one without a pause. The
 * benchmark keeps its own model of each engine, from nothing but the
 * instants SET_STATE returns (CLOCK_MONOTONIC) and the timing model of
 * Documentation/timing.rst, in exact integer arithmetic:
 *
 *   bytes after a run = bytes at its anchor + floor((stop - run) * r / 1e9) * f
 *   IOC at byte X due = run + ceil((X - bytes at run) / f * 1e9 / r)
 *   wall clock at t   = (u32)((t - base) * 3 / 125)
 *
 * and compares, exactly: every IOC record's sequence, due time, link
 * position and wall clock; GET_POSITION's bytes, link position, wall clock
 * and IOC count, and the position page's slot, during runs and after each
 * Stop; the state records' byte counts. The error must be zero frames and
 * zero IOCs, not small.
 *
 * One race is documented (timing.rst): a Stop cancels an IOC that fell due
 * but whose interrupt had not run yet. The benchmark stops an engine just
 * after an IOC, a good part of a period before the next is due, so that
 * it does not happen; an IOC a Stop still cancelled is reported, not
 * hidden, and the IOC count must equal the points passed less those.
 *
 * Records the queue dropped because this reader was late are counted
 * apart (the reader's fault, not the emulator's): the checks resume at the
 * next record, whose sequence number says where it belongs.
 */
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench.h"

struct drift_cfg {
	const char *name;
	uint32_t rate;
	uint16_t channels, valid_bits, container_bits;
	uint32_t period_frames;
	bool cycles;
};

static const struct drift_cfg drift_cfgs[] = {
	/* 10 ms, one anchor for the whole phase: the long run. */
	{ "48k-480f-continuous", 48000, 2, 16, 16, 480, false },
	{ "48k-480f-cycles", 48000, 2, 16, 16, 480, true },
	/* 725.62 us: a period that is no whole number of ns. */
	{ "44.1k-32f-cycles", 44100, 2, 16, 16, 32, true },
	/* 5.805 ms, mono: two-byte frames. */
	{ "11.025k-64f-cycles", 11025, 1, 16, 16, 64, true },
	/* 4 ms, 24 bits in 32: eight-byte frames. */
	{ "32k-128f-cycles", 32000, 2, 24, 32, 128, true },
};

#define DRIFT_ENGINES	ARRAY_SIZE(drift_cfgs)

struct drift_eng {
	const struct drift_cfg *cfg;
	struct hda h;
	struct hda_engine e;
	uint64_t rng;
	uint64_t end;
	bool smoke;

	/* The model. */
	uint64_t bytes;		/* at the last transition */
	uint64_t t_run;		/* the current run's anchor */
	uint64_t next_x;	/* byte count of the next IOC point */
	uint64_t ioc_seq;	/* IOCs raised since Reset, as the records say */
	uint64_t cancelled;	/* IOCs a Stop cancelled (the documented race) */
	uint32_t expect_state[4];	/* state records to come, in order */
	uint64_t expect_state_bytes[4];
	unsigned int n_expect;

	/* What was checked, and what disagreed. */
	uint64_t stream_ns, cycles, iocs, records, pos_checks, state_checks;
	uint64_t pos_err_frames;	/* largest |kernel - model|, in frames */
	uint64_t ioc_count_err;		/* largest |kernel - model| IOC count */
	uint64_t due_err, lpib_err, wc_err, seq_err, state_err, page_err;
	uint64_t dropped;		/* records the queue dropped: the reader was late */
	bool resync;
	int failed;			/* an ioctl failed */
};

static uint64_t absdiff(uint64_t a, uint64_t b)
{
	return a > b ? a - b : b - a;
}

static uint64_t drift_due(const struct drift_eng *d, uint64_t x)
{
	return due_after(d->t_run, (x - d->bytes) / d->e.frame_bytes, d->e.rate);
}

static uint64_t period_ns(const struct drift_eng *d)
{
	return due_after(0, d->e.period_frames, d->e.rate);
}

static void expect_state(struct drift_eng *d, uint32_t to, uint64_t bytes)
{
	if (d->n_expect < ARRAY_SIZE(d->expect_state)) {
		d->expect_state[d->n_expect] = to;
		d->expect_state_bytes[d->n_expect] = bytes;
		d->n_expect++;
	}
}

static void check_record(struct drift_eng *d, const struct hdaemu_event_record *r)
{
	const struct hdaemu_position_header *hdr = d->h.page;
	uint64_t x, due, expect;
	unsigned int i;

	switch (r->type) {
	case HDAEMU_EVENT_IOC:
		d->records++;
		/*
		 * The newest IOC of the record: the points lie at multiples of
		 * the period from Reset, less the ones a Stop cancelled. After
		 * records were dropped (the reader was late: not the emulator's
		 * error, counted apart) the check resumes at this one.
		 */
		x = (r->ioc.sequence + d->cancelled) * d->e.period_bytes;
		expect = d->next_x + (uint64_t)(r->ioc.count - 1) * d->e.period_bytes;
		if (d->resync ? x < expect :
		    r->ioc.sequence != d->ioc_seq + r->ioc.count || x != expect)
			d->seq_err++;
		d->resync = false;
		due = drift_due(d, x);
		if (r->timestamp_ns != due)
			d->due_err++;
		if (r->ioc.link_position != x % d->e.cbl)
			d->lpib_err++;
		if (r->ioc.wallclock != wallclock_at(hdr->wallclock_base_ns, due))
			d->wc_err++;
		if (r->ioc.interrupt_ns < r->timestamp_ns)
			d->due_err++;
		d->iocs += r->ioc.sequence - d->ioc_seq;
		d->ioc_seq = r->ioc.sequence;
		d->next_x = x + d->e.period_bytes;
		break;
	case HDAEMU_EVENT_STATE:
		d->state_checks++;
		if (!d->n_expect || r->state.to != d->expect_state[0] ||
		    r->state.bytes != d->expect_state_bytes[0]) {
			d->state_err++;
			break;
		}
		for (i = 1; i < d->n_expect; i++) {
			d->expect_state[i - 1] = d->expect_state[i];
			d->expect_state_bytes[i - 1] = d->expect_state_bytes[i];
		}
		d->n_expect--;
		break;
	case HDAEMU_EVENT_OVERFLOW:
		d->dropped += r->overflow.dropped;
		/* Dropped state records cannot be matched any more. */
		if (r->overflow.dropped_by_type[HDAEMU_EVENT_STATE])
			d->n_expect = 0;
		d->resync = true;
		break;
	default:
		break;
	}
}

/* Read every record waiting; return how many IOC records there were. */
static int drain(struct drift_eng *d)
{
	struct hdaemu_event_record r[32];
	int n, i, iocs = 0;

	while ((n = read(d->h.fd, r, sizeof(r))) > 0) {
		for (i = 0; i < n / (int)sizeof(r[0]); i++) {
			iocs += r[i].type == HDAEMU_EVENT_IOC;
			check_record(d, &r[i]);
		}
	}
	return iocs;
}

static void note_pos_err(struct drift_eng *d, uint64_t kernel, uint64_t model)
{
	uint64_t err;

	if (kernel == model)
		return;
	err = absdiff(kernel, model) / d->e.frame_bytes;
	if (!err)
		err = 1;	/* off by less than a frame is still wrong */
	if (err > d->pos_err_frames)
		d->pos_err_frames = err;
}

/* GET_POSITION and the position page against the model, while running. */
static void check_running(struct drift_eng *d)
{
	const struct hdaemu_position_header *hdr = d->h.page;
	struct hdaemu_position_slot slot;
	struct hdaemu_position p;
	uint64_t model;

	if (hda_position(&d->h, &d->e, &p)) {
		d->failed = 1;
		return;
	}
	d->pos_checks++;
	model = d->bytes + frames_in(p.timestamp_ns - d->t_run, d->e.rate) * d->e.frame_bytes;
	note_pos_err(d, p.bytes, model);
	if (p.link_position != model % d->e.cbl)
		d->lpib_err++;
	if (p.wallclock != wallclock_at(hdr->wallclock_base_ns, p.timestamp_ns))
		d->wc_err++;
	/* Raised IOCs: at least those read, at most the points passed. */
	if (p.ioc_count < d->ioc_seq || p.ioc_count + d->cancelled > model / d->e.period_bytes)
		d->seq_err++;
	hda_slot_read(&d->h, &d->e, &slot);
	if (slot.state != HDAEMU_STATE_RUN || slot.anchor_ns != d->t_run ||
	    slot.anchor_bytes != d->bytes || hdaemu_slot_bytes_at(&slot, p.timestamp_ns) != p.bytes)
		d->page_err++;
}

/* After a Stop at @t_stop: the model moves on, the kernel must agree. */
static void check_stopped(struct drift_eng *d, uint64_t t_stop)
{
	struct pollfd pfd = { .fd = d->h.fd, .events = POLLIN };
	struct hdaemu_position_slot slot;
	struct hdaemu_position p;
	uint64_t model, ideal_iocs, err, give_up;

	model = d->bytes + frames_in(t_stop - d->t_run, d->e.rate) * d->e.frame_bytes;
	d->stream_ns += t_stop - d->t_run;
	expect_state(d, HDAEMU_STATE_STOP, model);
	if (hda_position(&d->h, &d->e, &p)) {
		d->failed = 1;
		return;
	}
	/*
	 * The records of the IOCs raised before the Stop: an interrupt that
	 * raised its IOCs just before the Stop may queue its record just
	 * after it returned, so wait for them (up to a second: the host may
	 * preempt the emulated CPU in the middle of that interrupt).
	 */
	give_up = now_ns() + NSEC_PER_SEC;
	drain(d);
	while (d->ioc_seq < p.ioc_count && now_ns() < give_up) {
		poll(&pfd, 1, 10);
		drain(d);
	}
	if (d->resync) {
		/* The last records were dropped: take up the count from here. */
		d->iocs += p.ioc_count - d->ioc_seq;
		d->ioc_seq = p.ioc_count;
		d->next_x = (d->ioc_seq + d->cancelled + 1) * d->e.period_bytes;
		d->resync = false;
	}
	d->pos_checks++;
	note_pos_err(d, p.bytes, model);
	if (p.state != HDAEMU_STATE_STOP || p.link_position != model % d->e.cbl)
		d->lpib_err++;
	if (p.ioc_count != d->ioc_seq)
		d->seq_err++;
	/*
	 * An IOC point the count passed, due before the Stop, with no record:
	 * the Stop cancelled it (the documented race, which the choice of the
	 * Stop's moment makes rare). The next run starts past it.
	 */
	if (model >= d->next_x && t_stop >= drift_due(d, d->next_x) && p.ioc_count == d->ioc_seq)
		d->cancelled += (model - d->next_x) / d->e.period_bytes + 1;
	ideal_iocs = model / d->e.period_bytes;
	err = absdiff(p.ioc_count + d->cancelled, ideal_iocs);
	if (err > d->ioc_count_err)
		d->ioc_count_err = err;
	hda_slot_read(&d->h, &d->e, &slot);
	if (slot.state != HDAEMU_STATE_STOP || slot.anchor_bytes != model ||
	    slot.ioc_count != p.ioc_count)
		d->page_err++;
	d->bytes = model;
}

static void *drift_thread(void *arg)
{
	struct drift_eng *d = arg;
	struct pollfd pfd = { .fd = d->h.fd, .events = POLLIN };
	uint64_t t, t_stop, run_end, last_check, per = period_ns(d);
	bool stop_now;
	int iocs;

	while (now_ns() < d->end && !d->failed) {
		expect_state(d, HDAEMU_STATE_RUN, d->bytes);
		if (hda_set_state1(&d->h, &d->e, HDAEMU_STATE_RUN, &d->t_run)) {
			d->failed = 1;
			break;
		}
		d->cycles++;
		/* The kernel's first IOC point: the first one past the count. */
		d->next_x = (d->bytes / d->e.period_bytes + 1) * d->e.period_bytes;
		if (d->cfg->cycles)
			run_end = d->t_run + (d->smoke ? 30 : 20) * NSEC_PER_MSEC +
				  rng_next(&d->rng) % ((d->smoke ? 100 : 230) * NSEC_PER_MSEC);
		else
			run_end = d->end;
		if (run_end > d->end)
			run_end = d->end;
		last_check = d->t_run;
		check_running(d);
		for (;;) {
			poll(&pfd, 1, 50);
			iocs = drain(d);
			t = now_ns();
			if (t - last_check > 100 * NSEC_PER_MSEC) {
				check_running(d);
				last_check = t;
			}
			if (t < run_end)
				continue;
			/*
			 * Stop just after an IOC, with most of a period to go
			 * before the next one is due; else wait for the next.
			 */
			stop_now = (iocs && drift_due(d, d->next_x) > t + per / 4) ||
				   t > run_end + 50 * per + 100 * NSEC_PER_MSEC;
			if (stop_now)
				break;
		}
		if (hda_set_state1(&d->h, &d->e, HDAEMU_STATE_STOP, &t_stop)) {
			d->failed = 1;
			break;
		}
		check_stopped(d, t_stop);
		if (d->cfg->cycles)
			sleep_ns(rng_next(&d->rng) % (20 * NSEC_PER_MSEC));
	}
	drain(d);
	if (d->n_expect)
		d->state_err += d->n_expect;
	return NULL;
}

static int drift_setup(struct drift_eng *d, const struct drift_cfg *cfg)
{
	const struct drift_cfg *c = cfg;
	int ret;

	d->cfg = cfg;
	ret = hda_open(&d->h, true);
	if (ret)
		return ret;
	ret = hda_engine_alloc_any(&d->h, &d->e, c->rate, c->channels, c->valid_bits,
				   c->container_bits);
	if (!ret)
		ret = hda_buffer_notify(&d->h, &d->e, c->period_frames);
	if (!ret)
		ret = hda_enable_events(&d->h, &d->e, (1ull << HDAEMU_EVENT_IOC) |
				       (1ull << HDAEMU_EVENT_STATE));
	if (!ret) {
		expect_state(d, HDAEMU_STATE_STOP, 0);
		ret = hda_set_state1(&d->h, &d->e, HDAEMU_STATE_STOP, NULL);
	}
	return ret;
}

int phase_drift(const struct bench_opts *o)
{
	struct drift_eng *d = calloc(DRIFT_ENGINES, sizeof(*d));
	pthread_t th[DRIFT_ENGINES];
	uint64_t end, total_ns = 0, total_iocs = 0, worst_pos = 0, worst_ioc = 0, bad = 0;
	unsigned int i;
	int fail = 0, ret;
	char sbuf[24];

	if (!d)
		return 1;
	say("drift: %zu engines, %.1f s, run/pause cycles", DRIFT_ENGINES, o->drift_s);
	for (i = 0; i < DRIFT_ENGINES; i++) {
		ret = drift_setup(&d[i], &drift_cfgs[i]);
		if (ret) {
			say("drift: %s: setup: %s", drift_cfgs[i].name, strerror(-ret));
			return 1;
		}
		d[i].rng = 0x5eed0000 + i;
		d[i].smoke = o->smoke;
	}
	end = now_ns() + (uint64_t)(o->drift_s * 1e9);
	for (i = 0; i < DRIFT_ENGINES; i++) {
		d[i].end = end;
		if (pthread_create(&th[i], NULL, drift_thread, &d[i])) {
			say("drift: pthread_create failed");
			exit(1);
		}
	}
	for (i = 0; i < DRIFT_ENGINES; i++)
		pthread_join(th[i], NULL);

	out_md("## Drift");
	out_md("%s", "");
	out_md("Each engine against a model built from the SET_STATE instants alone, in exact "
	       "integer arithmetic; %.0f s of wall time. Errors are the largest difference "
	       "anywhere, in frames and IOCs; mismatches count IOC records, GET_POSITION "
	       "results, position page slots and state records that differ in any field.",
	       o->drift_s);
	out_md("%s", "");
	out_md("| engine | stream time | runs | IOCs checked | position reads | "
	       "position error | IOC count error | mismatches | IOCs cancelled by a Stop |");
	out_md("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
	for (i = 0; i < DRIFT_ENGINES; i++) {
		struct drift_eng *x = &d[i];
		uint64_t mism = x->due_err + x->lpib_err + x->wc_err + x->seq_err + x->state_err +
				x->page_err;

		fmt_ns(sbuf, sizeof(sbuf), (double)x->stream_ns);
		out_md("| %s | %s | %llu | %llu | %llu | %llu frames | %llu | %llu | %llu |",
		       x->cfg->name, sbuf, (unsigned long long)x->cycles,
		       (unsigned long long)x->iocs, (unsigned long long)x->pos_checks,
		       (unsigned long long)x->pos_err_frames,
		       (unsigned long long)x->ioc_count_err, (unsigned long long)mism,
		       (unsigned long long)x->cancelled);
		out_csv("drift", x->cfg->name, "", "stream_time", (double)x->stream_ns, "ns");
		out_csv("drift", x->cfg->name, "", "runs", (double)x->cycles, "count");
		out_csv("drift", x->cfg->name, "", "iocs_checked", (double)x->iocs, "count");
		out_csv("drift", x->cfg->name, "", "position_reads", (double)x->pos_checks, "count");
		out_csv("drift", x->cfg->name, "", "position_error", (double)x->pos_err_frames,
			"frames");
		out_csv("drift", x->cfg->name, "", "ioc_count_error", (double)x->ioc_count_err,
			"iocs");
		out_csv("drift", x->cfg->name, "", "mismatches", (double)mism, "count");
		out_csv("drift", x->cfg->name, "", "cancelled_by_stop", (double)x->cancelled,
			"iocs");
		out_csv("drift", x->cfg->name, "", "records_dropped", (double)x->dropped, "count");
		if (x->dropped)
			say("drift: %s: the queue dropped %llu records (the reader was late); "
			    "checked from the next one on", x->cfg->name,
			    (unsigned long long)x->dropped);
		if (mism || x->failed) {
			say("drift: %s: due %llu lpib %llu wallclock %llu seq %llu state %llu "
			    "page %llu dropped %llu%s", x->cfg->name,
			    (unsigned long long)x->due_err, (unsigned long long)x->lpib_err,
			    (unsigned long long)x->wc_err, (unsigned long long)x->seq_err,
			    (unsigned long long)x->state_err, (unsigned long long)x->page_err,
			    (unsigned long long)x->dropped, x->failed ? ", an ioctl failed" : "");
			bad++;
		}
		if (x->pos_err_frames || x->ioc_count_err || !x->iocs)
			bad++;
		total_ns += x->stream_ns;
		total_iocs += x->iocs;
		if (x->pos_err_frames > worst_pos)
			worst_pos = x->pos_err_frames;
		if (x->ioc_count_err > worst_ioc)
			worst_ioc = x->ioc_count_err;
		hda_close(&x->h);
	}
	fmt_ns(sbuf, sizeof(sbuf), (double)total_ns);
	out_md("%s", "");
	out_md("Verdict: %s. %s of stream time, %llu IOCs: position error %llu frames, "
	       "IOC count error %llu.", bad ? "FAILED" : "exact", sbuf,
	       (unsigned long long)total_iocs, (unsigned long long)worst_pos,
	       (unsigned long long)worst_ioc);
	out_md("%s", "");
	out_csv("drift", "all", "", "stream_time", (double)total_ns, "ns");
	out_csv("drift", "all", "", "position_error", (double)worst_pos, "frames");
	out_csv("drift", "all", "", "ioc_count_error", (double)worst_ioc, "iocs");
	fail = bad != 0;
	free(d);
	return fail;
}
