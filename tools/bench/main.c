// SPDX-License-Identifier: GPL-2.0
/*
 * hdaemu-bench - how well and how cheaply the emulated IOC interrupts do
 * their job, against baselines, in one run (issue 9). The phases:
 *
 *   latency   IOC accuracy in the kernel and wake-up latency to userspace:
 *             eventfd, event queue, timerfd and snd-dummy interleaved
 *   scale     1..30 engines at 10 ms, 1 ms and 250 us: CPU per IOC, misses
 *   position  the position page against GET_POSITION, ns per read
 *   drift     run/pause cycles against an exact model: zero error
 *
 * `make bench` runs it in the test VM and turns its output into a table, a
 * CSV file and a plot (tools/bench/run, tools/bench/report); on a machine
 * with the module loaded it runs as it is. `--smoke` is the short run of
 * `make check`: every phase for a moment, TAP output, exit 1 on a failed
 * check. Documentation/benchmark.rst says how to read the figures.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "bench.h"

static void usage(FILE *out)
{
	fprintf(out,
		"usage: hdaemu-bench [options]\n"
		"  --smoke              a few seconds of every phase, TAP output (make check)\n"
		"  --phases LIST        latency,scale,position,drift (default: all)\n"
		"  --latency SECONDS    latency phase length (default 40)\n"
		"  --drift SECONDS      drift phase length (default 120)\n"
		"  --scale SECONDS      one scale window (default 2.5)\n"
		"  --rounds N           passes over the scale configurations (default 2)\n"
		"  --configs LIST       scale: only these, e.g. 30x10ms,1x250us,30x1ms-staggered\n"
		"  --position-blocks N  blocks of 1000 reads per method (default 300)\n"
		"  --dummy auto|on|off  the snd-dummy baseline (default auto: if present)\n"
		"  --dummy-dev PATH     its capture PCM (default /dev/snd/pcmC0D0c)\n"
		"  --no-rt              no SCHED_FIFO for the waiting threads\n"
		"Results go to stdout as @md, @csv, @hist and @info lines\n"
		"(tools/bench/report makes files of them), progress to stderr.\n");
}

static double arg_double(const char *opt, const char *v)
{
	char *end;
	double d = strtod(v ? v : "", &end);

	if (!v || *end || d < 0) {
		fprintf(stderr, "hdaemu-bench: %s needs a number\n", opt);
		exit(2);
	}
	return d;
}

static unsigned int parse_phases(const char *list)
{
	static const char *const names[] = { "latency", "drift", "scale", "position" };
	unsigned int mask = 0, i;
	char buf[128], *tok, *save;

	snprintf(buf, sizeof(buf), "%s", list);
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		for (i = 0; i < ARRAY_SIZE(names); i++)
			if (!strcmp(tok, names[i]))
				mask |= 1u << i;
		if (!strcmp(tok, "all"))
			mask |= BENCH_PHASE_ALL;
	}
	if (!mask) {
		fprintf(stderr, "hdaemu-bench: --phases: no known phase in '%s'\n", list);
		exit(2);
	}
	return mask;
}

static void read_param(const char *name, char *buf, size_t len)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "/sys/module/hdaemu/parameters/%s", name);
	snprintf(buf, len, "?");
	f = fopen(path, "r");
	if (!f)
		return;
	if (fgets(buf, (int)len, f))
		buf[strcspn(buf, "\n")] = 0;
	fclose(f);
}

static void print_info(const struct bench_opts *o)
{
	static const char *const params[] = { "num_output", "num_input", "num_bidir", "codecs" };
	struct utsname u;
	struct timespec ts;
	char buf[64], all[256] = "";
	size_t len = 0;
	unsigned int i;
	struct tm tm;

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S UTC", &tm);
	out_info("date", "%s", buf);
	if (!uname(&u))
		out_info("kernel", "%s %s %s", u.sysname, u.release, u.machine);
	out_info("cpus", "%ld", sysconf(_SC_NPROCESSORS_ONLN));
	for (i = 0; i < ARRAY_SIZE(params); i++) {
		read_param(params[i], buf, sizeof(buf));
		len += snprintf(all + len, sizeof(all) - len, "%s%s=%s", i ? " " : "", params[i],
				buf);
	}
	out_info("modparams", "%s", all);
	out_info("rt", "%s", o->rt ? "SCHED_FIFO" : "normal");
	out_info("mode", "%s", o->smoke ? "smoke" : "full");
}

int main(int argc, char **argv)
{
	static const struct {
		unsigned int bit;
		const char *name;
		int (*fn)(const struct bench_opts *o);
	} phases[] = {
		{ BENCH_PHASE_LATENCY, "latency", phase_latency },
		{ BENCH_PHASE_SCALE, "scale", phase_scale },
		{ BENCH_PHASE_POSITION, "position", phase_position },
		{ BENCH_PHASE_DRIFT, "drift", phase_drift },
	};
	struct bench_opts o = {
		.rt = true,
		.dummy = -1,
		.dummy_dev = "/dev/snd/pcmC0D0c",
		.latency_s = 40,
		.drift_s = 120,
		.scale_s = 2.5,
		.scale_rounds = 2,
		.pos_blocks = 300,
		.phases = BENCH_PHASE_ALL,
	};
	bool set_latency = false, set_drift = false, set_scale = false, set_rounds = false;
	bool set_blocks = false;
	static char configs[256];
	unsigned int i, n = 0, failed = 0;
	int k;

	for (k = 1; k < argc; k++) {
		const char *a = argv[k], *v = k + 1 < argc ? argv[k + 1] : NULL;

		if (!strcmp(a, "--smoke")) {
			o.smoke = true;
		} else if (!strcmp(a, "--phases") && v) {
			o.phases = parse_phases(v);
			k++;
		} else if (!strcmp(a, "--latency")) {
			o.latency_s = arg_double(a, v);
			set_latency = true;
			k++;
		} else if (!strcmp(a, "--drift")) {
			o.drift_s = arg_double(a, v);
			set_drift = true;
			k++;
		} else if (!strcmp(a, "--scale")) {
			o.scale_s = arg_double(a, v);
			set_scale = true;
			k++;
		} else if (!strcmp(a, "--rounds")) {
			o.scale_rounds = (int)arg_double(a, v);
			set_rounds = true;
			k++;
		} else if (!strcmp(a, "--configs") && v) {
			snprintf(configs, sizeof(configs), ",%s,", v);
			o.configs = configs;
			k++;
		} else if (!strcmp(a, "--position-blocks")) {
			o.pos_blocks = (long)arg_double(a, v);
			set_blocks = true;
			k++;
		} else if (!strcmp(a, "--dummy") && v) {
			o.dummy = !strcmp(v, "on") ? 1 : !strcmp(v, "off") ? 0 : -1;
			k++;
		} else if (!strcmp(a, "--dummy-dev") && v) {
			o.dummy_dev = v;
			k++;
		} else if (!strcmp(a, "--no-rt")) {
			o.rt = false;
		} else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			usage(stdout);
			return 0;
		} else {
			usage(stderr);
			return 2;
		}
	}
	if (o.smoke) {
		if (!set_latency)
			o.latency_s = 1.5;
		if (!set_drift)
			o.drift_s = 3;
		if (!set_scale)
			o.scale_s = 0.4;
		if (!set_rounds)
			o.scale_rounds = 1;
		if (!set_blocks)
			o.pos_blocks = 20;
	}
	if (o.scale_rounds < 1)
		o.scale_rounds = 1;
	if (o.pos_blocks < 1)
		o.pos_blocks = 1;

	if (access("/dev/hdaemu", R_OK | W_OK)) {
		fprintf(stderr, "hdaemu-bench: /dev/hdaemu: %s (is the module loaded?)\n",
			strerror(errno));
		return 1;
	}
	/* No page faults in the waiting threads. */
	if (o.rt && mlockall(MCL_CURRENT | MCL_FUTURE))
		say("mlockall: %s", strerror(errno));
	print_info(&o);
	if (o.smoke)
		printf("TAP version 13\n1..1\n");

	for (i = 0; i < ARRAY_SIZE(phases); i++) {
		int ret;

		if (!(o.phases & phases[i].bit))
			continue;
		ret = phases[i].fn(&o);
		n++;
		if (ret)
			failed++;
		say("%s: %s", phases[i].name, ret ? "FAILED" : "ok");
		if (o.smoke)
			printf("# %sok %u %s\n", ret ? "not " : "", n, phases[i].name);
		fflush(stdout);
	}
	if (o.smoke)
		printf("%sok 1 selftests: bench: hdaemu-bench --smoke\n", failed ? "not " : "");
	return failed ? 1 : 0;
}
