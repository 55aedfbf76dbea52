#include "cli/options.h"

#include "cli/cli.h"
#include "core/error.h"
#include "data/dataset.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <regex>
#include <sstream>

namespace slim::app::cli {

void addModelOptions(CLI::App& command, ModelReference& model, InputOption input)
{
    addModelPositional(command, model.reference);
    addShapeOptions(command, model.shapeText, input);
    addClassesOption(command, model.classes);
}

CLI::Option* addModelPositional(CLI::App& command, std::string& reference)
{
    std::string zoo;
    for (const std::string& name : engine::zooModelNames())
        zoo += (zoo.empty() ? "" : ", ") + name;
    return command.add_option("MODEL", reference, "a .slim, .onnx or TorchScript .pt file, or a zoo name: " + zoo)
        ->required()
        ->type_name("");
}

void addShapeOptions(CLI::App& command, std::string& text, InputOption input)
{
    const CLI::Validator shapeCheck(
        [](const std::string& value) {
            try {
                parseShape(value);
                return std::string();
            } catch (const UsageError& error) {
                return std::string(error.what());
            }
        },
        "");
    CLI::Option* shape = command.add_option("--shape", text, "the input size, channels × height × width (3x32x32)")
                             ->check(shapeCheck)
                             ->type_name("CxHxW");
    if (input == InputOption::AliasOfShape) {
        // Two options on one value, rather than one with two names, so errors name what was typed.
        command.add_option("--input", text, "the same as --shape")->check(shapeCheck)->type_name("CxHxW")->excludes(shape);
    }
}

CLI::Option* addClassesOption(CLI::App& command, std::int64_t& classes)
{
    return command.add_option("--classes", classes, "classes of a zoo model (default: its usual ones)")
        ->check(CLI::Range(std::int64_t{1}, kMaxClasses))
        ->type_name("N");
}

CLI::Option* addDeviceOption(CLI::App& command, std::string& device)
{
    const CLI::Validator deviceCheck(
        [](const std::string& value) {
            static const std::regex kDevice("cpu|cuda(:[0-9]+)?");
            return std::regex_match(value, kDevice) ? std::string() : "must be cpu or cuda:N, got '" + value + "'";
        },
        "");
    return command.add_option("--device", device, "cpu or cuda:N")->check(deviceCheck)->type_name("DEVICE");
}

bool isZooName(const std::string& reference)
{
    const auto& names = engine::zooModelNames();
    return std::find(names.begin(), names.end(), reference) != names.end();
}

namespace {

/// Whether `error` is the engine refusing a file whose input size is dynamic and not given.
bool isDynamicSizeError(const engine::Error& error)
{
    const std::vector<std::string>& args = error.args();
    return error.code() == engine::ErrorCode::InvalidArgument && args.size() == 2 && args[0] == "input"
           && args[1] == "dynamic shape";
}

} // namespace

engine::Model openModel(const ModelReference& model, const std::vector<std::int64_t>& sizeHint, std::int64_t classesHint)
{
    const std::vector<std::int64_t> shape = parseShape(model.shapeText);
    const std::vector<std::int64_t>& size = shape.empty() ? sizeHint : shape;
    const bool isZoo = isZooName(model.reference);
    engine::ZooSpec spec;
    if (isZoo)
        spec = engine::zooSpecFor(model.reference, size, model.classes > 0 ? model.classes : classesHint);
    else if (model.classes > 0)
        throw UsageError("--classes applies to zoo models only");
    const std::string extension = lowerExtension(model.reference);
    engine::Model opened;
    if (extension == ".pt" || extension == ".pth") {
        opened = engine::Model::open(model.reference, spec, size);
    } else if (extension == ".onnx") {
        try {
            opened = engine::Model::open(model.reference, spec, shape);
        } catch (const engine::Error& error) {
            if (!isDynamicSizeError(error) || sizeHint.empty())
                throw;
            opened = engine::Model::open(model.reference, spec, sizeHint);
        }
    } else {
        opened = engine::Model::open(model.reference, spec);
    }
    if (!shape.empty() && !isZoo && opened.inputShape() != shape)
        opened = opened.withInputShape(shape);
    return opened;
}

engine::Model openModelForDataset(const ModelReference& model, const std::string& datasetPath, bool testSplit)
{
    const std::string extension = lowerExtension(model.reference);
    const bool needsSize = model.shapeText.empty() && (extension == ".pt" || extension == ".pth" || extension == ".onnx");
    if (!isZooName(model.reference) && !needsSize)
        return openModel(model);
    const engine::data::ImageDataset dataset =
        engine::data::openDataset(datasetPath, testSplit ? engine::data::Split::Test : engine::data::Split::Train);
    return openModel(model, dataset.sampleShape(), dataset.classes);
}

std::string lowerExtension(const std::string& path)
{
    std::string extension = std::filesystem::path(path).extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char letter) { return static_cast<char>(std::tolower(letter)); });
    return extension;
}

std::vector<std::int64_t> parseShape(const std::string& text)
{
    if (text.empty())
        return {};
    std::string normalised = text;
    for (const std::string times : {"×", "X", ","}) {
        for (std::size_t at = normalised.find(times); at != std::string::npos; at = normalised.find(times))
            normalised.replace(at, times.size(), "x");
    }
    std::vector<std::int64_t> shape;
    std::stringstream parts(normalised);
    std::string part;
    while (std::getline(parts, part, 'x')) {
        std::size_t used = 0;
        long long size = 0;
        try {
            size = std::stoll(part, &used);
        } catch (const std::exception&) {
            used = 0;
        }
        if (part.empty() || used != part.size() || size < 1 || size > kMaxShapeSize)
            throw UsageError("sizes must be whole numbers in 1.." + std::to_string(kMaxShapeSize) + ", got '" + text + "'");
        shape.push_back(size);
    }
    if (shape.size() != 3 || normalised.back() == 'x')
        throw UsageError("must be CxHxW, like 3x32x32; got '" + text + "'");
    return shape;
}

std::string shapeText(const std::vector<std::int64_t>& shape)
{
    std::string text;
    for (std::size_t i = 0; i < shape.size(); ++i)
        text += (i ? "x" : "") + std::to_string(shape[i]);
    return text;
}

std::string withThousands(std::int64_t value)
{
    std::string digits = std::to_string(value < 0 ? -value : value);
    for (int at = static_cast<int>(digits.size()) - 3; at > 0; at -= 3)
        digits.insert(static_cast<std::size_t>(at), ",");
    return value < 0 ? "-" + digits : digits;
}

std::string percentText(double percent, int decimals)
{
    char text[48];
    std::snprintf(text, sizeof text, "%.*f %%", decimals, percent);
    return text;
}

std::string errorLine(const std::exception& error)
{
    std::string text = error.what();
    text.erase(0, text.find_first_not_of(" \t\r\n"));
    text = engine::firstLine(text);
    text.erase(text.find_last_not_of(" \t\r") + 1);
    return text;
}

int exitCodeFor(const std::exception& error)
{
    return dynamic_cast<const UsageError*>(&error) ? kExitUsage : kExitFailure;
}

} // namespace slim::app::cli
