#!/usr/bin/env python3
"""Combines what gpu/run.sh wrote into OUT/gpu-results.json and OUT/gpu-results.md.

Reads machine.txt, notes.txt, check-{cpu,gpu}.json, bench-{cnnlab,pytorch}-b{64,256}.json,
bench-{cnnlab,pytorch}-cpu2.json, compressed-{cpu,gpu}.json (CompressedInferenceRun) and notebook-*.json (HeadlessRun)
where present. Steady images/s is the median of epochs 2.., first/steady is the
first epoch's time over a steady epoch's. The accuracy check passes when the GPU run's test accuracy is within
1 point of the CPU run's. Stdlib only: it runs with whatever python the machine has.
usage: report.py OUT
"""
import glob
import json
import os
import statistics
import sys


def load(out, name):
    path = os.path.join(out, name)
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)


def steady(run):
    rates = run["images_per_s"]
    return statistics.median(rates[1:]) if len(rates) > 1 else rates[0]


def first_over_steady(run):
    return steady(run) / run["images_per_s"][0]


def fmt(v, spec="{:,.0f}"):
    return "-" if v is None else spec.format(v)


def main():
    out = sys.argv[1]
    machine = open(os.path.join(out, "machine.txt")).read().strip().splitlines()
    notes_path = os.path.join(out, "notes.txt")
    notes = open(notes_path).read().strip().splitlines() if os.path.exists(notes_path) else []
    gpu_mode = any(line == "mode: gpu" for line in machine)
    cpu, gpu = load(out, "check-cpu.json"), load(out, "check-gpu.json")
    result = {"machine": machine, "notes": notes, "checks": {}, "bench": []}

    if cpu and gpu:
        diff = gpu["test_accuracy"] - cpu["test_accuracy"]
        result["checks"]["accuracy_gpu_vs_cpu"] = {
            "cpu": cpu["test_accuracy"], "gpu": gpu["test_accuracy"], "difference_points": round(100 * diff, 2),
            "pass": abs(diff) <= 0.01, "epochs": cpu["epochs"], "train_images": cpu["train_images"]}
    elif cpu:
        result["checks"]["accuracy_gpu_vs_cpu"] = {"cpu": cpu["test_accuracy"], "gpu": None, "pass": None}

    for name in ("b64", "b256", "cpu2"):
        c, p = load(out, f"bench-cnnlab-{name}.json"), load(out, f"bench-pytorch-{name}.json")
        if not c and not p:
            continue
        row = {"setting": name, "cnnlab": c, "pytorch": p}
        if c:
            row["cnnlab_steady"] = steady(c)
            row["cnnlab_first_over_steady"] = round(first_over_steady(c), 2)
        if p:
            row["pytorch_steady"] = steady(p)
        if c and p:
            row["ratio_cnnlab_over_pytorch"] = round(steady(c) / steady(p), 3)
        result["bench"].append(row)

    gpu_rows = {r["setting"]: r for r in result["bench"]}
    if gpu_mode and "b64" in gpu_rows and "cpu2" in gpu_rows and "cnnlab_steady" in gpu_rows["cpu2"]:
        result["speedup_gpu_b64_over_cpu_2_threads"] = round(
            gpu_rows["b64"]["cnnlab_steady"] / gpu_rows["cpu2"]["cnnlab_steady"], 1)

    compressed = {side: load(out, f"compressed-{side}.json") for side in ("cpu", "gpu")}
    compressed = {k: v for k, v in compressed.items() if v}
    if compressed:
        result["compressed"] = compressed
    result["notebooks"] = []
    for path in sorted(glob.glob(os.path.join(out, "notebook-*.json"))):
        with open(path) as f:
            nb = json.load(f)
        result["notebooks"].append({
            "notebook": os.path.basename(nb["notebook"]), "status": nb["status"], "error": nb["error"],
            "seconds": nb["seconds"], "cells": len(nb["cells"]),
            "cells_ok": sum(c["status"] == "ok" for c in nb["cells"]),
            "checks_passed": nb["checks_passed"], "checks_failed": nb["checks_failed"]})

    tmp = os.path.join(out, ".gpu-results.json.tmp")
    with open(tmp, "w") as f:
        json.dump(result, f, indent=2)
    os.replace(tmp, os.path.join(out, "gpu-results.json"))

    md = ["# cnnlab on the GPU: seed CNN on Fashion-MNIST", ""]
    if not gpu_mode:
        md += ["**Dry run on the CPU (gpu/run.sh --cpu): these are not GPU figures.**", ""]
    md += ["```"] + machine + ["```", ""]
    acc = result["checks"].get("accuracy_gpu_vs_cpu")
    if acc and acc.get("gpu") is not None:
        verdict = "PASS" if acc["pass"] else "FAIL"
        md.append(f"Accuracy check ({acc['epochs']} epochs, {acc['train_images']:,} images): CPU {acc['cpu']:.4f}, "
                  f"GPU {acc['gpu']:.4f}, difference {acc['difference_points']:+.2f} points (limit 1): **{verdict}**")
        md.append("")
    md += ["| setting | cnnlab steady images/s | PyTorch steady images/s | cnnlab/PyTorch | cnnlab first/steady "
           "| test acc. cnnlab / PyTorch | GPU memory (cnnlab in use / PyTorch peak alloc., MB) |",
           "|---|---|---|---|---|---|---|"]
    for r in result["bench"]:
        c, p = r["cnnlab"], r["pytorch"]
        label = {"b64": "batch 64", "b256": "batch 256", "cpu2": "CPU 2 threads, batch 64"}[r["setting"]]
        if r["setting"] != "cpu2" and not gpu_mode:
            label += " (CPU)"
        md.append("| {} | {} | {} | {} | {} | {} / {} | {} / {} |".format(
            label, fmt(r.get("cnnlab_steady")), fmt(r.get("pytorch_steady")),
            fmt(r.get("ratio_cnnlab_over_pytorch"), "{:.2f}x"), fmt(r.get("cnnlab_first_over_steady"), "{:.2f}"),
            fmt(c and c["test_accuracy"], "{:.4f}"), fmt(p and p["test_accuracy"], "{:.4f}"),
            fmt(c and c.get("gpu_memory_used_mb")), fmt(p and p.get("gpu_peak_allocated_mb"))))
    if "speedup_gpu_b64_over_cpu_2_threads" in result:
        md += ["", f"GPU (batch 64) over CPU with 2 threads, cnnlab: {result['speedup_gpu_b64_over_cpu_2_threads']}x"]
    engines = {r["setting"]: (r["cnnlab"] or {}).get("describe") for r in result["bench"]}
    md += ["", "cnnlab: " + (engines.get("b64") or "-"),
           "PyTorch: " + ((gpu_rows.get("b64", {}).get("pytorch") or {}).get("describe") or "-"),
           "", "cnnlab trains with Fit (batches gathered on the host); PyTorch keeps the data set on the device. "
           "Steady = median of epochs 2.. ; first/steady = first epoch time / steady epoch time."]
    if compressed:
        md += ["", "Compressed-model inference (CompressedInferenceRun: seed CNN, 1 epoch, one-shot global magnitude pruning "
               "and per-channel int8, simulated with float arithmetic; ms/image include copying the output to the host):",
               "", "| side | model | test acc. | change (points) | agrees with dense | ms/image batch 256 | ms/image batch 1 |",
               "|---|---|---|---|---|---|---|"]
        for side, c in compressed.items():
            for m in c["models"]:
                md.append(f"| {side.upper()} ({c['device']}) | {m['model']} | {m['test_accuracy']:.4f} | "
                          f"{m['change_points']:+.2f} | {m['agreement_with_dense']:.4f} | {m['ms_per_image_b256']:.4f} | "
                          f"{m['ms_per_image_b1']:.4f} |")
        md += ["", "Compressed check (no compressed model more than {} points below dense): {}".format(
            next(iter(compressed.values()))["max_drop_points"],
            ", ".join(f"{side.upper()} **{'PASS' if c['pass'] else 'FAIL'}**" for side, c in compressed.items()))]
    if result["notebooks"]:
        md += ["", "Notebooks through the kernel's evaluator without Jupyter (HeadlessRun, CNNLAB_FAST=1):", "",
               "| notebook | status | code cells ok | checks passed | seconds |", "|---|---|---|---|---|"]
        for n in result["notebooks"]:
            status = "**PASS**" if n["status"] == "pass" else f"**FAIL**: {n['error']}"
            md.append(f"| {n['notebook']} | {status} | {n['cells_ok']} of {n['cells']} | {n['checks_passed']} | "
                      f"{n['seconds']:.1f} |")
    if notes:
        md += ["", "Notes:"] + [f"- {n}" for n in notes]
    tmp = os.path.join(out, ".gpu-results.md.tmp")
    with open(tmp, "w") as f:
        f.write("\n".join(md) + "\n")
    os.replace(tmp, os.path.join(out, "gpu-results.md"))
    print("\n".join(md))


if __name__ == "__main__":
    main()
