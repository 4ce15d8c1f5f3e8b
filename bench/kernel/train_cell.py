#!/usr/bin/python3
"""Trains the seed CNN in a notebook cell of the real cnnlab kernel, driven through jupyter_client as JupyterLab
drives it, and reports like TrainingBench's worker: one 'RESULT key=value' line per figure. TrainingBench runs it
beside the worker to measure what a student gets in a notebook against what the bench worker gets.

The cell trains as a lesson does (Fit with its progress bar in the notebook); its engine and threads come from the
environment the kernel inherits (CNNLAB_ENGINE, OMP_NUM_THREADS). With --lockstep the cell takes turns with the
other sides: before every epoch and after the last it prints 'LOCKSTEP wait' and blocks on a FIFO; this script relays
the line to its own stdout, waits for a line on its stdin, then writes to the FIFO.

usage: train_cell.py [--epochs 3] [--batch 64] [--limit 20000] [--seed 42] [--schedule cosine|constant] [--lockstep]
"""
import argparse
import os
import sys
import tempfile

from jupyter_client.manager import KernelManager

SETUP = """
var benchTrain = FashionMnist.load().train();
if ({limit} > 0 && {limit} < benchTrain.size()) benchTrain = benchTrain.slice(0, {limit});
var benchTest = FashionMnist.load().test();
if ({limit} > 0 && {limit} < benchTest.size()) benchTest = benchTest.slice(0, {limit});
var benchNet = Sequential.input(1, 28, 28).seed({seed}).conv2d(32, 3).relu().maxPool(2).conv2d(64, 3).relu()
        .maxPool(2).flatten().dense(128).relu().dense(10).softmax().build();
System.out.println("RESULT engine=" + Devices.describe());
System.out.println("RESULT params=" + benchNet.parameterCount());
"""

TRAIN = """
var benchTurns = new Callback() {{
    void await() {{
        if ({fifo} == null) return;
        System.out.println("LOCKSTEP wait");
        System.out.flush();
        try (var r = java.nio.file.Files.newBufferedReader(java.nio.file.Path.of({fifo}))) {{
            if (r.readLine() == null) throw new IllegalStateException("lockstep: the bench has gone");
        }} catch (java.io.IOException e) {{
            throw new java.io.UncheckedIOException(e);
        }}
    }}
    @Override public void onTrainBegin(TrainingState s) {{ await(); }}
    @Override public void onEpochEnd(TrainingState s, EpochStats e) {{
        System.out.printf(java.util.Locale.ROOT, "RESULT epoch=%d seconds=%.3f images_per_s=%.1f loss=%.4f accuracy=%.4f%n",
                e.epoch(), benchTrain.size() / e.imagesPerSecond(), e.imagesPerSecond(), e.loss(), e.accuracy());
        await();  // outside the epoch's clock: Fit starts it after the callbacks
    }}
}};
var benchHistory = Fit.of(benchNet).adam(1e-3).lrSchedule(LrSchedule.{schedule}).batchSize({batch}).epochs({epochs})
        .seed({seed}).callbacks(benchTurns).run(benchTrain);
int[] benchPredicted = benchNet.predictClasses(benchTest);
int benchHits = 0;
for (int i = 0; i < benchPredicted.length; i++) if (benchPredicted[i] == benchTest.label(i)) benchHits++;
System.out.printf(java.util.Locale.ROOT, "RESULT test_accuracy=%.4f%n", benchHits / (double) benchPredicted.length);
long benchRss = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status")).stream()
        .filter(l -> l.startsWith("VmHWM:")).mapToLong(l -> Long.parseLong(l.replaceAll("\\\\D", "")) / 1024).findFirst().orElse(-1);
System.out.println("RESULT peak_rss_mb=" + benchRss);
"""


def run_cell(kc, code, fifo):
    """Executes code; relays stream lines; on 'LOCKSTEP wait' waits for our turn and passes it on through the FIFO."""
    msg_id = kc.execute(code, store_history=False)
    pending = ""
    while True:
        msg = kc.get_iopub_msg(timeout=3600)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind, content = msg["msg_type"], msg["content"]
        if kind == "stream":
            pending += content["text"]
            while "\n" in pending:
                line, pending = pending.split("\n", 1)
                if line.startswith("RESULT ") or line == "LOCKSTEP wait":
                    print(line, flush=True)
                else:
                    print("  cell: " + line, file=sys.stderr, flush=True)
                if line == "LOCKSTEP wait":
                    if not sys.stdin.readline():
                        raise SystemExit("lockstep: the bench has gone")
                    with open(fifo, "w") as f:
                        f.write("go\n")
        elif kind == "error":
            raise SystemExit("the cell failed: " + content["ename"] + ": " + content["evalue"] + "\n"
                             + "\n".join(content["traceback"])[:4000])
        elif kind == "status" and content["execution_state"] == "idle":
            return


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--limit", type=int, default=20000)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--schedule", default="cosine", choices=["constant", "cosine"])
    p.add_argument("--lockstep", action="store_true")
    a = p.parse_args()
    schedule = "cosine(0)" if a.schedule == "cosine" else "constant()"
    with tempfile.TemporaryDirectory(prefix="cnnlab-cell-") as tmp:
        fifo = os.path.join(tmp, "turn")
        if a.lockstep:
            os.mkfifo(fifo)
        km = KernelManager(kernel_name="cnnlab")
        km.start_kernel()
        try:
            kc = km.client()
            kc.start_channels()
            kc.wait_for_ready(timeout=300)
            run_cell(kc, SETUP.format(limit=a.limit, seed=a.seed), fifo)
            java_fifo = '"' + fifo + '"' if a.lockstep else "(String) null"
            run_cell(kc, TRAIN.format(fifo=java_fifo, schedule=schedule, batch=a.batch, epochs=a.epochs, seed=a.seed),
                     fifo)
            kc.stop_channels()
        finally:
            km.shutdown_kernel(now=True)


if __name__ == "__main__":
    main()
