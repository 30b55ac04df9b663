// SPDX-License-Identifier: GPL-2.0
/*
 * hdaemu-bench, item 4: scale and cost. 1, 8, 16 and 30 engines at
 * periods of 10 ms, 1 ms and 250 us, notification count 2, each with an
 * eventfd that one consumer thread drains through epoll, as a client with
 * many streams would. The configurations run in turns, several rounds in
 * a rotating order, with idle turns among them for the machine's own CPU
 * use, so that a slow minute of the host is spread over all of them.
 *
 * The format is 64 kHz, 24 bits in 32, stereo: the one whose 250 us period
 * (16 frames, 128 bytes) lands on the 128-byte IOC alignment; its 4 link
 * words per frame let 15 render engines fill the SDO line and 15 capture
 * engines spread over three codecs' SDI lines (30 engines: the module
 * loaded with num_output=15 num_input=15 codecs=0,1,2).
 *
 * Per turn, over a window after a warm-up: IOCs, missed IOCs (due while an
 * earlier one waited: delivered late, together), the module's CPU time in
 * the interrupts (busy_ns of GET_ENGINE_STATS) per IOC, the machine's CPU
 * time (/proc/stat, less the idle turns' rate) per IOC, and after the Stop
 * the IOCs against the due times passed and the eventfd counts against
 * the IOCs.
 *
 * "together" starts all engines with one SET_STATE (one anchor: their
 * timers expire in the same interrupt); "staggered" starts them one by
 * one, spread over a period (one interrupt per engine and period).
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "bench.h"

#define SCALE_RATE	64000
#define SCALE_MAX	HDAEMU_MAX_ENGINES

struct scale_cfg {
	uint32_t engines;	/* 0: an idle turn */
	uint32_t period_frames;
	bool staggered;
};

struct scale_res {
	bool skipped;
	int turns;
	uint64_t window_ns, iocs, missed, late, busy_ns, sys_ns;
	uint64_t iocs_dir[2], busy_dir[2];	/* by HDAEMU_DIR_* */
	uint64_t late_max_ns, late_sum_ns, interrupts;
	uint64_t early, lost, unnotified;
	bool busy_missing;
	struct samples win;	/* module CPU per IOC of each short window, in ps */
	struct samples win_dir[2];	/* the same by direction */
};

struct consumer {
	int epfd;
	int efd[SCALE_MAX];
	uint64_t notified[SCALE_MAX];
	uint32_t n;
	int stop;
	bool rt;
};

static void consume(struct consumer *c, int timeout_ms)
{
	struct epoll_event ev[SCALE_MAX];
	uint64_t v;
	int n, i;

	n = epoll_wait(c->epfd, ev, SCALE_MAX, timeout_ms);
	for (i = 0; i < n; i++) {
		uint32_t k = ev[i].data.u32;

		if (read(c->efd[k], &v, sizeof(v)) == sizeof(v))
			c->notified[k] += v;
	}
}

static void *consumer_thread(void *arg)
{
	struct consumer *c = arg;

	set_rt(c->rt, 40);
	while (!__atomic_load_n(&c->stop, __ATOMIC_RELAXED))
		consume(c, 50);
	return NULL;
}

static const char *period_name(uint32_t frames)
{
	switch (frames) {
	case 640:
		return "10 ms";
	case 64:
		return "1 ms";
	case 16:
		return "250 us";
	default:
		return "?";
	}
}

static void stats_sum(struct hda *h, struct hda_engine *e, uint32_t n,
		      struct hdaemu_engine_stats *sum, uint64_t *iocs_dir, uint64_t *busy_dir,
		      uint64_t *late_max, int *err)
{
	struct hdaemu_engine_stats s;
	uint32_t i;

	memset(sum, 0, sizeof(*sum));
	for (i = 0; i < n; i++) {
		if (hda_stats(h, &e[i], &s)) {
			*err = -errno;
			continue;
		}
		sum->iocs += s.iocs;
		sum->interrupts += s.interrupts;
		sum->late_interrupts += s.late_interrupts;
		sum->missed += s.missed;
		sum->dropped += s.dropped;
		sum->busy_ns += s.busy_ns;
		/* late_mean_ns * interrupts: the sum of the lateness. */
		sum->late_mean_ns += s.late_mean_ns * s.interrupts;
		if (iocs_dir) {
			iocs_dir[e[i].direction] += s.iocs;
			busy_dir[e[i].direction] += s.busy_ns;
		}
		if (late_max && s.late_max_ns > *late_max)
			*late_max = s.late_max_ns;
	}
}

