// SPDX-License-Identifier: GPL-2.0
/*
 * HDAEMU_IOC_GET_INFO, and what every ioctl of /dev/hdaemu shares: the
 * argument layout, -ENOTTY for a command that is not one of ours and
 * -EFAULT for a bad argument pointer.
 */
#include <stddef.h>
#include <termios.h>

#include "hdaemu_test.h"

#define POISON 0xcc

FIXTURE(info) {
	int fd;
	struct hdaemu_params p;
};

FIXTURE_SETUP(info)
{
	self->fd = hdaemu_open();
	if (self->fd < 0 && errno == ENOENT)
		HDAEMU_SETUP_SKIP(HDAEMU_DEV " is absent: hdaemu not loaded");
	ASSERT_LE(0, self->fd) TH_LOG("open " HDAEMU_DEV ": %s", strerror(errno));
	ASSERT_OK(hdaemu_params(self->fd, &self->p));
}

FIXTURE_TEARDOWN(info)
{
	if (self->fd >= 0)
		close(self->fd);
}

/* Output fields filled with @poison; the input ones (flags, reserved) 0. */
static void info_poison(struct hdaemu_info *info, int poison)
{
	memset(info, poison, sizeof(*info));
	info->flags = 0;
	memset(info->reserved, 0, sizeof(info->reserved));
}

/* The bytes of every output-only field, to prove a failing call wrote none. */
static int info_out_untouched(const struct hdaemu_info *info)
{
	const unsigned char *b = (const void *)info;
	size_t i;

	for (i = 0; i < offsetof(struct hdaemu_info, reserved); i++) {
		if (i >= offsetof(struct hdaemu_info, flags) &&
		    i < offsetof(struct hdaemu_info, flags) + sizeof(info->flags))
			continue;
		if (b[i] != POISON)
			return 0;
	}
	return 1;
}

/* The layout is ABI: the same on 32 and 64-bit, padded to 8 bytes. */
_Static_assert(sizeof(struct hdaemu_info) == 96, "hdaemu_info");
_Static_assert(sizeof(struct hdaemu_stream_format) == 16, "hdaemu_stream_format");
_Static_assert(sizeof(struct hdaemu_engine_alloc) == 64, "hdaemu_engine_alloc");
_Static_assert(sizeof(struct hdaemu_engine_format) == 40, "hdaemu_engine_format");
_Static_assert(sizeof(struct hdaemu_engine_ref) == 8, "hdaemu_engine_ref");
_Static_assert(sizeof(struct hdaemu_bdl_entry) == 16, "hdaemu_bdl_entry");
_Static_assert(sizeof(struct hdaemu_buffer_alloc) == 88, "hdaemu_buffer_alloc");
_Static_assert(sizeof(struct hdaemu_buffer_free) == 24, "hdaemu_buffer_free");
_Static_assert(sizeof(struct hdaemu_set_state) == 48, "hdaemu_set_state");
_Static_assert(sizeof(struct hdaemu_position) == 64, "hdaemu_position");
_Static_assert(sizeof(struct hdaemu_notification) == 16, "hdaemu_notification");
_Static_assert(sizeof(struct hdaemu_position_header) == 64, "hdaemu_position_header");
_Static_assert(sizeof(struct hdaemu_position_slot) == 64, "hdaemu_position_slot");

TEST_F(info, fixed_fields)
{
	struct hdaemu_info info;
	unsigned int i;

	info_poison(&info, POISON);
	ASSERT_OK(ioctl(self->fd, HDAEMU_IOC_GET_INFO, &info));

	EXPECT_EQ((__u32)HDAEMU_ABI_VERSION, info.abi_version);
	EXPECT_EQ(0u, info.flags);
	EXPECT_EQ(HDAEMU_INFO_FEAT_ENGINES | HDAEMU_INFO_FEAT_NOTIFY |
		  HDAEMU_INFO_FEAT_POSITION_PAGE | HDAEMU_INFO_FEAT_BDL |
		  HDAEMU_INFO_FEAT_EVENTS | HDAEMU_INFO_FEAT_CODECS,
		  info.features);
	EXPECT_EQ(1, info.version_major);
	EXPECT_EQ(0, info.version_minor);
	EXPECT_EQ(hdaemu_codec_mask_param(), info.codec_mask);
	EXPECT_EQ(HDAEMU_WALLCLOCK_HZ, info.wallclock_hz);
	EXPECT_EQ(HDAEMU_T_MAX_NOTIFY, info.max_notifications);
	EXPECT_EQ(HDAEMU_T_MIN_PERIOD_NS, info.min_period_ns);
	EXPECT_EQ(HDAEMU_T_MAX_BUFFER, info.max_buffer_bytes);
	EXPECT_EQ(HDAEMU_T_PAGE, info.position_page_bytes);
	EXPECT_EQ(HDAEMU_T_OUTPAY, info.outpay);
	EXPECT_EQ(HDAEMU_T_INPAY, info.inpay);
	for (i = 0; i < ARRAY_SIZE(info.reserved); i++)
		EXPECT_EQ(0u, info.reserved[i]) TH_LOG("reserved[%u] not 0", i);
}

