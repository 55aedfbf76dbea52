#!/usr/bin/python3
"""The training-time pruning methods compared on Fashion-MNIST, as the figures of the
pruning-methods issue ask: every comparison is a set of compression recipes run with
`slimbench-cli run` from the bundled baselines, with the same data, seed and fine-tune budget
for each method, and one table per comparison read back from the runs' summary.csv.

    /usr/bin/python3 tests/bench/pruning_methods.py --cli build/release/app/slimbench-cli \
        --out /tmp/methods [--steps 150] [--only lenet-dns,resnet-schedules,...]

Comparisons (--only picks some):
  resnet-criteria   ResNet-20 at 50 % of the MACs: L1, network slimming, random, Taylor
  vgg-slimming      network slimming on VGG-11, 70 % of the channels: top-1 before, right
                    after the cut and after fine-tuning, and the γ histogram sparsity training made
  lenet-dns         LeNet-5, dynamic network surgery vs one-shot magnitude at the same sparsity
  resnet-schedules  ResNet-20 at 80 % unstructured sparsity: progressive (k = 3), equal steps, one-shot
  resnet-admm       ResNet-20, half the channels of every group: ADMM + purification vs L1

--steps caps every epoch at that many batches of 128 (the budget; 0 = whole epochs, 469 steps).
Runs that already have a summary.csv under --out are read, not run again, so the script can
be stopped and resumed. Prints the tables as Markdown.
"""
import argparse
import csv
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
BASELINES = os.path.join(ROOT, "resources", "baselines")
FASHION = "/usr/share/datasets/fashion-mnist"


def base_recipe(model, steps, lr=0.01, schedule="cosine"):
    """The fine-tuning settings every method shares: the baselines' augmentation and SGD,
    a lower learning rate, cosine decay (per epoch: a one-epoch stage keeps `lr` throughout,
    so comparisons of stages of different lengths use a constant rate), one seed."""
    return {
        "kind": "compress",
        "model": model,
        "dataset": {"path": FASHION, "validation": "test"},
        "transforms": {"crop_padding": 2, "horizontal_flip": True, "normalize": True},
        "optimizer": {"name": "sgd", "lr": lr, "momentum": 0.9, "nesterov": True, "weight_decay": 5e-4},
        "schedule": {"name": schedule},
        "batch_size": 128,
        "seed": 0,
        "max_steps_per_epoch": steps,
    }


def baseline(name):
    return {"file": os.path.join(BASELINES, name + "-fashion-mnist.slim")}


def run(cli, out, name, recipe):
    """Runs one recipe into OUT/NAME unless it already ran; returns its summary rows."""
    folder = os.path.join(out, name)
    summary = os.path.join(folder, "summary.csv")
    if not os.path.exists(summary) or not recipe_matches(folder, recipe):
        if os.path.exists(folder):
            subprocess.run(["rm", "-rf", folder], check=True)
        os.makedirs(out, exist_ok=True)
        recipe = dict(recipe, output_dir=name)
        path = os.path.join(out, name + ".json")
        with open(path, "w") as f:
            json.dump(recipe, f, indent=2)
        start = time.time()
        print(f"running {name} ...", file=sys.stderr, flush=True)
        subprocess.run([cli, "run", path], check=True, stdout=subprocess.DEVNULL)
        print(f"  {name}: {time.time() - start:.0f} s", file=sys.stderr, flush=True)
    with open(summary) as f:
        return list(csv.DictReader(f))


def recipe_matches(folder, recipe):
    """Whether the run in `folder` was made by this recipe (its JSON beside it)."""
    path = folder + ".json"
    if not os.path.exists(path):
        return False
    with open(path) as f:
        written = json.load(f)
    written.pop("output_dir", None)
    return written == recipe


def top1(row):
    return float(row["top1"]) if row["top1"] else float("nan")


def pct(value):
    return f"{100 * value:.2f}"


def csv_rows(path):
    with open(path) as f:
        return list(csv.DictReader(f))


def resnet_criteria(cli, out, steps):
    print("\n### ResNet-20, 50 % of the MACs kept: criteria (Fashion-MNIST test top-1, %)\n")
    print("| method | sparsity training | top-1 right after the cut | top-1 after fine-tuning | MACs kept | params kept |")
    print("|---|---|---|---|---|---|")
    finetune = {"finetune": {"epochs": 2}}
    cut = {"target_macs": 0.5, "recalibrate": 20}
    methods = [
        ("l1", [], "L1 filter norm"),
        ("random", [], "random"),
        ("taylor", [], "first-order Taylor"),
        ("bn", [{"finetune": {"epochs": 1, "bn_l1": 5e-3}}], "network slimming (BN |γ|)"),
    ]
    for method, before, label in methods:
        recipe = base_recipe(baseline("resnet20"), steps)
        recipe["stages"] = before + [{"prune": dict(cut, method=method)}, finetune]
        rows = run(cli, out, "criteria-" + method, recipe)
        prune = next(r for r in rows if r["kind"] == "prune")
        first = rows[0] if before else prune
        macs0, params0 = base_cost(cli, out, "resnet20")
        print(f"| {label} | {'1 epoch, λ = 5e-3' if before else '—'} | {pct(top1(prune))} | {pct(top1(rows[-1]))} "
              f"| {int(prune['macs']) / macs0:.3f} | {int(prune['params']) / params0:.3f} |")


