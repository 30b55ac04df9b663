// SPDX-License-Identifier: GPL-2.0
/*
 * hdaemu-ctl stats - per-engine statistics of every client. An open file
 * sees only its own engines through GET_ENGINE_STATS and GET_DATA_STATS,
 * so this reads the controller's debugfs view (root), one "key: value" file
 * per engine: the IOC statistics, then the data path (the route, what the
 * engine moved, underruns, DMA stalls, the loopback latency) and the clock
 * faults on it (drift, position granularity).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"

#define ENGINES_DIR "/sys/kernel/debug/" HDAEMU_DEVICE_NAME "/engines"

/* The fields read, in the order of the tables; K_* index them. */
static const char *const stats_keys[] = {
	"index", "client", "direction", "state", "stream_tag", "rate", "buffer_bytes",
	"ioc_count", "interrupts", "late_interrupts", "missed", "dropped", "late_max_ns",
	"late_mean_ns", "bytes", "busy_ns",
	"route", "converter", "pin", "source", "data_bytes", "unrouted_bytes", "underruns",
	"underrun_bytes", "stalls", "loopback_latency_frames", "loopback_gaps", "drift_ppm",
	"position_mode", "position_step_us",
};
#define NKEYS (sizeof(stats_keys) / sizeof(stats_keys[0]))
enum {
	K_INDEX, K_CLIENT, K_DIRECTION, K_STATE, K_TAG, K_RATE, K_CBL, K_IOC_COUNT,
	K_INTERRUPTS, K_LATE_IRQS, K_MISSED, K_DROPPED, K_LATE_MAX, K_LATE_MEAN, K_BYTES,
	K_BUSY, K_ROUTE, K_CONVERTER, K_PIN, K_SOURCE, K_DATA_BYTES, K_UNROUTED,
	K_UNDERRUNS, K_UNDERRUN_BYTES, K_STALLS, K_LOOP_LATENCY, K_LOOP_GAPS, K_DRIFT,
	K_POS_MODE, K_POS_STEP,
	/* The first key of the data path; a module without it shows "-". */
	K_DATA = K_ROUTE,
};

static int stats_read(const char *path, char vals[NKEYS][24])
{
	char line[128];
	FILE *f = fopen(path, "r");
	unsigned int k;

	if (!f)
		return -1;
	for (k = 0; k < NKEYS; k++)
		strcpy(vals[k], "-");
	while (fgets(line, sizeof(line), f)) {
		char *colon = strchr(line, ':');

		if (!colon)
			continue;
		*colon = 0;
		for (k = 0; k < NKEYS; k++)
			if (!strcmp(line, stats_keys[k]))
				snprintf(vals[k], sizeof(vals[k]), "%s", colon + 2);
	}
	fclose(f);
	for (k = 0; k < NKEYS; k++)
		vals[k][strcspn(vals[k], "\n")] = 0;
	return 0;
}

static int by_number(const struct dirent **a, const struct dirent **b)
{
	return atoi((*a)->d_name) - atoi((*b)->d_name);
}

static const char *route_name(const char *v)
{
	int r = atoi(v);

	return !strcmp(v, "-") ? "-" : r == HDAEMU_ROUTE_CONVERTER ? "converter" :
	       r == HDAEMU_ROUTE_MISMATCH ? "mismatch" : "none";
}

static const char *mode_name(const char *v)
{
	int m = atoi(v);

	return !strcmp(v, "-") ? "-" : m == HDAEMU_POSITION_STEPS ? "steps" :
	       m == HDAEMU_POSITION_BURSTS ? "bursts" : "smooth";
}

/* "codec 0 pin 8 (tone) -> ADC 4", "codec 0 DAC 2", "not routed". */
static void stats_path(char vals[NKEYS][24], char *buf, size_t len)
{
	unsigned int cad = 0, nid = 0;
	int route = atoi(vals[K_ROUTE]);
	const char *mm = route == HDAEMU_ROUTE_MISMATCH ? " (format mismatch)" : "";

	sscanf(vals[K_CONVERTER], "%u/%u", &cad, &nid);
	if (!strcmp(vals[K_ROUTE], "-"))
		snprintf(buf, len, "-");
	else if (route == HDAEMU_ROUTE_NONE)
		snprintf(buf, len, "not routed");
	else if (!strcmp(vals[K_DIRECTION], "render"))
		snprintf(buf, len, "codec %u DAC %u%s", cad, nid, mm);
	else if (atoi(vals[K_PIN]))
		snprintf(buf, len, "codec %u pin %s (%s) -> ADC %u%s", cad, vals[K_PIN],
			 source_name(atoi(vals[K_SOURCE])), nid, mm);
	else
		snprintf(buf, len, "codec %u ADC %u hears no pin%s", cad, nid, mm);
}

