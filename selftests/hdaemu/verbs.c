// SPDX-License-Identifier: GPL-2.0
/*
 * HDAEMU_IOC_TRANSFER_VERBS: every settable verb read back after it is set
 * and after a function group reset, batches in order, each kind of verb
 * that gets no response (and its counter), the ioctl's own errors, and
 * the converters meeting engines (HDAEMU_IOC_GET_CONVERTERS).
 *
 * The round trips use the generic model's nodes at the lowest codec
 * address; they skip when another model is there.
 */
#include "codec_test.h"

FIXTURE(verbs) {
	int fd;
	unsigned int cad;
	struct hdaemu_codecs_param cp;
};

FIXTURE_SETUP(verbs)
{
	self->fd = hdaemu_open();
	if (self->fd < 0 && errno == ENOENT)
		HDAEMU_SETUP_SKIP(HDAEMU_DEV " is absent: hdaemu not loaded");
	ASSERT_LE(0, self->fd);
	ASSERT_OK(hdaemu_codecs_param(self->fd, &self->cp));
	self->cad = hdaemu_lowest(self->cp.mask);
	if (self->cp.model[self->cad] != MODEL_GENERIC)
		HDAEMU_SETUP_SKIP("the lowest codec is not the generic model");
	ASSERT_EQ(hdaemu_valid(self->cad, 0),
		  hdaemu_verb1(self->fd, cmd12(self->cad, 1, V_RESET, 0)));
}

FIXTURE_TEARDOWN(verbs)
{
	if (self->fd >= 0) {
		hdaemu_verb1(self->fd, cmd12(self->cad, 1, V_RESET, 0));
		close(self->fd);
	}
}

/* Set with @set, then @get must answer @expect. */
#define ROUND_TRIP(set, get, expect) do {					\
	EXPECT_EQ(hdaemu_valid(self->cad, 0), hdaemu_verb1(self->fd, set));	\
	EXPECT_EQ(hdaemu_valid(self->cad, expect), hdaemu_verb1(self->fd, get));\
} while (0)

#define C12(nid, v, p)	cmd12(self->cad, nid, v, p)
#define C4(nid, v, p)	cmd4(self->cad, nid, v, p)

TEST_F(verbs, connection_select)
{
	ROUND_TRIP(C12(G_ADC0, V_SET_SEL, 1), C12(G_ADC0, V_GET_SEL, 0), 1);
	ROUND_TRIP(C12(G_HP, V_SET_SEL, 1), C12(G_HP, V_GET_SEL, 0), 1);
	ROUND_TRIP(C12(G_HP, V_SET_SEL, 0), C12(G_HP, V_GET_SEL, 0), 0);
}

TEST_F(verbs, output_amp_left_right)
{
	/* Left only, gain 0x20 unmuted; then right only, muted 0x30. */
	ROUND_TRIP(C4(G_DAC0, V4_SET_AMP, 0xa000 | 0x20), C4(G_DAC0, V4_GET_AMP, 0xa000), 0x20);
	ROUND_TRIP(C4(G_DAC0, V4_SET_AMP, 0x9000 | 0x80 | 0x30), C4(G_DAC0, V4_GET_AMP, 0x8000),
		   0xb0);
	EXPECT_EQ(hdaemu_valid(self->cad, 0x20), hdaemu_verb1(self->fd, C4(G_DAC0, V4_GET_AMP, 0xa000)));
}

TEST_F(verbs, input_amp_per_index)
{
	/* Index 1 of ADC0, both sides; index 0 keeps its reset value (muted). */
	ROUND_TRIP(C4(G_ADC0, V4_SET_AMP, 0x7000 | 1 << 8 | 0x1f), C4(G_ADC0, V4_GET_AMP, 0x2001),
		   0x1f);
	EXPECT_EQ(hdaemu_valid(self->cad, 0x1f), hdaemu_verb1(self->fd, C4(G_ADC0, V4_GET_AMP, 0x0001)));
	EXPECT_EQ(hdaemu_valid(self->cad, 0x80), hdaemu_verb1(self->fd, C4(G_ADC0, V4_GET_AMP, 0x2000)));
	/* The mic pin's boost: one input amp, no mute. */
	ROUND_TRIP(C4(G_MIC, V4_SET_AMP, 0x7000 | 2), C4(G_MIC, V4_GET_AMP, 0x2000), 2);
}

