#!/usr/bin/python3
# test-ssh.py CONSULT SRCDIR: "consult run" as the README's SSH forced
# command, through a real, private sshd (Debian's openssh-server) on a
# random loopback port, with its own host key and config, the README's
# sshd block read from README.md (names and paths substituted, nothing
# else), and a test account made for the run and deleted after it.
# Prints TAP. Cleans up by PID (sshd, clients) and removes the account.
import importlib.util, os, pwd, re, resource, shutil, signal, socket
import subprocess, sys, tempfile, time

CONSULT, SRCDIR = os.path.abspath(sys.argv[1]), sys.argv[2]
SSHD, SSH = "/usr/sbin/sshd", "/usr/bin/ssh"
# AddressSanitizer reserves terabytes of address space: no RLIMIT_AS.
LIMITED = b"__asan_init" not in open(CONSULT, "rb").read()
n_tests, n_failed = 0, 0
cleanup_pids = []


def ok(cond, what, detail=""):
    global n_tests, n_failed
    n_tests += 1
    if not cond:
        n_failed += 1
        for line in str(detail).rstrip().splitlines()[-30:]:
            print("# " + line)
    print("%sok %d - %s" % ("" if cond else "not ", n_tests, what))
    sys.stdout.flush()


def skip(why):
    global n_tests
    n_tests += 1
    print("ok %d # SKIP %s" % (n_tests, why))


def skip_all(why):
    print("1..0 # SKIP " + why)
    sys.exit(0)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def readme_block():
    """The README's sshd block, unindented, as it is."""
    with open(os.path.join(SRCDIR, "README.md")) as f:
        lines = f.read().split("\n")
    start = lines.index("    # /etc/ssh/sshd_config.d/consult.conf")
    block = []
    for line in lines[start:]:
        if line and not line.startswith("    "):
            break
        block.append(line[4:])
    while block and block[-1] == "":
        block.pop()
    return "\n".join(block) + "\n"


def load_bench():
    """The key sequences of bench/bench-run.py: one whole response."""
    path = os.path.join(SRCDIR, "bench", "bench-run.py")
    src = open(path).read().replace("\nmain()\n", "\n")
    ns = {}
    exec(compile(src, path, "exec"), ns)
    return ns["CURSES_KEYS"], ns["PLAIN_LINES"]


class Server:
    def __init__(self, tmp, user):
        self.tmp, self.user = tmp, user
        self.port = free_port()
        self.key = os.path.join(tmp, "client", "id")
        self.proc = None

    def ssh_args(self, *extra, tty=False):
        return [SSH, "-F", "/dev/null", "-p", str(self.port), "-i", self.key,
                "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes",
                "-o", "StrictHostKeyChecking=no", "-o", "LogLevel=ERROR",
                "-o", "UserKnownHostsFile=/dev/null"] + \
            (["-tt"] if tty else ["-T"]) + list(extra) + \
            ["%s@127.0.0.1" % self.user]

    def run(self, lines, *extra, command=None, env=None, timeout=60):
        """ssh without a terminal: plain mode, lines on stdin."""
        args = self.ssh_args(*extra) + ([command] if command else [])
        p = subprocess.Popen(args, stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             env=env)
        cleanup_pids.append(p.pid)
        try:
            out, err = p.communicate(("\n".join(lines) + "\n").encode(),
                                     timeout=timeout)
        except subprocess.TimeoutExpired:
            p.kill()
            out, err = p.communicate()
        cleanup_pids.remove(p.pid)
        return p.returncode, out.decode(errors="replace"), \
            err.decode(errors="replace")


def status_of(vault):
    r = subprocess.run([CONSULT, "status", vault], capture_output=True,
                       text=True)
    m = re.search(r"responses +(\d+)", r.stdout)
    d = re.search(r"drafts +(\d+)", r.stdout)
    return (int(m.group(1)) if m else -1, int(d.group(1)) if d else -1)


