#include <QtTest/QtTest>

#include "jobrunner.h"

#include <atomic>
#include <chrono>
#include <thread>

using namespace slim::app;
using slim::engine::JobContext;

/// JobRunner's contract: results applied only for work that returned, a cancel that comes
/// too late reported as what happened, and callbacks free to submit more work.
class TestJobRunner : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void lateCancelReportsFinished()
    {
        JobRunner runner;
        std::atomic<bool> cancelSeen{false};
        std::atomic<bool> started{false};
        std::atomic<bool> mayFinish{false};
        bool applied = false;
        QSignalSpy finished(&runner, &JobRunner::jobFinished);
        // Work that ignores cancel and completes: e.g. an export whose file is already written.
        const int id = runner.submit<int>(
            QStringLiteral("ignores cancel"),
            [&](const JobContext& context) {
                started = true;
                while (!mayFinish)
                    std::this_thread::sleep_for(std::chrono::milliseconds(1));
                cancelSeen = context.cancelled();
                return 42;
            },
            [&](const int& value) { applied = value == 42; });
        QTRY_VERIFY(started.load());
        runner.cancel(id);
        mayFinish = true;
        QVERIFY(finished.wait(10000));
        QVERIFY(cancelSeen.load()); // the cancel did reach the work
        QCOMPARE(runner.job(id).state, JobStatus::Finished);
        QVERIFY(applied);
        QVERIFY2(runner.job(id).message.contains(QStringLiteral("cancel")), qPrintable(runner.job(id).message));
    }

    void cancelThatStopsTheWorkAppliesNothing()
    {
        JobRunner runner;
        bool applied = false;
        std::atomic<bool> started{false};
        QSignalSpy finished(&runner, &JobRunner::jobFinished);
        const int id = runner.submit<int>(
            QStringLiteral("honours cancel"),
            [&](const JobContext& context) {
                started = true;
                for (;;) {
                    context.throwIfCancelled();
                    std::this_thread::sleep_for(std::chrono::milliseconds(1));
                }
                return 0;
            },
            [&](const int&) { applied = true; });
        QTRY_VERIFY(started.load());
        runner.cancel(id);
        QVERIFY(finished.wait(10000));
        QCOMPARE(runner.job(id).state, JobStatus::Cancelled);
        QVERIFY(!applied);
        // Cancelling an ended job changes nothing.
        runner.cancel(id);
        QCOMPARE(runner.job(id).state, JobStatus::Cancelled);
        QCOMPARE(finished.size(), 1);
    }

    void failureIsReportedWithItsMessage()
    {
        JobRunner runner;
        QSignalSpy finished(&runner, &JobRunner::jobFinished);
        const int id = runner.submit<int>(
            QStringLiteral("fails"), [](const JobContext&) -> int { throw std::runtime_error("disk on fire"); },
            [](const int&) { QFAIL("a failed job must not be applied"); });
        QVERIFY(finished.wait(10000));
        QCOMPARE(runner.job(id).state, JobStatus::Failed);
        QCOMPARE(runner.job(id).message, QStringLiteral("disk on fire"));
    }

    void callbacksMaySubmitMoreJobs()
    {
        // Submitting from an apply callback grows the job table while the finishing job is
        // still being reported; many submissions make any reallocation visible.
        JobRunner runner;
        QSignalSpy finished(&runner, &JobRunner::jobFinished);
        int chained = 0;
        std::function<void(const int&)> apply;
        apply = [&](const int& depth) {
            ++chained;
            if (depth < 40)
                runner.submit<int>(QStringLiteral("chained %1").arg(depth + 1), [depth](const JobContext&) { return depth + 1; }, apply);
        };
        const int first = runner.submit<int>(QStringLiteral("chained 0"), [](const JobContext&) { return 0; }, apply);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 41, 20000);
        QCOMPARE(chained, 41);
        const QList<JobStatus> all = runner.jobs();
        QCOMPARE(all.size(), 41);
        for (const JobStatus& status : all)
            QCOMPARE(status.state, JobStatus::Finished);
        QCOMPARE(runner.job(first).title, QStringLiteral("chained 0"));
        QVERIFY(!runner.isBusy());
    }
};

QTEST_GUILESS_MAIN(TestJobRunner)
#include "tst_jobrunner.moc"
