#pragma once

#include "core/error.h"
#include "io/npy.h"

#include <ATen/ATen.h>
#include <QDir>
#include <QStringList>

#include <string>

namespace slim::engine::test {

/// A file under tests/fixtures: fixturePath("onnx", "fire_input.npy").
inline std::string fixturePath(const std::string& folder, const std::string& name)
{
    return std::string(SLIMBENCH_FIXTURES) + "/" + folder + "/" + name;
}

/// A float32 .npy file as a tensor.
inline at::Tensor npyTensor(const std::string& path)
{
    const io::NpyArray array = io::readNpy(path);
    return at::from_blob(const_cast<float*>(array.data.data()), array.shape, at::kFloat).clone();
}

/// Calls `load` with each file of tests/fixtures/fuzz matching `pattern` (inputs the fuzzers
/// found) and returns the first that escapes as anything but an engine Error naming the file,
/// or an empty string when all behave. No file at all is an error too.
template <typename Load>
QString firstMisbehavingFuzzFinding(const QString& pattern, Load load)
{
    const QDir dir(QStringLiteral(SLIMBENCH_FIXTURES "/fuzz"));
    const QStringList files = dir.entryList({pattern}, QDir::Files);
    if (files.isEmpty())
        return QStringLiteral("no fixture matches ") + pattern;
    for (const QString& file : files) {
        try {
            load(dir.filePath(file).toStdString());
        } catch (const Error& error) {
            if (!QString::fromUtf8(error.what()).contains(file))
                return file + QStringLiteral(": the message does not name the file: ") + QString::fromUtf8(error.what());
        }
    }
    return {};
}

} // namespace slim::engine::test
