#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install and cache everything hdaemu needs to build, lint and test:
# Debian packages (compiler, headers of the test kernel, QEMU, busybox,
# sparse, rsync for the install rule of kselftest's lib.mk, ...), the test
# kernel's vmlinuz and the few files of the kernel source tree we use
# (kselftest harness and runner, checkpatch).
#
# Idempotent: a second run only checks the stamp and returns.
#
# Usage: tools/setup.sh [--refresh]
#   --refresh  re-resolve the test kernel from linux-image-amd64 and
#              fetch it again even if the stamp says all is done.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
CACHE=$ROOT/.cache
STAMP=$CACHE/setup.stamp
RELFILE=$CACHE/kernel-release

# Files we take from the kernel source tarball, relative to its top.
SRC_FILES=(
	tools/testing/selftests/kselftest_harness.h
	tools/testing/selftests/kselftest.h
	tools/testing/selftests/lib.mk
	tools/testing/selftests/run_kselftest.sh
	tools/testing/selftests/kselftest/runner.sh
	tools/testing/selftests/kselftest/prefix.pl
	tools/testing/selftests/kselftest/module.sh
	scripts/checkpatch.pl
	scripts/spelling.txt
	scripts/const_structs.checkpatch
	scripts/coccicheck
	scripts/coccinelle
)

say() { echo "setup: $*"; }
die() { echo "setup: error: $*" >&2; exit 1; }

[ "${1:-}" = "--refresh" ] && REFRESH=1 || REFRESH=0

# The stamp is keyed on this script and the kernel release it installed,
# so editing the script (new package, new file) re-runs the slow path.
stamp_key() {
	echo "script $(sha256sum "$0" | cut -d' ' -f1)"
	echo "release $1"
}

packages() {
	echo build-essential "linux-headers-$1" qemu-system-x86 \
	     busybox-static cpio sparse xz-utils perl rsync
	# make lint's coccicheck; make check-debug builds a kernel.
	echo coccinelle flex bison bc libelf-dev libssl-dev
	# make check-alsa: alsa-utils for the guest, ALSA's kselftests' build.
	echo alsa-utils libasound2-dev pkg-config
	# make bench: the plot of the latency distributions.
	echo gnuplot-nox
}

