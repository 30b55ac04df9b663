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
#include <linux/completion.h>
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

struct bt_unsol {
	atomic_t calls;
	u64 response;
	struct completion done;
};

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

/* Codec verbs: a command with a 12-bit verb and an 8-bit payload. */
static u32 bt_cmd(u8 cad, u8 nid, u32 verb, u8 payload)
{
	return (u32)cad << 28 | (u32)nid << 20 | verb << 8 | payload;
}

static int bt_codec_sync(struct hdaemu_bus_interface *bi)
{
	struct hdaemu_codec_transfer t[3] = {};
	u8 cad, fg;

	bi->get_resource_information(bi->context, &cad, &fg);
	BT_CHECK(fg == 1, "function group at node %u", fg);
	t[0].command = bt_cmd(cad, 0, 0xf00, 0x04);	/* root: node count */
	t[1].command = bt_cmd(cad, fg, 0xf00, 0x05);	/* AFG: type */
	t[2].command = bt_cmd(cad, 0x70, 0xf00, 0x00);	/* no such node */
	BT_CHECK(bi->transfer_codec_verbs(bi->context, 0, t, NULL, NULL) == -EINVAL, "count 0");
	BT_CHECK(bi->transfer_codec_verbs(bi->context, HDAEMU_MAX_VERBS + 1, t, NULL, NULL) ==
		 -EINVAL, "count above max");
	BT_CHECK(!bi->transfer_codec_verbs(bi->context, 3, t, NULL, NULL), "transfer");
	BT_CHECK(t[0].response == (HDAEMU_RESPONSE_VALID | (u64)cad << 32 | 0x00010001),
		 "root node count 0x%llx", t[0].response);
	BT_CHECK(t[1].response == (HDAEMU_RESPONSE_VALID | (u64)cad << 32 | 0x101),
		 "function group type 0x%llx", t[1].response);
	BT_CHECK(t[2].response == 0, "a missing node answered 0x%llx", t[2].response);
	return 0;
}

struct bt_async {
	atomic_t order;
	int first_seen;
	int second_seen;
	struct completion done;
};

static void bt_async_first(struct hdaemu_codec_transfer *t, void *context)
{
	struct bt_async *a = context;

	a->first_seen = atomic_inc_return(&a->order);
}

static void bt_async_second(struct hdaemu_codec_transfer *t, void *context)
{
	struct bt_async *a = context;

	a->second_seen = atomic_inc_return(&a->order);
	complete(&a->done);
}

static int bt_codec_async(struct hdaemu_bus_interface *bi)
{
	struct hdaemu_codec_transfer t1[2] = {}, t2[1] = {};
	struct bt_async a = { .order = ATOMIC_INIT(0) };
	u8 cad, fg;

	init_completion(&a.done);
	bi->get_resource_information(bi->context, &cad, &fg);
	/* Set then read back DAC 2's stream, then read it in a second call. */
	t1[0].command = bt_cmd(cad, 2, 0x706, 0x35);
	t1[1].command = bt_cmd(cad, 2, 0xf06, 0);
	t2[0].command = bt_cmd(cad, 2, 0xf06, 0);
	BT_CHECK(!bi->transfer_codec_verbs(bi->context, 2, t1, bt_async_first, &a), "first");
	BT_CHECK(!bi->transfer_codec_verbs(bi->context, 1, t2, bt_async_second, &a), "second");
	BT_CHECK(wait_for_completion_timeout(&a.done, 5 * HZ), "no completion");
	BT_CHECK(a.first_seen == 1 && a.second_seen == 2, "completed out of order: %d %d",
		 a.first_seen, a.second_seen);
	BT_CHECK(t1[1].response == (HDAEMU_RESPONSE_VALID | (u64)cad << 32 | 0x35),
		 "read back 0x%llx", t1[1].response);
	BT_CHECK(t2[0].response == t1[1].response, "second call ran first");
	t1[0].command = bt_cmd(cad, 1, 0x7ff, 0);	/* reset the function group */
	BT_CHECK(!bi->transfer_codec_verbs(bi->context, 1, t1, NULL, NULL), "reset");
	return 0;
}

static void bt_unsol_count(u64 response, void *context)
{
	struct bt_unsol *u = context;

	u->response = response;
	atomic_inc(&u->calls);
	complete(&u->done);
}

static int bt_event_callbacks(struct hdaemu_bus_interface *bi)
{
	struct hdaemu_bus_interface *other = hdaemu_bus_open(HDAEMU_BUS_INTERFACE_V1);
	struct bt_unsol u = {};
	u8 tags[4], i, j;
	int ret = 0;

	BT_CHECK(!IS_ERR(other), "second client");
	for (i = 0; i < 4 && !ret; i++) {
		ret = bi->register_event_callback(bi->context, bt_unsol_count, &u, &tags[i]);
		for (j = 0; j < i && !ret; j++)
			if (tags[j] == tags[i])
				ret = -EEXIST;
	}
	if (!ret && bi->register_event_callback(bi->context, NULL, &u, &tags[0]) != -EINVAL)
		ret = -EBADMSG;
	/* Another client's tag, and a tag out of range, are not ours. */
	if (!ret && other->unregister_event_callback(other->context, tags[0]) != -EINVAL)
		ret = -EBADMSG;
	if (!ret && bi->unregister_event_callback(bi->context, 200) != -EINVAL)
		ret = -EBADMSG;
	if (!ret && bi->unregister_event_callback(bi->context, tags[1]))
		ret = -EBADMSG;
	if (!ret && bi->unregister_event_callback(bi->context, tags[1]) != -EINVAL)
		ret = -EBADMSG;
	hdaemu_bus_close(other);
	BT_CHECK(!ret, "tag rules broken: %d", ret);
	return 0;
}

