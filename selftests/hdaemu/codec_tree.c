// SPDX-License-Identifier: GPL-2.0
/*
 * The codecs' widget trees, walked as a function driver enumerates a codec:
 * the root's vendor and subordinate nodes, the function group, each
 * widget's capabilities, then what its type has (formats, pin
 * capabilities, amplifiers, configuration default) and its connection
 * list, every answer checked against the model the module parameters
 * chose. Also the device and resource information.
 */
#include "codec_test.h"

_Static_assert(sizeof(struct hdaemu_verb) == 16, "hdaemu_verb");
_Static_assert(sizeof(struct hdaemu_verb_transfer) == 24, "hdaemu_verb_transfer");
_Static_assert(sizeof(struct hdaemu_device_info) == 56, "hdaemu_device_info");
_Static_assert(sizeof(struct hdaemu_unsol_register) == 16, "hdaemu_unsol_register");
_Static_assert(sizeof(struct hdaemu_unsol_ref) == 8, "hdaemu_unsol_ref");
_Static_assert(sizeof(struct hdaemu_unsol_read) == 80, "hdaemu_unsol_read");
_Static_assert(sizeof(struct hdaemu_jack) == 16, "hdaemu_jack");
_Static_assert(sizeof(struct hdaemu_converter) == 16, "hdaemu_converter");
_Static_assert(sizeof(struct hdaemu_converters) == 32, "hdaemu_converters");
_Static_assert(sizeof(struct hdaemu_codec_stats) == 80, "hdaemu_codec_stats");

FIXTURE(tree) {
	int fd;
	struct hdaemu_codecs_param cp;
};

FIXTURE_SETUP(tree)
{
	unsigned int cad;

	self->fd = hdaemu_open();
	if (self->fd < 0 && errno == ENOENT)
		HDAEMU_SETUP_SKIP(HDAEMU_DEV " is absent: hdaemu not loaded");
	ASSERT_LE(0, self->fd);
	ASSERT_OK(hdaemu_codecs_param(self->fd, &self->cp));
	ASSERT_NE(0, self->cp.mask);
	/* Every codec starts from its reset state. */
	for (cad = 0; cad < 15; cad++)
		if (self->cp.mask & (1u << cad))
			ASSERT_NE(0, hdaemu_verb1(self->fd, cmd12(cad, 1, V_RESET, 0)) &
				  HDAEMU_RESPONSE_VALID);
}

FIXTURE_TEARDOWN(tree)
{
	if (self->fd >= 0)
		close(self->fd);
}

/* GET_PARAMETER @param of @nid; must answer. */
static __u32 param(struct __test_metadata *_metadata, int fd, unsigned int cad,
		   unsigned int nid, unsigned int param)
{
	__u64 r = hdaemu_verb1(fd, cmd12(cad, nid, V_GET_PARAM, param));

	EXPECT_EQ(HDAEMU_RESPONSE_VALID, r & HDAEMU_RESPONSE_VALID)
		TH_LOG("codec %u nid %u parameter 0x%x: no response", cad, nid, param);
	EXPECT_EQ(cad, (r >> HDAEMU_RESPONSE_SDI_SHIFT) & HDAEMU_RESPONSE_SDI_MASK);
	EXPECT_EQ(0, r & HDAEMU_RESPONSE_UNSOL);
	return (__u32)r;
}

static __u32 get(struct __test_metadata *_metadata, int fd, unsigned int cad,
		 unsigned int nid, __u32 command)
{
	__u64 r = hdaemu_verb1(fd, command);

	EXPECT_EQ(HDAEMU_RESPONSE_VALID, r & HDAEMU_RESPONSE_VALID)
		TH_LOG("codec %u nid %u command 0x%08x: no response", cad, nid, command);
	return (__u32)r;
}