TEST_F(info, counts_match_parameters)
{
	struct hdaemu_info info;

	if (!self->p.from_sysfs)
		SKIP(return, HDAEMU_PARAM_DIR " not readable");
	info_poison(&info, POISON);
	ASSERT_OK(ioctl(self->fd, HDAEMU_IOC_GET_INFO, &info));
	EXPECT_EQ(self->p.num_output, info.num_output);
	EXPECT_EQ(self->p.num_input, info.num_input);
	EXPECT_EQ(self->p.num_bidir, info.num_bidir);
	EXPECT_GE((__u32)HDAEMU_MAX_ENGINES, info.num_output + info.num_input + info.num_bidir);
}

TEST_F(info, gcap_encodes_counts)
{
	struct hdaemu_info info;
	__u16 gcap;

	info_poison(&info, POISON);
	ASSERT_OK(ioctl(self->fd, HDAEMU_IOC_GET_INFO, &info));
	/* OSS 15:12, ISS 11:8, BSS 7:3, NSDO 2:1 = 0 (one SDO), 64OK. */
	gcap = self->p.num_output << 12 | self->p.num_input << 8 |
	       self->p.num_bidir << 3 | 1;
	EXPECT_EQ(gcap, info.gcap)
		TH_LOG("gcap 0x%04x, expected 0x%04x for %u/%u/%u", info.gcap, gcap,
		       self->p.num_output, self->p.num_input, self->p.num_bidir);
}

TEST_F(info, output_fully_written)
{
	struct hdaemu_info a, b;

	/* Two poisons give the same bytes only if every byte is written. */
	info_poison(&a, POISON);
	info_poison(&b, 0x5a);
	ASSERT_OK(ioctl(self->fd, HDAEMU_IOC_GET_INFO, &a));
	ASSERT_OK(ioctl(self->fd, HDAEMU_IOC_GET_INFO, &b));
	EXPECT_EQ(0, memcmp(&a, &b, sizeof(a)))
		TH_LOG("GET_INFO left some output bytes unwritten");
}

TEST_F(info, flags_nonzero)
{
	static const __u32 bad[] = { 1, 2, 0x80000000u, 0xffffffffu };
	struct hdaemu_info info;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		info_poison(&info, POISON);
		info.flags = bad[i];
		EXPECT_ERR_MSG(EINVAL, ioctl(self->fd, HDAEMU_IOC_GET_INFO, &info),
			       "flags 0x%x", bad[i]);
		EXPECT_TRUE(info_out_untouched(&info))
			TH_LOG("failing GET_INFO (flags 0x%x) wrote output", bad[i]);
	}
}

TEST_F(info, reserved_nonzero)
{
	struct hdaemu_info info;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(info.reserved); i++) {
		info_poison(&info, POISON);
		info.reserved[i] = 1;
		EXPECT_ERR_MSG(EINVAL, ioctl(self->fd, HDAEMU_IOC_GET_INFO, &info),
			       "reserved[%u] = 1", i);
		EXPECT_TRUE(info_out_untouched(&info))
			TH_LOG("failing GET_INFO (reserved[%u]) wrote output", i);
	}
}

TEST_F(info, enotty_unknown_nr)
{
	struct hdaemu_info info;

	info_poison(&info, POISON);
	EXPECT_ERR(ENOTTY, ioctl(self->fd, _IOWR(HDAEMU_IOC_MAGIC, 0x0a, struct hdaemu_info),
				 &info));
	EXPECT_ERR(ENOTTY, ioctl(self->fd, _IOWR(HDAEMU_IOC_MAGIC, 0x7f, struct hdaemu_info),
				 &info));
	EXPECT_ERR(ENOTTY, ioctl(self->fd, _IOWR(HDAEMU_IOC_MAGIC, 0xff, struct hdaemu_info),
				 &info));
	EXPECT_ERR(ENOTTY, ioctl(self->fd, _IO(HDAEMU_IOC_MAGIC, 0x0a), 0));
	EXPECT_TRUE(info_out_untouched(&info));
}

