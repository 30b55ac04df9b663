// SPDX-License-Identifier: GPL-2.0
/*
 * snd-hdaemu - PCM playback and capture on render and capture DMA engines.
 *
 * As an HDA controller driver does: hw_params reserves an engine for the
 * format, takes a contiguous buffer and writes a buffer descriptor list
 * with one entry per period, each raising an IOC; the IOC notification
 * callback reports the period; the pointer is the link position register
 * read when asked, so it moves continuously between IOCs; prepare puts
 * the engine through Reset and points the codec's converter at the
 * engine's stream tag with the engine's format word. Link timestamps come
 * from the 24 MHz wall clock.
 */
#include <linux/math64.h>
#include <linux/mm.h>
#include <linux/vmalloc.h>
#include <sound/info.h>
#include <sound/pcm_params.h>

#include "snd_hdaemu.h"

/* The bus's limits (bus.h): the largest buffer, the shortest IOC period. */
#define HSND_MAX_BUFFER_BYTES	HDAEMU_MAX_BUFFER_BYTES
#define HSND_MIN_PERIOD_US	(HDAEMU_MIN_PERIOD_NS / NSEC_PER_USEC)

/* Wall clock ticks (24 MHz) to nanoseconds. */
#define HSND_WALLCLOCK_NS(t)	div_u64((t) * 125, 3)

static const struct snd_pcm_hardware hsnd_pcm_hardware = {
	.info = SNDRV_PCM_INFO_MMAP | SNDRV_PCM_INFO_MMAP_VALID |
		SNDRV_PCM_INFO_INTERLEAVED | SNDRV_PCM_INFO_BLOCK_TRANSFER |
		SNDRV_PCM_INFO_PAUSE | SNDRV_PCM_INFO_HAS_LINK_ATIME |
		SNDRV_PCM_INFO_HAS_LINK_SYNCHRONIZED_ATIME,
	.channels_min = 1,
	.buffer_bytes_max = HSND_MAX_BUFFER_BYTES,
	.period_bytes_min = HDAEMU_BDL_ALIGN,
	.period_bytes_max = HSND_MAX_BUFFER_BYTES / 2,
	.periods_min = 2,
	.periods_max = HDAEMU_BDL_MAX_ENTRIES,
};

static struct hsnd_stream *hsnd_stream_of(struct snd_pcm_substream *substream)
{
	struct hsnd_card *chip = snd_pcm_substream_chip(substream);

	return &chip->streams[substream->stream];
}

/* Account the wall clock up to @wallclock; a reading older than the last is ignored. */
static u64 hsnd_link_ticks(struct hsnd_stream *st, u32 wallclock)
{
	unsigned long flags;
	u64 ticks;

	spin_lock_irqsave(&st->lock, flags);
	if ((s32)(wallclock - st->last_wallclock) > 0) {
		st->ticks += wallclock - st->last_wallclock;
		st->last_wallclock = wallclock;
	}
	ticks = st->ticks;
	spin_unlock_irqrestore(&st->lock, flags);
	return ticks;
}

/* The IOC notification: hard interrupt context, no bus lock held. */
static void hsnd_pcm_ioc(void *context, const struct hdaemu_ioc *ioc)
{
	struct hsnd_stream *st = context;

	/* Keeps the accumulator within one wrap (179 s) of the clock. */
	hsnd_link_ticks(st, ioc->wallclock);
	snd_pcm_period_elapsed(st->substream);
}

static int hsnd_engine_state(struct hsnd_card *chip, struct hdaemu_engine *engine,
			     enum hdaemu_stream_state state)
{
	struct hdaemu_bus_interface *bi = chip->bi;

	return bi->set_dma_engine_state(bi->context, state, 1, &engine, NULL);
}

static int hsnd_set_state(struct hsnd_stream *st, enum hdaemu_stream_state state)
{
	return hsnd_engine_state(st->chip, st->engine, state);
}

/* Show @engine to the xrun hook, or hide the stream's engine (NULL). */
static void hsnd_stream_publish(struct hsnd_stream *st, struct hdaemu_engine *engine)
{
	unsigned long flags;

	spin_lock_irqsave(&st->chip->xrun_lock, flags);
	st->engine = engine;
	spin_unlock_irqrestore(&st->chip->xrun_lock, flags);
}

