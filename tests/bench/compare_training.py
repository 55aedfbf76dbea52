#!/usr/bin/python3
"""Slimbench training speed and memory against PyTorch, like for like, side by side in one run.

    /usr/bin/python3 tests/bench/compare_training.py [--runs 5] [--steps 30] [--warmup 5]
        [--memory-steps 3] [--threads 2] [--models resnet20,vgg]
        [--binary build/release/tests/bench/bench_train]

For ResNet-20 and the VGG-style net on Fashion-MNIST (batch 128, SGD with momentum and weight
decay, cross-entropy) it runs bench_train (Slimbench, channels-last) and bench_train.py
(PyTorch), rotating their order each round, and prints the median of each figure.

Both sides do the same work end to end:
  - data: uint8 images in memory; each step takes a shuffled batch of bytes, converts it to
    float, divides by 255 and normalises with the data set's mean and std (Slimbench's loader
    does this on its one background worker, the reference in the training loop);
  - allocator: the headline reference runs with the glibc malloc settings Slimbench applies to
    itself in engine/core/runtime.cpp (mmap threshold 32 MiB, trim threshold 1 GiB), given to
    PyTorch as MALLOC_MMAP_THRESHOLD_ / MALLOC_TRIM_THRESHOLD_;
  - layout: the reference is the faster of PyTorch's default layout and channels-last (both
    with those malloc settings); Slimbench trains channels-last;
  - networks: the reference is written as torchvision writes them (in-place ReLU, in-place
    residual add).
Plain PyTorch channels-last (glibc defaults) is printed for information only.

Memory (step peak), read the same way on both sides from /proc/self/status: after warm-up and
the timed steps, each side hands glibc's free heap memory back (malloc_trim), resets the peak
(writing 5 to /proc/self/clear_refs), reads VmRSS, runs --memory-steps more steps and reads
VmHWM; the figure is VmHWM minus that VmRSS. So it is what a training step adds on top of the
live state (interpreter or runtime, the uint8 data set, model, gradients, optimizer state):
activations, autograd buffers, the float batch, kernel workspaces and what the allocator keeps
during the steps. Without the trim, memory freed while loading or in earlier steps stays
resident on the heap and later steps reuse it without it showing as growth; measuring in extra
steps leaves the timed ones untouched by the page faults that follow the trim.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SLIMBENCH_MALLOC = ["MALLOC_MMAP_THRESHOLD_=33554432", "MALLOC_TRIM_THRESHOLD_=1073741824"]


def run(command):
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--steps", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--memory-steps", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--models", default="resnet20,vgg")
    parser.add_argument("--binary", default=os.path.join(HERE, "..", "..", "build", "release", "tests", "bench", "bench_train"))
    args = parser.parse_args()
    common = ["--steps", str(args.steps), "--warmup", str(args.warmup), "--memory-steps", str(args.memory_steps),
              "--threads", str(args.threads)]
    python = ["/usr/bin/python3", os.path.join(HERE, "bench_train.py")]
    for model in args.models.split(","):
        contenders = {
            "slimbench": [args.binary, "--model", model, "--channels-last", "1"] + common,
            "pytorch+malloc": ["env"] + SLIMBENCH_MALLOC + python + ["--model", model] + common,
            "pytorch-channels-last+malloc": ["env"] + SLIMBENCH_MALLOC + python + ["--model", model, "--channels-last"] + common,
            "pytorch-channels-last (plain)": python + ["--model", model, "--channels-last"] + common,
        }
        names = list(contenders)
        results = {name: [] for name in names}
        for r in range(args.runs):
            for k in range(len(names)):
                name = names[(k + r) % len(names)]
                results[name].append(run(contenders[name]))
        print(f"{model}, batch 128, {args.threads} threads, {args.warmup} warm-up + {args.steps} timed steps "
              f"(+ {args.memory_steps} for memory), median of {args.runs} rotated runs:")
        medians = {}
        for name in names:
            rates = [r["images_per_second"] for r in results[name]]
            memory = [r["step_peak_mb"] for r in results[name]]
            medians[name] = (statistics.median(rates), statistics.median(memory))
            print(f"  {name:30s} {medians[name][0]:8.1f} img/s   step peak {medians[name][1]:6.1f} MB   "
                  f"(runs: {', '.join(f'{x:.0f}' for x in rates)} img/s; {', '.join(f'{x:.0f}' for x in memory)} MB)")
        reference = max(("pytorch+malloc", "pytorch-channels-last+malloc"), key=lambda n: medians[n][0])
        ours = medians["slimbench"]
        plain = medians["pytorch-channels-last (plain)"]
        print(f"  slimbench / {reference}: speed {ours[0] / medians[reference][0]:.3f}x, "
              f"step peak memory {ours[1] / medians[reference][1]:.3f}x")
        print(f"  (for information, slimbench / pytorch-channels-last (plain): speed {ours[0] / plain[0]:.3f}x, "
              f"step peak memory {ours[1] / plain[1]:.3f}x)\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
