#include "autosave.h"

#include "backgroundtask.h"
#include "document.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QSaveFile>
#include <QStandardPaths>

namespace slim::app {

namespace {
constexpr int kDefaultIntervalMs = 2 * 60 * 1000;
}

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
    m_lock->tryLock(0);
    m_timer.setInterval(kDefaultIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, [this] { saveNow(); });
    m_timer.start();
    // Saved, reverted or kept: nothing left to recover.
    connect(m_document, &Document::modifiedChanged, this, &Autosave::update);
    connect(m_document, &Document::modelChanged, this, &Autosave::update);
}

Autosave::~Autosave() = default;

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
                        && m_saved.lock() != model.sharedGraph() && !m_writing;
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
    runInBackground<bool>(
        this,
        [model, checkpoint, sidecar, about] {
            model.save(checkpoint.toStdString()); // atomic: the old autosave or the new one
            QSaveFile file(sidecar);
            if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(about).toJson()) < 0 || !file.commit())
                throw std::runtime_error(file.errorString().toStdString());
            return true;
        },
        [this, model, done](bool) {
            m_writing = false;
            m_saved = model.sharedGraph();
            update(); // saved or kept meanwhile: the file goes again
            if (done)
                done(true);
        },
        [this, done](const QString&) {
            m_writing = false; // tried again at the next tick
            if (done)
                done(false);
        });
}

void Autosave::closedNormally()
{
    m_timer.stop();
    remove();
    if (m_lock)
        m_lock->unlock();
    QFile::remove(m_base + QStringLiteral(".lock"));
}

QList<Recovery> Autosave::pending()
{
    QList<Recovery> found;
    const QDir dir(folder());
    for (const QString& name : dir.entryList({QStringLiteral("session-*.json")}, QDir::Files)) {
        const QString base = dir.filePath(name.chopped(5));
        QLockFile lock(base + QStringLiteral(".lock"));
        lock.setStaleLockTime(0);
        if (!lock.tryLock(0))
            continue; // its session is still running
        lock.unlock();
        QFile file(dir.filePath(name));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QJsonObject about = QJsonDocument::fromJson(file.readAll()).object();
        Recovery recovery;
        recovery.checkpoint = base + QStringLiteral(".slim");
        recovery.name = about.value(QStringLiteral("name")).toString();
        recovery.source = about.value(QStringLiteral("source")).toString();
        recovery.saved = QDateTime::fromString(about.value(QStringLiteral("saved")).toString(), Qt::ISODateWithMs);
        if (QFile::exists(recovery.checkpoint))
            found << recovery;
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