/*
 * Give the engine and its buffer back to the bus; the converter idles.
 * After a surprise removal every call answers -ENODEV and the engine is
 * the bus's already: only our pointers are dropped.
 */
static void hsnd_stream_release(struct hsnd_stream *st)
{
	struct hdaemu_bus_interface *bi = st->chip->bi;
	struct hdaemu_engine *engine = st->engine;

	if (!engine)
		return;
	/* From here the xrun hook does not find the substream. */
	hsnd_stream_publish(st, NULL);
	hsnd_codec_cleanup_stream(st->chip, st->capture);
	/* Run -> Stop -> Reset: the only way down the state machine. */
	hsnd_engine_state(st->chip, engine, HDAEMU_STREAM_STOP);
	hsnd_engine_state(st->chip, engine, HDAEMU_STREAM_RESET);
	/* Ends the notification registration; no callback runs after it. */
	bi->free_contiguous_dma_buffer(bi->context, engine);
	bi->free_dma_engine(bi->context, engine);
	st->lpib = NULL;
}

static int hsnd_pcm_open(struct snd_pcm_substream *substream)
{
	struct hsnd_card *chip = snd_pcm_substream_chip(substream);
	struct hsnd_stream *st = hsnd_stream_of(substream);
	struct snd_pcm_runtime *runtime = substream->runtime;
	const struct hsnd_path *path = st->capture ? &chip->in : &chip->out;
	int ret;

	runtime->hw = hsnd_pcm_hardware;
	runtime->hw.rates = path->rates;
	runtime->hw.formats = path->formats;
	runtime->hw.channels_max = path->channels_max;
	ret = snd_pcm_limit_hw_rates(runtime);
	if (ret)
		return ret;
	/* One BDL entry per period, each on a 128-byte boundary. */
	ret = snd_pcm_hw_constraint_integer(runtime, SNDRV_PCM_HW_PARAM_PERIODS);
	if (ret >= 0)
		ret = snd_pcm_hw_constraint_step(runtime, 0, SNDRV_PCM_HW_PARAM_PERIOD_BYTES,
						 HDAEMU_BDL_ALIGN);
	if (ret >= 0)
		ret = snd_pcm_hw_constraint_step(runtime, 0, SNDRV_PCM_HW_PARAM_BUFFER_BYTES,
						 HDAEMU_BDL_ALIGN);
	/* The bus refuses IOCs closer than its minimum period. */
	if (ret >= 0)
		ret = snd_pcm_hw_constraint_minmax(runtime, SNDRV_PCM_HW_PARAM_PERIOD_TIME,
						   HSND_MIN_PERIOD_US, UINT_MAX);
	if (ret >= 0 && path->msbits)
		ret = snd_pcm_hw_constraint_msbits(runtime, 0, 32, path->msbits);
	if (ret < 0)
		return ret;
	st->substream = substream;
	return 0;
}

static int hsnd_pcm_close(struct snd_pcm_substream *substream)
{
	struct hsnd_stream *st = hsnd_stream_of(substream);

	/* ALSA skips hw_free for a substream left in OPEN: never keep an engine. */
	hsnd_stream_release(st);
	st->substream = NULL;
	return 0;
}

static int hsnd_pcm_hw_params(struct snd_pcm_substream *substream,
			      struct snd_pcm_hw_params *params)
{
	struct hsnd_stream *st = hsnd_stream_of(substream);
	struct hsnd_card *chip = st->chip;
	struct hdaemu_bus_interface *bi = chip->bi;
	struct snd_pcm_runtime *runtime = substream->runtime;
	unsigned int periods = params_periods(params);
	u32 period = params_period_bytes(params);
	struct hdaemu_buffer_descriptor *bdl;
	struct hdaemu_engine *engine;
	struct hdaemu_format fmt = {
		.sample_rate = params_rate(params),
		.channels = params_channels(params),
	};
	unsigned int i;
	u32 fifo_bytes;
	void *area;
	int ret;

