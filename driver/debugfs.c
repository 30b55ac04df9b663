// SPDX-License-Identifier: GPL-2.0
/*
 * hdaemu - debugfs: a look inside the controller for people debugging.
 *
 * /sys/kernel/debug/hdaemu/controller shows the controller and one line per
 * engine; engines/<index> shows one engine as "key: value" lines, for
 * scripts. Clients appear by number, never by kernel address. Other parts
 * of the module add their files under hdaemu_debugfs_root().
 */
#include <linux/debugfs.h>
#include <linux/math64.h>
#include <linux/seq_file.h>

#include "hdaemu.h"

static struct dentry *hdaemu_debugfs_dir;

static const char *const hdaemu_state_names[] = {
	[HDAEMU_STREAM_RESET] = "reset",
	[HDAEMU_STREAM_STOP] = "stop",
	[HDAEMU_STREAM_RUN] = "run",
};

/* What both views show of an engine, taken at one instant. */
struct hdaemu_engine_view {
	u32 client;
	enum hdaemu_stream_state state;
	u32 direction;
	u32 stream_tag;
	struct hdaemu_stream_params params;
	u32 cbl;
	u32 buffer_kind;
	u32 ioc_points;
	u64 bytes;
	u32 link_position;
	u64 ioc_count;
	struct hdaemu_ioc_stats stats;
	struct hdaemu_data data;
	s32 drift_ppm;
	u32 position_mode;
	u32 position_step_us;
};

/* Context: process context, bus->lock held (it keeps the buffer still). */
static void hdaemu_debugfs_view(struct hdaemu_engine *engine, struct hdaemu_engine_view *v)
{
	lockdep_assert_held(&engine->bus->lock);
	spin_lock_irq(&engine->lock);
	v->client = engine->owner ? engine->owner->id : 0;
	v->state = engine->state;
	v->direction = engine->direction;
	v->stream_tag = engine->stream_tag;
	v->params = engine->params;
	v->cbl = engine->buffer.cbl;
	v->buffer_kind = engine->buffer.kind;
	v->ioc_points = engine->buffer.num_points;
	v->bytes = hdaemu_stream_bytes_at(engine, ktime_get());
	v->ioc_count = engine->ioc_sequence;
	v->stats = engine->stats;
	v->data = engine->data;
	v->drift_ppm = engine->drift_ppm;
	v->position_mode = engine->position_mode;
	v->position_step_us = engine->position_step_us;
	spin_unlock_irq(&engine->lock);
	v->link_position = 0;
	if (v->cbl)
		div_u64_rem(v->bytes, v->cbl, &v->link_position);
}

static void hdaemu_debugfs_show_engine(struct seq_file *m, struct hdaemu_engine *engine)
{
	struct hdaemu_engine_view v;

	hdaemu_debugfs_view(engine, &v);
	seq_printf(m, "%2u %-7s ", engine->index,
		   engine->capabilities == BIT(HDAEMU_DIR_CAPTURE) ? "input" :
		   engine->capabilities == BIT(HDAEMU_DIR_RENDER) ? "output" : "bidir");
	if (!v.client) {
		seq_puts(m, "free\n");
		return;
	}
	seq_printf(m, "client %u %s tag %u fmt 0x%04x %s cbl %u lpib %u bytes %llu iocs %llu missed %llu late_ns last %llu max %llu mean %llu\n",
		   v.client, v.direction == HDAEMU_DIR_RENDER ? "render" : "capture",
		   v.stream_tag, v.params.converter_format, hdaemu_state_names[v.state], v.cbl,
		   v.link_position, v.bytes, v.ioc_count, v.stats.missed, v.stats.late_last_ns,
		   v.stats.late_max_ns, hdaemu_ioc_stats_mean(&v.stats));
}

