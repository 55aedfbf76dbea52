#include <QtTest/QtTest>

#include "curveview.h"
#include "document.h"
#include "jobrunner.h"
#include "heartbeat.h"
#include "languagemanager.h"
#include "mainwindow.h"

#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QTableView>
#include <QUndoStack>

#include "model.h"
#include "trainpanel.h"

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
    recipe.output.clear(); // the GUI applies the result; no files
    recipe.metrics.clear();
    return recipe;
}
} // namespace

class TestTraining : public QObject {
    Q_OBJECT
private:
    LanguageManager* m_languages = nullptr;
    QTemporaryDir m_dir;

    /// Drops `path` on the window, as a user dragging a file from the file manager.
    static void dropFile(MainWindow& window, const QString& path)
    {
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(path)});
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&window, &enter);
        QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&window, &drop);
    }

    /// Ctrl+T, as typed.
    static void pressTrain(MainWindow& window)
    {
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QTest::keyClick(&window, Qt::Key_T, Qt::ControlModifier);
    }

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
        slim::test::Heartbeat heartbeat;
        QSignalSpy finished(window.jobRunner(), &JobRunner::jobFinished);
        const int job = window.startTraining(quickRecipe(60));
        QVERIFY(job > 0);
        heartbeat.start();
        // Curve points arrive while the job is still running.
        QTRY_VERIFY_WITH_TIMEOUT(curves->pointCount(QStringLiteral("train/loss")) > 0, 60000);
        QCOMPARE(window.jobRunner()->job(job).state, JobStatus::Running);
        QVERIFY(finished.wait(120000) || !finished.isEmpty());
        heartbeat.stop();
        const qint64 longestGap = heartbeat.longestGap();
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

    void resultNeverLandsOnAnotherModel()
    {
        const QString resnetPath = m_dir.filePath(QStringLiteral("resnet20.slim"));
        slim::engine::Model::fromZoo({"resnet20", 1, 28, 28, 10, 0}).save(resnetPath.toStdString());
        MainWindow window(m_languages);
        window.show();
        QSignalSpy loaded(&window, &MainWindow::modelLoaded);
        // File › Baselines › LeNet-5, then Ctrl+T.
        window.findChild<QMenu*>(QStringLiteral("baselineMenu"))->actions().first()->trigger();
        QVERIFY(loaded.wait(20000));
        QCOMPARE(window.document()->model().name(), std::string("lenet5-fashion-mnist"));
        window.findChild<TrainPanel*>()->setRecipe(quickRecipe(200)); // outlasts opening the other model
        QSignalSpy added(window.jobRunner(), &JobRunner::jobAdded);
        QSignalSpy finished(window.jobRunner(), &JobRunner::jobFinished);
        pressTrain(window);
        QCOMPARE(added.size(), 1);
        const int job = added.first().first().toInt();
        QCOMPARE(window.jobRunner()->job(job).state, JobStatus::Running);

        // While it trains, the user opens ResNet-20 by dropping its file on the window.
        dropFile(window, resnetPath);
        QVERIFY(loaded.wait(20000));
        QCOMPARE(window.document()->filePath(), resnetPath);
        const auto resnet = window.document()->model().sharedGraph();
        QVERIFY(window.jobRunner()->isActive(job)); // the drop came while the job was running
        QVERIFY(finished.wait(120000) || !finished.isEmpty());
        QCOMPARE(window.jobRunner()->job(job).state, JobStatus::Finished);

        // ResNet-20 is untouched; the result is offered, not applied.
        QCOMPARE(window.document()->model().sharedGraph(), resnet);
        QCOMPARE(window.document()->undoStack()->count(), 0);
        QVERIFY(!window.document()->isModified());
        QMessageBox* box = nullptr;
        QTRY_VERIFY((box = window.findChild<QMessageBox*>(QStringLiteral("orphanedResultBox"))) != nullptr);
        auto* open = box->findChild<QPushButton*>(QStringLiteral("openResultButton"));
        QVERIFY(open);
        QTest::mouseClick(open, Qt::LeftButton);
        QTRY_COMPARE(window.document()->model().name(), std::string("lenet5-fashion-mnist"));
        QVERIFY(window.document()->filePath().isEmpty());
        QVERIFY(window.document()->isModified()); // closing now would ask to save it
        QCOMPARE(window.document()->model().metadata().at("trained.epochs"), std::string("2"));
    }

    void secondTrainingIsRefusedWhileOneRuns()
    {
        MainWindow window(m_languages);
        window.show();
        openLeNet(window);
        auto* curves = window.findChild<slim::widgets::CurveView*>(QStringLiteral("curveView"));
        window.findChild<TrainPanel*>()->setRecipe(quickRecipe(0)); // whole epochs: it keeps running
        QSignalSpy added(window.jobRunner(), &JobRunner::jobAdded);
        QSignalSpy finished(window.jobRunner(), &JobRunner::jobFinished);
        pressTrain(window);
        QCOMPARE(added.size(), 1);
        const int job = added.first().first().toInt();
        QTRY_VERIFY_WITH_TIMEOUT(curves->pointCount(QStringLiteral("train/loss")) > 0, 60000);
        const int pointsBefore = curves->pointCount(QStringLiteral("train/loss"));

        pressTrain(window);
        QMessageBox* box = nullptr;
        QTRY_VERIFY((box = window.findChild<QMessageBox*>(QStringLiteral("errorBox"))) != nullptr);
        QVERIFY2(box->text().contains(QStringLiteral("still running")), qPrintable(box->text()));
        QCOMPARE(added.size(), 1);                                // no second job
        QCOMPARE(window.jobRunner()->job(job).state, JobStatus::Running);
        QVERIFY(curves->pointCount(QStringLiteral("train/loss")) >= pointsBefore); // its curves stay
        window.jobRunner()->cancel(job);
        QVERIFY(finished.wait(30000) || !finished.isEmpty());
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
