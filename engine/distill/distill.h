#pragma once

// Knowledge distillation: a student learns from a teacher's outputs (response KD, Hinton et
// al. 2015), its features (FitNets hints, Romero et al. 2015, optionally weighted by the
// teacher's local attention as in the seed notes) and the relations between the samples of a
// batch (the seed's cosine relation matrices; RKD distance and angle, Park et al. 2019).

#include "graph/graph.h"
#include "train/trainer.h"

#include <memory>
#include <string>
#include <vector>

namespace slim::engine::distill {

/// A student layer whose output learns from a teacher layer's output (node names).
struct FeatureTap {
    std::string student;
    std::string teacher;
};

enum class RelationKind {
    Cosine,  ///< MSE between the students' and the teacher's B×B cosine-similarity matrices
    Rkd,     ///< RKD: smooth-L1 of normalised pairwise distances, plus of triplet angles
};

struct DistillSettings {
    double alpha = 0.5;          ///< response KD's share: loss = (1 − α)·CE + α·T²·KL + ...
    double temperature = 4;
    double featureWeight = 0;    ///< β of the feature term, summed over `taps`
    bool attention = false;      ///< weight the feature error by σ(mean_c F_T + max_c F_T)
    double relationWeight = 0;   ///< γ of the relation term, over `taps` (the logits when none)
    RelationKind relation = RelationKind::Cosine;
    double rkdDistanceWeight = 1;
    double rkdAngleWeight = 2;
    std::vector<FeatureTap> taps;
};

/// Throws Error(InvalidArgument) naming the field for α outside [0, 1], T ≤ 0 or negative weights.
void validate(const DistillSettings& settings);

// The loss terms, on plain tensors (N first).

/// T²·KL(softmax(t/T) ‖ softmax(s/T)), averaged over the batch.
at::Tensor responseLoss(const at::Tensor& studentLogits, const at::Tensor& teacherLogits, double temperature);
/// σ(mean over channels + max over channels) of an N×C×H×W map: N×1×H×W.
at::Tensor attentionMap(const at::Tensor& teacherFeature);
/// Mean squared error, each position weighted by the teacher's attention map when `attention`.
at::Tensor featureLoss(const at::Tensor& studentFeature, const at::Tensor& teacherFeature, bool attention);
/// The B×B cosine similarities of the flattened samples.
at::Tensor cosineRelations(const at::Tensor& features);
/// MSE between the two cosine relation matrices.
at::Tensor cosineRelationLoss(const at::Tensor& studentFeature, const at::Tensor& teacherFeature);
/// RKD: distanceWeight·smooth-L1 of pairwise distances (each over its mean) + angleWeight·smooth-L1
/// of the cosines of the angles each triplet forms.
at::Tensor rkdLoss(const at::Tensor& studentFeature, const at::Tensor& teacherFeature, double distanceWeight,
                   double angleWeight);

/// A teacher and the adapters between the student's and its features, as training hooks.
/// The teacher runs in evaluation mode without gradients on each batch the student sees;
/// each tap whose widths differ gets a learned 1×1 convolution (or Linear) from the student's
/// width to the teacher's, trained with the student; only the student and the adapters learn.
class Distiller {
public:
    /// Checks the pair: the teacher's output must be the student's shape, every tap must name
    /// a layer of its model, and both sides of a tap must have the same spatial size (else
    /// Error(ShapeMismatch) naming both layers). `device` is where training runs.
    Distiller(const graph::Graph& student, graph::Graph teacher, DistillSettings settings,
              const std::string& device = "cpu");

    /// The hooks for train::trainModel(): taps, the label weight 1 − α, the extra loss, the
    /// adapters, and per-epoch metrics "kd/response_loss", "kd/feature_loss", "kd/relation_loss" (each the
    /// epoch's mean of its weighted term) and, when set, "teacher/top1".
    train::TrainHooks hooks() const;

    /// The teacher's top-1 on the validation data, reported each epoch as a reference line.
    void setTeacherTop1(double top1);

    const DistillSettings& settings() const;

private:
    struct State;
    std::shared_ptr<State> m_state;
};

} // namespace slim::engine::distill