TEST_F(info, enotty_foreign_magic)
{
	struct hdaemu_info info;
	struct termios t;

	info_poison(&info, POISON);
	EXPECT_ERR(ENOTTY, ioctl(self->fd, _IOWR('x', 0x00, struct hdaemu_info), &info));
	EXPECT_ERR(ENOTTY, ioctl(self->fd, _IOWR(HDAEMU_IOC_MAGIC + 1, 0x00,
						 struct hdaemu_info), &info));
	EXPECT_ERR(ENOTTY, ioctl(self->fd, TCGETS, &t));
	EXPECT_TRUE(info_out_untouched(&info));
}

TEST_F(info, enotty_wrong_size)
{
	unsigned char big[sizeof(struct hdaemu_info) + 8];
	__u32 small[4];

	memset(big, 0, sizeof(big));
	memset(small, 0, sizeof(small));
	EXPECT_ERR(ENOTTY, ioctl(self->fd, _IOWR(HDAEMU_IOC_MAGIC, 0x00, __u32), small));
	EXPECT_ERR(ENOTTY, ioctl(self->fd, _IOWR(HDAEMU_IOC_MAGIC, 0x00, big), big));
	EXPECT_ERR(ENOTTY, ioctl(self->fd, _IOW(HDAEMU_IOC_MAGIC, 0x02, __u32), small));
	EXPECT_ERR(ENOTTY, ioctl(self->fd, _IOWR(HDAEMU_IOC_MAGIC, 0x07, __u32), small));
}

TEST_F(info, enotty_wrong_direction)
{
	struct hdaemu_info info;
	struct hdaemu_engine_ref ref = { .handle = HDAEMU_BAD_HANDLE };

	info_poison(&info, POISON);
	EXPECT_ERR(ENOTTY, ioctl(self->fd, _IOR(HDAEMU_IOC_MAGIC, 0x00, struct hdaemu_info),
				 &info));
	EXPECT_ERR(ENOTTY, ioctl(self->fd, _IOW(HDAEMU_IOC_MAGIC, 0x00, struct hdaemu_info),
				 &info));
	EXPECT_ERR(ENOTTY, ioctl(self->fd, _IO(HDAEMU_IOC_MAGIC, 0x00), 0));
	EXPECT_ERR(ENOTTY, ioctl(self->fd, _IOWR(HDAEMU_IOC_MAGIC, 0x02,
						 struct hdaemu_engine_ref), &ref));
	EXPECT_TRUE(info_out_untouched(&info));
}

TEST_F(info, efault)
{
	EXPECT_ERR(EFAULT, ioctl(self->fd, HDAEMU_IOC_GET_INFO, NULL));
	EXPECT_ERR(EFAULT, ioctl(self->fd, HDAEMU_IOC_GET_INFO, (void *)1));
}

TEST_F(info, efault_every_ioctl)
{
	static const struct {
		unsigned long cmd;
		const char *name;
	} cmds[] = {
		{ HDAEMU_IOC_GET_INFO, "GET_INFO" },
		{ HDAEMU_IOC_ALLOC_ENGINE, "ALLOC_ENGINE" },
		{ HDAEMU_IOC_FREE_ENGINE, "FREE_ENGINE" },
		{ HDAEMU_IOC_CHANGE_FORMAT, "CHANGE_FORMAT" },
		{ HDAEMU_IOC_ALLOC_BUFFER, "ALLOC_BUFFER" },
		{ HDAEMU_IOC_FREE_BUFFER, "FREE_BUFFER" },
		{ HDAEMU_IOC_SET_STATE, "SET_STATE" },
		{ HDAEMU_IOC_GET_POSITION, "GET_POSITION" },
		{ HDAEMU_IOC_REGISTER_NOTIFICATION, "REGISTER_NOTIFICATION" },
		{ HDAEMU_IOC_UNREGISTER_NOTIFICATION, "UNREGISTER_NOTIFICATION" },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cmds); i++) {
		EXPECT_ERR_MSG(EFAULT, ioctl(self->fd, cmds[i].cmd, NULL),
			       "%s", cmds[i].name);
		EXPECT_ERR_MSG(EFAULT, ioctl(self->fd, cmds[i].cmd, (void *)1),
			       "%s", cmds[i].name);
	}
}

TEST_F(info, same_info_for_every_client)
{
	struct hdaemu_info a, b;
	int fd2;

	fd2 = hdaemu_open();
	ASSERT_LE(0, fd2);
	ASSERT_OK(hdaemu_get_info(self->fd, &a));
	ASSERT_OK(hdaemu_get_info(fd2, &b));
	EXPECT_EQ(0, memcmp(&a, &b, sizeof(a)));
	close(fd2);
}

TEST_HARNESS_MAIN
