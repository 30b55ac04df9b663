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

static void hdaemu_debugfs_show_engine(struct seq_file *m, struct hdaemu_engine *engine)
{
	struct hdaemu_ioc_stats stats;
	u32 client = 0, tag, fmt, cbl, pos = 0;
	enum hdaemu_stream_state state;
	u64 bytes, iocs;

	spin_lock_irq(&engine->lock);
	if (engine->owner)
		client = engine->owner->id;
	state = engine->state;
	tag = engine->stream_tag;
	fmt = engine->params.converter_format;
	cbl = engine->buffer.cbl;
	bytes = hdaemu_stream_bytes_at(engine, ktime_get());
	iocs = engine->ioc_sequence;
	stats = engine->stats;
	spin_unlock_irq(&engine->lock);
	if (cbl)
		div_u64_rem(bytes, cbl, &pos);

	seq_printf(m, "%2u %-7s ", engine->index,
		   engine->capabilities == BIT(HDAEMU_DIR_CAPTURE) ? "input" :
		   engine->capabilities == BIT(HDAEMU_DIR_RENDER) ? "output" : "bidir");
	if (!client) {
		seq_puts(m, "free\n");
		return;
	}
	seq_printf(m, "client %u %s tag %u fmt 0x%04x %s cbl %u lpib %u bytes %llu iocs %llu missed %llu late_ns last %llu max %llu mean %llu\n",
		   client, engine->direction == HDAEMU_DIR_RENDER ? "render" : "capture",
		   tag, fmt, hdaemu_state_names[state], cbl, pos, bytes, iocs, stats.missed,
		   stats.late_last_ns, stats.late_max_ns,
		   stats.runs ? div64_u64(stats.late_sum_ns, stats.runs) : 0);
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
	struct hdaemu_stream_params params;
	struct hdaemu_ioc_stats stats;
	u32 client = 0, pos = 0, cbl, kind, points, direction, tag;
	enum hdaemu_stream_state state;
	u64 bytes, iocs;

	/* bus->lock keeps the buffer still; the engine lock the rest. */
	mutex_lock(&engine->bus->lock);
	spin_lock_irq(&engine->lock);
	if (engine->owner)
		client = engine->owner->id;
	state = engine->state;
	direction = engine->direction;
	tag = engine->stream_tag;
	params = engine->params;
	cbl = engine->buffer.cbl;
	kind = engine->buffer.kind;
	points = engine->buffer.num_points;
	iocs = engine->ioc_sequence;
	bytes = hdaemu_stream_bytes_at(engine, ktime_get());
	stats = engine->stats;
	spin_unlock_irq(&engine->lock);
	mutex_unlock(&engine->bus->lock);
	if (cbl)
		div_u64_rem(bytes, cbl, &pos);

	seq_printf(m, "index: %u\nclient: %u\n", engine->index, client);
	if (!client)
		return 0;
	seq_printf(m, "direction: %s\nstate: %s\nstream_tag: %u\nformat: 0x%04x\n",
		   direction == HDAEMU_DIR_RENDER ? "render" : "capture",
		   hdaemu_state_names[state], tag, params.converter_format);
	seq_printf(m, "rate: %u\nchannels: %u\nbits: %u\nframe_bytes: %u\n",
		   params.format.sample_rate, params.format.channels,
		   params.format.valid_bits, params.frame_bytes);
	seq_printf(m, "buffer_kind: %u\nbuffer_bytes: %u\nioc_points: %u\n", kind, cbl, points);
	seq_printf(m, "bytes: %llu\nlink_position: %u\nioc_count: %llu\n", bytes, pos, iocs);
	seq_printf(m, "iocs: %llu\ninterrupts: %llu\nlate_interrupts: %llu\nmissed: %llu\n",
		   stats.iocs, stats.runs, stats.late_batches, stats.missed);
	seq_printf(m, "late_last_ns: %llu\nlate_max_ns: %llu\nlate_mean_ns: %llu\ndropped: %llu\n",
		   stats.late_last_ns, stats.late_max_ns,
		   stats.runs ? div64_u64(stats.late_sum_ns, stats.runs) : 0, stats.dropped);
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