def spawn_tty(srv, term="xterm", rows=24, cols=80, env_extra=None,
              sendenv=None):
    import pexpect
    env = dict(os.environ, TERM=term)
    env.update(env_extra or {})
    extra = []
    for name in sendenv or []:
        extra += ["-o", "SendEnv=" + name]
    args = srv.ssh_args(*extra, tty=True)
    child = pexpect.spawn(args[0], args[1:], env=env, dimensions=(rows, cols),
                          timeout=20)
    child.rows, child.cols = rows, cols
    cleanup_pids.append(child.pid)
    return child


def close_tty(child):
    try:
        child.close(force=True)
    except Exception:
        pass
    if child.pid in cleanup_pids:
        cleanup_pids.remove(child.pid)


def send_keys(child, keys, pause=0.06):
    for k in keys:
        if len(k) > 1 and not k.startswith("\x1b") and k.endswith("\r"):
            for c in k:
                child.send(c)
                time.sleep(pause)
        else:
            child.send(k)
        time.sleep(pause)
        pump(child, 0.05)


def screen_of(child):
    """A pyte screen fed with everything the child sends: curses draws
    only what changes, so the words are looked for on the screen."""
    if not hasattr(child, "screen"):
        import pyte
        child.screen = pyte.Screen(child.cols, child.rows)
        child.stream = pyte.ByteStream(child.screen)
    return child.screen


def pump(child, wait=0.1):
    try:
        data = child.read_nonblocking(1 << 16, timeout=wait)
    except Exception:
        return False
    child.raw = getattr(child, "raw", b"") + data
    if child.cols <= 1000:
        screen_of(child)
        child.stream.feed(data)
    return True


def wait_for(child, pattern, timeout=15):
    """Wait until pattern is on the screen (or in the raw bytes of a
    window too large to emulate); child.match holds the match."""
    end = time.time() + timeout
    rx = re.compile(pattern)
    while time.time() < end:
        pump(child)
        if child.cols <= 1000:
            text = "\n".join(screen_of(child).display)
        else:
            text = getattr(child, "raw", b"")[-20000:].decode(
                errors="replace")
        m = rx.search(text)
        if m:
            child.match = m
            return True
    return False