static int hdaemu_debugfs_controller_show(struct seq_file *m, void *unused)
{
	struct hdaemu_bus *bus = m->private;
	u32 i;

	seq_printf(m, "gcap 0x%04x output %u input %u bidir %u codecs 0x%x wallclock %u\n",
		   hdaemu_bus_gcap(bus), bus->num_output, bus->num_input, bus->num_bidir,
		   bus->codec_mask, hdaemu_wallclock_at(bus, ktime_get()));
	mutex_lock(&bus->lock);
	seq_printf(m, "link words out %u/%u\n", bus->out_words, HDAEMU_OUTPAY_WORDS);
	for (i = 0; i < bus->num_engines; i++)
		hdaemu_debugfs_show_engine(m, &bus->engines[i]);
	mutex_unlock(&bus->lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(hdaemu_debugfs_controller);

static int hdaemu_debugfs_engine_show(struct seq_file *m, void *unused)
{
	struct hdaemu_engine *engine = m->private;
	struct hdaemu_engine_view v;

	mutex_lock(&engine->bus->lock);
	hdaemu_debugfs_view(engine, &v);
	mutex_unlock(&engine->bus->lock);

	seq_printf(m, "index: %u\nclient: %u\n", engine->index, v.client);
	if (!v.client)
		return 0;
	seq_printf(m, "direction: %s\nstate: %s\nstream_tag: %u\nformat: 0x%04x\n",
		   v.direction == HDAEMU_DIR_RENDER ? "render" : "capture",
		   hdaemu_state_names[v.state], v.stream_tag, v.params.converter_format);
	seq_printf(m, "rate: %u\nchannels: %u\nbits: %u\nframe_bytes: %u\n",
		   v.params.format.sample_rate, v.params.format.channels,
		   v.params.format.valid_bits, v.params.frame_bytes);
	seq_printf(m, "buffer_kind: %u\nbuffer_bytes: %u\nioc_points: %u\n", v.buffer_kind,
		   v.cbl, v.ioc_points);
	seq_printf(m, "bytes: %llu\nlink_position: %u\nioc_count: %llu\n", v.bytes,
		   v.link_position, v.ioc_count);
	seq_printf(m, "iocs: %llu\ninterrupts: %llu\nlate_interrupts: %llu\nmissed: %llu\n",
		   v.stats.iocs, v.stats.runs, v.stats.late_batches, v.stats.missed);
	seq_printf(m, "late_last_ns: %llu\nlate_max_ns: %llu\nlate_mean_ns: %llu\ndropped: %llu\n",
		   v.stats.late_last_ns, v.stats.late_max_ns, hdaemu_ioc_stats_mean(&v.stats),
		   v.stats.dropped);
	seq_printf(m, "busy_ns: %llu\n", v.stats.busy_ns);
	seq_printf(m, "route: %u\nconverter: %u/%u\npin: %u\nsource: %u\n", v.data.route.route,
		   v.data.route.codec_address, v.data.route.converter_nid, v.data.route.pin_nid,
		   v.data.route.source);
	seq_printf(m, "data_bytes: %llu\nunrouted_bytes: %llu\nunderruns: %llu\nunderrun_bytes: %llu\n",
		   v.data.stats.bytes, v.data.stats.unrouted_bytes, v.data.stats.underruns,
		   v.data.stats.underrun_bytes);
	seq_printf(m, "stalls: %llu\nloopback_latency_frames: %lld\nloopback_gaps: %llu\n",
		   v.data.stats.stalls, v.data.stats.loop_latency, v.data.stats.loop_gaps);
	seq_printf(m, "drift_ppm: %d\nposition_mode: %u\nposition_step_us: %u\n", v.drift_ppm,
		   v.position_mode, v.position_step_us);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(hdaemu_debugfs_engine);

/**
 * hdaemu_debugfs_root() - the module's debugfs directory
 *
 * Context: any, between hdaemu_debugfs_init() and hdaemu_debugfs_exit().
 * Return: the directory, or an error pointer debugfs functions accept.
 */
struct dentry *hdaemu_debugfs_root(void)
{
	return hdaemu_debugfs_dir;
}

/**
 * hdaemu_debugfs_init() - create /sys/kernel/debug/hdaemu
 * @bus: the controller
 *
 * debugfs is for debugging: failing to create it is not an error.
 *
 * Context: process context (module init).
 */
void hdaemu_debugfs_init(struct hdaemu_bus *bus)
{
	struct dentry *engines;
	char name[8];
	u32 i;

	hdaemu_debugfs_dir = debugfs_create_dir(HDAEMU_DEVICE_NAME, NULL);
	debugfs_create_file("controller", 0444, hdaemu_debugfs_dir, bus,
			    &hdaemu_debugfs_controller_fops);
	hdaemu_fault_debugfs_init(bus, hdaemu_debugfs_dir);
	engines = debugfs_create_dir("engines", hdaemu_debugfs_dir);
	for (i = 0; i < bus->num_engines; i++) {
		snprintf(name, sizeof(name), "%u", i);
		debugfs_create_file(name, 0444, engines, &bus->engines[i],
				    &hdaemu_debugfs_engine_fops);
	}
}

/**
 * hdaemu_debugfs_exit() - remove the module's debugfs files
 *
 * Context: process context (module exit).
 */
void hdaemu_debugfs_exit(void)
{
	debugfs_remove_recursive(hdaemu_debugfs_dir);
	hdaemu_debugfs_dir = NULL;
}
