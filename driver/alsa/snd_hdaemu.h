/* SPDX-License-Identifier: GPL-2.0 */
/*
 * snd-hdaemu - an ALSA card on the emulated HD Audio bus.
 *
 * A function driver that uses only the in-kernel bus interface of
 * include/hdaemu/bus.h, as an HDA function driver uses its bus driver:
 * one bus client per card, the codec read and programmed through verbs,
 * one DMA engine per open PCM substream.
 *
 * Locking:
 * - card->codec_lock (mutex) serialises read-modify-write sequences of
 *   codec verbs (amplifier get and set, converter setup). Verbs may sleep,
 *   so it is never taken in atomic context. The bus's unsolicited
 *   response work calls hsnd_jack_unsol() with the bus's tag mutex held;
 *   that takes codec_lock inside it, and nothing here calls into the bus's
 *   tag registration while holding codec_lock.
 * - card->xrun_lock (spinlock, irq-safe) publishes each stream's engine
 *   (stream->engine) to the bus's xrun hook: hw_params sets it and
 *   hsnd_stream_release() clears it under the lock, in process context
 *   with no other lock held; the hook looks the engine up and stops the
 *   substream with the lock held. So the order is xrun_lock, then ALSA's
 *   PCM stream lock (snd_pcm_stop_xrun), then the bus's engine locks
 *   (trigger). The bus reports underruns from its IOC timer and stalls
 *   from the fault injection (process context, under the bus's mutex),
 *   never from set_dma_engine_state, so the hook never runs under a stream
 *   lock that trigger holds; and nothing here takes the bus's mutex under
 *   xrun_lock or a stream lock.
 * - card->removal_lock (spinlock) guards @removed and @removal_armed
 *   between the bus's removed hook (under the bus mutex) and the probe and
 *   remove paths; it is a leaf lock.
 * - stream->lock (spinlock, irq-safe) guards the wall clock accumulator
 *   of the link timestamps and the xrun counters; it is a leaf lock, taken
 *   in the IOC handler (hard interrupt), in get_time_info (under the PCM
 *   stream lock) and in the xrun hook.
 * - The PCM stream lock (ALSA's) is held around trigger, which calls
 *   set_dma_engine_state: the bus takes only its own spinlocks there and
 *   never waits for its timer, so taking them under the stream lock, and
 *   the stream lock in the IOC handler, is safe.
 *
 * Lifetime: stream->engine is set in hw_params and cleared in hw_free
 * (and close), both in process context with the substream quiet; the IOC
 * handler only runs between the buffer's setup and its free, and freeing
 * the buffer waits for a handler in flight. The xrun hook only acts on a
 * substream whose engine it finds published under xrun_lock, so between
 * hw_params and hw_free, while the runtime exists (ALSA calls hw_free or
 * close before it frees the runtime). The removal work and the bus client
 * are described at the top of card.c.
 */
#ifndef _SND_HDAEMU_H
#define _SND_HDAEMU_H

#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/workqueue.h>
#include <sound/core.h>
#include <sound/jack.h>
#include <sound/pcm.h>

#include <hdaemu/bus.h>

#define HSND_MAX_AMPS		8
#define HSND_MAX_JACKS		8
#define HSND_MAX_CONNS		16

/* An amplifier a mixer control drives: a widget, direction and input. */
struct hsnd_amp {
	const char *name;		/* the control name, without Volume/Switch */
	bool volume_only;
	u8 nid;
	u8 index;
	bool output;
	bool stereo;
	bool has_mute;
	u8 steps;
	u8 offset;
	u8 step_size;
	unsigned int tlv[4];
};

/* A pin with presence detect, reported as an ALSA jack. */
struct hsnd_jack {
	u8 nid;
	int type;
	const char *name;
	struct snd_jack *jack;
};

/* A converter and the pins it is routed to or from. */
struct hsnd_path {
	u8 conv;
	u8 pins[HSND_MAX_JACKS];
	u8 pin_conn[HSND_MAX_JACKS];	/* index of the other end in the connection list */
	unsigned int num_pins;
	u32 rates;			/* SNDRV_PCM_RATE_* */
	u64 formats;			/* SNDRV_PCM_FMTBIT_* */
	unsigned int msbits;		/* valid bits of a 32-bit container */
	unsigned int channels_max;
};

struct hsnd_card;

