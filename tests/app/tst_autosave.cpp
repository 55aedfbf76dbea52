// Autosave of unsaved documents: what a session that did not close leaves behind is offered
// at the next start and restores the model as it was; normal ends, saves and project versions
// leave nothing behind.

#include <QtTest/QtTest>

#include "autosave.h"
#include "document.h"
#include "jobrunner.h"
#include "languagemanager.h"
#include "mainwindow.h"
#include "model.h"
#include "projectsession.h"
#include "projectworkflow.h"

#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QTemporaryDir>
#include <QUndoStack>

using namespace slim::app;

class TestAutosave : public QObject {
    Q_OBJECT
private:
    LanguageManager* m_languages = nullptr;

    static void openBaseline(MainWindow& window)
    {
        QSignalSpy loaded(&window, &MainWindow::modelLoaded);
        window.findChild<QMenu*>(QStringLiteral("baselineMenu"))->actions().first()->trigger();
        QVERIFY(loaded.wait(20000));
    }

    /// Prunes the open model (an unsaved change) and waits for the result.
    static void prune(MainWindow& window)
    {
        QSignalSpy finished(window.jobRunner(), &JobRunner::jobFinished);
        slim::engine::PruneRequest request;
        request.method = "l1";
        request.amount = 0.5;
        QVERIFY(window.startPruning(request) > 0);
        QVERIFY(finished.wait(60000));
        QVERIFY(window.document()->isModified());
    }

    static bool saveNow(Autosave* autosave)
    {
        bool written = false;
        bool done = false;
        autosave->saveNow([&](bool result) {
            written = result;
            done = true;
        });
        QElapsedTimer clock;
        clock.start();
        while (!done && clock.elapsed() < 20000)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        return done && written; // a callback that never came fails the caller's check
    }

