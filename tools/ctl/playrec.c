// SPDX-License-Identifier: GPL-2.0
/*
 * hdaemu-ctl play and record - one exclusive, event-driven stream for N
 * seconds on libhdaemu. play writes a WAV file or a generated tone into the
 * render buffer, a buffer at a time behind the link position (the half the
 * engine plays next); record writes each captured packet to a WAV file.
 *
 * The data path is real: before the start, the codec is programmed as a
 * function driver does (route.c): the converter gets the engine's stream
 * tag and format, the connection selects lead to the pin, the pin's input
 * (record) or output (play) is enabled. record so records what the pin
 * hears (hdaemu-ctl source); play's DAC consumes what is written, and an
 * underrun (a period read before it was written) shows as an XRUN record
 * and in the data path summary (GET_DATA_STATS).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"
#include "session.h"
#include "wav.h"

struct playrec {
	const struct hdaemu_stream_format *fmt;
	uint32_t frame_bytes;
	FILE *wav;		/* play: source, or NULL for the tone; record: sink */
	uint64_t wav_left;	/* play: data bytes left in the file */
	uint64_t bytes;		/* bytes written or read */
	uint64_t t;		/* tone: frames generated */
	uint32_t tone_hz;
};

/* A triangle wave at a quarter of full scale, the same on every channel. */
static void tone_frame(struct playrec *p, uint8_t *out)
{
	uint32_t cycle = p->fmt->sample_rate / p->tone_hz, ch;
	int64_t x = (int64_t)(p->t % cycle) * 4 * 8192 / cycle;
	int32_t v16 = (int32_t)(x < 2 * 8192 ? x - 8192 : 3 * 8192 - x);	/* +-8192 */

	for (ch = 0; ch < p->fmt->channels; ch++) {
		switch (p->fmt->container_bits) {
		case 8:
			*out++ = (uint8_t)(128 + v16 / 256);
			break;
		case 16:
			*out++ = (uint8_t)v16;
			*out++ = (uint8_t)(v16 >> 8);
			break;
		default: {
			/* Valid bits sit at the top of the 32-bit container. */
			uint32_t v = (uint32_t)v16 << 16;

			memcpy(out, &v, 4);
			out += 4;
		}
		}
	}
	p->t++;
}

static int play_fill(void *ctx, void *data, uint32_t frames)
{
	struct playrec *p = ctx;
	uint64_t bytes = (uint64_t)frames * p->frame_bytes, got = 0;
	uint32_t i;

	if (!p->wav) {
		for (i = 0; i < frames; i++)
			tone_frame(p, (uint8_t *)data + (uint64_t)i * p->frame_bytes);
		p->bytes += bytes;
		return 0;
	}
	if (p->wav_left) {
		got = fread(data, 1, bytes < p->wav_left ? bytes : p->wav_left, p->wav);
		p->wav_left -= got;
	}
	/* After the file's end: silence. */
	memset((uint8_t *)data + got, p->fmt->container_bits == 8 ? 128 : 0, bytes - got);
	p->bytes += got;
	return 0;
}

static int record_take(void *ctx, const void *data, uint32_t frames)
{
	struct playrec *p = ctx;
	size_t bytes = (size_t)frames * p->frame_bytes;

	if (fwrite(data, 1, bytes, p->wav) != bytes) {
		fprintf(stderr, "hdaemu-ctl record: write: %s\n", strerror(errno));
		return EXIT_DEVICE;
	}
	p->bytes += bytes;
	return 0;
}

static int playrec_usage(FILE *out, int record)
{
	if (record)
		fprintf(out, "usage: hdaemu-ctl record [OPTIONS] FILE.wav\n");
	else
		fprintf(out, "usage: hdaemu-ctl play [OPTIONS] [FILE.wav | --tone HZ]\n");
	if (record)
		fprintf(out, "  --pin NID        the input pin (default: the first whose source is\n"
			     "                   not silence, else the first an ADC reaches)\n");
	else
		fprintf(out, "  --pin NID        the output pin (default: the first that reaches a DAC)\n");
	fprintf(out, "  --codec CAD      the codec (default: the first one)\n"
		     "  --no-route       program no codec path (the data goes nowhere%s)\n",
		record ? ": zeros" : "");
	fprintf(out, "  --seconds N      run time (default 3)\n"
		     "  --rate HZ        sample rate (default 48000%s)\n"
		     "  --channels N     channels (default 2%s)\n"
		     "  --bits N         valid bits: 8, 16, 20, 24, 32 (default 16%s)\n"
		     "  --period-ms MS   the buffer duration and period (default 10)\n"
		     "  --json           the summary as JSON\n", record ? "" : "; a WAV file's own",
		record ? "" : "; a WAV file's own", record ? "" : "; a WAV file's own");
	if (!record)
		fprintf(out, "  --tone HZ        play a triangle tone (default: 440 Hz without FILE)\n");
	return out == stdout ? 0 : EXIT_USAGE;
}

