"""Kernel figures, cnnlab vs ipykernel (not a test: timings are never asserted).

start -> kernel_info_reply, `1 + 1` round-trip p50 over 30 cells, idle RSS of the kernel process tree.
Usage: /usr/bin/python3 tests/src/test/python/measure_kernel.py [python3] [cnnlab]
"""
import os, statistics, sys, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness
from jupyter_client.manager import KernelManager

def rss_tree(pid):
    total = 0
    pids = [pid]
    try:
        for line in os.popen("ps -o pid= --ppid %d" % pid): pids.append(int(line))
    except Exception: pass
    for p in pids:
        try:
            with open("/proc/%d/status" % p) as f:
                for l in f:
                    if l.startswith("VmRSS"): total += int(l.split()[1])
        except FileNotFoundError: pass
    return total / 1024

def measure(name):
    km = KernelManager(kernel_name=name)
    t0 = time.time(); km.start_kernel(); kc = km.client(); kc.start_channels()
    kc.wait_for_ready(timeout=120); start = time.time() - t0
    harness.run(kc, "1 + 1")  # first cell (agent start for cnnlab)
    ts = []
    for _ in range(30):
        t = time.time(); harness.run(kc, "1 + 1"); ts.append(time.time() - t)
    time.sleep(3)
    rss = rss_tree(km.provisioner.process.pid if hasattr(km, "provisioner") else km.kernel.pid)
    kc.stop_channels(); km.shutdown_kernel()
    return start, statistics.median(ts), rss

harness.install_spec()
res = {}
for name in sys.argv[1:] or ["python3", "cnnlab"]:
    res[name] = measure(name)
    print("%-8s start->kernel_info %.2fs  1+1 p50 %.1f ms  idle RSS %.0f MB" % (name, res[name][0], res[name][1]*1000, res[name][2]), flush=True)
