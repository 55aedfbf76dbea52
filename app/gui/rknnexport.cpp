#include "rknnexport.h"

#include "cosineview.h"
#include "core/error.h"
#include "jobrunner.h"
#include "jobs/rknnexport.h"
#include "model.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

#include <optional>

namespace slim::app {

namespace {

struct RknnResult {
    engine::RknnBundle bundle;
    std::optional<engine::RknnConversion> conversion;
};

QStringList summaryLines(const RknnResult& result, const RknnExportSettings& settings)
{
    QStringList lines;
    const engine::RknnBundle& bundle = result.bundle;
    lines << RknnExporter::tr("Wrote the RKNN bundle for %1 in %2: model.onnx (opset %3), %n calibration image(s), "
                              "convert_rknn.py and README.md.",
                              nullptr, static_cast<int>(bundle.calibrationImages))
                 .arg(settings.target, QDir::toNativeSeparators(settings.folder))
                 .arg(engine::RknnBundleOptions{}.opset);
    lines << RknnExporter::tr("The ONNX file read back by Slimbench against the model: max |difference| %1.")
                 .arg(QString::number(bundle.onnx.reimportMaxAbsDifference, 'e', 2));
    QStringList mean;
    QStringList deviation;
    for (const double value : bundle.meanValues)
        mean << QLocale().toString(value, 'g', 6);
    for (const double value : bundle.stdValues)
        deviation << QLocale().toString(value, 'g', 6);
    lines << RknnExporter::tr("Normalisation for RKNN, in pixel units: mean %1, std %2.").arg(mean.join(", "), deviation.join(", "));
    for (const std::string& warning : bundle.warnings)
        lines << QString::fromStdString(warning);
    if (result.conversion) {
        lines << RknnExporter::tr("Converted: %1").arg(QDir::toNativeSeparators(QString::fromStdString(result.conversion->rknnPath)));
        if (!result.conversion->analysisProblem.empty())
            lines << RknnExporter::tr("The accuracy analysis could not be read: %1")
                         .arg(QString::fromStdString(result.conversion->analysisProblem));
        if (!result.conversion->layers.empty()) {
            const auto worst = std::min_element(result.conversion->layers.begin(), result.conversion->layers.end(),
                                                [](const auto& a, const auto& b) { return a.entireCosine < b.entireCosine; });
            lines << RknnExporter::tr("Accuracy analysis: %n layer(s); the lowest cosine is %1 at [%2] %3.", nullptr,
                                      static_cast<int>(result.conversion->layers.size()))
                         .arg(QLocale().toString(worst->entireCosine, 'f', 5), QString::fromStdString(worst->op),
                              QString::fromStdString(worst->name));
        }
    } else {
        lines << RknnExporter::tr("To convert, run convert_rknn.py with the Python of rknn-toolkit2.");
    }
    return lines;
}

} // namespace

RknnExporter::RknnExporter(JobRunner* jobs, QWidget* window, std::function<void(const QString&)> log)
    : QObject(window)
    , m_jobs(jobs)
    , m_window(window)
    , m_log(std::move(log))
{
}

int RknnExporter::start(const engine::Model& model, const RknnExportSettings& settings)
{
    engine::RknnBundleOptions options;
    options.target = settings.target.toStdString();
    options.quantize = settings.quantize;
    options.quantizedDtype = settings.dtype.toStdString();
    options.algorithm = settings.algorithm.toStdString();
    options.method = settings.method.toStdString();
    options.calibrationDataset = settings.calibration.toStdString();
    options.calibrationCount = settings.calibrationCount;
    const std::string folder = settings.folder.toStdString();
    const std::string python = settings.convert ? settings.python.toStdString() : std::string();
    m_log(tr("Started: RKNN bundle for %1 in %2").arg(settings.target, QDir::toNativeSeparators(settings.folder)));
    // Toolkit output reaches the log on the UI thread, line by line, while the job runs.
    QPointer<RknnExporter> self(this);
    const auto logLine = [self](const std::string& line) {
        QMetaObject::invokeMethod(self, [self, text = QString::fromStdString(line)] {
            if (self)
                self->m_log(text);
        }, Qt::QueuedConnection);
    };
    return m_jobs->submit<RknnResult>(
        tr("Export %1 for %2 (RKNN)").arg(QString::fromStdString(model.name()), settings.target),
        [model, options, folder, python, logLine](const engine::JobContext& context) {
            if (!python.empty()) {
                // Before anything is written: a Python without the toolkit is the usual mistake.
                if (const std::string problem = engine::checkRknnPython(python); !problem.empty())
                    throw engine::Error(engine::ErrorCode::InvalidArgument, problem, {python, "no rknn-toolkit2"});
            }
            RknnResult result;
            result.bundle = engine::writeRknnBundle(model, folder, options, context);
            if (!python.empty())
                result.conversion = engine::convertRknnBundle(folder, python, context, logLine);
            return result;
        },
        [this, settings](const RknnResult& result) {
            const QStringList lines = summaryLines(result, settings);
            for (const QString& line : lines)
                m_log(line);
            auto* dialog = new QDialog(m_window);
            dialog->setObjectName(QStringLiteral("rknnResultDialog"));
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            dialog->setWindowTitle(tr("RKNN Export Finished"));
            auto* layout = new QVBoxLayout(dialog);
            auto* text = new QLabel(lines.join(QLatin1Char('\n')), dialog);
            text->setWordWrap(true);
            text->setTextInteractionFlags(Qt::TextSelectableByMouse);
            layout->addWidget(text);
            if (result.conversion && !result.conversion->layers.empty()) {
                QVector<widgets::LayerCosine> layers;
                for (const engine::RknnLayerError& layer : result.conversion->layers)
                    layers.push_back({QString::fromStdString(layer.op), QString::fromStdString(layer.name),
                                      layer.entireCosine, layer.singleCosine});
                auto* chart = new widgets::CosineView(dialog);
                chart->setObjectName(QStringLiteral("rknnCosineView"));
                chart->setLayers(layers);
                layout->addWidget(chart, 1);
            }
            auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
            connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
            layout->addWidget(buttons);
            dialog->resize(720, result.conversion ? 560 : 260);
            dialog->show();
            m_result = dialog;
            Q_EMIT finished(settings.folder, lines.join(QLatin1Char('\n')));
        });
}

} // namespace slim::app
