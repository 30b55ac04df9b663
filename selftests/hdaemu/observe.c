// SPDX-License-Identifier: GPL-2.0
/*
 * Observation: the hdaemu tracepoints carry their documented fields and
 * agree with the ioctls; the debugfs files parse and agree too, and show
 * no kernel address.
 */
#include <dirent.h>

#include "codec_test.h"

#define TRACEFS		"/sys/kernel/tracing"
#define DEBUGFS		"/sys/kernel/debug/hdaemu"

static int write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, text, strlen(text));
	close(fd);
	return n == (ssize_t)strlen(text) ? 0 : -1;
}

/* The whole file in a malloc'd, NUL-terminated buffer, or NULL. */
static char *read_file(const char *path)
{
	size_t len = 0, room = 1 << 16;
	char *buf = malloc(room);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0 || !buf) {
		free(buf);
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	while ((n = read(fd, buf + len, room - len - 1)) > 0) {
		len += n;
		if (room - len < 4096) {
			room *= 2;
			buf = realloc(buf, room);
			if (!buf)
				break;
		}
	}
	close(fd);
	if (buf)
		buf[len] = 0;
	return buf;
}

static const char *const trace_events[] = {
	"hdaemu_engine_alloc", "hdaemu_engine_free", "hdaemu_state", "hdaemu_ioc",
	"hdaemu_notify", "hdaemu_verb", "hdaemu_unsol",
};

static int trace_enable(int on)
{
	char path[256];
	size_t i;

	for (i = 0; i < sizeof(trace_events) / sizeof(trace_events[0]); i++) {
		snprintf(path, sizeof(path), TRACEFS "/events/hdaemu/%s/enable", trace_events[i]);
		if (write_file(path, on ? "1" : "0"))
			return -1;
	}
	return 0;
}

/* Value of "key=" in a trace line, as an unsigned number. */
static unsigned long long field(const char *line, const char *key)
{
	char pat[64];
	const char *p;

	snprintf(pat, sizeof(pat), " %s=", key);
	p = strstr(line, pat);
	return p ? strtoull(p + strlen(pat), NULL, 0) : ~0ull;
}

TEST(tracepoint_formats)
{
	char *fmt;

	if (access(TRACEFS "/events/hdaemu", F_OK))
		SKIP(return, "no hdaemu events in " TRACEFS);
	fmt = read_file(TRACEFS "/events/hdaemu/hdaemu_ioc/format");
	ASSERT_NE(NULL, fmt);
	EXPECT_NE(NULL, strstr(fmt, "u64 sequence;"));
	EXPECT_NE(NULL, strstr(fmt, "u32 count;"));
	EXPECT_NE(NULL, strstr(fmt, "u32 link_position;"));
	EXPECT_NE(NULL, strstr(fmt, "u64 lateness_ns;"));
	EXPECT_NE(NULL, strstr(fmt, "s64 due_ns;"));
	free(fmt);
	fmt = read_file(TRACEFS "/events/hdaemu/hdaemu_state/format");
	ASSERT_NE(NULL, fmt);
	EXPECT_NE(NULL, strstr(fmt, "u64 bytes;"));
	free(fmt);
}

