#include "figureexport.h"

#include "figureexportdialog.h"

#include <QApplication>
#include <QCoreApplication>
#include <QFontDatabase>
#include <QFontMetrics>
#include <QImage>
#include <QPdfWriter>
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

FigureStyle FigureStyle::preset(Preset preset)
{
    FigureStyle style;
    style.fontFamily = defaultFontFamily();
    switch (preset) {
    case Preset::SingleColumn:
    case Preset::Custom: break;
    case Preset::DoubleColumn:
        style.widthCm = 17;
        style.heightCm = 8;
        break;
    case Preset::Slide:
        style.widthCm = 25.4;
        style.heightCm = 14.3;
        style.dpi = 150;
        style.fontPt = 14;
        break;
    }
    return style;
}

QString FigureStyle::defaultFontFamily()
{
    const QString cjk = QStringLiteral("Noto Sans CJK SC");
    return QFontDatabase::families().contains(cjk) ? cjk : QApplication::font().family();
}

const QStringList& figureFormats()
{
    static const QStringList formats = {QStringLiteral("png"), QStringLiteral("pdf"), QStringLiteral("svg"),
                                        QStringLiteral("csv")};
    return formats;
}

namespace {

/// A font size in points as logical pixels of the figure (1/96 inch). Pixel sizes, because the
/// plot measures its text with the screen's DPI, which under Xvfb or on a HiDPI screen is not
/// the figure's 96: point sizes would be measured at one size and drawn at another.
int pixels(double points)
{
    return std::max(1, qRound(points * kScreenDpi / 72.0));
}

/// Applies a FigureStyle's fonts and palette to a plot and puts everything back when it ends.
class StyleScope {
public:
    StyleScope(QCustomPlot* plot, const FigureStyle& style)
    {
        const auto restyle = [&style](QFont font) {
            if (!style.fontFamily.isEmpty())
                font.setFamily(style.fontFamily);
            if (style.fontPt > 0)
                font.setPixelSize(pixels(style.fontPt));
            return font;
        };
        for (QCPAxisRect* rect : plot->axisRects()) {
            for (QCPAxis* axis : rect->axes()) {
                const QFont tick = axis->tickLabelFont();
                const QFont label = axis->labelFont();
                m_undo.push_back([axis, tick, label] {
                    axis->setTickLabelFont(tick);
                    axis->setLabelFont(label);
                });
                axis->setTickLabelFont(restyle(tick));
                axis->setLabelFont(restyle(label));
                if (style.grayscale) {
                    const QColor labelColor = axis->labelColor();
                    const QColor tickColor = axis->tickLabelColor();
                    const QPen base = axis->basePen();
                    const QPen ticks = axis->tickPen();
                    const QPen subTicks = axis->subTickPen();
                    m_undo.push_back([axis, labelColor, tickColor, base, ticks, subTicks] {
                        axis->setLabelColor(labelColor);
                        axis->setTickLabelColor(tickColor);
                        axis->setBasePen(base);
                        axis->setTickPen(ticks);
                        axis->setSubTickPen(subTicks);
                    });
                    if (QCPGrid* grid = axis->grid()) {
                        const QPen gridPen = grid->pen();
                        const QPen subGridPen = grid->subGridPen();
                        const QPen zeroPen = grid->zeroLinePen();
                        m_undo.push_back([grid, gridPen, subGridPen, zeroPen] {
                            grid->setPen(gridPen);
                            grid->setSubGridPen(subGridPen);
                            grid->setZeroLinePen(zeroPen);
                        });
                        grid->setPen(grayPen(gridPen, 0));
                        grid->setSubGridPen(grayPen(subGridPen, 0));
                        grid->setZeroLinePen(grayPen(zeroPen, 0));
                    }
                    axis->setLabelColor(gray(labelColor));
                    axis->setTickLabelColor(gray(tickColor));
                    axis->setBasePen(grayPen(base, 0));
                    axis->setTickPen(grayPen(ticks, 0));
                    axis->setSubTickPen(grayPen(subTicks, 0));
                }
            }
        }
        // At print size, text takes far more of the figure than on screen: fewer ticks, and a
        // legend of smaller keys that wraps sooner, so nothing overlaps or is cut.
        const double fontPx = (style.fontPt > 0 ? style.fontPt : 8.0) * kScreenDpi / 72.0;
        const double widthPx = style.widthCm / 2.54 * kScreenDpi;
        const double heightPx = style.heightCm / 2.54 * kScreenDpi;
        const int rects = std::max<int>(1, plot->axisRects().size());
        for (QCPAxisRect* rect : plot->axisRects()) {
            for (QCPAxis* axis : rect->axes()) {
                const QSharedPointer<QCPAxisTicker> ticker = axis->ticker();
                if (!ticker)
                    continue;
                const int count = ticker->tickCount();
                const bool vertical = axis->orientation() == Qt::Vertical;
                const double length = vertical ? heightPx * 0.6 / rects : widthPx * 0.75;
                const double room = vertical ? fontPx * 2.2 : fontPx * 5;
                const int fits = std::max(2, int(length / room));
                if (fits < count) {
                    m_undo.push_back([ticker, count] { ticker->setTickCount(count); });
                    ticker->setTickCount(fits);
                }
            }
        }
        if (plot->legend) {
            QCPLegend* legend = plot->legend;
            const QFont font = legend->font();
            const QSize icon = legend->iconSize();
            const int wrap = legend->wrap();
            const int rowSpacing = legend->rowSpacing();
            const QMargins legendMargins = legend->margins();
            m_undo.push_back([legend, font, icon, wrap, rowSpacing, legendMargins] {
                legend->setFont(font);
                legend->setIconSize(icon);
                legend->setRowSpacing(rowSpacing);
                legend->setMargins(legendMargins);
                if (wrap != legend->wrap()) {
                    legend->setWrap(wrap);
                    legend->setFillOrder(legend->fillOrder(), true);
                }
            });
            // Keys one point smaller than the axes, as journals set them.
            const auto keyFont = [&](QFont f) {
                f = restyle(f);
                if (style.fontPt > 0)
                    f.setPixelSize(pixels(std::max(style.fontPt - 1, 5.0)));
                return f;
            };
            // Each key first: setFont() on the legend overwrites its keys' fonts, so their own
            // are taken before it, and put back after the legend's (the undos run in reverse).
            for (int i = 0; i < legend->itemCount(); ++i) {
                QCPAbstractLegendItem* item = legend->item(i);
                if (!item)
                    continue; // an empty cell of a wrapped legend
                const QFont itemFont = item->font();
                const QMargins itemMargins = item->margins();
                m_undo.push_back([item, itemFont, itemMargins] {
                    item->setFont(itemFont);
                    item->setMargins(itemMargins);
                });
                item->setFont(keyFont(itemFont));
                item->setMargins(QMargins(2, 0, 2, 0)); // rows of a printed legend sit close
            }
            legend->setFont(keyFont(font));
            legend->setIconSize(QSize(int(fontPx * 1.6), int(fontPx * 0.9)));
            legend->setRowSpacing(0);
            legend->setMargins(QMargins(2, 2, 2, 2));
            // As many columns as the widest entry allows across the figure.
            int widest = 0;
            const QFontMetrics metrics(keyFont(font));
            for (int i = 0; i < legend->itemCount(); ++i) {
                if (auto* item = qobject_cast<QCPPlottableLegendItem*>(legend->item(i)))
                    widest = std::max(widest, metrics.horizontalAdvance(item->plottable()->name()));
            }
            if (wrap > 0 && widest > 0) {
                const int columns = std::clamp(int(widthPx * 0.98 / (widest + fontPx * 2.2)), 1, std::max(wrap, 3));
                if (columns != wrap) {
                    legend->setWrap(columns);
                    legend->setFillOrder(legend->fillOrder(), true);
                }
            }
        }
        for (QCPLayoutElement* element : plot->plotLayout()->elements(true)) {
            if (auto* text = qobject_cast<QCPTextElement*>(element)) {
                const QFont font = text->font();
                m_undo.push_back([text, font] { text->setFont(font); });
                QFont styled = restyle(font);
                if (style.fontPt > 0)
                    styled.setPixelSize(pixels(style.fontPt + 1)); // a title stays a little larger
                text->setFont(styled);
            }
        }
        for (int i = 0; i < plot->itemCount(); ++i) {
            QCPAbstractItem* item = plot->item(i);
            if (auto* text = qobject_cast<QCPItemText*>(item)) {
                const QFont font = text->font();
                const QColor color = text->color();
                m_undo.push_back([text, font, color] {
                    text->setFont(font);
                    text->setColor(color);
                });
                QFont styled = restyle(font);
                if (style.fontPt > 0)
                    styled.setPixelSize(pixels(std::max(style.fontPt - 1, 5.0))); // labels beside points
                text->setFont(styled);
                if (style.grayscale)
                    text->setColor(gray(color));
            } else if (auto* line = qobject_cast<QCPItemStraightLine*>(item); line && style.grayscale) {
                const QPen pen = line->pen();
                m_undo.push_back([line, pen] { line->setPen(pen); });
                line->setPen(grayPen(pen, 0));
            } else if (auto* segment = qobject_cast<QCPItemLine*>(item); segment && style.grayscale) {
                const QPen pen = segment->pen();
                m_undo.push_back([segment, pen] { segment->setPen(pen); });
                segment->setPen(grayPen(pen, 0));
            } else if (auto* rect = qobject_cast<QCPItemRect*>(item); rect && style.grayscale) {
                const QPen pen = rect->pen();
                const QBrush brush = rect->brush();
                m_undo.push_back([rect, pen, brush] {
                    rect->setPen(pen);
                    rect->setBrush(brush);
                });
                rect->setPen(grayPen(pen, 0));
                rect->setBrush(grayBrush(brush));
            }
        }
        if (style.grayscale) {
            int line = 0;
            for (int i = 0; i < plot->plottableCount(); ++i) {
                QCPAbstractPlottable* plottable = plot->plottable(i);
                const QPen pen = plottable->pen();
                const QBrush brush = plottable->brush();
                m_undo.push_back([plottable, pen, brush] {
                    plottable->setPen(pen);
                    plottable->setBrush(brush);
                });
                if (auto* graph = qobject_cast<QCPGraph*>(plottable)) {
                    // Lines are told apart by dash and marker, not by hue.
                    const QCPScatterStyle scatter = graph->scatterStyle();
                    m_undo.push_back([graph, scatter] { graph->setScatterStyle(scatter); });
                    graph->setPen(grayPen(pen, line));
                    if (scatter.shape() != QCPScatterStyle::ssNone) {
                        QCPScatterStyle grayScatter = scatter;
                        grayScatter.setPen(grayPen(scatter.pen(), 0));
                        grayScatter.setBrush(grayBrush(scatter.brush()));
                        graph->setScatterStyle(grayScatter);
                    }
                    ++line;
                } else if (auto* map = qobject_cast<QCPColorMap*>(plottable)) {
                    const QCPColorGradient gradient = map->gradient();
                    m_undo.push_back([map, gradient] { map->setGradient(gradient); });
                    map->setGradient(QCPColorGradient(QCPColorGradient::gpGrayscale));
                } else {
                    plottable->setPen(grayPen(pen, 0));
                }
                plottable->setBrush(grayBrush(brush));
            }
        }
    }
    ~StyleScope()
    {
        for (auto it = m_undo.rbegin(); it != m_undo.rend(); ++it)
            (*it)();
    }

private:
    static QColor gray(const QColor& color)
    {
        const int level = qGray(color.rgb());
        return QColor(level, level, level, color.alpha());
    }
    static QPen grayPen(QPen pen, int index)
    {
        pen.setColor(gray(pen.color()));
        static const Qt::PenStyle dashes[] = {Qt::SolidLine, Qt::DashLine, Qt::DotLine, Qt::DashDotLine, Qt::DashDotDotLine};
        if (pen.style() != Qt::NoPen)
            pen.setStyle(dashes[index % 5]);
        return pen;
    }
    static QBrush grayBrush(QBrush brush)
    {
        if (brush.style() != Qt::NoBrush)
            brush.setColor(gray(brush.color()));
        return brush;
    }

