// SPDX-License-Identifier: GPL-2.0
/*
 * hdaemu-bench - the snd-dummy baseline: a capture stream on ALSA's dummy
 * card, whose period interrupts are an hrtimer (hrtimer=1, the default),
 * spoken to with the PCM ioctls directly so the benchmark stays one static
 * program without alsa-lib.
 *
 * snd-dummy arms its timer relative to the trigger and forwards it by whole
 * periods, so its n-th period is due at start + n * period_time, with
 * period_time = ceil(period_frames * 1e9 / rate) ns. The start instant is
 * not reported. Its position is: ceil(us * rate / 1e6) frames, us being the
 * whole microseconds since the start, read at each status call, which also
 * returns that position and a timestamp taken just after it was read (the
 * stream's timestamps are CLOCK_MONOTONIC). Each such pair bounds the start
 * from above; the smallest bound over a run is within about a microsecond
 * of it (dummy_start_estimate()). A bound is never early, so any error
 * understates snd-dummy's latencies: the comparison favours the baseline.
 * (Its timer is armed a moment after that start, which errs the other
 * way by nanoseconds.)
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include <sound/asound.h>

#include "bench.h"

static void mask_only(struct snd_pcm_hw_params *p, int param, unsigned int bit)
{
	struct snd_mask *m = &p->masks[param - SNDRV_PCM_HW_PARAM_FIRST_MASK];

	memset(m, 0, sizeof(*m));
	m->bits[bit / 32] = 1u << (bit % 32);
}

static void interval_only(struct snd_pcm_hw_params *p, int param, unsigned int v)
{
	struct snd_interval *i = &p->intervals[param - SNDRV_PCM_HW_PARAM_FIRST_INTERVAL];

	memset(i, 0, sizeof(*i));
	i->min = v;
	i->max = v;
	i->integer = 1;
}

/* Everything allowed, as alsa-lib's snd_pcm_hw_params_any() starts. */
static void hw_any(struct snd_pcm_hw_params *p)
{
	unsigned int i;

	memset(p, 0, sizeof(*p));
	for (i = 0; i <= SNDRV_PCM_HW_PARAM_LAST_MASK - SNDRV_PCM_HW_PARAM_FIRST_MASK; i++)
		memset(&p->masks[i], 0xff, sizeof(p->masks[i]));
	for (i = 0; i <= SNDRV_PCM_HW_PARAM_LAST_INTERVAL - SNDRV_PCM_HW_PARAM_FIRST_INTERVAL;
	     i++) {
		p->intervals[i].min = 0;
		p->intervals[i].max = ~0u;
	}
	p->rmask = ~0u;
	p->info = ~0u;
}

