#include <QtTest/QtTest>

#include "quanterrorview.h"

#include <qcustomplot.h>

#include <limits>

using namespace slim::widgets;

/// The per-layer quantization error chart: weights and activations as two bar series in
/// network order, the weakest tensor found, an exact tensor drawn above the rest, tooltips
/// and the figure's CSV.
class TestQuantErrorView : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void plotsWeightsAndActivations()
    {
        const double exact = std::numeric_limits<double>::infinity();
        const QVector<QuantError> errors{{"conv1", true, 8, 41.5}, {"fc", true, 4, 18.25}, {"input", false, 8, exact},
                                         {"layer1.0.conv1", false, 8, 33.0}};
        QuantErrorView view;
        view.setErrors(errors);
        view.resize(640, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.plot()->replot();
        QCOMPARE(view.count(), 4);
        const auto* weights = qobject_cast<QCPBars*>(view.plot()->plottable(0));
        const auto* activations = qobject_cast<QCPBars*>(view.plot()->plottable(1));
        QVERIFY(weights && activations);
        QCOMPARE(weights->dataCount(), 2);
        QCOMPARE(activations->dataCount(), 2);
        QCOMPARE(weights->data()->at(1)->value, 18.25);
        QCOMPARE(activations->data()->at(1)->key, 3.0);
        // the exact input is drawn above the highest finite bar
        QVERIFY(activations->data()->at(0)->value > 41.5);
        QCOMPARE(view.worst(), 1);
        // The lowest bar is drawn again on top in its own colour, and named on the axis.
        const auto* lowest = qobject_cast<QCPBars*>(view.plot()->plottable(2));
        QVERIFY(lowest);
        QCOMPARE(lowest->dataCount(), 1);
        QCOMPARE(lowest->data()->at(0)->key, 1.0);
        QCOMPARE(lowest->data()->at(0)->value, 18.25);
        QVERIFY(lowest->brush().color() != weights->brush().color());
        const auto ticker = view.plot()->xAxis->ticker().dynamicCast<QCPAxisTickerText>();
        QVERIFY(ticker && ticker->ticks().value(1.0) == QStringLiteral("fc"));
        const QPoint at(qRound(view.plot()->xAxis->coordToPixel(1)), qRound(view.plot()->yAxis->coordToPixel(5)));
        const QString tip = view.toolTipAt(at);
        QVERIFY2(tip.contains("fc") && tip.contains("4 bits") && tip.contains("18.3 dB"), qPrintable(tip));
        const QPoint atInput(qRound(view.plot()->xAxis->coordToPixel(2)), qRound(view.plot()->yAxis->coordToPixel(5)));
        QVERIFY(view.toolTipAt(atInput).contains("exact"));
        const FigureTable table = view.figureTable();
        QCOMPARE(table.rows.size(), 4);
        QCOMPARE(table.rows[1], (QStringList{"fc", "weight", "4", "18.25"}));
        QCOMPARE(table.rows[2], (QStringList{"input", "activation", "8", "inf"}));

        view.setErrors({});
        QCOMPARE(view.worst(), -1);
        QCOMPARE(lowest->dataCount(), 0);
        QVERIFY(view.toolTipAt(at).isEmpty());
    }
};

QTEST_MAIN(TestQuantErrorView)
#include "tst_quanterrorview.moc"
