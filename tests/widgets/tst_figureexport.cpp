#include <QtTest/QtTest>

#include "costchart.h"
#include "curveview.h"
#include "figureexport.h"
#include "heatmapview.h"
#include "histogramview.h"
#include "paretoview.h"

#include <QApplication>
#include <QImage>
#include <QRegularExpression>
#include <qcustomplot.h>

using namespace slim::widgets;

/// Every view saves itself as PNG (at the DPI asked for), PDF, SVG and the plotted numbers as
/// CSV, from the context menu of its plot.
class TestFigureExport : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    static void show(QWidget& view)
    {
        view.resize(600, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));  // callers' saveAndCheck() then fails on sizes
    }

    static QByteArray head(const QString& path, int bytes)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.read(bytes) : QByteArray();
    }

    static QList<QStringList> csv(const QString& path)
    {
        QFile file(path);
        QList<QStringList> rows;
        if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
            return rows;
        for (const QByteArray& line : file.readAll().split('\n'))
            if (!line.isEmpty())
                rows << QString::fromUtf8(line).split(QLatin1Char(','));
        return rows;
    }

    /// Saves `plot` under `name` at 192 dpi, checks the four files and reads the CSV into
    /// `rows`. Callers stop when QTest::currentTestFailed().
    void saveAndCheck(QCustomPlot* plot, const FigureTable& table, const QString& name, QList<QStringList>& rows)
    {
        QCOMPARE(plot->contextMenuPolicy(), Qt::CustomContextMenu);
        const QString base = m_dir.filePath(name);
        const QString error = saveFigure(plot, base, table, 192);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QImage png(base + QStringLiteral(".png"));
        QVERIFY(!png.isNull());
        // 192 dpi is twice the screen's 96: twice the pixels, and the resolution recorded.
        QCOMPARE(png.width(), 2 * plot->width());
        QCOMPARE(png.height(), 2 * plot->height());
        QCOMPARE(qRound(png.dotsPerMeterX() * 0.0254), 192);
        QCOMPARE(head(base + QStringLiteral(".pdf"), 5), QByteArray("%PDF-"));
        const QByteArray svg = head(base + QStringLiteral(".svg"), 100000);
        QVERIFY(svg.contains("<svg"));
        QVERIFY(svg.size() > 1000);  // the axes and data drawn, not an empty canvas
        rows = csv(base + QStringLiteral(".csv"));
    }

    static bool hasInk(const QImage& image)
    {
        int dark = 0;
        for (int y = 0; y < image.height(); y += 2)
            for (int x = 0; x < image.width(); x += 2)
                dark += qGray(image.pixel(x, y)) < 128;
        return dark > 50;
    }

    /// The largest difference between a pixel's red, green and blue.
    static int maxChroma(const QImage& image)
    {
        int chroma = 0;
        for (int y = 0; y < image.height(); ++y) {
            for (int x = 0; x < image.width(); ++x) {
                const QRgb p = image.pixel(x, y);
                chroma = std::max({chroma, std::abs(qRed(p) - qGreen(p)), std::abs(qGreen(p) - qBlue(p)), std::abs(qRed(p) - qBlue(p))});
            }
        }
        return chroma;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void csvQuotesWhatNeedsIt()
    {
        FigureTable table;
        table.header = {QStringLiteral("name"), QStringLiteral("value")};
        table.rows << QStringList{QStringLiteral("a,b"), QStringLiteral("say \"hi\"")} << QStringList{QStringLiteral("c"), csvNumber(0.1)};
        QCOMPARE(table.toCsv(), QStringLiteral("name,value\n\"a,b\",\"say \"\"hi\"\"\"\nc,0.1\n"));
    }

    void costChart()
    {
        CostChart chart;
        chart.setData({QStringLiteral("conv1"), QStringLiteral("fc")}, {442368, 650}, {432, 650});
        chart.setRemaining({221184, 650}, {216, 325});
        show(chart);
        QList<QStringList> rows;
        saveAndCheck(chart.plot(), chart.figureTable(), QStringLiteral("cost"), rows);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(rows.size(), 3);
        QCOMPARE(rows[0], (QStringList{"layer", "macs", "params", "macs_after", "params_after"}));
        QCOMPARE(rows[1], (QStringList{"conv1", "442368", "432", "221184", "216"}));
        QCOMPARE(rows[2], (QStringList{"fc", "650", "650", "650", "325"}));
    }

    void heatmap()
    {
        HeatmapView view;
        view.setRows({{QStringLiteral("conv1"), {0.5, 0.25, 2}}, {QStringLiteral("conv2"), {1}}}, QStringLiteral("L1"));
        show(view);
        QList<QStringList> rows;
        saveAndCheck(view.plot(), view.figureTable(), QStringLiteral("heatmap"), rows);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(rows.size(), 3);
        QCOMPARE(rows[0], (QStringList{"row", "0", "1", "2"}));
        QCOMPARE(rows[1], (QStringList{"conv1", "0.5", "0.25", "2"}));
        QCOMPARE(rows[2], (QStringList{"conv2", "1", "", ""}));  // narrower rows stay empty
    }

    void histogram()
    {
        HistogramView view;
        view.setBins(2);
        view.setValues({0.0, 0.1, 0.2, 0.9, 1.0});
        show(view);
        QList<QStringList> rows;
        saveAndCheck(view.plot(), view.figureTable(), QStringLiteral("histogram"), rows);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(rows.size(), 3);
        QCOMPARE(rows[0], (QStringList{"bin_start", "bin_end", "count"}));
        QCOMPARE(rows[1], (QStringList{"0", "0.5", "3"}));
        QCOMPARE(rows[2], (QStringList{"0.5", "1", "2"}));
    }

    void curves()
    {
        CurveView view;
        view.addPoints(QStringLiteral("train/loss"), {0.5, 1.0}, {2.3, 1.7});
        view.addPoints(QStringLiteral("val/top1"), {1.0}, {0.42});
        show(view);
        QList<QStringList> rows;
        saveAndCheck(view.plot(), view.figureTable(), QStringLiteral("curves"), rows);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(rows.size(), 6);
        QCOMPARE(rows[0], (QStringList{"series", "x", "y"}));
        QCOMPARE(rows[1], (QStringList{"train/loss", "0.5", "2.3"}));
        QCOMPARE(rows[2], (QStringList{"train/loss", "1", "1.7"}));
        // The moving average drawn over the batches (weight 0.6): 2.3, then 0.6·2.3 + 0.4·1.7.
        QCOMPARE(rows[3], (QStringList{"train/loss (EMA)", "0.5", "2.3"}));
        QCOMPARE(rows[4].mid(0, 2), (QStringList{"train/loss (EMA)", "1"}));
        QVERIFY(std::abs(rows[4][2].toDouble() - 2.06) < 1e-9);
        QCOMPARE(rows[5], (QStringList{"val/top1", "1", "0.42"}));
    }

    /// A preset writes the printed size: PNG pixels and recorded DPI, the PDF page in points, the
    /// SVG's width and height in millimetres.
    void presetsWriteThePrintedSize_data()
    {
        QTest::addColumn<int>("preset");
        QTest::addColumn<double>("widthCm");
        QTest::addColumn<double>("heightCm");
        QTest::addColumn<int>("dpi");
        QTest::newRow("single column") << int(FigureStyle::Preset::SingleColumn) << 8.5 << 6.0 << 300;
        QTest::newRow("double column") << int(FigureStyle::Preset::DoubleColumn) << 17.0 << 8.0 << 300;
        QTest::newRow("slide") << int(FigureStyle::Preset::Slide) << 25.4 << 14.3 << 150;
    }
    void presetsWriteThePrintedSize()
    {
        QFETCH(int, preset);
        QFETCH(double, widthCm);
        QFETCH(double, heightCm);
        QFETCH(int, dpi);
        CurveView view;
        view.addPoints(QStringLiteral("train/loss"), {0.5, 1.0, 1.5}, {2.3, 1.7, 1.2}, QStringLiteral("training loss"));
        show(view);
        const FigureStyle style = FigureStyle::preset(FigureStyle::Preset(preset));
        QCOMPARE(style.widthCm, widthCm);
        QCOMPARE(style.heightCm, heightCm);
        QCOMPARE(style.dpi, dpi);
        const QFont screenFont = view.plot()->xAxis->tickLabelFont();
        const QString base = m_dir.filePath(QStringLiteral("preset-%1").arg(preset));
        const QString error = saveFigure(view.plot(), base, view.figureTable(), style);
        QVERIFY2(error.isEmpty(), qPrintable(error));

        const QImage png(base + QStringLiteral(".png"));
        QCOMPARE(png.width(), qRound(widthCm / 2.54 * dpi));
        QCOMPARE(png.height(), qRound(heightCm / 2.54 * dpi));
        QCOMPARE(qRound(png.dotsPerMeterX() * 0.0254), dpi);
        QVERIFY(hasInk(png));

        // PDF: one page of exactly the printed size, in points (1/72 inch).
        const QByteArray pdf = head(base + QStringLiteral(".pdf"), 1 << 22);
        QVERIFY(pdf.startsWith("%PDF-"));
        const QRegularExpressionMatch box = QRegularExpression(QStringLiteral("/MediaBox \\[\\s*0\\s+0\\s+([0-9.]+)\\s+([0-9.]+)\\s*\\]"))
                                                .match(QString::fromLatin1(pdf));
        QVERIFY2(box.hasMatch(), "no MediaBox in the PDF");
        QVERIFY2(std::abs(box.captured(1).toDouble() - widthCm / 2.54 * 72) < 0.6, qPrintable(box.captured(0)));
        QVERIFY2(std::abs(box.captured(2).toDouble() - heightCm / 2.54 * 72) < 0.6, qPrintable(box.captured(0)));

        // SVG: width and height in mm.
        const QString svg = QString::fromUtf8(head(base + QStringLiteral(".svg"), 1 << 22));
        const QRegularExpressionMatch size =
            QRegularExpression(QStringLiteral("<svg[^>]*width=\"([0-9.]+)mm\"[^>]*height=\"([0-9.]+)mm\"")).match(svg);
        QVERIFY2(size.hasMatch(), qPrintable(svg.left(400)));
        QVERIFY2(std::abs(size.captured(1).toDouble() - widthCm * 10) < 0.6, qPrintable(size.captured(0)));
        QVERIFY2(std::abs(size.captured(2).toDouble() - heightCm * 10) < 0.6, qPrintable(size.captured(0)));
        // The figure's text is in the preset's font, at its size to the nearest whole pixel at 96
        // dpi (what the SVG says), under 0.4 pt off.
        QVERIFY(svg.contains(QStringLiteral("font-family=\"%1\"").arg(style.fontFamily)));
        bool presetSize = false;
        for (const QRegularExpressionMatch& m : QRegularExpression(QStringLiteral("font-size=\"([0-9.]+)\"")).globalMatch(svg))
            presetSize = presetSize || std::abs(m.captured(1).toDouble() - style.fontPt * 96 / 72) <= 0.5;
        QVERIFY2(presetSize, "no text at the preset's font size");
        // Only the files were styled: the plot on screen keeps its own fonts.
        QCOMPARE(view.plot()->xAxis->tickLabelFont(), screenFont);
    }

    /// Grayscale: no pixel of the PNG has a hue, and the chart on screen keeps its colours.
    void grayscaleHasNoColour()
    {
        CostChart chart;
        chart.setData({QStringLiteral("conv1"), QStringLiteral("conv2"), QStringLiteral("fc")}, {442368, 200000, 650}, {432, 9000, 650});
        show(chart);
        FigureStyle style = FigureStyle::preset(FigureStyle::Preset::SingleColumn);
        style.dpi = 150;
        const QString colourBase = m_dir.filePath(QStringLiteral("cost-colour"));
        QCOMPARE(saveFigure(chart.plot(), colourBase, chart.figureTable(), style, {QStringLiteral("png")}), QString());
        QVERIFY(maxChroma(QImage(colourBase + QStringLiteral(".png"))) > 60); // the check can see colour
        style.grayscale = true;
        const QString grayBase = m_dir.filePath(QStringLiteral("cost-gray"));
        QCOMPARE(saveFigure(chart.plot(), grayBase, chart.figureTable(), style, {QStringLiteral("png")}), QString());
        const QImage gray(grayBase + QStringLiteral(".png"));
        QVERIFY(hasInk(gray));
        QVERIFY2(maxChroma(gray) <= 2, qPrintable(QString::number(maxChroma(gray))));
        QVERIFY(!QFile::exists(grayBase + QStringLiteral(".pdf"))); // only the formats asked for
        // Afterwards the chart is in colour again.
        const QImage screen = chart.plot()->grab().toImage(); // what is on screen, not a fresh render
        QVERIFY(maxChroma(screen) > 60);
    }

    /// A legend that wraps (five curves) has empty cells; styling skips them.
    void styledLegendThatWraps()
    {
        CurveView view;
        for (const char* series : {"train/loss", "train/accuracy", "val/loss", "val/top1", "val/top5"})
            view.addPoints(QString::fromLatin1(series), {0.5, 1.0}, {0.8, 0.6});
        show(view);
        const QString base = m_dir.filePath(QStringLiteral("five-curves"));
        QCOMPARE(saveFigure(view.plot(), base, view.figureTable(), FigureStyle::preset(FigureStyle::Preset::Slide)), QString());
        QVERIFY(hasInk(QImage(base + QStringLiteral(".png"))));
    }

    /// Chinese labels are written as text into the SVG, and drawn into the PNG.
    void chineseLabelsAreText()
    {
        CurveView view;
        view.addPoints(QStringLiteral("train/loss"), {0.5, 1.0}, {2.3, 1.7}, QStringLiteral("训练损失"));
        show(view);
        const FigureStyle style = FigureStyle::preset(FigureStyle::Preset::SingleColumn);
        const QString base = m_dir.filePath(QStringLiteral("curves-zh"));
        QCOMPARE(saveFigure(view.plot(), base, view.figureTable(), style), QString());
        const QString svg = QString::fromUtf8(head(base + QStringLiteral(".svg"), 1 << 22));
        QVERIFY2(svg.contains(QStringLiteral("训练损失")), "the Chinese legend is not text in the SVG");
    }

    void paretoFrontKeepsWhatNothingBeats()
    {
        const QVector<ParetoPoint> points = {{QStringLiteral("base"), 40e6, 0.94},   {QStringLiteral("half"), 20e6, 0.93},
                                             {QStringLiteral("bad"), 30e6, 0.90},    {QStringLiteral("quarter"), 10e6, 0.90},
                                             {QStringLiteral("tie"), 20e6, 0.92},    {QStringLiteral("dominated"), 45e6, 0.94}};
        QCOMPARE(paretoFront(points), (QVector<int>{3, 1, 0}));
        QCOMPARE(paretoFront({}), QVector<int>{});
        // Two versions with the same figures are both on the front.
        QCOMPARE(paretoFront({{QStringLiteral("a"), 10e6, 0.9}, {QStringLiteral("b"), 10e6, 0.9}, {QStringLiteral("c"), 20e6, 0.8}}),
                 (QVector<int>{0, 1}));
        ParetoView view;
        view.setPoints(points);
        show(view);
        const FigureTable table = view.figureTable();
        QCOMPARE(table.rows.size(), points.size());
        QCOMPARE(table.rows[0], (QStringList{QStringLiteral("base"), QStringLiteral("40000000"), QStringLiteral("0.94"), QStringLiteral("1")}));
        QCOMPARE(table.rows[2][3], QStringLiteral("0"));
        QCOMPARE(view.plot()->xAxis->scaleType(), QCPAxis::stLinear); // 4.5× apart: linear
        view.setPoints({{QStringLiteral("big"), 4e9, 0.76}, {QStringLiteral("small"), 40e6, 0.70}});
        QCOMPARE(view.plot()->xAxis->scaleType(), QCPAxis::stLogarithmic);
    }

    /// A folder that does not exist: the error names the file, nothing crashes.
    void unwritablePathIsReported()
    {
        CostChart chart;
        chart.setData({QStringLiteral("conv1")}, {1}, {1});
        show(chart);
        const QString error = saveFigure(chart.plot(), m_dir.filePath(QStringLiteral("missing/cost")), chart.figureTable());
        QVERIFY2(error.contains(QStringLiteral("missing/cost.png")), qPrintable(error));
    }
};

QTEST_MAIN(TestFigureExport)
#include "tst_figureexport.moc"
