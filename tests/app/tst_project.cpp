#include <QtTest/QtTest>

#include <QFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <limits>

#include "comparison.h"
#include "model.h"
#include "project.h"

using namespace slim::app;

namespace {

void writeBytes(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    QVERIFY2(file.open(QIODevice::WriteOnly), qPrintable(path));
    file.write(bytes);
}

/// A checkpoint writer that writes `bytes`.
std::function<void(const QString&)> writing(const QByteArray& bytes)
{
    return [bytes](const QString& path) { writeBytes(path, bytes); };
}

ProjectVersion makeVersion(const QString& name, const QString& method, qint64 parent, const VersionMetrics& metrics = {})
{
    ProjectVersion version;
    version.name = name;
    version.method = method;
    version.parentId = parent;
    version.metrics = metrics;
    return version;
}

/// Runs `statement` on the database file itself, beside any Project, as another program would.
QVariant rawQuery(const QString& databasePath, const QString& statement)
{
    QVariant result;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw"));
        db.setDatabaseName(databasePath);
        if (!db.open())
            return {};
        QSqlQuery query(db);
        if (query.exec(statement) && query.next())
            result = query.value(0);
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("raw"));
    return result;
}

QList<QStringList> parseCsv(const QString& text)
{
    QList<QStringList> rows;
    QStringList row;
    QString cell;
    bool quoted = false;
    for (int i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (quoted) {
            if (c == QLatin1Char('"') && i + 1 < text.size() && text[i + 1] == QLatin1Char('"')) {
                cell += c;
                ++i;
            } else if (c == QLatin1Char('"')) {
                quoted = false;
            } else {
                cell += c;
            }
        } else if (c == QLatin1Char('"')) {
            quoted = true;
        } else if (c == QLatin1Char(',')) {
            row << cell;
            cell.clear();
        } else if (c == QLatin1Char('\r')) {
        } else if (c == QLatin1Char('\n')) {
            row << cell;
            rows << row;
            row.clear();
            cell.clear();
        } else {
            cell += c;
        }
    }
    return rows;
}

} // namespace

