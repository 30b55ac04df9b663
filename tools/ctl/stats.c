// SPDX-License-Identifier: GPL-2.0
/*
 * hdaemu-ctl stats - per-engine statistics of every client. An open file
 * sees only its own engines through GET_ENGINE_STATS, so this reads the
 * controller's debugfs view (root), one "key: value" file per engine.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"

#define ENGINES_DIR "/sys/kernel/debug/" HDAEMU_DEVICE_NAME "/engines"

/* The fields shown, in the order of the table. */
static const char *const stats_keys[] = {
	"index", "client", "direction", "state", "stream_tag", "rate", "buffer_bytes",
	"ioc_count", "interrupts", "late_interrupts", "missed", "dropped", "late_max_ns",
	"late_mean_ns",
};
#define NKEYS (sizeof(stats_keys) / sizeof(stats_keys[0]))

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

int cmd_stats(int argc, char **argv)
{
	int json = argc == 2 && !strcmp(argv[1], "--json"), all = 0, n, i, shown = 0;
	struct dirent **names;
	unsigned int k;

	if (argc == 2 && !strcmp(argv[1], "--all"))
		all = 1;
	if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		printf("usage: hdaemu-ctl stats [--json | --all]\n"
		       "  IOC statistics of every engine in use, of every client (root:\n"
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
		char path[512], vals[NKEYS][24];

		snprintf(path, sizeof(path), ENGINES_DIR "/%s", names[i]->d_name);
		if (names[i]->d_name[0] == '.' || stats_read(path, vals)) {
			free(names[i]);
			continue;
		}
		free(names[i]);
		/* A free engine has no client. */
		if (!strcmp(vals[1], "0") && !all)
			continue;
		if (json) {
			printf("%s{", shown ? ", " : "");
			for (k = 0; k < NKEYS; k++) {
				int text = k == 2 || k == 3 || !strcmp(vals[k], "-");

				printf("%s\"%s\": %s%s%s", k ? ", " : "", stats_keys[k],
				       text ? "\"" : "", vals[k], text ? "\"" : "");
			}
			printf("}");
		} else {
			printf("%-6s %-6s %-9s %-6s %-4s %7s %10s %9s %9s %6s %7s %9s %10s\n",
			       vals[0], vals[1], vals[2], vals[3], vals[4], vals[5], vals[7],
			       vals[8], vals[9], vals[10], vals[11], vals[12], vals[13]);
		}
		shown++;
	}
	free(names);
	if (json)
		printf("]}\n");
	else if (!shown)
		printf("(no engine in use)\n");
	return 0;
}