static void walk(struct __test_metadata *_metadata, int fd, unsigned int cad,
		 const struct exp_model *m)
{
	unsigned int afg, first, count, i, j, nid;
	__u32 r;

	/* Root: vendor, revision, one function group. */
	EXPECT_EQ(m->vendor, param(_metadata, fd, cad, 0, 0x00));
	EXPECT_EQ(m->revision, param(_metadata, fd, cad, 0, 0x02));
	r = param(_metadata, fd, cad, 0, 0x04);
	afg = (r >> 16) & 0xff;
	EXPECT_EQ(1, r & 0xff);
	EXPECT_EQ(m->afg, afg);

	/* The function group: an AFG, its caps, formats and widgets. */
	EXPECT_EQ(m->fg_type, param(_metadata, fd, cad, afg, 0x05));
	EXPECT_EQ(m->afg_caps, param(_metadata, fd, cad, afg, 0x08));
	EXPECT_EQ(m->afg_pcm, param(_metadata, fd, cad, afg, 0x0a));
	EXPECT_EQ(1, param(_metadata, fd, cad, afg, 0x0b));
	EXPECT_EQ(m->power, param(_metadata, fd, cad, afg, 0x0f));
	EXPECT_EQ(m->gpio, param(_metadata, fd, cad, afg, 0x11));
	r = param(_metadata, fd, cad, afg, 0x04);
	first = (r >> 16) & 0xff;
	count = r & 0xff;
	ASSERT_EQ(m->first, first);
	ASSERT_EQ(m->count, count);

	for (i = 0; i < count; i++) {
		const struct exp_widget *e = &m->w[i];
		__u32 caps, type;

		nid = first + i;
		ASSERT_EQ(e->nid, nid);
		caps = param(_metadata, fd, cad, nid, 0x09);
		EXPECT_EQ(e->caps, caps) TH_LOG("codec %u nid %u caps", cad, nid);
		type = (caps >> 20) & 0xf;
		if (type <= 1) {
			EXPECT_EQ(e->pcm, param(_metadata, fd, cad, nid, 0x0a));
			EXPECT_EQ(e->formats, param(_metadata, fd, cad, nid, 0x0b));
			EXPECT_EQ(0x0011, get(_metadata, fd, cad, nid, cmd4(cad, nid, V4_GET_FORMAT, 0)));
			EXPECT_EQ(0, get(_metadata, fd, cad, nid, cmd12(cad, nid, V_GET_CONV, 0)));
		}
		if (type == 4) {
			EXPECT_EQ(e->pincaps, param(_metadata, fd, cad, nid, 0x0c))
				TH_LOG("codec %u nid %u pin caps", cad, nid);
			EXPECT_EQ(e->config, get(_metadata, fd, cad, nid,
						 cmd12(cad, nid, V_GET_CONFIG, 0)));
			EXPECT_EQ(e->pinctl, get(_metadata, fd, cad, nid,
						 cmd12(cad, nid, V_GET_PINCTL, 0)));
		}
		if (caps & (1 << 1)) {
			EXPECT_EQ(e->amp_in, param(_metadata, fd, cad, nid, 0x0d));
		} else {
			EXPECT_EQ(0, e->amp_in);
		}
		if (caps & (1 << 2)) {
			EXPECT_EQ(e->amp_out, param(_metadata, fd, cad, nid, 0x12));
		} else {
			EXPECT_EQ(0, e->amp_out);
		}
		if (caps & (1 << 10))
			EXPECT_EQ(m->power, param(_metadata, fd, cad, nid, 0x0f));

		/* The connection list, four short entries per verb. */
		if (!(caps & (1 << 8))) {
			EXPECT_EQ(0, e->nconns);
			continue;
		}
		r = param(_metadata, fd, cad, nid, 0x0e);
		EXPECT_EQ(0, r & 0x80);		/* short form */
		ASSERT_EQ(e->nconns, r & 0x7f);
		for (j = 0; j < e->nconns; j++) {
			__u32 l = get(_metadata, fd, cad, nid,
				      cmd12(cad, nid, V_GET_CONN, j & ~3u));

			EXPECT_EQ(e->conns[j], (l >> (8 * (j % 4))) & 0xff)
				TH_LOG("codec %u nid %u connection %u", cad, nid, j);
			/* Every connection names a widget of the group. */
			EXPECT_GE(e->conns[j], first);
			EXPECT_LT(e->conns[j], first + count);
		}
	}
}

TEST_F(tree, walk_every_codec)
{
	unsigned int cad;

	for (cad = 0; cad < 15; cad++)
		if (self->cp.mask & (1u << cad))
			walk(_metadata, self->fd, cad, &exp_models[self->cp.model[cad]]);
}

TEST_F(tree, info_codec_mask)
{
	struct hdaemu_info info;

	ASSERT_OK(hdaemu_get_info(self->fd, &info));
	EXPECT_EQ(self->cp.mask, info.codec_mask);
	EXPECT_NE(0, info.features & HDAEMU_INFO_FEAT_CODECS);
}

TEST_F(tree, absent_addresses_do_not_answer)
{
	unsigned int cad;

	for (cad = 0; cad < 16; cad++) {
		__u64 r;

		if (self->cp.mask & (1u << cad))
			continue;
		r = hdaemu_verb1(self->fd, cmd12(cad, 0, V_GET_PARAM, 0));
		EXPECT_EQ(0, r & (HDAEMU_RESPONSE_VALID | HDAEMU_RESPONSE_OVERRUN))
			TH_LOG("address %u answered", cad);
	}
}

TEST_F(tree, device_info)
{
	struct hdaemu_device_info d;

	memset(&d, 0xcc, sizeof(d));
	d.flags = 0;
	memset(d.reserved, 0, sizeof(d.reserved));
	ASSERT_OK(ioctl(self->fd, HDAEMU_IOC_GET_DEVICE_INFO, &d));
	EXPECT_EQ(self->cp.mask, d.codecs_detected);
	EXPECT_EQ(0x0100, d.device_version);
	EXPECT_EQ(HDAEMU_ABI_VERSION << 8, d.driver_version);
	EXPECT_EQ(0, d.striping_supported);
	EXPECT_EQ(0x8086, d.ctrl_vendor_id);
	EXPECT_NE(0, d.ctrl_device_id);
	EXPECT_EQ(0, d.pad[0] | d.pad[1] | d.pad[2]);
	/* The client's codec: the lowest present, its AFG's node. */
	EXPECT_EQ(hdaemu_lowest(self->cp.mask), d.codec_address);
	EXPECT_EQ(exp_models[self->cp.model[d.codec_address]].afg, d.fg_start_node);
}

TEST_F(tree, device_info_flags)
{
	struct hdaemu_device_info d = { .flags = 1 };

	EXPECT_ERR(EINVAL, ioctl(self->fd, HDAEMU_IOC_GET_DEVICE_INFO, &d));
}

TEST_F(tree, device_info_reserved)
{
	struct hdaemu_device_info d = { .reserved[5] = 1 };

	EXPECT_ERR(EINVAL, ioctl(self->fd, HDAEMU_IOC_GET_DEVICE_INFO, &d));
}

TEST_HARNESS_MAIN
