#pragma once

#include "model.h"

#include <QDateTime>
#include <QFuture>
#include <QObject>
#include <QString>
#include <QTimer>

#include <functional>
#include <memory>
#include <optional>

class QLockFile;

namespace slim::app {

class Document;

/// A model an earlier session had not saved when it ended without closing (a crash, a kill,
/// a power cut), as its last autosave left it.
struct Recovery {
    QString checkpoint;  ///< the autosaved model
    QString name;        ///< what the window called it
    QString source;      ///< the file it came from; empty when it had none
    QDateTime saved;     ///< when it was autosaved (UTC)
};

/// Autosave of unsaved documents: every `interval` the document's model, when it has changes
/// that neither a file nor the open project keeps, is written (on a worker thread, atomically)
/// to a recovery file of this session's own under the app's data folder. The file goes when the
/// changes are saved or kept, and when the window closes normally; one left behind by a session
/// that did not close is offered at the next start (pending()). Sessions running side by side
/// each hold their own (a lock file says which are alive). UI thread only.
class Autosave : public QObject {
    Q_OBJECT
public:
    /// `kept` says whether a model is kept elsewhere (a version of the open project).
    Autosave(Document* document, std::function<bool(const engine::Model&)> kept, QObject* parent = nullptr);
    ~Autosave() override;

    /// The folder recovery files live in (created when missing).
    static QString folder();
    /// Recovery files of sessions that ended without closing; their owners are gone.
    static QList<Recovery> pending();
    /// Removes a recovery (restored or declined).
    static void discard(const Recovery& recovery);

    void setInterval(int milliseconds) { m_timer.setInterval(milliseconds); }
    /// Autosaves now if there is something to save; `done` learns whether a file was written.
    void saveNow(std::function<void(bool)> done = {});
    /// The window closed normally: this session's recovery file goes.
    void closedNormally();
    QString checkpointPath() const;

private:
    void update();
    void remove();

    Document* m_document;
    std::function<bool(const engine::Model&)> m_kept;
    QTimer m_timer;
    std::unique_ptr<QLockFile> m_lock;
    QString m_base;  ///< folder/session-<pid>: .slim, .json, .lock
    std::weak_ptr<const engine::graph::Graph> m_saved;  ///< the model the file holds
    bool m_writing = false;
    bool m_closed = false;
    QFuture<QString> m_write;  ///< the write going on, if any (waited for at close)
};

} // namespace slim::app
