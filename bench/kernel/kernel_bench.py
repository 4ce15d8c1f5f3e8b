#!/usr/bin/python3
"""Kernel benchmark for ./cnnlab bench: drives Jupyter kernels through jupyter_client, as a notebook would.

For each kernel name given (default: cnnlab python3) it measures
  start_ms      start_kernel() until the first kernel_info_reply
  idle_rss_mb   resident memory of the kernel's whole process tree, a moment after start
  first_cell_ms start_kernel() until the first `1 + 1` has its result (a kernel may still be starting
                parts of itself after its kernel_info_reply)
  busy_rss_mb   the same tree's memory after the setup cell, idle again, everything started
  trivial_*     `1 + 1` round trip (execute_request until the reply and the idle status), p50/p95 over N runs
  ndarray_*     a cell that creates a 1000x1000 array and displays it (first run, then p50 of the rest)
  chart_*       a cell that builds a line chart and displays it as PNG (first run, then p50 of the rest)
and prints one line per kernel: RESULT_JSON {...}. ./cnnlab bench (KernelBench.java) reads those lines.

usage: kernel_bench.py [--runs N] [--reps N] [KERNEL...]
"""
import argparse
import json
import os
import statistics
import sys
import time

import zmq

from jupyter_client.manager import KernelManager

# The same work in each language: (setup cell, ndarray cell, chart cell). Setup is not timed.
CELLS = {
    "cnnlab": (
        "var benchY = new double[100]; for (int i = 0; i < 100; i++) benchY[i] = Math.sin(i / 10.0);",
        "try (var m = ai.djl.ndarray.NDManager.newBaseManager()) {\n"
        "    display(m.randomUniform(0f, 1f, new ai.djl.ndarray.types.Shape(1000, 1000)));\n"
        "}",
        "var c = new org.knowm.xchart.XYChartBuilder().width(600).height(400).title(\"bench\").build();\n"
        "c.addSeries(\"sin\", benchY);\n"
        "c",
    ),
    "python3": (
        "%matplotlib inline\nimport numpy as np\nimport matplotlib.pyplot as plt\n"
        "bench_y = np.sin(np.arange(100) / 10.0)",
        "display(np.random.rand(1000, 1000))",
        "fig, ax = plt.subplots(figsize=(6, 4), dpi=100)\n"
        "ax.plot(bench_y, label='sin'); ax.set_title('bench'); ax.legend()\n"
        "display(fig); plt.close(fig)",
    ),
}


def tree_rss_mb(pid):
    """Resident memory (MB) of pid and all its descendants, from /proc."""
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
            ppid = int(stat[stat.rindex(")") + 2:].split()[1])
            children.setdefault(ppid, []).append(int(entry))
        except (OSError, ValueError):
            continue  # the process ended while we looked
    total_kb, todo, seen = 0, [pid], 0
    while todo:
        p = todo.pop()
        seen += 1
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total_kb += int(line.split()[1])
        except OSError:
            pass
        todo.extend(children.get(p, []))
    return total_kb / 1024.0, seen


def run_cell(kc, code, timeout=300):
    """Executes code; returns (seconds until reply and idle, MIME types seen, error or None).

    Waits on the IOPub and shell sockets together (one zmq poll), so the clock stops as soon as the last of
    the two messages arrives whichever socket it comes on: kernels differ in which they send last (ipykernel
    the idle status, cnnlab the reply), and polling one socket with a timeout before the other would charge
    that timeout to one of them.
    """
    iopub, shell = kc.iopub_channel.socket, kc.shell_channel.socket
    poller = zmq.Poller()
    poller.register(iopub, zmq.POLLIN)
    poller.register(shell, zmq.POLLIN)
    start = time.perf_counter()
    msg_id = kc.execute(code, store_history=False)
    idle = replied = False
    mimes, error = set(), None
    deadline = start + timeout
    while not (idle and replied):
        left_ms = (deadline - time.perf_counter()) * 1000
        if left_ms <= 0:
            raise TimeoutError(f"cell did not finish in {timeout} s: {code[:60]!r}")
        ready = dict(poller.poll(left_ms))
        if iopub in ready:
            msg = kc.get_iopub_msg(timeout=0)
            if msg["parent_header"].get("msg_id") == msg_id:
                kind = msg["msg_type"]
                if kind == "status" and msg["content"]["execution_state"] == "idle":
                    idle = True
                elif kind in ("execute_result", "display_data"):
                    mimes.update(msg["content"]["data"].keys())
                elif kind == "error":
                    error = msg["content"]["ename"] + ": " + msg["content"]["evalue"]
        if shell in ready:
            reply = kc.get_shell_msg(timeout=0)
            if reply["parent_header"].get("msg_id") == msg_id:
                replied = True
                if reply["content"]["status"] != "ok" and error is None:
                    error = reply["content"].get("ename", "error")
    return time.perf_counter() - start, sorted(mimes), error


def pct(values, q):
    s = sorted(values)
    return s[min(len(s) - 1, int(round(q * (len(s) - 1))))]


def bench(name, runs, reps):
    out = {"kernel": name}
    km = KernelManager(kernel_name=name)
    t0 = time.perf_counter()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=180)
        out["start_ms"] = (time.perf_counter() - t0) * 1000
        pid = km.provisioner.process.pid
        time.sleep(1.0)  # let start-up work that runs after the reply settle before reading memory
        out["idle_rss_mb"], out["processes"] = tree_rss_mb(pid)
        _, _, err = run_cell(kc, "1 + 1")
        if err:
            raise RuntimeError(f"{name}: first 1 + 1 failed: {err}")
        out["first_cell_ms"] = (time.perf_counter() - t0) * 1000 - 1000  # without our 1 s pause
        setup, ndarray, chart = CELLS[name]
        _, _, err = run_cell(kc, setup)
        if err:
            raise RuntimeError(f"{name}: setup cell failed: {err}")
        time.sleep(1.0)
        out["busy_rss_mb"], out["busy_processes"] = tree_rss_mb(pid)
        trivial = []
        for _ in range(runs):
            seconds, _, err = run_cell(kc, "1 + 1")
            if err:
                raise RuntimeError(f"{name}: 1 + 1 failed: {err}")
            trivial.append(seconds * 1000)
        out["trivial_first_ms"] = trivial[0]
        steady = trivial[1:] or trivial
        out["trivial_p50_ms"], out["trivial_p95_ms"] = pct(steady, 0.5), pct(steady, 0.95)
        for key, code, want in (("ndarray", ndarray, "text/plain"), ("chart", chart, "image/png")):
            times = []
            for _ in range(reps):
                seconds, mimes, err = run_cell(kc, code)
                if err or want not in mimes:
                    raise RuntimeError(f"{name}: {key} cell gave {err or mimes}, expected {want}")
                times.append(seconds * 1000)
            out[key + "_first_ms"] = times[0]
            out[key + "_p50_ms"] = pct(times[1:] or times, 0.5)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)
    return out


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--runs", type=int, default=50, help="1 + 1 round trips per kernel")
    p.add_argument("--reps", type=int, default=5, help="runs of the ndarray and chart cells")
    p.add_argument("kernels", nargs="*", default=["cnnlab", "python3"])
    a = p.parse_args()
    for name in a.kernels:
        try:
            result = bench(name, a.runs, a.reps)
        except Exception as e:  # report and go on with the next kernel
            result = {"kernel": name, "error": f"{type(e).__name__}: {e}"}
        print("RESULT_JSON " + json.dumps(result), flush=True)


if __name__ == "__main__":
    sys.exit(main())