	hsnd_stream_release(st);
	if (params_format(params) == SNDRV_PCM_FORMAT_S16_LE) {
		fmt.valid_bits = 16;
		fmt.container_bits = 16;
	} else {
		fmt.valid_bits = st->capture ? chip->in.msbits : chip->out.msbits;
		fmt.container_bits = 32;
	}
	if (st->capture)
		ret = bi->allocate_capture_dma_engine(bi->context, chip->addr, &fmt,
						      &engine, &st->converter_format);
	else
		ret = bi->allocate_render_dma_engine(bi->context, &fmt, false, &engine,
						     &st->converter_format);
	if (ret)
		return ret == -ENOSPC ? -EBUSY : ret;
	ret = bi->allocate_contiguous_dma_buffer(bi->context, engine, period * periods,
						 &area, &bdl);
	if (ret)
		goto fail_engine;
	for (i = 0; i < periods; i++) {
		bdl[i].offset = (u64)i * period;
		bdl[i].length = period;
		bdl[i].ioc = 1;
	}
	ret = bi->setup_dma_engine_with_bdl(bi->context, engine, period * periods,
					    periods - 1, NULL, NULL, &st->stream_tag,
					    &fifo_bytes);
	if (!ret)
		ret = bi->register_notification_callback(bi->context, engine, hsnd_pcm_ioc, st);
	if (!ret)
		ret = bi->get_link_position_register(bi->context, engine, &st->lpib);
	if (ret)
		goto fail_buffer;
	st->format = fmt;
	st->buffer_bytes = period * periods;
	runtime->dma_area = area;
	runtime->dma_addr = 0;
	runtime->dma_bytes = st->buffer_bytes;
	hsnd_stream_publish(st, engine);
	return 0;

fail_buffer:
	bi->free_contiguous_dma_buffer(bi->context, engine);
fail_engine:
	bi->free_dma_engine(bi->context, engine);
	return ret;
}

static int hsnd_pcm_hw_free(struct snd_pcm_substream *substream)
{
	hsnd_stream_release(hsnd_stream_of(substream));
	substream->runtime->dma_area = NULL;
	substream->runtime->dma_bytes = 0;
	return 0;
}

static int hsnd_pcm_prepare(struct snd_pcm_substream *substream)
{
	struct hsnd_stream *st = hsnd_stream_of(substream);
	int ret;

	if (!st->engine)
		return -EBADFD;
	/* Through Reset, so the link position starts at 0 as hw_ptr does. */
	ret = hsnd_set_state(st, HDAEMU_STREAM_STOP);
	if (!ret)
		ret = hsnd_set_state(st, HDAEMU_STREAM_RESET);
	if (!ret)
		ret = hsnd_set_state(st, HDAEMU_STREAM_STOP);
	if (!ret)
		ret = hsnd_codec_setup_stream(st->chip, st->capture, st->stream_tag,
					      st->converter_format);
	return ret;
}

/* Called under the PCM stream lock, possibly from the IOC callback. */
static int hsnd_pcm_trigger(struct snd_pcm_substream *substream, int cmd)
{
	struct hsnd_stream *st = hsnd_stream_of(substream);
	struct hdaemu_bus_interface *bi = st->chip->bi;
	const struct hdaemu_register *wallclock;
	unsigned long flags;
	int ret;

	switch (cmd) {
	case SNDRV_PCM_TRIGGER_START:
		bi->get_wall_clock_register(bi->context, &wallclock);
		spin_lock_irqsave(&st->lock, flags);
		st->ticks = 0;
		st->last_wallclock = hdaemu_register_read(wallclock);
		spin_unlock_irqrestore(&st->lock, flags);
		fallthrough;
	case SNDRV_PCM_TRIGGER_PAUSE_RELEASE:
	case SNDRV_PCM_TRIGGER_RESUME:
		ret = hsnd_set_state(st, HDAEMU_STREAM_RUN);
		break;
	case SNDRV_PCM_TRIGGER_STOP:
	case SNDRV_PCM_TRIGGER_PAUSE_PUSH:
	case SNDRV_PCM_TRIGGER_SUSPEND:
		ret = hsnd_set_state(st, HDAEMU_STREAM_STOP);
		break;
	default:
		return -EINVAL;
	}
	/* The bus was removed under us: the card is gone as hardware goes. */
	return ret == -ENODEV ? -EIO : ret;
}

