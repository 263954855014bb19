#!/bin/sh
# test-ssh.sh: consult run as the README's SSH forced command, through a
# private sshd on a loopback port (tests/ssh/test-ssh.py does the work).
: "${CONSULT:=./consult}"
: "${srcdir:=.}"
if [ ! -x /usr/bin/python3 ]; then
	echo "1..0 # SKIP python3 missing"
	exit 0
fi
exec /usr/bin/python3 "$srcdir/tests/ssh/test-ssh.py" "$CONSULT" "$srcdir"
