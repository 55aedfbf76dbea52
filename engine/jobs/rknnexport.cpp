#include "jobs/rknnexport.h"

#include "core/error.h"
#include "data/dataset.h"
#include "graph/graph.h"
#include "io/atomicfile.h"
#include "passes/folding.h"

#include <ATen/ATen.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

extern char** environ;

namespace slim::engine {

namespace {

namespace fs = std::filesystem;

const std::vector<std::string> kDtypes{"w8a8", "w8a16", "w16a16i"};
const std::vector<std::string> kAlgorithms{"normal", "mmse", "kl_divergence"};
const std::vector<std::string> kMethods{"channel", "layer"};
/// The exit status convert_rknn.py gives when its Python cannot import rknn.api.
constexpr int kNoToolkitStatus = 3;
/// How long checkRknnPython() waits for `import rknn.api` (the real toolkit takes seconds).
constexpr std::chrono::seconds kPythonCheckTimeout{60};
/// Layers named in one width warning; the rest are counted.
constexpr std::size_t kWarnedLayers = 6;

void requireOneOf(const std::string& setting, const std::string& value, const std::vector<std::string>& allowed)
{
    if (std::find(allowed.begin(), allowed.end(), value) != allowed.end())
        return;
    std::string list;
    for (const std::string& name : allowed)
        list += (list.empty() ? "" : ", ") + name;
    throw Error(ErrorCode::InvalidArgument, setting + ": '" + value + "' is not one of " + list, {setting, value});
}

std::string pythonList(const std::vector<double>& values)
{
    std::ostringstream text;
    text.precision(10);
    text << "[[";
    for (std::size_t i = 0; i < values.size(); ++i)
        text << (i ? ", " : "") << values[i];
    text << "]]";
    return text.str();
}

std::string pythonString(const std::string& value)
{
    std::string quoted = "'";
    for (const char c : value) {
        if (c == '\\' || c == '\'')
            quoted += '\\';
        quoted += c;
    }
    return quoted + "'";
}

/// RKNN computes (pixel − mean) / std itself, in pixel units: the model's contract
/// (pixel·scale − mean) / std rewritten, so that normalisation happens exactly once.
void normalisationInPixels(const Preprocessing& contract, std::int64_t channels, std::vector<double>& mean,
                           std::vector<double>& deviation)
{
    if (contract.normalizes() && contract.mean.size() != 1 && static_cast<std::int64_t>(contract.mean.size()) != channels)
        throw Error(ErrorCode::InvalidArgument,
                    "the model's normalisation has " + std::to_string(contract.mean.size()) + " values for "
                        + std::to_string(channels) + " input channels",
                    {"normalization.mean", "length differs from the input channels"});
    mean.assign(static_cast<std::size_t>(channels), 0.0);
    deviation.assign(static_cast<std::size_t>(channels), 1.0 / contract.pixelScale);
    for (std::size_t c = 0; c < mean.size() && contract.normalizes(); ++c) {
        const std::size_t k = contract.mean.size() == 1 ? 0 : c;
        mean[c] = contract.mean[k] / contract.pixelScale;
        deviation[c] = contract.std[k] / contract.pixelScale;
    }
}

std::string convertScript(const RknnBundleOptions& options, const RknnBundle& bundle, bool analysis, bool bgr)
{
    std::ostringstream script;
    script << R"py(#!/usr/bin/env python3
"""Converts model.onnx into model.rknn with Rockchip's rknn-toolkit2. Written by Slimbench.

Run it with a Python that can import rknn.api (rknn-toolkit2's own virtual environment):

    python3 convert_rknn.py [--output model.rknn] [--no-analysis]

The mean and std below are the model's normalisation in pixel units: RKNN applies them to the
raw pixels the device feeds, and model.onnx does not normalise again.
"""
import argparse
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CONFIG = {
    "mean_values": )py" << pythonList(bundle.meanValues) << R"py(,
    "std_values": )py" << pythonList(bundle.stdValues) << R"py(,
    "target_platform": )py" << pythonString(options.target) << R"py(,
    "quantized_dtype": )py" << pythonString(options.quantizedDtype) << R"py(,
    "quantized_algorithm": )py" << pythonString(options.algorithm) << R"py(,
    "quantized_method": )py" << pythonString(options.method) << R"py(,
    "optimization_level": 3,)py" << (bgr ? "\n    \"quant_img_RGB2BGR\": True,  # the model takes BGR; the images are RGB files" : "") << R"py(
}
QUANTIZE = )py" << (options.quantize ? "True" : "False") << R"py(
ANALYSIS = )py" << (analysis ? "True" : "False") << R"py(


def calibration_listing():
    """dataset.txt for this folder as it is now, so the bundle may be moved: one image per line."""
    folder = os.path.join(HERE, "images")
    images = sorted(os.path.join(folder, name) for name in os.listdir(folder) if name.endswith(".png"))
    if any(" " in image for image in images):
        print("convert_rknn.py: rknn-toolkit2 splits dataset.txt lines at spaces; move the bundle to a path "
              "without spaces", file=sys.stderr)
        sys.exit(1)
    listing = os.path.join(HERE, "dataset.txt")
    with open(listing, "w") as out:
        out.write("".join(image + "\n" for image in images))
    return listing, images


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", default=os.path.join(HERE, "model.rknn"))
    parser.add_argument("--no-analysis", action="store_true", help="skip accuracy_analysis")
    args = parser.parse_args()
    try:
        from rknn.api import RKNN
    except ImportError as error:
        print("convert_rknn.py: this Python cannot import rknn.api (%s); run the script with "
              "rknn-toolkit2's Python" % error, file=sys.stderr)
        return )py" << kNoToolkitStatus << R"py(
    dataset, images = calibration_listing() if QUANTIZE else (None, [])
    rknn = RKNN(verbose=True)

    def step(name, status):
        if status != 0:
            rknn.release()
            print("convert_rknn.py: %s failed (status %s)" % (name, status), file=sys.stderr, flush=True)
            sys.exit(1)
        print("convert_rknn.py: %s done" % name, flush=True)

    rknn.config(**CONFIG)
    step("load_onnx", rknn.load_onnx(model=os.path.join(HERE, "model.onnx")))
    step("build", rknn.build(do_quantization=QUANTIZE, dataset=dataset))
    # Written aside and renamed: a failed or cancelled export never leaves a partial model.rknn.
    partial = args.output + ".part"
    step("export_rknn", rknn.export_rknn(partial))
    os.replace(partial, args.output)
    if ANALYSIS and images and not args.no_analysis:
        step("accuracy_analysis", rknn.accuracy_analysis(inputs=images[:1], output_dir=os.path.join(HERE, "snapshot")))
    rknn.release()
    print("convert_rknn.py: wrote %s" % args.output, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
)py";
    return script.str();
}