static snd_pcm_uframes_t hsnd_pcm_pointer(struct snd_pcm_substream *substream)
{
	struct hsnd_stream *st = hsnd_stream_of(substream);

	/* Removed: the engine is the bus's again, its register not ours to read. */
	if (READ_ONCE(st->chip->removed))
		return SNDRV_PCM_POS_XRUN;
	return bytes_to_frames(substream->runtime, hdaemu_register_read(st->lpib));
}

static int hsnd_pcm_get_time_info(struct snd_pcm_substream *substream,
				  struct timespec64 *system_ts, struct timespec64 *audio_ts,
				  struct snd_pcm_audio_tstamp_config *config,
				  struct snd_pcm_audio_tstamp_report *report)
{
	struct hsnd_stream *st = hsnd_stream_of(substream);
	struct hdaemu_bus_interface *bi = st->chip->bi;
	struct snd_pcm_runtime *runtime = substream->runtime;
	struct hdaemu_position_sample sample;
	u64 ticks;

	if ((config->type_requested != SNDRV_PCM_AUDIO_TSTAMP_TYPE_LINK &&
	     config->type_requested != SNDRV_PCM_AUDIO_TSTAMP_TYPE_LINK_SYNCHRONIZED) ||
	    bi->query_position(bi->context, st->engine, &sample)) {
		report->actual_type = SNDRV_PCM_AUDIO_TSTAMP_TYPE_DEFAULT;
		return 0;
	}
	ticks = hsnd_link_ticks(st, sample.wallclock);
	*audio_ts = ns_to_timespec64(HSND_WALLCLOCK_NS(ticks));
	/* The sample's instant and its wall clock are one reading: synchronized. */
	if (config->type_requested == SNDRV_PCM_AUDIO_TSTAMP_TYPE_LINK_SYNCHRONIZED &&
	    runtime->tstamp_type == SNDRV_PCM_TSTAMP_TYPE_MONOTONIC) {
		*system_ts = ktime_to_timespec64(sample.timestamp);
		report->actual_type = SNDRV_PCM_AUDIO_TSTAMP_TYPE_LINK_SYNCHRONIZED;
	} else {
		snd_pcm_gettime(runtime, system_ts);
		report->actual_type = SNDRV_PCM_AUDIO_TSTAMP_TYPE_LINK;
	}
	report->accuracy_report = 1;
	report->accuracy = 42;	/* ns: one tick of 24 MHz */
	return 0;
}

/* The buffer is the bus's vmalloc memory, mapped as bus.h allows. */
static int hsnd_pcm_mmap(struct snd_pcm_substream *substream, struct vm_area_struct *vma)
{
	return remap_vmalloc_range(vma, substream->runtime->dma_area, 0);
}

/**
 * hsnd_pcm_xrun() - the bus's xrun hook: an engine's data path went wrong
 * @chip: the card
 * @engine: the engine
 * @xrun: what happened
 *
 * A FIFO error (an injected DMA stall) is what an HDA controller driver
 * reports as an xrun: the substream stops in XRUN, and the program sees
 * -EPIPE and recovers with prepare, as after any xrun. A render underrun
 * is only counted: ALSA finds a playback underrun itself, from the
 * pointer against what the program wrote, and stops by its own rules
 * (stop_threshold; with silence filling, or during a drain, playing past
 * the written data is no error), so the bus's report must not stop a
 * stream that ALSA lets run. Both show in /proc/asound/cardN/hdaemu.
 *
 * Context: any, up to hard interrupt, with no lock of the bus held; not
 * under a PCM stream lock.
 */
