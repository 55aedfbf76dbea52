#include "figureexport.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QSaveFile>
#include <QStandardPaths>
#include <QSvgGenerator>
#include <qcustomplot.h>

namespace slim::widgets {

namespace {

constexpr double kScreenDpi = 96.0;  // QCustomPlot's sizes are logical pixels

QString quoted(const QString& cell)
{
    if (!cell.contains(QLatin1Char(',')) && !cell.contains(QLatin1Char('"')) && !cell.contains(QLatin1Char('\n')))
        return cell;
    QString escaped = cell;
    escaped.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

} // namespace

QString csvNumber(double value)
{
    return QString::number(value, 'g', 10);
}

QString FigureTable::toCsv() const
{
    QString text;
    const auto line = [&text](const QStringList& cells) {
        QStringList quotedCells;
        for (const QString& cell : cells)
            quotedCells << quoted(cell);
        text += quotedCells.join(QLatin1Char(',')) + QLatin1Char('\n');
    };
    line(header);
    for (const QStringList& row : rows)
        line(row);
    return text;
}

QString saveFigure(QCustomPlot* plot, const QString& base, const FigureTable& table, int dpi)
{
    const int width = plot->width();
    const int height = plot->height();
    const QString png = base + QStringLiteral(".png");
    if (!plot->savePng(png, width, height, dpi / kScreenDpi, -1, dpi))
        return QCoreApplication::translate("slim::widgets::FigureExport", "Cannot write %1.").arg(png);
    const QString pdf = base + QStringLiteral(".pdf");
    if (!plot->savePdf(pdf, width, height))
        return QCoreApplication::translate("slim::widgets::FigureExport", "Cannot write %1.").arg(pdf);

    const QString svg = base + QStringLiteral(".svg");
    {
        QSvgGenerator generator;
        generator.setFileName(svg);
        generator.setSize(QSize(width, height));
        generator.setViewBox(QRect(0, 0, width, height));
        generator.setTitle(QFileInfo(base).fileName());
        generator.setDescription(QStringLiteral("Slimbench"));
        QCPPainter painter;
        if (!painter.begin(&generator))
            return QCoreApplication::translate("slim::widgets::FigureExport", "Cannot write %1.").arg(svg);
        plot->toPainter(&painter, width, height);
        painter.end();
    }
    if (QFileInfo(svg).size() == 0)
        return QCoreApplication::translate("slim::widgets::FigureExport", "Cannot write %1.").arg(svg);

    const QString csv = base + QStringLiteral(".csv");
    QSaveFile file(csv);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text) || file.write(table.toCsv().toUtf8()) < 0 || !file.commit())
        return QCoreApplication::translate("slim::widgets::FigureExport", "Cannot write %1: %2")
            .arg(csv, file.errorString());
    return {};
}

void addSaveFigureMenu(QWidget* view, QCustomPlot* plot, std::function<FigureTable()> table, const QString& name)
{
    plot->setContextMenuPolicy(Qt::CustomContextMenu);
    QObject::connect(plot, &QWidget::customContextMenuRequested, view, [view, plot, table, name](const QPoint& position) {
        QMenu menu(view);
        for (const int dpi : {150, 300, 600}) {
            QAction* action = menu.addAction(
                QCoreApplication::translate("slim::widgets::FigureExport", "Save Figure (PNG at %1 dpi, PDF, SVG, CSV)…").arg(dpi));
            QObject::connect(action, &QAction::triggered, view, [view, plot, table, dpi, name] {
                const QString start = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) + QStringLiteral("/")
                                      + name;
                QString path = QFileDialog::getSaveFileName(
                    view, QCoreApplication::translate("slim::widgets::FigureExport", "Save Figure"), start,
                    QCoreApplication::translate("slim::widgets::FigureExport", "Figures (*.png *.pdf *.svg *.csv)"));
                if (path.isEmpty())
                    return;
                const QFileInfo info(path);
                for (const char* suffix : {"png", "pdf", "svg", "csv"})
                    if (info.suffix().compare(QLatin1String(suffix), Qt::CaseInsensitive) == 0)
                        path.chop(info.suffix().size() + 1);
                const QString error = saveFigure(plot, path, table(), dpi);
                if (!error.isEmpty())
                    QMessageBox::warning(view, QCoreApplication::translate("slim::widgets::FigureExport", "Cannot save the figure"), error);
            });
        }
        menu.exec(plot->mapToGlobal(position));
    });
}

} // namespace slim::widgets