pkg_installed() {
	[ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" = installed ]
}

cache_complete() {
	local rel=$1 f
	[ -s "$CACHE/vmlinuz-$rel" ] && [ -s "$CACHE/vmlinux-$rel" ] || return 1
	for f in "${SRC_FILES[@]}"; do
		[ -s "$CACHE/linux-source/$f" ] || return 1
	done
}

# Fast path: stamp matches and nothing it promised has gone away.
fast_path_ok() {
	local rel p
	[ -f "$STAMP" ] && [ -s "$RELFILE" ] || return 1
	rel=$(cat "$RELFILE")
	[ "$(stamp_key "$rel")" = "$(cat "$STAMP")" ] || return 1
	cache_complete "$rel" || return 1
	for p in $(packages "$rel"); do
		pkg_installed "$p" || return 1
	done
}

if [ "$REFRESH" = 0 ] && fast_path_ok; then
	say "up to date (kernel $(cat "$RELFILE"))"
	exit 0
fi

[ "$(id -u)" = 0 ] || die "must run as root to install packages (try: sudo $0)"
command -v apt-get >/dev/null || die "apt-get not found: a Debian system is required"

export DEBIAN_FRONTEND=noninteractive
APT_UPDATED=0
apt_update() {
	[ $APT_UPDATED = 1 ] && return
	say "apt-get update"
	apt-get update -qq -o DPkg::Lock::Timeout=600 || die "apt-get update failed"
	APT_UPDATED=1
}

# linux-image-amd64 -> linux-image-6.1.0-NN-amd64 -> 6.1.0-NN-amd64.
resolve_release() {
	apt-cache depends linux-image-amd64 2>/dev/null |
		sed -n 's/^ *Depends: linux-image-\([0-9][^ ]*\)$/\1/p' | head -n1
}

mkdir -p "$CACHE/debs"
# Keep a .gitignore in the cache too, in case the top one is edited away.
[ -f "$CACHE/.gitignore" ] || echo '*' >"$CACHE/.gitignore"

if [ "$REFRESH" = 0 ] && [ -s "$RELFILE" ]; then
	REL=$(cat "$RELFILE")
else
	REL=$(resolve_release)
	if [ -z "$REL" ]; then
		apt_update
		REL=$(resolve_release)
	fi
	[ -n "$REL" ] || die "cannot resolve the test kernel from linux-image-amd64"
fi
say "test kernel $REL"

missing=()
for p in $(packages "$REL"); do
	pkg_installed "$p" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	apt_update
	say "installing ${missing[*]}"
	# Quiet unless it fails: then show the end of apt's output.
	# Wait for another apt or dpkg run (unattended upgrades, a parallel
	# setup) instead of failing on its lock.
	apt-get install -y -q --no-install-recommends -o DPkg::Lock::Timeout=600 "${missing[@]}" \
		>"$CACHE/apt.log" 2>&1 ||
		{ tail -n 20 "$CACHE/apt.log" >&2; die "apt-get install ${missing[*]} failed"; }
fi

# Download a package's .deb into the cache unless it is already there.
# The sandbox user _apt cannot write into the repo, so download as root.
fetch_deb() {
	local pkg=$1 deb
	deb=$(ls "$CACHE/debs/${pkg}"_*.deb 2>/dev/null | tail -n1)
	if [ -z "$deb" ] || [ "$REFRESH" = 1 ]; then
		# Keep one version per package, so the one found is the one
		# downloaded.
		rm -f "$CACHE/debs/${pkg}"_*.deb
		say "downloading $pkg" >&2
		(cd "$CACHE/debs" && apt-get download -qq -o APT::Sandbox::User=root "$pkg") ||
			{ apt_update; (cd "$CACHE/debs" &&
			  apt-get download -qq -o APT::Sandbox::User=root "$pkg"); } ||
			die "apt-get download $pkg failed"
		deb=$(ls -t "$CACHE/debs/${pkg}"_*.deb | head -n1)
	fi
	echo "$deb"
}

# The kernel image: only vmlinuz, never installed into /boot. A refresh
# drops the images of older releases.
if [ "$REFRESH" = 1 ]; then
	rm -f "$CACHE"/vmlinu[xz]-*
fi
if [ ! -s "$CACHE/vmlinuz-$REL" ]; then
	deb=$(fetch_deb "linux-image-$REL")
	say "extracting vmlinuz-$REL"
	dpkg-deb --fsys-tarfile "$deb" |
		tar -xO "./boot/vmlinuz-$REL" >"$CACHE/vmlinuz-$REL.tmp" ||
		die "no boot/vmlinuz-$REL in $deb"
	mv "$CACHE/vmlinuz-$REL.tmp" "$CACHE/vmlinuz-$REL"
fi

# The uncompressed kernel, booted by QEMU through its PVH entry point:
# unpacking the xz payload under TCG costs seconds per boot, here it is
# done once. The payload is the xz stream inside the bzImage.
if [ ! -s "$CACHE/vmlinux-$REL" ]; then
	say "decompressing vmlinux-$REL"
	off=$(LC_ALL=C grep -abo $'\xfd7zXZ\x00' "$CACHE/vmlinuz-$REL" |
		cut -d: -f1) || die "no xz payload in vmlinuz-$REL"
	off=${off%%$'\n'*}
	# xz stops after the stream; no pipe, so tail cannot die of SIGPIPE.
	xz -dc --single-stream <(tail -c +$((off + 1)) "$CACHE/vmlinuz-$REL") \
		>"$CACHE/vmlinux-$REL.tmp" || die "cannot decompress vmlinuz-$REL"
	mv "$CACHE/vmlinux-$REL.tmp" "$CACHE/vmlinux-$REL"
fi

# The kernel source: only the files listed above, from the inner tarball.
if ! cache_complete "$REL" || [ "$REFRESH" = 1 ]; then
	series=$(echo "$REL" | cut -d. -f1,2)
	deb=$(fetch_deb "linux-source-$series")
	say "extracting kselftest and checkpatch from linux-source-$series"
	rm -rf "$CACHE/linux-source"
	mkdir -p "$CACHE/linux-source"
	dpkg-deb --fsys-tarfile "$deb" |
		tar -xO "./usr/src/linux-source-$series.tar.xz" |
		tar -xJ -C "$CACHE/linux-source" --strip-components=1 \
			"${SRC_FILES[@]/#/linux-source-$series/}" ||
		die "cannot extract the kernel source files from $deb"
fi

cache_complete "$REL" || die "cache incomplete after setup"
echo "$REL" >"$RELFILE"
stamp_key "$REL" >"$STAMP"
say "done (kernel $REL, cache $CACHE)"
