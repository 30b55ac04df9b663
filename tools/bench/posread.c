// SPDX-License-Identifier: GPL-2.0
/*
 * hdaemu-bench, item 5: the cost of reading a running engine's position.
 *
 *   page        the position page's slot (seqcount read), clock_gettime()
 *               and hdaemu_slot_bytes_at(): LPIB without a system call
 *   page, slot  the slot alone, without the clock: the memory read
 *   ioctl       HDAEMU_IOC_GET_POSITION
 *
 * In blocks of 1000 reads, the methods taking turns block by block in a
 * rotating order; a block's time over 1000 is one sample. The median
 * block is the figure. Whether the first is free of system calls depends
 * on the clock source: with the TSC, clock_gettime() stays in the vDSO;
 * with another (hpet, acpi_pm) it makes a system call, which the report
 * says.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>

#include "bench.h"

#define POS_BLOCK	1000

enum { M_PAGE, M_SLOT, M_IOCTL, M_NUM };

static const char *const method_name[M_NUM] = { "page", "page-slot", "ioctl" };
static const char *const method_label[M_NUM] = {
	"position page: slot + clock_gettime + formula",
	"position page: slot read alone",
	"GET_POSITION ioctl",
};

static void read_clocksource(char *buf, size_t len)
{
	FILE *f = fopen("/sys/devices/system/clocksource/clocksource0/current_clocksource", "r");

	snprintf(buf, len, "unknown");
	if (!f)
		return;
	if (fgets(buf, (int)len, f))
		buf[strcspn(buf, "\n")] = 0;
	fclose(f);
}

static volatile uint64_t sink;

static uint64_t block(struct hda *h, struct hda_engine *e, int method, int *err)
{
	struct hdaemu_position_slot slot;
	struct hdaemu_position p = { .handle = e->handle };
	uint64_t t1, t2, acc = 0;
	int i;

	t1 = now_ns();
	switch (method) {
	case M_PAGE:
		for (i = 0; i < POS_BLOCK; i++) {
			hda_slot_read(h, e, &slot);
			acc += hdaemu_slot_bytes_at(&slot, now_ns()) % slot.buffer_bytes;
		}
		break;
	case M_SLOT:
		for (i = 0; i < POS_BLOCK; i++) {
			hda_slot_read(h, e, &slot);
			acc += slot.anchor_ns;
		}
		break;
	default:
		for (i = 0; i < POS_BLOCK; i++) {
			if (ioctl(h->fd, HDAEMU_IOC_GET_POSITION, &p) < 0)
				*err = -errno;
			acc += p.link_position;
		}
		break;
	}
	t2 = now_ns();
	sink += acc;
	return t2 - t1;
}

int phase_position(const struct bench_opts *o)
{
	struct samples s[M_NUM] = { 0 };
	struct hdaemu_position_slot slot;
	struct hdaemu_position p;
	struct hda h;
	struct hda_engine e;
	char cs[64], q[4][24], r[16];
	int m, k, ret, err = 0, fail = 0;
	long b;

	ret = hda_open(&h, false);
	if (!ret)
		ret = hda_engine_alloc_any(&h, &e, 48000, 2, 16, 16);
	if (!ret)
		ret = hda_buffer_notify(&h, &e, 480);
	if (!ret)
		ret = hda_set_state1(&h, &e, HDAEMU_STATE_STOP, NULL);
	if (!ret)
		ret = hda_set_state1(&h, &e, HDAEMU_STATE_RUN, NULL);
	if (ret) {
		say("position: setup: %s", strerror(-ret));
		return 1;
	}
	read_clocksource(cs, sizeof(cs));
	say("position: %ld blocks of %d reads per method, clock source %s", o->pos_blocks,
	    POS_BLOCK, cs);
	out_info("clocksource", "%s", cs);

	/* The page and the ioctl agree at the ioctl's instant, exactly. */
	if (hda_position(&h, &e, &p)) {
		fail = 1;
	} else {
		hda_slot_read(&h, &e, &slot);
		if (hdaemu_slot_bytes_at(&slot, p.timestamp_ns) != p.bytes) {
			say("position: the page and GET_POSITION disagree");
			fail = 1;
		}
	}

	for (b = 0; b < o->pos_blocks; b++)
		for (k = 0; k < M_NUM; k++) {
			m = (int)((b + k) % M_NUM);
			samples_add(&s[m], (int64_t)block(&h, &e, m, &err));
		}
	if (err) {
		say("position: GET_POSITION: %s", strerror(-err));
		fail = 1;
	}

	out_md("## Position read cost");
	out_md("%s", "");
	out_md("%ld blocks of %d reads per method, interleaved; per read: the median, "
	       "99th percentile and mean of the blocks. Clock source: %s (%s).", o->pos_blocks,
	       POS_BLOCK, cs, strcmp(cs, "tsc") ? "clock_gettime() is a system call here"
					       : "clock_gettime() stays in the vDSO");
	out_md("%s", "");
	out_md("| method | per read, median | p99 | mean | ioctl / this |");
	out_md("|---|---:|---:|---:|---:|");
	for (m = 0; m < M_NUM; m++) {
		double med = (double)samples_quantile(&s[m], 0.5) / POS_BLOCK;
		double io = (double)samples_quantile(&s[M_IOCTL], 0.5) / POS_BLOCK;

		fmt_ns(q[0], sizeof(q[0]), med);
		fmt_ns(q[1], sizeof(q[1]), (double)samples_quantile(&s[m], 0.99) / POS_BLOCK);
		fmt_ns(q[2], sizeof(q[2]), samples_mean(&s[m]) / POS_BLOCK);
		fmt_ratio(r, sizeof(r), io, med);
		out_md("| %s | %s | %s | %s | %s |", method_label[m], q[0], q[1], q[2], r);
		out_csv("position", method_name[m], cs, "median", med, "ns");
		out_csv("position", method_name[m], cs, "p99",
			(double)samples_quantile(&s[m], 0.99) / POS_BLOCK, "ns");
		out_csv("position", method_name[m], cs, "mean", samples_mean(&s[m]) / POS_BLOCK,
			"ns");
		if (med > 0)
			out_csv("position", method_name[m], cs, "ioctl_over_this", io / med, "x");
	}
	out_md("%s", "");
	for (m = 0; m < M_NUM; m++)
		samples_free(&s[m]);
	hda_close(&h);
	return fail;
}
