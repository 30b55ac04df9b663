// SPDX-License-Identifier: GPL-2.0
/*
 * hdaemu-ctl: minimal PCM WAV files, little-endian as RIFF is. Only what
 * play and record need: one fmt chunk (PCM or EXTENSIBLE with PCM data) and
 * the data chunk; other chunks are skipped.
 */
#include <string.h>

#include "wav.h"

static uint32_t le32(const uint8_t *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint16_t le16(const uint8_t *p)
{
	return p[0] | p[1] << 8;
}

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = v;
	p[1] = v >> 8;
	p[2] = v >> 16;
	p[3] = v >> 24;
}

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = v;
	p[1] = v >> 8;
}

int wav_open_read(const char *path, FILE **f, struct hdaemu_stream_format *fmt,
		  uint64_t *data_bytes)
{
	uint8_t hdr[12], ck[8], body[40];
	int have_fmt = 0;

	*f = fopen(path, "rb");
	if (!*f)
		return -1;
	if (fread(hdr, 1, 12, *f) != 12 || memcmp(hdr, "RIFF", 4) || memcmp(hdr + 8, "WAVE", 4))
		goto bad;
	while (fread(ck, 1, 8, *f) == 8) {
		uint32_t len = le32(ck + 4);

		if (!memcmp(ck, "fmt ", 4) && len >= 16 && len <= sizeof(body)) {
			uint16_t tag;

			if (fread(body, 1, len, *f) != len)
				goto bad;
			tag = le16(body);
			if (tag != 1 && tag != 0xfffe)	/* PCM, EXTENSIBLE */
				goto bad;
			memset(fmt, 0, sizeof(*fmt));
			fmt->channels = le16(body + 2);
			fmt->sample_rate = le32(body + 4);
			fmt->container_bits = le16(body + 14);
			fmt->valid_bits = tag == 0xfffe && len >= 20 ? le16(body + 18) :
								       fmt->container_bits;
			have_fmt = 1;
		} else if (!memcmp(ck, "data", 4) && have_fmt) {
			*data_bytes = len;
			return 0;
		} else if (fseek(*f, len + (len & 1), SEEK_CUR)) {
			goto bad;
		}
	}
bad:
	fclose(*f);
	*f = NULL;
	return -1;
}

static void wav_header(uint8_t *h, const struct hdaemu_stream_format *fmt, uint32_t data)
{
	uint16_t block = fmt->channels * fmt->container_bits / 8;

	memcpy(h, "RIFF", 4);
	put32(h + 4, 36 + data);
	memcpy(h + 8, "WAVEfmt ", 8);
	put32(h + 16, 16);
	put16(h + 20, 1);
	put16(h + 22, fmt->channels);
	put32(h + 24, fmt->sample_rate);
	put32(h + 28, fmt->sample_rate * block);
	put16(h + 32, block);
	put16(h + 34, fmt->container_bits);
	memcpy(h + 36, "data", 4);
	put32(h + 40, data);
}

int wav_open_write(const char *path, FILE **f, const struct hdaemu_stream_format *fmt)
{
	uint8_t h[44];

	*f = fopen(path, "wb");
	if (!*f)
		return -1;
	wav_header(h, fmt, 0);
	if (fwrite(h, 1, sizeof(h), *f) != sizeof(h)) {
		fclose(*f);
		return -1;
	}
	return 0;
}

int wav_finish(FILE *f, uint64_t data_bytes)
{
	uint8_t size[4];
	int ret = 0;

	if (data_bytes > 0xffffffffull - 36)
		data_bytes = 0xffffffffull - 36;
	put32(size, 36 + (uint32_t)data_bytes);
	ret |= fseek(f, 4, SEEK_SET) || fwrite(size, 1, 4, f) != 4;
	put32(size, (uint32_t)data_bytes);
	ret |= fseek(f, 40, SEEK_SET) || fwrite(size, 1, 4, f) != 4;
	ret |= fclose(f) != 0;
	return ret ? -1 : 0;
}
