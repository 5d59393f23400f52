#!/bin/sh
# scripts/setup-debian.sh - install what building and testing shrew need on
# Debian 12, as root (`make setup`).  Safe to run again.
set -eu

pkgs="build-essential musl-tools dpkg-dev xz-utils file ca-certificates
	clang libclang-rt-14-dev libfuzzer-14-dev clang-format cppcheck
	libtomcrypt-dev libtommath-dev libcrypt-dev perl sshpass bsdutils
	putty-tools python3-paramiko
	openssh-client openssh-server dropbear-bin valgrind"

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
	# No package may start a service (openssh-server would start a system
	# sshd on every interface; the tests run their own on 127.0.0.1): a
	# policy-rc.d saying "not now", unless the machine already has one.
	guard=
	if [ ! -e /usr/sbin/policy-rc.d ]; then
		guard=1
		trap 'rm -f /usr/sbin/policy-rc.d' EXIT
		printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
		chmod 755 /usr/sbin/policy-rc.d
	fi
	# shellcheck disable=SC2086
	apt-get install -y -qq --no-install-recommends $missing >/dev/null
	if [ -n "$guard" ]; then
		rm -f /usr/sbin/policy-rc.d
		trap - EXIT
	fi
fi
# The source packages the embedded build compiles (also fetched by make).
"$(dirname "$0")/deps.sh" fetch
# Test tools newer than Debian 12's (ssh-audit), extracted into the cache;
# without them the tests that need them say SKIP.
"$(dirname "$0")/deps.sh" tools ||
	echo "setup: test tools not fetched; the checks that need them will skip" >&2
echo "setup: ready" >&2