static int playrec(int argc, char **argv, int record)
{
	struct ctl_stream s = { .name = record ? "capture" : "render", .efd = -1,
				.direction = record ? HDAEMU_DIR_CAPTURE : HDAEMU_DIR_RENDER };
	struct playrec p = { .tone_hz = 440 };
	const char *path = NULL;
	struct session_opts o;
	struct hdaemu_dev dev;
	int i, ret, healthy, pin = -1, cad = -1, route = 1;
	unsigned long long v;

	session_opts_default(&o);
	for (i = 1; i < argc; i++) {
		int r = session_opt(&o, argc, argv, &i);

		if (r == 1)
			continue;
		if (r < 0)
			return playrec_usage(stderr, record);
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return playrec_usage(stdout, record);
		if (!record && !strcmp(argv[i], "--tone") && i + 1 < argc) {
			p.tone_hz = (uint32_t)atoi(argv[++i]);
			if (!p.tone_hz)
				return playrec_usage(stderr, record);
		} else if (!strcmp(argv[i], "--pin") && i + 1 < argc) {
			if (ctl_number(argv[++i], 127, &v))
				return playrec_usage(stderr, record);
			pin = (int)v;
		} else if (!strcmp(argv[i], "--codec") && i + 1 < argc) {
			if (ctl_number(argv[++i], 14, &v))
				return playrec_usage(stderr, record);
			cad = (int)v;
		} else if (!strcmp(argv[i], "--no-route")) {
			route = 0;
		} else if (argv[i][0] != '-' && !path) {
			path = argv[i];
		} else {
			return playrec_usage(stderr, record);
		}
	}
	if (record && !path)
		return playrec_usage(stderr, record);
	if (!record && path) {
		if (wav_open_read(path, &p.wav, &o.fmt, &p.wav_left)) {
			fprintf(stderr, "hdaemu-ctl play: %s: not a PCM WAV file\n", path);
			return EXIT_USAGE;
		}
	}
	if (!hdaemu_format_valid(&o.fmt) || p.tone_hz > o.fmt.sample_rate / 2) {
		fprintf(stderr, "hdaemu-ctl: %u Hz, %u channels, %u bits: not a format the "
			"controller carries\n", o.fmt.sample_rate, o.fmt.channels, o.fmt.valid_bits);
		return EXIT_USAGE;
	}
	p.fmt = &o.fmt;
	p.frame_bytes = hdaemu_frame_bytes(&o.fmt);
	if (record && wav_open_write(path, &p.wav, &o.fmt)) {
		fprintf(stderr, "hdaemu-ctl record: %s: %s\n", path, strerror(errno));
		return EXIT_USAGE;
	}
	if (record)
		s.take = record_take;
	else
		s.fill = play_fill;
	s.ctx = &p;
	if (ctl_open_dev(&dev)) {
		ret = EXIT_DEVICE;
	} else {
		struct hdaemu_device_info di;

		/* The library's default codec: the client's own, the first present. */
		/* No codec at all: nothing to route (a capture has nothing to hear). */
		if (cad < 0 && !dev.info.codec_mask)
			route = 0;
		if (cad < 0)
			cad = hdaemu_get_device_info(dev.fd, &di) ? 0 : (int)di.codec_address;
		s.codec_set = !!dev.info.codec_mask;
		s.codec = cad;
		if (!(dev.info.codec_mask & (1u << cad)) && route) {
			fprintf(stderr, "hdaemu-ctl: no codec at address %d (codec mask 0x%x)\n",
				cad, dev.info.codec_mask);
			ret = EXIT_USAGE;
		} else {
			ret = session_setup(&dev, &s, &o.fmt, o.period_ns);
		}
	}
	if (!ret && route)
		ret = session_route(&dev, &s, cad, pin);
	if (!ret && !o.json) {
		char where[160] = "no codec path: the data goes nowhere";

		if (s.routed) {
			struct hdaemu_input_source src;
			char text[96] = "";

			route_describe(&s.route, where, sizeof(where));
			if (record && !hdaemu_get_input_source(dev.fd, cad, s.route.pin, &src)) {
				source_describe(&src, text, sizeof(text));
				snprintf(where + strlen(where), sizeof(where) - strlen(where),
					 ", the pin hears %s", text);
			}
		}
		printf("%s %u Hz, %u channels, %u bits, %u frames per buffer; engine %u, "
		       "stream tag %u%s%s\n", record ? "recording" : "playing", o.fmt.sample_rate,
		       o.fmt.channels, o.fmt.valid_bits, s.frames, s.engine.engine_index,
		       s.engine.stream_tag, path ? (record ? " to " : " from ") : " a tone",
		       path ? path : "");
		printf("%s %s\n", record ? "from" : "to", where);
	}
	if (!ret)
		ret = session_run(&dev, &s, 1, o.seconds, !o.json, NULL);
	healthy = !ret && session_summary(&dev, &s, 1, o.json, NULL);
	session_teardown(&dev, &s, 1);
	if (dev.fd >= 0)
		hdaemu_dev_close(&dev);
	if (record && p.wav && wav_finish(p.wav, p.bytes) && !ret) {
		fprintf(stderr, "hdaemu-ctl record: %s: %s\n", path, strerror(errno));
		ret = EXIT_DEVICE;
	} else if (!record && p.wav) {
		fclose(p.wav);
	}
	if (ret)
		return ret;
	if (!o.json && record)
		printf("recorded %llu bytes; %s\n", (unsigned long long)p.bytes,
		       healthy ? "healthy" : "UNHEALTHY: IOCs and positions disagree");
	else if (!o.json)
		printf("wrote %llu bytes; %llu underruns (%llu bytes read unwritten); %s\n",
		       (unsigned long long)p.bytes, (unsigned long long)s.data.underruns,
		       (unsigned long long)s.data.underrun_bytes,
		       healthy ? "healthy" : "UNHEALTHY: IOCs and positions disagree");
	return healthy ? 0 : EXIT_CHECK;
}

int cmd_play(int argc, char **argv)
{
	return playrec(argc, argv, 0);
}

int cmd_record(int argc, char **argv)
{
	return playrec(argc, argv, 1);
}
