#include "errortext.h"

#include "core/error.h"

#include <QCoreApplication>

namespace slim::app {

namespace {
/// Holds the translatable texts, so lupdate files them under one context.
class ErrorText {
    Q_DECLARE_TR_FUNCTIONS(slim::app::ErrorText)
public:
    static QString describe(const std::exception& error);
};
} // namespace

QString errorText(const std::exception& error)
{
    return ErrorText::describe(error);
}

QString ErrorText::describe(const std::exception& error)
{
    const auto* engineError = dynamic_cast<const engine::Error*>(&error);
    if (!engineError)
        return QString::fromStdString(error.what());
    const auto& args = engineError->args();
    const auto arg = [&args](std::size_t i) { return i < args.size() ? QString::fromStdString(args[i]) : QString(); };
    const QString detail = QString::fromStdString(engineError->what());
    using engine::ErrorCode;
    switch (engineError->code()) {
    case ErrorCode::FileNotFound:
        return tr("The file %1 does not exist.").arg(arg(0));
    case ErrorCode::FileReadFailed:
        return tr("The file %1 cannot be read: %2").arg(arg(0), arg(1));
    case ErrorCode::FileWriteFailed:
        return tr("The file %1 cannot be written: %2. The previous file, if any, is unchanged.").arg(arg(0), arg(1));
    case ErrorCode::FileEmpty:
        return tr("The file %1 is empty.").arg(arg(0));
    case ErrorCode::FileTruncated:
        return tr("The file %1 is incomplete (%2 bytes expected, %3 present). It was probably cut off while being copied or saved.")
            .arg(arg(0), arg(1), arg(2));
    case ErrorCode::FileCorrupt:
        return tr("The file %1 is damaged: %2").arg(arg(0), arg(1));
    case ErrorCode::ForeignFile:
        if (arg(1) == QLatin1String("state_dict"))
            return tr("The file %1 holds weights saved with torch.save (a state_dict or pickled module), not "
                      "TorchScript, so it has no network to import. In Python, save TorchScript with "
                      "torch.jit.script(model).save(\"model.pt\") or torch.jit.trace(model, example).save(\"model.pt\"), "
                      "or export ONNX.")
                .arg(arg(0));
        return tr("The file %1 is not a Slimbench model (it looks like %2).").arg(arg(0), arg(1));
    case ErrorCode::FutureVersion:
        return tr("The file %1 was saved by a newer Slimbench (format version %2; this version reads up to %3). Please update Slimbench.")
            .arg(arg(0), arg(1), arg(2));
    case ErrorCode::UnknownModel:
        return tr("There is no model called \"%1\". Available: %2.").arg(arg(0), arg(1));
    case ErrorCode::Diverged:
        return tr("Training diverged: the loss became %3 at epoch %1, batch %2. Try a lower learning rate.")
            .arg(arg(0), arg(1), arg(2));
    case ErrorCode::InvalidRecipe:
        return tr("The recipe's field \"%1\" is invalid: %2").arg(arg(0), arg(1));
    // These codes' arguments vary from one throw site to the next (a field name, a node name,
    // a whole phrase), so the translated sentence says what kind of problem it is and the
    // engine's own message, which names the file, node or field, gives the detail.
    case ErrorCode::InvalidArgument:
        return tr("A setting or input is not valid: %1").arg(detail);
    case ErrorCode::InvalidGraph:
        return tr("The model's structure is not valid: %1").arg(detail);
    case ErrorCode::ShapeMismatch:
        return tr("The tensor shapes do not fit together: %1").arg(detail);
    case ErrorCode::Unsupported:
        return tr("Slimbench does not support this: %1").arg(detail);
    }
    return detail;
}

} // namespace slim::app
