#include <QtTest/QtTest>

#include "sensitivityview.h"

#include <QSignalSpy>
#include <qcustomplot.h>

using namespace slim::widgets;

/// Sensitivity curves: one per group, grey but the selected one, hover names the curve under
/// the mouse, a click selects it, and the saved CSV holds every point and the baseline.
class TestSensitivityView : public QObject {
    Q_OBJECT
private:
    static QVector<SensitivityCurve> curves()
    {
        return {{QStringLiteral("conv1"), {0.25, 0.5, 0.75}, {0.9, 0.8, 0.5}},
                {QStringLiteral("layer1.0.conv1"), {0.25, 0.5, 0.75}, {0.9, 0.9, 0.88}}};
    }
    static QPoint pointOf(const SensitivityView& view, double ratio, double top1)
    {
        return {qRound(view.plot()->xAxis->coordToPixel(ratio * 100)), qRound(view.plot()->yAxis->coordToPixel(top1))};
    }

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void curvesHoverAndClick()
    {
        SensitivityView view;
        view.setCurves(curves(), 0.92);
        view.resize(600, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.plot()->replot();
        QCOMPARE(view.curveCount(), 2);
        QCOMPARE(view.plot()->graphCount(), 2);
        QCOMPARE(view.plot()->graph(0)->dataCount(), 3);
        QCOMPARE(view.plot()->graph(0)->data()->at(1)->key, 50.0);  // percent on the axis

        // Where the curves part: at 75 % conv1 lies at 0.5, layer1.0.conv1 at 0.88.
        QCOMPARE(view.curveAt(pointOf(view, 0.75, 0.5)), QStringLiteral("conv1"));
        QCOMPARE(view.curveAt(pointOf(view, 0.75, 0.88)), QStringLiteral("layer1.0.conv1"));
        QCOMPARE(view.curveAt(pointOf(view, 0.75, 0.2)), QString());  // far from both
        QVERIFY2(view.toolTipAt(pointOf(view, 0.75, 0.5)).contains(QStringLiteral("conv1: top-1 0.5000 with 75 %")),
                 qPrintable(view.toolTipAt(pointOf(view, 0.75, 0.5))));

        QSignalSpy clicked(&view, &SensitivityView::curveClicked);
        QTest::mouseClick(view.plot(), Qt::LeftButton, Qt::NoModifier, pointOf(view, 0.75, 0.88));
        QCOMPARE(clicked.size(), 1);
        QCOMPARE(clicked.first().first().toString(), QStringLiteral("layer1.0.conv1"));
        QCOMPARE(view.highlighted(), QStringLiteral("layer1.0.conv1"));
        QVERIFY(view.plot()->graph(1)->pen().widthF() > view.plot()->graph(0)->pen().widthF());

        // New curves keep the selection when the group is still there.
        view.setCurves(curves(), 0.92);
        QCOMPARE(view.highlighted(), QStringLiteral("layer1.0.conv1"));
        view.setCurves({}, 0);
        QCOMPARE(view.highlighted(), QString());
    }

    void figureTableHoldsThePoints()
    {
        SensitivityView view;
        view.setCurves(curves(), 0.92);
        const FigureTable table = view.figureTable();
        QCOMPARE(table.header, (QStringList{"group", "ratio", "top1"}));
        QCOMPARE(table.rows.size(), 7);
        QCOMPARE(table.rows[2], (QStringList{"conv1", "0.75", "0.5"}));
        QCOMPARE(table.rows[6], (QStringList{"baseline", "", "0.92"}));
    }
};

QTEST_MAIN(TestSensitivityView)
#include "tst_sensitivityview.moc"
