#include "jobs/recipe.h"

#include "core/error.h"
#include "io/atomicfile.h"
#include "io/zoospec.h"
#include "prune/pruneschedule.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <map>
#include <optional>
#include <set>

namespace slim::engine {

namespace {

using nlohmann::json;

[[noreturn]] void bad(const std::string& field, const std::string& what)
{
    throw Error(ErrorCode::InvalidRecipe, "recipe field '" + field + "': " + what, {field, what});
}

/// Reads the object's fields with type checks, and rejects keys it was not asked about.
class Fields {
public:
    Fields(const json& object, std::string prefix) : m_object(object), m_prefix(std::move(prefix))
    {
        if (!object.is_object())
            bad(m_prefix.empty() ? "recipe" : m_prefix.substr(0, m_prefix.size() - 1), "must be a JSON object");
    }
    /// Call after reading every field: rejects the keys nobody asked about.
    void done() const
    {
        for (const auto& item : m_object.items()) {
            if (!m_known.count(item.key()))
                bad(m_prefix + item.key(), "unknown field (a typo?)");
        }
    }

    bool has(const std::string& key) { m_known.insert(key); return m_object.contains(key); }
    const json& raw(const std::string& key) { m_known.insert(key); return m_object.at(key); }
    std::string field(const std::string& key) const { return m_prefix + key; }

