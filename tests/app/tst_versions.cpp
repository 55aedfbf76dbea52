// The project in the window: a baseline and the results of jobs become versions, closing and
// reopening restores them, the Versions dock and the comparison table show them.

#include <QtTest/QtTest>

#include "comparisondialog.h"
#include "document.h"
#include "jobrunner.h"
#include "languagemanager.h"
#include "mainwindow.h"
#include "model.h"
#include "projectsession.h"
#include "projectworkflow.h"
#include "versiontreepanel.h"

#include <QMenu>
#include <QMessageBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QUndoStack>

using namespace slim::app;

class TestVersions : public QObject {
    Q_OBJECT
private:
    LanguageManager* m_languages = nullptr;

    static void openBaseline(MainWindow& window)
    {
        QSignalSpy loaded(&window, &MainWindow::modelLoaded);
        window.findChild<QMenu*>(QStringLiteral("baselineMenu"))->actions().first()->trigger();
        QVERIFY(loaded.wait(20000));
    }

    /// Prunes the open model and waits until its result is a version of the project.
    static void pruneIntoProject(MainWindow& window, double amount)
    {
        QSignalSpy added(window.projects()->session(), &ProjectSession::versionAdded);
        QSignalSpy finished(window.jobRunner(), &JobRunner::jobFinished);
        slim::engine::PruneRequest request;
        request.method = "l1";
        request.amount = amount;
        const int job = window.startPruning(request);
        QVERIFY(job > 0);
        QVERIFY(finished.wait(60000));
        QCOMPARE(window.jobRunner()->job(job).state, JobStatus::Finished);
        QVERIFY(added.count() > 0 || added.wait(20000));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("SlimbenchTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_versions"));
        QSettings().clear();
        m_languages = new LanguageManager(this);
        m_languages->apply(QStringLiteral("en"));
    }

    void resultsBecomeVersionsThatSurviveReopening()
    {
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("lenet-thesis"));
        qint64 baselineId = 0;
        qint64 prunedId = 0;
        qint64 secondId = 0;
        std::int64_t prunedParams = 0;
        {
            MainWindow window(m_languages);
            window.show();
            openBaseline(window);
            ProjectSession* session = window.projects()->session();
            QSignalSpy added(session, &ProjectSession::versionAdded);
            QSignalSpy failed(session, &ProjectSession::failed);
            QVERIFY(window.projects()->createProject(folder));
            QVERIFY2(added.wait(20000), failed.isEmpty() ? "" : qPrintable(failed.front().front().toString()));
            baselineId = added.front().front().toLongLong();
            QCOMPARE(session->currentVersion(), baselineId);
            QVERIFY(window.windowTitle().contains(QStringLiteral("lenet-thesis")));
            const ProjectVersion baseline = *session->project()->version(baselineId);
            QCOMPARE(baseline.method, QStringLiteral("baseline"));
            QCOMPARE(*baseline.metrics.params, window.document()->model().cost().params);

            pruneIntoProject(window, 0.5);
            prunedId = session->currentVersion();
            QVERIFY(prunedId != baselineId);
            const ProjectVersion pruned = *session->project()->version(prunedId);
            QCOMPARE(pruned.parentId, baselineId);
            QCOMPARE(pruned.method, QStringLiteral("prune"));
            prunedParams = window.document()->model().cost().params;
            QCOMPARE(*pruned.metrics.params, prunedParams);
            QVERIFY(prunedParams < *baseline.metrics.params);
            // The version is kept, so nothing asks to save it.
            QVERIFY(window.document()->isModified());
            QVERIFY(!window.isWindowModified());
            // Its job is a run of the project that produced it.
            const std::optional<ProjectRun> run = session->project()->runProducing(prunedId);
            QVERIFY(run);
            QCOMPARE(run->status, QStringLiteral("finished"));
            QCOMPARE(run->sourceVersionId, baselineId);
            QVERIFY2(run->log.contains(QStringLiteral("Pruned")), qPrintable(run->log));

            // Undo shows the baseline again: the current version follows.
            window.document()->undoStack()->undo();
            QCOMPARE(session->currentVersion(), baselineId);
            window.document()->undoStack()->redo();
            QCOMPARE(session->currentVersion(), prunedId);

            // A second prune derives from the first.
            pruneIntoProject(window, 0.3);
            secondId = session->currentVersion();
            QCOMPARE(session->project()->version(secondId)->parentId, prunedId);

            // The tree nests them: baseline › pruned › pruned again; the current one in bold.
            QTreeWidget* tree = window.projects()->panel()->tree();
            QCOMPARE(tree->topLevelItemCount(), 1);
            QCOMPARE(tree->topLevelItem(0)->childCount(), 1);
            QCOMPARE(tree->topLevelItem(0)->child(0)->childCount(), 1);
            QVERIFY(tree->topLevelItem(0)->child(0)->child(0)->font(0).bold());
            QVERIFY(!tree->topLevelItem(0)->font(0).bold());

            // Rename in place.
            tree->topLevelItem(0)->setText(0, QStringLiteral("LeNet-5 baseline"));
            QTRY_COMPARE(session->project()->version(baselineId)->name, QStringLiteral("LeNet-5 baseline"));

            // Back to the first pruned version, so reopening has to restore that one.
            QSignalSpy loaded(&window, &MainWindow::modelLoaded);
            window.projects()->openVersion(prunedId);
            QVERIFY(loaded.wait(20000));
            QCOMPARE(session->currentVersion(), prunedId);
            QCOMPARE(window.document()->model().cost().params, prunedParams);
        }
        // A new window (the app restarted) reopens the project where it was left.
        MainWindow window(m_languages);
        window.show();
        QSignalSpy loaded(&window, &MainWindow::modelLoaded);
        QVERIFY(window.projects()->openProject(folder));
        QVERIFY(loaded.wait(20000));
        ProjectSession* session = window.projects()->session();
        QCOMPARE(session->currentVersion(), prunedId);
        QCOMPARE(window.document()->model().cost().params, prunedParams);
        QCOMPARE(session->project()->versions().size(), 3);
        QCOMPARE(session->project()->version(baselineId)->name, QStringLiteral("LeNet-5 baseline"));
        QCOMPARE(window.projects()->panel()->tree()->topLevelItem(0)->text(0), QStringLiteral("LeNet-5 baseline"));
        QVERIFY(window.findChild<QMenu*>(QStringLiteral("recentProjectsMenu"))->actions().size() >= 1);

        // The comparison of every version, exported as CSV, holds each version's figures.
        window.projects()->compare({});
        auto* dialog = window.findChild<ComparisonDialog*>(QStringLiteral("comparisonDialog"));
        QVERIFY(dialog);
        QCOMPARE(dialog->table()->rowCount(), 3);
        QCOMPARE(dialog->table()->item(0, 0)->text(), QStringLiteral("LeNet-5 baseline"));
        const QString csvPath = dir.filePath(QStringLiteral("comparison.csv"));
        QCOMPARE(dialog->exportTo(csvPath, QStringLiteral("csv")), QString());
        QFile csv(csvPath);
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(csv.readAll()).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 4);
        QVERIFY(lines[2].startsWith(QStringLiteral("Prune 50 % of channels (L1)")) || lines[2].contains(QString::number(prunedParams)));
        QVERIFY(lines[2].contains(QStringLiteral(",%1,").arg(prunedParams)));
        const QString latexPath = dir.filePath(QStringLiteral("comparison.tex"));
        QCOMPARE(dialog->exportTo(latexPath, QStringLiteral("tex")), QString());
        QVERIFY(QFileInfo(latexPath).size() > 200);
        dialog->close();

        // Removing a version removes its checkpoint; its child moves up.
        const QString file = session->project()->checkpointPath(*session->project()->version(prunedId));
        session->removeVersion(prunedId);
        QVERIFY(!QFile::exists(file));
        QCOMPARE(session->project()->version(secondId)->parentId, baselineId);
        QCOMPARE(session->currentVersion(), 0);
    }

    /// What is not a project is refused with a message naming it; the window stays as it was.
    void refusesAFolderThatIsNotAProject()
    {
        QTemporaryDir dir;
        MainWindow window(m_languages);
        window.show();
        QSignalSpy failed(&window, &MainWindow::operationFailed);
        QVERIFY(!window.projects()->openProject(dir.path()));
        QCOMPARE(failed.count(), 1);
        QVERIFY2(failed.front().front().toString().contains(QStringLiteral("is not a Slimbench project")),
                 qPrintable(failed.front().front().toString()));
        QVERIFY(!window.projects()->session()->isOpen());
        if (auto* box = window.findChild<QMessageBox*>(QStringLiteral("errorBox")))
            box->close();
    }
};

QTEST_MAIN(TestVersions)
#include "tst_versions.moc"
