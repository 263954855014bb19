# mem-grep.py PID TEXT: how many times TEXT is in the writable memory of
# process PID (its heap, stacks, data), read through /proc/PID/mem, for
# tests that check a secret was wiped. Prints the count; "skip REASON"
# when the memory may not be read (consult makes itself undumpable: only
# a process with CAP_SYS_PTRACE, such as root, may read it); "error
# REASON" when the process is gone. Mappings over 1 GiB (the shadow of
# AddressSanitizer) are left out: no heap of consult is that large.
import re
import sys

CHUNK = 1 << 24
LARGEST = 1 << 30


def count_in(mem, start, end, text):
    """Occurrences of text in [start, end): read by chunks, each read with
    the last len(text) - 1 bytes before it (too short to hold a whole
    occurrence twice)."""
    n, pos, tail = 0, start, b""
    while pos < end:
        mem.seek(pos)
        data = tail + mem.read(min(CHUNK, end - pos))
        n += data.count(text)
        tail = data[len(data) - len(text) + 1:]
        pos += CHUNK
    return n


def main():
    pid, text = int(sys.argv[1]), sys.argv[2].encode()
    count = 0
    try:
        maps = open("/proc/%d/maps" % pid).read().splitlines()
        mem = open("/proc/%d/mem" % pid, "rb", 0)
    except PermissionError as e:
        print("skip cannot read the memory of %d: %s" % (pid, e.strerror))
        return
    except OSError as e:
        print("error %d: %s" % (pid, e.strerror))
        return
    for line in maps:
        m = re.match(r"([0-9a-f]+)-([0-9a-f]+) (\S+)", line)
        if not m or "w" not in m.group(3) or "r" not in m.group(3):
            continue
        start, end = int(m.group(1), 16), int(m.group(2), 16)
        if end - start > LARGEST:
            continue
        try:
            count += count_in(mem, start, end, text)
        except (OSError, ValueError, OverflowError):
            if line.endswith("[vvar]") or line.endswith("[vsyscall]"):
                continue
            print("error cannot read %s" % line)
            return
    print(count)


main()
