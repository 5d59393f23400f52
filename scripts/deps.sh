#!/bin/sh
# scripts/deps.sh - fetch, verify and unpack the Debian source packages the
# embedded build compiles (pinned in scripts/deps.lock).
#
#   deps.sh fetch              download into $SHREW_CACHE/src, verify SHA-256
#   deps.sh unpack PKG DESTDIR unpack PKG (with Debian's patches applied,
#                              via dpkg-source) into DESTDIR/PKG-UPSTREAMVER
#   deps.sh tools              download the pinned test tools (.deb lines)
#                              into $SHREW_CACHE/deb, verify, and extract
#                              each into $SHREW_CACHE/tools/PKG-VERSION
#   deps.sh tooldir PKG        print that directory; status 1 when the tool
#                              is not fetched or its .deb fails the pin
#
# Downloads are cached outside the work tree (SHREW_CACHE, default
# /var/cache/shrew) and checked against the pins on every use; a mismatch
# is an error, never a warning.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
lock="$here/deps.lock"
cache="${SHREW_CACHE:-/var/cache/shrew}/src"
debcache="${SHREW_CACHE:-/var/cache/shrew}/deb"
toolcache="${SHREW_CACHE:-/var/cache/shrew}/tools"
pool=http://deb.debian.org/debian/pool/main
srcfile=/etc/apt/sources.list.d/shrew-src.sources

die() { echo "deps: $*" >&2; exit 1; }

# Source package pins; debs: the binary .deb pins of the test tools.
pins() { grep -v '^#' "$lock" | grep -v '^$' | awk '$3 !~ /\.deb$/'; }
debs() { grep -v '^#' "$lock" | grep -v '^$' | awk '$3 ~ /\.deb$/'; }

verify_one() { # file sha256 -> 0 if present and matching
	[ -f "$cache/$1" ] && echo "$2  $cache/$1" | sha256sum -c --status -
}

missing() { # prints "pkg=version" for each package with a bad/missing file
	pins | while read -r pkg ver file sum; do
		verify_one "$file" "$sum" || echo "$pkg=$ver"
	done | sort -u
}

enable_deb_src() {
	grep -rqs '^Types:.*deb-src' /etc/apt/sources.list.d/ && return 0
	grep -qs '^deb-src ' /etc/apt/sources.list && return 0
	[ "$(id -u)" = 0 ] || die "no deb-src entry in apt sources; as root, run: make deps"
	echo "deps: enabling Debian source packages in $srcfile" >&2
	cat > "$srcfile" <<EOS
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOS
	apt-get update -qq || die "apt-get update failed: is Debian's package registry reachable?"
}

fetch() {
	need=$(missing)
	[ -z "$need" ] && return 0
	command -v apt-get >/dev/null || die "cache $cache lacks: $need, and apt-get is not available"
	command -v dpkg-source >/dev/null || die "dpkg-source missing: apt-get install dpkg-dev"
	enable_deb_src
	mkdir -p "$cache"
	for pv in $need; do
		echo "deps: fetching $pv" >&2
		if ! (cd "$cache" && apt-get source -qq --download-only "$pv" >/dev/null 2>&1); then
			apt-get update -qq >/dev/null 2>&1 || true
			(cd "$cache" && apt-get source -qq --download-only "$pv" >/dev/null 2>&1) ||
				die "cannot download $pv: the cache ($cache) is empty and Debian's registry did not answer"
		fi
	done
	pins | while read -r pkg ver file sum; do
		verify_one "$file" "$sum" || die "$file: SHA-256 does not match the pin in scripts/deps.lock"
	done
}

unpack() { # pkg destdir
	pkg=$1 dest=$2
	fetch
	dsc=$(pins | awk -v p="$pkg" '$1 == p && $3 ~ /\.dsc$/ { print $3 }')
	[ -n "$dsc" ] || die "unknown package $pkg"
	upver=$(pins | awk -v p="$pkg" '$1 == p && $3 ~ /orig/ { print $3 }' |
		sed -e "s/^${pkg}_//" -e 's/\.orig\.tar\..*//')
	out="$dest/$pkg-$upver"
	stamp="$out/.shrew-unpacked"
	[ -f "$stamp" ] && return 0
	rm -rf "$out"
	mkdir -p "$dest"
	# Checksums were verified above against our pins; --no-check skips the
	# keyring signature check, which needs debian-keyring installed.
	dpkg-source --no-check -x "$cache/$dsc" "$out" >/dev/null ||
		die "dpkg-source failed to unpack $dsc"
	touch "$stamp"
}

deb_ok() { # file sha256 -> 0 if present in the cache and matching
	[ -f "$debcache/$1" ] && echo "$2  $debcache/$1" | sha256sum -c --status -
}

tools() {
	debs | while read -r pkg ver file sum; do
		out="$toolcache/$pkg-$ver"
		if ! deb_ok "$file" "$sum"; then
			case $pkg in lib?*) dir=$(echo "$pkg" | cut -c1-4) ;; *) dir=$(echo "$pkg" | cut -c1) ;; esac
			echo "deps: fetching $file" >&2
			mkdir -p "$debcache"
			rm -f "$debcache/$file"
			# apt's own downloader, checking the pinned hash as it goes.
			/usr/lib/apt/apt-helper -o APT::Sandbox::User=root download-file \
				"$pool/$dir/$pkg/$file" "$debcache/$file" "SHA256:$sum" >/dev/null ||
				die "cannot download $file from Debian's pool"
			deb_ok "$file" "$sum" || die "$file: SHA-256 does not match the pin in scripts/deps.lock"
			rm -rf "$out"
		fi
		[ -f "$out/.shrew-unpacked" ] && continue
		rm -rf "$out"
		mkdir -p "$out"
		dpkg-deb -x "$debcache/$file" "$out" || die "dpkg-deb failed to extract $file"
		touch "$out/.shrew-unpacked"
	done
}

tooldir() { # pkg
	line=$(debs | awk -v p="$1" '$1 == p')
	[ -n "$line" ] || die "no pinned tool $1"
	set -- $line
	deb_ok "$3" "$4" && [ -f "$toolcache/$1-$2/.shrew-unpacked" ] || return 1
	echo "$toolcache/$1-$2"
}

case "${1:-}" in
fetch) fetch ;;
unpack) [ $# = 3 ] || die "usage: deps.sh unpack PKG DESTDIR"; unpack "$2" "$3" ;;
tools) tools ;;
tooldir) [ $# = 2 ] || die "usage: deps.sh tooldir PKG"; tooldir "$2" ;;
*) die "usage: deps.sh fetch | unpack PKG DESTDIR | tools | tooldir PKG" ;;
esac