TEST_F(verbs, converter_format)
{
	/* 44.1 kHz, 24 bits, 2 channels; then 96 kHz 16-bit mono on the ADC. */
	ROUND_TRIP(C4(G_DAC1, V4_SET_FORMAT, 0x4031), C4(G_DAC1, V4_GET_FORMAT, 0), 0x4031);
	ROUND_TRIP(C4(G_ADC1, V4_SET_FORMAT, 0x0810), C4(G_ADC1, V4_GET_FORMAT, 0), 0x0810);
}

TEST_F(verbs, converter_stream_channel)
{
	ROUND_TRIP(C12(G_DAC0, V_SET_CONV, 0x52), C12(G_DAC0, V_GET_CONV, 0), 0x52);
	ROUND_TRIP(C12(G_ADC0, V_SET_CONV, 0xf0), C12(G_ADC0, V_GET_CONV, 0), 0xf0);
}

TEST_F(verbs, pin_widget_control)
{
	ROUND_TRIP(C12(G_HP, V_SET_PINCTL, 0x40), C12(G_HP, V_GET_PINCTL, 0), 0x40);
	ROUND_TRIP(C12(G_MIC, V_SET_PINCTL, 0x21), C12(G_MIC, V_GET_PINCTL, 0), 0x21);
}

TEST_F(verbs, unsolicited_enable)
{
	ROUND_TRIP(C12(G_HP, V_SET_UNSOL, 0x80 | 0x25), C12(G_HP, V_GET_UNSOL, 0), 0xa5);
	ROUND_TRIP(C12(G_HP, V_SET_UNSOL, 0), C12(G_HP, V_GET_UNSOL, 0), 0);
}

TEST_F(verbs, eapd_btl)
{
	ROUND_TRIP(C12(G_LINE_OUT, V_SET_EAPD, 0x2), C12(G_LINE_OUT, V_GET_EAPD, 0), 0x2);
}

TEST_F(verbs, power_states)
{
	/* Setting 3, actual 3; the AFG in D2 holds a D0 widget in D2. */
	ROUND_TRIP(C12(G_DAC0, V_SET_POWER, 3), C12(G_DAC0, V_GET_POWER, 0), 0x33);
	ROUND_TRIP(C12(1, V_SET_POWER, 2), C12(1, V_GET_POWER, 0), 0x22);
	EXPECT_EQ(hdaemu_valid(self->cad, 0x20), hdaemu_verb1(self->fd, C12(G_DAC1, V_GET_POWER, 0)));
}

TEST_F(verbs, config_default_bytes)
{
	unsigned int i;

	for (i = 0; i < 4; i++)
		EXPECT_EQ(hdaemu_valid(self->cad, 0),
			  hdaemu_verb1(self->fd, C12(G_LINE_IN, V_SET_CONFIG0 + i, 0x11 * (i + 1))));
	EXPECT_EQ(hdaemu_valid(self->cad, 0x44332211),
		  hdaemu_verb1(self->fd, C12(G_LINE_IN, V_GET_CONFIG, 0)));
}

