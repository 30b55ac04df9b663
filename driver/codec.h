/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hdaemu - emulated codecs: the model tables and the per-codec state.
 *
 * A codec model is data: a table of widgets, each with the parameters the
 * codec answers to GET_PARAMETER and its connection list. codec.c executes
 * verbs against any table; a new model is a new table in codec_models.c.
 * Node 0 is the root, model->afg_nid the audio function group, and the
 * widgets are numbered from model->first_nid without gaps, as a function
 * driver expects from the AFG's subordinate node count.
 *
 * Locking (outermost first; see also hdaemu.h)
 *
 *   bus->lock, then codec->lock: the converter-to-engine routes read the
 *	engines under bus->lock and a codec's converters under its lock.
 *	Nothing holding codec->lock takes bus->lock.
 *   codecs->unsol_lock (mutex): the tag table; held while a callback runs,
 *	so an unregister that took it knows the callback is not running.
 *	Callbacks may transfer verbs (codec->lock nests inside it).
 *   codec->lock (mutex): every widget's runtime state and the codec's
 *	counters. Verbs run in process context; nothing in the IOC (hard
 *	interrupt) path touches a codec.
 *   codecs->fifo_lock (spinlock): the unsolicited responses waiting for
 *	delivery; taken under codec->lock by the jack injection.
 */
#ifndef _HDAEMU_CODEC_H
#define _HDAEMU_CODEC_H

#include <linux/atomic.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/workqueue.h>

#include "hdaemu.h"

#define HDAEMU_MAX_CONNS		8
#define HDAEMU_MAX_TAGS			64
#define HDAEMU_UNSOL_QUEUE		64

/* Widget types (audio widget capabilities, bits 23:20). */
#define HDAEMU_WID_AUD_OUT		0x0
#define HDAEMU_WID_AUD_IN		0x1
#define HDAEMU_WID_AUD_MIX		0x2
#define HDAEMU_WID_AUD_SEL		0x3
#define HDAEMU_WID_PIN			0x4

/* Audio widget capability bits. */
#define HDAEMU_WCAP_STEREO		BIT(0)
#define HDAEMU_WCAP_IN_AMP		BIT(1)
#define HDAEMU_WCAP_OUT_AMP		BIT(2)
#define HDAEMU_WCAP_AMP_OVRD		BIT(3)
#define HDAEMU_WCAP_FORMAT_OVRD		BIT(4)
#define HDAEMU_WCAP_UNSOL		BIT(7)
#define HDAEMU_WCAP_CONN_LIST		BIT(8)
#define HDAEMU_WCAP_POWER		BIT(10)
#define HDAEMU_WCAP_TYPE(t)		((u32)(t) << 20)

/* Pin capability bits. */
#define HDAEMU_PINCAP_PRES_DETECT	BIT(2)
#define HDAEMU_PINCAP_HP_DRIVE		BIT(3)
#define HDAEMU_PINCAP_OUT		BIT(4)
#define HDAEMU_PINCAP_IN		BIT(5)
#define HDAEMU_PINCAP_EAPD		BIT(16)

/**
 * struct hdaemu_widget_desc - one widget of a codec model (read-only)
 * @name: a name for dumps ("DAC0", "Headphone")
 * @caps: audio widget capabilities (parameter 0x09), the type included
 * @pcm: supported PCM sizes and rates (0x0A), converters
 * @formats: supported stream formats (0x0B), converters
 * @pincaps: pin capabilities (0x0C), pins
 * @amp_in_caps: input amplifier capabilities (0x0D)
 * @amp_out_caps: output amplifier capabilities (0x12)
 * @config_default: configuration default at reset, pins
 * @pinctl: pin widget control at reset, pins
 * @num_conns: entries of @conns (parameter 0x0E, short form)
 * @conns: the connection list: the nodes this widget takes input from
 */
struct hdaemu_widget_desc {
	const char *name;
	u32 caps;
	u32 pcm;
	u32 formats;
	u32 pincaps;
	u32 amp_in_caps;
	u32 amp_out_caps;
	u32 config_default;
	u8 pinctl;
	u8 num_conns;
	u8 conns[HDAEMU_MAX_CONNS];
};

