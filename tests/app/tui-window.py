# tui-window.py: "consult run" on a pseudo-terminal whose window claims a
# huge size, for tests/app/test-tui-keys.sh. Starts it at ROWSxCOLS,
# waits for TEXT1, shrinks the window to 80x24, waits for TEXT2, answers
# the first questions by KEYS, then prints one line per step ("ok NAME" or
# "not ok NAME") and the peak resident memory: "peak KIB".
#
#   tui-window.py CONSULT VAULT ROWS COLS TEXT1 TEXT2 KEYS TEXT3
import fcntl
import os
import pty
import select
import signal
import struct
import sys
import termios
import time


def resize(fd, rows, cols):
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))


def wait_for(fd, seen, text, limit=15):
    """Read the terminal until text shows (limit seconds); 1 if it did."""
    end = time.time() + limit
    while time.time() < end:
        if text.encode() in seen[0]:
            return 1
        r, _, _ = select.select([fd], [], [], 0.2)
        if r:
            try:
                d = os.read(fd, 1 << 20)
            except OSError:
                return 0
            if not d:
                return 0
            seen[0] += d
    return text.encode() in seen[0]


def peak_kib(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return -1


def main():
    consult, vault, rows, cols, text1, text2, keys, text3 = sys.argv[1:9]
    pid, fd = pty.fork()
    if pid == 0:
        env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8")
        for v in ("LINES", "COLUMNS", "LANGUAGE", "LC_ALL", "LC_MESSAGES"):
            env.pop(v, None)
        os.execve(consult, [consult, "run", vault], env)
    resize(fd, int(rows), int(cols))
    seen = [b""]
    res = []
    res.append(("big window: " + text1, wait_for(fd, seen, text1)))
    os.write(fd, b"\r")    # ignored: nothing is answered unseen
    time.sleep(0.3)
    seen[0] = b""
    resize(fd, 24, 80)
    os.kill(pid, signal.SIGWINCH)
    res.append(("80x24: " + text2, wait_for(fd, seen, text2)))
    seen[0] = b""
    os.write(fd, keys.encode())
    res.append(("answers: " + text3, wait_for(fd, seen, text3)))
    peak = peak_kib(pid)
    os.kill(pid, signal.SIGTERM)
    os.waitpid(pid, 0)
    for name, good in res:
        print(("ok " if good else "not ok ") + name)
    print("peak %d" % peak)


main()
