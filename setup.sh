#!/bin/sh
# setup.sh: the README's first Quick start command: install the build
# dependencies (Debian/Ubuntu), bootstrap, configure, build, start the demo.
# --no-demo stops after the build (CI).
set -e
cd "$(dirname "$0")"
demo=yes
[ "${1:-}" = "--no-demo" ] && demo=no

SUDO=
[ "$(id -u)" -eq 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends \
	build-essential autoconf automake pkg-config \
	libncurses-dev libsodium-dev libcsv-dev libcriterion-dev gettext \
	libzip-dev libexpat1-dev \
	tmux python3 python3-pyte groff-base >/dev/null

./autogen.sh
./configure --enable-werror
make -j"$(nproc)"

[ "$demo" = yes ] || exit 0
exec ./consult demo