def checks(srv, vault):
    curses_keys, plain_lines = load_bench()
    plain_lines = [l for l in plain_lines]

    # -- a whole response in plain mode (no terminal) --------------------
    rc, out, err = srv.run(plain_lines)
    ok("Receipt: " in out, "plain over ssh (no tty): a whole response is "
       "submitted", out[-600:] + err)
    ok("sealing responses to the analyst key" in err,
       "run names the analyst key first", err)
    before = status_of(vault)[0]

    # -- a whole response in curses through ssh -tt -----------------------
    child = spawn_tty(srv)
    seen = wait_for(child, r"resume code is ([2-9A-Z-]{17})")
    first = child.match.group(1) if seen else "-"
    time.sleep(0.5)
    send_keys(child, curses_keys)
    # Kiosk: the receipt, then a key brings the next participant's
    # first screen, with another code.
    wait_for(child, r"resume code is (?!%s)" % first, timeout=10)
    screen = "\n".join(l.rstrip() for l in screen_of(child).display)
    got = b"Receipt: " in getattr(child, "raw", b"")
    close_tty(child)
    ok(seen and got and status_of(vault)[0] == before + 1,
       "curses over ssh -tt: a whole response is submitted",
       "seen %s got %s\n%s" % (seen, got, screen))

    # -- a dropped connection keeps the draft; :resume brings it back ----
    child = spawn_tty(srv)
    code = None
    if wait_for(child, r"resume code is ([2-9A-Z]{5}-[2-9A-Z]{5}-[2-9A-Z]{5})"):
        code = child.match.group(1)
    time.sleep(0.5)
    send_keys(child, curses_keys[:6])      # up to "How many staff?" 40
    time.sleep(0.5)
    os.kill(child.pid, signal.SIGKILL)     # the link drops
    close_tty(child)
    drafts = 0
    for _ in range(50):
        drafts = status_of(vault)[1]
        if drafts >= 1:
            break
        time.sleep(0.2)
    ok(code is not None and drafts >= 1,
       "a dropped curses session leaves its draft (%s)" % code)
    # Plain: the first line is a command, then the rest of the response.
    rc, out, err = srv.run([":resume %s" % code] + plain_lines[6:])
    # The draft stopped at question 7: resumed, plain asks it next.
    after = out.split(":resume", 1)[-1] if code else ""
    ok(code is not None and "[7/" in out and "[2/" not in out,
       ":resume CODE over ssh brings the answers back", out[:1500] + after)
    ok("Receipt: " in out and status_of(vault)[1] == drafts - 1,
       "and the resumed response is submitted, its draft removed",
       out[-500:])
    # (curses :resume: being added to the curses front end; plain here.)

    # -- commands, scp, sftp end in consult ------------------------------
    rc, out, err = srv.run([""], command="sh -c 'echo $((6*7))XYZ; id'")
    ok("42XYZ" not in out and "uid=" not in out and "[1/" in out,
       "ssh host 'sh -c ...' runs consult, not the command", out[:300])
    rc, out, err = srv.run(["echo $((6*7))XYZ", "id"], command="sh")
    ok("42XYZ" not in out and "uid=" not in out and "[1/" in out,
       "ssh host sh: consult, no shell", out[:300])
    target = os.path.join(srv.tmp, "scp-target")
    src = os.path.join(srv.tmp, "client", "id.pub")
    p = subprocess.run(["scp", "-F", "/dev/null", "-P", str(srv.port), "-i",
                        srv.key, "-o", "IdentitiesOnly=yes", "-o",
                        "BatchMode=yes", "-o", "StrictHostKeyChecking=no",
                        "-o", "UserKnownHostsFile=/dev/null", src,
                        "%s@127.0.0.1:%s" % (srv.user, target)],
                       capture_output=True, timeout=60,
                       stdin=subprocess.DEVNULL)
    ok(p.returncode != 0 and not os.path.exists(target),
       "scp to the server fails, nothing written")
    p = subprocess.run(["sftp", "-F", "/dev/null", "-P", str(srv.port), "-i",
                        srv.key, "-o", "IdentitiesOnly=yes", "-o",
                        "BatchMode=yes", "-o", "StrictHostKeyChecking=no",
                        "-o", "UserKnownHostsFile=/dev/null", "-b", "-",
                        "%s@127.0.0.1" % srv.user],
                       input=b"get /etc/passwd %s\n" % target.encode(),
                       capture_output=True, timeout=60)
    ok(p.returncode != 0 and not os.path.exists(target),
       "sftp fails, nothing read")

    # -- -L, -D, -R refused ---------------------------------------------
    ok(forward_refused(srv, "-L"), "-L local forwarding is refused")
    ok(forward_refused(srv, "-D"), "-D dynamic forwarding is refused")
    ok(exits_failed(srv.ssh_args("-N", "-o", "ExitOnForwardFailure=yes",
       "-R", "0:127.0.0.1:%d" % srv.port)), "-R remote forwarding is refused")
    sock = os.path.join(srv.tmp, "fwd.sock")
    ok(exits_failed(srv.ssh_args("-N", "-o", "ExitOnForwardFailure=yes",
       "-R", "%s:127.0.0.1:%d" % (sock, srv.port))) and
       not os.path.exists(sock), "unix-socket forwarding is refused")

    # -- Ctrl-Z, Ctrl-\, Ctrl-C do nothing harmful -----------------------
    for term, mode in (("xterm", "curses"), ("dumb", "plain")):
        child = spawn_tty(srv, term=term)
        wait_for(child, "resume code is")
        wait_for(child, "Welcome")
        time.sleep(0.3)
        for k in ("\x1a", "\x1c", "\x03"):
            child.send(k)
            time.sleep(0.4)
        alive = child.isalive()
        child.send("\r")
        moved = wait_for(child, r"2/\d+")
        close_tty(child)
        ok(alive and moved, "%s over ssh -tt: Ctrl-Z, Ctrl-\\, Ctrl-C "
           "leave consult answering" % mode)

    # -- hostile TERM and LANG -------------------------------------------
    hostile = [("TERM", "../../../../tmp/x"), ("TERM", "xterm\x1b[31m;id"),
               ("TERM", "x" * 5000), ("LANG", "../../../etc/passwd"),
               ("LANG", "fr_FR.UTF-8@" + "A" * 5000),
               ("LC_ALL", "%n%n%n%s%s")]
    for name, value in hostile:
        env = {"LANG": "C.UTF-8"}
        env[name] = value
        term = env.pop("TERM", "xterm")
        child = spawn_tty(srv, term=term, env_extra=env,
                          sendenv=["LANG", "LC_ALL"])
        up = wait_for(child, "resume code is")
        child.send("\r")
        moved = wait_for(child, r"2/\d+")
        close_tty(child)
        ok(up and moved, "hostile %s=%r: consult starts and answers" %
           (name, value[:24]))

    # -- a 10000x10000 window --------------------------------------------
    # curses never takes more than 500x500 of a window: it says the
    # terminal is too large, and answers once the window is normal again.
    huge_window(srv)

    # -- 20 logins at once, all submitted ---------------------------------
    many_logins(srv, vault, plain_lines)

    # -- last: a closed vault in its place, over a real login -----------
    closed_vault(srv, vault, plain_lines)