/* The short windows of the module's CPU time. */
static unsigned int scale_window_ms(const struct bench_opts *o)
{
	return o->smoke ? 100 : 200;
}

/* Busy CPU time of the machine, all CPUs, from the exact idle time. */
static uint64_t machine_busy(uint64_t t, uint64_t idle)
{
	static long cpus;

	if (!cpus)
		cpus = sysconf(_SC_NPROCESSORS_ONLN);
	return t * (uint64_t)cpus - idle;
}

/* IOCs due from @t0 up to @t (the n-th is due at t0 + ceil(n * period)). */
static uint64_t dues_by(uint64_t t0, uint64_t t, uint32_t period_frames)
{
	return t > t0 ? frames_in(t - t0, SCALE_RATE) / period_frames : 0;
}

static int scale_turn(const struct bench_opts *o, const struct scale_cfg *cfg,
		      struct scale_res *res)
{
	struct hda h;
	struct hda_engine e[SCALE_MAX];
	struct consumer c = { .epfd = -1, .rt = o->rt };
	struct hdaemu_engine_stats a, b, f, prev, cur;
	uint64_t t0[SCALE_MAX], base, ta, tb, tw, t_stop = 0, idle_a, idle_b, late_max;
	uint64_t win = scale_window_ms(o) * NSEC_PER_MSEC;
	uint64_t dir_a[2][2] = { { 0 } }, dir_b[2][2] = { { 0 } }, dir_p[2][2], dir_c[2][2];
	uint64_t per = due_after(0, cfg->period_frames, SCALE_RATE);
	uint64_t warm = (o->smoke ? 100 : 300) * NSEC_PER_MSEC;
	uint32_t handles[SCALE_MAX], i, n = cfg->engines;
	pthread_t th;
	int ret = 0, err = 0;

	if (!n) {
		/* An idle turn: the machine's CPU use without the benchmark. */
		sleep_ns(warm);
		ta = now_ns();
		read_cpu_idle(&idle_a);
		sleep_until(ta + (uint64_t)(o->scale_s * 1e9));
		read_cpu_idle(&idle_b);
		tb = now_ns();
		res->turns++;
		res->window_ns += tb - ta;
		res->sys_ns += machine_busy(tb - ta, idle_b - idle_a);
		return 0;
	}

	ret = hda_open(&h, false);
	if (ret)
		return ret;
	c.epfd = epoll_create1(EPOLL_CLOEXEC);
	for (i = 0; i < n; i++)
		c.efd[i] = -1;
	for (i = 0; i < n && !ret; i++) {
		struct epoll_event ev = { .events = EPOLLIN, .data.u32 = i };

		ret = hda_engine_alloc_any(&h, &e[i], SCALE_RATE, 2, 24, 32);
		if (ret == -ENOSPC) {
			/* Not enough engines, tags or link words in this module. */
			res->skipped = true;
			ret = 0;
			goto out;
		}
		if (!ret)
			ret = hda_buffer_notify(&h, &e[i], cfg->period_frames);
		if (!ret) {
			c.efd[i] = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
			ret = c.efd[i] < 0 ? -errno : hda_register(&h, &e[i], c.efd[i]);
		}
		if (!ret && epoll_ctl(c.epfd, EPOLL_CTL_ADD, c.efd[i], &ev) < 0)
			ret = -errno;
		handles[i] = e[i].handle;
		c.n = i + 1;
	}
	if (!ret)
		ret = hda_set_state(&h, handles, n, HDAEMU_STATE_STOP, NULL);
	if (ret)
		goto out;
	if (pthread_create(&th, NULL, consumer_thread, &c)) {
		ret = -EAGAIN;
		goto out;
	}

	if (!cfg->staggered) {
		ret = hda_set_state(&h, handles, n, HDAEMU_STATE_RUN, &t0[0]);
		for (i = 1; i < n; i++)
			t0[i] = t0[0];
	} else {
		base = now_ns() + NSEC_PER_MSEC;
		for (i = 0; i < n && !ret; i++) {
			sleep_until(base + per * i / n);
			ret = hda_set_state1(&h, &e[i], HDAEMU_STATE_RUN, &t0[i]);
		}
	}
	if (ret)
		goto stop;

