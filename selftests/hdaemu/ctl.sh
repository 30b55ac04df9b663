#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# hdaemu-ctl and the libhdaemu examples, run as a user runs them: each
# subcommand's output, --json parsed with busybox tools, and exit codes;
# as root also input sources recorded back (a ramp exactly, a tone's
# frequency and level) and the clock faults as debugfs shows them.
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

# check_file NAME FILE PATTERN: a line of FILE (another command's output).
check_file() {
	if grep -Eq -- "$3" "$2"; then
		result ok "$1"
	else
		sed 's/^/# /' "$2"
		result fail "$1" "no line matching '$3'"
	fi
}

skip() { # name reason
	n=$((n + 1))
	echo "ok $n $1 # SKIP $2"
}

root=0
[ "$(id -u)" = 0 ] && root=1
faults=/sys/kernel/debug/hdaemu/faults

# Codec 0's first input pin (GET_INPUT_SOURCE answers for it) and, as root,
# the first output pin a loopback takes.
in_pin='' out_pin=''
nid=1
while [ $nid -lt 64 ] && [ -z "$in_pin" ]; do
	hdaemu-ctl source 0 $nid >/dev/null 2>&1 && in_pin=$nid
	nid=$((nid + 1))
done
nid=1
while [ $root = 1 ] && [ -n "$in_pin" ] && [ $nid -lt 64 ] && [ -z "$out_pin" ]; do
	hdaemu-ctl source 0 "$in_pin" loopback $nid >/dev/null 2>&1 && out_pin=$nid
	nid=$((nid + 1))
done
if [ -n "$in_pin" ] && [ $root = 1 ]; then
	hdaemu-ctl source 0 "$in_pin" silence >/dev/null
fi

echo "TAP version 13"
echo "1..63"

check "help" 0 '^usage: hdaemu-ctl COMMAND' hdaemu-ctl --help
check "help lists source" 0 '^  source CODEC PIN' hdaemu-ctl --help
check "unknown command is a usage error" 2 'unknown command' hdaemu-ctl frobnicate
check "info" 0 'DMA engines' hdaemu-ctl info
check "info --json" 0 '"abi_version": [0-9]+' hdaemu-ctl info --json
check "demo is healthy" 0 '^healthy: every IOC arrived' hdaemu-ctl demo --seconds 1
check "demo summary has both streams" 0 '^capture +[0-9]+ +[0-9]+ +[0-9]+' \
	hdaemu-ctl demo --seconds 1
check_file "demo shows both data paths" "$tmp/out" \
	'^capture +codec [0-9]+ pin [0-9]+ \([a-z]+\) -> ADC [0-9]+ +[0-9]+ +0 '

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
check "demo --no-fault" 0 '^healthy: every IOC' hdaemu-ctl demo --seconds 1 --no-fault

check "play a tone" 0 \
	'^wrote [0-9]+ bytes; [0-9]+ underruns \([0-9]+ bytes read unwritten\); healthy' \
	hdaemu-ctl play --seconds 1 --tone 1000
check_file "play programs a DAC and an output pin" "$tmp/out" \
	'^to DAC [0-9]+ -> codec [0-9]+ pin [0-9]+$'
check_file "play shows its data path" "$tmp/out" \
	'^render +DAC [0-9]+ -> codec [0-9]+ pin [0-9]+ +[0-9]+ +0 +[0-9]+ +0 '
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
check "record: a pin that is not an input pin" 2 'is not an input pin' \
	hdaemu-ctl record --seconds 1 --pin 0 "$tmp/no.wav"
if [ $root = 1 ]; then
	check "stats --json" 0 '^\{"engines": \[' hdaemu-ctl stats --json
else
	skip "stats --json" "debugfs needs root"
fi

# ---- source: what an input pin hears ----
check "source: usage" 0 '^usage: hdaemu-ctl source CODEC PIN' hdaemu-ctl source --help
check "source: not a pin" 2 'is not an input pin' hdaemu-ctl source 0 0
check "source: no codec at the address" 2 'no codec at address 14' hdaemu-ctl source 14 1
check "source: an unknown source" 2 'unknown source' hdaemu-ctl source 0 1 noise
check "source: a tone of 0 Hz" 2 'HZ must be 1..96000' hdaemu-ctl source 0 1 tone 0
check "source: a level that is no number" 2 'LEVEL_DB' hdaemu-ctl source 0 1 tone 440 loud
check "source: a bad pin number" 2 'bad codec address or pin' hdaemu-ctl source 0 eight

src_tests="tone round trip|hex numbers|ramp|loopback|an output pin is refused|record a ramp"
src_tests="$src_tests|the recorded ramp is exact|record a tone: 1 kHz at -6 dBFS"
src_tests="$src_tests|stats while recording|stats --json route|silence again"
skip_all() { # reason: skip each of $src_tests
	old_ifs=$IFS
	IFS='|'
	for t in $src_tests; do
		skip "source: $t" "$1"
	done
	IFS=$old_ifs
}
if [ -z "$in_pin" ]; then
	skip "source: get" "codec 0 has no input pin"
	skip_all "codec 0 has no input pin"
	skip "source: setting needs root" "codec 0 has no input pin"