class TestProject : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void roundTripsVersionsRunsAndSeries()
    {
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("thesis"));
        QList<ProjectVersion> added;
        qint64 runId = 0;
        const QVector<SeriesPoint> points = {{QStringLiteral("train/loss"), 1, 2.25, 0.5},
                                             {QStringLiteral("train/loss"), 2, 1.5, 1.0},
                                             {QStringLiteral("val/top1"), 2, 0.875, 1.0}};
        {
            const auto project = Project::create(folder);
            QCOMPARE(project->schemaVersion(), Project::kSchemaVersion);
            VersionMetrics metrics;
            metrics.params = 272474;
            metrics.macs = 40813184;
            metrics.top1 = 0.9424;
            const qint64 base = project->addVersion(makeVersion(QStringLiteral("baseline"), QStringLiteral("baseline"), 0, metrics),
                                                    writing("base"));
            metrics.params = 136000;
            metrics.latencyMs = 1.25;
            const qint64 pruned = project->addVersion(makeVersion(QStringLiteral("剪枝 50%"), QStringLiteral("prune"), base, metrics),
                                                      writing("pruned!"));
            runId = project->startRun(QStringLiteral("Fine-tune"), QStringLiteral("{\"epochs\": 3}"), pruned);
            project->appendSeries(runId, points.mid(0, 2));
            project->appendSeries(runId, points.mid(2));
            project->appendLog(runId, QStringLiteral("epoch 1"));
            project->appendLog(runId, QStringLiteral("epoch 2"));
            const qint64 tuned = project->addVersion(makeVersion(QStringLiteral("fine-tuned"), QStringLiteral("train"), pruned),
                                                     writing("tuned"));
            project->finishRun(runId, QStringLiteral("finished"), tuned);
            project->setSetting(QStringLiteral("selected_version"), QString::number(tuned));
            added = project->versions();
            QCOMPARE(added.size(), 3);
            QCOMPARE(added[2].metrics.fileBytes, std::optional<qint64>(5)); // measured from the file
        }
        const auto reopened = Project::open(folder);
        const QList<ProjectVersion> versions = reopened->versions();
        QCOMPARE(versions.size(), added.size());
        for (int i = 0; i < versions.size(); ++i) {
            QCOMPARE(versions[i].id, added[i].id);
            QCOMPARE(versions[i].parentId, added[i].parentId);
            QCOMPARE(versions[i].name, added[i].name);
            QCOMPARE(versions[i].method, added[i].method);
            QCOMPARE(versions[i].created, added[i].created);
            QCOMPARE(versions[i].checkpoint, added[i].checkpoint);
            QVERIFY(versions[i].metrics == added[i].metrics);
            QVERIFY(QFile::exists(reopened->checkpointPath(versions[i])));
        }
        QCOMPARE(versions[1].name, QStringLiteral("剪枝 50%"));
        QCOMPARE(versions[1].metrics.latencyMs, std::optional<double>(1.25));
        QVERIFY(!versions[0].metrics.latencyMs);
        QCOMPARE(versions[2].parentId, versions[1].id);
        const std::optional<ProjectRun> run = reopened->runProducing(versions[2].id);
        QVERIFY(run);
        QCOMPARE(run->id, runId);
        QCOMPARE(run->sourceVersionId, versions[1].id);
        QCOMPARE(run->status, QStringLiteral("finished"));
        QCOMPARE(run->log, QStringLiteral("epoch 1\nepoch 2"));
        QCOMPARE(run->recipe, QStringLiteral("{\"epochs\": 3}"));
        QVERIFY(run->finished >= run->started);
        QCOMPARE(reopened->series(runId), points);
        QCOMPARE(reopened->setting(QStringLiteral("selected_version")), QString::number(versions[2].id));
        QCOMPARE(reopened->removedOrphans(), 0);
    }

    void migratesFromTheFirstSchema()
    {
        QTemporaryDir dir;
        {
            const auto first = Project::createAtSchema(dir.path(), 1);
            QCOMPARE(first->schemaVersion(), 1);
        }
        // Rows as the first release wrote them.
        const QString database = QDir(dir.path()).filePath(Project::databaseFileName());
        writeBytes(dir.filePath(QStringLiteral("models/20261201-000000-0000abcd.slim")), "x");
        rawQuery(database, QStringLiteral("INSERT INTO versions (name, method, recipe, created, checkpoint, params) VALUES "
                                          "('baseline', 'import', '', '2026-12-01T00:00:00.000Z', "
                                          "'models/20261201-000000-0000abcd.slim', 61706)"));
        rawQuery(database, QStringLiteral("INSERT INTO settings (key, value) VALUES ('teacher_version', '1')"));
        const qint64 id = 1;
        const auto project = Project::open(dir.path());
        QCOMPARE(project->schemaVersion(), Project::kSchemaVersion);
        QCOMPARE(project->versions().size(), 1);
        QCOMPARE(project->versions().front().name, QStringLiteral("baseline"));
        QCOMPARE(project->versions().front().metrics.params, std::optional<qint64>(61706));
        QCOMPARE(project->removedOrphans(), 0); // its checkpoint is referenced
        QCOMPARE(project->setting(QStringLiteral("teacher_version")), QString::number(id));
        // What the later schemas added works on the migrated database: runs and curves (2), the
        // model's size at its bits (3), unknown for the version made before.
        const qint64 run = project->startRun(QStringLiteral("Train"), {}, id);
        project->appendSeries(run, {{QStringLiteral("train/loss"), 1, 0.5, 1}});
        QCOMPARE(project->series(run).size(), 1);
        QVERIFY(!project->version(id)->metrics.parameterBytes);
        VersionMetrics metrics;
        metrics.parameterBytes = 17131;
        const qint64 quantized = project->addVersion(makeVersion(QStringLiteral("int8"), QStringLiteral("quantize"), id, metrics),
                                                     writing("q"));
        QCOMPARE(project->version(quantized)->metrics.parameterBytes, std::optional<qint64>(17131));
    }

    void migratesFromSchemaTwo()
    {
        QTemporaryDir dir;
        {
            const auto second = Project::createAtSchema(dir.path(), 2);
        }
        const QString database = QDir(dir.path()).filePath(Project::databaseFileName());
        rawQuery(database, QStringLiteral("INSERT INTO versions (name, method, recipe, created, checkpoint) VALUES "
                                          "('baseline', 'import', '', '2026-12-02T00:00:00.000Z', 'models/b.slim')"));
        rawQuery(database, QStringLiteral("INSERT INTO runs (title, status, started) VALUES ('Train', 'finished', "
                                          "'2026-12-02T00:00:00.000Z')"));
        const auto project = Project::open(dir.path());
        QCOMPARE(project->schemaVersion(), 3);
        QCOMPARE(project->versions().size(), 1);
        QCOMPARE(project->runs().size(), 1);
        QVERIFY(!project->versions().front().metrics.parameterBytes);
        VersionMetrics metrics;
        metrics.parameterBytes = 4;
        project->setMetrics(project->versions().front().id, metrics);
        QCOMPARE(project->versions().front().metrics.parameterBytes, std::optional<qint64>(4));
    }

    void refusesAProjectFromANewerSlimbench()
    {
        QTemporaryDir dir;
        Project::create(dir.path());
        const QString database = QDir(dir.path()).filePath(Project::databaseFileName());
        // As a newer Slimbench might have left it: another journal mode, format 99.
        rawQuery(database, QStringLiteral("PRAGMA journal_mode=DELETE"));
        rawQuery(database, QStringLiteral("PRAGMA user_version=99"));
        QVERIFY(!QFile::exists(database + QStringLiteral("-wal")));
        QFile before(database);
        QVERIFY(before.open(QIODevice::ReadOnly));
        const QByteArray bytes = before.readAll();
        before.close();
        try {
            Project::open(dir.path());
            QFAIL("a project of format 99 opened");
        } catch (const ProjectError& error) {
            QVERIFY2(error.message().contains(QStringLiteral("newer Slimbench")), qPrintable(error.message()));
            QVERIFY2(error.message().contains(QStringLiteral("99")), qPrintable(error.message()));
        }
        // Nothing was changed by the refusal: not a byte, not the journal mode (no WAL file).
        QVERIFY(!QFile::exists(database + QStringLiteral("-wal")));
        QFile after(database);
        QVERIFY(after.open(QIODevice::ReadOnly));
        QCOMPARE(after.readAll(), bytes);
    }

    void refusesWhatIsNotAProject_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");
        QTest::newRow("missing") << QByteArray() << QStringLiteral("has no project.sqlite");
        QTest::newRow("text") << QByteArray("this is not a database, just text that is long enough to have a header\n")
                              << QStringLiteral("is not a Slimbench project database");
        QTest::newRow("foreign sqlite") << QByteArray("sqlite") << QStringLiteral("not a Slimbench project");
    }
    void refusesWhatIsNotAProject()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString database = QDir(dir.path()).filePath(Project::databaseFileName());
        if (content == "sqlite")
            rawQuery(database, QStringLiteral("CREATE TABLE notes (text TEXT)"));
        else if (!content.isEmpty())
            writeBytes(database, content);
        const QByteArray before = QFile::exists(database) ? [&] { QFile f(database); f.open(QIODevice::ReadOnly); return f.readAll(); }()
                                                          : QByteArray();
        try {
            Project::open(dir.path());
            QFAIL("opened something that is not a project");
        } catch (const ProjectError& error) {
            QVERIFY2(error.message().contains(expected), qPrintable(error.message()));
        }
        if (!before.isEmpty()) {
            QFile f(database);
            QVERIFY(f.open(QIODevice::ReadOnly));
            QCOMPARE(f.readAll(), before); // left exactly as it was
        }
    }

    void refusesAProjectThatIsAlreadyOpen()
    {
        QTemporaryDir dir;
        const auto first = Project::create(dir.path());
        try {
            Project::open(dir.path());
            QFAIL("one project opened twice");
        } catch (const ProjectError& error) {
            QVERIFY2(error.message().contains(QStringLiteral("open in another Slimbench")), qPrintable(error.message()));
        }
        try {
            Project::create(dir.path());
            QFAIL("a project created over another");
        } catch (const ProjectError& error) {
            QVERIFY2(error.message().contains(QStringLiteral("already holds a project")), qPrintable(error.message()));
        }
    }

    /// A project owns its folder: one with files of the user's in it is refused.
    void refusesAFolderThatIsNotEmpty()
    {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("models")));
        writeBytes(dir.filePath(QStringLiteral("models/my-resnet.slim")), "mine");
        try {
            Project::create(dir.path());
            QFAIL("a project created in a folder with files");
        } catch (const ProjectError& error) {
            QVERIFY2(error.message().contains(QStringLiteral("is not empty")), qPrintable(error.message()));
        }
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("models/my-resnet.slim"))));
        QVERIFY(!QFile::exists(dir.filePath(Project::databaseFileName())));
    }

    /// A diverged loss (NaN, infinity) is left out of the curves; the rest of the batch is kept.
    void nonFiniteSeriesPointsAreLeftOut()
    {
        QTemporaryDir dir;
        const auto project = Project::create(dir.path());
        const qint64 run = project->startRun(QStringLiteral("Train"), {}, 0);
        project->appendSeries(run, {{QStringLiteral("train/loss"), 1, 2.0, 0.5},
                                    {QStringLiteral("train/loss"), 2, std::numeric_limits<double>::quiet_NaN(), 1.0},
                                    {QStringLiteral("train/loss"), 3, std::numeric_limits<double>::infinity(), 1.5},
                                    {QStringLiteral("val/top1"), 3, 0.5, std::numeric_limits<double>::quiet_NaN()}});
        const QVector<SeriesPoint> stored = project->series(run);
        QCOMPARE(stored.size(), 2);
        QCOMPARE(stored[0].value, 2.0);
        QCOMPARE(stored[1].series, QStringLiteral("val/top1"));
        QCOMPARE(stored[1].epoch, -1.0); // an unknown epoch, as the trainer writes one
    }

    void aFailedCheckpointAddsNoVersion()
    {
        QTemporaryDir dir;
        const auto project = Project::create(dir.path());
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, project->addVersion(makeVersion(QStringLiteral("x"), QStringLiteral("train"), 0),
                                                                          [](const QString&) { throw std::runtime_error("disk full"); }));
        QVERIFY(project->versions().isEmpty());
        // A writer that wrote the file and then failed: the file goes too.
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, project->addVersion(makeVersion(QStringLiteral("x"), QStringLiteral("train"), 0),
                                                                          [](const QString& path) {
                                                                              writeBytes(path, "half");
                                                                              throw std::runtime_error("verification failed");
                                                                          }));
        QVERIFY(project->versions().isEmpty());
        QVERIFY(QDir(dir.filePath(QStringLiteral("models"))).isEmpty());
        QVERIFY_THROWS_EXCEPTION(ProjectError, project->addVersion(makeVersion(QStringLiteral("x"), QStringLiteral("train"), 0),
                                                                    [](const QString&) {}));
        QVERIFY(project->versions().isEmpty());
        QVERIFY_THROWS_EXCEPTION(ProjectError, project->addVersion(makeVersion(QStringLiteral("x"), QStringLiteral("train"), 42),
                                                                    writing("y")));
        QVERIFY(project->versions().isEmpty());
        QVERIFY(QDir(dir.filePath(QStringLiteral("models"))).isEmpty());
    }

    void removingAVersionKeepsItsChildrenAndDropsItsFile()
    {
        QTemporaryDir dir;
        const auto project = Project::create(dir.path());
        const qint64 a = project->addVersion(makeVersion(QStringLiteral("a"), QStringLiteral("baseline"), 0), writing("a"));
        const qint64 b = project->addVersion(makeVersion(QStringLiteral("b"), QStringLiteral("prune"), a), writing("b"));
        const qint64 c = project->addVersion(makeVersion(QStringLiteral("c"), QStringLiteral("train"), b), writing("c"));
        const qint64 run = project->startRun(QStringLiteral("Fine-tune"), {}, b);
        project->finishRun(run, QStringLiteral("finished"), c);
        const QString file = project->checkpointPath(*project->version(b));
        project->removeVersion(b);
        QVERIFY(!project->version(b));
        QVERIFY(!QFile::exists(file));
        QCOMPARE(project->version(c)->parentId, a);
        QCOMPARE(project->run(run)->sourceVersionId, 0); // the run stays, its source is gone
        QCOMPARE(project->run(run)->versionId, c);
        project->renameVersion(c, QStringLiteral("fine-tuned"));
        QCOMPARE(project->version(c)->name, QStringLiteral("fine-tuned"));
    }

    void openRemovesCheckpointsThatNoVersionOwns()
    {
        QTemporaryDir dir;
        QString kept;
        {
            const auto project = Project::create(dir.path());
            const qint64 id = project->addVersion(makeVersion(QStringLiteral("a"), QStringLiteral("baseline"), 0), writing("a"));
            kept = project->checkpointPath(*project->version(id));
        }
        const QString orphan = dir.filePath(QStringLiteral("models/20261203-000000-deadbeef.slim"));
        const QString partial = dir.filePath(QStringLiteral("models/20261203-000000-deadbeef.slim.tmp-123-456"));
        const QString unrelated = dir.filePath(QStringLiteral("models/notes.txt"));
        const QString usersModel = dir.filePath(QStringLiteral("models/my-resnet.slim"));
        writeBytes(orphan, "half");
        writeBytes(partial, "half");
        writeBytes(unrelated, "mine");
        writeBytes(usersModel, "mine"); // not a name the project gives: never removed
        const auto project = Project::open(dir.path());
        QCOMPARE(project->removedOrphans(), 2);
        QVERIFY(!QFile::exists(orphan));
        QVERIFY(!QFile::exists(partial));
        QVERIFY(QFile::exists(unrelated));
        QVERIFY(QFile::exists(usersModel));
        QVERIFY(QFile::exists(kept));
    }

    /// kill -9 in the middle of a training job that records into the project: every version
    /// the job had reported is there with a checkpoint that loads, nothing half-written is.
    void survivesAKillDuringTraining()
    {
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("crash"));
        QProcess writer;
        writer.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        writer.start(QStringLiteral(SLIMBENCH_PROJECT_WRITER), {folder});
        QVERIFY(writer.waitForStarted());
        QList<qint64> reported;
        QElapsedTimer clock;
        clock.start();
        // The baseline and two trained rounds; then kill it while it trains the third.
        while (reported.size() < 3 && clock.elapsed() < 120000) {
            if (!writer.canReadLine() && !writer.waitForReadyRead(1000)) {
                QVERIFY2(writer.state() == QProcess::Running, "the writer stopped before it was killed");
                continue;
            }
            while (writer.canReadLine()) {
                const QByteArray line = writer.readLine().trimmed();
                QVERIFY2(line.startsWith("version "), line.constData());
                reported << line.mid(8).toLongLong();
            }
        }
        QCOMPARE(reported.size(), 3);
        // Another process holds it: refused, naming that process.
        try {
            Project::open(folder);
            QFAIL("a project open in another process was opened");
        } catch (const ProjectError& error) {
            QVERIFY2(error.message().contains(QStringLiteral("process %1").arg(writer.processId())), qPrintable(error.message()));
        }
        QTest::qWait(150); // into the next round's series writes
        writer.kill();     // SIGKILL
        QVERIFY(writer.waitForFinished());
        QCOMPARE(writer.exitStatus(), QProcess::CrashExit);
        // Whatever it printed after our last read was committed too.
        for (const QByteArray& line : writer.readAllStandardOutput().split('\n')) {
            if (line.startsWith("version "))
                reported << line.mid(8).toLongLong();
        }

        const auto project = Project::open(folder);
        QCOMPARE(rawQuery(QDir(folder).filePath(Project::databaseFileName()), QStringLiteral("PRAGMA integrity_check")).toString(),
                 QStringLiteral("ok"));
        const QList<ProjectVersion> versions = project->versions();
        // Every reported version is there; at most one more, committed just before the kill.
        QVERIFY2(versions.size() == reported.size() || versions.size() == reported.size() + 1,
                 qPrintable(QStringLiteral("%1 versions, %2 reported").arg(versions.size()).arg(reported.size())));
        for (int i = 0; i < reported.size(); ++i)
            QCOMPARE(versions[i].id, reported[i]);
        for (const ProjectVersion& version : versions) {
            const slim::engine::Model model = slim::engine::Model::load(project->checkpointPath(version).toStdString());
            QCOMPARE(model.outputShape(), (std::vector<std::int64_t>{10}));
            QCOMPARE(*version.metrics.fileBytes, QFileInfo(project->checkpointPath(version)).size());
        }
        // Each checkpoint on disk belongs to a version.
        QCOMPARE(QDir(QDir(folder).filePath(QStringLiteral("models"))).entryList(QDir::Files).size(), versions.size());
        // The round it was killed in is marked as interrupted, with the series it had written.
        const QList<ProjectRun> runs = project->runs();
        QVERIFY(!runs.isEmpty());
        const ProjectRun& last = runs.back();
        if (last.versionId == 0) {
            QCOMPARE(last.status, QStringLiteral("interrupted"));
        }
        for (const ProjectRun& run : runs.mid(0, runs.size() - 1)) {
            QCOMPARE(run.status, QStringLiteral("finished"));
            QVERIFY(!project->series(run.id).isEmpty());
        }
    }

    /// Killed at chosen moments of round 2: with its checkpoint on disk but no row yet, and in
    /// the middle of its curves. What was committed is intact; nothing half-made remains.
    void survivesAKillAtEachPoint_data()
    {
        QTest::addColumn<QString>("point");
        QTest::newRow("after the checkpoint, before its row") << QStringLiteral("after-checkpoint");
        QTest::newRow("in the middle of the curves") << QStringLiteral("mid-series");
    }
    void survivesAKillAtEachPoint()
    {
        QFETCH(QString, point);
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("crash"));
        QProcess writer;
        writer.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        writer.start(QStringLiteral(SLIMBENCH_PROJECT_WRITER), {folder, QStringLiteral("5"), point});
        QVERIFY(writer.waitForFinished(120000));
        QCOMPARE(writer.exitStatus(), QProcess::CrashExit); // it killed itself
        const QList<QByteArray> lines = writer.readAllStandardOutput().split('\n');
        QCOMPARE(lines.count(QByteArray("version 1")) + lines.count(QByteArray("version 2")), 2); // baseline, round 1

        const auto project = Project::open(folder);
        QCOMPARE(project->removedOrphans(), point == QLatin1String("after-checkpoint") ? 1 : 0);
        const QList<ProjectVersion> versions = project->versions();
        QCOMPARE(versions.size(), 2);
        for (const ProjectVersion& version : versions)
            QVERIFY(!slim::engine::Model::load(project->checkpointPath(version).toStdString()).isNull());
        QCOMPARE(QDir(QDir(folder).filePath(QStringLiteral("models"))).entryList(QDir::Files).size(), 2);
        const QList<ProjectRun> runs = project->runs();
        QCOMPARE(runs.size(), 2);
        QCOMPARE(runs[0].status, QStringLiteral("finished"));
        QCOMPARE(runs[0].versionId, versions[1].id);
        QCOMPARE(runs[1].status, QStringLiteral("interrupted"));
        QCOMPARE(runs[1].versionId, 0);
        if (point == QLatin1String("mid-series"))
            QCOMPARE(project->series(runs[1].id).size(), 3); // what it had written is kept
    }

    void comparisonTableExports()
    {
        QList<ProjectVersion> rows;
        VersionMetrics base;
        base.params = 272474;
        base.macs = 40813184;
        base.fileBytes = 1100000;
        base.top1 = 0.9424;
        base.top5 = 0.9991;
        base.latencyMs = 2.5;
        rows << makeVersion(QStringLiteral("baseline"), QStringLiteral("baseline"), 0, base);
        rows.back().id = 1;
        VersionMetrics pruned = base;
        pruned.params = 136237;
        pruned.macs = 20406592;
        pruned.top1 = 0.9338;
        pruned.latencyMs.reset();
        rows << makeVersion(QStringLiteral("pruned_50%, \"L1\""), QStringLiteral("prune"), 1, pruned);
        rows.back().id = 2;
        VersionMetrics quantized = base;
        quantized.fileBytes = 290000;
        quantized.top1 = 0.9424; // ties with the baseline
        rows << makeVersion(QStringLiteral("int8 & KD"), QStringLiteral("quantize"), 1, quantized);
        rows.back().id = 3;
        const ComparisonTable table(rows, 1);

        QCOMPARE(*table.relative(rows[1], ComparisonTable::Column::Macs), 20406592.0 / 40813184.0);
        QVERIFY(qAbs(*table.relative(rows[1], ComparisonTable::Column::Top1) - (-0.86)) < 1e-9);
        QVERIFY(!table.relative(rows[1], ComparisonTable::Column::LatencyMs));
        QCOMPARE(table.best(ComparisonTable::Column::Macs), QList<int>{1});
        QCOMPARE(table.best(ComparisonTable::Column::Top1), (QList<int>{0, 2}));
        QCOMPARE(table.best(ComparisonTable::Column::EnergyPj), QList<int>{});

        // CSV: the stored figures read back exactly, names with commas and quotes intact.
        const QList<QStringList> csv = parseCsv(table.toCsv());
        QCOMPARE(csv.size(), 4);
        const QStringList header = csv[0];
        QCOMPARE(header.size(), 3 + 2 * ComparisonTable::columns().size());
        for (int r = 0; r < rows.size(); ++r) {
            QCOMPARE(csv[r + 1].size(), header.size());
            QCOMPARE(csv[r + 1][0], rows[r].name);
            const auto cell = [&](const QString& key) { return csv[r + 1][header.indexOf(key)]; };
            QCOMPARE(cell(QStringLiteral("params")).toLongLong(), *rows[r].metrics.params);
            QCOMPARE(cell(QStringLiteral("macs")).toLongLong(), *rows[r].metrics.macs);
            QCOMPARE(cell(QStringLiteral("top1")).toDouble(), *rows[r].metrics.top1);
            QCOMPARE(cell(QStringLiteral("file_bytes")).toLongLong(), *rows[r].metrics.fileBytes);
            QCOMPARE(cell(QStringLiteral("latency_ms")).isEmpty(), !rows[r].metrics.latencyMs);
            QCOMPARE(cell(QStringLiteral("energy_pj")), QString());
        }
        QCOMPARE(csv[2][header.indexOf(QStringLiteral("macs_ratio"))].toDouble(), 0.5);
        QCOMPARE(csv[1][header.indexOf(QStringLiteral("macs_ratio"))].toDouble(), 1.0);

        // LaTeX: a booktabs table with one row per version, every row as wide as the header.
        const QString latex = table.toLatex(QStringLiteral("ResNet-20 on Fashion-MNIST"), QStringLiteral("tab:resnet20"));
        QVERIFY(latex.contains(QStringLiteral("\\begin{table}")));
        QVERIFY(latex.contains(QStringLiteral("\\caption{ResNet-20 on Fashion-MNIST}")));
        QVERIFY(latex.contains(QStringLiteral("\\label{tab:resnet20}")));
        QCOMPARE(latex.count(QStringLiteral("\\toprule")), 1);
        QCOMPARE(latex.count(QStringLiteral("\\midrule")), 1);
        QCOMPARE(latex.count(QStringLiteral("\\bottomrule")), 1);
        QVERIFY(latex.indexOf(QStringLiteral("\\toprule")) < latex.indexOf(QStringLiteral("\\midrule")));
        QVERIFY(latex.indexOf(QStringLiteral("\\midrule")) < latex.indexOf(QStringLiteral("\\bottomrule")));
        const int columnCount = 2 + ComparisonTable::columns().size();
        QVERIFY(latex.contains(QStringLiteral("\\begin{tabular}{ll") + QString(columnCount - 2, QLatin1Char('r')) + QLatin1Char('}')));
        const QString body = latex.section(QStringLiteral("\\midrule\n"), 1).section(QStringLiteral("    \\bottomrule"), 0, 0);
        const QStringList bodyLines = body.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(bodyLines.size(), rows.size());
        for (const QString& line : bodyLines) {
            QVERIFY2(line.endsWith(QStringLiteral("\\\\")), qPrintable(line));
            // Separators are the unescaped ampersands.
            QCOMPARE(line.count(QLatin1Char('&')) - line.count(QStringLiteral("\\&")), columnCount - 1);
        }
        QVERIFY(latex.contains(QStringLiteral("pruned\\_50\\%, \\textquotedbl{}L1\\textquotedbl{}")));
        QVERIFY(latex.contains(QStringLiteral("int8 \\& KD")));
        QVERIFY(latex.contains(QStringLiteral("\\textbf{20.407}"))); // the fewest MACs
        QVERIFY(latex.contains(QStringLiteral("\\textbf{94.24}")));  // both best top-1 values
        QCOMPARE(latex.count(QStringLiteral("\\textbf{94.24}")), 2);
        QVERIFY(latex.contains(QStringLiteral("($-0.86$)")));
        QVERIFY(latex.contains(QStringLiteral("(0.50$\\times$)")));
        QVERIFY(!latex.contains(QStringLiteral("µ"))); // escaped for pdfLaTeX
        QCOMPARE(latex.count(QLatin1Char('{')) - latex.count(QStringLiteral("\\{")),
                 latex.count(QLatin1Char('}')) - latex.count(QStringLiteral("\\}")));

        // Markdown: a pipe table as wide as its header.
        const QStringList markdown = table.toMarkdown().split(QLatin1Char('\n'));
        QCOMPARE(markdown[0].count(QLatin1Char('|')), columnCount + 1);
        QVERIFY(markdown[1].startsWith(QStringLiteral("| --- | --- | ---: |")));
        for (int r = 0; r < rows.size(); ++r)
            QCOMPARE(markdown[2 + r].count(QLatin1Char('|')), columnCount + 1);
        QVERIFY(markdown[3].contains(QStringLiteral("**20.407** (0.50×)")));
    }

    void latexEscapesEverySpecialCharacter()
    {
        QCOMPARE(latexEscaped(QStringLiteral("a_b&c%d$e#f{g}h~i^j\\k")),
                 QStringLiteral("a\\_b\\&c\\%d\\$e\\#f\\{g\\}h\\textasciitilde{}i\\textasciicircum{}j\\textbackslash{}k"));
        QCOMPARE(latexEscaped(QStringLiteral("<a|b>\"c\"\nd")),
                 QStringLiteral("\\textless{}a\\textbar{}b\\textgreater{}\\textquotedbl{}c\\textquotedbl{} d"));
        QCOMPARE(latexEscaped(QStringLiteral("剪枝")), QStringLiteral("剪枝"));
        // Chinese text is kept, and the file says how to compile it.
        QList<ProjectVersion> rows;
        rows << makeVersion(QStringLiteral("剪枝 50%"), QStringLiteral("prune"), 0);
        const QString latex = ComparisonTable(rows).toLatex(QStringLiteral("对比"), QStringLiteral("tab:a b}"));
        QVERIFY(latex.contains(QStringLiteral("ctex")));
        QVERIFY(latex.contains(QStringLiteral("\\label{tab:a-b-}")));
        QVERIFY(!ComparisonTable({makeVersion(QStringLiteral("a"), QStringLiteral("prune"), 0)}).toLatex(QStringLiteral("c"), QStringLiteral("l")).contains(QStringLiteral("ctex")));
        // Markdown: a name cannot split its cell or turn into markup.
        QList<ProjectVersion> marked;
        marked << makeVersion(QStringLiteral("a|b\\|*c*"), QStringLiteral("prune"), 0);
        const QString markdown = ComparisonTable(marked).toMarkdown();
        QVERIFY2(markdown.contains(QStringLiteral("| a\\|b\\\\\\|\\*c\\* |")), qPrintable(markdown));
    }
};

QTEST_GUILESS_MAIN(TestProject)
#include "tst_project.moc"
