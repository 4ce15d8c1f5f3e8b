"""The cnnlab kernel in a bubblewrap sandbox, for ./cnnlab grade.

A submitted notebook runs student code. In the sandbox that code sees:
  - read-only: the system (/usr, /etc without its secrets), the built kernel, the library sources, the dataset
    and DJL caches;
  - a private, empty home, /tmp and working folder, all in memory and gone at the end;
  - no other submission, no reference notebooks, no answer keys, no grades: their folders are not there;
  - no network: a network namespace of its own, with only a loopback device;
  - a memory limit (RLIMIT_DATA, which counts the JVM heap and native memory alike) and a CPU-time limit;
  - its own PID namespace, killed whole when the kernel ends (setsid children and daemons included).

Jupyter speaks ZeroMQ over TCP, which cannot cross into a network namespace. Each of the kernel's five ports
is therefore relayed: the host side listens on the port Jupyter chose and forwards each connection through a
Unix socket in a folder shared with the sandbox, where a relay connects it to the same port on the sandbox's
loopback. ZeroMQ reconnects by itself while the kernel starts.

Modes (the kernel spec written by Sandbox runs the first; the sandbox runs the second):
  outside --state DIR --root ROOT --memory BYTES --cpu SECONDS CONNECTION_FILE
  inside --sock DIR --ports P,P,... -- COMMAND...
"""
import argparse
import json
import os
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

PORTS = ("shell_port", "iopub_port", "stdin_port", "control_port", "hb_port")
SOCK, CONNECTION, SELF = "/sandbox/sock", "/sandbox/connection.json", "/sandbox/sandbox.py"
SECRETS = ("/etc/shadow", "/etc/gshadow", "/etc/sudoers", "/etc/ssh")
KEEP_ENV = ("PATH", "LANG", "LC_ALL", "TZ", "JAVA_HOME")
KEEP_ENV_PREFIXES = ("CNNLAB_", "DJL_", "MXNET_", "OMP_", "MKL_", "GOMP_")


