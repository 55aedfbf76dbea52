#include "curves.h"

#include "curveview.h"

namespace slim::app {

QVector<engine::MetricSample> plotCurveSamples(widgets::CurveView& view, const QVector<engine::MetricSample>& samples)
{
    QVector<engine::MetricSample> rest;
    QHash<QString, QPair<QVector<double>, QVector<double>>> points;
    QStringList order;
    for (const engine::MetricSample& sample : samples) {
        const QString series = QString::fromStdString(sample.series);
        // The trainer places every sample it plots in epochs; the others are not curves.
        if (sample.epoch < 0 || series == QLatin1String("lr") || series.startsWith(QLatin1String("gamma/"))
            || series.startsWith(QLatin1String("qat/"))) {
            rest << sample;
            continue;
        }
        // The accuracy the compression started from: a reference line to recover to.
        if (series == QLatin1String("ref/baseline")) {
            view.setReferenceLine(QStringLiteral("baseline"), sample.value,
                                  QCoreApplication::translate("slim::app::MainWindow", "baseline top-1"));
            continue;
        }
        // The teacher's accuracy: the line a distilled student aims for.
        if (series == QLatin1String("teacher/top1")) {
            view.setReferenceLine(QStringLiteral("teacher"), sample.value,
                                  QCoreApplication::translate("slim::app::MainWindow", "teacher top-1"));
            continue;
        }
        if (!points.contains(series))
            order << series;
        points[series].first << sample.epoch;
        points[series].second << sample.value;
    }
    for (const QString& series : order)
        view.addPoints(series, points[series].first, points[series].second, seriesLabel(series));
    return rest;
}

} // namespace slim::app
