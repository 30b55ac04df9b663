// SPDX-License-Identifier: GPL-2.0
/*
 * hdaemu_bus_test - a kernel function driver that tests the bus interface.
 *
 * Loading it runs the tests below against the exported interface, the way
 * another kernel module (an ALSA driver, say) would use it: interface
 * versions, V3 notification callbacks and their counts, a callback that
 * stops its own engine, the unregister guarantee, the register reads, a
 * caller-made BDL with its interrupt handler, and closing a client with an
 * engine running. Each result is printed as a KTAP line; the load fails
 * with -EINVAL if any test failed, so insmod's status is the verdict.
 */
#include <linux/atomic.h>
#include <linux/delay.h>
#include <linux/err.h>
#include <linux/module.h>

#include <hdaemu/bus.h>

static const struct hdaemu_format bt_format = {
	.sample_rate = 48000, .valid_bits = 16, .container_bits = 16, .channels = 2,
};

/* 10 ms periods of 48 kHz, 16-bit stereo. */
#define BT_PERIOD_BYTES		1920

static int bt_failures;
static int bt_number;

/* Like the harness's ASSERT_*(): report, then end the test. */
#define BT_CHECK(cond, fmt, ...)						\
	do {									\
		if (!(cond)) {							\
			pr_err("# %s:%d: check failed: %s: " fmt "\n",		\
			       __func__, __LINE__, #cond, ##__VA_ARGS__);	\
			return -EINVAL;						\
		}								\
	} while (0)

struct bt_counter {
	atomic_t calls;
	atomic_t iocs;
	atomic64_t last_sequence;
	struct hdaemu_bus_interface *bi;
	struct hdaemu_engine *engine;
	int stop_after;
};

static void bt_count(void *context, const struct hdaemu_ioc *ioc)
{
	struct bt_counter *c = context;

	atomic_inc(&c->calls);
	atomic_add(ioc->count, &c->iocs);
	atomic64_set(&c->last_sequence, ioc->sequence);
	/* As an ALSA driver may from its period callback: stop the stream. */
	if (c->stop_after && atomic_read(&c->iocs) >= c->stop_after)
		c->bi->set_dma_engine_state(c->bi->context, HDAEMU_STREAM_STOP, 1,
					    &c->engine, NULL);
}

static int bt_run(struct hdaemu_bus_interface *bi, struct hdaemu_engine *engine,
		  enum hdaemu_stream_state state)
{
	return bi->set_dma_engine_state(bi->context, state, 1, &engine, NULL);
}

/* An engine with a 2-period notification buffer, in Reset. */
static int bt_engine(struct hdaemu_bus_interface *bi, struct hdaemu_engine **engine,
		     struct hdaemu_dma_buffer *buf)
{
	u16 fmt;
	int ret;

	ret = bi->allocate_render_dma_engine(bi->context, &bt_format, false, engine, &fmt);
	if (ret)
		return ret;
	return bi->allocate_dma_buffer_with_notification(bi->context, *engine, 2,
							  2 * BT_PERIOD_BYTES, buf);
}

static int bt_versions(void)
{
	struct hdaemu_bus_interface *v1, *v2, *v3, *bdl;
	int ret = 0;

	BT_CHECK(PTR_ERR(hdaemu_bus_open(0)) == -EINVAL, "version 0");
	BT_CHECK(PTR_ERR(hdaemu_bus_open(99)) == -EINVAL, "version 99");
	v1 = hdaemu_bus_open(HDAEMU_BUS_INTERFACE_V1);
	v2 = hdaemu_bus_open(HDAEMU_BUS_INTERFACE_V2);
	v3 = hdaemu_bus_open(HDAEMU_BUS_INTERFACE_V3);
	bdl = hdaemu_bus_open(HDAEMU_BUS_INTERFACE_BDL);
	if (IS_ERR(v1) || IS_ERR(v2) || IS_ERR(v3) || IS_ERR(bdl))
		ret = -ENOMEM;
	else if (v1->register_notification_event || !v1->allocate_dma_buffer ||
		 v1->allocate_contiguous_dma_buffer)
		ret = -EINVAL;
	else if (!v2->register_notification_event || v2->register_notification_callback)
		ret = -EINVAL;
	else if (!v3->register_notification_callback || v3->allocate_contiguous_dma_buffer)
		ret = -EINVAL;
	else if (bdl->allocate_dma_buffer || !bdl->setup_dma_engine_with_bdl ||
		 bdl->size != sizeof(*bdl) || bdl->version != HDAEMU_BUS_INTERFACE_BDL)
		ret = -EINVAL;
	hdaemu_bus_close(v1);
	hdaemu_bus_close(v2);
	hdaemu_bus_close(v3);
	hdaemu_bus_close(bdl);
	BT_CHECK(!ret, "the tables do not hold their versions' routines");
	return 0;
}

static int bt_callbacks_count_iocs(struct hdaemu_bus_interface *bi)
{
	struct hdaemu_position_sample sample;
	struct bt_counter c = {};
	struct hdaemu_dma_buffer buf;
	struct hdaemu_engine *engine;
	int ret;

	BT_CHECK(!bt_engine(bi, &engine, &buf), "engine");
	BT_CHECK(buf.bytes == 2 * BT_PERIOD_BYTES, "buffer %zu", buf.bytes);
	BT_CHECK(!bi->register_notification_callback(bi->context, engine, bt_count, &c),
		 "register");
	BT_CHECK(bi->register_notification_callback(bi->context, engine, bt_count, &c) ==
		 -EEXIST, "registered twice");
	BT_CHECK(!bt_run(bi, engine, HDAEMU_STREAM_STOP), "to Stop");
	BT_CHECK(!bt_run(bi, engine, HDAEMU_STREAM_RUN), "to Run");
	msleep(300);
	BT_CHECK(!bt_run(bi, engine, HDAEMU_STREAM_STOP), "to Stop");
	/* After the free returns no callback runs: the counts are final. */
	ret = bi->query_position(bi->context, engine, &sample);
	BT_CHECK(!ret, "query");
	BT_CHECK(!bt_run(bi, engine, HDAEMU_STREAM_RESET), "to Reset");
	BT_CHECK(!bi->free_dma_buffer_with_notification(bi->context, engine, buf.area, buf.bytes),
		 "free buffer");
	BT_CHECK(bi->unregister_notification_callback(bi->context, engine, bt_count, &c) ==
		 -ENOENT, "the buffer's free ends registrations");
	BT_CHECK(!bi->free_dma_engine(bi->context, engine), "free engine");

	BT_CHECK(atomic_read(&c.iocs) == sample.ioc_count, "callbacks counted %d IOCs, engine %llu",
		 atomic_read(&c.iocs), sample.ioc_count);
	BT_CHECK(atomic64_read(&c.last_sequence) == sample.ioc_count, "last sequence %lld",
		 (long long)atomic64_read(&c.last_sequence));
	BT_CHECK(sample.bytes / BT_PERIOD_BYTES - sample.ioc_count <= 1,
		 "%llu bytes, %llu IOCs", sample.bytes, sample.ioc_count);
	BT_CHECK(sample.ioc_count >= 10, "only %llu IOCs in 300 ms", sample.ioc_count);
	return 0;
}

static int bt_callback_stops_engine(struct hdaemu_bus_interface *bi)
{
	struct hdaemu_position_sample sample;
	struct bt_counter c = { .bi = bi, .stop_after = 5 };
	struct hdaemu_dma_buffer buf;
	int calls;

	BT_CHECK(!bt_engine(bi, &c.engine, &buf), "engine");
	BT_CHECK(!bi->register_notification_callback(bi->context, c.engine, bt_count, &c),
		 "register");
	BT_CHECK(!bt_run(bi, c.engine, HDAEMU_STREAM_STOP), "to Stop");
	BT_CHECK(!bt_run(bi, c.engine, HDAEMU_STREAM_RUN), "to Run");
	msleep(200);
	calls = atomic_read(&c.calls);
	msleep(50);
	BT_CHECK(!bi->query_position(bi->context, c.engine, &sample), "query");
	BT_CHECK(sample.state == HDAEMU_STREAM_STOP, "state %d", sample.state);
	BT_CHECK(atomic_read(&c.calls) == calls, "called after the stop");
	BT_CHECK(atomic_read(&c.iocs) >= 5 && atomic_read(&c.iocs) < 8, "%d IOCs",
		 atomic_read(&c.iocs));
	hdaemu_bus_close(bi);
	return 0;
}

static int bt_unregister_is_final(struct hdaemu_bus_interface *bi)
{
	struct bt_counter c = {};
	struct hdaemu_dma_buffer buf;
	struct hdaemu_engine *engine;
	int iocs;

	BT_CHECK(!bt_engine(bi, &engine, &buf), "engine");
	BT_CHECK(!bi->register_notification_callback(bi->context, engine, bt_count, &c),
		 "register");
	BT_CHECK(!bt_run(bi, engine, HDAEMU_STREAM_STOP), "to Stop");
	BT_CHECK(!bt_run(bi, engine, HDAEMU_STREAM_RUN), "to Run");
	msleep(60);
	BT_CHECK(!bi->unregister_notification_callback(bi->context, engine, bt_count, &c),
		 "unregister");
	iocs = atomic_read(&c.iocs);
	msleep(60);
	BT_CHECK(atomic_read(&c.iocs) == iocs, "signalled after unregister");
	BT_CHECK(iocs > 0, "no IOC in 60 ms");
	return 0;
}

static int bt_registers(struct hdaemu_bus_interface *bi)
{
	const struct hdaemu_register *wallclock, *lpib;
	struct hdaemu_dma_buffer buf;
	struct hdaemu_engine *engine;
	u32 w0, w1, p0, p1;

	bi->get_wall_clock_register(bi->context, &wallclock);
	BT_CHECK(!bt_engine(bi, &engine, &buf), "engine");
	BT_CHECK(!bi->get_link_position_register(bi->context, engine, &lpib), "LPIB");
	BT_CHECK(bi->get_link_position_register(bi->context, NULL, &lpib) == -ENOENT,
		 "a NULL handle");
	BT_CHECK(hdaemu_register_read(lpib) == 0, "LPIB in Reset");
	BT_CHECK(!bt_run(bi, engine, HDAEMU_STREAM_STOP), "to Stop");
	BT_CHECK(!bt_run(bi, engine, HDAEMU_STREAM_RUN), "to Run");
	w0 = hdaemu_register_read(wallclock);
	p0 = hdaemu_register_read(lpib);
	usleep_range(3000, 4000);
	w1 = hdaemu_register_read(wallclock);
	p1 = hdaemu_register_read(lpib);
	/* 3 ms or more of a 24 MHz clock; positions move between IOCs. */
	BT_CHECK(w1 - w0 >= 72000, "wall clock moved %u ticks", w1 - w0);
	BT_CHECK(p0 < buf.bytes && p1 < buf.bytes && p0 % 4 == 0 && p1 != p0,
		 "LPIB %u then %u", p0, p1);
	hdaemu_bus_close(bi);
	return 0;
}

static void bt_isr(void *context, u32 status)
{
	atomic_t *bcis = context;

	if (status & HDAEMU_SD_STS_BCIS)
		atomic_inc(bcis);
}

static int bt_bdl(struct hdaemu_bus_interface *bi)
{
	struct hdaemu_buffer_descriptor *bdl;
	struct hdaemu_position_sample sample;
	struct hdaemu_engine *engine;
	atomic_t bcis = ATOMIC_INIT(0);
	u32 fifo, i;
	void *data;
	u16 fmt;
	u8 tag;

	BT_CHECK(!bi->allocate_render_dma_engine(bi->context, &bt_format, false, &engine, &fmt),
		 "engine");
	BT_CHECK(!bi->allocate_contiguous_dma_buffer(bi->context, engine, 8192, &data, &bdl),
		 "buffer");
	BT_CHECK(bt_run(bi, engine, HDAEMU_STREAM_STOP) == -ENODATA, "runs before setup");
	/* Four fragments of 5 ms, IOC after the second and the fourth. */
	for (i = 0; i < 4; i++) {
		bdl[i].offset = i * 1024;
		bdl[i].length = 960;
		bdl[i].ioc = i & 1;
	}
	BT_CHECK(bi->setup_dma_engine_with_bdl(bi->context, engine, 3840, 0, bt_isr, &bcis,
					       &tag, &fifo) == -EINVAL, "one entry");
	bdl[1].offset = 1000;
	BT_CHECK(bi->setup_dma_engine_with_bdl(bi->context, engine, 3840, 3, bt_isr, &bcis,
					       &tag, &fifo) == -EINVAL, "misaligned entry");
	bdl[1].offset = 1024;
	BT_CHECK(bi->setup_dma_engine_with_bdl(bi->context, engine, 3840, 3, bt_isr, &bcis,
					       &tag, &fifo) == 0, "setup");
	BT_CHECK(!bt_run(bi, engine, HDAEMU_STREAM_STOP), "to Stop");
	BT_CHECK(!bt_run(bi, engine, HDAEMU_STREAM_RUN), "to Run");
	msleep(200);
	BT_CHECK(!bt_run(bi, engine, HDAEMU_STREAM_STOP), "to Stop");
	BT_CHECK(!bi->query_position(bi->context, engine, &sample), "query");
	BT_CHECK(sample.link_position == sample.bytes % 3840, "LPIB %u", sample.link_position);
	BT_CHECK(sample.bytes / 1920 - sample.ioc_count <= 1, "%llu bytes, %llu IOCs",
		 sample.bytes, sample.ioc_count);
	BT_CHECK(atomic_read(&bcis) > 0 && atomic_read(&bcis) <= sample.ioc_count,
		 "ISR saw %d of %llu IOCs", atomic_read(&bcis), sample.ioc_count);
	BT_CHECK(bi->free_contiguous_dma_buffer(bi->context, engine) == -EBADFD, "free stopped");
	BT_CHECK(!bt_run(bi, engine, HDAEMU_STREAM_RESET), "to Reset");
	BT_CHECK(!bi->free_contiguous_dma_buffer(bi->context, engine), "free");
	hdaemu_bus_close(bi);
	return 0;
}

static int bt_close_running(struct hdaemu_bus_interface *bi)
{
	struct hdaemu_dma_buffer buf;
	struct hdaemu_engine *engine;
	struct bt_counter c = {};

	BT_CHECK(!bt_engine(bi, &engine, &buf), "engine");
	BT_CHECK(!bi->register_notification_callback(bi->context, engine, bt_count, &c),
		 "register");
	BT_CHECK(!bt_run(bi, engine, HDAEMU_STREAM_STOP), "to Stop");
	BT_CHECK(!bt_run(bi, engine, HDAEMU_STREAM_RUN), "to Run");
	msleep(30);
	/* Running, registered, a buffer: the close takes it all down. */
	hdaemu_bus_close(bi);
	return 0;
}

static void bt_report(const char *name, int ret)
{
	bt_number++;
	if (ret)
		bt_failures++;
	pr_info("%sok %d %s\n", ret ? "not " : "", bt_number, name);
}

/* Each test gets a fresh client; tests that close it themselves say so. */
static void bt_one(const char *name, u16 version,
		   int (*test)(struct hdaemu_bus_interface *bi), bool closes)
{
	struct hdaemu_bus_interface *bi = hdaemu_bus_open(version);
	int ret;

	if (IS_ERR(bi)) {
		bt_report(name, PTR_ERR(bi));
		return;
	}
	ret = test(bi);
	if (!closes || ret)
		hdaemu_bus_close(bi);
	bt_report(name, ret);
}

static int __init bt_init(void)
{
	pr_info("KTAP version 1\n");
	pr_info("1..7\n");
	bt_report("versions", bt_versions());
	bt_one("callbacks_count_iocs", HDAEMU_BUS_INTERFACE_V3, bt_callbacks_count_iocs, false);
	bt_one("callback_stops_engine", HDAEMU_BUS_INTERFACE_V3, bt_callback_stops_engine, true);
	bt_one("unregister_is_final", HDAEMU_BUS_INTERFACE_V3, bt_unregister_is_final, false);
	bt_one("registers", HDAEMU_BUS_INTERFACE_V3, bt_registers, true);
	bt_one("bdl_with_isr", HDAEMU_BUS_INTERFACE_BDL, bt_bdl, true);
	bt_one("close_running", HDAEMU_BUS_INTERFACE_V3, bt_close_running, true);
	pr_info("# hdaemu_bus_test: %d of %d failed\n", bt_failures, bt_number);
	return bt_failures ? -EINVAL : 0;
}

static void __exit bt_exit(void)
{
}

module_init(bt_init);
module_exit(bt_exit);

MODULE_DESCRIPTION("Tests of the hdaemu bus interface, run at load");
MODULE_AUTHOR("The hdaemu developers");
MODULE_LICENSE("GPL");
MODULE_INFO(test, "Y");