def closed_vault(srv, vault, plain_lines):
    """A new vault where sshd's forced command looks, set up in the
    README's order (init, chown, invite as root); the account answers
    with a code, which is then used up."""
    os.rename(vault, vault + ".open")
    os.mkdir(vault, 0o755)
    subprocess.run([CONSULT, "init", vault, "--form",
                    os.path.join(SRCDIR, "forms", "imrf.csv"), "--pubkey",
                    os.path.join(srv.tmp, "analyst.pub")], check=True,
                   capture_output=True)
    owner = os.stat(vault + ".open/responses")
    for d in ("responses", "sessions", "drafts"):
        os.chown(os.path.join(vault, d), owner.st_uid, owner.st_gid)
    r = subprocess.run([CONSULT, "invite", vault, "--count", "2"],
                       capture_output=True, text=True)
    codes = re.findall(r'"([0-9A-Z]{4}(?:-[0-9A-Z]{4}){3})"', r.stdout)
    ok(r.returncode == 0 and len(codes) == 2,
       "invite as root: two codes", r.stdout + r.stderr)
    if len(codes) != 2:
        return
    before = status_of(vault)[0]
    rc, out, err = srv.run(["2222-3333-4444-5555", codes[0]] + plain_lines)
    ok("No invitation has this code" in out and "Receipt: " in out and
       status_of(vault)[0] == before + 1,
       "closed vault over ssh: a wrong code, then the right one and a "
       "whole response", out[-800:] + err)
    rc, out, err = srv.run([codes[0]] + plain_lines[:1])
    ok("already been used" in out and status_of(vault)[0] == before + 1,
       "the same code again over ssh: used, nothing added", out[-400:] + err)


def huge_window(srv):
    child = spawn_tty(srv, rows=10000, cols=10000)
    large = wait_for(child, "too large", timeout=30)
    # From here on a screen of 80x24 follows what curses redraws.
    child.setwinsize(24, 80)
    child.rows, child.cols = 24, 80
    up = wait_for(child, "resume code is", timeout=30)
    child.send("\r")
    moved = wait_for(child, r"2/\d+", timeout=30)
    text = getattr(child, "raw", b"")[-300:].decode(errors="replace")
    close_tty(child)
    ok(large and up and moved, "a 10000x10000 window: consult says the "
       "terminal is too large, then answers at 80x24", text)