def unavailable():
    """None if a sandbox can be made here, else why not (in words a teacher can act on)."""
    if shutil.which("bwrap") is None:
        return "bubblewrap (bwrap) is not installed: apt-get install bubblewrap"
    try:
        r = subprocess.run(["bwrap", "--ro-bind", "/", "/", "--unshare-all", "--die-with-parent", "true"],
                           capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as e:
        return f"bwrap does not run: {e}"
    if r.returncode != 0:
        return ("bwrap cannot create namespaces here (unprivileged user namespaces may be disabled: "
                f"sysctl kernel.unprivileged_userns_clone=1): {r.stderr.strip()}")
    return None


class Sandbox:
    """A temporary kernel spec, 'cnnlab-sandbox', that starts the cnnlab kernel inside bwrap; `hidden` folders
    are replaced by empty ones wherever they would be visible. Use as a context manager, one per notebook."""

    def __init__(self, root: Path, hidden, memory_bytes: int, cpu_seconds: int):
        self.root, self.hidden = Path(root).resolve(), [Path(h).resolve() for h in hidden]
        self.memory_bytes, self.cpu_seconds = memory_bytes, cpu_seconds

    def __enter__(self):
        self.state = Path(tempfile.mkdtemp(prefix="cnnlab-sandbox-"))
        spec = self.state / "kernels" / "cnnlab-sandbox"
        spec.mkdir(parents=True)
        argv = [sys.executable, str(Path(__file__).resolve()), "outside", "--state", str(self.state),
                "--root", str(self.root), "--memory", str(self.memory_bytes), "--cpu", str(self.cpu_seconds)]
        for h in self.hidden:
            argv += ["--hide", str(h)]
        (spec / "kernel.json").write_text(json.dumps({
            "argv": argv + ["{connection_file}"], "display_name": "Java (cnnlab, sandboxed)", "language": "java",
            "interrupt_mode": "message"}))
        return self

    def kernel_manager(self):
        from jupyter_client.kernelspec import KernelSpecManager
        from jupyter_client.manager import KernelManager
        ksm = KernelSpecManager(kernel_dirs=[str(self.state / "kernels")])
        return KernelManager(kernel_name="cnnlab-sandbox", kernel_spec_manager=ksm)

    def __exit__(self, *exc):
        shutil.rmtree(self.state, ignore_errors=True)


# --- relays ---------------------------------------------------------------------------------------
def _pipe(a, b):
    try:
        while data := a.recv(1 << 16):
            b.sendall(data)
    except OSError:
        pass
    finally:
        for s in (a, b):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def _relay(listener, connect):
    """Accepts on `listener` forever; joins each connection to a fresh one from `connect()`. A target that is
    not up yet closes the connection, and the ZeroMQ peer retries."""
    def serve():
        while True:
            client, _ = listener.accept()
            try:
                target = connect()
            except OSError:
                client.close()
                continue
            for a, b in ((client, target), (target, client)):
                threading.Thread(target=_pipe, args=(a, b), daemon=True).start()
    threading.Thread(target=serve, daemon=True).start()


def _unix(path):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.connect(path)
    return s


# --- the two modes --------------------------------------------------------------------------------
def bwrap_command(a, ports):
    home = Path.home().resolve()
    cmd = ["bwrap", "--unshare-all", "--die-with-parent", "--new-session", "--ro-bind", "/usr", "/usr"]
    for top in ("/bin", "/lib", "/lib32", "/lib64", "/sbin"):
        if os.path.islink(top):
            cmd += ["--symlink", os.readlink(top), top]
        elif os.path.isdir(top):
            cmd += ["--ro-bind", top, top]
    cmd += ["--ro-bind", "/etc", "/etc"]
    for s in SECRETS:
        if os.path.isfile(s):
            cmd += ["--ro-bind", "/dev/null", s]
        elif os.path.isdir(s):
            cmd += ["--tmpfs", s]
    cmd += ["--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp", "--dir", "/tmp/work", "--tmpfs", str(home)]
    readable = [a.root / "cnnlab", a.root / "kernel" / "target", a.root / "lib" / "src" / "main" / "java",
                home / ".cnnlab", home / ".djl.ai", home / ".cache" / "cnnlab"]
    readable += [Path(os.environ[v]) for v in ("CNNLAB_DATA", "DJL_CACHE_DIR") if os.environ.get(v)]
    bound = []
    for r in readable:
        if r.exists():
            cmd += ["--ro-bind", str(r), str(r)]
            bound.append(r.resolve())
    for h in a.hide:  # a submissions or keys folder inside one of the readable ones
        if any(h == b or h.is_relative_to(b) for b in bound):
            cmd += ["--tmpfs", str(h)]
    cmd += ["--bind", str(a.state / "sock"), SOCK, "--ro-bind", str(a.state / "connection.json"), CONNECTION,
            "--ro-bind", str(Path(__file__).resolve()), SELF, "--chdir", "/tmp/work", "--clearenv",
            "--setenv", "HOME", str(home), "--setenv", "CNNLAB_DEVICE", "cpu"]
    for k, v in os.environ.items():
        if (k in KEEP_ENV or k.startswith(KEEP_ENV_PREFIXES)) and k != "CNNLAB_JAVA_OPTS":
            cmd += ["--setenv", k, v]
    # a heap below the memory limit: a large array then fails with OutOfMemoryError, not a dead JVM
    heap = f"-Xmx{max(a.memory // 2 >> 20, 64)}m"
    cmd += ["--setenv", "CNNLAB_JAVA_OPTS", f"{heap} {os.environ.get('CNNLAB_JAVA_OPTS', '')}".strip()]
    if os.geteuid() == 0:
        cmd += ["--cap-drop", "ALL"]
    return cmd + ["/usr/bin/python3", SELF, "inside", "--sock", SOCK, "--ports", ",".join(map(str, ports)), "--",
                  str(a.root / "cnnlab"), "kernel", CONNECTION]


def die_with_parent():
    """Ask Linux to SIGKILL this process when the one that started it dies (a grading job ended by Ctrl-C), so no
    sandbox outlives its grader; bwrap --die-with-parent then ends everything inside."""
    import ctypes
    PR_SET_PDEATHSIG = 1
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass


def outside(a):
    die_with_parent()
    conn = json.loads(Path(a.connection_file).read_text())
    if conn.get("transport", "tcp") != "tcp":
        sys.exit(f"sandbox: transport {conn.get('transport')} is not supported, only tcp")
    ports = [conn[p] for p in PORTS]
    (a.state / "sock").mkdir(exist_ok=True)
    (a.state / "connection.json").write_text(json.dumps({**conn, "ip": "127.0.0.1"}))
    for port in ports:
        listener = socket.create_server((conn["ip"], port))
        _relay(listener, lambda port=port: _unix(str(a.state / "sock" / str(port))))

    def limits():
        resource.setrlimit(resource.RLIMIT_CPU, (a.cpu, a.cpu + 5))
        resource.setrlimit(resource.RLIMIT_DATA, (a.memory, a.memory))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

    proc = subprocess.Popen(bwrap_command(a, ports), preexec_fn=limits)
    # bwrap does not pass SIGTERM on; killing it ends the sandbox's PID namespace and all in it
    signal.signal(signal.SIGTERM, lambda *_: proc.kill())
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # interrupts arrive as messages; Ctrl-C is the grader's
    sys.exit(proc.wait())


def inside(a):
    for port in map(int, a.ports.split(",")):
        path = os.path.join(a.sock, str(port))
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        listener.bind(path)
        listener.listen(16)
        _relay(listener, lambda port=port: socket.create_connection(("127.0.0.1", port)))
    proc = subprocess.Popen(a.command)
    signal.signal(signal.SIGTERM, lambda *_: proc.terminate())
    sys.exit(proc.wait())


def main():
    p = argparse.ArgumentParser(prog="sandbox.py")
    sub = p.add_subparsers(dest="mode", required=True)
    o = sub.add_parser("outside")
    o.add_argument("--state", type=Path, required=True)
    o.add_argument("--root", type=Path, required=True)
    o.add_argument("--memory", type=int, required=True)
    o.add_argument("--cpu", type=int, required=True)
    o.add_argument("--hide", type=Path, action="append", default=[])
    o.add_argument("connection_file")
    i = sub.add_parser("inside")
    i.add_argument("--sock", required=True)
    i.add_argument("--ports", required=True)
    i.add_argument("command", nargs=argparse.REMAINDER)
    a = p.parse_args()
    if a.mode == "outside":
        outside(a)
    else:
        a.command = a.command[1:] if a.command[:1] == ["--"] else a.command
        inside(a)


if __name__ == "__main__":
    main()
