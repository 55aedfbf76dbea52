#pragma once

#include "data/loader.h"
#include "graph/graph.h"
#include "jobs/job.h"
#include "train/optimizer.h"
#include "train/schedule.h"

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace slim::engine::train {

/// Top-1/top-5 accuracy (0..1) and mean cross-entropy over a data set.
struct EvalResult {
    double top1 = 0;
    double top5 = 0;
    double loss = 0;
    std::int64_t samples = 0;
};

struct EpochSummary {
    std::int64_t epoch = 0;       ///< 1-based
    double trainLoss = 0;
    double trainAccuracy = 0;
    double learningRate = 0;      ///< at the end of the epoch
    double seconds = 0;
    EvalResult validation;        ///< samples == 0 when there is no validation set
};

/// What one training step exposes to an extra loss term.
struct StepView {
    const at::Tensor& logits;
    const at::Tensor& labels;
    const std::map<std::string, at::Tensor>& taps;  ///< the values named in TrainHooks::taps
    std::int64_t epoch;                             ///< 0-based
    std::int64_t step;                              ///< global, 0-based
    const at::Tensor& images;                       ///< the batch, as the model was given it (a teacher's input)
};

/// Where later methods plug in: sparsity penalties and distillation add a loss term, mask
/// methods re-apply masks after each optimizer step, schedules act per epoch. Each hook gets
/// the graph being trained (the trainer's own copy, on its device, channels-last when the
/// params say so) and the global step (0-based) where it has one.
struct TrainHooks {
    std::vector<std::string> taps;
    /// Once, before the first step (of a resumed run too), with the steps each epoch has.
    std::function<void(graph::Graph&, std::int64_t stepsPerEpoch)> onStart;
    std::function<at::Tensor(const StepView&)> extraLoss;
    /// After backward() (and the masks' and slimming's gradient changes), before the step:
    /// where ADMM adds its proximal gradient and surgery swaps its dense weights in.
    std::function<void(graph::Graph&, std::int64_t step)> beforeOptimizerStep;
    std::function<void(graph::Graph&, std::int64_t step)> afterOptimizerStep;
    std::function<void(graph::Graph&, const EpochSummary&)> onEpochEnd;
    /// The weight of the cross-entropy with the labels in the loss (distillation mixes it with
    /// its own term: (1 − α)·CE + α·KD).
    double labelLossWeight = 1.0;
    /// Tensors the extra loss learns besides the model's (distillation's adapters): trained by
    /// an optimizer of their own with the same settings and learning rate; not checkpointed.
    std::vector<at::Tensor> extraParameters;
    /// At the end of each epoch, named values to stream as per-epoch metrics ("kd/response_loss").
    std::function<std::map<std::string, double>()> epochMetrics;
    /// The hooks keep the weight masks themselves (dynamic network surgery updates them and
    /// lets masked weights move): the trainer then neither zeroes masked gradients nor
    /// re-applies the masks after each step.
    bool managesMasks = false;
};

/// The input contract trainModel() trains `model` with on `trainSet`: the model's own when it
/// normalises (fine-tuning feeds what it learnt on), else the data set's statistics when
/// `normalize`, none otherwise. What calibration before training must feed too.
Preprocessing trainingContract(const graph::Graph& model, const data::ImageDataset& trainSet, bool normalize);

/// Both sets of hooks in one: taps joined, each callback of `first` then of `second`, extra
/// losses added, label weights multiplied, extra parameters and metrics joined.
TrainHooks combineHooks(TrainHooks first, TrainHooks second);

struct TrainParams {
    std::int64_t epochs = 1;
    OptimizerSpec optimizer;
    ScheduleSpec schedule;
    double labelSmoothing = 0;           ///< Szegedy et al., 2016; 0 = off
    /// Network slimming (Liu et al. 2017): λ of the L1 penalty λ·Σ|γ| on every BatchNorm scale,
    /// its sub-gradient λ·sign(γ) added to γ's gradient each step; 0 = off. When on, |γ| of
    /// every BatchNorm is recorded before training and after each epoch.
    double batchNormL1 = 0;
    data::LoaderOptions loader;          ///< batch size, seed, transforms, workers
    std::int64_t evalBatchSize = 256;
    std::int64_t maxStepsPerEpoch = 0;   ///< 0 = whole epochs (tests and benchmarks cap it)
    std::string checkpointDir;           ///< when set: epoch-N.slim after every epoch
    std::string resumeFrom;              ///< a checkpoint written by an earlier run
    std::string device = "cpu";          ///< "cpu" or "cuda:N"
    /// Train in channels-last (NHWC) memory format: +25 % for ResNet-20 on this machine
    /// (tests/bench/bench_train); the returned model is contiguous again.
    bool channelsLast = true;
};

/// |γ| of every BatchNorm (by node name) at one point of a slimming run.
using BatchNormScales = std::map<std::string, std::vector<double>>;

struct TrainResult {
    graph::Graph model;                  ///< the trained copy (undefined content when cancelled)
    std::vector<EpochSummary> history;
    /// With batchNormL1 > 0: before training, then after each epoch (epochs + 1 entries).
    std::vector<BatchNormScales> batchNormScales;
    bool cancelled = false;
};

/// Trains a copy of `initial` with cross-entropy; `initial` is never modified. Streams
/// "train/loss" and "train/accuracy" per batch and "val/top1", "val/top5", "val/loss" and
/// "lr" per epoch through `context`, with progress and an ETA. Cancellation takes effect
/// within one batch. A NaN or infinite loss throws Error(Diverged) naming the epoch and batch.
/// A model with weight masks (prune/masks.h) keeps them: its masked entries stay exactly zero
/// through every step (momentum and Adam's moments included) and the result carries the masks.
/// Same seed, data and thread count give the same numbers. Runs on the calling thread.
TrainResult trainModel(const graph::Graph& initial, const data::ImageDataset& trainSet,
                       const data::ImageDataset* validationSet, const TrainParams& params, const TrainHooks& hooks,
                       const JobContext& context);

/// Evaluates in inference mode. Cancellation returns what was counted so far. With a
/// `phase`, reports progress per batch under that name, with an ETA (a training run's
/// validation passes none, so its own progress bar stays).
EvalResult evaluate(const graph::Graph& model, const data::ImageDataset& dataset, std::int64_t batchSize,
                    const JobContext& context, const std::string& device = "cpu", const std::string& phase = {});

/// Throws Error(ShapeMismatch) naming what does not fit when `model` cannot take `dataset`'s
/// images (the channels, and the size unless the images are `resized` on the way), does not
/// output one score per class, or has fewer outputs than the data set has classes.
void checkDatasetFits(const graph::Graph& model, const data::ImageDataset& dataset, bool resized = false);

/// Parses "cpu" or "cuda:N" and checks this LibTorch build can use it. Throws Error(Unsupported).
at::Device parseDevice(const std::string& device);

} // namespace slim::engine::train
