#!/usr/bin/python3
"""The PyTorch reference for compare_training.py: the same networks, data, batch, optimizer
and thread count as bench_train.cpp, in plain PyTorch (Debian's python3-torch).

    /usr/bin/python3 bench_train.py --model resnet20|vgg --steps 30 --warmup 5 --batch 128 --threads 2 [--channels-last]

Prints one JSON line: images/s over the timed steps and the process's peak resident memory.
"""
import argparse
import gzip
import json
import resource
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

FASHION = "/usr/share/datasets/fashion-mnist"


class BasicBlock(nn.Module):
    def __init__(self, inp, planes, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(inp, planes, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.downsample = None
        if stride != 1 or inp != planes:
            self.downsample = nn.Sequential(nn.Conv2d(inp, planes, 1, stride, bias=False), nn.BatchNorm2d(planes))

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return F.relu(out + (self.downsample(x) if self.downsample is not None else x))


class ResNet20(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 16, 3, 1, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(16)
        layers, inp = [], 16
        for stage, planes in enumerate((16, 32, 64)):
            blocks = []
            for block in range(3):
                blocks.append(BasicBlock(inp, planes, 2 if stage > 0 and block == 0 else 1))
                inp = planes
            layers.append(nn.Sequential(*blocks))
        self.layer1, self.layer2, self.layer3 = layers
        self.fc = nn.Linear(64, 10)

    def forward(self, x):
        x = F.relu(self.bn1(self.conv1(x)))
        x = self.layer3(self.layer2(self.layer1(x)))
        return self.fc(torch.flatten(F.adaptive_avg_pool2d(x, 1), 1))


def vgg_style():
    layers, inp = [], 1
    for i, width in enumerate((32, 32, 64, 64)):
        layers += [nn.Conv2d(inp, width, 3, 1, 1, bias=False), nn.BatchNorm2d(width), nn.ReLU()]
        if i % 2 == 1:
            layers.append(nn.MaxPool2d(2, 2))
        inp = width
    return nn.Sequential(*layers, nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(64, 10))


def load_fashion():
    with gzip.open(f"{FASHION}/train-images-idx3-ubyte.gz") as f:
        images = np.frombuffer(f.read(), np.uint8, offset=16).reshape(-1, 1, 28, 28)
    with gzip.open(f"{FASHION}/train-labels-idx1-ubyte.gz") as f:
        labels = np.frombuffer(f.read(), np.uint8, offset=8)
    images = torch.from_numpy(images.copy()).float().div_(255)
    mean, std = images.mean().item(), images.std().item()
    return images.sub_(mean).div_(std), torch.from_numpy(labels.astype(np.int64))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default="resnet20")
    parser.add_argument("--steps", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--channels-last", action="store_true")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)

    images, labels = load_fashion()
    model = ResNet20() if args.model == "resnet20" else vgg_style()
    fmt = torch.channels_last if args.channels_last else torch.contiguous_format
    model = model.to(memory_format=fmt)
    model.train()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9, weight_decay=5e-4)
    order = torch.randperm(images.shape[0], generator=torch.Generator().manual_seed(0))

    def step(i):
        pick = order[i * args.batch:(i + 1) * args.batch]
        x = images[pick].contiguous(memory_format=fmt)
        loss = F.cross_entropy(model(x), labels[pick])
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
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    name = "pytorch-channels-last" if args.channels_last else "pytorch"
    print(json.dumps({"impl": name, "model": args.model, "images_per_second": round(args.steps * args.batch / seconds, 2),
                      "peak_rss_mb": round(peak_mb, 1), "threads": torch.get_num_threads(), "loss": round(loss, 4)}))


if __name__ == "__main__":
    main()