TEST_F(verbs, function_group_reset)
{
	EXPECT_EQ(hdaemu_valid(self->cad, 0), hdaemu_verb1(self->fd, C12(G_HP, V_SET_PINCTL, 0)));
	EXPECT_EQ(hdaemu_valid(self->cad, 0), hdaemu_verb1(self->fd, C12(G_DAC0, V_SET_CONV, 0x31)));
	EXPECT_EQ(hdaemu_valid(self->cad, 0), hdaemu_verb1(self->fd, C4(G_DAC0, V4_SET_FORMAT, 0x31)));
	EXPECT_EQ(hdaemu_valid(self->cad, 0), hdaemu_verb1(self->fd, C12(G_ADC0, V_SET_SEL, 1)));
	EXPECT_EQ(hdaemu_valid(self->cad, 0), hdaemu_verb1(self->fd, C12(1, V_RESET, 0)));
	EXPECT_EQ(hdaemu_valid(self->cad, 0xc0), hdaemu_verb1(self->fd, C12(G_HP, V_GET_PINCTL, 0)));
	EXPECT_EQ(hdaemu_valid(self->cad, 0), hdaemu_verb1(self->fd, C12(G_DAC0, V_GET_CONV, 0)));
	EXPECT_EQ(hdaemu_valid(self->cad, 0x11), hdaemu_verb1(self->fd, C4(G_DAC0, V4_GET_FORMAT, 0)));
	EXPECT_EQ(hdaemu_valid(self->cad, 0), hdaemu_verb1(self->fd, C12(G_ADC0, V_GET_SEL, 0)));
}

TEST_F(verbs, batch_in_order)
{
	struct hdaemu_verb v[5];
	unsigned int i;

	memset(v, 0, sizeof(v));
	v[0].command = C12(G_DAC0, V_SET_CONV, 0x10);
	v[1].command = C12(G_DAC0, V_GET_CONV, 0);
	v[2].command = C12(G_DAC0, V_SET_CONV, 0x20);
	v[3].command = C12(G_DAC0, V_GET_CONV, 0);
	v[4].command = C12(0x7f, V_GET_PARAM, 0);	/* no node: silent */
	for (i = 0; i < 5; i++)
		v[i].response = ~0ull;
	ASSERT_OK(hdaemu_transfer(self->fd, v, 5));
	EXPECT_EQ(hdaemu_valid(self->cad, 0), v[0].response);
	EXPECT_EQ(hdaemu_valid(self->cad, 0x10), v[1].response);
	EXPECT_EQ(hdaemu_valid(self->cad, 0), v[2].response);
	EXPECT_EQ(hdaemu_valid(self->cad, 0x20), v[3].response);
	EXPECT_EQ(0, v[4].response);
}

TEST_F(verbs, largest_batch)
{
	static struct hdaemu_verb v[HDAEMU_MAX_VERBS];
	unsigned int i;

	for (i = 0; i < HDAEMU_MAX_VERBS; i++)
		v[i].command = C12(0, V_GET_PARAM, 0);
	ASSERT_OK(hdaemu_transfer(self->fd, v, HDAEMU_MAX_VERBS));
	for (i = 0; i < HDAEMU_MAX_VERBS; i++)
		EXPECT_EQ(hdaemu_valid(self->cad, 0x1af40030), v[i].response);
}

/* A verb that must get no response and count once in @field. */
#define SILENT(command, field) do {						\
	struct hdaemu_codec_stats __a, __b;					\
	ASSERT_OK(hdaemu_codec_stats(self->fd, self->cad, &__a));		\
	EXPECT_EQ(0, hdaemu_verb1(self->fd, command));				\
	ASSERT_OK(hdaemu_codec_stats(self->fd, self->cad, &__b));		\
	EXPECT_EQ(__a.field + 1, __b.field);					\
	EXPECT_EQ(__a.verbs + 1, __b.verbs);					\
} while (0)

TEST_F(verbs, missing_codec)
{
	struct hdaemu_codec_stats a, b;
	unsigned int cad = 14;
	struct hdaemu_verb v = { 0 };

	while (self->cp.mask & (1u << cad))
		cad--;
	ASSERT_OK(hdaemu_codec_stats(self->fd, cad, &a));
	v.command = cmd12(cad, 1, V_GET_PARAM, 0);
	v.response = ~0ull;
	ASSERT_OK(hdaemu_transfer(self->fd, &v, 1));
	/* Not valid, no overrun: the codec did not respond. */
	EXPECT_EQ(0, v.response);
	ASSERT_OK(hdaemu_codec_stats(self->fd, cad, &b));
	EXPECT_EQ(a.no_codec + 1, b.no_codec);
	EXPECT_EQ(0, b.verbs);
}