    void read(const std::string& key, std::string& out)
    {
        if (!has(key))
            return;
        if (!m_object.at(key).is_string())
            bad(field(key), "must be a string");
        out = m_object.at(key).get<std::string>();
    }
    void read(const std::string& key, bool& out)
    {
        if (!has(key))
            return;
        if (!m_object.at(key).is_boolean())
            bad(field(key), "must be true or false");
        out = m_object.at(key).get<bool>();
    }
    void read(const std::string& key, double& out, double min, double max)
    {
        if (!has(key))
            return;
        if (!m_object.at(key).is_number())
            bad(field(key), "must be a number");
        out = m_object.at(key).get<double>();
        if (!(out >= min && out <= max))
            bad(field(key), "must be between " + json(min).dump() + " and " + json(max).dump());
    }
    template <typename Int>
    void read(const std::string& key, Int& out, std::int64_t min, std::int64_t max)
    {
        if (!has(key))
            return;
        if (!m_object.at(key).is_number_integer())
            bad(field(key), "must be a whole number");
        const auto value = m_object.at(key).get<std::int64_t>();
        if (value < min || value > max)
            bad(field(key), "must be between " + std::to_string(min) + " and " + std::to_string(max));
        out = static_cast<Int>(value);
    }

private:
    const json& m_object;
    std::string m_prefix;
    std::set<std::string> m_known;
};

std::string resolve(const std::string& path, const std::string& base)
{
    if (path.empty() || std::filesystem::path(path).is_absolute() || base.empty())
        return path;
    return (std::filesystem::path(base) / path).lexically_normal().string();
}

void oneOf(const std::string& field, const std::string& value, const std::vector<std::string>& allowed)
{
    if (std::find(allowed.begin(), allowed.end(), value) != allowed.end())
        return;
    std::string list;
    for (const std::string& option : allowed)
        list += (list.empty() ? "" : ", ") + option;
    bad(field, "'" + value + "' is not one of " + list);
}

constexpr std::int64_t kMaxEpochs = 100000;
constexpr std::int64_t kMaxBatch = 1 << 16;

DistillRecipe parseDistill(const json& object, const std::string& prefix, const std::string& baseDirectory)
{
    Fields fields(object, prefix);
    DistillRecipe distill;
    fields.read("teacher", distill.teacher);
    if (distill.teacher.empty())
        bad(prefix + "teacher", "must name the teacher: a model file, a zoo name or \"baseline\"");
    if (distill.teacher != "baseline" && std::find(zooModelNames().begin(), zooModelNames().end(), distill.teacher) == zooModelNames().end())
        distill.teacher = resolve(distill.teacher, baseDirectory);
    fields.read("alpha", distill.alpha, 0.0, 1.0);
    fields.read("temperature", distill.temperature, 1e-3, 1000.0);
    fields.read("feature_weight", distill.featureWeight, 0.0, 1e6);
    fields.read("attention", distill.attention);
    fields.read("relation_weight", distill.relationWeight, 0.0, 1e6);
    fields.read("relation", distill.relation);
    oneOf(prefix + "relation", distill.relation, {"cosine", "rkd"});
    if (fields.has("taps")) {
        const json& taps = fields.raw("taps");
        const auto isPair = [](const json& tap) {
            return (tap.is_array() && tap.size() == 2 && tap[0].is_string() && tap[1].is_string()) || tap.is_string();
        };
        if (!taps.is_array() || !std::all_of(taps.begin(), taps.end(), isPair))
            bad(prefix + "taps", "must list [student layer, teacher layer] pairs (or one name for both)");
        for (const json& tap : taps)
            distill.taps.emplace_back(tap.is_string() ? tap.get<std::string>() : tap[0].get<std::string>(),
                                      tap.is_string() ? tap.get<std::string>() : tap[1].get<std::string>());
    }
    if (distill.featureWeight > 0 && distill.taps.empty())
        bad(prefix + "taps", "feature_weight needs at least one tap");
    fields.done();
    return distill;
}

QatRecipe parseQat(const json& object, const std::string& prefix, std::int64_t epochs)
{
    Fields fields(object, prefix);
    QatRecipe qat;
    qat.enabled = true;
    int bits = 8;
    const bool bitsGiven = fields.has("bits") || fields.has("weight_bits") || fields.has("act_bits");
    fields.read("bits", bits, 2, 16);
    qat.weightBits = qat.activationBits = bits;
    fields.read("weight_bits", qat.weightBits, 2, 16);
    fields.read("act_bits", qat.activationBits, 2, 16);
    fields.read("per_channel", qat.perChannel);
    fields.read("symmetric", qat.symmetric);
    fields.read("keep_ends", qat.keepEnds);
    fields.read("observer", qat.observer);
    oneOf(prefix + "observer", qat.observer, {"minmax", "ema", "percentile", "mse", "kl"});
    fields.read("calib_batches", qat.calibrationBatches, 1, 100000);
    if (fields.has("bits_schedule")) {
        const json& schedule = fields.raw("bits_schedule");
        if (!schedule.is_array() || schedule.empty())
            bad(prefix + "bits_schedule", "must list [epoch, bits] steps, e.g. [[0, 16], [3, 8], [6, 4]]");
        for (const json& step : schedule) {
            if (!step.is_array() || step.size() != 2 || !step[0].is_number_integer() || !step[1].is_number_integer())
                bad(prefix + "bits_schedule", "each step must be [epoch, bits]");
            const auto epoch = step[0].get<std::int64_t>();
            const auto stepBits = step[1].get<std::int64_t>();
            if (stepBits < 2 || stepBits > 16)
                bad(prefix + "bits_schedule", "bits must be 2 to 16, not " + std::to_string(stepBits));
            if (epoch < 0 || epoch >= epochs)
                bad(prefix + "bits_schedule", "epoch " + std::to_string(epoch) + " is outside the " + std::to_string(epochs)
                                                  + " epochs (0-based)");
            if (!qat.bitsSchedule.empty() && epoch <= qat.bitsSchedule.back().first)
                bad(prefix + "bits_schedule", "epochs must increase");
            qat.bitsSchedule.emplace_back(epoch, static_cast<int>(stepBits));
        }
        // Without bits of its own the schedule's last step is the target.
        if (!bitsGiven)
            qat.weightBits = qat.activationBits = qat.bitsSchedule.back().second;
    }
    fields.done();
    return qat;
}

json distillToJson(const DistillRecipe& d)
{
    json taps = json::array();
    for (const auto& [student, teacher] : d.taps)
        taps.push_back({student, teacher});
    return {{"teacher", d.teacher},          {"alpha", d.alpha},       {"temperature", d.temperature},
            {"feature_weight", d.featureWeight}, {"attention", d.attention}, {"relation_weight", d.relationWeight},
            {"relation", d.relation},        {"taps", taps}};
}

json qatToJson(const QatRecipe& q)
{
    json schedule = json::array();
    for (const auto& [epoch, bits] : q.bitsSchedule)
        schedule.push_back({epoch, bits});
    json object = {{"weight_bits", q.weightBits}, {"act_bits", q.activationBits}, {"per_channel", q.perChannel},
                   {"symmetric", q.symmetric},    {"keep_ends", q.keepEnds},      {"observer", q.observer},
                   {"calib_batches", q.calibrationBatches}};
    if (!schedule.empty())
        object["bits_schedule"] = schedule;
    return object;
}

} // namespace

TrainRecipe parseTrainRecipe(const std::string& jsonText, const std::string& baseDirectory)
{
    json root;
    try {
        root = json::parse(jsonText);
    } catch (const json::parse_error& error) {
        bad("recipe", std::string("not valid JSON: ") + error.what());
    }
    TrainRecipe recipe;
    Fields top(root, "");
    std::string kind = "train";
    top.read("kind", kind);
    if (kind != "train")
        bad("kind", "'" + kind + "' is not a training recipe (kind must be \"train\")");

    if (top.has("model")) {
        Fields model(top.raw("model"), "model.");
        model.read("zoo", recipe.modelZoo);
        model.read("file", recipe.modelFile);
        model.read("seed", recipe.modelSeed, 0, std::numeric_limits<std::int64_t>::max());
        model.read("init", recipe.modelInit);
        oneOf("model.init", recipe.modelInit, {"keep", "scratch"});
        if (recipe.modelFile.empty())
            oneOf("model.zoo", recipe.modelZoo, zooModelNames());
        recipe.modelFile = resolve(recipe.modelFile, baseDirectory);
        model.done();
    }
    if (top.has("dataset")) {
        Fields dataset(top.raw("dataset"), "dataset.");
        dataset.read("path", recipe.dataset);
        dataset.read("validation", recipe.validation);
        if (recipe.dataset.empty())
            bad("dataset.path", "must name a data set folder");
        recipe.dataset = resolve(recipe.dataset, baseDirectory);
        if (recipe.validation != "test" && recipe.validation != "none")
            recipe.validation = resolve(recipe.validation, baseDirectory);
        dataset.done();
    }
    if (top.has("transforms")) {
        Fields transforms(top.raw("transforms"), "transforms.");
        transforms.read("crop_padding", recipe.cropPadding, 0, 64);
        transforms.read("horizontal_flip", recipe.horizontalFlip);
        transforms.read("normalize", recipe.normalize);
        if (transforms.has("resize")) {
            const json& size = transforms.raw("resize");
            if (!size.is_array() || size.size() != 2 || !size[0].is_number_integer() || !size[1].is_number_integer()
                || size[0].get<std::int64_t>() < 1 || size[1].get<std::int64_t>() < 1 || size[0].get<std::int64_t>() > 4096
                || size[1].get<std::int64_t>() > 4096)
                bad("transforms.resize", "must be [height, width] with sides 1..4096");
            recipe.resizeHeight = size[0].get<std::int64_t>();
            recipe.resizeWidth = size[1].get<std::int64_t>();
        }
        transforms.done();
    }
    if (top.has("optimizer")) {
        Fields optimizer(top.raw("optimizer"), "optimizer.");
        optimizer.read("name", recipe.optimizer);
        oneOf("optimizer.name", recipe.optimizer, {"sgd", "adam", "adamw"});
        optimizer.read("lr", recipe.learningRate, 1e-12, 100.0);
        optimizer.read("momentum", recipe.momentum, 0.0, 0.999999);
        optimizer.read("nesterov", recipe.nesterov);
        optimizer.read("weight_decay", recipe.weightDecay, 0.0, 1.0);
        optimizer.read("beta1", recipe.beta1, 0.0, 0.999999);
        optimizer.read("beta2", recipe.beta2, 0.0, 0.999999999);
        optimizer.read("eps", recipe.epsilon, 1e-20, 1.0);
        if (recipe.nesterov && recipe.momentum == 0)
            bad("optimizer.nesterov", "needs a momentum above 0");
        optimizer.done();
    }
    if (top.has("schedule")) {
        Fields schedule(top.raw("schedule"), "schedule.");
        schedule.read("name", recipe.schedule);
        oneOf("schedule.name", recipe.schedule, {"constant", "step", "multistep", "cosine"});
        schedule.read("step_size", recipe.stepSize, 1, kMaxEpochs);
        schedule.read("gamma", recipe.gamma, 0.0, 1.0);
        schedule.read("min_lr", recipe.minLearningRate, 0.0, 100.0);
        schedule.read("warmup_epochs", recipe.warmupEpochs, 0, kMaxEpochs);
        if (schedule.has("milestones")) {
            const json& milestones = schedule.raw("milestones");
            if (!milestones.is_array())
                bad("schedule.milestones", "must be a list of epochs");
            for (const json& milestone : milestones) {
                if (!milestone.is_number_integer() || milestone.get<std::int64_t>() < 1)
                    bad("schedule.milestones", "must hold positive whole numbers");
                recipe.milestones.push_back(milestone.get<std::int64_t>());
            }
            if (!std::is_sorted(recipe.milestones.begin(), recipe.milestones.end()))
                bad("schedule.milestones", "must be in increasing order");
        }
        schedule.done();
    }
    top.read("epochs", recipe.epochs, 1, kMaxEpochs);
    top.read("batch_size", recipe.batchSize, 1, kMaxBatch);
    top.read("seed", recipe.seed, 0, std::numeric_limits<std::int64_t>::max());
    top.read("threads", recipe.threads, 0, 1024);
    top.read("workers", recipe.workers, 1, 64);
    top.read("device", recipe.device);
    top.read("label_smoothing", recipe.labelSmoothing, 0.0, 0.999);
    top.read("bn_l1", recipe.batchNormL1, 0.0, 1.0);
    top.read("max_steps_per_epoch", recipe.maxStepsPerEpoch, 0, std::numeric_limits<std::int32_t>::max());
    if (top.has("distill"))
        recipe.distill = parseDistill(top.raw("distill"), "distill.", baseDirectory);
    if (top.has("qat"))
        recipe.qat = parseQat(top.raw("qat"), "qat.", recipe.epochs);
    top.read("output", recipe.output);
    top.read("metrics", recipe.metrics);
    top.read("checkpoint_dir", recipe.checkpointDir);
    top.read("resume_from", recipe.resumeFrom);
    top.done();
    if (recipe.warmupEpochs >= recipe.epochs && recipe.warmupEpochs > 0)
        bad("schedule.warmup_epochs", "must be fewer than the epochs (" + std::to_string(recipe.epochs) + ")");
    if (recipe.device != "cpu" && recipe.device.rfind("cuda", 0) != 0)
        bad("device", "must be \"cpu\" or \"cuda:N\"");
    if (recipe.output.empty())
        bad("output", "must name the .slim file to write");
    recipe.output = resolve(recipe.output, baseDirectory);
    recipe.metrics = resolve(recipe.metrics, baseDirectory);
    recipe.checkpointDir = resolve(recipe.checkpointDir, baseDirectory);
    recipe.resumeFrom = resolve(recipe.resumeFrom, baseDirectory);
    return recipe;
}

TrainRecipe loadTrainRecipe(const std::string& path)
{
    return parseTrainRecipe(io::readWholeFile(path), std::filesystem::path(path).parent_path().string());
}

std::string trainRecipeToJson(const TrainRecipe& r)
{
    json model = r.modelFile.empty() ? json{{"zoo", r.modelZoo}, {"seed", r.modelSeed}} : json{{"file", r.modelFile}};
    if (!r.modelFile.empty() && r.modelInit != "keep") {
        model["init"] = r.modelInit;
        model["seed"] = r.modelSeed;
    }
    json transforms = {{"crop_padding", r.cropPadding}, {"horizontal_flip", r.horizontalFlip}, {"normalize", r.normalize}};
    if (r.resizeHeight > 0)
        transforms["resize"] = {r.resizeHeight, r.resizeWidth};
    json root = {
        {"kind", "train"},
        {"model", model},
        {"dataset", {{"path", r.dataset}, {"validation", r.validation}}},
        {"transforms", transforms},
        {"optimizer", {{"name", r.optimizer}, {"lr", r.learningRate}, {"momentum", r.momentum}, {"nesterov", r.nesterov},
                       {"weight_decay", r.weightDecay}, {"beta1", r.beta1}, {"beta2", r.beta2}, {"eps", r.epsilon}}},
        {"schedule", {{"name", r.schedule}, {"step_size", r.stepSize}, {"gamma", r.gamma}, {"milestones", r.milestones},
                      {"min_lr", r.minLearningRate}, {"warmup_epochs", r.warmupEpochs}}},
        {"epochs", r.epochs},
        {"batch_size", r.batchSize},
        {"seed", r.seed},
        {"threads", r.threads},
        {"workers", r.workers},
        {"device", r.device},
        {"label_smoothing", r.labelSmoothing},
        {"bn_l1", r.batchNormL1},
        {"max_steps_per_epoch", r.maxStepsPerEpoch},
        {"output", r.output},
        {"metrics", r.metrics},
        {"checkpoint_dir", r.checkpointDir},
        {"resume_from", r.resumeFrom},
    };
    if (!r.distill.teacher.empty())
        root["distill"] = distillToJson(r.distill);
    if (r.qat.enabled)
        root["qat"] = qatToJson(r.qat);
    return root.dump(2);
}

} // namespace slim::engine