	sleep_ns(warm);
	ta = now_ns();
	read_cpu_idle(&idle_a);
	stats_sum(&h, e, n, &a, dir_a[0], dir_a[1], NULL, &err);
	/*
	 * Short windows too: the host preempts the emulated CPUs now and
	 * then, and a callback that spans a preemption counts it as busy
	 * time; the median window leaves those out, the mean does not.
	 */
	prev = a;
	memcpy(dir_p, dir_a, sizeof(dir_p));
	for (tw = ta + win; tw < ta + (uint64_t)(o->scale_s * 1e9); tw += win) {
		sleep_until(tw);
		memset(dir_c, 0, sizeof(dir_c));
		stats_sum(&h, e, n, &cur, dir_c[0], dir_c[1], NULL, &err);
		if (cur.iocs > prev.iocs && cur.busy_ns > prev.busy_ns)
			samples_add(&res->win, (int64_t)((cur.busy_ns - prev.busy_ns) * 1000 /
							 (cur.iocs - prev.iocs)));
		for (i = 0; i < 2; i++)
			if (dir_c[0][i] > dir_p[0][i] && dir_c[1][i] > dir_p[1][i])
				samples_add(&res->win_dir[i],
					    (int64_t)((dir_c[1][i] - dir_p[1][i]) * 1000 /
						      (dir_c[0][i] - dir_p[0][i])));
		prev = cur;
		memcpy(dir_p, dir_c, sizeof(dir_p));
	}
	sleep_until(ta + (uint64_t)(o->scale_s * 1e9));
	stats_sum(&h, e, n, &b, dir_b[0], dir_b[1], NULL, &err);
	read_cpu_idle(&idle_b);
	tb = now_ns();
	ret = hda_set_state(&h, handles, n, HDAEMU_STATE_STOP, &t_stop);
	/* Let an interrupt that raised IOCs before the Stop signal them. */
	sleep_ns(20 * NSEC_PER_MSEC);
stop:
	__atomic_store_n(&c.stop, 1, __ATOMIC_RELAXED);
	pthread_join(th, NULL);
	consume(&c, 0);
	if (ret)
		goto out;
	late_max = 0;
	stats_sum(&h, e, n, &f, NULL, NULL, &late_max, &err);
	if (err) {
		ret = err;
		goto out;
	}
	if (late_max > res->late_max_ns)
		res->late_max_ns = late_max;
	res->turns++;
	res->window_ns += tb - ta;
	res->iocs += b.iocs - a.iocs;
	res->missed += b.missed - a.missed;
	res->late += b.late_interrupts - a.late_interrupts;
	res->busy_ns += b.busy_ns - a.busy_ns;
	for (i = 0; i < 2; i++) {
		res->iocs_dir[i] += dir_b[0][i] - dir_a[0][i];
		res->busy_dir[i] += dir_b[1][i] - dir_a[1][i];
	}
	res->sys_ns += machine_busy(tb - ta, idle_b - idle_a);
	res->late_sum_ns += f.late_mean_ns;
	res->interrupts += f.interrupts;
	if (b.iocs > a.iocs && b.busy_ns == a.busy_ns)
		res->busy_missing = true;
	for (i = 0; i < n; i++) {
		struct hdaemu_engine_stats s;

		if (hda_stats(&h, &e[i], &s))
			continue;
		/*
		 * Never an IOC before its due time. The Stop cancels the IOCs
		 * due but not raised yet (a late timer's); one due two whole
		 * seconds before the Stop and not raised would be lost.
		 */
		if (s.iocs > dues_by(t0[i], t_stop, cfg->period_frames))
			res->early += s.iocs - dues_by(t0[i], t_stop, cfg->period_frames);
		if (t_stop > 2 * NSEC_PER_SEC &&
		    s.iocs < dues_by(t0[i], t_stop - 2 * NSEC_PER_SEC, cfg->period_frames))
			res->lost += dues_by(t0[i], t_stop - 2 * NSEC_PER_SEC,
					     cfg->period_frames) - s.iocs;
		if (c.notified[i] != s.iocs - s.dropped)
			res->unnotified += s.iocs - s.dropped - c.notified[i];
	}
out:
	for (i = 0; i < n; i++)
		if (c.efd[i] >= 0)
			close(c.efd[i]);
	if (c.epfd >= 0)
		close(c.epfd);
	hda_close(&h);
	return ret;
}