/**
 * struct hsnd_stream - one PCM substream and the DMA engine behind it
 * @chip: the card
 * @substream: the open substream, NULL while closed
 * @pcm_substream: the PCM's substream of this direction (it lives as long
 *	as the card), or NULL when the codec has no path for it
 * @capture: the capture direction
 * @engine: the engine, between hw_params and hw_free (written under
 *	the card's xrun_lock)
 * @lpib: the engine's link position register
 * @format: the engine's stream format
 * @converter_format: the converter format word for the codec
 * @stream_tag: the engine's stream tag
 * @buffer_bytes: the cyclic buffer's length
 * @lock: see the locking rules above
 * @last_wallclock: link time: the last wall clock reading (@lock)
 * @ticks: link time: wall clock ticks since the start (@lock)
 * @stalls: injected DMA stalls reported as xruns (@lock)
 * @underruns: render underruns the bus reported, counted only (@lock)
 * @underrun_bytes: bytes of those underruns (@lock)
 */
struct hsnd_stream {
	struct hsnd_card *chip;
	struct snd_pcm_substream *substream;
	struct snd_pcm_substream *pcm_substream;
	bool capture;
	struct hdaemu_engine *engine;
	const struct hdaemu_register *lpib;
	struct hdaemu_format format;
	u16 converter_format;
	u8 stream_tag;
	u32 buffer_bytes;
	spinlock_t lock;	/* see the locking rules above */
	u32 last_wallclock;
	u64 ticks;
	u64 stalls;
	u64 underruns;
	u64 underrun_bytes;
};

/**
 * struct hsnd_card - one card and its bus client
 * @card: the ALSA card
 * @bi: the bus interface (a client of its own)
 * @codec_lock: see the locking rules above
 * @addr: the codec's address on the link
 * @afg: the codec's audio function group node
 * @out: the playback path (@has_out)
 * @in: the capture path (@has_in)
 * @has_out: a DAC drives at least one output pin
 * @has_in: an ADC takes at least one input pin
 * @amps: amplifiers behind the mixer controls
 * @num_amps: entries of @amps
 * @jacks: pins with presence detect
 * @num_jacks: entries of @jacks
 * @unsol_tag: the tag of the unsolicited responses (@unsol_registered)
 * @unsol_registered: the tag is ours
 * @streams: playback and capture, by SNDRV_PCM_STREAM_*
 * @xrun_lock: see the locking rules above
 * @removal_lock: see the locking rules above
 * @removed: the bus told us of a surprise removal (@removal_lock; read
 *	without it by the pointer callback)
 * @removal_armed: the card is registered and not being removed: a
 *	removal schedules @removal_work (@removal_lock)
 * @removal_work: disconnects the card after a surprise removal
 */
struct hsnd_card {
	struct snd_card *card;
	struct hdaemu_bus_interface *bi;
	struct mutex codec_lock;	/* see the locking rules above */
	u8 addr;
	u8 afg;
	struct hsnd_path out;
	struct hsnd_path in;
	bool has_out;
	bool has_in;
	struct hsnd_amp amps[HSND_MAX_AMPS];
	unsigned int num_amps;
	struct hsnd_jack jacks[HSND_MAX_JACKS];
	unsigned int num_jacks;
	u8 unsol_tag;
	bool unsol_registered;
	struct hsnd_stream streams[2];
	spinlock_t xrun_lock;		/* see the locking rules above */
	spinlock_t removal_lock;	/* see the locking rules above */
	bool removed;
	bool removal_armed;
	struct work_struct removal_work;
};

/* codec.c */
int hsnd_verb(struct hsnd_card *chip, u8 nid, u32 verb, u32 payload, u32 *response);
int hsnd_codec_probe(struct hsnd_card *chip);
int hsnd_codec_setup_stream(struct hsnd_card *chip, bool capture, u8 tag, u16 format);
void hsnd_codec_cleanup_stream(struct hsnd_card *chip, bool capture);
int hsnd_amp_get(struct hsnd_card *chip, const struct hsnd_amp *amp, bool left,
		 u32 *value);
int hsnd_amp_set(struct hsnd_card *chip, const struct hsnd_amp *amp, bool left,
		 u32 value);

/* pcm.c */
int hsnd_pcm_create(struct hsnd_card *chip);
void hsnd_pcm_xrun(struct hsnd_card *chip, struct hdaemu_engine *engine,
		   const struct hdaemu_xrun *xrun);
int hsnd_proc_create(struct hsnd_card *chip);

/* mixer.c */
int hsnd_mixer_create(struct hsnd_card *chip);

/* jack.c */
int hsnd_jack_create(struct hsnd_card *chip);
int hsnd_jack_enable(struct hsnd_card *chip);
void hsnd_jack_disable(struct hsnd_card *chip);

#endif /* _SND_HDAEMU_H */
