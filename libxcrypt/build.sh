#!/bin/sh
# libxcrypt/build.sh - build a trimmed, static libxcrypt (crypt(3)) for the
# embedded (musl) build, from Debian's unpacked source package.
#
#   SRC=.../libxcrypt-4.4.33 OUT=build/xcrypt CC=musl-gcc [HOST=triplet] \
#       [AR=...] [EXTRA_CFLAGS=...] libxcrypt/build.sh
#
# Installs $OUT/lib/libcrypt.a and $OUT/include/crypt.h.  Hashes: md5crypt
# ($1$), sha256crypt ($5$), sha512crypt ($6$), yescrypt ($y$); nothing else.
#
# No configure: Debian's orig tarball is a git snapshot without a generated
# configure script, and running autoreconf would need autoconf, automake and
# libtool.  Instead this script writes the config.h that upstream's configure
# produces for a musl target with the options
#
#   --enable-hashes=md5crypt,sha256crypt,sha512crypt,yescrypt
#   --disable-obsolete-api --enable-static --disable-shared
#   --disable-xcrypt-compat-files   (failure tokens left ON, the default)
#
# generates crypt.h, crypt-hashes.h and crypt-symbol-vers.h with upstream's
# own perl scripts, and compiles upstream's libcrypt source list.  Build
# tools needed (apt packages): a C compiler (musl-tools, or a cross gcc),
# binutils (ar; or HOST-ar for a cross build), perl (already required by
# dpkg-dev, which scripts/deps.sh needs for dpkg-source).
#
# Failure tokens: crypt() / crypt_r() never return NULL.  For a setting
# with an unknown or disabled prefix ($2b$, $7$, $gy$, DES, "*", "!", "")
# they return "*0" (or "*1" if the setting itself starts with "*0"), which
# can never equal the setting.  This is upstream's and Debian's default, so
# the static build and the distro build (system -lcrypt) behave the same.
#
# Quiet on success; on failure prints the tail of $OUT/build.log.  Always
# rebuilds from scratch in $OUT/scratch (a few seconds) and reinstalls, so
# running it twice gives the same result and a fresh libcrypt.a timestamp.
# shellcheck disable=SC2086  # $CC, flags and $shim split into words on purpose
set -eu

HASHES=md5crypt,sha256crypt,sha512crypt,yescrypt
: "${SRC:?SRC (unpacked libxcrypt source) is not set}"
: "${OUT:?OUT (output dir) is not set}"
: "${CC:?CC is not set}"
HOST=${HOST:-}
EXTRA_CFLAGS=${EXTRA_CFLAGS:-}
CFLAGS_XC="-Os -ffunction-sections -fdata-sections"

if [ -z "${AR:-}" ]; then
	AR="ar"
	if [ -n "$HOST" ] && command -v "$HOST-ar" >/dev/null 2>&1; then
		AR=$HOST-ar
	fi
fi

if [ ! -f "$SRC/lib/crypt.c" ] || [ ! -f "$SRC/Makefile.am" ]; then
	echo "xcrypt: $SRC is not an unpacked libxcrypt source tree" >&2
	exit 1
fi
SRC=$(cd "$SRC" && pwd)
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
LOG=$OUT/build.log
W=$OUT/scratch
: > "$LOG"

fail() {
	echo "xcrypt: build failed: $*" >&2
	echo "xcrypt: last lines of $LOG:" >&2
	tail -n 30 "$LOG" >&2
	exit 1
}

run() { # log and run a command; output goes to the log
	echo "+ $*" >> "$LOG"
	"$@" >> "$LOG" 2>&1 || fail "$1 exited $?"
}

command -v perl >/dev/null 2>&1 || fail "perl not found (apt-get install perl)"
command -v "$AR" >/dev/null 2>&1 || fail "$AR not found (apt-get install binutils)"

rm -rf "$W"
mkdir -p "$W/lib" "$W/shim/linux"
S=$SRC/build-aux/scripts

version=$(sed -n '/^AC_INIT(\[xcrypt\],/{n;s/^[^0-9]*\([0-9][0-9.]*\).*/\1/p;}' \
	"$SRC/configure.ac")
case "$version" in
[0-9]*.[0-9]*.[0-9]*) ;;
*) fail "cannot read the version from $SRC/configure.ac" ;;
esac

# Does the compiler have kernel headers?  Debian's musl-gcc does not, and
# alg-yescrypt-platform.c includes <linux/mman.h> only for MAP_HUGE_2MB,
# which musl's <sys/mman.h> already defines.
if printf '#include <linux/mman.h>\n' | $CC -E -x c - >/dev/null 2>&1; then
	shim=
else
	printf '/* shim: musl <sys/mman.h> defines MAP_HUGE_2MB */\n#include <sys/mman.h>\n' \
		> "$W/shim/linux/mman.h"
	shim="-I$W/shim"
fi

