#include "quantizer.h"

#include "jobrunner.h"
#include "quanterrorview.h"

#include "jobs/quantjob.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

#include <cmath>

namespace slim::app {

Quantizer::Quantizer(JobRunner* jobs, QWidget* window, std::function<void(const QString&)> log, Apply apply)
    : QObject(window)
    , m_jobs(jobs)
    , m_window(window)
    , m_log(std::move(log))
    , m_apply(std::move(apply))
{
}

QStringList Quantizer::summaryLines(const engine::QuantizeResult& result, const engine::QuantizeRequest& request)
{
    const engine::quant::QuantSettings& s = request.settings;
    QStringList lines;
    lines << tr("Quantized to W%1A%2 (%3 weights, %4 activations, observer %5) on %n calibration batch(es); "
                "%6 BatchNorm layer(s) folded.", "", static_cast<int>(result.calibrationBatches))
                 .arg(s.weightBits)
                 .arg(s.activationBits)
                 .arg(s.perChannel ? tr("per-channel") : tr("per-tensor"), s.activationSymmetric ? tr("symmetric") : tr("asymmetric"),
                      QString::fromStdString(engine::quant::observerName(s.observer)))
                 .arg(result.prepared.foldedBatchNorms.size());
    const double share = result.report.floatBytes > 0
                             ? 100.0 * static_cast<double>(result.report.bytes) / static_cast<double>(result.report.floatBytes)
                             : 0;
    lines << tr("Size at these bits: %1 bytes, %2 % of %3 bytes in float.")
                 .arg(QLocale().toString(static_cast<qlonglong>(result.report.bytes)), QLocale().toString(share, 'f', 1),
                      QLocale().toString(static_cast<qlonglong>(result.report.floatBytes)));
    if (result.top1Float >= 0)
        lines << tr("Top-1: %1 % in float, %2 % quantized (%3 points; %4 test images).")
                     .arg(QLocale().toString(100 * result.top1Float, 'f', 2), QLocale().toString(100 * result.top1Quantized, 'f', 2),
                          QLocale().toString(100 * (result.top1Quantized - result.top1Float), 'f', 2))
                     .arg(result.evaluationSamples);
    const engine::quant::LayerQuantError* worst = nullptr;
    for (const engine::quant::LayerQuantError& layer : result.report.layers) {
        if (!worst || layer.sqnrDb < worst->sqnrDb)
            worst = &layer;
    }
    if (worst && std::isfinite(worst->sqnrDb))
        lines << tr("Lowest SQNR: %1 dB at %2 (%3).")
                     .arg(QLocale().toString(worst->sqnrDb, 'f', 1), QString::fromStdString(worst->name),
                          worst->weight ? tr("weights") : tr("activation"));
    return lines;
}

int Quantizer::start(const engine::Model& model, quint64 generation, const engine::QuantizeRequest& request)
{
    const QString what = tr("W%1A%2 post-training quantization").arg(request.settings.weightBits).arg(request.settings.activationBits);
    const QString title = tr("%1: %2").arg(QString::fromStdString(model.name()), what);
    m_log(tr("Started: %1").arg(title));
    return m_jobs->submit<engine::QuantizeResult>(
        title, [model, request](const engine::JobContext& context) { return engine::runQuantizeJob(model, request, context); },
        [this, model, generation, request, what, title](const engine::QuantizeResult& result) {
            const QStringList lines = summaryLines(result, request);
            m_apply(model, generation, result.model, what, title, result.top1Quantized);
            for (const QString& line : lines)
                m_log(line);
            showResult(result, lines);
        });
}

void Quantizer::showResult(const engine::QuantizeResult& result, const QStringList& lines)
{
    auto* dialog = new QDialog(m_window);
    dialog->setObjectName(QStringLiteral("quantizeResultDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Quantization Finished"));
    auto* layout = new QVBoxLayout(dialog);
    auto* text = new QLabel(lines.join(QLatin1Char('\n')), dialog);
    text->setWordWrap(true);
    text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(text);
    QVector<widgets::QuantError> errors;
    for (const engine::quant::LayerQuantError& layer : result.report.layers)
        errors.push_back({QString::fromStdString(layer.name), layer.weight, layer.bits, layer.sqnrDb});
    auto* chart = new widgets::QuantErrorView(dialog);
    chart->setObjectName(QStringLiteral("quantErrorView"));
    chart->setErrors(errors);
    layout->addWidget(chart, 1);
    auto* hint = new QLabel(tr("Right-click the chart to save it as a figure (PNG, PDF, SVG and CSV)."), dialog);
    hint->setWordWrap(true);
    layout->addWidget(hint);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
    layout->addWidget(buttons);
    dialog->resize(760, 560);
    dialog->show();
    m_result = dialog;
}

} // namespace slim::app
