#!/usr/bin/python3
"""The PyTorch reference for compare_training.py: the same networks, data pipeline, batch,
optimizer and thread count as bench_train.cpp, in plain PyTorch (Debian's python3-torch),
written as torchvision writes these networks (in-place ReLU, in-place residual add).

    /usr/bin/python3 bench_train.py --model resnet20|vgg --steps 30 --warmup 5 --memory-steps 3 --batch 128 --threads 2 [--channels-last]

Data, as Slimbench's loader does it: the images stay uint8 in memory; each step takes a
shuffled batch of bytes, converts it to float, divides by 255 and normalises with the data
set's per-channel mean and standard deviation (population, in 0..1 units).

Prints one JSON line: images/s over the timed steps, and step_peak_mb: after warm-up and the
timed steps, the peak RSS over --memory-steps further steps minus the RSS just before them
(taken after malloc_trim, see start_memory_window(), so it holds the interpreter, data set,
model, gradients and optimizer state but no free heap memory). bench_train.cpp measures the
same way.
"""
import argparse
import ctypes
import gzip
import json
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

FASHION = "/usr/share/datasets/fashion-mnist"


def status_kib():
    """VmRSS and VmHWM (peak RSS since start or the last reset) of this process, in KiB."""
    values = {}
    with open("/proc/self/status") as f:
        for line in f:
            key = line.split(":", 1)[0]
            if key in ("VmRSS", "VmHWM"):
                values[key] = int(line.split()[1])
    return values["VmRSS"], values["VmHWM"]


def start_memory_window():
    """Hands glibc's free heap memory back to the system (malloc_trim) and sets VmHWM back to
    the current RSS (Linux: writing 5 to /proc/self/clear_refs); returns that RSS in KiB. The
    trim keeps memory freed earlier (data loading, earlier steps) out of the baseline, where
    it would hide the steps' own memory; bench_train.cpp does the same."""
    ctypes.CDLL("libc.so.6").malloc_trim(0)
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")
    return status_kib()[0]


def conv3x3(inp, out, stride=1):
    return nn.Conv2d(inp, out, 3, stride, 1, bias=False)


class BasicBlock(nn.Module):
    """torchvision.models.resnet.BasicBlock: in-place ReLU and in-place residual add."""

    def __init__(self, inp, planes, stride):
        super().__init__()
        self.conv1 = conv3x3(inp, planes, stride)
        self.bn1 = nn.BatchNorm2d(planes)
        self.relu = nn.ReLU(inplace=True)
        self.conv2 = conv3x3(planes, planes)
        self.bn2 = nn.BatchNorm2d(planes)
        self.downsample = None
        if stride != 1 or inp != planes:
            self.downsample = nn.Sequential(nn.Conv2d(inp, planes, 1, stride, bias=False), nn.BatchNorm2d(planes))

    def forward(self, x):
        identity = x
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        if self.downsample is not None:
            identity = self.downsample(x)
        out += identity
        return self.relu(out)


class ResNet20(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = conv3x3(1, 16)
        self.bn1 = nn.BatchNorm2d(16)
        self.relu = nn.ReLU(inplace=True)
        layers, inp = [], 16
        for stage, planes in enumerate((16, 32, 64)):
            blocks = []
            for block in range(3):
                blocks.append(BasicBlock(inp, planes, 2 if stage > 0 and block == 0 else 1))
                inp = planes
            layers.append(nn.Sequential(*blocks))
        self.layer1, self.layer2, self.layer3 = layers
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(64, 10)

    def forward(self, x):
        x = self.relu(self.bn1(self.conv1(x)))
        x = self.layer3(self.layer2(self.layer1(x)))
        return self.fc(torch.flatten(self.avgpool(x), 1))


def vgg_style():
    """Four 3×3 conv + BN + ReLU (in place, as torchvision's VGG), two max pools, GAP, linear."""
    layers, inp = [], 1
    for i, width in enumerate((32, 32, 64, 64)):
        layers += [nn.Conv2d(inp, width, 3, 1, 1, bias=False), nn.BatchNorm2d(width), nn.ReLU(inplace=True)]
        if i % 2 == 1:
            layers.append(nn.MaxPool2d(2, 2))
        inp = width
    return nn.Sequential(*layers, nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(64, 10))


def load_fashion():
    """uint8 N×1×28×28 images, int64 labels, and the per-channel mean and std in 0..1 units."""
    with gzip.open(f"{FASHION}/train-images-idx3-ubyte.gz") as f:
        images = np.frombuffer(f.read(), np.uint8, offset=16).reshape(-1, 1, 28, 28)
    with gzip.open(f"{FASHION}/train-labels-idx1-ubyte.gz") as f:
        labels = np.frombuffer(f.read(), np.uint8, offset=8)
    # Exact statistics from the byte histogram (one channel), as Slimbench computes them in double.
    counts = np.bincount(images.reshape(-1), minlength=256).astype(np.float64)
    values = np.arange(256, dtype=np.float64) / 255.0
    mean = (counts * values).sum() / counts.sum()
    std = np.sqrt(max((counts * values * values).sum() / counts.sum() - mean * mean, 1e-12))
    return torch.from_numpy(images.copy()), torch.from_numpy(labels.astype(np.int64)), mean, std


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default="resnet20")
    parser.add_argument("--steps", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--memory-steps", type=int, default=3)
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--channels-last", action="store_true")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)

    images, labels, mean, std = load_fashion()
    model = ResNet20() if args.model == "resnet20" else vgg_style()
    fmt = torch.channels_last if args.channels_last else torch.contiguous_format
    model = model.to(memory_format=fmt)
    model.train()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9, weight_decay=5e-4)
    order = torch.randperm(images.shape[0], generator=torch.Generator().manual_seed(0))

    batches = images.shape[0] // args.batch

    def step(i):
        pick = order[(i % batches) * args.batch:(i % batches + 1) * args.batch]
        x = images.index_select(0, pick).float().div_(255.0).sub_(mean).div_(std).contiguous(memory_format=fmt)
        loss = F.cross_entropy(model(x), labels.index_select(0, pick))
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        return loss.item()

    for i in range(args.warmup):
        step(i)
    start = time.perf_counter()
    loss = 0.0
    for i in range(args.steps):
        loss = step(args.warmup + i)
    seconds = time.perf_counter() - start
    # Memory: further steps after the timed ones, so measuring cannot slow the timed steps.
    rss_before = start_memory_window()
    for i in range(args.memory_steps):
        step(args.warmup + args.steps + i)
    _, peak = status_kib()
    name = "pytorch-channels-last" if args.channels_last else "pytorch"
    print(json.dumps({"impl": name, "model": args.model, "images_per_second": round(args.steps * args.batch / seconds, 2),
                      "step_peak_mb": round((peak - rss_before) / 1024.0, 1), "rss_before_steps_mb": round(rss_before / 1024.0, 1),
                      "threads": torch.get_num_threads(), "loss": round(loss, 4)}))

if __name__ == "__main__":
    main()
