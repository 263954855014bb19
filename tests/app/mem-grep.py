# mem-grep.py PID TEXT: how many times TEXT is in the writable memory of
# process PID (its heap, stacks, data), read through /proc/PID/mem, for
# tests that check a secret was wiped. Prints the count, or "skip REASON"
# when the memory cannot be read (consult makes itself undumpable: only a
# process with CAP_SYS_PTRACE, such as root, may read it).
import re
import sys


def main():
    pid, text = int(sys.argv[1]), sys.argv[2].encode()
    count = 0
    try:
        maps = open("/proc/%d/maps" % pid).read().splitlines()
        mem = open("/proc/%d/mem" % pid, "rb", 0)
    except OSError as e:
        print("skip cannot read the memory of %d: %s" % (pid, e.strerror))
        return
    for line in maps:
        m = re.match(r"([0-9a-f]+)-([0-9a-f]+) (\S+)", line)
        if not m or "w" not in m.group(3) or "r" not in m.group(3):
            continue
        start, end = int(m.group(1), 16), int(m.group(2), 16)
        try:
            mem.seek(start)
            data = mem.read(end - start)
        except (OSError, ValueError, OverflowError) as e:
            if line.endswith("[vvar]") or line.endswith("[vsyscall]"):
                continue
            print("skip cannot read %s: %s" % (line, e))
            return
        count += data.count(text)
    print(count)


main()