def many_logins(srv, vault, plain_lines):
    before = status_of(vault)[0]
    procs = []
    for _ in range(20):
        p = subprocess.Popen(srv.ssh_args(), stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        cleanup_pids.append(p.pid)
        procs.append(p)
    data = ("\n".join(plain_lines) + "\n").encode()
    outs = []
    for p in procs:
        try:
            out, _ = p.communicate(data, timeout=120)
        except subprocess.TimeoutExpired:
            p.kill()
            out, _ = p.communicate()
        cleanup_pids.remove(p.pid)
        outs.append(out)
    receipts = sum(b"Receipt: " in o for o in outs)
    after = status_of(vault)[0]
    ok(receipts == 20 and after == before + 20,
       "20 logins at once: all 20 submitted (%d receipts, %d stored)" %
       (receipts, after - before))


def exits_failed(args):
    """The command exits non-zero within 30 s (a granted forward with -N
    would run until killed)."""
    p = subprocess.Popen(args, stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    cleanup_pids.append(p.pid)
    try:
        rc = p.wait(timeout=30)
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()
        rc = 0
    cleanup_pids.remove(p.pid)
    return rc != 0


def forward_refused(srv, flag):
    """Open a -L or -D forward and try to reach sshd's own port through
    it: refused means no SSH banner comes back."""
    lport = free_port()
    spec = ("%d:127.0.0.1:%d" % (lport, srv.port)) if flag == "-L" \
        else str(lport)
    p = subprocess.Popen(srv.ssh_args("-N", flag, spec),
                         stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE)
    cleanup_pids.append(p.pid)
    banner = b""
    try:
        for _ in range(50):
            try:
                s = socket.create_connection(("127.0.0.1", lport), timeout=2)
                break
            except OSError:
                time.sleep(0.1)
        else:
            return True     # not even listening
        if flag == "-D":    # SOCKS5: no auth, CONNECT 127.0.0.1:port
            s.sendall(b"\x05\x01\x00")
            s.recv(2)
            s.sendall(b"\x05\x01\x00\x01\x7f\x00\x00\x01" +
                      srv.port.to_bytes(2, "big"))
        s.settimeout(3)
        try:
            while len(banner) < 200:
                d = s.recv(256)
                if not d:
                    break
                banner += d
        except OSError:
            pass
        s.close()
    finally:
        p.kill()
        p.wait()
        cleanup_pids.remove(p.pid)
    return b"SSH-2.0" not in banner


def make_account(tmp):
    user = "cst%d" % os.getpid()
    home = os.path.join(tmp, "home")
    subprocess.run(["useradd", "--home-dir", home, "--create-home",
                    "--shell", "/bin/sh", "--user-group", user], check=True,
                   capture_output=True)
    # A locked password makes sshd refuse even a key: "*" is not locked.
    subprocess.run(["usermod", "-p", "*", user], check=True)
    pw = pwd.getpwnam(user)
    ssh = os.path.join(home, ".ssh")
    os.makedirs(ssh, mode=0o700, exist_ok=True)
    shutil.copy(os.path.join(tmp, "client", "id.pub"),
                os.path.join(ssh, "authorized_keys"))
    for path in (home, ssh, os.path.join(ssh, "authorized_keys")):
        os.chown(path, pw.pw_uid, pw.pw_gid)
    os.chmod(os.path.join(ssh, "authorized_keys"), 0o600)
    return user, pw


def make_vault(tmp, pw):
    """The README's split: root's header, form and key; the account's
    three folders."""
    bindir = os.path.join(tmp, "bin")
    os.makedirs(bindir)
    shutil.copy(CONSULT, os.path.join(bindir, "consult"))
    os.chmod(os.path.join(bindir, "consult"), 0o755)
    with open(os.path.join(tmp, "pass"), "w") as f:
        f.write("ssh test passphrase\n")
    subprocess.run([CONSULT, "keygen", "-o", os.path.join(tmp, "analyst"),
                    "-P", os.path.join(tmp, "pass")], check=True,
                   capture_output=True)
    vault = os.path.join(tmp, "consultation")
    os.mkdir(vault, 0o755)
    os.chmod(vault, 0o755)
    subprocess.run([CONSULT, "init", vault, "--form",
                    os.path.join(SRCDIR, "forms", "imrf.csv"), "--pubkey",
                    os.path.join(tmp, "analyst.pub")], check=True,
                   capture_output=True)
    for d in ("responses", "sessions", "drafts"):
        os.chown(os.path.join(vault, d), pw.pw_uid, pw.pw_gid)
    return os.path.join(bindir, "consult"), vault


def start_sshd(tmp, user, consult, vault):
    block = readme_block()
    for old, new in (("consult-participant", user),
                     ("/usr/local/bin/consult", consult),
                     ("/srv/consultation", vault)):
        if old not in block:
            raise RuntimeError("README's sshd block has no %r" % old)
        block = block.replace(old, new)
    confd = os.path.join(tmp, "sshd_config.d")
    os.mkdir(confd)
    with open(os.path.join(confd, "consult.conf"), "w") as f:
        f.write(block)
    srv = Server(tmp, user)
    hostkey = os.path.join(tmp, "host_ed25519")
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f",
                    hostkey], check=True)
    conf = os.path.join(tmp, "sshd_config")
    with open(conf, "w") as f:
        # As Debian's: the drop-in folder first, then the rest.
        f.write("Include %s/*.conf\n"
                "Port %d\nListenAddress 127.0.0.1\nHostKey %s\n"
                "PidFile %s/sshd.pid\nUsePAM no\nPasswordAuthentication no\n"
                "KbdInteractiveAuthentication no\nPubkeyAuthentication yes\n"
                "AuthorizedKeysFile .ssh/authorized_keys\nAllowUsers %s\n"
                "Subsystem sftp internal-sftp\nLogLevel VERBOSE\n"
                "AcceptEnv LANG LC_*\n" %
                (confd, srv.port, hostkey, tmp, user))
    os.makedirs("/run/sshd", mode=0o755, exist_ok=True)
    t = subprocess.run([SSHD, "-t", "-f", conf], capture_output=True,
                       text=True)
    if t.returncode != 0:
        raise RuntimeError("sshd -t: " + t.stderr)

    def limits():
        # The README's pam_limits "as 65536" for the account, given to
        # this sshd and so to every session under it.
        if LIMITED:
            resource.setrlimit(resource.RLIMIT_AS, (64 << 20, 64 << 20))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    srv.proc = subprocess.Popen([SSHD, "-D", "-f", conf, "-E",
                                 os.path.join(tmp, "sshd.log")],
                                preexec_fn=limits)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", srv.port), 1).close()
            break
        except OSError:
            time.sleep(0.1)
    return srv


