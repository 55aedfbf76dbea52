#include "jobs/recipe.h"

#include "core/error.h"
#include "io/atomicfile.h"
#include "io/zoospec.h"

#include <nlohmann/json.hpp>

#include <filesystem>
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
    top.read("max_steps_per_epoch", recipe.maxStepsPerEpoch, 0, std::numeric_limits<std::int32_t>::max());
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
    const json root = {
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
        {"max_steps_per_epoch", r.maxStepsPerEpoch},
        {"output", r.output},
        {"metrics", r.metrics},
        {"checkpoint_dir", r.checkpointDir},
        {"resume_from", r.resumeFrom},
    };
    return root.dump(2);
}

} // namespace slim::engine
