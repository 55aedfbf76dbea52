#include <QtTest/QtTest>

#include "cosineview.h"

#include <qcustomplot.h>

using namespace slim::widgets;

/// The RKNN accuracy chart: both cosines per layer in network order, the worst layer found,
/// a tooltip naming the layer under the mouse, and the numbers for the figure's CSV.
class TestCosineView : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void plotsBothCosinesPerLayer()
    {
        const QVector<LayerCosine> layers{{"Input", "input", 1.0, 1.0},
                                          {"Conv", "conv1", 0.9998, 0.9999},
                                          {"Conv", "conv2", 0.9871, 0.9990},
                                          {"Gemm", "output", 0.9912, 0.9995}};
        CosineView view;
        view.setLayers(layers);
        view.resize(640, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.plot()->replot();
        QCOMPARE(view.layerCount(), 4);
        QCOMPARE(view.plot()->graphCount(), 2);
        QCOMPARE(view.plot()->graph(0)->dataCount(), 4);
        QCOMPARE(view.plot()->graph(0)->data()->at(2)->value, 0.9871);
        QCOMPARE(view.plot()->graph(1)->data()->at(2)->value, 0.9990);
        QCOMPARE(view.worstLayer(), 2);
        // The value axis spans the cosines, not 0..1, so a drop in the third decimal shows.
        QVERIFY(view.plot()->yAxis->range().lower > 0.98 && view.plot()->yAxis->range().lower < 0.9871);
        const QPoint at(qRound(view.plot()->xAxis->coordToPixel(2)), qRound(view.plot()->yAxis->coordToPixel(0.99)));
        const QString tip = view.toolTipAt(at);
        QVERIFY2(tip.contains("[Conv] conv2") && tip.contains("0.98710") && tip.contains("0.99900"), qPrintable(tip));
        const FigureTable table = view.figureTable();
        QCOMPARE(table.rows.size(), 4);
        QCOMPARE(table.rows[2], (QStringList{"Conv", "conv2", "0.9871", "0.999"}));

        view.setLayers({});
        QCOMPARE(view.worstLayer(), -1);
        QVERIFY(view.toolTipAt(at).isEmpty());
    }
};

QTEST_MAIN(TestCosineView)
#include "tst_cosineview.moc"
