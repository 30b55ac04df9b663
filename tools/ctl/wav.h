/* SPDX-License-Identifier: GPL-2.0 */
/* hdaemu-ctl: reading and writing PCM WAV files (RIFF, WAVE_FORMAT_PCM). */
#ifndef HDAEMU_CTL_WAV_H
#define HDAEMU_CTL_WAV_H

#include <stdint.h>
#include <stdio.h>

#include <linux/hdaemu.h>

/* Open @path, check it is PCM and fill @fmt; the file is left at the data. 0 or -1. */
int wav_open_read(const char *path, FILE **f, struct hdaemu_stream_format *fmt,
		  uint64_t *data_bytes);
/* Create @path with a header for @fmt; wav_finish() writes the sizes. 0 or -1. */
int wav_open_write(const char *path, FILE **f, const struct hdaemu_stream_format *fmt);
/* Patch the RIFF and data sizes for @data_bytes and close. 0 or -1. */
int wav_finish(FILE *f, uint64_t data_bytes);

#endif
