// SPDX-License-Identifier: GPL-2.0
/*
 * wavcheck - what tools/alsa/vm-test needs to judge a recording's content:
 *
 *   wavcheck gen FILE SECONDS        write a 48 kHz S16_LE stereo WAV of a
 *                                    pseudo-random pattern (xorshift32 per
 *                                    frame: left its high half, right its low)
 *                                    and 1 s of silence, so the pattern's end
 *                                    has left the DAC before the stream stops
 *   wavcheck tone FILE HZ [LEVEL_DB] a sine of HZ within 1 % (from the zero
 *                                    crossings of each channel, interpolated)
 *                                    and a peak of LEVEL_DB within 0.5 dB
 *   wavcheck ramp FILE               every S16 sample is (frame + channel)
 *                                    truncated to 16 bits, for one start frame
 *   wavcheck find FILE PATTERN       PATTERN's frames (without its padding)
 *                                    appear in FILE, in order, each exactly,
 *                                    from some offset on (the loopback's
 *                                    latency); at least 95 % of them when
 *                                    FILE ends first
 *
 * Prints what it measured on one line; exits 0 when the check holds, 1
 * when it does not, 2 on a usage or file error. S16_LE files only.
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct wav {
	unsigned int rate;
	unsigned int channels;
	size_t frames;
	int16_t *s;		/* frames * channels samples */
};