TEST(tracepoints_follow_a_stream)
{
	struct hdaemu_stream_format f = hdaemu_fmt_default();
	struct hdaemu_engine_alloc a;
	struct hdaemu_buffer_alloc b;
	struct hdaemu_position p;
	unsigned long long last_seq = 0, iocs = 0;
	int fd, efd, allocs = 0, frees = 0, states = 0, notifies = 0;
	char *trace, *line, *save;

	if (access(TRACEFS "/events/hdaemu", F_OK))
		SKIP(return, "no hdaemu events in " TRACEFS);
	ASSERT_OK(write_file(TRACEFS "/trace", ""));
	ASSERT_OK(trace_enable(1));
	fd = hdaemu_open();
	ASSERT_LE(0, fd);
	efd = hdaemu_eventfd();
	ASSERT_LE(0, efd);
	ASSERT_OK(hdaemu_alloc_any(fd, &f, &a));
	ASSERT_OK(hdaemu_alloc_buffer(fd, a.handle, HDAEMU_BUFFER_NOTIFY, 2, 3840, &b));
	ASSERT_OK(hdaemu_register(fd, a.handle, efd));
	ASSERT_OK(hdaemu_set_state1(fd, HDAEMU_STATE_STOP, a.handle, NULL));
	ASSERT_OK(hdaemu_set_state1(fd, HDAEMU_STATE_RUN, a.handle, NULL));
	hdaemu_sleep_ms(100);
	ASSERT_OK(hdaemu_set_state1(fd, HDAEMU_STATE_STOP, a.handle, NULL));
	ASSERT_OK(hdaemu_get_position(fd, a.handle, &p));
	ASSERT_OK(hdaemu_set_state1(fd, HDAEMU_STATE_RESET, a.handle, NULL));
	ASSERT_OK(hdaemu_free_buffer_of(fd, &b));
	ASSERT_OK(hdaemu_free_engine(fd, a.handle));
	close(fd);
	close(efd);
	ASSERT_OK(trace_enable(0));

	trace = read_file(TRACEFS "/trace");
	ASSERT_NE(NULL, trace);
	for (line = strtok_r(trace, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (line[0] == '#' || field(line, "engine") != a.engine_index)
			continue;
		if (strstr(line, "hdaemu_engine_alloc:")) {
			allocs++;
			EXPECT_EQ(a.stream_tag, field(line, "stream_tag"));
			EXPECT_EQ(a.converter_format, field(line, "format"));
			EXPECT_LT(0ull, field(line, "client"));
		} else if (strstr(line, "hdaemu_engine_free:")) {
			frees++;
		} else if (strstr(line, "hdaemu_state:")) {
			states++;
			if (strstr(line, "from=run to=stop"))
				EXPECT_EQ(p.bytes, field(line, "bytes"));
		} else if (strstr(line, "hdaemu_ioc:")) {
			unsigned long long seq = field(line, "sequence");
			unsigned long long count = field(line, "count");

			EXPECT_EQ(last_seq + count, seq) TH_LOG("%s", line);
			EXPECT_EQ((seq * (b.allocated_bytes / 2)) % b.allocated_bytes,
				  field(line, "link_position"));
			EXPECT_NE(~0ull, field(line, "lateness_ns"));
			last_seq = seq;
			iocs += count;
		} else if (strstr(line, "hdaemu_notify:")) {
			notifies++;
			EXPECT_EQ(1ull, field(line, "signalled"));
		}
	}
	free(trace);
	EXPECT_EQ(1, allocs);
	EXPECT_EQ(1, frees);
	EXPECT_EQ(4, states);	/* Reset-Stop-Run-Stop-Reset */
	EXPECT_EQ(p.ioc_count, iocs);
	EXPECT_LT(0ull, iocs);
	EXPECT_LT(0, notifies);
}

TEST(tracepoint_verbs)
{
	struct hdaemu_codecs_param cp;
	unsigned int cad, seen = 0;
	char *trace, *line, *save, want[96];
	__u64 response;
	int fd;

	if (access(TRACEFS "/events/hdaemu/hdaemu_verb", F_OK))
		SKIP(return, "no hdaemu_verb event in " TRACEFS);
	fd = hdaemu_open();
	ASSERT_LE(0, fd);
	ASSERT_OK(hdaemu_codecs_param(fd, &cp));
	cad = hdaemu_lowest(cp.mask);
	ASSERT_OK(write_file(TRACEFS "/trace", ""));
	ASSERT_OK(trace_enable(1));
	/* The vendor id of the root node, and a verb to a missing codec. */
	response = hdaemu_verb1(fd, cmd12(cad, 0, V_GET_PARAM, 0));
	hdaemu_verb1(fd, cmd12(15, 0, V_GET_PARAM, 0));
	ASSERT_OK(trace_enable(0));
	close(fd);

	trace = read_file(TRACEFS "/trace");
	ASSERT_NE(NULL, trace);
	snprintf(want, sizeof(want), "codec=%u nid=0 verb=0xf0000 response=0x%016llx valid=1",
		 cad, (unsigned long long)response);
	for (line = strtok_r(trace, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (strstr(line, want))
			seen |= 1;
		if (strstr(line, "codec=15 nid=0 verb=0xf0000 response=0x0000000000000000 valid=0"))
			seen |= 2;
	}
	free(trace);
	EXPECT_EQ(3u, seen) TH_LOG("expected a line with '%s' and one for codec 15", want);
}

/* "key: value" from an engines/<n> file, or ~0. */
static unsigned long long kv(const char *text, const char *key)
{
	size_t n = strlen(key);
	const char *p = text;

	while (p) {
		if (!strncmp(p, key, n) && p[n] == ':' && p[n + 1] == ' ')
			return strtoull(p + n + 2, NULL, 0);
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return ~0ull;
}

TEST(debugfs_agrees)
{
	struct hdaemu_stream_format f = hdaemu_fmt_default();
	struct hdaemu_engine_alloc a;
	struct hdaemu_buffer_alloc b;
	struct hdaemu_position p;
	struct hdaemu_info info;
	unsigned int gcap, out, in, bidir, lines = 0;
	char path[128], *text, *line, *save;
	int fd;

	if (access(DEBUGFS "/controller", R_OK))
		SKIP(return, "no " DEBUGFS "/controller (debugfs not mounted?)");
	fd = hdaemu_open();
	ASSERT_LE(0, fd);
	ASSERT_OK(hdaemu_get_info(fd, &info));
	ASSERT_OK(hdaemu_alloc_any(fd, &f, &a));
	ASSERT_OK(hdaemu_alloc_buffer(fd, a.handle, HDAEMU_BUFFER_NOTIFY, 1, 1920, &b));
	ASSERT_OK(hdaemu_set_state1(fd, HDAEMU_STATE_STOP, a.handle, NULL));
	ASSERT_OK(hdaemu_set_state1(fd, HDAEMU_STATE_RUN, a.handle, NULL));
	hdaemu_sleep_ms(50);
	ASSERT_OK(hdaemu_set_state1(fd, HDAEMU_STATE_STOP, a.handle, NULL));
	ASSERT_OK(hdaemu_get_position(fd, a.handle, &p));

	text = read_file(DEBUGFS "/controller");
	ASSERT_NE(NULL, text);
	ASSERT_EQ(4, sscanf(text, "gcap 0x%x output %u input %u bidir %u", &gcap, &out, &in,
			    &bidir));
	EXPECT_EQ(info.gcap, gcap);
	EXPECT_EQ(info.num_output, out);
	EXPECT_EQ(info.num_input, in);
	EXPECT_EQ(info.num_bidir, bidir);
	EXPECT_EQ(NULL, strstr(text, "0xffff")) TH_LOG("a kernel address in debugfs");
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		lines++;
	EXPECT_EQ(2 + info.num_output + info.num_input + info.num_bidir, lines);
	free(text);

	snprintf(path, sizeof(path), DEBUGFS "/engines/%u", a.engine_index);
	text = read_file(path);
	ASSERT_NE(NULL, text);
	EXPECT_EQ(a.engine_index, kv(text, "index"));
	EXPECT_LT(0ull, kv(text, "client"));
	EXPECT_NE(NULL, strstr(text, "\nstate: stop\n"));
	EXPECT_EQ(a.stream_tag, kv(text, "stream_tag"));
	EXPECT_EQ(a.converter_format, kv(text, "format"));
	EXPECT_EQ(b.allocated_bytes, kv(text, "buffer_bytes"));
	EXPECT_EQ(p.bytes, kv(text, "bytes"));
	EXPECT_EQ(p.link_position, kv(text, "link_position"));
	EXPECT_EQ(p.ioc_count, kv(text, "ioc_count"));
	EXPECT_EQ(p.ioc_count, kv(text, "iocs"));
	EXPECT_LE(kv(text, "late_mean_ns"), kv(text, "late_max_ns"));
	EXPECT_EQ(NULL, strstr(text, "0xffff")) TH_LOG("a kernel address in debugfs");
	free(text);

	/* Closing frees the engine: debugfs says so. */
	close(fd);
	text = read_file(path);
	ASSERT_NE(NULL, text);
	EXPECT_EQ(0ull, kv(text, "client"));
	free(text);
}

TEST_HARNESS_MAIN
