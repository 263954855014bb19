# keygen-pty.py: drive `consult keygen` on a pseudo-terminal, as a person
# would, for tests/app/test-keygen.sh. Prints everything the terminal
# showed (plus notes in brackets) and exits with consult's status.
#
#   keygen-pty.py CONSULT NAME twice PASS1 PASS2
#   keygen-pty.py CONSULT NAME interrupt   ^C at the prompt, under a shell
#                                          that then runs stty -a
#   keygen-pty.py CONSULT NAME stop PASS   ^Z at the prompt, note the
#                                          terminal's echo while stopped,
#                                          continue, answer twice
import os
import pty
import select
import signal
import sys
import termios
import time

LIMIT = 30


def job_control(argv):
    """In the pty's session: run argv as a foreground job and, like a
    shell, note each stop (with the terminal's echo) and continue it."""
    pid = os.fork()
    if pid == 0:
        os.setpgid(0, 0)
        signal.signal(signal.SIGTTOU, signal.SIG_IGN)
        os.tcsetpgrp(0, os.getpid())
        signal.signal(signal.SIGTTOU, signal.SIG_DFL)
        os.execv(argv[0], argv)
    signal.signal(signal.SIGTTOU, signal.SIG_IGN)
    while True:
        _, st = os.waitpid(pid, os.WUNTRACED)
        if os.WIFSTOPPED(st):
            os.tcsetpgrp(0, os.getpgrp())
            echo = termios.tcgetattr(0)[3] & termios.ECHO
            os.write(1, b"\n[stopped; echo %s]\n" % (b"on" if echo
                                                    else b"off"))
            os.tcsetpgrp(0, pid)
            os.killpg(pid, signal.SIGCONT)
            continue
        os._exit(os.WEXITSTATUS(st) if os.WIFEXITED(st) else 128)


def main():
    consult, name, mode = sys.argv[1:4]
    words = sys.argv[4:]
    argv = [consult, "keygen", "-o", name]
    pid, fd = pty.fork()
    if pid == 0:
        if mode == "interrupt":
            os.execv("/bin/sh", ["sh", "-c", 'trap : INT; "$0" "$@"; '
                                 'echo "status=$?"; stty -a'] + argv)
        if mode == "stop":
            job_control(argv)
        os.execv(consult, argv)
    seen = b""
    end = time.time() + LIMIT

    def until(word, count=1):
        nonlocal seen
        while seen.count(word) < count and time.time() < end:
            if not select.select([fd], [], [], 0.2)[0]:
                continue
            try:
                data = os.read(fd, 4096)
            except OSError:
                return
            if not data:
                return
            seen += data

    until(b"New passphrase: ")
    if mode == "twice":
        with open("/proc/%d/limits" % pid) as f:
            seen += b"\n" + b"".join(line.encode() for line in f
                                     if line.startswith("Max core"))
        os.write(fd, words[0].encode() + b"\n")
        until(b"again: ")
        os.write(fd, words[1].encode() + b"\n")
    elif mode == "interrupt":
        os.write(fd, b"\x03")
    elif mode == "stop":
        os.write(fd, b"\x1a")
        until(b"[stopped; echo ")
        until(b"New passphrase: ", 2)
        os.write(fd, words[0].encode() + b"\n")
        until(b"again: ")
        os.write(fd, words[0].encode() + b"\n")
    until(b"\0")                        # until the end
    done, st = os.waitpid(pid, os.WNOHANG)
    if done == 0:
        seen += b"\n[killed after %d s]\n" % LIMIT
        os.killpg(pid, signal.SIGKILL)
        _, st = os.waitpid(pid, 0)
    sys.stdout.write(seen.decode(errors="replace"))
    sys.exit(os.WEXITSTATUS(st) if os.WIFEXITED(st) else 128)


main()