std::string readme(const RknnBundleOptions& options, const RknnBundle& bundle, const std::string& modelName)
{
    std::ostringstream text;
    text << "# " << modelName << " for " << options.target << " (RKNN bundle written by Slimbench)\n\n"
         << "## English\n\n"
         << "- `model.onnx`: the float model (opset " << options.opset << ", static shapes, BatchNorm folded).\n"
         << "- `dataset.txt`: " << bundle.calibrationImages << " calibration images (`images/`, raw pixels) for "
         << "RKNN's quantization, listed by absolute path: move the folder and write it again, or edit the paths.\n"
         << "- `convert_rknn.py`: the conversion with rknn-toolkit2 (" << options.quantizedDtype << ", "
         << options.algorithm << ", per " << options.method << "), then `accuracy_analysis` into `snapshot/`.\n\n"
         << "On a Linux machine with rknn-toolkit2 installed in its own virtual environment:\n\n"
         << "```sh\n/path/to/rknn-venv/bin/python convert_rknn.py\n```\n\n"
         << "The model's normalisation is in the script (mean " << pythonList(bundle.meanValues) << ", std "
         << pythonList(bundle.stdValues) << ", pixel units): feed the NPU raw pixels, in the channel order the "
         << "calibration images have.\n\n"
         << "## 中文\n\n"
         << "- `model.onnx`：浮点模型（opset " << options.opset << "，静态形状，BatchNorm 已折叠）。\n"
         << "- `dataset.txt`：" << bundle.calibrationImages << " 张校准图像（`images/`，原始像素），用于 RKNN "
         << "量化，按绝对路径列出：移动文件夹后请重新导出或修改路径。\n"
         << "- `convert_rknn.py`：用 rknn-toolkit2 转换（" << options.quantizedDtype << "，" << options.algorithm
         << "，按 " << options.method << " 量化），再运行 `accuracy_analysis`，结果写入 `snapshot/`。\n\n"
         << "在装有 rknn-toolkit2（独立虚拟环境）的 Linux 机器上运行：\n\n"
         << "```sh\n/path/to/rknn-venv/bin/python convert_rknn.py\n```\n\n"
         << "模型的归一化已写入脚本（mean " << pythonList(bundle.meanValues) << "，std " << pythonList(bundle.stdValues)
         << "，像素单位）：向 NPU 输入原始像素，通道顺序与校准图像一致。\n";
    return text.str();
}