void hsnd_pcm_xrun(struct hsnd_card *chip, struct hdaemu_engine *engine,
		   const struct hdaemu_xrun *xrun)
{
	unsigned long flags;
	unsigned int dir;

	spin_lock_irqsave(&chip->xrun_lock, flags);
	for (dir = 0; dir < ARRAY_SIZE(chip->streams); dir++) {
		struct hsnd_stream *st = &chip->streams[dir];

		if (!engine || st->engine != engine)
			continue;
		spin_lock(&st->lock);
		if (xrun->reason == HDAEMU_XRUN_STALL) {
			st->stalls++;
		} else if (xrun->reason == HDAEMU_XRUN_UNDERRUN) {
			st->underruns++;
			st->underrun_bytes += xrun->length;
		}
		spin_unlock(&st->lock);
		/* Published: the runtime exists until hw_free, which unpublishes. */
		if (xrun->reason == HDAEMU_XRUN_STALL)
			snd_pcm_stop_xrun(st->pcm_substream);
	}
	spin_unlock_irqrestore(&chip->xrun_lock, flags);
}

static void hsnd_proc_read(struct snd_info_entry *entry, struct snd_info_buffer *buffer)
{
	struct hsnd_card *chip = entry->private_data;
	unsigned int dir;

	snd_iprintf(buffer, "bus removed: %s\n", READ_ONCE(chip->removed) ? "yes" : "no");
	for (dir = 0; dir < ARRAY_SIZE(chip->streams); dir++) {
		struct hsnd_stream *st = &chip->streams[dir];
		u64 stalls, underruns, underrun_bytes;
		unsigned long flags;

		if (!st->pcm_substream)
			continue;
		spin_lock_irqsave(&st->lock, flags);
		stalls = st->stalls;
		underruns = st->underruns;
		underrun_bytes = st->underrun_bytes;
		spin_unlock_irqrestore(&st->lock, flags);
		snd_iprintf(buffer, "%s: stalls %llu underruns %llu underrun_bytes %llu\n",
			    st->capture ? "capture" : "playback", stalls, underruns,
			    underrun_bytes);
	}
}

/**
 * hsnd_proc_create() - /proc/asound/cardN/hdaemu: the card's fault counters
 * @chip: the card, not yet registered
 *
 * Context: process context.
 * Return: 0 or a negative errno.
 */
int hsnd_proc_create(struct hsnd_card *chip)
{
	return snd_card_ro_proc_new(chip->card, "hdaemu", chip, hsnd_proc_read);
}

static const struct snd_pcm_ops hsnd_pcm_ops = {
	.open = hsnd_pcm_open,
	.close = hsnd_pcm_close,
	.hw_params = hsnd_pcm_hw_params,
	.hw_free = hsnd_pcm_hw_free,
	.prepare = hsnd_pcm_prepare,
	.trigger = hsnd_pcm_trigger,
	.pointer = hsnd_pcm_pointer,
	.get_time_info = hsnd_pcm_get_time_info,
	.mmap = hsnd_pcm_mmap,
};

/**
 * hsnd_pcm_create() - the card's PCM device: one playback, one capture substream
 * @chip: the card, its codec probed
 *
 * Context: process context.
 * Return: 0 or a negative errno.
 */
int hsnd_pcm_create(struct hsnd_card *chip)
{
	struct snd_pcm *pcm;
	int dir, ret;

	ret = snd_pcm_new(chip->card, "hdaemu", 0, chip->has_out, chip->has_in, &pcm);
	if (ret)
		return ret;
	for (dir = 0; dir < 2; dir++) {
		struct hsnd_stream *st = &chip->streams[dir];

		st->chip = chip;
		st->capture = dir == SNDRV_PCM_STREAM_CAPTURE;
		spin_lock_init(&st->lock);
	}
	if (chip->has_out)
		snd_pcm_set_ops(pcm, SNDRV_PCM_STREAM_PLAYBACK, &hsnd_pcm_ops);
	if (chip->has_in)
		snd_pcm_set_ops(pcm, SNDRV_PCM_STREAM_CAPTURE, &hsnd_pcm_ops);
	for (dir = 0; dir < 2; dir++)
		chip->streams[dir].pcm_substream = pcm->streams[dir].substream;
	pcm->private_data = chip;
	pcm->info_flags = 0;
	strscpy(pcm->name, "hdaemu HDA", sizeof(pcm->name));
	return 0;
}
