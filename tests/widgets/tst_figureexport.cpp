#include <QtTest/QtTest>

#include "costchart.h"
#include "curveview.h"
#include "figureexport.h"
#include "heatmapview.h"
#include "histogramview.h"

#include <QImage>
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
