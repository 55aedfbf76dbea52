#include <QtTest/QtTest>

#include "costchart.h"

#include <QToolTip>
#include <qcustomplot.h>

using slim::widgets::CostChart;

class TestCostChart : public QObject {
    Q_OBJECT
private:
    /// A shown chart of three layers, laid out so pixels map to layers.
    static void fill(CostChart& chart)
    {
        chart.setData({QStringLiteral("conv1"), QStringLiteral("layer1.conv"), QStringLiteral("fc")},
                      {442368, 2000000, 650}, {432, 3000, 650});
        chart.resize(640, 420);
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        chart.plot()->replot();
    }
    /// The middle of layer `index`'s slot, halfway up the axes.
    static QPoint layerPoint(const CostChart& chart, int index)
    {
        const QCustomPlot* plot = chart.plot();
        return {qRound(plot->xAxis->coordToPixel(index + 1)), plot->axisRect()->center().y()};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    }

    /// MACs and parameters each have their own axis, so neither set of bars dwarfs the other.
    void twoValueAxes()
    {
        CostChart chart;
        fill(chart);
        QCustomPlot* plot = chart.plot();
        // Two sets of bars; the two of a pruning preview are hidden until setRemaining().
        QCOMPARE(plot->plottableCount(), 4);
        QVERIFY(!plot->plottable(2)->visible() && !plot->plottable(3)->visible());
        auto* macs = qobject_cast<QCPBars*>(plot->plottable(0));
        auto* params = qobject_cast<QCPBars*>(plot->plottable(1));
        QVERIFY(macs && params);
        QCOMPARE(macs->valueAxis(), plot->yAxis);
        QCOMPARE(params->valueAxis(), plot->yAxis2);
        QVERIFY(plot->yAxis2->visible());
        // The tallest bar of each set reaches the same share of its axis.
        QCOMPARE(plot->yAxis->range().upper / 2.0, plot->yAxis2->range().upper / 3.0);
        QCOMPARE(plot->legend->itemCount(), 2);
    }

    /// Seen in the pixels: each layer's MACs bar, then its parameters bar, side by side,
    /// never overlapping, and the last bar inside the axes.
    void barsSideBySide_data()
    {
        QTest::addColumn<int>("layers");
        QTest::newRow("4 layers") << 4;
        QTest::newRow("40 layers in a narrow dock") << 40;
    }

    void barsSideBySide()
    {
        QFETCH(int, layers);
        QStringList names;
        QVector<double> macs;
        QVector<double> params;
        for (int i = 0; i < layers; ++i) {
            names << QStringLiteral("layer%1").arg(i);
            macs << 1e6 * (1 + i % 3);
            params << 1e3 * (3 - i % 3);
        }
        CostChart chart;
        chart.setData(names, macs, params);
        chart.resize(420, 320);
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        QCustomPlot* plot = chart.plot();
        plot->replot();
        const QImage image = plot->toPixmap(plot->width(), plot->height()).toImage();
        const QRect axes = plot->axisRect()->rect();
        const int y = axes.bottom() - 3;
        const QColor macColour = qobject_cast<QCPBars*>(plot->plottable(0))->brush().color();
        const QColor paramColour = qobject_cast<QCPBars*>(plot->plottable(1))->brush().color();
        QString runs; // one letter per run of bar pixels along the row: M (MACs) or P (parameters)
        int lastBarPixel = -1;
        for (int x = axes.left(); x <= axes.right(); ++x) {
            const QRgb pixel = image.pixel(x, y);
            const QChar kind = pixel == macColour.rgb() ? QLatin1Char('M') : pixel == paramColour.rgb() ? QLatin1Char('P') : QChar();
            if (kind.isNull())
                continue;
            lastBarPixel = x;
            if (runs.isEmpty() || runs.back() != kind || image.pixel(x - 1, y) != pixel)
                runs += kind;
        }
        QCOMPARE(runs, QStringLiteral("MP").repeated(layers));
        QVERIFY2(lastBarPixel < axes.right() - 1, qPrintable(QStringLiteral("%1 of %2").arg(lastBarPixel).arg(axes.right())));
    }

    void tooltipNamesTheLayer()
    {
        CostChart chart;
        fill(chart);
        const QString text = chart.toolTipAt(layerPoint(chart, 1));
        QVERIFY2(text.contains(QStringLiteral("layer1.conv")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("MACs: 2,000,000")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("Parameters: 3,000")), qPrintable(text));
        QVERIFY(chart.toolTipAt(layerPoint(chart, 0)).contains(QStringLiteral("conv1")));
        QVERIFY(chart.toolTipAt(QPoint(1, 1)).isEmpty()); // off the axes

        // What hovering does: the plot asks for a tool tip and gets the layer's.
        const QPoint point = layerPoint(chart, 2);
        QHelpEvent help(QEvent::ToolTip, point, chart.plot()->mapToGlobal(point));
        QApplication::sendEvent(chart.plot(), &help);
        QTRY_VERIFY(QToolTip::isVisible());
        QVERIFY2(QToolTip::text().startsWith(QStringLiteral("fc")), qPrintable(QToolTip::text()));
        QToolTip::hideText();
    }

