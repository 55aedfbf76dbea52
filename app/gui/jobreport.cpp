#include "jobreport.h"

#include "overviewpanel.h"

#include <QDir>
#include <QLocale>

#include <cmath>

namespace slim::app {

QStringList JobReport::pruning(const engine::PruneResult& result, bool recalibrationAsked)
{
    QStringList lines;
    const QLocale locale;
    const auto share = [](std::int64_t part, std::int64_t whole) {
        return whole > 0 ? 100.0 * static_cast<double>(part) / static_cast<double>(whole) : 0.0;
    };
    lines << (result.masked ? tr("Masked: non-zero parameters %1 → %2 (%3 % kept), non-zero MACs %4 → %5 (%6 % kept)")
                            : tr("Pruned: parameters %1 → %2 (%3 % kept), MACs %4 → %5 (%6 % kept)"))
                 .arg(locale.toString(result.paramsBefore), locale.toString(result.paramsAfter))
                 .arg(share(result.paramsAfter, result.paramsBefore), 0, 'f', 1)
                 .arg(locale.toString(result.macsBefore), locale.toString(result.macsAfter))
                 .arg(share(result.macsAfter, result.macsBefore), 0, 'f', 1);
    if (!result.budgetMet)
        lines << tr("The target was not reached: every channel group is at its limit.");
    if (result.top1Before >= 0) {
        QString accuracy = tr("Top-1: %1 before pruning, %2 right after it")
                               .arg(result.top1Before, 0, 'f', 4)
                               .arg(result.top1Pruned, 0, 'f', 4);
        if (result.top1Recalibrated >= 0)
            accuracy += tr(", %1 after recalibrating BatchNorm on %n batch(es)", "",
                           static_cast<int>(result.recalibrationBatches))
                            .arg(result.top1Recalibrated, 0, 'f', 4);
        lines << accuracy;
    }
    if (result.recalibrationBatches == 0 && recalibrationAsked)
        lines << tr("Nothing to recalibrate: the model has no BatchNorm.");
    return lines;
}

QStringList JobReport::stages(const engine::CompressionResult& result)
{
    QStringList lines;
    const QLocale locale;
    for (std::size_t i = 0; i < result.stages.size(); ++i) {
        const engine::StageOutcome& stage = result.stages[i];
        const QString top1 = stage.top1 >= 0 ? locale.toString(stage.top1, 'f', 4) : tr("not measured");
        const QString cost = tr("%1 parameters, %2 MACs").arg(locale.toString(stage.params), locale.toString(stage.macs));
        const int epochs = static_cast<int>(stage.history.size());
        switch (stage.kind) {
        case engine::CompressionStage::Kind::Prune:
            lines << tr("Stage %1, prune: %2; top-1 %3").arg(i + 1).arg(cost, top1);
            break;
        case engine::CompressionStage::Kind::Finetune:
            lines << tr("Stage %1, fine-tune (%n epoch(s)): %2; top-1 %3", "", epochs).arg(i + 1).arg(cost, top1);
            break;
        case engine::CompressionStage::Kind::Surgery:
            lines << tr("Stage %1, dynamic network surgery (%n epoch(s)): %2; top-1 %3", "", epochs).arg(i + 1).arg(cost, top1);
            break;
        case engine::CompressionStage::Kind::Agp:
            lines << tr("Stage %1, gradual pruning (AGP, %n epoch(s)): %2; top-1 %3", "", epochs).arg(i + 1).arg(cost, top1);
            break;
        case engine::CompressionStage::Kind::Admm:
            lines << tr("Stage %1, ADMM (%n epoch(s)) and hard pruning: %2; top-1 %3", "", epochs).arg(i + 1).arg(cost, top1);
            break;
        }
    }
    return lines;
}

QHash<QString, QString> JobReport::sensitivityAtHalf(const engine::SensitivityResult& scan)
{
    QHash<QString, QString> text;
    const QLocale locale;
    for (const engine::GroupSensitivity& group : scan.groups) {
        if (group.points.empty())
            continue;
        const engine::SensitivityPoint* nearest = &group.points.front();
        for (const engine::SensitivityPoint& point : group.points)
            if (std::abs(point.ratio - 0.5) < std::abs(nearest->ratio - 0.5))
                nearest = &point;
        text.insert(QString::fromStdString(group.name),
                    tr("%1 at %2 %").arg(locale.toString(nearest->top1, 'f', 3), locale.toString(nearest->ratio * 100, 'g', 3)));
    }
    return text;
}

QStringList JobReport::exported(const engine::ExportReport& report, const ExportSettings& settings, const engine::Model& model)
{
    const bool onnx = settings.format == ExportSettings::Onnx;
    QStringList lines;
    lines << tr("Wrote %1 (%2).").arg(QDir::toNativeSeparators(settings.path), formatBytes(report.bytes));
    if (onnx) {
        lines << tr("ONNX checker: %1").arg(report.checkerPassed ? tr("passed") : tr("failed"));
        lines << tr("Strict shape inference, every shape as in the graph: %1")
                     .arg(report.shapeInferencePassed ? tr("passed") : tr("failed"));
    }
    const QString checker = onnx ? tr("OpenCV DNN") : tr("TorchScript loaded back");
    if (onnx) {
        if (report.reimportRan)
            lines << tr("The written file read back by Slimbench against its forward: max |difference| %1")
                         .arg(QString::number(report.reimportMaxAbsDifference, 'e', 2));
        lines << (report.preprocessingBakedIn
                      ? tr("The file takes raw pixels: its preprocessing is built in (%1).").arg(preprocessingText(model.preprocessing()))
                      : tr("The file expects preprocessed input; its preprocessing is recorded in its metadata, not "
                           "built in: %1").arg(preprocessingText(model.preprocessing())));
    }
    if (report.numericCheckRan) {
        const bool within = report.maxAbsDifference <= engine::kExportTolerance;
        lines << tr("%1 against Slimbench: max |difference| %2 (%3)")
                     .arg(checker, QString::number(report.maxAbsDifference, 'e', 2),
                          within ? tr("within 1e-4") : tr("ABOVE 1e-4"));
    } else {
        lines << tr("%1 could not run it: %2").arg(checker, QString::fromStdString(report.numericCheckError));
    }
    if (!report.folded.empty())
        lines << tr("Folded for inference: %n rewrite(s), e.g. %1.", nullptr, static_cast<int>(report.folded.size()))
                     .arg(QString::fromStdString(report.folded.front()));
    for (const std::string& note : report.notes)
        lines << QString::fromStdString(note);
    return lines;
}

} // namespace slim::app
