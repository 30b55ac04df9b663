// SPDX-License-Identifier: GPL-2.0
/*
 * hdaemu - debugfs files of the codecs, for people and scripts.
 *
 *   codec<N>/widgets  the widget tree with each widget's state, the
 *                     converters' routes to engines and the counters
 *   codec<N>/jack     write "NID 0|1" to unplug or plug a jack, as
 *                     HDAEMU_IOC_INJECT_JACK does (debugfs is root only)
 */
#include <linux/debugfs.h>
#include <linux/kstrtox.h>
#include <linux/seq_file.h>
#include <linux/uaccess.h>

#include "codec.h"

static const char *const hdaemu_widget_type_names[16] = {
	[HDAEMU_WID_AUD_OUT] = "dac", [HDAEMU_WID_AUD_IN] = "adc",
	[HDAEMU_WID_AUD_MIX] = "mixer", [HDAEMU_WID_AUD_SEL] = "selector",
	[HDAEMU_WID_PIN] = "pin",
};

static void hdaemu_codec_show_widget(struct seq_file *m, const struct hdaemu_widget_desc *d,
				     const struct hdaemu_widget_state *w, u32 nid)
{
	const char *type = hdaemu_widget_type_names[(d->caps >> 20) & 0xf];
	u32 i;

	seq_printf(m, "  nid %u %s \"%s\" caps 0x%08x", nid, type ? type : "vendor", d->name,
		   d->caps);
	if (d->caps & HDAEMU_WCAP_CONN_LIST) {
		seq_puts(m, " conn");
		for (i = 0; i < d->num_conns; i++)
			seq_printf(m, "%c%u", i ? ',' : ' ', d->conns[i]);
		seq_printf(m, " sel %u", w->conn_sel);
	}
	if (d->caps & HDAEMU_WCAP_IN_AMP)
		seq_printf(m, " amp_in 0x%02x/0x%02x", w->amp_in[0][0], w->amp_in[0][1]);
	if (d->caps & HDAEMU_WCAP_OUT_AMP)
		seq_printf(m, " amp_out 0x%02x/0x%02x", w->amp_out[0], w->amp_out[1]);
	if (d->caps & HDAEMU_WCAP_POWER)
		seq_printf(m, " power D%u", w->power);
	if (((d->caps >> 20) & 0xf) <= HDAEMU_WID_AUD_IN)
		seq_printf(m, " format 0x%04x stream %u channel %u", w->format,
			   w->stream_channel >> 4, w->stream_channel & 0xf);
	if (((d->caps >> 20) & 0xf) == HDAEMU_WID_PIN) {
		seq_printf(m, " pincaps 0x%08x config 0x%08x pinctl 0x%02x", d->pincaps,
			   w->config_default, w->pinctl);
		if (d->pincaps & HDAEMU_PINCAP_PRES_DETECT)
			seq_printf(m, " jack %s", w->present ? "plugged" : "unplugged");
		if (d->pincaps & HDAEMU_PINCAP_EAPD)
			seq_printf(m, " eapd 0x%x", w->eapd);
	}
	if (d->caps & HDAEMU_WCAP_UNSOL)
		seq_printf(m, " unsol %s tag %u", (w->unsol & BIT(7)) ? "on" : "off",
			   w->unsol & 0x3f);
	seq_putc(m, '\n');
}

static int hdaemu_codec_widgets_show(struct seq_file *m, void *unused)
{
	struct hdaemu_codec *codec = m->private;
	const struct hdaemu_codec_model *model = codec->model;
	struct hdaemu_converter_route routes[HDAEMU_MAX_CONNS * 2];
	struct hdaemu_codec_counters c;
	int n, i;

	mutex_lock(&codec->lock);
	seq_printf(m, "codec %u model %s vendor 0x%08x revision 0x%08x\n", codec->address,
		   model->name, model->vendor_id, model->revision_id);
	seq_printf(m, "nid 0 root, nid %u afg power D%u, widgets %u..%u\n", model->afg_nid,
		   codec->afg_power, model->first_nid, model->first_nid + model->num_widgets - 1);
	for (i = 0; i < model->num_widgets; i++)
		hdaemu_codec_show_widget(m, &model->widgets[i], &codec->widgets[i],
					 model->first_nid + i);
	c = codec->counters;
	mutex_unlock(&codec->lock);

	n = hdaemu_codec_routes(codec->bus, codec->address, routes, ARRAY_SIZE(routes));
	for (i = 0; i < min_t(int, n, ARRAY_SIZE(routes)); i++) {
		seq_printf(m, "route nid %u tag %u format 0x%04x -> ", routes[i].nid,
			   routes[i].stream_tag, routes[i].format);
		if (routes[i].engine_index == U32_MAX)
			seq_puts(m, "none\n");
		else
			seq_printf(m, "engine %u%s\n", routes[i].engine_index,
				   routes[i].mismatch ? " format mismatch" : "");
	}
	seq_printf(m, "verbs %llu no_node %llu unsupported %llu bad_payload %llu unsol_sent %llu no_codec_here %lld\n",
		   c.verbs, c.no_node, c.unsupported, c.bad_payload, c.unsol_sent,
		   (s64)atomic64_read(&codec->bus->codecs->no_codec[codec->address]));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(hdaemu_codec_widgets);

static ssize_t hdaemu_codec_jack_write(struct file *file, const char __user *ubuf,
				       size_t len, loff_t *ppos)
{
	struct hdaemu_codec *codec = file->private_data;
	char buf[32], *p, *nid_s;
	unsigned int nid, present;
	int ret;

	if (len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = '\0';
	p = strim(buf);
	nid_s = strsep(&p, " \t");
	if (!p || kstrtouint(nid_s, 0, &nid) || kstrtouint(skip_spaces(p), 0, &present) ||
	    present > 1)
		return -EINVAL;
	ret = hdaemu_unsol_inject(codec->bus, codec->address, nid, present);
	return ret ? ret : len;
}

static const struct file_operations hdaemu_codec_jack_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = hdaemu_codec_jack_write,
	/* No .llseek (no_llseek is gone in v6.12): lseek is -ESPIPE. */
};

/**
 * hdaemu_codec_debugfs_init() - a directory per codec under the module's
 * @bus: the controller, its codecs made
 *
 * Context: process context (module init), after hdaemu_debugfs_init().
 */
void hdaemu_codec_debugfs_init(struct hdaemu_bus *bus)
{
	char name[16];
	u32 a;

	for (a = 0; a < HDAEMU_MAX_CODECS; a++) {
		struct hdaemu_codec *codec = bus->codecs->codec[a];
		struct dentry *dir;

		if (!codec)
			continue;
		snprintf(name, sizeof(name), "codec%u", a);
		dir = debugfs_create_dir(name, hdaemu_debugfs_root());
		debugfs_create_file("widgets", 0444, dir, codec, &hdaemu_codec_widgets_fops);
		debugfs_create_file("jack", 0200, dir, codec, &hdaemu_codec_jack_fops);
	}
}
