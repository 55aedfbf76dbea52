#include <QtTest/QtTest>

#include "curveview.h"

#include <QLabel>
#include <qcustomplot.h>

using slim::widgets::CurveView;

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
        QVERIFY(view.plot()->axisRect()->height() > 250);

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
        QCustomPlot* plot = view.plot();
        const int markerRadius = 3;
        QVERIFY(plot->xAxis->coordToPixel(5) + markerRadius < plot->axisRect()->right());
        QVERIFY(plot->yAxis2->coordToPixel(1.0) - markerRadius > plot->axisRect()->top());
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
};

QTEST_MAIN(TestCurveView)
#include "tst_curveview.moc"
