# tmux.sh: driving the curses front end through tmux, sourced after tap.sh
# by the tests that do. Each test sets SOCK to a server name of its own
# (other runs share the machine) and kills that server when it ends.

# T ARGS...: tmux on this test's server.
T() {
	tmux -L "$SOCK" "$@"
}

# screen: the pane's text in $TMP/screen.
screen() {
	T capture-pane -p >"$TMP/screen"
}

# wait_for TEXT [TENTHS]: until the screen shows TEXT, TENTHS tenths of a
# second at most (default WAIT_TENTHS, else 100); 0 if it did, else the
# screen as TAP comments and 1.
wait_for() {
	i=0
	while [ $i -lt "${2:-${WAIT_TENTHS:-100}}" ]; do
		screen
		grep -qF -- "$1" "$TMP/screen" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	echo "# waited for '$1'; screen:"
	sed 's/^/# /' "$TMP/screen"
	return 1
}

# expect_screen TEXT DESCRIPTION: a TAP check that the screen shows TEXT.
expect_screen() {
	wait_for "$1"
	ok $? "$2"
}