def main():
    if os.environ.get("CONSULT_VALGRIND"):
        skip_all("under valgrind: sshd's sessions cannot run the wrapper "
                 "(make check runs this test)")
    if os.geteuid() != 0:
        skip_all("needs root to make a test account and run sshd")
    for tool in (SSHD, SSH, "/usr/bin/scp", "/usr/bin/sftp",
                 "/usr/sbin/useradd"):
        if not os.access(tool, os.X_OK):
            skip_all("%s missing (openssh-server, openssh-client)" % tool)
    for mod in ("pexpect", "pyte"):
        if importlib.util.find_spec(mod) is None:
            skip_all("python3-%s missing" % mod)
    tmp = tempfile.mkdtemp(prefix="consult-ssh.")
    os.chmod(tmp, 0o755)    # the account reaches its home and the vault
    os.mkdir(os.path.join(tmp, "client"), 0o700)
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f",
                    os.path.join(tmp, "client", "id")], check=True)
    user, srv = None, None
    try:
        user, pw = make_account(tmp)
        consult, vault = make_vault(tmp, pw)
        srv = start_sshd(tmp, user, consult, vault)
        checks(srv, vault)
        log = open(os.path.join(tmp, "sshd.log"), errors="replace").read()
        ok("fatal" not in log.lower(), "sshd logged no fatal error",
           log[-800:])
        # What the README warns of: each login's address, in sshd's log.
        ok(re.search(r"Accepted publickey for %s from 127\.0\.0\.1 port "
                     r"\d+" % user, log) is not None,
           "sshd logs the address of each login, as the README says",
           log[-800:])
    finally:
        for pid in list(cleanup_pids):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        if srv is not None and srv.proc is not None:
            srv.proc.terminate()
            srv.proc.wait()
        if user is not None:
            # Sessions of the account still running: by its uid's PIDs.
            for pid in os.listdir("/proc"):
                if pid.isdigit():
                    try:
                        if os.stat("/proc/" + pid).st_uid == pw.pw_uid:
                            os.kill(int(pid), signal.SIGKILL)
                    except (OSError, ProcessLookupError):
                        pass
            subprocess.run(["userdel", user], capture_output=True)
        shutil.rmtree(tmp, ignore_errors=True)
    print("1..%d" % n_tests)
    sys.exit(1 if n_failed else 0)


main()
