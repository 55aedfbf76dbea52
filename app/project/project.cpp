#include "project.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLockFile>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSysInfo>
#include <QUuid>
#include <QVariant>

#include <cmath>

namespace slim::app {

namespace {

/// PRAGMA application_id of every Slimbench project: "SLMB".
constexpr int kApplicationId = 0x534C4D42;

/// The schema, one step per version: step i takes a database from version i to i + 1. Never
/// edit a step that has shipped; add one.
const QList<QStringList>& migrations()
{
    static const QList<QStringList> steps = {
        // 1: the version tree and settings.
        {
            QStringLiteral("CREATE TABLE versions ("
                           " id INTEGER PRIMARY KEY,"
                           " parent_id INTEGER REFERENCES versions(id) ON DELETE SET NULL,"
                           " name TEXT NOT NULL,"
                           " method TEXT NOT NULL,"
                           " recipe TEXT NOT NULL DEFAULT '',"
                           " created TEXT NOT NULL,"
                           " checkpoint TEXT NOT NULL UNIQUE,"
                           " params INTEGER, macs INTEGER, nonzero_params INTEGER, file_bytes INTEGER,"
                           " top1 REAL, top5 REAL, latency_ms REAL, energy_pj REAL)"),
            QStringLiteral("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)"),
        },
        // 2: job runs with their logs and metric series.
        {
            QStringLiteral("CREATE TABLE runs ("
                           " id INTEGER PRIMARY KEY,"
                           " source_version_id INTEGER REFERENCES versions(id) ON DELETE SET NULL,"
                           " version_id INTEGER REFERENCES versions(id) ON DELETE SET NULL,"
                           " title TEXT NOT NULL,"
                           " recipe TEXT NOT NULL DEFAULT '',"
                           " status TEXT NOT NULL,"
                           " log TEXT NOT NULL DEFAULT '',"
                           " started TEXT NOT NULL,"
                           " finished TEXT)"),
            QStringLiteral("CREATE TABLE series ("
                           " run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
                           " series TEXT NOT NULL,"
                           " step INTEGER NOT NULL,"
                           " value REAL NOT NULL,"
                           " epoch REAL NOT NULL)"),
            QStringLiteral("CREATE INDEX series_by_run ON series (run_id, series, step)"),
        },
        // 3: the model's size with its parameters at their bits (quantized weights take less);
        // unknown (NULL) for versions made before.
        {
            QStringLiteral("ALTER TABLE versions ADD COLUMN parameter_bytes INTEGER"),
        },
    };
    return steps;
}

QString timestamp(const QDateTime& time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime parseTimestamp(const QVariant& value)
{
    if (value.isNull())
        return {};
    // Written with a "Z", so it reads back as UTC.
    return QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
}

QVariant optional(const std::optional<qint64>& value)
{
    return value ? QVariant(*value) : QVariant(QMetaType(QMetaType::LongLong));
}

QVariant optional(const std::optional<double>& value)
{
    return value ? QVariant(*value) : QVariant(QMetaType(QMetaType::Double));
}

std::optional<qint64> optionalInt(const QVariant& value)
{
    return value.isNull() ? std::nullopt : std::optional<qint64>(value.toLongLong());
}

std::optional<double> optionalReal(const QVariant& value)
{
    return value.isNull() ? std::nullopt : std::optional<double>(value.toDouble());
}

QVariant idOrNull(qint64 id)
{
    return id > 0 ? QVariant(id) : QVariant(QMetaType(QMetaType::LongLong));
}

const QString kVersionColumns = QStringLiteral(
    "id, parent_id, name, method, recipe, created, checkpoint, params, macs, nonzero_params, file_bytes, top1, top5, "
    "latency_ms, energy_pj, parameter_bytes");

ProjectVersion readVersion(const QSqlQuery& query)
{
    ProjectVersion version;
    version.id = query.value(0).toLongLong();
    version.parentId = query.value(1).isNull() ? 0 : query.value(1).toLongLong();
    version.name = query.value(2).toString();
    version.method = query.value(3).toString();
    version.recipe = query.value(4).toString();
    version.created = parseTimestamp(query.value(5));
    version.checkpoint = query.value(6).toString();
    version.metrics.params = optionalInt(query.value(7));
    version.metrics.macs = optionalInt(query.value(8));
    version.metrics.nonzeroParams = optionalInt(query.value(9));
    version.metrics.fileBytes = optionalInt(query.value(10));
    version.metrics.top1 = optionalReal(query.value(11));
    version.metrics.top5 = optionalReal(query.value(12));
    version.metrics.latencyMs = optionalReal(query.value(13));
    version.metrics.energyPj = optionalReal(query.value(14));
    version.metrics.parameterBytes = optionalInt(query.value(15));
    return version;
}

const QString kRunColumns =
    QStringLiteral("id, source_version_id, version_id, title, recipe, status, log, started, finished");

ProjectRun readRun(const QSqlQuery& query)
{
    ProjectRun run;
    run.id = query.value(0).toLongLong();
    run.sourceVersionId = query.value(1).isNull() ? 0 : query.value(1).toLongLong();
    run.versionId = query.value(2).isNull() ? 0 : query.value(2).toLongLong();
    run.title = query.value(3).toString();
    run.recipe = query.value(4).toString();
    run.status = query.value(5).toString();
    run.log = query.value(6).toString();
    run.started = parseTimestamp(query.value(7));
    run.finished = parseTimestamp(query.value(8));
    return run;
}

} // namespace

bool takeLock(QLockFile& lock, bool heldHere)
{
    if (lock.tryLock(0))
        return true;
    if (lock.error() != QLockFile::LockFailedError || heldHere)
        return false;
    qint64 pid = 0;
    QString host, application;
    if (lock.getLockInfo(&pid, &host, &application) && pid == QCoreApplication::applicationPid()
        && host == QSysInfo::machineHostName()) {
        lock.removeStaleLockFile();
        return lock.tryLock(0);
    }
    return false;
}

ProjectError::ProjectError(const QString& message)
    : std::runtime_error(message.toStdString())
{
}

/// One SQL transaction: committed by commit(), rolled back when left without it.
class Project::Transaction {
public:
    explicit Transaction(const Project& project)
        : m_db(QSqlDatabase::database(project.m_connection, false))
    {
        if (!m_db.transaction())
            throw ProjectError(QCoreApplication::translate("slim::app::Project", "Cannot write to the project database: %1").arg(m_db.lastError().text()));
    }
    ~Transaction()
    {
        if (!m_committed)
            m_db.rollback();
    }
    void commit()
    {
        if (!m_db.commit())
            throw ProjectError(QCoreApplication::translate("slim::app::Project", "Cannot write to the project database: %1").arg(m_db.lastError().text()));
        m_committed = true;
    }

private:
    QSqlDatabase m_db;
    bool m_committed = false;
};

namespace {

/// Prepares `sql` on the project's connection.
QSqlQuery prepare(const QString& connection, const QString& sql)
{
    QSqlQuery query(QSqlDatabase::database(connection, false));
    if (!query.prepare(sql))
        throw ProjectError(QCoreApplication::translate("slim::app::Project", "The project database refused a statement: %1").arg(query.lastError().text()));
    return query;
}

void execute(QSqlQuery& query)
{
    if (!query.exec())
        throw ProjectError(QCoreApplication::translate("slim::app::Project", "The project database failed: %1").arg(query.lastError().text()));
}

QSqlQuery sql(const QString& connection, const QString& statement, const QVariantList& values = {})
{
    QSqlQuery query = prepare(connection, statement);
    for (const QVariant& value : values)
        query.addBindValue(value);
    execute(query);
    return query;
}

/// The project locks this process holds, by path.
QSet<QString>& heldLocks()
{
    static QSet<QString> held;
    return held;
}

std::unique_ptr<QLockFile> lockFolder(const QString& folder)
{
    const QString path = QFileInfo(QDir(folder).filePath(QStringLiteral("project.lock"))).absoluteFilePath();
    auto lock = std::make_unique<QLockFile>(path);
    lock->setStaleLockTime(0); // held as long as the process lives; a killed one's lock is taken over
    if (takeLock(*lock, heldLocks().contains(path))) {
        heldLocks().insert(path);
        return lock;
    }
    if (lock->error() == QLockFile::LockFailedError) {
        qint64 pid = 0;
        QString host, application;
        lock->getLockInfo(&pid, &host, &application);
        throw ProjectError(QCoreApplication::translate("slim::app::Project", "The project %1 is open in another Slimbench (process %2). Close it there first.")
                               .arg(QDir::toNativeSeparators(folder))
                               .arg(pid));
    }
    throw ProjectError(QCoreApplication::translate("slim::app::Project", "Cannot lock the project %1: its folder is not writable.").arg(QDir::toNativeSeparators(folder)));
}

} // namespace

Project::Project(const QString& folder, std::unique_ptr<QLockFile> lock)
    : m_folder(QDir(folder).absolutePath())
    , m_connection(QStringLiteral("slimbench-project-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
    , m_lock(std::move(lock))
{
}

Project::~Project()
{
    heldLocks().remove(QFileInfo(QDir(m_folder).filePath(QStringLiteral("project.lock"))).absoluteFilePath());
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
}

std::unique_ptr<Project> Project::create(const QString& folder)
{
    return createAtSchema(folder, kSchemaVersion);
}

std::unique_ptr<Project> Project::createAtSchema(const QString& folder, int schemaVersion)
{
    if (!QDir().mkpath(folder))
        throw ProjectError(QCoreApplication::translate("slim::app::Project", "Cannot create the folder %1.").arg(QDir::toNativeSeparators(folder)));
    if (QFileInfo::exists(QDir(folder).filePath(databaseFileName())))
        throw ProjectError(QCoreApplication::translate("slim::app::Project", "%1 already holds a project; open it instead.").arg(QDir::toNativeSeparators(folder)));
    // A project owns its folder: it never mixes with (or cleans up) files of the user's.
    if (!QDir(folder).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden))
        throw ProjectError(QCoreApplication::translate("slim::app::Project",
                                                       "%1 is not empty. A project needs a new or empty folder of its own.")
                               .arg(QDir::toNativeSeparators(folder)));
    if (!QDir(folder).mkpath(QStringLiteral("models")))
        throw ProjectError(QCoreApplication::translate("slim::app::Project", "Cannot create the folder %1.").arg(QDir::toNativeSeparators(QDir(folder).filePath(QStringLiteral("models")))));
    std::unique_ptr<Project> project(new Project(folder, lockFolder(folder)));
    project->openDatabase(true);
    project->migrate(schemaVersion);
    return project;
}

std::unique_ptr<Project> Project::open(const QString& folder)
{
    if (!QFileInfo::exists(QDir(folder).filePath(databaseFileName())))
        throw ProjectError(QCoreApplication::translate("slim::app::Project", "%1 is not a Slimbench project: it has no %2.")
                               .arg(QDir::toNativeSeparators(folder), databaseFileName()));
    std::unique_ptr<Project> project(new Project(folder, lockFolder(folder)));
    project->openDatabase(false);
    project->migrate(kSchemaVersion);
    QDir().mkpath(QDir(folder).filePath(QStringLiteral("models")));
    project->removeOrphanedCheckpoints();
    // We hold the lock, so a run still marked running belongs to a process that died.
    sql(project->m_connection, QStringLiteral("UPDATE runs SET status = 'interrupted' WHERE status = 'running'"));
    return project;
}

void Project::openDatabase(bool creating)
{
    const QString path = QDir(m_folder).filePath(databaseFileName());
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    db.setDatabaseName(path);
    if (!db.open())
        throw ProjectError(QCoreApplication::translate("slim::app::Project", "Cannot open %1: %2").arg(QDir::toNativeSeparators(path), db.lastError().text()));
    QSqlQuery probe(db);
    // The first read finds out whether this is SQLite at all.
    if (!probe.exec(QStringLiteral("PRAGMA application_id")) || !probe.next())
        throw ProjectError(QCoreApplication::translate("slim::app::Project", "%1 is not a Slimbench project database (%2).")
                               .arg(QDir::toNativeSeparators(path), probe.lastError().text()));
    const int applicationId = probe.value(0).toInt();
    if (!creating && applicationId != kApplicationId)
        throw ProjectError(QCoreApplication::translate("slim::app::Project", "%1 is an SQLite database, but not a Slimbench project.").arg(QDir::toNativeSeparators(path)));
    // Before anything is written: a project from a newer Slimbench is left exactly as it is.
    const int found = schemaVersion();
    if (found > kSchemaVersion)
        throw ProjectError(QCoreApplication::translate("slim::app::Project",
                                                       "%1 was written by a newer Slimbench (project format %2; this one reads "
                                                       "up to %3). Open it with that version.")
                               .arg(QDir::toNativeSeparators(m_folder))
                               .arg(found)
                               .arg(kSchemaVersion));
    // WAL: readers never block the writer, and a crash loses at most the open transaction.
    // synchronous=FULL syncs every commit, so a committed version survives a power cut too.
    for (const QString& pragma : {QStringLiteral("PRAGMA journal_mode=WAL"), QStringLiteral("PRAGMA synchronous=FULL"),
                                  QStringLiteral("PRAGMA foreign_keys=ON"), QStringLiteral("PRAGMA busy_timeout=5000")}) {
        if (!probe.exec(pragma))
            throw ProjectError(QCoreApplication::translate("slim::app::Project", "Cannot set up %1: %2").arg(QDir::toNativeSeparators(path), probe.lastError().text()));
    }
    if (creating && !probe.exec(QStringLiteral("PRAGMA application_id=%1").arg(kApplicationId)))
        throw ProjectError(QCoreApplication::translate("slim::app::Project", "Cannot set up %1: %2").arg(QDir::toNativeSeparators(path), probe.lastError().text()));
}

int Project::schemaVersion() const
{
    QSqlQuery query = sql(m_connection, QStringLiteral("PRAGMA user_version"));
    return query.next() ? query.value(0).toInt() : 0;
}

void Project::migrate(int targetVersion)
{
    const QList<QStringList>& steps = migrations();
    targetVersion = std::min<int>(targetVersion, steps.size());
    for (int version = schemaVersion(); version < targetVersion; ++version) {
        // Each step and its new version number commit together, or not at all.
        Transaction transaction(*this);
        for (const QString& statement : steps[version])
            sql(m_connection, statement);
        sql(m_connection, QStringLiteral("PRAGMA user_version=%1").arg(version + 1));
        transaction.commit();
    }
}

void Project::removeOrphanedCheckpoints()
{
    QSet<QString> referenced;
    for (const ProjectVersion& version : versions())
        referenced.insert(QDir::cleanPath(version.checkpoint));
    QDir models(QDir(m_folder).filePath(QStringLiteral("models")));
    // Checkpoints written for a version whose row never committed, and temporary files of a
    // save that was interrupted.
    // Only names this class gives its checkpoints (prepareVersion()) are ever removed.
    static const QRegularExpression ours(QStringLiteral("^\\d{8}-\\d{6}-[0-9a-f]{8}\\.slim(\\.tmp-\\d+-\\d+)?$"));
    const QStringList files = models.entryList({QStringLiteral("*.slim"), QStringLiteral("*.slim.tmp-*")}, QDir::Files);
    for (const QString& file : files) {
        if (ours.match(file).hasMatch() && !referenced.contains(QStringLiteral("models/") + file) && models.remove(file))
            ++m_removedOrphans;
    }
}

QString Project::name() const
{
    return QFileInfo(m_folder).fileName();
}

QList<ProjectVersion> Project::versions() const
{
    QSqlQuery query = sql(m_connection, QStringLiteral("SELECT %1 FROM versions ORDER BY id").arg(kVersionColumns));
    QList<ProjectVersion> versions;
    while (query.next())
        versions.append(readVersion(query));
    return versions;
}

std::optional<ProjectVersion> Project::version(qint64 id) const
{
    QSqlQuery query = sql(m_connection, QStringLiteral("SELECT %1 FROM versions WHERE id = ?").arg(kVersionColumns), {id});
    if (!query.next())
        return std::nullopt;
    return readVersion(query);
}

QString Project::checkpointPath(const ProjectVersion& version) const
{
    return QDir(m_folder).filePath(version.checkpoint);
}

qint64 Project::addVersion(ProjectVersion version, const std::function<void(const QString& path)>& writeCheckpoint)
{
    version = prepareVersion(std::move(version));
    const QString path = checkpointPath(version);
    try {
        // The checkpoint first: the row that makes it a version commits only once it is on disk.
        writeCheckpoint(path);
        return commitVersion(std::move(version));
    } catch (...) {
        QFile::remove(path); // no row refers to it
        throw;
    }
}

ProjectVersion Project::prepareVersion(ProjectVersion version) const
{
    if (version.parentId > 0 && !this->version(version.parentId))
        throw ProjectError(QCoreApplication::translate("slim::app::Project", "The project has no version %1 to derive a version from.").arg(version.parentId));
    if (!version.created.isValid())
        version.created = QDateTime::currentDateTimeUtc();
    version.checkpoint = QStringLiteral("models/%1-%2.slim")
                             .arg(version.created.toUTC().toString(QStringLiteral("yyyyMMdd-HHmmss")))
                             .arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
    return version;
}

qint64 Project::commitVersion(ProjectVersion version)
{
    const QString path = checkpointPath(version);
    const QFileInfo written(path);
    if (!version.checkpoint.startsWith(QStringLiteral("models/")) || !written.isFile())
        throw ProjectError(QCoreApplication::translate("slim::app::Project", "The checkpoint %1 was not written.").arg(QDir::toNativeSeparators(path)));
    if (version.parentId > 0 && !this->version(version.parentId))
        throw ProjectError(QCoreApplication::translate("slim::app::Project", "The project has no version %1 to derive a version from.").arg(version.parentId));
    if (!version.metrics.fileBytes)
        version.metrics.fileBytes = written.size();

    const VersionMetrics& m = version.metrics;
    Transaction transaction(*this);
    QSqlQuery query = sql(m_connection,
                          QStringLiteral("INSERT INTO versions (parent_id, name, method, recipe, created, checkpoint, params, macs, "
                                         "nonzero_params, file_bytes, top1, top5, latency_ms, energy_pj, parameter_bytes) "
                                         "VALUES (?, COALESCE(?, ''), COALESCE(?, ''), COALESCE(?, ''), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                          {idOrNull(version.parentId), version.name, version.method, version.recipe,
                           timestamp(version.created), version.checkpoint, optional(m.params), optional(m.macs),
                           optional(m.nonzeroParams), optional(m.fileBytes), optional(m.top1), optional(m.top5),
                           optional(m.latencyMs), optional(m.energyPj), optional(m.parameterBytes)});
    const qint64 id = query.lastInsertId().toLongLong();
    transaction.commit();
    return id;
}

void Project::renameVersion(qint64 id, const QString& name)
{
    Transaction transaction(*this);
    sql(m_connection, QStringLiteral("UPDATE versions SET name = COALESCE(?, '') WHERE id = ?"), {name, id});
    transaction.commit();
}

void Project::setMetrics(qint64 id, const VersionMetrics& m)
{
    Transaction transaction(*this);
    sql(m_connection,
        QStringLiteral("UPDATE versions SET params = ?, macs = ?, nonzero_params = ?, file_bytes = ?, top1 = ?, top5 = ?, "
                       "latency_ms = ?, energy_pj = ?, parameter_bytes = ? WHERE id = ?"),
        {optional(m.params), optional(m.macs), optional(m.nonzeroParams), optional(m.fileBytes), optional(m.top1),
         optional(m.top5), optional(m.latencyMs), optional(m.energyPj), optional(m.parameterBytes), id});
    transaction.commit();
}

void Project::removeVersion(qint64 id)
{
    const std::optional<ProjectVersion> removed = version(id);
    if (!removed)
        return;
    {
        Transaction transaction(*this);
        sql(m_connection, QStringLiteral("UPDATE versions SET parent_id = ? WHERE parent_id = ?"),
            {idOrNull(removed->parentId), id});
        sql(m_connection, QStringLiteral("DELETE FROM versions WHERE id = ?"), {id});
        transaction.commit();
    }
    // After the commit: a crash between the two leaves an orphan that the next open() removes.
    QFile::remove(checkpointPath(*removed));
}

qint64 Project::startRun(const QString& title, const QString& recipe, qint64 sourceVersionId)
{
    Transaction transaction(*this);
    QSqlQuery query = sql(m_connection,
                          QStringLiteral("INSERT INTO runs (source_version_id, title, recipe, status, started) "
                                         "VALUES (?, COALESCE(?, ''), COALESCE(?, ''), 'running', ?)"),
                          {idOrNull(sourceVersionId), title, recipe, timestamp(QDateTime::currentDateTimeUtc())});
    const qint64 id = query.lastInsertId().toLongLong();
    transaction.commit();
    return id;
}

void Project::appendLog(qint64 runId, const QString& lines)
{
    Transaction transaction(*this);
    sql(m_connection,
        QStringLiteral("UPDATE runs SET log = CASE WHEN log = '' THEN COALESCE(?, '') ELSE log || char(10) || COALESCE(?, '') END "
                       "WHERE id = ?"),
        {lines, lines, runId});
    transaction.commit();
}

void Project::appendSeries(qint64 runId, const QVector<SeriesPoint>& points)
{
    if (points.isEmpty())
        return;
    Transaction transaction(*this);
    QSqlQuery query = prepare(m_connection, QStringLiteral("INSERT INTO series (run_id, series, step, value, epoch) "
                                                           "VALUES (?, ?, ?, ?, ?)"));
    for (const SeriesPoint& point : points) {
        if (!std::isfinite(point.value))
            continue; // a diverged loss: nothing to plot, and SQLite would store NULL
        query.bindValue(0, runId);
        query.bindValue(1, point.series);
        query.bindValue(2, point.step);
        query.bindValue(3, point.value);
        query.bindValue(4, std::isfinite(point.epoch) ? point.epoch : -1.0);
        execute(query);
    }
    transaction.commit();
}

void Project::finishRun(qint64 runId, const QString& status, qint64 versionId)
{
    Transaction transaction(*this);
    sql(m_connection, QStringLiteral("UPDATE runs SET status = ?, version_id = COALESCE(?, version_id), finished = ? WHERE id = ?"),
        {status, idOrNull(versionId), timestamp(QDateTime::currentDateTimeUtc()), runId});
    transaction.commit();
}

void Project::setRunVersion(qint64 runId, qint64 versionId)
{
    Transaction transaction(*this);
    sql(m_connection, QStringLiteral("UPDATE runs SET version_id = ? WHERE id = ?"), {idOrNull(versionId), runId});
    transaction.commit();
}

QList<ProjectRun> Project::runs() const
{
    QSqlQuery query = sql(m_connection, QStringLiteral("SELECT %1 FROM runs ORDER BY id").arg(kRunColumns));
    QList<ProjectRun> runs;
    while (query.next())
        runs.append(readRun(query));
    return runs;
}

std::optional<ProjectRun> Project::run(qint64 id) const
{
    QSqlQuery query = sql(m_connection, QStringLiteral("SELECT %1 FROM runs WHERE id = ?").arg(kRunColumns), {id});
    if (!query.next())
        return std::nullopt;
    return readRun(query);
}

std::optional<ProjectRun> Project::runProducing(qint64 versionId) const
{
    QSqlQuery query = sql(
        m_connection, QStringLiteral("SELECT %1 FROM runs WHERE version_id = ? ORDER BY id DESC LIMIT 1").arg(kRunColumns),
        {versionId});
    if (!query.next())
        return std::nullopt;
    return readRun(query);
}

QVector<SeriesPoint> Project::series(qint64 runId) const
{
    QSqlQuery query = sql(
        m_connection, QStringLiteral("SELECT series, step, value, epoch FROM series WHERE run_id = ? ORDER BY rowid"), {runId});
    QVector<SeriesPoint> points;
    while (query.next())
        points.append({query.value(0).toString(), query.value(1).toLongLong(), query.value(2).toDouble(),
                       query.value(3).toDouble()});
    return points;
}

QString Project::setting(const QString& key) const
{
    QSqlQuery query = sql(m_connection, QStringLiteral("SELECT value FROM settings WHERE key = ?"), {key});
    return query.next() ? query.value(0).toString() : QString();
}

void Project::setSetting(const QString& key, const QString& value)
{
    Transaction transaction(*this);
    sql(m_connection, QStringLiteral("INSERT INTO settings (key, value) VALUES (?, COALESCE(?, '')) "
                                                "ON CONFLICT(key) DO UPDATE SET value = excluded.value"),
                   {key, value});
    transaction.commit();
}

} // namespace slim::app
