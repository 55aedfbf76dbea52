#!/usr/bin/env bash
# The quantization and distillation figures of the bundled ResNet-20 on Fashion-MNIST:
#  1. 8-bit PTQ (per-channel weights) per observer against float top-1;
#  2. 4-bit QAT: direct, stepwise 16→8→4 and teacher-guided, the same epochs;
#  3. ResNet-20 pruned to 50 % MACs, fine-tuned without and with each kind of distillation.
# Usage: tests/bench/quant_figures.sh [CLI] [EPOCHS] [STEPS_PER_EPOCH] [SECTIONS]
#   (0 steps: whole epochs; SECTIONS: any of "ptq qat kd", default all)
# QAT trains the BatchNorm-folded model: it fine-tunes at lr 0.001 (at 0.01 the teacher-guided
# run collapsed to chance within an epoch).
set -euo pipefail
cli=${1:-build/release/app/slimbench-cli}
epochs=${2:-3}
steps=${3:-0}
sections=${4:-ptq qat kd}
data=/usr/share/datasets/fashion-mnist
model=$(cd "$(dirname "$0")/../.." && pwd)/resources/baselines/resnet20-fashion-mnist.slim
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [[ " $sections " == *" ptq "* ]]; then
echo "== 8-bit PTQ, per-channel weights, 8 calibration batches of 64 =="
printf '%-12s %8s %10s %8s\n' observer float quantized delta
for observer in minmax ema percentile mse kl; do
    "$cli" quantize "$model" --bits 8 --observer "$observer" --calib "$data" --dataset "$data" --json \
        -o "$work/ptq-$observer.slim" 2>/dev/null >"$work/ptq-$observer.json"
    python3 - "$observer" "$work/ptq-$observer.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[2]))["top1"]
print(f"{sys.argv[1]:<12} {r['float']:8.4f} {r['quantized']:10.4f} {100 * (r['quantized'] - r['float']):+7.2f} pt")
PY
done
fi

# One compression recipe per variant; the last stage's top-1 from summary.csv.
run() {
    local name=$1 stages=$2
    cat >"$work/$name.json" <<JSON
{"kind": "compress", "model": {"file": "$model"}, "dataset": {"path": "$data"},
 "batch_size": 128, "max_steps_per_epoch": $steps, "optimizer": {"lr": 0.01}, "schedule": {"name": "cosine"},
 "output_dir": "$work/$name", "stages": [$stages]}
JSON
    "$cli" run "$work/$name.json" >/dev/null 2>&1
    python3 - "$name" "$work/$name/summary.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[2])))
print(f"{sys.argv[1]:<28} top-1 {float(rows[-1]['top1']):.4f}")
PY
}

if [[ " $sections " == *" qat "* ]]; then
echo
echo "== 4-bit QAT (W4A4, per-channel, min-max), $epochs epochs at lr 0.001 (steps per epoch: $steps, 0 = all) =="
lr='"optimizer": {"lr": 0.001}'
stepwise="\"bits_schedule\": [[0, 16], [$((epochs / 3)), 8], [$((2 * epochs / 3)), 4]]"
teacher='"distill": {"teacher": "baseline", "alpha": 0.7}'
run qat-direct "{\"qat\": {\"bits\": 4, \"epochs\": $epochs, $lr}}"
run qat-stepwise "{\"qat\": {\"bits\": 4, \"epochs\": $epochs, $lr, $stepwise}}"
run qat-teacher "{\"qat\": {\"bits\": 4, \"epochs\": $epochs, $lr, $teacher}}"
run qat-stepwise-teacher "{\"qat\": {\"bits\": 4, \"epochs\": $epochs, $lr, $stepwise, $teacher}}"
fi

if [[ " $sections " == *" kd "* ]]; then
echo
echo "== ResNet-20 pruned to 50 % MACs (L1, global), fine-tuned $epochs epochs =="
prune='{"prune": {"method": "l1", "target_macs": 0.5, "recalibrate": 20}}'
run kd-none "$prune, {\"finetune\": {\"epochs\": $epochs}}"
run kd-response "$prune, {\"finetune\": {\"epochs\": $epochs, \"distill\": {\"teacher\": \"baseline\", \"alpha\": 0.7}}}"
run kd-feature "$prune, {\"finetune\": {\"epochs\": $epochs, \"distill\": {\"teacher\": \"baseline\", \"alpha\": 0, \"feature_weight\": 1, \"attention\": true, \"taps\": [\"layer3.2.relu2\"]}}}"
run kd-relation "$prune, {\"finetune\": {\"epochs\": $epochs, \"distill\": {\"teacher\": \"baseline\", \"alpha\": 0, \"relation_weight\": 10, \"taps\": [\"layer3.2.relu2\"]}}}"
fi
