// SPDX-License-Identifier: GPL-2.0
/*
 * libhdaemu client layer: the names, reference codes and messages of its
 * errors. One table, so that a new error cannot get a name without a
 * message or a reference code.
 */
#include <errno.h>
#include <string.h>

#include "hdaemu_client.h"

struct error_text {
	const char *name;
	const char *reference;
	const char *message;
};

#define ERR(code, ref, msg) [HDAEMU_E_##code - HDAEMU_E_BASE] = { "HDAEMU_E_" #code, ref, msg }

static const struct error_text error_texts[HDAEMU_E_END - HDAEMU_E_BASE] = {
	ERR(NOT_INITIALIZED, "AUDCLNT_E_NOT_INITIALIZED",
	    "the stream has not been successfully initialized"),
	ERR(ALREADY_INITIALIZED, "AUDCLNT_E_ALREADY_INITIALIZED",
	    "the client was already initialized (once only, even after a failure)"),
	ERR(WRONG_ENDPOINT_TYPE, "AUDCLNT_E_WRONG_ENDPOINT_TYPE",
	    "not possible with this direction (loopback on capture, or a render call on "
	    "a capture client and the reverse)"),
	ERR(BUFFER_SIZE_NOT_ALIGNED, "AUDCLNT_E_BUFFER_SIZE_NOT_ALIGNED",
	    "the requested buffer size is not aligned: get the aligned size in frames, "
	    "compute its duration and initialize a new client"),
	ERR(BUFFER_SIZE_ERROR, "AUDCLNT_E_BUFFER_SIZE_ERROR",
	    "buffer duration out of range (event mode: 500 ms, push mode: 2 s, or the "
	    "engine's largest buffer), or an event-mode packet that is not one buffer"),
	ERR(DEVICE_INVALIDATED, "AUDCLNT_E_DEVICE_INVALIDATED",
	    "the emulated controller was removed"),
	ERR(DEVICE_IN_USE, "AUDCLNT_E_DEVICE_IN_USE",
	    "no free DMA engine, stream tag or link bandwidth"),
	ERR(INVALID_DEVICE_PERIOD, "AUDCLNT_E_INVALID_DEVICE_PERIOD",
	    "the requested device period is greater than 500 ms"),
	ERR(UNSUPPORTED_FORMAT, "AUDCLNT_E_UNSUPPORTED_FORMAT",
	    "the controller does not support the format"),
	ERR(BUFDURATION_PERIOD_NOT_EQUAL, "AUDCLNT_E_BUFDURATION_PERIOD_NOT_EQUAL",
	    "event mode needs a non-zero periodicity equal to the buffer duration"),
	ERR(POINTER, "E_POINTER", "a required pointer is NULL"),
	ERR(INVALIDARG, "E_INVALIDARG",
	    "invalid argument (format description, share mode, flags or event handle)"),
	ERR(EVENTHANDLE_NOT_EXPECTED, "AUDCLNT_E_EVENTHANDLE_NOT_EXPECTED",
	    "the stream was not initialized for event-driven buffering"),
	ERR(EVENTHANDLE_NOT_SET, "AUDCLNT_E_EVENTHANDLE_NOT_SET",
	    "an event-driven stream needs an event handle before Start"),
	ERR(NOT_STOPPED, "AUDCLNT_E_NOT_STOPPED", "the stream is running"),
	ERR(SHARED_MODE_UNSUPPORTED, "",
	    "shared mode is not implemented: use exclusive mode"),
	ERR(OUT_OF_ORDER, "AUDCLNT_E_OUT_OF_ORDER",
	    "GetBuffer and ReleaseBuffer out of order"),
	ERR(BUFFER_TOO_LARGE, "AUDCLNT_E_BUFFER_TOO_LARGE",
	    "more frames requested than the buffer has free"),
	ERR(INVALID_SIZE, "AUDCLNT_E_INVALID_SIZE",
	    "more frames released than were taken, or a partial capture packet"),
};

static const struct error_text *client_error(int err)
{
	if (err >= 0 || -err < HDAEMU_E_BASE || -err >= HDAEMU_E_END)
		return NULL;
	return &error_texts[-err - HDAEMU_E_BASE];
}

const char *hdaemu_strerror(int err)
{
	const struct error_text *t = client_error(err);

	if (t)
		return t->message;
	if (err == HDAEMU_S_BUFFER_EMPTY)
		return "no packet is waiting";
	if (err >= 0)
		return "success";
	return strerror(-err);
}

const char *hdaemu_error_name(int err)
{
	const struct error_text *t = client_error(err);

	if (t)
		return t->name;
	if (err == HDAEMU_S_BUFFER_EMPTY)
		return "HDAEMU_S_BUFFER_EMPTY";
	return err >= 0 ? "0" : "errno";
}

const char *hdaemu_error_reference(int err)
{
	const struct error_text *t = client_error(err);

	if (t)
		return t->reference;
	if (err == 0)
		return "S_OK";
	if (err == HDAEMU_S_BUFFER_EMPTY)
		return "AUDCLNT_S_BUFFER_EMPTY";
	if (err == -ENOMEM)
		return "E_OUTOFMEMORY";
	return "";
}
