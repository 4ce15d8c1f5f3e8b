#!/usr/bin/python3
"""PyTorch peer of cnnlab's TrainingBench: the seed CNN (Conv32-Pool-Conv64-Pool-Dense128-Dense10, valid 3x3
convolutions, 2x2 max-pools, ReLU) on Fashion-MNIST, Adam 1e-3 (constant, or decayed to 0 along a cosine per update
like cnnlab's LrSchedule.cosine(0)), batch 64, CPU threads fixed.

Prints one 'RESULT key=value' line per figure; TrainingBench reads them.
usage: seed_cnn.py [--epochs 5] [--threads 2] [--batch 64] [--limit N] [--data /usr/share/datasets/fashion-mnist]
       [--schedule constant|cosine]
       [--lockstep]   (print 'LOCKSTEP wait' and read a line from stdin before every epoch and after the last:
                       TrainingBench runs both sides in turn, epoch by epoch)
       seed_cnn.py --latency 1,64 [--reps 200] [--threads 2]   (inference latency, untrained weights)
"""
import argparse
import gzip
import math
import resource
import sys
import time

import numpy as np
import torch
from torch import nn


def idx(path, magic):
    with gzip.open(path, "rb") as f:
        raw = f.read()
    found = int.from_bytes(raw[0:4], "big")
    if found != magic:
        raise SystemExit(f"{path}: expected magic {magic}, found {found}")
    dims = raw[3]
    shape = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def load(data, part, limit):
    x = idx(f"{data}/{part}-images-idx3-ubyte.gz", 2051)[:limit]
    y = idx(f"{data}/{part}-labels-idx1-ubyte.gz", 2049)[:limit]
    return torch.from_numpy(x.astype(np.float32) / 255.0).unsqueeze(1), torch.from_numpy(y.astype(np.int64))


def seed_cnn():
    return nn.Sequential(
        nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(1600, 128), nn.ReLU(), nn.Linear(128, 10))


def latency(batches, reps, dev):
    """Like cnnlab's Latency: each call makes the input from a float array, predicts (softmax), copies back."""
    net = seed_cnn().to(dev).eval()
    print(f"RESULT engine=PyTorch {torch.__version__} {dev}, {torch.get_num_threads()} threads", flush=True)
    rng = np.random.default_rng(42)
    for b in batches:
        pixels = rng.random((b, 1, 28, 28), dtype=np.float32)
        times = []
        with torch.no_grad():
            for i in range(-max(5, reps // 10), reps):
                t = time.perf_counter()
                out = torch.softmax(net(torch.from_numpy(pixels.copy()).to(dev)), 1).cpu().numpy()
                if i >= 0:
                    times.append((time.perf_counter() - t) * 1000)
                assert out.size > 0
        times.sort()
        p95 = times[min(reps - 1, round(0.95 * (reps - 1)))]
        print(f"RESULT b{b}_p50_ms={times[reps // 2]:.3f} b{b}_p95_ms={p95:.3f}", flush=True)


def peak_rss_mb():
    """This process's peak resident memory: VmHWM, like the Java side. Not ru_maxrss, which Linux carries across
    exec: a child that Java starts with vfork would report the peak of the JVM that started it."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def turn():
    """Lockstep with the other side (TrainingBench): say we wait, then wait for the line that gives us the turn."""
    print("LOCKSTEP wait", flush=True)
    if not sys.stdin.readline():
        raise SystemExit("lockstep: the bench has gone")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--epochs", type=int, default=5)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--limit", type=int, default=None)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    p.add_argument("--latency", default=None, help="batch sizes, e.g. 1,64: time inference instead of training")
    p.add_argument("--reps", type=int, default=200)
    p.add_argument("--device", default="cpu", help="cpu or cuda")
    p.add_argument("--schedule", default="constant", choices=["constant", "cosine"], help="learning-rate schedule")
    p.add_argument("--lockstep", action="store_true", help="wait for a line on stdin before each epoch and after the last")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    if a.device != "cpu" and not torch.cuda.is_available():
        raise SystemExit(f"--device {a.device}: PyTorch sees no GPU")
    dev = torch.device(a.device)
    if a.latency:
        latency([int(b) for b in a.latency.split(",")], a.reps, dev)
        return
    torch.manual_seed(a.seed)
    xtr, ytr = load(a.data, "train", a.limit)
    xte, yte = load(a.data, "t10k", a.limit)
    net = seed_cnn().to(dev)
    params = sum(t.numel() for t in net.parameters())
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    n = xtr.shape[0]
    total = a.epochs * math.ceil(n / a.batch)  # updates in the run: update k (from 0) gets lr * cosine factor
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda k: 0.5 * (1 + math.cos(math.pi * min(1.0, k / total)))
                                              if a.schedule == "cosine" else 1.0)
    print(f"RESULT engine=PyTorch {torch.__version__} {dev}, {torch.get_num_threads()} threads", flush=True)
    print(f"RESULT params={params}", flush=True)
    for epoch in range(1, a.epochs + 1):
        if a.lockstep:
            turn()
        net.train()
        order = torch.randperm(n)
        start = time.perf_counter()
        loss_sum = torch.zeros((), device=dev)
        correct = torch.zeros((), dtype=torch.int64, device=dev)
        for b in range(0, n, a.batch):
            i = order[b:b + a.batch]
            x, y = xtr[i].to(dev), ytr[i].to(dev)
            out = net(x)
            loss = loss_fn(out, y)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            sched.step()
            with torch.no_grad():
                loss_sum += loss.detach() * y.shape[0]
                correct += (out.argmax(1) == y).sum()
        if dev.type == "cuda":
            torch.cuda.synchronize()  # GPU work is asynchronous: the epoch ends when it is done
        seconds = time.perf_counter() - start
        print(f"RESULT epoch={epoch} seconds={seconds:.3f} images_per_s={n / seconds:.1f} "
              f"loss={loss_sum.item() / n:.4f} accuracy={correct.item() / n:.4f}", flush=True)
    if a.lockstep:
        turn()
    net.eval()
    with torch.no_grad():
        hits = sum((net(xte[b:b + 1000].to(dev)).argmax(1).cpu() == yte[b:b + 1000]).sum().item() for b in range(0, len(yte), 1000))
    print(f"RESULT test_accuracy={hits / len(yte):.4f}", flush=True)
    print(f"RESULT peak_rss_mb={peak_rss_mb():.0f}", flush=True)


if __name__ == "__main__":
    main()
