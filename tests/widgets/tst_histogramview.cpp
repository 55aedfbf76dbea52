#include <QtTest/QtTest>

#include "histogramview.h"

#include <QCheckBox>
#include <QLabel>
#include <QSignalSpy>
#include <qcustomplot.h>

using slim::widgets::HistogramView;

class TestHistogramView : public QObject {
    Q_OBJECT
private:
    static QVector<double> values() { return {0.1, 0.2, 0.2, 0.9, 1.0}; }

    static void show(HistogramView& view)
    {
        view.resize(480, 320);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.plot()->replot();
    }

    static QPoint pointAt(const HistogramView& view, double value)
    {
        const QCustomPlot* plot = view.plot();
        return {qRound(plot->xAxis->coordToPixel(value)), plot->axisRect()->center().y()};
    }

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    /// Equal-width bins over [min, max], the last one closed; the bars show the counts.
    void binsCountTheValues()
    {
        HistogramView view;
        view.setBins(3);
        view.setValues(values(), QStringLiteral("|γ|"));
        QCOMPARE(view.binCounts(), (QVector<double>{3, 0, 2}));
        QCOMPARE(view.plot()->xAxis->label(), QStringLiteral("|γ|"));
        auto* bars = qobject_cast<QCPBars*>(view.plot()->plottable(0));
        QVERIFY(bars);
        QCOMPARE(bars->data()->size(), 3);
        QCOMPARE(bars->data()->at(0)->value, 3.0);
        QCOMPARE(bars->data()->at(2)->value, 2.0);
        QVERIFY(qAbs(bars->width() - 0.3) < 1e-12);
        view.setBins(9);
        QCOMPARE(view.binCounts().size(), 9);
        double total = 0;
        for (const double count : view.binCounts())
            total += count;
        QCOMPARE(total, 5.0);
    }

    /// Setting the threshold moves the line and the count, without a signal (no loops when
    /// the ratio and the line follow each other); it stays inside the values' range.
    void thresholdCountsWhatIsKept()
    {
        HistogramView view;
        view.setValues(values());
        QSignalSpy changed(&view, &HistogramView::thresholdChanged);
        view.setThreshold(0.5);
        QCOMPARE(view.keptCount(), 2);
        QCOMPARE(view.keptText(), QStringLiteral("Kept 2 of 5 (40.0 %)"));
        QCOMPARE(view.findChild<QLabel*>(QStringLiteral("keptLabel"))->text(), view.keptText());
        view.setThreshold(0.2);
        QCOMPARE(view.keptCount(), 4); // values equal to the threshold stay
        view.setThreshold(-3);
        QCOMPARE(view.threshold(), 0.1);
        QCOMPARE(view.keptCount(), 5);
        QCOMPARE(changed.size(), 0);
    }

    /// Dragging the line (pressing anywhere over the axes, moving, releasing) sets the
    /// threshold under the cursor and says so.
    void dragMovesTheThreshold()
    {
        HistogramView view;
        view.setValues(values());
        show(view);
        QSignalSpy changed(&view, &HistogramView::thresholdChanged);
        QTest::mousePress(view.plot(), Qt::LeftButton, Qt::NoModifier, pointAt(view, 0.3));
        QMouseEvent move(QEvent::MouseMove, pointAt(view, 0.8), view.plot()->mapToGlobal(pointAt(view, 0.8)),
                         Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(view.plot(), &move);
        QTest::mouseRelease(view.plot(), Qt::LeftButton, Qt::NoModifier, pointAt(view, 0.8));
        QVERIFY(changed.size() >= 2);
        const double onePixel = view.plot()->xAxis->pixelToCoord(1) - view.plot()->xAxis->pixelToCoord(0);
        QVERIFY2(qAbs(changed.last().first().toDouble() - 0.8) <= qAbs(onePixel),
                 qPrintable(QString::number(changed.last().first().toDouble())));
        QCOMPARE(view.keptCount(), 2);
        // After the release, moving the mouse no longer drags.
        QMouseEvent away(QEvent::MouseMove, pointAt(view, 0.15), view.plot()->mapToGlobal(pointAt(view, 0.15)),
                         Qt::NoButton, Qt::NoButton, Qt::NoModifier);
        const qsizetype before = changed.size();
        QApplication::sendEvent(view.plot(), &away);
        QCOMPARE(changed.size(), before);
    }

    void logCounts()
    {
        HistogramView view;
        view.setBins(3);
        view.setValues(values());
        view.findChild<QCheckBox*>(QStringLiteral("logCountsCheck"))->setChecked(true);
        QVERIFY(view.logCounts());
        QCOMPARE(view.plot()->yAxis->scaleType(), QCPAxis::stLogarithmic);
        auto* bars = qobject_cast<QCPBars*>(view.plot()->plottable(0));
        QVERIFY(std::isnan(bars->data()->at(1)->value)); // an empty bin draws nothing on a log axis
        view.setLogCounts(false);
        QCOMPARE(view.plot()->yAxis->scaleType(), QCPAxis::stLinear);
    }

    void noValues()
    {
        HistogramView view;
        show(view);
        QCOMPARE(view.keptCount(), 0);
        QCOMPARE(view.keptText(), QStringLiteral("No values to show"));
        QSignalSpy changed(&view, &HistogramView::thresholdChanged);
        QTest::mouseClick(view.plot(), Qt::LeftButton, Qt::NoModifier, view.plot()->axisRect()->center());
        QCOMPARE(changed.size(), 0);
        view.setValues({0.7, 0.7}); // all equal: still bins with a width
        QCOMPARE(view.binCounts().size(), view.bins());
        QCOMPARE(view.keptCount(), 2);
    }
};

QTEST_MAIN(TestHistogramView)
#include "tst_histogramview.moc"
