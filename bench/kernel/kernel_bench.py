#!/usr/bin/python3
"""Kernel benchmark for ./cnnlab bench: drives Jupyter kernels through jupyter_client, as a notebook would.

For each kernel name given (default: cnnlab python3) it measures
  start_ms      start_kernel() until the first kernel_info_reply (median of the starts)
  idle_rss_mb   resident memory of the kernel's whole process tree, a moment after start
  first_cell_ms start_kernel() until the first `1 + 1` has its result (a kernel may still be starting
                parts of itself after its kernel_info_reply)
  busy_rss_mb   the same tree's memory after the setup cell, idle again, everything started
  trivial_*     `1 + 1` round trip (execute_request until the reply and the idle status), p50/p95 over N runs
  ndarray_*     a cell that creates a 1000x1000 array and displays it (first run, then p50 of the rest)
  chart_*       a cell that builds a line chart and displays it as PNG (first run, then p50 of the rest)
and prints one line per kernel: RESULT_JSON {...}. ./cnnlab bench (KernelBench.java) reads those lines.
The kernels take turns for every measure (starts, then cell by cell, alternating which goes first), so a shared
machine's drifting speed falls on both alike; start_ms is the median of --starts starts.

With --first-cells N it measures fresh kernels instead (FirstCellsBench.java): --fresh starts of each kernel, in
turn, and in each start_kernel() until the first `1 + 1` result (first_result_ms), then, after --pause seconds,
the p50 of the next N `1 + 1` cells (first_cells_p50_ms, the median over the starts) and of the N after those
(later_cells_p50_ms). A kernel may be given as NAME:VAR=VALUE,... to start it with those environment variables
(e.g. cnnlab:CNNLAB_WARMUP=0), reported under that label.

usage: kernel_bench.py [--runs N] [--reps N] [--starts N] [KERNEL...]
       kernel_bench.py --first-cells N [--fresh N] [--pause S] [KERNEL[:VAR=VALUE,...]...]
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


class Session:
    """One started kernel with its client; t0 is when start_kernel() was called."""

    def __init__(self, name, env=None):
        self.name = name
        self.km = KernelManager(kernel_name=name)
        self.t0 = time.perf_counter()
        self.km.start_kernel(**({"env": {**os.environ, **env}} if env else {}))
        self.kc = self.km.client()
        self.kc.start_channels()
        try:
            self.kc.wait_for_ready(timeout=180)
        except Exception:
            self.stop()
            raise
        self.start_ms = (time.perf_counter() - self.t0) * 1000

    def cell(self, code, what, want=None):
        seconds, mimes, err = run_cell(self.kc, code)
        if err or (want and want not in mimes):
            raise RuntimeError(f"{self.name}: {what} gave {err or mimes}" + (f", expected {want}" if want else ""))
        return seconds * 1000

    def stop(self):
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=False)


def in_turn(names, rounds, errors, step):
    """Calls step(name, round) for every kernel in every round, alternating which kernel goes first, so that a
    machine whose speed drifts (a shared VM: up to 2x within a minute) slows both sides alike. A kernel whose step
    fails gets its error recorded and is left out of the later rounds."""
    for r in range(rounds):
        for name in (names if r % 2 == 0 else names[::-1]):
            if name in errors:
                continue
            try:
                step(name, r)
            except Exception as e:  # report it and go on with the other kernel
                errors[name] = f"{type(e).__name__}: {e}"


def bench(names, runs, reps, starts):
    """Every measure is taken from the kernels in turn, never one kernel's whole run after the other's."""
    outs = {n: {"kernel": n} for n in names}
    errors, sessions, start_ms = {}, {}, {n: [] for n in names}

    def start(name, r):  # each start alone: the other kernel is not running yet, or already idle
        s = Session(name)
        start_ms[name].append(s.start_ms)
        if r < starts - 1:
            s.stop()
            return
        sessions[name] = s  # the last start is kept for the cells, its first cell timed from start_kernel()
        out = outs[name]
        time.sleep(1.0)  # let start-up work that runs after the reply settle before reading memory
        out["idle_rss_mb"], out["processes"] = tree_rss_mb(s.km.provisioner.process.pid)
        s.cell("1 + 1", "first 1 + 1")
        out["first_cell_ms"] = (time.perf_counter() - s.t0) * 1000 - 1000  # without our 1 s pause
        s.cell(CELLS[name][0], "setup cell")

    in_turn(names, starts, errors, start)
    time.sleep(1.0)
    for name, s in sessions.items():
        if name not in errors:
            outs[name]["start_ms"] = statistics.median(start_ms[name])
            outs[name]["start_runs_ms"] = start_ms[name]
            outs[name]["busy_rss_mb"], outs[name]["busy_processes"] = tree_rss_mb(s.km.provisioner.process.pid)

    trivial = {n: [] for n in names}
    in_turn(names, runs, errors, lambda n, r: trivial[n].append(sessions[n].cell("1 + 1", "1 + 1")))
    for name in names:
        if trivial[name]:
            steady = trivial[name][1:] or trivial[name]
            outs[name]["trivial_first_ms"] = trivial[name][0]
            outs[name]["trivial_p50_ms"], outs[name]["trivial_p95_ms"] = pct(steady, 0.5), pct(steady, 0.95)
    for key, index, want in (("ndarray", 1, "text/plain"), ("chart", 2, "image/png")):
        times = {n: [] for n in names}
        in_turn(names, reps, errors, lambda n, r: times[n].append(sessions[n].cell(CELLS[n][index], key, want)))
        for name in names:
            if times[name]:
                outs[name][key + "_first_ms"] = times[name][0]
                outs[name][key + "_p50_ms"] = pct(times[name][1:] or times[name], 0.5)

    for s in sessions.values():
        try:
            s.stop()
        except Exception:
            pass
    for name, error in errors.items():
        outs[name] = {"kernel": name, "error": error}
    return [outs[n] for n in names]


def first_cells(labels, fresh, cells, pause):
    """Fresh kernels, in turn: start to first result, then the first `cells` 1 + 1 cells and the `cells` after."""
    outs = {l: {"kernel": l, "first_results_ms": [], "first_cells_p50_runs": [], "later_cells_p50_runs": []}
            for l in labels}
    errors = {}

    def one(label, r):
        name, _, env = label.partition(":")
        s = Session(name, dict(kv.split("=", 1) for kv in env.split(",")) if env else None)
        try:
            s.cell("1 + 1", "first 1 + 1")
            outs[label]["first_results_ms"].append((time.perf_counter() - s.t0) * 1000)
            time.sleep(pause)
            times = [s.cell("1 + 1", "1 + 1") for _ in range(2 * cells)]
            outs[label]["first_cells_p50_runs"].append(pct(times[:cells], 0.5))
            outs[label]["later_cells_p50_runs"].append(pct(times[cells:], 0.5))
        finally:
            s.stop()

    in_turn(labels, fresh, errors, one)
    for label, out in outs.items():
        if label in errors:
            outs[label] = {"kernel": label, "error": errors[label]}
            continue
        out["first_result_ms"] = statistics.median(out["first_results_ms"])
        out["first_cells_p50_ms"] = statistics.median(out["first_cells_p50_runs"])
        out["later_cells_p50_ms"] = statistics.median(out["later_cells_p50_runs"])
    return [outs[l] for l in labels]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--runs", type=int, default=50, help="1 + 1 round trips per kernel")
    p.add_argument("--reps", type=int, default=5, help="runs of the ndarray and chart cells")
    p.add_argument("--starts", type=int, default=3, help="starts per kernel (the median is reported)")
    p.add_argument("--first-cells", type=int, default=0, help="fresh kernels: p50 of their first N 1 + 1 cells")
    p.add_argument("--fresh", type=int, default=3, help="with --first-cells: starts per kernel")
    p.add_argument("--pause", type=float, default=0.0, help="with --first-cells: seconds after the first result")
    p.add_argument("kernels", nargs="*", default=["cnnlab", "python3"])
    a = p.parse_args()
    results = (first_cells(a.kernels, max(1, a.fresh), a.first_cells, a.pause) if a.first_cells > 0
               else bench(a.kernels, a.runs, a.reps, max(1, a.starts)))
    for result in results:
        print("RESULT_JSON " + json.dumps(result), flush=True)
    peer = next((r for r in results if r["kernel"] == "python3" and "error" not in r), None)
    for r in results if a.first_cells > 0 and peer else []:  # a summary for people: each kernel / ipykernel
        if "error" not in r:
            print(r["kernel"] + ": " + ", ".join("%s %.1f ms (%.2fx)" % (k, r[k], r[k] / peer[k]) for k in
                                                 ("first_result_ms", "first_cells_p50_ms", "later_cells_p50_ms")))


if __name__ == "__main__":
    sys.exit(main())
