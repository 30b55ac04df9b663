/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hdaemu-ctl: a stream's path through a codec, found and programmed with
 * verbs as a function driver does: the converter set to the engine's
 * stream tag and format, the connection selects on the way, the pin's
 * input or output enabled.
 */
#ifndef HDAEMU_CTL_ROUTE_H
#define HDAEMU_CTL_ROUTE_H

#include <stddef.h>

#define ROUTE_MAX_HOPS	4

struct ctl_route {
	unsigned int cad;
	unsigned int direction;		/* HDAEMU_DIR_* */
	unsigned int converter;		/* the DAC or ADC */
	unsigned int pin;
	unsigned int afg;
	unsigned int converter_power;	/* the converter has a power state */
	unsigned int nsel;
	struct {
		unsigned int nid, index;
	} sel[ROUTE_MAX_HOPS];
	int programmed;
};

/*
 * Find a path on codec @cad for @direction to pin @pin, or (@pin < 0) to
 * the first pin that works: capture prefers an input pin whose source is
 * not silence. Converters another engine than @engine_index uses come
 * last. 0, or -1 with a message in @err.
 */
int route_find(int fd, unsigned int cad, unsigned int direction, unsigned int engine_index,
	       int pin, struct ctl_route *r, char *err, size_t errlen);
/* Program the path for an engine's stream tag and format. 0, or -1 with @err. */
int route_program(int fd, struct ctl_route *r, unsigned int stream_tag, unsigned int format,
		  char *err, size_t errlen);
/* Give the converter back (stream tag 0), as a driver does at close. */
void route_release(int fd, struct ctl_route *r);
/* "DAC 2 -> pin 6" or "pin 8 -> ADC 4". */
void route_describe(const struct ctl_route *r, char *buf, size_t len);

/* One verb on codec @cad; the 32-bit answer, or -1 when it is not valid. */
long long ctl_verb(int fd, unsigned int cad, unsigned int nid, unsigned int verb,
		   unsigned int payload);

#endif
