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

static int __init hdaemu_init(void)
{
	int ret;

	ret = hdaemu_bus_create(num_output, num_input, num_bidir);
	if (ret) {
		pr_err("hdaemu: cannot make a controller with %u output, %u input, %u bidirectional engines: %d\n",
		       num_output, num_input, num_bidir, ret);
		return ret;
	}
	hdaemu_debugfs_init(hdaemu_bus_get());
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