static uint32_t le32(const unsigned char *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint16_t le16(const unsigned char *p)
{
	return p[0] | p[1] << 8;
}

static int wav_read(const char *path, struct wav *w)
{
	unsigned char hdr[12], ck[8], fmt[16];
	int have_fmt = 0;
	FILE *f;

	f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "wavcheck: %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (fread(hdr, 1, 12, f) != 12 || memcmp(hdr, "RIFF", 4) || memcmp(hdr + 8, "WAVE", 4))
		goto bad;
	while (fread(ck, 1, 8, f) == 8) {
		uint32_t len = le32(ck + 4);

		if (!memcmp(ck, "fmt ", 4)) {
			if (len < 16 || fread(fmt, 1, 16, f) != 16)
				goto bad;
			if (le16(fmt) != 1 || le16(fmt + 14) != 16) {
				fprintf(stderr, "wavcheck: %s: not 16-bit PCM\n", path);
				fclose(f);
				return -1;
			}
			w->channels = le16(fmt + 2);
			w->rate = le32(fmt + 4);
			if (fseek(f, len - 16 + (len & 1), SEEK_CUR))
				goto bad;
			have_fmt = 1;
		} else if (!memcmp(ck, "data", 4)) {
			long here = ftell(f), end;
			size_t n, got;

			if (!have_fmt || !w->channels || here < 0 || fseek(f, 0, SEEK_END))
				goto bad;
			end = ftell(f);
			if (end < here || fseek(f, here, SEEK_SET))
				goto bad;
			/*
			 * A recording cut short (a killed arecord) has a length of 0
			 * or more than is there: take what the file holds.
			 */
			n = (size_t)(end - here) / 2;
			if (len && len / 2 < n)
				n = len / 2;
			w->s = malloc(n * 2 + 2);
			if (!w->s)
				goto bad;
			got = fread(w->s, 2, n, f);
			w->frames = got / w->channels;
			fclose(f);
			return 0;
		} else if (fseek(f, len + (len & 1), SEEK_CUR)) {
			goto bad;
		}
	}
bad:
	fprintf(stderr, "wavcheck: %s: not a WAV file this tool reads\n", path);
	fclose(f);
	return -1;
}

static void put32(FILE *f, uint32_t v)
{
	unsigned char b[4] = { v, v >> 8, v >> 16, v >> 24 };

	fwrite(b, 1, 4, f);
}

static void put16(FILE *f, uint16_t v)
{
	unsigned char b[2] = { v, v >> 8 };

	fwrite(b, 1, 2, f);
}

/* The pattern's frame @n: xorshift32 from a fixed seed, n + 1 steps. */
static uint32_t pattern_next(uint32_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 17;
	*x ^= *x << 5;
	return *x;
}

static int cmd_gen(const char *path, double seconds)
{
	uint32_t frames = (uint32_t)(seconds * 48000), pad = 48000, x = 2463534242u, i;
	FILE *f = fopen(path, "wb");

	if (!f || seconds <= 0 || seconds > 60)
		return 2;
	fwrite("RIFF", 1, 4, f);
	put32(f, 36 + (frames + pad) * 4);
	fwrite("WAVEfmt ", 1, 8, f);
	put32(f, 16);
	put16(f, 1);
	put16(f, 2);
	put32(f, 48000);
	put32(f, 48000 * 4);
	put16(f, 4);
	put16(f, 16);
	fwrite("data", 1, 4, f);
	put32(f, (frames + pad) * 4);
	for (i = 0; i < frames; i++) {
		uint32_t v = pattern_next(&x);

		/* Never a silent frame: find tells the pattern from the padding. */
		if (!v)
			v = 1;
		put16(f, v >> 16);
		put16(f, v);
	}
	for (i = 0; i < pad; i++)
		put32(f, 0);
	if (fclose(f))
		return 2;
	printf("wrote %u frames of the pattern\n", frames);
	return 0;
}

/*
 * Frequency of channel @ch from its rising zero crossings: the first and
 * the last, each placed between its two samples by linear interpolation,
 * and the number of cycles between them. Also the peak.
 */
static int tone_channel(const struct wav *w, unsigned int ch, double *hz, int *peak)
{
	double first = -1, last = -1;
	long cycles = -1;
	size_t i;

	*peak = 0;
	for (i = 0; i < w->frames; i++) {
		int v = w->s[i * w->channels + ch];

		if (abs(v) > *peak)
			*peak = abs(v);
	}
	/* Skip the first 10 ms: whatever the converter did as it started. */
	for (i = w->rate / 100 + 1; i < w->frames; i++) {
		int a = w->s[(i - 1) * w->channels + ch], b = w->s[i * w->channels + ch];

		if (a < 0 && b >= 0) {
			double t = (i - 1) + (double)-a / (b - a);

			if (first < 0)
				first = t;
			last = t;
			cycles++;
		}
	}
	if (cycles < 2 || last <= first)
		return -1;
	*hz = cycles * (double)w->rate / (last - first);
	return 0;
}

static int cmd_tone(const char *path, double want_hz, int have_level, double want_db)
{
	struct wav w = {};
	unsigned int ch;
	int ok = 1;

	if (wav_read(path, &w))
		return 2;
	for (ch = 0; ch < w.channels; ch++) {
		double hz, db;
		int peak;

		if (tone_channel(&w, ch, &hz, &peak)) {
			printf("channel %u: no tone (peak %d)\n", ch, peak);
			ok = 0;
			continue;
		}
		db = 20 * log10(peak / 32768.0);
		printf("channel %u: %.2f Hz (want %.2f, %+.3f %%), peak %d (%.2f dBFS)\n", ch, hz,
		       want_hz, 100 * (hz - want_hz) / want_hz, peak, db);
		if (fabs(hz - want_hz) > want_hz / 100)
			ok = 0;
		if (have_level && fabs(db - want_db) > 0.5)
			ok = 0;
	}
	free(w.s);
	return ok ? 0 : 1;
}

static int cmd_ramp(const char *path)
{
	struct wav w = {};
	size_t i, bad = 0, first_bad = 0;
	unsigned int ch, bad_ch = 0;
	uint16_t base;

	if (wav_read(path, &w))
		return 2;
	if (!w.frames) {
		printf("no frames\n");
		free(w.s);
		return 1;
	}
	base = (uint16_t)w.s[0];
	for (i = 0; i < w.frames; i++) {
		for (ch = 0; ch < w.channels; ch++) {
			uint16_t want = base + i + ch;

			if ((uint16_t)w.s[i * w.channels + ch] != want && !bad++) {
				first_bad = i;
				bad_ch = ch;
			}
		}
	}
	printf("%zu frames of %u channels from frame %u: %zu samples off the ramp",
	       w.frames, w.channels, base, bad);
	if (bad)
		printf(", the first at frame %zu channel %u (%u, want %u)", first_bad, bad_ch,
		       (uint16_t)w.s[first_bad * w.channels + bad_ch],
		       (uint16_t)(base + first_bad + bad_ch));
	printf("\n");
	free(w.s);
	return bad ? 1 : 0;
}

static int frame_eq(const struct wav *a, size_t i, const struct wav *b, size_t j)
{
	return !memcmp(&a->s[i * a->channels], &b->s[j * b->channels], 2 * a->channels);
}

/* A stereo S16 frame as one number, and its index in the pattern. */
struct frame_key {
	uint32_t v;
	uint32_t i;
};

static uint32_t frame_val(const struct wav *w, size_t i)
{
	return (uint16_t)w->s[i * w->channels] << 16 | (uint16_t)w->s[i * w->channels + 1];
}

static int key_cmp(const void *a, const void *b)
{
	const struct frame_key *x = a, *y = b;

	return x->v < y->v ? -1 : x->v > y->v;
}

/*
 * The loopback's offset: each recorded frame found in the pattern votes for
 * (its place in the recording - its place in the pattern); the pattern's
 * frames are practically unique, so the offset with the most votes is it,
 * even when some frames are wrong.
 */
static int find_offset(const struct wav *cap, const struct wav *pat, size_t *off)
{
	struct frame_key *keys = calloc(pat->frames, sizeof(*keys));
	uint32_t *votes = calloc(cap->frames, sizeof(*votes));
	size_t i, best = 0;

	if (!keys || !votes) {
		free(keys);
		free(votes);
		return -1;
	}
	for (i = 0; i < pat->frames; i++) {
		keys[i].v = frame_val(pat, i);
		keys[i].i = i;
	}
	qsort(keys, pat->frames, sizeof(*keys), key_cmp);
	for (i = 0; i < cap->frames; i++) {
		struct frame_key k = { .v = frame_val(cap, i) }, *hit;

		if (!k.v)
			continue;
		hit = bsearch(&k, keys, pat->frames, sizeof(*keys), key_cmp);
		if (hit && hit->i <= i)
			votes[i - hit->i]++;
	}
	for (i = 0; i < cap->frames; i++)
		if (votes[i] > votes[best])
			best = i;
	*off = best;
	i = votes[best];
	free(keys);
	free(votes);
	return i ? 0 : -1;
}

static int cmd_find(const char *path, const char *pattern_path)
{
	struct wav cap = {}, pat = {};
	size_t off, i, match = 0, recorded, bad_runs = 0, first_bad = 0;
	int ret = 1;

	if (wav_read(path, &cap) || wav_read(pattern_path, &pat))
		return 2;
	/* The pattern without its silent padding. */
	while (pat.frames && !pat.s[(pat.frames - 1) * pat.channels] &&
	       !pat.s[(pat.frames - 1) * pat.channels + pat.channels - 1])
		pat.frames--;
	if (cap.channels != 2 || pat.channels != 2 || cap.rate != pat.rate || !pat.frames) {
		printf("not two stereo files of one rate, or an empty pattern\n");
		goto out;
	}
	if (find_offset(&cap, &pat, &off)) {
		printf("the pattern is not in the recording (%zu frames)\n", cap.frames);
		goto out;
	}
	for (i = 0; i < pat.frames && off + i < cap.frames; i++) {
		if (frame_eq(&cap, off + i, &pat, i)) {
			match++;
		} else if (!i || frame_eq(&cap, off + i - 1, &pat, i - 1)) {
			if (!bad_runs++)
				first_bad = i;
		}
	}
	recorded = i;
	printf("pattern found at frame %zu (%.1f ms): %zu of its %zu frames match, %zu recorded",
	       off, 1000.0 * off / cap.rate, match, pat.frames, recorded);
	if (bad_runs)
		printf("; %zu runs of wrong frames, the first at pattern frame %zu", bad_runs,
		       first_bad);
	printf("\n");
	/* Every frame recorded after the offset matches; most of the pattern was. */
	if (match == recorded && match * 100 >= pat.frames * 95)
		ret = 0;
out:
	free(cap.s);
	free(pat.s);
	return ret;
}

int main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "gen"))
		return cmd_gen(argv[2], atof(argv[3]));
	if ((argc == 4 || argc == 5) && !strcmp(argv[1], "tone"))
		return cmd_tone(argv[2], atof(argv[3]), argc == 5, argc == 5 ? atof(argv[4]) : 0);
	if (argc == 3 && !strcmp(argv[1], "ramp"))
		return cmd_ramp(argv[2]);
	if (argc == 4 && !strcmp(argv[1], "find"))
		return cmd_find(argv[2], argv[3]);
	fprintf(stderr, "usage: wavcheck gen FILE SECONDS | tone FILE HZ [LEVEL_DB] | ramp FILE |\n"
			"                find FILE PATTERN\n");
	return 2;
}
