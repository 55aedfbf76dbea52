#include "figurepack.h"

#include "comparison.h"
#include "curves.h"
#include "curveview.h"
#include "paretoview.h"
#include "project.h"

#include <QDir>
#include <QRegularExpression>
#include <QSaveFile>

namespace slim::app {

namespace {

/// A file-name-safe form of `text` (letters of any script, digits, '-'), at most 40 characters.
QString slug(const QString& text)
{
    QString out = text.toLower();
    out.replace(QRegularExpression(QStringLiteral("[^\\w]+"), QRegularExpression::UseUnicodePropertiesOption), QStringLiteral("-"));
    out = out.left(40);
    while (out.startsWith(QLatin1Char('-')))
        out.remove(0, 1);
    while (out.endsWith(QLatin1Char('-')))
        out.chop(1);
    return out.isEmpty() ? QStringLiteral("run") : out;
}

void writeText(const QString& path, const QString& text, QStringList& written)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text.toUtf8()) < 0 || !file.commit())
        throw ProjectError(QCoreApplication::translate("slim::app::FigurePack", "Cannot write %1: %2")
                               .arg(QDir::toNativeSeparators(path), file.errorString()));
    written << path;
}

void writeFigure(QCustomPlot* plot, const QString& base, const widgets::FigureTable& table, const widgets::FigureStyle& style,
                 QStringList& written)
{
    const QString error = widgets::saveFigure(plot, base, table, style);
    if (!error.isEmpty())
        throw ProjectError(error);
    for (const QString& format : widgets::figureFormats())
        written << base + QLatin1Char('.') + format;
}

} // namespace

QStringList exportFigurePack(const Project& project, const QString& folder, const widgets::FigureStyle& style)
{
    if (!QDir().mkpath(folder))
        throw ProjectError(QCoreApplication::translate("slim::app::FigurePack", "Cannot create the folder %1.")
                               .arg(QDir::toNativeSeparators(folder)));
    const QDir dir(folder);
    QStringList written;
    const QList<ProjectVersion> versions = project.versions();

    qint64 baseline = versions.isEmpty() ? 0 : versions.front().id;
    for (const ProjectVersion& version : versions) {
        if (version.parentId == 0) {
            baseline = version.id;
            break;
        }
    }
    const ComparisonTable table(versions, baseline);
    writeText(dir.filePath(QStringLiteral("comparison.csv")), table.toCsv(), written);
    writeText(dir.filePath(QStringLiteral("comparison.md")), table.toMarkdown(), written);
    writeText(dir.filePath(QStringLiteral("comparison.tex")),
              table.toLatex(QCoreApplication::translate("slim::app::FigurePack", "Compressed versions of %1").arg(project.name()),
                            QStringLiteral("tab:") + slug(project.name())),
              written);

    QVector<widgets::ParetoPoint> points;
    for (const ProjectVersion& version : versions) {
        if (version.metrics.macs && version.metrics.top1)
            points << widgets::ParetoPoint{version.name, double(*version.metrics.macs), *version.metrics.top1};
    }
    if (!points.isEmpty()) {
        widgets::ParetoView view;
        view.resize(800, 560);
        view.setPoints(points);
        writeFigure(view.plot(), dir.filePath(QStringLiteral("accuracy-vs-macs")), view.figureTable(), style, written);
    }

    for (const ProjectRun& run : project.runs()) {
        QVector<engine::MetricSample> samples;
        for (const SeriesPoint& point : project.series(run.id))
            samples.append({point.series.toStdString(), point.step, point.value, point.epoch});
        widgets::CurveView view;
        view.resize(800, 560);
        const QVector<engine::MetricSample> rest = plotCurveSamples(view, samples);
        if (samples.size() == rest.size())
            continue; // nothing plotted: no curves to write
        QString name = run.title;
        if (run.versionId > 0) {
            if (const std::optional<ProjectVersion> version = project.version(run.versionId))
                name = version->name;
        }
        writeFigure(view.plot(), dir.filePath(QStringLiteral("curves-%1-%2").arg(run.id).arg(slug(name))), view.figureTable(),
                    style, written);
    }
    return written;
}

} // namespace slim::app