    std::vector<std::function<void()>> m_undo;
};

QString cannotWrite(const QString& path)
{
    return QCoreApplication::translate("slim::widgets::FigureExport", "Cannot write %1.").arg(path);
}

} // namespace

QString saveFigure(QCustomPlot* plot, const QString& base, const FigureTable& table, const FigureStyle& style,
                   const QStringList& formats)
{
    // Laid out at the printed size in logical pixels (96 per inch); a PNG scales that to its DPI.
    const int width = qMax(1, qRound(style.widthCm / 2.54 * kScreenDpi));
    const int height = qMax(1, qRound(style.heightCm / 2.54 * kScreenDpi));
    QString error;
    {
        // The print style lasts only while the files are written; every path ends it here.
        const StyleScope scope(plot, style);
        error = [&]() -> QString {
            if (formats.contains(QStringLiteral("png"))) {
                const QString png = base + QStringLiteral(".png");
                const QSize pixels(qRound(style.widthCm / 2.54 * style.dpi), qRound(style.heightCm / 2.54 * style.dpi));
                QImage image(pixels, QImage::Format_ARGB32);
                image.fill(Qt::white);
                // Painted at 96 dpi, so points become the logical pixels the layout uses, then scaled.
                image.setDotsPerMeterX(qRound(kScreenDpi / 0.0254));
                image.setDotsPerMeterY(qRound(kScreenDpi / 0.0254));
                {
                    QCPPainter painter(&image);
                    painter.setRenderHint(QPainter::Antialiasing);
                    painter.setRenderHint(QPainter::TextAntialiasing);
                    painter.scale(double(pixels.width()) / width, double(pixels.height()) / height);
                    plot->toPainter(&painter, width, height);
                }
                image.setDotsPerMeterX(qRound(style.dpi / 0.0254));
                image.setDotsPerMeterY(qRound(style.dpi / 0.0254));
                if (!image.save(png))
                    return cannotWrite(png);
            }
            if (formats.contains(QStringLiteral("pdf"))) {
                const QString pdf = base + QStringLiteral(".pdf");
                QPdfWriter writer(pdf);
                writer.setCreator(QStringLiteral("Slimbench"));
                writer.setTitle(QFileInfo(base).fileName());
                writer.setResolution(int(kScreenDpi));
                writer.setPageMargins(QMarginsF(0, 0, 0, 0));
                writer.setPageSize(QPageSize(QSizeF(style.widthCm * 10, style.heightCm * 10), QPageSize::Millimeter, QString(),
                                             QPageSize::ExactMatch));
                QCPPainter painter;
                if (!painter.begin(&writer))
                    return cannotWrite(pdf);
                painter.setMode(QCPPainter::pmVectorized);
                painter.setMode(QCPPainter::pmNoCaching);
                plot->toPainter(&painter, width, height);
                painter.end();
                if (QFileInfo(pdf).size() == 0)
                    return cannotWrite(pdf);
            }
            if (formats.contains(QStringLiteral("svg"))) {
                const QString svg = base + QStringLiteral(".svg");
                {
                    QSvgGenerator generator;
                    generator.setFileName(svg);
                    generator.setSize(QSize(width, height));
                    generator.setResolution(int(kScreenDpi)); // so the file's width and height are the printed size
                    generator.setViewBox(QRect(0, 0, width, height));
                    generator.setTitle(QFileInfo(base).fileName());
                    generator.setDescription(QStringLiteral("Slimbench"));
                    QCPPainter painter;
                    if (!painter.begin(&generator))
                        return cannotWrite(svg);
                    plot->toPainter(&painter, width, height);
                    painter.end();
                }
                if (QFileInfo(svg).size() == 0)
                    return cannotWrite(svg);
            }
            if (formats.contains(QStringLiteral("csv"))) {
                const QString csv = base + QStringLiteral(".csv");
                QSaveFile file(csv);
                if (!file.open(QIODevice::WriteOnly | QIODevice::Text) || file.write(table.toCsv().toUtf8()) < 0 || !file.commit())
                    return QCoreApplication::translate("slim::widgets::FigureExport", "Cannot write %1: %2").arg(csv, file.errorString());
            }
            return {};
        }();
    }
    plot->replot(); // the on-screen look, back as it was
    return error;
}