/**
 * struct hdaemu_codec_model - a codec model: root, one AFG, its widgets
 * @name: the model's name, as the codec_model module parameter gives it
 * @vendor_id: parameter 0x00 of the root
 * @subsystem_id: GET_SUBSYSTEM_ID of the AFG
 * @revision_id: parameter 0x02 of the root
 * @afg_nid: the audio function group's node
 * @afg_caps: audio function group capabilities (0x08)
 * @afg_pcm: default supported PCM sizes and rates (0x0A) of the AFG
 * @afg_formats: default supported stream formats (0x0B) of the AFG
 * @power_states: supported power states (0x0F) of the AFG
 * @gpio: GPIO count (0x11)
 * @first_nid: the node of @widgets[0]
 * @num_widgets: entries of @widgets
 * @widgets: the widgets, @first_nid onwards
 */
struct hdaemu_codec_model {
	const char *name;
	u32 vendor_id;
	u32 subsystem_id;
	u32 revision_id;
	u8 afg_nid;
	u32 afg_caps;
	u32 afg_pcm;
	u32 afg_formats;
	u32 power_states;
	u32 gpio;
	u8 first_nid;
	u8 num_widgets;
	const struct hdaemu_widget_desc *widgets;
};

/**
 * struct hdaemu_pin_source - what an input pin hears (codec->lock)
 * @kind: HDAEMU_SOURCE_*
 * @loopback_nid: LOOPBACK: the output pin looped into this one
 * @tone_hz: TONE: frequency
 * @tone_level: TONE: peak, in 1/65536 of full scale
 */
struct hdaemu_pin_source {
	u8 kind;
	u8 loopback_nid;
	u32 tone_hz;
	u32 tone_level;
};

/**
 * struct hdaemu_widget_state - a widget's state set by verbs (codec->lock)
 * @conn_sel: connection select index
 * @amp_in: input amplifiers, [index][0 left, 1 right]: mute bit 7, gain 6:0
 * @amp_out: output amplifier, [0 left, 1 right]
 * @format: converter format word
 * @stream_channel: converter stream tag (7:4) and channel (3:0)
 * @pinctl: pin widget control
 * @unsol: unsolicited response control: enable bit 7, tag 5:0
 * @eapd: EAPD/BTL enable
 * @power: power state setting, D0..D3
 * @config_default: configuration default, pins
 * @present: a jack is plugged in (pins with presence detect); the plug is
 *	physical, so a function group reset keeps it
 * @source: input pins: the signal at the jack; physical too
 */
struct hdaemu_widget_state {
	u8 conn_sel;
	u8 amp_in[HDAEMU_MAX_CONNS][2];
	u8 amp_out[2];
	u16 format;
	u8 stream_channel;
	u8 pinctl;
	u8 unsol;
	u8 eapd;
	u8 power;
	u32 config_default;
	bool present;
	struct hdaemu_pin_source source;
};

/**
 * struct hdaemu_codec_counters - what a codec was asked (codec->lock)
 * @verbs: verbs it received
 * @no_node: verbs to a node it does not have (no response)
 * @unsupported: verbs the node does not support (no response)
 * @bad_payload: verbs with a payload out of range (no response)
 * @unsol_sent: unsolicited responses it emitted
 */
struct hdaemu_codec_counters {
	u64 verbs;
	u64 no_node;
	u64 unsupported;
	u64 bad_payload;
	u64 unsol_sent;
};

/**
 * struct hdaemu_codec - one emulated codec on the link
 * @bus: the controller
 * @address: its codec address (SDI line)
 * @model: its model table
 * @lock: its state; see the top of this file
 * @afg_power: the AFG's power state setting
 * @widgets: runtime state, one per model widget
 * @counters: statistics
 */
struct hdaemu_codec {
	struct hdaemu_bus *bus;
	u8 address;
	const struct hdaemu_codec_model *model;
	struct mutex lock;	/* see the top of this file */
	u8 afg_power;
	struct hdaemu_widget_state *widgets;
	struct hdaemu_codec_counters counters;
};

/**
 * struct hdaemu_unsol_reg - a registered unsolicited response callback
 * @client: the client that registered it; NULL when the tag is free
 * @fn: the callback
 * @context: its argument
 */
struct hdaemu_unsol_reg {
	struct hdaemu_client *client;
	hdaemu_unsol_fn fn;
	void *context;
};

/**
 * struct hdaemu_codecs - the codecs of the link and their shared state
 * @codec: by address; NULL where no codec is present
 * @no_codec: verbs sent to an address without a codec, by address
 * @wq: ordered: asynchronous verb transfers and unsolicited deliveries, in
 *	submission order
 * @unsol_lock: the tag table; see the top of this file
 * @tags: the tag table, indexed by tag
 * @fifo_lock: the queue below
 * @fifo: unsolicited responses waiting for delivery
 * @fifo_head: index of the oldest in @fifo
 * @fifo_len: entries in @fifo
 * @unsol_dropped: responses dropped because @fifo was full
 * @unsol_work: delivers @fifo
 */