elif [ $root = 0 ]; then
	check "source: get" 0 "^codec 0 pin $in_pin: " hdaemu-ctl source 0 "$in_pin"
	check "source: setting needs root" 3 'needs CAP_SYS_ADMIN' \
		hdaemu-ctl source 0 "$in_pin" ramp
	skip_all "setting a source needs root"
else
	check "source: get" 0 "^codec 0 pin $in_pin: silence\$" hdaemu-ctl source 0 "$in_pin"
	skip "source: setting needs root" "running as root"
	check "source: tone round trip" 0 \
		"^codec 0 pin $in_pin: tone 1000 Hz -6.0 dBFS \\(level 32846/65536\\)\$" \
		sh -c "hdaemu-ctl source 0 $in_pin tone 1000 -6 >/dev/null &&
		       hdaemu-ctl source 0 $in_pin"
	check "source: hex numbers" 0 'tone 4096 Hz -20.0 dBFS \(level 6554/65536\)' \
		hdaemu-ctl source 0x0 "$(printf 0x%x "$in_pin")" tone 0x1000
	check "source: ramp" 0 "^codec 0 pin $in_pin: ramp\$" hdaemu-ctl source 0 "$in_pin" ramp
	if [ -n "$out_pin" ]; then
		check "source: loopback" 0 "loopback from pin $out_pin\$" \
			hdaemu-ctl source 0 "$in_pin" loopback "$out_pin"
		check "source: an output pin is refused" 2 'is not an input pin' \
			hdaemu-ctl source 0 "$out_pin" ramp
	else
		skip "source: loopback" "codec 0 has no output pin"
		skip "source: an output pin is refused" "codec 0 has no output pin"
	fi

	# The ramp: each sample is its frame number plus its channel, frame after
	# frame. A client later than the engine's write-ahead allows (half a
	# buffer: on a slow emulated CPU) loses a packet or finds its start
	# overwritten by newer frames: a few breaks, never a bad sample.
	hdaemu-ctl source 0 "$in_pin" ramp >/dev/null
	check "source: record a ramp" 0 "^from codec 0 pin $in_pin -> ADC [0-9]+, the pin hears ramp" \
		hdaemu-ctl record --seconds 1 --pin "$in_pin" "$tmp/ramp.wav"
	got=$(od -An -tu2 -v -j44 "$tmp/ramp.wav" 2>/dev/null | awk '
		{ for (i = 1; i < NF; i += 2) {
			l = $i + 0; r = $(i + 1) + 0
			if (r != (l + 1) % 65536) bad++
			if (f && l != (p + 1) % 65536) breaks++
			p = l; f++ } }
		END { printf "%d %d %d", f, bad, breaks }')
	set -- $got
	echo "# ramp: $1 frames, $2 bad samples, $3 breaks"
	if [ "${1:-0}" -gt 24000 ] && [ "$2" = 0 ] && [ "$3" -le 40 ]; then
		result ok "source: the recorded ramp is exact"
	else
		result fail "source: the recorded ramp is exact" "frames/bad/breaks: $got"
	fi

	# A 1 kHz tone at -6 dBFS: 2000 zero crossings a second, peak 16422.
	hdaemu-ctl source 0 "$in_pin" tone 1000 -6 >/dev/null
	hdaemu-ctl record --seconds 1 "$tmp/tone.wav" >"$tmp/out" 2>&1
	rc=$?
	got=$(od -An -td2 -v -j44 "$tmp/tone.wav" 2>/dev/null | awk '
		{ for (i = 1; i <= NF; i += 2) {
			v = $i + 0; f++
			if (f > 1 && (v < 0) != (p < 0)) x++
			if (v > m) m = v
			if (-v > m) m = -v
			p = v } }
		END { printf "%d %d %d", f, x, m }')
	set -- $got
	# Late packets may be skipped (a discontinuity): crossings per frame.
	if [ $rc -eq 0 ] && [ "${1:-0}" -gt 24000 ] &&
	   [ $(($2 * 48000 / $1)) -ge 1960 ] && [ $(($2 * 48000 / $1)) -le 2040 ] &&
	   [ "$3" -ge 16100 ] && [ "$3" -le 16750 ]; then
		echo "# $1 frames, $2 zero crossings, peak $3"
		result ok "source: record a tone: 1 kHz at -6 dBFS"
	else
		sed 's/^/# /' "$tmp/out"
		result fail "source: record a tone: 1 kHz at -6 dBFS" \
			"status $rc, frames/crossings/peak: $got"
	fi

	# stats sees another client's engine and its data path.
	hdaemu-ctl record --seconds 2 --pin "$in_pin" "$tmp/bg.wav" >/dev/null 2>&1 &
	bg=$!
	sleep 1
	check "source: stats while recording" 0 \
		"^[0-9]+ +codec 0 pin $in_pin \\(tone\\) -> ADC [0-9]+ +[0-9]+ +0 +- +0 +- +0 +smooth\$" \
		hdaemu-ctl stats
	check "source: stats --json route" 0 \
		"\"route\": \"converter\", \"codec\": 0, \"converter\": [0-9]+, \"pin\": $in_pin, \"source\": \"tone\"" \
		hdaemu-ctl stats --json
	wait $bg
	check "source: silence again" 0 "pin $in_pin: silence\$" \
		hdaemu-ctl source 0 "$in_pin" silence
fi

# ---- fault: stall, drift, position ----
check "fault: bad drift" 2 'PPM is -100000..100000' hdaemu-ctl fault drift 0 200000
check "fault: a stall of 0 ms" 2 'MS is a time in ms' hdaemu-ctl fault stall 0 0
check "fault: an engine beyond the controller" 2 'ENGINE an index' hdaemu-ctl fault stall 99 5
check "fault: an unknown position mode" 2 '^usage: hdaemu-ctl fault' \
	hdaemu-ctl fault position all wobbly
check "fault: a step for smooth" 2 'STEP_US is 1..1000000' hdaemu-ctl fault position 0 smooth 5
if [ $root = 1 ] && [ -r $faults ]; then
	check "fault: a stall needs a running engine" 3 'engine 0 is not running' \
		hdaemu-ctl fault stall 0 50
	check "fault: drift on one engine" 0 '^engine 0 .* drift 5000/0 ' \
		sh -c "hdaemu-ctl fault drift 0 5000 && cat $faults"
	check "fault: drift of the controller adds" 0 '^engine 0 .* drift 5000/-300 ' \
		sh -c "hdaemu-ctl fault drift all -300 && cat $faults"
	check "fault: position steps" 0 '^engine 1 .* position steps/2000 ' \
		sh -c "hdaemu-ctl fault position 1 steps 2000 && cat $faults"
	check "fault: position bursts, default step" 0 '^engine 2 .* position bursts/10000 ' \
		sh -c "hdaemu-ctl fault position all bursts && cat $faults"
	check "fault: an engine smooth again takes the controller's" 0 \
		'^engine 1 .* position bursts/10000 ' \
		sh -c "hdaemu-ctl fault position 1 smooth && cat $faults"
	check "fault: clear" 0 '^engine 1 .* drift 0/0 position smooth/0 ' \
		sh -c "hdaemu-ctl fault clear && cat $faults"
	# A stall on a running stream: an XRUN record and a stall in debugfs.
	hdaemu-ctl record --seconds 2 "$tmp/stall.wav" >"$tmp/rec" 2>&1 &
	bg=$!
	sleep 1
	hdaemu-ctl fault stall all 20 >"$tmp/out" 2>&1 && cat $faults >>"$tmp/out"
	rc=$?
	wait $bg
	eng=$(sed -n 's/.*; engine \([0-9]*\), stream tag.*/\1/p' "$tmp/rec")
	if [ $rc -eq 0 ] && [ -n "$eng" ] && grep -Eq "^engine $eng .* stalls 1\$" "$tmp/out"; then
		result ok "fault: stall every running engine"
	else
		sed 's/^/# /' "$tmp/out" "$tmp/rec"
		result fail "fault: stall every running engine" "status $rc, engine '$eng'"
	fi
	check_file "fault: record reports the stall" "$tmp/rec" \
		'^xrun +capture engine [0-9]+ at [0-9.]+ s: DMA stall of 20.0 ms'
	check "demo: the stall and its effect" 0 "^stall: render's DMA stopped 50 ms" \
		hdaemu-ctl demo --seconds 1
	check_file "demo: the stall's XRUN" "$tmp/out" \
		'^xrun +render engine [0-9]+ at .*DMA stall of 50.0 ms'
	check "demo --json: the fault" 0 \
		'"fault": \{"type": "stall", "engine": [0-9]+, "stall_ns": 50000000' \
		hdaemu-ctl demo --seconds 1 --json
	hdaemu-ctl fault clear
	# Removed, the device does not open: return goes through debugfs.
	check "fault: remove" 0 '^removed 1$' sh -c "hdaemu-ctl fault remove && cat $faults"
	check "fault: info fails while removed" 3 'No such device' hdaemu-ctl info
	check "fault: return while removed" 0 '^removed 0$' \
		sh -c "hdaemu-ctl fault return && cat $faults"
	check "fault: info works after return" 0 'DMA engines' hdaemu-ctl info
else
	for t in "a stall needs a running engine" "drift on one engine" \
		 "drift of the controller adds" "position steps" "position bursts, default step" \
		 "an engine smooth again takes the controller's" "clear" \
		 "stall every running engine" "record reports the stall" \
		 "demo: the stall and its effect" "demo: the stall's XRUN" "demo --json: the fault" \
		 "remove" "info fails while removed" "return while removed" \
		 "info works after return"; do
		skip "fault: $t" "needs root and debugfs"
	done
fi

check "render example" 0 '^render_loop: [0-9]+ wakeups, [0-9]+ events' \
	hdaemu-example-render_loop 1
check "capture example" 0 '^capture_loop: [0-9]+ events, [0-9]+ frames' \
	hdaemu-example-capture_loop 1

[ $failed -eq 0 ] || exit 1
exit 0
