#pragma once

#include "core/job.h"

#include <QCoreApplication>
#include <QHash>
#include <QString>
#include <QVector>

namespace slim::widgets {
class CurveView;
}

namespace slim::app {

/// The curves' series and their legend texts, untranslated (translated where they are shown,
/// in the context "slim::app::MainWindow").
inline const QHash<QString, const char*>& seriesLabels()
{
    static const QHash<QString, const char*> labels{
        {QStringLiteral("train/loss"), QT_TRANSLATE_NOOP("slim::app::MainWindow", "training loss")},
        {QStringLiteral("train/accuracy"), QT_TRANSLATE_NOOP("slim::app::MainWindow", "training accuracy")},
        {QStringLiteral("val/loss"), QT_TRANSLATE_NOOP("slim::app::MainWindow", "validation loss")},
        {QStringLiteral("val/top1"), QT_TRANSLATE_NOOP("slim::app::MainWindow", "validation top-1")},
        {QStringLiteral("val/top5"), QT_TRANSLATE_NOOP("slim::app::MainWindow", "validation top-5")},
        {QStringLiteral("kd/response_loss"), QT_TRANSLATE_NOOP("slim::app::MainWindow", "distillation: response loss")},
        {QStringLiteral("kd/feature_loss"), QT_TRANSLATE_NOOP("slim::app::MainWindow", "distillation: feature loss")},
        {QStringLiteral("kd/relation_loss"), QT_TRANSLATE_NOOP("slim::app::MainWindow", "distillation: relation loss")},
    };
    return labels;
}

/// The legend text of `series` in the user's language; the series' own name when it has none.
inline QString seriesLabel(const QString& series)
{
    const char* label = seriesLabels().value(series, nullptr);
    return label ? QCoreApplication::translate("slim::app::MainWindow", label) : series;
}

/// Adds training `samples` to `view` as the Curves dock shows them: each series on the epoch
/// axis with its legend text, the starting accuracy ("ref/baseline") and the teacher's
/// ("teacher/top1") as reference lines. Returns the samples that are not curves (learning rate,
/// BatchNorm γ, quantization bits, those without an epoch) for the caller to use or drop.
QVector<engine::MetricSample> plotCurveSamples(widgets::CurveView& view, const QVector<engine::MetricSample>& samples);

} // namespace slim::app
