/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hdaemu - tracepoints, under /sys/kernel/tracing/events/hdaemu/.
 *
 * Engines appear by stream descriptor index and clients by number (never
 * by kernel address), as in debugfs. Documentation/events.rst shows how to
 * watch a stream with them.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM hdaemu

#if !defined(_HDAEMU_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _HDAEMU_TRACE_H

#include <linux/tracepoint.h>

#include "hdaemu.h"

#ifndef _HDAEMU_TRACE_HELPERS
#define _HDAEMU_TRACE_HELPERS
/* The owner's number, 0 for a free engine. */
static inline u32 hdaemu_trace_client(const struct hdaemu_engine *engine)
{
	return engine->owner ? engine->owner->id : 0;
}
#endif

#define hdaemu_trace_state_name(s)					\
	__print_symbolic(s, { HDAEMU_STREAM_RESET, "reset" },		\
			 { HDAEMU_STREAM_STOP, "stop" },		\
			 { HDAEMU_STREAM_RUN, "run" })

TRACE_EVENT(hdaemu_engine_alloc,
	TP_PROTO(const struct hdaemu_engine *engine),
	TP_ARGS(engine),
	TP_STRUCT__entry(
		__field(u32, engine)
		__field(u32, client)
		__field(u32, direction)
		__field(u32, stream_tag)
		__field(u32, format)
	),
	TP_fast_assign(
		__entry->engine = engine->index;
		__entry->client = hdaemu_trace_client(engine);
		__entry->direction = engine->direction;
		__entry->stream_tag = engine->stream_tag;
		__entry->format = engine->params.converter_format;
	),
	TP_printk("engine=%u client=%u direction=%s stream_tag=%u format=0x%04x",
		  __entry->engine, __entry->client,
		  __entry->direction == HDAEMU_DIR_RENDER ? "render" : "capture",
		  __entry->stream_tag, __entry->format)
);

TRACE_EVENT(hdaemu_engine_free,
	TP_PROTO(const struct hdaemu_engine *engine),
	TP_ARGS(engine),
	TP_STRUCT__entry(
		__field(u32, engine)
		__field(u32, client)
	),
	TP_fast_assign(
		__entry->engine = engine->index;
		__entry->client = hdaemu_trace_client(engine);
	),
	TP_printk("engine=%u client=%u", __entry->engine, __entry->client)
);

TRACE_EVENT(hdaemu_state,
	TP_PROTO(const struct hdaemu_engine *engine, enum hdaemu_stream_state from,
		 enum hdaemu_stream_state to, u64 bytes),
	TP_ARGS(engine, from, to, bytes),
	TP_STRUCT__entry(
		__field(u32, engine)
		__field(u32, client)
		__field(u32, from)
		__field(u32, to)
		__field(u64, bytes)
	),
	TP_fast_assign(
		__entry->engine = engine->index;
		__entry->client = hdaemu_trace_client(engine);
		__entry->from = from;
		__entry->to = to;
		__entry->bytes = bytes;
	),
	TP_printk("engine=%u client=%u from=%s to=%s bytes=%llu",
		  __entry->engine, __entry->client, hdaemu_trace_state_name(__entry->from),
		  hdaemu_trace_state_name(__entry->to), __entry->bytes)
);

TRACE_EVENT(hdaemu_ioc,
	TP_PROTO(const struct hdaemu_engine *engine, const struct hdaemu_ioc *ioc),
	TP_ARGS(engine, ioc),
	TP_STRUCT__entry(
		__field(u32, engine)
		__field(u32, client)
		__field(u64, sequence)
		__field(u32, count)
		__field(u32, link_position)
		__field(s64, due_ns)
		__field(u64, lateness_ns)
	),
	TP_fast_assign(
		__entry->engine = engine->index;
		__entry->client = hdaemu_trace_client(engine);
		__entry->sequence = ioc->sequence;
		__entry->count = ioc->count;
		__entry->link_position = ioc->link_position;
		__entry->due_ns = ktime_to_ns(ioc->due);
		__entry->lateness_ns = ioc->lateness_ns;
	),
	TP_printk("engine=%u client=%u sequence=%llu count=%u link_position=%u due_ns=%lld lateness_ns=%llu",
		  __entry->engine, __entry->client, __entry->sequence, __entry->count,
		  __entry->link_position, __entry->due_ns, __entry->lateness_ns)
);

TRACE_EVENT(hdaemu_xrun,
	TP_PROTO(const struct hdaemu_engine *engine, const struct hdaemu_xrun *xrun),
	TP_ARGS(engine, xrun),
	TP_STRUCT__entry(
		__field(u32, engine)
		__field(u32, client)
		__field(u32, reason)
		__field(u32, count)
		__field(u64, bytes)
		__field(u32, length)
		__field(u64, stall_ns)
	),
	TP_fast_assign(
		__entry->engine = engine->index;
		__entry->client = hdaemu_trace_client(engine);
		__entry->reason = xrun->reason;
		__entry->count = xrun->count;
		__entry->bytes = xrun->bytes;
		__entry->length = xrun->length;
		__entry->stall_ns = xrun->stall_ns;
	),
	TP_printk("engine=%u client=%u reason=%s count=%u bytes=%llu length=%u stall_ns=%llu",
		  __entry->engine, __entry->client,
		  __entry->reason == HDAEMU_XRUN_STALL ? "stall" : "underrun", __entry->count,
		  __entry->bytes, __entry->length, __entry->stall_ns)
);

TRACE_EVENT(hdaemu_notify,
	TP_PROTO(const struct hdaemu_engine *engine, const struct hdaemu_ioc *ioc, u32 signalled),
	TP_ARGS(engine, ioc, signalled),
	TP_STRUCT__entry(
		__field(u32, engine)
		__field(u64, sequence)
		__field(u32, signalled)
	),
	TP_fast_assign(
		__entry->engine = engine->index;
		__entry->sequence = ioc->sequence;
		__entry->signalled = signalled;
	),
	TP_printk("engine=%u sequence=%llu signalled=%u",
		  __entry->engine, __entry->sequence, __entry->signalled)
);

TRACE_EVENT(hdaemu_verb,
	TP_PROTO(u32 command, u64 response),
	TP_ARGS(command, response),
	TP_STRUCT__entry(
		__field(u32, command)
		__field(u64, response)
	),
	TP_fast_assign(
		__entry->command = command;
		__entry->response = response;
	),
	TP_printk("codec=%u nid=%u verb=0x%05x response=0x%016llx valid=%u",
		  __entry->command >> 28, (__entry->command >> 20) & 0x7f,
		  __entry->command & 0xfffff, __entry->response,
		  (u32)(__entry->response >> 63))
);

TRACE_EVENT(hdaemu_unsol,
	TP_PROTO(u64 response, bool delivered),
	TP_ARGS(response, delivered),
	TP_STRUCT__entry(
		__field(u64, response)
		__field(bool, delivered)
	),
	TP_fast_assign(
		__entry->response = response;
		__entry->delivered = delivered;
	),
	TP_printk("codec=%u tag=%u response=0x%016llx delivered=%u",
		  (u32)(__entry->response >> 32) & 0xf, (u32)(__entry->response >> 26) & 0x3f,
		  __entry->response, __entry->delivered)
);

#endif /* _HDAEMU_TRACE_H */

/* This header lives next to the sources, not in include/trace/events. */
#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE trace
#include <trace/define_trace.h>
