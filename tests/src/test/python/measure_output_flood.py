"""Kernel memory for a cell that prints a flood (not a test: figures are printed, never asserted).

Starts the cnnlab kernel with CNNLAB_MAX_CELL_OUTPUT unset (the default 10 MB cap) and with 0 (no cap), runs a
cell printing MB megabytes (default 200) while the client does not read IOPub (a slow client), and prints the
kernel JVM's RSS (the agent JVM, where the cell runs, is not counted) before, at its peak and after the cell.
Usage: /usr/bin/python3 tests/src/test/python/measure_output_flood.py [MB]
"""
import os, sys, threading, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness
from jupyter_client.manager import KernelManager


def rss_mb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) / 1024


def measure(cap, mb):
    if cap is None: os.environ.pop("CNNLAB_MAX_CELL_OUTPUT", None)
    else: os.environ["CNNLAB_MAX_CELL_OUTPUT"] = cap
    km = KernelManager(kernel_name="cnnlab"); km.start_kernel(); kc = km.client(); kc.start_channels()
    kc.wait_for_ready(timeout=120)
    pid = km.provisioner.process.pid  # the launcher execs the kernel's java
    harness.run(kc, 'String flood = "0123456789".repeat(10) + "\\n";\n1 + 1')
    time.sleep(2)
    before = rss_mb(pid)
    peak = [before]
    done = threading.Event()
    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], rss_mb(pid)); time.sleep(0.05)
    threading.Thread(target=sample, daemon=True).start()
    lines = mb * (1 << 20) // 101
    t0 = time.time()
    msg_id = kc.execute("for (int i = 0; i < %d; i++) System.out.print(flood);" % lines)
    reply = harness.reply_to(kc, msg_id, timeout=900)  # IOPub is left unread meanwhile
    took = time.time() - t0
    received = 0
    while True:  # now read what reached the client
        try: msg = kc.get_iopub_msg(timeout=5)
        except Exception: break
        if msg["msg_type"] == "stream" and msg["parent_header"].get("msg_id") == msg_id:
            received += len(msg["content"]["text"])
    time.sleep(2)
    after = rss_mb(pid); done.set()
    kc.stop_channels(); km.shutdown_kernel(now=True)
    print("cap %-8s %d MB printed in %.1fs (%s): kernel RSS %.0f MB before, peak %.0f (+%.0f), after %.0f (+%.0f);"
          " client got %.1f MB" % (cap or "default", mb, took, reply["status"], before, peak[0], peak[0] - before,
                                     after, after - before, received / 2 ** 20), flush=True)


harness.install_spec()
mb = int(sys.argv[1]) if len(sys.argv) > 1 else 200
measure(None, mb)
measure("0", mb)