static void stats_json(char vals[NKEYS][24], int first)
{
	unsigned int cad = 0, nid = 0, k;

	printf("%s{", first ? "" : ", ");
	for (k = 0; k < K_DATA; k++) {
		int text = k == K_DIRECTION || k == K_STATE || !strcmp(vals[k], "-");

		printf("%s\"%s\": %s%s%s", k ? ", " : "", stats_keys[k], text ? "\"" : "",
		       vals[k], text ? "\"" : "");
	}
	if (strcmp(vals[K_ROUTE], "-")) {
		sscanf(vals[K_CONVERTER], "%u/%u", &cad, &nid);
		printf(", \"route\": \"%s\"", route_name(vals[K_ROUTE]));
		if (atoi(vals[K_ROUTE]) != HDAEMU_ROUTE_NONE)
			printf(", \"codec\": %u, \"converter\": %u", cad, nid);
		if (!strcmp(vals[K_DIRECTION], "capture") && atoi(vals[K_PIN]))
			printf(", \"pin\": %s, \"source\": \"%s\"", vals[K_PIN],
			       source_name(atoi(vals[K_SOURCE])));
		for (k = K_DATA_BYTES; k <= K_DRIFT; k++)
			printf(", \"%s\": %s", stats_keys[k], vals[k]);
		printf(", \"position_mode\": \"%s\", \"position_step_us\": %s",
		       mode_name(vals[K_POS_MODE]), vals[K_POS_STEP]);
	}
	printf("}");
}

int cmd_stats(int argc, char **argv)
{
	int json = argc == 2 && !strcmp(argv[1], "--json"), all = 0, n, i, shown = 0;
	static char rows[HDAEMU_MAX_ENGINES][384];
	struct dirent **names;

	if (argc == 2 && !strcmp(argv[1], "--all"))
		all = 1;
	if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		printf("usage: hdaemu-ctl stats [--json | --all]\n"
		       "  IOC statistics and the data path (route, converter, pin, source,\n"
		       "  bytes, unrouted bytes, underruns, DMA stalls, loopback latency) and\n"
		       "  clock faults of every engine in use, of every client (root:\n"
		       "  debugfs); --all also lists free engines\n");
		return 0;
	}
	if (argc > 2 || (argc == 2 && !json && !all)) {
		fprintf(stderr, "usage: hdaemu-ctl stats [--json | --all]\n");
		return EXIT_USAGE;
	}
	n = scandir(ENGINES_DIR, &names, NULL, by_number);
	if (n < 0) {
		perror("hdaemu-ctl stats: " ENGINES_DIR);
		return EXIT_DEVICE;
	}
	if (json)
		printf("{\"engines\": [");
	else
		printf("%-6s %-6s %-9s %-6s %-4s %7s %10s %9s %9s %6s %7s %9s %10s\n", "engine",
		       "client", "direction", "state", "tag", "rate", "ioc_count", "interrupt",
		       "late_irqs", "missed", "dropped", "late_max", "late_mean");
	for (i = 0; i < n; i++) {
		char path[512], vals[NKEYS][24], route[96], step[64], loop[32];

		snprintf(path, sizeof(path), ENGINES_DIR "/%s", names[i]->d_name);
		if (names[i]->d_name[0] == '.' || stats_read(path, vals)) {
			free(names[i]);
			continue;
		}
		free(names[i]);
		/* A free engine has no client. */
		if ((!strcmp(vals[K_CLIENT], "0") && !all) || shown >= HDAEMU_MAX_ENGINES)
			continue;
		if (json) {
			stats_json(vals, !shown);
			shown++;
			continue;
		}
		printf("%-6s %-6s %-9s %-6s %-4s %7s %10s %9s %9s %6s %7s %9s %10s\n",
		       vals[K_INDEX], vals[K_CLIENT], vals[K_DIRECTION], vals[K_STATE], vals[K_TAG],
		       vals[K_RATE], vals[K_IOC_COUNT], vals[K_INTERRUPTS], vals[K_LATE_IRQS],
		       vals[K_MISSED], vals[K_DROPPED], vals[K_LATE_MAX], vals[K_LATE_MEAN]);
		stats_path(vals, route, sizeof(route));
		if (!strcmp(vals[K_POS_MODE], "-") || !atoi(vals[K_POS_MODE]))
			snprintf(step, sizeof(step), "%s", mode_name(vals[K_POS_MODE]));
		else
			snprintf(step, sizeof(step), "%s/%sus", mode_name(vals[K_POS_MODE]),
				 vals[K_POS_STEP]);
		if (atoll(vals[K_LOOP_LATENCY]) >= 0 && strcmp(vals[K_LOOP_LATENCY], "-"))
			snprintf(loop, sizeof(loop), "%s fr", vals[K_LOOP_LATENCY]);
		else
			snprintf(loop, sizeof(loop), "-");
		snprintf(rows[shown], sizeof(rows[shown]),
			 "%-6s %-34s %11s %9s %9s %6s %8s %7s %s\n", vals[K_INDEX], route,
			 vals[K_DATA_BYTES], vals[K_UNROUTED],
			 strcmp(vals[K_DIRECTION], "render") ? "-" : vals[K_UNDERRUNS],
			 vals[K_STALLS], loop, vals[K_DRIFT], step);
		shown++;
	}
	free(names);
	if (json) {
		printf("]}\n");
	} else if (!shown) {
		printf("(no engine in use)\n");
	} else {
		printf("\n%-6s %-34s %11s %9s %9s %6s %8s %7s %s\n", "engine", "data path", "bytes",
		       "unrouted", "underruns", "stalls", "loopback", "drift", "position");
		for (i = 0; i < shown; i++)
			printf("%s", rows[i]);
	}
	return 0;
}
