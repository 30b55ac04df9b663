/* SPDX-License-Identifier: GPL-2.0 */
/* hdaemu-ctl: shared declarations of the subcommands. */
#ifndef HDAEMU_CTL_H
#define HDAEMU_CTL_H

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

#endif
