#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# hdaemu-ctl and the libhdaemu examples, run as a user runs them: each
# subcommand's output, --json parsed with busybox tools, and exit codes.
# KTAP output, one result per check.

ksft_skip=4
n=0 failed=0
tmp=${TMPDIR:-/tmp}/hdaemu-ctl-test.$$
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT

if ! command -v hdaemu-ctl >/dev/null; then
	echo "# SKIP: hdaemu-ctl is not installed"
	exit $ksft_skip
fi
if [ ! -e /dev/hdaemu ]; then
	echo "# SKIP: /dev/hdaemu: the module is not loaded"
	exit $ksft_skip
fi

result() { # ok|fail name [detail]
	n=$((n + 1))
	if [ "$1" = ok ]; then
		echo "ok $n $2"
	else
		failed=$((failed + 1))
		echo "not ok $n $2${3:+ # $3}"
	fi
}

# check NAME EXPECTED_STATUS PATTERN COMMAND...: status and an output line.
check() {
	name=$1 want=$2 pattern=$3
	shift 3
	"$@" >"$tmp/out" 2>&1
	rc=$?
	if [ $rc -ne "$want" ]; then
		sed 's/^/# /' "$tmp/out"
		result fail "$name" "exit status $rc, expected $want"
	elif ! grep -Eq -- "$pattern" "$tmp/out"; then
		sed 's/^/# /' "$tmp/out"
		result fail "$name" "no line matching '$pattern'"
	else
		result ok "$name"
	fi
}

# A JSON number field's value (busybox sed).
json_num() { sed -n "s/.*\"$1\": \\([0-9]*\\).*/\\1/p" "$tmp/out" | head -n1; }

echo "TAP version 13"
echo "1..16"

check "help" 0 '^usage: hdaemu-ctl COMMAND' hdaemu-ctl --help
check "unknown command is a usage error" 2 'unknown command' hdaemu-ctl frobnicate
check "info" 0 'DMA engines' hdaemu-ctl info
check "info --json" 0 '"abi_version": [0-9]+' hdaemu-ctl info --json
check "demo is healthy" 0 '^healthy: every IOC arrived' hdaemu-ctl demo --seconds 1
check "demo summary has both streams" 0 '^capture +[0-9]+ +[0-9]+ +[0-9]+' \
	hdaemu-ctl demo --seconds 1

hdaemu-ctl demo --seconds 1 --json >"$tmp/out" 2>&1
rc=$?
seen=$(sed 's/}, {/\n/g' "$tmp/out" | sed -n 's/.*"seen": \([0-9]*\).*"ioc_count": \([0-9]*\).*/\1 \2/p' | head -n1)
if [ $rc -eq 0 ] && grep -q '"healthy": true' "$tmp/out" && [ -n "$seen" ] &&
   [ "${seen% *}" = "${seen#* }" ] && [ "${seen% *}" -gt 0 ]; then
	result ok "demo --json: seen equals ioc_count"
else
	sed 's/^/# /' "$tmp/out"
	result fail "demo --json: seen equals ioc_count" "status $rc, seen/ioc_count '$seen'"
fi

check "play a tone" 0 'wrote [0-9]+ bytes; healthy' hdaemu-ctl play --seconds 1 --tone 1000
check "record to a WAV file" 0 'recorded [0-9]+ bytes; healthy' \
	hdaemu-ctl record --seconds 1 "$tmp/rec.wav"
# 44-byte header + data; RIFF magic; about a second at 192000 bytes/s.
size=$(wc -c <"$tmp/rec.wav" 2>/dev/null || echo 0)
if [ "$(head -c 4 "$tmp/rec.wav" 2>/dev/null)" = RIFF ] && [ "$size" -gt 100000 ]; then
	result ok "record writes a valid WAV file"
else
	result fail "record writes a valid WAV file" "size $size"
fi
check "play the recorded file" 0 'playing 48000 Hz, 2 channels, 16 bits' \
	hdaemu-ctl play --seconds 1 "$tmp/rec.wav"
check "play: a period that is not aligned" 2 'next aligned one is 160 frames' \
	hdaemu-ctl play --seconds 1 --period-ms 3
check "play: unsupported rate" 2 'not a format' hdaemu-ctl play --rate 7000
check "stats --json" 0 '^\{"engines": \[' hdaemu-ctl stats --json
check "render example" 0 '^render_loop: [0-9]+ wakeups, [0-9]+ events' \
	hdaemu-example-render_loop 1
check "capture example" 0 '^capture_loop: [0-9]+ events, [0-9]+ frames' \
	hdaemu-example-capture_loop 1

[ $failed -eq 0 ] || exit 1
exit 0
