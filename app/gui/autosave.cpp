#include "autosave.h"

#include "document.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QSaveFile>
#include <QFutureWatcher>
#include <QSet>
#include <QStandardPaths>
#include <QtConcurrent/QtConcurrentRun>

#include "project.h"

namespace slim::app {

namespace {
constexpr int kDefaultIntervalMs = 2 * 60 * 1000;

/// The sessions of this process, by their base path: never taken for crashed ones.
QSet<QString>& liveSessions()
{
    static QSet<QString> live;
    return live;
}
} // namespace

Autosave::Autosave(Document* document, std::function<bool(const engine::Model&)> kept, QObject* parent)
    : QObject(parent)
    , m_document(document)
    , m_kept(std::move(kept))
    // The start time too: a later process given the same id never takes this session's files.
    , m_base(QDir(folder()).filePath(QStringLiteral("session-%1-%2")
                                         .arg(QCoreApplication::applicationPid())
                                         .arg(QDateTime::currentMSecsSinceEpoch())))
{
    // Held while this session runs: pending() leaves the files of living sessions alone.
    m_lock = std::make_unique<QLockFile>(m_base + QStringLiteral(".lock"));
    m_lock->setStaleLockTime(0);
    takeLock(*m_lock, false);
    liveSessions().insert(m_base);
    m_timer.setInterval(kDefaultIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, [this] { saveNow(); });
    m_timer.start();
    // Saved, reverted or kept: nothing left to recover.
    connect(m_document, &Document::modifiedChanged, this, &Autosave::update);
    connect(m_document, &Document::modelChanged, this, &Autosave::update);
}

Autosave::~Autosave()
{
    m_write.waitForFinished(); // its callback would reach a destroyed object
    liveSessions().remove(m_base);
}

QString Autosave::folder()
{
    const QString path = QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(QStringLiteral("recovery"));
    QDir().mkpath(path);
    return path;
}

QString Autosave::checkpointPath() const
{
    return m_base + QStringLiteral(".slim");
}

void Autosave::update()
{
    if (!m_document->isModified() || m_document->isEmpty() || m_kept(m_document->model()))
        remove();
}

void Autosave::remove()
{
    QFile::remove(m_base + QStringLiteral(".json")); // first: without it the model is not offered
    QFile::remove(checkpointPath());
    m_saved.reset();
}

void Autosave::saveNow(std::function<void(bool)> done)
{
    const engine::Model model = m_document->model();
    const bool needed = m_document->isModified() && !model.isNull() && !m_kept(model)
                        && m_saved.lock() != model.sharedGraph() && !m_writing && !m_closed;
    if (!needed) {
        if (done)
            done(false);
        return;
    }
    m_writing = true;
    const QString checkpoint = checkpointPath();
    QJsonObject about;
    about.insert(QStringLiteral("name"), m_document->displayName());
    about.insert(QStringLiteral("source"), m_document->filePath());
    about.insert(QStringLiteral("saved"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    const QString sidecar = m_base + QStringLiteral(".json");
    auto* watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher, model, done] {
        const QString error = watcher->result();
        watcher->deleteLater();
        m_writing = false; // on failure, tried again at the next tick
        if (m_closed) {
            remove(); // closed while it was writing: nothing is left behind
            return;
        }
        if (error.isEmpty())
            m_saved = model.sharedGraph();
        update(); // saved or kept meanwhile: the file goes again
        if (done)
            done(error.isEmpty());
    });
    m_write = QtConcurrent::run([model, checkpoint, sidecar, about]() -> QString {
        try {
            model.save(checkpoint.toStdString()); // atomic: the old autosave or the new one
            QSaveFile file(sidecar);
            if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(about).toJson()) < 0 || !file.commit())
                return file.errorString();
            return {};
        } catch (const std::exception& error) {
            return QString::fromStdString(error.what());
        }
    });
    watcher->setFuture(m_write);
}

void Autosave::closedNormally()
{
    m_timer.stop();
    m_closed = true;
    m_write.waitForFinished(); // a write still going would bring the files back after remove()
    remove();
    if (m_lock)
        m_lock->unlock();
    QFile::remove(m_base + QStringLiteral(".lock"));
}

QList<Recovery> Autosave::pending()
{
    QList<Recovery> found;
    QDir dir(folder());
    // Every session that left files, by its base name: its lock, model, sidecar, temporary files.
    QSet<QString> bases;
    for (const QString& name : dir.entryList({QStringLiteral("session-*")}, QDir::Files)) {
        const qsizetype dot = name.indexOf(QLatin1Char('.'));
        bases.insert(dir.filePath(dot < 0 ? name : name.left(dot)));
    }
    for (const QString& base : std::as_const(bases)) {
        if (liveSessions().contains(base))
            continue; // a session of this process
        QLockFile lock(base + QStringLiteral(".lock"));
        lock.setStaleLockTime(0);
        if (!takeLock(lock, false))
            continue; // its session is still running
        lock.unlock();
        const QString checkpoint = base + QStringLiteral(".slim");
        QFile file(base + QStringLiteral(".json"));
        if (QFile::exists(checkpoint) && file.open(QIODevice::ReadOnly)) {
            const QJsonObject about = QJsonDocument::fromJson(file.readAll()).object();
            Recovery recovery;
            recovery.checkpoint = checkpoint;
            recovery.name = about.value(QStringLiteral("name")).toString();
            recovery.source = about.value(QStringLiteral("source")).toString();
            recovery.saved = QDateTime::fromString(about.value(QStringLiteral("saved")).toString(), Qt::ISODateWithMs);
            found << recovery;
            continue;
        }
        // An ended session with nothing to offer (a model without its sidecar, half a write):
        // its files go, so they do not pile up.
        for (const QString& leftover : dir.entryList({QFileInfo(base).fileName() + QStringLiteral(".*")}, QDir::Files))
            dir.remove(leftover);
    }
    return found;
}

void Autosave::discard(const Recovery& recovery)
{
    const QString base = recovery.checkpoint.chopped(5);
    QFile::remove(base + QStringLiteral(".json"));
    QFile::remove(recovery.checkpoint);
    QFile::remove(base + QStringLiteral(".lock"));
}

} // namespace slim::app