# config.h: what upstream's configure writes for musl (Linux, any CPU: byte
# order comes from <endian.h> at compile time), trimmed to what lib/ reads.
cat > "$W/config.h" <<EOF
/* Written by shrew's libxcrypt/build.sh; equivalent to configure's for musl. */
#ifndef _CRYPT_CONFIG_H
#define _CRYPT_CONFIG_H 1
#define PACKAGE_VERSION "$version"
#define ENABLE_FAILURE_TOKENS 1
#define ENABLE_OBSOLETE_API 0
#define ENABLE_OBSOLETE_API_ENOSYS 0
#define ENDIANNESS_IS_BIG (BYTE_ORDER == BIG_ENDIAN)
#define ENDIANNESS_IS_LITTLE (BYTE_ORDER == LITTLE_ENDIAN)
#define ENDIANNESS_IS_PDP (BYTE_ORDER == PDP_ENDIAN)
#define HAVE_ENDIAN_H 1
#define HAVE_EXPLICIT_BZERO 1
#define HAVE_FCNTL_H 1
#define HAVE_GETENTROPY 1
#define HAVE_GETRANDOM 1
#define HAVE_MAX_ALIGN_T 1
#define HAVE_STATIC_ASSERT_IN_ASSERT_H 1
#define HAVE_SYSCALL 1
#define HAVE_SYS_PARAM_H 1
#define HAVE_SYS_RANDOM_H 1
#define HAVE_SYS_STAT_H 1
#define HAVE_SYS_SYSCALL_H 1
#define HAVE_SYS_TYPES_H 1
#define HAVE_UNISTD_H 1
#define SYMVER_FLOOR XCRYPT_2.0
#ifndef _GNU_SOURCE
# define _GNU_SOURCE 1
#endif
#define alignas(n) _Alignas(n)
#define alignof(thing) _Alignof(thing)
#endif
EOF

# Generated headers, with upstream's scripts and the same arguments as
# upstream's Makefile (static library: no symbol versions).
enabled=$(LC_ALL=C perl "$S/expand-selected-hashes" "$SRC/lib/hashes.conf" "$HASHES" 2>>"$LOG") ||
	fail "expand-selected-hashes rejected $HASHES"
[ "$enabled" = ",$HASHES," ] || fail "unexpected hash set '$enabled'"
gen() { # output script args...
	o=$1; shift
	echo "+ perl $* > $o" >> "$LOG"
	LC_ALL=C perl "$@" > "$W/$o.T" 2>>"$LOG" || fail "generating $o"
	mv "$W/$o.T" "$W/$o"
}
gen crypt-hashes.h "$S/gen-crypt-hashes-h" "$SRC/lib/hashes.conf" "$enabled"
gen crypt-symbol-vers.h "$S/gen-crypt-symbol-vers-h" no \
	SYMVER_MIN=XCRYPT_2.0 SYMVER_FLOOR=XCRYPT_2.0 COMPAT_ABI=no \
	"$SRC/lib/libcrypt.map.in"
gen crypt.h "$S/gen-crypt-h" "$SRC/lib/crypt.h.in" "$W/config.h" \
	"$SRC/lib/hashes.conf" "$enabled"

# The library's sources: upstream's list (libcrypt_la_SOURCES in
# Makefile.am).  Files for hashes we leave out compile to nothing.
srcs=$(awk '/^libcrypt_la_SOURCES[ \t]*=/ { f = 1; next }
	f && /^[ \t]*$/ { exit }
	f { for (i = 1; i <= NF; i++) if ($i ~ /^lib\/.*\.c$/) print $i }' "$SRC/Makefile.am")
[ -n "$srcs" ] || fail "no libcrypt_la_SOURCES in $SRC/Makefile.am"

objs=
for f in $srcs; do
	o=$W/lib/$(basename "$f" .c).o
	run $CC $CFLAGS_XC $EXTRA_CFLAGS -DHAVE_CONFIG_H -DIN_LIBCRYPT \
		-I"$W" $shim -I"$SRC" -I"$SRC/lib" -c "$SRC/$f" -o "$o"
	objs="$objs $o"
done
run rm -f "$W/libcrypt.a"
run "$AR" rcs "$W/libcrypt.a" $objs

# A quick link check: crypt and crypt_r must come from this archive.
# shellcheck disable=SC2016
printf '#include <crypt.h>\nint main(void){return !crypt_r("", "$1$", &(struct crypt_data){0});}\n' \
	> "$W/probe.c"
run $CC $EXTRA_CFLAGS -I"$W" -c "$W/probe.c" -o "$W/probe.o"
run $CC $EXTRA_CFLAGS -static -o "$W/probe" "$W/probe.o" "$W/libcrypt.a"

mkdir -p "$OUT/lib" "$OUT/include"
cp "$W/crypt.h" "$OUT/include/crypt.h.tmp" && mv "$OUT/include/crypt.h.tmp" "$OUT/include/crypt.h"
cp "$W/libcrypt.a" "$OUT/lib/libcrypt.a.tmp" && mv "$OUT/lib/libcrypt.a.tmp" "$OUT/lib/libcrypt.a"
rm -rf "$W"
echo "xcrypt: ok ($version, $HASHES)" >> "$LOG"