TEST_F(verbs, missing_node)
{
	SILENT(C12(0x50, V_GET_PARAM, 0x09), no_node);
}

TEST_F(verbs, indirect_node_bit)
{
	SILENT(C12(G_DAC0, V_GET_PARAM, 0x09) | 1u << 27, no_node);
}

TEST_F(verbs, pin_verb_on_a_converter)
{
	SILENT(C12(G_DAC0, V_GET_PINCTL, 0), unsupported);
}

TEST_F(verbs, unknown_verb)
{
	SILENT(C12(G_HP, 0xf7e, 0), unsupported);
}

TEST_F(verbs, input_amp_on_an_output_only_widget)
{
	SILENT(C4(G_DAC0, V4_GET_AMP, 0x2000), unsupported);
}

TEST_F(verbs, root_takes_only_get_parameter)
{
	SILENT(C12(0, V_SET_POWER, 0), unsupported);
}

TEST_F(verbs, connection_index_out_of_range)
{
	SILENT(C12(G_ADC0, V_SET_SEL, 2), bad_payload);
	EXPECT_EQ(hdaemu_valid(self->cad, 0), hdaemu_verb1(self->fd, C12(G_ADC0, V_GET_SEL, 0)));
}

TEST_F(verbs, connection_list_index_out_of_range)
{
	SILENT(C12(G_HP, V_GET_CONN, 2), bad_payload);
}

TEST_F(verbs, amp_gain_above_steps)
{
	SILENT(C4(G_DAC0, V4_SET_AMP, 0xb000 | 0x4b), bad_payload);
	EXPECT_EQ(hdaemu_valid(self->cad, 0x80), hdaemu_verb1(self->fd, C4(G_DAC0, V4_GET_AMP, 0xa000)));
}

TEST_F(verbs, amp_index_out_of_range)
{
	SILENT(C4(G_ADC1, V4_SET_AMP, 0x7000 | 1 << 8), bad_payload);
}

TEST_F(verbs, power_state_above_d3)
{
	SILENT(C12(G_DAC0, V_SET_POWER, 4), bad_payload);
}

TEST_F(verbs, format_sample_size_unsupported)
{
	/* 8-bit samples: the converter has 16, 20 and 24 only. */
	SILENT(C4(G_DAC0, V4_SET_FORMAT, 0x0001), bad_payload);
	EXPECT_EQ(hdaemu_valid(self->cad, 0x11), hdaemu_verb1(self->fd, C4(G_DAC0, V4_GET_FORMAT, 0)));
}

TEST_F(verbs, pin_output_on_an_input_pin)
{
	SILENT(C12(G_LINE_IN, V_SET_PINCTL, 0x40), bad_payload);
}

TEST_F(verbs, zero_count)
{
	struct hdaemu_verb v = { .command = C12(0, V_GET_PARAM, 0) };
	struct hdaemu_verb_transfer t = { .verbs_ptr = (__u64)(uintptr_t)&v, .count = 0 };

	EXPECT_ERR(EINVAL, ioctl(self->fd, HDAEMU_IOC_TRANSFER_VERBS, &t));
}

TEST_F(verbs, count_above_max)
{
	static struct hdaemu_verb v[HDAEMU_MAX_VERBS + 1];
	struct hdaemu_verb_transfer t = {
		.verbs_ptr = (__u64)(uintptr_t)v, .count = HDAEMU_MAX_VERBS + 1,
	};

	EXPECT_ERR(EINVAL, ioctl(self->fd, HDAEMU_IOC_TRANSFER_VERBS, &t));
}

