#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Run in the test VM by tools/bench/run (busybox sh): load the sound core
# and snd-dummy if tools/bench/run brought them (bench-modules lists them
# in load order), then the benchmark with the arguments given.

if [ -f /bench-modules ]; then
	for m in $(cat /bench-modules); do
		case $m in
		# One capture substream, its period interrupts an hrtimer.
		snd-dummy.ko) args="pcm_devs=1 pcm_substreams=1 hrtimer=1" ;;
		*) args= ;;
		esac
		# shellcheck disable=SC2086 # the parameters are meant to be split
		insmod "/$m" $args || echo "bench: insmod $m failed: no snd-dummy baseline" >&2
	done
fi
exec hdaemu-bench "$@"