static int bt_device_information(struct hdaemu_bus_interface *bi)
{
	struct hdaemu_device_information info = { .size = sizeof(info) };

	BT_CHECK(!bi->get_device_information(bi->context, &info), "V2 size");
	BT_CHECK(info.size == sizeof(info) && info.codecs_detected &&
		 info.ctrl_vendor_id == 0x8086 && !info.is_striping_supported, "V2 fields");
	memset(&info, 0xcc, sizeof(info));
	info.size = HDAEMU_DEVICE_INFORMATION_V1_SIZE;
	BT_CHECK(!bi->get_device_information(bi->context, &info), "V1 size");
	BT_CHECK(info.size == HDAEMU_DEVICE_INFORMATION_V1_SIZE, "V1 size %u", info.size);
	BT_CHECK(info.ctrl_vendor_id == 0xcccc, "V1 caller's memory written past V1");
	info.size = 2;
	BT_CHECK(bi->get_device_information(bi->context, &info) == -EINVAL, "size too small");
	return 0;
}

/* An injected plug reaches the callback of the tag the pin was given. */
static int bt_unsol_delivery(struct hdaemu_bus_interface *bi)
{
	struct hdaemu_codec_transfer t[3] = {};
	struct bt_unsol u = {};
	u8 cad, fg, tag, pin = 0, nid;

	init_completion(&u.done);
	bi->get_resource_information(bi->context, &cad, &fg);
	/* The first pin with presence detect and unsolicited responses. */
	for (nid = 2; nid < 0x20 && !pin; nid++) {
		t[0].command = bt_cmd(cad, nid, 0xf00, 0x09);
		t[1].command = bt_cmd(cad, nid, 0xf00, 0x0c);
		BT_CHECK(!bi->transfer_codec_verbs(bi->context, 2, t, NULL, NULL), "walk");
		if (!(t[0].response & HDAEMU_RESPONSE_VALID))
			break;
		if (((t[0].response >> 20) & 0xf) == 4 && (t[0].response & BIT(7)) &&
		    (t[1].response & BIT(2)))
			pin = nid;
	}
	BT_CHECK(pin, "no pin with unsolicited responses");
	BT_CHECK(!hdaemu_jack_inject(cad, pin, false), "unplug");
	BT_CHECK(!bi->register_event_callback(bi->context, bt_unsol_count, &u, &tag), "register");
	t[0].command = bt_cmd(cad, pin, 0x708, 0x80 | tag);
	BT_CHECK(!bi->transfer_codec_verbs(bi->context, 1, t, NULL, NULL), "enable");
	BT_CHECK(!hdaemu_jack_inject(cad, pin, true), "plug");
	BT_CHECK(wait_for_completion_timeout(&u.done, 5 * HZ), "no callback");
	BT_CHECK(u.response == (HDAEMU_RESPONSE_VALID | HDAEMU_RESPONSE_UNSOL | (u64)cad << 32 |
				(u64)tag << HDAEMU_UNSOL_TAG_SHIFT), "response 0x%llx", u.response);
	/* Unregistered: a change reaches nobody. */
	BT_CHECK(!bi->unregister_event_callback(bi->context, tag), "unregister");
	BT_CHECK(!hdaemu_jack_inject(cad, pin, false), "unplug");
	msleep(50);
	BT_CHECK(atomic_read(&u.calls) == 1, "%d calls", atomic_read(&u.calls));
	t[0].command = bt_cmd(cad, fg, 0x7ff, 0);
	BT_CHECK(!bi->transfer_codec_verbs(bi->context, 1, t, NULL, NULL), "reset");
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
	pr_info("1..12\n");
	bt_report("versions", bt_versions());
	bt_one("callbacks_count_iocs", HDAEMU_BUS_INTERFACE_V3, bt_callbacks_count_iocs, false);
	bt_one("callback_stops_engine", HDAEMU_BUS_INTERFACE_V3, bt_callback_stops_engine, true);
	bt_one("unregister_is_final", HDAEMU_BUS_INTERFACE_V3, bt_unregister_is_final, false);
	bt_one("registers", HDAEMU_BUS_INTERFACE_V3, bt_registers, true);
	bt_one("bdl_with_isr", HDAEMU_BUS_INTERFACE_BDL, bt_bdl, true);
	bt_one("close_running", HDAEMU_BUS_INTERFACE_V3, bt_close_running, true);
	bt_one("codec_sync_transfer", HDAEMU_BUS_INTERFACE_V1, bt_codec_sync, false);
	bt_one("codec_async_transfer", HDAEMU_BUS_INTERFACE_V2, bt_codec_async, false);
	bt_one("event_callback_tags", HDAEMU_BUS_INTERFACE_V1, bt_event_callbacks, false);
	bt_one("device_information", HDAEMU_BUS_INTERFACE_BDL, bt_device_information, false);
	bt_one("unsol_delivery", HDAEMU_BUS_INTERFACE_V3, bt_unsol_delivery, false);
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
