#include <QtTest/QtTest>

#include "curveview.h"

#include <QLabel>
#include <qcustomplot.h>

using slim::widgets::CurveView;
using slim::widgets::FigureTable;

class TestCurveView : public QObject {
    Q_OBJECT
private:
    static QCPGraph* graph(const CurveView& view, const QString& label)
    {
        for (int i = 0; i < view.plot()->graphCount(); ++i) {
            if (view.plot()->graph(i)->name() == label)
                return view.plot()->graph(i);
        }
        return nullptr;
    }

private Q_SLOTS:
    /// With no series (at start-up, after a failed job) the axes keep the plot's full size.
    void keepsItsSizeWithoutSeries()
    {
        CurveView view;
        view.resize(600, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(view.minimumSizeHint().height() >= 200);
        QVERIFY(view.minimumSizeHint().width() >= 300);
        view.plot()->replot();
        QVERIFY2(view.plot()->axisRect()->width() > 400, qPrintable(QString::number(view.plot()->axisRect()->width())));
        // Loss and accuracy stacked, each with a fair share of the height.
        QVERIFY(view.lossRect()->height() > 100);
        QVERIFY(view.accuracyRect()->height() > 100);
        QVERIFY(view.lossRect()->height() + view.accuracyRect()->height() > 230);

        view.addPoints(QStringLiteral("train/loss"), {0.5, 1.0}, {2.0, 1.5});
        view.plot()->replot();
        QVERIFY(view.plot()->axisRect()->width() > 400);
        view.clear();
        view.plot()->replot();
        QVERIFY2(view.plot()->axisRect()->width() > 400, qPrintable(QString::number(view.plot()->axisRect()->width())));
    }

    void saysHowToStartWhenEmpty()
    {
        CurveView view;
        view.resize(600, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        auto* message = view.findChild<QLabel*>(QStringLiteral("curveEmptyText"));
        QVERIFY(message);
        QVERIFY(message->isVisible());
        QVERIFY2(view.emptyText().contains(QStringLiteral("Run › Train")), qPrintable(view.emptyText()));
        QVERIFY(message->width() > 200); // laid out over the plot, not a sliver
        view.addPoints(QStringLiteral("val/top1"), {1}, {0.8});
        QVERIFY(!message->isVisible());
        QVERIFY(!view.isEmptyTextVisible());
        view.clear();
        QVERIFY(message->isVisible());
    }

    /// Each series keeps its colour whatever order the series arrive in.
    void coloursAreFixedPerSeries()
    {
        const QStringList series{QStringLiteral("train/loss"), QStringLiteral("train/accuracy"), QStringLiteral("val/loss"),
                                 QStringLiteral("val/top1"), QStringLiteral("val/top5")};
        CurveView first;
        CurveView second;
        for (const QString& name : series)
            first.addPoints(name, {1}, {0.5});
        for (auto it = series.crbegin(); it != series.crend(); ++it)
            second.addPoints(*it, {1}, {0.5});
        QSet<QRgb> colours;
        for (const QString& name : series) {
            const QColor colour = graph(first, name)->pen().color();
            QCOMPARE(graph(second, name)->pen().color(), colour);
            QCOMPARE(colour, CurveView::seriesColour(name));
            colours.insert(colour.rgb());
        }
        QCOMPARE(colours.size(), series.size()); // all told apart
        QCOMPARE(CurveView::seriesColour(QStringLiteral("train/loss")), QColor(213, 94, 0)); // Okabe–Ito vermillion
        // A series the view does not know still gets the same colour every time.
        QCOMPARE(CurveView::seriesColour(QStringLiteral("distill/kd")), CurveView::seriesColour(QStringLiteral("distill/kd")));
    }

    /// The last validation marker (and an accuracy of 1.0) is drawn whole, not cut by the frame.
    void lastMarkerIsInsideTheAxes()
    {
        CurveView view;
        view.resize(600, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.addPoints(QStringLiteral("val/top1"), {1, 2, 3, 4, 5}, {0.6, 0.8, 0.9, 0.95, 1.0});
        view.plot()->replot();
        QCPAxisRect* accuracy = view.accuracyRect();
        const int markerRadius = 3;
        QVERIFY(accuracy->axis(QCPAxis::atBottom)->coordToPixel(5) + markerRadius < accuracy->right());
        QVERIFY(accuracy->axis(QCPAxis::atLeft)->coordToPixel(1.0) - markerRadius > accuracy->top());
    }

    /// The window renames the legend entries when the language changes.
    void renamesSeries()
    {
        CurveView view;
        view.setSeriesLabel(QStringLiteral("val/top1"), QStringLiteral("validation top-1"));
        view.addPoints(QStringLiteral("val/top1"), {1}, {0.8});
        QCOMPARE(view.seriesLabel(QStringLiteral("val/top1")), QStringLiteral("validation top-1"));
        view.addPoints(QStringLiteral("train/loss"), {0.5}, {1.2}, QStringLiteral("training loss"));
        QCOMPARE(view.seriesLabel(QStringLiteral("train/loss")), QStringLiteral("training loss"));
        view.setSeriesLabel(QStringLiteral("train/loss"), QStringLiteral("训练损失"));
        QCOMPARE(view.seriesLabel(QStringLiteral("train/loss")), QStringLiteral("训练损失"));
        QVERIFY(view.plot()->legend->itemWithPlottable(graph(view, QStringLiteral("训练损失"))));
        // A later batch without a label keeps the new name.
        view.addPoints(QStringLiteral("train/loss"), {1.0}, {1.0});
        QCOMPARE(view.seriesLabel(QStringLiteral("train/loss")), QStringLiteral("训练损失"));
        QCOMPARE(view.pointCount(QStringLiteral("train/loss")), 2);
        // Labels outlive clear(), so the next run's legend is already translated.
        view.clear();
        view.addPoints(QStringLiteral("train/loss"), {0.5}, {1.2});
        QCOMPARE(view.seriesLabel(QStringLiteral("train/loss")), QStringLiteral("训练损失"));
    }

    /// Loss above, accuracy below, on one epoch axis: both show the same epochs.
    void lossAndAccuracyStackedOnOneEpochAxis()
    {
        CurveView view;
        view.resize(600, 500);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.addPoints(QStringLiteral("train/loss"), {0.5, 1.0, 1.5, 2.0}, {2.0, 1.5, 1.2, 1.0});
        view.addPoints(QStringLiteral("val/top1"), {1, 2}, {0.6, 0.7});
        view.plot()->replot();
        QCPGraph* loss = graph(view, QStringLiteral("train/loss"));
        QCPGraph* top1 = graph(view, QStringLiteral("val/top1"));
        QVERIFY(loss && top1);
        QCOMPARE(loss->keyAxis()->axisRect(), view.lossRect());
        QCOMPARE(top1->keyAxis()->axisRect(), view.accuracyRect());
        QVERIFY(view.lossRect()->bottom() <= view.accuracyRect()->top());
        QCOMPARE(view.lossRect()->axis(QCPAxis::atBottom)->range(), view.accuracyRect()->axis(QCPAxis::atBottom)->range());
        // Epoch 2 lies at the same x in both.
        QCOMPARE(view.lossRect()->axis(QCPAxis::atBottom)->coordToPixel(2), view.accuracyRect()->axis(QCPAxis::atBottom)->coordToPixel(2));
    }

    /// Per-batch values get an exponential moving average; the weight can change afterwards.
    void smoothsBatchSeries()
    {
        CurveView view;
        view.setSmoothing(0.5);
        view.addPoints(QStringLiteral("train/loss"), {1, 2}, {4.0, 2.0});
        view.addPoints(QStringLiteral("train/loss"), {3}, {0.0});
        QCOMPARE(view.smoothedValues(QStringLiteral("train/loss")), (QVector<double>{4.0, 3.0, 1.5}));
        QCOMPARE(view.pointCount(QStringLiteral("train/loss")), 3);  // the points themselves stay
        view.setSmoothing(0.0);
        QCOMPARE(view.smoothedValues(QStringLiteral("train/loss")), (QVector<double>{4.0, 2.0, 0.0}));
        QVERIFY(view.smoothedValues(QStringLiteral("val/top1")).isEmpty());
        const FigureTable table = view.figureTable();
        QVERIFY(table.rows.contains(QStringList{"train/loss (EMA)", "3", "0"}));
    }

    /// A reference line across the accuracy axes, gone with the run it belongs to.
    void referenceLines()
    {
        CurveView view;
        // A reference alone (a fine-tune's baseline before its first batch) is not "no training".
        view.setReferenceLine(QStringLiteral("teacher"), 0.9, QStringLiteral("teacher"));
        QVERIFY(!view.isEmptyTextVisible());
        view.clear();
        QVERIFY(view.isEmptyTextVisible());
        view.addPoints(QStringLiteral("val/top1"), {1}, {0.8});
        view.setReferenceLine(QStringLiteral("baseline"), 0.94, QStringLiteral("baseline top-1"));
        QVERIFY(view.hasReferenceLine(QStringLiteral("baseline")));
        QCOMPARE(view.referenceValue(QStringLiteral("baseline")), 0.94);
        auto* line = qobject_cast<QCPItemStraightLine*>(view.plot()->item(0));
        QVERIFY(line);
        QCOMPARE(line->point1->coords().y(), 0.94);
        QCOMPARE(line->point1->valueAxis(), view.accuracyRect()->axis(QCPAxis::atLeft));
        QVERIFY(view.figureTable().rows.contains(QStringList{"reference:baseline", "", "0.94"}));
        view.clear();
        QVERIFY(!view.hasReferenceLine(QStringLiteral("baseline")));
        QCOMPARE(view.plot()->itemCount(), 0);
    }

    /// clear() keeps the run as an earlier one, drawn in grey only on request; three are kept.
    void earlierRunsOnRequest()
    {
        CurveView view;
        for (int run = 0; run < 4; ++run) {
            view.addPoints(QStringLiteral("val/top1"), {1, 2}, {0.5, 0.6 + run * 0.05});
            view.addPoints(QStringLiteral("train/loss"), {0.5, 1.0}, {1.0, 0.8});
            view.clear();
        }
        QCOMPARE(view.earlierRunCount(), 3);
        QCOMPARE(view.seriesCount(), 0);
        // Each earlier run: its validation markers and its loss average (not the batch noise).
        QCOMPARE(view.plot()->graphCount(), 3 * 2);
        for (int i = 0; i < view.plot()->graphCount(); ++i) {
            QVERIFY(!view.plot()->graph(i)->visible());
            QVERIFY(!view.plot()->legend->hasItemWithPlottable(view.plot()->graph(i)));
        }
        view.setShowEarlierRuns(true);
        for (int i = 0; i < view.plot()->graphCount(); ++i)
            QVERIFY(view.plot()->graph(i)->visible());
        view.addPoints(QStringLiteral("val/top1"), {1}, {0.9});
        QCOMPARE(graph(view, QStringLiteral("val/top1"))->pen().color(), CurveView::seriesColour(QStringLiteral("val/top1")));
    }
};

QTEST_MAIN(TestCurveView)
#include "tst_curveview.moc"