struct hdaemu_codecs {
	struct hdaemu_codec *codec[HDAEMU_MAX_CODECS];
	atomic64_t no_codec[HDAEMU_MAX_CODECS];
	struct workqueue_struct *wq;
	struct mutex unsol_lock;	/* the tag table; held during callbacks */
	struct hdaemu_unsol_reg tags[HDAEMU_MAX_TAGS];
	spinlock_t fifo_lock;		/* @fifo, @fifo_head, @fifo_len */
	u64 fifo[HDAEMU_UNSOL_QUEUE];
	u32 fifo_head;
	u32 fifo_len;
	u64 unsol_dropped;
	struct work_struct unsol_work;
};

/**
 * struct hdaemu_converter_route - a converter and the engine it meets
 * @nid: the converter's node
 * @direction: HDAEMU_DIR_RENDER for a DAC, HDAEMU_DIR_CAPTURE for an ADC
 * @stream_tag: its stream tag, 0 when idle
 * @channel: its first channel
 * @format: its converter format word
 * @engine_index: the engine using @stream_tag, or U32_MAX
 * @mismatch: @format differs from that engine's converter format
 */
struct hdaemu_converter_route {
	u8 nid;
	u8 direction;
	u8 stream_tag;
	u8 channel;
	u16 format;
	u32 engine_index;
	bool mismatch;
};

/* Widget types and kinds, from a model's capabilities. */
static inline u32 hdaemu_widget_type(const struct hdaemu_widget_desc *d)
{
	return (d->caps >> 20) & 0xf;
}

static inline bool hdaemu_is_converter(const struct hdaemu_widget_desc *d)
{
	return hdaemu_widget_type(d) == HDAEMU_WID_AUD_OUT ||
	       hdaemu_widget_type(d) == HDAEMU_WID_AUD_IN;
}

static inline bool hdaemu_is_pin(const struct hdaemu_widget_desc *d)
{
	return hdaemu_widget_type(d) == HDAEMU_WID_PIN;
}

/* codec_models.c */
const struct hdaemu_codec_model *hdaemu_codec_model_find(const char *name);

/* codec.c */
int hdaemu_codecs_create(struct hdaemu_bus *bus, u32 mask, const char *const *models,
			 unsigned int num_models);
void hdaemu_codecs_destroy(struct hdaemu_bus *bus);
u64 hdaemu_codec_exec(struct hdaemu_bus *bus, u32 command);
const struct hdaemu_widget_desc *hdaemu_codec_widget(const struct hdaemu_codec *codec,
						     u32 nid);
int hdaemu_codec_transfer(struct hdaemu_client *client, unsigned int count,
			  struct hdaemu_codec_transfer *transfers,
			  hdaemu_transfer_complete_fn callback, void *callback_context);
int hdaemu_codec_routes(struct hdaemu_bus *bus, u8 address,
			struct hdaemu_converter_route *routes, unsigned int capacity);
int hdaemu_codec_engine_route(struct hdaemu_engine *engine, u8 *address, u8 *nid,
			      bool *mismatch);
void hdaemu_route_find(struct hdaemu_bus *bus, u8 address, struct hdaemu_converter_route *r);
void hdaemu_codec_client_close(struct hdaemu_client *client);

/* codec_source.c */
int hdaemu_codec_set_source(struct hdaemu_bus *bus, const struct hdaemu_input_source *in);
int hdaemu_codec_get_source(struct hdaemu_bus *bus, struct hdaemu_input_source *io);
void hdaemu_codec_data_route(struct hdaemu_engine *engine, struct hdaemu_data_route *route);

/* unsol.c */
void hdaemu_unsol_init(struct hdaemu_codecs *codecs);
int hdaemu_unsol_register(struct hdaemu_client *client, hdaemu_unsol_fn fn, void *context,
			  u8 *tag);
int hdaemu_unsol_unregister(struct hdaemu_client *client, u8 tag);
void hdaemu_unsol_client_close(struct hdaemu_client *client);
int hdaemu_unsol_inject(struct hdaemu_bus *bus, u32 address, u32 nid, bool present);
void hdaemu_unsol_emit(struct hdaemu_codec *codec, struct hdaemu_widget_state *w);

/* codec_debugfs.c */
void hdaemu_codec_debugfs_init(struct hdaemu_bus *bus);

#endif /* _HDAEMU_CODEC_H */
