#!/bin/sh
# scripts/setup-debian.sh - install what building and testing shrew need on
# Debian 12, as root (`make setup`).  Safe to run again.
set -eu

pkgs="build-essential musl-tools dpkg-dev xz-utils file ca-certificates
	clang libclang-rt-14-dev libfuzzer-14-dev clang-format cppcheck
	libtomcrypt-dev libtommath-dev libcrypt-dev perl sshpass bsdutils
	putty-tools python3-paramiko
	openssh-client dropbear-bin valgrind"

if [ "$(id -u)" != 0 ]; then
	echo "setup: run as root (apt-get install needs it)" >&2
	exit 1
fi
missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing="$missing $p"
done
if [ -n "$missing" ]; then
	echo "setup: installing$missing" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	# shellcheck disable=SC2086
	apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
# The source packages the embedded build compiles (also fetched by make).
"$(dirname "$0")/deps.sh" fetch
# Test tools newer than Debian 12's (ssh-audit), extracted into the cache;
# without them the tests that need them say SKIP.
"$(dirname "$0")/deps.sh" tools ||
	echo "setup: test tools not fetched; the checks that need them will skip" >&2
echo "setup: ready" >&2
