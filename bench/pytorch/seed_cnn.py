#!/usr/bin/python3
"""PyTorch peer of cnnlab's TrainingBench: the seed CNN (Conv32-Pool-Conv64-Pool-Dense128-Dense10, valid 3x3
convolutions, 2x2 max-pools, ReLU) on Fashion-MNIST, Adam 1e-3, batch 64, CPU threads fixed.

Prints one 'RESULT key=value' line per figure; TrainingBench reads them.
usage: seed_cnn.py [--epochs 5] [--threads 2] [--limit N] [--data /usr/share/datasets/fashion-mnist]
"""
import argparse
import gzip
import resource
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


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--epochs", type=int, default=5)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--limit", type=int, default=None)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    xtr, ytr = load(a.data, "train", a.limit)
    xte, yte = load(a.data, "t10k", a.limit)
    net = nn.Sequential(
        nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(1600, 128), nn.ReLU(), nn.Linear(128, 10))
    params = sum(t.numel() for t in net.parameters())
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    n = xtr.shape[0]
    print(f"RESULT engine=PyTorch {torch.__version__} cpu, {torch.get_num_threads()} threads", flush=True)
    print(f"RESULT params={params}", flush=True)
    for epoch in range(1, a.epochs + 1):
        net.train()
        order = torch.randperm(n)
        start = time.perf_counter()
        loss_sum = torch.zeros(())
        correct = torch.zeros((), dtype=torch.int64)
        for b in range(0, n, a.batch):
            i = order[b:b + a.batch]
            x, y = xtr[i], ytr[i]
            out = net(x)
            loss = loss_fn(out, y)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            with torch.no_grad():
                loss_sum += loss.detach() * y.shape[0]
                correct += (out.argmax(1) == y).sum()
        seconds = time.perf_counter() - start
        print(f"RESULT epoch={epoch} seconds={seconds:.3f} images_per_s={n / seconds:.1f} "
              f"loss={loss_sum.item() / n:.4f} accuracy={correct.item() / n:.4f}", flush=True)
    net.eval()
    with torch.no_grad():
        hits = sum((net(xte[b:b + 1000]).argmax(1) == yte[b:b + 1000]).sum().item() for b in range(0, len(yte), 1000))
    print(f"RESULT test_accuracy={hits / len(yte):.4f}", flush=True)
    print(f"RESULT peak_rss_mb={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}", flush=True)


if __name__ == "__main__":
    main()
