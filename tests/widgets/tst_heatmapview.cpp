#include <QtTest/QtTest>

#include "heatmapview.h"

#include <QCheckBox>
#include <QSignalSpy>
#include <qcustomplot.h>

#include <cmath>

using slim::widgets::HeatmapRow;
using slim::widgets::HeatmapView;

class TestHeatmapView : public QObject {
    Q_OBJECT
private:
    /// Three layers of 4, 2 and 6 channels.
    static QVector<HeatmapRow> rows()
    {
        return {{QStringLiteral("conv1"), {0.1, 0.2, 0.3, 0.4}},
                {QStringLiteral("conv2"), {1.0, 2.0}},
                {QStringLiteral("fc"), {0.0, 0.5, 0.25, 4.0, 8.0, 16.0}}};
    }

    static void show(HeatmapView& view)
    {
        view.resize(560, 360);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.plot()->replot();
    }

    /// The middle of cell (row, column) in plot pixels.
    static QPoint cellPoint(const HeatmapView& view, int row, int column)
    {
        return {qRound(view.plot()->xAxis->coordToPixel(column)), qRound(view.plot()->yAxis->coordToPixel(row))};
    }

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    /// One cell per channel; a narrower row's missing cells are empty (NaN, drawn grey), not stretched.
    void cellsHoldTheValues()
    {
        HeatmapView view;
        view.setRows(rows(), QStringLiteral("|γ|"));
        QCOMPARE(view.rowCount(), 3);
        QCOMPARE(view.columnCount(), 6);
        QCPColorMapData* data = view.colorMap()->data();
        QCOMPARE(data->keySize(), 6);
        QCOMPARE(data->valueSize(), 3);
        QCOMPARE(data->cell(2, 0), 0.3);
        QCOMPARE(data->cell(1, 1), 2.0);
        QVERIFY(std::isnan(data->cell(2, 1)));  // conv2 has two channels
        QVERIFY(std::isnan(data->cell(5, 0)));
        QCOMPARE(data->cell(5, 2), 16.0);
        QCOMPARE(view.colorMap()->gradient().nanHandling(), QCPColorGradient::nhNanColor);
        QCOMPARE(view.colorMap()->dataRange().upper, 16.0);
        QCOMPARE(view.colorMap()->colorScale()->axis()->label(), QStringLiteral("|γ|"));
    }

    void toolTipNamesRowChannelAndValue()
    {
        HeatmapView view;
        view.setRows(rows(), QStringLiteral("L1 norm"));
        show(view);
        QCOMPARE(view.toolTipAt(cellPoint(view, 0, 3)), QStringLiteral("conv1, channel 3: 0.4"));
        QCOMPARE(view.toolTipAt(cellPoint(view, 2, 4)), QStringLiteral("fc, channel 4: 8"));
        QVERIFY(view.toolTipAt(cellPoint(view, 1, 4)).isEmpty()); // a grey cell
        QVERIFY(view.toolTipAt(QPoint(1, 1)).isEmpty());          // off the axes
        view.setRows(rows(), QStringLiteral("|γ|"), QStringLiteral("epoch"));
        QCOMPARE(view.toolTipAt(cellPoint(view, 1, 0)), QStringLiteral("conv2, epoch 0: 1"));
    }

    /// A click selects the row everywhere: the signal names it and the row is outlined.
    void clickSelectsTheRow()
    {
        HeatmapView view;
        view.setRows(rows(), QStringLiteral("|γ|"));
        show(view);
        QSignalSpy clicked(&view, &HeatmapView::rowClicked);
        QTest::mouseClick(view.plot(), Qt::LeftButton, Qt::NoModifier, cellPoint(view, 2, 1));
        QCOMPARE(clicked.size(), 1);
        QCOMPARE(clicked.first().first().toString(), QStringLiteral("fc"));
        QCOMPARE(view.highlightedRow(), QStringLiteral("fc"));
        view.highlightRow(QStringLiteral("conv1"));
        QCOMPARE(view.highlightedRow(), QStringLiteral("conv1"));
        view.setRows(rows(), QStringLiteral("|γ|")); // new data keeps the selection when the row is there
        QCOMPARE(view.highlightedRow(), QStringLiteral("conv1"));
        view.highlightRow(QStringLiteral("nothing"));
        QVERIFY(view.highlightedRow().isEmpty());
    }

    /// On a log scale the colours follow decades; values ≤ 0 have no colour and turn grey.
    void logScale()
    {
        HeatmapView view;
        view.setRows(rows(), QStringLiteral("L2 norm"));
        view.findChild<QCheckBox*>(QStringLiteral("logScaleCheck"))->setChecked(true);
        QVERIFY(view.logScale());
        QCOMPARE(view.colorMap()->colorScale()->dataScaleType(), QCPAxis::stLogarithmic);
        QVERIFY(std::isnan(view.colorMap()->data()->cell(0, 2))); // fc's 0.0
        QCOMPARE(view.colorMap()->data()->cell(1, 2), 0.5);
        view.setLogScale(false);
        QCOMPARE(view.colorMap()->data()->cell(0, 2), 0.0);
    }

    void empty()
    {
        HeatmapView view;
        show(view);
        view.setRows({}, QStringLiteral("|γ|"));
        QCOMPARE(view.rowCount(), 0);
        QCOMPARE(view.rowAt(view.plot()->axisRect()->center()), -1);
        QVERIFY(view.toolTipAt(view.plot()->axisRect()->center()).isEmpty());
    }
};

QTEST_MAIN(TestHeatmapView)
#include "tst_heatmapview.moc"