int dummy_open(struct dummy_pcm *d, const char *dev, uint32_t rate, uint32_t period_frames,
	       uint32_t periods)
{
	struct snd_pcm_hw_params hw;
	struct snd_pcm_sw_params sw;
	int tstamp = SNDRV_PCM_TSTAMP_TYPE_MONOTONIC;
	int err;

	memset(d, 0, sizeof(*d));
	d->fd = open(dev, O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (d->fd < 0)
		return -errno;
	hw_any(&hw);
	mask_only(&hw, SNDRV_PCM_HW_PARAM_ACCESS, SNDRV_PCM_ACCESS_RW_INTERLEAVED);
	mask_only(&hw, SNDRV_PCM_HW_PARAM_FORMAT, SNDRV_PCM_FORMAT_S16_LE);
	mask_only(&hw, SNDRV_PCM_HW_PARAM_SUBFORMAT, SNDRV_PCM_SUBFORMAT_STD);
	interval_only(&hw, SNDRV_PCM_HW_PARAM_CHANNELS, 2);
	interval_only(&hw, SNDRV_PCM_HW_PARAM_RATE, rate);
	interval_only(&hw, SNDRV_PCM_HW_PARAM_PERIOD_SIZE, period_frames);
	interval_only(&hw, SNDRV_PCM_HW_PARAM_PERIODS, periods);
	memset(&sw, 0, sizeof(sw));
	sw.tstamp_mode = SNDRV_PCM_TSTAMP_ENABLE;
	sw.tstamp_type = tstamp;
	sw.proto = SNDRV_PCM_VERSION;
	sw.period_step = 1;
	sw.avail_min = period_frames;
	sw.xfer_align = 1;
	sw.start_threshold = 1;
	sw.stop_threshold = (snd_pcm_uframes_t)period_frames * periods;
	/*
	 * The second call: the boundary the first one returned as the stop
	 * threshold, so that a long stall of the VM overwrites old periods
	 * instead of stopping the stream (an eventfd's count just grows too).
	 */
	err = 0;
	if (ioctl(d->fd, SNDRV_PCM_IOCTL_HW_PARAMS, &hw) < 0 ||
	    ioctl(d->fd, SNDRV_PCM_IOCTL_TTSTAMP, &tstamp) < 0 ||
	    ioctl(d->fd, SNDRV_PCM_IOCTL_SW_PARAMS, &sw) < 0)
		err = -errno;
	sw.stop_threshold = sw.boundary;
	if (!err && (ioctl(d->fd, SNDRV_PCM_IOCTL_SW_PARAMS, &sw) < 0 ||
		     ioctl(d->fd, SNDRV_PCM_IOCTL_PREPARE) < 0))
		err = -errno;
	if (err) {
		close(d->fd);
		d->fd = -1;
		return err;
	}
	d->rate = rate;
	d->period_frames = period_frames;
	d->buffer_frames = period_frames * periods;
	/* dummy_hrtimer_prepare(): ceil(period * 1e9 / rate) for a period under 1 s. */
	d->period_ns = ((uint64_t)period_frames * NSEC_PER_SEC + rate - 1) / rate;
	d->buf = calloc(d->buffer_frames, 2 * sizeof(int16_t));
	if (!d->buf) {
		close(d->fd);
		d->fd = -1;
		return -ENOMEM;
	}
	return 0;
}

/* Start capturing; the grid's anchor is the trigger timestamp. */
int dummy_start(struct dummy_pcm *d)
{
	struct snd_pcm_status st;

	d->start_lb = now_ns();
	if (ioctl(d->fd, SNDRV_PCM_IOCTL_START) < 0)
		return -errno;
	memset(&st, 0, sizeof(st));
	if (ioctl(d->fd, SNDRV_PCM_IOCTL_STATUS, &st) < 0)
		return -errno;
	d->t0 = ts_to_ns(&st.trigger_tstamp);
	samples_free(&d->bounds);
	return 0;
}

/*
 * A status pair (position @hw frames at @t): the position came from
 * us = floor((tp - start) / 1000) with ceil(us * rate / 1e6) = hw, tp <= t,
 * so us >= floor((hw - 1) * 1e6 / rate) + 1 and start <= t - us * 1000.
 */
static void dummy_bound_start(struct dummy_pcm *d, uint64_t hw, uint64_t t)
{
	uint64_t us_min;

	if (!hw)
		return;
	us_min = (hw - 1) * 1000000ull / d->rate + 1;
	/* Never before the START call: such a pair is not what it seems. */
	if (t < us_min * 1000 || t - us_min * 1000 < d->start_lb)
		return;
	samples_add(&d->bounds, (int64_t)(t - us_min * 1000));
}

/*
 * The start instant: the smallest bound, of those near the median. After
 * a long stall of the VM, ALSA may correct the position by whole buffers
 * from jiffies; such a pair bounds the start a buffer too early and must
 * not count.
 */
uint64_t dummy_start_estimate(struct dummy_pcm *d)
{
	int64_t med, best;
	size_t i;

	if (!d->bounds.n)
		return d->t0;
	med = samples_quantile(&d->bounds, 0.5);
	best = med;
	for (i = 0; i < d->bounds.n; i++)
		if (d->bounds.v[i] < best && d->bounds.v[i] >= med - (int64_t)NSEC_PER_MSEC)
			best = d->bounds.v[i];
	return (uint64_t)best < d->t0 ? (uint64_t)best : d->t0;
}

/* After an overrun: prepare and start again, with a new start. */
int dummy_restart(struct dummy_pcm *d)
{
	if (ioctl(d->fd, SNDRV_PCM_IOCTL_PREPARE) < 0)
		return -errno;
	return dummy_start(d);
}

/*
 * After a wake-up: read all the whole periods waiting, no partial one (a
 * partial read would move the next wake-up a period later). Return how
 * many, 0 if none, or a negative errno (-EPIPE: overrun).
 */
long dummy_take_periods(struct dummy_pcm *d)
{
	struct snd_pcm_status st;
	struct snd_xferi x;
	unsigned long periods, chunk, done = 0;

	memset(&st, 0, sizeof(st));
	if (ioctl(d->fd, SNDRV_PCM_IOCTL_STATUS, &st) < 0)
		return -errno;
	if (st.state == SNDRV_PCM_STATE_XRUN)
		return -EPIPE;
	dummy_bound_start(d, st.hw_ptr, ts_to_ns(&st.tstamp));
	periods = st.avail / d->period_frames;
	while (done < periods) {
		chunk = periods - done;
		if (chunk * d->period_frames > d->buffer_frames)
			chunk = d->buffer_frames / d->period_frames;
		memset(&x, 0, sizeof(x));
		x.buf = d->buf;
		x.frames = chunk * d->period_frames;
		if (ioctl(d->fd, SNDRV_PCM_IOCTL_READI_FRAMES, &x) < 0)
			return done ? (long)done : -errno;
		done += x.result / d->period_frames;
		if ((unsigned long)x.result < x.frames)
			break;
	}
	return (long)done;
}

void dummy_close(struct dummy_pcm *d)
{
	if (d->fd >= 0) {
		ioctl(d->fd, SNDRV_PCM_IOCTL_DROP);
		close(d->fd);
	}
	free(d->buf);
	samples_free(&d->bounds);
	d->fd = -1;
	d->buf = NULL;
}
