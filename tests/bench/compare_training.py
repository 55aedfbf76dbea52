#!/usr/bin/python3
"""Slimbench training speed and memory against PyTorch, side by side in one run.

    /usr/bin/python3 tests/bench/compare_training.py [--runs 5] [--steps 30] [--threads 2]
        [--binary build/release/tests/bench/bench_train]

For ResNet-20 and the VGG-style net on Fashion-MNIST (batch 128), runs bench_train (Slimbench,
which trains channels-last), bench_train.py (PyTorch, default layout) and bench_train.py
--channels-last, rotating their order each round, and prints the median images/s and peak RSS
of each, and Slimbench's ratio to the faster PyTorch layout (the reference). For information it
also runs PyTorch channels-last with the glibc allocator settings Slimbench applies to itself
(engine/core/runtime.cpp), which shows how much of the margin is that one setting.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def run(command):
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--steps", type=int, default=30)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--binary", default=os.path.join(HERE, "..", "..", "build", "release", "tests", "bench", "bench_train"))
    args = parser.parse_args()
    common = ["--steps", str(args.steps), "--threads", str(args.threads)]
    for model in ("resnet20", "vgg"):
        contenders = {
            "slimbench": [args.binary, "--model", model, "--channels-last", "1"] + common,
            "pytorch": ["/usr/bin/python3", os.path.join(HERE, "bench_train.py"), "--model", model] + common,
            "pytorch-channels-last": ["/usr/bin/python3", os.path.join(HERE, "bench_train.py"), "--model", model,
                                      "--channels-last"] + common,
            "pytorch-channels-last+malloc": ["env", "MALLOC_MMAP_THRESHOLD_=33554432", "MALLOC_TRIM_THRESHOLD_=1073741824",
                                             "/usr/bin/python3", os.path.join(HERE, "bench_train.py"), "--model", model,
                                             "--channels-last"] + common,
        }
        names = list(contenders)
        results = {name: [] for name in names}
        for r in range(args.runs):
            for k in range(len(names)):
                name = names[(k + r) % len(names)]
                results[name].append(run(contenders[name]))
        print(f"{model}, batch 128, {args.threads} threads, {args.steps} timed steps, median of {args.runs} rotated runs:")
        medians = {}
        for name in names:
            rates = [r["images_per_second"] for r in results[name]]
            memory = [r["peak_rss_mb"] for r in results[name]]
            medians[name] = (statistics.median(rates), statistics.median(memory))
            print(f"  {name:30s} {medians[name][0]:8.1f} img/s   peak RSS {medians[name][1]:7.1f} MB   "
                  f"(runs: {', '.join(f'{x:.0f}' for x in rates)})")
        reference = max(("pytorch", "pytorch-channels-last"), key=lambda n: medians[n][0])
        ours = medians["slimbench"]
        tuned = medians["pytorch-channels-last+malloc"]
        print(f"  slimbench / {reference}: speed {ours[0] / medians[reference][0]:.3f}x, "
              f"peak memory {ours[1] / medians[reference][1]:.3f}x")
        print(f"  (slimbench / pytorch-channels-last+malloc: speed {ours[0] / tuned[0]:.3f}x, "
              f"peak memory {ours[1] / tuned[1]:.3f}x)\n")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
