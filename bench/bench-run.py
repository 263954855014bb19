#!/usr/bin/python3
# bench-run.py CONSULT FORM: bytes that "consult run" sends to an 80x24
# terminal (TERM=xterm-256color, in a pty) for one whole response of the
# bundled consultation, in curses and in plain mode: total, first screen,
# per key (median, max), and the seconds it takes at 9600 bit/s. Plain
# mode prints the text a participant reads and nothing else, so its total
# is the baseline for "the bytes of the text it shows".
import os, pty, select, statistics, struct, subprocess, sys, tempfile
import fcntl, termios

CURSES_KEYS = ["\r", " \r", "1\r", "1\r", "1\r", "40\r", "Acme\r", "3", "5",
    "d", "f", "6", "\r", "\r", "5\r", "4\r", "3\r", "2\r", "1\r",
    "A proposal\ron two lines\x04", "\r", "5\r", "4\r", "\r", "\r", "\r",
    "\r", "1", "2", "\r", "\x04", "1\r", "Jane\r", "jane@example.org\r",
    "120\r", "\r", "\x1b[B", "\x1b[B", "\x1b[A", "s", "y", "\r"]
PLAIN_LINES = ["", "ok", "1", "1", "1", "40", "Acme", "3 5 13 15 6", "", "5",
    "4", "3", "2", "1", "A proposal", "on two lines", ".", "", "5", "4", "",
    "", "", "", "1 2", "", "1", "Jane", "jane@example.org", "120", "", "y"]


def drain(fd, wait):
    data = b""
    while True:
        r, _, _ = select.select([fd], [], [], wait)
        if not r:
            return data
        try:
            d = os.read(fd, 65536)
        except OSError:
            return data
        if not d:
            return data
        data += d
        wait = 0.15


def measure(consult, vault, mode):
    pid, fd = pty.fork()
    if pid == 0:
        env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8")
        args = [consult, "run", vault] + (["--plain"] if mode == "plain" else [])
        # Peak RSS by /usr/bin/time, a small process: the high-water mark
        # survives exec, so a fork of this Python would count its own.
        args = ["/usr/bin/time", "-f", "%M", "-o", vault + ".rss"] + args
        os.execve(args[0], args, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    first = drain(fd, 1.5)
    per, out = [], first
    if mode == "plain":
        seq = [line + "\r" for line in PLAIN_LINES]
    else:
        seq = []
        for k in CURSES_KEYS:	# a typed word: one keystroke at a time
            if len(k) > 1 and not k.startswith("\x1b") and k.endswith("\r"):
                seq.extend(k)
            else:
                seq.append(k)
    for k in seq:
        os.write(fd, k.encode())
        d = drain(fd, 0.25)
        per.append(len(d))
        out += d
    out += drain(fd, 0.5)
    os.waitpid(pid, 0)
    with open(vault + ".rss") as f:
        measure.rss = int(f.read().split()[-1])
    return first, per, out


def main():
    consult, form = sys.argv[1], sys.argv[2]
    tmp = tempfile.mkdtemp(prefix="consult-bench-run.")
    with open(tmp + "/pass", "w") as f:
        f.write("bench-run passphrase\n")
    subprocess.run([consult, "keygen", "-o", tmp + "/k", "--passphrase-file",
        tmp + "/pass"], check=True, stdout=subprocess.DEVNULL)
    results = {}
    for mode in ("curses", "plain"):
        vault = "%s/%s" % (tmp, mode)
        subprocess.run([consult, "init", vault, "--form", form, "--pubkey",
            tmp + "/k.pub"], check=True, stdout=subprocess.DEVNULL)
        first, per, out = measure(consult, vault, mode)
        status = subprocess.run([consult, "status", vault],
            capture_output=True, text=True).stdout
        submitted = "responses     1" in status or " 1 response" in status \
            or b"Receipt" in out or b"eceipt" in out
        results[mode] = (first, per, out)
        print("%-6s first screen %5d B  keys %3d  per key median %4d B  "
              "max %5d B  total %6d B  %5.1f s at 9600 bit/s  %s  "
              "peak RSS %d KiB" % (mode,
              len(first), len(per), statistics.median(per), max(per),
              len(out), len(out) * 10 / 9600,
              "submitted" if submitted else "NOT SUBMITTED", measure.rss))
    ratio = len(results["curses"][2]) / len(results["plain"][2])
    print("curses total / text shown (plain total): %.2f (target < 3)" % ratio)
    print("targets: first screen < 1200 B, median per key < 64 B")
    subprocess.run(["rm", "-rf", tmp])


main()