TEST_F(verbs, huge_count)
{
	struct hdaemu_verb v = { .command = C12(0, V_GET_PARAM, 0) };
	struct hdaemu_verb_transfer t = { .verbs_ptr = (__u64)(uintptr_t)&v, .count = ~0u };

	EXPECT_ERR(EINVAL, ioctl(self->fd, HDAEMU_IOC_TRANSFER_VERBS, &t));
}

TEST_F(verbs, flags)
{
	struct hdaemu_verb v = { .command = C12(0, V_GET_PARAM, 0) };
	struct hdaemu_verb_transfer t = {
		.verbs_ptr = (__u64)(uintptr_t)&v, .count = 1, .flags = 1,
	};

	EXPECT_ERR(EINVAL, ioctl(self->fd, HDAEMU_IOC_TRANSFER_VERBS, &t));
}

TEST_F(verbs, reserved)
{
	struct hdaemu_verb v = { .command = C12(0, V_GET_PARAM, 0) };
	struct hdaemu_verb_transfer t = {
		.verbs_ptr = (__u64)(uintptr_t)&v, .count = 1, .reserved = 1,
	};

	EXPECT_ERR(EINVAL, ioctl(self->fd, HDAEMU_IOC_TRANSFER_VERBS, &t));
}

TEST_F(verbs, entry_pad_runs_nothing)
{
	struct hdaemu_verb v[2] = {
		{ .command = C12(G_DAC0, V_SET_CONV, 0x70) },
		{ .command = C12(0, V_GET_PARAM, 0), .pad = 1 },
	};

	EXPECT_ERR(EINVAL, hdaemu_transfer(self->fd, v, 2));
	/* The first verb did not run either. */
	EXPECT_EQ(hdaemu_valid(self->cad, 0), hdaemu_verb1(self->fd, C12(G_DAC0, V_GET_CONV, 0)));
}

TEST_F(verbs, bad_pointer)
{
	struct hdaemu_verb_transfer t = { .verbs_ptr = 16, .count = 1 };

	EXPECT_ERR(EFAULT, ioctl(self->fd, HDAEMU_IOC_TRANSFER_VERBS, &t));
}

TEST_F(verbs, read_only_array)
{
	struct hdaemu_verb *v = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
				     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	ASSERT_NE(MAP_FAILED, v);
	v->command = C12(0, V_GET_PARAM, 0);
	ASSERT_OK(mprotect(v, 4096, PROT_READ));
	EXPECT_ERR(EFAULT, hdaemu_transfer(self->fd, v, 1));
	munmap(v, 4096);
}

TEST_F(verbs, stats_address_out_of_range)
{
	struct hdaemu_codec_stats s;

	EXPECT_ERR(EINVAL, hdaemu_codec_stats(self->fd, 15, &s));
}

/* GET_CONVERTERS: @n entries of the lowest codec into @c. */
static int converters(int fd, unsigned int cad, struct hdaemu_converter *c, __u32 n,
		      __u32 *count)
{
	struct hdaemu_converters a = {
		.codec_address = cad, .entries_ptr = (__u64)(uintptr_t)c, .capacity = n,
	};
	int ret = ioctl(fd, HDAEMU_IOC_GET_CONVERTERS, &a);

	*count = a.count;
	return ret;
}

