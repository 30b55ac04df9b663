#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The in-kernel bus interface, tested by a kernel function driver:
# hdaemu_bus_test.ko runs its tests when loaded and refuses to load if one
# fails. Its KTAP lines from the kernel log are shown here.

ksft_skip=4
module=hdaemu_bus_test
dir=$(dirname "$0")

if [ "$(id -u)" != 0 ]; then
	echo "# SKIP: loading a module needs root"
	exit $ksft_skip
fi
if [ ! -e /sys/module/hdaemu ]; then
	echo "# SKIP: the hdaemu module is not loaded"
	exit $ksft_skip
fi
if [ ! -f "$dir/$module.ko" ]; then
	echo "# SKIP: $module.ko was not built"
	exit $ksft_skip
fi

mark="hdaemu-bus-test-$$"
echo "$mark" > /dev/kmsg
insmod "$dir/$module.ko"
rc=$?
[ $rc -eq 0 ] && rmmod $module
# What the module printed, after our mark.
dmesg | sed -n "/$mark/,\$p" | sed -n 's/^\[[^]]*\] //p' | grep -E '^(KTAP|[0-9]+\.\.|ok|not ok|#)'
if [ $rc -ne 0 ]; then
	echo "# $module failed to load (status $rc): a test failed"
	exit 1
fi
exit 0
