#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Runs inside the debug-kernel VM (tools/debug-kernel/check), with hdaemu
# loaded by /init: the kselftest suite (stress and fuzz with the durations
# of the environment), the ALSA card's tests when /snd-hdaemu.ko is there,
# then the checks that only make sense here:
#  - no kmemleak report, scanned after the suite and again after rmmod.
#    Any unreferenced object at all fails: the log was cleared just
#    before, nothing else runs in this VM, and after rmmod a leak from the
#    module has no symbols left to be recognised by;
#  - lockdep still on (a report, or a KASAN one, turns it off);
#  - no taint but O (out-of-tree module) and N (the kernel test module).
# KASAN, UBSAN, lockdep and debugobjects reports are in the kernel log,
# which tools/vm/run checks. Prints "guest-check: PASS" or exits non-zero.

KMEMLEAK=/sys/kernel/debug/kmemleak
rc=0
bad() { echo "guest-check: FAIL: $*"; rc=1; }

# kmemleak reports an object once it is 5 s old and two scans saw it.
kmemleak_scan() {
	sleep 6
	echo scan >$KMEMLEAK
	sleep 1
	echo scan >$KMEMLEAK
	leaks=$(grep -c '^unreferenced object' $KMEMLEAK)
	echo "guest-check: kmemleak $1: $leaks unreferenced objects"
	if [ "$leaks" != 0 ]; then
		head -n 60 $KMEMLEAK
		bad "kmemleak found $leaks objects $1"
	fi
}

[ -w $KMEMLEAK ] || bad "no $KMEMLEAK (kmemleak disabled at boot?)"
echo clear >$KMEMLEAK

out=/tmp/kselftest.out
/kselftest/run_kselftest.sh 2>&1 | tee $out
# The 6.1 runner exits 0 whatever the results: read them.
total=$(grep -c '^ok [0-9]* selftests: \|^not ok [0-9]* selftests: ' $out)
failed=$(grep -c '^not ok [0-9]* selftests: ' $out)
echo "guest-check: kselftest programs: $total run, $failed failed"
[ "$total" -gt 0 ] || bad "no kselftest results"
[ "$failed" = 0 ] || bad "$failed kselftest programs failed"

# The ALSA card (tools/debug-kernel/check adds it): its tests under the
# same checkers, before the leak scans, so a leak of the card counts too.
# The sound core is built in; alsa-lib reads its configuration from
# /usr/share/alsa, which came as /alsa.
if [ -f /snd-hdaemu.ko ]; then
	[ -e /usr/share/alsa ] || { mkdir -p /usr/share && ln -s /alsa /usr/share/alsa; }
	if insmod /snd-hdaemu.ko; then
		sh /vm-test "${HDAEMU_ALSA_SECONDS:-3}" --no-selftests >/tmp/alsa.out 2>&1
		arc=$?
		cat /tmp/alsa.out
		[ $arc = 0 ] || bad "the ALSA card's tests failed"
		(cd / && ./mixer-test) >/tmp/mixer-test.out 2>&1
		arc=$?
		sed 's/^/# /' /tmp/mixer-test.out
		[ $arc = 0 ] || bad "mixer-test failed ($arc)"
		rmmod snd_hdaemu || bad "rmmod snd_hdaemu failed"
	else
		bad "insmod snd-hdaemu failed"
	fi
fi

kmemleak_scan "after the suite"
if rmmod hdaemu; then
	kmemleak_scan "after rmmod"
	# /init unloads the module after this script: load it again.
	insmod /hdaemu.ko || bad "insmod again failed"
else
	bad "rmmod hdaemu failed"
fi

grep -q 'debug_locks: *1' /proc/lockdep_stats || bad "lockdep turned itself off"
taint=$(cat /proc/sys/kernel/tainted)
# 4096: TAINT_OOT_MODULE (hdaemu); 262144: TAINT_TEST (the KUnit-style
# kernel test module of the suite).
[ $((taint & ~(4096 | 262144))) = 0 ] || bad "kernel tainted: $taint"

[ $rc = 0 ] && echo "guest-check: PASS"
exit $rc