static const uint32_t scale_engines[] = { 1, 8, 16, 30 };
static const uint32_t scale_periods[] = { 640, 64, 16 };

int phase_scale(const struct bench_opts *o)
{
	struct scale_cfg cfg[32];
	struct scale_res *res;
	uint32_t m = 0, i, j, p, k;
	double idle_rate = 0;
	int r, ret, fail = 0;
	uint64_t idle_win = 0, idle_sys = 0;

	for (p = 0; p < ARRAY_SIZE(scale_periods); p++) {
		if (o->smoke && scale_periods[p] == 64)
			continue;
		for (k = 0; k < ARRAY_SIZE(scale_engines); k++) {
			if (o->smoke && (scale_engines[k] == 8 || scale_engines[k] == 16))
				continue;
			cfg[m++] = (struct scale_cfg){ scale_engines[k], scale_periods[p], false };
		}
		if (!o->smoke)
			cfg[m++] = (struct scale_cfg){ SCALE_MAX, scale_periods[p], true };
	}
	/* --configs: only those named, e.g. 30x10ms,1x250us,30x1ms-staggered. */
	if (o->configs) {
		for (i = j = 0; i < m; i++) {
			char name[48];

			snprintf(name, sizeof(name), ",%ux%s%s,", cfg[i].engines,
				 cfg[i].period_frames == 640 ? "10ms" :
				 cfg[i].period_frames == 64 ? "1ms" : "250us",
				 cfg[i].staggered ? "-staggered" : "");
			if (strstr(o->configs, name))
				cfg[j++] = cfg[i];
		}
		m = j;
	}
	cfg[m++] = (struct scale_cfg){ 0, 0, false };
	res = calloc(m, sizeof(*res));
	if (!res)
		return 1;

	say("scale: %u configurations, %d round(s) of %.1f s turns", m - 1, o->scale_rounds,
	    o->scale_s);
	/*
	 * A turn that does not count first: under QEMU's TCG the first run of
	 * a code path (capture, this format) pays for its translation, which
	 * would land on whichever configuration came first.
	 */
	{
		struct bench_opts wo = *o;
		struct scale_res wr;
		struct scale_cfg wc = { SCALE_MAX, 64, false };

		wo.scale_s = o->smoke ? 0.1 : 0.5;
		for (k = ARRAY_SIZE(scale_engines); k-- > 0;) {
			memset(&wr, 0, sizeof(wr));
			wc.engines = scale_engines[k];
			if (scale_turn(&wo, &wc, &wr) || !wr.skipped)
				break;
		}
	}
	for (r = 0; r < o->scale_rounds; r++) {
		for (j = 0; j < m; j++) {
			i = (j + (uint32_t)r * m / o->scale_rounds) % m;
			if (res[i].skipped)
				continue;
			ret = scale_turn(o, &cfg[i], &res[i]);
			if (ret) {
				say("scale: %u engines, %s: %s", cfg[i].engines,
				    period_name(cfg[i].period_frames), strerror(-ret));
				fail = 1;
			}
		}
	}
	for (i = 0; i < m; i++)
		if (!cfg[i].engines) {
			idle_win += res[i].window_ns;
			idle_sys += res[i].sys_ns;
		}
	if (idle_win)
		idle_rate = (double)idle_sys / (double)idle_win;

	out_md("## Scale and cost");
	out_md("%s", "");
	out_md("64 kHz, 24-bit in 32, stereo; notification count 2; one eventfd per engine, "
	       "drained by one epoll thread; render engines first, then capture. %d round(s), "
	       "%.1f s windows after a warm-up. Module CPU/IOC: busy_ns of GET_ENGINE_STATS "
	       "(the timer callbacks' own time, data movement and notifications included) "
	       "over the IOCs: the median of %u ms windows (a host preemption inside a "
	       "callback counts as busy time; the median leaves those windows out), then the "
	       "mean over the whole, also by direction; module CPU: that time as a share of "
	       "one CPU. "
	       "System CPU/IOC: the whole machine's busy time (elapsed times CPUs less the idle "
	       "time of /proc/stat), less the idle turns' rate, over the IOCs: it takes in the "
	       "timer interrupt, the wake-ups and the consumer thread. Missed: the share of IOCs "
	       "that fell due while an earlier one waited (delivered late, together). "
	       "Lateness: of the "
	       "timer callbacks against the due time.",
	       o->scale_rounds, o->scale_s, scale_window_ms(o));
	out_md("%s", "");
	out_md("| engines | period | start | IOCs/s | missed | lateness mean | lateness max | "
	       "module CPU/IOC | mean | mean render / capture | system CPU/IOC | module CPU |");
	out_md("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
	for (i = 0; i < m; i++) {
		struct scale_res *x = &res[i];
		const char *st = cfg[i].staggered ? "staggered" : "together";
		char cfgname[48], mean[24], max[24], mod[24], modm[24], sys[24], cpu[24], rd[24];
		char cd[24];
		double win = (double)x->window_ns / 1e9, sysx, sysc;

		if (!cfg[i].engines)
			continue;
		snprintf(cfgname, sizeof(cfgname), "%ux%s", cfg[i].engines,
			 period_name(cfg[i].period_frames));
		for (j = 0; cfgname[j]; j++)
			if (cfgname[j] == ' ')
				cfgname[j] = '_';
		if (x->skipped || !x->turns) {
			out_md("| %u | %s | %s | skipped: the module has too few engines | | | | | | "
			       "| | |", cfg[i].engines, period_name(cfg[i].period_frames), st);
			continue;
		}
		fmt_ns(mean, sizeof(mean), x->interrupts ?
		       (double)x->late_sum_ns / (double)x->interrupts : 0);
		fmt_ns(max, sizeof(max), (double)x->late_max_ns);
		snprintf(rd, sizeof(rd), "-");
		snprintf(cd, sizeof(cd), "-");
		if (x->busy_missing || !x->iocs) {
			snprintf(mod, sizeof(mod), "n/a");
			snprintf(modm, sizeof(modm), "n/a");
			snprintf(cpu, sizeof(cpu), "n/a");
		} else {
			fmt_ns(mod, sizeof(mod), (double)samples_quantile(&x->win, 0.5) / 1000);
			fmt_ns(modm, sizeof(modm), (double)x->busy_ns / (double)x->iocs);
			snprintf(cpu, sizeof(cpu), "%.2f%%", 100.0 * (double)x->busy_ns /
				 (double)x->window_ns);
			if (x->iocs_dir[HDAEMU_DIR_RENDER])
				fmt_ns(rd, sizeof(rd), (double)x->busy_dir[HDAEMU_DIR_RENDER] /
				       (double)x->iocs_dir[HDAEMU_DIR_RENDER]);
			if (x->iocs_dir[HDAEMU_DIR_CAPTURE])
				fmt_ns(cd, sizeof(cd), (double)x->busy_dir[HDAEMU_DIR_CAPTURE] /
				       (double)x->iocs_dir[HDAEMU_DIR_CAPTURE]);
		}
		/* The machine's busy time beyond the idle turns' rate. */
		sysx = (double)x->sys_ns - idle_rate * (double)x->window_ns;
		sysc = sysx / (double)(x->iocs ? x->iocs : 1);
		/*
		 * Below a few 10 ms ticks of /proc/stat, or 5% of a CPU (the
		 * idle turns' own spread), the figure is noise.
		 */
		if (sysx < 5e7 || sysx < 0.05 * (double)x->window_ns || !idle_win)
			snprintf(sys, sizeof(sys), "< resolution");
		else
			fmt_ns(sys, sizeof(sys), sysc);
		out_md("| %u | %s | %s | %.0f | %.1f%% | %s | %s | %s | %s | %s / %s | %s | %s |",
		       cfg[i].engines, period_name(cfg[i].period_frames), st,
		       (double)x->iocs / win, x->iocs ? 100.0 * (double)x->missed /
		       (double)x->iocs : 0, mean, max, mod, modm, rd, cd, sys, cpu);
		out_csv("scale", cfgname, st, "iocs_per_s", (double)x->iocs / win, "1/s");
		out_csv("scale", cfgname, st, "iocs", (double)x->iocs, "count");
		out_csv("scale", cfgname, st, "missed", (double)x->missed, "count");
		out_csv("scale", cfgname, st, "late_interrupts", (double)x->late, "count");
		out_csv("scale", cfgname, st, "late_mean", x->interrupts ?
			(double)x->late_sum_ns / (double)x->interrupts : 0, "ns");
		out_csv("scale", cfgname, st, "late_max", (double)x->late_max_ns, "ns");
		if (!x->busy_missing && x->iocs) {
			out_csv("scale", cfgname, st, "module_cpu_per_ioc",
				(double)samples_quantile(&x->win, 0.5) / 1000, "ns");
			out_csv("scale", cfgname, st, "module_cpu_per_ioc_mean",
				(double)x->busy_ns / (double)x->iocs, "ns");
			out_csv("scale", cfgname, st, "module_cpu_share",
				(double)x->busy_ns / (double)x->window_ns, "cpu-s/s");
		}
		if (!x->busy_missing && x->iocs)
			out_csv("scale", cfgname, st, "module_cpu_per_ioc_p10",
				(double)samples_quantile(&x->win, 0.1) / 1000, "ns");
		for (j = 0; j < 2; j++) {
			static const char *const dn[2][3] = {
				{ "module_cpu_per_ioc_render", "module_cpu_per_ioc_render_median",
				  "module_cpu_per_ioc_render_p10" },
				{ "module_cpu_per_ioc_capture", "module_cpu_per_ioc_capture_median",
				  "module_cpu_per_ioc_capture_p10" },
			};

			if (x->busy_missing || !x->iocs_dir[j])
				continue;
			out_csv("scale", cfgname, st, dn[j][0],
				(double)x->busy_dir[j] / (double)x->iocs_dir[j], "ns");
			out_csv("scale", cfgname, st, dn[j][1],
				(double)samples_quantile(&x->win_dir[j], 0.5) / 1000, "ns");
			out_csv("scale", cfgname, st, dn[j][2],
				(double)samples_quantile(&x->win_dir[j], 0.1) / 1000, "ns");
		}
		if (idle_win)
			out_csv("scale", cfgname, st, "system_cpu_per_ioc", sysc, "ns");
		if (x->lost || x->early || x->unnotified) {
			say("scale: %s: %llu IOCs lost, %llu before their due time, %llu not notified",
			    cfgname, (unsigned long long)x->lost, (unsigned long long)x->early,
			    (unsigned long long)x->unnotified);
			fail = 1;
		}
	}
	out_md("%s", "");

	/* Growth: the module's cost per IOC from 1 engine to the most that ran. */
	out_md("| period | module CPU/IOC at 1 / 8 / 16 / 30 engines (together) | 30 vs 1 |");
	out_md("|---|---|---:|");
	for (p = 0; p < ARRAY_SIZE(scale_periods); p++) {
		char line[256] = "", one[32];
		double first = 0, last = 0;
		size_t len = 0;

		for (k = 0; k < ARRAY_SIZE(scale_engines); k++) {
			for (i = 0; i < m; i++) {
				struct scale_res *x = &res[i];
				double v;

				if (cfg[i].engines != scale_engines[k] || cfg[i].staggered ||
				    cfg[i].period_frames != scale_periods[p] || x->skipped ||
				    !x->turns || !x->iocs || x->busy_missing)
					continue;
				v = (double)samples_quantile(&x->win, 0.5) / 1000;
				fmt_ns(one, sizeof(one), v);
				len += snprintf(line + len, sizeof(line) - len, "%s%s",
						len ? " / " : "", one);
				if (!first)
					first = v;
				last = v;
			}
		}
		if (!len)
			continue;
		fmt_ratio(one, sizeof(one), last, first);
		out_md("| %s | %s | %s |", period_name(scale_periods[p]), line, one);
		if (first > 0)
			out_csv("scale", period_name(scale_periods[p]), "together",
				"cost_growth_max_vs_1", last / first, "x");
	}
	out_md("%s", "");
	out_csv("scale", "idle", "", "system_cpu", idle_rate, "cpu-s/s");
	for (i = 0; i < m; i++) {
		samples_free(&res[i].win);
		samples_free(&res[i].win_dir[0]);
		samples_free(&res[i].win_dir[1]);
	}
	free(res);
	return fail;
}