def base_cost(cli, out, model):
    """The baseline's MACs and parameters, from `slimbench-cli info --json`."""
    result = subprocess.run([cli, "info", os.path.join(BASELINES, model + "-fashion-mnist.slim"), "--json"],
                            check=True, capture_output=True, text=True)
    info = json.loads(result.stdout)
    return info["total"]["macs"], info["total"]["params"]


def vgg_slimming(cli, out, steps):
    print("\n### Network slimming on VGG-11 (BN), 70 % of the channels removed by one global |γ| threshold\n")
    recipe = base_recipe({"zoo": "vgg11", "seed": 0}, steps, lr=0.05)
    # Sparsity training from scratch, whole epochs: γ moves by about lr·λ per step, so the
    # shorter budget of the other comparisons (150 steps an epoch) would barely move it.
    recipe["stages"] = [
        {"finetune": {"epochs": 3, "bn_l1": 5e-3, "max_steps_per_epoch": 0, "optimizer": {"lr": 0.1}}},
        {"prune": {"method": "bn", "ratio": 0.7, "scope": "global"}},
        {"finetune": {"epochs": 2, "optimizer": {"lr": 0.01}}},
    ]
    rows = run(cli, out, "vgg-slimming", recipe)
    print("Sparsity training: 3 whole epochs from scratch, lr 0.1; fine-tuning: 2 epochs of the budget, lr 0.01.\n")
    print("| λ | top-1 after sparsity training | right after the 70 % cut | after fine-tuning | params kept |")
    print("|---|---|---|---|---|")
    print(f"| 5e-3 | {pct(top1(rows[0]))} | {pct(top1(rows[1]))} | {pct(top1(rows[2]))} "
          f"| {int(rows[1]['params']) / int(rows[0]['params']):.3f} |")
    gamma_histogram(cli, os.path.join(out, "vgg-slimming", "01-finetune.slim"))


def gamma_histogram(cli, model):
    """The |γ| histogram of every BatchNorm of `model`, from `slimbench-cli info --json`."""
    result = subprocess.run([cli, "info", model, "--json"], check=True, capture_output=True, text=True)
    info = json.loads(result.stdout)
    gammas = [g for layer in info["layers"] for g in layer.get("bn_gamma", [])]
    edges = [0, 1e-3, 1e-2, 0.05, 0.1, 0.2, 0.5, 1, float("inf")]
    print(f"\n|γ| of all {len(gammas)} BatchNorm channels after sparsity training:\n")
    print("| range | channels | share |")
    print("|---|---|---|")
    for low, high in zip(edges, edges[1:]):
        count = sum(1 for g in gammas if low <= g < high)
        print(f"| [{low:g}, {high:g}) | {count} | {100 * count / len(gammas):.1f} % |")


def weight_sparsity(cli, model):
    """The share of zeros among the conv and Linear weights of `model` (biases left out)."""
    info = json.loads(subprocess.run([cli, "info", model, "--json"], check=True, capture_output=True, text=True).stdout)
    zeros = total = 0
    for layer in info["layers"]:
        if layer["op"] in ("Conv2d", "Linear"):
            weights = layer["params"] - layer["output_shape"][0]  # LeNet-5's layers all have a bias
            zeros += layer["sparsity"] * weights
            total += weights
    return zeros / total


def lenet_dns(cli, out, steps):
    print("\n### LeNet-5: dynamic network surgery vs magnitude pruning at the same sparsity\n")
    recipe = base_recipe(baseline("lenet5"), steps, lr=0.01)
    recipe["transforms"] = {"crop_padding": 0, "horizontal_flip": False, "normalize": True}
    recipe["stages"] = [{"surgery": {"sparsity": 0.9, "epochs": 4}}]
    dns = run(cli, out, "lenet-dns", recipe)
    macs0, params0 = base_cost(cli, out, "lenet5")
    surgery = dns[0]
    reached = weight_sparsity(cli, os.path.join(out, "lenet-dns", "01-surgery.slim"))
    # Magnitude at the sparsity surgery reached over the same weights (conv and Linear), then the same epochs.
    recipe["stages"] = [{"prune": {"method": "magnitude", "ratio": round(reached, 4)}}, {"finetune": {"epochs": 4}}]
    magnitude = run(cli, out, "lenet-magnitude", recipe)
    print("| method | non-zero params | compression | top-1 right after pruning | top-1 after 4 epochs |")
    print("|---|---|---|---|---|")
    print(f"| magnitude, one shot | {magnitude[-1]['params']} | {params0 / int(magnitude[-1]['params']):.1f}× "
          f"| {pct(top1(magnitude[0]))} | {pct(top1(magnitude[-1]))} |")
    print(f"| dynamic network surgery | {surgery['params']} | {params0 / int(surgery['params']):.1f}× | — "
          f"| {pct(top1(surgery))} |")


