#include <QtTest/QtTest>

#include "jobrunner.h"
#include "jobsview.h"

#include <QHeaderView>
#include <QProgressBar>
#include <QPushButton>
#include <QTreeWidget>

#include <atomic>
#include <stdexcept>
#include <thread>

using namespace slim::app;

namespace {
enum Column { TitleColumn, StateColumn, ProgressColumn, TimeColumn, DetailsColumn };

QTreeWidgetItem* row(QTreeWidget* list, const QString& title)
{
    for (int i = 0; i < list->topLevelItemCount(); ++i) {
        if (list->topLevelItem(i)->text(TitleColumn) == title)
            return list->topLevelItem(i);
    }
    return nullptr;
}

/// Runs until cancelled, reporting half-way progress with a minute to go.
int waitForCancel(const slim::engine::JobContext& context)
{
    while (!context.cancelled()) {
        context.progress({50, 100, "epoch 1 of 2", 60});
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    context.throwIfCancelled(); // a job that stops for a cancel says so
    return 0;
}
} // namespace

class TestJobsView : public QObject {
    Q_OBJECT
private Q_SLOTS:
    /// Every job stays listed with what became of it: finished, failed, cancelled, running, queued.
    void showsEveryJob()
    {
        JobRunner runner;
        JobsView view(&runner);
        view.show();
        auto* list = view.findChild<QTreeWidget*>(QStringLiteral("jobList"));
        QSignalSpy finished(&runner, &JobRunner::jobFinished);
        const int done = runner.submit<int>(QStringLiteral("done"), [](const slim::engine::JobContext&) { return 1; }, [](const int&) {});
        runner.submit<int>(QStringLiteral("broken"),
                           [](const slim::engine::JobContext&) -> int { throw std::runtime_error("the data set is empty"); },
                           [](const int&) {});
        QTRY_COMPARE(finished.count(), 2);
        view.setJobDetails(done, QStringLiteral("top-1 0.91"));
        const int running = runner.submit<int>(QStringLiteral("running"), waitForCancel, [](const int&) {});
        const int queued = runner.submit<int>(QStringLiteral("queued"), waitForCancel, [](const int&) {});
        const int dropped = runner.submit<int>(QStringLiteral("dropped"), waitForCancel, [](const int&) {});
        runner.cancel(dropped);
        QTRY_COMPARE(row(list, QStringLiteral("running"))->text(TimeColumn), QStringLiteral("01:00 left"));

        QCOMPARE(list->topLevelItemCount(), 5);
        QCOMPARE(list->topLevelItem(0)->text(TitleColumn), QStringLiteral("dropped")); // newest first
        QCOMPARE(row(list, QStringLiteral("done"))->text(StateColumn), QStringLiteral("Finished"));
        QCOMPARE(row(list, QStringLiteral("done"))->text(DetailsColumn), QStringLiteral("top-1 0.91"));
        QVERIFY(row(list, QStringLiteral("done"))->text(TimeColumn).startsWith(QStringLiteral("took ")));
        auto* doneBar = static_cast<QProgressBar*>(list->itemWidget(row(list, QStringLiteral("done")), ProgressColumn));
        QCOMPARE(doneBar->value(), doneBar->maximum());
        QCOMPARE(row(list, QStringLiteral("broken"))->text(StateColumn), QStringLiteral("Failed"));
        QVERIFY(row(list, QStringLiteral("broken"))->text(DetailsColumn).contains(QStringLiteral("the data set is empty")));
        QCOMPARE(row(list, QStringLiteral("running"))->text(StateColumn), QStringLiteral("Running"));
        QCOMPARE(row(list, QStringLiteral("running"))->text(DetailsColumn), QStringLiteral("epoch 1 of 2"));
        auto* runningBar = static_cast<QProgressBar*>(list->itemWidget(row(list, QStringLiteral("running")), ProgressColumn));
        QCOMPARE(runningBar->value(), runningBar->maximum() / 2);
        QCOMPARE(row(list, QStringLiteral("queued"))->text(StateColumn), QStringLiteral("Queued"));
        QCOMPARE(row(list, QStringLiteral("dropped"))->text(StateColumn), QStringLiteral("Cancelled"));
        QVERIFY(!row(list, QStringLiteral("dropped"))->text(DetailsColumn).isEmpty());
        // Tall enough for a few jobs, not only the newest two.
        QVERIFY(list->minimumHeight() >= list->header()->sizeHint().height() + 4 * list->fontMetrics().height());

        runner.cancel(queued);
        runner.cancel(running);
        QTRY_COMPARE(runner.job(running).state, JobStatus::Cancelled);
    }

    /// Cancel acts on the selected queued or running job, else on the running one; with neither
    /// it is off.
    void cancelFollowsTheSelection()
    {
        JobRunner runner;
        JobsView view(&runner);
        view.show();
        auto* list = view.findChild<QTreeWidget*>(QStringLiteral("jobList"));
        auto* cancel = view.findChild<QPushButton*>(QStringLiteral("cancelJobButton"));
        QSignalSpy finished(&runner, &JobRunner::jobFinished);
        runner.submit<int>(QStringLiteral("done"), [](const slim::engine::JobContext&) { return 1; }, [](const int&) {});
        QTRY_COMPARE(finished.count(), 1);
        QVERIFY(!cancel->isEnabled()); // nothing to cancel
        const int running = runner.submit<int>(QStringLiteral("running"), waitForCancel, [](const int&) {});
        const int queued = runner.submit<int>(QStringLiteral("queued"), waitForCancel, [](const int&) {});
        QTRY_COMPARE(runner.job(running).state, JobStatus::Running);
        list->setCurrentItem(row(list, QStringLiteral("done")));
        QVERIFY(cancel->isEnabled()); // an ended job is selected: the running one
        QVERIFY2(cancel->toolTip().contains(QStringLiteral("running")), qPrintable(cancel->toolTip()));
        list->setCurrentItem(row(list, QStringLiteral("queued")));
        QVERIFY2(cancel->toolTip().contains(QStringLiteral("queued")), qPrintable(cancel->toolTip()));
        QTest::mouseClick(cancel, Qt::LeftButton);
        QCOMPARE(runner.job(queued).state, JobStatus::Cancelled);
        QCOMPARE(runner.job(running).state, JobStatus::Running);
        QVERIFY(cancel->isEnabled()); // now the running one
        QTest::mouseClick(cancel, Qt::LeftButton);
        QTRY_COMPARE(runner.job(running).state, JobStatus::Cancelled);
        QCOMPARE(row(list, QStringLiteral("running"))->text(StateColumn), QStringLiteral("Cancelled"));
        QVERIFY(!cancel->isEnabled());
    }
};

QTEST_MAIN(TestJobsView)
#include "tst_jobsview.moc"