TEST_F(verbs, converters_meet_engines)
{
	struct hdaemu_stream_format f = hdaemu_fmt_default();
	struct hdaemu_engine_alloc r, c;
	struct hdaemu_converter conv[8];
	__u32 n;

	ASSERT_OK(hdaemu_alloc_engine(self->fd, HDAEMU_DIR_RENDER, &f, &r));
	ASSERT_OK(hdaemu_alloc_engine_at(self->fd, HDAEMU_DIR_CAPTURE, self->cad, &f, &c));
	/* DAC0 on the render engine's tag, ADC1 on the capture engine's. */
	EXPECT_EQ(hdaemu_valid(self->cad, 0),
		  hdaemu_verb1(self->fd, C12(G_DAC0, V_SET_CONV, r.stream_tag << 4)));
	EXPECT_EQ(hdaemu_valid(self->cad, 0),
		  hdaemu_verb1(self->fd, C4(G_DAC0, V4_SET_FORMAT, r.converter_format)));
	EXPECT_EQ(hdaemu_valid(self->cad, 0),
		  hdaemu_verb1(self->fd, C12(G_ADC1, V_SET_CONV, c.stream_tag << 4)));

	memset(conv, 0xcc, sizeof(conv));
	ASSERT_OK(converters(self->fd, self->cad, conv, 8, &n));
	ASSERT_EQ(4, n);
	EXPECT_EQ(G_DAC0, conv[0].nid);
	EXPECT_EQ(HDAEMU_DIR_RENDER, conv[0].direction);
	EXPECT_EQ(r.stream_tag, conv[0].stream_tag);
	EXPECT_EQ(HDAEMU_CONVERTER_CONNECTED, conv[0].flags);
	EXPECT_EQ(r.engine_index, conv[0].engine_index);
	EXPECT_EQ(0, conv[0].pad);
	EXPECT_EQ(G_DAC1, conv[1].nid);
	EXPECT_EQ(0, conv[1].flags);
	EXPECT_EQ(HDAEMU_CONVERTER_NO_ENGINE, conv[1].engine_index);
	EXPECT_EQ(G_ADC1, conv[3].nid);
	EXPECT_EQ(HDAEMU_DIR_CAPTURE, conv[3].direction);
	EXPECT_EQ(c.engine_index, conv[3].engine_index);
	EXPECT_EQ(HDAEMU_CONVERTER_CONNECTED, conv[3].flags);

	/* The engine freed: the converter meets nothing. */
	ASSERT_OK(hdaemu_free_engine(self->fd, c.handle));
	ASSERT_OK(converters(self->fd, self->cad, conv, 8, &n));
	EXPECT_EQ(HDAEMU_CONVERTER_NO_ENGINE, conv[3].engine_index);
	EXPECT_EQ(0, conv[3].flags);
}

TEST_F(verbs, converter_format_mismatch)
{
	struct hdaemu_stream_format f = hdaemu_fmt_default();
	struct hdaemu_converter conv[4];
	struct hdaemu_engine_alloc r;
	__u32 n;

	ASSERT_OK(hdaemu_alloc_engine(self->fd, HDAEMU_DIR_RENDER, &f, &r));
	EXPECT_EQ(hdaemu_valid(self->cad, 0),
		  hdaemu_verb1(self->fd, C12(G_DAC1, V_SET_CONV, r.stream_tag << 4)));
	/* 24-bit in the converter, 16-bit in the engine. */
	EXPECT_EQ(hdaemu_valid(self->cad, 0),
		  hdaemu_verb1(self->fd, C4(G_DAC1, V4_SET_FORMAT, 0x0031)));
	ASSERT_OK(converters(self->fd, self->cad, conv, 4, &n));
	EXPECT_EQ(r.engine_index, conv[1].engine_index);
	EXPECT_EQ(HDAEMU_CONVERTER_CONNECTED | HDAEMU_CONVERTER_MISMATCH, conv[1].flags);
	EXPECT_EQ(0x0031, conv[1].format);
}

TEST_F(verbs, converters_count_only)
{
	__u32 n = 0;

	ASSERT_OK(converters(self->fd, self->cad, NULL, 0, &n));
	EXPECT_EQ(4, n);
}

TEST_F(verbs, converters_missing_codec)
{
	unsigned int cad = 14;
	__u32 n;

	while (self->cp.mask & (1u << cad))
		cad--;
	EXPECT_ERR(ENODEV, converters(self->fd, cad, NULL, 0, &n));
}

TEST_F(verbs, converters_flags)
{
	struct hdaemu_converters a = { .codec_address = self->cad, .flags = 1 };

	EXPECT_ERR(EINVAL, ioctl(self->fd, HDAEMU_IOC_GET_CONVERTERS, &a));
}

TEST_HARNESS_MAIN