/// Convolutions whose output channels are not a multiple of what the target's NPU computes
/// in one pass (16 for 8-bit types, 8 for 16-bit).
void warnAboutWidths(const Model& model, const RknnBundleOptions& options, RknnBundle& bundle)
{
    const std::int64_t multiple = options.quantizedDtype == "w8a8" ? 16 : 8;
    std::vector<std::string> odd;
    for (const graph::Node& node : model.graph().nodes()) {
        const at::Tensor weight = node.tensor("weight");
        if (node.op == graph::OpKind::Conv2d && weight.defined() && weight.size(0) % multiple != 0)
            odd.push_back(node.name + " (" + std::to_string(weight.size(0)) + ")");
    }
    if (odd.empty())
        return;
    std::string names;
    for (std::size_t i = 0; i < std::min(odd.size(), kWarnedLayers); ++i)
        names += (i ? ", " : "") + odd[i];
    if (odd.size() > kWarnedLayers)
        names += " and " + std::to_string(odd.size() - kWarnedLayers) + " more";
    bundle.warnings.push_back(std::to_string(odd.size()) + (odd.size() == 1 ? " convolution has" : " convolutions have")
                              + " output channels that are not a multiple of "
                              + std::to_string(multiple) + ", which " + options.target + " computes less well: " + names
                              + ". Pruning with round_to " + std::to_string(multiple) + " keeps widths that fit.");
}

void writeCalibrationImages(const Model& model, const RknnBundleOptions& options, RknnBundle& bundle,
                            const JobContext& context)
{
    const data::ImageDataset dataset = data::openDataset(options.calibrationDataset, data::Split::Train);
    const std::vector<std::int64_t> images = dataset.sampleShape();
    const std::vector<std::int64_t> input = model.inputShape();
    if (images != input)
        throw Error(ErrorCode::InvalidArgument,
                    "calibration images of " + options.calibrationDataset + " are " + std::to_string(images[0]) + "×"
                        + std::to_string(images[1]) + "×" + std::to_string(images[2]) + ", the model takes "
                        + std::to_string(input[0]) + "×" + std::to_string(input[1]) + "×" + std::to_string(input[2]),
                    {"calibration dataset", "image size differs from the model's input"});
    const std::int64_t count = std::min(options.calibrationCount, dataset.size());
    const fs::path folder = fs::absolute(bundle.folder);
    fs::create_directories(folder / "images");
    std::string listing;
    for (std::int64_t i = 0; i < count; ++i) {
        context.throwIfCancelled();
        context.progress({i, count, "calibration images", -1});
        const std::int64_t index = i * dataset.size() / count;
        const at::Tensor hwc = dataset.images[index].permute({1, 2, 0}).contiguous();
        cv::Mat image(static_cast<int>(hwc.size(0)), static_cast<int>(hwc.size(1)),
                      CV_8UC(static_cast<int>(hwc.size(2))), hwc.data_ptr<std::uint8_t>());
        cv::Mat written = image;
        if (image.channels() == 3)
            cv::cvtColor(image, written, cv::COLOR_RGB2BGR); // imwrite stores BGR as an RGB file
        char name[32];
        std::snprintf(name, sizeof name, "calib_%04lld.png", static_cast<long long>(i));
        const fs::path path = folder / "images" / name;
        if (!cv::imwrite(path.string(), written))
            throw Error(ErrorCode::FileWriteFailed, "could not write " + path.string(), {path.string(), "imwrite failed"});
        listing += path.string() + "\n";
        bundle.files.push_back(std::string("images/") + name);
    }
    io::writeFileAtomically((folder / "dataset.txt").string(), listing);
    bundle.files.push_back("dataset.txt");
    bundle.calibrationImages = count;
}

