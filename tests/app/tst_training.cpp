#include <QtTest/QtTest>

#include "curveview.h"
#include "document.h"
#include "jobrunner.h"
#include "languagemanager.h"
#include "mainwindow.h"

#include <QTableView>
#include <QUndoStack>

using namespace slim::app;

namespace {
/// A short run: LeNet-5 on Debian's Fashion-MNIST, capped batches.
slim::engine::TrainRecipe quickRecipe(std::int64_t stepsPerEpoch)
{
    slim::engine::TrainRecipe recipe;
    recipe.dataset = "/usr/share/datasets/fashion-mnist";
    recipe.epochs = 2;
    recipe.batchSize = 64;
    recipe.maxStepsPerEpoch = stepsPerEpoch;
    recipe.learningRate = 0.05;
    recipe.schedule = "constant";
    return recipe;
}
} // namespace

class TestTraining : public QObject {
    Q_OBJECT
private:
    LanguageManager* m_languages = nullptr;

    void openLeNet(MainWindow& window)
    {
        window.newFromZoo({"lenet5", 1, 28, 28, 10, 0});
        QTRY_COMPARE_WITH_TIMEOUT(window.findChild<QTableView*>(QStringLiteral("layerTable"))->model()->rowCount(), 12, 20000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("SlimbenchTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_training"));
        QSettings().clear();
        m_languages = new LanguageManager(this);
        m_languages->apply(QStringLiteral("en"));
    }

    void trainsLiveWithoutFreezingTheUi()
    {
        MainWindow window(m_languages);
        window.show();
        openLeNet(window);
        const auto before = window.document()->model().sharedGraph();
        auto* curves = window.findChild<slim::widgets::CurveView*>(QStringLiteral("curveView"));

        // The UI thread's heartbeat: a 10 ms timer; its longest silence is the worst freeze.
        QElapsedTimer clock;
        qint64 lastTick = 0;
        qint64 longestGap = 0;
        QTimer heartbeat;
        heartbeat.setInterval(10);
        connect(&heartbeat, &QTimer::timeout, this, [&] {
            const qint64 now = clock.elapsed();
            longestGap = std::max(longestGap, now - lastTick);
            lastTick = now;
        });

        QSignalSpy finished(window.jobRunner(), &JobRunner::jobFinished);
        const int job = window.startTraining(quickRecipe(60));
        QVERIFY(job > 0);
        clock.start();
        heartbeat.start();
        // Curve points arrive while the job is still running.
        QTRY_VERIFY_WITH_TIMEOUT(curves->pointCount(QStringLiteral("train/loss")) > 0, 60000);
        QCOMPARE(window.jobRunner()->job(job).state, JobStatus::Running);
        QVERIFY(finished.wait(120000) || !finished.isEmpty());
        heartbeat.stop();
        qInfo("longest gap between 10 ms UI timer ticks while training: %lld ms", static_cast<long long>(longestGap));
        QVERIFY2(longestGap < 250, qPrintable(QString::number(longestGap)));

        QCOMPARE(window.jobRunner()->job(job).state, JobStatus::Finished);
        QCOMPARE(curves->pointCount(QStringLiteral("train/loss")), 120);
        QCOMPARE(curves->pointCount(QStringLiteral("val/top1")), 2);
        // Applied as one undoable step.
        QUndoStack* undo = window.document()->undoStack();
        QCOMPARE(undo->count(), 1);
        QVERIFY(window.document()->isModified());
        const auto trained = window.document()->model().sharedGraph();
        QVERIFY(trained != before);
        undo->undo();
        QCOMPARE(window.document()->model().sharedGraph(), before);
        undo->redo();
        QCOMPARE(window.document()->model().sharedGraph(), trained);
    }

    void cancelLeavesTheDocumentAsItWas()
    {
        MainWindow window(m_languages);
        openLeNet(window);
        const auto before = window.document()->model().sharedGraph();
        auto* curves = window.findChild<slim::widgets::CurveView*>(QStringLiteral("curveView"));
        QSignalSpy finished(window.jobRunner(), &JobRunner::jobFinished);
        const int job = window.startTraining(quickRecipe(0)); // whole epochs: long enough to cancel
        QTRY_VERIFY_WITH_TIMEOUT(curves->pointCount(QStringLiteral("train/loss")) > 0, 60000);
        QElapsedTimer stopping;
        stopping.start();
        window.jobRunner()->cancel(job);
        QVERIFY(finished.wait(30000) || !finished.isEmpty());
        qInfo("cancel took effect after %lld ms", static_cast<long long>(stopping.elapsed()));
        QCOMPARE(window.jobRunner()->job(job).state, JobStatus::Cancelled);
        QCOMPARE(window.document()->model().sharedGraph(), before);
        QCOMPARE(window.document()->undoStack()->count(), 0);
        QVERIFY(!window.document()->isModified());
    }
};

QTEST_MAIN(TestTraining)
#include "tst_training.moc"