QString saveFigure(QCustomPlot* plot, const QString& base, const FigureTable& table, int dpi)
{
    FigureStyle style;
    style.widthCm = plot->width() / kScreenDpi * 2.54;
    style.heightCm = plot->height() / kScreenDpi * 2.54;
    style.dpi = dpi;
    style.fontPt = 0;
    return saveFigure(plot, base, table, style);
}

void addSaveFigureMenu(QWidget* view, QCustomPlot* plot, std::function<FigureTable()> table, const QString& name)
{
    plot->setContextMenuPolicy(Qt::CustomContextMenu);
    QObject::connect(plot, &QWidget::customContextMenuRequested, view, [view, plot, table, name](const QPoint& position) {
        QMenu menu(view);
        QAction* action = menu.addAction(QCoreApplication::translate("slim::widgets::FigureExport", "Export Figure…"));
        QObject::connect(action, &QAction::triggered, view, [view, plot, table, name] {
            FigureExportDialog dialog(name, view);
            if (dialog.exec() != QDialog::Accepted)
                return;
            const QString error = saveFigure(plot, dialog.basePath(), table(), dialog.style(), dialog.formats());
            if (!error.isEmpty())
                QMessageBox::warning(view, QCoreApplication::translate("slim::widgets::FigureExport", "Cannot save the figure"), error);
        });
        menu.exec(plot->mapToGlobal(position));
    });
}

} // namespace slim::widgets
