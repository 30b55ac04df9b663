// SPDX-License-Identifier: GPL-2.0
/*
 * hdaemu - an emulated Intel High Definition Audio controller.
 *
 * The module makes one controller with the DMA engines its parameters ask
 * for, then /dev/hdaemu for userspace. Kernel function drivers use the bus
 * through hdaemu_bus_open() (include/hdaemu/bus.h).
 */
#include <linux/module.h>
#include <linux/moduleparam.h>

#include "hdaemu.h"
#include "codec.h"

static unsigned int num_output = 4;
module_param(num_output, uint, 0444);
MODULE_PARM_DESC(num_output, "Render-only DMA engines, 0..15 (GCAP.OSS; default 4)");

static unsigned int num_input = 4;
module_param(num_input, uint, 0444);
MODULE_PARM_DESC(num_input, "Capture-only DMA engines, 0..15 (GCAP.ISS; default 4)");

static unsigned int num_bidir;
module_param(num_bidir, uint, 0444);
MODULE_PARM_DESC(num_bidir,
		 "Bidirectional DMA engines, 0..30 (GCAP.BSS; default 0); at most 30 engines in all");

static unsigned int codecs[HDAEMU_MAX_CODECS] = { 0 };
static unsigned int num_codecs = 1;
module_param_array(codecs, uint, &num_codecs, 0444);
MODULE_PARM_DESC(codecs, "Codec addresses present on the link, 0..14 (default 0), e.g. 0,2");

static char *codec_model[HDAEMU_MAX_CODECS];
static unsigned int num_codec_models;
module_param_array(codec_model, charp, &num_codec_models, 0444);
MODULE_PARM_DESC(codec_model,
		 "Codec model per address of codecs, lowest first: generic (default) or mini");

/* The codecs parameter as a mask; 0 if it names an address twice or > 14. */
static u32 hdaemu_codec_param_mask(void)
{
	u32 mask = 0;
	unsigned int i;

	for (i = 0; i < num_codecs; i++) {
		if (codecs[i] >= HDAEMU_MAX_CODECS || (mask & BIT(codecs[i])))
			return 0;
		mask |= BIT(codecs[i]);
	}
	return mask;
}

static int __init hdaemu_init(void)
{
	int ret;

	hdaemu_data_tables_init();
	ret = hdaemu_bus_create(num_output, num_input, num_bidir);
	if (ret) {
		pr_err("hdaemu: cannot make a controller with %u output, %u input, %u bidirectional engines: %d\n",
		       num_output, num_input, num_bidir, ret);
		return ret;
	}
	ret = hdaemu_codecs_create(hdaemu_bus_get(), hdaemu_codec_param_mask(),
				   (const char *const *)codec_model, num_codec_models);
	if (ret) {
		pr_err("hdaemu: bad codecs or codec_model parameter: %d\n", ret);
		hdaemu_bus_destroy();
		return ret;
	}
	hdaemu_debugfs_init(hdaemu_bus_get());
	hdaemu_codec_debugfs_init(hdaemu_bus_get());
	ret = hdaemu_cdev_register();
	if (ret) {
		hdaemu_debugfs_exit();
		hdaemu_bus_destroy();
		return ret;
	}
	return 0;
}

static void __exit hdaemu_exit(void)
{
	hdaemu_cdev_unregister();
	hdaemu_debugfs_exit();
	hdaemu_bus_destroy();
}

module_init(hdaemu_init);
module_exit(hdaemu_exit);

MODULE_DESCRIPTION("Emulated HD Audio controller with an HDAUDIO_BUS_INTERFACE_V2-like bus interface");
MODULE_AUTHOR("The hdaemu developers");
MODULE_LICENSE("GPL");
/* From driver/Kbuild: git describe, or the VERSION file of a DKMS tree. */
MODULE_VERSION(HDAEMU_VERSION);
