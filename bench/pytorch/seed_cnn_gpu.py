#!/usr/bin/env python3
"""PyTorch peer of cnnlab's GpuTrainingRun for the GPU bench: the seed CNN (Conv32-Pool-Conv64-Pool-Dense128-Dense10,
valid 3x3 convolutions, 2x2 max-pools, ReLU), Adam 1e-3, on Fashion-MNIST, with the whole data set resident on the
device (one copy up front, batches gathered there), loss and accuracy summed on the device and read once per epoch.

Prints one JSON object with the same keys as dev.cnnlab.tools.GpuTrainingRun (images_per_s per epoch, test_accuracy, ...).
usage: seed_cnn_gpu.py [--device cuda|cpu] [--batch 64] [--epochs 5] [--limit N] [--test-limit N]
                       [--data DIR] [--cudnn-benchmark] [--threads N] [--out FILE]
DIR holds the four IDX files, raw or .gz (default /usr/share/datasets/fashion-mnist).
"""
import argparse
import gzip
import json
import os
import time

import numpy as np
import torch
from torch import nn


def idx(path, magic):
    opener = gzip.open if os.path.exists(path + ".gz") else open
    with opener(path + ".gz" if opener is gzip.open else path, "rb") as f:
        raw = f.read()
    found = int.from_bytes(raw[0:4], "big")
    if found != magic:
        raise SystemExit(f"{path}: expected magic {magic}, found {found}")
    dims = raw[3]
    shape = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def load(data, part, limit, device):
    x = idx(f"{data}/{part}-images-idx3-ubyte", 2051)
    y = idx(f"{data}/{part}-labels-idx1-ubyte", 2049)
    if limit:
        x, y = x[:limit], y[:limit]
    x = torch.from_numpy(x.astype(np.float32) / 255.0).unsqueeze(1).to(device)
    return x, torch.from_numpy(y.astype(np.int64)).to(device)


def sync(device):
    if device.type == "cuda":
        torch.cuda.synchronize(device)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--device", default="cuda")
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--epochs", type=int, default=5)
    p.add_argument("--limit", type=int, default=0)
    p.add_argument("--test-limit", type=int, default=0)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--threads", type=int, default=0, help="CPU threads (0: PyTorch's default)")
    p.add_argument("--cudnn-benchmark", action="store_true")
    p.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    p.add_argument("--out")
    a = p.parse_args()
    if a.device.startswith("cuda") and not torch.cuda.is_available():
        raise SystemExit("--device cuda, but torch sees no CUDA device: use --device cpu")
    device = torch.device(a.device)
    if a.threads:
        torch.set_num_threads(a.threads)
    torch.backends.cudnn.benchmark = a.cudnn_benchmark
    torch.manual_seed(a.seed)
    xtr, ytr = load(a.data, "train", a.limit, device)
    xte, yte = load(a.data, "t10k", a.test_limit, device)
    net = nn.Sequential(
        nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(1600, 128), nn.ReLU(), nn.Linear(128, 10)).to(device)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    n = xtr.shape[0]
    if device.type == "cuda":
        torch.cuda.reset_peak_memory_stats(device)
    rates, seconds = [], []
    loss_sum = torch.zeros((), device=device)
    correct = torch.zeros((), dtype=torch.int64, device=device)
    for _ in range(a.epochs):
        net.train()
        order = torch.randperm(n, device=device)
        loss_sum.zero_()
        correct.zero_()
        sync(device)
        start = time.perf_counter()
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
        train_loss, train_acc = loss_sum.item() / n, correct.item() / n  # the epoch's only host sync
        took = time.perf_counter() - start
        seconds.append(round(took, 3))
        rates.append(round(n / took, 1))
    net.eval()
    with torch.no_grad():
        hits = sum((net(xte[b:b + 1000]).argmax(1) == yte[b:b + 1000]).sum().item() for b in range(0, len(yte), 1000))
    gpu_name = torch.cuda.get_device_name(device) if device.type == "cuda" else None
    result = {
        "check": "seed-cnn-pytorch",
        "engine": f"PyTorch {torch.__version__}",
        "describe": f"PyTorch {torch.__version__} eager on {gpu_name or 'cpu'}, {torch.get_num_threads()} CPU threads, "
                    f"data resident on {device}, cudnn.benchmark={a.cudnn_benchmark}",
        "use_gpu": device.type == "cuda",
        "devices": [str(device)],
        "cpu_threads": torch.get_num_threads(),
        "params": sum(t.numel() for t in net.parameters()),
        "train_images": n,
        "test_images": int(len(yte)),
        "epochs": a.epochs,
        "batch": a.batch,
        "seed": a.seed,
        "images_per_s": rates,
        "seconds": seconds,
        "train_loss": round(train_loss, 4),
        "train_accuracy": round(train_acc, 4),
        "test_accuracy": round(hits / len(yte), 4),
        "gpu_peak_allocated_mb": round(torch.cuda.max_memory_allocated(device) / 2**20) if gpu_name else None,
        "cuda": torch.version.cuda,
    }
    text = json.dumps(result)
    print(text, flush=True)
    if a.out:
        tmp = a.out + ".tmp"
        with open(tmp, "w") as f:
            f.write(text + "\n")
        os.replace(tmp, a.out)


if __name__ == "__main__":
    main()