    void clickNamesTheLayer()
    {
        CostChart chart;
        fill(chart);
        QSignalSpy clicked(&chart, &CostChart::layerClicked);
        QTest::mouseClick(chart.plot(), Qt::LeftButton, Qt::NoModifier, layerPoint(chart, 1));
        QCOMPARE(clicked.count(), 1);
        QCOMPARE(clicked.first().first().toString(), QStringLiteral("layer1.conv"));
        QTest::mouseClick(chart.plot(), Qt::LeftButton, Qt::NoModifier, QPoint(1, 1));
        QCOMPARE(clicked.count(), 1); // nothing there
    }

    /// A pruning preview: solid bars of what remains stand exactly in front of the original
    /// ones, which turn pale; the tooltip gives both; setData() or an empty call removes it.
    void remainingInFrontOfTheOriginal()
    {
        CostChart chart;
        fill(chart);
        QCustomPlot* plot = chart.plot();
        auto* macs = qobject_cast<QCPBars*>(plot->plottable(0));
        auto* params = qobject_cast<QCPBars*>(plot->plottable(1));
        auto* macsAfter = qobject_cast<QCPBars*>(plot->plottable(2));
        auto* paramsAfter = qobject_cast<QCPBars*>(plot->plottable(3));
        QVERIFY(!chart.showsRemaining());
        QCOMPARE(macs->brush().color().alpha(), 255);
        chart.setRemaining({221184, 1000000, 650}, {216, 1500, 325});
        QVERIFY(chart.showsRemaining());
        QVERIFY(macsAfter->visible() && paramsAfter->visible());
        QVERIFY(macs->brush().color().alpha() < 255);
        QCOMPARE(macsAfter->data()->at(1)->value, 1.0);      // millions
        QCOMPARE(paramsAfter->data()->at(2)->value, 0.325);  // thousands
        plot->replot();
        // The same slot, the same offset within it: the preview bar covers the original's base.
        for (int layer = 0; layer < 3; ++layer) {
            QCOMPARE(macsAfter->dataPixelPosition(layer).x(), macs->dataPixelPosition(layer).x());
            QCOMPARE(paramsAfter->dataPixelPosition(layer).x(), params->dataPixelPosition(layer).x());
        }
        const QString tip = chart.toolTipAt(layerPoint(chart, 1));
        QVERIFY2(tip.contains(QStringLiteral("2,000,000 → 1,000,000")) && tip.contains(QStringLiteral("3,000 → 1,500")),
                 qPrintable(tip));
        chart.setRemaining({}, {});
        QVERIFY(!chart.showsRemaining() && !macsAfter->visible());
        chart.setNote(QStringLiteral("Pruned structurally: channels removed"));
        QCOMPARE(chart.note(), QStringLiteral("Pruned structurally: channels removed"));
        chart.setNote({});
        QCOMPARE(chart.note(), QString());
        QCOMPARE(macs->brush().color().alpha(), 255);
        chart.setRemaining({1, 2, 3}, {1, 2, 3});
        fill(chart);
        QVERIFY(!chart.showsRemaining());
    }

    void highlightsTheSelectedLayer()
    {
        CostChart chart;
        fill(chart);
        auto* mark = chart.plot()->item(0);
        QVERIFY(mark);
        QVERIFY(!mark->visible());
        chart.highlightLayer(QStringLiteral("fc"));
        QCOMPARE(chart.highlightedLayer(), QStringLiteral("fc"));
        QVERIFY(mark->visible());
        auto* rect = qobject_cast<QCPItemRect*>(mark);
        QVERIFY(rect);
        QCOMPARE(rect->topLeft->coords().x(), 2.5);
        QCOMPARE(rect->bottomRight->coords().x(), 3.5);
        // Scrolled into view when the chart is zoomed elsewhere.
        chart.plot()->xAxis->setRange(0.5, 1.5);
        chart.highlightLayer(QStringLiteral("fc"));
        QVERIFY(chart.plot()->xAxis->range().contains(3.0));
        // Kept across new data that still has the layer, dropped when it is gone.
        chart.setData({QStringLiteral("conv1"), QStringLiteral("fc")}, {1, 2}, {1, 2});
        QCOMPARE(chart.highlightedLayer(), QStringLiteral("fc"));
        chart.setData({QStringLiteral("conv1")}, {1}, {1});
        QCOMPARE(chart.highlightedLayer(), QString());
        QVERIFY(!mark->visible());
        chart.highlightLayer(QStringLiteral("conv1"));
        chart.highlightLayer(QString());
        QVERIFY(!mark->visible());
    }
};

QTEST_MAIN(TestCostChart)
#include "tst_costchart.moc"