/// A child process with stdout and stderr on one pipe.
struct ProcessResult {
    int status = -1;           ///< exit status; -1 when it did not exit normally
    std::string output;
};

/// Stops the child's whole process group (the toolkit may start helpers): SIGTERM, then SIGKILL
/// after a grace period; reaps it.
void stopProcessGroup(pid_t pid)
{
    kill(-pid, SIGTERM);
    int status = 0;
    for (int i = 0; i < 30 && waitpid(pid, &status, WNOHANG) == 0; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    if (waitpid(pid, &status, WNOHANG) == 0) {
        kill(-pid, SIGKILL);
        waitpid(pid, &status, 0);
    } else {
        kill(-pid, SIGKILL); // helpers it left behind
    }
}

ProcessResult runProcess(const std::vector<std::string>& argv, const JobContext& context,
                         const std::function<void(const std::string&)>& logLine)
{
    int pipeEnds[2];
    // Close-on-exec: a child spawned meanwhile on another thread must not hold the write end.
    if (pipe2(pipeEnds, O_CLOEXEC) != 0)
        throw Error(ErrorCode::InvalidArgument, "could not start " + argv.front() + ": " + std::strerror(errno),
                    {argv.front(), "pipe failed"});
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], STDERR_FILENO);
    // Its own process group, so cancel reaches everything it starts; default signals, none blocked.
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    posix_spawnattr_setpgroup(&attributes, 0);
    sigset_t none;
    sigemptyset(&none);
    posix_spawnattr_setsigmask(&attributes, &none);
    sigset_t defaults;
    sigemptyset(&defaults);
    for (const int signal : {SIGPIPE, SIGINT, SIGTERM, SIGHUP})
        sigaddset(&defaults, signal);
    posix_spawnattr_setsigdefault(&attributes, &defaults);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    std::vector<char*> args;
    for (const std::string& arg : argv)
        args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    pid_t pid = 0;
    const int spawned = posix_spawnp(&pid, argv.front().c_str(), &actions, &attributes, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    close(pipeEnds[1]);
    if (spawned != 0) {
        close(pipeEnds[0]);
        throw Error(ErrorCode::InvalidArgument, "cannot run '" + argv.front() + "': " + std::strerror(spawned),
                    {argv.front(), std::strerror(spawned)});
    }

    ProcessResult result;
    try {
        std::string pending;
        for (;;) {
            if (context.cancelled())
                throw JobCancelled();
            pollfd readable{pipeEnds[0], POLLIN, 0};
            const int ready = poll(&readable, 1, 100);
            if (ready < 0 && errno != EINTR)
                break;
            if (ready <= 0)
                continue;
            char buffer[4096];
            const ssize_t got = read(pipeEnds[0], buffer, sizeof buffer);
            if (got < 0 && errno == EINTR)
                continue;
            if (got <= 0)
                break; // end of output: the child closed it or exited
            result.output.append(buffer, static_cast<std::size_t>(got));
            pending.append(buffer, static_cast<std::size_t>(got));
            for (std::size_t end; (end = pending.find('\n')) != std::string::npos;) {
                if (logLine)
                    logLine(pending.substr(0, end));
                pending.erase(0, end + 1);
            }
        }
        if (!pending.empty() && logLine)
            logLine(pending);
    } catch (...) {
        close(pipeEnds[0]);
        stopProcessGroup(pid);
        throw;
    }
    close(pipeEnds[0]);
    int status = 0;
    // Output closed; the process may still be finishing. Cancel stays possible meanwhile.
    while (waitpid(pid, &status, WNOHANG) == 0) {
        if (context.cancelled()) {
            stopProcessGroup(pid);
            throw JobCancelled();
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

std::string lastLine(const std::string& text)
{
    std::istringstream lines(text);
    std::string line;
    std::string last;
    while (std::getline(lines, line)) {
        if (line.find_first_not_of(" \t\r") != std::string::npos)
            last = line;
    }
    return last;
}

} // namespace

const std::vector<std::string>& rknnTargets()
{
    static const std::vector<std::string> targets{"rk3588", "rk3576", "rk3568", "rk3566", "rk3562", "rv1106"};
    return targets;
}

RknnBundle writeRknnBundle(const Model& model, const std::string& folder, const RknnBundleOptions& options,
                           const JobContext& context)
{
    requireOneOf("target", options.target, rknnTargets());
    requireOneOf("quantized dtype", options.quantizedDtype, kDtypes);
    requireOneOf("quantized algorithm", options.algorithm, kAlgorithms);
    requireOneOf("quantized method", options.method, kMethods);
    if (options.opset != 12 && options.opset != 13)
        throwOutOfRange("opset", options.opset, "12 or 13");
    if (options.quantize && options.calibrationDataset.empty())
        throw Error(ErrorCode::InvalidArgument, "RKNN quantization needs calibration images: name a data set",
                    {"calibration dataset", "missing"});
    if (options.quantize && options.calibrationCount < 1)
        throwOutOfRange("calibration count", static_cast<double>(options.calibrationCount), "at least 1");

    RknnBundle bundle;
    bundle.folder = folder;
    fs::create_directories(folder);
    normalisationInPixels(model.preprocessing(), model.inputShape().front(), bundle.meanValues, bundle.stdValues);
    if (options.quantize)
        writeCalibrationImages(model, options, bundle, context);
    context.throwIfCancelled();
    context.progress({0, 1, "ONNX export", -1});
    bundle.onnx = exportModelToOnnx(model, (fs::path(folder) / "model.onnx").string(), options.opset, context);
    bundle.files.push_back("model.onnx");
    const bool bgr = model.preprocessing().channelOrder == "BGR";
    io::writeFileAtomically((fs::path(folder) / "convert_rknn.py").string(),
                            convertScript(options, bundle, options.quantize && options.analysis, bgr));
    fs::permissions(fs::path(folder) / "convert_rknn.py", fs::perms::owner_exec | fs::perms::group_exec | fs::perms::others_exec,
                    fs::perm_options::add);
    bundle.files.push_back("convert_rknn.py");
    io::writeFileAtomically((fs::path(folder) / "README.md").string(), readme(options, bundle, model.name()));
    bundle.files.push_back("README.md");
    warnAboutWidths(model, options, bundle);
    return bundle;
}

std::string checkRknnPython(const std::string& python)
{
    // Importing the toolkit takes a few seconds; a Python that hangs must not hold a worker forever.
    const auto deadline = std::chrono::steady_clock::now() + kPythonCheckTimeout;
    JobContext timeLimit;
    timeLimit.isCancelled = [deadline] { return std::chrono::steady_clock::now() > deadline; };
    ProcessResult result;
    try {
        result = runProcess({python, "-c", "import rknn.api"}, timeLimit, {});
    } catch (const Error& error) {
        return error.what();
    } catch (const JobCancelled&) {
        return "'" + python + "' did not finish importing rknn.api within "
               + std::to_string(std::chrono::duration_cast<std::chrono::seconds>(kPythonCheckTimeout).count()) + " s";
    }
    if (result.status == 0)
        return {};
    return "'" + python + "' cannot import rknn.api: " + lastLine(result.output);
}

std::vector<RknnLayerError> readRknnErrorAnalysis(const std::string& path)
{
    std::ifstream file(path);
    if (!file)
        throw Error(ErrorCode::FileNotFound, "no accuracy analysis at " + path, {path});
    std::vector<RknnLayerError> layers;
    std::string line;
    int number = 0;
    while (std::getline(file, line)) {
        ++number;
        const std::size_t open = line.find_first_not_of(" \t");
        if (open == std::string::npos || line[open] != '[')
            continue; // comments, headers, rules
        const std::size_t close = line.find(']', open);
        std::replace(line.begin(), line.end(), '|', ' ');
        RknnLayerError layer;
        std::istringstream fields(close == std::string::npos ? std::string() : line.substr(close + 1));
        if (close != std::string::npos)
            layer.op = line.substr(open + 1, close - open - 1);
        if (!(fields >> layer.name >> layer.entireCosine >> layer.entireEuclidean >> layer.singleCosine >> layer.singleEuclidean))
            throw Error(ErrorCode::FileCorrupt,
                        path + ":" + std::to_string(number) + ": not a layer line ([OpType] name cos | euc cos | euc)",
                        {path, "line " + std::to_string(number)});
        layers.push_back(std::move(layer));
    }
    if (layers.empty())
        throw Error(ErrorCode::FileCorrupt, path + ": no layer in the accuracy analysis", {path, "no layer"});
    return layers;
}

RknnConversion convertRknnBundle(const std::string& folder, const std::string& python, const JobContext& context,
                                 const std::function<void(const std::string&)>& logLine)
{
    const fs::path script = fs::absolute(fs::path(folder) / "convert_rknn.py");
    if (!fs::exists(script))
        throw Error(ErrorCode::FileNotFound, "no convert_rknn.py in " + folder + ": write the bundle first",
                    {script.string()});
    RknnConversion conversion;
    conversion.rknnPath = (fs::absolute(folder) / "model.rknn").string();
    // Results of an earlier conversion must not pass for this one's; nothing else is touched.
    fs::remove(fs::absolute(folder) / "snapshot" / "error_analysis.txt");
    fs::remove(conversion.rknnPath);
    const ProcessResult result = runProcess({python, script.string(), "--output", conversion.rknnPath}, context, logLine);
    conversion.log = result.output;
    if (result.status == kNoToolkitStatus)
        throw Error(ErrorCode::InvalidArgument, "'" + python + "' cannot import rknn.api: give a Python with rknn-toolkit2",
                    {python, "no rknn-toolkit2"});
    if (result.status != 0) {
        // The script's own verdict names the step; without one, the toolkit's last words.
        std::string reason = lastLine(result.output);
        std::istringstream lines(result.output);
        for (std::string line; std::getline(lines, line);) {
            if (line.rfind("convert_rknn.py: ", 0) == 0 && line.find(" failed (status ") != std::string::npos)
                reason = line;
        }
        throw Error(ErrorCode::Unsupported, "the RKNN conversion failed: " + reason, {"rknn-toolkit2", reason});
    }
    const fs::path analysis = fs::absolute(folder) / "snapshot" / "error_analysis.txt";
    if (fs::exists(analysis)) {
        // The .rknn is written by now: an analysis that does not read is a note, not a failure.
        try {
            conversion.layers = readRknnErrorAnalysis(analysis.string());
        } catch (const Error& error) {
            conversion.analysisProblem = error.what();
        }
    }
    return conversion;
}

} // namespace slim::engine
