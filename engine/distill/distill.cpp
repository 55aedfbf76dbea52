#include "distill/distill.h"

#include "core/error.h"
#include "graph/executor.h"

#include <ATen/ATen.h>

#include <cmath>
#include <map>

namespace slim::engine::distill {

namespace {
using graph::Graph;

std::string valueOfLayer(const Graph& graph, const std::string& layer, const char* side)
{
    const graph::Node* node = graph.findNode(layer);
    if (!node)
        throw Error(ErrorCode::InvalidArgument, std::string("no layer named '") + layer + "' in the " + side + " to tap",
                    {std::string(side) + " tap", layer});
    return graph.value(node->outputs.front()).name;
}

/// Pairwise Euclidean distances of the rows of x (N×D), without the NaN gradient of sqrt at 0.
at::Tensor pairwiseDistances(const at::Tensor& x)
{
    const at::Tensor squared = x.square().sum(1);
    const at::Tensor product = at::matmul(x, x.t());
    const at::Tensor distances = at::clamp_min(squared.unsqueeze(0) + squared.unsqueeze(1) - 2 * product, 1e-12).sqrt();
    return distances * (1 - at::eye(x.size(0), x.options()));
}
} // namespace

void validate(const DistillSettings& settings)
{
    if (!(settings.alpha >= 0 && settings.alpha <= 1))
        throw Error(ErrorCode::InvalidArgument, "distill.alpha must be in [0, 1]", {"distill.alpha", std::to_string(settings.alpha)});
    if (!(settings.temperature > 0 && std::isfinite(settings.temperature)))
        throw Error(ErrorCode::InvalidArgument, "distill.temperature must be positive",
                    {"distill.temperature", std::to_string(settings.temperature)});
    for (const auto& [name, value] : {std::pair{"distill.feature_weight", settings.featureWeight},
                                      std::pair{"distill.relation_weight", settings.relationWeight},
                                      std::pair{"distill.rkd_distance_weight", settings.rkdDistanceWeight},
                                      std::pair{"distill.rkd_angle_weight", settings.rkdAngleWeight}}) {
        if (!(value >= 0 && std::isfinite(value)))
            throw Error(ErrorCode::InvalidArgument, std::string(name) + " must not be negative", {name, std::to_string(value)});
    }
    if (settings.featureWeight > 0 && settings.taps.empty())
        throw Error(ErrorCode::InvalidArgument, "feature distillation needs at least one tap (a student and a teacher layer)",
                    {"distill.taps", "empty"});
}

at::Tensor responseLoss(const at::Tensor& studentLogits, const at::Tensor& teacherLogits, double temperature)
{
    const at::Tensor studentLog = at::log_softmax(studentLogits.flatten(1) / temperature, 1);
    const at::Tensor teacherLog = at::log_softmax(teacherLogits.flatten(1).detach() / temperature, 1);
    const at::Tensor divergence = (teacherLog.exp() * (teacherLog - studentLog)).sum() / studentLogits.size(0);
    return divergence * (temperature * temperature);
}

at::Tensor attentionMap(const at::Tensor& teacherFeature)
{
    if (teacherFeature.dim() != 4)
        return at::ones({teacherFeature.size(0), 1}, teacherFeature.options());
    return at::sigmoid(teacherFeature.mean(1, true) + std::get<0>(teacherFeature.max(1, true)));
}

at::Tensor featureLoss(const at::Tensor& studentFeature, const at::Tensor& teacherFeature, bool attention)
{
    const at::Tensor squared = (studentFeature - teacherFeature.detach()).square();
    if (!attention || teacherFeature.dim() != 4)
        return squared.mean();
    return (squared * attentionMap(teacherFeature.detach())).mean();
}

at::Tensor cosineRelations(const at::Tensor& features)
{
    const at::Tensor rows = features.flatten(1);
    const at::Tensor unit = rows / at::clamp_min(rows.norm(2, {1}, true), 1e-12);
    return at::matmul(unit, unit.t());
}

at::Tensor cosineRelationLoss(const at::Tensor& studentFeature, const at::Tensor& teacherFeature)
{
    return (cosineRelations(studentFeature) - cosineRelations(teacherFeature.detach())).square().mean();
}

at::Tensor rkdLoss(const at::Tensor& studentFeature, const at::Tensor& teacherFeature, double distanceWeight, double angleWeight)
{
    const at::Tensor student = studentFeature.flatten(1);
    const at::Tensor teacher = teacherFeature.detach().flatten(1);
    const std::int64_t n = student.size(0);
    at::Tensor loss = at::zeros({}, student.options());
    if (n < 2)
        return loss;
    if (distanceWeight > 0) {
        const auto normalised = [n](const at::Tensor& x) {
            const at::Tensor d = pairwiseDistances(x);
            return d / at::clamp_min(d.sum() / static_cast<double>(n * (n - 1)), 1e-12);
        };
        loss = loss + distanceWeight * at::smooth_l1_loss(normalised(student), normalised(teacher));
    }
    if (angleWeight > 0 && n >= 3) {
        // cos∠(x_i − x_j, x_k − x_j) for every j, i, k
        const auto angles = [](const at::Tensor& x) {
            const at::Tensor differences = x.unsqueeze(0) - x.unsqueeze(1); // [j][i] = x_i − x_j
            const at::Tensor unit = differences / at::clamp_min(differences.norm(2, {2}, true), 1e-12);
            return at::bmm(unit, unit.transpose(1, 2)).flatten();
        };
        loss = loss + angleWeight * at::smooth_l1_loss(angles(student), angles(teacher));
    }
    return loss;
}

struct Distiller::State {
    DistillSettings settings;
    Graph teacher;
    std::unique_ptr<graph::Executor> executor;
    std::vector<std::string> studentValues;
    std::vector<std::string> teacherValues;
    std::vector<at::Tensor> adapterWeights;  ///< per tap; undefined where the widths match
    std::vector<at::Tensor> adapterBiases;
    double teacherTop1 = -1;
    std::map<std::string, double> sums;
    std::int64_t steps = 0;
};

Distiller::Distiller(const Graph& student, Graph teacher, DistillSettings settings, const std::string& device)
    : m_state(std::make_shared<State>())
{
    validate(settings);
    State& state = *m_state;
    state.settings = std::move(settings);
    teacher.validate();
    const graph::Shape& studentOut = student.value(student.outputs().front()).shape;
    const graph::Shape& teacherOut = teacher.value(teacher.outputs().front()).shape;
    if (studentOut != teacherOut)
        throw Error(ErrorCode::ShapeMismatch,
                    "the teacher outputs " + graph::shapeToString(teacherOut) + " per sample, the student "
                        + graph::shapeToString(studentOut) + ": distillation needs the same classes",
                    {"teacher", "output " + graph::shapeToString(teacherOut)});
    if (student.value(student.inputs().front()).shape != teacher.value(teacher.inputs().front()).shape)
        throw Error(ErrorCode::ShapeMismatch,
                    "the teacher takes " + graph::shapeToString(teacher.value(teacher.inputs().front()).shape)
                        + " images, the student " + graph::shapeToString(student.value(student.inputs().front()).shape),
                    {"teacher", "input"});
    const at::Device target(device);
    for (const FeatureTap& tap : state.settings.taps) {
        const std::string studentValue = valueOfLayer(student, tap.student, "student");
        const std::string teacherValue = valueOfLayer(teacher, tap.teacher, "teacher");
        const graph::Shape& s = student.value(*student.findValue(studentValue)).shape;
        const graph::Shape& t = teacher.value(*teacher.findValue(teacherValue)).shape;
        if (s.size() != t.size() || s.empty() || !std::equal(s.begin() + 1, s.end(), t.begin() + 1))
            throw Error(ErrorCode::ShapeMismatch,
                        "student layer '" + tap.student + "' gives " + graph::shapeToString(s) + ", teacher layer '" + tap.teacher
                            + "' gives " + graph::shapeToString(t) + ": a feature tap needs the same spatial size",
                        {tap.student + " / " + tap.teacher, "spatial size differs"});
        state.studentValues.push_back(studentValue);
        state.teacherValues.push_back(teacherValue);
        if (s[0] == t[0]) {
            state.adapterWeights.emplace_back();
            state.adapterBiases.emplace_back();
            continue;
        }
        // PyTorch's default initialisation of a 1×1 conv / Linear: U(−1/√fan_in, 1/√fan_in).
        const double bound = 1.0 / std::sqrt(static_cast<double>(s[0]));
        std::vector<std::int64_t> shape{t[0], s[0]};
        if (s.size() == 3)
            shape.insert(shape.end(), {1, 1});
        state.adapterWeights.push_back(at::empty(shape, at::TensorOptions().device(target)).uniform_(-bound, bound));
        state.adapterBiases.push_back(at::zeros({t[0]}, at::TensorOptions().device(target)));
    }
    teacher.forEachTensor([&](graph::Node&, graph::NamedTensor& named) {
        named.tensor = named.tensor.detach().to(target);
    });
    state.teacher = std::move(teacher);
    state.executor = std::make_unique<graph::Executor>(state.teacher);
}

const DistillSettings& Distiller::settings() const
{
    return m_state->settings;
}

void Distiller::setTeacherTop1(double top1)
{
    m_state->teacherTop1 = top1;
}

train::TrainHooks Distiller::hooks() const
{
    train::TrainHooks hooks;
    const std::shared_ptr<State> state = m_state;
    const DistillSettings& settings = state->settings;
    hooks.taps = state->studentValues;
    hooks.labelLossWeight = 1 - settings.alpha;
    for (std::size_t i = 0; i < state->adapterWeights.size(); ++i) {
        if (state->adapterWeights[i].defined()) {
            hooks.extraParameters.push_back(state->adapterWeights[i]);
            hooks.extraParameters.push_back(state->adapterBiases[i]);
        }
    }
    hooks.extraLoss = [state](const train::StepView& view) {
        const DistillSettings& s = state->settings;
        at::Tensor teacherLogits;
        std::map<std::string, at::Tensor> teacherTaps;
        {
            at::NoGradGuard noGrad;
            teacherLogits = state->executor->run({view.images}, graph::ExecMode::Eval, state->teacherValues, &teacherTaps).front();
        }
        at::Tensor total = at::zeros({}, view.logits.options());
        const auto add = [&](const char* name, const at::Tensor& term) {
            total = total + term;
            state->sums[name] += term.item<double>();
        };
        if (s.alpha > 0)
            add("kd/response_loss", s.alpha * responseLoss(view.logits, teacherLogits, s.temperature));
        at::Tensor feature = at::zeros({}, view.logits.options());
        at::Tensor relation = at::zeros({}, view.logits.options());
        const auto relate = [&](const at::Tensor& student, const at::Tensor& teacher) {
            return s.relation == RelationKind::Cosine ? cosineRelationLoss(student, teacher)
                                                      : rkdLoss(student, teacher, s.rkdDistanceWeight, s.rkdAngleWeight);
        };
        for (std::size_t i = 0; i < state->studentValues.size(); ++i) {
            const at::Tensor& studentFeature = view.taps.at(state->studentValues[i]);
            const at::Tensor& teacherFeature = teacherTaps.at(state->teacherValues[i]);
            if (s.featureWeight > 0) {
                at::Tensor adapted = studentFeature;
                if (const at::Tensor& weight = state->adapterWeights[i]; weight.defined())
                    adapted = weight.dim() == 4 ? at::conv2d(studentFeature, weight, state->adapterBiases[i])
                                                : at::linear(studentFeature, weight, state->adapterBiases[i]);
                feature = feature + featureLoss(adapted, teacherFeature, s.attention);
            }
            if (s.relationWeight > 0)
                relation = relation + relate(studentFeature, teacherFeature);
        }
        if (s.relationWeight > 0 && state->studentValues.empty())
            relation = relate(view.logits, teacherLogits);
        if (s.featureWeight > 0)
            add("kd/feature_loss", s.featureWeight * feature);
        if (s.relationWeight > 0)
            add("kd/relation_loss", s.relationWeight * relation);
        ++state->steps;
        return total;
    };
    hooks.epochMetrics = [state] {
        std::map<std::string, double> metrics;
        for (const auto& [name, sum] : state->sums)
            metrics[name] = state->steps > 0 ? sum / static_cast<double>(state->steps) : 0;
        if (state->teacherTop1 >= 0)
            metrics["teacher/top1"] = state->teacherTop1;
        state->sums.clear();
        state->steps = 0;
        return metrics;
    };
    return hooks;
}

} // namespace slim::engine::distill