    static void clearRecoveries()
    {
        QDir(Autosave::folder()).removeRecursively();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("SlimbenchTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_autosave"));
        QSettings().clear();
        m_languages = new LanguageManager(this);
        m_languages->apply(QStringLiteral("en"));
    }
    void init() { clearRecoveries(); }

    /// The window goes without closing (as in a crash): its unsaved model is offered at the
    /// next start and comes back exactly, as an unsaved document.
    void restoresWhatASessionThatDidNotCloseLeft()
    {
        std::int64_t prunedParams = 0;
        QString name;
        QByteArray lockBytes;
        QString lockPath;
        QTemporaryDir scratch;
        const QString prunedFile = scratch.filePath(QStringLiteral("pruned.slim"));
        {
            MainWindow window(m_languages);
            window.show();
            openBaseline(window);
            QVERIFY(!saveNow(window.autosave())); // nothing changed yet: nothing written
            prune(window);
            prunedParams = window.document()->model().cost().params;
            name = window.document()->displayName();
            window.document()->model().save(prunedFile.toStdString());
            QVERIFY(saveNow(window.autosave()));
            QVERIFY(QFile::exists(window.autosave()->checkpointPath()));
            QVERIFY(Autosave::pending().isEmpty()); // its own session is alive: not offered
            QVERIFY(!saveNow(window.autosave()));  // the same model again: not rewritten
            // The session's lock file, as a crash leaves it: it names this very process id, as
            // a later process given the same id (a container's) would find it.
            lockPath = window.autosave()->checkpointPath().chopped(5) + QStringLiteral(".lock");
            QFile lock(lockPath);
            QVERIFY(lock.open(QIODevice::ReadOnly));
            lockBytes = lock.readAll();
        } // destroyed without closeEvent
        {
            QFile lock(lockPath);
            QVERIFY(lock.open(QIODevice::WriteOnly));
            lock.write(lockBytes); // back, with nobody holding it
        }
        const QList<Recovery> pending = Autosave::pending();
        QCOMPARE(pending.size(), 1);
        QCOMPARE(pending.front().name, name);
        QVERIFY(pending.front().saved.isValid());

        MainWindow window(m_languages);
        window.show();
        QSignalSpy loaded(&window, &MainWindow::modelLoaded);
        QTimer::singleShot(0, this, [&window] {
            auto* box = window.findChild<QMessageBox*>(QStringLiteral("recoveryBox"));
            QVERIFY(box);
            QVERIFY(box->text().contains(QStringLiteral("did not close normally")));
            for (QAbstractButton* button : box->buttons())
                if (button->text() == QStringLiteral("&Restore"))
                    button->click();
        });
        QVERIFY(window.offerRecovery());
        QVERIFY(loaded.wait(20000));
        QCOMPARE(window.document()->model().cost().params, prunedParams);
        // The very model: saved again, the same bytes.
        const QString restoredFile = scratch.filePath(QStringLiteral("restored.slim"));
        window.document()->model().save(restoredFile.toStdString());
        QFile a(prunedFile), b(restoredFile);
        QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
        QCOMPARE(a.readAll(), b.readAll());
        QVERIFY(window.document()->isModified());
        QVERIFY(window.document()->filePath().isEmpty());
        // The new session's autosave holds it now; the old files are gone.
        QTRY_VERIFY(QFile::exists(window.autosave()->checkpointPath()));
        QTRY_COMPARE(QDir(Autosave::folder()).entryList({QStringLiteral("*.slim")}, QDir::Files).size(), 1);
        QVERIFY(Autosave::pending().isEmpty());
        QVERIFY(!QFile::exists(lockPath)); // the ended session's lock went with its files
    }

    /// Declined: the files go, and the next start offers nothing.
    void discardRemovesTheRecovery()
    {
        {
            MainWindow window(m_languages);
            window.show();
            openBaseline(window);
            prune(window);
            QVERIFY(saveNow(window.autosave()));
        }
        MainWindow window(m_languages);
        QTimer::singleShot(0, this, [&window] {
            auto* box = window.findChild<QMessageBox*>(QStringLiteral("recoveryBox"));
            QVERIFY(box);
            for (QAbstractButton* button : box->buttons())
                if (button->text() == QStringLiteral("&Discard"))
                    button->click();
        });
        QVERIFY(!window.offerRecovery());
        QVERIFY(Autosave::pending().isEmpty());
        QVERIFY(QDir(Autosave::folder()).entryList({QStringLiteral("*.slim")}, QDir::Files).isEmpty());
    }

    /// Leftovers of an ended session with nothing to offer (a model without its sidecar, a lock)
    /// are cleared, not left to pile up.
    void leftoversAreCleared()
    {
        const QDir dir(Autosave::folder());
        for (const char* name : {"session-1-2.slim", "session-3-4.slim.tmp-5-6", "session-7-8.json"}) {
            QFile file(dir.filePath(QString::fromLatin1(name)));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("x");
        }
        QVERIFY(Autosave::pending().isEmpty());
        QVERIFY(dir.entryList({QStringLiteral("session-*")}, QDir::Files).isEmpty());
    }

    /// Undone to the saved state, closed normally, or kept by the project: no recovery file.
    void nothingIsLeftWhenTheChangesAreKept()
    {
        QTemporaryDir dir;
        MainWindow window(m_languages);
        window.show();
        openBaseline(window);
        prune(window);
        QVERIFY(saveNow(window.autosave()));
        window.document()->undoStack()->undo(); // back to the model as opened
        QVERIFY(!window.document()->isModified());
        QVERIFY(!QFile::exists(window.autosave()->checkpointPath()));

        // A version of the open project is kept there: not autosaved.
        QSignalSpy added(window.projects()->session(), &ProjectSession::versionAdded);
        QVERIFY(window.projects()->createProject(dir.filePath(QStringLiteral("kept"))));
        QVERIFY(added.wait(20000));
        prune(window);
        QTRY_VERIFY(window.projects()->session()->holds(window.document()->model()));
        QTRY_VERIFY(window.projects()->session()->versionOf(window.document()->model()) > 0);
        QVERIFY(!saveNow(window.autosave()));
        QVERIFY(!QFile::exists(window.autosave()->checkpointPath()));

        // Closed normally: nothing is left for the next start.
        window.projects()->session()->close();
        QVERIFY(saveNow(window.autosave())); // no longer kept by a project
        window.autosave()->closedNormally();
        QVERIFY(Autosave::pending().isEmpty());
        QVERIFY(QDir(Autosave::folder()).entryList({QStringLiteral("session-*")}, QDir::Files).isEmpty());
    }
};

QTEST_MAIN(TestAutosave)
#include "tst_autosave.moc"
