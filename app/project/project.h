#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <QVector>

#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>

class QLockFile;

namespace slim::app {

/// Takes `lock` at once. A lock file that names this process while no lock of this process holds
/// it (`heldHere` false) was left by an earlier process that had the same id (PIDs repeat, and
/// containers start apps with the same one): it is taken over too. False when another living
/// process, or this one, holds it.
bool takeLock(QLockFile& lock, bool heldHere);

/// What went wrong with a project folder or its database; the message names the folder or
/// file and the problem, in the user's language.
class ProjectError : public std::runtime_error {
public:
    explicit ProjectError(const QString& message);
    QString message() const { return QString::fromStdString(what()); }
};

/// The figures stored with a version; a figure never measured is empty.
struct VersionMetrics {
    std::optional<qint64> params;
    std::optional<qint64> macs;
    std::optional<qint64> nonzeroParams;
    std::optional<qint64> fileBytes;       ///< the checkpoint file
    std::optional<qint64> parameterBytes;  ///< the parameters stored at their bits (the model's size)
    std::optional<double> top1;       ///< fraction, 0..1
    std::optional<double> top5;       ///< fraction, 0..1
    std::optional<double> latencyMs;  ///< measured, batch 1
    std::optional<double> energyPj;   ///< estimated per sample

    bool operator==(const VersionMetrics&) const = default;
};

/// One node of the version tree: a checkpoint and where it came from.
struct ProjectVersion {
    qint64 id = 0;
    qint64 parentId = 0;  ///< 0: a root (a baseline or an imported model)
    QString name;
    /// What made it, as a short key: "baseline", "import", "train", "prune", "compress",
    /// "quantize", "distill", "decompose" (the badge the tree shows).
    QString method;
    QString recipe;       ///< the recipe or request as JSON; empty when there was none
    QDateTime created;    ///< UTC
    QString checkpoint;   ///< relative to the project folder ("models/….slim")
    VersionMetrics metrics;
};

/// One job run against the project: what ran, how it ended and its log.
struct ProjectRun {
    qint64 id = 0;
    qint64 sourceVersionId = 0;  ///< the version it started from; 0: none
    qint64 versionId = 0;        ///< the version it produced; 0: none (failed, cancelled, no model)
    QString title;
    QString recipe;
    QString status;              ///< "running", "finished", "failed", "cancelled", "interrupted"
    QString log;
    QDateTime started;
    QDateTime finished;          ///< invalid while running
};

/// A point of a metric series (the live curves) of a run.
struct SeriesPoint {
    QString series;
    qint64 step = 0;
    double value = 0;
    double epoch = -1;

    bool operator==(const SeriesPoint&) const = default;
};

/// A Slimbench project: a folder with `project.sqlite` (SQLite in WAL mode, through Qt SQL)
/// and `models/*.slim`. It holds the version tree, every job's run with its log and metric
/// series, and a few settings. Crash safety: each change is one transaction, and a version's
/// row is committed only after its checkpoint is completely on disk, so a crash leaves at most
/// an unreferenced checkpoint, which the next open() removes. One process holds a project at a
/// time (a lock file that a killed process does not leave stale). Not thread-safe: use it from
/// the thread that opened it.
class Project {
public:
    /// The schema this build writes; open() migrates older ones up to it.
    static constexpr int kSchemaVersion = 3;
    static QString databaseFileName() { return QStringLiteral("project.sqlite"); }

    /// Creates a project in `folder` (made if missing; it must hold no project yet).
    static std::unique_ptr<Project> create(const QString& folder);
    /// Opens the project in `folder`, migrating its schema when it is older. Refuses one written
    /// by a newer Slimbench, a file that is not a project, and a project another process holds.
    /// Runs left "running" by a process that died become "interrupted".
    static std::unique_ptr<Project> open(const QString& folder);
    /// For tests of migrations: creates a project whose schema stops at `schemaVersion`.
    static std::unique_ptr<Project> createAtSchema(const QString& folder, int schemaVersion);
    ~Project();

    Project(const Project&) = delete;
    Project& operator=(const Project&) = delete;

    QString folder() const { return m_folder; }
    /// The project's name: its folder's name.
    QString name() const;
    int schemaVersion() const;
    /// Unreferenced checkpoints that open() removed (left by a crash before their row was added).
    int removedOrphans() const { return m_removedOrphans; }

    // The version tree.
    QList<ProjectVersion> versions() const;  ///< in creation order
    std::optional<ProjectVersion> version(qint64 id) const;
    QString checkpointPath(const ProjectVersion& version) const;
    /// Adds `version` (its id, checkpoint and, when invalid, creation time are assigned):
    /// `writeCheckpoint` is given the absolute path to write the checkpoint to and must have
    /// written it completely when it returns (it may throw; then nothing is added). The row is
    /// committed only afterwards. `fileBytes` is measured when not given. Returns the new id.
    qint64 addVersion(ProjectVersion version, const std::function<void(const QString& path)>& writeCheckpoint);
    /// addVersion() in two halves, so the checkpoint can be written on another thread:
    /// prepareVersion() checks the parent and assigns the creation time and checkpoint name;
    /// commitVersion() adds the row once checkpointPath() holds the complete file.
    ProjectVersion prepareVersion(ProjectVersion version) const;
    qint64 commitVersion(ProjectVersion version);
    void renameVersion(qint64 id, const QString& name);
    void setMetrics(qint64 id, const VersionMetrics& metrics);
    /// Removes a version and its checkpoint; its children move to its parent.
    void removeVersion(qint64 id);

    // Runs, logs and curves.
    qint64 startRun(const QString& title, const QString& recipe, qint64 sourceVersionId);
    void appendLog(qint64 runId, const QString& lines);
    /// Appends points to a run's series, in one transaction.
    void appendSeries(qint64 runId, const QVector<SeriesPoint>& points);
    void finishRun(qint64 runId, const QString& status, qint64 versionId = 0);
    /// Records that run `runId` produced version `versionId` (its checkpoint was written after
    /// the run finished).
    void setRunVersion(qint64 runId, qint64 versionId);
    QList<ProjectRun> runs() const;
    std::optional<ProjectRun> run(qint64 id) const;
    /// The run that produced `versionId`, if any.
    std::optional<ProjectRun> runProducing(qint64 versionId) const;
    QVector<SeriesPoint> series(qint64 runId) const;

    // Small settings: "selected_version", "teacher_version".
    QString setting(const QString& key) const;
    void setSetting(const QString& key, const QString& value);

private:
    Project(const QString& folder, std::unique_ptr<QLockFile> lock);
    void openDatabase(bool creating);
    void migrate(int targetVersion);
    void removeOrphanedCheckpoints();
    class Transaction;

    QString m_folder;
    QString m_connection;
    std::unique_ptr<QLockFile> m_lock;
    int m_removedOrphans = 0;
};

} // namespace slim::app