def resnet_schedules(cli, out, steps):
    print("\n### ResNet-20 at 80 % unstructured sparsity (magnitude): schedules with the same fine-tuning\n")
    print("Every schedule fine-tunes 4 epochs in all at a constant learning rate of 0.005.\n")
    finetune = {"epochs": 1}
    schedules = [("oneshot", 4), ("equal", 4), ("progressive", 4)]
    print("| schedule | ratios after each step | top-1 after each step's fine-tune | final top-1 |")
    print("|---|---|---|---|")
    for kind, count in schedules:
        recipe = base_recipe(baseline("resnet20"), steps, lr=0.005, schedule="constant")
        stage = {"kind": kind, "steps": count, "k": 3, "prune": {"method": "magnitude", "ratio": 0.8}, "finetune": finetune}
        recipe["stages"] = [{"schedule": stage}]
        if kind == "oneshot":  # the same fine-tuning budget: all of it after the one cut
            recipe["stages"].append({"finetune": {"epochs": count - 1}})
        rows = run(cli, out, "schedule-" + kind, recipe)
        ratios = [r for r in rows if r["kind"] == "prune"]
        tuned = [pct(top1(r)) for r in rows if r["kind"] == "finetune"]
        params0 = base_cost(cli, out, "resnet20")[1]
        sparsities = ", ".join(f"{1 - int(r['params']) / params0:.2f}" for r in ratios)
        label = kind + (" (k = 3)" if kind == "progressive" else "")
        print(f"| {label} | {sparsities} | {', '.join(tuned)} | {tuned[-1]} |")


def resnet_admm(cli, out, steps):
    print("\n### ResNet-20, 50 % of every group's channels: ADMM + purification vs L1, the same epochs\n")
    print("Both train 3 epochs in all at a constant learning rate of 0.005.\n")
    print("| method | top-1 right after the cut | after fine-tuning | params kept | MACs kept | purified channels |")
    print("|---|---|---|---|---|---|")
    macs0, params0 = base_cost(cli, out, "resnet20")
    recipe = base_recipe(baseline("resnet20"), steps, lr=0.005, schedule="constant")
    # ρ sized for a short run: lr·ρ must pull the removed channels to zero within a few hundred
    # steps (the papers' 1e-3 assumes hundreds of epochs).
    recipe["stages"] = [{"admm": {"ratio": 0.5, "rho": 0.1, "rho_growth": 1.5, "rho_max": 5.0, "update_every": 50,
                                  "purify": 0.1, "epochs": 2}},
                        {"finetune": {"epochs": 1}}]
    admm = run(cli, out, "admm", recipe)
    recipe["stages"] = [{"prune": {"method": "l1", "ratio": 0.5, "recalibrate": 20}}, {"finetune": {"epochs": 3}}]
    l1 = run(cli, out, "admm-l1", recipe)
    purified = "?"
    info = subprocess.run([cli, "info", os.path.join(out, "admm", "01-admm.slim"), "--json"], capture_output=True, text=True)
    if info.returncode == 0:
        purified = json.loads(info.stdout).get("metadata", {}).get("admm.purified", "?")
    print(f"| ADMM (2 epochs) + purification, 1 epoch retraining | {pct(top1(admm[0]))} | {pct(top1(admm[-1]))} "
          f"| {int(admm[0]['params']) / params0:.3f} | {int(admm[0]['macs']) / macs0:.3f} | {purified} |")
    print(f"| L1, 3 epochs fine-tuning | {pct(top1(l1[0]))} | {pct(top1(l1[-1]))} "
          f"| {int(l1[0]['params']) / params0:.3f} | {int(l1[0]['macs']) / macs0:.3f} | — |")


COMPARISONS = {
    "lenet-dns": lenet_dns,
    "resnet-schedules": resnet_schedules,
    "resnet-admm": resnet_admm,
    "resnet-criteria": resnet_criteria,
    "vgg-slimming": vgg_slimming,
}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cli", default=os.path.join(ROOT, "build", "release", "app", "slimbench-cli"))
    parser.add_argument("--out", default="/tmp/slimbench-pruning-methods")
    parser.add_argument("--steps", type=int, default=150)
    parser.add_argument("--only", default=",".join(COMPARISONS))
    args = parser.parse_args()
    print(f"Budget: at most {args.steps or 'all'} steps of 128 images per epoch; seed 0; {os.cpu_count()} cores.")
    for name in args.only.split(","):
        COMPARISONS[name](args.cli, args.out, args.steps)


if __name__ == "__main__":
    main()