namespace slim::engine {

namespace {

json parseObject(const std::string& jsonText)
{
    json root;
    try {
        root = json::parse(jsonText);
    } catch (const json::parse_error& error) {
        bad("recipe", std::string("not valid JSON: ") + error.what());
    }
    if (!root.is_object())
        bad("recipe", "must be a JSON object");
    return root;
}

std::vector<std::string> readNames(Fields& fields, const std::string& key, const std::string& field)
{
    std::vector<std::string> names;
    if (!fields.has(key))
        return names;
    const json& list = fields.raw(key);
    if (!list.is_array() || !std::all_of(list.begin(), list.end(), [](const json& n) { return n.is_string(); }))
        bad(field, "must be a list of layer names");
    for (const json& name : list)
        names.push_back(name.get<std::string>());
    return names;
}

std::map<std::string, double> readOverrides(Fields& fields, const std::string& prefix)
{
    std::map<std::string, double> overrides;
    if (!fields.has("override"))
        return overrides;
    const json& object = fields.raw("override");
    if (!object.is_object())
        bad(prefix + "override", "must map group names to ratios");
    for (const auto& item : object.items()) {
        if (!item.value().is_number() || !(item.value().get<double>() >= 0 && item.value().get<double>() < 1))
            bad(prefix + "override." + item.key(), "must be a ratio from 0 to below 1");
        overrides[item.key()] = item.value().get<double>();
    }
    return overrides;
}

PruneRequest parsePruneStage(const json& object, const std::string& prefix, std::uint64_t seed)
{
    // A misspelt key is named as such before the target check could blame "ratio" for it.
    static const std::set<std::string> keys{"method", "ratio",   "target_macs", "target_params", "scope",          "round_to",
                                            "protect", "override", "recalibrate", "taylor_batches", "batch", "seed"};
    Fields fields(object, prefix);
    for (const auto& item : object.items())
        if (!keys.count(item.key()))
            bad(prefix + item.key(), "unknown field (a typo?)");
    PruneRequest request;
    request.method = "";
    request.seed = seed;
    fields.read("method", request.method);
    oneOf(prefix + "method", request.method, pruneMethods());
    const int targets = int(fields.has("ratio")) + int(fields.has("target_macs")) + int(fields.has("target_params"));
    if (targets != 1)
        bad(prefix + "ratio", "give exactly one of ratio, target_macs and target_params");
    if (fields.has("ratio")) {
        fields.read("ratio", request.amount, 0.0, 1.0);
        if (request.amount >= 1)
            bad(prefix + "ratio", "must be at least 0 and below 1");
    } else {
        const char* key = fields.has("target_macs") ? "target_macs" : "target_params";
        request.target = fields.has("target_macs") ? PruneTarget::Macs : PruneTarget::Params;
        fields.read(key, request.amount, 0.0, 1.0);
        if (request.amount <= 0)
            bad(prefix + key, "must be above 0 and at most 1");
    }
    std::string scope = "layer";
    fields.read("scope", scope);
    oneOf(prefix + "scope", scope, {"layer", "global"});
    if (scope == "global" && request.target != PruneTarget::Ratio)
        bad(prefix + "scope", "applies to a ratio; MACs and parameter targets always rank globally");
    request.global = scope == "global";
    if (request.method == "magnitude" && request.target != PruneTarget::Ratio)
        bad(prefix + "method", "magnitude masks a ratio of the weights: give ratio");
    fields.read("round_to", request.roundTo, 1, 1024);
    request.protectedNodes = readNames(fields, "protect", prefix + "protect");
    request.overrides = readOverrides(fields, prefix);
    fields.read("recalibrate", request.recalibrateBatches, 0, 1000000);
    fields.read("taylor_batches", request.taylorBatches, 1, 1000000);
    fields.read("batch", request.batchSize, 1, kMaxBatch);
    fields.read("seed", request.seed, 0, std::numeric_limits<std::int64_t>::max());
    fields.done();
    return request;
}

json pruneStageToJson(const PruneRequest& r)
{
    json stage = {{"method", r.method}, {"scope", r.global ? "global" : "layer"}, {"round_to", r.roundTo},
                  {"protect", r.protectedNodes}, {"override", r.overrides}, {"recalibrate", r.recalibrateBatches},
                  {"taylor_batches", r.taylorBatches}, {"batch", r.batchSize}, {"seed", r.seed}};
    const char* target = r.target == PruneTarget::Ratio ? "ratio" : r.target == PruneTarget::Macs ? "target_macs" : "target_params";
    stage[target] = r.amount;
    return stage;
}

/// The keys a finetune stage may set: every training setting but what the whole recipe fixes.
const std::set<std::string>& perRecipeKeys()
{
    static const std::set<std::string> keys{"kind", "model", "dataset", "output", "metrics", "checkpoint_dir", "resume_from"};
    return keys;
}


/// The keys each training method's stage takes besides training settings.
const std::set<std::string>& methodKeys(CompressionStage::Kind kind)
{
    static const std::set<std::string> none;
    static const std::set<std::string> surgery{"sparsity", "margin", "gamma", "power", "protect"};
    static const std::set<std::string> agp{"sparsity", "initial", "start_epoch", "end_epoch", "frequency", "scope", "protect"};
    static const std::set<std::string> admm{"ratio",   "override",   "round_to",     "protect", "rho",
                                            "rho_growth", "rho_max", "update_every", "purify"};
    switch (kind) {
    case CompressionStage::Kind::Surgery: return surgery;
    case CompressionStage::Kind::Agp: return agp;
    case CompressionStage::Kind::Admm: return admm;
    default: return none;
    }
}

/// The training settings of a stage that trains: the recipe's with the stage's keys (those
/// that are not the method's) on top; errors name the stage's field.
TrainRecipe parseStageTraining(const json& object, const std::string& prefix, CompressionStage::Kind kind,
                               const json& base, const std::string& baseDirectory)
{
    json patch = json::object();
    for (const auto& item : object.items()) {
        if (methodKeys(kind).count(item.key()))
            continue;
        if (perRecipeKeys().count(item.key()))
            bad(prefix + item.key(), "is set for the whole recipe, not per stage");
        patch[item.key()] = item.value();
    }
    json settings = base;
    settings.merge_patch(patch);
    try {
        return parseTrainRecipe(settings.dump(), baseDirectory);
    } catch (const Error& error) {
        if (error.code() != ErrorCode::InvalidRecipe || error.args().size() < 2)
            throw;
        bad(prefix + error.args()[0], error.args()[1]);
    }
}

/// The method's own keys of a training stage (the object minus its training settings).
json methodPart(const json& object, CompressionStage::Kind kind)
{
    json method = json::object();
    for (const auto& item : object.items())
        if (methodKeys(kind).count(item.key()))
            method[item.key()] = item.value();
    return method;
}

void parseSurgery(const json& object, const std::string& prefix, std::uint64_t seed, prune::SurgerySettings& out)
{
    Fields fields(object, prefix);
    fields.read("sparsity", out.sparsity, 0.0, 1.0);
    if (!(out.sparsity > 0 && out.sparsity < 1))
        bad(prefix + "sparsity", "must be above 0 and below 1");
    fields.read("margin", out.margin, 0.0, 0.99);
    fields.read("gamma", out.gamma, 0.0, 1e6);
    fields.read("power", out.power, 0.0, 100.0);
    out.protectedNodes = readNames(fields, "protect", prefix + "protect");
    out.seed = seed;
    fields.done();
}

void parseAgp(const json& object, const std::string& prefix, std::int64_t epochs, prune::GradualSettings& out)
{
    Fields fields(object, prefix);
    fields.read("sparsity", out.sparsity, 0.0, 1.0);
    if (out.sparsity >= 1)
        bad(prefix + "sparsity", "must be at least 0 and below 1");
    fields.read("initial", out.initial, 0.0, out.sparsity);
    out.endEpoch = static_cast<double>(epochs) * 0.75; // Zhu and Gupta: prune, then train on at s_f
    fields.read("start_epoch", out.startEpoch, 0.0, static_cast<double>(epochs));
    fields.read("end_epoch", out.endEpoch, 0.0, static_cast<double>(epochs));
    if (!(out.endEpoch > out.startEpoch))
        bad(prefix + "end_epoch", "must come after start_epoch");
    fields.read("frequency", out.frequency, 1, std::numeric_limits<std::int32_t>::max());
    std::string scope = out.global ? "global" : "layer";
    fields.read("scope", scope);
    oneOf(prefix + "scope", scope, {"layer", "global"});
    out.global = scope == "global";
    out.protectedNodes = readNames(fields, "protect", prefix + "protect");
    fields.done();
}

void parseAdmm(const json& object, const std::string& prefix, prune::AdmmSettings& out)
{
    Fields fields(object, prefix);
    fields.read("ratio", out.ratio, 0.0, 1.0);
    if (out.ratio >= 1)
        bad(prefix + "ratio", "must be at least 0 and below 1");
    out.overrides = readOverrides(fields, prefix);
    fields.read("round_to", out.roundTo, 1, 1024);
    out.protectedNodes = readNames(fields, "protect", prefix + "protect");
    fields.read("rho", out.rho, 1e-12, 1e6);
    fields.read("rho_growth", out.rhoGrowth, 1.0, 100.0);
    out.rhoMax = std::max(out.rhoMax, out.rho);
    fields.read("rho_max", out.rhoMax, out.rho, 1e9);
    fields.read("update_every", out.updateEvery, 0, std::numeric_limits<std::int32_t>::max());
    fields.read("purify", out.purify, 0.0, 1.0);
    if (out.purify >= 1)
        bad(prefix + "purify", "must be at least 0 and below 1");
    fields.done();
}

json methodToJson(const CompressionStage& stage)
{
    switch (stage.kind) {
    case CompressionStage::Kind::Surgery: {
        const prune::SurgerySettings& s = stage.surgery;
        return {{"sparsity", s.sparsity}, {"margin", s.margin}, {"gamma", s.gamma}, {"power", s.power}, {"protect", s.protectedNodes}};
    }
    case CompressionStage::Kind::Agp: {
        const prune::GradualSettings& s = stage.agp;
        return {{"sparsity", s.sparsity},   {"initial", s.initial},     {"start_epoch", s.startEpoch},
                {"end_epoch", s.endEpoch},  {"frequency", s.frequency}, {"scope", s.global ? "global" : "layer"},
                {"protect", s.protectedNodes}};
    }
    case CompressionStage::Kind::Admm: {
        const prune::AdmmSettings& s = stage.admm;
        return {{"ratio", s.ratio},           {"override", s.overrides}, {"round_to", s.roundTo},
                {"protect", s.protectedNodes}, {"rho", s.rho},           {"rho_growth", s.rhoGrowth},
                {"rho_max", s.rhoMax},         {"update_every", s.updateEvery}, {"purify", s.purify}};
    }
    default: return json::object();
    }
}

/// A "schedule" stage as the prune (and fine-tune) stages it stands for.
std::vector<CompressionStage> expandSchedule(const json& object, const std::string& prefix, const CompressionRecipe& recipe,
                                             const json& base, const std::string& baseDirectory)
{
    Fields fields(object, prefix);
    std::string kind = "progressive";
    fields.read("kind", kind);
    oneOf(prefix + "kind", kind, {"oneshot", "equal", "progressive"});
    int steps = 3;
    double exponent = 3;
    fields.read("steps", steps, 1, 1000);
    fields.read("k", exponent, 1e-3, 100.0);
    if (!fields.has("prune"))
        bad(prefix + "prune", "must give the prune step's method and its final ratio or target");
    const PruneRequest final = parsePruneStage(fields.raw("prune"), prefix + "prune.", recipe.base.seed);
    std::optional<TrainRecipe> finetune;
    if (fields.has("finetune")) {
        if (!fields.raw("finetune").is_object())
            bad(prefix + "finetune", "must be a JSON object of training settings");
        finetune = parseStageTraining(fields.raw("finetune"), prefix + "finetune.", CompressionStage::Kind::Finetune, base,
                                      baseDirectory);
    }
    fields.done();
    if (final.target != PruneTarget::Ratio && final.amount >= 1)
        bad(prefix + "prune", "the target keeps everything: nothing to schedule");
    std::vector<CompressionStage> stages;
    for (CompressionStage& step : scheduleStages(final, *prune::pruneScheduleFromName(kind), steps, exponent)) {
        step.prune.dataset = recipe.base.dataset;
        stages.push_back(std::move(step));
        if (finetune) {
            CompressionStage train;
            train.kind = CompressionStage::Kind::Finetune;
            train.finetune = *finetune;
            stages.push_back(std::move(train));
        }
    }
    return stages;
}

} // namespace

std::vector<CompressionStage> scheduleStages(const PruneRequest& final, prune::PruneSchedule schedule, int steps,
                                             double exponent)
{
    // Ratios remove that share of the original; MACs and parameter targets keep it.
    const bool keeps = final.target != PruneTarget::Ratio;
    const double finalShare = keeps ? 1 - final.amount : final.amount;
    const std::vector<double> shares = prune::scheduleRatios(schedule, finalShare, steps, exponent);
    // A group's own ratio follows the same schedule toward its own final share.
    std::map<std::string, std::vector<double>> overrideShares;
    for (const auto& [group, ratio] : final.overrides)
        overrideShares[group] = prune::scheduleRatios(schedule, ratio, steps, exponent);
    std::vector<CompressionStage> stages;
    for (std::size_t i = 0; i < shares.size(); ++i) {
        const double before = i > 0 ? shares[i - 1] : 0.0;
        CompressionStage step;
        step.kind = CompressionStage::Kind::Prune;
        step.prune = final;
        if (final.method == "magnitude")
            step.prune.amount = shares[i];  // masks compose: the ratio is the sparsity the layer ends with
        else if (keeps)
            step.prune.amount = (1 - shares[i]) / (1 - before);  // of the MACs (parameters) the step starts from
        else
            step.prune.amount = prune::stepFraction(before, shares[i]);  // of the channels the step starts from
        for (auto& [group, ratio] : step.prune.overrides) { // of the group's channels the step starts from
            const std::vector<double>& own = overrideShares.at(group);
            ratio = prune::stepFraction(i > 0 ? own[i - 1] : 0.0, own[i]);
        }
        stages.push_back(std::move(step));
    }
    return stages;
}

std::string stageKindName(CompressionStage::Kind kind)
{
    switch (kind) {
    case CompressionStage::Kind::Prune: return "prune";
    case CompressionStage::Kind::Finetune: return "finetune";
    case CompressionStage::Kind::Surgery: return "surgery";
    case CompressionStage::Kind::Agp: return "agp";
    case CompressionStage::Kind::Admm: return "admm";
    }
    return "prune";
}

std::string recipeKind(const std::string& jsonText)
{
    const json root = parseObject(jsonText);
    if (!root.contains("kind"))
        return "train";
    if (!root.at("kind").is_string())
        bad("kind", "must be a string");
    return root.at("kind").get<std::string>();
}

CompressionRecipe parseCompressionRecipe(const std::string& jsonText, const std::string& baseDirectory)
{
    json root = parseObject(jsonText);
    if (recipeKind(jsonText) != "compress")
        bad("kind", "must be \"compress\" for a recipe with stages");
    CompressionRecipe recipe;
    if (root.contains("output_dir")) {
        if (!root.at("output_dir").is_string() || root.at("output_dir").get<std::string>().empty())
            bad("output_dir", "must name the folder the stages write to");
        recipe.outputDir = root.at("output_dir").get<std::string>();
    }
    recipe.outputDir = resolve(recipe.outputDir, baseDirectory);
    if (!root.contains("stages") || !root.at("stages").is_array() || root.at("stages").empty())
        bad("stages", "must list the stages to run, e.g. [{\"prune\": {...}}, {\"finetune\": {...}}]");
    for (const char* key : {"output", "metrics", "checkpoint_dir", "resume_from"})
        if (root.contains(key))
            bad(key, "a compression recipe writes each stage's files into output_dir; remove it");
    const json stages = root.at("stages");
    json base = root;
    for (const char* key : {"kind", "output_dir", "stages"})
        base.erase(key);
    recipe.base = parseTrainRecipe(base.dump(), baseDirectory);

    static const std::vector<std::pair<std::string, CompressionStage::Kind>> trainingKinds{
        {"finetune", CompressionStage::Kind::Finetune},
        {"surgery", CompressionStage::Kind::Surgery},
        {"agp", CompressionStage::Kind::Agp},
        {"admm", CompressionStage::Kind::Admm},
    };
    for (std::size_t i = 0; i < stages.size(); ++i) {
        const std::string prefix = "stages[" + std::to_string(i) + "]";
        const json& stage = stages[i];
        if (!stage.is_object() || stage.size() != 1)
            bad(prefix, "must be one of {\"prune\": {...}}, {\"finetune\": {...}}, {\"schedule\": {...}}, "
                        "{\"surgery\": {...}}, {\"agp\": {...}} or {\"admm\": {...}}");
        const std::string key = stage.begin().key();
        const json& body = stage.begin().value();
        const std::string bodyPrefix = prefix + "." + key + ".";
        if (!body.is_object())
            bad(prefix + "." + key, "must be a JSON object");
        if (key == "prune") {
            CompressionStage parsed;
            parsed.kind = CompressionStage::Kind::Prune;
            parsed.prune = parsePruneStage(body, bodyPrefix, recipe.base.seed);
            parsed.prune.dataset = recipe.base.dataset;
            recipe.stages.push_back(std::move(parsed));
            continue;
        }
        if (key == "qat") {
            // {"qat": {"bits": 4, "bits_schedule": [...], "epochs": 3, ...}}: a fine-tune stage
            // with quantization-aware training; its quantization keys beside the training ones.
            static const std::set<std::string> qatKeys{"bits",     "weight_bits", "act_bits",      "per_channel",  "symmetric",
                                                       "keep_ends", "observer",   "calib_batches", "bits_schedule"};
            json training = json::object();
            json quantization = json::object();
            for (const auto& item : body.items())
                (qatKeys.count(item.key()) ? quantization : training)[item.key()] = item.value();
            if (training.contains("qat"))
                bad(bodyPrefix + "qat", "a qat stage takes the quantization settings directly");
            CompressionStage parsed;
            parsed.kind = CompressionStage::Kind::Finetune;
            parsed.finetune = parseStageTraining(training, bodyPrefix, parsed.kind, base, baseDirectory);
            parsed.finetune.qat = parseQat(quantization, bodyPrefix, parsed.finetune.epochs);
            recipe.stages.push_back(std::move(parsed));
            continue;
        }
        if (key == "schedule") {
            for (CompressionStage& step : expandSchedule(body, bodyPrefix, recipe, base, baseDirectory))
                recipe.stages.push_back(std::move(step));
            continue;
        }
        const auto kind = std::find_if(trainingKinds.begin(), trainingKinds.end(),
                                       [&](const auto& entry) { return entry.first == key; });
        if (kind == trainingKinds.end())
            bad(prefix, "'" + key + "' is not a stage: use prune, finetune, qat, schedule, surgery, agp or admm");
        CompressionStage parsed;
        parsed.kind = kind->second;
        parsed.finetune = parseStageTraining(body, bodyPrefix, parsed.kind, base, baseDirectory);
        const json method = methodPart(body, parsed.kind);
        if (parsed.kind == CompressionStage::Kind::Surgery)
            parseSurgery(method, bodyPrefix, recipe.base.seed, parsed.surgery);
        else if (parsed.kind == CompressionStage::Kind::Agp)
            parseAgp(method, bodyPrefix, parsed.finetune.epochs, parsed.agp);
        else if (parsed.kind == CompressionStage::Kind::Admm)
            parseAdmm(method, bodyPrefix, parsed.admm);
        recipe.stages.push_back(std::move(parsed));
    }
    return recipe;
}

CompressionRecipe loadCompressionRecipe(const std::string& path)
{
    return parseCompressionRecipe(io::readWholeFile(path), std::filesystem::path(path).parent_path().string());
}

std::string compressionRecipeToJson(const CompressionRecipe& recipe)
{
    json root = json::parse(trainRecipeToJson(recipe.base));
    for (const char* key : {"output", "metrics", "checkpoint_dir", "resume_from"})
        root.erase(key);
    root["kind"] = "compress";
    root["output_dir"] = recipe.outputDir;
    json stages = json::array();
    for (const CompressionStage& stage : recipe.stages) {
        if (stage.kind == CompressionStage::Kind::Prune) {
            stages.push_back({{"prune", pruneStageToJson(stage.prune)}});
            continue;
        }
        const json full = json::parse(trainRecipeToJson(stage.finetune));
        json body = methodToJson(stage);
        for (const auto& item : full.items())
            if (!perRecipeKeys().count(item.key()) && item.value() != root.value(item.key(), json()))
                body[item.key()] = item.value();
        stages.push_back({{stageKindName(stage.kind), body}});
    }
    root["stages"] = stages;
    return root.dump(2);
}

} // namespace slim::engine
