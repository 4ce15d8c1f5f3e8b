"""Starts the cnnlab kernel of this checkout through jupyter_client, independent of installed specs.

A private kernel spec (argv: <repo>/cnnlab kernel {connection_file}) is written into a temp dir put first on
JUPYTER_PATH. Set CNNLAB_TEST_JAVA to a java binary to run the kernel (and its agent) on another JDK.
"""
import json
import os
import queue
import tempfile
import time
import unittest

ROOT = os.path.abspath(os.environ.get("CNNLAB_ROOT", os.path.join(os.path.dirname(__file__), "..", "..", "..", "..")))
JAVA25 = "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java"


def install_spec(java=None):
    d = tempfile.mkdtemp(prefix="cnnlab-spec-")
    kdir = os.path.join(d, "kernels", "cnnlab")
    os.makedirs(kdir)
    spec = {
        "argv": [os.path.join(ROOT, "cnnlab"), "kernel", "{connection_file}"],
        "display_name": "Java (cnnlab)",
        "language": "java",
        "interrupt_mode": "message",
        "env": {},
        "metadata": {"debugger": True},
    }
    if java:
        spec["env"]["CNNLAB_JAVA"] = java
    with open(os.path.join(kdir, "kernel.json"), "w") as f:
        json.dump(spec, f)
    os.environ["JUPYTER_PATH"] = d + os.pathsep + os.environ.get("JUPYTER_PATH", "")
    return d


def start(java=None, timeout=90, **start_kw):
    """Starts the kernel; start_kw go to KernelManager.start_kernel (env: the whole environment, cwd)."""
    from jupyter_client.manager import KernelManager
    install_spec(java or os.environ.get("CNNLAB_TEST_JAVA"))
    km = KernelManager(kernel_name="cnnlab")
    km.start_kernel(**start_kw)
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=timeout)
    return km, kc


def stop(km, kc):
    kc.stop_channels()
    km.shutdown_kernel(now=True)


def run(kc, code, timeout=120):
    """Executes code; returns (reply content, [(msg_type, content, arrival time)]) for that request."""
    msg_id = kc.execute(code)
    outputs = []
    deadline = time.time() + timeout
    while True:
        try:
            msg = kc.get_iopub_msg(timeout=max(0.1, deadline - time.time()))
        except queue.Empty:
            raise AssertionError("no idle status within %ss for %r; got %r" % (timeout, code, outputs))
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        t = msg["msg_type"]
        if t == "status" and msg["content"]["execution_state"] == "idle":
            break
        if t not in ("status", "execute_input"):
            outputs.append((t, msg["content"], time.time()))
    reply = kc.get_shell_msg(timeout=timeout)
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = kc.get_shell_msg(timeout=timeout)
    return reply["content"], outputs


def stdout_of(outputs):
    return "".join(c["text"] for t, c, _ in outputs if t == "stream" and c["name"] == "stdout")


def result_of(outputs):
    for t, c, _ in outputs:
        if t == "execute_result":
            return c["data"]
    return None


def reply_to(kc, msg_id, timeout=60):
    """The shell reply to msg_id (other replies, e.g. to kernel_info, are skipped)."""
    deadline = time.time() + timeout
    while True:
        msg = kc.get_shell_msg(timeout=max(0.1, deadline - time.time()))
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg["content"]


class KernelTestCase(unittest.TestCase):
    """One kernel for the whole class, started and warmed by one cell; run_ok runs a cell that must succeed."""
    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc = start()
        reply, _ = run(cls.kc, "int warm = 1;")
        assert reply["status"] == "ok", reply

    @classmethod
    def tearDownClass(cls):
        stop(cls.km, cls.kc)

    def run_ok(self, code):
        reply, out = run(self.kc, code)
        self.assertEqual(reply["status"], "ok", "%r failed: %r" % (code, reply))
        return out
