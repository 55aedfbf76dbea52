#!/usr/bin/python3
"""Batch-1 inference latency: Slimbench's engine against PyTorch on the same models.

    /usr/bin/python3 tests/bench/latency_vs_pytorch.py [--cli build/release/app/slimbench-cli]
        [--threads 2] [--runs 40] [--rounds 3] [--batch 1] [--json]

Each model is built in PyTorch (Debian's python3-torch), given trained-looking BatchNorm
statistics, saved as TorchScript and opened by `slimbench-cli bench` from that file, so both
sides run the very same weights. Rounds alternate PyTorch and Slimbench so a slow spell of a
shared machine hits both; each figure is the median over rounds of per-round medians.

PyTorch is timed twice:
- "default eval": model.eval() under torch.inference_mode(), as most code runs it;
- "optimized": torch.jit.optimize_for_inference(torch.jit.script(model)) with a channels-last
  input, PyTorch's own folding and oneDNN path, which a user tuning for speed would take.
Slimbench runs as `bench` does by default: BatchNorm folded, channels-last, direct oneDNN.
The issue's goal: Slimbench batch-1 latency <= 0.25 x PyTorch's default eval.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

import torch
import torch.nn as nn
from torchvision.models import MobileNetV2

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


class BasicBlock(nn.Module):
    """The CIFAR ResNet block of He et al. 2016 with a 1x1 projection shortcut, as the zoo's."""

    def __init__(self, inp, planes, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(inp, planes, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.relu = nn.ReLU(inplace=True)
        self.shortcut = nn.Identity()
        if stride != 1 or inp != planes:
            self.shortcut = nn.Sequential(nn.Conv2d(inp, planes, 1, stride, bias=False), nn.BatchNorm2d(planes))

    def forward(self, x):
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return self.relu(out + self.shortcut(x))


class CifarResNet(nn.Module):
    def __init__(self, blocks_per_stage):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 16, 3, 1, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(16)
        self.relu = nn.ReLU(inplace=True)
        layers, inp = [], 16
        for stage, planes in enumerate((16, 32, 64)):
            for block in range(blocks_per_stage):
                layers.append(BasicBlock(inp, planes, 2 if stage > 0 and block == 0 else 1))
                inp = planes
        self.layers = nn.Sequential(*layers)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(64, 10)

    def forward(self, x):
        x = self.layers(self.relu(self.bn1(self.conv1(x))))
        return self.fc(torch.flatten(self.pool(x), 1))


def models():
    yield "resnet20", CifarResNet(3)
    yield "resnet56", CifarResNet(9)
    yield "mobilenetv2", MobileNetV2(num_classes=10)


def trained_looking(model):
    torch.manual_seed(0)
    for m in model.modules():
        if isinstance(m, nn.BatchNorm2d):
            m.running_mean.uniform_(-0.2, 0.2)
            m.running_var.uniform_(0.5, 1.5)
            m.weight.data.uniform_(0.5, 1.5)
            m.bias.data.uniform_(-0.2, 0.2)
    return model.eval()


def time_pytorch(model, x, runs, warmup):
    samples = []
    with torch.inference_mode():
        for i in range(warmup + runs):
            start = time.perf_counter()
            model(x)
            if i >= warmup:
                samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def time_slimbench(cli, path, batch, threads, runs, warmup):
    out = subprocess.run([cli, "bench", path, "--input", "3x32x32", "--batch", str(batch), "--threads", str(threads),
                          "--runs", str(runs), "--warmup", str(warmup), "--json"],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)["median_ms"]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cli", default=os.path.join(ROOT, "build", "release", "app", "slimbench-cli"))
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--batch", type=int, default=1)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)

    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for name, model in models():
            model = trained_looking(model)
            x = torch.randn(args.batch, 3, 32, 32)
            path = os.path.join(folder, name + ".pt")
            torch.jit.trace(model, x).save(path)
            optimized = torch.jit.optimize_for_inference(torch.jit.script(model))
            x_nhwc = x.contiguous(memory_format=torch.channels_last)
            default, tuned, ours = [], [], []
            for _ in range(args.rounds):
                default.append(time_pytorch(model, x, args.runs, args.warmup))
                tuned.append(time_pytorch(optimized, x_nhwc, args.runs, args.warmup))
                ours.append(time_slimbench(args.cli, path, args.batch, args.threads, args.runs, args.warmup))
            row = {"model": name, "batch": args.batch, "threads": args.threads,
                   "pytorch_default_ms": statistics.median(default), "pytorch_optimized_ms": statistics.median(tuned),
                   "slimbench_ms": statistics.median(ours)}
            row["ratio_to_default"] = row["slimbench_ms"] / row["pytorch_default_ms"]
            row["ratio_to_optimized"] = row["slimbench_ms"] / row["pytorch_optimized_ms"]
            rows.append(row)
            if not args.json:
                print(f"{name:12s} PyTorch default {row['pytorch_default_ms']:8.3f} ms | optimized "
                      f"{row['pytorch_optimized_ms']:8.3f} ms | Slimbench {row['slimbench_ms']:8.3f} ms | "
                      f"ratio {row['ratio_to_default']:.3f} of default, {row['ratio_to_optimized']:.3f} of optimized",
                      flush=True)
    if args.json:
        json.dump(rows, sys.stdout, indent=2)
        print()
    else:
        print(f"batch {args.batch}, {args.threads} threads, {args.rounds} rounds x {args.runs} runs; goal: ratio to "
              f"PyTorch's default eval <= 0.25")


if __name__ == "__main__":
    main()
