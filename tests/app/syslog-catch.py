#!/usr/bin/python3
# syslog-catch.py SOCKET FILE SECONDS: bind a datagram socket where
# syslog(3) writes (/dev/log in a private mount namespace), append each
# message received to FILE, one a line, for SECONDS at most.
import os, socket, sys, time

path, out, secs = sys.argv[1], sys.argv[2], float(sys.argv[3])
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(path)
os.chmod(path, 0o666)
with open(out + ".ready", "w"):
    pass
end = time.time() + secs
with open(out, "ab", buffering=0) as f:
    while time.time() < end:
        s.settimeout(max(0.1, end - time.time()))
        try:
            data = s.recv(8192)
        except socket.timeout:
            break
        f.write(data.rstrip(b"\0\n") + b"\n")
