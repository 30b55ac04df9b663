/* SPDX-License-Identifier: GPL-2.0 */
/* hdaemu-ctl: shared declarations of the subcommands. */
#ifndef HDAEMU_CTL_H
#define HDAEMU_CTL_H

#include <stddef.h>

#include <linux/hdaemu.h>

#define HDAEMU_DEV_PATH "/dev/" HDAEMU_DEVICE_NAME

/* Exit codes: 0 success, 1 the check failed, 2 usage, 3 the device failed. */
enum { EXIT_CHECK = 1, EXIT_USAGE = 2, EXIT_DEVICE = 3 };

int hdaemu_open(void);
int cmd_info(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_watch(int argc, char **argv);
int cmd_fault(int argc, char **argv);
int cmd_codec(int argc, char **argv);
int cmd_jack(int argc, char **argv);
int cmd_play(int argc, char **argv);
int cmd_record(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_source(int argc, char **argv);

/* source.c: numbers, levels and sources as the commands print them. */
/* Decimal or 0x hex, at most @max: 0, or -1 for anything else. */
int ctl_number(const char *s, unsigned long long max, unsigned long long *v);
/* round(65536 * 10^(dB/20)), clamped to 1..HDAEMU_TONE_FULL_SCALE. */
unsigned int ctl_db_to_level(double db);
double ctl_level_to_db(unsigned int level);
const char *source_name(unsigned int source);
/* "tone 1000 Hz -6.0 dBFS (level 32846/65536)", "loopback from pin 6", "ramp". */
void source_describe(const struct hdaemu_input_source *s, char *buf, size_t len);

#endif
