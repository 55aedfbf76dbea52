// The project in the window: a baseline and the results of jobs become versions, closing and
// reopening restores them, the Versions dock and the comparison table show them.

#include <QtTest/QtTest>

#include "comparisondialog.h"
#include "document.h"
#include "figureexport.h"
#include "figurepack.h"
#include "jobrunner.h"
#include "languagemanager.h"
#include "mainwindow.h"
#include "model.h"
#include "projectsession.h"
#include "projectworkflow.h"
#include "versiontreepanel.h"

#include <QImage>
#include <QMenu>
#include <QProcess>
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
    static void pruneIntoProject(MainWindow& window, double amount, const std::string& dataset = {})
    {
        QSignalSpy added(window.projects()->session(), &ProjectSession::versionAdded);
        QSignalSpy finished(window.jobRunner(), &JobRunner::jobFinished);
        slim::engine::PruneRequest request;
        request.method = "l1";
        request.amount = amount;
        request.dataset = dataset; // with data, top-1 after pruning is measured
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
        QString prunedName;
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

            pruneIntoProject(window, 0.5, "/usr/share/datasets/fashion-mnist");
            prunedId = session->currentVersion();
            QVERIFY(prunedId != baselineId);
            const ProjectVersion pruned = *session->project()->version(prunedId);
            QCOMPARE(pruned.parentId, baselineId);
            QCOMPARE(pruned.method, QStringLiteral("prune"));
            QVERIFY(pruned.metrics.top1 && *pruned.metrics.top1 > 0.1); // measured by the prune job
            prunedName = pruned.name;
            QVERIFY2(prunedName.contains(QStringLiteral("50")), qPrintable(prunedName)); // named after what was done
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
        QVERIFY2(lines[2].startsWith(prunedName + QStringLiteral(",prune,")), qPrintable(lines[2]));
        QVERIFY(lines[2].contains(QStringLiteral(",%1,").arg(prunedParams)));
        const QString latexPath = dir.filePath(QStringLiteral("comparison.tex"));
        QCOMPARE(dialog->exportTo(latexPath, QStringLiteral("tex")), QString());
        QFile latex(latexPath);
        QVERIFY(latex.open(QIODevice::ReadOnly));
        const QString latexText = QString::fromUtf8(latex.readAll());
        QVERIFY(latexText.contains(QStringLiteral("\\toprule")));
        QVERIFY(latexText.contains(QStringLiteral("LeNet-5 baseline")));
        QCOMPARE(latexText.count(QStringLiteral(" \\\\\n")), 4); // the header and three versions
        dialog->close();

        // The figure pack: accuracy against MACs and the comparison table, in the chosen style.
        const QString figures = dir.filePath(QStringLiteral("figures"));
        const slim::widgets::FigureStyle style = slim::widgets::FigureStyle::preset(slim::widgets::FigureStyle::Preset::SingleColumn);
        const QStringList files = exportFigurePack(*session->project(), figures, style);
        for (const QString& name : {QStringLiteral("comparison.csv"), QStringLiteral("comparison.md"), QStringLiteral("comparison.tex"),
                                    QStringLiteral("accuracy-vs-macs.png"), QStringLiteral("accuracy-vs-macs.pdf"),
                                    QStringLiteral("accuracy-vs-macs.svg"), QStringLiteral("accuracy-vs-macs.csv")}) {
            const QString path = QDir(figures).filePath(name);
            QVERIFY2(files.contains(path), qPrintable(name));
            QVERIFY2(QFileInfo(path).size() > 0, qPrintable(name));
        }
        QCOMPARE(QImage(QDir(figures).filePath(QStringLiteral("accuracy-vs-macs.png"))).width(), qRound(8.5 / 2.54 * 300));
        // Only versions with a measured top-1 are points: the pruned one with data.
        QFile pareto(QDir(figures).filePath(QStringLiteral("accuracy-vs-macs.csv")));
        QVERIFY(pareto.open(QIODevice::ReadOnly));
        QVERIFY(QString::fromUtf8(pareto.readAll()).contains(prunedName));
        dialog->deleteLater();

        // Removing a version removes its checkpoint; its child moves up.
        const QString file = session->project()->checkpointPath(*session->project()->version(prunedId));
        session->removeVersion(prunedId);
        QVERIFY(!QFile::exists(file));
        QCOMPARE(session->project()->version(secondId)->parentId, baselineId);
        QCOMPARE(session->currentVersion(), 0);
    }

    /// A job started on a version whose checkpoint is still being written derives from it all the
    /// same: versions commit in order, each under the one it was made from; a parent deleted
    /// while its child is still being written hands the child to its own parent.
    void aResultOfAVersionStillBeingWrittenKeepsItsParent()
    {
        QTemporaryDir dir;
        MainWindow window(m_languages);
        window.show();
        openBaseline(window);
        ProjectSession* session = window.projects()->session();
        session->setWriteDelayForTests(1500); // every checkpoint write waits: versions stay pending
        QSignalSpy added(session, &ProjectSession::versionAdded);
        QVERIFY(window.projects()->createProject(dir.filePath(QStringLiteral("fast"))));
        QCOMPARE(session->pendingVersions(), 1);
        QVERIFY(session->versionOf(window.document()->model()) < 0); // the baseline, being written
        QSignalSpy finished(window.jobRunner(), &JobRunner::jobFinished);
        slim::engine::PruneRequest request;
        request.method = "l1";
        request.amount = 0.5;
        QVERIFY(window.startPruning(request) > 0);
        QVERIFY(finished.wait(60000));
        QCOMPARE(session->pendingVersions(), 2); // the prune's result waits behind the baseline
        QVERIFY(session->versionOf(window.document()->model()) < 0);
        QTRY_COMPARE_WITH_TIMEOUT(session->project()->versions().size(), 2, 20000);
        QList<ProjectVersion> versions = session->project()->versions();
        QCOMPARE(versions[0].method, QStringLiteral("baseline"));
        QCOMPARE(versions[1].parentId, versions[0].id);
        QCOMPARE(session->currentVersion(), versions[1].id);

        // A child still being written when its parent, committed, is deleted: it moves up.
        finished.clear();
        request.amount = 0.3;
        QVERIFY(window.startPruning(request) > 0);
        QVERIFY(finished.wait(60000));
        QCOMPARE(session->pendingVersions(), 1);
        session->removeVersion(versions[1].id);
        QTRY_COMPARE_WITH_TIMEOUT(session->project()->versions().size(), 2, 20000);
        versions = session->project()->versions();
        QCOMPARE(versions[1].parentId, versions[0].id);

        // Closing right after a result is applied waits for its checkpoint and adds it.
        finished.clear();
        request.amount = 0.2;
        window.startPruning(request);
        QVERIFY(finished.wait(60000));
        QCOMPARE(session->pendingVersions(), 1);
        session->close();
        QCOMPARE(session->pendingVersions(), 0);
        const auto reopened = Project::open(dir.filePath(QStringLiteral("fast")));
        QCOMPARE(reopened->versions().size(), 3);
        QCOMPARE(reopened->versions()[2].parentId, versions[1].id);
    }

    /// `slimbench --export-figures PROJECT DIR` writes the pack without a window, and refuses
    /// what is not a project with a message and a non-zero status.
    void exportsFiguresHeadless()
    {
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("headless"));
        {
            auto project = Project::create(folder);
            ProjectVersion version;
            version.name = QStringLiteral("baseline");
            version.method = QStringLiteral("baseline");
            version.metrics.macs = 40000000;
            version.metrics.top1 = 0.94;
            const qint64 id = project->addVersion(version, [](const QString& path) {
                QFile file(path);
                QVERIFY(file.open(QIODevice::WriteOnly));
                file.write("checkpoint");
            });
            const qint64 run = project->startRun(QStringLiteral("Fine-tune"), {}, id);
            project->appendSeries(run, {{QStringLiteral("train/loss"), 1, 2.0, 0.5}, {QStringLiteral("train/loss"), 2, 1.5, 1.0},
                                        {QStringLiteral("val/top1"), 2, 0.9, 1.0}, {QStringLiteral("lr"), 2, 0.1, 1.0}});
            project->finishRun(run, QStringLiteral("finished"), id);
        }
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.remove(QStringLiteral("QT_QPA_PLATFORM")); // it chooses offscreen itself
        environment.remove(QStringLiteral("DISPLAY"));
        process.setProcessEnvironment(environment);
        const QString out = dir.filePath(QStringLiteral("figures"));
        process.start(QStringLiteral(SLIMBENCH_GUI_BINARY),
                      {QStringLiteral("--export-figures"), folder, out, QStringLiteral("--figure-preset"), QStringLiteral("double")});
        QVERIFY(process.waitForFinished(60000));
        QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
        const QStringList written = QString::fromUtf8(process.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY(written.contains(QDir(out).filePath(QStringLiteral("accuracy-vs-macs.pdf"))));
        QCOMPARE(QImage(QDir(out).filePath(QStringLiteral("accuracy-vs-macs.png"))).width(), qRound(17 / 2.54 * 300));
        // The run's curves, named after the version it made.
        const QStringList curves = QDir(out).entryList({QStringLiteral("curves-*-baseline.svg")});
        QCOMPARE(curves.size(), 1);
        QFile csv(QDir(out).filePath(QString(curves.front()).replace(QStringLiteral(".svg"), QStringLiteral(".csv"))));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QString table = QString::fromUtf8(csv.readAll());
        QVERIFY(table.contains(QStringLiteral("train/loss,1,1.5")));
        QVERIFY(!table.contains(QStringLiteral("lr,"))); // the learning rate is no curve

        process.start(QStringLiteral(SLIMBENCH_GUI_BINARY), {QStringLiteral("--export-figures"), dir.path(), out});
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitCode(), 1);
        QVERIFY(process.readAllStandardError().contains("is not a Slimbench project"));
    }

    /// What is not a project is refused with a message naming it; the window stays as it was,
    /// the project that was open included.
    void refusesAFolderThatIsNotAProject()
    {
        QTemporaryDir dir;
        QTemporaryDir open;
        MainWindow window(m_languages);
        window.show();
        QVERIFY(window.projects()->createProject(open.filePath(QStringLiteral("kept"))));
        QSignalSpy failed(&window, &MainWindow::operationFailed);
        QVERIFY(!window.projects()->openProject(dir.path()));
        QCOMPARE(failed.count(), 1);
        QVERIFY2(failed.front().front().toString().contains(QStringLiteral("is not a Slimbench project")),
                 qPrintable(failed.front().front().toString()));
        QVERIFY(window.projects()->session()->isOpen());
        QCOMPARE(window.projects()->session()->name(), QStringLiteral("kept"));
        if (auto* box = window.findChild<QMessageBox*>(QStringLiteral("errorBox")))
            box->close();
    }
};

QTEST_MAIN(TestVersions)
#include "tst_versions.moc"
